package commendation

import (
	"fmt"
	"strings"

	"github.com/vanban/vanban/internal/apperr"
	"github.com/vanban/vanban/internal/award"
	"github.com/vanban/vanban/internal/letterhead"
	"github.com/vanban/vanban/internal/nd30"
)

// CustomForm is a hình thức khen thưởng the catalogue does not have, in the
// officer's own words ("Thư khen của Giám đốc Sở", "Khen thưởng đột xuất", a
// local form): the wording writes those words, no căn cứ of the catalogue
// is added unless catalogueBases is "keep", and there is no money unless
// cash is given. The document carries a warning that the form is not in the
// catalogue.
type CustomForm struct {
	// Name is the form as the document names it: "Thư khen của Giám đốc Sở".
	Name string `json:"name"`
	// ShortName is its short name ("Thư khen") for "Tiền thưởng kèm theo
	// …"; by default the name.
	ShortName string `json:"shortName,omitempty"`
	// Action is the act as a sentence writes it after the subject, lower
	// case: "khen thưởng đột xuất", "tặng Thư khen của Giám đốc Sở". By
	// default "tặng " + name, or the name itself when it starts with the
	// act ("Khen thưởng đột xuất", "Biểu dương …", "Công nhận …").
	Action string `json:"action,omitempty"`
	// AwardedBy is who decides it, for a Tờ trình ("đề nghị … tặng");
	// by default the first addressee of the Kính gửi (Tờ trình) or the
	// thẩm quyền line (Quyết định).
	AwardedBy string `json:"awardedBy,omitempty"`
	// Title makes it a danh hiệu: "công nhận danh hiệu “name” năm …".
	Title bool `json:"title,omitempty"`
	// Cash gives money as multiples of the base salary (baseSalary);
	// without it the form carries no money and the Quyết định has no Điều
	// on it.
	Cash *CustomCash `json:"cash,omitempty"`
}

// CustomCash is the money of a custom form, in multiples of the mức lương
// cơ sở.
type CustomCash struct {
	Collective float64 `json:"collective,omitempty"`
	Individual float64 `json:"individual,omitempty"`
}

// CustomFormID is the id a custom form takes in the danh sách.
const CustomFormID = "ngoai-danh-muc"

// actVerbs are the words a custom form's name may start with when the name
// is itself the act ("Khen thưởng đột xuất").
var actVerbs = []string{"khen thưởng", "công nhận", "biểu dương", "tuyên dương", "tặng"}

// check validates a custom form and makes it a catalogue-shaped form.
func (cf CustomForm) check(ps *apperr.Problems, cat *award.Catalogue) (award.Form, string) {
	f := award.Form{ID: CustomFormID, Custom: true, Title: cf.Title}
	f.Name = letterhead.Text(ps, "customForm.name", cf.Name, false, true, letterhead.MaxLine)
	f.ShortName = letterhead.Text(ps, "customForm.shortName", cf.ShortName, false, false, letterhead.MaxLine)
	if f.ShortName == "" {
		f.ShortName = f.Name
	}
	f.AwardedBy = letterhead.Text(ps, "customForm.awardedBy", cf.AwardedBy, false, false, letterhead.MaxLine)
	action := letterhead.Text(ps, "customForm.action", cf.Action, false, false, letterhead.MaxLine)
	if action == "" && !cf.Title {
		for _, v := range actVerbs {
			if strings.HasPrefix(nd30.Key(f.Name), nd30.Key(v)+" ") {
				action = lowerFirst(f.Name)
			}
		}
	}
	action = lowerFirst(action)
	if cf.Cash != nil {
		if cf.Cash.Collective < 0 || cf.Cash.Individual < 0 || cf.Cash.Collective > 100 || cf.Cash.Individual > 100 {
			ps.Add("customForm.cash", "invalid_amount", "Hệ số tiền thưởng của hình thức %q phải từ 0 đến 100 lần mức lương cơ sở.", f.Name)
		} else {
			f.Cash = award.Cash{Collective: cf.Cash.Collective, Individual: cf.Cash.Individual, CollectiveConfirmed: true, IndividualConfirmed: true, Source: "customForm.cash"}
		}
	}
	if f.Name == "" {
		return f, action
	}
	if known, ok := cat.MatchForm(f.Name); ok {
		ps.Warn("customForm.name", "custom_form_in_catalogue", "%q có trong danh mục (%s, mã %q): ghi \"awardForm\": %q để dùng căn cứ, mức tiền và mẫu in của danh mục.", f.Name, known.Name, known.ID, known.ID)
	} else {
		ps.Warn("customForm.name", "custom_award_form", "Hình thức %q không có trong danh mục khen thưởng: văn bản dùng lời văn đã ghi, không tự thêm căn cứ và mức tiền của danh mục; kiểm tra trước khi ký.", f.Name)
	}
	return f, action
}

