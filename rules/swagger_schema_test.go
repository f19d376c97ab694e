package rules

import (
	"fmt"
	"math/rand"
	"slices"
	"strings"
	"testing"

	"github.com/connectorlint/connectorlint/connector"
)

// scTargetListPlain is scTargetList as it was first written: every schema visit that is an object,
// then the parameters (found with Get, their "in" read with GetString) and headers, path item by path
// item and operation by operation.
func scTargetListPlain(a *connector.API) []scTarget {
	var out []scTarget
	a.WalkSchemas(func(v connector.SchemaVisit) {
		if a.Kind(v.Node) == connector.Object {
			out = append(out, scTarget{N: v.Node, Kind: scSchema})
		}
	})
	var items func(n connector.NodeID, depth int)
	items = func(n connector.NodeID, depth int) {
		it := a.Get(n, "items")
		if a.Kind(it) != connector.Object || a.Ref(it) != connector.None || depth > 32 {
			return
		}
		out = append(out, scTarget{N: it, Kind: scItems})
		items(it, depth+1)
	}
	param := func(p connector.NodeID) {
		if a.Kind(p) != connector.Object || a.Ref(p) != connector.None {
			return
		}
		if a.GetString(p, "in") == "body" {
			return
		}
		out = append(out, scTarget{N: p, Kind: scParam})
		items(p, 0)
	}
	headers := func(resp connector.NodeID) {
		if a.Ref(resp) != connector.None {
			return
		}
		for _, h := range a.Members(a.Get(resp, "headers")) {
			if a.Kind(h) != connector.Object || a.Ref(h) != connector.None {
				continue
			}
			out = append(out, scTarget{N: h, Kind: scHeader})
			items(h, 0)
		}
	}
	for _, p := range a.Members(a.Get(a.Root, "parameters")) {
		param(p)
	}
	for _, r := range a.Members(a.Get(a.Root, "responses")) {
		headers(r)
	}
	for _, item := range a.Members(a.Get(a.Root, "paths")) {
		for _, p := range a.Elems(a.Get(item, "parameters")) {
			param(p)
		}
		for _, op := range a.Ops {
			if op.PathItem != item {
				continue
			}
			for _, p := range a.Elems(a.Get(op.Node, "parameters")) {
				param(p)
			}
			for _, r := range a.Members(a.Get(op.Node, "responses")) {
				headers(r)
			}
		}
	}
	return out
}

