package action_test

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
)

// fakeGitHub implements the GitHub REST endpoints the Action calls, shaped as GitHub documents them
// (GitHub Enterprise Server layout: REST under /api/v3, GraphQL at /api/graphql), and records every call.
type fakeGitHub struct {
	t     testing.TB
	srv   *httptest.Server
	token string

	mu       sync.Mutex
	calls    []call
	files    []map[string]any // pulls/{n}/files entries
	comments []map[string]any // review comments
	reviews  []map[string]any
	checks   map[int64][]map[string]any // check-run id → create/update bodies
	resolved map[string]bool
	nextID   int64

	pageSize      int            // server-side page size (GitHub allows up to 100; smaller here to exercise Link)
	forbidWrites  bool           // fork PR: writes answer 403
	forbidGraphQL bool           // resolveReviewThread not permitted
	fail502       map[string]int // "METHOD path" → 502 answers before success
	secondary     map[string]int // "METHOD path" → secondary-rate-limit 403s before success
	reject422     func(path string, line int) bool
}

type call struct {
	Method, Path, Query string
	Body                map[string]any
}

func (c call) String() string { return c.Method + " " + c.Path }

func newFakeGitHub(t testing.TB, token string) *fakeGitHub {
	g := &fakeGitHub{t: t, token: token, checks: map[int64][]map[string]any{}, resolved: map[string]bool{}, nextID: 1000, pageSize: 100,
		fail502: map[string]int{}, secondary: map[string]int{}}
	g.srv = httptest.NewServer(http.HandlerFunc(g.serve))
	t.Cleanup(g.srv.Close)
	return g
}

func (g *fakeGitHub) apiURL() string { return g.srv.URL + "/api/v3" }

func (g *fakeGitHub) Calls() []call {
	g.mu.Lock()
	defer g.mu.Unlock()
	return append([]call(nil), g.calls...)
}

func (g *fakeGitHub) reset() {
	g.mu.Lock()
	g.calls = nil
	g.mu.Unlock()
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}

func (g *fakeGitHub) serve(w http.ResponseWriter, r *http.Request) {
	g.mu.Lock()
	defer g.mu.Unlock()
	data, _ := io.ReadAll(r.Body)
	var body map[string]any
	if len(data) > 0 {
		if err := json.Unmarshal(data, &body); err != nil {
			g.t.Errorf("%s %s: body is not JSON: %v", r.Method, r.URL.Path, err)
		}
	}
	g.calls = append(g.calls, call{r.Method, r.URL.Path, r.URL.RawQuery, body})
	if r.Header.Get("Authorization") != "Bearer "+g.token {
		writeJSON(w, 401, map[string]any{"message": "Bad credentials", "documentation_url": "https://docs.github.com/rest"})
		return
	}
	w.Header().Set("X-RateLimit-Limit", "5000")
	w.Header().Set("X-RateLimit-Remaining", "4990")
	w.Header().Set("X-RateLimit-Reset", "1893456000")
	w.Header().Set("X-RateLimit-Resource", "core")
	key := r.Method + " " + r.URL.Path
	if g.fail502[key] > 0 {
		g.fail502[key]--
		w.Header().Set("Content-Type", "text/html")
		w.WriteHeader(502)
		io.WriteString(w, "<html><body><h1>502 Bad Gateway</h1></body></html>")
		return
	}
	if g.secondary[key] > 0 {
		g.secondary[key]--
		w.Header().Set("Retry-After", "1")
		writeJSON(w, 403, map[string]any{"message": "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.",
			"documentation_url": "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits"})
		return
	}
	if r.URL.Path == "/api/graphql" {
		g.graphql(w, body)
		return
	}
	p := strings.TrimPrefix(r.URL.Path, "/api/v3/repos/contoso/connectors/")
	if r.Method != http.MethodGet && g.forbidWrites {
		writeJSON(w, 403, map[string]any{"message": "Resource not accessible by integration", "documentation_url": "https://docs.github.com/rest/pulls/reviews#create-a-review-for-a-pull-request", "status": "403"})
		return
	}
	switch {
	case r.Method == "GET" && p == "pulls/7/files":
		g.page(w, r, g.files)
	case r.Method == "GET" && p == "pulls/7/comments":
		g.page(w, r, g.comments)
	case r.Method == "GET" && p == "pulls/7/reviews":
		g.page(w, r, g.reviews)
	case r.Method == "POST" && p == "pulls/7/reviews":
		g.createReview(w, body)
	case r.Method == "PATCH" && strings.HasPrefix(p, "pulls/comments/"):
		id, _ := strconv.ParseInt(strings.TrimPrefix(p, "pulls/comments/"), 10, 64)
		for _, c := range g.comments {
			if c["id"] == float64(id) {
				c["body"] = body["body"]
				writeJSON(w, 200, c)
				return
			}
		}
		writeJSON(w, 404, map[string]any{"message": "Not Found"})
	case r.Method == "POST" && p == "check-runs":
		g.nextID++
		g.checks[g.nextID] = []map[string]any{body}
		writeJSON(w, 201, map[string]any{"id": g.nextID, "head_sha": body["head_sha"], "status": body["status"], "name": body["name"]})
	case r.Method == "PATCH" && strings.HasPrefix(p, "check-runs/"):
		id, _ := strconv.ParseInt(strings.TrimPrefix(p, "check-runs/"), 10, 64)
		if _, ok := g.checks[id]; !ok {
			writeJSON(w, 404, map[string]any{"message": "Not Found"})
			return
		}
		if out, ok := body["output"].(map[string]any); ok {
			if anns, _ := out["annotations"].([]any); len(anns) > 50 {
				writeJSON(w, 422, map[string]any{"message": "Only 50 annotations are allowed per request"})
				return
			}
		}
		g.checks[id] = append(g.checks[id], body)
		writeJSON(w, 200, map[string]any{"id": id, "status": body["status"], "conclusion": body["conclusion"]})
	default:
		writeJSON(w, 404, map[string]any{"message": "Not Found", "documentation_url": "https://docs.github.com/rest"})
	}
}

