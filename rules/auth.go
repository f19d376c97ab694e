package rules

import (
	"strings"

	"github.com/connectorlint/connectorlint/connector"
)

// authRules are the authentication rules across apiDefinition.swagger.json and apiProperties.json.
var authRules = []*Rule{
	securityMatchesConnectionParametersRule,
	oauthSettingHasSecurityDefinitionRule,
	securityDefinitionsSingleRule,
	oauth2FlowAccessCodeRule,
	apikeyInHeaderRule,
}

// apSecDef is one swagger security definition.
type apSecDef struct {
	Name string
	Node connector.NodeID // member of securityDefinitions
	Type string
}

func apSecDefs(a *connector.API) []apSecDef {
	var out []apSecDef
	for name, n := range a.Members(a.Get(a.Root, "securityDefinitions")) {
		if a.Kind(n) == connector.Object {
			out = append(out, apSecDef{Name: name, Node: n, Type: a.GetString(n, "type")})
		}
	}
	return out
}

// apAnchor is where a missing connection parameter is reported: the connectionParameters key, else
// the properties key.
func apAnchor(d *connector.Doc, props connector.NodeID) connector.NodeID {
	if cp := d.Get(props, "connectionParameters"); cp != connector.None {
		return cp
	}
	return props
}

var securityMatchesConnectionParametersRule = &Rule{
	ID:       "security-matches-connection-parameters",
	Severity: Warning,
	Category: "security",
	Inputs:   Swagger | Props,
	Doc: Doc{
		Title:    "The swagger's security definition has matching connection parameters",
		Why:      "The platform builds the connection dialog from apiProperties.json's connection parameters, while the swagger's securityDefinitions tell tools and reviewers how the API authenticates. They must agree: an oauth2 definition needs an oauthSetting parameter (usually \"token\"), an apiKey definition a securestring parameter holding the key (usually \"api_key\"; its name need not equal the header name), and a basic definition parameters \"username\" and \"password\", the password a securestring. Otherwise the connection never gets the credential the API expects. With connectionParameterSets (multi-auth) any option may provide it. When the swagger has several definitions and no parameter sets, security-definitions-single reports that instead. This is the convention seen in about 650 merged connectors, not a documented validator check.",
		HowToFix: "Add the matching connection parameter to apiProperties.json (or correct the swagger's security definition if the API authenticates another way).",
		Source:   "Microsoft Learn, connection-parameters and multi-auth; rules-catalog §2.7 security-matches-connection-parameters",
	},
	Check: checkSecurityMatchesConnectionParameters,
}

func checkSecurityMatchesConnectionParameters(p *Pass) error {
	f, d, props, ok := apFile(p)
	if !ok || p.API == nil {
		return nil
	}
	defs := apSecDefs(p.API)
	hasSets := d.Get(props, "connectionParameterSets") != connector.None
	if len(defs) == 0 || len(defs) > 1 && !hasSets {
		return nil
	}
	params := apParams(d, props)
	for _, def := range defs {
		var msg string
		switch def.Type {
		case "oauth2":
			found := false
			for _, pr := range params {
				found = found || strings.EqualFold(apType(d, pr.Node), "oauthSetting")
			}
			if !found {
				msg = "the swagger's oauth2 security definition %q has no oauthSetting connection parameter; add one (usually \"token\") with the OAuth settings"
			}
		case "apiKey":
			found := false
			for _, pr := range params {
				found = found || apType(d, pr.Node) == "securestring"
			}
			if !found {
				msg = "the swagger's apiKey security definition %q has no securestring connection parameter for the key; add one (usually \"api_key\")"
			}
		case "basic":
			var user, pass *apParam
			for i := range params {
				switch strings.ToLower(params[i].Name) {
				case "username":
					user = &params[i]
				case "password":
					pass = &params[i]
				}
			}
			switch {
			case user == nil || pass == nil:
				msg = "the swagger's basic security definition %q needs \"username\" and \"password\" connection parameters; add them (the password as securestring)"
			case apType(d, pass.Node) != "securestring":
				t := d.Get(pass.Node, "type")
				if t == connector.None {
					continue // connection-parameter-type
				}
				p.At(f, t, "the type of password %s for basic security definition %q is %s; make it \"securestring\" so it is stored encrypted", apWhere(*pass), def.Name, apDescribe(d, t)).
					WithRelated(p.C.Swagger, def.Node, "security definition").
					WithFix("Write \"securestring\"", ReplaceString(f, t, "securestring"))
			}
		}
		if msg != "" {
			p.AtKey(f, apAnchor(d, props), msg, def.Name).WithRelated(p.C.Swagger, def.Node, "security definition")
		}
	}
	return nil
}

var oauthSettingHasSecurityDefinitionRule = &Rule{
	ID:       "oauth-setting-has-security-definition",
	Severity: Info,
	Category: "security",
	Inputs:   Swagger | Props,
	Doc: Doc{
		Title:    "An OAuth connection parameter is declared as an oauth2 security definition",
		Why:      "When apiProperties.json signs in with an oauthSetting parameter, the swagger should say so with an oauth2 security definition (flow accessCode, with the authorization and token URLs): tools, the maker portal's security tab and reviewers read the swagger, and a swagger without it looks like an API without authentication. The platform itself uses the connection parameter, and some merged connectors (including Microsoft's own) lack the definition, so this is info.",
		HowToFix: "Add an oauth2 security definition with \"flow\": \"accessCode\", \"authorizationUrl\", \"tokenUrl\" and \"scopes\" to the swagger's securityDefinitions.",
		Source:   "Microsoft Learn, connection-parameters; rules-catalog §2.7 security-matches-connection-parameters",
	},
	Check: checkOauthSettingHasSecurityDefinition,
}

