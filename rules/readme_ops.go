package rules

import (
	"bytes"
	"encoding/binary"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
	"unsafe"

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
	Stem       string // rdStem(Name)
	Start, End int
}

// rdOpSections returns the indexes of the headings that open operation sections (not nested in one
// another, and not another template section that happens to mention operations).
func rdOpSections(m *rdMarkdown) []int {
	var out []int
	end := -1
	title := m.rdFirstHeading()
	for _, h := range m.headings() {
		k, n := h.k, h.norm
		if k < end || k == title && m.Lines[k].Level <= 2 {
			continue
		}
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
	for w := range strings.FieldsSeq(n) {
		if !rdGroupWords[w] {
			return false
		}
	}
	return true
}

// rdOps is what the readme's operation sections say, computed once per readme (rdReadmeOpsOf).
type rdOps struct {
	secs    []int // rdOpSections
	entries []rdOpEntry
	stems   map[string]bool // the entries' Stems
}

// rdReadmeOpsOf returns the operation sections of the connector's readme and the operations they
// name, computed once.
func rdReadmeOpsOf(p *Pass) *rdOps {
	return p.C.Memo("rd.ops", func() any {
		m := rdReadme(p)
		o := &rdOps{secs: rdOpSections(m)}
		o.entries = rdReadmeOps(m, o.secs)
		o.stems = make(map[string]bool, len(o.entries))
		for _, en := range o.entries {
			o.stems[en.Stem] = true
		}
		return o
	}).(*rdOps)
}

// rdReadmeOps returns the operations named by the readme's operation sections secs.
func rdReadmeOps(m *rdMarkdown, secs []int) []rdOpEntry {
	var out []rdOpEntry
	var subs []int
	for _, h := range secs {
		end := m.rdSectionEnd(h)
		// Operation headings: the shallowest level of sub-headings that are not groups.
		minLv := uint8(7)
		subs = subs[:0] // the sub-headings that are not groups
		for k := h + 1; k < end; k++ {
			if l := m.Lines[k]; l.Kind == rdHeading && !rdIsGroupHeading(m.headingWords(k)) {
				subs = append(subs, k)
				minLv = min(minLv, l.Level)
			}
		}
		if len(subs) > 0 {
			for _, k := range subs {
				if l := m.Lines[k]; l.Level == minLv {
					if name, s, e := rdEntryName(m, l, true); name != "" {
						out = append(out, rdOpEntry{Name: name, Start: s, End: e})
					}
				}
			}
			continue
		}
		// Otherwise the list items at the section's outer list level.
		minIndent := int32(-1)
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
	// The entries' stems go to one buffer, which they slice.
	size := 0
	for _, en := range out {
		size += len(en.Name)
	}
	buf := make([]byte, 0, size) // enough unless lower-casing lengthens a letter
	ends := make([]int, len(out))
	for i, en := range out {
		_, buf = rdAppendKeyStem(nil, buf, en.Name, false, false)
		ends[i] = len(buf)
	}
	if len(buf) > 0 {
		all, start := unsafe.String(&buf[0], len(buf)), 0 // buf is not written again
		for i := range out {
			out[i].Stem, start = all[start:ends[i]], ends[i]
		}
	}
	return out
}

// rdEntryName extracts the operation name from a heading or list item: emphasised, code or link
// text at its start, else the text before a separator (": ", " - "…). A list item without either
// that reads like a sentence names no operation.
func rdEntryName(m *rdMarkdown, l rdLine, heading bool) (string, int, int) {
	s, e := int(l.TextStart), int(l.TextEnd)
	t := m.str(s, e)
	if n := rdListMarker(m.Src[s:e]); n > 1 && n < len(t) { // "2. Stream content" as a heading
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
				if rdHasLetterOrDigit(name) { // rdKey(name) != ""
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
	} else if !heading && rdMoreFields(t, 8) {
		return "", 0, 0
	}
	if !rdHasLetterOrDigit(t) { // rdKey(t) == ""
		return "", 0, 0
	}
	return t, s, s + len(t)
}

// rdMoreFields reports whether s has more than n fields (len(strings.Fields(s)) > n).
func rdMoreFields(s string, n int) bool {
	for range strings.FieldsSeq(s) {
		if n--; n < 0 {
			return true
		}
	}
	return false
}

// rdOpKeySet holds the keys each operation is known by: the rdStem forms of its summary, its
// operationId and rdSplitCamel(operationId). Both readme operation rules use them: they are
// memoised.
type rdOpKeySet struct {
	text      string   // the keys back to back, "" for none
	ends      []int32  // key n is text[ends[n-1]:ends[n]] (from 0 for n = 0): key n%3 of operation n/3
	summaries []string // by operation, in the order of API.Ops
	all       map[string]bool
}

func rdOpKeys(p *Pass) *rdOpKeySet {
	a := p.API
	return a.Memo("rd.opkeys", func() any { return rdOpKeysOnce(a) }).(*rdOpKeySet)
}

func rdOpKeysOnce(a *connector.API) *rdOpKeySet {
	ks := &rdOpKeySet{summaries: make([]string, len(a.Ops)), ends: make([]int32, 0, 3*len(a.Ops))}
	size := 0
	for i, op := range a.Ops {
		ks.summaries[i] = a.GetString(op.Node, "summary")
		size += len(ks.summaries[i]) + 2*len(op.ID)
	}
	buf := make([]byte, 0, size) // enough unless lower-casing lengthens a letter
	for i, op := range a.Ops {
		for j, v := range [...]string{ks.summaries[i], op.ID, op.ID} {
			_, buf = rdAppendKeyStem(nil, buf, v, false, j == 2) // the third: rdStem(rdSplitCamel(op.ID))
			ks.ends = append(ks.ends, int32(len(buf)))
		}
	}
	if len(buf) > 0 {
		ks.text = unsafe.String(&buf[0], len(buf)) // buf is not written again
	}
	return ks
}

// key returns key j (0 summary, 1 operationId, 2 split operationId) of operation i, "" when none.
func (ks *rdOpKeySet) key(i, j int) string {
	start := int32(0)
	if n := 3*i + j; n > 0 {
		start = ks.ends[n-1]
	}
	return ks.text[start:ks.ends[3*i+j]]
}

// set returns the set of every key of every operation, made once.
func (ks *rdOpKeySet) set() map[string]bool {
	if ks.all == nil {
		ks.all = make(map[string]bool, len(ks.ends))
		for n := range ks.ends {
			if k := ks.key(n/3, n%3); k != "" {
				ks.all[k] = true
			}
		}
	}
	return ks.all
}

// matches reports whether a readme name, given by its rdStem form n, matches one of operation i's
// keys.
func (ks *rdOpKeySet) matches(i int, n string) bool {
	if n == "" {
		return false
	}
	for j := range 3 {
		if k := ks.key(i, j); k != "" && (n == k || len(n) >= 6 && len(k) >= 6 && (strings.Contains(n, k) || strings.Contains(k, n))) {
			return true
		}
	}
	return false
}

// rdStem is rdKey over the words of s with a plural s dropped from each: "Create PDF documents" and
// "Create PDF document" give the same key.
func rdStem(s string) string {
	var buf [128]byte // operation names and readme entries fit: no copy of s on the heap
	_, stem := rdAppendKeyStem(nil, buf[:0], s, false, false)
	return string(stem)
}

// rdAppendKeyStem appends rdKey(s) to key (only when withKey) and rdStem(s) to stem, in one pass
// over s; it also folds whole readmes. With camel, s is read as rdSplitCamel(s): an ASCII capital
// that follows anything but an ASCII capital also ends the word before it.
func rdAppendKeyStem[T string | []byte](key, stem []byte, s T, withKey, camel bool) ([]byte, []byte) {
	word := len(stem) // start of the current word in stem
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if camel && i > 0 && c >= 'A' && c <= 'Z' && (s[i-1] < 'A' || s[i-1] > 'Z') && len(stem) > word {
				stem = rdEndStem(stem, word)
				word = len(stem)
			}
			i++
			if f := rdFoldASCII[c]; f != 0 {
				if withKey {
					key = append(key, f)
				}
				stem = append(stem, f)
			} else if len(stem) > word {
				stem = rdEndStem(stem, word)
				word = len(stem)
			}
			continue
		}
		// At most utf8.UTFMax bytes converted: no copy of the rest of s.
		r, size := utf8.DecodeRuneInString(string(s[i:min(len(s), i+utf8.UTFMax)]))
		i += size
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			r = unicode.ToLower(r)
			if withKey {
				key = utf8.AppendRune(key, r)
			}
			stem = utf8.AppendRune(stem, r)
		} else if len(stem) > word {
			stem = rdEndStem(stem, word)
			word = len(stem)
		}
	}
	if len(stem) > word {
		stem = rdEndStem(stem, word)
	}
	return key, stem
}

