package rules

// fileRules are the file rules of apiDefinition.swagger.json (rules-catalog.md §2).
var fileRules = []*Rule{}
