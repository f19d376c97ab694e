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

// The identifier shapes that translators skip. scIsCamelCase and scIsSnakeCase match them without the
// regexp engine (a test checks that they agree).
var (
	scCamelCase = regexp.MustCompile(`^[a-z]{2,}[a-z0-9]*(?:[A-Z][a-z0-9]*)+$`)
	scSnakeCase = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9]*(?:_[A-Za-z0-9]+)+$`)
)

// scIsCamelCase is scCamelCase.MatchString: ASCII letters and digits only, two lower-case letters
// first, and at least one upper-case letter.
func scIsCamelCase(s string) bool {
	if len(s) < 3 || s[0] < 'a' || s[0] > 'z' || s[1] < 'a' || s[1] > 'z' {
		return false
	}
	upper := false
	for i := 2; i < len(s); i++ {
		switch c := s[i]; {
		case c >= 'A' && c <= 'Z':
			upper = true
		case c >= 'a' && c <= 'z' || c >= '0' && c <= '9':
		default:
			return false
		}
	}
	return upper
}

// scIsSnakeCase is scSnakeCase.MatchString: a letter first, then ASCII letters, digits and at least
// one underscore, each underscore followed by a letter or digit.
func scIsSnakeCase(s string) bool {
	if len(s) < 3 || !(s[0] >= 'a' && s[0] <= 'z' || s[0] >= 'A' && s[0] <= 'Z') {
		return false
	}
	under := false
	for i := 1; i < len(s); i++ {
		switch c := s[i]; {
		case c == '_':
			if i+1 >= len(s) || s[i+1] == '_' {
				return false
			}
			under = true
		case c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9':
		default:
			return false
		}
	}
	return under
}

func checkStringsTranslatable(p *Pass) error {
	a := p.API
	check := func(n connector.NodeID, what string) {
		s, ok := a.Str(n)
		if !ok {
			return
		}
		switch {
		case scIsCamelCase(s):
			p.Swagger(n, "%s %q is a camelCase identifier, which translators skip; write it as words, e.g. in title case", what, s)
		case scIsSnakeCase(s):
			p.Swagger(n, "%s %q is a snake_case identifier, which translators skip; write it as words, e.g. in title case", what, s)
		}
	}
	sc := scTargets(a)
	for _, t := range sc.ts {
		if t.idents == 0 {
			continue // scTargets found no identifier
		}
		if t.idents&scIdentSummary != 0 {
			check(sc.kw(t, scKSummary), "x-ms-summary")
		}
		if t.Kind == scSchema && t.idents&scIdentTitle != 0 {
			check(sc.kw(t, scKTitle), "title")
		}
	}
	for i, op := range a.Ops {
		check(opTexts(a)[i].Summary, "summary") // a.Get(op.Node, "summary"), memoised
		for _, r := range a.Members(a.Get(op.Node, "responses")) {
			check(a.Get(r, "x-ms-summary"), "x-ms-summary")
		}
	}
	for _, r := range a.Members(a.Get(a.Root, "responses")) {
		check(a.Get(r, "x-ms-summary"), "x-ms-summary")
	}
	return nil
}
