package registry

import (
	"fmt"
	"io"

	"github.com/vanban/vanban/internal/spreadsheet"
)

// registerWidths are the XLSX column widths, in Excel character units, in
// the proportions of the printed register.
var registerWidths = []float64{16, 12, 48, 18, 30, 16, 9, 18}

// WriteXLSX writes the register of year as a one-sheet workbook with the
// columns of ExportTable (header frozen, cells wrapped, Times New Roman 12,
// numbers kept as text so "05" keeps its zero).
func WriteXLSX(w io.Writer, year int, records []Record) error {
	header, rows := ExportTable(records)
	return spreadsheet.WriteTable(w, fmt.Sprintf("Sổ văn bản đi %d", year), header, rows,
		spreadsheet.TableOptions{Widths: registerWidths})
}
