package rules

import (
	"fmt"
	"strings"

	"github.com/connectorlint/connectorlint/connector"
)

// The breaking-change rules share one matched view of the two swagger files (bkDiff), built once per
// comparison and memoised on the new document.

// bkPair is an operation present in both versions.
type bkPair struct {
	o, n connector.Operation
}

// bkDiff matches the operations of the old and the new swagger.
type bkDiff struct {
	old, new   *connector.API
	oldF, newF *connector.File
	pairs      []bkPair              // matched by operationId (or by method and path when there is no id)
	renamed    []bkPair              // old operationId gone, same method and path template under a new id
	deleted    []connector.Operation // old operations with no counterpart
	inputs     map[bkOpKey]*bkFields // memo of flattened inputs per side and operation
	outputs    map[bkOpKey]*bkFields
}

type bkOpKey struct {
	old  bool
	node connector.NodeID
}

// bkDiffOf returns the shared diff of p's connectors.
func bkDiffOf(p *ChangePass) *bkDiff {
	// The key names the old Doc by its address; the diff keeps that Doc alive, so the address cannot
	// be reused while the memo exists, and the check below makes sure of it.
	key := fmt.Sprintf("bk-diff:%p", p.OldAPI.Doc)
	d := p.NewAPI.Memo(key, func() any { return bkNewDiff(p) }).(*bkDiff)
	if d.old != p.OldAPI {
		return bkNewDiff(p)
	}
	return d
}

// bkShape is a path template with parameter names blanked: /items/{id} and /items/{itemId} match.
func bkShape(path string) string {
	var b strings.Builder
	depth := 0
	for _, r := range path {
		switch {
		case r == '{':
			if depth == 0 {
				b.WriteString("{}")
			}
			depth++
		case r == '}' && depth > 0:
			depth--
		case depth == 0:
			b.WriteRune(r)
		}
	}
	return strings.TrimSuffix(b.String(), "/")
}

func bkNewDiff(p *ChangePass) *bkDiff {
	d := &bkDiff{old: p.OldAPI, new: p.NewAPI, oldF: p.Old.Swagger, newF: p.New.Swagger,
		inputs: map[bkOpKey]*bkFields{}, outputs: map[bkOpKey]*bkFields{}}
	newByID := map[string]connector.Operation{}
	newByShape := map[string][]connector.Operation{}
	for _, op := range d.new.Ops {
		if op.ID != "" {
			if _, dup := newByID[op.ID]; !dup {
				newByID[op.ID] = op
			}
		}
		k := op.Method + " " + bkShape(op.Path)
		newByShape[k] = append(newByShape[k], op)
	}
	oldIDs := map[string]bool{}
	for _, op := range d.old.Ops {
		if op.ID != "" {
			oldIDs[op.ID] = true
		}
	}
	usedNew := map[connector.NodeID]bool{}
	seenOld := map[string]bool{}
	var unmatched []connector.Operation
	for _, op := range d.old.Ops {
		if op.ID != "" {
			if seenOld[op.ID] {
				continue // a duplicate operationId: the first one stands for both
			}
			seenOld[op.ID] = true
			if n, ok := newByID[op.ID]; ok {
				d.pairs = append(d.pairs, bkPair{op, n})
				usedNew[n.Node] = true
				continue
			}
		}
		unmatched = append(unmatched, op)
	}
	for _, op := range unmatched {
		var match *connector.Operation
		for _, n := range newByShape[op.Method+" "+bkShape(op.Path)] {
			if usedNew[n.Node] || n.ID != "" && oldIDs[n.ID] {
				continue
			}
			match = &n
			break
		}
		switch {
		case match == nil:
			d.deleted = append(d.deleted, op)
		case op.ID == "" || match.ID == "":
			// Without operationIds on both sides the method and path are the identity.
			usedNew[match.Node] = true
			if op.ID == "" && match.ID == "" {
				d.pairs = append(d.pairs, bkPair{op, *match})
			} else {
				d.renamed = append(d.renamed, bkPair{op, *match})
			}
		default:
			usedNew[match.Node] = true
			d.renamed = append(d.renamed, bkPair{op, *match})
		}
	}
	return d
}

// ---- fields: flattened inputs and outputs of one operation ----

// bkField is one input (parameter or body property) or output (response property) of an operation.
type bkField struct {
	path     string           // "name" for a parameter, "body/a/b" for a body property, "a/items/b" for an output
	parent   string           // path of the enclosing field, "" at the top
	at       connector.NodeID // the node written in the file: the parameter entry, or the property member
	node     connector.NodeID // the parameter or schema object after $ref resolution
	param    bool             // a parameter (not a property inside a schema)
	name     string           // the parameter's name
	in       string           // parameter location
	required bool
	internal bool
	hasDef   bool // has a default value
	typ      string
	format   string
	enum     connector.NodeID
	items    bool // the items schema of an array
	notify   bool // the x-ms-notification-url property of a webhook
}

