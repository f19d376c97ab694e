package rules

import (
	"fmt"
	"net/url"
	"strings"

	"github.com/connectorlint/connectorlint/connector"
)

// metadataRules are the x-ms-connector-metadata rules of apiDefinition.swagger.json
// (rules-catalog.md §2.3): the Website, Privacy policy and Categories entries.
var metadataRules = []*Rule{
	connectorMetadataRequiredRule,
	connectorMetadataWebsiteRule,
	connectorMetadataPrivacyPolicyRule,
	connectorMetadataCategoriesRule,
	connectorMetadataCategoriesValidRule,
	connectorMetadataCategoriesSpellingRule,
	connectorMetadataCategoriesMaxRule,
	connectorMetadataUrlsRule,
	connectorMetadataKnownNamesRule,
}

const (
	inMetaKey     = "x-ms-connector-metadata"
	inMetaCatalog = "rules-catalog §2.3"
	inMaxCats     = 2
)

// Canonical metadata property names. Microsoft matches them case-insensitively: "Privacy Policy"
// is merged in dozens of connectors.
const (
	inWebsite    = "Website"
	inPrivacy    = "Privacy policy"
	inCategories = "Categories"
)

var inKnownMetaNames = []string{inWebsite, inPrivacy, inCategories}

// inCategoryList is the list of connector categories Microsoft accepts, in its spelling.
var inCategoryList = []string{"AI", "Business Management", "Business Intelligence", "Collaboration", "Commerce",
	"Communication", "Content and Files", "Finance", "Data", "Human Resources", "Internet of Things",
	"IT Operations", "Lifestyle and Entertainment", "Marketing", "Productivity", "Sales and CRM", "Security",
	"Social Media", "Website"}

// inMetaEntry is one {propertyName, propertyValue} item of x-ms-connector-metadata.
type inMetaEntry struct {
	Item  connector.NodeID
	Name  string
	NameN connector.NodeID
	Value connector.NodeID // the propertyValue node (any kind), or None
}

// inMetadata returns the x-ms-connector-metadata member of the root and its object entries; ok is
// false when the member is missing or not an array.
func inMetadata(p *Pass) (connector.NodeID, []inMetaEntry, bool) {
	meta := p.API.Get(p.API.Root, inMetaKey)
	if p.API.Kind(meta) != connector.Array {
		return meta, nil, false
	}
	var es []inMetaEntry
	for _, it := range p.API.Elems(meta) {
		if p.API.Kind(it) != connector.Object {
			continue
		}
		nn := p.API.Get(it, "propertyName")
		es = append(es, inMetaEntry{Item: it, Name: p.API.String(nn), NameN: nn, Value: p.API.Get(it, "propertyValue")})
	}
	return meta, es, true
}

// inMetaFind returns the entries whose propertyName equals name case-insensitively (spaces trimmed).
func inMetaFind(es []inMetaEntry, name string) []inMetaEntry {
	var out []inMetaEntry
	for _, e := range es {
		if strings.EqualFold(strings.TrimSpace(e.Name), name) {
			out = append(out, e)
		}
	}
	return out
}

// inAbsoluteURL reports whether s is an absolute http(s) URL with a host.
func inAbsoluteURL(s string) bool {
	if s != strings.TrimSpace(s) {
		return false
	}
	u, err := url.Parse(s)
	if err != nil || u.Host == "" {
		return false
	}
	scheme := strings.ToLower(u.Scheme)
	return scheme == "http" || scheme == "https"
}

// inLooksLikeHost reports whether s, which has no scheme, starts with something like a domain name, so
// that prefixing "https://" is a safe repair.
func inLooksLikeHost(s string) bool {
	s = strings.TrimSpace(s)
	if s == "" || strings.Contains(s, "://") || strings.ContainsAny(s, " \t@") {
		return false
	}
	host, _, _ := strings.Cut(s, "/")
	dot := strings.LastIndexByte(host, '.')
	return dot > 0 && dot < len(host)-1
}

