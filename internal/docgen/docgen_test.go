package docgen

import (
	"os"
	"path/filepath"
	"testing"
)

// TestDocsUpToDate fails when docs/rules.md or docs/rules/*.md differ from what the registry and the
// fixtures generate.
func TestDocsUpToDate(t *testing.T) {
	root := filepath.Join("..", "..")
	files, err := Generate(root)
	if err != nil {
		t.Fatal(err)
	}
	for rel, want := range files {
		got, err := os.ReadFile(filepath.Join(root, rel))
		if err != nil || string(got) != want {
			t.Errorf("%s is stale: run `go generate ./...` and commit the result", rel)
		}
	}
	pages, _ := filepath.Glob(filepath.Join(root, "docs", "rules", "*.md"))
	for _, p := range pages {
		rel, _ := filepath.Rel(root, p)
		if _, ok := files[rel]; !ok {
			t.Errorf("%s documents no registered rule: run `go generate ./...`", rel)
		}
	}
}
