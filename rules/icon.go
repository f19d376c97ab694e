package rules

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"strconv"
	"strings"

	"github.com/connectorlint/connectorlint/connector"
)

// iconRules are the icon.png rules (rules-catalog.md §6 and §12.5).
var iconRules = []*Rule{
	iconPngRule,
	icon230SquareRule,
	iconOpaqueRule,
	iconBgBrandColorRule,
	ipNoIconRule,
	iconUniqueRule,
	iconSizeLimitsRule,
}

const rdIconSource = "https://learn.microsoft.com/connectors/custom-connectors/certification-submission (icon)"

var rdPNGSignature = []byte("\x89PNG\r\n\x1a\n")

// rdIconHead is the range findings about the icon point at: its first bytes.
func rdIconHead(f *connector.File) (int, int) { return 0, min(len(f.Src), len(rdPNGSignature)) }

var iconPngRule = &Rule{
	ID: "icon-png", Severity: Error, Category: "icon", Inputs: Icon, Profiles: []connector.Profile{connector.Certified},
	Doc: Doc{
		Title: "icon.png is a PNG image",
		Why: "Microsoft's certification documentation requires the verified publisher's icon as a PNG file named " +
			"icon.png, and the package policy check (5000.1.1.1) looks for it. All 13 icons in the repository are PNG. " +
			"connectorlint checks the PNG signature and that Go's PNG decoder can read the file.",
		HowToFix: "Export the icon as PNG (not JPEG or SVG renamed to .png) and save it as icon.png.",
		Source:   rdIconSource + " ; https://learn.microsoft.com/connectors/custom-connectors/certification-policy-errors ; rules-catalog §12.5 icon-png",
	},
	Check: checkIconPng,
}

func checkIconPng(p *Pass) error {
	f := p.C.Icon
	s, e := rdIconHead(f)
	if !bytes.HasPrefix(f.Src, rdPNGSignature) {
		kind := "not a PNG file"
		switch {
		case len(f.Src) == 0:
			kind = "empty"
		case bytes.HasPrefix(f.Src, []byte("\xff\xd8\xff")):
			kind = "a JPEG image"
		case bytes.HasPrefix(f.Src, []byte("GIF8")):
			kind = "a GIF image"
		case bytes.HasPrefix(f.Src, []byte("BM")):
			kind = "a BMP image"
		case bytes.Contains(f.Src[:min(len(f.Src), 512)], []byte("<svg")):
			kind = "an SVG image"
		}
		p.Report(f, s, e, "", "%s is %s; save the icon in PNG format", f.Base, kind)
		return nil
	}
	if err := rdIconOf(p).err; err != nil {
		p.Report(f, s, e, "", "%s starts like a PNG but cannot be decoded (%v); export it again as PNG", f.Base, err)
	}
	return nil
}

var icon230SquareRule = &Rule{
	ID: "icon-230-square", Severity: Warning, Category: "icon", Inputs: Icon, Profiles: []connector.Profile{connector.Certified},
	Doc: Doc{
		Title: "icon.png is 230 × 230 pixels",
		Why: "The certification documentation asks for a logo of about 160 × 160 pixels inside a square of about " +
			"230 × 230 pixels, and reviewers ask for exactly 230 × 230 (microsoft/PowerPlatformConnectors PR#2376, " +
			"PR#3473). 8 of the 11 certified icons in the repository are 230 × 230, but 471 × 471 and 400 × 400 icons " +
			"were merged, so a different size is a warning; a non-square icon is reported the same way.",
		HowToFix: "Resize the canvas to 230 × 230 pixels with the logo (about 160 × 160) centred.",
		Source:   rdIconSource + " ; rules-catalog §12.5 icon-230-square",
	},
	Check: func(p *Pass) error {
		f := p.C.Icon
		ic := rdIconOf(p)
		if !ic.cfgOK {
			return nil
		}
		cfg := ic.cfg
		s, e := rdIconHead(f)
		switch {
		case cfg.Width != cfg.Height:
			p.Report(f, s, e, "", "%s is %d × %d pixels, not square; make it 230 × 230 pixels", f.Base, cfg.Width, cfg.Height)
		case cfg.Width != 230:
			p.Report(f, s, e, "", "%s is %d × %d pixels; reviewers ask for 230 × 230 pixels", f.Base, cfg.Width, cfg.Height)
		}
		return nil
	},
}

// rdCorners returns the four corner pixels (top-left, top-right, bottom-left, bottom-right).
func rdCorners(img image.Image) [4]color.NRGBA {
	b := img.Bounds()
	pts := [4]image.Point{{b.Min.X, b.Min.Y}, {b.Max.X - 1, b.Min.Y}, {b.Min.X, b.Max.Y - 1}, {b.Max.X - 1, b.Max.Y - 1}}
	var out [4]color.NRGBA
	for i, pt := range pts {
		out[i] = color.NRGBAModel.Convert(img.At(pt.X, pt.Y)).(color.NRGBA)
	}
	return out
}

var rdCornerNames = [4]string{"top-left", "top-right", "bottom-left", "bottom-right"}

