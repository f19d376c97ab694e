package rules

import (
	"regexp"
	"strings"

	"github.com/connectorlint/connectorlint/connector"
)

// fileRules are the file rules of apiDefinition.swagger.json (rules-catalog.md §2.1): size, host,
// basePath, schemes, MIME types, tags, empty strings, JSON style and committed secrets.
var fileRules = []*Rule{
	swaggerMaxSize1mbRule,
	hostValidRule,
	hostProductionRule,
	basepathLeadingSlashRule,
	schemesAllowedRule,
	schemesHttpsOnlyRule,
	mimeTypeValidRule,
	consumesRequiredForBodyRule,
	tagsUniqueRule,
	noEmptyStringValuesRule,
	jsonStyle4SpaceIndentRule,
	jsonStyleNoTrailingWhitespaceRule,
	jsonStyleSectionOrderRule,
	noSecretsInFilesRule,
}

const (
	flCatalog  = "rules-catalog §2.1"
	flValURL   = "https://learn.microsoft.com/en-us/connectors/custom-connectors/certification-swagger-validator-rules"
	flCertURL  = "https://learn.microsoft.com/en-us/connectors/custom-connectors/certification-submission"
	flCodeURL  = "https://learn.microsoft.com/en-us/connectors/custom-connectors/coding-standards"
	flMaxBytes = 1 << 20
)

// ---- swagger-max-size-1mb ----

var swaggerMaxSize1mbRule = &Rule{
	ID: "swagger-max-size-1mb", Severity: Warning, Category: "file", Inputs: Folder,
	Doc: Doc{
		Title: "The swagger file is at most 1 MB",
		Why: "Microsoft's certification guide asks that the API definition stay under 1 MB and suggests splitting a larger " +
			"connector into several; the maker portal's import of custom connectors has the same limit. One merged " +
			"connector exceeds it, so this is a warning rather than an error. Size is counted in bytes (1 MB = 1,048,576 bytes).",
		HowToFix: "Remove unused definitions and repeated inline schemas (use $ref), shorten long descriptions, or split the " +
			"operations over two connectors.",
		Source: flCertURL + " (step 3) ; " + flCatalog,
	},
	Check: checkSwaggerMaxSize1mb,
}

func checkSwaggerMaxSize1mb(p *Pass) error {
	f := p.C.Swagger
	if f == nil || len(f.Src) <= flMaxBytes {
		return nil
	}
	p.Report(f, 0, 0, "", "the file is %d bytes, over the 1 MB limit of %d bytes; shrink it or split the connector in two",
		len(f.Src), flMaxBytes)
	return nil
}

// ---- host-valid ----

var flHostRe = regexp.MustCompile(`^[^{}/ :\\]+(?::\d+)?$`)

var hostValidRule = &Rule{
	ID: "host-valid", Code: "HostNameNotValid", Severity: Error, Category: "file", Inputs: Swagger,
	Doc: Doc{
		Title: "host is a bare host name, optionally with a port",
		Why: "Swagger 2.0 defines host as the name (or IP address) of the server and an optional port: no scheme, no path, " +
			"no spaces or braces. Microsoft's validator rejects anything else with HostNameNotValid, and no merged " +
			"connector breaks the rule.",
		HowToFix: "Keep only the host name in \"host\" (e.g. \"api.contoso.com\"); put the scheme in \"schemes\" and any path " +
			"prefix in \"basePath\".",
		Source: flValURL + " (HostNameNotValid) ; Microsoft's apiDefinition schema (host pattern) ; " + flCatalog,
	},
	Check: checkHostValid,
}

func checkHostValid(p *Pass) error {
	a := p.API
	h := a.Get(a.Root, "host")
	s, ok := a.Str(h)
	if !ok || flHostRe.MatchString(s) {
		return nil
	}
	switch {
	case s == "":
		p.Swagger(h, "host is empty; set it to the API's host name, such as \"api.contoso.com\"")
	case strings.Contains(s, "://"):
		rest := s[strings.Index(s, "://")+3:]
		bare := strings.TrimSuffix(rest, "/")
		fd := p.Swagger(h, "host %q includes a scheme; keep only the host name and list the scheme in \"schemes\"", s)
		if flHostRe.MatchString(bare) {
			fd.WithFix("Remove the scheme from host", ReplaceString(p.C.Swagger, h, bare))
		}
	case strings.Contains(s, "/"):
		p.Swagger(h, "host %q includes a path; keep only the host name and move the path to \"basePath\"", s)
	default:
		p.Swagger(h, "host %q is not a valid host name; use a name or IP address without spaces, braces or backslashes, optionally followed by :port", s)
	}
	return nil
}

