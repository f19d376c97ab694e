package connector

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// seedJSON adds every JSON section of the rule fixtures to the corpus.
func seedJSON(f *testing.F) {
	paths, _ := filepath.Glob("../testdata/rules/*/*.txtar")
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			continue
		}
		for _, sec := range strings.Split(string(data), "\n-- ") {
			name, body, ok := strings.Cut(sec, " --\n")
			if ok && strings.HasSuffix(name, ".json") {
				f.Add([]byte(body))
			}
		}
	}
	for _, s := range []string{``, `{}`, `[]`, `{"a":`, "\uFEFF{}", `{"a": "\ud800"}`, `{"a": 1,}`, "{\"a\": \"\x01\"}", `{"$ref": "#/"}`} {
		f.Add([]byte(s))
	}
}

// FuzzParse checks that the loader never panics, that every node lies inside its parent and the file,
// that pointers round-trip, and that it agrees with encoding/json on what is strict JSON.
func FuzzParse(f *testing.F) {
	seedJSON(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		d := Parse("fuzz.json", data)
		for i, n := range d.Nodes {
			if d.Root == None {
				break // a fatal problem leaves unfinished nodes behind; they are never used
			}
			if n.Start < 0 || n.End < n.Start || int(n.End) > len(data) {
				t.Fatalf("node %d range %d..%d outside %d bytes", i, n.Start, n.End, len(data))
			}
			if n.Parent != None {
				p := d.Nodes[n.Parent]
				if n.Start < p.Start || n.End > p.End {
					t.Fatalf("node %d outside its parent", i)
				}
			}
		}
		for _, p := range d.Problems {
			if p.Start < 0 || p.End < p.Start || p.End > len(data) {
				t.Fatalf("problem range %d..%d outside %d bytes", p.Start, p.End, len(data))
			}
		}
		if d.Root == None {
			if json.Valid(data) && !(len(data) >= 3 && data[0] == 0xEF) {
				if !strings.Contains(d.Fatal().Message, "nesting") {
					t.Fatalf("encoding/json accepts what we reject: %v", d.Problems)
				}
			}
			return
		}
		if len(d.Problems) == 0 && !json.Valid(trimBOM(data)) {
			t.Fatalf("we accept without a problem what encoding/json rejects")
		}
		for i := range d.Nodes {
			if i > 200 {
				break
			}
			if got := d.Lookup(d.Pointer(NodeID(i))); got != NodeID(i) && !hasDuplicates(d) {
				t.Fatalf("pointer %q of node %d resolves to %d", d.Pointer(NodeID(i)), i, got)
			}
		}
		_ = NewLines(data).Pos(len(data))
		for i := range d.Nodes {
			d.Resolve(NodeID(i))
		}
	})
}

func trimBOM(b []byte) []byte {
	if len(b) >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF {
		return b[3:]
	}
	return b
}

func hasDuplicates(d *Doc) bool {
	for _, p := range d.Problems {
		if p.Kind == ProblemDuplicateKey {
			return true
		}
	}
	return false
}
