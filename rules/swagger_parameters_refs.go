package rules

import (
	mbits "math/bits"
	"slices"

	"github.com/connectorlint/connectorlint/connector"
)

// Internal values, parameter $refs, trigger parameter consistency, shared parameters.

var internalRequiredHasDefaultRule = &Rule{
	ID:       "internal-required-has-default",
	Severity: Error,
	Category: "parameters",
	Inputs:   Swagger,
	Doc: Doc{
		Title: "Required internal inputs have a default value",
		Why: "Makers never see an x-ms-visibility: internal input, so the platform must fill it alone: Microsoft's extension documentation says required internal values must provide a default. " +
			"connectorlint checks non-body parameters and the properties of request body schemas (followed through $refs) listed in their object's required array. " +
			"Exempt: the webhook callback property (x-ms-notification-url: true, filled by the platform) and object and array values (their own properties carry the defaults). " +
			"No validator code is known for this case (the rule rests on the documentation); two merged certified connectors break it. The opposite case, an internal default on an optional input, is internal-default-optional.",
		HowToFix: "Add a \"default\" with the value the service needs, or make the input visible (\"advanced\") so makers can fill it.",
		Source:   "https://learn.microsoft.com/en-us/connectors/custom-connectors/openapi-extensions (x-ms-visibility) ; rules-catalog §2.5",
	},
	Check: checkInternalRequiredHasDefault,
}

// paNeedsDefault reports whether internal input object n can only be filled by a default.
func paNeedsDefault(a *connector.API, n connector.NodeID) bool {
	if paHasKey(a, n, "default") || paHasKey(a, n, "$ref") || a.IsTrue(a.Get(n, "x-ms-notification-url")) {
		return false
	}
	switch a.GetString(n, "type") {
	case "object", "array":
		return false
	}
	return !paHasKey(a, n, "properties") && !paHasKey(a, n, "items")
}

// paInternalProps calls fn for each internal property of a request body schema, with whether the
// schema lists it as required.
func paInternalProps(a *connector.API, fn func(prop connector.NodeID, required bool)) {
	type internalProp struct {
		prop     connector.NodeID
		required bool
	}
	for _, ip := range a.Memo("pa.internalprops", func() any {
		var ips []internalProp
		paInternalPropsOnce(a, func(prop connector.NodeID, required bool) { ips = append(ips, internalProp{prop, required}) })
		return ips
	}).([]internalProp) {
		fn(ip.prop, ip.required)
	}
}

