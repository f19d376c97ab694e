package rules

import (
	"encoding/base64"
	"math"
	"math/bits"
	"regexp"
	"strings"
	"unicode"

	"github.com/connectorlint/connectorlint/connector"
)

// no-secrets-in-files, swagger part: credentials committed in example data, test values, defaults,
// connector metadata or descriptions.

type flSecretPattern struct {
	re   *regexp.Regexp
	what string
}

// flStrongSecrets have a shape that only real credentials (or their documented samples) have; they are
// looked for in every string of the file.
var flStrongSecrets = []flSecretPattern{
	{regexp.MustCompile(`-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY-----`), "private key"},
	{regexp.MustCompile(`\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{16,}`), "JSON Web Token"},
	{regexp.MustCompile(`\b(?:AKIA|ASIA)[0-9A-Z]{16}\b`), "AWS access key"},
	{regexp.MustCompile(`\bgh[pousr]_[A-Za-z0-9]{36,}\b`), "GitHub token"},
	{regexp.MustCompile(`\bgithub_pat_[A-Za-z0-9_]{50,}`), "GitHub token"},
	{regexp.MustCompile(`\bxox[abposr]-[0-9]{6,}-[A-Za-z0-9-]{10,}`), "Slack token"},
	{regexp.MustCompile(`\b[sr]k_live_[0-9A-Za-z]{20,}`), "Stripe live key"},
	{regexp.MustCompile(`\bAIza[0-9A-Za-z_-]{35}\b`), "Google API key"},
	{regexp.MustCompile(`\bSG\.[A-Za-z0-9_-]{20,}\.[A-Za-z0-9_-]{20,}`), "SendGrid API key"},
	{regexp.MustCompile(`\bsk-(?:proj-)?[A-Za-z0-9]{32,}`), "OpenAI API key"},
	{regexp.MustCompile(`AccountKey=[A-Za-z0-9+/]{40,}={0,2}`), "Azure storage account key"},
	{regexp.MustCompile(`(?i)\bbearer\s+([A-Za-z0-9._~+/-]{20,}=*)`), "bearer token"},
	{regexp.MustCompile(`(?i)\b(?:api[ _-]?key|secret|token|password|passwd|pwd|access[ _-]?key)\b["']?\s*(?:[:=]|is)\s*["']?([A-Za-z0-9+/_.=-]{20,})`), "secret"},
}

// flSecretLiterals holds, for each of flStrongSecrets, substrings one of which any match contains
// ("~" = compared in lower case).
var flSecretLiterals = [][]string{
	{"-----BEGIN"}, {"eyJ"}, {"AKIA", "ASIA"}, {"ghp_", "gho_", "ghu_", "ghs_", "ghr_"}, {"github_pat_"}, {"xox"}, {"k_live_"}, {"AIza"}, {"SG."}, {"sk-"},
	{"AccountKey="}, {"~bearer"}, {"~key", "~secret", "~token", "~password", "~passwd", "~pwd"},
}

// flSecretNameWords are the words of names (with separators removed, lower case) of values that are
// credentials.
var flSecretNameWords = []string{"apikey", "accesskey", "secretkey", "privatekey", "subscriptionkey", "appkey",
	"authkey", "secret", "password", "passwd", "pwd", "token", "credential", "signature", "authorization", "bearer"}

// flNotSecretNameWords are words of names that contain a secret word but hold no credential (so are
// names that end in "id" or "ids").
var flNotSecretNameWords = []string{"page", "next", "continuation", "sync", "cursor", "csrf", "type", "url", "uri",
	"endpoint", "expir", "count", "length", "name"}

var flPlaceholderWords = []string{
	"[[", "]]", "<", ">", "{", "}", "xxx", "***", "...", "…", "your", "example", "sample", "dummy", "placeholder",
	"fake", "redacted", "changeme", "replace", "insert", "enter", "test", "demo", "secret", "password", "token",
	"string", "here", "0000", "1234", "abcd", "1111", "aaaa", "@parameters", "$connection",
}

