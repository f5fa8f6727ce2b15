package campaign

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/google/uuid"

	"github.com/vanban/vanban/internal/apperr"
	"github.com/vanban/vanban/internal/award"
	"github.com/vanban/vanban/internal/certificate"
	"github.com/vanban/vanban/internal/certprint"
	"github.com/vanban/vanban/internal/commendation"
	"github.com/vanban/vanban/internal/jsonin"
	"github.com/vanban/vanban/internal/letterhead"
	"github.com/vanban/vanban/internal/nd30"
	"github.com/vanban/vanban/internal/paperwork"
	"github.com/vanban/vanban/internal/registry"
)

// Printer prints the certificates of issued decisions.
type Printer struct {
	Register     *registry.Service
	Commendation commendation.Env
	// Generator prepares and writes the batches (PDF renderer, metrics).
	Generator certprint.Generator
	// VerifyBaseURL is the public address printed in the QR codes; empty
	// prints no QR code.
	VerifyBaseURL string
	// Emblems, when set, give the emblem of the agency profile whose
	// agency issued the decision (full mode); without one the certificate
	// marks the emblem's place.
	Emblems EmblemStore
}

// EmblemStore finds the emblem of an agency's saved profile (the Store
// does): only that image is read, not the profiles.
type EmblemStore interface {
	AgencyEmblem(ctx context.Context, a nd30.Agency) (Emblem, error)
}

// emblemOf is the emblem of the saved profile of agency a (same name and
// parent, tone-insensitive), or nil.
func (p *Printer) emblemOf(ctx context.Context, a nd30.Agency) ([]byte, error) {
	if p.Emblems == nil {
		return nil, nil
	}
	e, err := p.Emblems.AgencyEmblem(ctx, a)
	if errors.Is(err, ErrNotFound) {
		return nil, nil
	}
	return e.PNG, storeErr(err, "emblem", a.Name)
}

// PrintRequest is the body of POST /v1/registry/{uuid}/certificates.
type PrintRequest struct {
	// Design is a built-in layout ("giay-khen", "bang-khen"); by default the
	// certificate of the decision's award form.
	Design string `json:"design,omitempty"`
	// Mode is "full" (default), "overprint" (only the variable text, on
	// phôi) or "calibration" (one page of boxes, nothing recorded).
	Mode certificate.Mode `json:"mode,omitempty"`
	// Offset is the printer offset in mm (overprint, calibration).
	Offset certificate.Offset `json:"offset,omitzero"`
	// Format is "pdf" (one file, a page each) or "zip" (a file each +
	// manifest.csv).
	Format string `json:"format,omitempty"`
	// Preview prints only the first certificate and records nothing: the
	// workspace's live preview of the printer offset (not in the API body).
	Preview bool `json:"-"`
	// AwardForm picks, in a decision of several forms (danh hiệu and Giấy
	// khen), the form whose rows are printed; by default the decision's
	// own awardForm. Each row keeps its số sổ vàng.
	AwardForm string `json:"awardForm,omitempty"`
}

// DecodePrintRequest reads a print request; an empty body takes the defaults.
func DecodePrintRequest(data []byte) (PrintRequest, error) {
	var r PrintRequest
	if len(bytes.TrimSpace(data)) == 0 {
		return r, nil
	}
	err := jsonin.Decode(data, &r)
	return r, err
}

// Printed is a printed batch.
type Printed struct {
	Name        string
	ContentType string
	Data        []byte
	// Decision is the register's record of the Quyết định.
	Decision registry.Record
	// Certificates are the recorded certificates, in số sổ vàng order.
	Certificates []registry.Certificate
	// Reprint is true when the certificates were recorded before: the same
	// UUIDs and QR codes, no new record.
	Reprint bool
	// Count is how many certificates the decision gives in the form
	// printed (a preview draws only the first).
	Count int
}

