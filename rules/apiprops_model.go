package rules

import (
	"regexp"
	"strings"

	"github.com/connectorlint/connectorlint/connector"
)

// Shared reading helpers of the apiprops family (apiProperties.json, rules-catalog §3).

// apFile returns apiProperties.json and its "properties" object when the file parsed into an object
// whose "properties" member is an object; ok is false otherwise (json-parse and apiprops-schema
// report those shapes).
func apFile(p *Pass) (f *connector.File, d *connector.Doc, props connector.NodeID, ok bool) {
	f = p.C.Props
	if f == nil || f.Doc == nil || f.Doc.Kind(f.Doc.Root) != connector.Object {
		return nil, nil, connector.None, false
	}
	d = f.Doc
	props = d.Get(d.Root, "properties")
	if d.Kind(props) != connector.Object {
		return nil, nil, connector.None, false
	}
	return f, d, props, true
}

// apParam is one connection parameter: its member node (key = parameter name) and where it is written.
type apParam struct {
	Name string
	Node connector.NodeID // the member; its value is the parameter object (or anything else)
	Set  string           // name of the connectionParameterSets value holding it, "" for connectionParameters
}

// apParams lists the connection parameters of connectionParameters and of every
// connectionParameterSets value, in file order.
func apParams(d *connector.Doc, props connector.NodeID) []apParam {
	var out []apParam
	for name, n := range d.Members(d.Get(props, "connectionParameters")) {
		out = append(out, apParam{Name: name, Node: n})
	}
	for _, v := range d.Elems(d.Get(d.Get(props, "connectionParameterSets"), "values")) {
		set := d.GetString(v, "name")
		if set == "" {
			set = "(unnamed)"
		}
		for name, n := range d.Members(d.Get(v, "parameters")) {
			out = append(out, apParam{Name: name, Node: n, Set: set})
		}
	}
	return out
}

// apWhere names where a parameter is written, for messages.
func apWhere(pr apParam) string {
	if pr.Set == "" {
		return "connection parameter " + Quote(pr.Name)
	}
	return "connection parameter " + Quote(pr.Name) + " of parameter set " + Quote(pr.Set)
}

// apType returns the "type" string of a connection parameter object ("" when absent or not a string).
func apType(d *connector.Doc, param connector.NodeID) string { return d.GetString(param, "type") }

// apOAuthSettings returns the oAuthSettings objects of every oauthSetting parameter (any letter case
// of the type), with their parameter.
func apOAuthSettings(d *connector.Doc, props connector.NodeID) (params []apParam, settings []connector.NodeID) {
	for _, pr := range apParams(d, props) {
		if !strings.EqualFold(apType(d, pr.Node), "oauthSetting") {
			continue
		}
		o := d.Get(pr.Node, "oAuthSettings")
		if d.Kind(o) != connector.Object {
			continue
		}
		params = append(params, pr)
		settings = append(settings, o)
	}
	return params, settings
}

// apGetFold returns the member of obj whose key equals key ignoring case (the exact key first).
func apGetFold(d *connector.Doc, obj connector.NodeID, key string) connector.NodeID {
	if n := d.Get(obj, key); n != connector.None {
		return n
	}
	for k, n := range d.Members(obj) {
		if strings.EqualFold(k, key) {
			return n
		}
	}
	return connector.None
}

// apFold returns the entry of allowed that equals s ignoring case, or "".
func apFold(allowed []string, s string) string {
	for _, a := range allowed {
		if strings.EqualFold(a, s) {
			return a
		}
	}
	return ""
}

// apRenameKey returns an edit that renames the key of member n.
func apRenameKey(f *connector.File, n connector.NodeID, key string) Edit {
	s, e := f.Doc.KeyRange(n)
	return Edit{File: f.Name, Start: s, End: e, New: Quote(key)}
}

// apDescribe names the JSON kind and, for scalars, the value of n, for messages.
func apDescribe(d *connector.Doc, n connector.NodeID) string {
	switch d.Kind(n) {
	case connector.String:
		s := d.String(n)
		if r := []rune(s); len(r) > 60 {
			s = string(r[:57]) + "..."
		}
		return "the string " + Quote(s)
	case connector.Number:
		return "the number " + string(d.Raw(n))
	case connector.Bool:
		return "the boolean " + string(d.Raw(n))
	case connector.Null:
		return "null"
	case connector.Object:
		return "an object"
	case connector.Array:
		return "an array"
	}
	return "nothing"
}

// ---- secrets ----

var (
	apGUIDRe      = regexp.MustCompile(`^\{?[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\}?$`)
	apTokenLikeRe = regexp.MustCompile(`^[A-Za-z0-9._~+/=-]{16,}$`)
	apSecretHdrRe = regexp.MustCompile(`(?i)^(authorization|proxy-authorization|x-?api-?key|api-?key|apikey|ocp-apim-subscription-key|subscription-?key|x-?auth-?token|x-?access-?token|access[_-]?token|token|x-?secret|client[_-]?secret|password|x-functions-key|code)$`)
)

// apPlaceholderWords mark a value as a stand-in for the real one.
var apPlaceholderWords = []string{
	"[", "]", "<", ">", "{", "}", "(", ")", "xxx", "***", "...", "…", "your", "example", "sample", "dummy",
	"placeholder", "fake", "redacted", "changeme", "replace", "insert", "enter", "test", "demo", "value",
	"here", "client", "secret", "todo", "tbd", "none", "null", "empty", "default", "app_id", "appid",
}

// apPlaceholder reports whether s is obviously not a real credential: empty, a template, or written
// with placeholder words.
func apPlaceholder(s string) bool {
	t := strings.TrimSpace(s)
	if t == "" {
		return true
	}
	l := strings.ToLower(t)
	for _, w := range apPlaceholderWords {
		if strings.Contains(l, w) {
			return true
		}
	}
	// expressions that read the value at run time
	if strings.Contains(t, "@") || strings.Contains(t, "$") {
		return true
	}
	// a GUID made of one repeated digit, 0000…, 1234…
	digits := strings.Map(func(r rune) rune {
		if r == '-' {
			return -1
		}
		return r
	}, l)
	if len(digits) > 0 && strings.Count(digits, digits[:1]) == len(digits) {
		return true
	}
	if strings.HasPrefix(digits, "12345678") {
		return true
	}
	return false
}

// apRealLooking reports whether s looks like a real identifier or key: a GUID, or a long token mixing
// letters and digits.
func apRealLooking(s string) bool {
	t := strings.TrimSpace(s)
	if apPlaceholder(t) {
		return false
	}
	if apGUIDRe.MatchString(t) {
		return true
	}
	if !apTokenLikeRe.MatchString(t) {
		return false
	}
	letters, digits := false, false
	for _, r := range t {
		switch {
		case r >= '0' && r <= '9':
			digits = true
		case r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z':
			letters = true
		}
	}
	return letters && digits
}
