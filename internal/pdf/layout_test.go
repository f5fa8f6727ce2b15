package pdf

import (
	"fmt"
	"math"
	"os/exec"
	"strings"
	"sync"
	"testing"

	"github.com/vanban/vanban/internal/document"
	"github.com/vanban/vanban/internal/golden"
	"github.com/vanban/vanban/internal/tooltest"
	"github.com/vanban/vanban/internal/typeset"
)

// The tests share one set of parsed faces and metrics, as a process does.
var (
	testFontsOnce sync.Once
	testFonts     *Fonts
	testMetrics   *typeset.Metrics
	testFontsErr  error
)

func newRenderer(t testing.TB) *Renderer {
	t.Helper()
	testFontsOnce.Do(func() {
		if testMetrics, testFontsErr = typeset.New(); testFontsErr == nil {
			testFonts, testFontsErr = LoadFonts()
		}
	})
	if testFontsErr != nil {
		t.Fatal(testFontsErr)
	}
	return New(testMetrics, testFonts)
}

// boxText joins the text ops of a box in drawing order, with " | " where the
// next op does not continue the previous one (a new line, another cell).
func boxText(b *box) string {
	var sb strings.Builder
	y, end := math.NaN(), 0.0
	for _, o := range b.ops {
		if o.kind != opText {
			continue
		}
		if !math.IsNaN(y) && (o.y != y || math.Abs(o.x-end) > 0.01) {
			sb.WriteString(" | ")
		}
		sb.WriteString(o.text)
		y, end = o.y, o.x+o.w
	}
	return sb.String()
}

// Justification: the lines of a justified paragraph, except the last, end at
// the right edge of the text; the first starts at the first-line indent, the
// others at the left edge; the last line keeps its natural spacing.
func TestJustifiedParagraphFillsLines(t *testing.T) {
	r := newRenderer(t)
	l := &layouter{m: r.metrics, fs: r.faces}
	x0, width := 30*ptPerMM, 165*ptPerMM
	for _, p := range planDocument(t).Sections[0].Blocks {
		p, ok := p.(document.Paragraph)
		if !ok || p.Align != document.Justify {
			continue
		}
		pl := l.paragraph(p, x0, width)
		for i, ln := range pl.lines {
			if len(ln) == 0 {
				t.Fatalf("%q: line %d is empty", p.Text(), i)
			}
			left, right := math.Inf(1), math.Inf(-1)
			for _, o := range ln {
				left = math.Min(left, o.x)
				right = math.Max(right, o.x+o.w)
			}
			wantLeft := x0
			if i == 0 {
				wantLeft += 10 * ptPerMM
			}
			if math.Abs(left-wantLeft) > 1e-6 {
				t.Errorf("%.30q line %d starts at %.3f, want %.3f", p.Text(), i, left, wantLeft)
			}
			last := i == len(pl.lines)-1
			switch {
			case !last && math.Abs(right-(x0+width)) > 1e-6:
				t.Errorf("%.30q line %d ends at %.3f, want the right margin %.3f", p.Text(), i, right, x0+width)
			case last && right > x0+width+1e-6:
				t.Errorf("%.30q last line overflows: %.3f", p.Text(), right)
			}
			for _, o := range ln {
				if o.just != (!last && strings.Contains(o.text, " ")) {
					t.Errorf("%.30q line %d piece %q just=%v", p.Text(), i, o.text, o.just)
				}
			}
		}
	}
}

