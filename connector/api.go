package connector

import (
	"math/bits"
	"slices"
	"strings"
	"sync"
)

// Methods are the operation keys of a Swagger 2.0 path item, in canonical order.
var Methods = []string{"get", "put", "post", "delete", "options", "head", "patch"}

// IsMethod reports whether key names an operation in a path item.
func IsMethod(key string) bool {
	switch key {
	case "get", "put", "post", "delete", "options", "head", "patch":
		return true
	}
	return false
}

// Operation is one operation of the swagger file.
type Operation struct {
	Path     string // path template, e.g. "/items/{id}"
	PathKey  NodeID // the member of /paths (its key is the template)
	PathItem NodeID // the path item object
	Method   string // lower case
	Node     NodeID // the operation object
	ID       string // operationId, or ""
}

// Param is one parameter that applies to an operation, after $ref resolution.
type Param struct {
	Entry  NodeID    // the element of the parameters array (may be a {"$ref"} object)
	Node   NodeID    // the parameter object itself (Entry when it is inline or the ref failed)
	Ref    RefStatus // what happened to Entry's $ref
	Name   string
	In     string
	OnPath bool // declared on the path item rather than the operation
}

// API is the typed view of a parsed swagger file. It is built once per file and is read-only.
type API struct {
	*Doc
	Ops []Operation
	// the memo of Params for the operations of Ops, by index; lastOp is the index of the last one
	// asked for (rules mostly go through Ops in order)
	opParams []opParams
	lastOp   int
}

type opParams struct {
	ps   []Param
	done bool
}

// NewAPI indexes the operations of d.
func NewAPI(d *Doc) *API {
	a := &API{Doc: d, lastOp: -1}
	paths := d.Get(d.Root, "paths")
	n := 0 // the members of the path items bound the operations
	if d.Kind(paths) == Object {
		for item := d.Nodes[paths].First; item != None; item = d.Nodes[item].Next {
			if d.Nodes[item].Kind == Object {
				n += d.Len(item)
			}
		}
	}
	if n > 0 {
		a.Ops = make([]Operation, 0, n)
	}
	for path, item := range d.Members(paths) {
		if d.Kind(item) != Object {
			continue
		}
		for method, op := range d.Members(item) {
			if !IsMethod(method) || d.Kind(op) != Object {
				continue
			}
			a.Ops = append(a.Ops, Operation{Path: path, PathKey: item, PathItem: item, Method: method, Node: op,
				ID: d.GetString(op, "operationId")})
		}
	}
	if len(a.Ops) == 0 {
		a.Ops = nil // nil when there are none, as without the reserved capacity
	}
	return a
}

// Visibility returns the x-ms-visibility value of object n ("" when absent or not a string).
func (a *API) Visibility(n NodeID) string { return a.GetString(n, "x-ms-visibility") }

// Internal reports whether object n is marked x-ms-visibility: internal.
func (a *API) Internal(n NodeID) bool { return a.Visibility(n) == "internal" }

// Params returns the parameters that apply to op: the path item's, overridden by the operation's
// with the same name and location, in declaration order (path item first). The slice is shared
// between calls: do not modify it.
func (a *API) Params(op Operation) []Param {
	if i := a.opIndex(op); i >= 0 {
		if len(a.opParams) != len(a.Ops) {
			a.opParams = make([]opParams, len(a.Ops))
		}
		m := &a.opParams[i]
		if !m.done {
			m.ps, m.done = a.params(op), true
		}
		return m.ps
	}
	return a.params(op) // an Operation that is not one of Ops: not memoised
}

// opIndex returns the index in Ops of the operation with op's path item and node, or -1. The nodes of
// Ops increase (NewAPI lists them in file order), so a binary search finds it when it is not the one
// after the last asked for.
func (a *API) opIndex(op Operation) int {
	ops := a.Ops
	i := a.lastOp + 1
	if i >= len(ops) || ops[i].Node != op.Node {
		lo, hi := 0, len(ops)
		for lo < hi {
			m := int(uint(lo+hi) >> 1)
			if ops[m].Node < op.Node {
				lo = m + 1
			} else {
				hi = m
			}
		}
		i = lo
	}
	if i >= len(ops) || ops[i].Node != op.Node || ops[i].PathItem != op.PathItem {
		return -1
	}
	a.lastOp = i
	return i
}

