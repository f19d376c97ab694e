package rules

// breakingRules are the breaking-change rules that compare two versions of a connector (rules-catalog.md §7).
var breakingRules = []*Rule{}
