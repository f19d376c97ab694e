package rules

import (
	"fmt"
	"strings"

	"github.com/connectorlint/connectorlint/connector"
)

// Input-level breaking changes: parameters and body properties (through $refs, allOf, nested objects
// and arrays) of operations present in both versions.

// bkFieldAt returns where to report a field of api a: a parameter's name (or its $ref), a property's key.
func bkFieldAt(a *connector.API, f *bkField) (connector.NodeID, bool) {
	if f.param {
		if ref := a.Get(f.at, "$ref"); ref != connector.None {
			return ref, true
		}
		if n := a.Get(f.node, "name"); n != connector.None {
			return n, true
		}
		return f.at, true
	}
	return f.at, false
}

// bkMemberOr returns member key of field f's object when it exists, else where f itself is reported.
func bkMemberOr(a *connector.API, f *bkField, key string) (connector.NodeID, bool) {
	if n := a.Get(f.node, key); n != connector.None {
		return n, true
	}
	if f.param && f.path == "body" && key != "x-ms-visibility" && key != "required" {
		if n := a.Get(a.R(a.Get(f.node, "schema")), key); n != connector.None {
			return n, true
		}
	}
	return bkFieldAt(a, f)
}

// bkInputPairs calls fn for every operation pair with its old and new inputs.
func bkInputPairs(d *bkDiff, fn func(pr bkPair, o, n *bkFields)) {
	for _, pr := range d.pairs {
		fn(pr, d.bkInputs(true, pr.o), d.bkInputs(false, pr.n))
	}
}

// bkAutoFilled reports whether a required input needs nothing from flows: an internal input with a
// default (the connector sends the default), or the notification URL of a webhook (filled by the
// platform).
func bkAutoFilled(f *bkField) bool { return f.internal && f.hasDef || f.notify }

var bcRequiredInputAddedRule = &Rule{
	ID:       "breaking-required-input-added",
	Severity: Error,
	Category: "breaking",
	Inputs:   Swagger,
	Doc: Doc{
		Title: "An update adds no required input to an existing operation",
		Why: "Existing flows were saved without the new input, so every run of them would send a request without it. " +
			"Microsoft reports: \"The required input field has been added. Existing flows will not send this new field.\" " +
			"(ValuePath `operation/<operationId>/parameter/<name>/schema/<path>`). Checked for parameters and for body " +
			"properties at any depth, through `$ref`, `allOf` and array items; a new required property inside a new " +
			"optional object is not reported (flows that do not send the object are unaffected), nor is an internal " +
			"input with a default (the connector fills it in)." + bkWhyCommon,
		HowToFix: "Make the new input optional (leave it out of `required` / set `\"required\": false`) and give the " +
			"backend a sensible behaviour when it is missing, or make it internal with a `default`. If the operation " +
			"cannot work without it, " + bkLower(bkVersioning),
		Source: bkSourceMS + "; PR#3656, PR#2641",
	},
	Compare: compareRequiredInputAdded,
}

func compareRequiredInputAdded(p *ChangePass) error {
	d := bkDiffOf(p)
	r := bkNewReporter(p)
	bkInputPairs(d, func(pr bkPair, o, n *bkFields) {
		changed := bkTypeChangedPaths(o, n, true)
		for _, nf := range n.list {
			if o.get(nf.path) != nil || !nf.required || nf.items || bkAutoFilled(nf) {
				continue
			}
			if nf.parent != "" && o.get(nf.parent) == nil || changed[nf.parent] || bkCovered(nf.path, changed) {
				continue // inside something new or retyped: reported there
			}
			at, value := bkFieldAt(d.new, nf)
			r.add(d.newF, at, value, d.oldF, bkEnclosing(d.old, o, nf.parent, pr.o, true), bkOpName(pr.n),
				fmt.Sprintf("the required %s has been added; existing flows do not send it", bkFieldLabel(nf, true)))
		}
	})
	r.flush()
	return nil
}

var bcInputMadeRequiredRule = &Rule{
	ID:       "breaking-input-made-required",
	Severity: Error,
	Category: "breaking",
	Inputs:   Swagger,
	Doc: Doc{
		Title: "An update does not make an optional input required",
		Why: "Flows saved while the input was optional may not send it; once it is required, those flows fail " +
			"validation or the backend rejects their requests. Microsoft's validator treats it like a new required " +
			"input (\"The required input field has been added. Existing flows will not send this new field.\")." + bkWhyCommon,
		HowToFix: "Keep the input optional and handle its absence in the backend (or in script.csx), or make it " +
			"internal with a `default`. " + bkVersioning,
		Source: bkSourceMS,
	},
	Compare: compareInputMadeRequired,
}

