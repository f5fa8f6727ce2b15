package pdf

import (
	"math"
	"strings"

	"github.com/vanban/vanban/internal/document"
	"github.com/vanban/vanban/internal/typeset"
)

// The layout works in points with the origin at the top-left corner of the
// paper and y growing downwards (fpdf's user space with unit "pt").

const ptPerMM = document.PtPerMM

// Defaults for values a Document leaves at zero (or sets to nonsense).
const (
	defaultSizePt      = 14  // NĐ30 body text
	defaultRuleThickPt = 0.5 // a hairline that prints
	tableBorderPt      = 0.5 // borders of a Table
	boxBorderPt        = 0.5 // border of a Boxed paragraph (urgency stamp)
	boxPaddingPt       = 4   // side padding of a Boxed paragraph without BoxWidthMM
	maxSizePt          = 500 // sizes and line heights are clamped to sane values
	maxLengthPt        = 1e5 // lengths (mm converted) are clamped to ±this
	singleLineFactor   = 1.15
)

type rgb struct{ r, g, b uint8 }

type opKind uint8

const (
	opText   opKind = iota // text at baseline (x, y)
	opFill                 // filled rectangle
	opStroke               // rectangle outline of line width lw
)

// op is one drawing operation. In a box, y is relative to the box's top.
type op struct {
	kind  opKind
	face  uint8 // typeset style index: bit 0 bold, bit 1 italic
	just  bool  // justified text: its spaces stretch so that it is w wide
	color rgb
	x, y  float64
	w, h  float64
	size  float64 // text size in pt
	lw    float64 // line width of opStroke
	text  string
}

// box is the unit of pagination: one line of a paragraph, a rule, a grid row
// or a table row. It never splits.
type box struct {
	before, height, after float64
	// keepNext: this box must end up on the same page as the next one.
	keepNext bool
	ops      []op
	// header, for the body rows of a Table with header rows: the boxes to
	// repeat when this row starts a page.
	header []*box
	// block and part say where the box comes from: the index of the block
	// in its section and the line (or row) inside it.
	block, part int
}

// layouter lays out the blocks of one section.
type layouter struct {
	m  *typeset.Metrics
	fs *Fonts
}

// clamp returns v limited to [lo, hi], and def when v is NaN.
func clamp(v, lo, hi, def float64) float64 {
	switch {
	case math.IsNaN(v):
		return def
	case v < lo:
		return lo
	case v > hi:
		return hi
	}
	return v
}

// mm converts a length in millimetres to points, clamped.
func mm(v float64) float64 { return clamp(v*ptPerMM, -maxLengthPt, maxLengthPt, 0) }

// pos converts a length that cannot be negative.
func pos(vMM float64) float64 { return math.Max(0, mm(vMM)) }

func spacePt(v float64) float64 { return clamp(v, 0, maxLengthPt, 0) }

// parseColor reads "C00000" (or "#C00000"); anything else is black.
func parseColor(s string) rgb {
	s = strings.TrimPrefix(strings.TrimSpace(s), "#")
	if len(s) != 6 {
		return rgb{}
	}
	var v [3]uint8
	for i := 0; i < 3; i++ {
		hi, ok1 := hexDigit(s[2*i])
		lo, ok2 := hexDigit(s[2*i+1])
		if !ok1 || !ok2 {
			return rgb{}
		}
		v[i] = hi<<4 | lo
	}
	return rgb{v[0], v[1], v[2]}
}

func hexDigit(c byte) (uint8, bool) {
	switch {
	case '0' <= c && c <= '9':
		return c - '0', true
	case 'a' <= c && c <= 'f':
		return c - 'a' + 10, true
	case 'A' <= c && c <= 'F':
		return c - 'A' + 10, true
	}
	return 0, false
}

// paraLayout is a paragraph laid out in a given width: its lines as op lists
// (y relative to each line's top), all of the same height.
type paraLayout struct {
	lines          [][]op
	lineHeight     float64
	before, after  float64
	boxed          bool
	boxOps         []op // the border of a Boxed paragraph, relative to its first line
	keepNext, keep bool
}

