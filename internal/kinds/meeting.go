package kinds

import (
	"fmt"
	"strconv"
	"strings"
	"sync"

	"github.com/vanban/vanban/internal/apperr"
	"github.com/vanban/vanban/internal/body"
	"github.com/vanban/vanban/internal/document"
	"github.com/vanban/vanban/internal/letterhead"
	"github.com/vanban/vanban/internal/nd30"
)

// moment is a date and a time of day.
type moment struct {
	date         nd30.Date
	hour, minute int
}

// parseMoment reads "NNNN-TT-NN HH:MM" (or with "T" between).
func parseMoment(ps *apperr.Problems, path, s string) (moment, bool) {
	s = strings.TrimSpace(strings.Replace(s, "T", " ", 1))
	day, clock, ok := strings.Cut(s, " ")
	if !ok {
		ps.Add(path, "invalid_time", "Thời gian %q không đúng dạng \"NNNN-TT-NN GG:PP\", ví dụ \"2025-12-15 08:00\".", s)
		return moment{}, false
	}
	d, err := nd30.ParseDate(day)
	if err != nil || d.Day == 0 {
		ps.Add(path, "invalid_time", "Ngày trong thời gian %q không đúng: ghi \"NNNN-TT-NN GG:PP\", ví dụ \"2025-12-15 08:00\".", s)
		return moment{}, false
	}
	h, m, ok := parseClock(clock)
	if !ok {
		ps.Add(path, "invalid_time", "Giờ %q không đúng: ghi \"GG:PP\" từ 00:00 đến 23:59.", clock)
		return moment{}, false
	}
	return moment{date: d, hour: h, minute: m}, true
}

func parseClock(s string) (int, int, bool) {
	hs, ms, ok := strings.Cut(strings.TrimSpace(s), ":")
	if !ok || len(hs) < 1 || len(hs) > 2 || len(ms) != 2 {
		return 0, 0, false
	}
	h, err1 := strconv.Atoi(hs)
	m, err2 := strconv.Atoi(ms)
	if err1 != nil || err2 != nil || h < 0 || h > 23 || m < 0 || m > 59 {
		return 0, 0, false
	}
	return h, m, true
}

// clock writes "08 giờ 00 phút".
func clock(h, m int) string { return fmt.Sprintf("%02d giờ %02d phút", h, m) }

// when writes "08 giờ 00 phút, thứ Hai, ngày 15 tháng 12 năm 2025".
func (t moment) when() string {
	return clock(t.hour, t.minute) + ", " + t.date.Weekday() + ", " + t.date.Long()
}

func before(a, b nd30.Date) bool {
	return a.Year < b.Year || (a.Year == b.Year && (a.Month < b.Month || (a.Month == b.Month && a.Day < b.Day)))
}

// labelled is a body paragraph "**Label:** text".
func labelled(l nd30.Layout, label, text string) document.Paragraph {
	runs := append([]document.Run{{Text: label + ": ", Bold: true}}, body.Inline(text)...)
	return para(l, runs...)
}

func endSentence(s string) string { return strings.TrimRight(s, " .;,") + "." }

// GiayMoiInput is the JSON of a Giấy mời.
type GiayMoiInput struct {
	Kind string `json:"kind"`
	Common
	// Opening is the line before the invitees; by default
	// "<Agency> trân trọng kính mời:".
	Opening string `json:"opening,omitempty"`
	// Invitees: one person or body ("Ông Nguyễn Văn A, Giám đốc Sở Nội vụ"),
	// or several, printed as a dash list.
	Invitees []string `json:"invitees"`
	// Purpose follows the invitees ("Tới dự Hội nghị tổng kết …").
	Purpose string `json:"purpose,omitempty"`
	// Time is "NNNN-TT-NN GG:PP"; End optionally "GG:PP" the same day.
	Time string `json:"time"`
	End  string `json:"end,omitempty"`
	// Place is the địa điểm.
	Place string `json:"place"`
	// Participants (thành phần) and Content (nội dung) are optional lines.
	Participants string `json:"participants,omitempty"`
	Content      string `json:"content,omitempty"`
	// Closing; absent "Trân trọng kính mời./."; "" for none.
	Closing *string `json:"closing,omitempty"`
}

// giayMoiType is looked up on first use (LookupType normalises every type name).
var giayMoiType = sync.OnceValue(func() nd30.DocType { t, _ := nd30.LookupType("Giấy mời"); return t })

// BuildGiayMoi decodes, checks and lays out a Giấy mời.
func BuildGiayMoi(data []byte, env letterhead.Env) (document.Document, apperr.Problems, error) {
	return letterhead.Build(PrepareGiayMoi(data, env))
}