func compareInputMadeRequired(p *ChangePass) error {
	d := bkDiffOf(p)
	r := bkNewReporter(p)
	bkInputPairs(d, func(pr bkPair, o, n *bkFields) {
		changed := bkTypeChangedPaths(o, n, true)
		for _, nf := range n.list {
			of := o.get(nf.path)
			if of == nil || of.required || !nf.required || bkAutoFilled(nf) || bkCovered(nf.path, changed) {
				continue
			}
			at, value := bkMemberOr(d.new, nf, "required")
			if !nf.param { // the name in the parent's required list
				at, value = bkRequiredEntry(d.new, n, nf)
			}
			oat, _ := bkFieldAt(d.old, of)
			r.add(d.newF, at, value, d.oldF, oat, bkOpName(pr.n),
				fmt.Sprintf("%s has been made required; flows saved while it was optional may not send it", bkFieldLabel(nf, true)))
		}
	})
	r.flush()
	return nil
}

// bkRequiredEntry returns the element naming property f in its parent's required list (f's key when
// it cannot be found, e.g. through allOf).
func bkRequiredEntry(a *connector.API, fs *bkFields, f *bkField) (connector.NodeID, bool) {
	name := f.path[strings.LastIndexByte(f.path, '/')+1:]
	var parent connector.NodeID = connector.None
	if pf := fs.get(f.parent); pf != nil {
		parent = pf.node
		if pf.param {
			parent = a.R(a.Get(pf.node, "schema"))
		}
	}
	for _, e := range a.Elems(a.Get(parent, "required")) {
		if a.String(e) == name {
			return e, true
		}
	}
	return f.at, false
}

var bcInputDeletedRule = &Rule{
	ID:       "breaking-input-deleted",
	Code:     "InputFieldDeleted",
	Severity: Error,
	Category: "breaking",
	Inputs:   Swagger,
	Doc: Doc{
		Title: "An update keeps every input of an existing operation",
		Why: "Existing flows still hold a value for the deleted parameter or body property; the designer shows them " +
			"as errors and the value is no longer sent, so the backend behaves differently. Microsoft's validator has " +
			"a change type `InputFieldDeleted` for it. Renaming an input is a deletion plus an addition." + bkWhyCommon,
		HowToFix: "Keep the input. If the backend ignores it now, keep it as an optional input (optionally " +
			"`x-ms-visibility: advanced` and \"(deprecated)\" in its description). " + bkVersioning,
		Source: bkSourceMS + "; change type InputFieldDeleted (third-party guide, rules-catalog §10)",
	},
	Compare: compareInputDeleted,
}

func compareInputDeleted(p *ChangePass) error {
	d := bkDiffOf(p)
	r := bkNewReporter(p)
	bkInputPairs(d, func(pr bkPair, o, n *bkFields) {
		changed := bkTypeChangedPaths(o, n, true)
		for _, of := range o.list {
			if n.get(of.path) != nil || of.items {
				continue
			}
			if of.parent != "" && n.get(of.parent) == nil || changed[of.parent] || bkCovered(of.path, changed) {
				continue // its parent was deleted or retyped: reported there
			}
			oat, _ := bkFieldAt(d.old, of)
			r.add(d.newF, bkEnclosing(d.new, n, of.parent, pr.n, true), false, d.oldF, oat, bkOpName(pr.n),
				fmt.Sprintf("%s has been deleted; existing flows that set it lose it", bkFieldLabel(of, true)))
		}
	})
	r.flush()
	return nil
}

