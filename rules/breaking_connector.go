package rules

import (
	"fmt"
	"sort"
	"strings"

	"github.com/connectorlint/connectorlint/connector"
)

// Connector-level breaking changes: triggers, authentication, connection parameters, host and basePath.

// bkTriggerKind describes how an operation acts as a trigger: "" for an action, else
// "<single|batch> <polling|webhook>".
func bkTriggerKind(d *bkDiff, old bool, op connector.Operation) (kind, mech string) {
	a := d.api(old)
	kind = a.GetString(op.Node, "x-ms-trigger")
	if kind == "" {
		return "", ""
	}
	mech = "polling"
	if a.Get(op.PathItem, "x-ms-notification-content") != connector.None {
		mech = "webhook"
	}
	for _, f := range d.bkInputs(old, op).list {
		if f.notify {
			mech = "webhook"
		}
	}
	return kind, mech
}

var bcTriggerKindChangedRule = &Rule{
	ID:       "breaking-trigger-kind-changed",
	Severity: Error,
	Category: "breaking",
	Inputs:   Swagger,
	Doc: Doc{
		Title: "An update keeps the kind of every trigger (single or batch, polling or webhook)",
		Why: "A flow's trigger is saved with the way it fires: `x-ms-trigger: batch` gives the flow an array to loop " +
			"over, `single` one item; a polling trigger is called on a schedule, a webhook trigger registers a callback " +
			"URL once. Changing either, or turning a trigger into an action (or back), leaves existing flows with a " +
			"trigger that no longer fires as saved." + bkWhyCommon,
		HowToFix: "Keep the trigger as it is and add the other kind as a new trigger operation (its own operationId, " +
			"e.g. `OnNewItem_V2`, and path). " + bkVersioning,
		Source: bkSourceMS + "; https://learn.microsoft.com/en-us/connectors/custom-connectors/openapi-extensions (x-ms-trigger); " +
			"create-webhook-trigger, create-polling-trigger",
	},
	Compare: compareTriggerKindChanged,
}

func compareTriggerKindChanged(p *ChangePass) error {
	d := bkDiffOf(p)
	r := bkNewReporter(p)
	for _, pr := range d.pairs {
		ok, om := bkTriggerKind(d, true, pr.o)
		nk, nm := bkTriggerKind(d, false, pr.n)
		if ok == nk && om == nm {
			continue
		}
		at, value := d.new.Get(pr.n.Node, "x-ms-trigger"), true
		if at == connector.None {
			at, value = pr.n.Node, false
		}
		old := d.old.Get(pr.o.Node, "x-ms-trigger")
		if old == connector.None {
			old = pr.o.Node
		}
		var msg string
		switch {
		case ok == "":
			msg = fmt.Sprintf("the action has become a %s %s trigger; existing flows use it as an action", nk, nm)
		case nk == "":
			msg = fmt.Sprintf("the %s %s trigger has become an action; flows started by it no longer fire", ok, om)
		default:
			msg = fmt.Sprintf("the trigger has changed from %s %s to %s %s; existing flows were built for the old kind", ok, om, nk, nm)
		}
		r.add(d.newF, at, value, d.oldF, old, bkOpName(pr.n), msg)
	}
	r.flush()
	return nil
}

// ---- authentication ----

// bkAuthKinds returns the authentication kinds of a swagger's securityDefinitions: name → kind, where
// kind is the type plus, for oauth2, its flow.
func bkAuthKinds(a *connector.API) map[string]string {
	out := map[string]string{}
	for name, def := range a.Members(a.Get(a.Root, "securityDefinitions")) {
		k := a.GetString(def, "type")
		if f := a.GetString(def, "flow"); k == "oauth2" && f != "" {
			k += " (" + f + ")"
		}
		out[name] = k
	}
	return out
}

// bkPropsDoc returns the parsed apiProperties of c, or nil.
func bkPropsDoc(c *connector.Connector) *connector.Doc {
	if c.Props == nil || c.Props.Doc == nil || c.Props.Doc.Kind(c.Props.Doc.Root) != connector.Object {
		return nil
	}
	return c.Props.Doc
}

