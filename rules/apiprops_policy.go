package rules

import (
	"slices"
	"strconv"
	"strings"

	"github.com/connectorlint/connectorlint/connector"
)

// Multi-auth parameter sets and policy templates of apiProperties.json (rules-catalog §3).

var multiAuthShapeRule = &Rule{
	ID:       "multi-auth-shape",
	Severity: Error,
	Category: "apiproperties",
	Inputs:   Props,
	Doc: Doc{
		Title:    "connectionParameterSets has the multi-auth shape",
		Why:      "A connector that offers several ways to sign in lists them in \"connectionParameterSets\": a \"uiDefinition\" with \"displayName\" and \"description\" for the chooser, and \"values\", a non-empty array of options, each with a unique \"name\", its own \"uiDefinition\" (displayName, description) and \"parameters\" (written like \"connectionParameters\"). The platform cannot build the connection dialog from another shape. Letter case of displayName is not enforced because a merged connector writes \"displayname\". The parameters themselves are checked by the connection parameter rules.",
		HowToFix: "Follow the shape in Microsoft Learn's multi-auth page; give every option a unique name and its parameters.",
		Source:   "Microsoft Learn, multi-auth; " + apCatalog + " multi-auth-shape",
	},
	Check: checkMultiAuthShape,
}

func checkMultiAuthShape(p *Pass) error {
	f, d, props, ok := apFile(p)
	if !ok {
		return nil
	}
	sets := d.Get(props, "connectionParameterSets")
	if d.Kind(sets) != connector.Object {
		return nil // absent, or apiprops-schema's
	}
	apUnknownKeys(p, f, sets, []string{"uiDefinition", "values"}, "\"connectionParameterSets\"")
	apCheckSetUI(p, f, sets, "\"connectionParameterSets\"")
	vals := d.Get(sets, "values")
	switch {
	case vals == connector.None:
		p.AtKey(f, sets, "\"connectionParameterSets\" has no \"values\"; list the authentication options in it")
		return nil
	case d.Kind(vals) != connector.Array:
		p.At(f, vals, "\"values\" of \"connectionParameterSets\" must be an array of options, not %s", apDescribe(d, vals))
		return nil
	case d.Len(vals) == 0:
		p.At(f, vals, "\"values\" of \"connectionParameterSets\" is empty; list at least one authentication option")
		return nil
	}
	seen := map[string]connector.NodeID{}
	for i, v := range d.Elems(vals) {
		if d.Kind(v) != connector.Object {
			p.At(f, v, "option %d of \"connectionParameterSets\" must be an object, not %s", i+1, apDescribe(d, v))
			continue
		}
		apUnknownKeys(p, f, v, []string{"name", "uiDefinition", "parameters", "metadata"}, "an option of \"connectionParameterSets\"")
		where := "option " + strconv.Itoa(i+1) + " of \"connectionParameterSets\""
		nm := d.Get(v, "name")
		if s, isStr := d.Str(nm); !isStr || strings.TrimSpace(s) == "" {
			if nm == connector.None {
				p.At(f, v, "%s has no \"name\"; give it a unique name", where)
			} else {
				p.At(f, nm, "the \"name\" of %s must be a non-empty string, not %s", where, apDescribe(d, nm))
			}
		} else {
			where = "option " + Quote(s)
			if first, dup := seen[s]; dup {
				p.At(f, nm, "option name %q is used twice in \"connectionParameterSets\"; make each name unique", s).
					WithRelated(f, first, "first used here")
			} else {
				seen[s] = nm
			}
		}
		apCheckSetUI(p, f, v, where)
		ps := d.Get(v, "parameters")
		switch {
		case ps == connector.None:
			p.At(f, v, "%s has no \"parameters\"; add the connection parameters of this option", where)
		case d.Kind(ps) != connector.Object:
			p.At(f, ps, "the \"parameters\" of %s must be an object of connection parameters, not %s", where, apDescribe(d, ps))
		}
	}
	return nil
}

// apCheckSetUI checks the uiDefinition of the parameter sets object or of one option.
func apCheckSetUI(p *Pass, f *connector.File, obj connector.NodeID, where string) {
	d := f.Doc
	ui := d.Get(obj, "uiDefinition")
	if ui == connector.None {
		p.At(f, obj, "%s has no \"uiDefinition\"; add one with \"displayName\" and \"description\"", where)
		return
	}
	if d.Kind(ui) != connector.Object {
		p.At(f, ui, "the \"uiDefinition\" of %s must be an object, not %s", where, apDescribe(d, ui))
		return
	}
	var missing []string
	for _, k := range []string{"displayName", "description"} {
		if _, isStr := d.Str(apGetFold(d, ui, k)); !isStr {
			missing = append(missing, Quote(k))
		}
	}
	if len(missing) > 0 {
		p.AtKey(f, ui, "the \"uiDefinition\" of %s has no %s; add %s", where, strings.Join(missing, " or "), apPlural(missing))
	}
}

// ---- policy templates ----