// Alignments place the natural-width line inside the indents.
func TestAlignments(t *testing.T) {
	r := newRenderer(t)
	l := &layouter{m: r.metrics, fs: r.faces}
	const text = "Độc lập - Tự do - Hạnh phúc"
	w := r.metrics.WidthPt(text, faceStyle(1), 13)
	x0, width := 100.0, 300.0
	cases := []struct {
		align       document.Align
		left, right float64 // indents, mm
		wantX       float64
	}{
		{document.Left, 0, 0, x0},
		{document.Left, 10, 0, x0 + 10*ptPerMM},
		{document.Center, 0, 0, x0 + (width-w)/2},
		{document.Center, 10, 20, x0 + 10*ptPerMM + (width-30*ptPerMM-w)/2},
		{document.Right, 0, 0, x0 + width - w},
		{document.Right, 0, 5, x0 + width - 5*ptPerMM - w},
		{document.Justify, 0, 0, x0}, // a single line is the last line
	}
	for _, c := range cases {
		p := line(text, 13, true, false, c.align)
		p.IndentLeftMM, p.IndentRightMM = c.left, c.right
		pl := l.paragraph(p, x0, width)
		if len(pl.lines) != 1 || len(pl.lines[0]) != 1 {
			t.Fatalf("%v: %d lines", c.align, len(pl.lines))
		}
		o := pl.lines[0][0]
		if math.Abs(o.x-c.wantX) > 1e-6 || o.just {
			t.Errorf("%v indents %v/%v: x = %.3f, want %.3f (just %v)", c.align, c.left, c.right, o.x, c.wantX, o.just)
		}
		// Baseline one descent above the bottom of the 15 pt line box.
		if want := 15 - r.faces.descent*13; math.Abs(o.y-want) > 1e-9 {
			t.Errorf("baseline %.3f, want %.3f", o.y, want)
		}
	}
}

