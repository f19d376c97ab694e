package rules

import (
	"cmp"
	"slices"
	"sort"
	"strings"
	"unicode"

	"github.com/connectorlint/connectorlint/connector"
)

// extensionRules are the extension rules of apiDefinition.swagger.json (rules-catalog.md §2.1, §2.10,
// §12.1–12.2). They are organised as:
//
//   - extension-known-x-ms: a misspelt known x-ms-* name (error, with a rename fix);
//   - extension-unknown-x-ms: any other unknown x-ms-* name (warning);
//   - extension-autorest-only: AutoRest extensions that Power Platform ignores (info);
//   - extension-placement: a known extension on an object where it has no effect (warning);
//   - visibility-values, trigger-values, pageable-next-link-name, extension-value: values and shapes;
//   - ai-*: the AI-plugin extensions (swagger_extensions_ai.go).
//
// All of them share one classification of the document (exExtensions): every node gets a place (root,
// info, path item, operation, parameter, schema, response, header…) computed from its parent chain,
// so that keys which are names (schema property names, header names, definition names) are never
// taken for extensions, and values of examples, defaults and extensions are never walked as Swagger.
var extensionRules = []*Rule{
	extensionKnownXMsRule,
	extensionUnknownXMsRule,
	extensionAutorestOnlyRule,
	extensionPlacementRule,
	visibilityValuesRule,
	triggerValuesRule,
	pageableNextLinkNameRule,
	extensionValueRule,
	aiOpenaiDataShapeRule,
	aiOpenaiDataPlacementRule,
	aiOpenaiDataOperationidRule,
	aiManifestCompleteRule,
	aiKeywordsShapeRule,
	aiPublishedToCopilotsShapeRule,
}

// ---- places ----

// exPlace is what a JSON node is in the Swagger document.
type exPlace uint8

const (
	exPlData         exPlace = iota // a value that is not a Swagger object: example, default, enum, extension value…
	exPlRoot                        // the document
	exPlInfo                        // /info
	exPlContact                     // /info/contact
	exPlLicense                     // /info/license
	exPlPaths                       // /paths
	exPlPathItem                    // /paths/{path}
	exPlOperation                   // /paths/{path}/{method}
	exPlParamList                   // a parameters array
	exPlParamMap                    // /parameters
	exPlParameter                   // a parameter object
	exPlItems                       // items of a non-body parameter or header
	exPlSchema                      // a schema object (definitions, body, response, property, items…)
	exPlSchemaMap                   // properties, definitions: names → schemas
	exPlSchemaList                  // allOf, anyOf, oneOf, items as an array
	exPlResponses                   // an operation's responses object
	exPlResponseMap                 // /responses
	exPlResponse                    // a response object
	exPlHeaderMap                   // a response's headers: names → headers
	exPlHeader                      // a header object
	exPlSecDefs                     // /securityDefinitions
	exPlSecScheme                   // a security scheme
	exPlTagList                     // /tags
	exPlTag                         // a tag
	exPlExtDocs                     // externalDocs
	exPlXML                         // a schema's xml object
	exPlNotifContent                // x-ms-notification-content
)

var exPlaceNames = [...]string{
	exPlData: "value", exPlRoot: "document root", exPlInfo: "info object", exPlContact: "contact object",
	exPlLicense: "license object", exPlPaths: "paths object", exPlPathItem: "path item", exPlOperation: "operation",
	exPlParamList: "parameters array", exPlParamMap: "parameters object", exPlParameter: "parameter",
	exPlItems: "parameter items", exPlSchema: "schema", exPlSchemaMap: "properties object",
	exPlSchemaList: "schema list", exPlResponses: "responses object", exPlResponseMap: "responses object",
	exPlResponse: "response", exPlHeaderMap: "headers object", exPlHeader: "header",
	exPlSecDefs: "securityDefinitions object", exPlSecScheme: "security definition", exPlTagList: "tags array",
	exPlTag: "tag", exPlExtDocs: "externalDocs object", exPlXML: "xml object",
	exPlNotifContent: "x-ms-notification-content object",
}

