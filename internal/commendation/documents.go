package commendation

import (
	"fmt"
	"strings"
	"text/template"

	"github.com/vanban/vanban/internal/apperr"
	"github.com/vanban/vanban/internal/award"
	"github.com/vanban/vanban/internal/document"
	"github.com/vanban/vanban/internal/jsonin"
	"github.com/vanban/vanban/internal/letterhead"
	"github.com/vanban/vanban/internal/nd30"
	"github.com/vanban/vanban/internal/typeset"
)

// Env is what the builders need, made once per process.
type Env struct {
	Metrics   *typeset.Metrics
	Catalogue *award.Catalogue
	Wording   *Wording
	// Stamp is the register's number and date when the document is being
	// issued; nil otherwise.
	Stamp *letterhead.Stamp
}

// Kinds.
const (
	ToTrinhKind   = "to-trinh-khen-thuong"
	QuyetDinhKind = "quyet-dinh-khen-thuong"
)

var (
	toTrinhType, _   = nd30.LookupType("Tờ trình")
	quyetDinhType, _ = nd30.LookupType("Quyết định")
)

// ToTrinhInput is the JSON of a Tờ trình đề nghị khen thưởng.
type ToTrinhInput struct {
	Kind string `json:"kind"`
	Common
	// KinhGui lists the addressees ("Chủ tịch Ủy ban nhân dân tỉnh Lai Châu").
	KinhGui []string `json:"kinhGui"`
	// Meeting is the minutes of the Hội đồng Thi đua - Khen thưởng cited
	// last ("Biên bản họp Hội đồng Thi đua - Khen thưởng Sở ngày …").
	Meeting string `json:"meeting,omitempty"`
}

// QuyetDinhInput is the JSON of a Quyết định khen thưởng: tặng Giấy khen,
// công nhận danh hiệu thi đua, or both.
type QuyetDinhInput struct {
	Kind string `json:"kind"`
	Common
	// IssuerTitle is the thẩm quyền line ("Giám đốc Sở Văn hóa, Thể thao và
	// Du lịch tỉnh Lai Châu"); by default "Giám đốc " + the agency name.
	IssuerTitle string `json:"issuerTitle,omitempty"`
	// Proposal is the last căn cứ ("Theo đề nghị của Chánh Văn phòng Sở").
	Proposal string `json:"proposal"`
	// Funding is where the cash comes from ("Quỹ thi đua, khen thưởng của Sở").
	Funding string `json:"funding,omitempty"`
	// Implementers opens Điều 3 ("Chánh Văn phòng Sở, Trưởng các phòng…").
	Implementers string `json:"implementers"`
	// GoldBookStart is the first số sổ vàng; numbers run on through the
	// whole decision in the order of the danh sách (default 1).
	GoldBookStart int `json:"goldBookStart,omitempty"`
}

// BuildToTrinh decodes, validates and lays out a Tờ trình with its danh sách.
func BuildToTrinh(data []byte, env Env) (document.Document, apperr.Problems, error) {
	return letterhead.Build(PrepareToTrinh(data, env))
}

// PrepareToTrinh decodes and validates a Tờ trình: the draft to lay out.
func PrepareToTrinh(data []byte, env Env) (*letterhead.Draft, apperr.Problems, error) {
	var in ToTrinhInput
	if err := jsonin.Decode(data, &in); err != nil {
		return nil, nil, err
	}
	var ps apperr.Problems
	if in.Kind != ToTrinhKind {
		ps.Add("kind", "invalid_kind", "Loại văn bản phải là %q.", ToTrinhKind)
	}
	c := in.Common.check(&ps, env)
	var kinhGui []string
	for i, k := range in.KinhGui {
		if t := letterhead.Text(&ps, fmt.Sprintf("kinhGui[%d]", i), k, false, true, letterhead.MaxLine); t != "" {
			kinhGui = append(kinhGui, t)
		}
	}
	if len(kinhGui) == 0 {
		ps.Add("kinhGui", "required", "Tờ trình cần nơi gửi (Kính gửi), ví dụ \"Chủ tịch Ủy ban nhân dân tỉnh Lai Châu\".")
	}
	meeting := letterhead.Text(&ps, "meeting", in.Meeting, false, false, letterhead.MaxTitle)
	if err := ps.Err(); err != nil {
		return nil, ps, err
	}
	if c.form.Custom && c.form.AwardedBy == "" {
		c.form.AwardedBy = strings.TrimRight(kinhGui[0], ".;, ")
	}
	t := &toTrinh{c: c, env: env, kinhGui: kinhGui, meeting: meeting}
	_, subject, err := t.wording()
	if err != nil {
		return nil, ps, err
	}
	return letterhead.NewDraft(&t.c.Checked, subject, t.document), ps, nil
}

