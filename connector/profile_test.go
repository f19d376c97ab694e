package connector

import "testing"

func TestProfileForRelativePaths(t *testing.T) {
	for dir, want := range map[string]Profile{
		"repo/certified-connectors/Contoso":                            Certified,
		"../x/Independent-Publisher-Connectors/Fabrikam":               IndependentPublisher,
		"certified-connectors/../custom/Contoso":                       Custom, // the test runs outside any profile folder
		"repo/certified-connectors/independent-publisher-connectors/a": IndependentPublisher,
		"custom/Contoso": Custom,
	} {
		if got := ProfileFor(dir); got != want {
			t.Errorf("ProfileFor(%q) = %q, want %q", dir, got, want)
		}
	}
}
