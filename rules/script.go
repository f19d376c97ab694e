package rules

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/connectorlint/connectorlint/connector"
)

// scriptRules are the script.csx rules (rules-catalog.md §5).
var scriptRules = []*Rule{
	scriptClassScriptScriptbaseRule,
	scriptExecuteAsyncRule,
	scriptSupportedNamespacesRule,
	scriptMaxSizeRule,
	scriptNoNewHttpclientRule,
	scriptTimeoutRule,
	scriptNoGatewayRule,
	scriptOperationsExistRule,
	scriptOperationsConsistencyRule,
	scriptCompilesRule,
}

const rdWriteCode = "https://learn.microsoft.com/connectors/custom-connectors/write-code"

// rdScriptHead is the range of the script's first line, where findings about the whole file go.
func rdScriptHead(f *connector.File) (int, int) {
	s := 0
	if len(f.Src) >= 3 && f.Src[0] == 0xEF && f.Src[1] == 0xBB && f.Src[2] == 0xBF {
		s = 3
	}
	e := s
	for e < len(f.Src) && f.Src[e] != '\n' && f.Src[e] != '\r' {
		e++
	}
	return s, e
}

// rdScriptClass finds the class named Script (any letter case) and the first class deriving from
// ScriptBase. It returns token indexes of their names (-1 when absent) and whether the Script class
// derives from ScriptBase.
func rdScriptClass(toks []rdTok) (script, derived int, ok bool) {
	script, derived = -1, -1
	for i := 0; i+1 < len(toks); i++ {
		if !rdIsIdent(toks[i], "class") || toks[i+1].Kind != rdTokIdent {
			continue
		}
		base := false
		for k := i + 2; k < len(toks) && !rdIsPunct(toks[k], "{") && !rdIsPunct(toks[k], ";"); k++ {
			if rdIsIdent(toks[k], "ScriptBase") {
				base = true
			}
		}
		isScript := strings.EqualFold(toks[i+1].Text, "Script")
		if isScript && (script < 0 || base && !ok) {
			script, ok = i+1, base
		}
		if base && derived < 0 {
			derived = i + 1
		}
	}
	return script, derived, ok
}

var scriptClassScriptScriptbaseRule = &Rule{
	ID: "script-class-script-scriptbase", Severity: Error, Category: "script", Inputs: Script,
	Doc: Doc{
		Title: "script.csx declares a class Script that derives from ScriptBase",
		Why: "The custom-code host looks for a class named Script deriving from ScriptBase and calls its ExecuteAsync; " +
			"without it the connector's code cannot be compiled and loaded. Three merged independent-publisher scripts " +
			"spell the class 'script', so letter case is not checked.",
		HowToFix: "Declare 'public class Script : ScriptBase' and put the code in it.",
		Source:   rdWriteCode + " ; rules-catalog §5 script-class-script-scriptbase",
	},
	Check: checkScriptClassScriptScriptbase,
}

func checkScriptClassScriptScriptbase(p *Pass) error {
	f := p.C.Script
	toks := rdScriptTokens(p)
	script, derived, ok := rdScriptClass(toks)
	switch {
	case ok:
	case script >= 0:
		t := toks[script]
		p.Report(f, int(t.Start), int(t.End), "", "class %q does not derive from ScriptBase; declare it as 'public class Script : ScriptBase'", t.Text)
	case derived >= 0:
		t := toks[derived]
		p.Report(f, int(t.Start), int(t.End), "", "the class deriving from ScriptBase is named %q; the host only loads a class named Script", t.Text)
	default:
		s, e := rdScriptHead(f)
		p.Report(f, s, e, "", "the script declares no class Script deriving from ScriptBase; add 'public class Script : ScriptBase'")
	}
	return nil
}

var scriptExecuteAsyncRule = &Rule{
	ID: "script-execute-async", Severity: Error, Category: "script", Inputs: Script,
	Doc: Doc{
		Title: "script.csx overrides ExecuteAsync",
		Why: "The custom-code host calls Script.ExecuteAsync for every operation the script handles; ScriptBase declares " +
			"it abstract, so a script that does not override it does not compile.",
		HowToFix: "Add 'public override async Task<HttpResponseMessage> ExecuteAsync()' to the Script class.",
		Source:   rdWriteCode + " ; rules-catalog §5 script-execute-async",
	},
	Check: checkScriptExecuteAsync,
}

