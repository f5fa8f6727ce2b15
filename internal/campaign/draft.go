package campaign

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"time"
	"unicode"

	"github.com/vanban/vanban/internal/apperr"
	"github.com/vanban/vanban/internal/award"
	"github.com/vanban/vanban/internal/commendation"
	"github.com/vanban/vanban/internal/letterhead"
	"github.com/vanban/vanban/internal/nd30"
)

// Draft is a saved document input of any kind. Every save is a new version
// that can be read back; the draft shows its latest.
type Draft struct {
	ID     string `json:"id"`
	Agency string `json:"agency"`
	Kind   string `json:"kind"`
	Title  string `json:"title"`
	// CampaignID is the campaign the draft was made from or belongs to.
	CampaignID string `json:"campaignId,omitempty"`
	// Version is the latest version's number, from 1.
	Version int `json:"version"`
	// Input is the latest version's JSON: the kind's ordinary input.
	Input json.RawMessage `json:"input"`
	// RecordID is the register's record once the draft was issued.
	RecordID  string    `json:"recordId,omitempty"`
	CreatedAt time.Time `json:"createdAt,omitzero"`
	UpdatedAt time.Time `json:"updatedAt,omitzero"`
	// Warnings are the problems that do not stop the document (returned
	// with a save or a draft made from a campaign; not stored).
	Warnings apperr.Problems `json:"warnings,omitempty"`
}

// Version is one saved version of a draft.
type Version struct {
	DraftID   string          `json:"draftId"`
	Version   int             `json:"version"`
	Input     json.RawMessage `json:"input"`
	CreatedAt time.Time       `json:"createdAt,omitzero"`
}

// MaxDraftBytes bounds one saved input.
const MaxDraftBytes = 8 << 20

// CheckDraft validates what is saved: an agency, a kind, a title (from the
// input's summary or achievement when none is given) and a JSON object.
func CheckDraft(d Draft) (Draft, apperr.Problems) {
	var ps apperr.Problems
	out := d
	out.Agency = strings.TrimSpace(d.Agency)
	if out.Agency == "" {
		ps.Add("agency", "required", "Thiếu mã hồ sơ cơ quan của bản nháp (\"agency\").")
	}
	if len(d.Input) > MaxDraftBytes {
		ps.Add("input", "too_large", "Bản nháp quá lớn: %d byte, tối đa %d.", len(d.Input), MaxDraftBytes)
		return out, ps
	}
	var head struct {
		Kind        string `json:"kind"`
		Summary     string `json:"summary"`
		Achievement string `json:"achievement"`
		Title       string `json:"title"`
	}
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(d.Input, &obj); err != nil || obj == nil {
		ps.Add("input", "invalid_json", "Nội dung bản nháp phải là một đối tượng JSON (dữ liệu của một loại văn bản).")
		return out, ps
	}
	_ = json.Unmarshal(d.Input, &head)
	if out.Kind == "" {
		out.Kind = head.Kind
	}
	if out.Kind == "" {
		ps.Add("input.kind", "required", "Thiếu loại văn bản (\"kind\") trong bản nháp.")
	} else if head.Kind != "" && head.Kind != out.Kind {
		ps.Add("kind", "kind_mismatch", "Loại văn bản %q khác loại trong nội dung (%q).", out.Kind, head.Kind)
	}
	title := d.Title
	for _, t := range []string{head.Title, head.Summary, head.Achievement} {
		if strings.TrimSpace(title) == "" {
			title = t
		}
	}
	out.Title = letterhead.Text(&ps, "title", title, false, false, letterhead.MaxTitle)
	if out.Title == "" {
		out.Title = "Bản nháp " + out.Kind
	}
	return out, ps
}

// DraftRequest asks for a draft made from a campaign.
type DraftRequest struct {
	// Kind is "to-trinh-khen-thuong" or "quyet-dinh-khen-thuong".
	Kind string `json:"kind"`
	// AwardForm picks one award form when the campaign's nominations propose
	// several; by default the one most nominations propose.
	AwardForm string `json:"awardForm,omitempty"`
	// Signer names one of the profile's signers; default the profile's.
	Signer string `json:"signer,omitempty"`
}