var bcAuthTypeChangedRule = &Rule{
	ID:       "breaking-auth-type-changed",
	Code:     "AuthenticationMethodRemoved",
	Severity: Error,
	Category: "breaking",
	Inputs:   Swagger | Props,
	Doc: Doc{
		Title: "An update keeps the connector's authentication type",
		Why: "Every existing connection was created with the old authentication; after the change they no longer work " +
			"and every flow needs a new connection. Microsoft Learn (certification updates): \"Changing the " +
			"authentication type of your connector in an update isn't allowed.\" Microsoft's validator has a change " +
			"type `AuthenticationMethodRemoved`. Compared: the types of `securityDefinitions` (and the oauth2 flow), the " +
			"identity provider of an `oauthSetting` connection parameter, and the authentication options " +
			"(`connectionParameterSets`) of apiProperties.json." + bkWhyCommon,
		HowToFix: "Keep the old authentication. To offer another one, add it beside the old one as a second option " +
			"with multi-auth (`connectionParameterSets` in apiProperties.json); existing connections keep working. A " +
			"connector whose authentication must change is published as a new connector.",
		Source: "https://learn.microsoft.com/en-us/connectors/custom-connectors/certification-updates ; " +
			"https://learn.microsoft.com/en-us/connectors/custom-connectors/multi-auth ; change type AuthenticationMethodRemoved " +
			"(third-party guide); rules-catalog §2.7 auth-type-unchanged-on-update, §7",
	},
	Compare: compareAuthTypeChanged,
}

func compareAuthTypeChanged(p *ChangePass) error {
	r := bkNewReporter(p)
	oa, na := p.OldAPI, p.NewAPI
	oldK, newK := bkAuthKinds(oa), bkAuthKinds(na)
	oldDefs, newDefs := oa.Get(oa.Root, "securityDefinitions"), na.Get(na.Root, "securityDefinitions")
	kinds := func(m map[string]string) map[string]bool {
		s := map[string]bool{}
		for _, k := range m {
			s[k] = true
		}
		return s
	}
	newKinds, oldKinds := kinds(newK), kinds(oldK)
	for _, name := range bkSortedKeys(oldK) {
		k := oldK[name]
		od := oa.Get(oldDefs, name)
		if nk, ok := newK[name]; ok {
			if nk != k {
				at := na.Get(na.Get(newDefs, name), "type")
				if nk2, _, _ := strings.Cut(nk, " "); nk2 == strings.SplitN(k, " ", 2)[0] {
					at = na.Get(na.Get(newDefs, name), "flow")
				}
				r.add(p.New.Swagger, at, true, p.Old.Swagger, od, "",
					fmt.Sprintf("security definition %q has changed from %s to %s; existing connections stop working", name, k, nk))
			}
			continue
		}
		if newKinds[k] {
			continue // renamed definition of the same kind
		}
		at := newDefs
		if at == connector.None {
			at = na.Root
		}
		msg := fmt.Sprintf("the %s authentication (security definition %q) has been removed; existing connections stop working", k, name)
		if len(newKinds) > 0 {
			msg = fmt.Sprintf("the %s authentication (security definition %q) has been replaced by %s; existing connections stop working",
				k, name, strings.Join(bkSortedKeys(newKinds), ", "))
		}
		r.add(p.New.Swagger, at, false, p.Old.Swagger, od, "", msg)
	}
	if len(oldK) == 0 && len(newK) > 0 {
		for _, name := range bkSortedKeys(newK) {
			if oldKinds[newK[name]] {
				continue
			}
			r.add(p.New.Swagger, na.Get(newDefs, name), false, p.Old.Swagger, oa.Get(oa.Root, "securityDefinitions"), "",
				fmt.Sprintf("%s authentication (security definition %q) has been added to a connector that had none; existing connections have no credentials", newK[name], name))
		}
	}
	// apiProperties: the identity provider of oauth connection parameters, and multi-auth options.
	od, nd := bkPropsDoc(p.Old), bkPropsDoc(p.New)
	if od != nil && nd != nil {
		oldCP, newCP := bkConnParams(od), bkConnParams(nd)
		for _, key := range bkSortedKeys(oldCP) {
			o := oldCP[key]
			n, ok := newCP[key]
			if !ok || o.typ != "oauthSetting" {
				continue
			}
			oip := od.String(od.Path(o.node, "oAuthSettings", "identityProvider"))
			nipN := nd.Path(n.node, "oAuthSettings", "identityProvider")
			if nip := nd.String(nipN); oip != "" && nip != "" && oip != nip {
				r.add(p.New.Props, nipN, true, p.Old.Props, od.Path(o.node, "oAuthSettings", "identityProvider"), "",
					fmt.Sprintf("the identity provider of connection parameter %q has changed from %q to %q; existing connections stop working", o.label, oip, nip))
			} else if n.typ != o.typ && n.typ != "" {
				r.add(p.New.Props, nd.Get(n.node, "type"), true, p.Old.Props, o.node, "",
					fmt.Sprintf("connection parameter %q has changed from %s to %s; existing connections stop working", o.label, o.typ, n.typ))
			}
		}
		oldSets, newSets := bkParamSets(od), bkParamSets(nd)
		for _, name := range bkSortedKeys(oldSets) {
			if _, ok := newSets[name]; ok || len(oldSets) == 0 {
				continue
			}
			at := nd.Path(nd.Root, "properties", "connectionParameterSets")
			if at == connector.None {
				at = nd.Path(nd.Root, "properties", "connectionParameters")
			}
			r.add(p.New.Props, at, false, p.Old.Props, oldSets[name], "",
				fmt.Sprintf("the authentication option %q (connectionParameterSets) has been removed; connections created with it stop working", name))
		}
	}
	r.flush()
	return nil
}

func bkSortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// ---- connection parameters ----

// bkConnParam is one connection parameter of apiProperties.json.
type bkConnParam struct {
	label    string // name, or "set/name" inside a multi-auth option
	node     connector.NodeID
	typ      string
	required bool
	hidden   bool
}

// bkConnParams returns the connection parameters of an apiProperties document, keyed by name (and
// "set/name" for those of connectionParameterSets).
func bkConnParams(d *connector.Doc) map[string]bkConnParam {
	out := map[string]bkConnParam{}
	add := func(prefix string, obj connector.NodeID) {
		for name, n := range d.Members(obj) {
			req := d.Path(n, "uiDefinition", "constraints", "required")
			hid := d.Path(n, "uiDefinition", "constraints", "hidden")
			label := prefix + name
			out[label] = bkConnParam{label: label, node: n, typ: d.GetString(n, "type"),
				required: d.IsTrue(req) || strings.EqualFold(d.String(req), "true"),
				hidden:   d.IsTrue(hid) || strings.EqualFold(d.String(hid), "true")}
		}
	}
	props := d.Get(d.Root, "properties")
	add("", d.Get(props, "connectionParameters"))
	for _, set := range d.Elems(d.Path(props, "connectionParameterSets", "values")) {
		if name := d.GetString(set, "name"); name != "" {
			add(name+"/", d.Get(set, "parameters"))
		}
	}
	return out
}

// bkParamSets returns the multi-auth options of an apiProperties document by name.
func bkParamSets(d *connector.Doc) map[string]connector.NodeID {
	out := map[string]connector.NodeID{}
	for _, set := range d.Elems(d.Path(d.Root, "properties", "connectionParameterSets", "values")) {
		if name := d.GetString(set, "name"); name != "" {
			out[name] = set
		}
	}
	return out
}

var bcConnectionParameterRemovedRule = &Rule{
	ID:       "breaking-connection-parameter-removed",
	Code:     "ConnectionParametersRemoved",
	Severity: Error,
	Category: "breaking",
	Inputs:   Props,
	Doc: Doc{
		Title: "An update keeps every connection parameter",
		Why: "Existing connections hold a value for every connection parameter and the policies or script of the " +
			"connector may read it; removing one invalidates those connections. Microsoft's validator has a change type " +
			"`ConnectionParametersRemoved`." + bkWhyCommon,
		HowToFix: "Keep the connection parameter (it may become optional, or hidden with a default). To change how users " +
			"connect, add a new authentication option with multi-auth (`connectionParameterSets`) and keep the old one.",
		Source: "https://learn.microsoft.com/en-us/connectors/custom-connectors/connection-parameters ; change type " +
			"ConnectionParametersRemoved (third-party guide); rules-catalog §7",
	},
	Compare: compareConnectionParameterRemoved,
}

func compareConnectionParameterRemoved(p *ChangePass) error {
	od, nd := bkPropsDoc(p.Old), bkPropsDoc(p.New)
	if od == nil || nd == nil {
		return nil
	}
	r := bkNewReporter(p)
	oldCP, newCP := bkConnParams(od), bkConnParams(nd)
	oldSets, newSets := bkParamSets(od), bkParamSets(nd)
	for _, key := range bkSortedKeys(oldCP) {
		if _, ok := newCP[key]; ok {
			continue
		}
		if set, _, inSet := strings.Cut(key, "/"); inSet && oldSets[set] != connector.None {
			if _, still := newSets[set]; !still {
				continue // the whole option went: breaking-auth-type-changed
			}
		}
		o := oldCP[key]
		at := bkDeepestDoc(nd, "properties", "connectionParameters")
		if set, _, inSet := strings.Cut(key, "/"); inSet {
			at = nd.Get(newSets[set], "parameters")
			if at == connector.None {
				at = newSets[set]
			}
		}
		r.add(p.New.Props, at, false, p.Old.Props, o.node, "",
			fmt.Sprintf("connection parameter %q has been removed; existing connections that set it break", key))
	}
	r.flush()
	return nil
}

func bkDeepestDoc(d *connector.Doc, keys ...string) connector.NodeID {
	n := d.Root
	for _, k := range keys {
		c := d.Get(n, k)
		if c == connector.None {
			break
		}
		n = c
	}
	return n
}

