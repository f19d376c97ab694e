package connector

// The parser as it was before the speed work of perf4-px (commit d5588b3), kept as the reference that
// TestParseMatchesReference and FuzzParseReference compare Parse with.

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"math/bits"
	"unicode"
	"unicode/utf8"
)

// refParse builds a Doc from src. It never fails: syntax problems are recorded in Doc.Problems, and a
// fatal one leaves Root at None.
func refParse(name string, src []byte) (d *Doc) {
	d = &Doc{Name: name, Src: src, Root: None}
	p := refParser{d: d, src: src}
	if len(src) >= 3 && src[0] == 0xEF && src[1] == 0xBB && src[2] == 0xBF {
		p.pos = 3
	}
	// Every value is followed by a comma or closes its container, so this bounds the node count (commas
	// and brackets inside strings only make it larger); members and member-list headers are bounded by
	// the nodes plus the objects.
	objects := bytes.Count(src, []byte{'{'})
	arrays := bytes.Count(src, []byte{'['})
	bound := bytes.Count(src, []byte{','}) + objects + arrays + 1
	// A pretty-printed file has about a line per value plus one per closing bracket: that estimate (not
	// a bound) fits all but 8 of the corpus's files; a line holds at least a few bytes.
	p.nl = make([]int32, 1, min(bound+objects+arrays, len(src)/4+1))
	// add fills d.Nodes by index; it is cut to the nodes made when the parse ends.
	d.Nodes = make([]Node, bound)
	p.memb = make([]member, 0, bound+objects)
	p.off = make([]int32, bound)
	defer func() {
		d.Nodes = d.Nodes[:p.n]
		if r := recover(); r != nil {
			if _, ok := r.(stopParse); !ok {
				panic(r)
			}
			d.Root = None
		}
	}()
	p.skipSpace()
	if p.pos >= len(src) {
		p.fatal(p.pos, p.pos, "the file is empty: expected a JSON object")
	}
	root := p.value(None, 0)
	p.skipSpace()
	if p.pos < len(src) {
		p.fatal(p.pos, p.pos+1, fmt.Sprintf("unexpected %s after the end of the top-level value", p.describe(p.pos)))
	}
	d.Root = root
	d.lines = p.nl
	d.Nodes = d.Nodes[:p.n]
	d.memb, d.off = p.memb, p.off[:p.n]
	return d
}

type refParser struct {
	d    *Doc
	src  []byte
	pos  int
	n    int      // the number of nodes made
	kids []member // scratch: members of the objects being parsed
	// Doc.memb and Doc.off, handed over when the parse succeeds
	memb []member
	off  []int32
	// nl lists the start of every line seen so far: every line break of a file that parses lies
	// between tokens or in a comment, so skipSpace and comment see them all.
	nl []int32
}

// member is one entry of Doc.memb: a fingerprint of the decoded key and the member node.
// finishObject appends the members of object id (p.kids[base:]) to the member lists.
func (p *refParser) finishObject(id NodeID, base int) {
	kids := p.kids[base:]
	p.off[id] = int32(len(p.memb) + 1)
	p.memb = append(p.memb, member{fp: uint32(len(kids)), id: id})
	p.memb = append(p.memb, kids...)
	p.kids = p.kids[:base]
}

func (p *refParser) fatal(start, end int, msg string) {
	if end > len(p.src) {
		end = len(p.src)
	}
	if start > end {
		start = end
	}
	p.d.Problems = append(p.d.Problems, Problem{Start: start, End: end, Kind: ProblemFatal, Message: msg})
	panic(stopParse{})
}

func (p *refParser) tolerate(start, end int, k ProblemKind, msg string) {
	p.d.Problems = append(p.d.Problems, Problem{Start: start, End: end, Kind: k, Message: msg})
}

func (p *refParser) describe(i int) string {
	if i >= len(p.src) {
		return "end of file"
	}
	c := p.src[i]
	if c < 0x20 || c >= 0x7f {
		r, _ := utf8.DecodeRune(p.src[i:])
		if r == utf8.RuneError {
			return fmt.Sprintf("byte 0x%02X", c)
		}
		return fmt.Sprintf("%q", r)
	}
	return fmt.Sprintf("'%c'", c)
}

// refNoSpace marks the bytes before which skipSpace has nothing to do: none of JSON's white space, no
// '/' that may start a comment, no first byte of a non-ASCII character.
var refNoSpace = func() (t [256]bool) {
	for c := 0; c < 0x80; c++ {
		t[c] = c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != '/'
	}
	return t
}()

// ws is skipSpace for the common case of a token right at p.pos, small enough to be inlined.
func (p *refParser) ws() {
	if p.pos < len(p.src) && refNoSpace[p.src[p.pos]] {
		return
	}
	p.skipSpace()
}

