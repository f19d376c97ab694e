package rules

import (
	"cmp"
	"slices"
	"strings"

	"github.com/connectorlint/connectorlint/connector"
)

// parameterRules are the parameter rules of apiDefinition.swagger.json (rules-catalog.md §2.5).
var parameterRules = []*Rule{
	parameterXMsSummaryRequiredRule,
	parameterDescriptionRequiredRule,
	parameterXMsSummaryMaxLengthRule,
	parameterXMsSummaryStyleRule,
	pathParameterRequiredRule,
	pathParameterInTemplateRule,
	pathParameterUrlEncodingRule,
	urlEncodingValuesRule,
	queryParameterUrlEncodingRule,
	parameterNameNotConnectionIdRule,
	parametersUniqueRule,
	singleBodyParameterRule,
	bodyParameterSchemaRule,
	fileParameterFormdataRule,
	formdataNameAsciiRule,
	stringBinaryPlacementRule,
	allowEmptyValueLocationRule,
	collectionFormatSupportedRule,
	internalRequiredHasDefaultRule,
	internalDefaultOptionalRule,
	parameterRefValidRule,
	fetchSubscribeParameterConsistencyRule,
	sharedParametersRule,
}

const paSource = "https://learn.microsoft.com/en-us/connectors/custom-connectors/certification-swagger-validator-rules"

// paWritten is one parameter object written in the file.
type paWritten struct {
	N      connector.NodeID // the parameter object
	Root   bool             // a member of #/parameters (else an element of a parameters array)
	NameOK bool             // whether its "name" is a string
	Loc    paLoc            // In as a number, compared without reading the text
	In     string           // its "in" ("" when absent or not a string)
	Name   string           // its "name" ("" when absent or not a string)
	dup    uint64           // paDupDigest(In, Name)
	// m holds the members of N that the parameter rules read, by paK (what a.Get(N, key) returns),
	// found in one pass over N
	m [paKCount]connector.NodeID
}

// paK names a member of a parameter object kept in paWritten.m.
type paK uint8

const (
	paKIn paK = iota
	paKName
	paKSummary
	paKURLEncoding
	paKRequired
	paKDefault
	paKType
	paKSchema
	paKVisibility
	paKAllowEmptyValue
	paKFormat
	paKCount
)

var paKeys = connector.NewKeySet("in", "name", "x-ms-summary", "x-ms-url-encoding", "required", "default", "type",
	"schema", "x-ms-visibility", "allowEmptyValue", "format")

// paLoc is the "in" of a parameter: the locations of Swagger 2.0, none ("") or another string.
type paLoc uint8

const (
	paLocNone paLoc = iota
	paLocPath
	paLocQuery
	paLocHeader
	paLocBody
	paLocFormData
	paLocOther
)

func paLocOf(in string) paLoc {
	switch in {
	case "":
		return paLocNone
	case "path":
		return paLocPath
	case "query":
		return paLocQuery
	case "header":
		return paLocHeader
	case "body":
		return paLocBody
	case "formData":
		return paLocFormData
	}
	return paLocOther
}

func newPaWritten(a *connector.API, n connector.NodeID, root bool) paWritten {
	w := paWritten{N: n, Root: root}
	var buf [paKCount]connector.NodeID
	found, mask := a.FindKeys(n, paKeys, buf[:0])
	for k := range w.m {
		w.m[k] = connector.None
		if mask&(1<<k) != 0 {
			w.m[k], found = found[0], found[1:]
		}
	}
	w.In = a.String(w.m[paKIn])
	w.Loc = paLocOf(w.In)
	w.Name, w.NameOK = a.Str(w.m[paKName])
	w.dup = paDupDigest(w.In, w.Name)
	return w
}

// paWrittenParams returns every parameter object written in the file, once: the members of the
// root #/parameters object and the inline elements of path-item and operation parameters arrays
// (in the order of paParamLists). Elements that are $refs are skipped (their target is a root
// parameter, checked there), and so is anything that is not an object. The slice is shared: do not
// modify it; range over it by index, an element is 96 bytes.
func paWrittenParams(a *connector.API) []paWritten {
	return a.Memo("pa.written", func() any { return paWrittenParamsOnce(a) }).([]paWritten)
}

func paWrittenParamsOnce(a *connector.API) []paWritten {
	rootParams := a.Get(a.Root, "parameters")
	n := a.Len(rootParams) // at most one paWritten per element of the lists
	for _, list := range paParamLists(a) {
		n += a.Len(list)
	}
	out := make([]paWritten, 0, n)
	for _, n := range a.Members(rootParams) {
		if a.Kind(n) == connector.Object {
			out = append(out, newPaWritten(a, n, true))
		}
	}
	refs := swRefHolders(a.Doc)
	for _, list := range paParamLists(a) {
		for _, e := range a.Elems(list) {
			if a.Kind(e) == connector.Object && !refs.has(e) {
				out = append(out, newPaWritten(a, e, false))
			}
		}
	}
	return out
}

