package rules

import (
	"fmt"
	"net/mail"
	"net/url"
	"strings"

	"github.com/connectorlint/connectorlint/connector"
)

// The AI-plugin extensions (rules-catalog §12.1, §12.2). No validator message about them has been seen:
// these rules encode the shapes Microsoft ships and its runtime reads, so they are warnings and notes.

const exAISource = "rules-catalog §12.1, §12.2 (shapes measured on the merged connectors; Microsoft's Power Fx " +
	"connector library reads x-ms-require-user-confirmation and x-ms-explicit-input); " +
	"https://learn.microsoft.com/en-us/connectors/custom-connectors/certification-submission"

// ---- ai-openai-data-shape ----

var aiOpenaiDataShapeRule = &Rule{
	ID:       "ai-openai-data-shape",
	Severity: Warning,
	Category: "ai",
	Inputs:   Swagger,
	Doc: Doc{
		Title: "x-ms-openai-data has the shape Copilot reads",
		Why: "x-ms-openai-data turns an operation into an action that Copilot can call. Every merged use is " +
			"an object with a boolean openai-enabled and, usually, an operations array whose entries carry " +
			"a string operationId and a boolean x-ms-require-user-confirmation (whether the user must " +
			"confirm before the action runs), with optional parameters[] overrides of type \"upsert\" whose " +
			"properties[] are {name, value, type: \"upsert\"}. A different shape is not understood: the " +
			"action may not be exposed, or may run without the confirmation you meant to require. No " +
			"validator message is known, hence a warning.",
		HowToFix: "Write it as {\"openai-enabled\": true, \"operations\": [{\"operationId\": \"<this operation's id>\", " +
			"\"x-ms-require-user-confirmation\": true}]}; use real booleans, not strings.",
		Source: exAISource,
	},
	Check: checkAiOpenaiDataShape,
}

func checkAiOpenaiDataShape(p *Pass) error {
	d := p.API.Doc
	s := exShape{p: p, d: d}
	for _, e := range exOfName(d, "x-ms-openai-data") {
		v, name := e.Member, e.Name
		if !s.kind(v, name, connector.Object, "an object with openai-enabled") {
			continue
		}
		if en := s.required(v, v, name, "openai-enabled"); en != connector.None {
			s.kind(en, name+".openai-enabled", connector.Bool, "true or false")
		}
		ops := d.Get(v, "operations")
		if ops == connector.None || !s.kind(ops, name+".operations", connector.Array, "an array of objects") {
			continue
		}
		for i, op := range d.Elems(ops) {
			path := fmt.Sprintf("%s.operations[%d]", name, i)
			if !s.kind(op, path, connector.Object, "an object with operationId and x-ms-require-user-confirmation") {
				continue
			}
			if id := s.required(op, op, path, "operationId"); id != connector.None {
				s.kind(id, path+".operationId", connector.String, "a string")
			}
			if rc := s.required(op, op, path, "x-ms-require-user-confirmation"); rc != connector.None {
				s.kind(rc, path+".x-ms-require-user-confirmation", connector.Bool, "true or false")
			}
			exCheckUpsertList(s, op, path, "parameters", true)
		}
	}
	return nil
}

// exCheckUpsertList checks obj.key, an optional array of {name, type: "upsert", properties?} (or, at
// the inner level, {name, value, type: "upsert"}) override entries.
func exCheckUpsertList(s exShape, obj connector.NodeID, path, key string, outer bool) {
	d := s.d
	list := d.Get(obj, key)
	if list == connector.None || !s.kind(list, path+"."+key, connector.Array, "an array of objects") {
		return
	}
	for i, it := range d.Elems(list) {
		ip := fmt.Sprintf("%s.%s[%d]", path, key, i)
		if !s.kind(it, ip, connector.Object, "an object with name and type") {
			continue
		}
		if n := s.required(it, it, ip, "name"); n != connector.None {
			s.kind(n, ip+".name", connector.String, "a string")
		}
		if t := s.required(it, it, ip, "type"); t != connector.None && d.String(t) != "upsert" {
			fd := s.p.Swagger(t, "%s.type is %s; the only known value is \"upsert\"", ip, exDescribe(d, t))
			if str, ok := d.Str(t); ok && exEnumFix(str, "upsert") != "" {
				fd.WithFix("Replace with \"upsert\"", ReplaceString(s.p.C.Swagger, t, "upsert"))
			}
		}
		if outer {
			exCheckUpsertList(s, it, ip, "properties", false)
		} else {
			s.required(it, it, ip, "value")
		}
	}
}

// ---- ai-openai-data-placement ----

