package rules

import (
	"math/rand"
	"strings"
	"testing"
)

// TestRdHasWordFields checks rdHasWord against the words of strings.Fields.
func TestRdHasWordFields(t *testing.T) {
	alpha := []string{"faq", "faqs", "a", " ", "  ", "\t", "\u00a0", "\u0085", "\u2003", "\xff", "é", "known", "x"}
	words := []string{"faq", "faqs", "known"}
	r := rand.New(rand.NewSource(3))
	for i := 0; i < 200000; i++ {
		var b strings.Builder
		for j := r.Intn(8); j > 0; j-- {
			b.WriteString(alpha[r.Intn(len(alpha))])
		}
		s := b.String()
		want := false
		for _, w := range strings.Fields(s) {
			for _, x := range words {
				want = want || w == x
			}
		}
		if got := rdHasWord(s, words...); got != want {
			t.Fatalf("rdHasWord(%q) = %v, want %v", s, got, want)
		}
	}
}

// TestRdHasLetterOrDigit checks rdHasLetterOrDigit against rdKey.
func TestRdHasLetterOrDigit(t *testing.T) {
	alpha := []string{"a", "Z", "9", " ", "-", "\xff", "é", "\u00a0", "٣", "_", "*", "ǅ", "\u2003"}
	r := rand.New(rand.NewSource(5))
	for i := 0; i < 100000; i++ {
		var b strings.Builder
		for j := r.Intn(5); j > 0; j-- {
			b.WriteString(alpha[r.Intn(len(alpha))])
		}
		s := b.String()
		if rdHasLetterOrDigit(s) != (rdKey(s) != "") {
			t.Fatalf("rdHasLetterOrDigit(%q) = %v, rdKey %q", s, rdHasLetterOrDigit(s), rdKey(s))
		}
	}
}
