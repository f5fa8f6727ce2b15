package fpdf

// vanban: the page-content writer without fmt.Sprintf.
//
// Text, CellFormat, SetFont and newobj formatted each line with fmt.Sprintf
// ("%.2f" and friends) and converted the text to UTF-16 and escaped it
// through three temporary strings: 14.5 % of the time of a six-page document
// and about half its allocations. They now append to one reused buffer
// (Fpdf.fmt.line) with strconv, which prints the same bytes: for 'f' with a
// fixed precision strconv.AppendFloat and fmt's %.Nf agree digit for digit.

import (
	"math"
	"strconv"
)

// appendF2 appends v as fmt's "%.2f" does (and strconv.AppendFloat(b, v,
// 'f', 2, 64)), with integer arithmetic when the result is certain: v·100
// is rounded to the nearest integer, which is the correctly rounded result
// unless v·100 lies within 1e-6 of a half (the product's rounding error is
// below 6e-8 for |v·100| < 1e9), where strconv decides from the exact binary
// value. Coordinates are written several times per line of text.
func appendF2(b []byte, v float64) []byte { return appendFixed(b, v, 2) }

// appendF3 appends v as fmt's "%.3f" does (the word-spacing adjustment of
// justified text), like appendF2.
func appendF3(b []byte, v float64) []byte { return appendFixed(b, v, 3) }

// appendFixed appends v with prec (2 or 3) decimals as strconv.AppendFloat
// (b, v, 'f', prec, 64) does.
func appendFixed(b []byte, v float64, prec int) []byte {
	scale := 100.0
	if prec == 3 {
		scale = 1000
	}
	x := v * scale
	if !(x > -1e9 && x < 1e9) { // also NaN
		return strconv.AppendFloat(b, v, 'f', prec, 64)
	}
	r := math.Round(x)
	if d := math.Abs(x - r); d > 0.5-1e-6 {
		return strconv.AppendFloat(b, v, 'f', prec, 64)
	}
	if math.Signbit(v) {
		b = append(b, '-')
		r = -r
	}
	n := uint64(r)
	if prec == 3 {
		b = strconv.AppendUint(b, n/1000, 10)
		c := n % 1000
		return append(b, '.', byte('0'+c/100), byte('0'+c/10%10), byte('0'+c%10))
	}
	b = strconv.AppendUint(b, n/100, 10)
	c := n % 100
	return append(b, '.', byte('0'+c/10), byte('0'+c%10))
}

// appendF2s appends each value as "%.2f " (followed by a space).
func appendF2s(b []byte, vs ...float64) []byte {
	for _, v := range vs {
		b = appendF2(b, v)
		b = append(b, ' ')
	}
	return b
}

// appendLine appends "x1 y1 m x2 y2 l S ".
func appendLine(b []byte, x1, y1, x2, y2 float64) []byte {
	b = appendF2s(b, x1, y1)
	b = append(b, "m "...)
	b = appendF2s(b, x2, y2)
	return append(b, "l S "...)
}

// appendEscapedByte appends c escaped for a PDF literal string, as
// Fpdf.escape does.
func appendEscapedByte(b []byte, c byte) []byte {
	switch c {
	case '\\', '(', ')':
		return append(b, '\\', c)
	case '\r':
		return append(b, '\\', 'r')
	}
	return append(b, c)
}

// appendEscaped appends s escaped as Fpdf.escape does.
func appendEscaped(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		b = appendEscapedByte(b, s[i])
	}
	return b
}

// appendUTF16 appends s as big-endian UTF-16 code units escaped for a PDF
// literal string (what f.escape(utf8toutf16(s, false)) gives for valid
// text in the Basic Multilingual Plane) and records the runes as used by
// the current font. The codes of an Identity-H font are two bytes: a rune
// above U+FFFF (which utf8toutf16 garbled, or panicked on at the end of a
// string) and invalid UTF-8 are written as U+FFFD.
func (f *Fpdf) appendUTF16(b []byte, s string) []byte {
	used, low := f.currentFont.usedRunes, f.currentFont.usedLow
	for _, r := range s {
		if r > 0xFFFF {
			r = 0xFFFD
		}
		if used != nil && !low.seen(r) {
			used[int(r)] = int(r)
		}
		b = appendEscapedByte(b, byte(r>>8))
		b = appendEscapedByte(b, byte(r))
	}
	return b
}

// outBytes adds a line to the document, like out.
func (f *Fpdf) outBytes(b []byte) {
	if f.state == 2 {
		f.pages[f.page].Write(b)
		f.pages[f.page].WriteByte('\n')
	} else {
		f.buffer.Write(b)
		f.buffer.WriteByte('\n')
	}
}

// usedBits records the runes below U+2000 (Latin with the Vietnamese
// letters of U+1E00–U+1EFF, Greek, Cyrillic) that a face registered with
// AddUTF8Face has already added to its usedRunes, so that the map is
// written once per rune instead of once per character of text (the map
// assignment was 5 % of the seed Kế hoạch's PDF time). Entries are never
// deleted from such a face's usedRunes, so a set bit stays true.
type usedBits [0x2000 / 64]uint64

// seen reports whether r was recorded before, and records it. A nil set
// (fonts not registered with AddUTF8Face) and runes from U+2000 up are
// never seen: the caller writes the map.
func (u *usedBits) seen(r rune) bool {
	if u == nil || r >= 0x2000 || r < 0 {
		return false
	}
	bit := uint64(1) << (r & 63)
	if u[r>>6]&bit != 0 {
		return true
	}
	u[r>>6] |= bit
	return false
}
