// Package action runs connectorlint as a GitHub Action: inputs come from INPUT_* variables through
// go-githubactions, the connectors a pull request or push changed are linted (with breaking-change
// checks against the base commit), and the findings are reported as a pull-request review, a check run,
// workflow-command annotations, a job summary and SARIF, as the inputs and the token's permissions
// allow. The exit code reflects the findings and fail-on only: reporting problems never change it.
package action

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/sethvargo/go-githubactions"

	"github.com/connectorlint/connectorlint/connector"
	"github.com/connectorlint/connectorlint/internal/config"
	"github.com/connectorlint/connectorlint/internal/gitsrc"
	"github.com/connectorlint/connectorlint/reporter"
	"github.com/connectorlint/connectorlint/rules"
	"github.com/connectorlint/connectorlint/scm"
)

// Exit codes, as the CLI's.
const (
	exitClean    = 0
	exitFindings = 1
	exitError    = 2
)

// Inputs are the inputs action.yml declares; every one is read by readInputs (a test checks both).
var Inputs = []string{"paths", "only-changed", "fail-on", "reporter", "github-token", "config", "baseline",
	"breaking-changes", "sarif-file", "format"}

// Outputs are the outputs action.yml declares.
var Outputs = []string{"findings", "errors", "warnings", "sarif-file"}

// Env is the process environment.
type Env struct {
	Getenv         func(string) string
	Stdout, Stderr io.Writer
	// Rules replaces the registry (tests register fake rules with it); nil means rules.All().
	Rules []*rules.Rule
}

type inputs struct {
	paths        []string
	onlyChanged  *bool // nil: true on pull requests and pushes with a base
	failOn       rules.Severity
	reporters    map[string]bool
	token        string
	config, base string
	breaking     bool
	sarifFile    string
	format       string
}

func parseBool(name, v string, def bool) (bool, error) {
	if v == "" {
		return def, nil
	}
	b, err := strconv.ParseBool(v)
	if err != nil {
		return false, fmt.Errorf("input %s: %q is not true or false", name, v)
	}
	return b, nil
}

func readInputs(a *githubactions.Action) (*inputs, error) {
	get := func(name string) string { return a.GetInput(name) }
	in := &inputs{reporters: map[string]bool{}}
	for _, p := range strings.FieldsFunc(get("paths"), func(r rune) bool { return r == '\n' || r == ',' }) {
		if p = strings.TrimSpace(p); p != "" {
			in.paths = append(in.paths, p)
		}
	}
	if len(in.paths) == 0 {
		in.paths = []string{"."}
	}
	if v := get("only-changed"); v != "" {
		b, err := parseBool("only-changed", v, true)
		if err != nil {
			return nil, err
		}
		in.onlyChanged = &b
	}
	failOn := get("fail-on")
	if failOn == "" {
		failOn = "error"
	}
	var err error
	if in.failOn, err = rules.ParseSeverity(failOn); err != nil {
		return nil, fmt.Errorf("input fail-on: %v", err)
	}
	rep := get("reporter")
	if rep == "" {
		rep = "auto"
	}
	for _, r := range strings.FieldsFunc(rep, func(r rune) bool { return r == ',' || r == ' ' || r == '\n' }) {
		switch r {
		case "auto", "pr-review", "check", "annotations", "none":
			in.reporters[r] = true
		default:
			return nil, fmt.Errorf("input reporter: %q: use auto, pr-review, check, annotations or none (several allowed)", r)
		}
	}
	in.token = get("github-token")
	in.config = get("config")
	in.base = get("baseline")
	if in.breaking, err = parseBool("breaking-changes", get("breaking-changes"), true); err != nil {
		return nil, err
	}
	in.sarifFile = get("sarif-file")
	in.format = get("format")
	if in.format == "" {
		in.format = "text"
	}
	switch in.format {
	case "text", "json", "sarif", "rdjson", "github":
	default:
		return nil, fmt.Errorf("input format: %q: use text, json, sarif, rdjson or github", in.format)
	}
	return in, nil
}