func (a *API) params(op Operation) []Param {
	pathList, opList := a.Get(op.PathItem, "parameters"), a.Get(op.Node, "parameters")
	var out []Param
	if n := a.arrayLen(pathList) + a.arrayLen(opList); n > 0 { // every element gives a Param
		out = make([]Param, 0, n)
	}
	add := func(list NodeID, onPath bool) {
		for _, e := range a.Elems(list) {
			p := Param{Entry: e, Node: e, OnPath: onPath}
			if t, st := a.Resolve(e); st != RefNone {
				p.Ref = st
				if st == RefOK {
					p.Node = t
				}
			}
			p.Name = a.GetString(p.Node, "name")
			p.In = a.GetString(p.Node, "in")
			if !onPath {
				for i := range out {
					if out[i].OnPath && out[i].Name == p.Name && out[i].In == p.In && p.Name != "" {
						out = append(out[:i], out[i+1:]...)
						break
					}
				}
			}
			out = append(out, p)
		}
	}
	add(pathList, true)
	add(opList, false)
	return out
}

func (d *Doc) arrayLen(n NodeID) int {
	if d.Kind(n) != Array {
		return 0
	}
	return d.Len(n)
}

// Responses returns the responses object of op (None when absent).
func (a *API) Responses(op Operation) NodeID { return a.Get(op.Node, "responses") }

// Name returns a short human name for op: its operationId, or "METHOD path".
func (op Operation) Name() string {
	if op.ID != "" {
		return op.ID
	}
	return strings.ToUpper(op.Method) + " " + op.Path
}

// SchemaVisit describes one schema object met by WalkSchemas.
type SchemaVisit struct {
	Node  NodeID
	Depth int32 // nesting below the root schema it was reached from (at most MaxDepth)
	Root  bool  // a root schema (definition, body schema, response schema)
}

// SchemaRoots returns every root schema object written in the file: definitions, body parameter
// schemas (root and per operation), response schemas (root and per operation) and notification
// content schemas. $refs are not followed. The slice is computed once per document and shared: do
// not modify it.
func (a *API) SchemaRoots() []NodeID {
	return a.Memo("api.schemaroots", a.schemaRoots).([]NodeID)
}

func (a *API) schemaRoots() any {
	var roots []NodeID
	d := a.Doc
	// kids iterates over the members of an object or the elements of an array (no keys needed).
	kids := func(n NodeID, fn func(NodeID)) {
		if k := d.Kind(n); k == Object || k == Array {
			for c := d.Nodes[n].First; c != None; c = d.Nodes[c].Next {
				fn(c)
			}
		}
	}
	if defs := d.Get(d.Root, "definitions"); d.Kind(defs) == Object {
		kids(defs, func(def NodeID) { roots = append(roots, def) })
	}
	addSchemaOf := func(n NodeID) {
		if s := d.Get(n, "schema"); d.Kind(s) == Object {
			roots = append(roots, s)
		}
	}
	addParams := func(list NodeID) { kids(list, addSchemaOf) } // the root parameters object or an array
	addResponses := func(rs NodeID) {
		if d.Kind(rs) == Object {
			kids(rs, addSchemaOf)
		}
	}
	addParams(d.Get(d.Root, "parameters"))
	addResponses(d.Get(d.Root, "responses"))
	ops := a.Ops
	for _, item := range d.Members(d.Get(d.Root, "paths")) {
		addParams(d.Get(item, "parameters"))
		if s := d.Path(item, "x-ms-notification-content", "schema"); d.Kind(s) == Object {
			roots = append(roots, s)
		}
		// The operations of item are the next ones of a.Ops, which NewAPI lists in this order (the
		// members of item that are not objects have neither parameters nor responses).
		for len(ops) > 0 && ops[0].PathItem == item {
			addParams(d.Get(ops[0].Node, "parameters"))
			addResponses(d.Get(ops[0].Node, "responses"))
			ops = ops[1:]
		}
	}
	return roots
}

