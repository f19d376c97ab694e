package rules

import (
	"strings"
	"sync"

	"github.com/connectorlint/connectorlint/connector"
)

// $ref and schema-size rules of the responses family (rules-catalog.md §2.6 ref-valid, schema-limits).

// rsRefContext says what a $ref stands for, which fixes where it may point.
type rsRefContext uint8

const (
	rsRefOther    rsRefContext = iota // somewhere else: any of the three sections
	rsRefSchema                       // a schema object: #/definitions/
	rsRefResponse                     // a response of a responses object: #/responses/
)

// rsRefSite is one "$ref" member that the family checks.
type rsRefSite struct {
	Holder connector.NodeID // the object that holds the $ref
	Ref    connector.NodeID // the "$ref" member
	Ctx    rsRefContext
	// What the rules would read again, read by rsRefSitesOnce while it has the nodes at hand:
	Target connector.NodeID    // a.RefTarget(Ref)
	St     connector.RefStatus // its status
	Good   bool                // Ref is a string that starts with one of the sections of rsAllowed(Ctx)
	Last   bool                // Ref is the holder's last "$ref" member (a.Ref(Holder) == Ref)
	Alone  bool                // every member of the holder is named "$ref"
	Alias  bool                // the holder is an entry of the root's definitions with no other member
}

// rsAllowed returns the sections a $ref of context ctx may point into.
func rsAllowed(ctx rsRefContext) []string {
	switch ctx {
	case rsRefSchema:
		return rsAllowSchema
	case rsRefResponse:
		return rsAllowResponse
	}
	return rsAllowOther
}

// rsGoodRef reports whether s starts with one of the sections of allowed and names an entry.
func rsGoodRef(s string, allowed []string) bool {
	for _, pre := range allowed {
		if strings.HasPrefix(s, pre) && len(s) > len(pre) {
			return true
		}
	}
	return false
}

// rsIsDataKey reports whether members named k hold data, not swagger: a "$ref" inside them is a
// payload. (A switch, not a map: it runs for every ancestor of every $ref.)
func rsIsDataKey(k string) bool {
	switch k {
	case "example", "examples", "x-ms-test-value", "enum", "default", "x-ms-enum-values":
		return true
	}
	return false
}

// rsRefSites finds every "$ref" member of the swagger file except those owned by other families:
// entries of parameters arrays and of the root parameters object (parameter references) and path
// items (path-item-no-ref). $refs inside example, default and enum values are data and skipped.
func rsRefSites(a *connector.API) []rsRefSite {
	return a.Memo("rs.refsites", func() any { return rsRefSitesOnce(a) }).([]rsRefSite)
}

func rsRefSitesOnce(a *connector.API) []rsRefSite {
	d := a.Doc
	schemas := newNodeBits(d)
	a.WalkSchemas(func(v connector.SchemaVisit) { schemas.add(v.Node) })
	paths := d.Get(d.Root, "paths")
	rootParams := d.Get(d.Root, "parameters")
	parentKey := func(n connector.NodeID) string { return d.Key(d.Parent(n)) }
	isData := func(n connector.NodeID) bool {
		for c := n; c != connector.None && c != d.Root; c = d.Parent(c) {
			k := d.Key(c)
			if !d.IsMember(c) || !rsIsDataKey(k) || schemas.has(c) {
				continue
			}
			pk := parentKey(c)
			if pk == "properties" || pk == "definitions" || (k == "default" && pk == "responses") {
				continue
			}
			return true
		}
		return false
	}
	defs := d.Get(d.Root, "definitions")
	cands := swKeyScan(d).ref
	out := make([]rsRefSite, 0, len(cands))
	for _, n := range cands { // the members whose key starts with '$' or an escape
		// with its quotes the key takes at least 6 bytes (an escaped key is never shorter than its value)
		if nd := &d.Nodes[n]; nd.KeyEnd-nd.KeyStart < 6 || d.Key(n) != "$ref" {
			continue
		}
		h := d.Parent(n)
		parent := d.Parent(h)
		if (d.Kind(parent) == connector.Array && d.Key(parent) == "parameters") || (parent == rootParams && parent != connector.None) || (parent == paths && paths != connector.None) {
			continue
		}
		if isData(h) {
			continue
		}
		ctx := rsRefOther
		switch {
		case schemas.has(h):
			ctx = rsRefSchema
		case d.Key(parent) == "responses" && d.Kind(parent) == connector.Object && !strings.HasPrefix(d.Key(h), "x-"):
			ctx = rsRefResponse
		}
		site := rsRefSite{Holder: h, Ref: n, Ctx: ctx, Last: true, Alone: true}
		site.Target, site.St = d.RefTarget(n)
		if v, ok := d.Str(n); ok {
			site.Good = rsGoodRef(v, rsAllowed(ctx))
		}
		members := 0
		for c := d.Nodes[h].First; c != connector.None; c = d.Nodes[c].Next {
			members++
			switch {
			case c == n:
			case d.Key(c) != "$ref":
				site.Alone = false
			case c > n: // members come in file order, as NodeIDs
				site.Last = false
			}
		}
		site.Alias = defs != connector.None && parent == defs && members == 1
		out = append(out, site)
	}
	return out
}

