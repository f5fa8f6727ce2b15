package jsonin

import (
	"testing"

	"github.com/vanban/vanban/internal/apperr"
)

// Issue 10 items 6–8 and 10: every JSON input is refused, naming the field,
// for a duplicate key, a control or bidi character, or a character the
// embedded fonts do not have.
func TestDecodeRefusesHostileText(t *testing.T) {
	cases := []struct {
		name, in, code, field string
	}{
		{"duplicate key", `{"kind": "a", "kind": "b"}`, "duplicate_key", "kind"},
		{"nested duplicate", `{"list": [{"name": "a"}, {"name": "b", "name": "c"}]}`, "duplicate_key", "list[1].name"},
		{"U+0001", `{"kind": "a\u0001b"}`, "invalid_text", "kind"},
		{"DEL", "{\"kind\": \"a\x7fb\"}", "invalid_text", "kind"},
		{"NEL U+0085", `{"signer": {"name": "A\u0085B"}}`, "invalid_text", "signer.name"},
		{"RLO", `{"list": [{"name": "abc\u202Edef"}]}`, "invalid_text", "list[0].name"},
		{"LRI", `{"kind": "x\u2066y"}`, "invalid_text", "kind"},
		{"emoji after Omega", `{"kind": "Ω😀"}`, "unsupported_character", "kind"},
		{"above U+FFFF", `{"kind": "\ud83d\ude00"}`, "unsupported_character", "kind"},
		{"CJK", `{"signer": {"name": "中文"}}`, "unsupported_character", "signer.name"},
		{"UTF-16 BOM", "\xff\xfe{\x00}\x00", "byte_order_mark", ""},
		{"BOM inside", "{\"kind\": \"a\"}\n\xEF\xBB\xBF", "byte_order_mark", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var s sample
			err := Decode([]byte(c.in), &s)
			if err == nil {
				t.Fatalf("accepted %q", c.in)
			}
			e := apperr.As(err)
			if e.Kind != apperr.Invalid {
				t.Fatalf("kind %v, want Invalid: %v", e.Kind, err)
			}
			found := false
			for _, p := range e.Problems {
				if p.Code == c.code && p.Field == c.field {
					found = true
				}
			}
			if !found {
				t.Fatalf("want problem %s at %q, got %+v", c.code, c.field, e.Problems)
			}
		})
	}
}

func TestDecodeKeepsVietnameseAndLatinAccents(t *testing.T) {
	for _, in := range []string{
		`{"kind": "Nguyễn Thị Ánh Tuyết – Đắk Lắk"}`,
		`{"kind": "José Müller Muñoz Dvořák Ω € № “x” …"}`,
		"\xEF\xBB\xBF{\"kind\": \"BOM đầu tệp vẫn được\"}",
		`{"kind": "dòng 1\ndòng 2\r\n\tthụt\u000bngắt dòng Word"}`,
	} {
		var s sample
		if err := Decode([]byte(in), &s); err != nil {
			t.Errorf("%q refused: %v", in, err)
		}
	}
}