// paragraph lays out p between x0 and x0+width: line breaking by
// typeset.Set (kept phrases, balanced centred blocks), alignment, first-line and side indents, exact line
// height with the baseline at the same place in every line box (one
// descent above the bottom of the box, as LibreOffice does for a fixed line
// height), colours and underlines.
func (l *layouter) paragraph(p document.Paragraph, x0, width float64) paraLayout {
	size := clamp(p.SizePt, 0, maxSizePt, 0)
	if size <= 0 {
		size = defaultSizePt
	}
	spans := make([]typeset.Span, len(p.Runs))
	maxSize := size
	for i, r := range p.Runs {
		rs := clamp(r.SizePt, 0, maxSizePt, 0)
		if rs <= 0 {
			rs = size
		}
		maxSize = math.Max(maxSize, rs)
		spans[i] = typeset.Span{Text: r.Text, Style: typeset.Style{Bold: r.Bold, Italic: r.Italic}, SizePt: rs, Tag: i}
	}
	lh := clamp(p.LineHeightPt, 0, maxSizePt, 0)
	if lh <= 0 {
		lh = singleLineFactor * maxSize
	}
	left, right, first := mm(p.IndentLeftMM), mm(p.IndentRightMM), mm(p.FirstLineIndentMM)
	avail := width - left - right
	spans, lines := l.m.Set(spans, avail-first, avail, p.Balanced())

	var boxColor rgb
	if p.Boxed {
		boxColor = parseColor(p.BoxColor)
	}
	pl := paraLayout{
		lines:      make([][]op, len(lines)),
		lineHeight: lh,
		before:     spacePt(p.SpaceBeforePt),
		after:      spacePt(p.SpaceAfterPt),
		boxed:      p.Boxed,
		keepNext:   p.KeepWithNext,
		keep:       p.KeepTogether,
	}
	minX, maxX := math.Inf(1), math.Inf(-1)
	for i, ln := range lines {
		start, lineAvail := x0+left, avail
		if i == 0 {
			start += first
			lineAvail -= first
		}
		var extra float64
		switch p.Align {
		case document.Center:
			start += (lineAvail - ln.WidthPt) / 2
		case document.Right:
			start += lineAvail - ln.WidthPt
		case document.Justify:
			extra = ln.ExtraPerSpace(lineAvail)
		}
		lineSize := 0.0
		for _, pc := range ln.Pieces {
			lineSize = math.Max(lineSize, spans[pc.Span].SizePt)
		}
		if lineSize == 0 {
			lineSize = size
		}
		baseline := lh - l.fs.descent*lineSize
		ops := make([]op, 0, len(ln.Pieces))
		for _, pc := range ln.Pieces {
			run := p.Runs[pc.Span]
			sp := spans[pc.Span]
			x, w := pc.Place(extra)
			x += start
			color := parseColor(run.Color)
			if p.Boxed && p.BoxColor != "" && run.Color == "" {
				color = boxColor
			}
			if strings.Trim(pc.Text, " ") != "" {
				text := pc.Text
				if strings.Contains(text, typeset.NoBreakSpace) {
					// Kept phrases print with ordinary spaces (text search,
					// copying).
					text = strings.ReplaceAll(text, typeset.NoBreakSpace, " ")
				}
				ops = append(ops, op{
					kind: opText, face: faceIndex(sp.Style), color: color,
					x: x, y: baseline, w: w, size: sp.SizePt, text: text,
					just: pc.Stretch > 0 && extra > 0,
				})
			}
			if run.Underline {
				ops = append(ops, op{
					kind: opFill, color: color, x: x, y: baseline + l.fs.underPos*sp.SizePt,
					w: w, h: l.fs.underThick * sp.SizePt,
				})
			}
		}
		if len(ln.Pieces) > 0 {
			minX = math.Min(minX, start+ln.Pieces[0].XPt)
			maxX = math.Max(maxX, start+ln.WidthPt+extra*float64(ln.Stretch))
		}
		pl.lines[i] = ops
	}
	if p.Boxed {
		// The box is centred on the text; without a width it hugs the text.
		if math.IsInf(minX, 0) {
			minX, maxX = x0+left, x0+left
		}
		center := (minX + maxX) / 2
		bw := pos(p.BoxWidthMM)
		if bw <= 0 {
			bw = maxX - minX + 2*boxPaddingPt
		}
		pl.boxOps = []op{{kind: opStroke, color: boxColor, x: center - bw/2, y: 0, w: bw,
			h: lh * float64(len(lines)), lw: boxBorderPt}}
	}
	return pl
}

