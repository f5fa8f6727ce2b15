package typeset

import (
	"math"
	"strings"
	"testing"
)

var (
	reg  = Style{}
	bold = Style{Bold: true}
)

// lineTexts renders each line as its pieces' text, with "·" standing for the
// leading indent when the first piece does not start at 0.
func lineTexts(ls []Line) []string {
	out := make([]string, len(ls))
	for i, l := range ls {
		var sb strings.Builder
		if len(l.Pieces) > 0 && l.Pieces[0].XPt > 0 {
			sb.WriteString("·")
		}
		for _, p := range l.Pieces {
			sb.WriteString(p.Text)
		}
		out[i] = sb.String()
	}
	return out
}

func TestBreakLines(t *testing.T) {
	m := testMetrics(t)
	w := func(s string) float64 { return m.WidthPt(s, reg, 14) }
	one := func(s string) []Span { return []Span{{Text: s, SizePt: 14}} }
	cases := []struct {
		name        string
		spans       []Span
		first, rest float64
		want        []string
	}{
		{"fits exactly", one("Sở Văn hóa thể thao"), w("Sở Văn hóa"), w("Sở Văn hóa"), []string{"Sở Văn hóa", "thể thao"}},
		{"a hair too narrow", one("Sở Văn hóa thể thao"), w("Sở Văn hóa") - 0.01, w("Sở Văn hóa") - 0.01, []string{"Sở Văn", "hóa thể", "thao"}},
		{"trailing spaces hang", one("abc   "), w("abc"), w("abc"), []string{"abc"}},
		{"spaces at a wrap hang", one("abc    def"), w("abc"), w("abc"), []string{"abc", "def"}},
		{"leading spaces of the paragraph kept", one("  abc"), 100, 100, []string{"·abc"}},
		{"leading spaces after a forced break kept", one("ab\n  cd"), 100, 100, []string{"ab", "·cd"}},
		{"forced break", one("ab cd\nef"), 100, 100, []string{"ab cd", "ef"}},
		{"trailing forced break gives an empty last line", one("ab\n"), 100, 100, []string{"ab", ""}},
		{"empty", nil, 100, 100, []string{""}},
		{"empty text", one(""), 100, 100, []string{""}},
		{"no-break space does not break", one("Điều\u00a01 khoản"), w("Điều\u00a01 "), w("Điều\u00a01 "), []string{"Điều\u00a01", "khoản"}},
		{"long word broken by characters", one("ab abcdefgh"), w("abc"), w("abc"), []string{"ab", "abc", "def", "gh"}},
		{"long word then a short one on the same line", one("abcdefgh i"), w("abcdef"), w("abcdef"), []string{"abcdef", "gh i"}},
		{"first line narrower (indent)", one("aa bb cc dd"), w("aa"), w("aa bb cc"), []string{"aa", "bb cc", "dd"}},
		{"zero width: one character a line", one("ab c"), 0, 0, []string{"a", "b", "c"}},
		{"negative width", one("ab"), -5, -5, []string{"a", "b"}},
		{"NaN width", one("ab"), math.NaN(), math.NaN(), []string{"a", "b"}},
		{"tabs read as spaces, CR dropped", one("a\tb\r\nc"), 100, 100, []string{"a b", "c"}},
		{"invalid UTF-8 replaced", one("a\xffb"), 100, 100, []string{"a\uFFFDb"}},
		{"word across spans", []Span{{Text: "Điều 1.", Style: bold, SizePt: 14}, {Text: "Quy định chung", SizePt: 14}},
			m.WidthPt("Điều 1.", bold, 14) + w("Quy"), 1000, []string{"Điều 1.Quy", "định chung"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ls := m.BreakLines(c.spans, c.first, c.rest)
			got := lineTexts(ls)
			if strings.Join(got, "|") != strings.Join(c.want, "|") {
				t.Fatalf("lines = %q, want %q", got, c.want)
			}
			for i, l := range ls {
				if l.Last != (i == len(ls)-1) {
					t.Errorf("line %d: Last = %v", i, l.Last)
				}
			}
		})
	}
}

// A word glued across spans stays whole: "Điều 1." bold and "Quy" regular
// form one word "1.Quy" that moves to the next line as a unit.
func TestBreakLinesWordAcrossSpans(t *testing.T) {
	m := testMetrics(t)
	spans := []Span{{Text: "Điều 1.", Style: bold, SizePt: 14, Tag: 7}, {Text: "Quy định", SizePt: 14, Tag: 9}}
	width := m.WidthPt("Điều 1.", bold, 14) // "1.Quy" does not fit after "Điều "
	ls := m.BreakLines(spans, width, 1000)
	if got := lineTexts(ls); strings.Join(got, "|") != "Điều|1.Quy định" {
		t.Fatalf("lines = %q", got)
	}
	p := ls[1].Pieces
	if len(p) != 2 || p[0].Span != 0 || p[1].Span != 1 || p[0].Text != "1." || p[1].Text != "Quy định" {
		t.Fatalf("pieces of line 2 = %+v", p)
	}
	if spans[p[1].Span].Tag != 9 {
		t.Fatal("tag lost")
	}
	if math.Abs(p[1].XPt-m.WidthPt("1.", bold, 14)) > 1e-9 {
		t.Errorf("second piece at %v", p[1].XPt)
	}
}

