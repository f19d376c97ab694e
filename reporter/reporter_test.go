package reporter

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/connectorlint/connectorlint/connector"
	"github.com/connectorlint/connectorlint/rules"
)

var update = flag.Bool("update", false, "rewrite testdata/reporter/*.golden")

// testRun is one connector with findings of each severity, a related location, a fix, a message that
// carries Markdown, HTML and an @mention, and a file path with a space and a non-ASCII letter.
func testRun(t *testing.T) *Run {
	t.Helper()
	swagger := "{\n    \"swagger\": \"2.0\",\n    \"info\": {\"title\": \"Tâches 😀 <b>x</b>\", \"version\": \"1.0\",},\n    \"paths\": {},\n    \"paths\": {}\n}\n"
	c := connector.FromMemory("certified-connectors/Contoso Tâches", connector.Certified, map[string][]byte{"apiDefinition.swagger.json": []byte(swagger)})
	// Only the built-in rules: the goldens test the reporters, not the rule set.
	fs := rules.Lint(c, &rules.Config{Rules: []*rules.Rule{rules.ByID("json-strict"), rules.ByID("json-duplicate-key")}})
	sw := c.Swagger
	title := sw.Doc.Path(sw.Doc.Root, "info", "title")
	s, e := sw.Doc.ValueRange(title)
	extra := &rules.Finding{RuleID: "json-parse", Severity: rules.Info, File: sw.Name, Start: s, End: e, Pointer: "/info/title",
		Conn: c.Dir, Message: "title \"Tâches 😀 <b>x</b>\" mentions @octocat and #1 | *bold*"}
	extra.WithRelated(sw, sw.Doc.Get(sw.Doc.Root, "swagger"), "see also")
	extra.WithFix("Replace the title", rules.ReplaceString(sw, title, "Taches"))
	rules.Resolve(c, []*rules.Finding{extra})
	fs = append(fs, extra)
	run := NewRun([]rules.Result{{Connector: c, Findings: fs}})
	run.Rules = []*rules.Rule{rules.ByID("json-duplicate-key"), rules.ByID("json-parse"), rules.ByID("json-strict")} // keep the SARIF golden independent of the rule set
	return run
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("..", "testdata", "reporter", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./reporter -update)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file (run go test ./reporter -update and review the diff)\n--- got\n%s", name, got)
	}
}

func TestGoldens(t *testing.T) {
	run := testRun(t)
	for name, write := range map[string]func(*bytes.Buffer) error{
		"text.golden":   func(b *bytes.Buffer) error { return Text(b, run, TextOptions{Frames: true}) },
		"color.golden":  func(b *bytes.Buffer) error { return Text(b, run, TextOptions{Frames: true, Color: true}) },
		"json.golden":   func(b *bytes.Buffer) error { return JSON(b, run) },
		"sarif.golden":  func(b *bytes.Buffer) error { return SARIF(b, run) },
		"rdjson.golden": func(b *bytes.Buffer) error { return RDJSON(b, run) },
		"github.golden": func(b *bytes.Buffer) error { return GitHub(b, run) },
		"summary.golden": func(b *bytes.Buffer) error {
			return Summary(b, run, Links{Server: "https://github.com", Repo: "o/r", Ref: "abc123"})
		},
	} {
		var b bytes.Buffer
		if err := write(&b); err != nil {
			t.Fatal(name, err)
		}
		golden(t, name, b.Bytes())
	}
}

func TestEscaping(t *testing.T) {
	if got := EscapeData("50% done\r\nnext"); got != "50%25 done%0D%0Anext" {
		t.Errorf("EscapeData = %q", got)
	}
	if got := EscapeProperty("a:b,c%"); got != "a%3Ab%2Cc%25" {
		t.Errorf("EscapeProperty = %q", got)
	}
	md := EscapeMarkdown("<img src=x onerror=alert(1)> @octocat #12 [x](http://evil) | `code`")
	for _, bad := range []string{"<img", "@octocat", "#12", "[x](", "`code`"} {
		if strings.Contains(md, bad) {
			t.Errorf("EscapeMarkdown left %q in %q", bad, md)
		}
	}
	if regexp.MustCompile(`(^|[^\\])\|`).MatchString(md) {
		t.Errorf("EscapeMarkdown left an unescaped | in %q", md)
	}
}

