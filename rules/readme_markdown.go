package rules

import (
	"bytes"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
	"unsafe"
)

// A small Markdown line scanner for readme.md: it knows ATX and setext headings, list items, fenced
// code blocks and HTML comments (whose lines never count as headings or text), and blank lines.
// It is line-based on purpose: the readme rules only need headings, list items and prose lines with
// exact byte offsets.

type rdKind uint8

const (
	rdBlank   rdKind = iota
	rdHeading        // ATX (# Title) or setext (Title / =====)
	rdItem           // list item (-, *, + or 1. / 1))
	rdText           // any other line of prose
	rdCode           // fenced code, a fence line, an HTML comment or an indented code line
)

// rdLine is one line of a Markdown file. Start/End delimit the line without its line break;
// TextStart/TextEnd delimit its content: the heading text (without the #s), the text after a list
// marker, or the trimmed line.
type rdLine struct {
	Start, End         int32 // a readme is far smaller than 2 GB: 20 bytes a line, not 56
	TextStart, TextEnd int32
	Indent             int32 // columns of leading white space (tabs count 4)
	Kind               rdKind
	Level              uint8 // heading level 1–6
}

// rdMarkdown is a scanned Markdown file.
type rdMarkdown struct {
	Src   []byte
	Lines []rdLine
	heads []rdHead // the headings, once asked for (see headings)
}

// rdHead is a heading: the index of its line and rdWords of its text.
type rdHead struct {
	k    int
	norm string
}

// headings returns the headings of m in order, their words computed once for all the readme rules.
func (m *rdMarkdown) headings() []rdHead {
	if m.heads == nil {
		n, size := 0, 0
		for _, l := range m.Lines {
			if l.Kind == rdHeading {
				n, size = n+1, size+int(l.TextEnd-l.TextStart)
			}
		}
		m.heads = make([]rdHead, 0, n) // not nil: computed
		// The words of all the headings go to one buffer, which they slice.
		buf := make([]byte, 0, size)
		ends := make([]int, 0, n)
		for k, l := range m.Lines {
			if l.Kind == rdHeading {
				buf = rdAppendFold(buf, m.text(l), true)
				ends = append(ends, len(buf))
				m.heads = append(m.heads, rdHead{k: k})
			}
		}
		all := ""
		if len(buf) > 0 {
			all = unsafe.String(&buf[0], len(buf)) // buf is not written again
		}
		start := 0
		for i, e := range ends {
			m.heads[i].norm, start = all[start:e], e
		}
	}
	return m.heads
}

// headingWords returns rdWords of the text of heading line k ("" when line k is not a heading).
func (m *rdMarkdown) headingWords(k int) string {
	hs := m.headings()
	i, found := slices.BinarySearchFunc(hs, k, func(h rdHead, k int) int { return h.k - k })
	if !found {
		return ""
	}
	return hs[i].norm
}

// text returns the text of line l (see str).
func (m *rdMarkdown) text(l rdLine) string { return m.str(int(l.TextStart), int(l.TextEnd)) }

// str returns the bytes src[s:e] as a string without copying them: a file's bytes are never
// modified once read.
func (m *rdMarkdown) str(s, e int) string {
	if s == e {
		return ""
	}
	return unsafe.String(&m.Src[s], e-s)
}

// rdReadme returns the scanned readme.md of p's connector, shared by the readme rules.
func rdReadme(p *Pass) *rdMarkdown {
	f := p.C.Readme
	return p.C.Memo("rd.markdown", func() any { return rdScanMarkdown(f.Src) }).(*rdMarkdown)
}

// rdScanMarkdown splits src into classified lines.
func rdScanMarkdown(src []byte) *rdMarkdown {
	m := &rdMarkdown{Src: src, Lines: make([]rdLine, 0, bytes.Count(src, []byte{'\n'})+1)}
	pos := 0
	if bytes.HasPrefix(src, []byte("\xef\xbb\xbf")) {
		pos = 3
	}
	var fenceChar byte
	fenceLen := 0
	inComment := false
	for pos < len(src) {
		end := bytes.IndexByte(src[pos:], '\n')
		next := 0
		if end < 0 {
			end = len(src)
			next = len(src)
		} else {
			end += pos
			next = end + 1
		}
		lineEnd := end
		if lineEnd > pos && src[lineEnd-1] == '\r' {
			lineEnd--
		}
		l := rdClassify(src, pos, lineEnd, &fenceChar, &fenceLen, &inComment, m.Lines)
		if l.Kind == rdSetext {
			// The previous line becomes a heading; this underline counts as blank.
			prev := &m.Lines[len(m.Lines)-1]
			prev.Kind = rdHeading
			prev.Level = l.Level
			l = rdLine{Kind: rdBlank, Start: int32(pos), End: int32(lineEnd), TextStart: int32(pos), TextEnd: int32(pos)}
		}
		m.Lines = append(m.Lines, l)
		pos = next
	}
	return m
}

