// Package certlayout lays certificates out: the layout templates
// (templates/certificates/*.json, every field a box in millimetres with a
// font size, a minimum size and a style) and the fitting of each
// certificate's text into its boxes, broken into lines by the shared
// breaker of internal/typeset. Text that does not fit its box shrinks down
// to the minimum, then wraps; what still does not fit is reported with the
// recipient's name before any output is made. The package is pure: it
// draws nothing (internal/pdf/certpdf does) and reads no file.
package certlayout

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/vanban/vanban/internal/apperr"
	"github.com/vanban/vanban/internal/certificate"
	"github.com/vanban/vanban/internal/jsonin"
	"github.com/vanban/vanban/templates/certificates"
)

// FieldName names one box of a layout.
type FieldName string

// Fields of a certificate, top to bottom as listed in spec §7.4.
const (
	FieldQuocHieu    FieldName = "quoc_hieu"    // CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
	FieldTieuNgu     FieldName = "tieu_ngu"     // Độc lập - Tự do - Hạnh phúc, with a rule as long as the text
	FieldIssuerTitle FieldName = "issuer_title" // awarding person's title, red CAPS
	FieldTang        FieldName = "tang"         // TẶNG
	FieldHeading     FieldName = "heading"      // GIẤY KHEN / BẰNG KHEN, red
	FieldRecipient   FieldName = "recipient"    // Ông/Bà + name, or the collective's name
	FieldPosition    FieldName = "position"     // chức vụ (person) or parent unit (collective)
	FieldUnit        FieldName = "unit"         // đơn vị (person)
	FieldAchievement FieldName = "achievement"  // Đã có thành tích xuất sắc trong …
	FieldDecision    FieldName = "decision"     // Quyết định số …/… ngày …
	FieldBookNumber  FieldName = "book_number"  // Số sổ vàng: …
	FieldPlaceDate   FieldName = "place_date"   // Lai Châu, ngày 10 tháng 12 năm 2025
	FieldAuthority   FieldName = "authority"    // KT. GIÁM ĐỐC, or the signer's title when signing in own name
	FieldSignerTitle FieldName = "signer_title" // PHÓ GIÁM ĐỐC under a KT./TM./Q. line
	FieldSignerName  FieldName = "signer_name"  // full name, bold
	FieldQR          FieldName = "qr"           // verification QR code (image, no text)
	FieldEmblem      FieldName = "emblem"       // Quốc huy or the agency's emblem, top centre (image, full mode)
)

// fieldLabels are the Vietnamese names of the fields, for messages and the
// calibration page; the order is the order fields are checked in.
var fieldLabels = []struct {
	name  FieldName
	label string
}{
	{FieldQuocHieu, "Quốc hiệu"},
	{FieldTieuNgu, "Tiêu ngữ"},
	{FieldIssuerTitle, "Chức danh người tặng"},
	{FieldTang, "Chữ TẶNG"},
	{FieldHeading, "Tên loại"},
	{FieldRecipient, "Họ tên / tên tập thể"},
	{FieldPosition, "Chức vụ / đơn vị cấp trên"},
	{FieldUnit, "Đơn vị"},
	{FieldAchievement, "Thành tích"},
	{FieldDecision, "Số, ngày quyết định"},
	{FieldBookNumber, "Số sổ vàng"},
	{FieldPlaceDate, "Địa danh, ngày tháng"},
	{FieldAuthority, "Thẩm quyền ký"},
	{FieldSignerTitle, "Chức vụ người ký"},
	{FieldSignerName, "Họ tên người ký"},
	{FieldQR, "Mã QR xác thực"},
	{FieldEmblem, "Quốc huy"},
}

// Label is the Vietnamese name of the field ("Họ tên / tên tập thể"), or
// the raw name when unknown.
func (n FieldName) Label() string {
	for _, f := range fieldLabels {
		if f.name == n {
			return f.label
		}
	}
	return string(n)
}

// Image reports whether the field holds an image (the QR code, the
// emblem), not text: it has no font size.
func (n FieldName) Image() bool { return n == FieldQR || n == FieldEmblem }

func (n FieldName) known() bool {
	for _, f := range fieldLabels {
		if f.name == n {
			return true
		}
	}
	return false
}

