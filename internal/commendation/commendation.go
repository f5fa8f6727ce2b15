package commendation

import (
	"fmt"
	"strings"

	"github.com/vanban/vanban/internal/apperr"
	"github.com/vanban/vanban/internal/award"
	"github.com/vanban/vanban/internal/letterhead"
	"github.com/vanban/vanban/internal/nd30"
)

// PlanRef is the Kế hoạch that launched the campaign, cited in the căn cứ
// (first mention: type, number and symbol, date, issuer) and whose criteria
// the nominations may name.
type PlanRef struct {
	Number   int               `json:"number"`
	Symbol   string            `json:"symbol"`
	Date     string            `json:"date"`
	Issuer   string            `json:"issuer"`
	Summary  string            `json:"summary,omitempty"`
	Criteria []award.Criterion `json:"criteria,omitempty"`
}

// ListOptions shape the danh sách annex.
type ListOptions struct {
	// Order of the groups: ["tap-the", "ca-nhan"] (default) or the reverse.
	Order []award.Kind `json:"order,omitempty"`
	// Sort is "input" (default: as proposed) or "alphabetical" (Vietnamese
	// order: given name, middle name, family name).
	Sort string `json:"sort,omitempty"`
	// Electronic leaves the number and date of the reference line blank: the
	// digital signature carries them (NĐ30 Phụ lục I, Mẫu 2.2).
	Electronic bool `json:"electronic,omitempty"`
	// Portrait keeps the annex on a portrait page; by default it is landscape.
	Portrait bool `json:"portrait,omitempty"`
}

// Common is the input shared by the Tờ trình and the Quyết định.
type Common struct {
	letterhead.Fields
	// AwardForm is the catalogue id of the award ("giay-khen-giam-doc-so").
	AwardForm string `json:"awardForm"`
	// Achievement completes "đã có thành tích xuất sắc …":
	// "trong phong trào thi đua đặc biệt “…”".
	Achievement string `json:"achievement"`
	// Summary overrides the trích yếu written from the wording template.
	Summary string `json:"summary,omitempty"`
	// Plan is the Kế hoạch of the campaign.
	Plan *PlanRef `json:"plan,omitempty"`
	// LegalBases are further căn cứ (a provincial regulation…), cited after
	// the Law and decree in force on the date of the document.
	LegalBases []string `json:"legalBases,omitempty"`
	// BaseSalary is the mức lương cơ sở in đồng; when set, the total cash is
	// stated in figures and in words.
	BaseSalary  int64              `json:"baseSalary,omitempty"`
	Nominations []award.Nomination `json:"nominations"`
	List        ListOptions        `json:"list,omitempty"`
	// Wording is the officer's own wording of any part (issue 12).
	Wording *Officer `json:"wording,omitempty"`
	BasesControl
}

// checked is the validated common part.
type checked struct {
	letterhead.Checked
	form        award.Form
	achievement string
	summary     string
	plan        *PlanRef
	planDate    nd30.Date
	bases       []string
	baseSalary  int64
	list        []award.Nomination
	opts        ListOptions
	officer     officer
}

