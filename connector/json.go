// Package connector loads Power Platform connector folders into a position-exact model.
//
// Every JSON file is read in one pass into a flat array of nodes. Each node keeps the byte range of its
// value and, for object members, of its key, so any finding can be reported on its exact line and column
// and under its RFC 6901 JSON Pointer without a second parse.
package connector

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"iter"
	"math/bits"
	"strconv"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"
	"unsafe"
)

// Kind is the JSON type of a node.
type Kind uint8

// JSON kinds.
const (
	Invalid Kind = iota
	Null
	Bool
	Number
	String
	Object
	Array
)

var kindNames = [...]string{"invalid", "null", "boolean", "number", "string", "object", "array"}

func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "invalid"
}

// NodeID indexes Doc.Nodes. None means "no node".
type NodeID int32

// None is the NodeID of a missing node. Every accessor accepts it and returns an empty answer.
const None NodeID = -1

const (
	flagValueEscaped uint8 = 1 << iota
	flagKeyEscaped
	flagHasRef // an object with a member named "$ref"
)

// fpRef is keyFP("$ref"). A third of all Gets ask for "$ref", mostly of objects without one: Get answers
// those from flagHasRef.
const fpRef = 4<<24 | '$'<<16 | 'f'<<8 | 'e'

// Node is one JSON value. Object members are the object's children; their key is stored on the child.
type Node struct {
	Start, End       int32 // byte range of the value
	KeyStart, KeyEnd int32 // byte range of the member key including quotes; -1 when not an object member
	Parent           NodeID
	First, Next      NodeID // first child; next sibling
	Kind             Kind
	flags            uint8
}

// Problem is something wrong with a file's syntax. A fatal problem stops parsing; the others are what
// Microsoft's own (lenient) pipeline accepts but strict JSON parsers such as paconn's reject.
type Problem struct {
	Start, End int
	Kind       ProblemKind
	Message    string
}

// ProblemKind classifies a syntax problem.
type ProblemKind uint8

// Problem kinds.
const (
	ProblemFatal         ProblemKind = iota // the file is not JSON from this point on
	ProblemTrailingComma                    // a comma before } or ]
	ProblemControlChar                      // a raw control character inside a string
	ProblemInvalidUTF8                      // bytes that are not UTF-8
	ProblemComment                          // a // or /* */ comment
	ProblemDuplicateKey                     // the same key twice in one object
	ProblemUnicodeSpace                     // non-ASCII white space between tokens
)

// MaxDepth is the deepest nesting the loader accepts; deeper input is a fatal problem, not a crash.
const MaxDepth = 1000

// Doc is one parsed JSON file.
type Doc struct {
	Name     string // path as shown to the user
	Src      []byte
	Nodes    []Node
	Root     NodeID // None when the file has a fatal problem
	Problems []Problem
	lines    []int32
	memo     map[string]any
	memoHot  [32]memoSlot                 // recently used entries of memo
	members  map[NodeID]map[string]NodeID // member index of big objects, built by Get
	// memb lists the members of every object contiguously: a header {count, -} then one entry per
	// member in file order. off[obj]-1 is the header's index (0 for nodes that are not objects).
	// Get scans these 8-byte entries instead of chasing sibling links through the node array.
	memb []member
	off  []int32
	refs map[string]NodeID // resolved local $ref targets
}

