package rules

import (
	"iter"
	"math"
	"math/bits"
	"slices"
	"strconv"
	"sync"
	"unsafe"

	"github.com/connectorlint/connectorlint/connector"
)

// schemaRules are the schema rules of apiDefinition.swagger.json (rules-catalog.md §2.6, and the
// x-ms-enum-values row of §2.10).
var schemaRules = []*Rule{
	schemaRequiredConsistencyRule,
	arrayHasItemsRule,
	enumValidRule,
	xMsEnumValuesValidRule,
	defaultMatchesTypeRule,
	typeFormatKnownRule,
	numericStringConstraintsRule,
	discriminatorValidRule,
	keywordSupportedRule,
	xMsEditorDictionaryRule,
	filterFunctionsRule,
	stringsTranslatableRule,
}

// ---- shared walking helpers ----

// scKind says what kind of object a schema-like node is.
type scKind uint8

const (
	scSchema scKind = iota // a JSON schema: definition, body/response schema or one of their sub-schemas
	scParam                // a non-body parameter, which carries type/format/enum/... directly
	scHeader               // a response header
	scItems                // the "items" object of a non-body parameter or header (or of another items)
)

// scTarget is one object that carries schema keywords, as written in the file.
type scTarget struct {
	N    connector.NodeID
	Kind scKind
	// Type sums up the "type" member as stValOfNode does, Fmt the "format" member (scFmtOfNode), and
	// idents says which of x-ms-summary (scIdentSummary) and title (scIdentTitle) are identifiers
	// (scIsIdent). scTargets reads them while it has the members at hand, so that the rules about them
	// skip most targets without reading the members again.
	Type   stVal
	Fmt    scFmt
	idents uint8
	// the members of N named in scKeys, found once for all the schema rules: mask says which are
	// present, and they are scIndex.kws[kwAt:] in scKey order
	mask uint32
	kwAt int32
}

const (
	scIdentSummary = 1 << iota // x-ms-summary is a camelCase or snake_case identifier
	scIdentTitle               // so is title
)

// scIsIdent reports whether n is a string that strings-translatable reports: a camelCase or
// snake_case identifier.
func scIsIdent(a *connector.API, n connector.NodeID) bool {
	if a.Kind(n) != connector.String {
		return false
	}
	// Both shapes are ASCII letters, digits and underscores only: most labels stop at their first
	// space, read in the raw bytes. A backslash may start an escaped letter: decode those.
	nd := &a.Nodes[n]
	raw := a.Src[nd.Start+1 : nd.End-1]
	for _, c := range raw {
		if !asciiIdentByte[c] {
			if c == '\\' {
				s, _ := a.Str(n)
				return scIsCamelCase(s) || scIsSnakeCase(s)
			}
			return false
		}
	}
	s := unsafe.String(unsafe.SliceData(raw), len(raw)) // the raw bytes are the value: no escapes
	return scIsCamelCase(s) || scIsSnakeCase(s)
}

// scFmt is the value of a "format" member when it is a plain string (no escapes) among scFmtWords.
type scFmt uint8

const (
	scfAbsent scFmt = iota // no such member
	scfNotStr              // not a string
	scfOther               // another string, or an escaped one: read the member
	scfWords               // the first word; word i of scFmtWords is scfWords+i
)

// scFmtWords are the formats of scFormats, in order.
var scFmtWords = [...]string{"int32", "int64", "float", "double",
	"byte", "binary", "date", "date-time", "date-no-tz", "password", "email", "html", "uri", "uuid"}

// scFmtOfNode returns the scFmt of member n (None: absent).
func scFmtOfNode(d *connector.Doc, n connector.NodeID) scFmt {
	switch d.Kind(n) {
	case connector.Invalid:
		return scfAbsent
	case connector.String:
	default:
		return scfNotStr
	}
	nd := &d.Nodes[n]
	switch string(d.Src[nd.Start+1 : nd.End-1]) { // the order of scFmtWords
	case "int32":
		return scfWords
	case "int64":
		return scfWords + 1
	case "float":
		return scfWords + 2
	case "double":
		return scfWords + 3
	case "byte":
		return scfWords + 4
	case "binary":
		return scfWords + 5
	case "date":
		return scfWords + 6
	case "date-time":
		return scfWords + 7
	case "date-no-tz":
		return scfWords + 8
	case "password":
		return scfWords + 9
	case "email":
		return scfWords + 10
	case "html":
		return scfWords + 11
	case "uri":
		return scfWords + 12
	case "uuid":
		return scfWords + 13
	}
	return scfOther
}

