package rules

// triggerRules are the trigger and webhook rules (rules-catalog.md §2.8).
var triggerRules = []*Rule{}
