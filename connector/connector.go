package connector

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// Profile selects which rules apply, as Microsoft's pipeline does by folder.
type Profile string

// Profiles.
const (
	Certified            Profile = "certified"
	IndependentPublisher Profile = "independent-publisher"
	Custom               Profile = "custom"
)

// ParseProfile accepts a profile name.
func ParseProfile(s string) (Profile, error) {
	switch Profile(s) {
	case Certified, IndependentPublisher, Custom:
		return Profile(s), nil
	}
	return "", fmt.Errorf("unknown profile %q: use certified, independent-publisher or custom", s)
}

// Well-known file names inside a connector folder (matched case-insensitively).
const (
	SwaggerName  = "apiDefinition.swagger.json"
	PropsName    = "apiProperties.json"
	ReadmeName   = "readme.md"
	ScriptName   = "script.csx"
	IconName     = "icon.png"
	MaxFileBytes = 64 << 20 // larger files are reported, not read
)

// File is one file of a connector.
type File struct {
	Name  string // path as shown to the user
	Base  string // name inside the connector folder, as spelled on disk
	Src   []byte
	Doc   *Doc // parsed JSON (swagger and apiProperties only)
	lines *Lines
}

// Lines returns the file's line table.
func (f *File) Lines() *Lines {
	if f.lines == nil {
		f.lines = NewLines(f.Src)
		if d := f.Doc; d != nil && d.lines != nil && len(d.Src) == len(f.Src) && (len(f.Src) == 0 || &d.Src[0] == &f.Src[0]) {
			f.lines.starts = d.lines // found by the parser
		}
	}
	return f.lines
}

// Entry is one item of the connector folder listing.
type Entry struct {
	Name  string
	Dir   bool
	Size  int64
	Link  bool
	Error string // set when the entry could not be read (load issue)
}

// LoadIssue is a problem met while reading a connector folder. The engine turns each into a finding.
type LoadIssue struct {
	File    string // display path
	Message string
}

// Connector is one loaded connector folder.
type Connector struct {
	Dir     string // display path of the folder
	Name    string // folder name
	Profile Profile
	Swagger *File
	Props   *File
	Readme  *File
	Script  *File
	Icon    *File
	Entries []Entry
	Issues  []LoadIssue
	api     *API
	memo    map[string]any
}

// Memo returns the value stored under key, building it on first use: what several rules derive from
// a file that is not a JSON Doc (the readme's lines, the script's tokens, the decoded icon). Like
// Doc.Memo it needs no lock: a connector is linted by one goroutine.
func (c *Connector) Memo(key string, build func() any) any {
	v, ok := c.memo[key]
	if !ok {
		if c.memo == nil {
			c.memo = map[string]any{}
		}
		v = build()
		c.memo[key] = v
	}
	return v
}

// API returns the typed view of the swagger file, or nil when there is no swagger whose top level is
// a JSON object.
func (c *Connector) API() *API {
	if c.api == nil && c.Swagger != nil && c.Swagger.Doc != nil && c.Swagger.Doc.Kind(c.Swagger.Doc.Root) == Object {
		c.api = NewAPI(c.Swagger.Doc)
	}
	return c.api
}

// Files returns the connector's loaded files in a fixed order.
func (c *Connector) Files() []*File {
	var fs []*File
	for _, f := range c.all() {
		if f != nil {
			fs = append(fs, f)
		}
	}
	return fs
}

// all returns the connector's file slots in a fixed order (nil where no file is loaded).
func (c *Connector) all() [5]*File { return [...]*File{c.Swagger, c.Props, c.Readme, c.Script, c.Icon} }

// FileByName returns the loaded file with display path name.
func (c *Connector) FileByName(name string) *File {
	for _, f := range c.all() {
		if f != nil && f.Name == name {
			return f
		}
	}
	return nil
}

// ProfileFor infers the profile from a folder path: certified-connectors/ and
// independent-publisher-connectors/ select those profiles, anything else is custom.
func ProfileFor(dir string) Profile {
	// The last components of the absolute path are those of the cleaned path after its leading
	// "..": when one of them names the profile, the absolute path (os.Getwd, two stats) is not needed.
	parts := strings.Split(filepath.ToSlash(filepath.Clean(dir)), "/")
	for i := len(parts) - 1; i >= 0 && parts[i] != ".."; i-- {
		if p, ok := profileOfFolder(parts[i]); ok {
			return p
		}
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		abs = dir
	}
	parts = strings.Split(filepath.ToSlash(abs), "/")
	for i := len(parts) - 1; i >= 0; i-- {
		if p, ok := profileOfFolder(parts[i]); ok {
			return p
		}
	}
	return Custom
}

