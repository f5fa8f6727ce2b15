package main

import (
	"os"
	"os/user"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

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
