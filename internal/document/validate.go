package document

import (
	"fmt"
	"math"

	"github.com/vanban/vanban/internal/apperr"
)

// Limits Word accepts: a page side of at most 22 inches (31680 twips), a font
// size of at most 1638 pt.
const (
	maxPageMM = 558.8
	maxSizePt = 1638
)

// Validate checks that d can be laid out, the same for every renderer (PDF
// and DOCX refuse the same documents; neither silently turns a bad page into
// A4): numbers are finite and in range, every page has a real size (at most
// a Word page side, 22 in) and leaves room for text, no grid or table row
// has more cells than the columns (a shorter row is completed with empty
// cells). Text is not checked here: a renderer drops what its format cannot
// hold.
func Validate(d Document) error {
	var ps apperr.Problems
	if len(d.Sections) == 0 {
		ps.Add("sections", "no_section", "Văn bản không có phần nào để in.")
	}
	for i, s := range d.Sections {
		f := fmt.Sprintf("sections[%d]", i)
		pg := s.Page
		if !inRange(pg.WidthMM, 1, maxPageMM) || !inRange(pg.HeightMM, 1, maxPageMM) {
			ps.Add(f+".page", "page_size", "Khổ giấy %g × %g mm không hợp lệ.", pg.WidthMM, pg.HeightMM)
			continue
		}
		m := pg.Margins
		for _, v := range []struct {
			name string
			mm   float64
		}{{"topMM", m.TopMM}, {"bottomMM", m.BottomMM}, {"leftMM", m.LeftMM}, {"rightMM", m.RightMM}} {
			if !inRange(v.mm, 0, maxPageMM) {
				ps.Add(f+".page.margins."+v.name, "margin", "Lề %g mm không hợp lệ.", v.mm)
			}
		}
		if pg.TextWidthMM() < 10 || pg.HeightMM-m.TopMM-m.BottomMM < 10 {
			ps.Add(f+".page.margins", "no_text_area", "Lề quá lớn so với khổ giấy: không còn chỗ cho nội dung.")
		}
		if pn := s.PageNumber; pn.Show {
			if !inRange(pn.SizePt, 0, maxSizePt) {
				ps.Add(f+".pageNumber.sizePt", "size", "Cỡ chữ số trang %g pt không hợp lệ.", pn.SizePt)
			}
			if !inRange(pn.OffsetMM, 0, pg.HeightMM) {
				ps.Add(f+".pageNumber.offsetMM", "offset", "Vị trí số trang %g mm không hợp lệ.", pn.OffsetMM)
			}
		}
		checkBlocks(&ps, f+".blocks", s.Blocks, 0)
	}
	return ps.Err()
}

// maxDepth bounds grids nested in grid cells.
const maxDepth = 8

func checkBlocks(ps *apperr.Problems, f string, bs []Block, depth int) {
	if depth > maxDepth {
		ps.Add(f, "too_deep", "Bảng lồng nhau quá nhiều cấp.")
		return
	}
	for i, b := range bs {
		bf := fmt.Sprintf("%s[%d]", f, i)
		switch b := b.(type) {
		case Paragraph:
			checkParagraph(ps, bf, b)
		case Rule:
			for _, v := range []struct {
				name string
				v    float64
				max  float64
			}{{"widthMM", b.WidthMM, maxPageMM}, {"thicknessPt", b.ThicknessPt, 12}, {"spaceBeforePt", b.SpaceBeforePt, 1584}, {"spaceAfterPt", b.SpaceAfterPt, 1584}} {
				if !inRange(v.v, 0, v.max) {
					ps.Add(bf+"."+v.name, "rule", "Giá trị %g của đường kẻ không hợp lệ.", v.v)
				}
			}
		case Grid:
			checkColumns(ps, bf, b.ColumnsMM)
			checkSpace(ps, bf, b.SpaceBeforePt, b.SpaceAfterPt)
			if !inRange(b.OffsetMM, -maxPageMM, maxPageMM) {
				ps.Add(bf+".offsetMM", "offset", "Độ lệch %g mm không hợp lệ.", b.OffsetMM)
			}
			for j, row := range b.Rows {
				rf := fmt.Sprintf("%s.rows[%d]", bf, j)
				if len(row.Cells) > len(b.ColumnsMM) {
					ps.Add(rf+".cells", "grid_cells", "Dòng có %d ô nhưng bảng chỉ có %d cột.", len(row.Cells), len(b.ColumnsMM))
				}
				for k, c := range row.Cells {
					checkBlocks(ps, fmt.Sprintf("%s.cells[%d].blocks", rf, k), c.Blocks, depth+1)
				}
			}
		case Table:
			checkColumns(ps, bf, b.ColumnsMM)
			checkSpace(ps, bf, b.SpaceBeforePt, b.SpaceAfterPt)
			if !inRange(b.CellPaddingMM, 0, 50) {
				ps.Add(bf+".cellPaddingMM", "padding", "Lề trong ô %g mm không hợp lệ.", b.CellPaddingMM)
			}
			rows := append(append([]TableRow(nil), b.Header...), b.Rows...)
			for j, row := range rows {
				rf := fmt.Sprintf("%s.rows[%d]", bf, j-len(b.Header))
				if j < len(b.Header) {
					rf = fmt.Sprintf("%s.header[%d]", bf, j)
				}
				n := 0
				for k, c := range row.Cells {
					if c.Span < 0 {
						ps.Add(fmt.Sprintf("%s.cells[%d].span", rf, k), "span", "Số cột gộp %d không hợp lệ.", c.Span)
					}
					n += max(c.Span, 1)
					for l, p := range c.Paragraphs {
						checkParagraph(ps, fmt.Sprintf("%s.cells[%d].paragraphs[%d]", rf, k, l), p)
					}
				}
				if n > len(b.ColumnsMM) {
					ps.Add(rf+".cells", "table_cells", "Các ô của dòng chiếm %d cột nhưng bảng chỉ có %d cột.", n, len(b.ColumnsMM))
				}
			}
		default:
			ps.Add(bf, "block", "Khối nội dung không xác định (%T).", b)
		}
	}
}