// flPlaceholder reports whether s is obviously not a real credential.
func flPlaceholder(s string) bool {
	l := strings.ToLower(s)
	for _, w := range flPlaceholderWords {
		if strings.Contains(l, w) {
			return true
		}
	}
	return false
}

// flRandomLooking reports whether s looks like a generated credential: long enough, one word, letters and
// digits mixed, high entropy, not a URL, path, e-mail, date or placeholder.
func flRandomLooking(s string) bool {
	if len(s) < 16 || len(s) > 1024 || strings.ContainsAny(s, " \t\n@") || strings.Contains(s, "://") ||
		strings.HasPrefix(s, "/") {
		return false
	}
	letters, digits := 0, 0
	for _, r := range s {
		switch {
		case unicode.IsLetter(r):
			letters++
		case unicode.IsDigit(r):
			digits++
		}
	}
	if letters == 0 || digits == 0 || letters+digits < len(s)*3/4 {
		return false
	}
	return flEntropy(s) >= 3.3 && !flPlaceholder(s) // flPlaceholder, which lower-cases s, last
}

// flEntropy is the Shannon entropy of s in bits per character.
func flEntropy(s string) float64 {
	if isASCII(s) {
		var counts [128]int
		for i := 0; i < len(s); i++ {
			counts[s[i]]++
		}
		h := 0.0
		for _, c := range counts {
			if c > 0 {
				p := float64(c) / float64(len(s))
				h -= p * math.Log2(p)
			}
		}
		return h
	}
	counts := map[rune]int{}
	n := 0
	for _, r := range s {
		counts[r]++
		n++
	}
	h := 0.0
	for _, c := range counts {
		p := float64(c) / float64(n)
		h -= p * math.Log2(p)
	}
	return h
}

// flJWTSample reports whether a JSON Web Token is the well-known sample from jwt.io and documentation.
func flJWTSample(tok string) bool {
	parts := strings.Split(tok, ".")
	if len(parts) < 2 {
		return false
	}
	b, err := base64.RawURLEncoding.DecodeString(strings.TrimRight(parts[1], "="))
	if err != nil {
		return false
	}
	return strings.Contains(string(b), "1234567890") || strings.Contains(string(b), "John Doe")
}

// flStrongSecret returns what kind of secret s contains, or "".
func flStrongSecret(s string) (what, match string) {
	if len(s) < 20 { // every pattern needs at least 20 characters
		return "", ""
	}
	longRun, ascii := flTokenRun(s)
	if ascii || flNoFoldToASCII(s) {
		return flStrongSecretMatch(s, flLiteralMask(s, longRun))
	}
	return flStrongSecretScanned(s, longRun)
}

// flNoFoldToASCII reports whether s holds neither of the two non-ASCII characters that fold to ASCII
// letters, U+017F (ſ, to s) and U+212A (the Kelvin sign, to k): then the case-insensitive patterns
// match in s only what they match in its ASCII bytes, and flLiteralMask may filter them as for ASCII
// text (other characters are neither word, white space nor token characters to the patterns).
func flNoFoldToASCII(s string) bool {
	return !strings.Contains(s, "\u017f") && !strings.Contains(s, "\u212a")
}

// flStrongSecretScanned is flStrongSecret for a string of 20 bytes or more that is not plain ASCII,
// whose flTokenRun is known.
func flStrongSecretScanned(s string, longRun bool) (what, match string) {
	// Every pattern but the private key matches a run of at least 20 bytes of [A-Za-z0-9._~+/=-]: a
	// string without one cannot match them. The case-insensitive patterns may also match non-ASCII text
	// that case-folds into their classes, so for such text they always take the regexp.
	var mask uint32
	var lower string
	for i := range flStrongSecrets {
		if i > 0 && !longRun && i < flCaseFoldFrom {
			continue
		}
		// Cheap literal test first: the regexps are run only on strings that could match.
		for _, lit := range flSecretLiterals[i] {
			hit := false
			if lit[0] == '~' {
				if lower == "" {
					lower = strings.ToLower(s)
				}
				hit = strings.Contains(lower, lit[1:])
			} else {
				hit = strings.Contains(s, lit)
			}
			if hit {
				mask |= 1 << i
				break
			}
		}
	}
	return flStrongSecretMatch(s, mask)
}