// scCheckTargets compares scTargets with the plain list and with a.Get for every keyword.
func scCheckTargets(t *testing.T, a *connector.API) {
	t.Helper()
	sc := scTargetsOnce(a)
	want := scTargetListPlain(a)
	if len(sc.ts) != len(want) {
		t.Fatalf("%s: %d targets, want %d", a.Name, len(sc.ts), len(want))
	}
	for i, tg := range sc.ts {
		if tg.N != want[i].N || tg.Kind != want[i].Kind {
			t.Fatalf("%s: target %d is %s (%d), want %s (%d)", a.Name, i, a.Pointer(tg.N), tg.Kind, a.Pointer(want[i].N), want[i].Kind)
		}
		// the summed-up members, against what the rules read without them
		tn, fn := a.Get(tg.N, "type"), a.Get(tg.N, "format")
		typ, typStr := a.Str(tn)
		switch {
		case tg.Type == stvAbsent:
			if tn != connector.None {
				t.Fatalf("%s: target %s: type absent", a.Name, a.Pointer(tg.N))
			}
		case tg.Type >= stvWords:
			if typ != stValWords[tg.Type-stvWords] {
				t.Fatalf("%s: target %s: type %q read as %d", a.Name, a.Pointer(tg.N), typ, tg.Type)
			}
		}
		if got, gotOK := scTypeStr(a, sc, tg); got != typ || gotOK != typStr {
			t.Fatalf("%s: target %s: scTypeStr %q %v, want %q %v", a.Name, a.Pointer(tg.N), got, gotOK, typ, typStr)
		}
		for w := stvString; w <= stvFile; w++ {
			if got, want := sc.typeIs(a, tg, w), typStr && typ == stValWords[w-stvWords]; got != want {
				t.Fatalf("%s: target %s: typeIs(%d) = %v", a.Name, a.Pointer(tg.N), w, got)
			}
		}
		format, fmtStr := a.Str(fn)
		switch {
		case tg.Fmt == scfAbsent && fn != connector.None, tg.Fmt == scfNotStr && (fn == connector.None || fmtStr),
			tg.Fmt == scfOther && !fmtStr, tg.Fmt >= scfWords && format != scFmtWords[tg.Fmt-scfWords]:
			t.Fatalf("%s: target %s: format %s read as %d", a.Name, a.Pointer(tg.N), a.Raw(fn), tg.Fmt)
		}
		if scTypeFormatOK(tg) {
			if tn != connector.None && !typStr || fmtStr && format == "" {
				t.Fatalf("%s: target %s: type/format wrongly OK", a.Name, a.Pointer(tg.N))
			}
			switch typ {
			case "", "string", "number", "integer", "boolean", "array", "object":
			default:
				t.Fatalf("%s: target %s: type %q wrongly OK", a.Name, a.Pointer(tg.N), typ)
			}
			if typ == "object" && tg.Kind != scSchema || fmtStr && typ != "" && !scFormatKnown(typ, format) ||
				fmtStr && typ == "" && !scFormatKnown("integer", format) && !scFormatKnown("number", format) && !scFormatKnown("string", format) {
				t.Fatalf("%s: target %s: type/format %q/%q wrongly OK", a.Name, a.Pointer(tg.N), typ, format)
			}
		}
		isIdent := func(n connector.NodeID) bool { // scIsIdent, plainly
			s, ok := a.Str(n)
			return ok && (scIsCamelCase(s) || scIsSnakeCase(s))
		}
		if got, want := tg.idents&scIdentSummary != 0, isIdent(a.Get(tg.N, "x-ms-summary")); got != want {
			t.Fatalf("%s: target %s: x-ms-summary identifier %v, want %v", a.Name, a.Pointer(tg.N), got, want)
		}
		if got, want := tg.idents&scIdentTitle != 0, isIdent(a.Get(tg.N, "title")); got != want {
			t.Fatalf("%s: target %s: title identifier %v, want %v", a.Name, a.Pointer(tg.N), got, want)
		}
		for k := range scKNum + scKey(len(scNumKeywords)) {
			if got, want := sc.kw(tg, k), a.Get(tg.N, scKeyNames[k]); got != want {
				t.Fatalf("%s: target %s keyword %d: %d, want %d", a.Name, a.Pointer(tg.N), k, got, want)
			}
		}
	}
	for j, m := range scFew {
		var idx []int32
		for i, tg := range sc.ts {
			if tg.mask&m != 0 {
				idx = append(idx, int32(i))
			}
		}
		if !slices.Equal(idx, sc.few[j]) {
			t.Fatalf("%s: few list %d differs", a.Name, j)
		}
	}
}

// scTargets lists the same targets as the plain list, on the corpus and on random swaggers with
// odd parameters ($refs, body ones, escaped "in", non-objects, repeated parameters arrays).
func TestScTargetsMatchPlain(t *testing.T) {
	for f, src := range corpusSwaggerFiles(t) {
		d := connector.Parse(f, src)
		if d.Root == connector.None {
			continue
		}
		scCheckTargets(t, connector.NewAPI(d))
	}
	r := rand.New(rand.NewSource(3))
	params := []string{`{"in":"query","name":"a","type":"string"}`, `{"in":"body","name":"b","schema":{"type":"object"}}`,
		`{"in":"b\u006fdy","name":"c","schema":{}}`, `{"$ref":"#/parameters/p"}`, `1`, `{"in":"header","items":{"type":"string","items":{"enum":[1]}}}`,
		`{"in":"query","in":"body"}`, `{"in":"body","in":"query","format":"x"}`, `{"name":"x"}`}
	list := func() string {
		var ps []string
		for i := r.Intn(4); i > 0; i-- {
			ps = append(ps, params[r.Intn(len(params))])
		}
		return "[" + strings.Join(ps, ",") + "]"
	}
	// schemas with odd types, formats and labels (escaped, repeated, not strings)
	schemas := []string{`{"type":"str\u0069ng","format":"uuid"}`, `{"type":"object","format":"int32"}`, `{"format":"date-time"}`,
		`{"type":"integer","format":"in\u007432"}`, `{"type":["string"],"format":1}`, `{"type":"file","title":"ab"}`,
		`{"title":"firstName","x-ms-summary":"first_name"}`, `{"title":"first\u004eame","x-ms-summary":"First Name"}`,
		`{"type":"number","format":""}`, `{"type":"boolean","format":"byte"}`, `{"type":"null","format":"float"}`,
		`{"type":"array","items":{"type":"string","format":"guid","x-ms-summary":"a_b"}}`, `{"type":"string","type":"integer","format":"int64"}`,
		`{"properties":{"p":{"type":"object","format":"date-no-tz","title":7}}}`, `{"type":"query","format":"int32"}`,
		`{"title":"first\u005fname","x-ms-summary":"ab\u0020cD"}`, `{"title":"aB","x-ms-summary":"abC"}`}
	resp := `{"200":{"description":"x","headers":{"h":{"type":"string"},"r":{"$ref":"#/x"},"n":1}},"x-a":{"headers":{"h":{}}},"r":{"$ref":"#/responses/r"}}`
	for i := 0; i < 500; i++ {
		var items []string
		for j := r.Intn(4); j > 0; j-- {
			var ms []string
			if r.Intn(2) == 0 {
				ms = append(ms, `"parameters":`+list())
			}
			if r.Intn(4) == 0 {
				ms = append(ms, `"parameters":`+list())
			}
			for _, m := range []string{"get", "post", "x-get"} {
				if r.Intn(2) == 0 {
					ms = append(ms, fmt.Sprintf(`%q:{"parameters":%s,"responses":%s}`, m, list(), resp))
				}
			}
			if r.Intn(5) == 0 {
				ms = append(ms, `"put":[]`)
			}
			items = append(items, fmt.Sprintf(`"/p%d":{%s}`, j, strings.Join(ms, ",")))
		}
		if r.Intn(5) == 0 {
			items = append(items, `"/q":2`)
		}
		src := fmt.Sprintf(`{"swagger":"2.0","parameters":{"p":%s,"q":{"$ref":"#/parameters/p"},"s":"x"},"responses":%s,"paths":{%s},"definitions":{"a":{"properties":{"b":{"items":{}}}},"c":3,"d":%s}}`,
			params[r.Intn(len(params))], resp, strings.Join(items, ","), schemas[r.Intn(len(schemas))])
		d := connector.Parse("x.json", []byte(src))
		if d.Root == connector.None {
			t.Fatal("bad JSON:", src)
		}
		scCheckTargets(t, connector.NewAPI(d))
	}
}

