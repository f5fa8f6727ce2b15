package main

import (
	"archive/zip"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"io"
	"os"
	"os/user"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/vanban/vanban/internal/nd30"
	"github.com/vanban/vanban/internal/registry"
)

// The CLI records itself and the OS user as who registered or cancelled a
// document, and refuses a closed year unless --late (issue 10 item 12).
func TestRegistryCLIActorAndLate(t *testing.T) {
	dir := t.TempDir()
	data := filepath.Join(dir, "data")
	lastYear := time.Now().In(registry.Vietnam).Year() - 1
	in := filepath.Join(dir, "cv.json")
	os.WriteFile(in, []byte(`{"kind":"CV","kindName":"Công văn","symbol":"SVHTTDL-VP","date":"`+strconv.Itoa(lastYear)+`-12-30",
		"summary":"Về việc báo cáo thi đua","signer":"Trần Mạnh Hùng"}`), 0o644)
	_, stderr, code := cliRun(t, nil, "registry", "register", "--data", data, "--agency", "SVHTTDL", "--in", in)
	if code != exitError || !strings.Contains(stderr, "closed_year") || !strings.Contains(stderr, "đăng ký muộn") {
		t.Fatalf("closed year without --late: exit %d %s", code, stderr)
	}
	if _, stderr, code := cliRun(t, nil, "registry", "register", "--late", "--data", data, "--agency", "SVHTTDL", "--in", in); code != 0 {
		t.Fatalf("late registration: exit %d %s", code, stderr)
	}
	out, _, code := cliRun(t, nil, "registry", "list", "--data", data, "--agency", "SVHTTDL", "--year", strconv.Itoa(lastYear))
	me, _ := user.Current()
	if code != 0 || !strings.Contains(out, "Vào sổ") || !strings.Contains(out, "CLI ("+me.Username+")") || !strings.Contains(out, "đăng ký muộn") {
		t.Errorf("list:\n%s", out)
	}
}

// decisionRequest registers, late, the Quyết định of 10/12/2025 that the test
// batches cite: in a fresh register it takes number 1 of 2025.
const decisionRequest = `{"agency":"SVHTTDL","kind":"QĐ","kindName":"Quyết định","symbol":"QĐ-SVHTTDL","date":"2025-12-10",
	"summary":"Về việc tặng Giấy khen cho tập thể, cá nhân","signer":"Lò Văn Thắng","lateRegistration":true}`

// registeredBatch is testdata/giay-khen-batch.json citing decision number
// (the register's), with fields changed by edit.
func registeredBatch(t *testing.T, number int, edit func(batch, decision map[string]any)) []byte {
	t.Helper()
	var batch map[string]any
	raw, _ := os.ReadFile("../../testdata/giay-khen-batch.json")
	if err := json.Unmarshal(raw, &batch); err != nil {
		t.Fatal(err)
	}
	dec := batch["decision"].(map[string]any)
	dec["number"] = number
	if edit != nil {
		edit(batch, dec)
	}
	b, _ := json.Marshal(batch)
	return b
}

// registerDecision registers decisionRequest in the register of data
// through the CLI (dated date instead when given).
func registerDecision(t *testing.T, data string, getenv func(string) string, date ...string) {
	t.Helper()
	req := filepath.Join(t.TempDir(), "qd.json")
	body := decisionRequest
	if len(date) > 0 {
		body = strings.Replace(body, "2025-12-10", date[0], 1)
	}
	os.WriteFile(req, []byte(body), 0o644)
	var stdout, stderr bytes.Buffer
	if code := run(t.Context(), []string{"registry", "register", "--data", data, "--in", req}, nil, &stdout, &stderr, getenv); code != 0 {
		t.Fatalf("register the decision: exit %d %s", code, stderr.String())
	}
}

