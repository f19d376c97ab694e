package rules

import (
	"encoding/binary"
	"fmt"
	"math/bits"
	"strconv"
	"strings"

	"github.com/connectorlint/connectorlint/connector"
)

// JSON style rules of the file family: they read the swagger's raw bytes (Microsoft's coding standards).

// flStyleScan is what the line-based style rules find in the swagger's raw bytes (Microsoft's coding
// standards).
type flStyleScan struct {
	tabs, odd            int    // lines indented with a tab, with a number of spaces not a multiple of four
	firstStart, firstEnd int    // the first such line's indentation (-1: none)
	firstMsg             string // how that line is indented
	trailing             []int  // the start and end of each line's trailing whitespace, in pairs
}

// flStyle scans the lines of file f once for json-style-4-space-indent and
// json-style-no-trailing-whitespace. Each line runs from a start of the file's line table (which the
// engine needs anyway to place findings) to its "\n" or "\r\n"; the empty text after a final line
// break is not a line.
func flStyle(f *connector.File) *flStyleScan {
	if f.Doc == nil {
		return flStyleBuild(f)
	}
	return f.Doc.Memo("fl.style", func() any { return flStyleBuild(f) }).(*flStyleScan)
}

func flStyleBuild(f *connector.File) *flStyleScan {
	src := f.Src
	r := &flStyleScan{firstStart: -1, firstEnd: -1}
	n := len(src)
	if n == 0 {
		return r
	}
	starts := f.Lines().Starts()
	const spaces = 0x2020202020202020
	odd := 0 // r.odd, counted without a branch: in a file indented by two spaces every other line is odd
	for k, s := range starts {
		start := int(s)
		if start == n && k > 0 {
			break
		}
		end := n
		if k+1 < len(starts) {
			end = int(starts[k+1]) - 1
		}
		if end > start && src[end-1] == '\r' {
			end--
		}
		if end > start {
			if c := src[end-1]; c == ' ' || c == '\t' {
				i := end - 1
				for i > start && (src[i-1] == ' ' || src[i-1] == '\t') {
					i--
				}
				r.trailing = append(r.trailing, i, end)
			}
		}
		i := start
		if start == 0 && len(src) >= 3 && src[0] == 0xEF && src[1] == 0xBB && src[2] == 0xBF {
			i, start = 3, 3
		}
		// Leading spaces. The run cannot go past end: the byte there is a line break (or the end).
		for i+8 <= n {
			if x := binary.LittleEndian.Uint64(src[i:]) ^ spaces; x != 0 {
				i += bits.TrailingZeros64(x) / 8
				goto counted
			}
			i += 8
		}
		for i < end && src[i] == ' ' {
			i++
		}
	counted:
		if i >= end { // no indent, or a blank line (trailing whitespace's business)
			continue
		}
		if src[i] == '\t' {
			t := i - start // the first tab of the indentation, relative to start
			for i < end && (src[i] == ' ' || src[i] == '\t') {
				i++
			}
			if i == end {
				continue
			}
			r.tabs++
			if r.firstStart < 0 {
				r.firstStart, r.firstEnd, r.firstMsg = start+t, start+t+1, fmt.Sprintf("indented with a tab (%q)", string(src[start:i]))
			}
			continue
		}
		w := i - start // > 0 unless the line is not indented
		odd += (w&3 + 3) >> 2
		if r.firstStart < 0 && w&3 != 0 {
			r.firstStart, r.firstEnd, r.firstMsg = start, i, fmt.Sprintf("indented by %d spaces", w)
		}
	}
	r.odd = odd
	return r
}

var jsonStyle4SpaceIndentRule = &Rule{
	ID: "json-style-4-space-indent", Severity: Info, Category: "style", Inputs: Swagger, Certification: true,
	Doc: Doc{
		Title: "The swagger is indented with four spaces, without tabs",
		Why: "Microsoft's coding standards for connector submissions ask for soft tabs of four spaces and no hard tabs, " +
			"so that diffs in the repository stay readable. Many merged connectors use two spaces; nothing blocks on " +
			"it, so findings are informational. The check flags each line whose indentation holds a tab or is not a " +
			"multiple of four spaces.",
		HowToFix: "Reformat the file with a four-space indent (for example VS Code's \"Format Document\" with " +
			"\"editor.tabSize\": 4 and \"editor.insertSpaces\": true).",
		Source: flCodeURL + " ; rules-catalog §2.1",
	},
	Check: checkJSONStyle4SpaceIndent,
}