// ---- host-production ----

var flNonProdLabels = map[string]bool{
	"dev": true, "test": true, "staging": true, "sandbox": true, "qa": true, "uat": true, "localhost": true,
}

var hostProductionRule = &Rule{
	ID: "host-production", Severity: Info, Category: "file", Inputs: Swagger, Certification: true,
	Doc: Doc{
		Title: "host names a production server",
		Why: "Certified connectors must call the production service; the certification guide says staging, development " +
			"and test hosts are not accepted. This check is a heuristic: it only looks for a whole host label dev, test, " +
			"staging, sandbox, qa, uat or localhost (the top-level domain is ignored, so \"api.example.dev\" passes). It " +
			"cannot tell whether a host is really production, so it is informational.",
		HowToFix: "Point host at the production endpoint. If the host really is production, ignore this finding.",
		Source:   flCertURL + " (step 4) ; " + flCatalog,
	},
	Check: checkHostProduction,
}

func checkHostProduction(p *Pass) error {
	a := p.API
	h := a.Get(a.Root, "host")
	s, ok := a.Str(h)
	if !ok || !flHostRe.MatchString(s) {
		return nil
	}
	name := strings.ToLower(s)
	if i := strings.IndexByte(name, ':'); i >= 0 {
		name = name[:i]
	}
	if name == "127.0.0.1" {
		p.Swagger(h, "host %q is the local machine; point it at the production service", s)
		return nil
	}
	labels := strings.Split(name, ".")
	if len(labels) > 1 {
		labels = labels[:len(labels)-1] // the top-level domain (".dev" is a real TLD)
	}
	for _, l := range labels {
		if flNonProdLabels[l] {
			p.Swagger(h, "host %q looks like a non-production server (label %q); certified connectors must point at the production service", s, l)
			return nil
		}
	}
	return nil
}

// ---- basepath-leading-slash ----

var basepathLeadingSlashRule = &Rule{
	ID: "basepath-leading-slash", Code: "BasePathNotValid", Severity: Error, Category: "file", Inputs: Swagger,
	Doc: Doc{
		Title:    "basePath starts with a slash",
		Why:      "Swagger 2.0 requires basePath to be an absolute path. Microsoft's validator rejects a basePath that does not start with \"/\" (BasePathNotValid); no merged connector has one.",
		HowToFix: "Prefix the value with \"/\" (e.g. \"/v1\"), or use \"/\" when the API has no common prefix.",
		Source:   flValURL + " (BasePathNotValid) ; " + flCatalog,
	},
	Check: checkBasepathLeadingSlash,
}

func checkBasepathLeadingSlash(p *Pass) error {
	a := p.API
	bp := a.Get(a.Root, "basePath")
	s, ok := a.Str(bp)
	if !ok || strings.HasPrefix(s, "/") {
		return nil
	}
	p.Swagger(bp, "basePath %q does not start with \"/\"; write it as %q", s, "/"+s).
		WithFix("Add a leading slash", ReplaceString(p.C.Swagger, bp, "/"+s))
	return nil
}

// ---- schemes-allowed / schemes-https-only ----

// flSchemeLists returns every "schemes" array of the swagger: the root one and those of operations.
func flSchemeLists(a *connector.API) []connector.NodeID {
	var out []connector.NodeID
	if s := a.Get(a.Root, "schemes"); a.Kind(s) == connector.Array {
		out = append(out, s)
	}
	for _, op := range a.Ops {
		if s := a.Get(op.Node, "schemes"); a.Kind(s) == connector.Array {
			out = append(out, s)
		}
	}
	return out
}

