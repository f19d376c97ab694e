// Package gitsrc reads connectors and changes from a git repository by running the git binary
// directly (never through a shell): the connector folders as they were at a commit, the files that
// changed between two commits, and the changed line ranges of each file.
package gitsrc

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os/exec"
	"path"
	"strconv"
	"strings"
	"time"

	"github.com/connectorlint/connectorlint/connector"
)

// Timeout bounds every git call.
var Timeout = 2 * time.Minute

// Repo is a git work tree.
type Repo struct {
	Dir string
}

// ErrNoRevision means a commit is not in the local history (e.g. a shallow checkout).
var ErrNoRevision = errors.New("revision not found in the local history")

func (r Repo) git(args ...string) ([]byte, error) {
	ctx, cancel := context.WithTimeout(context.Background(), Timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, "git", append([]string{"-C", r.Dir, "-c", "core.quotepath=off"}, args...)...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		msg := strings.TrimSpace(errb.String())
		low := strings.ToLower(msg)
		if strings.Contains(low, "unknown revision") || strings.Contains(low, "bad revision") || strings.Contains(low, "invalid object name") ||
			strings.Contains(low, "bad object") || strings.Contains(low, "not a valid object name") {
			return nil, fmt.Errorf("git %s: %w", args[0], ErrNoRevision)
		}
		if msg == "" {
			msg = err.Error()
		}
		return nil, fmt.Errorf("git %s: %s", args[0], msg)
	}
	return out.Bytes(), nil
}

// HasCommit reports whether rev names a commit in the local history.
func (r Repo) HasCommit(rev string) bool {
	_, err := r.git("cat-file", "-e", rev+"^{commit}")
	return err == nil
}

// Toplevel returns the root of the work tree holding dir.
func Toplevel(dir string) (string, error) {
	out, err := Repo{Dir: dir}.git("rev-parse", "--show-toplevel")
	if err != nil {
		return "", err
	}
	return strings.TrimSpace(string(out)), nil
}

// MergeBase returns the merge base of a and b.
func (r Repo) MergeBase(a, b string) (string, error) {
	out, err := r.git("merge-base", a, b)
	if err != nil {
		return "", err
	}
	return strings.TrimSpace(string(out)), nil
}

// Status of a changed file.
type Status byte

// Statuses as git prints them.
const (
	Added    Status = 'A'
	Modified Status = 'M'
	Deleted  Status = 'D'
	Renamed  Status = 'R'
	Copied   Status = 'C'
	TypeChg  Status = 'T'
)

// Change is one changed file between two commits; paths are relative to the repository root, with
// forward slashes.
type Change struct {
	Status  Status
	Path    string // the path in the newer commit (the old path for a deletion)
	OldPath string // for renames and copies
}

// Changes lists the files that differ between base and head as `git diff --name-status base...head`
// (changes on head since the merge base) when threeDot, else base..head.
func (r Repo) Changes(base, head string, threeDot bool) ([]Change, error) {
	rng := base + ".." + head
	if threeDot {
		rng = base + "..." + head
	}
	out, err := r.git("diff", "--name-status", "-z", "--no-renames=false", "-M", rng, "--")
	if err != nil {
		// Older gits reject --no-renames=false; retry plainly.
		out, err = r.git("diff", "--name-status", "-z", "-M", rng, "--")
		if err != nil {
			return nil, err
		}
	}
	return parseNameStatus(out)
}

func parseNameStatus(out []byte) ([]Change, error) {
	fields := strings.Split(strings.TrimRight(string(out), "\x00"), "\x00")
	var cs []Change
	for i := 0; i < len(fields); {
		st := fields[i]
		if st == "" {
			i++
			continue
		}
		c := Change{Status: Status(st[0])}
		switch c.Status {
		case Renamed, Copied:
			if i+2 >= len(fields) {
				return nil, fmt.Errorf("git diff: truncated rename entry")
			}
			c.OldPath, c.Path = fields[i+1], fields[i+2]
			i += 3
		default:
			if i+1 >= len(fields) {
				return nil, fmt.Errorf("git diff: truncated entry")
			}
			c.Path = fields[i+1]
			i += 2
		}
		cs = append(cs, c)
	}
	return cs, nil
}

// LineRange is an inclusive range of 1-based lines.
type LineRange struct{ Start, End int }

