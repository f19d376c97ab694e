package rules

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/connectorlint/connectorlint/connector"
)

// Values and shapes of the Power Platform extensions (rules-catalog §2.4, §2.8, §2.10).

// exDescribe names the kind and value of n for a message: `the string "x"`, `the number 3`, `an object`.
func exDescribe(d *connector.Doc, n connector.NodeID) string {
	switch d.Kind(n) {
	case connector.String:
		return fmt.Sprintf("the string %q", exClip(d.String(n)))
	case connector.Number, connector.Bool:
		return fmt.Sprintf("the %s %s", d.Kind(n), d.Raw(n))
	case connector.Null:
		return "null"
	case connector.Object:
		return "an object"
	case connector.Array:
		return "an array"
	}
	return "nothing"
}

// exClip shortens s for a message.
func exClip(s string) string {
	if r := []rune(s); len(r) > 60 {
		return string(r[:57]) + "..."
	}
	return s
}

// exOfName returns the extensions of d named exactly one of names, in file order. The slice may be
// shared: do not modify it.
func exOfName(d *connector.Doc, names ...string) []exExt {
	exts := exExtensions(d)
	// byID lists the extensions with a known name grouped by name (exKnown.id), in file order in
	// each group: group k is idx[at[k]:at[k+1]], the indexes in exts, and the same part of exts,
	// the extensions themselves (what a single known name asks for).
	type index struct {
		at   []int32
		idx  []int32
		exts []exExt
	}
	byID := d.Memo("ex.byid", func() any {
		by := index{at: make([]int32, len(exKnownNames)+1)}
		for _, e := range exts { // a counting sort: count per name, then place
			if e.Known != nil {
				by.at[e.Known.id+1]++
			}
		}
		for k := range exKnownNames {
			by.at[k+1] += by.at[k]
		}
		n := by.at[len(exKnownNames)]
		by.idx, by.exts = make([]int32, n), make([]exExt, n)
		next := slices.Clone(by.at[:len(exKnownNames)])
		for i, e := range exts {
			if e.Known != nil {
				j := next[e.Known.id]
				next[e.Known.id]++
				by.idx[j], by.exts[j] = int32(i), e
			}
		}
		return by
	}).(index)
	group := func(k *exKnown) (lo, hi int32) { return byID.at[k.id], byID.at[k.id+1] }
	if len(names) == 1 {
		if k := exKnownExtensions[names[0]]; k != nil {
			lo, hi := group(k)
			if lo == hi {
				return nil
			}
			return byID.exts[lo:hi:hi]
		}
	}
	var idx []int32
	for _, n := range names {
		k := exKnownExtensions[n]
		if k == nil { // not a known name: look at every extension
			idx = nil
			for i, e := range exts {
				if slices.Contains(names, e.Name) {
					idx = append(idx, int32(i))
				}
			}
			break
		}
		lo, hi := group(k)
		idx = append(idx, byID.idx[lo:hi]...)
	}
	if len(names) > 1 {
		slices.Sort(idx) // back to file order
	}
	out := make([]exExt, len(idx))
	for j, i := range idx {
		out[j] = exts[i]
	}
	return out
}

// exEnumFix returns the allowed value that s matches once trimmed and lower-cased, or "".
func exEnumFix(s string, allowed ...string) string {
	t := strings.ToLower(strings.TrimSpace(s))
	for _, a := range allowed {
		if strings.ToLower(a) == t {
			return a
		}
	}
	return ""
}

// ---- visibility-values ----

