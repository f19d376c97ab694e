package rules

// apipropsRules are the apiProperties.json rules (rules-catalog.md §3).
var apipropsRules = []*Rule{}
