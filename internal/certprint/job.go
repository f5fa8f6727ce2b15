// Package certprint prints a certificate batch: it prepares the job
// (validation, layout, Word design, UUIDs and numbers) and writes one PDF
// with a page per certificate, or a ZIP of one PDF or DOCX per recipient
// with its manifest. PDF drawing arrives through the PDFRenderer interface
// (internal/pdf/certpdf implements it with fpdf).
package certprint

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
	"github.com/vanban/vanban/internal/certificate"
	"github.com/vanban/vanban/internal/certlayout"
	"github.com/vanban/vanban/internal/certword"
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
	Lines []certlayout.Line
	Rules []certlayout.Rule
	QR    *QRCode
}

// PDFDoc is what a PDFRenderer draws: Count pages of one size, produced in
// order by Sheet, over the decoration the mode asks for.
type PDFDoc struct {
	Title   string
	Subject string
	Date    time.Time // file metadata (the decision date): deterministic output
	Page    certificate.Size
	Mode    certificate.Mode
	// Border is drawn in full mode without a background.
	Border *certlayout.BorderStyle
	// Background is drawn under every page in full mode.
	Background *Image
	// EmblemBox is where the Quốc huy or the agency's emblem goes (full
	// mode, a layout with an emblem box); Emblem is the image, or nil to
	// mark the place (a dashed box and "Quốc huy") on a preview.
	EmblemBox *certlayout.Box
	Emblem    *Image
	// Calibration lists the boxes for the calibration page; Offset is the
	// printer offset already applied to them.
	Calibration []certlayout.CalibrationBox
	Offset      certificate.Offset
	Count       int
	Sheet       func(i int) (*Sheet, error)
}

// Generator prepares and writes certificate batches. Metrics (the faces
// text is measured with) is required, PDF for PDF output; the rest has
// defaults.
type Generator struct {
	PDF     PDFRenderer
	Metrics *typeset.Metrics
	// UUIDs is the randomness for certificate UUIDs (v4); nil means
	// crypto/rand. Tests pass a seeded reader.
	UUIDs io.Reader
	// IDs, when set, are the UUIDs of the recipients in order: a reprint
	// gives each certificate the UUID (and so the QR code) it was recorded
	// with. Its length must be the number of recipients.
	IDs []string
	// Limit caps the recipients of one batch; 0 means
	// certificate.MaxRecipients.
	Limit int
	// Progress, when set, is called after each certificate is written.
	Progress func(done, total int)
}

// Job is a validated batch whose every certificate is known to fit. Write
// it with WritePDF or WriteZIP.
type Job struct {
	ctx    context.Context
	g      Generator
	b      *certificate.Batch
	layout *certlayout.Layout
	bg     *Image
	emblem *Image
	word   *certword.Template
	issued []certificate.Issued
	sheet  Sheet
}

// Prepare validates b completely — batch fields, layout, background, Word
// template, and the fit of every recipient's text — and assigns numbers and
// UUIDs. Every problem is reported at once (with the recipient's name),
// before any output exists.
func (g Generator) Prepare(b *certificate.Batch) (*Job, error) {
	if g.Metrics == nil {
		return nil, apperr.Wrap(fmt.Errorf("no metrics"), "certificate generator")
	}
	limit := g.Limit
	if limit <= 0 {
		limit = certificate.MaxRecipients
	}
	if err := b.Validate(limit); err != nil {
		return nil, err
	}
	t, err := certlayout.ForBatch(b)
	if err != nil {
		return nil, err
	}
	j := &Job{g: g, b: b}
	if j.layout, err = certlayout.New(t, b, g.Metrics); err != nil {
		return nil, err
	}
	if data := b.BackgroundData(); data != nil {
		bg, err := prepareBackground(data)
		if err != nil {
			return nil, err
		}
		j.bg = bg
	}
	if data := b.EmblemData(); data != nil && b.Mode == certificate.ModeFull {
		if j.emblem, err = PrepareEmblem(data, "emblem"); err != nil {
			return nil, err
		}
	}
	if b.Mode == certificate.ModeCalibration {
		return j, nil
	}
	if b.Files == certificate.FileDOCX {
		data := b.WordTemplateData()
		if data == nil {
			data = certword.DefaultData()
		}
		wt, err := certword.Parse(data)
		if err != nil {
			return nil, err
		}
		j.word = wt
	}
	if err := j.layout.FitAll(); err != nil {
		return nil, err
	}
	src := g.UUIDs
	if src == nil {
		src = rand.Reader
	}
	j.issued = make([]certificate.Issued, len(b.Recipients))
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
		is := certificate.Issued{UUID: id.String(), Number: b.Number(i), Recipient: r}
		is.File = certificate.FileName(is.Number, r, b.Files)
		if b.QR.Enabled {
			is.VerifyURL = certificate.VerifyURL(b.QR.BaseURL, is.UUID)
		}
		j.issued[i] = is
	}
	return j, nil
}

