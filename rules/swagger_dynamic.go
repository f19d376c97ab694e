package rules

import (
	"fmt"
	"slices"
	"strings"

	"github.com/connectorlint/connectorlint/connector"
)

// dynamicRules are the dynamic extension rules (rules-catalog.md §2.9).
var dynamicRules = []*Rule{
	dynamicValuesShapeRule,
	dynamicListRequiredRule,
	dynamicInSchemaNotBodyParamRule,
	dynamicTargetValidRule,
	dynamicResponsePathRule,
	dynamicTreeFilePickerRule,
}

// trDynNames are the dynamic extensions, in the order they are checked.
var trDynNames = []string{"x-ms-dynamic-values", "x-ms-dynamic-list", "x-ms-dynamic-schema", "x-ms-dynamic-properties", "x-ms-dynamic-tree"}

// trDynSite is one dynamic extension written on a parameter or a schema.
type trDynSite struct {
	Ext       connector.NodeID // the x-ms-dynamic-* member
	Name      string           // its key
	Holder    connector.NodeID // the parameter or schema object holding it
	Ops       []int            // operations (index into API.Ops) whose parameters or schemas use Holder
	BodyParam bool             // Holder is a body parameter object itself
}

// trDynSites returns every dynamic extension placed on a parameter or a schema, in file order.
// Extensions on operations or elsewhere are extension-placement's business.
func trDynSites(a *connector.API) []*trDynSite {
	return a.Memo("tr.dynsites", func() any { return trBuildDynSites(a) }).([]*trDynSite)
}