func (p exPlace) String() string {
	if int(p) < len(exPlaceNames) {
		return exPlaceNames[p]
	}
	return "value"
}

// exHasExtensions reports whether objects at place p are Swagger objects whose x- members are
// extensions (rather than names or data).
func exHasExtensions(p exPlace) bool {
	switch p {
	case exPlRoot, exPlInfo, exPlContact, exPlLicense, exPlPaths, exPlPathItem, exPlOperation,
		exPlParameter, exPlItems, exPlSchema, exPlResponses, exPlResponse, exPlHeader, exPlSecScheme,
		exPlTag, exPlExtDocs, exPlXML:
		return true
	}
	return false
}

// exChildPlace returns the place of a child of a node at place parent. key is the member name when
// the parent is an object ("" for array elements); kind is the child's own kind.
func exChildPlace(parent exPlace, parentKind connector.Kind, key string, kind connector.Kind) exPlace {
	if parentKind == connector.Array {
		switch parent {
		case exPlParamList:
			return exPlParameter
		case exPlSchemaList:
			return exPlSchema
		case exPlTagList:
			return exPlTag
		}
		return exPlData
	}
	if parentKind != connector.Object {
		return exPlData
	}
	ext := len(key) >= 2 && key[0]|0x20 == 'x' && key[1] == '-' // starts with "x-" in any case
	switch parent {
	case exPlRoot:
		switch key {
		case "info":
			return exPlInfo
		case "paths":
			return exPlPaths
		case "definitions":
			return exPlSchemaMap
		case "parameters":
			return exPlParamMap
		case "responses":
			return exPlResponseMap
		case "securityDefinitions":
			return exPlSecDefs
		case "tags":
			return exPlTagList
		case "externalDocs":
			return exPlExtDocs
		}
	case exPlInfo:
		switch key {
		case "contact":
			return exPlContact
		case "license":
			return exPlLicense
		}
	case exPlPaths:
		if !ext {
			return exPlPathItem
		}
	case exPlPathItem:
		if connector.IsMethod(key) {
			return exPlOperation
		}
		switch key {
		case "parameters":
			return exPlParamList
		case "x-ms-notification-content":
			return exPlNotifContent
		}
	case exPlNotifContent:
		if key == "schema" {
			return exPlSchema
		}
	case exPlOperation:
		switch key {
		case "parameters":
			return exPlParamList
		case "responses":
			return exPlResponses
		case "externalDocs":
			return exPlExtDocs
		}
	case exPlParamMap:
		return exPlParameter
	case exPlParameter:
		switch key {
		case "schema":
			return exPlSchema
		case "items":
			return exPlItems
		}
	case exPlItems, exPlHeader:
		if key == "items" {
			return exPlItems
		}
	case exPlSchema:
		switch key {
		case "properties":
			return exPlSchemaMap
		case "items":
			if kind == connector.Array {
				return exPlSchemaList
			}
			return exPlSchema
		case "additionalProperties", "not":
			return exPlSchema
		case "allOf", "anyOf", "oneOf":
			return exPlSchemaList
		case "xml":
			return exPlXML
		case "externalDocs":
			return exPlExtDocs
		}
	case exPlSchemaMap:
		return exPlSchema
	case exPlResponses:
		if !ext {
			return exPlResponse
		}
	case exPlResponseMap:
		return exPlResponse
	case exPlResponse:
		switch key {
		case "schema":
			return exPlSchema
		case "headers":
			return exPlHeaderMap
		}
	case exPlHeaderMap:
		return exPlHeader
	case exPlSecDefs:
		return exPlSecScheme
	case exPlTag:
		if key == "externalDocs" {
			return exPlExtDocs
		}
	}
	return exPlData
}

// exExt is one extension member found in a Swagger object.
type exExt struct {
	Member  connector.NodeID // the member (its key is the extension name, its value the extension value)
	Obj     connector.NodeID // the object holding it
	Place   exPlace          // what that object is
	*exName                  // its name, classified
}

