package rules

import (
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/connectorlint/connectorlint/connector"
)

// responseRules are the response rules of apiDefinition.swagger.json (rules-catalog.md §2.6), plus
// the $ref and schema-size rules that apply across the whole file (swagger_responses_refs.go).
var responseRules = []*Rule{
	responseCodeValidRule,
	responseDefaultNoSchemaRule,
	responseNoDefaultOnlyRule,
	responseSchemaNotEmptyRule,
	responseSchemaPresentRule,
	responseSingleSchemaRule,
	responseDescriptionMeaningfulRule,
	responseHeadersUniqueRule,
	responseExampleProducedRule,
	refValidRule,
	refNoSiblingsRule,
	schemaLimitsRule,
}

const rsCatalog = "rules-catalog §2.6"

// rsResponse is one entry of an operation's responses object.
type rsResponse struct {
	Code   string           // the member key: "200", "default", …
	Member connector.NodeID // the member of the responses object (its key is Code)
	Node   connector.NodeID // the response object after $ref resolution; None when it is not an object
	Schema connector.NodeID // the schema member of Node (None when absent)
	Desc   connector.NodeID // the description member of Node (None when absent)
	Ref    connector.RefStatus
	// DescSays is whether Desc is a string that says something (rsDescSays), read while rsResponses
	// has the member at hand
	DescSays bool
}

// rsDescSays reports whether description d is a string that response-description-meaningful leaves
// alone: not blank and not "default".
func rsDescSays(a *connector.API, d connector.NodeID) bool {
	s, ok := a.Str(d)
	t := strings.TrimSpace(s)
	return ok && t != "" && !strings.EqualFold(t, "default")
}

// rsResponses lists, for each operation of a.Ops (same index), its responses, skipping x- extension
// members; $refs to #/responses/ are resolved. Entries whose (resolved) value is not an object have
// Node == None. It is computed once per file: do not modify it.
func rsResponses(a *connector.API) [][]rsResponse {
	return a.Memo("rs.responses", func() any { return rsResponsesOnce(a) }).([][]rsResponse)
}

// rsResponseBufs keeps the scratch list of rsResponsesOnce between documents.
var rsResponseBufs = sync.Pool{New: func() any { return new([]rsResponse) }}

func rsResponsesOnce(a *connector.API) [][]rsResponse {
	// The responses of all the operations are listed in one scratch list, then copied at their exact
	// size into one array that the per-operation lists share.
	bp := rsResponseBufs.Get().(*[]rsResponse)
	buf := (*bp)[:0]
	ends := make([]int, len(a.Ops))
	for i, op := range a.Ops {
		buf = rsAppendResponses(a, op, buf)
		ends[i] = len(buf)
	}
	flat := slices.Clone(buf)
	all := make([][]rsResponse, len(a.Ops))
	lo := 0
	for i, hi := range ends {
		if hi > lo { // an operation without responses keeps a nil list
			all[i] = flat[lo:hi:hi]
		}
		lo = hi
	}
	if cap(buf) <= 1<<16 {
		*bp = buf[:0]
		rsResponseBufs.Put(bp)
	}
	return all
}

// rsResponseKeys are the members of a response that rsResponse holds.
var rsResponseKeys = connector.NewKeySet("schema", "description")

// rsAppendResponses appends the responses of op to out.
func rsAppendResponses(a *connector.API, op connector.Operation, out []rsResponse) []rsResponse {
	for code, m := range a.Members(a.Responses(op)) {
		if strings.HasPrefix(code, "x-") {
			continue
		}
		r := rsResponse{Code: code, Member: m, Node: connector.None, Schema: connector.None, Desc: connector.None}
		t, st := a.Resolve(m)
		r.Ref = st
		if (st == connector.RefNone || st == connector.RefOK) && a.Kind(t) == connector.Object {
			r.Node = t
			var buf [2]connector.NodeID
			found, mask := a.FindKeys(t, rsResponseKeys, buf[:0])
			if mask&1 != 0 {
				r.Schema, found = found[0], found[1:]
			}
			if mask&2 != 0 {
				r.Desc = found[0]
				r.DescSays = rsDescSays(a, r.Desc)
			}
		}
		out = append(out, r)
	}
	return out
}

