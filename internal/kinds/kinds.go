// Package kinds holds the general văn bản hành chính a Sở sends beyond the
// award paperwork (NĐ30 Phụ lục III): the general Quyết định (with the ban
// hành form and its attached Quy định), the Công văn, the Tờ trình, Báo cáo,
// Thông báo, Giấy mời and Biên bản, and a generic kind for any other tên loại
// of the Phụ lục III table. Each kind is its JSON input, its checks (spec §9)
// and the document model built from it; the grid, sizes, signature and nơi
// nhận rules are those of internal/nd30, shared with every other kind.
package kinds

import (
	"fmt"
	"regexp"
	"strings"
	"sync"

	"github.com/vanban/vanban/internal/apperr"
	"github.com/vanban/vanban/internal/body"
	"github.com/vanban/vanban/internal/document"
	"github.com/vanban/vanban/internal/jsonin"
	"github.com/vanban/vanban/internal/letterhead"
	"github.com/vanban/vanban/internal/nd30"
)

// Kind names (the value of "kind").
const (
	QuyetDinh = "quyet-dinh"
	CongVan   = "cong-van"
	ToTrinh   = "to-trinh"
	BaoCao    = "bao-cao"
	ThongBao  = "thong-bao"
	GiayMoi   = "giay-moi"
	BienBan   = "bien-ban"
	VanBan    = "van-ban"
)

// Common is the input every kind of this package shares beyond the
// letterhead: the trích yếu, Kính gửi, căn cứ and the body.
type Common struct {
	letterhead.Fields
	// Summary is the trích yếu (ô 5a), or the "V/v …" of a Công văn (ô 5b).
	Summary string `json:"summary"`
	// KinhGui lists the addressees (ô 9a).
	KinhGui []string `json:"kinhGui,omitempty"`
	// Bases are the căn cứ, one document per entry; BasesStyle and
	// LastBasisEnd shape them (see Bases).
	Bases Bases `json:"bases,omitempty"`
	// Body is the content (ô 6) as plain text: one paragraph per line,
	// with its levels (Phần/Chương/Mục/Điều, I., 1., 1.1., a), -, +), tables
	// (pipe or tab rows) and **bold** / *italic* marks.
	Body string `json:"body,omitempty"`
	// AutoRecipient, false, leaves out the "Như trên" / "Như Điều N" entry
	// the kind puts first in the nơi nhận.
	AutoRecipient *bool `json:"autoRecipient,omitempty"`
}

// Bases are the căn cứ of a document.
type Bases struct {
	// Items, one per cited document ("Luật Thi đua, khen thưởng ngày …").
	Items []string `json:"items,omitempty"`
	// Proposal is the line after them ("Theo đề nghị của Chánh Văn phòng Sở").
	Proposal string `json:"proposal,omitempty"`
	// Upright prints the căn cứ upright instead of italic.
	Upright bool `json:"upright,omitempty"`
	// LastEnd ends the last line: "." (default, NĐ30), ";" or ",".
	LastEnd string `json:"lastEnd,omitempty"`
}

// checked is the validated common part.
type checked struct {
	letterhead.Checked
	summary string
	kinhGui []string
	bases   []string
	italic  bool
	paras   []body.Para
	auto    bool
}

func decode(data []byte, v any) error { return jsonin.Decode(data, v) }

func kindCheck(ps *apperr.Problems, got, want string) {
	if got != want {
		ps.Add("kind", "invalid_kind", "Loại văn bản phải là %q.", want)
	}
}

// check validates the common part. bodyRequired says whether "body" must be
// given.
func (in Common) check(ps *apperr.Problems, env letterhead.Env, bodyRequired bool) checked {
	c := checked{Checked: in.Fields.Check(ps, env), auto: in.AutoRecipient == nil || *in.AutoRecipient}
	c.summary = letterhead.Text(ps, "summary", in.Summary, true, false, letterhead.MaxTitle)
	if len(in.KinhGui) > letterhead.MaxItems {
		ps.Add("kinhGui", "too_many", "Kính gửi có %d mục, tối đa %d.", len(in.KinhGui), letterhead.MaxItems)
	}
	for i, k := range in.KinhGui {
		if t := letterhead.Text(ps, fmt.Sprintf("kinhGui[%d]", i), k, false, true, letterhead.MaxLine); t != "" {
			c.kinhGui = append(c.kinhGui, t)
		}
	}
	c.bases, c.italic = in.Bases.check(ps)
	text := letterhead.Text(ps, "body", body.Protect(in.Body), true, bodyRequired, letterhead.MaxBody)
	c.paras = body.Parse(text, "body", ps)
	return c
}

