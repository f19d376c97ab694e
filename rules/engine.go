package rules

import (
	"cmp"
	"fmt"
	"runtime"
	"runtime/debug"
	"slices"
	"sync"

	"github.com/connectorlint/connectorlint/connector"
)

// Config chooses rules and severities for a run.
type Config struct {
	Rules []*Rule // the rules to run; nil means All()
	// Severity overrides a rule's default severity by ID; 0 turns the rule off.
	Severity map[string]Severity
}

// severity returns r's effective severity and whether the rule is on.
func (cfg *Config) severity(r *Rule) (Severity, bool) {
	if cfg != nil && cfg.Severity != nil {
		if s, ok := cfg.Severity[r.ID]; ok {
			return s, s != 0
		}
	}
	return r.Severity, true
}

func (cfg *Config) rules() []*Rule {
	if cfg == nil || cfg.Rules == nil {
		return All()
	}
	return cfg.Rules
}

// Lint runs every applicable check rule over connector c and returns its findings sorted, with
// positions resolved.
func Lint(c *connector.Connector, cfg *Config) []*Finding {
	// One Pass serves every rule in turn: the findings of each rule follow those of the rules before
	// it in p.out, which is the result.
	p := &Pass{C: c, API: c.API()}
	for _, r := range cfg.rules() {
		if r.Check == nil || !r.AppliesTo(c.Profile) || !hasInputs(c, r.Inputs) {
			continue
		}
		sev, on := cfg.severity(r)
		if !on {
			continue
		}
		p.Rule = r
		first := len(p.out)
		err := runCheck(r, func() error { return r.Check(p) })
		for _, f := range p.out[first:] {
			f.Severity = sev
			f.Conn = c.Dir
		}
		if err != nil {
			p.out = append(p.out, internalError(c, r, err))
		}
	}
	out := p.out
	Resolve(c, out)
	Sort(out)
	return out
}

// Compare runs every breaking-change rule over the old and new versions of one connector.
func Compare(old, new *connector.Connector, cfg *Config) []*Finding {
	var out []*Finding
	for _, r := range cfg.rules() {
		if r.Compare == nil {
			continue
		}
		sev, on := cfg.severity(r)
		if !on {
			continue
		}
		p := &ChangePass{Rule: r, Old: old, New: new, OldAPI: old.API(), NewAPI: new.API()}
		if p.OldAPI == nil || p.NewAPI == nil {
			continue
		}
		err := runCheck(r, func() error { return r.Compare(p) })
		for _, f := range p.out {
			f.Severity = sev
			f.Conn = new.Dir
		}
		out = append(out, p.out...)
		if err != nil {
			out = append(out, internalError(new, r, err))
		}
	}
	Resolve(new, out)
	resolveRelated(old, out)
	Sort(out)
	return out
}

func runCheck(r *Rule, fn func() error) (err error) {
	defer func() {
		if v := recover(); v != nil {
			err = fmt.Errorf("panic: %v\n%s", v, debug.Stack())
		}
	}()
	return fn()
}

func internalError(c *connector.Connector, r *Rule, err error) *Finding {
	file := c.Dir
	if c.Swagger != nil {
		file = c.Swagger.Name
	}
	f := newFinding(internalErrorRule, file, 0, 0, "", fmt.Sprintf("rule %s failed: %v (please report this; the other rules still ran)", r.ID, firstLine(err.Error())))
	f.Conn = c.Dir
	return f
}

func firstLine(s string) string {
	for i := 0; i < len(s); i++ {
		if s[i] == '\n' {
			return s[:i]
		}
	}
	return s
}

func hasInputs(c *connector.Connector, in Input) bool {
	if in == 0 {
		return true
	}
	return in&Swagger != 0 && c.API() != nil ||
		in&Props != 0 && c.Props != nil && c.Props.Doc != nil && c.Props.Doc.Root != connector.None ||
		in&Readme != 0 && c.Readme != nil ||
		in&Script != 0 && c.Script != nil ||
		in&Icon != 0 && c.Icon != nil ||
		in&Folder != 0
}

// Resolve fills the line/column fields of findings in the files of c. Findings are visited in
// offset order so that the line table's memo makes long single-line files linear.
func Resolve(c *connector.Connector, fs []*Finding) {
	fs = slices.Clone(fs)
	slices.SortFunc(fs, func(a, b *Finding) int { return cmp.Or(cmp.Compare(a.File, b.File), cmp.Compare(a.Start, b.Start)) })
	for _, f := range fs {
		file := c.FileByName(f.File)
		if file == nil {
			f.Pos = connector.Pos{Line: 1, Col: 1, Col16: 1}
			f.EndPos = f.Pos
			continue
		}
		l := file.Lines()
		f.Pos = l.Pos(f.Start)
		f.EndPos = l.Pos(f.End)
		for i := range f.Related {
			if rf := c.FileByName(f.Related[i].File); rf != nil {
				f.Related[i].Pos = rf.Lines().Pos(f.Related[i].Start)
			}
		}
	}
}

func resolveRelated(c *connector.Connector, fs []*Finding) {
	for _, f := range fs {
		for i := range f.Related {
			if rf := c.FileByName(f.Related[i].File); rf != nil && f.Related[i].Pos.Line == 0 {
				f.Related[i].Pos = rf.Lines().Pos(f.Related[i].Start)
			}
		}
	}
}

// Sort orders findings by path, position, rule and message.
func Sort(fs []*Finding) {
	slices.SortStableFunc(fs, func(a, b *Finding) int {
		return cmp.Or(cmp.Compare(a.File, b.File), cmp.Compare(a.Pos.Line, b.Pos.Line), cmp.Compare(a.Pos.Col, b.Pos.Col),
			cmp.Compare(a.RuleID, b.RuleID), cmp.Compare(a.Message, b.Message))
	})
}

// Result is the outcome of linting one connector folder.
type Result struct {
	Connector *connector.Connector
	Findings  []*Finding
	Summary   Summary // what run-level rules compare across connectors
}

// LintDirs loads and lints connector folders on all cores. Results come back in the order of dirs.
// Parsed trees are dropped after linting; file contents are kept only for files with findings, so
// that reporters can show code frames.
func LintDirs(dirs []string, opt connector.LoadOptions, cfg *Config, workers int) []Result {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	res := make([]Result, len(dirs))
	var wg sync.WaitGroup
	next := make(chan int)
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				c := connector.Load(dirs[i], opt)
				fs := Lint(c, cfg)
				sum := Summarize(c)
				Slim(c, fs)
				res[i] = Result{Connector: c, Findings: fs, Summary: sum}
			}
		}()
	}
	for i := range dirs {
		next <- i
	}
	close(next)
	wg.Wait()
	return res
}

// Slim drops what reporters do not need: parsed trees, and the text of files without findings.
func Slim(c *connector.Connector, fs []*Finding) {
	keep := map[string]bool{}
	for _, f := range fs {
		keep[f.File] = true
		if len(f.Fixes) > 0 {
			for _, fx := range f.Fixes {
				for _, e := range fx.Edits {
					keep[e.File] = true
				}
			}
		}
	}
	for _, f := range c.Files() {
		f.Doc = nil
		if !keep[f.Name] {
			f.DropText()
		}
	}
	c.Release()
}
