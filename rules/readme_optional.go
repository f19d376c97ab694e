package rules

import "strings"

// Source: the readme templates (R-TPL); rules-catalog §4 readme-optional-sections.
var readmeOptionalSectionsRule = &Rule{
	ID: "readme-optional-sections", Severity: Info, Category: "readme", Inputs: Readme, Certification: true,
	Doc: Doc{
		Title: "The readme has the template's optional sections",
		Why: "Both of Microsoft's readme templates end with two optional sections, '## Getting Started' and " +
			"'## Frequently Asked Questions'. They are not required and reviewers do not ask for them, but they " +
			"answer the questions users of a new connector ask first, so their absence is a hint. Headings of any " +
			"level match, case-insensitively ('FAQ' counts).",
		HowToFix: "Add '## Getting Started' with the first steps after creating a connection, and " +
			"'## Frequently Asked Questions' with the questions users ask (or leave them out on purpose).",
		Source: rdTemplateSource + " ; rules-catalog §4 readme-optional-sections",
	},
	Check: checkReadmeOptionalSections,
}

func checkReadmeOptionalSections(p *Pass) error {
	f := p.C.Readme
	m := rdReadme(p)
	noStart := m.rdFindHeading(func(n string) bool {
		return strings.Contains(n, "getting started") || strings.Contains(n, "get started")
	}) < 0
	noFAQ := m.rdFindHeading(func(n string) bool {
		// "faq" is a substring of the words sought: most headings are rejected without splitting.
		return strings.Contains(n, "frequently asked") || strings.Contains(n, "faq") && rdHasWord(n, "faq", "faqs")
	}) < 0
	var what string
	switch {
	case noStart && noFAQ:
		what = rdNoOptionalSections[2]
	case noStart:
		what = rdNoOptionalSections[0]
	case noFAQ:
		what = rdNoOptionalSections[1]
	default:
		return nil
	}
	s, e := rdAnchor(m)
	p.Report(f, s, e, "", "the readme has %s; the templates suggest them for users' first steps and questions", what)
	return nil
}

// rdNoOptionalSections says which of the optional sections a readme lacks: the first, the second or
// both.
var rdNoOptionalSections = [3]string{
	"no " + Quote("## Getting Started") + " section",
	"no " + Quote("## Frequently Asked Questions") + " section",
	"neither a " + Quote("## Getting Started") + " nor a " + Quote("## Frequently Asked Questions") + " section",
}
