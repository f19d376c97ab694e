package rules

import (
	"bytes"
	"fmt"
	"sort"
	"strconv"
	"unicode/utf8"

	"github.com/connectorlint/connectorlint/connector"
)

// ReplaceValue returns an edit that replaces the value of node n with text (raw JSON).
func ReplaceValue(f *connector.File, n connector.NodeID, text string) Edit {
	s, e := f.Doc.ValueRange(n)
	return Edit{File: f.Name, Start: s, End: e, New: text}
}

// ReplaceString returns an edit that replaces string node n with the JSON string s.
func ReplaceString(f *connector.File, n connector.NodeID, s string) Edit {
	return ReplaceValue(f, n, Quote(s))
}

// Quote encodes s as a JSON string without escaping HTML characters. A byte that is not UTF-8
// becomes U+FFFD. Runs of bytes that need no escape are copied whole.
func Quote(s string) string {
	b := make([]byte, 0, len(s)+2)
	b = append(b, '"')
	run := 0 // start of the bytes not yet copied
	for i := 0; i < len(s); {
		c := s[i]
		if c >= 0x20 && c != '"' && c != '\\' && c < utf8.RuneSelf {
			i++
			continue
		}
		b = append(b, s[run:i]...)
		size := 1
		switch {
		case c == '"':
			b = append(b, '\\', '"')
		case c == '\\':
			b = append(b, '\\', '\\')
		case c == '\n':
			b = append(b, '\\', 'n')
		case c == '\r':
			b = append(b, '\\', 'r')
		case c == '\t':
			b = append(b, '\\', 't')
		case c < 0x20:
			b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
		default:
			var r rune
			r, size = utf8.DecodeRuneInString(s[i:])
			if r == utf8.RuneError && size == 1 {
				b = utf8.AppendRune(b, utf8.RuneError)
			} else {
				b = append(b, s[i:i+size]...)
			}
		}
		i += size
		run = i
	}
	b = append(b, s[run:]...)
	b = append(b, '"')
	return string(b)
}

const hexDigits = "0123456789abcdef"

// DeleteMember returns an edit that removes member (or array element) n together with one adjacent
// comma, keeping the rest of the file's formatting.
func DeleteMember(f *connector.File, n connector.NodeID) Edit {
	d := f.Doc
	s, e := d.MemberRange(n)
	parent := d.Parent(n)
	var prev connector.NodeID = connector.None
	for c := d.Nodes[parent].First; c != connector.None && c != n; c = d.Nodes[c].Next {
		prev = c
	}
	if prev != connector.None {
		_, pe := d.MemberRange(prev)
		return Edit{File: f.Name, Start: pe, End: e}
	}
	if next := d.Nodes[n].Next; next != connector.None {
		ns, _ := d.MemberRange(next)
		return Edit{File: f.Name, Start: s, End: ns}
	}
	return Edit{File: f.Name, Start: s, End: e}
}

// AddMember returns an edit that appends "key": value (raw JSON) to object obj, indented like its
// existing members.
func AddMember(f *connector.File, obj connector.NodeID, key, value string) Edit {
	d := f.Doc
	src := f.Src
	var last connector.NodeID = connector.None
	for c := d.Nodes[obj].First; c != connector.None; c = d.Nodes[c].Next {
		last = c
	}
	member := Quote(key) + ": " + value
	if last == connector.None {
		os, oe := d.ValueRange(obj)
		ind := indentOf(src, os)
		unit := guessIndentUnit(src)
		return Edit{File: f.Name, Start: os + 1, End: oe - 1, New: "\n" + ind + unit + member + "\n" + ind}
	}
	ks, _ := d.KeyRange(last)
	_, le := d.MemberRange(last)
	ind := indentOf(src, ks)
	if sameLine(src, int(d.Nodes[obj].Start), le) {
		return Edit{File: f.Name, Start: le, End: le, New: ", " + member}
	}
	return Edit{File: f.Name, Start: le, End: le, New: ",\n" + ind + member}
}

// sameLine reports whether no line break lies between offsets a <= b.
func sameLine(src []byte, a, b int) bool { return bytes.IndexByte(src[a:b], '\n') < 0 }

// indentOf returns the leading white space of the line holding offset off.
func indentOf(src []byte, off int) string {
	ls := bytes.LastIndexByte(src[:off], '\n') + 1
	i := ls
	for i < len(src) && (src[i] == ' ' || src[i] == '\t') {
		i++
	}
	return string(src[ls:i])
}

// guessIndentUnit returns the indentation of the first indented line among the second to the eighth
// lines of src, else four spaces.
func guessIndentUnit(src []byte) string {
	line := src
	for n := 1; n < 8; n++ {
		nl := bytes.IndexByte(line, '\n')
		if nl < 0 {
			break
		}
		line = line[nl+1:]
		i := 0
		for i < len(line) && (line[i] == ' ' || line[i] == '\t') {
			i++
		}
		if i > 0 {
			return string(line[:i])
		}
	}
	return "    "
}

// ApplyEdits applies non-overlapping edits to src. Overlapping edits are refused with an error that
// names them; edits are never merged silently.
func ApplyEdits(src []byte, edits []Edit) ([]byte, error) {
	es := append([]Edit(nil), edits...)
	sort.SliceStable(es, func(i, j int) bool {
		if es[i].Start != es[j].Start {
			return es[i].Start < es[j].Start
		}
		return es[i].End < es[j].End
	})
	var out bytes.Buffer
	pos := 0
	for i, e := range es {
		if e.Start < 0 || e.End < e.Start || e.End > len(src) {
			return nil, fmt.Errorf("edit %d..%d is outside the file (%d bytes)", e.Start, e.End, len(src))
		}
		if e.Start < pos {
			return nil, fmt.Errorf("edit at byte %d overlaps the edit before it (ends at %d)", e.Start, pos)
		}
		if i > 0 && e.Start == pos && e.Start == e.End && es[i-1].Start == es[i-1].End {
			return nil, fmt.Errorf("two insertions at byte %s", strconv.Itoa(e.Start))
		}
		out.Write(src[pos:e.Start])
		out.WriteString(e.New)
		pos = e.End
	}
	out.Write(src[pos:])
	return out.Bytes(), nil
}
