package rules

import (
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/connectorlint/connectorlint/connector"
)

// structureRules check the swagger file's structure against Swagger 2.0 as Microsoft accepts it
// (rules-catalog.md §2.1 swagger-schema-conformance and related rows).
var structureRules = []*Rule{
	swaggerVersion2Rule,
	swaggerRequiredPropertyRule,
	swaggerPropertyNotAllowedRule,
	extensionNamePrefixRule,
	swaggerTypeMismatchRule,
	swaggerValueNotInEnumRule,
	arrayUniqueValuesRule,
}

// ---- swagger-version-2 ----

var swaggerVersion2Rule = &Rule{
	ID:       "swagger-version-2",
	Code:     "SpecificationVersionIncorrect",
	Severity: Error,
	Category: "structure",
	Inputs:   Swagger,
	Doc: Doc{
		Title: "The swagger member is the string \"2.0\"",
		Why: "Power Platform connectors are described in Swagger 2.0 (OpenAPI 2); OpenAPI 3 documents are not supported. " +
			"Microsoft's swagger validator rejects a file whose root \"swagger\" member is anything but the string \"2.0\" " +
			"(0 of 1015 merged connectors break this). A file with an \"openapi\" member and no \"swagger\" member is " +
			"reported once here and skipped by the other structure rules, whose findings would only be noise. " +
			"A missing \"swagger\" member is reported by swagger-required-property.",
		HowToFix: "Write \"swagger\": \"2.0\" as a string (not the number 2.0). Convert an OpenAPI 3 document to Swagger 2.0 " +
			"first, for example with an API design tool, then review the result.",
		Source: "Microsoft Learn, certification-swagger-validator-rules (SpecificationVersionIncorrect); coding-standards; rules-catalog §2.1",
	},
	Check: checkSwaggerVersion2,
}

func checkSwaggerVersion2(p *Pass) error {
	a := p.API
	if a.Kind(a.Root) != connector.Object {
		return nil
	}
	if stIsOpenAPI3(a) {
		oa := a.Get(a.Root, "openapi")
		v := a.String(oa)
		if v == "" {
			v = string(a.Raw(oa))
		}
		p.SwaggerKey(oa, "this is an OpenAPI %q document, which connectors do not support; convert it to Swagger 2.0 with \"swagger\": \"2.0\"", v)
		return nil
	}
	sw := a.Get(a.Root, "swagger")
	if sw == connector.None {
		return nil
	}
	if s, ok := a.Str(sw); ok && s == "2.0" {
		return nil
	}
	f := p.Swagger(sw, "\"swagger\" is %s; set it to the string \"2.0\"", stDescribeValue(a.Doc, sw))
	if stLooksLikeVersion2(a.Doc, sw) {
		f.WithFix("Set \"swagger\" to \"2.0\"", ReplaceString(p.C.Swagger, sw, "2.0"))
	}
	return nil
}

// stLooksLikeVersion2 reports whether n is an obvious spelling of version 2.0: the number 2 or 2.0,
// or a string such as "2", "2.0.0" or " 2.0 ".
func stLooksLikeVersion2(d *connector.Doc, n connector.NodeID) bool {
	if f, ok := d.Number(n); ok {
		return f == 2
	}
	s, ok := d.Str(n)
	if !ok {
		return false
	}
	switch strings.TrimSpace(s) {
	case "2", "2.0", "2.0.0":
		return true
	}
	return false
}

// ---- swagger-required-property ----

var swaggerRequiredPropertyRule = &Rule{
	ID:       "swagger-required-property",
	Code:     "RequiredPropertyMissing",
	Severity: Error,
	Category: "structure",
	Inputs:   Swagger,
	Doc: Doc{
		Title: "Members that Swagger 2.0 requires are present",
		Why: "Microsoft's swagger validator checks the file against a Swagger 2.0 schema and rejects it when a required " +
			"member is missing. Checked here: \"swagger\", \"info\" and \"paths\" at the root; \"title\" and \"version\" in info; " +
			"\"responses\" in every operation; \"name\" and \"in\" in every parameter and \"type\" in every non-body parameter; " +
			"\"description\" in every response; \"type\" in response headers and items objects; \"name\" in license and tags; " +
			"\"url\" in externalDocs. Objects written as a \"$ref\" are skipped. Other families check related members: " +
			"path parameters' \"required\": true (path-parameter-required), body parameters' \"schema\" (body-parameter-schema), " +
			"security definitions (security-scheme-shape).",
		HowToFix: "Add the named member to the reported object.",
		Source:   "Microsoft's schemas/apiDefinition.swagger.schema.json; Swagger 2.0 specification; Microsoft Learn, certification-swagger-validator-rules (RequiredPropertyMissing); rules-catalog §2.1",
	},
	Check: checkSwaggerRequiredProperty,
}

