package certificate

import "github.com/vanban/vanban/internal/award"

// Kind is the certificate type.
type Kind string

// Certificate kinds (spec §7.4).
const (
	GiayKhen Kind = "giay-khen" // Giấy khen, A4 landscape 297 × 210 mm (NĐ 98/2023 Điều 104)
	BangKhen Kind = "bang-khen" // Bằng khen, A3 landscape 420 × 297 mm by default (size not confirmed, §10.1)
)

// Title is the certificate's name as printed ("GIẤY KHEN").
func (k Kind) Title() string {
	switch k {
	case GiayKhen:
		return "Giấy khen"
	case BangKhen:
		return "Bằng khen"
	}
	return ""
}

// Size is a page size in millimetres.
type Size struct {
	Width  float64 `json:"width"`
	Height float64 `json:"height"`
}

// Issued is one certificate as recorded in the register: its UUID, số sổ
// vàng and holder, and its file inside a ZIP.
type Issued struct {
	UUID      string    `json:"uuid"`
	Number    int       `json:"number"`
	Recipient Recipient `json:"recipient"`
	File      string    `json:"file,omitempty"`
	VerifyURL string    `json:"verifyURL,omitempty"`
}

// VerifyURL is the address a certificate's QR code carries.
func VerifyURL(base, id string) string {
	for len(base) > 0 && base[len(base)-1] == '/' {
		base = base[:len(base)-1]
	}
	return base + "/v1/verify/" + id
}

// PositionLine is what the certificate prints under the name: the chức vụ
// of a person, the unit above a collective.
func (r Recipient) PositionLine() string {
	if r.Kind == award.Collective {
		return r.ParentUnit
	}
	return r.Position
}

// UnitLine is the đơn vị of a person (a collective prints none).
func (r Recipient) UnitLine() string {
	if r.Kind == award.Collective {
		return ""
	}
	return r.Unit
}

// AchievementOf is recipient i's achievement sentence: their own, or the
// batch's.
func (b *Batch) AchievementOf(i int) string {
	if a := b.Recipients[i].Achievement; a != "" {
		return a
	}
	return b.Achievement
}
