package httpapi

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/google/uuid"

	"github.com/vanban/vanban/internal/apperr"
	"github.com/vanban/vanban/internal/award"
	"github.com/vanban/vanban/internal/httpapi/openapitest"
	"github.com/vanban/vanban/internal/nominations"
	"github.com/vanban/vanban/internal/paperwork"
	"github.com/vanban/vanban/internal/registry"
)

func TestOpenAPICoversEveryRoute(t *testing.T) {
	s, _ := newTestServer(t, Config{}, allDeps())
	rec := do(t, s.Handler(), "GET", "/openapi.json", nil, nil)
	if rec.Code != 200 {
		t.Fatalf("status %d", rec.Code)
	}
	var api struct {
		OpenAPI string                                `json:"openapi"`
		Paths   map[string]map[string]json.RawMessage `json:"paths"`
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &api); err != nil {
		t.Fatal(err)
	}
	if api.OpenAPI != "3.1.0" {
		t.Errorf("openapi %q", api.OpenAPI)
	}
	registered := map[string]bool{}
	for _, r := range s.engine.Routes() {
		key := strings.ToLower(r.Method) + " " + openAPIPath(r.Path)
		registered[key] = true
		if _, ok := api.Paths[openAPIPath(r.Path)][strings.ToLower(r.Method)]; !ok {
			t.Errorf("route %s %s is not in the OpenAPI document", r.Method, r.Path)
		}
	}
	documented := 0
	for p, ops := range api.Paths {
		for m := range ops {
			documented++
			if !registered[m+" "+p] {
				t.Errorf("OpenAPI documents %s %s, which is not registered", m, p)
			}
		}
	}
	if len(registered) < 20 || documented != len(registered) {
		t.Errorf("%d routes registered, %d documented", len(registered), documented)
	}
	if err := openapitest.ValidateExamples(rec.Body.Bytes()); err != nil {
		t.Error(err)
	}
	// The kind's schema and example are in the document.
	body := rec.Body.String()
	for _, want := range []string{`"kind-ke-hoach"`, `"$ref": "#/components/schemas/kind-ke-hoach"`, `"Triển khai phong trào thi đua đặc biệt"`, `"application/problem+json"`} {
		if !strings.Contains(body, want) {
			t.Errorf("OpenAPI document lacks %s", want)
		}
	}
}

// The example check can fail: an example that breaks its schema is caught.
func TestValidateExamplesCatchesBadExample(t *testing.T) {
	k := planKind()
	k.Example = []byte(`{"kind":"ke-hoach","date":"hôm qua","agency":{"name":"Sở"},"summary":"x"}`)
	deps := Deps{Documents: paperwork.New(nil, k)}
	s, _ := newTestServer(t, Config{}, deps)
	err := openapitest.ValidateExamples(s.OpenAPI())
	if err == nil || !strings.Contains(err.Error(), "ke-hoach") {
		t.Fatalf("bad example not caught: %v", err)
	}
}

func TestDocumentsRoute(t *testing.T) {
	s, _ := newTestServer(t, Config{}, allDeps())
	h := s.Handler()
	cases := []struct {
		name, target string
		headers      hdr
		wantType     string
		wantBody     string
	}{
		{"default pdf", "/v1/documents", nil, "application/pdf", "pdf:KH-SVHTTDL"},
		{"format docx", "/v1/documents?format=docx", nil, paperwork.DOCX.ContentType(), "docx:KH-SVHTTDL"},
		{"format .PDF", "/v1/documents?format=.PDF", nil, "application/pdf", "pdf:KH-SVHTTDL"},
		{"accept docx", "/v1/documents", hdr{"Accept": paperwork.DOCX.ContentType()}, paperwork.DOCX.ContentType(), "docx:KH-SVHTTDL"},
		{"accept q", "/v1/documents", hdr{"Accept": "application/pdf;q=0.5, application/vnd.openxmlformats-officedocument.wordprocessingml.document"}, paperwork.DOCX.ContentType(), "docx:KH-SVHTTDL"},
		{"accept any", "/v1/documents", hdr{"Accept": "*/*"}, "application/pdf", "pdf:KH-SVHTTDL"},
		{"query beats accept", "/v1/documents?format=pdf", hdr{"Accept": paperwork.DOCX.ContentType()}, "application/pdf", "pdf:KH-SVHTTDL"},
		{"json with charset", "/v1/documents", hdr{"Content-Type": "application/json; charset=utf-8"}, "application/pdf", "pdf:KH-SVHTTDL"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			rec := doJSON(t, h, "POST", c.target, planExample, c.headers)
			if rec.Code != 200 {
				t.Fatalf("status %d: %s", rec.Code, rec.Body.String())
			}
			if got := rec.Header().Get("Content-Type"); got != c.wantType {
				t.Errorf("Content-Type %q, want %q", got, c.wantType)
			}
			if rec.Body.String() != c.wantBody {
				t.Errorf("body %q, want %q", rec.Body.String(), c.wantBody)
			}
			ext := ".pdf"
			if strings.HasPrefix(c.wantBody, "docx") {
				ext = ".docx"
			}
			if got, want := rec.Header().Get("Content-Disposition"), `attachment; filename="KH-SVHTTDL`+ext+`"`; got != want {
				t.Errorf("Content-Disposition %q, want %q", got, want)
			}
			if rec.Header().Get("Content-Length") != fmt.Sprint(len(c.wantBody)) {
				t.Errorf("Content-Length %q", rec.Header().Get("Content-Length"))
			}
		})
	}
}

