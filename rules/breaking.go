package rules

// breakingRules are the breaking-change rules that compare two versions of a connector (rules-catalog.md §7).
var breakingRules = []*Rule{
	bcOperationDeletedRule,
	bcOperationRenamedRule,
	bcOperationHiddenRule,
	bcPathTemplateChangedRule,
	bcMethodChangedRule,
	bcParameterLocationChangedRule,
	bcRequiredInputAddedRule,
	bcInputMadeRequiredRule,
	bcInputDeletedRule,
	bcInputMadeInternalRule,
	bcInputEnumAddedRule,
	bcInputEnumRemovedRule,
	bcInputTypeChangedRule,
	bcOutputTypeChangedRule,
	bcOutputDeletedRule,
	bcResponseSchemaRemovedRule,
	bcTriggerKindChangedRule,
	bcAuthTypeChangedRule,
	bcConnectionParameterRemovedRule,
	bcConnectionParameterRequiredRule,
	bcHostChangedRule,
}

// bkVersioning is the versioning path Microsoft documents for a change that would break flows, in
// our words; each rule's HowToFix starts with its own advice and ends with it.
const bkVersioning = "If the change is needed, do not edit the existing operation in place: add a new operation " +
	"beside it with a new operationId ending in a version (for example `GetItems_V2`) and a new path (for example " +
	"`/v2/items`), give both operations the same `x-ms-api-annotation` `family` with a higher `revision` on the new " +
	"one (start it with `x-ms-api-annotation.status: Preview` if you like), then move the old operation to " +
	"`x-ms-visibility: advanced` and, in a later update, mark it `deprecated: true` with \"(deprecated)\" in its " +
	"summary. Existing flows keep using the old operation; new flows pick the new one. If you are sure no flow can be " +
	"affected (the operation never worked, or the connector is not published yet), say so in the pull request: " +
	"Microsoft's reviewers accept an acknowledged breaking change."

// bkSourceOps is the Source line of the operation-level rules.
const bkSourceMS = "Microsoft's breaking-change validator (ValidateChange) run on every update of an existing connector; " +
	"https://learn.microsoft.com/en-us/connectors/custom-connectors/operational-versioning ; " +
	"https://learn.microsoft.com/en-us/connectors/custom-connectors/deprecate-operation ; rules-catalog §7, §9.4"

const bkWhyCommon = " Microsoft compares the old and the new swagger of every update (ValidateChange) and prints its " +
	"findings as pipeline errors with a ValuePath but no line; reviewers accept them only when the submitter confirms " +
	"that existing flows are unaffected."
