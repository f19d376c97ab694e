package rules

import (
	"bytes"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/connectorlint/connectorlint/connector"
)

// readmeRules are the readme.md rules (rules-catalog.md §4).
var readmeRules = []*Rule{
	readmePresentRule,
	readmeTitleParagraphRule,
	readmePublisherSectionRule,
	readmePrerequisitesSectionRule,
	readmeSupportedOperationsSectionRule,
	readmeObtainingCredentialsSectionRule,
	readmeKnownIssuesSectionRule,
	readmeDeploymentInstructionsRule,
	readmeOauthAppStepsRule,
	readmeOperationsMatchSwaggerRule,
	readmeOperationsDocumentedRule,
	readmeNoSensitiveInfoRule,
	readmeOptionalSectionsRule,
}

const rdTemplateSource = "microsoft/PowerPlatformConnectors templates/certified-connectors/readme.md and templates/independent-publisher-connectors/readme.md"

var readmePresentRule = &Rule{
	ID: "readme-present", Severity: Error, Category: "readme", Inputs: Folder, Certification: true,
	Doc: Doc{
		Title: "The connector folder has a readme.md",
		Why: "Microsoft's certification documentation says a readme is necessary for verified and independent publishers alike, " +
			"and the repository's contribution guide asks for one with every connector; it becomes the connector's public " +
			"documentation page. No pipeline step checks it: reviewers do. Almost every merged connector has one (11 of 1,015 " +
			"in the October 2024 snapshot lack it, 1 of 469 touched since 2023).",
		HowToFix: "Add a readme.md (any letter case) next to apiDefinition.swagger.json, starting from Microsoft's readme template.",
		Source:   "https://learn.microsoft.com/connectors/custom-connectors/certification-submission ; rules-catalog §4 readme-present",
	},
	Check: checkReadmePresent,
}

func checkReadmePresent(p *Pass) error {
	if p.C.Readme != nil || hasIssueFor(p.C, connector.ReadmeName) {
		return nil
	}
	hint := ""
	for _, e := range p.C.Entries {
		l := strings.ToLower(e.Name)
		if !e.Dir && (strings.HasPrefix(l, "readme") || l == "intro.md") {
			hint = e.Name
			break
		}
	}
	if hint != "" {
		p.WholeFile(p.C.Dir, "the folder has no readme.md, only %q; rename it or add a readme.md that documents the connector", hint)
		return nil
	}
	p.WholeFile(p.C.Dir, "the folder has no readme.md; add one that documents the connector, starting from Microsoft's readme template")
	return nil
}

var readmeTitleParagraphRule = &Rule{
	ID: "readme-title-paragraph", Severity: Warning, Category: "readme", Inputs: Readme, Certification: true,
	Doc: Doc{
		Title: "The readme opens with a # title and a paragraph about the service",
		Why: "Microsoft's readme template starts with a level-1 heading naming the connector followed by one paragraph of two or " +
			"three sentences about the service and the connector; the readme becomes the connector's documentation page. " +
			"Reviewers reject vague or missing descriptions. connectorlint checks the shape only: the first heading is a " +
			"level-1 heading and some prose follows it before the next heading; it cannot judge whether the text is clear.",
		HowToFix: "Start the readme with '# <connector name>' and write two or three sentences about the service and what the connector does.",
		Source:   rdTemplateSource + " ; reviews in microsoft/PowerPlatformConnectors PR#854, PR#1091 ; rules-catalog §4 readme-title-paragraph",
	},
	Check: checkReadmeTitleParagraph,
}

