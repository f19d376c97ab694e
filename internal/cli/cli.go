// Package cli implements connectorlint's command line. main.go only calls Main.
package cli

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"

	"github.com/connectorlint/connectorlint/connector"
	"github.com/connectorlint/connectorlint/internal/config"
	"github.com/connectorlint/connectorlint/reporter"
	"github.com/connectorlint/connectorlint/rules"
)

// Exit codes.
const (
	ExitClean    = 0
	ExitFindings = 1
	ExitError    = 2
)

const usage = `connectorlint checks Power Platform custom connectors against Microsoft's certification rules.

Usage:
  connectorlint lint [flags] PATH...   lint connector folders, their files, or trees of them
  connectorlint diff [flags] OLD NEW   report breaking changes between two versions of a connector
  connectorlint rules [--json] [ID]    list the rules, or explain one (by ID or Microsoft code)
  connectorlint version

Run 'connectorlint lint -h' for the lint flags.
Exit codes: 0 clean, 1 findings at or above --fail-on, 2 usage or tool error.
`

// Env is the process environment the CLI runs in.
type Env struct {
	Stdout, Stderr io.Writer
	IsTerminal     bool // stdout is a terminal
	Getenv         func(string) string
}

// Main runs the command line and returns the exit code.
func Main(args []string, env Env) int {
	if env.Getenv == nil {
		env.Getenv = os.Getenv
	}
	if len(args) == 0 {
		fmt.Fprint(env.Stderr, usage)
		return ExitError
	}
	switch args[0] {
	case "lint":
		return lintCmd(args[1:], env)
	case "diff":
		return diffCmd(args[1:], env)
	case "rules", "explain":
		return rulesCmd(args[1:], env)
	case "version", "--version":
		fmt.Fprintf(env.Stdout, "connectorlint %s\n", reporter.ToolVersion)
		return ExitClean
	case "help", "-h", "--help":
		fmt.Fprint(env.Stdout, usage)
		return ExitClean
	}
	fmt.Fprintf(env.Stderr, "connectorlint: unknown command %q\n\n%s", args[0], usage)
	return ExitError
}

type listFlag []string

func (l *listFlag) String() string { return strings.Join(*l, ",") }
func (l *listFlag) Set(s string) error {
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			*l = append(*l, p)
		}
	}
	return nil
}

