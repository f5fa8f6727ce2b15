package certificate

import (
	"bytes"
	"encoding/json"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/vanban/vanban/internal/apperr"
	"github.com/vanban/vanban/internal/award"
	"github.com/vanban/vanban/internal/nd30"
)

// seeded is a deterministic randomness source for UUIDs.
type seeded struct{ r *rand.ChaCha8 }

func newSeeded() *seeded { return &seeded{rand.NewChaCha8([32]byte{7})} }

func (s *seeded) Read(p []byte) (int, error) { return s.r.Read(p) }

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

func codes(err error) []string {
	ae := apperr.As(err)
	var out []string
	for _, p := range ae.Problems {
		out = append(out, p.Code)
	}
	if len(out) == 0 {
		out = append(out, ae.Code)
	}
	return out
}

func hasCode(err error, code string) bool {
	for _, c := range codes(err) {
		if c == code {
			return true
		}
	}
	return false
}

func TestBuiltinTemplatesValid(t *testing.T) {
	for _, name := range []string{"giay-khen", "bang-khen"} {
		tp, err := BuiltinTemplate(name)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		want := map[string]Size{"giay-khen": {297, 210}, "bang-khen": {420, 297}}[name]
		if tp.Page != want {
			t.Errorf("%s page = %v, want %v", name, tp.Page, want)
		}
		for _, n := range []FieldName{FieldQuocHieu, FieldTieuNgu, FieldIssuerTitle, FieldTang, FieldHeading, FieldRecipient,
			FieldPosition, FieldUnit, FieldAchievement, FieldDecision, FieldBookNumber, FieldPlaceDate, FieldAuthority,
			FieldSignerTitle, FieldSignerName, FieldQR} {
			if tp.Field(n) == nil {
				t.Errorf("%s lacks field %s", name, n)
			}
		}
		if f := tp.Field(FieldIssuerTitle); f.color != Red || !f.Upper || !f.Bold {
			t.Errorf("%s issuer title must be red bold CAPS: %+v", name, f)
		}
		if f := tp.Field(FieldHeading); f.color != Red {
			t.Errorf("%s heading must be red", name)
		}
		if f := tp.Field(FieldQuocHieu); f.color != Black || !f.Bold {
			t.Errorf("%s Quốc hiệu must be black bold", name)
		}
		if f := tp.Field(FieldDecision); !f.Bold || !f.Italic {
			t.Errorf("%s decision line must be bold italic", name)
		}
	}
}

