package rules

import (
	"cmp"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/connectorlint/connectorlint/connector"
)

// Path rules: the keys of /paths (rules-catalog.md §2.4, S-VAL OperationPath*).

// opPathEntry is one member of /paths.
type opPathEntry struct {
	path string
	node connector.NodeID // the path item (its key is the path)
}

// opPaths returns the members of /paths in file order (shared: do not modify).
func opPaths(a *connector.API) []opPathEntry {
	return a.Memo("op.paths", func() any {
		var out []opPathEntry
		for k, n := range a.Members(a.Get(a.Root, "paths")) {
			out = append(out, opPathEntry{k, n})
		}
		return out
	}).([]opPathEntry)
}

// Source: S-VAL OperationPathMustStartWithSlash.
var operationPathStartsWithSlashRule = &Rule{
	ID: "operation-path-starts-with-slash", Code: "OperationPathMustStartWithSlash", Severity: Error, Category: "operations", Inputs: Swagger,
	Doc: Doc{
		Title:    "Paths start with '/'",
		Why:      "Swagger 2.0 path keys are relative to basePath and must begin with '/'; Microsoft's validator rejects any other path, and every merged connector follows it.",
		HowToFix: "Add the leading slash: \"items/{id}\" becomes \"/items/{id}\".",
		Source:   opSVAL + " (OperationPathMustStartWithSlash); " + opCatalog,
	},
	Check: checkOperationPathStartsWithSlash,
}

func checkOperationPathStartsWithSlash(p *Pass) error {
	for _, e := range opPaths(p.API) {
		if strings.HasPrefix(e.path, "x-") || strings.HasPrefix(e.path, "/") {
			continue
		}
		p.SwaggerKey(e.node, "path %q does not start with '/'; write %q", e.path, "/"+e.path)
	}
	return nil
}

// Source: S-VAL OperationPathMayNotContainQueryOrFragment.
var operationPathNoQueryOrFragmentRule = &Rule{
	ID: "operation-path-no-query-or-fragment", Code: "OperationPathMayNotContainQueryOrFragment", Severity: Error, Category: "operations", Inputs: Swagger,
	Doc: Doc{
		Title:    "Paths contain no query string or fragment",
		Why:      "A path key is only the path part of the URL: Microsoft's validator rejects '?' and '#' in it. Query values belong in query parameters; a literal '?' or '#' in a path segment must be URL-encoded (%3F, %23). No merged connector has one.",
		HowToFix: "Move the query part into parameters with \"in\": \"query\" (give a fixed value a default and x-ms-visibility internal), or URL-encode the character.",
		Source:   opSVAL + " (OperationPathMayNotContainQueryOrFragment); " + opCatalog,
	},
	Check: checkOperationPathNoQueryOrFragment,
}

func checkOperationPathNoQueryOrFragment(p *Pass) error {
	for _, e := range opPaths(p.API) {
		if i := strings.IndexAny(e.path, "?#"); i >= 0 && !strings.HasPrefix(e.path, "x-") {
			p.SwaggerKey(e.node, "path %q contains %q; move the query or fragment into parameters, or URL-encode the character", e.path, string(e.path[i]))
		}
	}
	return nil
}

// Source: S-VAL OperationPathContainsUnsupportedCharacters.
var operationPathNoWildcardRule = &Rule{
	ID: "operation-path-no-wildcard", Code: "OperationPathContainsUnsupportedCharacters", Severity: Error, Category: "operations", Inputs: Swagger,
	Doc: Doc{
		Title:    "Paths contain no '*' wildcard",
		Why:      "Microsoft's validator rejects the wildcard character '*' in a path; an operation maps to one URL template, not a pattern. No merged connector has one.",
		HowToFix: "Replace the wildcard by a path template variable such as {path} with a matching \"in\": \"path\" parameter.",
		Source:   opSVAL + " (OperationPathContainsUnsupportedCharacters); " + opCatalog,
	},
	Check: checkOperationPathNoWildcard,
}

func checkOperationPathNoWildcard(p *Pass) error {
	for _, e := range opPaths(p.API) {
		if strings.Contains(e.path, "*") && !strings.HasPrefix(e.path, "x-") {
			p.SwaggerKey(e.node, "path %q contains the wildcard '*'; use a template variable such as {path} instead", e.path)
		}
	}
	return nil
}

