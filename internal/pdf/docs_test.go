package pdf

import (
	"fmt"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/vanban/vanban/internal/document"
)

// Test documents built by hand, shaped like what internal/nd30 and
// internal/plan produce: the NĐ30 header grid, a title, justified body
// paragraphs with a first-line indent, and the nơi nhận / signature grid.

var a4 = document.Page{WidthMM: 210, HeightMM: 297, Margins: document.Margins{TopMM: 20, BottomMM: 20, LeftMM: 30, RightMM: 15}}

var a4Landscape = document.Page{WidthMM: 297, HeightMM: 210, Margins: document.Margins{TopMM: 20, BottomMM: 20, LeftMM: 20, RightMM: 20}}

var pageNumbers = document.PageNumber{Show: true, HideOnFirst: true, SizePt: 14, OffsetMM: 10}

func line(text string, size float64, bold, italic bool, align document.Align) document.Paragraph {
	return document.Paragraph{
		Runs:         []document.Run{{Text: text, Bold: bold, Italic: italic}},
		Align:        align,
		SizePt:       size,
		LineHeightPt: size + 2,
	}
}

func body(text string) document.Paragraph {
	return document.Paragraph{
		Runs:              []document.Run{{Text: text}},
		Align:             document.Justify,
		SizePt:            14,
		LineHeightPt:      18,
		FirstLineIndentMM: 10,
		SpaceAfterPt:      6,
	}
}

func heading(text string) document.Paragraph {
	p := body(text)
	p.Runs[0].Bold = true
	p.KeepWithNext = true
	return p
}