// stRequired lists the required members of each object type (security definitions: see
// security-scheme-shape).
var stRequired = [stTypeCount][]string{
	stRoot:         {"swagger", "info", "paths"},
	stInfo:         {"title", "version"},
	stOperation:    {"responses"},
	stParameter:    {"name", "in"},
	stResponse:     {"description"},
	stHeader:       {"type"},
	stItems:        {"type"},
	stLicense:      {"name"},
	stTag:          {"name"},
	stExternalDocs: {"url"},
}

// stRequiredKeys is stRequired with stKeys; stRequiredNonBody lists the required members of non-body
// parameters.
var (
	stRequiredKeys = func() (t [stTypeCount][]stNamedKey) {
		for typ, names := range stRequired {
			t[typ] = stNamedKeys(names...)
		}
		return
	}()
	stRequiredNonBody = stNamedKeys("name", "in", "type")
)

// stNamedKey is a member name with its stKey.
type stNamedKey struct {
	name string
	key  stKey
}

func stNamedKeys(names ...string) []stNamedKey {
	ks := make([]stNamedKey, len(names))
	for i, n := range names {
		ks[i] = stNamedKey{n, stKeyMust(n)}
	}
	return ks
}

// The stKeys the structure rules look for by name.
var (
	stKeyIn        = stKeyMust("in")
	stKeyType      = stKeyMust("type")
	stKeyRef       = stKeyMust("$ref")
	stKeySwagger   = stKeyMust("swagger")
	stKeyPaths     = stKeyMust("paths")
	stKeyResponses = stKeyMust("responses")
	stKeySecurity  = stKeyMust("security")
)

var stRequiredHints = map[string]string{
	"swagger":     `add "swagger": "2.0"`,
	"responses":   `add at least one response, for example "200" with a description and a schema`,
	"type":        `add its data type, for example "type": "string"`,
	"in":          `add its location: query, header, path, formData or body`,
	"version":     `add the API version, for example "1.0"`,
	"name":        `add its name`,
	"url":         `add the URL of the documentation`,
	"description": `add a short description, for example "OK"`,
	"title":       `add the connector's name`,
}

func checkSwaggerRequiredProperty(p *Pass) error {
	a := p.API
	if stIsOpenAPI3(a) {
		return nil
	}
	w := stWalkOf(a)
	for i := range w.visits {
		wv := &w.visits[i]
		req := stRequiredKeys[wv.typ]
		if len(req) == 0 {
			continue
		}
		v := w.visit(i)
		if v.refSkipped() {
			continue
		}
		if v.Type == stParameter {
			switch wv.in {
			case stvAbsent, stvBody:
			case stvOther:
				if in, ok := a.Str(v.get(stKeyIn)); ok && !strings.EqualFold(in, "body") {
					req = stRequiredNonBody
				}
			default: // a word other than body
				req = stRequiredNonBody
			}
		}
		if need := stReqMask(req); wv.req&need == need {
			continue // nothing missing
		}
		for _, rk := range req {
			if v.get(rk.key) != connector.None {
				continue
			}
			k := rk.name
			hint := stRequiredHints[k]
			if hint == "" {
				hint = "add it"
			}
			p.SwaggerKey(v.Node, "%s has no %q member, which Swagger 2.0 requires; %s", stThis(v.Type), k, hint)
		}
	}
	return nil
}

// stReqMask returns the stReqBit set of the names of ks.
func stReqMask(ks []stNamedKey) (m uint16) {
	for _, k := range ks {
		m |= stReqBit[k.key]
	}
	return m
}

// stThis names an object type as "this operation", "the info object".
func stThis(t stObjType) string {
	s := stObjNames[t]
	if r, ok := strings.CutPrefix(s, "a "); ok {
		return "this " + r
	}
	if r, ok := strings.CutPrefix(s, "an "); ok {
		return "this " + r
	}
	return s
}

// ---- swagger-property-not-allowed and extension-name-prefix ----

