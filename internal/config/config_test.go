package config

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/connectorlint/connectorlint/connector"
	"github.com/connectorlint/connectorlint/rules"
)

func TestConfig(t *testing.T) {
	c, err := Parse([]byte(`
rules:
  info-title-restricted-words: warning
  DefaultResponseHasSchema: off
profiles:
  - path: "legacy/**"
    profile: custom
ignore:
  - rule: operation-summary-style
    path: "certified-connectors/Contoso*/**"
    pointer: /paths/~1tasks
  - rule: json-strict
    path: "**/old.json"
`))
	if err != nil {
		t.Fatal(err)
	}
	cfg := c.Apply(nil)
	if cfg.Severity["info-title-restricted-words"] != rules.Warning || cfg.Severity["response-default-no-schema"] != 0 {
		t.Errorf("severities: %v", cfg.Severity)
	}
	if _, ok := cfg.Severity["response-default-no-schema"]; !ok {
		t.Errorf("off (by Microsoft code) not applied")
	}
	if c.Profile("legacy/a/Foo") != connector.Custom || c.Profile("certified-connectors/Foo") != "" {
		t.Errorf("profiles")
	}
	for _, tc := range []struct {
		rule, file, ptr string
		want            bool
	}{
		{"operation-summary-style", "certified-connectors/Contoso Tasks/apiDefinition.swagger.json", "/paths/~1tasks/get/summary", true},
		{"operation-summary-style", "certified-connectors/Contoso Tasks/apiDefinition.swagger.json", "/paths/~1tasksx", false},
		{"operation-summary-style", "certified-connectors/Other/apiDefinition.swagger.json", "/paths/~1tasks", false},
		{"json-strict", "a/b/old.json", "", true},
		{"json-strict", "old.json", "", true},
	} {
		f := &rules.Finding{RuleID: tc.rule, File: tc.file, Pointer: tc.ptr}
		if got := c.Ignored(f); got != tc.want {
			t.Errorf("Ignored(%s %s %s) = %v", tc.rule, tc.file, tc.ptr, got)
		}
	}
	for _, bad := range []string{"rules: {nope: error}", "rules: {json-strict: loud}", "ignore: [{rule: json-strict, pointer: x}]", "typo: 1", "profiles: [{path: a, profile: b}]"} {
		if _, err := Parse([]byte(bad)); err == nil {
			t.Errorf("Parse(%q): no error", bad)
		}
	}
}

func TestBaseline(t *testing.T) {
	fs := []*rules.Finding{{RuleID: "json-strict", File: "a/apiDefinition.swagger.json", Pointer: "/x", Message: "m 1"},
		{RuleID: "json-strict", File: "a/apiDefinition.swagger.json", Pointer: "/y", Message: "m"}}
	var b bytes.Buffer
	if err := WriteBaseline(&b, fs[:1]); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(t.TempDir(), "baseline.txt")
	os.WriteFile(p, b.Bytes(), 0o644)
	base, err := LoadBaseline(p)
	if err != nil {
		t.Fatal(err)
	}
	kept, ign, bl := Filter(fs, nil, base)
	if len(kept) != 1 || kept[0].Pointer != "/y" || ign != 0 || bl != 1 {
		t.Errorf("Filter: %d kept, %d ignored, %d baselined", len(kept), ign, bl)
	}
	// The message's numbers are normalised: the same finding with another count stays accepted.
	fs[0].Message = "m 2"
	if _, _, bl := Filter(fs, nil, base); bl != 1 {
		t.Errorf("fingerprint not stable across numbers in the message")
	}
	os.WriteFile(p, []byte("not-a-fingerprint\n"), 0o644)
	if _, err := LoadBaseline(p); err == nil || !strings.Contains(err.Error(), "not a finding fingerprint") {
		t.Errorf("bad baseline: %v", err)
	}
}
