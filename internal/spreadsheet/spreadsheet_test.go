package spreadsheet

import (
	"archive/zip"
	"bytes"
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/vanban/vanban/internal/apperr"
)

func build(t testing.TB, sheets ...SheetSpec) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteWorkbook(&buf, sheets); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestReadXLSX(t *testing.T) {
	data := build(t, SheetSpec{
		Name: "Danh sách",
		Cells: []CellSpec{
			{Ref: "A1", Value: "DANH SÁCH", Bold: true},
			{Ref: "A3", Value: "STT"}, {Ref: "B3", Value: "Họ và tên"}, {Ref: "C3", Value: "Đơn vị"}, {Ref: "D3", Value: "Năm sinh"},
			{Ref: "A4", Value: "I. TẬP THỂ"},
			{Ref: "B5", Value: "Nguy\u00d4n V\u00a8n An", Font: ".VnTime"},
			{Ref: "C5", Value: "Phòng Văn hóa"},
			{Ref: "D5", Value: 1980},
			{Ref: "B6", Value: "Lò Thị Bình"},
			{Ref: "D6", Value: 1985, Formula: "=1980+5"},
			{Ref: "B9", Value: "Hà Văn Cường"},
		},
		Merges: []string{"A4:D4", "C5:C6"},
	}, SheetSpec{Name: "Trống"})
	wb, err := ReadXLSX(context.Background(), bytes.NewReader(data), int64(len(data)), Limits{})
	if err != nil {
		t.Fatal(err)
	}
	if len(wb.Sheets) != 2 || wb.Sheets[0].Name != "Danh sách" || len(wb.Sheets[1].Rows) != 0 {
		t.Fatalf("sheets = %+v", wb.Sheets)
	}
	sh := wb.Sheets[0]
	var nums []int
	for _, r := range sh.Rows {
		nums = append(nums, r.Number)
	}
	if fmt.Sprint(nums) != "[1 3 4 5 6 9]" {
		t.Errorf("row numbers = %v", nums)
	}
	row := func(n int) Row {
		for _, r := range sh.Rows {
			if r.Number == n {
				return r
			}
		}
		t.Fatalf("no row %d", n)
		return Row{}
	}
	if c := row(5).Cell(2); c.Font != ".VnTime" || c.Value != "Nguy\u00d4n V\u00a8n An" {
		t.Errorf("B5 = %+v", c)
	}
	if c := row(6).Cell(3); c.Value != "Phòng Văn hóa" || !c.Covered(6, 3) || c.Merge.Ref != "C5:C6" {
		t.Errorf("C6 (merged) = %+v", c)
	}
	if c := row(5).Cell(3); c.Covered(5, 3) || c.Merge == nil {
		t.Errorf("C5 (merge origin) = %+v", c)
	}
	if r := row(4); r.Value(1) != "I. TẬP THỂ" || r.Value(4) != "I. TẬP THỂ" || len(r.Cells) != 4 {
		t.Errorf("row 4 = %+v", r)
	}
	if c := row(6).Cell(4); !c.Formula || c.Value != "1985" {
		t.Errorf("D6 = %+v", c)
	}
	if c := row(5).Cell(4); c.Formula || c.Value != "1980" {
		t.Errorf("D5 = %+v", c)
	}
}

func TestReadXLSXLimits(t *testing.T) {
	var cells []CellSpec
	for i := 1; i <= 120; i++ {
		cells = append(cells, CellSpec{Ref: fmt.Sprintf("A%d", i), Value: "x"})
	}
	data := build(t, SheetSpec{Name: "S", Cells: cells})
	_, err := ReadXLSX(context.Background(), bytes.NewReader(data), -1, Limits{MaxRows: 100})
	if ae := apperr.As(err); ae.Kind != apperr.TooLarge || ae.Code != "too_many_rows" || ae.Problems[0].Sheet != "S" {
		t.Errorf("rows limit: %v", err)
	}
	_, err = ReadXLSX(context.Background(), bytes.NewReader(data), int64(len(data)), Limits{MaxBytes: 100})
	if !apperr.Is(err, apperr.TooLarge) {
		t.Errorf("size limit: %v", err)
	}
	wide := build(t, SheetSpec{Name: "S", Cells: []CellSpec{{Ref: "ZZ1", Value: "x"}}})
	if _, err := ReadXLSX(context.Background(), bytes.NewReader(wide), -1, Limits{}); apperr.As(err).Code != "too_many_columns" {
		t.Errorf("columns limit: %v", err)
	}
}

func TestReadXLSXZipBomb(t *testing.T) {
	// A valid-looking workbook whose sheet unzips to 200 MB of blanks.
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, p := range []struct{ name, body string }{
		{"[Content_Types].xml", `<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`},
		{"xl/workbook.xml", `<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>`},
	} {
		w, _ := zw.Create(p.name)
		w.Write([]byte(p.body))
	}
	w, _ := zw.Create("xl/worksheets/sheet1.xml")
	blank := bytes.Repeat([]byte(" "), 1<<20)
	for range 200 {
		w.Write(blank)
	}
	zw.Close()
	if buf.Len() > 1<<20 {
		t.Fatalf("bomb is %d bytes compressed", buf.Len())
	}
	_, err := ReadXLSX(context.Background(), bytes.NewReader(buf.Bytes()), int64(buf.Len()), Limits{})
	if ae := apperr.As(err); ae.Kind != apperr.TooLarge || ae.Code != "unzipped_too_large" {
		t.Errorf("zip bomb: %v", err)
	}
}

