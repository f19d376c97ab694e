package rules_test

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/connectorlint/connectorlint/connector"
	"github.com/connectorlint/connectorlint/internal/fixture"
	"github.com/connectorlint/connectorlint/rules"
)

var update = flag.Bool("update", false, "rewrite the want and fixed/ sections of rule fixtures (review the diff!)")

func cases(t testing.TB) []*fixture.Case {
	t.Helper()
	cs, err := fixture.Cases("..")
	if err != nil {
		t.Fatal(err)
	}
	if len(cs) == 0 {
		t.Fatal("no rule fixtures found under ../testdata/rules")
	}
	return cs
}

// TestRuleFixtures runs every testdata/rules/<id>/*.txtar with rule <id> alone: pass.txtar (and
// any pass-*.txtar) must give no finding; every other case must give exactly its want lines; fix.txtar must also match its
// fixed/ files after applying the fixes, and the fixed files must lint clean for that rule.
func TestRuleFixtures(t *testing.T) {
	for _, c := range cases(t) {
		t.Run(c.RuleID+"/"+c.Kind, func(t *testing.T) {
			fs, err := c.Run()
			if err != nil {
				t.Fatal(err)
			}
			got := fixture.Format(fs)
			if c.Kind == "pass" || strings.HasPrefix(c.Kind, "pass-") {
				if len(got) > 0 {
					t.Errorf("%s: want no findings, got:\n%s", c.Path, strings.Join(got, "\n"))
				}
				return
			}
			if *update {
				c.Archive.Set("want", []byte(strings.Join(got, "\n")+"\n"))
			}
			want := c.Want()
			if len(want) == 0 && !*update {
				t.Fatalf("%s: a failing case needs a non-empty want section", c.Path)
			}
			if strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Errorf("%s: findings differ\n--- got\n%s\n--- want\n%s", c.Path, strings.Join(got, "\n"), strings.Join(want, "\n"))
			}
			if c.Kind == "fix" {
				checkFix(t, c, fs)
			}
			if *update {
				if err := c.WriteArchive(); err != nil {
					t.Fatal(err)
				}
			}
		})
	}
}

func checkFix(t *testing.T, c *fixture.Case, fs []*rules.Finding) {
	fixed, err := fixture.ApplyFixes(c, fs)
	if err != nil {
		t.Fatalf("%s: applying fixes: %v", c.Path, err)
	}
	if len(fixed) == 0 {
		t.Fatalf("%s: fix case but no finding offers a fix", c.Path)
	}
	for name, got := range fixed {
		if *update {
			c.Archive.Set("fixed/"+name, got)
			continue
		}
		want, ok := c.Archive.Get("fixed/" + name)
		if !ok {
			t.Errorf("%s: no fixed/%s section", c.Path, name)
			continue
		}
		if string(got) != string(want.Data) {
			t.Errorf("%s: fixed %s differs\n--- got\n%s\n--- want\n%s", c.Path, name, got, want.Data)
		}
	}
	inputs := c.Inputs()
	for name, b := range fixed {
		inputs[name] = b
	}
	r := rules.ByID(c.RuleID)
	fixedConn := connector.FromMemory("", c.Profile, inputs)
	var again []*rules.Finding
	if r.Compare != nil {
		again = rules.Compare(c.OldConnector(), fixedConn, &rules.Config{Rules: []*rules.Rule{r}})
	} else {
		again = rules.Lint(fixedConn, &rules.Config{Rules: []*rules.Rule{r}})
	}
	if len(again) > 0 {
		t.Errorf("%s: fixed files still have findings:\n%s", c.Path, strings.Join(fixture.Format(again), "\n"))
	}
}

// TestRegistry checks the registry and that every rule has fixtures.
func TestRegistry(t *testing.T) {
	all := rules.All()
	if err := rules.Validate(all); err != nil {
		t.Fatal(err)
	}
	have := map[string]map[string]bool{}
	for _, c := range cases(t) {
		if have[c.RuleID] == nil {
			have[c.RuleID] = map[string]bool{}
		}
		have[c.RuleID][c.Kind] = true
		if rules.ByID(c.RuleID) == nil || rules.ByID(c.RuleID).ID != c.RuleID {
			t.Errorf("%s: fixture folder names no registered rule", c.Path)
		}
	}
	for _, r := range all {
		if r.ID == "internal-error" { // made by the engine, tested in TestPanickingRule
			continue
		}
		if !have[r.ID]["pass"] || !have[r.ID]["fail"] {
			t.Errorf("%s: needs testdata/rules/%s/pass.txtar and fail.txtar", r.ID, r.ID)
		}
	}
	// A rule whose failing fixture offers fixes must have a fix fixture.
	for _, c := range cases(t) {
		if c.Kind != "fail" {
			continue
		}
		fs, _ := c.Run()
		for _, f := range fs {
			if len(f.Fixes) > 0 && !have[c.RuleID]["fix"] {
				t.Errorf("%s offers fixes: add testdata/rules/%s/fix.txtar with fixed/ sections", c.RuleID, c.RuleID)
				break
			}
		}
	}
}

// TestPanickingRule checks that a rule that panics becomes an internal-error finding naming it, while
// the other rules still report.
func TestPanickingRule(t *testing.T) {
	boom := &rules.Rule{ID: "boom", Severity: rules.Error, Category: "test", Inputs: rules.Swagger,
		Check: func(p *rules.Pass) error { var m map[string]int; m["x"] = 1; return nil }}
	c := connector.FromMemory("c", connector.Certified, map[string][]byte{"apiDefinition.swagger.json": []byte("{\"swagger\": \"2.0\",}")})
	fs := rules.Lint(c, &rules.Config{Rules: []*rules.Rule{boom, rules.ByID("json-strict")}})
	var ids []string
	for _, f := range fs {
		ids = append(ids, f.RuleID)
		if f.RuleID == "internal-error" && !strings.Contains(f.Message, "rule boom failed") {
			t.Errorf("internal error does not name the rule: %q", f.Message)
		}
	}
	if strings.Join(ids, ",") != "json-strict,internal-error" && strings.Join(ids, ",") != "internal-error,json-strict" {
		t.Errorf("got findings %v, want internal-error and json-strict", ids)
	}
}

func TestMain(m *testing.M) {
	flag.Parse()
	if _, err := os.Stat(filepath.Join("..", fixture.Dir)); err != nil {
		// Tests run from the package folder; fixtures live at the module root.
		panic("rule fixtures not found: " + err.Error())
	}
	os.Exit(m.Run())
}