// Size is a page size in millimetres.
type Size = certificate.Size

// Box is a rectangle in millimetres from the top-left corner of the page.
type Box struct {
	X float64 `json:"x"`
	Y float64 `json:"y"`
	W float64 `json:"w"`
	H float64 `json:"h"`
}

// Shift returns b moved by (dx, dy).
func (b Box) Shift(dx, dy float64) Box { return Box{X: b.X + dx, Y: b.Y + dy, W: b.W, H: b.H} }

// Overlaps reports whether b and o share more than an edge.
func (b Box) Overlaps(o Box) bool {
	const eps = 1e-6
	return b.X < o.X+o.W-eps && o.X < b.X+b.W-eps && b.Y < o.Y+o.H-eps && o.Y < b.Y+b.H-eps
}

// Inside reports whether b lies within a page of size p.
func (b Box) Inside(p Size) bool {
	const eps = 1e-6
	return b.X >= -eps && b.Y >= -eps && b.X+b.W <= p.Width+eps && b.Y+b.H <= p.Height+eps
}

// RGB is a colour with 0–255 components.
type RGB struct{ R, G, B int }

// Black and Red are the two text colours of §7.4.
var (
	Black = RGB{0, 0, 0}
	Red   = RGB{0xC0, 0, 0}
)

func parseColor(s string) (RGB, bool) {
	if s == "" {
		return Black, true
	}
	if len(s) != 7 || s[0] != '#' {
		return RGB{}, false
	}
	v, err := strconv.ParseUint(s[1:], 16, 32)
	if err != nil {
		return RGB{}, false
	}
	return RGB{int(v >> 16 & 0xFF), int(v >> 8 & 0xFF), int(v & 0xFF)}, true
}

// Border is the decorative double border of the full design: an outer line
// at Margin from the page edge and an inner line Band further in, with a
// chain of small lozenges between them. NĐ 98/2023 Điều 104 asks for a
// decorative border that does not imitate state-level certificates and has
// no corner ornaments outside it.
type Border struct {
	Margin float64 `json:"margin"`
	Band   float64 `json:"band"`
	Color  string  `json:"color"`
	Accent string  `json:"accent"`
}

// Field is one box of a layout and how its text is set.
type Field struct {
	Name    FieldName `json:"field"`
	Box     Box       `json:"box"`
	Size    float64   `json:"size,omitempty"`    // pt
	MinSize float64   `json:"minSize,omitempty"` // pt; text shrinks down to it before wrapping
	Bold    bool      `json:"bold,omitempty"`
	Italic  bool      `json:"italic,omitempty"`
	Color   string    `json:"color,omitempty"`  // "#RRGGBB", black when empty
	Align   string    `json:"align,omitempty"`  // left, center (default), right
	VAlign  string    `json:"valign,omitempty"` // top, middle (default), bottom
	Upper   bool      `json:"upper,omitempty"`  // set in capitals
	// Wrap marks a paragraph (the achievement): it wraps at its own size
	// first and shrinks only when the lines do not fit the height. Other
	// fields shrink to the minimum on one line before wrapping.
	Wrap bool `json:"wrap,omitempty"`
	// Rule draws a line under the text as long as the text (Tiêu ngữ).
	Rule bool `json:"rule,omitempty"`
	// Preprinted fields are on the phôi and are not drawn in overprint mode.
	Preprinted bool `json:"preprinted,omitempty"`
	// Text replaces the fixed wording of a static field (quoc_hieu,
	// tieu_ngu, tang, heading), e.g. "ĐẢNG CỘNG SẢN VIỆT NAM" for Party bodies.
	Text string `json:"text,omitempty"`

	color RGB
}

// Template is a certificate layout.
type Template struct {
	Name        string           `json:"name"`
	Kind        certificate.Kind `json:"kind"`
	Page        Size             `json:"page"`
	LineSpacing float64          `json:"lineSpacing,omitempty"` // line height in em, default 1.2
	Border      *Border          `json:"border,omitempty"`
	Fields      []Field          `json:"fields"`

	borderColor, accentColor RGB
}

