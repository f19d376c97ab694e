package rules

// folderRules are the connector folder rules (rules-catalog.md §6).
var folderRules = []*Rule{}
