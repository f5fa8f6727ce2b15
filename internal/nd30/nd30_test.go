package nd30

import (
	"encoding/json"
	"math"
	"reflect"
	"strings"
	"testing"

	"github.com/vanban/vanban/internal/document"
	"github.com/vanban/vanban/internal/typeset"
	"github.com/vanban/vanban/internal/typeset/typesettest"
)

func TestDateLong(t *testing.T) {
	cases := []struct {
		d    Date
		want string
	}{
		{Date{2022, 1, 5}, "ngày 05 tháng 01 năm 2022"},
		{Date{2022, 2, 28}, "ngày 28 tháng 02 năm 2022"},
		{Date{2022, 3, 15}, "ngày 15 tháng 3 năm 2022"},
		{Date{2019, 6, 29}, "ngày 29 tháng 6 năm 2019"},
		{Date{2021, 12, 5}, "ngày 05 tháng 12 năm 2021"},
		{Date{2021, 12, 0}, "ngày " + BlankDay + " tháng 12 năm 2021"},
		{Date{2020, 10, 10}, "ngày 10 tháng 10 năm 2020"},
	}
	for _, c := range cases {
		if got := c.d.Long(); got != c.want {
			t.Errorf("%v.Long() = %q, want %q", c.d, got, c.want)
		}
	}
	if got := PlaceDate("Thành phố Hồ Chí Minh", Date{2019, 6, 29}); got != "Thành phố Hồ Chí Minh, ngày 29 tháng 6 năm 2019" {
		t.Errorf("PlaceDate = %q", got)
	}
	if got := (Date{2025, 12, 10}).Short(); got != "10/12/2025" {
		t.Errorf("Short = %q", got)
	}
	if got := (Date{2025, 1, 2}).Short(); got != "02/01/2025" {
		t.Errorf("Short = %q", got)
	}
}

func TestParseDate(t *testing.T) {
	ok := map[string]Date{
		"2021-12-05": {2021, 12, 5},
		"2021-12":    {2021, 12, 0},
		"2024-02-29": {2024, 2, 29},
	}
	for in, want := range ok {
		got, err := ParseDate(in)
		if err != nil || got != want {
			t.Errorf("ParseDate(%q) = %v, %v; want %v", in, got, err, want)
		}
		if got.String() != in {
			t.Errorf("%v.String() = %q, want %q", got, got.String(), in)
		}
	}
	for _, in := range []string{"2025-02-29", "2025-02-30", "2025-13-01", "2025-00-10", "2025-04-31", "2025-1-5", "05/12/2021", "", "2021-12-00", "abcd-12-01", "1900-01-01", "2021-12-05-01"} {
		if _, err := ParseDate(in); err == nil {
			t.Errorf("ParseDate(%q) accepted an impossible date", in)
		}
	}
}

func TestNumberLine(t *testing.T) {
	cases := []struct {
		n      int
		symbol string
		want   string
	}{
		{5, "KH-SVHTTDL", "Số: 05/KH-SVHTTDL"},
		{1, "BNV-VP", "Số: 01/BNV-VP"},
		{15, "QĐ-BNV", "Số: 15/QĐ-BNV"},
		{125, "TTr-SVHTTDL", "Số: 125/TTr-SVHTTDL"},
		{0, "KH-SVHTTDL", "Số:" + BlankNumber + "/KH-SVHTTDL"},
	}
	for _, c := range cases {
		if got := (Ref{Number: c.n, Symbol: c.symbol}).Line(); got != c.want {
			t.Errorf("Ref{%d, %q}.Line() = %q, want %q", c.n, c.symbol, got, c.want)
		}
	}
	if got := NumberText(31, 3); got != "031" {
		t.Errorf("NumberText(31,3) = %q", got)
	}
}

