package typeset

import (
	"strings"
	"testing"
)

func TestBindKeepsPhrases(t *testing.T) {
	m := testMetrics(t)
	cases := []struct{ in, want string }{
		{"Lai Châu, ngày 05 tháng 12 năm 2025", "Lai~Châu, ngày~05 tháng~12 năm~2025"},
		{"Số 12 về việc", "Số~12 về việc"},
		{"Căn cứ Nghị định số 152/2025/NĐ-CP của Chính phủ", "Căn cứ Nghị~định~số~152/2025/NĐ-CP của Chính phủ"},
		{"KẾ HOẠCH THI ĐUA TỈNH NGHỆ AN", "KẾ~HOẠCH THI~ĐUA TỈNH NGHỆ~AN"},
		{"tặng Ông Nguyễn Văn An, Trưởng phòng", "tặng Ông~Nguyễn~Văn~An, Trưởng phòng"},
		{"tổng 38.610.000 đồng cho 03 tập thể", "tổng 38.610.000~đồng cho 03~tập~thể"},
		{"Sở Văn hóa, Thể thao và Du lịch", "Sở~Văn~hóa, Thể~thao và Du~lịch"},
		{"Thi đua - Khen thưởng", "Thi~đua~- Khen~thưởng"},
		{"năm, 2025", "năm, 2025"}, // nothing runs over a comma
	}
	for _, c := range cases {
		got := m.bind([]Span{{Text: c.in, SizePt: 14}}, 400, true)
		if s := strings.ReplaceAll(got[0].Text, NoBreakSpace, "~"); s != c.want {
			t.Errorf("bind(%q) = %q, want %q", c.in, s, c.want)
		}
	}
	// A kept phrase wider than the line is let go.
	got := m.bind([]Span{{Text: "ngày 05", SizePt: 14}}, 10, true)
	if strings.Contains(got[0].Text, NoBreakSpace) {
		t.Errorf("a phrase wider than the line stays bound: %q", got[0].Text)
	}
	// Across spans: the space of one span binds to the next span's number.
	sp := m.bind([]Span{{Text: "Quyết định số ", SizePt: 14}, {Text: "123/QĐ-SVHTTDL", Style: bold, SizePt: 14}}, 400, true)
	if sp[0].Text != "Quyết\u00a0định\u00a0số\u00a0" || sp[1].Text != "123/QĐ-SVHTTDL" {
		t.Errorf("across spans: %q %q", sp[0].Text, sp[1].Text)
	}
}

func texts(ls []Line) []string {
	out := lineTexts(ls)
	for i := range out {
		out[i] = strings.ReplaceAll(out[i], NoBreakSpace, " ")
	}
	return out
}

func TestSetBalances(t *testing.T) {
	m := testMetrics(t)
	w := func(s string) float64 { return m.WidthPt(s, bold, 14) }
	cases := []struct {
		name, text string
		width      float64
		want       []string
	}{
		{"the place name is not left alone", "KẾ HOẠCH TRIỂN KHAI PHONG TRÀO THI ĐUA TỈNH NGHỆ AN",
			w("KẾ HOẠCH TRIỂN KHAI PHONG TRÀO THI ĐUA TỈNH NGHỆ") + 1,
			[]string{"KẾ HOẠCH TRIỂN KHAI PHONG TRÀO", "THI ĐUA TỈNH NGHỆ AN"}},
		{"năm 2025 is not split and the lines are even", "Đã có thành tích xuất sắc trong thực hiện phong trào thi đua năm 2025",
			w("Đã có thành tích xuất sắc trong thực hiện phong trào thi đua năm") + 1,
			[]string{"Đã có thành tích xuất sắc", "trong thực hiện phong trào thi đua năm 2025"}},
		{"a quoted name that fits stays whole", "trong phong trào thi đua “Văn hóa, thể thao chung sức” năm 2025",
			w("trong phong trào thi đua “Văn hóa, thể thao") + 1,
			[]string{"trong phong trào thi đua", "“Văn hóa, thể thao chung sức” năm 2025"}},
		{"one line stays one line", "Về việc khen thưởng", 400, []string{"Về việc khen thưởng"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			set, ls := m.Set([]Span{{Text: c.text, Style: bold, SizePt: 14}}, c.width, c.width, true)
			got := texts(ls)
			if strings.Join(got, "|") != strings.Join(c.want, "|") {
				t.Errorf("lines %q, want %q", got, c.want)
			}
			if n := strings.Count(set[0].Text, "\n"); n != len(ls)-1 {
				t.Errorf("the set text carries %d breaks for %d lines: %q", n, len(ls), set[0].Text)
			}
			lo, hi := 1e9, 0.0
			for _, l := range ls {
				lo, hi = min(lo, l.WidthPt), max(hi, l.WidthPt)
				if l.Justified() {
					t.Errorf("a balanced line is stretched: %q", lineTexts([]Line{l}))
				}
			}
			if len(ls) > 1 && lo < minShare*hi {
				t.Errorf("uneven lines: %.1f vs %.1f pt", lo, hi)
			}
		})
	}
	// Without balance, Set is BreakLines: greedy, nothing bound.
	sp := []Span{{Text: "Lai Châu ngày 05 tháng 12 năm 2025", SizePt: 14}}
	set, ls := m.Set(sp, w("Lai Châu ngày"), w("Lai Châu ngày"), false)
	if set[0].Text != sp[0].Text || lineTexts(ls)[0] != "Lai Châu ngày" {
		t.Errorf("greedy Set changed the text or the breaks: %q %q", set[0].Text, lineTexts(ls))
	}
}

func BenchmarkSetBalanced(b *testing.B) {
	m := testMetrics(b)
	sp := []Span{{Text: "Về việc đề nghị Chủ tịch Ủy ban nhân dân tỉnh tặng Bằng khen cho các tập thể, cá nhân đã có thành tích xuất sắc trong phong trào thi đua “Văn hóa, thể thao và du lịch Lai Châu chung sức xây dựng nông thôn mới” năm 2025", Style: bold, SizePt: 14}}
	for b.Loop() {
		m.Set(sp, 440, 440, true)
	}
}
