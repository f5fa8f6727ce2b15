// Package certificate is the input of a certificate batch — the award
// decision, its recipients in decision order and how to print them
// (BATCH.json, spec §7.4) — and its validation: everything a batch must
// satisfy before any layout is tried. Laying the certificates out is
// internal/certlayout's job, filling a Word design internal/certword's, and
// writing the PDF, the ZIP and its manifest internal/certprint's.
//
// The package is pure: it never reads files or the clock; the files a
// batch names arrive through a caller-supplied ReadFile.
package certificate

import (
	"encoding/json"
	"fmt"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/vanban/vanban/internal/apperr"
	"github.com/vanban/vanban/internal/award"
	"github.com/vanban/vanban/internal/jsonin"
	"github.com/vanban/vanban/internal/nd30"
)

// MaxRecipients is the default limit of certificates in one batch, and
// MaxZIPRecipients of those written as a ZIP of one file each. They are what
// is measured to fit in half the service's 30 s render deadline with
// margin (BENCHMARKS.md): the 20,000 of before took 29.6 s over HTTP, and a
// ZIP costs about 6 times a page of one PDF (each file embeds its fonts).
// Larger decisions are printed in several batches (numbering.start).
const (
	MaxRecipients    = 5000
	MaxZIPRecipients = 1000
)

// Mode is how certificates are printed.
type Mode string

// Print modes (spec §7.4 "Printing reality").
const (
	// ModeFull prints the whole design on white paper: the decorative
	// border (or the agency's background image) and every line.
	ModeFull Mode = "full"
	// ModeOverprint prints only the variable text, shifted by the printer
	// offset, onto pre-printed blanks (phôi).
	ModeOverprint Mode = "overprint"
	// ModeCalibration prints one page showing every field's box and name
	// with rulers, shifted by the offset, to check it on plain paper
	// held against a phôi.
	ModeCalibration Mode = "calibration"
)

// DecisionCheck is how a recorded batch's decision is checked (Batch).
type DecisionCheck string

// Decision checks.
const (
	CheckRegister DecisionCheck = "register"
	CheckExternal DecisionCheck = "external"
)

// FileFormat is the format of each file inside a ZIP.
type FileFormat string

// Formats of the files inside a ZIP.
const (
	FilePDF  FileFormat = "pdf"
	FileDOCX FileFormat = "docx"
)

// Recipient is one certificate's holder: a nomination of the decision's
// list — the same type the danh sách is made of — with what only the
// certificate prints.
type Recipient struct {
	award.Nomination
	// Achievement overrides the batch's achievement sentence.
	Achievement string `json:"achievement,omitempty"`
	// Number is the số sổ vàng from the decision's list; 0 = counted from
	// the batch's start number.
	Number int `json:"number,omitempty"`
}

// Decision is the award decision the certificates carry out.
type Decision struct {
	Number int `json:"number"`
	// NumberWidth is the padding of the number as the register issued it
	// (3: "007"); 0 takes the NĐ30 default of two digits, or the
	// register's padding when the batch is recorded in the register.
	NumberWidth int    `json:"numberWidth,omitempty"`
	Symbol      string `json:"symbol"` // "QĐ-SVHTTDL"
	Date        string `json:"date"`   // YYYY-MM-DD
	// IssuerTitle is the awarding person's title in mixed case, e.g.
	// "Giám đốc Sở Văn hóa, Thể thao và Du lịch"; the layout sets it in CAPS.
	IssuerTitle string      `json:"issuerTitle"`
	Place       string      `json:"place"` // "Lai Châu"
	Signer      nd30.Signer `json:"signer"`

	date nd30.Date
}

// Numbering counts số sổ vàng from Start in decision order for recipients
// without an explicit number.
type Numbering struct {
	Start int `json:"start"`
}

// QR asks for a verification code on each certificate carrying
// BaseURL + "/v1/verify/" + uuid.
type QR struct {
	Enabled bool   `json:"enabled"`
	BaseURL string `json:"baseURL"`
}