// scIndex is scTargets' memo: the targets in order, and their keyword members.
type scIndex struct {
	ts  []scTarget
	kws []connector.NodeID
	few [len(scFew)][]int32 // per scFew mask, the indexes in ts of the targets with one of its keys
}

// scFew are masks of keywords that few targets have: scTargets lists the targets that have one of
// the keys of each, so that the rules about them need not look at every target.
var scFew = [...]uint32{
	1 << scKEnum, 1 << scKEnumValues, 1 << scKDefault, 1 << scKRequired, 1 << scKDiscriminator, 1 << scKEditor,
	1<<scKFilterFunctions | 1<<scKCapabilities,
	1<<scKOneOf | 1<<scKAnyOf | 1<<scKNot | 1<<scKUniqueItems,
	scNumMask,
}

// scNumMask has the bits of the scNumKeywords.
const scNumMask = (1<<(uint(scKNum)+uint(len(scNumKeywords))) - 1) &^ (1<<uint(scKNum) - 1)

// with returns the targets that have one of the keys of mask m (one of scFew), in order.
func (sc *scIndex) with(m uint32) iter.Seq[scTarget] {
	i := slices.Index(scFew[:], m)
	return func(yield func(scTarget) bool) {
		for _, j := range sc.few[i] {
			if !yield(sc.ts[j]) {
				return
			}
		}
	}
}

// scKey names a keyword that the schema rules read from their targets.
type scKey uint8

const (
	scKType scKey = iota
	scKFormat
	scKEnum
	scKDefault
	scKXNullable
	scKEnumValues
	scKSummary
	scKTitle
	scKRequired
	scKItems
	scKDiscriminator
	scKOneOf
	scKAnyOf
	scKNot
	scKUniqueItems
	scKEditor
	scKAdditionalProperties
	scKFilterFunctions
	scKCapabilities
	scKNum // the first of the scNumKeywords, in their order
)

// At most 32 scKeys, since scTarget.mask has 32 bits (this constant overflows otherwise).
const _ uint = 32 - (uint(scKNum) + uint(len(scNumKeywords)))

// scKeyNames are the names of the scKeys, in order, and scKeys their KeySet.
var (
	scKeyNames = append([]string{"type", "format", "enum", "default", "x-nullable",
		"x-ms-enum-values", "x-ms-summary", "title", "required", "items", "discriminator", "oneOf", "anyOf",
		"not", "uniqueItems", "x-ms-editor", "additionalProperties", "filterFunctions", "x-ms-capabilities"},
		scNumKeywords[:]...)
	scKeys = connector.NewKeySet(scKeyNames...)
)

// kw returns the member k of target t (what a.Get(t.N, name) returns), or None.
func (sc *scIndex) kw(t scTarget, k scKey) connector.NodeID {
	bit := uint32(1) << k
	if t.mask&bit == 0 {
		return connector.None
	}
	return sc.kws[t.kwAt+int32(bits.OnesCount32(t.mask&(bit-1)))]
}

// typeIs reports whether the "type" of target t is the string word (a type name of stValWords).
func (sc *scIndex) typeIs(a *connector.API, t scTarget, word stVal) bool {
	if t.Type == stvOther {
		return a.String(sc.kw(t, scKType)) == stValWords[word-stvWords]
	}
	return t.Type == word
}

// scTypeStr is a.Str(sc.kw(t, scKType)), read from t.Type when that is a word.
func scTypeStr(a *connector.API, sc *scIndex, t scTarget) (string, bool) {
	switch {
	case t.Type == stvAbsent:
		return "", false
	case t.Type >= stvWords:
		return stValWords[t.Type-stvWords], true
	}
	return a.Str(sc.kw(t, scKType))
}

// has reports whether target t has member k.
func (t scTarget) has(k scKey) bool { return t.mask&(1<<k) != 0 }

// scTargets lists every object of the swagger file that carries schema keywords (type, format, enum,
// default, items, minimum…), each once, where it is written: schema objects, non-body parameters
// (root, path-item and operation level), response headers, and the items objects below parameters
// and headers. $refs are not followed, so a shared definition is reported once.
func scTargets(a *connector.API) *scIndex {
	return a.Memo("sc.targets", func() any { return scTargetsOnce(a) }).(*scIndex)
}

// scBufs keeps the scratch lists of scTargetsOnce between documents: the index keeps exact-size
// copies, where growing (or over-sizing) its lists per document would allocate more.
var scBufs = sync.Pool{New: func() any { return new(scBuf) }}

