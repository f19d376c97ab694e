package rules

import (
	"regexp"
	"regexp/syntax"
	"strings"

	"github.com/connectorlint/connectorlint/connector"
)

// Source: S-VAL EnumMustContainAtLeastOneElement, InvalidEnumValue; R-SWS; rules-catalog §2.6.
var enumValidRule = &Rule{
	ID:       "enum-valid",
	Code:     "InvalidEnumValue",
	Severity: Warning,
	Category: "schemas",
	Inputs:   Swagger,
	Doc: Doc{
		Title: "enum lists are non-empty and their values have the declared type",
		Why: "The designer offers the `enum` values as a drop-down and sends the chosen one as is. Microsoft's validator " +
			"rejects a value whose JSON type differs from the declared `type` (InvalidEnumValue; for example \"10\" in an " +
			"integer enum) and an empty list (EnumMustContainAtLeastOneElement). It applies to schemas, non-body parameters, " +
			"headers and items. Seven merged connectors (of 517 measured) keep strings such as \"true\" in boolean enums, so " +
			"Microsoft evidently converts values that parse as the declared type; the finding is therefore a warning.",
		HowToFix: "Write each value with the declared type (quote strings, leave numbers and booleans bare), or change the " +
			"type; remove an empty `enum`.",
		Source: scSource + " ; rules-catalog §2.6 enum-valid",
	},
	Check: checkEnumValid,
}

func checkEnumValid(p *Pass) error {
	a := p.API
	sc := scTargets(a)
	for t := range sc.with(1 << scKEnum) {
		en := sc.kw(t, scKEnum)
		if a.Kind(en) != connector.Array {
			continue
		}
		if a.Len(en) == 0 {
			p.SwaggerKey(en, "the \"enum\" list of %s is empty; list the allowed values or remove it", scName(a, t)).
				WithFix("Remove the empty \"enum\"", DeleteMember(p.C.Swagger, en))
			continue
		}
		typ, _ := scTypeStr(a, sc, t)
		if !scPrimitive(typ) {
			continue
		}
		for _, e := range a.Elems(en) {
			if a.Kind(e) == connector.Null && a.IsTrue(sc.kw(t, scKXNullable)) {
				continue
			}
			if !scMatchesType(a, e, typ) {
				fd := p.Swagger(e, "enum value %s is of type %s, but %s has type %q; write it as %s", scShort(a, e), scJSONKind(a, e), scName(a, t), typ, scArticle(typ))
				if msg, ed, ok := scRetype(p.C.Swagger, a, e, typ); ok {
					fd.WithFix(msg, ed)
				}
			}
		}
	}
	return nil
}

func scArticle(typ string) string {
	switch typ {
	case "integer", "array", "object":
		return "an " + typ
	}
	return "a " + typ
}

// Source: R-SWS x-ms-enum-values; S-VAL MissingEnumValuesDisplayName, InvalidEnumValuesExtensionValue,
// DuplicateEnumValuesInExtension; rules-catalog §2.6 enum-valid and §2.10.
var xMsEnumValuesValidRule = &Rule{
	ID:       "x-ms-enum-values-valid",
	Code:     "InvalidEnumValuesExtensionValue",
	Severity: Error,
	Category: "schemas",
	Inputs:   Swagger,
	Doc: Doc{
		Title: "x-ms-enum-values maps each enum value once to a display name",
		Why: "`x-ms-enum-values` gives the drop-down labels of an `enum`: an array of `{\"value\", \"displayName\"}` objects. " +
			"Microsoft's validator rejects an item without `displayName` (MissingEnumValuesDisplayName), a `value` that is not " +
			"in the sibling `enum` (InvalidEnumValuesExtensionValue) and a value mapped twice (DuplicateEnumValuesInExtension).",
		HowToFix: "Give every item a `value` taken from `enum` and a non-empty `displayName`, once per value.",
		Source:   scSource + " ; " + "https://learn.microsoft.com/en-us/connectors/custom-connectors/openapi-extensions ; rules-catalog §2.6 enum-valid, §2.10",
	},
	Check: checkXMsEnumValuesValid,
}

