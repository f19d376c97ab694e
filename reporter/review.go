package reporter

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/connectorlint/connectorlint/rules"
)

// Pull-request review: one review per run, a comment per finding on its line when the line is in the
// diff (RIGHT side, start_line for ranges), a ```suggestion block when the finding's only fix touches
// only the commented lines, and everything else listed in the review body. Each comment and each body
// entry carries a hidden fingerprint marker so that later runs neither repeat nor lose it.

// MaxReviewComments bounds inline comments per review (GitHub's abuse detection trips on large
// batches; reviewdog uses the same figure). Errors are commented first; the rest go to the body.
const MaxReviewComments = 30

// MaxCommentBytes keeps comment and review bodies under GitHub's 64 KB limit, with room to spare.
const MaxCommentBytes = 60 * 1024

// LineRange is an inclusive range of 1-based lines.
type LineRange struct{ Start, End int }

// DiffLines holds, per repository-relative path, the line ranges of the new version that a pull request
// adds or changes: the lines a review may comment on.
type DiffLines map[string][]LineRange

// Contains reports whether every line of [a, b] is inside one range of path.
func (d DiffLines) Contains(path string, a, b int) bool {
	for _, r := range d[path] {
		if r.Start <= a && b <= r.End {
			return true
		}
	}
	return false
}

// ReviewComment is one inline comment of a review.
type ReviewComment struct {
	Path        string
	StartLine   int // 0 for a single-line comment
	Line        int
	Body        string
	Fingerprint string
	Suggestion  bool
}

// ReviewOptions are the inputs of PlanReview besides the findings.
type ReviewOptions struct {
	Diff        DiffLines
	Posted      map[string]bool // fingerprints already reported in earlier reviews (comments or bodies)
	MaxComments int             // 0 means MaxReviewComments
	Links       Links
}

// Review is a planned review.
type Review struct {
	Body     string
	Comments []ReviewComment
	Outside  []*rules.Finding // new findings not on a diff line, listed in the body
	Overflow []*rules.Finding // findings on diff lines beyond the comment limit, listed in the body
	Repeated int              // findings already reported in an earlier review
}

// Empty reports whether the review would say nothing new (no review is posted then).
func (rv *Review) Empty() bool {
	return len(rv.Comments) == 0 && len(rv.Outside) == 0 && len(rv.Overflow) == 0
}

const markerPrefix = "<!-- connectorlint:fp="

// Marker is the hidden fingerprint marker put in comments and body entries.
func Marker(fp string) string { return markerPrefix + fp + " -->" }

// FixedMarker marks a comment whose finding has gone; such comments are not looked at again.
const FixedMarker = "<!-- connectorlint:fixed -->"

var markerRe = regexp.MustCompile(`<!-- connectorlint:fp=([0-9a-f]{8,64}) -->`)

// Markers returns the fingerprints marked in a comment or review body.
func Markers(body string) []string {
	var fps []string
	for _, m := range markerRe.FindAllStringSubmatch(body, -1) {
		fps = append(fps, m[1])
	}
	return fps
}

// commentRange is the line range a comment on f covers.
func commentRange(f *rules.Finding) (int, int) {
	sl, el := max(f.Pos.Line, 1), f.EndPos.Line
	if el > sl && f.EndPos.Col == 1 { // a range that ends at the start of a line ends on the line before
		el--
	}
	if el < sl {
		el = sl
	}
	return sl, el
}

// maxCommentLines: longer ranges are commented on their first line only.
const maxCommentLines = 20

// PlanReview decides what a review of run says.
func PlanReview(run *Run, o ReviewOptions) *Review {
	limit := o.MaxComments
	if limit <= 0 {
		limit = MaxReviewComments
	}
	rv := &Review{}
	fs := slices.Clone(run.Findings)
	slices.SortStableFunc(fs, func(a, b *rules.Finding) int { return int(b.Severity) - int(a.Severity) }) // errors first
	for _, f := range fs {
		fp := f.Fingerprint()
		if o.Posted[fp] {
			rv.Repeated++
			continue
		}
		path := Rel(f.File)
		sl, el := commentRange(f)
		if el-sl >= maxCommentLines {
			el = sl
		}
		switch {
		case o.Diff.Contains(path, sl, el):
		case o.Diff.Contains(path, sl, sl):
			el = sl
		default:
			rv.Outside = append(rv.Outside, f)
			continue
		}
		if len(rv.Comments) >= limit {
			rv.Overflow = append(rv.Overflow, f)
			continue
		}
		c := ReviewComment{Path: path, Line: el, Fingerprint: fp}
		if el > sl {
			c.StartLine = sl
		}
		sugg, ok := suggestion(run, f, sl, el)
		c.Suggestion = ok
		c.Body = CommentBody(f, sugg, ok)
		rv.Comments = append(rv.Comments, c)
	}
	rules.Sort(rv.Outside)
	rules.Sort(rv.Overflow)
	rv.Body = reviewBody(run, rv, o.Links)
	return rv
}

