package rules

import (
	"math/rand"
	"strings"
)

// randomJSON is a generator of random JSON documents for the equivalence tests: nested objects whose
// member names come from keys (raw JSON string contents, so they may hold escapes; each object ends
// with "z":0), arrays (ending with 1) and leaves from leaves (raw JSON values). At each value it
// draws one of n choices: the first nLeaf make a leaf, the next an array, the others an object;
// below depth 6 every value is a leaf.
type randomJSON struct {
	r            *rand.Rand
	keys, leaves []string
	n, nLeaf     int
}

// doc returns one random document.
func (g *randomJSON) doc() []byte {
	var b strings.Builder
	g.value(&b, 0)
	return []byte(b.String())
}

func (g *randomJSON) value(b *strings.Builder, depth int) {
	switch k := g.r.Intn(g.n); {
	case depth > 6 || k < g.nLeaf:
		b.WriteString(g.leaves[g.r.Intn(len(g.leaves))])
	case k == g.nLeaf:
		b.WriteString("[")
		for j := g.r.Intn(3); j > 0; j-- {
			g.value(b, depth+1)
			b.WriteString(",")
		}
		b.WriteString("1]")
	default:
		b.WriteString("{")
		for j := g.r.Intn(5); j > 0; j-- {
			b.WriteString(`"` + g.keys[g.r.Intn(len(g.keys))] + `":`)
			g.value(b, depth+1)
			b.WriteString(",")
		}
		b.WriteString(`"z":0}`)
	}
}
