package rules

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/connectorlint/connectorlint/connector"
)

// infoRules are the info rules of apiDefinition.swagger.json (rules-catalog.md §2.2): the connector's
// title, description, contact, version and life-cycle annotations.
var infoRules = []*Rule{
	infoTitleRequiredEnglishRule,
	infoTitleMaxLengthRule,
	infoTitleRestrictedWordsRule,
	infoTitleProductNamesRule,
	infoTitleEndsAlphanumericRule,
	infoTitleUniqueRule,
	infoTitleProductOrOrgNameRule,
	ipConnectorNameSuffixRule,
	infoDescriptionRequiredRule,
	infoDescriptionLengthRule,
	infoDescriptionRestrictedWordsRule,
	infoDescriptionProductNamesRule,
	infoContactRequiredRule,
	infoContactCompleteRule,
	infoContactValidRule,
	infoVersionRequiredRule,
	apiAnnotationStatusValuesRule,
	deploymentVersionFormatRule,
}

const inCatalog = "rules-catalog §2.2"

const (
	inTitleMax   = 30
	inDescMin    = 30
	inDescMax    = 500
	inCertURL    = "https://learn.microsoft.com/en-us/connectors/custom-connectors/certification-submission"
	inValURL     = "https://learn.microsoft.com/en-us/connectors/custom-connectors/certification-swagger-validator-rules"
	inStringsURL = "https://learn.microsoft.com/en-us/connectors/custom-connectors/connector-string-guidance"
)

// ---- shared helpers ----

// inInfo returns the info object of the swagger, or None when it is missing or not an object.
func inInfo(p *Pass) connector.NodeID {
	info := p.API.Get(p.API.Root, "info")
	if p.API.Kind(info) != connector.Object {
		return connector.None
	}
	return info
}

// inInfoString returns info.<key> when it is a string node.
func inInfoString(p *Pass, key string) (connector.NodeID, string, bool) {
	n := p.API.Get(inInfo(p), key)
	s, ok := p.API.Str(n)
	return n, s, ok
}

// inToken is one word of a text: a run of letters and digits, with its byte range.
type inToken struct {
	start, end int
	lower      string
}

// inTokens splits s into words (runs of letters and digits), lower-cased.
func inTokens(s string) []inToken {
	if isASCII(s) {
		// Lower-casing keeps the offsets of ASCII text: one lower-case copy serves every token.
		isWord := func(i int) bool {
			return i < len(s) && asciiAlnumByte[s[i]]
		}
		n := 0
		for i := 0; i < len(s); i++ {
			if isWord(i) && (i == 0 || !isWord(i-1)) {
				n++
			}
		}
		out := make([]inToken, 0, n)
		lower := strings.ToLower(s)
		start := -1
		for i := 0; i <= len(s); i++ {
			word := isWord(i)
			if word && start < 0 {
				start = i
			}
			if !word && start >= 0 {
				out = append(out, inToken{start, i, lower[start:i]})
				start = -1
			}
		}
		return out
	}
	var out []inToken
	start := -1
	for i, r := range s {
		word := unicode.IsLetter(r) || unicode.IsDigit(r)
		if word && start < 0 {
			start = i
		}
		if !word && start >= 0 {
			out = append(out, inToken{start, i, strings.ToLower(s[start:i])})
			start = -1
		}
	}
	if start >= 0 {
		out = append(out, inToken{start, len(s), strings.ToLower(s[start:])})
	}
	return out
}

// inPhrases is a list of lower-case phrases prepared for inFindPhrases: each split into words, and
// what their first words start with.
type inPhrases struct {
	list  []string
	words [][]string // strings.Fields of each phrase
	first *inFirstWords
}

func newInPhrases(list ...string) *inPhrases {
	ps := &inPhrases{list: list, words: make([][]string, len(list)), first: newInFirstWords(list)}
	for i, ph := range list {
		ps.words[i] = strings.Fields(ph)
	}
	return ps
}

// inFindPhrases returns, as spelled in s, every phrase of ps that s contains as whole words,
// case-insensitively ("Power-Apps" and "power apps" both match "power apps"; "RAPID" does not match
// "api"). Each phrase is reported once, in order of appearance.
func inFindPhrases(s string, ps *inPhrases) []string {
	if isASCII(s) && !ps.first.in(s) {
		return []string{} // the common case: no phrase can match, s need not be split into words
	}
	toks := inTokens(s)
	type hit struct {
		at   int
		text string
	}
	var hits []hit
	for _, words := range ps.words {
		for i := 0; i+len(words) <= len(toks); i++ {
			ok := true
			for j, w := range words {
				if toks[i+j].lower != w {
					ok = false
					break
				}
			}
			if ok {
				hits = append(hits, hit{toks[i].start, s[toks[i].start:toks[i+len(words)-1].end]})
				break
			}
		}
	}
	for i := 1; i < len(hits); i++ {
		for j := i; j > 0 && hits[j].at < hits[j-1].at; j-- {
			hits[j], hits[j-1] = hits[j-1], hits[j]
		}
	}
	out := make([]string, len(hits))
	for i, h := range hits {
		out[i] = h.text
	}
	return out
}

