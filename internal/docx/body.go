package docx

import (
	"fmt"
	"math"
	"strings"

	"github.com/vanban/vanban/internal/document"
	"github.com/vanban/vanban/internal/typeset"
)

const (
	nsW = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
	nsR = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
)

// minLinePt is the height of the filler paragraphs Word needs where the model
// has none (after a table that ends a section or a cell, between two
// adjacent tables, in an empty cell): 1 pt, the smallest exact line height
// both Word and LibreOffice honour without complaint.
const minLinePt = 1

const (
	// defaultRulePt is the thickness of a Rule that gives none (as the PDF).
	defaultRulePt = 0.5
	// borderTwips is the width of the table borders (w:sz 4 = 0.5 pt).
	borderTwips = 10
	// singleLine is the line height, in ems, of a paragraph without one
	// (the PDF's single spacing of Times New Roman).
	singleLine = 1.15
	// boxPadPt is the side padding of a box without a width (as the PDF).
	boxPadPt = 4
	// boxBorderPt is the width of a box's lines (w:sz 4).
	boxBorderPt = 0.5
)

// lineHeight is p's exact line height: LineHeightPt, or single spacing of
// the largest size in the paragraph.
func lineHeight(p document.Paragraph, size float64) float64 {
	if p.LineHeightPt > 0 {
		return p.LineHeightPt
	}
	m := size
	for _, r := range p.Runs {
		m = math.Max(m, r.SizePt)
	}
	return singleLine * m
}

// boxHugMM is the width of a box without BoxWidthMM: the widest line of its
// text plus boxPadPt on each side, measured with the metrics of Times New
// Roman (Liberation Serif).
func boxHugMM(m *typeset.Metrics, p document.Paragraph, size float64) float64 {
	widest, cur := 0.0, 0.0
	for _, r := range p.Runs {
		rs := r.SizePt
		if rs == 0 {
			rs = size
		}
		st := typeset.Style{Bold: r.Bold, Italic: r.Italic}
		for i, part := range strings.Split(r.Text, "\n") {
			if i > 0 {
				widest, cur = math.Max(widest, cur), 0
			}
			cur += m.WidthMM(part, st, rs)
		}
	}
	return math.Max(widest, cur) + 2*boxPadPt*document.MMPerPt
}

// bodyWriter writes word/document.xml.
type bodyWriter struct {
	buf
	hp *headerPlan
	// metrics set balanced paragraphs and size boxes.
	metrics *typeset.Metrics
	// lastBorder is the border of the paragraph just written ("" for none).
	lastBorder string
}

