package certificate

import (
	"archive/zip"
	"context"
	"crypto/rand"
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"time"

	"github.com/google/uuid"

	"github.com/vanban/vanban/internal/apperr"
	"github.com/vanban/vanban/internal/award"
	"github.com/vanban/vanban/internal/typeset"
)

// PDFRenderer draws certificates as PDF pages; internal/pdf/certpdf
// implements it with fpdf.
type PDFRenderer interface {
	RenderPDF(w io.Writer, d *PDFDoc) error
}

// Sheet is one certificate page: every line placed, the rules and the QR
// code. A Sheet handed out by PDFDoc.Sheet is valid until the next call.
type Sheet struct {
	Lines []Line
	Rules []Rule
	QR    *QRCode
}

// BorderStyle is a resolved Border.
type BorderStyle struct {
	Margin, Band  float64
	Color, Accent RGB
}

// CalibrationBox is a field's box as the calibration page shows it.
type CalibrationBox struct {
	Field FieldName
	Label string
	Box   Box // already shifted by the offset
}

// PDFDoc is what a PDFRenderer draws: Count pages of one size, produced in
// order by Sheet, over the decoration the mode asks for.
type PDFDoc struct {
	Title   string
	Subject string
	Date    time.Time // file metadata (the decision date): deterministic output
	Page    Size
	Mode    Mode
	// Border is drawn in full mode without a background.
	Border *BorderStyle
	// Background is drawn under every page in full mode.
	Background *Image
	// Calibration lists the boxes for the calibration page; Offset is the
	// printer offset already applied to them.
	Calibration []CalibrationBox
	Offset      Offset
	Count       int
	Sheet       func(i int) (*Sheet, error)
}

// Generator prepares and writes certificate batches. The zero value needs
// PDF set for PDF output; the rest has defaults.
type Generator struct {
	PDF     PDFRenderer
	Metrics *typeset.Metrics // nil: typeset.Default()
	// UUIDs is the randomness for certificate UUIDs (v4); nil means
	// crypto/rand. Tests pass a seeded reader.
	UUIDs io.Reader
	// IDs, when set, are the UUIDs of the recipients in order: a reprint
	// gives each certificate the UUID (and so the QR code) it was recorded
	// with. Its length must be the number of recipients.
	IDs []string
	// Limit caps the recipients of one batch; 0 means MaxRecipients.
	Limit int
	// Progress, when set, is called after each certificate is written.
	Progress func(done, total int)
}

// Issued is one certificate as recorded in the register: its UUID, số sổ
// vàng and holder, and its file inside a ZIP.
type Issued struct {
	UUID      string    `json:"uuid"`
	Number    int       `json:"number"`
	Recipient Recipient `json:"recipient"`
	File      string    `json:"file,omitempty"`
	VerifyURL string    `json:"verifyURL,omitempty"`
}

// Job is a validated batch whose every certificate is known to fit. Write
// it with WritePDF or WriteZIP.
type Job struct {
	ctx      context.Context
	g        Generator
	b        *Batch
	t        *Template
	fit      *fitter
	bg       *Image
	word     *WordTemplate
	fixed    []Line
	rules    []Rule
	issued   []Issued
	sheet    Sheet
	dx, dy   float64
	qrField  *Field
	varField map[FieldName]*Field
}

