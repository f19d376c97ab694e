package reporter

import (
	"bufio"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/connectorlint/connectorlint/rules"
)

// GitHub shows at most this many annotations of each level per step; the rest are printed as plain log
// lines (and belong in the job summary) so that none is lost.
const AnnotationsPerLevel = 10

// EscapeData escapes a workflow-command message (the part after ::).
func EscapeData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

// EscapeProperty escapes a workflow-command property value (file=, title=, …).
func EscapeProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}

func annotationLevel(s rules.Severity) string {
	switch s {
	case rules.Error:
		return "error"
	case rules.Warning:
		return "warning"
	}
	return "notice"
}

// Annotation renders one finding as a workflow command.
func Annotation(f *rules.Finding) string {
	title := f.RuleID
	if f.Code != "" {
		title += " (" + f.Code + ")"
	}
	props := []string{"file=" + EscapeProperty(Rel(f.File)), fmt.Sprintf("line=%d", max(f.Pos.Line, 1)), fmt.Sprintf("col=%d", max(f.Pos.Col16, 1))}
	if f.EndPos.Line >= f.Pos.Line && f.EndPos.Line > 0 {
		props = append(props, fmt.Sprintf("endLine=%d", f.EndPos.Line))
		if f.EndPos.Line == f.Pos.Line && f.EndPos.Col16 > f.Pos.Col16 {
			props = append(props, fmt.Sprintf("endColumn=%d", f.EndPos.Col16))
		}
	}
	props = append(props, "title="+EscapeProperty(title))
	return fmt.Sprintf("::%s %s::%s", annotationLevel(f.Severity), strings.Join(props, ","), EscapeData(f.Message))
}

// GitHub writes workflow-command annotations, errors first, at most AnnotationsPerLevel per level;
// the findings beyond that are printed as plain lines in the text format.
func GitHub(w io.Writer, run *Run) error {
	bw := bufio.NewWriter(w)
	fs := slices.Clone(run.Findings)
	slices.SortStableFunc(fs, func(a, b *rules.Finding) int { return int(b.Severity) - int(a.Severity) })
	shown := map[rules.Severity]int{}
	var rest []*rules.Finding
	for _, f := range fs {
		if shown[f.Severity] >= AnnotationsPerLevel {
			rest = append(rest, f)
			continue
		}
		shown[f.Severity]++
		fmt.Fprintln(bw, Annotation(f))
	}
	if len(rest) > 0 {
		fmt.Fprintf(bw, "%d more findings (GitHub shows %d annotations per level and step):\n", len(rest), AnnotationsPerLevel)
		for _, f := range rest {
			fmt.Fprintf(bw, "%s:%d:%d: %s: %s [%s]\n", Rel(f.File), f.Pos.Line, f.Pos.Col, f.Severity, oneLine(f.Message), f.RuleID)
		}
	}
	return bw.Flush()
}
