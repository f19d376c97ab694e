package rules

import (
	"strings"

	"github.com/connectorlint/connectorlint/connector"
)

// Structural parameter rules: names, uniqueness, body and form parameters, keyword placement.

var parameterNameNotConnectionIdRule = &Rule{
	ID:       "parameter-name-not-connection-id",
	Code:     "ConnectionIdParameterNotAllowed",
	Severity: Error,
	Category: "parameters",
	Inputs:   Swagger,
	Doc: Doc{
		Title: "No parameter is named connectionId",
		Why: "The platform adds the connection's id to every request itself, so Microsoft's validator rejects a parameter named connectionId (ConnectionIdParameterNotAllowed). " +
			"The validator also has a ReservedParameterIsUsed check whose list of reserved names is not published; connectorlint only knows connectionId. The name is compared without regard to case.",
		HowToFix: "Rename the parameter (and the placeholder in the path, if it is a path parameter).",
		Source:   paSource + " ; rules-catalog §2.5",
	},
	Check: checkParameterNameNotConnectionId,
}

func checkParameterNameNotConnectionId(p *Pass) error {
	a := p.API
	ws := paWrittenParams(a)
	for i := range ws {
		w := &ws[i]
		if w.NameOK && strings.EqualFold(w.Name, "connectionId") {
			p.Swagger(w.m[paKName], "parameter name %q is reserved by the platform; rename the parameter", w.Name)
		}
	}
	return nil
}

var parametersUniqueRule = &Rule{
	ID:       "parameters-unique",
	Code:     "OperationParametersAreNotUnique",
	Severity: Error,
	Category: "parameters",
	Inputs:   Swagger,
	Doc: Doc{
		Title: "Parameters of one list have distinct name and location",
		Why: "A parameter is identified by its name and location; two entries of the same parameters array (of an operation or of a path item) with the same pair are ambiguous and Swagger 2.0 forbids them. " +
			"Microsoft's validator reports OperationParametersAreNotUnique (also OperationParametersContainDuplicateParameter, PathParametersContainDuplicateParameter). " +
			"$refs are resolved before comparing; header names are compared without regard to case. An operation parameter that overrides a path-item parameter is allowed.",
		HowToFix: "Remove one of the two entries, or rename one of them.",
		Source:   paSource + " ; Swagger 2.0 operation object ; rules-catalog §2.5",
	},
	Check: checkParametersUnique,
}

func checkParametersUnique(p *Pass) error {
	a := p.API
	type seen struct {
		dup      uint64 // paDupDigest: the keys are compared only when the digests are equal
		in, name string
		e        connector.NodeID
	}
	var first []seen // the parameters of the list so far: lists are short, a scan beats a map
	it := newPaElems(a)
	for _, list := range paParamLists(a) {
		first = first[:0]
	elems:
		for _, e := range a.Elems(list) {
			w := it.next(a, e)
			if w == nil || !w.NameOK || w.In == "" {
				continue
			}
			for _, f := range first {
				if f.dup == w.dup && paDupKey(f.in, f.name) == paDupKey(w.In, w.Name) {
					p.Swagger(e, "%s is declared twice in this parameters list; remove or rename one", paLabel(a, w.N)).
						WithRelated(p.C.Swagger, f.e, "first declared here")
					continue elems
				}
			}
			first = append(first, seen{w.dup, w.In, w.Name, e})
		}
	}
	return nil
}

var singleBodyParameterRule = &Rule{
	ID:       "single-body-parameter",
	Code:     "OperationParametersContainMultipleBodyParameters",
	Severity: Error,
	Category: "parameters",
	Inputs:   Swagger,
	Doc: Doc{
		Title: "An operation has at most one body parameter, and not with form parameters",
		Why: "A request has one body: either a single in: body parameter or a set of in: formData fields, never both. Microsoft's validator rejects several body parameters " +
			"(OperationParametersContainMultipleBodyParameters, PathParametersContainMultipleBodyParameters) and body with form data (ParameterListContainsFormDataAndBody). " +
			"Path-item parameters are counted with each operation's own.",
		HowToFix: "Merge the body parameters into one whose schema has a property per value, or send the form fields as properties of one body.",
		Source:   paSource + " ; Swagger 2.0 parameter object ; rules-catalog §2.5",
	},
	Check: checkSingleBodyParameter,
}