func checkReadmeTitleParagraph(p *Pass) error {
	f := p.C.Readme
	m := rdReadme(p)
	h := -1
	for k, l := range m.Lines {
		if l.Kind == rdHeading && l.Level <= 2 {
			h = k
			break
		}
	}
	if h < 0 {
		s, e := rdAnchor(m)
		p.Report(f, s, e, "", "the readme has no title heading; start it with a '# <connector name>' title followed by a paragraph about the service")
		return nil
	}
	l := m.Lines[h]
	s, e := rdLineRange(l)
	title := m.text(l)
	if n := m.headingWords(h); n == "title" || n == "your connector name" {
		p.Report(f, s, e, "", "the readme's title %q is the template's placeholder; use the connector's name", title)
		return nil
	} else if rdIsSectionName(n) {
		p.Report(f, s, e, "", "the readme starts with the section %q instead of a title; put a '# <connector name>' title and a paragraph about the service above it", title)
		return nil
	}
	// Prose below the title, possibly under an introductory heading such as "Overview", before the
	// first template section; the publisher line does not count.
	inPublisher := false
	for k := h + 1; k < len(m.Lines); k++ {
		lk := m.Lines[k]
		switch lk.Kind {
		case rdHeading:
			n := m.headingWords(k)
			if rdIsTemplateSection(n) {
				k = len(m.Lines)
				continue
			}
			inPublisher = rdIsPublisher(n)
		case rdText, rdItem:
			if !inPublisher && rdProse(m.text(lk)) {
				return nil
			}
		}
	}
	p.Report(f, s, e, "", "the title %q is not followed by a paragraph; describe the service and the connector in two or three sentences below it", title)
	return nil
}

// rdIsSectionName reports whether a normalised heading reads as one of the template's sections
// rather than a connector name ("Prerequisites", but not "Advanced Data Operations").
func rdIsSectionName(n string) bool {
	for _, pre := range []string{"publisher", "author", "prerequisite", "pre requisite", "supported operations",
		"supported actions", "obtaining credentials", "how to get credentials", "known issues", "deployment instructions"} {
		if strings.HasPrefix(n, pre) {
			return true
		}
	}
	return false
}

// rdIsTemplateSection reports whether a normalised heading is one of the template's required
// sections after the publisher.
func rdIsTemplateSection(n string) bool {
	return rdIsPrerequisites(n) || rdIsOperations(n) || rdIsCredentials(n) || rdIsKnownIssues(n) || rdIsDeployment(n)
}

// rdProse reports whether a line holds words, not only an image, a link target or a badge.
func rdProse(s string) bool {
	// Drop images ![alt](url) and bare URLs: what is left must have at least three words.
	for {
		i := strings.Index(s, "![")
		if i < 0 {
			break
		}
		j := strings.Index(s[i:], ")")
		if j < 0 {
			break
		}
		s = s[:i] + " " + s[i+j+1:]
	}
	var words int
	for w := range strings.FieldsSeq(s) {
		if strings.Contains(w, "://") || strings.HasPrefix(w, "<") {
			continue
		}
		if rdHasLetterOrDigit(w) { // rdKey(w) != ""
			if words++; words == 3 {
				return true
			}
		}
	}
	return false
}

// rdHasLetterOrDigit reports whether s holds a letter or a digit, read as a range loop reads it (as
// rdFold does).
func rdHasLetterOrDigit(s string) bool {
	for _, r := range s {
		if r < utf8.RuneSelf {
			if rdFoldASCII[r] != 0 {
				return true
			}
		} else if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return true
		}
	}
	return false
}

// rdAnchor is where a finding about the readme as a whole goes: its title heading, else its first
// non-blank line, else its first byte.
func rdAnchor(m *rdMarkdown) (int, int) {
	if h := m.rdFirstHeading(); h >= 0 {
		return rdLineRange(m.Lines[h])
	}
	for _, l := range m.Lines {
		if l.Kind != rdBlank {
			return rdLineRange(l)
		}
	}
	return 0, 0
}

// Section predicates over rdWords(heading text). They are deliberately tolerant: the corpus writes
// "Pre-requisites", "How to get credentials", "Supported Actions", "Publisher: Contoso"….

func rdIsPublisher(n string) bool {
	return strings.HasPrefix(n, "publisher") || strings.HasPrefix(n, "published by") || strings.HasPrefix(n, "author")
}

func rdIsPrerequisites(n string) bool {
	return strings.Contains(n, "prerequisite") || strings.Contains(n, "pre requisite") ||
		rdHasWord(n, "requirements", "requirement", "before") && !rdHasWord(n, "known")
}

func rdIsOperations(n string) bool {
	return rdHasWord(n, "operation", "operations", "action", "actions", "trigger", "triggers", "endpoints")
}

