package certificate

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/vanban/vanban/internal/apperr"
	"github.com/vanban/vanban/internal/award"
	"github.com/vanban/vanban/internal/nd30"
)

func loadBatch(t *testing.T) *Batch {
	t.Helper()
	path := filepath.Join("..", "..", "testdata", "giay-khen-batch.json")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	b, err := ParseBatch(data, func(name string) ([]byte, error) { return os.ReadFile(filepath.Join(filepath.Dir(path), name)) })
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestDatesAndNames(t *testing.T) {
	d := func(s string) time.Time { tm, _ := time.Parse("2006-01-02", s); return tm }
	tests := []struct{ date, long, short string }{
		{"2025-12-10", "Lai Châu, ngày 10 tháng 12 năm 2025", "10/12/2025"},
		{"2026-01-05", "Lai Châu, ngày 05 tháng 01 năm 2026", "05/01/2026"},
		{"2026-02-28", "Lai Châu, ngày 28 tháng 02 năm 2026", "28/02/2026"},
		{"2026-03-09", "Lai Châu, ngày 09 tháng 3 năm 2026", "09/3/2026"},
	}
	for _, tc := range tests {
		dec := Decision{Number: 5, Symbol: "QĐ-SVHTTDL", Place: "Lai Châu", date: nd30.DateOf(d(tc.date))}
		if got := dec.PlaceDate(); got != tc.long {
			t.Errorf("PlaceDate(%s) = %q, want %q", tc.date, got, tc.long)
		}
		if got, want := dec.DecisionLine(), "Quyết định số 05/QĐ-SVHTTDL ngày "+tc.short; got != want {
			t.Errorf("DecisionLine(%s) = %q, want %q", tc.date, got, want)
		}
	}
	slugs := []struct{ in, want string }{
		{"Nguyễn Văn A", "nguyen-van-a"},
		{"Đặng Thị Đào", "dang-thi-dao"},
		{"Phòng Quản lý văn hóa", "phong-quan-ly-van-hoa"},
		{"Trung tâm Văn hóa, Điện ảnh tỉnh Lai Châu", "trung-tam-van-hoa-dien-anh-tinh-lai-chau"},
		{"H'Hen Niê", "h-hen-nie"},
		{"../../etc/passwd", "etc-passwd"},
		{"Ủy ban nhân dân xã Sơn Bình, huyện Tam Đường, tỉnh Lai Châu và các đơn vị", "uy-ban-nhan-dan-xa-son-binh-huyen-tam-duong-tinh-lai-chau"},
		{"!!!", "giay-khen"},
	}
	for _, tc := range slugs {
		if got := Slug(tc.in); got != tc.want {
			t.Errorf("Slug(%q) = %q, want %q", tc.in, got, tc.want)
		}
		if len(Slug(tc.in)) > 60 {
			t.Errorf("Slug(%q) longer than 60", tc.in)
		}
	}
	if got := FileName(7, Recipient{Nomination: award.Nomination{Name: "Nguyễn Văn A"}}, FilePDF); got != "007-nguyen-van-a.pdf" {
		t.Errorf("FileName = %q", got)
	}
	if got := FileName(1234, Recipient{Nomination: award.Nomination{Name: "Lò Thị B"}}, FileDOCX); got != "1234-lo-thi-b.docx" {
		t.Errorf("FileName = %q", got)
	}
	s := Decision{Signer: nd30.Signer{Authority: "KT.", On: "Giám đốc", Title: "Phó Giám đốc", Name: "X"}}
	if s.AuthorityLine() != "KT. GIÁM ĐỐC" || s.TitleLine() != "PHÓ GIÁM ĐỐC" {
		t.Errorf("signer lines %q / %q", s.AuthorityLine(), s.TitleLine())
	}
	s = Decision{Signer: nd30.Signer{Title: "Giám đốc", Name: "X"}}
	if s.AuthorityLine() != "GIÁM ĐỐC" || s.TitleLine() != "" {
		t.Errorf("own-name signer lines %q / %q", s.AuthorityLine(), s.TitleLine())
	}
}

// The checks of the batch alone (layout, background and Word design are
// internal/certprint's tests).
func TestBatchValidation(t *testing.T) {
	tests := []struct {
		name   string
		change func(b *Batch)
		kind   apperr.Kind
		code   string
	}{
		{"empty list", func(b *Batch) { b.Recipients = nil }, apperr.Invalid, "empty_recipients"},
		{"100000 recipients", func(b *Batch) {
			b.Recipients = make([]Recipient, 100000)
			for i := range b.Recipients {
				b.Recipients[i] = Recipient{Nomination: award.Nomination{Kind: award.Collective, Name: "Phòng A"}}
			}
		}, apperr.TooLarge, "too_many_recipients"},
		{"gender not given", func(b *Batch) { b.Recipients[3].Gender = "" }, apperr.Invalid, "missing_gender"},
		{"bad recipient kind", func(b *Batch) { b.Recipients[0].Kind = "to-chuc" }, apperr.Invalid, "invalid_recipient_kind"},
		{"duplicate number", func(b *Batch) { b.Recipients[2].Number = 1 }, apperr.Invalid, "duplicate_number"},
		{"no number", func(b *Batch) { b.Numbering = nil }, apperr.Invalid, "missing_number"},
		{"bad date", func(b *Batch) { b.Decision.Date = "10/12/2025" }, apperr.Invalid, "invalid_date"},
		{"bad authority", func(b *Batch) { b.Decision.Signer.Authority = "Thay mặt" }, apperr.Invalid, "invalid_signer"},
		{"KT. without whom", func(b *Batch) { b.Decision.Signer.On = "" }, apperr.Invalid, "invalid_signer"},
		{"no achievement", func(b *Batch) { b.Achievement = "" }, apperr.Invalid, "missing_achievement"},
		{"bad mode", func(b *Batch) { b.Mode = "draft" }, apperr.Invalid, "invalid_mode"},
		{"bad qr url", func(b *Batch) { b.QR.BaseURL = "vanban.gov.vn" }, apperr.Invalid, "invalid_url"},
		{"offset too large", func(b *Batch) { b.Offset.X = 45 }, apperr.Invalid, "invalid_offset"},
		{"background outside full mode", func(b *Batch) { b.Mode = ModeOverprint; b.SetBackground([]byte("x")) }, apperr.Invalid, "background_needs_full_mode"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			b := loadBatch(t)
			tc.change(b)
			err := b.Validate(MaxRecipients)
			if err == nil {
				t.Fatal("no error")
			}
			if !apperr.Is(err, tc.kind) || !apperr.HasCode(err, tc.code) {
				t.Fatalf("got %v (codes %v), want kind %d code %s", err, apperr.Codes(err), tc.kind, tc.code)
			}
		})
	}
	b := loadBatch(t)
	if err := b.Validate(MaxRecipients); err != nil {
		t.Fatal(err)
	}
	if b.Number(0) != 1 || b.Number(7) != 8 || b.Mode != ModeFull || b.Files != FilePDF {
		t.Errorf("numbers %d…%d, mode %q, files %q", b.Number(0), b.Number(7), b.Mode, b.Files)
	}
}