func TestDocumentsBadRequests(t *testing.T) {
	s, _ := newTestServer(t, Config{}, allDeps())
	h := s.Handler()
	cases := []struct {
		name, target, body string
		headers            hdr
		status             int
		code, field        string
	}{
		{"malformed JSON", "/v1/documents", `{"kind": "ke-hoach",`, nil, 400, "invalid_json", ""},
		{"syntax error", "/v1/documents", `{"kind": "ke-hoach" "date": 1}`, nil, 400, "invalid_json", ""},
		{"empty body", "/v1/documents", ``, nil, 400, "empty_body", ""},
		{"unknown field", "/v1/documents", `{"kind":"ke-hoach","date":"2021-12","summary":"x","agency":{"name":"Sở"},"signer":{}}`, nil, 400, "unknown_field", "signer"},
		{"unknown nested field", "/v1/documents", `{"kind":"ke-hoach","date":"2021-12","summary":"x","agency":{"name":"Sở","nam":"y"}}`, nil, 400, "unknown_field", "nam"},
		{"wrong type", "/v1/documents", `{"kind":"ke-hoach","date":"2021-12","summary":"x","agency":{"name":42}}`, nil, 400, "wrong_type", "agency.name"},
		{"wrong type array", "/v1/documents", `{"kind":"ke-hoach","date":"2021-12","summary":"x","agency":{"name":"S"},"recipients":"UBND"}`, nil, 400, "wrong_type", "recipients"},
		{"validation", "/v1/documents", `{"kind":"ke-hoach","date":"2021-12","summary":"","agency":{"name":"S"},"number":0}`, nil, 400, "invalid_input", "number"},
		{"unknown kind", "/v1/documents", `{"kind":"thong-bao"}`, nil, 400, "unknown_kind", "kind"},
		{"missing kind", "/v1/documents", `{"date":"2021-12"}`, nil, 400, "unknown_kind", "kind"},
		{"not UTF-8", "/v1/documents", "{\"kind\":\"ke-hoach\",\"summary\":\"\xff\"}", nil, 400, "invalid_utf8", ""},
		{"format xls", "/v1/documents?format=xls", planExample, nil, 406, "unsupported_format", "format"},
		{"accept json only", "/v1/documents", planExample, hdr{"Accept": "application/json"}, 406, codeNotAcceptable, ""},
		{"xml body", "/v1/documents", `<x/>`, hdr{"Content-Type": "application/xml"}, 415, codeMediaType, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			rec := doJSON(t, h, "POST", c.target, c.body, c.headers)
			p := problemOf(t, rec, c.status, c.code)
			if c.field != "" && !hasProblemAt(p, c.field, c.code) && !hasProblemAtField(p, c.field) {
				t.Errorf("no problem at field %q: %+v", c.field, p.Errors)
			}
			if c.status == 400 && len(p.Errors) == 0 {
				t.Errorf("400 without errors[]: %+v", p)
			}
		})
	}
}

func hasProblemAtField(p Problem, field string) bool {
	for _, e := range p.Errors {
		if e.Field == field && e.Message != "" {
			return true
		}
	}
	return false
}

// Each apperr.Kind maps to its status in one place; internal errors are
// logged with their cause and answered with a generic message.
func TestErrorMapping(t *testing.T) {
	cases := []struct {
		err    error
		status int
		code   string
	}{
		{apperr.Invalidf("signer.name", "required", "Thiếu người ký."), 400, "required"},
		{apperr.New(apperr.NotFound, "nope", "Không có."), 404, "nope"},
		{apperr.New(apperr.Conflict, "already_cancelled", "Đã hủy."), 409, "already_cancelled"},
		{apperr.New(apperr.TooLarge, "too_many_rows", "Quá nhiều dòng."), 413, "too_many_rows"},
		{apperr.New(apperr.Unavailable, "database_down", "Cơ sở dữ liệu tạm ngừng."), 503, "database_down"},
		{apperr.New(apperr.Unauthorized, "nope", "Không được."), 401, "nope"},
		{apperr.New(apperr.Unsupported, "unsupported_format", "Không hỗ trợ."), 406, "unsupported_format"},
		{apperr.New(apperr.Unsupported, codeMediaType, "Không đọc được."), 415, codeMediaType},
		{apperr.Wrap(errors.New("disk full at /var/secret"), "write"), 500, "internal"},
		{errors.New("plain error with secret dsn=postgres://u:p@h"), 500, "internal"},
	}
	for _, c := range cases {
		t.Run(c.code+fmt.Sprint(c.status), func(t *testing.T) {
			docs := &fakeDocs{render: func(context.Context, []byte, paperwork.Format) (paperwork.File, error) {
				return paperwork.File{}, c.err
			}}
			s, logs := newTestServer(t, Config{}, Deps{Documents: docs})
			rec := doJSON(t, s.Handler(), "POST", "/v1/documents", planExample, nil)
			p := problemOf(t, rec, c.status, c.code)
			if c.status == 503 && rec.Header().Get("Retry-After") != "1" {
				t.Errorf("503 without Retry-After: %q", rec.Header().Get("Retry-After"))
			}
			if c.status == 401 && rec.Header().Get("WWW-Authenticate") == "" {
				t.Error("401 without WWW-Authenticate")
			}
			if c.status != 500 {
				if p.Detail != apperr.As(c.err).Detail {
					t.Errorf("detail %q", p.Detail)
				}
				return
			}
			if strings.Contains(rec.Body.String(), "secret") || len(p.Errors) != 0 {
				t.Errorf("internal cause leaked: %s", rec.Body.String())
			}
			if !strings.Contains(p.Detail, p.RequestID) {
				t.Errorf("internal detail %q lacks the request id", p.Detail)
			}
			if !strings.Contains(logs.String(), "secret") || !strings.Contains(logs.String(), p.RequestID) {
				t.Errorf("cause not logged with the request id: %s", logs.String())
			}
		})
	}
}

