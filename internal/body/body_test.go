package body

import (
	"reflect"
	"testing"

	"github.com/vanban/vanban/internal/apperr"
	"github.com/vanban/vanban/internal/document"
)

func TestParseLevels(t *testing.T) {
	in := "Mở đầu.\n\nI. MỤC ĐÍCH, YÊU CẦU\n1. Mục đích\n- Huy động sự tham gia;\n+ Mục cộng\n2. Tăng cường công tác tuyên truyền, tạo sự chuyển biến.\na) Tập thể: các phòng.\nb) Cá nhân\nc) Thứ ba\nd) Thứ tư\nđ) Thứ năm\ne) Thứ sáu\ng) Thứ bảy\nII. NỘI DUNG\nIII. Không phải mục vì chữ thường"
	var ps apperr.Problems
	got := Parse(in, "body", &ps)
	want := []Level{Text, Section, Clause, Item, SubItem, Text, Point, Point, Point, Point, Point, Point, Point, Section, Text}
	if len(got) != len(want) {
		t.Fatalf("got %d paragraphs, want %d: %+v", len(got), len(want), got)
	}
	for i := range want {
		if got[i].Level != want[i] {
			t.Errorf("paragraph %d %q: level %v, want %v", i, got[i].Text, got[i].Level, want[i])
		}
	}
	if got[4].Text != "+ Mục cộng" {
		t.Errorf("third level not kept: %q", got[4].Text)
	}
	if len(ps) != 0 {
		t.Errorf("unexpected warnings: %v", ps)
	}
}

func TestParseWarnsOnSequence(t *testing.T) {
	var ps apperr.Problems
	Parse("I. MỘT\na) x\nb) y\nf) z\nIII. BA", "body", &ps)
	if len(ps) != 2 || ps.Errors() != 0 {
		t.Fatalf("want 2 warnings, got %v", ps)
	}
	if ps[0].Code != "point_order" || ps[1].Code != "section_order" {
		t.Errorf("codes %q %q", ps[0].Code, ps[1].Code)
	}
}

func TestInline(t *testing.T) {
	cases := []struct {
		in   string
		want []document.Run
	}{
		{"plain", []document.Run{{Text: "plain"}}},
		{"a **b** c", []document.Run{{Text: "a "}, {Text: "b", Bold: true}, {Text: " c"}}},
		{"*nghiêng* và ***cả hai***", []document.Run{{Text: "nghiêng", Italic: true}, {Text: " và "}, {Text: "cả hai", Bold: true, Italic: true}}},
		{"5 * 3 = 15", []document.Run{{Text: "5 * 3 = 15"}}},
		{`giá \*đặc biệt\*`, []document.Run{{Text: "giá *đặc biệt*"}}},
		{"**a***b*", []document.Run{{Text: "a", Bold: true}, {Text: "b", Italic: true}}},
		{"a *b* c * d", []document.Run{{Text: "a "}, {Text: "b", Italic: true}, {Text: " c * d"}}},
		{"a __gạch__ b", []document.Run{{Text: "a "}, {Text: "gạch", Underline: true}, {Text: " b"}}},
		{"snake_case và ____ và \\_\\_x\\_\\_", []document.Run{{Text: "snake_case và ____ và __x__"}}},
		{"**__đậm gạch__**", []document.Run{{Text: "đậm gạch", Bold: true, Underline: true}}},
		{"**đậm *nghiêng trong* đậm**", []document.Run{{Text: "đậm ", Bold: true}, {Text: "nghiêng trong", Bold: true, Italic: true}, {Text: " đậm", Bold: true}}},
	}
	for _, c := range cases {
		if got := Inline(c.in); !reflect.DeepEqual(got, c.want) {
			t.Errorf("Inline(%q) = %+v, want %+v", c.in, got, c.want)
		}
	}
}

func TestParagraphsEndAndStyle(t *testing.T) {
	var ps apperr.Problems
	paras := Paragraphs(Parse("I. MỤC ĐÍCH\nNội dung cuối.", "body", &ps), Style{SizePt: 14, LineHeightPt: 18, IndentMM: 12.7, SpaceAfterPt: 6})
	if !paras[0].Runs[0].Bold || !paras[0].KeepWithNext {
		t.Error("mục must be bold and keep with next")
	}
	if paras[1].Text() != "Nội dung cuối./." || paras[1].Align != document.Justify || paras[1].FirstLineIndentMM != 12.7 || paras[1].SpaceAfterPt < 6 {
		t.Errorf("last paragraph %+v", paras[1])
	}
	already := Paragraphs(Parse("Xong./.", "body", &ps), Style{})
	if already[0].Text() != "Xong./." {
		t.Errorf("./. doubled: %q", already[0].Text())
	}
}

