package rules

import (
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/connectorlint/connectorlint/connector"
)

// operationRules are the operation rules of apiDefinition.swagger.json (rules-catalog.md §2.4).
// The rules live in three files: operationId, summary and description rules here; path rules in
// swagger_operations_paths.go; x-ms-api-annotation family rules in swagger_operations_annotation.go.
var operationRules = []*Rule{
	operationIDRequiredRule,
	operationIDUniqueRule,
	operationIDSanitizedRule,
	operationIDPascalCaseRule,
	operationIDMaxLengthRule,
	operationIDRevisionSuffixRule,
	operationSummaryRequiredRule,
	operationSummaryMaxLengthRule,
	operationSummaryRestrictedCharsRule,
	operationSummaryEndsAlphanumericRule,
	operationSummaryCharsetRule,
	operationSummaryStyleRule,
	operationDescriptionRequiredRule,
	operationDescriptionSentenceRule,
	operationDescriptionDiffersFromSummaryRule,
	operationMustHaveResponseRule,
	operationSuccessfulResponseRule,
	getNoBodyRule,
	operationDeprecationMarkingRule,
	operationCountMaxRule,
	operationPathStartsWithSlashRule,
	operationPathNoQueryOrFragmentRule,
	operationPathNoWildcardRule,
	operationPathTemplateValidRule,
	operationPathUniqueRule,
	operationPathPartialDuplicateRule,
	pathItemNoRefRule,
	apiAnnotationFamilyRevisionsUniqueRule,
	apiAnnotationFamilyActiveMaxRule,
	apiAnnotationFamilyProductionMaxRule,
	apiAnnotationFamilyEmptyRevisionsRule,
	apiAnnotationRevisionRequiredRule,
	apiAnnotationReplacementDeprecatedOnlyRule,
}

const opCatalog = "rules-catalog §2.4"

const opSVAL = "https://learn.microsoft.com/en-us/connectors/custom-connectors/certification-swagger-validator-rules"

const opSCERT = "https://learn.microsoft.com/en-us/connectors/custom-connectors/certification-submission"

const opSSTR = "https://learn.microsoft.com/en-us/connectors/custom-connectors/connector-string-guidance"

const opSCODE = "https://learn.microsoft.com/en-us/connectors/custom-connectors/coding-standards"

// opText is an operation with the members the operation rules read most (None when absent; the last
// one when a name repeats, as with Get), found in one pass over its members.
type opText struct {
	connector.Operation
	IDNode, Summary, Description, Trigger connector.NodeID // Trigger: x-ms-trigger
	// The values of summary and description (a.Str), read once for the dozen rules that need them,
	// and whether they are strings (the operationId's value is Operation.ID), and blank
	// (strings.TrimSpace leaves nothing)
	Sum, Desc           string
	IDOK, SumOK, DescOK bool
	SumBlank, DescBlank bool
}

// opTexts returns the opText of every operation, in the order of a.Ops (a shared slice: do not
// modify it).
func opTexts(a *connector.API) []opText {
	return a.Memo("op.texts", func() any {
		ts := make([]opText, len(a.Ops))
		for i, op := range a.Ops {
			t := opText{Operation: op, IDNode: connector.None, Summary: connector.None, Description: connector.None,
				Trigger: connector.None}
			if a.Kind(op.Node) == connector.Object {
				for c := a.Nodes[op.Node].First; c != connector.None; c = a.Nodes[c].Next {
					switch a.Key(c) {
					case "operationId":
						t.IDNode = c
					case "summary":
						t.Summary = c
					case "description":
						t.Description = c
					case "x-ms-trigger":
						t.Trigger = c
					}
				}
			}
			t.IDOK = a.Kind(t.IDNode) == connector.String
			t.Sum, t.SumOK = a.Str(t.Summary)
			t.Desc, t.DescOK = a.Str(t.Description)
			t.SumBlank, t.DescBlank = strings.TrimSpace(t.Sum) == "", strings.TrimSpace(t.Desc) == ""
			ts[i] = t
		}
		return ts
	}).([]opText)
}

// opVisibleTexts returns the opText of the operations that are not x-ms-visibility: internal, in
// the order of API.Ops (a shared slice: do not modify it).
func opVisibleTexts(a *connector.API) []opText {
	return a.Memo("op.visible.texts", func() any {
		ts := opTexts(a)
		internal := swInternal(a.Doc)     // a.Internal
		out := make([]opText, 0, len(ts)) // most operations are visible
		for i := range ts {
			if !internal.has(ts[i].Node) {
				out = append(out, ts[i])
			}
		}
		return out
	}).([]opText)
}

// opMemberNode returns member node n and whether it is present.
func opMemberNode(n connector.NodeID) (connector.NodeID, bool) { return n, n != connector.None }

// opLabel names an operation for messages: "METHOD /path".
func opLabel(op connector.Operation) string {
	return strings.ToUpper(op.Method) + " " + op.Path
}

// ---- operationId ----

// Source: S-VAL OperationIdRequired; seen blocking in PR#1595 (OperationIdNotFound for missing ids).
var operationIDRequiredRule = &Rule{
	ID: "operation-id-required", Code: "OperationIdRequired", Severity: Error, Category: "operations", Inputs: Swagger,
	Doc: Doc{
		Title:    "Every operation has an operationId",
		Why:      "Power Platform identifies actions and triggers by their operationId: flows, apps and the breaking-change check all refer to it. Microsoft's swagger validator rejects an operation without one (seen blocking a pull request), and no merged connector lacks one. An empty operationId is reported too.",
		HowToFix: "Add \"operationId\" to the operation with a short PascalCase name that describes it, such as \"ListContacts\".",
		Source:   opSVAL + " (OperationIdRequired); PR#1595; " + opCatalog,
	},
	Check: checkOperationIDRequired,
}