// Issued lists the certificates in decision order (UUID, số sổ vàng,
// recipient, file name) for the register.
func (j *Job) Issued() []certificate.Issued { return j.issued }

// Layout is the batch's layout (after any page resize), for inspection
// and tests.
func (j *Job) Layout() *certlayout.Layout { return j.layout }

// sheetFor builds recipient i's page, reusing the job's buffers; qr is its
// code when already encoded (nil: encode here).
func (j *Job) sheetFor(i int, qr *QRCode) (*Sheet, error) {
	s := &j.sheet
	var err error
	s.Lines, s.Rules, err = j.layout.Page(i, s.Lines[:0], s.Rules[:0])
	if err != nil {
		return nil, err
	}
	s.QR = nil
	if _, ok := j.layout.QRBox(); ok {
		if qr == nil {
			if qr, err = j.qr(i); err != nil {
				return nil, err
			}
		}
		s.QR = qr
	}
	return s, nil
}

func (j *Job) qr(i int) (*QRCode, error) {
	box, _ := j.layout.QRBox()
	return newQR(j.issued[i].VerifyURL, box)
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
		Page:    j.layout.Template().Page,
		Mode:    j.b.Mode,
		Offset:  j.b.Offset,
		Count:   count,
		Sheet:   sheet,
	}
	if j.b.Mode == certificate.ModeFull {
		if j.bg != nil {
			d.Background = j.bg
		} else {
			d.Border = j.layout.Template().BorderStyle()
		}
		if box, ok := j.layout.EmblemBox(); ok {
			d.EmblemBox, d.Emblem = &box, j.emblem
		}
	}
	if j.b.Mode == certificate.ModeCalibration {
		d.Calibration = j.layout.Calibration()
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
	if j.b.Mode == certificate.ModeCalibration {
		return j.g.PDF.RenderPDF(w, j.doc(1, func(int) (*Sheet, error) { return &Sheet{}, nil }))
	}
	n := len(j.issued)
	var ahead <-chan qrResult
	if _, ok := j.layout.QRBox(); ok {
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
	if j.b.Mode == certificate.ModeCalibration {
		return apperr.Invalidf("mode", "calibration_is_pdf", "Trang căn chỉnh chỉ xuất ra PDF.")
	}
	if j.b.Files == certificate.FilePDF && j.g.PDF == nil {
		return apperr.Wrap(fmt.Errorf("no PDF renderer"), "write certificates")
	}
	if n := len(j.issued); n > certificate.MaxZIPRecipients {
		return &apperr.Error{Kind: apperr.TooLarge, Code: "too_many_recipients",
			Detail:   fmt.Sprintf("Tệp ZIP (mỗi người một tệp) nhận tối đa %d giấy khen mỗi lần, lô này có %d: hãy chia thành nhiều lô hoặc in một tệp PDF.", certificate.MaxZIPRecipients, n),
			Problems: []apperr.Problem{{Field: "recipients", Code: "too_many_recipients", Message: fmt.Sprintf("%d > %d", n, certificate.MaxZIPRecipients)}}}
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
		if j.b.Files == certificate.FileDOCX {
			method = zip.Deflate
		}
		fw, err := zw.CreateHeader(&zip.FileHeader{Name: is.File, Method: method, Modified: mod})
		if err != nil {
			return apperr.Wrap(err, "zip entry")
		}
		if j.b.Files == certificate.FileDOCX {
			err = j.word.Fill(fw, certword.Values(j.b, i, j.issued[i]))
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
func WriteManifest(w io.Writer, issued []certificate.Issued) error {
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
