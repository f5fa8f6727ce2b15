package kinds

import (
	"fmt"
	"strings"
	"sync"

	"github.com/vanban/vanban/internal/apperr"
	"github.com/vanban/vanban/internal/body"
	"github.com/vanban/vanban/internal/document"
	"github.com/vanban/vanban/internal/letterhead"
	"github.com/vanban/vanban/internal/nd30"
	"github.com/vanban/vanban/internal/typeset"
)

// QuyetDinhInput is the JSON of a general Quyết định (NĐ30 Mẫu 1.2, and Mẫu
// 1.3 when it ban hành an attached document).
type QuyetDinhInput struct {
	Kind string `json:"kind"`
	Common
	// Authority is the thẩm quyền ban hành line in its mixed case
	// ("Giám đốc Sở Văn hóa, Thể thao và Du lịch", "Ủy ban nhân dân tỉnh Lai
	// Châu"), printed in capitals; empty leaves the line out.
	Authority string `json:"authority,omitempty"`
	// Decides, false, leaves out the "QUYẾT ĐỊNH:" line.
	Decides *bool `json:"decides,omitempty"`
	// Articles are the Điều, numbered from 1; each text may hold khoản
	// ("1."), điểm ("a)") and items. Instead, the body may hold "Điều N."
	// lines itself.
	Articles []Article `json:"articles,omitempty"`
	// Legal writes the year in the number: "Số: 86/2025/QĐ-UBND".
	Legal bool `json:"legal,omitempty"`
	// Attached is the document the decision ban hành (Quy định, Quy chế…).
	Attached *Attached `json:"attached,omitempty"`
}

// Article is one Điều.
type Article struct {
	// Title, when given, is printed bold after "Điều N." and the text
	// starts on the next line.
	Title string `json:"title,omitempty"`
	Text  string `json:"text"`
}

// Attached is the document a Quyết định ban hành: it starts on a new page
// with the header again, its tên loại, title and the "(Ban hành kèm theo
// Quyết định số …)" line, its Chương/Mục/Điều body and the signature.
type Attached struct {
	// TypeName: "Quy định", "Quy chế", "Điều lệ", "Hướng dẫn"…
	TypeName string `json:"typeName"`
	// Title is its trích yếu ("Về công tác thi đua, khen thưởng …").
	Title string `json:"title"`
	// Issuer completes "(Ban hành kèm theo Quyết định số … của <issuer>)";
	// by default the decision's authority, else the agency's name.
	Issuer string `json:"issuer,omitempty"`
	Body   string `json:"body"`
	// Electronic leaves the number and date of the "ban hành kèm theo" line
	// unfilled: the digital signature carries them (NĐ30 Phụ lục I).
	Electronic bool `json:"electronic,omitempty"`
}

// quyetDinhType is looked up on first use (LookupType normalises every type name).
var quyetDinhType = sync.OnceValue(func() nd30.DocType { t, _ := nd30.LookupType("Quyết định"); return t })

// BuildQuyetDinh decodes, checks and lays out a general Quyết định.
func BuildQuyetDinh(data []byte, env letterhead.Env) (document.Document, apperr.Problems, error) {
	return letterhead.Build(PrepareQuyetDinh(data, env))
}