var bcConnectionParameterRequiredRule = &Rule{
	ID:       "breaking-connection-parameter-required",
	Severity: Error,
	Category: "breaking",
	Inputs:   Props,
	Doc: Doc{
		Title: "An update adds no required connection parameter",
		Why: "Existing connections were created without the new value; a required connection parameter that is added " +
			"(or made required) leaves them incomplete, and every flow that uses them needs a new connection." + bkWhyCommon,
		HowToFix: "Make the new connection parameter optional (`uiDefinition.constraints.required: \"false\"`) and " +
			"handle its absence in policies or script.csx, or give it a default and hide it. To require it from new " +
			"connections only, add it in a new authentication option (`connectionParameterSets`) and keep the old one.",
		Source: "https://learn.microsoft.com/en-us/connectors/custom-connectors/connection-parameters ; " +
			"https://learn.microsoft.com/en-us/connectors/custom-connectors/certification-updates ; rules-catalog §7",
	},
	Compare: compareConnectionParameterRequired,
}

func compareConnectionParameterRequired(p *ChangePass) error {
	od, nd := bkPropsDoc(p.Old), bkPropsDoc(p.New)
	if od == nil || nd == nil {
		return nil
	}
	r := bkNewReporter(p)
	oldCP, newCP := bkConnParams(od), bkConnParams(nd)
	oldSets := bkParamSets(od)
	for _, key := range bkSortedKeys(newCP) {
		n := newCP[key]
		if !n.required || n.hidden || n.typ == "oauthSetting" {
			continue
		}
		if set, _, inSet := strings.Cut(key, "/"); inSet && len(oldSets) > 0 {
			if _, existed := oldSets[set]; !existed {
				continue // a new authentication option: new connections only
			}
		}
		o, existed := oldCP[key]
		switch {
		case !existed:
			r.add(p.New.Props, n.node, false, p.Old.Props, bkDeepestDoc(od, "properties", "connectionParameters"), "",
				fmt.Sprintf("the required connection parameter %q has been added; existing connections do not have it", key))
		case !o.required:
			r.add(p.New.Props, n.node, false, p.Old.Props, o.node, "",
				fmt.Sprintf("connection parameter %q has been made required; existing connections may not have it", key))
		}
	}
	r.flush()
	return nil
}

// ---- host and basePath ----

var bcHostChangedRule = &Rule{
	ID:       "breaking-host-changed",
	Severity: Warning,
	Category: "breaking",
	Inputs:   Swagger,
	Doc: Doc{
		Title: "An update keeps the connector's host and basePath",
		Why: "Every operation of every existing flow is sent to `host` + `basePath`. A new host or base path is fine only " +
			"when it serves exactly the same API (a domain move); otherwise each operation changes under existing " +
			"flows at once. Microsoft reviewers ask about it; its validator was not seen reporting it, so this is a " +
			"warning." + bkWhyCommon,
		HowToFix: "If the API is the same, confirm it in the pull request and keep the old host answering for a while. " +
			"If it is a new API version, keep the old base path and add the new operations under their own paths " +
			"(`/v2/...`) with `_V2` operationIds in the same `x-ms-api-annotation` family, moving the old ones to " +
			"advanced and then deprecated. Per-environment hosts belong in a `dynamichosturl` policy with a connection " +
			"parameter, not in `host`.",
		Source: bkSourceMS + "; https://learn.microsoft.com/en-us/connectors/custom-connectors/policy-templates/dynamichosturl/dynamichosturl",
	},
	Compare: compareHostChanged,
}

func compareHostChanged(p *ChangePass) error {
	r := bkNewReporter(p)
	oa, na := p.OldAPI, p.NewAPI
	for _, key := range []string{"host", "basePath"} {
		on, nn := oa.Get(oa.Root, key), na.Get(na.Root, key)
		ov, nv := oa.String(on), na.String(nn)
		norm := func(s string) string {
			s = strings.ToLower(strings.TrimSpace(s))
			if key == "basePath" {
				s = strings.TrimSuffix(s, "/")
			}
			return s
		}
		if norm(ov) == norm(nv) || key == "host" && on == connector.None {
			continue
		}
		at, value := nn, true
		if nn == connector.None {
			at, value = na.Root, false
		}
		if nv == "" && key == "host" {
			r.add(p.New.Swagger, at, value, p.Old.Swagger, on, "", fmt.Sprintf("host %q has been removed; existing flows were calling it", ov))
			continue
		}
		r.add(p.New.Swagger, at, value, p.Old.Swagger, on, "",
			fmt.Sprintf("%s has changed from %q to %q; every operation of existing flows now goes there", key, ov, nv))
	}
	r.flush()
	return nil
}