// inFirstWords is what a list of phrases starts with: the lower-cased first words and the bytes they
// can start with, so that one pass over s finds them all.
type inFirstWords struct {
	any   bool      // a phrase has no words: every string matches
	first [256]bool // the bytes b with b|0x20 == w[0]|0x20 for a first word w
	words []string
}

func newInFirstWords(phrases []string) *inFirstWords {
	fw := &inFirstWords{}
	for _, ph := range phrases {
		words := strings.Fields(ph)
		if len(words) == 0 {
			fw.any = true
			continue
		}
		w := strings.ToLower(words[0])
		fw.words = append(fw.words, w)
		for b := range fw.first {
			if byte(b)|0x20 == w[0]|0x20 {
				fw.first[b] = true
			}
		}
	}
	return fw
}

// in reports whether ASCII s contains the first word of one of the phrases, ignoring ASCII case
// (anywhere, not only as a whole word): a phrase can only match if it does.
func (fw *inFirstWords) in(s string) bool {
	if fw.any {
		return true
	}
	for i := 0; i < len(s); i++ {
		if !fw.first[s[i]] {
			continue
		}
		for _, w := range fw.words {
			if len(w) <= len(s)-i && s[i]|0x20 == w[0]|0x20 && strings.EqualFold(s[i:i+len(w)], w) {
				return true
			}
		}
	}
	return false
}

// inQuoteList renders words as "a", "b" and "c".
func inQuoteList(ws []string) string {
	q := make([]string, len(ws))
	for i, w := range ws {
		q[i] = fmt.Sprintf("%q", w)
	}
	switch len(q) {
	case 0:
		return ""
	case 1:
		return q[0]
	}
	return strings.Join(q[:len(q)-1], ", ") + " and " + q[len(q)-1]
}

// inNonLatin returns the first letter of s that belongs to a script other than Latin, and the name of
// that script.
func inNonLatin(s string) (rune, string, bool) {
	for _, r := range s {
		if !unicode.IsLetter(r) || unicode.Is(unicode.Latin, r) {
			continue
		}
		for name, tab := range unicode.Scripts {
			if name != "Common" && name != "Inherited" && unicode.Is(tab, r) {
				return r, name, true
			}
		}
		return r, "non-Latin", true
	}
	return 0, "", false
}

func inItThem(ws []string) string {
	if len(ws) == 1 {
		return "it"
	}
	return "them"
}

func inPlural(ws []string, noun string) string {
	if len(ws) == 1 {
		return noun
	}
	return noun + "s"
}

func inBlank(s string) bool { return strings.TrimSpace(s) == "" }

// ---- title ----

var infoTitleRequiredEnglishRule = &Rule{
	ID:            "info-title-required-english",
	Code:          "ValueMustBeInEnglish",
	Severity:      Error,
	Category:      "info",
	Inputs:        Swagger,
	Certification: true,
	Doc: Doc{
		Title: "The connector has a non-empty title written in English",
		Why: "info.title is the connector's name everywhere it appears: the connector gallery, the designer and the documentation. " +
			"Certification requires it and requires English text (validator code ValueMustBeInEnglish; a missing or empty " +
			"title is reported as RequiredPropertyMissing / RequiredValueEmpty). Microsoft does not document how it decides " +
			"that a text is English, so this rule only flags letters from non-Latin scripts (Cyrillic, Han, Arabic…); " +
			"it cannot judge spelling or vocabulary, and a title in French or German written in Latin letters passes.",
		HowToFix: "Add \"title\" to info with the English name of the product or organisation, at most 30 characters.",
		Source:   inCertURL + " ; " + inValURL + " ; " + inCatalog + " (open question 15)",
	},
	Check: checkInfoTitleRequiredEnglish,
}

func checkInfoTitleRequiredEnglish(p *Pass) error {
	info := inInfo(p)
	if info == connector.None {
		return nil
	}
	title := p.API.Get(info, "title")
	if title == connector.None {
		p.SwaggerKey(info, "info has no \"title\"; add the English name of the product or organisation")
		return nil
	}
	s, ok := p.API.Str(title)
	if !ok {
		return nil
	}
	if inBlank(s) {
		p.Swagger(title, "title %q is empty; write the English name of the product or organisation", s)
		return nil
	}
	if r, script, bad := inNonLatin(s); bad {
		p.Swagger(title, "title %q contains %q from the %s script; certified connector titles must be written in English", s, r, script)
	}
	return nil
}

var infoTitleMaxLengthRule = &Rule{
	ID:            "info-title-max-length",
	Code:          "FieldLengthExceeded",
	Severity:      Error,
	Category:      "info",
	Inputs:        Swagger,
	Certification: true,
	Doc: Doc{
		Title: "The connector title is at most 30 characters",
		Why: "The certification validator rejects a title longer than 30 characters; the limit keeps the name readable " +
			"in the connector gallery and the designer's action cards. Pull requests have been blocked on it, and only " +
			"a handful of old merged connectors exceed it.",
		HowToFix: "Shorten the title to 30 characters or fewer, e.g. by dropping words that describe what a connector is.",
		Source:   inCertURL + " ; " + inStringsURL + " ; " + inCatalog,
	},
	Check: checkInfoTitleMaxLength,
}