// PrepareQuyetDinh decodes and checks a general Quyết định: the draft to lay out, once.
func PrepareQuyetDinh(data []byte, env letterhead.Env) (*letterhead.Draft, apperr.Problems, error) {
	var in QuyetDinhInput
	if err := decode(data, &in); err != nil {
		return nil, nil, err
	}
	var ps apperr.Problems
	kindCheck(&ps, in.Kind, QuyetDinh)
	c := in.Common.check(&ps, env, false)
	if c.summary == "" {
		ps.Add("summary", "required", "Thiếu trích yếu của Quyết định, ví dụ \"Ban hành Quy định về công tác thi đua, khen thưởng\" hoặc \"Về việc …\".")
	}
	if len(c.bases) == 0 {
		ps.Add("bases.items", "required", "Quyết định phải có căn cứ ban hành (NĐ 30/2020, Phụ lục I): ghi ít nhất một văn bản làm căn cứ.")
	}
	authority := letterhead.Text(&ps, "authority", in.Authority, false, false, letterhead.MaxLine)
	if authority == "" {
		ps.Warn("authority", "missing_authority", "Không có dòng thẩm quyền ban hành (ví dụ \"GIÁM ĐỐC SỞ …\") dưới trích yếu.")
	}
	if len(c.Recipients) == 0 && !c.auto {
		ps.Warn("recipients", "no_recipients", "Nơi nhận chỉ có \"Lưu: VT\": ghi nơi thi hành (Như Điều …) và các nơi nhận khác.")
	}
	// The Điều: from articles, or from the body's "Điều N." lines.
	var paras []body.Para
	switch {
	case len(in.Articles) > 0 && len(c.paras) > 0:
		ps.Add("body", "not_allowed", "Ghi các điều trong articles hoặc trong body (các dòng \"Điều 1.\"), không dùng cả hai.")
	case len(in.Articles) > 0:
		if len(in.Articles) > 100 {
			ps.Add("articles", "too_many", "Quyết định có %d điều, tối đa 100.", len(in.Articles))
		}
		for i, a := range in.Articles {
			path := fmt.Sprintf("articles[%d]", i)
			title := letterhead.Text(&ps, path+".title", a.Title, false, false, letterhead.MaxLine)
			text := letterhead.Text(&ps, path+".text", body.Protect(a.Text), true, title == "", letterhead.MaxBody)
			sub := body.Parse(text, path+".text", &ps)
			head := body.Para{Level: body.Article, Line: 1}
			switch {
			case title != "":
				head.Text, head.Heading = fmt.Sprintf("Điều %d. %s", i+1, strings.TrimRight(title, " .")), true
			case len(sub) > 0 && sub[0].Level != body.TableRows:
				head.Text = fmt.Sprintf("Điều %d. %s", i+1, sub[0].Text)
				sub = sub[1:]
			default:
				head.Text = fmt.Sprintf("Điều %d.", i+1)
			}
			paras = append(paras, head)
			paras = append(paras, sub...)
		}
	case len(c.paras) > 0:
		paras = c.paras
		if paras[0].Level != body.Article {
			ps.Warn("body", "no_article", "Nội dung Quyết định nên chia thành các điều (\"Điều 1. …\").")
		}
	default:
		ps.Add("articles", "required", "Quyết định cần ít nhất một điều: ghi articles (hoặc body với các dòng \"Điều 1.\").")
	}
	articles := 0
	mentions := false
	for _, p := range paras {
		if p.Level == body.Article {
			articles++
		}
		if strings.Contains(strings.ToLower(p.Text), "kèm theo") {
			mentions = true
		}
	}
	var att attached
	if in.Attached != nil {
		att = in.Attached.check(&ps, env.Metrics)
		if att.issuer == "" {
			att.issuer = authority
			if att.issuer == "" {
				att.issuer = c.Agency.Name
			}
		}
		if !mentions && len(paras) > 0 {
			ps.Warn("articles[0].text", "attachment_not_cited", "Văn bản chính phải dẫn chiếu văn bản kèm theo, ví dụ \"Ban hành kèm theo Quyết định này %s …\".", att.typeName)
		}
	}
	if err := finish(ps); err != nil {
		return nil, ps, err
	}
	d := letterhead.NewDraft(&c.Checked, c.summary, func() (document.Document, apperr.Problems, error) {

		l := c.Layout
		ref := c.ref(nd30.Symbol(quyetDinhType(), c.Agency.Abbreviation), in.Legal)
		blocks := []document.Block{c.header(ref)}
		blocks = append(blocks, l.Title(quyetDinhType().Name, c.summary)...)
		if authority != "" {
			a := centred(l, nd30.Upper(authority), true, false)
			a.SpaceAfterPt = 6
			blocks = append(blocks, a)
		}
		blocks = append(blocks, c.basesBlocks()...)
		if in.Decides == nil || *in.Decides {
			d := centred(l, "QUYẾT ĐỊNH:", true, false)
			d.SpaceBeforePt, d.SpaceAfterPt = 6, 6
			blocks = append(blocks, d)
		}
		blocks = append(blocks, body.Blocks(paras, bodyStyle(l, false))...)
		auto := ""
		if articles >= 2 {
			auto = fmt.Sprintf("Như Điều %d", articles)
		}
		blocks = append(blocks, l.Closing(c.recipients(auto), c.Archive, c.Signer))
		sections := []document.Section{l.Section(blocks)}
		if in.Attached != nil {
			sections = append(sections, c.attachedSection(att, ref, in.Attached.Electronic))
		}
		return doc("Quyết định "+c.summary, c.summary, c.Agency.Name, fileName(ref), sections...), nil, nil
	})
	d.Legal = in.Legal
	return d, ps, nil
}

type attached struct {
	typeName, title, issuer string
	paras                   []body.Para
}

func (a Attached) check(ps *apperr.Problems, m *typeset.Metrics) attached {
	out := attached{
		typeName: letterhead.Text(ps, "attached.typeName", a.TypeName, false, true, 100),
		title:    letterhead.Text(ps, "attached.title", a.Title, true, true, letterhead.MaxTitle),
		issuer:   letterhead.Text(ps, "attached.issuer", a.Issuer, false, false, letterhead.MaxLine),
	}
	text := letterhead.Text(ps, "attached.body", body.Protect(a.Body), true, true, letterhead.MaxBody)
	out.paras = body.Parse(text, "attached.body", ps)
	return out
}

// attachedSection is the attached document: on a new page, numbered from 1,
// the header again without the Số line, the tên loại, its title, the
// "(Ban hành kèm theo Quyết định số …)" line and the rule, the body, and
// the signature without nơi nhận (spec §3.11).
func (c checked) attachedSection(a attached, ref nd30.Ref, electronic bool) document.Section {
	l := c.Layout
	head := c.header(ref)
	head.Rows = head.Rows[:1]
	blocks := []document.Block{head}
	title := l.Title(a.typeName, a.title)
	rule := title[len(title)-1]
	blocks = append(blocks, title[:len(title)-1]...)
	number, date := "số "+ref.String(), c.Date.Long()
	if electronic {
		ref.Number = 0
		number = "số " + ref.String()
		date = "ngày" + nd30.BlankDay + "tháng" + nd30.BlankDay + "năm " + fmt.Sprint(c.Date.Year)
	}
	line := centred(l, fmt.Sprintf("(Ban hành kèm theo Quyết định %s %s của %s)", number, date, a.issuer), false, true)
	line.IndentLeftMM, line.IndentRightMM = 5, 5
	line.SpaceBeforePt = 2
	blocks = append(blocks, line, rule)
	blocks = append(blocks, body.Blocks(a.paras, bodyStyle(l, false))...)
	blocks = append(blocks, c.signatureOnly())
	return l.Section(blocks)
}

// signatureOnly is the signature block (ô 7) in the right column, without
// nơi nhận.
func (c checked) signatureOnly() document.Grid {
	g := c.Layout.Closing(nil, nil, c.Signer)
	g.Rows[0].Cells[0].Blocks = nil
	return g
}
