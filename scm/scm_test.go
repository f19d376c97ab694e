package scm

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"reflect"
	"sync/atomic"
	"testing"
	"time"

	"github.com/connectorlint/connectorlint/reporter"
)

func TestGraphQLURL(t *testing.T) {
	for in, want := range map[string]string{
		"https://api.github.com":          "https://api.github.com/graphql",
		"https://ghe.example.com/api/v3":  "https://ghe.example.com/api/graphql",
		"https://ghe.example.com/api/v3/": "https://ghe.example.com/api/graphql",
	} {
		if got := GraphQLURL(in); got != want {
			t.Errorf("GraphQLURL(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestPatchLines(t *testing.T) {
	patch := "@@ -1,3 +1,4 @@\n a\n-b\n+B\n+C\n c\n@@ -10,2 +11,2 @@\n x\n+y\n\\ No newline at end of file"
	want := []reporter.LineRange{{Start: 2, End: 3}, {Start: 12, End: 12}}
	if got := PatchLines(patch); !reflect.DeepEqual(got, want) {
		t.Errorf("PatchLines = %v, want %v", got, want)
	}
}

func TestReadEvent(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "e.json")
	os.WriteFile(p, []byte(`{"before":"0000000000000000000000000000000000000000","after":"abcdef1234567"}`), 0o644)
	ev, err := ReadEvent("push", p, "o/r", "")
	if err != nil || ev.BaseSHA != "" || ev.HeadSHA != "abcdef1234567" || ev.IsPR() {
		t.Errorf("push to a new branch: %+v %v", ev, err)
	}
	os.WriteFile(p, []byte(`{"number":3,"pull_request":{"number":3,"head":{"sha":"--upload-pack=x","repo":{"full_name":"m/r"}},"base":{"sha":"abcdef1","repo":{"full_name":"o/r"}}}}`), 0o644)
	ev, err = ReadEvent("pull_request_target", p, "o/r", "")
	if err != nil || ev.HeadSHA != "" || !ev.Fork || ev.Number != 3 {
		t.Errorf("hostile head sha must be dropped: %+v %v", ev, err)
	}
}

// TestRetry: 502 and secondary rate limits are retried with Retry-After honoured (in units), bounded by
// the attempt count; a Retry-After beyond MaxWait is not waited for.
func TestRetry(t *testing.T) {
	var n atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch n.Add(1) {
		case 1:
			w.WriteHeader(502)
		case 2:
			w.Header().Set("Retry-After", "3")
			w.WriteHeader(403)
		default:
			w.Write([]byte(`[]`))
		}
	}))
	defer srv.Close()
	var waits []time.Duration
	rt := &retryTransport{base: http.DefaultTransport, r: Retry{Attempts: 4, Unit: time.Millisecond, MaxWait: time.Second}, sleep: func(d time.Duration) { waits = append(waits, d) }}
	resp, err := (&http.Client{Transport: rt}).Get(srv.URL)
	if err != nil || resp.StatusCode != 200 || n.Load() != 3 {
		t.Fatalf("status %v err %v calls %d", resp, err, n.Load())
	}
	if !reflect.DeepEqual(waits, []time.Duration{time.Millisecond, 3 * time.Millisecond}) {
		t.Errorf("waits %v", waits)
	}
	n.Store(1) // next answer: Retry-After 3 units, beyond MaxWait
	rt.r.MaxWait = 2 * time.Millisecond
	resp, _ = (&http.Client{Transport: rt}).Get(srv.URL)
	if resp.StatusCode != 403 {
		t.Errorf("a wait beyond MaxWait was attempted")
	}
}
