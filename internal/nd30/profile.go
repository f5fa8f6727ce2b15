package nd30

import (
	"fmt"

	"github.com/vanban/vanban/internal/document"
)

// Profile is a consistent set of type sizes (pt). NĐ30 lets sizes vary within
// ranges but requires them to move together (Phụ lục I, footnote): so sizes
// come from a profile, never one by one.
type Profile struct {
	Name          string  `json:"name"`
	NationalTitle float64 `json:"nationalTitle"` // Quốc hiệu
	Motto         float64 `json:"motto"`         // Tiêu ngữ
	Agency        float64 `json:"agency"`        // cơ quan chủ quản / ban hành
	Number        float64 `json:"number"`        // Số, ký hiệu
	PlaceDate     float64 `json:"placeDate"`
	TypeName      float64 `json:"typeName"` // tên loại
	Summary       float64 `json:"summary"`  // trích yếu
	Body          float64 `json:"body"`
	Signature     float64 `json:"signature"`
	RecipientsTag float64 `json:"recipientsTag"` // "Nơi nhận:"
	Recipients    float64 `json:"recipients"`
	PageNumber    float64 `json:"pageNumber"`
	Urgency       float64 `json:"urgency"`
}

// Profiles are the two size profiles consistent with the NĐ30 footnote; the
// first ("12/13", NĐ30's own example column) is the default.
var Profiles = []Profile{
	{Name: "12/13", NationalTitle: 12, Motto: 13, Agency: 12, Number: 13, PlaceDate: 13, TypeName: 14, Summary: 14,
		Body: 14, Signature: 14, RecipientsTag: 12, Recipients: 11, PageNumber: 14, Urgency: 13},
	{Name: "13/14", NationalTitle: 13, Motto: 14, Agency: 13, Number: 13, PlaceDate: 14, TypeName: 14, Summary: 14,
		Body: 14, Signature: 14, RecipientsTag: 12, Recipients: 11, PageNumber: 14, Urgency: 13},
}

// LookupProfile returns the profile called name ("" = the default).
func LookupProfile(name string) (Profile, error) {
	if name == "" {
		return Profiles[0], nil
	}
	for _, p := range Profiles {
		if p.Name == name {
			return p, nil
		}
	}
	return Profile{}, fmt.Errorf("cỡ chữ %q không có; chọn \"12/13\" hoặc \"13/14\"", name)
}

// LineHeight is the exact line height used for text of size pt: about 1.15
// of the size for header lines, within NĐ30's "single to 1.5 lines".
func LineHeight(size float64) float64 { return size + 2 }

// BodyLineHeight is the exact line height of body text (18 pt at 14 pt, about
// 1.16 lines of Times New Roman: inside NĐ30's 1–1.5 range).
func BodyLineHeight(size float64) float64 { return size + 4 }

// Margin ranges of NĐ30 (Phụ lục I), in mm.
var (
	TopRange    = [2]float64{20, 25}
	BottomRange = [2]float64{20, 25}
	LeftRange   = [2]float64{30, 35}
	RightRange  = [2]float64{15, 20}
)

// DefaultMargins are T20 B20 L30 R15, giving a 165 mm text width.
var DefaultMargins = document.Margins{TopMM: 20, BottomMM: 20, LeftMM: 30, RightMM: 15}

// A4 portrait and landscape.
var (
	A4          = document.Page{WidthMM: 210, HeightMM: 297, Margins: DefaultMargins}
	A4Landscape = document.Page{WidthMM: 297, HeightMM: 210, Margins: document.Margins{TopMM: 20, BottomMM: 20, LeftMM: 20, RightMM: 20}}
)

// CheckMargins reports margins outside the NĐ30 ranges; the field names are
// the JSON names of the margins object.
func CheckMargins(m document.Margins) map[string]string {
	out := map[string]string{}
	check := func(name string, v float64, r [2]float64) {
		if v < r[0] || v > r[1] {
			out[name] = fmt.Sprintf("lề %g mm nằm ngoài khoảng NĐ30 cho phép (%g–%g mm)", v, r[0], r[1])
		}
	}
	check("top", m.TopMM, TopRange)
	check("bottom", m.BottomMM, BottomRange)
	check("left", m.LeftMM, LeftRange)
	check("right", m.RightMM, RightRange)
	return out
}

// FirstLineIndentMM is the body's first-line indent (1.27 cm; NĐ30 allows 1 or 1.27 cm).
const FirstLineIndentMM = 12.7

// ParagraphSpacePt is the space after each body paragraph (NĐ30: at least 6 pt).
const ParagraphSpacePt = 6
