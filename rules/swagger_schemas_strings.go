package rules

import (
	"regexp"

	"github.com/connectorlint/connectorlint/connector"
)

// Source: S-CERT "Create quality English language strings"; S-STR; PR#1747; rules-catalog §2.6.
var stringsTranslatableRule = &Rule{
	ID:            "strings-translatable",
	Severity:      Info,
	Category:      "schemas",
	Inputs:        Swagger,
	Certification: true,
	Doc: Doc{
		Title: "Display strings are words, not identifiers",
		Why: "Connector strings are shown in the designer and translated into the platform's languages. Reviewers ask for " +
			"real words: \"strings in camel case are considered non-translatable\" (PR#1747), and Microsoft's string guidance " +
			"asks for readable English. connectorlint reports an operation summary, x-ms-summary or schema title whose whole " +
			"value is one camelCase identifier (firstName) or snake_case identifier (first_name, FIRST_NAME). Brand names " +
			"such as iPhone or PowerShell and anything with a space are left alone.",
		HowToFix: "Write the label as words in title case, for example \"First Name\" instead of \"firstName\".",
		Source:   "https://learn.microsoft.com/en-us/connectors/custom-connectors/connector-string-guidance ; rules-catalog §2.6 strings-translatable",
	},
	Check: checkStringsTranslatable,
}

var (
	scCamelCase = regexp.MustCompile(`^[a-z]{2,}[a-z0-9]*(?:[A-Z][a-z0-9]*)+$`)
	scSnakeCase = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9]*(?:_[A-Za-z0-9]+)+$`)
)

func checkStringsTranslatable(p *Pass) error {
	a := p.API
	check := func(n connector.NodeID, what string) {
		s, ok := a.Str(n)
		if !ok {
			return
		}
		switch {
		case scCamelCase.MatchString(s):
			p.Swagger(n, "%s %q is a camelCase identifier, which translators skip; write it as words, e.g. in title case", what, s)
		case scSnakeCase.MatchString(s):
			p.Swagger(n, "%s %q is a snake_case identifier, which translators skip; write it as words, e.g. in title case", what, s)
		}
	}
	for _, t := range scTargets(a) {
		check(a.Get(t.N, "x-ms-summary"), "x-ms-summary")
		if t.Kind == scSchema {
			check(a.Get(t.N, "title"), "title")
		}
	}
	for _, op := range a.Ops {
		check(a.Get(op.Node, "summary"), "summary")
		for _, r := range a.Members(a.Get(op.Node, "responses")) {
			check(a.Get(r, "x-ms-summary"), "x-ms-summary")
		}
	}
	for _, r := range a.Members(a.Get(a.Root, "responses")) {
		check(a.Get(r, "x-ms-summary"), "x-ms-summary")
	}
	return nil
}