// toTrinh is a checked Tờ trình.
type toTrinh struct {
	c       checked
	env     Env
	kinhGui []string
	meeting string
}

// wording is the data of the wording templates and the trích yếu.
func (t *toTrinh) wording() (wordingData, string, error) {
	d := t.c.data(toTrinhType, t.env)
	d.Meeting = t.meeting
	summary, err := t.c.summaryOr(t.env.Wording.toTrinh, d)
	return d, summary, err
}

// document lays the Tờ trình out with its danh sách.
func (t *toTrinh) document() (document.Document, apperr.Problems, error) {
	var ps apperr.Problems
	c, kinhGui, w := t.c, t.kinhGui, t.env.Wording.toTrinh
	d, summary, err := t.wording()
	if err != nil {
		return document.Document{}, ps, err
	}
	bases, err1 := lines(w, "bases", d)
	request, err2 := lines(w, "request", d)
	subtitle, err3 := one(w, "annexSubtitle", d)
	ref, err4 := one(w, "annexReference", d)
	if err := firstErr(err1, err2, err3, err4); err != nil {
		return document.Document{}, ps, err
	}
	l := c.Layout
	blocks := []document.Block{c.Header(toTrinhType)}
	blocks = append(blocks, l.Title(toTrinhType.Name, summary)...)
	blocks = append(blocks, l.KinhGui(kinhGui)...)
	for _, b := range c.officer.bases(&ps, bases) {
		blocks = append(blocks, c.para(b, !c.officer.upright))
	}
	for _, r := range c.officer.toTrinhLines(request) {
		blocks = append(blocks, c.para(r, false))
	}
	recipients := c.autoRecipients(&ps, "Như trên")
	blocks = append(blocks, l.Closing(recipients, c.Archive, c.Signer))
	sections := []document.Section{l.Section(blocks)}
	if len(c.list) > 0 || !c.officer.countsGiven {
		sections = append(sections, c.annex(subtitle, ref, false, 0))
	}
	return document.Document{
		Title: "Tờ trình " + summary, Subject: summary, Author: c.Agency.Name,
		FileName: c.FileName(toTrinhType), FontFamily: "Times New Roman",
		Sections: sections,
	}, ps, nil
}

// BuildQuyetDinh decodes, validates and lays out a Quyết định khen thưởng
// (Giấy khen given, danh hiệu conferred, or both, or a custom form) with its
// danh sách.
func BuildQuyetDinh(data []byte, env Env) (document.Document, apperr.Problems, error) {
	return letterhead.Build(PrepareQuyetDinh(data, env))
}