// rsIsDynamic reports whether schema s (after $ref resolution) takes its shape at run time from
// x-ms-dynamic-schema or x-ms-dynamic-properties.
func rsIsDynamic(a *connector.API, s connector.NodeID) bool {
	t := a.R(s)
	for _, n := range []connector.NodeID{s, t} {
		if a.Get(n, "x-ms-dynamic-schema") != connector.None || a.Get(n, "x-ms-dynamic-properties") != connector.None {
			return true
		}
	}
	return false
}

// rsWebhooks answers, for the operations of one file, whether an operation is a webhook
// registration: its body carries a property marked x-ms-notification-url: true (at any depth, $refs
// followed). One set of seen schemas serves every walk (it is emptied after each), where a map per
// body parameter cost more than the walk.
type rsWebhooks struct {
	a     *connector.API
	seen  nodeBits // made on first use
	added []connector.NodeID
}

func (w *rsWebhooks) is(op connector.Operation) bool {
	a := w.a
	for _, p := range a.Params(op) {
		if p.In != "body" {
			continue
		}
		if w.seen == nil {
			w.seen = newNodeBits(a.Doc)
		}
		found := w.walk(a.Get(p.Node, "schema"))
		for _, n := range w.added {
			w.seen.remove(n)
		}
		w.added = w.added[:0]
		if found {
			return true
		}
	}
	return false
}

func (w *rsWebhooks) walk(s connector.NodeID) bool {
	a := w.a
	s = a.R(s)
	if a.Kind(s) != connector.Object || w.seen.has(s) {
		return false
	}
	w.seen.add(s)
	w.added = append(w.added, s)
	if a.IsTrue(a.Get(s, "x-ms-notification-url")) {
		return true
	}
	found := false
	a.SchemaChildren(s, func(c connector.NodeID) {
		if !found && w.walk(c) {
			found = true
		}
	})
	return found
}

// rsValidCode reports whether a response key is a status code 100–599 or "default".
func rsValidCode(code string) bool {
	if code == "default" {
		return true
	}
	if len(code) != 3 || code[0] < '1' || code[0] > '5' {
		return false
	}
	_, err := strconv.Atoi(code)
	return err == nil && code[1] >= '0' && code[1] <= '9' && code[2] >= '0' && code[2] <= '9'
}

// rsKeyEdit replaces the key of member m with key.
func rsKeyEdit(f *connector.File, m connector.NodeID, key string) Edit {
	s, e := f.Doc.KeyRange(m)
	return Edit{File: f.Name, Start: s, End: e, New: Quote(key)}
}

// ---- response-code-valid ----

var responseCodeValidRule = &Rule{
	ID:       "response-code-valid",
	Code:     "ResponseMustBeDefaultOrHttpStatusCode",
	Severity: Error,
	Category: "responses",
	Inputs:   Swagger,
	Doc: Doc{
		Title: "Response keys are HTTP status codes or \"default\"",
		Why: "Swagger 2.0 names each response by a three-digit HTTP status code or the word \"default\"; Microsoft's " +
			"schema only admits those keys (and x- extensions), and its validator rejects anything else. Names such as " +
			"\"OK\", \"2XX\" or \"Default\" are not understood by the designer. connectorlint accepts codes 100 to 599.",
		HowToFix: "Rename the response to the status code the service returns, e.g. \"200\", or to \"default\" in lower case.",
		Source:   "Swagger 2.0 Responses Object; Microsoft's swagger schema; Swagger Validator rule ResponseMustBeDefaultOrHttpStatusCode; " + rsCatalog,
	},
	Check: checkResponseCodeValid,
}

