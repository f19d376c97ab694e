package action

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/connectorlint/connectorlint/reporter"
	"github.com/connectorlint/connectorlint/rules"
	"github.com/connectorlint/connectorlint/scm"
)

// report runs the chosen reporters. Whatever cannot be posted goes to annotations, the job summary and
// the log; nothing here changes the exit code.
func (r *runner) report(ctx context.Context, run *reporter.Run) {
	want := r.in.reporters
	review, check, annotations := want["pr-review"], want["check"], want["annotations"]
	if want["auto"] {
		review = review || r.ev.IsPR()
		check = true
	}
	if want["none"] && len(want) == 1 {
		review, check, annotations = false, false, false
	}
	fallback := false
	if (review || check) && r.client == nil {
		r.logf("no github-token: reporting with annotations and the job summary")
		review, check, fallback = false, false, true
	}
	if review && !r.ev.IsPR() {
		r.logf("reporter pr-review: this %s event is not a pull request; skipped", r.ev.Name)
		review = false
	}
	if review {
		if err := r.postReview(ctx, run); err != nil {
			fallback = r.failed("posting the pull-request review", err) || fallback
		}
	}
	if check {
		head := r.ev.HeadSHA
		if head == "" {
			head = r.gctx.SHA
		}
		out := reporter.PlanCheck(run, r.in.failOn, r.links(), r.notes...)
		if err := r.client.CheckRun(ctx, head, r.runURL(), out); err != nil {
			fallback = r.failed("creating the check run", err) || fallback
		}
	}
	if annotations || fallback {
		r.annotate(run)
	}
	r.summary(run)
}

// failed logs a reporting failure in one line and reports whether it was a permission problem.
func (r *runner) failed(what string, err error) bool {
	msg := r.client.Err(err)
	if scm.IsForbidden(err) {
		if !r.warnedForbidden {
			r.warnedForbidden = true
			r.logf("the token may not write here (%s; a pull request from a fork, or a read-only token): findings are reported as annotations and in the job summary instead", msg)
			r.notes = append(r.notes, "The token could not write reviews or checks (fork pull request or read-only token); findings are shown as annotations and below.")
		}
		return true
	}
	r.logf("%s failed: %s; the findings are in the log and the job summary", what, msg)
	r.notes = append(r.notes, strings.ToUpper(what[:1])+what[1:]+" failed; every finding is listed below.")
	return true
}

func (r *runner) runURL() string {
	if r.gctx.RunID == 0 {
		return ""
	}
	return strings.TrimRight(r.gctx.ServerURL, "/") + "/" + r.ev.Owner + "/" + r.ev.Repo + "/actions/runs/" + strconv.FormatInt(r.gctx.RunID, 10)
}

func (r *runner) postReview(ctx context.Context, run *reporter.Run) error {
	posted, err := r.client.Posted(ctx, r.ev.Number)
	if err != nil {
		return err
	}
	diff := reporter.DiffLines{}
	if r.changes != nil {
		diff = r.changes.Lines
	}
	opts := reporter.ReviewOptions{Diff: diff, Posted: posted.Fingerprints, Links: r.links()}
	rv := reporter.PlanReview(run, opts)
	if !rv.Empty() {
		err = r.client.CreateReview(ctx, r.ev.Number, r.ev.HeadSHA, rv)
		if scm.IsUnprocessable(err) && len(rv.Comments) > 0 {
			// A comment line is not in GitHub's diff: keep only lines GitHub's own file list shows as
			// changed, and move the others to the review body.
			r.logf("GitHub refused a review comment outside its diff (HTTP 422); retrying with GitHub's diff")
			gh, ferr := r.client.PullRequestFiles(ctx, r.ev.Number)
			if ferr == nil {
				opts.Diff = intersect(diff, gh.Lines)
				rv = reporter.PlanReview(run, opts)
				err = r.client.CreateReview(ctx, r.ev.Number, r.ev.HeadSHA, rv)
			}
			if scm.IsUnprocessable(err) || ferr != nil {
				opts.Diff = reporter.DiffLines{}
				rv = reporter.PlanReview(run, opts)
				err = r.client.CreateReview(ctx, r.ev.Number, r.ev.HeadSHA, rv)
			}
		}
		if err != nil {
			return err
		}
		if n := len(rv.Overflow); n > 0 {
			r.notes = append(r.notes, fmt.Sprintf("%d findings on changed lines were listed in the review body rather than commented (at most %d comments per review).", n, reporter.MaxReviewComments))
		}
		r.logf("posted a review: %d comments, %d findings in its body", len(rv.Comments), len(rv.Outside)+len(rv.Overflow))
	}
	current := map[string]bool{}
	for _, f := range run.Findings {
		current[f.Fingerprint()] = true
	}
	var gone []scm.PostedComment
	for _, c := range posted.Comments {
		if !c.Fixed && !current[c.Fingerprint] {
			gone = append(gone, c)
		}
	}
	if len(gone) > 0 {
		resolved, edited, err := r.client.Resolve(ctx, r.ev.Number, gone, r.ev.HeadSHA)
		r.logf("%d earlier comments are fixed: %d threads resolved, %d comments marked fixed", len(gone), resolved, edited)
		if err != nil {
			return err
		}
	}
	return nil
}

