package connector

import (
	"fmt"
	"math/rand"
	"strings"
	"testing"
)

// FindKeys finds what a Get per key finds, in hashed and in linear mode.
func TestFindKeysMatchesGet(t *testing.T) {
	pool := []string{"minLength", "maxLength", "minItems", "maxItems", "type", "format", "enum", "default", "items", "x-ms-summary", "title", "required",
		"tzpe", "epyt", "a", "", "properties", "x\\u002dms-summary", "minimum", "maximum", "pattern"}
	sets := []*KeySet{
		NewKeySet("type", "format", "enum", "default", "items", "x-ms-summary", "title", "required", "minimum"),
		NewKeySet("type", "tzpe", "x-ms-summary", "pattern"), // "type" and "tzpe" share a fingerprint
		NewKeySet("a"),
		NewKeySet("minLength", "maxLength", "minItems", "maxItems", "type"), // two pairs share fingerprints
	}
	for i, ks := range sets {
		if ks.linear {
			t.Fatalf("set %d: no perfect hash", i)
		}
	}
	forced := NewKeySet("type", "format", "minLength", "maxLength")
	forced.linear = true // the fallback when no hash multiplier is found
	sets = append(sets, forced)
	r := rand.New(rand.NewSource(1))
	for i := 0; i < 3000; i++ {
		var members []string
		for j := r.Intn(40); j > 0; j-- {
			members = append(members, fmt.Sprintf("%q: %d", pool[r.Intn(len(pool))], j))
		}
		src := "{" + strings.Join(members, ", ") + "}"
		src = strings.ReplaceAll(src, `\\u002d`, `\u002d`)
		d := Parse("x", []byte(src))
		if d.Root == None {
			t.Fatalf("%s: %v", src, d.Problems)
		}
		for _, ks := range sets {
			got, mask := d.FindKeys(d.Root, ks, nil)
			k := 0
			for i, key := range ks.keys {
				want := d.Get(d.Root, key)
				if (mask&(1<<i) != 0) != (want != None) {
					t.Fatalf("%s: key %q: mask %b, Get %d", src, key, mask, want)
				}
				if want != None {
					if got[k] != want {
						t.Fatalf("%s: key %q: FindKeys %d, Get %d", src, key, got[k], want)
					}
					k++
				}
			}
		}
	}
}