func TestTemplateValidation(t *testing.T) {
	base := func() map[string]any {
		return map[string]any{
			"name": "x", "kind": "giay-khen", "page": map[string]any{"width": 297, "height": 210},
			"fields": []any{
				map[string]any{"field": "recipient", "box": map[string]any{"x": 20, "y": 80, "w": 250, "h": 15}, "size": 24, "minSize": 16},
				map[string]any{"field": "unit", "box": map[string]any{"x": 20, "y": 100, "w": 250, "h": 10}, "size": 15, "minSize": 12},
			},
		}
	}
	field := func(m map[string]any, i int) map[string]any { return m["fields"].([]any)[i].(map[string]any) }
	tests := []struct {
		name   string
		change func(m map[string]any)
		code   string
	}{
		{"box outside page", func(m map[string]any) { field(m, 1)["box"] = map[string]any{"x": 200, "y": 100, "w": 120, "h": 10} }, "box_outside_page"},
		{"box below page", func(m map[string]any) { field(m, 1)["box"] = map[string]any{"x": 20, "y": 205, "w": 100, "h": 10} }, "box_outside_page"},
		{"overlapping boxes", func(m map[string]any) { field(m, 1)["box"] = map[string]any{"x": 20, "y": 90, "w": 250, "h": 10} }, "overlapping_boxes"},
		{"min size above size", func(m map[string]any) { field(m, 1)["minSize"] = 18 }, "min_size_above_size"},
		{"unknown field", func(m map[string]any) { field(m, 1)["field"] = "ho_ten_cha" }, "unknown_field"},
		{"duplicate field", func(m map[string]any) { field(m, 1)["field"] = "recipient" }, "duplicate_field"},
		{"bad colour", func(m map[string]any) { field(m, 1)["color"] = "red" }, "invalid_color"},
		{"bad align", func(m map[string]any) { field(m, 1)["align"] = "justify" }, "invalid_align"},
		{"bad kind", func(m map[string]any) { m["kind"] = "huan-chuong" }, "invalid_kind"},
		{"no recipient field", func(m map[string]any) { field(m, 0)["field"] = "position" }, "missing_field"},
		{"zero size", func(m map[string]any) { field(m, 1)["size"] = 0 }, "invalid_font_size"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m := base()
			tc.change(m)
			data, _ := json.Marshal(m)
			_, err := ParseTemplate(data)
			if err == nil {
				t.Fatal("no error")
			}
			if !apperr.Is(err, apperr.Invalid) || !hasCode(err, tc.code) {
				t.Fatalf("got %v, want code %s", err, tc.code)
			}
		})
	}
	data, _ := json.Marshal(base())
	if _, err := ParseTemplate(data); err != nil {
		t.Fatalf("base template: %v", err)
	}
	if _, err := ParseTemplate([]byte(`{"name":"x","kind":"giay-khen","colour":"x"}`)); apperr.As(err).Code != "invalid_template" || !hasCode(err, "unknown_field") {
		t.Fatalf("unknown JSON key: %v", err)
	}
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
		{"template of other kind", func(b *Batch) { b.Template = "bang-khen" }, apperr.Invalid, "template_kind_mismatch"},
		{"offset pushes box out", func(b *Batch) { b.Mode = ModeOverprint; b.Offset = Offset{X: -25} }, apperr.Invalid, "offset_outside_page"},
		{"background not an image", func(b *Batch) { b.SetBackground([]byte("xin chào, đây không phải ảnh")) }, apperr.Invalid, "background_not_image"},
		{"background PDF", func(b *Batch) { b.SetBackground([]byte("%PDF-1.7\n...")) }, apperr.Unsupported, "background_pdf_unsupported"},
		{"broken PNG", func(b *Batch) { b.SetBackground([]byte("\x89PNG\r\n\x1a\nxxxx")) }, apperr.Invalid, "background_not_image"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			b := loadBatch(t)
			tc.change(b)
			_, err := Generator{UUIDs: newSeeded()}.Prepare(b)
			if err == nil {
				t.Fatal("no error")
			}
			if !apperr.Is(err, tc.kind) || !hasCode(err, tc.code) {
				t.Fatalf("got %v (codes %v), want kind %d code %s", err, codes(err), tc.kind, tc.code)
			}
		})
	}
	j, err := Generator{UUIDs: newSeeded()}.Prepare(loadBatch(t))
	if err != nil {
		t.Fatal(err)
	}
	is := j.Issued()
	if len(is) != 8 || is[0].Number != 1 || is[7].Number != 8 {
		t.Fatalf("issued numbers: %+v", is)
	}
	if is[3].File != "004-nguyen-van-an.pdf" || !strings.HasPrefix(is[3].VerifyURL, "https://vanban.svhttdl.laichau.gov.vn/v1/verify/") {
		t.Errorf("issued[3] = %+v", is[3])
	}
	j2, _ := Generator{UUIDs: newSeeded()}.Prepare(loadBatch(t))
	if j2.Issued()[5].UUID != is[5].UUID || is[5].UUID == is[6].UUID || is[5].UUID[14] != '4' {
		t.Errorf("UUIDs must be v4, distinct and reproducible from the seed: %s %s", is[5].UUID, is[6].UUID)
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
	if _, err := RecipientsFromNominations([]byte(`{"items":[]}`), false); !hasCode(err, "missing_nominations") {
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
	if _, err := ParseBatch([]byte(`{"kind":"giay-khen","recipientsFile":"n.json"}`), nil); !hasCode(err, "file_reference_unsupported") {
		t.Errorf("file reference without reader: %v", err)
	}
	// Decomposed input (macOS, "Unicode tổ hợp") is normalised to NFC.
	b, _ = ParseBatch([]byte("{\"kind\":\"giay-khen\",\"recipients\":[{\"kind\":\"ca-nhan\",\"name\":\"Nguye\u0302\u0303n\"}]}"), nil)
	if b.Recipients[0].Name != "Nguyễn" {
		t.Errorf("not NFC: %q", b.Recipients[0].Name)
	}
}

// checkLayout asserts the invariants of a fitted certificate: every line
// inside its field's box, no two fields' text overlapping, sizes within
// [minSize, size].
func checkLayout(t *testing.T, tp *Template, fs []Fitted) {
	t.Helper()
	const eps = 1e-6
	for _, f := range fs {
		fd := tp.Field(f.Field)
		for _, l := range f.Lines {
			if l.X < f.Box.X-eps || l.X+l.Width > f.Box.X+f.Box.W+eps {
				t.Errorf("%s: line %q [%g, %g] outside box x [%g, %g]", f.Field, l.Text, l.X, l.X+l.Width, f.Box.X, f.Box.X+f.Box.W)
			}
			top := l.Baseline - ascent*l.Size*ptToMM
			bottom := l.Baseline + descent*l.Size*ptToMM
			if top < f.Box.Y-eps || bottom > f.Box.Y+f.Box.H+eps {
				t.Errorf("%s: line %q [%g, %g] outside box y [%g, %g]", f.Field, l.Text, top, bottom, f.Box.Y, f.Box.Y+f.Box.H)
			}
			if l.Size < fd.MinSize-eps || l.Size > fd.Size+eps {
				t.Errorf("%s: size %g outside [%g, %g]", f.Field, l.Size, fd.MinSize, fd.Size)
			}
		}
		if len(f.Lines) > 0 && (f.Bounds.Y < f.Box.Y-eps || f.Bounds.Y+f.Bounds.H > f.Box.Y+f.Box.H+eps) {
			t.Errorf("%s: bounds %+v outside box %+v", f.Field, f.Bounds, f.Box)
		}
	}
	for i := range fs {
		for k := i + 1; k < len(fs); k++ {
			if len(fs[i].Lines) > 0 && len(fs[k].Lines) > 0 && fs[i].Bounds.overlaps(fs[k].Bounds) {
				t.Errorf("%s and %s overlap: %+v %+v", fs[i].Field, fs[k].Field, fs[i].Bounds, fs[k].Bounds)
			}
		}
	}
}

func TestAutoFitLongNamesAndUnits(t *testing.T) {
	long80 := "Trung tâm Văn hóa, Điện ảnh và Thông tin lưu động tỉnh Lai Châu (Đội Chiếu bóng số 2)" // 85 characters
	long120 := "Ban Chỉ đạo phong trào Toàn dân đoàn kết xây dựng đời sống văn hóa và Xây dựng nông thôn mới huyện Tam Đường tỉnh Lai Châu"
	unit95 := "Phòng Quản lý Thể dục thể thao, Trung tâm Huấn luyện và Thi đấu thể dục thể thao tỉnh Lai Châu"
	if n := len([]rune(long80)); n < 80 {
		t.Fatalf("long80 has %d characters", n)
	}
	for _, kind := range []Kind{GiayKhen, BangKhen} {
		t.Run(string(kind), func(t *testing.T) {
			b := loadBatch(t)
			b.Kind = kind
			b.Recipients = []Recipient{
				{Nomination: award.Nomination{Kind: award.Individual, Gender: award.Male, Name: "Nguyễn Văn An", Position: "Trưởng phòng", Unit: "Sở Văn hóa, Thể thao và Du lịch tỉnh Lai Châu"}},
				{Nomination: award.Nomination{Kind: award.Collective, Name: long80, ParentUnit: unit95}},
				{Nomination: award.Nomination{Kind: award.Collective, Name: long120, ParentUnit: "Ủy ban nhân dân huyện Tam Đường"}},
				{Nomination: award.Nomination{Kind: award.Individual, Gender: award.Female, Name: "Lò Thị Bình", Position: long80, Unit: unit95 + " và Thư viện tỉnh Lai Châu cùng các đơn vị trực thuộc khác"}},
			}
			j, err := Generator{UUIDs: newSeeded()}.Prepare(b)
			if err != nil {
				t.Fatal(err)
			}
			tp := j.Template()
			field := func(fs []Fitted, n FieldName) Fitted {
				for _, f := range fs {
					if f.Field == n {
						return f
					}
				}
				t.Fatalf("no %s", n)
				return Fitted{}
			}
			short := j.Fit(0)
			checkLayout(t, tp, short)
			rec := tp.Field(FieldRecipient)
			if f := field(short, FieldRecipient); f.Size != rec.Size || len(f.Lines) != 1 {
				t.Errorf("short name must keep %g pt on one line: %g pt, %d lines", rec.Size, f.Size, len(f.Lines))
			}
			// 85 characters: shrinks, stays on one line when the minimum allows.
			f1 := j.Fit(1)
			checkLayout(t, tp, f1)
			r1 := field(f1, FieldRecipient)
			if r1.Size >= rec.Size || r1.Size < rec.MinSize {
				t.Errorf("85-char name: size %g, want shrunk within [%g, %g)", r1.Size, rec.MinSize, rec.Size)
			}
			// 120 characters: does not fit one line at the minimum, wraps.
			f2 := j.Fit(2)
			checkLayout(t, tp, f2)
			if r2 := field(f2, FieldRecipient); len(r2.Lines) < 2 {
				t.Errorf("120-char name must wrap, got %d line(s) at %g pt", len(r2.Lines), r2.Size)
			}
			// A long position and unit shrink and wrap inside their boxes.
			f3 := j.Fit(3)
			checkLayout(t, tp, f3)
			if u := field(f3, FieldUnit); len(u.Lines) < 2 || u.Size > tp.Field(FieldUnit).Size {
				t.Errorf("long unit must wrap: %d lines at %g", len(u.Lines), u.Size)
			}
		})
	}
}

func TestTooLongTextReportedForEveryRecipient(t *testing.T) {
	b := loadBatch(t)
	huge := strings.Repeat("Trung tâm Văn hóa, Điện ảnh tỉnh Lai Châu ", 8)
	b.Recipients[1].Name = huge
	b.Recipients[5].Unit = huge
	b.Recipients[6].Achievement = strings.Repeat("Đã có thành tích xuất sắc trong công tác ", 20)
	_, err := Generator{UUIDs: newSeeded()}.Prepare(b)
	if !apperr.Is(err, apperr.Invalid) {
		t.Fatalf("want Invalid, got %v", err)
	}
	ae := apperr.As(err)
	if len(ae.Problems) != 3 {
		t.Fatalf("want 3 problems, got %d: %v", len(ae.Problems), err)
	}
	wantWho := []string{"recipients[1]", "recipients[5]", "recipients[6]"}
	for i, p := range ae.Problems {
		if p.Field != wantWho[i] || p.Code != "text_does_not_fit" {
			t.Errorf("problem %d = %+v", i, p)
		}
	}
	if !strings.Contains(ae.Problems[1].Message, "Ông Giàng A Páo") || !strings.Contains(ae.Problems[2].Message, "Bà Tao Thị Hương") {
		t.Errorf("problems must name the recipient: %v", ae.Problems)
	}
	// A word wider than the box can never fit: no split inside a word.
	b = loadBatch(t)
	b.Recipients[0].Name = strings.Repeat("Â", 200)
	if _, err := (Generator{}).Prepare(b); !hasCode(err, "text_does_not_fit") {
		t.Errorf("unbreakable word: %v", err)
	}
}

func TestOverprintShiftsAndSkipsPreprinted(t *testing.T) {
	b := loadBatch(t)
	full, err := Generator{UUIDs: newSeeded()}.Prepare(b)
	if err != nil {
		t.Fatal(err)
	}
	b = loadBatch(t)
	b.Mode = ModeOverprint
	b.Offset = Offset{X: 1.5, Y: -2}
	over, err := Generator{UUIDs: newSeeded()}.Prepare(b)
	if err != nil {
		t.Fatal(err)
	}
	ff, of := full.Fit(3), over.Fit(3)
	byName := map[FieldName]Fitted{}
	for _, f := range ff {
		byName[f.Field] = f
	}
	seen := map[FieldName]bool{}
	for _, f := range of {
		seen[f.Field] = true
		g := byName[f.Field]
		for i, l := range f.Lines {
			if d := l.X - g.Lines[i].X; d < 1.5-1e-9 || d > 1.5+1e-9 {
				t.Errorf("%s x shift %g", f.Field, d)
			}
			if d := l.Baseline - g.Lines[i].Baseline; d < -2-1e-9 || d > -2+1e-9 {
				t.Errorf("%s y shift %g", f.Field, d)
			}
		}
	}
	for _, n := range []FieldName{FieldQuocHieu, FieldTieuNgu, FieldHeading} {
		if seen[n] {
			t.Errorf("overprint must not print the pre-printed %s", n)
		}
	}
	for _, n := range []FieldName{FieldRecipient, FieldAchievement, FieldBookNumber, FieldSignerName} {
		if !seen[n] {
			t.Errorf("overprint must print %s", n)
		}
	}
}

func TestResizedBangKhen(t *testing.T) {
	b := loadBatch(t)
	b.Kind = BangKhen
	b.Decision.IssuerTitle = "Chủ tịch Ủy ban nhân dân tỉnh Lai Châu"
	b.PageSize = &Size{Width: 400, Height: 300}
	j, err := Generator{UUIDs: newSeeded()}.Prepare(b)
	if err != nil {
		t.Fatal(err)
	}
	if j.Template().Page != (Size{400, 300}) {
		t.Fatalf("page %v", j.Template().Page)
	}
	for i := range b.Recipients {
		checkLayout(t, j.Template(), j.Fit(i))
	}
}

func TestBackgroundPNG(t *testing.T) {
	img := image.NewNRGBA(image.Rect(0, 0, 30, 20))
	for i := range img.Pix {
		img.Pix[i] = 0xFF
	}
	img.Set(3, 3, color.NRGBA{200, 0, 0, 255})
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	bg, err := prepareBackground(buf.Bytes())
	if err != nil || bg.Type != "png" || bg.Width != 30 || bg.Height != 20 {
		t.Fatalf("prepareBackground: %v %+v", err, bg)
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
	j, err := Generator{UUIDs: newSeeded()}.Prepare(b)
	if err != nil {
		t.Fatal(err)
	}
	if got := j.Issued()[1].Recipient.DisplayName(); got != "Bà Nguyễn Thị C" {
		t.Errorf("recipient line %q, want \"Bà Nguyễn Thị C\"", got)
	}
	ws := b.Warnings()
	if len(ws) != 1 || ws[0].Code != "honorific_in_name" || ws[0].Field != "recipients[1].name" || !strings.Contains(ws[0].Message, "Dòng 2") {
		t.Errorf("warnings %+v, want one honorific_in_name naming row 2", ws)
	}
	b = loadBatch(t)
	b.Recipients = []Recipient{{Nomination: award.Nomination{Kind: award.Individual, Name: "Ông Lò Văn D", Gender: award.Female}}}
	if _, err := (Generator{UUIDs: newSeeded()}).Prepare(b); !hasCode(err, "honorific_gender_mismatch") {
		t.Errorf("Ông with gender nu: %v", err)
	}
}

// The place–date line of a certificate is bold italic (spec §7.4: "date
// italic bold black"), as the Quyết định and Số sổ vàng lines are.
func TestPlaceDateBoldItalic(t *testing.T) {
	for _, name := range []string{"giay-khen", "bang-khen"} {
		tpl, err := BuiltinTemplate(name)
		if err != nil {
			t.Fatal(err)
		}
		f := tpl.Field(FieldPlaceDate)
		if f == nil || !f.Bold || !f.Italic {
			t.Errorf("%s: the place–date field is %+v, want bold italic", name, f)
		}
	}
}
