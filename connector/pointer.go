package connector

import (
	"net/url"
	"strconv"
	"strings"
)

// Pointer returns the RFC 6901 JSON Pointer of n ("" for the root), the form Microsoft's validator
// prints as ValuePath.
func (d *Doc) Pointer(n NodeID) string {
	if n < 0 || int(n) >= len(d.Nodes) {
		return ""
	}
	var stack [64]NodeID // the path from n up to the root, n first
	chain := stack[:0]
	for c := n; d.Nodes[c].Parent != None; c = d.Nodes[c].Parent {
		chain = append(chain, c)
	}
	var buf [256]byte
	b := buf[:0]
	for i := len(chain) - 1; i >= 0; i-- {
		c := chain[i]
		parent := d.Nodes[c].Parent
		b = append(b, '/')
		if d.Nodes[parent].Kind == Object {
			b = appendToken(b, d.Key(c))
		} else {
			k := 0
			for x := d.Nodes[parent].First; x != c && x != None; x = d.Nodes[x].Next {
				k++
			}
			b = strconv.AppendInt(b, int64(k), 10)
		}
	}
	return string(b)
}

// appendToken appends reference token s to b, escaped ("~" as "~0", "/" as "~1"). The runs between
// those bytes are appended whole.
func appendToken(b []byte, s string) []byte {
	for {
		i := tokenSpecial(s)
		if i < 0 {
			return append(b, s...)
		}
		b = append(b, s[:i]...)
		if s[i] == '~' {
			b = append(b, '~', '0')
		} else {
			b = append(b, '~', '1')
		}
		s = s[i+1:]
	}
}

// tokenSpecial returns the index of the first '~' or '/' in s, or -1. It skips eight bytes at a time
// while none of them is one of those.
func tokenSpecial(s string) int {
	i := 0
	for ; i+8 <= len(s); i += 8 {
		const lo, hi = 0x0101010101010101, 0x8080808080808080
		x := le64(s[i:])
		a, t := x^(lo*'/'), x^(lo*'~') // a zero byte where x holds '/' or '~'
		if ((a-lo)&^a|(t-lo)&^t)&hi != 0 {
			break
		}
	}
	for ; i < len(s); i++ {
		if c := s[i]; c == '/' || c == '~' {
			return i
		}
	}
	return -1
}

// JoinPointer appends reference tokens to a JSON Pointer, escaping them.
func JoinPointer(base string, tokens ...string) string {
	b := []byte(base)
	for _, t := range tokens {
		b = appendToken(append(b, '/'), t)
	}
	return string(b)
}

func unescapeToken(s string) string {
	if !strings.Contains(s, "~") {
		return s
	}
	return strings.ReplaceAll(strings.ReplaceAll(s, "~1", "/"), "~0", "~")
}

// Lookup returns the node at JSON Pointer ptr ("" or "/..."), or None.
func (d *Doc) Lookup(ptr string) NodeID {
	n := d.Root
	if ptr == "" {
		return n
	}
	if !strings.HasPrefix(ptr, "/") {
		return None
	}
	for _, tok := range strings.Split(ptr[1:], "/") {
		tok = unescapeToken(tok)
		switch d.Kind(n) {
		case Object:
			n = d.Get(n, tok)
		case Array:
			i, err := strconv.Atoi(tok)
			if err != nil || i < 0 || tok != strconv.Itoa(i) {
				return None
			}
			n = d.index(n, i)
		default:
			return None
		}
		if n == None {
			return None
		}
	}
	return n
}

func (d *Doc) index(arr NodeID, i int) NodeID {
	for x := d.Nodes[arr].First; x != None; x = d.Nodes[x].Next {
		if i == 0 {
			return x
		}
		i--
	}
	return None
}

// RefStatus says what became of a $ref.
type RefStatus uint8

// Ref statuses.
const (
	RefNone     RefStatus = iota // n holds no $ref
	RefOK                        // resolved
	RefNotLocal                  // not a "#/..." reference (another file or URL); left alone
	RefInvalid                   // not a string, or not a valid JSON Pointer
	RefDangling                  // the target does not exist
	RefCycle                     // a chain of $refs that loops
)

// maxRefHops bounds a chain of $ref → $ref.
const maxRefHops = 32

// Ref returns the $ref member of object n, or None.
func (d *Doc) Ref(n NodeID) NodeID { return d.Get(n, "$ref") }

// Resolve follows n's $ref chain to the first node without a $ref. It returns n itself with RefNone
// when n holds no $ref; on failure it returns n and the reason.
func (d *Doc) Resolve(n NodeID) (NodeID, RefStatus) {
	ref := d.Ref(n)
	if ref == None {
		return n, RefNone
	}
	cur := n
	for hop := 0; hop < maxRefHops; hop++ {
		if hop > 0 { // the $ref of n itself is known
			if ref = d.Ref(cur); ref == None {
				return cur, RefOK
			}
		}
		target, st := d.refTarget(ref)
		if st != RefOK {
			return n, st
		}
		if target == cur || target == n {
			return n, RefCycle
		}
		cur = target
	}
	return n, RefCycle
}

// R resolves n when it holds a local $ref and returns the target; on any failure it returns n.
func (d *Doc) R(n NodeID) NodeID {
	t, _ := d.Resolve(n)
	return t
}

// RefTarget returns the node a single $ref string node points at.
func (d *Doc) RefTarget(ref NodeID) (NodeID, RefStatus) { return d.refTarget(ref) }

func (d *Doc) refTarget(ref NodeID) (NodeID, RefStatus) {
	s, ok := d.Str(ref)
	if !ok {
		return None, RefInvalid
	}
	if !strings.HasPrefix(s, "#") {
		return None, RefNotLocal
	}
	frag := s[1:]
	if strings.Contains(frag, "%") {
		u, err := url.PathUnescape(frag)
		if err != nil {
			return None, RefInvalid
		}
		frag = u
	}
	if frag != "" && !strings.HasPrefix(frag, "/") {
		return None, RefInvalid
	}
	t, ok := d.refs[frag]
	if !ok {
		t = d.Lookup(frag)
		if d.refs == nil {
			d.refs = map[string]NodeID{}
		}
		d.refs[frag] = t
	}
	if t == None {
		return None, RefDangling
	}
	return t, RefOK
}
