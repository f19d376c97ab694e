package rules

import (
	"slices"
	"strings"

	"github.com/connectorlint/connectorlint/connector"
)

// triggerRules are the trigger and webhook rules (rules-catalog.md §2.8). The values of
// x-ms-trigger and x-ms-trigger-metadata are checked by trigger-values (extensions family).
var triggerRules = []*Rule{
	webhookNotificationURLPresentRule,
	webhookNotificationURLInternalRule,
	webhookNotificationContentRule,
	webhookDeleteOperationRule,
	xMsNotificationRulesRule,
	pollingTriggerShapeRule,
	triggerHintRule,
}

// ---- shared model: notification URL properties of request bodies ----

// trStep is one property step on the way from a body schema to the notification URL property.
type trStep struct {
	Prop     connector.NodeID   // the property member (its key is the property name)
	Holder   connector.NodeID   // the schema object whose properties hold Prop ($ref resolved)
	Name     string             // the property name
	ReqFrom  []connector.NodeID // the schema objects whose "required" may list it (holder and allOf parents)
	ViaItems bool               // reached through "items": "required" does not apply
}

// trNURL is one property marked "x-ms-notification-url": true in an operation's body input.
type trNURL struct {
	Param connector.Param
	Mark  connector.NodeID   // the x-ms-notification-url member
	Leaf  connector.NodeID   // the schema object holding Mark ($ref resolved)
	Chain []connector.NodeID // resolved schema objects from the body schema to Leaf, inclusive
	Steps []trStep
}

// trModel is what the trigger rules share: per operation (index into API.Ops) its notification URL
// properties, and the schema objects reachable from request bodies and from other places.
type trModel struct {
	NURLs [][]trNURL
	// BodySet and NonBody are only asked about the holders of trMarks, and only hold those: the schema
	// objects reachable from a body parameter schema, and the non-body parameter objects used by an
	// operation.
	BodySet map[connector.NodeID]bool
	NonBody map[connector.NodeID]bool
}

func trGetModel(a *connector.API) *trModel {
	return a.Memo("tr.model", func() any { return trBuildModel(a) }).(*trModel)
}

// trMarks returns the members "x-ms-notification-url": true of the swagger file, in file order (a
// shared slice: do not modify it).
func trMarks(a *connector.API) []connector.NodeID {
	return a.Memo("tr.marks", func() any {
		const mark = "x-ms-notification-url"
		var out []connector.NodeID
		// The mark's key starts with 'x' or an escape, so it is among swKeyScan's extension
		// candidates (in node order), not among every node.
		for _, id := range swKeyScan(a.Doc).ext {
			nd := &a.Nodes[id]
			// Decoding only shortens a key: a shorter raw key cannot be the mark.
			if nd.Kind != connector.Bool || nd.KeyEnd-nd.KeyStart-2 < int32(len(mark)) {
				continue
			}
			if a.Key(id) == mark && a.IsTrue(id) {
				out = append(out, id)
			}
		}
		return out
	}).([]connector.NodeID)
}

// trWalkKeys are the members of a schema object that trBuildModel reads, found in one pass.
var trWalkKeys = connector.NewKeySet("x-ms-notification-url", "properties", "items", "allOf")

