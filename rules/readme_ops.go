package rules

import (
	"bytes"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/connectorlint/connectorlint/connector"
)

var readmeOperationsMatchSwaggerRule = &Rule{
	ID: "readme-operations-match-swagger", Severity: Warning, Category: "readme", Inputs: Readme | Swagger, Certification: true,
	Doc: Doc{
		Title: "Operations listed in the readme exist in the swagger",
		Why: "The Supported Operations section is the connector's public list of actions and triggers. An entry that matches " +
			"no operation of the swagger is usually a renamed or removed operation, or a template placeholder such as " +
			"'Operation 1', and misleads users. connectorlint reads the operation headings (or, without them, the top-level " +
			"list items) of the sections whose heading names operations, actions or triggers, and matches each name " +
			"against the operations' summaries and operationIds, ignoring case, spaces and punctuation and accepting one " +
			"containing the other. Grouping headings such as '### Triggers' are skipped.",
		HowToFix: "Rename the entry to the operation's summary as it appears in the swagger, or remove it if the operation no longer exists.",
		Source:   rdTemplateSource + " ; rules-catalog §4 readme-operations-match-swagger",
	},
	Check: checkReadmeOperationsMatchSwagger,
}

var readmeOperationsDocumentedRule = &Rule{
	ID: "readme-operations-documented", Severity: Warning, Category: "readme", Inputs: Readme | Swagger, Certification: true,
	Doc: Doc{
		Title: "Every visible operation is described in the readme",
		Why: "Microsoft's readme template asks the Supported Operations section to describe the connector's actions and " +
			"triggers; an operation that users see in the designer but the readme never mentions is undocumented. The " +
			"rule runs only when the readme has such a section (its absence is readme-supported-operations-section's " +
			"finding) and skips internal and deprecated operations. An operation counts as described when its summary or " +
			"operationId appears anywhere in the readme, ignoring case, spaces and punctuation, or an entry of the section " +
			"matches it.",
		HowToFix: "Add a '###' heading with the operation's summary and a sentence about what it does under Supported Operations.",
		Source:   rdTemplateSource + " ; rules-catalog §4 readme-operations-match-swagger",
	},
	Check: checkReadmeOperationsDocumented,
}

// rdOpEntry is one operation named in the readme.
type rdOpEntry struct {
	Name       string
	Start, End int
}

// rdOpSections returns the indexes of the headings that open operation sections (not nested in one
// another, and not another template section that happens to mention operations).
func rdOpSections(m *rdMarkdown) []int {
	var out []int
	end := -1
	title := m.rdFirstHeading()
	for k, l := range m.Lines {
		if l.Kind != rdHeading || k < end || k == title && l.Level <= 2 {
			continue
		}
		n := m.headingWords(k)
		if rdIsOperations(n) && !rdIsKnownIssues(n) && !rdIsCredentials(n) && !rdIsPrerequisites(n) && !rdIsDeployment(n) &&
			!strings.Contains(n, "question") && !strings.Contains(n, "faq") {
			out = append(out, k)
			end = m.rdSectionEnd(k)
		}
	}
	return out
}

var rdGroupWords = map[string]bool{"supported": true, "available": true, "operations": true, "operation": true, "actions": true,
	"action": true, "triggers": true, "trigger": true, "and": true, "the": true, "list": true, "of": true, "connector": true,
	"endpoints": true, "other": true, "all": true, "standard": true, "premium": true}

func rdIsGroupHeading(n string) bool {
	if rdIsSectionName(n) || rdIsKnownIssues(n) || strings.Contains(n, "question") || strings.HasPrefix(n, "getting started") {
		return true
	}
	for _, w := range strings.Fields(n) {
		if !rdGroupWords[w] {
			return false
		}
	}
	return true
}

// rdReadmeOpsOf returns rdReadmeOps of the connector's readme, computed once.
func rdReadmeOpsOf(p *Pass) []rdOpEntry {
	return p.C.Memo("rd.ops", func() any { return rdReadmeOps(rdReadme(p)) }).([]rdOpEntry)
}

// rdReadmeOps returns the operations the readme's operation sections name.
func rdReadmeOps(m *rdMarkdown) []rdOpEntry {
	var out []rdOpEntry
	for _, h := range rdOpSections(m) {
		end := m.rdSectionEnd(h)
		// Operation headings: the shallowest level of sub-headings that are not groups.
		minLv := 7
		for k := h + 1; k < end; k++ {
			if l := m.Lines[k]; l.Kind == rdHeading && l.Level < minLv && !rdIsGroupHeading(m.headingWords(k)) {
				minLv = l.Level
			}
		}
		if minLv < 7 {
			for k := h + 1; k < end; k++ {
				if l := m.Lines[k]; l.Kind == rdHeading && l.Level == minLv && !rdIsGroupHeading(m.headingWords(k)) {
					if name, s, e := rdEntryName(m, l, true); name != "" {
						out = append(out, rdOpEntry{Name: name, Start: s, End: e})
					}
				}
			}
			continue
		}
		// Otherwise the list items at the section's outer list level.
		minIndent := -1
		for k := h + 1; k < end; k++ {
			if l := m.Lines[k]; l.Kind == rdItem && (minIndent < 0 || l.Indent < minIndent) {
				minIndent = l.Indent
			}
		}
		for k := h + 1; k < end; k++ {
			if l := m.Lines[k]; l.Kind == rdItem && l.Indent == minIndent {
				if name, s, e := rdEntryName(m, l, false); name != "" {
					out = append(out, rdOpEntry{Name: name, Start: s, End: e})
				}
			}
		}
	}
	return out
}