var citedNumber = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`(?i)\bsố\s+([0-9]+(?:/[0-9]{4})?/[\p{L}0-9&-]+)`)
}) // compiled on first use, not by every process at start

// check cleans the căn cứ: duplicates (the same cited number) are printed
// once, with a warning; a Law cited with a number is warned about (NĐ30: a
// Luật or Pháp lệnh is cited by its name only); each line ends with ";", the
// proposal (or the last căn cứ) with LastEnd.
func (b Bases) check(ps *apperr.Problems) ([]string, bool) {
	var out []string
	seen := map[string]int{}
	if len(b.Items) > letterhead.MaxItems {
		ps.Add("bases.items", "too_many", "Có %d căn cứ, tối đa %d.", len(b.Items), letterhead.MaxItems)
	}
	for i, s := range b.Items {
		path := fmt.Sprintf("bases.items[%d]", i)
		t := letterhead.Text(ps, path, s, false, true, letterhead.MaxTitle)
		t = strings.TrimRight(t, " ;.,")
		t = strings.TrimPrefix(t, "- ")
		if t == "" {
			continue
		}
		if m := citedNumber().FindStringSubmatch(t); m != nil {
			k := nd30.Key(m[1])
			if j, dup := seen[k]; dup {
				ps.Warn(path, "duplicate_basis", "Căn cứ trùng với bases.items[%d] (cùng văn bản số %s): chỉ in một lần.", j, m[1])
				continue
			}
			seen[k] = i
			if low := strings.ToLower(strings.TrimPrefix(t, "Căn cứ ")); strings.HasPrefix(low, "luật ") || strings.HasPrefix(low, "pháp lệnh ") {
				ps.Warn(path, "law_with_number", "Luật, pháp lệnh chỉ ghi tên loại và tên, không ghi số, ký hiệu (NĐ 30/2020, Phụ lục I).")
			}
		}
		if !strings.HasPrefix(strings.ToLower(t), "căn cứ") {
			t = "Căn cứ " + t
		}
		out = append(out, t)
	}
	if p := letterhead.Text(ps, "bases.proposal", b.Proposal, false, false, letterhead.MaxTitle); p != "" {
		out = append(out, strings.TrimRight(p, " ;.,"))
	}
	end := "."
	switch b.LastEnd {
	case "", ".":
	case ";", ",":
		end = b.LastEnd
	default:
		ps.Add("bases.lastEnd", "invalid_value", "Dấu kết thúc căn cứ cuối cùng phải là \".\", \";\" hoặc \",\".")
	}
	for i := range out {
		if i == len(out)-1 {
			out[i] += end
		} else {
			out[i] += ";"
		}
	}
	return out, !b.Upright
}

// bodyStyle is the style of ô 6 in this layout.
func bodyStyle(l nd30.Layout, noEnd bool) body.Style {
	return body.Style{
		SizePt:       l.Profile.Body,
		LineHeightPt: nd30.BodyLineHeight(l.Profile.Body),
		IndentMM:     nd30.FirstLineIndentMM,
		SpaceAfterPt: nd30.ParagraphSpacePt,
		Metrics:      l.Metrics,
		WidthMM:      l.Page.TextWidthMM(),
		NoEnd:        noEnd,
	}
}

// para is a justified body paragraph with the first-line indent.
func para(l nd30.Layout, runs ...document.Run) document.Paragraph {
	size := l.Profile.Body
	return document.Paragraph{
		Runs:              runs,
		Align:             document.Justify,
		SizePt:            size,
		LineHeightPt:      nd30.BodyLineHeight(size),
		FirstLineIndentMM: nd30.FirstLineIndentMM,
		SpaceAfterPt:      nd30.ParagraphSpacePt,
	}
}

// centred is a bold centred line of the body size (thẩm quyền, "QUYẾT ĐỊNH:").
func centred(l nd30.Layout, text string, bold, italic bool) document.Paragraph {
	size := l.Profile.Body
	return document.Paragraph{Runs: []document.Run{{Text: text, Bold: bold, Italic: italic}}, Align: document.Center,
		SizePt: size, LineHeightPt: nd30.BodyLineHeight(size), KeepWithNext: true}
}

