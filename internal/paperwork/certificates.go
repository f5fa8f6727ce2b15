package paperwork

import (
	"bytes"
	"context"
	"fmt"
	"strings"

	"github.com/google/uuid"

	"github.com/vanban/vanban/internal/apperr"
	"github.com/vanban/vanban/internal/award"
	"github.com/vanban/vanban/internal/certificate"
	"github.com/vanban/vanban/internal/certprint"
	"github.com/vanban/vanban/internal/nd30"
	"github.com/vanban/vanban/internal/registry"
)

// CertificateBatch asks for a batch of Bằng khen or Giấy khen.
type CertificateBatch struct {
	// Data is BATCH.json.
	Data []byte
	// Files reads the files the batch names (recipients, layout,
	// background, Word template); nil refuses file references (HTTP).
	Files certificate.ReadFile
	// Format is "pdf" (one file, a page each) or "zip" (a file each and
	// manifest.csv).
	Format string
	// Record writes every certificate into the register, so that its QR
	// code can be verified; it needs a register.
	Record bool
	// Progress, when set, hears how many certificates are drawn.
	Progress func(done, total int)
}

// PrintedBatch is a printed batch.
type PrintedBatch struct {
	File
	// Count is the number of certificates; Kind their name ("Giấy khen").
	Count int
	Kind  string
}

// PrintCertificates validates a whole batch (every recipient fits) before
// anything is drawn, prints it, and records each certificate in the register
// when asked. The decision's number is written as the register writes it.
func (s *Service) PrintCertificates(ctx context.Context, in CertificateBatch) (PrintedBatch, error) {
	b, err := certificate.ParseBatch(in.Data, in.Files)
	if err != nil {
		return PrintedBatch{}, err
	}
	if b.Decision.NumberWidth == 0 {
		b.Decision.NumberWidth = s.NumberWidth
	}
	if b.QR.Enabled && b.QR.BaseURL == "" {
		b.QR.BaseURL = s.VerifyBaseURL
	}
	g := s.Certificates
	g.Progress = in.Progress
	// The batch's own problems (fields, size, fit) are said first; then,
	// before anything is drawn, whether the register holds its decision.
	var check func() error
	record := in.Record && b.Mode != certificate.ModeCalibration
	external := b.DecisionCheck == certificate.CheckExternal
	if record {
		check = func() error { return s.checkDecision(ctx, b) }
		if external {
			check = func() error { return s.checkExternal(ctx, b) }
		}
	}
	job, file, err := printBatch(ctx, g, b, b.Decision.Ref(), in.Format, check)
	if err != nil {
		return PrintedBatch{}, err
	}
	out := PrintedBatch{File: file, Count: len(job.Issued()), Kind: b.Kind.Title()}
	if record {
		if s.Register == nil {
			return PrintedBatch{}, apperr.New(apperr.Internal, "no_register", "certificates: no register wired")
		}
		cs, err := CertificateRecords(batchAgency(b), batchDecision(b), b.Kind.Title(), "", uuid.Nil, job.Issued())
		if err != nil {
			return PrintedBatch{}, err
		}
		for i := range cs {
			cs[i].DecisionExternal = external
		}
		if _, err := s.Register.RecordCertificates(ctx, cs); err != nil {
			return PrintedBatch{}, err
		}
	}
	out.Warnings = b.Warnings()
	return out, nil
}

// PrintBatch prepares a batch with g (every recipient checked before
// anything is drawn) and writes it as one PDF or a ZIP (WriteCertificates);
// the drawing stops between two certificates once ctx is done. The
// certificate batch and the campaign's printer both print through it.
func PrintBatch(ctx context.Context, g certprint.Generator, b *certificate.Batch, decisionRef, format string) (*certprint.Job, File, error) {
	return printBatch(ctx, g, b, decisionRef, format, nil)
}

// printBatch is PrintBatch with check, when not nil, run once the batch is
// prepared and before anything is drawn.
func printBatch(ctx context.Context, g certprint.Generator, b *certificate.Batch, decisionRef, format string, check func() error) (*certprint.Job, File, error) {
	job, err := g.Prepare(b)
	if err != nil {
		return nil, File{}, err
	}
	if check != nil {
		if err := check(); err != nil {
			return nil, File{}, err
		}
	}
	if err := ctx.Err(); err != nil {
		return nil, File{}, apperr.Wrap(err, "certificates")
	}
	job.Bind(ctx) // stop between two certificates once the caller or the deadline is gone
	file, err := WriteCertificates(job, b.Kind, decisionRef, format)
	if err != nil {
		return nil, File{}, err
	}
	return job, file, nil
}

// WriteCertificates writes a prepared job as one PDF (format "" or "pdf")
// or as a ZIP with a file each and manifest.csv ("zip"), named after the
// kind and the decision's số, ký hiệu ("giay-khen-123-QĐ-SVHTTDL.pdf").
func WriteCertificates(job *certprint.Job, kind certificate.Kind, decisionRef, format string) (File, error) {
	var buf bytes.Buffer
	name := fmt.Sprintf("%s-%s", strings.ToLower(strings.ReplaceAll(kind.Title(), " ", "-")), strings.ReplaceAll(decisionRef, "/", "-"))
	var out File
	var err error
	switch format {
	case "", "pdf":
		err = job.WritePDF(&buf)
		out.Name, out.ContentType = name+".pdf", "application/pdf"
	case "zip":
		err = job.WriteZIP(&buf)
		out.Name, out.ContentType = name+".zip", "application/zip"
	default:
		return File{}, apperr.New(apperr.Unsupported, "unsupported_format", fmt.Sprintf("Định dạng %q không hỗ trợ; chọn pdf hoặc zip.", format))
	}
	if err != nil {
		return File{}, err
	}
	out.Data = buf.Bytes()
	return out, nil
}