// profileOfFolder returns the profile a folder of this name gives the connectors below it.
func profileOfFolder(name string) (Profile, bool) {
	switch strings.ToLower(name) {
	case "certified-connectors":
		return Certified, true
	case "independent-publisher-connectors":
		return IndependentPublisher, true
	}
	return "", false
}

// LoadOptions control how a folder is read.
type LoadOptions struct {
	Profile Profile // "" infers it from the path
	// Root, when set, confines reading: a file whose real path (symlinks resolved) leaves Root is
	// reported and never opened. The GitHub Action sets it to the workspace.
	Root string
}

// Load reads the connector folder dir. Problems with individual files are recorded as Issues; Load
// itself never fails.
func Load(dir string, opt LoadOptions) *Connector {
	c := &Connector{Dir: dir, Name: filepath.Base(dir), Profile: opt.Profile}
	if c.Profile == "" {
		c.Profile = ProfileFor(dir)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		c.Issues = append(c.Issues, LoadIssue{File: dir, Message: "cannot read the connector folder: " + errText(err)})
		return c
	}
	var realRoot string
	if opt.Root != "" {
		if r, err := filepath.EvalSymlinks(opt.Root); err == nil {
			realRoot, _ = filepath.Abs(r)
		}
	}
	files := map[string][]byte{}
	for _, e := range entries {
		name := e.Name()
		path := filepath.Join(dir, name)
		ent := Entry{Name: name, Dir: e.IsDir(), Link: e.Type()&fs.ModeSymlink != 0}
		info, err := os.Stat(path) // follows links
		if err != nil {
			if ent.Link {
				ent.Error = "is a symbolic link that cannot be followed (" + errText(err) + ")"
			} else {
				ent.Error = errText(err)
			}
		} else {
			ent.Dir = info.IsDir()
			ent.Size = info.Size()
		}
		c.Entries = append(c.Entries, ent)
		if !isKnownFile(name) {
			continue
		}
		if ent.Error != "" {
			c.Issues = append(c.Issues, LoadIssue{File: path, Message: name + " " + ent.Error})
			continue
		}
		if ent.Dir {
			c.Issues = append(c.Issues, LoadIssue{File: path, Message: name + " is a directory, not a file"})
			continue
		}
		if !info.Mode().IsRegular() {
			c.Issues = append(c.Issues, LoadIssue{File: path, Message: name + " is not a regular file (" + info.Mode().Type().String() + "); it was not read"})
			continue
		}
		if realRoot != "" {
			real, err := filepath.EvalSymlinks(path)
			if err == nil {
				real, _ = filepath.Abs(real)
			}
			if err != nil || !within(realRoot, real) {
				c.Issues = append(c.Issues, LoadIssue{File: path, Message: name + " resolves outside the workspace; it was not read"})
				continue
			}
		}
		if ent.Size > MaxFileBytes {
			c.Issues = append(c.Issues, LoadIssue{File: path, Message: fmt.Sprintf("%s is %d MB, larger than the %d MB connectorlint reads", name, ent.Size>>20, MaxFileBytes>>20)})
			continue
		}
		src, err := os.ReadFile(path)
		if err != nil {
			c.Issues = append(c.Issues, LoadIssue{File: path, Message: "cannot read " + name + ": " + errText(err)})
			continue
		}
		files[name] = src
	}
	c.attach(dir, files)
	return c
}

func within(root, p string) bool {
	rel, err := filepath.Rel(root, p)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel)
}

func errText(err error) string {
	if pe, ok := err.(*fs.PathError); ok {
		return pe.Err.Error()
	}
	return err.Error()
}

func isKnownFile(name string) bool {
	switch strings.ToLower(name) {
	case strings.ToLower(SwaggerName), strings.ToLower(PropsName), ReadmeName, ScriptName, IconName:
		return true
	}
	return false
}

