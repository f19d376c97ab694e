package rules

import (
	"fmt"
	"math/rand"
	"slices"
	"strings"
	"testing"

	"github.com/connectorlint/connectorlint/connector"
)

// TestTrDynSitesEquivalence checks trBuildDynSites (operations skipped when nothing under them or
// their path item can reach a dynamic extension) against the version it replaced, on random swaggers
// and, when it is there, on the corpus.
func TestTrDynSitesEquivalence(t *testing.T) {
	sites := 0
	same := func(a *connector.API) {
		show := func(ss []*trDynSite) string {
			var b strings.Builder
			for _, s := range ss {
				fmt.Fprintf(&b, "%d %s %d %v %v\n", s.Ext, s.Name, s.Holder, s.Ops, s.BodyParam)
			}
			return b.String()
		}
		got, want := show(trBuildDynSites(a)), show(oldTrBuildDynSites(a))
		if got != want {
			t.Fatalf("%s:\n%s\nwant\n%s", a.Src, got, want)
		}
		sites += strings.Count(got, "\n")
	}
	r := rand.New(rand.NewSource(13))
	dyn := func() string {
		return fmt.Sprintf(`"%s": {"operationId": "Op"}`, trDynNames[r.Intn(len(trDynNames))])
	}
	var schema func(depth int) string
	schema = func(depth int) string {
		var parts []string
		if r.Intn(4) == 0 {
			parts = append(parts, dyn())
		}
		switch k := r.Intn(6); {
		case k == 0:
			parts = append(parts, fmt.Sprintf(`"$ref": "#/definitions/D%d"`, r.Intn(4)))
		case k == 1 && depth < 4:
			parts = append(parts, `"type": "array", "items": {`+schema(depth+1)+`}`)
		case k == 2 && depth < 4:
			parts = append(parts, `"type": "object", "properties": {"p": {`+schema(depth+1)+`}, "q": {`+schema(depth+1)+`}}`)
		default:
			parts = append(parts, `"type": "string"`)
		}
		return strings.Join(parts, ", ")
	}
	param := func() string {
		switch r.Intn(5) {
		case 0:
			return fmt.Sprintf(`{"$ref": "#/parameters/P%d"}`, r.Intn(3))
		case 1:
			return `{"name": "b", "in": "body", "schema": {` + schema(0) + `}}`
		}
		extra := ""
		if r.Intn(3) == 0 {
			extra = ", " + dyn()
		}
		if r.Intn(4) == 0 {
			extra += `, "type": "array", "items": {"type": "string"` + strings.Replace(extra, ", ", ", ", 1) + `}`
		}
		return `{"name": "q", "in": "query"` + extra + `}`
	}
	for n := 0; n < 3000; n++ {
		var b strings.Builder
		b.WriteString(`{"swagger": "2.0", "definitions": {`)
		for i := 0; i < 4; i++ {
			fmt.Fprintf(&b, `"D%d": {%s},`, i, schema(1))
		}
		b.WriteString(`"Z": {}}, "parameters": {`)
		for i := 0; i < 3; i++ {
			fmt.Fprintf(&b, `"P%d": %s,`, i, param())
		}
		b.WriteString(`"Z": {"name": "z", "in": "body", "schema": {}}}, "responses": {"R": {"description": "r", "schema": {` + schema(0) + `}}}, "paths": {`)
		for i := r.Intn(4); i > 0; i-- {
			fmt.Fprintf(&b, `"/p%d": {`, i)
			if r.Intn(2) == 0 {
				fmt.Fprintf(&b, `"parameters": [%s], `, param())
			}
			if r.Intn(4) == 0 {
				b.WriteString(`"x-ms-notification-content": {"schema": {` + schema(0) + `}}, `)
			}
			fmt.Fprintf(&b, `"get": {"parameters": [%s, %s], "responses": {"200": {"description": "d", "schema": {%s}}, "default": {"$ref": "#/responses/R"}}}, "post": {"responses": {}}},`, param(), param(), schema(0))
		}
		b.WriteString(`"/z": {}}}`)
		d := connector.Parse("a.json", []byte(b.String()))
		if len(d.Problems) > 0 {
			t.Fatalf("%s: %v", b.String(), d.Problems)
		}
		same(connector.NewAPI(d))
	}
	if sites < 3000 {
		t.Fatalf("only %d sites in random swaggers", sites)
	}
	eachCorpusConnector(func(c *connector.Connector) { same(c.API()) })
}

