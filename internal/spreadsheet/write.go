package spreadsheet

import (
	"fmt"
	"io"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/vanban/vanban/internal/apperr"
)

// TableOptions tune WriteTable.
type TableOptions struct {
	// Widths are column widths in Excel character units; a missing or zero
	// width is computed from the content (between 6 and 60).
	Widths []float64
	// Font is the font family; "Times New Roman" when empty.
	Font string
	// FontSize in points; 12 when zero.
	FontSize float64
	// Lists give columns (0-based) a drop-down list of allowed values over
	// ListRows rows below the header (1000 when zero); the values are kept
	// on a sheet named ListSheet ("Danh mục" when empty). A value typed
	// outside the list is warned about, not refused.
	Lists     map[int][]string
	ListRows  int
	ListSheet string
}

// WriteTable writes a one-sheet XLSX workbook: a bold, centred, wrapped
// header row frozen at the top, then rows of text, all cells bordered and
// wrapped. Values are written as text so that numbers such as "05" keep their
// zeros. It writes rows through excelize's stream writer, so memory stays
// proportional to one row plus the output.
func WriteTable(w io.Writer, sheet string, header []string, rows [][]string, opts TableOptions) error {
	if opts.Font == "" {
		opts.Font = "Times New Roman"
	}
	if opts.FontSize == 0 {
		opts.FontSize = 12
	}
	sheet = sheetName(sheet)
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return apperr.Wrap(err, "write table: sheet name")
	}
	border := []excelize.Border{
		{Type: "left", Color: "000000", Style: 1}, {Type: "right", Color: "000000", Style: 1},
		{Type: "top", Color: "000000", Style: 1}, {Type: "bottom", Color: "000000", Style: 1},
	}
	headStyle, err := f.NewStyle(&excelize.Style{
		Font:      &excelize.Font{Bold: true, Family: opts.Font, Size: opts.FontSize},
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true},
		Border:    border,
	})
	if err != nil {
		return apperr.Wrap(err, "write table: header style")
	}
	bodyStyle, err := f.NewStyle(&excelize.Style{
		Font:      &excelize.Font{Family: opts.Font, Size: opts.FontSize},
		Alignment: &excelize.Alignment{Vertical: "top", WrapText: true},
		Border:    border,
		NumFmt:    49, // text
	})
	if err != nil {
		return apperr.Wrap(err, "write table: body style")
	}
	if len(opts.Lists) > 0 {
		// A form to fill (small): the list validations need the ordinary
		// worksheet writer, which the stream writer bypasses.
		return writeForm(w, f, sheet, header, rows, opts, headStyle, bodyStyle)
	}
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return apperr.Wrap(err, "write table: stream")
	}
	ncol := len(header)
	for _, r := range rows {
		ncol = max(ncol, len(r))
	}
	for c := range ncol {
		width := 0.0
		if c < len(opts.Widths) {
			width = opts.Widths[c]
		}
		if width <= 0 {
			width = autoWidth(header, rows, c)
		}
		if err := sw.SetColWidth(c+1, c+1, width); err != nil {
			return apperr.Wrap(err, "write table: width")
		}
	}
	if len(header) > 0 {
		if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
			return apperr.Wrap(err, "write table: panes")
		}
	}
	rowNum := 1
	put := func(values []string, style int) error {
		cells := make([]any, ncol)
		for c := range ncol {
			v := ""
			if c < len(values) {
				v = values[c]
			}
			cells[c] = excelize.Cell{StyleID: style, Value: v}
		}
		cell, _ := excelize.CoordinatesToCellName(1, rowNum)
		rowNum++
		return sw.SetRow(cell, cells)
	}
	if len(header) > 0 {
		if err := put(header, headStyle); err != nil {
			return apperr.Wrap(err, "write table: header")
		}
	}
	for i, r := range rows {
		if err := put(r, bodyStyle); err != nil {
			return apperr.Wrap(err, fmt.Sprintf("write table: row %d", i+1))
		}
	}
	if err := sw.Flush(); err != nil {
		return apperr.Wrap(err, "write table: flush")
	}
	if err := f.Write(w); err != nil {
		return apperr.Wrap(err, "write table")
	}
	return nil
}

