package pdf

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"codeberg.org/go-pdf/fpdf"

	"github.com/vanban/vanban/internal/apperr"
	"github.com/vanban/vanban/internal/document"
	"github.com/vanban/vanban/internal/golden"
	"github.com/vanban/vanban/internal/pdf/pdftest"
	"github.com/vanban/vanban/internal/tooltest"
)

func render(t testing.TB, r *Renderer, d document.Document) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := r.Render(&buf, d); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// writePDF renders d into a temporary file and returns its path.
func writePDF(t *testing.T, r *Renderer, d document.Document) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "out.pdf")
	if err := os.WriteFile(path, render(t, r, d), 0o600); err != nil {
		t.Fatal(err)
	}
	pdftest.Check(t, path)
	return path
}

func run(t *testing.T, name string, args ...string) string {
	t.Helper()
	tooltest.Need(t, name)
	out, err := exec.Command(name, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("%s %v: %v\n%s", name, args, err, out)
	}
	return string(out)
}

// pageText is the text of page n (from 1) in reading order.
func pageText(t *testing.T, path string, n int) string {
	return run(t, "pdftotext", "-f", strconv.Itoa(n), "-l", strconv.Itoa(n), path, "-")
}

func firstLine(s string) string {
	for _, l := range strings.Split(s, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			return l
		}
	}
	return ""
}

type pageInfo struct {
	pages int
	sizes []string // "595.28 x 841.89" per page
	meta  map[string]string
}

func info(t *testing.T, path string) pageInfo {
	out := run(t, "pdfinfo", "-f", "1", "-l", "1000", path)
	pi := pageInfo{meta: map[string]string{}}
	sizeRE := regexp.MustCompile(`^Page +\d+ size: +([\d.]+ x [\d.]+) pts`)
	for _, l := range strings.Split(out, "\n") {
		if m := sizeRE.FindStringSubmatch(l); m != nil {
			pi.sizes = append(pi.sizes, m[1])
			continue
		}
		k, v, ok := strings.Cut(l, ":")
		if ok {
			pi.meta[k] = strings.TrimSpace(v)
		}
	}
	pi.pages, _ = strconv.Atoi(pi.meta["Pages"])
	return pi
}

const (
	a4PortraitPts  = "595.28 x 841.89"
	a4LandscapePts = "841.89 x 595.28"
)

