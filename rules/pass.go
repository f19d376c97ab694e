package rules

import (
	"fmt"
	"strconv"
	"strings"

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
	if s, ok := quickSprintf(format, args); ok {
		return s
	}
	return fmt.Sprintf(format, args...)
}

// quickSprintf formats the common messages, whose verbs are plain %s and %q of strings and %d of ints,
// without fmt's reflection; it gives up (ok false) on anything else, which fmt.Sprintf then formats.
// The output is the same as fmt.Sprintf's: %q is strconv.Quote, %d strconv.Itoa.
func quickSprintf(format string, args []any) (string, bool) {
	var buf [256]byte
	b := buf[:0]
	next := 0
	for i := 0; i < len(format); i++ {
		if format[i] != '%' { // copy the run up to the next verb
			j := strings.IndexByte(format[i:], '%')
			if j < 0 {
				j = len(format) - i
			}
			b = append(b, format[i:i+j]...)
			i += j - 1
			continue
		}
		if i+1 >= len(format) || next >= len(args) {
			return "", false
		}
		i++
		switch format[i] {
		case 's':
			s, ok := args[next].(string)
			if !ok {
				return "", false
			}
			b = append(b, s...)
		case 'q':
			s, ok := args[next].(string)
			if !ok {
				return "", false
			}
			b = strconv.AppendQuote(b, s)
		case 'd':
			v, ok := args[next].(int)
			if !ok {
				return "", false
			}
			b = strconv.AppendInt(b, int64(v), 10)
		default: // %% and verbs with flags, width or precision too
			return "", false
		}
		next++
	}
	if next != len(args) {
		return "", false
	}
	return string(b), true
}
