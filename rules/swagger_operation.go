package rules

// operationRules are the operation rules of apiDefinition.swagger.json (rules-catalog.md §2).
var operationRules = []*Rule{}
