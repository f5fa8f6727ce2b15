package nd30

import (
	"fmt"
	"strings"
)

// Authority prefixes of the signature block (NĐ30 Điều 13, Phụ lục I ô 7a).
const (
	AuthorityNone = ""     // the head signs: "GIÁM ĐỐC"
	AuthorityKT   = "KT."  // ký thay: a deputy signs for the head
	AuthorityTM   = "TM."  // thay mặt: on behalf of a collective body
	AuthorityTL   = "TL."  // thừa lệnh
	AuthorityTUQ  = "TUQ." // thừa ủy quyền
	AuthorityQ    = "Q."   // quyền: acting head
)

// Authorities lists the accepted prefixes.
var Authorities = []string{AuthorityNone, AuthorityKT, AuthorityTM, AuthorityTL, AuthorityTUQ, AuthorityQ}

// Signer is who signs, and in what capacity (NĐ30 Điều 13, Phụ lục I ô
// 7a). It is the one signer of every document and certificate.
type Signer struct {
	// Authority is one of Authorities.
	Authority string `json:"authority,omitempty"`
	// On is the head title or collective the authority refers to:
	// "Giám đốc" for KT./TL./TUQ./Q., "Ủy ban nhân dân" for TM.
	On string `json:"on,omitempty"`
	// Inner is the second level of the two-level form: under TM., a deputy
	// signs for the head of the collective body ({"authority": "KT.", "on":
	// "Chủ tịch"} gives "TM. ỦY BAN NHÂN DÂN" / "KT. CHỦ TỊCH" / "PHÓ CHỦ
	// TỊCH"), or the acting head signs ("Q.").
	Inner *Level `json:"inner,omitempty"`
	// Title is the signer's own title, one line: "Phó Giám đốc" under KT.,
	// "Giám đốc" when the head signs. Empty under Q.
	Title string `json:"title,omitempty"`
	// Name is the signer's full name, without academic titles.
	Name string `json:"name"`
}

// Level is one authority line of a signature: "KT. CHỦ TỊCH".
type Level struct {
	Authority string `json:"authority"`
	On        string `json:"on"`
}

// CheckAuthority reports an unknown authority prefix.
func CheckAuthority(a string) error {
	for _, k := range Authorities {
		if a == k {
			return nil
		}
	}
	return fmt.Errorf("thẩm quyền ký %q không có; dùng một trong: (để trống), KT., TM., TL., TUQ., Q.", a)
}

// Check reports what is missing for the authority form, by JSON field
// ("authority", "on", "inner", "title", "name").
func (s Signer) Check() map[string]string {
	out := map[string]string{}
	if err := CheckAuthority(s.Authority); err != nil {
		out["authority"] = err.Error()
		return out
	}
	if strings.TrimSpace(s.Name) == "" {
		out["name"] = "thiếu họ tên người ký"
	}
	if strings.ContainsAny(s.Title, "\n\r") {
		out["title"] = "chức vụ người ký viết trên một dòng; hình thức hai cấp (TM. … / KT. …) ghi ở mục \"inner\""
	}
	authority := s.Authority
	if s.Inner != nil {
		switch {
		case s.Authority != AuthorityTM:
			out["inner"] = "hình thức hai cấp chỉ dùng sau \"TM.\" (TM. Ủy ban nhân dân / KT. Chủ tịch)"
		case s.Inner.Authority != AuthorityKT && s.Inner.Authority != AuthorityQ:
			out["inner"] = fmt.Sprintf("cấp thứ hai sau TM. là \"KT.\" hoặc \"Q.\", không phải %q", s.Inner.Authority)
		case strings.TrimSpace(s.Inner.On) == "":
			out["inner"] = fmt.Sprintf("thiếu chức vụ sau %q (ví dụ: Chủ tịch)", s.Inner.Authority)
		}
		authority = s.Inner.Authority
	}
	if s.Authority != AuthorityNone && strings.TrimSpace(s.On) == "" {
		if s.Authority == AuthorityQ {
			out["on"] = "thiếu chức vụ người đứng đầu (ví dụ: Giám đốc) để ghi \"Q. GIÁM ĐỐC\""
		} else {
			out["on"] = fmt.Sprintf("thiếu chức vụ hoặc tập thể sau %q (ví dụ: Giám đốc)", s.Authority)
		}
	}
	switch authority {
	case AuthorityNone:
		if strings.TrimSpace(s.Title) == "" {
			out["title"] = "thiếu chức vụ người ký (ví dụ: Giám đốc)"
		}
		if s.On != "" {
			out["on"] = "chỉ dùng khi ký thay (KT.), thay mặt (TM.), thừa lệnh (TL.), thừa ủy quyền (TUQ.) hoặc quyền (Q.)"
		}
	case AuthorityQ:
	default:
		if _, bad := out["title"]; !bad && strings.TrimSpace(s.Title) == "" {
			out["title"] = "thiếu chức vụ của người ký (ví dụ: Phó Giám đốc)"
		}
	}
	return out
}

