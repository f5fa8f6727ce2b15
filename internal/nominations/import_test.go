package nominations

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/vanban/vanban/internal/apperr"
	"github.com/vanban/vanban/internal/award"
	"github.com/vanban/vanban/internal/golden"
	"github.com/vanban/vanban/internal/spreadsheet"
	"github.com/vanban/vanban/templates/awards"
)

func catalogue(t testing.TB) *award.Catalogue {
	t.Helper()
	c, err := award.LoadCatalogue(awards.FS)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func xlsx(t testing.TB, sheets ...spreadsheet.SheetSpec) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := spreadsheet.WriteWorkbook(&buf, sheets); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// realistic is a danh sách as Sở staff type it: a title, a two-row header
// with Giới tính split into Nam/Nữ, a row of column numbers, merged section
// rows, a unit merged down three rows, a TCVN3 name in .VnTime, an NFD name,
// a date typed as text in Năm sinh, a formula, an empty row, a row without a
// name, an over-long name, a total row, the signature under the table, and a
// second sheet of instructions.
func realistic(t testing.TB) []byte {
	long := string([]rune(strings.Repeat("Nguyễn Văn Dài ", 150))[:2000])
	c := func(ref string, v any) spreadsheet.CellSpec { return spreadsheet.CellSpec{Ref: ref, Value: v} }
	cells := []spreadsheet.CellSpec{
		c("A1", "UBND TỈNH LAI CHÂU"),
		c("A2", "DANH SÁCH ĐỀ NGHỊ TẶNG GIẤY KHEN CỦA GIÁM ĐỐC SỞ"),
		c("A4", "STT"), c("B4", "Ho\u0323 va\u0300 te\u0302n"), c("C4", "Chức vụ"), c("D4", "Đơn vị công tác"),
		c("E4", "Giới tính"), c("G4", "Năm sinh"), c("H4", "Tóm tắt thành tích"), c("I4", "HÌNH THỨC KHEN THƯỞNG"), c("J4", "Ghi chú"),
		c("E5", "Nam"), c("F5", "Nữ"),
		c("A6", "(1)"), c("B6", "(2)"), c("C6", "(3)"), c("D6", "(4)"), c("E6", "(5)"), c("F6", "(6)"), c("G6", "(7)"), c("H6", "(8)"), c("I6", "(9)"), c("J6", "(10)"),
		c("A7", "I. TẬP THỂ"),
		c("A8", 1), c("B8", "Phòng Quản lý văn hóa"), c("D8", "Sở Văn hóa, Thể thao và Du lịch"), c("H8", "Hoàn thành xuất sắc nhiệm vụ năm 2025"), c("I8", "Giấy khen của Giám đốc Sở"),
		c("A9", 2), c("B9", "Đội Kiểm tra liên ngành"), c("D9", "Sở Văn hóa, Thể thao và Du lịch"), c("H9", "Hoàn thành xuất sắc nhiệm vụ"), c("I9", "giấy khen giám đốc sở"),
		c("A11", "II. CÁ NHÂN"),
		c("A12", 1), {Ref: "B12", Value: cp1252("Nguy\xd4n V\xa8n Ho\xb5"), Font: ".VnTime"}, c("C12", "Trưởng phòng"), c("D12", "Phòng Nghiệp vụ Văn hóa"), c("E12", "x"), c("G12", 1975), c("H12", "Chiến sĩ thi đua cơ sở"), c("I12", "Giấy khen của Giám đốc Sở"),
		c("A13", 2), c("B13", "Lo\u0300 Thi\u0323 Bi\u0300nh"), c("C13", "Chuyên viên"), c("F13", "x"), c("G13", "12/05/1985"), c("H13", "Hoàn thành tốt nhiệm vụ"), c("I13", "Giấy khen của Giám đốc Sở"),
		c("A14", 3), c("B14", "Hà Văn Cường"), c("C14", "Phó Trưởng phòng"), c("E14", "x"), {Ref: "G14", Value: 1980, Formula: "=1970+10"}, c("H14", "Hoàn thành tốt nhiệm vụ"), c("I14", "Giấy khen của Giám đốc Sở"),
		c("A15", 4), c("C15", "Chuyên viên"), c("E15", "x"),
		c("A16", 5), c("B16", long), c("C16", "Nhân viên"), c("D16", "Phòng Nghiệp vụ"), c("F16", "x"), c("H16", "x"), c("I16", "Giấy khen của Giám đốc Sở"),
		c("A17", "Tổng cộng: 02 tập thể và 04 cá nhân"),
		c("H20", "GIÁM ĐỐC"),
	}
	return xlsx(t, spreadsheet.SheetSpec{
		Name:  "Danh sách",
		Cells: cells,
		Merges: []string{"A2:J2", "A4:A5", "B4:B5", "C4:C5", "D4:D5", "E4:F4", "G4:G5", "H4:H5", "I4:I5", "J4:J5",
			"A7:J7", "A11:J11", "D12:D14", "A17:J17"},
	}, spreadsheet.SheetSpec{Name: "Hướng dẫn", Cells: []spreadsheet.CellSpec{c("A1", "Điền danh sách vào trang tính thứ nhất.")}})
}

type problemKey struct {
	sheet  string
	row    int
	column string
	code   string
	warn   bool
}

func problemSet(ps apperr.Problems) map[problemKey]apperr.Problem {
	m := map[problemKey]apperr.Problem{}
	for _, p := range ps {
		m[problemKey{p.Sheet, p.Row, p.Column, p.Code, p.Warning}] = p
	}
	return m
}

func checkAccounting(t *testing.T, r Report) {
	t.Helper()
	if r.Rows != r.Imported+r.SkippedEmpty+r.Sections+r.SkippedOther {
		t.Errorf("rows do not add up: %+v", r)
	}
}

func TestImportRealisticXLSX(t *testing.T) {
	data := realistic(t)
	res, err := Import(context.Background(), bytes.NewReader(data), "danh-sach.xlsx", int64(len(data)), Options{Catalogue: catalogue(t)})
	if err != nil {
		t.Fatal(err)
	}
	rep := res.Report
	checkAccounting(t, rep)
	// Rows 7..20 below the header rows 4-5 and the column numbers row 6.
	if rep.Rows != 14 || rep.Imported != 6 || rep.Sections != 2 || rep.SkippedEmpty != 3 || rep.SkippedOther != 3 {
		t.Errorf("report counts = %+v", rep)
	}
	var got []string
	for _, n := range res.Nominations {
		got = append(got, fmt.Sprintf("%s|%.20s|%s|%d|%s|%s|%s|%s|%d", n.Kind, n.Name, n.Gender, n.BirthYear, n.Position, n.Unit, n.ParentUnit, n.AwardForm, n.Source.Row))
	}
	want := []string{
		"tap-the|Phòng Quản lý văn hó||0|||Sở Văn hóa, Thể thao và Du lịch|giay-khen-giam-doc-so|8",
		"tap-the|Đội Kiểm tra liên ng||0|||Sở Văn hóa, Thể thao và Du lịch|giay-khen-giam-doc-so|9",
		"ca-nhan|Nguyễn Văn Hoà|nam|1975|Trưởng phòng|Phòng Nghiệp vụ Văn hóa||giay-khen-giam-doc-so|12",
		"ca-nhan|Lò Thị Bình|nu|1985|Chuyên viên|Phòng Nghiệp vụ Văn hóa||giay-khen-giam-doc-so|13",
		"ca-nhan|Hà Văn Cường|nam|1980|Phó Trưởng phòng|Phòng Nghiệp vụ Văn hóa||giay-khen-giam-doc-so|14",
		"ca-nhan|Nguyễn Văn Dài Nguyễ|nu|0|Nhân viên|Phòng Nghiệp vụ||giay-khen-giam-doc-so|16",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("nominations:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if res.Nominations[3].Name != "Lò Thị Bình" { // NFC
		t.Errorf("NFD name not normalised: %q", res.Nominations[3].Name)
	}
	ps := problemSet(rep.Problems)
	for _, k := range []problemKey{
		{"Danh sách", 6, "", "column_numbers_row", true},
		{"Danh sách", 12, "B", "legacy_encoding", true},
		{"Danh sách", 13, "G", "year_from_date", true},
		{"Danh sách", 14, "G", "formula", true},
		{"Danh sách", 15, "B", "missing_name", false},
		{"Danh sách", 16, "B", "too_long", false},
		{"Danh sách", 17, "", "total_row", true},
		{"Danh sách", 20, "B", "row_without_name", true},
		{"Hướng dẫn", 0, "", "no_header", true},
	} {
		if _, ok := ps[k]; !ok {
			t.Errorf("missing problem %+v", k)
		}
	}
	if p := ps[problemKey{"Danh sách", 12, "B", "legacy_encoding", true}]; !strings.Contains(p.Message, "TCVN3") || !strings.Contains(p.Message, ".VnTime") || !strings.Contains(p.Message, "Nguyễn Văn Hoà") {
		t.Errorf("legacy warning = %q", p.Message)
	}
	if res.Err() == nil || rep.Errors != 2 {
		t.Errorf("errors = %d (%v)", rep.Errors, res.Err())
	}
	// The JSON shape the CLI writes.
	b, err := json.Marshal(res)
	if err != nil {
		t.Fatal(err)
	}
	var shape struct {
		Nominations []map[string]any `json:"nominations"`
		Report      map[string]any   `json:"report"`
	}
	if err := json.Unmarshal(b, &shape); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"rows", "imported", "skipped_empty", "problems"} {
		if _, ok := shape.Report[k]; !ok {
			t.Errorf("report JSON lacks %q: %s", k, b[:200])
		}
	}
	if shape.Nominations[2]["gender"] != "nam" || shape.Nominations[2]["birthYear"] != 1975.0 || shape.Nominations[0]["parentUnit"] == nil {
		t.Errorf("nomination JSON = %v", shape.Nominations[2])
	}
}

func TestImportCSV(t *testing.T) {
	csv := "\ufeffDANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG;;;;;\n" +
		";;;;;\n" +
		"STT;Tên tập thể/cá nhân;Chức vụ, đơn vị công tác;Giới tính;Thành tích;Hình thức khen thưởng\n" +
		"A;Tập thể;;;;\n" +
		"1;Phòng Nghiệp vụ;Sở Văn hóa, Thể thao và Du lịch;;Hoàn thành xuất sắc nhiệm vụ;Bằng khen của Chủ tịch UBND tỉnh\n" +
		"B;Cá nhân;;;;\n" +
		"1;Nguyễn Thị Thuỷ;Trưởng phòng Nghiệp vụ, Sở Văn hóa, Thể thao và Du lịch;Nữ;Hoàn thành xuất sắc nhiệm vụ;Bằng khen của Chủ tịch UBND tỉnh\n" +
		";;;;;\n" +
		"2;NGUYỄN THỊ THỦY;Trưởng phòng Nghiệp vụ, Sở Văn hóa, Thể thao và Du lịch;nữ;Hoàn thành xuất sắc nhiệm vụ;Bằng khen của Chủ tịch UBND tỉnh\n" +
		"3;Vi Văn Tâm;Chuyên viên;Không rõ;Hoàn thành tốt;Huân chương Lao động hạng Ba\n"
	res, err := Import(context.Background(), strings.NewReader(csv), "ds.csv", -1, Options{Catalogue: catalogue(t)})
	if err != nil {
		t.Fatal(err)
	}
	checkAccounting(t, res.Report)
	if len(res.Nominations) != 4 || res.Report.Sections != 2 || res.Report.SkippedEmpty != 1 {
		t.Fatalf("nominations = %+v report = %+v", res.Nominations, res.Report)
	}
	n := res.Nominations[1]
	if n.Kind != award.Individual || n.Gender != award.Female || n.Position != "Trưởng phòng Nghiệp vụ" || n.Unit != "Sở Văn hóa, Thể thao và Du lịch" || n.AwardForm != "bang-khen-chu-tich-ubnd-tinh" {
		t.Errorf("individual = %+v", n)
	}
	if c := res.Nominations[0]; c.Kind != award.Collective || c.ParentUnit != "Sở Văn hóa, Thể thao và Du lịch" {
		t.Errorf("collective = %+v", c)
	}
	ps := problemSet(res.Report.Problems)
	for _, k := range []problemKey{
		{"ds", 9, "B", "duplicate", false}, // Thuỷ / THỦY: same key despite case and tone placement
		{"ds", 10, "D", "invalid_gender", false},
		{"ds", 10, "F", "unknown_award_form", false},
		{"ds", 10, "D", "required", false}, // gender then missing
	} {
		if _, ok := ps[k]; !ok {
			t.Errorf("missing problem %+v in %v", k, res.Report.Problems)
		}
	}
}

func TestImportCSVLegacyBytes(t *testing.T) {
	// An 8-bit CSV: a TCVN3 name, a VNI name and a Windows-1258 line.
	csv := "STT,Ho\xf2 v\xe0 t\xean,Gi\xf5\xeci t\xednh,\xd0\xf5n vi\xf2\n" + // header in Windows-1258
		"1,Nguy\xd4n Th\xde H\xad\xacng,N\xf7,Ph\xdfng A\n" + // TCVN3
		"2,Nguye\xe3n Va\xean Hoa\xf8ng,Nam,Ph\xdfng B\n" // VNI name
	res, err := Import(context.Background(), strings.NewReader(csv), "cu.csv", -1, Options{Catalogue: catalogue(t), DefaultKind: award.Individual, DefaultAwardForm: "giay-khen-giam-doc-so"})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Nominations) != 2 {
		t.Fatalf("nominations = %+v, problems %v", res.Nominations, res.Report.Problems)
	}
	if a, b := res.Nominations[0].Name, res.Nominations[1].Name; a != "Nguyễn Thị Hương" || b != "Nguyễn Văn Hoàng" {
		t.Errorf("names = %q, %q", a, b)
	}
	if res.Nominations[0].Gender != award.Female || res.Nominations[0].Unit != "Phòng A" {
		t.Errorf("first = %+v", res.Nominations[0])
	}
	ps := problemSet(res.Report.Problems)
	if _, ok := ps[problemKey{"", 0, "", "not_utf8", true}]; !ok {
		t.Errorf("no not_utf8 warning: %v", res.Report.Problems)
	}
	if _, ok := ps[problemKey{"cu", 3, "B", "legacy_encoding", true}]; !ok {
		t.Errorf("no VNI warning: %v", res.Report.Problems)
	}
}

