package reporter

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/connectorlint/connectorlint/rules"
)

// TestReviewGolden plans a review of the shared test run with every line of the swagger in the diff
// except line 1, one comment allowed: the error is commented, the rest overflow or lie outside.
func TestReviewGolden(t *testing.T) {
	run := testRun(t)
	file := Rel(run.Findings[0].File)
	rv := PlanReview(run, ReviewOptions{Diff: DiffLines{file: {{2, 100}}}, MaxComments: 1, Links: Links{Server: "https://github.com", Repo: "o/r", Ref: "abc123"}})
	var b bytes.Buffer
	for _, c := range rv.Comments {
		fmt.Fprintf(&b, "--- comment %s:%d-%d suggestion=%v\n%s\n", c.Path, c.StartLine, c.Line, c.Suggestion, c.Body)
	}
	fmt.Fprintf(&b, "--- body\n%s", rv.Body)
	golden(t, "review.golden", b.Bytes())
	// Outside ```suggestion blocks (which GitHub shows literally, and which must hold the file's text)
	// nothing from the file is live Markdown.
	for i, part := range strings.Split(b.String(), "```") {
		if i%2 == 0 && (strings.Contains(part, "<b>") || strings.Contains(part, "@octocat")) {
			t.Errorf("unescaped HTML or mention in the review:\n%s", part)
		}
	}
	// Everything already posted: nothing to say.
	posted := map[string]bool{}
	for _, f := range run.Findings {
		posted[f.Fingerprint()] = true
	}
	if rv := PlanReview(run, ReviewOptions{Diff: DiffLines{file: {{1, 100}}}, Posted: posted}); !rv.Empty() || rv.Repeated != len(run.Findings) {
		t.Errorf("repeat review not empty: %+v", rv)
	}
	if got := Markers(rv.Body); len(got) != len(rv.Outside)+len(rv.Overflow) {
		t.Errorf("markers in body: %v", got)
	}
}

func TestCheckGolden(t *testing.T) {
	run := testRun(t)
	out := PlanCheck(run, rules.Error, Links{})
	j, _ := json.MarshalIndent(out, "", "  ")
	golden(t, "checkrun.golden", append(j, '\n'))
	var many []CheckAnnotation
	for i := 0; i < 120; i++ {
		many = append(many, CheckAnnotation{StartLine: i})
	}
	bs := Batches(many, AnnotationsPerRequest)
	if len(bs) != 3 || len(bs[0]) != 50 || len(bs[2]) != 20 || bs[2][0].StartLine != 100 {
		t.Errorf("batches: %d", len(bs))
	}
}
