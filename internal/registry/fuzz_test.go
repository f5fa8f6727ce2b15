package registry

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func FuzzSearchKey(f *testing.F) {
	for _, s := range []string{"Hòa bình", "UỶ BAN", "QyĐ-SVHTTDL", "o\u0300a", "u\u0301y", " \t\n", "\xff"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		k := SearchKey(s)
		if strings.ContainsAny(k, "\n\t") {
			t.Fatalf("key of %q holds a line break or tab: %q", s, k)
		}
		if utf8.ValidString(s) && SearchKey(k) != k {
			t.Fatalf("SearchKey is not idempotent on %q: %q → %q", s, k, SearchKey(k))
		}
		if strings.ContainsRune(Fold(s), 'đ') {
			t.Fatalf("Fold(%q) keeps đ", s)
		}
	})
}
