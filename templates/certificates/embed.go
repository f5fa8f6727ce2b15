// Package certificates embeds the certificate layouts (Bằng khen, Giấy khen)
// as JSON templates and the Word certificate template filled per recipient.
// The layouts are data, not code: an agency that calibrates its pre-printed
// blanks (phôi) edits a JSON file, not Go.
package certificates

import "embed"

// FS holds giay-khen.json, bang-khen.json and giay-khen.docx.
//
//go:embed *.json *.docx
var FS embed.FS