func checkSingleBodyParameter(p *Pass) error {
	a := p.API
	reported := map[connector.NodeID]bool{}
	all := paOpParams(a)
	for i, op := range a.Ops {
		nb, nf := 0, 0 // count first: most operations have nothing to report
		for _, prm := range all[i] {
			switch prm.In {
			case "body":
				nb++
			case "formData":
				nf++
			}
		}
		if nb < 2 && (nb == 0 || nf == 0) {
			continue
		}
		var body, form []connector.Param
		for _, prm := range all[i] {
			switch prm.In {
			case "body":
				body = append(body, prm)
			case "formData":
				form = append(form, prm)
			}
		}
		for _, b := range body[min(1, len(body)):] {
			if !reported[b.Entry] {
				reported[b.Entry] = true
				p.Swagger(b.Entry, "operation %q declares a second body parameter %q; an operation takes at most one body parameter", op.Name(), b.Name).
					WithRelated(p.C.Swagger, body[0].Entry, "first body parameter")
			}
		}
		if len(body) > 0 && len(form) > 0 && !reported[form[0].Entry] {
			reported[form[0].Entry] = true
			p.Swagger(form[0].Entry, "operation %q has both a body parameter and formData parameter %q; use one or the other", op.Name(), form[0].Name).
				WithRelated(p.C.Swagger, body[0].Entry, "body parameter")
		}
	}
	return nil
}

var bodyParameterSchemaRule = &Rule{
	ID:       "body-parameter-schema",
	Code:     "BodyParameterSchemaRequired",
	Severity: Error,
	Category: "parameters",
	Inputs:   Swagger,
	Doc: Doc{
		Title: "Body parameters have a schema; other parameters do not",
		Why: "In Swagger 2.0 an in: body parameter is described by its schema, and only name, in, description, required, schema and x- extensions may sit beside it; other parameters carry type, format and the like themselves and have no schema. " +
			"Microsoft's validator reports BodyParameterSchemaRequired (also BodyParameterPropertyNotValid and NonBodyParameterSchemaNotValid).",
		HowToFix: "Give the body parameter a \"schema\" and move type, format, items, enum or default into it; on other parameters replace \"schema\" with \"type\" (and \"format\").",
		Source:   paSource + " ; Swagger 2.0 parameter object ; rules-catalog §2.5",
	},
	Check: checkBodyParameterSchema,
}

var paBodyAllowed = map[string]bool{"name": true, "in": true, "description": true, "required": true, "schema": true}

func checkBodyParameterSchema(p *Pass) error {
	a := p.API
	ws := paWrittenParams(a)
	for i := range ws {
		w := &ws[i]
		n := w.N
		if w.Loc == paLocNone {
			continue
		}
		if w.Loc != paLocBody {
			if s := w.m[paKSchema]; s != connector.None {
				p.SwaggerKey(s, "%s has a schema, which only body parameters may have; use type and format instead", paLabel(a, n))
			}
			continue
		}
		if w.m[paKSchema] == connector.None {
			p.SwaggerKey(n, "%s has no schema; describe the body with a \"schema\"", paLabel(a, n))
		}
		for k, m := range a.Members(n) {
			if !paBodyAllowed[k] && !strings.HasPrefix(k, "x-") {
				p.SwaggerKey(m, "member %q is not allowed on %s; move it into the schema", k, paLabel(a, n))
			}
		}
	}
	return nil
}

var fileParameterFormdataRule = &Rule{
	ID:       "file-parameter-formdata",
	Code:     "FileParameterMustBeInFormData",
	Severity: Error,
	Category: "parameters",
	Inputs:   Swagger,
	Doc: Doc{
		Title:    "Parameters of type file are formData parameters",
		Why:      "Swagger 2.0 allows \"type\": \"file\" only for in: formData parameters (multipart uploads). Microsoft's validator rejects it elsewhere (FileParameterMustBeInFormData). File types inside schemas are the schema rules' business.",
		HowToFix: "Make the parameter in: formData (with consumes multipart/form-data), or send the content as a body parameter whose schema is type string, format binary.",
		Source:   paSource + " ; Swagger 2.0 parameter object ; rules-catalog §2.5",
	},
	Check: checkFileParameterFormdata,
}