func checkOperationIDRequired(p *Pass) error {
	ts := opTexts(p.API)
	for i := range ts {
		op := &ts[i]
		n, ok := opMemberNode(op.IDNode)
		if !ok {
			p.SwaggerKey(op.Node, "operation %s has no operationId; add a unique PascalCase name", opLabel(op.Operation))
			continue
		}
		if op.IDOK && strings.TrimSpace(op.ID) == "" {
			p.Swagger(n, "operationId of %s is empty; give the operation a unique name", opLabel(op.Operation))
		}
	}
	return nil
}

// Source: S-VAL OperationIdNotUnique.
var operationIDUniqueRule = &Rule{
	ID: "operation-id-unique", Code: "OperationIdNotUnique", Severity: Error, Category: "operations", Inputs: Swagger,
	Doc: Doc{
		Title:    "operationId values are unique",
		Why:      "Flows and apps call an operation by its operationId, so two operations with the same one cannot both be used. Microsoft's swagger validator rejects the file; no merged connector has a duplicate.",
		HowToFix: "Rename one of the operations. If the connector is already published, rename the new one: renaming an existing operation breaks the flows that use it.",
		Source:   opSVAL + " (OperationIdNotUnique); " + opCatalog,
	},
	Check: checkOperationIDUnique,
}

func checkOperationIDUnique(p *Pass) error {
	ts := opTexts(p.API)
	first := make(map[string]int32, len(ts)) // index in ts
	for i := range ts {
		op := &ts[i]
		s, n, ok := op.ID, op.IDNode, op.IDOK
		if !ok || strings.TrimSpace(s) == "" {
			continue
		}
		if j, seen := first[s]; seen {
			prev := ts[j].Operation
			p.Swagger(n, "operationId %q is already used by %s; make each operationId unique", s, opLabel(prev)).
				WithRelated(p.C.Swagger, p.API.Get(prev.Node, "operationId"), "first used here")
			continue
		}
		first[s] = int32(i)
	}
	return nil
}

// opIDHasBadChar is opIDBadChar.MatchString(s) without the regexp engine.
func opIDHasBadChar(s string) bool {
	for i := 0; i < len(s); i++ {
		if !asciiIdentByte[s[i]] {
			return true
		}
	}
	return false
}

// Source: S-VAL OperationIdSanitized; catalog: likely a warning, 60/1015 merged connectors violate it.
var operationIDSanitizedRule = &Rule{
	ID: "operation-id-sanitized", Code: "OperationIdSanitized", Severity: Warning, Category: "operations", Inputs: Swagger,
	Doc: Doc{
		Title:    "operationId uses only letters, digits and underscores",
		Why:      "Power Platform derives code names from the operationId by removing other characters; Microsoft's validator flags an id that differs from that sanitized form. The check reads like a warning: merged connectors contain '-' and '.' in operationIds, so connectorlint reports it as a warning.",
		HowToFix: "Remove hyphens, dots, spaces and other punctuation from the operationId (\"get-items\" becomes \"GetItems\"). Renaming a published operation is a breaking change: do it only for new operations.",
		Source:   opSVAL + " (OperationIdSanitized); " + opCatalog,
	},
	Check: checkOperationIDSanitized,
}

func checkOperationIDSanitized(p *Pass) error {
	ts := opTexts(p.API)
	for i := range ts {
		op := &ts[i]
		s, n, ok := op.ID, op.IDNode, op.IDOK
		if !ok || s == "" || !opIDHasBadChar(s) {
			continue
		}
		p.Swagger(n, "operationId %q contains characters other than letters, digits and '_'; use a name like %q", s, opSanitize(s))
	}
	return nil
}

// opSanitize drops the characters outside [A-Za-z0-9_] and capitalizes the letter after each one.
func opSanitize(s string) string {
	var b strings.Builder
	up := false
	for _, r := range s {
		if r > unicode.MaxASCII || !(r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r)) {
			up = b.Len() > 0
			continue
		}
		if up {
			r = unicode.ToUpper(r)
			up = false
		}
		b.WriteRune(r)
	}
	return b.String()
}

var opAnyRevision = regexp.MustCompile(`_?[Vv][0-9]+$`)

// opTrimRevision is opRevisionSuffix.ReplaceAllString(s, "") without the regexp engine: s without
// a final "_V2" or "_v12".
func opTrimRevision(s string) string {
	i := len(s)
	for i > 0 && s[i-1] >= '0' && s[i-1] <= '9' {
		i--
	}
	if i == len(s) || i < 2 || s[i-1] != 'V' && s[i-1] != 'v' || s[i-2] != '_' {
		return s
	}
	return s[:i-2]
}

// opIsPascal is opPascal.MatchString(s) without the regexp engine.
func opIsPascal(s string) bool {
	if s == "" || s[0] < 'A' || s[0] > 'Z' {
		return false
	}
	for i := 1; i < len(s); i++ {
		if !asciiAlnumByte[s[i]] {
			return false
		}
	}
	return true
}

// Source: S-CODE (PascalCase operationIds), S-STR.
var operationIDPascalCaseRule = &Rule{
	ID: "operation-id-pascal-case", Severity: Info, Category: "operations", Inputs: Swagger, Certification: true,
	Doc: Doc{
		Title:    "operationId is PascalCase",
		Why:      "Microsoft's coding standards ask for PascalCase operationIds without separators (GetMessages, not getMessages, Get-Messages or Get_Messages); they show up in expressions and code views. Not enforced: about a fifth of merged connectors differ. A trailing revision suffix such as \"_V2\" is accepted, since that is Microsoft's own versioning convention. Ids with characters other than letters, digits and '_' are left to operation-id-sanitized.",
		HowToFix: "Capitalize the first letter and join the words (\"listItems\" becomes \"ListItems\"). Rename only operations that are not published yet.",
		Source:   opSCODE + "; " + opSSTR + "; " + opCatalog,
	},
	Check: checkOperationIDPascalCase,
}

