package rules

// metadataRules are the metadata rules of apiDefinition.swagger.json (rules-catalog.md §2).
var metadataRules = []*Rule{}
