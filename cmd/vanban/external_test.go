package main

import (
	"encoding/json"
	"io"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A certificate batch may cite a decision of another authority (a Bằng khen
// of the UBND tỉnh under "1234/QĐ-UBND"): with "decisionCheck": "external"
// its certificates are recorded without the register check, and the
// verification page says the decision is another authority's, not checked
// against the register (review finding 4: such a batch could never be
// recorded — the register refuses number 1234 out of sequence).
func TestCertificatesUnderAnotherAuthoritysDecision(t *testing.T) {
	c := &cli{ctx: t.Context(), stderr: io.Discard, stdout: io.Discard, getenv: func(k string) string {
		if k == "VANBAN_AGENCY" {
			return "SVHTTDL"
		}
		return ""
	}}
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

	ubnd := func(check string) []byte {
		return registeredBatch(t, 1234, func(b, d map[string]any) {
			d["symbol"] = "QĐ-UBND"
			if check != "" {
				b["decisionCheck"] = check
			}
		})
	}
	// Without the option: not in the register, refused, with the way out.
	res, body := post(t, ts.URL+"/v1/certificates?format=zip", "application/json", ubnd(""))
	if res.StatusCode != 400 || !strings.Contains(string(body), "decision_not_registered") || !strings.Contains(string(body), `decisionCheck`) {
		t.Fatalf("batch citing 1234/QĐ-UBND: %d %.400s", res.StatusCode, body)
	}
	// With it: recorded, and verified as another authority's decision.
	res, body = post(t, ts.URL+"/v1/certificates?format=zip", "application/json", ubnd("external"))
	if res.StatusCode != 200 {
		t.Fatalf("external decision: %d %.400s", res.StatusCode, body)
	}
	id := manifestID(t, body)
	res, body = get(t, ts.URL+"/v1/verify/"+id)
	if res.StatusCode != 200 || !strings.Contains(string(body), `"decisionState":"external"`) || !strings.Contains(string(body), "1234/QĐ-UBND") {
		t.Errorf("verify: %d %s", res.StatusCode, body)
	}
	res, body = get(t, ts.URL+"/verify/"+id)
	if res.StatusCode != 200 || !strings.Contains(string(body), "quyết định của cơ quan khác, chưa đối chiếu với sổ") ||
		strings.Contains(string(body), `class="bad"`) {
		t.Errorf("verify page: %d %s", res.StatusCode, body)
	}
	// The agency's own decision is not another authority's: it must be in
	// the register.
	res, body = post(t, ts.URL+"/v1/certificates?format=zip", "application/json", registeredBatch(t, 1, func(b, _ map[string]any) { b["decisionCheck"] = "external" }))
	if res.StatusCode != 400 || !strings.Contains(string(body), "decision_is_own") {
		t.Errorf("own decision marked external: %d %.400s", res.StatusCode, body)
	}
	res, body = post(t, ts.URL+"/v1/certificates?format=zip", "application/json", ubnd("none"))
	if res.StatusCode != 400 || !strings.Contains(string(body), "invalid_decision_check") {
		t.Errorf("unknown decisionCheck: %d %.400s", res.StatusCode, body)
	}
}

// The CLI records such a batch the same way (vanban certificates --data).
func TestCertificatesExternalDecisionCLI(t *testing.T) {
	dir := t.TempDir()
	in, out := filepath.Join(dir, "batch.json"), filepath.Join(dir, "bk.pdf")
	batch := func(check string) {
		os.WriteFile(in, registeredBatch(t, 1234, func(b, d map[string]any) {
			d["symbol"] = "QĐ-UBND"
			if check != "" {
				b["decisionCheck"] = check
			}
		}), 0o644)
	}
	batch("")
	if _, stderr, code := cliRun(t, nil, "certificates", "--in", in, "--out", out, "--data", filepath.Join(dir, "data")); code != exitError || !strings.Contains(stderr, "decision_not_registered") {
		t.Fatalf("without decisionCheck: exit %d %s", code, stderr)
	}
	batch("external")
	if _, stderr, code := cliRun(t, nil, "certificates", "--in", in, "--out", out, "--data", filepath.Join(dir, "data")); code != 0 {
		t.Fatalf("external decision: exit %d %s", code, stderr)
	}
	if fi, err := os.Stat(out); err != nil || fi.Size() == 0 {
		t.Errorf("no PDF written: %v", err)
	}
}

// The agency's own decision cannot pass as another authority's (review 2
// finding 1), with VANBAN_AGENCY unset: a decision the register holds —
// cancelled, under its ký hiệu written with a space, an en dash, lower case
// or without đ — and a ký hiệu naming an agency of the register are refused
// as external; an external certificate whose decision the register holds
// after all verifies with the decision's real state.
func TestOwnDecisionIsNotExternal(t *testing.T) {
	ts := startService(t)
	register := func(req string) string {
		t.Helper()
		res, body := post(t, ts.URL+"/v1/registry/register", "application/json", []byte(req))
		if res.StatusCode != 201 {
			t.Fatalf("register: %d %s", res.StatusCode, body)
		}
		var rec struct {
			ID string `json:"id"`
		}
		json.Unmarshal(body, &rec)
		return rec.ID
	}
	cancel := func(id string) {
		t.Helper()
		if res, body := post(t, ts.URL+"/v1/registry/"+id+"/cancel", "application/json", []byte(`{"reason":"ký nhầm"}`)); res.StatusCode != 200 {
			t.Fatalf("cancel: %d %s", res.StatusCode, body)
		}
	}
	external := func(number int, symbol string) []byte {
		return registeredBatch(t, number, func(b, d map[string]any) {
			b["decisionCheck"], d["symbol"] = "external", symbol
		})
	}
	cancel(register(decisionRequest)) // 01/QĐ-SVHTTDL, cancelled
	for _, symbol := range []string{"QĐ-SVHTTDL", "qđ-svhttdl", "QĐ- SVHTTDL", "QĐ–SVHTTDL", "QD-SVHTTDL"} {
		res, body := post(t, ts.URL+"/v1/certificates?format=zip", "application/json", external(1, symbol))
		if res.StatusCode != 400 || !strings.Contains(string(body), "decision_is_own") || !strings.Contains(string(body), "đã bị hủy") {
			t.Errorf("cancelled 1/%s marked external: %d %.500s", symbol, res.StatusCode, body)
		}
	}
	// Not in the register, but its ký hiệu names the register's agency.
	if res, body := post(t, ts.URL+"/v1/certificates?format=zip", "application/json", external(9, "QĐ–SVHTTDL")); res.StatusCode != 400 || !strings.Contains(string(body), "decision_is_own") {
		t.Errorf("9/QĐ–SVHTTDL marked external: %d %.500s", res.StatusCode, body)
	}
	register(strings.NewReplacer(`"SVHTTDL"`, `"SGDĐT"`, "QĐ-SVHTTDL", "QĐ-SGDĐT").Replace(decisionRequest))
	if res, body := post(t, ts.URL+"/v1/certificates?format=zip", "application/json", external(7, "QĐ-SGDDT")); res.StatusCode != 400 || !strings.Contains(string(body), "decision_is_own") {
		t.Errorf("7/QĐ-SGDDT marked external: %d %.500s", res.StatusCode, body)
	}
	// Another authority's decision is still recorded; when the register
	// holds that decision later, verification tells its real state.
	res, body := post(t, ts.URL+"/v1/certificates?format=zip", "application/json", external(1, "QĐ-UBND"))
	if res.StatusCode != 200 {
		t.Fatalf("1/QĐ-UBND external: %d %.500s", res.StatusCode, body)
	}
	id := manifestID(t, body)
	if res, body := get(t, ts.URL+"/v1/verify/"+id); res.StatusCode != 200 || !strings.Contains(string(body), `"decisionState":"external"`) {
		t.Errorf("verify: %d %s", res.StatusCode, body)
	}
	cancel(register(strings.NewReplacer(`"SVHTTDL"`, `"UBND"`, "QĐ-SVHTTDL", "QĐ-UBND").Replace(decisionRequest)))
	if res, body := get(t, ts.URL+"/v1/verify/"+id); res.StatusCode != 200 || !strings.Contains(string(body), `"decisionState":"cancelled"`) {
		t.Errorf("verify once the register holds the decision, cancelled: %d %s", res.StatusCode, body)
	}
}
