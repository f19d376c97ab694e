package rules

import (
	"fmt"
	"strings"

	"github.com/connectorlint/connectorlint/connector"
)

// Operation-level breaking changes: deleted, renamed, hidden, moved to another path or method.

var bcOperationDeletedRule = &Rule{
	ID:       "breaking-operation-deleted",
	Severity: Error,
	Category: "breaking",
	Inputs:   Swagger,
	Doc: Doc{
		Title: "An update keeps every operation of the previous version",
		Why: "Flows and apps call an operation by its operationId; when it is gone, every flow that uses it fails. " +
			"Microsoft reports: \"The operation has been deleted. This change breaks existing flows.\" (ValuePath " +
			"`operation/<operationId>`)." + bkWhyCommon,
		HowToFix: "Put the operation back. To retire it, keep it and mark it `deprecated: true` with " +
			"`x-ms-visibility: advanced` (or internal only once no flow uses it). To replace it, " + bkLower(bkVersioning),
		Source: bkSourceMS + "; PR#3470, PR#4043, PR#4168",
	},
	Compare: compareOperationDeleted,
}

func compareOperationDeleted(p *ChangePass) error {
	d := bkDiffOf(p)
	r := bkNewReporter(p)
	for _, op := range d.deleted {
		// Report on the path item that lost the operation when it still exists, else on paths.
		at := bkDeepest(d.new, "paths", op.Path)
		r.add(d.newF, at, false, d.oldF, op.Node, "",
			fmt.Sprintf("operation %q (%s %s) has been deleted; existing flows that use it break", bkOpName(op), strings.ToUpper(op.Method), op.Path))
	}
	r.flush()
	return nil
}