var visibilityValuesRule = &Rule{
	ID:       "visibility-values",
	Code:     "JsonValueNotInEnum",
	Severity: Error,
	Category: "extensions",
	Inputs:   Swagger,
	Doc: Doc{
		Title: "x-ms-visibility is important, advanced or internal",
		Why: "x-ms-visibility decides whether an operation, parameter, schema property or header is " +
			"shown first (important), behind \"Show advanced options\" (advanced) or never (internal). Microsoft's " +
			"schema allows only these three strings and its validator rejects anything else with " +
			"JsonValueNotInEnum; no merged connector has another value. An empty string or null means " +
			"\"normal\" (Microsoft's versioning guide uses it to undo important/advanced) and is accepted. " +
			"The check covers every object the extension appears on; the operations family's " +
			"operation-visibility-values row is the same check restricted to operations.",
		HowToFix: "Use one of the three lower-case values; the fix corrects a different case or stray spaces.",
		Source: "Microsoft's apiDefinition.swagger.schema.json (x-ms-visibility); rules-catalog §2.4 " +
			"operation-visibility-values, §2.10; https://learn.microsoft.com/en-us/connectors/custom-connectors/operational-versioning",
	},
	Check: checkVisibilityValues,
}

func checkVisibilityValues(p *Pass) error {
	d := p.API.Doc
	for _, e := range exOfName(d, "x-ms-visibility") {
		v := e.Member
		switch d.Kind(v) {
		case connector.Null:
			continue
		case connector.String:
			s := d.String(v)
			if s == "" || s == "important" || s == "advanced" || s == "internal" {
				continue
			}
			fd := p.Swagger(v, "x-ms-visibility %q is not a valid value; use important, advanced or internal", s)
			if fix := exEnumFix(s, "important", "advanced", "internal"); fix != "" {
				fd.WithFix("Replace with "+Quote(fix), ReplaceString(p.C.Swagger, v, fix))
			}
		default:
			p.Swagger(v, "x-ms-visibility is %s; use the string important, advanced or internal", exDescribe(d, v))
		}
	}
	return nil
}

// ---- trigger-values ----

var triggerValuesRule = &Rule{
	ID:       "trigger-values",
	Code:     "JsonValueNotInEnum",
	Severity: Error,
	Category: "extensions",
	Inputs:   Swagger,
	Doc: Doc{
		Title: "x-ms-trigger is single or batch, and x-ms-trigger-metadata is a polling query",
		Why: "x-ms-trigger turns an operation into a trigger: single fires a run per item, batch one run " +
			"per response. Microsoft's schema allows only these two strings and x-ms-trigger-metadata only " +
			"as {\"kind\": \"query\", \"mode\": \"polling\"} (both members required); no merged connector " +
			"deviates. Any other value is rejected (JsonValueNotInEnum, RequiredPropertyMissing, " +
			"JsonTypeIncorrect).",
		HowToFix: "Use \"single\" or \"batch\" (the fix corrects the case); write x-ms-trigger-metadata as " +
			"{\"kind\": \"query\", \"mode\": \"polling\"}.",
		Source: "Microsoft's apiDefinition.swagger.schema.json; rules-catalog §2.8 trigger-values; " +
			"https://learn.microsoft.com/en-us/connectors/custom-connectors/openapi-extensions",
	},
	Check: checkTriggerValues,
}

func checkTriggerValues(p *Pass) error {
	d := p.API.Doc
	for _, e := range exOfName(d, "x-ms-trigger", "x-ms-trigger-metadata") {
		v := e.Member
		if e.Name == "x-ms-trigger" {
			s, ok := d.Str(v)
			if !ok {
				p.Swagger(v, "x-ms-trigger is %s; use the string single or batch", exDescribe(d, v))
				continue
			}
			if s == "single" || s == "batch" {
				continue
			}
			fd := p.Swagger(v, "x-ms-trigger %q is not a valid value; use single or batch", s)
			if fix := exEnumFix(s, "single", "batch"); fix != "" {
				fd.WithFix("Replace with "+Quote(fix), ReplaceString(p.C.Swagger, v, fix))
			}
			continue
		}
		if d.Kind(v) != connector.Object {
			p.Swagger(v, "x-ms-trigger-metadata is %s; write it as {\"kind\": \"query\", \"mode\": \"polling\"}", exDescribe(d, v))
			continue
		}
		for _, want := range [][2]string{{"kind", "query"}, {"mode", "polling"}} {
			m := d.Get(v, want[0])
			switch {
			case m == connector.None:
				p.SwaggerKey(e.Member, "x-ms-trigger-metadata has no %q; add \"%s\": %q", want[0], want[0], want[1])
			case d.String(m) != want[1] || d.Kind(m) != connector.String:
				fd := p.Swagger(m, "x-ms-trigger-metadata %s is %s; the only allowed value is %q", want[0], exDescribe(d, m), want[1])
				if s, ok := d.Str(m); ok && exEnumFix(s, want[1]) != "" {
					fd.WithFix("Replace with "+Quote(want[1]), ReplaceString(p.C.Swagger, m, want[1]))
				}
			}
		}
	}
	return nil
}