// inRepairURL returns the obvious repair of a URL that lacks only its scheme or has stray white space
// around it, or "" when there is none.
func inRepairURL(s string) string {
	t := strings.TrimSpace(s)
	if inAbsoluteURL(t) {
		return t
	}
	if inLooksLikeHost(t) && inAbsoluteURL("https://"+t) {
		return "https://" + t
	}
	return ""
}

var connectorMetadataRequiredRule = &Rule{
	ID:            "connector-metadata-required",
	Code:          "",
	Severity:      Error,
	Category:      "metadata",
	Inputs:        Swagger,
	Certification: true,
	Doc: Doc{
		Title: "The swagger has x-ms-connector-metadata entries of propertyName and propertyValue strings",
		Why: "Certification reads the connector's website, privacy policy and categories from the root array " +
			"x-ms-connector-metadata; the pipeline and paconn report \"The 'x-ms-connector-metadata' property is " +
			"required\" (RequiredPropertyMissing). Each entry is an object with the string members propertyName and " +
			"propertyValue (Microsoft's schema). Older merged connectors lack the array, almost none changed since 2023.",
		HowToFix: "Add \"x-ms-connector-metadata\": [{\"propertyName\": \"Website\", \"propertyValue\": \"https://…\"}, " +
			"{\"propertyName\": \"Privacy policy\", \"propertyValue\": \"https://…\"}, {\"propertyName\": \"Categories\", " +
			"\"propertyValue\": \"Productivity;Collaboration\"}] at the root of the swagger.",
		Source: inCertURL + " ; Microsoft's apiDefinition.swagger.schema.json ; " + inMetaCatalog,
	},
	Check: checkConnectorMetadataRequired,
}

func checkConnectorMetadataRequired(p *Pass) error {
	meta := p.API.Get(p.API.Root, inMetaKey)
	if meta == connector.None {
		if p.API.Kind(p.API.Root) == connector.Object {
			p.Swagger(p.API.Root, "the swagger has no %q array; add the Website, Privacy policy and Categories entries", inMetaKey)
		}
		return nil
	}
	for i, it := range p.API.Elems(meta) {
		if p.API.Kind(it) != connector.Object {
			p.Swagger(it, "entry %d of %s is %s; write it as {\"propertyName\": \"…\", \"propertyValue\": \"…\"}", i, inMetaKey, inKindPhrase(p.API.Kind(it)))
			continue
		}
		for _, k := range []string{"propertyName", "propertyValue"} {
			v := p.API.Get(it, k)
			switch p.API.Kind(v) {
			case connector.Invalid:
				p.Swagger(it, "entry %d of %s has no %q; add it", i, inMetaKey, k)
			case connector.String:
			default:
				p.Swagger(v, "%s of entry %d is %s; write it as a string", k, i, inKindPhrase(p.API.Kind(v)))
			}
		}
	}
	return nil
}

// inKindPhrase names a JSON kind with its article ("an object", "null").
func inKindPhrase(k connector.Kind) string {
	switch k {
	case connector.Null:
		return "null"
	case connector.Object, connector.Array:
		return "an " + k.String()
	}
	return "a " + k.String()
}

// inPropertyRule builds the rule that requires the metadata entry name.
func inPropertyRule(id, name, example, why string) *Rule {
	return &Rule{
		ID:            id,
		Code:          "ConnectorMetadataPropertiesMissing",
		Severity:      Error,
		Category:      "metadata",
		Inputs:        Swagger,
		Certification: true,
		Doc: Doc{
			Title: fmt.Sprintf("x-ms-connector-metadata has a non-empty %q entry", name),
			Why: why + " The certification validator reports a missing entry as \"The connector metadata property '" + name +
				"' is required\" (ConnectorMetadataPropertiesMissing). The name is matched case-insensitively, as " +
				"Microsoft does. A swagger without the array at all is left to connector-metadata-required.",
			HowToFix: fmt.Sprintf("Add {\"propertyName\": %q, \"propertyValue\": %q} to x-ms-connector-metadata.", name, example),
			Source:   inCertURL + " ; " + inValURL + " ; " + inMetaCatalog,
		},
		Check: func(p *Pass) error { return inCheckProperty(p, name, example) },
	}
}