func trBuildModel(a *connector.API) *trModel {
	m := &trModel{NURLs: make([][]trNURL, len(a.Ops)), BodySet: map[connector.NodeID]bool{},
		NonBody: map[connector.NodeID]bool{}}
	// Without a true mark there is no notification URL to find, and BodySet and NonBody are only
	// asked about the holders of marks: the parameters need no look.
	marks := trMarks(a)
	if len(marks) == 0 {
		return m
	}
	holders := make(map[connector.NodeID]bool, len(marks))
	for _, id := range marks {
		holders[a.Parent(id)] = true
	}
	seen := map[connector.NodeID]bool{}
	for i, op := range a.Ops {
		for _, p := range a.Params(op) {
			if p.In != "body" {
				if holders[p.Node] && a.Kind(p.Node) == connector.Object {
					m.NonBody[p.Node] = true
				}
				continue
			}
			clear(seen)
			// chain and steps are stacks: a call appends its own entry past the caller's length and
			// reads nothing beyond its own length, so one backing array serves the whole walk; a
			// notification URL keeps copies of them.
			var walk func(s connector.NodeID, chain []connector.NodeID, steps []trStep, allOfUp []connector.NodeID)
			walk = func(s connector.NodeID, chain []connector.NodeID, steps []trStep, allOfUp []connector.NodeID) {
				r := a.R(s)
				if a.Kind(r) != connector.Object || seen[r] || len(chain) > 64 {
					return
				}
				seen[r] = true
				if holders[r] {
					m.BodySet[r] = true
				}
				chain = append(chain, r)
				var buf [4]connector.NodeID
				k := [4]connector.NodeID{connector.None, connector.None, connector.None, connector.None}
				found, mask := a.FindKeys(r, trWalkKeys, buf[:0])
				for j := range k {
					if mask&(1<<j) != 0 {
						k[j], found = found[0], found[1:]
					}
				}
				if mk := k[0]; a.IsTrue(mk) {
					m.NURLs[i] = append(m.NURLs[i], trNURL{Param: p, Mark: mk, Leaf: r,
						Chain: slices.Clone(chain), Steps: slices.Clone(steps)})
				}
				props, items, allOf := k[1], k[2], k[3]
				hasProps := a.Kind(props) == connector.Object && a.Nodes[props].First != connector.None
				hasAllOf := a.Kind(allOf) == connector.Array && a.Nodes[allOf].First != connector.None
				var reqFrom []connector.NodeID // kept by the steps below: a new slice, built only when used
				if hasProps || hasAllOf {
					reqFrom = append(slices.Clip(allOfUp), r)
					for _, e := range a.Elems(allOf) {
						if er := a.R(e); a.Kind(er) == connector.Object {
							reqFrom = append(reqFrom, er)
						}
					}
				}
				for name, prop := range a.Members(props) {
					walk(prop, chain, append(steps, trStep{Prop: prop, Holder: r, Name: name, ReqFrom: reqFrom}), nil)
				}
				if a.Kind(items) == connector.Object {
					walk(items, chain, append(steps, trStep{Prop: items, Holder: r, Name: a.Key(items), ViaItems: true}), nil)
				}
				for _, e := range a.Elems(allOf) {
					walk(e, chain[:len(chain)-1], steps, reqFrom)
				}
			}
			walk(a.Get(p.Node, "schema"), nil, nil, nil)
		}
	}
	return m
}

// trIsWebhook reports whether operation i carries a notification URL in its body input.
func trIsWebhook(m *trModel, i int) bool { return len(m.NURLs[i]) > 0 }

// trIsTrigger reports whether op is marked x-ms-trigger.
func trIsTrigger(a *connector.API, op connector.Operation) bool {
	return a.Get(op.Node, "x-ms-trigger") != connector.None
}

// trPropName is a readable name for a notification URL property: its dotted path in the body.
func trPropName(n trNURL) string {
	var parts []string
	for _, s := range n.Steps {
		if s.ViaItems {
			parts = append(parts, "[]")
			continue
		}
		parts = append(parts, s.Name)
	}
	if len(parts) == 0 {
		return n.Param.Name
	}
	return strings.Join(parts, ".")
}

// trReportNode is where to report on a notification URL property: the key of its last property
// member, or the x-ms-notification-url member itself.
func trReportNode(n trNURL) connector.NodeID {
	for i := len(n.Steps) - 1; i >= 0; i-- {
		if !n.Steps[i].ViaItems {
			return n.Steps[i].Prop
		}
	}
	return n.Mark
}

// ---- webhook-notification-url-present ----

var webhookNotificationURLPresentRule = &Rule{
	ID:       "webhook-notification-url-present",
	Code:     "WebhookOperationsMissingNotificationUrlProperty",
	Severity: Error,
	Category: "triggers",
	Inputs:   Swagger,
	Doc: Doc{
		Title: "Webhook triggers carry their callback URL in the request body",
		Why: "When a webhook trigger is registered, Power Automate sends the address it wants to be called back on " +
			"in the property marked \"x-ms-notification-url\": true, and that property must be part of the body input. " +
			"A trigger whose path item has x-ms-notification-content (so it is a webhook) but whose body has no such " +
			"property cannot be subscribed (validator code WebhookOperationsMissingNotificationUrlProperty). The mark " +
			"on a query, header, path or formData parameter is rejected as well (NotificationUrlNotAllowedInThisPosition). " +
			"The mark inside response schemas is not reported: merged connectors (AtBot) return the subscription " +
			"model, callback property included, and passed validation.",
		HowToFix: "Add a string property such as callbackUrl to the body schema of the subscription operation with " +
			"\"x-ms-notification-url\": true, \"x-ms-visibility\": \"internal\" and list it in required; remove the " +
			"mark from any other place.",
		Source: "https://learn.microsoft.com/en-us/connectors/custom-connectors/create-webhook-trigger ; " +
			"https://learn.microsoft.com/en-us/connectors/custom-connectors/certification-swagger-validator-rules ; rules-catalog §2.8",
	},
	Check: checkWebhookNotificationURLPresent,
}