func checkXMsEnumValuesValid(p *Pass) error {
	a := p.API
	sc := scTargets(a)
	for t := range sc.with(1 << scKEnumValues) {
		ev := sc.kw(t, scKEnumValues)
		if ev == connector.None {
			continue
		}
		if a.Kind(ev) != connector.Array {
			p.Swagger(ev, "\"x-ms-enum-values\" of %s is %s; write an array of {\"value\", \"displayName\"} objects", scName(a, t), scArticle(scJSONKind(a, ev)))
			continue
		}
		en := sc.kw(t, scKEnum)
		var seen []connector.NodeID
		for _, item := range a.Elems(ev) {
			if a.Kind(item) != connector.Object {
				p.Swagger(item, "x-ms-enum-values item %s is not an object; write {\"value\": …, \"displayName\": …}", scShort(a, item))
				continue
			}
			dn := a.Get(item, "displayName")
			if s, ok := a.Str(dn); dn == connector.None || ok && strings.TrimSpace(s) == "" {
				if dn == connector.None {
					p.Swagger(item, "x-ms-enum-values item has no \"displayName\"; add the label to show for this value")
				} else {
					p.Swagger(dn, "the \"displayName\" of this x-ms-enum-values item is empty; write the label to show for the value")
				}
			} else if !ok {
				p.Swagger(dn, "\"displayName\" %s is not a string; write the label as a string", scShort(a, dn))
			}
			v := a.Get(item, "value")
			if v == connector.None {
				p.Swagger(item, "x-ms-enum-values item has no \"value\"; add the enum value it labels")
				continue
			}
			dup := false
			for _, q := range seen {
				if scSameValue(a, q, v) {
					p.Swagger(v, "value %s is mapped twice in \"x-ms-enum-values\"; keep one display name per value", scShort(a, v))
					dup = true
					break
				}
			}
			seen = append(seen, v)
			if dup || a.Kind(en) != connector.Array {
				continue
			}
			found := false
			for _, e := range a.Elems(en) {
				if scSameValue(a, e, v) {
					found = true
					break
				}
			}
			if !found {
				p.Swagger(v, "value %s is not one of the \"enum\" values of %s; use a value from \"enum\" or add it there", scShort(a, v), scName(a, t))
			}
		}
	}
	return nil
}

// Source: S-VAL DefaultValueMustMatchType; rules-catalog §2.6.
var defaultMatchesTypeRule = &Rule{
	ID:       "default-matches-type",
	Code:     "DefaultValueMustMatchType",
	Severity: Warning,
	Category: "schemas",
	Inputs:   Swagger,
	Doc: Doc{
		Title: "Default values have the declared type",
		Why: "The designer pre-fills an input with its `default` and sends it when the user leaves it. Microsoft's validator " +
			"rejects a default whose JSON type differs from the declared `type` (DefaultValueMustMatchType), for example " +
			"`\"default\": \"true\"` on a boolean or `\"default\": 10` on a string. A null default is left alone. Six merged " +
			"connectors (of 517 measured) keep defaults such as \"true\" or \"50\" as strings, all of them convertible to the " +
			"declared type, so Microsoft evidently tolerates those; the finding is therefore a warning.",
		HowToFix: "Write the default with the declared type: quote it for strings, leave numbers and booleans bare.",
		Source:   scSource + " ; rules-catalog §2.6 default-matches-type",
	},
	Check: checkDefaultMatchesType,
}

var scJSONNumber = regexp.MustCompile(`^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?$`)

func checkDefaultMatchesType(p *Pass) error {
	a := p.API
	sc := scTargets(a)
	for t := range sc.with(1 << scKDefault) {
		def := sc.kw(t, scKDefault)
		if def == connector.None {
			continue
		}
		typ, _ := scTypeStr(a, sc, t)
		if a.Kind(def) == connector.Null || scMatchesType(a, def, typ) {
			continue
		}
		fd := p.Swagger(def, "the default %s of %s is of type %s, but the type is %q; write it as %s", scShort(a, def), scName(a, t), scJSONKind(a, def), typ, scArticle(typ))
		if msg, e, ok := scRetype(p.C.Swagger, a, def, typ); ok {
			fd.WithFix(msg, e)
		}
	}
	return nil
}

// scRetype returns the edit that rewrites value v as type typ when that is mechanical: a number or
// boolean quoted for a string, "true"/"false" unquoted for a boolean, a numeric string unquoted for
// a number or integer.
func scRetype(f *connector.File, a *connector.API, v connector.NodeID, typ string) (string, Edit, bool) {
	s, isStr := a.Str(v)
	switch {
	case typ == "string" && (a.Kind(v) == connector.Number || a.Kind(v) == connector.Bool):
		return "Quote the value", ReplaceString(f, v, string(a.Raw(v))), true
	case typ == "boolean" && isStr && (s == "true" || s == "false"):
		return "Write the value as a boolean", ReplaceValue(f, v, s), true
	case (typ == "integer" || typ == "number") && isStr && scJSONNumber.MatchString(s):
		if typ == "integer" && strings.ContainsAny(s, ".eE") {
			break
		}
		return "Write the value as a number", ReplaceValue(f, v, s), true
	}
	return "", Edit{}, false
}

