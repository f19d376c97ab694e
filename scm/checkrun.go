package scm

import (
	"context"
	"time"

	"github.com/google/go-github/v75/github"

	"github.com/connectorlint/connectorlint/reporter"
)

// CheckRunName is the name of connectorlint's check run.
const CheckRunName = "connectorlint"

// CheckRun creates a check run on head and fills it: annotations in batches of 50 (the API's limit per
// request), then the conclusion.
func (c *Client) CheckRun(ctx context.Context, head, detailsURL string, out reporter.CheckOutput) error {
	opt := github.CreateCheckRunOptions{Name: CheckRunName, HeadSHA: head, Status: github.Ptr("in_progress"),
		StartedAt: &github.Timestamp{Time: time.Now()}}
	if detailsURL != "" {
		opt.DetailsURL = github.Ptr(detailsURL)
	}
	run, _, err := c.GH.Checks.CreateCheckRun(ctx, c.Owner, c.Repo, opt)
	if err != nil {
		return err
	}
	batches := reporter.Batches(out.Annotations, reporter.AnnotationsPerRequest)
	if len(batches) == 0 {
		batches = [][]reporter.CheckAnnotation{nil}
	}
	for i, b := range batches {
		upd := github.UpdateCheckRunOptions{Name: CheckRunName, Output: &github.CheckRunOutput{
			Title: github.Ptr(out.Title), Summary: github.Ptr(out.Summary)}}
		for _, a := range b {
			ann := &github.CheckRunAnnotation{Path: github.Ptr(a.Path), StartLine: github.Ptr(a.StartLine), EndLine: github.Ptr(a.EndLine),
				AnnotationLevel: github.Ptr(a.Level), Message: github.Ptr(a.Message), Title: github.Ptr(a.Title)}
			if a.StartColumn > 0 {
				ann.StartColumn, ann.EndColumn = github.Ptr(a.StartColumn), github.Ptr(a.EndColumn)
			}
			upd.Output.Annotations = append(upd.Output.Annotations, ann)
		}
		if i == len(batches)-1 {
			upd.Status, upd.Conclusion = github.Ptr("completed"), github.Ptr(out.Conclusion)
			upd.CompletedAt = &github.Timestamp{Time: time.Now()}
		}
		if _, _, err := c.GH.Checks.UpdateCheckRun(ctx, c.Owner, c.Repo, run.GetID(), upd); err != nil {
			return err
		}
	}
	return nil
}
