// Package config reads .connectorlint.yaml (per-rule severities, per-path profiles, ignores) and
// baseline files (fingerprints of accepted findings), and filters findings with them.
//
//	rules:                      # severity per rule ID or Microsoft code: error, warning, info, off
//	  info-title-restricted-words: warning
//	  operation-description-required: off
//	profiles:                   # the first matching glob chooses the profile of a connector folder
//	  - path: "legacy/**"
//	    profile: custom
//	ignore:                     # rule + path glob (+ optional JSON Pointer, itself a prefix match)
//	  - rule: operation-summary-style
//	    path: "certified-connectors/Contoso*/**"
//	    pointer: /paths/~1tasks
//	    reason: vendor wording, agreed with Microsoft
//
// Globs use / as separator; * matches within one path segment, ** any number of segments.
package config

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"os"
	"path"
	"regexp"
	"sort"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/connectorlint/connectorlint/connector"
	"github.com/connectorlint/connectorlint/rules"
)

// DefaultFile is looked for at the repository root by the Action when no config input is given.
const DefaultFile = ".connectorlint.yaml"

// Config is a parsed configuration file.
type Config struct {
	Rules    map[string]string `yaml:"rules"`
	Profiles []ProfileRule     `yaml:"profiles"`
	Ignore   []Ignore          `yaml:"ignore"`

	severity map[string]rules.Severity
	profiles []compiledProfile
	ignores  []compiledIgnore
}

// ProfileRule chooses a profile for connector folders matching Path.
type ProfileRule struct {
	Path    string `yaml:"path"`
	Profile string `yaml:"profile"`
}

// Ignore drops findings of Rule in files matching Path, below Pointer when set.
type Ignore struct {
	Rule    string `yaml:"rule"`
	Path    string `yaml:"path"`
	Pointer string `yaml:"pointer"`
	Reason  string `yaml:"reason"`
}

type compiledProfile struct {
	re      *regexp.Regexp
	profile connector.Profile
}

type compiledIgnore struct {
	rule    string
	re      *regexp.Regexp
	pointer string
}

// Load reads and validates a configuration file.
func Load(file string) (*Config, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	c, err := Parse(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	return c, nil
}

// Parse reads a configuration from YAML; unknown keys are errors, so typos do not pass silently.
func Parse(data []byte) (*Config, error) {
	c := &Config{}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(c); err != nil && err != io.EOF {
		return nil, err
	}
	c.severity = map[string]rules.Severity{}
	for id, s := range c.Rules {
		r := rules.ByID(id)
		if r == nil {
			return nil, fmt.Errorf("rules: unknown rule %q", id)
		}
		sev, err := rules.ParseSeverity(s)
		if err != nil {
			return nil, fmt.Errorf("rules: %s: %v", id, err)
		}
		c.severity[r.ID] = sev
	}
	for i, p := range c.Profiles {
		prof, err := connector.ParseProfile(p.Profile)
		if err != nil {
			return nil, fmt.Errorf("profiles[%d]: %v", i, err)
		}
		re, err := Glob(p.Path)
		if err != nil {
			return nil, fmt.Errorf("profiles[%d]: %v", i, err)
		}
		c.profiles = append(c.profiles, compiledProfile{re, prof})
	}
	for i, ig := range c.Ignore {
		r := rules.ByID(ig.Rule)
		if ig.Rule != "*" && r == nil {
			return nil, fmt.Errorf("ignore[%d]: unknown rule %q", i, ig.Rule)
		}
		id := ig.Rule
		if r != nil {
			id = r.ID
		}
		pat := ig.Path
		if pat == "" {
			pat = "**"
		}
		re, err := Glob(pat)
		if err != nil {
			return nil, fmt.Errorf("ignore[%d]: %v", i, err)
		}
		if ig.Pointer != "" && !strings.HasPrefix(ig.Pointer, "/") {
			return nil, fmt.Errorf("ignore[%d]: pointer %q must start with / (RFC 6901)", i, ig.Pointer)
		}
		c.ignores = append(c.ignores, compiledIgnore{id, re, ig.Pointer})
	}
	return c, nil
}

// Glob compiles a path glob (/-separated; *, ?, ** across segments) into an anchored regexp.
func Glob(g string) (*regexp.Regexp, error) {
	g = strings.TrimPrefix(path.Clean("/"+strings.ReplaceAll(g, "\\", "/")), "/")
	var b strings.Builder
	b.WriteString("^")
	for i := 0; i < len(g); i++ {
		switch ch := g[i]; ch {
		case '*':
			if i+1 < len(g) && g[i+1] == '*' {
				i++
				if i+1 < len(g) && g[i+1] == '/' { // "**/" matches zero or more folders
					i++
					b.WriteString("(?:.*/)?")
				} else {
					b.WriteString(".*")
				}
			} else {
				b.WriteString("[^/]*")
			}
		case '?':
			b.WriteString("[^/]")
		default:
			b.WriteString(regexp.QuoteMeta(string(ch)))
		}
	}
	b.WriteString("(?:/.*)?$") // a folder pattern matches what is inside it
	return regexp.Compile(b.String())
}

func clean(p string) string {
	return strings.TrimPrefix(path.Clean("/"+strings.ReplaceAll(p, "\\", "/")), "/")
}

// Apply merges the per-rule severities into cfg (which may be nil) and returns it.
func (c *Config) Apply(cfg *rules.Config) *rules.Config {
	if cfg == nil {
		cfg = &rules.Config{}
	}
	if c == nil || len(c.severity) == 0 {
		return cfg
	}
	if cfg.Severity == nil {
		cfg.Severity = map[string]rules.Severity{}
	}
	for id, s := range c.severity {
		if _, set := cfg.Severity[id]; !set { // command-line --disable wins
			cfg.Severity[id] = s
		}
	}
	return cfg
}

// Profile returns the profile configured for connector folder dir, or "" to infer it.
func (c *Config) Profile(dir string) connector.Profile {
	if c == nil {
		return ""
	}
	d := clean(dir)
	for _, p := range c.profiles {
		if p.re.MatchString(d) {
			return p.profile
		}
	}
	return ""
}

// Ignored reports whether a finding matches an ignore entry.
func (c *Config) Ignored(f *rules.Finding) bool {
	if c == nil {
		return false
	}
	file := clean(f.File)
	for _, ig := range c.ignores {
		if ig.rule != "*" && ig.rule != f.RuleID {
			continue
		}
		if !ig.re.MatchString(file) {
			continue
		}
		if ig.pointer != "" && f.Pointer != ig.pointer && !strings.HasPrefix(f.Pointer, ig.pointer+"/") {
			continue
		}
		return true
	}
	return false
}

// Baseline is a set of fingerprints of accepted findings.
type Baseline map[string]bool

// LoadBaseline reads a baseline file (`connectorlint lint --write-baseline FILE` writes one): one
// fingerprint per line; text after the fingerprint and lines starting with # are comments.
func LoadBaseline(file string) (Baseline, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	b := Baseline{}
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		fp := strings.Fields(line)[0]
		if !fpRe.MatchString(fp) {
			return nil, fmt.Errorf("%s: %q is not a finding fingerprint", file, fp)
		}
		b[fp] = true
	}
	return b, sc.Err()
}