// Justification: every line but the last and those ending in a forced break
// ends exactly at the right edge; pieces stay in order and do not overlap.
func TestJustifiedLinesFillTheWidth(t *testing.T) {
	m := testMetrics(t)
	text := "Huy động sự tham gia tích cực của các cấp ủy Đảng, đoàn thể, công chức, viên chức, người lao động của cơ quan, đơn vị trong thực hiện phong trào thi đua.\nDòng sau ngắt cưỡng bức cũng không giãn, kể cả khi   có nhiều   khoảng trắng."
	spans := []Span{{Text: text, SizePt: 14}, {Text: " Chữ đậm ở cuối", Style: bold, SizePt: 13}}
	const avail = 165 * 72 / 25.4
	ls := m.BreakLines(spans, avail-28.35, avail)
	if len(ls) < 4 {
		t.Fatalf("only %d lines", len(ls))
	}
	forced := 0
	for i, l := range ls {
		lineAvail := avail
		if i == 0 {
			lineAvail -= 28.35
		}
		if l.WidthPt > lineAvail+fitEpsilon {
			t.Errorf("line %d is %v pt wide, more than %v", i, l.WidthPt, lineAvail)
		}
		if l.Forced {
			forced++
		}
		extra := l.ExtraPerSpace(lineAvail)
		end := 0.0
		prev := -1.0
		for _, p := range l.Pieces {
			x, w := p.Place(extra)
			if x < prev-1e-9 {
				t.Errorf("line %d: piece %q at %v before the end of the previous one %v", i, p.Text, x, prev)
			}
			prev = x + w
			end = x + w
			if got := strings.Count(p.Text, " "); got != p.Stretch {
				t.Errorf("line %d: piece %q has %d spaces, Stretch %d", i, p.Text, got, p.Stretch)
			}
		}
		// Trailing spaces are not in the pieces, so the end of the last piece
		// is the end of the last word.
		last := l.Pieces[len(l.Pieces)-1]
		if strings.HasSuffix(last.Text, " ") {
			t.Errorf("line %d ends in a space: %q", i, last.Text)
		}
		if l.Justified() {
			if math.Abs(end-lineAvail) > 1e-6 {
				t.Errorf("justified line %d ends at %v, want %v", i, end, lineAvail)
			}
		} else if math.Abs(end-l.WidthPt) > 1e-6 {
			t.Errorf("line %d (forced=%v last=%v) ends at %v, natural %v", i, l.Forced, l.Last, end, l.WidthPt)
		}
	}
	if forced != 1 {
		t.Errorf("%d forced lines, want 1", forced)
	}
	if ls[len(ls)-1].Justified() {
		t.Error("last line justified")
	}
}

// The breaker is greedy like Word: each line takes as many words as fit, so
// adding the next word of the following line would overflow.
func TestBreakLinesIsGreedy(t *testing.T) {
	m := testMetrics(t)
	text := strings.Repeat("Tập trung cao nhất mọi nguồn lực cho công tác phòng, chống đại dịch ", 8)
	for _, width := range []float64{60, 150, 233.3, 467.7} {
		ls := m.BreakLines([]Span{{Text: text, SizePt: 14}}, width, width)
		for i := 0; i+1 < len(ls); i++ {
			next := strings.Fields(lineTexts(ls[i+1 : i+2])[0])[0]
			joined := strings.TrimRight(lineTexts(ls[i : i+1])[0], " ") + " " + next
			if m.WidthPt(joined, reg, 14) <= width {
				t.Errorf("width %v: line %d %q could also hold %q", width, i, lineTexts(ls[i : i+1])[0], next)
			}
		}
	}
}

func BenchmarkBreakLines(b *testing.B) {
	m := testMetrics(b)
	spans := []Span{{Text: strings.Repeat("Thi đua đảm bảo an sinh xã hội, hỗ trợ, giúp đỡ những đối tượng bị ảnh hưởng bởi dịch bệnh ", 6), SizePt: 14}}
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		m.BreakLines(spans, 440, 467.7)
	}
}

// FuzzBreakLines: whatever the text and widths, breaking ends, gives at
// least one line, loses no character and only overflows a line when a
// single character does not fit.
func FuzzBreakLines(f *testing.F) {
	f.Add("Huy động sự tham gia  tích cực\ncủa các cấp ủy Đảng", "Điều 1.", 120.0, 200.0)
	f.Add("", "", 0.0, 0.0)
	f.Add("a\tb\r\n\x00\xff  ", "   ", -3.0, 1e9)
	m := testMetrics(f)
	f.Fuzz(func(t *testing.T, a, b string, first, rest float64) {
		if len(a)+len(b) > 4000 {
			return
		}
		spans := []Span{{Text: a, SizePt: 14}, {Text: b, Style: bold, SizePt: 11}}
		ls := m.BreakLines(spans, first, rest)
		if len(ls) == 0 {
			t.Fatal("no line")
		}
		var got strings.Builder
		for i, l := range ls {
			avail := rest
			if i == 0 {
				avail = first
			}
			for _, p := range l.Pieces {
				got.WriteString(strings.ReplaceAll(p.Text, " ", ""))
			}
			if l.WidthPt > avail+fitEpsilon && len(l.Pieces) > 0 {
				// Only allowed when the line holds a single character
				// after its leading spaces.
				if n := len([]rune(strings.TrimSpace(lineTexts([]Line{l})[0]))); n > 1 && !strings.HasPrefix(lineTexts([]Line{l})[0], "·") {
					t.Errorf("line %d (%q) is %v wide, more than %v", i, lineTexts([]Line{l})[0], l.WidthPt, avail)
				}
			}
		}
		var want strings.Builder
		for _, sp := range cleanSpans(spans) {
			want.WriteString(strings.NewReplacer(" ", "", "\n", "").Replace(sp.Text))
		}
		if got.String() != want.String() {
			t.Fatalf("characters lost or added:\n got %q\nwant %q", got.String(), want.String())
		}
	})
}