func paInternalPropsOnce(a *connector.API, fn func(prop connector.NodeID, required bool)) {
	internal := swInternal(a.Doc) // a.Internal
	// The schemas that have an internal property are few: those that are not skip the lookup of
	// their properties below.
	var owners nodeBits
	for w, bits := range internal {
		for ; bits != 0; bits &= bits - 1 {
			n := connector.NodeID(w<<6 | mbits.TrailingZeros64(bits))
			if pp := a.Parent(n); a.Kind(pp) == connector.Object && a.IsMember(pp) && a.Key(pp) == "properties" {
				if owners == nil {
					owners = newNodeBits(a.Doc)
				}
				if s := a.Parent(pp); s != connector.None {
					owners.add(s)
				}
			}
		}
	}
	if owners == nil {
		return
	}
	paWalkInputSchemas(a, func(s connector.NodeID, _ bool) {
		if !owners.has(s) {
			return // no member of its properties is internal
		}
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

func checkInternalRequiredHasDefault(p *Pass) error {
	a := p.API
	ws := paWrittenParams(a)
	for i := range ws {
		w := &ws[i]
		n := w.N
		if w.Loc == paLocBody || a.String(w.m[paKVisibility]) != "internal" || !a.IsTrue(w.m[paKRequired]) || !paNeedsDefault(a, n) {
			continue
		}
		p.SwaggerKey(n, "%s is internal and required but has no default; add a \"default\" or make it visible", paLabel(a, n))
	}
	paInternalProps(a, func(prop connector.NodeID, required bool) {
		if required && paNeedsDefault(a, prop) {
			p.SwaggerKey(prop, "property %q is internal and required but has no default; add a \"default\" or make it visible", a.Key(prop))
		}
	})
	return nil
}

var internalDefaultOptionalRule = &Rule{
	ID:       "internal-default-optional",
	Code:     "InternalPropertyWithDefaultOptional",
	Severity: Warning,
	Category: "parameters",
	Inputs:   Swagger,
	Doc: Doc{
		Title: "Internal inputs with a default value are required",
		Why: "Only required inputs are sure to be sent: an internal (hidden) input with a default but not required may be left out of the request, so its default never reaches the service. " +
			"Microsoft's validator warns about it (InternalPropertyWithDefaultOptional; PropertyMustBeRequired is the same finding worded as an error). " +
			"connectorlint checks non-body parameters and the properties of request body schemas (followed through $refs).",
		HowToFix: "Mark the input required (\"required\": true on a parameter, or add the property's name to its object's \"required\" array); the fix does it for parameters.",
		Source:   paSource + " ; rules-catalog §2.5, §11 (17)",
	},
	Check: checkInternalDefaultOptional,
}

func checkInternalDefaultOptional(p *Pass) error {
	a := p.API
	ws := paWrittenParams(a)
	for i := range ws {
		w := &ws[i]
		n := w.N
		if w.Loc == paLocBody || a.String(w.m[paKVisibility]) != "internal" || w.m[paKDefault] == connector.None {
			continue
		}
		req := w.m[paKRequired]
		if a.IsTrue(req) {
			continue
		}
		f := p.SwaggerKey(w.m[paKDefault], "%s is internal with a default but not required, so the default may never be sent; mark it required", paLabel(a, n))
		switch a.Kind(req) {
		case connector.Invalid:
			f.WithFix("Add \"required\": true", AddMember(p.C.Swagger, n, "required", "true"))
		case connector.Bool:
			f.WithFix("Set \"required\" to true", ReplaceValue(p.C.Swagger, req, "true"))
		}
	}
	paInternalProps(a, func(prop connector.NodeID, required bool) {
		if !required && paHasKey(a, prop, "default") {
			p.SwaggerKey(a.Get(prop, "default"), "property %q is internal with a default but not in its object's required list, so the default may never be sent; add it to \"required\"", a.Key(prop))
		}
	})
	return nil
}

var parameterRefValidRule = &Rule{
	ID:       "parameter-ref-valid",
	Code:     "ParameterReferenceNotFound",
	Severity: Error,
	Category: "parameters",
	Inputs:   Swagger,
	Doc: Doc{
		Title: "Parameter $refs point to an existing #/parameters entry",
		Why: "An element of a parameters array that is a $ref must name an entry directly under #/parameters in the same file. Microsoft's validator rejects a reference that does not resolve (ParameterReferenceNotFound), " +
			"one that points elsewhere or is not a valid JSON pointer (ParameterReferenceNotValid) and a reference to another reference (ParameterRefLoopNotAllowed). " +
			"This rule covers the $refs of parameters arrays; other $refs are checked by ref-valid.",
		HowToFix: "Point the $ref at \"#/parameters/<name>\" of an existing entry (names are case-sensitive), or define that entry.",
		Source:   paSource + " ; rules-catalog §2.5",
	},
	Check: checkParameterRefValid,
}

func checkParameterRefValid(p *Pass) error {
	a := p.API
	root := a.Get(a.Root, "parameters")
	for _, list := range paParamLists(a) {
		for _, e := range a.Elems(list) {
			ref := a.Ref(e)
			if ref == connector.None {
				continue
			}
			s, isStr := a.Str(ref)
			if !isStr {
				p.Swagger(ref, "parameter $ref is %s, not a string; write \"#/parameters/<name>\"", string(a.Raw(ref)))
				continue
			}
			t, st := a.RefTarget(ref)
			switch st {
			case connector.RefNotLocal:
				p.Swagger(ref, "parameter $ref %q points outside this file; define the parameter under #/parameters and reference it as \"#/parameters/<name>\"", s)
			case connector.RefInvalid:
				p.Swagger(ref, "parameter $ref %q is not a valid JSON pointer; write \"#/parameters/<name>\"", s)
			case connector.RefDangling:
				p.Swagger(ref, "parameter $ref %q does not exist in this file; define it under #/parameters or fix the name", s)
			case connector.RefOK:
				switch {
				case a.Parent(t) != root || root == connector.None:
					p.Swagger(ref, "parameter $ref %q does not point at an entry of #/parameters; reference \"#/parameters/<name>\"", s)
				case a.Ref(t) != connector.None:
					p.Swagger(ref, "parameter $ref %q points at another $ref; reference the final parameter directly", s)
				}
			}
		}
	}
	return nil
}

var fetchSubscribeParameterConsistencyRule = &Rule{
	ID:       "fetch-subscribe-parameter-consistency",
	Code:     "ParamtersWithSameNameMustHaveSameTypeAndVisibility",
	Severity: Warning,
	Category: "parameters",
	Inputs:   Swagger,
	Doc: Doc{
		Title: "Same-named parameters of a trigger's operations share type and visibility",
		Why: "When a trigger is made of several operations (for example a subscribe and a fetch operation), the designer shows one set of inputs for all of them, so parameters with the same name must have the same type and x-ms-visibility; " +
			"Microsoft's validator checks this (ParamtersWithSameNameMustHaveSameTypeAndVisibility). The file does not say which operations form one trigger, so connectorlint approximates: " +
			"it compares the x-ms-trigger operations of one path item with each other and, when one of them is a webhook subscription (its body carries x-ms-notification-url), with the GET operations of the same path. " +
			"Body parameters are not compared. Because the grouping is a guess, this is a warning.",
		HowToFix: "Give the parameters the same type and the same x-ms-visibility, or rename one if they are different values.",
		Source:   paSource + " ; rules-catalog §2.5",
	},
	Check: checkFetchSubscribeParameterConsistency,
}

func checkFetchSubscribeParameterConsistency(p *Pass) error {
	a := p.API
	type seenParam struct {
		node connector.NodeID
		op   connector.Operation
	}
	reported := map[connector.NodeID]bool{}
	// a.Ops lists the operations path item by path item: each group is a run of the same PathItem.
	for rest := a.Ops; len(rest) > 0; {
		n := 1
		for n < len(rest) && rest[n].PathItem == rest[0].PathItem {
			n++
		}
		group := rest[:n]
		rest = rest[n:]
		var ops []connector.Operation
		webhook := false
		for _, op := range group {
			if paHasKey(a, op.Node, "x-ms-trigger") {
				ops = append(ops, op)
				webhook = webhook || paIsWebhook(a, op)
			}
		}
		if webhook {
			for _, op := range group {
				if op.Method == "get" && !paHasKey(a, op.Node, "x-ms-trigger") {
					ops = append(ops, op)
				}
			}
		}
		if len(ops) < 2 {
			continue
		}
		first := map[string]seenParam{}
		for _, op := range ops {
			for _, prm := range a.Params(op) {
				if prm.OnPath || prm.In == "body" || prm.Name == "" || a.Kind(prm.Node) != connector.Object {
					continue
				}
				f, ok := first[prm.Name]
				if !ok {
					first[prm.Name] = seenParam{prm.Node, op}
					continue
				}
				if f.node == prm.Node || reported[prm.Node] {
					continue
				}
				t1, t2 := paParamType(a, f.node), paParamType(a, prm.Node)
				v1, v2 := paVisibility(a, f.node), paVisibility(a, prm.Node)
				switch {
				case t1 != t2:
					reported[prm.Node] = true
					p.SwaggerKey(prm.Entry, "parameter %q of operation %q has type %q but %q in operation %q on the same trigger path; use the same type", prm.Name, op.Name(), t2, t1, f.op.Name()).
						WithRelated(p.C.Swagger, f.node, "declared here with type %q", t1)
				case v1 != v2:
					reported[prm.Node] = true
					p.SwaggerKey(prm.Entry, "parameter %q of operation %q has visibility %q but %q in operation %q on the same trigger path; use the same x-ms-visibility", prm.Name, op.Name(), v2, v1, f.op.Name()).
						WithRelated(p.C.Swagger, f.node, "declared here with visibility %q", v1)
				}
			}
		}
	}
	return nil
}

// paIsWebhook reports whether op's body schema (followed through $refs) has an
// x-ms-notification-url: true property.
func paIsWebhook(a *connector.API, op connector.Operation) bool {
	found := false
	seen := map[connector.NodeID]bool{}
	var walk func(s connector.NodeID, depth int)
	walk = func(s connector.NodeID, depth int) {
		s = a.R(s)
		if found || seen[s] || a.Kind(s) != connector.Object || depth > 32 {
			return
		}
		seen[s] = true
		if a.IsTrue(a.Get(s, "x-ms-notification-url")) {
			found = true
			return
		}
		a.SchemaChildren(s, func(c connector.NodeID) { walk(c, depth+1) })
	}
	for _, prm := range a.Params(op) {
		if prm.In == "body" {
			walk(a.Get(prm.Node, "schema"), 0)
		}
	}
	return found
}

// paParamType is a parameter's type ("string" when absent, as the platform assumes).
func paParamType(a *connector.API, n connector.NodeID) string {
	if t := a.GetString(n, "type"); t != "" {
		return t
	}
	return "string"
}

// paVisibility is x-ms-visibility with the empty value meaning "none".
func paVisibility(a *connector.API, n connector.NodeID) string {
	if v := a.Visibility(n); v != "" {
		return v
	}
	return "none"
}

var sharedParametersRule = &Rule{
	ID:            "shared-parameters",
	Severity:      Info,
	Category:      "parameters",
	Inputs:        Swagger,
	Certification: true,
	Doc: Doc{
		Title: "A parameter repeated across operations is defined once under #/parameters",
		Why: "Microsoft's coding standards ask for parameters used by several operations to be defined once under the root parameters object and referenced with $ref, so their name, summary and description stay the same everywhere. " +
			"connectorlint reports an inline non-body parameter whose name, location and type repeat in three or more operations, once, at its first occurrence.",
		HowToFix: "Move one copy under \"parameters\" at the root of the file and replace each inline copy with {\"$ref\": \"#/parameters/<name>\"}.",
		Source:   "https://learn.microsoft.com/en-us/connectors/custom-connectors/coding-standards ; rules-catalog §2.5",
	},
	Check: checkSharedParameters,
}

func checkSharedParameters(p *Pass) error {
	a := p.API
	ws := paWrittenParams(a)
	// The groups in order of first appearance; the members of a group are linked through next (an
	// index into ws, -1 at the end), so that a parameter costs one map lookup and no slice of its own.
	// The map is keyed by name only (one string to hash): the groups of one name that differ in
	// "in" or type are linked through other.
	type group struct {
		first, last, n int32
		other          int32 // the next group of the same name, -1 at the end
		in, typ        string
	}
	var groups []group
	var index map[string]int32
	var next []int32
	// The inline elements of the parameters arrays are the written parameters that are not members
	// of #/parameters.
	for i := range ws {
		w := &ws[i]
		if w.Root || w.Loc == paLocNone || w.Loc == paLocBody {
			continue
		}
		name := w.Name
		if name == "" {
			continue
		}
		typ := a.String(w.m[paKType])
		if typ == "" {
			typ = "string" // as paParamType
		}
		// The groups are those of the string in, name and type joined by NULs (paKeyOf).
		k := paKeyOf(w.In, name, typ)
		if index == nil {
			index, next = make(map[string]int32, len(ws)-i), make([]int32, len(ws))
		}
		next[i] = -1
		gi, known := index[k[1]]
		for known && (groups[gi].in != k[0] || groups[gi].typ != k[2]) && groups[gi].other >= 0 {
			gi = groups[gi].other
		}
		if known && groups[gi].in == k[0] && groups[gi].typ == k[2] {
			g := &groups[gi]
			next[g.last], g.last = int32(i), int32(i)
			g.n++
			continue
		}
		if known {
			groups[gi].other = int32(len(groups))
		} else {
			index[k[1]] = int32(len(groups))
		}
		groups = append(groups, group{first: int32(i), last: int32(i), n: 1, other: -1, in: k[0], typ: k[2]})
	}
	for _, g := range groups {
		if g.n < 3 {
			continue
		}
		w := &ws[g.first]
		label := paLabelW(w)
		f := p.SwaggerKey(w.N, "%s is written inline %d times; define it once under #/parameters and $ref it", label, g.n)
		f.Related = slices.Grow(f.Related, int(g.n-1))
		for i := next[g.first]; i >= 0; i = next[i] {
			f.WithRelated(p.C.Swagger, ws[i].N, "also written here")
		}
	}
	return nil
}
