package rules

import (
	"strings"

	"github.com/connectorlint/connectorlint/connector"
)

// x-ms-api-annotation family rules (rules-catalog.md §2.4 api-annotation-family-rules, S-VAL
// OperationFamily*, OperationRevisionEmpty, ApiAnnotationExtensionReplacementInfo*). The shape of the
// extension (types of family, revision, status, replacement) is checked by the extension rules.

const opVersioning = "https://learn.microsoft.com/en-us/connectors/custom-connectors/operational-versioning"

// opFamilyMember is one operation of an operation family.
type opFamilyMember struct {
	op         connector.Operation
	annot      connector.NodeID // the x-ms-api-annotation object
	family     connector.NodeID // its family value
	rev        int
	revNode    connector.NodeID
	hasRev     bool // a whole-number revision
	revMissing bool // no revision member at all
	deprecated bool
}

// opFamilies groups the operations by x-ms-api-annotation.family, in file order (memoised: the
// result is shared, do not modify it).
func opFamilies(a *connector.API) (names []string, fams map[string][]opFamilyMember) {
	type families struct {
		names []string
		fams  map[string][]opFamilyMember
	}
	f := a.Memo("op.families", func() any {
		var f families
		f.names, f.fams = opFamiliesOnce(a)
		return f
	}).(families)
	return f.names, f.fams
}

func opFamiliesOnce(a *connector.API) (names []string, fams map[string][]opFamilyMember) {
	fams = map[string][]opFamilyMember{}
	for _, op := range a.Ops {
		an := a.Get(op.Node, "x-ms-api-annotation")
		fn := a.Get(an, "family")
		name, ok := a.Str(fn)
		if a.Kind(an) != connector.Object || !ok || strings.TrimSpace(name) == "" {
			continue
		}
		m := opFamilyMember{op: op, annot: an, family: fn, deprecated: a.IsTrue(a.Get(op.Node, "deprecated"))}
		m.rev, m.revNode, m.hasRev = opRevision(a, op.Node)
		m.revMissing = m.revNode == connector.None
		if _, seen := fams[name]; !seen {
			names = append(names, name)
		}
		fams[name] = append(fams[name], m)
	}
	return names, fams
}

// Source: S-VAL OperationFamilyHasDuplicateRevisions.
var apiAnnotationFamilyRevisionsUniqueRule = &Rule{
	ID: "api-annotation-family-revisions-unique", Code: "OperationFamilyHasDuplicateRevisions", Severity: Error, Category: "operations", Inputs: Swagger,
	Doc: Doc{
		Title:    "Operations of one family have different revisions",
		Why:      "x-ms-api-annotation groups the versions of an operation into a family, numbered by revision. Microsoft's validator rejects a family in which two operations share a revision, since the designer could not tell which one is newer.",
		HowToFix: "Number the operations of the family 1, 2, 3… in the order they were published.",
		Source:   opSVAL + " (OperationFamilyHasDuplicateRevisions); " + opVersioning + "; " + opCatalog,
	},
	Check: checkAPIAnnotationFamilyRevisionsUnique,
}

func checkAPIAnnotationFamilyRevisionsUnique(p *Pass) error {
	names, fams := opFamilies(p.API)
	for _, name := range names {
		first := map[int]opFamilyMember{}
		for _, m := range fams[name] {
			if !m.hasRev {
				continue
			}
			if prev, seen := first[m.rev]; seen {
				p.Swagger(m.revNode, "revision %d of family %q is also used by %s; give each operation of the family its own revision", m.rev, name, opLabel(prev.op)).
					WithRelated(p.C.Swagger, prev.revNode, "same revision here")
				continue
			}
			first[m.rev] = m
		}
	}
	return nil
}