func checkScriptExecuteAsync(p *Pass) error {
	f := p.C.Script
	toks := rdScriptTokens(p)
	plain := -1
	for i := 0; i+1 < len(toks); i++ {
		if !rdIsIdent(toks[i], "ExecuteAsync") || !rdIsPunct(toks[i+1], "(") || i > 0 && rdIsPunct(toks[i-1], ".") {
			continue
		}
		// Walk back over the declaration's modifiers and return type.
		decl, override := false, false
		for k := i - 1; k >= 0; k-- {
			t := toks[k]
			if t.Kind == rdTokPunct && (t.Text == ";" || t.Text == "{" || t.Text == "}" || t.Text == "]" || t.Text == "=" || t.Text == "(") {
				break
			}
			decl = true
			if rdIsIdent(t, "override") {
				override = true
			}
		}
		if override {
			return nil
		}
		if decl && plain < 0 {
			plain = i
		}
	}
	if plain >= 0 {
		t := toks[plain]
		p.Report(f, int(t.Start), int(t.End), "", "ExecuteAsync is declared without override; declare it as 'public override async Task<HttpResponseMessage> ExecuteAsync()'")
		return nil
	}
	if script, _, _ := rdScriptClass(toks); script >= 0 {
		t := toks[script]
		p.Report(f, int(t.Start), int(t.End), "", "class %q does not override ExecuteAsync; add 'public override async Task<HttpResponseMessage> ExecuteAsync()'", t.Text)
		return nil
	}
	s, e := rdScriptHead(f)
	p.Report(f, s, e, "", "the script does not override ExecuteAsync; add it to a class Script deriving from ScriptBase")
	return nil
}

// rdSupportedNamespaces are the namespaces Microsoft documents for custom code.
var rdSupportedNamespaces = map[string]bool{}

func init() {
	for _, ns := range strings.Fields(`System System.Collections System.Collections.Generic System.Diagnostics System.IO
		System.IO.Compression System.Linq System.Net System.Net.Http System.Net.Http.Headers System.Net.Security
		System.Security.Authentication System.Security.Cryptography System.Text System.Text.RegularExpressions
		System.Threading System.Threading.Tasks System.Web System.Xml System.Xml.Linq System.Drawing
		System.Drawing.Drawing2D System.Drawing.Imaging Microsoft.Extensions.Logging Newtonsoft.Json Newtonsoft.Json.Linq`) {
		rdSupportedNamespaces[ns] = true
	}
}

var scriptSupportedNamespacesRule = &Rule{
	ID: "script-supported-namespaces", Severity: Warning, Category: "script", Inputs: Script,
	Doc: Doc{
		Title: "script.csx imports only the supported namespaces",
		Why: "Microsoft documents the namespaces custom code may use (System, System.Net.Http, Newtonsoft.Json and a " +
			"few more); code that needs other assemblies does not compile in the sandbox. The platform is evidently " +
			"more lenient than the list: merged scripts import Microsoft.PowerPlatform.Connectors.CustomCode.CSharp " +
			"(the namespace of ScriptBase itself, which is exempt here) and System.Runtime.Remoting.Contexts, so this " +
			"is a warning. Only using directives outside method bodies are checked; 'using static' and using " +
			"statements are skipped.",
		HowToFix: "Remove the using directive, or rewrite the code with the supported namespaces.",
		Source:   rdWriteCode + " ; rules-catalog §5 script-supported-namespaces (6 of 79 merged scripts import others)",
	},
	Check: checkScriptSupportedNamespaces,
}