func trBuildDynSites(a *connector.API) []*trDynSite {
	// Objects that hold a dynamic extension are rare: find them in one pass over the members, then
	// mark every node from which a schema walk can reach one (its ancestors, and through $refs the
	// ancestors of every schema that refers to it), so the per-operation walks below skip the rest.
	var holder nodeBits
	var holderList []connector.NodeID
	keys := swKeyScan(a.Doc) // the members whose key may start with "x-" or "$"
	for _, m := range keys.ext {
		// A key's written length (quotes and escapes included) is at least its decoded length + 2:
		// "x-ms-dynamic-…" needs at least 15 bytes. (A slice compared with a constant is compared
		// inline; strings.HasPrefix calls memeq.)
		if nd := &a.Nodes[m]; nd.KeyEnd-nd.KeyStart >= 15 {
			if k := a.Key(m); len(k) >= 13 && k[:13] == "x-ms-dynamic-" {
				if holder == nil {
					holder = newNodeBits(a.Doc)
				}
				if !holder.has(nd.Parent) {
					holder.add(nd.Parent)
					holderList = append(holderList, nd.Parent)
				}
			}
		}
	}
	if holder == nil {
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
	for _, h := range holderList {
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
		if !holder.has(holderNode) || a.Kind(holderNode) != connector.Object {
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
		// Whatever the walks below can reach lies under the operation or its path item, or is the
		// target of a $ref written there: when neither is marked, nothing is reached.
		if !reach[op.Node] && !reach[op.PathItem] {
			continue
		}
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

// opFoldedIDs maps each lower-cased operationId to the operationId of the last operation that has it:
// the rules that find an operationId written in another letter case name the right one.
func opFoldedIDs(a *connector.API) map[string]string {
	return a.Memo("op.foldedids", func() any {
		m := map[string]string{}
		for _, op := range a.Ops {
			if op.ID != "" {
				m[strings.ToLower(op.ID)] = op.ID
			}
		}
		return m
	}).(map[string]string)
}

// trOpIndex maps operationIds to the index of their first operation.
func trOpIndex(a *connector.API) map[string]int {
	return a.Memo("tr.opindex", func() any {
		m := map[string]int{}
		for i, op := range a.Ops {
			if _, ok := m[op.ID]; !ok && op.ID != "" {
				m[op.ID] = i
			}
		}
		return m
	}).(map[string]int)
}

// trCall is one operation call made by a dynamic extension: x-ms-dynamic-tree makes two (open, browse).
type trCall struct {
	Site   *trDynSite
	Obj    connector.NodeID // the object holding operationId and parameters
	Label  string           // x-ms-dynamic-values, x-ms-dynamic-tree.browse, …
	OpID   connector.NodeID // the operationId value
	Params connector.NodeID // the parameters object, or None
}

func trCalls(a *connector.API, s *trDynSite) []trCall {
	v := s.Ext
	if a.Kind(v) != connector.Object {
		return nil
	}
	if s.Name == "x-ms-dynamic-tree" {
		var cs []trCall
		for _, k := range []string{"open", "browse"} {
			if o := a.Get(v, k); a.Kind(o) == connector.Object {
				cs = append(cs, trCall{Site: s, Obj: o, Label: s.Name + "." + k, OpID: a.Get(o, "operationId"), Params: a.Get(o, "parameters")})
			}
		}
		return cs
	}
	return []trCall{{Site: s, Obj: v, Label: s.Name, OpID: a.Get(v, "operationId"), Params: a.Get(v, "parameters")}}
}

// trRefKind says how a parameter value of a dynamic call is given.
type trRefKind int

const (
	trRefStatic    trRefKind = iota // a literal value
	trRefParameter                  // {"parameter": "name"} (values, schema)
	trRefReference                  // {"parameterReference": "a/b"} (list, properties, tree)
	trRefSelected                   // {"selectedItemValuePath": "p"} (tree browse)
	trRefBad                        // wrong shape (dynamic-values-shape reports it)
)

// trParamValue classifies the value v given for a parameter of a dynamic call; it returns the node
// of the reference string or of the static value.
func trParamValue(a *connector.API, ext string, v connector.NodeID) (trRefKind, connector.NodeID) {
	if a.Kind(v) != connector.Object {
		return trRefStatic, v
	}
	if ext == "x-ms-dynamic-values" || ext == "x-ms-dynamic-schema" {
		if r := a.Get(v, "parameter"); r != connector.None && a.Len(v) == 1 {
			if a.Kind(r) != connector.String {
				return trRefBad, r
			}
			return trRefParameter, r
		}
		if r := a.Get(v, "value"); r != connector.None && a.Len(v) == 1 {
			return trRefStatic, r
		}
		return trRefStatic, v // an object literal
	}
	switch {
	case a.Len(v) != 1:
		return trRefBad, v
	case a.Get(v, "value") != connector.None:
		return trRefStatic, a.Get(v, "value")
	case a.Kind(a.Get(v, "parameterReference")) == connector.String:
		return trRefReference, a.Get(v, "parameterReference")
	case a.Kind(a.Get(v, "selectedItemValuePath")) == connector.String:
		return trRefSelected, a.Get(v, "selectedItemValuePath")
	}
	return trRefBad, v
}

// ---- dynamic-values-shape ----

var dynamicValuesShapeRule = &Rule{
	ID:       "dynamic-values-shape",
	Code:     "OneOfPropertiesRequired",
	Severity: Error,
	Category: "dynamic",
	Inputs:   Swagger,
	Doc: Doc{
		Title: "Dynamic extensions have the shape Power Platform expects",
		Why: "The designer reads the x-ms-dynamic-* extensions to call another operation and fill a drop-down, " +
			"a schema or a file picker. Microsoft's schema fixes their shape: x-ms-dynamic-values has exactly one of " +
			"operationId, builtInOperation and capability (OneOfPropertiesRequired), and optional parameters " +
			"(an object), value-collection, value-path and value-title (strings); x-ms-dynamic-list, " +
			"x-ms-dynamic-schema and x-ms-dynamic-properties need an operationId; in x-ms-dynamic-list, " +
			"x-ms-dynamic-properties and the open and browse calls of x-ms-dynamic-tree each parameter is an object " +
			"with exactly one of value and parameterReference (selectedItemValuePath in browse); their paths are " +
			"strings; x-ms-dynamic-tree has open and/or browse and boolean settings. A wrong shape is rejected or " +
			"makes the control fail when the maker opens it. Only extensions on parameters and schemas are " +
			"checked; a dynamic extension elsewhere is reported by extension-placement.",
		HowToFix: "Rewrite the extension in the documented form, e.g. \"x-ms-dynamic-values\": {\"operationId\": " +
			"\"ListItems\", \"parameters\": {\"site\": {\"parameter\": \"site\"}}, \"value-collection\": \"value\", " +
			"\"value-path\": \"id\", \"value-title\": \"name\"}.",
		Source: "https://learn.microsoft.com/en-us/connectors/custom-connectors/openapi-extensions ; " +
			"Microsoft's apiDefinition.swagger.schema.json ; rules-catalog §2.9",
	},
	Check: checkDynamicValuesShape,
}

// trShaper reports shape problems of one extension.
type trShaper struct {
	p *Pass
	a *connector.API
}

// kind reports n when it is present and not of kind k; it returns whether n has kind k.
func (s trShaper) kind(n connector.NodeID, label string, k connector.Kind, want string) bool {
	if n == connector.None {
		return false
	}
	if got := s.a.Kind(n); got != k {
		s.p.Swagger(n, "%s is %s %s; it must be %s", label, article(got), got, want)
		return false
	}
	return true
}

// kindOf is kind with the label label+suffix, built only when n is reported.
func (s trShaper) kindOf(n connector.NodeID, label, suffix string, k connector.Kind, want string) bool {
	if n == connector.None {
		return false
	}
	if s.a.Kind(n) != k {
		return s.kind(n, label+suffix, k, want)
	}
	return true
}

func (s trShaper) strings(obj connector.NodeID, label string, keys ...string) {
	for _, k := range keys {
		if n := s.a.Get(obj, k); n != connector.None && s.a.Kind(n) != connector.String {
			s.kind(n, label+"."+k, connector.String, "a string")
		}
	}
}

// operationID checks that obj has a string operationId.
func (s trShaper) operationID(obj connector.NodeID, label string) {
	id := s.a.Get(obj, "operationId")
	if id == connector.None {
		s.p.SwaggerKey(obj, "%s has no operationId; name the operation it calls", label)
		return
	}
	if s.kindOf(id, label, ".operationId", connector.String, "a string") && strings.TrimSpace(s.a.String(id)) == "" {
		s.p.Swagger(id, "%s.operationId is empty; name the operation it calls", label)
	}
}

// refParams checks a parameters object whose values are {value} | {parameterReference} (| {selectedItemValuePath}).
func (s trShaper) refParams(obj connector.NodeID, label string, selected bool) {
	ps := s.a.Get(obj, "parameters")
	if !s.kindOf(ps, label, ".parameters", connector.Object, "an object") {
		return
	}
	allowed := "value or parameterReference"
	if selected {
		allowed = "value, parameterReference or selectedItemValuePath"
	}
	for name, v := range s.a.Members(ps) {
		if s.a.Kind(v) != connector.Object {
			s.p.Swagger(v, "%s parameter %q is %s %s; write it as {\"value\": …} or {\"parameterReference\": \"…\"}",
				label, name, article(s.a.Kind(v)), s.a.Kind(v))
			continue
		}
		n := 0
		for k, m := range s.a.Members(v) {
			switch k {
			case "value":
				n++
			case "parameterReference":
				n++
				if s.a.Kind(m) != connector.String {
					s.kind(m, label+" parameter "+Quote(name)+" parameterReference", connector.String, "a string")
				}
			case "selectedItemValuePath":
				n++ // where it is allowed: dynamic-tree-file-picker
				if s.a.Kind(m) != connector.String {
					s.kind(m, label+" parameter "+Quote(name)+" selectedItemValuePath", connector.String, "a string")
				}
			}
		}
		if n != 1 {
			s.p.Swagger(v, "%s parameter %q must have exactly one of %s", label, name, allowed)
		}
	}
}

func (s trShaper) oneOf(obj connector.NodeID, label string, keys ...string) {
	var have []connector.NodeID
	for _, k := range keys {
		if n := s.a.Get(obj, k); n != connector.None {
			have = append(have, n)
		}
	}
	switch {
	case len(have) == 0:
		s.p.SwaggerKey(obj, "%s has none of %s; add exactly one", label, strings.Join(keys, ", "))
	case len(have) > 1:
		s.p.SwaggerKey(have[1], "%s has both %s and %s; keep exactly one", label, s.a.Key(have[0]), s.a.Key(have[1]))
	}
}

func checkDynamicValuesShape(p *Pass) error {
	a := p.API
	sh := trShaper{p: p, a: a}
	for _, site := range trDynSites(a) {
		v, name := site.Ext, site.Name
		if !sh.kind(v, name, connector.Object, "an object") {
			continue
		}
		switch name {
		case "x-ms-dynamic-values":
			sh.oneOf(v, name, "operationId", "builtInOperation", "capability")
			sh.strings(v, name, "operationId", "builtInOperation", "capability", "value-collection", "value-path", "value-title")
			sh.kindOf(a.Get(v, "parameters"), name, ".parameters", connector.Object, "an object")
		case "x-ms-dynamic-schema":
			sh.operationID(v, name)
			sh.strings(v, name, "value-path")
			sh.kindOf(a.Get(v, "parameters"), name, ".parameters", connector.Object, "an object")
		}
		if name == "x-ms-dynamic-values" || name == "x-ms-dynamic-schema" {
			for pn, pv := range a.Members(a.Get(v, "parameters")) {
				if kind, ref := trParamValue(a, name, pv); kind == trRefBad {
					sh.kind(ref, name+" parameter "+Quote(pn)+" reference", connector.String, "a parameter name")
				}
			}
		}
		switch name {
		case "x-ms-dynamic-list":
			sh.operationID(v, name)
			sh.strings(v, name, "itemsPath", "itemValuePath", "itemTitlePath")
			sh.refParams(v, name, false)
		case "x-ms-dynamic-properties":
			sh.operationID(v, name)
			sh.strings(v, name, "itemValuePath")
			sh.refParams(v, name, false)
		case "x-ms-dynamic-tree":
			if a.Get(v, "open") == connector.None && a.Get(v, "browse") == connector.None {
				p.SwaggerKey(v, "x-ms-dynamic-tree has neither open nor browse; add the calls that list the tree's items")
			}
			for _, k := range []string{"open", "browse"} {
				o := a.Get(v, k)
				label := name + "." + k
				if !sh.kind(o, label, connector.Object, "an object") {
					continue
				}
				sh.operationID(o, label)
				sh.strings(o, label, "itemsPath", "itemValuePath", "itemTitlePath", "itemFullTitlePath", "itemIsParent")
				sh.refParams(o, label, k == "browse")
			}
			if st := a.Get(v, "settings"); sh.kindOf(st, name, ".settings", connector.Object, "an object") {
				for _, k := range []string{"canSelectLeafNodes", "canSelectParentNodes"} {
					sh.kindOf(a.Get(st, k), name+".settings.", k, connector.Bool, "true or false")
				}
			}
		}
	}
	return nil
}

// ---- dynamic-in-schema-not-body-param ----

var dynamicInSchemaNotBodyParamRule = &Rule{
	ID:       "dynamic-in-schema-not-body-param",
	Code:     "DynamicExtensionDefinitionNotAllowedInParameter",
	Severity: Error,
	Category: "dynamic",
	Inputs:   Swagger,
	Doc: Doc{
		Title: "Dynamic extensions of a body input sit in its schema",
		Why: "A body parameter is described by its schema; the designer reads x-ms-dynamic-schema, " +
			"x-ms-dynamic-properties and the other dynamic extensions of a body from that schema. Written on the " +
			"body parameter object itself they are ignored, and Microsoft's validator rejects them " +
			"(DynamicExtensionDefinitionNotAllowedInParameter).",
		HowToFix: "Move the extension from the body parameter into its schema object (into the referenced definition " +
			"when the schema is a $ref).",
		Source: "https://learn.microsoft.com/en-us/connectors/custom-connectors/certification-swagger-validator-rules ; rules-catalog §2.9",
	},
	Check: checkDynamicInSchemaNotBodyParam,
}

func checkDynamicInSchemaNotBodyParam(p *Pass) error {
	a := p.API
	for _, s := range trDynSites(a) {
		if s.BodyParam {
			p.SwaggerKey(s.Ext, "body parameter %q defines %s on the parameter; move it into the parameter's schema",
				a.GetString(s.Holder, "name"), s.Name)
		}
	}
	return nil
}

// ---- references to the calling operation's parameters ----

// trRefTarget is what a parameter reference of a calling operation points at.
type trRefTarget struct {
	Param    bool             // a non-body parameter of that name exists
	ParamN   connector.NodeID // that parameter
	BodyProp connector.NodeID // the body property at that path, or None
}

// trFindRef looks name up on operation op: as a parameter name (the body parameter's included), and
// as a path of body properties separated by '/' (or '.', which merged connectors use), with or
// without the body parameter's name first.
func trFindRef(a *connector.API, op connector.Operation, name string) trRefTarget {
	t := trRefTarget{ParamN: connector.None, BodyProp: connector.None}
	for _, p := range a.Params(op) {
		if p.Name == name {
			t.Param, t.ParamN = true, p.Node
			continue
		}
		if p.In != "body" {
			continue
		}
		for _, sep := range []string{"/", "."} {
			segs := strings.Split(name, sep)
			if len(segs) > 1 && segs[0] == p.Name {
				segs = segs[1:]
			}
			if n := trSchemaAt(a, a.Get(p.Node, "schema"), segs); n != connector.None {
				t.BodyProp = n
				break
			}
		}
	}
	return t
}

// trProps returns the property named name of resolved object schema s, looking through allOf.
func trProps(a *connector.API, s connector.NodeID, name string, depth int) connector.NodeID {
	s = a.R(s)
	if a.Kind(s) != connector.Object || depth > 16 {
		return connector.None
	}
	props := a.Get(s, "properties")
	if n := a.Get(props, name); n != connector.None {
		return n
	}
	for k, n := range a.Members(props) {
		if strings.EqualFold(k, name) { // merged connectors differ from their responses in case only
			return n
		}
	}
	for _, e := range a.Elems(a.Get(s, "allOf")) {
		if n := trProps(a, e, name, depth+1); n != connector.None {
			return n
		}
	}
	return connector.None
}

// trSchemaAt follows property names from schema s; it returns the schema found, or None.
func trSchemaAt(a *connector.API, s connector.NodeID, segs []string) connector.NodeID {
	for _, seg := range segs {
		if seg == "" {
			return connector.None
		}
		s = trProps(a, s, seg, 0)
		if s == connector.None {
			return connector.None
		}
	}
	return s
}

// ---- dynamic-list-required ----

var dynamicListRequiredRule = &Rule{
	ID:       "dynamic-list-required",
	Code:     "DynamicListExtensionRequiredForNonParameterReferences",
	Severity: Error,
	Category: "dynamic",
	Inputs:   Swagger,
	Doc: Doc{
		Title: "Dynamic values that refer to body properties also define the x-ms-dynamic-list form",
		Why: "The older x-ms-dynamic-values and x-ms-dynamic-schema forms refer to the calling operation's inputs " +
			"by bare name ({\"parameter\": \"name\"}), which can only name a top-level parameter. When the name is " +
			"a property inside the body, or matches both a parameter and a body property, Microsoft's validator " +
			"requires the newer form beside it — x-ms-dynamic-list for x-ms-dynamic-values, " +
			"x-ms-dynamic-properties for x-ms-dynamic-schema — whose parameterReference is a full path " +
			"(DynamicListExtensionRequiredForNonParameterReferences; also …ForAmbiguousReferences, " +
			"DynamicPropertiesExtensionRequiredForNonParameterReferences, …ForAmbiguousReferences). It also asks " +
			"for x-ms-dynamic-properties when the schema's value-path ends in properties " +
			"(DynamicPropertiesExtensionRequiredForPropertiesValuePath), and then the itemValuePath of " +
			"x-ms-dynamic-properties must be that value-path without the trailing properties " +
			"(DynamicPropertiesItemValuePathMismatch). Schemas that no operation uses are not checked.",
		HowToFix: "Add x-ms-dynamic-list (or x-ms-dynamic-properties) next to the old extension, with the same " +
			"operationId and {\"parameterReference\": \"body/path/to/property\"} for each referenced input.",
		Source: "https://learn.microsoft.com/en-us/connectors/custom-connectors/openapi-extensions#use-dynamic-values ; " +
			"https://learn.microsoft.com/en-us/connectors/custom-connectors/certification-swagger-validator-rules ; rules-catalog §2.9",
	},
	Check: checkDynamicListRequired,
}

func checkDynamicListRequired(p *Pass) error {
	a := p.API
	for _, s := range trDynSites(a) {
		if a.Kind(s.Ext) != connector.Object {
			continue
		}
		var partner string
		switch s.Name {
		case "x-ms-dynamic-values":
			partner = "x-ms-dynamic-list"
		case "x-ms-dynamic-schema":
			partner = "x-ms-dynamic-properties"
		default:
			continue
		}
		hasPartner := a.Get(s.Holder, partner) != connector.None
		if s.Name == "x-ms-dynamic-schema" {
			vp := a.GetString(s.Ext, "value-path")
			if vp == "properties" || strings.HasSuffix(vp, "/properties") {
				want := strings.TrimSuffix(strings.TrimSuffix(vp, "properties"), "/")
				if !hasPartner && want == "" {
					p.Swagger(a.Get(s.Ext, "value-path"), "x-ms-dynamic-schema value-path %q points to schema properties; "+
						"add x-ms-dynamic-properties, which reads the whole response as the schema", vp)
				} else if !hasPartner {
					p.Swagger(a.Get(s.Ext, "value-path"), "x-ms-dynamic-schema value-path %q points to schema properties; "+
						"add x-ms-dynamic-properties with itemValuePath %q", vp, want)
				} else if pv := a.Get(s.Holder, partner); a.Kind(pv) == connector.Object {
					iv := a.Get(pv, "itemValuePath")
					if got, ok := a.Str(iv); ok && got != want {
						p.Swagger(iv, "x-ms-dynamic-properties itemValuePath %q does not match the x-ms-dynamic-schema "+
							"value-path %q; use %q", got, vp, want)
					} else if iv == connector.None && want != "" {
						p.SwaggerKey(pv, "x-ms-dynamic-properties has no itemValuePath but x-ms-dynamic-schema's "+
							"value-path is %q; add \"itemValuePath\": %q", vp, want)
					}
				}
			}
		}
		if hasPartner || len(s.Ops) == 0 {
			continue
		}
		for name, v := range a.Members(a.Get(s.Ext, "parameters")) {
			kind, ref := trParamValue(a, s.Name, v)
			if kind != trRefParameter {
				continue
			}
			target := a.String(ref)
			for _, i := range s.Ops {
				t := trFindRef(a, a.Ops[i], target)
				switch {
				case t.Param && t.BodyProp != connector.None:
					p.Swagger(ref, "%s parameter %q refers to %q, which is both a parameter and a body property of %q; "+
						"add %s with an unambiguous parameterReference", s.Name, name, target, a.Ops[i].Name(), partner)
				case !t.Param && t.BodyProp != connector.None:
					p.Swagger(ref, "%s parameter %q refers to %q, a property inside the body of %q; add %s with "+
						"parameterReference %q", s.Name, name, target, a.Ops[i].Name(), partner, trBodyRefPath(a, a.Ops[i], target))
				default:
					continue
				}
				break
			}
		}
	}
	return nil
}

// trBodyRefPath is the parameterReference for body property path name of op: prefixed with the
// body parameter's name unless it already is.
func trBodyRefPath(a *connector.API, op connector.Operation, name string) string {
	for _, p := range a.Params(op) {
		if p.In == "body" {
			if strings.HasPrefix(name, p.Name+"/") {
				return name
			}
			return p.Name + "/" + name
		}
	}
	return name
}

// ---- dynamic-target-valid ----

var dynamicTargetValidRule = &Rule{
	ID:       "dynamic-target-valid",
	Code:     "OperationIdNotFound",
	Severity: Error,
	Category: "dynamic",
	Inputs:   Swagger,
	Doc: Doc{
		Title: "Dynamic extensions call an existing operation with its required inputs",
		Why: "A dynamic extension calls another operation of the connector when the maker opens the control. " +
			"Microsoft's validator checks that the operationId exists (OperationIdNotFound), that every required " +
			"input of the called operation is supplied (OperationMissingRequiredProperty), that a referenced input " +
			"of the calling operation exists (OperationParameterNameNotFound) and that its type matches the called " +
			"operation's parameter (OperationParameterTypeMismatch; a static value of the wrong JSON type is " +
			"OperationParameterStaticTypeMismatch). Inputs that are internal with a default are sent by the " +
			"platform and need not be supplied. References are checked against every operation that uses the " +
			"parameter or schema; schemas that no operation uses are only checked for the operationId. Required " +
			"versus optional consistency (OperationParameterRequiredMismatch) and internal sources " +
			"(SourcePropertyInternal) are not checked. Ambiguous references are reported by dynamic-list-required; " +
			"paths in the response by dynamic-response-path.",
		HowToFix: "Use the operationId of an operation in this file, add each missing required input to the " +
			"extension's parameters, and point references at inputs that exist on the calling operation.",
		Source: "https://learn.microsoft.com/en-us/connectors/custom-connectors/certification-swagger-validator-rules ; " +
			"https://learn.microsoft.com/en-us/connectors/custom-connectors/openapi-extensions ; rules-catalog §2.9",
	},
	Check: checkDynamicTargetValid,
}

func checkDynamicTargetValid(p *Pass) error {
	a := p.API
	sites := trDynSites(a)
	if len(sites) == 0 {
		return nil // no need for the operation index
	}
	idx := trOpIndex(a)
	for _, s := range sites {
		for _, c := range trCalls(a, s) {
			id, ok := a.Str(c.OpID)
			if !ok || strings.TrimSpace(id) == "" {
				continue // shape
			}
			j, found := idx[id]
			if !found {
				p.Swagger(c.OpID, "%s calls operation %q, which is not defined in this file; use an existing operationId",
					c.Label, id)
				continue
			}
			called := a.Ops[j]
			calledParams := a.Params(called)
			// Required inputs of the called operation.
			for _, cp := range calledParams {
				if !a.IsTrue(a.Get(cp.Node, "required")) || cp.Name == "" || a.Get(c.Params, cp.Name) != connector.None {
					continue
				}
				if a.Internal(cp.Node) && a.Get(cp.Node, "default") != connector.None {
					continue
				}
				if cp.In == "body" && trBodyGiven(a, c.Params, cp.Name) {
					continue
				}
				at := c.Params
				if at == connector.None {
					at = c.OpID
					p.Swagger(at, "%s calls %q without its required parameter %q; add it to parameters", c.Label, id, cp.Name)
					continue
				}
				p.SwaggerKey(at, "%s calls %q without its required parameter %q; add it to parameters", c.Label, id, cp.Name)
			}
			// Supplied values: references and static types.
			for name, v := range a.Members(c.Params) {
				kind, ref := trParamValue(a, s.Name, v)
				var target *connector.Param
				for k := range calledParams {
					if calledParams[k].Name == name {
						target = &calledParams[k]
						break
					}
				}
				switch kind {
				case trRefStatic:
					if target != nil && target.In != "body" {
						trCheckStaticType(p, c, name, ref, a.GetString(target.Node, "type"))
					}
				case trRefParameter, trRefReference:
					refName := a.String(ref)
					if refName == "" {
						continue
					}
					for _, i := range s.Ops {
						t := trFindRef(a, a.Ops[i], refName)
						if !t.Param && t.BodyProp == connector.None {
							p.Swagger(ref, "%s parameter %q refers to %q, which is not an input of %q; reference an "+
								"existing parameter or body property", c.Label, name, refName, a.Ops[i].Name())
							break
						}
						src := t.ParamN
						if src == connector.None || (kind == trRefReference && t.BodyProp != connector.None) {
							src = a.R(t.BodyProp)
						}
						if target == nil || target.In == "body" {
							continue
						}
						st, tt := a.GetString(src, "type"), a.GetString(target.Node, "type")
						if !trTypesCompatible(st, tt) {
							p.Swagger(ref, "%s parameter %q gets %q of type %s from %q, but %q expects %s; reference an "+
								"input of the same type", c.Label, name, refName, st, a.Ops[i].Name(), id, tt)
							break
						}
					}
				}
			}
		}
	}
	return nil
}

// trBodyGiven reports whether a dynamic call's parameters supply the body parameter named name or
// properties of it ("body/x" keys or bare property names cannot be told apart; any key counts).
func trBodyGiven(a *connector.API, params connector.NodeID, name string) bool {
	for k := range a.Members(params) {
		if k == name || strings.HasPrefix(k, name+"/") {
			return true
		}
	}
	return a.Len(params) > 0
}

// trTypesCompatible reports whether a value of Swagger type src may be passed to a parameter of type
// dst. Unknown or missing types are compatible; integer fits number; anything fits string.
func trTypesCompatible(src, dst string) bool {
	if src == "" || dst == "" || src == dst || dst == "string" {
		return true
	}
	return src == "integer" && dst == "number"
}

// trCheckStaticType reports a static value whose JSON type cannot be sent as a parameter of type typ.
func trCheckStaticType(p *Pass, c trCall, name string, v connector.NodeID, typ string) {
	a := p.API
	k := a.Kind(v)
	ok := true
	switch typ {
	case "integer", "number":
		ok = k == connector.Number || (k == connector.String && trNumeric(a.String(v)))
	case "boolean":
		ok = k == connector.Bool || (k == connector.String && (a.String(v) == "true" || a.String(v) == "false"))
	case "string":
		ok = k != connector.Object && k != connector.Array
	case "array":
		ok = k == connector.Array || k == connector.String
	}
	switch {
	case ok:
	case k == connector.String:
		p.Swagger(v, "%s parameter %q is the string %q, but the called operation expects %s; give a value of that type",
			c.Label, name, a.String(v), typ)
	default:
		p.Swagger(v, "%s parameter %q is %s %s, but the called operation expects %s; give a value of that type",
			c.Label, name, article(k), k, typ)
	}
}

func trNumeric(s string) bool {
	var f float64
	_, err := fmt.Sscan(s, &f)
	return err == nil && s != ""
}

// ---- dynamic-response-path ----

var dynamicResponsePathRule = &Rule{
	ID:       "dynamic-response-path",
	Code:     "InvokedOperationShouldProduceArray",
	Severity: Warning,
	Category: "dynamic",
	Inputs:   Swagger,
	Doc: Doc{
		Title: "Dynamic extensions read paths that the called operation returns",
		Why: "value-collection and itemsPath name the array in the called operation's success response that " +
			"fills the drop-down; value-path, value-title, itemValuePath and itemTitlePath name properties of its " +
			"items; the value-path of x-ms-dynamic-schema and the itemValuePath of x-ms-dynamic-properties name " +
			"the property holding the schema. Microsoft's validator checks them against the response schema " +
			"(InvokedOperationShouldProduceArray, InvokedOperationShouldProduceProperty); a wrong path gives an " +
			"empty drop-down or no fields. Paths are '/'-separated, $refs are followed and names are matched regardless of case (merged " +
			"connectors differ from their responses in case only). Nothing is reported when " +
			"the response schema is missing, empty, dynamic or open (no properties listed), since the real payload " +
			"cannot be known. A warning: 8 of the merged connectors measured have such a path (JIRA's " +
			"value-collection \"value\" where the response has values), so the validator does not block it.",
		HowToFix: "Correct the path, or describe the returned array and its item properties in the called " +
			"operation's 200 response schema.",
		Source: "https://learn.microsoft.com/en-us/connectors/custom-connectors/certification-swagger-validator-rules ; rules-catalog §2.9",
	},
	Check: checkDynamicResponsePath,
}

// trPathResult is the outcome of following a path in a schema.
type trPathResult int

const (
	trPathFound   trPathResult = iota
	trPathMissing              // a segment does not exist in a closed schema
	trPathUnknown              // the schema is open, dynamic or unresolvable at some point
)

// trFollow follows a '/'-separated path of property names from schema s.
func trFollow(a *connector.API, s connector.NodeID, path string) (connector.NodeID, trPathResult) {
	if path == "" {
		return a.R(s), trPathFound
	}
	for _, seg := range strings.Split(path, "/") {
		r := a.R(s)
		if a.Kind(r) != connector.Object || trSchemaOpen(a, r) {
			return connector.None, trPathUnknown
		}
		n := trProps(a, r, seg, 0)
		if n == connector.None {
			return connector.None, trPathMissing
		}
		s = n
	}
	return a.R(s), trPathFound
}

// trSchemaOpen reports whether resolved schema s does not list its properties: dynamic, empty,
// additionalProperties, or a combinator other than allOf.
func trSchemaOpen(a *connector.API, s connector.NodeID) bool {
	if a.Get(s, "x-ms-dynamic-schema") != connector.None || a.Get(s, "x-ms-dynamic-properties") != connector.None {
		return true
	}
	if a.Get(s, "anyOf") != connector.None || a.Get(s, "oneOf") != connector.None {
		return true
	}
	if ap := a.Get(s, "additionalProperties"); ap != connector.None && !(a.Kind(ap) == connector.Bool && !a.IsTrue(ap)) {
		return true
	}
	if a.Get(s, "properties") != connector.None {
		return false
	}
	for _, e := range a.Elems(a.Get(s, "allOf")) {
		if !trSchemaOpen(a, a.R(e)) {
			return false
		}
	}
	return true
}

// trItems returns the item schema of array schema s (resolved), or None.
func trItems(a *connector.API, s connector.NodeID) connector.NodeID {
	s = a.R(s)
	if a.GetString(s, "type") != "array" && a.Get(s, "items") == connector.None {
		return connector.None
	}
	return a.R(a.Get(s, "items"))
}

// trCalledSchema returns the resolved schema of the called operation's success response: 200, else
// the first 2xx with a schema.
func trCalledSchema(a *connector.API, op connector.Operation) connector.NodeID {
	rs := a.Responses(op)
	if s := a.Get(a.R(a.Get(rs, "200")), "schema"); s != connector.None {
		return a.R(s)
	}
	for code, r := range a.Members(rs) {
		if len(code) == 3 && code[0] == '2' {
			if s := a.Get(a.R(r), "schema"); s != connector.None {
				return a.R(s)
			}
		}
	}
	return connector.None
}

func checkDynamicResponsePath(p *Pass) error {
	a := p.API
	sites := trDynSites(a)
	if len(sites) == 0 {
		return nil // no need for the operation index
	}
	idx := trOpIndex(a)
	for _, s := range sites {
		for _, c := range trCalls(a, s) {
			j, found := idx[a.String(c.OpID)]
			if !found {
				continue
			}
			root := trCalledSchema(a, a.Ops[j])
			if a.Kind(root) != connector.Object {
				continue
			}
			opName := a.Ops[j].Name()
			prop := func(key string, base connector.NodeID) {
				n := a.Get(c.Obj, key)
				path, ok := a.Str(n)
				if !ok || base == connector.None {
					return
				}
				if _, res := trFollow(a, base, path); res == trPathMissing {
					p.Swagger(n, "%s %s %q is not a property in the response of %q; use a path that the operation returns",
						c.Label, key, path, opName)
				}
			}
			// array: the collection; returns its item schema, or None when it cannot be known.
			array := func(key string) connector.NodeID {
				n := a.Get(c.Obj, key)
				path, ok := a.Str(n)
				if !ok {
					if n == connector.None {
						return trItems(a, root)
					}
					return connector.None
				}
				t, res := trFollow(a, root, path)
				switch {
				case res == trPathMissing:
					p.Swagger(n, "%s %s %q is not in the response of %q; name the array the operation returns",
						c.Label, key, path, opName)
					return connector.None
				case res == trPathUnknown:
					return connector.None
				}
				if items := trItems(a, t); items != connector.None {
					return items
				}
				if tt := a.GetString(t, "type"); tt != "" {
					p.Swagger(n, "%s %s %q has type %s in the response of %q; it must name an array", c.Label, key, path,
						tt, opName)
				}
				return connector.None
			}
			switch {
			case s.Name == "x-ms-dynamic-values":
				items := array("value-collection")
				prop("value-path", items)
				prop("value-title", items)
			case s.Name == "x-ms-dynamic-list" || s.Name == "x-ms-dynamic-tree":
				items := array("itemsPath")
				prop("itemValuePath", items)
				prop("itemTitlePath", items)
			case s.Name == "x-ms-dynamic-schema":
				prop("value-path", root)
			case s.Name == "x-ms-dynamic-properties":
				prop("itemValuePath", root)
			}
		}
	}
	return nil
}

// ---- dynamic-tree-file-picker ----

var dynamicTreeFilePickerRule = &Rule{
	ID:       "dynamic-tree-file-picker",
	Code:     "DynamicTreeExtensionMissing",
	Severity: Error,
	Category: "dynamic",
	Inputs:   Swagger,
	Doc: Doc{
		Title: "File pickers define x-ms-dynamic-tree, and selectedItemValuePath appears only in its browse call",
		Why: "\"x-ms-dynamic-values\": {\"capability\": \"file-picker\"} turns an input into a folder browser, but the " +
			"browser's calls are described by x-ms-dynamic-tree next to it; without the tree Microsoft's validator " +
			"rejects the file picker (DynamicTreeExtensionMissing). selectedItemValuePath passes the item the maker " +
			"opened to the next browse call, so it is only allowed among the parameters of x-ms-dynamic-tree.browse " +
			"(SelectedItemValuePathNotAllowedInThisPosition). All 54 merged file pickers define the tree.",
		HowToFix: "Add x-ms-dynamic-tree with open, browse and settings beside the file-picker x-ms-dynamic-values; " +
			"move selectedItemValuePath into the parameters of x-ms-dynamic-tree.browse.",
		Source: "https://learn.microsoft.com/en-us/connectors/custom-connectors/certification-swagger-validator-rules ; rules-catalog §2.9",
	},
	Check: checkDynamicTreeFilePicker,
}

func checkDynamicTreeFilePicker(p *Pass) error {
	a := p.API
	for _, s := range trDynSites(a) {
		if s.Name == "x-ms-dynamic-values" {
			if c := a.Get(s.Ext, "capability"); a.String(c) == "file-picker" && a.Get(s.Holder, "x-ms-dynamic-tree") == connector.None {
				p.Swagger(c, "x-ms-dynamic-values capability %q needs x-ms-dynamic-tree beside it; add the tree's open "+
					"and browse calls", a.String(c))
			}
		}
		allowed := connector.None
		if s.Name == "x-ms-dynamic-tree" {
			allowed = a.Path(s.Ext, "browse", "parameters")
		}
		trFindKey(a, s.Ext, "selectedItemValuePath", 0, func(n connector.NodeID) {
			if a.Parent(a.Parent(n)) == allowed && allowed != connector.None {
				return
			}
			p.SwaggerKey(n, "selectedItemValuePath is only allowed in the parameters of x-ms-dynamic-tree.browse; "+
				"move it there or use parameterReference")
		})
	}
	return nil
}

// trFindKey calls fn for every member named key inside n.
func trFindKey(a *connector.API, n connector.NodeID, key string, depth int, fn func(connector.NodeID)) {
	if depth > 32 {
		return
	}
	switch a.Kind(n) {
	case connector.Object:
		for k, m := range a.Members(n) {
			if k == key {
				fn(m)
			}
			trFindKey(a, m, key, depth+1, fn)
		}
	case connector.Array:
		for _, e := range a.Elems(n) {
			trFindKey(a, e, key, depth+1, fn)
		}
	}
}
