package vanban

import (
	"os/exec"
	"strings"
	"testing"
)

// goList runs `go list` with args and returns its lines.
func goList(t *testing.T, args ...string) []string {
	t.Helper()
	out, err := exec.Command("go", append([]string{"list"}, args...)...).Output()
	if err != nil {
		t.Fatalf("go list %v: %v", args, err)
	}
	return strings.Fields(string(out))
}

const module = "github.com/vanban/vanban/"

// Technologies and the only package (with its subpackages) that may import
// each (../shared/design/architecture.md: domain in the centre, technology
// at the edges).
var confined = []struct {
	tech  []string // import path prefixes
	owner []string // packages allowed to import them directly
}{
	{[]string{"github.com/gin-gonic/", "github.com/gin-contrib/"}, []string{"internal/httpapi"}},
	{[]string{"codeberg.org/go-pdf/fpdf"}, []string{"internal/pdf", "third_party/fpdf"}},
	{[]string{"github.com/xuri/excelize"}, []string{"internal/spreadsheet"}},
	{[]string{"modernc.org/sqlite", "github.com/jackc/pgx"}, []string{"internal/sqlstore"}},
	{[]string{"github.com/chromedp/"}, nil},       // tests of the workspace only
	{[]string{"golang.org/x/net/websocket"}, nil}, // the Firefox (WebDriver BiDi) tests of the workspace only
}

// The architecture's dependency rules, checked on the code that ships (test
// files excluded): each technology (HTTP framework, PDF library, spreadsheet
// library, SQL drivers, browser driver) is imported by its one package, and
// the domain depends on none of them, not even through another package. The
// use-case layer (paperwork, campaign) may use the spreadsheet and PDF
// packages, as it uses the renderers.
func TestArchitecture(t *testing.T) {
	if testing.Short() {
		t.Skip("go list of the whole module")
	}
	out, err := exec.Command("go", "list", "-f", `{{.ImportPath}}{{range .Imports}} {{.}}{{end}}`, "./...").Output()
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		f := strings.Fields(line)
		pkg := strings.TrimPrefix(f[0], module)
		for _, imp := range f[1:] {
			for _, c := range confined {
				if !hasPrefix(imp, c.tech) {
					continue
				}
				if !hasPrefix(pkg, c.owner) {
					t.Errorf("%s imports %s: only %v may", pkg, imp, c.owner)
				}
			}
		}
	}
	domain := []string{"internal/document", "internal/nd30", "internal/plan", "internal/award", "internal/commendation",
		"internal/kinds", "internal/letterhead", "internal/body", "internal/registry", "internal/apperr", "internal/typeset",
		"internal/certificate", "internal/certlayout", "internal/certword", "internal/certprint", "internal/qrcode"}
	var banned []string
	for _, c := range confined {
		banned = append(banned, c.tech...)
	}
	for _, d := range domain {
		for _, dep := range goList(t, "-deps", "./"+d) {
			if hasPrefix(dep, banned) {
				t.Errorf("%s depends on %s: the domain and the use cases stay free of HTTP, SQL, PDF and spreadsheet libraries", d, dep)
			}
		}
	}
	// Test-only libraries stay out of the shipped binary.
	for _, dep := range goList(t, "-deps", "./cmd/vanban") {
		for _, lib := range []string{"github.com/santhosh-tekuri/jsonschema", "github.com/skip2/go-qrcode", "github.com/chromedp/", "golang.org/x/net/websocket"} {
			if strings.HasPrefix(dep, lib) {
				t.Errorf("the vanban binary links %s, a library only tests use", dep)
			}
		}
	}
}

func hasPrefix(s string, prefixes []string) bool {
	for _, p := range prefixes {
		if s == p || strings.HasPrefix(s, p) || strings.HasPrefix(s, p+"/") {
			return true
		}
	}
	return false
}