func TestSymbolKeepsMixedCase(t *testing.T) {
	cases := []struct {
		typ, issuer string
		units       []string
		want        string
	}{
		{"Kế hoạch", "SVHTTDL", nil, "KH-SVHTTDL"},
		{"Tờ trình", "svhttdl", nil, "TTr-SVHTTDL"},
		{"Chương trình", "UBND", nil, "CTr-UBND"},
		{"Quy định", "BNV", nil, "QyĐ-BNV"},
		{"Quyết định", "UBND", nil, "QĐ-UBND"},
		{"Bản trích sao", "SVHTTDL", nil, "TrS-SVHTTDL"},
		{"Đề án", "sở nv", []string{"vp"}, "ĐA-SỞ NV-VP"},
	}
	for _, c := range cases {
		dt, ok := LookupType(c.typ)
		if !ok {
			t.Fatalf("LookupType(%q) not found", c.typ)
		}
		if got := Symbol(dt, c.issuer, c.units...); got != c.want {
			t.Errorf("Symbol(%q, %q) = %q, want %q", c.typ, c.issuer, got, c.want)
		}
	}
	if _, ok := LookupType("TỜ TRÌNH"); !ok {
		t.Error("LookupType must ignore case")
	}
	if err := CheckAbbreviation("SỞ NV"); err == nil {
		t.Error("an abbreviation with a space must be rejected")
	}
	if err := CheckAbbreviation("SVHTTDL"); err != nil {
		t.Error(err)
	}
}

func TestPointLetters(t *testing.T) {
	got := strings.Join(PointLetters[:10], " ")
	if got != "a b c d đ e g h i k" {
		t.Errorf("điểm letters = %q", got)
	}
	for _, r := range []string{"f", "j", "w", "z", "ă", "â", "ê", "ô", "ơ", "ư"} {
		for _, l := range PointLetters {
			if l == r {
				t.Errorf("%q must not be a điểm letter", r)
			}
		}
	}
	if l, ok := PointLetter(4); !ok || l != "đ" {
		t.Errorf("PointLetter(4) = %q", l)
	}
	if _, ok := PointLetter(len(PointLetters)); ok {
		t.Error("PointLetter past y must fail")
	}
	if Roman(4) != "IV" || Roman(9) != "IX" || Roman(14) != "XIV" || Roman(0) != "" {
		t.Error("Roman numerals wrong")
	}
}

func TestUpperVietnamese(t *testing.T) {
	cases := map[string]string{
		"Sở Văn hóa, Thể thao và Du lịch": "SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH",
		"đường ưu ơi ỹ ậ":                 "ĐƯỜNG ƯU ƠI Ỹ Ậ",
		"Ủy ban nhân dân tỉnh Lai Châu":   "ỦY BAN NHÂN DÂN TỈNH LAI CHÂU",
	}
	for in, want := range cases {
		if got := Upper(in); got != want {
			t.Errorf("Upper(%q) = %q, want %q", in, got, want)
		}
	}
	// Every lowercase Vietnamese letter round-trips.
	const lower = "àảãáạăằẳẵắặâầẩẫấậđèẻẽéẹêềểễếệìỉĩíịòỏõóọôồổỗốộơờởỡớợùủũúụưừửữứựỳỷỹýỵ"
	if got := strings.ToLower(Upper(lower)); got != lower {
		t.Errorf("round trip failed: %q", got)
	}
}

func TestKeyIgnoresTonePlacementCaseSpacingAndNFD(t *testing.T) {
	same := [][2]string{
		{"Hòa", "hoà"},
		{"thủy", "THUỶ"},
		{"Ủy ban", "Uỷ  ban"},
		{"Nguyễn Văn A", "nguyê\u0303n   văn a"},
		{"khóa", "khoá"},
	}
	for _, p := range same {
		if Key(p[0]) != Key(p[1]) {
			t.Errorf("Key(%q) != Key(%q): %q vs %q", p[0], p[1], Key(p[0]), Key(p[1]))
		}
	}
	diff := [][2]string{{"Hòa", "Hóa"}, {"Lê", "Lệ"}, {"Đức", "Dức"}}
	for _, p := range diff {
		if Key(p[0]) == Key(p[1]) {
			t.Errorf("Key(%q) == Key(%q), want different", p[0], p[1])
		}
	}
}