// Source: S-VAL OperationFamilyHasManyActiveOperations.
var apiAnnotationFamilyActiveMaxRule = &Rule{
	ID: "api-annotation-family-active-max", Code: "OperationFamilyHasManyActiveOperations", Severity: Error, Category: "operations", Inputs: Swagger,
	Doc: Doc{
		Title:    "An operation family has at most two operations that are not deprecated",
		Why:      "Microsoft's validator limits an operation family to two active versions; older ones must be marked \"deprecated\": true so makers are steered to the current one. The finding is reported once per family, on the third active operation.",
		HowToFix: "Add \"deprecated\": true to the older revisions, keeping at most the two newest active.",
		Source:   opSVAL + " (OperationFamilyHasManyActiveOperations); " + opVersioning + "; " + opCatalog,
	},
	Check: checkAPIAnnotationFamilyActiveMax,
}

func checkAPIAnnotationFamilyActiveMax(p *Pass) error {
	names, fams := opFamilies(p.API)
	for _, name := range names {
		var active []opFamilyMember
		for _, m := range fams[name] {
			if !m.deprecated {
				active = append(active, m)
			}
		}
		if len(active) <= 2 {
			continue
		}
		labels := make([]string, len(active))
		for i, m := range active {
			labels[i] = opLabel(m.op)
		}
		p.Swagger(active[2].family, "family %q has %d operations that are not deprecated (%s); deprecate all but the two newest", name, len(active), strings.Join(labels, ", "))
	}
	return nil
}

// Source: S-VAL OperationFamilyHasManyActiveProductionOperations.
var apiAnnotationFamilyProductionMaxRule = &Rule{
	ID: "api-annotation-family-production-max", Code: "OperationFamilyHasManyActiveProductionOperations", Severity: Error, Category: "operations", Inputs: Swagger,
	Doc: Doc{
		Title:    "An operation family has at most one active operation in Production status",
		Why:      "Microsoft's validator rejects a family with several operations that are not deprecated and have x-ms-api-annotation status \"Production\": previous revisions should be deprecated when a new one reaches Production. Merged connectors keep an old Production revision only when it is deprecated.",
		HowToFix: "Mark the older Production revision \"deprecated\": true, or keep the new revision in \"Preview\" until it replaces the old one.",
		Source:   opSVAL + " (OperationFamilyHasManyActiveProductionOperations); " + opVersioning + "; " + opCatalog,
	},
	Check: checkAPIAnnotationFamilyProductionMax,
}

func checkAPIAnnotationFamilyProductionMax(p *Pass) error {
	names, fams := opFamilies(p.API)
	for _, name := range names {
		var prod []opFamilyMember
		for _, m := range fams[name] {
			if !m.deprecated && strings.EqualFold(p.API.GetString(m.annot, "status"), "Production") {
				prod = append(prod, m)
			}
		}
		if len(prod) < 2 {
			continue
		}
		p.Swagger(p.API.Get(prod[1].annot, "status"), "family %q has %d active operations in Production status (%s and %s); deprecate the older one", name, len(prod), opLabel(prod[0].op), opLabel(prod[1].op)).
			WithRelated(p.C.Swagger, p.API.Get(prod[0].annot, "status"), "also in Production")
	}
	return nil
}

// Source: S-VAL OperationFamilyHasManyEmptyRevisions.
var apiAnnotationFamilyEmptyRevisionsRule = &Rule{
	ID: "api-annotation-family-empty-revisions", Code: "OperationFamilyHasManyEmptyRevisions", Severity: Error, Category: "operations", Inputs: Swagger,
	Doc: Doc{
		Title:    "At most one operation of a family lacks a revision",
		Why:      "Microsoft's validator rejects a family in which several operations have no x-ms-api-annotation revision: without numbers the versions cannot be ordered. Each operation after the first one without a revision is reported.",
		HowToFix: "Add \"revision\": 1, 2, 3… to the operations of the family.",
		Source:   opSVAL + " (OperationFamilyHasManyEmptyRevisions); " + opVersioning + "; " + opCatalog,
	},
	Check: checkAPIAnnotationFamilyEmptyRevisions,
}

