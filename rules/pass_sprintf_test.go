package rules

import (
	"fmt"
	"testing"
)

// TestQuickSprintf checks that quickSprintf formats as fmt.Sprintf does, or gives up.
func TestQuickSprintf(t *testing.T) {
	type named string
	cases := []struct {
		format string
		args   []any
	}{
		{"%s", []any{"a"}},
		{"the %q of %s has %d items", []any{"x\"y\n\u00e9\x01", "op", -42}},
		{"%q", []any{"\xff\u2028 tab\t"}},
		{"100%% %s", []any{"x"}},
		{"%v", []any{"x"}},
		{"%s", []any{named("x")}},
		{"%d", []any{int64(3)}},
		{"%s %s", []any{"x"}},
		{"%s", []any{"x", "y"}},
		{"trailing %", []any{"x"}},
		{"%5s|%-3d|%.2q", []any{"x", 1, "abc"}},
		{"%s", []any{fmt.Errorf("e")}},
		{"%d%d%s%q", []any{0, 9, "", ""}},
		{"no verbs", []any{"x"}},
	}
	for _, c := range cases {
		want := fmt.Sprintf(c.format, c.args...)
		if got, ok := quickSprintf(c.format, c.args); ok && got != want {
			t.Errorf("quickSprintf(%q, %v) = %q, fmt gives %q", c.format, c.args, got, want)
		}
		if got := sprintf(c.format, c.args...); got != want {
			t.Errorf("sprintf(%q, %v) = %q, fmt gives %q", c.format, c.args, got, want)
		}
	}
}

func FuzzQuickSprintf(f *testing.F) {
	f.Add("the %q of %s has %d items", "a\"b", "c", 3)
	f.Fuzz(func(t *testing.T, format, a, b string, n int) {
		args := []any{a, b, n}
		for k := 0; k <= len(args); k++ {
			if got, ok := quickSprintf(format, args[:k]); ok && got != fmt.Sprintf(format, args[:k]...) {
				t.Fatalf("quickSprintf(%q, %v) = %q, fmt gives %q", format, args[:k], got, fmt.Sprintf(format, args[:k]...))
			}
		}
	})
}