func TestClean(t *testing.T) {
	got, err := Clean("Nguye\u0302\u0303n", false)
	if err != nil || got != "Nguyễn" {
		t.Errorf("Clean NFD = %q, %v", got, err)
	}
	if _, err := Clean("a\x00b", false); err == nil {
		t.Error("NUL accepted")
	}
	if _, err := Clean("a\x1bb", true); err == nil {
		t.Error("ESC accepted")
	}
	if _, err := Clean("a\nb", false); err == nil {
		t.Error("newline accepted in a single-line field")
	}
	if got, err := Clean("a\r\nb\tc", true); err != nil || got != "a\nb c" {
		t.Errorf("Clean multiline = %q, %v", got, err)
	}
	if _, err := Clean(string([]byte{0xff, 0xfe}), true); err == nil {
		t.Error("invalid UTF-8 accepted")
	}
}

func TestSignerLines(t *testing.T) {
	cases := []struct {
		s    Signer
		want []string
	}{
		{Signer{Title: "Giám đốc", Name: "A"}, []string{"GIÁM ĐỐC"}},
		{Signer{Authority: "KT.", On: "Giám đốc", Title: "Phó Giám đốc", Name: "A"}, []string{"KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"}},
		{Signer{Authority: "TM.", On: "Ủy ban nhân dân", Title: "Chủ tịch", Name: "A"}, []string{"TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"}},
		{Signer{Authority: "TM.", On: "Ủy ban nhân dân", Inner: &Level{Authority: "KT.", On: "Chủ tịch"}, Title: "Phó Chủ tịch", Name: "A"}, []string{"TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"}},
		{Signer{Authority: "TM.", On: "Ủy ban nhân dân", Inner: &Level{Authority: "Q.", On: "Chủ tịch"}, Name: "A"}, []string{"TM. ỦY BAN NHÂN DÂN", "Q. CHỦ TỊCH"}},
		{Signer{Authority: "TL.", On: "Giám đốc", Title: "Chánh Văn phòng", Name: "A"}, []string{"TL. GIÁM ĐỐC", "CHÁNH VĂN PHÒNG"}},
		{Signer{Authority: "TUQ.", On: "Giám đốc", Title: "Trưởng phòng Quản lý văn hóa", Name: "A"}, []string{"TUQ. GIÁM ĐỐC", "TRƯỞNG PHÒNG QUẢN LÝ VĂN HÓA"}},
		{Signer{Authority: "Q.", On: "Giám đốc", Name: "A"}, []string{"Q. GIÁM ĐỐC"}},
	}
	for _, c := range cases {
		if errs := c.s.Check(); len(errs) != 0 {
			t.Errorf("%+v: unexpected problems %v", c.s, errs)
		}
		if got := c.s.Lines(); !reflect.DeepEqual(got, c.want) {
			t.Errorf("%+v.Lines() = %q, want %q", c.s, got, c.want)
		}
	}
	bad := []struct {
		s     Signer
		field string
	}{
		{Signer{Authority: "K.T.", Title: "x", Name: "A"}, "authority"},
		{Signer{Authority: "KT.", Title: "Phó Giám đốc", Name: "A"}, "on"},
		{Signer{Authority: "KT.", On: "Giám đốc", Name: "A"}, "title"},
		{Signer{Title: "Giám đốc"}, "name"},
		{Signer{Name: "A"}, "title"},
		// The two-level form is described by "inner", never by a line break.
		{Signer{Authority: "TM.", On: "Ủy ban nhân dân", Title: "KT. Chủ tịch\nPhó Chủ tịch", Name: "A"}, "title"},
		{Signer{Authority: "KT.", On: "Giám đốc", Inner: &Level{Authority: "KT.", On: "x"}, Title: "Phó", Name: "A"}, "inner"},
		{Signer{Authority: "TM.", On: "UBND", Inner: &Level{Authority: "TL.", On: "Chủ tịch"}, Title: "x", Name: "A"}, "inner"},
		{Signer{Authority: "TM.", On: "UBND", Inner: &Level{Authority: "KT."}, Title: "x", Name: "A"}, "inner"},
		{Signer{Authority: "TM.", On: "UBND", Inner: &Level{Authority: "KT.", On: "Chủ tịch"}, Name: "A"}, "title"},
	}
	for _, c := range bad {
		if _, ok := c.s.Check()[c.field]; !ok {
			t.Errorf("%+v: want a problem on %q, got %v", c.s, c.field, c.s.Check())
		}
	}
}