func (p *refParser) skipSpace() {
	// Fast path: the indentation and line breaks of pretty-printed files.
	s, i := p.src, p.pos
	for i < len(s) {
		c := s[i]
		if c == ' ' && i+8 <= len(s) { // runs of spaces eight at a time
			x := binary.LittleEndian.Uint64(s[i:]) ^ 0x2020202020202020
			if x == 0 {
				i += 8
			} else {
				i += bits.TrailingZeros64(x) / 8
			}
			continue
		}
		if c != ' ' && c != '\n' && c != '\r' && c != '\t' {
			break
		}
		i++
		if c == '\n' {
			p.nl = append(p.nl, int32(i))
		}
	}
	p.pos = i
	if i >= len(s) || (s[i] != '/' && s[i] < 0x80) {
		return
	}
	for p.pos < len(p.src) {
		switch p.src[p.pos] {
		case ' ', '\t', '\r':
			p.pos++
		case '\n':
			p.pos++
			p.nl = append(p.nl, int32(p.pos))
		case '/':
			p.comment()
		default:
			if c := p.src[p.pos]; c >= 0x80 {
				// Json.NET, which Microsoft's pipeline uses, skips any Unicode white space.
				r, size := utf8.DecodeRune(p.src[p.pos:])
				if unicode.IsSpace(r) {
					p.tolerate(p.pos, p.pos+size, ProblemUnicodeSpace, fmt.Sprintf("white space U+%04X is not JSON white space: replace it with a plain space", r))
					p.pos += size
					continue
				}
			}
			return
		}
	}
}

func (p *refParser) comment() {
	start := p.pos
	if p.pos+1 >= len(p.src) {
		p.fatal(start, start+1, "unexpected '/'")
	}
	switch p.src[p.pos+1] {
	case '/':
		p.pos += 2
		for p.pos < len(p.src) && p.src[p.pos] != '\n' {
			p.pos++
		}
	case '*':
		p.pos += 2
		for {
			if p.pos+1 >= len(p.src) {
				p.fatal(start, len(p.src), "unterminated /* comment")
			}
			if p.src[p.pos] == '*' && p.src[p.pos+1] == '/' {
				p.pos += 2
				break
			}
			p.pos++
			if p.src[p.pos-1] == '\n' {
				p.nl = append(p.nl, int32(p.pos))
			}
		}
	default:
		p.fatal(start, start+1, "unexpected '/'")
	}
	p.tolerate(start, p.pos, ProblemComment, "comments are not allowed in JSON")
}

func (p *refParser) add(n Node) NodeID {
	p.d.Nodes[p.n] = n
	p.n++
	return NodeID(p.n - 1)
}

func (p *refParser) value(parent NodeID, depth int) NodeID {
	if depth > MaxDepth {
		p.fatal(p.pos, p.pos+1, fmt.Sprintf("nesting is deeper than %d levels", MaxDepth))
	}
	if p.pos >= len(p.src) {
		p.fatal(p.pos, p.pos, "unexpected end of file: expected a value")
	}
	start := p.pos
	switch c := p.src[p.pos]; {
	case c == '{':
		return p.object(parent, depth)
	case c == '[':
		return p.array(parent, depth)
	case c == '"':
		esc := p.str()
		var fl uint8
		if esc {
			fl = flagValueEscaped
		}
		return p.add(Node{Start: int32(start), End: int32(p.pos), KeyStart: -1, KeyEnd: -1, Parent: parent, First: None, Next: None, Kind: String, flags: fl})
	case c == '-' || (c >= '0' && c <= '9'):
		p.number()
		return p.add(Node{Start: int32(start), End: int32(p.pos), KeyStart: -1, KeyEnd: -1, Parent: parent, First: None, Next: None, Kind: Number})
	case c == 't':
		return p.literal(parent, "true", Bool)
	case c == 'f':
		return p.literal(parent, "false", Bool)
	case c == 'n':
		return p.literal(parent, "null", Null)
	default:
		end := start + 1
		if c == '\'' {
			p.fatal(start, end, "strings must use double quotes, not single quotes")
		}
		p.fatal(start, end, fmt.Sprintf("unexpected %s: expected a value", p.describe(start)))
	}
	return None
}

