// Package spreadsheet reads XLSX and CSV files into one neutral form (sheets
// of rows of cells, with the cell's font name, merged ranges resolved and a
// formula flag) and writes simple formatted XLSX tables. It is the only
// package of vanban that imports excelize. Every read is bounded: file size,
// unzipped size (against zip bombs), rows per sheet, columns, sheets.
package spreadsheet

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/vanban/vanban/internal/apperr"
)

// Workbook is a spreadsheet read into memory.
type Workbook struct {
	// Format is "xlsx" or "csv".
	Format string `json:"format"`
	// Charset is "utf-8", or "windows-1252" for a CSV file that was not valid
	// UTF-8: each byte is then kept as one Windows-1252 character, so that
	// legacy Vietnamese encodings (TCVN3, VNI) can still be recognised; use
	// Bytes to get the original bytes back.
	Charset string  `json:"charset"`
	Sheets  []Sheet `json:"sheets"`
}

// Sheet is one worksheet: the rows that hold at least one value, in order.
type Sheet struct {
	Name   string   `json:"name"`
	Rows   []Row    `json:"rows"`
	Merges []*Merge `json:"merges,omitempty"`
}

// Row is one row; Number is the row number as Excel shows it (1-based).
type Row struct {
	Number int `json:"number"`
	// Cells is dense: Cells[i] is column i+1, up to the last non-empty cell.
	Cells []Cell `json:"cells"`
}

// Cell is one cell.
type Cell struct {
	// Value is the text as Excel shows it (number formats applied); for a
	// formula, its cached value; for a cell covered by a merged range, the
	// value of the range's top-left cell.
	Value string `json:"value,omitempty"`
	// Font is the name of the cell's font (".VnTime", "Times New Roman");
	// empty for CSV.
	Font string `json:"font,omitempty"`
	// Formula reports that the cell holds a formula (Value is its cached
	// result, as last computed by the program that saved the file).
	Formula bool `json:"formula,omitempty"`
	// Merge is the merged range the cell belongs to, if any.
	Merge *Merge `json:"-"`
}

// Covered reports whether the cell lies in a merged range but is not its
// top-left cell (its Value was copied from there).
func (c Cell) Covered(row, col int) bool {
	return c.Merge != nil && (row != c.Merge.StartRow || col != c.Merge.StartCol)
}

// Merge is a merged range, 1-based and inclusive.
type Merge struct {
	Ref                string `json:"ref"` // "A5:F5"
	StartRow, StartCol int
	EndRow, EndCol     int
}

// Value returns the value of the cell at 1-based column col, or "".
func (r Row) Value(col int) string {
	if col < 1 || col > len(r.Cells) {
		return ""
	}
	return r.Cells[col-1].Value
}

// Cell returns the cell at 1-based column col (the zero Cell when absent).
func (r Row) Cell(col int) Cell {
	if col < 1 || col > len(r.Cells) {
		return Cell{}
	}
	return r.Cells[col-1]
}

// Empty reports whether no cell of the row has a non-blank value.
func (r Row) Empty() bool {
	for _, c := range r.Cells {
		if strings.TrimSpace(c.Value) != "" {
			return false
		}
	}
	return true
}

// ColumnName is the Excel letter name of 1-based column col ("A", "AB").
func ColumnName(col int) string {
	if col < 1 {
		return ""
	}
	var b []byte
	for col > 0 {
		col--
		b = append([]byte{byte('A' + col%26)}, b...)
		col /= 26
	}
	return string(b)
}

// Limits bound what a read may cost.
type Limits struct {
	// MaxBytes is the largest file accepted.
	MaxBytes int64
	// MaxUnzipped is the largest total unzipped size of an XLSX (zip bomb
	// guard); all parts are kept in memory, none is extracted to disk.
	MaxUnzipped int64
	// MaxRows is the most non-empty rows per sheet.
	MaxRows int
	// MaxCols is the most columns per row.
	MaxCols int
	// MaxSheets is the most sheets read.
	MaxSheets int
	// MaxSharedStrings is the most entries of an XLSX shared strings table,
	// counted before anything is built.
	MaxSharedStrings int
	// MaxCells is the most cells (<c> elements, empty or not) of an XLSX
	// workbook, all sheets together, counted before anything is built.
	MaxCells int
}

// DefaultLimits suit nomination lists and registers: 20 MiB files, 100 MiB
// unzipped, 20,000 rows per sheet, 256 columns, 50 sheets, 50,000 shared
// strings and 100,000 cells in all (6,600 rows of 15 columns, 10,000 of
// 10). The largest workbook within them costs under 64 MB of heap and about
// a second of CPU (BENCHMARKS.md); the caps are what bound an upload, the
// row count alone does not (a row may have 256 columns).
func DefaultLimits() Limits {
	return Limits{MaxBytes: 20 << 20, MaxUnzipped: 100 << 20, MaxRows: 20000, MaxCols: 256, MaxSheets: 50,
		MaxSharedStrings: 50_000, MaxCells: 100_000}
}