// TestSARIFStructure checks the parts of the SARIF 2.1.0 schema that GitHub code scanning relies on.
func TestSARIFStructure(t *testing.T) {
	var b bytes.Buffer
	if err := SARIF(&b, testRun(t)); err != nil {
		t.Fatal(err)
	}
	var log map[string]any
	if err := json.Unmarshal(b.Bytes(), &log); err != nil {
		t.Fatal(err)
	}
	if log["version"] != "2.1.0" || !strings.Contains(log["$schema"].(string), "sarif-2.1.0") {
		t.Fatalf("version/$schema: %v %v", log["version"], log["$schema"])
	}
	runs := log["runs"].([]any)
	if len(runs) != 1 {
		t.Fatalf("%d runs", len(runs))
	}
	run := runs[0].(map[string]any)
	driver := run["tool"].(map[string]any)["driver"].(map[string]any)
	if driver["name"] != "connectorlint" {
		t.Errorf("driver name %v", driver["name"])
	}
	ruleIDs := map[string]int{}
	for i, r := range driver["rules"].([]any) {
		rm := r.(map[string]any)
		id := rm["id"].(string)
		ruleIDs[id] = i
		if rm["shortDescription"].(map[string]any)["text"] == "" || rm["helpUri"] == "" {
			t.Errorf("rule %s lacks a description or helpUri", id)
		}
		lvl := rm["defaultConfiguration"].(map[string]any)["level"]
		if lvl != "error" && lvl != "warning" && lvl != "note" {
			t.Errorf("rule %s level %v", id, lvl)
		}
	}
	for _, r := range run["results"].([]any) {
		rm := r.(map[string]any)
		id := rm["ruleId"].(string)
		if idx, ok := ruleIDs[id]; !ok || int(rm["ruleIndex"].(float64)) != idx {
			t.Errorf("result %s: ruleIndex %v does not point at its rule", id, rm["ruleIndex"])
		}
		if rm["message"].(map[string]any)["text"] == "" {
			t.Errorf("result %s without message", id)
		}
		loc := rm["locations"].([]any)[0].(map[string]any)["physicalLocation"].(map[string]any)
		uri := loc["artifactLocation"].(map[string]any)["uri"].(string)
		if strings.Contains(uri, " ") || strings.HasPrefix(uri, "/") {
			t.Errorf("uri %q is not a relative URI reference", uri)
		}
		reg := loc["region"].(map[string]any)
		if reg["startLine"].(float64) < 1 || reg["startColumn"].(float64) < 1 {
			t.Errorf("region %v", reg)
		}
		if _, ok := rm["partialFingerprints"].(map[string]any)["connectorlint/v1"]; !ok {
			t.Errorf("no fingerprint")
		}
	}
	if run["columnKind"] != "utf16CodeUnits" {
		t.Errorf("columnKind %v", run["columnKind"])
	}
}

func TestSummaryTruncates(t *testing.T) {
	run := testRun(t)
	one := run.Findings[0]
	for len(run.Findings) < 20000 {
		f := *one
		f.Message = strings.Repeat("long message ", 10)
		run.Findings = append(run.Findings, &f)
	}
	var b bytes.Buffer
	if err := Summary(&b, run, Links{}); err != nil {
		t.Fatal(err)
	}
	if b.Len() > MaxSummaryBytes || !strings.Contains(b.String(), "more findings, left out") {
		t.Errorf("summary is %d bytes; truncation note present: %v", b.Len(), strings.Contains(b.String(), "left out"))
	}
}

func TestAnnotationsCapped(t *testing.T) {
	run := testRun(t)
	one := run.Findings[0]
	for len(run.Findings) < 30 {
		f := *one
		f.Severity = rules.Error
		run.Findings = append(run.Findings, &f)
	}
	var b bytes.Buffer
	GitHub(&b, run)
	if n := strings.Count(b.String(), "::error "); n != AnnotationsPerLevel {
		t.Errorf("%d error annotations, want %d", n, AnnotationsPerLevel)
	}
	if !strings.Contains(b.String(), "more findings") {
		t.Errorf("the findings beyond the cap are not printed")
	}
}