// IsActionMode reports whether the process runs as the GitHub Action: inside GitHub Actions with no
// command-line arguments (the Docker action passes its inputs as INPUT_* variables).
func IsActionMode(args []string, getenv func(string) string) bool {
	return len(args) == 0 && getenv("GITHUB_ACTIONS") == "true"
}

type runner struct {
	env     Env
	a       *githubactions.Action
	in      *inputs
	gctx    *githubactions.GitHubContext
	ev      *scm.Event
	client  *scm.Client
	ws      string
	notes   []string
	logf    func(format string, args ...any)
	changes *scm.ChangeSet

	warnedForbidden bool
}

// Main runs the Action and returns the exit code.
func Main(env Env) int {
	if env.Getenv == nil {
		env.Getenv = os.Getenv
	}
	a := githubactions.New(githubactions.WithGetenv(env.Getenv), githubactions.WithWriter(env.Stdout))
	r := &runner{env: env, a: a}
	r.logf = func(format string, args ...any) {
		fmt.Fprintln(env.Stderr, r.redact(fmt.Sprintf("connectorlint: "+format, args...)))
	}
	code, err := r.run()
	if err != nil {
		a.Errorf("%s", r.redact(err.Error()))
		return exitError
	}
	return code
}

func (r *runner) redact(s string) string {
	if r.in != nil && len(r.in.token) >= 4 {
		s = strings.ReplaceAll(s, r.in.token, "***")
	}
	return s
}

func (r *runner) run() (int, error) {
	in, err := readInputs(r.a)
	if err != nil {
		return 0, err
	}
	r.in = in
	gctx, err := r.a.Context()
	if gctx == nil {
		return 0, err
	}
	r.gctx = gctx
	r.ws = gctx.Workspace
	if r.ws == "" {
		r.ws, _ = os.Getwd()
	}
	if r.ws, err = filepath.Abs(r.ws); err != nil {
		return 0, err
	}
	if err := os.Chdir(r.ws); err != nil {
		return 0, fmt.Errorf("GITHUB_WORKSPACE: %v", err)
	}
	// The workspace belongs to the runner's user, not the container's: let git read it.
	if os.Getenv("GIT_CONFIG_COUNT") == "" {
		os.Setenv("GIT_CONFIG_COUNT", "1")
		os.Setenv("GIT_CONFIG_KEY_0", "safe.directory")
		os.Setenv("GIT_CONFIG_VALUE_0", r.ws)
	}
	if r.ev, err = scm.ReadEvent(gctx.EventName, gctx.EventPath, gctx.Repository, gctx.SHA); err != nil {
		return 0, err
	}
	if in.token != "" && r.ev.Owner != "" {
		if r.client, err = scm.New(gctx.APIURL, in.token, r.ev.Owner, r.ev.Repo, retryFromEnv(r.env.Getenv)); err != nil {
			return 0, err
		}
	}
	scopes, err := r.scopes()
	if err != nil {
		return 0, err
	}
	var conf *config.Config
	cfgFile := in.config
	if cfgFile == "" {
		if _, err := os.Stat(config.DefaultFile); err == nil {
			cfgFile = config.DefaultFile
		}
	}
	cfg := &rules.Config{Rules: r.env.Rules}
	if cfgFile != "" {
		if conf, err = config.Load(cfgFile); err != nil {
			return 0, fmt.Errorf("input config: %v", err)
		}
		cfg = conf.Apply(cfg)
	}
	var base config.Baseline
	if in.base != "" {
		if base, err = config.LoadBaseline(in.base); err != nil {
			return 0, fmt.Errorf("input baseline: %v", err)
		}
	}

	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	dirs, oldDirs, extra, err := r.selectDirs(ctx, scopes)
	if err != nil {
		return 0, err
	}
	opt := connector.LoadOptions{Root: r.ws}
	results := config.LintDirs(dirs, opt, cfg, 0, conf)
	rules.CheckRun(results, cfg)
	if in.breaking && r.changes != nil {
		r.compare(ctx, results, oldDirs, opt, cfg, conf)
	}
	var ignored, baselined int
	for i := range results {
		var ni, nb int
		results[i].Findings, ni, nb = config.Filter(results[i].Findings, conf, base)
		ignored, baselined = ignored+ni, baselined+nb
	}
	if ignored+baselined > 0 {
		r.notes = append(r.notes, fmt.Sprintf("%d findings ignored by the configuration and %d accepted by the baseline are not shown.", ignored, baselined))
	}
	run := reporter.NewRun(results, extra...)
	if r.env.Rules != nil {
		run.Rules = r.env.Rules
	}
	if err := r.writeLog(run); err != nil {
		r.logf("writing the log: %v", err)
	}
	if in.sarifFile != "" {
		r.writeSARIF(run)
	}
	r.report(ctx, run)
	e, w, _ := run.Count()
	r.output("findings", strconv.Itoa(len(run.Findings)))
	r.output("errors", strconv.Itoa(e))
	r.output("warnings", strconv.Itoa(w))
	r.output("sarif-file", in.sarifFile)
	if run.Fails(in.failOn) {
		return exitFindings, nil
	}
	return exitClean, nil
}