// Field returns the field named n, or nil.
func (t *Template) Field(n FieldName) *Field {
	for i := range t.Fields {
		if t.Fields[i].Name == n {
			return &t.Fields[i]
		}
	}
	return nil
}

// ParseTemplate decodes and validates a JSON layout. Errors are apperr
// Invalid with one problem per defect ("fields[3].box": outside the page).
func ParseTemplate(data []byte) (*Template, error) {
	var t Template
	if err := jsonin.Decode(data, &t); err != nil {
		e := apperr.As(err)
		ps := make([]apperr.Problem, len(e.Problems))
		for i, p := range e.Problems {
			p.Field = strings.TrimSuffix("template."+p.Field, ".")
			ps[i] = p
		}
		return nil, &apperr.Error{Kind: apperr.Invalid, Code: "invalid_template",
			Detail: "Mẫu bố cục giấy khen không đọc được: " + e.Detail, Problems: ps}
	}
	if err := t.Validate(); err != nil {
		return nil, err
	}
	return &t, nil
}

// BuiltinTemplate returns the shipped layout named name ("giay-khen",
// "bang-khen").
func BuiltinTemplate(name string) (*Template, error) {
	data, err := certificates.FS.ReadFile(name + ".json")
	if err != nil {
		return nil, apperr.Invalidf("template", "unknown_template", "Không có mẫu bố cục %q (có: giay-khen, bang-khen).", name)
	}
	return ParseTemplate(data)
}

// Validate checks the layout: a known kind, a page size, every field known
// and at most once, sizes with 0 < minSize ≤ size, boxes inside the page and
// not overlapping one another.
func (t *Template) Validate() error {
	var ps apperr.Problems
	if t.Kind != certificate.GiayKhen && t.Kind != certificate.BangKhen {
		ps.Add("template.kind", "invalid_kind", "Loại khen thưởng %q không hợp lệ (giay-khen hoặc bang-khen).", t.Kind)
	}
	if t.Page.Width < 50 || t.Page.Height < 50 || t.Page.Width > 1200 || t.Page.Height > 1200 {
		ps.Add("template.page", "invalid_page_size", "Khổ giấy %gx%g mm không hợp lệ (mỗi cạnh từ 50 đến 1200 mm).", t.Page.Width, t.Page.Height)
	}
	if t.LineSpacing == 0 {
		t.LineSpacing = 1.2
	}
	if t.LineSpacing < 1 || t.LineSpacing > 3 {
		ps.Add("template.lineSpacing", "invalid_line_spacing", "Giãn dòng %g không hợp lệ (từ 1 đến 3).", t.LineSpacing)
	}
	if b := t.Border; b != nil {
		var ok1, ok2 bool
		t.borderColor, ok1 = parseColor(b.Color)
		t.accentColor, ok2 = parseColor(b.Accent)
		if !ok1 || !ok2 {
			ps.Add("template.border", "invalid_color", "Màu đường viền phải có dạng #RRGGBB.")
		}
		if b.Margin < 0 || b.Band < 0 || 2*(b.Margin+b.Band) >= math.Min(t.Page.Width, t.Page.Height) {
			ps.Add("template.border", "invalid_border", "Lề (%g mm) và dải viền (%g mm) không hợp lệ với khổ giấy.", b.Margin, b.Band)
		}
	}
	seen := map[FieldName]int{}
	for i := range t.Fields {
		f := &t.Fields[i]
		path := fmt.Sprintf("template.fields[%d]", i)
		if !f.Name.known() {
			ps.Add(path+".field", "unknown_field", "Ô %q không được hỗ trợ.", f.Name)
			continue
		}
		if j, dup := seen[f.Name]; dup {
			ps.Add(path+".field", "duplicate_field", "Ô %q đã khai báo ở fields[%d].", f.Name, j)
			continue
		}
		seen[f.Name] = i
		if f.Box.W <= 0 || f.Box.H <= 0 {
			ps.Add(path+".box", "invalid_box", "Ô %q phải có chiều rộng và chiều cao dương.", f.Name)
		} else if !f.Box.Inside(t.Page) {
			ps.Add(path+".box", "box_outside_page", "Ô %q (x=%g, y=%g, rộng %g, cao %g mm) nằm ngoài trang %gx%g mm.",
				f.Name, f.Box.X, f.Box.Y, f.Box.W, f.Box.H, t.Page.Width, t.Page.Height)
		}
		if !f.Name.Image() {
			switch {
			case f.Size <= 0 || f.Size > 200:
				ps.Add(path+".size", "invalid_font_size", "Cỡ chữ của ô %q phải từ 1 đến 200 pt.", f.Name)
			case f.MinSize <= 0:
				f.MinSize = f.Size
			case f.MinSize > f.Size:
				ps.Add(path+".minSize", "min_size_above_size", "Cỡ chữ tối thiểu (%g pt) của ô %q lớn hơn cỡ chữ (%g pt).", f.MinSize, f.Name, f.Size)
			}
		}
		switch f.Align {
		case "", "left", "center", "right":
		default:
			ps.Add(path+".align", "invalid_align", "Căn lề %q không hợp lệ (left, center, right).", f.Align)
		}
		switch f.VAlign {
		case "", "top", "middle", "bottom":
		default:
			ps.Add(path+".valign", "invalid_valign", "Căn dọc %q không hợp lệ (top, middle, bottom).", f.VAlign)
		}
		c, ok := parseColor(f.Color)
		if !ok {
			ps.Add(path+".color", "invalid_color", "Màu %q phải có dạng #RRGGBB.", f.Color)
		}
		f.color = c
	}
	for i := range t.Fields {
		for j := i + 1; j < len(t.Fields); j++ {
			a, b := &t.Fields[i], &t.Fields[j]
			if a.Name.known() && b.Name.known() && a.Box.W > 0 && b.Box.W > 0 && a.Box.Overlaps(b.Box) {
				ps.Add(fmt.Sprintf("template.fields[%d].box", j), "overlapping_boxes", "Ô %q chồng lên ô %q.", b.Name, a.Name)
			}
		}
	}
	if _, ok := seen[FieldRecipient]; !ok && len(t.Fields) > 0 {
		ps.Add("template.fields", "missing_field", "Mẫu thiếu ô %q (%s).", FieldRecipient, FieldRecipient.Label())
	}
	if len(t.Fields) == 0 {
		ps.Add("template.fields", "missing_field", "Mẫu không có ô nào.")
	}
	if ps.Errors() > 0 {
		return &apperr.Error{Kind: apperr.Invalid, Code: "invalid_template",
			Detail:   fmt.Sprintf("Mẫu bố cục %q không hợp lệ: có %d lỗi.", t.Name, ps.Errors()),
			Problems: ps}
	}
	return nil
}