// rdEntryName extracts the operation name from a heading or list item: emphasised, code or link
// text at its start, else the text before a separator (": ", " - "…). A list item without either
// that reads like a sentence names no operation.
func rdEntryName(m *rdMarkdown, l rdLine, heading bool) (string, int, int) {
	s, e := l.TextStart, l.TextEnd
	t := string(m.Src[s:e])
	if n := rdListMarker([]byte(t)); n > 1 && n < len(t) { // "2. Stream content" as a heading
		k := n
		for k < len(t) && t[k] == ' ' {
			k++
		}
		t, s = t[k:], s+k
	}
	for _, pair := range [][2]string{{"**", "**"}, {"__", "__"}, {"`", "`"}, {"[", "]"}, {"*", "*"}, {"_", "_"}} {
		if strings.HasPrefix(t, pair[0]) {
			if j := strings.Index(t[len(pair[0]):], pair[1]); j > 0 {
				name := t[len(pair[0]) : len(pair[0])+j]
				if rdKey(name) != "" {
					return name, s + len(pair[0]), s + len(pair[0]) + j
				}
			}
		}
	}
	cut := -1
	for _, sep := range []string{": ", " - ", " – ", " — ", " | "} {
		if j := strings.Index(t, sep); j > 0 && (cut < 0 || j < cut) {
			cut = j
		}
	}
	if cut < 0 && strings.HasSuffix(t, ":") {
		cut = len(t) - 1
	}
	if cut > 0 {
		t = strings.TrimSpace(t[:cut])
	} else if !heading && len(strings.Fields(t)) > 8 {
		return "", 0, 0
	}
	if rdKey(t) == "" {
		return "", 0, 0
	}
	return t, s, s + len(t)
}

// rdOpKeys returns the keys an operation is known by: its summary and operationId. Both readme
// operation rules use them: they are memoised.
func rdOpKeys(p *Pass) [][]string {
	a := p.API
	return a.Memo("rd.opkeys", func() any { return rdOpKeysOnce(a) }).([][]string)
}

func rdOpKeysOnce(a *connector.API) [][]string {
	var out [][]string
	for _, op := range a.Ops {
		var ks []string
		for _, v := range []string{a.GetString(op.Node, "summary"), op.ID, rdSplitCamel(op.ID)} {
			if k := rdStem(v); k != "" {
				ks = append(ks, k)
			}
		}
		out = append(out, ks)
	}
	return out
}

// rdNameMatches reports whether a readme name, given by its rdStem form n, matches one of an
// operation's keys (rdStem forms).
func rdNameMatches(n string, keys []string) bool {
	if n == "" {
		return false
	}
	for _, k := range keys {
		if n == k || len(n) >= 6 && len(k) >= 6 && (strings.Contains(n, k) || strings.Contains(k, n)) {
			return true
		}
	}
	return false
}

// rdStem is rdKey over the words of s with a plural s dropped from each: "Create PDF documents" and
// "Create PDF document" give the same key.
func rdStem(s string) string {
	var buf [128]byte // operation names and readme entries fit: no copy of s on the heap
	_, stem := rdKeyAndStemBytes(append(buf[:0], s...), false)
	return string(stem)
}

// rdKeyAndStemBytes returns rdKey and rdStem of s in one pass over it (the key only when withKey),
// without copying s into a string: it also folds whole readmes.
func rdKeyAndStemBytes(s []byte, withKey bool) (key, stem []byte) {
	if withKey {
		key = make([]byte, 0, len(s))
	}
	stem = make([]byte, 0, len(s))
	word := 0       // start of the current word in stem
	end := func() { // the word stem[word:] is complete
		w := stem[word:]
		switch {
		case string(w) == "a" || string(w) == "an" || string(w) == "the":
			stem = stem[:word]
		case len(w) > 3 && w[len(w)-1] == 's' && w[len(w)-2] != 's':
			stem = stem[:len(stem)-1]
		}
		word = len(stem)
	}
	for i := 0; i < len(s); {
		var r rune
		if c := s[i]; c < utf8.RuneSelf {
			i++
			r = rune(rdFoldASCII[c]) // 0: not a letter or digit
		} else {
			var size int
			r, size = utf8.DecodeRune(s[i:])
			i += size
			if unicode.IsLetter(r) || unicode.IsDigit(r) {
				r = unicode.ToLower(r)
			} else {
				r = 0
			}
		}
		if r == 0 {
			if len(stem) > word {
				end()
			}
			continue
		}
		if withKey {
			key = utf8.AppendRune(key, r)
		}
		stem = utf8.AppendRune(stem, r)
	}
	if len(stem) > word {
		end()
	}
	return key, stem
}