func TestImportBadInput(t *testing.T) {
	cat := catalogue(t)
	tests := []struct {
		name string
		data []byte
		file string
		kind apperr.Kind
		code string
	}{
		{"pdf", []byte("%PDF-1.4\n%âãÏÓ"), "ds.xlsx", apperr.Invalid, "not_a_spreadsheet"},
		{"no header", xlsx(t, spreadsheet.SheetSpec{Name: "S", Cells: []spreadsheet.CellSpec{{Ref: "A1", Value: "Nguyễn Văn A"}, {Ref: "B1", Value: "Phòng B"}}}), "ds.xlsx", apperr.Invalid, "no_header"},
		{"empty csv", []byte(""), "ds.csv", apperr.Invalid, "no_header"},
	}
	for _, tt := range tests {
		_, err := Import(context.Background(), bytes.NewReader(tt.data), tt.file, int64(len(tt.data)), Options{Catalogue: cat})
		if ae := apperr.As(err); ae.Kind != tt.kind || ae.Code != tt.code {
			t.Errorf("%s: err = %v", tt.name, err)
		}
	}
}

func TestImportTooManyRows(t *testing.T) {
	rows := make([][]string, 100_000)
	for i := range rows {
		rows[i] = []string{fmt.Sprint(i + 1), "Nguyễn Văn A", "Chuyên viên", "Phòng B", "Nam"}
	}
	var buf bytes.Buffer
	if err := spreadsheet.WriteTable(&buf, "DS", []string{"STT", "Họ và tên", "Chức vụ", "Đơn vị", "Giới tính"}, rows, spreadsheet.TableOptions{}); err != nil {
		t.Fatal(err)
	}
	_, err := Import(context.Background(), bytes.NewReader(buf.Bytes()), "big.xlsx", int64(buf.Len()), Options{Catalogue: catalogue(t)})
	// Refused by the cell count (issue 10) before the row count is reached.
	if ae := apperr.As(err); ae.Kind != apperr.TooLarge || ae.Code != "too_many_cells" || !strings.Contains(ae.Detail, "100000") {
		t.Errorf("err = %v", err)
	}
}

