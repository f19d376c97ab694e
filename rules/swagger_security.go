package rules

import (
	"slices"
	"strings"

	"github.com/connectorlint/connectorlint/connector"
)

// securityRules are the security rules of apiDefinition.swagger.json (rules-catalog.md §2).
var securityRules = []*Rule{
	securitySchemeShapeRule,
	securityRequirementDefinedRule,
}

// ---- security-scheme-shape ----

var securitySchemeShapeRule = &Rule{
	ID:       "security-scheme-shape",
	Code:     "SecuritySchemePropertyRequired",
	Severity: Error,
	Category: "security",
	Inputs:   Swagger,
	Doc: Doc{
		Title: "Each security definition is a complete basic, apiKey or oauth2 scheme",
		Why: "Microsoft's swagger validator accepts a security definition only when it is exactly one of Swagger 2.0's " +
			"schemes: basic; apiKey with \"name\" and \"in\" (header or query); oauth2 with a \"flow\" (implicit, password, " +
			"application or accessCode) and the URLs that flow needs (\"authorizationUrl\" for implicit and accessCode, " +
			"\"tokenUrl\" for password, application and accessCode). A missing member is SecuritySchemePropertyRequired; " +
			"a member that does not belong to the scheme (\"tokenUrl\" on an implicit flow, \"name\" on basic, an unknown " +
			"member) is SecuritySchemePropertyNotValid; both are reported by this rule, as are members of the wrong JSON " +
			"type. Swagger 2.0 also asks for \"scopes\" on oauth2; the Power Platform does not, so a missing \"scopes\" is " +
			"not reported. Whether the connection parameters in apiProperties.json match is another rule's business.",
		HowToFix: "Add the missing member, remove members that do not belong to the scheme, and spell \"type\", \"in\" and " +
			"\"flow\" exactly as listed (apiKey and accessCode in camel case).",
		Source: "Microsoft's schemas/apiDefinition.swagger.schema.json; Microsoft Learn, certification-swagger-validator-rules (SecuritySchemePropertyRequired, SecuritySchemePropertyNotValid); rules-catalog §2.7",
	},
	Check: checkSecuritySchemeShape,
}

var (
	stSecTypes  = []string{"basic", "apiKey", "oauth2"}
	stSecIns    = []string{"header", "query"}
	stSecFlows  = []string{"implicit", "password", "application", "accessCode"}
	stFlowNeeds = map[string][]string{
		"implicit":    {"authorizationUrl"},
		"password":    {"tokenUrl"},
		"application": {"tokenUrl"},
		"accessCode":  {"authorizationUrl", "tokenUrl"},
	}
)

// stSecEnum reports member n of security definition name when its string value is not in allowed.
// It returns the allowed value n means, and whether there is one: a value that differs only by case
// is reported with a fix and then treated as the value it stands for, so that one run reports the
// rest of the definition too.
func stSecEnum(p *Pass, name string, n connector.NodeID, what string, allowed []string) (string, bool) {
	a := p.API
	s, ok := a.Str(n)
	if !ok {
		p.Swagger(n, "%q of security definition %q must be a string, not %s; use one of %s", a.Key(n), name, stDescribeValue(a.Doc, n), strings.Join(allowed, ", "))
		return "", false
	}
	if slices.Contains(allowed, s) {
		return s, true
	}
	f := p.Swagger(n, "%q is not a valid %s for security definition %q; use one of %s", s, what, name, strings.Join(allowed, ", "))
	for _, x := range allowed {
		if strings.EqualFold(x, strings.TrimSpace(s)) {
			f.WithFix("Replace with \""+x+"\"", ReplaceString(p.C.Swagger, n, x))
			return x, true
		}
	}
	return "", false
}

func checkSecuritySchemeShape(p *Pass) error {
	a := p.API
	if stIsOpenAPI3(a) {
		return nil
	}
	for name, def := range a.Members(a.Get(a.Root, "securityDefinitions")) {
		if a.Kind(def) != connector.Object {
			continue // swagger-type-mismatch
		}
		typ := a.Get(def, "type")
		if typ == connector.None {
			p.SwaggerKey(def, "security definition %q has no \"type\"; set it to basic, apiKey or oauth2", name)
			continue
		}
		t, ok := stSecEnum(p, name, typ, "type", stSecTypes)
		if !ok {
			continue
		}
		allowed := []string{"type", "description"}
		var required []string
		flow := ""
		switch t {
		case "apiKey":
			allowed = append(allowed, "name", "in")
			required = []string{"name", "in"}
			if in := a.Get(def, "in"); in != connector.None {
				stSecEnum(p, name, in, "location", stSecIns)
			}
		case "oauth2":
			allowed = append(allowed, "flow", "scopes")
			required = []string{"flow"}
			if fl := a.Get(def, "flow"); fl != connector.None {
				if v, ok := stSecEnum(p, name, fl, "OAuth flow", stSecFlows); ok {
					flow = v
					required = append(required, stFlowNeeds[v]...)
					allowed = append(allowed, stFlowNeeds[v]...)
				}
			}
		}
		for _, k := range required {
			if a.Get(def, k) == connector.None {
				p.SwaggerKey(def, "security definition %q of type %s%s has no %q; add it", name, t, stFlowSuffix(flow), k)
			}
		}
		for k, m := range a.Members(def) {
			if stIsExtension(k) {
				continue
			}
			if !slices.Contains(allowed, k) {
				if flow == "" && t == "oauth2" && (k == "authorizationUrl" || k == "tokenUrl") {
					continue // the flow is missing or wrong: already reported
				}
				p.SwaggerKey(m, "%q does not belong in security definition %q of type %s%s; remove it", k, name, t, stFlowSuffix(flow))
				continue
			}
			switch k {
			case "type", "in", "flow":
				// checked above
			case "scopes":
				if a.Kind(m) != connector.Object {
					p.Swagger(m, "\"scopes\" of security definition %q must be an object mapping each scope to its description, not %s", name, stDescribeValue(a.Doc, m))
					continue
				}
				for scope, d := range a.Members(m) {
					if a.Kind(d) != connector.String {
						p.Swagger(d, "the description of scope %q must be a string, not %s", scope, stDescribeValue(a.Doc, d))
					}
				}
			default:
				if a.Kind(m) != connector.String {
					p.Swagger(m, "%q of security definition %q must be a string, not %s", k, name, stDescribeValue(a.Doc, m))
				}
			}
		}
	}
	return nil
}

