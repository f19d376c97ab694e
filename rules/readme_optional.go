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
	var msg string
	switch {
	case noStart && noFAQ:
		msg = `the readme has neither a "## Getting Started" nor a "## Frequently Asked Questions" section; consider adding them: the templates suggest them for users' first steps and questions`
	case noStart:
		msg = `the readme has no "## Getting Started" section; consider adding one: the templates suggest it for users' first steps`
	case noFAQ:
		msg = `the readme has no "## Frequently Asked Questions" section; consider adding one: the templates suggest it for users' questions`
	default:
		return nil
	}
	s, e := rdAnchor(m)
	p.Report(f, s, e, "", "%s", msg)
	return nil
}
