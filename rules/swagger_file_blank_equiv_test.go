package rules

import (
	"math/rand"
	"slices"
	"strings"
	"testing"

	"github.com/connectorlint/connectorlint/connector"
)

// TestFlBlankMembersEquivalence checks flBlankMembers (candidates from swKeyScan, their ancestors
// walked down from the root) against the pass over the whole node array it replaced, on random
// documents and, when it is there, on the corpus.
func TestFlBlankMembersEquivalence(t *testing.T) {
	found := 0
	same := func(a *connector.API) {
		got, want := flBlankMembers(a), oldFlBlankMembers(a)
		if !slices.Equal(got, want) {
			t.Fatalf("%s:\n%v\nwant\n%v", a.Src, got, want)
		}
		found += len(got)
	}
	keys := []string{"properties", "definitions", "parameters", "responses", "paths", "securityDefinitions", "headers",
		"example", "examples", "x-example", "default", "enum", "x-ms-test-value", "title", "description", "summary",
		"x-ms-summary", "operationId", "termsOfService", "url", "iconUrl", "x-ms-url", "URL", "p", "d", `\u0064efault`,
		`propert\u0069es`, `t\u0069tle`, "", "items", "schema"}
	vals := []string{`""`, `" "`, `"\t"`, `"\n "`, `"\u0020"`, `"\u00a0"`, "\"\u00a0\"", "\"\u3000\"", `"a"`, `" a"`, `"é"`, `"\\"`, `1`, `null`}
	g := &randomJSON{r: rand.New(rand.NewSource(11)), keys: keys, leaves: vals, n: 7, nLeaf: 2}
	for n := 0; n < 20000; n++ {
		if d := connector.Parse("a.json", g.doc()); d != nil {
			same(connector.NewAPI(d))
		}
	}
	if found < 5000 {
		t.Fatalf("only %d blank members in random documents", found)
	}
	eachCorpusConnector(func(c *connector.Connector) { same(c.API()) })
}

// oldFlBlankMembers is the pass of the former checkNoEmptyStringValues, collecting what it
// reported (before flOpTextRequired).
func oldFlBlankMembers(a *connector.API) []connector.NodeID {
	var out []connector.NodeID
	if a.Root == connector.None {
		return nil
	}
	// One pass over the node array, which is in file order with parents first: the subtree of a node
	// is the run of nodes after it that start before it ends. Members of an object keyed by
	// user-chosen names (flIsNameMap) are definitions: only the bodies of those that are objects are
	// checked. Example and default data (flIsDataKey) is skipped.
	nameMap := newNodeBits(a.Doc) // the objects keyed by names
	skipEnd := int32(-1)          // nodes that start before this are in a skipped subtree
	for i := int(a.Root) + 1; i < len(a.Nodes); i++ {
		nd := &a.Nodes[i]
		if nd.Start < skipEnd || nd.KeyStart < 0 {
			continue
		}
		n := connector.NodeID(i)
		if nameMap.has(nd.Parent) {
			if nd.Kind != connector.Object {
				skipEnd = nd.End
			} else if flMayBeKey[a.Src[nd.KeyStart+1]] && flIsNameMap(a.Key(n)) { // a definition named "properties" is one too
				nameMap.add(connector.NodeID(i))
			}
			continue
		}
		switch nd.Kind {
		case connector.Object, connector.Array:
			if !flMayBeKey[a.Src[nd.KeyStart+1]] {
				continue
			}
			key := a.Key(n)
			if flIsDataKey(key) {
				skipEnd = nd.End
			} else if nd.Kind == connector.Object && flIsNameMap(key) {
				nameMap.add(connector.NodeID(i))
			}
		case connector.String:
			// Only a string that is empty or starts with white space, an escape or a non-ASCII
			// character can be blank.
			if raw := a.Src[nd.Start+1 : nd.End-1]; len(raw) > 0 {
				if c := raw[0]; c < 0x80 && c != ' ' && c != '\\' && (c < '\t' || c > '\r') {
					continue
				}
			}
			key := a.Key(n)
			if flIsDataKey(key) {
				continue
			}
			if s, _ := a.Str(n); strings.TrimSpace(s) == "" && (flEmptyChecked[key] || flURLKey(key)) {
				out = append(out, n)
			}
		}
	}
	return out
}

// flMayBeKey marks the first bytes of the raw keys that may be flIsNameMap or flIsDataKey keys (a
// backslash starts an escape).
var flMayBeKey = func() (t [256]bool) {
	for _, c := range "pdrshex\\" {
		t[c] = true
	}
	return
}()
