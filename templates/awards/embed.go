// Package awards holds the award data an agency may edit without recompiling:
// the award forms catalogue (forms.json: who awards each form, its wording,
// cash multiples of the mức lương cơ sở, criteria) and the legal bases (căn
// cứ) with the periods they are in force (legal-bases.json). The award
// package parses them once with award.LoadCatalogue(awards.FS).
package awards

import "embed"

// FS holds forms.json and legal-bases.json.
//
//go:embed forms.json legal-bases.json
var FS embed.FS