// Parse builds a Doc from src. It never fails: syntax problems are recorded in Doc.Problems, and a
// fatal one leaves Root at None.
func Parse(name string, src []byte) (d *Doc) {
	d = &Doc{Name: name, Src: src, Root: None}
	p := parser{d: d, src: src}
	bom := 0
	if len(src) >= 3 && src[0] == 0xEF && src[1] == 0xBB && src[2] == 0xBF {
		bom = 3
	}
	// Every value is followed by a comma or closes its container, so the commas plus the brackets
	// bound the node count (commas and brackets inside strings only make it larger); members and
	// member-list headers are bounded by the nodes plus the objects. Arrays are rarer than objects (an
	// eighth of them in the corpus): instead of counting the '[', a guess, and add grows the arrays in
	// the few files where it falls short.
	objects := bytes.Count(src, []byte{'{'})
	est := bytes.Count(src, []byte{','}) + objects + objects/4 + 16
	// A pretty-printed file has about a line per value plus one per closing bracket: that estimate (not
	// a bound) fits all but 8 of the corpus's files; a line holds at least a few bytes.
	p.nl = make([]int32, 1, min(est+objects+objects/4, len(src)/4+1))
	// add fills d.Nodes and off by index; they are cut to the nodes made when the parse ends.
	d.Nodes = make([]Node, est)
	p.memb = make([]member, 0, est+objects)
	p.off = make([]int32, est)
	defer func() {
		d.Nodes = d.Nodes[:p.n]
		if r := recover(); r != nil {
			if _, ok := r.(stopParse); !ok {
				panic(r)
			}
			d.Root = None
		}
	}()
	i := p.skipSpace(bom)
	if i >= len(src) {
		p.fatal(i, i, "the file is empty: expected a JSON object")
	}
	root, i := p.value(None, 0, i)
	i = p.skipSpace(i)
	if i < len(src) {
		p.fatal(i, i+1, fmt.Sprintf("unexpected %s after the end of the top-level value", p.describe(i)))
	}
	d.Root = root
	d.lines = p.nl
	d.Nodes = d.Nodes[:p.n]
	d.memb, d.off = p.memb, p.off[:p.n]
	return d
}

type stopParse struct{}

type parser struct {
	d    *Doc
	src  []byte
	pos  int      // where skipSpace's slow path and comment are
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
type member struct {
	fp uint32
	id NodeID
}

// keyFP fingerprints a key: its length and three of its bytes. Equal keys have equal fingerprints.
func keyFP(k string) uint32 {
	n := len(k)
	if n == 0 {
		return 0
	}
	return uint32(n)<<24 ^ uint32(k[0])<<16 ^ uint32(k[n-1])<<8 ^ uint32(k[n>>1])
}

// grow enlarges d.Nodes and p.off when the estimate made from the commas falls short, extrapolating
// from the nodes made before position pos.
//
//go:noinline
func (p *parser) grow(pos int) {
	n := len(p.d.Nodes)
	c := max(int(int64(n)*int64(len(p.src))/int64(pos+1))*9/8+64, n+n/4)
	nodes := make([]Node, c)
	copy(nodes, p.d.Nodes)
	p.d.Nodes = nodes
	off := make([]int32, c)
	copy(off, p.off)
	p.off = off
}

// finishObject appends the members of object id (p.kids[base:]) to the member lists.
func (p *parser) finishObject(id NodeID, base int) {
	kids := p.kids[base:]
	p.off[id] = int32(len(p.memb) + 1)
	p.memb = append(p.memb, member{fp: uint32(len(kids)), id: id})
	p.memb = append(p.memb, kids...)
	p.kids = p.kids[:base]
}

func (p *parser) fatal(start, end int, msg string) {
	if end > len(p.src) {
		end = len(p.src)
	}
	if start > end {
		start = end
	}
	p.d.Problems = append(p.d.Problems, Problem{Start: start, End: end, Kind: ProblemFatal, Message: msg})
	panic(stopParse{})
}

func (p *parser) tolerate(start, end int, k ProblemKind, msg string) {
	p.d.Problems = append(p.d.Problems, Problem{Start: start, End: end, Kind: k, Message: msg})
}

func (p *parser) describe(i int) string {
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

// noSpace marks the bytes before which skipSpace has nothing to do: none of JSON's white space, no
// '/' that may start a comment, no first byte of a non-ASCII character.
var noSpace = func() (t [256]bool) {
	for c := 0; c < 0x80; c++ {
		t[c] = c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != '/'
	}
	return t
}()

// The parsing functions take the index of the byte to look at and return the index after what they
// consumed: the position stays in a register from call to call instead of going through memory.

// ws is skipSpace for the common case of a token right at s[i], small enough to be inlined. s is
// p.src.
func (p *parser) ws(s []byte, i int) int {
	if i < len(s) && noSpace[s[i]] {
		return i
	}
	return p.skipSpace(i)
}

// skipSpace returns the index of the first byte from i on that is not white space or in a comment.
func (p *parser) skipSpace(i int) int {
	// Fast path: the indentation and line breaks of pretty-printed files.
	s := p.src
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
	if i >= len(s) || (s[i] != '/' && s[i] < 0x80) {
		return i
	}
	p.pos = i
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
			return p.pos
		}
	}
	return p.pos
}

