package reporter

import (
	"encoding/json"
	"io"

	"github.com/connectorlint/connectorlint/rules"
)

// JSONVersion is the version of the --format json schema (docs/json-format.md). It changes only when a
// field is removed or changes meaning; new fields may appear within a version.
const JSONVersion = 1

// JSONPos is a position in the JSON format.
type JSONPos struct {
	Line        int `json:"line"`
	Column      int `json:"column"`      // 1-based, Unicode code points
	UTF16Column int `json:"utf16Column"` // 1-based, UTF-16 code units
	Offset      int `json:"offset"`      // 0-based byte offset
}

// JSONFinding is one finding in the JSON format.
type JSONFinding struct {
	Rule      string        `json:"rule"`
	Code      string        `json:"code,omitempty"`
	Severity  string        `json:"severity"`
	Path      string        `json:"path"`
	Connector string        `json:"connector,omitempty"`
	Start     JSONPos       `json:"start"`
	End       JSONPos       `json:"end"`
	Pointer   string        `json:"pointer"`
	Message   string        `json:"message"`
	Docs      string        `json:"docs,omitempty"`
	Related   []JSONRelated `json:"related,omitempty"`
	Fixes     []rules.Fix   `json:"fixes,omitempty"`
}

// JSONRelated is a related location.
type JSONRelated struct {
	Path    string  `json:"path"`
	Start   JSONPos `json:"start"`
	Pointer string  `json:"pointer,omitempty"`
	Message string  `json:"message"`
}

// JSONReport is the whole document.
type JSONReport struct {
	Version  int           `json:"version"`
	Tool     JSONTool      `json:"tool"`
	Summary  JSONSummary   `json:"summary"`
	Findings []JSONFinding `json:"findings"`
}

// JSONTool names the tool.
type JSONTool struct {
	Name    string `json:"name"`
	Version string `json:"version"`
}

// JSONSummary counts findings.
type JSONSummary struct {
	Connectors int `json:"connectors"`
	Errors     int `json:"errors"`
	Warnings   int `json:"warnings"`
	Infos      int `json:"infos"`
}

// ToolVersion is set by main at build time.
var ToolVersion = "dev"

// BuildJSON converts a run to the JSON document.
func BuildJSON(run *Run) JSONReport {
	e, w, i := run.Count()
	rep := JSONReport{Version: JSONVersion, Tool: JSONTool{Name: "connectorlint", Version: ToolVersion},
		Summary: JSONSummary{Connectors: run.Connectors, Errors: e, Warnings: w, Infos: i}, Findings: []JSONFinding{}}
	for _, f := range run.Findings {
		jf := JSONFinding{Rule: f.RuleID, Code: f.Code, Severity: f.Severity.String(), Path: Rel(f.File), Connector: Rel(f.Conn),
			Start:   JSONPos{f.Pos.Line, f.Pos.Col, f.Pos.Col16, f.Start},
			End:     JSONPos{f.EndPos.Line, f.EndPos.Col, f.EndPos.Col16, f.End},
			Pointer: f.Pointer, Message: f.Message}
		if r := f.Rule(); r != nil {
			jf.Docs = r.DocsURL()
		}
		for _, rel := range f.Related {
			jf.Related = append(jf.Related, JSONRelated{Path: Rel(rel.File), Start: JSONPos{rel.Pos.Line, rel.Pos.Col, rel.Pos.Col16, rel.Start}, Pointer: rel.Pointer, Message: rel.Message})
		}
		for _, fx := range f.Fixes {
			c := rules.Fix{Message: fx.Message}
			for _, e := range fx.Edits {
				e.File = Rel(e.File)
				c.Edits = append(c.Edits, e)
			}
			jf.Fixes = append(jf.Fixes, c)
		}
		rep.Findings = append(rep.Findings, jf)
	}
	return rep
}

// JSON writes the run as a versioned JSON document.
func JSON(w io.Writer, run *Run) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(BuildJSON(run))
}
