package rules

import (
	"slices"
	"strings"

	"github.com/connectorlint/connectorlint/connector"
)

// OAuth settings of apiProperties.json (rules-catalog §3).

// apIdentityProviders are the identity providers Microsoft's schema lists, plus DocuSign, which a
// merged connector uses (catalog apiprops-schema-gaps).
var apIdentityProviders = []string{"oauth2", "oauth2generic", "aad", "aadcertificate", "facebook", "DocuSign"}

// apCustomParams lists, per identity provider whose customParameters are closed, the allowed and the
// required keys. The schema's lists are extended by what merged connectors use: enableOnbehalfOfLogin
// (aad, aadcertificate) and tenantId (aadcertificate).
var apCustomParams = map[string]struct{ allowed, required []string }{
	"oauth2":         {allowed: []string{"authorizationUrl", "tokenUrl", "refreshUrl"}},
	"aad":            {allowed: []string{"resourceUri", "loginUri", "tenantId", "enableOnbehalfOfLogin"}, required: []string{"resourceUri"}},
	"aadcertificate": {allowed: []string{"resourceUri", "loginUri", "loginUriAAD", "tenantId", "enableOnbehalfOfLogin"}, required: []string{"resourceUri"}},
}

var oauthIdentityProviderRule = &Rule{
	ID:       "oauth-identity-provider",
	Severity: Error,
	Category: "apiproperties",
	Inputs:   Props,
	Doc: Doc{
		Title:    "OAuth settings name a known identity provider with the custom parameters it takes",
		Why:      "An oauthSetting parameter's \"oAuthSettings.identityProvider\" selects the sign-in implementation: oauth2 (generic OAuth 2.0), oauth2generic (templated URLs), aad (Azure AD), aadcertificate (first-party Azure AD apps only) or facebook (DocuSign is also accepted: a merged connector uses it). Each provider takes fixed \"customParameters\", each an object with a \"value\": oauth2 only authorizationUrl, tokenUrl and refreshUrl; aad and aadcertificate need resourceUri and take loginUri and tenantId (and enableOnbehalfOfLogin, used by merged connectors); aadcertificate also needs \"properties\": {\"IsFirstParty\": \"True\"}. \"properties.IsFirstParty\", when present, is the string \"True\" or \"False\". Microsoft's apiProperties schema rejects other shapes. Key case is not enforced here because merged connectors use \"AuthorizationUrl\".",
		HowToFix: "Fix the identity provider's name, remove custom parameters the provider does not take, add the required ones, and wrap each value as {\"value\": \"...\"}.",
		Source:   "Microsoft's schemas/paconn-apiProperties.schema.json (oAuthSettings); " + apCatalog + " oauth-identity-provider, apiprops-schema-gaps",
	},
	Check: checkOauthIdentityProvider,
}

