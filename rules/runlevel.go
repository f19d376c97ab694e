package rules

import (
	"crypto/sha256"
	"fmt"
	"strings"

	"github.com/connectorlint/connectorlint/connector"
)

// Run-level rules compare the connectors of one run with each other. They see a Summary of each
// connector, taken before its parsed tree is dropped, and report into that connector's findings.

// Summary is what run-level rules know of one connector.
type Summary struct {
	Dir     string
	Profile connector.Profile
	Title   string // info.title, "" when absent
	// TitleFile, TitleStart, TitleEnd, TitlePos and TitlePointer locate the title's value.
	TitleFile    string
	TitleStart   int
	TitleEnd     int
	TitlePos     connector.Pos
	TitleEndPos  connector.Pos
	TitlePointer string
	// Icon is the SHA-256 of icon.png; IconFile is "" when the connector has none. IconEnd, IconPos
	// and IconEndPos locate the range findings about the icon point at (its first bytes).
	Icon       [32]byte
	IconFile   string
	IconEnd    int
	IconPos    connector.Pos
	IconEndPos connector.Pos
}

// Summarize extracts a connector's Summary (call it before Slim).
func Summarize(c *connector.Connector) Summary {
	s := Summary{Dir: c.Dir, Profile: c.Profile}
	if f := c.Icon; f != nil && len(f.Src) > 0 {
		s.Icon, s.IconFile = sha256.Sum256(f.Src), f.Name
		_, s.IconEnd = rdIconHead(f)
		l := connector.NewLines(f.Src[:s.IconEnd]) // not the whole image: it is binary
		s.IconPos, s.IconEndPos = l.Pos(0), l.Pos(s.IconEnd)
	}
	api := c.API()
	if api == nil {
		return s
	}
	t := api.Path(api.Root, "info", "title")
	if v, ok := api.Str(t); ok {
		s.Title = v
		s.TitleFile = c.Swagger.Name
		s.TitleStart, s.TitleEnd = api.ValueRange(t)
		s.TitlePos, s.TitleEndPos = c.Swagger.Lines().Pos(s.TitleStart), c.Swagger.Lines().Pos(s.TitleEnd)
		s.TitlePointer = api.Pointer(t)
	}
	return s
}

// RunPass is what a run-level rule sees.
type RunPass struct {
	Rule      *Rule
	Summaries []Summary
	out       map[int][]*Finding // by index into Summaries
}

// ReportTitle reports on the title of the i-th connector.
func (p *RunPass) ReportTitle(i int, format string, args ...any) *Finding {
	s := p.Summaries[i]
	f := newFinding(p.Rule, s.TitleFile, s.TitleStart, s.TitleEnd, s.TitlePointer, sprintf(format, args...))
	f.Pos, f.EndPos = s.TitlePos, s.TitleEndPos
	return p.add(i, f)
}

// ReportIcon reports on the icon of the i-th connector.
func (p *RunPass) ReportIcon(i int, format string, args ...any) *Finding {
	s := p.Summaries[i]
	f := newFinding(p.Rule, s.IconFile, 0, s.IconEnd, "", sprintf(format, args...))
	f.Pos, f.EndPos = s.IconPos, s.IconEndPos
	return p.add(i, f)
}

// add files f as a finding of the i-th connector.
func (p *RunPass) add(i int, f *Finding) *Finding {
	f.Conn = p.Summaries[i].Dir
	if p.out == nil {
		p.out = map[int][]*Finding{}
	}
	p.out[i] = append(p.out[i], f)
	return f
}

// CheckRun runs the run-level rules over results and adds their findings to each result.
func CheckRun(results []Result, cfg *Config) {
	sums := make([]Summary, len(results))
	for i := range results {
		sums[i] = results[i].Summary
	}
	for _, r := range cfg.rules() {
		if r.CheckRun == nil {
			continue
		}
		sev, on := cfg.severity(r)
		if !on {
			continue
		}
		p := &RunPass{Rule: r, Summaries: sums}
		if err := runCheck(r, func() error { return r.CheckRun(p) }); err != nil {
			if len(results) > 0 {
				results[0].Findings = append(results[0].Findings, internalError(results[0].Connector, r, err))
			}
			continue
		}
		for i, fs := range p.out {
			if !r.AppliesTo(sums[i].Profile) {
				continue
			}
			for _, f := range fs {
				f.Severity = sev
			}
			results[i].Findings = append(results[i].Findings, fs...)
			Sort(results[i].Findings)
		}
	}
}

// Source: certification-submission ("Must be unique and distinguishable from any existing connector
// title"); rules-catalog §2.2 info-title-unique (8 duplicate titles in Microsoft's repository).
var infoTitleDuplicateRule = &Rule{
	ID: "info-title-duplicate", Severity: Warning, Category: "info", Inputs: Swagger, Certification: true,
	Doc: Doc{
		Title: "Connector titles are unique within a repository",
		Why: "A connector's title must be unique and distinguishable from every existing connector's. When a run lints several connectors " +
			"(a whole connector repository, say), two of the same profile with the same title — ignoring letter case and spacing — " +
			"cannot both be certified under it. A certified and an independent-publisher connector may share a name: Microsoft appends " +
			"\"(Independent Publisher)\" to the latter. Only the connectors linted together are compared; info-title-unique compares " +
			"with Microsoft's own connectors.",
		HowToFix: "Rename one of them after its product or organisation, or merge the two connectors.",
		Source:   "https://learn.microsoft.com/en-us/connectors/custom-connectors/certification-submission ; rules-catalog §2.2 info-title-unique",
	},
	CheckRun: checkInfoTitleDuplicate,
}

func checkInfoTitleDuplicate(p *RunPass) error {
	first := map[string]int{}
	for i, s := range p.Summaries {
		if s.Title == "" {
			continue
		}
		key := string(s.Profile) + "\x00" + strings.Join(strings.Fields(strings.ToLower(s.Title)), " ")
		j, seen := first[key]
		if !seen {
			first[key] = i
			continue
		}
		o := p.Summaries[j]
		f := p.ReportTitle(i, "title %q is also the title of %s; titles must be unique, rename one of them", s.Title, o.Dir)
		f.Related = append(f.Related, Related{File: o.TitleFile, Start: o.TitleStart, End: o.TitleEnd, Pos: o.TitlePos,
			Pointer: o.TitlePointer, Message: fmt.Sprintf("the other connector titled %q", o.Title)})
	}
	return nil
}
