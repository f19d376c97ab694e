package rules

import (
	"fmt"
	"math/rand"
	"strings"
	"testing"

	"github.com/connectorlint/connectorlint/connector"
)

// TestOpTemplatesEquivalence checks opTemplatesOnce against the version it replaced (one string
// per text worked out) on random paths and, when it is there, on the corpus.
func TestOpTemplatesEquivalence(t *testing.T) {
	total := 0
	same := func(a *connector.API) {
		got, want := opTemplatesOnce(a), oldOpTemplatesOnce(a)
		total += len(got)
		if len(got) != len(want) {
			t.Fatalf("%d templates, want %d", len(got), len(want))
		}
		for i := range got {
			g, w := got[i], want[i]
			if g.op != w.op || g.norm != w.norm || fmt.Sprint(g.segs) != fmt.Sprint(w.segs) || fmt.Sprint(g.info) != fmt.Sprint(w.info) {
				t.Fatalf("%q: %+v, want %+v", g.op.Path, g, w)
			}
		}
	}
	frags := []string{"/", "/", "{", "}", "a", "B", "items", "{id}", "{Name}", "x", "é", "\u00c9", "\\n", "\\u0000", "\xff", "=", "Ⱥ", "İ", "K", "-", ".", "{a=b}", " "}
	r := rand.New(rand.NewSource(5))
	for n := 0; n < 3000; n++ {
		var b strings.Builder
		b.WriteString(`{"swagger":"2.0","paths":{`)
		for k := r.Intn(8); k >= 0; k-- {
			var p strings.Builder
			if r.Intn(8) > 0 {
				p.WriteString("/")
			}
			for j := r.Intn(10); j > 0; j-- {
				p.WriteString(frags[r.Intn(len(frags))])
			}
			fmt.Fprintf(&b, `"%s%d":{"get":{},"post":{}},`, p.String(), k)
		}
		b.WriteString(`"/z":{}}}`)
		d := connector.Parse("a.json", []byte(b.String()))
		if d == nil {
			continue
		}
		same(connector.NewAPI(d))
	}
	if total < 5000 {
		t.Fatalf("only %d random templates", total)
	}
	eachCorpusConnector(func(c *connector.Connector) { same(c.API()) })
}

func oldOpTemplatesOnce(a *connector.API) []opTemplate {
	// The segments and their infos of all the templates share two arrays, sized for every path
	// that starts with '/' (a path of n slashes has n segments).
	n := 0
	for i := range a.Ops {
		if p := a.Ops[i].Path; strings.HasPrefix(p, "/") {
			n += strings.Count(p, "/")
		}
	}
	out := make([]opTemplate, 0, len(a.Ops))
	allSegs := make([]string, 0, n)
	allInfo := make([]opSegInfo, n)
	for i := range a.Ops {
		op := &a.Ops[i]
		if !strings.HasPrefix(op.Path, "/") {
			continue
		}
		if msg, _ := opTemplateProblem(op.Path); msg != "" {
			continue
		}
		norm := strings.ToLower(opReplaceVars(op.Path))
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
			in.hasVar = opSegVar(seg)
			in.plain = isASCII(seg) && !strings.Contains(seg, "\n")
			if in.hasVar {
				in.glob.glob, in.glob.ok = oldOpSegGlob(seg)
				in.norm = opReplaceVars(seg)
			}
		}
		out = append(out, opTemplate{op: op, segs: segs, info: info, norm: norm})
	}
	return out
}

func oldOpSegGlob(s string) (glob string, ok bool) {
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 || s[i] >= 0x7f {
			return "", false
		}
	}
	var b strings.Builder
	last := 0
	for i, j := opNextVar(s, 0); i >= 0; i, j = opNextVar(s, j) {
		b.WriteString(s[last:i])
		b.WriteString(string([]byte{opGlobAny, opGlobStar}))
		last = j
	}
	b.WriteString(s[last:])
	return b.String(), true
}
