package action_test

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/connectorlint/connectorlint/internal/action"
	"github.com/connectorlint/connectorlint/rules"
)

// TestActionYML: action.yml declares exactly the inputs and outputs the code reads and sets, and
// every input is read in readInputs (no input documented but ignored).
func TestActionYML(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "..", "action.yml"))
	if err != nil {
		t.Fatal(err)
	}
	var a struct {
		Name     string
		Branding map[string]string
		Inputs   map[string]struct {
			Description string
			Default     *string
		}
		Outputs map[string]struct{ Description string }
		Runs    struct{ Using, Image string }
	}
	if err := yaml.Unmarshal(data, &a); err != nil {
		t.Fatal(err)
	}
	var ins, outs []string
	for k, v := range a.Inputs {
		ins = append(ins, k)
		if v.Description == "" {
			t.Errorf("input %s has no description", k)
		}
	}
	for k := range a.Outputs {
		outs = append(outs, k)
	}
	slices.Sort(ins)
	slices.Sort(outs)
	want := slices.Sorted(slices.Values(action.Inputs))
	if !slices.Equal(ins, want) {
		t.Errorf("action.yml inputs %v, code reads %v", ins, want)
	}
	if wo := slices.Sorted(slices.Values(action.Outputs)); !slices.Equal(outs, wo) {
		t.Errorf("action.yml outputs %v, code sets %v", outs, wo)
	}
	if a.Runs.Using != "docker" || a.Branding["icon"] == "" || a.Branding["color"] == "" {
		t.Errorf("runs/branding: %+v %v", a.Runs, a.Branding)
	}
	if d := a.Inputs["github-token"].Default; d == nil || *d != "${{ github.token }}" {
		t.Errorf("github-token default")
	}
	src, _ := os.ReadFile("action.go")
	for _, in := range action.Inputs {
		if !strings.Contains(string(src), `get("`+in+`")`) {
			t.Errorf("input %s is declared but readInputs never reads it", in)
		}
	}
	report, _ := os.ReadFile("action.go")
	for _, out := range action.Outputs {
		if !regexp.MustCompile(`r\.output\("` + regexp.QuoteMeta(out) + `"`).Match(report) {
			t.Errorf("output %s is declared but never set", out)
		}
	}
}

// TestBreakingChangesWired: with a breaking-change rule registered (a fake one here: the real ones are
// not registered yet), each changed connector is compared with itself at the base commit and the
// finding is reported like any other.
func TestBreakingChangesWired(t *testing.T) {
	// The head commit adds the required path parameter listId to an existing operation: the
	// breaking-change rules, run against the connector as it was at the base SHA, must say so.
	s := newSetup(t)
	s.inputs["reporter"] = "none"
	s.inputs["breaking-changes"] = "true"
	env := s.inprocessEnv()
	var so, se bytes.Buffer
	wd, _ := os.Getwd()
	defer os.Chdir(wd)
	code := action.Main(action.Env{Getenv: env, Stdout: &so, Stderr: &se, Rules: rules.All()})
	if code != 1 {
		t.Fatalf("exit %d\n%s", code, se.String())
	}
	if !strings.Contains(so.String(), "[breaking-required-input-added]") {
		t.Errorf("no breaking-change finding:\n%s", so.String())
	}
	// Off, the comparison does not run.
	s.inputs["breaking-changes"] = "false"
	so.Reset()
	os.Chdir(wd) // Main runs in the workspace; the event file is built from testdata
	action.Main(action.Env{Getenv: s.inprocessEnv(), Stdout: &so, Stderr: &se, Rules: rules.All()})
	if strings.Contains(so.String(), "[breaking-") {
		t.Errorf("breaking-changes: false still compared:\n%s", so.String())
	}
}
