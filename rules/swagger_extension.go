package rules

// extensionRules are the extension rules of apiDefinition.swagger.json (rules-catalog.md §2).
var extensionRules = []*Rule{}
