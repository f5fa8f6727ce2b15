package typeset

import (
	"math"
	"strings"
	"sync"
	"testing"
)

// The widths the spec measured with Liberation Serif (nd30-layout.md §2).
func TestWidthsMatchSpec(t *testing.T) {
	m := testMetrics(t)
	cases := []struct {
		text   string
		st     Style
		size   float64
		wantMM float64
	}{
		{"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", Style{Bold: true}, 12, 88.3},
		{"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", Style{Bold: true}, 13, 95.7},
		{"Độc lập - Tự do - Hạnh phúc", Style{Bold: true}, 13, 56.1},
		{"Độc lập - Tự do - Hạnh phúc", Style{Bold: true}, 14, 60.5},
		{"SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH", Style{Bold: true}, 12, 77.4},
		{"Lai Châu, ngày 05 tháng 12 năm 2025", Style{Italic: true}, 13, 70.8},
		{"Lai Châu, ngày 05 tháng 12 năm 2025", Style{Italic: true}, 14, 76.3},
	}
	for _, c := range cases {
		got := m.WidthMM(c.text, c.st, c.size)
		if math.Abs(got-c.wantMM) > 0.15 {
			t.Errorf("WidthMM(%q, %+v, %v) = %.2f mm, want %.1f", c.text, c.st, c.size, got, c.wantMM)
		}
	}
}

// Every Vietnamese letter, lower and upper case, must have a glyph in every
// face, or the PDF would show boxes.
func TestFontsCoverVietnamese(t *testing.T) {
	const lower = "aàảãáạăằẳẵắặâầẩẫấậbcdđeèẻẽéẹêềểễếệghiìỉĩíịklmnoòỏõóọôồổỗốộơờởỡớợpqrstuùủũúụưừửữứựvxyỳỷỹýỵ"
	letters := lower + strings.ToUpper(lower)
	m := testMetrics(t)
	for _, st := range []Style{{}, {Bold: true}, {Italic: true}, {Bold: true, Italic: true}} {
		for _, r := range letters {
			if !m.Has(st, r) {
				t.Errorf("style %+v has no glyph for %q (U+%04X)", st, r, r)
			}
		}
	}
	if n := len([]rune(letters)); n != 2*(67+22) {
		t.Fatalf("test alphabet has %d letters, want %d", n, 2*(67+22))
	}
}

var (
	testOnce sync.Once
	testM    *Metrics
	testErr  error
)

// testMetrics is the Metrics of this package's tests, parsed once per test
// binary (package typesettest does the same for other packages' tests; it
// cannot serve this package's own tests, which it imports).
func testMetrics(tb testing.TB) *Metrics {
	tb.Helper()
	testOnce.Do(func() { testM, testErr = New() })
	if testErr != nil {
		tb.Fatal(testErr)
	}
	return testM
}