// comment skips the comment at p.pos.
func (p *parser) comment() {
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

// add makes the next node, not (yet) an object member. It writes the fields one by one: a Node
// literal would be assembled on the stack and then copied, and that copy stalls on reading back the
// stores just made.
func (p *parser) add(start, end int, parent NodeID, k Kind, flags uint8) NodeID {
	id := p.n
	if id >= len(p.d.Nodes) {
		p.grow(start)
	}
	n := &p.d.Nodes[id]
	n.Start, n.End = int32(start), int32(end)
	n.KeyStart, n.KeyEnd = -1, -1
	n.Parent, n.First, n.Next = parent, None, None
	n.Kind, n.flags = k, flags
	p.n++
	return NodeID(id)
}

// value parses the value at s[i] and returns its node and the index after it.
func (p *parser) value(parent NodeID, depth int, i int) (NodeID, int) {
	s := p.src
	if depth > MaxDepth {
		p.fatal(i, i+1, fmt.Sprintf("nesting is deeper than %d levels", MaxDepth))
	}
	if i >= len(s) {
		p.fatal(i, i, "unexpected end of file: expected a value")
	}
	start := i
	switch c := s[i]; {
	case c == '{':
		return p.object(parent, depth, i)
	case c == '[':
		return p.array(parent, depth, i)
	case c == '"':
		end, esc := p.str(i)
		var fl uint8
		if esc {
			fl = flagValueEscaped
		}
		return p.add(start, end, parent, String, fl), end
	case c == '-' || (c >= '0' && c <= '9'):
		end := p.number(i)
		return p.add(start, end, parent, Number, 0), end
	case c == 't':
		return p.literal(parent, "true", Bool, i)
	case c == 'f':
		return p.literal(parent, "false", Bool, i)
	case c == 'n':
		return p.literal(parent, "null", Null, i)
	default:
		end := start + 1
		if c == '\'' {
			p.fatal(start, end, "strings must use double quotes, not single quotes")
		}
		p.fatal(start, end, fmt.Sprintf("unexpected %s: expected a value", p.describe(start)))
	}
	return None, i
}

func (p *parser) literal(parent NodeID, word string, k Kind, start int) (NodeID, int) {
	if len(p.src)-start < len(word) || string(p.src[start:start+len(word)]) != word {
		end := start
		for end < len(p.src) && end-start < 16 && isWordByte(p.src[end]) {
			end++
		}
		if end == start {
			end++
		}
		p.fatal(start, end, fmt.Sprintf("invalid literal %q: expected a value", string(p.src[start:min(end, len(p.src))])))
	}
	end := start + len(word)
	return p.add(start, end, parent, k, 0), end
}

func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_'
}

// number scans the number at s[i] and returns the index after it.
func (p *parser) number(i int) int {
	s := p.src
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
	return i
}

