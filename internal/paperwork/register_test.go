package paperwork

import (
	"bytes"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/vanban/vanban/internal/nd30"
	"github.com/vanban/vanban/internal/registry"
)

func TestWriteRegisterXLSX(t *testing.T) {
	recs := []registry.Record{
		{Agency: "SVHTTDL", Year: 2026, Number: 1, NumberText: "01", Symbol: "KH-SVHTTDL", Kind: "KH", KindName: "Kế hoạch",
			Date: nd30.Date{Year: 2026, Month: 3, Day: 5}, Summary: "Tổ chức phong trào thi đua năm 2026", Signer: "Nguyễn Văn An",
			Status: registry.Issued},
	}
	var buf bytes.Buffer
	if err := WriteRegisterXLSX(&buf, 2026, recs); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows(f.GetSheetName(0))
	if err != nil {
		t.Fatal(err)
	}
	header, want := registry.ExportTable(recs)
	if len(rows) != len(want)+1 || strings.Join(rows[0], "|") != strings.Join(header, "|") {
		t.Fatalf("rows %q", rows)
	}
	// The number keeps its zero; the date is the register's form.
	if rows[1][0] != "01/KH-SVHTTDL" || rows[1][1] != "05/03/2026" || rows[1][2] != "Kế hoạch\nTổ chức phong trào thi đua năm 2026" {
		t.Errorf("first row %q", rows[1])
	}
}