// SchemaChildren calls fn for each sub-schema written inside schema s: properties, items,
// additionalProperties (when an object), allOf/anyOf/oneOf elements and not.
func (a *API) SchemaChildren(s NodeID, fn func(child NodeID)) {
	d := a.Doc
	if d.Kind(s) != Object {
		return
	}
	// One pass over the members, in the order properties, items, additionalProperties, allOf,
	// anyOf, oneOf, not (the last of a repeated key counts, as everywhere).
	var props, items, addl, not NodeID = None, None, None, None
	var combos [3]NodeID = [3]NodeID{None, None, None}
	if ms, ok := d.memberList(s); ok {
		for _, m := range ms {
			switch m.fp { // only members whose key may be one of those below are looked at
			case fpProperties, fpItems, fpAdditionalProperties, fpAllOf, fpAnyOf, fpOneOf, fpNot:
			default:
				continue
			}
			c := m.id
			if k := d.Nodes[c].Kind; k != Object && k != Array {
				continue
			}
			switch d.Key(c) {
			case "properties":
				props = c
			case "items":
				items = c
			case "additionalProperties":
				addl = c
			case "allOf":
				combos[0] = c
			case "anyOf":
				combos[1] = c
			case "oneOf":
				combos[2] = c
			case "not":
				not = c
			}
		}
	}
	for c := d.Nodes[s].First; c != None && d.off == nil; c = d.Nodes[c].Next {
		nd := &d.Nodes[c]
		if nd.Kind != Object && nd.Kind != Array {
			continue
		}
		switch d.Key(c) {
		case "properties":
			props = c
		case "items":
			items = c
		case "additionalProperties":
			addl = c
		case "allOf":
			combos[0] = c
		case "anyOf":
			combos[1] = c
		case "oneOf":
			combos[2] = c
		case "not":
			not = c
		}
	}
	// The containers found above are objects or arrays; their children are walked through the
	// sibling links (Members would decode every property name for nothing).
	objectKids := func(c NodeID) {
		for k := d.Nodes[c].First; k != None; k = d.Nodes[k].Next {
			if d.Nodes[k].Kind == Object {
				fn(k)
			}
		}
	}
	if props != None && d.Nodes[props].Kind == Object {
		objectKids(props)
	}
	if items != None {
		if d.Nodes[items].Kind == Object {
			fn(items)
		} else {
			objectKids(items)
		}
	}
	if d.Kind(addl) == Object {
		fn(addl)
	}
	for _, c := range combos {
		if c != None && d.Nodes[c].Kind == Array {
			objectKids(c)
		}
	}
	if d.Kind(not) == Object {
		fn(not)
	}
}

// Key fingerprints of the members SchemaChildren looks for.
var (
	fpProperties           = keyFP("properties")
	fpItems                = keyFP("items")
	fpAdditionalProperties = keyFP("additionalProperties")
	fpAllOf                = keyFP("allOf")
	fpAnyOf                = keyFP("anyOf")
	fpOneOf                = keyFP("oneOf")
	fpNot                  = keyFP("not")
)

// WalkSchemas visits every schema object written in the file once, in file order per root, without
// following $refs. Depth is bounded by the parser's nesting limit. The visits are computed once per
// document.
func (a *API) WalkSchemas(fn func(v SchemaVisit)) {
	for _, v := range a.Schemas() {
		fn(v)
	}
}

// Schemas returns the visits of WalkSchemas in order: each root followed by its sub-schemas, depth
// first, so the sub-schemas of a visit are the visits after it up to the next one that is not
// deeper. The slice is computed once per document and shared: do not modify it.
func (a *API) Schemas() []SchemaVisit {
	return a.Memo("api.schemas", func() any {
		// The visits are collected in a pooled buffer and copied out at their exact size, instead of
		// leaving behind every smaller array that append outgrew.
		bp := schemaVisitPool.Get().(*[]SchemaVisit)
		vs := (*bp)[:0]
		var walk func(n NodeID, depth int32)
		walk = func(n NodeID, depth int32) {
			vs = append(vs, SchemaVisit{Node: n, Depth: depth, Root: depth == 0})
			a.SchemaChildren(n, func(c NodeID) { walk(c, depth+1) })
		}
		for _, r := range a.SchemaRoots() {
			walk(r, 0)
		}
		var out []SchemaVisit
		if len(vs) > 0 {
			out = slices.Clone(vs)
		}
		if cap(vs) <= 1<<20 { // do not keep a huge buffer for the rest of the run
			*bp = vs[:0]
			schemaVisitPool.Put(bp)
		}
		return out
	}).([]SchemaVisit)
}