func (p *refParser) literal(parent NodeID, word string, k Kind) NodeID {
	start := p.pos
	if len(p.src)-p.pos < len(word) || string(p.src[p.pos:p.pos+len(word)]) != word {
		end := p.pos
		for end < len(p.src) && end-start < 16 && isWordByte(p.src[end]) {
			end++
		}
		if end == start {
			end++
		}
		p.fatal(start, end, fmt.Sprintf("invalid literal %q: expected a value", string(p.src[start:min(end, len(p.src))])))
	}
	p.pos += len(word)
	return p.add(Node{Start: int32(start), End: int32(p.pos), KeyStart: -1, KeyEnd: -1, Parent: parent, First: None, Next: None, Kind: k})
}
func (p *refParser) number() {
	s, i := p.src, p.pos
	start := i
	if s[i] == '-' {
		i++
	}
	bad := func(msg string) {
		end := i + 1
		p.fatal(start, end, msg)
	}
	if i >= len(s) || s[i] < '0' || s[i] > '9' {
		bad("invalid number: expected a digit")
	}
	if s[i] == '0' {
		i++
		if i < len(s) && s[i] >= '0' && s[i] <= '9' {
			bad("invalid number: leading zeros are not allowed")
		}
	} else {
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
		}
	}
	if i < len(s) && s[i] == '.' {
		i++
		if i >= len(s) || s[i] < '0' || s[i] > '9' {
			bad("invalid number: expected a digit after '.'")
		}
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
		}
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		if i >= len(s) || s[i] < '0' || s[i] > '9' {
			bad("invalid number: expected a digit in the exponent")
		}
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
		}
	}
	p.pos = i
}

// str scans a string starting at the opening quote and reports whether it holds escapes.
func (p *refParser) str() (escaped bool) {
	s := p.src
	start := p.pos
	i := p.pos + 1
	badUTF8, ctrl := false, false
	for {
		// Fast path: plain ASCII, eight bytes at a time, then byte by byte up to the byte that stops it.
		for i+8 <= len(s) {
			v := binary.LittleEndian.Uint64(s[i:])
			const lo, hi = 0x0101010101010101, 0x8080808080808080
			q, b := v^(lo*'"'), v^(lo*'\\')
			// A high bit of stop marks a byte >= 0x80, < 0x20, '"' or '\\' (the lowest marked byte is
			// always a real one; bytes above it may be marked falsely, so the byte loop takes over).
			stop := v&hi | (v-lo*0x20)&^v&hi | (q-lo)&^q&hi | (b-lo)&^b&hi
			if stop != 0 {
				i += bits.TrailingZeros64(stop) / 8
				break
			}
			i += 8
		}
		for i < len(s) {
			c := s[i]
			if c == '"' || c == '\\' || c < 0x20 || c >= 0x80 {
				break
			}
			i++
		}
		if i >= len(s) {
			p.fatal(start, len(s), "unterminated string: missing closing '\"'")
		}
		switch c := s[i]; {
		case c == '"':
			p.pos = i + 1
			return escaped
		case c == '\\':
			escaped = true
			if i+1 >= len(s) {
				p.fatal(i, i+1, "unterminated string: missing closing '\"'")
			}
			switch s[i+1] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				i += 2
			case 'u':
				if i+6 > len(s) || !refIsHex4(s[i+2:i+6]) {
					p.fatal(i, min(i+6, len(s)), "invalid \\u escape: expected four hex digits")
				}
				i += 6
			default:
				p.fatal(i, i+2, fmt.Sprintf("invalid escape '\\%c' in string", s[i+1]))
			}
		case c < 0x20:
			if c == '\n' {
				// A raw newline almost always means a missing closing quote; report it there.
				p.fatal(start, i, "unterminated string: a raw line break is not allowed inside a string")
			}
			if !ctrl {
				p.tolerate(i, i+1, ProblemControlChar, fmt.Sprintf("raw control character 0x%02X inside a string: escape it (\\t, \\u00%02X)", c, c))
				ctrl = true
			}
			i++
		default:
			r, size := utf8.DecodeRune(s[i:])
			if r == utf8.RuneError && size <= 1 {
				if !badUTF8 {
					p.tolerate(i, i+1, ProblemInvalidUTF8, fmt.Sprintf("byte 0x%02X is not valid UTF-8: save the file as UTF-8", c))
					badUTF8 = true
				}
				size = 1
			}
			i += size
		}
	}
}

func refIsHex4(b []byte) bool {
	for _, c := range b {
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F') {
			return false
		}
	}
	return true
}

