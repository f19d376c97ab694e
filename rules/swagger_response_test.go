package rules

import (
	"maps"
	"strings"
	"testing"

	"github.com/connectorlint/connectorlint/connector"
)

// rsResponsesPlain is rsResponses as first written: one list per operation, Get for each member.
func rsResponsesPlain(a *connector.API, op connector.Operation) []rsResponse {
	var out []rsResponse
	for code, m := range a.Members(a.Responses(op)) {
		if strings.HasPrefix(code, "x-") {
			continue
		}
		r := rsResponse{Code: code, Member: m, Node: connector.None, Schema: connector.None, Desc: connector.None}
		t, st := a.Resolve(m)
		r.Ref = st
		if (st == connector.RefNone || st == connector.RefOK) && a.Kind(t) == connector.Object {
			r.Node = t
			r.Schema = a.Get(t, "schema")
			r.Desc = a.Get(t, "description")
			if s, ok := a.Str(r.Desc); ok {
				t := strings.TrimSpace(s)
				r.DescSays = t != "" && !strings.EqualFold(t, "default")
			}
		}
		out = append(out, r)
	}
	return out
}

// rsResponses agrees with the plain per-operation lists on the corpus and on odd responses.
func TestRsResponsesMatchPlain(t *testing.T) {
	srcs := map[string][]byte{"odd.json": []byte(`{"swagger":"2.0","responses":{"r":{"description":"R","schema":{}}},
		"paths":{"/a":{"get":{"responses":{"200":{"description":"a","description":"b","schema":{},"schema":{"type":"string"}},
		"x-a":{},"201":{"$ref":"#/responses/r"},"202":{"$ref":"#/responses/none"},"203":1,"d\u0065fault":{"d\u0065scription":"x"},
		"204":{"description":""},"205":{"description":" \u0020\t"},"206":{"description":" Default "},"207":{"description":5},
		"208":{"description":"d\u0065fault"},"209":{"description":"\u00a0OK"}}},
		"post":{}, "put":{"responses":[]}, "delete":{"responses":{}}}}}`)}
	maps.Copy(srcs, corpusSwaggerFiles(t))
	for name, src := range srcs {
		d := connector.Parse(name, src)
		if d.Root == connector.None {
			if name == "odd.json" {
				t.Fatal("odd.json does not parse")
			}
			continue
		}
		a := connector.NewAPI(d)
		all := rsResponsesOnce(a)
		if len(all) != len(a.Ops) {
			t.Fatalf("%s: %d lists for %d operations", name, len(all), len(a.Ops))
		}
		for i, op := range a.Ops {
			want := rsResponsesPlain(a, op)
			if len(all[i]) != len(want) || (all[i] == nil) != (want == nil) {
				t.Fatalf("%s: %s: %d responses, want %d", name, op.Name(), len(all[i]), len(want))
			}
			for j := range want {
				if all[i][j] != want[j] {
					t.Fatalf("%s: %s: response %d is %+v, want %+v", name, op.Name(), j, all[i][j], want[j])
				}
			}
		}
	}
}

// The fields rsRefSitesOnce reads ahead agree with what the rules read themselves, on the corpus and
// on odd $refs (repeated, escaped, not strings, aliases, siblings).
func TestRsRefSitesMatchPlain(t *testing.T) {
	srcs := map[string][]byte{"odd.json": []byte(`{"swagger":"2.0","paths":{},
		"definitions":{"a":{"$ref":"#/definitions/b"},"b":{"type":"object"},"c":{"$ref":"#/definitions/a","$ref":"#/definitions/b"},
		"d":{"$ref":5},"e":{"\u0024ref":"#/definitions/b","x":1},"f":{"$ref":"other.json#/x"},"g":{"$ref":"#/responses/r"},
		"h":{"$ref":"#/definitions/"},"i":{"$ref":"#/definitions/nope","description":"d"},"j":{"$ref":"#/definitions/%zz"},
		"k":{"properties":{"p":{"$ref":"#/definitions/b","$ref":"#/definitions/k"}}}},
		"responses":{"r":{"description":"x","schema":{"$ref":"#/definitions/b"}},"s":{"$ref":"#/responses/r"},"t":{"$ref":"#/definitions/b"}}}`)}
	maps.Copy(srcs, corpusSwaggerFiles(t))
	sites := 0
	for name, src := range srcs {
		d := connector.Parse(name, src)
		if d.Root == connector.None {
			continue
		}
		a := connector.NewAPI(d)
		defs := a.Get(a.Root, "definitions")
		for _, site := range rsRefSitesOnce(a) {
			sites++
			tg, st := a.RefTarget(site.Ref)
			s, _ := a.Str(site.Ref)
			alone := true
			for k := range a.Members(site.Holder) {
				alone = alone && k == "$ref"
			}
			want := site
			want.Target, want.St, want.Good, want.Last, want.Alone = tg, st, rsGoodRef(s, rsAllowed(site.Ctx)), a.Ref(site.Holder) == site.Ref, alone
			want.Alias = defs != connector.None && a.Parent(site.Holder) == defs && a.Len(site.Holder) == 1
			if site != want {
				t.Fatalf("%s: site %s is %+v, want %+v", name, a.Pointer(site.Ref), site, want)
			}
		}
	}
	if sites == 0 {
		t.Fatal("no sites")
	}
}

