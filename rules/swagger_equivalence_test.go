package rules

import (
	"fmt"
	"math/rand"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/connectorlint/connectorlint/connector"
)

// The tests below check fast helpers against the plain code they replace.

// paTemplateVars finds what the regular expression \{([^{}/]+)\} finds.
func TestTemplateVarsMatchRegexp(t *testing.T) {
	re := regexp.MustCompile(`\{([^{}/]+)\}`)
	alpha := []string{"{", "}", "/", "a", "b", "\xff", "é", "{x}"}
	r := rand.New(rand.NewSource(1))
	for i := 0; i < 50000; i++ {
		var sb strings.Builder
		for j := r.Intn(12); j > 0; j-- {
			sb.WriteString(alpha[r.Intn(len(alpha))])
		}
		s := sb.String()
		var want []string
		for _, m := range re.FindAllStringSubmatch(s, -1) {
			want = append(want, m[1])
		}
		if got := paTemplateVars(s); !slices.Equal(got, want) {
			t.Fatalf("%q: got %q, want %q", s, got, want)
		}
	}
}

// paKeyOf(a, b, c) values are equal exactly when the NUL-joined strings are.
func TestPaKeyMatchesJoin(t *testing.T) {
	parts := []string{"", "a", "\x00", "a\x00", "\x00b", "a\x00b"}
	var keys []paKey
	var joins []string
	for _, a := range parts {
		for _, b := range parts {
			for _, c := range parts {
				keys = append(keys, paKeyOf(a, b, c))
				joins = append(joins, a+"\x00"+b+"\x00"+c)
			}
		}
	}
	for i := range keys {
		for j := range keys {
			if (keys[i] == keys[j]) != (joins[i] == joins[j]) {
				t.Fatalf("%q vs %q", joins[i], joins[j])
			}
		}
	}
}

// plainSchemaSize is schema-limits' measure without the per-schema memory: every $ref expanded
// afresh, a $ref back to a schema on the current path cut, stopping once the count passes limit.
func plainSchemaSize(a *connector.API, root connector.NodeID, limit int, onPath []bool) (count, depth int) {
	var walk func(n connector.NodeID, d int)
	walk = func(n connector.NodeID, d int) {
		if count > limit {
			return
		}
		t := a.R(n)
		if a.Kind(t) != connector.Object || onPath[t] {
			return
		}
		count++
		depth = max(depth, d)
		onPath[t] = true
		a.SchemaChildren(t, func(c connector.NodeID) { walk(c, d+1) })
		onPath[t] = false
	}
	walk(root, 0)
	return count, depth
}

// rsSizer agrees with plainSchemaSize on random definitions that refer to each other (cycles
// included) and to schemas outside the definitions: the same verdict against the limit and, under
// it, the same count and depth.
func TestSchemaSizerMatchesPlainWalk(t *testing.T) {
	r := rand.New(rand.NewSource(2))
	var schema func(depth, n int) string
	schema = func(depth, n int) string {
		if depth > 3 || r.Intn(4) == 0 {
			if r.Intn(2) == 0 {
				switch r.Intn(5) {
				case 0:
					return `{"$ref":"#/extra"}`
				case 1:
					return `{"$ref":"#/definitions/D0/properties/p1"}`
				}
				return fmt.Sprintf(`{"$ref":"#/definitions/D%d"}`, r.Intn(n))
			}
			return `{}`
		}
		var parts []string
		for k := r.Intn(4); k > 0; k-- {
			parts = append(parts, fmt.Sprintf(`"p%d":%s`, k, schema(depth+1, n)))
		}
		s := `{"properties":{` + strings.Join(parts, ",") + `}`
		if r.Intn(3) == 0 {
			s += `,"items":` + schema(depth+1, n)
		}
		if r.Intn(4) == 0 {
			s += `,"allOf":[` + schema(depth+1, n) + `,` + schema(depth+1, n) + `]`
		}
		return s + `}`
	}
	for i := 0; i < 1000; i++ {
		n := 1 + r.Intn(6)
		var defs []string
		for j := 0; j < n; j++ {
			defs = append(defs, fmt.Sprintf(`"D%d":%s`, j, schema(0, n)))
		}
		src := `{"definitions":{` + strings.Join(defs, ",") + `},"extra":` + schema(0, n) +
			`,"responses":{"r":{"schema":` + schema(0, n) + `}}}`
		d := connector.Parse("x", []byte(src))
		if d.Root == connector.None {
			t.Fatal("bad JSON:", src)
		}
		a := connector.NewAPI(d)
		for _, limit := range []int{0, 1, 3, 7, 20, 100} {
			onPath := make([]bool, len(a.Nodes))
			z := rsNewSizer(a)
			for _, root := range a.SchemaRoots() {
				c1, d1 := plainSchemaSize(a, root, limit, onPath)
				c2, d2 := z.size(root, limit)
				if (c1 > limit) != (c2 > limit) || (c1 <= limit && (c1 != c2 || d1 != d2)) {
					t.Fatalf("%s\nlimit %d, root %s: plain %d/%d, sizer %d/%d", src, limit, a.Pointer(root), c1, d1, c2, d2)
				}
			}
			z.release() // the next sizers reuse its lists
		}
	}
}

