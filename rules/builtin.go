package rules

import (
	"github.com/connectorlint/connectorlint/connector"
)

// Built-in rules: what the loader found. They report on every JSON file of the connector.

var jsonParseRule = &Rule{
	ID: "json-parse", Severity: Error, Category: "file", Inputs: Folder,
	Doc: Doc{
		Title:    "JSON files parse",
		Why:      "A file that is not JSON cannot be imported, validated or certified. connectorlint stops checking a file at its first syntax error, so fix it first; the connector's other files are still checked.",
		HowToFix: "Fix the syntax at the reported position (a missing comma, quote or bracket is the usual cause).",
		Source:   "RFC 8259; paconn validate reads files with Python's json module",
	},
	Check: func(p *Pass) error {
		for _, f := range jsonFiles(p.C) {
			if pr := f.Doc.Fatal(); pr != nil {
				p.Report(f, pr.Start, pr.End, "", "%s", pr.Message)
			} else if k := f.Doc.Kind(f.Doc.Root); k != connector.Object {
				p.At(f, f.Doc.Root, "the top level of %s is %s %s; it must be a JSON object", f.Base, article(k), k)
			}
		}
		return nil
	},
}

var jsonStrictRule = &Rule{
	ID: "json-strict", Severity: Warning, Category: "file", Inputs: Folder,
	Doc: Doc{
		Title:    "JSON files are strict RFC 8259 JSON",
		Why:      "Microsoft's repository pipeline reads JSON leniently and has merged files with trailing commas, raw tabs inside strings and Latin-1 bytes, but paconn, the maker portal's import and most editors use strict parsers and reject them.",
		HowToFix: "Remove trailing commas and comments, escape control characters (\\t, \\n) inside strings, and save the file as UTF-8.",
		Source:   "rules-catalog §2.1 swagger-json-parse (16 merged swaggers fail strict parsing)",
	},
	Check: func(p *Pass) error {
		for _, f := range jsonFiles(p.C) {
			for _, pr := range f.Doc.Problems {
				switch pr.Kind {
				case connector.ProblemTrailingComma:
					p.Report(f, pr.Start, pr.End, "", "%s", pr.Message).WithFix("Remove the trailing comma", Edit{File: f.Name, Start: pr.Start, End: pr.End})
				case connector.ProblemControlChar:
					c := f.Src[pr.Start]
					esc := map[byte]string{'\t': `\t`, '\r': `\r`, '\b': `\b`, '\f': `\f`}[c]
					fd := p.Report(f, pr.Start, pr.End, "", "%s", pr.Message)
					if esc != "" {
						fd.WithFix("Escape the control character", Edit{File: f.Name, Start: pr.Start, End: pr.End, New: esc})
					}
				case connector.ProblemUnicodeSpace:
					p.Report(f, pr.Start, pr.End, "", "%s", pr.Message).WithFix("Replace it with a space", Edit{File: f.Name, Start: pr.Start, End: pr.End, New: " "})
				case connector.ProblemInvalidUTF8, connector.ProblemComment:
					p.Report(f, pr.Start, pr.End, "", "%s", pr.Message)
				}
			}
		}
		return nil
	},
}

var jsonDuplicateKeyRule = &Rule{
	ID: "json-duplicate-key", Severity: Warning, Category: "file", Inputs: Folder,
	Doc: Doc{
		Title:    "Object keys are unique",
		Why:      "When a key appears twice in one object, parsers keep only the last value, so the first one is silently ignored: an edit made there has no effect.",
		HowToFix: "Merge the two entries into one and delete the other.",
		Source:   "RFC 8259 §4 (names within an object should be unique)",
	},
	Check: func(p *Pass) error {
		for _, f := range jsonFiles(p.C) {
			for _, pr := range f.Doc.Problems {
				if pr.Kind == connector.ProblemDuplicateKey {
					p.Report(f, pr.Start, pr.End, "", "%s", pr.Message)
				}
			}
		}
		return nil
	},
}

var fileUnreadableRule = &Rule{
	ID: "file-unreadable", Severity: Error, Category: "file", Inputs: Folder,
	Doc: Doc{
		Title:    "Connector files can be read",
		Why:      "A connector file that is a folder, a broken or escaping symbolic link, unreadable, or too large cannot be checked or submitted.",
		HowToFix: "Make the named path a regular, readable file inside the repository.",
		Source:   "connectorlint",
	},
	Check: func(p *Pass) error {
		for _, is := range p.C.Issues {
			p.WholeFile(is.File, "%s", is.Message)
		}
		if p.C.Swagger == nil && !hasIssueFor(p.C, connector.SwaggerName) {
			p.WholeFile(p.C.Dir, "the folder has no %s", connector.SwaggerName)
		}
		return nil
	},
}

var internalErrorRule = &Rule{
	ID: "internal-error", Severity: Error, Category: "file",
	Doc: Doc{
		Title:    "connectorlint's rules run without failing",
		Why:      "A rule failed while checking this connector. Its findings are missing; the other rules still ran.",
		HowToFix: "Report the message to connectorlint's issue tracker with the file if you can share it.",
		Source:   "connectorlint",
	},
	Check: func(*Pass) error { return nil },
}

var builtinRules = []*Rule{jsonParseRule, jsonStrictRule, jsonDuplicateKeyRule, fileUnreadableRule, internalErrorRule, infoTitleDuplicateRule}

func jsonFiles(c *connector.Connector) []*connector.File {
	var fs []*connector.File
	for _, f := range []*connector.File{c.Swagger, c.Props} {
		if f != nil && f.Doc != nil {
			fs = append(fs, f)
		}
	}
	return fs
}

func hasIssueFor(c *connector.Connector, name string) bool {
	for _, is := range c.Issues {
		if len(is.File) >= len(name) && equalFoldSuffix(is.File, name) {
			return true
		}
	}
	return false
}

func equalFoldSuffix(s, suffix string) bool {
	s = s[len(s)-len(suffix):]
	for i := 0; i < len(s); i++ {
		a, b := s[i], suffix[i]
		if 'A' <= a && a <= 'Z' {
			a += 32
		}
		if 'A' <= b && b <= 'Z' {
			b += 32
		}
		if a != b {
			return false
		}
	}
	return true
}

func article(k connector.Kind) string {
	if k == connector.Array || k == connector.Object {
		return "an"
	}
	return "a"
}
