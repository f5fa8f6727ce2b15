package award

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"slices"
	"strings"

	"github.com/vanban/vanban/internal/apperr"
	"github.com/vanban/vanban/internal/nd30"
)

// Cash gives the award's money as multiples of the mức lương cơ sở (base
// salary). Confirmed says whether the figure was checked against the decree;
// unconfirmed figures are configuration, flagged to whoever edits the data.
type Cash struct {
	Collective          float64 `json:"collective"`
	Individual          float64 `json:"individual"`
	CollectiveConfirmed bool    `json:"collectiveConfirmed"`
	IndividualConfirmed bool    `json:"individualConfirmed"`
	Source              string  `json:"source,omitempty"`
}

// Multiple is the multiple of the base salary for a nominee of kind k.
func (c Cash) Multiple(k Kind) float64 {
	if k == Collective {
		return c.Collective
	}
	return c.Individual
}

// Criterion is one criterion (tiêu chí) of an award form or of a plan.
type Criterion struct {
	ID   string `json:"id"`
	Text string `json:"text"`
}

// Form is one award form (hình thức khen thưởng) of the catalogue.
type Form struct {
	ID string `json:"id"`
	// Name is the full wording, "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh".
	Name string `json:"name"`
	// ShortName is the certificate title in sentence case, "Bằng khen".
	ShortName string `json:"shortName"`
	// AwardedBy is the title of who awards it, "Chủ tịch Ủy ban nhân dân tỉnh".
	AwardedBy    string `json:"awardedBy"`
	LegalArticle string `json:"legalArticle,omitempty"`
	// Aliases are other wordings met in spreadsheets; matching ignores case,
	// spacing and diacritics.
	Aliases []string `json:"aliases,omitempty"`
	// Level is who decides it: LevelAgency (the Sở awards it itself, in its
	// own Quyết định) or a level above (proposed upward in a Tờ trình).
	Level string `json:"level,omitempty"`
	// Certificate is what the awardee receives: "giay-khen", "bang-khen",
	// "giay-chung-nhan", "co" (a banner); printable certificates have a
	// layout in templates/certificates.
	Certificate string `json:"certificate,omitempty"`
	// DecreeArticle is the article of the decree that sets its cash.
	DecreeArticle string `json:"decreeArticle,omitempty"`
	// Kinds are who may receive it (a danh hiệu of persons, of
	// collectives); empty means both.
	Kinds    []Kind      `json:"kinds,omitempty"`
	Cash     Cash        `json:"cash"`
	Criteria []Criterion `json:"criteria,omitempty"`
	// Title marks a danh hiệu thi đua conferred by recognition: a decision
	// says "Công nhận danh hiệu “Lao động tiên tiến” năm 2025 cho …", not
	// "Tặng …" (a Cờ thi đua is given: "Tặng Cờ thi đua …").
	Title bool `json:"title,omitempty"`
	// TitleVerb is the verb of a danh hiệu: "công nhận" (default: Lao động
	// tiên tiến, Chiến sĩ thi đua cơ sở, the Sở's own) or "tặng" (the
	// danh hiệu of the province: "Tặng danh hiệu “Chiến sĩ thi đua cấp
	// tỉnh”").
	TitleVerb string `json:"titleVerb,omitempty"`
	// Custom marks a hình thức not in the catalogue, in the officer's own
	// words (set by the documents, never read from the catalogue files).
	Custom bool `json:"custom,omitempty"`
}

// Verb is the verb that confers a danh hiệu, lower case: TitleVerb or
// "công nhận".
func (f Form) Verb() string {
	if f.TitleVerb != "" {
		return f.TitleVerb
	}
	return "công nhận"
}

// Paid reports whether the form carries money for some nominee.
func (c Cash) Paid() bool { return c.Collective > 0 || c.Individual > 0 }

// Levels of who decides an award form.
const (
	LevelAgency   = "so"       // the head of the Sở (or a like agency)
	LevelProvince = "tinh"     // UBND tỉnh or its Chủ tịch
	LevelMinistry = "bo"       // a Bộ trưởng
	LevelState    = "nha-nuoc" // the Thủ tướng, the Chủ tịch nước
)