// The seed Kế hoạch: A4 pages, metadata, embedded Liberation Serif, page
// numbers hidden on page 1 and shown from page 2, text in reading order, and
// the signature block never alone at the top of a page.
func TestPlanPDF(t *testing.T) {
	r := newRenderer(t)
	path := writePDF(t, r, planDocument(t))

	pi := info(t, path)
	if pi.pages < 5 || pi.pages > 7 {
		t.Errorf("%d pages, want about 5–6", pi.pages)
	}
	for i, s := range pi.sizes {
		if s != a4PortraitPts {
			t.Errorf("page %d is %s pts, want A4 %s", i+1, s, a4PortraitPts)
		}
	}
	for k, want := range map[string]string{
		"Title":  "Kế hoạch triển khai phong trào thi đua đặc biệt",
		"Author": "Sở Văn hóa, Thể thao và Du lịch tỉnh Lai Châu", "Subject": "Phong trào thi đua phòng, chống Covid-19",
	} {
		if pi.meta[k] != want {
			t.Errorf("%s = %q, want %q", k, pi.meta[k], want)
		}
	}
	if !strings.Contains(pi.meta["CreationDate"], "2020") {
		t.Errorf("CreationDate %q is not the fixed date", pi.meta["CreationDate"])
	}

	checkFonts(t, path, 4)

	p1 := pageText(t, path, 1)
	if f := firstLine(p1); f != "UBND TỈNH LAI CHÂU" {
		t.Errorf("page 1 starts with %q: the page number must be hidden on page 1", f)
	}
	order := []string{"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "KẾ HOẠCH", "Thực hiện Kế hoạch số 4049/KH-UBND", "I. MỤC ĐÍCH, YÊU CẦU"}
	last := -1
	for _, s := range order {
		i := strings.Index(p1, s)
		if i <= last {
			t.Errorf("page 1: %q missing or out of order", s)
		}
		last = i
	}
	for n := 2; n <= pi.pages; n++ {
		txt := pageText(t, path, n)
		if f := firstLine(txt); f != strconv.Itoa(n) {
			t.Errorf("page %d starts with %q, want its number", n, f)
		}
		lines := strings.Split(strings.TrimSpace(txt), "\n")
		if len(lines) > 1 && (lines[1] == "Nơi nhận:" || lines[1] == "KT. GIÁM ĐỐC") {
			t.Errorf("page %d starts with the signature block", n)
		}
	}
	lastPage := pageText(t, path, pi.pages)
	if !strings.Contains(lastPage, signerName) || !strings.Contains(lastPage, "triển khai thực hiện./.") {
		t.Errorf("last page lacks the closing paragraph or the signer:\n%s", lastPage)
	}
}

// checkFonts: every font embedded, a CID TrueType face of Liberation Serif.
func checkFonts(t *testing.T, path string, want int) {
	t.Helper()
	out := run(t, "pdffonts", path)
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 2+want {
		t.Fatalf("pdffonts lists %d fonts, want %d:\n%s", len(lines)-2, want, out)
	}
	for _, l := range lines[2:] {
		f := strings.Fields(l)
		// name, "CID", "TrueType", encoding, emb, sub, uni, object, gen
		if len(f) < 9 || !strings.Contains(strings.ToLower(f[0]), "liberationserif") || f[1] != "CID" || f[2] != "TrueType" || f[4] != "yes" || f[5] != "yes" || f[6] != "yes" {
			t.Errorf("font line %q: want an embedded subset of Liberation Serif as CID TrueType font with a ToUnicode map", l)
		}
	}
}

// The PDF draws exactly the lines of the layout: every line of every body
// paragraph, as laid out, is a line of pdftotext's output for its page.
func TestPDFDrawsTheLaidOutLines(t *testing.T) {
	r := newRenderer(t)
	d := planDocument(t)
	path := writePDF(t, r, d)
	secs, err := r.layout(d)
	if err != nil {
		t.Fatal(err)
	}
	checked := 0
	for n, pg := range secs[0].pages {
		got := map[string]bool{}
		var gotLines []string
		for _, l := range strings.Split(pageText(t, path, n+1), "\n") {
			l = strings.Join(strings.Fields(l), " ")
			got[l] = true
			gotLines = append(gotLines, l)
		}
		prevHyphen := false
		for _, p := range pg {
			if _, ok := d.Sections[0].Blocks[p.b.block].(document.Paragraph); !ok {
				continue
			}
			want := strings.Join(strings.Fields(boxText(p.b)), " ")
			ok := got[want]
			// pdftotext joins a line that ends in a hyphen with the next one.
			for _, g := range gotLines {
				if ok {
					break
				}
				ok = strings.HasSuffix(want, "-") && strings.HasPrefix(g, strings.TrimSuffix(want, "-")) ||
					prevHyphen && strings.HasSuffix(g, want)
			}
			if !ok {
				t.Errorf("page %d: line %q not drawn as one line", n+1, want)
			}
			prevHyphen = strings.HasSuffix(want, "-")
			checked++
		}
	}
	if checked < 150 {
		t.Errorf("only %d lines checked", checked)
	}
}

// The golden file holds the text of the reference document, page by page.
func TestGoldenText(t *testing.T) {
	tooltest.Need(t, "pdftotext")
	r := newRenderer(t)
	for _, c := range []struct {
		name string
		doc  document.Document
	}{
		{"ke-hoach", planDocument(t)},
		{"to-trinh-danh-sach", annexDocument(40)},
	} {
		t.Run(c.name, func(t *testing.T) {
			path := writePDF(t, r, c.doc)
			if dir := os.Getenv("VANBAN_PDF_OUT"); dir != "" { // to look at the pages
				if b, err := os.ReadFile(path); err == nil {
					_ = os.WriteFile(filepath.Join(dir, c.name+".pdf"), b, 0o644)
				}
			}
			got := run(t, "pdftotext", path, "-")
			golden.Check(t, c.name+".txt", []byte(got))
		})
	}
}

// Two sections: a portrait Tờ trình and a landscape danh sách of 120 rows
// whose header is repeated on every page and whose pages are numbered from 1
// again, the first hidden.
func TestAnnexPDF(t *testing.T) {
	r := newRenderer(t)
	d := annexDocument(120)
	path := writePDF(t, r, d)
	pi := info(t, path)
	if pi.pages < 6 {
		t.Fatalf("%d pages", pi.pages)
	}
	if pi.sizes[0] != a4PortraitPts {
		t.Errorf("page 1 is %s, want portrait A4", pi.sizes[0])
	}
	for i, s := range pi.sizes[1:] {
		if s != a4LandscapePts {
			t.Errorf("page %d is %s, want landscape A4 %s", i+2, s, a4LandscapePts)
		}
	}
	checkFonts(t, path, 4) // the nơi nhận label is bold italic

	if f := firstLine(pageText(t, path, 1)); f != "UBND TỈNH LAI CHÂU" {
		t.Errorf("page 1 starts with %q", f)
	}
	if f := firstLine(pageText(t, path, 2)); f != "DANH SÁCH ĐỀ NGHỊ TẶNG GIẤY KHEN" {
		t.Errorf("annex page 1 starts with %q: its number must be hidden", f)
	}
	var all strings.Builder
	for n := 2; n <= pi.pages; n++ {
		txt := pageText(t, path, n)
		all.WriteString(txt)
		lines := strings.Fields(strings.ReplaceAll(txt, "\n", " | "))
		if n > 2 && (len(lines) == 0 || lines[0] != strconv.Itoa(n-1)) {
			t.Errorf("annex page %d starts with %q, want %d", n-1, firstLine(txt), n-1)
		}
		if !strings.Contains(txt, annexHeader) || !strings.Contains(txt, "Thành tích") {
			t.Errorf("annex page %d lacks the header row", n-1)
		}
	}
	// Every row, in order.
	text := all.String()
	last := -1
	for i := 1; i <= 120; i++ {
		name := fmt.Sprintf("Người Thứ %03d", i)
		at := strings.Index(text, name)
		if at <= last {
			t.Fatalf("row %q missing or out of order", name)
		}
		last = at
	}
}

// Same Document, same bytes: fixed dates, sorted catalogue, and concurrent
// renders on one Renderer give the same file. The prepared font files are
// not modified by fpdf.
func TestDeterministicAndConcurrent(t *testing.T) {
	r := newRenderer(t)
	docs := []document.Document{planDocument(t), annexDocument(60)}
	want := make([][]byte, len(docs))
	for i, d := range docs {
		want[i] = render(t, r, d)
		if again := render(t, r, d); !bytes.Equal(again, want[i]) {
			t.Fatalf("document %d: two renders differ", i)
		}
	}
	var wg sync.WaitGroup
	errs := make(chan error, 16)
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			var buf bytes.Buffer
			if err := r.Render(&buf, docs[g%2]); err != nil {
				errs <- err
				return
			}
			if !bytes.Equal(buf.Bytes(), want[g%2]) {
				errs <- fmt.Errorf("goroutine %d: output differs", g)
			}
		}(g)
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

// The widths fpdf writes for the faces (which PDF viewers use to place
// glyphs) agree with typeset's, which break the lines: otherwise justified
// lines would not end at the margin.
func TestFaceWidthsAgreeWithTypeset(t *testing.T) {
	r := newRenderer(t)
	var text []rune
	for _, rg := range [][2]rune{{0x20, 0x7E}, {0xA0, 0x17F}, {0x1A0, 0x1B0}, {0x300, 0x323}, {0x1EA0, 0x1EF9}, {0x2010, 0x2027}} {
		for c := rg[0]; c <= rg[1]; c++ {
			text = append(text, c)
		}
	}
	for i := 0; i < 4; i++ {
		f := fpdf.New("P", "pt", "A4", "")
		f.AddUTF8Face(family, faceNames[i], r.faces.faces[i])
		f.SetFont(family, faceNames[i], 1000)
		checked := 0
		for _, c := range text {
			if !r.metrics.Has(faceStyle(i), c) {
				continue
			}
			checked++
			got := f.GetStringWidth(string(c))
			want := r.metrics.WidthPt(string(c), faceStyle(i), 1000)
			if math.Abs(got-want) > 0.51 { // fpdf rounds to 1/1000 em
				t.Errorf("face %d %q U+%04X: fpdf width %.2f, typeset %.2f", i, c, c, got, want)
			}
		}
		if checked < 450 {
			t.Errorf("face %d: only %d characters checked", i, checked)
		}
		if err := f.Error(); err != nil {
			t.Fatal(err)
		}
	}
}

// Characters beyond Vietnamese but in the font (Greek, Cyrillic, arrows)
// are embedded with the rest of the document's subset, so they still print.
func TestCharacterOutsideRepertoire(t *testing.T) {
	r := newRenderer(t)
	d := document.Document{Title: "x", Sections: []document.Section{{Page: a4, Blocks: []document.Block{
		line("Hệ số α = 0,5 → Ω; Москва", 14, false, false, document.Left),
		line("Bình thường", 14, true, false, document.Left),
	}}}}
	path := writePDF(t, r, d)
	if txt := pageText(t, path, 1); !strings.Contains(txt, "Hệ số α = 0,5 → Ω; Москва") || !strings.Contains(txt, "Bình thường") {
		t.Errorf("text lost: %q", txt)
	}
	checkFonts(t, path, 2)
}

// No Document makes the renderer panic or loop: bad values give a clear
// apperr error or fall back to sane defaults.
func TestRobustness(t *testing.T) {
	r := newRenderer(t)
	huge := strings.Repeat("Độclập", 2000)
	nan := math.NaN()
	para := func(mod func(*document.Paragraph)) document.Paragraph {
		p := body("Nội dung kiểm thử với một vài từ.")
		mod(&p)
		return p
	}
	sec := func(blocks ...document.Block) document.Section { return document.Section{Page: a4, Blocks: blocks} }
	cell := func(text string) document.Cell { return document.Cell{Blocks: []document.Block{body(text)}} }
	tcell := func(span int, text string) document.TableCell {
		return document.TableCell{Span: span, Paragraphs: []document.Paragraph{body(text)}}
	}
	zeroGrid := document.Grid{ColumnsMM: []float64{0, -5}, OffsetMM: -1e6, Rows: []document.GridRow{
		{Cells: []document.Cell{cell("chữ trong ô rỗng"), {}, cell("ô thừa")}},
	}}
	oddTable := document.Table{ColumnsMM: []float64{20, 0}, CellPaddingMM: 50,
		Header: []document.TableRow{{Cells: []document.TableCell{{Span: 5}}}},
		Rows: []document.TableRow{
			{KeepWithNext: true, Cells: []document.TableCell{tcell(-3, huge[:300])}},
			{Cells: nil},
		}}
	tallTable := document.Table{ColumnsMM: []float64{10},
		Header: []document.TableRow{{Cells: []document.TableCell{tcell(1, huge[:600])}}},
		Rows:   []document.TableRow{{Cells: []document.TableCell{tcell(1, huge[:600])}}}}
	cases := []struct {
		name    string
		doc     document.Document
		invalid bool // an apperr Invalid error is expected
	}{
		{"empty document", document.Document{}, true},
		{"empty section", document.Document{Sections: []document.Section{{Page: a4}}}, false},
		// One document.Validate for both renderers: what the DOCX refuses the
		// PDF refuses too; a page without a size is never silently A4.
		{"zero page size refused", document.Document{Sections: []document.Section{{Blocks: []document.Block{body("x")}}}}, true},
		{"margins eat the page", document.Document{Sections: []document.Section{{Page: document.Page{WidthMM: 210, HeightMM: 297,
			Margins: document.Margins{LeftMM: 150, RightMM: 100}}}}}, true},
		{"NaN page", document.Document{Sections: []document.Section{{Page: document.Page{WidthMM: nan, HeightMM: nan}}}}, true},
		{"huge word", document.Document{Sections: []document.Section{sec(body(huge))}}, false},
		{"zero line height and size", document.Document{Sections: []document.Section{sec(para(func(p *document.Paragraph) {
			p.LineHeightPt, p.SizePt = 0, 0
		}))}}, false},
		{"negative and NaN values", document.Document{Sections: []document.Section{sec(para(func(p *document.Paragraph) {
			p.LineHeightPt, p.SizePt, p.FirstLineIndentMM, p.SpaceBeforePt = -5, nan, nan, -10
			p.Runs[0].SizePt = math.Inf(1)
		}))}}, true},
		{"indents wider than the page", document.Document{Sections: []document.Section{sec(para(func(p *document.Paragraph) {
			p.IndentLeftMM, p.IndentRightMM = 200, 200
		}))}}, false},
		{"no runs", document.Document{Sections: []document.Section{sec(document.Paragraph{})}}, false},
		{"bad colours", document.Document{Sections: []document.Section{sec(para(func(p *document.Paragraph) {
			p.Runs[0].Color, p.Boxed, p.BoxColor = "zz", true, "#12"
		}))}}, true},
		{"huge line height", document.Document{Sections: []document.Section{sec(para(func(p *document.Paragraph) {
			p.LineHeightPt = 1e9
		}))}}, true},
		{"zero-width grid columns", document.Document{Sections: []document.Section{sec(zeroGrid)}}, true},
		{"grid without columns or rows", document.Document{Sections: []document.Section{sec(document.Grid{KeepWithPrevious: true}, document.Grid{Rows: []document.GridRow{{}}})}}, true},
		{"table with odd spans", document.Document{Sections: []document.Section{sec(oddTable)}}, true},
		{"table without columns", document.Document{Sections: []document.Section{sec(document.Table{Rows: []document.TableRow{{}}})}}, true},
		{"row taller than the page", document.Document{Sections: []document.Section{sec(tallTable)}}, false},
		{"rules of zero and huge size", document.Document{Sections: []document.Section{sec(document.Rule{}, document.Rule{WidthMM: 1e9, ThicknessPt: 1e9})}}, true},
		{"nested grid in a grid", document.Document{Sections: []document.Section{sec(document.Grid{ColumnsMM: []float64{80},
			Rows: []document.GridRow{{Cells: []document.Cell{{Blocks: []document.Block{header(true), annexDocument(2).Sections[1].Blocks[2]}}}}}})}}, false},
		{"keep chains everywhere", document.Document{Sections: []document.Section{sec(
			para(func(p *document.Paragraph) { p.KeepWithNext, p.KeepTogether = true, true; p.Runs[0].Text = huge[:3000] }),
			document.Grid{KeepWithPrevious: true, KeepTogether: true, ColumnsMM: []float64{50}, Rows: []document.GridRow{{}, {}}},
		)}}, false},
		{"control characters and invalid UTF-8", document.Document{Title: "a\xffb", Sections: []document.Section{sec(para(func(p *document.Paragraph) {
			p.Runs[0].Text = "a\x00b\x1bc\td\r\ne\xff\xfe"
		}))}}, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			done := make(chan error, 1)
			var out bytes.Buffer
			go func() {
				defer func() {
					if p := recover(); p != nil {
						done <- fmt.Errorf("panic: %v", p)
					}
				}()
				done <- r.Render(&out, c.doc)
			}()
			var err error
			select {
			case err = <-done:
			case <-time.After(20 * time.Second):
				t.Fatal("render did not finish")
			}
			if c.invalid {
				if !apperr.Is(err, apperr.Invalid) {
					t.Fatalf("err = %v, want an Invalid apperr", err)
				}
				return
			}
			if err != nil {
				t.Fatalf("err = %v", err)
			}
			if !bytes.HasPrefix(out.Bytes(), []byte("%PDF-")) {
				t.Fatal("no PDF written")
			}
		})
	}
}