func checkScriptSupportedNamespaces(p *Pass) error {
	f := p.C.Script
	toks := rdScriptTokens(p)
	depth := 0
	nsBlocks := map[int]bool{} // depths opened by a namespace declaration
	pendingNS := false
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		if t.Kind == rdTokPunct {
			switch t.Text {
			case "{":
				depth++
				nsBlocks[depth] = pendingNS
				pendingNS = false
			case "}":
				delete(nsBlocks, depth)
				depth--
			case ";":
				pendingNS = false
			}
			continue
		}
		if t.Kind != rdTokIdent {
			continue
		}
		switch {
		case t.Text == "namespace":
			pendingNS = true
		case t.Text == "using" && (depth == 0 || nsBlocks[depth]):
			k := i + 1
			if k < len(toks) && (rdIsIdent(toks[k], "static") || rdIsIdent(toks[k], "var") || rdIsPunct(toks[k], "(")) {
				continue
			}
			// using Alias = Name; or using Name;
			if k+1 < len(toks) && toks[k].Kind == rdTokIdent && rdIsPunct(toks[k+1], "=") {
				k += 2
			}
			s, e := -1, -1
			var name strings.Builder
			for ; k < len(toks) && !rdIsPunct(toks[k], ";"); k++ {
				if toks[k].Kind == rdTokIdent || rdIsPunct(toks[k], ".") || rdIsPunct(toks[k], "::") {
					if s < 0 {
						s = int(toks[k].Start)
					}
					e = int(toks[k].End)
					name.WriteString(toks[k].Text)
					continue
				}
				s = -1 // generic arguments or anything else: not a namespace directive
				break
			}
			ns := strings.TrimPrefix(name.String(), "global::")
			if s < 0 || ns == "" || rdSupportedNamespaces[ns] || strings.HasPrefix(ns, "Microsoft.PowerPlatform.Connectors.CustomCode") {
				continue
			}
			p.Report(f, s, e, "", "namespace %q is not among the namespaces supported in custom code; remove the using directive or use a supported namespace", ns)
		}
	}
	return nil
}

const rdScriptMaxBytes = 1 << 20

var scriptMaxSizeRule = &Rule{
	ID: "script-max-size", Severity: Error, Category: "script", Inputs: Script,
	Doc: Doc{
		Title: "script.csx is at most 1 MB",
		Why: "Microsoft's custom-code FAQ limits the script file to 1 MB; a larger script is rejected when the connector " +
			"is created or updated. No merged script comes close (all are far below). connectorlint counts 1 MB as " +
			"1,048,576 bytes.",
		HowToFix: "Shrink the script: move large constants out, remove dead code and long comments.",
		Source:   rdWriteCode + " (FAQ) ; rules-catalog §5 script-max-size",
	},
	Check: func(p *Pass) error {
		f := p.C.Script
		if len(f.Src) > rdScriptMaxBytes {
			s, e := rdScriptHead(f)
			p.Report(f, s, e, "", "%s is %d bytes, over the 1 MB (1,048,576 bytes) limit for custom code; make it smaller", f.Base, len(f.Src))
		}
		return nil
	},
}

var scriptNoNewHttpclientRule = &Rule{
	ID: "script-no-new-httpclient", Severity: Warning, Category: "script", Inputs: Script,
	Doc: Doc{
		Title: "script.csx sends requests through Context.SendAsync, not a new HttpClient",
		Why: "Microsoft's custom-code FAQ says creating an HttpClient is currently allowed but will be blocked in the " +
			"future; requests should go through this.Context.SendAsync, which also applies the connector's policies. " +
			"No merged script creates one.",
		HowToFix: "Build an HttpRequestMessage and send it with 'await this.Context.SendAsync(request, this.CancellationToken)'.",
		Source:   rdWriteCode + " (FAQ) ; rules-catalog §5 script-no-new-httpclient",
	},
	Check: func(p *Pass) error {
		f := p.C.Script
		toks := rdScriptTokens(p)
		for i := 0; i+1 < len(toks); i++ {
			if !rdIsIdent(toks[i], "new") {
				continue
			}
			k := i + 1
			for k+2 < len(toks) && toks[k].Kind == rdTokIdent && (rdIsPunct(toks[k+1], ".") || rdIsPunct(toks[k+1], "::")) {
				k += 2
			}
			if k < len(toks) && rdIsIdent(toks[k], "HttpClient") {
				p.Report(f, int(toks[i].Start), int(toks[k].End), "", "the script creates its own client with %q; send requests with this.Context.SendAsync(request, this.CancellationToken) instead",
					string(f.Src[toks[i].Start:toks[k].End]))
			}
		}
		return nil
	},
}

const rdScriptLimitMs = 5000

