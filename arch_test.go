package vanban

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os/exec"
	"path/filepath"
	"strconv"
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
	// The transports (the HTTP API, the workspace) reach renderers,
	// stores, spreadsheets and the document kinds through the use cases
	// (paperwork, campaign), never directly: what a document is and how it
	// is drawn or kept is decided once, below them.
	behind := []string{"internal/pdf", "internal/docx", "internal/sqlstore", "internal/registry/blobfs",
		"internal/spreadsheet", "internal/plan", "internal/commendation", "internal/kinds", "internal/letterhead"}
	for _, tr := range []string{"internal/httpapi", "internal/web"} {
		for _, imp := range goList(t, "-f", `{{join .Imports " "}}`, "./"+tr) {
			if p := strings.TrimPrefix(imp, module); p != imp && hasPrefix(p, behind) {
				t.Errorf("%s imports %s: the transports call the use cases, which own renderers, stores and kinds", tr, p)
			}
		}
	}
	// The packages that serve tests (the embedded faces' Metrics parsed once
	// per test binary, goldens, outside tools, the test database, PDF
	// checks) are imported by tests and by one another only: product code
	// gets its Metrics, its tools and its database at construction.
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		f := strings.Fields(line)
		if pkg := strings.TrimPrefix(f[0], module); hasPrefix(pkg, testHelpers) {
			continue
		}
		for _, imp := range f[1:] {
			if p := strings.TrimPrefix(imp, module); p != imp && hasPrefix(p, testHelpers) {
				t.Errorf("%s imports %s, a package for tests only", strings.TrimPrefix(f[0], module), p)
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

// Packages written for tests, never imported by the code that ships.
var testHelpers = []string{"internal/typeset/typesettest", "internal/golden", "internal/tooltest",
	"internal/sqlstore/sqltest", "internal/pdf/pdftest"}

func hasPrefix(s string, prefixes []string) bool {
	for _, p := range prefixes {
		if s == p || strings.HasPrefix(s, p) || strings.HasPrefix(s, p+"/") {
			return true
		}
	}
	return false
}

// importClass is the group an import belongs to: the standard library,
// another module, or this module.
func importClass(path string) int {
	switch first, _, _ := strings.Cut(path, "/"); {
	case path == "github.com/vanban/vanban" || strings.HasPrefix(path, module):
		return 2
	case !strings.Contains(first, "."):
		return 0
	}
	return 1
}

// Imports are grouped as gofmt leaves them readable (house style): the
// standard library, then other modules, then this module's packages, each
// group once and separated by a blank line. The vendored fpdf keeps its
// upstream layout.
func TestImportGroups(t *testing.T) {
	names := [...]string{"the standard library", "other modules", "this module"}
	err := filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if path == "third_party" || strings.HasPrefix(d.Name(), ".") && path != "." || d.Name() == "testdata" {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") {
			return nil
		}
		fset := token.NewFileSet()
		f, err := parser.ParseFile(fset, path, nil, parser.ImportsOnly)
		if err != nil {
			return err
		}
		last, lastLine, seen := -1, 0, map[int]bool{}
		for _, imp := range f.Imports {
			p, _ := strconv.Unquote(imp.Path.Value)
			class, line := importClass(p), fset.Position(imp.Pos()).Line
			newGroup := last < 0 || line > lastLine+1
			switch {
			case !newGroup && class != last:
				t.Errorf("%s:%d: %s is in a group with %s: separate the groups with a blank line", path, line, p, names[last])
			case newGroup && seen[class]:
				t.Errorf("%s:%d: %s: %s is imported in two groups", path, line, p, names[class])
			case newGroup && class < last:
				t.Errorf("%s:%d: %s: %s comes before %s", path, line, p, names[class], names[last])
			}
			if newGroup || class == last {
				seen[class] = true
			}
			last, lastLine = class, line
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// Configuration arrives as values: no package reads the environment but
// cmd/vanban (flags, environment and wiring), the packages that serve tests
// and internal/gcstart, which reads the Go runtime's own GOGC and
// GOMEMLIMIT in a package init to leave them alone (collector tuning while
// packages initialise, before main can run; not configuration of vanban).
func TestOnlyTheCommandReadsTheEnvironment(t *testing.T) {
	allowed := append([]string{"cmd/", "bench/", "internal/gcstart"}, testHelpers...)
	read := map[string]bool{"Getenv": true, "LookupEnv": true, "Environ": true, "ExpandEnv": true}
	err := filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if path == "third_party" || strings.HasPrefix(d.Name(), ".") && path != "." || d.Name() == "testdata" || hasPrefix(path, allowed) {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(token.NewFileSet(), path, nil, 0)
		if err != nil {
			return err
		}
		ast.Inspect(f, func(n ast.Node) bool {
			if sel, ok := n.(*ast.SelectorExpr); ok {
				if x, ok := sel.X.(*ast.Ident); ok && (x.Name == "os" || x.Name == "syscall") && read[sel.Sel.Name] {
					t.Errorf("%s: %s.%s: configuration arrives as a value from cmd/vanban, no package reads the environment", path, x.Name, sel.Sel.Name)
				}
			}
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
