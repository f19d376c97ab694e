package cli

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/connectorlint/connectorlint/connector"
	"github.com/connectorlint/connectorlint/internal/gitsrc"
	"github.com/connectorlint/connectorlint/reporter"
	"github.com/connectorlint/connectorlint/rules"
)

// diffCmd runs `connectorlint diff OLD NEW`: the breaking-change rules over two versions of a
// connector, each given as a connector folder or a swagger file.
func diffCmd(args []string, env Env) int {
	var o lintOptions
	fs := flag.NewFlagSet("diff", flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	fs.StringVar(&o.format, "format", "text", "output format: text, json, sarif, rdjson (reviewdog) or github (workflow annotations)")
	fs.StringVar(&o.failOn, "fail-on", "error", "exit 1 when a finding is at or above: error, warning, info or never")
	fs.StringVar(&o.color, "color", "auto", "colour the text output: auto, always or never (NO_COLOR is honoured)")
	fs.Var(&o.only, "rule", "run only these rules (IDs or Microsoft codes, comma-separated or repeated)")
	fs.Var(&o.disable, "disable", "turn these rules off (IDs or Microsoft codes)")
	fs.Usage = func() {
		fmt.Fprintf(env.Stderr, "Usage: connectorlint diff [flags] OLD NEW\n\nOLD and NEW are connector folders or swagger files (the version before and after a change).\nFindings point at NEW, with the OLD location as a related location.\n\nFlags:\n")
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
	if len(paths) != 2 {
		return fail("diff needs two paths, OLD and NEW (connector folders or swagger files)")
	}
	failOn, err := rules.ParseSeverity(o.failOn)
	if err != nil {
		return fail("--fail-on: %v", err)
	}
	if !validFormat(o.format) {
		return fail("--format %q: use text, json, sarif, rdjson or github", o.format)
	}
	cfg, err := ruleConfig(o.only, o.disable)
	if err != nil {
		return fail("%v", err)
	}
	old, err := loadSide(paths[0])
	if err != nil {
		return fail("%v", err)
	}
	cur, err := loadSide(paths[1])
	if err != nil {
		return fail("%v", err)
	}
	if old.Swagger.Name == cur.Swagger.Name && paths[0] != paths[1] {
		renameOld(old, "old:")
	}
	fsOut := rules.Compare(old, cur, cfg)
	return report(env, o, failOn, reporter.NewRun([]rules.Result{{Connector: cur, Findings: fsOut}}), false)
}

func validFormat(f string) bool {
	switch f {
	case "text", "json", "sarif", "rdjson", "github":
		return true
	}
	return false
}

// report writes run in o.format and returns the exit code.
func report(env Env, o lintOptions, failOn rules.Severity, run *reporter.Run, hadErrors bool) int {
	var err error
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
		fmt.Fprintf(env.Stderr, "connectorlint: writing the report: %v\n", err)
		return ExitError
	}
	if hadErrors {
		return ExitError
	}
	if run.Fails(failOn) {
		return ExitFindings
	}
	return ExitClean
}

// loadSide loads one side of a diff: a connector folder, its swagger file (with the folder's other
// files), or any JSON file taken as the swagger.
func loadSide(p string) (*connector.Connector, error) {
	st, err := os.Stat(p)
	if err != nil {
		return nil, err
	}
	var c *connector.Connector
	switch {
	case st.IsDir():
		c = connector.Load(p, connector.LoadOptions{})
	case strings.EqualFold(filepath.Base(p), connector.SwaggerName):
		c = connector.Load(filepath.Dir(p), connector.LoadOptions{})
	default:
		data, err := os.ReadFile(p)
		if err != nil {
			return nil, err
		}
		c = connector.FromMemory(filepath.Dir(p), connector.ProfileFor(p), map[string][]byte{connector.SwaggerName: data})
		c.Swagger.Name = filepath.ToSlash(p)
		c.Swagger.Doc.Name = c.Swagger.Name
	}
	if c.Swagger == nil {
		return nil, fmt.Errorf("%s: no %s", p, connector.SwaggerName)
	}
	if c.API() == nil {
		msg := "its top level is not a JSON object"
		if pr := c.Swagger.Doc.Fatal(); pr != nil {
			msg = pr.Message
		}
		return nil, fmt.Errorf("%s: cannot compare: %s", c.Swagger.Name, msg)
	}
	return c, nil
}

// renameOld prefixes the display names of old's files so that related locations in the old version
// never collide with the new version's files of the same name.
func renameOld(old *connector.Connector, prefix string) {
	old.Dir = prefix + old.Dir
	for _, f := range old.Files() {
		f.Name = prefix + f.Name
		if f.Doc != nil {
			f.Doc.Name = f.Name
		}
	}
}

// CompareWithBase adds the breaking-change findings of every linted connector that existed at git
// revision base: each connector folder is read as it was at base (from the repository holding it)
// and compared with the working tree. Connectors new since base are skipped. Results keep their
// order; a connector with findings is reloaded so that reporters can show code frames.
func CompareWithBase(results []rules.Result, base string, opt connector.LoadOptions, cfg *rules.Config) ([]rules.Result, error) {
	for i, res := range results {
		dir := res.Connector.Dir
		abs, err := filepath.Abs(dir)
		if err != nil {
			return results, err
		}
		top, err := gitsrc.Toplevel(abs)
		if err != nil {
			return results, fmt.Errorf("--base: %s is not in a git work tree: %v", dir, err)
		}
		if t, err := filepath.EvalSymlinks(top); err == nil {
			top = t
		}
		if a, err := filepath.EvalSymlinks(abs); err == nil {
			abs = a
		}
		rel, err := filepath.Rel(top, abs)
		if err != nil {
			return results, err
		}
		rel = filepath.ToSlash(rel)
		profile := opt.Profile
		if profile == "" {
			profile = connector.ProfileFor(dir)
		}
		old, ok, err := gitsrc.Repo{Dir: top}.LoadConnector(base, rel, profile)
		if err != nil {
			return results, fmt.Errorf("--base %s: %v", base, err)
		}
		if !ok || old.API() == nil {
			continue // new connector, or no comparable swagger at base
		}
		renameOld(old, base+":") // REF:path/apiDefinition.swagger.json
		cur := connector.Load(dir, opt)
		if cur.API() == nil {
			continue
		}
		found := rules.Compare(old, cur, cfg)
		if len(found) == 0 {
			continue
		}
		all := append(append([]*rules.Finding(nil), res.Findings...), found...)
		rules.Sort(all)
		rules.Slim(cur, all)
		results[i] = rules.Result{Connector: cur, Findings: all}
	}
	return results, nil
}
