package docx

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/vanban/vanban/internal/document"
	"github.com/vanban/vanban/internal/letterhead"
	"github.com/vanban/vanban/internal/pdf"
	"github.com/vanban/vanban/internal/plan"
	"github.com/vanban/vanban/internal/tooltest"
	"github.com/vanban/vanban/internal/typeset"
	"github.com/vanban/vanban/internal/typeset/typesettest"
)

func run(t *testing.T, name string, args ...string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	var stderr bytes.Buffer
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("%s %v: %v\n%s", name, args, err, stderr.String())
	}
	return string(out)
}

// convert writes d as DOCX in dir and converts it to PDF with LibreOffice
// (its own profile, so parallel runs do not meet); it returns the PDF path.
func convert(t *testing.T, dir string, d document.Document) string {
	t.Helper()
	docx := filepath.Join(dir, "doc.docx")
	f, err := os.Create(docx)
	if err != nil {
		t.Fatal(err)
	}
	if err := New(typesettest.Metrics()).Render(f, d); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	profile := "file://" + filepath.Join(dir, "profile")
	run(t, "soffice", "-env:UserInstallation="+profile, "--headless", "--convert-to", "pdf", "--outdir", dir, docx)
	out := filepath.Join(dir, "doc.pdf")
	if _, err := os.Stat(out); err != nil {
		t.Fatalf("LibreOffice produced no PDF: %v", err)
	}
	return out
}

// pageTexts returns the text of each page as laid out (a grid row reads
// across), whitespace collapsed.
func pageTexts(t *testing.T, pdfPath string) []string {
	t.Helper()
	n := pageCount(t, pdfPath)
	out := make([]string, n)
	for i := 1; i <= n; i++ {
		txt := run(t, "pdftotext", "-layout", "-f", strconv.Itoa(i), "-l", strconv.Itoa(i), pdfPath, "-")
		out[i-1] = strings.Join(strings.Fields(txt), " ")
	}
	return out
}

func pageCount(t *testing.T, pdfPath string) int {
	t.Helper()
	m := regexp.MustCompile(`(?m)^Pages:\s+(\d+)`).FindStringSubmatch(run(t, "pdfinfo", pdfPath))
	if m == nil {
		t.Fatal("pdfinfo gives no page count")
	}
	n, _ := strconv.Atoi(m[1])
	return n
}

var pageSizeRE = regexp.MustCompile(`(?m)^Page\s+(\d+) size:\s+([\d.]+) x ([\d.]+) pts`)

func TestLibreOffice(t *testing.T) {
	tooltest.NeedAll(t, "soffice", "pdftotext", "pdfinfo", "pdffonts")
	dir := t.TempDir()
	d := sampleDocument(120)
	out := convert(t, dir, d)

	// 7 pages of Kế hoạch, then 7 of danh sách: 18 rows a page after the
	// title block, the repeated header row on top of each.
	const mainPages, pages = 7, 14
	texts := pageTexts(t, out)
	if len(texts) != pages {
		t.Fatalf("%d pages, want %d", len(texts), pages)
	}

	sizes := pageSizeRE.FindAllStringSubmatch(run(t, "pdfinfo", "-f", "1", "-l", strconv.Itoa(pages), out), -1)
	if len(sizes) != pages {
		t.Fatalf("pdfinfo lists %d page sizes", len(sizes))
	}
	for i, m := range sizes {
		w, _ := strconv.ParseFloat(m[2], 64)
		h, _ := strconv.ParseFloat(m[3], 64)
		wantW, wantH := 595.3, 841.9 // A4 portrait, in points
		if i >= mainPages {
			wantW, wantH = wantH, wantW
		}
		if abs(w-wantW) > 0.5 || abs(h-wantH) > 0.5 {
			t.Errorf("page %d is %.1f × %.1f pt, want %.1f × %.1f", i+1, w, h, wantW, wantH)
		}
	}

	fonts := run(t, "pdffonts", out)
	for _, face := range []string{"LiberationSerif ", "LiberationSerif-Bold ", "LiberationSerif-Italic ", "LiberationSerif-BoldItalic "} {
		if !strings.Contains(fonts, face) && !strings.Contains(fonts, "TimesNewRoman") {
			t.Errorf("pdffonts lists no %s (nor Times New Roman):\n%s", face, fonts)
		}
	}

	// Text order on page 1, the end of the body with the signature, and
	// page numbers: none on each section's first page, then 2, 3, ….
	all := strings.Join(texts, " ")
	assertOrder(t, texts[0], "UBND TỈNH LAI CHÂU", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Số: 25/KH-SVHTTDL",
		"Lai Châu, ngày 05 tháng 12 năm 2021", "KHẨN", "KẾ HOẠCH", "Triển khai phong trào", "I. MỤC 1", "Huy động sự tham gia")
	assertOrder(t, all, "IV. MỤC 4", "./.", "Nơi nhận:", "- Lưu: VT, VP.", "DANH SÁCH")
	assertOrder(t, all, "./.", "KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Nguyễn Văn An", "DANH SÁCH")
	for i, txt := range texts {
		num := i + 1
		if i >= mainPages {
			num = i - mainPages + 1
		}
		first := strings.Fields(txt)[0]
		if num == 1 && first == "1" {
			t.Errorf("page %d shows the number 1 on a section's first page", i+1)
		}
		if num > 1 && first != strconv.Itoa(num) {
			t.Errorf("page %d starts with %q, want its number %d", i+1, first, num)
		}
	}
	// The signature block is not alone on the last page of the Kế hoạch.
	last := texts[mainPages-1]
	if idx := strings.Index(last, "Nơi nhận:"); idx < 0 || !strings.Contains(last[:idx], "./.") {
		t.Errorf("the signature is not on the page of the end of the body:\n%s", last)
	}

	// Annex: the header row on every page, rows in order.
	header := "STT Họ và tên Chức vụ Đơn vị Hình thức"
	prev := 0
	for i := mainPages; i < pages; i++ {
		txt := texts[i]
		if !strings.Contains(txt, header) {
			t.Errorf("annex page %d lacks the header row", i-mainPages+1)
		}
		for _, m := range regexp.MustCompile(`Nguyễn Thị Hồng (\d{3})`).FindAllStringSubmatch(txt, -1) {
			n, _ := strconv.Atoi(m[1])
			if n != prev+1 {
				t.Errorf("annex row %d follows row %d", n, prev)
			}
			prev = n
		}
	}
	if prev != 120 {
		t.Errorf("the annex ends at row %d, want 120", prev)
	}
}