func TestParseStructureOfARegulation(t *testing.T) {
	in := "Chương I\nQUY ĐỊNH CHUNG\nĐiều 1. Phạm vi điều chỉnh\n1. Quy định này quy định về thi đua.\n1.1. Đối tượng áp dụng\n3.2. Cá nhân có thành tích.\na) Đối với tập thể:\n+ Phòng, ban;\nĐiều 2. Quy định này có hiệu lực từ ngày ký.\nMục 2. Khen thưởng\nChương II. TỔ CHỨC THỰC HIỆN\nDòng một\vdòng hai\tcó tab"
	var ps apperr.Problems
	got := Parse(Protect(in), "body", &ps)
	want := []struct {
		level   Level
		heading bool
		text    string
		title   string
	}{
		{Part, false, "Chương I", "QUY ĐỊNH CHUNG"},
		{Article, true, "Điều 1. Phạm vi điều chỉnh", ""},
		{Text, false, "1. Quy định này quy định về thi đua.", ""},
		{SubClause, true, "1.1. Đối tượng áp dụng", ""},
		{SubClause, false, "3.2. Cá nhân có thành tích.", ""},
		{Point, true, "a) Đối với tập thể:", ""},
		{SubItem, false, "+ Phòng, ban;", ""},
		{Article, false, "Điều 2. Quy định này có hiệu lực từ ngày ký.", ""},
		{Division, false, "Mục 2", "KHEN THƯỞNG"},
		{Part, false, "Chương II", "TỔ CHỨC THỰC HIỆN"},
		{Text, false, "Dòng một\ndòng hai có tab", ""},
	}
	if len(got) != len(want) {
		t.Fatalf("got %d paragraphs, want %d: %+v", len(got), len(want), got)
	}
	for i, w := range want {
		g := got[i]
		if g.Level != w.level || g.Heading != w.heading || g.Text != w.text || g.Title != w.title {
			t.Errorf("paragraph %d: got %v %v %q %q, want %v %v %q %q", i, g.Level, g.Heading, g.Text, g.Title, w.level, w.heading, w.text, w.title)
		}
	}
	blocks := Blocks(got, Style{SizePt: 14, LineHeightPt: 18, IndentMM: 12.7, SpaceAfterPt: 6})
	chapter := blocks[0].(document.Paragraph)
	title := blocks[1].(document.Paragraph)
	if chapter.Align != document.Center || !chapter.Runs[0].Bold || title.Text() != "QUY ĐỊNH CHUNG" || !title.Runs[0].Bold {
		t.Errorf("chương heading: %+v / %+v", chapter, title)
	}
	art2 := blocks[8].(document.Paragraph)
	if art2.Runs[0].Text != "Điều 2. " || !art2.Runs[0].Bold || art2.Runs[1].Bold {
		t.Errorf("Điều with a sentence: only the number is bold: %+v", art2.Runs)
	}
	sub := blocks[4].(document.Paragraph)
	if !sub.Runs[0].Bold || !sub.Runs[0].Italic {
		t.Errorf("titled sub-khoản is bold italic: %+v", sub.Runs)
	}
}

func TestParseTables(t *testing.T) {
	in := "Chỉ tiêu:\n| STT | Chỉ tiêu | Số lượng |\n|---|---|---|\n| 1 | Tập thể | 10 |\n| 2 | Cá nhân |\nSau bảng.\nNgày\tGiờ\tNội dung\n05/12\t8 giờ\tKhai mạc\n06/12\t14 giờ\tBế mạc"
	var ps apperr.Problems
	got := Parse(Protect(in), "body", &ps)
	if len(got) != 4 || got[1].Level != TableRows || got[3].Level != TableRows {
		t.Fatalf("got %+v", got)
	}
	if got[1].HeaderRows != 1 || len(got[1].Cells) != 3 || got[1].Cells[2][2] != "" || got[1].Cells[1][1] != "Tập thể" {
		t.Errorf("pipe table: %+v", got[1])
	}
	if got[3].HeaderRows != 1 || len(got[3].Cells) != 3 || got[3].Cells[2][2] != "Bế mạc" {
		t.Errorf("tab table: %+v", got[3])
	}
	blocks := Blocks(got, Style{SizePt: 14, LineHeightPt: 18, WidthMM: 165})
	tb := blocks[1].(document.Table)
	sum := 0.0
	for _, w := range tb.ColumnsMM {
		sum += w
	}
	if len(tb.Header) != 1 || len(tb.Rows) != 2 || sum < 164.9 || sum > 165.1 || !tb.Header[0].Cells[0].Paragraphs[0].Runs[0].Bold {
		t.Errorf("table block: %+v (width %v)", tb, sum)
	}
	if last := blocks[2].(document.Paragraph); last.Text() != "Sau bảng." {
		t.Errorf("a body ending with a table puts no ./. into an earlier paragraph: %q", last.Text())
	}
}