var swaggerPropertyNotAllowedRule = &Rule{
	ID:       "swagger-property-not-allowed",
	Code:     "AdditionalPropertyNotAllowed",
	Severity: Error,
	Category: "structure",
	Inputs:   Swagger,
	Doc: Doc{
		Title: "Objects below the root hold only Swagger 2.0 members and x- extensions",
		Why: "Microsoft's swagger schema closes every Swagger object (additionalProperties: false): a member that is " +
			"not part of Swagger 2.0 and does not start with \"x-\" is rejected. This rule checks path items, operations, " +
			"parameters, responses, response headers, schemas (with their properties, items, allOf and so on), items " +
			"objects, tags, externalDocs, xml, contact and license objects. Unknown members of the root and info objects " +
			"are reported by extension-name-prefix instead, unknown \"x-ms-\" names by the extensions family, members of " +
			"security definitions by security-scheme-shape, and members next to a \"$ref\" by ref-valid. A parameter may " +
			"hold the members of any parameter location here; whether they fit its location (\"schema\" only in body " +
			"parameters, \"allowEmptyValue\" only in query and formData) is checked by the parameter family.",
		HowToFix: "Remove the member, or rename it with an \"x-\" prefix if it is a private extension. For OpenAPI 3 " +
			"keywords use their Swagger 2.0 form (\"x-nullable\" for \"nullable\", \"x-example\" or a schema \"example\" for a " +
			"parameter example). A Swagger member written in the wrong case (\"OperationId\") is renamed by the fix.",
		Source: "Microsoft's schemas/apiDefinition.swagger.schema.json; Microsoft Learn, certification-swagger-validator-rules (AdditionalPropertyNotAllowed); rules-catalog §2.1",
	},
	Check: checkSwaggerPropertyNotAllowed,
}

var extensionNamePrefixRule = &Rule{
	ID:       "extension-name-prefix",
	Code:     "ExtensionNameNotValid",
	Severity: Error,
	Category: "structure",
	Inputs:   Swagger,
	Doc: Doc{
		Title: "Non-standard members of the root and info objects start with \"x-\"",
		Why: "Microsoft's swagger validator rejects a root or info member that is neither a Swagger 2.0 member nor an " +
			"extension whose name starts with \"x-\"; a pull request that put \"scriptOperations\" (an apiProperties.json " +
			"setting) in the swagger root was blocked with ExtensionNameNotValid. Unknown members of other objects are " +
			"reported by swagger-property-not-allowed, so no member is reported twice.",
		HowToFix: "Move the member where it belongs (for example \"scriptOperations\" to apiProperties.json), remove it, " +
			"or rename it with an \"x-\" prefix. A Swagger member written in the wrong case (\"basepath\") or an " +
			"extension with an upper-case \"X-\" is renamed by the fix.",
		Source: "Microsoft Learn, certification-swagger-validator-rules (ExtensionNameNotValid); PowerPlatformConnectors PR#3810; rules-catalog §2.1",
	},
	Check: checkExtensionNamePrefix,
}

// stMemberHints adds advice for common non-Swagger members.
var stMemberHints = map[string]string{
	"nullable":         `Swagger 2.0 has no "nullable": use "x-nullable" or remove it`,
	"example":          `parameters have no "example" in Swagger 2.0: use "x-example" or "x-ms-test-value"`,
	"examples":         `schemas have no "examples" in Swagger 2.0: use "example" with one value`,
	"anyOf":            `Swagger 2.0 schemas have no "anyOf": describe the value with one schema or use "allOf"`,
	"oneOf":            `Swagger 2.0 schemas have no "oneOf": describe the value with one schema or use "allOf"`,
	"not":              `Swagger 2.0 schemas have no "not": remove it`,
	"scriptOperations": `it belongs in apiProperties.json, not in the swagger file`,
	"openapi":          `it is an OpenAPI 3 member: this file must be Swagger 2.0`,
}

func stNotAllowedMessage(key string, t stObjType) (string, []any) {
	hint := stMemberHints[key]
	if key == "example" && t != stParameter {
		hint = ""
	}
	if key == "examples" && t != stSchema {
		hint = ""
	}
	if hint == "" {
		hint = `remove it or rename it with an "x-" prefix`
	}
	return "%q is not a Swagger 2.0 member of %s; %s", []any{key, stObjNames[t], hint}
}

func stUnknownMembers(a *connector.API, v stVisit, fn func(key string, m connector.NodeID)) {
	fields := &stFieldTable[v.Type]
	for _, m := range v.Members {
		if m.Ext || fields[m.Key].kinds != 0 {
			continue
		}
		fn(a.Key(m.Node), m.Node)
	}
}