// A failing writer surfaces as a wrapped error.
func TestWriteError(t *testing.T) {
	r := newRenderer(t)
	err := r.Render(failWriter{}, annexDocument(1))
	if err == nil || !strings.HasPrefix(err.Error(), "render pdf: ") || !errors.Is(err, errDisk) {
		t.Fatalf("err = %v", err)
	}
}

var errDisk = errors.New("disk full")

type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, errDisk }

type textLine struct {
	text                   string
	xMin, yMin, xMax, yMax float64
}

var (
	bboxLineRE = regexp.MustCompile(`<line xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">`)
	bboxWordRE = regexp.MustCompile(`<word [^>]*>([^<]*)</word>`)
)

// bboxLines reads the lines of page n with their bounding boxes (pt, from
// the top-left corner) from pdftotext -bbox-layout.
func bboxLines(t *testing.T, path string, n int) []textLine {
	out := run(t, "pdftotext", "-bbox-layout", "-f", strconv.Itoa(n), "-l", strconv.Itoa(n), path, "-")
	var lines []textLine
	for _, chunk := range strings.Split(out, "<line ")[1:] {
		chunk = "<line " + chunk
		m := bboxLineRE.FindStringSubmatch(chunk)
		if m == nil {
			continue
		}
		var l textLine
		l.xMin, _ = strconv.ParseFloat(m[1], 64)
		l.yMin, _ = strconv.ParseFloat(m[2], 64)
		l.xMax, _ = strconv.ParseFloat(m[3], 64)
		l.yMax, _ = strconv.ParseFloat(m[4], 64)
		var words []string
		for _, w := range bboxWordRE.FindAllStringSubmatch(chunk[:strings.Index(chunk, "</line>")], -1) {
			words = append(words, strings.NewReplacer("&amp;", "&", "&quot;", `"`, "&lt;", "<", "&gt;", ">").Replace(w[1]))
		}
		l.text = strings.Join(words, " ")
		lines = append(lines, l)
	}
	return lines
}