func checkOperationIDPascalCase(p *Pass) error {
	ts := opTexts(p.API)
	for i := range ts {
		op := &ts[i]
		s, n, ok := op.ID, op.IDNode, op.IDOK
		if !ok || s == "" || opIDHasBadChar(s) {
			continue
		}
		base := opTrimRevision(s)
		if opIsPascal(base) {
			continue
		}
		p.Swagger(n, "operationId %q is not PascalCase; use a form like %q", s, opPascalCase(base)+strings.TrimPrefix(s, base))
	}
	return nil
}

// opPascalCase turns "get_items" or "getItems" into "GetItems".
func opPascalCase(s string) string {
	var b strings.Builder
	up := true
	for _, r := range s {
		if r == '_' || r == '-' {
			up = true
			continue
		}
		if up {
			r = unicode.ToUpper(r)
			up = false
		}
		b.WriteRune(r)
	}
	return b.String()
}

const opIDMaxLen = 128

// Source: S-VAL OperationIdTooLong (limit not published).
var operationIDMaxLengthRule = &Rule{
	ID: "operation-id-max-length", Code: "OperationIdTooLong", Severity: Warning, Category: "operations", Inputs: Swagger,
	Doc: Doc{
		Title:    "operationId is at most 128 characters",
		Why:      "Microsoft's validator rejects an operationId longer than a limit it does not publish. The longest operationId in merged connectors has 77 characters, so the real limit is at least that; connectorlint warns above 128 characters, a limit no merged connector comes close to. Treat a finding as a strong hint, not proof of rejection.",
		HowToFix: "Shorten the operationId; describe the operation in its summary and description instead.",
		Source:   opSVAL + " (OperationIdTooLong); " + opCatalog + "; rules-catalog §11 question 8",
	},
	Check: checkOperationIDMaxLength,
}

func checkOperationIDMaxLength(p *Pass) error {
	ts := opTexts(p.API)
	for i := range ts {
		op := &ts[i]
		s, n, ok := op.ID, op.IDNode, op.IDOK
		if l := utf8.RuneCountInString(s); ok && l > opIDMaxLen {
			p.Swagger(n, "operationId %q is %d characters long; shorten it to at most %d", s, l, opIDMaxLen)
		}
	}
	return nil
}

// Source: S-VAL OperationIdShouldEndWithRevision; S-VER.
var operationIDRevisionSuffixRule = &Rule{
	ID: "operation-id-revision-suffix", Code: "OperationIdShouldEndWithRevision", Severity: Warning, Category: "operations", Inputs: Swagger,
	Doc: Doc{
		Title:    "A revised operation's operationId ends with its revision",
		Why:      "When an operation declares x-ms-api-annotation.revision 2 or higher, Microsoft's validator expects its operationId to end with the revision suffix (convention \"_V2\", \"_V3\"…), so that the versions of an operation are easy to tell apart. The message says \"should\", and merged connectors contain a few exceptions (\"IncomingV3\" for revision 2), so connectorlint reports it as a warning. The suffix is matched case-insensitively and the underscore is optional. Revision 1 needs no suffix.",
		HowToFix: "Name the new revision like the original plus the suffix, e.g. \"CreateItem_V2\" for revision 2 of \"CreateItem\".",
		Source:   opSVAL + " (OperationIdShouldEndWithRevision); https://learn.microsoft.com/en-us/connectors/custom-connectors/operational-versioning ; " + opCatalog,
	},
	Check: checkOperationIDRevisionSuffix,
}

func checkOperationIDRevisionSuffix(p *Pass) error {
	ts := opTexts(p.API)
	for i := range ts {
		op := &ts[i]
		rev, _, ok := opRevision(p.API, op.Node)
		if !ok || rev < 2 {
			continue
		}
		s, n, ok := op.ID, op.IDNode, op.IDOK
		if !ok || s == "" {
			continue
		}
		want := "V" + strconv.Itoa(rev)
		if strings.HasSuffix(strings.ToUpper(s), want) && !opDigitBefore(s, len(s)-len(want)) {
			continue
		}
		p.Swagger(n, "operationId %q declares revision %d but does not end with %q; rename it, e.g. %q", s, rev, "_"+want, opAnyRevision.ReplaceAllString(s, "")+"_"+want)
	}
	return nil
}

// opDigitBefore reports whether s has a digit just before byte i ("V12" does not end with "V2").
func opDigitBefore(s string, i int) bool {
	return i > 0 && i <= len(s) && s[i-1] >= '0' && s[i-1] <= '9'
}

// ---- summary ----

// Source: S-CERT checklist, S-CODE; seen blocking in PR#609.
var operationSummaryRequiredRule = &Rule{
	ID: "operation-summary-required", Severity: Error, Category: "operations", Inputs: Swagger, Certification: true,
	Doc: Doc{
		Title:    "Visible operations have a summary",
		Why:      "The summary is the action or trigger name shown in the designer. Microsoft's validator rejects a certified connector whose operation lacks one (\"The 'summary' property is required\", seen in PR#609). Operations marked x-ms-visibility: internal are never shown and are exempt; merged connectors lack a summary only on such operations. A summary that is an empty string or only spaces counts as missing.",
		HowToFix: "Add a short summary in sentence case that names what the operation does, such as \"Get a contact\" or, for a trigger, \"When a contact is created\".",
		Source:   opSCERT + "; " + opSCODE + "; PR#609; " + opCatalog,
	},
	Check: checkOperationSummaryRequired,
}

func checkOperationSummaryRequired(p *Pass) error {
	ts := opVisibleTexts(p.API)
	for i := range ts {
		op := &ts[i]
		n, ok := opMemberNode(op.Summary)
		if !ok {
			p.SwaggerKey(op.Node, "operation %s has no summary; add the short name shown in the designer, or mark the operation \"x-ms-visibility\": \"internal\"", opLabel(op.Operation))
			continue
		}
		if s := op.Sum; op.SumOK && op.SumBlank {
			what := "blank"
			if s == "" {
				what = "an empty string"
			}
			p.Swagger(n, "summary of %s is %s; write the short name shown in the designer", opLabel(op.Operation), what)
		}
	}
	return nil
}