func TestNotFoundAndMethodNotAllowed(t *testing.T) {
	s, _ := newTestServer(t, Config{}, allDeps())
	h := s.Handler()
	p := problemOf(t, do(t, h, "GET", "/v1/nothing", nil, nil), 404, "route_not_found")
	if !strings.Contains(p.Detail, "/v1/nothing") {
		t.Errorf("detail %q", p.Detail)
	}
	rec := do(t, h, "GET", "/v1/documents", nil, nil)
	problemOf(t, rec, 405, "method_not_allowed")
	if rec.Header().Get("Allow") != "POST" {
		t.Errorf("Allow %q", rec.Header().Get("Allow"))
	}
	// A trailing slash is not redirected behind the caller's back.
	problemOf(t, do(t, h, "GET", "/v1/kinds/", nil, nil), 404, "route_not_found")
}

func TestKindsAndSchemas(t *testing.T) {
	s, _ := newTestServer(t, Config{}, allDeps())
	h := s.Handler()
	rec := do(t, h, "GET", "/v1/kinds", nil, nil)
	if rec.Code != 200 || strings.TrimSpace(rec.Body.String()) != `[{"name":"ke-hoach","title":"Kế hoạch","schema":"/v1/schemas/ke-hoach"}]` {
		t.Errorf("kinds: %d %s", rec.Code, rec.Body.String())
	}
	rec = do(t, h, "GET", "/v1/schemas/ke-hoach", nil, nil)
	if rec.Code != 200 || rec.Body.String() != planSchema || rec.Header().Get("Content-Type") != "application/schema+json" {
		t.Errorf("schema: %d %q", rec.Code, rec.Header().Get("Content-Type"))
	}
	p := problemOf(t, do(t, h, "GET", "/v1/schemas/thong-bao", nil, nil), 404, "unknown_kind")
	if !hasProblemAt(p, "kind", "unknown_kind") {
		t.Errorf("errors %+v", p.Errors)
	}
	rec = do(t, h, "GET", "/v1/award-forms", nil, nil)
	if rec.Code != 200 || !strings.Contains(rec.Body.String(), "Giấy khen của Giám đốc Sở") {
		t.Errorf("award forms: %d %s", rec.Code, rec.Body.String())
	}
}

func multipartBody(t *testing.T, field, filename string, data []byte) (*bytes.Buffer, string) {
	t.Helper()
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	w.WriteField("note", "ignored")
	fw, err := w.CreateFormFile(field, filename)
	if err != nil {
		t.Fatal(err)
	}
	fw.Write(data)
	w.Close()
	return &buf, w.FormDataContentType()
}

func TestNominationImport(t *testing.T) {
	imp := &fakeAwards{}
	deps := allDeps()
	deps.Awards = imp
	s, _ := newTestServer(t, Config{MaxBodyBytes: 4 << 10}, deps)
	h := s.Handler()

	body, ct := multipartBody(t, "file", `C:\Users\vt\Danh sách khen.csv`, []byte("Họ và tên,Chức vụ\nNguyễn Văn A,Chuyên viên\n"))
	rec := do(t, h, "POST", "/v1/nominations/import", body, hdr{"Content-Type": ct})
	if rec.Code != 200 || !strings.Contains(rec.Body.String(), "Nguyễn Văn A") {
		t.Fatalf("import: %d %s", rec.Code, rec.Body.String())
	}
	if imp.filename != "Danh sách khen.csv" || imp.size != int64(len(imp.data)) || !strings.HasPrefix(string(imp.data), "Họ và tên") {
		t.Errorf("importer got %q size %d data %q", imp.filename, imp.size, imp.data)
	}

	body, ct = multipartBody(t, "file", "ds.xlsx", []byte("BAD"))
	p := problemOf(t, do(t, h, "POST", "/v1/nominations/import", body, hdr{"Content-Type": ct}), 400, "no_header_row")
	if len(p.Errors) != 1 || p.Errors[0].Sheet != "Sheet1" || p.Errors[0].Row != 3 || p.Errors[0].Column != "B" {
		t.Errorf("row report %+v", p.Errors)
	}

	body, ct = multipartBody(t, "upload", "ds.xlsx", []byte("x"))
	p = problemOf(t, do(t, h, "POST", "/v1/nominations/import", body, hdr{"Content-Type": ct}), 400, "required")
	if !hasProblemAt(p, "file", "required") {
		t.Errorf("errors %+v", p.Errors)
	}
	problemOf(t, doJSON(t, h, "POST", "/v1/nominations/import", `{}`, nil), 415, codeMediaType)

	body, ct = multipartBody(t, "file", "big.csv", bytes.Repeat([]byte("a,b\n"), 4<<10))
	problemOf(t, do(t, h, "POST", "/v1/nominations/import", body, hdr{"Content-Type": ct}), 413, "body_too_large")
}

