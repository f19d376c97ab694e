package rules

// parameterRules are the parameter rules of apiDefinition.swagger.json (rules-catalog.md §2).
var parameterRules = []*Rule{}
