package typeset

import (
	"math"
	"strings"
	"unicode/utf8"
)

// Span is a stretch of text in one style: the input of BreakLines. Tag is the
// caller's own data (for example the index of a document.Run, to find its
// colour and underline again) and is carried unchanged to the pieces.
type Span struct {
	Text   string
	Style  Style
	SizePt float64
	Tag    int
}

// Piece is the part of one Span that lies on one line. Pieces never hold the
// spaces at the start or the end of a line: leading spaces (at the start of
// the paragraph or after a forced break) only move the first piece right
// (XPt), trailing spaces hang in the margin as in Word.
type Piece struct {
	// Span is the index of the span in the slice given to BreakLines.
	Span int
	// Text is a substring of the span's text (tabs read as spaces).
	Text string
	// XPt is the offset from the start of the line at natural width.
	XPt float64
	// WidthPt is the natural width of Text.
	WidthPt float64
	// Stretch counts the stretchable spaces (U+0020 between two words) in
	// Text; Before counts those on the line before this piece.
	Stretch, Before int

	end int // byte offset in the span's text where Text ends
}

// Line is one line of a paragraph as broken by BreakLines.
type Line struct {
	Pieces []Piece
	// WidthPt is the natural width from the start of the line to the end of
	// its last word (trailing spaces excluded).
	WidthPt float64
	// Stretch counts the stretchable spaces of the line.
	Stretch int
	// Forced is set when the line ends at a "\n"; Last on the paragraph's
	// last line. Neither kind of line is justified (Word, LibreOffice).
	Forced, Last bool
}

// Justified reports whether a justified paragraph stretches this line: every
// line but the last one and those ending in a forced break, if it has at
// least one space between words.
func (l Line) Justified() bool { return !l.Forced && !l.Last && l.Stretch > 0 }

// ExtraPerSpace is what each stretchable space grows by so that the line
// fills availPt (0 when the line is not Justified or already full).
func (l Line) ExtraPerSpace(availPt float64) float64 {
	if !l.Justified() || l.WidthPt >= availPt {
		return 0
	}
	return (availPt - l.WidthPt) / float64(l.Stretch)
}

// Place returns the offset from the start of the line and the width of p
// when each stretchable space grows by extraPt.
func (p Piece) Place(extraPt float64) (xPt, widthPt float64) {
	return p.XPt + float64(p.Before)*extraPt, p.WidthPt + float64(p.Stretch)*extraPt
}

// fitEpsilon absorbs floating-point noise: a word that fills the line to
// within a millionth of a point still fits.
const fitEpsilon = 1e-6

// frag is a contiguous byte range of one span, measured.
type frag struct {
	span       int
	start, end int
	w          float64
}

// BreakLines breaks spans into lines the way Word and LibreOffice do, so the
// PDF breaks a paragraph at the same words as Word's rendering of the DOCX:
// greedily, at spaces (U+0020; a no-break space U+00A0 does not break). The
// first line is firstPt wide (the width less the first-line indent), the
// others restPt. A word that does not fit goes to the next line; a word
// longer than a whole line is broken between characters; "\n" forces a
// break. A word may run across spans ("Điều 1." bold followed directly by
// regular text). The result always has at least one line, and progress is
// guaranteed whatever the widths (zero or negative widths put one character
// per line).
func (m *Metrics) BreakLines(spans []Span, firstPt, restPt float64) []Line {
	return m.breakClean(cleanSpans(spans), firstPt, restPt)
}

// breakClean is BreakLines for spans cleanSpans has already cleaned (Set
// cleans once, then breaks up to three times).
func (m *Metrics) breakClean(spans []Span, firstPt, restPt float64) []Line {
	if math.IsNaN(firstPt) {
		firstPt = 0
	}
	if math.IsNaN(restPt) {
		restPt = 0
	}
	b := breaker{m: m, spans: spans, avail: firstPt, rest: restPt}
	b.run()
	return b.lines
}

type breaker struct {
	m     *Metrics
	spans []Span
	avail float64 // width of the current line
	rest  float64

	lines []Line
	cur   Line
	// hasWord: the current line holds at least one word (or part of one).
	hasWord bool
	// wrapped: the current line began at an automatic break, so spaces at
	// its start are dropped (they hang at the end of the previous line).
	wrapped bool
	pending []frag // spaces after the last word of the line
	pendW   float64
	word    []frag // the word being read
	wordW   float64
}

func (b *breaker) run() {
	for si, sp := range b.spans {
		t := sp.Text
		i := 0
		for i < len(t) {
			switch c := t[i]; c {
			case ' ':
				j := i
				for j < len(t) && t[j] == ' ' {
					j++
				}
				b.flushWord()
				w := b.m.WidthPt(" ", sp.Style, sp.SizePt) * float64(j-i)
				b.addPending(frag{span: si, start: i, end: j, w: w})
				i = j
			case '\n':
				b.flushWord()
				b.finish(true)
				b.wrapped = false
				i++
			default:
				j := i
				for j < len(t) && t[j] != ' ' && t[j] != '\n' {
					j++
				}
				w := b.m.WidthPt(t[i:j], sp.Style, sp.SizePt)
				b.word = append(b.word, frag{span: si, start: i, end: j, w: w})
				b.wordW += w
				i = j
			}
		}
	}
	b.flushWord()
	b.pending, b.pendW = b.pending[:0], 0
	b.cur.Last = true
	b.lines = append(b.lines, b.cur)
}

