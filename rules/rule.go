// Package rules holds connectorlint's rules and the engine that runs them.
//
// A rule is a value (see Rule) with a stable kebab-case ID, the Microsoft validator code where one
// exists, a default severity, its documentation, and a pure Check function over a loaded connector.
// Rules never read files and never print: they report Findings through a Pass.
package rules

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/connectorlint/connectorlint/connector"
)

// Severity of a finding.
type Severity int

// Severities, lowest first.
const (
	Info Severity = iota + 1
	Warning
	Error
)

func (s Severity) String() string {
	switch s {
	case Info:
		return "info"
	case Warning:
		return "warning"
	case Error:
		return "error"
	}
	return "none"
}

// ParseSeverity accepts error, warning, info (and never, which returns 0: nothing fails).
func ParseSeverity(s string) (Severity, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "error":
		return Error, nil
	case "warning", "warn":
		return Warning, nil
	case "info", "note":
		return Info, nil
	case "never", "none", "off":
		return 0, nil
	}
	return 0, fmt.Errorf("unknown severity %q: use error, warning, info or never", s)
}

// MarshalText writes the severity name.
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// UnmarshalText reads a severity name.
func (s *Severity) UnmarshalText(b []byte) error {
	v, err := ParseSeverity(string(b))
	*s = v
	return err
}

// Input is a bitmask of the connector files a rule reads; the runner skips a rule whose inputs are
// all absent.
type Input uint8

// Inputs.
const (
	Swagger Input = 1 << iota
	Props
	Readme
	Script
	Icon
	Folder
)

// Doc is a rule's documentation; docs/rules.md and `connectorlint rules ID` are generated from it.
type Doc struct {
	Title    string // sentence case, what good looks like ("operationId values are unique")
	Why      string // what breaks, and who enforces it
	HowToFix string
	Source   string // where the rule comes from (Microsoft Learn page, validator, review thread)
}

// Rule is one check.
type Rule struct {
	ID       string   // kebab-case, permanent
	Code     string   // Microsoft's validator code, or ""
	Severity Severity // default severity
	Category string   // area, e.g. "info", "operations", "parameters"
	Inputs   Input
	// Certification marks rules that Microsoft's pipeline runs only for certified and
	// independent-publisher connectors; they are off for the custom profile.
	Certification bool
	// Profiles, when set, limits the rule to these profiles.
	Profiles []connector.Profile
	Doc      Doc
	Check    func(p *Pass) error
	// Compare is the check of a breaking-change rule: it gets the old and the new connector.
	Compare func(p *ChangePass) error
	// CheckRun is the check of a rule that compares the connectors of one run with each other (e.g.
	// duplicate titles in a repository). It sees a summary of every linted connector.
	CheckRun func(p *RunPass) error
}

// DocsURL is where the rule's documentation lives.
func (r *Rule) DocsURL() string { return DocsBase + r.ID + ".md" }

// DocsBase is the base of rule documentation links.
const DocsBase = "https://github.com/connectorlint/connectorlint/blob/main/docs/rules/"

// AppliesTo reports whether the rule runs for connectors of profile p.
func (r *Rule) AppliesTo(p connector.Profile) bool {
	if r.Certification && p == connector.Custom {
		return false
	}
	if len(r.Profiles) == 0 {
		return true
	}
	for _, q := range r.Profiles {
		if q == p {
			return true
		}
	}
	return false
}

// Finding is one problem found by a rule. Ranges are byte offsets; Pos fields are filled by the
// engine after the checks, from the file's line table.
type Finding struct {
	RuleID   string        `json:"rule"`
	Code     string        `json:"code,omitempty"`
	Severity Severity      `json:"severity"`
	File     string        `json:"path"`
	Start    int           `json:"-"`
	End      int           `json:"-"`
	Pos      connector.Pos `json:"-"`
	EndPos   connector.Pos `json:"-"`
	Pointer  string        `json:"pointer"`
	Message  string        `json:"message"`
	Related  []Related     `json:"related,omitempty"`
	Fixes    []Fix         `json:"fixes,omitempty"`
	Conn     string        `json:"connector,omitempty"`
	rule     *Rule
}

// Rule returns the rule that made f, when known.
func (f *Finding) Rule() *Rule { return f.rule }

// Related is a second location that explains a finding (e.g. the first definition of a duplicate).
type Related struct {
	File    string        `json:"path"`
	Start   int           `json:"-"`
	End     int           `json:"-"`
	Pos     connector.Pos `json:"-"`
	Pointer string        `json:"pointer,omitempty"`
	Message string        `json:"message"`
}

// Fix is one way to repair a finding: a verb phrase and byte edits that keep the file's formatting.
type Fix struct {
	Message string `json:"message"`
	Edits   []Edit `json:"edits"`
}

// Edit replaces bytes [Start, End) of File with New.
type Edit struct {
	File  string `json:"path"`
	Start int    `json:"start"`
	End   int    `json:"end"`
	New   string `json:"new"`
}

// Fingerprint identifies a finding across runs and edits: rule, file and JSON Pointer plus the message
// with quoted values and numbers normalised, so it survives unrelated lines moving. PR-comment dedupe
// and baselines key on it.
func (f *Finding) Fingerprint() string {
	h := sha256.New()
	for _, s := range []string{f.RuleID, filepath.ToSlash(f.File), f.Pointer, normalizeMessage(f.Message)} {
		h.Write([]byte(s))
		h.Write([]byte{0})
	}
	if f.Pointer == "" { // raw-text findings (style, readme) have no pointer: the line keeps them apart
		fmt.Fprintf(h, "%d", f.Pos.Line)
	}
	return hex.EncodeToString(h.Sum(nil))[:20]
}

var digitsRe = regexp.MustCompile(`[0-9]+`)

func normalizeMessage(m string) string { return digitsRe.ReplaceAllString(m, "#") }
