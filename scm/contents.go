package scm

import (
	"context"
	"net/http"
	"path"
	"strings"

	"github.com/google/go-github/v75/github"

	"github.com/connectorlint/connectorlint/connector"
)

// LoadConnectorAt reads connector folder dir (repository-relative) as it was at ref through the
// contents API, for checkouts without the base commit. ok is false when dir has no swagger at ref.
// Symbolic links are never followed.
func (c *Client) LoadConnectorAt(ctx context.Context, ref, dir string, profile connector.Profile) (*connector.Connector, bool, error) {
	dir = strings.Trim(path.Clean("/"+dir), "/")
	_, entries, _, err := c.GH.Repositories.GetContents(ctx, c.Owner, c.Repo, dir, &github.RepositoryContentGetOptions{Ref: ref})
	if err != nil {
		if Status(err) == http.StatusNotFound {
			return nil, false, nil
		}
		return nil, false, err
	}
	files := map[string][]byte{}
	has := false
	for _, e := range entries {
		name := e.GetName()
		if e.GetType() == "dir" {
			files[name+"/.dir"] = nil
			continue
		}
		if e.GetType() != "file" || !known(name) {
			files[name] = nil
			continue
		}
		if strings.EqualFold(name, connector.SwaggerName) {
			has = true
		}
		data, _, err := c.GH.Git.GetBlobRaw(ctx, c.Owner, c.Repo, e.GetSHA())
		if err != nil {
			return nil, false, err
		}
		files[name] = data
	}
	if !has {
		return nil, false, nil
	}
	if profile == "" {
		profile = connector.ProfileFor(dir)
	}
	return connector.FromMemory(dir, profile, files), true, nil
}

func known(name string) bool {
	switch strings.ToLower(name) {
	case strings.ToLower(connector.SwaggerName), strings.ToLower(connector.PropsName), connector.ReadmeName, connector.ScriptName, connector.IconName:
		return true
	}
	return false
}