func checkFileParameterFormdata(p *Pass) error {
	a := p.API
	ws := paWrittenParams(a)
	for i := range ws {
		w := &ws[i]
		n := w.N
		t := w.m[paKType]
		if a.String(t) == "file" && w.Loc != paLocFormData {
			p.Swagger(t, "%s has type \"file\", which is only valid on formData parameters; change its location or type", paLabel(a, n))
		}
	}
	return nil
}

var formdataNameAsciiRule = &Rule{
	ID:       "formdata-name-ascii",
	Code:     "InvalidFormDataParameterName",
	Severity: Error,
	Category: "parameters",
	Inputs:   Swagger,
	Doc: Doc{
		Title:    "formData parameter names are US-ASCII",
		Why:      "Form field names travel in multipart headers and URL-encoded bodies; Microsoft's validator rejects formData parameter names with characters outside US-ASCII (InvalidFormDataParameterName).",
		HowToFix: "Rename the parameter using ASCII characters only; put the human-readable name in x-ms-summary.",
		Source:   paSource + " ; rules-catalog §2.5",
	},
	Check: checkFormdataNameAscii,
}

func checkFormdataNameAscii(p *Pass) error {
	a := p.API
	ws := paWrittenParams(a)
	for i := range ws {
		w := &ws[i]
		if w.Loc != paLocFormData {
			continue
		}
		v, s := w.m[paKName], w.Name
		if !w.NameOK {
			continue
		}
		for _, r := range s {
			if r > 0x7f {
				p.Swagger(v, "formData parameter name %q contains %q, which is not US-ASCII; use ASCII characters only", s, string(r))
				break
			}
		}
	}
	return nil
}

var stringBinaryPlacementRule = &Rule{
	ID:       "string-binary-placement",
	Code:     "InvalidStringBinaryProperty",
	Severity: Warning,
	Category: "parameters",
	Inputs:   Swagger,
	Doc: Doc{
		Title: "string/binary is only used for a whole body or form field",
		Why: "Binary content can only be sent as the whole request body or as one multipart form field. Microsoft's validator rejects type string with format binary elsewhere in an input: nested inside a body schema, " +
			"or on a path, query or header parameter (InvalidStringBinaryProperty), and a binary form field when the operation consumes only application/x-www-form-urlencoded (StringBinaryNotSupportedForFormUrlEncoded). " +
			"connectorlint checks request inputs only (body schemas, followed through $refs, and parameters); binary response schemas are fine. " +
			"Seven merged certified connectors nest binary properties in JSON body schemas, so the check does not always block; connectorlint reports it as a warning.",
		HowToFix: "Make the binary value the body parameter's whole schema, or a formData parameter of an operation that consumes multipart/form-data; inside JSON use format byte (base64) instead.",
		Source:   paSource + " ; rules-catalog §2.5",
	},
	Check: checkStringBinaryPlacement,
}

func paIsBinary(a *connector.API, s connector.NodeID) bool {
	return a.GetString(s, "format") == "binary" && a.GetString(s, "type") == "string" // format is the rarer
}

func checkStringBinaryPlacement(p *Pass) error {
	a := p.API
	paWalkInputSchemas(a, func(s connector.NodeID, top bool) {
		if !top && paIsBinary(a, s) {
			p.Swagger(a.Get(s, "format"), "format \"binary\" is nested inside a body schema; only a whole body or form field can be binary, use format \"byte\" inside JSON")
		}
	})
	ws := paWrittenParams(a)
	for i := range ws {
		w := &ws[i]
		n := w.N
		switch w.Loc {
		case paLocPath, paLocQuery, paLocHeader:
			// paIsBinary(a, n) from the members found
			if a.String(w.m[paKFormat]) == "binary" && a.String(w.m[paKType]) == "string" {
				p.Swagger(a.Get(n, "format"), "%s has format \"binary\"; only a body or formData parameter can carry binary content", paLabel(a, n))
			}
		}
	}
	all := paOpParams(a)
	for i, op := range a.Ops {
		// Only a formData parameter can be reported: most operations have none, and need not look
		// at what they consume.
		form := false
		for j := range all[i] {
			form = form || all[i][j].In == "formData"
		}
		if !form {
			continue
		}
		consumes := a.Get(op.Node, "consumes")
		if consumes == connector.None {
			consumes = a.Get(a.Root, "consumes")
		}
		if !paOnlyFormURLEncoded(a, consumes) {
			continue
		}
		for _, prm := range all[i] {
			if prm.In == "formData" && paIsBinary(a, prm.Node) {
				p.Swagger(a.Get(prm.Node, "format"), "formData parameter %q is binary but operation %q consumes only application/x-www-form-urlencoded; consume multipart/form-data", prm.Name, op.Name())
			}
		}
	}
	return nil
}