var schemesAllowedRule = &Rule{
	ID: "schemes-allowed", Code: "SchemeNotValid", Severity: Error, Category: "file", Inputs: Swagger,
	Doc: Doc{
		Title: "schemes lists http or https only, and is not empty",
		Why: "Connectors call their API over HTTP(S). Microsoft's validator rejects any other scheme (SchemeNotValid), " +
			"WebSocket schemes ws and wss in particular (SchemeNotSupported), and an empty schemes array " +
			"(SchemesArrayEmpty). Scheme names are lower case in Swagger 2.0.",
		HowToFix: "Use \"schemes\": [\"https\"].",
		Source:   flValURL + " (SchemeNotValid, SchemeNotSupported, SchemesArrayEmpty) ; " + flCatalog,
	},
	Check: checkSchemesAllowed,
}

func checkSchemesAllowed(p *Pass) error {
	a := p.API
	for _, list := range flSchemeLists(a) {
		if a.Len(list) == 0 {
			p.Swagger(list, "\"schemes\" is empty; list at least one scheme, normally \"https\"")
			continue
		}
		for _, e := range a.Elems(list) {
			s, ok := a.Str(e)
			if !ok || s == "http" || s == "https" {
				continue
			}
			low := strings.ToLower(strings.TrimSpace(s))
			switch low {
			case "ws", "wss":
				p.Swagger(e, "scheme %q is a WebSocket protocol, which connectors do not support; use \"https\"", s)
			case "http", "https":
				p.Swagger(e, "scheme %q must be written in lower case as %q", s, low).
					WithFix("Write the scheme in lower case", ReplaceString(p.C.Swagger, e, low))
			default:
				p.Swagger(e, "scheme %q is not supported; connectors only use \"https\" (or \"http\")", s)
			}
		}
	}
	return nil
}

var schemesHttpsOnlyRule = &Rule{
	ID: "schemes-https-only", Severity: Warning, Category: "file", Inputs: Swagger, Certification: true,
	Doc: Doc{
		Title: "schemes lists https only",
		Why: "Plain http sends credentials and data unencrypted. Microsoft's validator accepts http and a few merged " +
			"connectors still list it, so this is not a blocking error, but reviewers and third-party certification " +
			"guides expect HTTPS endpoints.",
		HowToFix: "Remove \"http\" when \"https\" is also listed; otherwise replace it with \"https\" once the API serves HTTPS.",
		Source:   flCatalog + " (schemes-https-only; http in 18 of 1015 merged connectors)",
	},
	Check: checkSchemesHttpsOnly,
}

func checkSchemesHttpsOnly(p *Pass) error {
	a := p.API
	for _, list := range flSchemeLists(a) {
		hasHTTPS := false
		for _, e := range a.Elems(list) {
			if a.String(e) == "https" {
				hasHTTPS = true
			}
		}
		for _, e := range a.Elems(list) {
			if a.String(e) != "http" || a.Kind(e) != connector.String {
				continue
			}
			if hasHTTPS {
				p.Swagger(e, "scheme \"http\" allows unencrypted calls; remove it and keep \"https\"").
					WithFix("Remove \"http\"", DeleteMember(p.C.Swagger, e))
			} else {
				p.Swagger(e, "scheme \"http\" sends data unencrypted; serve the API over HTTPS and use \"https\"").
					WithFix("Replace \"http\" with \"https\"", ReplaceString(p.C.Swagger, e, "https"))
			}
		}
	}
	return nil
}

// ---- mime-type-valid ----

// flTChar marks the bytes of an RFC 9110 token.
var flTChar = func() (t [256]bool) {
	for _, c := range "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789!#$%&'*+.^_`|~-" {
		t[c] = true
	}
	return
}()

