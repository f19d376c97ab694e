package rules

import (
	"fmt"
	"math/rand"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/connectorlint/connectorlint/connector"
)

// The tests below check fast helpers against the plain code they replace.

// paTemplateVars finds what the regular expression \{([^{}/]+)\} finds.
func TestTemplateVarsMatchRegexp(t *testing.T) {
	re := regexp.MustCompile(`\{([^{}/]+)\}`)
	alpha := []string{"{", "}", "/", "a", "b", "\xff", "é", "{x}"}
	r := rand.New(rand.NewSource(1))
	for i := 0; i < 50000; i++ {
		var sb strings.Builder
		for j := r.Intn(12); j > 0; j-- {
			sb.WriteString(alpha[r.Intn(len(alpha))])
		}
		s := sb.String()
		var want []string
		for _, m := range re.FindAllStringSubmatch(s, -1) {
			want = append(want, m[1])
		}
		if got := paTemplateVars(s); !slices.Equal(got, want) {
			t.Fatalf("%q: got %q, want %q", s, got, want)
		}
	}
}

// paKeyOf(a, b, c) values are equal exactly when the NUL-joined strings are.
func TestPaKeyMatchesJoin(t *testing.T) {
	parts := []string{"", "a", "\x00", "a\x00", "\x00b", "a\x00b"}
	var keys []paKey
	var joins []string
	for _, a := range parts {
		for _, b := range parts {
			for _, c := range parts {
				keys = append(keys, paKeyOf(a, b, c))
				joins = append(joins, a+"\x00"+b+"\x00"+c)
			}
		}
	}
	for i := range keys {
		for j := range keys {
			if (keys[i] == keys[j]) != (joins[i] == joins[j]) {
				t.Fatalf("%q vs %q", joins[i], joins[j])
			}
		}
	}
}

// plainSchemaSize is schema-limits' measure without the per-schema memory: every $ref expanded
// afresh, a $ref back to a schema on the current path cut, stopping once the count passes limit.
func plainSchemaSize(a *connector.API, root connector.NodeID, limit int, onPath []bool) (count, depth int) {
	var walk func(n connector.NodeID, d int)
	walk = func(n connector.NodeID, d int) {
		if count > limit {
			return
		}
		t := a.R(n)
		if a.Kind(t) != connector.Object || onPath[t] {
			return
		}
		count++
		depth = max(depth, d)
		onPath[t] = true
		a.SchemaChildren(t, func(c connector.NodeID) { walk(c, d+1) })
		onPath[t] = false
	}
	walk(root, 0)
	return count, depth
}

// rsSizer agrees with plainSchemaSize on random definitions that refer to each other (cycles
// included) and to schemas outside the definitions: the same verdict against the limit and, under
// it, the same count and depth.
func TestSchemaSizerMatchesPlainWalk(t *testing.T) {
	r := rand.New(rand.NewSource(2))
	var schema func(depth, n int) string
	schema = func(depth, n int) string {
		if depth > 3 || r.Intn(4) == 0 {
			if r.Intn(2) == 0 {
				switch r.Intn(5) {
				case 0:
					return `{"$ref":"#/extra"}`
				case 1:
					return `{"$ref":"#/definitions/D0/properties/p1"}`
				}
				return fmt.Sprintf(`{"$ref":"#/definitions/D%d"}`, r.Intn(n))
			}
			return `{}`
		}
		var parts []string
		for k := r.Intn(4); k > 0; k-- {
			parts = append(parts, fmt.Sprintf(`"p%d":%s`, k, schema(depth+1, n)))
		}
		s := `{"properties":{` + strings.Join(parts, ",") + `}`
		if r.Intn(3) == 0 {
			s += `,"items":` + schema(depth+1, n)
		}
		if r.Intn(4) == 0 {
			s += `,"allOf":[` + schema(depth+1, n) + `,` + schema(depth+1, n) + `]`
		}
		return s + `}`
	}
	for i := 0; i < 1000; i++ {
		n := 1 + r.Intn(6)
		var defs []string
		for j := 0; j < n; j++ {
			defs = append(defs, fmt.Sprintf(`"D%d":%s`, j, schema(0, n)))
		}
		src := `{"definitions":{` + strings.Join(defs, ",") + `},"extra":` + schema(0, n) +
			`,"responses":{"r":{"schema":` + schema(0, n) + `}}}`
		d := connector.Parse("x", []byte(src))
		if d.Root == connector.None {
			t.Fatal("bad JSON:", src)
		}
		a := connector.NewAPI(d)
		for _, limit := range []int{0, 1, 3, 7, 20, 100} {
			onPath := make([]bool, len(a.Nodes))
			z := rsNewSizer(a)
			for _, root := range a.SchemaRoots() {
				c1, d1 := plainSchemaSize(a, root, limit, onPath)
				c2, d2 := z.size(root, limit)
				if (c1 > limit) != (c2 > limit) || (c1 <= limit && (c1 != c2 || d1 != d2)) {
					t.Fatalf("%s\nlimit %d, root %s: plain %d/%d, sizer %d/%d", src, limit, a.Pointer(root), c1, d1, c2, d2)
				}
			}
		}
	}
}
