package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

var binary string

// TestMain builds the real binary once; the tests below run it as users do.
func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "connectorlint-bin")
	if err != nil {
		panic(err)
	}
	binary = filepath.Join(dir, "connectorlint")
	out, err := exec.Command("go", "build", "-o", binary, ".").CombinedOutput()
	if err != nil {
		panic("go build: " + err.Error() + "\n" + string(out))
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

type result struct {
	stdout, stderr string
	code           int
}

func run(t *testing.T, dir string, args ...string) result {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, binary, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "NO_COLOR=1")
	var so, se bytes.Buffer
	cmd.Stdout, cmd.Stderr = &so, &se
	err := cmd.Run()
	if ctx.Err() != nil {
		t.Fatalf("connectorlint %v did not finish (hung?)", args)
	}
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(se.String(), "panic") || strings.Contains(so.String(), "goroutine ") {
		t.Fatalf("connectorlint crashed:\n%s\n%s", so.String(), se.String())
	}
	return result{so.String(), se.String(), code}
}

func write(t *testing.T, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

const okSwagger = `{
    "swagger": "2.0",
    "info": {"title": "Contoso", "version": "1.0"},
    "paths": {},
    "info": {"title": "Contoso", "version": "1.0"}
}
`

// TestHostileInput lints a tree of broken connectors next to a good one: nothing crashes or hangs, each
// broken file is a finding with a position, and the good connector's finding is still reported.
func TestHostileInput(t *testing.T) {
	root := t.TempDir()
	cc := filepath.Join(root, "certified-connectors")
	sw := "apiDefinition.swagger.json"
	write(t, filepath.Join(cc, "Good's Connector ø", sw), okSwagger) // duplicate "info": a known warning
	write(t, filepath.Join(cc, "Empty", sw), "")
	write(t, filepath.Join(cc, "NotJSON", sw), "swagger: '2.0'\n")
	write(t, filepath.Join(cc, "Array", sw), `[{"swagger": "2.0"}]`)
	write(t, filepath.Join(cc, "Deep", sw), strings.Repeat("[", 10000)+strings.Repeat("]", 10000))
	write(t, filepath.Join(cc, "Cycle", sw), `{"swagger": "2.0", "info": {"title": "Cycle", "version": "1"}, "paths": {"/a": {"get": {"responses": {"200": {"description": "OK", "schema": {"$ref": "#/definitions/A"}}}}}},
 "definitions": {"A": {"$ref": "#/definitions/B"}, "B": {"$ref": "#/definitions/A"}, "C": {"type": "object", "properties": {"self": {"$ref": "#/definitions/C"}}}}}`)
	write(t, filepath.Join(cc, "Latin1", sw), "{\"swagger\": \"2.0\", \"info\": {\"title\": \"Br\xf8nn\", \"version\": \"1\"}, \"paths\": {}}")
	if err := os.MkdirAll(filepath.Join(cc, "DirSwagger", sw), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(cc, "Fifo"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(filepath.Join(cc, "Fifo", sw), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(cc, "SymLoop"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(sw, filepath.Join(cc, "SymLoop", sw)); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("..", filepath.Join(cc, "DirLoop")); err != nil { // a folder link back up the tree
		t.Fatal(err)
	}
	if os.Geteuid() != 0 { // root reads any file, so this case only means something for other users
		write(t, filepath.Join(cc, "Unreadable", sw), okSwagger)
		os.Chmod(filepath.Join(cc, "Unreadable", sw), 0)
	}
	// A 50 MB swagger: valid JSON, many paths.
	var big strings.Builder
	big.WriteString(`{"swagger": "2.0", "info": {"title": "Big", "version": "1"}, "paths": {`)
	for i := 0; big.Len() < 50<<20; i++ {
		if i > 0 {
			big.WriteString(",")
		}
		big.WriteString(`"/p` + itoa(i) + `": {"get": {"operationId": "Op` + itoa(i) + `", "summary": "Get the item", "description": "Gets the item.", "responses": {"200": {"description": "OK"}}}}`)
	}
	big.WriteString("}}")
	write(t, filepath.Join(cc, "Big", sw), big.String())

	r := run(t, root, "lint", "--format", "json", ".")
	if r.code != 1 {
		t.Fatalf("exit code %d, want 1 (findings)\n%s\n%s", r.code, r.stdout, r.stderr)
	}
	var rep struct {
		Summary  struct{ Connectors int }
		Findings []struct {
			Rule, Path, Message string
			Start               struct{ Line, Column int }
		}
	}
	if err := json.Unmarshal([]byte(r.stdout), &rep); err != nil {
		t.Fatalf("output is not JSON: %v\n%s", err, r.stdout)
	}
	want := map[string]string{ // connector folder → rule that must report on it
		"Good's Connector ø": "json-duplicate-key",
		"Empty":              "json-parse",
		"NotJSON":            "json-parse",
		"Array":              "json-parse",
		"Deep":               "json-parse",
		"Latin1":             "json-strict",
		"DirSwagger":         "file-unreadable",
		"Fifo":               "file-unreadable",
		"SymLoop":            "file-unreadable",
	}
	if os.Geteuid() != 0 {
		want["Unreadable"] = "file-unreadable"
	}
	for dir, rule := range want {
		found := false
		for _, f := range rep.Findings {
			if strings.Contains(f.Path, "/"+dir+"/") && f.Rule == rule {
				found = true
				if f.Start.Line < 1 || f.Start.Column < 1 {
					t.Errorf("%s: finding without a position: %+v", dir, f)
				}
			}
		}
		if !found {
			t.Errorf("%s: no %s finding; got:\n%s", dir, rule, r.stdout)
		}
	}
	for _, f := range rep.Findings {
		if f.Rule == "internal-error" {
			t.Errorf("internal error: %s: %s", f.Path, f.Message)
		}
		if strings.Contains(f.Path, "/Big/") && (f.Rule == "json-parse" || f.Rule == "file-unreadable") {
			t.Errorf("the 50 MB file should be linted: %+v", f)
		}
	}
}

func itoa(i int) string { return strconv.Itoa(i) }

func TestExitCodesAndFormats(t *testing.T) {
	root := t.TempDir()
	dir := filepath.Join(root, "certified-connectors", "Dup")
	write(t, filepath.Join(dir, "apiDefinition.swagger.json"), okSwagger)

	r := run(t, root, "lint", "--rule", "json-duplicate-key", "certified-connectors/Dup")
	if r.code != 0 {
		t.Errorf("a warning with --fail-on error (default) should exit 0, got %d", r.code)
	}
	want := "certified-connectors/Dup/apiDefinition.swagger.json:5:5: warning: duplicate key \"info\": only the last one counts [json-duplicate-key]"
	if !strings.Contains(r.stdout, want) {
		t.Errorf("text output lacks %q:\n%s", want, r.stdout)
	}
	if !strings.Contains(r.stdout, "  5 |     \"info\"") || !strings.Contains(r.stdout, "^~~~~~") {
		t.Errorf("text output lacks a code frame:\n%s", r.stdout)
	}
	if !strings.Contains(r.stdout, "0 errors, 1 warning, 0 info in 1 connector") {
		t.Errorf("text output lacks the closing count:\n%s", r.stdout)
	}
	if strings.Contains(r.stdout, "\x1b[") {
		t.Errorf("colour codes when stdout is not a terminal")
	}
	if r := run(t, root, "lint", "--fail-on", "warning", "certified-connectors/Dup"); r.code != 1 {
		t.Errorf("--fail-on warning: exit %d, want 1", r.code)
	}
	if r := run(t, root, "lint", "--fail-on", "never", "certified-connectors/Dup"); r.code != 0 {
		t.Errorf("--fail-on never: exit %d, want 0", r.code)
	}
	// A file path selects its connector (pre-commit passes file names).
	if r := run(t, root, "lint", "--rule", "json-duplicate-key", "certified-connectors/Dup/apiDefinition.swagger.json"); !strings.Contains(r.stdout, "[json-duplicate-key]") {
		t.Errorf("linting a file path did not lint its connector:\n%s", r.stdout)
	}
	for _, args := range [][]string{
		{"lint"},
		{"lint", "--format", "xml", "."},
		{"lint", "--fail-on", "sometimes", "."},
		{"lint", "--rule", "no-such-rule", "."},
		{"lint", "does-not-exist"},
		{"frobnicate"},
		{"rules", "no-such-rule"},
	} {
		if r := run(t, root, args...); r.code != 2 || r.stderr == "" {
			t.Errorf("%v: exit %d (want 2) with stderr %q", args, r.code, r.stderr)
		}
	}
	r = run(t, root, "lint", "--format", "json", "certified-connectors/Dup")
	var rep map[string]any
	if err := json.Unmarshal([]byte(r.stdout), &rep); err != nil || rep["version"] != float64(1) {
		t.Errorf("json output: %v %v", err, rep["version"])
	}
}

func TestFixFlag(t *testing.T) {
	root := t.TempDir()
	path := filepath.Join(root, "custom-connectors", "Trailing", "apiDefinition.swagger.json")
	write(t, path, "{\n    \"swagger\": \"2.0\",\n    \"paths\": {},\n}\n")
	r := run(t, root, "lint", "--fix", "--rule", "json-strict", "custom-connectors/Trailing")
	if r.code != 0 || !strings.Contains(r.stderr, "applied 1 fix") {
		t.Fatalf("--fix: exit %d\n%s\n%s", r.code, r.stdout, r.stderr)
	}
	got, _ := os.ReadFile(path)
	if string(got) != "{\n    \"swagger\": \"2.0\",\n    \"paths\": {}\n}\n" {
		t.Errorf("fixed file:\n%s", got)
	}
}

func TestRulesCommand(t *testing.T) {
	r := run(t, ".", "rules")
	if r.code != 0 || !strings.Contains(r.stdout, "json-parse") {
		t.Fatalf("rules: %d\n%s", r.code, r.stdout)
	}
	r = run(t, ".", "rules", "json-strict")
	if r.code != 0 || !strings.Contains(r.stdout, "How to fix:") {
		t.Errorf("rules ID: %d\n%s", r.code, r.stdout)
	}
}

func TestSampleConnector(t *testing.T) {
	r := run(t, ".", "lint", "--format", "json", "testdata/certified-connectors/Contoso Tasks")
	if r.code == 2 {
		t.Fatalf("lint of the README sample failed: %s", r.stderr)
	}
	if !strings.Contains(r.stdout, `"connectors": 1`) {
		t.Errorf("sample not linted:\n%s", r.stdout)
	}
}
