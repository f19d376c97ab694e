package rules

import (
	"bytes"
	"math/rand"
	"reflect"
	"strings"
	"testing"
)

// rdLocalImagesRescan is the version of rdLocalImages that scanned to the end of the line for every
// "![" and "<img"; rdLocalImages must find the same images.
//
// It returned the images of line whose address is not a web or data URL: Markdown
// ![alt](address "title") and HTML <img src="address">. Reference-style images are left out.
func rdLocalImagesRescan(line []byte) []rdImage {
	var out []rdImage
	add := func(start, end int) {
		t := strings.TrimSpace(string(line[start:end]))
		t = strings.Trim(t, "<>")
		if t == "" || rdWebAddress(t) {
			return
		}
		out = append(out, rdImage{start, end, t})
	}
	for i := 0; i < len(line); i++ {
		switch {
		case line[i] == '!' && i+1 < len(line) && line[i+1] == '[':
			// Find the "](" that closes the alt text (brackets may nest one level, e.g. [![..](..)](..)).
			depth, j := 0, i+1
			for ; j < len(line); j++ {
				if line[j] == '[' {
					depth++
				} else if line[j] == ']' {
					depth--
					if depth == 0 {
						break
					}
				}
			}
			if j+1 >= len(line) || line[j+1] != '(' {
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
		case (line[i] == '<') && i+4 < len(line) && strings.EqualFold(string(line[i+1:i+4]), "img"):
			close := bytes.IndexByte(line[i:], '>')
			if close < 0 {
				close = len(line) - i
			}
			tag := line[i : i+close]
			k := rdIndexFoldASCII(tag, "src=")
			if k < 0 {
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

func TestRdLocalImagesSameAsRescan(t *testing.T) {
	pieces := []string{"![", "[", "]", "](", ")", "(", "a.png", "https://x/y.png", " ", "\"t\"", "<img", "<IMG ", "src=",
		"src=\"b.png\"", "src='c.png'", ">", "/", "!", "<", "x"}
	r := rand.New(rand.NewSource(5))
	found := 0
	for n := 0; n < 50000; n++ {
		var b bytes.Buffer
		for k := r.Intn(14); k > 0; k-- {
			b.WriteString(pieces[r.Intn(len(pieces))])
		}
		got, want := rdLocalImages(b.Bytes()), rdLocalImagesRescan(b.Bytes())
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("%q: got %+v, want %+v", b.String(), got, want)
		}
		found += len(got)
	}
	if found < 1000 {
		t.Fatalf("only %d images in random lines", found)
	}
	// Unclosed alt texts and tags without src, many to a line: still found after them.
	line := strings.Repeat("![", 3000) + strings.Repeat("<img ", 3000) + "![i](local.png)"
	if got := rdLocalImages([]byte(line)); len(got) != 1 || got[0].target != "local.png" {
		t.Fatalf("got %+v", got)
	}
}