// Source: R-SWS format enum; S-VAL UnrecognizedTypeFormat, SchemaTypeFileNotValid; rules-catalog §2.6.
var typeFormatKnownRule = &Rule{
	ID:       "type-format-known",
	Code:     "UnrecognizedTypeFormat",
	Severity: Warning,
	Category: "schemas",
	Inputs:   Swagger,
	Doc: Doc{
		Title: "Types and formats are ones the platform recognizes",
		Why: "The designer picks its editor and conversions from `type` and `format`. Microsoft's validator reports a " +
			"type/format pair it does not know (UnrecognizedTypeFormat) and `type: file` anywhere but in formData parameters " +
			"and a root response schema (SchemaTypeFileNotValid). Known formats are int32/int64 for integers, float/double " +
			"for numbers, and byte, binary, date, date-time, date-no-tz, password, email, html, uri and uuid for strings. " +
			"Merged connectors still carry unknown formats (guid, url, phone, an empty string), so this is a warning; an " +
			"unknown `type` name is reported too. `type: file` on non-formData parameters is file-parameter-formdata's finding.",
		HowToFix: "Use one of the Swagger types (string, number, integer, boolean, array, object) and a format from the " +
			"list, or drop the format; uuid replaces guid and uri replaces url.",
		Source: scSource + " ; rules-catalog §2.6 type-format-known",
	},
	Check: checkTypeFormatKnown,
}

var scFormats = map[string][]string{
	"integer": {"int32", "int64"},
	"number":  {"float", "double"},
	"string":  {"byte", "binary", "date", "date-time", "date-no-tz", "password", "email", "html", "uri", "uuid"},
}

var scFormatAlias = map[string]string{"guid": "uuid", "url": "uri", "datetime": "date-time", "date_time": "date-time"}

func scFormatKnown(typ, format string) bool {
	// scFormats without a map lookup: this runs for every type/format pair of the file
	switch typ {
	case "integer":
		return format == "int32" || format == "int64"
	case "number":
		return format == "float" || format == "double"
	case "string":
		switch format {
		case "byte", "binary", "date", "date-time", "date-no-tz", "password", "email", "html", "uri", "uuid":
			return true
		}
	}
	return false
}

// scFmtKnown says which formats (scfWords+i) each type (stvAbsent or a type name) takes without a
// report from type-format-known: with no type, any of the known formats.
var scFmtKnown = func() (t [stvFile + 1][len(scFmtWords)]bool) {
	for i, f := range scFmtWords {
		for _, typ := range []stVal{stvInteger, stvNumber, stvString} {
			if scFormatKnown(stValWords[typ-stvWords], f) {
				t[typ][i], t[stvAbsent][i] = true, true
			}
		}
	}
	return
}()

// scTypeFormatOK reports whether type-format-known has nothing to report on target t, judging by
// its Type and Fmt alone; false when it must look.
func scTypeFormatOK(t scTarget) bool {
	switch t.Type {
	case stvAbsent, stvString, stvNumber, stvInteger, stvBoolean, stvArray:
	case stvObject:
		if t.Kind != scSchema {
			return false
		}
	default:
		return false
	}
	switch {
	case t.Fmt == scfAbsent || t.Fmt == scfNotStr:
		return true // a format that is not a string is left alone
	case t.Fmt >= scfWords:
		return scFmtKnown[t.Type][t.Fmt-scfWords]
	}
	return false
}

