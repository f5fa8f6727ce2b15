package campaign

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/vanban/vanban/internal/apperr"
	"github.com/vanban/vanban/internal/award"
	"github.com/vanban/vanban/internal/commendation"
	"github.com/vanban/vanban/internal/letterhead"
	"github.com/vanban/vanban/internal/nd30"
)

// The kinds a campaign drafts.
const (
	ToTrinhKind   = commendation.ToTrinhKind
	QuyetDinhKind = commendation.QuyetDinhKind
)

// Campaign is an emulation campaign (đợt / phong trào thi đua) of an agency:
// its title, year, the Kế hoạch that launched it and its nominations.
type Campaign struct {
	ID string `json:"id"`
	// Agency is the id of the agency's saved profile.
	Agency string `json:"agency"`
	Title  string `json:"title"`
	Year   int    `json:"year"`
	// Achievement completes "đã có thành tích xuất sắc …" in the Tờ trình and
	// the Quyết định ("trong phong trào thi đua “…” năm 2025"); by default
	// "trong " + the title.
	Achievement string `json:"achievement,omitempty"`
	// Plan is the Kế hoạch that launched the campaign: an issued record of
	// the register (RecordID), a saved draft (DraftID), or its number, ký
	// hiệu, date and issuer written out. Its number and date are cited in the
	// căn cứ of the documents drafted from the campaign.
	Plan      *Plan     `json:"plan,omitempty"`
	CreatedAt time.Time `json:"createdAt,omitzero"`
	UpdatedAt time.Time `json:"updatedAt,omitzero"`
}

// Plan links a campaign to its Kế hoạch.
type Plan struct {
	RecordID string `json:"recordId,omitempty"`
	DraftID  string `json:"draftId,omitempty"`
	commendation.PlanRef
}

// Check validates and normalises c.
func (c Campaign) Check() (Campaign, apperr.Problems) {
	var ps apperr.Problems
	out := c
	out.Agency = strings.TrimSpace(c.Agency)
	if out.Agency == "" {
		ps.Add("agency", "required", "Thiếu mã hồ sơ cơ quan của đợt thi đua (\"agency\", ví dụ \"svhttdl-lai-chau\").")
	}
	out.Title = letterhead.Text(&ps, "title", c.Title, false, true, letterhead.MaxTitle)
	out.Achievement = letterhead.Text(&ps, "achievement", c.Achievement, false, false, letterhead.MaxTitle)
	if c.Year < 1945 || c.Year > 9999 {
		ps.Add("year", "invalid_year", "Năm của đợt thi đua phải là năm có 4 chữ số, ví dụ 2025.")
	}
	if c.Plan != nil {
		p := *c.Plan
		p.Symbol = letterhead.Text(&ps, "plan.symbol", p.Symbol, false, false, 60)
		p.Issuer = letterhead.Text(&ps, "plan.issuer", p.Issuer, false, false, letterhead.MaxLine)
		p.Summary = letterhead.Text(&ps, "plan.summary", p.Summary, false, false, letterhead.MaxTitle)
		if p.RecordID == "" && p.DraftID == "" {
			if p.Number <= 0 {
				ps.Add("plan.number", "invalid_number", "Số của kế hoạch phải là số nguyên từ 1 trở lên (hoặc ghi recordId của kế hoạch đã ban hành).")
			}
			if p.Symbol == "" {
				ps.Add("plan.symbol", "required", "Thiếu ký hiệu của kế hoạch, ví dụ \"KH-SVHTTDL\".")
			}
			if p.NumberWidth < 0 || p.NumberWidth > 6 {
				ps.Add("plan.numberWidth", "invalid_number_width", "Số chữ số của số kế hoạch phải từ 1 đến 6 (mặc định 2: \"05\").")
			}
			if d, err := nd30.ParseDate(p.Date); err != nil || d.Day == 0 {
				ps.Add("plan.date", "invalid_date", "Ngày của kế hoạch phải có dạng NNNN-TT-NN và có thật.")
			}
		}
		out.Plan = &p
	}
	return out, ps
}

// Entry is one nomination in a campaign: the nomination itself, where it came
// from (file and row, when imported), and its place in the campaign's list.
type Entry struct {
	ID         string `json:"id"`
	CampaignID string `json:"campaignId"`
	// Seq orders the campaign's list (import order).
	Seq int `json:"seq"`
	award.Nomination
	// File is the name of the list the nomination was imported from.
	File string `json:"file,omitempty"`
	// Problems are this nomination's problems in the campaign's list.
	Problems apperr.Problems `json:"problems,omitempty"`
}

// Nominations returns the nominations of entries in order.
func Nominations(entries []Entry) []award.Nomination {
	out := make([]award.Nomination, len(entries))
	for i, e := range entries {
		out[i] = e.Nomination
	}
	return out
}

// Listing is a campaign's nominations with their problems: each entry's own,
// and the list's problems with those that repeat on many rows grouped into
// one ("36 cá nhân chưa có giới tính — …").
type Listing struct {
	Entries  []Entry         `json:"entries"`
	Problems apperr.Problems `json:"problems"`
	Errors   int             `json:"errors"`
	Warnings int             `json:"warnings"`
	Total    int             `json:"total"`
}

// GroupAt is how many rows with the same problem are reported as one.
const GroupAt = 3