func checkResponseCodeValid(p *Pass) error {
	a := p.API
	all := rsResponses(a)
	for i, op := range a.Ops {
		for _, r := range all[i] { // every member but the x- ones
			code, m := r.Code, r.Member
			if rsValidCode(code) {
				continue
			}
			fixed := strings.TrimSpace(code)
			hint := "name the response by its three-digit status code (100 to 599)"
			if strings.EqualFold(fixed, "default") {
				fixed = "default"
				hint = "write \"default\" in lower case"
			} else if rsValidCode(fixed) {
				hint = "remove the spaces around the code"
			}
			fd := p.SwaggerKey(m, "response key %q is not an HTTP status code or \"default\"; %s", code, hint)
			if fixed != code && rsValidCode(fixed) && a.Get(a.Responses(op), fixed) == connector.None {
				fd.WithFix("Rename the response to "+Quote(fixed), rsKeyEdit(p.C.Swagger, m, fixed))
			}
		}
	}
	return nil
}

// ---- response-default-no-schema ----

var responseDefaultNoSchemaRule = &Rule{
	ID:            "response-default-no-schema",
	Code:          "DefaultResponseHasSchema",
	Severity:      Error,
	Category:      "responses",
	Inputs:        Swagger,
	Certification: true,
	Doc: Doc{
		Title: "The default response has no schema",
		Why: "The designer builds an action's outputs from one response schema. A schema on the catch-all \"default\" " +
			"response describes errors as if they were the action's output, and makers then see schema errors instead of " +
			"the service's real error. The certification guide says not to do it, and since 2025 Microsoft's Swagger " +
			"Validator reports DefaultResponseHasSchema as a blocking error in certification pull requests (80 of 1,015 " +
			"connectors merged before the change still have one).",
		HowToFix: "Move the schema to the response the service returns on success (\"200\", \"201\"…) and keep only a " +
			"description on \"default\". No automatic fix: removing the schema would lose it.",
		Source: "Learn certification-submission; Swagger Validator rule DefaultResponseHasSchema (PR#3810, PR#3841, PR#3975, PR#4006); " + rsCatalog,
	},
	Check: checkResponseDefaultNoSchema,
}

func checkResponseDefaultNoSchema(p *Pass) error {
	a := p.API
	all := rsResponses(a)
	for i, op := range a.Ops {
		for _, r := range all[i] {
			if r.Code != "default" {
				continue
			}
			s := r.Schema
			if s == connector.None {
				continue
			}
			if r.Ref == connector.RefOK {
				p.SwaggerKey(r.Member, "the default response of %q refers to a response that has a schema; reference a response without schema and put the schema on the success response", op.Name()).
					WithRelated(p.C.Swagger, s, "schema defined here")
				continue
			}
			p.SwaggerKey(s, "the default response of %q has a schema; move it to the success response (e.g. \"200\") and keep only a description here", op.Name())
		}
	}
	return nil
}

// ---- response-no-default-only ----

var responseNoDefaultOnlyRule = &Rule{
	ID:            "response-no-default-only",
	Severity:      Warning,
	Category:      "responses",
	Inputs:        Swagger,
	Certification: true,
	Doc: Doc{
		Title: "Operations declare their expected status codes, not only \"default\"",
		Why: "With only a \"default\" response the designer has no success response to build outputs from, so makers " +
			"must parse the raw body themselves. Certification reviewers ask for the expected status codes with schemas " +
			"(PR#502, PR#1237, PR#1425, PR#1598). Not checked by the automated validator, hence a warning.",
		HowToFix: "Add the status code the service returns on success (e.g. \"200\" with a schema, or \"204\" when there is no body).",
		Source:   "Learn coding-standards; review threads PR#502, PR#1237, PR#1425, PR#1598; " + rsCatalog,
	},
	Check: checkResponseNoDefaultOnly,
}

func checkResponseNoDefaultOnly(p *Pass) error {
	a := p.API
	all := rsResponses(a)
	for i, op := range a.Ops {
		rs := all[i]
		if len(rs) == 1 && rs[0].Code == "default" {
			p.SwaggerKey(rs[0].Member, "operation %q declares only a default response; add the status code it returns on success, e.g. \"200\" with a schema", op.Name())
		}
	}
	return nil
}

