package nominations

import (
	"strings"
	"unicode"
)

// Legacy Vietnamese 8-bit encodings still found in old spreadsheets (spec
// §8.4). In an XLSX file each byte of such text is stored as the Windows-1252
// character with that code (byte 0xB8 is stored as "¸"), so the tables below
// map those characters. The tables follow the published TCVN 5712:1993 VN3
// ("ABC") and VNI-Windows layouts and are checked by tests on real byte
// sequences.

// Encoding is a legacy encoding.
type Encoding string

// Legacy encodings.
const (
	NoLegacy Encoding = ""
	TCVN3    Encoding = "TCVN3"
	VNI      Encoding = "VNI"
)

// vowels in table order and the tone order of the tables: none, sắc,
// huyền, hỏi, ngã, nặng.
var (
	unicodeLower = [...]string{
		"aáàảãạ", "ăắằẳẵặ", "âấầẩẫậ", "eéèẻẽẹ", "êếềểễệ", "iíìỉĩị",
		"oóòỏõọ", "ôốồổỗộ", "ơớờởỡợ", "uúùủũụ", "ưứừửữự", "yýỳỷỹỵ",
	}
	// TCVN3 (ABC), lower case; "." marks the plain ASCII vowel.
	tcvn3Lower = [...]string{
		".\u00b8\u00b5\u00b6\u00b7\u00b9",      // a á à ả ã ạ
		"\u00a8\u00be\u00bb\u00bc\u00bd\u00c6", // ă
		"\u00a9\u00ca\u00c7\u00c8\u00c9\u00cb", // â
		".\u00d0\u00cc\u00ce\u00cf\u00d1",      // e
		"\u00aa\u00d5\u00d2\u00d3\u00d4\u00d6", // ê
		".\u00dd\u00d7\u00d8\u00dc\u00de",      // i
		".\u00e3\u00df\u00e1\u00e2\u00e4",      // o
		"\u00ab\u00e8\u00e5\u00e6\u00e7\u00e9", // ô
		"\u00ac\u00ed\u00ea\u00eb\u00ec\u00ee", // ơ
		".\u00f3\u00ef\u00f1\u00f2\u00f4",      // u
		"\u00ad\u00f8\u00f5\u00f6\u00f7\u00f9", // ư
		".\u00fd\u00fa\u00fb\u00fc\u00fe",      // y
	}
	// VNI-Windows, lower case: the base letters, then each toned letter as
	// base + mark (or one character for i and ỵ).
	vniLower = [...][6]string{
		{"a", "a\u00f9", "a\u00f8", "a\u00fb", "a\u00f5", "a\u00ef"},
		{"a\u00ea", "a\u00e9", "a\u00e8", "a\u00fa", "a\u00fc", "a\u00eb"},
		{"a\u00e2", "a\u00e1", "a\u00e0", "a\u00e5", "a\u00e3", "a\u00e4"},
		{"e", "e\u00f9", "e\u00f8", "e\u00fb", "e\u00f5", "e\u00ef"},
		{"e\u00e2", "e\u00e1", "e\u00e0", "e\u00e5", "e\u00e3", "e\u00e4"},
		{"i", "\u00ed", "\u00ec", "\u00e6", "\u00f3", "\u00f2"},
		{"o", "o\u00f9", "o\u00f8", "o\u00fb", "o\u00f5", "o\u00ef"},
		{"o\u00e2", "o\u00e1", "o\u00e0", "o\u00e5", "o\u00e3", "o\u00e4"},
		{"\u00f4", "\u00f4\u00f9", "\u00f4\u00f8", "\u00f4\u00fb", "\u00f4\u00f5", "\u00f4\u00ef"},
		{"u", "u\u00f9", "u\u00f8", "u\u00fb", "u\u00f5", "u\u00ef"},
		{"\u00f6", "\u00f6\u00f9", "\u00f6\u00f8", "\u00f6\u00fb", "\u00f6\u00f5", "\u00f6\u00ef"},
		{"y", "y\u00f9", "y\u00f8", "y\u00fb", "y\u00f5", "\u00ee"},
	}
)

var (
	tcvn3Map = map[rune]rune{
		// Capitals of the base letters; other capitals are typed with the
		// same codes in an "H" font (.VnTimeH).
		0xA1: 'Ă', 0xA2: 'Â', 0xA3: 'Ê', 0xA4: 'Ô', 0xA5: 'Ơ', 0xA6: 'Ư', 0xA7: 'Đ',
		0xAE: 'đ',
	}
	// vniMap maps one- and two-character VNI sequences, both cases.
	vniMap = map[string]rune{"\u00f1": 'đ', "\u00d1": 'Đ'}
	// vniStrong marks characters that only VNI text puts after a vowel.
	vniStrong = map[rune]bool{}
	// vietLatin1 are the Vietnamese letters that Latin-1 also has; text made
	// only of them cannot be told from TCVN3 or VNI by its characters.
	vietLatin1 = "ÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝàáâãèéêìíòóôõùúý"
)

