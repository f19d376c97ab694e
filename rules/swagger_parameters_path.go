package rules

import (
	"slices"

	"github.com/connectorlint/connectorlint/connector"
)

// Path parameter rules: required, declared in the template, URL encoding.

var pathParameterRequiredRule = &Rule{
	ID:       "path-parameter-required",
	Code:     "PathParameterMustBeRequired",
	Severity: Error,
	Category: "parameters",
	Inputs:   Swagger,
	Doc: Doc{
		Title:    "Path parameters are marked required",
		Why:      "A value that fills a segment of the URL cannot be left out, so Swagger 2.0 requires \"required\": true on every in: path parameter and Microsoft's validator rejects a path parameter without it. No merged connector breaks this rule.",
		HowToFix: "Set \"required\": true on the parameter (the fix does it).",
		Source:   paSource + " ; Swagger 2.0 parameter object ; rules-catalog §2.5",
	},
	Check: checkPathParameterRequired,
}

func checkPathParameterRequired(p *Pass) error {
	a := p.API
	ws := paWrittenParams(a)
	for i := range ws {
		w := &ws[i]
		n := w.N
		if w.Loc != paLocPath {
			continue
		}
		req := w.m[paKRequired]
		switch {
		case req == connector.None:
			p.SwaggerKey(n, "%s has no \"required\": true; path parameters must be required", paLabel(a, n)).
				WithFix("Add \"required\": true", AddMember(p.C.Swagger, n, "required", "true"))
		case !a.IsTrue(req):
			f := p.Swagger(req, "%s has \"required\": %s; path parameters must be required", paLabel(a, n), string(a.Raw(req)))
			if a.Kind(req) == connector.Bool {
				f.WithFix("Set \"required\" to true", ReplaceValue(p.C.Swagger, req, "true"))
			}
		}
	}
	return nil
}

var pathParameterInTemplateRule = &Rule{
	ID:       "path-parameter-in-template",
	Code:     "PathParameterNotDefinedInTemplate",
	Severity: Error,
	Category: "parameters",
	Inputs:   Swagger,
	Doc: Doc{
		Title: "Path parameters and path template variables match",
		Why: "Every in: path parameter fills a {name} variable of the operation's path, and every {name} needs a parameter to fill it. Microsoft's validator rejects a path parameter that is missing from the template " +
			"(PathParameterNotDefinedInTemplate) and an operation that does not declare a variable of its path (OperationMissingPathParameter). Parameters declared on the path item count for every operation under it. Names are compared exactly.",
		HowToFix: "Rename the parameter or the template variable so they match, add the missing in: path parameter, or remove the stray one.",
		Source:   paSource + " ; rules-catalog §2.5",
	},
	Check: checkPathParameterInTemplate,
}

// paTemplateVars returns the variables of a path template in order, repeats included: the text of
// each {…} that holds at least one character and no '{', '}' or '/' (what the regular expression
// \{([^{}/]+)\} finds).
func paTemplateVars(path string) []string {
	var vars []string
	for i := 0; i < len(path); i++ {
		if path[i] != '{' {
			continue
		}
		j := i + 1
		for j < len(path) && path[j] != '{' && path[j] != '}' && path[j] != '/' {
			j++
		}
		if j < len(path) && path[j] == '}' && j > i+1 {
			vars = append(vars, path[i+1:j])
			i = j
		}
		// otherwise the search goes on from the next byte; nothing up to j is a '{'
	}
	return vars
}

func checkPathParameterInTemplate(p *Pass) error {
	a := p.API
	reported := map[connector.NodeID]bool{}
	var declared []string
	all := paOpParams(a)
	for i, op := range a.Ops {
		vars := paTemplateVars(op.Path)
		declared = declared[:0]
		for _, prm := range all[i] {
			if prm.In != "path" {
				continue
			}
			declared = append(declared, prm.Name)
			if slices.Contains(vars, prm.Name) || reported[prm.Entry] {
				continue
			}
			reported[prm.Entry] = true
			at := a.Get(prm.Node, "name")
			if prm.Ref == connector.RefOK {
				at = a.Ref(prm.Entry)
			}
			if at == connector.None {
				at = prm.Entry
			}
			p.Swagger(at, "path parameter %q does not appear as {%s} in the path %q of operation %q; rename it or remove it", prm.Name, prm.Name, op.Path, op.Name())
		}
		for _, v := range vars {
			if !slices.Contains(declared, v) {
				declared = append(declared, v)
				p.SwaggerKey(op.Node, "operation %q has no in: path parameter named %q for {%s} in its path %q; add one", op.Name(), v, v, op.Path)
			}
		}
	}
	return nil
}