const opSummaryMax = 80

// Source: S-CERT, S-STR; S-VAL OperationSummaryTooLong.
var operationSummaryMaxLengthRule = &Rule{
	ID: "operation-summary-max-length", Code: "OperationSummaryTooLong", Severity: Error, Category: "operations", Inputs: Swagger, Certification: true,
	Doc: Doc{
		Title:    "Operation summaries are at most 80 characters",
		Why:      "Microsoft's certification guidance limits an operation summary to 80 characters, and no merged connector goes beyond it (many summaries are exactly 80). The validator's own solution text still mentions 120, which is out of date. Applies to every operation, internal ones included.",
		HowToFix: "Shorten the summary to a short phrase and move details into the description.",
		Source:   opSCERT + "; " + opSSTR + "; " + opSVAL + " (OperationSummaryTooLong); " + opCatalog + "; rules-catalog §11 question 3",
	},
	Check: checkOperationSummaryMaxLength,
}

func checkOperationSummaryMaxLength(p *Pass) error {
	ts := opTexts(p.API)
	for i := range ts {
		op := &ts[i]
		s, n, ok := op.Sum, op.Summary, op.SumOK
		if l := utf8.RuneCountInString(s); ok && l > opSummaryMax {
			p.Swagger(n, "summary %q is %d characters long; shorten it to at most %d", s, l, opSummaryMax)
		}
	}
	return nil
}

const opRestricted = `/\<>*%&?`

// opRestrictedByte marks the bytes of opRestricted.
var opRestrictedByte = func() (t [256]bool) {
	for i := 0; i < len(opRestricted); i++ {
		t[opRestricted[i]] = true
	}
	return
}()

// opHasRestricted is strings.ContainsAny(s, opRestricted) without building the set per call.
func opHasRestricted(s string) bool {
	for i := 0; i < len(s); i++ {
		if opRestrictedByte[s[i]] {
			return true
		}
	}
	return false
}

// opHasDigitByte is strings.ContainsAny(s, "0123456789").
func opHasDigitByte(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= '0' && s[i] <= '9' {
			return true
		}
	}
	return false
}

// opCharsetOK marks the ASCII characters operation-summary-charset accepts: letters, digits, space,
// parentheses, and the restricted characters (reported by operation-summary-restricted-chars).
var opCharsetOK = func() (t [utf8.RuneSelf]bool) {
	for r := rune(0); r < utf8.RuneSelf; r++ {
		t[r] = unicode.IsLetter(r) || unicode.IsDigit(r) || r == ' ' || r == '(' || r == ')' || strings.ContainsRune(opRestricted, r)
	}
	return
}()

// Source: S-STR; S-VAL RestrictedCharactersInSummary, seen blocking in PR#1095.
var operationSummaryRestrictedCharsRule = &Rule{
	ID: "operation-summary-restricted-chars", Code: "RestrictedCharactersInSummary", Severity: Error, Category: "operations", Inputs: Swagger, Certification: true,
	Doc: Doc{
		Title:    "Operation summaries contain none of / \\ < > * % & ?",
		Why:      "Microsoft's validator rejects a summary that contains any of the characters / \\ < > * % & ? (seen blocking in PR#1095); no merged connector has one. Applies to every operation, internal ones included.",
		HowToFix: "Rephrase the summary without these characters: \"and\" instead of \"&\", \"or\" instead of \"/\", and no question mark.",
		Source:   opSSTR + "; " + opSVAL + " (RestrictedCharactersInSummary); PR#1095; " + opCatalog,
	},
	Check: checkOperationSummaryRestrictedChars,
}

func checkOperationSummaryRestrictedChars(p *Pass) error {
	ts := opTexts(p.API)
	for i := range ts {
		op := &ts[i]
		s, n, ok := op.Sum, op.Summary, op.SumOK
		if !ok || !opHasRestricted(s) {
			continue
		}
		p.Swagger(n, "summary %q contains %s; rephrase it without any of %s", s, opQuoteChars(opCharsIn(s, opRestricted)), opRestricted)
	}
	return nil
}

// opCharsIn returns the distinct runes of s that are in set, in order of first appearance.
func opCharsIn(s, set string) []rune {
	var out []rune
	for _, r := range s {
		if strings.ContainsRune(set, r) && !opContainsRune(out, r) {
			out = append(out, r)
		}
	}
	return out
}

func opContainsRune(rs []rune, r rune) bool {
	for _, x := range rs {
		if x == r {
			return true
		}
	}
	return false
}

// opQuoteChars writes runes as 'a', 'b' and 'c'.
func opQuoteChars(rs []rune) string {
	q := make([]string, len(rs))
	for i, r := range rs {
		q[i] = "'" + string(r) + "'"
	}
	switch len(q) {
	case 0:
		return ""
	case 1:
		return q[0]
	}
	return strings.Join(q[:len(q)-1], ", ") + " and " + q[len(q)-1]
}

// opEndsOK reports whether the last rune of s is a letter, a digit or ')'.
func opEndsOK(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(s)
	return unicode.IsLetter(r) || unicode.IsDigit(r) || r == ')'
}

// Source: S-STR; S-VAL ValueMustEndWithAlphanumeric.
var operationSummaryEndsAlphanumericRule = &Rule{
	ID: "operation-summary-ends-alphanumeric", Code: "ValueMustEndWithAlphanumeric", Severity: Error, Category: "operations", Inputs: Swagger, Certification: true,
	Doc: Doc{
		Title:    "Operation summaries end with a letter, digit or closing parenthesis",
		Why:      "A summary is a name, not a sentence: Microsoft's validator requires it to end with an alphanumeric character. Only 2 of 1015 merged connectors break it (one ends with \"[DEPRECATED]\", one with a period). A closing parenthesis is accepted, as in \"Get item (V2)\". Internal operations are exempt.",
		HowToFix: "Remove the trailing period, colon or space. connectorlint offers that fix when only periods and white space follow the last word.",
		Source:   opSSTR + "; " + opSVAL + " (ValueMustEndWithAlphanumeric); " + opCatalog,
	},
	Check: checkOperationSummaryEndsAlphanumeric,
}

