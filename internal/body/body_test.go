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
	want := []Level{Text, Section, Clause, Item, Item, Text, Point, Point, Point, Point, Point, Point, Point, Section, Text}
	if len(got) != len(want) {
		t.Fatalf("got %d paragraphs, want %d: %+v", len(got), len(want), got)
	}
	for i := range want {
		if got[i].Level != want[i] {
			t.Errorf("paragraph %d %q: level %v, want %v", i, got[i].Text, got[i].Level, want[i])
		}
	}
	if got[4].Text != "- Mục cộng" {
		t.Errorf("bullet not normalised: %q", got[4].Text)
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
