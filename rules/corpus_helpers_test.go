package rules

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/connectorlint/connectorlint/connector"
)

// eachCorpusConnector calls fn with every connector of the shared corpus beside the checkout whose
// swagger has an object at its top level. It does nothing when the corpus is absent (a fresh clone):
// the equivalence tests that use it also run on generated input.
func eachCorpusConnector(fn func(c *connector.Connector)) {
	const dir = "../../shared/corpus"
	if _, err := os.Stat(dir); err != nil {
		return
	}
	dirs, _ := connector.Discover([]string{dir})
	for _, d := range dirs {
		if c := connector.Load(d, connector.LoadOptions{}); c.API() != nil {
			fn(c)
		}
	}
}

// corpusSwaggerFiles returns the bytes of every apiDefinition.swagger.json of the shared corpus by
// path; none when the corpus is absent.
func corpusSwaggerFiles(t testing.TB) map[string][]byte {
	files, _ := filepath.Glob("../../shared/corpus/*/*/apiDefinition.swagger.json")
	out := make(map[string][]byte, len(files))
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		out[f] = src
	}
	return out
}