// For reports whether a nominee of kind k may receive f.
func (f Form) For(k Kind) bool {
	if len(f.Kinds) == 0 {
		return true
	}
	for _, x := range f.Kinds {
		if x == k {
			return true
		}
	}
	return false
}

// Confirmed reports whether the cash multiple for kind k was checked
// against the decree text.
func (c Cash) Confirmed(k Kind) bool {
	if k == Collective {
		return c.CollectiveConfirmed
	}
	return c.IndividualConfirmed
}

// Amount is the cash for a nominee of kind k when the base salary is
// baseSalary đồng, rounded to the nearest đồng.
func (f Form) Amount(k Kind, baseSalary int64) int64 {
	v := f.Cash.Multiple(k) * float64(baseSalary)
	return int64(v + 0.5)
}

// LegalBasis is one legal text cited as a căn cứ, in force from From to To
// (both inclusive; a zero To means still in force).
type LegalBasis struct {
	ID string `json:"id"`
	// Series groups texts that replace one another (the decree detailing the
	// Law); two bases of one series never overlap.
	Series string `json:"series"`
	// Text is the citation without "Căn cứ" and without final punctuation.
	Text string    `json:"text"`
	From nd30.Date `json:"from"`
	To   nd30.Date `json:"to"`
}

// InForce reports whether b is in force on day on.
func (b LegalBasis) InForce(on nd30.Date) bool {
	return b.From.Compare(on) <= 0 && (b.To.IsZero() || on.Compare(b.To) <= 0)
}

// Catalogue is the parsed award data: forms and legal bases.
type Catalogue struct {
	Forms []Form       `json:"forms"`
	Bases []LegalBasis `json:"bases"`
	// byKey maps MatchKey/FoldKey of ids, names and aliases to form indexes.
	byKey map[string]int
}

// The file names read by LoadCatalogue.
const (
	FormsFile       = "forms.json"
	LocalFormsFile  = "local-forms.json"
	LegalBasesFile  = "legal-bases.json"
	catalogueDetail = "Dữ liệu danh mục khen thưởng không hợp lệ."
)

// LoadCatalogue parses forms.json and legal-bases.json from fsys once and
// checks them: ids present and unique, names present, cash multiples not
// negative, criteria ids unique within a form, aliases not shared by two
// forms, periods well formed and not overlapping within a series.
func LoadCatalogue(fsys fs.FS) (*Catalogue, error) {
	var forms struct {
		Forms []Form `json:"forms"`
	}
	var bases struct {
		Bases []LegalBasis `json:"bases"`
	}
	if err := readJSON(fsys, FormsFile, &forms); err != nil {
		return nil, err
	}
	if err := readJSON(fsys, LegalBasesFile, &bases); err != nil {
		return nil, err
	}
	// An agency's own forms, added without rebuilding (VANBAN_TEMPLATES).
	if _, err := fs.Stat(fsys, LocalFormsFile); err == nil {
		var local struct {
			Forms []Form `json:"forms"`
		}
		if err := readJSON(fsys, LocalFormsFile, &local); err != nil {
			return nil, err
		}
		forms.Forms = append(forms.Forms, local.Forms...)
	}
	return NewCatalogue(forms.Forms, bases.Bases)
}

func readJSON(fsys fs.FS, name string, v any) error {
	b, err := fs.ReadFile(fsys, name)
	if err != nil {
		return apperr.Wrap(err, "load award catalogue")
	}
	if err := json.Unmarshal(b, v); err != nil {
		return &apperr.Error{Kind: apperr.Invalid, Code: "invalid_catalogue", Detail: catalogueDetail,
			Problems: []apperr.Problem{{Field: name, Code: "invalid_json", Message: "Tệp " + name + " không phải JSON hợp lệ: " + err.Error()}}, Err: err}
	}
	return nil
}

