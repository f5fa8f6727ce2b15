package certlayout

import (
	"fmt"

	"github.com/vanban/vanban/internal/apperr"
	"github.com/vanban/vanban/internal/certificate"
	"github.com/vanban/vanban/internal/nd30"
	"github.com/vanban/vanban/internal/typeset"
)

// Tang is the fixed wording of §7.4 line 4 (lines 1 and 2 are
// nd30.NationalTitle and nd30.Motto).
const Tang = "TẶNG"

// BookNumberLine is "Số sổ vàng: 7".
func BookNumberLine(n int) string { return fmt.Sprintf("Số sổ vàng: %d", n) }

// BorderStyle is a resolved Border: its colours parsed.
type BorderStyle struct {
	Margin, Band  float64
	Color, Accent RGB
}

// BorderStyle is the template's border with its colours, nil without one.
func (t *Template) BorderStyle() *BorderStyle {
	if t.Border == nil {
		return nil
	}
	return &BorderStyle{Margin: t.Border.Margin, Band: t.Border.Band, Color: t.borderColor, Accent: t.accentColor}
}

// CalibrationBox is a field's box as the calibration page shows it.
type CalibrationBox struct {
	Field FieldName
	Label string
	Box   Box // already shifted by the offset
}

// ForBatch is the layout a validated batch asks for: its own layout file,
// the built-in one it names or the one of its kind, resized to its page
// size.
func ForBatch(b *certificate.Batch) (*Template, error) {
	var t *Template
	var err error
	switch {
	case b.TemplateData() != nil:
		t, err = ParseTemplate(b.TemplateData())
	default:
		name := b.Template
		if name == "" {
			name = string(b.Kind)
		}
		t, err = BuiltinTemplate(name)
	}
	if err != nil {
		return nil, err
	}
	if t.Kind != b.Kind {
		return nil, apperr.Invalidf("template", "template_kind_mismatch", "Mẫu bố cục %q dành cho %s, không dùng được cho %s.", t.Name, t.Kind, b.Kind)
	}
	if b.PageSize != nil {
		if t, err = t.Resized(b.PageSize.Width, b.PageSize.Height); err != nil {
			return nil, err
		}
	}
	return t, nil
}

// Layout is the text of a validated batch's certificates placed in a
// template: the fields that are the same on every page set once, every
// recipient's own fields known to fit.
type Layout struct {
	t        *Template
	b        *certificate.Batch
	fit      *fitter
	fixed    []Line
	rules    []Rule
	dx, dy   float64
	qrField  *Field
	varField map[FieldName]*Field
	// fitted memoises the per-recipient fields by text: a batch repeats
	// its achievement sentence, positions and units on most pages, and
	// each page is fitted twice (FitAll, then Page).
	fitted map[fieldText]Fitted
}

type fieldText struct {
	field FieldName
	text  string
}

// fitVar fits recipient text in the per-recipient field f, once per text.
func (l *Layout) fitVar(f *Field, text string) (Fitted, bool) {
	k := fieldText{f.Name, text}
	if fd, ok := l.fitted[k]; ok {
		return fd, true
	}
	fd, ok := l.fit.fit(f, text, l.t.LineSpacing, l.dx, l.dy)
	if ok {
		fd.Lines = append([]Line(nil), fd.Lines...)
		l.fitted[k] = fd
	}
	return fd, ok
}

