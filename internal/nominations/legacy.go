package nominations

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
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
// text. A legacy font decides (".VnTime", ".VnTimeH", "VNI-Times"); text
// with any character beyond Latin-1 is Unicode; otherwise s is decoded each
// way and the most plausible Vietnamese wins (see plausibility), the text as
// it is on a tie.
func DetectLegacy(s, font string) (enc Encoding, capitals bool) {
	_, enc, capitals = decodeCell(s, font, nil)
	return enc, capitals
}

// decodeCell returns the text of a cell: converted from TCVN3 or VNI when it
// is legacy text, else as it is, or, when plain is set (8-bit CSV files),
// plain(s).
func decodeCell(s, font string, plain func(string) string) (string, Encoding, bool) {
	high := false
	for _, r := range s {
		if r > 0xFF {
			return s, NoLegacy, false
		}
		if r >= 0xA0 {
			high = true
		}
	}
	enc, capitals := legacyFont(font)
	switch enc {
	case TCVN3:
		if high || (capitals && strings.ToUpper(s) != s) {
			return DecodeLegacy(s, TCVN3, capitals), TCVN3, capitals
		}
		return s, NoLegacy, false
	case VNI:
		if high {
			return DecodeLegacy(s, VNI, false), VNI, false
		}
		return s, NoLegacy, false
	}
	if !high {
		return s, NoLegacy, false
	}
	best, bestEnc := s, NoLegacy
	if plain != nil {
		best = plain(s)
	}
	bestScore := plausibility(best)
	for _, e := range []Encoding{TCVN3, VNI} {
		d := DecodeLegacy(s, e, false)
		if sc := plausibility(d); sc > bestScore {
			best, bestEnc, bestScore = d, e, sc
		}
	}
	return best, bestEnc, false
}

var (
	vietLetters = map[rune]bool{'đ': true, 'Đ': true}
	toned       = map[rune]bool{}
	// vowelBase maps every Vietnamese vowel letter to its lower-case letter
	// without tone ('ẩ' → 'â').
	vowelBase = map[rune]rune{}
	// vowelAfter lists the vowels (without tone) that may follow a plain
	// ASCII vowel in one syllable: hoà, hoặc, khoẻ; quá, xuân, thuế, buôn,
	// thuở, thuý; yên. After "i" anything may follow (gi-: giữ, giờ).
	vowelAfter = map[rune]string{'a': "", 'e': "", 'o': "aăe", 'u': "aâêôơyi", 'y': "ê"}
	// punctuation beyond ASCII that Vietnamese text uses
	okPunct = "\u00a0\u2013\u2014\u2018\u2019\u201c\u201d\u2026\u2022\u00b0"
)

func init() {
	for _, row := range unicodeLower {
		base := []rune(row)[0]
		for j, r := range []rune(row) {
			for _, c := range []rune{r, unicode.ToUpper(r)} {
				vowelBase[c] = base
				if c >= 0x80 {
					vietLetters[c] = true
				}
				if j > 0 {
					toned[c] = true
				}
			}
		}
	}
}

// plausibility scores how much s looks like Vietnamese: +1 for each
// Vietnamese letter beyond ASCII, -2 for any other character beyond ASCII
// (symbols such as ¸ µ ¨ ¬ that legacy bytes show as, or a combining mark
// left over), -3 for a word with two tone marks or for a plain vowel followed
// by a vowel that cannot follow it in a syllable ("aờ", "eó": VNI text read
// as TCVN3).
func plausibility(s string) int {
	s = norm.NFC.String(s)
	score, tones := 0, 0
	var prev rune
	for _, r := range s {
		if b, ok := vowelBase[r]; ok && r >= 0x80 {
			if allowed, plain := vowelAfter[unicode.ToLower(prev)]; plain && !strings.ContainsRune(allowed, b) {
				score -= 3
			}
		}
		prev = r
		switch {
		case r < 0x80 || strings.ContainsRune(okPunct, r):
		case vietLetters[r]:
			score++
		default:
			score -= 2
		}
		if toned[r] {
			tones++
		}
		if r < 0x80 && !unicode.IsLetter(r) || unicode.IsSpace(r) {
			if tones > 1 {
				score -= 3
			}
			tones = 0
		}
	}
	if tones > 1 {
		score -= 3
	}
	return score
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
