package connector

import (
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// sameParse reports how Parse's and refParse's documents differ ("" when they do not): nodes (also
// the unfinished ones a fatal problem leaves), member tables, line starts, problems; and whether the
// line starts of a file that parses are those of a plain scan.
func sameParse(src []byte) string {
	a, b := Parse("x.json", src), refParse("x.json", src)
	switch {
	case a.Root != b.Root:
		return "root"
	case !slices.Equal(a.Nodes, b.Nodes):
		return "nodes"
	case !slices.Equal(a.memb, b.memb):
		return "member lists"
	case !slices.Equal(a.off, b.off):
		return "member offsets"
	case !slices.Equal(a.lines, b.lines):
		return "line starts"
	case !reflect.DeepEqual(a.Problems, b.Problems):
		return "problems"
	}
	// A file that parses has its line breaks between tokens or in comments, where the parser records
	// them: the line starts must be those of a plain scan.
	if a.Root != None {
		l := NewLines(src)
		l.build()
		if !slices.Equal(a.lines, l.starts) {
			return "line starts (against a scan of the file)"
		}
	}
	return ""
}

func TestParseMatchesReference(t *testing.T) {
	var n int
	filepath.Walk("../../shared/corpus", func(p string, fi os.FileInfo, err error) error {
		if err != nil || fi.IsDir() || !strings.HasSuffix(strings.ToLower(p), ".json") {
			return nil
		}
		src, err := os.ReadFile(p)
		if err != nil {
			return nil
		}
		n++
		if diff := sameParse(src); diff != "" {
			t.Errorf("%s: %s differ from the reference parser's", p, diff)
		}
		return nil
	})
	if n == 0 {
		t.Skip("no corpus at ../../shared/corpus")
	}
}

func FuzzParseReference(f *testing.F) {
	seedJSON(f)
	for _, s := range []string{"{\n  \"a\": 1,\n  \"b\": [\n    true,\n    null\n  ]\n}\n", "{\"a\" : \"b\" , \"c\":{}}", "[1,\r\n\t2 ,\n3]", "{\"a\": \"\xff\x01\"}",
		strings.Repeat("[", 40) + strings.Repeat("]", 40), // more nodes than Parse guesses: add grows its arrays
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		if diff := sameParse(src); diff != "" {
			t.Fatalf("%s differ from the reference parser's", diff)
		}
	})
}