var iconOpaqueRule = &Rule{
	ID: "icon-opaque", Severity: Warning, Category: "icon", Inputs: Icon, Profiles: []connector.Profile{connector.Certified},
	Doc: Doc{
		Title: "icon.png has an opaque background",
		Why: "The certification documentation asks for a non-transparent background, and reviewers reject transparent " +
			"icons (PR#2376, PR#3473): the icon is shown on coloured tiles where a transparent background looks broken. " +
			"connectorlint samples the four corner pixels; one merged icon (Kanbanize) has a transparent corner.",
		HowToFix: "Fill the background with the connector's iconBrandColor and export without an alpha channel.",
		Source:   rdIconSource + " ; rules-catalog §12.5 icon-opaque",
	},
	Check: func(p *Pass) error {
		f := p.C.Icon
		img := rdIconOf(p).img
		if img == nil {
			return nil
		}
		for i, c := range rdCorners(img) {
			if c.A < 255 {
				s, e := rdIconHead(f)
				p.Report(f, s, e, "", "the %s corner of %s is %s (alpha %d of 255); give the icon an opaque background in the brand colour", rdCornerNames[i], f.Base,
					map[bool]string{true: "transparent", false: "semi-transparent"}[c.A == 0], c.A)
				return nil
			}
		}
		return nil
	},
}

// rdParseHex parses #rgb or #rrggbb.
func rdParseHex(s string) (color.NRGBA, bool) {
	h := strings.TrimPrefix(strings.TrimSpace(s), "#")
	if len(h) == 3 {
		h = string([]byte{h[0], h[0], h[1], h[1], h[2], h[2]})
	}
	if len(h) != 6 {
		return color.NRGBA{}, false
	}
	v, err := strconv.ParseUint(h, 16, 32)
	if err != nil {
		return color.NRGBA{}, false
	}
	return color.NRGBA{uint8(v >> 16), uint8(v >> 8), uint8(v), 255}, true
}

func rdHex(c color.NRGBA) string { return fmt.Sprintf("#%02x%02x%02x", c.R, c.G, c.B) }

// rdColorTolerance is the largest per-channel difference still counted as the same colour: image
// tools round colours slightly when they convert colour profiles.
const rdColorTolerance = 4

func rdSameColor(a, b color.NRGBA) bool {
	d := func(x, y uint8) int {
		if x > y {
			return int(x - y)
		}
		return int(y - x)
	}
	return d(a.R, b.R) <= rdColorTolerance && d(a.G, b.G) <= rdColorTolerance && d(a.B, b.B) <= rdColorTolerance
}

var iconBgBrandColorRule = &Rule{
	ID: "icon-bg-brand-color", Severity: Warning, Category: "icon", Inputs: Icon, Profiles: []connector.Profile{connector.Certified},
	Doc: Doc{
		Title: "icon.png's background is the connector's iconBrandColor",
		Why: "The certification documentation asks for a background that is neither white (#ffffff) nor the default " +
			"blue (#007ee5) and that matches iconBrandColor in apiProperties.json; reviewers check it (PR#2376, " +
			"PR#3473). connectorlint compares the four opaque corner pixels with iconBrandColor and accepts a " +
			"difference of up to 4 per colour channel (colour-profile rounding); 8 of 11 merged icons match exactly, " +
			"one more is off by 2. Transparent corners are icon-opaque's finding.",
		HowToFix: "Fill the icon's background with iconBrandColor, or set iconBrandColor to the icon's background colour.",
		Source:   rdIconSource + " ; rules-catalog §12.5 icon-bg-brand-color",
	},
	Check: checkIconBgBrandColor,
}

func checkIconBgBrandColor(p *Pass) error {
	f := p.C.Icon
	img := rdIconOf(p).img
	if img == nil {
		return nil
	}
	s, e := rdIconHead(f)
	var brand color.NRGBA
	var brandNode connector.NodeID = connector.None
	haveBrand := false
	if pf := p.C.Props; pf != nil && pf.Doc != nil {
		brandNode = pf.Doc.Path(pf.Doc.Root, "properties", "iconBrandColor")
		if v, ok := pf.Doc.Str(brandNode); ok {
			brand, haveBrand = rdParseHex(v)
		}
	}
	white, blue := color.NRGBA{255, 255, 255, 255}, color.NRGBA{0x00, 0x7e, 0xe5, 255}
	for i, c := range rdCorners(img) {
		if c.A < 255 {
			continue
		}
		var fd *Finding
		switch {
		case rdSameColor(c, white):
			fd = p.Report(f, s, e, "", "the %s corner of %s is white (%s); use a non-white background in the connector's iconBrandColor", rdCornerNames[i], f.Base, rdHex(c))
		case rdSameColor(c, blue):
			fd = p.Report(f, s, e, "", "the %s corner of %s is the default blue (%s); use the connector's own brand colour", rdCornerNames[i], f.Base, rdHex(c))
		case haveBrand && !rdSameColor(c, brand):
			fd = p.Report(f, s, e, "", "the %s corner of %s is %s but iconBrandColor is %q; make the background and iconBrandColor the same colour", rdCornerNames[i], f.Base, rdHex(c), p.C.Props.Doc.String(brandNode))
		default:
			continue
		}
		if brandNode != connector.None {
			fd.WithRelated(p.C.Props, brandNode, "iconBrandColor is set here")
		}
		return nil
	}
	return nil
}