// stack lays out blocks top-down in the width from x0 (a Grid cell, a Table
// cell) and returns their ops relative to the top and the height they take.
func (l *layouter) stack(blocks []document.Block, x0, width float64, depth int) ([]op, float64) {
	var ops []op
	y := 0.0
	for _, b := range blocks {
		var bops []op
		var h float64
		switch b := b.(type) {
		case document.Paragraph:
			bops, h = l.paragraphOps(b, x0, width)
		case document.Rule:
			rb := l.rule(b, x0, width)
			bops, h = rb.ops, rb.before+rb.height+rb.after
			bops = shift(bops, rb.before)
		case document.Grid:
			if depth > 8 {
				continue
			}
			for _, rb := range l.gridRows(b, x0, depth+1) {
				bops = append(bops, shift(rb.ops, h+rb.before)...)
				h += rb.before + rb.height + rb.after
			}
		case document.Table:
			if depth > 8 {
				continue
			}
			hdr, rows := l.tableRows(b, x0, depth+1)
			for _, rb := range append(hdr, rows...) {
				bops = append(bops, shift(rb.ops, h+rb.before)...)
				h += rb.before + rb.height + rb.after
			}
		}
		ops = append(ops, shift(bops, y)...)
		y += h
	}
	return ops, y
}

// paragraphOps lays out a whole paragraph as one piece (inside a cell).
func (l *layouter) paragraphOps(p document.Paragraph, x0, width float64) ([]op, float64) {
	pl := l.paragraph(p, x0, width)
	var ops []op
	y := pl.before
	ops = append(ops, shift(pl.boxOps, y)...)
	for _, ln := range pl.lines {
		ops = append(ops, shift(ln, y)...)
		y += pl.lineHeight
	}
	return ops, y + pl.after
}

// shift returns ops moved down by dy (a new slice when dy != 0).
func shift(ops []op, dy float64) []op {
	if dy == 0 || len(ops) == 0 {
		return ops
	}
	out := make([]op, len(ops))
	for i, o := range ops {
		o.y += dy
		out[i] = o
	}
	return out
}

// rule is a solid line of WidthMM, ThicknessPt thick, centred in the width.
func (l *layouter) rule(r document.Rule, x0, width float64) *box {
	w := pos(r.WidthMM)
	if w <= 0 {
		w = math.Max(0, width)
	}
	t := clamp(r.ThicknessPt, 0, maxSizePt, 0)
	if t <= 0 {
		t = defaultRuleThickPt
	}
	return &box{
		before: spacePt(r.SpaceBeforePt), height: t, after: spacePt(r.SpaceAfterPt),
		ops: []op{{kind: opFill, x: x0 + (width-w)/2, y: 0, w: w, h: t}},
	}
}

// gridRows lays out a borderless layout table: each cell's blocks top-down in
// its column, a row as tall as its tallest cell. x0 is the left margin.
func (l *layouter) gridRows(g document.Grid, x0 float64, depth int) []*box {
	cols := make([]float64, len(g.ColumnsMM))
	for i, c := range g.ColumnsMM {
		cols[i] = pos(c)
	}
	x0 += mm(g.OffsetMM)
	rows := make([]*box, 0, len(g.Rows))
	for _, r := range g.Rows {
		b := &box{}
		x := x0
		for i, c := range r.Cells {
			if i >= len(cols) {
				break
			}
			ops, h := l.stack(c.Blocks, x, cols[i], depth)
			b.ops = append(b.ops, ops...)
			b.height = math.Max(b.height, h)
			x += cols[i]
		}
		rows = append(rows, b)
	}
	if len(rows) > 0 {
		rows[0].before = spacePt(g.SpaceBeforePt)
		rows[len(rows)-1].after = spacePt(g.SpaceAfterPt)
		if g.KeepTogether {
			for _, b := range rows[:len(rows)-1] {
				b.keepNext = true
			}
		}
	}
	return rows
}

