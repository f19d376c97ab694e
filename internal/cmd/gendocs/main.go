// Command gendocs regenerates docs/rules.md and docs/rules/*.md (run `go generate ./...`).
package main

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/connectorlint/connectorlint/internal/docgen"
)

func main() {
	root := "."
	if len(os.Args) > 1 {
		root = os.Args[1]
	}
	files, err := docgen.Generate(root)
	if err != nil {
		fmt.Fprintln(os.Stderr, "gendocs:", err)
		os.Exit(1)
	}
	old, _ := filepath.Glob(filepath.Join(root, "docs", "rules", "*.md"))
	for _, p := range old {
		rel, _ := filepath.Rel(root, p)
		if _, keep := files[rel]; !keep {
			os.Remove(p)
		}
	}
	for rel, content := range files {
		p := filepath.Join(root, rel)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			fmt.Fprintln(os.Stderr, "gendocs:", err)
			os.Exit(1)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			fmt.Fprintln(os.Stderr, "gendocs:", err)
			os.Exit(1)
		}
	}
}