func checkWebhookNotificationURLPresent(p *Pass) error {
	a := p.API
	m := trGetModel(a)
	for i, op := range a.Ops {
		if trIsTrigger(a, op) && !trIsWebhook(m, i) && a.Get(op.PathItem, "x-ms-notification-content") != connector.None {
			p.SwaggerKey(op.Node, "trigger %q has x-ms-notification-content but no body property marked "+
				"x-ms-notification-url; add the callback URL property to its body input", op.Name())
		}
	}
	// The mark anywhere but a body input.
	for _, id := range trMarks(a) {
		holder := a.Parent(id)
		switch {
		case m.BodySet[holder]:
		case m.NonBody[holder]:
			p.SwaggerKey(id, "%s parameter %q is marked x-ms-notification-url; only a property of the body input "+
				"can receive the callback URL", a.GetString(holder, "in"), a.GetString(holder, "name"))
		}
	}
	return nil
}

// ---- webhook-notification-url-internal ----

var webhookNotificationURLInternalRule = &Rule{
	ID:       "webhook-notification-url-internal",
	Code:     "NotificationUrlNotInternal",
	Severity: Error,
	Category: "triggers",
	Inputs:   Swagger,
	Doc: Doc{
		Title: "The notification URL property is internal, required and a string",
		Why: "The platform, not the user, fills the callback URL of a webhook. Microsoft's validator therefore " +
			"requires that the property marked x-ms-notification-url, or one of its parents, is " +
			"\"x-ms-visibility\": \"internal\" (NotificationUrlNotInternal), that every object on the way from the " +
			"body schema down to it lists the next property in its required array (NotificationUrlNotRequired), " +
			"and that it is of type string (NotificationUrlNotString). All 610 notification URL properties of the " +
			"merged connectors measured are internal and required along the chain. Whether the body parameter " +
			"itself says required: true is not checked: 73 merged webhooks omit it.",
		HowToFix: "Add \"x-ms-visibility\": \"internal\" and \"type\": \"string\" to the property and add each " +
			"property name on the way to the required array of its parent object. The fixes do exactly that.",
		Source: "https://learn.microsoft.com/en-us/connectors/custom-connectors/certification-swagger-validator-rules " +
			"(Webhooks) ; rules-catalog §2.8, §8",
	},
	Check: checkWebhookNotificationURLInternal,
}

func checkWebhookNotificationURLInternal(p *Pass) error {
	a := p.API
	f := p.C.Swagger
	m := trGetModel(a)
	done := map[connector.NodeID]bool{} // a shared definition is reported once
	for i := range a.Ops {
		for _, n := range m.NURLs[i] {
			if done[n.Mark] {
				continue
			}
			done[n.Mark] = true
			name := trPropName(n)
			internal := a.Internal(n.Param.Node)
			for _, c := range n.Chain {
				internal = internal || a.Internal(c)
			}
			if !internal {
				fd := p.SwaggerKey(trReportNode(n), "notification URL property %q is visible to users; mark it "+
					"(or a parent) \"x-ms-visibility\": \"internal\"", name)
				if v := a.Get(n.Leaf, "x-ms-visibility"); v != connector.None {
					fd.WithFix("Set x-ms-visibility to internal", ReplaceString(f, v, "internal"))
				} else {
					fd.WithFix("Add \"x-ms-visibility\": \"internal\"", AddMember(f, n.Leaf, "x-ms-visibility", `"internal"`))
				}
			}
			for _, s := range n.Steps {
				if s.ViaItems || trListed(a, s.ReqFrom, s.Name) {
					continue
				}
				fd := p.SwaggerKey(s.Prop, "property %q on the way to the notification URL is not in its parent's "+
					"required list; the notification URL must be required at every level", s.Name)
				if e, ok := trAddRequired(f, s.Holder, s.Name); ok {
					fd.WithFix("Add "+Quote(s.Name)+" to required", e)
				}
				break
			}
			typ := a.Get(n.Leaf, "type")
			if t, ok := a.Str(typ); ok && t != "string" {
				p.Swagger(typ, "notification URL property %q has type %q; it must be a string", name, t).
					WithFix("Set the type to string", ReplaceString(f, typ, "string"))
			} else if !ok && typ != connector.None {
				p.Swagger(typ, "notification URL property %q has a type that is not a string name; use \"type\": \"string\"", name)
			} else if typ == connector.None {
				p.SwaggerKey(trReportNode(n), "notification URL property %q has no type; add \"type\": \"string\"", name).
					WithFix("Add \"type\": \"string\"", AddMember(f, n.Leaf, "type", `"string"`))
			}
		}
	}
	return nil
}