// exName is what the extension rules ask about an extension name, computed once per distinct name.
type exName struct {
	Name   string   // the key as written
	Known  *exKnown // the allow-list entry of Name; nil when it is not a known extension
	MsLike bool     // exIsMsLike(Name)
	Near   []string // exNearMiss(Name) for an MsLike name; nil otherwise
}

// in returns the "in" of the parameter holding e ("" when e is not on a parameter).
func (e exExt) in(d *connector.Doc) string {
	if e.Place != exPlParameter {
		return ""
	}
	return d.GetString(e.Obj, "in")
}

// exExtensions lists every x- member of every Swagger object of the document, in file order.
func exExtensions(d *connector.Doc) []exExt {
	return d.Memo("ex.extensions", func() any { return exExtensionsOnce(d) }).([]exExt)
}

func exExtensionsOnce(d *connector.Doc) []exExt {
	// The candidates of swKeyScan are few; each needs the place of its object, computed from the
	// parent chain on demand. The candidates come in node order, which is the order of a walk from
	// the root, parents first: the places are kept for the path from the root to the last object
	// asked about (stack), and an object's chain is followed up to the nearest node of that path
	// that holds it. The candidates' members of one object come in order but interleaved with those
	// of nested objects, so a stable sort by object restores the order object by object.
	type placed struct {
		n   connector.NodeID
		end int32 // the node's End: the nodes after n that start before it are its subtree
		pl  exPlace
	}
	var stack []placed
	var chain []connector.NodeID
	placeOf := func(n connector.NodeID) exPlace {
		for len(stack) > 0 {
			top := &stack[len(stack)-1]
			if top.n == n {
				return top.pl
			}
			if top.n < n && d.Nodes[n].Start < top.end {
				break // n is in top's subtree
			}
			stack = stack[:len(stack)-1]
		}
		anc := connector.None
		if len(stack) > 0 {
			anc = stack[len(stack)-1].n
		}
		for c := n; c != anc; c = d.Nodes[c].Parent {
			chain = append(chain, c)
			if d.Nodes[c].Parent == connector.None {
				break
			}
		}
		for i := len(chain) - 1; i >= 0; i-- {
			c := chain[i]
			pl := exPlData // a node without a parent other than the root, and anything inside data
			if obj := d.Nodes[c].Parent; obj != connector.None {
				// obj is the top of the stack
				if ppl := stack[len(stack)-1].pl; ppl != exPlData {
					pl = exChildPlace(ppl, d.Nodes[obj].Kind, d.Key(c), d.Nodes[c].Kind)
				}
			} else if c == d.Root {
				pl = exPlRoot
			}
			stack = append(stack, placed{c, d.Nodes[c].End, pl})
		}
		chain = chain[:0]
		return stack[len(stack)-1].pl
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

// swKeys lists the members of a document whose key may be an extension name or "$ref", judged by
// the first byte of the key as written (see swKeyScan).
type swKeys struct {
	ext []connector.NodeID // first byte x, X, white space, non-ASCII or an escape
	ref []connector.NodeID // first byte '$' or an escape
	// blank holds the string members (of a non-empty key) that may be blank, found on the way for
	// no-empty-string-values: the empty ones and those whose value starts with white space, an
	// escape or a non-ASCII byte
	blank []connector.NodeID
}

// swKeyFirst classifies the first written byte of a key: 1 for ext, 2 for ref, 3 for both.
var swKeyFirst = func() (t [256]uint8) {
	for _, c := range []byte("xX \t\n\r") {
		t[c] = 1
	}
	for c := 0x80; c < 256; c++ {
		t[c] = 1
	}
	t['$'] = 2
	t['\\'] = 3 // an escaped key may decode to anything
	return
}()

// swKeyScan returns the members of d that may be extensions (exLooksLikeExtension) or "$ref"s, in
// node order: one pass over the node array, shared by the extension, $ref and dynamic-extension
// memos, that looks only at the first byte of each key (and of each string member's value, for
// no-empty-string-values).
func swKeyScan(d *connector.Doc) *swKeys {
	return d.Memo("sw.keyscan", func() any { return swKeyScanOnce(d) }).(*swKeys)
}

func swKeyScanOnce(d *connector.Doc) *swKeys {
	ks := &swKeys{}
	src := d.Src
	for i := range d.Nodes {
		nd := &d.Nodes[i]
		if nd.KeyEnd-nd.KeyStart < 3 { // not a member (KeyStart is -1), or the empty key
			continue
		}
		if nd.Kind == connector.String && (nd.End-nd.Start == 2 || flBlankFirst[src[nd.Start+1]]) {
			ks.blank = append(ks.blank, connector.NodeID(i))
		}
		switch swKeyFirst[src[nd.KeyStart+1]] {
		case 0:
		case 1:
			ks.ext = append(ks.ext, connector.NodeID(i))
		case 2:
			ks.ref = append(ks.ref, connector.NodeID(i))
		default:
			ks.ext = append(ks.ext, connector.NodeID(i))
			ks.ref = append(ks.ref, connector.NodeID(i))
		}
	}
	return ks
}

// exLooksLikeExtension reports whether key is meant as an extension: it starts with "x-" in any case,
// or with "x-ms"/"x_ms" once white space is removed (e.g. "x-ms  -summary").
func exLooksLikeExtension(key string) bool {
	if key == "" {
		return false
	}
	switch c := key[0]; {
	case c == 'x' || c == 'X':
		if len(key) >= 2 && key[1] == '-' {
			return true
		}
	case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c >= 0x80:
	default:
		return false // fast path: most keys are plain names
	}
	return exIsMsLike(key)
}

// exIsMsLike reports whether key is meant as an x-ms-* name: after removing white space and in lower
// case it starts with "x-ms" or "x_ms".
func exIsMsLike(key string) bool {
	if len(key) >= 4 && key[0] == 'x' && (key[1] == '-' || key[1] == '_') && key[2] == 'm' && key[3] == 's' {
		return true // the common case, written plainly: no need to remove spaces or lower-case
	}
	k := strings.ToLower(strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, key))
	return strings.HasPrefix(k, "x-ms") || strings.HasPrefix(k, "x_ms")
}

// ---- the known extensions ----

// exPlaces is a set of places where an extension has an effect; for parameters, exIns narrows it.
type exPlaces []exPlace

// exKnown describes one known x-ms-* extension: where it has an effect (nil: anywhere, not checked)
// and, for parameters, which locations (nil: all).
type exKnown struct {
	Places   exPlaces
	ParamIns []string
	AutoRest bool // an AutoRest code-generation extension that Power Platform ignores
	id       int  // index in exKnownNames
	// valueKind is the kind extension-value requires of the value (Bool or String, from
	// exBoolExtensions and exStringExtensions; Invalid: no such requirement)
	valueKind connector.Kind
}

var exSchemaLike = exPlaces{exPlParameter, exPlItems, exPlSchema}

// exKnownExtensions is the allow-list: the extensions of Microsoft's connector schema (R-SWS), the
// ones Power Platform reads but the schema lacks (x-ms-editor, the AI extensions, MCP), and the
// AutoRest ones.
var exKnownExtensions = map[string]*exKnown{
	// R-SWS root
	"x-ms-capabilities":       {Places: exPlaces{exPlRoot, exPlOperation}},
	"x-ms-connector-metadata": {Places: exPlaces{exPlRoot}},
	"x-ms-docs":               {Places: exPlaces{exPlRoot}},
	// info
	"x-ms-deployment-version": {Places: exPlaces{exPlInfo}},
	"x-ms-api-annotation":     {Places: exPlaces{exPlRoot, exPlInfo, exPlOperation}},
	// path item
	"x-ms-notification-content": {Places: exPlaces{exPlPathItem}},
	// operation
	"x-ms-no-generic-test":   {Places: exPlaces{exPlOperation}},
	"x-ms-operation-context": {Places: exPlaces{exPlOperation}},
	"x-ms-pageable":          {Places: exPlaces{exPlOperation}},
	"x-ms-safe-operation":    {Places: exPlaces{exPlOperation}},
	"x-ms-trigger":           {Places: exPlaces{exPlOperation}},
	"x-ms-trigger-hint":      {Places: exPlaces{exPlOperation}},
	"x-ms-trigger-metadata":  {Places: exPlaces{exPlOperation}},
	"x-ms-notification":      {Places: exPlaces{exPlOperation}},
	// several places
	"x-ms-summary":    {Places: exPlaces{exPlOperation, exPlParameter, exPlItems, exPlSchema, exPlResponse, exPlHeader}},
	"x-ms-visibility": {Places: exPlaces{exPlOperation, exPlParameter, exPlItems, exPlSchema, exPlHeader}},
	// parameters and schemas
	"x-ms-url-encoding":         {Places: exPlaces{exPlParameter}, ParamIns: []string{"path", "query"}},
	"x-ms-test-value":           {Places: exSchemaLike},
	"x-ms-trigger-value":        {Places: exSchemaLike},
	"x-ms-enum-values":          {Places: exSchemaLike},
	"x-ms-localizeDefaultValue": {Places: exSchemaLike},
	"x-ms-media-kind":           {Places: exSchemaLike},
	"x-ms-notification-url":     {Places: exPlaces{exPlSchema}},
	"x-ms-dynamic-values":       {Places: exSchemaLike},
	"x-ms-dynamic-list":         {Places: exSchemaLike},
	"x-ms-dynamic-schema":       {Places: exSchemaLike},
	"x-ms-dynamic-properties":   {Places: exSchemaLike},
	"x-ms-dynamic-tree":         {Places: exSchemaLike},
	// recognised by the platform but not in R-SWS
	"x-ms-editor":         {Places: exSchemaLike},
	"x-ms-editor-options": {Places: exSchemaLike},
	// AI and MCP (§12.1)
	"x-ms-openai-data":                  {}, // placement: ai-openai-data-placement
	"x-ms-openai-manifest":              {Places: exPlaces{exPlRoot}},
	"x-ms-openai-published-to-copilots": {Places: exPlaces{exPlInfo}},
	"x-ms-keywords":                     {Places: exPlaces{exPlInfo}},
	"x-ms-require-user-confirmation":    {Places: exPlaces{exPlOperation}},
	"x-ms-explicit-input":               {Places: exSchemaLike},
	"x-ms-agentic-protocol":             {Places: exPlaces{exPlOperation}},
	// AutoRest (code generation for Azure SDKs); R-SWS: "ignored by the Power Platform"
	"x-ms-enum":                           {AutoRest: true},
	"x-ms-parameter-location":             {AutoRest: true},
	"x-ms-skip-url-encoding":              {AutoRest: true},
	"x-ms-paths":                          {AutoRest: true},
	"x-ms-client-name":                    {AutoRest: true},
	"x-ms-client-flatten":                 {AutoRest: true},
	"x-ms-client-default":                 {AutoRest: true},
	"x-ms-client-request-id":              {AutoRest: true},
	"x-ms-parameter-grouping":             {AutoRest: true},
	"x-ms-parameterized-host":             {AutoRest: true},
	"x-ms-mutability":                     {AutoRest: true},
	"x-ms-azure-resource":                 {AutoRest: true},
	"x-ms-discriminator-value":            {AutoRest: true},
	"x-ms-long-running-operation":         {AutoRest: true},
	"x-ms-long-running-operation-options": {AutoRest: true},
	"x-ms-odata":                          {AutoRest: true},
	"x-ms-error-response":                 {AutoRest: true},
	"x-ms-examples":                       {AutoRest: true},
	"x-ms-external":                       {AutoRest: true},
	"x-ms-header-collection-prefix":       {AutoRest: true},
	"x-ms-code-generation-settings":       {AutoRest: true},
	"x-ms-text":                           {AutoRest: true},
	"x-ms-secret":                         {AutoRest: true},
	"x-ms-identifiers":                    {AutoRest: true},
	"x-ms-arm-id-details":                 {AutoRest: true},
}

// exKnownNames is exKnownExtensions' keys, sorted.
var exKnownNames = func() []string {
	var ns []string
	for k := range exKnownExtensions {
		ns = append(ns, k)
	}
	sort.Strings(ns)
	for i, n := range ns {
		exKnownExtensions[n].id = i
	}
	return ns
}()

// exKnownSquashed and exKnownLower are exKnownNames squashed (exSquash) and lower-cased, computed
// once for exNearMiss.
var exKnownSquashed, exKnownLower = func() (sq, low []string) {
	for _, n := range exKnownNames {
		sq = append(sq, exSquash(n))
		low = append(low, strings.ToLower(n))
	}
	return
}()

// exSquash lower-cases s and drops everything but letters and digits.
func exSquash(s string) string {
	return strings.Map(func(r rune) rune {
		r = unicode.ToLower(r)
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return r
		}
		return -1
	}, s)
}