var scriptTimeoutRule = &Rule{
	ID: "script-timeout", Severity: Warning, Category: "script", Inputs: Script,
	Doc: Doc{
		Title: "script.csx does not wait for 5 seconds or more",
		Why: "Every Microsoft text on custom code says a script must finish within 5 seconds (the write-code FAQ, the " +
			"2022 documentation and the Learn training); a third-party guide says 2 minutes, but no Microsoft source " +
			"confirms it. A fixed wait of 5 seconds or more makes the call time out. connectorlint can only see waits " +
			"whose length is written as a constant: Thread.Sleep and Task.Delay with a number of milliseconds (or a " +
			"product of numbers), TimeSpan.From… or new TimeSpan(h, m, s); it cannot see how long requests take.",
		HowToFix: "Remove the wait, or shorten it well below 5 seconds; long-running work belongs in an asynchronous (202 + polling) pattern.",
		Source:   rdWriteCode + " (FAQ) ; rules-catalog §5 script-timeout and §11 question 9",
	},
	Check: checkScriptTimeout,
}

func checkScriptTimeout(p *Pass) error {
	f := p.C.Script
	toks := rdScriptTokens(p)
	for i := 0; i+3 < len(toks); i++ {
		if !(rdIsIdent(toks[i], "Thread") && rdIsIdent(toks[i+2], "Sleep") || rdIsIdent(toks[i], "Task") && rdIsIdent(toks[i+2], "Delay")) ||
			!rdIsPunct(toks[i+1], ".") || !rdIsPunct(toks[i+3], "(") {
			continue
		}
		end := rdMatch(toks, i+3)
		if end < 0 {
			continue
		}
		arg := toks[i+4 : end]
		for k, t := range arg { // first argument only (Task.Delay(ms, token))
			if rdIsPunct(t, ",") && rdDepth(arg[:k]) == 0 {
				arg = arg[:k]
				break
			}
		}
		ms, ok := rdDurationMs(arg)
		if !ok || ms < rdScriptLimitMs {
			continue
		}
		p.Report(f, int(toks[i].Start), int(toks[end].End), "", "%q waits %s, but custom code must finish within 5 seconds; remove or shorten the wait",
			string(f.Src[toks[i].Start:toks[end].End]), rdFormatMs(ms))
	}
	return nil
}

func rdDepth(toks []rdTok) int {
	d := 0
	for _, t := range toks {
		if t.Kind == rdTokPunct {
			switch t.Text {
			case "(", "[", "{":
				d++
			case ")", "]", "}":
				d--
			}
		}
	}
	return d
}

// rdDurationMs evaluates a constant wait: N, N * M…, TimeSpan.FromX(N) or new TimeSpan(h, m, s).
func rdDurationMs(a []rdTok) (float64, bool) {
	if len(a) >= 4 && rdIsIdent(a[0], "TimeSpan") && rdIsPunct(a[1], ".") && rdIsPunct(a[3], "(") && rdIsPunct(a[len(a)-1], ")") {
		unit := map[string]float64{"FromMilliseconds": 1, "FromSeconds": 1000, "FromMinutes": 60000, "FromHours": 3600000}[a[2].Text]
		if unit == 0 {
			return 0, false
		}
		v, ok := rdProduct(a[4 : len(a)-1])
		return v * unit, ok
	}
	if len(a) >= 4 && rdIsIdent(a[0], "new") && rdIsIdent(a[1], "TimeSpan") && rdIsPunct(a[2], "(") && rdIsPunct(a[len(a)-1], ")") {
		var parts [][]rdTok
		cur := []rdTok{}
		for _, t := range a[3 : len(a)-1] {
			if rdIsPunct(t, ",") {
				parts, cur = append(parts, cur), []rdTok{}
				continue
			}
			cur = append(cur, t)
		}
		parts = append(parts, cur)
		if len(parts) != 3 {
			return 0, false
		}
		var total float64
		for k, unit := range []float64{3600000, 60000, 1000} {
			v, ok := rdProduct(parts[k])
			if !ok {
				return 0, false
			}
			total += v * unit
		}
		return total, true
	}
	return rdProduct(a)
}

// rdProduct evaluates N or N * M * … of numeric literals.
func rdProduct(a []rdTok) (float64, bool) {
	if len(a) == 0 || len(a)%2 == 0 {
		return 0, false
	}
	v := 1.0
	for k, t := range a {
		if k%2 == 1 {
			if !rdIsPunct(t, "*") {
				return 0, false
			}
			continue
		}
		if t.Kind != rdTokNumber {
			return 0, false
		}
		s := strings.TrimRight(strings.ReplaceAll(t.Text, "_", ""), "lLuUfFdDmM")
		x, err := strconv.ParseFloat(s, 64)
		if err != nil {
			return 0, false
		}
		v *= x
	}
	return v, true
}

