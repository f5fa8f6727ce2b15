package kinds

import (
	"strings"

	"github.com/vanban/vanban/internal/apperr"
	"github.com/vanban/vanban/internal/body"
	"github.com/vanban/vanban/internal/document"
	"github.com/vanban/vanban/internal/letterhead"
	"github.com/vanban/vanban/internal/nd30"
)

// TextInput is the JSON of the kinds whose content is a body of text: the
// Công văn, Tờ trình, Báo cáo, Thông báo and any other tên loại of Phụ lục III
// ("van-ban" with typeName).
type TextInput struct {
	Kind string `json:"kind"`
	Common
	// TypeName is the tên loại of a "van-ban" ("Hướng dẫn", "Chương trình"…),
	// one of the Phụ lục III table.
	TypeName string `json:"typeName,omitempty"`
	// Unit is the drafting unit in a Công văn's ký hiệu ("VP" → SVHTTDL-VP).
	Unit string `json:"unit,omitempty"`
	// Legal writes the year in the number (văn bản quy phạm pháp luật:
	// Nghị quyết, Quyết định, Chỉ thị): "Số: 86/2025/QĐ-UBND".
	Legal bool `json:"legal,omitempty"`
	// Closing is the line after the body ("Trân trọng./."); absent, the
	// kind's default (Công văn: "Trân trọng./."; others none); "" for none.
	Closing *string `json:"closing,omitempty"`
}

// textKind is what differs between the text kinds.
type textKind struct {
	name     string
	typeName string // fixed tên loại; "" = from typeName (van-ban), or none (cong-van)
	congVan  bool
	// kinhGui: the Kính gửi block is required (spec §9.12).
	kinhGui bool
	closing string // default closing line
}

var textKinds = map[string]textKind{
	CongVan:  {name: CongVan, congVan: true, kinhGui: true, closing: "Trân trọng./."},
	ToTrinh:  {name: ToTrinh, typeName: "Tờ trình", kinhGui: true},
	BaoCao:   {name: BaoCao, typeName: "Báo cáo"},
	ThongBao: {name: ThongBao, typeName: "Thông báo"},
	VanBan:   {name: VanBan},
}

// legalTypes may carry the year in their number.
var legalTypes = map[string]bool{"NQ": true, "QĐ": true, "CT": true}

// BuildText decodes, checks and lays out a text kind.
func BuildText(kind string, data []byte, env letterhead.Env) (document.Document, apperr.Problems, error) {
	return letterhead.Build(PrepareText(kind, data, env))
}