// stReportMiscased reports unknown member m when its name is a Swagger member or an extension
// prefix written in the wrong case ("basepath", "OperationId", "X-Logo") and offers to rename it,
// unless the corrected name is already taken. where is "of %s" or "in %s" for the object name.
func stReportMiscased(p *Pass, v stVisit, key string, m connector.NodeID, where string) bool {
	a := p.API
	want := ""
	if rest, ok := strings.CutPrefix(key, "X-"); ok {
		want = "x-" + rest
	} else {
		for f := range stFields[v.Type] {
			if strings.EqualFold(f, key) {
				want = f
			}
		}
	}
	if want == "" {
		return false
	}
	format := "%q is not a Swagger 2.0 member " + where + ": names are case-sensitive, write %q"
	if strings.HasPrefix(key, "X-") {
		format = "%q " + where + " is not a valid extension name: extensions start with a lower-case \"x-\", write %q"
	}
	fd := p.SwaggerKey(m, format, key, stObjNames[v.Type], want)
	if a.Get(v.Node, want) == connector.None {
		s, e := a.KeyRange(m)
		fd.WithFix("Rename to \""+want+"\"", Edit{File: p.C.Swagger.Name, Start: s, End: e, New: Quote(want)})
	}
	return true
}

func checkSwaggerPropertyNotAllowed(p *Pass) error {
	a := p.API
	if stIsOpenAPI3(a) {
		return nil
	}
	w := stWalkOf(a)
	for i := range w.visits {
		if w.visits[i].flags&stfUnknown == 0 {
			continue
		}
		v := w.visit(i)
		switch v.Type {
		case stRoot, stInfo, stSecurityScheme:
			continue
		default:
			if v.refSkipped() {
				continue
			}
		}
		stUnknownMembers(a, v, func(k string, m connector.NodeID) {
			if stReportMiscased(p, v, k, m, "of %s") {
				return
			}
			format, args := stNotAllowedMessage(k, v.Type)
			p.SwaggerKey(m, format, args...)
		})
	}
	return nil
}

func checkExtensionNamePrefix(p *Pass) error {
	a := p.API
	if stIsOpenAPI3(a) {
		return nil
	}
	w := stWalkOf(a)
	for i := range w.visits {
		if w.visits[i].flags&stfUnknown == 0 {
			continue
		}
		v := w.visit(i)
		if v.Type != stRoot && v.Type != stInfo {
			continue
		}
		stUnknownMembers(a, v, func(k string, m connector.NodeID) {
			if stReportMiscased(p, v, k, m, "in %s") {
				return
			}
			hint := stMemberHints[k]
			if hint == "" || k == "example" || k == "examples" || k == "nullable" {
				hint = `rename it with an "x-" prefix if it is an extension, or remove it`
			}
			p.SwaggerKey(m, "%q in %s is not a Swagger 2.0 member; %s", k, stObjNames[v.Type], hint)
		})
	}
	return nil
}

// ---- swagger-type-mismatch ----

var swaggerTypeMismatchRule = &Rule{
	ID:       "swagger-type-mismatch",
	Code:     "JsonTypeIncorrect",
	Severity: Error,
	Category: "structure",
	Inputs:   Swagger,
	Doc: Doc{
		Title: "Swagger members have the JSON type Swagger 2.0 gives them",
		Why: "Microsoft's swagger validator checks each known member's JSON type: \"required\" of a parameter is a " +
			"boolean but \"required\" of a schema is an array of property names, \"summary\" is a string, \"consumes\" an " +
			"array of strings, a schema's \"properties\" an object of schemas, and so on. A value of the wrong type is " +
			"rejected, and tools that read the file the way the designer does silently ignore it. The \"swagger\" member " +
			"(swagger-version-2), security definitions (security-scheme-shape), security requirement values " +
			"(security-requirement-defined) and x- extensions are left to their own rules.",
		HowToFix: "Write the value with the expected type: true/false without quotes for booleans, numbers without quotes, " +
			"a list in [ ] for arrays. A schema property is made required by listing its name in the parent schema's " +
			"\"required\" array, not with \"required\": true on the property.",
		Source: "Microsoft's schemas/apiDefinition.swagger.schema.json; Swagger 2.0 specification; Microsoft Learn, certification-swagger-validator-rules (JsonTypeIncorrect); rules-catalog §2.1",
	},
	Check: checkSwaggerTypeMismatch,
}