// opTemplateProblem describes what is wrong with the template variables of path, or "" when they
// are well formed; dflt is true when the problem is a default value set with '='.
func opTemplateProblem(path string) (msg string, dflt bool) {
	open := -1
	for i := 0; i < len(path); i++ {
		switch path[i] {
		case '{':
			if open >= 0 {
				return "opens '{' inside another template variable", false
			}
			open = i
		case '}':
			if open < 0 {
				return "has a '}' that closes no template variable", false
			}
			name := path[open+1 : i]
			if name == "" {
				return "has an empty template variable {}", false
			}
			if strings.Contains(name, "=") {
				return "sets a default value in template variable {" + name + "}", true
			}
			open = -1
		case '/':
			if open >= 0 {
				return "has a template variable that spans more than one segment", false
			}
		}
	}
	if open >= 0 {
		return "has a '{' that is never closed", false
	}
	return "", false
}

// Source: S-VAL OperationPathTemplateNotValid, OperationPathVariablesContainDefaults.
var operationPathTemplateValidRule = &Rule{
	ID: "operation-path-template-valid", Code: "OperationPathTemplateNotValid", Severity: Error, Category: "operations", Inputs: Swagger,
	Doc: Doc{
		Title:    "Path template variables are well formed",
		Why:      "Each {variable} of a path must open and close within one URL segment, and a brace that is not part of a variable must be URL-encoded (%7B, %7D); Microsoft's validator rejects other paths (OperationPathTemplateNotValid). It also rejects a default value written into the template, such as {format=json} (OperationPathVariablesContainDefaults, reported by this rule too). Empty variables {} are reported as well.",
		HowToFix: "Close the variable within its segment, URL-encode literal braces, and set defaults on the path parameter instead of in the template.",
		Source:   opSVAL + " (OperationPathTemplateNotValid, OperationPathVariablesContainDefaults); " + opCatalog,
	},
	Check: checkOperationPathTemplateValid,
}

func checkOperationPathTemplateValid(p *Pass) error {
	for _, e := range opPaths(p.API) {
		if strings.HasPrefix(e.path, "x-") {
			continue
		}
		msg, dflt := opTemplateProblem(e.path)
		switch {
		case msg == "":
		case dflt:
			p.SwaggerKey(e.node, "path %q %s; remove the '=' part and give the parameter a default instead", e.path, msg)
		default:
			p.SwaggerKey(e.node, "path %q %s; keep each {variable} within one segment and URL-encode literal braces", e.path, msg)
		}
	}
	return nil
}

// opTemplate is a parsed, valid path template of an operation.
type opTemplate struct {
	op   *connector.Operation // in a.Ops
	segs []string
	info []opSegInfo // per segment
	norm string      // lower case, variables replaced by {}
}

// opSegInfo is what opShadows needs of a template segment, worked out once.
type opSegInfo struct {
	hasVar bool   // opSegVar
	plain  bool   // ASCII without a line break: opGlobMatch applies when it is the value
	glob   opGlob // opSegGlob, for a segment with a variable
	norm   string // opReplaceVars, for a segment with a variable
}

var opVarRe = regexp.MustCompile(`\{[^{}/]*\}`)

// opNextVar returns the bounds of the first match of opVarRe in s[from:], as offsets in s, or -1, -1.
func opNextVar(s string, from int) (start, end int) {
	for i := from; i < len(s); i++ {
		if s[i] != '{' {
			continue
		}
		j := i + 1
		for j < len(s) && s[j] != '{' && s[j] != '}' && s[j] != '/' {
			j++
		}
		if j < len(s) && s[j] == '}' {
			return i, j + 1
		}
	}
	return -1, -1
}

// opReplaceVars is opVarRe.ReplaceAllString(s, "{}") without the regexp engine.
func opReplaceVars(s string) string {
	i, j := opNextVar(s, 0)
	if i < 0 {
		return s
	}
	var b strings.Builder
	last := 0
	for ; i >= 0; i, j = opNextVar(s, j) {
		b.WriteString(s[last:i])
		b.WriteString("{}")
		last = j
	}
	b.WriteString(s[last:])
	return b.String()
}

// opTemplates returns the operations whose path is a valid template, parsed (shared: do not modify).
func opTemplates(a *connector.API) []opTemplate {
	return a.Memo("op.templates", func() any { return opTemplatesOnce(a) }).([]opTemplate)
}