var aiOpenaiDataPlacementRule = &Rule{
	ID:       "ai-openai-data-placement",
	Severity: Warning,
	Category: "ai",
	Inputs:   Swagger,
	Doc: Doc{
		Title: "x-ms-openai-data sits on an operation, or at the root with an operations list",
		Why: "Copilot reads x-ms-openai-data on an operation object (294 of 296 merged uses) or, listing the " +
			"operations it covers, at the document root (2 uses). On a path item, a parameter, a schema " +
			"or in info it has no effect, and at the root without an operations list it names no action.",
		HowToFix: "Move the extension onto the operation it describes, or give the root one an operations " +
			"list naming the operations by operationId.",
		Source: exAISource,
	},
	Check: checkAiOpenaiDataPlacement,
}

func checkAiOpenaiDataPlacement(p *Pass) error {
	d := p.API.Doc
	for _, e := range exOfName(d, "x-ms-openai-data") {
		switch e.Place {
		case exPlOperation:
		case exPlRoot:
			if d.Kind(e.Member) == connector.Object && d.Get(e.Member, "operations") == connector.None {
				p.SwaggerKey(e.Member, "x-ms-openai-data at the document root has no operations list; list the operations it covers, or move it onto each operation")
			}
		default:
			p.SwaggerKey(e.Member, "x-ms-openai-data has no effect on %s; move it onto the operation it describes", exArticle(e.Place.String()))
		}
	}
	return nil
}

// ---- ai-openai-data-operationid ----

var aiOpenaiDataOperationidRule = &Rule{
	ID:       "ai-openai-data-operationid",
	Severity: Warning,
	Category: "ai",
	Inputs:   Swagger,
	Doc: Doc{
		Title: "x-ms-openai-data names its own operation",
		Why: "Each entry of x-ms-openai-data.operations carries the operationId it configures. On an " +
			"operation it must be that operation's own operationId; at the root it must name an operation " +
			"of the file. A mismatch (merged connectors have typos such as UpdateNOte for UpdateNote) " +
			"leaves the settings, including x-ms-require-user-confirmation, attached to nothing.",
		HowToFix: "Correct the operationId; on an operation the fix copies the operation's own operationId.",
		Source:   exAISource,
	},
	Check: checkAiOpenaiDataOperationid,
}

func checkAiOpenaiDataOperationid(p *Pass) error {
	d := p.API.Doc
	for _, e := range exOfName(d, "x-ms-openai-data") {
		if e.Place != exPlOperation && e.Place != exPlRoot {
			continue
		}
		own := ""
		if e.Place == exPlOperation {
			own = d.GetString(e.Obj, "operationId")
			if own == "" {
				continue
			}
		}
		for _, op := range d.Elems(d.Get(e.Member, "operations")) {
			idn := d.Get(op, "operationId")
			id, ok := d.Str(idn)
			if !ok {
				continue // ai-openai-data-shape
			}
			if own != "" {
				if id != own {
					p.Swagger(idn, "operationId %q does not match the enclosing operation's %q; use %q", id, own, own).
						WithFix("Replace with "+Quote(own), ReplaceString(p.C.Swagger, idn, own))
				}
				continue
			}
			if _, known := trOpIndex(p.API)[id]; !known {
				p.Swagger(idn, "operationId %q names no operation of this file; use an existing operationId", id)
			}
		}
	}
	return nil
}

// ---- ai-manifest-complete ----

var aiManifestCompleteRule = &Rule{
	ID:       "ai-manifest-complete",
	Severity: Info,
	Category: "ai",
	Inputs:   Swagger,
	Doc: Doc{
		Title: "x-ms-openai-manifest names the plugin, describes it and gives a contact",
		Why: "x-ms-openai-manifest, at the document root, is the AI plugin's card: humanName is the name " +
			"people see, modelDescription is what the model reads to decide when to use the plugin, " +
			"contactEmail and legalUrl are shown to users. Merged plugins fill humanName and " +
			"modelDescription, give a valid e-mail address, and an https legal URL when they have one; an " +
			"empty or missing description makes the plugin hard for the model to pick.",
		HowToFix: "Write an object with a non-empty humanName and modelDescription, a contactEmail address " +
			"and, if you have one, an https legalUrl.",
		Source: exAISource,
	},
	Check: checkAiManifestComplete,
}

func checkAiManifestComplete(p *Pass) error {
	d := p.API.Doc
	s := exShape{p: p, d: d}
	for _, e := range exOfName(d, "x-ms-openai-manifest") {
		v, name := e.Member, e.Name
		if !s.kind(v, name, connector.Object, "an object with humanName, modelDescription and contactEmail") {
			continue
		}
		for _, k := range []string{"humanName", "modelDescription", "contactEmail"} {
			m := s.required(v, v, name, k)
			if m == connector.None || !s.kind(m, name+"."+k, connector.String, "a string") {
				continue
			}
			str := strings.TrimSpace(d.String(m))
			if str == "" {
				p.Swagger(m, "%s.%s is empty; fill it in", name, k)
				continue
			}
			if k == "contactEmail" {
				if a, err := mail.ParseAddress(str); err != nil || a.Address != str {
					p.Swagger(m, "contactEmail %q is not an e-mail address; write a plain address such as support@contoso.com", str)
				}
			}
		}
		if m := d.Get(v, "legalUrl"); m != connector.None && s.kind(m, name+".legalUrl", connector.String, "a string") {
			str := d.String(m)
			if u, err := url.Parse(strings.TrimSpace(str)); err != nil || u.Scheme != "https" || u.Host == "" {
				p.Swagger(m, "legalUrl %q is not an absolute https URL; link to your terms with https://", str)
			}
		}
	}
	return nil
}

