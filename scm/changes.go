package scm

import (
	"context"
	"errors"
	"fmt"
	"os/exec"
	"strconv"
	"strings"

	"github.com/google/go-github/v75/github"

	"github.com/connectorlint/connectorlint/internal/gitsrc"
	"github.com/connectorlint/connectorlint/reporter"
)

// MaxAPIFiles is the most files GitHub's pull-request files endpoint lists.
const MaxAPIFiles = 3000

// ChangeSet is what a pull request or push changed.
type ChangeSet struct {
	Files     []gitsrc.Change
	Lines     reporter.DiffLines // added or changed lines of the new versions
	Source    string             // "git" or "api"
	Truncated bool               // the API listed fewer files than changed
	Note      string             // why git was not used, or what was left out
}

// Changes finds what ev changed: from git when the checkout holds both commits (`git diff
// --name-status base...head`), else from the REST API (paginated, at most MaxAPIFiles files).
func Changes(ctx context.Context, repo gitsrc.Repo, ev *Event, c *Client) (*ChangeSet, error) {
	if ev.BaseSHA == "" || ev.HeadSHA == "" {
		return nil, errors.New("the event names no base commit to compare with")
	}
	threeDot := ev.IsPR()
	var note string
	if _, err := exec.LookPath("git"); err != nil {
		note = "git is not installed here"
	} else if !repo.HasCommit(ev.BaseSHA) || !repo.HasCommit(ev.HeadSHA) {
		note = "the checkout does not hold the base commit (use actions/checkout with fetch-depth: 0)"
	} else {
		files, err := repo.Changes(ev.BaseSHA, ev.HeadSHA, threeDot)
		if err == nil {
			var lines map[string][]gitsrc.LineRange
			if lines, err = repo.ChangedLines(ev.BaseSHA, ev.HeadSHA, threeDot); err == nil {
				cs := &ChangeSet{Files: files, Lines: reporter.DiffLines{}, Source: "git"}
				for p, rs := range lines {
					for _, r := range rs {
						cs.Lines[p] = append(cs.Lines[p], reporter.LineRange{Start: r.Start, End: r.End})
					}
				}
				return cs, nil
			}
		}
		note = "git diff failed: " + err.Error()
	}
	if c == nil {
		return nil, fmt.Errorf("cannot list the changed files: %s, and there is no GitHub token for the API", note)
	}
	var cs *ChangeSet
	var err error
	if ev.IsPR() {
		cs, err = c.PullRequestFiles(ctx, ev.Number)
	} else {
		cs, err = c.CompareFiles(ctx, ev.BaseSHA, ev.HeadSHA)
	}
	if err != nil {
		return nil, fmt.Errorf("cannot list the changed files (%s): %s", note, c.Err(err))
	}
	if ev.ChangedFiles > len(cs.Files) {
		cs.Truncated = true
	}
	cs.Note = note
	return cs, nil
}

// PullRequestFiles lists a pull request's files through the paginated files endpoint (the diff
// endpoint refuses pull requests over 300 files).
func (c *Client) PullRequestFiles(ctx context.Context, number int) (*ChangeSet, error) {
	cs := &ChangeSet{Lines: reporter.DiffLines{}, Source: "api"}
	opt := &github.ListOptions{PerPage: 100}
	for {
		files, resp, err := c.GH.PullRequests.ListFiles(ctx, c.Owner, c.Repo, number, opt)
		if err != nil {
			return nil, err
		}
		cs.add(files)
		if resp.NextPage == 0 {
			break
		}
		if len(cs.Files) >= MaxAPIFiles {
			cs.Truncated = true
			break
		}
		opt.Page = resp.NextPage
	}
	return cs, nil
}

// CompareFiles lists the files changed between two commits (push events).
func (c *Client) CompareFiles(ctx context.Context, base, head string) (*ChangeSet, error) {
	cs := &ChangeSet{Lines: reporter.DiffLines{}, Source: "api"}
	opt := &github.ListOptions{PerPage: 100}
	for {
		cmp, resp, err := c.GH.Repositories.CompareCommits(ctx, c.Owner, c.Repo, base, head, opt)
		if err != nil {
			return nil, err
		}
		cs.add(cmp.Files)
		if resp.NextPage == 0 || len(cmp.Files) == 0 {
			break
		}
		if len(cs.Files) >= MaxAPIFiles {
			cs.Truncated = true
			break
		}
		opt.Page = resp.NextPage
	}
	return cs, nil
}

func (cs *ChangeSet) add(files []*github.CommitFile) {
	for _, f := range files {
		ch := gitsrc.Change{Path: f.GetFilename(), OldPath: f.GetPreviousFilename()}
		switch f.GetStatus() {
		case "added":
			ch.Status = gitsrc.Added
		case "removed":
			ch.Status = gitsrc.Deleted
		case "renamed":
			ch.Status = gitsrc.Renamed
		case "copied":
			ch.Status = gitsrc.Copied
		case "changed":
			ch.Status = gitsrc.TypeChg
		default:
			ch.Status = gitsrc.Modified
		}
		cs.Files = append(cs.Files, ch)
		if rs := PatchLines(f.GetPatch()); len(rs) > 0 {
			cs.Lines[ch.Path] = rs
		}
	}
}

// PatchLines returns the added lines of a unified-diff patch as GitHub's files endpoint gives it (hunks
// with context), as ranges of new-file line numbers.
func PatchLines(patch string) []reporter.LineRange {
	var out []reporter.LineRange
	line := 0
	for _, l := range strings.Split(patch, "\n") {
		switch {
		case strings.HasPrefix(l, "@@"):
			// @@ -a,b +c,d @@
			parts := strings.Fields(l)
			line = 0
			if len(parts) >= 3 && strings.HasPrefix(parts[2], "+") {
				s, _, _ := strings.Cut(strings.TrimPrefix(parts[2], "+"), ",")
				line, _ = strconv.Atoi(s)
			}
		case line == 0:
		case strings.HasPrefix(l, "+"):
			if n := len(out); n > 0 && out[n-1].End == line-1 {
				out[n-1].End = line
			} else {
				out = append(out, reporter.LineRange{Start: line, End: line})
			}
			line++
		case strings.HasPrefix(l, "-"), strings.HasPrefix(l, "\\"):
		default:
			line++
		}
	}
	return out
}