// exDistance is the optimal-string-alignment (restricted Damerau-Levenshtein) distance of a and b,
// counted in runes, giving up early above limit (it then returns limit+1).
func exDistance(a, b string, limit int) int {
	ra, rb := []rune(a), []rune(b)
	if d := len(ra) - len(rb); d > limit || -d > limit {
		return limit + 1
	}
	var prev2, prev, cur []int
	if n := len(rb) + 1; n <= 64 { // names are short: rows on the stack
		var b1, b2, b3 [64]int
		prev2, prev, cur = b1[:n], b2[:n], b3[:n]
	} else {
		prev2, prev, cur = make([]int, n), make([]int, n), make([]int, n)
	}
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		best := cur[0]
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			v := min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				v = min(v, prev2[j-2]+1)
			}
			cur[j] = v
			best = min(best, v)
		}
		if best > limit {
			return limit + 1
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(rb)]
}

// exNearMiss returns the known extension names that key is a misspelling of: the names that differ
// from it only in case, white space or punctuation, or else those at the smallest Damerau-Levenshtein
// distance ≤ 2 (case-insensitive). It returns nil for a known name or a name far from all of them.
func exNearMiss(key string) []string {
	if _, ok := exKnownExtensions[key]; ok {
		return nil
	}
	sq := exSquash(key)
	var same []string
	for i, n := range exKnownNames {
		if exKnownSquashed[i] == sq {
			same = append(same, n)
		}
	}
	if len(same) > 0 {
		return same
	}
	low := strings.ToLower(strings.TrimSpace(key))
	best, bestD := []string(nil), 3
	for i, n := range exKnownNames {
		d := exDistance(low, exKnownLower[i], 2)
		switch {
		case d > 2:
		case d < bestD:
			best, bestD = []string{n}, d
		case d == bestD:
			best = append(best, n)
		}
	}
	return best
}