type scBuf struct {
	ts  []scTarget
	kws []connector.NodeID
}

// scAnyFew has the keys of all the scFew masks.
var scAnyFew = func() (m uint32) {
	for _, f := range scFew {
		m |= f
	}
	return
}()

func scTargetsOnce(a *connector.API) *scIndex {
	b := scBufs.Get().(*scBuf)
	ts, kws := scTargetList(a, b.ts[:0]), b.kws[:0]
	// one pass over the members of each target for all the keywords
	var counts [len(scFew)]int
	for i := range ts {
		t := &ts[i]
		t.kwAt = int32(len(kws))
		var mask uint64
		kws, mask = a.FindKeys(t.N, scKeys, kws)
		t.mask = uint32(mask)
		if t.mask&(1<<scKType|1<<scKFormat|1<<scKSummary|1<<scKTitle) != 0 {
			kw := func(k scKey) connector.NodeID {
				if bit := uint32(1) << k; t.mask&bit != 0 {
					return kws[t.kwAt+int32(bits.OnesCount32(t.mask&(bit-1)))]
				}
				return connector.None
			}
			t.Type, t.Fmt = stValOfNode(a.Doc, kw(scKType)), scFmtOfNode(a.Doc, kw(scKFormat))
			if t.mask&(1<<scKSummary) != 0 && scIsIdent(a, kw(scKSummary)) {
				t.idents |= scIdentSummary
			}
			if t.mask&(1<<scKTitle) != 0 && scIsIdent(a, kw(scKTitle)) {
				t.idents |= scIdentTitle
			}
		}
		if t.mask&scAnyFew != 0 {
			for j, m := range scFew {
				if t.mask&m != 0 {
					counts[j]++
				}
			}
		}
	}
	sc := &scIndex{ts: slices.Clone(ts), kws: slices.Clone(kws)}
	// the few lists share one array, cut to their counts
	total := 0
	for _, c := range counts {
		total += c
	}
	all := make([]int32, total)
	for j, c := range counts {
		sc.few[j], all = all[:0:c], all[c:]
	}
	for i := range sc.ts {
		if m := sc.ts[i].mask; m&scAnyFew != 0 {
			for j, f := range scFew {
				if m&f != 0 {
					sc.few[j] = append(sc.few[j], int32(i))
				}
			}
		}
	}
	if cap(ts) <= 1<<20 && cap(kws) <= 1<<20 { // do not keep huge buffers for the rest of the run
		b.ts, b.kws = ts[:0], kws[:0]
		scBufs.Put(b)
	}
	return sc
}

// scTargetList appends the targets to out, without their keywords.
func scTargetList(a *connector.API, out []scTarget) []scTarget {
	for _, v := range a.Schemas() {
		// only a root (a definition) may be something else than an object
		if !v.Root || a.Kind(v.Node) == connector.Object {
			out = append(out, scTarget{N: v.Node, Kind: scSchema})
		}
	}
	refs := swRefHolders(a.Doc) // the objects for which a.Ref is not None
	var items func(n connector.NodeID, depth int)
	items = func(n connector.NodeID, depth int) {
		it := a.Get(n, "items")
		if a.Kind(it) != connector.Object || refs.has(it) || depth > 32 {
			return
		}
		out = append(out, scTarget{N: it, Kind: scItems})
		items(it, depth+1)
	}
	// The parameter objects written in the file, with their "in": the root ones, then the inline
	// elements of the parameters arrays, path item by path item and operation by operation.
	pw := paWrittenParams(a)
	param := func(p *paWritten) {
		if p.In == "body" {
			return // its schema is a schema root
		}
		out = append(out, scTarget{N: p.N, Kind: scParam})
		items(p.N, 0)
	}
	// params visits the next parameters of pw when they are those of owner's parameters array.
	params := func(owner connector.NodeID) {
		for ; len(pw) > 0 && !pw[0].Root && a.Parent(a.Parent(pw[0].N)) == owner; pw = pw[1:] {
			param(&pw[0])
		}
	}
	headers := func(resp connector.NodeID) {
		if refs.has(resp) {
			return
		}
		for _, h := range a.Members(a.Get(resp, "headers")) {
			if a.Kind(h) != connector.Object || refs.has(h) {
				continue
			}
			out = append(out, scTarget{N: h, Kind: scHeader})
			items(h, 0)
		}
	}
	root := a.Root
	for ; len(pw) > 0 && pw[0].Root; pw = pw[1:] {
		if !refs.has(pw[0].N) {
			param(&pw[0])
		}
	}
	for _, r := range a.Members(a.Get(root, "responses")) {
		headers(r)
	}
	ops := a.Ops
	for _, item := range a.Members(a.Get(root, "paths")) {
		params(item)
		// The operations of item (its method members that are objects) are the next ones of a.Ops.
		for ; len(ops) > 0 && ops[0].PathItem == item; ops = ops[1:] {
			params(ops[0].Node)
			for _, r := range a.Members(a.Get(ops[0].Node, "responses")) {
				headers(r)
			}
		}
	}
	return out
}

