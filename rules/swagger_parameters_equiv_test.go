package rules

import (
	"fmt"
	"math/rand"
	"os"
	"strings"
	"testing"

	"github.com/connectorlint/connectorlint/connector"
)

// TestPaElemsEquivalence checks paElems (the written parameters found once) against the lookups it
// replaced (swR, then Get of "in" and "name" per element) on random swaggers and, when it is there,
// on the corpus.
func TestPaElemsEquivalence(t *testing.T) {
	same := func(a *connector.API) {
		it := newPaElems(a)
		holders := swRefHolders(a.Doc)
		for _, list := range paParamLists(a) {
			for _, e := range a.Elems(list) {
				w := it.next(a, e)
				wn := swR(a, holders, e)
				wname, wok := a.Str(a.Get(wn, "name"))
				if w == nil {
					if a.Kind(wn) == connector.Object {
						t.Fatalf("%s: element %d: no parameter", a.Src, e)
					}
					continue
				}
				if w.N != wn || w.In != paIn(a, wn) || w.Name != wname || w.NameOK != wok || w.dup != paDupDigest(w.In, w.Name) {
					t.Fatalf("%s: element %d: got %d %q %q %v, want %d %q %q %v", a.Src, e, w.N, w.In, w.Name, w.NameOK, wn, paIn(a, wn), wname, wok)
				}
			}
		}
		if len(it.inline) != 0 {
			t.Fatalf("%s: %d written parameters left", a.Src, len(it.inline))
		}
	}
	r := rand.New(rand.NewSource(5))
	pick := func(xs ...string) string { return xs[r.Intn(len(xs))] }
	param := func() string {
		switch r.Intn(8) {
		case 0:
			return `{"$ref": "#/parameters/` + pick("a", "b", "c", "r", "x") + `"}`
		case 1:
			return pick(`"s"`, `1`, `[]`, `{"$ref": 3}`, `{"$ref": "#/definitions/d"}`)
		}
		var b strings.Builder
		b.WriteString("{")
		for j := r.Intn(4); j >= 0; j-- {
			switch r.Intn(5) {
			case 0:
				fmt.Fprintf(&b, `"in": %s,`, pick(`"query"`, `"header"`, `"body"`, `"a\u0000b"`, `2`))
			case 1:
				fmt.Fprintf(&b, `"name": %s,`, pick(`"id"`, `"ID"`, `"x\u0000y"`, `"\u00e9"`, `""`, `null`))
			case 2:
				b.WriteString(`"x-ms-summary": "S",`)
			default:
				fmt.Fprintf(&b, `"type": %q,`, pick("string", "integer"))
			}
		}
		b.WriteString(`"z": 0}`)
		return b.String()
	}
	list := func() string {
		var ps []string
		for j := r.Intn(5); j > 0; j-- {
			ps = append(ps, param())
		}
		return "[" + strings.Join(ps, ",") + "]"
	}
	for n := 0; n < 3000; n++ {
		var b strings.Builder
		b.WriteString(`{"swagger": "2.0", "parameters": {`)
		for _, k := range []string{"a", "b", "c", "r"} {
			if r.Intn(3) > 0 {
				fmt.Fprintf(&b, "%q: %s,", k, param())
			}
		}
		b.WriteString(`"z": {"in": "query", "name": "z"}}, "definitions": {"d": {"in": "path", "name": "d"}}, "paths": {`)
		for i := r.Intn(4); i > 0; i-- {
			fmt.Fprintf(&b, `"/p%d": {`, i)
			if r.Intn(2) == 0 {
				fmt.Fprintf(&b, `"parameters": %s,`, list())
			}
			fmt.Fprintf(&b, `"get": {"parameters": %s, "responses": {}}, "post": {"responses": {}}},`, list())
		}
		b.WriteString(`"/q": {}}}`)
		same(connector.NewAPI(connector.Parse("a.json", []byte(b.String()))))
	}
	eachCorpusConnector(func(c *connector.Connector) { same(c.API()) })
}

// TestPaDupDigest checks that parameters with equal paDupKeys have equal paDupDigests, on short
// strings made of parts chosen to collide: NULs, case, and runes that lower-case to ASCII.
func TestPaDupDigest(t *testing.T) {
	parts := []string{"a", "A", "\x00", "\u212a", "k", "K", "\u0130", "i", "I", "\u00e9", "header", "h"}
	ins := []string{"header", "query", "Header", "head\x00er", "head", "header\x00a", "", "\x00"}
	type pr struct{ in, name string }
	var ps []pr
	r := rand.New(rand.NewSource(3))
	for n := 0; n < 3000; n++ {
		var b strings.Builder
		for j := r.Intn(4); j > 0; j-- {
			b.WriteString(parts[r.Intn(len(parts))])
		}
		ps = append(ps, pr{ins[r.Intn(len(ins))], b.String()})
	}
	for _, x := range ps {
		for _, y := range ps {
			if paDupKey(x.in, x.name) == paDupKey(y.in, y.name) && paDupDigest(x.in, x.name) != paDupDigest(y.in, y.name) {
				t.Fatalf("%q %q and %q %q: equal keys, different digests", x.in, x.name, y.in, y.name)
			}
		}
	}
}

// TestPaInternalPropsEquivalence checks paInternalPropsOnce (only the schemas that own an internal
// property look up their properties) against the version it replaced, on the corpus.
func TestPaInternalPropsEquivalence(t *testing.T) {
	if _, err := os.Stat("../../shared/corpus"); err != nil {
		t.Skip()
	}
	collect := func(f func(*connector.API, func(connector.NodeID, bool)), a *connector.API) string {
		var b strings.Builder
		f(a, func(n connector.NodeID, req bool) { fmt.Fprintf(&b, "%d %v\n", n, req) })
		return b.String()
	}
	eachCorpusConnector(func(c *connector.Connector) {
		a := c.API()
		if got, want := collect(paInternalPropsOnce, a), collect(oldPaInternalPropsOnce, a); got != want {
			t.Fatalf("%s:\n%s\nwant\n%s", c.Dir, got, want)
		}
	})
}

func oldPaInternalPropsOnce(a *connector.API, fn func(prop connector.NodeID, required bool)) {
	internal := swInternal(a.Doc) // a.Internal
	paWalkInputSchemas(a, func(s connector.NodeID, _ bool) {
		props := a.Get(s, "properties")
		if a.Kind(props) != connector.Object {
			return
		}
		var req map[string]bool // built at the first internal property: most schemas have none
		for k, prop := range a.Members(props) {
			if internal.has(prop) {
				if req == nil {
					req = map[string]bool{}
					for _, e := range a.Elems(a.Get(s, "required")) {
						req[a.String(e)] = true
					}
				}
				fn(prop, req[k])
			}
		}
	})
}