func checkParagraph(ps *apperr.Problems, f string, p Paragraph) {
	for _, v := range []struct {
		name     string
		v        float64
		min, max float64
	}{
		{"sizePt", p.SizePt, 0, maxSizePt},
		{"lineHeightPt", p.LineHeightPt, 0, 1584},
		{"firstLineIndentMM", p.FirstLineIndentMM, -maxPageMM, maxPageMM},
		{"indentLeftMM", p.IndentLeftMM, -maxPageMM, maxPageMM},
		{"indentRightMM", p.IndentRightMM, -maxPageMM, maxPageMM},
		{"spaceBeforePt", p.SpaceBeforePt, 0, 1584},
		{"spaceAfterPt", p.SpaceAfterPt, 0, 1584},
		{"boxWidthMM", p.BoxWidthMM, 0, maxPageMM},
	} {
		if !inRange(v.v, v.min, v.max) {
			ps.Add(f+"."+v.name, "paragraph", "Giá trị %g không hợp lệ.", v.v)
		}
	}
	if p.Align < Left || p.Align > Justify {
		ps.Add(f+".align", "align", "Kiểu căn lề %d không hợp lệ.", int(p.Align))
	}
	if p.BoxColor != "" && !hexColor(p.BoxColor) {
		ps.Add(f+".boxColor", "color", "Mã màu %q không hợp lệ (cần dạng RRGGBB).", p.BoxColor)
	}
	for i, r := range p.Runs {
		if !inRange(r.SizePt, 0, maxSizePt) {
			ps.Add(fmt.Sprintf("%s.runs[%d].sizePt", f, i), "size", "Cỡ chữ %g pt không hợp lệ.", r.SizePt)
		}
		if r.Color != "" && !hexColor(r.Color) {
			ps.Add(fmt.Sprintf("%s.runs[%d].color", f, i), "color", "Mã màu %q không hợp lệ (cần dạng RRGGBB).", r.Color)
		}
	}
}

func checkColumns(ps *apperr.Problems, f string, cols []float64) {
	if len(cols) == 0 || len(cols) > 63 {
		ps.Add(f+".columnsMM", "columns", "Bảng phải có từ 1 đến 63 cột (đang có %d).", len(cols))
	}
	for i, c := range cols {
		if !inRange(c, 0.5, maxPageMM) {
			ps.Add(fmt.Sprintf("%s.columnsMM[%d]", f, i), "columns", "Độ rộng cột %g mm không hợp lệ.", c)
		}
	}
}

func checkSpace(ps *apperr.Problems, f string, before, after float64) {
	if !inRange(before, 0, 1584) {
		ps.Add(f+".spaceBeforePt", "space", "Khoảng cách %g pt không hợp lệ.", before)
	}
	if !inRange(after, 0, 1584) {
		ps.Add(f+".spaceAfterPt", "space", "Khoảng cách %g pt không hợp lệ.", after)
	}
}

func inRange(v, lo, hi float64) bool {
	return !math.IsNaN(v) && v >= lo && v <= hi
}

func hexColor(s string) bool {
	if len(s) != 6 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
			return false
		}
	}
	return true
}