// paElems walks the elements of the lists of paParamLists, in their order, with the parameter
// object each stands for: the element itself, or the target of its $ref. Call next for every
// element of every list, in that order: an inline element is the next written parameter of its
// list, a $ref to a member of #/parameters finds that member's (by node: they are in file order),
// so that no member is looked up again.
type paElems struct {
	roots, inline []paWritten
	refs          nodeBits
	other         paWritten // for a $ref to anything else
}

func newPaElems(a *connector.API) *paElems {
	ws := paWrittenParams(a)
	n := 0
	for n < len(ws) && ws[n].Root {
		n++
	}
	return &paElems{roots: ws[:n:n], inline: ws[n:], refs: swRefHolders(a.Doc)}
}

// next returns the parameter object of element e (swR(a, refs, e)) as a paWritten whose N, In,
// Name, NameOK and dup are set (valid until the next call), or nil when it is not an object.
func (it *paElems) next(a *connector.API, e connector.NodeID) *paWritten {
	if !it.refs.has(e) {
		if a.Kind(e) != connector.Object {
			return nil
		}
		w := &it.inline[0]
		it.inline = it.inline[1:]
		return w
	}
	n := a.R(e)
	if i, ok := slices.BinarySearchFunc(it.roots, n, func(w paWritten, n connector.NodeID) int { return cmp.Compare(w.N, n) }); ok {
		return &it.roots[i]
	}
	if a.Kind(n) != connector.Object {
		return nil
	}
	w := &it.other
	w.N = n
	w.In = paIn(a, n)
	w.Loc = paLocOf(w.In)
	w.Name, w.NameOK = a.Str(a.Get(n, "name"))
	w.dup = paDupDigest(w.In, w.Name)
	return w
}

// paDupKey is what parameters-unique compares: in and name joined by a NUL, the name lower-cased
// for a header.
func paDupKey(in, name string) paKey {
	if in == "header" {
		name = strings.ToLower(name)
	}
	return paKeyOf(in, name, "")
}

// paDupDigest returns a digest of the string j = in + "\x00" + name + "\x00" (name lower-cased for
// a header), the string of paDupKey(in, name): its length and three of its bytes, all functions of
// j, so that parameters with equal paDupKeys have equal digests. Most parameters of one list differ
// in it, and comparing it reads no text.
func paDupDigest(in, name string) uint64 {
	fold := in == "header"
	if fold && !isASCII(name) {
		name = strings.ToLower(name)
	}
	n := len(in) + len(name) + 2
	at := func(k int) uint64 {
		switch {
		case k < len(in):
			return uint64(in[k])
		case k == len(in) || k == n-1:
			return 0
		case fold:
			return uint64(opFoldByte(name[k-len(in)-1]))
		}
		return uint64(name[k-len(in)-1])
	}
	return uint64(n) | at(0)<<32 | at(n/2)<<40 | at(n-2)<<48
}

// paParamLists returns every parameters array of the paths: one per path item that has one, and one
// per operation that has one. The slice is shared: do not modify it.
func paParamLists(a *connector.API) []connector.NodeID {
	return a.Memo("pa.lists", func() any { return paParamListsOnce(a) }).([]connector.NodeID)
}

func paParamListsOnce(a *connector.API) []connector.NodeID {
	var out []connector.NodeID
	ops := a.Ops
	for _, item := range a.Members(a.Get(a.Root, "paths")) {
		if a.Kind(item) != connector.Object {
			continue
		}
		if l := a.Get(item, "parameters"); a.Kind(l) == connector.Array {
			out = append(out, l)
		}
		// The operations of item (its method members that are objects) are the next ones of a.Ops.
		for ; len(ops) > 0 && ops[0].PathItem == item; ops = ops[1:] {
			if l := a.Get(ops[0].Node, "parameters"); a.Kind(l) == connector.Array {
				out = append(out, l)
			}
		}
	}
	return out
}

// paOpParams returns a.Params of every operation, by index in a.Ops: a rule that walks all the
// operations fetches this once instead of asking a.Params (a memo lookup) per operation. Shared: do
// not modify it.
func paOpParams(a *connector.API) [][]connector.Param {
	return a.Memo("pa.opparams", func() any {
		all := make([][]connector.Param, len(a.Ops))
		for i, op := range a.Ops {
			all[i] = a.Params(op)
		}
		return all
	}).([][]connector.Param)
}