func checkInfoTitleMaxLength(p *Pass) error {
	n, s, ok := inInfoString(p, "title")
	if c := utf8.RuneCountInString(s); ok && c > inTitleMax {
		p.Swagger(n, "title %q is %d characters long; shorten it to at most %d", s, c, inTitleMax)
	}
	return nil
}

// inTitleRestricted is the word list that the certification validator names in its message.
var inTitleRestricted = newInPhrases("api", "apis", "connector", "connectors")

// inProductNames are Power Platform product names that Microsoft's documentation forbids in titles and
// descriptions.
var inProductNames = newInPhrases("power apps", "powerapps", "power automate", "powerautomate", "logic apps",
	"power platform", "power bi", "copilot studio", "dataverse")

var infoTitleRestrictedWordsRule = &Rule{
	ID:            "info-title-restricted-words",
	Code:          "ValueContainsRestrictedWords",
	Severity:      Error,
	Category:      "info",
	Inputs:        Swagger,
	Certification: true,
	Doc: Doc{
		Title: "The connector title does not contain the words API or connector",
		Why: "Every connector is a connector to an API, so the words add nothing to its name; the certification validator " +
			"rejects a title containing \"api\" or \"connector\" (it names exactly these two words). This rule matches whole " +
			"words case-insensitively, including the plurals, so \"OpenAPI\" or \"Rapid\" are not flagged. Power Platform " +
			"product names in the title are a separate rule (info-title-product-names).",
		HowToFix: "Remove the word from the title, e.g. \"Contoso API Connector\" becomes \"Contoso\".",
		Source:   inCertURL + " ; " + inValURL + " ; " + inCatalog,
	},
	Check: checkInfoTitleRestrictedWords,
}

func checkInfoTitleRestrictedWords(p *Pass) error {
	n, s, ok := inInfoString(p, "title")
	if !ok {
		return nil
	}
	if ws := inFindPhrases(s, inTitleRestricted); len(ws) > 0 {
		p.Swagger(n, "title %q contains %s, which certification does not allow in a title; remove %s", s, inQuoteList(ws), inItThem(ws))
	}
	return nil
}

var infoTitleProductNamesRule = &Rule{
	ID:            "info-title-product-names",
	Code:          "",
	Severity:      Warning,
	Category:      "info",
	Inputs:        Swagger,
	Certification: true,
	Doc: Doc{
		Title: "The connector title does not name a Power Platform product",
		Why: "Microsoft's certification guidance says a title must not contain Power Platform product names (Power Apps, " +
			"Power Automate, Logic Apps, Copilot Studio and the like), because the connector is shown inside those products. " +
			"The validator's own restricted-word list for titles only names \"api\" and \"connector\", and a few merged " +
			"connectors carry product names, so this is a warning rather than an error (split from " +
			"info-title-restricted-words, which covers the validator's list).",
		HowToFix: "Name the service the connector talks to, not the Microsoft product it is used from.",
		Source:   inCertURL + " ; " + inStringsURL + " ; " + inCatalog + " (open question 2)",
	},
	Check: checkInfoTitleProductNames,
}

func checkInfoTitleProductNames(p *Pass) error {
	n, s, ok := inInfoString(p, "title")
	if !ok {
		return nil
	}
	if ws := inFindPhrases(s, inProductNames); len(ws) > 0 {
		p.Swagger(n, "title %q contains the %s %s; name the service the connector talks to instead", s, inPlural(ws, "product name"), inQuoteList(ws))
	}
	return nil
}

var infoTitleEndsAlphanumericRule = &Rule{
	ID:            "info-title-ends-alphanumeric",
	Code:          "ValueMustEndWithAlphanumeric",
	Severity:      Error,
	Category:      "info",
	Inputs:        Swagger,
	Certification: true,
	Doc: Doc{
		Title: "The connector title ends with a letter, a digit or a closing parenthesis",
		Why: "The certification validator requires the title to end with an alphanumeric character: no trailing space, " +
			"line break or punctuation. Merged certified titles such as \"Asite (US Gov.)\" show that a closing " +
			"parenthesis is accepted, so \")\" is allowed here.",
		HowToFix: "Remove the trailing punctuation or white space.",
		Source:   inCertURL + " ; " + inValURL + " ; " + inCatalog + " (open question 1)",
	},
	Check: checkInfoTitleEndsAlphanumeric,
}

func inEndsOK(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(s)
	return unicode.IsLetter(r) || unicode.IsDigit(r) || r == ')'
}

func checkInfoTitleEndsAlphanumeric(p *Pass) error {
	n, s, ok := inInfoString(p, "title")
	if !ok || inBlank(s) || inEndsOK(s) {
		return nil
	}
	r, _ := utf8.DecodeLastRuneInString(s)
	fd := p.Swagger(n, "title %q ends with %q; end it with a letter or a digit", s, r)
	trimmed := strings.TrimRightFunc(s, func(r rune) bool { return unicode.IsSpace(r) || strings.ContainsRune(".,;:!?-_~*", r) })
	if trimmed != "" && inEndsOK(trimmed) {
		fd.WithFix(fmt.Sprintf("Change the title to %q", trimmed), ReplaceString(p.C.Swagger, n, trimmed))
	}
	return nil
}

