package nd30

import (
	"fmt"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// The fast paths' tables hold against golang.org/x/text/unicode/norm for
// every rune they cover.
func TestFastNormTables(t *testing.T) {
	for r := rune(0); r <= 0x10FFFF; r++ {
		if !starterNFC(r) {
			continue
		}
		s := string(r)
		if p := norm.NFC.PropertiesString(s); !p.BoundaryBefore() || !norm.NFC.IsNormalString(s) {
			t.Errorf("U+%04X is in starterNFC's ranges but is not a normalised starter", r)
		}
	}
	tab := keyRunes()
	for k := range tab {
		r := rune(k)
		if k >= 0x250 {
			r = rune(0x1E00 + k - 0x250)
		}
		if keyIndex(r) != k {
			t.Fatalf("keyIndex(U+%04X) = %d, want %d", r, keyIndex(r), k)
		}
		d := tab[k]
		if d != norm.NFD.String(strings.ToLower(string(r))) {
			t.Errorf("keyRunes[U+%04X] = %q", r, d)
		}
		first, _ := utf8.DecodeRuneInString(d)
		if norm.NFD.PropertiesString(string(first)).CCC() != 0 {
			t.Errorf("U+%04X decomposes to %q, which does not start with a starter", r, d)
		}
	}
}

// keyBefore and cleanBefore are Key and Clean as they were before the fast
// paths (issue 15), the reference the fast paths must agree with.
func keyBefore(s string) string {
	s = norm.NFD.String(strings.ToLower(s))
	var b strings.Builder
	b.Grow(len(s))
	var tone rune
	flush := func() {
		if tone != 0 {
			b.WriteRune(tone)
			tone = 0
		}
	}
	space := false
	for _, r := range s {
		switch {
		case isTone(r):
			tone = r
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r):
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(r)
		default:
			flush()
			if unicode.IsSpace(r) {
				space = true
				continue
			}
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(r)
		}
	}
	flush()
	return norm.NFC.String(b.String())
}

func cleanBefore(s string, multiline bool) (string, error) {
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

// trickyTexts are the strings the fast paths must treat as the slow ones:
// precomposed and decomposed Vietnamese, tone marks in both places, marks
// that compose with nothing, no-break and zero-width spaces, TCVN3 (ABC)
// bytes read as Latin-1, controls, invalid UTF-8, CJK compatibility
// ideographs and the singletons U+2000/U+2001/U+212B.
var trickyTexts = []string{
	"", " ", "a", "Nguyễn Văn An", "NGUYỄN VĂN AN", "Nguye\u0302\u0303n Va\u0306n An",
	"Hòa", "Hoà", "Ho\u0300a", "thủy", "thuỷ", "Ủy ban", "Uỷ ban", "U\u0309y ban",
	"Người", "ngu\u031bo\u031b\u0300i", "Đặng Thị Ánh", "đ", "Đ", "đ\u0323", "ạ\u0302", "a\u0323\u0302", "a\u0302\u0323",
	"Trường THPT số 2", "Phòng Nghiệp vụ 3, Sở Văn hóa, Thể thao và Du lịch",
	"Lò\u00a0Thị Bình", "Lò\u200bThị", "Lò\u2060Thị", "\ufeffLò", "a\u2000b", "a\u2001b", "a\u2002b", "\u212b", "Å", "A\u030a",
	"\u00c1nh", "A\u0301nh", "Nguyªn V¨n An", "Hå ChÝ Minh", "TØnh Lai Ch©u", "§µo", // TCVN3 bytes shown as Latin-1
	"tab\there", "cr\rhere", "crlf\r\nhere", "lf\nhere", "bell\a", "del\x7f", "c1\u0085", "ls\u2028", "ps\u2029",
	"bad\xffutf8", "\xc3", "ok\ufffd", "\ufffe", "\uffff", `"Toàn dân"`, `Nói "không"`,
	"\u0301a", "a\u0301\u0301", "a\u0300\u0301", "e\u0323\u0302\u0301", "ê\u0323\u0301", "ế\u0323",
	"\uf900", "\u0958", "한국", "\u1100\u1161", "ﬁ", "Ⅻ", "x\u20ddy", "\u2026\u201c\u201d\u2013",
	"İstanbul", "ǅ", "ẞ", "ſ", "K", "µ", "Ω",
}

func TestFastNormSameAsBefore(t *testing.T) {
	for _, s := range trickyTexts {
		sameAsBefore(t, s)
	}
}

func FuzzFastNormSame(f *testing.F) {
	for _, s := range trickyTexts {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) { sameAsBefore(t, s) })
}

