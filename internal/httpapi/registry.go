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
	"github.com/vanban/vanban/internal/jsonin"
	"github.com/vanban/vanban/internal/nd30"
	"github.com/vanban/vanban/internal/paperwork"
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
func (s *Server) postIssue(c *gin.Context) {
	if s.deps.Registry == nil {
		s.fail(c, notConfigured("sổ đăng ký văn bản đi"))
		return
	}
	f, err := negotiate(c, documentOffers)
	if err != nil {
		s.fail(c, err)
		return
	}
	data, err := s.readJSON(c)
	if err != nil {
		s.fail(c, err)
		return
	}
	iss, err := limited(s, c, job{s.kindLabel(data), f}, func(ctx context.Context) (Issued, error) {
		return s.deps.Registry.Issue(ctx, data, paperwork.Format(f))
	})
	if err != nil {
		s.fail(c, err)
		return
	}
	if isUUID(iss.ID) {
		c.Header("Location", "/v1/registry/"+iss.ID)
		c.Header("X-Vanban-Record", iss.ID)
	}
	if iss.Ref != "" {
		c.Header("X-Vanban-Ref", encodeRFC5987(iss.Ref))
	}
	sendFile(c, http.StatusCreated, iss.File)
}

func (s *Server) postRegister(c *gin.Context) {
	if s.deps.Registry == nil {
		s.fail(c, notConfigured("sổ đăng ký văn bản đi"))
		return
	}
	data, err := s.readJSON(c)
	if err != nil {
		s.fail(c, err)
		return
	}
	rec, err := s.deps.Registry.Register(c.Request.Context(), data)
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusCreated, rec)
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

func (s *Server) getRegistry(c *gin.Context) {
	if s.deps.Registry == nil {
		s.fail(c, notConfigured("sổ đăng ký văn bản đi"))
		return
	}
	var ps apperr.Problems
	q := RegistryQuery{
		Year: queryInt(c, "year", &ps), Page: queryInt(c, "page", &ps), PerPage: queryInt(c, "perPage", &ps),
		Kind: c.Query("kind"), Series: c.Query("series"), Status: c.Query("status"), Text: c.Query("q"),
	}
	if err := ps.Err(); err != nil {
		s.fail(c, err)
		return
	}
	if q.Page == 0 {
		q.Page = 1
	}
	if q.PerPage > 1000 {
		s.fail(c, apperr.Invalidf("perPage", "invalid_number", "Mỗi trang có tối đa 1000 dòng."))
		return
	}
	v, err := s.deps.Registry.List(c.Request.Context(), q)
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, v)
}

func (s *Server) getRecord(c *gin.Context) {
	if s.deps.Registry == nil {
		s.fail(c, notConfigured("sổ đăng ký văn bản đi"))
		return
	}
	id, err := pathID(c)
	if err != nil {
		s.fail(c, err)
		return
	}
	v, err := s.deps.Registry.Get(c.Request.Context(), id)
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, v)
}

func (s *Server) getRecordFile(c *gin.Context) {
	if s.deps.Registry == nil {
		s.fail(c, notConfigured("sổ đăng ký văn bản đi"))
		return
	}
	id, err := pathID(c)
	if err != nil {
		s.fail(c, err)
		return
	}
	f, err := s.deps.Registry.File(c.Request.Context(), id, c.Query("name"))
	if err != nil {
		s.fail(c, err)
		return
	}
	sendFile(c, http.StatusOK, f)
}

// cancelRequest is the body of POST /v1/registry/{uuid}/cancel.
type cancelRequest struct {
	Reason string `json:"reason"`
}

func (s *Server) postCancel(c *gin.Context) {
	if s.deps.Registry == nil {
		s.fail(c, notConfigured("sổ đăng ký văn bản đi"))
		return
	}
	id, err := pathID(c)
	if err != nil {
		s.fail(c, err)
		return
	}
	data, err := s.readJSON(c)
	if err != nil {
		s.fail(c, err)
		return
	}
	var req cancelRequest
	if err := jsonin.Decode(data, &req); err != nil {
		s.fail(c, err)
		return
	}
	if strings.TrimSpace(req.Reason) == "" {
		s.fail(c, apperr.Invalidf("reason", "required", "Cần ghi lý do hủy văn bản."))
		return
	}
	v, err := s.deps.Registry.Cancel(c.Request.Context(), id, req.Reason)
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, v)
}