func TestRecipientLines(t *testing.T) {
	got := RecipientLines([]string{"UBND tỉnh (B/c)", "- Lãnh đạo Sở;", "Các phòng."}, []string{"TĐKT"})
	want := []string{"- UBND tỉnh (B/c);", "- Lãnh đạo Sở;", "- Các phòng;", "- Lưu: VT, TĐKT."}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("RecipientLines = %q, want %q", got, want)
	}
	if got := RecipientLines(nil, nil); !reflect.DeepEqual(got, []string{"- Lưu: VT."}) {
		t.Errorf("empty = %q", got)
	}
	if got := KinhGuiLines([]string{"Ủy ban nhân dân tỉnh Lai Châu"}); !reflect.DeepEqual(got, []string{"Ủy ban nhân dân tỉnh Lai Châu"}) {
		t.Errorf("single Kính gửi = %q", got)
	}
	if got := KinhGuiLines([]string{"Chủ tịch Ủy ban nhân dân tỉnh", "Sở Nội vụ"}); !reflect.DeepEqual(got, []string{"- Chủ tịch Ủy ban nhân dân tỉnh;", "- Sở Nội vụ."}) {
		t.Errorf("several Kính gửi = %q", got)
	}
}

func TestMarginsAndProfiles(t *testing.T) {
	if errs := CheckMargins(DefaultMargins); len(errs) != 0 {
		t.Errorf("default margins rejected: %v", errs)
	}
	if A4.TextWidthMM() != 165 {
		t.Errorf("text width = %v, want 165", A4.TextWidthMM())
	}
	errs := CheckMargins(document.Margins{TopMM: 19, BottomMM: 26, LeftMM: 25, RightMM: 21})
	for _, f := range []string{"top", "bottom", "left", "right"} {
		if _, ok := errs[f]; !ok {
			t.Errorf("margin %s out of range not reported", f)
		}
	}
	for _, p := range Profiles {
		if p.Motto < p.NationalTitle || p.Body < 13 || p.Body > 14 || p.RecipientsTag != 12 || p.Recipients != 11 {
			t.Errorf("profile %s breaks NĐ30 sizes: %+v", p.Name, p)
		}
		lh := BodyLineHeight(p.Body)
		single := p.Body * 1.107 // Times New Roman ascent+descent
		if lh < single || lh > 1.5*single {
			t.Errorf("body line height %v pt outside 1–1.5 lines (%v–%v)", lh, single, 1.5*single)
		}
	}
	if _, err := LookupProfile("11/12"); err == nil {
		t.Error("unknown profile accepted")
	}
}

