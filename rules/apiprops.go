package rules

import (
	"regexp"
	"slices"
	"strings"

	"github.com/connectorlint/connectorlint/connector"
)

// apipropsRules are the apiProperties.json rules (rules-catalog.md §3).
var apipropsRules = []*Rule{
	apipropsSchemaRule,
	brandColorRequiredRule,
	brandColorFormatRule,
	brandColorNotDefaultRule,
	ipBrandColorRule,
	publisherRequiredRule,
	stackOwnerRequiredRule,
	capabilitiesValuesRule,
	connectionParameterNameRule,
	connectionParameterTypeRule,
	connectionParameterUiRule,
	uiConstraintsTypesRule,
	tenantidParameterShapeRule,
	oauthIdentityProviderRule,
	oauthRedirectModeRule,
	oauthClientSecretNotCommittedRule,
	oauthClientIdPlaceholderRule,
	multiAuthShapeRule,
	policyTemplateValidRule,
	policyTemplateOperationExistsRule,
	pageableNeedsUpdatenextlinkRule,
}

const apCatalog = "rules-catalog §3"

// ---- apiprops-schema ----

var apipropsSchemaRule = &Rule{
	ID:       "apiprops-schema",
	Severity: Error,
	Category: "apiproperties",
	Inputs:   Props,
	Doc: Doc{
		Title: "apiProperties.json has only the members Microsoft accepts, with the right JSON types",
		Why: "Microsoft's apiProperties validator checks the file against a JSON schema in which every object is closed: " +
			"a member it does not know (a typo such as \"stackowner\", a swagger key pasted into the wrong file) fails the " +
			"pull request with a JSON-schema message. The published schema in the repository is stale, so this rule uses a " +
			"corrected one: it also accepts \"scriptOperations\" and \"connectionParameterSets\", which Microsoft takes in " +
			"practice. It checks the top level, \"properties\", each connection parameter, its \"uiDefinition\" and " +
			"\"constraints\", and \"oAuthSettings\". Parameter types, the tenant parameter, policy templates and parameter " +
			"sets have rules of their own.",
		HowToFix: "Remove the reported member or fix its spelling (keys are case-sensitive), and give known members the JSON type shown in the message.",
		Source:   "Microsoft's schemas/paconn-apiProperties.schema.json (corrected); PR#1421, PR#3097; " + apCatalog + " apiprops-schema, apiprops-schema-gaps",
	},
	Check: checkApipropsSchema,
}

var (
	apRootKeys  = []string{"properties", "$schema"}
	apPropsKeys = []string{"iconBrandColor", "publisher", "stackOwner", "capabilities", "connectionParameters",
		"connectionParameterSets", "policyTemplateInstances", "scriptOperations"}
	apUIKeys          = []string{"displayName", "description", "tooltip", "tabIndex", "constraints", "schema"}
	apConstraintsKeys = []string{"clearText", "required", "tabIndex", "capability", "hidden", "allowedValues", "dependencies"}
	apOAuthKeys       = []string{"identityProvider", "clientId", "clientSecret", "redirectMode", "redirectUrl", "scopes",
		"properties", "additionalParameters", "customParameters"}
)

// apParamKeys are the members a connection parameter of each type may have.
var apParamKeys = map[string][]string{
	"string":         {"type", "uiDefinition", "allowedValues", "defaultValue"},
	"securestring":   {"type", "uiDefinition", "allowedValues", "defaultValue"},
	"int":            {"type", "uiDefinition", "allowedValues", "defaultValue"},
	"bool":           {"type", "uiDefinition", "allowedValues", "defaultValue"},
	"gatewaySetting": {"type", "uiDefinition"},
	"oauthSetting":   {"type", "uiDefinition", "oAuthSettings"},
}

// apUnknownKeys reports the members of obj that are not in allowed; a case variant of an allowed key
// gets a fix.
func apUnknownKeys(p *Pass, f *connector.File, obj connector.NodeID, allowed []string, where string) {
	apUnknownKeysL(p, f, obj, allowed, func() string { return where })
}

// apUnknownKeysL is apUnknownKeys with a place that is described only when something is reported.
func apUnknownKeysL(p *Pass, f *connector.File, obj connector.NodeID, allowed []string, whereL func() string) {
	d := f.Doc
	for k, m := range d.Members(obj) {
		if slices.Contains(allowed, k) {
			continue
		}
		where := whereL()
		if good := apFold(allowed, k); good != "" {
			p.AtKey(f, m, "%q in %s is misspelled; keys are case-sensitive, write %q", k, where, good).
				WithFix("Rename to \""+good+"\"", apRenameKey(f, m, good))
			continue
		}
		p.AtKey(f, m, "%q is not allowed in %s; remove it or fix its name (allowed: %s)", k, where, strings.Join(allowed, ", "))
	}
}

