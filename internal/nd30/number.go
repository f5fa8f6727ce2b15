package nd30

import (
	"fmt"
	"strings"
)

// DefaultNumberWidth is the NĐ30 padding: numbers below 10 take a leading
// zero ("05"); numbers of 10 and more are written as they are.
const DefaultNumberWidth = 2

// BlankNumber stands for a number left for the văn thư to write in.
const BlankNumber = "      "

// NumberText pads n to width digits; n == 0 means "left blank".
func NumberText(n, width int) string {
	if n == 0 {
		return BlankNumber
	}
	if width < 1 {
		width = DefaultNumberWidth
	}
	return fmt.Sprintf("%0*d", width, n)
}

// Ref is a document's số and ký hiệu (Phụ lục I, ô 3), the one formatter
// used on the document, in the register, on certificates and on the
// verification page, so that a number, once issued, reads the same
// everywhere: "05/KH-SVHTTDL", "007/QĐ-SVHTTDL" with a register padding to
// three digits, "86/2025/QĐ-UBND" for a legal document that carries its
// year.
type Ref struct {
	Number int    // 0: left blank for the văn thư
	Width  int    // padding; 0 is DefaultNumberWidth
	Year   int    // written between number and ký hiệu (văn bản quy phạm pháp luật); 0: none
	Symbol string // ký hiệu: "KH-SVHTTDL"
}

// NumberText is the number as written: "05", "007", or BlankNumber.
func (r Ref) NumberText() string { return NumberText(r.Number, r.Width) }

// String is "05/KH-SVHTTDL", "86/2025/QĐ-UBND", or "      /KH-SVHTTDL"
// when the number is left blank.
func (r Ref) String() string {
	s := r.NumberText() + "/"
	if r.Year != 0 {
		s += fmt.Sprintf("%d/", r.Year)
	}
	return s + r.Symbol
}

// Line is the line of ô 3: "Số: 05/KH-SVHTTDL", or "Số:      /KH-SVHTTDL"
// when the number is left blank.
func (r Ref) Line() string {
	if r.Number == 0 {
		return "Số:" + r.String()
	}
	return "Số: " + r.String()
}

// DocType is a kind of văn bản hành chính with its Phụ lục III abbreviation.
type DocType struct {
	Name         string // "Kế hoạch"
	Abbreviation string // "KH"; mixed case is significant: "TTr", "CTr", "QyĐ"
}

// Title is the tên loại in capitals, as printed under the header: "KẾ HOẠCH".
func (t DocType) Title() string { return Upper(t.Name) }

// DocTypes is the Phụ lục III table of abbreviations (NĐ 30/2020), with the
// copy forms. Mixed-case tokens (TTr, CTr, QyĐ, TrS) are never upper-cased.
var DocTypes = []DocType{
	{"Nghị quyết", "NQ"}, {"Quyết định", "QĐ"}, {"Chỉ thị", "CT"}, {"Quy chế", "QC"},
	{"Quy định", "QyĐ"}, {"Thông cáo", "TC"}, {"Thông báo", "TB"}, {"Hướng dẫn", "HD"},
	{"Chương trình", "CTr"}, {"Kế hoạch", "KH"}, {"Phương án", "PA"}, {"Đề án", "ĐA"},
	{"Dự án", "DA"}, {"Báo cáo", "BC"}, {"Biên bản", "BB"}, {"Tờ trình", "TTr"},
	{"Hợp đồng", "HĐ"}, {"Công điện", "CĐ"}, {"Bản ghi nhớ", "BGN"}, {"Bản thỏa thuận", "BTT"},
	{"Giấy ủy quyền", "GUQ"}, {"Giấy mời", "GM"}, {"Giấy giới thiệu", "GGT"}, {"Giấy nghỉ phép", "GNP"},
	{"Phiếu gửi", "PG"}, {"Phiếu chuyển", "PC"}, {"Phiếu báo", "PB"},
	{"Bản sao y", "SY"}, {"Bản trích sao", "TrS"}, {"Bản sao lục", "SL"},
}

// LookupType finds a type by its name (any case, any tone-mark placement).
func LookupType(name string) (DocType, bool) {
	k := Key(name)
	for _, t := range DocTypes {
		if Key(t.Name) == k {
			return t, true
		}
	}
	return DocType{}, false
}

// Symbol composes the ký hiệu of a document with a type name:
// "<type abbreviation>-<issuer abbreviation>[-<unit>]", e.g. "KH-SVHTTDL",
// "TTr-SVHTTDL". The type abbreviation is kept literally; the agency parts are
// upper-cased. There are no spaces anywhere.
//
// A công văn has no type abbreviation (DocType{}): its ký hiệu is
// "<issuer>-<unit>", e.g. "SVHTTDL-VP".
func Symbol(t DocType, issuer string, units ...string) string {
	var parts []string
	if t.Abbreviation != "" {
		parts = append(parts, t.Abbreviation)
	}
	parts = append(parts, Upper(strings.TrimSpace(issuer)))
	for _, u := range units {
		if u = strings.TrimSpace(u); u != "" {
			parts = append(parts, Upper(u))
		}
	}
	return strings.Join(parts, "-")
}

// CheckAbbreviation reports an agency abbreviation that cannot be part of a
// ký hiệu: it must be non-empty letters, digits, "&" or "-", with no spaces.
func CheckAbbreviation(s string) error {
	if s == "" {
		return fmt.Errorf("chữ viết tắt tên cơ quan không được để trống")
	}
	for _, r := range s {
		if r == ' ' || r == '/' {
			return fmt.Errorf("chữ viết tắt %q không được chứa dấu cách hoặc dấu \"/\"", s)
		}
		if !(isLetter(r) || (r >= '0' && r <= '9') || r == '&' || r == '-') {
			return fmt.Errorf("chữ viết tắt %q chứa ký tự %q không dùng được trong ký hiệu văn bản", s, r)
		}
	}
	return nil
}

// PointLetters is the sequence of điểm letters: a b c d đ e g h i k l m n o p
// q r s t u v x y (NĐ30 Điều 8 lists a…đ, e, g, h, i: f, j, w and z are not
// Vietnamese letters, vowels with marks are not used).
var PointLetters = []string{"a", "b", "c", "d", "đ", "e", "g", "h", "i", "k", "l", "m", "n", "o", "p", "q", "r", "s", "t", "u", "v", "x", "y"}

// PointLetter returns the letter of the i-th điểm (0-based), "a" … "y", then
// "aa"… is not used by NĐ30: past y it returns "" and ok false.
func PointLetter(i int) (string, bool) {
	if i < 0 || i >= len(PointLetters) {
		return "", false
	}
	return PointLetters[i], true
}

// Roman writes 1…3999 in Roman numerals, for mục "I.", "II." and phụ lục.
func Roman(n int) string {
	if n <= 0 || n >= 4000 {
		return ""
	}
	vals := []int{1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1}
	syms := []string{"M", "CM", "D", "CD", "C", "XC", "L", "XL", "X", "IX", "V", "IV", "I"}
	var b strings.Builder
	for i, v := range vals {
		for n >= v {
			b.WriteString(syms[i])
			n -= v
		}
	}
	return b.String()
}

// Count writes a small count with two digits as award texts do
// ("03 tập thể", "05 cá nhân"); 10 and more as they are.
func Count(n int) string { return fmt.Sprintf("%02d", n) }