// TestSamePagesAsPDF checks the promise of the two renderers: LibreOffice's
// rendering of our DOCX puts the same words on the same pages as our PDF,
// for the hand-built Kế hoạch with its annex and for the seed Kế hoạch
// (Lai Châu, 2021) as internal/plan builds it.
func TestSamePagesAsPDF(t *testing.T) {
	tooltest.NeedAll(t, "soffice", "pdftotext", "pdfinfo")
	t.Run("sample", func(t *testing.T) { samePages(t, sampleDocument(120)) })
	t.Run("seed", func(t *testing.T) { samePages(t, seedDocument(t)) })
}

const seedPath = "../../testdata/ke-hoach-lai-chau.json"

// seedDocument builds the seed Kế hoạch through internal/plan.
func seedDocument(t testing.TB) document.Document {
	t.Helper()
	data, err := os.ReadFile(seedPath)
	if err != nil {
		t.Fatalf("seed Kế hoạch: %v", err)
	}
	c, _, err := plan.Decode(data, letterhead.Env{Metrics: typesettest.Metrics()})
	if err != nil {
		t.Fatalf("seed Kế hoạch: %v", err)
	}
	return c.Document()
}

func samePages(t *testing.T, d document.Document) {
	dir := t.TempDir()
	lo := pageTexts(t, convert(t, dir, d))

	m, err := typeset.New()
	if err != nil {
		t.Fatal(err)
	}
	fonts, err := pdf.LoadFonts()
	if err != nil {
		t.Fatal(err)
	}
	r := pdf.New(m, fonts)
	ref := filepath.Join(dir, "ref.pdf")
	f, err := os.Create(ref)
	if err != nil {
		t.Fatal(err)
	}
	if err := r.Render(f, d); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	want := pageTexts(t, ref)
	if len(lo) != len(want) {
		t.Errorf("LibreOffice makes %d pages of the DOCX, the PDF has %d", len(lo), len(want))
	}
	for i := 0; i < len(lo) && i < len(want); i++ {
		if lo[i] != want[i] {
			t.Errorf("page %d differs:\n DOCX: %s\n  PDF: %s", i+1, clip(lo[i]), clip(want[i]))
		}
	}
}

func clip(s string) string {
	if len(s) > 300 {
		return s[:150] + " … " + s[len(s)-150:]
	}
	return s
}

func assertOrder(t *testing.T, text string, parts ...string) {
	t.Helper()
	at := 0
	for _, p := range parts {
		i := strings.Index(text[at:], p)
		if i < 0 {
			t.Errorf("%q not found after position %d (order %q)", p, at, fmt.Sprint(parts))
			return
		}
		at += i + len(p)
	}
}

func abs(v float64) float64 {
	if v < 0 {
		return -v
	}
	return v
}
