// Package paperwork is the use-case layer: the verbs of the product, shared
// by the CLI, the HTTP API and the workspace, with typed inputs and results.
// Render and check a document of any kind (it reads the kind from the JSON
// input, lets that kind decode, validate and lay out its document, and hands
// the model to the renderer of the format asked for); issue a document
// through the register; print and record a batch of certificates; export
// the register. The CLI and the HTTP API both call it, so they accept and
// reject exactly the same input.
package paperwork

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/vanban/vanban/internal/apperr"
	"github.com/vanban/vanban/internal/award"
	"github.com/vanban/vanban/internal/certprint"
	"github.com/vanban/vanban/internal/document"
	"github.com/vanban/vanban/internal/jsonin"
	"github.com/vanban/vanban/internal/letterhead"
	"github.com/vanban/vanban/internal/registry"
	"github.com/vanban/vanban/internal/wordbody"
)

// Format is an output format.
type Format string

// Formats.
const (
	PDF  Format = "pdf"
	DOCX Format = "docx"
)

// ContentType is the media type of the format.
func (f Format) ContentType() string {
	switch f {
	case PDF:
		return "application/pdf"
	case DOCX:
		return "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
	}
	return "application/octet-stream"
}

// ParseFormat reads "pdf" or "docx" (any case, with or without a dot).
func ParseFormat(s string) (Format, error) {
	switch strings.TrimPrefix(strings.ToLower(strings.TrimSpace(s)), ".") {
	case "pdf":
		return PDF, nil
	case "docx":
		return DOCX, nil
	}
	return "", &apperr.Error{Kind: apperr.Unsupported, Code: "unsupported_format",
		Detail:   fmt.Sprintf("Định dạng %q không hỗ trợ; chọn pdf hoặc docx.", s),
		Problems: []apperr.Problem{{Field: "format", Code: "unsupported_format", Message: "Chọn pdf hoặc docx."}}}
}

// Renderer draws a document model in one format.
type Renderer interface {
	Render(w io.Writer, d document.Document) error
}

// Kind is one kind of document the service can produce.
type Kind struct {
	Name   string        `json:"name"`  // value of "kind": "ke-hoach"
	Title  string        `json:"title"` // "Kế hoạch"
	Schema func() []byte `json:"-"`     // JSON Schema of the input, built on first use
	// Example is a realistic input (from testdata), for documentation.
	Example []byte `json:"-"`
	// Register is the NĐ30 type name the register numbers it under
	// ("Kế hoạch"); empty when the kind is not issued through the register.
	Register string `json:"-"`
	// Prepare decodes and validates the input into the kind's typed draft,
	// laid out later (once); warnings do not stop it. stamp, when not nil,
	// is the register's date and number width of a document being issued:
	// the number itself reaches the draft inside the register's lock
	// (letterhead.Draft.Stamp).
	Prepare func(data []byte, stamp *letterhead.Stamp) (*letterhead.Draft, apperr.Problems, error) `json:"-"`
}

// SchemaJSON returns the JSON Schema of the kind's input (nil when the kind
// has none), building it on first use.
func (k Kind) SchemaJSON() []byte {
	if k.Schema == nil {
		return nil
	}
	return k.Schema()
}

// File is a rendered document.
type File struct {
	Name        string // "KH-SVHTTDL.pdf"
	ContentType string
	Data        []byte
	Warnings    apperr.Problems
}

// Service renders documents of the registered kinds.
type Service struct {
	kinds     map[string]Kind
	renderers map[Format]Renderer
	// Register is the sổ đăng ký văn bản đi that issuing, recording
	// certificates and exporting write to and read from; nil when the
	// caller has none (rendering only).
	Register *registry.Service
	// Certificates prints certificate batches.
	Certificates certprint.Generator
	// Catalogue is the award forms catalogue: listed by AwardForms, read
	// by ImportNominations.
	Catalogue *award.Catalogue
	// NumberWidth is the register's padding of numbers, for a batch whose
	// decision does not say how its number was written.
	NumberWidth int
	// VerifyBaseURL is the service's public address printed in QR codes
	// when a batch names none.
	VerifyBaseURL string
	// AgencyName, when set, titles the register export in full.
	AgencyName string
	// Resolve, when set, completes an input that names a saved agency
	// profile ("agencyProfile") before it is built: the profile fills what
	// the input leaves out (campaign.Service.ApplyProfile).
	Resolve func(ctx context.Context, data []byte) ([]byte, error)
}

