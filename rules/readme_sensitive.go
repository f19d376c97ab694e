package rules

import (
	"bytes"
	"strings"
)

// Source: rules-catalog §4 readme-no-sensitive-info (R-README; PR#1117, PR#3492).
var readmeNoSensitiveInfoRule = &Rule{
	ID: "readme-no-sensitive-info", Severity: Warning, Category: "readme", Inputs: Readme,
	Doc: Doc{
		Title: "The readme holds no credentials and shows no images from the pull request",
		Why: "The readme is published as the connector's public documentation page. Reviewers ask to take out anything " +
			"private: a key or token pasted into a setup example is leaked the moment the pull request is opened. They " +
			"also ask to remove images added to the pull request (\"Please remove the image added to PR\", PR#1117): a " +
			"readme that shows a picture from the connector folder needs that file committed beside it. connectorlint " +
			"looks for the shapes of well-known credentials (the same patterns as no-secrets-in-files, placeholders " +
			"accepted), in code blocks too, and for Markdown or HTML images whose address is not a web URL. Personal " +
			"data other than credentials is not detected. A few merged readmes still show local images, so this is a " +
			"warning.",
		HowToFix: "Replace a credential with a placeholder such as [[DummyValue]] and revoke the real one. Host a " +
			"screenshot on your own site and link to it by its https:// address, or describe the step in words, and " +
			"delete the image file from the pull request.",
		Source: "microsoft/PowerPlatformConnectors README (contribution guide); PR#1117; PR#3492; " +
			"rules-catalog §4 readme-no-sensitive-info",
	},
	Check: checkReadmeNoSensitiveInfo,
}

func checkReadmeNoSensitiveInfo(p *Pass) error {
	f := p.C.Readme
	m := rdReadme(p)
	for _, l := range m.Lines {
		line := m.str(int(l.Start), int(l.End))
		if what, tok := flStrongSecret(line); what != "" {
			s, e := int(l.Start), int(l.End)
			if i := strings.Index(line, tok); i >= 0 {
				s, e = s+i, s+i+len(tok)
			}
			shown := tok
			if what != "private key" {
				shown = flRedact(tok)
			}
			p.Report(f, s, e, "", "the readme contains what looks like a real %s (%q); replace it with a placeholder such as [[DummyValue]] and revoke it", what, shown)
		}
		if l.Kind == rdCode {
			continue // an image written in a code sample is not shown
		}
		if strings.IndexByte(line, '!') < 0 && strings.IndexByte(line, '<') < 0 {
			continue // no image: the common case, found fast
		}
		for _, img := range rdLocalImages(f.Src[l.Start:l.End]) {
			p.Report(f, int(l.Start)+img.start, int(l.Start)+img.end, "",
				"the readme shows %q, an image from the connector folder; reviewers ask for no images in the pull request: link to an https:// address or describe the step in words", img.target)
		}
	}
	return nil
}

// rdImage is an image reference inside one line: the byte range of its address, and the address.
type rdImage struct {
	start, end int
	target     string
}

// rdLocalImages returns the images of line whose address is not a web or data URL: Markdown
// ![alt](address "title") and HTML <img src="address">. Reference-style images are left out. The
// scan is linear in the line's length, however many unclosed "![" or "<img" it holds.
func rdLocalImages(line []byte) []rdImage {
	var out []rdImage
	add := func(start, end int) {
		t := strings.TrimSpace(string(line[start:end]))
		t = strings.Trim(t, "<>")
		if t == "" || rdWebAddress(t) {
			return
		}
		out = append(out, rdImage{start, end, t})
	}
	var closes map[int]int // rdAltCloses(line), made at the first "!["
	tagsFrom := 0          // "<img" before this offset lies in a tag already read, which has no src
	for i := 0; i < len(line); i++ {
		switch {
		case line[i] == '!' && i+1 < len(line) && line[i+1] == '[':
			// The "]" that closes the alt text (brackets may nest, e.g. [![..](..)](..)) must be followed
			// by "(".
			if closes == nil {
				closes = rdAltCloses(line)
			}
			j := closes[i+1]
			if j < 0 || j+1 >= len(line) || line[j+1] != '(' {
				continue
			}
			start := j + 2
			end := bytes.IndexByte(line[start:], ')')
			if end < 0 {
				continue
			}
			end += start
			// Drop an optional title: the address ends at the first space outside <...>.
			if sp := bytes.IndexAny(line[start:end], " \t"); sp > 0 && line[start] != '<' {
				end = start + sp
			}
			add(start, end)
			i = end
		case (line[i] == '<') && i >= tagsFrom && i+4 < len(line) && strings.EqualFold(string(line[i+1:i+4]), "img"):
			close := bytes.IndexByte(line[i:], '>')
			if close < 0 {
				close = len(line) - i
			}
			tag := line[i : i+close]
			k := rdIndexFoldASCII(tag, "src=")
			if k < 0 {
				// A "<img" inside this tag ends at the same '>' and has no src either.
				tagsFrom = i + close
				continue
			}
			k += 4
			if k < len(tag) && (tag[k] == '"' || tag[k] == '\'') {
				q := tag[k]
				e := bytes.IndexByte(tag[k+1:], q)
				if e >= 0 {
					add(i+k+1, i+k+1+e)
				}
			} else {
				e := bytes.IndexAny(tag[k:], " \t/")
				if e < 0 {
					e = len(tag) - k
				}
				add(i+k, i+k+e)
			}
			i += close
		}
	}
	return out
}

// rdAltCloses maps the offset of every "[" of line that follows a "!" to the offset of the "]" that
// closes it (the first one at which the brackets after it balance), -1 when none does. One pass with
// a stack of the open brackets.
func rdAltCloses(line []byte) map[int]int {
	closes := map[int]int{}
	var open []int
	for x, c := range line {
		switch c {
		case '[':
			if x > 0 && line[x-1] == '!' {
				closes[x] = -1
			}
			open = append(open, x)
		case ']':
			if n := len(open); n > 0 {
				if _, ok := closes[open[n-1]]; ok {
					closes[open[n-1]] = x
				}
				open = open[:n-1]
			}
		}
	}
	return closes
}

// rdWebAddress reports whether an image address is on the web (or inline data), not a file beside
// the readme.
func rdWebAddress(t string) bool {
	l := strings.ToLower(t)
	return strings.HasPrefix(l, "https://") || strings.HasPrefix(l, "http://") || strings.HasPrefix(l, "//") ||
		strings.HasPrefix(l, "data:")
}

// rdIndexFoldASCII is the index of the first occurrence of the lower-case ASCII word w in b, ignoring
// ASCII letter case, or -1. Unlike bytes.ToLower, it keeps byte offsets exact whatever b holds.
func rdIndexFoldASCII(b []byte, w string) int {
	for i := 0; i+len(w) <= len(b); i++ {
		j := 0
		for j < len(w) && (b[i+j] == w[j] || b[i+j]|0x20 == w[j] && w[j] >= 'a' && w[j] <= 'z') {
			j++
		}
		if j == len(w) {
			return i
		}
	}
	return -1
}