// flStrongSecretMatch runs the patterns of flStrongSecrets in mask (bit i for pattern i) on s and
// returns what the first one that finds a credential found.
func flStrongSecretMatch(s string, mask uint32) (what, match string) {
	for ; mask != 0; mask &= mask - 1 {
		sp := flStrongSecrets[bits.TrailingZeros32(mask)]
		for _, m := range sp.re.FindAllStringSubmatch(s, 4) {
			tok := m[0]
			if len(m) > 1 && m[1] != "" {
				tok = m[1]
			}
			switch sp.what {
			case "JSON Web Token":
				if flJWTSample(tok) {
					continue
				}
			case "bearer token", "secret":
				if !flRandomLooking(strings.TrimRight(tok, "=.")) {
					continue
				}
			default:
				if flPlaceholder(tok) {
					continue
				}
			}
			return sp.what, tok
		}
	}
	return "", ""
}

// flCaseFoldFrom is the index of the first of flStrongSecrets that is case-insensitive (the bearer and
// secret patterns, which are the last two and both end in a run of 20 or more token characters).
const flCaseFoldFrom = 11

// flTokenByte marks the bytes of [A-Za-z0-9._~+/=-], the union of the value classes of the bearer and
// secret patterns.
var flTokenByte = func() (t [256]bool) {
	for c := 'a'; c <= 'z'; c++ {
		t[c], t[c-'a'+'A'] = true, true
	}
	for c := '0'; c <= '9'; c++ {
		t[c] = true
	}
	for _, c := range "._~+/=-" {
		t[c] = true
	}
	return
}()

// flTokenRun reports whether s holds a run of 20 or more flTokenByte bytes, and whether s is plain
// ASCII.
func flTokenRun(s string) (longRun, ascii bool) {
	const n = 20
	// A run of n bytes that starts at or before a non-token byte j and ends after it cannot exist, so
	// each window is checked from its end and the next window starts after the last non-token byte
	// found: prose is mostly skipped over.
	for i := 0; i+n <= len(s); {
		j := i + n - 1
		for j >= i && flTokenByte[s[j]] {
			j--
		}
		if j < i {
			longRun = true
			break
		}
		i = j + 1
	}
	return longRun, isASCII(s)
}

// flWordStartByte marks the bytes that start a pattern at a word start (see flLiteralMask).
var flWordStartByte = func() (t [256]bool) {
	for _, c := range []byte("eAgxsrSbBaAsStTpP") {
		t[c] = true
	}
	return
}()

// flSpaceByte marks the bytes of \s ([\t\n\f\r ]).
var flSpaceByte = [256]bool{'\t': true, '\n': true, '\f': true, '\r': true, ' ': true}

