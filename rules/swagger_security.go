package rules

// securityRules are the security rules of apiDefinition.swagger.json (rules-catalog.md §2).
var securityRules = []*Rule{}
