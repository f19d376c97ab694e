package rules

import (
	"github.com/connectorlint/connectorlint/connector"
)

const scSource = "https://learn.microsoft.com/en-us/connectors/custom-connectors/certification-swagger-validator-rules"

// Source: Microsoft Learn, Fix Swagger Validator errors (S-VAL); rules-catalog §2.6.
var schemaRequiredConsistencyRule = &Rule{
	ID:       "schema-required-consistency",
	Code:     "RequiredPropertyDefinitionMissing",
	Severity: Error,
	Category: "schemas",
	Inputs:   Swagger,
	Doc: Doc{
		Title: "A schema's required list names its own properties",
		Why: "Microsoft's Swagger validator rejects a `required` array that names a property the object schema does not define " +
			"(RequiredPropertyDefinitionMissing), an empty `required` array (RequiredPropertyArrayEmpty), `required` on a schema " +
			"whose type is not object (RequiredPropertyNotOnObject) and, in request bodies, a property that is both readOnly and " +
			"required (RequiredReadOnlyPropertyNotAllowedAsInput). Properties inherited through `allOf` count as defined; schemas " +
			"built at run time (x-ms-dynamic-schema) or with unresolvable references are skipped. The readOnly check only sees " +
			"schemas written inline under a body parameter, not definitions reached through $ref, and loops of required " +
			"properties through $refs (RequiredLoopInSchemaNotAllowed) are not checked.",
		HowToFix: "Add the missing property to `properties` or remove its name from `required`; delete an empty `required` " +
			"array; move `required` to the object schema that owns the properties; drop readOnly or required on input properties.",
		Source: scSource + " ; rules-catalog §2.6 schema-required-consistency",
	},
	Check: checkSchemaRequiredConsistency,
}

func checkSchemaRequiredConsistency(p *Pass) error {
	a := p.API
	inputs := scInputSchemas(a)
	sc := scTargets(a)
	for t := range sc.with(1 << scKRequired) {
		if t.Kind != scSchema {
			continue
		}
		req := sc.kw(t, scKRequired)
		if a.Kind(req) != connector.Array {
			continue // a boolean "required" in a schema is a structure problem
		}
		if a.Len(req) == 0 {
			p.SwaggerKey(req, "the \"required\" array of %s is empty; remove it or list the properties that must be present", scName(a, t)).
				WithFix("Remove the empty \"required\" array", DeleteMember(p.C.Swagger, req))
			continue
		}
		if typ, ok := scTypeStr(a, sc, t); ok && typ != "object" {
			p.SwaggerKey(req, "%s has type %q, but \"required\" only applies to object schemas; remove it", scName(a, t), typ)
			continue
		}
		if a.Ref(t.N) != connector.None {
			continue // $ref siblings are ref-valid's business
		}
		props, complete := scProps(a, t.N)
		if !complete {
			continue
		}
		for _, e := range a.Elems(req) {
			name, ok := a.Str(e)
			if !ok {
				continue
			}
			prop, has := props.get(a, name)
			if !has {
				p.Swagger(e, "required property %q is not defined in the properties of %s; define it or remove it from \"required\"", name, scName(a, t))
				continue
			}
			if inputs.has(t.N) && a.IsTrue(a.Get(a.R(prop), "readOnly")) {
				p.Swagger(e, "required property %q is readOnly in a request body, and an input cannot be both; drop \"readOnly\" or remove it from \"required\"", name)
			}
		}
	}
	return nil
}

// Source: S-VAL ArrayHasNoItems; rules-catalog §2.6.
var arrayHasItemsRule = &Rule{
	ID:       "array-has-items",
	Code:     "ArrayHasNoItems",
	Severity: Error,
	Category: "schemas",
	Inputs:   Swagger,
	Doc: Doc{
		Title: "Arrays say what their items are",
		Why: "A schema, parameter or header of type array without `items` is rejected by Microsoft's Swagger validator " +
			"(ArrayHasNoItems): the designer cannot show the elements' fields or build inputs for them.",
		HowToFix: "Add `items` with the schema of one element, for example `\"items\": {\"type\": \"string\"}` or a `$ref` to a definition.",
		Source:   scSource + " ; rules-catalog §2.6 array-has-items",
	},
	Check: checkArrayHasItems,
}

func checkArrayHasItems(p *Pass) error {
	a := p.API
	sc := scTargets(a)
	for _, t := range sc.ts {
		if !t.has(scKItems) && sc.typeIs(a, t, stvArray) {
			p.SwaggerKey(t.N, "%s is an array without \"items\"; add \"items\" with the schema of one element", scName(a, t))
		}
	}
	return nil
}