func TestCertificates(t *testing.T) {
	s, _ := newTestServer(t, Config{}, allDeps())
	h := s.Handler()
	for _, c := range []struct {
		target  string
		headers hdr
		ct      string
		body    string
	}{
		{"/v1/certificates", nil, "application/pdf", "certs:pdf"},
		{"/v1/certificates?format=zip", nil, "application/zip", "certs:zip"},
		{"/v1/certificates", hdr{"Accept": "application/zip"}, "application/zip", "certs:zip"},
	} {
		rec := doJSON(t, h, "POST", c.target, `{"decision":{}}`, c.headers)
		if rec.Code != 200 || rec.Header().Get("Content-Type") != c.ct || rec.Body.String() != c.body {
			t.Errorf("%s %v: %d %q %q", c.target, c.headers, rec.Code, rec.Header().Get("Content-Type"), rec.Body.String())
		}
		if cd := rec.Header().Get("Content-Disposition"); !strings.Contains(cd, "filename*=UTF-8''Gi%E1%BA%A5y%20khen.") {
			t.Errorf("Content-Disposition %q", cd)
		}
	}
	problemOf(t, doJSON(t, h, "POST", "/v1/certificates?format=docx", `{}`, nil), 406, "unsupported_format")
	problemOf(t, doJSON(t, h, "POST", "/v1/certificates", `{"a":`, nil), 400, "invalid_json")
}

func TestRegistryRoutes(t *testing.T) {
	reg := &fakeRegistry{}
	deps := allDeps()
	deps.Registry = reg
	s, _ := newTestServer(t, Config{}, deps) // loopback, no keys: writes open
	h := s.Handler()

	rec := doJSON(t, h, "POST", "/v1/registry/issue?format=docx", planExample, nil)
	if rec.Code != 201 || rec.Header().Get("Location") != "/v1/registry/"+knownID || rec.Body.String() != "issued" ||
		rec.Header().Get("Content-Type") != paperwork.DOCX.ContentType() || rec.Header().Get("X-Vanban-Ref") != "05%2FKH-SVHTTDL" {
		t.Errorf("issue: %d %v %q", rec.Code, rec.Header(), rec.Body.String())
	}
	rec = doJSON(t, h, "POST", "/v1/registry/register", registerExample, nil)
	if rec.Code != 201 || !strings.Contains(rec.Body.String(), `"numberText":"06"`) || !strings.Contains(rec.Body.String(), `"status":"registered"`) {
		t.Errorf("register: %d %s", rec.Code, rec.Body.String())
	}

	rec = do(t, h, "GET", "/v1/registry?year=2024&kind=KH&q=thi+%C4%91ua&page=2&perPage=20&status=issued", nil, nil)
	want := registry.Query{Year: 2024, Kind: "KH", Text: "thi đua", Limit: 20, Offset: 20, Status: registry.Issued}
	if rec.Code != 200 || reg.query != want {
		t.Errorf("list: %d %+v", rec.Code, reg.query)
	}
	rec = do(t, h, "GET", "/v1/registry", nil, nil)
	if rec.Code != 200 || reg.query != (registry.Query{Limit: registry.DefaultLimit}) {
		t.Errorf("list default: %d %+v", rec.Code, reg.query)
	}
	p := problemOf(t, do(t, h, "GET", "/v1/registry?year=hai-nghin&page=-1", nil, nil), 400, "invalid_input")
	if !hasProblemAt(p, "year", "invalid_number") || !hasProblemAt(p, "page", "invalid_number") {
		t.Errorf("errors %+v", p.Errors)
	}

	rec = do(t, h, "GET", "/v1/registry/"+knownID, nil, nil)
	if rec.Code != 200 || !strings.Contains(rec.Body.String(), "KH-SVHTTDL") {
		t.Errorf("get: %d %s", rec.Code, rec.Body.String())
	}
	problemOf(t, do(t, h, "GET", "/v1/registry/"+unknown, nil, nil), 404, "record_not_found")
	p = problemOf(t, do(t, h, "GET", "/v1/registry/12345", nil, nil), 400, "malformed_id")
	if !hasProblemAt(p, "uuid", "malformed_id") {
		t.Errorf("errors %+v", p.Errors)
	}

	rec = do(t, h, "GET", "/v1/registry/"+knownID+"/file", nil, nil)
	if rec.Code != 200 || rec.Body.String() != "%PDF-stored" ||
		rec.Header().Get("Content-Disposition") != `attachment; filename="Ke_hoach_05.pdf"; filename*=UTF-8''K%E1%BA%BF%20ho%E1%BA%A1ch%2005.pdf` {
		t.Errorf("file: %d %v", rec.Code, rec.Header())
	}

	rec = doJSON(t, h, "POST", "/v1/registry/"+knownID+"/cancel", `{"reason":"Ban hành nhầm"}`, nil)
	if rec.Code != 200 || reg.reason != "Ban hành nhầm" {
		t.Errorf("cancel: %d %s %q", rec.Code, rec.Body.String(), reg.reason)
	}
	p = problemOf(t, doJSON(t, h, "POST", "/v1/registry/"+knownID+"/cancel", `{"reason":"x","why":"y"}`, nil), 400, "unknown_field")
	if !hasProblemAt(p, "why", "unknown_field") {
		t.Errorf("errors %+v", p.Errors)
	}
	p = problemOf(t, doJSON(t, h, "POST", "/v1/registry/"+knownID+"/cancel", `{"reason":5}`, nil), 400, "wrong_type")
	if !hasProblemAt(p, "reason", "wrong_type") {
		t.Errorf("errors %+v", p.Errors)
	}
	problemOf(t, doJSON(t, h, "POST", "/v1/registry/"+knownID+"/cancel", `{"reason":"  "}`, nil), 400, "required")
	problemOf(t, doJSON(t, h, "POST", "/v1/registry/"+unknown+"/cancel", `{"reason":"x"}`, nil), 404, "record_not_found")

	rec = do(t, h, "GET", "/v1/registry/export?year=2024", nil, nil)
	if rec.Code != 200 || rec.Header().Get("Content-Type") != mimeXLSX || !strings.Contains(rec.Header().Get("Content-Disposition"), `filename="So_dang_ky_van_ban_di_2024.xlsx"`) {
		t.Errorf("export: %d %v", rec.Code, rec.Header())
	}
	rec = do(t, h, "GET", "/v1/registry/export?year=2024&format=pdf", nil, nil)
	if rec.Code != 200 || rec.Header().Get("Content-Type") != "application/pdf" {
		t.Errorf("export pdf: %d %v", rec.Code, rec.Header())
	}
	p = problemOf(t, do(t, h, "GET", "/v1/registry/export", nil, nil), 400, "invalid_input")
	if !hasProblemAt(p, "year", "required") {
		t.Errorf("errors %+v", p.Errors)
	}
	problemOf(t, do(t, h, "GET", "/v1/registry/export?year=1999", nil, nil), 404, "empty_register")
}