// exQuoteList joins names as "a" or "b".
func exQuoteList(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = Quote(n)
	}
	return strings.Join(q, " or ")
}

// ---- rules: names ----

var extensionKnownXMsRule = &Rule{
	ID:       "extension-known-x-ms",
	Severity: Error,
	Category: "extensions",
	Inputs:   Swagger,
	Doc: Doc{
		Title: "x-ms-* extension names are spelt correctly",
		Why: "Power Platform recognises its extensions by their exact name. A misspelt one (x-ms-visibilty, " +
			"x-ms-summmary, X-MS-Summary, \"x-ms-summary:\") is silently ignored: the parameter loses its " +
			"label, an internal parameter shows up in the designer, a trigger is not a trigger. Microsoft's " +
			"validator does not catch this (dozens of such typos were merged), and Microsoft's own JSON " +
			"schema forbids any x-ms-* name it does not know. A key is reported when it starts with x-ms " +
			"(in any case, ignoring spaces) and differs from a known extension only in case, white space " +
			"or punctuation, or by at most two letters (inserted, deleted, replaced or swapped). Only keys " +
			"of Swagger objects are checked; schema property names, header names and the contents of " +
			"examples are not extensions.",
		HowToFix: "Rename the key to the extension it was meant to be; the fix does this unless the object " +
			"already has that key.",
		Source: "rules-catalog §2.1 extension-known-x-ms; Microsoft's apiDefinition.swagger.schema.json; " +
			"https://learn.microsoft.com/en-us/connectors/custom-connectors/openapi-extensions",
	},
	Check: checkExtensionKnownXMs,
}