func checkOperationSummaryEndsAlphanumeric(p *Pass) error {
	ts := opVisibleTexts(p.API)
	for i := range ts {
		op := &ts[i]
		s, n, ok := op.Sum, op.Summary, op.SumOK
		if !ok || op.SumBlank || opEndsOK(s) {
			continue
		}
		last, _ := utf8.DecodeLastRuneInString(s)
		f := p.Swagger(n, "summary %q ends with %q; end it with a letter, digit or ')'", s, string(last))
		if t := strings.TrimRight(s, ". \t"); t != "" && opEndsOK(t) {
			f.WithFix("Remove the trailing punctuation", ReplaceString(p.C.Swagger, n, t))
		}
	}
	return nil
}

// Source: S-CERT ("only alphanumeric characters or parentheses").
var operationSummaryCharsetRule = &Rule{
	ID: "operation-summary-charset", Severity: Info, Category: "operations", Inputs: Swagger, Certification: true,
	Doc: Doc{
		Title:    "Operation summaries use only letters, digits, spaces and parentheses",
		Why:      "Microsoft's certification guide says summaries should contain only alphanumeric characters or parentheses. It is not enforced: hyphens, apostrophes, commas, dots and colons appear in hundreds of merged summaries, so this is a style hint. The characters that are blocked (/ \\ < > * % & ?) are reported by operation-summary-restricted-chars instead. Internal operations are exempt.",
		HowToFix: "Rephrase without punctuation where it reads as well (\"Get e-mail\" → \"Get email\", \"Lists: all\" → \"List all\").",
		Source:   opSCERT + "; " + opCatalog,
	},
	Check: checkOperationSummaryCharset,
}

func checkOperationSummaryCharset(p *Pass) error {
	ts := opVisibleTexts(p.API)
	for i := range ts {
		op := &ts[i]
		s, n, ok := op.Sum, op.Summary, op.SumOK
		if !ok {
			continue
		}
		var bad []rune
		for _, r := range s {
			if r < utf8.RuneSelf && opCharsetOK[r] || r >= utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
				continue
			}
			if !opContainsRune(bad, r) {
				bad = append(bad, r)
			}
		}
		if len(bad) > 0 {
			p.Swagger(n, "summary %q contains %s; summaries should use only letters, digits, spaces and parentheses", s, opQuoteChars(bad))
		}
	}
	return nil
}

// opNoLower reports whether strings.ToUpper(w) == w for valid UTF-8 w, without building the upper
// case.
func opNoLower(w string) bool {
	for _, r := range w {
		if r >= 'a' && r <= 'z' || r >= utf8.RuneSelf && unicode.ToUpper(r) != r {
			return false
		}
	}
	return true
}

// opWords is opWord.FindAllString(s, -1) without the regexp engine (a test checks that they agree).
func opWords(s string) []string {
	var out []string
	for i, j := opNextWord(s, 0); i >= 0; i, j = opNextWord(s, j) {
		out = append(out, s[i:j])
	}
	return out
}

// opNextWord returns the bounds of the first word of opWords(s[from:]) in s, or -1, -1.
func opNextWord(s string, from int) (start, end int) {
	for i := from; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r < utf8.RuneSelf && !asciiAlnumByte[r] || r >= utf8.RuneSelf && !unicode.IsLetter(r) && !unicode.IsNumber(r) {
			i += size
			continue
		}
		j := i + size
		for j < len(s) {
			if asciiAlnumByte[s[j]] || s[j] == '\'' {
				j++
				continue
			}
			r, size := utf8.DecodeRuneInString(s[j:])
			if r < utf8.RuneSelf || !unicode.IsLetter(r) && !unicode.IsNumber(r) && r != '’' {
				break
			}
			j += size
		}
		return i, j
	}
	return -1, -1
}

var opHasDigit = regexp.MustCompile(`[0-9]`)

// Source: S-EXT, S-STR, S-CERT; PR#1598.
var operationSummaryStyleRule = &Rule{
	ID: "operation-summary-style", Severity: Info, Category: "operations", Inputs: Swagger, Certification: true,
	Doc: Doc{
		Title:    "Operation summaries are sentence-case phrases; trigger summaries start with \"When\"",
		Why:      "Microsoft's string guidance asks for sentence case (\"Get a contact\", not \"Get A Contact\") and trigger names that read \"When a …\". connectorlint flags three patterns: a summary that starts with a lower-case letter, a summary where every later word is capitalized (Title Case; all-capital acronyms and words with digits are ignored, and at least two such words are needed), and a trigger (an operation with x-ms-trigger) whose summary does not start with \"When\". These are guides, not validator rules; proper nouns can make the Title Case hint wrong. Internal operations are exempt.",
		HowToFix: "Write the summary in sentence case; keep capitals for product and proper names. Start trigger summaries with \"When\", e.g. \"When a file is created\".",
		Source:   "https://learn.microsoft.com/en-us/connectors/custom-connectors/openapi-extensions ; " + opSSTR + "; " + opSCERT + "; PR#1598; " + opCatalog,
	},
	Check: checkOperationSummaryStyle,
}

func checkOperationSummaryStyle(p *Pass) error {
	ts := opVisibleTexts(p.API)
	for i := range ts {
		op := &ts[i]
		s, n, ok := op.Sum, op.Summary, op.SumOK
		if !ok || op.SumBlank {
			continue
		}
		trimmed := strings.TrimSpace(s)
		first, _ := utf8.DecodeRuneInString(trimmed)
		if unicode.IsLower(first) {
			p.Swagger(n, "summary %q starts with a lower-case letter; start it with a capital", s)
		}
		if op.Trigger != connector.None && !strings.HasPrefix(trimmed, "When") {
			p.Swagger(n, "trigger summary %q does not start with \"When\"; name the event, e.g. \"When an item is created\"", s)
		}
		capital, counted := 0, 0
		_, end := opNextWord(trimmed, 0) // the first word is not counted
		for end >= 0 {
			var start int
			if start, end = opNextWord(trimmed, end); start < 0 {
				break
			}
			w := trimmed[start:end]
			if opHasDigitByte(w) || opNoLower(w) { // opHasDigit
				continue
			}
			counted++
			if r, _ := utf8.DecodeRuneInString(w); unicode.IsUpper(r) {
				capital++
			}
		}
		if counted >= 2 && capital == counted {
			p.Swagger(n, "summary %q is in Title Case; use sentence case and keep capitals for names", s)
		}
	}
	return nil
}

