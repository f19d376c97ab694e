package action_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// contosoPatch is the shape of GitHub's files-endpoint patch for the head commit of newRepo: the
// summary line changed, the listId parameter added (hunks with three lines of context).
const contosoPatch = "@@ -25,7 +25,16 @@\n         \"/lists/{listId}/tasks\": {\n             \"get\": {\n                 \"operationId\": \"ListTasks\",\n-                \"summary\": \"List tasks\",\n+                \"summary\": \"List tasks.\",\n                 \"description\": \"Returns the tasks of a list, newest first.\",\n                 \"parameters\": [\n+                    {\n+                        \"name\": \"listId\",\n+                        \"in\": \"path\",\n+                        \"required\": true,\n+                        \"type\": \"string\",\n+                        \"x-ms-summary\": \"List ID\",\n+                        \"description\": \"The identifier of the task list.\"\n+                    },\n                     {"

// TestForkFallback: on a fork pull request the token is read-only: the review and the check run get
// 403, the Action says so in one line, reports with annotations and the summary, and still fails on
// the errors (no false green).
func TestForkFallback(t *testing.T) {
	s := newSetup(t)
	s.fork = true
	s.gh.forbidWrites = true
	res := s.run()
	if res.code != 1 {
		t.Fatalf("exit code %d, want 1", res.code)
	}
	wantCalls(t, s.gh.Calls(), "GET pulls/7/comments", "GET pulls/7/reviews", "POST pulls/7/reviews", "POST check-runs")
	if n := strings.Count(res.stderr, "the token may not write here"); n != 1 {
		t.Errorf("want one line about the token, got %d:\n%s", n, res.stderr)
	}
	if !strings.Contains(res.stdout, "::error col=28,endColumn=41,endLine=28,file="+sw+",line=28,title=operation-summary-ends-alphanumeric (ValueMustEndWithAlphanumeric)::summary \"List tasks.\" ends with") {
		t.Errorf("no annotation for the summary finding:\n%s", res.stdout)
	}
	if !strings.Contains(res.summary, "fork pull request or read-only token") || !strings.Contains(res.summary, "operation-summary-ends-alphanumeric") {
		t.Errorf("summary:\n%s", res.summary)
	}
}

// TestAPIFallbackPaginationRetry: a shallow checkout (the base commit is not in the history) makes the
// Action list the changed files through the paginated files endpoint; the first page answers 502 and
// the review is first refused by a secondary rate limit: both are retried. Earlier comments, spread
// over pages, are read: the one already posted by connectorlint is not posted again.
func TestAPIFallbackPaginationRetry(t *testing.T) {
	s := newSetup(t)
	s.base = "1111111111111111111111111111111111111111" // not in the local history
	s.changed = 3
	s.gh.pageSize = 1
	s.gh.files = []map[string]any{
		{"sha": "aa", "filename": sw, "status": "modified", "additions": 9, "deletions": 1, "changes": 10, "patch": contosoPatch},
		{"sha": "bb", "filename": conn + "/readme.md", "status": "modified", "additions": 1, "deletions": 0, "changes": 1, "patch": "@@ -1 +1,2 @@\n # Contoso Tasks\n+More."},
		{"sha": "cc", "filename": "docs/notes.md", "status": "added", "additions": 1, "deletions": 0, "changes": 1, "patch": "@@ -0,0 +1 @@\n+notes"},
	}
	// The info finding on line 28 was commented by an earlier run; two human comments around it.
	s.gh.comments = []map[string]any{
		{"id": 11.0, "body": "Why a dot here?", "path": sw, "line": 28.0, "user": map[string]any{"login": "bob"}},
		{"id": 12.0, "body": "**info** earlier\n\n<!-- connectorlint:fp=84bc25f4dcf32f88be7a -->", "path": sw, "line": 28.0, "user": map[string]any{"login": "github-actions[bot]"}},
		{"id": 13.0, "body": "LGTM otherwise", "path": sw, "line": 40.0, "user": map[string]any{"login": "bob"}},
	}
	api := "/api/v3/repos/contoso/connectors/"
	s.gh.fail502["GET "+api+"pulls/7/files"] = 1
	s.gh.secondary["POST "+api+"pulls/7/reviews"] = 1
	res := s.run()
	if res.code != 1 {
		t.Fatalf("exit code %d\n%s", res.code, res.stderr)
	}
	wantCalls(t, s.gh.Calls(),
		"GET pulls/7/files", "GET pulls/7/files", "GET pulls/7/files", "GET pulls/7/files", // 502, then 3 pages
		"GET pulls/7/comments", "GET pulls/7/comments", "GET pulls/7/comments",
		"GET pulls/7/reviews",
		"POST pulls/7/reviews", "POST pulls/7/reviews", // secondary rate limit, then accepted
		"POST check-runs", "PATCH check-runs/ID")
	calls := s.gh.Calls()
	if q := calls[2].Query; !strings.Contains(q, "page=2") {
		t.Errorf("second page not followed from the Link header: %q", q)
	}
	rv := findCall(t, calls, "POST", "pulls/7/reviews")[1]
	cms := reviewComments(rv)
	if len(cms) != 2 || cms[0]["line"] != 28.0 || cms[1]["start_line"] != 31.0 {
		t.Errorf("comments: %v", cms)
	}
	if !strings.Contains(rv.Body["body"].(string), "1 already reported") {
		t.Errorf("body: %s", rv.Body["body"])
	}
	if !strings.Contains(res.summary, "Changed files came from the GitHub API") {
		t.Errorf("summary does not say where the changes came from:\n%s", res.summary)
	}
}

