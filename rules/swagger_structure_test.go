package rules

import (
	"fmt"
	"math/rand"
	"slices"
	"strings"
	"testing"

	"github.com/connectorlint/connectorlint/connector"
)

// stKeyOfPlain is stKeyOfMember written plainly: decode the key, then look it up.
func stKeyOfPlain(d *connector.Doc, c connector.NodeID) (stKey, bool) {
	k := d.Key(c)
	if stIsExtension(k) {
		if k == "x-ms-notification-content" {
			return stKeyNotification, true
		}
		return stKeyOther, true
	}
	return stKeyOf(k), false
}

// stKeyOfMember agrees with the plain lookup on every member of the corpus's swagger files and on
// names written with escapes, in odd cases, or close to the known ones.
func TestStKeyOfMemberMatchesPlain(t *testing.T) {
	var keys []string
	for _, name := range stKeyNames[1:] {
		keys = append(keys, name, strings.ToUpper(name), name+"s", name[:len(name)-1], "x-"+name)
		// one byte changed or escaped, at the start, in the middle and at the end
		for _, i := range []int{0, len(name) / 2, len(name) - 1} {
			keys = append(keys, name[:i]+"Q"+name[i+1:], name[:i]+fmt.Sprintf(`\u%04x`, name[i])+name[i+1:])
		}
		// the same name with its last or first byte escaped
		keys = append(keys, name[:len(name)-1]+`\u00`+strings.ToLower(string("0123456789ABCDEF"[name[len(name)-1]>>4]))+string("0123456789abcdef"[name[len(name)-1]&15]))
		keys = append(keys, `\u00`+string("0123456789abcdef"[name[0]>>4])+string("0123456789abcdef"[name[0]&15])+name[1:])
	}
	keys = append(keys, "", "x", "x-", `x\u002dms`, `\"`, "é", "x-ms-summary", "\\\\")
	var b strings.Builder
	b.WriteString("{")
	for i, k := range keys {
		if i > 0 {
			b.WriteString(",")
		}
		b.WriteString(`"` + k + `":1`)
	}
	b.WriteString("}")
	docs := []*connector.Doc{connector.Parse("keys.json", []byte(b.String()))}
	if docs[0].Root == connector.None {
		t.Fatal("bad JSON:", b.String())
	}
	for f, src := range corpusSwaggerFiles(t) {
		docs = append(docs, connector.Parse(f, src))
	}
	n := 0
	for _, d := range docs {
		for c := range d.Nodes {
			nd := &d.Nodes[c]
			if nd.KeyStart < 0 {
				continue
			}
			n++
			k1, e1 := stKeyOfMember(d, connector.NodeID(c), nd)
			k2, e2 := stKeyOfPlain(d, connector.NodeID(c))
			if k1 != k2 || e1 != e2 {
				t.Fatalf("%s: key %s: got %d %v, want %d %v", d.Name, d.Src[nd.KeyStart:nd.KeyEnd], k1, e1, k2, e2)
			}
		}
	}
	t.Logf("%d members in %d documents", n, len(docs))
}

// stValOf finds every word of stValWords.
func TestStValOfWords(t *testing.T) {
	for i, w := range stValWords {
		if got := stValOf([]byte(w)); got != stvWords+stVal(i) {
			t.Errorf("stValOf(%q) = %d, want %d", w, got, stvWords+stVal(i))
		}
	}
	for w, v := range map[string]stVal{"string": stvString, "number": stvNumber, "integer": stvInteger,
		"boolean": stvBoolean, "array": stvArray, "object": stvObject, "null": stvNull, "file": stvFile} {
		if got := stValOf([]byte(w)); got != v {
			t.Errorf("stValOf(%q) = %d, want the constant %d", w, got, v)
		}
	}
	// near misses of every word: one byte changed, cut, extended, or another case
	isWord := func(s string) bool { return slices.Contains(stValWords, s) }
	for _, w := range stValWords {
		near := []string{w[:len(w)-1], w + "s", strings.ToUpper(w), strings.ToUpper(w[:1]) + w[1:]}
		for i := range w {
			for _, c := range []byte{'z', '\\', w[i] ^ 0x20, w[i] + 32, w[i] - 32} {
				near = append(near, w[:i]+string(c)+w[i+1:])
			}
		}
		for _, x := range near {
			if got := stValOf([]byte(x)); !isWord(x) && got != stvOther {
				t.Errorf("stValOf(%q) = %d, want stvOther", x, got)
			}
		}
	}
	for _, w := range []string{"", "a", "bod", "bodyy", "Body", "formDatas", `b\u006fdy`} {
		if got := stValOf([]byte(w)); got != stvOther {
			t.Errorf("stValOf(%q) = %d, want stvOther", w, got)
		}
	}
}

// One stSeen reused over many arrays, short and long (past stSeenLinear, where its maps take over),
// finds the same duplicates and first occurrences as a plain map of stCanon texts.
func TestStSeenReusedMatchesPlain(t *testing.T) {
	r := rand.New(rand.NewSource(4))
	vals := []string{`"a"`, `"b"`, `"\u0061"`, `"A"`, `1`, `1.0`, `10e-1`, `true`, `null`, `{"x":1,"y":2}`, `{"y":2,"x":1}`,
		`[1,2]`, `"\ufffd"`, `"\ud800"`, `"é"`, `"e\u0301"`}
	seen := new(stSeen)
	for i := 0; i < 2000; i++ {
		n := r.Intn(40)
		var es []string
		for j := 0; j < n; j++ {
			if r.Intn(3) == 0 {
				es = append(es, vals[r.Intn(len(vals))])
			} else {
				es = append(es, fmt.Sprintf(`"v%d"`, r.Intn(2*n+1)))
			}
		}
		d := connector.Parse("a.json", []byte("["+strings.Join(es, ",")+"]"))
		if d.Root == connector.None {
			t.Fatal("bad JSON")
		}
		plain := map[string]connector.NodeID{}
		seen.reset()
		for _, e := range d.Elems(d.Root) {
			c := stCanon(d, e)
			f0, dup0 := plain[c]
			if !dup0 {
				plain[c] = e
				f0 = connector.None
			}
			_, f, dup := seen.add(d, e)
			if dup != dup0 || f != f0 {
				t.Fatalf("array %s, element %s: dup %v first %d, want %v %d", d.Src, d.Raw(e), dup, f, dup0, f0)
			}
		}
	}
}
