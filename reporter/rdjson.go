package reporter

import (
	"encoding/json"
	"io"

	"github.com/connectorlint/connectorlint/connector"
	"github.com/connectorlint/connectorlint/rules"
)

// Reviewdog Diagnostic Format (rdjson), so reviewdog users can consume connectorlint's findings
// (`reviewdog -f=rdjson`). Columns are 1-based UTF-8 byte counts, as the format specifies.

type rdPos struct {
	Line   int `json:"line"`
	Column int `json:"column"`
}

type rdRange struct {
	Start rdPos  `json:"start"`
	End   *rdPos `json:"end,omitempty"`
}

type rdLocation struct {
	Path  string   `json:"path"`
	Range *rdRange `json:"range,omitempty"`
}

type rdCode struct {
	Value string `json:"value"`
	URL   string `json:"url,omitempty"`
}

type rdSuggestion struct {
	Range rdRange `json:"range"`
	Text  string  `json:"text"`
}

type rdDiagnostic struct {
	Message     string         `json:"message"`
	Location    rdLocation     `json:"location"`
	Severity    string         `json:"severity"`
	Source      *rdSource      `json:"source,omitempty"`
	Code        rdCode         `json:"code"`
	Suggestions []rdSuggestion `json:"suggestions,omitempty"`
	Original    string         `json:"original_output,omitempty"`
}

type rdSource struct {
	Name string `json:"name"`
	URL  string `json:"url,omitempty"`
}

type rdResult struct {
	Source      rdSource       `json:"source"`
	Diagnostics []rdDiagnostic `json:"diagnostics"`
}

func rdSeverity(s rules.Severity) string {
	switch s {
	case rules.Error:
		return "ERROR"
	case rules.Warning:
		return "WARNING"
	}
	return "INFO"
}

// byteCol returns the 1-based UTF-8 byte column of offset off.
func byteCol(l *connector.Lines, off int) rdPos {
	p := l.Pos(off)
	return rdPos{Line: p.Line, Column: off - l.Offset(p.Line, 1) + 1}
}

// RDJSON writes the run in reviewdog's rdjson format.
func RDJSON(w io.Writer, run *Run) error {
	res := rdResult{Source: rdSource{Name: "connectorlint", URL: "https://github.com/connectorlint/connectorlint"}, Diagnostics: []rdDiagnostic{}}
	for _, f := range run.Findings {
		d := rdDiagnostic{Message: f.Message, Severity: rdSeverity(f.Severity), Code: rdCode{Value: f.RuleID}}
		if r := f.Rule(); r != nil {
			d.Code.URL = r.DocsURL()
		}
		d.Location.Path = Rel(f.File)
		if src := run.Source(f.File); src != nil {
			l := src.Lines()
			start, end := byteCol(l, f.Start), byteCol(l, f.End)
			d.Location.Range = &rdRange{Start: start, End: &end}
			// A single-edit fix in the same file becomes a suggestion.
			if len(f.Fixes) == 1 && len(f.Fixes[0].Edits) == 1 && f.Fixes[0].Edits[0].File == f.File {
				e := f.Fixes[0].Edits[0]
				es, ee := byteCol(l, e.Start), byteCol(l, e.End)
				d.Suggestions = []rdSuggestion{{Range: rdRange{Start: es, End: &ee}, Text: e.New}}
			}
		} else {
			d.Location.Range = &rdRange{Start: rdPos{Line: max(f.Pos.Line, 1), Column: max(f.Pos.Col, 1)}}
		}
		res.Diagnostics = append(res.Diagnostics, d)
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return enc.Encode(res)
}