// TestLineOutsideGitHubDiff: git says line 28 changed but GitHub's diff disagrees and refuses the
// comment (422); the Action re-reads GitHub's files and moves that finding into the review body.
func TestLineOutsideGitHubDiff(t *testing.T) {
	s := newSetup(t)
	patch := "@@ -30,6 +30,14 @@\n                 \"parameters\": [\n+                    {\n+                        \"name\": \"listId\",\n+                        \"in\": \"path\",\n+                        \"required\": true,\n+                        \"type\": \"string\",\n+                        \"x-ms-summary\": \"List ID\",\n+                        \"description\": \"The identifier of the task list.\"\n+                    },\n                     {"
	s.gh.files = []map[string]any{{"sha": "aa", "filename": sw, "status": "modified", "patch": patch}}
	s.gh.reject422 = func(path string, line int) bool { return line < 31 }
	res := s.run()
	if res.code != 1 {
		t.Fatalf("exit code %d\n%s", res.code, res.stderr)
	}
	wantCalls(t, s.gh.Calls(), "GET pulls/7/comments", "GET pulls/7/reviews", "POST pulls/7/reviews", "GET pulls/7/files",
		"POST pulls/7/reviews", "POST check-runs", "PATCH check-runs/ID")
	rv := findCall(t, s.gh.Calls(), "POST", "pulls/7/reviews")[1]
	cms := reviewComments(rv)
	if len(cms) != 1 || cms[0]["start_line"] != 31.0 {
		t.Errorf("comments: %v", cms)
	}
	if b := rv.Body["body"].(string); !strings.Contains(b, "operation-summary-ends-alphanumeric") {
		t.Errorf("the refused finding is not in the body:\n%s", b)
	}
}

// TestHostilePullRequest: a connector file symlinked outside the workspace is a finding and is never
// read; Markdown, HTML and @mentions from the files are escaped in every comment and the summary;
// annotation properties and data are escaped.
func TestHostilePullRequest(t *testing.T) {
	s := newSetup(t)
	secret := filepath.Join(s.dir, "secret.json")
	write(t, secret, `{"swagger": "2.0", "info": {"title": "SECRET-RUNNER-VALUE"}}`)
	evil := filepath.Join(s.r.ws, "certified-connectors", "Evil")
	os.MkdirAll(evil, 0o755)
	if err := os.Symlink(secret, filepath.Join(evil, "apiDefinition.swagger.json")); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(s.r.ws, sw)
	b, _ := os.ReadFile(p)
	write(t, p, strings.Replace(string(b), `"title": "Contoso Tasks API"`, `"title": "Contoso <img src=x onerror=alert(1)> @octocat 100%, Tasks API"`, 1))
	s.head = s.r.commit("hostile")
	s.inputs["reporter"] = "pr-review,annotations"
	res := s.run()
	if res.code != 1 {
		t.Fatalf("exit code %d\n%s", res.code, res.stderr)
	}
	everything := res.stdout + res.stderr + res.summary
	for _, c := range s.gh.Calls() {
		j, _ := json.Marshal(c.Body)
		everything += string(j)
	}
	if strings.Contains(everything, "SECRET-RUNNER-VALUE") {
		t.Fatal("a file outside the workspace was read and published")
	}
	if !strings.Contains(res.summary, "resolves outside the workspace") {
		t.Errorf("no finding for the escaping symlink:\n%s", res.summary)
	}
	rv := findCall(t, s.gh.Calls(), "POST", "pulls/7/reviews")[0]
	texts := []string{res.summary, rv.Body["body"].(string)}
	for _, c := range reviewComments(rv) {
		texts = append(texts, c["body"].(string))
	}
	for _, txt := range texts {
		if strings.Contains(txt, "<img") || strings.Contains(txt, "@octocat") {
			t.Errorf("unescaped HTML or mention:\n%s", txt)
		}
	}
	if !strings.Contains(res.summary, "&lt;img src=x onerror=alert(1)&gt; &#64;octocat") {
		t.Errorf("summary does not show the escaped title:\n%s", res.summary)
	}
	if !strings.Contains(res.stdout, "100%25%2C Tasks") && !strings.Contains(res.stdout, "100%25, Tasks") {
		t.Errorf("annotation data not escaped:\n%s", res.stdout)
	}
}