// suggestion returns the replacement text of lines [sl, el] when f has exactly one fix whose edits all
// fall inside those lines of f's file.
func suggestion(run *Run, f *rules.Finding, sl, el int) (string, bool) {
	if len(f.Fixes) != 1 || len(f.Fixes[0].Edits) == 0 {
		return "", false
	}
	src := run.Source(f.File)
	if src == nil {
		return "", false
	}
	l := src.Lines()
	start := l.Offset(sl, 1)
	end := l.Offset(el, 1) + len(l.Line(el)) // the line break (and a \r before it) stays
	var edits []rules.Edit
	for _, e := range f.Fixes[0].Edits {
		if e.File != f.File || e.Start < start || e.End > end {
			return "", false
		}
		edits = append(edits, rules.Edit{File: e.File, Start: e.Start - start, End: e.End - start, New: e.New})
	}
	out, err := rules.ApplyEdits(src.Src[start:end], edits)
	if err != nil {
		return "", false
	}
	return string(out), true
}

// CommentBody renders one inline comment.
func CommentBody(f *rules.Finding, sugg string, withSuggestion bool) string {
	var b strings.Builder
	fmt.Fprintf(&b, "**%s** %s", f.Severity, ruleRef(f))
	msg := EscapeMarkdown(f.Message)
	room := MaxCommentBytes - 1024 - len(sugg)
	if withSuggestion && room < 1024 {
		withSuggestion = false
		room = MaxCommentBytes - 1024
	}
	if len(msg) > room {
		msg = truncateUTF8(msg, room) + " …"
	}
	b.WriteString("\n\n" + msg + "\n")
	if withSuggestion {
		fence := "```"
		for strings.Contains(sugg, fence) {
			fence += "`"
		}
		fmt.Fprintf(&b, "\n%ssuggestion\n%s\n%s\n", fence, sugg, fence)
		if len(f.Fixes) == 1 && f.Fixes[0].Message != "" {
			fmt.Fprintf(&b, "\n_Suggested fix: %s._\n", EscapeMarkdown(strings.TrimSuffix(f.Fixes[0].Message, ".")))
		}
	}
	b.WriteString("\n" + Marker(f.Fingerprint()))
	return b.String()
}

func ruleRef(f *rules.Finding) string {
	s := fmt.Sprintf("[`%s`](%s)", f.RuleID, rules.DocsBase+f.RuleID+".md")
	if f.Code != "" {
		s += fmt.Sprintf(" (Microsoft: `%s`)", strings.ReplaceAll(f.Code, "`", ""))
	}
	return s
}

func truncateUTF8(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && (s[n]&0xC0) == 0x80 {
		n--
	}
	return s[:n]
}

func reviewBody(run *Run, rv *Review, links Links) string {
	var b strings.Builder
	e, w, i := run.Count()
	fmt.Fprintf(&b, "### connectorlint\n\n**%s, %s, %s** in %s.", plural(e, "error"), plural(w, "warning"), plural(i, "info"), plural(run.Connectors, "connector"))
	if len(rv.Comments) > 0 {
		fmt.Fprintf(&b, " %s on changed lines.", plural(len(rv.Comments), "new comment"))
	}
	if rv.Repeated > 0 {
		fmt.Fprintf(&b, " %d already reported in an earlier review.", rv.Repeated)
	}
	b.WriteString("\n")
	const reserve = 512
	list := func(title string, fs []*rules.Finding) {
		if len(fs) == 0 {
			return
		}
		fmt.Fprintf(&b, "\n%s\n\n", title)
		for k, f := range fs {
			loc := fmt.Sprintf("%s:%d:%d", Rel(f.File), f.Pos.Line, f.Pos.Col)
			l := EscapeMarkdown(loc)
			if u := links.FileURL(f.File, f.Pos.Line); u != "" {
				l = "[" + l + "](" + u + ")"
			}
			line := fmt.Sprintf("- %s **%s** %s `%s` %s\n", l, f.Severity, EscapeMarkdown(f.Message), f.RuleID, Marker(f.Fingerprint()))
			if b.Len()+len(line)+reserve > MaxCommentBytes {
				fmt.Fprintf(&b, "- … and %d more, left out to stay under GitHub's comment size limit (see the job summary)\n", len(fs)-k)
				return
			}
			b.WriteString(line)
		}
	}
	list("Findings outside the lines this pull request changes:", rv.Outside)
	list(fmt.Sprintf("On changed lines but not commented inline (at most %d comments per review):", max(len(rv.Comments), 1)), rv.Overflow)
	return b.String()
}
