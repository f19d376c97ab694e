package rules

import (
	"math/rand"
	"strings"
	"testing"
	"unicode"
)

// oldWords, oldKey and oldStem are the previous implementations.
func oldWords(s string) string {
	var b strings.Builder
	space := true
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(unicode.ToLower(r))
			space = false
		} else if !space {
			b.WriteByte(' ')
			space = true
		}
	}
	return strings.TrimSpace(b.String())
}
func oldKey(s string) string {
	var b strings.Builder
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}
func oldStem(s string) string {
	var b strings.Builder
	for _, w := range strings.Fields(oldWords(s)) {
		if w == "a" || w == "an" || w == "the" {
			continue
		}
		if len(w) > 3 && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") {
			w = w[:len(w)-1]
		}
		b.WriteString(w)
	}
	return b.String()
}

// TestRdWordsEquivalence checks rdWords, rdKey and rdStem (ASCII fast path) against the plain rune
// loops they replaced, on random mixes of ASCII, non-ASCII letters, spaces and invalid bytes.
func TestRdWordsEquivalence(t *testing.T) {
	ins := []string{"## **Pre-requisites:**", "Get item (V2)", "Create PDF documents", "the Class", ""}
	r := rand.New(rand.NewSource(1))
	alpha := []string{"a", "B", "é", "İ", "\xff", " ", "-", "s", "ss", "the", "Ω", "ǅ", "1", "\u00a0", "\t", "ﬁ"}
	for i := 0; i < 200000; i++ {
		var b strings.Builder
		for j := r.Intn(12); j > 0; j-- {
			b.WriteString(alpha[r.Intn(len(alpha))])
		}
		ins = append(ins, b.String())
	}
	for _, s := range ins {
		k, st := rdKeyAndStemBytes([]byte(s), true)
		if oldWords(s) != rdWords(s) || oldKey(s) != rdKey(s) || oldStem(s) != rdStem(s) || string(k) != oldKey(s) || string(st) != oldStem(s) {
			t.Fatalf("differ on %q: %q %q / %q %q / %q %q", s, oldWords(s), rdWords(s), oldKey(s), rdKey(s), oldStem(s), rdStem(s))
		}
	}
}