// apWantKind reports n when it is not of kind k (null and absent are skipped).
func apWantKind(p *Pass, f *connector.File, n connector.NodeID, what string, kinds ...connector.Kind) bool {
	return apWantKindL(p, f, n, func() string { return what }, kinds...)
}

// apWantKindL is apWantKind with a description built only when n is reported (most labels quote
// names, which costs more than the check).
func apWantKindL(p *Pass, f *connector.File, n connector.NodeID, whatL func() string, kinds ...connector.Kind) bool {
	d := f.Doc
	if n == connector.None || slices.Contains(kinds, d.Kind(n)) {
		return true
	}
	what := whatL()
	names := make([]string, len(kinds))
	for i, k := range kinds {
		names[i] = article(k) + " " + k.String()
		if k == connector.Null {
			names[i] = "null"
		}
	}
	p.At(f, n, "%s must be %s, not %s", what, strings.Join(names, " or "), apDescribe(d, n))
	return false
}

func checkApipropsSchema(p *Pass) error {
	f := p.C.Props
	if f == nil || f.Doc == nil || f.Doc.Kind(f.Doc.Root) != connector.Object {
		return nil // json-parse
	}
	d := f.Doc
	apUnknownKeys(p, f, d.Root, apRootKeys, "the top level of apiProperties.json")
	props := d.Get(d.Root, "properties")
	if props == connector.None {
		if apGetFold(d, d.Root, "properties") == connector.None {
			p.At(f, d.Root, "apiProperties.json has no \"properties\" object; put the connector's settings in one")
		}
		return nil
	}
	if !apWantKind(p, f, props, "\"properties\"", connector.Object) {
		return nil
	}
	apUnknownKeys(p, f, props, apPropsKeys, "\"properties\"")
	for _, k := range []string{"iconBrandColor", "publisher", "stackOwner"} {
		apWantKindL(p, f, d.Get(props, k), func() string { return Quote(k) }, connector.String)
	}
	for _, k := range []string{"capabilities", "scriptOperations"} {
		arr := d.Get(props, k)
		if apWantKindL(p, f, arr, func() string { return Quote(k) }, connector.Array) {
			for _, e := range d.Elems(arr) {
				apWantKindL(p, f, e, func() string { return "each entry of " + Quote(k) }, connector.String)
			}
		}
	}
	apWantKind(p, f, d.Get(props, "connectionParameters"), "\"connectionParameters\"", connector.Object)
	apWantKind(p, f, d.Get(props, "connectionParameterSets"), "\"connectionParameterSets\"", connector.Object)
	apWantKind(p, f, d.Get(props, "policyTemplateInstances"), "\"policyTemplateInstances\"", connector.Array)

	for _, pr := range apParams(d, props) {
		if pr.Name == "token:TenantId" {
			continue // tenantid-parameter-shape
		}
		if !apWantKindL(p, f, pr.Node, func() string { return apWhere(pr) }, connector.Object) {
			continue
		}
		if keys, ok := apParamKeys[apType(d, pr.Node)]; ok {
			apUnknownKeysL(p, f, pr.Node, keys, func() string { return apWhere(pr) })
		}
		if dv := d.Get(pr.Node, "defaultValue"); dv != connector.None {
			apWantKindL(p, f, dv, func() string { return "the \"defaultValue\" of " + apWhere(pr) }, connector.String)
		}
		ui := d.Get(pr.Node, "uiDefinition")
		if apWantKindL(p, f, ui, func() string { return "the \"uiDefinition\" of " + apWhere(pr) }, connector.Object) {
			apUnknownKeysL(p, f, ui, apUIKeys, func() string { return "the \"uiDefinition\" of " + apWhere(pr) })
			for _, k := range []string{"displayName", "description", "tooltip"} {
				apWantKindL(p, f, d.Get(ui, k), func() string { return Quote(k) + " of " + apWhere(pr) }, connector.String)
			}
			cons := d.Get(ui, "constraints")
			if apWantKindL(p, f, cons, func() string { return "the \"constraints\" of " + apWhere(pr) }, connector.Object) {
				apUnknownKeysL(p, f, cons, apConstraintsKeys, func() string { return "the \"constraints\" of " + apWhere(pr) })
			}
		}
		o := d.Get(pr.Node, "oAuthSettings")
		if apWantKindL(p, f, o, func() string { return "the \"oAuthSettings\" of " + apWhere(pr) }, connector.Object) && o != connector.None {
			for k, m := range d.Members(o) {
				// clientId and clientSecret are also accepted as ClientId, clientID, ClientSecret (schema patternProperties)
				if slices.Contains(apOAuthKeys, k) || apClientKeyRe.MatchString(k) {
					continue
				}
				if good := apFold(apOAuthKeys, k); good != "" {
					p.AtKey(f, m, "%q in the \"oAuthSettings\" of %s is misspelled; keys are case-sensitive, write %q", k, apWhere(pr), good).
						WithFix("Rename to \""+good+"\"", apRenameKey(f, m, good))
					continue
				}
				p.AtKey(f, m, "%q is not allowed in the \"oAuthSettings\" of %s; remove it (allowed: %s)", k, apWhere(pr), strings.Join(apOAuthKeys, ", "))
			}
			for _, k := range []string{"clientId", "clientSecret"} {
				apWantKindL(p, f, apGetFold(d, o, k), func() string { return Quote(k) + " of " + apWhere(pr) }, connector.String, connector.Null)
			}
			for _, k := range []string{"identityProvider", "redirectMode", "redirectUrl"} {
				apWantKindL(p, f, d.Get(o, k), func() string { return Quote(k) + " of " + apWhere(pr) }, connector.String)
			}
			for _, k := range []string{"properties", "customParameters", "additionalParameters"} {
				apWantKindL(p, f, d.Get(o, k), func() string { return Quote(k) + " of " + apWhere(pr) }, connector.Object)
			}
			if sc := d.Get(o, "scopes"); apWantKindL(p, f, sc, func() string { return "\"scopes\" of " + apWhere(pr) }, connector.Array) {
				for _, e := range d.Elems(sc) {
					apWantKindL(p, f, e, func() string { return "each scope of " + apWhere(pr) }, connector.String)
				}
			}
		}
	}
	return nil
}