func checkTypeFormatKnown(p *Pass) error {
	a := p.API
	f := p.C.Swagger
	sc := scTargets(a)
	for _, t := range sc.ts {
		if scTypeFormatOK(t) {
			continue // nothing to report, by what scTargets read
		}
		tn := sc.kw(t, scKType)
		typ, isStr := a.Str(tn)
		if tn != connector.None && !isStr {
			p.Swagger(tn, "type %s of %s is not a single type name; use one of string, number, integer, boolean, array or object", scShort(a, tn), scName(a, t))
			continue
		}
		switch typ {
		case "", "string", "number", "integer", "boolean", "array":
		case "object":
			if t.Kind != scSchema {
				p.Swagger(tn, "type \"object\" is not allowed on %s; only body schemas can be objects", scName(a, t))
				continue
			}
		case "file":
			if t.Kind == scParam {
				break // file-parameter-formdata
			}
			if t.Kind != scSchema || !scIsRootResponseSchema(a, t.N) {
				p.Swagger(tn, "type \"file\" is only allowed on formData parameters and root response schemas, not on %s; use \"type\": \"string\", \"format\": \"binary\"", scName(a, t))
				continue
			}
		default:
			p.Swagger(tn, "type %q of %s is not a Swagger type; use one of string, number, integer, boolean, array or object", typ, scName(a, t))
			continue
		}
		fn := sc.kw(t, scKFormat)
		format, ok := a.Str(fn)
		if !ok {
			continue
		}
		switch {
		case format == "":
			p.Swagger(fn, "the format of %s is empty; remove it", scName(a, t)).
				WithFix("Remove the empty format", DeleteMember(f, fn))
		case typ == "":
			if !scFormatKnown("integer", format) && !scFormatKnown("number", format) && !scFormatKnown("string", format) {
				p.Swagger(fn, "format %q of %s is not recognized and the type is missing; declare the type and use a known format", format, scName(a, t))
			}
		case !scFormatKnown(typ, format):
			known := scFormats[typ]
			if len(known) == 0 {
				fd := p.Swagger(fn, "type %q takes no format, but %s has format %q; remove it", typ, scName(a, t), format)
				if typ == "boolean" || typ == "object" || typ == "array" {
					fd.WithFix("Remove the format", DeleteMember(f, fn))
				}
				continue
			}
			if alias := scFormatAlias[strings.ToLower(format)]; alias != "" && scFormatKnown(typ, alias) {
				p.Swagger(fn, "format %q of %s is not recognized; use %q", format, scName(a, t), alias).
					WithFix("Use format \""+alias+"\"", ReplaceString(f, fn, alias))
				continue
			}
			p.Swagger(fn, "type/format %q of %s is not recognized; use one of %s or drop the format", typ+"/"+format, scName(a, t), strings.Join(known, ", "))
		}
	}
	return nil
}

// Source: S-VAL ExclusiveMaximumRequiresMaximum … PatternShouldBeValidRegularExpression; rules-catalog §2.6.
var numericStringConstraintsRule = &Rule{
	ID:       "numeric-string-constraints",
	Code:     "ExclusiveMaximumRequiresMaximum",
	Severity: Error,
	Category: "schemas",
	Inputs:   Swagger,
	Doc: Doc{
		Title: "Range, length and pattern constraints are consistent",
		Why: "Microsoft's validator rejects constraints that no value can meet or that are meaningless: exclusiveMaximum " +
			"without maximum and exclusiveMinimum without minimum (ExclusiveMaximumRequiresMaximum, " +
			"ExclusiveMinimumRequiresMinimum), negative minLength/maxLength/minItems/maxItems/minProperties/maxProperties " +
			"(…MustBeGreaterThanOrEqualToZero), a minimum above its maximum (MinimumShouldBeLessThanOrEqualToMaximum, " +
			"MinLengthShouldBeLessThanOrEqualToMaxLength, MinItemsShouldBeLessThanOrEqualToMaxItems), multipleOf ≤ 0 " +
			"(MultipleOfMustBeGreaterThanZero) and a pattern that is not a regular expression " +
			"(PatternShouldBeValidRegularExpression). Microsoft evaluates patterns with .NET, which accepts lookarounds and " +
			"backreferences that Go's RE2 does not, so connectorlint only reports patterns broken for every engine: " +
			"unbalanced parentheses or brackets, a trailing backslash, a repetition with nothing to repeat, or a reversed " +
			"character range.",
		HowToFix: "Add the missing maximum/minimum, make lower bounds at most the upper ones and non-negative, use a " +
			"positive multipleOf, and fix the pattern's syntax.",
		Source: scSource + " ; rules-catalog §2.6 numeric-string-constraints",
	},
	Check: checkNumericStringConstraints,
}

// scNumKeywords are the members checkNumericStringConstraints reads.
var scNumKeywords = [...]string{"exclusiveMaximum", "maximum", "exclusiveMinimum", "minimum", "minLength", "maxLength",
	"minItems", "maxItems", "minProperties", "maxProperties", "multipleOf", "pattern"}

// The indexes of the scNumKeywords (TestScNumKeywordIndexes checks them).
const (
	scnExclusiveMaximum = iota
	scnMaximum
	scnExclusiveMinimum
	scnMinimum
	scnMinLength
	scnMaxLength
	scnMinItems
	scnMaxItems
	scnMinProperties
	scnMaxProperties
	scnMultipleOf
	scnPattern
)

