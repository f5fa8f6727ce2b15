package typeset

//go:generate go test -run TestCoverageTable -update

// Covered reports whether every one of the four embedded faces has a glyph
// for r, so that the PDF prints it in any style. Nothing above U+FFFF is
// covered (no emoji, no supplementary planes), nor any control character
// below U+0020. Text with a rune that is not covered would print blank in
// the PDF while the DOCX kept it: validation refuses it instead (code
// unsupported_character).
//
// The answer comes from a table of the Basic Multilingual Plane generated
// from the faces (coverage_table.go, 8 KB of read-only data): checking input
// parses no font. TestCoverageTable recomputes it from the embedded faces
// and fails when they differ, so a change of font cannot leave it stale
// (`go generate ./internal/typeset` rewrites it).
func Covered(r rune) bool {
	if r < 0 || r > 0xFFFF {
		return false
	}
	return coverage[r>>6]&(1<<(r&63)) != 0
}