// PrepareQuyetDinh decodes and validates a Quyết định tặng Giấy khen: the
// draft to lay out.
func PrepareQuyetDinh(data []byte, env Env) (*letterhead.Draft, apperr.Problems, error) {
	var in QuyetDinhInput
	if err := jsonin.Decode(data, &in); err != nil {
		return nil, nil, err
	}
	var ps apperr.Problems
	if in.Kind != QuyetDinhKind {
		ps.Add("kind", "invalid_kind", "Loại văn bản phải là %q.", QuyetDinhKind)
	}
	c := in.Common.check(&ps, env)
	issuer := letterhead.Text(&ps, "issuerTitle", in.IssuerTitle, false, false, letterhead.MaxLine)
	if issuer == "" && c.Agency.Name != "" {
		issuer = "Giám đốc " + c.Agency.Name
	}
	proposal := letterhead.Text(&ps, "proposal", in.Proposal, false, true, letterhead.MaxTitle)
	funding := letterhead.Text(&ps, "funding", in.Funding, false, false, letterhead.MaxLine)
	implementers := letterhead.Text(&ps, "implementers", in.Implementers, false, true, letterhead.MaxTitle)
	if in.GoldBookStart < 0 {
		ps.Add("goldBookStart", "invalid_number", "Số sổ vàng bắt đầu phải từ 1 trở lên.")
	}
	if err := ps.Err(); err != nil {
		return nil, ps, err
	}
	q := &quyetDinh{c: c, env: env, in: in, issuer: issuer, proposal: proposal, funding: funding, implementers: implementers}
	_, subject, err := q.wording()
	if err != nil {
		return nil, ps, err
	}
	return letterhead.NewDraft(&q.c.Checked, subject, q.document), ps, nil
}

// quyetDinh is a checked Quyết định tặng Giấy khen.
type quyetDinh struct {
	c                                       checked
	env                                     Env
	in                                      QuyetDinhInput
	issuer, proposal, funding, implementers string
}

// wording is the data of the wording templates and the trích yếu.
func (q *quyetDinh) wording() (wordingData, string, error) {
	d := q.c.data(quyetDinhType, q.env)
	d.IssuerTitle = nd30.Upper(q.issuer)
	d.IssuerTitleMixed = q.issuer
	d.Proposal = strings.TrimRight(q.proposal, ".;, ")
	d.Funding = q.funding
	d.Implementers = strings.TrimRight(q.implementers, ".;, ")
	for i := range d.Parts {
		d.Parts[i].Issuer = q.issuer
	}
	summary, err := q.c.summaryOr(q.env.Wording.quyetDinh, d)
	return d, summary, err
}

// document lays the Quyết định out with its danh sách.
func (q *quyetDinh) document() (document.Document, apperr.Problems, error) {
	var ps apperr.Problems
	c, in, w := q.c, q.in, q.env.Wording.quyetDinh
	d, summary, err := q.wording()
	if err != nil {
		return document.Document{}, ps, err
	}
	bases, err1 := lines(w, "bases", d)
	a1, err2 := lines(w, "article1", d)
	a2, err3 := lines(w, "article2", d)
	a3, err4 := lines(w, "article3", d)
	subtitle, err5 := one(w, "annexSubtitle", d)
	ref, err6 := one(w, "annexReference", d)
	if err := firstErr(err1, err2, err3, err4, err5, err6); err != nil {
		return document.Document{}, ps, err
	}
	l := c.Layout
	size := l.Profile.Body
	blocks := []document.Block{c.Header(quyetDinhType)}
	blocks = append(blocks, l.Title(quyetDinhType.Name, summary)...)
	auth := document.Paragraph{Runs: []document.Run{{Text: d.IssuerTitle, Bold: true}}, Align: document.Center,
		SizePt: size, LineHeightPt: nd30.BodyLineHeight(size), SpaceAfterPt: 6, KeepWithNext: true}
	blocks = append(blocks, auth)
	for _, b := range c.officer.bases(&ps, bases) {
		blocks = append(blocks, c.para(b, !c.officer.upright))
	}
	decides := document.Paragraph{Runs: []document.Run{{Text: "QUYẾT ĐỊNH:", Bold: true}}, Align: document.Center,
		SizePt: size, LineHeightPt: nd30.BodyLineHeight(size), SpaceBeforePt: 6, SpaceAfterPt: 6, KeepWithNext: true}
	blocks = append(blocks, decides)
	// Each Điều is its lines: the first opens with "Điều N.", the others
	// (the khoản of a decision of several forms) follow; a Điều the
	// wording leaves empty (no money) is left out and the next renumbered.
	var articles [][]string
	for _, a := range [][]string{a1, a2, a3} {
		if len(a) > 0 {
			articles = append(articles, a)
		}
	}
	if c.officer.articlesGiven {
		generated := articles
		articles = nil
		for i, a := range c.officer.articles {
			switch {
			case a != "":
				articles = append(articles, []string{a})
			case i < len(generated):
				articles = append(articles, append([]string{}, generated[i]...))
			}
		}
		if len(articles) == 0 {
			articles = generated
		}
		// Only the last Điều ends the body with "./.".
		for i, a := range articles {
			l := a[len(a)-1]
			switch {
			case i == len(articles)-1 && !strings.HasSuffix(l, "./."):
				a[len(a)-1] = strings.TrimRight(l, " .;,") + "./."
			case i < len(articles)-1 && strings.HasSuffix(l, "./."):
				a[len(a)-1] = strings.TrimSuffix(l, "/.")
			}
		}
	}
	for i, a := range articles {
		for j, line := range a {
			if j > 0 {
				blocks = append(blocks, c.para(khoan(line), false))
				continue
			}
			p := c.para(sentence(line), false)
			p.Runs = append([]document.Run{{Text: fmt.Sprintf("Điều %d. ", i+1), Bold: true}}, p.Runs...)
			blocks = append(blocks, p)
		}
	}
	recipients := c.autoRecipients(&ps, fmt.Sprintf("Như Điều %d", len(articles)))
	blocks = append(blocks, l.Closing(recipients, c.Archive, c.Signer))
	start := in.GoldBookStart
	if start == 0 {
		start = 1
	}
	return document.Document{
		Title: "Quyết định " + summary, Subject: summary, Author: c.Agency.Name,
		FileName: c.FileName(quyetDinhType), FontFamily: "Times New Roman",
		Sections: c.withAnnex(l.Section(blocks), func() document.Section { return c.annex(subtitle, ref, true, start) }),
	}, ps, nil
}