func rdFormatMs(ms float64) string {
	if ms >= 1000 {
		return strconv.FormatFloat(ms/1000, 'f', -1, 64) + " s"
	}
	return strconv.FormatFloat(ms, 'f', -1, 64) + " ms"
}

var scriptNoGatewayRule = &Rule{
	ID: "script-no-gateway", Severity: Warning, Category: "script", Inputs: Script,
	Doc: Doc{
		Title: "A connector with custom code does not use the on-premises data gateway",
		Why: "Microsoft's custom-code FAQ says custom code is not supported with the on-premises data gateway: requests " +
			"that go through the gateway skip the script. connectorlint reports a gatewaySetting connection parameter " +
			"or a 'gateway' capability in apiProperties.json when the folder also has a script.csx. Reviewers, not the " +
			"pipeline, catch this, so it is a warning.",
		HowToFix: "Either remove the gateway connection parameter and capability, or move the script's logic into the service or policy templates.",
		Source:   rdWriteCode + " (FAQ) ; rules-catalog §5 script-no-gateway",
	},
	Check: func(p *Pass) error {
		f := p.C.Props
		if f == nil || f.Doc == nil {
			return nil
		}
		d := f.Doc
		props := d.Get(d.Root, "properties")
		for name, cp := range d.Members(d.Get(props, "connectionParameters")) {
			if t := d.Get(cp, "type"); d.String(t) == "gatewaySetting" {
				p.At(f, t, "connection parameter %q is an on-premises data gateway setting, but custom code does not run through the gateway; remove the gateway parameter or the script", name)
			}
		}
		for _, c := range d.Elems(d.Get(props, "capabilities")) {
			if s, ok := d.Str(c); ok && strings.EqualFold(s, "gateway") {
				p.At(f, c, "capability %q declares gateway support, but custom code does not run through the gateway; remove the capability or the script", s)
			}
		}
		return nil
	},
}

var scriptOperationsExistRule = &Rule{
	ID: "script-operations-exist", Severity: Warning, Category: "script", Inputs: Props,
	Doc: Doc{
		Title: "scriptOperations names operations of the swagger, and the script exists",
		Why: "apiProperties.json's scriptOperations lists the operationIds whose requests go through script.csx (it " +
			"need not list every operation). An entry that is not an operationId of the swagger never runs the " +
			"script, usually after an operation was renamed, and a list without a script.csx routes requests to code " +
			"that does not exist. Two merged connectors have such a stale entry. operationIds are compared exactly; " +
			"an entry that differs only in letter case gets a fix.",
		HowToFix: "Use the operation's exact operationId, remove stale entries, or add the script.csx.",
		Source:   "https://learn.microsoft.com/connectors/custom-connectors/write-code ; rules-catalog §3 script-operations-exist",
	},
	Check: checkScriptOperationsExist,
}

func checkScriptOperationsExist(p *Pass) error {
	f := p.C.Props
	d := f.Doc
	list := d.Path(d.Root, "properties", "scriptOperations")
	if d.Kind(list) != connector.Array {
		return nil
	}
	if p.C.Script == nil && d.Len(list) > 0 && !hasIssueFor(p.C, connector.ScriptName) {
		p.AtKey(f, list, "scriptOperations lists %s but the folder has no script.csx; add the script or remove the list", rdPlural(d.Len(list), "operation"))
	}
	if p.API == nil {
		return nil
	}
	ids := trOpIndex(p.API)
	for _, e := range d.Elems(list) {
		s, ok := d.Str(e)
		if !ok {
			continue
		}
		if _, known := ids[s]; known {
			continue
		}
		if exact, ok := opFoldedIDs(p.API)[strings.ToLower(s)]; ok {
			p.At(f, e, "scriptOperations entry %q differs in letter case from the operationId %q; use the exact operationId", s, exact).
				WithFix(fmt.Sprintf("Replace it with %q", exact), ReplaceString(f, e, exact))
			continue
		}
		p.At(f, e, "scriptOperations entry %q is not an operationId of the swagger; use an existing operationId or remove the entry", s)
	}
	return nil
}

