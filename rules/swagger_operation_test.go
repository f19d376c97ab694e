package rules

import (
	"strings"
	"testing"
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
		for _, w := range opWords(s) {
			if got, want := opNoLower(w), strings.ToUpper(w) == w; got != want {
				t.Errorf("opNoLower(%q) = %v, strings.ToUpper says %v", w, got, want)
			}
		}
		for _, u := range []string{strings.ToUpper(s) + " .", s, "x"} {
			same, nonEmpty := opSameNormText(&buf, s, u)
			if n := opNormText(s); same != (n == opNormText(u)) || nonEmpty != (n != "") {
				t.Errorf("opSameNormText(%q, %q) = %v, %v; opNormText gives %q and %q", s, u, same, nonEmpty, n, opNormText(u))
			}
		}
	}
}