// paIn returns the location of parameter object n ("" when absent or not a string).
func paIn(a *connector.API, n connector.NodeID) string { return a.GetString(n, "in") }

// paLabel names a parameter for messages: `query parameter "top"`.
func paLabel(a *connector.API, n connector.NodeID) string {
	in := paIn(a, n)
	name := a.GetString(n, "name")
	if in == "" {
		return "parameter " + paQuote(name)
	}
	return in + " parameter " + paQuote(name)
}

// paLabelW is paLabel(a, w.N).
func paLabelW(w *paWritten) string {
	if w.In == "" {
		return "parameter " + paQuote(w.Name)
	}
	return w.In + " parameter " + paQuote(w.Name)
}

func paQuote(s string) string { return Quote(s) }

// paVisibleInputLocations are the parameter locations whose x-ms-summary and description Microsoft
// requires (body parameters are exempt).
func paVisibleInputLocation(in string) bool {
	switch in {
	case "path", "query", "header", "formData":
		return true
	}
	return false
}

// paInScope calls fn once for each parameter object (after $ref resolution) that applies to at least
// one operation that is not internal, when the parameter itself is not internal and sits in path,
// query, header or formData. Parameters whose $ref does not resolve are skipped.
func paInScope(a *connector.API, fn func(n connector.NodeID)) {
	for _, n := range a.Memo("pa.inscope", func() any {
		var ns []connector.NodeID
		paInScopeOnce(a, func(n connector.NodeID) { ns = append(ns, n) })
		return ns
	}).([]connector.NodeID) {
		fn(n)
	}
}

func paInScopeOnce(a *connector.API, fn func(n connector.NodeID)) {
	seen := newNodeBits(a.Doc)
	internal := swInternal(a.Doc) // a.Internal
	for _, op := range a.Ops {
		if internal.has(op.Node) {
			continue
		}
		for _, prm := range a.Params(op) {
			if prm.Ref != connector.RefNone && prm.Ref != connector.RefOK {
				continue
			}
			n := prm.Node
			if seen.has(n) || a.Kind(n) != connector.Object {
				continue
			}
			seen.add(n)
			if !paVisibleInputLocation(prm.In) || internal.has(n) {
				continue
			}
			fn(n)
		}
	}
}

// paWalkInputSchemas visits every schema reachable from the schema of a body parameter (following
// local $refs, each resolved schema once). top is true for the body parameter's schema itself.
func paWalkInputSchemas(a *connector.API, fn func(s connector.NodeID, top bool)) {
	for _, v := range a.Memo("pa.inputschemas", func() any {
		var vs []paSchemaVisit
		paWalkInputSchemasOnce(a, func(s connector.NodeID, top bool) { vs = append(vs, paSchemaVisit{s, top}) })
		return vs
	}).([]paSchemaVisit) {
		fn(v.s, v.top)
	}
}

type paSchemaVisit struct {
	s   connector.NodeID
	top bool
}

func paWalkInputSchemasOnce(a *connector.API, fn func(s connector.NodeID, top bool)) {
	seen := newNodeBits(a.Doc)
	refs := swRefHolders(a.Doc)
	var walk func(s connector.NodeID, top bool, depth int)
	walk = func(s connector.NodeID, top bool, depth int) {
		s = swR(a, refs, s)
		if a.Kind(s) != connector.Object || depth > 64 {
			return
		}
		if seen.has(s) {
			return
		}
		seen.add(s)
		fn(s, top)
		a.SchemaChildren(s, func(c connector.NodeID) { walk(c, false, depth+1) })
	}
	ws := paWrittenParams(a)
	for i := range ws {
		w := &ws[i]
		if w.Loc == paLocBody {
			walk(a.Get(w.N, "schema"), true, 0)
		}
	}
}

// paKey is the string parts[0] + "\x00" + parts[1] + "\x00" + parts[2] as a comparable struct, built
// without allocating in the usual case: the joined string cut at its first two NULs, so that two
// keys are equal exactly when the joined strings are.
type paKey [3]string

func paKeyOf(a, b, c string) paKey {
	if strings.IndexByte(a, 0) < 0 && strings.IndexByte(b, 0) < 0 {
		return paKey{a, b, c}
	}
	p := strings.SplitN(a+"\x00"+b+"\x00"+c, "\x00", 3)
	return paKey{p[0], p[1], p[2]}
}

// paHasKey reports whether object n has member key.
func paHasKey(a *connector.API, n connector.NodeID, key string) bool {
	return a.Get(n, key) != connector.None
}

// paTrim trims white space.
func paTrim(s string) string { return strings.TrimSpace(s) }
