package nd30

import (
	"strings"
	"sync"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Fast paths of the Unicode normalisation that every text field goes
// through (issue 15: normalising a 200-row danh sách's names and units was
// a fifth of its DOCX time). Vietnamese text typed on a Unicode keyboard is
// already NFC and made of a few blocks of precomposed letters; for such text
// a range test per rune answers, and anything else goes through
// golang.org/x/text/unicode/norm as before. The tests compare every fast
// path with the slow one (TestFastNormTables, FuzzFastNormSame).

// starterNFC reports whether r is a rune that is its own NFC and starts a
// segment no following rune composes back into (norm's BoundaryBefore):
// any concatenation of such runes is in NFC. The ranges are ASCII, Latin-1,
// Latin Extended-A and B, IPA and spacing modifiers (U+0000–U+02FF), Latin
// Extended Additional with the Vietnamese letters (U+1E00–U+1EFF) and the
// punctuation, super/subscripts and currency signs of U+2002–U+20CF
// (U+2000 and U+2001 decompose to U+2002 and U+2003). TestFastNormTables
// checks each rune against norm.
func starterNFC(r rune) bool {
	return r < 0x300 || (0x1E00 <= r && r < 0x1F00) || (0x2002 <= r && r < 0x20D0)
}

// IsNFC reports whether s is in NFC (as norm.NFC.IsNormalString), without
// the normalisation tables when every rune of s passes starterNFC.
func IsNFC(s string) bool {
	for i := 0; i < len(s); {
		if s[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if !starterNFC(r) { // U+FFFD of invalid UTF-8 included
			return norm.NFC.IsNormalString(s)
		}
		i += n
	}
	return true
}

// NFC returns s in NFC (norm.NFC.String), s itself when IsNFC.
func NFC(s string) string {
	if IsNFC(s) {
		return s
	}
	return norm.NFC.String(s)
}

// cleanAsIs reports whether Clean would only make s's quotes typographic:
// valid UTF-8 already in NFC, no carriage return or tab, no control
// character, no line feed unless multiline, none of the characters Clean
// refuses (U+2028, U+2029, U+FFFD, U+FFFE, U+FFFF; outside starterNFC's
// ranges but for U+2028 and U+2029, which are tested).
func cleanAsIs(s string, multiline bool) bool {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c < 0x20 || c == 0x7F {
				if c != '\n' || !multiline {
					return false
				}
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if r < 0xA0 || r == '\u2028' || r == '\u2029' || !starterNFC(r) { // C1 controls, U+FFFD of invalid UTF-8
			return false
		}
		i += n
	}
	return true
}

// keyRunes is the lower-cased canonical decomposition of each rune of
// U+0000–U+024F and U+1E00–U+1EFF (strings.ToLower then norm.NFD of the one
// rune), for Key: every rune of these blocks lowers and decomposes to a
// sequence starting with a starter, so the decomposition of a text made of
// them is the concatenation of its runes' (canonical reordering never
// crosses a starter). TestFastNormTables checks this.
var keyRunes = sync.OnceValue(func() *[0x250 + 0x100]string {
	var t [0x250 + 0x100]string
	for i := range t {
		r := rune(i)
		if i >= 0x250 {
			r = rune(0x1E00 + i - 0x250)
		}
		t[i] = norm.NFD.String(strings.ToLower(string(r)))
	}
	return &t
})

// keyIndex is r's index in keyRunes, or -1 when r is outside its blocks.
func keyIndex(r rune) int {
	switch {
	case r < 0x250:
		return int(r)
	case 0x1E00 <= r && r < 0x1F00:
		return int(r-0x1E00) + 0x250
	}
	return -1
}

// keyDecomposed appends norm.NFD.String(strings.ToLower(s)) to dst and
// reports true when every rune of s is in keyRunes' blocks (dst is then
// complete), false otherwise.
func keyDecomposed(dst []byte, s string) ([]byte, bool) {
	var t *[0x250 + 0x100]string
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			dst = append(dst, c)
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		k := keyIndex(r)
		if k < 0 || (r == utf8.RuneError && n <= 1) {
			return dst, false
		}
		if t == nil {
			t = keyRunes()
		}
		dst = append(dst, t[k]...)
		i += n
	}
	return dst, true
}