// Resized returns a copy of t for a page of w × h mm: boxes scale with the
// page, font sizes with the smaller ratio. Bằng khen sizes vary between
// agencies (A3 420 × 297, the old 400 × 300), so the page is configurable.
func (t *Template) Resized(w, h float64) (*Template, error) {
	if w == t.Page.Width && h == t.Page.Height {
		return t, nil
	}
	if w < 50 || h < 50 || w > 1200 || h > 1200 {
		return nil, apperr.Invalidf("pageSize", "invalid_page_size", "Khổ giấy %gx%g mm không hợp lệ (mỗi cạnh từ 50 đến 1200 mm).", w, h)
	}
	sx, sy := w/t.Page.Width, h/t.Page.Height
	sf := math.Min(sx, sy)
	c := *t
	c.Page = Size{Width: w, Height: h}
	c.Fields = append([]Field(nil), t.Fields...)
	for i := range c.Fields {
		f := &c.Fields[i]
		f.Box = Box{X: f.Box.X * sx, Y: f.Box.Y * sy, W: f.Box.W * sx, H: f.Box.H * sy}
		if f.Name.Image() {
			s := math.Min(f.Box.W, f.Box.H)
			f.Box.W, f.Box.H = s, s
		}
		f.Size = math.Round(f.Size*sf*2) / 2
		f.MinSize = math.Round(f.MinSize*sf*2) / 2
	}
	if t.Border != nil {
		b := *t.Border
		b.Margin *= sf
		b.Band *= sf
		c.Border = &b
	}
	if err := c.Validate(); err != nil {
		return nil, err
	}
	return &c, nil
}

func upper(s string) string { return strings.ToUpper(s) }
