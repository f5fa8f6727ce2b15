// Package letterhead holds the input every administrative document kind
// shares — the issuing agency, số, date, signer, nơi nhận, urgency, size
// profile and margins — with its validation and normalisation, so that the
// Kế hoạch, the Tờ trình and the Quyết định check them the same way.
package letterhead

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/vanban/vanban/internal/apperr"
	"github.com/vanban/vanban/internal/document"
	"github.com/vanban/vanban/internal/nd30"
	"github.com/vanban/vanban/internal/typeset"
)

// Fields is the JSON shared by every kind. `number` absent or null leaves the
// number blank for the văn thư; `date` is "YYYY-MM-DD", or "YYYY-MM" when the
// day is left blank.
type Fields struct {
	Number *int `json:"number"`
	// NumberWidth pads the number to this many digits: 2 by default (NĐ30:
	// "05"); some provinces' registers use 3 or 4 ("031").
	NumberWidth int          `json:"numberWidth,omitempty"`
	Date        string       `json:"date"`
	Agency      nd30.Agency  `json:"agency"`
	Signer      nd30.Signer  `json:"signer"`
	Recipients  []string     `json:"recipients"`
	Archive     []string     `json:"archive"`
	Urgency     string       `json:"urgency,omitempty"`
	Profile     string       `json:"profile,omitempty"`
	Margins     *MarginsJSON `json:"margins,omitempty"`
	// AgencyProfile names a saved agency profile; the service fills the
	// input from it before the kind reads it (campaign.Profile.Apply), so a
	// kind that still sees it was given it where no profile is saved.
	AgencyProfile string `json:"agencyProfile,omitempty"`
}

// MarginsJSON are page margins in mm.
type MarginsJSON struct {
	Top    float64 `json:"top"`
	Bottom float64 `json:"bottom"`
	Left   float64 `json:"left"`
	Right  float64 `json:"right"`
}

// Checked is the validated, normalised (NFC) form of Fields.
type Checked struct {
	Number      int // 0 = blank
	NumberWidth int // padding of the number, ≥ 2
	Date        nd30.Date
	Agency      nd30.Agency
	Signer      nd30.Signer
	Recipients  []string
	Archive     []string
	Urgency     string // the printed mark, "" for none
	Layout      nd30.Layout
}

// Limits on text lengths, in characters.
const (
	MaxLine  = 300
	MaxTitle = 1000
	MaxBody  = 200000
	MaxItems = 60
)

// Text cleans one string field: NFC, no control characters, within max
// characters, required or not. Problems are recorded at path.
func Text(ps *apperr.Problems, path, s string, multiline, required bool, max int) string {
	c, err := nd30.Clean(s, multiline)
	if err != nil {
		ps.Add(path, "invalid_text", "%s.", capitalize(err.Error()))
		return ""
	}
	c = strings.TrimSpace(c)
	if required && c == "" {
		ps.Add(path, "required", "Thiếu nội dung: trường này bắt buộc.")
	}
	if n := utf8.RuneCountInString(c); n > max {
		ps.Add(path, "too_long", "Quá dài: %d ký tự, tối đa %d.", n, max)
		return ""
	}
	return c
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	r, n := utf8.DecodeRuneInString(s)
	return strings.ToUpper(string(r)) + s[n:]
}

// Stamp is what the register gives a document when it issues it: its
// number, padded as the register pads (Width), and its date. A document is
// laid out with them instead of the input's number and date, so that a
// number, once issued, is the one printed.
type Stamp struct {
	Number int // 0 while the number is not taken yet (validation before issuing)
	Width  int
	Date   nd30.Date
}

// Env is what a kind needs besides its input: the font metrics the layout
// measures with and, when the document is being issued, the register's
// stamp (nil otherwise).
type Env struct {
	Metrics *typeset.Metrics
	Stamp   *Stamp
}