// swRefHolders returns the set of objects that have a "$ref" member (of any kind): for any other
// node n, a.Ref(n) is None and a.R(n) is n, which the set answers without scanning n's members.
func swRefHolders(d *connector.Doc) nodeBits {
	return d.Memo("sw.refholders", func() any {
		set := newNodeBits(d)
		for _, m := range swKeyScan(d).ref {
			if nd := &d.Nodes[m]; nd.KeyEnd-nd.KeyStart >= 6 && d.Key(m) == "$ref" {
				set.add(nd.Parent)
			}
		}
		return set
	}).(nodeBits)
}

// swR is a.R(n), answered without a member scan for the nodes that hold no $ref (refs is
// swRefHolders).
func swR(a *connector.API, refs nodeBits, n connector.NodeID) connector.NodeID {
	if !refs.has(n) {
		return n
	}
	return a.R(n)
}

// swInternal returns the set of objects marked x-ms-visibility: internal (for which a.Internal is
// true), from the members of swKeyScan.
func swInternal(d *connector.Doc) nodeBits {
	return d.Memo("sw.internal", func() any {
		set := newNodeBits(d)
		for _, m := range swKeyScan(d).ext {
			// the members of one object come in order, so the last "x-ms-visibility" decides, as Get
			if nd := &d.Nodes[m]; nd.KeyEnd-nd.KeyStart >= 17 && d.Key(m) == "x-ms-visibility" {
				if d.String(m) == "internal" {
					set.add(nd.Parent)
				} else {
					set.remove(nd.Parent)
				}
			}
		}
		return set
	}).(nodeBits)
}

// ---- ref-valid ----

var refValidRule = &Rule{
	ID:       "ref-valid",
	Code:     "SchemaReferenceNotFound",
	Severity: Error,
	Category: "schemas",
	Inputs:   Swagger,
	Doc: Doc{
		Title: "Every $ref points to an existing definition, response or parameter in this file",
		Why: "A connector is a single swagger file: Microsoft's validator rejects references that cannot be resolved " +
			"inside it — external files or URLs, pointers outside #/definitions/, #/responses/ and #/parameters/, " +
			"invalid JSON pointers, missing targets and chains of $refs that loop. A schema must refer to " +
			"#/definitions/ and a response to #/responses/. Validator codes: SchemaReferenceNotFound, " +
			"SchemaReferenceNotValid, ResponseReferenceNotFound, ResponseReferenceNotValid, JsonPointerNotValid, " +
			"SchemaRefLoopNotAllowed, ResponseRefLoopNotAllowed. A definition that is only a $ref to another is " +
			"reported too (no merged connector has one). Parameter references (entries of parameters lists) " +
			"are checked by parameter-ref-valid, $refs on path items by path-item-no-ref, and $refs next to other " +
			"keys by ref-no-siblings.",
		HowToFix: "Point the $ref at an entry that exists, e.g. \"#/definitions/Item\"; copy external definitions into this file's definitions.",
		Source:   "Swagger 2.0 Reference Object; Microsoft's swagger schema; Swagger Validator rules SchemaReferenceNotFound and related; " + rsCatalog,
	},
	Check: checkRefValid,
}

// The sections a $ref may point into, by rsRefContext.
var (
	rsAllowSchema   = []string{"#/definitions/"}
	rsAllowResponse = []string{"#/responses/"}
	rsAllowOther    = []string{"#/definitions/", "#/responses/", "#/parameters/"}
)

