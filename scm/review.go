package scm

import (
	"context"
	"net/http"
	"strings"

	"github.com/google/go-github/v75/github"

	"github.com/connectorlint/connectorlint/reporter"
)

// PostedComment is a review comment connectorlint posted earlier (it carries a fingerprint marker).
type PostedComment struct {
	ID          int64
	Fingerprint string
	Body        string
	Fixed       bool // already marked fixed
}

// Posted is what earlier runs reported on a pull request.
type Posted struct {
	Comments     []PostedComment
	Fingerprints map[string]bool // fingerprints of open comments and of review-body entries
}

// Posted lists the pull request's review comments and reviews (all pages) and collects connectorlint's
// fingerprint markers.
func (c *Client) Posted(ctx context.Context, number int) (*Posted, error) {
	p := &Posted{Fingerprints: map[string]bool{}}
	copt := &github.PullRequestListCommentsOptions{ListOptions: github.ListOptions{PerPage: 100}}
	for {
		cs, resp, err := c.GH.PullRequests.ListComments(ctx, c.Owner, c.Repo, number, copt)
		if err != nil {
			return nil, err
		}
		for _, cm := range cs {
			fps := reporter.Markers(cm.GetBody())
			if len(fps) == 0 {
				continue
			}
			pc := PostedComment{ID: cm.GetID(), Fingerprint: fps[0], Body: cm.GetBody(), Fixed: strings.Contains(cm.GetBody(), reporter.FixedMarker)}
			p.Comments = append(p.Comments, pc)
			if !pc.Fixed {
				p.Fingerprints[pc.Fingerprint] = true
			}
		}
		if resp.NextPage == 0 {
			break
		}
		copt.Page = resp.NextPage
	}
	ropt := &github.ListOptions{PerPage: 100}
	for {
		rs, resp, err := c.GH.PullRequests.ListReviews(ctx, c.Owner, c.Repo, number, ropt)
		if err != nil {
			return nil, err
		}
		for _, r := range rs {
			for _, fp := range reporter.Markers(r.GetBody()) {
				p.Fingerprints[fp] = true
			}
		}
		if resp.NextPage == 0 {
			break
		}
		ropt.Page = resp.NextPage
	}
	return p, nil
}

// CreateReview posts rv as one COMMENT review on commit.
func (c *Client) CreateReview(ctx context.Context, number int, commit string, rv *reporter.Review) error {
	req := &github.PullRequestReviewRequest{CommitID: github.Ptr(commit), Body: github.Ptr(rv.Body), Event: github.Ptr("COMMENT")}
	for _, cm := range rv.Comments {
		d := &github.DraftReviewComment{Path: github.Ptr(cm.Path), Line: github.Ptr(cm.Line), Side: github.Ptr("RIGHT"), Body: github.Ptr(cm.Body)}
		if cm.StartLine > 0 {
			d.StartLine, d.StartSide = github.Ptr(cm.StartLine), github.Ptr("RIGHT")
		}
		req.Comments = append(req.Comments, d)
	}
	_, _, err := c.GH.PullRequests.CreateReview(ctx, c.Owner, c.Repo, number, req)
	return err
}

// IsUnprocessable reports a 422 (for a review: a comment line that is not part of GitHub's diff).
func IsUnprocessable(err error) bool { return Status(err) == http.StatusUnprocessableEntity }

const threadsQuery = `query($owner: String!, $repo: String!, $number: Int!, $cursor: String) {
  repository(owner: $owner, name: $repo) {
    pullRequest(number: $number) {
      reviewThreads(first: 100, after: $cursor) {
        pageInfo { hasNextPage endCursor }
        nodes { id isResolved comments(first: 1) { nodes { databaseId } } }
      }
    }
  }
}`

const resolveMutation = `mutation($id: ID!) { resolveReviewThread(input: {threadId: $id}) { thread { id isResolved } } }`

// Resolve marks the comments whose findings are gone: their threads are resolved (GraphQL
// resolveReviewThread) and each comment is edited to say it was fixed at commit. Where resolving is not
// permitted, the edit alone says so. Comments are never deleted.
func (c *Client) Resolve(ctx context.Context, number int, gone []PostedComment, commit string) (resolved, edited int, err error) {
	if len(gone) == 0 {
		return 0, 0, nil
	}
	threads := map[int64]string{} // first comment ID → open thread ID
	var resolveErr error
	vars := map[string]any{"owner": c.Owner, "repo": c.Repo, "number": number}
	for {
		var out struct {
			Repository struct {
				PullRequest struct {
					ReviewThreads struct {
						PageInfo struct {
							HasNextPage bool   `json:"hasNextPage"`
							EndCursor   string `json:"endCursor"`
						} `json:"pageInfo"`
						Nodes []struct {
							ID         string `json:"id"`
							IsResolved bool   `json:"isResolved"`
							Comments   struct {
								Nodes []struct {
									DatabaseID int64 `json:"databaseId"`
								} `json:"nodes"`
							} `json:"comments"`
						} `json:"nodes"`
					} `json:"reviewThreads"`
				} `json:"pullRequest"`
			} `json:"repository"`
		}
		if resolveErr = c.graphQL(ctx, threadsQuery, vars, &out); resolveErr != nil {
			break
		}
		rt := out.Repository.PullRequest.ReviewThreads
		for _, n := range rt.Nodes {
			if !n.IsResolved && len(n.Comments.Nodes) > 0 {
				threads[n.Comments.Nodes[0].DatabaseID] = n.ID
			}
		}
		if !rt.PageInfo.HasNextPage {
			break
		}
		vars["cursor"] = rt.PageInfo.EndCursor
	}
	for _, g := range gone {
		if id, ok := threads[g.ID]; ok && resolveErr == nil {
			var out struct{}
			if e := c.graphQL(ctx, resolveMutation, map[string]any{"id": id}, &out); e != nil {
				resolveErr = e
			} else {
				resolved++
			}
		}
		body := strings.TrimRight(g.Body, "\n") + "\n\n**Fixed** at " + shortSHA(commit) + ": connectorlint no longer reports this. " + reporter.FixedMarker
		if _, _, e := c.GH.PullRequests.EditComment(ctx, c.Owner, c.Repo, g.ID, &github.PullRequestComment{Body: github.Ptr(body)}); e != nil {
			if err == nil {
				err = e
			}
			continue
		}
		edited++
	}
	if err == nil && resolveErr != nil && !IsForbidden(resolveErr) {
		err = resolveErr
	}
	return resolved, edited, err
}

func shortSHA(s string) string {
	if len(s) > 12 {
		return s[:12]
	}
	return s
}