// Offset is the printer offset in mm, added to every box in overprint and
// calibration modes.
type Offset struct {
	X float64 `json:"x"`
	Y float64 `json:"y"`
}

// Batch is BATCH.json: a decision, its recipients in decision order and how
// to print them.
type Batch struct {
	Kind Kind `json:"kind"`
	Mode Mode `json:"mode,omitempty"`
	// Template names a built-in layout (default: the kind); TemplateFile a
	// JSON layout file next to the batch.
	Template     string `json:"template,omitempty"`
	TemplateFile string `json:"templateFile,omitempty"`
	// PageSize overrides the layout's page (Bằng khen), scaling its boxes.
	PageSize *Size  `json:"pageSize,omitempty"`
	Offset   Offset `json:"offset,omitempty"`
	// Background is a PNG or JPEG of the agency's design (full mode),
	// drawn under the text instead of our border.
	Background string `json:"background,omitempty"`
	// Emblem is a PNG of the Quốc huy or the agency's emblem (full mode),
	// drawn in the layout's emblem box at the top centre; a campaign's
	// certificates take the agency profile's.
	Emblem string `json:"emblem,omitempty"`
	// Files is the format of each file in a ZIP: "pdf" (default) or "docx".
	Files FileFormat `json:"files,omitempty"`
	// WordTemplate is a .docx with {placeholders}; default: the shipped one.
	WordTemplate string   `json:"wordTemplate,omitempty"`
	Decision     Decision `json:"decision"`
	// DecisionCheck is how a batch recorded in the register treats its
	// decision: "register" (default) — the register must hold it; "external"
	// — a decision of another authority (a Bằng khen of the UBND tỉnh),
	// recorded without that check and verified as "quyết định của cơ quan
	// khác, chưa đối chiếu với sổ".
	DecisionCheck DecisionCheck `json:"decisionCheck,omitempty"`
	// Achievement is the sentence printed for every recipient without
	// their own: "Đã có thành tích xuất sắc trong …".
	Achievement string      `json:"achievement"`
	Numbering   *Numbering  `json:"numbering,omitempty"`
	QR          QR          `json:"qr,omitempty"`
	Recipients  []Recipient `json:"recipients,omitempty"`
	// RecipientsFile is a nominations JSON {"nominations": [...]}.
	RecipientsFile string `json:"recipientsFile,omitempty"`
	// AchievementFromSummary prints each nomination's summary as its
	// achievement sentence.
	AchievementFromSummary bool `json:"achievementFromSummary,omitempty"`

	template     []byte
	background   []byte
	emblem       []byte
	wordTemplate []byte
	warnings     apperr.Problems
}

// Warnings are what validation corrected and the officer should know
// (a name written with its "Ông"/"Bà").
func (b *Batch) Warnings() apperr.Problems { return b.warnings }

// takeHonorific removes a leading "Ông"/"Bà" from recipient i's name (it
// would print "Bà Bà …"): the word sets the gender, or must agree with it.
func (b *Batch) takeHonorific(i int, path string) (apperr.Problem, bool) {
	p, found := b.Recipients[i].TakeHonorific(path + ".name")
	if found {
		p.Message = fmt.Sprintf("Dòng %d: %s", i+1, p.Message)
	}
	return p, found
}

// ReadFile returns the contents of a file named in a batch, relative to
// the batch; the CLI passes os.ReadFile under the batch's directory, the
// HTTP layer nil (no file references).
type ReadFile func(name string) ([]byte, error)

