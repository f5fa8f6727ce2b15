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
	Number int `json:"number"`
	// NumberWidth pads the number as the issuing register does (3: "007");
	// 0 is nd30.DefaultNumberWidth.
	NumberWidth int               `json:"numberWidth,omitempty"`
	Symbol      string            `json:"symbol"`
	Date        string            `json:"date"`
	Issuer      string            `json:"issuer"`
	Summary     string            `json:"summary,omitempty"`
	Criteria    []award.Criterion `json:"criteria,omitempty"`
}

// Ref is the Kế hoạch's số and ký hiệu, written by the one formatter.
func (p PlanRef) Ref() nd30.Ref {
	return nd30.Ref{Number: p.Number, Width: p.NumberWidth, Symbol: p.Symbol}
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
	// AwardForm is the catalogue id of the award ("giay-khen-giam-doc-so"),
	// the form of the nominations that name none. Nominations may name other
	// forms decided by the same authority: a Quyết định that confers danh
	// hiệu and gives Giấy khen words each part on its own.
	AwardForm string `json:"awardForm,omitempty"`
	// CustomForm, in place of awardForm, is a hình thức not in the
	// catalogue, in the officer's words.
	CustomForm *CustomForm `json:"customForm,omitempty"`
	// Achievement completes "đã có thành tích xuất sắc …":
	// "trong phong trào thi đua đặc biệt “…”". Not needed when every form
	// is a danh hiệu (conferred for a period, not an achievement).
	Achievement string `json:"achievement,omitempty"`
	// Period is the period a danh hiệu is conferred for: "năm 2025",
	// "năm học 2024 - 2025"; by default the year of the document.
	Period string `json:"period,omitempty"`
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
	parts       []part
	period      string
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
	c.achievement = letterhead.Text(ps, "achievement", in.Achievement, false, false, letterhead.MaxTitle)
	c.officer = in.Wording.check(ps, in.BasesControl)
	c.summary = letterhead.Text(ps, "summary", in.Summary, true, false, letterhead.MaxTitle)
	c.period = letterhead.Text(ps, "period", in.Period, false, false, 100)
	cat := env.Catalogue
	var form award.Form
	var action string
	ok := false
	switch {
	case in.CustomForm != nil && in.AwardForm != "":
		ps.Add("customForm", "custom_and_catalogue", "Ghi \"awardForm\" (mã trong danh mục) hoặc \"customForm\" (hình thức khác danh mục), không ghi cả hai.")
	case in.CustomForm != nil:
		form, action = in.CustomForm.check(ps, cat)
		ok = form.Name != ""
		cat = cat.With(form)
		// No căn cứ of the catalogue is forced on a form outside it.
		if in.CatalogueBases == "" {
			c.officer.omitCatalogue = true
		}
	default:
		if form, ok = cat.Form(in.AwardForm); !ok {
			ps.Add("awardForm", "unknown_award_form", "Hình thức khen thưởng %q không có trong danh mục; chọn một trong: %s (hoặc ghi hình thức khác trong \"customForm\").", in.AwardForm, strings.Join(cat.FormIDs(), ", "))
		}
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
		if p.NumberWidth < 0 || p.NumberWidth > 6 {
			ps.Add("plan.numberWidth", "invalid_number_width", "Số chữ số của số kế hoạch phải từ 1 đến 6.")
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
		if n.AwardForm == "" || (form.Custom && (nd30.Fold(n.AwardForm) == nd30.Fold(form.Name) || nd30.Fold(n.AwardForm) == nd30.Fold(form.ShortName))) {
			n.AwardForm = form.ID
		} else if ok && n.AwardForm != form.ID {
			f, found := cat.MatchForm(n.AwardForm)
			switch {
			case found && f.ID == form.ID:
				n.AwardForm = form.ID
			case found && !form.Custom && f.AwardedBy == form.AwardedBy && f.Level == form.Level:
				// Another form of the same authority: a part of its own.
				n.AwardForm = f.ID
			case found || form.Custom:
				ps.Add(fmt.Sprintf("nominations[%d].awardForm", i), "award_form_mismatch", "Hình thức %q khác hình thức của văn bản (%s) và không do cùng một cấp quyết định: lập văn bản riêng cho hình thức này.", n.AwardForm, form.Name)
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
		*ps = append(*ps, award.Validate(list, cat, criteria)...)
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
	forms := map[string]award.Form{form.ID: form}
	for _, n := range list {
		if _, seen := forms[n.AwardForm]; !seen {
			if f, found := cat.Form(n.AwardForm); found {
				forms[f.ID] = f
			}
		}
	}
	c.parts = splitParts(list, form, action, forms)
	titles := false
	for _, p := range c.parts {
		titles = titles || p.form.Title
		if !p.form.Title && ok && c.achievement == "" && !c.officer.articlesGiven && !c.officer.requestGiven {
			ps.Add("achievement", "required", "Thiếu thành tích (phần sau \"đã có thành tích xuất sắc …\") của %s.", p.form.Name)
		}
	}
	if titles && c.period == "" && c.Date.Year > 0 {
		c.period = defaultPeriod(ps, c.Date)
	}
	c.warnUnconfirmedCash(ps)
	return c
}

// MaxNominations bounds one document's danh sách.
const MaxNominations = 5000

// groups returns the numbered groups of the danh sách: for each part (one
// form), its nominations by kind in the configured order, each group in
// input order or sorted the Vietnamese way. The số sổ vàng run on through
// the groups in this order.
func (c checked) groups() []group {
	mixed := len(c.parts) > 1
	var out []group
	for _, p := range c.parts {
		for _, k := range c.opts.Order {
			var g []award.Nomination
			for _, n := range p.list {
				if n.Kind == k {
					g = append(g, n)
				}
			}
			if len(g) == 0 {
				continue
			}
			if c.opts.Sort == "alphabetical" {
				award.SortVietnamese(g)
			}
			out = append(out, group{title: groupTitle(p, k, len(g), mixed), rows: g})
		}
	}
	return out
}

// form is the award form of nomination n.
func (c checked) formOf(n award.Nomination) award.Form {
	for _, p := range c.parts {
		if p.form.ID == n.AwardForm {
			return p.form
		}
	}
	return c.form
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
		total += c.formOf(n).Amount(n.Kind, c.baseSalary)
	}
	if total == 0 {
		return nil
	}
	return &cash{Total: total, Figures: award.Money(total), Words: award.AmountInWords(total)}
}

// wordingData is what the templates see.
type wordingData struct {
	Agency nd30.Agency
	// Form is the document's form (awardForm or customForm); Parts are its
	// forms with their counts, danh hiệu first (one part unless the
	// nominations name several forms of the same authority).
	Form  award.Form
	Parts []partData
	// Mixed is true with several parts; Titles when some part is a danh
	// hiệu, Khen when some is not; Paid when some form carries money.
	Mixed, Titles, Khen, Paid bool
	// TitleVerb confers the danh hiệu of a mixed document: the verb they
	// all share, or "công nhận".
	TitleVerb string
	// Period is the period of the danh hiệu ("năm 2025").
	Period string
	// Whom is "các tập thể, cá nhân" (or only one kind), WhomTitle the
	// same to open a title ("Tập thể, cá nhân").
	Whom, WhomTitle  string
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
		Counts:      award.Counts(c.list, c.countOptions()),
		Parts:       c.partsData(),
		Mixed:       len(c.parts) > 1,
		Period:      c.period,
		Achievement: c.achievement,
		Cash:        c.cash(),
		Number:      nd30.NumberText(c.Number, c.NumberWidth),
		Symbol:      c.Symbol(t),
		DateLong:    c.Date.Long(),
	}
	d.Whom, d.WhomTitle = whom(c.list, c.opts)
	for _, p := range c.parts {
		if p.form.Title {
			if d.TitleVerb == "" || d.TitleVerb == p.form.Verb() {
				d.TitleVerb = p.form.Verb()
			} else {
				d.TitleVerb = "công nhận"
			}
		}
		d.Titles = d.Titles || p.form.Title
		d.Khen = d.Khen || !p.form.Title
		d.Paid = d.Paid || p.form.Cash.Paid()
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
			Reference: "Kế hoạch số " + c.plan.Ref().String() + " " + c.planDate.Long() + " của " + c.plan.Issuer,
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