// parseInterleaved lets flags follow paths, as users type them.
func parseInterleaved(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		if args[0] == "--" {
			return append(pos, args[1:]...), nil
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}

type lintOptions struct {
	format, failOn, profile, color  string
	base                            string
	config, baseline, writeBaseline string
	only, disable                   listFlag
	fix                             bool
	workers                         int
}

func lintCmd(args []string, env Env) int {
	var o lintOptions
	fs := flag.NewFlagSet("lint", flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	fs.StringVar(&o.format, "format", "text", "output format: text, json, sarif, rdjson (reviewdog) or github (workflow annotations)")
	fs.StringVar(&o.failOn, "fail-on", "error", "exit 1 when a finding is at or above: error, warning, info or never")
	fs.StringVar(&o.profile, "profile", "", "certified, independent-publisher or custom (default: from the folder: certified-connectors/, independent-publisher-connectors/, else custom)")
	fs.StringVar(&o.color, "color", "auto", "colour the text output: auto, always or never (NO_COLOR is honoured)")
	fs.Var(&o.only, "rule", "run only these rules (IDs or Microsoft codes, comma-separated or repeated)")
	fs.Var(&o.disable, "disable", "turn these rules off (IDs or Microsoft codes)")
	fs.BoolVar(&o.fix, "fix", false, "apply the fixes of findings that have exactly one fix, then report what is left")
	fs.StringVar(&o.config, "config", "", "configuration file (.connectorlint.yaml): rule severities, per-path profiles, ignores")
	fs.StringVar(&o.baseline, "baseline", "", "baseline file: findings whose fingerprints it lists are not reported")
	fs.StringVar(&o.writeBaseline, "write-baseline", "", "write the fingerprints of the findings to this baseline file")
	fs.IntVar(&o.workers, "j", 0, "connectors linted in parallel (default: all cores)")
	fs.StringVar(&o.base, "base", "", "git revision: also report breaking changes of each connector against its version there")
	fs.Usage = func() {
		fmt.Fprintf(env.Stderr, "Usage: connectorlint lint [flags] PATH...\n\nFlags:\n")
		fs.PrintDefaults()
	}
	paths, err := parseInterleaved(fs, args)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return ExitClean
		}
		return ExitError
	}
	fail := func(format string, a ...any) int {
		fmt.Fprintf(env.Stderr, "connectorlint: "+format+"\n", a...)
		return ExitError
	}
	if len(paths) == 0 {
		return fail("no path given: name a connector folder, one of its files, or a folder of connectors")
	}
	failOn, err := rules.ParseSeverity(o.failOn)
	if err != nil {
		return fail("--fail-on: %v", err)
	}
	switch o.format {
	case "text", "json", "sarif", "rdjson", "github":
	default:
		return fail("--format %q: use text, json, sarif, rdjson or github", o.format)
	}
	var loadOpt connector.LoadOptions
	if o.profile != "" {
		p, err := connector.ParseProfile(o.profile)
		if err != nil {
			return fail("--profile: %v", err)
		}
		loadOpt.Profile = p
	}
	cfg, err := ruleConfig(o.only, o.disable)
	if err != nil {
		return fail("%v", err)
	}
	var conf *config.Config
	var base config.Baseline
	if o.config != "" {
		if conf, err = config.Load(o.config); err != nil {
			return fail("--config: %v", err)
		}
		cfg = conf.Apply(cfg)
	}
	if o.baseline != "" {
		if base, err = config.LoadBaseline(o.baseline); err != nil {
			return fail("--baseline: %v", err)
		}
	}
	dirs, errs := connector.Discover(paths)
	for _, e := range errs {
		fmt.Fprintf(env.Stderr, "connectorlint: %v\n", e)
	}
	if len(errs) > 0 && len(dirs) == 0 {
		return ExitError
	}
	results := config.LintDirs(dirs, loadOpt, cfg, o.workers, conf)
	rules.CheckRun(results, cfg)
	if o.fix {
		n, skipped, err := applyFixes(results)
		if err != nil {
			return fail("--fix: %v", err)
		}
		fmt.Fprintf(env.Stderr, "connectorlint: applied %d fixes", n)
		if skipped > 0 {
			fmt.Fprintf(env.Stderr, " (%d skipped: they overlap another fix; run --fix again)", skipped)
		}
		fmt.Fprintln(env.Stderr)
		results = config.LintDirs(dirs, loadOpt, cfg, o.workers, conf)
		rules.CheckRun(results, cfg)
	}
	for i := range results {
		results[i].Findings, _, _ = config.Filter(results[i].Findings, conf, base)
	}
	if o.base != "" {
		if results, err = CompareWithBase(results, o.base, loadOpt, cfg); err != nil {
			return fail("%v", err)
		}
	}
	run := reporter.NewRun(results)
	if o.writeBaseline != "" {
		var b strings.Builder
		config.WriteBaseline(&b, run.Findings)
		if err := os.WriteFile(o.writeBaseline, []byte(b.String()), 0o644); err != nil {
			return fail("--write-baseline: %v", err)
		}
	}
	switch o.format {
	case "json":
		err = reporter.JSON(env.Stdout, run)
	case "sarif":
		err = reporter.SARIF(env.Stdout, run)
	case "rdjson":
		err = reporter.RDJSON(env.Stdout, run)
	case "github":
		err = reporter.GitHub(env.Stdout, run)
	default:
		color := o.color == "always" || o.color == "auto" && env.IsTerminal && env.Getenv("NO_COLOR") == ""
		err = reporter.Text(env.Stdout, run, reporter.TextOptions{Color: color, Frames: true})
	}
	if err != nil {
		return fail("writing the report: %v", err)
	}
	if len(errs) > 0 {
		return ExitError
	}
	if run.Fails(failOn) {
		return ExitFindings
	}
	return ExitClean
}

func ruleConfig(only, disable []string) (*rules.Config, error) {
	cfg := &rules.Config{}
	lookup := func(id string) (*rules.Rule, error) {
		r := rules.ByID(id)
		if r == nil {
			return nil, fmt.Errorf("unknown rule %q (see 'connectorlint rules')", id)
		}
		return r, nil
	}
	if len(only) > 0 {
		cfg.Rules = []*rules.Rule{}
		for _, id := range only {
			r, err := lookup(id)
			if err != nil {
				return nil, err
			}
			cfg.Rules = append(cfg.Rules, r)
		}
	}
	if len(disable) > 0 {
		cfg.Severity = map[string]rules.Severity{}
		for _, id := range disable {
			r, err := lookup(id)
			if err != nil {
				return nil, err
			}
			cfg.Severity[r.ID] = 0
		}
	}
	return cfg, nil
}