func checkSwaggerTypeMismatch(p *Pass) error {
	a := p.API
	if stIsOpenAPI3(a) {
		return nil
	}
	f := p.C.Swagger
	report := func(n connector.NodeID, label string, want stKinds) {
		got := stKindOf(a.Doc, n)
		if got&want != 0 {
			return
		}
		fix, ok := stCoerce(a.Doc, n, want)
		hint := ""
		switch {
		case ok:
			hint = "; write " + fix
		case label == `"required"` && got == stBool && want == stArr:
			hint = "; list the property's name in the \"required\" array of the parent schema instead"
		}
		fd := p.Swagger(n, "%s must be %s, not %s%s", label, stKindsName(want), stDescribeValue(a.Doc, n), hint)
		if ok {
			fd.WithFix("Write "+fix, ReplaceValue(f, n, fix))
		}
	}
	w := stWalkOf(a)
	for i := range w.visits {
		if w.visits[i].flags&stfTypeBad == 0 { // stTypesOK holds for every member
			continue
		}
		v := w.visit(i)
		if v.Type == stSecurityScheme {
			continue
		}
		if v.refSkipped() {
			continue
		}
		fields := &stFieldTable[v.Type]
		for _, mem := range v.Members {
			spec, m := fields[mem.Key], mem.Node
			if spec.kinds == 0 || mem.Ext || (v.Type == stRoot && mem.Key == stKeySwagger) || mem.Key == stKeyRef {
				continue
			}
			if stKindOfKind(a.Doc, m, mem.Kind)&spec.kinds == 0 {
				report(m, strconv.Quote(a.Key(m)), spec.kinds)
				continue
			}
			if spec.elems == 0 || mem.Kind != connector.Object && mem.Kind != connector.Array {
				continue
			}
			// The children by their links: names are read only for a report.
			if spec.mapv && mem.Kind == connector.Object {
				for e := a.Nodes[m].First; e != connector.None; e = a.Nodes[e].Next {
					if stKindOf(a.Doc, e)&spec.elems == 0 {
						report(e, strconv.Quote(a.Key(e))+" in "+strconv.Quote(a.Key(m)), spec.elems)
					}
				}
			} else if !spec.mapv && mem.Kind == connector.Array {
				i := 0
				for e := a.Nodes[m].First; e != connector.None; e = a.Nodes[e].Next {
					if stKindOf(a.Doc, e)&spec.elems == 0 {
						report(e, "item "+strconv.Itoa(i)+" of "+strconv.Quote(a.Key(m)), spec.elems)
					}
					i++
				}
			}
		}
		// Maps whose keys are not names: path items under paths, responses under an operation.
		var m connector.NodeID = connector.None
		switch v.Type {
		case stRoot:
			m = v.get(stKeyPaths)
		case stOperation:
			m = v.get(stKeyResponses)
		}
		if a.Kind(m) == connector.Object {
			for e := a.Nodes[m].First; e != connector.None; e = a.Nodes[e].Next {
				if a.Nodes[e].Kind != connector.Object && !stIsExtension(a.Key(e)) {
					report(e, strconv.Quote(a.Key(e))+" in "+strconv.Quote(a.Key(m)), stObjK)
				}
			}
		}
	}
	return nil
}

// stCoerce returns the JSON text that obviously means value n in type want: a quoted boolean or
// number without its quotes, or a single string wrapped in an array where an array of strings is
// expected.
func stCoerce(d *connector.Doc, n connector.NodeID, want stKinds) (string, bool) {
	s, ok := d.Str(n)
	if !ok {
		if k := d.Kind(n); want == stStr && (k == connector.Number || k == connector.Bool) && d.IsMember(n) &&
			slices.Contains([]string{"version", "title", "description", "summary", "termsOfService", "name", "operationId"}, d.Key(n)) {
			return Quote(string(d.Raw(n))), true
		}
		return "", false
	}
	t := strings.TrimSpace(s)
	switch {
	case want&stBool != 0 && (t == "true" || t == "false"):
		return t, true
	case want&(stNum|stInt) != 0 && t != "":
		f, err := strconv.ParseFloat(t, 64)
		if err != nil || math.IsInf(f, 0) || math.IsNaN(f) {
			return "", false
		}
		if want&stInt != 0 && want&stNum == 0 {
			if f != math.Trunc(f) || math.Abs(f) > 1<<53 {
				return "", false
			}
			return strconv.FormatInt(int64(f), 10), true
		}
		return strconv.FormatFloat(f, 'g', -1, 64), true
	case want == stArr && d.Nodes[n].KeyStart >= 0 && slices.Contains([]string{"consumes", "produces", "schemes", "tags"}, d.Key(n)):
		return "[" + string(d.Raw(n)) + "]", true
	}
	return "", false
}

// ---- swagger-value-not-in-enum ----