func stFlowSuffix(flow string) string {
	if flow == "" {
		return ""
	}
	return " (flow " + flow + ")"
}

// ---- security-requirement-defined ----

var securityRequirementDefinedRule = &Rule{
	ID:       "security-requirement-defined",
	Code:     "SecurityRequirementMustBeDefined",
	Severity: Warning,
	Category: "security",
	Inputs:   Swagger,
	Doc: Doc{
		Title: "Security requirements name defined security schemes and valid scopes",
		Why: "Each entry of a \"security\" list (at the root or on an operation) maps the name of a security definition " +
			"to a list of scopes. Microsoft's swagger validator rejects a name that \"securityDefinitions\" does not " +
			"define (SecurityRequirementMustBeDefined), a non-empty scope list for a basic or apiKey scheme " +
			"(SecurityRequirementMustHaveEmptyValue), a value that is not a list, and an oauth2 scope that the " +
			"definition's \"scopes\" does not declare (OAuthSecurityRequirementValueMustBeScopeName). " +
			"The rule is a warning: 15 of 514 merged certified and independent-publisher connectors name an undefined " +
			"scheme or scope, so the validator evidently does not block it (the connection's authentication comes from " +
			"apiProperties.json), yet such a requirement points at nothing and other Swagger tools reject the file.",
		HowToFix: "Use the exact name of a security definition, write [] for basic and apiKey schemes, and declare every " +
			"oauth2 scope you list in the definition's \"scopes\" object (or remove it from the list).",
		Source: "Swagger 2.0 specification (Security Requirement Object); Microsoft Learn, certification-swagger-validator-rules (SecurityRequirementMustBeDefined, SecurityRequirementMustHaveEmptyValue, OAuthSecurityRequirementValueMustBeScopeName); rules-catalog §2.7",
	},
	Check: checkSecurityRequirementDefined,
}

func checkSecurityRequirementDefined(p *Pass) error {
	a := p.API
	if stIsOpenAPI3(a) {
		return nil
	}
	defs := a.Get(a.Root, "securityDefinitions")
	check := func(sec connector.NodeID) {
		for _, req := range a.Elems(sec) {
			for name, val := range a.Members(req) {
				def := a.Get(defs, name)
				if a.Kind(def) != connector.Object {
					if def == connector.None {
						p.SwaggerKey(val, "security requirement %q is not defined in \"securityDefinitions\"; define it there or use the name of an existing definition%s", name, stSecNames(a, defs))
					}
					continue
				}
				if a.Kind(val) != connector.Array {
					f := p.Swagger(val, "the value of security requirement %q must be a list of scopes, not %s; use [] when there are none", name, stDescribeValue(a.Doc, val))
					if a.Kind(val) == connector.Null {
						f.WithFix("Write []", ReplaceValue(p.C.Swagger, val, "[]"))
					}
					continue
				}
				t := a.GetString(def, "type")
				if t != "oauth2" {
					if a.Len(val) > 0 && t != "" {
						p.Swagger(val, "security requirement %q refers to a scheme of type %s, which has no scopes; write []", name, t).
							WithFix("Write []", ReplaceValue(p.C.Swagger, val, "[]"))
					}
					continue
				}
				scopes := a.Get(def, "scopes")
				for _, s := range a.Elems(val) {
					sv, ok := a.Str(s)
					if !ok {
						p.Swagger(s, "scopes of security requirement %q must be strings, not %s", name, stDescribeValue(a.Doc, s))
						continue
					}
					if a.Get(scopes, sv) == connector.None && a.Kind(scopes) == connector.Object {
						p.Swagger(s, "scope %q is not declared in the \"scopes\" of security definition %q; declare it there or remove it", sv, name)
					} else if scopes == connector.None {
						p.Swagger(s, "scope %q is not declared: security definition %q has no \"scopes\"; add \"scopes\" with this scope or remove it", sv, name)
					}
				}
			}
		}
	}
	check(a.Get(a.Root, "security"))
	for _, op := range a.Ops {
		check(a.Get(op.Node, "security"))
	}
	return nil
}

// stSecNames lists the defined security definition names for a message suffix.
func stSecNames(a *connector.API, defs connector.NodeID) string {
	var names []string
	for k := range a.Members(defs) {
		names = append(names, k)
	}
	if len(names) == 0 {
		return " (the file defines none)"
	}
	return " (" + strings.Join(names, ", ") + ")"
}