func TestHeaderGrid(t *testing.T) {
	l := NewLayout(Profiles[0], typesettest.Metrics())
	g := l.Header(HeaderInput{
		Agency: Agency{Parent: "UBND tỉnh Lai Châu", Name: "Sở Văn hóa, Thể thao và Du lịch", Abbreviation: "SVHTTDL", Place: "Lai Châu"},
		Symbol: "KH-SVHTTDL", Date: Date{2021, 12, 0},
	})
	if sum := g.ColumnsMM[0] + g.ColumnsMM[1]; sum > 165.01 {
		t.Errorf("header wider than the text: %v", g.ColumnsMM)
	}
	if g.ColumnsMM[1] < 92 {
		t.Errorf("right column %v mm < 92 mm needed by the Quốc hiệu", g.ColumnsMM[1])
	}
	left := g.Rows[0].Cells[0].Blocks
	texts := []string{}
	for _, b := range left {
		if p, ok := b.(document.Paragraph); ok {
			texts = append(texts, p.Text())
			if p.Text() == "UBND TỈNH LAI CHÂU" && p.Runs[0].Bold {
				t.Error("cơ quan chủ quản must not be bold")
			}
		}
	}
	want := []string{"UBND TỈNH LAI CHÂU", "SỞ VĂN HÓA, THỂ THAO", "VÀ DU LỊCH"}
	if !reflect.DeepEqual(texts, want) {
		t.Errorf("agency lines = %q, want %q", texts, want)
	}
	rule := left[len(left)-1].(document.Rule)
	longest := typesettest.Metrics().WidthMM("SỞ VĂN HÓA, THỂ THAO", typeset.Style{Bold: true}, 12)
	if rule.WidthMM < longest/3 || rule.WidthMM > longest/2 {
		t.Errorf("agency rule %v mm not within 1/3–1/2 of %v mm", rule.WidthMM, longest)
	}
	motto := g.Rows[0].Cells[1].Blocks[2].(document.Rule)
	if mw := typesettest.Metrics().WidthMM(Motto, typeset.Style{Bold: true}, 13); motto.WidthMM < mw-0.1 || motto.WidthMM > mw+0.1 {
		t.Errorf("Tiêu ngữ rule %v mm, text %v mm", motto.WidthMM, mw)
	}
	num := g.Rows[1].Cells[0].Blocks[0].(document.Paragraph)
	date := g.Rows[1].Cells[1].Blocks[0].(document.Paragraph)
	if num.Text() != "Số:"+BlankNumber+"/KH-SVHTTDL" || !date.Runs[0].Italic || date.Text() != "Lai Châu, ngày "+BlankDay+" tháng 12 năm 2021" {
		t.Errorf("second row = %q / %q", num.Text(), date.Text())
	}
}

func TestSplitAgencyName(t *testing.T) {
	l := NewLayout(Profiles[0], typesettest.Metrics())
	cases := []struct {
		name  string
		width float64
		want  []string
	}{
		{"SỞ NỘI VỤ", 65, []string{"SỞ NỘI VỤ"}},
		{"SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH", 65, []string{"SỞ VĂN HÓA, THỂ THAO", "VÀ DU LỊCH"}},
		{"SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG", 50, []string{"SỞ TÀI NGUYÊN", "VÀ MÔI TRƯỜNG"}},
	}
	for _, c := range cases {
		if got := l.SplitAgencyName(c.name, 12, c.width); !reflect.DeepEqual(got, c.want) {
			t.Errorf("SplitAgencyName(%q, %v) = %q, want %q", c.name, c.width, got, c.want)
		}
	}
}

func TestUrgencyStamp(t *testing.T) {
	l := NewLayout(Profiles[0], typesettest.Metrics())
	for code, mark := range UrgencyCodes {
		g := l.Header(HeaderInput{Agency: Agency{Name: "Sở Nội vụ", Place: "Lai Châu"}, Symbol: "KH-SNV", Date: Date{2025, 3, 1}, Number: 3, Urgency: mark})
		cell := g.Rows[1].Cells[0].Blocks
		stamp := cell[len(cell)-1].(document.Paragraph)
		if !stamp.Boxed || stamp.Text() != mark || stamp.BoxWidthMM != Urgencies[mark] || !stamp.Runs[0].Bold {
			t.Errorf("%s: stamp %+v", code, stamp)
		}
	}
}