func bkLower(s string) string {
	if s == "" {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}

var bcOperationRenamedRule = &Rule{
	ID:       "breaking-operation-renamed",
	Severity: Error,
	Category: "breaking",
	Inputs:   Swagger,
	Doc: Doc{
		Title: "An update keeps the operationId of every operation",
		Why: "Flows store the operationId of each action and trigger. Renaming it, even with the same method and path, " +
			"makes every existing flow point at an operation that no longer exists; Microsoft's validator reports it as " +
			"\"The operation has been deleted. This change breaks existing flows.\" (a reviewer in PR#3470: \"it is because " +
			"we renamed most of the action\"). connectorlint reports one rename instead of a deletion plus an addition." + bkWhyCommon,
		HowToFix: "Keep the old operationId; change `summary` (the name makers see) instead, which is a safe text edit. " +
			"If the operation must change, " + bkLower(bkVersioning),
		Source: bkSourceMS + "; PR#3470",
	},
	Compare: compareOperationRenamed,
}

func compareOperationRenamed(p *ChangePass) error {
	d := bkDiffOf(p)
	r := bkNewReporter(p)
	for _, pr := range d.renamed {
		at, value := d.new.Get(pr.n.Node, "operationId"), true
		if at == connector.None {
			at, value = pr.n.Node, false
		}
		old := d.old.Get(pr.o.Node, "operationId")
		if old == connector.None {
			old = pr.o.Node
		}
		if pr.o.ID == "" {
			r.add(d.newF, at, value, d.oldF, old, "", fmt.Sprintf("%s %s now has operationId %q where it had none; flows that used it break",
				strings.ToUpper(pr.n.Method), pr.n.Path, pr.n.ID))
			continue
		}
		newID := pr.n.ID
		if newID == "" {
			r.add(d.newF, at, value, d.oldF, old, "", fmt.Sprintf("operationId %q of %s %s has been removed; flows that use it break",
				pr.o.ID, strings.ToUpper(pr.n.Method), pr.n.Path))
			continue
		}
		r.add(d.newF, at, value, d.oldF, old, "", fmt.Sprintf("operation %q (%s %s) has been renamed to %q; flows that use %q break",
			pr.o.ID, strings.ToUpper(pr.n.Method), pr.n.Path, newID, pr.o.ID))
	}
	r.flush()
	return nil
}

var bcOperationHiddenRule = &Rule{
	ID:       "breaking-operation-hidden",
	Severity: Error,
	Category: "breaking",
	Inputs:   Swagger,
	Doc: Doc{
		Title: "An update does not make a visible operation internal",
		Why: "An operation marked `x-ms-visibility: internal` disappears from the designer: existing flows still run, " +
			"but makers can no longer open or edit the step. Microsoft reports: \"The operation has been hidden. This " +
			"change breaks the designer for existing flows.\" (ValuePath `operation/<operationId>/x-ms-visibility`)." + bkWhyCommon,
		HowToFix: "Keep the operation visible. To steer makers away from it, use `x-ms-visibility: advanced` and " +
			"`deprecated: true` instead of internal. " + bkVersioning,
		Source: bkSourceMS + "; PR#4215",
	},
	Compare: compareOperationHidden,
}

func compareOperationHidden(p *ChangePass) error {
	d := bkDiffOf(p)
	r := bkNewReporter(p)
	for _, pr := range d.pairs {
		if d.old.Internal(pr.o.Node) || !d.new.Internal(pr.n.Node) {
			continue
		}
		old := d.old.Get(pr.o.Node, "x-ms-visibility")
		if old == connector.None {
			old = pr.o.Node
		}
		was := d.old.Visibility(pr.o.Node)
		if was == "" {
			was = "none"
		}
		r.add(d.newF, d.new.Get(pr.n.Node, "x-ms-visibility"), true, d.oldF, old, bkOpName(pr.n),
			fmt.Sprintf("the operation has been hidden (x-ms-visibility %q, was %s); existing flows can no longer be edited in the designer", "internal", was))
	}
	r.flush()
	return nil
}

var bcPathTemplateChangedRule = &Rule{
	ID:       "breaking-path-template-changed",
	Severity: Error,
	Category: "breaking",
	Inputs:   Swagger,
	Doc: Doc{
		Title: "An update keeps the path template of every operation",
		Why: "The runtime builds each request from the operation's path template. Moving an operation to another path " +
			"(other than renaming a path parameter) changes what existing flows call. Microsoft reports: \"The path " +
			"template has been changed for the operation.\" (ValuePath `operation/<operationId>`)." + bkWhyCommon,
		HowToFix: "Keep the old path; if the backend moved, route the old path to it (for example with a " +
			"`routerequesttoendpoint` policy or in script.csx). " + bkVersioning,
		Source: bkSourceMS + "; PR#3648",
	},
	Compare: comparePathTemplateChanged,
}

func comparePathTemplateChanged(p *ChangePass) error {
	d := bkDiffOf(p)
	r := bkNewReporter(p)
	for _, pr := range d.pairs {
		if bkShape(pr.o.Path) == bkShape(pr.n.Path) {
			continue
		}
		r.add(d.newF, d.new.Parent(pr.n.Node), false, d.oldF, d.old.Parent(pr.o.Node), bkOpName(pr.n),
			fmt.Sprintf("the path template has been changed from %q to %q; existing flows keep calling the old path", pr.o.Path, pr.n.Path))
	}
	r.flush()
	return nil
}

var bcMethodChangedRule = &Rule{
	ID:       "breaking-method-changed",
	Severity: Error,
	Category: "breaking",
	Inputs:   Swagger,
	Doc: Doc{
		Title: "An update keeps the HTTP method of every operation",
		Why: "An operation is its method and path: when the operationId moves to another method, existing flows send " +
			"a request the backend may treat differently (or reject), and Microsoft's validator sees the operation " +
			"deleted or changed." + bkWhyCommon,
		HowToFix: "Keep the old method for the existing operationId. " + bkVersioning,
		Source:   bkSourceMS,
	},
	Compare: compareMethodChanged,
}

func compareMethodChanged(p *ChangePass) error {
	d := bkDiffOf(p)
	r := bkNewReporter(p)
	for _, pr := range d.pairs {
		if pr.o.Method == pr.n.Method {
			continue
		}
		r.add(d.newF, pr.n.Node, false, d.oldF, pr.o.Node, bkOpName(pr.n),
			fmt.Sprintf("the HTTP method has been changed from %s to %s; existing flows were built for %s", strings.ToUpper(pr.o.Method),
				strings.ToUpper(pr.n.Method), strings.ToUpper(pr.o.Method)))
	}
	r.flush()
	return nil
}