func opTemplatesOnce(a *connector.API) []opTemplate {
	// The segments and their infos of all the templates share two arrays, sized for every path
	// that starts with '/' (a path of n slashes has n segments); the texts worked out (the
	// templates' norm, the variable segments' norm and glob) are written into one buffer and cut
	// from it once it is a string. The operations of a path item come one after the other in
	// a.Ops and share their path: the template of the first serves the others.
	n, size := 0, 0
	for i := range a.Ops {
		if p := a.Ops[i].Path; strings.HasPrefix(p, "/") && (i == 0 || p != a.Ops[i-1].Path) {
			n += strings.Count(p, "/")
			size += 2 * len(p) // the norm of the path and of its variable segments, with their globs
		}
	}
	out := make([]opTemplate, 0, len(a.Ops))
	allSegs := make([]string, 0, n)
	allInfo := make([]opSegInfo, n)
	type span struct{ lo, hi int32 }
	spans := make([]span, 0, 2*len(a.Ops)) // in order: each template's norm, then its variable segments' glob and norm
	buf := make([]byte, 0, size)
	cut := func(from int) { spans = append(spans, span{int32(from), int32(len(buf))}) }
	for i := range a.Ops {
		op := &a.Ops[i]
		if !strings.HasPrefix(op.Path, "/") {
			continue
		}
		if k := len(out) - 1; k >= 0 && out[k].op.Path == op.Path {
			t := out[k]
			t.op = op
			out = append(out, t)
			continue
		}
		if msg, _ := opTemplateProblem(op.Path); msg != "" {
			continue
		}
		plain := isASCII(op.Path)                            // then every segment is too
		vars := strings.IndexByte(op.Path, '{') >= 0         // else no segment has a variable
		nl := plain && strings.IndexByte(op.Path, '\n') >= 0 // for a plain path, whether a segment may hold a line break
		from := len(buf)
		if plain {
			buf = opAppendVars(buf, op.Path, true)
		} else {
			buf = append(buf, strings.ToLower(opReplaceVars(op.Path))...)
		}
		cut(from)
		lo := len(allSegs)
		for rest := op.Path[1:]; ; { // strings.Split(op.Path[1:], "/")
			j := strings.IndexByte(rest, '/')
			if j < 0 {
				allSegs = append(allSegs, rest)
				break
			}
			allSegs = append(allSegs, rest[:j])
			rest = rest[j+1:]
		}
		hi := len(allSegs)
		segs, info := allSegs[lo:hi:hi], allInfo[lo:hi:hi]
		for i, seg := range segs {
			in := &info[i]
			in.hasVar = vars && opSegVar(seg)
			if plain {
				in.plain = !nl || !strings.Contains(seg, "\n")
			} else {
				in.plain = isASCII(seg) && !strings.Contains(seg, "\n")
			}
			if in.hasVar {
				from := len(buf)
				if opGlobbable(seg) { // opSegGlob
					in.glob.ok = true
					buf = opAppendGlob(buf, seg)
				}
				cut(from)
				from = len(buf)
				buf = opAppendVars(buf, seg, false)
				cut(from)
			}
		}
		out = append(out, opTemplate{op: op, segs: segs, info: info})
	}
	text := string(buf)
	str := func() string {
		sp := spans[0]
		spans = spans[1:]
		return text[sp.lo:sp.hi]
	}
	for i := range out {
		t := &out[i]
		if i > 0 && &t.info[0] == &out[i-1].info[0] { // the same path as the one before
			t.norm = out[i-1].norm
			continue
		}
		t.norm = str()
		for j := range t.info {
			if in := &t.info[j]; in.hasVar {
				in.glob.glob, in.norm = str(), str()
			}
		}
	}
	return out
}

// opAppendVars appends opReplaceVars(s) to b, in lower case when lower (s is ASCII then).
func opAppendVars(b []byte, s string, lower bool) []byte {
	last := 0
	for i, j := opNextVar(s, 0); i >= 0; i, j = opNextVar(s, j) {
		b = opAppendLower(b, s[last:i], lower)
		b = append(b, "{}"...)
		last = j
	}
	return opAppendLower(b, s[last:], lower)
}

// opAppendLower appends s to b, ASCII letters in lower case when lower.
func opAppendLower(b []byte, s string, lower bool) []byte {
	b = append(b, s...)
	if lower {
		t := b[len(b)-len(s):]
		for i, c := range t {
			t[i] = opFoldByte(c)
		}
	}
	return b
}