// tableRows lays out a bordered table: fixed columns, cells spanning
// columns, paragraphs inside the padding, 0.5 pt black borders. It returns
// the header rows and the body rows; body rows carry the header to repeat.
func (l *layouter) tableRows(t document.Table, x0 float64, depth int) (header, body []*box) {
	cols := make([]float64, len(t.ColumnsMM))
	for i, c := range t.ColumnsMM {
		cols[i] = pos(c)
	}
	pad := pos(t.CellPaddingMM)
	row := func(r document.TableRow) *box {
		b := &box{keepNext: r.KeepWithNext}
		type cell struct{ x, w float64 }
		var cells []cell
		x, col := x0, 0
		for _, c := range r.Cells {
			if col >= len(cols) {
				break
			}
			span := c.Span
			if span < 1 {
				span = 1
			}
			if col+span > len(cols) {
				span = len(cols) - col
			}
			w := 0.0
			for _, cw := range cols[col : col+span] {
				w += cw
			}
			blocks := make([]document.Block, len(c.Paragraphs))
			for i, p := range c.Paragraphs {
				blocks[i] = p
			}
			ops, h := l.stack(blocks, x+pad, w-2*pad, depth)
			b.ops = append(b.ops, shift(ops, pad)...)
			b.height = math.Max(b.height, h+2*pad)
			cells = append(cells, cell{x, w})
			x += w
			col += span
		}
		for ; col < len(cols); col++ { // missing cells are drawn empty
			cells = append(cells, cell{x, cols[col]})
			x += cols[col]
		}
		for _, c := range cells {
			b.ops = append(b.ops, op{kind: opStroke, x: c.x, y: 0, w: c.w, h: b.height, lw: tableBorderPt})
		}
		return b
	}
	for _, r := range t.Header {
		header = append(header, row(r))
	}
	for _, r := range t.Rows {
		b := row(r)
		b.header = header
		body = append(body, b)
	}
	for _, b := range header {
		b.keepNext = true // a header never ends a page alone
	}
	// A table never leaves a tail of one or two rows alone on a page: its
	// last TailRows rows stay together (document.TailRows; the DOCX does
	// the same with keep-with-next).
	if n := len(body); n >= 2*document.TailRows {
		for _, b := range body[n-document.TailRows : n-1] {
			b.keepNext = true
		}
	}
	if len(header) > 0 && len(body) == 0 {
		header[len(header)-1].keepNext = false
	}
	all := append(append([]*box(nil), header...), body...)
	if len(all) > 0 {
		all[0].before = spacePt(t.SpaceBeforePt)
		all[len(all)-1].after = spacePt(t.SpaceAfterPt)
	}
	return header, body
}

// flow turns the blocks of a section into boxes for the paginator, with the
// keep rules as keepNext links:
//   - widow/orphan control of 2 lines (Word's default): the first two lines
//     and the last two lines of a paragraph stay together;
//   - KeepTogether paragraphs and Grids, Boxed paragraphs: all together;
//   - KeepWithNext paragraphs, TableRow.KeepWithNext: linked to the next box;
//   - Grid.KeepWithPrevious: the last two lines of the previous block are
//     linked to the grid, so a signature block never starts a page alone.
func (l *layouter) flow(blocks []document.Block, x0, width float64) []*box {
	var out []*box
	prevStart := 0
	for bi, b := range blocks {
		start := len(out)
		switch b := b.(type) {
		case document.Paragraph:
			pl := l.paragraph(b, x0, width)
			if pl.boxed {
				bx := &box{before: pl.before, after: pl.after, keepNext: pl.keepNext,
					height: pl.lineHeight * float64(len(pl.lines)), ops: pl.boxOps}
				for i, ln := range pl.lines {
					bx.ops = append(bx.ops, shift(ln, pl.lineHeight*float64(i))...)
				}
				out = append(out, bx)
				break
			}
			n := len(pl.lines)
			for i, ln := range pl.lines {
				bx := &box{height: pl.lineHeight, ops: ln}
				switch {
				case i == n-1:
					bx.keepNext = pl.keepNext
				case pl.keep, i == 0, i == n-2:
					bx.keepNext = true
				}
				out = append(out, bx)
			}
			out[start].before = pl.before
			out[len(out)-1].after = pl.after
		case document.Rule:
			out = append(out, l.rule(b, x0, width))
		case document.Grid:
			rows := l.gridRows(b, x0, 0)
			if b.KeepWithPrevious && start > 0 {
				for i := max(prevStart, start-2); i < start; i++ {
					out[i].keepNext = true
				}
			}
			out = append(out, rows...)
		case document.Table:
			hdr, rows := l.tableRows(b, x0, 0)
			out = append(out, hdr...)
			out = append(out, rows...)
		}
		for i, bx := range out[start:] {
			bx.block, bx.part = bi, i
		}
		if len(out) > start {
			prevStart = start
		}
	}
	return out
}