// Check validates f; problems are recorded with their JSON paths. With a
// stamp, the number and date are the register's: an input carrying a
// number is refused, a different date is replaced with a warning.
func (f Fields) Check(ps *apperr.Problems, env Env) Checked {
	c := f.check(ps, env.Metrics, env.Stamp)
	if s := env.Stamp; s != nil {
		if f.Number != nil {
			ps.Add("number", "number_given", "Văn bản được cấp số khi ban hành: bỏ trường \"number\" (số sẽ lấy theo sổ đăng ký văn bản đi).")
		}
		if given := strings.TrimSpace(f.Date); given != "" && given != s.Date.String() {
			ps.Warn("date", "date_replaced", "Ngày %s ghi trong dữ liệu đã được thay bằng ngày ban hành %s (ngày cấp số).", given, s.Date)
		}
		c.Number, c.NumberWidth, c.Date = s.Number, s.Width, s.Date
		if c.NumberWidth == 0 {
			c.NumberWidth = nd30.DefaultNumberWidth
		}
	}
	return c
}

func (f Fields) check(ps *apperr.Problems, m *typeset.Metrics, stamp *Stamp) Checked {
	var c Checked
	if f.Number != nil && stamp == nil {
		if *f.Number <= 0 {
			ps.Add("number", "invalid_number", "Số văn bản phải là số nguyên từ 1 trở lên (hoặc bỏ trống/null để văn thư điền tay).")
		} else if *f.Number > 999999 {
			ps.Add("number", "invalid_number", "Số văn bản %d quá lớn.", *f.Number)
		} else {
			c.Number = *f.Number
		}
	}
	c.NumberWidth = nd30.DefaultNumberWidth
	if f.NumberWidth != 0 {
		if f.NumberWidth < 1 || f.NumberWidth > 6 {
			ps.Add("numberWidth", "invalid_number_width", "Độ dài số văn bản phải từ 1 đến 6 chữ số (mặc định 2: \"05\").")
		} else {
			c.NumberWidth = f.NumberWidth
		}
	}
	switch {
	case stamp != nil: // the register gives the date
	case strings.TrimSpace(f.Date) == "":
		ps.Add("date", "required", "Thiếu ngày ban hành: ghi \"NNNN-TT-NN\", hoặc \"NNNN-TT\" để trống ngày.")
	default:
		d, err := nd30.ParseDate(f.Date)
		if err != nil {
			ps.Add("date", "invalid_date", "%s.", capitalize(err.Error()))
		}
		c.Date = d
	}

	if f.AgencyProfile != "" {
		ps.Add("agencyProfile", "profile_not_applied", "Hồ sơ cơ quan %q chưa được áp dụng: hồ sơ chỉ dùng được khi có cơ sở dữ liệu (dịch vụ, hoặc CLI với --data); nếu không, ghi đủ agency, signer.", f.AgencyProfile)
	}
	a := f.Agency
	c.Agency = nd30.Agency{
		Parent:       Text(ps, "agency.parent", a.Parent, false, false, MaxLine),
		Name:         Text(ps, "agency.name", a.Name, false, true, MaxLine),
		Abbreviation: Text(ps, "agency.abbreviation", a.Abbreviation, false, true, 40),
		Place:        Text(ps, "agency.place", a.Place, false, true, 100),
	}
	for i, l := range a.HeaderLines {
		c.Agency.HeaderLines = append(c.Agency.HeaderLines, Text(ps, fmt.Sprintf("agency.headerLines[%d]", i), l, false, true, MaxLine))
	}
	if c.Agency.Abbreviation != "" {
		if err := nd30.CheckAbbreviation(c.Agency.Abbreviation); err != nil {
			ps.Add("agency.abbreviation", "invalid_abbreviation", "%s.", capitalize(err.Error()))
		}
	}

	s := f.Signer
	c.Signer = nd30.Signer{
		Authority: strings.TrimSpace(s.Authority),
		On:        Text(ps, "signer.on", s.On, false, false, 200),
		Title:     Text(ps, "signer.title", s.Title, false, false, 200),
		Name:      Text(ps, "signer.name", s.Name, false, false, 100),
	}
	if s.Inner != nil {
		c.Signer.Inner = &nd30.Level{
			Authority: strings.TrimSpace(s.Inner.Authority),
			On:        Text(ps, "signer.inner.on", s.Inner.On, false, false, 200),
		}
	}
	problems := c.Signer.Check()
	for _, k := range []string{"authority", "on", "inner", "title", "name"} {
		if msg, ok := problems[k]; ok {
			ps.Add("signer."+k, "invalid_signer", "%s.", capitalize(msg))
		}
	}

	if len(f.Recipients) > MaxItems {
		ps.Add("recipients", "too_many", "Nơi nhận có %d mục, tối đa %d.", len(f.Recipients), MaxItems)
	}
	for i, r := range f.Recipients {
		if t := Text(ps, fmt.Sprintf("recipients[%d]", i), r, false, true, MaxLine); t != "" {
			c.Recipients = append(c.Recipients, t)
		}
	}
	for i, r := range f.Archive {
		if t := Text(ps, fmt.Sprintf("archive[%d]", i), r, false, true, 40); t != "" {
			c.Archive = append(c.Archive, t)
		}
	}
	if f.Urgency != "" {
		mark, ok := nd30.UrgencyCodes[f.Urgency]
		if !ok {
			ps.Add("urgency", "invalid_urgency", "Độ khẩn %q không có; dùng \"khan\" (KHẨN), \"thuong-khan\" (THƯỢNG KHẨN) hoặc \"hoa-toc\" (HỎA TỐC).", f.Urgency)
		}
		c.Urgency = mark
	}
	profile, err := nd30.LookupProfile(f.Profile)
	if err != nil {
		ps.Add("profile", "invalid_profile", "%s.", capitalize(err.Error()))
		profile = nd30.Profiles[0]
	}
	c.Layout = nd30.NewLayout(profile, m)
	if f.Margins != nil {
		mg := document.Margins{TopMM: f.Margins.Top, BottomMM: f.Margins.Bottom, LeftMM: f.Margins.Left, RightMM: f.Margins.Right}
		bad := nd30.CheckMargins(mg)
		given := map[string]float64{"top": mg.TopMM, "bottom": mg.BottomMM, "left": mg.LeftMM, "right": mg.RightMM}
		for _, k := range []string{"top", "bottom", "left", "right"} {
			if given[k] == 0 {
				ps.Add("margins."+k, "required", "Thiếu lề %s (mm): khi đặt lề, ghi đủ cả bốn lề top, bottom, left, right.", k)
			} else if msg, ok := bad[k]; ok {
				ps.Add("margins."+k, "invalid_margin", "%s.", capitalize(msg))
			}
		}
		if len(bad) == 0 {
			c.Layout.Page.Margins = mg
		}
	}
	return c
}