// apTemplate describes one policy template: its required and optional parameters (without the
// x-ms-apimTemplateParameter. prefix) and the allowed values of enumerated ones.
type apTemplate struct {
	required, optional []string
	enums              map[string][]string
	open               bool // parameters not known: accept any
}

const apTplPrefix = "x-ms-apimTemplateParameter."

var apSections = []string{"Request", "Response"}

var apTemplates = map[string]apTemplate{
	"convertarraytoobject": {required: []string{"propertyParentPath", "keyWithinCollectionPath", "newPropertyPath"},
		optional: []string{"propertySubPath", "retainKey"}, enums: map[string][]string{"retainKey": {"true", "false"}}},
	"convertobjecttoarray": {required: []string{"propertyParentPath", "newPropertyPath"}, optional: []string{"propertySubPath", "keyName", "valueName"}},
	"dynamichosturl":       {required: []string{"urlTemplate"}},
	"encodepropertyvalue":  {required: []string{"propertyParentPath", "newPropertyPath"}, optional: []string{"propertySubPath"}},
	"pollingtrigger":       {required: []string{"triggerConfig", "triggerDataPath"}},
	"routerequesttoendpoint": {required: []string{"newPath"}, optional: []string{"httpMethod"},
		enums: map[string][]string{"httpMethod": {"GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "HEAD", "@Request.OriginalHTTPMethod"}}},
	"setheader": {required: []string{"name", "value"}, optional: []string{"existsAction"},
		enums: map[string][]string{"existsAction": {"override", "skip", "append"}}},
	"setproperty": {required: []string{"newPropertyParentPathTemplate", "newPropertySubPathTemplate", "propertyValuePathTemplate"}},
	"setqueryparameter": {required: []string{"name", "value"}, optional: []string{"existsAction"},
		enums: map[string][]string{"existsAction": {"override", "skip", "append"}}},
	"setvaluefromurl": {required: []string{"parameterTemplate", "parameterValueUrl", "parameterValuePathTemplate"}, optional: []string{"httpMethod"},
		enums: map[string][]string{"httpMethod": {"GET", "POST", "PUT"}}},
	"stringreplace":  {required: []string{"propertyParentPath", "sourceString", "replacementString", "newPropertyPath"}, optional: []string{"propertySubPath"}},
	"stringtoarray":  {required: []string{"propertyParentPath", "delimiterList", "childPropertyName", "newPropertyPath"}, optional: []string{"propertySubPath"}},
	"updatenextlink": {required: []string{"nextLinkPropertyName"}, optional: []string{"nextLinkParentPropertyPath"}},
	// accepted by Microsoft (one merged connector each) but missing from the published schema
	"dynamicsubdomain":                     {open: true},
	"moveproperties":                       {open: true},
	"setconnectionstatustounauthenticated": {open: true},
}

var policyTemplateValidRule = &Rule{
	ID:       "policy-template-valid",
	Severity: Error,
	Category: "apiproperties",
	Inputs:   Props,
	Doc: Doc{
		Title:    "Policy template instances name a known template with its required parameters",
		Why:      "Each entry of \"policyTemplateInstances\" applies one of Microsoft's fixed policy templates (setheader, routerequesttoendpoint, dynamichosturl, setqueryparameter, setproperty, …). Microsoft's apiProperties schema accepts an entry only when its \"templateId\" is a known template, its \"parameters\" include the template's required ones (for example name and value for setheader, newPath for routerequesttoendpoint, urlTemplate for dynamichosturl) and nothing else, and enumerated parameters (existsAction, x-ms-apimTemplate-policySection, httpMethod) have allowed values. Template ids are compared ignoring case, as the schema lists several spellings. dynamicsubdomain, moveproperties and setconnectionstatustounauthenticated, missing from the published schema but merged, are accepted without parameter checks; x-ms-apimTemplate-policySection is accepted on every template because merged connectors use it beyond the schema.",
		HowToFix: "Fix the template id, add the missing parameters, remove unknown ones and use an allowed value for enumerated ones.",
		Source:   "Microsoft's schemas/paconn-apiProperties.schema.json (PolicyTemplateInstance-*); " + apCatalog + " policy-template-valid, apiprops-schema-gaps",
	},
	Check: checkPolicyTemplateValid,
}

func checkPolicyTemplateValid(p *Pass) error {
	f, d, props, ok := apFile(p)
	if !ok {
		return nil
	}
	for i, inst := range d.Elems(d.Get(props, "policyTemplateInstances")) {
		if d.Kind(inst) != connector.Object {
			p.At(f, inst, "policy template instance %d must be an object, not %s", i+1, apDescribe(d, inst))
			continue
		}
		apUnknownKeys(p, f, inst, []string{"templateId", "title", "type", "parameters"}, "a policy template instance")
		idN := d.Get(inst, "templateId")
		id, isStr := d.Str(idN)
		if !isStr || strings.TrimSpace(id) == "" {
			if idN == connector.None {
				p.At(f, inst, "policy template instance %d has no \"templateId\"; name the template it applies", i+1)
			} else {
				p.At(f, idN, "\"templateId\" must be a template name, not %s", apDescribe(d, idN))
			}
			continue
		}
		tpl, known := apTemplates[strings.ToLower(id)]
		if !known {
			names := make([]string, 0, len(apTemplates))
			for k, t := range apTemplates {
				if !t.open {
					names = append(names, k)
				}
			}
			slices.Sort(names)
			p.At(f, idN, "policy template %q does not exist; use one of %s", id, strings.Join(names, ", "))
			continue
		}
		if tpl.open {
			continue
		}
		params := d.Get(inst, "parameters")
		if params == connector.None {
			if len(tpl.required) > 0 {
				p.At(f, inst, "policy template %q has no \"parameters\"; add %s", id, apPrefixed(tpl.required))
			}
			continue
		}
		if d.Kind(params) != connector.Object {
			p.At(f, params, "the \"parameters\" of policy template %q must be an object, not %s", id, apDescribe(d, params))
			continue
		}
		var missing []string
		for _, r := range tpl.required {
			if d.Get(params, apTplPrefix+r) == connector.None {
				missing = append(missing, r)
			}
		}
		if len(missing) > 0 {
			p.AtKey(f, params, "policy template %q needs %s; add %s", id, apPrefixed(missing), apPlural(missing))
		}
		for k, m := range d.Members(params) {
			switch k {
			case "x-ms-apimTemplate-operationName":
				if d.Kind(m) != connector.Array {
					p.At(f, m, "\"x-ms-apimTemplate-operationName\" must be an array of operationIds, not %s", apDescribe(d, m))
					continue
				}
				for _, e := range d.Elems(m) {
					if d.Kind(e) != connector.String {
						p.At(f, e, "each entry of \"x-ms-apimTemplate-operationName\" must be an operationId string, not %s", apDescribe(d, e))
					}
				}
				continue
			case "x-ms-apimTemplate-policySection":
				sections := apSections
				if strings.EqualFold(id, "setheader") {
					sections = append(slices.Clip(sections), "Failure")
				}
				apEnum(p, f, m, id, k, sections)
				continue
			}
			short, isParam := strings.CutPrefix(k, apTplPrefix)
			if !isParam || !slices.Contains(tpl.required, short) && !slices.Contains(tpl.optional, short) {
				p.AtKey(f, m, "policy template %q does not take parameter %q; remove it or fix its name", id, k)
				continue
			}
			if vals, ok := tpl.enums[short]; ok {
				apEnum(p, f, m, id, k, vals)
			}
		}
	}
	return nil
}

func apEnum(p *Pass, f *connector.File, n connector.NodeID, id, key string, allowed []string) {
	d := f.Doc
	s, isStr := d.Str(n)
	if isStr && slices.Contains(allowed, s) {
		return
	}
	fd := p.At(f, n, "%q of policy template %q is %s; use one of %s", key, id, apDescribe(d, n), strings.Join(allowed, ", "))
	if good := apFold(allowed, strings.TrimSpace(s)); isStr && good != "" {
		fd.WithFix("Write \""+good+"\"", ReplaceString(f, n, good))
	}
}

func apPrefixed(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = Quote(apTplPrefix + n)
	}
	return strings.Join(q, ", ")
}

var policyTemplateOperationExistsRule = &Rule{
	ID:       "policy-template-operation-exists",
	Severity: Warning,
	Category: "apiproperties",
	Inputs:   Props | Swagger,
	Doc: Doc{
		Title:    "Policies name only operations that exist in the swagger",
		Why:      "\"x-ms-apimTemplate-operationName\" limits a policy to the listed operationIds. An entry that matches no operation (a typo, a renamed or deleted operation) makes the policy silently skip the operation it was meant for, so requests go out without the header, route or host the policy should set. Matching is exact, as operationIds are.",
		HowToFix: "Correct the operationId, or remove the entry when the operation is gone.",
		Source:   "Microsoft's schemas/paconn-apiProperties.schema.json (x-ms-apimTemplate-operationName); " + apCatalog + " policy-template-operation-exists",
	},
	Check: checkPolicyTemplateOperationExists,
}

func checkPolicyTemplateOperationExists(p *Pass) error {
	f, d, props, ok := apFile(p)
	if !ok || p.API == nil {
		return nil
	}
	for _, inst := range d.Elems(d.Get(props, "policyTemplateInstances")) {
		id := d.GetString(inst, "templateId")
		for _, e := range d.Elems(d.Path(inst, "parameters", "x-ms-apimTemplate-operationName")) {
			s, isStr := d.Str(e)
			if !isStr {
				continue
			}
			if _, known := trOpIndex(p.API)[s]; known {
				continue
			}
			if good, ok := opFoldedIDs(p.API)[strings.ToLower(strings.TrimSpace(s))]; ok {
				p.At(f, e, "policy %q names operation %q, but the swagger's operationId is %q; operationIds are case-sensitive", id, s, good).
					WithFix("Write \""+good+"\"", ReplaceString(f, e, good))
				continue
			}
			p.At(f, e, "policy %q names operation %q, which is not an operationId in the swagger; fix the name or remove it", id, s)
		}
	}
	return nil
}
