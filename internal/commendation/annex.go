package commendation

import (
	"strconv"
	"strings"

	"github.com/vanban/vanban/internal/award"
	"github.com/vanban/vanban/internal/document"
	"github.com/vanban/vanban/internal/nd30"
)

// Table type sizes of the danh sách.
const (
	tableSize   = 13
	tablePadMM  = 1.5
	annexTitleP = 14
)

// annex builds the danh sách as its own section: landscape by default,
// numbered from 1 again, titled DANH SÁCH with its subtitle and the italic
// "(Kèm theo … số … ngày … của …)" line, then a bordered table grouped
// I. TẬP THỂ / II. CÁ NHÂN and numbered within each group. The table breaks
// across pages with its header row repeated. For a decision (goldBook), the
// last column is the số sổ vàng, counted on through the whole list.
func (c checked) annex(subtitle, reference string, goldBook bool, start int) document.Section {
	page := nd30.A4Landscape
	if c.opts.Portrait {
		page = c.Layout.Page
	}
	l := c.Layout
	l.Page = page
	tw := page.TextWidthMM()

	center := func(text string, bold, italic bool, size float64) document.Paragraph {
		return document.Paragraph{Runs: []document.Run{{Text: text, Bold: bold, Italic: italic}}, Align: document.Center,
			SizePt: size, LineHeightPt: nd30.BodyLineHeight(size) - 1, KeepWithNext: true}
	}
	blocks := []document.Block{
		center("DANH SÁCH", true, false, annexTitleP),
		center(subtitle, true, false, annexTitleP),
		center(reference, false, true, annexTitleP),
		document.Rule{WidthMM: 40, ThicknessPt: 0.5, SpaceBeforePt: nd30.RuleGapPt, SpaceAfterPt: 10 - nd30.RuleGapPt},
	}

	var cols []float64
	var heads []string
	switch {
	case goldBook && !c.opts.Portrait:
		heads = []string{"STT", "Tên tập thể, họ và tên cá nhân", "Chức vụ, đơn vị công tác", "Tóm tắt thành tích", "Số sổ vàng"}
		cols = []float64{14, 62, 78, tw - 14 - 62 - 78 - 24, 24}
	case goldBook:
		heads = []string{"STT", "Tên tập thể, họ và tên cá nhân", "Chức vụ, đơn vị công tác", "Số sổ vàng"}
		cols = []float64{13, 60, tw - 13 - 60 - 24, 24}
	case !c.opts.Portrait:
		heads = []string{"STT", "Tên tập thể, họ và tên cá nhân", "Chức vụ, đơn vị công tác", "Tóm tắt thành tích", "Ghi chú"}
		cols = []float64{14, 62, 78, tw - 14 - 62 - 78 - 24, 24}
	default:
		heads = []string{"STT", "Tên tập thể, họ và tên cá nhân", "Chức vụ, đơn vị công tác", "Ghi chú"}
		cols = []float64{13, 60, tw - 13 - 60 - 24, 24}
	}
	cell := func(text string, bold bool, align document.Align) document.TableCell {
		return document.TableCell{Paragraphs: []document.Paragraph{{
			Runs: []document.Run{{Text: text, Bold: bold}}, Align: align,
			SizePt: tableSize, LineHeightPt: nd30.LineHeight(tableSize) + 1,
		}}}
	}
	header := document.TableRow{}
	for _, h := range heads {
		header.Cells = append(header.Cells, cell(h, true, document.Center))
	}
	withSummary := len(heads) == 5
	var rows []document.TableRow
	number := start
	for gi, g := range c.groups() {
		head := cell(g.title, true, document.Left)
		head.Span = len(heads) - 1
		rows = append(rows, document.TableRow{Cells: []document.TableCell{cell(nd30.Roman(gi+1), true, document.Center), head}, KeepWithNext: true})
		for i, n := range g.rows {
			r := document.TableRow{Cells: []document.TableCell{
				cell(strconv.Itoa(i+1), false, document.Center),
				cell(n.DisplayName(), false, document.Left),
				cell(position(n), false, document.Left),
			}}
			if withSummary {
				r.Cells = append(r.Cells, cell(n.Summary, false, document.Justify))
			}
			last := n.Note
			if goldBook {
				last = strconv.Itoa(number)
				number++
			}
			r.Cells = append(r.Cells, cell(last, false, document.Center))
			rows = append(rows, r)
		}
	}
	blocks = append(blocks, document.Table{ColumnsMM: cols, Header: []document.TableRow{header}, Rows: rows, CellPaddingMM: tablePadMM})
	return document.Section{
		Page:       page,
		PageNumber: document.PageNumber{Show: true, HideOnFirst: true, SizePt: c.Layout.Profile.PageNumber, OffsetMM: 10},
		Blocks:     blocks,
	}
}

// position is the "Chức vụ, đơn vị công tác" cell: position and unit of a
// person, the parent unit of a collective.
func position(n award.Nomination) string {
	if n.Kind == award.Collective {
		return n.ParentUnit
	}
	var parts []string
	for _, s := range []string{n.Position, n.Unit} {
		if s = strings.TrimSpace(s); s != "" {
			parts = append(parts, s)
		}
	}
	return strings.Join(parts, ", ")
}
