package connector

import (
	"math/rand"
	"testing"
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