// paOnlyFormURLEncoded reports whether the consumes array lists only application/x-www-form-urlencoded.
func paOnlyFormURLEncoded(a *connector.API, consumes connector.NodeID) bool {
	if a.Len(consumes) == 0 {
		return false
	}
	for _, e := range a.Elems(consumes) {
		if !strings.HasPrefix(strings.ToLower(a.String(e)), "application/x-www-form-urlencoded") {
			return false
		}
	}
	return true
}

var allowEmptyValueLocationRule = &Rule{
	ID:       "allow-empty-value-location",
	Code:     "AllowEmptyValueOnlyValidForQueryFormData",
	Severity: Error,
	Category: "parameters",
	Inputs:   Swagger,
	Doc: Doc{
		Title:    "allowEmptyValue is only used on query and formData parameters",
		Why:      "Swagger 2.0 defines allowEmptyValue only for query and formData parameters (sending a name without a value). Microsoft's validator rejects it on other locations (AllowEmptyValueOnlyValidForQueryFormData).",
		HowToFix: "Remove allowEmptyValue from the parameter.",
		Source:   paSource + " ; Swagger 2.0 parameter object ; rules-catalog §2.5",
	},
	Check: checkAllowEmptyValueLocation,
}

func checkAllowEmptyValueLocation(p *Pass) error {
	a := p.API
	ws := paWrittenParams(a)
	for i := range ws {
		w := &ws[i]
		n := w.N
		v := w.m[paKAllowEmptyValue]
		if v == connector.None || w.Loc == paLocNone || w.Loc == paLocQuery || w.Loc == paLocFormData {
			continue
		}
		p.SwaggerKey(v, "%s has allowEmptyValue, which applies only to query and formData parameters; remove it", paLabel(a, n))
	}
	return nil
}

var collectionFormatSupportedRule = &Rule{
	ID:       "collection-format-supported",
	Code:     "CollectionFormatValueNotSupported",
	Severity: Error,
	Category: "parameters",
	Inputs:   Swagger,
	Doc: Doc{
		Title: "collectionFormat is csv, ssv, tsv or pipes (or multi on query and form parameters)",
		Why: "collectionFormat says how an array parameter is serialized. Swagger 2.0 and Microsoft's schema allow csv, ssv, tsv and pipes, and multi (repeat the name) only for query and formData parameters; " +
			"Microsoft's validator rejects other values (CollectionFormatValueNotSupported). Nested items of array parameters are checked too.",
		HowToFix: "Use one of csv, ssv, tsv, pipes; use multi only on a query or formData parameter.",
		Source:   paSource + " ; Microsoft apiDefinition.swagger.schema.json ; rules-catalog §2.5",
	},
	Check: checkCollectionFormatSupported,
}

func checkCollectionFormatSupported(p *Pass) error {
	a := p.API
	ws := paWrittenParams(a)
	for i := range ws {
		w := &ws[i]
		n := w.N
		multiOK := w.Loc == paLocQuery || w.Loc == paLocFormData
		for obj, depth := n, 0; a.Kind(obj) == connector.Object && depth < 16; obj, depth = a.Get(obj, "items"), depth+1 {
			v := a.Get(obj, "collectionFormat")
			if v == connector.None {
				continue
			}
			s, _ := a.Str(v)
			switch s {
			case "csv", "ssv", "tsv", "pipes":
			case "multi":
				if !multiOK || depth > 0 {
					p.Swagger(v, "collectionFormat \"multi\" of %s is only valid at the top of a query or formData parameter; use csv", paLabel(a, n))
				}
			default:
				p.Swagger(v, "collectionFormat %s of %s is not supported; use csv, ssv, tsv or pipes", string(a.Raw(v)), paLabel(a, n))
			}
		}
	}
	return nil
}
