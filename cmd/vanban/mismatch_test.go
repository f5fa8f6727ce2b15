package main

import (
	"archive/zip"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"io"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/vanban/vanban/internal/tooltest"
)

// A number, once issued, is the same string everywhere: with the register
// padding to three digits, decision 1 of 10/3/2025 reads "001/QĐ-SVHTTDL
// ngày 10/3/2025" on the certificate, in the register and on the
// verification page a QR code leads to.
func TestCertificateNumberAndDateMatchRegisterAndVerificationPage(t *testing.T) {
	tooltest.Need(t, "pdftotext")
	dir := t.TempDir()
	data := filepath.Join(dir, "data")
	getenv := func(k string) string {
		if k == "VANBAN_NUMBER_PADDING" {
			return "3"
		}
		return ""
	}
	var batch map[string]any
	raw, _ := os.ReadFile("../../testdata/giay-khen-batch.json")
	if err := json.Unmarshal(raw, &batch); err != nil {
		t.Fatal(err)
	}
	dec := batch["decision"].(map[string]any)
	// The decision is in the register (issue 10 item 13): number 1 of 2025,
	// registered late.
	registerDecision(t, data, getenv, "2025-03-10")
	dec["number"], dec["date"] = 1, "2025-03-10"
	batch["recipients"] = batch["recipients"].([]any)[3:4] // Nguyễn Văn An
	in := filepath.Join(dir, "batch.json")
	b, _ := json.Marshal(batch)
	os.WriteFile(in, b, 0o644)
	out := filepath.Join(dir, "gk.zip")
	var stdout, stderr bytes.Buffer
	if code := run(t.Context(), []string{"certificates", "--in", in, "--out", out, "--data", data}, nil, &stdout, &stderr, getenv); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	zr, err := zip.OpenReader(out)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	var id string
	for _, f := range zr.File {
		rc, _ := f.Open()
		body, _ := io.ReadAll(rc)
		rc.Close()
		switch {
		case f.Name == "manifest.csv":
			rows, err := csv.NewReader(bytes.NewReader(body)).ReadAll()
			if err != nil || len(rows) != 2 {
				t.Fatalf("manifest: %v %v", rows, err)
			}
			id = rows[1][3]
		case strings.HasSuffix(f.Name, ".pdf"):
			p := filepath.Join(dir, "one.pdf")
			os.WriteFile(p, body, 0o644)
			if text := normalize(pdfText(t, p)); !strings.Contains(text, "Quyết định số 001/QĐ-SVHTTDL ngày 10/3/2025") {
				t.Errorf("certificate does not carry the register's number and the decision's date:\n%s", text)
			}
		}
	}
	c := &cli{ctx: t.Context(), stderr: io.Discard, stdout: io.Discard, getenv: getenv}
	cfg, code, ok := c.serveFlags([]string{"--data", data})
	if !ok {
		t.Fatalf("flags: %d", code)
	}
	srv, closeAll, err := c.newServer(cfg, nil)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv.Handler())
	defer func() { ts.Close(); closeAll() }()
	res, page := get(t, ts.URL+"/verify/"+id)
	if res.StatusCode != 200 {
		t.Fatalf("verify %s: %d %s", id, res.StatusCode, page)
	}
	if !strings.Contains(string(page), "Số 001/QĐ-SVHTTDL ngày 10/3/2025") {
		t.Errorf("verification page differs from the certificate:\n%s", page)
	}
}

// The register writes its dates one way (dd/mm/yyyy) in the listing as in
// the export: 05/03/2022, never 05/3/2022.
func TestRegistryListWritesTheRegisterDateForm(t *testing.T) {
	dir := t.TempDir()
	data := filepath.Join(dir, "data")
	req := filepath.Join(dir, "req.json")
	os.WriteFile(req, []byte(`{"kind":"CV","kindName":"Công văn","symbol":"SVHTTDL-VP","summary":"V/v báo cáo","signer":"Lò Văn Thắng","date":"2022-03-05"}`), 0o644)
	if _, stderr, code := cliRun(t, nil, "registry", "register", "--late", "--data", data, "--agency", "SVHTTDL", "--in", req); code != 0 {
		t.Fatalf("register: %s", stderr)
	}
	out, stderr, code := cliRun(t, nil, "registry", "list", "--data", data, "--agency", "SVHTTDL", "--year", "2022")
	if code != 0 {
		t.Fatalf("list: %s", stderr)
	}
	if !strings.Contains(out, "05/03/2022") || strings.Contains(out, "05/3/2022") {
		t.Errorf("list does not write the register's date form 05/03/2022:\n%s", out)
	}
}
