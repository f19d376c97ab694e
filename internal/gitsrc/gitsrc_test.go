package gitsrc

import (
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"testing"
)

func gitRun(t *testing.T, dir string, args ...string) string {
	t.Helper()
	cmd := exec.Command("git", append([]string{"-C", dir}, args...)...)
	cmd.Env = append(os.Environ(), "GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@example.com", "GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@example.com")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("git %v: %v\n%s", args, err, out)
	}
	return string(out)
}

func writeFile(t *testing.T, path, s string) {
	t.Helper()
	os.MkdirAll(filepath.Dir(path), 0o755)
	if err := os.WriteFile(path, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestRepo(t *testing.T) {
	dir := t.TempDir()
	gitRun(t, dir, "init", "-q", "-b", "main")
	a := filepath.Join(dir, "certified-connectors", "Alpha Ø", "apiDefinition.swagger.json")
	writeFile(t, a, "{\n  \"swagger\": \"2.0\",\n  \"info\": {\"title\": \"A\"}\n}\n")
	writeFile(t, filepath.Join(dir, "certified-connectors", "Alpha Ø", "readme.md"), "# A\n")
	writeFile(t, filepath.Join(dir, "certified-connectors", "Gone", "apiDefinition.swagger.json"), "{}\n")
	gitRun(t, dir, "add", "-A")
	gitRun(t, dir, "commit", "-qm", "base")
	base := gitRun(t, dir, "rev-parse", "HEAD")[:40]
	writeFile(t, a, "{\n  \"swagger\": \"2.0\",\n  \"info\": {\"title\": \"A2\"},\n  \"paths\": {}\n}\n")
	gitRun(t, dir, "rm", "-q", "-r", "certified-connectors/Gone")
	gitRun(t, dir, "mv", "certified-connectors/Alpha Ø/readme.md", "certified-connectors/Alpha Ø/README.md")
	gitRun(t, dir, "add", "-A")
	gitRun(t, dir, "commit", "-qm", "head")
	r := Repo{Dir: dir}

	cs, err := r.Changes(base, "HEAD", true)
	if err != nil {
		t.Fatal(err)
	}
	want := []Change{
		{Status: Renamed, Path: "certified-connectors/Alpha Ø/README.md", OldPath: "certified-connectors/Alpha Ø/readme.md"},
		{Status: Modified, Path: "certified-connectors/Alpha Ø/apiDefinition.swagger.json"},
		{Status: Deleted, Path: "certified-connectors/Gone/apiDefinition.swagger.json"},
	}
	if !reflect.DeepEqual(cs, want) {
		t.Errorf("changes = %+v\nwant %+v", cs, want)
	}
	lines, err := r.ChangedLines(base, "HEAD", true)
	if err != nil {
		t.Fatal(err)
	}
	if got := lines["certified-connectors/Alpha Ø/apiDefinition.swagger.json"]; !reflect.DeepEqual(got, []LineRange{{3, 4}}) {
		t.Errorf("changed lines = %+v", got)
	}
	c, ok, err := r.LoadConnector(base, "certified-connectors/Alpha Ø", "")
	if err != nil || !ok {
		t.Fatalf("load at base: %v %v", ok, err)
	}
	if c.Swagger == nil || c.Readme == nil || c.Profile != "certified" || !c.Swagger.Doc.Is(c.Swagger.Doc.Root, 5) {
		t.Errorf("loaded connector: %+v", c)
	}
	if _, ok, err := r.LoadConnector(base, "certified-connectors/Nope", ""); ok || err != nil {
		t.Errorf("missing folder: ok=%v err=%v", ok, err)
	}
	if _, ok, _ := r.LoadConnector("HEAD", "certified-connectors/Gone", ""); ok {
		t.Errorf("deleted connector loaded at HEAD")
	}
	if _, _, err := r.LoadConnector("0123456789012345678901234567890123456789", "x", ""); err == nil {
		t.Errorf("unknown revision: no error")
	}
	if !r.HasCommit(base) || r.HasCommit("0123456789012345678901234567890123456789") {
		t.Errorf("HasCommit")
	}
}
