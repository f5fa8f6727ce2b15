package docx

import (
	"fmt"

	"github.com/vanban/vanban/internal/document"
)

// The test documents are built by hand, as the domain builders would, so
// this package's tests do not depend on them.

var (
	a4 = document.Page{WidthMM: 210, HeightMM: 297,
		Margins: document.Margins{TopMM: 20, BottomMM: 20, LeftMM: 30, RightMM: 15}}
	a4Landscape = document.Page{WidthMM: 297, HeightMM: 210,
		Margins: document.Margins{TopMM: 20, BottomMM: 20, LeftMM: 20, RightMM: 20}}
	pageNumbers = document.PageNumber{Show: true, HideOnFirst: true, SizePt: 14, OffsetMM: 10}
)

func para(text string, size float64, bold, italic bool, align document.Align) document.Paragraph {
	return document.Paragraph{
		Runs:         []document.Run{{Text: text, Bold: bold, Italic: italic}},
		Align:        align,
		SizePt:       size,
		LineHeightPt: size + 2,
	}
}

func body(text string) document.Paragraph {
	p := para(text, 14, false, false, document.Justify)
	p.LineHeightPt = 18
	p.FirstLineIndentMM = 12.7
	p.SpaceAfterPt = 6
	return p
}

// sentences of the seed Kế hoạch (Lai Châu, 2021), recombined into
// paragraphs of realistic length.
var sentences = []string{
	"Huy động sự tham gia tích cực của các cấp ủy Đảng, đoàn thể, công chức, viên chức, người lao động của cơ quan, đơn vị trong thực hiện phong trào thi đua.",
	"Tập trung cao nhất mọi nguồn lực cho công tác phòng, chống đại dịch Covid-19 với phương châm \"phòng là cơ bản, chiến lược lâu dài, chống là quan trọng, thường xuyên\".",
	"Khuyến khích sáng tạo, phát huy sáng kiến huy động mọi nguồn lực, đề xuất các giải pháp và biện pháp trên mọi lĩnh vực để đẩy lùi dịch bệnh, hạn chế thiệt hại về người, tài sản.",
	"Tổ chức phong trào thi đua với nội dung, hình thức phong phú, phù hợp, thiết thực nhằm khơi dậy mạnh mẽ tinh thần yêu nước, truyền thống đoàn kết, tương thân tương ái.",
	"Phát hiện, biểu dương khen thưởng kịp thời các tập thể, cá nhân có thành tích tiêu biểu xuất sắc trong phong trào thi đua, nhân rộng các điển hình tiên tiến, gương người tốt, việc tốt.",
	"Đề cao trách nhiệm, vai trò của người đứng đầu cơ quan, đơn vị trong việc lãnh đạo, chỉ đạo và tổ chức thực hiện phong trào thi đua.",
	"Thi đua đảm bảo an sinh xã hội, hỗ trợ, giúp đỡ những đối tượng bị ảnh hưởng bởi dịch bệnh, đặc biệt là người có công, gia đình chính sách, hộ nghèo, phụ nữ, trẻ em & người cao tuổi.",
	"Thi đua đẩy mạnh ứng dụng công nghệ thông tin trong công tác phòng, chống đại dịch Covid-19 (PC-COVID; VN-eID; Sổ sức khỏe điện tử) <đúng quy định>.",
}

// sampleDocument is a Kế hoạch of about five pages (header grid with an
// urgency box, title, rule, 40 justified paragraphs, nơi nhận and signature
// kept with the last paragraph) and, when annexRows > 0, a landscape danh
// sách numbered separately with a repeated header row and a spanning group
// row.
func sampleDocument(annexRows int) document.Document { return kehoach(40, annexRows) }

