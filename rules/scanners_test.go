package rules

import (
	"math/rand"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// scannerCases are inputs for the hand-written matchers that stand in for regexps: edge cases, then
// random strings over an alphabet that exercises every branch.
func scannerCases() []string {
	cs := []string{"", "a", "ab", "abc", "aB", "abC", "abCd", "ab1C", "Ab", "aBc", "abc_", "_abc", "a_b", "a__b",
		"a_b_", "a_b_c", "A1_b2", "1_a", "a-b", "ab\u00e9C", "abC\n", "ab_C", "fooBar", "foo_bar", "FOO_BAR",
		"fooBarBaz2", "foo bar", "abcK", "ab\u212aC"}
	r := rand.New(rand.NewSource(1))
	alphabet := []string{"a", "b", "z", "A", "Z", "0", "9", "_", "-", " ", "\n", "é", "\u212a", "'", "’", "\xff",
		"\ufffd", "٣", ".", "\xe2\x80"}
	for i := 0; i < 20000; i++ {
		n := r.Intn(8)
		s := ""
		for j := 0; j < n; j++ {
			s += alphabet[r.Intn(len(alphabet))]
		}
		cs = append(cs, s)
	}
	return cs
}

func TestScannersMatchRegexps(t *testing.T) {
	for _, tc := range []struct {
		name string
		re   *regexp.Regexp
		fn   func(string) bool
	}{
		{"camelCase", scCamelCase, scIsCamelCase},
		{"snake_case", scSnakeCase, scIsSnakeCase},
	} {
		for _, s := range scannerCases() {
			if got, want := tc.fn(s), tc.re.MatchString(s); got != want {
				t.Errorf("%s(%q) = %v, the regexp says %v", tc.name, s, got, want)
			}
		}
	}
}

func TestWordScannersMatchRegexps(t *testing.T) {
	for _, s := range append(scannerCases(), "Get the user's items", "When an item’s state changes", "a1 b2 ÉCOLE ٣x") {
		if got, want := opWords(s), opWord.FindAllString(s, -1); !slices.Equal(got, want) {
			t.Errorf("opWords(%q) = %q, the regexp says %q", s, got, want)
		}
		if got, want := strings.ContainsAny(s, "0123456789"), opHasDigit.MatchString(s); got != want {
			t.Errorf("digit test of %q = %v, the regexp says %v", s, got, want)
		}
	}
}

// opWord is the regexp that opWords replaced; TestOpWords compares with it.
var opWord = regexp.MustCompile(`[\p{L}\p{N}][\p{L}\p{N}'’]*`)