// groupMessages word a grouped problem, by code and field.
var groupMessages = map[string]string{
	"required|gender":                "%d cá nhân chưa có giới tính — thêm cột Giới tính hoặc ghi Ông/Bà trước tên.",
	"required|unit":                  "%d cá nhân chưa có đơn vị công tác — thêm cột Đơn vị công tác.",
	"required|awardForm":             "%d dòng chưa có hình thức khen thưởng — thêm cột Hình thức khen thưởng hoặc chọn hình thức chung khi nhập.",
	"unknown_award_form|awardForm":   "%d dòng có hình thức khen thưởng không có trong danh mục — sửa theo danh sách chọn của mẫu Excel.",
	"missing_position|position":      "%d cá nhân chưa có chức vụ.",
	"missing_summary|summary":        "%d tập thể, cá nhân chưa có tóm tắt thành tích.",
	"missing_parent_unit|parentUnit": "%d tập thể chưa có đơn vị cấp trên.",
}

// List validates a campaign's entries as one list (a duplicate across two
// units' files is found) and attaches each problem to its entry; problems
// that repeat on GroupAt rows or more are grouped. planCriteria are the
// criteria of the campaign's plan, or nil.
func List(entries []Entry, cat *award.Catalogue, planCriteria []award.Criterion) Listing {
	l := Listing{Entries: make([]Entry, len(entries)), Problems: apperr.Problems{}, Total: len(entries)}
	copy(l.Entries, entries)
	if len(entries) == 0 {
		return l
	}
	ps := award.Validate(Nominations(entries), cat, planCriteria)
	type group struct {
		key   string
		first int
		ps    []apperr.Problem
	}
	groups := map[string]*group{}
	var order []*group
	for _, p := range ps {
		i, field := entryIndex(p.Field)
		if i < 0 || i >= len(entries) {
			l.Problems = append(l.Problems, p)
			continue
		}
		e := &l.Entries[i]
		p.Field = "nominations[" + e.ID + "]." + field
		e.Problems = append(e.Problems, p)
		key := p.Code + "|" + field
		g := groups[key]
		if g == nil {
			g = &group{key: key, first: len(order)}
			groups[key] = g
			order = append(order, g)
		}
		g.ps = append(g.ps, p)
	}
	for _, g := range order {
		if len(g.ps) < GroupAt {
			l.Problems = append(l.Problems, g.ps...)
			continue
		}
		p := g.ps[0]
		msg, ok := groupMessages[g.key]
		if ok {
			msg = fmt.Sprintf(msg, len(g.ps))
		} else {
			msg = fmt.Sprintf("%d dòng có cùng vấn đề, ví dụ: %s", len(g.ps), p.Message)
		}
		_, field, _ := strings.Cut(g.key, "|")
		l.Problems = append(l.Problems, apperr.Problem{Field: "nominations[*]." + field, Code: p.Code, Warning: p.Warning,
			Message: msg + " " + rowsOf(g.ps)})
	}
	for _, p := range ps {
		if p.Warning {
			l.Warnings++
		} else {
			l.Errors++
		}
	}
	return l
}

// rowsOf names the rows of grouped problems: "(dòng 3, 4, 7 … của tệp X)".
func rowsOf(ps []apperr.Problem) string {
	var rows []string
	for i, p := range ps {
		if i == 8 {
			rows = append(rows, "…")
			break
		}
		if p.Row > 0 {
			rows = append(rows, strconv.Itoa(p.Row))
		}
	}
	if len(rows) == 0 {
		return ""
	}
	return "(dòng " + strings.Join(rows, ", ") + ")"
}

// entryIndex splits "nominations[3].gender" into 3 and "gender".
func entryIndex(field string) (int, string) {
	rest, ok := strings.CutPrefix(field, "nominations[")
	if !ok {
		return -1, ""
	}
	num, after, ok := strings.Cut(rest, "]")
	if !ok {
		return -1, ""
	}
	i, err := strconv.Atoi(num)
	if err != nil {
		return -1, ""
	}
	return i, strings.TrimPrefix(after, ".")
}

// Merge folds drop into keep: a duplicate of one nominee sent in two units'
// lists. keep's fields win; its empty fields take drop's; the note says
// where the other row came from. The caller deletes drop.
func Merge(keep, drop Entry) Entry {
	k, d := &keep.Nomination, drop.Nomination
	for _, f := range []struct {
		dst *string
		src string
	}{
		{&k.GivenName, d.GivenName}, {&k.Position, d.Position}, {&k.Unit, d.Unit}, {&k.ParentUnit, d.ParentUnit},
		{&k.AwardForm, d.AwardForm}, {&k.Summary, d.Summary}, {&k.Criterion, d.Criterion},
	} {
		if strings.TrimSpace(*f.dst) == "" {
			*f.dst = f.src
		}
	}
	if k.Gender == "" {
		k.Gender = d.Gender
	}
	if k.BirthYear == 0 {
		k.BirthYear = d.BirthYear
	}
	from := "một dòng khác"
	if drop.File != "" && d.Source != nil {
		from = fmt.Sprintf("dòng %d tệp %s", d.Source.Row, drop.File)
	} else if d.Source != nil {
		from = fmt.Sprintf("dòng %d", d.Source.Row)
	}
	note := "Gộp với " + from
	if d.Note != "" && d.Note != k.Note {
		note += " (" + d.Note + ")"
	}
	if k.Note == "" {
		k.Note = note
	} else {
		k.Note += "; " + note
	}
	keep.Problems = nil
	return keep
}

// Clean normalises a nomination typed or edited by hand; Gender of a
// collective is dropped.
func Clean(n award.Nomination) award.Nomination {
	n = n.Normalize()
	if n.Kind == award.Collective {
		n.Gender = ""
	}
	return n
}

// sortEntries orders entries by Seq.
func sortEntries(es []Entry) {
	sort.SliceStable(es, func(i, j int) bool { return es[i].Seq < es[j].Seq })
}