// output sets a step output; a missing or unwritable GITHUB_OUTPUT is logged, never fatal.
func (r *runner) output(k, v string) {
	if r.env.Getenv("GITHUB_OUTPUT") == "" {
		return
	}
	defer func() {
		if p := recover(); p != nil {
			r.logf("setting output %s: %v", k, p)
		}
	}()
	r.a.SetOutput(k, v)
}

func retryFromEnv(getenv func(string) string) scm.Retry {
	var rt scm.Retry
	if d, err := time.ParseDuration(getenv("CONNECTORLINT_RETRY_UNIT")); err == nil && d > 0 {
		rt.Unit = d
	}
	return rt
}

// scopes turns the paths input into clean workspace-relative paths; a path leaving the workspace is an
// error.
func (r *runner) scopes() ([]string, error) {
	var out []string
	for _, p := range r.in.paths {
		p = filepath.ToSlash(p)
		if filepath.IsAbs(p) {
			rel, err := filepath.Rel(r.ws, p)
			if err != nil {
				return nil, fmt.Errorf("input paths: %s is outside the workspace", p)
			}
			p = filepath.ToSlash(rel)
		}
		p = path.Clean(p)
		if p == ".." || strings.HasPrefix(p, "../") {
			return nil, fmt.Errorf("input paths: %s is outside the workspace", p)
		}
		out = append(out, p)
	}
	return out, nil
}

func inScope(p string, scopes []string) bool {
	for _, s := range scopes {
		if s == "." || p == s || strings.HasPrefix(p, s+"/") {
			return true
		}
	}
	return false
}

// safeDir checks that a repository-relative folder stays inside the workspace once symbolic links are
// resolved; a hostile pull request may make a connector folder a link to the runner's files.
func (r *runner) safeDir(d string) (bool, string) {
	if d != path.Clean(d) || d == ".." || strings.HasPrefix(d, "../") || strings.Contains(d, "/../") || filepath.IsAbs(d) {
		return false, "is not a clean path inside the workspace"
	}
	real, err := filepath.EvalSymlinks(filepath.Join(r.ws, filepath.FromSlash(d)))
	if err != nil {
		return true, "" // missing: handled as deleted
	}
	root, err := filepath.EvalSymlinks(r.ws)
	if err != nil {
		root = r.ws
	}
	rel, err := filepath.Rel(root, real)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return false, "resolves outside the workspace (a symbolic link); it was not read"
	}
	return true, ""
}