// input completes data (Resolve, when it names an agency profile) and
// finds its kind. The input's head ("kind", "agencyProfile") is read in one
// pass; the kind then decodes and checks the whole input once.
func (s *Service) input(ctx context.Context, data []byte) ([]byte, Kind, error) {
	name, profiled := headOf(data)
	if profiled && s.Resolve != nil {
		var err error
		if data, err = s.Resolve(ctx, data); err != nil {
			return nil, Kind{}, err
		}
		name, _ = headOf(data)
	}
	k, err := s.kindNamed(name, data)
	return data, k, err
}

// headOf reads the keys the service looks at before the kind decodes the
// input: the kind's name, and whether it names an agency profile.
func headOf(data []byte) (kind string, profiled bool) {
	if v, sure := jsonin.Head(data, "kind", "agencyProfile"); sure {
		return v[0], strings.TrimSpace(v[1]) != ""
	}
	var h struct {
		Kind    any `json:"kind"`
		Profile any `json:"agencyProfile"`
	}
	if json.Unmarshal(data, &h) != nil {
		return "", false
	}
	kind, _ = h.Kind.(string)
	p, _ := h.Profile.(string)
	return kind, strings.TrimSpace(p) != ""
}

// CheckResult is what a check says about an input: no file, only whether
// it makes a document, its errors and its warnings, each with its field path.
type CheckResult struct {
	OK       bool            `json:"ok"`
	Errors   apperr.Problems `json:"errors"`
	Warnings apperr.Problems `json:"warnings"`
}

// Check builds the document of data without rendering it and reports the
// problems: the input's errors (OK false) and its warnings. Only a failure
// that is not the input's fault is an error.
func (s *Service) Check(ctx context.Context, data []byte) (CheckResult, error) {
	res := CheckResult{Errors: apperr.Problems{}, Warnings: apperr.Problems{}}
	data, k, err := s.input(ctx, data)
	var ps apperr.Problems
	if err == nil {
		_, ps, err = letterhead.Build(k.Prepare(data, nil))
	}
	if err != nil {
		ae := apperr.As(err)
		if ae.Kind != apperr.Invalid {
			return CheckResult{}, err
		}
		ps = append(ps, ae.Problems...)
		if len(ae.Problems) == 0 {
			ps = append(ps, apperr.Problem{Code: ae.Code, Message: ae.Detail})
		}
	}
	seen := map[apperr.Problem]bool{}
	for _, p := range ps {
		if seen[p] {
			continue
		}
		seen[p] = true
		if p.Warning {
			res.Warnings = append(res.Warnings, p)
		} else {
			res.Errors = append(res.Errors, p)
		}
	}
	res.OK = err == nil && len(res.Errors) == 0
	return res, nil
}

// New returns a service with the renderers and kinds given.
func New(renderers map[Format]Renderer, kinds ...Kind) *Service {
	s := &Service{kinds: map[string]Kind{}, renderers: renderers}
	for _, k := range kinds {
		s.kinds[k.Name] = k
	}
	return s
}

