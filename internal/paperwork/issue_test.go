package paperwork_test

import (
	"context"
	"io"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/vanban/vanban/internal/apperr"
	"github.com/vanban/vanban/internal/document"
	"github.com/vanban/vanban/internal/letterhead"
	"github.com/vanban/vanban/internal/nd30"
	"github.com/vanban/vanban/internal/paperwork"
	"github.com/vanban/vanban/internal/registry"
	"github.com/vanban/vanban/internal/registry/blobfs"
	"github.com/vanban/vanban/internal/sqlstore"
)

// Issuing decodes and checks the input once, before the number is taken,
// and lays the document out once, with the number the register took given
// to the typed draft — never written into the input (issue 9 item 2,
// issue 15 item 6).
func TestIssueOnce(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	store, err := sqlstore.Open(ctx, dir, "")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	blobs, err := blobfs.Open(filepath.Join(dir, "files"))
	if err != nil {
		t.Fatal(err)
	}
	now := func() time.Time { return time.Date(2026, 3, 5, 9, 0, 0, 0, time.UTC) }
	reg, err := registry.New(store, blobs, registry.Config{Now: now, Agency: "SVHTTDL", Padding: 3})
	if err != nil {
		t.Fatal(err)
	}
	var prepared, laidOut int
	var printed []string
	kind := paperwork.Kind{Name: "ke-hoach", Title: "Kế hoạch", Register: "Kế hoạch",
		Prepare: func(data []byte, stamp *letterhead.Stamp) (*letterhead.Draft, apperr.Problems, error) {
			prepared++
			if stamp == nil || stamp.Number != 0 || stamp.Width != 3 || stamp.Date != (nd30.Date{Year: 2026, Month: 3, Day: 5}) {
				t.Errorf("prepared with stamp %+v", stamp)
			}
			lh := &letterhead.Checked{Agency: nd30.Agency{Abbreviation: "SVHTTDL"}, Signer: nd30.Signer{Name: "Nguyễn Văn An"}}
			return letterhead.NewDraft(lh, "Tổ chức phong trào thi đua", func() (document.Document, apperr.Problems, error) {
				laidOut++
				ref := nd30.Ref{Number: lh.Number, Width: lh.NumberWidth, Symbol: "KH-SVHTTDL"}
				printed = append(printed, ref.String()+" "+lh.Date.String())
				return document.Document{FileName: strings.ReplaceAll(ref.String(), "/", "-")}, nil, nil
			}), nil, nil
		}}
	s := paperwork.New(map[paperwork.Format]paperwork.Renderer{paperwork.PDF: nameRenderer{}}, kind)
	s.Register = reg
	for i, want := range []string{"001/KH-SVHTTDL 2026-03-05", "002/KH-SVHTTDL 2026-03-05"} {
		rec, file, err := s.Issue(ctx, []byte(`{"kind":"ke-hoach"}`), paperwork.PDF)
		if err != nil {
			t.Fatal(err)
		}
		if prepared != i+1 || laidOut != i+1 {
			t.Errorf("issue %d: decoded %d times, laid out %d times", i+1, prepared, laidOut)
		}
		if printed[i] != want || rec.Ref() != want[:len(want)-11] || rec.Summary != "Tổ chức phong trào thi đua" || rec.Signer != "Nguyễn Văn An" {
			t.Errorf("issue %d: printed %q, recorded %s %q %q", i+1, printed[i], rec.Ref(), rec.Summary, rec.Signer)
		}
		if string(file.Data) != "rendered:"+strings.ReplaceAll(want[:len(want)-11], "/", "-") {
			t.Errorf("issue %d: file %q", i+1, file.Data)
		}
	}
	// An unsupported format is refused before a number is taken.
	if _, _, err := s.Issue(ctx, []byte(`{"kind":"ke-hoach"}`), paperwork.DOCX); !apperr.Is(err, apperr.Unsupported) || prepared != 2 {
		t.Errorf("DOCX without its renderer: %v (decoded %d times)", err, prepared)
	}
}

// nameRenderer writes "rendered:" and the file name.
type nameRenderer struct{}

func (nameRenderer) Render(w io.Writer, d document.Document) error {
	_, err := io.WriteString(w, "rendered:"+d.FileName)
	return err
}

// A legal document's ký hiệu carries the year read before the number is
// taken; when the register's day turns into a new year in between (31/12,
// 23:59:59 in Vietnam), the issue is refused without using a number instead
// of printing "…/2025/QĐ-UBND" on a document the sổ dates 01/01/2026.
func TestIssueLegalAcrossNewYear(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	store, err := sqlstore.Open(ctx, dir, "")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	blobs, err := blobfs.Open(filepath.Join(dir, "files"))
	if err != nil {
		t.Fatal(err)
	}
	eve := time.Date(2025, 12, 31, 16, 59, 59, 0, time.UTC) // 23:59:59 in Vietnam
	calls := 0
	now := func() time.Time {
		calls++
		if calls == 1 {
			return eve
		}
		return eve.Add(2 * time.Second)
	}
	reg, err := registry.New(store, blobs, registry.Config{Now: now, Agency: "UBND"})
	if err != nil {
		t.Fatal(err)
	}
	kind := paperwork.Kind{Name: "quyet-dinh", Title: "Quyết định", Register: "Quyết định",
		Prepare: func(data []byte, stamp *letterhead.Stamp) (*letterhead.Draft, apperr.Problems, error) {
			lh := &letterhead.Checked{Agency: nd30.Agency{Abbreviation: "UBND"}, Signer: nd30.Signer{Name: "Nguyễn Văn An"}}
			d := letterhead.NewDraft(lh, "Ban hành Quy định", func() (document.Document, apperr.Problems, error) {
				return document.Document{FileName: "qd"}, nil, nil
			})
			d.Legal = true
			return d, nil, nil
		}}
	s := paperwork.New(map[paperwork.Format]paperwork.Renderer{paperwork.PDF: nameRenderer{}}, kind)
	s.Register = reg
	_, _, err = s.Issue(ctx, []byte(`{"kind":"quyet-dinh"}`), paperwork.PDF)
	if e := apperr.As(err); e == nil || e.Code != "year_changed" || e.Kind != apperr.Conflict {
		t.Fatalf("issue across the new year: %v", err)
	}
	// Issued again (the clock now reads the new year throughout): number 01
	// of 2026, its ký hiệu carrying 2026.
	rec, _, err := s.Issue(ctx, []byte(`{"kind":"quyet-dinh"}`), paperwork.PDF)
	if err != nil {
		t.Fatal(err)
	}
	if rec.Ref() != "01/2026/QĐ-UBND" || rec.Year != 2026 {
		t.Errorf("issued again: %s (year %d)", rec.Ref(), rec.Year)
	}
}