// ---- iconBrandColor ----

var brandColorRequiredRule = &Rule{
	ID:       "brand-color-required",
	Severity: Error,
	Category: "apiproperties",
	Inputs:   Props,
	Doc: Doc{
		Title:    "apiProperties.json sets iconBrandColor",
		Why:      "\"iconBrandColor\" is the only member of \"properties\" that Microsoft's apiProperties schema requires: the designer paints the connector's icon background with it. Without it the validator fails. No merged connector lacks it.",
		HowToFix: "Add \"iconBrandColor\" with the background colour of your icon as \"#rrggbb\" (independent publishers: \"#da3b01\").",
		Source:   "Microsoft's schemas/paconn-apiProperties.schema.json (required); " + apCatalog + " brand-color-required",
	},
	Check: checkBrandColorRequired,
}

func checkBrandColorRequired(p *Pass) error {
	f, d, props, ok := apFile(p)
	if !ok || d.Get(props, "iconBrandColor") != connector.None || apGetFold(d, props, "iconBrandColor") != connector.None {
		return nil // a case variant is apiprops-schema's
	}
	fd := p.AtKey(f, props, "\"properties\" has no \"iconBrandColor\"; add the icon's background colour as \"#rrggbb\"")
	if p.C.Profile == connector.IndependentPublisher {
		fd.WithFix("Add \"iconBrandColor\": \"#da3b01\"", AddMember(f, props, "iconBrandColor", `"#da3b01"`))
	}
	return nil
}

var (
	apHexColorRe  = regexp.MustCompile(`^#[0-9A-Fa-f]{6}$`)
	apShortHexRe  = regexp.MustCompile(`^#?[0-9A-Fa-f]{3}$`)
	apClientKeyRe = regexp.MustCompile(`^[cC]lientI[dD]$|^[cC]lientSecret$`)
)

var brandColorFormatRule = &Rule{
	ID:       "brand-color-format",
	Severity: Error,
	Category: "apiproperties",
	Inputs:   Props,
	Doc: Doc{
		Title:    "iconBrandColor is an HTML hex colour",
		Why:      "The repository asks for the icon brand colour \"in HTML hex code\" and every merged connector writes it as \"#\" and six hex digits; the designer cannot paint a colour name, an rgb() value or a short form reliably.",
		HowToFix: "Write the colour as \"#\" followed by six hex digits, e.g. \"#0f6cbd\".",
		Source:   "PowerPlatformConnectors README (\"icon brand color in HTML hex code\"); " + apCatalog + " brand-color-format (0/1012 merged violations)",
	},
	Check: checkBrandColorFormat,
}

