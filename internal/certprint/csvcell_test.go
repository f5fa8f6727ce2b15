package certprint

import "testing"

// Issue 10 item 9: formula injection in CSV written from user text.
func TestSafeCSVCell(t *testing.T) {
	for in, want := range map[string]string{
		`=HYPERLINK("http://x","y")`: `'=HYPERLINK("http://x","y")`,
		"+1+1":                       "'+1+1",
		"-2+3":                       "'-2+3",
		"@SUM(A1)":                   "'@SUM(A1)",
		"\t=1":                       "'\t=1",
		"\r=1":                       "'\r=1",
		"Nguyễn Văn A":               "Nguyễn Văn A",
		"":                           "",
		"Tổ 1 - Đội 2":               "Tổ 1 - Đội 2",
	} {
		if got := safeCSVCell(in); got != want {
			t.Errorf("safeCSVCell(%q) = %q, want %q", in, got, want)
		}
	}
}
