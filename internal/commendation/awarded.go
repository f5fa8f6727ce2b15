package commendation

import (
	"fmt"
	"strings"

	"github.com/vanban/vanban/internal/apperr"
	"github.com/vanban/vanban/internal/award"
	"github.com/vanban/vanban/internal/jsonin"
	"github.com/vanban/vanban/internal/nd30"
)

// Awarded is what an issued Quyết định awarded, read back from the exact
// input it was issued from: the rows of its danh sách in the printed order
// with their số sổ vàng, and what its certificates repeat (number, date,
// issuer, signer, form, achievement).
type Awarded struct {
	Number      int
	NumberWidth int
	Symbol      string
	Date        nd30.Date
	Agency      nd30.Agency
	// IssuerTitle is the thẩm quyền line in mixed case ("Giám đốc Sở …").
	IssuerTitle string
	Signer      nd30.Signer
	Form        award.Form
	// Forms are the forms of the decision, in the order of its danh sách
	// (one, or the danh hiệu and the Giấy khen of a mixed decision).
	Forms       []award.Form
	Achievement string
	// Period is the period of its danh hiệu ("năm 2025"), if it has any.
	Period string
	Rows   []AwardedRow
}

// Printed is the form whose certificates are printed and its rows: the
// form with id formID (matched like the catalogue matches), or by default
// the decision's own; every row when the decision has one form.
func (a Awarded) Printed(formID string) (award.Form, []AwardedRow, error) {
	form := a.Form
	if formID != "" {
		found := false
		for _, f := range a.Forms {
			if f.ID == formID || nd30.Fold(f.Name) == nd30.Fold(formID) {
				form, found = f, true
			}
		}
		if !found {
			names := make([]string, len(a.Forms))
			for i, f := range a.Forms {
				names[i] = f.ID
			}
			return award.Form{}, nil, apperr.Invalidf("awardForm", "form_not_in_decision", "Quyết định không có hình thức %q; chọn một trong: %s.", formID, strings.Join(names, ", "))
		}
	}
	if len(a.Forms) <= 1 {
		return form, a.Rows, nil
	}
	var rows []AwardedRow
	for _, r := range a.Rows {
		if r.AwardForm == form.ID {
			rows = append(rows, r)
		}
	}
	if len(rows) == 0 {
		return form, nil, apperr.Invalidf("awardForm", "no_rows", "Quyết định không có dòng nào được tặng %s.", form.Name)
	}
	return form, rows, nil
}

// AwardedRow is one awarded nominee and its số sổ vàng.
type AwardedRow struct {
	GoldBook int
	award.Nomination
}

// AwardedBy reads a Quyết định input (as issued: numbered and dated) and
// lists its rows exactly as its danh sách prints them: grouped in the
// configured order, sorted as asked, số sổ vàng counted on from
// goldBookStart.
func AwardedBy(data []byte, env Env) (Awarded, error) {
	var in QuyetDinhInput
	if err := jsonin.Decode(data, &in); err != nil {
		return Awarded{}, err
	}
	var ps apperr.Problems
	if in.Kind != QuyetDinhKind {
		return Awarded{}, apperr.Invalidf("kind", "not_a_decision", "Văn bản này không phải Quyết định khen thưởng (loại %q): không in được giấy khen từ đó.", in.Kind)
	}
	c := in.Common.check(&ps, env)
	if err := ps.Err(); err != nil {
		return Awarded{}, err
	}
	issuer := letterheadIssuer(in.IssuerTitle, c.Agency.Name)
	a := Awarded{
		Number: c.Number, NumberWidth: c.NumberWidth, Symbol: c.Symbol(quyetDinhType), Date: c.Date,
		Agency: c.Agency, IssuerTitle: issuer, Signer: c.Signer, Form: c.form, Achievement: c.achievement,
	}
	a.Period = c.period
	for _, p := range c.parts {
		a.Forms = append(a.Forms, p.form)
	}
	number := in.GoldBookStart
	if number == 0 {
		number = 1
	}
	for _, g := range c.groups() {
		for _, n := range g.rows {
			a.Rows = append(a.Rows, AwardedRow{GoldBook: number, Nomination: n})
			number++
		}
	}
	return a, nil
}

// letterheadIssuer is the Quyết định's issuer title: the input's, or
// "Giám đốc " + the agency (as BuildQuyetDinh prints it).
func letterheadIssuer(given, agency string) string {
	if given != "" {
		return given
	}
	return "Giám đốc " + agency
}

// NominationSchema is the JSON Schema of one nomination, as the kinds'
// "nominations" items (one vocabulary everywhere).
func NominationSchema() map[string]any { return nominationSchema }

// recipients is the nơi nhận: auto ("Như trên", "Như Điều 3") first, then
// the input's. An entry the officer wrote that auto (or "Lưu …", which the
// archive line prints) already says is not printed twice: it is left out
// with a warning at its path.
func (c checked) recipients(ps *apperr.Problems, auto string) []string {
	out := []string{auto}
	for i, r := range c.Recipients {
		k := nd30.Key(strings.Trim(r, " -;.:"))
		switch {
		case k == nd30.Key(auto) || (strings.HasPrefix(auto, "Như Điều") && strings.HasPrefix(k, nd30.Key("Như Điều"))):
			ps.Warn(fmt.Sprintf("recipients[%d]", i), "recipient_printed", "%q không cần ghi: văn bản tự in \"%s\" ở đầu nơi nhận; mục này được bỏ để không in hai lần.", r, auto)
		case strings.HasPrefix(k, nd30.Key("Lưu")):
			ps.Warn(fmt.Sprintf("recipients[%d]", i), "recipient_printed", "%q không cần ghi: dòng \"Lưu: VT, …\" được in từ trường archive; mục này được bỏ.", r)
		default:
			out = append(out, r)
		}
	}
	return out
}

// warnUnconfirmedCash warns when the money of the document uses a cash
// multiple the catalogue marks as not confirmed from the decree text.
func (c checked) warnUnconfirmedCash(ps *apperr.Problems) {
	if c.baseSalary == 0 {
		return
	}
	for _, p := range c.parts {
		if p.form.ID == "" {
			continue
		}
		for _, k := range []award.Kind{award.Collective, award.Individual} {
			used := false
			for _, n := range p.list {
				used = used || n.Kind == k
			}
			if used && p.form.Cash.Multiple(k) > 0 && !p.form.Cash.Confirmed(k) {
				ps.Warn("baseSalary", "unconfirmed_cash", "Mức thưởng %s của %s (%s lần mức lương cơ sở) chưa được đối chiếu với văn bản nghị định: kiểm tra số tiền trước khi ký.",
					strings.ToLower(k.Label()), p.form.Name, strings.Replace(fmt.Sprint(p.form.Cash.Multiple(k)), ".", ",", 1))
			}
		}
	}
}
