package rules

// structureRules check the swagger file's structure against Swagger 2.0 as Microsoft accepts it
// (rules-catalog.md §2.1 swagger-schema-conformance and related rows).
var structureRules = []*Rule{}