// TestExampleLists keeps testdata/nominations.xlsx and .csv (the example
// lists of the repository) importable without errors; -update regenerates
// them.
func TestExampleLists(t *testing.T) {
	dir := filepath.Join("..", "..", "testdata")
	if golden.Update() {
		writeExamples(t, dir)
	}
	for _, name := range []string{"nominations.xlsx", "nominations.csv"} {
		data, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatalf("%v (run go test -update)", err)
		}
		res, err := Import(context.Background(), bytes.NewReader(data), name, int64(len(data)), Options{Catalogue: catalogue(t)})
		if err != nil {
			t.Fatal(err)
		}
		if res.Report.Errors != 0 || len(res.Nominations) != 8 {
			t.Errorf("%s: %d nominations, problems %v", name, len(res.Nominations), res.Report.Problems)
		}
		goldenPath := filepath.Join("testdata", name+".golden.json")
		got, _ := json.MarshalIndent(res, "", "  ")
		got = append(got, '\n')
		if golden.Update() {
			if err := os.WriteFile(goldenPath, got, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		want, err := os.ReadFile(goldenPath)
		if err != nil {
			t.Fatalf("%v (run go test -update)", err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s: import differs from %s; run go test -update and review the diff", name, goldenPath)
		}
	}
}

// "Bà Nguyễn Thị C" in the name column: the danh sách would print "Bà Bà
// Nguyễn Thị C". The word is taken out of the name and sets the gender when
// the list gives none, or is checked against it; the row is named.
func TestImportHonorificInNameColumn(t *testing.T) {
	csv := "STT;Họ và tên;Giới tính;Chức vụ;Đơn vị công tác;Hình thức khen thưởng\n" +
		"1;Bà Nguyễn Thị C;;Chuyên viên;Phòng A;Giấy khen của Giám đốc Sở\n" +
		"2;Ông Lò Văn D;Nam;Chuyên viên;Phòng A;Giấy khen của Giám đốc Sở\n" +
		"3;Ông Vi Văn E;Nữ;Chuyên viên;Phòng A;Giấy khen của Giám đốc Sở\n"
	res, _ := Import(context.Background(), strings.NewReader(csv), "ds.csv", -1, Options{Catalogue: catalogue(t), DefaultKind: award.Individual})
	if len(res.Nominations) != 2 {
		t.Fatalf("nominations = %+v, problems %v", res.Nominations, res.Report.Problems)
	}
	c, d := res.Nominations[0], res.Nominations[1]
	if c.Name != "Nguyễn Thị C" || c.Gender != award.Female || c.DisplayName() != "Bà Nguyễn Thị C" {
		t.Errorf("row 2 = %+v (%q)", c, c.DisplayName())
	}
	if d.Name != "Lò Văn D" || d.Gender != award.Male {
		t.Errorf("row 3 = %+v", d)
	}
	ps := problemSet(res.Report.Problems)
	for _, k := range []problemKey{
		{"ds", 2, "B", "honorific_in_name", true},
		{"ds", 3, "B", "honorific_in_name", true},
		{"ds", 4, "B", "honorific_gender_mismatch", false},
	} {
		if _, ok := ps[k]; !ok {
			t.Errorf("missing problem %+v in %v", k, res.Report.Problems)
		}
	}
}

// The rows a list's report did not import are said in words, so that an
// officer reading "8/10 dòng" knows where the other two went.
func TestReportNotImported(t *testing.T) {
	r := Report{Rows: 12, Imported: 8, Sections: 2, SkippedEmpty: 1, SkippedOther: 1}
	if got, want := r.NotImported(), "2 dòng tiêu đề mục, 1 dòng trống, 1 dòng không phải đề nghị (xem phần cần xem lại)"; got != want {
		t.Errorf("NotImported = %q, want %q", got, want)
	}
	if got := (Report{Rows: 3, Imported: 3}).NotImported(); got != "" {
		t.Errorf("all imported: %q", got)
	}
}