func rdIsCredentials(n string) bool {
	return strings.Contains(n, "credential") || rdHasWord(n, "authentication", "authenticate", "authorization", "auth", "oauth", "token", "tokens",
		"key", "keys", "password", "secret", "connection", "connecting", "login", "signin") ||
		strings.Contains(n, "api key") || strings.Contains(n, "apikey")
}

func rdIsKnownIssues(n string) bool {
	return strings.Contains(n, "known issue") || strings.Contains(n, "limitation") || strings.Contains(n, "known limit")
}

func rdIsDeployment(n string) bool {
	return strings.Contains(n, "deploy")
}

// rdSectionRule builds a rule that asks for one template section.
func rdSectionRule(id, heading string, match func(string) bool, what, why string, profiles ...connector.Profile) *Rule {
	return &Rule{
		ID: id, Severity: Warning, Category: "readme", Inputs: Readme, Certification: len(profiles) == 0, Profiles: profiles,
		Doc: Doc{
			Title: "The readme has a '## " + heading + "' section",
			Why: why + " Reviewers enforce the template by hand, loosely for older connectors, so this is a warning. " +
				"Headings of any level match, case-insensitively and with variants (for example '" + rdVariantHint(heading) + "').",
			HowToFix: "Add a '## " + heading + "' section that " + what + ".",
			Source:   rdTemplateSource + " ; rules-catalog §4 " + id,
		},
		Check: func(p *Pass) error {
			m := rdReadme(p)
			if m.rdFindHeading(match) >= 0 {
				return nil
			}
			s, e := rdAnchor(m)
			p.Report(p.C.Readme, s, e, "", "the readme has no %q section; add one that %s", "## "+heading, what)
			return nil
		},
	}
}

func rdVariantHint(heading string) string {
	switch heading {
	case "Publisher: <name>":
		return "Publisher: Contoso"
	case "Prerequisites":
		return "Pre-requisites"
	case "Supported Operations":
		return "Supported Actions"
	case "Obtaining Credentials":
		return "How to get credentials"
	case "Known Issues and Limitations":
		return "Limitations"
	}
	return "Deploying the connector"
}

var readmePublisherSectionRule = rdSectionRule("readme-publisher-section", "Publisher: <name>", rdIsPublisher,
	"names the publisher (a company for verified publishers; the individuals' first and last names, comma-separated, or a company for independent publishers)",
	"Microsoft's readme template requires a '## Publisher: <name>' heading naming who publishes the connector. In the October 2024 snapshot 353 of 1,004 readmes lacked it (78 of 468 recent ones), nearly all of them certified.")

var readmePrerequisitesSectionRule = rdSectionRule("readme-prerequisites-section", "Prerequisites", rdIsPrerequisites,
	"lists the plans, licenses, accounts or tools users need",
	"Microsoft's readme template requires a Prerequisites section. In the October 2024 snapshot 219 of 1,004 readmes lacked it (50 of 468 recent ones).")

var readmeSupportedOperationsSectionRule = rdSectionRule("readme-supported-operations-section", "Supported Operations", rdIsOperations,
	"describes each action and trigger, one '###' heading per operation",
	"Microsoft's readme template requires a Supported Operations section describing the actions and triggers. In the October 2024 snapshot 98 of 1,004 readmes lacked it (28 of 468 recent ones).")

var readmeObtainingCredentialsSectionRule = rdSectionRule("readme-obtaining-credentials-section", "Obtaining Credentials", rdIsCredentials,
	"explains the authentication method and how users get their credentials",
	"Microsoft's readme template requires an Obtaining Credentials section. In the October 2024 snapshot 308 of 1,004 readmes lacked it (81 of 468 recent ones).")

var readmeKnownIssuesSectionRule = rdSectionRule("readme-known-issues-section", "Known Issues and Limitations", rdIsKnownIssues,
	"lists the known issues and limitations users may meet (say so if there are none)",
	"Microsoft's readme template requires a Known Issues and Limitations section, and the certification documentation recommends it. In the October 2024 snapshot 339 of 1,004 readmes lacked it (77 of 468 recent ones).")