// part is one award form of a document with its nominations: a decision
// may confer danh hiệu and give Giấy khen at once (one part each), when the
// same authority decides them all.
type part struct {
	form   award.Form
	action string // the officer's act of a custom form, else ""
	list   []award.Nomination
}

// splitParts groups list by award form: danh hiệu first, then the others,
// each in the order its first nomination comes. An empty list (counts
// given directly) is one part of the document's form.
func splitParts(list []award.Nomination, main award.Form, action string, forms map[string]award.Form) []part {
	var titles, others []part
	index := map[string]int{}
	for _, n := range list {
		f, ok := forms[n.AwardForm]
		if !ok {
			f = main
		}
		i, seen := index[f.ID]
		if !seen {
			p := part{form: f}
			if f.ID == main.ID {
				p.action = action
			}
			if f.Title {
				i = len(titles)
				titles = append(titles, p)
			} else {
				i = -1 - len(others)
				others = append(others, p)
			}
			index[f.ID] = i
		}
		if i >= 0 {
			titles[i].list = append(titles[i].list, n)
		} else {
			others[-1-i].list = append(others[-1-i].list, n)
		}
	}
	out := append(titles, others...)
	if len(out) == 0 {
		out = []part{{form: main, action: action}}
	}
	return out
}

// group is one numbered group of the danh sách.
type group struct {
	title string
	rows  []award.Nomination
}

// whom names who receives: "các tập thể, cá nhân", "các cá nhân"; and the
// same as a title ("Tập thể, cá nhân").
func whom(list []award.Nomination, opts ListOptions) (phrase, title string) {
	c, i := award.Tally(list)
	switch {
	case c > 0 && i == 0:
		return "các tập thể", "Tập thể"
	case i > 0 && c == 0:
		return "các cá nhân", "Cá nhân"
	case len(opts.Order) == 2 && opts.Order[0] == award.Individual:
		return "các cá nhân, tập thể", "Cá nhân, tập thể"
	}
	return "các tập thể, cá nhân", "Tập thể, cá nhân"
}

// partData is one part as the wording templates see it.
type partData struct {
	Form   award.Form
	Action string
	Counts string
	Whom   string
	Period string
	// Achievement is the document's (for a form that is given, not a danh
	// hiệu); Issuer the thẩm quyền of a Quyết định in mixed case.
	Achievement, Issuer string
	// N numbers the parts from 1; Last is true for the last one (its khoản
	// ends with ".").
	N    int
	Last bool
}

func (c checked) partsData() []partData {
	out := make([]partData, len(c.parts))
	for i, p := range c.parts {
		counts := award.Counts(p.list, c.countOptions())
		if len(c.parts) == 1 && c.officer.countsGiven {
			counts = c.officer.counts
		}
		w, _ := whom(p.list, c.opts)
		out[i] = partData{Form: p.form, Action: p.action, Counts: counts, Whom: w, Period: c.period, Achievement: c.achievement, N: i + 1, Last: i == len(c.parts)-1}
	}
	return out
}

func (c checked) countOptions() award.CountOptions {
	return award.CountOptions{IndividualsFirst: len(c.opts.Order) == 2 && c.opts.Order[0] == award.Individual}
}

// groupTitle is the heading row of a group: "TẬP THỂ (03)" in a document of
// one form; with several, the form too: "DANH HIỆU “LAO ĐỘNG TIÊN TIẾN”
// (45)", "GIẤY KHEN - CÁ NHÂN (05)".
func groupTitle(p part, k award.Kind, n int, mixed bool) string {
	count := " (" + award.PadCount(n) + ")"
	if !mixed {
		return nd30.Upper(k.Label()) + count
	}
	name := p.form.ShortName
	if p.form.Title {
		name = "danh hiệu “" + p.form.ShortName + "”"
	}
	if len(p.form.Kinds) == 1 {
		return nd30.Upper(name) + count
	}
	return nd30.Upper(name) + " - " + nd30.Upper(k.Label()) + count
}

// defaultPeriod is the period of a danh hiệu when none is given: the year
// of the document, with a warning early in the year (when the danh hiệu of
// the year before are conferred).
func defaultPeriod(ps *apperr.Problems, date nd30.Date) string {
	if date.Month > 0 && date.Month <= 3 {
		ps.Warn("period", "period_default", "Danh hiệu được ghi \"năm %d\" theo ngày của văn bản; nếu là danh hiệu của năm trước hoặc của năm học, ghi \"period\" (ví dụ \"năm %d\", \"năm học %d - %d\").", date.Year, date.Year-1, date.Year-1, date.Year)
	}
	return fmt.Sprintf("năm %d", date.Year)
}
