package nd30

import "testing"

// Straight double quotes typed in the input print as “ ” on every document
// and certificate (issue 13 item 7): the cleaning of input text makes them
// typographic, so the PDF and the DOCX get the same characters.
func TestQuotes(t *testing.T) {
	for in, want := range map[string]string{
		`phong trào "Toàn dân đoàn kết"`:       `phong trào “Toàn dân đoàn kết”`,
		`"Lai Châu đoàn kết", "mục tiêu kép".`: `“Lai Châu đoàn kết”, “mục tiêu kép”.`,
		`danh hiệu ("Chiến sĩ thi đua cơ sở")`: `danh hiệu (“Chiến sĩ thi đua cơ sở”)`,
		"dòng một\n\"dòng hai\"":               "dòng một\n“dòng hai”",
		`đã “đúng” rồi`:                        `đã “đúng” rồi`,
		`không có ngoặc`:                       `không có ngoặc`,
	} {
		if got := Quotes(in); got != want {
			t.Errorf("Quotes(%q) = %q, want %q", in, got, want)
		}
		if got, err := Clean(in, true); err != nil || got != want {
			t.Errorf("Clean(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
}