// Kinds lists the kinds, by name.
func (s *Service) Kinds() []Kind {
	out := make([]Kind, 0, len(s.kinds))
	for _, k := range s.kinds {
		out = append(out, k)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// Kind returns the kind called name.
func (s *Service) Kind(name string) (Kind, error) {
	k, ok := s.kinds[name]
	if !ok {
		return Kind{}, s.unknownKind(name)
	}
	return k, nil
}

func (s *Service) unknownKind(name string) error {
	names := make([]string, 0, len(s.kinds))
	for _, k := range s.Kinds() {
		names = append(names, k.Name)
	}
	msg := fmt.Sprintf("Loại văn bản %q không có; các loại được hỗ trợ: %s.", name, strings.Join(names, ", "))
	if name == "" {
		msg = fmt.Sprintf("Thiếu trường \"kind\" (loại văn bản): %s.", strings.Join(names, ", "))
	}
	return &apperr.Error{Kind: apperr.Invalid, Code: "unknown_kind", Detail: msg,
		Problems: []apperr.Problem{{Field: "kind", Code: "unknown_kind", Message: msg}}}
}

// KindOf reads the "kind" key of a JSON input.
func KindOf(data []byte) string {
	k, _ := headOf(data)
	return k
}

// kindNamed is the registered kind called name, the one data names.
func (s *Service) kindNamed(name string, data []byte) (Kind, error) {
	k, ok := s.kinds[name]
	if !ok {
		// Malformed JSON gets the decoder's precise message, not "unknown kind".
		var v any
		if err := jsonin.Decode(data, &v); err != nil {
			return Kind{}, err
		}
		return Kind{}, s.unknownKind(name)
	}
	return k, nil
}

// Render builds the document and renders it in format f into memory, so that
// a failure never leaves half a file behind.
func (s *Service) Render(ctx context.Context, data []byte, f Format) (File, error) {
	if _, err := s.renderer(f); err != nil {
		return File{}, err
	}
	p, err := s.Prepare(ctx, data)
	if err != nil {
		return File{}, err
	}
	return p.Render(ctx, f)
}

// Prepared is an input decoded and checked once, as its kind's typed
// draft: it renders in every format without reading the input again, and
// is laid out once whatever the number of formats. It is not safe for
// concurrent use.
type Prepared struct {
	Kind  Kind
	Draft *letterhead.Draft
	// Input is the input as the kind read it (completed by Resolve).
	Input []byte
	// Warnings are the problems that did not stop the input.
	Warnings apperr.Problems
	svc      *Service
	laid     bool
	doc      document.Document
}

// Prepare completes the input (Resolve), finds its kind, decodes and
// checks it: the typed draft of the document.
func (s *Service) Prepare(ctx context.Context, data []byte) (*Prepared, error) {
	return s.prepare(ctx, data, nil)
}

func (s *Service) prepare(ctx context.Context, data []byte, stamp *letterhead.Stamp) (*Prepared, error) {
	data, k, err := s.input(ctx, data)
	if err != nil {
		return nil, err
	}
	d, warns, err := k.Prepare(data, stamp)
	if err != nil {
		return nil, err
	}
	return &Prepared{Kind: k, Draft: d, Input: data, Warnings: warns, svc: s}, nil
}

// Render lays the draft out (the first time) and renders it in format f.
func (p *Prepared) Render(ctx context.Context, f Format) (File, error) {
	r, err := p.svc.renderer(f)
	if err != nil {
		return File{}, err
	}
	if !p.laid {
		doc, warns, err := p.Draft.Document()
		if err != nil {
			return File{}, err
		}
		p.doc, p.laid = doc, true
		p.Warnings = append(p.Warnings, warns...)
	}
	if err := ctx.Err(); err != nil {
		return File{}, apperr.Wrap(err, "render")
	}
	file, err := p.svc.renderWith(r, p.doc, f)
	file.Warnings = p.Warnings
	return file, err
}

// renderer is the renderer of format f.
func (s *Service) renderer(f Format) (Renderer, error) {
	r, ok := s.renderers[f]
	if !ok {
		_, err := ParseFormat(string(f))
		if err == nil {
			err = apperr.New(apperr.Unsupported, "unsupported_format", fmt.Sprintf("Định dạng %q chưa được cài đặt.", f))
		}
		return nil, err
	}
	return r, nil
}

func (s *Service) renderWith(r Renderer, doc document.Document, f Format) (File, error) {
	var buf bytes.Buffer
	if err := r.Render(&buf, doc); err != nil {
		return File{}, apperr.Wrap(err, "render "+string(f))
	}
	return File{Name: doc.FileName + "." + string(f), ContentType: f.ContentType(), Data: buf.Bytes()}, nil
}

// Draft is an officer's draft file (.docx or .txt) whose text becomes the
// input's "body".
type Draft struct {
	Name string
	Data []byte
}

// RenderWithDraft renders data with its "body" read from the draft: Word's
// paragraphs, bold, italic, underline, numbering, line breaks and tables; what
// the draft had that a body cannot hold (headers, footers, comments, tracked
// changes) is left out with a warning.
func (s *Service) RenderWithDraft(ctx context.Context, data []byte, d Draft, f Format) (File, error) {
	in, warns, err := wordbody.WithBody(data, d.Name, d.Data)
	if err != nil {
		return File{}, err
	}
	file, err := s.Render(ctx, in, f)
	file.Warnings = append(warns, file.Warnings...)
	return file, err
}