// Source: S-VAL DiscriminatorMustBeARequiredStringProperty; rules-catalog §2.6.
var discriminatorValidRule = &Rule{
	ID:       "discriminator-valid",
	Code:     "DiscriminatorMustBeARequiredStringProperty",
	Severity: Error,
	Category: "schemas",
	Inputs:   Swagger,
	Doc: Doc{
		Title: "A discriminator names a required string property",
		Why: "Swagger 2.0 picks the sub-type of a polymorphic schema from the property named by `discriminator`; Microsoft's " +
			"validator rejects a discriminator that is not a string property listed in the schema's `required` array " +
			"(DiscriminatorMustBeARequiredStringProperty). Properties and required names inherited through `allOf` count.",
		HowToFix: "Point `discriminator` at a property of type string and add that property's name to `required`.",
		Source:   scSource + " ; rules-catalog §2.6 discriminator-valid",
	},
	Check: checkDiscriminatorValid,
}

func checkDiscriminatorValid(p *Pass) error {
	a := p.API
	sc := scTargets(a)
	for t := range sc.with(1 << scKDiscriminator) {
		if t.Kind != scSchema {
			continue
		}
		disc := sc.kw(t, scKDiscriminator)
		name, ok := a.Str(disc)
		if !ok {
			continue
		}
		props, complete := scProps(a, t.N)
		prop, has := props.get(a, name)
		if !has {
			if complete {
				p.Swagger(disc, "discriminator %q is not a property of %s; name one of its string properties", name, scName(a, t))
			}
			continue
		}
		if typ, ok := a.Str(a.Get(a.R(prop), "type")); ok && typ != "string" {
			p.Swagger(disc, "discriminator %q names a property of type %q; it must be a string property", name, typ)
			continue
		}
		if !scRequiredHas(a, t.N, name) {
			p.Swagger(disc, "discriminator %q is not listed in \"required\"; add it there", name)
		}
	}
	return nil
}

// scRequiredHas reports whether schema s (or one of its allOf parts) lists name as required.
func scRequiredHas(a *connector.API, s connector.NodeID, name string) bool {
	seen := map[connector.NodeID]bool{}
	var has func(n connector.NodeID, depth int) bool
	has = func(n connector.NodeID, depth int) bool {
		n = a.R(n)
		if depth > 16 || seen[n] {
			return false
		}
		seen[n] = true
		for _, e := range a.Elems(a.Get(n, "required")) {
			if a.String(e) == name {
				return true
			}
		}
		for _, e := range a.Elems(a.Get(n, "allOf")) {
			if has(e, depth+1) {
				return true
			}
		}
		return false
	}
	return has(s, 0)
}

// Source: S-VAL SwaggerKeywordNotSupported; rules-catalog §2.6; measured on the corpus.
var keywordSupportedRule = &Rule{
	ID:       "keyword-supported",
	Code:     "SwaggerKeywordNotSupported",
	Severity: Warning,
	Category: "schemas",
	Inputs:   Swagger,
	Doc: Doc{
		Title: "Schemas use only keywords the platform supports",
		Why: "Microsoft's validator rejects some keywords in places where the platform cannot honour them " +
			"(SwaggerKeywordNotSupported; its documentation names `uniqueItems`) but does not publish the list. Merged " +
			"connectors keep `uniqueItems` in body and response schemas, so connectorlint only reports `uniqueItems: true` on " +
			"non-body parameters, headers and their items (where the request is built from single values), and the JSON " +
			"Schema keywords `oneOf`, `anyOf` and `not`, which Swagger 2.0 does not have and which no merged connector uses. " +
			"It is a warning because the exact contexts Microsoft rejects are not known.",
		HowToFix: "Remove the keyword; describe alternatives with `allOf`, a discriminator, or separate operations, and " +
			"enforce uniqueness in the service.",
		Source: scSource + " ; rules-catalog §2.6 keyword-supported",
	},
	Check: checkKeywordSupported,
}

func checkKeywordSupported(p *Pass) error {
	a := p.API
	sc := scTargets(a)
	for t := range sc.with(1<<scKOneOf | 1<<scKAnyOf | 1<<scKNot | 1<<scKUniqueItems) {
		if t.Kind == scSchema {
			for i, k := range []string{"oneOf", "anyOf", "not"} {
				if m := sc.kw(t, scKOneOf+scKey(i)); m != connector.None {
					p.SwaggerKey(m, "the %q keyword is not supported in Swagger 2.0 connector schemas; use \"allOf\" or a discriminator instead", k)
				}
			}
			continue
		}
		if u := sc.kw(t, scKUniqueItems); a.IsTrue(u) {
			p.SwaggerKey(u, "\"uniqueItems\" is not supported on %s; remove it and check for duplicates in the service", scName(a, t)).
				WithFix("Remove \"uniqueItems\"", DeleteMember(p.C.Swagger, u))
		}
	}
	return nil
}