// AuthorityLines are the capitalised authority lines of ô 7a, above the
// signer's own title: "KT. GIÁM ĐỐC"; "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ
// TỊCH" in the two-level form; none when the head signs.
func (s Signer) AuthorityLines() []string {
	var out []string
	if s.Authority != AuthorityNone {
		out = append(out, s.Authority+" "+Upper(strings.TrimSpace(s.On)))
	}
	if s.Inner != nil {
		out = append(out, s.Inner.Authority+" "+Upper(strings.TrimSpace(s.Inner.On)))
	}
	return out
}

// Lines are the capitalised lines of ô 7a: "KT. GIÁM ĐỐC" / "PHÓ GIÁM ĐỐC".
func (s Signer) Lines() []string {
	out := s.AuthorityLines()
	if t := strings.TrimSpace(s.Title); t != "" {
		out = append(out, Upper(t))
	}
	return out
}

// RecipientLines punctuates the nơi nhận list (ô 9b): each item starts with
// "- " and ends with ";", the last line is "- Lưu: VT, <units>." Whatever
// dash or end punctuation the user typed is replaced. An item written with a
// leading "+" is a sub-item of the item before it: "+ LĐVP;" under
// "- VP UBND tỉnh:", whose line then ends with ":".
func RecipientLines(items []string, archive []string) []string {
	out := make([]string, 0, len(items)+1)
	parent := -1
	for _, it := range items {
		if t := strings.TrimSpace(it); strings.HasPrefix(t, "+") && parent >= 0 {
			if t = trimItem(strings.TrimPrefix(t, "+")); t != "" {
				out[parent] = strings.TrimSuffix(strings.TrimSuffix(out[parent], ";"), ":") + ":"
				out = append(out, "+ "+t+";")
			}
			continue
		}
		if it = trimItem(strings.TrimPrefix(strings.TrimSpace(it), "+")); it != "" {
			out = append(out, "- "+it+";")
			parent = len(out) - 1
		}
	}
	keep := []string{"VT"}
	for _, u := range archive {
		if u = trimItem(u); u != "" && u != "VT" {
			keep = append(keep, u)
		}
	}
	out = append(out, "- Lưu: "+strings.Join(keep, ", ")+".")
	return out
}

// KinhGuiLines punctuates several recipients of "Kính gửi:" (ô 9a): "- X;"
// and "- Y." for the last. A single recipient is written on the label's line
// without a dash.
func KinhGuiLines(items []string) []string {
	var clean []string
	for _, it := range items {
		if it = trimItem(it); it != "" {
			clean = append(clean, it)
		}
	}
	if len(clean) == 1 {
		return clean
	}
	out := make([]string, len(clean))
	for i, it := range clean {
		end := ";"
		if i == len(clean)-1 {
			end = "."
		}
		out[i] = "- " + it + end
	}
	return out
}

func trimItem(s string) string {
	s = strings.TrimSpace(s)
	s = strings.TrimPrefix(s, "-")
	s = strings.TrimPrefix(s, "–")
	s = strings.TrimSpace(s)
	s = strings.TrimRight(s, ";.,:")
	return strings.TrimSpace(s)
}

// Urgency marks (ô 10b) and the width of their stamp, in mm.
var Urgencies = map[string]float64{"KHẨN": 20, "THƯỢNG KHẨN": 40, "HỎA TỐC": 30}

// UrgencyCodes map the JSON values to the printed marks.
var UrgencyCodes = map[string]string{"khan": "KHẨN", "thuong-khan": "THƯỢNG KHẨN", "hoa-toc": "HỎA TỐC"}