func checkExtensionKnownXMs(p *Pass) error {
	d := p.API.Doc
	for _, e := range exExtensions(d) {
		if !e.MsLike {
			continue
		}
		near := e.Near
		if len(near) == 0 {
			continue
		}
		if len(near) > 1 {
			p.SwaggerKey(e.Member, "extension %q is not a known name; did you mean %s", e.Name, exQuoteList(near))
			continue
		}
		if d.Get(e.Obj, near[0]) != connector.None {
			p.SwaggerKey(e.Member, "extension %q is misspelt and ignored by Power Platform; the object also has %q, so merge the two and delete this one", e.Name, near[0])
			continue
		}
		ks, ke := d.KeyRange(e.Member)
		p.SwaggerKey(e.Member, "extension %q is misspelt and ignored by Power Platform; rename it to %q", e.Name, near[0]).
			WithFix("Rename the key to "+Quote(near[0]), Edit{File: p.C.Swagger.Name, Start: ks, End: ke, New: Quote(near[0])})
	}
	return nil
}

var extensionUnknownXMsRule = &Rule{
	ID:       "extension-unknown-x-ms",
	Severity: Warning,
	Category: "extensions",
	Inputs:   Swagger,
	Doc: Doc{
		Title: "x-ms-* extensions are ones Power Platform knows",
		Why: "The x-ms- prefix is Microsoft's. An x-ms-* key that is neither a Power Platform extension, " +
			"nor an AI or MCP extension, nor an AutoRest one, has no effect, and Microsoft's JSON schema " +
			"rejects it (the live validator has let such keys through, so this is a warning). Names that " +
			"look like a misspelling of a known extension are reported by extension-known-x-ms instead. " +
			"Your own annotations should use another prefix such as x-contoso-.",
		HowToFix: "Remove the key, rename it to the extension you meant, or use a prefix of your own (x-yourcompany-…).",
		Source: "rules-catalog §2.1 extension-known-x-ms, §2.10, §12.1, §11 question 12; " +
			"Microsoft's apiDefinition.swagger.schema.json (pattern ^x-(?!ms-))",
	},
	Check: checkExtensionUnknownXMs,
}

