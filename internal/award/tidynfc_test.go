package award

import (
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"

	"github.com/vanban/vanban/internal/nd30"
)

// cleanTextBefore is CleanText as it was before its fast paths (issue 15).
func cleanTextBefore(s string) string {
	if tidy(s) && norm.NFC.IsNormalString(s) {
		return nd30.Quotes(s)
	}
	s = norm.NFC.String(s)
	return nd30.Quotes(strings.Join(strings.Fields(strings.ReplaceAll(s, "\u00a0", " ")), " "))
}

var cleanTexts = []string{
	"", " ", "a", "a ", " a", "a  b", "a b", "Nguyễn Văn An", "Nguye\u0302\u0303n Va\u0306n An", "Ho\u0300a",
	"Lò\u00a0Thị", "Lò\u200bThị", "Lò\u2002Thị", "Lò\u3000Thị", "a\tb", "a\nb", "a\rb", "a\x01b", "a\x7fb", "a\u0085b",
	"\u00a1Hola", "Å", "A\u030a", "\u212b", "Nguyªn V¨n An", "TØnh Lai Ch©u", "bad\xffutf8", `Nói "không"`,
	"Phòng Nghiệp vụ 3, Sở Văn hóa, Thể thao và Du lịch", "Trường THPT số 2 ", "ǅ", "ẞ", "\u1680", "x\u2028y",
}

func TestTidyNFC(t *testing.T) {
	for _, s := range cleanTexts {
		sameClean(t, s)
	}
	for _, s := range cleanTexts[7:9] {
		if !tidyNFC(cleanTextBefore(s)) {
			t.Errorf("tidyNFC(%q) is not sure of ordinary text", s)
		}
	}
}

func FuzzCleanTextSame(f *testing.F) {
	for _, s := range cleanTexts {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) { sameClean(t, s) })
}

func sameClean(t *testing.T, s string) {
	t.Helper()
	if tidyNFC(s) && !(tidy(s) && norm.NFC.IsNormalString(s)) {
		t.Errorf("tidyNFC(%q) is true, tidy && NFC is not", s)
	}
	if got, want := CleanText(s), cleanTextBefore(s); got != want {
		t.Errorf("CleanText(%q) = %q, before %q", s, got, want)
	}
}