func (p *refParser) object(parent NodeID, depth int) NodeID {
	id := p.add(Node{Start: int32(p.pos), KeyStart: -1, KeyEnd: -1, Parent: parent, First: None, Next: None, Kind: Object})
	p.pos++
	last := None
	kidsBase := len(p.kids)
	var seen uint64 // one bit per hash of the fingerprints of the first 64 keys
	p.ws()
	if p.pos < len(p.src) && p.src[p.pos] == '}' {
		p.pos++
		p.d.Nodes[id].End = int32(p.pos)
		p.finishObject(id, kidsBase)
		return id
	}
	for {
		p.ws()
		if p.pos >= len(p.src) {
			p.fatal(int(p.d.Nodes[id].Start), int(p.d.Nodes[id].Start)+1, "unterminated object: missing '}'")
		}
		if p.src[p.pos] != '"' {
			msg := fmt.Sprintf("unexpected %s: expected a property name in double quotes", p.describe(p.pos))
			p.fatal(p.pos, p.pos+1, msg)
		}
		ks := p.pos
		kesc := p.str()
		ke := p.pos
		p.ws()
		if p.pos >= len(p.src) || p.src[p.pos] != ':' {
			p.fatal(p.pos, p.pos+1, fmt.Sprintf("unexpected %s: expected ':' after property name", p.describe(p.pos)))
		}
		p.pos++
		p.ws()
		child := p.value(id, depth+1)
		n := &p.d.Nodes[child]
		n.KeyStart, n.KeyEnd = int32(ks), int32(ke)
		if kesc {
			n.flags |= flagKeyEscaped
		}
		var key string
		if kesc {
			key = p.d.keySlow(child)
		} else {
			key = bytesString(p.src[ks+1 : ke-1])
		}
		fp := keyFP(key)
		if fp == fpRef && key == "$ref" {
			p.d.Nodes[id].flags |= flagHasRef
		}
		// Duplicates are looked for among the first 64 keys only: that bounds the quadratic scan, and
		// huge objects are rare. The scan runs only when a key with the same hash bit was seen.
		bit := uint64(1) << (fp * 0x9E3779B1 >> 26)
		if seen&bit != 0 {
			for _, k := range p.kids[kidsBase:min(len(p.kids), kidsBase+64)] {
				if k.fp == fp && p.d.Key(k.id) == key {
					p.tolerate(ks, ke, ProblemDuplicateKey, fmt.Sprintf("duplicate key %q: only the last one counts", key))
					break
				}
			}
		}
		if len(p.kids)-kidsBase < 64 {
			seen |= bit
		}
		p.kids = append(p.kids, member{fp: fp, id: child})
		if last == None {
			p.d.Nodes[id].First = child
		} else {
			p.d.Nodes[last].Next = child
		}
		last = child
		p.ws()
		if p.pos >= len(p.src) {
			p.fatal(int(p.d.Nodes[id].Start), int(p.d.Nodes[id].Start)+1, "unterminated object: missing '}'")
		}
		switch p.src[p.pos] {
		case ',':
			comma := p.pos
			p.pos++
			p.ws()
			if p.pos < len(p.src) && p.src[p.pos] == '}' {
				p.tolerate(comma, comma+1, ProblemTrailingComma, "trailing comma before '}'")
				p.pos++
				p.d.Nodes[id].End = int32(p.pos)
				p.finishObject(id, kidsBase)
				return id
			}
		case '}':
			p.pos++
			p.d.Nodes[id].End = int32(p.pos)
			p.finishObject(id, kidsBase)
			return id
		case '"':
			p.fatal(p.pos, p.pos+1, "missing ',' between two properties: add one at the end of the line before")
		default:
			p.fatal(p.pos, p.pos+1, fmt.Sprintf("unexpected %s: expected ',' or '}' after a property value", p.describe(p.pos)))
		}
	}
}

func (p *refParser) array(parent NodeID, depth int) NodeID {
	id := p.add(Node{Start: int32(p.pos), KeyStart: -1, KeyEnd: -1, Parent: parent, First: None, Next: None, Kind: Array})
	p.pos++
	last := None
	p.ws()
	if p.pos < len(p.src) && p.src[p.pos] == ']' {
		p.pos++
		p.d.Nodes[id].End = int32(p.pos)
		return id
	}
	for {
		p.ws()
		child := p.value(id, depth+1)
		if last == None {
			p.d.Nodes[id].First = child
		} else {
			p.d.Nodes[last].Next = child
		}
		last = child
		p.ws()
		if p.pos >= len(p.src) {
			p.fatal(int(p.d.Nodes[id].Start), int(p.d.Nodes[id].Start)+1, "unterminated array: missing ']'")
		}
		switch p.src[p.pos] {
		case ',':
			comma := p.pos
			p.pos++
			p.ws()
			if p.pos < len(p.src) && p.src[p.pos] == ']' {
				p.tolerate(comma, comma+1, ProblemTrailingComma, "trailing comma before ']'")
				p.pos++
				p.d.Nodes[id].End = int32(p.pos)
				return id
			}
		case ']':
			p.pos++
			p.d.Nodes[id].End = int32(p.pos)
			return id
		default:
			p.fatal(p.pos, p.pos+1, fmt.Sprintf("unexpected %s: expected ',' or ']' after an array element", p.describe(p.pos)))
		}
	}
}