// ---- description ----

// Source: S-CERT checklist, S-CODE; inferred from data (0/1015 merged violations).
var operationDescriptionRequiredRule = &Rule{
	ID: "operation-description-required", Severity: Error, Category: "operations", Inputs: Swagger, Certification: true,
	Doc: Doc{
		Title:    "Visible operations have a description",
		Why:      "The description is the help text of the action or trigger in the designer. Microsoft's certification checklist requires it and no merged connector lacks it on a visible operation, so treat it as blocking (the validator's \"The 'description' property is required\" family). Internal operations are exempt. A description that is an empty string or only spaces counts as missing.",
		HowToFix: "Add a description: one or two full sentences that say what the operation does and returns.",
		Source:   opSCERT + "; " + opSCODE + "; " + opCatalog,
	},
	Check: checkOperationDescriptionRequired,
}

func checkOperationDescriptionRequired(p *Pass) error {
	ts := opVisibleTexts(p.API)
	for i := range ts {
		op := &ts[i]
		n, ok := opMemberNode(op.Description)
		if !ok {
			p.SwaggerKey(op.Node, "operation %s has no description; add a sentence that says what it does, or mark the operation \"x-ms-visibility\": \"internal\"", opLabel(op.Operation))
			continue
		}
		if s := op.Desc; op.DescOK && op.DescBlank {
			what := "blank"
			if s == "" {
				what = "an empty string"
			}
			p.Swagger(n, "description of %s is %s; write a sentence that says what the operation does", opLabel(op.Operation), what)
		}
	}
	return nil
}

// opSentenceEnd reports whether s ends like a sentence: '.', '!', '?' or ')', possibly followed by
// closing quotes.
func opSentenceEnd(s string) bool {
	s = strings.TrimSpace(s)
	r, size := utf8.DecodeLastRuneInString(s)
	for r == '"' || r == '\'' || r == '”' || r == '’' { // strings.TrimRight(s, "\"'”’") without its set
		s = s[:len(s)-size]
		r, size = utf8.DecodeLastRuneInString(s)
	}
	return r == '.' || r == '!' || r == '?' || r == ')' || r == '。'
}

// Source: S-CERT, S-CODE.
var operationDescriptionSentenceRule = &Rule{
	ID: "operation-description-sentence", Severity: Info, Category: "operations", Inputs: Swagger, Certification: true,
	Doc: Doc{
		Title:    "Operation descriptions are full sentences",
		Why:      "Microsoft asks for descriptions written as full, descriptive sentences. connectorlint checks the part it can see: the text ends with '.', '!', '?' or ')' (closing quotes allowed). Reviewers sometimes ask for it, but more than half of merged connectors have a description that does not end this way, so it is a hint. Internal operations are exempt.",
		HowToFix: "Finish the description as a sentence, ending with a period.",
		Source:   opSCERT + "; " + opSCODE + "; " + opCatalog,
	},
	Check: checkOperationDescriptionSentence,
}

func checkOperationDescriptionSentence(p *Pass) error {
	ts := opVisibleTexts(p.API)
	for i := range ts {
		op := &ts[i]
		s, n, ok := op.Desc, op.Description, op.DescOK
		if !ok || op.DescBlank || opSentenceEnd(s) {
			continue
		}
		p.Swagger(n, "description %q does not end like a sentence; finish it with a period", opShorten(s))
	}
	return nil
}

// opShorten cuts long text for messages.
func opShorten(s string) string {
	const max = 60
	if len(s) <= max || utf8.RuneCountInString(s) <= max {
		return s
	}
	if !utf8.ValidString(s) { // converting to runes turns each bad byte into U+FFFD
		r := []rune(s)
		return "…" + string(r[len(r)-max:])
	}
	i := len(s)
	for k := 0; k < max; k++ {
		_, size := utf8.DecodeLastRuneInString(s[:i])
		i -= size
	}
	return "…" + s[i:]
}

// opNormText folds case, white space and trailing periods.
func opNormText(s string) string {
	s = strings.ToLower(strings.Join(strings.Fields(s), " "))
	return strings.TrimRight(s, ". ")
}

// opAppendNormASCII appends opNormText(s) to dst for ASCII s, without allocating when dst has room.
func opAppendNormASCII(dst []byte, s string) []byte {
	start := len(dst)
	for i := 0; i < len(s); {
		for i < len(s) && opASCIISpace(s[i]) {
			i++
		}
		if i == len(s) {
			break
		}
		if len(dst) > start {
			dst = append(dst, ' ')
		}
		for ; i < len(s) && !opASCIISpace(s[i]); i++ {
			c := s[i]
			if c >= 'A' && c <= 'Z' {
				c += 'a' - 'A'
			}
			dst = append(dst, c)
		}
	}
	for len(dst) > start && (dst[len(dst)-1] == '.' || dst[len(dst)-1] == ' ') {
		dst = dst[:len(dst)-1]
	}
	return dst
}

// opASCIISpace reports whether c is an ASCII space for strings.Fields (unicode.IsSpace).
func opASCIISpace(c byte) bool {
	return c == ' ' || c >= '\t' && c <= '\r'
}