func checkBrandColorFormat(p *Pass) error {
	f, d, props, ok := apFile(p)
	if !ok {
		return nil
	}
	n := d.Get(props, "iconBrandColor")
	s, isStr := d.Str(n)
	if !isStr || apHexColorRe.MatchString(s) {
		return nil // absent or not a string: other rules
	}
	fd := p.At(f, n, "icon brand colour %q is not an HTML hex colour; write it as \"#\" and six hex digits, e.g. \"#0f6cbd\"", s)
	t := strings.TrimSpace(s)
	switch {
	case apHexColorRe.MatchString(t):
		fd.WithFix("Write \""+t+"\"", ReplaceString(f, n, t))
	case apHexColorRe.MatchString("#" + t):
		fd.WithFix("Write \"#"+t+"\"", ReplaceString(f, n, "#"+t))
	case apShortHexRe.MatchString(t):
		h := strings.TrimPrefix(t, "#")
		full := "#" + string([]byte{h[0], h[0], h[1], h[1], h[2], h[2]})
		fd.WithFix("Write \""+full+"\"", ReplaceString(f, n, full))
	}
	return nil
}

var brandColorNotDefaultRule = &Rule{
	ID:       "brand-color-not-default",
	Severity: Warning,
	Category: "apiproperties",
	Inputs:   Props,
	Profiles: []connector.Profile{connector.Certified},
	Doc: Doc{
		Title:    "A certified connector's iconBrandColor is its own colour, not the default blue or white",
		Why:      "The pull-request checklist asks certified connectors for a valid brand colour that is neither the portal's default \"#007ee5\" nor white \"#ffffff\": the colour must match the icon's background, and white makes the icon vanish on the designer's white cards. Reviewers ask for it; a few older connectors were merged with these colours.",
		HowToFix: "Set \"iconBrandColor\" to the background colour of your icon.",
		Source:   "PowerPlatformConnectors pull_request_template.md; Microsoft Learn, certification-submission (icon); " + apCatalog + " brand-color-not-default",
	},
	Check: checkBrandColorNotDefault,
}

func checkBrandColorNotDefault(p *Pass) error {
	f, d, props, ok := apFile(p)
	if !ok {
		return nil
	}
	n := d.Get(props, "iconBrandColor")
	s, _ := d.Str(n)
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "#007ee5":
		p.At(f, n, "icon brand colour %q is the portal's default blue; use the background colour of your icon", s)
	case "#ffffff":
		p.At(f, n, "icon brand colour %q is white, which hides the icon on white cards; use the background colour of your icon", s)
	}
	return nil
}

var ipBrandColorRule = &Rule{
	ID:       "ip-brand-color",
	Severity: Error,
	Category: "apiproperties",
	Inputs:   Props,
	Profiles: []connector.Profile{connector.IndependentPublisher},
	Doc: Doc{
		Title:    "An independent publisher connector's iconBrandColor is #da3b01",
		Why:      "Independent publisher connectors share one icon and one colour: the submission guide and the repository README require \"iconBrandColor\" to be \"#da3b01\". Every merged independent publisher connector uses it.",
		HowToFix: "Set \"iconBrandColor\": \"#da3b01\".",
		Source:   "Microsoft Learn, certification-submission-ip (step 4); PowerPlatformConnectors README; " + apCatalog + " ip-brand-color (0/387 merged violations)",
	},
	Check: checkIpBrandColor,
}

func checkIpBrandColor(p *Pass) error {
	f, d, props, ok := apFile(p)
	if !ok {
		return nil
	}
	n := d.Get(props, "iconBrandColor")
	if s, isStr := d.Str(n); isStr && s != "#da3b01" {
		p.At(f, n, "icon brand colour %q is not the independent publisher colour; set it to \"#da3b01\"", s).
			WithFix("Write \"#da3b01\"", ReplaceString(f, n, "#da3b01"))
	}
	return nil
}

// ---- publisher, stackOwner ----

var publisherRequiredRule = &Rule{
	ID:            "publisher-required",
	Severity:      Warning,
	Category:      "apiproperties",
	Inputs:        Props,
	Certification: true,
	Doc: Doc{
		Title:    "apiProperties.json names the publisher",
		Why:      "Certification asks for \"publisher\": the company or organisation that publishes the connector (verified publishers) or the person or company who wrote it (independent publishers). Reviewers ask for it on new and updated connectors; the name must not carry other personal data such as an e-mail address.",
		HowToFix: "Add \"publisher\" with your company or organisation name (independent publishers: your name or company).",
		Source:   "Microsoft Learn, certification-submission (step 3a); PR#523, PR#1100, PR#2637; " + apCatalog + " publisher-required",
	},
	Check: func(p *Pass) error {
		return apCheckNamed(p, "publisher", "the publisher's company or organisation name")
	},
}