// scName describes target t for a message: `property "id"`, `parameter "top"`, `the schema`…
func scName(a *connector.API, t scTarget) string {
	switch t.Kind {
	case scParam:
		if n := a.GetString(t.N, "name"); n != "" {
			return "parameter " + strconv.Quote(n)
		}
		return "the parameter"
	case scHeader:
		return "header " + strconv.Quote(a.Key(t.N))
	case scItems:
		return `the "items" object`
	}
	parent := a.Parent(t.N)
	if a.IsMember(parent) {
		switch a.Key(parent) {
		case "properties":
			return "property " + strconv.Quote(a.Key(t.N))
		case "definitions":
			if a.Parent(parent) == a.Root {
				return "definition " + strconv.Quote(a.Key(t.N))
			}
		}
	}
	switch k := a.Key(t.N); k {
	case "items", "additionalProperties", "not":
		return "the " + strconv.Quote(k) + " schema"
	}
	if a.Kind(parent) == connector.Array && a.IsMember(parent) {
		return "an " + strconv.Quote(a.Key(parent)) + " schema"
	}
	return "the schema"
}

// scIsRootResponseSchema reports whether schema s is the "schema" member of a response.
func scIsRootResponseSchema(a *connector.API, s connector.NodeID) bool {
	if a.Key(s) != "schema" {
		return false
	}
	resp := a.Parent(s)
	return a.Key(a.Parent(resp)) == "responses"
}

// nodeBits is a set of the nodes of one document, one bit per NodeID.
type nodeBits []uint64

func newNodeBits(d *connector.Doc) nodeBits { return make(nodeBits, (len(d.Nodes)+63)/64) }

// has reports whether n is in the set (never for None).
func (s nodeBits) has(n connector.NodeID) bool {
	return uint(n>>6) < uint(len(s)) && s[n>>6]&(1<<(n&63)) != 0
}

// add puts node n (not None) in the set.
func (s nodeBits) add(n connector.NodeID) { s[n>>6] |= 1 << (n & 63) }

// remove takes node n (not None) out of the set.
func (s nodeBits) remove(n connector.NodeID) { s[n>>6] &^= 1 << (n & 63) }

// scInputSchemas returns the schema objects written inline under body parameters (not following
// $refs): the places where a schema certainly describes request input (a shared set: do not modify it).
func scInputSchemas(a *connector.API) nodeBits {
	return a.Memo("sc.inputs", func() any { return scInputSchemasOnce(a) }).(nodeBits)
}

func scInputSchemasOnce(a *connector.API) nodeBits {
	set := newNodeBits(a.Doc)
	var walk func(n connector.NodeID, depth int)
	walk = func(n connector.NodeID, depth int) {
		if depth > connector.MaxDepth || set.has(n) {
			return
		}
		set.add(n)
		a.SchemaChildren(n, func(c connector.NodeID) { walk(c, depth+1) })
	}
	// The written body parameters: the root ones and the inline elements of the parameters arrays
	// (a root parameter with a $ref is skipped, as elements with one are not listed).
	refs := swRefHolders(a.Doc)
	for _, w := range paWrittenParams(a) {
		if w.In == "body" && !refs.has(w.N) {
			if s := w.m[paKSchema]; a.Kind(s) == connector.Object {
				walk(s, 0)
			}
		}
	}
	return set
}

