package reporter

import (
	"bytes"
	"fmt"
	"slices"

	"github.com/connectorlint/connectorlint/rules"
)

// Check run output: a title, a Markdown summary under the API's 65,535-character limit, and
// annotations, which the API takes at most 50 per request.

// Check-run limits.
const (
	AnnotationsPerRequest = 50
	MaxCheckSummary       = 65535
	MaxCheckAnnotations   = 1000 // beyond this the summary and the job summary carry the findings
)

// CheckAnnotation is one check-run annotation.
type CheckAnnotation struct {
	Path                   string
	StartLine, EndLine     int
	StartColumn, EndColumn int // only set on single-line annotations, as the API requires
	Level                  string
	Title, Message         string
}

// CheckOutput is what a check run shows.
type CheckOutput struct {
	Title       string
	Summary     string
	Conclusion  string // success, neutral or failure
	Annotations []CheckAnnotation
	Left        int // findings not annotated (beyond MaxCheckAnnotations)
}

func checkLevel(s rules.Severity) string {
	switch s {
	case rules.Error:
		return "failure"
	case rules.Warning:
		return "warning"
	}
	return "notice"
}

// PlanCheck builds the check-run output of run; the conclusion is failure when the run fails at failOn.
func PlanCheck(run *Run, failOn rules.Severity, links Links, notes ...string) CheckOutput {
	e, w, i := run.Count()
	out := CheckOutput{Conclusion: "success"}
	switch {
	case run.Fails(failOn):
		out.Conclusion = "failure"
	case len(run.Findings) > 0:
		out.Conclusion = "neutral"
	}
	out.Title = fmt.Sprintf("%s, %s, %s", plural(e, "error"), plural(w, "warning"), plural(i, "info"))
	fs := slices.Clone(run.Findings)
	slices.SortStableFunc(fs, func(a, b *rules.Finding) int { return int(b.Severity) - int(a.Severity) })
	for k, f := range fs {
		if k >= MaxCheckAnnotations {
			out.Left = len(fs) - k
			break
		}
		sl, el := commentRange(f)
		a := CheckAnnotation{Path: Rel(f.File), StartLine: sl, EndLine: el, Level: checkLevel(f.Severity), Title: f.RuleID, Message: truncateUTF8(f.Message, 60000)}
		if f.Code != "" {
			a.Title += " (" + f.Code + ")"
		}
		if sl == el && f.Pos.Line == f.EndPos.Line && f.EndPos.Col16 > f.Pos.Col16 {
			a.StartColumn, a.EndColumn = max(f.Pos.Col16, 1), f.EndPos.Col16
		}
		out.Annotations = append(out.Annotations, a)
	}
	if out.Left > 0 {
		notes = append(notes, fmt.Sprintf("%d findings are not annotated (a check run carries at most %d); they are listed below.", out.Left, MaxCheckAnnotations))
	}
	var b bytes.Buffer
	summary(&b, run, links, MaxCheckSummary-1024, notes...)
	out.Summary = b.String()
	return out
}

// Batches splits annotations into requests of at most n.
func Batches(as []CheckAnnotation, n int) [][]CheckAnnotation {
	var out [][]CheckAnnotation
	for len(as) > n {
		out = append(out, as[:n])
		as = as[n:]
	}
	if len(as) > 0 {
		out = append(out, as)
	}
	return out
}
