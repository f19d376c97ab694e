package rules

// scriptRules are the script.csx rules (rules-catalog.md §5).
var scriptRules = []*Rule{}