// ---- response-schema-not-empty ----

var responseSchemaNotEmptyRule = &Rule{
	ID:            "response-schema-not-empty",
	Severity:      Warning,
	Category:      "responses",
	Inputs:        Swagger,
	Certification: true,
	Doc: Doc{
		Title: "Response schemas are not empty",
		Why: "An empty schema (`\"schema\": {}`, directly or through a $ref to an empty definition) gives the designer " +
			"nothing to show as outputs, so makers have to parse the body with a Parse JSON step. Certification " +
			"reviewers reject it (PR#1086, PR#1316, PR#1337, PR#1610, PR#1772, PR#2433); the automated validator does " +
			"not (135 of 1,015 merged connectors have one), hence a warning. Dynamic schemas (x-ms-dynamic-schema, " +
			"x-ms-dynamic-properties) are not empty, and operations that x-ms-dynamic-schema or x-ms-dynamic-properties " +
			"call to fetch a schema are exempt (their output is a schema). A schema holding only a description, title " +
			"or x-ms-summary counts as empty.",
		HowToFix: "Describe the body the service returns, or remove the schema key when the response has no body.",
		Source:   "Learn certification-submission; review threads PR#1316, PR#1337, PR#1610, PR#2433; " + rsCatalog,
	},
	Check: checkResponseSchemaNotEmpty,
}

// rsEmptySchema reports whether schema object s says nothing about the body: no members other than
// annotations.
func rsEmptySchema(a *connector.API, s connector.NodeID) bool {
	if a.Kind(s) != connector.Object {
		return false
	}
	for k := range a.Members(s) {
		switch k {
		case "description", "title", "x-ms-summary":
		default:
			return false
		}
	}
	return true
}

// rsDynamicSources returns the operationIds that x-ms-dynamic-schema and x-ms-dynamic-properties
// call: their response is itself a schema, so it cannot be described in advance (a shared map: do
// not modify it).
func rsDynamicSources(a *connector.API) map[string]bool {
	return a.Memo("rs.dynsources", func() any { return rsDynamicSourcesOnce(a) }).(map[string]bool)
}

func rsDynamicSourcesOnce(a *connector.API) map[string]bool {
	out := map[string]bool{}
	for _, n := range swKeyScan(a.Doc).ext { // the members whose key may start with "x"
		// an escaped key is never shorter than its value
		if nd := &a.Nodes[n]; nd.KeyEnd-nd.KeyStart-2 < int32(len("x-ms-dynamic-schema")) {
			continue
		}
		if k := a.Key(n); k == "x-ms-dynamic-schema" || k == "x-ms-dynamic-properties" {
			if id := a.GetString(n, "operationId"); id != "" {
				out[id] = true
			}
		}
	}
	return out
}

func checkResponseSchemaNotEmpty(p *Pass) error {
	a := p.API
	all := rsResponses(a)
	sources := rsDynamicSources(a)
	holders := swRefHolders(a.Doc)
	for i, op := range a.Ops {
		if op.ID != "" && sources[op.ID] {
			continue
		}
		for _, r := range all[i] {
			s := r.Schema
			if a.Kind(s) != connector.Object {
				continue
			}
			t, st := s, connector.RefNone // a.Resolve(s), without the member scan when s holds no $ref
			if holders.has(s) {
				t, st = a.Resolve(s)
			}
			if st != connector.RefNone && st != connector.RefOK {
				continue
			}
			if !rsEmptySchema(a, t) || rsIsDynamic(a, s) {
				continue
			}
			if r.Ref == connector.RefOK || st == connector.RefOK {
				// The empty schema lives elsewhere (a shared response or definition): report here,
				// point there, no fix (other operations may use it).
				p.SwaggerKey(r.Member, "the %s response of %q has an empty schema (through a $ref); describe the body or remove the schema", r.Code, op.Name()).
					WithRelated(p.C.Swagger, t, "empty schema defined here")
				continue
			}
			p.SwaggerKey(s, "the %s response of %q has an empty schema; describe the body it returns or remove the schema", r.Code, op.Name()).
				WithFix("Remove the empty schema", DeleteMember(p.C.Swagger, s))
		}
	}
	return nil
}

