package rules_test

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/connectorlint/connectorlint/connector"
	"github.com/connectorlint/connectorlint/rules"
)

// corpusDir is the shared corpus of real connectors beside the checkout; it is absent on a fresh clone.
const corpusDir = "../../shared/corpus"

func corpusDirs(t testing.TB) []string {
	if _, err := os.Stat(corpusDir); err != nil {
		t.Skip("no ../shared/corpus beside the checkout")
	}
	dirs, errs := connector.Discover([]string{corpusDir})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	return dirs
}

// TestCorpus lints every real connector: no internal error, every finding inside its file. It logs
// the findings per rule and severity (go test -run TestCorpus -v ./rules).
func TestCorpus(t *testing.T) {
	dirs := corpusDirs(t)
	res := rules.LintDirs(dirs, connector.LoadOptions{}, nil, 0)
	counts := map[string]int{}
	conns := map[string]map[string]bool{}
	for _, r := range res {
		for _, f := range r.Findings {
			if f.RuleID == "internal-error" {
				t.Errorf("%s: %s", f.File, f.Message)
			}
			if f.Pos.Line < 1 {
				t.Errorf("%s: finding without a line: %+v", f.File, f)
			}
			k := fmt.Sprintf("%-7s %s", f.Severity, f.RuleID)
			counts[k]++
			if conns[k] == nil {
				conns[k] = map[string]bool{}
			}
			conns[k][r.Connector.Dir] = true
		}
	}
	var keys []string
	for k := range counts {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		t.Logf("%-55s %6d findings in %4d connectors", k, counts[k], len(conns[k]))
	}
	t.Logf("%d connectors", len(dirs))
}

type corpusFile struct {
	dir  string
	data map[string][]byte
}

// loadCorpus reads every connector folder of the corpus into memory: all its top-level files (readme,
// script, icon and the rest, so that every rule runs) and the names of its subfolders. The byte count
// is that of the JSON files, which are what BenchmarkCorpusDecodeJSON decodes.
func loadCorpus(b *testing.B) ([]corpusFile, int64) {
	dirs := corpusDirs(b)
	var files []corpusFile
	var total int64
	for _, d := range dirs {
		cf := corpusFile{dir: d, data: map[string][]byte{}}
		entries, err := os.ReadDir(d)
		if err != nil {
			b.Fatal(err)
		}
		for _, e := range entries {
			if e.IsDir() {
				cf.data[e.Name()+"/"] = nil // FromMemory lists it as a folder entry
				continue
			}
			data, err := os.ReadFile(filepath.Join(d, e.Name()))
			if err != nil {
				continue
			}
			cf.data[e.Name()] = data
			if strings.EqualFold(filepath.Ext(e.Name()), ".json") {
				total += int64(len(data))
			}
		}
		files = append(files, cf)
	}
	return files, total
}

// parallel runs fn(i) for i in [0,n) on all cores.
func parallel(n int, fn func(i int)) {
	var wg sync.WaitGroup
	next := make(chan int, n)
	for i := 0; i < n; i++ {
		next <- i
	}
	close(next)
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				fn(i)
			}
		}()
	}
	wg.Wait()
}

// BenchmarkCorpusLint parses and lints every corpus connector (swagger, apiProperties, readme, script,
// icon and folder) with every rule, on all cores, from memory. Compare with BenchmarkCorpusDecodeJSON in the same run
// (scripts/bench-corpus.sh prints the ratio).
func BenchmarkCorpusLint(b *testing.B) {
	files, total := loadCorpus(b)
	b.SetBytes(total)
	b.ReportAllocs()
	b.ResetTimer()
	cpu := cpuTime()
	for i := 0; i < b.N; i++ {
		parallel(len(files), func(k int) {
			c := connector.FromMemory(files[k].dir, connector.ProfileFor(files[k].dir), files[k].data)
			rules.Lint(c, nil)
		})
	}
	b.ReportMetric(float64(cpuTime()-cpu)/float64(b.N), "cpu-ns/op")
}

// cpuTime is the process's user+system CPU time: less sensitive than wall time to other load on a
// shared machine.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkCorpusDecodeJSON only decodes the same files into `any` with encoding/json on all cores.
func BenchmarkCorpusDecodeJSON(b *testing.B) {
	files, total := loadCorpus(b)
	b.SetBytes(total)
	b.ReportAllocs()
	b.ResetTimer()
	cpu := cpuTime()
	for i := 0; i < b.N; i++ {
		parallel(len(files), func(k int) {
			for name, data := range files[k].data {
				if strings.EqualFold(filepath.Ext(name), ".json") {
					var v any
					_ = json.Unmarshal(data, &v)
				}
			}
		})
	}
	b.ReportMetric(float64(cpuTime()-cpu)/float64(b.N), "cpu-ns/op")
}
