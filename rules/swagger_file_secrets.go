package rules

import (
	"encoding/base64"
	"math"
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

// flSecretNameRe matches names (with separators removed, lower case) of values that are credentials.
var flSecretNameRe = regexp.MustCompile(`apikey|accesskey|secretkey|privatekey|subscriptionkey|appkey|authkey|` +
	`secret|password|passwd|pwd|token|credential|signature|authorization|bearer`)

// flNotSecretNameRe are names that contain a secret word but hold no credential.
var flNotSecretNameRe = regexp.MustCompile(`page|next|continuation|sync|cursor|csrf|type|url|uri|endpoint|expir|count|length|name|ids?$`)

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
		strings.HasPrefix(s, "/") || flPlaceholder(s) {
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
	return flEntropy(s) >= 3.3
}

// flEntropy is the Shannon entropy of s in bits per character.
func flEntropy(s string) float64 {
	if flASCII(s) {
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
	// Every pattern but the private key matches a run of at least 20 bytes of [A-Za-z0-9._~+/=-]: a
	// string without one cannot match them. The case-insensitive patterns may also match non-ASCII text
	// that case-folds into their classes, so for such text they always take the regexp.
	run, ascii := flTokenRun(s)
	return flStrongSecretScanned(s, run, ascii)
}

// flStrongSecretScanned is flStrongSecret for a string of 20 bytes or more whose flTokenRun is known.
func flStrongSecretScanned(s string, run int, ascii bool) (what, match string) {
	longRun := run >= 20
	var lower string
	for i, sp := range flStrongSecrets {
		if i > 0 && !longRun && (i < flCaseFoldFrom || ascii) {
			continue
		}
		// Cheap literal test first: the regexps are run only on strings that could match.
		hit := false
		if ascii && flFoldSets[i] != nil {
			hit = flFoldSets[i].in(s)
		}
		for _, lit := range flSecretLiterals[i] {
			if hit {
				break
			}
			if lit[0] == '~' {
				if ascii {
					continue // looked for by flFoldSets[i]
				} else {
					if lower == "" {
						lower = strings.ToLower(s)
					}
					hit = strings.Contains(lower, lit[1:])
				}
			} else {
				hit = strings.Contains(s, lit)
			}
			if hit {
				break
			}
		}
		if !hit {
			continue
		}
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

// flASCII reports whether s is plain ASCII.
func flASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

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

// flTokenRun returns the length of the longest run of flTokenByte bytes in s, and whether s is plain
// ASCII.
func flTokenRun(s string) (longest int, ascii bool) {
	run := 0
	var or byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		or |= c
		if flTokenByte[c] {
			run++
			if run > longest {
				longest = run
			}
		} else {
			run = 0
		}
	}
	return longest, or < 0x80
}

// flFoldSet is a set of lower-case ASCII words looked for in ASCII text, ignoring ASCII case, in one
// pass.
type flFoldSet struct {
	first [256]bool // the first bytes of the words, in both cases
	words []string
}

// flFoldSets holds, for each of flSecretLiterals with "~" words, the set of those words.
var flFoldSets = func() []*flFoldSet {
	sets := make([]*flFoldSet, len(flSecretLiterals))
	for i, lits := range flSecretLiterals {
		for _, lit := range lits {
			if lit[0] != '~' {
				continue
			}
			if sets[i] == nil {
				sets[i] = &flFoldSet{}
			}
			w := lit[1:]
			sets[i].words = append(sets[i].words, w)
			sets[i].first[w[0]], sets[i].first[w[0]&^0x20] = true, true
		}
	}
	return sets
}()

// in reports whether ASCII s contains one of the words, ignoring ASCII case.
func (f *flFoldSet) in(s string) bool {
	for i := 0; i < len(s); i++ {
		if !f.first[s[i]] {
			continue
		}
		for _, w := range f.words {
			if len(s)-i < len(w) {
				continue
			}
			j := 0
			for j < len(w) && s[i+j]|0x20 == w[j] {
				j++
			}
			if j == len(w) {
				return true
			}
		}
	}
	return false
}

var flNameSeparators = strings.NewReplacer("-", "", "_", "", " ", "", ".", "")

func flSecretName(name string) bool {
	l := flNameSeparators.Replace(strings.ToLower(name))
	return flSecretNameRe.MatchString(l) && !flNotSecretNameRe.MatchString(l)
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
	// One pass over the node array, which is in file order with parents first: each node gets the
	// state its parent passes down (in sample data or not, and the name that data is known by). A
	// hint is stored as a node: h >= 0 is the key of node h, h <= -2 the string value of node -h-2,
	// -1 is no name.
	inDataOf := make([]bool, len(a.Nodes))
	hintOf := make([]int32, len(a.Nodes))
	hintText := func(h int32) string {
		switch {
		case h >= 0:
			return a.Key(connector.NodeID(h))
		case h <= -2:
			return a.String(connector.NodeID(-h - 2))
		}
		return ""
	}
	for i := int(a.Root); i >= 0 && i < len(a.Nodes); i++ {
		n := connector.NodeID(i)
		inData, hint := false, int32(-1)
		if n != a.Root {
			par := a.Nodes[i].Parent
			if par == connector.None {
				continue
			}
			inData, hint = inDataOf[par], hintOf[par]
		}
		if a.IsMember(n) {
			k := a.Key(n)
			switch {
			case flIsDataKey(k) || k == "x-ms-connector-metadata": // the subtree holds sample or configured values
				if !inData {
					// The value's name: the owning parameter's name, else the owning member's key.
					owner := a.Parent(n)
					if nm := a.Get(owner, "name"); a.String(nm) != "" {
						hint = -int32(nm) - 2
					} else if a.IsMember(owner) {
						hint = int32(owner)
					} else {
						hint = -1
					}
				}
				inData = true
			case inData:
				hint = int32(n)
			}
		}
		inDataOf[i], hintOf[i] = inData, hint
		if a.Nodes[i].Kind == connector.String {
			s, _ := a.Str(n)
			var what, m string
			if len(s) >= 20 { // shorter strings match no pattern
				run, ascii := flTokenRun(s)
				if run < 20 && ascii { // only the private-key pattern applies: cheap
					what, m = flStrongSecretScanned(s, run, ascii)
				} else { // the others often repeat in a file
					r, ok := strong[s]
					if !ok {
						r[0], r[1] = flStrongSecretScanned(s, run, ascii)
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
			hs := hintText(hint)
			if hs == "" {
				continue
			}
			t := strings.TrimSpace(s)
			secretName, ok := names[hs]
			if !ok {
				secretName = flSecretName(hs)
				names[hs] = secretName
			}
			if secretName && flRandomLooking(t) && !flJWTSample(t) {
				p.Swagger(n, "the value of %q (%q) looks like a real credential; replace it with a placeholder such as \"[[DummyValue]]\"", hs, flRedact(t))
			}
		}
	}
	return nil
}

func init() {
	if len(flSecretLiterals) != len(flStrongSecrets) {
		panic("flSecretLiterals must have one entry per flStrongSecrets pattern")
	}
}