func TestClosingAndKinhGui(t *testing.T) {
	l := NewLayout(Profiles[0], typesettest.Metrics())
	g := l.Closing([]string{"UBND tỉnh (B/c)"}, []string{"TĐKT"}, Signer{Authority: "KT.", On: "Giám đốc", Title: "Phó Giám đốc", Name: "Trần Mạnh Hùng"})
	if !g.KeepWithPrevious || !g.KeepTogether {
		t.Error("signature grid must keep with the body")
	}
	left, right := g.Rows[0].Cells[0].Blocks, g.Rows[0].Cells[1].Blocks
	tag := left[0].(document.Paragraph)
	if tag.Text() != "Nơi nhận:" || !tag.Runs[0].Bold || !tag.Runs[0].Italic || tag.SizePt != 12 {
		t.Errorf("Nơi nhận label %+v", tag)
	}
	if it := left[1].(document.Paragraph); it.SizePt != 11 || it.Text() != "- UBND tỉnh (B/c);" {
		t.Errorf("item %+v", it)
	}
	if last := left[len(left)-1].(document.Paragraph); last.Text() != "- Lưu: VT, TĐKT." {
		t.Errorf("last item %q", last.Text())
	}
	if r := right[0].(document.Paragraph); r.Text() != "KT. GIÁM ĐỐC" || !r.Runs[0].Bold {
		t.Errorf("authority line %+v", r)
	}
	name := right[len(right)-1].(document.Paragraph)
	if name.Text() != "Trần Mạnh Hùng" || name.SpaceBeforePt < 60 {
		t.Errorf("name %+v (needs room for signature and seal)", name)
	}
	one := l.KinhGui([]string{"Ủy ban nhân dân tỉnh Lai Châu"})
	if p := one[0].(document.Paragraph); p.Text() != "Kính gửi: Ủy ban nhân dân tỉnh Lai Châu" || p.Align != document.Center {
		t.Errorf("single Kính gửi %+v", p)
	}
	many := l.KinhGui([]string{"Chủ tịch Ủy ban nhân dân tỉnh", "Sở Nội vụ"})
	grid := many[0].(document.Grid)
	if len(grid.ColumnsMM) != 2 || len(grid.Rows[0].Cells[1].Blocks) != 2 {
		t.Fatalf("several Kính gửi: %+v", grid)
	}
	if grid.OffsetMM < 0 || grid.OffsetMM+grid.ColumnsMM[0]+grid.ColumnsMM[1] > 165.01 {
		t.Errorf("Kính gửi grid outside the text: %+v", grid.ColumnsMM)
	}
}

func TestNumberLineWidth(t *testing.T) {
	if got := (Ref{Number: 31, Width: 3, Symbol: "QĐ-UBND"}).Line(); got != "Số: 031/QĐ-UBND" {
		t.Errorf("width 3: %q", got)
	}
	if got := (Ref{Number: 130, Width: 4, Symbol: "KH-UBND"}).Line(); got != "Số: 0130/KH-UBND" {
		t.Errorf("width 4: %q", got)
	}
	// A legal document carries its year between number and ký hiệu.
	if got := (Ref{Number: 86, Year: 2025, Symbol: "QĐ-UBND"}).String(); got != "86/2025/QĐ-UBND" {
		t.Errorf("with year: %q", got)
	}
	if got := (Ref{Number: 5, Year: 2025, Symbol: "NQ-HĐND"}).Line(); got != "Số: 05/2025/NQ-HĐND" {
		t.Errorf("with year, padded: %q", got)
	}
}

func TestNumberText(t *testing.T) {
	cases := []struct {
		n, width int
		want     string
	}{
		{1, 2, "01"}, {5, 2, "05"}, {9, 2, "09"}, {10, 2, "10"}, {15, 2, "15"}, {125, 2, "125"},
		{31, 3, "031"}, {130, 4, "0130"}, {12345, 4, "12345"}, {7, 1, "7"},
	}
	for _, c := range cases {
		if got := NumberText(c.n, c.width); got != c.want {
			t.Errorf("NumberText(%d, %d) = %q, want %q", c.n, c.width, got, c.want)
		}
	}
}

func TestIssue12Helpers(t *testing.T) {
	if got := Symbol(DocType{}, "svhttdl", "VP"); got != "SVHTTDL-VP" {
		t.Errorf("công văn symbol %q", got)
	}
	if got := (Date{2025, 12, 15}).Weekday(); got != "thứ Hai" {
		t.Errorf("weekday %q", got)
	}
	got := RecipientLines([]string{"Như trên", "VP UBND tỉnh", "+ LĐVP", "+ CVNC;", "Lưu trữ"}, nil)
	want := []string{"- Như trên;", "- VP UBND tỉnh:", "+ LĐVP;", "+ CVNC;", "- Lưu trữ;", "- Lưu: VT."}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("sub-items %q", got)
	}
}

