package rules

import (
	"fmt"
	"math/rand"
	"regexp"
	"strings"
	"testing"
	"unicode"
)

func TestMimeScannerMatchesRegexp(t *testing.T) {
	cases := []string{"application/json", "text/plain; charset=utf-8", "text/plain;charset=\"utf-8\"", "a/b ; c=d", "a/b;c=\"x\\\"y\"",
		"a/b;c=\"x\\\ny\"", "a/b;c=\"\xff\"", "a/b;c=\"\\\xff\"", "a/b;", "a/b; c", "a/b; c=", "/b", "a/", "a b/c", " a/b", "a/b ", "a/b\t;\tc=d;e=f"}
	r := rand.New(rand.NewSource(3))
	alphabet := []string{"a", "Z", "0", "/", ";", "=", " ", "\t", "\"", "\\", "\n", "é", "\xff", "*", "(", ",", "x/y", ";q=1"}
	for i := 0; i < 50000; i++ {
		s := ""
		for j := r.Intn(10); j > 0; j-- {
			s += alphabet[r.Intn(len(alphabet))]
		}
		cases = append(cases, s, "a/b;k="+s, "t/s; p=\""+s)
	}
	for _, s := range cases {
		if got, want := flIsMime(s), flMimeRe.MatchString(s); got != want {
			t.Errorf("flIsMime(%q) = %v, the regexp says %v", s, got, want)
		}
	}
}

func TestInTokensASCII(t *testing.T) {
	r := rand.New(rand.NewSource(4))
	alphabet := []string{"a", "Z", "0", " ", "-", "Power", "APPS", ".", "é"}
	for i := 0; i < 20000; i++ {
		s := ""
		for j := r.Intn(10); j > 0; j-- {
			s += alphabet[r.Intn(len(alphabet))]
		}
		got := inTokens(s)
		// the general path
		var want []inToken
		start := -1
		for i, c := range s + "\x00" {
			word := unicode.IsLetter(c) || unicode.IsDigit(c)
			if word && start < 0 {
				start = i
			}
			if !word && start >= 0 {
				want = append(want, inToken{start, i, strings.ToLower(s[start:i])})
				start = -1
			}
		}
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("inTokens(%q) = %v, want %v", s, got, want)
		}
	}
}

// A media type per RFC 9110: type "/" subtype *( OWS ";" OWS parameter ), tokens of tchar.
// flIsMime replaced it; the tests compare with it.
var flMimeRe = regexp.MustCompile("^[A-Za-z0-9!#$%&'*+.^_`|~-]+/[A-Za-z0-9!#$%&'*+.^_`|~-]+" +
	"(?:[ \t]*;[ \t]*[A-Za-z0-9!#$%&'*+.^_`|~-]+=(?:[A-Za-z0-9!#$%&'*+.^_`|~-]+|\"(?:[^\"\\\\]|\\\\.)*\"))*$")