// rdSetext is a transient kind: a setext underline below a line of text.
const rdSetext rdKind = 100

func rdClassify(src []byte, start, end int, fenceChar *byte, fenceLen *int, inComment *bool, prev []rdLine) rdLine {
	l := rdLine{Start: int32(start), End: int32(end), TextStart: int32(start), TextEnd: int32(end)}
	// Leading white space.
	i, col := start, 0
	for i < end && (src[i] == ' ' || src[i] == '\t') {
		if src[i] == '\t' {
			col += 4 - col%4
		} else {
			col++
		}
		i++
	}
	l.Indent = int32(col)
	rest := src[i:end]
	trimmed := bytes.TrimRight(rest, " \t")
	if *fenceChar != 0 {
		l.Kind = rdCode
		if col <= 3 && rdRun(trimmed, *fenceChar) >= *fenceLen && rdRun(trimmed, *fenceChar) == len(trimmed) {
			*fenceChar, *fenceLen = 0, 0
		}
		return l
	}
	if *inComment {
		l.Kind = rdCode
		if bytes.Contains(rest, []byte("-->")) {
			*inComment = false
		}
		return l
	}
	if len(trimmed) == 0 {
		l.Kind = rdBlank
		return l
	}
	if col >= 4 {
		// Indented code, unless it continues a list item or a paragraph.
		if len(prev) > 0 && (prev[len(prev)-1].Kind == rdBlank || prev[len(prev)-1].Kind == rdHeading) && !rdInList(prev) {
			l.Kind = rdCode
			return l
		}
	}
	if col <= 3 {
		if c := trimmed[0]; c == '`' || c == '~' {
			if n := rdRun(trimmed, c); n >= 3 && (c == '~' || !bytes.ContainsRune(trimmed[n:], '`')) {
				*fenceChar, *fenceLen = c, n
				l.Kind = rdCode
				return l
			}
		}
		if bytes.HasPrefix(trimmed, []byte("<!--")) {
			l.Kind = rdCode
			if !bytes.Contains(trimmed[4:], []byte("-->")) {
				*inComment = true
			}
			return l
		}
		if n := rdRun(trimmed, '#'); n >= 1 && n <= 6 && (n == len(trimmed) || trimmed[n] == ' ' || trimmed[n] == '\t') {
			l.Kind, l.Level = rdHeading, uint8(n)
			ts := i + n
			te := i + len(trimmed)
			for ts < te && (src[ts] == ' ' || src[ts] == '\t') {
				ts++
			}
			// A closing sequence of #s preceded by white space is not part of the text.
			k := te
			for k > ts && src[k-1] == '#' {
				k--
			}
			if k == ts || src[k-1] == ' ' || src[k-1] == '\t' {
				te = k
				for te > ts && (src[te-1] == ' ' || src[te-1] == '\t') {
					te--
				}
			}
			l.TextStart, l.TextEnd = int32(ts), int32(te)
			return l
		}
		if rdThematicBreak(trimmed) {
			if trimmed[0] == '-' && len(prev) > 0 && prev[len(prev)-1].Kind == rdText && rdRun(trimmed, '-') == len(trimmed) {
				return rdLine{Kind: rdSetext, Level: 2}
			}
			l.Kind = rdBlank
			return l
		}
		if rdRun(trimmed, '=') == len(trimmed) && len(prev) > 0 && prev[len(prev)-1].Kind == rdText {
			return rdLine{Kind: rdSetext, Level: 1}
		}
	}
	if n := rdListMarker(trimmed); n > 0 {
		l.Kind = rdItem
		ts := i + n
		for ts < end && (src[ts] == ' ' || src[ts] == '\t') {
			ts++
		}
		l.TextStart, l.TextEnd = int32(ts), int32(i+len(trimmed))
		if l.TextStart > l.TextEnd {
			l.TextStart = l.TextEnd
		}
		return l
	}
	l.Kind = rdText
	l.TextStart, l.TextEnd = int32(i), int32(i+len(trimmed))
	return l
}