func checkRefValid(p *Pass) error {
	a := p.API
	holders := swRefHolders(a.Doc)
	for _, site := range rsRefSites(a) {
		if site.Good && site.St == connector.RefOK && site.Last && !holders.has(site.Target) && !site.Alias {
			continue // the common case, with nothing to report (as the checks below find)
		}
		s, ok := a.Str(site.Ref)
		if !ok {
			p.Swagger(site.Ref, "$ref must be a string like \"#/definitions/Name\", not a %s", a.Kind(site.Ref))
			continue
		}
		if !strings.HasPrefix(s, "#") {
			p.Swagger(site.Ref, "$ref %q points outside this file, which connectors do not support; copy the definition into this file and refer to it as \"#/definitions/Name\"", s)
			continue
		}
		if !site.Good {
			allowed := rsAllowed(site.Ctx)
			what := map[rsRefContext]string{rsRefSchema: "a schema", rsRefResponse: "a response", rsRefOther: "a reference"}[site.Ctx]
			p.Swagger(site.Ref, "$ref %q in %s must point to an entry of %s; refer to e.g. %q", s, what, strings.Join(rsTrimSlash(allowed), " or "), allowed[0]+"Name")
			continue
		}
		t, st := site.Target, site.St
		switch st {
		case connector.RefInvalid:
			p.Swagger(site.Ref, "$ref %q is not a valid JSON pointer; escape \"~\" as ~0, \"/\" as ~1 and other special characters with %%-encoding", s)
			continue
		case connector.RefDangling:
			p.Swagger(site.Ref, "$ref %q points to nothing in this file; add the missing entry or fix the name", s)
			continue
		}
		// Resolve follows the holder's last $ref: when that is this one and its target holds no $ref,
		// the chain ends at the target and cannot loop.
		ends := st == connector.RefOK && !holders.has(t) && site.Last
		if !ends {
			if _, st := a.Resolve(site.Holder); st == connector.RefCycle {
				p.Swagger(site.Ref, "$ref %q starts a chain of references that never reaches a definition; make one entry of the chain a real schema", s)
				continue
			}
		}

		if site.Alias {
			p.Swagger(site.Ref, "definition %q is only a $ref to %q; refer to %q directly and remove this alias", a.Key(site.Holder), s, s)
		}
	}
	return nil
}

func rsTrimSlash(ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = strings.TrimSuffix(s, "/")
	}
	return out
}

// ---- ref-no-siblings ----

var refNoSiblingsRule = &Rule{
	ID:       "ref-no-siblings",
	Code:     "AdditionalPropertyNotAllowedAdjacentToRef",
	Severity: Warning,
	Category: "schemas",
	Inputs:   Swagger,
	Doc: Doc{
		Title: "Nothing stands beside a $ref",
		Why: "In Swagger 2.0 an object with $ref is replaced by its target, so keys next to it (description, type, " +
			"x-ms-summary…) are ignored by tools that follow the specification. Microsoft's validator documents " +
			"AdditionalPropertyNotAllowedAdjacentToRef, yet many merged connectors put a description or x-ms-summary " +
			"beside a $ref (11 of the 514 sampled certified and independent-publisher connectors), so it is not " +
			"enforced as an error; connectorlint warns. Parameter " +
			"references are left to the parameters rules.",
		HowToFix: "Remove the keys beside $ref, or move them into the referenced definition; to vary a description, " +
			"write the schema inline instead of referring to it.",
		Source: "Swagger 2.0 Reference Object; Swagger Validator rule AdditionalPropertyNotAllowedAdjacentToRef; " + rsCatalog,
	},
	Check: checkRefNoSiblings,
}

func checkRefNoSiblings(p *Pass) error {
	a := p.API
	for _, site := range rsRefSites(a) {
		if site.Alone {
			continue // no member beside the $ref
		}
		var keys []string
		first := connector.None
		for k, m := range a.Members(site.Holder) {
			if k == "$ref" {
				continue
			}
			if first == connector.None {
				first = m
			}
			keys = append(keys, k)
		}
		if first == connector.None {
			continue
		}
		ref, _ := a.Str(site.Ref)
		if len(keys) == 1 {
			p.SwaggerKey(first, "%q beside $ref %q is ignored; remove it or move it into the referenced definition", keys[0], ref)
			continue
		}
		quoted := make([]string, len(keys))
		for i, k := range keys {
			quoted[i] = Quote(k)
		}
		p.SwaggerKey(first, "the keys %s beside $ref %q are ignored; remove them or move them into the referenced definition", strings.Join(quoted, ", "), ref)
	}
	return nil
}