func TestVerify(t *testing.T) {
	s, _ := newTestServer(t, Config{RequireKeyForAll: true, APIKeyHashes: []string{HashAPIKey("k")}}, allDeps())
	h := s.Handler()
	// Verification needs no key, even when every other route does.
	rec := do(t, h, "GET", "/v1/verify/"+knownID, nil, nil)
	var c paperwork.VerifiedCertificate
	if rec.Code != 200 || json.Unmarshal(rec.Body.Bytes(), &c) != nil || c.RecipientName != evilName || c.GoldenBook != 7 {
		t.Errorf("verify JSON: %d %s", rec.Code, rec.Body.String())
	}
	problemOf(t, do(t, h, "GET", "/v1/verify/"+unknown, nil, nil), 404, "certificate_not_found")
	problemOf(t, do(t, h, "GET", "/v1/verify/not-a-uuid", nil, nil), 400, "malformed_id")

	rec = do(t, h, "GET", "/verify/"+knownID, nil, nil)
	page := rec.Body.String()
	if rec.Code != 200 || rec.Header().Get("Content-Type") != "text/html; charset=utf-8" {
		t.Fatalf("verify page: %d %v", rec.Code, rec.Header())
	}
	if strings.Contains(page, "<script>") || !strings.Contains(page, "&lt;script&gt;") {
		t.Errorf("recipient name not escaped:\n%s", page)
	}
	for _, want := range []string{"có trong sổ của cơ quan", "12/QĐ-SVHTTDL", "ngày 05/01/2022", "Số sổ vàng", knownID, `lang="vi"`} {
		if !strings.Contains(page, want) {
			t.Errorf("verify page lacks %q", want)
		}
	}
	rec = do(t, h, "GET", "/verify/"+unknown, nil, nil)
	if rec.Code != 404 || !strings.Contains(rec.Body.String(), "Không có bằng khen, giấy khen nào mang mã này") {
		t.Errorf("unknown: %d %s", rec.Code, rec.Body.String())
	}
	rec = do(t, h, "GET", "/verify/%3Cb%3E", nil, nil)
	if rec.Code != 400 || strings.Contains(rec.Body.String(), "<b>") || !strings.Contains(rec.Body.String(), "không đúng dạng") {
		t.Errorf("malformed: %d %s", rec.Code, rec.Body.String())
	}
}

// A service is built with every use case or not at all: a wiring mistake
// fails at start-up, naming what is missing, instead of answering each
// request that needs it with an error; and no route documents such an
// error.
func TestNewRequiresDeps(t *testing.T) {
	_, err := New(Config{}, Deps{Documents: realDocuments()}, nil)
	if err == nil {
		t.Fatal("New built a service without its registry, awards, certificates and campaigns")
	}
	for _, name := range []string{"Awards", "Certificates", "Registry", "Campaigns", "Printer"} {
		if !strings.Contains(err.Error(), name) {
			t.Errorf("error %q does not name %s", err, name)
		}
	}
	if strings.Contains(err.Error(), "Documents") {
		t.Errorf("error %q names a dependency that was given", err)
	}
	s, err := New(Config{}, allDeps(), nil)
	if err != nil {
		t.Fatal(err)
	}
	var api struct {
		Paths map[string]map[string]struct {
			Responses map[string]json.RawMessage `json:"responses"`
		} `json:"paths"`
	}
	if err := json.Unmarshal(s.OpenAPI(), &api); err != nil {
		t.Fatal(err)
	}
	for path, ops := range api.Paths {
		for method, op := range ops {
			if _, ok := op.Responses["501"]; ok {
				t.Errorf("%s %s documents a 501", method, path)
			}
		}
	}
	if rec := do(t, s.Handler(), "GET", "/docs", nil, nil); strings.Contains(rec.Body.String(), "501") {
		t.Error("/docs still lists 501")
	}
}

func TestHealthAndReadiness(t *testing.T) {
	deps := allDeps()
	dbDown := true
	deps.Ready = []ReadyCheck{
		{Name: "fonts", Check: func(context.Context) error { return nil }},
		{Name: "database", Check: func(context.Context) error {
			if dbDown {
				return errors.New("dial tcp 10.0.0.5:5432: connection refused")
			}
			return nil
		}},
		{Name: "templates", Check: func(context.Context) error { panic("boom") }},
	}
	s, logs := newTestServer(t, Config{}, deps)
	h := s.Handler()
	rec := do(t, h, "GET", "/healthz", nil, nil)
	if rec.Code != 200 || strings.TrimSpace(rec.Body.String()) != `{"status":"ok"}` {
		t.Errorf("healthz: %d %s", rec.Code, rec.Body.String())
	}
	rec = do(t, h, "GET", "/readyz", nil, nil)
	want := `{"status":"not_ready","checks":[{"name":"fonts","status":"ok"},{"name":"database","status":"fail"},{"name":"templates","status":"fail"}]}`
	if rec.Code != 503 || strings.TrimSpace(rec.Body.String()) != want {
		t.Errorf("readyz: %d %s", rec.Code, rec.Body.String())
	}
	if strings.Contains(rec.Body.String(), "10.0.0.5") || !strings.Contains(logs.String(), "10.0.0.5") {
		t.Error("readiness cause must be logged, not shown")
	}
	dbDown = false
	deps.Ready = deps.Ready[:2]
	s, _ = newTestServer(t, Config{}, deps)
	rec = do(t, s.Handler(), "GET", "/readyz", nil, nil)
	if rec.Code != 200 || !strings.Contains(rec.Body.String(), `"status":"ok","checks"`) {
		t.Errorf("readyz ok: %d %s", rec.Code, rec.Body.String())
	}
}