func inCheckProperty(p *Pass, name, example string) error {
	meta, es, ok := inMetadata(p)
	if !ok {
		return nil
	}
	found := inMetaFind(es, name)
	if len(found) == 0 {
		p.SwaggerKey(meta, "%s has no %q entry; add {\"propertyName\": %q, \"propertyValue\": %q}", inMetaKey, name, name, example)
		return nil
	}
	for _, e := range found {
		if s, ok := p.API.Str(e.Value); ok && (inBlank(s) || name == inCategories && len(inSplitCategories(s)) == 0) {
			p.Swagger(e.Value, "the %q entry's propertyValue %q is empty; give a value such as %q", name, s, example)
		}
	}
	return nil
}

var connectorMetadataWebsiteRule = inPropertyRule("connector-metadata-website", inWebsite, "https://www.contoso.com",
	"The Website entry links the connector's page to the service's or publisher's home page.")

var connectorMetadataPrivacyPolicyRule = inPropertyRule("connector-metadata-privacy-policy", inPrivacy, "https://www.contoso.com/privacy",
	"The Privacy policy entry tells users how the service handles their data; certification requires it.")

var connectorMetadataCategoriesRule = inPropertyRule("connector-metadata-categories", inCategories, "Productivity;Collaboration",
	"The Categories entry places the connector in the gallery's categories.")

// inCatPiece is one category of a Categories value, with its byte range inside the decoded value.
type inCatPiece struct {
	text       string
	start, end int
}

// inSplitCategories splits a Categories value on ';' and trims each part; empty parts are dropped.
func inSplitCategories(s string) []inCatPiece {
	var out []inCatPiece
	off := 0
	for _, part := range strings.Split(s, ";") {
		lead := len(part) - len(strings.TrimLeft(part, " \t"))
		t := strings.TrimSpace(part)
		if t != "" {
			out = append(out, inCatPiece{t, off + lead, off + lead + len(t)})
		}
		off += len(part) + 1
	}
	return out
}

// inCategoryValues returns the string propertyValue nodes of the Categories entries.
func inCategoryValues(p *Pass) []connector.NodeID {
	_, es, ok := inMetadata(p)
	if !ok {
		return nil
	}
	var out []connector.NodeID
	for _, e := range inMetaFind(es, inCategories) {
		if p.API.Kind(e.Value) == connector.String {
			out = append(out, e.Value)
		}
	}
	return out
}

var connectorMetadataCategoriesValidRule = &Rule{
	ID:            "connector-metadata-categories-valid",
	Code:          "InvalidConnectorCategory",
	Severity:      Error,
	Category:      "metadata",
	Inputs:        Swagger,
	Certification: true,
	Doc: Doc{
		Title: "Every connector category is one of Microsoft's categories",
		Why: "The Categories value is a ';'-separated list, and the certification validator rejects any entry that is not " +
			"in Microsoft's list (InvalidConnectorCategory): AI, Business Management, Business Intelligence, Collaboration, " +
			"Commerce, Communication, Content and Files, Finance, Data, Human Resources, Internet of Things, IT Operations, " +
			"Lifestyle and Entertainment, Marketing, Productivity, Sales and CRM, Security, Social Media, Website. " +
			"Every merged connector follows it. Categories are compared case-insensitively, as Microsoft does; the " +
			"spelling is the info rule connector-metadata-categories-spelling.",
		HowToFix: "Replace the category with one of the listed names, spelled as listed.",
		Source:   inCertURL + " ; " + inValURL + " ; " + inMetaCatalog,
	},
	Check: checkConnectorMetadataCategoriesValid,
}