// Header builds the NĐ30 header of page 1 for a document of type t.
func (c Checked) Header(t nd30.DocType) document.Grid {
	return c.Layout.Header(nd30.HeaderInput{
		Agency:      c.Agency,
		Number:      c.Number,
		NumberWidth: c.NumberWidth,
		Symbol:      c.Symbol(t),
		Date:        c.Date,
		Urgency:     c.Urgency,
	})
}

// Symbol is the ký hiệu of a document of type t from this agency.
func (c Checked) Symbol(t nd30.DocType) string { return nd30.Symbol(t, c.Agency.Abbreviation) }

// FileName is the suggested file name without extension: "KH-SVHTTDL", or
// "05-KH-SVHTTDL" once numbered.
func (c Checked) FileName(t nd30.DocType) string {
	if c.Number == 0 {
		return c.Symbol(t)
	}
	return nd30.NumberText(c.Number, c.NumberWidth) + "-" + c.Symbol(t)
}

//go:embed schema-common.json
var commonSchema []byte

// Schema composes the JSON Schema of a kind: the shared properties of Fields
// plus the kind's own, all required names listed, no other property allowed.
func Schema(kind, title, description string, required []string, own map[string]any) []byte {
	props := map[string]any{}
	if err := json.Unmarshal(commonSchema, &props); err != nil {
		panic("letterhead: schema-common.json: " + err.Error())
	}
	props["kind"] = map[string]any{"const": kind, "description": "Loại văn bản."}
	for k, v := range own {
		props[k] = v
	}
	s := map[string]any{
		"$schema":              "https://json-schema.org/draft/2020-12/schema",
		"$id":                  "https://vanban.local/schemas/" + kind + ".json",
		"title":                title,
		"description":          description,
		"type":                 "object",
		"additionalProperties": false,
		"required":             append([]string{"kind", "date", "agency", "signer"}, required...),
		"properties":           props,
	}
	out, err := json.MarshalIndent(s, "", "  ")
	if err != nil {
		panic(err)
	}
	return append(out, '\n')
}