func TestDocsPage(t *testing.T) {
	s, _ := newTestServer(t, Config{}, allDeps())
	rec := do(t, s.Handler(), "GET", "/docs", nil, nil)
	page := rec.Body.String()
	if rec.Code != 200 || !strings.HasPrefix(rec.Header().Get("Content-Type"), "text/html") {
		t.Fatalf("docs: %d", rec.Code)
	}
	for _, r := range s.engine.Routes() {
		if !strings.Contains(page, "<code>"+openAPIPath(r.Path)+"</code>") {
			t.Errorf("docs page lacks %s %s", r.Method, r.Path)
		}
	}
	for _, want := range []string{"Kế hoạch", "/v1/schemas/ke-hoach", "Khóa API", "problem-busy", "16 MiB"} {
		if !strings.Contains(page, want) {
			t.Errorf("docs page lacks %q", want)
		}
	}
	if regexp.MustCompile(`(src|href)="(https?:)?//`).MatchString(page) || strings.Contains(page, "<script") {
		t.Error("docs page loads something from elsewhere")
	}
}

func TestRequestIDs(t *testing.T) {
	var seen string
	docs := &fakeDocs{render: func(ctx context.Context, _ []byte, _ paperwork.Format) (paperwork.File, error) {
		seen = RequestID(ctx)
		return paperwork.File{Name: "a.pdf", Data: []byte("x")}, nil
	}}
	s0, _ := newTestServer(t, Config{}, Deps{Documents: docs})
	rec0 := doJSON(t, s0.Handler(), "POST", "/v1/documents", planExample, nil)
	if seen == "" || seen != rec0.Header().Get("X-Request-Id") {
		t.Errorf("use case saw request id %q, response has %q", seen, rec0.Header().Get("X-Request-Id"))
	}
	s, logs := newTestServer(t, Config{}, allDeps())
	h := s.Handler()
	rec := do(t, h, "GET", "/healthz", nil, nil)
	id, err := uuid.Parse(rec.Header().Get("X-Request-Id"))
	if err != nil || id.Version() != 4 {
		t.Errorf("generated request id %q: %v", rec.Header().Get("X-Request-Id"), err)
	}
	if !strings.Contains(logs.String(), `"request_id":"`+id.String()+`"`) {
		t.Errorf("log lacks the request id: %s", logs.String())
	}
	rec = do(t, h, "GET", "/healthz", nil, hdr{"X-Request-Id": "edoc-2024.0001:abc"})
	if rec.Header().Get("X-Request-Id") != "edoc-2024.0001:abc" {
		t.Errorf("sane incoming id not kept: %q", rec.Header().Get("X-Request-Id"))
	}
	p := problemOf2(t, do(t, h, "GET", "/nothing", nil, hdr{"X-Request-Id": "edoc-7"}))
	if p.Instance != "urn:vanban:request:edoc-7" || p.RequestID != "edoc-7" {
		t.Errorf("problem of incoming id: %+v", p)
	}
	for _, bad := range []string{"a b", strings.Repeat("x", 200), "<script>", "id;drop"} {
		rec = do(t, h, "GET", "/healthz", nil, hdr{"X-Request-Id": bad})
		if got := rec.Header().Get("X-Request-Id"); got == bad || !isUUID(got) {
			t.Errorf("insane id %q answered as %q", bad, got)
		}
	}
}

