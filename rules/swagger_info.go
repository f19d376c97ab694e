package rules

// infoRules are the info rules of apiDefinition.swagger.json (rules-catalog.md §2).
var infoRules = []*Rule{}