// inFirstPartyTitles are display names of Microsoft's own (first-party) connectors. A new connector
// that takes one of them is not distinguishable from the Microsoft connector.
var inFirstPartyTitles = []string{
	"Office 365 Outlook", "Office 365 Users", "Office 365 Groups", "Office 365 Groups Mail", "Outlook.com",
	"Outlook Tasks", "SharePoint", "OneDrive", "OneDrive for Business", "Microsoft Teams", "Teams",
	"Excel Online (Business)", "Excel Online (OneDrive)", "Word Online (Business)", "OneNote (Business)",
	"Microsoft Dataverse", "Dataverse", "Common Data Service", "Common Data Service (current environment)",
	"SQL Server", "Azure Blob Storage", "Azure File Storage", "Azure Queues", "Azure Table Storage",
	"Azure DevOps", "Azure Key Vault", "Azure Data Factory", "Azure Automation", "Azure Resource Manager",
	"Azure Event Grid", "Azure Service Bus", "Azure Cosmos DB", "Azure AD", "Microsoft Entra ID",
	"Azure OpenAI", "Azure Data Explorer", "Planner", "Microsoft Planner", "Microsoft Forms",
	"Microsoft To-Do (Business)", "Microsoft Bookings", "Approvals", "Notifications", "Mail", "Power BI",
	"Yammer", "Viva Engage", "Shifts for Microsoft Teams", "RSS", "HTTP with Microsoft Entra ID",
	"HTTP with Azure AD", "Content Conversion", "AI Builder", "Microsoft Copilot Studio",
	"Power Automate Management", "Power Apps for Makers", "Power Apps for Admins", "Power Platform for Admins",
	"Microsoft Translator", "Microsoft Translator V2", "MSN Weather", "Bing Maps", "Bing Search",
	"Dynamics 365", "Dynamics 365 Business Central", "Microsoft 365 compliance", "Office 365 Video",
}

func inNormTitle(s string) string { return strings.ToLower(strings.Join(strings.Fields(s), " ")) }

var inFirstParty = func() map[string]string {
	m := map[string]string{}
	for _, t := range inFirstPartyTitles {
		m[inNormTitle(t)] = t
	}
	return m
}()

// inByMicrosoft reports whether the connector says Microsoft publishes it: the publisher in
// apiProperties.json, or the contact's name, url or email.
func inByMicrosoft(p *Pass) bool {
	var texts []string
	if p.C.Props != nil && p.C.Props.Doc != nil {
		d := p.C.Props.Doc
		texts = append(texts, d.String(d.Path(d.Root, "properties", "publisher")))
	}
	contact := p.API.Get(inInfo(p), "contact")
	for _, k := range []string{"name", "url", "email"} {
		texts = append(texts, p.API.GetString(contact, k))
	}
	for _, t := range texts {
		if strings.Contains(strings.ToLower(t), "microsoft") {
			return true
		}
	}
	return false
}

var infoTitleUniqueRule = &Rule{
	ID:            "info-title-unique",
	Code:          "",
	Severity:      Warning,
	Category:      "info",
	Inputs:        Swagger,
	Certification: true,
	Doc: Doc{
		Title: "The connector title is not the name of a Microsoft connector",
		Why: "Certification asks for a title that is unique and distinguishable from existing connectors; reviewers " +
			"turn down titles that clash, and a maker cannot tell two connectors of the same name apart. Uniqueness " +
			"against every published connector cannot be checked offline and one connector at a time, so this rule " +
			"only compares the title (case- and space-insensitively) with a built-in list of Microsoft's own connectors " +
			"(Office 365 Outlook, SharePoint, Microsoft Teams, SQL Server…), skipping connectors that name Microsoft as " +
			"their publisher or contact (Microsoft keeps a few of its own connectors in the repository). Two connectors " +
			"of one run that share a title are not detected here.",
		HowToFix: "Use your own product or organisation name as the title.",
		Source:   inCertURL + " ; " + inCatalog,
	},
	Check: checkInfoTitleUnique,
}

func checkInfoTitleUnique(p *Pass) error {
	n, s, ok := inInfoString(p, "title")
	if !ok {
		return nil
	}
	if t, clash := inFirstParty[inNormTitle(s)]; clash && !inByMicrosoft(p) {
		p.Swagger(n, "title %q is the name of Microsoft's %q connector; use your own product or organisation name", s, t)
	}
	return nil
}

// inGenericWords are words that say what a connector is, not whose it is.
var inGenericWords = map[string]bool{
	"a": true, "the": true, "my": true, "our": true, "new": true, "for": true, "and": true, "to": true, "of": true,
	"api": true, "apis": true, "rest": true, "restful": true, "http": true, "https": true, "web": true, "webhook": true,
	"webhooks": true, "service": true, "services": true, "connector": true, "connectors": true, "connection": true,
	"custom": true, "test": true, "testing": true, "tests": true, "sample": true, "demo": true, "example": true,
	"default": true, "untitled": true, "title": true, "name": true, "app": true, "application": true,
	"integration": true, "swagger": true, "openapi": true, "generic": true, "simple": true, "basic": true,
	"v1": true, "v2": true, "v3": true, "preview": true, "beta": true, "version": true,
}