var pathParameterUrlEncodingRule = &Rule{
	ID:       "path-parameter-url-encoding",
	Code:     "PathParameterMissingEncoding",
	Severity: Warning,
	Category: "parameters",
	Inputs:   Swagger,
	Doc: Doc{
		Title: "Path parameters declare x-ms-url-encoding",
		Why: "Without an explicit encoding a path value that holds '/', '?' or '#' can change the request URL. Microsoft's validator flags path parameters without \"x-ms-url-encoding\" and recommends \"single\". " +
			"About one merged connector in seven lacks it, so it does not block; connectorlint reports it as a warning.",
		HowToFix: "Add \"x-ms-url-encoding\": \"single\" to the parameter (the fix does it); use \"double\" only when the service expects double-encoded values.",
		Source:   paSource + " ; https://learn.microsoft.com/en-us/connectors/custom-connectors/openapi-extensions ; rules-catalog §2.5, §8",
	},
	Check: checkPathParameterUrlEncoding,
}

func checkPathParameterUrlEncoding(p *Pass) error {
	a := p.API
	ws := paWrittenParams(a)
	for i := range ws {
		w := &ws[i]
		n := w.N
		if w.Loc != paLocPath || w.m[paKURLEncoding] != connector.None {
			continue
		}
		p.SwaggerKey(n, "%s has no x-ms-url-encoding; add \"x-ms-url-encoding\": \"single\" so its value is URL-encoded", paLabel(a, n)).
			WithFix("Add \"x-ms-url-encoding\": \"single\"", AddMember(p.C.Swagger, n, "x-ms-url-encoding", `"single"`))
	}
	return nil
}

var urlEncodingValuesRule = &Rule{
	ID:       "url-encoding-values",
	Severity: Error,
	Category: "parameters",
	Inputs:   Swagger,
	Doc: Doc{
		Title: "x-ms-url-encoding is \"single\" or \"double\"",
		Why: "x-ms-url-encoding accepts only the strings \"single\" and \"double\" (Microsoft's schema); any other value is invalid. " +
			"The catalog row also forbids the extension on query parameters (QueryParameterEncodingNotSupported); merged connectors do that, so it is the separate warning query-parameter-url-encoding.",
		HowToFix: "Use \"single\" (the default) or \"double\".",
		Source:   "Microsoft apiDefinition.swagger.schema.json (x-ms-url-encoding) ; https://learn.microsoft.com/en-us/connectors/custom-connectors/openapi-extensions ; rules-catalog §2.5",
	},
	Check: checkUrlEncodingValues,
}

func checkUrlEncodingValues(p *Pass) error {
	a := p.API
	ws := paWrittenParams(a)
	for i := range ws {
		w := &ws[i]
		n := w.N
		v := w.m[paKURLEncoding]
		if v == connector.None {
			continue
		}
		if s, ok := a.Str(v); !ok || (s != "single" && s != "double") {
			p.Swagger(v, "x-ms-url-encoding of %s is %s; use \"single\" or \"double\"", paLabel(a, n), string(a.Raw(v)))
		}
	}
	return nil
}

var queryParameterUrlEncodingRule = &Rule{
	ID:       "query-parameter-url-encoding",
	Code:     "QueryParameterEncodingNotSupported",
	Severity: Warning,
	Category: "parameters",
	Inputs:   Swagger,
	Doc: Doc{
		Title: "Query parameters do not declare x-ms-url-encoding",
		Why: "Query values are always single-encoded; x-ms-url-encoding only changes path values. Microsoft's validator documents QueryParameterEncodingNotSupported for the extension on a query parameter, " +
			"but several merged certified and independent-publisher connectors carry it, so it does not block: connectorlint reports it as a warning. Split out of the catalog row url-encoding-values.",
		HowToFix: "Remove x-ms-url-encoding from the query parameter (the fix does it when the value is \"single\", which changes nothing at run time).",
		Source:   paSource + " ; rules-catalog §2.5 (url-encoding-values)",
	},
	Check: checkQueryParameterUrlEncoding,
}

func checkQueryParameterUrlEncoding(p *Pass) error {
	a := p.API
	ws := paWrittenParams(a)
	for i := range ws {
		w := &ws[i]
		n := w.N
		v := w.m[paKURLEncoding]
		if v == connector.None || w.Loc != paLocQuery {
			continue
		}
		f := p.SwaggerKey(v, "%s declares x-ms-url-encoding %s, which query parameters do not support; remove it", paLabel(a, n), string(a.Raw(v)))
		if a.String(v) == "single" {
			f.WithFix("Remove \"x-ms-url-encoding\"", DeleteMember(p.C.Swagger, v))
		}
	}
	return nil
}
