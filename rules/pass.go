package rules

import (
	"fmt"

	"github.com/connectorlint/connectorlint/connector"
)

// Pass is what a rule's Check sees: one connector, and a way to report.
type Pass struct {
	Rule *Rule
	C    *connector.Connector
	// API is the typed view of the swagger file; nil when the connector has no parsable swagger.
	API *connector.API
	out []*Finding
}

// ChangePass is what a breaking-change rule's Compare sees: the old and the new version of one connector.
type ChangePass struct {
	Rule     *Rule
	Old, New *connector.Connector
	OldAPI   *connector.API
	NewAPI   *connector.API
	out      []*Finding
}

func newFinding(r *Rule, file string, start, end int, ptr, msg string) *Finding {
	return &Finding{RuleID: r.ID, Code: r.Code, Severity: r.Severity, File: file, Start: start, End: end,
		Pointer: ptr, Message: msg, rule: r}
}

// Report records a finding over bytes [start, end) of file f and returns it so that fixes and related
// locations can be attached.
func (p *Pass) Report(f *connector.File, start, end int, ptr, format string, args ...any) *Finding {
	fd := newFinding(p.Rule, f.Name, start, end, ptr, sprintf(format, args...))
	p.out = append(p.out, fd)
	return fd
}

// At reports on the value of node n of the JSON file f.
func (p *Pass) At(f *connector.File, n connector.NodeID, format string, args ...any) *Finding {
	s, e := f.Doc.ValueRange(n)
	return p.Report(f, s, e, f.Doc.Pointer(n), format, args...)
}

// AtKey reports on the key of member n of the JSON file f (its value when n is not a member).
func (p *Pass) AtKey(f *connector.File, n connector.NodeID, format string, args ...any) *Finding {
	s, e := f.Doc.KeyRange(n)
	return p.Report(f, s, e, f.Doc.Pointer(n), format, args...)
}

// Swagger reports on the value of swagger node n.
func (p *Pass) Swagger(n connector.NodeID, format string, args ...any) *Finding {
	return p.At(p.C.Swagger, n, format, args...)
}

// SwaggerKey reports on the key of swagger member n.
func (p *Pass) SwaggerKey(n connector.NodeID, format string, args ...any) *Finding {
	return p.AtKey(p.C.Swagger, n, format, args...)
}

// WholeFile reports on a file as a whole (its first byte).
func (p *Pass) WholeFile(name string, format string, args ...any) *Finding {
	fd := newFinding(p.Rule, name, 0, 0, "", sprintf(format, args...))
	p.out = append(p.out, fd)
	return fd
}

// WithFix attaches a fix made of edits to one file.
func (f *Finding) WithFix(message string, edits ...Edit) *Finding {
	for i := range edits {
		if edits[i].File == "" {
			edits[i].File = f.File
		}
	}
	f.Fixes = append(f.Fixes, Fix{Message: message, Edits: edits})
	return f
}

// WithRelated attaches a related location in the same JSON file.
func (f *Finding) WithRelated(file *connector.File, n connector.NodeID, format string, args ...any) *Finding {
	s, e := file.Doc.KeyRange(n)
	f.Related = append(f.Related, Related{File: file.Name, Start: s, End: e, Pointer: file.Doc.Pointer(n), Message: sprintf(format, args...)})
	return f
}

func sprintf(format string, args ...any) string {
	if len(args) == 0 {
		return format
	}
	return fmt.Sprintf(format, args...)
}
