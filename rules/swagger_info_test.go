package rules

import (
	"math/rand"
	"strings"
	"testing"

	"github.com/connectorlint/connectorlint/connector"
)

// inHasFirstWordPlain is inFirstWords.in as first written: one scan of s per phrase.
func inHasFirstWordPlain(s string, phrases []string) bool {
	for _, ph := range phrases {
		words := strings.Fields(ph)
		if len(words) == 0 {
			return true
		}
		w := strings.ToLower(words[0])
		for i := 0; i+len(w) <= len(s); i++ {
			if s[i]|0x20 == w[0]|0x20 && strings.EqualFold(s[i:i+len(w)], w) {
				return true
			}
		}
	}
	return false
}

// inFirstWords.in (one pass) agrees with the plain scans on the corpus's titles and
// descriptions and on random ASCII strings made of pieces of the phrases.
func TestInHasFirstWordMatchesPlain(t *testing.T) {
	lists := [][]string{inTitleRestricted.list, inProductNames.list, inDescRestricted.list, inDescProductNames.list, {"x y", "Ab"}, {" "}}
	var texts []string
	for f, src := range corpusSwaggerFiles(t) {
		d := connector.Parse(f, src)
		info := d.Get(d.Root, "info")
		texts = append(texts, d.GetString(info, "title"), d.GetString(info, "description"))
	}
	pieces := []string{"power", "POWER", "Apps", "automat", "bi", "Copilot", "studio", "Dataverse", "api", "APIs", "connect",
		"logic", " ", "-", "p", "P", "`", "@", "0", "x", "AB", "\x10"}
	r := rand.New(rand.NewSource(6))
	for i := 0; i < 5000; i++ {
		var b strings.Builder
		for j := r.Intn(8); j > 0; j-- {
			b.WriteString(pieces[r.Intn(len(pieces))])
		}
		texts = append(texts, b.String())
	}
	for _, s := range texts {
		if !isASCII(s) {
			continue // inFindPhrases asks only about ASCII strings
		}
		for _, list := range lists {
			if got, want := newInFirstWords(list).in(s), inHasFirstWordPlain(s, list); got != want {
				t.Fatalf("first words of %q in %q: %v, want %v", list, s, got, want)
			}
		}
	}
}