// The summaries stWalkOnce records per visit (flags, "type" and "in" words, required names present)
// agree with the plain reading of the members, on random swaggers with odd members and values.
func TestStWalkSummaries(t *testing.T) {
	r := rand.New(rand.NewSource(1))
	vals := []string{`"body"`, `"Body"`, `"b\u006fdy"`, `"query"`, `"string"`, `"String"`, `"file"`, `"null"`,
		`"object"`, `""`, `"x"`, `1`, `1.5`, `true`, `null`, `["string","null"]`, `[1]`, `[]`, `{}`,
		`{"a":{}}`, `{"a":1}`, `{"$ref":"#/definitions/a"}`}
	keys := []string{"in", "type", "name", "description", "required", "schema", "items", "properties", "enum",
		"$ref", "x-ms-summary", "nullable", "Type", "t\u0079pe", "responses", "consumes", "headers", "title",
		"version", "url", "default", "allOf", "additionalProperties", "minLength", "maximum"}
	var obj func(depth int) string
	obj = func(depth int) string {
		var parts []string
		for i := r.Intn(5); i > 0; i-- {
			v := vals[r.Intn(len(vals))]
			if depth < 3 && r.Intn(3) == 0 {
				v = obj(depth + 1)
				if r.Intn(2) == 0 {
					v = "[" + v + "]"
				}
			}
			parts = append(parts, fmt.Sprintf("%q: %s", keys[r.Intn(len(keys))], v))
		}
		return "{" + strings.Join(parts, ", ") + "}"
	}
	for i := 0; i < 3000; i++ {
		src := fmt.Sprintf(`{"swagger": "2.0", "info": %s, "paths": {"/a": {"get": {"parameters": [%s, %s], "responses": {"200": %s, "x-a": 1, "400": 2}}, "parameters": [%s]}}, "definitions": {"a": %s, "b": %s}, "parameters": {"p": %s}}`,
			obj(1), obj(1), obj(1), obj(1), obj(1), obj(0), obj(0), obj(1))
		d := connector.Parse("s.json", []byte(src))
		if d.Root == connector.None {
			t.Fatalf("unparsable: %s", src)
		}
		a := connector.NewAPI(d)
		w := stWalkOnce(a)
		for j, wv := range w.visits {
			v := w.visit(j)
			fields := stFieldTable[v.Type]
			var unknown, bad bool
			var req uint16
			for _, m := range v.Members {
				if m.Ext {
					continue
				}
				req |= stReqBit[m.Key]
				spec := fields[m.Key]
				if spec.kinds == 0 {
					unknown = true
					continue
				}
				if m.Key == stKeyRef || v.Type == stRoot && m.Key == stKeySwagger {
					continue
				}
				if stKindOf(d, m.Node)&spec.kinds == 0 {
					bad = true
				} else if spec.elems != 0 {
					for _, e := range a.Elems(m.Node) {
						bad = bad || !spec.mapv && stKindOf(d, e)&spec.elems == 0
					}
					for _, e := range a.Members(m.Node) {
						bad = bad || spec.mapv && stKindOf(d, e)&spec.elems == 0
					}
				}
			}
			if !v.refSkipped() && (v.Type == stRoot || v.Type == stOperation) {
				var entries connector.NodeID = connector.None
				if v.Type == stRoot {
					entries = v.get(stKeyPaths)
				} else {
					entries = v.get(stKeyResponses)
				}
				for k, e := range a.Members(entries) {
					bad = bad || !stIsExtension(k) && a.Kind(e) != connector.Object
				}
			}
			word := func(n connector.NodeID) stVal {
				if n == connector.None {
					return stvAbsent
				}
				s, ok := d.Str(n)
				if i := slices.Index(stValWords, s); ok && i >= 0 && !strings.Contains(string(d.Raw(n)), `\`) {
					return stvWords + stVal(i)
				}
				return stvOther
			}
			if got := wv.flags&stfUnknown != 0; got != unknown {
				t.Fatalf("visit %d of %s: stfUnknown %v, want %v", j, src, got, unknown)
			}
			if got := wv.flags&stfTypeBad != 0; got != bad {
				t.Fatalf("visit %d of %s: stfTypeBad %v, want %v", j, src, got, bad)
			}
			if wv.req != req || wv.typeV != word(v.get(stKeyType)) || wv.in != word(v.get(stKeyIn)) {
				t.Fatalf("visit %d of %s: req %b type %d in %d", j, src, wv.req, wv.typeV, wv.in)
			}
		}
	}
}

// plainExtensions is exExtensions as one pass over every node: each container's place from its
// parent's, and every member of a Swagger object whose key looks like an extension.
func plainExtensions(d *connector.Doc) []exExt {
	places := make([]exPlace, len(d.Nodes))
	var out []exExt
	for i := range d.Nodes {
		n := &d.Nodes[i]
		obj := n.Parent
		if obj == connector.None {
			if connector.NodeID(i) == d.Root {
				places[i] = exPlRoot
			}
			continue
		}
		pl := places[obj]
		if pl == exPlData {
			continue
		}
		key := d.Key(connector.NodeID(i))
		objKind := d.Nodes[obj].Kind
		if n.Kind == connector.Object || n.Kind == connector.Array {
			places[i] = exChildPlace(pl, objKind, key, n.Kind)
		}
		if n.KeyStart < 0 || objKind != connector.Object || !exHasExtensions(pl) || !exLooksLikeExtension(key) {
			continue
		}
		out = append(out, exExt{Member: connector.NodeID(i), Obj: obj, Place: pl, exName: &exName{Name: key}})
	}
	slices.SortStableFunc(out, func(a, b exExt) int { return int(a.Obj) - int(b.Obj) })
	return out
}

// exExtensions (the candidates of swKeyScan, places computed on demand) finds what plainExtensions
// finds, in the same order, on random Swagger-like documents with escaped and spaced keys; swKeyScan
// finds the "$ref" members that a plain scan of the keys finds, swRefHolders the objects for which
// Ref is not None and swInternal those marked x-ms-visibility: internal.
func TestExtensionsMatchPlainPass(t *testing.T) {
	r := rand.New(rand.NewSource(3))
	keys := []string{"x-ms-summary", `\u0078-ms-visibility`, " x-ms-trigger", "X-Foo", "x_ms-bar", "\tx-ms-a", "é-x",
		`\u00e9`, "paths", "/p", "get", "parameters", "schema", "properties", "items", "example", "default", "definitions",
		"responses", "200", "headers", "info", "$ref", `\u0024ref`, "", "allOf", "x-ms-dynamic-values", "securityDefinitions",
		"tags", "xml", "externalDocs", "name", "in", "x-ms-visibility", `x-ms-visibilit\u0079`}
	var value func(depth int) string
	value = func(depth int) string {
		switch k := r.Intn(6); {
		case depth > 5 || k == 0:
			return []string{`"s"`, `1`, `true`, `null`, `"#/definitions/a"`, `"internal"`, `"\u0069nternal"`}[r.Intn(7)]
		case k == 1:
			var es []string
			for n := r.Intn(3); n > 0; n-- {
				es = append(es, value(depth+1))
			}
			return "[" + strings.Join(es, ",") + "]"
		}
		var ms []string
		for n := r.Intn(5); n > 0; n-- {
			ms = append(ms, `"`+keys[r.Intn(len(keys))]+`":`+value(depth+1))
		}
		return "{" + strings.Join(ms, ",") + "}"
	}
	for i := 0; i < 20000; i++ {
		d := connector.Parse("x", []byte(value(0)))
		if d.Root == connector.None {
			continue
		}
		got, want := exExtensionsOnce(d), plainExtensions(d)
		same := len(got) == len(want)
		for j := 0; same && j < len(got); j++ {
			g, w := got[j], want[j]
			same = g.Member == w.Member && g.Obj == w.Obj && g.Place == w.Place && g.Name == w.Name
		}
		if !same {
			t.Fatalf("%s: got %v, want %v", d.Src, got, want)
		}
		var refs []connector.NodeID
		for j := range d.Nodes {
			if d.Key(connector.NodeID(j)) == "$ref" {
				refs = append(refs, connector.NodeID(j))
			}
		}
		var scanned []connector.NodeID
		for _, m := range swKeyScan(d).ref {
			if d.Key(m) == "$ref" {
				scanned = append(scanned, m)
			}
		}
		if !slices.Equal(refs, scanned) {
			t.Fatalf("%s: $refs %v, scanned %v", d.Src, refs, scanned)
		}
		holders, internal := swRefHolders(d), swInternal(d)
		for j := range d.Nodes {
			if n := connector.NodeID(j); holders.has(n) != (d.Ref(n) != connector.None) {
				t.Fatalf("%s: node %d holds a $ref: %v", d.Src, j, !holders.has(n))
			}
			if n := connector.NodeID(j); internal.has(n) != (d.GetString(n, "x-ms-visibility") == "internal") {
				t.Fatalf("%s: node %d is internal: %v", d.Src, j, !internal.has(n))
			}
		}
	}
}

// plainProps is scProps as one map: the properties of every part, later parts overwriting.
func plainProps(a *connector.API, s connector.NodeID) (map[string]connector.NodeID, bool) {
	props := map[string]connector.NodeID{}
	complete := true
	seen := map[connector.NodeID]bool{}
	var collect func(n connector.NodeID, depth int)
	collect = func(n connector.NodeID, depth int) {
		if depth > 16 || seen[n] {
			return
		}
		seen[n] = true
		if a.Ref(n) != connector.None {
			t, st := a.Resolve(n)
			if st != connector.RefOK {
				complete = false
				return
			}
			n = t
		}
		if a.Kind(n) != connector.Object {
			complete = false
			return
		}
		if a.Get(n, "x-ms-dynamic-schema") != connector.None || a.Get(n, "x-ms-dynamic-properties") != connector.None {
			complete = false
		}
		for k, p := range a.Members(a.Get(n, "properties")) {
			props[k] = p
		}
		for _, e := range a.Elems(a.Get(n, "allOf")) {
			collect(e, depth+1)
		}
	}
	collect(s, 0)
	return props, complete
}

// scProps finds the property plainProps finds for every name, on random definitions whose allOf
// parts refer to each other (cycles, missing targets, repeated names, escaped keys, big objects).
func TestPropsMatchPlainMap(t *testing.T) {
	r := rand.New(rand.NewSource(4))
	names := []string{"a", "b", `\u0061`, "c", "x-ms-dynamic-schema"}
	for i := 0; i < 3000; i++ {
		n := 1 + r.Intn(5)
		var defs []string
		for j := 0; j < n; j++ {
			var parts []string
			if r.Intn(4) > 0 {
				var ps []string
				for k := r.Intn(4); k > 0; k-- {
					ps = append(ps, fmt.Sprintf(`"%s":{"x":%d}`, names[r.Intn(len(names))], r.Intn(9)))
				}
				if r.Intn(8) == 0 {
					for k := 0; k < 30; k++ {
						ps = append(ps, fmt.Sprintf(`"p%d":{}`, k))
					}
				}
				parts = append(parts, `"properties":{`+strings.Join(ps, ",")+`}`)
			}
			if r.Intn(2) == 0 {
				var all []string
				for k := r.Intn(3); k > 0; k-- {
					switch r.Intn(4) {
					case 0:
						all = append(all, `{"properties":{"b":{}}}`)
					case 1:
						all = append(all, `{"$ref":"#/definitions/missing"}`)
					default:
						all = append(all, fmt.Sprintf(`{"$ref":"#/definitions/D%d"}`, r.Intn(n)))
					}
				}
				parts = append(parts, `"allOf":[`+strings.Join(all, ",")+`]`)
			}
			if r.Intn(10) == 0 {
				parts = append(parts, `"x-ms-dynamic-schema":{}`)
			}
			defs = append(defs, fmt.Sprintf(`"D%d":{%s}`, j, strings.Join(parts, ",")))
		}
		d := connector.Parse("x", []byte(`{"definitions":{`+strings.Join(defs, ",")+`}}`))
		a := connector.NewAPI(d)
		for _, root := range a.SchemaRoots() {
			want, wc := plainProps(a, root)
			got, gc := scProps(a, root)
			if wc != gc {
				t.Fatalf("%s: complete %v, want %v", d.Src, gc, wc)
			}
			for _, name := range append(names, "p29", "zz") {
				w, wok := want[name]
				g, gok := got.get(a, name)
				if wok != gok || wok && w != g {
					t.Fatalf("%s %s: %q: got %d %v, want %d %v", d.Src, a.Pointer(root), name, g, gok, w, wok)
				}
			}
		}
	}
}

// scFormatKnown says what the scFormats table says.
func TestFormatKnownMatchesTable(t *testing.T) {
	types := []string{"", "integer", "number", "string", "boolean", "array", "object", "file", "Integer"}
	formats := []string{"", "int32", "int64", "float", "double", "byte", "binary", "date", "date-time", "date-no-tz",
		"password", "email", "html", "uri", "uuid", "guid", "url", "Int32", "int"}
	for _, typ := range types {
		for _, f := range formats {
			if got, want := scFormatKnown(typ, f), slices.Contains(scFormats[typ], f); got != want {
				t.Errorf("%q/%q: %v, want %v", typ, f, got, want)
			}
		}
	}
}