// kehoach is sampleDocument with n body paragraphs.
func kehoach(n, annexRows int) document.Document {
	left := []document.Block{
		para("UBND TỈNH LAI CHÂU", 13, false, false, document.Center),
		para("SỞ VĂN HÓA, THỂ THAO\nVÀ DU LỊCH", 13, true, false, document.Center),
		document.Rule{WidthMM: 24, ThicknessPt: 0.5, SpaceBeforePt: 1, SpaceAfterPt: 2},
	}
	stamp := para("KHẨN", 13, true, false, document.Center)
	stamp.Boxed, stamp.BoxWidthMM, stamp.BoxColor = true, 20, "FF0000"
	stamp.LineHeightPt = 22
	stamp.SpaceBeforePt = 6
	right := []document.Block{
		para("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 13, true, false, document.Center),
		para("Độc lập - Tự do - Hạnh phúc", 14, true, false, document.Center),
		document.Rule{WidthMM: 60.5, ThicknessPt: 0.5, SpaceBeforePt: 1, SpaceAfterPt: 2},
	}
	header := document.Grid{
		ColumnsMM: []float64{70, 100},
		OffsetMM:  -5,
		Rows: []document.GridRow{
			{Cells: []document.Cell{{Blocks: left}, {Blocks: right}}},
			{Cells: []document.Cell{
				{Blocks: []document.Block{para("Số: 25/KH-SVHTTDL", 13, false, false, document.Center), stamp}},
				{Blocks: []document.Block{para("Lai Châu, ngày 05 tháng 12 năm 2021", 14, false, true, document.Center)}},
			}},
		},
		KeepTogether: true,
		SpaceAfterPt: 6,
	}
	title := para("KẾ HOẠCH", 14, true, false, document.Center)
	title.SpaceBeforePt, title.KeepWithNext = 12, true
	summary := para("Triển khai phong trào thi đua đặc biệt “Lai Châu đoàn kết, chung sức, đồng lòng thi đua phòng, chống và chiến thắng đại dịch Covid-19”", 14, true, false, document.Center)
	summary.KeepWithNext = true
	summary.IndentLeftMM, summary.IndentRightMM = 5, 5
	blocks := []document.Block{header, title, summary,
		document.Rule{WidthMM: 50, ThicknessPt: 0.5, SpaceBeforePt: 2, SpaceAfterPt: 10}}
	for i := 0; i < n; i++ {
		if i%10 == 0 {
			h := body(fmt.Sprintf("%s. MỤC %d", []string{"I", "II", "III", "IV"}[i/10], i/10+1))
			h.Runs[0].Bold = true
			h.KeepWithNext = true
			blocks = append(blocks, h)
		}
		text := ""
		for j := 0; j <= i%4; j++ {
			if j > 0 {
				text += " "
			}
			text += sentences[(i+j)%len(sentences)]
		}
		if i == n-1 {
			text += "./."
		}
		blocks = append(blocks, body(text))
	}
	blocks = append(blocks, signature())
	doc := document.Document{
		Title:      "Kế hoạch triển khai phong trào thi đua đặc biệt",
		Subject:    "Kế hoạch số 25/KH-SVHTTDL",
		Author:     "Sở Văn hóa, Thể thao và Du lịch tỉnh Lai Châu",
		FileName:   "KH-SVHTTDL",
		FontFamily: "Times New Roman",
		Sections:   []document.Section{{Page: a4, PageNumber: pageNumbers, Blocks: blocks}},
	}
	if annexRows > 0 {
		doc.Sections = append(doc.Sections, annex(annexRows))
	}
	return doc
}

func signature() document.Grid {
	label := para("Nơi nhận:", 12, true, true, document.Left)
	label.SpaceBeforePt = 6
	recipients := []document.Block{label}
	for _, r := range []string{"- UBND tỉnh (b/c);", "- Ban Thi đua - Khen thưởng tỉnh;", "- Các phòng, đơn vị thuộc Sở;", "- Lưu: VT, VP."} {
		recipients = append(recipients, para(r, 11, false, false, document.Left))
	}
	sign := []document.Block{
		para("KT. GIÁM ĐỐC", 14, true, false, document.Center),
		para("PHÓ GIÁM ĐỐC", 14, true, false, document.Center),
	}
	name := para("Nguyễn Văn An", 14, true, false, document.Center)
	name.SpaceBeforePt = 70
	sign = append(sign, name)
	return document.Grid{
		ColumnsMM:        []float64{85, 80},
		Rows:             []document.GridRow{{Cells: []document.Cell{{Blocks: recipients}, {Blocks: sign}}}},
		KeepTogether:     true,
		KeepWithPrevious: true,
		SpaceBeforePt:    6,
	}
}

var annexColumns = []float64{15, 72, 60, 70, 40}

func annex(rows int) document.Section {
	cell := func(text string, bold bool, align document.Align) document.TableCell {
		p := para(text, 13, bold, false, align)
		p.LineHeightPt = 16
		return document.TableCell{Paragraphs: []document.Paragraph{p}}
	}
	t := document.Table{
		ColumnsMM:     annexColumns,
		CellPaddingMM: 1.5,
		SpaceBeforePt: 6,
		Header: []document.TableRow{{Cells: []document.TableCell{
			cell("STT", true, document.Center), cell("Họ và tên", true, document.Center),
			cell("Chức vụ", true, document.Center), cell("Đơn vị", true, document.Center),
			cell("Hình thức", true, document.Center),
		}}},
	}
	for i := 1; i <= rows; i++ {
		if i == 1 || i == rows/2+1 {
			g := document.TableRow{Cells: []document.TableCell{{Span: 5, Paragraphs: []document.Paragraph{
				para(fmt.Sprintf("Nhóm %d", i/(rows/2+1)+1), 13, true, false, document.Left)}}}, KeepWithNext: true}
			t.Rows = append(t.Rows, g)
		}
		t.Rows = append(t.Rows, document.TableRow{Cells: []document.TableCell{
			cell(fmt.Sprint(i), false, document.Center),
			cell(fmt.Sprintf("Nguyễn Thị Hồng %03d", i), false, document.Left),
			cell("Chuyên viên", false, document.Left),
			cell("Phòng Quản lý văn hóa", false, document.Left),
			cell("Giấy khen", false, document.Center),
		}})
	}
	label := para("DANH SÁCH", 14, true, false, document.Center)
	label.KeepWithNext = true
	ref := para("(Kèm theo Kế hoạch số 25/KH-SVHTTDL ngày 05 tháng 12 năm 2021)", 14, false, true, document.Center)
	ref.KeepWithNext = true
	return document.Section{
		Page:       a4Landscape,
		PageNumber: pageNumbers,
		Blocks: []document.Block{label, ref,
			document.Rule{WidthMM: 40, ThicknessPt: 0.5, SpaceBeforePt: 2, SpaceAfterPt: 6}, t},
	}
}