// rdEndStem completes the word stem[word:]: an article is dropped, and a plural s.
func rdEndStem(stem []byte, word int) []byte {
	w := stem[word:]
	switch {
	case string(w) == "a" || string(w) == "an" || string(w) == "the":
		return stem[:word]
	case len(w) > 3 && w[len(w)-1] == 's' && w[len(w)-2] != 's':
		return stem[:len(stem)-1]
	}
	return stem
}

func checkReadmeOperationsMatchSwagger(p *Pass) error {
	if p.API == nil || p.C.Readme == nil || len(p.API.Ops) == 0 {
		return nil
	}
	f := p.C.Readme
	entries := rdReadmeOpsOf(p).entries
	if len(entries) == 0 {
		return nil
	}
	ks := rdOpKeys(p)
	exact := ks.set() // most entries are one of the keys
	var missing []rdOpEntry
	for _, en := range entries {
		n := en.Stem
		found := n != "" && exact[n]
		for i := 0; i < len(ks.summaries) && !found; i++ {
			found = ks.matches(i, n)
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
	ro := rdReadmeOpsOf(p)
	if len(ro.secs) == 0 {
		return nil
	}
	m := rdReadme(p)
	ks := rdOpKeys(p)
	// Operations the entries do not document: the stem of the summary is looked for in the readme's
	// stem, the keys of the summary and operationId in its key, all at once below.
	sc := rdFoldScratch.Get().(*rdFoldBufs)
	defer rdFoldScratch.Put(sc)
	sc.reset()
	pending := sc.pending[:0]            // indexes in a.Ops
	stems, keys2 := &sc.stems, &sc.keys2 // one stem, two keys for each pending operation
	for i, op := range a.Ops {
		// Documented when any of these holds; the cheap tests go first, and only an operation that
		// is not documented by them needs to be visible and not deprecated to count.
		documented, known := false, false
		for j := range 3 { // an entry named exactly as the operation (matches' first test)
			if k := ks.key(i, j); k != "" {
				known = true
				documented = documented || ro.stems[k]
			}
		}
		documented = documented || !known // an operation without keys counts as documented
		if documented || a.Internal(op.Node) || a.IsTrue(a.Get(op.Node, "deprecated")) {
			continue
		}
		for j := range ro.entries {
			if ks.matches(i, ro.entries[j].Stem) {
				documented = true
				break
			}
		}
		if documented {
			continue
		}
		pending = append(pending, i)
		summary := ks.summaries[i]
		_, stems.buf = rdAppendKeyStem(nil, stems.buf, summary, false, false)
		stems.ends = append(stems.ends, int32(len(stems.buf)))
		keys2.buf, _ = rdAppendKeyStem(keys2.buf, nil, summary, true, false)
		keys2.ends = append(keys2.ends, int32(len(keys2.buf)))
		keys2.buf, _ = rdAppendKeyStem(keys2.buf, nil, op.ID, true, false)
		keys2.ends = append(keys2.ends, int32(len(keys2.buf)))
	}
	var missing []string
	if len(pending) > 0 {
		sc.pending = pending
		sc.key, sc.stem = rdAppendKeyStem(sc.key[:0], sc.stem[:0], f.Src, true, false)
		inStem := stems.findIn(sc.stem)
		inKey := keys2.findIn(sc.key)
		for n, i := range pending {
			if inStem[n] || inKey[2*n] || inKey[2*n+1] {
				continue
			}
			op := a.Ops[i]
			summary := ks.summaries[i]
			if summary == "" {
				summary = op.Name()
			}
			missing = append(missing, summary)
		}
	}
	s, e := rdLineRange(m.Lines[ro.secs[0]])
	switch {
	case len(missing) == 1:
		p.Report(f, s, e, "", "the operation %q is not described in the readme; add it under %q", missing[0], m.text(m.Lines[ro.secs[0]]))
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
		p.Report(f, s, e, "", "%d visible operations are not described in the readme (%s); add them under %q", len(missing), list, m.text(m.Lines[ro.secs[0]]))
	}
	return nil
}

// rdFoldBufs holds the buffers of readme-operations-documented, kept for the next readme
// (rdFoldScratch): the readme's rdKey and rdStem, and the needles looked for in them.
type rdFoldBufs struct {
	key, stem    []byte
	pending      []int
	stems, keys2 rdNeedles
}

func (sc *rdFoldBufs) reset() {
	sc.stems.buf, sc.stems.ends = sc.stems.buf[:0], sc.stems.ends[:0]
	sc.keys2.buf, sc.keys2.ends = sc.keys2.buf[:0], sc.keys2.ends[:0]
}

var rdFoldScratch = sync.Pool{New: func() any { return new(rdFoldBufs) }}

// rdNeedles is a list of byte strings to look for: needle n is buf[ends[n-1]:ends[n]] (0 for
// ends[-1]).
type rdNeedles struct {
	buf  []byte
	ends []int32

	found []bool // findIn's answer
	// findIn's tables, by rdBlockHash of a block of 3 bytes: skip is the window's maximal shift less
	// the shift, head 1 + the first needle whose prefix ends with the block (0 when none), next the
	// needle after n in its chain.
	// The tables are all zero between calls: findIn clears only the slots it set (touched).
	skip    [1 << rdBlockBits]uint8
	head    [1 << rdBlockBits]int32
	next    []int32
	touched []uint16
}

func (nd *rdNeedles) at(n int) []byte {
	start := int32(0)
	if n > 0 {
		start = nd.ends[n-1]
	}
	return nd.buf[start:nd.ends[n]]
}

const rdBlockBits = 12

// rdBlockHash hashes the 3 bytes of w's low 24 bits.
func rdBlockHash(w uint32) uint32 { return (w & 0xFFFFFF) * 0x9E3779B1 >> (32 - rdBlockBits) }

// findIn reports which needles occur in text (an empty needle does not). Needles of fewer than 8
// bytes are looked for one by one; the others all at once, in one pass that skips most of text
// (Wu and Manber's algorithm): with m the length of the shortest, a window of m bytes slides along
// text, and the block of 3 bytes that ends it tells how far it can move before the first m bytes of
// some needle can fill it.
func (nd *rdNeedles) findIn(text []byte) []bool {
	const minLong, maxM = 8, 64
	found := rdCleared(&nd.found, len(nd.ends))
	count, m := 0, maxM
	for n := range found {
		if x := nd.at(n); len(x) >= minLong {
			count++
			m = min(m, len(x))
		} else if len(x) > 0 && bytes.Contains(text, x) {
			found[n] = true
		}
	}
	if count == 0 || len(text) < m {
		return found
	}
	// skip[h] = maxShift - shift, so that the cleared table means the maximal shift everywhere.
	maxShift := m - 2
	next := rdCleared(&nd.next, len(found))
	defer nd.clearTables()
	for n := range found {
		x := nd.at(n)
		if len(x) < minLong {
			continue
		}
		for q := 3; q <= m; q++ { // the block x[q-3:q] ends q bytes into the window
			h := rdBlockHash(uint32(x[q-3]) | uint32(x[q-2])<<8 | uint32(x[q-1])<<16)
			if d := uint8(q - 2); d > nd.skip[h] { // shift m-q
				nd.skip[h] = d
				nd.touched = append(nd.touched, uint16(h))
			}
			if q == m {
				next[n], nd.head[h] = nd.head[h], int32(n+1)
			}
		}
	}
	for end := m; end <= len(text); { // the window is text[end-m:end]
		h := rdBlockHash(binary.LittleEndian.Uint32(text[end-4:]) >> 8)
		if shift := maxShift - int(nd.skip[h]); shift > 0 {
			end += shift
			continue
		}
		for n := nd.head[h]; n != 0; n = next[n-1] {
			if !found[n-1] && bytes.HasPrefix(text[end-m:], nd.at(int(n-1))) {
				found[n-1] = true
				if count--; count == 0 {
					return found
				}
			}
		}
		end++
	}
	return found
}

// clearTables zeroes the slots of skip and head that findIn set.
func (nd *rdNeedles) clearTables() {
	for _, h := range nd.touched {
		nd.skip[h], nd.head[h] = 0, 0
	}
	nd.touched = nd.touched[:0]
}

// rdCleared returns (*buf)[:n] zeroed, growing *buf when it is too short.
func rdCleared[E any](buf *[]E, n int) []E {
	if cap(*buf) < n {
		*buf = make([]E, n)
	}
	*buf = (*buf)[:n]
	clear(*buf)
	return *buf
}
