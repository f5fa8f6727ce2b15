package paperwork

import (
	"context"
	"io"

	"github.com/vanban/vanban/internal/apperr"
	"github.com/vanban/vanban/internal/registry"
)

// Registry is the sổ đăng ký văn bản đi as the HTTP API and the workspace
// use it: issuing goes through the Service (number, layout, render and
// record at once), the rest reads, registers, cancels, exports and verifies
// the records of the register the Service was wired with.
type Registry struct {
	docs *Service
}

// Registry returns the register's use cases; the Service must have a
// register (Service.Register).
func (s *Service) Registry() Registry { return Registry{docs: s} }

func (r Registry) reg() (*registry.Service, error) {
	if r.docs == nil || r.docs.Register == nil {
		return nil, apperr.New(apperr.Internal, "no_register", "registry: no register wired")
	}
	return r.docs.Register, nil
}

// Next is the số and ký hiệu the document of data would take if issued now
// ("06/KH-SVHTTDL"); nothing is taken.
func (r Registry) Next(ctx context.Context, data []byte) (string, error) {
	return r.docs.NextNumber(ctx, data)
}

// Issue numbers, renders in format f and records the document of data
// (Service.Issue).
func (r Registry) Issue(ctx context.Context, data []byte, f Format) (registry.Record, File, error) {
	return r.docs.Issue(ctx, data, f)
}

// Register takes a number for a document produced elsewhere.
func (r Registry) Register(ctx context.Context, req registry.RegisterRequest) (registry.Record, error) {
	reg, err := r.reg()
	if err != nil {
		return registry.Record{}, err
	}
	return reg.Register(ctx, req)
}

// List returns one page of the records q selects.
func (r Registry) List(ctx context.Context, q registry.Query) (registry.Page, error) {
	reg, err := r.reg()
	if err != nil {
		return registry.Page{}, err
	}
	return reg.List(ctx, q)
}

// Get returns the record with this id.
func (r Registry) Get(ctx context.Context, id string) (registry.Record, error) {
	reg, err := r.reg()
	if err != nil {
		return registry.Record{}, err
	}
	return reg.Get(ctx, id)
}

// File returns a stored file of a record byte for byte; name "" is the
// first one.
func (r Registry) File(ctx context.Context, id, name string) (File, error) {
	reg, err := r.reg()
	if err != nil {
		return File{}, err
	}
	info, data, err := reg.File(ctx, id, name)
	if err != nil {
		return File{}, err
	}
	return File{Name: info.Name, ContentType: info.ContentType, Data: data}, nil
}

// OpenFile streams a stored file of a record (registry.Service.OpenFile):
// a download holds a chunk at a time, not the file.
func (r Registry) OpenFile(ctx context.Context, id, name string) (registry.FileInfo, io.ReadCloser, error) {
	reg, err := r.reg()
	if err != nil {
		return registry.FileInfo{}, nil, err
	}
	return reg.OpenFile(ctx, id, name)
}

// Cancel marks a record cancelled with its reason; its number is never
// given again.
func (r Registry) Cancel(ctx context.Context, id, reason string) (registry.Record, error) {
	reg, err := r.reg()
	if err != nil {
		return registry.Record{}, err
	}
	return reg.Cancel(ctx, id, reason)
}

// Export writes the configured agency's register of a year as "xlsx" or
// "pdf" (Service.ExportRegister).
func (r Registry) Export(ctx context.Context, year int, format string) (File, error) {
	return r.docs.ExportRegister(ctx, "", year, format)
}

// VerifiedCertificate is what verification shows about one issued Bằng khen
// or Giấy khen to whoever scans its QR code: the public part of
// registry.Certificate, the decision flattened.
type VerifiedCertificate struct {
	ID     string `json:"id"`
	Agency string `json:"agency"`
	// Kind is "Bằng khen" or "Giấy khen"; AwardForm the hình thức.
	Kind          string `json:"kind"`
	AwardForm     string `json:"awardForm,omitempty"`
	RecipientName string `json:"recipientName"`
	RecipientUnit string `json:"recipientUnit,omitempty"`
	// Decision is the award decision: "123/QĐ-SVHTTDL", its date
	// (YYYY-MM-DD) and who signed it.
	DecisionRef    string `json:"decisionRef"`
	DecisionDate   string `json:"decisionDate"`
	DecisionIssuer string `json:"decisionIssuer,omitempty"`
	// GoldenBook is the số sổ vàng.
	GoldenBook int `json:"goldenBook,omitempty"`
	// DecisionState is what the register says about the decision (issue
	// 10 item 13): "registered" (in the register, not cancelled),
	// "cancelled", "other_date" (its number is there under another date),
	// "not_registered" or "external" (recorded under a decision of another
	// authority, not looked up); DecisionNote says it in Vietnamese.
	DecisionState string `json:"decisionState,omitempty"`
	DecisionNote  string `json:"decisionNote,omitempty"`
}

// Verify finds an issued certificate by the UUID printed in its QR code;
// an unknown id is apperr.NotFound.
func (r Registry) Verify(ctx context.Context, id string) (VerifiedCertificate, error) {
	reg, err := r.reg()
	if err != nil {
		return VerifiedCertificate{}, err
	}
	c, err := reg.VerifyCertificate(ctx, id)
	if err != nil {
		return VerifiedCertificate{}, err
	}
	out := VerifiedCertificate{
		ID: c.ID.String(), Agency: c.Agency, Kind: c.Kind, AwardForm: c.AwardForm,
		RecipientName: c.RecipientName, RecipientUnit: c.RecipientUnit,
		DecisionRef: c.Decision.Ref, DecisionDate: c.Decision.Date.String(), DecisionIssuer: c.Decision.Issuer,
		GoldenBook: c.GoldenBook,
	}
	if c.DecisionCheck != nil {
		out.DecisionState, out.DecisionNote = string(c.DecisionCheck.State), c.DecisionCheck.Message(c.Decision)
	}
	return out, nil
}