// trListed reports whether name is in the required array of one of the schema objects.
func trListed(a *connector.API, from []connector.NodeID, name string) bool {
	for _, s := range from {
		for _, e := range a.Elems(a.Get(s, "required")) {
			if a.String(e) == name {
				return true
			}
		}
	}
	return false
}

// trAddRequired returns an edit that adds name to the required array of object schema obj, creating
// the array when absent. It refuses when required is not an array.
func trAddRequired(f *connector.File, obj connector.NodeID, name string) (Edit, bool) {
	d := f.Doc
	req := d.Get(obj, "required")
	if req == connector.None {
		return AddMember(f, obj, "required", "["+Quote(name)+"]"), true
	}
	if d.Kind(req) != connector.Array {
		return Edit{}, false
	}
	last := connector.None
	for _, e := range d.Elems(req) {
		last = e
	}
	if last == connector.None {
		return ReplaceValue(f, req, "["+Quote(name)+"]"), true
	}
	_, end := d.ValueRange(last)
	return Edit{File: f.Name, Start: end, End: end, New: ", " + Quote(name)}, true
}

// ---- webhook-notification-content ----

var webhookNotificationContentRule = &Rule{
	ID:       "webhook-notification-content",
	Code:     "OperationMustHaveNotificationContentExtension",
	Severity: Error,
	Category: "triggers",
	Inputs:   Swagger,
	Doc: Doc{
		Title: "Webhook operations describe their callback payload in x-ms-notification-content",
		Why: "The outputs of a webhook trigger are what the service posts to the callback URL, not the response " +
			"of the subscription call. They are described by x-ms-notification-content on the operation's path " +
			"item; without it the designer shows no outputs and Microsoft's validator rejects an operation whose " +
			"body has a property marked x-ms-notification-url (OperationMustHaveNotificationContentExtension). No " +
			"merged webhook lacks it. An x-ms-notification-content without a schema is reported by extension-value.",
		HowToFix: "Add \"x-ms-notification-content\": {\"description\": \"…\", \"schema\": {…}} to the path item of the " +
			"subscription operation, with the schema of the payload the service sends.",
		Source: "https://learn.microsoft.com/en-us/connectors/custom-connectors/openapi-extensions ; " +
			"https://learn.microsoft.com/en-us/connectors/custom-connectors/create-webhook-trigger ; rules-catalog §2.8",
	},
	Check: checkWebhookNotificationContent,
}

func checkWebhookNotificationContent(p *Pass) error {
	a := p.API
	m := trGetModel(a)
	for i, op := range a.Ops {
		if !trIsWebhook(m, i) || a.Get(op.PathItem, "x-ms-notification-content") != connector.None {
			continue
		}
		p.SwaggerKey(op.Node, "operation %q has the notification URL property %q but its path %q has no "+
			"x-ms-notification-content; describe the callback payload there", op.Name(), trPropName(m.NURLs[i][0]), op.Path)
	}
	return nil
}

// ---- webhook-delete-operation ----

var webhookDeleteOperationRule = &Rule{
	ID:       "webhook-delete-operation",
	Severity: Warning,
	Category: "triggers",
	Inputs:   Swagger,
	Doc: Doc{
		Title: "A connector with webhook triggers can unregister them",
		Why: "When a flow with a webhook trigger is turned off or deleted, Power Automate calls the URL from the " +
			"Location header of the subscription response with DELETE. Microsoft's webhook guide says the " +
			"connector must define that DELETE operation (usually internal); without it subscriptions pile up at " +
			"the service and keep firing. connectorlint cannot see the Location header, so it only checks that the " +
			"connector has at least one DELETE operation. It is a warning: 37 merged webhook connectors have none.",
		HowToFix: "Add an operation such as DELETE /hooks/{hookId} (\"x-ms-visibility\": \"internal\") and make the " +
			"subscription response return its URL in the Location header.",
		Source: "https://learn.microsoft.com/en-us/connectors/custom-connectors/create-webhook-trigger ; rules-catalog §2.8",
	},
	Check: checkWebhookDeleteOperation,
}