var swaggerValueNotInEnumRule = &Rule{
	ID:       "swagger-value-not-in-enum",
	Code:     "JsonValueNotInEnum",
	Severity: Error,
	Category: "structure",
	Inputs:   Swagger,
	Doc: Doc{
		Title: "Parameter locations and data types use Swagger 2.0's values",
		Why: "Swagger 2.0 fixes the values of a few members and Microsoft's validator rejects any other value: a " +
			"parameter's \"in\" is one of query, header, path, formData, body; the \"type\" of a non-body parameter, of " +
			"a response header and of an items object is one of string, number, integer, boolean, array (and file for " +
			"parameters); a schema's \"type\" is one of string, number, integer, boolean, array, object (null and file " +
			"are tolerated). Values are case-sensitive: \"String\" is not \"string\". Other enumerations have their own " +
			"rules: schemes (schemes-allowed), collectionFormat (collection-format-supported), format (type-format-known), " +
			"x-ms-visibility (operation-visibility-values), security definitions (security-scheme-shape), and the " +
			"placement of type file (file-parameter-formdata).",
		HowToFix: "Use one of the listed values, spelled in lower case (formData in camel case).",
		Source:   "Microsoft's schemas/apiDefinition.swagger.schema.json; Swagger 2.0 specification; Microsoft Learn, certification-swagger-validator-rules (JsonValueNotInEnum); rules-catalog §2.1",
	},
	Check: checkSwaggerValueNotInEnum,
}

var (
	stParamLocations = []string{"query", "header", "path", "formData", "body"}
	stParamTypes     = []string{"string", "number", "integer", "boolean", "array", "file"}
	stPrimitiveTypes = []string{"string", "number", "integer", "boolean", "array"}
	stSchemaTypes    = []string{"string", "number", "integer", "boolean", "array", "object", "null", "file"}
)

// stCheckEnum reports string node n when it is not one of allowed, with a fix when exactly one
// allowed value matches it case-insensitively. Non-string nodes are swagger-type-mismatch's.
func stCheckEnum(p *Pass, n connector.NodeID, what string, allowed []string) {
	s, ok := p.API.Str(n)
	if !ok || stContains(allowed, s) {
		return
	}
	var shown []string
	for _, x := range allowed {
		if x != "null" && x != "file" || what == "parameter type" && x == "file" {
			shown = append(shown, x)
		}
	}
	f := p.Swagger(n, "%q is not a valid %s; use one of %s", s, what, strings.Join(shown, ", "))
	match := ""
	for _, x := range allowed {
		if strings.EqualFold(x, strings.TrimSpace(s)) {
			match = x
		}
	}
	if match != "" {
		f.WithFix("Replace with \""+match+"\"", ReplaceString(p.C.Swagger, n, match))
	}
}

// stContains is slices.Contains for short lists of short words: most words differ from s in length
// or first byte, which is checked inline.
func stContains(list []string, s string) bool {
	for _, x := range list {
		if len(x) == len(s) && len(s) > 0 && x[0] == s[0] && x == s {
			return true
		}
	}
	return false
}

func checkSwaggerValueNotInEnum(p *Pass) error {
	a := p.API
	if stIsOpenAPI3(a) {
		return nil
	}
	w := stWalkOf(a)
	ok := stValOK
	for i := range w.visits {
		wv := &w.visits[i]
		switch wv.typ {
		case stParameter:
			if ok(wv.in, stParamLocationSet) && wv.in == stvBody || ok(wv.in, stParamLocationSet) && ok(wv.typeV, stParamTypeSet) {
				continue
			}
		case stHeader, stItems:
			if ok(wv.typeV, stPrimitiveTypeSet) {
				continue
			}
		case stSchema:
			if ok(wv.typeV, stSchemaTypeSet) {
				continue
			}
		default:
			continue
		}
		v := w.visit(i)
		if v.refSkipped() {
			continue
		}
		switch v.Type {
		case stParameter:
			in := v.get(stKeyIn)
			stCheckEnum(p, in, "parameter location", stParamLocations)
			if !strings.EqualFold(a.String(in), "body") {
				stCheckEnum(p, v.get(stKeyType), "parameter type", stParamTypes)
			}
		case stHeader:
			stCheckEnum(p, v.get(stKeyType), "header type", stPrimitiveTypes)
		case stItems:
			stCheckEnum(p, v.get(stKeyType), "items type", stPrimitiveTypes)
		case stSchema:
			t := v.get(stKeyType)
			if a.Kind(t) == connector.Array {
				for _, e := range a.Elems(t) {
					stCheckEnum(p, e, "schema type", stSchemaTypes)
				}
			} else {
				stCheckEnum(p, t, "schema type", stSchemaTypes)
			}
		}
	}
	return nil
}