// ---- pageable-next-link-name ----

var pageableNextLinkNameRule = &Rule{
	ID:       "pageable-next-link-name",
	Code:     "InvalidNextLinkNameValue",
	Severity: Error,
	Category: "extensions",
	Inputs:   Swagger,
	Doc: Doc{
		Title: "x-ms-pageable names nextLink or @odata.nextLink",
		Why: "x-ms-pageable tells Power Automate which property of the response holds the URL of the next " +
			"page. Microsoft's validator accepts only nextLink and @odata.nextLink as nextLinkName " +
			"(InvalidNextLinkNameValue), and its schema requires the extension to be an object with that " +
			"one string member. Paging also needs the updatenextlink policy in apiProperties.json, which " +
			"this rule does not check.",
		HowToFix: "Write \"x-ms-pageable\": {\"nextLinkName\": \"@odata.nextLink\"} (or \"nextLink\"), and make the " +
			"API return the next page's URL in that property; if it uses another name, page in your own " +
			"code instead.",
		Source: "https://learn.microsoft.com/en-us/connectors/custom-connectors/certification-swagger-validator-rules " +
			"(InvalidNextLinkNameValue); Microsoft's apiDefinition.swagger.schema.json; rules-catalog §2.10",
	},
	Check: checkPageableNextLinkName,
}

func checkPageableNextLinkName(p *Pass) error {
	d := p.API.Doc
	for _, e := range exOfName(d, "x-ms-pageable") {
		v := e.Member
		if d.Kind(v) != connector.Object {
			p.Swagger(v, "x-ms-pageable is %s; write it as {\"nextLinkName\": \"@odata.nextLink\"}", exDescribe(d, v))
			continue
		}
		nl := d.Get(v, "nextLinkName")
		if nl == connector.None {
			p.SwaggerKey(e.Member, "x-ms-pageable has no nextLinkName; add \"nextLinkName\": \"@odata.nextLink\" or \"nextLink\"")
			continue
		}
		s, ok := d.Str(nl)
		if !ok {
			p.Swagger(nl, "nextLinkName is %s; use the string \"@odata.nextLink\" or \"nextLink\"", exDescribe(d, nl))
			continue
		}
		if s == "nextLink" || s == "@odata.nextLink" {
			continue
		}
		fd := p.Swagger(nl, "nextLinkName %q is not supported; use \"@odata.nextLink\" or \"nextLink\"", s)
		if fix := exEnumFix(strings.TrimPrefix(strings.TrimSpace(s), "$"), "nextLink", "@odata.nextLink", "odata.nextLink"); fix != "" {
			if fix == "odata.nextLink" {
				fix = "@odata.nextLink"
			}
			fd.WithFix("Replace with "+Quote(fix), ReplaceString(p.C.Swagger, nl, fix))
		}
	}
	return nil
}

// ---- extension-value ----

