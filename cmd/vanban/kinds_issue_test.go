package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/vanban/vanban/internal/tooltest"
)

// TestGeneralKindsIssuedThroughRegister issues each general kind the sổ
// numbers and checks that the number the document prints is the one the
// register recorded — also for a legal Quyết định, whose number carries the
// year ("01/2026/QĐ-UBND" on paper and in the sổ).
func TestGeneralKindsIssuedThroughRegister(t *testing.T) {
	tooltest.Need(t, "pdftotext")
	dir := t.TempDir()
	data := filepath.Join(dir, "data")
	year := strconv.Itoa(time.Now().In(time.FixedZone("ICT", 7*3600)).Year())
	for _, tc := range []struct{ kind, symbol string }{
		{"quyet-dinh", year + "/QĐ-UBND"},
		{"to-trinh", "TTr-SNV"},
		{"bao-cao", "BC-SVHTTDL"},
		{"thong-bao", "TB-SVHTTDL"},
		{"giay-moi", "GM-SVHTTDL"},
	} {
		t.Run(tc.kind, func(t *testing.T) {
			m := map[string]any{}
			raw, err := os.ReadFile("../../testdata/" + tc.kind + ".json")
			if err != nil {
				t.Fatal(err)
			}
			if err := json.Unmarshal(raw, &m); err != nil {
				t.Fatal(err)
			}
			delete(m, "number")
			delete(m, "date")
			in := filepath.Join(dir, tc.kind+".json")
			b, _ := json.Marshal(m)
			os.WriteFile(in, b, 0o644)
			pdf := filepath.Join(dir, tc.kind+".pdf")
			out, stderr, code := cliRun(t, nil, "registry", "issue", "--data", data, "--in", in, "--out", pdf)
			if code != 0 {
				t.Fatalf("issue: exit %d: %s", code, stderr)
			}
			if !strings.HasPrefix(out, "Số: ") || !strings.Contains(out, "/"+tc.symbol+"\t") {
				t.Fatalf("issue printed %q, want a number with the ký hiệu %s", out, tc.symbol)
			}
			ref := strings.TrimPrefix(strings.SplitN(out, "\t", 2)[0], "Số: ")
			text, err := exec.Command("pdftotext", "-l", "1", pdf, "-").Output()
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(string(text), "Số: "+ref+"\n") {
				t.Errorf("the document does not print the register's number %q:\n%s", ref, text)
			}
		})
	}
}
