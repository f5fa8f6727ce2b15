package httpapi

import (
	"context"
	"html/template"
	"net/http"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"
	"github.com/google/uuid"

	"github.com/vanban/vanban/internal/apperr"
	"github.com/vanban/vanban/internal/nd30"
	"github.com/vanban/vanban/internal/paperwork"
	"github.com/vanban/vanban/internal/registry"
)

// pathID reads the :uuid of a route; a malformed id is a 400 that names it.
func pathID(c *gin.Context) (string, error) {
	raw := c.Param("uuid")
	id, err := uuid.Parse(raw)
	if err != nil || id == uuid.Nil || len(raw) != 36 {
		return "", apperr.Invalidf("uuid", "malformed_id",
			"Mã %q không đúng dạng UUID (ví dụ \"3f2b8c1e-5d7a-4c1e-9b2a-0c6d8e4f1a2b\").", clip(raw, 60))
	}
	return id.String(), nil
}

// postIssue numbers, renders and records a document: the file comes back
// with 201, its record at Location.
func (s *Server) postIssue(c *gin.Context) error {
	f, err := negotiate(c, documentOffers)
	if err != nil {
		return err
	}
	data, err := s.readJSON(c)
	if err != nil {
		return err
	}
	return s.issue(c, data, paperwork.Format(f), nil)
}

// issued is what issuing gives back: the record and its file.
type issued struct {
	rec  registry.Record
	file paperwork.File
}

// issue numbers, renders and records the document of data and sends its
// file with 201; then, when set, tells the record to after (a draft marks
// itself issued).
func (s *Server) issue(c *gin.Context, data []byte, f paperwork.Format, after func(registry.Record)) error {
	iss, err := limited(s, c, job{s.kindLabel(data), string(f)}, func(ctx context.Context) (issued, error) {
		rec, file, err := s.deps.Registry.Issue(ctx, data, f)
		return issued{rec, file}, err
	})
	if err != nil {
		return err
	}
	if after != nil {
		after(iss.rec)
	}
	id := iss.rec.ID.String()
	c.Header("Location", "/v1/registry/"+id)
	c.Header("X-Vanban-Record", id)
	c.Header("X-Vanban-Ref", encodeRFC5987(iss.rec.Ref()))
	return replyFile(c, http.StatusCreated, iss.file, nil)
}

func (s *Server) postRegister(c *gin.Context) error {
	req, err := bind[registry.RegisterRequest](s, c)
	if err != nil {
		return err
	}
	rec, err := s.deps.Registry.Register(c.Request.Context(), req)
	return reply(c, http.StatusCreated, rec, err)
}

// queryInt reads an optional positive integer query parameter.
func queryInt(c *gin.Context, name string, ps *apperr.Problems) int {
	v, ok := c.GetQuery(name)
	if !ok || strings.TrimSpace(v) == "" {
		return 0
	}
	n, err := strconv.Atoi(strings.TrimSpace(v))
	if err != nil || n < 1 {
		ps.Add(name, "invalid_number", "Tham số %q phải là số nguyên dương (nhận %q).", name, clip(v, 20))
		return 0
	}
	return n
}

// registryQuery reads the filters and the page of GET /v1/registry.
func registryQuery(c *gin.Context) (registry.Query, error) {
	var ps apperr.Problems
	year, page, per := queryInt(c, "year", &ps), queryInt(c, "page", &ps), queryInt(c, "perPage", &ps)
	if per > registry.MaxLimit {
		ps.Add("perPage", "invalid_number", "Mỗi trang có tối đa %d dòng.", registry.MaxLimit)
	}
	if err := ps.Err(); err != nil {
		return registry.Query{}, err
	}
	if per == 0 {
		per = registry.DefaultLimit
	}
	return registry.Query{Year: year, Kind: c.Query("kind"), Series: c.Query("series"), Status: registry.Status(c.Query("status")),
		Text: c.Query("q"), Limit: per, Offset: (max(page, 1) - 1) * per}, nil
}

func (s *Server) getRegistry(c *gin.Context) error {
	q, err := registryQuery(c)
	if err != nil {
		return err
	}
	page, err := s.deps.Registry.List(c.Request.Context(), q)
	return reply(c, http.StatusOK, page, err)
}

