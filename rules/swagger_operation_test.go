package rules

import (
	"fmt"
	"math/rand"
	"regexp"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// The operationId and text matchers of swagger_operation.go stand in for regexps and for opNormText:
// they must agree with them.
func TestOperationScannersMatchRegexps(t *testing.T) {
	cases := append(scannerCases(), "GetItems_V2", "GetItems_v12", "Get_V", "_V2", "V2", "a_V2_V3", "GetItemsV2",
		"Get Items.", "  get   items ..  ", "Get items. ", "get\titems\n", "Get\u00a0items", "É. .", ". .", "a..b.",
		"\vA\fB\r", "x\u0085y")
	var buf []byte
	for _, s := range cases {
		if got, want := opIDHasBadChar(s), opIDBadChar.MatchString(s); got != want {
			t.Errorf("opIDHasBadChar(%q) = %v, the regexp says %v", s, got, want)
		}
		if got, want := opTrimRevision(s), opRevisionSuffix.ReplaceAllString(s, ""); got != want {
			t.Errorf("opTrimRevision(%q) = %q, the regexp says %q", s, got, want)
		}
		if got, want := opIsPascal(s), opPascal.MatchString(s); got != want {
			t.Errorf("opIsPascal(%q) = %v, the regexp says %v", s, got, want)
		}
		for _, w := range []string{"deprecated", "ab", "a"} {
			if got, want := opContainsLower(s+"DePrEcAtEd"[:len(s)%11], w), strings.Contains(strings.ToLower(s+"DePrEcAtEd"[:len(s)%11]), w); got != want {
				t.Errorf("opContainsLower(%q, %q) = %v, want %v", s, w, got, want)
			}
		}
		for _, w := range opWords(s) {
			if got, want := opNoLower(w), strings.ToUpper(w) == w; got != want {
				t.Errorf("opNoLower(%q) = %v, strings.ToUpper says %v", w, got, want)
			}
		}
		for _, u := range []string{strings.ToUpper(s) + " .", s, "x", " " + s + ". .", "." + s, s + "x"} {
			if n := opNormText(s); opRepeats(&buf, s, u) != (n != "" && n == opNormText(u)) {
				t.Errorf("opRepeats(%q, %q) = %v; opNormText gives %q and %q", s, u, !(n != "" && n == opNormText(u)), n, opNormText(u))
			}
		}
	}
}

// The template matchers of swagger_operations_paths.go stand in for opVarRe and opSegRegexp.
func TestPathTemplateScannersMatchRegexps(t *testing.T) {
	r := rand.New(rand.NewSource(2))
	alphabet := []string{"a", "B", "k", "{", "}", "{x}", "{id}", "/", "-", ".", "\n", "é", "\u212a", "*", "(", "\x01"}
	var cases []string
	for i := 0; i < 20000; i++ {
		s := ""
		for j := r.Intn(7); j > 0; j-- {
			s += alphabet[r.Intn(len(alphabet))]
		}
		cases = append(cases, s)
	}
	cases = append(cases, "{id}", "items", "{a}{b}", "{{a}", "a{b}c{d}e", "v{version}", "{x}.json", "ITEMS")
	var c opSegCache
	for i, s := range cases {
		var spans [][]int
		for a, b := opNextVar(s, 0); a >= 0; a, b = opNextVar(s, b) {
			spans = append(spans, []int{a, b})
		}
		if want := opVarRe.FindAllStringIndex(s, -1); fmt.Sprint(spans) != fmt.Sprint(want) {
			t.Errorf("opNextVar(%q) = %v, the regexp says %v", s, spans, want)
		}
		if got, want := opReplaceVars(s), opVarRe.ReplaceAllString(s, "{}"); got != want {
			t.Errorf("opReplaceVars(%q) = %q, the regexp says %q", s, got, want)
		}
		if !utf8.ValidString(s) {
			continue
		}
		for _, seg := range []string{cases[(i+1)%len(cases)], strings.ToUpper(s), "x" + s + "y", strings.ReplaceAll(s, "{id}", "42")} {
			if !utf8.ValidString(seg) {
				continue
			}
			if got, want := c.matches(s, seg), opSegRegexp(s).MatchString(seg); got != want {
				t.Errorf("matches(%q, %q) = %v, the regexp says %v", s, seg, got, want)
			}
		}
	}
}

// A template segment that is not UTF-8 (the parser tolerates such bytes) must not make the rule panic.
func TestOpSegRegexpInvalidUTF8(t *testing.T) {
	re := opSegRegexp("{x}\xff")
	if !re.MatchString("a\xff") {
		t.Errorf("%q does not match %q", re, "a\xff")
	}
	var c opSegCache
	if !c.matches("b\xfe", "B\xfe") {
		t.Errorf("a non-ASCII segment no longer matches itself ignoring case")
	}
}

// TestOpShorten checks opShorten against the conversion to runes it replaced.
func TestOpShorten(t *testing.T) {
	old := func(s string) string {
		if utf8.RuneCountInString(s) <= 60 {
			return s
		}
		r := []rune(s)
		return "…" + string(r[len(r)-60:])
	}
	parts := []string{"a", "é", "日本", "\xff", "\xe2\x82", " ", "😀"}
	r := rand.New(rand.NewSource(1))
	for n := 0; n < 20000; n++ {
		var b strings.Builder
		for j := r.Intn(90); j > 0; j-- {
			b.WriteString(parts[r.Intn(len(parts))])
		}
		if s := b.String(); opShorten(s) != old(s) {
			t.Fatalf("%q: %q, want %q", s, opShorten(s), old(s))
		}
	}
}

// TestOpByteSets checks the byte-table tests against the strings functions they replaced.
func TestOpByteSets(t *testing.T) {
	parts := []string{"a", "Z", "0", "9", " ", "(", ")", "/", "\\", "<", ">", "*", "%", "&", "?", "-", "é", "\xff", "٣", "_"}
	r := rand.New(rand.NewSource(2))
	for n := 0; n < 20000; n++ {
		var b strings.Builder
		for j := r.Intn(6); j > 0; j-- {
			b.WriteString(parts[r.Intn(len(parts))])
		}
		s := b.String()
		if opHasRestricted(s) != strings.ContainsAny(s, opRestricted) || opHasDigitByte(s) != strings.ContainsAny(s, "0123456789") {
			t.Fatalf("%q", s)
		}
		for _, c := range s {
			want := unicode.IsLetter(c) || unicode.IsDigit(c) || c == ' ' || c == '(' || c == ')' || strings.ContainsRune(opRestricted, c)
			if got := c < utf8.RuneSelf && opCharsetOK[c] || c >= utf8.RuneSelf && (unicode.IsLetter(c) || unicode.IsDigit(c)); got != want {
				t.Fatalf("%q", c)
			}
		}
	}
}

// TestOpSentenceEnd checks opSentenceEnd against the strings.TrimRight version it replaced.
func TestOpSentenceEnd(t *testing.T) {
	old := func(s string) bool {
		s = strings.TrimRight(strings.TrimSpace(s), "\"'”’")
		r, _ := utf8.DecodeLastRuneInString(s)
		return r == '.' || r == '!' || r == '?' || r == ')' || r == '。'
	}
	parts := []string{"a", ".", "!", "?", ")", "。", "\"", "'", "”", "’", " ", "\xe2\x80", "\xff", "\u2019\u2019"}
	r := rand.New(rand.NewSource(4))
	for n := 0; n < 20000; n++ {
		var b strings.Builder
		for j := r.Intn(6); j > 0; j-- {
			b.WriteString(parts[r.Intn(len(parts))])
		}
		if s := b.String(); opSentenceEnd(s) != old(s) {
			t.Fatalf("%q: %v", s, opSentenceEnd(s))
		}
	}
}

// The regexps that opIDHasBadChar, opIsPascal and opTrimRevision replaced; the tests compare with them.
var (
	opIDBadChar      = regexp.MustCompile(`[^A-Za-z0-9_]`)
	opPascal         = regexp.MustCompile(`^[A-Z][A-Za-z0-9]*$`)
	opRevisionSuffix = regexp.MustCompile(`_[Vv][0-9]+$`)
)