// ChangedLines returns, for each file changed between base and head, the line ranges of the newer
// version that the diff adds or modifies (the lines a pull request review may comment on).
func (r Repo) ChangedLines(base, head string, threeDot bool) (map[string][]LineRange, error) {
	rng := base + ".." + head
	if threeDot {
		rng = base + "..." + head
	}
	out, err := r.git("diff", "-U0", "--no-color", "--no-ext-diff", "-M", rng, "--")
	if err != nil {
		return nil, err
	}
	return ParseHunks(out), nil
}

// ParseHunks reads a unified diff with zero context and returns the added line ranges per new path.
func ParseHunks(diff []byte) map[string][]LineRange {
	res := map[string][]LineRange{}
	cur := ""
	for _, line := range strings.Split(string(diff), "\n") {
		switch {
		case strings.HasPrefix(line, "+++ "):
			p := strings.TrimSuffix(strings.TrimPrefix(line, "+++ "), "\t") // git appends a tab to names with spaces
			p = unquote(p)
			if p == "/dev/null" {
				cur = ""
			} else {
				cur = strings.TrimPrefix(p, "b/")
			}
		case strings.HasPrefix(line, "@@ ") && cur != "":
			// @@ -a,b +c,d @@
			parts := strings.Fields(line)
			if len(parts) < 3 || !strings.HasPrefix(parts[2], "+") {
				continue
			}
			spec := strings.TrimPrefix(parts[2], "+")
			start, count := spec, "1"
			if i := strings.IndexByte(spec, ','); i >= 0 {
				start, count = spec[:i], spec[i+1:]
			}
			s, err1 := strconv.Atoi(start)
			n, err2 := strconv.Atoi(count)
			if err1 != nil || err2 != nil || n == 0 {
				continue
			}
			res[cur] = append(res[cur], LineRange{Start: s, End: s + n - 1})
		}
	}
	return res
}

func unquote(p string) string {
	if len(p) >= 2 && p[0] == '"' {
		if u, err := strconv.Unquote(p); err == nil {
			return u
		}
	}
	return p
}

// LoadConnector reads the connector folder dir (relative to the repository root, forward slashes) as
// it was at commit rev. ok is false when the folder has no swagger file at rev.
func (r Repo) LoadConnector(rev, dir string, profile connector.Profile) (c *connector.Connector, ok bool, err error) {
	dir = strings.Trim(path.Clean(strings.ReplaceAll(dir, "\\", "/")), "/")
	spec := rev + ":" + dir
	if dir == "." || dir == "" {
		spec = rev + ":"
	}
	if !r.HasCommit(rev) {
		return nil, false, fmt.Errorf("%s: %w", rev, ErrNoRevision)
	}
	out, err := r.git("ls-tree", "-z", spec)
	if err != nil {
		return nil, false, nil // no such folder at rev
	}
	files := map[string][]byte{}
	hasSwagger := false
	for _, ent := range strings.Split(strings.TrimRight(string(out), "\x00"), "\x00") {
		// "<mode> <type> <object>\t<name>"
		tab := strings.IndexByte(ent, '\t')
		if tab < 0 {
			continue
		}
		meta, name := strings.Fields(ent[:tab]), ent[tab+1:]
		if len(meta) < 3 {
			continue
		}
		if meta[1] == "tree" {
			files[name+"/.dir"] = nil
			continue
		}
		if meta[1] != "blob" || meta[0] == "120000" { // never follow symbolic links from history
			continue
		}
		if strings.EqualFold(name, connector.SwaggerName) {
			hasSwagger = true
		}
		if !isConnectorFile(name) {
			files[name] = nil // listed, not read
			continue
		}
		data, err := r.git("cat-file", "blob", meta[2])
		if err != nil {
			return nil, false, err
		}
		files[name] = data
	}
	if !hasSwagger {
		return nil, false, nil
	}
	if profile == "" {
		profile = connector.ProfileFor(dir)
	}
	return connector.FromMemory(dir, profile, files), true, nil
}

func isConnectorFile(name string) bool {
	switch strings.ToLower(name) {
	case strings.ToLower(connector.SwaggerName), strings.ToLower(connector.PropsName), connector.ReadmeName, connector.ScriptName, connector.IconName:
		return true
	}
	return false
}