func checkWebhookDeleteOperation(p *Pass) error {
	a := p.API
	m := trGetModel(a)
	first := -1
	for i, op := range a.Ops {
		if op.Method == "delete" {
			return nil
		}
		if first < 0 && trIsTrigger(a, op) && trIsWebhook(m, i) {
			first = i
		}
	}
	if first >= 0 {
		op := a.Ops[first]
		p.SwaggerKey(op.Node, "webhook trigger %q cannot be unregistered: the connector has no DELETE operation; "+
			"add one for the Location URL the subscription returns", op.Name())
	}
	return nil
}

// ---- x-ms-notification-rules ----

var xMsNotificationRulesRule = &Rule{
	ID:       "x-ms-notification-rules",
	Code:     "NotificationExtensionSupportedForTriggerOnly",
	Severity: Error,
	Category: "triggers",
	Inputs:   Swagger,
	Doc: Doc{
		Title: "x-ms-notification sits on a trigger and names a webhook operation",
		Why: "x-ms-notification links a trigger to the webhook operation that subscribes to its notifications. " +
			"Microsoft's validator accepts it only on an operation marked x-ms-trigger " +
			"(NotificationExtensionSupportedForTriggerOnly), never on a webhook operation itself " +
			"(NotificationExtensionNotSupportedInWebhookOperation), and its operationId must name an operation whose " +
			"body carries an x-ms-notification-url property (NotificationOperationMustBeWebhook). The shape " +
			"({operationId}) is checked by extension-value.",
		HowToFix: "Move x-ms-notification to the trigger it belongs to, or remove it; point its operationId at the " +
			"webhook subscription operation.",
		Source: "https://learn.microsoft.com/en-us/connectors/custom-connectors/certification-swagger-validator-rules ; rules-catalog §2.8",
	},
	Check: checkXMsNotificationRules,
}

func checkXMsNotificationRules(p *Pass) error {
	a := p.API
	m := trGetModel(a)
	for i, op := range a.Ops {
		n := a.Get(op.Node, "x-ms-notification")
		if n == connector.None {
			continue
		}
		switch {
		case !trIsTrigger(a, op):
			p.SwaggerKey(n, "operation %q has x-ms-notification but is not a trigger; only x-ms-trigger operations "+
				"may use it", op.Name())
			continue
		case trIsWebhook(m, i):
			p.SwaggerKey(n, "webhook operation %q has x-ms-notification; remove it, a webhook receives its "+
				"notifications through its own callback URL", op.Name())
			continue
		}
		idn := a.Get(n, "operationId")
		id, ok := a.Str(idn)
		if !ok {
			continue // shape: extension-value
		}
		j, found := trOpIndex(a)[id]
		switch {
		case !found:
			p.Swagger(idn, "x-ms-notification operationId %q names no operation; use the operationId of the "+
				"webhook subscription operation", id)
		case !trIsWebhook(m, j):
			p.Swagger(idn, "x-ms-notification operationId %q is not a webhook operation (its body has no "+
				"x-ms-notification-url property); point it at the webhook subscription operation", id)
		}
	}
	return nil
}

// ---- polling-trigger-shape ----

var pollingTriggerShapeRule = &Rule{
	ID:       "polling-trigger-shape",
	Severity: Warning,
	Category: "triggers",
	Inputs:   Swagger,
	Doc: Doc{
		Title: "Batch triggers return an array of items",
		Why: "A trigger marked \"x-ms-trigger\": \"batch\" hands the designer a list of new items (Microsoft's polling " +
			"trigger guide: 200 with an array of the new items, 202 when there is nothing new). When its 200 " +
			"response (the x-ms-notification-content payload for a webhook) has no array anywhere, the flow " +
			"cannot iterate over the items, which usually means the trigger should be single. Responses whose " +
			"schema is dynamic, empty or missing are left to the response rules. The run-time parts of the guide " +
			"(202 with Location and retry-after, reverse sort order, the internal state parameter) cannot be seen " +
			"in the file. 1 of 39 merged batch triggers has no array.",
		HowToFix: "Describe the list the service returns (type array with items, or an object with an array " +
			"property such as value), or change the trigger to \"x-ms-trigger\": \"single\".",
		Source: "https://learn.microsoft.com/en-us/connectors/custom-connectors/create-polling-trigger ; rules-catalog §2.8",
	},
	Check: checkPollingTriggerShape,
}