// Source: S-VAL PathRedefined, DuplicateOperationPath.
var operationPathUniqueRule = &Rule{
	ID: "operation-path-unique", Code: "PathRedefined", Severity: Error, Category: "operations", Inputs: Swagger,
	Doc: Doc{
		Title:    "Paths and operation templates are unique",
		Why:      "Power Platform routes a call by its method and path, compared case-insensitively. Microsoft's validator rejects two path keys that differ only in capitalization (PathRedefined) and two operations with the same method whose templates differ only in variable names, such as GET /items/{id} and GET /items/{name} (DuplicateOperationPath, reported by this rule too): the router could not tell which one a URL means. Exact duplicate keys are reported by json-duplicate-key.",
		HowToFix: "Merge the two paths into one path item, or make a static segment differ (e.g. /items/{id} and /items/byname/{name}).",
		Source:   opSVAL + " (PathRedefined, DuplicateOperationPath); " + opCatalog,
	},
	Check: checkOperationPathUnique,
}

func checkOperationPathUnique(p *Pass) error {
	paths := opPaths(p.API)
	firstPath := make(map[string]opPathEntry, len(paths))
	for _, e := range paths {
		if strings.HasPrefix(e.path, "x-") {
			continue
		}
		k := strings.ToLower(e.path)
		prev, seen := firstPath[k]
		if !seen {
			firstPath[k] = e
			continue
		}
		if prev.path != e.path {
			p.SwaggerKey(e.node, "path %q differs from %q only in capitalization; merge them into one path", e.path, prev.path).
				WithRelated(p.C.Swagger, prev.node, "first defined here")
		}
	}
	type opKey struct{ method, norm string }
	ts := opTemplates(p.API)
	firstOp := make(map[opKey]int, len(ts)) // index in ts
	for i, t := range ts {
		k := opKey{t.op.Method, t.norm}
		j, seen := firstOp[k]
		if !seen {
			firstOp[k] = i
			continue
		}
		prev := &ts[j]
		if strings.EqualFold(prev.op.Path, t.op.Path) {
			continue // the same path: PathRedefined or a duplicate key
		}
		p.SwaggerKey(t.op.PathItem, "%s and %s differ only in variable names, so calls cannot be routed; make a static segment differ", opLabel(*t.op), opLabel(*prev.op)).
			WithRelated(p.C.Swagger, prev.op.PathItem, "the other template")
	}
	return nil
}

// opSegVar reports whether a template segment holds a variable.
func opSegVar(s string) bool { return strings.Contains(s, "{") }

// opSegRegexp matches the values a template segment can take.
func opSegRegexp(s string) *regexp.Regexp {
	// regexp rejects patterns that are not UTF-8; the matched text may hold the same bytes, which
	// the matcher reads as U+FFFD.
	s = strings.ToValidUTF8(s, "\uFFFD")
	var b strings.Builder
	b.WriteString("(?i)^")
	last := 0
	for _, m := range opVarRe.FindAllStringIndex(s, -1) {
		b.WriteString(regexp.QuoteMeta(s[last:m[0]]))
		b.WriteString(".+")
		last = m[1]
	}
	b.WriteString(regexp.QuoteMeta(s[last:]))
	b.WriteString("$")
	return regexp.MustCompile(b.String())
}

// opSegCache keeps, for one check, the compiled opSegRegexp and the opSegGlob of template segments
// that opShadows compares without their opSegInfo (text that is not plain ASCII).
type opSegCache struct {
	re    map[string]*regexp.Regexp
	globs map[string]opGlob
}

// opGlob is a cached opSegGlob.
type opGlob struct {
	glob string
	ok   bool
}

// matchesSeg is matches for template segments whose opSegInfo is known.
func (c *opSegCache) matchesSeg(ti *opSegInfo, tmpl string, si *opSegInfo, seg string) bool {
	if si.plain && ti.glob.ok {
		return opGlobMatch(ti.glob.glob, seg)
	}
	return c.matches(tmpl, seg)
}

// matches reports whether opSegRegexp(tmpl) matches seg.
func (c *opSegCache) matches(tmpl, seg string) bool {
	if isASCII(seg) && !strings.Contains(seg, "\n") {
		g, ok := c.globs[tmpl]
		if !ok {
			if c.globs == nil {
				c.globs = map[string]opGlob{}
			}
			g.glob, g.ok = opSegGlob(tmpl)
			c.globs[tmpl] = g
		}
		if g.ok {
			return opGlobMatch(g.glob, seg)
		}
	}
	re, ok := c.re[tmpl]
	if !ok {
		if c.re == nil {
			c.re = map[string]*regexp.Regexp{}
		}
		re = opSegRegexp(tmpl)
		c.re[tmpl] = re
	}
	return re.MatchString(seg)
}