// bkFields is an ordered set of fields keyed by path.
type bkFields struct {
	list   []*bkField
	byPath map[string]*bkField
}

func (fs *bkFields) add(f *bkField) {
	if fs.byPath == nil {
		fs.byPath = map[string]*bkField{}
	}
	if _, dup := fs.byPath[f.path]; dup {
		return
	}
	fs.byPath[f.path] = f
	fs.list = append(fs.list, f)
}

func (fs *bkFields) get(path string) *bkField {
	if fs == nil {
		return nil
	}
	return fs.byPath[path]
}

// Limits that keep the flattening of recursive or very wide schemas bounded.
const (
	bkMaxDepth  = 12
	bkMaxFields = 4000
)

// bkSchemaType returns a schema's type, inferring object and array from properties and items.
func bkSchemaType(a *connector.API, s connector.NodeID) string {
	if t := a.GetString(s, "type"); t != "" {
		return t
	}
	if a.Kind(a.Get(s, "properties")) == connector.Object {
		return "object"
	}
	if a.Kind(a.Get(s, "items")) == connector.Object {
		return "array"
	}
	return ""
}

// bkFlatten adds the fields below schema s (properties, allOf members, array items) with paths under
// prefix. $refs are followed; a schema already on the current chain stops the walk.
func bkFlatten(a *connector.API, fs *bkFields, s connector.NodeID, prefix string, depth int, stack []connector.NodeID) {
	if depth > bkMaxDepth || len(fs.list) > bkMaxFields {
		return
	}
	r := a.R(s)
	if a.Kind(r) != connector.Object {
		return
	}
	for _, x := range stack {
		if x == r {
			return
		}
	}
	stack = append(stack, r)
	// The object's own properties and required list, merged with those of its allOf members.
	parts := []connector.NodeID{r}
	for _, e := range a.Elems(a.Get(r, "allOf")) {
		if er := a.R(e); a.Kind(er) == connector.Object && len(parts) < 16 {
			parts = append(parts, er)
			for _, e2 := range a.Elems(a.Get(er, "allOf")) {
				if er2 := a.R(e2); a.Kind(er2) == connector.Object && len(parts) < 16 {
					parts = append(parts, er2)
				}
			}
		}
	}
	required := map[string]bool{}
	for _, part := range parts {
		for _, e := range a.Elems(a.Get(part, "required")) {
			if s, ok := a.Str(e); ok {
				required[s] = true
			}
		}
	}
	join := func(name string) string {
		if prefix == "" {
			return name
		}
		return prefix + "/" + name
	}
	for _, part := range parts {
		for name, prop := range a.Members(a.Get(part, "properties")) {
			pr := a.R(prop)
			if a.Kind(pr) != connector.Object {
				continue
			}
			f := &bkField{path: join(name), parent: prefix, at: prop, node: pr, required: required[name],
				internal: a.Internal(pr) || a.Internal(prop), typ: bkSchemaType(a, pr), format: a.GetString(pr, "format"),
				enum: a.Get(pr, "enum"), hasDef: a.Get(pr, "default") != connector.None,
				notify: a.IsTrue(a.Get(pr, "x-ms-notification-url"))}
			fs.add(f)
			bkFlatten(a, fs, pr, f.path, depth+1, stack)
		}
	}
	if items := a.Get(r, "items"); a.Kind(items) == connector.Object {
		ir := a.R(items)
		f := &bkField{path: join("items"), parent: prefix, at: items, node: ir, items: true,
			typ: bkSchemaType(a, ir), format: a.GetString(ir, "format"), enum: a.Get(ir, "enum")}
		fs.add(f)
		bkFlatten(a, fs, ir, f.path, depth+1, stack)
	}
}