// inCanonCategory returns Microsoft's spelling of category c (matched case-insensitively), or "".
func inCanonCategory(c string) string {
	for _, k := range inCategoryList {
		if strings.EqualFold(c, k) {
			return k
		}
	}
	return ""
}

func checkConnectorMetadataCategoriesValid(p *Pass) error {
	for _, v := range inCategoryValues(p) {
		for _, c := range inSplitCategories(p.API.String(v)) {
			if inCanonCategory(c.text) != "" {
				continue
			}
			if strings.Contains(c.text, ",") {
				p.Swagger(v, "category %q is not a connector category; separate categories with ';', not ','", c.text)
				continue
			}
			p.Swagger(v, "category %q is not a connector category; use one of Microsoft's, such as \"Productivity\" or \"Data\" (the full list is in the rule's documentation)", c.text)
		}
	}
	return nil
}

var connectorMetadataCategoriesSpellingRule = &Rule{
	ID:            "connector-metadata-categories-spelling",
	Code:          "",
	Severity:      Info,
	Category:      "metadata",
	Inputs:        Swagger,
	Certification: true,
	Doc: Doc{
		Title: "Connector categories are spelled as in Microsoft's list",
		Why: "Microsoft matches categories case-insensitively (\"Social media\" and \"website\" have been merged), so a " +
			"differently cased category is accepted; writing it as Microsoft lists it keeps the metadata consistent with " +
			"the gallery. Split from connector-metadata-categories-valid, which reports unknown categories.",
		HowToFix: "Apply the fix, or write the category exactly as listed (e.g. \"Sales and CRM\", \"IT Operations\").",
		Source:   inCertURL + " ; " + inMetaCatalog + " (open question 14)",
	},
	Check: checkConnectorMetadataCategoriesSpelling,
}

func checkConnectorMetadataCategoriesSpelling(p *Pass) error {
	for _, v := range inCategoryValues(p) {
		s := p.API.String(v)
		// A fix edits one category in place, which needs the source text to be the decoded text.
		raw := p.API.Raw(v)
		plain := len(raw) >= 2 && string(raw[1:len(raw)-1]) == s
		for _, c := range inSplitCategories(s) {
			canon := inCanonCategory(c.text)
			if canon == "" || canon == c.text {
				continue
			}
			fd := p.Swagger(v, "category %q is spelled %q in Microsoft's list; use that spelling", c.text, canon)
			if plain {
				vs, _ := p.C.Swagger.Doc.ValueRange(v)
				fd.WithFix(fmt.Sprintf("Change %q to %q", c.text, canon),
					Edit{File: p.C.Swagger.Name, Start: vs + 1 + c.start, End: vs + 1 + c.end, New: canon})
			}
		}
	}
	return nil
}

var connectorMetadataCategoriesMaxRule = &Rule{
	ID:            "connector-metadata-categories-max",
	Code:          "TooManyConnectorCategories",
	Severity:      Error,
	Category:      "metadata",
	Inputs:        Swagger,
	Certification: true,
	Doc: Doc{
		Title: "The connector has at most two categories",
		Why: "Certification allows at most two categories, separated by ';' (TooManyConnectorCategories; reviewers: " +
			"\"Only two categories are allowed\"). Every merged connector follows it.",
		HowToFix: "Keep the two categories that describe the service best.",
		Source:   inCertURL + " ; " + inValURL + " ; " + inMetaCatalog,
	},
	Check: checkConnectorMetadataCategoriesMax,
}

func checkConnectorMetadataCategoriesMax(p *Pass) error {
	for _, v := range inCategoryValues(p) {
		if cs := inSplitCategories(p.API.String(v)); len(cs) > inMaxCats {
			p.Swagger(v, "categories %q name %d categories; keep at most %d", p.API.String(v), len(cs), inMaxCats)
		}
	}
	return nil
}

