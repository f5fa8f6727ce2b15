package main

import (
	"archive/zip"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/vanban/vanban/internal/httpapi/openapitest"
)

// startService wires the real service (core, register in a temporary data
// directory, HTTP layer) behind an httptest server.
func startService(t *testing.T) *httptest.Server {
	t.Helper()
	c := &cli{ctx: t.Context(), stderr: io.Discard, stdout: io.Discard, getenv: func(string) string { return "" }}
	cfg, code, ok := c.serveFlags([]string{"--data", filepath.Join(t.TempDir(), "data")})
	if !ok {
		t.Fatalf("flags: %d", code)
	}
	srv, closeAll, err := c.newServer(cfg, nil)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv.Handler())
	t.Cleanup(func() { ts.Close(); closeAll() })
	return ts
}

func post(t *testing.T, url, contentType string, body []byte) (*http.Response, []byte) {
	t.Helper()
	res, err := http.Post(url, contentType, bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	data, _ := io.ReadAll(res.Body)
	return res, data
}

func get(t *testing.T, url string) (*http.Response, []byte) {
	t.Helper()
	res, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	data, _ := io.ReadAll(res.Body)
	return res, data
}

// Every capability through the real wiring: each kind in each format, the
// nomination upload, a certificate batch recorded and verified, a document
// issued from the register and downloaded again byte for byte.
func TestServiceEndToEnd(t *testing.T) {
	ts := startService(t)
	for _, k := range []string{"ke-hoach-lai-chau", "to-trinh-khen-thuong", "quyet-dinh-khen-thuong"} {
		body, _ := os.ReadFile("../../testdata/" + k + ".json")
		for _, f := range []struct{ format, ctype, magic string }{
			{"pdf", "application/pdf", "%PDF-"},
			{"docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "PK"},
		} {
			res, data := post(t, ts.URL+"/v1/documents?format="+f.format, "application/json", body)
			if res.StatusCode != 200 || res.Header.Get("Content-Type") != f.ctype || !bytes.HasPrefix(data, []byte(f.magic)) {
				t.Errorf("%s.%s: %d %s %.80s", k, f.format, res.StatusCode, res.Header.Get("Content-Type"), data)
			}
			if cd := res.Header.Get("Content-Disposition"); !strings.HasPrefix(cd, "attachment; filename=\"") || !strings.Contains(cd, "SVHTTDL."+f.format) {
				t.Errorf("%s.%s: Content-Disposition %q", k, f.format, cd)
			}
		}
	}

	// Upload of a nomination list.
	var mp bytes.Buffer
	w := multipart.NewWriter(&mp)
	fw, _ := w.CreateFormFile("file", "danh-sach.xlsx")
	xlsx, _ := os.ReadFile("../../testdata/nominations.xlsx")
	fw.Write(xlsx)
	w.Close()
	res, data := post(t, ts.URL+"/v1/nominations/import", w.FormDataContentType(), mp.Bytes())
	if res.StatusCode != 200 || !strings.Contains(string(data), `"nominations"`) || !strings.Contains(string(data), `"report"`) {
		t.Errorf("import: %d %.300s", res.StatusCode, data)
	}

	// Certificates as a ZIP; each is recorded, so its QR code verifies.
	// The decision they cite is in the register (issue 10 item 13).
	if res, body := post(t, ts.URL+"/v1/registry/register", "application/json", []byte(decisionRequest)); res.StatusCode != 201 {
		t.Fatalf("register the decision: %d %s", res.StatusCode, body)
	}
	batch := registeredBatch(t, 1, nil)
	res, data = post(t, ts.URL+"/v1/certificates?format=zip", "application/json", batch)
	if res.StatusCode != 200 {
		t.Fatalf("certificates: %d %s", res.StatusCode, data)
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var manifest [][]string
	for _, f := range zr.File {
		if f.Name == "manifest.csv" {
			rc, _ := f.Open()
			b, _ := io.ReadAll(rc)
			manifest, _ = csv.NewReader(bytes.NewReader(bytes.TrimPrefix(b, []byte("\uFEFF")))).ReadAll()
		}
	}
	if len(manifest) != 9 {
		t.Fatalf("manifest: %v", manifest)
	}
	id := manifest[4][len(manifest[4])-1]
	res, data = get(t, ts.URL+"/v1/verify/"+id)
	if res.StatusCode != 200 || !strings.Contains(string(data), "Nguyễn Văn An") || !strings.Contains(string(data), "01/QĐ-SVHTTDL") {
		t.Errorf("verify %s: %d %s", id, res.StatusCode, data)
	}
	res, data = get(t, ts.URL+"/verify/"+id)
	if res.StatusCode != 200 || !strings.Contains(string(data), "Nguyễn Văn An") {
		t.Errorf("verify page: %d %.200s", res.StatusCode, data)
	}
	if res, _ := get(t, ts.URL+"/v1/verify/6f1c64b2-0000-4000-8000-000000000000"); res.StatusCode != 404 {
		t.Errorf("unknown certificate: %d", res.StatusCode)
	}
	if res, _ := get(t, ts.URL+"/v1/verify/not-a-uuid"); res.StatusCode != 400 {
		t.Errorf("malformed uuid: %d", res.StatusCode)
	}

	// Issue from the register, then download the same bytes again.
	m := map[string]any{}
	raw, _ := os.ReadFile("../../testdata/to-trinh-khen-thuong.json")
	json.Unmarshal(raw, &m)
	delete(m, "number")
	body, _ := json.Marshal(m)
	res, issued := post(t, ts.URL+"/v1/registry/issue?format=pdf", "application/json", body)
	if res.StatusCode != 201 && res.StatusCode != 200 {
		t.Fatalf("issue: %d %s", res.StatusCode, issued)
	}
	rec := res.Header.Get("X-Vanban-Record")
	if rec == "" || !strings.Contains(res.Header.Get("X-Vanban-Ref"), "01%2FTTr-SVHTTDL") {
		t.Errorf("issue headers: %v", res.Header)
	}
	res, again := get(t, ts.URL+"/v1/registry/"+rec+"/file")
	if res.StatusCode != 200 || !bytes.Equal(again, issued) {
		t.Errorf("download again: %d, %d bytes vs %d issued", res.StatusCode, len(again), len(issued))
	}
	res, data = get(t, ts.URL+"/readyz")
	if res.StatusCode != 200 || !strings.Contains(string(data), "database") {
		t.Errorf("readyz: %d %s", res.StatusCode, data)
	}
}

// The served OpenAPI document carries the real kinds' schemas and examples,
// and every example validates against its schema.
func TestOpenAPIExamplesOfRealKinds(t *testing.T) {
	ts := startService(t)
	res, doc := get(t, ts.URL+"/openapi.json")
	if res.StatusCode != 200 {
		t.Fatalf("openapi: %d", res.StatusCode)
	}
	for _, k := range []string{"ke-hoach", "to-trinh-khen-thuong", "quyet-dinh-khen-thuong"} {
		if !strings.Contains(string(doc), k) {
			t.Errorf("kind %s not in the OpenAPI document", k)
		}
	}
	if err := openapitest.ValidateExamples(doc); err != nil {
		t.Error(err)
	}
	if res, page := get(t, ts.URL+"/docs"); res.StatusCode != 200 || !strings.Contains(string(page), "/v1/documents") {
		t.Errorf("docs: %d", res.StatusCode)
	}
}

// Bad input over HTTP: a 400 naming the field, never a 500.
func TestServiceBadInput(t *testing.T) {
	ts := startService(t)
	seed, _ := os.ReadFile("../../testdata/ke-hoach-lai-chau.json")
	var m map[string]any
	json.Unmarshal(seed, &m)
	m["body"] = strings.Repeat("Nội dung rất dài. ", 600000) // about 10 MB
	huge, _ := json.Marshal(m)
	cases := []struct {
		name  string
		body  []byte
		field string
		code  string
	}{
		{"10 MB body", huge, "body", "too_long"},
		{"invalid UTF-8", []byte("{\"kind\":\"ke-hoach\",\"date\":\"\xff\"}"), "", "invalid_utf8"},
		{"impossible date", bytes.Replace(seed, []byte(`"2021-12"`), []byte(`"2021-02-30"`), 1), "date", "invalid_date"},
		{"unknown authority", bytes.Replace(seed, []byte(`"KT."`), []byte(`"K.T"`), 1), "signer.authority", "invalid_signer"},
		{"number zero", bytes.Replace(seed, []byte(`"number": null`), []byte(`"number": 0`), 1), "number", "invalid_number"},
		{"unknown kind", []byte(`{"kind":"thu-cong"}`), "kind", "unknown_kind"},
	}
	for _, c := range cases {
		res, data := post(t, ts.URL+"/v1/documents?format=pdf", "application/json", c.body)
		if res.StatusCode != 400 || res.Header.Get("Content-Type") != "application/problem+json" {
			t.Errorf("%s: %d %s %.200s", c.name, res.StatusCode, res.Header.Get("Content-Type"), data)
			continue
		}
		var p struct {
			Code   string `json:"code"`
			Detail string `json:"detail"`
			Errors []struct{ Field, Code, Message string }
		}
		json.Unmarshal(data, &p)
		found := false
		for _, e := range p.Errors {
			if e.Field == c.field && e.Code == c.code && e.Message != "" {
				found = true
			}
		}
		if !found || p.Detail == "" {
			t.Errorf("%s: no %s at %q in %s", c.name, c.code, c.field, data)
		}
	}
}