// Prepare validates b completely — batch fields, layout, background, Word
// template, and the fit of every recipient's text — and assigns numbers and
// UUIDs. Every problem is reported at once (with the recipient's name),
// before any output exists.
func (g Generator) Prepare(b *Batch) (*Job, error) {
	if g.Metrics == nil {
		g.Metrics = typeset.Default()
	}
	limit := g.Limit
	if limit <= 0 {
		limit = MaxRecipients
	}
	if err := b.validate(limit); err != nil {
		return nil, err
	}
	t := b.template
	if t == nil {
		name := b.Template
		if name == "" {
			name = string(b.Kind)
		}
		var err error
		if t, err = BuiltinTemplate(name); err != nil {
			return nil, err
		}
	}
	if t.Kind != b.Kind {
		return nil, apperr.Invalidf("template", "template_kind_mismatch", "Mẫu bố cục %q dành cho %s, không dùng được cho %s.", t.Name, t.Kind, b.Kind)
	}
	if b.PageSize != nil {
		var err error
		if t, err = t.Resized(b.PageSize.Width, b.PageSize.Height); err != nil {
			return nil, err
		}
	}
	j := &Job{g: g, b: b, t: t, fit: &fitter{m: g.Metrics}, varField: map[FieldName]*Field{}}
	if b.Mode != ModeFull {
		j.dx, j.dy = b.Offset.X, b.Offset.Y
		var ps apperr.Problems
		for i, f := range t.Fields {
			if !f.Box.Shift(j.dx, j.dy).inside(t.Page) {
				ps.Add(fmt.Sprintf("offset (template.fields[%d])", i), "offset_outside_page",
					"Với độ lệch (%g; %g mm), ô %q ra ngoài trang.", j.dx, j.dy, f.Name)
			}
		}
		if err := ps.Err(); err != nil {
			return nil, err
		}
	}
	if b.background != nil {
		bg, err := prepareBackground(b.background)
		if err != nil {
			return nil, err
		}
		j.bg = bg
	}
	if b.Mode == ModeCalibration {
		return j, nil
	}
	if b.Files == FileDOCX {
		data := b.wordTemplate
		if data == nil {
			data = defaultWordTemplate()
		}
		wt, err := ParseWordTemplate(data)
		if err != nil {
			return nil, err
		}
		j.word = wt
	}
	if err := j.fitAll(); err != nil {
		return nil, err
	}
	src := g.UUIDs
	if src == nil {
		src = rand.Reader
	}
	j.issued = make([]Issued, len(b.Recipients))
	for i, r := range b.Recipients {
		var id uuid.UUID
		var err error
		if g.IDs != nil {
			if len(g.IDs) != len(b.Recipients) {
				return nil, apperr.Wrap(fmt.Errorf("%d ids for %d recipients", len(g.IDs), len(b.Recipients)), "certificate uuid")
			}
			id, err = uuid.Parse(g.IDs[i])
		} else {
			id, err = uuid.NewRandomFromReader(src)
		}
		if err != nil {
			return nil, apperr.Wrap(err, "certificate uuid")
		}
		is := Issued{UUID: id.String(), Number: b.number(i), Recipient: r}
		ext := b.Files
		is.File = FileName(is.Number, r, ext)
		if b.QR.Enabled {
			is.VerifyURL = VerifyURL(b.QR.BaseURL, is.UUID)
		}
		j.issued[i] = is
	}
	return j, nil
}

// VerifyURL is the address a certificate's QR code carries.
func VerifyURL(base, id string) string {
	for len(base) > 0 && base[len(base)-1] == '/' {
		base = base[:len(base)-1]
	}
	return base + "/v1/verify/" + id
}

// Issued lists the certificates in decision order (UUID, số sổ vàng,
// recipient, file name) for the register.
func (j *Job) Issued() []Issued { return j.issued }

// Template is the layout in use (after any page resize).
func (j *Job) Template() *Template { return j.t }

// drawn reports whether field f is printed in the job's mode.
func (j *Job) drawn(f *Field) bool { return j.b.Mode == ModeFull || !f.Preprinted }

// fixedText is the text of the fields that are the same on every page.
func (j *Job) fixedText(n FieldName, f *Field) (string, string) {
	d := j.b.Decision
	switch n {
	case FieldQuocHieu:
		return orText(f.Text, QuocHieu), "template"
	case FieldTieuNgu:
		return orText(f.Text, TieuNgu), "template"
	case FieldTang:
		return orText(f.Text, Tang), "template"
	case FieldHeading:
		return orText(f.Text, upper(j.b.Kind.Title())), "kind"
	case FieldIssuerTitle:
		return d.IssuerTitle, "decision.issuerTitle"
	case FieldDecision:
		return d.DecisionLine(), "decision"
	case FieldPlaceDate:
		return d.PlaceDate(), "decision.place"
	case FieldAuthority:
		return d.AuthorityLine(), "decision.signer.authority"
	case FieldSignerTitle:
		return d.TitleLine(), "decision.signer.title"
	case FieldSignerName:
		return d.Signer.Name, "decision.signer.name"
	}
	return "", ""
}