var readmeDeploymentInstructionsRule = rdSectionRule("readme-deployment-instructions", "Deployment Instructions", rdIsDeployment,
	"explains how to deploy the connector as a custom connector (for example with paconn)",
	"The certified-connector readme template marks Deployment Instructions as required; the independent-publisher template marks it optional, so this rule runs for certified connectors only.",
	connector.Certified)

var readmeOauthAppStepsRule = &Rule{
	ID: "readme-oauth-app-steps", Severity: Warning, Category: "readme", Inputs: Readme,
	Profiles: []connector.Profile{connector.IndependentPublisher},
	Doc: Doc{
		Title: "An OAuth connector's readme explains how to create the OAuth app",
		Why: "For a connector that signs in with OAuth 2.0, Microsoft's independent-publisher documentation, the repository's " +
			"contribution guide and its pull-request template ask for detailed, accurate steps to register the OAuth " +
			"application, because the certification team follows them to create the app. connectorlint sees OAuth when the " +
			"swagger has an oauth2 security definition or apiProperties.json an oauthSetting connection parameter, and then " +
			"looks for any mention of the OAuth app in the readme (OAuth, client ID or secret, app registration, redirect or " +
			"callback URL); it cannot judge whether the steps are complete. It runs for independent publishers only: a " +
			"verified publisher registers its own OAuth app, and its users only sign in.",
		HowToFix: "In Obtaining Credentials, describe step by step how to register the OAuth app, which redirect URL and scopes to use, and where to find the client ID and secret.",
		Source:   "https://learn.microsoft.com/connectors/custom-connectors/certification-submission-ip ; rules-catalog §4 readme-oauth-app-steps",
	},
	Check: checkReadmeOauthAppSteps,
}

var rdOauthPhrases = []string{"oauth", "client id", "clientid", "client secret", "app registration", "app registrations",
	"register an app", "register your app", "register a new app", "register an application", "register your application",
	"register a new application", "create an app", "create a new app", "create an application", "create a new application",
	"redirect url", "redirect uri", "callback url", "callback uri", "application id", "consumer key", "developer app",
	"developer application", "integration app"}

// rdOauthNeedles are rdOauthPhrases, each after a space: the phrase starts a word.
var rdOauthNeedles = func() (out [][]byte) {
	for _, ph := range rdOauthPhrases {
		out = append(out, []byte(" "+ph))
	}
	return out
}()

func checkReadmeOauthAppSteps(p *Pass) error {
	if !rdUsesOAuth(p) {
		return nil
	}
	f := p.C.Readme
	m := rdReadme(p)
	// The words of the readme's lines, each line's followed by a space, after a space.
	text := make([]byte, 1, len(f.Src)+1)
	text[0] = ' '
	for _, l := range m.Lines {
		if l.Kind != rdBlank {
			text = rdAppendFold(text, m.str(int(l.Start), int(l.End)), true)
			text = append(text, ' ')
		}
	}
	for _, ph := range rdOauthNeedles {
		if bytes.Contains(text, ph) {
			return nil
		}
	}
	s, e := rdAnchor(m)
	if h := m.rdFindHeading(rdIsCredentials); h >= 0 {
		s, e = rdLineRange(m.Lines[h])
	}
	p.Report(f, s, e, "", "the connector signs in with OAuth but the readme never explains how to create the OAuth app; add the registration steps, redirect URL and scopes")
	return nil
}

// rdUsesOAuth reports whether the swagger has an oauth2 security definition or apiProperties.json an
// oauthSetting connection parameter.
func rdUsesOAuth(p *Pass) bool {
	if a := p.API; a != nil {
		for _, d := range a.Members(a.Get(a.Root, "securityDefinitions")) {
			if a.GetString(d, "type") == "oauth2" {
				return true
			}
		}
	}
	if f := p.C.Props; f != nil && f.Doc != nil {
		d := f.Doc
		for _, cp := range d.Members(d.Path(d.Root, "properties", "connectionParameters")) {
			if d.GetString(cp, "type") == "oauthSetting" {
				return true
			}
		}
	}
	return false
}
