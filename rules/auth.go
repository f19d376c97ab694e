package rules

// authRules are the authentication rules across apiDefinition.swagger.json and apiProperties.json.
var authRules = []*Rule{}
