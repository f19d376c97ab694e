package rules

// responseRules are the response rules of apiDefinition.swagger.json (rules-catalog.md §2).
var responseRules = []*Rule{}
