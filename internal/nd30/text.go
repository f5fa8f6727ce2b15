package nd30

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Upper writes text in capitals for the header and titles. Names are stored in
// their correct mixed case (Phụ lục II) and only ever upper-cased, never the
// reverse. strings.ToUpper maps every precomposed Vietnamese letter, đ → Đ
// included.
func Upper(s string) string { return strings.ToUpper(norm.NFC.String(s)) }

func isLetter(r rune) bool { return unicode.IsLetter(r) }

// Clean normalises input text to NFC (TCVN 6909:2001 Unicode, precomposed)
// and rejects what cannot be printed: invalid UTF-8 and control characters.
// Line feeds are kept when multiline is set (body text); carriage returns are
// dropped and tabs become spaces.
func Clean(s string, multiline bool) (string, error) {
	if !utf8.ValidString(s) {
		return "", fmt.Errorf("văn bản không phải UTF-8 hợp lệ")
	}
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	s = strings.ReplaceAll(s, "\t", " ")
	for i, r := range s {
		if r == '\n' {
			if !multiline {
				return "", fmt.Errorf("không được xuống dòng ở đây (ký tự thứ %d)", utf8.RuneCountInString(s[:i])+1)
			}
			continue
		}
		if unicode.IsControl(r) || r == '\u2028' || r == '\u2029' || r == '\uFFFE' || r == '\uFFFF' || r == '\uFFFD' {
			return "", fmt.Errorf("có ký tự điều khiển không in được U+%04X (ký tự thứ %d)", r, utf8.RuneCountInString(s[:i])+1)
		}
	}
	return norm.NFC.String(s), nil
}

// tone marks, as combining characters after NFD.
func isTone(r rune) bool {
	switch r {
	case '\u0300', '\u0301', '\u0303', '\u0309', '\u0323':
		return true
	}
	return false
}

// Key is the comparison key of a name or title: case, spacing and tone-mark
// placement ("hòa"/"hoà", "thủy"/"thuỷ", "Ủy"/"Uỷ") do not matter, nor does
// NFC/NFD. Each word's tone mark is moved to the end of the word. It is for
// matching, deduplication and search, never for display (spec §8.3).
func Key(s string) string {
	d := norm.NFD.String(strings.ToLower(s))
	var b strings.Builder
	for _, w := range strings.Fields(d) {
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		var tone rune
		for _, r := range w {
			if isTone(r) {
				tone = r
				continue
			}
			b.WriteRune(r)
		}
		if tone != 0 {
			b.WriteRune(tone)
		}
	}
	return b.String()
}