// FindDecision finds a record by its UUID or by its số and ký hiệu as
// written after "Số:" ("05/QĐ-SVHTTDL"; the latest year when several).
func (p *Printer) FindDecision(ctx context.Context, ref string) (registry.Record, error) {
	ref = strings.TrimSpace(ref)
	if _, err := uuid.Parse(ref); err == nil {
		rec, err := p.Register.Get(ctx, ref)
		if apperr.As(err).Kind == apperr.NotFound {
			return rec, decisionNotFound(ref)
		}
		return rec, err
	}
	num, symbol, ok := strings.Cut(ref, "/")
	if !ok || num == "" || symbol == "" {
		return registry.Record{}, apperr.Invalidf("decision", "invalid_reference", "Quyết định %q: ghi UUID trong sổ hoặc số, ký hiệu như \"05/QĐ-SVHTTDL\".", ref)
	}
	page, err := p.Register.List(ctx, registry.Query{Text: symbol, Limit: registry.MaxLimit})
	if err != nil {
		return registry.Record{}, err
	}
	var found *registry.Record
	for i, r := range page.Records {
		if strings.EqualFold(r.Ref(), ref) || (strings.TrimLeft(r.NumberText, "0") == strings.TrimLeft(num, "0") && r.Symbol == symbol) {
			if found == nil || r.Year > found.Year {
				found = &page.Records[i]
			}
		}
	}
	if found == nil {
		return registry.Record{}, decisionNotFound(ref)
	}
	return *found, nil
}

func decisionNotFound(ref string) error {
	return &apperr.Error{Kind: apperr.NotFound, Code: "decision_not_found",
		Detail: fmt.Sprintf("Quyết định %s không có trong sổ văn bản đi: chỉ in được giấy khen của quyết định đã ban hành qua sổ (vanban registry issue).", ref),
		Problems: []apperr.Problem{{Field: "decision", Code: "decision_not_found",
			Message: fmt.Sprintf("Không có quyết định %s trong sổ văn bản đi.", ref)}}}
}

// decision reads an issued Quyết định (not cancelled) and what it awards.
func (p *Printer) decision(ctx context.Context, ref string) (registry.Record, commendation.Awarded, error) {
	rec, err := p.FindDecision(ctx, ref)
	if err != nil {
		return rec, commendation.Awarded{}, err
	}
	if rec.Status == registry.Cancelled {
		return rec, commendation.Awarded{}, apperr.New(apperr.Conflict, "decision_cancelled", fmt.Sprintf("Quyết định %s đã bị hủy: không in giấy khen.", rec.Ref()))
	}
	_, input, err := p.Register.Input(ctx, rec.ID.String())
	if err != nil {
		return rec, commendation.Awarded{}, err
	}
	// The input is kept as given; the record's number and date stamp it.
	env := p.Commendation
	env.Stamp = &letterhead.Stamp{Number: rec.Number, Width: len(rec.NumberText), Date: rec.Date}
	a, err := commendation.AwardedBy(input, env)
	if err != nil {
		if ae := apperr.As(err); ae.Code == "not_a_decision" {
			return rec, a, apperr.New(apperr.Invalid, "not_a_decision", fmt.Sprintf("Văn bản %s không phải Quyết định khen thưởng: không in được giấy khen từ đó.", rec.Ref()))
		}
		return rec, a, err
	}
	return rec, a, nil
}

// Forms are the award forms of an issued Quyết định, in the order of its
// danh sách, and its own form (what Print prints unless
// PrintRequest.AwardForm names another): one form for most decisions, the
// danh hiệu and the Giấy khen of a mixed one.
func (p *Printer) Forms(ctx context.Context, ref string) ([]award.Form, award.Form, error) {
	_, a, err := p.decision(ctx, ref)
	if err != nil {
		return nil, award.Form{}, err
	}
	own, _, err := a.Printed("")
	return a.Forms, own, err
}

