package rules

import (
	"math/rand"
	"testing"
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