func checkNumericStringConstraints(p *Pass) error {
	a := p.API
	sc := scTargets(a)
	var patterns scPatternCache
	for t := range sc.with(scNumMask) { // the targets with one of the keywords
		var kw [len(scNumKeywords)]connector.NodeID
		for i := range kw {
			kw[i] = sc.kw(t, scKNum+scKey(i))
		}
		for _, pair := range [...][2]int{{scnExclusiveMaximum, scnMaximum}, {scnExclusiveMinimum, scnMinimum}} {
			ex := kw[pair[0]]
			if ex == connector.None || a.Kind(ex) == connector.Bool && !a.IsTrue(ex) {
				continue
			}
			if kw[pair[1]] == connector.None {
				k0, k1 := scNumKeywords[pair[0]], scNumKeywords[pair[1]]
				if a.Kind(ex) == connector.Number {
					p.SwaggerKey(ex, "%q is %s but %s has no %q; in Swagger 2.0 write \"%s\": %s with \"%s\": true", k0, scShort(a, ex), scName(a, t), k1, k1, scShort(a, ex), k0)
				} else {
					p.SwaggerKey(ex, "%q needs %q, which %s does not set; add %q or remove %q", k0, k1, scName(a, t), k1, k0)
				}
			}
		}
		for i := scnMinLength; i <= scnMaxProperties; i++ {
			// only a number written with a minus sign can be negative: the others are not parsed
			if n := kw[i]; a.Kind(n) == connector.Number && a.Raw(n)[0] == '-' {
				if v, ok := a.Number(n); ok && v < 0 {
					p.Swagger(n, "%q of %s is %s; it must be zero or more", scNumKeywords[i], scName(a, t), scShort(a, n))
				}
			}
		}
		for _, pair := range [...][2]int{{scnMinimum, scnMaximum}, {scnMinLength, scnMaxLength}, {scnMinItems, scnMaxItems}, {scnMinProperties, scnMaxProperties}} {
			lo, hi := kw[pair[0]], kw[pair[1]]
			if lo == connector.None || hi == connector.None {
				continue
			}
			l, ok1 := a.Number(lo)
			h, ok2 := a.Number(hi)
			if ok1 && ok2 && l > h && h >= 0 {
				p.Swagger(lo, "%q %s of %s is greater than %q %s; swap or correct them", scNumKeywords[pair[0]], scShort(a, lo), scName(a, t), scNumKeywords[pair[1]], scShort(a, hi))
			}
		}
		if m := kw[scnMultipleOf]; a.Kind(m) == connector.Number {
			if v, _ := a.Number(m); v <= 0 {
				p.Swagger(m, "\"multipleOf\" of %s is %s; it must be greater than zero", scName(a, t), scShort(a, m))
			}
		}
		if pn := kw[scnPattern]; a.Kind(pn) == connector.String {
			if why := patterns.broken(a.String(pn)); why != "" {
				p.Swagger(pn, "pattern %q of %s is not a valid regular expression (%s); fix its syntax", a.String(pn), scName(a, t), why)
			}
		}
	}
	return nil
}

// scPatternCache remembers scBrokenPattern's answers for the last few patterns of a file: a file
// repeats its few patterns, and parsing one costs more than the rest of the rule for its target.
type scPatternCache struct {
	n    int
	pats [8]string
	whys [8]string
}

func (c *scPatternCache) broken(pattern string) string {
	for i := range min(c.n, len(c.pats)) {
		if c.pats[i] == pattern {
			return c.whys[i]
		}
	}
	why := scBrokenPattern(pattern)
	c.pats[c.n%len(c.pats)], c.whys[c.n%len(c.pats)] = pattern, why
	c.n++
	return why
}

// scBrokenPattern returns why pattern is invalid in every regular-expression dialect, or "" when it
// parses (or fails only on constructs that .NET accepts and RE2 does not).
func scBrokenPattern(pattern string) string {
	_, err := syntax.Parse(pattern, syntax.Perl)
	if err == nil {
		return ""
	}
	se, ok := err.(*syntax.Error)
	if !ok {
		return ""
	}
	switch se.Code {
	case syntax.ErrMissingParen:
		return "a '(' is never closed"
	case syntax.ErrUnexpectedParen:
		return "a ')' has no matching '('"
	case syntax.ErrMissingBracket:
		return "a '[' is never closed"
	case syntax.ErrTrailingBackslash:
		return "it ends with a lone backslash"
	case syntax.ErrMissingRepeatArgument:
		return "a repetition operator has nothing to repeat"
	case syntax.ErrInvalidCharRange:
		if strings.Contains(se.Expr, `\`) {
			return "" // .NET reads "[\w-.]" as a class, a hyphen and a dot
		}
		return "a character range is reversed"
	}
	return ""
}
