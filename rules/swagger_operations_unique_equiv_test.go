package rules

import (
	"encoding/json"
	"fmt"
	"math/rand"
	"strings"
	"testing"

	"github.com/connectorlint/connectorlint/connector"
)

// TestOperationPathUniqueEquivalence checks checkOperationPathUnique (hash tables of indexes)
// against the version it replaced (maps keyed by strings) on random swaggers whose paths differ
// in case, variable names and runes that lower-case to ASCII, and, when it is there, on the corpus.
func TestOperationPathUniqueEquivalence(t *testing.T) {
	oldRule := *operationPathUniqueRule
	oldRule.Check = oldCheckOperationPathUnique
	findings, vars := 0, 0
	same := func(c *connector.Connector) {
		show := func(r *Rule) string {
			b, _ := json.Marshal(Lint(c, &Config{Rules: []*Rule{r}}))
			return string(b)
		}
		got, want := show(operationPathUniqueRule), show(&oldRule)
		if got != want {
			t.Fatalf("%s:\n%s\nwant\n%s", c.Swagger.Src, got, want)
		}
		findings += strings.Count(got, "only in capitalization")
		vars += strings.Count(got, "only in variable names")
	}
	frags := []string{"/", "a", "A", "{id}", "{x}", "\u212a", "k", "K", "\u0130", "i", "\u00e9", "\u00c9", "\\u0000", "x-", "abcdefgh", "ABCDEFGH", "/{id}", "/{y}", "/{Id}"}
	r := rand.New(rand.NewSource(7))
	for n := 0; n < 3000; n++ {
		var b strings.Builder
		b.WriteString(`{"swagger":"2.0","paths":{`)
		for k := r.Intn(20); k >= 0; k-- {
			var p strings.Builder
			if r.Intn(8) > 0 {
				p.WriteString("/")
			}
			for j := r.Intn(4); j > 0; j-- {
				p.WriteString(frags[r.Intn(len(frags))])
			}
			fmt.Fprintf(&b, `"%s":{"%s":{}},`, p.String(), connector.Methods[r.Intn(2)])
		}
		b.WriteString(`"/z":{}}}`)
		same(connector.FromMemory("c", connector.Certified, map[string][]byte{"apiDefinition.swagger.json": []byte(b.String())}))
	}
	if findings < 200 || vars < 100 {
		t.Fatalf("only %d and %d findings on random swaggers", findings, vars)
	}
	eachCorpusConnector(func(c *connector.Connector) { same(c) })
}

func oldCheckOperationPathUnique(p *Pass) error {
	paths := opPaths(p.API)
	firstPath := make(map[string]opPathEntry, len(paths))
	for _, e := range paths {
		if strings.HasPrefix(e.path, "x-") {
			continue
		}
		k := strings.ToLower(e.path)
		prev, seen := firstPath[k]
		if !seen {
			firstPath[k] = e
			continue
		}
		if prev.path != e.path {
			p.SwaggerKey(e.node, "path %q differs from %q only in capitalization; merge them into one path", e.path, prev.path).
				WithRelated(p.C.Swagger, prev.node, "first defined here")
		}
	}
	type opKey struct{ method, norm string }
	ts := opTemplates(p.API)
	firstOp := make(map[opKey]int, len(ts)) // index in ts
	for i, t := range ts {
		k := opKey{t.op.Method, t.norm}
		j, seen := firstOp[k]
		if !seen {
			firstOp[k] = i
			continue
		}
		prev := &ts[j]
		if strings.EqualFold(prev.op.Path, t.op.Path) {
			continue // the same path: PathRedefined or a duplicate key
		}
		p.SwaggerKey(t.op.PathItem, "%s and %s differ only in variable names, so calls cannot be routed; make a static segment differ", opLabel(*t.op), opLabel(*prev.op)).
			WithRelated(p.C.Swagger, prev.op.PathItem, "the other template")
	}
	return nil
}
