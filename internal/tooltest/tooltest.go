// Package tooltest is the one helper for tests that need an outside tool
// (pdftotext, pdfinfo, soffice, qpdf, chromium…): without it the test is
// skipped, except under CI=true, where its absence fails the test. Only
// tests import it.
package tooltest

import (
	"os"
	"os/exec"
	"testing"
)

// CI reports whether outside tools are mandatory (CI=true).
func CI() bool { return os.Getenv("CI") == "true" }

// Need returns the path of the first of names found on PATH. When none is
// found the test is skipped, or fails under CI=true.
func Need(t testing.TB, names ...string) string {
	t.Helper()
	for _, name := range names {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if CI() {
		t.Fatalf("%v is required in CI (Debian: poppler-utils, libreoffice-writer-nogui, qpdf, chromium, firefox-esr; see .ci/run)", names)
	}
	t.Skipf("%v not installed: skipping (set CI=true to make this a failure)", names)
	return ""
}

// NeedAll is Need for each of names.
func NeedAll(t testing.TB, names ...string) {
	t.Helper()
	for _, name := range names {
		Need(t, name)
	}
}
