package certprint

// safeCSVCell neutralises a cell of a CSV file written from user text: a
// value starting with "=", "+", "-", "@", a tab or a carriage return is a
// formula to Excel and LibreOffice ("=HYPERLINK(…)" would be evaluated when
// the file is opened), so it gets a leading apostrophe, which both show as
// text. XLSX cells need no such care: spreadsheet.Write stores user text as string
// cells, never as formulas.
func safeCSVCell(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r':
		return "'" + s
	}
	return s
}