var stackOwnerRequiredRule = &Rule{
	ID:            "stack-owner-required",
	Severity:      Warning,
	Category:      "apiproperties",
	Inputs:        Props,
	Certification: true,
	Doc: Doc{
		Title:    "apiProperties.json names the stack owner",
		Why:      "Certification asks for \"stackOwner\": the company that owns the service behind the connector (for verified publishers usually the publisher itself, for independent publishers the service's company). Reviewers ask for it on new and updated connectors.",
		HowToFix: "Add \"stackOwner\" with the name of the company that runs the API.",
		Source:   "Microsoft Learn, certification-submission (step 3a); PR#400, PR#523; " + apCatalog + " stack-owner-required",
	},
	Check: func(p *Pass) error { return apCheckNamed(p, "stackOwner", "the name of the company that runs the API") },
}

var apEmailRe = regexp.MustCompile(`[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}`)

func apCheckNamed(p *Pass, key, what string) error {
	f, d, props, ok := apFile(p)
	if !ok {
		return nil
	}
	n := d.Get(props, key)
	if n == connector.None {
		if apGetFold(d, props, key) == connector.None { // a case variant is apiprops-schema's
			p.AtKey(f, props, "\"properties\" has no %q; add it with %s", key, what)
		}
		return nil
	}
	s, isStr := d.Str(n)
	if !isStr {
		return nil
	}
	switch {
	case strings.TrimSpace(s) == "":
		p.At(f, n, "%q is empty; set it to %s", key, what)
	case apEmailRe.MatchString(s):
		p.At(f, n, "%s %q holds an e-mail address; keep personal data out and write only %s", key, s, what)
	}
	return nil
}

// ---- capabilities ----

var apCapabilities = []string{"actions", "triggers", "gateway", "cloud only"}

var capabilitiesValuesRule = &Rule{
	ID:       "capabilities-values",
	Severity: Info,
	Category: "apiproperties",
	Inputs:   Props,
	Doc: Doc{
		Title:    "capabilities lists known capability names",
		Why:      "\"capabilities\" tells the platform what the connector offers. The values documented and found in merged connectors are \"actions\", \"triggers\", \"gateway\" and \"cloud only\", in lower case; anything else is most likely a typo that the platform ignores. No validator enforcement is known, hence info.",
		HowToFix: "Use only actions, triggers, gateway or cloud only, in lower case.",
		Source:   "Microsoft's schemas/paconn-apiProperties.schema.json (examples); PowerPlatformConnectors README; " + apCatalog + " capabilities-values",
	},
	Check: checkCapabilitiesValues,
}

func checkCapabilitiesValues(p *Pass) error {
	f, d, props, ok := apFile(p)
	if !ok {
		return nil
	}
	for _, e := range d.Elems(d.Get(props, "capabilities")) {
		s, isStr := d.Str(e)
		if !isStr || slices.Contains(apCapabilities, s) {
			continue
		}
		if good := apFold(apCapabilities, strings.TrimSpace(s)); good != "" {
			p.At(f, e, "capability %q should be written %q", s, good).WithFix("Write \""+good+"\"", ReplaceString(f, e, good))
			continue
		}
		p.At(f, e, "capability %q is not a known capability; use actions, triggers, gateway or cloud only", s)
	}
	return nil
}

// ---- connection parameters ----

var (
	apParamNameRe    = regexp.MustCompile(`^[0-9a-zA-Z_]+$`)
	apParamSubNameRe = regexp.MustCompile(`^[0-9a-zA-Z_]+:[0-9a-zA-Z_]+$`)
	apParamTypes     = []string{"string", "securestring", "int", "bool", "gatewaySetting", "oauthSetting"}
)

var connectionParameterNameRule = &Rule{
	ID:       "connection-parameter-name",
	Severity: Error,
	Category: "apiproperties",
	Inputs:   Props,
	Doc: Doc{
		Title:    "Connection parameter names are letters, digits and underscores",
		Why:      "Microsoft's apiProperties schema accepts a connection parameter only under a name made of letters, digits and underscores, optionally as two such names joined by a colon (\"token:clientId\"); the only other accepted name is exactly \"token:TenantId\". Policies and the script read the values as @connectionParameters('name'), so other characters cannot be referenced either.",
		HowToFix: "Rename the parameter (and every @connectionParameters reference to it) using only letters, digits and underscores.",
		Source:   "Microsoft's schemas/paconn-apiProperties.schema.json (patternProperties); " + apCatalog + " connection-parameter-name",
	},
	Check: checkConnectionParameterName,
}

