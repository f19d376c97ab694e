package rules

// iconRules are the icon.png rules (rules-catalog.md §6).
var iconRules = []*Rule{}
