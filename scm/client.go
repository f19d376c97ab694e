package scm

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/google/go-github/v75/github"
)

// Client is a GitHub client for one repository.
type Client struct {
	GH          *github.Client
	Owner, Repo string
	GraphQLURL  string
	http        *http.Client
	token       string
}

// Retry bounds the retries of every call.
type Retry struct {
	Attempts int           // total tries per request (default 4)
	Unit     time.Duration // backoff base and the unit of Retry-After seconds (default 1s; tests shorten it)
	MaxWait  time.Duration // longest single wait (default 60 units); longer waits are not attempted
}

// New returns a client for apiURL (GITHUB_API_URL: https://api.github.com, or https://HOST/api/v3 on
// GitHub Enterprise Server).
func New(apiURL, token, owner, repo string, r Retry) (*Client, error) {
	if r.Attempts <= 0 {
		r.Attempts = 4
	}
	if r.Unit <= 0 {
		r.Unit = time.Second
	}
	if r.MaxWait <= 0 {
		r.MaxWait = 60 * r.Unit
	}
	base, err := url.Parse(strings.TrimRight(apiURL, "/") + "/")
	if err != nil || base.Scheme == "" || base.Host == "" {
		return nil, fmt.Errorf("GITHUB_API_URL %q is not a URL", apiURL)
	}
	hc := &http.Client{Timeout: 60 * time.Second, Transport: &retryTransport{base: http.DefaultTransport, r: r, sleep: time.Sleep}}
	gh := github.NewClient(hc)
	if token != "" {
		gh = gh.WithAuthToken(token)
	}
	gh.BaseURL = base
	gh.UploadURL = base
	gh.DisableRateLimitCheck = true // retryTransport waits, bounded; go-github would refuse locally instead
	return &Client{GH: gh, Owner: owner, Repo: repo, GraphQLURL: GraphQLURL(apiURL), http: hc, token: token}, nil
}

// GraphQLURL derives the GraphQL endpoint from the REST one: https://api.github.com →
// https://api.github.com/graphql; https://HOST/api/v3 → https://HOST/api/graphql.
func GraphQLURL(apiURL string) string {
	u := strings.TrimRight(apiURL, "/")
	if strings.HasSuffix(u, "/api/v3") {
		return strings.TrimSuffix(u, "/v3") + "/graphql"
	}
	return u + "/graphql"
}

// Redact removes the token from s (defence in depth: no message is built from it).
func (c *Client) Redact(s string) string {
	if c == nil || len(c.token) < 4 {
		return s
	}
	return strings.ReplaceAll(s, c.token, "***")
}

// Err makes an error safe to print: the token redacted, GitHub's message kept short.
func (c *Client) Err(err error) string {
	if err == nil {
		return ""
	}
	var er *github.ErrorResponse
	if errors.As(err, &er) && er.Response != nil {
		return c.Redact(fmt.Sprintf("%s %s: HTTP %d: %s", er.Response.Request.Method, er.Response.Request.URL.Path, er.Response.StatusCode, er.Message))
	}
	return c.Redact(err.Error())
}

// Status returns the HTTP status of a failed call, or 0.
func Status(err error) int {
	var er *github.ErrorResponse
	if errors.As(err, &er) && er.Response != nil {
		return er.Response.StatusCode
	}
	var ar *github.AbuseRateLimitError
	if errors.As(err, &ar) && ar.Response != nil {
		return ar.Response.StatusCode
	}
	var rr *github.RateLimitError
	if errors.As(err, &rr) && rr.Response != nil {
		return rr.Response.StatusCode
	}
	var ge *graphQLError
	if errors.As(err, &ge) {
		return ge.status
	}
	return 0
}

// IsForbidden reports whether err means the token may not do this (403 that is not a rate limit, or
// 404, which GitHub answers for resources the token cannot see).
func IsForbidden(err error) bool {
	var ar *github.AbuseRateLimitError
	var rr *github.RateLimitError
	if errors.As(err, &ar) || errors.As(err, &rr) {
		return false
	}
	s := Status(err)
	return s == http.StatusForbidden || s == http.StatusNotFound
}

// retryTransport retries 5xx answers, network errors, 429 and secondary rate limits with exponential
// backoff, honouring Retry-After and X-RateLimit-Reset, and never waiting longer than MaxWait at once.
type retryTransport struct {
	base  http.RoundTripper
	r     Retry
	sleep func(time.Duration)
}