// bkInputs returns the inputs of op: its parameters by name (body parameters as "body"), and the
// properties of the body schema under "body/".
func (d *bkDiff) bkInputs(old bool, op connector.Operation) *bkFields {
	k := bkOpKey{old, op.Node}
	if fs, ok := d.inputs[k]; ok {
		return fs
	}
	a := d.api(old)
	fs := &bkFields{}
	for _, p := range a.Params(op) {
		if p.Ref != connector.RefNone && p.Ref != connector.RefOK || a.Kind(p.Node) != connector.Object {
			continue
		}
		f := &bkField{path: p.Name, name: p.Name, at: p.Entry, node: p.Node, param: true, in: p.In,
			required: a.IsTrue(a.Get(p.Node, "required")), internal: a.Internal(p.Node),
			hasDef: a.Get(p.Node, "default") != connector.None}
		if p.In == "body" {
			f.path = "body"
			s := a.R(a.Get(p.Node, "schema"))
			f.typ, f.format, f.enum = bkSchemaType(a, s), a.GetString(s, "format"), a.Get(s, "enum")
			f.internal = f.internal || a.Internal(s)
			fs.add(f)
			bkFlatten(a, fs, a.Get(p.Node, "schema"), "body", 1, nil)
			continue
		}
		if p.Name == "" {
			continue
		}
		if fs.get(f.path) != nil { // the same name in two locations
			f.path = p.Name + "@" + p.In
		}
		f.typ, f.format, f.enum = a.GetString(p.Node, "type"), a.GetString(p.Node, "format"), a.Get(p.Node, "enum")
		fs.add(f)
	}
	d.inputs[k] = fs
	return fs
}

// bkSuccess returns op's main success response: the first of 200, 201, 202, 203, then any other 2xx,
// then default. code is "" when there is none.
func bkSuccess(a *connector.API, op connector.Operation) (code string, member connector.NodeID) {
	rs := a.Responses(op)
	for _, c := range []string{"200", "201", "202", "203"} {
		if m := a.Get(rs, c); m != connector.None {
			return c, m
		}
	}
	for c, m := range a.Members(rs) {
		if len(c) == 3 && c[0] == '2' {
			return c, m
		}
	}
	if m := a.Get(rs, "default"); m != connector.None {
		return "default", m
	}
	return "", connector.None
}

// bkResponseSchema returns the schema member of op's main success response (None when it has none).
func bkResponseSchema(a *connector.API, op connector.Operation) (code string, schema connector.NodeID) {
	code, m := bkSuccess(a, op)
	s := a.Get(a.R(m), "schema")
	if a.Kind(s) != connector.Object {
		return code, connector.None
	}
	return code, s
}

// bkOutputs returns the fields of op's main success response schema; the schema itself is the field
// with path "".
func (d *bkDiff) bkOutputs(old bool, op connector.Operation) *bkFields {
	k := bkOpKey{old, op.Node}
	if fs, ok := d.outputs[k]; ok {
		return fs
	}
	a := d.api(old)
	fs := &bkFields{}
	if _, s := bkResponseSchema(a, op); s != connector.None {
		r := a.R(s)
		fs.add(&bkField{path: "", at: s, node: r, typ: bkSchemaType(a, r), format: a.GetString(r, "format")})
		bkFlatten(a, fs, s, "", 1, nil)
	}
	d.outputs[k] = fs
	return fs
}

func (d *bkDiff) api(old bool) *connector.API {
	if old {
		return d.old
	}
	return d.new
}

// bkCovered reports whether path lies below one of the given paths (a field whose whole subtree is
// already reported, e.g. because it was deleted or its type changed).
func bkCovered(path string, roots map[string]bool) bool {
	for p := path; p != ""; {
		i := strings.LastIndexByte(p, '/')
		if i < 0 {
			return false
		}
		p = p[:i]
		if roots[p] {
			return true
		}
	}
	return false
}

// bkTypeChanged reports whether the type or format of a field changed in a way that matters:
// different types, or a different string format (date-time, byte, binary, ...). Untyped schemas and
// numeric format changes (int32 → int64) are not reported.
func bkTypeChanged(o, n *bkField, input bool) bool {
	if o.typ != "" && n.typ != "" && o.typ != n.typ {
		if input && o.typ == "integer" && n.typ == "number" {
			return false // every integer a flow sends is still a number
		}
		if input && o.param && o.in != "body" && o.in != "formData" && n.typ == "string" &&
			(o.typ == "integer" || o.typ == "number" || o.typ == "boolean") {
			return false // a path, query or header value is text on the wire either way
		}
		return true
	}
	if o.typ == "string" && n.typ == "string" && o.format != n.format && o.format != "" && n.format != "" {
		return true
	}
	return false
}

// bkTypeText describes a field's type for a message.
func bkTypeText(f *bkField) string {
	t := f.typ
	if t == "" {
		t = "untyped"
	}
	if f.format != "" {
		t += " (" + f.format + ")"
	}
	return t
}

// bkTypeChangedPaths returns the fields whose type changed (their subtrees are not diffed further).
func bkTypeChangedPaths(o, n *bkFields, input bool) map[string]bool {
	out := map[string]bool{}
	for _, of := range o.list {
		if nf := n.get(of.path); nf != nil && bkTypeChanged(of, nf, input) {
			out[of.path] = true
		}
	}
	return out
}
