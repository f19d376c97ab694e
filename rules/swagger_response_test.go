package rules

import (
	"os"
	"path/filepath"
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
	files, _ := filepath.Glob("../../shared/corpus/*/*/apiDefinition.swagger.json")
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		srcs[f] = src
	}
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
