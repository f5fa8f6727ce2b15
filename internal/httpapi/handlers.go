package httpapi

import (
	"bytes"
	"context"
	"errors"
	"io"
	"mime"
	"net/http"
	"path"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/vanban/vanban/internal/apperr"
	"github.com/vanban/vanban/internal/campaign"
	"github.com/vanban/vanban/internal/nominations"
	"github.com/vanban/vanban/internal/paperwork"
)

// offer is an output format a route produces.
type offer struct {
	format    string // value of ?format=
	mediaType string
}

var (
	documentOffers = []offer{
		{"pdf", paperwork.PDF.ContentType()},
		{"docx", paperwork.DOCX.ContentType()},
	}
	certificateOffers = []offer{{"pdf", "application/pdf"}, {"zip", "application/zip"}}
	exportOffers      = []offer{{"xlsx", mimeXLSX}, {"pdf", "application/pdf"}}
)

// negotiate picks the output format: ?format= when given, else the Accept
// header (highest q wins, the first offer on a tie), else the first offer.
func negotiate(c *gin.Context, offers []offer) (string, error) {
	names := make([]string, len(offers))
	for i, o := range offers {
		names[i] = o.format
	}
	if q, ok := c.GetQuery("format"); ok {
		f := strings.TrimPrefix(strings.ToLower(strings.TrimSpace(q)), ".")
		for _, o := range offers {
			if o.format == f {
				return f, nil
			}
		}
		return "", &apperr.Error{Kind: apperr.Unsupported, Code: "unsupported_format",
			Detail:   sprintf("Định dạng %q không hỗ trợ ở đây; chọn %s.", q, strings.Join(names, " hoặc ")),
			Problems: []apperr.Problem{{Field: "format", Code: "unsupported_format", Message: "Chọn " + strings.Join(names, " hoặc ") + "."}}}
	}
	accept := c.GetHeader("Accept")
	if strings.TrimSpace(accept) == "" {
		return offers[0].format, nil
	}
	best, bestQ := -1, 0.0
	for i, o := range offers {
		if q := acceptQ(accept, o.mediaType); q > bestQ {
			best, bestQ = i, q
		}
	}
	if best < 0 {
		return "", apperr.New(apperr.Unsupported, codeNotAcceptable,
			sprintf("Tiêu đề Accept %q không nhận định dạng nào máy chủ tạo được (%s); dùng ?format=%s.",
				clip(accept, 100), strings.Join(names, ", "), names[0]))
	}
	return offers[best].format, nil
}

// acceptQ is the quality the Accept header gives mediaType (most specific
// range wins), 0 when it is not accepted.
func acceptQ(accept, mediaType string) float64 {
	typ, _, _ := strings.Cut(mediaType, "/")
	q, spec := 0.0, -1
	for _, part := range strings.Split(accept, ",") {
		mr, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		mr = strings.ToLower(strings.TrimSpace(mr))
		s := -1
		switch {
		case mr == mediaType:
			s = 2
		case mr == typ+"/*":
			s = 1
		case mr == "*/*":
			s = 0
		}
		if s < spec || s < 0 {
			continue
		}
		pq := 1.0
		for _, p := range strings.Split(params, ";") {
			k, v, _ := strings.Cut(strings.TrimSpace(p), "=")
			if strings.EqualFold(k, "q") {
				if f, err := strconv.ParseFloat(strings.TrimSpace(v), 64); err == nil && f >= 0 && f <= 1 {
					pq = f
				}
			}
		}
		q, spec = pq, s
	}
	return q
}

func clip(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n]) + "…"
	}
	return s
}

// readJSON checks the media type and reads the body.
func (s *Server) readJSON(c *gin.Context) ([]byte, error) {
	if err := checkBodyType(c); err != nil {
		return nil, err
	}
	return s.readBody(c)
}

func (s *Server) kindLabel(data []byte) string {
	if k := paperwork.KindOf(data); s.kinds[k] {
		return k
	}
	return "unknown"
}

// postDocument renders any kind: POST /v1/documents.
func (s *Server) postDocument(c *gin.Context) error {
	f, err := negotiate(c, documentOffers)
	if err != nil {
		return err
	}
	data, err := s.readJSON(c)
	if err != nil {
		return err
	}
	file, err := limited(s, c, job{s.kindLabel(data), f}, func(ctx context.Context) (paperwork.File, error) {
		return s.deps.Documents.Render(ctx, data, paperwork.Format(f))
	})
	return replyFile(c, http.StatusOK, file, err)
}

// kindInfo is one entry of GET /v1/kinds.
type kindInfo struct {
	Name   string `json:"name"`
	Title  string `json:"title"`
	Schema string `json:"schema"`
}

func (s *Server) getKinds(c *gin.Context) error {
	out := []kindInfo{}
	for _, k := range s.deps.Documents.Kinds() {
		out = append(out, kindInfo{k.Name, k.Title, "/v1/schemas/" + k.Name})
	}
	return reply(c, http.StatusOK, out, nil)
}

func (s *Server) findKind(name string) (paperwork.Kind, bool) {
	for _, k := range s.deps.Documents.Kinds() {
		if k.Name == name {
			return k, true
		}
	}
	return paperwork.Kind{}, false
}