// opRepeats reports whether a has the same opNormText as b and that is not empty. buf is scratch
// space it may grow.
func opRepeats(buf *[]byte, a, b string) bool {
	if !isASCII(a) || !isASCII(b) {
		na := opNormText(a)
		return na != "" && na == opNormText(b)
	}
	// The normal form of ASCII text starts with its first byte that is not a space and ends with its
	// last that is neither a space nor a period, in lower case: most pairs differ there.
	fa, la := opNormEnds(a)
	fb, lb := opNormEnds(b)
	if fa != fb || la != lb {
		return false
	}
	na := opAppendNormASCII((*buf)[:0], a)
	n := len(na)
	both := opAppendNormASCII(na, b)
	*buf = both
	return n > 0 && string(both[:n]) == string(both[n:])
}

// opNormEnds returns the first and last bytes of opNormText(s) for ASCII s, or 0, 0 when it is empty.
func opNormEnds(s string) (first, last byte) {
	i := 0
	for i < len(s) && opASCIISpace(s[i]) {
		i++
	}
	j := len(s)
	for j > i && (opASCIISpace(s[j-1]) || s[j-1] == '.') {
		j--
	}
	if i == j {
		return 0, 0
	}
	return opFoldByte(s[i]), opFoldByte(s[j-1])
}

// opContainsLower is strings.Contains(strings.ToLower(s), w) for a lower-case ASCII word w, without
// lower-casing ASCII text.
func opContainsLower(s, w string) bool {
	if !isASCII(s) {
		return strings.Contains(strings.ToLower(s), w)
	}
	for i := 0; i+len(w) <= len(s); i++ {
		j := 0
		for j < len(w) && opFoldByte(s[i+j]) == w[j] {
			j++
		}
		if j == len(w) {
			return true
		}
	}
	return false
}

// Source: S-CODE, S-STR.
var operationDescriptionDiffersFromSummaryRule = &Rule{
	ID: "operation-description-differs-from-summary", Severity: Info, Category: "operations", Inputs: Swagger, Certification: true,
	Doc: Doc{
		Title:    "Operation descriptions say more than the summary",
		Why:      "The designer shows the summary as the name and the description as help text; repeating the summary adds nothing. Microsoft's guidance asks for a description that explains the operation. Not enforced (about a fifth of merged connectors repeat the summary), so it is a hint. Case, white space and a trailing period are ignored when comparing. Internal operations are exempt.",
		HowToFix: "Write a description that explains what the operation does, what it needs and what it returns.",
		Source:   opSCODE + "; " + opSSTR + "; " + opCatalog,
	},
	Check: checkOperationDescriptionDiffersFromSummary,
}

func checkOperationDescriptionDiffersFromSummary(p *Pass) error {
	var buf []byte
	ts := opVisibleTexts(p.API)
	for i := range ts {
		op := &ts[i]
		sum, _, ok1 := op.Sum, op.Summary, op.SumOK
		desc, n, ok2 := op.Desc, op.Description, op.DescOK
		if !ok1 || !ok2 {
			continue
		}
		if !opRepeats(&buf, desc, sum) {
			continue
		}
		p.Swagger(n, "description %q only repeats the summary; explain what the operation does and returns", desc)
	}
	return nil
}

// ---- responses, parameters, counts ----

// opResponseCodes returns the response codes (non-extension keys) of op.
func opResponseCodes(a *connector.API, rs connector.NodeID) []string {
	var codes []string
	for k := range a.Members(rs) {
		if !strings.HasPrefix(k, "x-") {
			codes = append(codes, k)
		}
	}
	return codes
}

// opWebhookTrigger reports whether op is a webhook trigger: x-ms-trigger on an operation whose path
// item carries x-ms-notification-content.
func opWebhookTrigger(a *connector.API, op connector.Operation) bool {
	return a.Get(op.Node, "x-ms-trigger") != connector.None && a.Get(op.PathItem, "x-ms-notification-content") != connector.None
}

// Source: S-VAL OperationMustHaveResponse.
var operationMustHaveResponseRule = &Rule{
	ID: "operation-must-have-response", Code: "OperationMustHaveResponse", Severity: Error, Category: "operations", Inputs: Swagger,
	Doc: Doc{
		Title:    "Every operation declares at least one response",
		Why:      "Microsoft's validator rejects an operation whose responses object has no response in it. Extension keys (x-…) do not count. Webhook triggers (x-ms-trigger on an operation whose path item has x-ms-notification-content) are exempt: their output comes from the notification content, and merged connectors declare \"responses\": {} on them. A missing responses member is reported by the swagger structure rules instead.",
		HowToFix: "Add the operation's success response, e.g. \"200\": {\"description\": \"OK\", \"schema\": {…}}.",
		Source:   opSVAL + " (OperationMustHaveResponse); " + opCatalog,
	},
	Check: checkOperationMustHaveResponse,
}

func checkOperationMustHaveResponse(p *Pass) error {
	for _, op := range p.API.Ops {
		rs := p.API.Responses(op)
		if opWebhookTrigger(p.API, op) {
			continue
		}
		if p.API.Kind(rs) == connector.Object && len(opResponseCodes(p.API, rs)) == 0 {
			p.SwaggerKey(rs, "operation %s declares no response; add at least its success response", opLabel(op))
		}
	}
	return nil
}

// Source: S-VAL OperationShouldHaveSuccessfulResponse; S-CODE.
var operationSuccessfulResponseRule = &Rule{
	ID: "operation-successful-response", Code: "OperationShouldHaveSuccessfulResponse", Severity: Warning, Category: "operations", Inputs: Swagger,
	Doc: Doc{
		Title:    "Every operation declares a 2xx response",
		Why:      "Without a 2xx response the designer does not know what a successful call returns, so no outputs are offered. Microsoft's validator says an operation \"should\" have one, and about a tenth of merged connectors lack it (many declare only \"default\"), so it is reported as a warning. Operations with no response at all are reported by operation-must-have-response.",
		HowToFix: "Declare the status the service returns on success (\"200\", \"201\", \"202\" or \"204\") with its schema.",
		Source:   opSVAL + " (OperationShouldHaveSuccessfulResponse); " + opSCODE + "; " + opCatalog,
	},
	Check: checkOperationSuccessfulResponse,
}