// writeBody returns word/document.xml for d, whose sections use the header
// parts of hp.
func writeBody(d document.Document, hp *headerPlan, m *typeset.Metrics) []byte {
	w := &bodyWriter{hp: hp, metrics: m}
	w.b = make([]byte, 0, 4096+estimate(d))
	w.s(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n")
	w.s(`<w:document xmlns:w="` + nsW + `" xmlns:r="` + nsR + `"><w:body>`)
	last := len(d.Sections) - 1
	for i, s := range d.Sections {
		if i < last {
			// NĐ30: an attached phụ lục starts on a new page with its own
			// page setup; Word keeps a section's properties in the last
			// paragraph of the section.
			w.blocks(s.Blocks, s.Page.TextWidthMM(), false, func() { w.sectPr(s, i) })
			continue
		}
		w.blocks(s.Blocks, s.Page.TextWidthMM(), false, nil)
		w.sectPr(s, i)
	}
	w.s(`</w:body></w:document>`)
	return w.b
}

// estimate guesses the size of document.xml to allocate once.
func estimate(d document.Document) int {
	n := 0
	var walk func(bs []document.Block)
	walk = func(bs []document.Block) {
		for _, b := range bs {
			switch b := b.(type) {
			case document.Paragraph:
				n += 400
				for _, r := range b.Runs {
					n += len(r.Text) + 150
				}
			case document.Rule:
				n += 400
			case document.Grid:
				n += 300
				for _, row := range b.Rows {
					n += 60
					for _, c := range row.Cells {
						n += 80
						walk(c.Blocks)
					}
				}
			case document.Table:
				n += 600
				for _, rows := range [][]document.TableRow{b.Header, b.Rows} {
					for _, row := range rows {
						n += 60
						for _, c := range row.Cells {
							n += 80
							for _, p := range c.Paragraphs {
								n += 400
								for _, r := range p.Runs {
									n += len(r.Text) + 150
								}
							}
						}
					}
				}
			}
		}
	}
	for _, s := range d.Sections {
		walk(s.Blocks)
	}
	return n
}

// spaceBefore and spaceAfter are the space a grid or table asks for around
// itself (0 for other blocks).
func spaceBefore(b document.Block) float64 {
	switch b := b.(type) {
	case document.Grid:
		return b.SpaceBeforePt
	case document.Table:
		return b.SpaceBeforePt
	}
	return 0
}

func spaceAfter(b document.Block) float64 {
	switch b := b.(type) {
	case document.Grid:
		return b.SpaceAfterPt
	case document.Table:
		return b.SpaceAfterPt
	}
	return 0
}

func isTable(b document.Block) bool {
	switch b.(type) {
	case document.Grid, document.Table:
		return true
	}
	return false
}

// keepsWithPrevious reports whether b must stay on the page of the block
// before it (the signature grid, KeepWithPrevious).
func keepsWithPrevious(b document.Block) bool {
	g, ok := b.(document.Grid)
	return ok && g.KeepWithPrevious
}

// pOpts are what the surrounding blocks add to a paragraph.
type pOpts struct {
	keepNext    bool    // keep with the next block
	extraBefore float64 // pt, the space after a table just before
	extraAfter  float64 // pt, the space before a table just after
	sectPr      func()  // writes the section properties this paragraph ends
}

// blocks writes bs laid out in availMM (the text width or a cell's width).
// keep puts keepNext on every paragraph (rows of a grid kept together). tail,
// when set, writes the sectPr of a section that ends here. Word needs a
// paragraph after a table that ends a section or a cell, and between two
// tables; those filler paragraphs are 1 pt high, or carry the space the
// tables ask for around them, so the vertical space matches the PDF.
func (w *bodyWriter) blocks(bs []document.Block, availMM float64, keep bool, tail func()) {
	for i, b := range bs {
		var prev, next document.Block
		if i > 0 {
			prev = bs[i-1]
		}
		if i+1 < len(bs) {
			next = bs[i+1]
		}
		o := pOpts{keepNext: keep || keepsWithPrevious(next)}
		if isTable(prev) {
			o.extraBefore = spaceAfter(prev)
		}
		if isTable(next) {
			o.extraAfter = spaceBefore(next)
		}
		if next == nil {
			o.sectPr = tail
		}
		switch b := b.(type) {
		case document.Paragraph:
			w.paragraph(b, availMM, o)
		case document.Rule:
			w.rule(b, availMM, o)
		case document.Grid, document.Table:
			if gap := spaceBefore(b); isTable(prev) || (prev == nil && gap > 0) {
				if isTable(prev) {
					gap += spaceAfter(prev)
				}
				w.filler(gap, keep || keepsWithPrevious(b), nil)
			}
			lastKeep := keep || keepsWithPrevious(next)
			if g, ok := b.(document.Grid); ok {
				w.grid(g, keep, lastKeep)
			} else {
				w.table(b.(document.Table), keep, lastKeep)
			}
			if next == nil {
				w.filler(spaceAfter(b), keep, tail)
			}
		}
	}
	if len(bs) == 0 {
		w.filler(0, keep, tail)
	}
}

// border returns the colour to draw a paragraph border of signature sig
// in: color, or a colour one step away when the paragraph just before has
// the same border. Word and LibreOffice merge the borders of adjacent
// paragraphs with identical borders and indents into one group (two rules
// in a row would show as one line, two boxes as one box); a 1/255 change of
// blue keeps them apart and cannot be seen.
func (w *bodyWriter) border(sig, color string) string {
	if sig == w.lastBorder {
		last := color[len(color)-1]
		flip := byte('1')
		if last == '1' {
			flip = '0'
		}
		color = color[:len(color)-1] + string(flip)
		sig += "'"
	}
	w.lastBorder = sig
	return color
}

// filler writes an empty paragraph exactly gapPt high (at least minLinePt).
func (w *bodyWriter) filler(gapPt float64, keepNext bool, sectPr func()) {
	w.lastBorder = ""
	w.s(`<w:p><w:pPr>`)
	if keepNext {
		w.s(`<w:keepNext/>`)
	}
	w.spacing(0, 0, math.Max(gapPt, minLinePt))
	w.s(`<w:ind w:left="0" w:right="0" w:firstLine="0"/><w:jc w:val="left"/><w:rPr><w:sz w:val="2"/><w:szCs w:val="2"/></w:rPr>`)
	if sectPr != nil {
		sectPr()
	}
	w.s(`</w:pPr></w:p>`)
}

// spacing writes w:spacing with an exact line height (none when lineH is 0:
// the font's single spacing).
func (w *bodyWriter) spacing(before, after, lineH float64) {
	w.s(`<w:spacing w:before="`)
	w.i(twentieths(before))
	w.s(`" w:after="`)
	w.i(twentieths(after))
	if lineH > 0 {
		w.s(`" w:line="`)
		w.i(twentieths(lineH))
		w.s(`" w:lineRule="exact"/>`)
	} else {
		w.s(`" w:line="240" w:lineRule="auto"/>`)
	}
}

// ind writes w:ind; a negative first-line indent is a hanging indent.
func (w *bodyWriter) ind(leftMM, rightMM, firstMM float64) {
	w.s(`<w:ind w:left="`)
	w.i(twips(leftMM))
	w.s(`" w:right="`)
	w.i(twips(rightMM))
	if f := twips(firstMM); f < 0 {
		w.s(`" w:hanging="`)
		w.i(-f)
	} else {
		w.s(`" w:firstLine="`)
		w.i(f)
	}
	w.s(`"/>`)
}

var jcValues = [...]string{document.Left: "left", document.Center: "center", document.Right: "right", document.Justify: "both"}

// paragraph writes p laid out in availMM.
func (w *bodyWriter) paragraph(p document.Paragraph, availMM float64, o pOpts) {
	size := p.SizePt
	if size == 0 {
		size = 14
	}
	p.Runs = setRuns(w.metrics, p, availMM, size)
	w.s(`<w:p><w:pPr>`)
	if p.KeepWithNext || o.keepNext {
		w.s(`<w:keepNext/>`)
	}
	if p.KeepTogether {
		w.s(`<w:keepLines/>`)
	}
	left, right := p.IndentLeftMM, p.IndentRightMM
	if p.Boxed {
		// ô 10b / ô 11: a single-line box BoxWidthMM wide, centred in the
		// room the paragraph's indents leave.
		bw := p.BoxWidthMM
		if bw <= 0 {
			bw = boxHugMM(w.metrics, p, size)
		}
		room := availMM - left - right
		side := (room - bw) / 2
		left, right = left+side, right+side
		color := strings.ToUpper(p.BoxColor)
		if color == "" {
			color = "000000"
		}
		color = w.border(fmt.Sprintf("box %d %d %s", twips(left), twips(right), color), color)
		w.s(`<w:pBdr>`)
		for _, side := range [...]string{"top", "left", "bottom", "right"} {
			w.s(`<w:` + side + ` w:val="single" w:sz="4" w:space="0" w:color="`)
			w.esc(color)
			w.s(`"/>`)
		}
		w.s(`</w:pBdr>`)
	} else {
		w.lastBorder = ""
	}
	before, after, line := p.SpaceBeforePt+o.extraBefore, p.SpaceAfterPt+o.extraAfter, lineHeight(p, size)
	if p.Boxed {
		// Word and LibreOffice add the box's top and bottom lines (0.5 pt
		// each) to the paragraph's height; the PDF draws the box on the
		// lines' height. Take that 1 pt from the space around, else from
		// the line height, so both stack the same height.
		take := func(v *float64, want float64) float64 {
			d := math.Min(*v, want)
			*v -= d
			return want - d
		}
		rest := take(&after, take(&before, 2*boxBorderPt))
		if rest > 0 {
			lines := 1 + strings.Count(p.Text(), "\n")
			line -= rest / float64(lines)
		}
	}
	w.spacing(before, after, line)
	w.ind(left, right, p.FirstLineIndentMM)
	w.s(`<w:jc w:val="`)
	w.s(jcValues[p.Align])
	w.s(`"/><w:rPr>`)
	w.color(p.BoxColor)
	w.size(size)
	w.s(`</w:rPr>`)
	if o.sectPr != nil {
		o.sectPr()
	}
	w.s(`</w:pPr>`)
	var prev byte
	for i, r := range p.Runs {
		var next byte
		for _, n := range p.Runs[i+1:] {
			if n.Text != "" {
				next = n.Text[0]
				break
			}
		}
		w.run(r, size, p.BoxColor, prev, next)
		if r.Text != "" {
			prev = r.Text[len(r.Text)-1]
		}
	}
	w.s(`</w:p>`)
}

// setRuns returns the runs of p as the shared breaker sets them in availMM
// (typeset.Set, as the PDF): the spaces of kept-together phrases become
// no-break spaces and, in a balanced paragraph, "\n" (a w:br) ends each
// line where the PDF ends it, so Word and LibreOffice break at the same
// words as our PDF instead of deciding on their own.
func setRuns(m *typeset.Metrics, p document.Paragraph, availMM, size float64) []document.Run {
	if !p.Balanced() {
		return p.Runs // greedy: Word breaks as the PDF does on its own
	}
	avail := (availMM - p.IndentLeftMM - p.IndentRightMM) * document.PtPerMM
	if oneWordLine(m, p, avail-p.FirstLineIndentMM*document.PtPerMM, avail, size) {
		return p.Runs
	}
	spans := make([]typeset.Span, len(p.Runs))
	for i, r := range p.Runs {
		rs := r.SizePt
		if rs <= 0 {
			rs = size
		}
		spans[i] = typeset.Span{Text: r.Text, Style: typeset.Style{Bold: r.Bold, Italic: r.Italic}, SizePt: rs}
	}
	set, _ := m.Set(spans, avail-p.FirstLineIndentMM*document.PtPerMM, avail, p.Balanced())
	changed := false
	for i := range set {
		if set[i].Text != p.Runs[i].Text {
			changed = true
			break
		}
	}
	if !changed {
		return p.Runs
	}
	runs := make([]document.Run, len(p.Runs))
	copy(runs, p.Runs)
	for i := range runs {
		runs[i].Text = set[i].Text
	}
	return runs
}

// oneWordLine reports whether p is one word of printable ASCII (no space,
// nothing typeset would clean) that fits on its first line: typeset.Set
// then returns its text unchanged (no space to bind or break at), and
// setRuns need not ask it — the numbers and notes of a danh sách's centred
// cells (issue 15; TestOneWordLineAsSet).
func oneWordLine(m *typeset.Metrics, p document.Paragraph, firstPt, restPt, size float64) bool {
	width := 0.0
	for _, r := range p.Runs {
		for i := 0; i < len(r.Text); i++ {
			if c := r.Text[i]; c <= ' ' || c >= 0x7F {
				return false
			}
		}
		rs := r.SizePt
		if rs <= 0 {
			rs = size
		}
		width += m.WidthPt(r.Text, typeset.Style{Bold: r.Bold, Italic: r.Italic}, rs)
	}
	return width <= min(firstPt, restPt)
}

func (w *bodyWriter) color(c string) {
	if c != "" {
		w.s(`<w:color w:val="`)
		w.esc(strings.ToUpper(c))
		w.s(`"/>`)
	}
}

func (w *bodyWriter) size(pt float64) {
	hp := halfPoints(pt)
	w.s(`<w:sz w:val="`)
	w.i(hp)
	w.s(`"/><w:szCs w:val="`)
	w.i(hp)
	w.s(`"/>`)
}

// run writes r. prev and next are the characters just before and after
// it in the paragraph (0 at its ends). "\n" becomes a line break; a tab is
// a space, as the PDF reads it; a hyphen between two non-space characters
// ("Covid-19", "KH-SVHTTDL") becomes a non-breaking hyphen: Word and
// LibreOffice would otherwise break a line after it, and the PDF breaks
// only at spaces (typeset.BreakLines).
func (w *bodyWriter) run(r document.Run, paraSize float64, boxColor string, prev, next byte) {
	if r.Text == "" {
		return
	}
	size := r.SizePt
	if size == 0 {
		size = paraSize
	}
	color := r.Color
	if color == "" {
		color = boxColor
	}
	w.s(`<w:r><w:rPr>`)
	if r.Bold {
		w.s(`<w:b/><w:bCs/>`)
	}
	if r.Italic {
		w.s(`<w:i/><w:iCs/>`)
	}
	w.color(color)
	w.size(size)
	if r.Underline {
		w.s(`<w:u w:val="single"/>`)
	}
	w.s(`</w:rPr>`)
	text := r.Text
	if strings.IndexByte(text, '\t') >= 0 {
		text = strings.ReplaceAll(text, "\t", " ")
	}
	start := 0
	flush := func(end int) {
		if end > start {
			w.s(`<w:t xml:space="preserve">`)
			w.esc(text[start:end])
			w.s(`</w:t>`)
		}
	}
	for i := 0; i < len(text); i++ {
		switch text[i] {
		case '\n':
			flush(i)
			w.s(`<w:br/>`)
			start = i + 1
		case '-':
			before, after := prev, next
			if i > 0 {
				before = text[i-1]
			}
			if i+1 < len(text) {
				after = text[i+1]
			}
			if inWord(before) && inWord(after) {
				flush(i)
				w.s(`<w:noBreakHyphen/>`)
				start = i + 1
			}
		}
	}
	flush(len(text))
	w.s(`</w:r>`)
}

// inWord reports whether c, a byte of UTF-8 text (0 for none), belongs to a
// word rather than separating words.
func inWord(c byte) bool {
	return c != 0 && c != ' ' && c != '\n' && c != '\t' && c != '\r'
}

// rule writes a Rule as an empty paragraph whose bottom border is the line:
// the indents make it WidthMM long and centred in availMM; the paragraph's
// exact line height carries SpaceBeforePt (at least minLinePt, taken back
// from the space after) so the block is SpaceBeforePt + ThicknessPt +
// SpaceAfterPt high, as in the PDF (NĐ30 Phụ lục I: the solid lines under
// the agency name, the Tiêu ngữ and the trích yếu).
func (w *bodyWriter) rule(r document.Rule, availMM float64, o pOpts) {
	line := math.Max(r.SpaceBeforePt, minLinePt)
	after := math.Max(r.SpaceAfterPt-(line-r.SpaceBeforePt), 0)
	width, thick := r.WidthMM, r.ThicknessPt
	if width <= 0 {
		width = availMM // as the PDF: a rule without a width spans the room
	}
	if thick <= 0 {
		thick = defaultRulePt
	}
	side := (availMM - width) / 2
	w.s(`<w:p><w:pPr>`)
	if o.keepNext {
		w.s(`<w:keepNext/>`)
	}
	color := w.border(fmt.Sprintf("rule %d %d %d", twips(side), twips(side), eighths(thick)), "000000")
	w.s(`<w:pBdr><w:bottom w:val="single" w:sz="`)
	w.i(eighths(thick))
	w.s(`" w:space="0" w:color="`)
	w.s(color)
	w.s(`"/></w:pBdr>`)
	w.spacing(o.extraBefore, after+o.extraAfter, line)
	w.ind(side, side, 0)
	w.s(`<w:jc w:val="left"/><w:rPr><w:sz w:val="2"/><w:szCs w:val="2"/></w:rPr>`)
	if o.sectPr != nil {
		o.sectPr()
	}
	w.s(`</w:pPr></w:p>`)
}

// tblGrid writes the column widths and returns them in twips.
func (w *bodyWriter) tblGrid(cols []float64) []int {
	tw := make([]int, len(cols))
	w.s(`<w:tblGrid>`)
	for i, c := range cols {
		tw[i] = twips(c)
		w.s(`<w:gridCol w:w="`)
		w.i(tw[i])
		w.s(`"/>`)
	}
	w.s(`</w:tblGrid>`)
	return tw
}

func (w *bodyWriter) tblW(cols []float64) {
	total := 0
	for _, c := range cols {
		total += twips(c)
	}
	w.s(`<w:tblW w:w="`)
	w.i(total)
	w.s(`" w:type="dxa"/>`)
}

func (w *bodyWriter) cellMar(t int) {
	w.s(`<w:tblCellMar>`)
	for _, side := range [...]string{"top", "left", "bottom", "right"} {
		w.s(`<w:` + side + ` w:w="`)
		w.i(t)
		w.s(`" w:type="dxa"/>`)
	}
	w.s(`</w:tblCellMar>`)
}

func (w *bodyWriter) tcW(t int) {
	w.s(`<w:tcW w:w="`)
	w.i(t)
	w.s(`" w:type="dxa"/>`)
}

// grid writes a borderless layout table (NĐ30 ô 1–4 header, Kính gửi, nơi
// nhận and signature): fixed column widths, no cell margins, rows that never
// split. keep puts keepNext on every paragraph; KeepTogether does so on
// every row but the last, lastKeep on the last row too.
func (w *bodyWriter) grid(g document.Grid, keep, lastKeep bool) {
	defer func() { w.lastBorder = "" }()
	w.s(`<w:tbl><w:tblPr><w:tblStyle w:val="LayoutGrid"/>`)
	w.tblW(g.ColumnsMM)
	w.s(`<w:tblInd w:w="`)
	w.i(twips(g.OffsetMM))
	w.s(`" w:type="dxa"/><w:tblBorders>`)
	for _, side := range [...]string{"top", "left", "bottom", "right", "insideH", "insideV"} {
		w.s(`<w:` + side + ` w:val="none" w:sz="0" w:space="0" w:color="auto"/>`)
	}
	w.s(`</w:tblBorders><w:tblLayout w:type="fixed"/>`)
	w.cellMar(0)
	w.s(`<w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" w:noHBand="1" w:noVBand="1"/></w:tblPr>`)
	cols := w.tblGrid(g.ColumnsMM)
	for j, row := range g.Rows {
		rowKeep := keep || g.KeepTogether
		if j == len(g.Rows)-1 {
			rowKeep = lastKeep
		}
		w.s(`<w:tr><w:trPr><w:cantSplit/></w:trPr>`)
		for k, c := range row.Cells {
			w.s(`<w:tc><w:tcPr>`)
			w.tcW(cols[k])
			w.s(`</w:tcPr>`)
			w.lastBorder = ""
			w.blocks(c.Blocks, g.ColumnsMM[k], rowKeep, nil)
			w.s(`</w:tc>`)
		}
		for k := len(row.Cells); k < len(cols); k++ { // a short row: empty cells
			w.s(`<w:tc><w:tcPr>`)
			w.tcW(cols[k])
			w.s(`</w:tcPr>`)
			w.filler(0, rowKeep, nil)
			w.s(`</w:tc>`)
		}
		w.s(`</w:tr>`)
	}
	w.s(`</w:tbl>`)
}

// table writes a bordered data table (the danh sách): single 0.5 pt lines,
// fixed columns, CellPaddingMM on every side of every cell, header rows
// repeated on each page (w:tblHeader) and kept with the first body row, no
// row split across pages, KeepWithNext rows kept with the row after.
func (w *bodyWriter) table(t document.Table, keep, lastKeep bool) {
	defer func() { w.lastBorder = "" }()
	w.s(`<w:tbl><w:tblPr><w:tblStyle w:val="DataTable"/>`)
	w.tblW(t.ColumnsMM)
	w.s(`<w:tblInd w:w="0" w:type="dxa"/><w:tblBorders>`)
	for _, side := range [...]string{"top", "left", "bottom", "right", "insideH", "insideV"} {
		w.s(`<w:` + side + ` w:val="single" w:sz="4" w:space="0" w:color="000000"/>`)
	}
	w.s(`</w:tblBorders><w:tblLayout w:type="fixed"/>`)
	// Word and LibreOffice add the 0.5 pt horizontal border to every row's
	// height; the PDF makes a row line + 2 × padding. Taking a quarter point
	// off the top and bottom margins gives the same row pitch, so the same
	// rows land on each page.
	pad := twips(t.CellPaddingMM)
	vpad := max(pad-borderTwips/2, 0)
	w.s(`<w:tblCellMar><w:top w:w="`)
	w.i(vpad)
	w.s(`" w:type="dxa"/><w:left w:w="`)
	w.i(pad)
	w.s(`" w:type="dxa"/><w:bottom w:w="`)
	w.i(vpad)
	w.s(`" w:type="dxa"/><w:right w:w="`)
	w.i(pad)
	w.s(`" w:type="dxa"/></w:tblCellMar>`)
	w.s(`<w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" w:noHBand="1" w:noVBand="1"/></w:tblPr>`)
	cols := w.tblGrid(t.ColumnsMM)
	n := len(t.Header) + len(t.Rows)
	for j := 0; j < n; j++ {
		var row document.TableRow
		header := j < len(t.Header)
		if header {
			row = t.Header[j]
		} else {
			row = t.Rows[j-len(t.Header)]
		}
		rowKeep := keep || header || row.KeepWithNext
		if body := j - len(t.Header); len(t.Rows) >= 2*document.TailRows && body >= len(t.Rows)-document.TailRows && body < len(t.Rows)-1 {
			rowKeep = true // the table's tail stays together (document.TailRows)
		}
		if j == n-1 {
			rowKeep = rowKeep || lastKeep
		}
		w.s(`<w:tr><w:trPr><w:cantSplit/>`)
		if header {
			w.s(`<w:tblHeader/>`)
		}
		w.s(`</w:trPr>`)
		col := 0
		for _, c := range row.Cells {
			span := max(c.Span, 1)
			width, widthMM := 0, 0.0
			for k := col; k < col+span && k < len(cols); k++ {
				width += cols[k]
				widthMM += t.ColumnsMM[k]
			}
			col += span
			w.s(`<w:tc><w:tcPr>`)
			w.tcW(width)
			if span > 1 {
				w.s(`<w:gridSpan w:val="`)
				w.i(span)
				w.s(`"/>`)
			}
			w.s(`</w:tcPr>`)
			avail := widthMM - 2*t.CellPaddingMM
			w.lastBorder = ""
			for _, p := range c.Paragraphs {
				w.paragraph(p, avail, pOpts{keepNext: rowKeep})
			}
			if len(c.Paragraphs) == 0 {
				w.filler(0, rowKeep, nil)
			}
			w.s(`</w:tc>`)
		}
		for ; col < len(cols); col++ { // a short row: empty cells, as the PDF
			w.s(`<w:tc><w:tcPr>`)
			w.tcW(cols[col])
			w.s(`</w:tcPr>`)
			w.filler(0, rowKeep, nil)
			w.s(`</w:tc>`)
		}
		w.s(`</w:tr>`)
	}
	w.s(`</w:tbl>`)
}

// sectPr writes the page setup of section i: A4 (or the model's paper) in
// the model's orientation, its margins, the page number header at
// PageNumber.OffsetMM from the top edge, numbering restarting at 1 (NĐ30
// Phụ lục I: each phụ lục is numbered separately) and, when HideOnFirst, an
// empty header on the section's first page.
func (w *bodyWriter) sectPr(s document.Section, i int) {
	refs := w.hp.sections[i]
	w.s(`<w:sectPr>`)
	w.s(`<w:headerReference w:type="default" r:id="`)
	w.s(refs.def)
	w.s(`"/>`)
	if refs.first != "" {
		w.s(`<w:headerReference w:type="first" r:id="`)
		w.s(refs.first)
		w.s(`"/>`)
	}
	pg := s.Page
	w.s(`<w:pgSz w:w="`)
	w.i(twips(pg.WidthMM))
	w.s(`" w:h="`)
	w.i(twips(pg.HeightMM))
	if pg.Landscape() {
		w.s(`" w:orient="landscape`)
	}
	w.s(`"/><w:pgMar w:top="`)
	w.i(twips(pg.Margins.TopMM))
	w.s(`" w:right="`)
	w.i(twips(pg.Margins.RightMM))
	w.s(`" w:bottom="`)
	w.i(twips(pg.Margins.BottomMM))
	w.s(`" w:left="`)
	w.i(twips(pg.Margins.LeftMM))
	w.s(`" w:header="`)
	w.i(twips(headerDistanceMM(s)))
	w.s(`" w:footer="0" w:gutter="0"/><w:pgNumType w:start="1"/><w:cols w:space="720"/>`)
	if refs.first != "" {
		w.s(`<w:titlePg/>`)
	}
	w.s(`</w:sectPr>`)
}

// headerDistanceMM is the distance from the top edge to the header: the
// page number's offset when it is shown, else 0 (the empty header is 1 pt).
func headerDistanceMM(s document.Section) float64 {
	if s.PageNumber.Show {
		return s.PageNumber.OffsetMM
	}
	return 0
}