func TestNominationsConversion(t *testing.T) {
	data := []byte(`{"nominations":[
	 {"kind":"tap-the","name":"Phòng Quản lý văn hóa","parentUnit":"Sở Văn hóa, Thể thao và Du lịch tỉnh Lai Châu","summary":"Hoàn thành xuất sắc nhiệm vụ","extra":1},
	 {"kind":"ca-nhan","name":"Lò Thị B","gender":"nu","position":"Chuyên viên","unit":"Phòng Nghiệp vụ","summary":"Đã có thành tích xuất sắc trong công tác thư viện"}]}`)
	rs, err := RecipientsFromNominations(data, true)
	if err != nil {
		t.Fatal(err)
	}
	if len(rs) != 2 || rs[0].Kind != award.Collective || rs[0].ParentUnit == "" || rs[1].DisplayName() != "Bà Lò Thị B" ||
		rs[1].Achievement != "Đã có thành tích xuất sắc trong công tác thư viện" {
		t.Fatalf("converted: %+v", rs)
	}
	rs, _ = RecipientsFromNominations(data, false)
	if rs[1].Achievement != "" {
		t.Errorf("summary must not become the achievement unless asked")
	}
	if _, err := RecipientsFromNominations([]byte(`{"items":[]}`), false); !apperr.HasCode(err, "missing_nominations") {
		t.Errorf("missing nominations key: %v", err)
	}
	// A batch pointing to a nominations file.
	b, err := ParseBatch([]byte(`{"kind":"giay-khen","recipientsFile":"n.json","decision":{}}`), func(name string) ([]byte, error) {
		if name != "n.json" {
			return nil, fmt.Errorf("unexpected %s", name)
		}
		return data, nil
	})
	if err != nil || len(b.Recipients) != 2 {
		t.Fatalf("recipientsFile: %v %+v", err, b)
	}
	if _, err := ParseBatch([]byte(`{"kind":"giay-khen","recipientsFile":"n.json"}`), nil); !apperr.HasCode(err, "file_reference_unsupported") {
		t.Errorf("file reference without reader: %v", err)
	}
	// Decomposed input (macOS, "Unicode tổ hợp") is normalised to NFC.
	b, _ = ParseBatch([]byte("{\"kind\":\"giay-khen\",\"recipients\":[{\"kind\":\"ca-nhan\",\"name\":\"Nguye\u0302\u0303n\"}]}"), nil)
	if b.Recipients[0].Name != "Nguyễn" {
		t.Errorf("not NFC: %q", b.Recipients[0].Name)
	}
}

// "Bà Nguyễn Thị C" in the name column prints "Bà Nguyễn Thị C", never "Bà
// Bà …": the word becomes the gender (or is checked against it) and the
// officer is told which row was corrected.
func TestHonorificInNameIsNotPrintedTwice(t *testing.T) {
	b := loadBatch(t)
	b.Recipients = []Recipient{
		{Nomination: award.Nomination{Kind: award.Individual, Name: "Nguyễn Văn An", Gender: award.Male}},
		{Nomination: award.Nomination{Kind: award.Individual, Name: "Bà Nguyễn Thị C"}},
	}
	if err := b.Validate(MaxRecipients); err != nil {
		t.Fatal(err)
	}
	if got := b.Recipients[1].DisplayName(); got != "Bà Nguyễn Thị C" {
		t.Errorf("recipient line %q, want \"Bà Nguyễn Thị C\"", got)
	}
	ws := b.Warnings()
	if len(ws) != 1 || ws[0].Code != "honorific_in_name" || ws[0].Field != "recipients[1].name" || !strings.Contains(ws[0].Message, "Dòng 2") {
		t.Errorf("warnings %+v, want one honorific_in_name naming row 2", ws)
	}
	b = loadBatch(t)
	b.Recipients = []Recipient{{Nomination: award.Nomination{Kind: award.Individual, Name: "Ông Lò Văn D", Gender: award.Female}}}
	if err := b.Validate(MaxRecipients); !apperr.HasCode(err, "honorific_gender_mismatch") {
		t.Errorf("Ông with gender nu: %v", err)
	}
}