// flIsMime reports whether s is a media type per RFC 9110: type "/" subtype *( OWS ";" OWS
// parameter ), of tokens of tchar, a parameter value a token or a quoted string. It replaced a regexp,
// flMimeRe, which a test keeps and compares it with.
func flIsMime(s string) bool {
	i := 0
	token := func() bool {
		j := i
		for i < len(s) && flTChar[s[i]] {
			i++
		}
		return i > j
	}
	if !token() || i >= len(s) || s[i] != '/' {
		return false
	}
	i++
	if !token() {
		return false
	}
	for i < len(s) { // parameters
		for i < len(s) && (s[i] == ' ' || s[i] == '\t') {
			i++
		}
		if i >= len(s) || s[i] != ';' {
			return false
		}
		i++
		for i < len(s) && (s[i] == ' ' || s[i] == '\t') {
			i++
		}
		if !token() || i >= len(s) || s[i] != '=' {
			return false
		}
		i++
		if i < len(s) && s[i] == '"' {
			i++
			for i < len(s) && s[i] != '"' {
				if s[i] == '\\' {
					if i+1 >= len(s) || s[i+1] == '\n' {
						return false
					}
					i++
				}
				i++
			}
			if i >= len(s) {
				return false
			}
			i++
		} else if !token() {
			return false
		}
	}
	return true
}

// flMimeLists returns every consumes and produces array of the swagger (root and operations).
func flMimeLists(a *connector.API) []connector.NodeID {
	var out []connector.NodeID
	add := func(obj connector.NodeID) {
		for _, k := range []string{"consumes", "produces"} {
			if l := a.Get(obj, k); a.Kind(l) == connector.Array {
				out = append(out, l)
			}
		}
	}
	add(a.Root)
	for _, op := range a.Ops {
		add(op.Node)
	}
	return out
}

var mimeTypeValidRule = &Rule{
	ID: "mime-type-valid", Code: "MimeTypeNotValid", Severity: Error, Category: "file", Inputs: Swagger,
	Doc: Doc{
		Title: "consumes and produces hold well-formed MIME types",
		Why: "Each entry of consumes and produces must be a media type such as \"application/json\": a type, a slash, " +
			"a subtype and optional \";name=value\" parameters, without spaces inside the names. Microsoft's validator " +
			"rejects malformed entries (MimeTypeNotValid). Its documentation also names four supported types " +
			"(MimeTypeNotSupported), but merged connectors use many others (text/json, application/xml, " +
			"application/octet-stream, OData variants), so only the syntax is checked here.",
		HowToFix: "Write the media type as type/subtype, e.g. \"application/json\" or \"text/plain; charset=utf-8\".",
		Source:   flValURL + " (MimeTypeNotValid) ; " + flCatalog + " ; rules-catalog §11 q11",
	},
	Check: checkMimeTypeValid,
}

func checkMimeTypeValid(p *Pass) error {
	a := p.API
	for _, list := range flMimeLists(a) {
		for _, e := range a.Elems(list) {
			s, ok := a.Str(e)
			if !ok || flIsMime(s) {
				continue
			}
			if t := strings.TrimSpace(s); t != s && flIsMime(t) {
				p.Swagger(e, "MIME type %q has surrounding spaces; write it as %q", s, t).
					WithFix("Trim the spaces", ReplaceString(p.C.Swagger, e, t))
				continue
			}
			p.Swagger(e, "MIME type %q is not a valid media type; write it as type/subtype, such as \"application/json\"", s)
		}
	}
	return nil
}

// ---- consumes-required-for-body ----

var consumesRequiredForBodyRule = &Rule{
	ID: "consumes-required-for-body", Code: "ConsumesMissing", Severity: Warning, Category: "file", Inputs: Swagger,
	Doc: Doc{
		Title: "Operations with a body declare what they consume",
		Why: "An operation that sends a body or form fields needs at least one MIME type in \"consumes\", on the " +
			"operation or at the root, so the platform knows how to encode the request. Microsoft documents this as " +
			"ConsumesMissing (and MimeTypeNotCompatibleWithRequestContentSchemaType), but 85 of 514 merged connectors (certified and independent publisher) " +
			"have such operations without consumes, so it is reported as a warning. Whether the listed type is one the " +
			"validator supports is not checked (see mime-type-valid).",
		HowToFix: "Add \"consumes\": [\"application/json\"] at the root (or on the operation); use \"multipart/form-data\" " +
			"or \"application/x-www-form-urlencoded\" for formData parameters.",
		Source: flValURL + " (ConsumesMissing) ; " + flCatalog,
	},
	Check: checkConsumesRequiredForBody,
}

