package connector

import (
	"bytes"
	"encoding/binary"
	"math/bits"
	"unicode/utf8"
)

// Pos is a position in a file. Line and Col are 1-based; Col counts Unicode code points, Col16 counts
// UTF-16 code units (what SARIF and GitHub expect).
type Pos struct {
	Line, Col, Col16 int
}

// Lines is a line table over a source text, built on first use.
type Lines struct {
	src    []byte
	starts []int32
	// memo of the last conversion, so that increasing offsets on one very long line cost their
	// distance, not the line's length each time
	lastOff int
	lastPos Pos
}

// NewLines returns a line table for src.
func NewLines(src []byte) *Lines { return &Lines{src: src} }

func (l *Lines) build() {
	if l.starts != nil {
		return
	}
	l.starts = make([]int32, 1, bytes.Count(l.src, []byte{'\n'})+1)
	// Eight bytes at a time: z has the high bit of each byte that is '\n' (exactly; no false positives).
	src, i := l.src, 0
	for ; i+8 <= len(src); i += 8 {
		const lo7 = 0x7F7F7F7F7F7F7F7F
		x := binary.LittleEndian.Uint64(src[i:]) ^ 0x0A0A0A0A0A0A0A0A
		z := ^((x&lo7 + lo7) | x | lo7)
		for z != 0 {
			l.starts = append(l.starts, int32(i+bits.TrailingZeros64(z)/8+1))
			z &= z - 1
		}
	}
	for ; i < len(src); i++ {
		if src[i] == '\n' {
			l.starts = append(l.starts, int32(i+1))
		}
	}
}

// Pos converts a byte offset into a position. Offsets past the end clamp to the end.
func (l *Lines) Pos(off int) Pos {
	l.build()
	if off < 0 {
		off = 0
	}
	if off > len(l.src) {
		off = len(l.src)
	}
	// the last line that starts at or before off: binary search for the first line that starts after
	// it, in the lines after the last answer's when off is not before it (offsets mostly come in
	// increasing order), galloping to bound the range
	lo, hi := 0, len(l.starts)
	if a := l.lastPos.Line - 1; a >= 0 && l.lastOff <= off {
		lo = a + 1
		p := lo
		for step := 1; p < hi && int(l.starts[p]) <= off; step <<= 1 {
			lo = p + 1
			p += step
		}
		hi = min(p, hi)
	}
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if int(l.starts[m]) > off {
			hi = m
		} else {
			lo = m + 1
		}
	}
	i := lo - 1
	ls := int(l.starts[i])
	col, col16 := 1, 1
	// Continue from the last answer on the same line, unless it fell inside a character: counting
	// from there would not count as counting from the line start does.
	if l.lastPos.Line == i+1 && l.lastOff <= off && l.lastOff >= ls &&
		(l.lastOff == len(l.src) || utf8.RuneStart(l.src[l.lastOff])) {
		ls, col, col16 = l.lastOff, l.lastPos.Col, l.lastPos.Col16
	}
	seg := l.src[ls:off]
	for len(seg) >= 8 { // ASCII eight bytes at a time
		if binary.LittleEndian.Uint64(seg)&0x8080808080808080 != 0 {
			break
		}
		seg = seg[8:]
		col += 8
		col16 += 8
	}
	for len(seg) > 0 {
		if seg[0] < utf8.RuneSelf {
			seg = seg[1:]
			col++
			col16++
			continue
		}
		r, size := utf8.DecodeRune(seg)
		seg = seg[size:]
		col++
		if r >= 0x10000 {
			col16 += 2
		} else {
			col16++
		}
	}
	l.lastOff, l.lastPos = off, Pos{Line: i + 1, Col: col, Col16: col16}
	return l.lastPos
}

// Line returns the text of 1-based line n without its line break.
func (l *Lines) Line(n int) []byte {
	l.build()
	if n < 1 || n > len(l.starts) {
		return nil
	}
	s := int(l.starts[n-1])
	e := len(l.src)
	if n < len(l.starts) {
		e = int(l.starts[n]) - 1
	}
	if e > s && l.src[e-1] == '\r' {
		e--
	}
	return l.src[s:e]
}

// Starts returns the byte offset of the start of every line, in order (the table itself: do not
// modify it). A text that ends with a line break has a last, empty line starting at its end.
func (l *Lines) Starts() []int32 { l.build(); return l.starts }

// Count returns the number of lines.
func (l *Lines) Count() int { l.build(); return len(l.starts) }

// Offset converts a 1-based line and code-point column back into a byte offset.
func (l *Lines) Offset(line, col int) int {
	l.build()
	if line < 1 {
		return 0
	}
	if line > len(l.starts) {
		return len(l.src)
	}
	off := int(l.starts[line-1])
	for c := 1; c < col && off < len(l.src) && l.src[off] != '\n'; c++ {
		_, size := utf8.DecodeRune(l.src[off:])
		off += size
	}
	return off
}