var bcInputMadeInternalRule = &Rule{
	ID:       "breaking-input-made-internal",
	Code:     "InputFieldVisibilityChangedToInternal",
	Severity: Error,
	Category: "breaking",
	Inputs:   Swagger,
	Doc: Doc{
		Title: "An update does not hide an input that makers could set",
		Why: "An input marked `x-ms-visibility: internal` is no longer shown or sent from the flow: its default " +
			"replaces whatever value existing flows had set. Microsoft's validator has a change type " +
			"`InputFieldVisibilityChangedToInternal` for it." + bkWhyCommon,
		HowToFix: "Keep the input visible (`advanced` hides it behind \"Show advanced options\" without dropping the " +
			"values flows set). " + bkVersioning,
		Source: bkSourceMS + "; change type InputFieldVisibilityChangedToInternal (third-party guide, rules-catalog §10)",
	},
	Compare: compareInputMadeInternal,
}

func compareInputMadeInternal(p *ChangePass) error {
	d := bkDiffOf(p)
	r := bkNewReporter(p)
	bkInputPairs(d, func(pr bkPair, o, n *bkFields) {
		hidden := map[string]bool{}
		for _, nf := range n.list {
			of := o.get(nf.path)
			if of == nil || of.internal || !nf.internal || bkCovered(nf.path, hidden) {
				continue
			}
			hidden[nf.path] = true
			at, value := bkMemberOr(d.new, nf, "x-ms-visibility")
			oat, _ := bkFieldAt(d.old, of)
			r.add(d.newF, at, value, d.oldF, oat, bkOpName(pr.n),
				fmt.Sprintf("%s has been made internal; its default now replaces the value existing flows set", bkFieldLabel(nf, true)))
		}
	})
	r.flush()
	return nil
}

var bcParameterLocationChangedRule = &Rule{
	ID:       "breaking-parameter-location-changed",
	Severity: Error,
	Category: "breaking",
	Inputs:   Swagger,
	Doc: Doc{
		Title: "An update keeps the location (`in`) of every parameter",
		Why: "Microsoft reports: \"The location has been changed for the parameter. Existing flows will continue to " +
			"send the parameter in the old location.\"" + bkWhyCommon,
		HowToFix: "Keep the parameter where it was. If the backend now expects it elsewhere, move it in a policy " +
			"(`setheader`, `setqueryparameter`) or in script.csx. " + bkVersioning,
		Source: bkSourceMS + "; PR#3648",
	},
	Compare: compareParameterLocationChanged,
}

func compareParameterLocationChanged(p *ChangePass) error {
	d := bkDiffOf(p)
	r := bkNewReporter(p)
	bkInputPairs(d, func(pr bkPair, o, n *bkFields) {
		for _, nf := range n.list {
			of := o.get(nf.path)
			if of == nil || !of.param || !nf.param || of.in == nf.in || of.in == "" || nf.in == "" {
				continue
			}
			at, value := bkMemberOr(d.new, nf, "in")
			oat, ovalue := bkMemberOr(d.old, of, "in")
			_ = ovalue
			r.add(d.newF, at, value, d.oldF, oat, bkOpName(pr.n),
				fmt.Sprintf("parameter %q has moved from %s to %s; existing flows keep sending it in the %s", nf.name, of.in, nf.in, of.in))
		}
	})
	r.flush()
	return nil
}

var bcInputEnumAddedRule = &Rule{
	ID:       "breaking-input-enum-added",
	Severity: Error,
	Category: "breaking",
	Inputs:   Swagger,
	Doc: Doc{
		Title: "An update does not restrict a free input to a list of values",
		Why: "Existing flows may hold any value in an input that had no `enum`; once a list is added, values outside it " +
			"fail. Microsoft reports: \"The list of enum values has been added to the input field. Existing flows may " +
			"use values outside of this list.\"" + bkWhyCommon,
		HowToFix: "Offer the values as suggestions instead of a closed list: `x-ms-dynamic-values` or " +
			"`x-ms-enum-values` without `enum`, or keep the input free text and document the values in its " +
			"description. " + bkVersioning,
		Source: bkSourceMS + "; PR#619",
	},
	Compare: compareInputEnumAdded,
}

func compareInputEnumAdded(p *ChangePass) error {
	d := bkDiffOf(p)
	r := bkNewReporter(p)
	bkInputPairs(d, func(pr bkPair, o, n *bkFields) {
		for _, nf := range n.list {
			of := o.get(nf.path)
			if of == nil || d.old.Kind(of.enum) == connector.Array || d.new.Kind(nf.enum) != connector.Array || bkAutoFilled(nf) || nf.internal {
				continue
			}
			if bkTypeChanged(of, nf, true) {
				continue
			}
			oat, _ := bkFieldAt(d.old, of)
			r.add(d.newF, nf.enum, false, d.oldF, oat, bkOpName(pr.n),
				fmt.Sprintf("a list of %d enum values has been added to %s; existing flows may use values outside it", d.new.Len(nf.enum), bkFieldLabel(nf, true)))
		}
	})
	r.flush()
	return nil
}