// checkDecision refuses a batch to be recorded in the register when the
// decision it cites is not there, is cancelled or is there under another date
// (issue 10 item 13): a certificate whose QR code verifies must cite a
// decision the register holds.
func (s *Service) checkDecision(ctx context.Context, b *certificate.Batch) error {
	if s.Register == nil {
		return apperr.New(apperr.Internal, "no_register", "certificates: no register wired")
	}
	dec := batchDecision(b)
	if dec.Date.Day == 0 || b.Decision.Number <= 0 {
		return nil // not a date or a number: the batch's validation says so
	}
	chk, err := s.Register.CheckDecision(ctx, batchAgency(b), dec)
	if err != nil {
		return err
	}
	msg := chk.Message(dec)
	switch chk.State {
	case registry.DecisionRegistered:
		return nil
	case registry.DecisionCancelled:
		if chk.Record != nil && chk.Record.CancelReason != "" {
			msg += " Lý do hủy: " + chk.Record.CancelReason + "."
		}
		e := apperr.New(apperr.Conflict, "decision_cancelled", msg+" Không in giấy khen theo quyết định đã hủy.")
		e.Problems = []apperr.Problem{{Field: "decision.number", Code: "decision_cancelled", Message: msg}}
		return e
	case registry.DecisionOtherDate:
		return apperr.Invalidf("decision.date", "decision_date_mismatch", "%s Sửa ngày quyết định cho khớp sổ.", msg)
	}
	return apperr.Invalidf("decision.number", "decision_not_registered",
		"%s Giấy khen ghi vào sổ phải theo một quyết định đã cấp số hoặc đăng ký trong sổ; quyết định của cơ quan khác (ví dụ UBND tỉnh) thì ghi \"decisionCheck\": \"external\" trong lô.", msg)
}

// checkExternal admits a batch citing a decision of another authority
// ("decisionCheck": "external"), recorded without the register's verdict;
// a decision the register holds (its ký hiệu however written: "QĐ- SGDDT"
// is "QĐ-SGDĐT") or whose ký hiệu names an agency of this register (the
// configured one or one that issued records) is not another authority's
// and must pass the register's check (review 2 finding 1).
func (s *Service) checkExternal(ctx context.Context, b *certificate.Batch) error {
	if s.Register == nil {
		return apperr.New(apperr.Internal, "no_register", "certificates: no register wired")
	}
	dec := batchDecision(b)
	if dec.Date.Day == 0 || b.Decision.Number <= 0 {
		return nil // not a date or a number: the batch's validation says so
	}
	chk, own, err := s.Register.OwnDecision(ctx, batchAgency(b), dec)
	if err != nil || own == "" {
		return err
	}
	held := ""
	if r := chk.Record; r != nil {
		held = fmt.Sprintf(" Sổ văn bản đi ghi quyết định số %s ngày %s", r.Ref(), r.Date.Padded())
		if r.Status == registry.Cancelled {
			held += ", đã bị hủy"
		}
		held += "."
	}
	return apperr.Invalidf("decisionCheck", "decision_is_own",
		"Quyết định %s là của chính cơ quan (%s), không phải của cơ quan khác.%s Quyết định của cơ quan phải được cấp số hoặc đăng ký trong sổ văn bản đi và đối chiếu với sổ; bỏ \"decisionCheck\": \"external\".",
		dec.Ref, own, held)
}

// batchAgency is the agency of a batch's decision: the ký hiệu's part after
// the type ("QĐ-SVHTTDL" → "SVHTTDL").
func batchAgency(b *certificate.Batch) string {
	agency := b.Decision.Symbol
	if _, after, ok := strings.Cut(agency, "-"); ok {
		agency = after
	}
	return agency
}

// batchDecision is the decision a batch cites, as the register records it;
// its date is read here when the batch is not validated yet.
func batchDecision(b *certificate.Batch) registry.Decision {
	day := b.Decision.Day()
	if day.IsZero() {
		day, _ = nd30.ParseDate(b.Decision.Date)
	}
	return registry.Decision{Ref: b.Decision.Ref(), Date: day, Issuer: b.Decision.IssuerTitle}
}

// RecordBatch records every certificate of a printed job in the register,
// under decision dec (and its record, when the decision was issued through
// the register), and returns the recorded lines.
func RecordBatch(ctx context.Context, reg *registry.Service, agency string, dec registry.Decision, kind, awardForm string, decisionRecord uuid.UUID, job *certprint.Job) ([]registry.Certificate, error) {
	cs, err := CertificateRecords(agency, dec, kind, awardForm, decisionRecord, job.Issued())
	if err != nil {
		return nil, err
	}
	return reg.RecordCertificates(ctx, cs)
}

// CertificateRecords are the register's lines of printed certificates: the
// holder as printed ("Ông Nguyễn Văn A") with position and unit, or the
// collective with its parent body, under decision dec.
func CertificateRecords(agency string, dec registry.Decision, kind, awardForm string, decisionRecord uuid.UUID, issued []certificate.Issued) ([]registry.Certificate, error) {
	cs := make([]registry.Certificate, 0, len(issued))
	for _, is := range issued {
		id, err := uuid.Parse(is.UUID)
		if err != nil {
			return nil, apperr.Wrap(err, "certificate id")
		}
		r := is.Recipient
		name, unit := r.DisplayName(), r.ParentUnit
		if r.Kind == award.Individual {
			unit = strings.Trim(r.Position+", "+r.Unit, ", ")
		}
		cs = append(cs, registry.Certificate{ID: id, Agency: agency, Decision: dec, RecipientName: name, RecipientUnit: unit,
			Kind: kind, AwardForm: awardForm, GoldenBook: is.Number, RecordID: decisionRecord})
	}
	return cs, nil
}
