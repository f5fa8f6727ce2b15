package typeset

import "strings"

// WrapPlain breaks single-style text into lines no wider than widthMM, greedily
// at spaces as Word does; "\n" forces a break. A word wider than the line
// stands alone on its line.
func (m *Metrics) WrapPlain(text string, st Style, sizePt, widthMM float64) []string {
	var out []string
	for _, para := range strings.Split(text, "\n") {
		cur := ""
		for _, w := range strings.Fields(para) {
			try := w
			if cur != "" {
				try = cur + " " + w
			}
			if cur != "" && m.WidthMM(try, st, sizePt) > widthMM {
				out = append(out, cur)
				cur = w
				continue
			}
			cur = try
		}
		out = append(out, cur)
	}
	return out
}
