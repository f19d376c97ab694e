// Package scm talks to GitHub for the Action: the event that started the run, the files a pull request
// or push changed (git first, the REST API as fallback), pull-request reviews with fingerprint dedupe and
// thread resolution, check runs, and connector files at a base commit. Every call goes through a
// bounded retry (5xx, secondary rate limits, Retry-After). The token is never logged.
package scm

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"
)

// Event is what connectorlint needs from the event that started the workflow run.
type Event struct {
	Name         string // pull_request, pull_request_target, push, …
	Owner, Repo  string
	Number       int    // pull request number (0 for a push)
	BaseSHA      string // pull request base, or the push's before commit ("" for a new branch)
	HeadSHA      string
	HeadRepo     string // owner/name the head commit comes from
	Fork         bool   // head repository differs from the base repository
	ChangedFiles int    // changed_files of the pull request, when GitHub tells it
}

// IsPR reports whether the event is a pull request.
func (e *Event) IsPR() bool { return e != nil && e.Number > 0 }

type eventPayload struct {
	Number      int    `json:"number"`
	Before      string `json:"before"`
	After       string `json:"after"`
	PullRequest *struct {
		Number       int `json:"number"`
		ChangedFiles int `json:"changed_files"`
		Head         struct {
			SHA  string `json:"sha"`
			Repo *struct {
				FullName string `json:"full_name"`
				Fork     bool   `json:"fork"`
			} `json:"repo"`
		} `json:"head"`
		Base struct {
			SHA  string `json:"sha"`
			Repo *struct {
				FullName string `json:"full_name"`
			} `json:"repo"`
		} `json:"base"`
	} `json:"pull_request"`
	Repository *struct {
		FullName string `json:"full_name"`
	} `json:"repository"`
}

const zeroSHA = "0000000000000000000000000000000000000000"

// ReadEvent reads GITHUB_EVENT_PATH. repository is GITHUB_REPOSITORY (owner/name), sha GITHUB_SHA.
func ReadEvent(name, path, repository, sha string) (*Event, error) {
	ev := &Event{Name: name, HeadSHA: sha}
	ev.Owner, ev.Repo, _ = strings.Cut(repository, "/")
	if path == "" {
		return ev, nil
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("reading the event file: %w", err)
	}
	var p eventPayload
	if err := json.Unmarshal(data, &p); err != nil {
		return nil, fmt.Errorf("reading the event file: %w", err)
	}
	if ev.Owner == "" && p.Repository != nil {
		ev.Owner, ev.Repo, _ = strings.Cut(p.Repository.FullName, "/")
	}
	switch {
	case p.PullRequest != nil:
		pr := p.PullRequest
		ev.Number = pr.Number
		if ev.Number == 0 {
			ev.Number = p.Number
		}
		ev.BaseSHA, ev.HeadSHA = pr.Base.SHA, pr.Head.SHA
		ev.ChangedFiles = pr.ChangedFiles
		if pr.Head.Repo != nil {
			ev.HeadRepo = pr.Head.Repo.FullName
		}
		base := ev.Owner + "/" + ev.Repo
		if pr.Base.Repo != nil && pr.Base.Repo.FullName != "" {
			base = pr.Base.Repo.FullName
		}
		ev.Fork = ev.HeadRepo != "" && !strings.EqualFold(ev.HeadRepo, base)
	case name == "push":
		if p.Before != "" && p.Before != zeroSHA {
			ev.BaseSHA = p.Before
		}
		if p.After != "" {
			ev.HeadSHA = p.After
		}
	}
	if !validSHA(ev.BaseSHA) {
		ev.BaseSHA = ""
	}
	if !validSHA(ev.HeadSHA) {
		ev.HeadSHA = ""
	}
	return ev, nil
}

// validSHA accepts hexadecimal object names only, so nothing from the event reaches git as an option.
func validSHA(s string) bool {
	if len(s) < 7 || len(s) > 64 {
		return false
	}
	for _, c := range s {
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f') {
			return false
		}
	}
	return true
}
