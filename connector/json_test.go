package connector

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestParsePositionsAndPointers(t *testing.T) {
	src := "\uFEFF{\n  \"a/b\": {\"c~d\": [1, \"x\", true, null]},\n  \"é\": \"\\u00e9\\ud83d\\ude00\"\n}\n"
	d := Parse("f.json", []byte(src))
	if d.Root == None || len(d.Problems) != 0 {
		t.Fatalf("parse failed: %+v", d.Problems)
	}
	arr := d.Lookup("/a~1b/c~0d")
	if d.Kind(arr) != Array || d.Len(arr) != 4 {
		t.Fatalf("lookup array: kind %v len %d", d.Kind(arr), d.Len(arr))
	}
	x := d.Lookup("/a~1b/c~0d/1")
	if s, _ := d.Str(x); s != "x" {
		t.Fatalf("element 1 = %q", s)
	}
	if p := d.Pointer(x); p != "/a~1b/c~0d/1" {
		t.Errorf("pointer = %q", p)
	}
	l := NewLines(d.Src)
	s, _ := d.ValueRange(x)
	if pos := l.Pos(s); pos.Line != 2 || pos.Col != 22 {
		t.Errorf("position of \"x\" = %+v, want 2:22", pos)
	}
	e := d.Get(d.Root, "é")
	if got := d.String(e); got != "é😀" {
		t.Errorf("unescape = %q", got)
	}
	ks, _ := d.KeyRange(e)
	if pos := l.Pos(ks); pos.Line != 3 || pos.Col != 3 {
		t.Errorf("key position = %+v", pos)
	}
	// A value after an astral character: code points and UTF-16 units differ.
	l2 := NewLines([]byte("😀x"))
	if p := l2.Pos(4); p.Col != 2 || p.Col16 != 3 {
		t.Errorf("astral column = %+v, want Col 2, Col16 3", p)
	}
}

func TestParseAgreesWithEncodingJSON(t *testing.T) {
	inputs := []string{
		`{"a": [1, -2.5e3, 0, "s\"q", {"b": {}}], "c": false, "d": null}`,
		`[]`, `"str"`, `12`, `{"k": "\u0041\n"}`,
	}
	for _, in := range inputs {
		d := Parse("x", []byte(in))
		if d.Root == None {
			t.Errorf("%s: %+v", in, d.Problems)
			continue
		}
		var want any
		if err := json.Unmarshal([]byte(in), &want); err != nil {
			t.Fatal(err)
		}
		got := toAny(d, d.Root)
		gb, _ := json.Marshal(got)
		wb, _ := json.Marshal(want)
		if string(gb) != string(wb) {
			t.Errorf("%s: got %s want %s", in, gb, wb)
		}
	}
}

func toAny(d *Doc, n NodeID) any {
	switch d.Kind(n) {
	case Object:
		m := map[string]any{}
		for k, v := range d.Members(n) {
			m[k] = toAny(d, v)
		}
		return m
	case Array:
		a := []any{}
		for _, v := range d.Elems(n) {
			a = append(a, toAny(d, v))
		}
		return a
	case String:
		return d.String(n)
	case Number:
		f, _ := d.Number(n)
		return f
	case Bool:
		b, _ := d.Bool(n)
		return b
	}
	return nil
}

func TestParseProblems(t *testing.T) {
	cases := []struct {
		in       string
		fatal    bool
		kind     ProblemKind
		line     int
		col      int
		contains string
	}{
		{``, true, ProblemFatal, 1, 1, "empty"},
		{`not json`, true, ProblemFatal, 1, 1, "invalid literal"},
		{"{\"a\": 1\n \"b\": 2}", true, ProblemFatal, 2, 2, "missing ','"},
		{`{"a": 1,}`, false, ProblemTrailingComma, 1, 8, "trailing comma"},
		{`[1, 2,]`, false, ProblemTrailingComma, 1, 6, "trailing comma"},
		{"{\"a\": \"x\ty\"}", false, ProblemControlChar, 1, 9, "control character"},
		{"{\"a\": \"x\xe9y\"}", false, ProblemInvalidUTF8, 1, 9, "UTF-8"},
		{"{\"a\": 1 // c\n}", false, ProblemComment, 1, 9, "comment"},
		{`{"a": 1, "a": 2}`, false, ProblemDuplicateKey, 1, 10, "duplicate key"},
		{`{"a": 01}`, true, ProblemFatal, 1, 7, "leading zeros"},
		{`{"a": "x\q"}`, true, ProblemFatal, 1, 9, "invalid escape"},
		{`{'a': 1}`, true, ProblemFatal, 1, 2, "double quotes"},
		{`{"a": 1} x`, true, ProblemFatal, 1, 10, "after the end"},
		{"{\"a\": \"abc\n\"}", true, ProblemFatal, 1, 7, "unterminated string"},
	}
	for _, c := range cases {
		d := Parse("x", []byte(c.in))
		if (d.Root == None) != c.fatal {
			t.Errorf("%q: fatal = %v, want %v (%+v)", c.in, d.Root == None, c.fatal, d.Problems)
			continue
		}
		var found *Problem
		for i := range d.Problems {
			if d.Problems[i].Kind == c.kind {
				found = &d.Problems[i]
			}
		}
		if found == nil {
			t.Errorf("%q: no problem of kind %d in %+v", c.in, c.kind, d.Problems)
			continue
		}
		pos := NewLines(d.Src).Pos(found.Start)
		if pos.Line != c.line || pos.Col != c.col || !strings.Contains(found.Message, c.contains) {
			t.Errorf("%q: got %d:%d %q, want %d:%d containing %q", c.in, pos.Line, pos.Col, found.Message, c.line, c.col, c.contains)
		}
	}
}

