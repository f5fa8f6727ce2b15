package certlayout

import (
	"math"
	"strings"

	"github.com/vanban/vanban/internal/typeset"
)

// Liberation Serif vertical metrics (hhea, in em): the same as Times New Roman.
const (
	ascent  = 1825.0 / 2048
	descent = 443.0 / 2048
	ptToMM  = 25.4 / 72
	// ruleGap is the space between the descender line and a rule under
	// text: 1.6 mm, as the documents' rules (nd30.RuleGapPt), clear of the
	// "p" of "Hạnh phúc" (issue 13: at least 1.5 mm).
	ruleGap = 1.6
	// ruleSpace is the height a rule takes below its line (gap + stroke).
	ruleSpace = 2.0
	sizeStep  = 0.5
)

// Line is one line of text placed on the page, in millimetres from the
// top-left corner; Baseline is the y of the text baseline.
type Line struct {
	Field    FieldName
	Text     string
	X        float64
	Baseline float64
	Width    float64
	Size     float64 // pt
	Bold     bool
	Italic   bool
	Color    RGB
}

// Style is the typeset face of the line.
func (l Line) Style() typeset.Style { return typeset.Style{Bold: l.Bold, Italic: l.Italic} }

// Rule is a horizontal line (the rule under the Tiêu ngữ).
type Rule struct {
	X1, X2, Y float64
	Width     float64 // stroke, mm
	Color     RGB
}

// Fitted is a field's text set in its box: the size chosen and the lines
// placed. Bounds is the rectangle the lines occupy (inside the box).
type Fitted struct {
	Field  FieldName
	Box    Box
	Size   float64
	Lines  []Line
	Rule   *Rule
	Bounds Box
}

// fitter measures and breaks text with one Metrics through the shared
// breaker (typeset.Set), so a certificate breaks its lines by the same
// rules as every document: kept phrases, balanced centred blocks.
type fitter struct {
	m     *typeset.Metrics
	spans [1]typeset.Span
	lines []string
}

// breakLines sets text at size in a line width mm wide: centred text
// balanced (lines of similar length, kept phrases and — with kept — the
// compound words never split), left- or right-aligned text greedily as
// Word does. It returns false when a single word is wider than the line:
// words are never split.
func (f *fitter) breakLines(text string, st typeset.Style, size, width float64, balance, kept bool) ([]string, bool) {
	widthPt := width / ptToMM
	for w := range strings.FieldsSeq(text) {
		if f.m.WidthPt(w, st, size) > widthPt+1e-9 {
			return nil, false
		}
	}
	f.spans[0] = typeset.Span{Text: text, Style: st, SizePt: size}
	var lines []typeset.Line
	switch {
	case !balance:
		lines = f.m.BreakLines(f.spans[:], widthPt, widthPt)
	case kept:
		_, lines = f.m.SetKept(f.spans[:], widthPt, widthPt)
	default:
		_, lines = f.m.Set(f.spans[:], widthPt, widthPt, true)
	}
	f.lines = f.lines[:0]
	for _, l := range lines {
		if l.WidthPt > widthPt+1e-6 {
			return nil, false
		}
		var sb strings.Builder
		for _, p := range l.Pieces {
			sb.WriteString(p.Text)
		}
		f.lines = append(f.lines, strings.TrimSpace(strings.ReplaceAll(sb.String(), typeset.NoBreakSpace, " ")))
	}
	return f.lines, true
}

// sizes lists the candidate sizes of fd from its size down to its minimum.
func candidateSizes(fd *Field) []float64 {
	var out []float64
	for s := fd.Size; s > fd.MinSize+1e-9; s -= sizeStep {
		out = append(out, s)
	}
	return append(out, fd.MinSize)
}

// fit sets text in fd's box (shifted by dx, dy) following the template's
// rules: a field shrinks on one line down to its minimum size, then wraps to
// two lines (more when the height allows), at the largest size that fits;
// a paragraph field (Wrap) wraps at its size first and shrinks only when its
// lines overflow the height. It returns ok=false when the text cannot fit
// even at the minimum size: it is never clipped nor drawn outside its box.
func (f *fitter) fit(fd *Field, text string, spacing, dx, dy float64) (Fitted, bool) {
	box := fd.Box.Shift(dx, dy)
	out := Fitted{Field: fd.Name, Box: box}
	text = strings.Join(strings.Fields(text), " ")
	if fd.Upper {
		text = upper(text)
	}
	if text == "" {
		return out, true
	}
	st := typeset.Style{Bold: fd.Bold, Italic: fd.Italic}
	avail := box.H
	if fd.Rule {
		avail -= ruleSpace
	}
	lineH := func(s float64) float64 { return s * spacing * ptToMM }
	maxLines := func(s float64) int { return int(math.Floor((avail + 1e-9) / lineH(s))) }
	sizes := candidateSizes(fd)

	var lines []string
	size := 0.0
	found := false
	balance := fd.Align == "" || fd.Align == "center"
	if fd.Wrap {
		for _, s := range sizes {
			if maxLines(s) < 1 {
				continue
			}
			if ls, ok := f.breakLines(text, st, s, box.W, balance, false); ok && len(ls) <= maxLines(s) {
				lines, size, found = ls, s, true
				break
			}
		}
	} else {
		// Fewest lines first, then the largest size; a centred name
		// keeps its compound words ("Thể thao") at a smaller size before
		// it lets them go.
		for n := 1; n <= maxLines(fd.MinSize) && !found; n++ {
			for _, kept := range []bool{true, false} {
				if found || (!kept && (n == 1 || !balance)) {
					break
				}
				for _, s := range sizes {
					if maxLines(s) < n {
						continue
					}
					if n == 1 {
						if f.m.WidthMM(text, st, s) <= box.W+1e-9 {
							lines, size, found = []string{text}, s, true
							break
						}
						continue
					}
					if ls, ok := f.breakLines(text, st, s, box.W, balance, kept); ok && len(ls) <= n {
						lines, size, found = ls, s, true
						break
					}
				}
			}
		}
	}
	if !found {
		return out, false
	}
	out.Size = size
	lh := lineH(size)
	blockH := float64(len(lines)) * lh
	if fd.Rule {
		blockH += ruleSpace
	}
	top := box.Y
	switch fd.VAlign {
	case "top":
	case "bottom":
		top = box.Y + box.H - blockH
	default:
		top = box.Y + (box.H-blockH)/2
	}
	sizeMM := size * ptToMM
	first := (lh-(ascent+descent)*sizeMM)/2 + ascent*sizeMM
	out.Lines = make([]Line, len(lines))
	minX, maxX := box.X+box.W, box.X
	for i, s := range lines {
		w := f.m.WidthMM(s, st, size)
		x := box.X + (box.W-w)/2
		switch fd.Align {
		case "left":
			x = box.X
		case "right":
			x = box.X + box.W - w
		}
		out.Lines[i] = Line{Field: fd.Name, Text: s, X: x, Baseline: top + float64(i)*lh + first,
			Width: w, Size: size, Bold: fd.Bold, Italic: fd.Italic, Color: fd.color}
		minX, maxX = math.Min(minX, x), math.Max(maxX, x+w)
	}
	out.Bounds = Box{X: minX, Y: top, W: maxX - minX, H: blockH}
	if fd.Rule {
		l := out.Lines[len(out.Lines)-1]
		y := l.Baseline + descent*sizeMM + ruleGap
		out.Rule = &Rule{X1: l.X, X2: l.X + l.Width, Y: y, Width: 0.3, Color: fd.color}
	}
	return out, true
}
