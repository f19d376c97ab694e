package rules

// readmeRules are the readme.md rules (rules-catalog.md §4).
var readmeRules = []*Rule{}
