// Package templates embeds the fixed wording of the documents vanban writes
// (text/template files). An agency can change the wording without
// recompiling: `vanban serve --templates DIR` (VANBAN_TEMPLATES) reads files
// of the same names from DIR instead of these.
package templates

import "embed"

// FS holds the wording templates.
//
//go:embed commendation/*.tmpl
var FS embed.FS