// ---- ai-keywords-shape ----

var aiKeywordsShapeRule = &Rule{
	ID:       "ai-keywords-shape",
	Severity: Info,
	Category: "ai",
	Inputs:   Swagger,
	Doc: Doc{
		Title: "x-ms-keywords is a list of non-empty strings",
		Why: "x-ms-keywords, in info, lists words that help Copilot find the connector. Every merged use " +
			"is an array of non-empty strings (Microsoft's Copilot for Sales sample shows a single string, " +
			"which is accepted too). Numbers, objects or empty strings carry no keyword.",
		HowToFix: "Write \"x-ms-keywords\": [\"crm\", \"sales\"] with one word or short phrase per string.",
		Source:   exAISource,
	},
	Check: checkAiKeywordsShape,
}

func checkAiKeywordsShape(p *Pass) error {
	d := p.API.Doc
	for _, e := range exOfName(d, "x-ms-keywords") {
		v := e.Member
		switch d.Kind(v) {
		case connector.String:
			if strings.TrimSpace(d.String(v)) == "" {
				p.Swagger(v, "x-ms-keywords is an empty string; list keywords or remove it")
			}
		case connector.Array:
			if d.Len(v) == 0 {
				p.Swagger(v, "x-ms-keywords is an empty array; list keywords or remove it")
			}
			for i, it := range d.Elems(v) {
				if s, ok := d.Str(it); !ok {
					p.Swagger(it, "x-ms-keywords[%d] is %s; keywords are strings", i, exDescribe(d, it))
				} else if strings.TrimSpace(s) == "" {
					p.Swagger(it, "x-ms-keywords[%d] is an empty string; remove it", i)
				}
			}
		default:
			p.Swagger(v, "x-ms-keywords is %s; write an array of strings", exDescribe(d, v))
		}
	}
	return nil
}

// ---- ai-published-to-copilots-shape ----

var aiPublishedToCopilotsShapeRule = &Rule{
	ID:       "ai-published-to-copilots-shape",
	Severity: Info,
	Category: "ai",
	Inputs:   Swagger,
	Doc: Doc{
		Title: "x-ms-openai-published-to-copilots is a list of {AICopilot-enabled, AICopilotName}",
		Why: "x-ms-openai-published-to-copilots, in info, lists the copilots the connector is published " +
			"to. Merged uses are arrays of objects with a boolean AICopilot-enabled and a non-empty " +
			"AICopilotName (for example \"Microsoft Sales Copilot\"); one merged file has a bare object, " +
			"which readers expecting a list may skip.",
		HowToFix: "Write [{\"AICopilot-enabled\": true, \"AICopilotName\": \"Microsoft Sales Copilot\"}]; wrap a " +
			"single object in an array.",
		Source: exAISource,
	},
	Check: checkAiPublishedToCopilotsShape,
}

func checkAiPublishedToCopilotsShape(p *Pass) error {
	d := p.API.Doc
	s := exShape{p: p, d: d}
	for _, e := range exOfName(d, "x-ms-openai-published-to-copilots") {
		v, name := e.Member, e.Name
		if d.Kind(v) == connector.Object {
			p.Swagger(v, "%s is a single object; wrap it in an array", name).
				WithFix("Wrap the object in an array", ReplaceValue(p.C.Swagger, v, "["+string(d.Raw(v))+"]"))
			exCheckCopilotEntry(s, v, name)
			continue
		}
		if !s.kind(v, name, connector.Array, "an array of {AICopilot-enabled, AICopilotName} objects") {
			continue
		}
		for i, it := range d.Elems(v) {
			path := fmt.Sprintf("%s[%d]", name, i)
			if s.kind(it, path, connector.Object, "an object with AICopilot-enabled and AICopilotName") {
				exCheckCopilotEntry(s, it, path)
			}
		}
	}
	return nil
}

func exCheckCopilotEntry(s exShape, obj connector.NodeID, path string) {
	if en := s.required(obj, obj, path, "AICopilot-enabled"); en != connector.None {
		s.kind(en, path+".AICopilot-enabled", connector.Bool, "true or false")
	}
	if n := s.required(obj, obj, path, "AICopilotName"); n != connector.None && s.kind(n, path+".AICopilotName", connector.String, "a string") {
		if strings.TrimSpace(s.d.String(n)) == "" {
			s.p.Swagger(n, "%s.AICopilotName is empty; name the copilot", path)
		}
	}
}