// sentence upper-cases the first letter: an Điều opens with the act the
// wording writes in lower case ("tặng …", "công nhận danh hiệu …").
func sentence(s string) string {
	r := []rune(s)
	if len(r) == 0 {
		return s
	}
	return strings.ToUpper(string(r[0])) + string(r[1:])
}

// khoan upper-cases the first letter after a khoản's number ("1. công
// nhận …" → "1. Công nhận …").
func khoan(s string) string {
	if n, rest, ok := strings.Cut(s, ". "); ok && n != "" && strings.Trim(n, "0123456789") == "" {
		return n + ". " + sentence(rest)
	}
	return s
}

func firstErr(errs ...error) error {
	for _, e := range errs {
		if e != nil {
			return apperr.Wrap(e, "wording")
		}
	}
	return nil
}

// summaryOr is the trích yếu given in the input, or the wording template's.
func (c checked) summaryOr(t *template.Template, d wordingData) (string, error) {
	if c.summary != "" {
		return c.summary, nil
	}
	return one(t, "summary", d)
}

// para is a body paragraph: justified, first-line indent; italic for căn cứ.
func (c checked) para(text string, italic bool) document.Paragraph {
	size := c.Layout.Profile.Body
	return document.Paragraph{
		Runs:              []document.Run{{Text: text, Italic: italic}},
		Align:             document.Justify,
		SizePt:            size,
		LineHeightPt:      nd30.BodyLineHeight(size),
		FirstLineIndentMM: nd30.FirstLineIndentMM,
		SpaceAfterPt:      nd30.ParagraphSpacePt,
	}
}

// autoRecipients is the nơi nhận with the kind's automatic first entry, or
// without it when the officer switched it off.
func (c checked) autoRecipients(ps *apperr.Problems, auto string) []string {
	if c.officer.noAuto {
		return c.Recipients
	}
	return c.recipients(ps, auto)
}

// withAnnex adds the danh sách unless it travels as a separate file (counts
// given directly, no nominations).
func (c checked) withAnnex(main document.Section, annex func() document.Section) []document.Section {
	if len(c.list) == 0 && c.officer.countsGiven {
		return []document.Section{main}
	}
	return []document.Section{main, annex()}
}
