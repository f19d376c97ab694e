package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestPreCommitHook installs the hook with the real pre-commit from a git copy of this project (so
// pre-commit builds connectorlint with `language: golang` exactly as users get it) and runs it on a
// connector repository: a commit with a certification error is refused, and the error is shown.
func TestPreCommitHook(t *testing.T) {
	if _, err := exec.LookPath("pre-commit"); err != nil {
		t.Skip("pre-commit is not installed (.ci/run installs Debian's package)")
	}
	tmp := t.TempDir()
	env := append(os.Environ(), "PRE_COMMIT_HOME="+filepath.Join(tmp, "cache"), "GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@example.com",
		"GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@example.com", "NO_COLOR=1")
	git := func(dir string, args ...string) string {
		t.Helper()
		cmd := exec.Command("git", append([]string{"-C", dir}, args...)...)
		cmd.Env = env
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
		return strings.TrimSpace(string(out))
	}
	// 1. The hook repository: this project's files as they are now, committed.
	hookRepo := filepath.Join(tmp, "hookrepo")
	out, err := exec.Command("git", "ls-files", "-z", "--cached", "--others", "--exclude-standard").Output()
	if err != nil {
		t.Skipf("not a git checkout: %v", err)
	}
	for _, f := range strings.Split(strings.TrimRight(string(out), "\x00"), "\x00") {
		data, err := os.ReadFile(f)
		if err != nil {
			continue // deleted in the work tree
		}
		dst := filepath.Join(hookRepo, f)
		os.MkdirAll(filepath.Dir(dst), 0o755)
		if err := os.WriteFile(dst, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	git(hookRepo, "init", "-q")
	git(hookRepo, "add", "-A")
	git(hookRepo, "commit", "-qm", "hook")
	rev := git(hookRepo, "rev-parse", "HEAD")

	// 2. A connector repository using the hook.
	repo := filepath.Join(tmp, "connectors")
	conn := filepath.Join(repo, "certified-connectors", "Contoso")
	os.MkdirAll(conn, 0o755)
	git(repo, "init", "-q")
	cfg := "repos:\n- repo: " + hookRepo + "\n  rev: " + rev + "\n  hooks:\n  - id: connectorlint\n"
	os.WriteFile(filepath.Join(repo, ".pre-commit-config.yaml"), []byte(cfg), 0o644)
	bad := `{"swagger": "2.0", "info": {"title": "Contoso", "version": "1.0"}, "paths": {}` + "\n" // missing }
	os.WriteFile(filepath.Join(conn, "apiDefinition.swagger.json"), []byte(bad), 0o644)
	os.WriteFile(filepath.Join(repo, "notes.txt"), []byte("not a connector file\n"), 0o644)
	git(repo, "add", "-A")

	cmd := exec.Command("pre-commit", "run", "--files", "certified-connectors/Contoso/apiDefinition.swagger.json", "notes.txt")
	cmd.Dir, cmd.Env = repo, env
	res, err := cmd.CombinedOutput()
	if err == nil {
		t.Fatalf("pre-commit passed a connector with a JSON syntax error:\n%s", res)
	}
	if !strings.Contains(string(res), "certified-connectors/Contoso/apiDefinition.swagger.json:1:") || !strings.Contains(string(res), "[json-parse]") {
		t.Fatalf("pre-commit output lacks the finding:\n%s", res)
	}

	// 3. Fixed, the same hook passes (warnings do not fail by default).
	os.WriteFile(filepath.Join(conn, "apiDefinition.swagger.json"), []byte(strings.TrimSpace(bad)+"}\n"), 0o644)
	cmd = exec.Command("pre-commit", "run", "--files", "certified-connectors/Contoso/apiDefinition.swagger.json")
	cmd.Dir, cmd.Env = repo, env
	if res, err := cmd.CombinedOutput(); err != nil && strings.Contains(string(res), "[json-parse]") {
		t.Fatalf("still failing on json-parse after the fix:\n%s", res)
	}
}
