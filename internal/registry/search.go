package registry

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/vanban/vanban/internal/nd30"
)

// SearchKey is the form in which text is searched (spec §8.3): NFC, lower
// case, runs of spaces collapsed, and the tone mark of the clusters oa, oe
// and uy placed on the second vowel whichever style it was typed in, so that
// "Hòa", "hoà" and "HOÀ" give the same key. Tone marks elsewhere are left in
// place, so a key of a word is a prefix of the key of a longer word and
// substring search keeps working while a user types.
func SearchKey(s string) string {
	d := []rune(norm.NFD.String(strings.ToLower(s)))
	out := make([]rune, 0, len(d))
	space := false
	for i := 0; i < len(d); i++ {
		r := d[i]
		if unicode.IsSpace(r) {
			space = len(out) > 0
			continue
		}
		if space {
			out = append(out, ' ')
			space = false
		}
		// o + tone + a/e → o + a/e + tone; u + tone + y → u + y + tone.
		if (r == 'o' || r == 'u') && i+2 < len(d) && isTone(d[i+1]) {
			next := d[i+2]
			if (r == 'o' && (next == 'a' || next == 'e')) || (r == 'u' && next == 'y') {
				out = append(out, r, next, d[i+1])
				i += 2
				continue
			}
		}
		out = append(out, r)
	}
	return norm.NFC.String(string(out))
}

// Fold is SearchKey without any diacritics, with đ written d: the form of
// text typed without a Vietnamese keyboard ("quyet dinh khen thuong").
func Fold(s string) string { return nd30.Unmark(SearchKey(s)) }

// tone marks, as combining characters after NFD.
func isTone(r rune) bool {
	switch r {
	case '\u0300', '\u0301', '\u0303', '\u0309', '\u0323':
		return true
	}
	return false
}

// SearchText is the text a Store keeps for a record and matches Query.Text
// against as a substring: the keys of the number and ký hiệu, type name,
// trích yếu and signer, then the same fields folded, separated by line
// breaks (which a SearchKey never contains, so no match spans two fields).
func SearchText(r Record) string {
	fields := []string{r.Ref(), r.KindName, r.Summary, r.Signer}
	keys := make([]string, 0, 2*len(fields))
	for _, f := range fields {
		keys = append(keys, SearchKey(f))
	}
	for _, f := range fields {
		keys = append(keys, Fold(f))
	}
	return strings.Join(keys, "\n")
}