// FromCampaign writes the input of a Tờ trình or a Quyết định from a
// campaign: the profile's agency, default signer, nơi nhận and award
// defaults, the campaign's achievement and Kế hoạch (plan, already resolved
// to its number, ký hiệu and date), and the nominations. The Quyết định
// takes the forms the agency itself awards (level "so"), the Tờ trình those
// decided above it. Without awardForm in the request, one document takes
// every form of the same authority as the main one (a khen before a danh
// hiệu, then the most proposed): the danh hiệu a Sở confers and its Giấy
// khen go in one Quyết định, each part worded on its own. date is the
// draft's date (today). The warnings say which nominations were left out
// and why.
func FromCampaign(req DraftRequest, p Profile, c Campaign, entries []Entry, cat *award.Catalogue, date nd30.Date) (json.RawMessage, apperr.Problems, error) {
	var ps apperr.Problems
	own := req.Kind == QuyetDinhKind
	if req.Kind != QuyetDinhKind && req.Kind != ToTrinhKind {
		return nil, nil, apperr.Invalidf("kind", "invalid_kind", "Chỉ lập được %q hoặc %q từ một đợt thi đua, không phải %q.", ToTrinhKind, QuyetDinhKind, req.Kind)
	}
	// The eligible nominations, counted per form.
	counts := map[string]int{}
	var eligible []award.Nomination
	skipped := map[string]int{}
	for _, e := range entries {
		n := e.Nomination
		f, ok := cat.Form(n.AwardForm)
		if !ok {
			skipped[n.AwardForm]++
			continue
		}
		if (f.Level == award.LevelAgency) != own {
			continue
		}
		counts[f.ID]++
		eligible = append(eligible, n)
	}
	form := req.AwardForm
	take := map[string]bool{}
	if form != "" {
		f, ok := cat.MatchForm(form)
		if !ok {
			return nil, nil, apperr.Invalidf("awardForm", "unknown_award_form", "Hình thức khen thưởng %q không có trong danh mục; chọn một trong: %s.", form, strings.Join(cat.FormIDs(), ", "))
		}
		form = f.ID
		if (f.Level == award.LevelAgency) != own {
			if own {
				return nil, nil, apperr.Invalidf("awardForm", "form_not_own", "%s do %s quyết định: lập Tờ trình đề nghị, không lập Quyết định của cơ quan.", f.Name, f.AwardedBy)
			}
			return nil, nil, apperr.Invalidf("awardForm", "form_is_own", "%s do cơ quan tặng: lập Quyết định, không cần Tờ trình.", f.Name)
		}
	} else {
		ids := make([]string, 0, len(counts))
		for id := range counts {
			ids = append(ids, id)
		}
		// A khen (Giấy khen, Bằng khen: the wording of the kinds) before a
		// danh hiệu, then the most proposed.
		khen := func(id string) bool {
			f, _ := cat.Form(id)
			return f.Certificate == "giay-khen" || f.Certificate == "bang-khen"
		}
		sort.Slice(ids, func(i, j int) bool {
			if khen(ids[i]) != khen(ids[j]) {
				return khen(ids[i])
			}
			if counts[ids[i]] != counts[ids[j]] {
				return counts[ids[i]] > counts[ids[j]]
			}
			return ids[i] < ids[j]
		})
		if len(ids) == 0 {
			what := "hình thức do cơ quan tặng (Giấy khen, danh hiệu cấp cơ sở)"
			if !own {
				what = "hình thức do cấp trên quyết định (Bằng khen, danh hiệu cấp tỉnh trở lên)"
			}
			return nil, nil, &apperr.Error{Kind: apperr.Invalid, Code: "no_nominations",
				Detail:   "Đợt thi đua chưa có đề nghị nào thuộc " + what + ".",
				Problems: []apperr.Problem{{Field: "nominations", Code: "no_nominations", Message: "Chưa có đề nghị nào thuộc " + what + ": nhập danh sách hoặc sửa hình thức khen thưởng."}}}
		}
		form = ids[0]
		main, _ := cat.Form(form)
		for _, id := range ids[1:] {
			f, _ := cat.Form(id)
			if f.AwardedBy == main.AwardedBy && f.Level == main.Level {
				take[id] = true
				continue
			}
			ps.Warn("awardForm", "other_forms", "%d đề nghị %s cần một văn bản riêng (do %s quyết định): lập thêm với \"awardForm\": %q.", counts[id], f.Name, f.AwardedBy, id)
		}
	}
	take[form] = true
	unknown := make([]string, 0, len(skipped))
	for id := range skipped {
		unknown = append(unknown, id)
	}
	sort.Strings(unknown)
	for _, id := range unknown {
		ps.Warn("nominations", "unknown_award_form", "%d đề nghị có hình thức %q không có trong danh mục nên chưa được đưa vào: sửa hình thức của các đề nghị đó.", skipped[id], id)
	}
	var list []award.Nomination
	for _, n := range eligible {
		if take[n.AwardForm] {
			n.Source = nil
			list = append(list, n)
		}
	}
	if len(list) > commendation.MaxNominations {
		return nil, ps, apperr.Invalidf("nominations", "too_many", "Có %d đề nghị, tối đa %d trong một văn bản: chia đợt thành nhiều văn bản.", len(list), commendation.MaxNominations)
	}
	signer := p.DefaultSigner()
	if req.Signer != "" {
		found := false
		for _, s := range p.Signers {
			if nd30.Key(s.Name) == nd30.Key(req.Signer) {
				signer, found = s.Signer, true
			}
		}
		if !found {
			return nil, ps, apperr.Invalidf("signer", "unknown_signer", "Hồ sơ %s không có người ký %q.", p.ID, req.Signer)
		}
	}
	achievement := c.Achievement
	if achievement == "" {
		achievement = "trong " + lowerFirstWord(c.Title)
	}
	common := commendation.Common{
		Fields: letterhead.Fields{
			Date: date.String(), Agency: p.Agency, Signer: signer,
			Recipients: nonNil(p.Recipients), Archive: nonNil(p.Archive), NumberWidth: p.NumberWidth,
		},
		AwardForm:   form,
		Achievement: achievement,
		BaseSalary:  p.Awards.BaseSalary,
		Nominations: list,
	}
	for id := range take {
		// A danh hiệu is conferred for the campaign's year, whatever the
		// date of the decision (often the January after).
		if f, _ := cat.Form(id); f.Title && c.Year > 0 {
			common.Period = fmt.Sprintf("năm %d", c.Year)
		}
	}
	if c.Plan != nil && c.Plan.Number > 0 {
		ref := c.Plan.PlanRef
		if ref.Issuer == "" {
			ref.Issuer = p.Agency.Name
		}
		common.Plan = &ref
	}
	var v any
	if own {
		v = commendation.QuyetDinhInput{Kind: QuyetDinhKind, Common: common, Proposal: p.Awards.Proposal,
			Funding: p.Awards.Funding, Implementers: p.Awards.Implementers}
		if p.Awards.Proposal == "" {
			ps.Warn("proposal", "required", "Hồ sơ cơ quan chưa có căn cứ đề nghị (awards.proposal): điền \"Theo đề nghị của …\" trước khi ban hành.")
		}
		if p.Awards.Implementers == "" {
			ps.Warn("implementers", "required", "Hồ sơ cơ quan chưa có đơn vị thi hành (awards.implementers): điền Điều 3 trước khi ban hành.")
		}
	} else {
		v = commendation.ToTrinhInput{Kind: ToTrinhKind, Common: common, KinhGui: nonNil(p.Awards.KinhGui)}
		if len(p.Awards.KinhGui) == 0 {
			ps.Warn("kinhGui", "required", "Hồ sơ cơ quan chưa có nơi gửi Tờ trình (awards.kinhGui): điền \"Kính gửi\" trước khi ban hành.")
		}
	}
	out, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return nil, ps, apperr.Wrap(err, "draft from campaign")
	}
	return out, ps, nil
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// lowerFirstWord lower-cases the first letter of a title that starts a
// phrase ("Phong trào thi đua …" → "phong trào thi đua …"), not of an
// abbreviation ("UBND …").
func lowerFirstWord(s string) string {
	r := []rune(s)
	if len(r) > 1 && unicode.IsUpper(r[0]) && unicode.IsLower(r[1]) {
		r[0] = unicode.ToLower(r[0])
	}
	return string(r)
}