// str scans the string whose opening quote is s[i]; it returns the index after the closing quote and
// whether the string holds escapes.
func (p *parser) str(i int) (end int, escaped bool) {
	s := p.src
	start := i
	i++
	badUTF8, ctrl := false, false
	for {
		// Fast path: plain ASCII, sixteen bytes at a time; byte by byte near the end of the file.
	plain:
		for {
			for i+16 <= len(s) {
				a, b := stopBytes(binary.LittleEndian.Uint64(s[i:])), stopBytes(binary.LittleEndian.Uint64(s[i+8:]))
				if a|b != 0 {
					// the first stop of the first half, or 8 plus the first of the second, without a branch
					n := bits.TrailingZeros64(a) >> 3
					i += n + bits.TrailingZeros64(b)>>3&-(n>>3)
					break plain
				}
				i += 16
			}
			for i < len(s) {
				c := s[i]
				if c == '"' || c == '\\' || c < 0x20 || c >= 0x80 {
					break
				}
				i++
			}
			break
		}
		if i >= len(s) {
			p.fatal(start, len(s), "unterminated string: missing closing '\"'")
		}
		switch c := s[i]; {
		case c == '"':
			return i + 1, escaped
		case c == '\\':
			escaped = true
			if i+1 >= len(s) {
				p.fatal(i, i+1, "unterminated string: missing closing '\"'")
			}
			switch s[i+1] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				i += 2
			case 'u':
				if i+6 > len(s) || !isHex4(s[i+2:i+6]) {
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

// stopBytes sets the high bit of the bytes of v (eight bytes of a string, little-endian) that stop
// str's fast path: '"', '\\', a control character, a byte >= 0x80. The lowest one set is always such
// a byte; bytes above it may be marked falsely (borrows), so only the lowest one counts.
func stopBytes(v uint64) uint64 {
	const lo, hi = 0x0101010101010101, 0x8080808080808080
	q, b := v^(lo*'"'), v^(lo*'\\')
	// a byte's high bit is set in v-lo*0x20 if it is < 0x20, in q-lo if it is '"', in b-lo if it is
	// '\\' (all three when its own high bit, kept by "v|", is clear)
	return (v | (v - lo*0x20) | (q - lo) | (b - lo)) & hi
}

func isHex4(b []byte) bool {
	for _, c := range b {
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F') {
			return false
		}
	}
	return true
}

// object parses the object whose '{' is s[i].
func (p *parser) object(parent NodeID, depth int, i int) (NodeID, int) {
	s := p.src
	id := p.add(i, 0, parent, Object, 0)
	i++
	last := None
	kidsBase := len(p.kids)
	var seen uint64 // one bit per hash of the fingerprints of the first 64 keys
	i = p.ws(s, i)
	if i < len(s) && s[i] == '}' {
		i++
		p.d.Nodes[id].End = int32(i)
		p.finishObject(id, kidsBase)
		return id, i
	}
	for {
		i = p.ws(s, i)
		if i >= len(s) {
			p.fatal(int(p.d.Nodes[id].Start), int(p.d.Nodes[id].Start)+1, "unterminated object: missing '}'")
		}
		if s[i] != '"' {
			msg := fmt.Sprintf("unexpected %s: expected a property name in double quotes", p.describe(i))
			p.fatal(i, i+1, msg)
		}
		ks := i
		ke, kesc := p.str(i)
		i = p.ws(s, ke)
		if i >= len(s) || s[i] != ':' {
			p.fatal(i, i+1, fmt.Sprintf("unexpected %s: expected ':' after property name", p.describe(i)))
		}
		i++
		// Pretty-printed files put one space after the colon: step over it without calling skipSpace.
		if i+1 < len(s) && s[i] == ' ' && noSpace[s[i+1]] {
			i++
		} else {
			i = p.ws(s, i)
		}
		child, j := p.value(id, depth+1, i)
		i = j
		n := &p.d.Nodes[child]
		n.KeyStart, n.KeyEnd = int32(ks), int32(ke)
		if kesc {
			n.flags |= flagKeyEscaped
		}
		var key string
		if kesc {
			key = p.d.keySlow(child)
		} else {
			key = bytesString(s[ks+1 : ke-1])
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
		i = p.ws(s, i)
		if i >= len(s) {
			p.fatal(int(p.d.Nodes[id].Start), int(p.d.Nodes[id].Start)+1, "unterminated object: missing '}'")
		}
		switch s[i] {
		case ',':
			comma := i
			i = p.ws(s, i+1)
			if i < len(s) && s[i] == '}' {
				p.tolerate(comma, comma+1, ProblemTrailingComma, "trailing comma before '}'")
				i++
				p.d.Nodes[id].End = int32(i)
				p.finishObject(id, kidsBase)
				return id, i
			}
		case '}':
			i++
			p.d.Nodes[id].End = int32(i)
			p.finishObject(id, kidsBase)
			return id, i
		case '"':
			p.fatal(i, i+1, "missing ',' between two properties: add one at the end of the line before")
		default:
			p.fatal(i, i+1, fmt.Sprintf("unexpected %s: expected ',' or '}' after a property value", p.describe(i)))
		}
	}
}

// array parses the array whose '[' is s[i].
func (p *parser) array(parent NodeID, depth int, i int) (NodeID, int) {
	s := p.src
	id := p.add(i, 0, parent, Array, 0)
	i++
	last := None
	i = p.ws(s, i)
	if i < len(s) && s[i] == ']' {
		i++
		p.d.Nodes[id].End = int32(i)
		return id, i
	}
	for {
		i = p.ws(s, i)
		child, j := p.value(id, depth+1, i)
		i = j
		if last == None {
			p.d.Nodes[id].First = child
		} else {
			p.d.Nodes[last].Next = child
		}
		last = child
		i = p.ws(s, i)
		if i >= len(s) {
			p.fatal(int(p.d.Nodes[id].Start), int(p.d.Nodes[id].Start)+1, "unterminated array: missing ']'")
		}
		switch s[i] {
		case ',':
			comma := i
			i = p.ws(s, i+1)
			if i < len(s) && s[i] == ']' {
				p.tolerate(comma, comma+1, ProblemTrailingComma, "trailing comma before ']'")
				i++
				p.d.Nodes[id].End = int32(i)
				return id, i
			}
		case ']':
			i++
			p.d.Nodes[id].End = int32(i)
			return id, i
		default:
			p.fatal(i, i+1, fmt.Sprintf("unexpected %s: expected ',' or ']' after an array element", p.describe(i)))
		}
	}
}

// ---- accessors ----

// Kind returns the kind of n, or Invalid for None.
func (d *Doc) Kind(n NodeID) Kind {
	if n < 0 || int(n) >= len(d.Nodes) {
		return Invalid
	}
	return d.Nodes[n].Kind
}

// Is reports whether n is a node of kind k.
func (d *Doc) Is(n NodeID, k Kind) bool { return d.Kind(n) == k }

// Get returns the member of object obj named key (the last one if the key repeats), or None.
// Objects with many members (paths, definitions, properties) get a map index on first use.
func (d *Doc) Get(obj NodeID, key string) NodeID {
	fp := keyFP(key)
	// fpRef leaves out a byte of "$ref" and wraps the length at 256: compare the key itself
	if fp == fpRef && key == "$ref" && uint(obj) < uint(len(d.Nodes)) && d.Nodes[obj].flags&flagHasRef == 0 {
		return None
	}
	if uint(obj) >= uint(len(d.off)) {
		return d.getLinear(obj, key)
	}
	o := int(d.off[obj]) - 1
	if o < 0 {
		return None
	}
	n := int(d.memb[o].fp)
	if n > bigObject {
		return d.getBig(obj, key)
	}
	m := d.memb[o+1 : o+1+n]
	for i := len(m) - 1; i >= 0; i-- { // backwards: the last duplicate wins
		if m[i].fp == fp {
			c := m[i].id
			if nd := &d.Nodes[c]; nd.flags&flagKeyEscaped == 0 {
				if EqKey(d.Src[nd.KeyStart+1:nd.KeyEnd-1], key) {
					return c
				}
			} else if d.keySlow(c) == key {
				return c
			}
		}
	}
	return None
}

// getLinear is Get for documents without member tables (a file with a fatal syntax problem).
func (d *Doc) getLinear(obj NodeID, key string) NodeID {
	if d.Kind(obj) != Object {
		return None
	}
	found := None
	for c := d.Nodes[obj].First; c != None; c = d.Nodes[c].Next {
		if d.keyIs(c, key) {
			found = c
		}
	}
	return found
}

// memberList returns the member table of object obj; ok is false when the document has no tables
// (a file with a fatal syntax problem), and the list is empty for nodes that are not objects.
func (d *Doc) memberList(obj NodeID) (ms []member, ok bool) {
	if d.off == nil {
		return nil, false
	}
	if uint(obj) >= uint(len(d.off)) || d.off[obj] == 0 {
		return nil, true
	}
	o := int(d.off[obj]) - 1
	return d.memb[o+1 : o+1+int(d.memb[o].fp)], true
}

// getBig looks key up in the map index of a big object, building the index on first use.
func (d *Doc) getBig(obj NodeID, key string) NodeID {
	idx, ok := d.members[obj]
	if !ok {
		if d.members == nil {
			d.members = map[NodeID]map[string]NodeID{}
		}
		idx = make(map[string]NodeID, d.Len(obj))
		for c := d.Nodes[obj].First; c != None; c = d.Nodes[c].Next {
			idx[d.Key(c)] = c // later duplicates win, as in the scan
		}
		d.members[obj] = idx
	}
	if n, ok := idx[key]; ok {
		return n
	}
	return None
}

// bigObject is the member count above which Get indexes an object.
const bigObject = 24

// Path follows a chain of member names from n.
func (d *Doc) Path(n NodeID, keys ...string) NodeID {
	for _, k := range keys {
		n = d.Get(n, k)
	}
	return n
}

func (d *Doc) keyIs(c NodeID, key string) bool {
	n := &d.Nodes[c]
	if n.flags&flagKeyEscaped != 0 {
		return d.keySlow(c) == key
	}
	return EqKey(d.Src[n.KeyStart+1:n.KeyEnd-1], key)
}

// EqKey reports whether raw holds the bytes of key. Keys are short, so instead of calling the runtime's
// memequal it compares (possibly overlapping) words loaded from both ends. Rules that read raw key bytes
// use it too.
func EqKey(raw []byte, key string) bool {
	n := len(key)
	if len(raw) != n {
		return false
	}
	switch {
	case n >= 8 && n <= 16:
		return binary.LittleEndian.Uint64(raw) == le64(key) &&
			binary.LittleEndian.Uint64(raw[n-8:]) == le64(key[n-8:])
	case n >= 4 && n < 8:
		return binary.LittleEndian.Uint32(raw) == le32(key) &&
			binary.LittleEndian.Uint32(raw[n-4:]) == le32(key[n-4:])
	case n < 4:
		for i := 0; i < n; i++ {
			if raw[i] != key[i] {
				return false
			}
		}
		return true
	}
	return string(raw) == key
}

func le64(s string) uint64 {
	_ = s[7]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

func le32(s string) uint32 {
	_ = s[3]
	return uint32(s[0]) | uint32(s[1])<<8 | uint32(s[2])<<16 | uint32(s[3])<<24
}

// Key returns the decoded member name of n, or "" when n is not an object member.
func (d *Doc) Key(n NodeID) string {
	if uint(n) >= uint(len(d.Nodes)) {
		return ""
	}
	if nd := &d.Nodes[n]; nd.flags&flagKeyEscaped == 0 && nd.KeyStart >= 0 {
		// The body of the key shares Src, which is never modified after parsing; an empty key points
		// at its closing quote.
		return unsafe.String(&d.Src[nd.KeyStart+1], nd.KeyEnd-nd.KeyStart-2)
	}
	return d.keySlow(n)
}

// keySlow is Key for members with escaped keys and for nodes that are not members.
func (d *Doc) keySlow(n NodeID) string {
	nd := &d.Nodes[n]
	if nd.KeyStart < 0 {
		return ""
	}
	return unescape(d.Src[nd.KeyStart+1 : nd.KeyEnd-1])
}

// IsMember reports whether n is an object member (has a key).
func (d *Doc) IsMember(n NodeID) bool {
	return n >= 0 && int(n) < len(d.Nodes) && d.Nodes[n].KeyStart >= 0
}

// Str returns the decoded value of string node n.
func (d *Doc) Str(n NodeID) (string, bool) {
	if d.Kind(n) != String {
		return "", false
	}
	nd := &d.Nodes[n]
	raw := d.Src[nd.Start+1 : nd.End-1]
	if nd.flags&flagValueEscaped != 0 {
		return unescape(raw), true
	}
	return bytesString(raw), true
}

// String returns the decoded value of string node n, or "" for any other node.
func (d *Doc) String(n NodeID) string {
	s, _ := d.Str(n)
	return s
}

// GetString returns the string member key of obj, or "".
func (d *Doc) GetString(obj NodeID, key string) string { return d.String(d.Get(obj, key)) }

// Bool returns the value of boolean node n.
func (d *Doc) Bool(n NodeID) (v, ok bool) {
	if d.Kind(n) != Bool {
		return false, false
	}
	return d.Src[d.Nodes[n].Start] == 't', true
}

// IsTrue reports whether n is the literal true.
func (d *Doc) IsTrue(n NodeID) bool { v, ok := d.Bool(n); return ok && v }

// Number returns the value of number node n.
func (d *Doc) Number(n NodeID) (float64, bool) {
	if d.Kind(n) != Number {
		return 0, false
	}
	f, err := strconv.ParseFloat(string(d.Raw(n)), 64)
	return f, err == nil
}

// Raw returns the source bytes of n's value.
func (d *Doc) Raw(n NodeID) []byte {
	if n < 0 || int(n) >= len(d.Nodes) {
		return nil
	}
	return d.Src[d.Nodes[n].Start:d.Nodes[n].End]
}

// Len returns the number of members or elements of n.
func (d *Doc) Len(n NodeID) int {
	k := d.Kind(n)
	if k != Object && k != Array {
		return 0
	}
	c := 0
	for x := d.Nodes[n].First; x != None; x = d.Nodes[x].Next {
		c++
	}
	return c
}

// Parent returns n's parent, or None.
func (d *Doc) Parent(n NodeID) NodeID {
	if n < 0 || int(n) >= len(d.Nodes) {
		return None
	}
	return d.Nodes[n].Parent
}

// Members iterates over the members of object n in file order, with their decoded keys.
func (d *Doc) Members(n NodeID) iter.Seq2[string, NodeID] {
	return func(yield func(string, NodeID) bool) {
		if d.Kind(n) != Object {
			return
		}
		for c := d.Nodes[n].First; c != None; c = d.Nodes[c].Next {
			nd := &d.Nodes[c]
			var k string // Key, without the call for keys without escapes
			if nd.flags&flagKeyEscaped == 0 && nd.KeyStart >= 0 {
				k = unsafe.String(&d.Src[nd.KeyStart+1], nd.KeyEnd-nd.KeyStart-2)
			} else {
				k = d.keySlow(c)
			}
			if !yield(k, c) {
				return
			}
		}
	}
}

// Elems iterates over the elements of array n with their indexes.
func (d *Doc) Elems(n NodeID) iter.Seq2[int, NodeID] {
	return func(yield func(int, NodeID) bool) {
		if d.Kind(n) != Array {
			return
		}
		i := 0
		for c := d.Nodes[n].First; c != None; c = d.Nodes[c].Next {
			if !yield(i, c) {
				return
			}
			i++
		}
	}
}

// KeyRange returns the byte range of n's key (with quotes) when n is a member, else its value range.
func (d *Doc) KeyRange(n NodeID) (int, int) {
	if n < 0 || int(n) >= len(d.Nodes) {
		return 0, 0
	}
	nd := &d.Nodes[n]
	if nd.KeyStart >= 0 {
		return int(nd.KeyStart), int(nd.KeyEnd)
	}
	return int(nd.Start), int(nd.End)
}

// ValueRange returns the byte range of n's value.
func (d *Doc) ValueRange(n NodeID) (int, int) {
	if n < 0 || int(n) >= len(d.Nodes) {
		return 0, 0
	}
	return int(d.Nodes[n].Start), int(d.Nodes[n].End)
}

// MemberRange returns the byte range of the whole member (key through value) or the value.
func (d *Doc) MemberRange(n NodeID) (int, int) {
	if n < 0 || int(n) >= len(d.Nodes) {
		return 0, 0
	}
	nd := &d.Nodes[n]
	if nd.KeyStart >= 0 {
		return int(nd.KeyStart), int(nd.End)
	}
	return int(nd.Start), int(nd.End)
}

// Fatal returns the fatal syntax problem, if any.
func (d *Doc) Fatal() *Problem {
	for i := range d.Problems {
		if d.Problems[i].Kind == ProblemFatal {
			return &d.Problems[i]
		}
	}
	return nil
}

func bytesString(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	// Src is never modified after parsing, so a string may share its bytes.
	return unsafe.String(&b[0], len(b))
}

// unescape decodes the body of a JSON string that holds escapes. Invalid sequences were rejected by
// the parser; lone surrogates become U+FFFD.
func unescape(b []byte) string {
	out := make([]byte, 0, len(b))
	for i := 0; i < len(b); i++ {
		// copy the run up to the next backslash in one go
		j := bytes.IndexByte(b[i:], '\\')
		if j < 0 {
			out = append(out, b[i:]...)
			break
		}
		out = append(out, b[i:i+j]...)
		i += j
		if i+1 >= len(b) {
			out = append(out, b[i])
			continue
		}
		i++
		switch b[i] {
		case 'b':
			out = append(out, '\b')
		case 'f':
			out = append(out, '\f')
		case 'n':
			out = append(out, '\n')
		case 'r':
			out = append(out, '\r')
		case 't':
			out = append(out, '\t')
		case 'u':
			if i+5 > len(b) {
				out = append(out, b[i-1:]...)
				i = len(b)
				continue
			}
			r := rune(hex4(b[i+1 : i+5]))
			i += 4
			if utf16.IsSurrogate(r) {
				if i+7 <= len(b) && b[i+1] == '\\' && b[i+2] == 'u' {
					r2 := rune(hex4(b[i+3 : i+7]))
					if d := utf16.DecodeRune(r, r2); d != utf8.RuneError {
						r = d
						i += 6
					} else {
						r = utf8.RuneError
					}
				} else {
					r = utf8.RuneError
				}
			}
			out = utf8.AppendRune(out, r)
		default:
			out = append(out, b[i])
		}
	}
	return unsafe.String(unsafe.SliceData(out), len(out)) // out is not used again
}

func hex4(b []byte) int {
	v := 0
	for _, c := range b {
		v <<= 4
		switch {
		case c >= '0' && c <= '9':
			v |= int(c - '0')
		case c >= 'a' && c <= 'f':
			v |= int(c-'a') + 10
		case c >= 'A' && c <= 'F':
			v |= int(c-'A') + 10
		}
	}
	return v
}

// Memo returns the value stored under key, building it on first use. Rules use it to share a walk
// of the document (every rule runs over the same parsed file, one connector at a time, so no lock
// is needed: a Doc is never linted by two goroutines at once).
func (d *Doc) Memo(key string, build func() any) any {
	// Keys are string constants, whose bytes have one address: a slot chosen by that address answers
	// without hashing the key. The slot holds the key, so those bytes cannot be reused for another
	// key while it is there.
	p := unsafe.StringData(key)
	slot := &d.memoHot[uint32(uintptr(unsafe.Pointer(p)))*0x9E3779B1>>27]
	if len(key) > 0 && unsafe.StringData(slot.key) == p && len(slot.key) == len(key) {
		return slot.v
	}
	v, ok := d.memo[key]
	if !ok {
		if d.memo == nil {
			d.memo = make(map[string]any, 32) // a corpus swagger's memos number 31 at the median
		}
		v = build()
		d.memo[key] = v
	}
	*slot = memoSlot{key, v}
	return v
}

type memoSlot struct {
	key string
	v   any
}