// opGlobAny and opGlobStar stand for "one byte" and "any bytes" in an opSegGlob pattern.
const (
	opGlobAny  = 0
	opGlobStar = 1
)

// opSegGlob turns template segment s into a glob pattern: each variable (".+" in opSegRegexp)
// becomes opGlobAny followed by opGlobStar. ok is false when s holds bytes that are not printable
// ASCII, which the glob cannot tell from its markers or which fold differently in the regexp.
func opSegGlob(s string) (glob string, ok bool) {
	if !opGlobbable(s) {
		return "", false
	}
	return string(opAppendGlob(nil, s)), true
}

// opGlobbable reports whether s holds printable ASCII only (see opSegGlob).
func opGlobbable(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 || s[i] >= 0x7f {
			return false
		}
	}
	return true
}

// opAppendGlob appends the glob of segment s (see opSegGlob) to b.
func opAppendGlob(b []byte, s string) []byte {
	last := 0
	for i, j := opNextVar(s, 0); i >= 0; i, j = opNextVar(s, j) {
		b = append(b, s[last:i]...)
		b = append(b, opGlobAny, opGlobStar)
		last = j
	}
	return append(b, s[last:]...)
}

// opGlobMatch reports whether glob (from opSegGlob) matches all of s, ASCII text without line
// breaks, ignoring ASCII case; one backtracking point makes it linear in practice and quadratic at
// worst.
func opGlobMatch(glob, s string) bool {
	pi, si := 0, 0
	starP, starS := -1, 0
	for si < len(s) {
		switch {
		case pi < len(glob) && glob[pi] == opGlobStar:
			starP, starS = pi, si
			pi++
		case pi < len(glob) && (glob[pi] == opGlobAny || opFoldByte(glob[pi]) == opFoldByte(s[si])):
			pi++
			si++
		case starP >= 0:
			starS++
			pi, si = starP+1, starS
		default:
			return false
		}
	}
	for pi < len(glob) && glob[pi] == opGlobStar {
		pi++
	}
	return pi == len(glob)
}

