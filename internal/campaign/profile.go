// Package campaign is the award campaign (đợt, phong trào thi đua) as one
// connected, saved piece of work: the agency profile saved once, drafts with
// their versions, campaigns with their nominations imported from the units'
// lists, and the Tờ trình and Quyết định drafted from them. The types,
// validation and mappings here do no I/O and never read the clock; Service
// drives them over a Store (internal/sqlstore) and is shared by the CLI, the
// HTTP service and the web workspace.
package campaign

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"image/png"
	"io"
	"regexp"
	"strings"
	"time"

	"github.com/vanban/vanban/internal/apperr"
	"github.com/vanban/vanban/internal/certprint"
	"github.com/vanban/vanban/internal/letterhead"
	"github.com/vanban/vanban/internal/nd30"
)

// Profile is an agency's saved profile (hồ sơ cơ quan): what every document
// of the agency repeats. Any kind's input may name it with
// "agencyProfile": "ID" instead of repeating these fields; fields given in the
// input win.
type Profile struct {
	// ID names the profile in inputs and URLs: lower-case letters, digits
	// and "-" ("svhttdl-lai-chau").
	ID string `json:"id"`
	// Agency is the cơ quan chủ quản, the agency's name and header lines,
	// its ký hiệu abbreviation and its place.
	Agency nd30.Agency `json:"agency"`
	// Signers are who sign for the agency; one of them is the default.
	Signers []Signer `json:"signers"`
	// Recipients is the default nơi nhận (after "Như trên"/"Như Điều 3");
	// Archive the units after "Lưu: VT," ("TĐKT").
	Recipients []string `json:"recipients,omitempty"`
	Archive    []string `json:"archive,omitempty"`
	// NumberWidth pads the number as the agency's register does (2: "05").
	NumberWidth int `json:"numberWidth,omitempty"`
	// Awards are the defaults of the award paperwork.
	Awards AwardDefaults `json:"awards,omitzero"`
	// Emblem is the Quốc huy or the agency's emblem printed at the top
	// centre of its certificates in full mode. The image is stored apart
	// from the profile (Store.GetEmblem) and read only to print: the
	// profile's JSON carries its reference {"sha256", "width", "height"}.
	// A PUT may give the PNG itself as a base64 string instead (Emblem.PNG):
	// it is checked, scaled to what the print needs and stored once
	// (certprint.NormalizeEmblem); a reference keeps the saved image.
	Emblem *Emblem `json:"emblem,omitempty"`
	// UpdatedAt is set by the store.
	UpdatedAt time.Time `json:"updatedAt,omitzero"`
}

// Signer is one of the agency's signers: the one signer shape of every kind
// (nd30.Signer: authority, on, title, name) and whether it is the default.
type Signer struct {
	nd30.Signer
	Default bool `json:"default,omitempty"`
}

// AwardDefaults pre-fill the Tờ trình and the Quyết định drafted from a
// campaign.
type AwardDefaults struct {
	// KinhGui is the addressee of the Tờ trình ("Chủ tịch Ủy ban nhân dân
	// tỉnh Lai Châu").
	KinhGui []string `json:"kinhGui,omitempty"`
	// Proposal is the last căn cứ of the Quyết định ("Theo đề nghị của
	// Chánh Văn phòng Sở").
	Proposal string `json:"proposal,omitempty"`
	// Implementers opens Điều 3 of the Quyết định.
	Implementers string `json:"implementers,omitempty"`
	// Funding is where the cash comes from.
	Funding string `json:"funding,omitempty"`
	// BaseSalary is the mức lương cơ sở in đồng.
	BaseSalary int64 `json:"baseSalary,omitempty"`
}

