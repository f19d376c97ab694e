package rules

import (
	"bytes"
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
		k, st := rdAppendKeyStem(nil, nil, []byte(s), true, false)
		if oldWords(s) != rdWords(s) || oldKey(s) != rdKey(s) || oldStem(s) != rdStem(s) || string(k) != oldKey(s) || string(st) != oldStem(s) {
			t.Fatalf("differ on %q: %q %q / %q %q / %q %q", s, oldWords(s), rdWords(s), oldKey(s), rdKey(s), oldStem(s), rdStem(s))
		}
	}
}

// TestRdStemCamel checks the camel mode of rdAppendKeyStem against rdStem(rdSplitCamel(s)).
func TestRdStemCamel(t *testing.T) {
	ins := []string{"GetItemsV2", "GetAItem", "listTheThings", "ABCs", "é", ""}
	r := rand.New(rand.NewSource(2))
	alpha := []string{"a", "A", "B", "s", "S", "é", "İ", "\xff", " ", "_", "Get", "The", "An", "1", "ǅ", "Ω"}
	for i := 0; i < 200000; i++ {
		var b strings.Builder
		for j := r.Intn(10); j > 0; j-- {
			b.WriteString(alpha[r.Intn(len(alpha))])
		}
		ins = append(ins, b.String())
	}
	for _, s := range ins {
		_, st := rdAppendKeyStem(nil, nil, s, false, true)
		if want := rdStem(rdSplitCamel(s)); string(st) != want {
			t.Fatalf("differ on %q: %q, want %q", s, st, want)
		}
	}
}

// rdSplitCamel turns "GetItemsV2" into "Get Items V2" so that operationIds match readme names.
func rdSplitCamel(s string) string {
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (r >= 'A' && r <= 'Z') && !(s[i-1] >= 'A' && s[i-1] <= 'Z') {
			b.WriteByte(' ')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// TestRdNeedlesFindIn checks rdNeedles.findIn against bytes.Contains on random texts and needles
// over a small alphabet (many partial matches, shared prefixes, duplicates, short needles).
func TestRdNeedlesFindIn(t *testing.T) {
	r := rand.New(rand.NewSource(4))
	word := func(n int) []byte {
		b := make([]byte, n)
		for i := range b {
			b[i] = "abcé"[r.Intn(4)]
		}
		return b
	}
	var nd rdNeedles // reused, as the rule reuses it
	for i := 0; i < 20000; i++ {
		text := word(r.Intn(300))
		nd.buf, nd.ends = nd.buf[:0], nd.ends[:0]
		var want []bool
		long := 1 + r.Intn(24) // at most: needles of 8 bytes or more take another path
		for j := r.Intn(40); j > 0; j-- {
			x := word(r.Intn(long))
			if len(text) > long && r.Intn(3) == 0 { // a piece of the text
				k := r.Intn(len(text) - long)
				x = text[k : k+r.Intn(long)]
			}
			nd.buf = append(nd.buf, x...)
			nd.ends = append(nd.ends, int32(len(nd.buf)))
			want = append(want, len(x) > 0 && bytes.Contains(text, x))
		}
		got := nd.findIn(text)
		for n := range want {
			if got[n] != want[n] {
				t.Fatalf("needle %q in %q: %v, want %v", nd.at(n), text, got[n], want[n])
			}
		}
	}
}