func sameAsBefore(t *testing.T, s string) {
	t.Helper()
	if got, want := Key(s), keyBefore(s); got != want {
		t.Errorf("Key(%q) = %q, before %q", s, got, want)
	}
	if got, want := IsNFC(s), norm.NFC.IsNormalString(s); got != want {
		t.Errorf("IsNFC(%q) = %v, norm says %v", s, got, want)
	}
	if got, want := NFC(s), norm.NFC.String(s); got != want {
		t.Errorf("NFC(%q) = %q, norm says %q", s, got, want)
	}
	for _, ml := range []bool{false, true} {
		got, err := Clean(s, ml)
		want, werr := cleanBefore(s, ml)
		if got != want || fmt.Sprint(err) != fmt.Sprint(werr) {
			t.Errorf("Clean(%q, %v) = %q, %v; before %q, %v", s, ml, got, err, want, werr)
		}
	}
}

func BenchmarkKey(b *testing.B) {
	for b.Loop() {
		Key("Nguyễn Thị Hồng 042")
		Key("Phòng Nghiệp vụ 3, Sở Văn hóa, Thể thao và Du lịch")
	}
}

func BenchmarkKeyBefore(b *testing.B) {
	for b.Loop() {
		keyBefore("Nguyễn Thị Hồng 042")
		keyBefore("Phòng Nghiệp vụ 3, Sở Văn hóa, Thể thao và Du lịch")
	}
}

// composeKey composes as norm.NFC: every letter with one mark of
// U+0300–U+036F, two of the common Latin marks, three of the Vietnamese ones,
// in every order.
func TestComposeKey(t *testing.T) {
	var starters []rune
	for r := rune(0x20); r < 0x1F00; r++ {
		if keyIndex(r) < 0 || (0x7F <= r && r < 0xA0) {
			continue
		}
		if norm.NFD.String(string(r)) != string(r) {
			if _, ok := composeKey(nil, []byte(string(r))); ok {
				t.Errorf("composeKey accepts the precomposed U+%04X", r)
			}
			continue
		}
		if !strings.ContainsRune("<=>\u00a8", r) {
			starters = append(starters, r)
		}
	}
	check := func(seq []rune) {
		in := string(seq)
		got, ok := composeKey(nil, []byte(in))
		if !ok {
			t.Fatalf("composeKey(%+q) refused", in)
		}
		if want := norm.NFC.String(in); string(got) != want {
			t.Errorf("composeKey(%+q) = %+q, norm %+q", in, got, want)
		}
	}
	for _, s := range "<=>\u00a8" {
		if _, ok := composeKey(nil, []byte(string(s)+"\u0338")); ok {
			t.Errorf("composeKey accepts %q with a mark", s)
		}
	}
	latin := []rune{0x300, 0x301, 0x302, 0x303, 0x304, 0x306, 0x307, 0x308, 0x309, 0x30A, 0x30B, 0x30C, 0x31B, 0x323, 0x327, 0x328}
	viet := []rune{0x300, 0x301, 0x302, 0x303, 0x306, 0x309, 0x31B, 0x323}
	for _, s := range starters {
		for m := rune(0x300); m < 0x370; m++ {
			if norm.NFD.PropertiesString(string(m)).CCC() != 0 && norm.NFD.String(string(m)) == string(m) {
				check([]rune{s, m, 'x', m})
			}
		}
		for _, m1 := range latin {
			for _, m2 := range latin {
				check([]rune{s, m1, m2})
			}
		}
		if s > 0x7F && !strings.ContainsRune("Đđ", s) {
			continue
		}
		for _, m1 := range viet {
			for _, m2 := range viet {
				for _, m3 := range viet {
					check([]rune{s, m1, m2, m3})
				}
			}
		}
	}
}