// basesBlocks are the căn cứ paragraphs.
func (c checked) basesBlocks() []document.Block {
	var out []document.Block
	for _, b := range c.bases {
		p := para(c.Layout, document.Run{Text: b, Italic: c.italic})
		p.KeepWithNext = true
		out = append(out, p)
	}
	return out
}

// recipients puts the kind's automatic first entry ("Như trên") before the
// given ones unless switched off or already there.
func (c checked) recipients(auto string) []string {
	if !c.auto || auto == "" {
		return c.Recipients
	}
	for _, r := range c.Recipients {
		if nd30.Key(strings.Trim(r, " -;.")) == nd30.Key(auto) {
			return c.Recipients
		}
	}
	return append([]string{auto}, c.Recipients...)
}

// ref is the document's số and ký hiệu; legal writes the year in it
// ("86/2025/QĐ-UBND").
func (c checked) ref(symbol string, legal bool) nd30.Ref {
	r := nd30.Ref{Number: c.Number, Width: c.NumberWidth, Symbol: symbol}
	if legal {
		r.Year = c.Date.Year
	}
	return r
}

// header is the NĐ30 header with the document's số and ký hiệu.
func (c checked) header(r nd30.Ref) document.Grid {
	return c.Layout.Header(nd30.HeaderInput{
		Agency: c.Agency, Number: r.Number, NumberWidth: r.Width, Year: r.Year,
		Symbol: r.Symbol, Date: c.Date, Urgency: c.Urgency,
	})
}

// fileName is "05-KH-SVHTTDL", "86-2025-QĐ-UBND", or without a number the
// ký hiệu alone.
func fileName(r nd30.Ref) string {
	if r.Number == 0 {
		return strings.TrimLeft(strings.ReplaceAll(r.String(), "/", "-"), " -")
	}
	return strings.ReplaceAll(r.String(), "/", "-")
}

func doc(title, subject, author, fileName string, sections ...document.Section) document.Document {
	return document.Document{Title: title, Subject: subject, Author: author, FileName: fileName,
		FontFamily: "Times New Roman", Sections: sections}
}

// finish returns the problems' error when there is one.
func finish(ps apperr.Problems) error { return ps.Err() }

// Spec describes one kind of this package for registration.
type Spec struct {
	Name, Title string
	Schema      func() []byte // built on first use
	// Example is the file name of the example input under testdata/.
	Example string
	// Prepare decodes and checks an input: the draft to lay out.
	Prepare func(data []byte, env letterhead.Env) (*letterhead.Draft, apperr.Problems, error)
	// Register is the NĐ30 tên loại the sổ văn bản đi numbers it under
	// ("Tờ trình"); empty for a kind not numbered through the sổ yet (the
	// công văn, whose ký hiệu names the drafting unit; the biên bản, signed
	// by its secretary and chair, kept rather than sent; the generic kind,
	// whose tên loại comes from its input).
	Register string
}

// Build decodes, checks and lays out an input of the kind.
func (s Spec) Build(data []byte, env letterhead.Env) (document.Document, apperr.Problems, error) {
	return letterhead.Build(s.Prepare(data, env))
}

func text(kind string) func([]byte, letterhead.Env) (*letterhead.Draft, apperr.Problems, error) {
	return func(data []byte, env letterhead.Env) (*letterhead.Draft, apperr.Problems, error) {
		return PrepareText(kind, data, env)
	}
}

// Specs lists the kinds of this package.
func Specs() []Spec {
	return []Spec{
		{QuyetDinh, "Quyết định", QuyetDinhSchema, "quyet-dinh.json", PrepareQuyetDinh, "Quyết định"},
		{CongVan, "Công văn", CongVanSchema, "cong-van.json", text(CongVan), ""},
		{ToTrinh, "Tờ trình", ToTrinhSchema, "to-trinh.json", text(ToTrinh), "Tờ trình"},
		{BaoCao, "Báo cáo", BaoCaoSchema, "bao-cao.json", text(BaoCao), "Báo cáo"},
		{ThongBao, "Thông báo", ThongBaoSchema, "thong-bao.json", text(ThongBao), "Thông báo"},
		{GiayMoi, "Giấy mời", GiayMoiSchema, "giay-moi.json", PrepareGiayMoi, "Giấy mời"},
		{BienBan, "Biên bản", BienBanSchema, "bien-ban.json", PrepareBienBan, ""},
		{VanBan, "Văn bản có tên loại (Phụ lục III)", VanBanSchema, "van-ban.json", text(VanBan), ""},
	}
}