// ---- schema-limits ----

// rsMaxSchemaCount is Microsoft's published per-object limit (I#1088).
const rsMaxSchemaCount = 512

// rsMaxSchemaDepth is connectorlint's choice: Microsoft does not publish its SchemaTooDeep limit. It is
// above the deepest schema in the merged connectors (see the rule's Why).
const rsMaxSchemaDepth = 32

var schemaLimitsRule = &Rule{
	ID:       "schema-limits",
	Code:     "BodySchemaCountExceedsMaxAllowed",
	Severity: Error,
	Category: "schemas",
	Inputs:   Swagger,
	Doc: Doc{
		Title: "Schemas stay within Microsoft's size and depth limits",
		Why: "Microsoft expands every $ref when it imports a connector and rejects an object whose expanded schema holds " +
			"more than 512 schemas (a Critical error seen when importing a connector, I#1088), and schemas nested too deeply (SchemaTooDeep). " +
			"connectorlint counts, for each definition, body schema and response schema, the schema objects reached " +
			"through properties, items, additionalProperties, allOf/anyOf/oneOf and not, following $refs; a recursive " +
			"reference is counted once and not expanded again (how Microsoft treats recursion is unknown). The depth " +
			"limit is unpublished: connectorlint uses 32 levels; the deepest schema in the sampled merged connectors has 14 (and the " +
			"largest 457 schemas). " +
			"The per-operation and whole-file limits (OperationSchemaCountExceedsMaxAllowed, " +
			"TotalSchemaCountExceedsMaxAllowed) are unpublished and not checked.",
		HowToFix: "Remove properties the connector does not need, or split a huge object; replace deep recursive " +
			"structures by a flatter schema or an untyped object.",
		Source: "Swagger Validator rules BodySchemaCountExceedsMaxAllowed, SchemaTooDeep; PowerPlatformConnectors I#1088; " + rsCatalog,
	},
	Check: checkSchemaLimits,
}

// rsSizer measures schemas with their $refs expanded (each one a fresh copy, as an import would).
//
// It keeps the size of each schema whose expansion was complete and met no schema on the current
// path: such an expansion is the same from any path (a schema of it on the path would lead back to
// it, and that $ref would have been cut), so a schema that many roots reference is expanded once.
// The children of a written schema are read from a.Schemas() (depth first) rather than found again.
type rsSizer struct {
	a     *connector.API
	vs    []connector.SchemaVisit
	end   []int32                       // per visit: the index of the last visit of its subtree
	at    []int32                       // per node: 1 + the index of its first visit, or 0
	state []rsState                     // per visit
	other map[connector.NodeID]*rsState // for objects reached by a $ref that are not written schemas
	refs  nodeBits                      // swRefHolders
	count int                           // of the root being measured
}

// rsState is what the sizer knows of one schema.
type rsState struct {
	count, depth int32 // the expanded size when known (count > 0): schema count, nesting below it
	onPath       bool  // on the path being expanded
}

// rsSizers keeps the lists of released sizers for the next document (at is all zeros there).
var rsSizers = sync.Pool{New: func() any { return new(rsSizer) }}

// rsNewSizer returns a sizer for a's schemas; release gives its memory back when done.
func rsNewSizer(a *connector.API) *rsSizer {
	vs := a.Schemas()
	z := rsSizers.Get().(*rsSizer)
	z.a, z.vs, z.refs, z.other, z.count = a, vs, swRefHolders(a.Doc), nil, 0
	z.end = rsResize(z.end, len(vs))
	z.state = rsResize(z.state, len(vs))
	clear(z.state)
	z.at = rsResize(z.at, len(a.Nodes)) // zeros: fresh, or cleared by release
	for i := len(vs) - 1; i >= 0; i-- { // backwards, so that the first visit is the one kept
		z.at[vs[i].Node] = int32(i + 1)
	}
	var open []int32 // visits whose subtree is not closed yet, shallowest first
	for i, v := range vs {
		for len(open) > 0 && vs[open[len(open)-1]].Depth >= v.Depth {
			z.end[open[len(open)-1]] = int32(i - 1)
			open = open[:len(open)-1]
		}
		open = append(open, int32(i))
	}
	for _, o := range open {
		z.end[o] = int32(len(vs) - 1)
	}
	return z
}