// applyFixes writes the single fix of every finding that has exactly one; overlapping edits are
// skipped and counted.
func applyFixes(results []rules.Result) (applied, skipped int, err error) {
	perFile := map[string][]rules.Fix{}
	src := map[string][]byte{}
	for _, res := range results {
		for _, f := range res.Findings {
			if len(f.Fixes) != 1 {
				continue
			}
			fx := f.Fixes[0]
			if len(fx.Edits) == 0 {
				continue
			}
			file := fx.Edits[0].File
			perFile[file] = append(perFile[file], fx)
			if _, ok := src[file]; !ok {
				if cf := res.Connector.FileByName(file); cf != nil {
					src[file] = cf.Src
				}
			}
		}
	}
	names := make([]string, 0, len(perFile))
	for n := range perFile {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, name := range names {
		data := src[name]
		if data == nil {
			continue
		}
		var chosen []rules.Edit
		for _, fx := range perFile[name] {
			try := append(append([]rules.Edit(nil), chosen...), fx.Edits...)
			if _, err := rules.ApplyEdits(data, try); err != nil {
				skipped++
				continue
			}
			chosen = try
			applied++
		}
		out, err := rules.ApplyEdits(data, chosen)
		if err != nil {
			return applied, skipped, err
		}
		info, err := os.Stat(name)
		if err != nil {
			return applied, skipped, err
		}
		if err := os.WriteFile(name, out, info.Mode().Perm()); err != nil {
			return applied, skipped, err
		}
	}
	return applied, skipped, nil
}

func rulesCmd(args []string, env Env) int {
	fs := flag.NewFlagSet("rules", flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	asJSON := fs.Bool("json", false, "print the registry as JSON")
	ids, err := parseInterleaved(fs, args)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return ExitClean
		}
		return ExitError
	}
	list := rules.All()
	if len(ids) > 0 {
		list = nil
		for _, id := range ids {
			r := rules.ByID(id)
			if r == nil {
				fmt.Fprintf(env.Stderr, "connectorlint: unknown rule %q (run 'connectorlint rules' for the list)\n", id)
				return ExitError
			}
			list = append(list, r)
		}
	}
	if *asJSON {
		type jr struct {
			ID, Code, Severity, Category, Title, Why, HowToFix, Source, Docs string
			Certification                                                    bool
		}
		var out []jr
		for _, r := range list {
			out = append(out, jr{r.ID, r.Code, r.Severity.String(), r.Category, r.Doc.Title, r.Doc.Why, r.Doc.HowToFix, r.Doc.Source, r.DocsURL(), r.Certification})
		}
		enc := json.NewEncoder(env.Stdout)
		enc.SetIndent("", "  ")
		enc.Encode(out)
		return ExitClean
	}
	if len(ids) > 0 {
		for i, r := range list {
			if i > 0 {
				fmt.Fprintln(env.Stdout)
			}
			fmt.Fprint(env.Stdout, Explain(r))
		}
		return ExitClean
	}
	w := 0
	for _, r := range list {
		w = max(w, len(r.ID))
	}
	for _, r := range list {
		code := r.Code
		if code == "" {
			code = "-"
		}
		fmt.Fprintf(env.Stdout, "%-*s  %-7s  %-40s  %s\n", w, r.ID, r.Severity, code, r.Doc.Title)
	}
	return ExitClean
}

// Explain renders one rule's documentation as text.
func Explain(r *rules.Rule) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %s\n", r.ID, r.Doc.Title)
	fmt.Fprintf(&b, "  severity: %s", r.Severity)
	if r.Code != "" {
		fmt.Fprintf(&b, "    Microsoft code: %s", r.Code)
	}
	if r.Certification {
		b.WriteString("    certification only (off for custom connectors)")
	}
	b.WriteString("\n\n")
	fmt.Fprintf(&b, "Why: %s\n\nHow to fix: %s\n\nSource: %s\nDocs: %s\n", r.Doc.Why, r.Doc.HowToFix, r.Doc.Source, r.DocsURL())
	return b.String()
}