// NewCatalogue builds and checks a catalogue from forms and legal bases.
func NewCatalogue(forms []Form, bases []LegalBasis) (*Catalogue, error) {
	var ps apperr.Problems
	c := &Catalogue{Forms: forms, Bases: bases, byKey: map[string]int{}}
	if len(forms) == 0 {
		ps.Add("forms", "no_forms", "Danh mục chưa có hình thức khen thưởng nào.")
	}
	owner := map[string]string{}
	for i, f := range forms {
		at := fmt.Sprintf("forms[%d]", i)
		if strings.TrimSpace(f.ID) == "" {
			ps.Add(at+".id", "required", "Thiếu mã hình thức khen thưởng.")
		}
		if strings.TrimSpace(f.Name) == "" {
			ps.Add(at+".name", "required", "Thiếu tên hình thức khen thưởng.")
		}
		if strings.TrimSpace(f.AwardedBy) == "" {
			ps.Add(at+".awardedBy", "required", "Thiếu người có thẩm quyền khen thưởng.")
		}
		switch f.TitleVerb {
		case "", "công nhận", "tặng", "phong tặng":
		default:
			ps.Add(at+".titleVerb", "invalid_value", "Động từ của danh hiệu %q không có; dùng \"công nhận\", \"tặng\" hoặc \"phong tặng\".", f.TitleVerb)
		}
		switch f.Level {
		case "", LevelAgency, LevelProvince, LevelMinistry, LevelState:
		default:
			ps.Add(at+".level", "invalid_level", "Cấp quyết định %q không có; dùng so, tinh, bo hoặc nha-nuoc.", f.Level)
		}
		for _, k := range f.Kinds {
			if !k.Valid() {
				ps.Add(at+".kinds", "invalid_kind", "Đối tượng %q không có; dùng tap-the hoặc ca-nhan.", k)
			}
		}
		if f.Cash.Collective < 0 || f.Cash.Individual < 0 {
			ps.Add(at+".cash", "negative_cash", "Hệ số tiền thưởng không được âm.")
		}
		crit := map[string]bool{}
		for j, cr := range f.Criteria {
			if cr.ID == "" || strings.TrimSpace(cr.Text) == "" {
				ps.Add(fmt.Sprintf("%s.criteria[%d]", at, j), "required", "Tiêu chí phải có mã và nội dung.")
			}
			if crit[cr.ID] {
				ps.Add(fmt.Sprintf("%s.criteria[%d].id", at, j), "duplicate_id", "Mã tiêu chí %q bị trùng.", cr.ID)
			}
			crit[cr.ID] = true
		}
		keys := []string{f.ID, f.Name}
		keys = append(keys, f.Aliases...)
		for j, k := range keys {
			fk := nd30.Fold(k)
			if fk == "" {
				continue
			}
			if prev, ok := owner[fk]; ok && prev != f.ID {
				field := at + ".aliases"
				if j < 2 {
					field = at + [...]string{".id", ".name"}[j]
				}
				ps.Add(field, "duplicate_id", "%q đã dùng cho hình thức khen thưởng %q.", k, prev)
				continue
			}
			owner[fk] = f.ID
			c.byKey[fk] = i
		}
	}
	ids := map[string]bool{}
	for i, b := range bases {
		at := fmt.Sprintf("bases[%d]", i)
		if b.ID == "" {
			ps.Add(at+".id", "required", "Thiếu mã căn cứ pháp lý.")
		} else if ids[b.ID] {
			ps.Add(at+".id", "duplicate_id", "Mã căn cứ %q bị trùng.", b.ID)
		}
		ids[b.ID] = true
		if strings.TrimSpace(b.Text) == "" {
			ps.Add(at+".text", "required", "Thiếu nội dung căn cứ.")
		}
		if strings.HasPrefix(strings.TrimSpace(b.Text), "Căn cứ") || strings.HasSuffix(b.Text, ";") || strings.HasSuffix(b.Text, ".") {
			ps.Add(at+".text", "citation_form", "Nội dung căn cứ không kèm chữ \"Căn cứ\" và dấu câu cuối; hệ thống tự thêm.")
		}
		if b.From.IsZero() {
			ps.Add(at+".from", "required", "Thiếu ngày bắt đầu có hiệu lực.")
		}
		if !b.To.IsZero() && b.To.Compare(b.From) < 0 {
			ps.Add(at+".to", "bad_period", "Ngày hết hiệu lực %s trước ngày có hiệu lực %s.", b.To, b.From)
		}
		for j := range i {
			o := bases[j]
			if o.Series != b.Series || b.Series == "" {
				continue
			}
			if overlaps(o, b) {
				ps.Add(at, "overlapping_period", "Căn cứ %q trùng thời gian hiệu lực với %q (cùng nhóm %q).", b.ID, o.ID, b.Series)
			}
		}
	}
	if err := ps.Err(); err != nil {
		ae := apperr.As(err)
		ae.Code, ae.Detail = "invalid_catalogue", catalogueDetail
		return nil, ae
	}
	return c, nil
}