// PrepareGiayMoi decodes and checks a Giấy mời: the draft to lay out, once.
func PrepareGiayMoi(data []byte, env letterhead.Env) (*letterhead.Draft, apperr.Problems, error) {
	var in GiayMoiInput
	if err := decode(data, &in); err != nil {
		return nil, nil, err
	}
	var ps apperr.Problems
	kindCheck(&ps, in.Kind, GiayMoi)
	c := in.Common.check(&ps, env, false)
	if c.summary == "" {
		ps.Add("summary", "required", "Thiếu trích yếu của Giấy mời, ví dụ \"Dự Hội nghị tổng kết công tác thi đua, khen thưởng năm 2025\".")
	}
	if len(c.kinhGui) > 0 {
		ps.Add("kinhGui", "not_allowed", "Giấy mời ghi người được mời trong invitees, không dùng Kính gửi.")
	}
	opening := letterhead.Text(&ps, "opening", in.Opening, false, false, letterhead.MaxLine)
	if opening == "" && c.Agency.Name != "" {
		opening = c.Agency.Name + " trân trọng kính mời:"
	}
	var invitees []string
	for i, v := range in.Invitees {
		if t := letterhead.Text(&ps, fmt.Sprintf("invitees[%d]", i), v, false, true, letterhead.MaxLine); t != "" {
			invitees = append(invitees, t)
		}
	}
	if len(invitees) == 0 {
		ps.Add("invitees", "required", "Giấy mời cần người hoặc cơ quan được mời (invitees).")
	}
	if len(invitees) > letterhead.MaxItems {
		ps.Add("invitees", "too_many", "Có %d người được mời, tối đa %d: ghi theo nhóm (\"Lãnh đạo các phòng, đơn vị thuộc Sở\").", len(invitees), letterhead.MaxItems)
	}
	purpose := letterhead.Text(&ps, "purpose", in.Purpose, false, false, letterhead.MaxTitle)
	place := letterhead.Text(&ps, "place", in.Place, false, true, letterhead.MaxLine)
	participants := letterhead.Text(&ps, "participants", in.Participants, false, false, letterhead.MaxTitle)
	content := letterhead.Text(&ps, "content", in.Content, false, false, letterhead.MaxTitle)
	var at moment
	var ok bool
	if strings.TrimSpace(in.Time) == "" {
		ps.Add("time", "required", "Giấy mời cần thời gian: \"NNNN-TT-NN GG:PP\", ví dụ \"2025-12-15 08:00\".")
	} else if at, ok = parseMoment(&ps, "time", in.Time); ok && c.Date.Year != 0 && c.Date.Day != 0 && before(at.date, c.Date) {
		ps.Warn("time", "time_before_date", "Thời gian %s trước ngày ban hành %s.", at.date.Short(), c.Date.Short())
	}
	when := ""
	if ok {
		when = at.when()
		if in.End != "" {
			h, mm, good := parseClock(in.End)
			if !good || h*60+mm <= at.hour*60+at.minute {
				ps.Add("end", "invalid_time", "Giờ kết thúc %q phải dạng \"GG:PP\" và sau giờ bắt đầu.", in.End)
			} else {
				when = "từ " + clock(at.hour, at.minute) + " đến " + clock(h, mm) + ", " + at.date.Weekday() + ", " + at.date.Long()
			}
		}
	}
	closing := "Trân trọng kính mời./."
	if in.Closing != nil {
		closing = letterhead.Text(&ps, "closing", *in.Closing, false, false, letterhead.MaxLine)
	}
	if err := finish(ps); err != nil {
		return nil, ps, err
	}
	d := letterhead.NewDraft(&c.Checked, c.summary, func() (document.Document, apperr.Problems, error) {

		l := c.Layout
		ref := c.ref(nd30.Symbol(giayMoiType(), c.Agency.Abbreviation), false)
		blocks := []document.Block{c.header(ref)}
		blocks = append(blocks, l.Title(giayMoiType().Name, c.summary)...)
		blocks = append(blocks, para(l, document.Run{Text: opening}))
		if len(invitees) == 1 {
			p := centred(l, invitees[0], true, false)
			p.SpaceAfterPt = nd30.ParagraphSpacePt
			blocks = append(blocks, p)
		} else {
			for i, v := range invitees {
				end := ";"
				if i == len(invitees)-1 {
					end = "."
				}
				blocks = append(blocks, para(l, document.Run{Text: "- " + strings.TrimRight(v, " .;,") + end, Bold: true}))
			}
		}
		if purpose != "" {
			blocks = append(blocks, para(l, body.Inline(endSentence(purpose))...))
		}
		blocks = append(blocks, labelled(l, "Thời gian", endSentence(when)), labelled(l, "Địa điểm", endSentence(place)))
		if participants != "" {
			blocks = append(blocks, labelled(l, "Thành phần", endSentence(participants)))
		}
		if content != "" {
			blocks = append(blocks, labelled(l, "Nội dung", endSentence(content)))
		}
		blocks = append(blocks, body.Blocks(c.paras, bodyStyle(l, true))...)
		if closing != "" {
			if !strings.HasSuffix(closing, "./.") {
				closing = strings.TrimRight(closing, " .;,") + "./."
			}
			blocks = append(blocks, para(l, document.Run{Text: closing}))
		}
		blocks = append(blocks, l.Closing(c.recipients("Như trên"), c.Archive, c.Signer))
		return doc("Giấy mời "+c.summary, c.summary, c.Agency.Name, fileName(ref), l.Section(blocks)), nil, nil
	})
	return d, ps, nil
}