// opFoldByte lowers an ASCII letter.
func opFoldByte(c byte) byte {
	if c >= 'A' && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// opShadows reports whether template a can capture a URL meant for template b: same length, every
// segment compatible, and at least one position where a has a variable and b a static segment that
// the variable matches.
func opShadows(a, b *opTemplate, c *opSegCache) bool {
	if len(a.segs) != len(b.segs) || a.norm == b.norm {
		return false
	}
	shadow := false
	for i := range a.segs {
		x, y := a.segs[i], b.segs[i]
		ix, iy := &a.info[i], &b.info[i]
		switch vx, vy := ix.hasVar, iy.hasVar; {
		case !vx && !vy:
			if !strings.EqualFold(x, y) {
				return false
			}
		case vx && !vy:
			if !c.matchesSeg(ix, x, iy, y) {
				return false
			}
			shadow = true
		case !vx && vy:
			if !c.matchesSeg(iy, y, ix, x) {
				return false
			}
		default:
			nx, ny := ix.norm, iy.norm
			if !strings.EqualFold(nx, ny) && nx != "{}" && ny != "{}" {
				return false
			}
		}
	}
	return shadow
}

// Source: S-VAL PartialDuplicateOperationPath.
var operationPathPartialDuplicateRule = &Rule{
	ID: "operation-path-partial-duplicate", Code: "PartialDuplicateOperationPath", Severity: Warning, Category: "operations", Inputs: Swagger,
	Doc: Doc{
		Title:    "A path variable cannot capture another operation's static segment",
		Why:      "With GET /items/{id} and GET /items/recent, a call whose id is \"recent\" is routed to the other operation. Microsoft's validator warns about such partially duplicated templates (the message says \"it is better\", so connectorlint reports a warning). The rule compares operations with the same method and the same number of segments, case-insensitively, and reports the operation whose variable can match the other's static segment.",
		HowToFix: "Make the templates differ in a static segment, e.g. /items/{id} and /recentitems, or /items/byid/{id}.",
		Source:   opSVAL + " (PartialDuplicateOperationPath); " + opCatalog,
	},
	Check: checkOperationPathPartialDuplicate,
}

// opMaxShadowCompare bounds the pairwise comparison: a connector with more operations than this is
// already far past operation-count-max, and a hostile file must not make the check quadratic.
const opMaxShadowCompare = 2048

func checkOperationPathPartialDuplicate(p *Pass) error {
	ts := opTemplates(p.API)
	var cache opSegCache
	// Only templates of the same method and segment count can shadow each other: order lists the
	// indexes in ts grouped so (file order within a group), and group[k] is the run of order that
	// holds ts[k]'s group.
	var order []int32
	var group [][2]int32
	for i := range ts {
		if strings.Contains(ts[i].op.Path, "{") {
			order = make([]int32, len(ts))
			break
		}
	}
	if order == nil {
		return nil // no template with a variable, which alone can capture another's URL
	}
	rank := make([]int64, len(ts)) // the method's place in connector.Methods (len for another), then the segment count
	for i := range order {
		order[i] = int32(i)
		m := slices.Index(connector.Methods, ts[i].op.Method)
		if m < 0 {
			m = len(connector.Methods)
		}
		rank[i] = int64(m)<<32 | int64(len(ts[i].segs))
	}
	slices.SortStableFunc(order, func(x, y int32) int {
		if c := cmp.Compare(rank[x], rank[y]); c != 0 {
			return c
		}
		return strings.Compare(ts[x].op.Method, ts[y].op.Method) // two methods not in connector.Methods
	})
	group = make([][2]int32, len(ts))
	for lo := 0; lo < len(order); {
		a := &ts[order[lo]]
		hi := lo + 1
		for hi < len(order) && ts[order[hi]].op.Method == a.op.Method && len(ts[order[hi]].segs) == len(a.segs) {
			hi++
		}
		for _, k := range order[lo:hi] {
			group[k] = [2]int32{int32(lo), int32(hi)}
		}
		lo = hi
	}
	for i := range ts {
		a := &ts[i]
		if !strings.Contains(a.op.Path, "{") {
			continue // only a template with a variable can capture another's URL
		}
		var others []string
		var first connector.NodeID = connector.None
		g := order[group[i][0]:group[i][1]]
		if len(g) > opMaxShadowCompare {
			g = g[:opMaxShadowCompare]
		}
		for _, j := range g {
			b := &ts[j]
			if a.op.Method != b.op.Method || a.op.Node == b.op.Node || !opShadows(a, b, &cache) {
				continue
			}
			others = append(others, b.op.Path)
			if first == connector.None {
				first = b.op.PathItem
			}
		}
		if len(others) == 0 {
			continue
		}
		list := strings.Join(others, ", ")
		if len(others) > 3 {
			list = fmt.Sprintf("%s and %d more", strings.Join(others[:3], ", "), len(others)-3)
		}
		p.SwaggerKey(a.op.PathItem, "%s can receive calls meant for %s %s when a path value equals a static segment; make a static segment differ", opLabel(*a.op), strings.ToUpper(a.op.Method), list).
			WithRelated(p.C.Swagger, first, "similar template")
	}
	return nil
}

// Source: S-VAL PathItemRefNotSuppored (Microsoft's spelling).
var pathItemNoRefRule = &Rule{
	ID: "path-item-no-ref", Code: "PathItemRefNotSuppored", Severity: Error, Category: "operations", Inputs: Swagger,
	Doc: Doc{
		Title:    "Path items do not use $ref",
		Why:      "Swagger 2.0 allows a path item to be a \"$ref\" to another file or location, but Microsoft's validator does not support it and rejects the swagger. The validator code is spelled \"PathItemRefNotSuppored\" by Microsoft; connectorlint keeps that spelling so that the code matches.",
		HowToFix: "Replace the \"$ref\" by the operations it points to, written inline under the path.",
		Source:   opSVAL + " (PathItemRefNotSuppored); " + opCatalog,
	},
	Check: checkPathItemNoRef,
}

func checkPathItemNoRef(p *Pass) error {
	for _, e := range opPaths(p.API) {
		if ref := p.API.Get(e.node, "$ref"); ref != connector.None {
			p.SwaggerKey(ref, "path %q uses \"$ref\", which Power Platform does not support; write its operations inline", e.path)
		}
	}
	return nil
}