func checkExtensionUnknownXMs(p *Pass) error {
	for _, e := range exExtensions(p.API.Doc) {
		if !e.MsLike {
			continue
		}
		if e.Known != nil || len(e.Near) > 0 {
			continue
		}
		p.SwaggerKey(e.Member, "extension %q is not a Power Platform extension and has no effect; remove it or use your own x- prefix", e.Name)
	}
	return nil
}

var extensionAutorestOnlyRule = &Rule{
	ID:       "extension-autorest-only",
	Severity: Info,
	Category: "extensions",
	Inputs:   Swagger,
	Doc: Doc{
		Title: "AutoRest-only extensions are not relied on",
		Why: "x-ms-enum, x-ms-parameter-location, x-ms-skip-url-encoding, x-ms-paths, x-ms-client-name, " +
			"x-ms-examples and the other AutoRest extensions drive Azure SDK code generation. Microsoft's " +
			"connector schema says Power Platform ignores them: for example x-ms-enum does not give the " +
			"values display names (x-ms-enum-values does) and x-ms-skip-url-encoding does not change the " +
			"encoding (x-ms-url-encoding does). They do no harm, but they do not do what they seem to.",
		HowToFix: "Use the Power Platform extension that does the job (x-ms-enum-values, x-ms-url-encoding) " +
			"or remove the key.",
		Source: "Microsoft's apiDefinition.swagger.schema.json (AutoRest-x-ms-* definitions); rules-catalog §2.10",
	},
	Check: checkExtensionAutorestOnly,
}

// exAutorestHint says what to use instead of an AutoRest extension, when there is an equivalent.
var exAutorestHint = map[string]string{
	"x-ms-enum":              "use x-ms-enum-values for display names",
	"x-ms-skip-url-encoding": "use x-ms-url-encoding",
}