// Runs keep their own style, size and colour; underlined runs get a bar
// under the text.
func TestRunStyles(t *testing.T) {
	r := newRenderer(t)
	l := &layouter{m: r.metrics, fs: r.faces}
	p := document.Paragraph{SizePt: 14, LineHeightPt: 18, Runs: []document.Run{
		{Text: "Điều 1. ", Bold: true},
		{Text: "Tặng Giấy khen ", Italic: true, Color: "C00000"},
		{Text: "cho", Underline: true, SizePt: 12},
	}}
	pl := l.paragraph(p, 0, 400)
	var got []string
	for _, o := range pl.lines[0] {
		got = append(got, fmt.Sprintf("%d %s %v %v %q", o.kind, faceNames[o.face], o.size, o.color, o.text))
	}
	want := []string{
		`0 B 14 {0 0 0} "Điều 1. "`,
		`0 I 14 {192 0 0} "Tặng Giấy khen "`,
		`0  12 {0 0 0} "cho"`,
		`1  0 {0 0 0} ""`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("ops:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	u := pl.lines[0][3]
	if u.y <= pl.lines[0][2].y || u.w != pl.lines[0][2].w {
		t.Errorf("underline %+v under %+v", u, pl.lines[0][2])
	}
}

func TestParseColor(t *testing.T) {
	for in, want := range map[string]rgb{"C00000": {192, 0, 0}, "#e00000": {224, 0, 0}, "": {}, "red": {}, "12345": {}, "GG0000": {}} {
		if got := parseColor(in); got != want {
			t.Errorf("parseColor(%q) = %v, want %v", in, got, want)
		}
	}
}

// page of 10 lines of 18 pt: the text area is 180 pt high.
var tenLines = document.Page{WidthMM: 210, HeightMM: 100 + 180/ptPerMM,
	Margins: document.Margins{TopMM: 50, BottomMM: 50, LeftMM: 30, RightMM: 15}}

// nLines is a left-aligned paragraph of exactly n lines of 18 pt.
func nLines(n int) document.Paragraph {
	var s []string
	for i := 0; i < n; i++ {
		s = append(s, fmt.Sprintf("dòng %d", i+1))
	}
	return document.Paragraph{SizePt: 14, LineHeightPt: 18, Runs: []document.Run{{Text: strings.Join(s, "\n")}}}
}

// shape describes pagination as "block:lines" per page, e.g. "0:8 1:2 | 1:2".
func shape(pages [][]placed) string {
	var out []string
	for _, pg := range pages {
		var parts []string
		for i := 0; i < len(pg); {
			j := i
			for j < len(pg) && pg[j].b.block == pg[i].b.block {
				j++
			}
			parts = append(parts, fmt.Sprintf("%d:%d", pg[i].b.block, j-i))
			i = j
		}
		out = append(out, strings.Join(parts, " "))
	}
	return strings.Join(out, " | ")
}

func paginateSection(t *testing.T, r *Renderer, s document.Section) [][]placed {
	t.Helper()
	secs, err := r.layout(document.Document{Sections: []document.Section{s}})
	if err != nil {
		t.Fatal(err)
	}
	return secs[0].pages
}

// Widow/orphan control (2 lines), keep-with-next, keep-together, like Word.
func TestPagination(t *testing.T) {
	r := newRenderer(t)
	keepNext := func(p document.Paragraph) document.Paragraph { p.KeepWithNext = true; return p }
	together := func(p document.Paragraph) document.Paragraph { p.KeepTogether = true; return p }
	cases := []struct {
		name   string
		blocks []document.Block
		want   string
	}{
		{"split 2/2 allowed", []document.Block{nLines(8), nLines(4)}, "0:8 1:2 | 1:2"},
		{"orphan: one line would stay", []document.Block{nLines(9), nLines(4)}, "0:9 | 1:4"},
		{"widow: one line would go", []document.Block{nLines(7), nLines(4)}, "0:7 1:2 | 1:2"},
		{"three lines never split", []document.Block{nLines(8), nLines(3)}, "0:8 | 1:3"},
		{"two lines never split", []document.Block{nLines(9), nLines(2)}, "0:9 | 1:2"},
		{"one line fills the page", []document.Block{nLines(9), nLines(1)}, "0:9 1:1"},
		{"heading keeps with next", []document.Block{nLines(8), keepNext(nLines(1)), nLines(4)}, "0:8 | 1:1 2:4"},
		{"keep together", []document.Block{nLines(6), together(nLines(5))}, "0:6 | 1:5"},
		{"longer than a page", []document.Block{nLines(25)}, "0:10 | 0:10 | 0:5"},
		{"keep together longer than a page", []document.Block{nLines(3), together(nLines(12))}, "0:3 | 1:10 | 1:2"},
		{"chain of keeps longer than a page breaks", []document.Block{keepNext(nLines(6)), keepNext(nLines(6)), nLines(2)}, "0:6 1:4 | 1:2 2:2"},
		{"empty section", nil, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := shape(paginateSection(t, r, document.Section{Page: tenLines, Blocks: c.blocks}))
			if got != c.want {
				t.Errorf("pages %q, want %q", got, c.want)
			}
		})
	}
}

// Space before is dropped at the top of a page but kept at the top of the
// first page; space after may run into the bottom margin.
func TestSpaceAtPageTop(t *testing.T) {
	r := newRenderer(t)
	top := tenLines.Margins.TopMM * ptPerMM
	spaced := nLines(2)
	spaced.SpaceBeforePt = 12
	spaced.SpaceAfterPt = 30
	pages := paginateSection(t, r, document.Section{Page: tenLines, Blocks: []document.Block{spaced, nLines(5), spaced, spaced}})
	if got := shape(pages); got != "0:2 1:5 | 2:2 3:2" {
		t.Fatalf("pages %q", got)
	}
	if y := pages[0][0].y; math.Abs(y-(top+12)) > 1e-9 {
		t.Errorf("first page: first line at %.2f, want %.2f (space before kept)", y, top+12)
	}
	if y := pages[1][0].y; math.Abs(y-top) > 1e-9 {
		t.Errorf("second page: first line at %.2f, want %.2f (space before dropped)", y, top)
	}
	if y := pages[1][2].y; math.Abs(y-(top+36+30+12)) > 1e-9 {
		t.Errorf("second paragraph on page 2 at %.2f, want %.2f (after + before)", y, top+36+30+12)
	}
	// Page 1: 12 + 2×18 + 30 + 5×18 = 168 pt; block 2 needs 12 + 36 more.
}

// A signature grid with KeepWithPrevious never starts a page alone: find a
// filler height that pushes the grid just past the end of page 1, then check
// that without the keep the grid would be alone at the top of page 2, and
// with it the last two lines of the body come along.
func TestSignatureNeverAlone(t *testing.T) {
	r := newRenderer(t)
	found := false
	for spacer := 0.0; spacer < 700 && !found; spacer += 3 {
		blocks := func(keep bool) []document.Block {
			filler := nLines(1)
			filler.SpaceAfterPt = spacer
			g := closing()
			g.KeepWithPrevious = keep
			return []document.Block{header(false), filler, body(strings.Repeat("Nội dung kế hoạch được triển khai đầy đủ. ", 12)), g}
		}
		without := paginateSection(t, r, document.Section{Page: a4, Blocks: blocks(false)})
		if len(without) != 2 || without[1][0].b.block != 3 {
			continue // the grid does not start page 2 here
		}
		found = true
		with := paginateSection(t, r, document.Section{Page: a4, Blocks: blocks(true)})
		p2 := with[len(with)-1]
		if p2[len(p2)-1].b.block != 3 {
			t.Fatalf("grid not on the last page: %s", shape(with))
		}
		if len(p2) < 3 || p2[0].b.block != 2 || p2[1].b.block != 2 {
			t.Errorf("spacer %v: page %d is %q, want at least two body lines before the grid", spacer, len(with), shape(with))
		}
		// And in the PDF: page 2 opens with its number and body text.
		if _, err := exec.LookPath("pdftotext"); err != nil && !tooltest.CI() {
			continue
		}
		path := writePDF(t, r, document.Document{Sections: []document.Section{{Page: a4, PageNumber: pageNumbers, Blocks: blocks(true)}}})
		lines := strings.Split(strings.TrimSpace(pageText(t, path, 2)), "\n")
		if len(lines) < 4 || lines[0] != "2" || !strings.Contains(lines[1]+lines[2], "triển khai") || lines[1] == "Nơi nhận:" {
			t.Errorf("page 2 of the PDF begins %q", lines[:min(4, len(lines))])
		}
		if !strings.Contains(strings.Join(lines, "\n"), signerName) {
			t.Errorf("signer not on page 2")
		}
	}
	if !found {
		t.Fatal("no filler height puts the grid alone at the top of page 2")
	}
}

// Table: header rows on every page, rows never split, a KeepWithNext row
// (group title) never ends a page.
func TestTablePagination(t *testing.T) {
	r := newRenderer(t)
	d := annexDocument(120)
	secs, err := r.layout(d)
	if err != nil {
		t.Fatal(err)
	}
	if len(secs[0].pages) != 1 {
		t.Errorf("section 1 has %d pages", len(secs[0].pages))
	}
	pages := secs[1].pages
	if len(pages) < 5 {
		t.Fatalf("annex has %d pages", len(pages))
	}
	bottom := secs[1].h - d.Sections[1].Page.Margins.BottomMM*ptPerMM
	next := 0 // next body row expected
	for i, pg := range pages {
		var rows []*box
		for _, p := range pg {
			if p.b.block == 2 {
				rows = append(rows, p.b)
			}
			if p.y+p.b.height > bottom+1e-6 {
				t.Errorf("page %d: a box overflows the bottom margin", i+1)
			}
		}
		if len(rows) == 0 || !strings.Contains(boxText(rows[0]), annexHeader) {
			t.Fatalf("page %d does not start the table with its header: %q", i+1, boxText(rows[0]))
		}
		if last := rows[len(rows)-1]; last.keepNext && i < len(pages)-1 {
			t.Errorf("page %d ends with a keep-with-next row %q", i+1, boxText(last))
		}
		for _, b := range rows[1:] {
			if b.part == 0 {
				t.Errorf("page %d: header row in the middle", i+1)
			}
			next++
			if b.part != next {
				t.Errorf("page %d: row %d after row %d", i+1, b.part, next-1)
				next = b.part
			}
		}
	}
	if next != 121 {
		t.Errorf("%d body rows drawn, want 121", next)
	}
}

// Grids: cells side by side from the offset, rows as tall as their tallest
// cell, rules centred in their cell.
func TestGridGeometry(t *testing.T) {
	r := newRenderer(t)
	l := &layouter{m: r.metrics, fs: r.faces}
	g := header(false)
	rows := l.gridRows(g, 30*ptPerMM, 0)
	if len(rows) != 1 {
		t.Fatalf("%d rows", len(rows))
	}
	// Left cell: 12+2 pt lines ×3, rule 1+0.5+6, 13+2 pt line = 64.5 pt;
	// right: 14×2 + 7.5 + 15 = 50.5 pt.
	if h := rows[0].height; math.Abs(h-64.5) > 1e-9 {
		t.Errorf("row height %.2f, want 64.5", h)
	}
	var ruleX []float64
	for _, o := range rows[0].ops {
		if o.kind == opFill {
			ruleX = append(ruleX, o.x+o.w/2)
		}
	}
	x0 := 20 * ptPerMM // 30 mm margin, -10 mm offset
	want := []float64{x0 + 35*ptPerMM, x0 + (70+52.5)*ptPerMM}
	if len(ruleX) != 2 || math.Abs(ruleX[0]-want[0]) > 1e-6 || math.Abs(ruleX[1]-want[1]) > 1e-6 {
		t.Errorf("rule centres %v, want %v", ruleX, want)
	}
}

// The stamp box is BoxWidthMM wide, centred on the text, in BoxColor.
func TestBoxedParagraph(t *testing.T) {
	r := newRenderer(t)
	l := &layouter{m: r.metrics, fs: r.faces}
	p := line("HỎA TỐC", 13, true, false, document.Center)
	p.Boxed, p.BoxWidthMM, p.BoxColor = true, 32, "E00000"
	boxes := l.flow([]document.Block{p}, 0, 200)
	if len(boxes) != 1 || len(boxes[0].ops) != 2 {
		t.Fatalf("boxes %+v", boxes)
	}
	border, text := boxes[0].ops[0], boxes[0].ops[1]
	if border.kind != opStroke || math.Abs(border.w-32*ptPerMM) > 1e-9 || border.h != 15 || border.color != (rgb{224, 0, 0}) {
		t.Errorf("border %+v", border)
	}
	if c := text.x + text.w/2; math.Abs(c-(border.x+border.w/2)) > 1e-9 || text.color != (rgb{224, 0, 0}) {
		t.Errorf("text %+v not centred in %+v", text, border)
	}
}

// The golden layout: where every box lands (page, y in pt, block, part) and
// its text, for the reference documents. It pins line breaks and page breaks
// without poppler.
func TestGoldenLayout(t *testing.T) {
	r := newRenderer(t)
	for _, c := range []struct {
		name string
		doc  document.Document
	}{
		{"ke-hoach", planDocument(t)},
		{"to-trinh-danh-sach", annexDocument(40)},
	} {
		t.Run(c.name, func(t *testing.T) {
			secs, err := r.layout(c.doc)
			if err != nil {
				t.Fatal(err)
			}
			var sb strings.Builder
			for si, s := range secs {
				for pi, pg := range s.pages {
					fmt.Fprintf(&sb, "== section %d page %d (%.2f x %.2f pt)\n", si+1, pi+1, s.w, s.h)
					for _, p := range pg {
						fmt.Fprintf(&sb, "%7.2f %3d.%-3d %s\n", p.y, p.b.block, p.b.part, boxText(p.b))
					}
				}
			}
			got := sb.String()
			golden.Check(t, c.name+".layout.txt", []byte(got))
		})
	}
}