var extensionValueRule = &Rule{
	ID:       "extension-value",
	Code:     "JsonTypeIncorrect",
	Severity: Warning,
	Category: "extensions",
	Inputs:   Swagger,
	Doc: Doc{
		Title: "Extension values have the type and shape Power Platform expects",
		Why: "Microsoft's connector schema fixes the type of each extension: x-ms-summary, " +
			"x-ms-trigger-hint and x-ms-agentic-protocol are strings; x-ms-safe-operation, " +
			"x-ms-no-generic-test, x-ms-localizeDefaultValue, x-ms-notification-url, " +
			"x-ms-require-user-confirmation and x-ms-explicit-input are booleans; x-ms-media-kind is image or " +
			"audio; x-ms-notification is {operationId}; x-ms-notification-content is {schema}; " +
			"x-ms-api-annotation is {status} in info and {family, revision (integer ≥ 1), status, " +
			"replacement {api, operationId}} on an operation, status being Preview or Production; " +
			"x-ms-capabilities is {chunkTransfer: boolean} on an operation and {file-picker, testConnection} " +
			"at the root (file-picker needs open.operationId, testConnection an operationId); " +
			"x-ms-operation-context is {simulate: {operationId, parameters}}; x-ms-docs is a non-empty " +
			"array of {url, description}; x-ms-trigger-value has value-collection or value-path. A value " +
			"of another type is rejected by the schema (JsonTypeIncorrect; also JsonValueNotInEnum, " +
			"RequiredPropertyMissing, AdditionalPropertyNotAllowed) or silently ignored at run time. " +
			"It is a warning because the live validator has let a few through (a numeric x-ms-summary, " +
			"revision 0); members of file-picker beyond the schema's are not flagged, since merged " +
			"connectors use value-path there and the schema dates from 2020. " +
			"x-ms-visibility, x-ms-trigger and x-ms-pageable have their own rules; x-ms-url-encoding, " +
			"x-ms-enum-values, x-ms-dynamic-*, x-ms-connector-metadata, x-ms-deployment-version and the " +
			"AI extensions are checked by other rules.",
		HowToFix: "Write the value with the expected type; the fix turns the strings \"true\"/\"false\" " +
			"into booleans and corrects the case of enum values.",
		Source: "Microsoft's apiDefinition.swagger.schema.json; rules-catalog §2.10; " +
			"https://learn.microsoft.com/en-us/connectors/custom-connectors/openapi-extensions",
	},
	Check: checkExtensionValue,
}

var exBoolExtensions = map[string]bool{
	"x-ms-safe-operation": true, "x-ms-no-generic-test": true, "x-ms-localizeDefaultValue": true,
	"x-ms-notification-url": true, "x-ms-require-user-confirmation": true, "x-ms-explicit-input": true,
}

// exKnown.valueKind is filled from exBoolExtensions and exStringExtensions (a bool one wins).
func init() {
	for name := range exStringExtensions {
		exKnownExtensions[name].valueKind = connector.String
	}
	for name := range exBoolExtensions {
		exKnownExtensions[name].valueKind = connector.Bool
	}
}

var exStringExtensions = map[string]bool{
	"x-ms-summary": true, "x-ms-trigger-hint": true, "x-ms-agentic-protocol": true,
}

// exShape checks values below an extension and reports on the exact node.
type exShape struct {
	p *Pass
	d *connector.Doc
}

// kind reports n unless it has kind k; it returns whether n has it. what is e.g. "a string".
func (s exShape) kind(n connector.NodeID, path string, k connector.Kind, what string) bool {
	if s.d.Kind(n) == k {
		return true
	}
	fd := s.p.Swagger(n, "%s is %s; it must be %s", path, exDescribe(s.d, n), what)
	if k == connector.Bool {
		if v, ok := s.d.Str(n); ok {
			if b := strings.ToLower(strings.TrimSpace(v)); b == "true" || b == "false" {
				fd.WithFix("Replace with the boolean "+b, ReplaceValue(s.p.C.Swagger, n, b))
			}
		}
	}
	return false
}

// required reports the holder (a member: its key) when obj lacks key; it returns the member.
func (s exShape) required(holder, obj connector.NodeID, path, key string) connector.NodeID {
	m := s.d.Get(obj, key)
	if m == connector.None {
		s.p.SwaggerKey(holder, "%s has no %q member; add it", path, key)
	}
	return m
}