func (s *Server) getSchema(c *gin.Context) error {
	name := c.Param("kind")
	if k, ok := s.findKind(name); ok {
		if sch := k.SchemaJSON(); len(sch) > 0 {
			c.Data(http.StatusOK, "application/schema+json", sch)
			return nil
		}
	}
	// The inputs that are not document kinds: profile, campaign,
	// certificate batch, register request…
	if b, ok := campaign.InputSchema(name); ok {
		c.Data(http.StatusOK, "application/schema+json", b)
		return nil
	}
	return &apperr.Error{Kind: apperr.NotFound, Code: "unknown_kind",
		Detail:   sprintf("Không có loại văn bản hay lược đồ %q; xem danh sách tại /v1/kinds (và %s).", clip(name, 80), strings.Join(campaign.InputSchemaNames(), ", ")),
		Problems: []apperr.Problem{{Field: "kind", Code: "unknown_kind", Message: "Xem danh sách tại /v1/kinds."}}}
}

func (s *Server) getAwardForms(c *gin.Context) error {
	v, err := s.deps.Awards.AwardForms(c.Request.Context())
	return reply(c, http.StatusOK, v, err)
}

// postImport reads a nomination list uploaded as the multipart field
// "file": POST /v1/nominations/import.
func (s *Server) postImport(c *gin.Context) error {
	name, data, err := s.readUpload(c, "file")
	if err != nil {
		return err
	}
	v, err := limited(s, c, job{"import", uploadFormat(name)}, func(ctx context.Context) (*nominations.Result, error) {
		return s.deps.Awards.ImportNominations(ctx, bytes.NewReader(data), name, int64(len(data)), "", "")
	})
	return reply(c, http.StatusOK, v, err)
}

