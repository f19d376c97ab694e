package rules_test

import (
	"testing"

	"github.com/connectorlint/connectorlint/connector"
	"github.com/connectorlint/connectorlint/internal/fixture"
	"github.com/connectorlint/connectorlint/rules"
)

// FuzzLint runs every rule over a mutated swagger and apiProperties pair, seeded from every fixture:
// no rule may fail, every finding must lie inside its file, every fix must apply on its own, and a
// fix must not turn a parsable file into an unparsable one.
func FuzzLint(f *testing.F) {
	cs, err := fixture.Cases("..")
	if err != nil {
		f.Fatal(err)
	}
	for _, c := range cs {
		in := c.Inputs()
		f.Add(in[connector.SwaggerName], in[connector.PropsName], uint8(0))
	}
	profiles := []connector.Profile{connector.Certified, connector.IndependentPublisher, connector.Custom}
	f.Fuzz(func(t *testing.T, swagger, props []byte, profile uint8) {
		files := map[string][]byte{connector.SwaggerName: swagger}
		if props != nil {
			files[connector.PropsName] = props
		}
		c := connector.FromMemory("fz", profiles[int(profile)%len(profiles)], files)
		fs := rules.Lint(c, nil)
		for _, fd := range fs {
			if fd.RuleID == "internal-error" {
				t.Fatalf("%s", fd.Message)
			}
			file := c.FileByName(fd.File)
			if file == nil {
				continue
			}
			if fd.Start < 0 || fd.End < fd.Start || fd.End > len(file.Src) {
				t.Fatalf("%s: range %d..%d outside %d bytes", fd.RuleID, fd.Start, fd.End, len(file.Src))
			}
			for _, fx := range fd.Fixes {
				out, err := rules.ApplyEdits(file.Src, fx.Edits)
				if err != nil {
					t.Fatalf("%s: fix %q: %v", fd.RuleID, fx.Message, err)
				}
				if file.Doc != nil && file.Doc.Fatal() == nil {
					if d := connector.Parse("x", out); d.Fatal() != nil {
						t.Fatalf("%s: fix %q breaks the JSON: %s", fd.RuleID, fx.Message, d.Fatal().Message)
					}
				}
			}
		}
	})
}