func intersect(a, b reporter.DiffLines) reporter.DiffLines {
	out := reporter.DiffLines{}
	for p, ra := range a {
		for _, x := range ra {
			for _, y := range b[p] {
				s, e := max(x.Start, y.Start), min(x.End, y.End)
				if s <= e {
					out[p] = append(out[p], reporter.LineRange{Start: s, End: e})
				}
			}
		}
	}
	return out
}

// annotate prints workflow-command annotations through go-githubactions, errors first; GitHub shows
// only 10 per level and step, so the rest are plain log lines and listed in the job summary.
func (r *runner) annotate(run *reporter.Run) {
	fs := slices.Clone(run.Findings)
	slices.SortStableFunc(fs, func(a, b *rules.Finding) int { return int(b.Severity) - int(a.Severity) })
	shown := map[rules.Severity]int{}
	rest := 0
	for _, f := range fs {
		if shown[f.Severity] >= reporter.AnnotationsPerLevel {
			rest++
			fmt.Fprintf(r.env.Stdout, "%s:%d:%d: %s: %s [%s]\n", reporter.Rel(f.File), f.Pos.Line, f.Pos.Col, f.Severity, strings.ReplaceAll(f.Message, "\n", " "), f.RuleID)
			continue
		}
		shown[f.Severity]++
		title := f.RuleID
		if f.Code != "" {
			title += " (" + f.Code + ")"
		}
		fields := map[string]string{"file": reporter.Rel(f.File), "line": strconv.Itoa(max(f.Pos.Line, 1)), "col": strconv.Itoa(max(f.Pos.Col16, 1)), "title": title}
		if f.EndPos.Line >= f.Pos.Line && f.EndPos.Line > 0 {
			fields["endLine"] = strconv.Itoa(f.EndPos.Line)
			if f.EndPos.Line == f.Pos.Line && f.EndPos.Col16 > f.Pos.Col16 {
				fields["endColumn"] = strconv.Itoa(f.EndPos.Col16)
			}
		}
		a := r.a.WithFieldsMap(fields)
		switch f.Severity {
		case rules.Error:
			a.Errorf("%s", f.Message)
		case rules.Warning:
			a.Warningf("%s", f.Message)
		default:
			a.Noticef("%s", f.Message)
		}
	}
	if rest > 0 {
		r.notes = append(r.notes, fmt.Sprintf("%d findings are not shown as annotations (GitHub shows %d per level and step); all are listed below.", rest, reporter.AnnotationsPerLevel))
	}
}

func (r *runner) summary(run *reporter.Run) {
	if r.gctx.StepSummary == "" {
		return
	}
	var b strings.Builder
	reporter.Summary(&b, run, r.links(), r.notes...)
	defer func() {
		if v := recover(); v != nil { // go-githubactions panics when the file cannot be written
			r.logf("writing the job summary: %v", v)
		}
	}()
	r.a.AddStepSummary(b.String())
}