// ParseBatch decodes BATCH.json, normalises its text to NFC (§8.1) and
// loads the files it names (recipients, layout, background, Word template)
// through readFile. It does not validate the batch beyond decoding:
// Generator.Prepare does, before any output.
func ParseBatch(data []byte, readFile ReadFile) (*Batch, error) {
	var b Batch
	if err := jsonin.Decode(data, &b); err != nil {
		return nil, err
	}
	load := func(field, name string) ([]byte, error) {
		if readFile == nil {
			return nil, apperr.Invalidf(field, "file_reference_unsupported", "Không thể đọc tệp %q ở đây; hãy gửi nội dung trực tiếp.", name)
		}
		data, err := readFile(name)
		if err != nil {
			if ae := apperr.As(err); ae.Kind != apperr.Internal {
				return nil, err // an imported list with its own report
			}
			return nil, apperr.Invalidf(field, "file_unreadable", "Không đọc được tệp %q: kiểm tra tên tệp và đường dẫn (tính từ thư mục của tệp lô).", name)
		}
		return data, nil
	}
	if b.RecipientsFile != "" {
		if len(b.Recipients) > 0 {
			return nil, apperr.Invalidf("recipientsFile", "recipients_twice", "Chỉ dùng một trong hai: recipients hoặc recipientsFile.")
		}
		data, err := load("recipientsFile", b.RecipientsFile)
		if err != nil {
			return nil, err
		}
		rs, err := RecipientsFromNominations(data, b.AchievementFromSummary)
		if err != nil {
			return nil, err
		}
		b.Recipients = rs
	}
	if b.TemplateFile != "" {
		data, err := load("templateFile", b.TemplateFile)
		if err != nil {
			return nil, err
		}
		b.template = data
	}
	if b.Background != "" {
		data, err := load("background", b.Background)
		if err != nil {
			return nil, err
		}
		b.background = data
	}
	if b.Emblem != "" {
		data, err := load("emblem", b.Emblem)
		if err != nil {
			return nil, err
		}
		b.emblem = data
	}
	if b.WordTemplate != "" {
		data, err := load("wordTemplate", b.WordTemplate)
		if err != nil {
			return nil, err
		}
		b.wordTemplate = data
	}
	// Single-line fields keep no line break or tab: refused before the
	// names are normalised (which would fold them into spaces silently).
	var ps apperr.Problems
	for i, r := range b.Recipients {
		for _, f := range [][2]string{{"name", r.Name}, {"position", r.Position}, {"unit", r.Unit}, {"parentUnit", r.ParentUnit}} {
			if strings.ContainsAny(f[1], "\r\n\t\v") {
				jsonin.Line(&ps, fmt.Sprintf("recipients[%d].%s", i, f[0]), f[1])
			}
		}
		if ps.Errors() >= 100 {
			break
		}
	}
	if err := ps.Err(); err != nil {
		return nil, err
	}
	b.normalize()
	return &b, nil
}

// SetBackground supplies the background image bytes directly (HTTP upload).
func (b *Batch) SetBackground(data []byte) { b.background = data }

// SetEmblem supplies the emblem image bytes directly (the agency profile's,
// an HTTP upload).
func (b *Batch) SetEmblem(data []byte) { b.emblem = data }

// EmblemData is the emblem image as supplied (nil: none).
func (b *Batch) EmblemData() []byte { return b.emblem }

// SetWordTemplate supplies the Word template bytes directly.
func (b *Batch) SetWordTemplate(data []byte) { b.wordTemplate = data }

// TemplateData is the JSON layout named by templateFile (nil: a built-in
// layout); internal/certlayout parses it.
func (b *Batch) TemplateData() []byte { return b.template }

// BackgroundData is the agency's background image as supplied (nil: none).
func (b *Batch) BackgroundData() []byte { return b.background }

// WordTemplateData is the Word design as supplied (nil: the shipped one).
func (b *Batch) WordTemplateData() []byte { return b.wordTemplate }

// nfc cleans a batch text as every document's text is cleaned: NFC,
// trimmed, straight double quotes made typographic (nd30.Quotes).
func nfc(s string) string { return nd30.Quotes(strings.TrimSpace(norm.NFC.String(s))) }