func oldTrBuildDynSites(a *connector.API) []*trDynSite {
	// Objects that hold a dynamic extension are rare: find them in one pass over the members, then
	// mark every node from which a schema walk can reach one (its ancestors, and through $refs the
	// ancestors of every schema that refers to it), so the per-operation walks below skip the rest.
	holder := map[connector.NodeID]bool{}
	keys := swKeyScan(a.Doc) // the members whose key may start with "x-" or "$"
	for _, m := range keys.ext {
		// A key's written length (quotes and escapes included) is at least its decoded length + 2:
		// "x-ms-dynamic-…" needs at least 15 bytes.
		if nd := &a.Nodes[m]; nd.KeyEnd-nd.KeyStart >= 15 && strings.HasPrefix(a.Key(m), "x-ms-dynamic-") {
			holder[nd.Parent] = true
		}
	}
	if len(holder) == 0 {
		return nil
	}
	var refMembers []connector.NodeID // string "$ref" members
	for _, m := range keys.ref {
		if nd := &a.Nodes[m]; nd.Kind == connector.String && nd.KeyEnd-nd.KeyStart >= 6 && a.Key(m) == "$ref" {
			refMembers = append(refMembers, m)
		}
	}
	reach := make([]bool, len(a.Nodes))
	mark := func(n connector.NodeID) bool {
		changed := false
		for ; n != connector.None && !reach[n]; n = a.Nodes[n].Parent {
			reach[n], changed = true, true
		}
		return changed
	}
	for h := range holder {
		mark(h)
	}
	type refUse struct{ obj, target connector.NodeID }
	var refs []refUse
	for _, m := range refMembers {
		obj := a.Nodes[m].Parent
		if t := a.R(obj); t != connector.None && t != obj {
			refs = append(refs, refUse{obj, t})
		}
	}
	for changed := true; changed; {
		changed = false
		for _, r := range refs {
			if reach[r.target] && !reach[r.obj] && mark(r.obj) {
				changed = true
			}
		}
	}

	holders := swRefHolders(a.Doc) // the objects for which a.Ref is not None
	byExt := map[connector.NodeID]*trDynSite{}
	add := func(holderNode connector.NodeID, op int, bodyParam bool) {
		if !holder[holderNode] || a.Kind(holderNode) != connector.Object {
			return
		}
		for _, name := range trDynNames {
			ext := a.Get(holderNode, name)
			if ext == connector.None {
				continue
			}
			s := byExt[ext]
			if s == nil {
				s = &trDynSite{Ext: ext, Name: name, Holder: holderNode, BodyParam: bodyParam}
				byExt[ext] = s
			}
			if op >= 0 && !slices.Contains(s.Ops, op) {
				s.Ops = append(s.Ops, op)
			}
		}
	}
	for i, op := range a.Ops {
		seen := map[connector.NodeID]bool{}
		var walk func(s connector.NodeID, depth int)
		walk = func(s connector.NodeID, depth int) {
			if s == connector.None || !reach[s] {
				return // no dynamic extension can be reached from here
			}
			if holders.has(s) {
				add(s, i, false) // extensions written beside a $ref
			}
			r := swR(a, holders, s)
			if a.Kind(r) != connector.Object || seen[r] || depth > 200 {
				return
			}
			seen[r] = true
			add(r, i, false)
			a.SchemaChildren(r, func(c connector.NodeID) { walk(c, depth+1) })
		}
		for _, p := range a.Params(op) {
			add(p.Node, i, p.In == "body")
			if p.In == "body" {
				walk(a.Get(p.Node, "schema"), 0)
			} else if it := a.Get(p.Node, "items"); a.Kind(it) == connector.Object {
				add(it, i, false)
			}
		}
		for _, r := range a.Members(a.Responses(op)) {
			walk(a.Get(swR(a, holders, r), "schema"), 0)
		}
		walk(a.Path(op.PathItem, "x-ms-notification-content", "schema"), 0)
	}
	// Schemas and parameters that no operation uses: shape checks only.
	a.WalkSchemas(func(v connector.SchemaVisit) { add(v.Node, -1, false) })
	for _, p := range a.Members(a.Get(a.Root, "parameters")) {
		add(p, -1, a.GetString(p, "in") == "body")
	}
	sites := make([]*trDynSite, 0, len(byExt))
	for _, s := range byExt {
		sites = append(sites, s)
	}
	slices.SortFunc(sites, func(x, y *trDynSite) int { return int(x.Ext) - int(y.Ext) })
	return sites
}