// Print prints one certificate per awarded row of an issued Quyết định, with
// its number, date, signer and số sổ vàng exactly as issued. The first print
// records every certificate (linked to the decision); a reprint reuses the
// recorded ones — same UUIDs, same QR codes, nothing new recorded. The
// calibration page records nothing.
func (p *Printer) Print(ctx context.Context, ref string, req PrintRequest) (Printed, error) {
	rec, a, err := p.decision(ctx, ref)
	if err != nil {
		return Printed{}, err
	}
	form, rows, err := a.Printed(req.AwardForm)
	if err != nil {
		return Printed{}, err
	}
	kind := certificate.Kind(form.Certificate)
	if req.Design != "" {
		kind = certificate.Kind(req.Design)
	}
	if kind != certificate.GiayKhen && kind != certificate.BangKhen {
		return Printed{}, apperr.Invalidf("design", "no_certificate_design", "%s không có mẫu in (%q): chọn \"design\": \"giay-khen\" hoặc \"bang-khen\".", form.Name, form.Certificate)
	}
	b := &certificate.Batch{
		Kind: kind, Mode: req.Mode, Offset: req.Offset,
		Decision: certificate.Decision{
			Number: a.Number, NumberWidth: a.NumberWidth, Symbol: a.Symbol, Date: a.Date.String(),
			IssuerTitle: a.IssuerTitle, Place: a.Agency.Place,
			Signer: a.Signer,
		},
		Achievement: achievementLine(form, a),
		QR:          certificate.QR{Enabled: p.VerifyBaseURL != "", BaseURL: p.VerifyBaseURL},
	}
	for _, r := range rows {
		b.Recipients = append(b.Recipients, certificate.Recipient{Nomination: r.Nomination, Number: r.GoldBook})
	}
	if b.Mode == "" || b.Mode == certificate.ModeFull {
		emblem, err := p.emblemOf(ctx, a.Agency)
		if err != nil {
			return Printed{}, err
		}
		b.SetEmblem(emblem)
	}
	g := p.Generator
	all, err := p.Register.CertificatesOf(ctx, rec.ID)
	if err != nil {
		return Printed{}, err
	}
	// The certificates recorded for this form (a decision of several forms
	// prints each form's rows on their own).
	var recorded []registry.Certificate
	for _, c := range all {
		if c.AwardForm == form.Name || len(a.Forms) == 1 {
			recorded = append(recorded, c)
		}
	}
	reprint := len(recorded) > 0
	if reprint && req.Mode != certificate.ModeCalibration {
		if len(recorded) != len(rows) {
			return Printed{}, apperr.New(apperr.Conflict, "certificates_mismatch",
				fmt.Sprintf("Sổ đã ghi %d giấy khen của quyết định %s nhưng danh sách có %d dòng: không in lại được.", len(recorded), rec.Ref(), len(rows)))
		}
		g.IDs = make([]string, len(recorded))
		for i, c := range recorded {
			if c.GoldenBook != rows[i].GoldBook {
				return Printed{}, apperr.New(apperr.Conflict, "certificates_mismatch",
					fmt.Sprintf("Giấy khen số sổ vàng %d trong sổ không khớp dòng %d của danh sách quyết định %s.", c.GoldenBook, i+1, rec.Ref()))
			}
			g.IDs[i] = c.ID.String()
		}
	}
	if req.Preview && len(b.Recipients) > 1 {
		b.Recipients = b.Recipients[:1]
		if len(g.IDs) > 1 {
			g.IDs = g.IDs[:1]
		}
	}
	job, file, err := paperwork.PrintBatch(ctx, g, b, rec.Ref(), req.Format)
	if err != nil {
		return Printed{}, err
	}
	out := Printed{Name: file.Name, ContentType: file.ContentType, Data: file.Data, Decision: rec, Reprint: reprint, Count: len(rows)}
	if req.Mode == certificate.ModeCalibration || req.Preview {
		return out, nil
	}
	if reprint {
		out.Certificates = recorded
		return out, nil
	}
	dec := registry.Decision{Ref: rec.Ref(), Date: rec.Date, Issuer: a.IssuerTitle}
	if out.Certificates, err = paperwork.RecordBatch(ctx, p.Register, rec.Agency, dec, kind.Title(), form.Name, rec.ID, job); err != nil {
		return Printed{}, err
	}
	return out, nil
}

// achievementLine is the certificate's line under the name: the
// achievement of a form given, the danh hiệu and its period of a danh hiệu
// (whose decision has no achievement).
func achievementLine(f award.Form, a commendation.Awarded) string {
	if f.Title {
		return strings.TrimSpace("Đạt danh hiệu “" + f.ShortName + "” " + a.Period)
	}
	return "Đã có thành tích xuất sắc " + a.Achievement
}