func checkConnectionParameterName(p *Pass) error {
	f, d, props, ok := apFile(p)
	if !ok {
		return nil
	}
	for _, pr := range apParams(d, props) {
		if !apParamNameRe.MatchString(pr.Name) && !apParamSubNameRe.MatchString(pr.Name) {
			p.AtKey(f, pr.Node, "connection parameter name %q has characters other than letters, digits and underscores; rename it", pr.Name)
		}
	}
	return nil
}

var connectionParameterTypeRule = &Rule{
	ID:       "connection-parameter-type",
	Severity: Error,
	Category: "apiproperties",
	Inputs:   Props,
	Doc: Doc{
		Title:    "Each connection parameter has a known type",
		Why:      "Every connection parameter needs a \"type\", one of string, securestring, int, bool, gatewaySetting or oauthSetting, spelled exactly so. The schema rejects other values; the connection dialog cannot render the parameter.",
		HowToFix: "Set \"type\" to one of the listed values (securestring for keys and passwords, oauthSetting for OAuth sign-in).",
		Source:   "Microsoft's schemas/paconn-apiProperties.schema.json (ConnectionParameter); " + apCatalog + " connection-parameter-type",
	},
	Check: checkConnectionParameterType,
}

func checkConnectionParameterType(p *Pass) error {
	f, d, props, ok := apFile(p)
	if !ok {
		return nil
	}
	for _, pr := range apParams(d, props) {
		if d.Kind(pr.Node) != connector.Object {
			continue
		}
		t := d.Get(pr.Node, "type")
		if t == connector.None {
			p.AtKey(f, pr.Node, "%s has no \"type\"; add one of %s", apWhere(pr), strings.Join(apParamTypes, ", "))
			continue
		}
		s, isStr := d.Str(t)
		if !isStr {
			p.At(f, t, "the \"type\" of %s must be a string, not %s", apWhere(pr), apDescribe(d, t))
			continue
		}
		if slices.Contains(apParamTypes, s) {
			continue
		}
		if good := apFold(apParamTypes, strings.TrimSpace(s)); good != "" {
			p.At(f, t, "type %q of %s is misspelled; types are case-sensitive, write %q", s, apWhere(pr), good).
				WithFix("Write \""+good+"\"", ReplaceString(f, t, good))
			continue
		}
		p.At(f, t, "type %q of %s is not a connection parameter type; use one of %s", s, apWhere(pr), strings.Join(apParamTypes, ", "))
	}
	return nil
}

// apHidden reports whether a parameter's uiDefinition hides it.
func apHidden(d *connector.Doc, param connector.NodeID) bool {
	h := d.Path(param, "uiDefinition", "constraints", "hidden")
	return d.IsTrue(h) || strings.EqualFold(d.String(h), "true")
}

var connectionParameterUiRule = &Rule{
	ID:            "connection-parameter-ui",
	Severity:      Warning,
	Category:      "apiproperties",
	Inputs:        Props,
	Certification: true,
	Doc: Doc{
		Title:    "Visible connection parameters have a display name and a description",
		Why:      "The connection dialog shows each visible parameter with its uiDefinition's \"displayName\" as the label and its \"description\" as the hint; without them makers see the internal name or nothing. Certification asks for both (and for a \"tooltip\"). Hidden parameters and OAuth sign-in parameters, whose dialog is the provider's sign-in page, are not checked; a missing tooltip is not reported because many merged connectors omit it.",
		HowToFix: "Add a \"uiDefinition\" with a short \"displayName\" and a sentence-long \"description\" to the parameter.",
		Source:   "Microsoft's schemas/paconn-apiProperties.schema.json (ConnectionParameter-uiDefinition); Microsoft Learn, multi-auth; " + apCatalog + " connection-parameter-ui",
	},
	Check: checkConnectionParameterUi,
}