// rdInList reports whether the lines before belong to a list (an item, then anything but a heading).
func rdInList(prev []rdLine) bool {
	for k := len(prev) - 1; k >= 0; k-- {
		switch prev[k].Kind {
		case rdItem:
			return true
		case rdHeading:
			return false
		}
	}
	return false
}

func rdRun(b []byte, c byte) int {
	n := 0
	for n < len(b) && b[n] == c {
		n++
	}
	return n
}

func rdThematicBreak(b []byte) bool {
	c := b[0]
	if c != '-' && c != '*' && c != '_' {
		return false
	}
	n := 0
	for _, x := range b {
		switch x {
		case c:
			n++
		case ' ', '\t':
		default:
			return false
		}
	}
	return n >= 3
}

// rdListMarker returns the length of the list marker that starts b (0 when none).
func rdListMarker(b []byte) int {
	if len(b) == 0 {
		return 0
	}
	if b[0] == '-' || b[0] == '*' || b[0] == '+' {
		if len(b) == 1 || b[1] == ' ' || b[1] == '\t' {
			return 1
		}
		return 0
	}
	n := 0
	for n < len(b) && n < 9 && b[n] >= '0' && b[n] <= '9' {
		n++
	}
	if n > 0 && n < len(b) && (b[n] == '.' || b[n] == ')') && (n+1 == len(b) || b[n+1] == ' ' || b[n+1] == '\t') {
		return n + 1
	}
	return 0
}

// rdSectionEnd returns the index of the first line after the section that heading line h opens:
// the next heading of the same or a higher level, or the end.
func (m *rdMarkdown) rdSectionEnd(h int) int {
	lv := m.Lines[h].Level
	for k := h + 1; k < len(m.Lines); k++ {
		if m.Lines[k].Kind == rdHeading && m.Lines[k].Level <= lv {
			return k
		}
	}
	return len(m.Lines)
}

// rdFindHeading returns the index of the first heading whose normalised text satisfies match, or -1.
func (m *rdMarkdown) rdFindHeading(match func(norm string) bool) int {
	for _, h := range m.headings() {
		if match(h.norm) {
			return h.k
		}
	}
	return -1
}

// rdFirstHeading returns the index of the first heading, or -1.
func (m *rdMarkdown) rdFirstHeading() int {
	for k, l := range m.Lines {
		if l.Kind == rdHeading {
			return k
		}
	}
	return -1
}

// rdWords lower-cases s and turns every run of characters that are not letters or digits into one
// space: "## **Pre-requisites:**" → "pre requisites".
func rdWords(s string) string { return rdFold(s, true) }

// rdKey lower-cases s and keeps only letters and digits: "Get item (V2)" → "getitemv2".
func rdKey(s string) string { return rdFold(s, false) }

// rdFoldASCII maps an ASCII letter or digit to its lower case, anything else to 0.
var rdFoldASCII = func() (t [utf8.RuneSelf]byte) {
	for c := byte('0'); c <= '9'; c++ {
		t[c] = c
	}
	for c := byte('a'); c <= 'z'; c++ {
		t[c], t[c-'a'+'A'] = c, c
	}
	return t
}()

// rdFold keeps the letters and digits of s, lower-cased, and with words true one space for each run
// of other characters between them. Characters are read as a range loop reads them (an invalid UTF-8
// byte is U+FFFD, not a letter); ASCII takes a fast path.
func rdFold(s string, words bool) string {
	return string(rdAppendFold(make([]byte, 0, len(s)), s, words))
}

// rdAppendFold appends rdFold(s, words) to b.
func rdAppendFold(b []byte, s string, words bool) []byte {
	start := len(b)
	gap := false // a separator was seen since the last letter or digit
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			if f := rdFoldASCII[c]; f != 0 {
				if gap && words && len(b) > start {
					b = append(b, ' ')
				}
				gap = false
				b = append(b, f)
			} else {
				gap = true
			}
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			gap = true
			continue
		}
		if gap && words && len(b) > start {
			b = append(b, ' ')
		}
		gap = false
		b = utf8.AppendRune(b, unicode.ToLower(r))
	}
	return b
}

// rdHasWord reports whether the space-separated words of norm include one of words.
func rdHasWord(norm string, words ...string) bool {
	for w := range strings.FieldsSeq(norm) {
		if slices.Contains(words, w) {
			return true
		}
	}
	return false
}

// rdLineRange returns the byte range to report for line l: its content, or the whole line.
func rdLineRange(l rdLine) (int, int) {
	if l.TextEnd > l.TextStart {
		return int(l.TextStart), int(l.TextEnd)
	}
	return int(l.Start), int(l.End)
}
