package rules_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/connectorlint/connectorlint/connector"
	"github.com/connectorlint/connectorlint/internal/fixture"
	"github.com/connectorlint/connectorlint/rules"
)

// FuzzDiff compares a swagger (and apiProperties) with a mutated copy, seeded from the old/new
// fixtures: no rule may fail and every finding must lie inside the new file, with its related
// location inside the old one (go test ./rules -run XXX -fuzz FuzzDiff).
func FuzzDiff(f *testing.F) {
	cs, err := fixture.Cases("..")
	if err != nil {
		f.Fatal(err)
	}
	for _, c := range cs {
		if !c.IsCompare() {
			continue
		}
		old, cur := c.OldConnector(), c.Inputs()
		var oldSw, oldProps []byte
		if old.Swagger != nil {
			oldSw = old.Swagger.Src
		}
		if old.Props != nil {
			oldProps = old.Props.Src
		}
		f.Add(oldSw, cur[connector.SwaggerName], oldProps, cur[connector.PropsName])
	}
	f.Fuzz(func(t *testing.T, oldSw, newSw, oldProps, newProps []byte) {
		mk := func(dir string, sw, props []byte) *connector.Connector {
			files := map[string][]byte{connector.SwaggerName: sw}
			if props != nil {
				files[connector.PropsName] = props
			}
			return connector.FromMemory(dir, connector.Certified, files)
		}
		old, cur := mk("old", oldSw, oldProps), mk("new", newSw, newProps)
		for _, fd := range rules.Compare(old, cur, nil) {
			if fd.RuleID == "internal-error" {
				t.Fatalf("%s", fd.Message)
			}
			file := cur.FileByName(fd.File)
			if file == nil {
				t.Fatalf("%s: finding in %q, not in the new version", fd.RuleID, fd.File)
			}
			if fd.Start < 0 || fd.End < fd.Start || fd.End > len(file.Src) {
				t.Fatalf("%s: range %d..%d outside %d bytes", fd.RuleID, fd.Start, fd.End, len(file.Src))
			}
			for _, rel := range fd.Related {
				of := old.FileByName(rel.File)
				if of == nil || rel.Start < 0 || rel.End > len(of.Src) {
					t.Fatalf("%s: related location %q %d..%d not in the old version", fd.RuleID, rel.File, rel.Start, rel.End)
				}
			}
		}
	})
}

// largestPair returns the history pair with the biggest new swagger.
func largestPair(b *testing.B) (string, int) {
	best, size := "", 0
	dirs, _ := filepath.Glob(filepath.Join(historyDir, "[0-9]*"))
	for _, d := range dirs {
		if st, err := os.Stat(filepath.Join(d, "new", connector.SwaggerName)); err == nil && int(st.Size()) > size {
			best, size = d, int(st.Size())
		}
	}
	if best == "" {
		b.Skip("no ../shared/history beside the checkout")
	}
	return best, size
}

func loadPair(b *testing.B, dir string) (old, cur *connector.Connector) {
	read := func(side string) []byte {
		data, err := os.ReadFile(filepath.Join(dir, side, connector.SwaggerName))
		if err != nil {
			b.Fatal(err)
		}
		return data
	}
	o, n := read("old"), read("new")
	return connector.FromMemory("old", connector.Certified, map[string][]byte{connector.SwaggerName: o}),
		connector.FromMemory("new", connector.Certified, map[string][]byte{connector.SwaggerName: n})
}

// BenchmarkDiffLargest loads and diffs the largest real pair; BenchmarkLintLargest loads and lints
// its new version once. Their ratio is the cost of the comparison next to a lint
// (go test ./rules -run XXX -bench Largest).
func BenchmarkDiffLargest(b *testing.B) {
	dir, size := largestPair(b)
	b.SetBytes(int64(size))
	for b.Loop() {
		old, cur := loadPair(b, dir)
		rules.Compare(old, cur, nil)
	}
}

func BenchmarkLintLargest(b *testing.B) {
	dir, size := largestPair(b)
	b.SetBytes(int64(size))
	for b.Loop() {
		_, cur := loadPair(b, dir)
		rules.Lint(cur, nil)
	}
}
