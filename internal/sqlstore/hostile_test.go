package sqlstore_test

import (
	"context"
	"strings"
	"testing"

	"github.com/vanban/vanban/internal/apperr"
	"github.com/vanban/vanban/internal/registry"
)

// Issue 10 items 4 and 8: register requests refuse control characters, bidi
// overrides, over-long texts and lists, and use up no number.
func TestRegisterRefusesHostileText(t *testing.T) {
	b := backend{name: "sqlite", dir: t.TempDir()}
	ctx := context.Background()
	svc := newService(t, b.open(t), b.dir, registry.Config{})
	many := make([]string, 100000)
	for i := range many {
		many[i] = "UBND"
	}
	cases := []struct {
		name, field string
		edit        func(r *registry.IssueRequest)
	}{
		{"CRLF in summary", "summary", func(r *registry.IssueRequest) { r.Summary = "a\r\nb" }},
		{"tab in signer", "signer", func(r *registry.IssueRequest) { r.Signer = "Nguyễn\tAn" }},
		{"U+0001", "summary", func(r *registry.IssueRequest) { r.Summary = "a\u0001b" }},
		{"DEL", "signer", func(r *registry.IssueRequest) { r.Signer = "a\u007fb" }},
		{"NEL", "recipients[1]", func(r *registry.IssueRequest) { r.Recipients[1] = "a\u0085b" }},
		{"RLO", "summary", func(r *registry.IssueRequest) { r.Summary = "abc\u202Efdp.exe" }},
		{"emoji", "summary", func(r *registry.IssueRequest) { r.Summary = "Khen 😀" }},
		{"200,000-character trích yếu", "summary", func(r *registry.IssueRequest) { r.Summary = strings.Repeat("x", 200000) }},
		{"100,000 recipients", "recipients", func(r *registry.IssueRequest) { r.Recipients = many }},
		{"long note", "note", func(r *registry.IssueRequest) { r.Note = strings.Repeat("y", 5000) }},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			req := plan("Kế hoạch thi đua")
			req.Recipients = append([]string(nil), req.Recipients...)
			c.edit(&req)
			_, err := svc.Register(ctx, registry.RegisterRequest{IssueRequest: req})
			e := apperr.As(err)
			if err == nil || e.Kind != apperr.Invalid {
				t.Fatalf("err = %v, want Invalid", err)
			}
			for _, p := range e.Problems {
				if p.Field == c.field {
					return
				}
			}
			t.Errorf("no problem at %s: %+v", c.field, e.Problems)
		})
	}
	rec, err := svc.Register(ctx, registry.RegisterRequest{IssueRequest: plan("Kế hoạch thi đua")})
	if err != nil || rec.NumberText != "01" {
		t.Fatalf("after refused requests: %q, %v; want number 01", rec.NumberText, err)
	}
	for _, reason := range []string{strings.Repeat("z", 1<<20), "a\r\nb", "x\u202ey"} {
		if _, err := svc.Cancel(ctx, rec.ID.String(), reason); !apperr.Is(err, apperr.Invalid) {
			t.Errorf("cancel reason %.20q: %v, want Invalid", reason, err)
		}
	}
}