func checkConnectionParameterUi(p *Pass) error {
	f, d, props, ok := apFile(p)
	if !ok {
		return nil
	}
	for _, pr := range apParams(d, props) {
		if d.Kind(pr.Node) != connector.Object || pr.Name == "token:TenantId" || apHidden(d, pr.Node) {
			continue
		}
		t := apType(d, pr.Node)
		if strings.EqualFold(t, "oauthSetting") {
			continue
		}
		ui := d.Get(pr.Node, "uiDefinition")
		if ui == connector.None {
			p.AtKey(f, pr.Node, "%s has no \"uiDefinition\"; add one with \"displayName\" and \"description\" for the connection dialog", apWhere(pr))
			continue
		}
		if d.Kind(ui) != connector.Object {
			continue // apiprops-schema
		}
		var missing []string
		for _, k := range []string{"displayName", "description"} {
			n := d.Get(ui, k)
			if s, isStr := d.Str(n); n == connector.None || isStr && strings.TrimSpace(s) == "" {
				missing = append(missing, Quote(k))
			}
		}
		if len(missing) > 0 {
			p.AtKey(f, ui, "the \"uiDefinition\" of %s has no %s; add %s for the connection dialog", apWhere(pr), strings.Join(missing, " or "), apPlural(missing))
		}
	}
	return nil
}

func apPlural(s []string) string {
	if len(s) == 1 {
		return "it"
	}
	return "them"
}

var uiConstraintsTypesRule = &Rule{
	ID:       "ui-constraints-types",
	Severity: Warning,
	Category: "apiproperties",
	Inputs:   Props,
	Doc: Doc{
		Title:    "uiDefinition constraints have the JSON types the schema expects",
		Why:      "Microsoft's apiProperties schema wants \"required\" as the string \"true\" or \"false\", \"clearText\" as a boolean and \"tabIndex\" as an integer; almost every merged connector writes them so. For \"hidden\" the evidence conflicts (the schema wants a string, the validator once asked for a boolean, merged connectors use both), so both are accepted as long as the value is true or false. A wrong type can fail the apiProperties validator.",
		HowToFix: "Write \"required\": \"true\" (a string), \"clearText\": true (a boolean) and \"tabIndex\": 1 (an integer).",
		Source:   "Microsoft's schemas/paconn-apiProperties.schema.json; PR#1421; " + apCatalog + " ui-constraints-types; §11 question 6",
	},
	Check: checkUiConstraintsTypes,
}

func checkUiConstraintsTypes(p *Pass) error {
	f, d, props, ok := apFile(p)
	if !ok {
		return nil
	}
	for _, pr := range apParams(d, props) {
		cons := d.Path(pr.Node, "uiDefinition", "constraints")
		if d.Kind(cons) != connector.Object {
			continue
		}
		if n := d.Get(cons, "required"); n != connector.None {
			switch d.Kind(n) {
			case connector.Bool:
				v := string(d.Raw(n))
				p.At(f, n, "\"required\" in the constraints of %s is the boolean %s; the schema wants the string %q", apWhere(pr), v, v).
					WithFix("Write \""+v+"\"", ReplaceString(f, n, v))
			case connector.String:
				if s := d.String(n); s != "true" && s != "false" {
					fd := p.At(f, n, "\"required\" in the constraints of %s is %q; write \"true\" or \"false\"", apWhere(pr), s)
					if l := strings.ToLower(strings.TrimSpace(s)); l == "true" || l == "false" {
						fd.WithFix("Write \""+l+"\"", ReplaceString(f, n, l))
					}
				}
			default:
				p.At(f, n, "\"required\" in the constraints of %s must be the string \"true\" or \"false\", not %s", apWhere(pr), apDescribe(d, n))
			}
		}
		if n := d.Get(cons, "hidden"); n != connector.None && d.Kind(n) != connector.Bool {
			if s, isStr := d.Str(n); !isStr || s != "true" && s != "false" {
				p.At(f, n, "\"hidden\" in the constraints of %s is %s; write \"true\" or \"false\"", apWhere(pr), apDescribe(d, n))
			}
		}
		if n := d.Get(cons, "clearText"); n != connector.None && d.Kind(n) != connector.Bool {
			fd := p.At(f, n, "\"clearText\" in the constraints of %s is %s; the schema wants a boolean", apWhere(pr), apDescribe(d, n))
			if s := strings.ToLower(strings.TrimSpace(d.String(n))); s == "true" || s == "false" {
				fd.WithFix("Write "+s, ReplaceValue(f, n, s))
			}
		}
		if n := d.Get(cons, "tabIndex"); n != connector.None {
			if v, isNum := d.Number(n); !isNum || v != float64(int64(v)) {
				p.At(f, n, "\"tabIndex\" in the constraints of %s is %s; write a whole number", apWhere(pr), apDescribe(d, n))
			}
		}
	}
	return nil
}

// ---- token:TenantId ----

const apTenantDescription = "The tenant ID of for the Azure Active Directory application"

