package registry

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/vanban/vanban/internal/document"
	"github.com/vanban/vanban/internal/nd30"
)

// RegisterColumns are the columns of the sổ đăng ký văn bản đi, in order
// (the mẫu sổ of the văn thư under NĐ30; the column list is the one of issue
// 6, not yet checked against the decree's own form).
var RegisterColumns = []string{
	"Số, ký hiệu văn bản",
	"Ngày tháng văn bản",
	"Tên loại và trích yếu nội dung văn bản",
	"Người ký",
	"Nơi nhận văn bản",
	"Đơn vị, người nhận bản lưu",
	"Số lượng bản",
	"Ghi chú",
}

// ExportTable lays the records out as the rows of the register, one row per
// record, in the order given. A cell holding several lines (type name and
// trích yếu; several recipients) separates them with "\n". A cancelled
// record keeps its row and number; Ghi chú says it was cancelled and why.
func ExportTable(records []Record) (header []string, rows [][]string) {
	header = append([]string(nil), RegisterColumns...)
	rows = make([][]string, 0, len(records))
	for _, r := range records {
		name := r.Summary
		if r.KindName != "" {
			name = r.KindName + "\n" + r.Summary
		}
		copies := ""
		if r.Copies > 0 {
			copies = strconv.Itoa(r.Copies)
		}
		var notes []string
		if r.Late {
			notes = append(notes, "Đăng ký muộn")
		}
		if !r.CreatedBy.IsZero() {
			verb := "Cấp số"
			if r.Status == Registered || (r.Status == Cancelled && len(r.Files) == 0) {
				verb = "Đăng ký"
			}
			notes = append(notes, verb+": "+r.CreatedBy.String()+", "+nd30.DateOf(r.CreatedAt.In(Vietnam)).Padded())
		}
		if r.Status == Cancelled {
			c := "Đã hủy"
			if r.CancelledAt != nil {
				c += " ngày " + nd30.DateOf(r.CancelledAt.In(Vietnam)).Padded()
			}
			if !r.CancelledBy.IsZero() {
				c += " (" + r.CancelledBy.String() + ")"
			}
			if r.CancelReason != "" {
				c += ": " + r.CancelReason
			}
			notes = append(notes, c)
		}
		if r.Note != "" {
			notes = append(notes, r.Note)
		}
		rows = append(rows, []string{
			r.Ref(),
			r.Date.Padded(),
			name,
			r.Signer,
			strings.Join(r.Recipients, "\n"),
			r.Archive,
			copies,
			strings.Join(notes, "\n"),
		})
	}
	return header, rows
}

// Register page: A4 landscape, as NĐ30 allows for documents made of tables
// (spec §1). The register is a book kept by the văn thư, not a văn bản, so
// its side margins are narrower than Phụ lục I's to give the table room.
var registerPage = document.Page{
	WidthMM: 297, HeightMM: 210,
	Margins: document.Margins{TopMM: 20, BottomMM: 15, LeftMM: 20, RightMM: 10},
}

// registerColumnsMM share the 267 mm text width. Measured at 12 pt with the
// cell padding: "125/TTr-SVHTTDL" fits the first column, "05/01/2026" the
// second, "20/01/2026:" a line of Ghi chú; trích yếu gets the rest.
var registerColumnsMM = []float64{38, 24, 66, 32, 40, 24, 15, 28}

const (
	registerSizePt = 12
	registerLinePt = 14
)

// ExportDocument is the register as a printable document: A4 landscape, the
// agency name, the title "SỔ ĐĂNG KÝ VĂN BẢN ĐI" and the year, then a bordered
// table whose header row repeats on every page. agency is the agency's full
// name in its mixed-case form ("Sở Văn hóa, Thể thao và Du lịch"); it is
// upper-cased here.
func ExportDocument(agency string, year int, records []Record) document.Document {
	header, rows := ExportTable(records)
	para := func(text string, bold bool, align document.Align) document.Paragraph {
		return document.Paragraph{
			Runs:   []document.Run{{Text: text, Bold: bold}},
			Align:  align,
			SizePt: registerSizePt, LineHeightPt: registerLinePt,
		}
	}
	cell := func(text string, bold bool, align document.Align) document.TableCell {
		var ps []document.Paragraph
		for _, line := range strings.Split(text, "\n") {
			ps = append(ps, para(line, bold, align))
		}
		return document.TableCell{Paragraphs: ps}
	}
	headRow := document.TableRow{}
	numbers := document.TableRow{}
	for i, h := range header {
		headRow.Cells = append(headRow.Cells, cell(h, true, document.Center))
		numbers.Cells = append(numbers.Cells, cell(fmt.Sprintf("(%d)", i+1), false, document.Center))
	}
	table := document.Table{
		ColumnsMM:     append([]float64(nil), registerColumnsMM...),
		Header:        []document.TableRow{headRow, numbers},
		CellPaddingMM: 1.5,
		SpaceBeforePt: 12,
	}
	aligns := []document.Align{document.Left, document.Center, document.Left, document.Left,
		document.Left, document.Left, document.Center, document.Left}
	for _, row := range rows {
		tr := document.TableRow{}
		for i, text := range row {
			tr.Cells = append(tr.Cells, cell(text, false, aligns[i]))
		}
		table.Rows = append(table.Rows, tr)
	}
	title := func(text string, size float64, bold bool, after float64) document.Paragraph {
		return document.Paragraph{
			Runs:   []document.Run{{Text: text, Bold: bold}},
			Align:  document.Center,
			SizePt: size, LineHeightPt: size + 2, SpaceAfterPt: after,
			KeepWithNext: true,
		}
	}
	blocks := []document.Block{}
	if agency != "" {
		blocks = append(blocks, title(strings.ToUpper(agency), 13, false, 12))
	}
	blocks = append(blocks,
		title("SỔ ĐĂNG KÝ VĂN BẢN ĐI", 16, true, 3),
		title(fmt.Sprintf("Năm %d", year), 14, true, 0),
		table,
	)
	return document.Document{
		Title:      fmt.Sprintf("Sổ đăng ký văn bản đi năm %d", year),
		Subject:    agency,
		FileName:   fmt.Sprintf("so-dang-ky-van-ban-di-%d", year),
		FontFamily: "Times New Roman",
		Sections: []document.Section{{
			Page: registerPage,
			// Pages are numbered from the second one, at the top, as in an
			// NĐ30 document (Phụ lục I).
			PageNumber: document.PageNumber{Show: true, HideOnFirst: true, SizePt: 13, OffsetMM: 10},
			Blocks:     blocks,
		}},
	}
}