// FromMemory builds a connector from in-memory files keyed by their names inside the folder. Tests and
// fuzzing use it; Entries lists the files.
func FromMemory(dir string, profile Profile, files map[string][]byte) *Connector {
	c := &Connector{Dir: dir, Name: filepath.Base(dir), Profile: profile}
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	top := map[string][]byte{}
	seenDir := map[string]bool{}
	for _, n := range names {
		if i := strings.IndexByte(n, '/'); i >= 0 {
			if !seenDir[n[:i]] {
				seenDir[n[:i]] = true
				c.Entries = append(c.Entries, Entry{Name: n[:i], Dir: true})
				if isKnownFile(n[:i]) {
					c.Issues = append(c.Issues, LoadIssue{File: joinDisplay(dir, n[:i]), Message: n[:i] + " is a directory, not a file"})
				}
			}
			continue
		}
		c.Entries = append(c.Entries, Entry{Name: n, Size: int64(len(files[n]))})
		if isKnownFile(n) {
			top[n] = files[n]
		}
	}
	c.attach(dir, top)
	return c
}

func (c *Connector) attach(dir string, files map[string][]byte) {
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		f := &File{Name: joinDisplay(dir, n), Base: n, Src: files[n]}
		slot := &c.Icon
		switch strings.ToLower(n) {
		case strings.ToLower(SwaggerName):
			slot = &c.Swagger
			f.Doc = Parse(f.Name, f.Src)
		case strings.ToLower(PropsName):
			slot = &c.Props
			f.Doc = Parse(f.Name, f.Src)
		case ReadmeName:
			slot = &c.Readme
		case ScriptName:
			slot = &c.Script
		}
		if *slot != nil {
			c.Issues = append(c.Issues, LoadIssue{File: f.Name, Message: fmt.Sprintf("%s and %s differ only in letter case; only %s is linted", (*slot).Base, n, (*slot).Base)})
			continue
		}
		*slot = f
	}
}

func joinDisplay(dir, name string) string {
	if dir == "" || dir == "." {
		return name
	}
	return filepath.ToSlash(filepath.Join(dir, name))
}

// IsConnectorDir reports whether dir holds a swagger file (or something named like one).
func IsConnectorDir(dir string) bool {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return false
	}
	for _, e := range entries {
		if strings.EqualFold(e.Name(), SwaggerName) {
			return true
		}
	}
	return false
}

// Discover turns command-line paths into connector folders. A path may be a file of a connector, a
// connector folder, or a tree that holds connector folders at any depth. Symbolic links to folders are
// not followed while walking a tree. Paths that hold no connector are returned as errors.
func Discover(paths []string) (dirs []string, errs []error) {
	seen := map[string]bool{}
	add := func(d string) {
		d = filepath.Clean(d)
		if !seen[d] {
			seen[d] = true
			dirs = append(dirs, d)
		}
	}
	for _, p := range paths {
		info, err := os.Stat(p)
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: %s", p, errText(err)))
			continue
		}
		if !info.IsDir() {
			dir := filepath.Dir(p)
			if IsConnectorDir(dir) {
				add(dir)
			} else {
				errs = append(errs, fmt.Errorf("%s: not part of a connector (no %s beside it)", p, SwaggerName))
			}
			continue
		}
		found := false
		walkErr := filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				if path == p {
					return err
				}
				errs = append(errs, fmt.Errorf("%s: %s", path, errText(err)))
				return nil
			}
			if d.IsDir() {
				if strings.EqualFold(d.Name(), SwaggerName) {
					add(filepath.Dir(path))
					found = true
					return filepath.SkipDir
				}
				if path != p && (strings.HasPrefix(d.Name(), ".") || d.Name() == "node_modules") {
					return filepath.SkipDir
				}
				return nil
			}
			if strings.EqualFold(d.Name(), SwaggerName) {
				add(filepath.Dir(path))
				found = true
			}
			return nil
		})
		if walkErr != nil {
			errs = append(errs, fmt.Errorf("%s: %s", p, errText(walkErr)))
		} else if !found {
			errs = append(errs, fmt.Errorf("%s: no connector found (no %s in this folder or below it)", p, SwaggerName))
		}
	}
	sort.Strings(dirs)
	return dirs, errs
}

// Release drops what linting derived from the files: the typed view and the values rules memoised
// (decoded icon, readme scan, script tokens…). Call it once the findings are resolved.
func (c *Connector) Release() { c.api, c.memo = nil, nil }

// DropText drops the file's bytes and its line table, for a file no report will show.
func (f *File) DropText() { f.Src, f.lines = nil, nil }