var tenantidParameterShapeRule = &Rule{
	ID:       "tenantid-parameter-shape",
	Severity: Error,
	Category: "apiproperties",
	Inputs:   Props,
	Doc: Doc{
		Title:    "The token:TenantId parameter has exactly the shape Microsoft expects",
		Why:      "\"token:TenantId\" is a claim parameter that the platform fills with the signed-in user's Azure AD tenant. Microsoft's validator accepts it only in one fixed form: type \"string\", metadata {\"sourceType\": \"AzureActiveDirectoryTenant\"}, and a uiDefinition whose members, when present, are exactly displayName \"Tenant\", description \"The tenant ID of for the Azure Active Directory application\" (including the odd \"of for\") and constraints {\"hidden\": \"true\", \"required\": \"false\"}. A different description is a Critical validator finding (PR#1421, PR#3097). The uiDefinition's members are optional: most merged connectors give only the constraints.",
		HowToFix: "Copy the fixed form exactly; do not correct the wording of the description.",
		Source:   "Microsoft's schemas/paconn-apiProperties.schema.json (ConnectionParameter-claim-TenantId); PR#1421, PR#3097; " + apCatalog + " tenantid-parameter-shape",
	},
	Check: checkTenantidParameterShape,
}

func checkTenantidParameterShape(p *Pass) error {
	f, d, props, ok := apFile(p)
	if !ok {
		return nil
	}
	for _, pr := range apParams(d, props) {
		if pr.Name != "token:TenantId" {
			continue
		}
		n := pr.Node
		if d.Kind(n) != connector.Object {
			p.At(f, n, "\"token:TenantId\" must be an object, not %s", apDescribe(d, n))
			continue
		}
		apUnknownKeys(p, f, n, []string{"type", "metadata", "uiDefinition"}, "\"token:TenantId\"")
		if t := d.Get(n, "type"); t == connector.None {
			p.AtKey(f, n, "\"token:TenantId\" has no \"type\"; add \"type\": \"string\"")
		} else if s, _ := d.Str(t); s != "string" {
			p.At(f, t, "the \"type\" of \"token:TenantId\" is %s; it must be \"string\"", apDescribe(d, t)).
				WithFix("Write \"string\"", ReplaceString(f, t, "string"))
		}
		md := d.Get(n, "metadata")
		switch {
		case md == connector.None:
			p.AtKey(f, n, "\"token:TenantId\" has no \"metadata\"; add {\"sourceType\": \"AzureActiveDirectoryTenant\"}")
		case d.Kind(md) != connector.Object || d.Len(md) != 1 || d.GetString(md, "sourceType") != "AzureActiveDirectoryTenant":
			p.At(f, md, "the \"metadata\" of \"token:TenantId\" must be exactly {\"sourceType\": \"AzureActiveDirectoryTenant\"}").
				WithFix("Write the expected metadata", ReplaceValue(f, md, `{"sourceType": "AzureActiveDirectoryTenant"}`))
		}
		ui := d.Get(n, "uiDefinition")
		if ui == connector.None {
			p.AtKey(f, n, "\"token:TenantId\" has no \"uiDefinition\"; add {\"constraints\": {\"hidden\": \"true\", \"required\": \"false\"}}")
			continue
		}
		if d.Kind(ui) != connector.Object {
			p.At(f, ui, "the \"uiDefinition\" of \"token:TenantId\" must be an object, not %s", apDescribe(d, ui))
			continue
		}
		apUnknownKeys(p, f, ui, []string{"displayName", "description", "constraints"}, "the \"uiDefinition\" of \"token:TenantId\"")
		for _, want := range [][2]string{{"displayName", "Tenant"}, {"description", apTenantDescription}} {
			m := d.Get(ui, want[0])
			if s, isStr := d.Str(m); m != connector.None && (!isStr || s != want[1]) {
				p.At(f, m, "the %s of \"token:TenantId\" is %s; Microsoft accepts only %q", want[0], apDescribe(d, m), want[1]).
					WithFix("Write the expected "+want[0], ReplaceString(f, m, want[1]))
			}
		}
		cons := d.Get(ui, "constraints")
		switch {
		case cons == connector.None:
		case d.Kind(cons) != connector.Object || d.Len(cons) != 2 || d.GetString(cons, "hidden") != "true" || d.GetString(cons, "required") != "false":
			p.At(f, cons, "the constraints of \"token:TenantId\" must be exactly {\"hidden\": \"true\", \"required\": \"false\"} (strings)").
				WithFix("Write the expected constraints", ReplaceValue(f, cons, `{"hidden": "true", "required": "false"}`))
		}
	}
	return nil
}