var (
	idRe  = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{0,62}$`)
	shaRe = regexp.MustCompile(`^[0-9a-f]{64}$`)
)

// Emblem is a profile's emblem: the reference kept in the profile's JSON,
// and the PNG when it is uploaded or read to print (never in the JSON).
type Emblem struct {
	SHA256 string `json:"sha256"`
	Width  int    `json:"width,omitempty"`
	Height int    `json:"height,omitempty"`
	PNG    []byte `json:"-"`
	// normalized: PNG is NormalizeEmblem's output (Check does not scale it
	// again).
	normalized bool
}

// MaxEmblemBytes bounds an emblem's PNG (certprint.MaxEmblemBytes).
const MaxEmblemBytes = certprint.MaxEmblemBytes

// ReadEmblem reads an uploaded emblem's PNG of declared length size (-1:
// unknown) from r, at most MaxEmblemBytes: a larger one is refused before
// reading or as soon as it passes the limit (emblem_too_large), never
// read whole.
func ReadEmblem(r io.Reader, size int64) ([]byte, error) {
	if size > MaxEmblemBytes {
		return nil, certprint.EmblemTooLarge("emblem")
	}
	data, err := io.ReadAll(io.LimitReader(r, MaxEmblemBytes+1))
	if err != nil {
		return nil, apperr.New(apperr.Invalid, "body_unreadable", "Không đọc được ảnh gửi lên (kết nối bị ngắt hoặc quá chậm).")
	}
	if len(data) > MaxEmblemBytes {
		return nil, certprint.EmblemTooLarge("emblem")
	}
	return data, nil
}

// NewEmblem is the emblem of a normalised PNG of w × h pixels.
func NewEmblem(png []byte, w, h int) *Emblem {
	sum := sha256.Sum256(png)
	return &Emblem{SHA256: hex.EncodeToString(sum[:]), Width: w, Height: h, PNG: png, normalized: true}
}

// Prepared tells whether PNG is the scaled, re-encoded image that is
// stored (NewEmblem), not an upload yet to check.
func (e *Emblem) Prepared() bool { return e != nil && e.normalized }

// OldEmblem is the emblem to store for a PNG saved inside a profile's JSON
// by an older version: scaled as a new one (NormalizeOldEmblem, with the
// bound of then), or kept as it was when it cannot be (the printer then
// reports it).
func OldEmblem(data []byte) *Emblem {
	if img, err := certprint.NormalizeOldEmblem(data); err == nil {
		return NewEmblem(img.Data, img.Width, img.Height)
	}
	cfg, _ := png.DecodeConfig(bytes.NewReader(data))
	e := NewEmblem(data, cfg.Width, cfg.Height)
	e.normalized = false
	return e
}

// UnmarshalJSON reads the reference object, or a base64 string: the PNG
// uploaded with a PUT of the profile (as the profile's JSON carried it
// before the image was stored apart).
func (e *Emblem) UnmarshalJSON(b []byte) error {
	if len(b) > 0 && b[0] == '"' {
		var png []byte
		if err := json.Unmarshal(b, &png); err != nil {
			return apperr.Invalidf("emblem", "emblem_not_png", "Ảnh Quốc huy / biểu trưng: chuỗi base64 không hợp lệ.")
		}
		*e = Emblem{PNG: png}
		return nil
	}
	type ref Emblem
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	var r ref
	if err := dec.Decode(&r); err != nil {
		return apperr.Invalidf("emblem", "invalid_emblem", "Ảnh Quốc huy / biểu trưng: \"emblem\" là ảnh PNG (chuỗi base64) hoặc tham chiếu ảnh đã lưu {\"sha256\", \"width\", \"height\"}.")
	}
	*e = Emblem(r)
	e.PNG = nil
	return nil
}

// Check validates and normalises p (NFC, trimmed); problems carry JSON paths.
func (p Profile) Check() (Profile, apperr.Problems) {
	var ps apperr.Problems
	out := p
	if !idRe.MatchString(p.ID) {
		ps.Add("id", "invalid_id", "Mã hồ sơ %q không hợp lệ: dùng chữ thường không dấu, chữ số và dấu gạch ngang, ví dụ \"svhttdl-lai-chau\".", p.ID)
	}
	a := p.Agency
	out.Agency = nd30.Agency{
		Parent:       letterhead.Text(&ps, "agency.parent", a.Parent, false, false, letterhead.MaxLine),
		Name:         letterhead.Text(&ps, "agency.name", a.Name, false, true, letterhead.MaxLine),
		Abbreviation: letterhead.Text(&ps, "agency.abbreviation", a.Abbreviation, false, true, 40),
		Place:        letterhead.Text(&ps, "agency.place", a.Place, false, true, 100),
	}
	for i, l := range a.HeaderLines {
		out.Agency.HeaderLines = append(out.Agency.HeaderLines, letterhead.Text(&ps, fmt.Sprintf("agency.headerLines[%d]", i), l, false, true, letterhead.MaxLine))
	}
	if out.Agency.Abbreviation != "" {
		if err := nd30.CheckAbbreviation(out.Agency.Abbreviation); err != nil {
			ps.Add("agency.abbreviation", "invalid_abbreviation", "%s.", err.Error())
		}
	}
	if len(p.Signers) == 0 {
		ps.Add("signers", "required", "Hồ sơ cần ít nhất một người ký (họ tên, chức vụ, thẩm quyền ký).")
	}
	defaults := 0
	out.Signers = make([]Signer, len(p.Signers))
	for i, s := range p.Signers {
		at := fmt.Sprintf("signers[%d]", i)
		c := nd30.Signer{
			Authority: strings.TrimSpace(s.Authority),
			On:        letterhead.Text(&ps, at+".on", s.On, false, false, 200),
			Title:     letterhead.Text(&ps, at+".title", s.Title, true, false, 200),
			Name:      letterhead.Text(&ps, at+".name", s.Name, false, false, 100),
		}
		for _, k := range []string{"authority", "on", "title", "name"} {
			if msg, ok := c.Check()[k]; ok {
				ps.Add(at+"."+k, "invalid_signer", "%s.", msg)
			}
		}
		if s.Default {
			defaults++
		}
		out.Signers[i] = Signer{Signer: c, Default: s.Default}
	}
	if defaults > 1 {
		ps.Add("signers", "two_defaults", "Chỉ một người ký là mặc định (\"default\": true); hồ sơ có %d.", defaults)
	}
	if defaults == 0 && len(out.Signers) > 0 {
		out.Signers[0].Default = true
	}
	out.Recipients = texts(&ps, "recipients", p.Recipients, letterhead.MaxLine)
	out.Archive = texts(&ps, "archive", p.Archive, 40)
	if p.NumberWidth != 0 && (p.NumberWidth < 1 || p.NumberWidth > 6) {
		ps.Add("numberWidth", "invalid_number_width", "Độ dài số văn bản phải từ 1 đến 6 chữ số (mặc định 2: \"05\").")
	}
	w := p.Awards
	out.Awards = AwardDefaults{
		KinhGui:      texts(&ps, "awards.kinhGui", w.KinhGui, letterhead.MaxLine),
		Proposal:     letterhead.Text(&ps, "awards.proposal", w.Proposal, false, false, letterhead.MaxTitle),
		Implementers: letterhead.Text(&ps, "awards.implementers", w.Implementers, false, false, letterhead.MaxTitle),
		Funding:      letterhead.Text(&ps, "awards.funding", w.Funding, false, false, letterhead.MaxLine),
		BaseSalary:   w.BaseSalary,
	}
	if e := p.Emblem; e != nil && e.PNG != nil && e.normalized {
		// Checked already (a form checks before it saves).
	} else if e != nil && e.PNG != nil {
		img, err := certprint.NormalizeEmblem(e.PNG, "emblem")
		if err != nil {
			ps = append(ps, apperr.As(err).Problems...)
		} else {
			out.Emblem = NewEmblem(img.Data, img.Width, img.Height)
		}
	} else if e != nil && !shaRe.MatchString(e.SHA256) {
		ps.Add("emblem.sha256", "invalid_emblem", "Ảnh Quốc huy / biểu trưng: \"emblem\" là ảnh PNG (chuỗi base64) hoặc tham chiếu ảnh đã lưu {\"sha256\": 64 chữ số hex}.")
	}
	if w.BaseSalary < 0 || w.BaseSalary > 1_000_000_000 {
		ps.Add("awards.baseSalary", "invalid_amount", "Mức lương cơ sở phải từ 0 đến 1.000.000.000 đồng.")
	}
	return out, ps
}

func texts(ps *apperr.Problems, path string, in []string, max int) []string {
	if len(in) > letterhead.MaxItems {
		ps.Add(path, "too_many", "Có %d mục, tối đa %d.", len(in), letterhead.MaxItems)
		return nil
	}
	var out []string
	for i, s := range in {
		if t := letterhead.Text(ps, fmt.Sprintf("%s[%d]", path, i), s, false, true, max); t != "" {
			out = append(out, t)
		}
	}
	return out
}

// DefaultSigner is the signer marked default (or the first).
func (p Profile) DefaultSigner() nd30.Signer {
	for _, s := range p.Signers {
		if s.Default {
			return s.Signer
		}
	}
	if len(p.Signers) > 0 {
		return p.Signers[0].Signer
	}
	return nd30.Signer{}
}

// ProfileField is the input field that names a saved profile.
const ProfileField = "agencyProfile"

// ProfileRef returns the profile an input names ("agencyProfile"), or "".
// An input that is not a JSON object names none (its decoder reports it).
func ProfileRef(input []byte) string {
	var ref struct {
		ID string `json:"agencyProfile"`
	}
	if json.Unmarshal(input, &ref) != nil {
		return ""
	}
	return strings.TrimSpace(ref.ID)
}

// Apply fills input (any kind's JSON) from p: the agency, its fields one by
// one, the default signer, the nơi nhận, the Lưu line and the number width,
// and for the award kinds the Kính gửi, the proposal, implementers and
// funding — each only where the input leaves it out: what the input gives
// wins. The "agencyProfile" reference is removed. The result's keys are in
// a fixed order (encoding/json sorts map keys).
func (p Profile) Apply(input []byte) ([]byte, error) {
	var m map[string]json.RawMessage
	if err := json.Unmarshal(input, &m); err != nil || m == nil {
		return nil, apperr.Invalidf("", "invalid_json", "Dữ liệu phải là một đối tượng JSON để áp dụng hồ sơ cơ quan.")
	}
	delete(m, ProfileField)
	set := func(k string, v any) {
		if raw, ok := m[k]; ok && string(raw) != "null" {
			return
		}
		b, err := json.Marshal(v)
		if err == nil {
			m[k] = b
		}
	}
	// The agency: field by field.
	var given map[string]json.RawMessage
	if raw, ok := m["agency"]; ok && json.Unmarshal(raw, &given) == nil && given != nil {
		full, _ := json.Marshal(p.Agency)
		var base map[string]json.RawMessage
		_ = json.Unmarshal(full, &base)
		for k, v := range given {
			base[k] = v
		}
		m["agency"], _ = json.Marshal(base)
	} else {
		set("agency", p.Agency)
	}
	set("signer", p.DefaultSigner())
	if len(p.Recipients) > 0 {
		set("recipients", p.Recipients)
	}
	if len(p.Archive) > 0 {
		set("archive", p.Archive)
	}
	if p.NumberWidth > 0 {
		set("numberWidth", p.NumberWidth)
	}
	var kind string
	_ = json.Unmarshal(m["kind"], &kind)
	w := p.Awards
	switch kind {
	case ToTrinhKind:
		if len(w.KinhGui) > 0 {
			set("kinhGui", w.KinhGui)
		}
	case QuyetDinhKind:
		if w.Proposal != "" {
			set("proposal", w.Proposal)
		}
		if w.Implementers != "" {
			set("implementers", w.Implementers)
		}
		if w.Funding != "" {
			set("funding", w.Funding)
		}
	}
	if (kind == ToTrinhKind || kind == QuyetDinhKind) && w.BaseSalary > 0 {
		set("baseSalary", w.BaseSalary)
	}
	return json.Marshal(m)
}