func orText(s, def string) string {
	if s != "" {
		return s
	}
	return def
}

// recipientText is the text of a per-recipient field for recipient i.
func (j *Job) recipientText(n FieldName, i int) string {
	r := j.b.Recipients[i]
	switch n {
	case FieldRecipient:
		return r.DisplayName()
	case FieldPosition:
		if r.Kind == award.Collective {
			return r.ParentUnit
		}
		return r.Position
	case FieldUnit:
		if r.Kind == award.Collective {
			return ""
		}
		return r.Unit
	case FieldAchievement:
		return orText(r.Achievement, j.b.Achievement)
	case FieldBookNumber:
		return BookNumberLine(j.b.number(i))
	}
	return ""
}

func perRecipient(n FieldName) bool {
	switch n {
	case FieldRecipient, FieldPosition, FieldUnit, FieldAchievement, FieldBookNumber:
		return true
	}
	return false
}

// fitAll fits the fixed fields once and every recipient's fields, and
// reports every field that does not fit.
func (j *Job) fitAll() error {
	var ps apperr.Problems
	sp := j.t.LineSpacing
	for i := range j.t.Fields {
		f := &j.t.Fields[i]
		if !j.drawn(f) {
			continue
		}
		if f.Name == FieldQR {
			if j.b.QR.Enabled {
				j.qrField = f
			}
			continue
		}
		if perRecipient(f.Name) {
			j.varField[f.Name] = f
			continue
		}
		text, path := j.fixedText(f.Name, f)
		fd, ok := j.fit.fit(f, text, sp, j.dx, j.dy)
		if !ok {
			ps.Add(path, "text_does_not_fit", "%s %q không vừa ô %q kể cả khi thu nhỏ đến %g pt và xuống dòng.",
				f.Name.Label(), text, f.Name, f.MinSize)
			continue
		}
		j.fixed = append(j.fixed, fd.Lines...)
		if fd.Rule != nil {
			j.rules = append(j.rules, *fd.Rule)
		}
	}
	if j.b.QR.Enabled && j.qrField == nil && j.b.Mode != ModeCalibration {
		if f := j.t.Field(FieldQR); f == nil {
			ps.Add("qr.enabled", "missing_qr_box", "Mẫu %q không có ô \"qr\" để in mã xác thực.", j.t.Name)
		}
	}
	for i, r := range j.b.Recipients {
		for _, f := range j.t.Fields {
			vf := j.varField[f.Name]
			if vf == nil {
				continue
			}
			text := j.recipientText(f.Name, i)
			if _, ok := j.fit.fit(vf, text, sp, j.dx, j.dy); !ok {
				ps.Add(fmt.Sprintf("recipients[%d]", i), "text_does_not_fit",
					"%s: %s %q quá dài, không vừa ô %q kể cả khi thu nhỏ đến %g pt và xuống dòng.",
					r.DisplayName(), f.Name.Label(), text, f.Name, vf.MinSize)
			}
		}
	}
	if ps.Errors() > 0 {
		return &apperr.Error{Kind: apperr.Invalid, Code: "text_does_not_fit",
			Detail:   fmt.Sprintf("Có %d nội dung không vừa khung của mẫu %q; hãy rút gọn hoặc sửa mẫu. Chưa in giấy khen nào.", ps.Errors(), j.t.Name),
			Problems: ps}
	}
	return nil
}

// Fit returns the fitted fields of recipient i's certificate (fixed and
// per-recipient), for inspection and tests of the layout model.
func (j *Job) Fit(i int) []Fitted {
	var out []Fitted
	for idx := range j.t.Fields {
		f := &j.t.Fields[idx]
		if !j.drawn(f) || f.Name == FieldQR {
			continue
		}
		var text string
		if perRecipient(f.Name) {
			text = j.recipientText(f.Name, i)
		} else {
			text, _ = j.fixedText(f.Name, f)
		}
		fd, _ := j.fit.fit(f, text, j.t.LineSpacing, j.dx, j.dy)
		out = append(out, fd)
	}
	return out
}