func hostile(d, msg string) *rules.Finding {
	f := &rules.Finding{RuleID: "file-unreadable", Severity: rules.Error, File: d, Conn: d, Message: d + " " + msg}
	if rr := rules.ByID("file-unreadable"); rr != nil {
		f.Severity = rr.Severity
	}
	f.Pos = connector.Pos{Line: 1, Col: 1, Col16: 1}
	f.EndPos = f.Pos
	return f
}

// selectDirs chooses the connector folders to lint: those a change touched (only-changed), or every
// connector under the paths input. oldDirs maps a folder to its path at the base commit.
func (r *runner) selectDirs(ctx context.Context, scopes []string) (dirs []string, oldDirs map[string]string, extra []*rules.Finding, err error) {
	oldDirs = map[string]string{}
	only := r.ev.BaseSHA != "" && r.ev.HeadSHA != ""
	if r.in.onlyChanged != nil {
		if *r.in.onlyChanged && !only {
			r.notes = append(r.notes, "only-changed: this event names no base commit, so every connector under paths was linted.")
		}
		only = only && *r.in.onlyChanged
	}
	if only {
		cs, cerr := scm.Changes(ctx, gitsrc.Repo{Dir: r.ws}, r.ev, r.client)
		if cerr != nil {
			r.logf("%s; linting every connector under paths instead", r.redact(cerr.Error()))
			r.notes = append(r.notes, "The changed files could not be listed, so every connector under paths was linted.")
		} else {
			r.changes = cs
			if cs.Source == "api" {
				r.notes = append(r.notes, "Changed files came from the GitHub API: "+cs.Note+".")
			}
			if cs.Truncated {
				r.notes = append(r.notes, fmt.Sprintf("GitHub lists at most %d changed files; connectors changed only in the files beyond that were not linted.", scm.MaxAPIFiles))
			}
			return r.changedDirs(cs, scopes)
		}
	}
	var found []string
	for _, s := range scopes {
		if ok, why := r.safeDir(s); !ok {
			extra = append(extra, hostile(s, why))
			continue
		}
		ds, errs := connector.Discover([]string{s})
		for _, e := range errs {
			r.logf("%v", e)
		}
		found = append(found, ds...)
	}
	for _, d := range found {
		rel := filepath.ToSlash(d)
		if ok, why := r.safeDir(rel); !ok {
			extra = append(extra, hostile(rel, why))
			continue
		}
		dirs = append(dirs, rel)
	}
	slices.Sort(dirs)
	return slices.Compact(dirs), oldDirs, extra, nil
}

// changedDirs maps changed files to their connector folders: the nearest folder, walking up, that holds
// a swagger file at head. Deleted connectors are noted; renamed ones are compared with their old path.
func (r *runner) changedDirs(cs *scm.ChangeSet, scopes []string) (dirs []string, oldDirs map[string]string, extra []*rules.Finding, err error) {
	oldDirs = map[string]string{}
	seen := map[string]bool{}
	bad := map[string]bool{}
	var deleted []string
	for _, ch := range cs.Files {
		if !inScope(ch.Path, scopes) && (ch.OldPath == "" || !inScope(ch.OldPath, scopes)) {
			continue
		}
		d, ok := r.connectorOf(ch.Path, bad, &extra)
		if !ok {
			if ch.Status == gitsrc.Deleted || ch.Status == gitsrc.Renamed {
				if strings.EqualFold(path.Base(ch.Path), connector.SwaggerName) || strings.EqualFold(path.Base(ch.OldPath), connector.SwaggerName) {
					deleted = append(deleted, path.Dir(ch.Path))
				}
			}
			continue
		}
		if !seen[d] {
			seen[d] = true
			dirs = append(dirs, d)
		}
		if ch.OldPath != "" && path.Base(ch.OldPath) != "" {
			if od := path.Dir(ch.OldPath); od != d && strings.EqualFold(path.Base(ch.Path), connector.SwaggerName) {
				oldDirs[d] = od
			}
		}
	}
	for _, d := range deleted {
		r.notes = append(r.notes, "Connector "+d+" is deleted (or moved) by this change; there is nothing to lint at its old path.")
	}
	slices.Sort(dirs)
	return dirs, oldDirs, extra, nil
}

