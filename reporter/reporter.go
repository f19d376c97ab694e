// Package reporter writes findings in the formats connectorlint supports. Reporters never re-parse
// files: they get the findings, the rule registry and the loaded sources.
package reporter

import (
	"path/filepath"

	"github.com/connectorlint/connectorlint/connector"
	"github.com/connectorlint/connectorlint/rules"
)

// Run is everything a reporter needs: sorted findings, the registry, and the sources of files that
// have findings.
type Run struct {
	Findings   []*rules.Finding
	Rules      []*rules.Rule
	Connectors int
	Files      int // files read
	sources    map[string]*connector.File
}

// NewRun gathers results into a Run. Findings are sorted across connectors.
func NewRun(results []rules.Result, extra ...*rules.Finding) *Run {
	r := &Run{Rules: rules.All(), sources: map[string]*connector.File{}}
	for _, res := range results {
		r.Connectors++
		for _, f := range res.Connector.Files() {
			r.Files++
			r.sources[f.Name] = f
		}
		r.Findings = append(r.Findings, res.Findings...)
	}
	r.Findings = append(r.Findings, extra...)
	rules.Sort(r.Findings)
	return r
}

// Source returns the loaded file with display path name, or nil.
func (r *Run) Source(name string) *connector.File {
	if f := r.sources[name]; f != nil && f.Src != nil {
		return f
	}
	return nil
}

// Count returns the number of findings per severity.
func (r *Run) Count() (errors, warnings, infos int) {
	for _, f := range r.Findings {
		switch f.Severity {
		case rules.Error:
			errors++
		case rules.Warning:
			warnings++
		case rules.Info:
			infos++
		}
	}
	return
}

// Fails reports whether any finding is at or above failOn (0 means never).
func (r *Run) Fails(failOn rules.Severity) bool {
	if failOn == 0 {
		return false
	}
	for _, f := range r.Findings {
		if f.Severity >= failOn {
			return true
		}
	}
	return false
}

// Rel shows path relative to the working directory when that is shorter and inside it.
func Rel(path string) string {
	if !filepath.IsAbs(path) {
		return filepath.ToSlash(path)
	}
	wd, err := filepath.Abs(".")
	if err != nil {
		return filepath.ToSlash(path)
	}
	rel, err := filepath.Rel(wd, path)
	if err != nil || len(rel) >= 2 && rel[:2] == ".." {
		return filepath.ToSlash(path)
	}
	return filepath.ToSlash(rel)
}
