package main

import (
	"encoding/json"
	"os"
	"strings"
	"testing"
)

// A decision that confers danh hiệu and gives Giấy khen (issue 11): its
// certificates are those of its Giấy khen rows only, each with the số sổ
// vàng the decision's danh sách gives it (7 and 8, after the six danh
// hiệu rows); a reprint finds the same two.
func TestMixedDecisionCertificatesCLI(t *testing.T) {
	dir := t.TempDir()
	data := dir + "/data"
	raw, err := os.ReadFile("../../testdata/quyet-dinh-danh-hieu.json")
	if err != nil {
		t.Fatal(err)
	}
	var in map[string]any
	json.Unmarshal(raw, &in)
	delete(in, "number")
	raw, _ = json.Marshal(in)
	qd := dir + "/qd.json"
	os.WriteFile(qd, raw, 0o600)
	stdout, stderr, code := cliRun(t, nil, "registry", "issue", "--data", data, "--in", qd, "--out", dir+"/qd.pdf")
	if code != 0 {
		t.Fatalf("issue: %d %s", code, stderr)
	}
	ref := strings.TrimPrefix(strings.Fields(stdout)[0]+" "+strings.Fields(stdout)[1], "Số: ")
	_, stderr, code = cliRun(t, nil, "certificates", "--data", data, "--decision", ref, "--out", dir+"/gk.zip")
	if code != 0 || !strings.Contains(stderr, "đã in và ghi vào sổ 2 giấy") {
		t.Fatalf("certificates of %s: %d %s", ref, code, stderr)
	}
	first, _ := os.ReadFile(dir + "/gk.zip")
	m := manifest(t, first)
	if len(m) != 2 || m["7"] == "" || m["8"] == "" {
		t.Fatalf("manifest %v", m)
	}
	_, stderr, code = cliRun(t, nil, "certificates", "--data", data, "--decision", ref, "--out", dir+"/gk2.zip")
	if code != 0 || !strings.Contains(stderr, "đã in lại 2 giấy") {
		t.Fatalf("reprint: %d %s", code, stderr)
	}
	again, _ := os.ReadFile(dir + "/gk2.zip")
	if m2 := manifest(t, again); m2["7"] != m["7"] || m2["8"] != m["8"] {
		t.Fatalf("reprint codes differ: %v vs %v", m, m2)
	}
	// The danh hiệu rows of the same decision, chosen by --award-form: three
	// Lao động tiên tiến, numbered in the decision's danh sách. A danh hiệu
	// has no built-in design of its own (a giấy chứng nhận): asked for.
	_, stderr, code = cliRun(t, nil, "certificates", "--data", data, "--decision", ref, "--award-form", "lao-dong-tien-tien", "--out", dir+"/ldtt.zip")
	if code == 0 || !strings.Contains(stderr, "no_certificate_design") {
		t.Fatalf("danh hiệu without a design: %d %s", code, stderr)
	}
	_, stderr, code = cliRun(t, nil, "certificates", "--data", data, "--decision", ref, "--award-form", "lao-dong-tien-tien", "--design", "giay-khen", "--out", dir+"/ldtt.zip")
	if code != 0 || !strings.Contains(stderr, "đã in và ghi vào sổ 3 giấy") {
		t.Fatalf("certificates of the danh hiệu rows: %d %s", code, stderr)
	}
	ldtt, _ := os.ReadFile(dir + "/ldtt.zip")
	if m3 := manifest(t, ldtt); len(m3) != 3 || m3["7"] != "" || m3["8"] != "" {
		t.Fatalf("danh hiệu manifest %v", m3)
	}
	_, stderr, code = cliRun(t, nil, "certificates", "--data", data, "--decision", ref, "--award-form", "bang-khen-khong-co", "--out", dir+"/x.zip")
	if code == 0 || !strings.Contains(stderr, "bang-khen-khong-co") {
		t.Fatalf("unknown form: %d %s", code, stderr)
	}
}