func init() {
	for i, row := range tcvn3Lower {
		uni := []rune(unicodeLower[i])
		for j, c := range []rune(row) {
			if c != '.' {
				tcvn3Map[c] = uni[j]
			}
		}
	}
	for i, row := range vniLower {
		uni := []rune(unicodeLower[i])
		for j, seq := range row {
			if len(seq) == 1 { // plain ASCII vowel
				continue
			}
			vniMap[seq] = uni[j]
			up := strings.ToUpper(seq)
			vniMap[up] = unicode.ToUpper(uni[j])
			// A capital letter followed by a lower-case mark also occurs.
			rs := []rune(seq)
			if len(rs) == 2 {
				vniMap[string([]rune{unicode.ToUpper(rs[0]), rs[1]})] = unicode.ToUpper(uni[j])
			}
		}
	}
	for _, m := range "\u00f8\u00fb\u00ef\u00e5\u00e4\u00fc\u00eb" {
		vniStrong[m] = true
		vniStrong[unicode.ToUpper(m)] = true
	}
}

// legacyFont tells the encoding from a font name: ".VnTime", ".VnArialH"
// (TCVN3; an "H" font shows capitals) or "VNI-Times" (VNI).
func legacyFont(font string) (enc Encoding, capitals bool) {
	f := strings.TrimSpace(font)
	switch {
	case strings.HasPrefix(strings.ToLower(f), ".vn"):
		name := strings.TrimRight(f, " ")
		n := len(name)
		return TCVN3, n >= 2 && name[n-1] == 'H' && unicode.IsLower(rune(name[n-2]))
	case strings.HasPrefix(strings.ToUpper(f), "VNI-") || strings.HasPrefix(strings.ToUpper(f), "VNI "):
		return VNI, false
	}
	return NoLegacy, false
}

// DetectLegacy says whether s, from a cell in font font, is TCVN3 or VNI
// text. The font decides when it is a legacy font; otherwise the characters
// do: any character beyond Latin-1 means Unicode; TCVN3 letters that are not
// Vietnamese Latin-1 letters (¸ µ ¶ ¨ © ª « ¬ …) next to a letter mean TCVN3;
// VNI marks only VNI uses after a vowel (ø û ï å ä ü ë) mean VNI.
func DetectLegacy(s, font string) (enc Encoding, capitals bool) {
	high := false
	for _, r := range s {
		if r > 0xFF {
			return NoLegacy, false
		}
		if r >= 0xA1 {
			high = true
		}
	}
	enc, capitals = legacyFont(font)
	switch enc {
	case TCVN3:
		if high || (capitals && strings.ToUpper(s) != s) {
			return TCVN3, capitals
		}
		return NoLegacy, false
	case VNI:
		if high {
			return VNI, false
		}
		return NoLegacy, false
	}
	if !high {
		return NoLegacy, false
	}
	rs := []rune(s)
	tcvn, vni := 0, 0
	used := make([]bool, len(rs)) // explained as VNI
	at := func(i int) rune {
		if i < 0 || i >= len(rs) {
			return 0
		}
		return rs[i]
	}
	for i, r := range rs {
		prev, next := at(i-1), at(i+1)
		switch {
		case vniStrong[r] && strings.ContainsRune("aeiouyAEIOUY\u00f4\u00f6\u00d4\u00d6", prev):
			// a vowel and a tone mark only VNI writes as a separate byte
			if _, ok := vniMap[string([]rune{prev, r})]; ok {
				vni++
				used[i], used[i-1] = true, true
			}
		case (r == '\u00f6' || r == '\u00d6') && (next == '\u00f4' || next == '\u00d4'):
			// ư + ơ, the "ươ" of người, trường
			vni++
			used[i], used[i+1] = true, true
		case (r == '\u00f1' || r == '\u00d1') && !letterish(prev) && strings.ContainsRune("aeiouyAEIOUY", next):
			// đ at the start of a word
			vni++
			used[i] = true
		}
	}
	for i, r := range rs {
		if used[i] {
			continue
		}
		if _, ok := tcvn3Map[r]; ok && !strings.ContainsRune(vietLatin1, r) && (letterish(at(i-1)) || letterish(at(i+1))) {
			tcvn++
		}
	}
	switch {
	case tcvn == 0 && vni == 0:
		return NoLegacy, false
	case tcvn >= vni:
		return TCVN3, false
	}
	return VNI, false
}

func letterish(r rune) bool {
	return r >= 0xA1 && r <= 0xFF || r < 0x80 && unicode.IsLetter(r)
}

// DecodeLegacy converts s from enc to Unicode (NFC). capitals upper-cases
// the result, as an "H" TCVN3 font displays it.
func DecodeLegacy(s string, enc Encoding, capitals bool) string {
	var b strings.Builder
	switch enc {
	case TCVN3:
		for _, r := range s {
			if u, ok := tcvn3Map[r]; ok {
				r = u
			}
			b.WriteRune(r)
		}
	case VNI:
		rs := []rune(s)
		for i := 0; i < len(rs); i++ {
			if i+1 < len(rs) {
				if u, ok := vniMap[string(rs[i:i+2])]; ok {
					b.WriteRune(u)
					i++
					continue
				}
			}
			if u, ok := vniMap[string(rs[i])]; ok {
				b.WriteRune(u)
				continue
			}
			b.WriteRune(rs[i])
		}
	default:
		return s
	}
	if capitals {
		return strings.ToUpper(b.String())
	}
	return b.String()
}
