package rules

import (
	"bytes"
	"image"
	"image/png"
)

// What several rules derive from the script and the icon, computed once per connector (Connector.Memo).

// rdScriptTokens returns the C# tokens of the connector's script.csx.
func rdScriptTokens(p *Pass) []rdTok {
	f := p.C.Script
	return p.C.Memo("sc.tokens", func() any { return rdLexCSharp(f.Src) }).([]rdTok)
}

// rdIcon is icon.png decoded.
type rdIcon struct {
	cfg   image.Config // the PNG header's size, when cfgOK
	cfgOK bool         // the file has the PNG signature and a readable header
	img   image.Image  // nil when the file is not a readable PNG (see rdIconOf)
	err   error        // png.Decode's error for a file with the PNG signature
}

// rdIconOf decodes the connector's icon.png once. An image of more than 16 million pixels is not
// decoded (its size alone is icon-230-square's finding): decoding it could take gigabytes.
func rdIconOf(p *Pass) *rdIcon {
	f := p.C.Icon
	return p.C.Memo("ic.image", func() any { return rdDecodeIcon(f.Src) }).(*rdIcon)
}

func rdDecodeIcon(src []byte) *rdIcon {
	ic := &rdIcon{}
	if !bytes.HasPrefix(src, rdPNGSignature) {
		return ic
	}
	cfg, err := png.DecodeConfig(bytes.NewReader(src))
	ic.cfg, ic.cfgOK = cfg, err == nil
	if err == nil && (cfg.Width <= 0 || cfg.Height <= 0 || cfg.Width*cfg.Height > 16<<20) {
		return ic
	}
	img, err := png.Decode(bytes.NewReader(src))
	if err != nil {
		ic.err = err
		return ic
	}
	ic.img = img
	return ic
}