// PrepareText decodes and checks a text kind: the draft to lay out, once.
func PrepareText(kind string, data []byte, env letterhead.Env) (*letterhead.Draft, apperr.Problems, error) {
	k, ok := textKinds[kind]
	if !ok {
		return nil, nil, apperr.New(apperr.Internal, "unknown_kind", "kinds: "+kind)
	}
	var in TextInput
	if err := decode(data, &in); err != nil {
		return nil, nil, err
	}
	var ps apperr.Problems
	kindCheck(&ps, in.Kind, k.name)
	c := in.Common.check(&ps, env, true)
	var t nd30.DocType
	switch {
	case k.congVan:
		if in.TypeName != "" {
			ps.Add("typeName", "not_allowed", "Công văn không có tên loại; bỏ trường typeName.")
		}
		if c.summary == "" {
			ps.Add("summary", "required", "Công văn cần trích yếu \"V/v …\" (ô 5b), ví dụ \"V/v triển khai công tác thi đua năm 2026\".")
		}
	case k.typeName != "":
		if in.TypeName != "" {
			ps.Add("typeName", "not_allowed", "Tên loại của %q là %q; typeName chỉ dùng với loại \"van-ban\".", k.name, k.typeName)
		}
		t, _ = nd30.LookupType(k.typeName)
	default:
		name := letterhead.Text(&ps, "typeName", in.TypeName, false, true, 100)
		if name != "" {
			var found bool
			if t, found = nd30.LookupType(name); !found {
				var names []string
				for _, d := range nd30.DocTypes {
					names = append(names, d.Name)
				}
				ps.Add("typeName", "unknown_type", "Tên loại %q không có trong Phụ lục III (NĐ 30/2020); chọn một trong: %s.", name, strings.Join(names, ", "))
			} else if alt := dedicated[t.Name]; alt != "" {
				ps.Warn("typeName", "dedicated_kind", "%s có loại riêng %q với đủ các phần của mẫu; nên dùng loại đó.", t.Name, alt)
			}
		}
	}
	if t.Name != "" && c.summary == "" {
		ps.Add("summary", "required", "Thiếu trích yếu nội dung dưới tên loại %s.", nd30.Upper(t.Name))
	}
	if k.kinhGui && len(c.kinhGui) == 0 {
		what := "Công văn"
		if !k.congVan {
			what = t.Name
		}
		ps.Add("kinhGui", "required", "%s phải có nơi gửi \"Kính gửi:\" (ô 9a), ví dụ \"Ủy ban nhân dân tỉnh Lai Châu\".", what)
	}
	unit := letterhead.Text(&ps, "unit", in.Unit, false, false, 40)
	if unit != "" {
		if !k.congVan {
			ps.Add("unit", "not_allowed", "Đơn vị soạn thảo trong ký hiệu (unit) chỉ dùng cho công văn.")
		} else if err := nd30.CheckAbbreviation(unit); err != nil {
			ps.Add("unit", "invalid_abbreviation", "%s.", err.Error())
		}
	}
	if in.Legal && !legalTypes[t.Abbreviation] {
		ps.Add("legal", "not_allowed", "Chỉ Nghị quyết, Quyết định, Chỉ thị (văn bản quy phạm pháp luật) ghi năm trong số.")
	}
	closing := k.closing
	if in.Closing != nil {
		closing = letterhead.Text(&ps, "closing", *in.Closing, false, false, letterhead.MaxLine)
	}
	if err := finish(ps); err != nil {
		return nil, ps, err
	}
	subject := c.summary
	if k.congVan {
		subject = vv(subject)
	}
	d := letterhead.NewDraft(&c.Checked, subject, func() (document.Document, apperr.Problems, error) {

		l := c.Layout
		ref := c.ref(nd30.Symbol(t, c.Agency.Abbreviation, unit), in.Legal)
		head := c.header(ref)
		blocks := []document.Block{head}
		summary := c.summary
		if k.congVan {
			summary = vv(summary)
			addVV(&head, l, summary)
			head.SpaceAfterPt = 18
			blocks[0] = head
		} else {
			blocks = append(blocks, l.Title(t.Name, summary)...)
		}
		blocks = append(blocks, l.KinhGui(c.kinhGui)...)
		blocks = append(blocks, c.basesBlocks()...)
		blocks = append(blocks, body.Blocks(c.paras, bodyStyle(l, closing != ""))...)
		if closing != "" {
			if !strings.HasSuffix(closing, "./.") {
				closing = strings.TrimRight(closing, " .;,") + "./."
			}
			blocks = append(blocks, para(l, document.Run{Text: closing}))
		}
		auto := ""
		if len(c.kinhGui) > 0 {
			auto = "Như trên"
		}
		blocks = append(blocks, l.Closing(c.recipients(auto), c.Archive, c.Signer))
		title := summary
		if t.Name != "" {
			title = t.Name + " " + summary
		}
		return doc(title, summary, c.Agency.Name, fileName(ref), l.Section(blocks)), nil, nil
	})
	d.Legal = in.Legal
	return d, ps, nil
}

// dedicated names the kind with its own form for a tên loại.
var dedicated = map[string]string{"Quyết định": QuyetDinh, "Tờ trình": ToTrinh, "Báo cáo": BaoCao,
	"Thông báo": ThongBao, "Giấy mời": GiayMoi, "Biên bản": BienBan, "Kế hoạch": "ke-hoach"}

// vv writes the trích yếu of a công văn as "V/v …".
func vv(s string) string {
	low := strings.ToLower(s)
	for _, p := range []string{"v/v ", "v/v:", "v/v"} {
		if strings.HasPrefix(low, p) {
			s = strings.TrimSpace(s[len(p):])
			break
		}
	}
	return "V/v " + s
}

// addVV puts the công văn's "V/v …" under the number in the header's left
// column (ô 5b): V/v size, upright, not bold, centred, 6 pt under the number.
func addVV(g *document.Grid, l nd30.Layout, text string) {
	size := l.Profile.Agency // the V/v takes the agency lines' size (12/13).
	p := document.Paragraph{Runs: []document.Run{{Text: text}}, Align: document.Center, SizePt: size,
		LineHeightPt: nd30.LineHeight(size), SpaceBeforePt: 6}
	cell := &g.Rows[1].Cells[0]
	// Under the number, before an urgency stamp.
	rest := append([]document.Block{}, cell.Blocks[1:]...)
	cell.Blocks = append(append(cell.Blocks[:1:1], p), rest...)
}