func checkConsumesRequiredForBody(p *Pass) error {
	a := p.API
	root := a.Get(a.Root, "consumes")
	for _, op := range a.Ops {
		in := ""
		for _, prm := range a.Params(op) {
			if prm.In == "body" || prm.In == "formData" {
				in = prm.In
				break
			}
		}
		if in == "" {
			continue
		}
		own := a.Get(op.Node, "consumes")
		list := own
		if list == connector.None {
			list = root
		}
		if a.Kind(list) != connector.Array && list != connector.None {
			continue // a wrongly typed consumes is the schema rules' business
		}
		if flCountStrings(a, list) > 0 {
			continue
		}
		mime := "application/json"
		if in == "formData" {
			mime = "multipart/form-data"
		}
		switch {
		case own != connector.None:
			p.Swagger(own, "operation %q has a %s parameter but its \"consumes\" is empty; list the request's MIME type, such as %q", op.Name(), in, mime)
		case root != connector.None:
			p.SwaggerKey(op.Node, "operation %q has a %s parameter but the root \"consumes\" is empty and the operation has none; list the request's MIME type, such as %q", op.Name(), in, mime)
		default:
			p.SwaggerKey(op.Node, "operation %q has a %s parameter but no \"consumes\" on the operation or the root; add one, such as [%q]", op.Name(), in, mime)
		}
	}
	return nil
}

func flCountStrings(a *connector.API, list connector.NodeID) int {
	n := 0
	for _, e := range a.Elems(list) {
		if s, ok := a.Str(e); ok && strings.TrimSpace(s) != "" {
			n++
		}
	}
	return n
}

// ---- tags-unique ----

var tagsUniqueRule = &Rule{
	ID: "tags-unique", Code: "TagRedefined", Severity: Error, Category: "file", Inputs: Swagger,
	Doc: Doc{
		Title:    "Each tag is defined once",
		Why:      "The root \"tags\" list defines each tag's description; Swagger 2.0 requires tag names to be unique and Microsoft's validator rejects a tag defined twice (TagRedefined).",
		HowToFix: "Merge the two tag entries into one.",
		Source:   flValURL + " (TagRedefined) ; " + flCatalog,
	},
	Check: checkTagsUnique,
}

func checkTagsUnique(p *Pass) error {
	a := p.API
	first := map[string]connector.NodeID{}
	for _, t := range a.Elems(a.Get(a.Root, "tags")) {
		n := a.Get(t, "name")
		s, ok := a.Str(n)
		if !ok {
			continue
		}
		if f, dup := first[s]; dup {
			p.Swagger(n, "tag %q is already defined; merge the two entries", s).
				WithRelated(p.C.Swagger, f, "first defined here")
			continue
		}
		first[s] = n
	}
	return nil
}

// ---- no-empty-string-values ----

// flEmptyChecked are the keys whose string value must not be empty.
var flEmptyChecked = map[string]bool{
	"title": true, "description": true, "summary": true, "x-ms-summary": true, "operationId": true,
	"termsOfService": true,
}

// flIsNameMap reports whether k names an object keyed by user-chosen names: a member of one is a
// definition, not a property.
func flIsNameMap(k string) bool {
	switch k {
	case "properties", "definitions", "parameters", "responses", "paths", "securityDefinitions", "headers":
		return true
	}
	return false
}

// flIsDataKey reports whether k holds example or default data, not swagger text: such subtrees are
// skipped.
func flIsDataKey(k string) bool {
	switch k {
	case "example", "examples", "x-example", "default", "enum", "x-ms-test-value":
		return true
	}
	return false
}

func flURLKey(k string) bool {
	l := strings.ToLower(k)
	return strings.HasSuffix(l, "url") && !strings.HasPrefix(l, "x-ms-")
}