func (in Common) check(ps *apperr.Problems, env Env) checked {
	c := checked{Checked: in.Fields.Check(ps, letterhead.Env{Metrics: env.Metrics, Stamp: env.Stamp})}
	c.achievement = letterhead.Text(ps, "achievement", in.Achievement, false, true, letterhead.MaxTitle)
	c.officer = in.Wording.check(ps, in.BasesControl)
	c.summary = letterhead.Text(ps, "summary", in.Summary, true, false, letterhead.MaxTitle)
	form, ok := env.Catalogue.Form(in.AwardForm)
	if !ok {
		ps.Add("awardForm", "unknown_award_form", "Hình thức khen thưởng %q không có trong danh mục; chọn một trong: %s.", in.AwardForm, strings.Join(env.Catalogue.FormIDs(), ", "))
	}
	c.form = form
	if in.Plan != nil {
		p := *in.Plan
		p.Symbol = letterhead.Text(ps, "plan.symbol", p.Symbol, false, true, 60)
		p.Issuer = letterhead.Text(ps, "plan.issuer", p.Issuer, false, true, letterhead.MaxLine)
		p.Summary = letterhead.Text(ps, "plan.summary", p.Summary, false, false, letterhead.MaxTitle)
		if p.Number <= 0 {
			ps.Add("plan.number", "invalid_number", "Số của kế hoạch phải là số nguyên từ 1 trở lên.")
		}
		if d, err := nd30.ParseDate(p.Date); err != nil || d.Day == 0 {
			ps.Add("plan.date", "invalid_date", "Ngày của kế hoạch phải có dạng NNNN-TT-NN và có thật.")
		} else {
			c.planDate = d
		}
		c.plan = &p
	}
	if len(in.LegalBases) > letterhead.MaxItems {
		ps.Add("legalBases", "too_many", "Có %d căn cứ, tối đa %d.", len(in.LegalBases), letterhead.MaxItems)
		in.LegalBases = nil
	}
	for i, b := range in.LegalBases {
		if t := letterhead.Text(ps, fmt.Sprintf("legalBases[%d]", i), b, false, true, letterhead.MaxTitle); t != "" {
			c.bases = append(c.bases, strings.TrimRight(strings.TrimPrefix(t, "Căn cứ "), ";.,"))
		}
	}
	if in.BaseSalary < 0 || in.BaseSalary > 1_000_000_000 {
		ps.Add("baseSalary", "invalid_amount", "Mức lương cơ sở phải từ 0 đến 1.000.000.000 đồng.")
	} else {
		c.baseSalary = in.BaseSalary
	}
	if len(in.Nominations) > MaxNominations {
		ps.Add("nominations", "too_many", "Danh sách có %d tập thể, cá nhân; tối đa %d trong một văn bản.", len(in.Nominations), MaxNominations)
		return c
	}
	list := make([]award.Nomination, len(in.Nominations))
	for i, n := range in.Nominations {
		for _, f := range []struct {
			name string
			v    *string
		}{{"name", &n.Name}, {"position", &n.Position}, {"unit", &n.Unit}, {"parentUnit", &n.ParentUnit}, {"summary", &n.Summary}, {"note", &n.Note}, {"criterion", &n.Criterion}, {"givenName", &n.GivenName}} {
			*f.v = letterhead.Text(ps, fmt.Sprintf("nominations[%d].%s", i, f.name), *f.v, true, false, 2000)
		}
		n = n.Normalize()
		if p, found := n.TakeHonorific(fmt.Sprintf("nominations[%d].name", i)); found {
			*ps = append(*ps, p)
		}
		if n.AwardForm == "" {
			n.AwardForm = in.AwardForm
		} else if ok && n.AwardForm != form.ID {
			if f, found := env.Catalogue.MatchForm(n.AwardForm); found && f.ID == form.ID {
				n.AwardForm = form.ID
			} else {
				ps.Add(fmt.Sprintf("nominations[%d].awardForm", i), "award_form_mismatch", "Hình thức %q khác hình thức của văn bản (%s): lập văn bản riêng cho mỗi hình thức.", n.AwardForm, form.Name)
			}
		}
		list[i] = n
	}
	var criteria []award.Criterion
	if c.plan != nil && len(c.plan.Criteria) > 0 {
		criteria = c.plan.Criteria
	}
	// A danh sách that travels as a separate file: the counts are given
	// directly and no list is attached.
	if len(list) > 0 || !c.officer.countsGiven {
		*ps = append(*ps, award.Validate(list, env.Catalogue, criteria)...)
	}
	opts := in.List
	if len(opts.Order) == 0 {
		opts.Order = []award.Kind{award.Collective, award.Individual}
	}
	if len(opts.Order) != 2 || opts.Order[0] == opts.Order[1] || !opts.Order[0].Valid() || !opts.Order[1].Valid() {
		ps.Add("list.order", "invalid_order", "Thứ tự nhóm phải là [\"tap-the\", \"ca-nhan\"] hoặc [\"ca-nhan\", \"tap-the\"].")
	}
	switch opts.Sort {
	case "", "input", "alphabetical":
	default:
		ps.Add("list.sort", "invalid_sort", "Cách sắp xếp %q không có; dùng \"input\" (giữ thứ tự đề nghị) hoặc \"alphabetical\" (theo tên).", opts.Sort)
	}
	c.opts = opts
	c.list = list
	c.warnUnconfirmedCash(ps)
	return c
}

