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
// dropped and tabs become spaces; straight double quotes become typographic
// ones (Quotes). Every renderer prints the cleaned text, so the PDF and the
// DOCX show the same characters.
func Clean(s string, multiline bool) (string, error) {
	if cleanAsIs(s, multiline) {
		return Quotes(s), nil // what the steps below would give, without their passes
	}
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
	return Quotes(norm.NFC.String(s)), nil
}

// Quotes turns the straight double quotes of typed input into the
// typographic ones a printed document uses: "Toàn dân đoàn kết" →
// “Toàn dân đoàn kết”. A quote opens at the start of the text, after white
// space or an opening bracket or dash, and closes elsewhere. Text without
// a straight quote is returned as is.
func Quotes(s string) string {
	if !strings.Contains(s, `"`) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 4)
	prev := rune(0)
	for _, r := range s {
		if r == '"' {
			switch {
			case prev == 0 || unicode.IsSpace(prev) || strings.ContainsRune("([{“‘-–—/", prev):
				r = '“'
			default:
				r = '”'
			}
		}
		b.WriteRune(r)
		prev = r
	}
	return b.String()
}

// tone marks, as combining characters after NFD.
func isTone(r rune) bool {
	switch r {
	case '\u0300', '\u0301', '\u0303', '\u0309', '\u0323':
		return true
	}
	return false
}

// Key is the one tone-insensitive comparison key of a name or title (spec
// §8.3): case, spacing, NFC/NFD and the place of the tone mark inside the
// syllable ("hòa"/"hoà", "thủy"/"thuỷ", "Ủy"/"Uỷ") do not matter; the
// letters, vowel marks (â ă ê ô ơ ư), đ and the tone itself do. Each
// syllable's tone is moved to its end. It is for matching, deduplication and
// lookup, never for display.
func Key(s string) string {
	var buf [256]byte
	d, ok := keyDecomposed(buf[:0], s)
	if !ok {
		return keyOf(norm.NFD.AppendString(nil, strings.ToLower(s)))
	}
	return keyOf(d)
}

// keyOf is Key of the lower-cased, decomposed text d.
func keyOf(d []byte) string {
	var buf [256]byte
	b := buf[:0]
	var tone rune
	space := false
	for i := 0; i < len(d); {
		r, n := utf8.DecodeRune(d[i:])
		i += n
		switch {
		case isTone(r):
			tone = r
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r):
			if space && len(b) > 0 {
				b = append(b, ' ')
			}
			space = false
			b = utf8.AppendRune(b, r)
		default:
			if tone != 0 {
				b, tone = utf8.AppendRune(b, tone), 0
			}
			if unicode.IsSpace(r) {
				space = true
				continue
			}
			if space && len(b) > 0 {
				b = append(b, ' ')
			}
			space = false
			b = utf8.AppendRune(b, r)
		}
	}
	if tone != 0 {
		b = utf8.AppendRune(b, tone)
	}
	var out [256]byte
	if c, ok := composeKey(out[:0], b); ok {
		return string(c)
	}
	return norm.NFC.String(string(b))
}

// Fold is the loosest key, for text typed without a Vietnamese keyboard
// and for column titles and award wording: like Key but with every mark
// removed (đ becomes d) and punctuation turned into spaces, so "HỌ VÀ TÊN",
// "Họ và tên" and "Ho va ten" match.
func Fold(s string) string {
	s = Unmark(strings.ToLower(s))
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	return b.String()
}

// Unmark removes every diacritic (tone marks and vowel marks) and writes đ
// as d, Đ as D: "Nguyễn Văn Đức" → "Nguyen Van Duc". File names and
// search-as-you-type build on it.
func Unmark(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
		case r == 'đ':
			b.WriteByte('d')
		case r == 'Đ':
			b.WriteByte('D')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}