// Source: S-VAL InvalidCustomEditorExtensionDictionaryValue; rules-catalog §2.6.
var xMsEditorDictionaryRule = &Rule{
	ID:       "x-ms-editor-dictionary",
	Code:     "InvalidCustomEditorExtensionDictionaryValue",
	Severity: Error,
	Category: "schemas",
	Inputs:   Swagger,
	Doc: Doc{
		Title: "The dictionary editor is used only on open objects",
		Why: "`\"x-ms-editor\": \"dictionary\"` makes the designer show a key/value editor. Microsoft's validator accepts it " +
			"only on a schema of type object whose `additionalProperties` allow arbitrary keys " +
			"(InvalidCustomEditorExtensionDictionaryValue); every merged use has `additionalProperties` with a value schema.",
		HowToFix: "Give the schema `\"type\": \"object\"` and `\"additionalProperties\": {\"type\": \"string\"}` (or another value " +
			"schema), or remove `x-ms-editor`.",
		Source: scSource + " ; rules-catalog §2.6 x-ms-editor-dictionary",
	},
	Check: checkXMsEditorDictionary,
}

func checkXMsEditorDictionary(p *Pass) error {
	a := p.API
	sc := scTargets(a)
	for t := range sc.with(1 << scKEditor) {
		ed := sc.kw(t, scKEditor)
		if a.String(ed) != "dictionary" {
			continue
		}
		typ, _ := scTypeStr(a, sc, t)
		ap := sc.kw(t, scKAdditionalProperties)
		switch {
		case typ == "":
			p.Swagger(ed, "the dictionary editor needs an object schema, but %s declares no type; add \"type\": \"object\" with \"additionalProperties\" or remove \"x-ms-editor\"", scName(a, t))
		case typ != "object":
			p.Swagger(ed, "the dictionary editor needs an object schema, but %s has type %q; use \"type\": \"object\" with \"additionalProperties\" or remove \"x-ms-editor\"", scName(a, t), typ)
		case ap == connector.None:
			p.Swagger(ed, "the dictionary editor needs \"additionalProperties\" on %s; add it with the schema of the values", scName(a, t))
		case a.Kind(ap) == connector.Bool && !a.IsTrue(ap):
			p.Swagger(ed, "the dictionary editor needs additional properties, but %s sets \"additionalProperties\" to false; allow them or remove \"x-ms-editor\"", scName(a, t))
		}
	}
	return nil
}

// Source: S-VAL FilterFunctionsProperty*; rules-catalog §2.6.
var filterFunctionsRule = &Rule{
	ID:       "filter-functions",
	Code:     "FilterFunctionsPropertyInInputSchema",
	Severity: Error,
	Category: "schemas",
	Inputs:   Swagger,
	Doc: Doc{
		Title: "filterFunctions lists are non-empty, unique and in response schemas",
		Why: "A `filterFunctions` list on a schema (directly or in its `x-ms-capabilities`) tells the platform which filter " +
			"functions a column supports. Microsoft's validator rejects it in request schemas " +
			"(FilterFunctionsPropertyInInputSchema), empty (FilterFunctionsPropertyEmpty) or with duplicates " +
			"(FilterFunctionsPropertyHasDuplicates). It also rejects unsupported function names " +
			"(FilterFunctionsPropertyInvalidValue), but that list is not published, so connectorlint does not check the names. " +
			"The input check only sees schemas written inline under a body parameter.",
		HowToFix: "Move `filterFunctions` to the response schema, list each supported function once, or remove an empty list.",
		Source:   scSource + " ; rules-catalog §2.6 filter-functions",
	},
	Check: checkFilterFunctions,
}

func checkFilterFunctions(p *Pass) error {
	a := p.API
	inputs := scInputSchemas(a)
	sc := scTargets(a)
	for t := range sc.with(1<<scKFilterFunctions | 1<<scKCapabilities) {
		for _, ff := range []connector.NodeID{sc.kw(t, scKFilterFunctions), a.Get(sc.kw(t, scKCapabilities), "filterFunctions")} {
			if ff == connector.None {
				continue
			}
			if t.Kind != scSchema || inputs.has(t.N) {
				p.SwaggerKey(ff, "\"filterFunctions\" on %s describes request input; it is only allowed in response schemas", scName(a, t))
				continue
			}
			if a.Kind(ff) != connector.Array {
				continue
			}
			if a.Len(ff) == 0 {
				p.SwaggerKey(ff, "the \"filterFunctions\" list of %s is empty; list the supported functions or remove it", scName(a, t)).
					WithFix("Remove the empty \"filterFunctions\" list", DeleteMember(p.C.Swagger, ff))
				continue
			}
			var prev []connector.NodeID
			for _, e := range a.Elems(ff) {
				for _, q := range prev {
					if scSameValue(a, q, e) {
						p.Swagger(e, "filter function %s is listed twice; keep one", scShort(a, e)).
							WithFix("Remove the duplicate", DeleteMember(p.C.Swagger, e))
						break
					}
				}
				prev = append(prev, e)
			}
		}
	}
	return nil
}