func TestReadNotSpreadsheet(t *testing.T) {
	tests := []struct {
		name string
		data []byte
		code string
	}{
		{"list.xlsx", []byte("%PDF-1.7 not a spreadsheet"), "not_a_spreadsheet"},
		{"list.xlsx", []byte("PK\x03\x04garbage garbage garbage"), "not_a_spreadsheet"},
		{"list.xls", append(append([]byte{}, oleMagic...), make([]byte, 600)...), "legacy_xls"},
		{"list.xlsx", append(append(append([]byte{}, oleMagic...), make([]byte, 600)...), utf16le("EncryptedPackage")...), "encrypted_workbook"},
		{"list.csv", []byte("a,b\x00,c"), "not_a_spreadsheet"},
	}
	for _, tt := range tests {
		_, err := Read(context.Background(), bytes.NewReader(tt.data), tt.name, int64(len(tt.data)), Limits{})
		ae := apperr.As(err)
		if ae.Kind != apperr.Invalid || ae.Code != tt.code || ae.Detail == "" {
			t.Errorf("%s %q: err = %v, want code %s", tt.name, tt.data[:8], err, tt.code)
		}
	}
}

func TestReadCSV(t *testing.T) {
	tests := []struct {
		name, in string
		want     string
		charset  string
	}{
		{"bom-comma", "\ufeffSTT,Họ và tên,Đơn vị\r\n1,\"Nguyễn Văn An\",\"Phòng A, Sở B\"\r\n", "STT|Họ và tên|Đơn vị/1|Nguyễn Văn An|Phòng A, Sở B", "utf-8"},
		{"semicolon", "STT;Họ và tên;Đơn vị\n1;Lò Thị Bình;Phòng C\n\n;;\n2;Hà Văn D;\"x;y\"\n", "STT|Họ và tên|Đơn vị/1|Lò Thị Bình|Phòng C/2|Hà Văn D|x;y", "utf-8"},
		{"sep-line", "sep=;\nA;B\n1;2\n", "A|B/1|2", "utf-8"},
		{"tab", "A\tB\n1\t2\n", "A|B/1|2", "utf-8"},
		{"8bit", "T\xean\n\xb8\n", "Tên/¸", "windows-1252"},
	}
	for _, tt := range tests {
		wb, err := ReadCSV(context.Background(), strings.NewReader(tt.in), "ds", Limits{})
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		var rows []string
		for _, r := range wb.Sheets[0].Rows {
			var vs []string
			for _, c := range r.Cells {
				vs = append(vs, c.Value)
			}
			rows = append(rows, strings.Join(vs, "|"))
		}
		if got := strings.Join(rows, "/"); got != tt.want || wb.Charset != tt.charset {
			t.Errorf("%s: got %q (%s), want %q (%s)", tt.name, got, wb.Charset, tt.want, tt.charset)
		}
	}
	wb, _ := ReadCSV(context.Background(), strings.NewReader("A;B\n\n1;2\n"), "ds", Limits{})
	if r := wb.Sheets[0].Rows; len(r) != 2 || r[1].Number != 3 {
		t.Errorf("row numbers: %+v", r)
	}
	b, ok := Bytes("T\u00ean\u00b8")
	if !ok || string(b) != "T\xean\xb8" {
		t.Errorf("Bytes = %q, %v", b, ok)
	}
	var big strings.Builder
	for i := range 30 {
		fmt.Fprintf(&big, "%d,x\n", i)
	}
	if _, err := ReadCSV(context.Background(), strings.NewReader(big.String()), "ds", Limits{MaxRows: 20}); apperr.As(err).Code != "too_many_rows" {
		t.Errorf("csv rows limit: %v", err)
	}
}

func TestWriteTable(t *testing.T) {
	header := []string{"Số", "Ngày", "Trích yếu"}
	rows := [][]string{{"01", "05/12/2025", "Tờ trình đề nghị tặng Bằng khen cho các tập thể, cá nhân"}, {"02", "10/12/2025", "Quyết định"}}
	var a, b bytes.Buffer
	if err := WriteTable(&a, "Sổ văn bản đi: 2025", header, rows, TableOptions{}); err != nil {
		t.Fatal(err)
	}
	if err := WriteTable(&b, "Sổ văn bản đi: 2025", header, rows, TableOptions{}); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("WriteTable output is not deterministic")
	}
	wb, err := ReadXLSX(context.Background(), bytes.NewReader(a.Bytes()), int64(a.Len()), Limits{})
	if err != nil {
		t.Fatal(err)
	}
	sh := wb.Sheets[0]
	if sh.Name != "Sổ văn bản đi- 2025" || len(sh.Rows) != 3 || sh.Rows[1].Value(1) != "01" || sh.Rows[2].Value(3) != "Quyết định" {
		t.Errorf("read back: %+v", sh)
	}
	if sh.Rows[0].Cell(1).Font != "Times New Roman" {
		t.Errorf("header font = %q", sh.Rows[0].Cell(1).Font)
	}
}

func TestColumnName(t *testing.T) {
	for col, want := range map[int]string{1: "A", 26: "Z", 27: "AA", 52: "AZ", 703: "AAA"} {
		if got := ColumnName(col); got != want {
			t.Errorf("ColumnName(%d) = %q, want %q", col, got, want)
		}
	}
}