// flLiteralMask returns the set (bit i for flStrongSecrets[i]) of the patterns worth running on s,
// which is ASCII or holds no character that folds to ASCII (see flNoFoldToASCII): only the private
// key when s holds no long run of token bytes (see flTokenRun); else those whose fixed start s
// contains: anywhere for the private key and the storage key, at a word start (the patterns' \b) for
// the others, and for the bearer and secret patterns (ASCII case ignored) with what must follow their
// keyword up to the value (see flKeywordAt). A pattern left out cannot match.
func flLiteralMask(s string, longRun bool) uint32 {
	var mask uint32
	if flBegin.in(s) {
		mask |= 1
	}
	if !longRun {
		return mask
	}
	for i := 0; i < len(s); {
		for i < len(s) && !asciiIdentByte[s[i]] {
			i++
		}
		if i == len(s) {
			break
		}
		// A word starts at i.
		c, rest := s[i], s[i:]
		for i++; i < len(s) && asciiIdentByte[s[i]]; i++ { // to the word's end
		}
		// "AccountKey=" (anywhere) ends a word, as '=' is no word byte.
		if i < len(s) && s[i] == '=' && i >= 10 && s[i-10:i] == "AccountKey" {
			mask |= 1 << 10
		}
		if !flWordStartByte[c] {
			continue
		}
		switch c {
		case 'e':
			if strings.HasPrefix(rest, "eyJ") {
				mask |= 1 << 1
			}
		case 'A':
			if strings.HasPrefix(rest, "AKIA") || strings.HasPrefix(rest, "ASIA") {
				mask |= 1 << 2
			} else if strings.HasPrefix(rest, "AIza") {
				mask |= 1 << 7
			}
		case 'g':
			if len(rest) >= 4 && rest[1] == 'h' && rest[3] == '_' && strings.IndexByte("pousr", rest[2]) >= 0 {
				mask |= 1 << 3
			} else if strings.HasPrefix(rest, "github_pat_") {
				mask |= 1 << 4
			}
		case 'x':
			if strings.HasPrefix(rest, "xox") {
				mask |= 1 << 5
			}
		case 's', 'r':
			if len(rest) >= 8 && rest[1:8] == "k_live_" {
				mask |= 1 << 6
			} else if c == 's' && strings.HasPrefix(rest, "sk-") {
				mask |= 1 << 9
			}
		case 'S':
			if strings.HasPrefix(rest, "SG.") {
				mask |= 1 << 8
			}
		}
		switch c | 0x20 {
		case 'b':
			if flKeywordAt(rest, "bearer", false) {
				mask |= 1 << 11
			}
		case 'a':
			if flKeywordAt(rest, "api", true) || flKeywordAt(rest, "access", true) {
				mask |= 1 << 12
			}
		case 's':
			if flKeywordAt(rest, "secret", false) {
				mask |= 1 << 12
			}
		case 't':
			if flKeywordAt(rest, "token", false) {
				mask |= 1 << 12
			}
		case 'p':
			if flKeywordAt(rest, "password", false) || flKeywordAt(rest, "passwd", false) || flKeywordAt(rest, "pwd", false) {
				mask |= 1 << 12
			}
		}
	}
	return mask
}

// flLiteral is a literal string with, for each byte, the positions where the literal holds it.
type flLiteral struct {
	s  string
	at [256]uint16 // bit j set when s[j] is the byte
}

func newFlLiteral(s string) *flLiteral {
	l := &flLiteral{s: s}
	for j := 0; j < len(s); j++ {
		l.at[s[j]] |= 1 << j
	}
	return l
}

// in is strings.Contains(s, l.s) looking at one byte of s in len(l.s) only: any occurrence covers
// exactly one of the probed positions, from which it is found by the byte's place in the literal.
func (l *flLiteral) in(s string) bool {
	n := len(l.s)
	for p := n - 1; p < len(s); p += n {
		for m := l.at[s[p]]; m != 0; m &= m - 1 {
			if k := p - bits.TrailingZeros16(m); k >= 0 && k+n <= len(s) && s[k:k+n] == l.s {
				return true
			}
		}
	}
	return false
}

// flBegin starts the private key pattern.
var flBegin = newFlLiteral("-----BEGIN")

// flKeywordAt reports whether ASCII s starts with what the bearer and secret patterns need from a
// word start on, ignoring ASCII case: for "bearer", the word and white space (\s+); for the secret
// keywords, the word (with key: then [ _-]?key), a word end, ["']?, \s* and one of ':', '=' or "is".
func flKeywordAt(s, word string, key bool) bool {
	if !flHasPrefixFold(s, word) {
		return false
	}
	i := len(word)
	if key {
		if i < len(s) && (s[i] == ' ' || s[i] == '_' || s[i] == '-') && flHasPrefixFold(s[i+1:], "key") {
			i++
		}
		if !flHasPrefixFold(s[i:], "key") {
			return false
		}
		i += 3
	}
	if word == "bearer" {
		return i < len(s) && flSpaceByte[s[i]]
	}
	if i < len(s) && asciiIdentByte[s[i]] {
		return false
	}
	if i < len(s) && (s[i] == '"' || s[i] == '\'') {
		i++
	}
	for i < len(s) && flSpaceByte[s[i]] {
		i++
	}
	return i < len(s) && (s[i] == ':' || s[i] == '=' || flHasPrefixFold(s[i:], "is"))
}