func checkOperationSuccessfulResponse(p *Pass) error {
	for _, op := range p.API.Ops {
		rs := p.API.Responses(op)
		codes := opResponseCodes(p.API, rs)
		if len(codes) == 0 {
			continue
		}
		ok := false
		for _, c := range codes {
			if len(c) == 3 && c[0] == '2' {
				ok = true
			}
		}
		if !ok {
			p.SwaggerKey(rs, "operation %s has no 2xx response (only %s); declare the response returned on success", opLabel(op), strings.Join(codes, ", "))
		}
	}
	return nil
}

// Source: S-VAL BodyOrFormDataParameterInFetchOperationNotAllowed.
var getNoBodyRule = &Rule{
	ID: "get-no-body", Code: "BodyOrFormDataParameterInFetchOperationNotAllowed", Severity: Warning, Category: "operations", Inputs: Swagger,
	Doc: Doc{
		Title:    "GET operations have no body or formData parameters",
		Why:      "HTTP GET requests carry no body, and Microsoft's validator rejects body and formData parameters on a GET (\"fetch\") operation. The rule is documented as an error, but 5 of 1015 merged connectors still have such a parameter, so connectorlint reports a warning; expect new connectors to be rejected. Path-item parameters that apply to the GET are checked too.",
		HowToFix: "Send the values as query parameters, or change the method to POST if the service expects a body.",
		Source:   opSVAL + " (BodyOrFormDataParameterInFetchOperationNotAllowed); " + opCatalog,
	},
	Check: checkGetNoBody,
}

func checkGetNoBody(p *Pass) error {
	for _, op := range p.API.Ops {
		if op.Method != "get" {
			continue
		}
		for _, prm := range p.API.Params(op) {
			if prm.In == "body" || prm.In == "formData" {
				p.Swagger(prm.Entry, "operation %s has %s parameter %q, but GET requests carry no body; send it in the query or use POST", opLabel(op), prm.In, prm.Name)
			}
		}
	}
	return nil
}

// Source: S-DEP, S-VER.
var operationDeprecationMarkingRule = &Rule{
	ID: "operation-deprecation-marking", Severity: Info, Category: "operations", Inputs: Swagger, Certification: true,
	Doc: Doc{
		Title:    "Deprecated operations say so in their summary, and only they do",
		Why:      "Microsoft's deprecation guide asks for \"deprecated\": true and \"(deprecated)\" appended to the summary and description, so makers who still see the operation in existing flows know to move away. connectorlint checks the summary both ways: a deprecated operation whose summary does not mention it (fix: append \" (deprecated)\" when the result stays within 80 characters), and a summary that says deprecated on an operation that is not marked \"deprecated\": true (the flag is what hides it from new flows). Any spelling such as \"[DEPRECATED]\" counts as a mention. Internal operations are exempt.",
		HowToFix: "On a deprecated operation, append \"(deprecated)\" to its summary and description and name the replacement in the description. When the summary says deprecated, add \"deprecated\": true to the operation.",
		Source:   "https://learn.microsoft.com/en-us/connectors/custom-connectors/deprecate-operation ; https://learn.microsoft.com/en-us/connectors/custom-connectors/operational-versioning ; " + opCatalog,
	},
	Check: checkOperationDeprecationMarking,
}

func checkOperationDeprecationMarking(p *Pass) error {
	ts := opVisibleTexts(p.API)
	for i := range ts {
		op := &ts[i]
		dep := p.API.IsTrue(p.API.Get(op.Node, "deprecated"))
		s, n, ok := op.Sum, op.Summary, op.SumOK
		says := ok && opContainsLower(s, "deprecated")
		switch {
		case dep && !says && ok && !op.SumBlank:
			f := p.Swagger(n, "summary %q of a deprecated operation does not say so; append \"(deprecated)\"", s)
			if t := strings.TrimRight(s, " ") + " (deprecated)"; utf8.RuneCountInString(t) <= opSummaryMax {
				f.WithFix("Append \"(deprecated)\" to the summary", ReplaceString(p.C.Swagger, n, t))
			}
		case says && !dep:
			p.Swagger(n, "summary %q says deprecated but the operation is not marked \"deprecated\": true; add the flag so new flows stop using it", s)
		}
	}
	return nil
}

const opCountMax = 256

// Source: S-VAL TotalOperationsCountExceedsMaxAllowed (limit not published).
var operationCountMaxRule = &Rule{
	ID: "operation-count-max", Code: "TotalOperationsCountExceedsMaxAllowed", Severity: Warning, Category: "operations", Inputs: Swagger,
	Doc: Doc{
		Title:    "A connector has at most 256 operations",
		Why:      "Microsoft's validator rejects a swagger whose operation count exceeds a maximum it does not publish. The largest merged connector has 219 operations (a partner mentioned 128 in 2020, which merged connectors have since exceeded), so connectorlint warns above 256. Treat a finding as a strong hint, not proof of rejection.",
		HowToFix: "Split the connector into several connectors by area, or drop rarely used operations.",
		Source:   opSVAL + " (TotalOperationsCountExceedsMaxAllowed); " + opCatalog + "; rules-catalog §11 question 8",
	},
	Check: checkOperationCountMax,
}

func checkOperationCountMax(p *Pass) error {
	if n := len(p.API.Ops); n > opCountMax {
		p.SwaggerKey(p.API.Get(p.API.Root, "paths"), "the swagger defines %d operations; keep it at most %d, e.g. by splitting the connector", n, opCountMax)
	}
	return nil
}

// opRevision returns x-ms-api-annotation.revision of an operation when it is a whole number.
func opRevision(a *connector.API, op connector.NodeID) (int, connector.NodeID, bool) {
	n := a.Path(op, "x-ms-api-annotation", "revision")
	v, ok := a.Number(n)
	if !ok || v != float64(int(v)) {
		return 0, n, false
	}
	return int(v), n, true
}