// page serves a list with GitHub's per_page/page parameters and Link header.
func (g *fakeGitHub) page(w http.ResponseWriter, r *http.Request, items []map[string]any) {
	per, _ := strconv.Atoi(r.URL.Query().Get("per_page"))
	if per <= 0 {
		per = 30
	}
	per = min(per, 100, g.pageSize)
	page, _ := strconv.Atoi(r.URL.Query().Get("page"))
	if page <= 0 {
		page = 1
	}
	last := max((len(items)+per-1)/per, 1)
	from, to := min((page-1)*per, len(items)), min(page*per, len(items))
	if page < last {
		u := func(n int) string {
			q := r.URL.Query()
			q.Set("page", strconv.Itoa(n))
			q.Set("per_page", strconv.Itoa(per))
			return fmt.Sprintf("<%s%s?%s>", g.srv.URL, r.URL.Path, q.Encode())
		}
		w.Header().Set("Link", u(page+1)+`; rel="next", `+u(last)+`; rel="last"`)
	}
	out := items[from:to]
	if out == nil {
		out = []map[string]any{}
	}
	writeJSON(w, 200, out)
}

func (g *fakeGitHub) createReview(w http.ResponseWriter, body map[string]any) {
	if body["commit_id"] == nil || body["event"] != "COMMENT" {
		writeJSON(w, 422, map[string]any{"message": "Unprocessable Entity", "errors": []string{"commit_id and event are required"}})
		return
	}
	cs, _ := body["comments"].([]any)
	for _, c := range cs {
		cm := c.(map[string]any)
		line := int(cm["line"].(float64))
		if cm["side"] != "RIGHT" || g.reject422 != nil && g.reject422(cm["path"].(string), line) {
			writeJSON(w, 422, map[string]any{"message": "Unprocessable Entity", "errors": []string{"Pull request review thread line must be part of the diff"},
				"documentation_url": "https://docs.github.com/rest/pulls/reviews#create-a-review-for-a-pull-request", "status": "422"})
			return
		}
	}
	g.nextID++
	rid := g.nextID
	rv := map[string]any{"id": rid, "node_id": fmt.Sprintf("PRR_%d", rid), "user": map[string]any{"login": "github-actions[bot]", "type": "Bot"},
		"body": body["body"], "state": "COMMENTED", "commit_id": body["commit_id"]}
	g.reviews = append(g.reviews, rv)
	for _, c := range cs {
		cm := c.(map[string]any)
		g.nextID++
		stored := map[string]any{"id": float64(g.nextID), "node_id": fmt.Sprintf("PRRC_%d", g.nextID), "pull_request_review_id": rid,
			"path": cm["path"], "line": cm["line"], "side": cm["side"], "start_line": cm["start_line"], "body": cm["body"],
			"commit_id": body["commit_id"], "user": map[string]any{"login": "github-actions[bot]", "type": "Bot"}}
		g.comments = append(g.comments, stored)
	}
	writeJSON(w, 200, rv)
}

func (g *fakeGitHub) graphql(w http.ResponseWriter, body map[string]any) {
	q, _ := body["query"].(string)
	vars, _ := body["variables"].(map[string]any)
	switch {
	case strings.Contains(q, "reviewThreads"):
		var nodes []any
		for _, c := range g.comments {
			id := fmt.Sprintf("PRRT_%v", c["id"])
			nodes = append(nodes, map[string]any{"id": id, "isResolved": g.resolved[id],
				"comments": map[string]any{"nodes": []any{map[string]any{"databaseId": c["id"]}}}})
		}
		writeJSON(w, 200, map[string]any{"data": map[string]any{"repository": map[string]any{"pullRequest": map[string]any{"reviewThreads": map[string]any{
			"pageInfo": map[string]any{"hasNextPage": false, "endCursor": nil}, "nodes": nodes}}}}})
	case strings.Contains(q, "resolveReviewThread"):
		if g.forbidGraphQL {
			writeJSON(w, 200, map[string]any{"data": map[string]any{"resolveReviewThread": nil},
				"errors": []any{map[string]any{"type": "FORBIDDEN", "path": []string{"resolveReviewThread"}, "message": "Resource not accessible by integration"}}})
			return
		}
		id, _ := vars["id"].(string)
		g.resolved[id] = true
		writeJSON(w, 200, map[string]any{"data": map[string]any{"resolveReviewThread": map[string]any{"thread": map[string]any{"id": id, "isResolved": true}}}})
	default:
		writeJSON(w, 200, map[string]any{"errors": []any{map[string]any{"message": "unknown query"}}})
	}
}
