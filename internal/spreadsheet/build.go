package spreadsheet

import (
	"io"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/vanban/vanban/internal/apperr"
)

// SheetSpec describes a worksheet for WriteWorkbook: cells with their font,
// boldness and formula, merged ranges and column widths. It exists to build
// realistic example files (tests, testdata) without importing excelize
// elsewhere.
type SheetSpec struct {
	Name   string
	Cells  []CellSpec
	Merges []string           // "A5:F5"
	Widths map[string]float64 // column letter → width
}

// CellSpec is one cell of a SheetSpec.
type CellSpec struct {
	Ref   string // "B7"
	Value any    // string, int, float64, bool
	Font  string // font family; "" keeps the default
	Bold  bool
	// Formula, if set, is stored with Value as its cached result.
	Formula string
}

// WriteWorkbook writes sheets as an XLSX workbook to w.
func WriteWorkbook(w io.Writer, sheets []SheetSpec) error {
	f := excelize.NewFile()
	defer f.Close()
	styles := map[string]int{}
	for i, s := range sheets {
		name := sheetName(s.Name)
		if i == 0 {
			if err := f.SetSheetName("Sheet1", name); err != nil {
				return apperr.Wrap(err, "write workbook")
			}
		} else if _, err := f.NewSheet(name); err != nil {
			return apperr.Wrap(err, "write workbook")
		}
		for col, wd := range s.Widths {
			if err := f.SetColWidth(name, col, col, wd); err != nil {
				return apperr.Wrap(err, "write workbook")
			}
		}
		for _, c := range s.Cells {
			if err := f.SetCellValue(name, c.Ref, c.Value); err != nil {
				return apperr.Wrap(err, "write workbook: "+c.Ref)
			}
			if c.Formula != "" {
				if err := f.SetCellFormula(name, c.Ref, strings.TrimPrefix(c.Formula, "=")); err != nil {
					return apperr.Wrap(err, "write workbook: "+c.Ref)
				}
			}
			if c.Font == "" && !c.Bold {
				continue
			}
			key := c.Font + "|" + map[bool]string{true: "b"}[c.Bold]
			id, ok := styles[key]
			if !ok {
				var err error
				id, err = f.NewStyle(&excelize.Style{Font: &excelize.Font{Family: c.Font, Bold: c.Bold}})
				if err != nil {
					return apperr.Wrap(err, "write workbook: style")
				}
				styles[key] = id
			}
			if err := f.SetCellStyle(name, c.Ref, c.Ref, id); err != nil {
				return apperr.Wrap(err, "write workbook: style")
			}
		}
		for _, m := range s.Merges {
			a, b, _ := strings.Cut(m, ":")
			if err := f.MergeCell(name, a, b); err != nil {
				return apperr.Wrap(err, "write workbook: merge "+m)
			}
		}
	}
	if err := f.Write(w); err != nil {
		return apperr.Wrap(err, "write workbook")
	}
	return nil
}
