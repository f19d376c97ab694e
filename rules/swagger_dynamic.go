package rules

// dynamicRules are the dynamic extension rules (rules-catalog.md §2.9).
var dynamicRules = []*Rule{}
