package rules

// schemaRules are the schema rules of apiDefinition.swagger.json (rules-catalog.md §2).
var schemaRules = []*Rule{}
