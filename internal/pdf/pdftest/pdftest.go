// Package pdftest checks the PDF files tests write with a structural
// checker, qpdf --check (Debian package qpdf): every object, cross-reference
// entry and stream must parse and decode. Only tests import it.
package pdftest

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/vanban/vanban/internal/tooltest"
)

// Check runs qpdf --check on the PDF at path and fails t when qpdf reports
// an error or a warning. Without qpdf the check is skipped with a log line,
// unless CI=true, where a missing qpdf fails the test.
func Check(t testing.TB, path string) {
	t.Helper()
	qpdf, err := exec.LookPath("qpdf")
	if err != nil {
		if tooltest.CI() {
			t.Fatalf("qpdf not installed (CI=true): apt-get install qpdf")
		}
		t.Logf("qpdf not installed: %s not checked (set CI=true to make this a failure)", filepath.Base(path))
		return
	}
	// Exit status 0: no problem; 3: warnings; 2: errors.
	out, err := exec.Command(qpdf, "--check", path).CombinedOutput()
	if err != nil || bytes.Contains(out, []byte("WARNING")) {
		t.Fatalf("qpdf --check %s: %v\n%s", filepath.Base(path), err, out)
	}
}

// CheckBytes writes data to a temporary file and checks it.
func CheckBytes(t testing.TB, data []byte) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "check.pdf")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	Check(t, path)
}