// sheetFor builds recipient i's page, reusing the job's buffers; qr is its
// code when already encoded (nil: encode here).
func (j *Job) sheetFor(i int, qr *QRCode) (*Sheet, error) {
	s := &j.sheet
	s.Lines = append(s.Lines[:0], j.fixed...)
	s.Rules = append(s.Rules[:0], j.rules...)
	s.QR = nil
	for _, f := range j.t.Fields {
		vf := j.varField[f.Name]
		if vf == nil {
			continue
		}
		fd, ok := j.fit.fit(vf, j.recipientText(f.Name, i), j.t.LineSpacing, j.dx, j.dy)
		if !ok {
			return nil, apperr.Wrap(fmt.Errorf("recipient %d field %s no longer fits", i, f.Name), "fit certificate")
		}
		s.Lines = append(s.Lines, fd.Lines...)
		if fd.Rule != nil {
			s.Rules = append(s.Rules, *fd.Rule)
		}
	}
	if j.qrField != nil {
		if qr == nil {
			var err error
			if qr, err = j.qr(i); err != nil {
				return nil, err
			}
		}
		s.QR = qr
	}
	return s, nil
}

func (j *Job) qr(i int) (*QRCode, error) {
	return newQR(j.issued[i].VerifyURL, j.qrField.Box.Shift(j.dx, j.dy))
}

type qrResult struct {
	q   *QRCode
	err error
}

// qrAhead encodes the QR codes of pages 0…n-1 in order on another
// goroutine, at most 64 ahead of the page being drawn, so that the
// encoding overlaps the drawing on a second core. Closing done stops it.
func (j *Job) qrAhead(n int, done <-chan struct{}) <-chan qrResult {
	ch := make(chan qrResult, 64)
	go func() {
		defer close(ch)
		for i := 0; i < n; i++ {
			q, err := j.qr(i)
			select {
			case ch <- qrResult{q, err}:
			case <-done:
				return
			}
		}
	}()
	return ch
}

func (j *Job) doc(count int, sheet func(int) (*Sheet, error)) *PDFDoc {
	d := &PDFDoc{
		Title:   fmt.Sprintf("%s — %s", j.b.Kind.Title(), j.b.Decision.Ref()),
		Subject: j.b.Decision.DecisionLine(),
		Date:    j.b.Decision.Time(),
		Page:    j.t.Page,
		Mode:    j.b.Mode,
		Offset:  j.b.Offset,
		Count:   count,
		Sheet:   sheet,
	}
	if j.b.Mode == ModeFull {
		if j.bg != nil {
			d.Background = j.bg
		} else if bd := j.t.Border; bd != nil {
			d.Border = &BorderStyle{Margin: bd.Margin, Band: bd.Band, Color: j.t.borderColor, Accent: j.t.accentColor}
		}
	}
	if j.b.Mode == ModeCalibration {
		for _, f := range j.t.Fields {
			d.Calibration = append(d.Calibration, CalibrationBox{Field: f.Name, Label: f.Name.Label(), Box: f.Box.Shift(j.dx, j.dy)})
		}
	}
	return d
}

// WritePDF writes every certificate into one PDF, one per page in decision
// order, no blank page (or the single calibration page). Pages are written
// to w as they are drawn, so memory does not grow with the batch; a failure
// part-way leaves a partial file in w (write to a temporary file and rename
// it on success).
func (j *Job) WritePDF(w io.Writer) error {
	if j.g.PDF == nil {
		return apperr.Wrap(fmt.Errorf("no PDF renderer"), "write certificates")
	}
	if j.b.Mode == ModeCalibration {
		return j.g.PDF.RenderPDF(w, j.doc(1, func(int) (*Sheet, error) { return &Sheet{}, nil }))
	}
	n := len(j.issued)
	var ahead <-chan qrResult
	if j.qrField != nil {
		done := make(chan struct{})
		defer close(done)
		ahead = j.qrAhead(n, done)
	}
	return j.g.PDF.RenderPDF(w, j.doc(n, func(i int) (*Sheet, error) {
		if err := j.ctxErr(); err != nil {
			return nil, err
		}
		var qr *QRCode
		if ahead != nil {
			r := <-ahead
			if r.err != nil {
				return nil, r.err
			}
			qr = r.q
		}
		s, err := j.sheetFor(i, qr)
		if err == nil && j.g.Progress != nil {
			j.g.Progress(i+1, n)
		}
		return s, err
	}))
}

