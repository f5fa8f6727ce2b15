package certlayout

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/vanban/vanban/internal/apperr"
	"github.com/vanban/vanban/internal/award"
	"github.com/vanban/vanban/internal/certificate"
	"github.com/vanban/vanban/internal/typeset"
)

var (
	metricsOnce sync.Once
	metrics     *typeset.Metrics
	metricsErr  error
)

// testMetrics are the embedded faces, parsed once for the tests.
func testMetrics(t testing.TB) *typeset.Metrics {
	t.Helper()
	metricsOnce.Do(func() { metrics, metricsErr = typeset.New() })
	if metricsErr != nil {
		t.Fatal(metricsErr)
	}
	return metrics
}

func loadBatch(t testing.TB) *certificate.Batch {
	t.Helper()
	path := filepath.Join("..", "..", "testdata", "giay-khen-batch.json")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	b, err := certificate.ParseBatch(data, func(name string) ([]byte, error) { return os.ReadFile(filepath.Join(filepath.Dir(path), name)) })
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// layOut validates b and lays it out as certprint does: every error of the
// layout (template, offset, fit) is returned.
func layOut(t testing.TB, b *certificate.Batch) (*Layout, error) {
	t.Helper()
	if err := b.Validate(certificate.MaxRecipients); err != nil {
		t.Fatalf("batch: %v", err)
	}
	tp, err := ForBatch(b)
	if err != nil {
		return nil, err
	}
	l, err := New(tp, b, testMetrics(t))
	if err != nil {
		return nil, err
	}
	if b.Mode == certificate.ModeCalibration {
		return l, nil
	}
	return l, l.FitAll()
}

func mustLayOut(t testing.TB, b *certificate.Batch) *Layout {
	t.Helper()
	l, err := layOut(t, b)
	if err != nil {
		t.Fatal(err)
	}
	return l
}

func TestBuiltinTemplatesValid(t *testing.T) {
	for _, name := range []string{"giay-khen", "bang-khen"} {
		tp, err := BuiltinTemplate(name)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		want := map[string]Size{"giay-khen": {Width: 297, Height: 210}, "bang-khen": {Width: 420, Height: 297}}[name]
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
			if !apperr.Is(err, apperr.Invalid) || !apperr.HasCode(err, tc.code) {
				t.Fatalf("got %v, want code %s", err, tc.code)
			}
		})
	}
	data, _ := json.Marshal(base())
	if _, err := ParseTemplate(data); err != nil {
		t.Fatalf("base template: %v", err)
	}
	if _, err := ParseTemplate([]byte(`{"name":"x","kind":"giay-khen","colour":"x"}`)); apperr.As(err).Code != "invalid_template" || !apperr.HasCode(err, "unknown_field") {
		t.Fatalf("unknown JSON key: %v", err)
	}
}

