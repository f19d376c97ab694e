package rules_test

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/connectorlint/connectorlint/connector"
	"github.com/connectorlint/connectorlint/rules"
)

// historyDir holds real before/after versions of connector files (NNN/old, NNN/new, pairs.tsv)
// beside the checkout; it is absent on a fresh clone.
const historyDir = "../../shared/history"

type historyPair struct {
	id, path, subject string
	old, new          *connector.Connector
}

func historyPairs(t testing.TB) []historyPair {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(historyDir, "pairs.tsv"))
	if err != nil {
		t.Skip("no ../shared/history beside the checkout")
	}
	var out []historyPair
	for i, line := range strings.Split(strings.TrimSpace(string(data)), "\n") {
		cols := strings.Split(line, "\t")
		if i == 0 || len(cols) < 3 {
			continue
		}
		dir := filepath.Join(historyDir, cols[0])
		out = append(out, historyPair{id: cols[0], path: cols[1], subject: cols[2],
			old: connector.Load(filepath.Join(dir, "old"), connector.LoadOptions{}),
			new: connector.Load(filepath.Join(dir, "new"), connector.LoadOptions{})})
	}
	return out
}

// TestHistory diffs the real before/after pairs: no panic, no internal error, every finding inside
// the new file with its related location inside the old one. It logs a table of findings per pair
// and the number of pairs each rule fires on (go test ./rules -run TestHistory -v).
func TestHistory(t *testing.T) {
	pairs := historyPairs(t)
	perRule := map[string]int{}
	var table strings.Builder
	for _, hp := range pairs {
		fs := rules.Compare(hp.old, hp.new, nil)
		counts := map[string]int{}
		for _, f := range fs {
			if f.RuleID == "internal-error" {
				t.Errorf("%s: %s", hp.id, f.Message)
			}
			if f.File != hp.new.Swagger.Name && (hp.new.Props == nil || f.File != hp.new.Props.Name) {
				t.Errorf("%s: finding in %s, not in the new files", hp.id, f.File)
			}
			if f.Pos.Line < 1 {
				t.Errorf("%s: finding without a line: %s", hp.id, f.Message)
			}
			for _, rel := range f.Related {
				if rel.Pos.Line < 1 || hp.old.FileByName(rel.File) == nil {
					t.Errorf("%s: related location %s:%d is not in the old files", hp.id, rel.File, rel.Pos.Line)
				}
			}
			counts[f.RuleID]++
		}
		var cells []string
		for _, id := range sortedKeys(counts) {
			perRule[id]++
			cells = append(cells, fmt.Sprintf("%s×%d", id, counts[id]))
		}
		fmt.Fprintf(&table, "%s  %-70.70s  %s\n", hp.id, hp.subject, strings.Join(cells, " "))
		if testing.Verbose() && os.Getenv("HISTORY_FINDINGS") != "" {
			for _, f := range fs {
				fmt.Fprintf(&table, "      %d:%d %s [%s]\n", f.Pos.Line, f.Pos.Col, f.Message, f.RuleID)
			}
		}
	}
	t.Logf("findings per pair (%d pairs):\n%s", len(pairs), table.String())
	var sum strings.Builder
	for _, r := range rules.All() {
		if r.Compare != nil {
			fmt.Fprintf(&sum, "  %-34s %3d pairs\n", r.ID, perRule[r.ID])
		}
	}
	t.Logf("pairs each rule fires on:\n%s", sum.String())
}

func sortedKeys(m map[string]int) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// TestHistoryIdentity diffs every real file against itself: nothing may be reported.
func TestHistoryIdentity(t *testing.T) {
	for _, hp := range historyPairs(t) {
		again := connector.Load(filepath.Join(historyDir, hp.id, "new"), connector.LoadOptions{})
		if fs := rules.Compare(hp.new, again, nil); len(fs) > 0 {
			t.Errorf("%s: a file compared with itself gives %d findings, first: %s [%s]", hp.id, len(fs), fs[0].Message, fs[0].RuleID)
		}
	}
}