// New prepares the layout of the certificates of b (validated) in t,
// measuring with m. Outside full mode every box moves by the printer
// offset, which must keep it on the page. Fit fits the text.
func New(t *Template, b *certificate.Batch, m *typeset.Metrics) (*Layout, error) {
	if m == nil {
		return nil, apperr.Wrap(fmt.Errorf("no metrics"), "certificate layout")
	}
	l := &Layout{t: t, b: b, fit: &fitter{m: m}, varField: map[FieldName]*Field{}, fitted: map[fieldText]Fitted{}}
	if b.Mode != certificate.ModeFull {
		l.dx, l.dy = b.Offset.X, b.Offset.Y
		var ps apperr.Problems
		for i, f := range t.Fields {
			if !f.Box.Shift(l.dx, l.dy).Inside(t.Page) {
				ps.Add(fmt.Sprintf("offset (template.fields[%d])", i), "offset_outside_page",
					"Với độ lệch (%g; %g mm), ô %q ra ngoài trang.", l.dx, l.dy, f.Name)
			}
		}
		if err := ps.Err(); err != nil {
			return nil, err
		}
	}
	return l, nil
}

// Template is the layout in use (after any page resize).
func (l *Layout) Template() *Template { return l.t }

// QRBox is where the verification code goes (shifted by the offset), when
// the batch asks for one.
func (l *Layout) QRBox() (Box, bool) {
	if l.qrField == nil {
		return Box{}, false
	}
	return l.qrField.Box.Shift(l.dx, l.dy), true
}

// EmblemBox is where the Quốc huy or the agency's emblem goes, when the
// template has a place for it and the mode prints it (full mode: a phôi
// carries its own).
func (l *Layout) EmblemBox() (Box, bool) {
	f := l.t.Field(FieldEmblem)
	if f == nil || !l.drawn(f) {
		return Box{}, false
	}
	return f.Box.Shift(l.dx, l.dy), true
}

// Calibration lists every field's box, shifted by the offset, for the
// calibration page.
func (l *Layout) Calibration() []CalibrationBox {
	var out []CalibrationBox
	for _, f := range l.t.Fields {
		out = append(out, CalibrationBox{Field: f.Name, Label: f.Name.Label(), Box: f.Box.Shift(l.dx, l.dy)})
	}
	return out
}

// drawn reports whether field f is printed in the batch's mode.
func (l *Layout) drawn(f *Field) bool { return l.b.Mode == certificate.ModeFull || !f.Preprinted }

// fixedText is the text of a field that is the same on every page, and the
// batch field it comes from (for messages).
func (l *Layout) fixedText(f *Field) (string, string) {
	d := l.b.Decision
	switch f.Name {
	case FieldQuocHieu:
		return orText(f.Text, nd30.NationalTitle), "template"
	case FieldTieuNgu:
		return orText(f.Text, nd30.Motto), "template"
	case FieldTang:
		return orText(f.Text, Tang), "template"
	case FieldHeading:
		return orText(f.Text, upper(l.b.Kind.Title())), "kind"
	case FieldIssuerTitle:
		return d.IssuerTitle, "decision.issuerTitle"
	case FieldDecision:
		return d.DecisionLine(), "decision"
	case FieldPlaceDate:
		return d.PlaceDate(), "decision.place"
	case FieldAuthority:
		return d.AuthorityLine(), "decision.signer.authority"
	case FieldSignerTitle:
		return d.TitleLine(), "decision.signer.title"
	case FieldSignerName:
		return d.Signer.Name, "decision.signer.name"
	}
	return "", ""
}

func orText(s, def string) string {
	if s != "" {
		return s
	}
	return def
}

// recipientText is the text of a per-recipient field for recipient i.
func (l *Layout) recipientText(n FieldName, i int) string {
	r := l.b.Recipients[i]
	switch n {
	case FieldRecipient:
		return r.DisplayName()
	case FieldPosition:
		return r.PositionLine()
	case FieldUnit:
		return r.UnitLine()
	case FieldAchievement:
		return l.b.AchievementOf(i)
	case FieldBookNumber:
		return BookNumberLine(l.b.Number(i))
	}
	return ""
}

func perRecipient(n FieldName) bool {
	switch n {
	case FieldRecipient, FieldPosition, FieldUnit, FieldAchievement, FieldBookNumber:
		return true
	}
	return false
}