func overlaps(a, b LegalBasis) bool {
	// [a.From, a.To] and [b.From, b.To] with zero To = open end.
	aEndsBeforeB := !a.To.IsZero() && a.To.Compare(b.From) < 0
	bEndsBeforeA := !b.To.IsZero() && b.To.Compare(a.From) < 0
	return !aEndsBeforeB && !bEndsBeforeA
}

// Form returns the form with id, or false.
func (c *Catalogue) Form(id string) (Form, bool) {
	for _, f := range c.Forms {
		if f.ID == id {
			return f, true
		}
	}
	return Form{}, false
}

// With is a copy of c that also knows f (a hình thức the officer wrote that
// the catalogue lacks), so that a danh sách of that form is checked like
// any other; c itself is unchanged.
func (c *Catalogue) With(f Form) *Catalogue {
	out := &Catalogue{Forms: append(append([]Form{}, c.Forms...), f), Bases: c.Bases, byKey: make(map[string]int, len(c.byKey)+1)}
	for k, i := range c.byKey {
		out.byKey[k] = i
	}
	if k := nd30.Fold(f.ID); k != "" {
		if _, taken := out.byKey[k]; !taken {
			out.byKey[k] = len(out.Forms) - 1
		}
	}
	return out
}

// MatchForm finds a form by its id, its full wording or one of its aliases,
// ignoring case, spacing and diacritics ("Bằng khen của Chủ tịch UBND tỉnh").
func (c *Catalogue) MatchForm(s string) (Form, bool) {
	if i, ok := c.byKey[nd30.Fold(s)]; ok {
		return c.Forms[i], true
	}
	return Form{}, false
}

// LegalBases returns the legal bases in force on day on, in catalogue order,
// so that a change of decree needs a data edit and no code.
func (c *Catalogue) LegalBases(on nd30.Date) []LegalBasis {
	var out []LegalBasis
	for _, b := range c.Bases {
		if b.InForce(on) {
			out = append(out, b)
		}
	}
	return out
}

// FormIDs lists the ids of the catalogue's forms, sorted.
func (c *Catalogue) FormIDs() []string {
	ids := make([]string, len(c.Forms))
	for i, f := range c.Forms {
		ids[i] = f.ID
	}
	slices.Sort(ids)
	return ids
}

// Closest finds the form whose id, name or alias is nearest to s when s
// matches none exactly: a typo ("Giấy khen Giám đôc sở", "Bằng khen UBDN
// tỉnh") is read as the form it is within a few letters of, never when two
// forms are as near. The caller says which form it became.
func (c *Catalogue) Closest(s string) (Form, bool) {
	k := nd30.Fold(s)
	if k == "" {
		return Form{}, false
	}
	limit := max(2, len([]rune(k))/8)
	best, bestD, tie := -1, limit+1, false
	for key, i := range c.byKey {
		d := editDistance(k, key, limit)
		switch {
		case d < bestD:
			best, bestD, tie = i, d, false
		case d == bestD && i != best:
			tie = true
		}
	}
	if best < 0 || tie {
		return Form{}, false
	}
	return c.Forms[best], true
}

// editDistance is the Levenshtein distance of a and b in runes, or limit+1
// once it is certainly above limit.
func editDistance(a, b string, limit int) int {
	ra, rb := []rune(a), []rune(b)
	if d := len(ra) - len(rb); d > limit || -d > limit {
		return limit + 1
	}
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		low := cur[0]
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			low = min(low, cur[j])
		}
		if low > limit {
			return limit + 1
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