func (r *runner) connectorOf(p string, bad map[string]bool, extra *[]*rules.Finding) (string, bool) {
	for d := path.Dir(p); ; d = path.Dir(d) {
		if bad[d] {
			return "", false
		}
		if ok, why := r.safeDir(d); !ok {
			bad[d] = true
			*extra = append(*extra, hostile(d, why))
			return "", false
		}
		if connector.IsConnectorDir(filepath.FromSlash(d)) {
			return d, true
		}
		if d == "." || d == "/" {
			return "", false
		}
	}
}

// compare runs the breaking-change rules: each changed connector against itself at the base commit,
// read with git when the checkout holds it, else through the contents API.
func (r *runner) compare(ctx context.Context, results []rules.Result, oldDirs map[string]string, opt connector.LoadOptions, cfg *rules.Config, conf *config.Config) {
	hasCompare := false
	for _, rl := range cfgRules(cfg) {
		if rl.Compare != nil {
			hasCompare = true
		}
	}
	if !hasCompare {
		return
	}
	repo := gitsrc.Repo{Dir: r.ws}
	useGit := r.changes.Source == "git"
	for i := range results {
		dir := results[i].Connector.Dir
		od := dir
		if v, ok := oldDirs[dir]; ok {
			od = v
		}
		prof := conf.Profile(dir)
		var old *connector.Connector
		var ok bool
		var err error
		if useGit {
			old, ok, err = repo.LoadConnector(r.ev.BaseSHA, od, prof)
		} else if r.client != nil {
			old, ok, err = r.client.LoadConnectorAt(ctx, r.ev.BaseSHA, od, prof)
		}
		if err != nil {
			r.logf("breaking changes: reading %s at the base commit: %s", od, r.redact(err.Error()))
			continue
		}
		if !ok {
			continue // a new connector: nothing to break
		}
		o := opt
		o.Profile = prof
		nw := connector.Load(dir, o)
		fs := rules.Compare(old, nw, cfg)
		if len(fs) == 0 {
			continue
		}
		all := append(results[i].Findings, fs...)
		rules.Sort(all)
		rules.Slim(nw, all)
		results[i] = rules.Result{Connector: nw, Findings: all}
	}
}

func cfgRules(cfg *rules.Config) []*rules.Rule {
	if cfg == nil || cfg.Rules == nil {
		return rules.All()
	}
	return cfg.Rules
}

func (r *runner) writeLog(run *reporter.Run) error {
	w := r.env.Stdout
	switch r.in.format {
	case "json":
		return reporter.JSON(w, run)
	case "sarif":
		return reporter.SARIF(w, run)
	case "rdjson":
		return reporter.RDJSON(w, run)
	case "github":
		return reporter.GitHub(w, run)
	}
	return reporter.Text(w, run, reporter.TextOptions{Frames: true})
}

func (r *runner) writeSARIF(run *reporter.Run) {
	var b bytes.Buffer
	if err := reporter.SARIF(&b, run); err != nil {
		r.logf("writing SARIF: %v", err)
		return
	}
	p := r.in.sarifFile
	if dir := filepath.Dir(p); dir != "." {
		os.MkdirAll(dir, 0o755)
	}
	if err := os.WriteFile(p, b.Bytes(), 0o644); err != nil {
		r.logf("writing SARIF to %s: %v", p, err)
		r.notes = append(r.notes, "The SARIF file could not be written: "+err.Error())
	}
}

func (r *runner) links() reporter.Links {
	ref := r.ev.HeadSHA
	if ref == "" {
		ref = r.gctx.SHA
	}
	return reporter.Links{Server: r.gctx.ServerURL, Repo: r.ev.Owner + "/" + r.ev.Repo, Ref: ref}
}
