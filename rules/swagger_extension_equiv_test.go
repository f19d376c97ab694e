package rules

import (
	"cmp"
	"fmt"
	"math/rand"
	"slices"
	"strings"
	"testing"

	"github.com/connectorlint/connectorlint/connector"
)

// TestExExtensionsEquivalence checks exExtensionsOnce (places kept for the current path from the
// root) against the version it replaced (a place per node) on random documents and, when it is
// there, on the corpus.
func TestExExtensionsEquivalence(t *testing.T) {
	same := func(d *connector.Doc) {
		show := func(es []exExt) string {
			var b strings.Builder
			for _, e := range es {
				fmt.Fprintf(&b, "%d %d %d %+v\n", e.Member, e.Obj, e.Place, *e.exName)
			}
			return b.String()
		}
		if got, want := show(exExtensionsOnce(d)), show(oldExExtensionsOnce(d)); got != want {
			t.Fatalf("%s:\n%v\nwant\n%v", d.Src, got, want)
		}
	}
	keys := []string{"x-ms-summary", "x-ms-visibility", "x-foo", "paths", "/a", "get", "post", "parameters", "responses",
		"200", "schema", "properties", "items", "definitions", "p", "default", "example", "info", "x-ms-trigger",
		"allOf", "additionalProperties", "headers", "securityDefinitions", "x-ms-connector-metadata", "X-ms-bad"}
	g := &randomJSON{r: rand.New(rand.NewSource(9)), keys: keys, leaves: []string{`"v"`}, n: 6, nLeaf: 1}
	for n := 0; n < 5000; n++ {
		same(connector.Parse("a.json", g.doc()))
	}
	eachCorpusConnector(func(c *connector.Connector) { same(c.API().Doc) })
}

func oldExExtensionsOnce(d *connector.Doc) []exExt {
	// The candidates of swKeyScan are few; each needs the place of its object, computed from the
	// parent chain on demand (places[n] holds the place of container n plus one, 0 when not yet
	// computed). The candidates come in node order: members of one object in order but interleaved
	// with those of nested objects, so a stable sort by object restores the order object by object.
	places := make([]exPlace, len(d.Nodes))
	var chain []connector.NodeID
	placeOf := func(n connector.NodeID) exPlace {
		for c := n; places[c] == 0; c = d.Nodes[c].Parent {
			chain = append(chain, c)
			if d.Nodes[c].Parent == connector.None {
				break
			}
		}
		for i := len(chain) - 1; i >= 0; i-- {
			c := chain[i]
			pl := exPlData // a node without a parent other than the root, and anything inside data
			if obj := d.Nodes[c].Parent; obj != connector.None {
				if ppl := places[obj] - 1; ppl != exPlData {
					pl = exChildPlace(ppl, d.Nodes[obj].Kind, d.Key(c), d.Nodes[c].Kind)
				}
			} else if c == d.Root {
				pl = exPlRoot
			}
			places[c] = pl + 1
		}
		chain = chain[:0]
		return places[n] - 1
	}
	cands := swKeyScan(d).ext
	out := make([]exExt, 0, len(cands)) // most candidates are extensions
	names := map[string]*exName{}       // a file repeats its extension names (and its typos)
	for _, m := range cands {
		key := d.Key(m)
		if !exLooksLikeExtension(key) {
			continue
		}
		obj := d.Nodes[m].Parent
		pl := placeOf(obj)
		if !exHasExtensions(pl) {
			continue
		}
		nm := names[key]
		if nm == nil {
			nm = &exName{Name: key, Known: exKnownExtensions[key], MsLike: exIsMsLike(key)}
			if nm.MsLike && nm.Known == nil { // a known name has no near miss
				nm.Near = exNearMiss(key)
			}
			names[key] = nm
		}
		out = append(out, exExt{Member: m, Obj: obj, Place: pl, exName: nm})
	}
	byObj := func(a, b exExt) int { return cmp.Compare(a.Obj, b.Obj) }
	if !slices.IsSortedFunc(out, byObj) {
		slices.SortStableFunc(out, byObj)
	}
	return out
}