// Geometry read back from the PDF: the page number is centred between the
// margins with its top OffsetMM below the edge; the lines of justified
// paragraphs, except their last, end at the right margin; the first line of
// a paragraph starts at the first-line indent.
func TestPDFGeometry(t *testing.T) {
	r := newRenderer(t)
	d := planDocument(t)
	path := writePDF(t, r, d)
	secs, err := r.layout(d)
	if err != nil {
		t.Fatal(err)
	}
	left := a4.Margins.LeftMM * ptPerMM
	right := (a4.WidthMM - a4.Margins.RightMM) * ptPerMM
	lastPart := map[int]int{}
	for _, pg := range secs[0].pages {
		for _, p := range pg {
			lastPart[p.b.block] = max(lastPart[p.b.block], p.b.part)
		}
	}
	justified := 0
	for n, pg := range secs[0].pages {
		lines := bboxLines(t, path, n+1)
		if n > 0 {
			num := lines[0]
			if num.text != strconv.Itoa(n+1) || math.Abs((num.xMin+num.xMax)/2-(left+right)/2) > 0.5 || math.Abs(num.yMin-10*ptPerMM) > 0.5 {
				t.Errorf("page %d number %+v: want %d centred at %.2f, top at %.2f", n+1, num, n+1, (left+right)/2, 10*ptPerMM)
			}
		}
		byText := map[string]textLine{}
		for _, l := range lines {
			byText[l.text] = l
		}
		for _, p := range pg {
			para, ok := d.Sections[0].Blocks[p.b.block].(document.Paragraph)
			if !ok || para.Align != document.Justify {
				continue
			}
			want := strings.Join(strings.Fields(boxText(p.b)), " ")
			l, ok := byText[want]
			if !ok {
				continue // joined by pdftotext (hyphen at the end of a line)
			}
			if p.b.part < lastPart[p.b.block] {
				justified++
				if math.Abs(l.xMax-right) > 0.3 {
					t.Errorf("page %d: justified line %q ends at %.2f, want the margin %.2f", n+1, want, l.xMax, right)
				}
			}
			if p.b.part == 0 && math.Abs(l.xMin-(left+10*ptPerMM)) > 0.3 {
				t.Errorf("page %d: first line %q starts at %.2f, want %.2f", n+1, want, l.xMin, left+10*ptPerMM)
			}
		}
	}
	if justified < 100 {
		t.Errorf("only %d justified lines checked", justified)
	}
}
