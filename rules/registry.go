package rules

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"sync"
)

// families lists every rule family's rules. Each family keeps its list beside its rules
// (rules/<family>.go); All sorts the union by ID.
func families() [][]*Rule {
	return [][]*Rule{
		builtinRules,
		fileRules,
		infoRules,
		metadataRules,
		operationRules,
		parameterRules,
		responseRules,
		schemaRules,
		securityRules,
		structureRules,
		apipropsRules,
		authRules,
		triggerRules,
		dynamicRules,
		readmeRules,
		scriptRules,
		iconRules,
		folderRules,
		breakingRules,
		extensionRules,
	}
}

var (
	allOnce  sync.Once
	allRules []*Rule
	byID     map[string]*Rule
)

// All returns every registered rule sorted by ID.
func All() []*Rule {
	allOnce.Do(func() {
		for _, f := range families() {
			allRules = append(allRules, f...)
		}
		slices.SortFunc(allRules, func(a, b *Rule) int { return strings.Compare(a.ID, b.ID) })
		byID = map[string]*Rule{}
		for _, r := range allRules {
			byID[r.ID] = r
		}
	})
	return allRules
}

// ByID returns the rule with the given ID, or a rule whose Microsoft code matches (case-insensitive).
func ByID(id string) *Rule {
	All()
	if r := byID[id]; r != nil {
		return r
	}
	for _, r := range allRules {
		if r.Code != "" && strings.EqualFold(r.Code, id) {
			return r
		}
	}
	return nil
}

var kebab = regexp.MustCompile(`^[a-z][a-z0-9]*(-[a-z0-9]+)*$`)
var codeRe = regexp.MustCompile(`^[A-Z][A-Za-z0-9]+(, [A-Z][A-Za-z0-9]+)*$`)

// Validate checks a rule list: IDs kebab-case and unique, docs present, exactly one of Check and
// Compare, a known severity.
func Validate(rs []*Rule) error {
	var errs []string
	seen := map[string]bool{}
	for _, r := range rs {
		bad := func(format string, args ...any) { errs = append(errs, r.ID+": "+fmt.Sprintf(format, args...)) }
		if !kebab.MatchString(r.ID) {
			bad("ID is not kebab-case")
		}
		if seen[r.ID] {
			bad("ID registered twice")
		}
		seen[r.ID] = true
		kinds := 0
		for _, set := range []bool{r.Check != nil, r.Compare != nil, r.CheckRun != nil} {
			if set {
				kinds++
			}
		}
		if kinds != 1 {
			bad("needs exactly one of Check, Compare and CheckRun")
		}
		if r.Severity < Info || r.Severity > Error {
			bad("severity %d is not info, warning or error", r.Severity)
		}
		if r.Code != "" && !codeRe.MatchString(r.Code) {
			bad("code %q is not a Microsoft validator code (PascalCase)", r.Code)
		}
		if r.Category == "" {
			bad("no category")
		}
		d := r.Doc
		if d.Title == "" || d.Why == "" || d.HowToFix == "" || d.Source == "" {
			bad("Doc needs Title, Why, HowToFix and Source")
		}
		if strings.HasSuffix(d.Title, ".") {
			bad("Title ends with a period")
		}
	}
	if len(errs) > 0 {
		return fmt.Errorf("invalid rules:\n  %s", strings.Join(errs, "\n  "))
	}
	return nil
}