func (s *Server) getRecord(c *gin.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	rec, err := s.deps.Registry.Get(c.Request.Context(), id)
	return reply(c, http.StatusOK, rec, err)
}

func (s *Server) getRecordFile(c *gin.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	info, rc, err := s.deps.Registry.OpenFile(c.Request.Context(), id, c.Query("name"))
	if err != nil {
		return err
	}
	defer rc.Close()
	// A file that fails its SHA-256 check is an error of OpenFile (500
	// stored_file_corrupt), checked in a first pass before sending; the
	// stream holds its tail (registry.HeldBack) back for a second check, so
	// a store that fails half way or bytes changed since cut the body short
	// of its Content-Length, which the client sees as a broken transfer,
	// never as a complete file.
	if err := sendStream(c, info.Name, info.ContentType, info.Size, rc); err != nil {
		s.log.ErrorContext(c.Request.Context(), "stream stored file", "request_id", requestID(c), "record", id, "error", err.Error())
		c.Abort()
	}
	return nil
}

// cancelRequest is the body of POST /v1/registry/{uuid}/cancel.
type cancelRequest struct {
	Reason string `json:"reason"`
}

func (s *Server) postCancel(c *gin.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	req, err := bind[cancelRequest](s, c)
	if err != nil {
		return err
	}
	if strings.TrimSpace(req.Reason) == "" {
		return apperr.Invalidf("reason", "required", "Cần ghi lý do hủy văn bản.")
	}
	rec, err := s.deps.Registry.Cancel(c.Request.Context(), id, req.Reason)
	return reply(c, http.StatusOK, rec, err)
}

func (s *Server) getExport(c *gin.Context) error {
	var ps apperr.Problems
	year := queryInt(c, "year", &ps)
	if _, ok := c.GetQuery("year"); !ok {
		ps.Add("year", "required", "Cần tham số year (năm của sổ), ví dụ ?year=2024.")
	}
	if err := ps.Err(); err != nil {
		return err
	}
	f, err := negotiate(c, exportOffers)
	if err != nil {
		return err
	}
	file, err := limited(s, c, job{"export", f}, func(ctx context.Context) (paperwork.File, error) {
		return s.deps.Registry.Export(ctx, year, f)
	})
	return replyFile(c, http.StatusOK, file, err)
}

func (s *Server) getVerify(c *gin.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	cert, err := s.deps.Registry.Verify(c.Request.Context(), id)
	if err == nil {
		c.Header("Cache-Control", "no-store")
	}
	return reply(c, http.StatusOK, cert, err)
}

// verifyPage is the page a person sees after scanning the QR code of a
// certificate. html/template escapes every value.
var verifyPage = template.Must(template.New("verify").Parse(`<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Title}}</title>
<style>
body{font-family:"Times New Roman",Times,serif;max-width:40rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#222}
h1{font-size:1.4rem}.ok{color:#0a6b2d}.bad{color:#a40000}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.3rem 1rem}dt{font-weight:bold}
footer{margin-top:2rem;font-size:.85rem;color:#666}
</style>
</head>
<body>
{{- if .Cert}}
{{- if or (eq .Cert.DecisionState "registered") (eq .Cert.DecisionState "")}}
<h1 class="ok">Bằng khen, giấy khen này có trong sổ của cơ quan</h1>
{{- else if eq .Cert.DecisionState "external"}}
<h1>Bằng khen, giấy khen này có trong sổ của cơ quan, theo quyết định của cơ quan khác</h1>
{{- else if eq .Cert.DecisionState "cancelled"}}
<h1 class="bad">Bằng khen, giấy khen này có trong sổ, nhưng quyết định khen thưởng đã bị hủy</h1>
{{- else}}
<h1 class="bad">Bằng khen, giấy khen này có trong sổ, nhưng quyết định khen thưởng không khớp sổ văn bản đi</h1>
{{- end}}
<dl>
<dt>Loại</dt><dd>{{.Cert.Kind}}</dd>
{{- if .Cert.AwardForm}}<dt>Hình thức</dt><dd>{{.Cert.AwardForm}}</dd>{{end}}
<dt>Tặng</dt><dd>{{.Cert.RecipientName}}</dd>
{{- if .Cert.RecipientUnit}}<dt>Đơn vị</dt><dd>{{.Cert.RecipientUnit}}</dd>{{end}}
<dt>Theo quyết định</dt><dd>Số {{.Cert.DecisionRef}}{{if .Cert.DecisionDate}} ngày {{.Date}}{{end}}{{if .Cert.DecisionIssuer}} của {{.Cert.DecisionIssuer}}{{end}}</dd>
{{- if .Cert.DecisionNote}}<dt>Quyết định trong sổ</dt><dd class="{{if eq .Cert.DecisionState "registered"}}ok{{else if ne .Cert.DecisionState "external"}}bad{{end}}">{{.Cert.DecisionNote}}</dd>{{end}}
{{- if .Cert.GoldenBook}}<dt>Số sổ vàng</dt><dd>{{.Cert.GoldenBook}}</dd>{{end}}
{{- if .Cert.Agency}}<dt>Cơ quan cấp</dt><dd>{{.Cert.Agency}}</dd>{{end}}
<dt>Mã xác minh</dt><dd><code>{{.Cert.ID}}</code></dd>
</dl>
{{- else}}
<h1 class="bad">{{.Title}}</h1>
<p>{{.Message}}</p>
{{- end}}
<footer>Mã yêu cầu: {{.RequestID}}</footer>
</body>
</html>
`))