func checkAPIAnnotationFamilyEmptyRevisions(p *Pass) error {
	names, fams := opFamilies(p.API)
	for _, name := range names {
		var first *opFamilyMember
		for i, m := range fams[name] {
			if !m.revMissing {
				continue
			}
			if first == nil {
				first = &fams[name][i]
				continue
			}
			p.SwaggerKey(m.annot, "%s has no revision, and neither has %s of the same family %q; only one may lack it, so add \"revision\"", opLabel(m.op), opLabel(first.op), name).
				WithRelated(p.C.Swagger, first.annot, "no revision here either")
		}
	}
	return nil
}

// Source: S-VAL OperationRevisionEmpty.
var apiAnnotationRevisionRequiredRule = &Rule{
	ID: "api-annotation-revision-required", Code: "OperationRevisionEmpty", Severity: Warning, Category: "operations", Inputs: Swagger,
	Doc: Doc{
		Title:    "Operations of a multi-operation family declare a revision",
		Why:      "Microsoft's validator flags an operation that joins a family through x-ms-api-annotation but has no revision. Its own rule OperationFamilyHasManyEmptyRevisions tolerates one such operation per family, and a merged connector has single-operation families without a revision, so connectorlint only reports the one operation without a revision in a family of two or more (the others are reported as errors by api-annotation-family-empty-revisions), as a warning.",
		HowToFix: "Add \"revision\": 1 to the original operation and number the later ones 2, 3….",
		Source:   opSVAL + " (OperationRevisionEmpty); " + opVersioning + "; " + opCatalog,
	},
	Check: checkAPIAnnotationRevisionRequired,
}

func checkAPIAnnotationRevisionRequired(p *Pass) error {
	names, fams := opFamilies(p.API)
	for _, name := range names {
		ms := fams[name]
		if len(ms) < 2 {
			continue
		}
		for _, m := range ms {
			if m.revMissing {
				p.SwaggerKey(m.annot, "%s belongs to family %q, which has %d operations, but declares no revision; add \"revision\"", opLabel(m.op), name, len(ms))
				break
			}
		}
	}
	return nil
}

// Source: S-VAL ApiAnnotationExtensionReplacementInfoForNonDeprecatedOperations.
var apiAnnotationReplacementDeprecatedOnlyRule = &Rule{
	ID: "api-annotation-replacement-deprecated-only", Code: "ApiAnnotationExtensionReplacementInfoForNonDeprecatedOperations", Severity: Error, Category: "operations", Inputs: Swagger,
	Doc: Doc{
		Title:    "Only deprecated operations name a replacement",
		Why:      "x-ms-api-annotation.replacement points makers from a deprecated operation to its successor. Microsoft's validator rejects it on an operation that is not marked \"deprecated\": true; no merged connector does this. Whether replacement names both api and operationId (ApiAnnotationExtensionReplacementInfoMissingApiProperty, …MissingOperationIdProperty) is checked by the extension rules.",
		HowToFix: "Mark the operation \"deprecated\": true if it is being replaced, or remove the replacement member.",
		Source:   opSVAL + " (ApiAnnotationExtensionReplacementInfoForNonDeprecatedOperations); " + opVersioning + "; " + opCatalog,
	},
	Check: checkAPIAnnotationReplacementDeprecatedOnly,
}

func checkAPIAnnotationReplacementDeprecatedOnly(p *Pass) error {
	for _, op := range p.API.Ops {
		r := p.API.Path(op.Node, "x-ms-api-annotation", "replacement")
		if r != connector.None && !p.API.IsTrue(p.API.Get(op.Node, "deprecated")) {
			p.SwaggerKey(r, "%s names a replacement but is not deprecated; add \"deprecated\": true or remove the replacement", opLabel(op))
		}
	}
	return nil
}