// release puts z back in rsSizers; z is not used afterwards.
func (z *rsSizer) release() {
	for _, v := range z.vs {
		z.at[v.Node] = 0
	}
	z.a, z.vs, z.other, z.refs = nil, nil, nil, nil
	if cap(z.at) <= 1<<22 { // do not keep huge lists for the rest of the run
		rsSizers.Put(z)
	}
}

// rsResize returns a slice of n elements, s's memory when it is large enough (the elements are not
// cleared).
func rsResize[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n)
	}
	return s[:n]
}

// visitOf returns the index of the first visit of node n, or -1 when n is not visited.
func (z *rsSizer) visitOf(n connector.NodeID) int {
	if uint(n) >= uint(len(z.at)) {
		return -1
	}
	return int(z.at[n]) - 1
}

// size returns the number of schema objects of root once expanded and the deepest nesting, stopping
// once the count passes limit. A $ref back to a schema already on the current path is not expanded.
func (z *rsSizer) size(root connector.NodeID, limit int) (count, depth int) {
	z.count = 0
	deepest, _ := z.walk(root, 0, limit)
	return z.count, max(deepest, 0)
}

// walk returns the deepest nesting reached below n (-1 when n is not expanded) and whether the
// expansion of n is complete and independent of the path.
func (z *rsSizer) walk(n connector.NodeID, d, limit int) (deepest int, clean bool) {
	if z.count > limit {
		return -1, false
	}
	a := z.a
	t := n
	if z.refs.has(n) {
		t = a.R(n)
	}
	var st *rsState
	j := z.visitOf(t)
	if j >= 0 { // a written schema, so an object
		st = &z.state[j]
	} else {
		if a.Kind(t) != connector.Object {
			return -1, true
		}
		if st = z.other[t]; st == nil {
			if z.other == nil {
				z.other = map[connector.NodeID]*rsState{}
			}
			st = &rsState{}
			z.other[t] = st
		}
	}
	if st.onPath {
		return -1, false
	}
	if st.count > 0 {
		z.count += int(st.count)
		return d + int(st.depth), true
	}
	before := z.count
	z.count++
	deepest, clean = d, true
	st.onPath = true
	if j >= 0 {
		for c := j + 1; c <= int(z.end[j]); c = int(z.end[c]) + 1 {
			cd, cc := z.walk(z.vs[c].Node, d+1, limit)
			deepest, clean = max(deepest, cd), clean && cc
		}
	} else {
		a.SchemaChildren(t, func(c connector.NodeID) {
			cd, cc := z.walk(c, d+1, limit)
			deepest, clean = max(deepest, cd), clean && cc
		})
	}
	st.onPath = false
	if clean {
		st.count, st.depth = int32(z.count-before), int32(deepest-d)
	}
	return deepest, clean
}

func checkSchemaLimits(p *Pass) error {
	a := p.API
	defs := a.Get(a.Root, "definitions")
	z := rsNewSizer(a)
	defer z.release()
	for _, root := range a.SchemaRoots() {
		if a.Parent(root) != defs {
			// A body or response schema that is only a $ref is measured at its definition.
			if z.refs.has(root) && a.Len(root) == 1 { // refs.has(root): a.Ref(root) != None
				continue
			}
		}
		count, depth := z.size(root, rsMaxSchemaCount)
		if count <= rsMaxSchemaCount && depth <= rsMaxSchemaDepth {
			continue
		}
		name := strings.TrimPrefix(a.Pointer(root), "/")
		if a.Parent(root) == defs {
			name = "definitions/" + a.Key(root)
		}
		if count > rsMaxSchemaCount {
			p.SwaggerKey(root, "schema %q expands to more than %d schemas once its $refs are followed, the most Microsoft accepts; remove unneeded properties or split it", name, rsMaxSchemaCount)
			continue
		}
		if depth > rsMaxSchemaDepth {
			p.SwaggerKey(root, "schema %q nests %d levels deep once its $refs are followed, more than connectorlint's limit of %d; flatten it", name, depth, rsMaxSchemaDepth)
		}
	}
	return nil
}