// rsIsWebhook is rsWebhooks.is as first written: a map of seen schemas per body parameter.
func rsIsWebhook(a *connector.API, op connector.Operation) bool {
	for _, p := range a.Params(op) {
		if p.In != "body" {
			continue
		}
		seen := map[connector.NodeID]bool{}
		var walk func(s connector.NodeID) bool
		walk = func(s connector.NodeID) bool {
			s = a.R(s)
			if a.Kind(s) != connector.Object || seen[s] {
				return false
			}
			seen[s] = true
			if a.IsTrue(a.Get(s, "x-ms-notification-url")) {
				return true
			}
			found := false
			a.SchemaChildren(s, func(c connector.NodeID) {
				if !found && walk(c) {
					found = true
				}
			})
			return found
		}
		if walk(a.Get(p.Node, "schema")) {
			return true
		}
	}
	return false
}

// rsWebhooks (one reused set) agrees with rsIsWebhook, and swInternal with a.Internal, on every
// operation of the corpus and of a file with webhooks, shared schemas and cycles.
func TestRsWebhooksMatchPlain(t *testing.T) {
	srcs := map[string][]byte{"hooks.json": []byte(`{"swagger":"2.0","definitions":{
		"loop":{"properties":{"a":{"$ref":"#/definitions/loop"},"b":{"$ref":"#/definitions/hook"}}},
		"hook":{"properties":{"url":{"type":"string","x-ms-notification-url":true}}},
		"plain":{"properties":{"a":{"$ref":"#/definitions/plain"}}}},
		"paths":{"/a":{"post":{"parameters":[{"in":"body","name":"b","schema":{"$ref":"#/definitions/plain"}},
		{"in":"body","name":"c","schema":{"$ref":"#/definitions/loop"}}],"x-ms-visibility":"internal"}},
		"/b":{"post":{"parameters":[{"in":"body","name":"b","schema":{"$ref":"#/definitions/plain"}}],"x-ms-visibility":"important","x-ms-visibility":"internal"}},
		"/c":{"post":{"parameters":[{"in":"body","name":"b","schema":{"properties":{"x":{"$ref":"#/definitions/hook"}}}}],"x-ms-visibility":"internal","x-ms-visibility":"none"}},
		"/d":{"get":{"x-ms-vis\u0069bility":"int\u0065rnal"}}}}`)}
	maps.Copy(srcs, corpusSwaggerFiles(t))
	hooks := 0
	for name, src := range srcs {
		d := connector.Parse(name, src)
		if d.Root == connector.None {
			continue
		}
		a := connector.NewAPI(d)
		w := rsWebhooks{a: a}
		internal := swInternal(d)
		for _, op := range a.Ops {
			got, want := w.is(op), rsIsWebhook(a, op)
			if got != want {
				t.Fatalf("%s: %s: webhook %v, want %v", name, op.Name(), got, want)
			}
			if got {
				hooks++
			}
			if internal.has(op.Node) != a.Internal(op.Node) {
				t.Fatalf("%s: %s: internal %v, want %v", name, op.Name(), internal.has(op.Node), a.Internal(op.Node))
			}
		}
	}
	if hooks == 0 {
		t.Fatal("no webhook found")
	}
}
