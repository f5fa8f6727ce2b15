package award

import (
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"
)

func TestCleanTextFastPathSame(t *testing.T) {
	for _, s := range []string{"", " ", "a", " a", "a ", "a  b", "a b", "a\tb", "a\u00a0b", "Nguyễn Văn An", "Nguye\u0303n", "x\u2003y", "\u00a0", "a b c", "Hòa  Bình"} {
		slow := strings.Join(strings.Fields(strings.ReplaceAll(norm.NFC.String(s), "\u00a0", " ")), " ")
		if got := CleanText(s); got != slow {
			t.Errorf("CleanText(%q) = %q, want %q", s, got, slow)
		}
	}
}