func checkOauthIdentityProvider(p *Pass) error {
	f, d, props, ok := apFile(p)
	if !ok {
		return nil
	}
	params, settings := apOAuthSettings(d, props)
	for i, o := range settings {
		pr := params[i]
		idpN := d.Get(o, "identityProvider")
		if idpN == connector.None {
			p.AtKey(f, d.Get(pr.Node, "oAuthSettings"), "the \"oAuthSettings\" of %s have no \"identityProvider\"; add one of %s", apWhere(pr), strings.Join(apIdentityProviders, ", "))
			continue
		}
		idp, isStr := d.Str(idpN)
		if !isStr {
			continue // apiprops-schema
		}
		if !slices.Contains(apIdentityProviders, idp) {
			good := apFold(apIdentityProviders, strings.TrimSpace(idp))
			if good == "" {
				p.At(f, idpN, "identity provider %q of %s is not one Microsoft knows; use one of %s", idp, apWhere(pr), strings.Join(apIdentityProviders, ", "))
				continue
			}
			p.At(f, idpN, "identity provider %q of %s is misspelled; names are case-sensitive, write %q", idp, apWhere(pr), good).
				WithFix("Write \""+good+"\"", ReplaceString(f, idpN, good))
			idp = good
		}
		oprops := d.Get(o, "properties")
		if d.Kind(oprops) == connector.Object {
			fp := d.Get(oprops, "IsFirstParty")
			switch s, isStr := d.Str(fp); {
			case fp == connector.None:
				p.AtKey(f, oprops, "the OAuth \"properties\" of %s have no \"IsFirstParty\"; add \"IsFirstParty\": \"False\"", apWhere(pr)).
					WithFix("Add \"IsFirstParty\": \"False\"", AddMember(f, oprops, "IsFirstParty", `"False"`))
			case !isStr || s != "True" && s != "False":
				fd := p.At(f, fp, "\"IsFirstParty\" of %s is %s; write the string \"True\" or \"False\"", apWhere(pr), apDescribe(d, fp))
				if v := strings.ToLower(strings.TrimSpace(string(d.Raw(fp)))); v == "true" || v == "false" || v == `"true"` || v == `"false"` {
					good := "False"
					if strings.Contains(v, "true") {
						good = "True"
					}
					fd.WithFix("Write \""+good+"\"", ReplaceString(f, fp, good))
				}
			case idp == "aadcertificate" && s != "True":
				p.At(f, fp, "identity provider aadcertificate works only for first-party apps, but \"IsFirstParty\" of %s is %q; use aad or set it to \"True\"", apWhere(pr), s)
			}
		} else if idp == "aadcertificate" && oprops == connector.None {
			p.At(f, idpN, "identity provider aadcertificate needs \"properties\": {\"IsFirstParty\": \"True\"} in the OAuth settings of %s; add it", apWhere(pr))
		}
		cp := d.Get(o, "customParameters")
		if d.Kind(cp) != connector.Object {
			if spec, ok := apCustomParams[idp]; ok && len(spec.required) > 0 {
				p.At(f, idpN, "identity provider %s needs \"customParameters\" with %s in the OAuth settings of %s; add them", idp, strings.Join(spec.required, ", "), apWhere(pr))
			}
			continue
		}
		for k, v := range d.Members(cp) {
			if d.Kind(v) != connector.Object || d.Get(v, "value") == connector.None {
				p.At(f, v, "custom parameter %q of %s must be an object with a \"value\", not %s", k, apWhere(pr), apDescribe(d, v))
			}
		}
		spec, closed := apCustomParams[idp]
		if !closed {
			continue
		}
		for k, v := range d.Members(cp) {
			if apFold(spec.allowed, k) == "" {
				p.AtKey(f, v, "identity provider %s does not take custom parameter %q (in %s); remove it (allowed: %s)", idp, k, apWhere(pr), strings.Join(spec.allowed, ", "))
			}
		}
		for _, k := range spec.required {
			if apGetFold(d, cp, k) == connector.None {
				p.AtKey(f, cp, "identity provider %s needs custom parameter %q in %s; add it", idp, k, apWhere(pr))
			}
		}
	}
	return nil
}

var oauthRedirectModeRule = &Rule{
	ID:            "oauth-redirect-mode",
	Severity:      Warning,
	Category:      "apiproperties",
	Inputs:        Props,
	Certification: true,
	Doc: Doc{
		Title:    "OAuth parameters use the per-connector redirect URL",
		Why:      "Since late 2023 Microsoft's reviewers ask every new or updated OAuth connector to set \"redirectMode\": \"GlobalPerConnector\" and to remove \"redirectUrl\": the platform then gives the connector its own redirect URL, which the publisher registers in the OAuth app during certification. Most older connectors still use \"Global\" (215 of 245 OAuth files in the 2024 snapshot), so this is a warning. Microsoft's published schema predates GlobalPerConnector and wrongly rejects it.",
		HowToFix: "Set \"redirectMode\": \"GlobalPerConnector\" and delete \"redirectUrl\"; register the connector-specific redirect URL in your OAuth app.",
		Source:   "PR#3035, PR#3162, PR#3247, PR#3255; " + apCatalog + " oauth-redirect-mode; §8",
	},
	Check: checkOauthRedirectMode,
}

func checkOauthRedirectMode(p *Pass) error {
	f, d, props, ok := apFile(p)
	if !ok {
		return nil
	}
	params, settings := apOAuthSettings(d, props)
	for i, o := range settings {
		pr := params[i]
		rm := d.Get(o, "redirectMode")
		if rm == connector.None {
			p.AtKey(f, d.Get(pr.Node, "oAuthSettings"), "the OAuth settings of %s have no \"redirectMode\"; add \"redirectMode\": \"GlobalPerConnector\"", apWhere(pr)).
				WithFix("Add \"redirectMode\": \"GlobalPerConnector\"", AddMember(f, o, "redirectMode", `"GlobalPerConnector"`))
		} else if s, isStr := d.Str(rm); isStr && s != "GlobalPerConnector" { // other kinds: apiprops-schema
			p.At(f, rm, "redirectMode %q of %s is not \"GlobalPerConnector\"; set it so the connector gets its own redirect URL", s, apWhere(pr)).
				WithFix("Write \"GlobalPerConnector\"", ReplaceString(f, rm, "GlobalPerConnector"))
		}
		if ru := d.Get(o, "redirectUrl"); ru != connector.None {
			p.AtKey(f, ru, "%s sets \"redirectUrl\"; remove it, the platform assigns the connector's own redirect URL", apWhere(pr)).
				WithFix("Remove \"redirectUrl\"", DeleteMember(f, ru))
		}
	}
	return nil
}