// Person is a participant named with their position.
type Person struct {
	Name  string `json:"name"`
	Title string `json:"title,omitempty"`
}

// BienBanInput is the JSON of a Biên bản of a meeting. It is signed by the
// secretary and the chair side by side and has no nơi nhận; "signer" and
// "recipients" are not used.
type BienBanInput struct {
	Kind string `json:"kind"`
	Common
	// Start is "NNNN-TT-NN GG:PP"; End "GG:PP" the same day.
	Start string `json:"start"`
	End   string `json:"end,omitempty"`
	Place string `json:"place"`
	Chair Person `json:"chair"`
	// ChairLabel is "chủ trì" (default) or "chủ tọa".
	ChairLabel string `json:"chairLabel,omitempty"`
	Secretary  Person `json:"secretary"`
	// Participants are the thành phần, one line each.
	Participants []string `json:"participants,omitempty"`
	// Present and Absent count the members.
	Present *int `json:"present,omitempty"`
	Absent  *int `json:"absent,omitempty"`
}

// bienBanType is looked up on first use (LookupType normalises every type name).
var bienBanType = sync.OnceValue(func() nd30.DocType { t, _ := nd30.LookupType("Biên bản"); return t })

// BuildBienBan decodes, checks and lays out a Biên bản.
func BuildBienBan(data []byte, env letterhead.Env) (document.Document, apperr.Problems, error) {
	return letterhead.Build(PrepareBienBan(data, env))
}

