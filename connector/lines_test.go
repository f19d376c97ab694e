package connector

import (
	"math/rand"
	"testing"
	"unicode/utf8"
)

// TestPosIndependentOfOrder: Pos remembers its last answer to go faster; the answer for an offset
// must not depend on which offsets were asked before, even offsets inside a character.
func TestPosIndependentOfOrder(t *testing.T) {
	r := rand.New(rand.NewSource(7))
	pieces := []string{"a", " ", "\n", "é", "€", "😀", "\xff", "\xe2\x82", "\r\n"}
	for round := 0; round < 300; round++ {
		var src []byte
		for n := r.Intn(40); n > 0; n-- {
			src = append(src, pieces[r.Intn(len(pieces))]...)
		}
		shared := NewLines(src)
		for k := 0; k < 50; k++ {
			off := r.Intn(len(src) + 2)
			got, want := shared.Pos(off), NewLines(src).Pos(off)
			if got != want {
				t.Fatalf("src %q offset %d: %+v after other queries, %+v fresh", src, off, got, want)
			}
		}
	}
}

// TestPosCountsLikeDecodeRune: the columns Pos gives (eight ASCII bytes at a time) are those of
// counting the line's runes one by one.
func TestPosCountsLikeDecodeRune(t *testing.T) {
	r := rand.New(rand.NewSource(8))
	pieces := []string{"abcdefghijk", "a", "        ", "\n", "é", "€", "😀", "\xff", "\xe2\x82"}
	for round := 0; round < 300; round++ {
		var src []byte
		for n := r.Intn(40); n > 0; n-- {
			src = append(src, pieces[r.Intn(len(pieces))]...)
		}
		l := NewLines(src)
		for k := 0; k < 50; k++ {
			off := r.Intn(len(src) + 1)
			want := Pos{Line: 1, Col: 1, Col16: 1}
			for i := 0; i < off; {
				if src[i] == '\n' {
					want.Line, want.Col, want.Col16 = want.Line+1, 1, 1
					i++
					continue
				}
				ru, size := utf8.DecodeRune(src[i:off])
				i += size
				want.Col++
				want.Col16++
				if ru >= 0x10000 {
					want.Col16++
				}
			}
			if got := l.Pos(off); got != want {
				t.Fatalf("src %q offset %d: %+v, want %+v", src, off, got, want)
			}
		}
	}
}
