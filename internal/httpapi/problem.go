package httpapi

import (
	"encoding/json"
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"github.com/vanban/vanban/internal/apperr"
)

// Problem is an RFC 9457 problem document, vanban's only error body
// (Content-Type application/problem+json).
type Problem struct {
	// Type is a URI reference naming the problem: "/docs#problem-CODE".
	Type   string `json:"type"`
	Title  string `json:"title"`
	Status int    `json:"status"`
	// Code is stable and English, for programs.
	Code string `json:"code"`
	// Detail is Vietnamese, for people: what went wrong and what to do.
	Detail string `json:"detail"`
	// Instance names this occurrence: "urn:uuid:" + the request id.
	Instance  string `json:"instance"`
	RequestID string `json:"requestId"`
	// Errors lists every thing to fix, each with its JSON field path or its
	// spreadsheet sheet, row and column.
	Errors []apperr.Problem `json:"errors,omitempty"`
}

// Codes used by the HTTP layer itself.
const (
	codeNotAcceptable = "not_acceptable"
	codeMediaType     = "unsupported_media_type"
)

// status is THE mapping from an application error to an HTTP status.
func status(e *apperr.Error) int {
	switch e.Kind {
	case apperr.Invalid:
		return http.StatusBadRequest
	case apperr.NotFound:
		return http.StatusNotFound
	case apperr.Conflict:
		return http.StatusConflict
	case apperr.TooLarge:
		return http.StatusRequestEntityTooLarge
	case apperr.Unavailable:
		return http.StatusServiceUnavailable
	case apperr.Unauthorized:
		return http.StatusUnauthorized
	case apperr.Forbidden:
		return http.StatusForbidden
	case apperr.Unsupported:
		// The request body's media type is not one we read: 415; an output
		// format we do not produce (format=, Accept): 406.
		if e.Code == codeMediaType {
			return http.StatusUnsupportedMediaType
		}
		return http.StatusNotAcceptable
	}
	return http.StatusInternalServerError
}

// titles are the Vietnamese titles of the statuses vanban answers.
var titles = map[int]string{
	http.StatusBadRequest:            "Dữ liệu gửi lên chưa hợp lệ",
	http.StatusUnauthorized:          "Cần khóa API hợp lệ",
	http.StatusForbidden:             "Yêu cầu bị từ chối",
	http.StatusNotFound:              "Không tìm thấy",
	http.StatusMethodNotAllowed:      "Phương thức không được hỗ trợ",
	http.StatusNotAcceptable:         "Định dạng yêu cầu không được hỗ trợ",
	http.StatusConflict:              "Xung đột với dữ liệu hiện có",
	http.StatusRequestEntityTooLarge: "Dữ liệu gửi lên quá lớn",
	http.StatusUnsupportedMediaType:  "Kiểu dữ liệu gửi lên không được hỗ trợ",
	http.StatusInternalServerError:   "Lỗi hệ thống",
	http.StatusServiceUnavailable:    "Máy chủ đang bận",
}

// genericInternal is all a caller learns of an internal error.
const genericInternal = "Lỗi hệ thống, vui lòng thử lại sau hoặc báo quản trị viên kèm mã yêu cầu %s."

// publicInternal are the internal errors whose code and Vietnamese detail
// are written for the caller (and tell them no retry will help); every other
// internal error is answered with genericInternal.
var publicInternal = map[string]bool{
	"stored_file_corrupt": true, // registry: stored bytes fail their SHA-256
}

// fail answers err as a problem document and stops the handler chain.
// Internal errors are logged with their cause and answered generically.
func (s *Server) fail(c *gin.Context, err error) {
	e := apperr.As(err)
	st := status(e)
	id := requestID(c)
	p := Problem{
		Type: "/docs#problem-" + e.Code, Title: titles[st], Status: st, Code: e.Code,
		Detail: e.Detail, Instance: instance(id), RequestID: id, Errors: e.Problems,
	}
	if st == http.StatusInternalServerError {
		s.log.ErrorContext(c.Request.Context(), "internal error", "request_id", id,
			"method", c.Request.Method, "path", c.Request.URL.Path, "error", err.Error())
		p.Errors = nil
		if publicInternal[e.Code] {
			p.Detail += sprintf(" Mã yêu cầu: %s.", id)
		} else {
			p.Code, p.Type = "internal", "/docs#problem-internal"
			p.Detail = sprintf(genericInternal, id)
		}
	}
	switch st {
	case http.StatusServiceUnavailable:
		c.Header("Retry-After", strconv.Itoa(s.retryAfterSeconds()))
	case http.StatusUnauthorized:
		c.Header("WWW-Authenticate", `Bearer realm="vanban"`)
	}
	if p.Title == "" {
		p.Title = http.StatusText(st)
	}
	writeProblem(c, p)
}

func writeProblem(c *gin.Context, p Problem) {
	b, err := json.Marshal(p)
	if err != nil { // cannot happen: only strings and ints
		b = []byte(`{"type":"/docs#problem-internal","title":"Lỗi hệ thống","status":500,"code":"internal"}`)
		p.Status = http.StatusInternalServerError
	}
	c.Header("Cache-Control", "no-store")
	c.Header("X-Content-Type-Options", "nosniff")
	c.Data(p.Status, "application/problem+json", b)
	c.Abort()
}

func (s *Server) retryAfterSeconds() int {
	n := int((s.cfg.RetryAfter + 999_999_999) / 1_000_000_000)
	if n < 1 {
		n = 1
	}
	return n
}

func instance(id string) string {
	if isUUID(id) {
		return "urn:uuid:" + id
	}
	return "urn:vanban:request:" + id
}

// Errors the HTTP layer raises itself.

func routeNotFound(path string) error {
	return apperr.New(apperr.NotFound, "route_not_found",
		sprintf("Không có địa chỉ %q trong API; xem danh sách tại /docs.", path))
}

func busy() error {
	return apperr.New(apperr.Unavailable, "busy",
		"Máy chủ đang xử lý quá nhiều yêu cầu; vui lòng thử lại sau ít giây.")
}

func renderTimeout() error {
	return apperr.New(apperr.Unavailable, "render_timeout",
		"Việc tạo văn bản vượt quá thời gian cho phép và đã bị hủy; hãy thử lại hoặc chia nhỏ dữ liệu.")
}

func tooLarge(limit int64) error {
	return apperr.New(apperr.TooLarge, "body_too_large",
		sprintf("Dữ liệu gửi lên vượt quá giới hạn %s.", humanBytes(limit)))
}
