package reporter

import (
	"fmt"
	"io"
	"net/url"
	"sort"
	"strings"

	"github.com/connectorlint/connectorlint/rules"
)

// MaxSummaryBytes keeps the job summary under GitHub's 1 MiB limit per step, with room to spare.
const MaxSummaryBytes = 1000 * 1024

// Links builds links to files on GitHub; the zero value makes no links.
type Links struct {
	Server, Repo, Ref string // e.g. https://github.com, owner/name, a commit SHA
}

// FileURL links to a line of a file, or returns "".
func (l Links) FileURL(path string, line int) string {
	if l.Server == "" || l.Repo == "" || l.Ref == "" {
		return ""
	}
	u := strings.TrimRight(l.Server, "/") + "/" + l.Repo + "/blob/" + l.Ref + "/" + SARIFURI(path)
	if line > 0 {
		u += fmt.Sprintf("#L%d", line)
	}
	return u
}

var mdEscaper = strings.NewReplacer(
	"&", "&amp;", "<", "&lt;", ">", "&gt;", "\\", "\\\\", "`", "\\`", "*", "\\*", "_", "\\_", "[", "\\[", "]", "\\]",
	"|", "\\|", "#", "&#35;", "@", "&#64;", "!", "\\!", "~", "\\~", "\r", " ", "\n", " ",
)

// EscapeMarkdown makes text taken from connector files inert in GitHub Markdown: no HTML, no links,
// no @mentions or #references, no table breaks.
func EscapeMarkdown(s string) string { return mdEscaper.Replace(s) }

// Summary writes a Markdown job summary: totals, findings by connector and rule, then each finding,
// truncated (with a count of what was left out) to stay under MaxSummaryBytes.
func Summary(w io.Writer, run *Run, links Links, notes ...string) error {
	return summary(w, run, links, MaxSummaryBytes, notes...)
}

func summary(w io.Writer, run *Run, links Links, limit int, notes ...string) error {
	var b strings.Builder
	e, wn, in := run.Count()
	b.WriteString("## connectorlint\n\n")
	if len(run.Findings) == 0 {
		fmt.Fprintf(&b, "No problems in %s.\n", plural(run.Connectors, "connector"))
	} else {
		fmt.Fprintf(&b, "**%s, %s, %s** in %s.\n", plural(e, "error"), plural(wn, "warning"), plural(in, "info"), plural(run.Connectors, "connector"))
	}
	for _, n := range notes {
		fmt.Fprintf(&b, "\n> %s\n", EscapeMarkdown(n))
	}
	if len(run.Findings) == 0 {
		_, err := io.WriteString(w, b.String())
		return err
	}
	type key struct{ conn, rule string }
	counts := map[key]int{}
	sev := map[string]rules.Severity{}
	for _, f := range run.Findings {
		counts[key{Rel(f.Conn), f.RuleID}]++
		sev[f.RuleID] = f.Severity
	}
	keys := make([]key, 0, len(counts))
	for k := range counts {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if keys[i].conn != keys[j].conn {
			return keys[i].conn < keys[j].conn
		}
		return keys[i].rule < keys[j].rule
	})
	b.WriteString("\n| connector | rule | severity | findings |\n|---|---|---|---:|\n")
	for _, k := range keys {
		fmt.Fprintf(&b, "| %s | [`%s`](%s) | %s | %d |\n", EscapeMarkdown(k.conn), k.rule, rules.DocsBase+url.PathEscape(k.rule)+".md", sev[k.rule], counts[k])
	}
	b.WriteString("\n<details><summary>All findings</summary>\n\n")
	const tail = "\n</details>\n"
	for i, f := range run.Findings {
		loc := fmt.Sprintf("%s:%d:%d", Rel(f.File), f.Pos.Line, f.Pos.Col)
		line := "- " + EscapeMarkdown(loc)
		if u := links.FileURL(f.File, f.Pos.Line); u != "" {
			line = "- [" + EscapeMarkdown(loc) + "](" + u + ")"
		}
		line += fmt.Sprintf(" **%s** %s `%s`\n", f.Severity, EscapeMarkdown(f.Message), f.RuleID)
		if b.Len()+len(line)+len(tail)+200 > limit {
			fmt.Fprintf(&b, "- … and %d more findings, left out to stay under GitHub's summary size limit (see the log or the SARIF file)\n", len(run.Findings)-i)
			break
		}
		b.WriteString(line)
	}
	b.WriteString(tail)
	_, err := io.WriteString(w, b.String())
	return err
}
