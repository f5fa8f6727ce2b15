package registry

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/vanban/vanban/internal/nd30"
	"github.com/vanban/vanban/internal/pdf"
	"github.com/vanban/vanban/internal/pdf/pdftest"
	"github.com/vanban/vanban/internal/tooltest"
	"github.com/vanban/vanban/internal/typeset"
)

// TestExportPDF renders the register with the PDF renderer and reads it back
// with pdftotext: landscape pages, the title, every row, and the header row
// repeated on the second page of a long register.
func TestExportPDF(t *testing.T) {
	tooltest.Need(t, "pdftotext")
	tooltest.Need(t, "pdfinfo")
	recs := sampleRecords()
	base := recs[0]
	for i := 13; i <= 60; i++ {
		r := base
		r.Number, r.NumberText = i, nd30.NumberText(i, 2)
		recs = append(recs, r)
	}
	m, err := typeset.New()
	if err != nil {
		t.Fatal(err)
	}
	fonts, err := pdf.LoadFonts()
	if err != nil {
		t.Fatal(err)
	}
	r := pdf.New(m, fonts)
	var buf bytes.Buffer
	if err := r.Render(&buf, ExportDocument("Sở Văn hóa, Thể thao và Du lịch", 2026, recs)); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "so.pdf")
	if dir := os.Getenv("VANBAN_REGISTRY_PDF_DIR"); dir != "" {
		path = filepath.Join(dir, "so-dang-ky-van-ban-di.pdf")
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	pdftest.Check(t, path)
	info, err := exec.Command("pdfinfo", path).Output()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(info), "841.89 x 595.28") {
		t.Errorf("not A4 landscape:\n%s", info)
	}
	out, err := exec.Command("pdftotext", "-layout", path, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	pages := strings.Split(string(out), "\f")
	if len(pages) < 3 { // at least two pages and the trailing piece
		t.Fatalf("%d pages, want a register running onto a second page", len(pages)-1)
	}
	first := pages[0]
	for _, want := range []string{"SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH", "SỔ ĐĂNG KÝ VĂN BẢN ĐI", "Năm 2026", "01/KH-SVHTTDL",
		"02/TTr-SVHTTDL", "Đã hủy ngày", "12/SVHTTDL-VP"} {
		if !strings.Contains(first, want) {
			t.Errorf("page 1 lacks %q", want)
		}
	}
	if !strings.Contains(pages[1], "Người ký") || !strings.Contains(pages[1], "60/KH-SVHTTDL") && !strings.Contains(pages[len(pages)-2], "60/KH-SVHTTDL") {
		t.Errorf("page 2 does not repeat the header row or the last row is missing:\n%s", pages[1])
	}
}