func checkExtensionAutorestOnly(p *Pass) error {
	for _, e := range exExtensions(p.API.Doc) {
		k := e.Known
		if k == nil || !k.AutoRest {
			continue
		}
		if h := exAutorestHint[e.Name]; h != "" {
			p.SwaggerKey(e.Member, "extension %q is an AutoRest extension that Power Platform ignores; %s", e.Name, h)
		} else {
			p.SwaggerKey(e.Member, "extension %q is an AutoRest extension that Power Platform ignores; remove it if nothing else reads it", e.Name)
		}
	}
	return nil
}

// ---- rule: placement ----

var extensionPlacementRule = &Rule{
	ID:       "extension-placement",
	Severity: Warning,
	Category: "extensions",
	Inputs:   Swagger,
	Doc: Doc{
		Title: "Extensions sit on the objects they apply to",
		Why: "Each Power Platform extension is read on specific objects only: x-ms-trigger, x-ms-pageable, " +
			"x-ms-notification and x-ms-trigger-hint on an operation; x-ms-notification-content on a path " +
			"item; x-ms-notification-url, x-ms-media-kind and x-ms-enum-values on a schema or parameter; " +
			"x-ms-url-encoding on a path or query parameter; x-ms-docs, x-ms-capabilities (file picker) and " +
			"x-ms-openai-manifest at the root; x-ms-keywords and x-ms-deployment-version in info; " +
			"x-ms-summary on operations, parameters, schemas, responses and headers; x-ms-visibility on " +
			"operations, parameters, schemas and headers. Anywhere else the key has no effect (a " +
			"summary on a path item never shows up) and Microsoft's JSON schema rejects it. Extensions " +
			"without a documented placement (x-ms-openai-data has its own rule) are not checked.",
		HowToFix: "Move the key to the object it applies to (usually one level up or down: the operation " +
			"rather than the path item, the parameter rather than its schema) or delete it.",
		Source: "Microsoft's apiDefinition.swagger.schema.json; rules-catalog §2.10, §12.1; " +
			"https://learn.microsoft.com/en-us/connectors/custom-connectors/openapi-extensions",
	},
	Check: checkExtensionPlacement,
}

func checkExtensionPlacement(p *Pass) error {
	d := p.API.Doc
	for _, e := range exExtensions(d) {
		k := e.Known
		if k == nil || k.Places == nil {
			continue
		}
		if exPlaceAllowed(d, k, e) {
			continue
		}
		where := e.Place.String()
		if in := e.in(d); in != "" {
			where = in + " parameter"
		}
		where = "on " + exArticle(where)
		if e.Place == exPlRoot {
			where = "at the document root"
		}
		p.SwaggerKey(e.Member, "extension %q has no effect %s; move it to %s or remove it", e.Name, where, exPlacesText(k))
	}
	return nil
}

func exPlaceAllowed(d *connector.Doc, k *exKnown, e exExt) bool {
	for _, pl := range k.Places {
		if pl != e.Place {
			continue
		}
		if pl != exPlParameter || k.ParamIns == nil {
			return true
		}
		ein := e.in(d)
		if ein == "" {
			return true
		}
		for _, in := range k.ParamIns {
			if in == ein {
				return true
			}
		}
	}
	return false
}

func exPlacesText(k *exKnown) string {
	var parts []string
	for _, pl := range k.Places {
		s := exArticle(pl.String())
		switch pl {
		case exPlRoot:
			s = "the document root"
		case exPlInfo:
			s = "info"
		case exPlItems:
			continue
		case exPlParameter:
			if k.ParamIns != nil {
				s = exArticle(strings.Join(k.ParamIns, " or ") + " parameter")
			}
		}
		parts = append(parts, s)
	}
	switch len(parts) {
	case 0:
		return "its documented place"
	case 1:
		return parts[0]
	}
	return strings.Join(parts[:len(parts)-1], ", ") + " or " + parts[len(parts)-1]
}

// exArticle prefixes s with "a" or "an".
func exArticle(s string) string {
	if s != "" && strings.ContainsRune("aeiou", rune(s[0])) {
		return "an " + s
	}
	return "a " + s
}
