package reporter

import (
	"bufio"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/connectorlint/connectorlint/rules"
)

// TextOptions control the text format.
type TextOptions struct {
	Color  bool // ANSI colours (only on a terminal)
	Frames bool // a code frame under each finding
}

const (
	ansiReset  = "\x1b[0m"
	ansiBold   = "\x1b[1m"
	ansiDim    = "\x1b[2m"
	ansiRed    = "\x1b[31m"
	ansiYellow = "\x1b[33m"
	ansiCyan   = "\x1b[36m"
)

// Text writes one line per finding, PATH:LINE:COL: SEVERITY: MESSAGE [RULE-ID], optionally with a code
// frame, then a closing count.
func Text(w io.Writer, run *Run, opt TextOptions) error {
	bw := bufio.NewWriter(w)
	paint := func(code, s string) string {
		if !opt.Color {
			return s
		}
		return code + s + ansiReset
	}
	for _, f := range run.Findings {
		sevColor := map[rules.Severity]string{rules.Error: ansiRed, rules.Warning: ansiYellow, rules.Info: ansiCyan}[f.Severity]
		fmt.Fprintf(bw, "%s: %s: %s %s\n",
			paint(ansiBold, fmt.Sprintf("%s:%d:%d", Rel(f.File), f.Pos.Line, f.Pos.Col)),
			paint(sevColor, f.Severity.String()), oneLine(f.Message), paint(ansiDim, "["+f.RuleID+"]"))
		if opt.Frames {
			writeFrame(bw, run, f, paint)
		}
		for _, rel := range f.Related {
			loc := Rel(rel.File)
			if rel.Pos.Line > 0 {
				loc = fmt.Sprintf("%s:%d:%d", loc, rel.Pos.Line, rel.Pos.Col)
			}
			fmt.Fprintf(bw, "  %s %s: %s\n", paint(ansiDim, "note:"), loc, oneLine(rel.Message))
		}
	}
	e, wn, in := run.Count()
	if len(run.Findings) == 0 {
		fmt.Fprintf(bw, "no problems in %s\n", plural(run.Connectors, "connector"))
	} else {
		fmt.Fprintf(bw, "%s, %s, %s in %s\n", plural(e, "error"), plural(wn, "warning"), plural(in, "info"), plural(run.Connectors, "connector"))
	}
	return bw.Flush()
}

func plural(n int, word string) string {
	if n == 1 || word == "info" {
		return fmt.Sprintf("%d %s", n, word)
	}
	return fmt.Sprintf("%d %ss", n, word)
}

func oneLine(s string) string {
	if strings.ContainsAny(s, "\r\n") {
		return strings.NewReplacer("\r\n", " ", "\n", " ", "\r", " ").Replace(s)
	}
	return s
}

const maxFrameWidth = 160

func writeFrame(w io.Writer, run *Run, f *rules.Finding, paint func(string, string) string) {
	src := run.Source(f.File)
	if src == nil || f.Pos.Line < 1 {
		return
	}
	line := src.Lines().Line(f.Pos.Line)
	if line == nil {
		return
	}
	text := strings.ReplaceAll(string(line), "\t", " ")
	if !utf8.ValidString(text) {
		text = strings.ToValidUTF8(text, "\uFFFD")
	}
	runes := []rune(text)
	start := f.Pos.Col - 1
	if start > len(runes) {
		start = len(runes)
	}
	width := 1
	if f.EndPos.Line == f.Pos.Line && f.EndPos.Col > f.Pos.Col {
		width = f.EndPos.Col - f.Pos.Col
	} else if f.EndPos.Line > f.Pos.Line {
		width = len(runes) - start
	}
	// Keep long lines readable: show a window around the column.
	offset := 0
	if len(runes) > maxFrameWidth {
		offset = max(0, start-maxFrameWidth/3)
		end := min(len(runes), offset+maxFrameWidth)
		runes = runes[offset:end]
	}
	col := start - offset
	if width > len(runes)-col {
		width = max(1, len(runes)-col)
	}
	num := fmt.Sprintf("%d", f.Pos.Line)
	pad := strings.Repeat(" ", len(num))
	fmt.Fprintf(w, "  %s | %s\n", paint(ansiDim, num), string(runes))
	fmt.Fprintf(w, "  %s | %s%s\n", pad, strings.Repeat(" ", max(col, 0)), paint(ansiRed, "^"+strings.Repeat("~", max(width-1, 0))))
}