// readUpload reads the multipart part named field, bounded by MaxBodyBytes,
// and returns its cleaned file name and bytes.
func (s *Server) readUpload(c *gin.Context, field string) (string, []byte, error) {
	mt, _, err := mime.ParseMediaType(c.GetHeader("Content-Type"))
	if err != nil || mt != "multipart/form-data" {
		return "", nil, apperr.New(apperr.Unsupported, codeMediaType,
			"Gửi tệp dưới dạng multipart/form-data với trường \"file\" (ví dụ: curl -F file=@danh-sach.xlsx).")
	}
	limit := s.cfg.MaxBodyBytes
	if c.Request.ContentLength > limit {
		return "", nil, tooLarge(limit)
	}
	c.Request.Body = http.MaxBytesReader(c.Writer, c.Request.Body, limit)
	mr, err := c.Request.MultipartReader()
	if err != nil {
		return "", nil, apperr.Invalidf(field, "invalid_multipart", "Dữ liệu multipart không đọc được.")
	}
	for {
		part, err := mr.NextPart()
		if err != nil {
			var mbe *http.MaxBytesError
			if errors.As(err, &mbe) {
				return "", nil, tooLarge(limit)
			}
			if errors.Is(err, io.EOF) {
				return "", nil, apperr.Invalidf(field, "required", "Thiếu tệp: gửi danh sách trong trường %q.", field)
			}
			return "", nil, apperr.Invalidf(field, "invalid_multipart", "Dữ liệu multipart không đọc được.")
		}
		if part.FormName() != field {
			part.Close()
			continue
		}
		data, err := io.ReadAll(part)
		if err != nil {
			var mbe *http.MaxBytesError
			if errors.As(err, &mbe) {
				return "", nil, tooLarge(limit)
			}
			return "", nil, apperr.Invalidf(field, "invalid_multipart", "Tệp gửi lên bị cắt cụt.")
		}
		name := cleanFileName(path.Base(strings.ReplaceAll(part.FileName(), `\`, "/")), "")
		return name, data, nil
	}
}

// postCertificates prints a certificate batch and records each
// certificate: POST /v1/certificates.
func (s *Server) postCertificates(c *gin.Context) error {
	f, err := negotiate(c, certificateOffers)
	if err != nil {
		return err
	}
	data, err := s.readJSON(c)
	if err != nil {
		return err
	}
	p, err := limited(s, c, job{"certificates", f}, func(ctx context.Context) (paperwork.PrintedBatch, error) {
		return s.deps.Certificates.PrintCertificates(ctx, paperwork.CertificateBatch{Data: data, Format: f, Record: true})
	})
	return replyFile(c, http.StatusOK, p.File, err)
}

func healthz(c *gin.Context) {
	c.Header("Cache-Control", "no-store")
	c.JSON(http.StatusOK, gin.H{"status": "ok"})
}

// readiness is the body of /readyz.
type readiness struct {
	Status string        `json:"status"` // "ok" or "not_ready"
	Checks []checkResult `json:"checks"`
}

type checkResult struct {
	Name   string `json:"name"`
	Status string `json:"status"` // "ok" or "fail"
}

func (s *Server) readyz(c *gin.Context) {
	out := readiness{Status: "ok", Checks: []checkResult{}}
	for _, rc := range s.deps.Ready {
		ctx, cancel := context.WithTimeout(c.Request.Context(), 2*time.Second)
		err := safeCheck(ctx, rc.Check)
		cancel()
		r := checkResult{Name: rc.Name, Status: "ok"}
		if err != nil {
			r.Status, out.Status = "fail", "not_ready"
			s.log.WarnContext(c.Request.Context(), "not ready", "request_id", requestID(c), "check", rc.Name, "error", err.Error())
		}
		out.Checks = append(out.Checks, r)
	}
	code := http.StatusOK
	if out.Status != "ok" {
		code = http.StatusServiceUnavailable
	}
	c.Header("Cache-Control", "no-store")
	c.JSON(code, out)
}

func safeCheck(ctx context.Context, f func(context.Context) error) (err error) {
	if f == nil {
		return nil
	}
	defer func() {
		if v := recover(); v != nil {
			err = errors.New("check panicked")
		}
	}()
	return f(ctx)
}

// uploadFormat is the metric label of an uploaded file: one of a fixed set,
// never the caller's text (each new label is a new time series kept forever).
func uploadFormat(name string) string {
	switch ext := strings.ToLower(path.Ext(name)); ext {
	case ".xlsx", ".csv", ".tsv", ".txt", ".xls":
		return ext[1:]
	}
	return "other"
}

// postDocumentWithDraft renders a document whose body comes from an
// officer's draft: POST /v1/documents/draft as multipart/form-data with the
// parts "input" (the JSON) and "body" (a .docx or .txt file). A form post
// is what another site's page can send without asking, so the route is
// keyed like the import (see guard.go); a foreign Origin is refused anyway.
func (s *Server) postDocumentWithDraft(c *gin.Context) error {
	f, err := negotiate(c, documentOffers)
	if err != nil {
		return err
	}
	parts, err := s.readDraftParts(c)
	if err != nil {
		return err
	}
	data, draft := parts["input"].data, parts["body"]
	file, err := limited(s, c, job{s.kindLabel(data), f}, func(ctx context.Context) (paperwork.File, error) {
		return s.deps.Documents.RenderWithDraft(ctx, data, paperwork.Draft{Name: draft.name, Data: draft.data}, paperwork.Format(f))
	})
	return replyFile(c, http.StatusOK, file, err)
}

// readDraftParts reads the "input" and "body" parts of a draft render,
// both required.
func (s *Server) readDraftParts(c *gin.Context) (map[string]upload, error) {
	const how = "gửi multipart/form-data với input=dữ liệu JSON và body=tệp dự thảo .docx hoặc .txt (ví dụ: curl -F input=@vb.json -F body=@du-thao.docx)"
	if mt, _, _ := mime.ParseMediaType(c.GetHeader("Content-Type")); mt != "multipart/form-data" {
		return nil, apperr.New(apperr.Unsupported, codeMediaType,
			"Gửi multipart/form-data với input=dữ liệu JSON và body=tệp dự thảo (ví dụ: curl -F input=@vb.json -F body=@du-thao.docx).")
	}
	parts, err := s.readParts(c, "input", "body")
	if err != nil {
		return nil, err
	}
	for _, name := range []string{"input", "body"} {
		if _, ok := parts[name]; !ok {
			return nil, apperr.Invalidf(name, "required", "Thiếu phần %q: %s.", name, how)
		}
	}
	return parts, nil
}

type upload struct {
	name string
	data []byte
}

// readParts reads the named parts of a multipart/form-data request, all
// together bounded by MaxBodyBytes; other parts are skipped.
func (s *Server) readParts(c *gin.Context, names ...string) (map[string]upload, error) {
	limit := s.cfg.MaxBodyBytes
	if c.Request.ContentLength > limit {
		return nil, tooLarge(limit)
	}
	c.Request.Body = http.MaxBytesReader(c.Writer, c.Request.Body, limit)
	mr, err := c.Request.MultipartReader()
	if err != nil {
		return nil, apperr.Invalidf("", "invalid_multipart", "Dữ liệu multipart không đọc được.")
	}
	out := map[string]upload{}
	for {
		part, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			return out, nil
		}
		if err != nil {
			var mbe *http.MaxBytesError
			if errors.As(err, &mbe) {
				return nil, tooLarge(limit)
			}
			return nil, apperr.Invalidf("", "invalid_multipart", "Dữ liệu multipart không đọc được.")
		}
		name := part.FormName()
		wanted := false
		for _, n := range names {
			wanted = wanted || n == name
		}
		if !wanted {
			part.Close()
			continue
		}
		if _, dup := out[name]; dup {
			return nil, apperr.Invalidf(name, "duplicate_part", "Phần %q được gửi hai lần.", name)
		}
		data, err := io.ReadAll(part)
		if err != nil {
			var mbe *http.MaxBytesError
			if errors.As(err, &mbe) {
				return nil, tooLarge(limit)
			}
			return nil, apperr.Invalidf(name, "invalid_multipart", "Phần %q gửi lên bị cắt cụt.", name)
		}
		out[name] = upload{name: cleanFileName(path.Base(strings.ReplaceAll(part.FileName(), `\`, "/")), ""), data: data}
	}
}