func checkJSONStyle4SpaceIndent(p *Pass) error {
	// One finding per file, on the first badly indented line: a file indented with two spaces would
	// otherwise give one finding per line, which helps nobody.
	f := p.C.Swagger
	r := flStyle(f)
	tabs, odd := r.tabs, r.odd
	if r.firstStart < 0 {
		return nil
	}
	var parts []string
	if tabs > 0 {
		parts = append(parts, fmt.Sprintf("%d with tabs", tabs))
	}
	if odd > 0 {
		parts = append(parts, fmt.Sprintf("%d by a number of spaces that is not a multiple of four", odd))
	}
	p.Report(f, r.firstStart, r.firstEnd, "", "this line is %s; %s lines in the file are indented that way (%s); indent with four spaces per level",
		r.firstMsg, strconv.Itoa(tabs+odd), strings.Join(parts, ", "))
	return nil
}

var jsonStyleNoTrailingWhitespaceRule = &Rule{
	ID: "json-style-no-trailing-whitespace", Severity: Info, Category: "style", Inputs: Swagger, Certification: true,
	Doc: Doc{
		Title:    "Lines of the swagger have no trailing whitespace",
		Why:      "Microsoft's coding standards ask to remove spaces and tabs at the end of lines; they add noise to diffs and reviews. It is a style point, so findings are informational.",
		HowToFix: "Delete the whitespace at the end of each reported line (most editors can trim it on save).",
		Source:   flCodeURL + " ; rules-catalog §2.1",
	},
	Check: checkJSONStyleNoTrailingWhitespace,
}

func checkJSONStyleNoTrailingWhitespace(p *Pass) error {
	f := p.C.Swagger
	ws := flStyle(f).trailing
	for k := 0; k+1 < len(ws); k += 2 {
		i, end := ws[k], ws[k+1]
		p.Report(f, i, end, "", "the line ends with whitespace %q; delete it", string(f.Src[i:end])).
			WithFix("Delete the trailing whitespace", Edit{File: f.Name, Start: i, End: end})
	}
	return nil
}

// flSectionRank is the position of each top-level section in the order Microsoft's coding standards
// give; other keys (security, tags, extensions…) may go anywhere.
var flSectionRank = map[string]int{
	"swagger": 1, "info": 2, "host": 3, "basePath": 3, "schemes": 3, "consumes": 4, "produces": 4,
	"paths": 5, "definitions": 6, "parameters": 7,
}

var flSectionOrder = "swagger, info, host/basePath/schemes, consumes/produces, paths, definitions, parameters"

var jsonStyleSectionOrderRule = &Rule{
	ID: "json-style-section-order", Severity: Info, Category: "style", Inputs: Swagger, Certification: true,
	Doc: Doc{
		Title: "Top-level sections follow the recommended order",
		Why: "Microsoft's coding standards describe a readable layout: swagger version, info, host and schemes, " +
			"consumes/produces, paths, definitions, then parameters. Reviewers find things faster in that order. " +
			"Sections the standard does not place (responses, securityDefinitions, security, tags, x-ms-* extensions) " +
			"are ignored. It is a style point, so findings are informational.",
		HowToFix: "Move the reported section so that the file reads " + flSectionOrder + ".",
		Source:   flCodeURL + " ; rules-catalog §2.1",
	},
	Check: checkJSONStyleSectionOrder,
}

func checkJSONStyleSectionOrder(p *Pass) error {
	a := p.API
	maxRank, maxKey := 0, ""
	for k, n := range a.Members(a.Root) {
		r, ok := flSectionRank[k]
		if !ok {
			continue
		}
		if r < maxRank {
			p.SwaggerKey(n, "section %q comes after %q; order the top-level sections as %s", k, maxKey, flSectionOrder)
			continue
		}
		maxRank, maxKey = r, k
	}
	return nil
}
