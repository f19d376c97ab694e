package action_test

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

var update = flag.Bool("update", false, "rewrite testdata/github/*.golden")

var binary string

// TestMain builds the real binary once; the end-to-end tests run it as the Docker action does: no
// arguments, GITHUB_* and INPUT_* variables.
func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "connectorlint-action")
	if err != nil {
		panic(err)
	}
	binary = filepath.Join(dir, "connectorlint")
	if out, err := exec.Command("go", "build", "-o", binary, "github.com/connectorlint/connectorlint").CombinedOutput(); err != nil {
		panic("go build: " + err.Error() + "\n" + string(out))
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

const (
	token  = "ghs_TestTokenValue0123456789abcdef"
	conn   = "certified-connectors/Contoso Tasks"
	sw     = conn + "/apiDefinition.swagger.json"
	listID = `                    {
                        "name": "listId",
                        "in": "path",
                        "required": true,
                        "type": "string",
                        "x-ms-summary": "List ID",
                        "description": "The identifier of the task list."
                    },
`
)

func readTestdata(t testing.TB, rel string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "testdata", rel))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func write(t testing.TB, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

type repo struct {
	t  testing.TB
	ws string
	n  int
}

func (r *repo) git(args ...string) string {
	r.t.Helper()
	cmd := exec.Command("git", append([]string{"-C", r.ws}, args...)...)
	r.n++
	date := fmt.Sprintf("2026-11-25T10:%02d:00Z", r.n)
	cmd.Env = append(os.Environ(), "GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@example.com", "GIT_COMMITTER_NAME=t",
		"GIT_COMMITTER_EMAIL=t@example.com", "GIT_AUTHOR_DATE="+date, "GIT_COMMITTER_DATE="+date, "GIT_CONFIG_GLOBAL=/dev/null")
	out, err := cmd.CombinedOutput()
	if err != nil {
		r.t.Fatalf("git %v: %v\n%s", args, err, out)
	}
	return strings.TrimSpace(string(out))
}

func (r *repo) commit(msg string) string {
	r.git("add", "-A")
	r.git("commit", "-qm", msg)
	return r.git("rev-parse", "HEAD")
}

// newRepo makes a connector repository: the base commit has Contoso Tasks without the listId parameter
// and with a clean summary, plus an unrelated connector with findings; the head commit adds the
// parameter (a multi-line finding with a fix) and breaks the summary (a one-line finding with a fix).
func newRepo(t testing.TB) (r *repo, base, head string) {
	r = &repo{t: t, ws: t.TempDir()}
	r.git("init", "-q", "-b", "main")
	headSwagger := readTestdata(t, "certified-connectors/Contoso Tasks/apiDefinition.swagger.json")
	baseSwagger := strings.Replace(strings.Replace(headSwagger, listID, "", 1), `"summary": "List tasks."`, `"summary": "List tasks"`, 1)
	if baseSwagger == headSwagger {
		t.Fatal("test connector changed: update newRepo")
	}
	write(t, filepath.Join(r.ws, sw), baseSwagger)
	write(t, filepath.Join(r.ws, conn, "apiProperties.json"), readTestdata(t, "certified-connectors/Contoso Tasks/apiProperties.json"))
	write(t, filepath.Join(r.ws, conn, "readme.md"), readTestdata(t, "certified-connectors/Contoso Tasks/readme.md"))
	write(t, filepath.Join(r.ws, "certified-connectors/Other/apiDefinition.swagger.json"), "{\n    \"swagger\": \"2.0\"\n}\n")
	base = r.commit("base")
	write(t, filepath.Join(r.ws, sw), headSwagger)
	head = r.commit("head")
	return r, base, head
}

type setup struct {
	t       testing.TB
	r       *repo
	gh      *fakeGitHub
	dir     string // outside the workspace: event, summary, outputs
	base    string
	head    string
	fork    bool
	changed int
	inputs  map[string]string
}

func newSetup(t testing.TB) *setup {
	r, base, head := newRepo(t)
	return &setup{t: t, r: r, gh: newFakeGitHub(t, token), dir: t.TempDir(), base: base, head: head, changed: 1,
		inputs: map[string]string{"github-token": token, "sarif-file": "connectorlint.sarif", "breaking-changes": "false"}} // breaking changes: TestBreakingChangesWired
}

type result struct {
	stdout, stderr, summary, outputs string
	code                             int
}

// environ writes the event file and returns the environment of a run.
func (s *setup) environ() (env []string, summary, outputs string) {
	t := s.t
	t.Helper()
	ev := readTestdata(t, "github/pull_request.json")
	author, headRepo, label := "alice", "contoso/connectors", "contoso:list-tasks"
	if s.fork {
		author, headRepo, label = "mallory", "mallory/connectors", "mallory:list-tasks"
	}
	ev = strings.NewReplacer("{{BASE}}", s.base, "{{HEAD}}", s.head, "{{BEFORE}}", s.base, "{{API}}", s.gh.apiURL(), "{{AUTHOR}}", author,
		"{{HEADREPO}}", headRepo, "{{HEADLABEL}}", label, "{{FORK}}", fmt.Sprint(s.fork), "{{CHANGED}}", fmt.Sprint(s.changed)).Replace(ev)
	evPath := filepath.Join(s.dir, "event.json")
	write(t, evPath, ev)
	summary, outputs = filepath.Join(s.dir, "summary.md"), filepath.Join(s.dir, "output.txt")
	os.Remove(summary)
	os.Remove(outputs)
	env = []string{"PATH=" + os.Getenv("PATH"), "HOME=" + s.dir, "GIT_CONFIG_GLOBAL=/dev/null",
		"GITHUB_ACTIONS=true", "GITHUB_WORKSPACE=" + s.r.ws, "GITHUB_EVENT_NAME=pull_request", "GITHUB_EVENT_PATH=" + evPath,
		"GITHUB_REPOSITORY=contoso/connectors", "GITHUB_REPOSITORY_OWNER=contoso", "GITHUB_API_URL=" + s.gh.apiURL(),
		"GITHUB_SERVER_URL=https://ghe.example.com", "GITHUB_SHA=" + s.head, "GITHUB_RUN_ID=4242", "GITHUB_STEP_SUMMARY=" + summary,
		"GITHUB_OUTPUT=" + outputs, "CONNECTORLINT_RETRY_UNIT=1ms"}
	for k, v := range s.inputs {
		env = append(env, "INPUT_"+strings.ToUpper(k)+"="+v)
	}
	return env, summary, outputs
}

// inprocessEnv is environ as a Getenv function, for action.Main in this process.
func (s *setup) inprocessEnv() func(string) string {
	env, _, _ := s.environ()
	m := map[string]string{}
	for _, kv := range env {
		k, v, _ := strings.Cut(kv, "=")
		m[k] = v
	}
	return func(k string) string { return m[k] }
}

func (s *setup) run() result {
	t := s.t
	t.Helper()
	env, summary, outputs := s.environ()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, binary)
	cmd.Dir = s.dir
	cmd.Env = env
	var so, se bytes.Buffer
	cmd.Stdout, cmd.Stderr = &so, &se
	err := cmd.Run()
	res := result{stdout: so.String(), stderr: se.String()}
	if ee, ok := err.(*exec.ExitError); ok {
		res.code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(summary)
	res.summary = string(b)
	b, _ = os.ReadFile(outputs)
	res.outputs = string(b)
	for name, s := range map[string]string{"stdout": res.stdout, "stderr": res.stderr, "summary": res.summary, "outputs": res.outputs} {
		if strings.Contains(s, token) || strings.Contains(s, token[4:]) {
			t.Fatalf("the token appears in %s", name)
		}
		if strings.Contains(s, "panic:") || strings.Contains(s, "goroutine ") {
			t.Fatalf("crash:\n%s\n%s", res.stdout, res.stderr)
		}
	}
	return res
}

func paths(cs []call) []string {
	var out []string
	for _, c := range cs {
		p := strings.TrimPrefix(c.Path, "/api/v3/repos/contoso/connectors/")
		p = regexp.MustCompile(`/[0-9]{3,}$`).ReplaceAllString(p, "/ID")
		out = append(out, c.Method+" "+p)
	}
	return out
}

func wantCalls(t testing.TB, got []call, want ...string) {
	t.Helper()
	g := paths(got)
	if strings.Join(g, "\n") != strings.Join(want, "\n") {
		t.Errorf("calls:\n  %s\nwant:\n  %s", strings.Join(g, "\n  "), strings.Join(want, "\n  "))
	}
}

func findCall(t testing.TB, cs []call, method, suffix string) []call {
	var out []call
	for _, c := range cs {
		if c.Method == method && strings.HasSuffix(c.Path, suffix) {
			out = append(out, c)
		}
	}
	return out
}

func output(res result, name string) string {
	m := regexp.MustCompile(`(?m)^` + regexp.QuoteMeta(name) + `<<(\S+)\n([^\n]*)\n`).FindStringSubmatch(res.outputs)
	if m == nil {
		return "<unset>"
	}
	return m[2]
}

func reviewComments(c call) []map[string]any {
	var out []map[string]any
	cs, _ := c.Body["comments"].([]any)
	for _, x := range cs {
		out = append(out, x.(map[string]any))
	}
	return out
}

// TestPullRequest: a review with comments on the changed lines (one-line and multi-line, with
// suggestions), the rest in its body, a check run, the job summary, SARIF, outputs and the exit code;
// no repost on a second run; after a fix commit the comment's thread is resolved and marked fixed.
func TestPullRequest(t *testing.T) {
	s := newSetup(t)
	res := s.run()
	if res.code != 1 {
		t.Fatalf("exit code %d, want 1 (errors found)\n%s\n%s", res.code, res.stdout, res.stderr)
	}
	calls := s.gh.Calls()
	wantCalls(t, calls,
		"GET pulls/7/comments", "GET pulls/7/reviews", "POST pulls/7/reviews",
		"POST check-runs", "PATCH check-runs/ID")
	rv := findCall(t, calls, "POST", "pulls/7/reviews")[0]
	if rv.Body["commit_id"] != s.head || rv.Body["event"] != "COMMENT" {
		t.Errorf("review commit/event: %v %v", rv.Body["commit_id"], rv.Body["event"])
	}
	cms := reviewComments(rv)
	if len(cms) != 3 {
		t.Fatalf("want 3 comments, got %d: %v", len(cms), cms)
	}
	// Errors first: the summary ending in "." (line 28), then the listId parameter without
	// x-ms-url-encoding (lines 31-38, a warning), then the summary's charset (an info, no fix).
	c0, c1, c2 := cms[0], cms[1], cms[2]
	if c2["line"] != 28.0 || c2["start_line"] != nil || strings.Contains(c2["body"].(string), "suggestion") || !strings.Contains(c2["body"].(string), "**info**") {
		t.Errorf("comment 2: %v", c2)
	}
	if c0["path"] != sw || c0["line"] != 28.0 || c0["side"] != "RIGHT" || c0["start_line"] != nil {
		t.Errorf("comment 0: %v", c0)
	}
	if !strings.Contains(c0["body"].(string), "```suggestion\n                \"summary\": \"List tasks\",\n```") ||
		!strings.Contains(c0["body"].(string), "operation-summary-ends-alphanumeric") {
		t.Errorf("comment 0 body:\n%s", c0["body"])
	}
	if c1["path"] != sw || c1["start_line"] != 31.0 || c1["line"] != 38.0 || c1["side"] != "RIGHT" || c1["start_side"] != "RIGHT" {
		t.Errorf("comment 1: %v", c1)
	}
	if b := c1["body"].(string); !strings.Contains(b, "```suggestion\n") || !strings.Contains(b, `"x-ms-url-encoding": "single"`) || !strings.Contains(b, "**warning**") {
		t.Errorf("comment 1 body:\n%s", b)
	}
	body := rv.Body["body"].(string)
	if !strings.Contains(body, "Findings outside the lines this pull request changes:") || !strings.Contains(body, "info-title-restricted-words") {
		t.Errorf("review body:\n%s", body)
	}
	if strings.Contains(body, "Other") {
		t.Errorf("an unchanged connector was linted:\n%s", body)
	}
	// Check run: created in progress, then one batch of annotations with the conclusion.
	cr := findCall(t, calls, "POST", "check-runs")[0]
	if cr.Body["head_sha"] != s.head || cr.Body["name"] != "connectorlint" || cr.Body["status"] != "in_progress" {
		t.Errorf("check run create: %v", cr.Body)
	}
	upd := findCall(t, calls, "PATCH", "")[0]
	out := upd.Body["output"].(map[string]any)
	anns := out["annotations"].([]any)
	if upd.Body["conclusion"] != "failure" || upd.Body["status"] != "completed" || len(anns) == 0 {
		t.Errorf("check run update: %v", upd.Body)
	}
	a0 := anns[0].(map[string]any)
	if a0["path"] != sw || a0["annotation_level"] != "failure" || a0["start_line"] == nil {
		t.Errorf("annotation: %v", a0)
	}
	// Outputs, SARIF, summary.
	if output(res, "findings") == "<unset>" || output(res, "errors") == "0" || output(res, "sarif-file") != "connectorlint.sarif" {
		t.Errorf("outputs:\n%s", res.outputs)
	}
	sarif, err := os.ReadFile(filepath.Join(s.r.ws, "connectorlint.sarif"))
	if err != nil {
		t.Fatal(err)
	}
	checkSARIF(t, sarif)
	golden(t, "summary.golden", strings.ReplaceAll(res.summary, s.head, "HEADSHA"))

	// Second run, same commit: nothing new to say, so no review.
	s.gh.reset()
	res = s.run()
	wantCalls(t, s.gh.Calls(), "GET pulls/7/comments", "GET pulls/7/reviews", "POST check-runs", "PATCH check-runs/ID")
	if res.code != 1 {
		t.Errorf("second run exit code %d", res.code)
	}

	// Fix commit: the summary is repaired; its thread is resolved and its comment marked fixed.
	write(t, filepath.Join(s.r.ws, sw), strings.Replace(readTestdata(t, "certified-connectors/Contoso Tasks/apiDefinition.swagger.json"), `"summary": "List tasks."`, `"summary": "List tasks"`, 1))
	s.head = s.r.commit("fix the summary")
	s.gh.reset()
	s.run()
	calls = s.gh.Calls()
	// Both findings of line 28 (the error and the info) are gone: one thread query, then per comment a
	// resolve and an edit.
	wantCalls(t, calls, "GET pulls/7/comments", "GET pulls/7/reviews", "POST /api/graphql", "POST /api/graphql",
		"PATCH pulls/comments/ID", "POST /api/graphql", "PATCH pulls/comments/ID", "POST check-runs", "PATCH check-runs/ID")
	gq := findCall(t, calls, "POST", "/api/graphql")
	if !strings.Contains(gq[1].Body["query"].(string), "resolveReviewThread") {
		t.Errorf("second GraphQL call: %v", gq[1].Body)
	}
	edit := findCall(t, calls, "PATCH", "")[0]
	if b := edit.Body["body"].(string); !strings.Contains(b, "**Fixed** at "+s.head[:12]) || !strings.Contains(b, "operation-summary-ends-alphanumeric") {
		t.Errorf("fixed comment:\n%s", b)
	}
	if len(s.gh.resolved) != 2 {
		t.Errorf("resolved threads: %v", s.gh.resolved)
	}
}

func golden(t testing.TB, name, got string) {
	t.Helper()
	p := filepath.Join("..", "..", "testdata", "github", name)
	if *update {
		write(t, p, got)
		return
	}
	want, err := os.ReadFile(p)
	if err != nil {
		t.Fatalf("%v (run go test ./internal/action -update)", err)
	}
	if string(want) != got {
		t.Errorf("%s differs (go test ./internal/action -update, then review the diff):\n%s", name, got)
	}
}

// checkSARIF checks the structure SARIF 2.1.0's schema requires of what we emit, and what GitHub code
// scanning needs (relative URIs, 1-based regions, rule metadata).
func checkSARIF(t testing.TB, data []byte) {
	t.Helper()
	var log struct {
		Schema  string `json:"$schema"`
		Version string `json:"version"`
		Runs    []struct {
			Tool struct {
				Driver struct {
					Name  string `json:"name"`
					Rules []struct {
						ID               string `json:"id"`
						ShortDescription struct {
							Text string `json:"text"`
						} `json:"shortDescription"`
						HelpURI              string `json:"helpUri"`
						DefaultConfiguration struct {
							Level string `json:"level"`
						} `json:"defaultConfiguration"`
					} `json:"rules"`
				} `json:"driver"`
			} `json:"tool"`
			ColumnKind string `json:"columnKind"`
			Results    []struct {
				RuleID    string `json:"ruleId"`
				RuleIndex *int   `json:"ruleIndex"`
				Level     string `json:"level"`
				Message   struct {
					Text string `json:"text"`
				} `json:"message"`
				Locations []struct {
					PhysicalLocation struct {
						ArtifactLocation struct {
							URI string `json:"uri"`
						} `json:"artifactLocation"`
						Region struct {
							StartLine, StartColumn, EndLine, EndColumn int
						} `json:"region"`
					} `json:"physicalLocation"`
				} `json:"locations"`
				PartialFingerprints map[string]string `json:"partialFingerprints"`
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal(data, &log); err != nil {
		t.Fatalf("SARIF is not JSON: %v", err)
	}
	if log.Version != "2.1.0" || !strings.Contains(log.Schema, "sarif-2.1.0") || len(log.Runs) != 1 {
		t.Fatalf("SARIF header: %q %q runs=%d", log.Version, log.Schema, len(log.Runs))
	}
	run := log.Runs[0]
	if run.Tool.Driver.Name == "" || run.ColumnKind != "utf16CodeUnits" {
		t.Errorf("SARIF driver/columnKind")
	}
	levels := map[string]bool{"none": true, "note": true, "warning": true, "error": true}
	for _, r := range run.Tool.Driver.Rules {
		if r.ID == "" || r.ShortDescription.Text == "" || !strings.HasPrefix(r.HelpURI, "https://") || !levels[r.DefaultConfiguration.Level] {
			t.Errorf("SARIF rule %+v", r)
		}
	}
	if len(run.Results) == 0 {
		t.Fatal("no SARIF results")
	}
	for _, res := range run.Results {
		if res.RuleIndex == nil || *res.RuleIndex >= len(run.Tool.Driver.Rules) || run.Tool.Driver.Rules[*res.RuleIndex].ID != res.RuleID {
			t.Errorf("SARIF result %s: ruleIndex does not point at its rule", res.RuleID)
		}
		if !levels[res.Level] || res.Message.Text == "" || len(res.Locations) != 1 || res.PartialFingerprints["connectorlint/v1"] == "" {
			t.Errorf("SARIF result %+v", res)
		}
		loc := res.Locations[0].PhysicalLocation
		if u := loc.ArtifactLocation.URI; u == "" || strings.HasPrefix(u, "/") || strings.Contains(u, "://") || strings.Contains(u, " ") {
			t.Errorf("SARIF uri %q: want a relative, escaped URI", u)
		}
		if rg := loc.Region; rg.StartLine < 1 || rg.StartColumn < 1 || rg.EndLine < rg.StartLine || rg.EndLine == rg.StartLine && rg.EndColumn <= rg.StartColumn {
			t.Errorf("SARIF region %+v", rg)
		}
	}
}