// The scn constants are the indexes of their names in scNumKeywords.
func TestScNumKeywordIndexes(t *testing.T) {
	for i, k := range []string{"exclusiveMaximum", "maximum", "exclusiveMinimum", "minimum", "minLength", "maxLength",
		"minItems", "maxItems", "minProperties", "maxProperties", "multipleOf", "pattern"} {
		if scNumKeywords[i] != k {
			t.Errorf("scNumKeywords[%d] = %q, want %q", i, scNumKeywords[i], k)
		}
	}
	if scnExclusiveMaximum != 0 || scnMaximum != 1 || scnExclusiveMinimum != 2 || scnMinimum != 3 || scnMinLength != 4 ||
		scnMaxLength != 5 || scnMinItems != 6 || scnMaxItems != 7 || scnMinProperties != 8 || scnMaxProperties != 9 ||
		scnMultipleOf != 10 || scnPattern != 11 || len(scNumKeywords) != 12 {
		t.Error("the scn constants do not follow scNumKeywords")
	}
}

// scPatternCache answers as scBrokenPattern, over more patterns than it keeps.
func TestScPatternCache(t *testing.T) {
	pats := []string{"^a+$", "(a", "a)", "[a", `a\`, "*a", "[z-a]", `[\w-.]`, "", "x", "(?i)ab", "a{2}", "b**", "[0-9]+"}
	r := rand.New(rand.NewSource(5))
	var c scPatternCache
	for i := 0; i < 2000; i++ {
		p := pats[r.Intn(len(pats))]
		if got, want := c.broken(p), scBrokenPattern(p); got != want {
			t.Fatalf("broken(%q) = %q, want %q", p, got, want)
		}
	}
}

// scFmtOfNode finds every word of scFmtWords, and no near miss.
func TestScFmtOfNode(t *testing.T) {
	var vals []string
	for _, w := range scFmtWords {
		vals = append(vals, w, strings.ToUpper(w), w+"x", w[:len(w)-1])
	}
	src := `["` + strings.Join(vals, `","`) + `",1,"\u0069nt32"]`
	d := connector.Parse("f.json", []byte(src))
	for i, e := range d.Nodes[d.Root+1:] {
		got := scFmtOfNode(d, d.Root+1+connector.NodeID(i))
		want := scfOther
		if i < len(vals) && i%4 == 0 {
			want = scfWords + scFmt(i/4)
		} else if e.Kind != connector.String {
			want = scfNotStr
		}
		if got != want {
			t.Errorf("scFmtOfNode(%s) = %d, want %d", d.Raw(d.Root+1+connector.NodeID(i)), got, want)
		}
	}
}