// ---- response-schema-present ----

var responseSchemaPresentRule = &Rule{
	ID:            "response-schema-present",
	Code:          "SchemaDefinitionSetIncorrectly",
	Severity:      Warning,
	Category:      "responses",
	Inputs:        Swagger,
	Certification: true,
	Doc: Doc{
		Title: "Operations that answer 200 or 201 define an output schema",
		Why: "The designer shows an action's outputs only from a schema on its 200 or 201 response; without one, makers " +
			"get an opaque body. Microsoft's validator reports it (worded as \"should\", so probably a warning), and the " +
			"certification checklist asks for it. Exempt: webhook triggers (their payload schema is in the path item's " +
			"x-ms-notification-content), internal operations (not shown in the designer), operations that " +
			"x-ms-dynamic-schema or x-ms-dynamic-properties call to fetch a schema, and operations without a " +
			"200 or 201 response (e.g. only 202 or 204, which declare no body; a missing success response is " +
			"operation-successful-response's business).",
		HowToFix: "Add a schema describing the body to the 200 (or 201) response.",
		Source:   "Learn certification-submission; Swagger Validator rule SchemaDefinitionSetIncorrectly; PR template; " + rsCatalog,
	},
	Check: checkResponseSchemaPresent,
}

func checkResponseSchemaPresent(p *Pass) error {
	a := p.API
	all := rsResponses(a)
	sources := rsDynamicSources(a)
	internal := swInternal(a.Doc) // a.Internal, as a set
	webhooks := rsWebhooks{a: a}
	for i, op := range a.Ops {
		if internal.has(op.Node) || (op.ID != "" && sources[op.ID]) {
			continue
		}
		var first *rsResponse
		ok := false
		for _, r := range all[i] {
			if r.Code != "200" && r.Code != "201" {
				continue
			}
			if r.Node == connector.None {
				ok = true // broken or odd response: another rule's business
				break
			}
			if r.Schema != connector.None {
				ok = true
				break
			}
			if first == nil {
				r := r
				first = &r
			}
		}
		if ok || first == nil || webhooks.is(op) {
			continue
		}
		p.SwaggerKey(first.Member, "the %s response of %q has no schema, so the designer shows no outputs; add a schema describing the body", first.Code, op.Name())
	}
	return nil
}

// ---- response-single-schema ----

var responseSingleSchemaRule = &Rule{
	ID:       "response-single-schema",
	Code:     "OperationHasManyResponsesWithSchema",
	Severity: Warning,
	Category: "responses",
	Inputs:   Swagger,
	Doc: Doc{
		Title: "At most one response of an operation has a schema",
		Why: "The designer builds outputs from a single response schema and ignores the others, so error schemas on " +
			"4xx responses or a second success schema have no effect and can mislead. Microsoft's validator reports it " +
			"as a \"should\" (a warning: 200 of 1,015 merged connectors do it). A schema on \"default\" is reported by " +
			"response-default-no-schema instead and is not counted here.",
		HowToFix: "Keep the schema on the success response the designer should use and remove it from the other responses.",
		Source:   "Swagger Validator rule OperationHasManyResponsesWithSchema; " + rsCatalog,
	},
	Check: checkResponseSingleSchema,
}

func checkResponseSingleSchema(p *Pass) error {
	a := p.API
	all := rsResponses(a)
	for i, op := range a.Ops {
		n := 0
		for _, r := range all[i] {
			if r.Code != "default" && r.Schema != connector.None {
				n++
			}
		}
		if n < 2 {
			continue
		}
		// the codes of the responses with a schema, and the first two of them
		var codes strings.Builder
		var with [2]connector.NodeID
		k := 0
		for _, r := range all[i] {
			if r.Code != "default" && r.Schema != connector.None {
				if k > 0 {
					codes.WriteString(", ")
				}
				codes.WriteString(r.Code)
				if k < len(with) {
					with[k] = r.Member
				}
				k++
			}
		}
		p.SwaggerKey(with[1], "operation %q has a schema on %d responses (%s) but the designer uses only one; keep the schema on the success response and remove the others", op.Name(), n, codes.String()).
			WithRelated(p.C.Swagger, with[0], "first response with a schema")
	}
	return nil
}

