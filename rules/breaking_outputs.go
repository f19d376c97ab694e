package rules

import (
	"fmt"

	"github.com/connectorlint/connectorlint/connector"
)

// Output-level breaking changes: the schema of an operation's main success response (200, else the
// first 2xx, else default), through $refs, allOf, nested objects and arrays.

func bkOutputPairs(d *bkDiff, fn func(pr bkPair, o, n *bkFields)) {
	for _, pr := range d.pairs {
		fn(pr, d.bkOutputs(true, pr.o), d.bkOutputs(false, pr.n))
	}
}

var bcOutputDeletedRule = &Rule{
	ID:       "breaking-output-deleted",
	Severity: Error,
	Category: "breaking",
	Inputs:   Swagger,
	Doc: Doc{
		Title: "An update keeps every output field of an existing operation",
		Why: "Flows use output fields as dynamic content in later steps; a field that disappears from the schema " +
			"disappears from those steps. Microsoft reports: \"The output field has been deleted. Existing flows may be " +
			"broken if they are using this field and actual payload has been changed.\" (ValuePath " +
			"`operation/<operationId>/responses/200/schema/<path>`). Only the outermost deleted field is reported." + bkWhyCommon,
		HowToFix: "Keep the field in the schema while the backend may still return it (mark it \"(deprecated)\" in its " +
			"description, or `x-ms-visibility: advanced`). " + bkVersioning,
		Source: bkSourceMS + "; PR#3656",
	},
	Compare: compareOutputDeleted,
}

func compareOutputDeleted(p *ChangePass) error {
	d := bkDiffOf(p)
	r := bkNewReporter(p)
	bkOutputPairs(d, func(pr bkPair, o, n *bkFields) {
		if len(n.list) == 0 {
			return // the whole schema went: breaking-response-schema-removed
		}
		changed := bkTypeChangedPaths(o, n, false)
		for _, of := range o.list {
			if of.path == "" || n.get(of.path) != nil || of.items {
				continue
			}
			if n.get(of.parent) == nil || changed[of.parent] || bkCovered(of.path, changed) {
				continue
			}
			r.add(d.newF, bkEnclosing(d.new, n, of.parent, pr.n, false), false, d.oldF, of.at, bkOpName(pr.n),
				fmt.Sprintf("the output field %q has been deleted; flows that use it lose it", of.path))
		}
	})
	r.flush()
	return nil
}

var bcOutputTypeChangedRule = &Rule{
	ID:       "breaking-output-type-changed",
	Severity: Error,
	Category: "breaking",
	Inputs:   Swagger,
	Doc: Doc{
		Title: "An update keeps the type and format of every output field",
		Why: "Later steps of existing flows use the field as the old type (a number in a condition, an array in an " +
			"Apply to each, a date-time); a new type breaks those expressions. Microsoft reports: \"The type has been " +
			"changed for the output field. Existing flows may be broken if they are using this field and actual payload " +
			"has been changed.\" Untyped schemas and numeric format changes are not reported." + bkWhyCommon,
		HowToFix: "Keep the field's type; add a new field with the new type beside it if needed. " + bkVersioning,
		Source:   bkSourceMS + "; PR#3910, PR#3151, PR#4168, PR#2641",
	},
	Compare: compareOutputTypeChanged,
}

func compareOutputTypeChanged(p *ChangePass) error {
	d := bkDiffOf(p)
	r := bkNewReporter(p)
	bkOutputPairs(d, func(pr bkPair, o, n *bkFields) {
		changed := bkTypeChangedPaths(o, n, false)
		for _, nf := range n.list {
			of := o.get(nf.path)
			if of == nil || !changed[nf.path] || bkCovered(nf.path, changed) {
				continue
			}
			at, value := bkMemberOr(d.new, nf, "type")
			if of.typ == nf.typ {
				at, value = bkMemberOr(d.new, nf, "format")
			}
			what := fmt.Sprintf("the output field %q", nf.path)
			if nf.path == "" {
				what = "the response schema"
			}
			r.add(d.newF, at, value, d.oldF, of.at, bkOpName(pr.n),
				fmt.Sprintf("the type of %s has been changed from %s to %s; flows that use it may break", what, bkTypeText(of), bkTypeText(nf)))
		}
	})
	r.flush()
	return nil
}

var bcResponseSchemaRemovedRule = &Rule{
	ID:       "breaking-response-schema-removed",
	Severity: Error,
	Category: "breaking",
	Inputs:   Swagger,
	Doc: Doc{
		Title: "An update keeps the schema of an operation's success response",
		Why: "Without a response schema the operation has no dynamic content: every later step of an existing flow that " +
			"used one of its outputs breaks. Microsoft's validator reports each output field as deleted." + bkWhyCommon,
		HowToFix: "Keep the `schema` of the success response (200, or the first 2xx). " + bkVersioning,
		Source:   bkSourceMS + "; PR#3656",
	},
	Compare: compareResponseSchemaRemoved,
}

func compareResponseSchemaRemoved(p *ChangePass) error {
	d := bkDiffOf(p)
	r := bkNewReporter(p)
	for _, pr := range d.pairs {
		ocode, os := bkResponseSchema(d.old, pr.o)
		if os == connector.None {
			continue
		}
		if _, ns := bkResponseSchema(d.new, pr.n); ns != connector.None {
			continue
		}
		at := pr.n.Node
		code, m := bkSuccess(d.new, pr.n)
		if m != connector.None {
			at = m
		} else if rs := d.new.Responses(pr.n); rs != connector.None {
			at = rs
		}
		msg := fmt.Sprintf("the schema of the %s response has been removed; existing flows lose all its outputs", ocode)
		if code == "" {
			msg = fmt.Sprintf("the %s response and its schema have been removed; existing flows lose all its outputs", ocode)
		}
		r.add(d.newF, at, false, d.oldF, os, bkOpName(pr.n), msg)
	}
	r.flush()
	return nil
}