// The JSON form of a date is its ISO text; the register writes it
// dd/mm/yyyy, the body text and certificates in the NĐ30 short form.
func TestDateForms(t *testing.T) {
	var d Date
	if err := json.Unmarshal([]byte(`"2026-03-10"`), &d); err != nil || d != (Date{Year: 2026, Month: 3, Day: 10}) {
		t.Fatalf("JSON date %v %v", d, err)
	}
	if b, _ := json.Marshal(d); string(b) != `"2026-03-10"` {
		t.Errorf("JSON form %s", b)
	}
	if b, _ := json.Marshal(struct{ D Date }{}); string(b) != `{"D":""}` {
		t.Errorf("zero date %s", b)
	}
	if d.Padded() != "10/03/2026" || d.Short() != "10/3/2026" || d.Long() != "ngày 10 tháng 3 năm 2026" {
		t.Errorf("forms %q %q %q", d.Padded(), d.Short(), d.Long())
	}
	if !(Date{2026, 3, 9}).Before(d) || d.Before(d) || d.Compare(Date{2025, 12, 31}) != 1 {
		t.Error("order")
	}
}

func TestKeyAndFold(t *testing.T) {
	same := [][2]string{
		{"Hòa", "hoà"},
		{"Nguyễn Thị Thủy", "nguyễn  thị   thuỷ"},
		{"Ủy ban nhân dân", "Uỷ ban nhân dân"},
		{"Khóa", "khoá"},
		{"Nguyễn Văn Hùng", "Nguye\u0302\u0303n Va\u0306n Hu\u0300ng"}, // NFD
		{" Lò  Thị\u00a0Bình ", "LÒ THỊ BÌNH"},
	}
	for _, p := range same {
		if a, b := Key(p[0]), Key(p[1]); a != b {
			t.Errorf("Key(%q) = %q, Key(%q) = %q; want equal", p[0], a, p[1], b)
		}
	}
	differ := [][2]string{{"Hòa", "Hóa"}, {"Thủy", "Thùy"}, {"Đức", "Dức"}, {"Lương", "Lượng"}}
	for _, p := range differ {
		if Key(p[0]) == Key(p[1]) {
			t.Errorf("Key(%q) == Key(%q); want different", p[0], p[1])
		}
	}
	if got, want := Fold("  HỌ VÀ TÊN "), "ho va ten"; got != want {
		t.Errorf("Fold = %q, want %q", got, want)
	}
	if got, want := Fold("Tên tập thể/cá nhân"), "ten tap the ca nhan"; got != want {
		t.Errorf("Fold = %q, want %q", got, want)
	}
	if got, want := Fold("Đơn vị"), "don vi"; got != want {
		t.Errorf("Fold = %q, want %q", got, want)
	}
}

func TestUnmark(t *testing.T) {
	if got := Unmark("Nguyễn Văn Đức, đội"); got != "Nguyen Van Duc, doi" {
		t.Errorf("Unmark = %q", got)
	}
}

// A wrapped nơi nhận item hangs under its first word: the lines after the
// first start where the text after "- " starts (issue 13).
func TestRecipientItemsHang(t *testing.T) {
	l := NewLayout(Profiles[0], typesettest.Metrics())
	g := l.Closing([]string{"Các phòng chuyên môn, nghiệp vụ và các đơn vị sự nghiệp trực thuộc Sở (để thực hiện)"}, []string{"VT"},
		Signer{Title: "Giám đốc", Name: "Trần Mạnh Hùng"})
	item := g.Rows[0].Cells[0].Blocks[1].(document.Paragraph)
	dash := l.Metrics.WidthMM("- ", typeset.Style{}, l.Profile.Recipients)
	if math.Abs(item.IndentLeftMM-dash) > 0.01 || item.FirstLineIndentMM != -item.IndentLeftMM {
		t.Errorf("item indents left %.2f first %.2f, want a hanging indent of %.2f mm", item.IndentLeftMM, item.FirstLineIndentMM, dash)
	}
}