// ---- response-description-meaningful ----

var responseDescriptionMeaningfulRule = &Rule{
	ID:            "response-description-meaningful",
	Severity:      Warning,
	Category:      "responses",
	Inputs:        Swagger,
	Certification: true,
	Doc: Doc{
		Title: "Responses have a meaningful description",
		Why: "Swagger 2.0 requires a description on every response, and certification reviewers ask for a real one " +
			"such as \"OK\" or \"Bad Request\" instead of placeholders like \"default\" or an empty string (PR#942, " +
			"PR#2433). Reviewer-enforced only (408 of 1,015 merged connectors use \"default\"), hence a warning.",
		HowToFix: "Describe the response, e.g. with the status code's reason phrase (\"OK\", \"Created\", \"Not Found\"). " +
			"The fix puts the standard reason phrase for numeric codes.",
		Source: "Swagger 2.0 Response Object; review threads PR#942, PR#2433; " + rsCatalog,
	},
	Check: checkResponseDescriptionMeaningful,
}

func checkResponseDescriptionMeaningful(p *Pass) error {
	a := p.API
	all := rsResponses(a)
	f := p.C.Swagger
	seen := map[connector.NodeID]bool{} // a shared response is reported once
	for i, op := range a.Ops {
		for _, r := range all[i] {
			if r.Node == connector.None {
				continue
			}
			own := r.Ref == connector.RefNone // only fix what is written in this operation
			d := r.Desc
			if d == connector.None {
				phrase := rsReasonPhrase(r.Code)
				at := r.Member
				fd := p.SwaggerKey(at, "the %s response of %q has no description; add one such as %q", r.Code, op.Name(), rsOr(phrase, "Error"))
				if own && phrase != "" {
					fd.WithFix("Add the description "+Quote(phrase), AddMember(f, r.Node, "description", Quote(phrase)))
				}
				continue
			}
			if r.DescSays {
				continue
			}
			s, ok := a.Str(d)
			if !ok || seen[d] {
				continue // not a string: a structure rule's business
			}
			seen[d] = true
			phrase := rsReasonPhrase(r.Code)
			fd := p.Swagger(d, "the description %q of the %s response of %q says nothing; describe the response, e.g. %q", s, r.Code, op.Name(), rsOr(phrase, "Error"))
			if own && phrase != "" {
				fd.WithFix("Use the reason phrase "+Quote(phrase), ReplaceString(f, d, phrase))
			}
		}
	}
	return nil
}

// rsReasonPhrase is the HTTP reason phrase of a status code ("" for "default" or an unknown code).
func rsReasonPhrase(code string) string {
	if n, err := strconv.Atoi(code); err == nil {
		return http.StatusText(n)
	}
	return ""
}

func rsOr(s, alt string) string {
	if s != "" {
		return s
	}
	return alt
}

// ---- response-headers-unique ----

var responseHeadersUniqueRule = &Rule{
	ID:       "response-headers-unique",
	Code:     "ResponseHeadersAreNotUnique",
	Severity: Error,
	Category: "responses",
	Inputs:   Swagger,
	Doc: Doc{
		Title: "Response header names are unique",
		Why: "HTTP header names are case-insensitive, so two entries of a response's headers object that differ only " +
			"in case (or repeat exactly) describe the same header; Microsoft's validator rejects responses whose " +
			"headers are not unique. connectorlint reads the rule as case-insensitive uniqueness, since exact " +
			"repeats are already a JSON duplicate key.",
		HowToFix: "Keep one entry per header name and delete the other.",
		Source:   "RFC 9110 §5.1; Swagger Validator rule ResponseHeadersAreNotUnique; " + rsCatalog,
	},
	Check: checkResponseHeadersUnique,
}

