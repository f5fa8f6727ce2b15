package certificate

import (
	"fmt"
	"strings"
	"time"
	"unicode"

	"github.com/vanban/vanban/internal/nd30"
)

// DecisionLine is the bottom-left line of §7.4: "Quyết định số
// 123/QĐ-SVHTTDL ngày 10/12/2025", the number and date written as on the
// decision itself.
func (d Decision) DecisionLine() string {
	return fmt.Sprintf("Quyết định số %s ngày %s", d.Ref(), d.date.Short())
}

// Ref is the decision's số, ký hiệu exactly as issued: "123/QĐ-SVHTTDL",
// "007/QĐ-SVHTTDL" when the register pads to three digits (NumberWidth).
func (d Decision) Ref() string {
	return nd30.Ref{Number: d.Number, Width: d.NumberWidth, Symbol: d.Symbol}.String()
}

// PlaceDate is the long place-and-date line: "Lai Châu, ngày 10 tháng 12
// năm 2025" (spec §4.2).
func (d Decision) PlaceDate() string { return nd30.PlaceDate(d.Place, d.date) }

// Day is the decision's date (valid once the batch is validated).
func (d Decision) Day() nd30.Date { return d.date }

// Time is the decision's date as a time, for file metadata.
func (d Decision) Time() time.Time {
	return time.Date(d.date.Year, time.Month(d.date.Month), d.date.Day, 0, 0, 0, 0, time.UTC)
}

// AuthorityLine is the first line of the signature block: "KT. GIÁM ĐỐC"
// when signing for someone, else the signer's own title (§3.5).
func (d Decision) AuthorityLine() string {
	if l := d.Signer.Lines(); len(l) > 0 {
		return l[0]
	}
	return ""
}

// TitleLine is the second line ("PHÓ GIÁM ĐỐC") under a KT./TM./TL./TUQ.
// line, empty when signing in one's own name.
func (d Decision) TitleLine() string {
	if l := d.Signer.Lines(); len(l) > 1 {
		return strings.Join(l[1:], " ")
	}
	return ""
}

// Slug is an ASCII file-name part: tone marks stripped, đ → d, lower case,
// words joined by "-", at most 60 characters ("nguyen-van-a").
func Slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range nd30.Unmark(s) {
		r = unicode.ToLower(r)
		if r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
			continue
		}
		dash = true
	}
	out := b.String()
	if len(out) > 60 {
		out = out[:60]
		if i := strings.LastIndexByte(out, '-'); i > 30 {
			out = out[:i]
		}
		out = strings.TrimRight(out, "-")
	}
	if out == "" {
		out = "giay-khen"
	}
	return out
}

// FileName is the name of a recipient's file in a ZIP:
// "007-nguyen-van-a.pdf" (the number padded to three digits).
func FileName(number int, r Recipient, ext FileFormat) string {
	return fmt.Sprintf("%03d-%s.%s", number, Slug(r.Name), ext)
}
