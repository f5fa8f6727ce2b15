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

// composeTables are what composeKey composes with: the canonical combining
// class of each combining diacritical mark (U+0300–U+036F; 0 for the starters
// among them and the four that decompose to others, which composeKey
// refuses) and the primary
// composites of a letter of keyRunes' blocks and one mark, derived from
// each precomposed letter's decomposition (its NFC without its last mark,
// plus that mark). TestComposeKey checks every letter and mark against norm.
type composeTables struct {
	ccc   [0x70]uint8
	pairs map[[2]rune]rune
	// composite marks the runes of keyRunes' blocks that have a canonical
	// decomposition (never in decomposed text: composeKey refuses them).
	composite [0x250 + 0x100]bool
}

var composeTab = sync.OnceValue(func() *composeTables {
	t := &composeTables{pairs: map[[2]rune]rune{}}
	for m := rune(0x300); m < 0x370; m++ {
		if norm.NFD.String(string(m)) == string(m) { // not U+0340, U+0341, U+0343, U+0344
			t.ccc[m-0x300] = norm.NFD.PropertiesString(string(m)).CCC()
		}
	}
	add := func(p rune) {
		d := []rune(norm.NFD.String(string(p)))
		if len(d) < 2 || norm.NFC.String(string(d)) != string(p) {
			return
		}
		last := d[len(d)-1]
		if last < 0x300 || last >= 0x370 {
			return
		}
		l := []rune(norm.NFC.String(string(d[:len(d)-1])))
		if len(l) == 1 && norm.NFC.String(string(l[0])+string(last)) == string(p) {
			t.pairs[[2]rune{l[0], last}] = p
		}
	}
	for r := rune(0xC0); r < 0x250; r++ {
		add(r)
	}
	for r := rune(0x1E00); r < 0x1F00; r++ {
		add(r)
	}
	for k := range t.composite {
		r := rune(k)
		if k >= 0x250 {
			r = rune(0x1E00 + k - 0x250)
		}
		t.composite[k] = norm.NFD.String(string(r)) != string(r)
	}
	return t
})

// composeKey appends the NFC of d to dst, d being canonically decomposed
// text made of starters that pass starterNFC and marks of U+0300–U+036F,
// with the marks after a starter possibly out of canonical order (Key moves
// each syllable's tone to its end). ok is false, and dst to be ignored, for
// anything else (a precomposed letter, a mark with no starter before it,
// more than four marks on one starter, another rune): the caller then asks
// norm.
func composeKey(dst, d []byte) (_ []byte, ok bool) {
	var t *composeTables
	var starter rune = -1
	var marks [4]rune
	nm := 0
	failed := false
	flush := func() {
		if starter < 0 {
			return
		}
		if nm > 0 && (starter == '<' || starter == '=' || starter == '>' || starter == '\u00a8') {
			failed = true // they compose into ≮ ≠ ≯ and Greek letters, outside pairs
			return
		}
		// canonical order: a stable insertion sort by combining class
		for i := 1; i < nm; i++ {
			for j := i; j > 0 && t.ccc[marks[j]-0x300] < t.ccc[marks[j-1]-0x300]; j-- {
				marks[j], marks[j-1] = marks[j-1], marks[j]
			}
		}
		cur := starter
		var left [4]rune
		nl := 0
		var lastCCC uint8
		for _, m := range marks[:nm] {
			c := t.ccc[m-0x300]
			if nl == 0 || lastCCC < c {
				if p, found := t.pairs[[2]rune{cur, m}]; found {
					cur = p
					continue
				}
			}
			left[nl] = m
			nl++
			lastCCC = c
		}
		dst = utf8.AppendRune(dst, cur)
		for _, m := range left[:nl] {
			dst = utf8.AppendRune(dst, m)
		}
		starter, nm = -1, 0
	}
	for i := 0; i < len(d); {
		r, n := utf8.DecodeRune(d[i:])
		i += n
		switch {
		case 0x300 <= r && r < 0x370:
			if t == nil {
				t = composeTab()
			}
			if starter < 0 || nm == len(marks) || t.ccc[r-0x300] == 0 {
				return dst, false
			}
			marks[nm] = r
			nm++
		case starterNFC(r):
			if r >= 0xC0 {
				if t == nil {
					t = composeTab()
				}
				if k := keyIndex(r); k < 0 || t.composite[k] {
					return dst, false // outside the blocks (U+2002–U+20CF): not expected in a key
				}
			}
			flush()
			starter = r
			if failed {
				return dst, false
			}
		default:
			return dst, false
		}
	}
	flush()
	return dst, !failed
}