func checkResponseHeadersUnique(p *Pass) error {
	a := p.API
	check := func(resp connector.NodeID) {
		hs := a.Get(resp, "headers")
		if a.Len(hs) < 2 {
			return // no two headers to compare
		}
		first := map[string]connector.NodeID{}
		for name, h := range a.Members(hs) {
			k := strings.ToLower(name)
			if prev, dup := first[k]; dup && a.Key(prev) == name {
				p.SwaggerKey(h, "response header %q is declared twice; keep only one of them", name).
					WithRelated(p.C.Swagger, prev, "first declared here")
				continue
			} else if dup {
				p.SwaggerKey(h, "response header %q repeats %q (header names are case-insensitive); keep only one of them", name, a.Key(prev)).
					WithRelated(p.C.Swagger, prev, "first declared here")
				continue
			}
			first[k] = h
		}
	}
	for _, op := range a.Ops {
		for code, m := range a.Members(a.Responses(op)) {
			if !strings.HasPrefix(code, "x-") {
				check(m) // a $ref response has no headers of its own; the shared one is checked below
			}
		}
	}
	for _, m := range a.Members(a.Get(a.Root, "responses")) {
		check(m)
	}
	return nil
}

// ---- response-example-produced ----

var responseExampleProducedRule = &Rule{
	ID:       "response-example-produced",
	Code:     "ResponseExampleMustBeProducedByOperation",
	Severity: Error,
	Category: "responses",
	Inputs:   Swagger,
	Doc: Doc{
		Title: "Response examples use a MIME type the operation produces",
		Why: "A response's examples object is keyed by MIME type, and each key must be one of the types the operation " +
			"produces (its own produces list, or the file's when it has none); Microsoft's validator rejects other keys. " +
			"Media-type parameters (\"; charset=…\") and letter case are ignored. When neither the operation nor the " +
			"file declares produces, connectorlint does not check.",
		HowToFix: "Rename the example key to a produced MIME type (usually \"application/json\") or add the type to produces.",
		Source:   "Swagger 2.0 Example Object; Swagger Validator rule ResponseExampleMustBeProducedByOperation; " + rsCatalog,
	},
	Check: checkResponseExampleProduced,
}

func rsMediaType(s string) string {
	if i := strings.IndexByte(s, ';'); i >= 0 {
		s = s[:i]
	}
	return strings.ToLower(strings.TrimSpace(s))
}

func checkResponseExampleProduced(p *Pass) error {
	a := p.API
	all := rsResponses(a)
	rootProduces := a.Get(a.Root, "produces")
	seen := map[connector.NodeID]bool{} // a shared response is reported once
	for i, op := range a.Ops {
		// Most responses have no examples: look for them before reading produces.
		has := false
		for _, r := range all[i] {
			if a.Get(r.Node, "examples") != connector.None {
				has = true
				break
			}
		}
		if !has {
			continue
		}
		produces := a.Get(op.Node, "produces")
		if produces == connector.None {
			produces = rootProduces
		}
		if a.Kind(produces) != connector.Array {
			continue
		}
		types := map[string]bool{}
		var list []string
		for _, e := range a.Elems(produces) {
			if s, ok := a.Str(e); ok {
				types[rsMediaType(s)] = true
				list = append(list, s)
			}
		}
		declared := strings.Join(list, ", ")
		if declared == "" {
			declared = "none"
		}
		for _, r := range all[i] {
			for mime, ex := range a.Members(a.Get(r.Node, "examples")) {
				if types[rsMediaType(mime)] || seen[ex] {
					continue
				}
				seen[ex] = true
				p.SwaggerKey(ex, "the %s response of %q has an example for %q, which the operation does not produce (it produces: %s); use a produced type or add it to produces", r.Code, op.Name(), mime, declared)
			}
		}
	}
	return nil
}