var schemaVisitPool = sync.Pool{New: func() any { return new([]SchemaVisit) }}

// KeySet is a fixed list of member names (at most 64) that FindKeys finds together.
type KeySet struct {
	keys []string
	fps  []uint32
	// slot maps a hash of a key fingerprint to 1 + the index of the first key with that fingerprint
	// (0: none), and next links the keys that share a fingerprint; mul is chosen so that different
	// fingerprints do not collide. linear says that no such mul was found: FindKeys then compares
	// with every key.
	slot   [256]uint8
	next   []uint8
	mul    uint32
	linear bool
}

// NewKeySet returns the KeySet of keys; FindKeys reports keys[i] as bit i.
func NewKeySet(keys ...string) *KeySet {
	if len(keys) > 64 {
		panic("connector: a KeySet holds at most 64 keys")
	}
	ks := &KeySet{keys: keys, fps: make([]uint32, len(keys)), next: make([]uint8, len(keys))}
	for i, k := range keys {
		ks.fps[i] = keyFP(k)
	}
	for mul := uint32(0x9E3779B1); mul < 0x9E3779B1+1<<21; mul += 2 {
		ks.slot = [256]uint8{}
		ok := true
		for i := len(ks.fps) - 1; i >= 0 && ok; i-- { // backwards, so that chains run in key order
			h := ks.fps[i] * mul >> 24
			switch j := ks.slot[h]; {
			case j == 0:
				ks.next[i] = 0
			case ks.fps[j-1] == ks.fps[i]:
				ks.next[i] = j
			default:
				ok = false
			}
			ks.slot[h] = uint8(i + 1)
		}
		if ok {
			ks.mul = mul
			return ks
		}
	}
	ks.linear = true
	return ks
}

// FindKeys finds the members of object obj named in ks in one pass over its members, where a Get per
// name would scan them once each. It appends to out the members found in the order of ks's keys (for
// a repeated key the last one, as Get) and returns out and the set of keys found as a bit mask.
func (d *Doc) FindKeys(obj NodeID, ks *KeySet, out []NodeID) ([]NodeID, uint64) {
	// found[i] is the member named keys[i] when bit i of the mask is set: the scratch is as small as
	// the set allows, since Go zeroes it on every call
	if len(ks.keys) <= 16 {
		var found [16]NodeID
		return d.findKeys(obj, ks, out, found[:len(ks.keys)])
	}
	var found [64]NodeID
	return d.findKeys(obj, ks, out, found[:len(ks.keys)])
}

func (d *Doc) findKeys(obj NodeID, ks *KeySet, out, found []NodeID) ([]NodeID, uint64) {
	var mask uint64
	if ms, ok := d.memberList(obj); ok && !ks.linear {
		for _, m := range ms {
			for j := ks.slot[m.fp*ks.mul>>24]; j != 0; j = ks.next[j-1] {
				if ks.fps[j-1] == m.fp && d.keyIs(m.id, ks.keys[j-1]) {
					found[j-1], mask = m.id, mask|1<<(j-1)
					break
				}
			}
		}
	} else if ok {
		for _, m := range ms {
			for i, fp := range ks.fps {
				if m.fp == fp && d.keyIs(m.id, ks.keys[i]) {
					found[i], mask = m.id, mask|1<<i
				}
			}
		}
	} else if d.Kind(obj) == Object { // no member tables (a file with a fatal syntax problem)
		for c := d.Nodes[obj].First; c != None; c = d.Nodes[c].Next {
			for i, k := range ks.keys {
				if d.keyIs(c, k) {
					found[i], mask = c, mask|1<<i
				}
			}
		}
	}
	for m := mask; m != 0; m &= m - 1 {
		out = append(out, found[bits.TrailingZeros64(m)])
	}
	return out, mask
}
