package rules

import (
	"strings"

	"github.com/connectorlint/connectorlint/connector"
)

// Source: Microsoft's apiDefinition.swagger.schema.json, x-ms-pageable.nextLinkName ("Be sure to use
// the policy template (id: updatenextlink) to enable the correct routing of this link"); rules-catalog
// §3 pageable-needs-updatenextlink.
var pageableNeedsUpdatenextlinkRule = &Rule{
	ID:       "pageable-needs-updatenextlink",
	Severity: Info,
	Category: "apiproperties",
	Inputs:   Swagger,
	Doc: Doc{
		Title: "Pageable operations have an updatenextlink policy",
		Why: "With x-ms-pageable, Power Automate follows the link named by nextLinkName to fetch the next page. That " +
			"link comes from the service and points at the service, not at the connector, so the next request would " +
			"bypass the connector's host, authentication and policies. Microsoft's swagger schema says to pair " +
			"x-ms-pageable with the updatenextlink policy template, which rewrites the link to go through the " +
			"connector. Of the merged connectors with pageable operations, about half have the policy, so this is " +
			"advice. The policy covers an operation when it lists no operations or lists its operationId; its " +
			"nextLinkPropertyName should be the same property as nextLinkName.",
		HowToFix: "Add to policyTemplateInstances in apiProperties.json: {\"templateId\": \"updatenextlink\", \"title\": " +
			"\"Updates next link\", \"parameters\": {\"x-ms-apimTemplateParameter.nextLinkPropertyName\": \"<nextLinkName>\", " +
			"\"x-ms-apimTemplate-operationName\": [\"<operationId>\"]}}.",
		Source: "Microsoft's schemas/apiDefinition.swagger.schema.json (x-ms-pageable) and paconn-apiProperties.schema.json " +
			"(PolicyTemplateInstance-updatenextlink); " + apCatalog + " pageable-needs-updatenextlink",
	},
	Check: checkPageableNeedsUpdatenextlink,
}

// apNextLinkPolicy is one updatenextlink policy instance of apiProperties.json.
type apNextLinkPolicy struct {
	ops      map[string]bool // operationIds it is limited to; nil = every operation
	property string          // x-ms-apimTemplateParameter.nextLinkPropertyName
}

func checkPageableNeedsUpdatenextlink(p *Pass) error {
	a := p.API
	var policies []apNextLinkPolicy
	_, d, props, ok := apFile(p)
	if !ok && p.C.Props != nil {
		return nil // apiProperties.json is unreadable (json-parse, apiprops-schema): its policies are unknown
	}
	if ok {
		for _, inst := range d.Elems(d.Get(props, "policyTemplateInstances")) {
			if !strings.EqualFold(strings.TrimSpace(d.GetString(inst, "templateId")), "updatenextlink") {
				continue
			}
			params := d.Get(inst, "parameters")
			pol := apNextLinkPolicy{property: d.GetString(params, "x-ms-apimTemplateParameter.nextLinkPropertyName")}
			if names := d.Get(params, "x-ms-apimTemplate-operationName"); d.Kind(names) == connector.Array {
				pol.ops = map[string]bool{}
				for _, e := range d.Elems(names) {
					if s, ok := d.Str(e); ok {
						pol.ops[s] = true
					}
				}
			}
			policies = append(policies, pol)
		}
	}
	for _, op := range a.Ops {
		pg := a.Get(op.Node, "x-ms-pageable")
		next, ok := a.Str(a.Get(pg, "nextLinkName"))
		if !ok || strings.TrimSpace(next) == "" {
			continue // no next link: a single page (or a shape problem for extension-values)
		}
		var covering []apNextLinkPolicy
		for _, pol := range policies {
			if pol.ops == nil || pol.ops[op.ID] {
				covering = append(covering, pol)
			}
		}
		if len(covering) == 0 {
			p.SwaggerKey(pg, "operation %s is pageable (nextLinkName %q), but no updatenextlink policy in apiProperties.json covers it, so the next-page link would bypass the connector; add one", opLabel(op), next)
			continue
		}
		matched := false
		for _, pol := range covering {
			if pol.property == "" || pol.property == next {
				matched = true
			}
		}
		if !matched {
			p.SwaggerKey(pg, "operation %s pages with nextLinkName %q, but its updatenextlink policy rewrites %q; name the same property in both", opLabel(op), next, covering[0].property)
		}
	}
	return nil
}
