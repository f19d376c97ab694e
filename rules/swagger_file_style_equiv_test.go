package rules

import (
	"encoding/binary"
	"fmt"
	"math/bits"
	"math/rand"
	"strings"
	"testing"

	"github.com/connectorlint/connectorlint/connector"
)

// TestFlStyleBuildEquivalence checks flStyleBuild against the version it replaced on random text made
// of indentation, tabs, line breaks (LF and CRLF), trailing white space and a byte-order mark.
func TestFlStyleBuildEquivalence(t *testing.T) {
	frags := []string{" ", "    ", "        ", "\t", "\n", "\r\n", "\r", "{", "\"a\": 1,", "x", "  \n", "\t\n", "            ", "\"k\""}
	r := rand.New(rand.NewSource(11))
	for n := 0; n < 100000; n++ {
		var b strings.Builder
		if r.Intn(10) == 0 {
			b.WriteString("\xef\xbb\xbf")
		}
		for j := r.Intn(30); j > 0; j-- {
			b.WriteString(frags[r.Intn(len(frags))])
		}
		src := []byte(b.String())
		f1 := &connector.File{Name: "a.json", Src: src}
		f2 := &connector.File{Name: "a.json", Src: src}
		if got, want := flStyleBuild(f1), oldFlStyleBuild(f2); fmt.Sprint(*got) != fmt.Sprint(*want) {
			t.Fatalf("%q: %+v, want %+v", src, *got, *want)
		}
	}
}

func oldFlStyleBuild(f *connector.File) *flStyleScan {
	src := f.Src
	r := &flStyleScan{firstStart: -1, firstEnd: -1}
	starts := f.Lines().Starts()
	for k, s := range starts {
		start := int(s)
		if start == len(src) && k > 0 || len(src) == 0 {
			break
		}
		end := len(src)
		if k+1 < len(starts) {
			end = int(starts[k+1]) - 1
		}
		if end > start && src[end-1] == '\r' {
			end--
		}
		// Trailing whitespace.
		i := end
		for i > start && (src[i-1] == ' ' || src[i-1] == '\t') {
			i--
		}
		if i != end {
			r.trailing = append(r.trailing, i, end)
		}
		// Indentation.
		i = start
		if start == 0 && len(src) >= 3 && src[0] == 0xEF && src[1] == 0xBB && src[2] == 0xBF {
			i, start = 3, 3
		}
		for i+8 <= end { // eight spaces at a time
			if x := binary.LittleEndian.Uint64(src[i:]) ^ 0x2020202020202020; x != 0 {
				i += bits.TrailingZeros64(x) / 8
				break
			}
			i += 8
		}
		for i < end && src[i] == ' ' {
			i++
		}
		t := -1 // the first tab of the indentation, relative to start
		if i < end && src[i] == '\t' {
			t = i - start
			for i < end && (src[i] == ' ' || src[i] == '\t') {
				i++
			}
		}
		if i == start || i == end { // no indent, or a blank line (trailing whitespace's business)
			continue
		}
		ind := src[start:i]
		if t >= 0 {
			r.tabs++
			if r.firstStart < 0 {
				r.firstStart, r.firstEnd, r.firstMsg = start+t, start+t+1, fmt.Sprintf("indented with a tab (%q)", string(ind))
			}
			continue
		}
		if len(ind)%4 != 0 {
			r.odd++
			if r.firstStart < 0 {
				r.firstStart, r.firstEnd, r.firstMsg = start, i, fmt.Sprintf("indented by %d spaces", len(ind))
			}
		}
	}
	return r
}