func (b *breaker) addPending(f frag) {
	if b.wrapped && !b.hasWord {
		return // spaces at the start of a wrapped line hang on the previous one
	}
	b.pending = append(b.pending, f)
	b.pendW += f.w
}

// finish closes the current line and starts the next one.
func (b *breaker) finish(forced bool) {
	b.cur.Forced = forced
	b.lines = append(b.lines, b.cur)
	b.cur = Line{}
	b.hasWord = false
	b.wrapped = true
	b.pending, b.pendW = b.pending[:0], 0
	b.avail = b.rest
}

func (b *breaker) flushWord() {
	if len(b.word) == 0 {
		return
	}
	w := b.wordW
	switch {
	case b.hasWord && b.cur.WidthPt+b.pendW+w <= b.avail+fitEpsilon:
		b.commitSpaces(true)
		b.commitWord()
	case b.hasWord:
		b.finish(false)
		b.placeOnEmptyLine()
	default:
		b.placeOnEmptyLine()
	}
	b.word, b.wordW = b.word[:0], 0
}

// placeOnEmptyLine puts the word on a line that holds no word yet (perhaps
// leading spaces), breaking it between characters if it is wider than the
// line.
func (b *breaker) placeOnEmptyLine() {
	if b.cur.WidthPt+b.pendW+b.wordW <= b.avail+fitEpsilon {
		b.commitSpaces(false)
		b.commitWord()
		return
	}
	if b.pendW > 0 && b.cur.WidthPt+b.wordW <= b.avail+fitEpsilon {
		// The leading spaces would push a fitting word out: drop them.
		b.pending, b.pendW = b.pending[:0], 0
		b.commitWord()
		return
	}
	b.commitSpaces(false)
	b.breakWord()
}

// breakWord sets the current word character by character, starting new lines
// as they fill, with at least one character per line.
func (b *breaker) breakWord() {
	for _, f := range b.word {
		sp := b.spans[f.span]
		text := sp.Text
		start, segW := f.start, 0.0
		for pos := f.start; pos < f.end; {
			_, size := utf8.DecodeRuneInString(text[pos:f.end])
			rw := b.m.WidthPt(text[pos:pos+size], sp.Style, sp.SizePt)
			if (b.hasWord || pos > start) && b.cur.WidthPt+segW+rw > b.avail+fitEpsilon {
				if pos > start {
					b.appendFrag(frag{span: f.span, start: start, end: pos, w: segW}, 0)
				}
				b.finish(false)
				start, segW = pos, 0
			}
			segW += rw
			pos += size
		}
		if f.end > start {
			b.appendFrag(frag{span: f.span, start: start, end: f.end, w: segW}, 0)
			b.hasWord = true
		}
	}
}

// commitSpaces moves the pending spaces onto the line: between two words
// they stretch under justification; before the first word they only indent.
func (b *breaker) commitSpaces(stretch bool) {
	for _, f := range b.pending {
		if stretch {
			b.appendFrag(f, f.end-f.start)
		} else {
			b.cur.WidthPt += f.w
		}
	}
	b.pending, b.pendW = b.pending[:0], 0
}

func (b *breaker) commitWord() {
	for _, f := range b.word {
		b.appendFrag(f, 0)
	}
	b.hasWord = true
}

// appendFrag adds f at the end of the line, merging it into the last piece
// when it continues the same span.
func (b *breaker) appendFrag(f frag, stretch int) {
	text := b.spans[f.span].Text
	if n := len(b.cur.Pieces); n > 0 {
		last := &b.cur.Pieces[n-1]
		if last.Span == f.span && last.end == f.start && last.XPt+last.WidthPt == b.cur.WidthPt {
			last.Text = text[last.end-len(last.Text) : f.end]
			last.end = f.end
			last.WidthPt += f.w
			last.Stretch += stretch
			b.cur.WidthPt += f.w
			b.cur.Stretch += stretch
			return
		}
	}
	b.cur.Pieces = append(b.cur.Pieces, Piece{
		Span: f.span, Text: text[f.start:f.end], XPt: b.cur.WidthPt, WidthPt: f.w,
		Stretch: stretch, Before: b.cur.Stretch, end: f.end,
	})
	b.cur.WidthPt += f.w
	b.cur.Stretch += stretch
}

// cleanSpans reads tabs as spaces, drops carriage returns and other C0
// control characters and replaces invalid UTF-8 with U+FFFD, copying only
// the spans that need it.
func cleanSpans(spans []Span) []Span {
	var out []Span
	for i, sp := range spans {
		if !needsClean(sp.Text) {
			if out != nil {
				out = append(out, sp)
			}
			continue
		}
		if out == nil {
			out = append(make([]Span, 0, len(spans)), spans[:i]...)
		}
		var sb strings.Builder
		for _, r := range strings.ToValidUTF8(sp.Text, "\uFFFD") {
			switch {
			case r == '\t':
				sb.WriteByte(' ')
			case r == '\n' || r >= 0x20 && r != 0x7f:
				sb.WriteRune(r)
			}
		}
		sp.Text = sb.String()
		out = append(out, sp)
	}
	if out == nil {
		return spans
	}
	return out
}

func needsClean(s string) bool {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c < 0x20 && c != '\n' || c == 0x7f {
				return true
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size <= 1 {
			return true // invalid UTF-8
		}
		i += size
	}
	return false
}