var infoTitleProductOrOrgNameRule = &Rule{
	ID:            "info-title-product-or-org-name",
	Code:          "",
	Severity:      Info,
	Category:      "info",
	Inputs:        Swagger,
	Certification: true,
	Doc: Doc{
		Title: "The connector title names a product or an organisation",
		Why: "Microsoft's guidance is that the title be the name of the product or organisation behind the API. Whether " +
			"a word is a product name cannot be checked offline, so this rule only catches the obvious misses: titles " +
			"made up entirely of generic words such as \"REST API Connector\", \"My Connector\", \"Custom Connector\" " +
			"or \"Test\" (numbers are ignored).",
		HowToFix: "Use the name of the service, e.g. \"Contoso Tickets\" rather than \"Ticket REST API\".",
		Source:   inCertURL + " ; " + inCatalog,
	},
	Check: checkInfoTitleProductOrOrgName,
}

func checkInfoTitleProductOrOrgName(p *Pass) error {
	n, s, ok := inInfoString(p, "title")
	if !ok || inBlank(s) {
		return nil
	}
	words := 0
	for _, t := range inTokens(s) {
		if strings.Trim(t.lower, "0123456789") == "" {
			continue
		}
		if !inGenericWords[t.lower] {
			return nil
		}
		words++
	}
	if words > 0 {
		p.Swagger(n, "title %q is a generic phrase; use the name of the product or organisation the connector serves", s)
	}
	return nil
}

var ipConnectorNameSuffixRule = &Rule{
	ID:       "ip-connector-name-suffix",
	Code:     "",
	Severity: Warning,
	Category: "info",
	Inputs:   Swagger,
	Profiles: []connector.Profile{connector.IndependentPublisher},
	Doc: Doc{
		Title: "An independent publisher's title does not carry the \"(Independent Publisher)\" suffix",
		Why: "For independent publishers the pull request and the published connector are named \"Name (Independent " +
			"Publisher)\", but Microsoft appends the suffix itself: none of the merged independent-publisher swaggers " +
			"has it in info.title. Writing it there doubles it and eats most of the 30-character title limit. This rule " +
			"checks the swagger only; the pull-request title that must follow the pattern is outside its reach.",
		HowToFix: "Remove \"(Independent Publisher)\" from info.title and keep it in the pull-request title.",
		Source:   "https://learn.microsoft.com/en-us/connectors/custom-connectors/certification-submission-ip ; " + inCatalog,
	},
	Check: checkIPConnectorNameSuffix,
}

func checkIPConnectorNameSuffix(p *Pass) error {
	n, s, ok := inInfoString(p, "title")
	if !ok {
		return nil
	}
	toks := inTokens(s)
	for i := 0; i+1 < len(toks); i++ {
		if toks[i].lower != "independent" || toks[i+1].lower != "publisher" {
			continue
		}
		// The suffix with its brackets or dash and the spaces around it.
		start, end := toks[i].start, toks[i+1].end
		for start > 0 && strings.ContainsRune("([{ -", rune(s[start-1])) {
			start--
		}
		for end < len(s) && strings.ContainsRune(")]} ", rune(s[end])) {
			end++
		}
		fd := p.Swagger(n, "title %q contains \"Independent Publisher\", which Microsoft appends to the published name itself; remove it from info.title", s)
		if rest := strings.TrimSpace(s[:start]); end == len(s) && rest != "" {
			fd.WithFix(fmt.Sprintf("Change the title to %q", rest), ReplaceString(p.C.Swagger, n, rest))
		}
		return nil
	}
	return nil
}

// ---- description ----

var infoDescriptionRequiredRule = &Rule{
	ID:            "info-description-required",
	Code:          "",
	Severity:      Error,
	Category:      "info",
	Inputs:        Swagger,
	Certification: true,
	Doc: Doc{
		Title: "The connector has a non-empty description written in English",
		Why: "info.description is shown on the connector's page and in its documentation. The certification validator " +
			"reports a missing one (\"The 'description' property is required\", code RequiredPropertyMissing) and " +
			"requires English text (ValueMustBeInEnglish). As for the title, only letters from non-Latin scripts are " +
			"flagged: spelling and grammar, which reviewers also check, are out of reach.",
		HowToFix: "Add \"description\" to info: one or two English sentences (30 to 500 characters) saying what the service does.",
		Source:   inCertURL + " ; " + inCatalog,
	},
	Check: checkInfoDescriptionRequired,
}

func checkInfoDescriptionRequired(p *Pass) error {
	info := inInfo(p)
	if info == connector.None {
		return nil
	}
	d := p.API.Get(info, "description")
	if d == connector.None {
		p.SwaggerKey(info, "info has no \"description\"; add one or two English sentences saying what the service does")
		return nil
	}
	s, ok := p.API.Str(d)
	if !ok {
		return nil
	}
	if inBlank(s) {
		p.Swagger(d, "description %q is empty; write one or two English sentences saying what the service does", s)
		return nil
	}
	if r, script, bad := inNonLatin(s); bad {
		p.Swagger(d, "description contains %q from the %s script; certified connector descriptions must be written in English", r, script)
	}
	return nil
}

