package spreadsheet

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"unicode/utf16"

	"github.com/xuri/excelize/v2"

	"github.com/vanban/vanban/internal/apperr"
)

// maxMergeFill bounds the cells filled from merged ranges per sheet.
const maxMergeFill = 2_000_000

func readXLSX(ctx context.Context, data []byte, lim Limits) (wb *Workbook, err error) {
	if bytes.HasPrefix(data, oleMagic) {
		if bytes.Contains(data, utf16le("EncryptedPackage")) {
			return nil, invalid("encrypted_workbook", "Bảng tính đã đặt mật khẩu: hãy bỏ mật khẩu (File > Info > Protect Workbook) rồi tải lên lại.", nil)
		}
		return nil, invalid("legacy_xls", "Tệp là bảng tính Excel 97-2003 (.xls): hãy mở bằng Excel và lưu lại dưới dạng .xlsx.", nil)
	}
	if err := prescan(data, lim); err != nil {
		return nil, err
	}
	if err := stopped(ctx); err != nil {
		return nil, err
	}
	defer func() {
		// excelize is a large parser of untrusted input; a panic in it must
		// become a clean error, not bring the service down.
		if r := recover(); r != nil {
			wb, err = nil, invalid("corrupt_workbook", "Không đọc được bảng tính: tệp bị hỏng.", fmt.Errorf("excelize panic: %v", r))
		}
	}()
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{
		UnzipSizeLimit:    lim.MaxUnzipped,
		UnzipXMLSizeLimit: lim.MaxUnzipped, // keep every part in memory: no temporary files
	})
	if err != nil {
		return nil, openError(err, lim)
	}
	defer f.Close()
	wb = &Workbook{Format: "xlsx", Charset: "utf-8"}
	names := f.GetSheetList()
	if len(names) == 0 {
		return nil, invalid("no_sheets", "Bảng tính không có trang tính nào.", nil)
	}
	if len(names) > lim.MaxSheets {
		return nil, sheetTooLarge("too_many_sheets", "", 0, fmt.Sprintf("Bảng tính có %d trang tính, vượt giới hạn %d.", len(names), lim.MaxSheets))
	}
	fonts := map[int]string{}
	paths := scanPaths(f)
	for _, name := range names {
		if err := stopped(ctx); err != nil {
			return nil, err
		}
		sh, err := readSheet(ctx, f, name, paths[name], lim, fonts)
		if err != nil {
			return nil, err
		}
		wb.Sheets = append(wb.Sheets, sh)
	}
	return wb, nil
}

func openError(err error, lim Limits) error {
	switch {
	case errors.Is(err, zip.ErrFormat), errors.Is(err, zip.ErrAlgorithm), errors.Is(err, zip.ErrChecksum):
		return invalid("not_a_spreadsheet", "Tệp không phải bảng tính Excel (.xlsx) hoặc đã bị hỏng.", err)
	case errors.Is(err, excelize.ErrWorkbookFileFormat), errors.Is(err, excelize.ErrWorkbookPassword):
		return invalid("encrypted_workbook", "Bảng tính đã đặt mật khẩu hoặc không đúng định dạng .xlsx.", err)
	case strings.Contains(err.Error(), "unzip size exceeds"):
		return &apperr.Error{Kind: apperr.TooLarge, Code: "unzipped_too_large",
			Detail: fmt.Sprintf("Bảng tính giải nén vượt quá %d MB (có thể là tệp độc hại dạng zip bomb).", lim.MaxUnzipped>>20), Err: err}
	}
	return invalid("corrupt_workbook", "Không đọc được bảng tính: tệp bị hỏng hoặc không phải .xlsx.", err)
}

