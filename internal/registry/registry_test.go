package registry

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
	"golang.org/x/text/unicode/norm"

	"github.com/vanban/vanban/internal/apperr"
	"github.com/vanban/vanban/internal/document"
	"github.com/vanban/vanban/internal/golden"
	"github.com/vanban/vanban/internal/nd30"
)

func TestSearchKey(t *testing.T) {
	same := [][]string{
		{"Hòa", "hoà", "HOÀ", norm.NFD.String("hoà"), norm.NFD.String("HÒA")},
		{"Ủy ban", "Uỷ  ban", "UỶ BAN", "  uỷ\tban "},
		{"thủy", "thuỷ"},
		{"khỏe", "khoẻ"},
		{"Quyết định", "QUYẾT ĐỊNH", norm.NFD.String("quyết định")},
		{"QyĐ-SVHTTDL", "qyđ-svhttdl"},
	}
	for _, group := range same {
		want := SearchKey(group[0])
		for _, s := range group[1:] {
			if got := SearchKey(s); got != want {
				t.Errorf("SearchKey(%q) = %q, want %q (as for %q)", s, got, want, group[0])
			}
		}
	}
	differ := [][2]string{{"hoà", "hoa"}, {"bằng", "bàng"}, {"đi", "di"}, {"quý", "quy"}}
	for _, d := range differ {
		if SearchKey(d[0]) == SearchKey(d[1]) {
			t.Errorf("SearchKey(%q) == SearchKey(%q): tones must still count", d[0], d[1])
		}
	}
	// A typed prefix of a word is a prefix of its key.
	for _, w := range []string{"thuỷ", "huỳnh", "hoàn", "nghiệp"} {
		r := []rune(norm.NFC.String(w))
		for i := 1; i <= len(r); i++ {
			if !strings.HasPrefix(SearchKey(w), SearchKey(string(r[:i]))) {
				t.Errorf("key of %q does not contain the key of its prefix %q", w, string(r[:i]))
			}
		}
	}
	folds := map[string]string{"Quyết định khen thưởng": "quyet dinh khen thuong", "Đề nghị": "de nghi", "Thủy": "thuy"}
	for in, want := range folds {
		if got := Fold(in); got != want {
			t.Errorf("Fold(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestSearchTextFields(t *testing.T) {
	r := Record{NumberText: "05", Symbol: "TTr-SVHTTDL", KindName: "Tờ trình", Summary: "Đề nghị tặng Bằng khen", Signer: "Lò Văn Hoà"}
	got := SearchText(r)
	want := "05/ttr-svhttdl\ntờ trình\nđề nghị tặng bằng khen\nlò văn hoà\n05/ttr-svhttdl\nto trinh\nde nghi tang bang khen\nlo van hoa"
	if got != want {
		t.Errorf("SearchText =\n%q\nwant\n%q", got, want)
	}
}

func TestCheckSymbol(t *testing.T) {
	for _, s := range []string{"KH-SVHTTDL", "TTr-SVHTTDL", "QyĐ-UBND", "BNV-VP", "QĐ-UBND&BCĐ", "SY-SVHTTDL", "2025/QĐ-UBND"} {
		if msg := checkSymbol(s); msg != "" {
			t.Errorf("checkSymbol(%q): %s", s, msg)
		}
	}
	for _, s := range []string{"", "KH - SVHTTDL", "05/KH-SVHTTDL", "KH--SVHTTDL", "-KH", "KH-", "25/QĐ-UBND", "2025/", "2025/QĐ/UBND"} {
		if msg := checkSymbol(s); msg == "" {
			t.Errorf("checkSymbol(%q) accepted", s)
		}
	}
}

func TestConfig(t *testing.T) {
	now := func() time.Time { return time.Date(2026, 3, 10, 2, 0, 0, 0, time.UTC) }
	bad := []struct {
		cfg  Config
		code string
	}{
		{Config{Now: now, Padding: 9}, "invalid_padding"},
		{Config{Now: now, Series: []Series{{Name: "a"}, {Name: "b"}}}, "duplicate_catch_all"},
		{Config{Now: now, Series: []Series{{Name: "a", Kinds: []string{"QĐ"}}, {Name: "b", Kinds: []string{"QĐ"}}}}, "duplicate_kind"},
		{Config{Now: now, Series: []Series{{Name: "a"}, {Name: "a", Kinds: []string{"QĐ"}}}}, "duplicate_series"},
		{Config{Now: now, Series: []Series{{Name: "a b"}}}, "invalid_series"},
	}
	for _, c := range bad {
		err := c.cfg.check()
		ae := apperr.As(err)
		if err == nil || ae.Kind != apperr.Invalid || len(ae.Problems) == 0 || ae.Problems[0].Code != c.code {
			t.Errorf("%+v: %v, want %s", c.cfg.Series, err, c.code)
		}
	}
	if err := (&Config{}).check(); err == nil {
		t.Error("a Config without a clock was accepted")
	}
	c := Config{Now: now}
	if err := c.check(); err != nil || c.Padding != 2 || len(c.Series) != 1 || c.Series[0].Name != SharedSeries || c.Location != Vietnam {
		t.Errorf("defaults: %+v %v", c, err)
	}
	c = Config{Now: now, Series: []Series{{Name: "qd", Kinds: []string{"QĐ"}}, {Name: "chung"}}}
	if err := c.check(); err != nil {
		t.Fatal(err)
	}
	for kind, want := range map[string]string{"QĐ": "qd", "KH": "chung", "CV": "chung"} {
		if got, err := c.seriesFor(kind, ""); err != nil || got != want {
			t.Errorf("series of %s: %q %v, want %q", kind, got, err, want)
		}
	}
	if _, err := c.seriesFor("KH", "mat"); apperr.As(err).Code != "unknown_series" {
		t.Errorf("unknown named series: %v", err)
	}
}

// sampleRecords is a small register: a shared series with a cancelled
// document, several recipients, a registered công văn and a number ≥ 10.
func sampleRecords() []Record {
	cancelled := time.Date(2026, 1, 20, 3, 0, 0, 0, time.UTC)
	id := func(n byte) uuid.UUID { return uuid.UUID{15: n} }
	return []Record{
		{ID: id(1), Agency: "SVHTTDL", Series: "chung", Year: 2026, Number: 1, NumberText: "01", Symbol: "KH-SVHTTDL",
			Kind: "KH", KindName: "Kế hoạch", Date: nd30.Date{Year: 2026, Month: 1, Day: 5}, Summary: "Tổ chức phong trào thi đua năm 2026",
			Signer: "Nguyễn Văn An", Recipients: []string{"UBND tỉnh (b/c)", "Các phòng, đơn vị thuộc Sở"},
			Archive: "VT, TĐKT", Copies: 15, Status: Issued},
		{ID: id(2), Agency: "SVHTTDL", Series: "chung", Year: 2026, Number: 2, NumberText: "02", Symbol: "TTr-SVHTTDL",
			Kind: "TTr", KindName: "Tờ trình", Date: nd30.Date{Year: 2026, Month: 1, Day: 12}, Summary: "Đề nghị tặng Bằng khen của Chủ tịch UBND tỉnh",
			Signer: "Trần Thị Bình", Recipients: []string{"UBND tỉnh"}, Archive: "VT, TĐKT", Copies: 3,
			Status: Cancelled, CancelReason: "Sai danh sách", CancelledAt: &cancelled},
		{ID: id(3), Agency: "SVHTTDL", Series: "chung", Year: 2026, Number: 12, NumberText: "12", Symbol: "SVHTTDL-VP",
			Kind: "CV", KindName: "Công văn", Date: nd30.Date{Year: 2026, Month: 2, Day: 3}, Summary: "V/v báo cáo kết quả thi đua quý I",
			Signer: "Nguyễn Văn An", Recipients: []string{"Phòng Văn hóa và Thông tin các huyện"}, Archive: "VT",
			Status: Registered, Note: "Văn bản giấy"},
	}
}

func TestExportTableGolden(t *testing.T) {
	header, rows := ExportTable(sampleRecords())
	if len(header) != 8 {
		t.Fatalf("%d columns", len(header))
	}
	for i, r := range rows {
		if len(r) != len(header) {
			t.Fatalf("row %d has %d cells", i, len(r))
		}
	}
	if rows[1][7] != "Đã hủy ngày 20/01/2026: Sai danh sách" || rows[1][0] != "02/TTr-SVHTTDL" {
		t.Errorf("cancelled row %q", rows[1])
	}
	out, err := json.MarshalIndent(map[string]any{"header": header, "rows": rows}, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	golden.Check(t, "register-table.json", append(out, '\n'))
}

func TestExportDocumentGolden(t *testing.T) {
	d := ExportDocument("Sở Văn hóa, Thể thao và Du lịch", 2026, sampleRecords())
	sec := d.Sections[0]
	if !sec.Page.Landscape() || sec.Page.WidthMM != 297 {
		t.Errorf("page %+v is not A4 landscape", sec.Page)
	}
	table, ok := sec.Blocks[len(sec.Blocks)-1].(document.Table)
	if !ok {
		t.Fatalf("last block is %T, want the register table", sec.Blocks[len(sec.Blocks)-1])
	}
	if len(table.Header) != 2 || len(table.Rows) != 3 || len(table.Header[0].Cells) != 8 {
		t.Errorf("table: %d header rows, %d rows", len(table.Header), len(table.Rows))
	}
	if got := table.Rows[0].Cells[2].Paragraphs; len(got) != 2 || got[0].Text() != "Kế hoạch" {
		t.Errorf("type name and trích yếu cell: %+v", got)
	}
	sum := 0.0
	for _, w := range table.ColumnsMM {
		sum += w
	}
	if sum != sec.Page.TextWidthMM() {
		t.Errorf("columns take %.1f mm of %.1f mm", sum, sec.Page.TextWidthMM())
	}
	out, err := json.MarshalIndent(d, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	golden.Check(t, "register-document.json", append(out, '\n'))
}