func (t *retryTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	for attempt := 1; ; attempt++ {
		if attempt > 1 && req.Body != nil {
			if req.GetBody == nil {
				return nil, errors.New("cannot retry a request whose body cannot be replayed")
			}
			body, err := req.GetBody()
			if err != nil {
				return nil, err
			}
			req = req.Clone(req.Context())
			req.Body = body
		}
		resp, err := t.base.RoundTrip(req)
		if attempt >= t.r.Attempts {
			return resp, err
		}
		wait, retry := t.decide(resp, err, attempt)
		if !retry {
			return resp, err
		}
		if resp != nil {
			io.Copy(io.Discard, io.LimitReader(resp.Body, 1<<20))
			resp.Body.Close()
		}
		select {
		case <-req.Context().Done():
			return nil, req.Context().Err()
		default:
		}
		t.sleep(wait)
	}
}

func (t *retryTransport) backoff(attempt int) time.Duration {
	return min(time.Duration(math.Pow(2, float64(attempt-1)))*t.r.Unit, t.r.MaxWait)
}

func (t *retryTransport) decide(resp *http.Response, err error, attempt int) (time.Duration, bool) {
	if err != nil {
		return t.backoff(attempt), true
	}
	switch resp.StatusCode {
	case http.StatusInternalServerError, http.StatusBadGateway, http.StatusServiceUnavailable, http.StatusGatewayTimeout:
		return t.retryAfter(resp, attempt)
	case http.StatusTooManyRequests:
		return t.retryAfter(resp, attempt)
	case http.StatusForbidden:
		if resp.Header.Get("Retry-After") != "" {
			return t.retryAfter(resp, attempt)
		}
		if resp.Header.Get("X-RateLimit-Remaining") == "0" {
			reset, _ := strconv.ParseInt(resp.Header.Get("X-RateLimit-Reset"), 10, 64)
			wait := time.Until(time.Unix(reset, 0))
			if wait > t.r.MaxWait {
				return 0, false
			}
			return max(wait, t.r.Unit), true
		}
		// A secondary rate limit without Retry-After: GitHub asks to wait at least a minute; we back off
		// within our bound. The body is read and put back for go-github to parse if we give up.
		body, _ := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
		resp.Body.Close()
		resp.Body = io.NopCloser(bytes.NewReader(body))
		if bytes.Contains(bytes.ToLower(body), []byte("secondary rate limit")) {
			return t.backoff(attempt + 2), true
		}
	}
	return 0, false
}

func (t *retryTransport) retryAfter(resp *http.Response, attempt int) (time.Duration, bool) {
	if s := resp.Header.Get("Retry-After"); s != "" {
		if n, err := strconv.Atoi(strings.TrimSpace(s)); err == nil && n >= 0 {
			wait := time.Duration(n) * t.r.Unit
			if wait > t.r.MaxWait {
				return 0, false
			}
			return wait, true
		}
	}
	return t.backoff(attempt), true
}

// graphQLError is a GraphQL call that failed (HTTP status or errors in the answer).
type graphQLError struct {
	status int
	msg    string
}

func (e *graphQLError) Error() string { return "GraphQL: " + e.msg }

// graphQL posts a query and decodes data into out.
func (c *Client) graphQL(ctx context.Context, query string, vars map[string]any, out any) error {
	body, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.GraphQLURL, bytes.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+c.token)
	resp, err := c.http.Do(req)
	if err != nil {
		return &graphQLError{msg: c.Redact(err.Error())}
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(io.LimitReader(resp.Body, 16<<20))
	if resp.StatusCode != http.StatusOK {
		return &graphQLError{status: resp.StatusCode, msg: fmt.Sprintf("HTTP %d", resp.StatusCode)}
	}
	var r struct {
		Data   json.RawMessage `json:"data"`
		Errors []struct {
			Type    string `json:"type"`
			Message string `json:"message"`
		} `json:"errors"`
	}
	if err := json.Unmarshal(data, &r); err != nil {
		return &graphQLError{status: resp.StatusCode, msg: "unreadable answer"}
	}
	if len(r.Errors) > 0 {
		st := 0
		if r.Errors[0].Type == "FORBIDDEN" || strings.Contains(r.Errors[0].Message, "not accessible") {
			st = http.StatusForbidden
		}
		return &graphQLError{status: st, msg: c.Redact(r.Errors[0].Message)}
	}
	return json.Unmarshal(r.Data, out)
}