var ipNoIconRule = &Rule{
	ID: "ip-no-icon", Severity: Error, Category: "icon", Inputs: Icon, Profiles: []connector.Profile{connector.IndependentPublisher},
	Doc: Doc{
		Title: "Independent-publisher connectors do not include an icon",
		Why: "Independent-publisher connectors all get Microsoft's generic icon; the pull-request template makes the " +
			"submitter confirm that no icon is submitted. None of the 387 merged independent-publisher connectors " +
			"has an icon.png.",
		HowToFix: "Delete icon.png from the connector folder.",
		Source:   "https://learn.microsoft.com/connectors/custom-connectors/certification-submission-ip ; microsoft/PowerPlatformConnectors .github/pull_request_template.md ; rules-catalog §6 ip-no-icon",
	},
	Check: func(p *Pass) error {
		f := p.C.Icon
		s, e := rdIconHead(f)
		p.Report(f, s, e, "", "independent-publisher connectors get a generic icon; delete %s from the folder", f.Base)
		return nil
	},
}

// Source: certification-submission ("unique" icon); rules-catalog §12.5 icon-unique (two merged
// connectors of one publisher share a byte-identical icon).
var iconUniqueRule = &Rule{
	ID: "icon-unique", Severity: Warning, Category: "icon", Inputs: Icon, Profiles: []connector.Profile{connector.Certified},
	Doc: Doc{
		Title: "Each connector has its own icon",
		Why: "Microsoft's certification documentation asks for an icon that tells the connector apart from the others " +
			"in the designer, and reviewers check it by eye. When a run lints several connectors (a whole connector " +
			"repository, say), connectorlint compares their icon.png files and reports every certified connector whose " +
			"icon is byte-identical to another's: usually a copied folder whose icon was never replaced. Two merged " +
			"connectors of one publisher share an icon, so this is a warning. Icons that differ by a single pixel or " +
			"only in their PNG encoding are not detected, and Microsoft's own connectors are not compared.",
		HowToFix: "Give the connector an icon of its own (230 × 230 px, its brand colour as background), or, for two " +
			"versions of one service, make the difference visible.",
		Source: rdIconSource + " ; rules-catalog §12.5 icon-unique",
	},
	CheckRun: checkIconUnique,
}

func checkIconUnique(p *RunPass) error {
	groups := map[[32]byte][]int{}
	var order [][32]byte
	for i, s := range p.Summaries {
		if s.IconFile == "" {
			continue
		}
		if _, ok := groups[s.Icon]; !ok {
			order = append(order, s.Icon)
		}
		groups[s.Icon] = append(groups[s.Icon], i)
	}
	for _, h := range order {
		g := groups[h]
		if len(g) < 2 {
			continue
		}
		for k, i := range g {
			other := g[0]
			if k == 0 {
				other = g[1]
			}
			o := p.Summaries[other]
			more := ""
			if len(g) > 2 {
				more = fmt.Sprintf(" (and %d more)", len(g)-2)
			}
			f := p.ReportIcon(i, "icon.png is byte-identical to the icon of %s%s; give each connector its own icon", o.Dir, more)
			f.Related = append(f.Related, Related{File: o.IconFile, Start: 0, End: o.IconEnd, Pos: o.IconPos,
				Message: "the same icon"})
		}
	}
	return nil
}

// iconMaxBytes is the file size limit third-party validators attribute to Microsoft's package check.
const iconMaxBytes = 1 << 20

// Source: rules-catalog §12.5 icon-size-limits (third-party validator, codes 5000.2.1.2–4 unverified).
var iconSizeLimitsRule = &Rule{
	ID: "icon-size-limits", Severity: Info, Category: "icon", Inputs: Icon, Profiles: []connector.Profile{connector.Certified},
	Doc: Doc{
		Title: "icon.png is smaller than 1 MB",
		Why: "Third-party validators say Microsoft's package check rejects an icon of 1 MB or more (policy codes " +
			"5000.2.1.2 to 5000.2.1.4); no Microsoft source confirms it, so this is a hint. A 230 × 230 logo needs far " +
			"less: every icon in the repository is 24 KB or smaller. The pixel size is icon-230-square's business.",
		HowToFix: "Export the icon again at 230 × 230 pixels, without embedded metadata or colour profiles.",
		Source:   rdIconSource + " ; rules-catalog §12.5 icon-size-limits",
	},
	Check: func(p *Pass) error {
		f := p.C.Icon
		if len(f.Src) >= iconMaxBytes {
			s, e := rdIconHead(f)
			p.Report(f, s, e, "", "%s is %d bytes, 1 MB (1048576 bytes) or more; keep the icon under 1 MB (a 230 × 230 logo needs a few KB)", f.Base, len(f.Src))
		}
		return nil
	},
}