type verifyView struct {
	Title, Message, RequestID, Date string
	Cert                            *paperwork.VerifiedCertificate
}

// getVerifyPage answers GET /verify/{uuid} in HTML for people.
func (s *Server) getVerifyPage(c *gin.Context) error {
	v := verifyView{RequestID: requestID(c)}
	code := http.StatusOK
	id, err := pathID(c)
	var cert paperwork.VerifiedCertificate
	if err == nil {
		cert, err = s.deps.Registry.Verify(c.Request.Context(), id)
	}
	if err != nil {
		code = status(apperr.As(err))
		v.Title, v.Message = verifyFailure(code)
		if code == http.StatusInternalServerError {
			s.log.ErrorContext(c.Request.Context(), "internal error", "request_id", v.RequestID, "path", c.Request.URL.Path, "error", err.Error())
		}
	} else {
		v.Cert, v.Title, v.Date = &cert, "Xác minh bằng khen, giấy khen", certificateDate(cert.DecisionDate)
	}
	s.writeVerifyPage(c, code, v)
	return nil
}

// writeVerifyPage writes the verification page, kept out of caches and
// closed to scripts.
func (s *Server) writeVerifyPage(c *gin.Context, code int, v verifyView) {
	c.Header("Cache-Control", "no-store")
	c.Header("X-Content-Type-Options", "nosniff")
	c.Header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'")
	c.Status(code)
	c.Header("Content-Type", "text/html; charset=utf-8")
	if err := verifyPage.Execute(c.Writer, v); err != nil {
		s.log.ErrorContext(c.Request.Context(), "verify page", "request_id", v.RequestID, "error", err.Error())
	}
}

// verifyFailure is the title and message of the verification page when
// the certificate cannot be shown, by status.
func verifyFailure(code int) (string, string) {
	switch code {
	case http.StatusNotFound:
		return "Không tìm thấy bằng khen, giấy khen",
			"Không có bằng khen, giấy khen nào mang mã này trong sổ của cơ quan. Giấy tờ có thể không do cơ quan cấp, hoặc mã bị quét sai."
	case http.StatusBadRequest:
		return "Mã xác minh không đúng dạng",
			"Mã trong đường dẫn không phải mã xác minh hợp lệ. Hãy quét lại mã QR trên bằng khen, giấy khen."
	}
	return "Chưa xác minh được", "Hệ thống tạm thời chưa xác minh được; vui lòng thử lại sau."
}

// certificateDate writes the decision's date as the certificate prints it
// (NĐ30 short form, "05/01/2022", "10/3/2025"); anything else is kept.
func certificateDate(iso string) string {
	d, err := nd30.ParseDate(iso)
	if err != nil {
		return iso
	}
	return d.Short()
}