// header is ô 1–4: agency and number on the left, Quốc hiệu, Tiêu ngữ and
// the date on the right, rules under the agency and the Tiêu ngữ.
func header(urgent bool) document.Grid {
	left := []document.Block{
		line("UBND TỈNH LAI CHÂU", 12, false, false, document.Center),
		line("SỞ VĂN HÓA, THỂ THAO", 12, true, false, document.Center),
		line("VÀ DU LỊCH", 12, true, false, document.Center),
		document.Rule{WidthMM: 25, ThicknessPt: 0.5, SpaceBeforePt: 1, SpaceAfterPt: 6},
		line("Số: 1234/KH-SVHTTDL", 13, false, false, document.Center),
	}
	if urgent {
		stamp := line("HỎA TỐC", 13, true, false, document.Center)
		stamp.Boxed, stamp.BoxWidthMM, stamp.BoxColor = true, 32, "E00000"
		stamp.SpaceBeforePt = 6
		left = append(left, stamp)
	}
	right := []document.Block{
		line("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 12, true, false, document.Center),
		line("Độc lập - Tự do - Hạnh phúc", 13, true, false, document.Center),
		document.Rule{WidthMM: 56.1, ThicknessPt: 0.5, SpaceBeforePt: 1, SpaceAfterPt: 6},
		line("Lai Châu, ngày 05 tháng 12 năm 2021", 13, false, true, document.Center),
	}
	return document.Grid{
		ColumnsMM:    []float64{70, 105},
		OffsetMM:     -10,
		KeepTogether: true,
		Rows:         []document.GridRow{{Cells: []document.Cell{{Blocks: left}, {Blocks: right}}}},
	}
}

func title(summary string) []document.Block {
	t := line("KẾ HOẠCH", 14, true, false, document.Center)
	t.SpaceBeforePt = 18
	t.KeepWithNext = true
	s := line(summary, 14, true, false, document.Center)
	s.KeepWithNext = true
	return []document.Block{t, s, document.Rule{WidthMM: 40, ThicknessPt: 0.5, SpaceBeforePt: 2, SpaceAfterPt: 12}}
}

const signerName = "Nguyễn Văn Thắng"

// closing is ô 9b (nơi nhận) and ô 7 (signature) side by side.
func closing() document.Grid {
	recipients := []string{"- UBND tỉnh (B/c);", "- Ban TĐKT - Sở Nội vụ;", "- Lãnh đạo Sở;",
		"- Các phòng, đơn vị sự nghiệp thuộc Sở;", "- Phòng VH&TT các huyện, thành phố;", "- Lưu: VT, TĐKT."}
	left := []document.Block{document.Paragraph{
		Runs: []document.Run{{Text: "Nơi nhận:", Bold: true, Italic: true}}, SizePt: 12, LineHeightPt: 14,
	}}
	for _, r := range recipients {
		left = append(left, line(r, 11, false, false, document.Left))
	}
	name := line(signerName, 14, true, false, document.Center)
	name.SpaceBeforePt = 72
	right := []document.Block{
		line("KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC", 14, true, false, document.Center),
		name,
	}
	return document.Grid{
		ColumnsMM:        []float64{80, 85},
		KeepTogether:     true,
		KeepWithPrevious: true,
		SpaceBeforePt:    6,
		Rows:             []document.GridRow{{Cells: []document.Cell{{Blocks: left}, {Blocks: right}}}},
	}
}

var romanHeading = regexp.MustCompile(`^[IVX]+\. `)
var numberedHeading = regexp.MustCompile(`^(\d+\.|[a-z]\)) .{0,90}$`)

// planDocument is the seed Kế hoạch (Lai Châu 2021): about five A4 pages of
// justified 14 pt text.
func planDocument(t testing.TB) document.Document {
	t.Helper()
	raw, err := os.ReadFile("testdata/ke-hoach-seed.txt")
	if err != nil {
		t.Fatal(err)
	}
	text := string(raw)
	start := strings.Index(text, "Thực hiện Kế hoạch số")
	end := strings.Index(text, "Nơi nhận:")
	if start < 0 || end < 0 {
		t.Fatal("seed text changed")
	}
	blocks := []document.Block{header(false)}
	blocks = append(blocks, title("Triển khai phong trào thi đua đặc biệt “Lai Châu đoàn kết, chung sức, đồng lòng thi đua phòng, chống và chiến thắng đại dịch Covid-19”")...)
	n := 0
	for _, para := range strings.Split(text[start:end], "\n") {
		para = strings.TrimSpace(para)
		if para == "" {
			continue
		}
		switch {
		case romanHeading.MatchString(para) || numberedHeading.MatchString(para) && !strings.HasSuffix(para, "."):
			blocks = append(blocks, heading(para))
		default:
			blocks = append(blocks, body(para))
		}
		n++
	}
	if n < 40 {
		t.Fatalf("seed gave %d paragraphs", n)
	}
	blocks = append(blocks, closing())
	return document.Document{
		Title:   "Kế hoạch triển khai phong trào thi đua đặc biệt",
		Subject: "Phong trào thi đua phòng, chống Covid-19",
		Author:  "Sở Văn hóa, Thể thao và Du lịch tỉnh Lai Châu",
		Sections: []document.Section{{
			Page: a4, PageNumber: pageNumbers, Blocks: blocks,
		}},
	}
}

// annexColumns is the danh sách: STT, họ tên, chức vụ / đơn vị, thành tích.
var annexColumns = []float64{15, 60, 90, 92}

func annexRow(i int) document.TableRow {
	cell := func(s string, align document.Align) document.TableCell {
		return document.TableCell{Paragraphs: []document.Paragraph{{
			Runs: []document.Run{{Text: s}}, SizePt: 13, LineHeightPt: 15, Align: align,
		}}}
	}
	achievement := "Hoàn thành xuất sắc nhiệm vụ"
	if i%7 == 3 {
		achievement = "Có thành tích xuất sắc tiêu biểu trong phong trào thi đua phòng, chống đại dịch Covid-19 năm 2021 trên địa bàn tỉnh"
	}
	return document.TableRow{Cells: []document.TableCell{
		cell(fmt.Sprint(i+1), document.Center),
		cell(fmt.Sprintf("Người Thứ %03d", i+1), document.Left),
		cell("Chuyên viên, Phòng Nghiệp vụ Văn hóa", document.Left),
		cell(achievement, document.Left),
	}}
}

// annexHeader is the table's header text, repeated on every page.
const annexHeader = "Họ và tên"

// annexDocument is a one-page text followed by a landscape danh sách of rows
// rows with a repeated header, numbered from 1 again (hidden on its first
// page).
func annexDocument(rows int) document.Document {
	head := func(s string) document.TableCell {
		return document.TableCell{Paragraphs: []document.Paragraph{{
			Runs: []document.Run{{Text: s, Bold: true}}, SizePt: 13, LineHeightPt: 15, Align: document.Center,
		}}}
	}
	group := document.TableRow{KeepWithNext: true, Cells: []document.TableCell{{Span: 4, Paragraphs: []document.Paragraph{{
		Runs: []document.Run{{Text: "I. CÁ NHÂN", Bold: true}}, SizePt: 13, LineHeightPt: 15,
	}}}}}
	table := document.Table{
		ColumnsMM:     annexColumns,
		CellPaddingMM: 1.5,
		Header:        []document.TableRow{{Cells: []document.TableCell{head("STT"), head(annexHeader), head("Chức vụ, đơn vị"), head("Thành tích")}}},
		Rows:          []document.TableRow{group},
	}
	for i := 0; i < rows; i++ {
		table.Rows = append(table.Rows, annexRow(i))
	}
	annexTitle := line("DANH SÁCH ĐỀ NGHỊ TẶNG GIẤY KHEN", 14, true, false, document.Center)
	annexTitle.KeepWithNext = true
	ref := line("(Kèm theo Tờ trình số 12/TTr-SVHTTDL ngày 05 tháng 12 năm 2021)", 14, false, true, document.Center)
	ref.SpaceAfterPt = 12
	ref.KeepWithNext = true
	return document.Document{
		Title: "Tờ trình đề nghị khen thưởng",
		Sections: []document.Section{
			{Page: a4, PageNumber: pageNumbers, Blocks: []document.Block{
				header(true),
				line("TỜ TRÌNH", 14, true, false, document.Center),
				body("Sở Văn hóa, Thể thao và Du lịch kính trình Chủ tịch UBND tỉnh xem xét, tặng Giấy khen cho các cá nhân có tên trong danh sách kèm theo."),
				closing(),
			}},
			{Page: a4Landscape, PageNumber: pageNumbers, Blocks: []document.Block{annexTitle, ref, table}},
		},
	}
}