func problemOf2(t *testing.T, rec interface{ Result() *http.Response }) Problem {
	t.Helper()
	var p Problem
	b, _ := io.ReadAll(rec.Result().Body)
	if err := json.Unmarshal(b, &p); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestMetrics(t *testing.T) {
	s, _ := newTestServer(t, Config{}, allDeps())
	h := s.Handler()
	doJSON(t, h, "POST", "/v1/documents?format=docx", planExample, nil)
	doJSON(t, h, "POST", "/v1/documents", `{"kind":"ke-hoach"`, nil)
	do(t, h, "GET", "/v1/registry/"+knownID, nil, nil)
	do(t, h, "GET", "/no/such/"+uuid.NewString(), nil, nil)
	rec := do(t, h, "GET", "/metrics", nil, nil)
	body := rec.Body.String()
	for _, want := range []string{
		`vanban_http_requests_total{method="POST",route="/v1/documents",status="200"} 1`,
		`vanban_http_requests_total{method="POST",route="/v1/documents",status="400"} 1`,
		`vanban_http_requests_total{method="GET",route="/v1/registry/:uuid",status="200"} 1`,
		`vanban_http_requests_total{method="GET",route="unmatched",status="404"} 1`,
		`vanban_render_duration_seconds_count{format="docx",kind="ke-hoach"} 1`,
		`vanban_render_duration_seconds_count{format="pdf",kind="unknown"} 1`,
		"vanban_renders_in_flight 0",
		"vanban_renders_max ",
		"go_goroutines",
	} {
		if !strings.Contains(body, want) {
			t.Errorf("metrics lack %q", want)
		}
	}
}

// registerExample is a request to register a document produced elsewhere.
const registerExample = `{"kind":"CV","symbol":"SVHTTDL-VP","summary":"V/v báo cáo","signer":"Nguyễn Văn An"}`

func TestAccessControl(t *testing.T) {
	const key = "khoa-bi-mat-cua-van-thu"
	keyed := Config{APIKeyHashes: []string{HashAPIKey("other"), strings.ToUpper(HashAPIKey(key))}}
	cases := []struct {
		name    string
		cfg     Config
		method  string
		target  string
		headers hdr
		status  int
		code    string
	}{
		{"write, no key", keyed, "POST", "/v1/registry/register", nil, 401, "api_key_required"},
		{"write, wrong key", keyed, "POST", "/v1/registry/register", hdr{"Authorization": "Bearer sai"}, 401, "api_key_invalid"},
		{"write, basic auth", keyed, "POST", "/v1/registry/register", hdr{"Authorization": "Basic " + key}, 401, "api_key_required"},
		{"write, bearer", keyed, "POST", "/v1/registry/register", hdr{"Authorization": "Bearer " + key}, 201, ""},
		{"write, bearer lower", keyed, "POST", "/v1/registry/register", hdr{"Authorization": "bearer " + key}, 201, ""},
		{"write, X-API-Key", keyed, "POST", "/v1/registry/register", hdr{"X-API-Key": key}, 201, ""},
		{"cancel, no key", keyed, "POST", "/v1/registry/" + knownID + "/cancel", nil, 401, "api_key_required"},
		{"issue, no key", keyed, "POST", "/v1/registry/issue", nil, 401, "api_key_required"},
		{"read, keys not required", keyed, "GET", "/v1/registry", nil, 200, ""},
		{"render, keys not required", keyed, "POST", "/v1/documents", nil, 200, ""},
		{"read, keys required for all", Config{APIKeyHashes: keyed.APIKeyHashes, RequireKeyForAll: true}, "GET", "/v1/registry", nil, 401, "api_key_required"},
		{"read with key, required for all", Config{APIKeyHashes: keyed.APIKeyHashes, RequireKeyForAll: true}, "GET", "/v1/kinds", hdr{"X-API-Key": key}, 200, ""},
		{"health, required for all", Config{APIKeyHashes: keyed.APIKeyHashes, RequireKeyForAll: true}, "GET", "/healthz", nil, 200, ""},
		{"no keys, loopback", Config{Addr: "127.0.0.1:8080"}, "POST", "/v1/registry/register", nil, 201, ""},
		{"no keys, localhost", Config{Addr: "localhost:8080"}, "POST", "/v1/registry/register", nil, 201, ""},
		{"no keys, ::1", Config{Addr: "[::1]:8080"}, "POST", "/v1/registry/register", nil, 201, ""},
		{"no keys, all interfaces", Config{Addr: ":8080"}, "POST", "/v1/registry/register", nil, 401, "writes_disabled"},
		{"no keys, LAN address", Config{Addr: "192.168.1.10:8080"}, "POST", "/v1/registry/issue", nil, 401, "writes_disabled"},
		{"no keys, LAN, open", Config{Addr: "0.0.0.0:8080", OpenWrites: true}, "POST", "/v1/registry/register", nil, 201, ""},
		{"no keys, LAN, reads", Config{Addr: "0.0.0.0:8080"}, "GET", "/v1/registry", nil, 200, ""},
		{"malformed hash only", Config{Addr: "127.0.0.1:8080", APIKeyHashes: []string{key}}, "POST", "/v1/registry/register", hdr{"X-API-Key": key}, 401, "api_key_invalid"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s, _ := newTestServer(t, c.cfg, allDeps())
			in := planExample
			if strings.HasSuffix(c.target, "/register") {
				in = registerExample
			}
			rec := doJSON(t, s.Handler(), c.method, c.target, in, c.headers)
			if c.code == "" {
				if rec.Code != c.status {
					t.Fatalf("status %d, want %d: %s", rec.Code, c.status, rec.Body.String())
				}
				return
			}
			p := problemOf(t, rec, c.status, c.code)
			body := rec.Body.String()
			if strings.Contains(body, HashAPIKey(key)[:12]) || strings.Contains(body, key) || strings.Contains(body, "other") {
				t.Errorf("401 tells about keys: %s", body)
			}
			if rec.Header().Get("WWW-Authenticate") != `Bearer realm="vanban"` {
				t.Errorf("WWW-Authenticate %q", rec.Header().Get("WWW-Authenticate"))
			}
			_ = p
		})
	}
	if err := (Config{APIKeyHashes: []string{key}}).Check(); err == nil {
		t.Error("a key in clear passes Check")
	}
	if err := keyed.Check(); err != nil {
		t.Error(err)
	}
	if HashAPIKey("abc") != "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad" {
		t.Error("HashAPIKey is not SHA-256 hex")
	}
}