var infoDescriptionLengthRule = &Rule{
	ID:            "info-description-length",
	Code:          "",
	Severity:      Error,
	Category:      "info",
	Inputs:        Swagger,
	Certification: true,
	Doc: Doc{
		Title: "The connector description is 30 to 500 characters long",
		Why: "The certification validator rejects a description shorter than 30 or longer than 500 characters " +
			"(\"The 'description' value must be between '30' and '500' characters\"); no connector changed since 2023 " +
			"breaks the range. An empty description is left to info-description-required.",
		HowToFix: "Write one or two sentences that say what the service does; move longer explanations to the readme.",
		Source:   inCertURL + " ; " + inCatalog,
	},
	Check: checkInfoDescriptionLength,
}

func checkInfoDescriptionLength(p *Pass) error {
	n, s, ok := inInfoString(p, "description")
	if !ok || inBlank(s) {
		return nil
	}
	switch c := utf8.RuneCountInString(s); {
	case c < inDescMin:
		p.Swagger(n, "description %q is %d characters long; write at least %d, saying what the service does", s, c, inDescMin)
	case c > inDescMax:
		p.Swagger(n, "description is %d characters long; shorten it to at most %d and move the details to the readme", c, inDescMax)
	}
	return nil
}

// inDescRestricted is the word list that the certification validator names for descriptions.
var inDescRestricted = newInPhrases("power apps", "power automate", "logic apps")

// inDescProductNames are the other product names Microsoft's guidance forbids in descriptions.
var inDescProductNames = newInPhrases("powerapps", "powerautomate", "power platform", "power bi", "copilot studio", "dataverse")

var infoDescriptionRestrictedWordsRule = &Rule{
	ID:            "info-description-restricted-words",
	Code:          "ValueContainsRestrictedWords",
	Severity:      Error,
	Category:      "info",
	Inputs:        Swagger,
	Certification: true,
	Doc: Doc{
		Title: "The connector description does not mention Power Apps, Power Automate or Logic Apps",
		Why: "The description is shown inside those products, so naming them adds nothing; the certification validator " +
			"rejects a description that contains \"power apps\", \"power automate\" or \"logic apps\" (the list its message " +
			"names). Words are matched whole and case-insensitively. \"API\" and \"connector\" are allowed in the " +
			"description. Other product names are the warning rule info-description-product-names.",
		HowToFix: "Describe the service itself, e.g. \"Contoso Tickets lets you create and track support tickets.\"",
		Source:   inCertURL + " ; " + inValURL + " ; " + inCatalog,
	},
	Check: checkInfoDescriptionRestrictedWords,
}

func checkInfoDescriptionRestrictedWords(p *Pass) error {
	n, s, ok := inInfoString(p, "description")
	if !ok {
		return nil
	}
	if ws := inFindPhrases(s, inDescRestricted); len(ws) > 0 {
		p.Swagger(n, "description contains %s, which certification does not allow in a description; remove %s", inQuoteList(ws), inItThem(ws))
	}
	return nil
}

var infoDescriptionProductNamesRule = &Rule{
	ID:            "info-description-product-names",
	Code:          "",
	Severity:      Warning,
	Category:      "info",
	Inputs:        Swagger,
	Certification: true,
	Doc: Doc{
		Title: "The connector description does not name other Power Platform products",
		Why: "Microsoft's guidance says a description cannot contain Power Platform product names and, lately, cannot refer " +
			"to Copilot Studio. The validator's list only holds Power Apps, Power Automate and Logic Apps (see " +
			"info-description-restricted-words); descriptions naming Power Platform, Power BI, Dataverse or Copilot Studio " +
			"have been merged, so this is a warning.",
		HowToFix: "Describe what the service does rather than where the connector can be used.",
		Source:   inCertURL + " ; " + inStringsURL + " ; " + inCatalog + " (open question 2)",
	},
	Check: checkInfoDescriptionProductNames,
}

func checkInfoDescriptionProductNames(p *Pass) error {
	n, s, ok := inInfoString(p, "description")
	if !ok {
		return nil
	}
	if ws := inFindPhrases(s, inDescProductNames); len(ws) > 0 {
		p.Swagger(n, "description contains the %s %s; describe the service itself instead", inPlural(ws, "product name"), inQuoteList(ws))
	}
	return nil
}

// ---- contact ----

var infoContactRequiredRule = &Rule{
	ID:            "info-contact-required",
	Code:          "",
	Severity:      Error,
	Category:      "info",
	Inputs:        Swagger,
	Certification: true,
	Doc: Doc{
		Title: "The connector has a contact object",
		Why: "Certification requires info.contact so that users and Microsoft know who supports the connector; both the " +
			"pipeline and paconn report \"The 'contact' property is required\" (code RequiredPropertyMissing). Older " +
			"merged connectors lack it, but almost none changed since 2023 do.",
		HowToFix: "Add \"contact\": {\"name\": \"…\", \"url\": \"https://…\", \"email\": \"support@…\"} to info.",
		Source:   inCertURL + " ; " + inCatalog,
	},
	Check: checkInfoContactRequired,
}

func checkInfoContactRequired(p *Pass) error {
	info := inInfo(p)
	if info != connector.None && p.API.Get(info, "contact") == connector.None {
		p.SwaggerKey(info, "info has no \"contact\"; add the support team's name, url and email")
	}
	return nil
}

