package paperwork

import (
	"context"
	"errors"
	"io"
	"testing"

	"github.com/vanban/vanban/internal/apperr"
	"github.com/vanban/vanban/internal/document"
	"github.com/vanban/vanban/internal/letterhead"
	"github.com/vanban/vanban/internal/typeset/typesettest"
)

type fakeRenderer struct{ err error }

func (f fakeRenderer) Render(w io.Writer, d document.Document) error {
	if f.err != nil {
		return f.err
	}
	_, err := io.WriteString(w, "rendered:"+d.FileName)
	return err
}

func service(renderErr error) *Service {
	s, _ := countingService(renderErr)
	return s
}

// countingService is service with counters of the input's decodes and of
// the document's layouts.
func countingService(renderErr error) (*Service, *counts) {
	n := &counts{}
	prepare := func(data []byte, _ *letterhead.Stamp) (*letterhead.Draft, apperr.Problems, error) {
		n.prepared++
		var ps apperr.Problems
		ps.Warn("body", "point_order", "cảnh báo")
		return letterhead.NewDraft(&letterhead.Checked{}, "", func() (document.Document, apperr.Problems, error) {
			n.laidOut++
			return document.Document{FileName: "KH-SVHTTDL"}, nil, nil
		}), ps, nil
	}
	return New(map[Format]Renderer{PDF: fakeRenderer{renderErr}, DOCX: fakeRenderer{renderErr}}, Kind{Name: "ke-hoach", Title: "Kế hoạch", Prepare: prepare}), n
}

type counts struct{ prepared, laidOut int }

// An input is decoded and checked once, and its document laid out once,
// however many formats it is rendered in (issue 15 item 6).
func TestPreparedOnce(t *testing.T) {
	s, n := countingService(nil)
	p, err := s.Prepare(context.Background(), []byte(`{"kind":"ke-hoach"}`))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range []Format{PDF, DOCX, PDF} {
		file, err := p.Render(context.Background(), f)
		if err != nil || string(file.Data) != "rendered:KH-SVHTTDL" || len(file.Warnings) != 1 {
			t.Fatalf("%s: %+v, %v", f, file, err)
		}
	}
	if n.prepared != 1 || n.laidOut != 1 {
		t.Errorf("decoded %d times, laid out %d times; want 1 and 1", n.prepared, n.laidOut)
	}
}

func TestParseFormat(t *testing.T) {
	for in, want := range map[string]Format{"pdf": PDF, ".PDF": PDF, "docx": DOCX, " .docx ": DOCX} {
		if got, err := ParseFormat(in); err != nil || got != want {
			t.Errorf("ParseFormat(%q) = %q, %v", in, got, err)
		}
	}
	for _, in := range []string{"", "odt", "doc", "pdf2"} {
		_, err := ParseFormat(in)
		if !apperr.Is(err, apperr.Unsupported) {
			t.Errorf("ParseFormat(%q) = %v, want Unsupported", in, err)
		}
	}
}

func TestRender(t *testing.T) {
	s := service(nil)
	f, err := s.Render(context.Background(), []byte(`{"kind":"ke-hoach"}`), PDF)
	if err != nil || string(f.Data) != "rendered:KH-SVHTTDL" || f.Name != "KH-SVHTTDL.pdf" || f.ContentType != "application/pdf" || len(f.Warnings) != 1 {
		t.Errorf("Render = %+v, %v", f, err)
	}
	cases := []struct {
		data   string
		format Format
		code   string
	}{
		{`{"kind":"cong-van"}`, PDF, "unknown_kind"},
		{`{"date":"2025-01-01"}`, PDF, "unknown_kind"},
		{`{"kind":`, PDF, "invalid_json"},
		{"{\"kind\":\"\xff\"}", PDF, "invalid_utf8"},
		{`{"kind":"ke-hoach"}`, "odt", "unsupported_format"},
	}
	for _, c := range cases {
		_, err := s.Render(context.Background(), []byte(c.data), c.format)
		if ae := apperr.As(err); err == nil || ae.Code != c.code {
			t.Errorf("%s/%s: err %v, want code %s", c.data, c.format, err, c.code)
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := s.Render(ctx, []byte(`{"kind":"ke-hoach"}`), PDF); err == nil {
		t.Error("a cancelled render succeeded")
	}
	boom := service(errors.New("disk full"))
	if _, err := boom.Render(context.Background(), []byte(`{"kind":"ke-hoach"}`), PDF); !apperr.Is(err, apperr.Internal) {
		t.Errorf("renderer failure = %v, want Internal", err)
	}
	if k, err := s.Kind("x"); err == nil || k.Name != "" {
		t.Error("unknown kind found")
	}
}

// The input's head is read once; Resolve runs only for an input that names
// an agency profile, and what it returns is what the kind decodes.
func TestResolveOnlyProfiles(t *testing.T) {
	s, n := countingService(nil)
	var resolved int
	s.Resolve = func(ctx context.Context, data []byte) ([]byte, error) {
		resolved++
		return []byte(`{"kind":"ke-hoach"}`), nil
	}
	for _, in := range []string{`{"kind":"ke-hoach"}`, `{"kind":"ke-hoach","agencyProfile":"  "}`} {
		if _, err := s.Render(context.Background(), []byte(in), PDF); err != nil || resolved != 0 {
			t.Fatalf("%s: %v, resolved %d times", in, err, resolved)
		}
	}
	if _, err := s.Render(context.Background(), []byte(`{"agencyProfile":"so-vhttdl"}`), PDF); err != nil || resolved != 1 || n.prepared != 3 {
		t.Errorf("profile: %v, resolved %d times, prepared %d", err, resolved, n.prepared)
	}
}

func TestReadiness(t *testing.T) {
	ctx := context.Background()
	if err := (KindsEnv{Metrics: typesettest.Metrics()}).FontsReady(ctx); err != nil {
		t.Errorf("embedded faces: %v", err)
	}
	if (KindsEnv{}).FontsReady(ctx) == nil || (KindsEnv{}).TemplatesReady(ctx) == nil {
		t.Error("an environment without fonts or templates is ready")
	}
}