func autoWidth(header []string, rows [][]string, c int) float64 {
	longest := 0
	measure := func(s string) {
		for line := range strings.SplitSeq(s, "\n") {
			longest = max(longest, utf8.RuneCountInString(line))
		}
	}
	if c < len(header) {
		measure(header[c])
	}
	for i, r := range rows {
		if i >= 1000 { // enough to size a column
			break
		}
		if c < len(r) {
			measure(r[c])
		}
	}
	return min(max(float64(longest)*1.1+2, 6), 60)
}

// sheetName makes s a valid Excel sheet name: no []:*?/\, at most 31
// characters, not empty.
func sheetName(s string) string {
	s = strings.Map(func(r rune) rune {
		if strings.ContainsRune(`[]:*?/\`, r) {
			return '-'
		}
		return r
	}, strings.TrimSpace(s))
	s = strings.Trim(s, "'")
	if r := []rune(s); len(r) > 31 {
		s = string(r[:31])
	}
	if s == "" {
		s = "Sheet1"
	}
	return s
}

// addLists writes the drop-down lists of opts: the values in a column each of
// the list sheet, and a list validation on the table's column.
func addLists(f *excelize.File, sheet string, opts TableOptions) error {
	if len(opts.Lists) == 0 {
		return nil
	}
	rows := opts.ListRows
	if rows <= 0 {
		rows = 1000
	}
	ls := sheetName(opts.ListSheet)
	if opts.ListSheet == "" {
		ls = "Danh mục"
	}
	if _, err := f.NewSheet(ls); err != nil {
		return err
	}
	cols := make([]int, 0, len(opts.Lists))
	for c := range opts.Lists {
		cols = append(cols, c)
	}
	slices.Sort(cols)
	for i, c := range cols {
		values := opts.Lists[c]
		if len(values) == 0 {
			continue
		}
		lc, _ := excelize.ColumnNumberToName(i + 1)
		for r, v := range values {
			if err := f.SetCellStr(ls, fmt.Sprintf("%s%d", lc, r+1), v); err != nil {
				return err
			}
		}
		tc, _ := excelize.ColumnNumberToName(c + 1)
		dv := excelize.NewDataValidation(true)
		dv.Sqref = fmt.Sprintf("%s2:%s%d", tc, tc, rows+1)
		dv.SetSqrefDropList(fmt.Sprintf("'%s'!$%s$1:$%s$%d", ls, lc, lc, len(values)))
		dv.SetError(excelize.DataValidationErrorStyleWarning, "Giá trị ngoài danh sách", "Chọn một giá trị trong danh sách (hoặc bấm Yes để giữ giá trị đã gõ).")
		if err := f.AddDataValidation(sheet, dv); err != nil {
			return err
		}
	}
	return nil
}

// writeForm writes a small table with the ordinary writer, then its lists.
func writeForm(w io.Writer, f *excelize.File, sheet string, header []string, rows [][]string, opts TableOptions, headStyle, bodyStyle int) error {
	all := append([][]string{header}, rows...)
	ncol := 0
	for _, r := range all {
		ncol = max(ncol, len(r))
	}
	for c := range ncol {
		width := 0.0
		if c < len(opts.Widths) {
			width = opts.Widths[c]
		}
		if width <= 0 {
			width = autoWidth(header, rows, c)
		}
		name, _ := excelize.ColumnNumberToName(c + 1)
		if err := f.SetColWidth(sheet, name, name, width); err != nil {
			return apperr.Wrap(err, "write form: width")
		}
	}
	for i, r := range all {
		for c := range ncol {
			cell, _ := excelize.CoordinatesToCellName(c+1, i+1)
			v := ""
			if c < len(r) {
				v = r[c]
			}
			if err := f.SetCellStr(sheet, cell, v); err != nil {
				return apperr.Wrap(err, "write form: cell")
			}
		}
		style := bodyStyle
		if i == 0 {
			style = headStyle
		}
		first, _ := excelize.CoordinatesToCellName(1, i+1)
		last, _ := excelize.CoordinatesToCellName(ncol, i+1)
		if err := f.SetCellStyle(sheet, first, last, style); err != nil {
			return apperr.Wrap(err, "write form: style")
		}
	}
	if err := f.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return apperr.Wrap(err, "write form: panes")
	}
	if err := addLists(f, sheet, opts); err != nil {
		return apperr.Wrap(err, "write form: lists")
	}
	if err := f.Write(w); err != nil {
		return apperr.Wrap(err, "write form")
	}
	return nil
}