func checkReadmeOperationsMatchSwagger(p *Pass) error {
	if p.API == nil || p.C.Readme == nil || len(p.API.Ops) == 0 {
		return nil
	}
	f := p.C.Readme
	keys := rdOpKeys(p)
	entries := rdReadmeOpsOf(p)
	if len(entries) == 0 {
		return nil
	}
	exact := map[string]bool{} // every key of every operation: most entries are one of them
	for _, ks := range keys {
		for _, k := range ks {
			exact[k] = true
		}
	}
	var missing []rdOpEntry
	for _, en := range entries {
		n := rdStem(en.Name)
		found := n != "" && exact[n]
		for _, ks := range keys {
			if found {
				break
			}
			if rdNameMatches(n, ks) {
				found = true
				break
			}
		}
		if !found {
			missing = append(missing, en)
		}
	}
	// A list whose entries mostly match no operation describes features or events in prose rather
	// than naming operations: say nothing rather than flag every line.
	if 2*len(missing) > len(entries) {
		return nil
	}
	for _, en := range missing {
		p.Report(f, en.Start, en.End, "", "the readme lists the operation %q, but no operation of the swagger has that summary or operationId; use the operation's summary or remove the entry", en.Name)
	}
	return nil
}

func checkReadmeOperationsDocumented(p *Pass) error {
	if p.API == nil || p.C.Readme == nil {
		return nil
	}
	a := p.API
	f := p.C.Readme
	m := rdReadme(p)
	secs := rdOpSections(m)
	if len(secs) == 0 {
		return nil
	}
	// The readme folded as a whole, made only when an operation is not among the entries.
	var whole, wholeStem []byte // rdKey and rdStem of the readme
	folded := false
	fold := func() {
		if !folded {
			whole, wholeStem = rdKeyAndStemBytes(f.Src, true)
			folded = true
		}
	}
	entries := rdReadmeOpsOf(p)
	s, e := rdLineRange(m.Lines[secs[0]])
	keys := rdOpKeys(p)
	stems := make([]string, len(entries)) // rdStem of each entry's name
	exact := make(map[string]bool, len(entries))
	for j, en := range entries {
		stems[j] = rdStem(en.Name)
		exact[stems[j]] = true
	}
	var missing []string
	for i, op := range a.Ops {
		// Documented when any of these holds; the cheap tests go first, and only an operation that
		// is not documented by them needs to be visible and not deprecated to count.
		documented := len(keys[i]) == 0
		for _, k := range keys[i] { // an entry named exactly as the operation (rdNameMatches' first test)
			documented = documented || exact[k]
		}
		if documented || a.Internal(op.Node) || a.IsTrue(a.Get(op.Node, "deprecated")) {
			continue
		}
		summary := a.GetString(op.Node, "summary")
		for j := range entries {
			if !documented && rdNameMatches(stems[j], keys[i]) {
				documented = true
			}
		}
		if !documented {
			fold()
			if k := rdStem(summary); k != "" && bytes.Contains(wholeStem, []byte(k)) {
				documented = true
			}
		}
		for _, v := range []string{summary, op.ID} {
			if documented {
				break
			}
			if k := rdKey(v); k != "" && bytes.Contains(whole, []byte(k)) {
				documented = true
			}
		}
		if !documented {
			if summary == "" {
				summary = op.Name()
			}
			missing = append(missing, summary)
		}
	}
	switch {
	case len(missing) == 1:
		p.Report(f, s, e, "", "the operation %q is not described in the readme; add it under %q", missing[0], m.text(m.Lines[secs[0]]))
	case len(missing) > 1:
		list := ""
		for i, name := range missing {
			if i == 3 {
				list += ", …"
				break
			}
			if i > 0 {
				list += ", "
			}
			list += strconv.Quote(name)
		}
		p.Report(f, s, e, "", "%d visible operations are not described in the readme (%s); add them under %q", len(missing), list, m.text(m.Lines[secs[0]]))
	}
	return nil
}

// rdSplitCamel turns "GetItemsV2" into "Get Items V2" so that operationIds match readme names.
func rdSplitCamel(s string) string {
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (r >= 'A' && r <= 'Z') && !(s[i-1] >= 'A' && s[i-1] <= 'Z') {
			b.WriteByte(' ')
		}
		b.WriteRune(r)
	}
	return b.String()
}