// MaxNominations bounds one document's danh sách.
const MaxNominations = 5000

// groups returns the nominations grouped in the configured order, each group
// in input order or sorted the Vietnamese way.
func (c checked) groups() [][]award.Nomination {
	out := make([][]award.Nomination, 0, 2)
	for _, k := range c.opts.Order {
		var g []award.Nomination
		for _, n := range c.list {
			if n.Kind == k {
				g = append(g, n)
			}
		}
		if c.opts.Sort == "alphabetical" {
			award.SortVietnamese(g)
		}
		out = append(out, g)
	}
	return out
}

// cash is the total award money, or nil when no base salary is given.
type cash struct {
	Total   int64
	Figures string
	Words   string
}

func (c checked) cash() *cash {
	if c.baseSalary == 0 {
		return nil
	}
	var total int64
	for _, n := range c.list {
		total += c.form.Amount(n.Kind, c.baseSalary)
	}
	return &cash{Total: total, Figures: award.Money(total), Words: award.AmountInWords(total)}
}

// wordingData is what the templates see.
type wordingData struct {
	Agency           nd30.Agency
	Form             award.Form
	Counts           string
	Achievement      string
	Plan             planData
	Bases            []string
	Meeting          string
	Cash             *cash
	Number           string
	Symbol           string
	DateLong         string
	IssuerTitle      string
	IssuerTitleMixed string
	Proposal         string
	Funding          string
	Implementers     string
}

type planData struct{ Reference, Summary string }

func (c checked) data(t nd30.DocType, env Env) wordingData {
	d := wordingData{
		Agency:      c.Agency,
		Form:        c.form,
		Counts:      award.Counts(c.list, award.CountOptions{IndividualsFirst: len(c.opts.Order) == 2 && c.opts.Order[0] == award.Individual}),
		Achievement: c.achievement,
		Cash:        c.cash(),
		Number:      nd30.NumberText(c.Number, c.NumberWidth),
		Symbol:      c.Symbol(t),
		DateLong:    c.Date.Long(),
	}
	if c.opts.Electronic {
		d.Number, d.DateLong = nd30.BlankNumber, "ngày "+nd30.BlankDay+" tháng "+nd30.BlankDay+" năm "+fmt.Sprint(c.Date.Year)
	}
	on := nd30.Date{Year: c.Date.Year, Month: c.Date.Month, Day: max(c.Date.Day, 1)}
	if !c.officer.omitCatalogue {
		for _, b := range env.Catalogue.LegalBases(on) {
			d.Bases = append(d.Bases, b.Text)
		}
	}
	if c.officer.countsGiven {
		d.Counts = c.officer.counts
	}
	d.Bases = append(d.Bases, c.bases...)
	if c.plan != nil {
		d.Plan = planData{
			Reference: fmt.Sprintf("Kế hoạch số %s/%s %s của %s", nd30.NumberText(c.plan.Number, nd30.DefaultNumberWidth), c.plan.Symbol, c.planDate.Long(), c.plan.Issuer),
			Summary:   lowerFirst(c.plan.Summary),
		}
	}
	return d
}

func lowerFirst(s string) string {
	r := []rune(s)
	if len(r) > 1 && r[0] >= 'A' && !(r[1] >= 'A' && r[1] <= 'Z') {
		r[0] = []rune(strings.ToLower(string(r[0])))[0]
	}
	return string(r)
}

// punctuate ends căn cứ lines NĐ30's way: ";" after each, "." after the last.
func punctuate(ls []string) []string {
	out := make([]string, len(ls))
	for i, l := range ls {
		l = strings.TrimRight(l, " ;.,")
		if i == len(ls)-1 {
			out[i] = l + "."
		} else {
			out[i] = l + ";"
		}
	}
	return out
}