func readSheet(ctx context.Context, f *excelize.File, name, part string, lim Limits, fonts map[int]string) (Sheet, error) {
	sh := Sheet{Name: name}
	rows, err := f.Rows(name)
	if err != nil {
		return sh, invalid("corrupt_workbook", fmt.Sprintf("Không đọc được trang tính %q.", name), err)
	}
	defer rows.Close()
	// Next visits every row number in turn, including rows absent from the
	// file (their Columns are empty), so n is the row number Excel shows.
	n := 0
	for rows.Next() {
		n++
		if n%checkEvery == 0 {
			if err := stopped(ctx); err != nil {
				return sh, err
			}
		}
		cols, err := rows.Columns()
		if err != nil {
			return sh, invalid("corrupt_workbook", fmt.Sprintf("Trang tính %q có dòng không đọc được.", name), err)
		}
		// Trim trailing blanks; skip rows without any value.
		last := len(cols)
		for last > 0 && cols[last-1] == "" {
			last--
		}
		if last == 0 {
			continue
		}
		if last > lim.MaxCols {
			return sh, sheetTooLarge("too_many_columns", name, n, fmt.Sprintf("Trang tính %q có dòng dùng tới cột %s, vượt giới hạn %d cột.", name, ColumnName(last), lim.MaxCols))
		}
		if len(sh.Rows) >= lim.MaxRows {
			return sh, sheetTooLarge("too_many_rows", name, n, fmt.Sprintf("Trang tính %q có hơn %d dòng dữ liệu: hãy chia danh sách thành nhiều tệp nhỏ hơn.", name, lim.MaxRows))
		}
		row := Row{Number: n, Cells: make([]Cell, last)}
		for i := range last {
			row.Cells[i].Value = cols[i]
		}
		sh.Rows = append(sh.Rows, row)
	}
	if err := rows.Error(); err != nil {
		if errors.Is(err, excelize.ErrMaxRows) {
			return sh, sheetTooLarge("too_many_rows", name, 0, fmt.Sprintf("Trang tính %q vượt số dòng tối đa của Excel.", name))
		}
		return sh, invalid("corrupt_workbook", fmt.Sprintf("Trang tính %q không đọc được.", name), err)
	}
	if len(sh.Rows) == 0 {
		return sh, nil
	}
	if err := stopped(ctx); err != nil {
		return sh, err
	}
	var merges []string
	if raw, ok := pkgPart(f, part); ok {
		// One pass over the worksheet's tags for styles, formulas and merged
		// ranges: much cheaper than excelize's full worksheet model.
		sc := scanSheet(raw)
		for i := range sh.Rows {
			r := &sh.Rows[i]
			for c := range r.Cells {
				cell := &r.Cells[c]
				if cell.Value == "" {
					continue
				}
				m := sc.cells[[2]int{r.Number, c + 1}]
				cell.Font = fontName(f, m.style, fonts)
				cell.Formula = m.formula
			}
		}
		merges = sc.merges
	} else {
		// Fallback: excelize's per-cell API (loads the whole worksheet).
		for i := range sh.Rows {
			r := &sh.Rows[i]
			for c := range r.Cells {
				cell := &r.Cells[c]
				if cell.Value == "" {
					continue
				}
				ref := ColumnName(c+1) + strconv.Itoa(r.Number)
				if id, err := f.GetCellStyle(name, ref); err == nil {
					cell.Font = fontName(f, id, fonts)
				}
				if fm, err := f.GetCellFormula(name, ref); err == nil && fm != "" {
					cell.Formula = true
				}
			}
		}
		mcs, err := f.GetMergeCells(name, true)
		if err != nil {
			return sh, invalid("corrupt_workbook", fmt.Sprintf("Trang tính %q có vùng gộp ô không đọc được.", name), err)
		}
		for _, m := range mcs {
			merges = append(merges, m.GetStartAxis()+":"+m.GetEndAxis())
		}
	}
	if len(merges) > lim.MaxRows {
		return sh, sheetTooLarge("too_many_merged_cells", name, 0, fmt.Sprintf("Trang tính %q có quá nhiều vùng gộp ô.", name))
	}
	fill := 0
	for i, m := range merges {
		if i%checkEvery == 0 {
			if err := stopped(ctx); err != nil {
				return sh, err
			}
		}
		a, b, _ := strings.Cut(m, ":")
		if b == "" {
			b = a
		}
		mg, err := parseRange(a, b)
		if err != nil {
			continue
		}
		sh.Merges = append(sh.Merges, mg)
		if fill, err = applyMerge(&sh, mg, lim, fill); err != nil {
			return sh, err
		}
	}
	return sh, nil
}

func applyMerge(sh *Sheet, mg *Merge, lim Limits, fill int) (int, error) {
	// The top-left cell's value.
	i := sort.Search(len(sh.Rows), func(i int) bool { return sh.Rows[i].Number >= mg.StartRow })
	origin := Cell{}
	if i < len(sh.Rows) && sh.Rows[i].Number == mg.StartRow && mg.StartCol <= len(sh.Rows[i].Cells) {
		origin = sh.Rows[i].Cells[mg.StartCol-1]
	}
	endCol := min(mg.EndCol, lim.MaxCols)
	for ; i < len(sh.Rows) && sh.Rows[i].Number <= mg.EndRow; i++ {
		r := &sh.Rows[i]
		if len(r.Cells) < endCol {
			r.Cells = append(r.Cells, make([]Cell, endCol-len(r.Cells))...)
		}
		for c := mg.StartCol; c <= endCol; c++ {
			fill++
			if fill > maxMergeFill {
				return fill, sheetTooLarge("too_many_merged_cells", sh.Name, r.Number, fmt.Sprintf("Trang tính %q có quá nhiều ô gộp.", sh.Name))
			}
			cell := &r.Cells[c-1]
			if r.Number != mg.StartRow || c != mg.StartCol {
				cell.Value, cell.Font, cell.Formula = origin.Value, origin.Font, origin.Formula
			}
			cell.Merge = mg
		}
		// Trailing blanks added for a merge with an empty origin stay harmless.
	}
	return fill, nil
}

func parseRange(start, end string) (*Merge, error) {
	c1, r1, err := excelize.CellNameToCoordinates(start)
	if err != nil {
		return nil, err
	}
	c2, r2, err := excelize.CellNameToCoordinates(end)
	if err != nil {
		return nil, err
	}
	if c2 < c1 {
		c1, c2 = c2, c1
	}
	if r2 < r1 {
		r1, r2 = r2, r1
	}
	return &Merge{Ref: start + ":" + end, StartRow: r1, StartCol: c1, EndRow: r2, EndCol: c2}, nil
}

func fontName(f *excelize.File, id int, cache map[int]string) string {
	if name, ok := cache[id]; ok {
		return name
	}
	name := ""
	if st, err := f.GetStyle(id); err == nil && st != nil && st.Font != nil {
		name = st.Font.Family
	}
	cache[id] = name
	return name
}

func utf16le(s string) []byte {
	var b []byte
	for _, u := range utf16.Encode([]rune(s)) {
		b = append(b, byte(u), byte(u>>8))
	}
	return b
}