var noEmptyStringValuesRule = &Rule{
	ID: "no-empty-string-values", Code: "RequiredValueEmpty", Severity: Warning, Category: "file", Inputs: Swagger,
	Certification: true,
	Doc: Doc{
		Title: "Titles, descriptions, summaries and URLs are not empty strings",
		Why: "An empty string is not a value: the designer shows a blank label or hint, and Microsoft's validator " +
			"rejects empty required values (RequiredValueEmpty). Reviewers go further and ask to fill or remove every " +
			"empty title, description, summary and URL (PR#1747, PR#3647). Many merged connectors still contain some, " +
			"so this is a warning. Example, default, enum and x-ms-test-value data are not checked.",
		HowToFix: "Write a meaningful value, or remove the member when it is optional.",
		Source:   flValURL + " (RequiredValueEmpty) ; " + flCatalog + " ; PR#1747 ; PR#3647",
	},
	Check: checkNoEmptyStringValues,
}

func checkNoEmptyStringValues(p *Pass) error {
	a := p.API
	if a.Root == connector.None {
		return nil
	}
	for _, n := range flBlankMembers(a) {
		key := a.Key(n)
		if s, _ := a.Str(n); !flOpTextRequired(p, n, key) {
			p.Swagger(n, "%q is %q; write a meaningful value or remove it", key, s)
		}
	}
	return nil
}

// flBlankFirst marks the first bytes of the raw string values that may be blank: white space, an
// escape, or a non-ASCII byte.
var flBlankFirst = func() (t [256]bool) {
	for _, c := range " \\\t\n\v\f\r" {
		t[c] = true
	}
	for c := 0x80; c < 256; c++ {
		t[c] = true
	}
	return
}()

// flBlankMembers returns, in node order, the string members that no-empty-string-values reports
// (before the exemption of flOpTextRequired): blank, of a checked key (flEmptyChecked or
// flURLKey), and checked where they stand (flChecked). The candidates come from swKeyScan, which
// sees every member anyway.
func flBlankMembers(a *connector.API) []connector.NodeID {
	var out []connector.NodeID
	for _, n := range swKeyScan(a.Doc).blank {
		key := a.Key(n)
		if !flEmptyChecked[key] && !flURLKey(key) { // no such key is a data key (flIsDataKey)
			continue
		}
		if s, _ := a.Str(n); strings.TrimSpace(s) != "" || !flChecked(a, n) {
			continue
		}
		out = append(out, n)
	}
	return out
}

// flChecked reports whether no-empty-string-values checks string member n of the swagger: its
// ancestors are walked down from the root as one pass over the document in file order would (see
// oldCheckNoEmptyStringValues in the tests). Members of an object keyed by user-chosen names
// (flIsNameMap) are definitions: only the bodies of those that are objects are checked, and a
// member that is another name map is one too. Example and default data (flIsDataKey) is skipped.
func flChecked(a *connector.API, n connector.NodeID) bool {
	var chain [64]connector.NodeID
	path := chain[:0]
	for c := a.Parent(n); c != connector.None && c != a.Root; c = a.Parent(c) {
		path = append(path, c)
	}
	nameMap := false // whether the parent of the node at hand is a name map
	for i := len(path) - 1; i >= 0; i-- {
		y := path[i]
		nd := &a.Nodes[y]
		switch {
		case nd.KeyStart < 0: // an array element: not a name map, skips nothing
			nameMap = false
		case nameMap:
			if nd.Kind != connector.Object {
				return false
			}
			nameMap = flIsNameMap(a.Key(y))
		default: // an object or array member
			key := a.Key(y)
			if flIsDataKey(key) {
				return false
			}
			nameMap = nd.Kind == connector.Object && flIsNameMap(key)
		}
	}
	return !nameMap
}

// flOpTextRequired reports whether member n is the summary or description of a visible operation:
// operation-summary-required and operation-description-required report those as errors when blank.
func flOpTextRequired(p *Pass, n connector.NodeID, key string) bool {
	if key != "summary" && key != "description" {
		return false
	}
	if key == "summary" && !operationSummaryRequiredRule.AppliesTo(p.C.Profile) ||
		key == "description" && !operationDescriptionRequiredRule.AppliesTo(p.C.Profile) {
		return false
	}
	obj := p.API.Parent(n)
	if swInternal(p.API.Doc).has(obj) { // a.Internal
		return false
	}
	for _, op := range p.API.Ops {
		if op.Node == obj {
			return true
		}
	}
	return false
}