// The word lists of swagger-value-not-in-enum as stVal sets.
var (
	stParamLocationSet = stValSet(stParamLocations)
	stParamTypeSet     = stValSet(stParamTypes)
	stPrimitiveTypeSet = stValSet(stPrimitiveTypes)
	stSchemaTypeSet    = stValSet(stSchemaTypes)
)

// ---- array-unique-values ----

var arrayUniqueValuesRule = &Rule{
	ID:       "array-unique-values",
	Code:     "ArrayDuplicateValue",
	Severity: Error,
	Category: "structure",
	Inputs:   Swagger,
	Doc: Doc{
		Title: "Arrays that Swagger 2.0 declares unique have no duplicate values",
		Why: "Swagger 2.0 declares several arrays unique (uniqueItems) and Microsoft's validator rejects a duplicate in " +
			"them: schemes, consumes, produces (root and operation), operation tags, security requirement lists and " +
			"their scope lists, a schema's required and type lists, and every enum. A duplicate is at best redundant; " +
			"in an enum it shows the same choice twice in the designer. Duplicate tag objects at the root and " +
			"duplicate parameters are reported by tags-unique and parameters-unique, which also catch entries that only " +
			"share a name.",
		HowToFix: "Delete the repeated value; the first occurrence stays.",
		Source:   "Microsoft's schemas/apiDefinition.swagger.schema.json (uniqueItems); Microsoft Learn, certification-swagger-validator-rules (ArrayDuplicateValue); rules-catalog §2.1",
	},
	Check: checkArrayUniqueValues,
}

func checkArrayUniqueValues(p *Pass) error {
	a := p.API
	if stIsOpenAPI3(a) {
		return nil
	}
	seen := stSeens.Get().(*stSeen) // reused by every check
	defer func() {
		seen.reset() // holds no string of this document
		stSeens.Put(seen)
	}()
	// check reports the repeated elements of array arr (named pre followed by the quoted key k) and
	// returns them.
	check := func(arr connector.NodeID, pre, k string) map[connector.NodeID]bool {
		if a.Kind(arr) != connector.Array {
			return nil
		}
		if e := a.Nodes[arr].First; e == connector.None || a.Nodes[e].Next == connector.None {
			return nil // fewer than two elements
		}
		var dups map[connector.NodeID]bool
		seen.reset()
		for _, e := range a.Elems(arr) {
			c, f0, dup := seen.add(a.Doc, e)
			if !dup {
				continue
			}
			if c == "" {
				c = stCanon(a.Doc, e)
			}
			if dups == nil {
				dups = map[connector.NodeID]bool{}
			}
			label := pre + strconv.Quote(k)
			dups[e] = true
			var shown string
			switch a.Kind(e) {
			case connector.String:
				shown = strconv.Quote(a.String(e))
			case connector.Object, connector.Array:
				shown = stDescribeValue(a.Doc, e)
				if len(c) <= 60 {
					shown = c
				}
			default:
				shown = string(a.Raw(e))
			}
			p.Swagger(e, "%s appears more than once in %s, whose values must be unique; delete this copy", shown, label).
				WithRelated(p.C.Swagger, f0, "first occurrence").
				WithFix("Delete the duplicate", DeleteMember(p.C.Swagger, e))
		}
		return dups
	}
	var arrs [5]connector.NodeID
	// members checks the members of v named keys, in that order.
	members := func(v stVisit, keys []stNamedKey) {
		found := arrs[:len(keys)]
		for i := range found {
			found[i] = connector.None
		}
		for _, m := range v.Members {
			for i, k := range keys {
				if m.Key == k.key { // the last one counts, as with Get
					found[i] = connector.None
					if m.Kind == connector.Array {
						found[i] = m.Node
					}
				}
			}
		}
		for i, k := range keys {
			check(found[i], "", k.name)
		}
	}
	checkSecurity := func(sec connector.NodeID) {
		dups := check(sec, "", "security")
		for _, req := range a.Elems(sec) {
			if dups[req] {
				continue // deleted as a whole
			}
			for name, scopes := range a.Members(req) {
				check(scopes, "the scopes of ", name)
			}
		}
	}
	w := stWalkOf(a)
	for i := range w.visits {
		if w.visits[i].flags&stfArrays == 0 { // every array checked is a member of v
			continue
		}
		v := w.visit(i)
		if v.refSkipped() {
			continue
		}
		switch v.Type {
		case stRoot:
			members(v, stUniqueRoot)
			checkSecurity(v.get(stKeySecurity))
		case stOperation:
			members(v, stUniqueOperation)
			checkSecurity(v.get(stKeySecurity))
		case stSchema:
			members(v, stUniqueSchema)
		case stParameter, stHeader, stItems:
			members(v, stUniqueEnum)
		}
	}
	return nil
}