func (b *Batch) normalize() {
	d := &b.Decision
	d.Symbol, d.IssuerTitle, d.Place, d.Date = nfc(d.Symbol), nfc(d.IssuerTitle), nfc(d.Place), nfc(d.Date)
	s := &d.Signer
	s.Authority, s.On, s.Title, s.Name = nfc(s.Authority), nfc(s.On), nfc(s.Title), nfc(s.Name)
	b.Achievement = nfc(b.Achievement)
	for i := range b.Recipients {
		r := &b.Recipients[i]
		r.Nomination = r.Normalize()
		r.Kind = award.Kind(nfc(string(r.Kind)))
		r.Gender = award.Gender(nfc(string(r.Gender)))
		if r.Gender == "nữ" {
			r.Gender = award.Female
		}
		r.Achievement = nfc(r.Achievement)
	}
}

// nominationsFile is the shape of a nominations JSON (internal/award), with
// the số sổ vàng when the decision's list gives it.
type nominationsFile struct {
	Nominations []struct {
		award.Nomination
		Number int `json:"number"`
	} `json:"nominations"`
}

// RecipientsFromNominations converts a nominations JSON
// ({"nominations": [{kind, name, gender, position, unit, parentUnit,
// summary}]}) into recipients in the same order. Unknown fields are
// ignored: the nominations shape belongs to the award package and grows.
// With summaryAsAchievement each summary becomes the recipient's
// achievement sentence.
func RecipientsFromNominations(data []byte, summaryAsAchievement bool) ([]Recipient, error) {
	var nf nominationsFile
	if err := json.Unmarshal(data, &nf); err != nil {
		return nil, apperr.Invalidf("recipientsFile", "invalid_json", "Danh sách đề nghị không phải JSON hợp lệ (cần {\"nominations\": [...]}, như tệp do \"vanban import\" ghi ra).")
	}
	if nf.Nominations == nil {
		return nil, apperr.Invalidf("recipientsFile", "missing_nominations", "Danh sách đề nghị thiếu mục \"nominations\".")
	}
	out := make([]Recipient, len(nf.Nominations))
	for i, n := range nf.Nominations {
		r := Recipient{Nomination: n.Nomination, Number: n.Number}
		if summaryAsAchievement {
			r.Achievement = n.Summary
		}
		out[i] = r
	}
	return out, nil
}