// PrepareBienBan decodes and checks a Biên bản: the draft to lay out, once.
func PrepareBienBan(data []byte, env letterhead.Env) (*letterhead.Draft, apperr.Problems, error) {
	var in BienBanInput
	if err := decode(data, &in); err != nil {
		return nil, nil, err
	}
	var ps apperr.Problems
	kindCheck(&ps, in.Kind, BienBan)
	signerGiven := in.Signer != (nd30.Signer{})
	// The letterhead's own signer is not used: check the rest of it.
	in.Signer = nd30.Signer{Title: "Chủ trì", Name: "-"}
	c := in.Common.check(&ps, env, true)
	if signerGiven {
		ps.Add("signer", "not_allowed", "Biên bản do thư ký và người chủ trì cùng ký: ghi secretary và chair, bỏ signer.")
	}
	if len(c.Recipients) > 0 || len(c.Archive) > 0 {
		ps.Add("recipients", "not_allowed", "Biên bản không có nơi nhận: bỏ recipients và archive.")
	}
	if len(c.kinhGui) > 0 {
		ps.Add("kinhGui", "not_allowed", "Biên bản không có Kính gửi.")
	}
	if c.summary == "" {
		ps.Add("summary", "required", "Thiếu trích yếu của Biên bản, ví dụ \"Họp Hội đồng Thi đua - Khen thưởng Sở\".")
	}
	chair := person(&ps, "chair", in.Chair)
	secretary := person(&ps, "secretary", in.Secretary)
	if chair.Name != "" && nd30.Key(chair.Name) == nd30.Key(secretary.Name) {
		ps.Add("secretary.name", "same_signer", "Biên bản cần hai người ký khác nhau: thư ký và người chủ trì.")
	}
	label := "chủ trì"
	switch nd30.Key(in.ChairLabel) {
	case "", nd30.Key("chủ trì"):
	case nd30.Key("chủ tọa"):
		label = "chủ tọa"
	default:
		ps.Add("chairLabel", "invalid_value", "Chức danh người điều hành cuộc họp là \"chủ trì\" hoặc \"chủ tọa\".")
	}
	place := letterhead.Text(&ps, "place", in.Place, false, true, letterhead.MaxLine)
	var parts []string
	for i, p := range in.Participants {
		if t := letterhead.Text(&ps, fmt.Sprintf("participants[%d]", i), p, false, true, letterhead.MaxLine); t != "" {
			parts = append(parts, t)
		}
	}
	if len(parts) > letterhead.MaxItems {
		ps.Add("participants", "too_many", "Thành phần có %d dòng, tối đa %d.", len(parts), letterhead.MaxItems)
	}
	for _, n := range []struct {
		path string
		v    *int
	}{{"present", in.Present}, {"absent", in.Absent}} {
		if n.v != nil && (*n.v < 0 || *n.v > 10000) {
			ps.Add(n.path, "invalid_number", "Số người phải từ 0 đến 10000.")
		}
	}
	var start moment
	var ok bool
	if strings.TrimSpace(in.Start) == "" {
		ps.Add("start", "required", "Biên bản cần thời gian bắt đầu: \"NNNN-TT-NN GG:PP\".")
	} else {
		start, ok = parseMoment(&ps, "start", in.Start)
	}
	end := ""
	if in.End != "" {
		h, mm, good := parseClock(in.End)
		if !good || (ok && h*60+mm <= start.hour*60+start.minute) {
			ps.Add("end", "invalid_time", "Giờ kết thúc %q phải dạng \"GG:PP\" và sau giờ bắt đầu.", in.End)
		} else {
			end = clock(h, mm)
		}
	}
	if err := finish(ps); err != nil {
		return nil, ps, err
	}
	d := letterhead.NewDraft(&c.Checked, c.summary, func() (document.Document, apperr.Problems, error) {

		l := c.Layout
		ref := c.ref(nd30.Symbol(bienBanType(), c.Agency.Abbreviation), false)
		blocks := []document.Block{c.header(ref)}
		blocks = append(blocks, l.Title(bienBanType().Name, c.summary)...)
		blocks = append(blocks,
			labelled(l, "Thời gian", "bắt đầu lúc "+start.when()+"."),
			labelled(l, "Địa điểm", endSentence(place)),
			labelled(l, capitalize(label), endSentence(chair.line())),
			labelled(l, "Thư ký", endSentence(secretary.line())))
		if len(parts) > 0 || in.Present != nil {
			p := labelled(l, "Thành phần", "")
			if in.Present != nil {
				count := fmt.Sprintf("có mặt %s", nd30.Count(*in.Present))
				if in.Absent != nil {
					count += fmt.Sprintf(", vắng mặt %s", nd30.Count(*in.Absent))
				}
				p.Runs = append(p.Runs, document.Run{Text: count + "."})
			}
			p.KeepWithNext = len(parts) > 0
			blocks = append(blocks, p)
			for i, t := range parts {
				e := ";"
				if i == len(parts)-1 {
					e = "."
				}
				blocks = append(blocks, para(l, document.Run{Text: "- " + strings.TrimRight(t, " .;,") + e}))
			}
		}
		head := labelled(l, "Nội dung", "")
		head.KeepWithNext = true
		blocks = append(blocks, head)
		blocks = append(blocks, body.Blocks(c.paras, bodyStyle(l, end != ""))...)
		if end != "" {
			blocks = append(blocks, para(l, document.Run{Text: "Cuộc họp kết thúc vào lúc " + end + " cùng ngày./."}))
		}
		blocks = append(blocks, twoSignatures(l, "THƯ KÝ", secretary.Name, nd30.Upper(label), chair.Name))
		return doc("Biên bản "+c.summary, c.summary, c.Agency.Name, fileName(ref), l.Section(blocks)), nil, nil
	})
	return d, ps, nil
}

func person(ps *apperr.Problems, path string, p Person) Person {
	out := Person{
		Name:  letterhead.Text(ps, path+".name", p.Name, false, true, 100),
		Title: letterhead.Text(ps, path+".title", p.Title, false, false, letterhead.MaxLine),
	}
	return out
}

func (p Person) line() string {
	if p.Title == "" {
		return p.Name
	}
	return p.Name + ", " + p.Title
}

func capitalize(s string) string {
	r := []rune(s)
	if len(r) == 0 {
		return s
	}
	return strings.ToUpper(string(r[0])) + string(r[1:])
}

// twoSignatures sets two signature blocks side by side at the same height
// (Biên bản: the secretary on the left, the chair on the right), each with
// room to sign and the name.
func twoSignatures(l nd30.Layout, leftTitle, leftName, rightTitle, rightName string) document.Grid {
	size := l.Profile.Signature
	cell := func(title, name string) document.Cell {
		t := centred(l, title, true, false)
		t.SizePt, t.LineHeightPt = size, nd30.LineHeight(size)
		n := centred(l, name, true, false)
		n.SizePt, n.LineHeightPt = size, nd30.LineHeight(size)
		n.SpaceBeforePt = nd30.SignatureSpacePt
		return document.Cell{Blocks: []document.Block{t, n}}
	}
	w := l.Page.TextWidthMM() / 2
	return document.Grid{
		ColumnsMM:        []float64{w, w},
		Rows:             []document.GridRow{{Cells: []document.Cell{cell(leftTitle, leftName), cell(rightTitle, rightName)}}},
		KeepTogether:     true,
		KeepWithPrevious: true,
		SpaceBeforePt:    12,
	}
}