// scProps collects the properties of schema s, including those of its allOf parts (following
// local $refs). complete is false when some part cannot be seen (a $ref that does not resolve, a
// dynamic schema), so that callers can stay silent.
func scProps(a *connector.API, s connector.NodeID) (props scPropSet, complete bool) {
	complete = true
	var seenBuf [8]connector.NodeID
	seen := seenBuf[:0] // short: a schema and its allOf parts
	var collect func(n connector.NodeID, depth int)
	collect = func(n connector.NodeID, depth int) {
		if depth > 16 || slices.Contains(seen, n) {
			return
		}
		seen = append(seen, n)
		if a.Ref(n) != connector.None {
			t, st := a.Resolve(n)
			if st != connector.RefOK {
				complete = false
				return
			}
			n = t
		}
		if a.Kind(n) != connector.Object {
			complete = false
			return
		}
		if a.Get(n, "x-ms-dynamic-schema") != connector.None || a.Get(n, "x-ms-dynamic-properties") != connector.None {
			complete = false
		}
		if ps := a.Get(n, "properties"); a.Kind(ps) == connector.Object {
			props.objs = append(props.objs, ps)
		}
		for _, e := range a.Elems(a.Get(n, "allOf")) {
			collect(e, depth+1)
		}
	}
	collect(s, 0)
	return props, complete
}

// scPropSet is what scProps found: the "properties" objects of a schema and of its allOf parts, in
// the order they were visited.
type scPropSet struct{ objs []connector.NodeID }

// get returns the property called name. When several objects define it, the one visited last wins
// (as if all were merged in visiting order).
func (ps scPropSet) get(a *connector.API, name string) (connector.NodeID, bool) {
	for i := len(ps.objs) - 1; i >= 0; i-- {
		if p := a.Get(ps.objs[i], name); p != connector.None {
			return p, true
		}
	}
	return connector.None, false
}

// scJSONKind names the JSON type of value v as the validator does ("integer" for whole numbers).
func scJSONKind(a *connector.API, v connector.NodeID) string {
	switch a.Kind(v) {
	case connector.Number:
		if scIsInteger(a, v) {
			return "integer"
		}
		return "number"
	case connector.String:
		return "string"
	case connector.Bool:
		return "boolean"
	case connector.Array:
		return "array"
	case connector.Object:
		return "object"
	case connector.Null:
		return "null"
	}
	return "invalid"
}

func scIsInteger(a *connector.API, v connector.NodeID) bool {
	f, ok := a.Number(v)
	return ok && f == math.Trunc(f) && !math.IsInf(f, 0)
}

// scMatchesType reports whether value v is of Swagger type typ. Unknown types match anything.
func scMatchesType(a *connector.API, v connector.NodeID, typ string) bool {
	switch typ {
	case "string":
		return a.Kind(v) == connector.String
	case "integer":
		return scIsInteger(a, v)
	case "number":
		return a.Kind(v) == connector.Number
	case "boolean":
		return a.Kind(v) == connector.Bool
	case "array":
		return a.Kind(v) == connector.Array
	case "object":
		return a.Kind(v) == connector.Object
	}
	return true
}

// scPrimitive reports whether typ is a scalar Swagger type.
func scPrimitive(typ string) bool {
	switch typ {
	case "string", "integer", "number", "boolean":
		return true
	}
	return false
}

// scShort returns the raw JSON text of v, shortened for a message.
func scShort(a *connector.API, v connector.NodeID) string {
	raw := string(a.Raw(v))
	if len(raw) > 60 {
		r := []rune(raw)
		if len(r) > 57 {
			raw = string(r[:57]) + "…"
		}
	}
	return raw
}

// scSameValue compares two JSON values: strings by content, numbers by value, others by their text.
func scSameValue(a *connector.API, x, y connector.NodeID) bool {
	kx, ky := a.Kind(x), a.Kind(y)
	if kx != ky {
		return false
	}
	switch kx {
	case connector.String:
		return a.String(x) == a.String(y)
	case connector.Number:
		fx, _ := a.Number(x)
		fy, _ := a.Number(y)
		return fx == fy
	case connector.Bool, connector.Null:
		return string(a.Raw(x)) == string(a.Raw(y))
	}
	return scCanon(a, x) == scCanon(a, y)
}

// scCanon is a whitespace-free rendering of v, good enough to compare arrays and objects.
func scCanon(a *connector.API, v connector.NodeID) string {
	switch a.Kind(v) {
	case connector.String:
		return strconv.Quote(a.String(v))
	case connector.Number:
		f, _ := a.Number(v)
		return strconv.FormatFloat(f, 'g', -1, 64)
	case connector.Array:
		s := "["
		for i, e := range a.Elems(v) {
			if i > 0 {
				s += ","
			}
			s += scCanon(a, e)
		}
		return s + "]"
	case connector.Object:
		s := "{"
		first := true
		for k, m := range a.Members(v) {
			if !first {
				s += ","
			}
			first = false
			s += strconv.Quote(k) + ":" + scCanon(a, m)
		}
		return s + "}"
	}
	return string(a.Raw(v))
}