var oauthClientSecretNotCommittedRule = &Rule{
	ID:       "oauth-client-secret-not-committed",
	Severity: Error,
	Category: "apiproperties",
	Inputs:   Props,
	Doc: Doc{
		Title:    "apiProperties.json holds no client secret, key or password",
		Why:      "Connector folders are published in a public repository, and Microsoft's security pipeline (CredScan) fails on committed credentials. An OAuth \"clientSecret\" must be null or a placeholder; the secret is entered during certification, not committed. The same applies to the \"defaultValue\" of a securestring parameter and to literal credentials in set-header or set-query-parameter policies (Authorization, API-key and similar names). Placeholders such as \"[[DummyValue]]\", \"<<Enter your secret>>\", \"{clientSecret}\" and values read at run time (@connectionParameters(...)) are accepted.",
		HowToFix: "Replace the value with null or a placeholder such as \"[[DummyValue]]\", rotate the exposed credential, and read keys from connection parameters at run time.",
		Source:   "PowerPlatformConnectors README (no client ids or secrets); .pipelines/security.yml (CredScan); PR#611, PR#3247; " + apCatalog + " oauth-client-secret-not-committed; §2.1 no-secrets-in-files",
	},
	Check: checkOauthClientSecretNotCommitted,
}

func checkOauthClientSecretNotCommitted(p *Pass) error {
	f, d, props, ok := apFile(p)
	if !ok {
		return nil
	}
	params, settings := apOAuthSettings(d, props)
	for i, o := range settings {
		cs := apGetFold(d, o, "clientSecret")
		if s, isStr := d.Str(cs); isStr && !apPlaceholder(s) {
			p.At(f, cs, "the OAuth client secret of %s is committed; replace it with null or \"[[DummyValue]]\" and rotate the secret", apWhere(params[i])).
				WithFix("Replace with null", ReplaceValue(f, cs, "null"))
		}
	}
	for _, pr := range apParams(d, props) {
		if apType(d, pr.Node) != "securestring" {
			continue
		}
		dv := d.Get(pr.Node, "defaultValue")
		if s, isStr := d.Str(dv); isStr && !apPlaceholder(s) {
			p.At(f, dv, "securestring %s has a committed default value; remove it and let each maker enter their own", apWhere(pr)).
				WithFix("Remove \"defaultValue\"", DeleteMember(f, dv))
		}
	}
	for _, inst := range d.Elems(d.Get(props, "policyTemplateInstances")) {
		id := strings.ToLower(d.GetString(inst, "templateId"))
		if id != "setheader" && id != "setqueryparameter" {
			continue
		}
		params := d.Get(inst, "parameters")
		name := d.GetString(params, "x-ms-apimTemplateParameter.name")
		v := d.Get(params, "x-ms-apimTemplateParameter.value")
		s, isStr := d.Str(v)
		if !isStr || !apSecretHdrRe.MatchString(strings.TrimSpace(name)) || apPlaceholder(s) {
			continue
		}
		// "Bearer abc…" / "Basic abc…": judge the credential part
		cred := s
		if i := strings.LastIndexByte(strings.TrimSpace(s), ' '); i >= 0 {
			cred = strings.TrimSpace(s)[i+1:]
		}
		if len(cred) >= 12 && !apPlaceholder(cred) {
			p.At(f, v, "policy %q sets %q to a literal credential; read it from a connection parameter (@connectionParameters('...')) instead and rotate it", d.GetString(inst, "templateId"), name)
		}
	}
	return nil
}

var oauthClientIdPlaceholderRule = &Rule{
	ID:            "oauth-client-id-placeholder",
	Severity:      Warning,
	Category:      "apiproperties",
	Inputs:        Props,
	Certification: true,
	Doc: Doc{
		Title:    "The committed OAuth client ID is a placeholder",
		Why:      "Reviewers ask publishers to replace real OAuth client IDs with a placeholder such as \"[[DummyValue]]\" because the repository is public; Microsoft enters the real app registration during certification. A GUID or a long random token is taken as real. Several older connectors still carry real client IDs, so this is a warning.",
		HowToFix: "Replace the client ID with \"[[DummyValue]]\" (or another obvious placeholder).",
		Source:   "PR#611 (\"Please update the client id value to \"[[DummyValue]]\"…\"); PowerPlatformConnectors README; " + apCatalog + " oauth-client-secret-not-committed",
	},
	Check: checkOauthClientIdPlaceholder,
}

func checkOauthClientIdPlaceholder(p *Pass) error {
	f, d, props, ok := apFile(p)
	if !ok {
		return nil
	}
	params, settings := apOAuthSettings(d, props)
	for i, o := range settings {
		ci := apGetFold(d, o, "clientId")
		if s, isStr := d.Str(ci); isStr && apRealLooking(s) {
			p.At(f, ci, "the OAuth client ID %q of %s looks real; replace it with \"[[DummyValue]]\"", s, apWhere(params[i])).
				WithFix("Write \"[[DummyValue]]\"", ReplaceString(f, ci, "[[DummyValue]]"))
		}
	}
	return nil
}
