package rules

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand"
	"testing"
)

// quoteRunes is the rune-by-rune encoder that Quote replaced; Quote must give the same bytes.
func quoteRunes(s string) string {
	var b bytes.Buffer
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"':
			b.WriteString(`\"`)
		case r == '\\':
			b.WriteString(`\\`)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == '\t':
			b.WriteString(`\t`)
		case r < 0x20:
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

func TestQuoteSameAsRuneEncoder(t *testing.T) {
	cases := []string{"", "plain", `a"b\c`, "tab\tnl\nret\r", "\x00\x01\x1f\x7f", "é ü 日本 😀",
		"<html> & </html>", "\xff", "a\xc3", "\xe2\x82", "\xef\xbf\xbd", "\u2028\u2029", "x\xed\xa0\x80y"}
	pieces := []string{"a", "Z", " ", "\"", "\\", "\n", "\x01", "\x1f", "é", "日", "😀", "\xff", "\xc3", "\xe2\x82", "<", "~"}
	rng := rand.New(rand.NewSource(1))
	for i := 0; i < 20000; i++ {
		var b []byte
		for n := rng.Intn(12); n > 0; n-- {
			b = append(b, pieces[rng.Intn(len(pieces))]...)
		}
		cases = append(cases, string(b))
	}
	for _, s := range cases {
		got, want := Quote(s), quoteRunes(s)
		if got != want {
			t.Fatalf("Quote(%q) = %s, want %s", s, got, want)
		}
		var back string
		if err := json.Unmarshal([]byte(got), &back); err != nil {
			t.Fatalf("Quote(%q) = %s is not a JSON string: %v", s, got, err)
		}
	}
}

// guessIndentUnitSplit is the SplitN-based version that guessIndentUnit replaced.
func guessIndentUnitSplit(src []byte) string {
	for _, line := range bytes.SplitN(src, []byte{'\n'}, 8)[1:] {
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

func TestGuessIndentUnitSameAsSplit(t *testing.T) {
	pieces := []string{"\n", "\n", " ", "  ", "\t", "{", "\"a\": 1,", "\r\n", "x"}
	rng := rand.New(rand.NewSource(2))
	for i := 0; i < 20000; i++ {
		var b []byte
		for n := rng.Intn(30); n > 0; n-- {
			b = append(b, pieces[rng.Intn(len(pieces))]...)
		}
		if got, want := guessIndentUnit(b), guessIndentUnitSplit(b); got != want {
			t.Fatalf("guessIndentUnit(%q) = %q, want %q", b, got, want)
		}
	}
}