// only reports members of obj not in allowed.
func (s exShape) only(obj connector.NodeID, path string, allowed ...string) {
	for k, m := range s.d.Members(obj) {
		ok := false
		for _, a := range allowed {
			if k == a {
				ok = true
			}
		}
		if !ok {
			s.p.SwaggerKey(m, "%s does not take the member %q; use only %s", path, k, strings.Join(allowed, ", "))
		}
	}
}

// str checks an optional string member.
func (s exShape) str(obj connector.NodeID, path, key string) {
	if m := s.d.Get(obj, key); m != connector.None {
		s.kind(m, path+"."+key, connector.String, "a string")
	}
}

// status checks an x-ms-api-annotation status member.
func (s exShape) status(obj connector.NodeID, path string) {
	m := s.d.Get(obj, "status")
	if m == connector.None || !s.kind(m, path+".status", connector.String, "the string Preview or Production") {
		return
	}
	v := s.d.String(m)
	if v == "Preview" || v == "Production" {
		return
	}
	fd := s.p.Swagger(m, "%s.status %q is not a valid value; use Preview or Production", path, v)
	if fix := exEnumFix(v, "Preview", "Production"); fix != "" {
		fd.WithFix("Replace with "+Quote(fix), ReplaceString(s.p.C.Swagger, m, fix))
	}
}

// operationCall checks {operationId, parameters} objects (x-ms-capabilities, x-ms-operation-context).
func (s exShape) operationCall(holder, obj connector.NodeID, path string) {
	if !s.kind(obj, path, connector.Object, "an object with operationId and parameters") {
		return
	}
	s.only(obj, path, "operationId", "parameters")
	if id := s.required(holder, obj, path, "operationId"); id != connector.None {
		s.kind(id, path+".operationId", connector.String, "a string")
	}
	if ps := s.d.Get(obj, "parameters"); ps != connector.None {
		s.kind(ps, path+".parameters", connector.Object, "an object")
	}
}

func checkExtensionValue(p *Pass) error {
	d := p.API.Doc
	s := exShape{p: p, d: d}
	for _, e := range exExtensions(d) {
		if e.Known == nil { // every name checked below is a known extension
			continue
		}
		v, name := e.Member, e.Name
		switch e.Known.valueKind {
		case connector.Bool:
			s.kind(v, name, connector.Bool, "true or false")
		case connector.String:
			s.kind(v, name, connector.String, "a string")
		}
		switch name {
		case "x-ms-media-kind":
			if !s.kind(v, name, connector.String, "the string image or audio") {
				continue
			}
			if str := d.String(v); str != "image" && str != "audio" {
				fd := p.Swagger(v, "x-ms-media-kind %q is not a valid value; use image or audio", str)
				if fix := exEnumFix(str, "image", "audio"); fix != "" {
					fd.WithFix("Replace with "+Quote(fix), ReplaceString(p.C.Swagger, v, fix))
				}
			}
		case "x-ms-notification":
			if !s.kind(v, name, connector.Object, "an object with an operationId") {
				continue
			}
			s.only(v, name, "operationId")
			if id := s.required(v, v, name, "operationId"); id != connector.None {
				s.kind(id, name+".operationId", connector.String, "a string")
			}
		case "x-ms-notification-content":
			if !s.kind(v, name, connector.Object, "an object with a schema") {
				continue
			}
			if sc := s.required(v, v, name, "schema"); sc != connector.None {
				s.kind(sc, name+".schema", connector.Object, "a schema object")
			}
			s.str(v, name, "description")
		case "x-ms-api-annotation":
			exCheckAPIAnnotation(s, e)
		case "x-ms-capabilities":
			exCheckCapabilities(s, e)
		case "x-ms-operation-context":
			if !s.kind(v, name, connector.Object, "an object with a simulate member") {
				continue
			}
			s.only(v, name, "simulate")
			if sim := s.required(v, v, name, "simulate"); sim != connector.None {
				s.operationCall(sim, sim, name+".simulate")
			}
		case "x-ms-docs":
			if !s.kind(v, name, connector.Array, "an array of {url, description} objects") {
				continue
			}
			if d.Len(v) == 0 {
				p.Swagger(v, "x-ms-docs is an empty array; list at least one {url, description} or remove it")
			}
			for i, it := range d.Elems(v) {
				path := fmt.Sprintf("x-ms-docs[%d]", i)
				if !s.kind(it, path, connector.Object, "an object with url and description") {
					continue
				}
				s.only(it, path, "url", "description")
				for _, k := range []string{"url", "description"} {
					if m := s.required(it, it, path, k); m != connector.None {
						s.kind(m, path+"."+k, connector.String, "a string")
					}
				}
			}
		case "x-ms-trigger-value":
			if !s.kind(v, name, connector.Object, "an object with value-collection or value-path") {
				continue
			}
			if d.Get(v, "value-collection") == connector.None && d.Get(v, "value-path") == connector.None {
				p.SwaggerKey(v, "x-ms-trigger-value has neither value-collection nor value-path; add one")
			}
			s.str(v, name, "value-collection")
			s.str(v, name, "value-path")
		}
	}
	return nil
}