var connectorMetadataUrlsRule = &Rule{
	ID:            "connector-metadata-urls",
	Code:          "",
	Severity:      Warning,
	Category:      "metadata",
	Inputs:        Swagger,
	Certification: true,
	Doc: Doc{
		Title: "The Website and Privacy policy entries are absolute URLs",
		Why: "Certification asks for a URL in the Website and Privacy policy entries, and the connector page links to " +
			"them. No validator message for a malformed value has been seen and a few merged values lack the scheme " +
			"(\"www.…\"), so this is a warning. The rule checks the form only (http or https scheme and a host); it " +
			"cannot tell whether the page exists.",
		HowToFix: "Write the full address with its scheme, e.g. https://www.contoso.com/privacy.",
		Source:   inCertURL + " ; " + inMetaCatalog,
	},
	Check: checkConnectorMetadataUrls,
}

func checkConnectorMetadataUrls(p *Pass) error {
	_, es, ok := inMetadata(p)
	if !ok {
		return nil
	}
	for _, name := range []string{inWebsite, inPrivacy} {
		for _, e := range inMetaFind(es, name) {
			s, ok := p.API.Str(e.Value)
			if !ok || inBlank(s) || inAbsoluteURL(s) {
				continue
			}
			var fd *Finding
			if t := strings.TrimSpace(s); t != s && inAbsoluteURL(t) {
				fd = p.Swagger(e.Value, "the %q entry %q has white space around the URL; remove it", name, s)
			} else {
				fd = p.Swagger(e.Value, "the %q entry %q is not an absolute URL; write the full address, e.g. https://www.contoso.com", name, s)
			}
			if t := inRepairURL(s); t != "" {
				fd.WithFix(fmt.Sprintf("Change the value to %q", t), ReplaceString(p.C.Swagger, e.Value, t))
			}
		}
	}
	return nil
}

var connectorMetadataKnownNamesRule = &Rule{
	ID:            "connector-metadata-known-names",
	Code:          "",
	Severity:      Info,
	Category:      "metadata",
	Inputs:        Swagger,
	Certification: true,
	Doc: Doc{
		Title: "x-ms-connector-metadata only holds Website, Privacy policy and Categories",
		Why: "Microsoft's template and documentation define three metadata entries. Other names (\"Terms of Service\", " +
			"\"Support\"…) are ignored, and a misspelled one such as \"PrivacyPolicy\" leaves the real entry missing. " +
			"Names are compared case-insensitively, so \"Privacy Policy\" is accepted.",
		HowToFix: "Rename a misspelled entry to Website, Privacy policy or Categories, or remove the entry.",
		Source:   inCertURL + " ; " + inMetaCatalog,
	},
	Check: checkConnectorMetadataKnownNames,
}

// inLetters lower-cases s and keeps only its ASCII letters.
func inLetters(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if r >= 'a' && r <= 'z' {
			b.WriteRune(r)
		}
	}
	return b.String()
}

func checkConnectorMetadataKnownNames(p *Pass) error {
	_, es, ok := inMetadata(p)
	if !ok {
		return nil
	}
	for _, e := range es {
		if p.API.Kind(e.NameN) != connector.String {
			continue
		}
		known := ""
		for _, k := range inKnownMetaNames {
			if strings.EqualFold(strings.TrimSpace(e.Name), k) {
				known = k
			}
		}
		if known != "" {
			continue
		}
		for _, k := range inKnownMetaNames {
			if inLetters(e.Name) == inLetters(k) {
				p.Swagger(e.NameN, "metadata name %q is not recognised; write it %q", e.Name, k).
					WithFix(fmt.Sprintf("Rename it to %q", k), ReplaceString(p.C.Swagger, e.NameN, k))
				known = k
			}
		}
		if known == "" {
			p.Swagger(e.NameN, "metadata name %q is not one of Website, Privacy policy and Categories; certification ignores it", e.Name)
		}
	}
	return nil
}