// A batch recorded in the register must cite a decision the register holds,
// not cancelled (issue 10 item 13); the verification page says where the
// decision stands.
func TestCertificatesNeedRegisteredDecision(t *testing.T) {
	dir := t.TempDir()
	data := filepath.Join(dir, "data")
	in := filepath.Join(dir, "batch.json")
	os.WriteFile(in, registeredBatch(t, 1, nil), 0o644)
	out := filepath.Join(dir, "gk.pdf")
	_, stderr, code := cliRun(t, nil, "certificates", "--in", in, "--out", out, "--data", data)
	if code != exitError || !strings.Contains(stderr, "decision_not_registered") || !strings.Contains(stderr, "01/QĐ-SVHTTDL") {
		t.Fatalf("decision not in the register: exit %d %s", code, stderr)
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("a refused batch wrote its output")
	}
	// The batch's own problems come first: a batch too large is that, not
	// "not in the register".
	os.WriteFile(in, registeredBatch(t, 1, func(b, _ map[string]any) {
		rs := b["recipients"].([]any)
		var many []any
		for len(many) < 5001 {
			r := map[string]any{}
			for k, v := range rs[len(many)%len(rs)].(map[string]any) {
				r[k] = v
			}
			delete(r, "number")
			many = append(many, r)
		}
		b["recipients"], b["numbering"] = many, map[string]any{"start": 1}
	}), 0o644)
	if _, stderr, code := cliRun(t, nil, "certificates", "--in", in, "--out", out, "--data", data); code != exitError || !strings.Contains(stderr, "too_many_recipients") {
		t.Errorf("too large and not in the register: exit %d %.300s", code, stderr)
	}
	os.WriteFile(in, registeredBatch(t, 1, nil), 0o644)
	// Without a register (no --data) nothing is recorded and nothing checked.
	if _, stderr, code := cliRun(t, nil, "certificates", "--in", in, "--out", out); code != 0 {
		t.Fatalf("batch without a register: exit %d %s", code, stderr)
	}
	registerDecision(t, data, func(string) string { return "" })
	os.WriteFile(in, registeredBatch(t, 1, func(_, d map[string]any) { d["date"] = "2025-12-11" }), 0o644)
	if _, stderr, code := cliRun(t, nil, "certificates", "--in", in, "--out", out, "--data", data); code != exitError || !strings.Contains(stderr, "decision_date_mismatch") {
		t.Errorf("decision under another date: exit %d %s", code, stderr)
	}
	os.WriteFile(in, registeredBatch(t, 1, nil), 0o644)
	if _, stderr, code := cliRun(t, nil, "certificates", "--in", in, "--out", out, "--data", data); code != 0 {
		t.Fatalf("registered decision: exit %d %s", code, stderr)
	}

	// Over HTTP: refused, then accepted once registered; verification shows
	// the decision's state, and a cancelled decision voids its certificates.
	ts := startService(t)
	batch := registeredBatch(t, 1, nil)
	res, body := post(t, ts.URL+"/v1/certificates?format=zip", "application/json", batch)
	if res.StatusCode != 400 || !strings.Contains(string(body), "decision_not_registered") || !strings.Contains(string(body), "decision.number") {
		t.Fatalf("HTTP batch citing an unregistered decision: %d %s", res.StatusCode, body)
	}
	res, body = post(t, ts.URL+"/v1/registry/register", "application/json", []byte(decisionRequest))
	if res.StatusCode != 201 {
		t.Fatalf("register: %d %s", res.StatusCode, body)
	}
	var rec struct {
		ID string `json:"id"`
	}
	json.Unmarshal(body, &rec)
	res, body = post(t, ts.URL+"/v1/certificates?format=zip", "application/json", batch)
	if res.StatusCode != 200 {
		t.Fatalf("HTTP batch citing a registered decision: %d %s", res.StatusCode, body)
	}
	id := manifestID(t, body)
	res, body = get(t, ts.URL+"/v1/verify/"+id)
	if res.StatusCode != 200 || !strings.Contains(string(body), `"decisionState":"registered"`) {
		t.Errorf("verify: %d %s", res.StatusCode, body)
	}
	res, body = post(t, ts.URL+"/v1/registry/"+rec.ID+"/cancel", "application/json", []byte(`{"reason":"ký nhầm"}`))
	if res.StatusCode != 200 {
		t.Fatalf("cancel: %d %s", res.StatusCode, body)
	}
	// Public (whoever scans the QR code): that the decision was cancelled
	// and when, never the register's internal reason (review finding 7).
	today := nd30.DateOf(time.Now().In(registry.Vietnam)).Padded()
	res, body = get(t, ts.URL+"/verify/"+id)
	if res.StatusCode != 200 || !strings.Contains(string(body), "quyết định khen thưởng đã bị hủy") ||
		!strings.Contains(string(body), "đã bị hủy ngày "+today) || strings.Contains(string(body), "ký nhầm") {
		t.Errorf("verify page after the decision is cancelled: %d %s", res.StatusCode, body)
	}
	res, body = get(t, ts.URL+"/v1/verify/"+id)
	if res.StatusCode != 200 || !strings.Contains(string(body), `"decisionState":"cancelled"`) || strings.Contains(string(body), "ký nhầm") {
		t.Errorf("verify API after the decision is cancelled: %d %s", res.StatusCode, body)
	}
	// Signed-in: the batch refused says why the decision was cancelled.
	res, body = post(t, ts.URL+"/v1/certificates?format=zip", "application/json", batch)
	if res.StatusCode != 409 || !strings.Contains(string(body), "decision_cancelled") || !strings.Contains(string(body), "Lý do hủy: ký nhầm") {
		t.Errorf("batch citing a cancelled decision: %d %s", res.StatusCode, body)
	}
}

// manifestID is the verification id of the first certificate of a batch ZIP.
func manifestID(t *testing.T, z []byte) string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(z), int64(len(z)))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range zr.File {
		if f.Name == "manifest.csv" {
			rc, _ := f.Open()
			b, _ := io.ReadAll(rc)
			rc.Close()
			rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(b, []byte("\uFEFF")))).ReadAll()
			if err != nil || len(rows) < 2 {
				t.Fatalf("manifest: %v %v", rows, err)
			}
			return rows[1][len(rows[1])-1]
		}
	}
	t.Fatal("no manifest.csv")
	return ""
}