// flHasPrefixFold reports whether s starts with the lower-case ASCII word w, ignoring ASCII case.
func flHasPrefixFold(s, w string) bool {
	if len(s) < len(w) {
		return false
	}
	for j := 0; j < len(w); j++ {
		if s[j]|0x20 != w[j] {
			return false
		}
	}
	return true
}

var flNameSeparators = strings.NewReplacer("-", "", "_", "", " ", "", ".", "")

func flSecretName(name string) bool {
	l := flNameSeparators.Replace(strings.ToLower(name))
	if strings.HasSuffix(l, "id") || strings.HasSuffix(l, "ids") {
		return false
	}
	return flContainsAny(l, flSecretNameWords) && !flContainsAny(l, flNotSecretNameWords)
}

// flContainsAny reports whether s contains one of words.
func flContainsAny(s string, words []string) bool {
	for _, w := range words {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

// flRedact shows the start of a secret only.
func flRedact(s string) string {
	r := []rune(s)
	if len(r) <= 6 {
		return s
	}
	return string(r[:6]) + "…"
}

var noSecretsInFilesRule = &Rule{
	ID: "no-secrets-in-files", Severity: Warning, Category: "file", Inputs: Swagger,
	Doc: Doc{
		Title: "The swagger holds no real credentials",
		Why: "Connector files are published in Microsoft's public repository and to every environment: a key, token or " +
			"client secret committed in x-ms-test-value, default, example(s), x-ms-connector-metadata or a description is " +
			"leaked. Microsoft's security pipeline runs CredScan and reviewers ask to replace such values with " +
			"placeholders such as \"[[DummyValue]]\" (PR#611). The check looks for the shapes of well-known credentials " +
			"(private keys, JSON Web Tokens, bearer tokens, AWS, GitHub, Slack, Stripe, Google, SendGrid, OpenAI and " +
			"Azure storage keys) anywhere in the file, and for long random-looking values of members or parameters " +
			"named like a key, secret, token or password in sample data. Placeholders (\"[[DummyValue]]\", \"<your-key>\", " +
			"\"xxxx\", zeros, \"string\"…) and the public jwt.io sample token are accepted. It cannot prove a value is " +
			"live, so it is a warning; the message shows only the start of the value so that the secret is not copied " +
			"into build logs. apiProperties.json (clientSecret, clientId) is checked by the properties rules.",
		HowToFix: "Replace the value with a placeholder such as \"[[DummyValue]]\" and revoke the credential: it stays in " +
			"the repository's history.",
		Source: "PowerPlatformConnectors README and security pipeline (CredScan) ; PR#611 ; " + flCatalog,
	},
	Check: checkNoSecretsInFiles,
}

func checkNoSecretsInFiles(p *Pass) error {
	a := p.API
	names := map[string]bool{}       // flSecretName of each hint
	strong := map[string][2]string{} // flStrongSecret of strings that may match more than a private key
	// One pass over the node array, which is in file order with parents first. Sample data is the
	// subtree of a data member (the outermost one: dataNode); as a subtree is a run of the array, a
	// node is in it when it starts before the member's value ends.
	dataNode, dataEnd := connector.None, int32(-1)
	dataHint, hintKnown := int32(-1), false // the name of dataNode's data (see flSecretHint), once needed
	for i := int(a.Root); i >= 0 && i < len(a.Nodes); i++ {
		n := connector.NodeID(i)
		nd := &a.Nodes[i]
		// Decoding only shortens a string: shorter raw text is too short for both checks below. A
		// number, literal or short string holds no string to check, so whether it is data does not
		// matter either.
		isString := nd.Kind == connector.String
		if isString && nd.End-nd.Start-2 < 16 || !isString && nd.Kind != connector.Object && nd.Kind != connector.Array {
			continue
		}
		inData := nd.Start < dataEnd
		if !inData && nd.KeyStart >= 0 {
			// Only keys that start with d, e or x (or an escape) can be data keys.
			if c := a.Src[nd.KeyStart+1]; c == 'd' || c == 'e' || c == 'x' || c == '\\' {
				if k := a.Key(n); flIsDataKey(k) || k == "x-ms-connector-metadata" {
					dataNode, dataEnd, inData, hintKnown = n, nd.End, true, false
				}
			}
		}
		if !isString {
			continue
		}
		s, _ := a.Str(n)
		var what, m string
		if len(s) >= 20 { // shorter strings match no pattern
			longRun, ascii := flTokenRun(s)
			plain := ascii || flNoFoldToASCII(s)
			var mask uint32
			if plain {
				mask = flLiteralMask(s, longRun)
			}
			if mask == 1 || (plain && mask == 0) { // only the private-key pattern, or none: cheap
				what, m = flStrongSecretMatch(s, mask)
			} else { // the others often repeat in a file
				r, ok := strong[s]
				if !ok {
					if plain {
						r[0], r[1] = flStrongSecretMatch(s, mask)
					} else {
						r[0], r[1] = flStrongSecretScanned(s, longRun)
					}
					strong[s] = r
				}
				what, m = r[0], r[1]
			}
		}
		if what != "" {
			if what != "private key" {
				m = flRedact(m)
			}
			p.Swagger(n, "%q looks like a real %s; replace it with a placeholder such as \"[[DummyValue]]\"", m, what)
			continue
		}
		if !inData || len(s) < 16 { // flRandomLooking needs 16 bytes
			continue
		}
		// The value is checked before its name: few values of sample data look random.
		t := strings.TrimSpace(s)
		if !flRandomLooking(t) {
			continue
		}
		if !hintKnown {
			// The value's name: the owning parameter's name, else the owning member's key.
			owner := a.Parent(dataNode)
			if nm := a.Get(owner, "name"); a.String(nm) != "" {
				dataHint = -int32(nm) - 2
			} else if a.IsMember(owner) {
				dataHint = int32(owner)
			} else {
				dataHint = -1
			}
			hintKnown = true
		}
		hs := flHintText(a, flSecretHint(a, n, dataNode, dataHint))
		if hs == "" {
			continue
		}
		secretName, ok := names[hs]
		if !ok {
			secretName = flSecretName(hs)
			names[hs] = secretName
		}
		if secretName && !flJWTSample(t) {
			p.Swagger(n, "the value of %q (%q) looks like a real credential; replace it with a placeholder such as \"[[DummyValue]]\"", hs, flRedact(t))
		}
	}
	return nil
}

// flSecretHint returns the name that node n inside the sample data of data member dataNode is known
// by, as a hint: h >= 0 is the key of node h, h <= -2 the string value of node -h-2, -1 is no name. It
// is the key of the nearest member from n up to dataNode (excluded) that is not itself a data member,
// else dataHint, the name of dataNode's data.
func flSecretHint(a *connector.API, n, dataNode connector.NodeID, dataHint int32) int32 {
	for x := n; x != dataNode && x != connector.None; x = a.Parent(x) {
		if a.IsMember(x) {
			if k := a.Key(x); !flIsDataKey(k) && k != "x-ms-connector-metadata" {
				return int32(x)
			}
		}
	}
	return dataHint
}

// flHintText is the text of a flSecretHint.
func flHintText(a *connector.API, h int32) string {
	switch {
	case h >= 0:
		return a.Key(connector.NodeID(h))
	case h <= -2:
		return a.String(connector.NodeID(-h - 2))
	}
	return ""
}

func init() {
	if len(flSecretLiterals) != len(flStrongSecrets) {
		panic("flSecretLiterals must have one entry per flStrongSecrets pattern")
	}
}