// Title of a draft made from a campaign, from the forms of its danh sách:
// "Quyết định tặng Giấy khen của Giám đốc Sở — …", "Quyết định công nhận
// danh hiệu thi đua và khen thưởng — …".
func draftTitle(kind string, forms []award.Form, c Campaign) string {
	act := "tặng "
	if len(forms) > 0 {
		act += forms[0].Name
	}
	titles, khen := false, false
	for _, f := range forms {
		titles, khen = titles || f.Title, khen || !f.Title
	}
	switch {
	case titles && khen:
		act = "công nhận danh hiệu thi đua và khen thưởng"
	case titles && len(forms) > 1:
		act = "công nhận danh hiệu thi đua"
	case titles:
		act = "công nhận " + lowerFirstWord(forms[0].Name)
	case len(forms) > 1:
		act = "khen thưởng"
	}
	name := "Quyết định " + act
	if kind == ToTrinhKind {
		name = "Tờ trình đề nghị " + act
	}
	return fmt.Sprintf("%s — %s", name, c.Title)
}

// WithNominations puts a nomination list (as `vanban import` writes it)
// into the danh sách of a Tờ trình or Quyết định input: the rows of the
// input's award form, of another form the same authority decides (each
// worded as its own part) and those without one; the others are counted in
// a warning. The input's own nominations are replaced.
func WithNominations(input []byte, ns []award.Nomination, cat *award.Catalogue) ([]byte, apperr.Problems, error) {
	var m map[string]json.RawMessage
	if err := json.Unmarshal(input, &m); err != nil || m == nil {
		return nil, nil, apperr.Invalidf("", "invalid_json", "Dữ liệu văn bản phải là một đối tượng JSON.")
	}
	var head struct {
		Kind      string `json:"kind"`
		AwardForm string `json:"awardForm"`
	}
	_ = json.Unmarshal(input, &head)
	if head.Kind != ToTrinhKind && head.Kind != QuyetDinhKind {
		return nil, nil, apperr.Invalidf("kind", "no_list", "Danh sách đề nghị chỉ dùng cho %q và %q, không cho %q.", ToTrinhKind, QuyetDinhKind, head.Kind)
	}
	form, ok := cat.MatchForm(head.AwardForm)
	var ps apperr.Problems
	var list []award.Nomination
	others := map[string]int{}
	for _, n := range ns {
		f, found := cat.MatchForm(n.AwardForm)
		switch {
		case n.AwardForm == "" || !ok:
			list = append(list, n)
		case found && (f.ID == form.ID || (f.AwardedBy == form.AwardedBy && f.Level == form.Level)):
			// The document's form, or another of the same authority (a
			// danh hiệu beside the Giấy khen): a part of its own.
			n.AwardForm = f.ID
			list = append(list, n)
		default:
			others[n.AwardForm]++
		}
	}
	ids := make([]string, 0, len(others))
	for id := range others {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		name := id
		if f, found := cat.MatchForm(id); found {
			name = f.Name
		}
		ps.Warn("nominations", "other_forms", "%d đề nghị %s không thuộc văn bản này (%s) nên không được đưa vào danh sách.", others[id], name, form.Name)
	}
	if list == nil {
		list = []award.Nomination{}
	}
	b, err := json.Marshal(list)
	if err != nil {
		return nil, ps, apperr.Wrap(err, "nominations")
	}
	m["nominations"] = b
	out, err := json.Marshal(m)
	return out, ps, err
}