func checkOauthSettingHasSecurityDefinition(p *Pass) error {
	f, d, props, ok := apFile(p)
	if !ok || p.API == nil {
		return nil
	}
	defs := apSecDefs(p.API)
	for _, def := range defs {
		if def.Type == "oauth2" {
			return nil
		}
	}
	for _, pr := range apParams(d, props) {
		if !strings.EqualFold(apType(d, pr.Node), "oauthSetting") {
			continue
		}
		a := p.API
		var fd *Finding
		if sd := a.Get(a.Root, "securityDefinitions"); sd != connector.None {
			fd = p.SwaggerKey(sd, "%s signs in with OAuth, but securityDefinitions has no oauth2 definition; add one", apWhere(pr))
		} else {
			fd = p.Swagger(a.Root, "%s signs in with OAuth, but the swagger has no securityDefinitions; add an oauth2 definition", apWhere(pr))
		}
		fd.WithRelated(f, pr.Node, "OAuth connection parameter")
		return nil // one finding per connector
	}
	return nil
}

var securityDefinitionsSingleRule = &Rule{
	ID:       "security-definitions-single",
	Severity: Warning,
	Category: "security",
	Inputs:   Swagger,
	Doc: Doc{
		Title:    "A connector without parameter sets has one security definition",
		Why:      "A connection authenticates one way. Power Platform supports several authentication types only through connectionParameterSets in apiProperties.json (multi-auth); without them the platform uses one scheme and the other security definitions describe authentication that never happens, which misleads makers and reviewers. Microsoft documents no limit; a few merged connectors have two definitions, hence a warning.",
		HowToFix: "Keep the one security definition the connection uses, or set up multi-auth with connectionParameterSets in apiProperties.json.",
		Source:   "Microsoft Learn, multi-auth; rules-catalog §2.7, §10 (\"up to two security definitions\" is an unsourced third-party claim)",
	},
	Check: checkSecurityDefinitionsSingle,
}

func checkSecurityDefinitionsSingle(p *Pass) error {
	if f, d, props, ok := apFile(p); ok && f != nil && d.Get(props, "connectionParameterSets") != connector.None {
		return nil
	}
	defs := apSecDefs(p.API)
	for _, def := range defs[min(1, len(defs)):] {
		p.SwaggerKey(def.Node, "security definition %q is a second way to authenticate, but apiProperties.json has no connectionParameterSets; keep one definition or set up multi-auth", def.Name).
			WithRelated(p.C.Swagger, defs[0].Node, "first security definition")
	}
	return nil
}

var oauth2FlowAccessCodeRule = &Rule{
	ID:       "oauth2-flow-access-code",
	Severity: Warning,
	Category: "security",
	Inputs:   Swagger,
	Doc: Doc{
		Title:    "oauth2 security definitions use the accessCode flow",
		Why:      "Power Platform's OAuth sign-in runs the authorization-code flow: the maker signs in through the provider's page and the platform keeps and refreshes the token. Every merged connector with an oauth2 definition declares \"flow\": \"accessCode\"; implicit, password and application (client credentials) flows are not what the connection performs, so the definition misdescribes the API. Invalid flow names are security-scheme-shape's.",
		HowToFix: "Set \"flow\": \"accessCode\" with \"authorizationUrl\" and \"tokenUrl\".",
		Source:   "Microsoft Learn, define-openapi-definition (OAuth 2.0 authorization code); rules-catalog §2.7; corpus: 99/99 oauth2 definitions use accessCode",
	},
	Check: checkOauth2FlowAccessCode,
}

func checkOauth2FlowAccessCode(p *Pass) error {
	a := p.API
	for _, def := range apSecDefs(a) {
		if def.Type != "oauth2" {
			continue
		}
		fl := a.Get(def.Node, "flow")
		switch s, _ := a.Str(fl); s {
		case "implicit", "password", "application":
			p.Swagger(fl, "oauth2 security definition %q uses the %q flow; Power Platform signs in with the authorization-code flow, declare \"accessCode\"", def.Name, s)
		}
	}
	return nil
}

var apikeyInHeaderRule = &Rule{
	ID:       "apikey-in-header",
	Severity: Info,
	Category: "security",
	Inputs:   Swagger,
	Doc: Doc{
		Title:    "API keys are sent in a header",
		Why:      "An apiKey security definition with \"in\": \"query\" puts the key in the URL, where proxies, browser histories and server logs keep it. Swagger and Power Platform allow it, and many merged connectors do it because their API requires it, so this is info: prefer a header when the API accepts one.",
		HowToFix: "If the API accepts the key in a header, set \"in\": \"header\" and \"name\" to that header.",
		Source:   "Swagger 2.0 Security Scheme Object; OWASP REST Security (keys in URLs); rules-catalog §2.7",
	},
	Check: checkApikeyInHeader,
}

func checkApikeyInHeader(p *Pass) error {
	a := p.API
	for _, def := range apSecDefs(a) {
		if def.Type != "apiKey" {
			continue
		}
		in := a.Get(def.Node, "in")
		if s, _ := a.Str(in); s == "query" {
			p.Swagger(in, "apiKey security definition %q sends the key %q in the query string, where logs keep it; use a header if the API accepts one", def.Name, a.GetString(def.Node, "name"))
		}
	}
	return nil
}
