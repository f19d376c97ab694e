package main

import (
	"encoding/json"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

const diffOld = `{
  "swagger": "2.0",
  "info": {"title": "Contoso", "version": "1.0"},
  "host": "api.contoso.com",
  "paths": {
    "/items": {
      "get": {"operationId": "ListItems", "responses": {"200": {"description": "OK"}}},
      "post": {"operationId": "CreateItem", "responses": {"200": {"description": "OK"}}}
    }
  }
}
`

const diffNew = `{
  "swagger": "2.0",
  "info": {"title": "Contoso", "version": "1.0", "description": "Items of Contoso."},
  "host": "api.contoso.com",
  "paths": {
    "/items": {
      "get": {"operationId": "ListItems", "responses": {"200": {"description": "OK"}}}
    }
  }
}
`

// TestDiff runs `connectorlint diff` on folders and files: exit codes, the finding in the new file
// with the old location related, and a pure text edit reporting nothing.
func TestDiff(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "old", "apiDefinition.swagger.json"), diffOld)
	write(t, filepath.Join(dir, "new", "apiDefinition.swagger.json"), diffNew)
	write(t, filepath.Join(dir, "v1.json"), diffOld)

	r := run(t, dir, "diff", "old", "new")
	if r.code != 1 || !strings.Contains(r.stdout, `new/apiDefinition.swagger.json:6:5: error: operation "CreateItem" (POST /items) has been deleted`) {
		t.Fatalf("diff old new: code %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	r = run(t, dir, "diff", "--format", "json", "v1.json", "new/apiDefinition.swagger.json")
	var out struct {
		Findings []struct {
			Rule    string
			Path    string
			Related []struct {
				Path  string
				Start struct{ Line int }
			}
		}
	}
	if err := json.Unmarshal([]byte(r.stdout), &out); err != nil || len(out.Findings) != 1 {
		t.Fatalf("json: %v\n%s", err, r.stdout)
	}
	f := out.Findings[0]
	if f.Rule != "breaking-operation-deleted" || len(f.Related) != 1 || f.Related[0].Path != "v1.json" || f.Related[0].Start.Line != 8 {
		t.Errorf("unexpected finding %+v", f)
	}
	if r := run(t, dir, "diff", "--fail-on", "never", "old", "new"); r.code != 0 {
		t.Errorf("--fail-on never: code %d", r.code)
	}
	if r := run(t, dir, "diff", "new", "new"); r.code != 0 || !strings.Contains(r.stdout, "no problems") {
		t.Errorf("a version against itself: code %d\n%s", r.code, r.stdout)
	}
	if r := run(t, dir, "diff", "old"); r.code != 2 {
		t.Errorf("one path: code %d", r.code)
	}
	write(t, filepath.Join(dir, "broken.json"), "{")
	if r := run(t, dir, "diff", "old", "broken.json"); r.code != 2 || !strings.Contains(r.stderr, "cannot compare") {
		t.Errorf("broken new: code %d %s", r.code, r.stderr)
	}
}

// TestLintBase checks `lint --base REF` in a real git repository: the breaking change since REF is
// reported beside the lint findings, a connector new since REF is only linted.
func TestLintBase(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("no git")
	}
	dir := t.TempDir()
	git := func(args ...string) {
		cmd := exec.Command("git", append([]string{"-c", "user.email=t@example.com", "-c", "user.name=t", "-c", "commit.gpgsign=false"}, args...)...)
		cmd.Dir = dir
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	git("init", "-q")
	write(t, filepath.Join(dir, "custom-connectors", "Contoso", "apiDefinition.swagger.json"), diffOld)
	git("add", "-A")
	git("commit", "-qm", "v1")
	write(t, filepath.Join(dir, "custom-connectors", "Contoso", "apiDefinition.swagger.json"), diffNew)
	write(t, filepath.Join(dir, "custom-connectors", "Fresh", "apiDefinition.swagger.json"), diffNew)

	r := run(t, dir, "lint", "--base", "HEAD", "--rule", "breaking-operation-deleted", "--format", "json", "custom-connectors")
	var out struct {
		Findings []struct {
			Rule, Path string
			Related    []struct{ Path string }
		}
	}
	if err := json.Unmarshal([]byte(r.stdout), &out); err != nil {
		t.Fatalf("%v\n%s%s", err, r.stdout, r.stderr)
	}
	if len(out.Findings) != 1 || out.Findings[0].Path != "custom-connectors/Contoso/apiDefinition.swagger.json" ||
		len(out.Findings[0].Related) != 1 || out.Findings[0].Related[0].Path != "HEAD:custom-connectors/Contoso/apiDefinition.swagger.json" {
		t.Fatalf("unexpected findings: %s", r.stdout)
	}
	if r.code != 1 {
		t.Errorf("exit code %d, want 1", r.code)
	}
	if r := run(t, dir, "lint", "--base", "no-such-rev", "custom-connectors"); r.code != 2 {
		t.Errorf("unknown base: code %d", r.code)
	}
}