// Bind makes the writing of the job stop, between two certificates, once
// ctx is done (the caller went away or the deadline passed): WritePDF and
// WriteZIP then return ctx's error.
func (j *Job) Bind(ctx context.Context) { j.ctx = ctx }

func (j *Job) ctxErr() error {
	if j.ctx == nil {
		return nil
	}
	return j.ctx.Err()
}

// WriteZIP writes one file per recipient (PDF or DOCX, per the batch's
// "files") named like "007-nguyen-van-a.pdf", then manifest.csv. Entries
// are streamed to w one by one.
func (j *Job) WriteZIP(w io.Writer) error {
	if j.b.Mode == ModeCalibration {
		return apperr.Invalidf("mode", "calibration_is_pdf", "Trang căn chỉnh chỉ xuất ra PDF.")
	}
	if j.b.Files == FilePDF && j.g.PDF == nil {
		return apperr.Wrap(fmt.Errorf("no PDF renderer"), "write certificates")
	}
	if n := len(j.issued); n > MaxZIPRecipients {
		return &apperr.Error{Kind: apperr.TooLarge, Code: "too_many_recipients",
			Detail:   fmt.Sprintf("Tệp ZIP (mỗi người một tệp) nhận tối đa %d giấy khen mỗi lần, lô này có %d: hãy chia thành nhiều lô hoặc in một tệp PDF.", MaxZIPRecipients, n),
			Problems: []apperr.Problem{{Field: "recipients", Code: "too_many_recipients", Message: fmt.Sprintf("%d > %d", n, MaxZIPRecipients)}}}
	}
	zw := zip.NewWriter(w)
	mod := j.b.Decision.Time()
	n := len(j.issued)
	for i, is := range j.issued {
		if err := j.ctxErr(); err != nil {
			return err
		}
		// A PDF's streams are compressed already: deflating it again
		// costs a fifth of a file's time for a few per cent.
		method := zip.Store
		if j.b.Files == FileDOCX {
			method = zip.Deflate
		}
		fw, err := zw.CreateHeader(&zip.FileHeader{Name: is.File, Method: method, Modified: mod})
		if err != nil {
			return apperr.Wrap(err, "zip entry")
		}
		if j.b.Files == FileDOCX {
			err = j.word.Fill(fw, j.WordValues(i))
		} else {
			err = j.g.PDF.RenderPDF(fw, j.doc(1, func(int) (*Sheet, error) { return j.sheetFor(i, nil) }))
		}
		if err != nil {
			return err
		}
		if j.g.Progress != nil {
			j.g.Progress(i+1, n)
		}
	}
	fw, err := zw.CreateHeader(&zip.FileHeader{Name: "manifest.csv", Method: zip.Deflate, Modified: mod})
	if err != nil {
		return apperr.Wrap(err, "zip manifest")
	}
	if err := WriteManifest(fw, j.issued); err != nil {
		return err
	}
	return apperr.Wrap(zw.Close(), "zip close")
}

// WriteManifest writes manifest.csv: UTF-8 with a BOM so Excel opens the
// Vietnamese names correctly, CRLF, columns số, họ tên/tên tập thể, tệp,
// uuid.
func WriteManifest(w io.Writer, issued []Issued) error {
	if _, err := io.WriteString(w, "\uFEFF"); err != nil {
		return apperr.Wrap(err, "manifest")
	}
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	_ = cw.Write([]string{"Số sổ vàng", "Họ tên / Tên tập thể", "Tệp", "UUID"})
	for _, is := range issued {
		// A name starting with "=" would be a formula to Excel.
		_ = cw.Write([]string{strconv.Itoa(is.Number), safeCSVCell(is.Recipient.DisplayName()),
			safeCSVCell(is.File), is.UUID})
	}
	cw.Flush()
	return apperr.Wrap(cw.Error(), "manifest")
}
