package rules

import (
	"fmt"
	"strings"

	"github.com/connectorlint/connectorlint/connector"
)

// bkReporter collects the findings of one breaking-change rule. Findings at the same place with the
// same text (a shared definition changed under several operations) become one finding that names
// every operation.
type bkReporter struct {
	p     *ChangePass
	seen  map[string]*bkGroup
	order []*bkGroup
}

type bkGroup struct {
	newF   *connector.File
	n      connector.NodeID
	value  bool // report on the value rather than the key
	oldF   *connector.File
	o      connector.NodeID
	ops    []string
	detail string
}

func bkNewReporter(p *ChangePass) *bkReporter {
	return &bkReporter{p: p, seen: map[string]*bkGroup{}}
}

// add records detail for operation op (may be "") at node n of the new file, with node o of the old
// file as the related location (None for no related location).
func (r *bkReporter) add(newF *connector.File, n connector.NodeID, value bool, oldF *connector.File, o connector.NodeID, op, detail string) {
	if newF == nil || newF.Doc == nil {
		return
	}
	if n == connector.None {
		n = newF.Doc.Root
	}
	key := fmt.Sprintf("%s\x00%d\x00%v\x00%s", newF.Name, n, value, detail)
	g := r.seen[key]
	if g == nil {
		g = &bkGroup{newF: newF, n: n, value: value, oldF: oldF, o: o, detail: detail}
		r.seen[key] = g
		r.order = append(r.order, g)
	}
	if op != "" {
		for _, x := range g.ops {
			if x == op {
				return
			}
		}
		g.ops = append(g.ops, op)
	}
}

// flush turns the groups into findings.
func (r *bkReporter) flush() {
	for _, g := range r.order {
		msg := g.detail
		if len(g.ops) > 0 {
			msg = bkOpsLabel(g.ops) + ": " + g.detail
		}
		var s, e int
		if g.value {
			s, e = g.newF.Doc.ValueRange(g.n)
		} else {
			s, e = g.newF.Doc.KeyRange(g.n)
		}
		fd := newFinding(r.p.Rule, g.newF.Name, s, e, g.newF.Doc.Pointer(g.n), msg)
		if g.oldF != nil && g.oldF.Doc != nil && g.o != connector.None {
			fd.WithRelated(g.oldF, g.o, "before the change")
		}
		r.p.out = append(r.p.out, fd)
	}
}

// bkOpsLabel names one or more operations: operation "A", operations "A" and "B", operations "A",
// "B", "C" and 2 more.
func bkOpsLabel(ops []string) string {
	q := make([]string, 0, len(ops))
	for i, o := range ops {
		if i == 3 {
			break
		}
		q = append(q, fmt.Sprintf("%q", o))
	}
	switch {
	case len(ops) == 1:
		return "operation " + q[0]
	case len(ops) <= 3:
		return "operations " + strings.Join(q[:len(q)-1], ", ") + " and " + q[len(q)-1]
	default:
		return fmt.Sprintf("operations %s and %d more", strings.Join(q, ", "), len(ops)-3)
	}
}

// bkOpName names an operation in messages.
func bkOpName(op connector.Operation) string { return op.Name() }

// bkDeletedAt returns the node of the new file that encloses something deleted from the object at
// path keys: the deepest member along keys that still exists (the root at worst).
func bkDeepest(a *connector.API, keys ...string) connector.NodeID {
	n := a.Root
	for _, k := range keys {
		c := a.Get(n, k)
		if c == connector.None {
			break
		}
		n = c
	}
	return n
}

// bkFieldLabel describes a field for messages: parameter "x", body property "a/b", output "a/b".
func bkFieldLabel(f *bkField, input bool) string {
	switch {
	case !input && f.path == "":
		return "the response schema"
	case !input:
		return fmt.Sprintf("output %q", f.path)
	case f.param:
		return fmt.Sprintf("%s parameter %q", f.in, f.name)
	default:
		return fmt.Sprintf("body property %q", strings.TrimPrefix(f.path, "body/"))
	}
}

// bkEnclosing returns where to report something deleted from field path's parent in the new
// version: the parent's properties (or items) member, or the operation's parameters member, or the
// operation itself.
func bkEnclosing(a *connector.API, fs *bkFields, parent string, op connector.Operation, input bool) connector.NodeID {
	if parent == "" && input {
		if ps := a.Get(op.Node, "parameters"); ps != connector.None {
			return ps
		}
		return op.Node
	}
	if pf := fs.get(parent); pf != nil {
		if pr := a.Get(pf.node, "properties"); pr != connector.None {
			return pr
		}
		if pf.param {
			if s := a.Get(pf.node, "schema"); s != connector.None {
				return s
			}
		}
		return pf.at
	}
	if !input {
		if _, s := bkResponseSchema(a, op); s != connector.None {
			return s
		}
		if rs := a.Responses(op); rs != connector.None {
			return rs
		}
	}
	return op.Node
}
