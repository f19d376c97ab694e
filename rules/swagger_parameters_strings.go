package rules

import (
	"strings"
	"unicode/utf8"

	"github.com/connectorlint/connectorlint/connector"
)

// Certification string rules for parameters: x-ms-summary and description.

var parameterXMsSummaryRequiredRule = &Rule{
	ID:            "parameter-x-ms-summary-required",
	Severity:      Error,
	Category:      "parameters",
	Inputs:        Swagger,
	Certification: true,
	Doc: Doc{
		Title: "Visible path, query, header and form parameters have an x-ms-summary",
		Why: "x-ms-summary is the label makers see for an input in the designer. The certification validator rejects a path, query, header or formData parameter without a non-empty x-ms-summary " +
			"(\"The 'x-ms-summary' property is required\", seen in many pull requests). Body parameters, internal parameters and parameters of internal operations are exempt: " +
			"measured on the merged connectors, thousands of visible body parameters have none, and no in-scope parameter of a connector touched since 2022 lacks it. " +
			"Parameters declared on the path item count for each of its operations; a parameter defined under #/parameters is reported once, at its definition.",
		HowToFix: "Add \"x-ms-summary\" with a short title-case label (at most 80 characters) to the parameter, or mark it \"x-ms-visibility\": \"internal\" if makers never set it.",
		Source:   "https://learn.microsoft.com/en-us/connectors/custom-connectors/certification-submission ; rules-catalog §2.5, §8",
	},
	Check: checkParameterXMsSummaryRequired,
}

func checkParameterXMsSummaryRequired(p *Pass) error {
	paRequireString(p, "x-ms-summary", "add a short title-case label that the designer shows")
	return nil
}

var parameterDescriptionRequiredRule = &Rule{
	ID:            "parameter-description-required",
	Severity:      Error,
	Category:      "parameters",
	Inputs:        Swagger,
	Certification: true,
	Doc: Doc{
		Title: "Visible path, query, header and form parameters have a description",
		Why: "The description is the help text makers see for an input. The certification validator rejects a path, query, header or formData parameter without a non-empty description " +
			"(\"The 'description' property is required\", seen in pull requests). The scope is the same as for x-ms-summary: body parameters, internal parameters and parameters of internal operations are exempt. " +
			"A parameter defined under #/parameters is reported once, at its definition.",
		HowToFix: "Add a \"description\": one full sentence saying what the value is and, where useful, its format or an example.",
		Source:   "https://learn.microsoft.com/en-us/connectors/custom-connectors/certification-submission ; https://learn.microsoft.com/en-us/connectors/custom-connectors/coding-standards ; rules-catalog §2.5, §8",
	},
	Check: checkParameterDescriptionRequired,
}

func checkParameterDescriptionRequired(p *Pass) error {
	paRequireString(p, "description", "add one sentence that tells makers what to enter")
	return nil
}

// paRequireString reports in-scope parameters whose member key is missing or an empty string.
func paRequireString(p *Pass, key, advice string) {
	a := p.API
	paInScope(a, func(n connector.NodeID) {
		v := a.Get(n, key)
		if v == connector.None {
			p.SwaggerKey(n, "%s has no %s; %s", paLabel(a, n), key, advice)
			return
		}
		if s, ok := a.Str(v); ok && paTrim(s) == "" {
			p.Swagger(v, "%s of %s is empty (%q); %s", key, paLabel(a, n), s, advice)
		}
	})
}

var parameterXMsSummaryMaxLengthRule = &Rule{
	ID:            "parameter-x-ms-summary-max-length",
	Code:          "FieldLengthExceeded",
	Severity:      Error,
	Category:      "parameters",
	Inputs:        Swagger,
	Certification: true,
	Doc: Doc{
		Title:    "Parameter x-ms-summary is at most 80 characters",
		Why:      "Microsoft's string guidance limits x-ms-summary to 80 characters and the certification validator reports longer values as over the character limit. No merged connector has a parameter x-ms-summary longer than 80 characters.",
		HowToFix: "Shorten the label to 80 characters or fewer and move the detail into the parameter's description.",
		Source:   "https://learn.microsoft.com/en-us/connectors/custom-connectors/connector-string-guidance ; " + paSource + " ; rules-catalog §2.5",
	},
	Check: checkParameterXMsSummaryMaxLength,
}

func checkParameterXMsSummaryMaxLength(p *Pass) error {
	a := p.API
	ws := paWrittenParams(a)
	for i := range ws {
		w := &ws[i]
		v := w.m[paKSummary]
		if s, ok := a.Str(v); ok {
			if l := utf8.RuneCountInString(s); l > 80 {
				p.Swagger(v, "x-ms-summary %q of %s is %d characters long; shorten it to 80 or fewer and move detail to the description", s, paLabelW(w), l)
			}
		}
	}
	return nil
}

var parameterXMsSummaryStyleRule = &Rule{
	ID:            "parameter-x-ms-summary-style",
	Severity:      Info,
	Category:      "parameters",
	Inputs:        Swagger,
	Certification: true,
	Doc: Doc{
		Title: "Parameter x-ms-summary is a label without a slash or trailing punctuation",
		Why: "Microsoft's string guidance asks for short title-case labels for x-ms-summary, without slashes and without ending punctuation, because the designer shows them as field names. " +
			"This is a style rule: the validator does not enforce it and merged connectors break it. connectorlint checks the slash and the trailing punctuation; it does not judge title case.",
		HowToFix: "Drop the trailing punctuation (the fix removes a trailing period) and replace '/' with a word such as \"or\".",
		Source:   "https://learn.microsoft.com/en-us/connectors/custom-connectors/connector-string-guidance ; https://learn.microsoft.com/en-us/connectors/custom-connectors/openapi-extensions ; rules-catalog §2.5",
	},
	Check: checkParameterXMsSummaryStyle,
}

func checkParameterXMsSummaryStyle(p *Pass) error {
	a := p.API
	ws := paWrittenParams(a)
	for i := range ws {
		w := &ws[i]
		v := w.m[paKSummary]
		s, ok := a.Str(v)
		if !ok || paTrim(s) == "" {
			continue
		}
		if strings.Contains(s, "/") {
			p.Swagger(v, "x-ms-summary %q of %s contains '/'; use a word such as \"or\" instead", s, paLabelW(w))
		}
		t := s // strings.TrimRight(s, " \t"), which builds its set per call
		for t != "" && (t[len(t)-1] == ' ' || t[len(t)-1] == '\t') {
			t = t[:len(t)-1]
		}
		last, _ := utf8.DecodeLastRuneInString(t)
		if !strings.ContainsRune(".,;:!?", last) {
			continue
		}
		f := p.Swagger(v, "x-ms-summary %q of %s ends with %q; labels take no trailing punctuation", s, paLabelW(w), string(last))
		if last == '.' {
			fixed := strings.TrimRight(strings.TrimRight(t, "."), " \t")
			if l, _ := utf8.DecodeLastRuneInString(fixed); fixed != "" && !strings.ContainsRune(".,;:!?", l) {
				f.WithFix("Remove the trailing period", ReplaceString(p.C.Swagger, v, fixed))
			}
		}
	}
	return nil
}