// The unique arrays of each object type but security requirements, in the order they are checked.
var (
	stUniqueRoot      = stNamedKeys("schemes", "consumes", "produces")
	stUniqueOperation = stNamedKeys("schemes", "consumes", "produces", "tags")
	stUniqueSchema    = stNamedKeys("required", "enum", "type")
	stUniqueEnum      = stNamedKeys("enum")
)

// stSeen finds the elements of an array whose stCanon texts are equal, without building the text of
// plain strings: a valid UTF-8 string without U+FFFD has a canonical text (its Quote) that no other
// element shares unless it is the same string, so such strings are compared as they are.
type stSeen struct {
	strs  []stSeenEntry
	canon []stSeenEntry
	// the maps that take over from the lists, kept between arrays (and documents) and cleared when
	// used: strOn and canOn say that they hold the current array's entries
	strM, canM   map[string]connector.NodeID
	strOn, canOn bool
}

// stSeens keeps stSeens between documents.
var stSeens = sync.Pool{New: func() any { return new(stSeen) }}

type stSeenEntry struct {
	k string
	n connector.NodeID
}

// reset empties s, keeping its memory.
func (s *stSeen) reset() {
	clear(s.strs)
	clear(s.canon)
	s.strs, s.canon = s.strs[:0], s.canon[:0]
	if s.strOn {
		clear(s.strM)
		s.strOn = false
	}
	if s.canOn {
		clear(s.canM)
		s.canOn = false
	}
}

// stSeenLinear is the number of entries searched linearly before a map takes over.
const stSeenLinear = 16

// add records element e and returns, when an equal element came before, that first one and dup. c
// is e's stCanon text when it was built ("" when e is a plain string).
func (s *stSeen) add(d *connector.Doc, e connector.NodeID) (c string, first connector.NodeID, dup bool) {
	list, m, on := &s.canon, &s.canM, &s.canOn
	k := ""
	if str, ok := d.Str(e); ok && (isASCII(str) || utf8.ValidString(str) && !strings.ContainsRune(str, utf8.RuneError)) {
		list, m, on, k = &s.strs, &s.strM, &s.strOn, str
	} else {
		c = stCanon(d, e)
		k = c
	}
	if *on {
		if f, ok := (*m)[k]; ok {
			return c, f, true
		}
		(*m)[k] = e
		return c, connector.None, false
	}
	for _, x := range *list {
		if x.k == k {
			return c, x.n, true
		}
	}
	*list = append(*list, stSeenEntry{k, e})
	if len(*list) > stSeenLinear {
		if *m == nil {
			*m = make(map[string]connector.NodeID, 2*len(*list))
		}
		*on = true
		for _, x := range *list {
			if _, ok := (*m)[x.k]; !ok {
				(*m)[x.k] = x.n
			}
		}
	}
	return c, connector.None, false
}

// stCanon returns a canonical text of JSON value n, equal for equal values: strings decoded and
// re-quoted, numbers by value, object members sorted by key.
func stCanon(d *connector.Doc, n connector.NodeID) string {
	switch d.Kind(n) {
	case connector.String:
		s, _ := d.Str(n)
		return Quote(s)
	case connector.Number:
		if f, ok := d.Number(n); ok {
			return strconv.FormatFloat(f, 'g', -1, 64)
		}
		return string(d.Raw(n))
	case connector.Object:
		type kv struct{ k, v string }
		var ms []kv
		for k, m := range d.Members(n) {
			ms = append(ms, kv{Quote(k), stCanon(d, m)})
		}
		sort.Slice(ms, func(i, j int) bool { return ms[i].k < ms[j].k })
		var b strings.Builder
		b.WriteByte('{')
		for i, m := range ms {
			if i > 0 {
				b.WriteByte(',')
			}
			b.WriteString(m.k + ":" + m.v)
		}
		b.WriteByte('}')
		return b.String()
	case connector.Array:
		var b strings.Builder
		b.WriteByte('[')
		for i, e := range d.Elems(n) {
			if i > 0 {
				b.WriteByte(',')
			}
			b.WriteString(stCanon(d, e))
		}
		b.WriteByte(']')
		return b.String()
	}
	return string(d.Raw(n))
}