var scriptOperationsConsistencyRule = &Rule{
	ID: "script-operations-consistency", Severity: Warning, Category: "script", Inputs: Script,
	Doc: Doc{
		Title: "Operation ids the script tests for exist in the swagger",
		Why: "Scripts dispatch on this.Context.OperationId; a case label or comparison naming an operationId the " +
			"swagger does not have is dead code, usually left behind by a rename, and the renamed operation then " +
			"falls through to the default branch. connectorlint reads 'case \"X\":' labels of switches on OperationId " +
			"(or on a variable assigned from it) and comparisons such as OperationId == \"X\" or " +
			"OperationId.Equals(\"X\"). It skips interpolated strings and cannot follow ids built at run time.",
		HowToFix: "Use the operation's exact operationId in the script, or remove the branch.",
		Source:   rdWriteCode + " (samples) ; rules-catalog §5 script-operations-consistency",
	},
	Check: checkScriptOperationsConsistency,
}

// rdOpRef is a string the script compares Context.OperationId with; CI when the comparison ignores
// letter case (ToLower(), OrdinalIgnoreCase).
type rdOpRef struct {
	Tok rdTok
	CI  bool
}

func rdIsCaseFold(t rdTok) bool {
	return t.Kind == rdTokIdent && (strings.HasPrefix(t.Text, "ToLower") || strings.HasPrefix(t.Text, "ToUpper") || strings.HasSuffix(t.Text, "IgnoreCase"))
}

// rdScriptOpIDs returns the strings the script compares Context.OperationId with.
func rdScriptOpIDs(toks []rdTok) []rdOpRef {
	// OperationId and the variables assigned from it (a few: a list, not a map), with whether the
	// last assignment folds letter case.
	type opVar struct {
		name string
		fold bool
	}
	vars := []opVar{{"OperationId", false}}
	find := func(name string) int {
		for j := range vars {
			if vars[j].name == name {
				return j
			}
		}
		return -1
	}
	for i := 0; i+1 < len(toks); i++ {
		if toks[i].Kind == rdTokIdent && rdIsPunct(toks[i+1], "=") {
			has, fold := false, false
			for k := i + 2; k < len(toks) && !rdIsPunct(toks[k], ";"); k++ {
				has = has || rdIsIdent(toks[k], "OperationId")
				fold = fold || rdIsCaseFold(toks[k])
			}
			if has {
				if j := find(toks[i].Text); j >= 0 {
					vars[j].fold = fold
				} else {
					vars = append(vars, opVar{toks[i].Text, fold})
				}
			}
		}
	}
	isOp := func(t rdTok) bool { return t.Kind == rdTokIdent && find(t.Text) >= 0 }
	// folded reports whether the variable op (isOp(op)) was assigned with case folding.
	folded := func(op rdTok) bool { return vars[find(op.Text)].fold }
	var out []rdOpRef
	seen := map[int32]bool{}
	add := func(t rdTok, ci bool) {
		if t.Kind == rdTokString && !t.Interp && !seen[t.Start] {
			seen[t.Start] = true
			out = append(out, rdOpRef{t, ci})
		}
	}
	// skipFold moves past ".ToLower()"-style calls after an OperationId token.
	skipFold := func(k int) (int, bool) {
		fold := false
		for k+3 < len(toks) && rdIsPunct(toks[k], ".") && rdIsCaseFold(toks[k+1]) && rdIsPunct(toks[k+2], "(") && rdIsPunct(toks[k+3], ")") {
			k += 4
			fold = true
		}
		return k, fold
	}
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		switch {
		case rdIsIdent(t, "switch") && i+1 < len(toks) && rdIsPunct(toks[i+1], "("):
			ce := rdMatch(toks, i+1)
			if ce < 0 || ce+1 >= len(toks) || !rdIsPunct(toks[ce+1], "{") {
				continue
			}
			on, ci := false, false
			for _, x := range toks[i+2 : ce] {
				if isOp(x) {
					on = true
					ci = ci || folded(x)
				}
				ci = ci || rdIsCaseFold(x)
			}
			be := rdMatch(toks, ce+1)
			if !on || be < 0 {
				continue
			}
			depth := 0
			for k := ce + 2; k < be; k++ {
				switch {
				case rdIsPunct(toks[k], "{"):
					depth++
				case rdIsPunct(toks[k], "}"):
					depth--
				case depth == 0 && rdIsIdent(toks[k], "case") && k+1 < be:
					add(toks[k+1], ci)
				}
			}
		case isOp(t):
			k, ci := skipFold(i + 1)
			ci = ci || folded(t)
			switch {
			case k+1 < len(toks) && (rdIsPunct(toks[k], "==") || rdIsPunct(toks[k], "!=")):
				add(toks[k+1], ci)
			case k+3 < len(toks) && rdIsPunct(toks[k], ".") && rdIsIdent(toks[k+1], "Equals") && rdIsPunct(toks[k+2], "("):
				if ce := rdMatch(toks, k+2); ce > 0 {
					for _, x := range toks[k+3 : ce] {
						ci = ci || rdIsCaseFold(x)
					}
				}
				add(toks[k+3], ci)
			}
		case t.Kind == rdTokString && i+2 < len(toks) && (rdIsPunct(toks[i+1], "==") || rdIsPunct(toks[i+1], "!=")):
			// "X" == this.Context.OperationId
			k := i + 2
			for k+1 < len(toks) && toks[k].Kind == rdTokIdent && rdIsPunct(toks[k+1], ".") && !isOp(toks[k]) {
				k += 2
			}
			if k < len(toks) && isOp(toks[k]) {
				_, ci := skipFold(k + 1)
				add(t, ci || folded(toks[k]))
			}
		}
	}
	return out
}