var infoContactCompleteRule = &Rule{
	ID:            "info-contact-complete",
	Code:          "",
	Severity:      Warning,
	Category:      "info",
	Inputs:        Swagger,
	Certification: true,
	Doc: Doc{
		Title: "The contact gives a name, a URL and an email address",
		Why: "Certification asks for the support team's name, support site and support email in info.contact, and " +
			"reviewers ask independent publishers to add a missing email. The validator only checks the object exists " +
			"(info-contact-required), and about one merged connector in ten lacks a field, so this is a warning. " +
			"The format of the url and email is info-contact-valid.",
		HowToFix: "Fill in contact.name, contact.url and contact.email.",
		Source:   inCertURL + " ; https://learn.microsoft.com/en-us/connectors/custom-connectors/certification-submission-ip ; " + inCatalog,
	},
	Check: checkInfoContactComplete,
}

func checkInfoContactComplete(p *Pass) error {
	contact := p.API.Get(inInfo(p), "contact")
	if p.API.Kind(contact) != connector.Object {
		return nil
	}
	var missing []string
	for _, k := range []string{"name", "url", "email"} {
		v := p.API.Get(contact, k)
		if v == connector.None {
			missing = append(missing, k)
			continue
		}
		if s, ok := p.API.Str(v); ok && inBlank(s) {
			p.Swagger(v, "contact %s %q is empty; give the support %s", k, s, map[string]string{"name": "team's name", "url": "site's URL", "email": "email address"}[k])
		}
	}
	if len(missing) > 0 {
		p.SwaggerKey(contact, "contact has no %s; give the support team's name, site URL and email address", inQuoteList(missing))
	}
	return nil
}

var infoContactValidRule = &Rule{
	ID:            "info-contact-valid",
	Code:          "ContactEmailNotValid",
	Severity:      Error,
	Category:      "info",
	Inputs:        Swagger,
	Certification: true,
	Doc: Doc{
		Title: "The contact's email is an email address and its URL is absolute",
		Why: "The certification validator rejects a contact email that is not an email address (ContactEmailNotValid) " +
			"and a contact url that is not an absolute URL (UrlNotValid). Users follow these to get support. The email " +
			"check is syntactic (one @, a dotted domain, no spaces); whether the mailbox exists cannot be checked.",
		HowToFix: "Write the email as name@example.com without \"mailto:\", and the url with its scheme, e.g. https://example.com/support.",
		Source:   inValURL + " ; " + inCertURL + " ; " + inCatalog,
	},
	Check: checkInfoContactValid,
}

// inEmailOK reports whether s looks like a plain email address.
func inEmailOK(s string) bool {
	at := strings.IndexByte(s, '@')
	if at <= 0 || at != strings.LastIndexByte(s, '@') || strings.ContainsAny(s, " \t\r\n<>,;:()[]\\\"") {
		return false
	}
	domain := s[at+1:]
	dot := strings.LastIndexByte(domain, '.')
	return dot > 0 && dot < len(domain)-1 && !strings.HasPrefix(domain, ".") && !strings.Contains(domain, "..")
}

func checkInfoContactValid(p *Pass) error {
	contact := p.API.Get(inInfo(p), "contact")
	if e := p.API.Get(contact, "email"); p.API.Kind(e) == connector.String {
		s := p.API.String(e)
		if !inBlank(s) && !inEmailOK(s) {
			fd := p.Swagger(e, "contact email %q is not an email address; write it as name@example.com", s)
			if t := strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(s), "mailto:")); t != s && inEmailOK(t) {
				fd.WithFix(fmt.Sprintf("Change the email to %q", t), ReplaceString(p.C.Swagger, e, t))
			}
		}
	}
	if u := p.API.Get(contact, "url"); p.API.Kind(u) == connector.String {
		s := p.API.String(u)
		if !inBlank(s) && !inAbsoluteURL(s) {
			fd := p.Swagger(u, "contact url %q is not an absolute URL; write it with its scheme, e.g. https://example.com/support", s)
			if t := inRepairURL(s); t != "" {
				fd.WithFix(fmt.Sprintf("Change the url to %q", t), ReplaceString(p.C.Swagger, u, t))
			}
		}
	}
	return nil
}

// ---- version and life cycle ----

var infoVersionRequiredRule = &Rule{
	ID:       "info-version-required",
	Code:     "",
	Severity: Error,
	Category: "info",
	Inputs:   Swagger,
	Doc: Doc{
		Title: "info.version is a non-empty string",
		Why: "Swagger 2.0 and Microsoft's schema require info.version, as a string. A number such as 1.0 is a type " +
			"error for the validator (JsonTypeIncorrect) and an absent one a missing property (RequiredPropertyMissing).",
		HowToFix: "Add \"version\": \"1.0\" to info, or put the existing number in quotes.",
		Source:   "https://swagger.io/specification/v2/ ; Microsoft's apiDefinition.swagger.schema.json ; " + inCatalog,
	},
	Check: checkInfoVersionRequired,
}