// Validate checks everything but the layout fit; limit caps the count. It
// completes the batch as it goes: the default mode and file format, the
// decision's date, and a name's "Ông"/"Bà" moved to the gender (with a
// warning, see Warnings).
func (b *Batch) Validate(limit int) error {
	var ps apperr.Problems
	if b.Kind != GiayKhen && b.Kind != BangKhen {
		ps.Add("kind", "invalid_kind", "Loại khen thưởng %q không hợp lệ (giay-khen hoặc bang-khen).", b.Kind)
	}
	if b.Mode == "" {
		b.Mode = ModeFull
	}
	switch b.Mode {
	case ModeFull, ModeOverprint, ModeCalibration:
	default:
		ps.Add("mode", "invalid_mode", "Chế độ in %q không hợp lệ (full, overprint, calibration).", b.Mode)
	}
	switch b.DecisionCheck {
	case "", CheckRegister, CheckExternal:
	default:
		ps.Add("decisionCheck", "invalid_decision_check", "Cách đối chiếu quyết định %q không hợp lệ (register: quyết định có trong sổ văn bản đi; external: quyết định của cơ quan khác).", b.DecisionCheck)
	}
	if b.Files == "" {
		b.Files = FilePDF
	}
	if b.Files != FilePDF && b.Files != FileDOCX {
		ps.Add("files", "invalid_file_format", "Định dạng tệp trong ZIP %q không hợp lệ (pdf hoặc docx).", b.Files)
	}
	if b.Offset.X < -30 || b.Offset.X > 30 || b.Offset.Y < -30 || b.Offset.Y > 30 {
		ps.Add("offset", "invalid_offset", "Độ lệch máy in (%g; %g mm) vượt quá ±30 mm.", b.Offset.X, b.Offset.Y)
	}
	if b.Background != "" || b.background != nil {
		if b.Mode != ModeFull {
			ps.Add("background", "background_needs_full_mode", "Ảnh nền chỉ dùng ở chế độ in toàn bộ (full).")
		}
	}
	d := &b.Decision
	line := func(path, v string, max int) {
		if v == "" {
			return
		}
		if !jsonin.Line(&ps, path, v) {
			return
		}
		if n := utf8.RuneCountInString(v); n > max {
			ps.Add(path, "too_long", "Quá dài: %d ký tự, tối đa %d.", n, max)
		}
	}
	line("decision.symbol", d.Symbol, MaxShortText)
	line("decision.issuerTitle", d.IssuerTitle, MaxLineText)
	line("decision.place", d.Place, MaxShortText)
	line("decision.signer.authority", d.Signer.Authority, MaxShortText)
	line("decision.signer.on", d.Signer.On, MaxLineText)
	line("decision.signer.title", d.Signer.Title, MaxLineText)
	line("decision.signer.name", d.Signer.Name, MaxShortText)
	line("achievement", b.Achievement, MaxAchievement)
	if len(b.Recipients) <= limit {
		for i, r := range b.Recipients {
			path := fmt.Sprintf("recipients[%d]", i)
			line(path+".name", r.Name, MaxLineText)
			line(path+".position", r.Position, MaxLineText)
			line(path+".unit", r.Unit, MaxLineText)
			line(path+".parentUnit", r.ParentUnit, MaxLineText)
			line(path+".achievement", r.Achievement, MaxAchievement)
			if ps.Errors() >= 100 {
				break
			}
		}
	}
	if d.Number <= 0 {
		ps.Add("decision.number", "required", "Thiếu số quyết định.")
	}
	if d.NumberWidth < 0 || d.NumberWidth > 9 {
		ps.Add("decision.numberWidth", "invalid_number_width", "Độ dài số quyết định %d không hợp lệ (từ 1 đến 9 chữ số, hoặc bỏ trống).", d.NumberWidth)
	}
	if d.Symbol == "" {
		ps.Add("decision.symbol", "required", "Thiếu ký hiệu quyết định (ví dụ QĐ-SVHTTDL).")
	}
	if day, err := nd30.ParseDate(d.Date); err != nil || day.Day == 0 {
		ps.Add("decision.date", "invalid_date", "Ngày quyết định %q phải có dạng YYYY-MM-DD.", d.Date)
	} else {
		d.date = day
	}
	if d.IssuerTitle == "" {
		ps.Add("decision.issuerTitle", "required", "Thiếu chức danh người tặng (ví dụ Giám đốc Sở Văn hóa, Thể thao và Du lịch).")
	}
	if d.Place == "" {
		ps.Add("decision.place", "required", "Thiếu địa danh (ví dụ Lai Châu).")
	}
	problems := d.Signer.Check()
	if d.Signer.Inner != nil {
		problems["inner"] = "hình thức ký hai cấp (TM. … / KT. …) không in trên bằng khen, giấy khen: ghi một cấp, ví dụ KT. Chủ tịch / Phó Chủ tịch"
	}
	for _, k := range []string{"authority", "on", "inner", "title", "name"} {
		if msg, ok := problems[k]; ok {
			ps.Add("decision.signer."+k, "invalid_signer", "Người ký: %s.", strings.TrimSuffix(msg, "."))
		}
	}
	if b.QR.Enabled {
		u := b.QR.BaseURL
		if !strings.HasPrefix(u, "https://") && !strings.HasPrefix(u, "http://") {
			ps.Add("qr.baseURL", "invalid_url", "Địa chỉ xác thực %q phải bắt đầu bằng https:// hoặc http://.", u)
		} else if len(u) > MaxQRBaseURL {
			ps.Add("qr.baseURL", "qr_too_long", "Địa chỉ xác thực dài %d ký tự, quá %d ký tự để in mã QR.", len(u), MaxQRBaseURL)
		}
	}
	if ps.Errors() > 0 {
		return ps.Err()
	}
	if b.Mode == ModeCalibration {
		return nil
	}
	n := len(b.Recipients)
	if n == 0 {
		return apperr.Invalidf("recipients", "empty_recipients", "Danh sách người được khen trống: không có giấy khen nào để in.")
	}
	if n > limit {
		return &apperr.Error{Kind: apperr.TooLarge, Code: "too_many_recipients",
			Detail:   fmt.Sprintf("Danh sách có %d người/tập thể, vượt giới hạn %d giấy khen mỗi lần in; hãy chia thành nhiều lô.", n, limit),
			Problems: []apperr.Problem{{Field: "recipients", Code: "too_many_recipients", Message: fmt.Sprintf("%d > %d", n, limit)}}}
	}
	numbered := map[int]int{}
	for i, r := range b.Recipients {
		path := fmt.Sprintf("recipients[%d]", i)
		who := r.Name
		if who == "" {
			who = fmt.Sprintf("dòng %d", i+1)
		}
		switch r.Kind {
		case award.Individual:
			if p, found := b.takeHonorific(i, path); found {
				ps = append(ps, p)
				r = b.Recipients[i]
				who = r.Name
			}
			if !r.Gender.Valid() {
				ps.Add(path+".gender", "missing_gender", "%s: thiếu giới tính (nam hoặc nu) để ghi Ông/Bà; không được đoán theo tên.", who)
			}
		case award.Collective:
		default:
			ps.Add(path+".kind", "invalid_recipient_kind", "%s: loại %q không hợp lệ (ca-nhan hoặc tap-the).", who, r.Kind)
		}
		if r.Name == "" {
			ps.Add(path+".name", "required", "Dòng %d: thiếu họ tên / tên tập thể.", i+1)
		}
		if r.Achievement == "" && b.Achievement == "" {
			ps.Add(path+".achievement", "missing_achievement", "%s: thiếu nội dung thành tích (achievement của lô hoặc của từng người).", who)
		}
		num := r.Number
		if num < 0 || num > MaxBookNumber {
			ps.Add(path+".number", "invalid_number", "%s: số sổ vàng %d không hợp lệ (từ 1 đến %d).", who, num, MaxBookNumber)
			continue
		}
		if num == 0 {
			if b.Numbering == nil || b.Numbering.Start <= 0 {
				ps.Add(path+".number", "missing_number", "%s: thiếu số sổ vàng (ghi number hoặc numbering.start).", who)
				continue
			}
			if b.Numbering.Start > MaxBookNumber-len(b.Recipients) {
				ps.Add("numbering.start", "invalid_number", "Số sổ vàng bắt đầu %d quá lớn (tối đa %d).", b.Numbering.Start, MaxBookNumber-len(b.Recipients))
				return ps.Err()
			}
			num = b.Numbering.Start + i
		}
		if j, dup := numbered[num]; dup {
			ps.Add(path+".number", "duplicate_number", "%s: số sổ vàng %d trùng với dòng %d.", who, num, j+1)
		}
		numbered[num] = i
	}
	b.warnings = ps
	return ps.Err()
}

// Longest texts of a batch, in characters (documented in the batch schema).
const (
	MaxShortText   = 200  // symbol, place, authority, signer name
	MaxLineText    = 1000 // names, titles, units
	MaxAchievement = 2000 // an achievement sentence
)

// MaxBookNumber bounds a số sổ vàng.
const MaxBookNumber = 1_000_000_000

// MaxQRBaseURL keeps base + "/v1/verify/" + uuid within a QR code of
// version 10-M, which scans at 20 mm.
const MaxQRBaseURL = 160

// Number is the số sổ vàng of recipient i: explicit, or counted from the
// start in decision order (valid once the batch is validated).
func (b *Batch) Number(i int) int {
	if n := b.Recipients[i].Number; n > 0 {
		return n
	}
	return b.Numbering.Start + i
}