func exCheckAPIAnnotation(s exShape, e exExt) {
	d, v, name := s.d, e.Member, e.Name
	if e.Place != exPlOperation {
		if !s.kind(v, name, connector.Object, "an object with a status") {
			return
		}
		s.only(v, name, "status")
		s.status(v, name)
		return
	}
	if !s.kind(v, name, connector.Object, "an object with family, revision and status") {
		return
	}
	s.only(v, name, "family", "revision", "status", "replacement")
	s.str(v, name, "family")
	if r := d.Get(v, "revision"); r != connector.None && s.kind(r, name+".revision", connector.Number, "an integer of at least 1") {
		if f, ok := d.Number(r); ok && (f < 1 || f != math.Trunc(f)) {
			s.p.Swagger(r, "%s.revision is %s; it must be an integer of at least 1", name, d.Raw(r))
		}
	}
	s.status(v, name)
	if rp := d.Get(v, "replacement"); rp != connector.None && s.kind(rp, name+".replacement", connector.Object, "an object with api and operationId") {
		s.only(rp, name+".replacement", "api", "operationId")
		s.str(rp, name+".replacement", "api")
		s.str(rp, name+".replacement", "operationId")
	}
}

func exCheckCapabilities(s exShape, e exExt) {
	d, v, name := s.d, e.Member, e.Name
	if e.Place == exPlOperation {
		if !s.kind(v, name, connector.Object, "an object like {\"chunkTransfer\": true}") {
			return
		}
		s.only(v, name, "chunkTransfer")
		if c := d.Get(v, "chunkTransfer"); c != connector.None {
			s.kind(c, name+".chunkTransfer", connector.Bool, "true or false")
		}
		return
	}
	if e.Place != exPlRoot {
		return // extension-placement reports it
	}
	if !s.kind(v, name, connector.Object, "an object with file-picker or testConnection") {
		return
	}
	s.only(v, name, "file-picker", "testConnection")
	if fp := d.Get(v, "file-picker"); fp != connector.None && s.kind(fp, name+".file-picker", connector.Object, "an object") {
		path := name + ".file-picker"
		if op := s.required(fp, fp, path, "open"); op != connector.None {
			s.operationCall(op, op, path+".open")
		}
		if br := d.Get(fp, "browse"); br != connector.None {
			s.operationCall(br, br, path+".browse")
		}
		for _, k := range []string{"value-title", "value-collection", "value-folder-property", "value-media-property"} {
			s.str(fp, path, k)
		}
	}
	if tc := d.Get(v, "testConnection"); tc != connector.None {
		s.operationCall(tc, tc, name+".testConnection")
	}
}