func TestLayoutErrors(t *testing.T) {
	tests := []struct {
		name   string
		change func(b *certificate.Batch)
		code   string
	}{
		{"template of other kind", func(b *certificate.Batch) { b.Template = "bang-khen" }, "template_kind_mismatch"},
		{"unknown template", func(b *certificate.Batch) { b.Template = "huan-chuong" }, "unknown_template"},
		{"offset pushes box out", func(b *certificate.Batch) {
			b.Mode = certificate.ModeOverprint
			b.Offset = certificate.Offset{X: -25}
		}, "offset_outside_page"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			b := loadBatch(t)
			tc.change(b)
			_, err := layOut(t, b)
			if !apperr.Is(err, apperr.Invalid) || !apperr.HasCode(err, tc.code) {
				t.Fatalf("got %v (codes %v), want %s", err, apperr.Codes(err), tc.code)
			}
		})
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
			if len(fs[i].Lines) > 0 && len(fs[k].Lines) > 0 && fs[i].Bounds.Overlaps(fs[k].Bounds) {
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
	for _, kind := range []certificate.Kind{certificate.GiayKhen, certificate.BangKhen} {
		t.Run(string(kind), func(t *testing.T) {
			b := loadBatch(t)
			b.Kind = kind
			b.Recipients = []certificate.Recipient{
				{Nomination: award.Nomination{Kind: award.Individual, Gender: award.Male, Name: "Nguyễn Văn An", Position: "Trưởng phòng", Unit: "Sở Văn hóa, Thể thao và Du lịch tỉnh Lai Châu"}},
				{Nomination: award.Nomination{Kind: award.Collective, Name: long80, ParentUnit: unit95}},
				{Nomination: award.Nomination{Kind: award.Collective, Name: long120, ParentUnit: "Ủy ban nhân dân huyện Tam Đường"}},
				{Nomination: award.Nomination{Kind: award.Individual, Gender: award.Female, Name: "Lò Thị Bình", Position: long80, Unit: unit95 + " và Thư viện tỉnh Lai Châu cùng các đơn vị trực thuộc khác"}},
			}
			j, err := layOut(t, b)
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
	_, err := layOut(t, b)
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
	if _, err := layOut(t, b); !apperr.HasCode(err, "text_does_not_fit") {
		t.Errorf("unbreakable word: %v", err)
	}
}

func TestOverprintShiftsAndSkipsPreprinted(t *testing.T) {
	b := loadBatch(t)
	full, err := layOut(t, b)
	if err != nil {
		t.Fatal(err)
	}
	b = loadBatch(t)
	b.Mode = certificate.ModeOverprint
	b.Offset = certificate.Offset{X: 1.5, Y: -2}
	over, err := layOut(t, b)
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
	b.Kind = certificate.BangKhen
	b.Decision.IssuerTitle = "Chủ tịch Ủy ban nhân dân tỉnh Lai Châu"
	b.PageSize = &Size{Width: 400, Height: 300}
	j, err := layOut(t, b)
	if err != nil {
		t.Fatal(err)
	}
	if j.Template().Page != (Size{Width: 400, Height: 300}) {
		t.Fatalf("page %v", j.Template().Page)
	}
	for i := range b.Recipients {
		checkLayout(t, j.Template(), j.Fit(i))
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

// Certificates break their lines with the shared breaker (typeset.Set):
// a long collective's name shrinks and wraps between words that belong
// apart, never inside a compound ("Thể | thao") or a place name ("Lai |
// Châu"), and its lines are balanced; the achievement keeps a quoted name
// on one line.
func TestLinesBreakLikeAPerson(t *testing.T) {
	names := []string{
		"Phòng Quản lý Thể dục thể thao và Văn hóa cơ sở thuộc Sở Văn hóa, Thể thao và Du lịch tỉnh Lai Châu",
		"Ban Chỉ đạo phong trào Toàn dân đoàn kết xây dựng đời sống văn hóa và Xây dựng nông thôn mới huyện Tam Đường tỉnh Lai Châu",
		"Trung tâm Văn hóa, Điện ảnh và Thông tin lưu động, Sở Văn hóa, Thể thao và Du lịch tỉnh Lai Châu (Đội Chiếu bóng số 2)",
	}
	split := []string{"Thể | thao", "Du | lịch", "Văn | hóa", "Lai | Châu", "Tam | Đường", "số | 2"}
	for _, kind := range []certificate.Kind{certificate.GiayKhen, certificate.BangKhen} {
		b := loadBatch(t)
		b.Kind = kind
		b.Recipients = nil
		for _, n := range names {
			b.Recipients = append(b.Recipients, certificate.Recipient{Nomination: award.Nomination{Kind: award.Collective, Name: n, ParentUnit: "Ủy ban nhân dân tỉnh Lai Châu"}})
		}
		b.Achievement = `Đã có thành tích xuất sắc trong thực hiện phong trào thi đua “Toàn dân đoàn kết xây dựng đời sống văn hóa” năm 2025`
		l := mustLayOut(t, b)
		for i := range names {
			for _, f := range l.Fit(i) {
				if f.Field != FieldRecipient && f.Field != FieldAchievement {
					continue
				}
				var texts []string
				longest, shortest := 0.0, 1e9
				for _, ln := range f.Lines {
					texts = append(texts, ln.Text)
					longest, shortest = max(longest, ln.Width), min(shortest, ln.Width)
				}
				joined := strings.Join(texts, " | ")
				for _, s := range split {
					if strings.Contains(joined, s) {
						t.Errorf("%s %s: %q splits %q", kind, f.Field, joined, s)
					}
				}
				if f.Field == FieldRecipient && i == 1 && len(f.Lines) < 2 {
					t.Errorf("%s: %q should wrap", kind, joined)
				}
				if len(f.Lines) > 1 && shortest < 0.4*longest {
					t.Errorf("%s %s: unbalanced lines %q (%.1f of %.1f mm)", kind, f.Field, joined, shortest, longest)
				}
				if f.Field == FieldAchievement && strings.Contains(joined, "“Toàn") && !strings.Contains(joined, "“Toàn dân đoàn kết xây dựng đời sống văn hóa”") {
					t.Errorf("%s: the quoted name is split: %q", kind, joined)
				}
			}
		}
	}
}
