package rules

import (
	"math/rand"
	"strings"
	"testing"
)

// TestFlLiteralMaskSound checks that the prefilter of flStrongSecret never leaves out a pattern that
// matches: flStrongSecret must find what running every pattern finds.
func TestFlLiteralMaskSound(t *testing.T) {
	frags := []string{"api", "API", "Api", "key", "KEY", " ", "_", "-", ".", "secret", "Secret", "token", "TOKEN",
		"password", "passwd", "pwd", "PWD", "access", "bearer", "Bearer", "is", "IS", ":", "=", "\"", "'", "\t", "\n",
		"eyJ", "AKIA", "ASIA", "ghp_", "gho_", "github_pat_", "xoxb-", "123456", "sk_live_", "rk_live_", "AIza", "SG.",
		"sk-", "proj-", "AccountKey=", "-----BEGIN ", "RSA ", "PRIVATE KEY-----", "aB3dE5gH7jK9mN1pQ2rS4tU6vW8xY0z",
		"Q7w9E2r4T6y8U1i3O5p", "0123456789", "ABCDEFGHIJKLMNOP", "x", "/", "+", "é", "ſ", "K", "s", "tokens", "my",
		"{", "}", ",", "(", "is ", "==",
		"apiKey", "api_key=", "Api-Key:", "access key", "secret: ", "token=", "password is ", "pwd\"=", "Bearer ",
		// whole credentials
		"eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhYmMifQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6y", "xoxb-9081726-QwErTyUiOpZx",
		"AKIAQWERTYUIOPASDFGH", "ghp_aB3dE5gH7jK9mN1pQ2rS4tU6vW8xY0zaB3dE5", "sk_live_aB3dE5gH7jK9mN1pQ2rS4",
		"AIzaSyA1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q", "SG.aB3dE5gH7jK9mN1pQ2rS.tU6vW8xY0zaB3dE5gH7j",
		"sk-aB3dE5gH7jK9mN1pQ2rS4tU6vW8xY0zaB3"}
	r := rand.New(rand.NewSource(7))
	for n := 0; n < 60000; n++ {
		var b strings.Builder
		for j := 2 + r.Intn(14); j > 0; j-- {
			b.WriteString(frags[r.Intn(len(frags))])
		}
		s := b.String()
		if len(s) < 20 {
			continue
		}
		w, m := flStrongSecret(s)
		ww, mm := flStrongSecretMatch(s, 1<<len(flStrongSecrets)-1)
		if w != ww || m != mm {
			t.Fatalf("%q: prefiltered %q %q, every pattern %q %q", s, w, m, ww, mm)
		}
	}
}

func TestFlLiteralIn(t *testing.T) {
	r := rand.New(rand.NewSource(3))
	frags := []string{"-", "--", "-----", "BEGIN", "B", "EGIN", "-----BEGIN", "x", " ", "é"}
	for n := 0; n < 100000; n++ {
		var b strings.Builder
		for j := r.Intn(12); j > 0; j-- {
			b.WriteString(frags[r.Intn(len(frags))])
		}
		s := b.String()
		if flBegin.in(s) != strings.Contains(s, "-----BEGIN") {
			t.Fatalf("%q", s)
		}
	}
}