func TestDuplicateKeyLastWins(t *testing.T) {
	d := Parse("x", []byte(`{"a": 1, "a": 2}`))
	if string(d.Raw(d.Get(d.Root, "a"))) != "2" {
		t.Errorf("Get should return the last duplicate, as JSON parsers do")
	}
}

func TestDeepNesting(t *testing.T) {
	src := strings.Repeat("[", 10000) + strings.Repeat("]", 10000)
	d := Parse("deep", []byte(src))
	if d.Root != None || d.Fatal() == nil || !strings.Contains(d.Fatal().Message, "nesting") {
		t.Fatalf("10,000-deep nesting should be a fatal problem, got %+v", d.Problems)
	}
	ok := strings.Repeat("[", MaxDepth) + strings.Repeat("]", MaxDepth)
	if d := Parse("ok", []byte(ok)); d.Root == None {
		t.Fatalf("nesting of %d should parse: %+v", MaxDepth, d.Problems)
	}
}

func TestResolveRefs(t *testing.T) {
	src := `{
  "definitions": {
    "A": {"$ref": "#/definitions/B"},
    "B": {"type": "string"},
    "Loop1": {"$ref": "#/definitions/Loop2"},
    "Loop2": {"$ref": "#/definitions/Loop1"},
    "Self": {"$ref": "#/definitions/Self"},
    "Dangling": {"$ref": "#/definitions/Nope"},
    "Remote": {"$ref": "other.json#/x"},
    "Num": {"$ref": 3},
    "Esc": {"$ref": "#/definitions/With%20Space"},
    "With Space": {"type": "integer"}
  }
}`
	d := Parse("x", []byte(src))
	def := func(n string) NodeID { return d.Path(d.Root, "definitions", n) }
	cases := map[string]RefStatus{"A": RefOK, "B": RefNone, "Loop1": RefCycle, "Self": RefCycle, "Dangling": RefDangling,
		"Remote": RefNotLocal, "Num": RefInvalid, "Esc": RefOK}
	for name, want := range cases {
		_, st := d.Resolve(def(name))
		if st != want {
			t.Errorf("%s: status %d, want %d", name, st, want)
		}
	}
	if t2, _ := d.Resolve(def("A")); d.GetString(t2, "type") != "string" {
		t.Errorf("A does not resolve to B")
	}
}

func TestAccessorsOnNone(t *testing.T) {
	d := Parse("x", []byte(`{"a": 1}`))
	for _, n := range []NodeID{None, NodeID(99)} {
		_ = d.Kind(n)
		_ = d.Get(n, "a")
		_ = d.Pointer(n)
		_, _ = d.Str(n)
		_ = d.Len(n)
		_, _ = d.Resolve(n)
		_ = d.Key(n)
		for range d.Members(n) {
		}
	}
}

// Get answers "$ref" from a flag on the object; keys with the same fingerprint must still be found.
func TestGetRefFlag(t *testing.T) {
	d := Parse("x.json", []byte(`{"a": {"$0ef": 1, "x": {"$ref": "#/a"}}, "b": {"$r\u0065f": 2}}`))
	a, b := d.Get(d.Root, "a"), d.Get(d.Root, "b")
	if d.Get(a, "$0ef") == None || d.Get(a, "$ref") != None || d.Get(d.Get(a, "x"), "$ref") == None || d.Get(b, "$ref") == None {
		t.Fatal("Get with the $ref flag")
	}
	if d.Ref(d.Root) != None || d.Ref(b) == None {
		t.Fatal("Ref")
	}
	// A 260-byte key with the fingerprint of "$ref" (the length wraps at 256) in an object without "$ref".
	long := "$r" + strings.Repeat("x", 128) + "e" + strings.Repeat("x", 128) + "f"
	d = Parse("y.json", []byte(`{"o": {"`+long+`": 1}}`))
	if keyFP(long) != fpRef || d.Get(d.Get(d.Root, "o"), long) == None {
		t.Fatal("Get of a long key that shares the fingerprint of $ref")
	}
}