// FitAll fits the fixed fields once and every recipient's fields, and
// reports every field that does not fit, for every recipient, at once.
func (l *Layout) FitAll() error {
	var ps apperr.Problems
	sp := l.t.LineSpacing
	for i := range l.t.Fields {
		f := &l.t.Fields[i]
		if !l.drawn(f) {
			continue
		}
		if f.Name == FieldQR {
			if l.b.QR.Enabled {
				l.qrField = f
			}
			continue
		}
		if f.Name == FieldEmblem {
			continue
		}
		if perRecipient(f.Name) {
			l.varField[f.Name] = f
			continue
		}
		text, path := l.fixedText(f)
		fd, ok := l.fit.fit(f, text, sp, l.dx, l.dy)
		if !ok {
			ps.Add(path, "text_does_not_fit", "%s %q không vừa ô %q kể cả khi thu nhỏ đến %g pt và xuống dòng.",
				f.Name.Label(), text, f.Name, f.MinSize)
			continue
		}
		l.fixed = append(l.fixed, fd.Lines...)
		if fd.Rule != nil {
			l.rules = append(l.rules, *fd.Rule)
		}
	}
	if l.b.QR.Enabled && l.qrField == nil {
		if f := l.t.Field(FieldQR); f == nil {
			ps.Add("qr.enabled", "missing_qr_box", "Mẫu %q không có ô \"qr\" để in mã xác thực.", l.t.Name)
		}
	}
	for i, r := range l.b.Recipients {
		for _, f := range l.t.Fields {
			vf := l.varField[f.Name]
			if vf == nil {
				continue
			}
			text := l.recipientText(f.Name, i)
			if _, ok := l.fitVar(vf, text); !ok {
				ps.Add(fmt.Sprintf("recipients[%d]", i), "text_does_not_fit",
					"%s: %s %q quá dài, không vừa ô %q kể cả khi thu nhỏ đến %g pt và xuống dòng.",
					r.DisplayName(), f.Name.Label(), text, f.Name, vf.MinSize)
			}
		}
	}
	if ps.Errors() > 0 {
		return &apperr.Error{Kind: apperr.Invalid, Code: "text_does_not_fit",
			Detail:   fmt.Sprintf("Có %d nội dung không vừa khung của mẫu %q; hãy rút gọn hoặc sửa mẫu. Chưa in giấy khen nào.", ps.Errors(), l.t.Name),
			Problems: ps}
	}
	return nil
}

// Fit returns the fitted fields of recipient i's certificate (fixed and
// per-recipient), for inspection and tests of the layout.
func (l *Layout) Fit(i int) []Fitted {
	var out []Fitted
	for idx := range l.t.Fields {
		f := &l.t.Fields[idx]
		if !l.drawn(f) || f.Name.Image() {
			continue
		}
		var text string
		if perRecipient(f.Name) {
			text = l.recipientText(f.Name, i)
		} else {
			text, _ = l.fixedText(f)
		}
		fd, _ := l.fit.fit(f, text, l.t.LineSpacing, l.dx, l.dy)
		out = append(out, fd)
	}
	return out
}

// Page appends the lines and rules of recipient i's certificate to lines
// and rules (reused buffers) and returns them. Not safe for concurrent use.
func (l *Layout) Page(i int, lines []Line, rules []Rule) ([]Line, []Rule, error) {
	lines = append(lines, l.fixed...)
	rules = append(rules, l.rules...)
	for _, f := range l.t.Fields {
		vf := l.varField[f.Name]
		if vf == nil {
			continue
		}
		fd, ok := l.fitVar(vf, l.recipientText(f.Name, i))
		if !ok {
			return nil, nil, apperr.Wrap(fmt.Errorf("recipient %d field %s no longer fits", i, f.Name), "fit certificate")
		}
		lines = append(lines, fd.Lines...)
		if fd.Rule != nil {
			rules = append(rules, *fd.Rule)
		}
	}
	return lines, rules, nil
}