// A file name from a document can never inject headers or paths.
func TestContentDispositionInjection(t *testing.T) {
	names := map[string]string{
		"crlf":      "Kế hoạch\r\nSet-Cookie: a=1.pdf",
		"quotes":    `a"; filename="evil.exe.pdf`,
		"path":      "../../etc/passwd.pdf",
		"backslash": `..\..\Windows\win.ini.pdf`,
		"control":   "a\x00b\x1b[31mc\u202e.pdf",
		"empty":     "",
		"dots":      "....pdf",
		"long":      strings.Repeat("Quyết định khen thưởng ", 20) + ".pdf",
	}
	for name, fileName := range names {
		t.Run(name, func(t *testing.T) {
			docs := &fakeDocs{render: func(context.Context, []byte, paperwork.Format) (paperwork.File, error) {
				return paperwork.File{Name: fileName, ContentType: "application/pdf", Data: []byte("x")}, nil
			}}
			s, _ := newTestServer(t, Config{}, Deps{Documents: docs})
			rec := doJSON(t, s.Handler(), "POST", "/v1/documents", planExample, nil)
			if rec.Code != 200 {
				t.Fatalf("status %d", rec.Code)
			}
			if len(rec.Header().Values("Set-Cookie")) > 0 {
				t.Fatal("header injected")
			}
			cd := rec.Header().Get("Content-Disposition")
			m := regexp.MustCompile(`^attachment; filename="([A-Za-z0-9._-]+)"(?:; filename\*=UTF-8''([A-Za-z0-9!#$&+.^_` + "`" + `|~%-]+))?$`).FindStringSubmatch(cd)
			if m == nil {
				t.Fatalf("Content-Disposition %q has an unexpected shape", cd)
			}
			full := m[1]
			if m[2] != "" {
				var err error
				if full, err = url.PathUnescape(m[2]); err != nil {
					t.Fatal(err)
				}
			}
			if strings.ContainsAny(full, "/\\\"\r\n\x00\x1b\u202e") || strings.HasPrefix(full, ".") || strings.HasPrefix(m[1], ".") {
				t.Errorf("unsafe name %q (ascii %q)", full, m[1])
			}
			if !strings.HasSuffix(full, ".pdf") || !strings.HasSuffix(m[1], ".pdf") {
				t.Errorf("extension lost: %q %q", full, m[1])
			}
			if n := len([]rune(full)); n > maxNameRunes {
				t.Errorf("name of %d runes", n)
			}
		})
	}
}

func TestFileNames(t *testing.T) {
	cases := []struct{ in, clean, ascii string }{
		{"KH-SVHTTDL.pdf", "KH-SVHTTDL.pdf", "KH-SVHTTDL.pdf"},
		{"Quyết định 12/QĐ-SVHTTDL.docx", "Quyết định 12-QĐ-SVHTTDL.docx", "Quyet_dinh_12-QD-SVHTTDL.docx"},
		{"Đơn vị  Ưu tú\t.pdf", "Đơn vị Ưu tú.pdf", "Don_vi_Uu_tu.pdf"},
		{"Ke\u0302\u0301 hoa\u0323ch.pdf", "Kế hoạch.pdf", "Ke_hoach.pdf"}, // NFD in, NFC out
		{"\r\n.pdf", "van-ban.pdf", "van-ban.pdf"},
	}
	for _, c := range cases {
		got := cleanFileName(c.in, ".pdf")
		if got != c.clean {
			t.Errorf("cleanFileName(%q) = %q, want %q", c.in, got, c.clean)
		}
		if a := asciiFileName(got); a != c.ascii {
			t.Errorf("asciiFileName(%q) = %q, want %q", got, a, c.ascii)
		}
	}
	if got := contentDisposition("Kế hoạch.pdf", ".pdf"); got != `attachment; filename="Ke_hoach.pdf"; filename*=UTF-8''K%E1%BA%BF%20ho%E1%BA%A1ch.pdf` {
		t.Errorf("contentDisposition = %q", got)
	}
}

func TestPanicsAreRecovered(t *testing.T) {
	docs := &fakeDocs{render: func(context.Context, []byte, paperwork.Format) (paperwork.File, error) { panic("renderer bug") }}
	deps := Deps{Documents: docs, Awards: panicForms{}}
	s, logs := newTestServer(t, Config{}, deps)
	h := s.Handler()
	p := problemOf(t, doJSON(t, h, "POST", "/v1/documents", planExample, nil), 500, "internal")
	if strings.Contains(p.Detail, "renderer bug") || !strings.Contains(logs.String(), "renderer bug") {
		t.Errorf("panic cause: detail %q", p.Detail)
	}
	problemOf(t, do(t, h, "GET", "/v1/award-forms", nil, nil), 500, "internal")
	if !strings.Contains(logs.String(), "catalogue bug") || !strings.Contains(logs.String(), `"stack"`) {
		t.Error("handler panic not logged with its stack")
	}
	if rec := do(t, h, "GET", "/healthz", nil, nil); rec.Code != 200 {
		t.Error("service down after panics")
	}
	if got := s.limiter.inFlight.Load(); got != 0 {
		t.Errorf("%d render slots leaked by the panic", got)
	}
}

type panicForms struct{}

func (panicForms) AwardForms(context.Context) (paperwork.AwardForms, error) { panic("catalogue bug") }

func (panicForms) ImportNominations(context.Context, io.Reader, string, int64, string, award.Kind) (*nominations.Result, error) {
	panic("import bug")
}

func TestOpenAPIDeterministic(t *testing.T) {
	s1, _ := newTestServer(t, Config{}, allDeps())
	s2, _ := newTestServer(t, Config{}, allDeps())
	if !bytes.Equal(s1.OpenAPI(), s2.OpenAPI()) {
		t.Error("OpenAPI document not deterministic")
	}
}

// Every JSON answer is documented with its type (typed seam): only the
// JSON Schemas route answers a generic object.
func TestOpenAPITypedResponses(t *testing.T) {
	s, _ := newTestServer(t, Config{}, allDeps())
	for _, r := range s.routes {
		for _, c := range r.ok {
			if c.schema == "Object" && r.path != "/v1/schemas/:kind" && r.path != "/openapi.json" {
				t.Errorf("%s %s answers an untyped %s", r.method, r.path, c.mediaType)
			}
		}
	}
}