func checkScriptOperationsConsistency(p *Pass) error {
	if p.API == nil {
		return nil
	}
	f := p.C.Script
	if len(trOpIndex(p.API)) == 0 {
		return nil // no operationIds at all: nothing to compare with
	}
	for _, ref := range rdScriptOpIDs(rdScriptTokens(p)) {
		t := ref.Tok
		if _, known := trOpIndex(p.API)[t.Text]; known || strings.ContainsAny(t.Text, "\\\"") {
			continue
		}
		if exact, ok := opFoldedIDs(p.API)[strings.ToLower(t.Text)]; ok {
			if !ref.CI {
				p.Report(f, int(t.Start), int(t.End), "", "the script tests OperationId against %q, which differs in letter case from the operationId %q; use the exact operationId", t.Text, exact)
			}
			continue
		}
		p.Report(f, int(t.Start), int(t.End), "", "the script tests OperationId against %q, which is not an operationId of the swagger; use an existing operationId or remove the branch", t.Text)
	}
	return nil
}

var scriptCompilesRule = &Rule{
	ID: "script-compiles", Severity: Error, Category: "script", Inputs: Script,
	Doc: Doc{
		Title: "script.csx has balanced brackets",
		Why: "Microsoft compiles the script when the connector is created or updated, and a compile error fails the " +
			"update (often with an unhelpful internal server error). connectorlint has no C# compiler: it checks " +
			"only what a tokenizer can see for certain, that parentheses, braces and brackets outside comments and " +
			"strings are balanced and properly nested. Type errors and misspelt names are not found.",
		HowToFix: "Add or remove the bracket at the reported place; an editor with C# support shows the pair.",
		Source:   rdWriteCode + " (FAQ) ; rules-catalog §5 script-compiles",
	},
	Check: func(p *Pass) error {
		f := p.C.Script
		var stack []rdTok
		pairs := map[string]string{")": "(", "}": "{", "]": "["}
		for _, t := range rdScriptTokens(p) {
			if t.Kind != rdTokPunct {
				continue
			}
			switch t.Text {
			case "(", "{", "[":
				stack = append(stack, t)
			case ")", "}", "]":
				if len(stack) == 0 {
					p.Report(f, int(t.Start), int(t.End), "", "closing %q has no matching opening bracket; remove it or add the missing opening one", t.Text)
					return nil
				}
				top := stack[len(stack)-1]
				if top.Text != pairs[t.Text] {
					p.Report(f, int(t.Start), int(t.End), "", "closing %q does not match the open %q before it; fix the nesting", t.Text, top.Text)
					return nil
				}
				stack = stack[:len(stack)-1]
			}
		}
		if len(stack) > 0 {
			t := stack[len(stack)-1]
			p.Report(f, int(t.Start), int(t.End), "", "opening %q is never closed; add the matching closing bracket", t.Text)
		}
		return nil
	},
}

func rdPlural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return strconv.Itoa(n) + " " + word + "s"
}