func (s *Server) getExport(c *gin.Context) {
	if s.deps.Registry == nil {
		s.fail(c, notConfigured("sổ đăng ký văn bản đi"))
		return
	}
	var ps apperr.Problems
	year := queryInt(c, "year", &ps)
	if _, ok := c.GetQuery("year"); !ok {
		ps.Add("year", "required", "Cần tham số year (năm của sổ), ví dụ ?year=2024.")
	}
	if err := ps.Err(); err != nil {
		s.fail(c, err)
		return
	}
	f, err := negotiate(c, exportOffers)
	if err != nil {
		s.fail(c, err)
		return
	}
	file, err := limited(s, c, job{"export", f}, func(ctx context.Context) (paperwork.File, error) {
		return s.deps.Registry.Export(ctx, year, f)
	})
	if err != nil {
		s.fail(c, err)
		return
	}
	sendFile(c, http.StatusOK, file)
}

func (s *Server) getVerify(c *gin.Context) {
	if s.deps.Verifier == nil {
		s.fail(c, notConfigured("xác minh bằng khen, giấy khen"))
		return
	}
	id, err := pathID(c)
	if err != nil {
		s.fail(c, err)
		return
	}
	cert, err := s.deps.Verifier.Verify(c.Request.Context(), id)
	if err != nil {
		s.fail(c, err)
		return
	}
	c.Header("Cache-Control", "no-store")
	c.JSON(http.StatusOK, cert)
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
<h1 class="ok">Bằng khen, giấy khen này có trong sổ của cơ quan</h1>
<dl>
<dt>Loại</dt><dd>{{.Cert.Kind}}</dd>
{{- if .Cert.AwardForm}}<dt>Hình thức</dt><dd>{{.Cert.AwardForm}}</dd>{{end}}
<dt>Tặng</dt><dd>{{.Cert.RecipientName}}</dd>
{{- if .Cert.RecipientUnit}}<dt>Đơn vị</dt><dd>{{.Cert.RecipientUnit}}</dd>{{end}}
<dt>Theo quyết định</dt><dd>Số {{.Cert.DecisionRef}}{{if .Cert.DecisionDate}} ngày {{.Date}}{{end}}{{if .Cert.DecisionIssuer}} của {{.Cert.DecisionIssuer}}{{end}}</dd>
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
	Cert                            *Certificate
}

// getVerifyPage answers GET /verify/{uuid} in HTML for people.
func (s *Server) getVerifyPage(c *gin.Context) {
	v := verifyView{RequestID: requestID(c)}
	code := http.StatusOK
	cert, err := Certificate{}, error(nil)
	if s.deps.Verifier == nil {
		err = notConfigured("xác minh bằng khen, giấy khen")
	} else if id, perr := pathID(c); perr != nil {
		err = perr
	} else {
		cert, err = s.deps.Verifier.Verify(c.Request.Context(), id)
	}
	if err != nil {
		e := apperr.As(err)
		code = status(e)
		switch code {
		case http.StatusNotFound:
			v.Title = "Không tìm thấy bằng khen, giấy khen"
			v.Message = "Không có bằng khen, giấy khen nào mang mã này trong sổ của cơ quan. Giấy tờ có thể không do cơ quan cấp, hoặc mã bị quét sai."
		case http.StatusBadRequest:
			v.Title = "Mã xác minh không đúng dạng"
			v.Message = "Mã trong đường dẫn không phải mã xác minh hợp lệ. Hãy quét lại mã QR trên bằng khen, giấy khen."
		default:
			if code == http.StatusInternalServerError {
				s.log.ErrorContext(c.Request.Context(), "internal error", "request_id", v.RequestID, "path", c.Request.URL.Path, "error", err.Error())
			}
			v.Title = "Chưa xác minh được"
			v.Message = "Hệ thống tạm thời chưa xác minh được; vui lòng thử lại sau."
		}
	} else {
		v.Cert = &cert
		v.Title = "Xác minh bằng khen, giấy khen"
		v.Date = certificateDate(cert.DecisionDate)
	}
	c.Header("Cache-Control", "no-store")
	c.Header("X-Content-Type-Options", "nosniff")
	c.Header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'")
	c.Status(code)
	c.Header("Content-Type", "text/html; charset=utf-8")
	if err := verifyPage.Execute(c.Writer, v); err != nil {
		s.log.ErrorContext(c.Request.Context(), "verify page", "request_id", v.RequestID, "error", err.Error())
	}
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