var fpRe = regexp.MustCompile(`^[0-9a-f]{8,64}$`)

// WriteBaseline writes the fingerprints of fs, each followed by a comment naming the finding.
func WriteBaseline(w io.Writer, fs []*rules.Finding) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintln(bw, "# connectorlint baseline: findings accepted as they are. One fingerprint per line.")
	seen := map[string]bool{}
	lines := []string{}
	for _, f := range fs {
		fp := f.Fingerprint()
		if seen[fp] {
			continue
		}
		seen[fp] = true
		lines = append(lines, fmt.Sprintf("%s %s %s %s", fp, f.RuleID, clean(f.File), f.Pointer))
	}
	sort.Strings(lines)
	for _, l := range lines {
		fmt.Fprintln(bw, strings.TrimSpace(l))
	}
	return bw.Flush()
}

// Filter drops findings that the config ignores or the baseline accepts, and returns the number dropped
// by each.
func Filter(fs []*rules.Finding, c *Config, b Baseline) (kept []*rules.Finding, ignored, baselined int) {
	kept = fs[:0:0]
	for _, f := range fs {
		switch {
		case c.Ignored(f):
			ignored++
		case b[f.Fingerprint()]:
			baselined++
		default:
			kept = append(kept, f)
		}
	}
	return kept, ignored, baselined
}

// LintDirs lints connector folders like rules.LintDirs, giving each folder the profile its path
// matches in c (folders with no match keep opt.Profile). Results come back in the order of dirs.
func LintDirs(dirs []string, opt connector.LoadOptions, cfg *rules.Config, workers int, c *Config) []rules.Result {
	if c == nil || len(c.profiles) == 0 || opt.Profile != "" {
		return rules.LintDirs(dirs, opt, cfg, workers)
	}
	groups := map[connector.Profile][]int{}
	var order []connector.Profile
	for i, d := range dirs {
		p := c.Profile(d)
		if _, ok := groups[p]; !ok {
			order = append(order, p)
		}
		groups[p] = append(groups[p], i)
	}
	out := make([]rules.Result, len(dirs))
	for _, p := range order {
		idx := groups[p]
		sub := make([]string, len(idx))
		for j, i := range idx {
			sub[j] = dirs[i]
		}
		o := opt
		o.Profile = p
		for j, r := range rules.LintDirs(sub, o, cfg, workers) {
			out[idx[j]] = r
		}
	}
	return out
}