func (l Limits) withDefaults() Limits {
	d := DefaultLimits()
	if l.MaxBytes <= 0 {
		l.MaxBytes = d.MaxBytes
	}
	if l.MaxUnzipped <= 0 {
		l.MaxUnzipped = d.MaxUnzipped
	}
	if l.MaxRows <= 0 {
		l.MaxRows = d.MaxRows
	}
	if l.MaxCols <= 0 {
		l.MaxCols = d.MaxCols
	}
	if l.MaxSheets <= 0 {
		l.MaxSheets = d.MaxSheets
	}
	if l.MaxSharedStrings <= 0 {
		l.MaxSharedStrings = d.MaxSharedStrings
	}
	if l.MaxCells <= 0 {
		l.MaxCells = d.MaxCells
	}
	return l
}

// Read reads an XLSX or CSV file named name (the name only decides CSV vs
// XLSX when the content does not: a zip or OLE file is read as XLSX, anything
// else as CSV when the name ends in .csv or .txt). size is the file size if
// known, or -1. The read stops, with an error wrapping ctx.Err(), soon after
// ctx is done (the caller has gone, the deadline passed): between two parts,
// two sheets and every few hundred rows.
func Read(ctx context.Context, r io.Reader, name string, size int64, lim Limits) (*Workbook, error) {
	lim = lim.withDefaults()
	data, err := readAll(r, size, lim.MaxBytes)
	if err != nil {
		return nil, err
	}
	if err := stopped(ctx); err != nil {
		return nil, err
	}
	switch {
	case bytes.HasPrefix(data, zipMagic) || bytes.HasPrefix(data, oleMagic):
		return readXLSX(ctx, data, lim)
	}
	ext := strings.ToLower(filepath.Ext(name))
	if ext == ".csv" || ext == ".txt" || ext == ".tsv" {
		base := strings.TrimSuffix(filepath.Base(name), filepath.Ext(name))
		return readCSV(ctx, data, base, lim)
	}
	return nil, notSpreadsheet(name)
}

// ReadXLSX reads an XLSX workbook; it stops as Read does once ctx is done.
func ReadXLSX(ctx context.Context, r io.Reader, size int64, lim Limits) (*Workbook, error) {
	lim = lim.withDefaults()
	data, err := readAll(r, size, lim.MaxBytes)
	if err != nil {
		return nil, err
	}
	return readXLSX(ctx, data, lim)
}

// checkEvery is how many rows are read between two looks at the context.
const checkEvery = 256

// stopped is the error of a read whose context is done, or nil.
func stopped(ctx context.Context) error {
	if err := ctx.Err(); err != nil {
		return &apperr.Error{Kind: apperr.Unavailable, Code: "cancelled", Err: fmt.Errorf("read spreadsheet: %w", err),
			Detail: "Việc đọc bảng tính đã dừng: yêu cầu bị hủy hoặc quá thời gian chờ. Hãy gửi lại tệp."}
	}
	return nil
}

// ReadCSV reads a CSV file (UTF-8 with or without BOM, UTF-16 with BOM, or
// an 8-bit code page; comma, semicolon or tab delimiter, detected) as a
// workbook with one sheet named sheet.
func ReadCSV(ctx context.Context, r io.Reader, sheet string, lim Limits) (*Workbook, error) {
	lim = lim.withDefaults()
	data, err := readAll(r, -1, lim.MaxBytes)
	if err != nil {
		return nil, err
	}
	return readCSV(ctx, data, sheet, lim)
}

var (
	zipMagic = []byte("PK\x03\x04")
	oleMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}
)

func readAll(r io.Reader, size, max int64) ([]byte, error) {
	if size > max {
		return nil, tooLarge(size, max)
	}
	data, err := io.ReadAll(io.LimitReader(r, max+1))
	if err != nil {
		return nil, apperr.Wrap(err, "read spreadsheet")
	}
	if int64(len(data)) > max {
		return nil, tooLarge(-1, max)
	}
	return data, nil
}

func tooLarge(size, max int64) error {
	msg := fmt.Sprintf("Tệp quá lớn: giới hạn %d MB.", max>>20)
	if size > 0 {
		msg = fmt.Sprintf("Tệp quá lớn (%.1f MB): giới hạn %d MB.", float64(size)/(1<<20), max>>20)
	}
	return &apperr.Error{Kind: apperr.TooLarge, Code: "file_too_large", Detail: msg,
		Problems: []apperr.Problem{{Code: "file_too_large", Message: msg}}}
}

func notSpreadsheet(name string) error {
	msg := "Tệp không phải bảng tính Excel (.xlsx) hoặc CSV."
	if name != "" {
		msg = fmt.Sprintf("Tệp %q không phải bảng tính Excel (.xlsx) hoặc CSV.", filepath.Base(name))
	}
	return &apperr.Error{Kind: apperr.Invalid, Code: "not_a_spreadsheet", Detail: msg,
		Problems: []apperr.Problem{{Code: "not_a_spreadsheet", Message: msg}}}
}

func invalid(code, msg string, err error) error {
	return &apperr.Error{Kind: apperr.Invalid, Code: code, Detail: msg,
		Problems: []apperr.Problem{{Code: code, Message: msg}}, Err: err}
}

func sheetTooLarge(code, sheet string, row int, msg string) error {
	return &apperr.Error{Kind: apperr.TooLarge, Code: code, Detail: msg,
		Problems: []apperr.Problem{{Sheet: sheet, Row: row, Code: code, Message: msg}}}
}
