package rules

import (
	"bytes"
	"image"
	"image/png"

	"github.com/connectorlint/connectorlint/connector"
)

// The readme, the script and the icon are not JSON Docs, so what several rules derive from them (the
// Markdown lines, the C# tokens, the decoded image) is kept in a memo of the connector's swagger Doc
// when there is one, tagged with the file's bytes so that a memo is only used for the file it was
// made from; without a swagger Doc, each rule derives its own.

// fileMemo is a value derived from the bytes src.
type fileMemo struct {
	src []byte
	v   any
}

// memoOfFile returns build() for file f, computed once per connector.
func memoOfFile(p *Pass, key string, f *connector.File, build func() any) any {
	sw := p.C.Swagger
	if sw == nil || sw.Doc == nil {
		return build()
	}
	m := sw.Doc.Memo(key, func() any { return &fileMemo{src: f.Src, v: build()} }).(*fileMemo)
	if !sameBytes(m.src, f.Src) {
		return build()
	}
	return m.v
}

// sameBytes reports whether a and b are the same slice (not merely equal bytes).
func sameBytes(a, b []byte) bool {
	return len(a) == len(b) && (len(a) == 0 || &a[0] == &b[0])
}

// rdScriptTokens returns the C# tokens of the connector's script.csx.
func rdScriptTokens(p *Pass) []rdTok {
	f := p.C.Script
	return memoOfFile(p, "sc.tokens", f, func() any { return rdLexCSharp(f.Src) }).([]rdTok)
}

// rdIcon is icon.png decoded.
type rdIcon struct {
	img image.Image // nil when the file is not a readable PNG (see rdDecodeIcon)
	err error       // png.Decode's error for a file with the PNG signature
}

// rdIconOf decodes the connector's icon.png once. An image of more than 16 million pixels is not
// decoded (its size alone is icon-230-square's finding): decoding it could take gigabytes.
func rdIconOf(p *Pass) *rdIcon {
	f := p.C.Icon
	return memoOfFile(p, "ic.image", f, func() any {
		ic := &rdIcon{}
		if !bytes.HasPrefix(f.Src, rdPNGSignature) {
			return ic
		}
		cfg, err := png.DecodeConfig(bytes.NewReader(f.Src))
		if err == nil && (cfg.Width <= 0 || cfg.Height <= 0 || cfg.Width*cfg.Height > 16<<20) {
			return ic
		}
		img, err := png.Decode(bytes.NewReader(f.Src))
		if err != nil {
			ic.err = err
			return ic
		}
		ic.img = img
		return ic
	}).(*rdIcon)
}