func checkPollingTriggerShape(p *Pass) error {
	a := p.API
	m := trGetModel(a)
	for i, op := range a.Ops {
		tv := a.Get(op.Node, "x-ms-trigger")
		if a.String(tv) != "batch" {
			continue
		}
		var s connector.NodeID
		var where string
		if trIsWebhook(m, i) {
			s, where = a.Path(op.PathItem, "x-ms-notification-content", "schema"), "notification content"
		} else {
			s, where = trSuccessSchema(a, op)
		}
		r := a.R(s)
		if a.Kind(r) != connector.Object || trSchemaOpaque(a, r) {
			continue
		}
		if !trHasArray(a, r, map[connector.NodeID]bool{}, 0) {
			p.Swagger(tv, "batch trigger %q returns no array in its %s; describe the list of items or make the "+
				"trigger single", op.Name(), where)
		}
	}
	return nil
}

// trSuccessSchema returns the schema of op's 200 response, or of its first other 2xx response but 202.
func trSuccessSchema(a *connector.API, op connector.Operation) (connector.NodeID, string) {
	rs := a.Responses(op)
	if r := a.Get(rs, "200"); r != connector.None {
		return a.Get(a.R(r), "schema"), "200 response"
	}
	for code, r := range a.Members(rs) {
		if len(code) == 3 && code[0] == '2' && code != "202" {
			return a.Get(a.R(r), "schema"), code + " response"
		}
	}
	return connector.None, ""
}

// trSchemaOpaque reports whether resolved schema s says nothing checkable: dynamic, empty, or typeless
// without properties or items.
func trSchemaOpaque(a *connector.API, s connector.NodeID) bool {
	if a.Get(s, "x-ms-dynamic-schema") != connector.None || a.Get(s, "x-ms-dynamic-properties") != connector.None {
		return true
	}
	for _, k := range []string{"type", "properties", "items", "allOf", "additionalProperties"} {
		if a.Get(s, k) != connector.None {
			return false
		}
	}
	return true
}

// trHasArray reports whether schema s is an array or has one among its (nested) properties.
func trHasArray(a *connector.API, s connector.NodeID, seen map[connector.NodeID]bool, depth int) bool {
	s = a.R(s)
	if a.Kind(s) != connector.Object || seen[s] || depth > 32 {
		return false
	}
	seen[s] = true
	if a.GetString(s, "type") == "array" || a.Get(s, "items") != connector.None {
		return true
	}
	if a.Get(s, "x-ms-dynamic-schema") != connector.None || a.Get(s, "x-ms-dynamic-properties") != connector.None {
		return true // built at run time: may well be a list
	}
	found := false
	a.SchemaChildren(s, func(c connector.NodeID) {
		if !found && trHasArray(a, c, seen, depth+1) {
			found = true
		}
	})
	return found
}

// ---- trigger-hint ----

var triggerHintRule = &Rule{
	ID:       "trigger-hint",
	Severity: Info,
	Category: "triggers",
	Inputs:   Swagger,
	Doc: Doc{
		Title: "Triggers explain how to fire them with x-ms-trigger-hint",
		Why: "When a maker tests a flow, the designer shows the trigger's x-ms-trigger-hint (for example \"To see " +
			"it work, create a new ticket\") while it waits for the first event. Without it the maker has to guess " +
			"what to do in the service. Microsoft documents the extension as a recommendation; only 112 of 684 " +
			"merged triggers have one, hence info. Internal triggers are not shown and are skipped.",
		HowToFix: "Add \"x-ms-trigger-hint\": \"To see it work, …\" to the trigger operation, saying what to do in " +
			"the service to make it fire.",
		Source: "https://learn.microsoft.com/en-us/connectors/custom-connectors/openapi-extensions ; rules-catalog §2.8",
	},
	Check: checkTriggerHint,
}

func checkTriggerHint(p *Pass) error {
	a := p.API
	for _, op := range a.Ops {
		if !trIsTrigger(a, op) || a.Internal(op.Node) || a.Get(op.Node, "x-ms-trigger-hint") != connector.None {
			continue
		}
		p.SwaggerKey(op.Node, "trigger %q has no x-ms-trigger-hint; add a sentence telling makers how to make it fire "+
			"when they test a flow", op.Name())
	}
	return nil
}