func checkInfoVersionRequired(p *Pass) error {
	info := inInfo(p)
	if info == connector.None {
		return nil
	}
	v := p.API.Get(info, "version")
	switch p.API.Kind(v) {
	case connector.Invalid:
		p.SwaggerKey(info, "info has no \"version\"; add one, e.g. \"version\": \"1.0\"")
	case connector.String:
		if s := p.API.String(v); inBlank(s) {
			p.Swagger(v, "version %q is empty; give the API's version, e.g. \"1.0\"", s)
		}
	case connector.Number:
		raw := string(p.API.Raw(v))
		p.Swagger(v, "version %s is a number; write it as a string, %q", raw, raw).
			WithFix("Put the version in quotes", ReplaceString(p.C.Swagger, v, raw))
	}
	return nil
}

var inStatuses = []string{"Preview", "Production"}

var apiAnnotationStatusValuesRule = &Rule{
	ID:       "api-annotation-status-values",
	Code:     "OperationStatusAheadOfConnector",
	Severity: Error,
	Category: "info",
	Inputs:   Swagger,
	Doc: Doc{
		Title: "Life-cycle statuses are Preview or Production, and no operation is ahead of the connector",
		Why: "x-ms-api-annotation.status, on info and on operations, takes the values \"Preview\" and \"Production\" " +
			"(Microsoft's schema; anything else is JsonValueNotInEnum). The validator also rejects an operation in " +
			"Production while the connector is in Preview (OperationStatusAheadOfConnector) and a Production connector " +
			"on a beta service (ProductionStatusOnBetaService). Whether the back end is a beta service is not in the " +
			"files, so that last check is not made.",
		HowToFix: "Use \"Preview\" or \"Production\" exactly; mark the operation Preview until the whole connector is Production.",
		Source:   "https://learn.microsoft.com/en-us/connectors/custom-connectors/operational-versioning ; " + inValURL + " ; " + inCatalog,
	},
	Check: checkAPIAnnotationStatusValues,
}

// inStatus checks one status node and returns its value when it is valid.
func inStatus(p *Pass, n connector.NodeID, where string) string {
	s, ok := p.API.Str(n)
	if !ok {
		return ""
	}
	for _, v := range inStatuses {
		if s == v {
			return s
		}
	}
	fd := p.Swagger(n, "%s status %q is not a life-cycle status; use \"Preview\" or \"Production\"", where, s)
	for _, v := range inStatuses {
		if strings.EqualFold(strings.TrimSpace(s), v) {
			fd.WithFix(fmt.Sprintf("Change the status to %q", v), ReplaceString(p.C.Swagger, n, v))
			return v
		}
	}
	return ""
}

func checkAPIAnnotationStatusValues(p *Pass) error {
	conn := inStatus(p, p.API.Path(inInfo(p), "x-ms-api-annotation", "status"), "connector")
	for _, op := range p.API.Ops {
		n := p.API.Path(op.Node, "x-ms-api-annotation", "status")
		if n == connector.None { // most operations: no status, and no name to spell out
			continue
		}
		if st := inStatus(p, n, "operation "+op.Name()); st == "Production" && conn == "Preview" {
			p.Swagger(n, "operation %s is in Production while the connector is in Preview; mark it \"Preview\" too", op.Name())
		}
	}
	return nil
}

var deploymentVersionFormatRule = &Rule{
	ID:       "deployment-version-format",
	Code:     "",
	Severity: Error,
	Category: "info",
	Inputs:   Swagger,
	Doc: Doc{
		Title: "info.x-ms-deployment-version is a dotted version number",
		Why: "Microsoft's schema requires x-ms-deployment-version to be a string of dot-separated numbers with at least " +
			"two parts, such as \"1.0\" or \"1.2.3\" (pattern ^\\d+(\\.\\d+)+$); a \"v\" prefix, a single number or a " +
			"pre-release suffix does not match.",
		HowToFix: "Write the version as numbers separated by dots, e.g. \"1.0.0\".",
		Source:   "Microsoft's apiDefinition.swagger.schema.json ; " + inCatalog,
	},
	Check: checkDeploymentVersionFormat,
}

func inDottedVersion(s string) bool {
	parts := strings.Split(s, ".")
	if len(parts) < 2 {
		return false
	}
	for _, p := range parts {
		if p == "" || strings.Trim(p, "0123456789") != "" {
			return false
		}
	}
	return true
}

func checkDeploymentVersionFormat(p *Pass) error {
	v := p.API.Get(inInfo(p), "x-ms-deployment-version")
	switch p.API.Kind(v) {
	case connector.String:
		if s := p.API.String(v); !inDottedVersion(s) {
			fd := p.Swagger(v, "x-ms-deployment-version %q is not a dotted version number; write it like \"1.0.0\"", s)
			if t := strings.TrimPrefix(strings.TrimPrefix(strings.TrimSpace(s), "v"), "V"); t != s && inDottedVersion(t) {
				fd.WithFix(fmt.Sprintf("Change the version to %q", t), ReplaceString(p.C.Swagger, v, t))
			}
		}
	case connector.Number:
		raw := string(p.API.Raw(v))
		fd := p.Swagger(v, "x-ms-deployment-version %s is a number; write it as a string like \"1.0.0\"", raw)
		if inDottedVersion(raw) {
			fd.WithFix("Put the version in quotes", ReplaceString(p.C.Swagger, v, raw))
		}
	}
	return nil
}