var bcInputEnumRemovedRule = &Rule{
	ID:       "breaking-input-enum-removed",
	Severity: Warning,
	Category: "breaking",
	Inputs:   Swagger,
	Doc: Doc{
		Title: "An update keeps every allowed value of an input",
		Why: "Flows that were saved with a value that the new `enum` no longer lists fail validation or send a value " +
			"the backend no longer accepts. Microsoft's validator was not seen reporting it, so this is a warning." + bkWhyCommon,
		HowToFix: "Keep the removed values in the list (the backend can map them to the new ones), or drop the `enum`. " +
			bkVersioning,
		Source: bkSourceMS,
	},
	Compare: compareInputEnumRemoved,
}

func compareInputEnumRemoved(p *ChangePass) error {
	d := bkDiffOf(p)
	r := bkNewReporter(p)
	bkInputPairs(d, func(pr bkPair, o, n *bkFields) {
		for _, nf := range n.list {
			of := o.get(nf.path)
			if of == nil || d.old.Kind(of.enum) != connector.Array || d.new.Kind(nf.enum) != connector.Array || nf.internal {
				continue
			}
			have := map[string]bool{}
			for _, e := range d.new.Elems(nf.enum) {
				have[bkRawValue(d.new, e)] = true
			}
			var gone []string
			for _, e := range d.old.Elems(of.enum) {
				if v := bkRawValue(d.old, e); !have[v] {
					gone = append(gone, v)
				}
			}
			if len(gone) == 0 {
				continue
			}
			list := gone
			if len(list) > 5 {
				list = append(list[:5:5], fmt.Sprintf("and %d more", len(gone)-5))
			}
			r.add(d.newF, nf.enum, false, d.oldF, of.enum, bkOpName(pr.n),
				fmt.Sprintf("%s no longer allows %s; flows that use these values fail", bkFieldLabel(nf, true), strings.Join(list, ", ")))
		}
	})
	r.flush()
	return nil
}

// bkRawValue is the source text of a JSON scalar, with strings decoded and requoted so that escapes
// compare equal.
func bkRawValue(a *connector.API, n connector.NodeID) string {
	if s, ok := a.Str(n); ok {
		return fmt.Sprintf("%q", s)
	}
	return strings.TrimSpace(string(a.Raw(n)))
}

var bcInputTypeChangedRule = &Rule{
	ID:       "breaking-input-type-changed",
	Severity: Error,
	Category: "breaking",
	Inputs:   Swagger,
	Doc: Doc{
		Title: "An update keeps the type and format of every input",
		Why: "Existing flows hold values of the old type (a number, a date-time string, an object); after the change they " +
			"fail validation or send what the backend no longer understands. Widening an integer to a number, and a path, " +
			"query or header value to a string, are not reported: what flows send stays valid." + bkWhyCommon,
		HowToFix: "Keep the type; accept both shapes in the backend or convert in script.csx. " + bkVersioning,
		Source:   bkSourceMS,
	},
	Compare: compareInputTypeChanged,
}

func compareInputTypeChanged(p *ChangePass) error {
	d := bkDiffOf(p)
	r := bkNewReporter(p)
	bkInputPairs(d, func(pr bkPair, o, n *bkFields) {
		changed := bkTypeChangedPaths(o, n, true)
		for _, nf := range n.list {
			of := o.get(nf.path)
			if of == nil || !changed[nf.path] || bkCovered(nf.path, changed) {
				continue
			}
			at, value := bkMemberOr(d.new, nf, "type")
			if of.typ == nf.typ {
				at, value = bkMemberOr(d.new, nf, "format")
			}
			oat, _ := bkFieldAt(d.old, of)
			r.add(d.newF, at, value, d.oldF, oat, bkOpName(pr.n),
				fmt.Sprintf("the type of %s has been changed from %s to %s; values in existing flows may no longer fit", bkFieldLabel(nf, true), bkTypeText(of), bkTypeText(nf)))
		}
	})
	r.flush()
	return nil
}
