package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/vanban/vanban/internal/apperr"
	"github.com/vanban/vanban/internal/campaign"
	"github.com/vanban/vanban/internal/paperwork"
)

// maxInput bounds what the CLI reads from a file or stdin.
const maxInput = 64 << 20

func (c *cli) flags(name, synopsis string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(c.stderr)
	fs.Usage = func() {
		fmt.Fprintf(c.stderr, "Cách dùng: vanban %s\n", synopsis)
		fs.PrintDefaults()
	}
	return fs
}

// parse parses flags; it returns an exit code and false when the caller must
// stop. A command takes no other arguments: one it does not know (a pasted
// "[--year 2026]", a misspelt flag value) is refused, never ignored.
func parse(fs *flag.FlagSet, args []string) (int, bool) { return parseArgs(fs, args, 0) }

// parseArgs is parse for a command that takes up to n arguments after its
// flags (schema KIND).
func parseArgs(fs *flag.FlagSet, args []string, n int) (int, bool) {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK, false
		}
		return exitUsage, false
	}
	if fs.NArg() > n {
		extra := fs.Arg(n)
		hint := ""
		if strings.HasPrefix(extra, "[") || strings.HasSuffix(extra, "]") {
			hint = " (ngoặc vuông trong hướng dẫn chỉ đánh dấu phần không bắt buộc: bỏ ngoặc khi gõ)"
		}
		fmt.Fprintf(fs.Output(), "vanban %s: đối số %q không dùng được ở đây%s; các cờ phải đứng trước, dạng --tên giá trị.\n", fs.Name(), extra, hint)
		fs.Usage()
		return exitUsage, false
	}
	return 0, true
}

func (c *cli) readInput(path string) ([]byte, error) {
	var r io.Reader = c.stdin
	if path != "-" {
		f, err := os.Open(path)
		if err != nil {
			return nil, fmt.Errorf("không mở được tệp %s: %w", path, err)
		}
		defer f.Close()
		r = f
	}
	data, err := io.ReadAll(io.LimitReader(r, maxInput+1))
	if err != nil {
		return nil, fmt.Errorf("không đọc được %s: %w", path, err)
	}
	if len(data) > maxInput {
		return nil, fmt.Errorf("tệp %s quá lớn (tối đa %d MB)", path, maxInput>>20)
	}
	return data, nil
}

// writeOutput writes data to path atomically (a temporary file renamed into
// place), or to stdout for "-": a failed run never leaves half a file.
func (c *cli) writeOutput(path string, data []byte) error {
	if path == "-" {
		_, err := c.stdout.Write(data)
		return err
	}
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, ".vanban-*")
	if err != nil {
		return fmt.Errorf("không ghi được vào thư mục %s: %w", dir, err)
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return fmt.Errorf("không ghi được %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("không ghi được %s: %w", path, err)
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

// report prints an error for people: the Vietnamese detail, then one line per
// problem with its field or row, then the stable code.
func (c *cli) report(err error) int {
	ae := apperr.As(err)
	if ae.Kind == apperr.Internal {
		fmt.Fprintf(c.stderr, "vanban: lỗi: %v\n", err)
		return exitError
	}
	fmt.Fprintf(c.stderr, "vanban: %s\n", ae.Detail)
	for _, p := range ae.Problems {
		mark := "lỗi"
		if p.Warning {
			mark = "cảnh báo"
		}
		fmt.Fprintf(c.stderr, "  - [%s] %s (%s)\n", mark, p.String(), p.Code)
	}
	fmt.Fprintf(c.stderr, "mã lỗi: %s\n", ae.Code)
	return exitError
}

func (c *cli) warn(ps apperr.Problems) {
	for _, p := range ps {
		fmt.Fprintf(c.stderr, "vanban: cảnh báo: %s (%s)\n", p.String(), p.Code)
	}
}

func (c *cli) render(args []string) int {
	fs := c.flags("render", "render --in VB.json --out VB.pdf|VB.docx [--format pdf|docx] [--body DU-THAO.docx|DU-THAO.txt]")
	in := fs.String("in", "", "tệp JSON đầu vào, hoặc - để đọc stdin")
	bodyFile := fs.String("body", "", "tệp dự thảo (.docx hoặc .txt) làm nội dung (trường body) của văn bản")
	out := fs.String("out", "", "tệp kết quả (.pdf hoặc .docx), hoặc - để ghi stdout")
	format := fs.String("format", "", "pdf hoặc docx (mặc định: theo đuôi tệp --out)")
	list := fs.String("nominations", "", "danh sách đề nghị (JSON của vanban import, hoặc tệp XLSX/CSV) điền vào danh sách của Tờ trình/Quyết định khen thưởng")
	dataDir := fs.String("data", "", "thư mục dữ liệu: dùng hồ sơ cơ quan đã lưu (\"agencyProfile\")")
	dbURL := fs.String("database-url", c.getenv("VANBAN_DATABASE_URL"), "PostgreSQL thay cho SQLite trong --data (VANBAN_DATABASE_URL)")
	if code, ok := parse(fs, args); !ok {
		return code
	}
	if *in == "" || *out == "" {
		fmt.Fprintln(c.stderr, "vanban render: cần --in và --out")
		fs.Usage()
		return exitUsage
	}
	fstr := *format
	if fstr == "" {
		if *out == "-" {
			fmt.Fprintln(c.stderr, "vanban render: khi ghi ra stdout, hãy chọn --format pdf hoặc docx")
			return exitUsage
		}
		fstr = filepath.Ext(*out)
	}
	f, err := paperwork.ParseFormat(fstr)
	if err != nil {
		return c.report(err)
	}
	a, err := newApp(c.getenv("VANBAN_TEMPLATES"), c.getenv)
	if err != nil {
		return c.report(err)
	}
	data, err := c.readInput(*in)
	if err != nil {
		fmt.Fprintf(c.stderr, "vanban: %v\n", err)
		return exitError
	}
	if *dataDir != "" {
		_, closeReg, err := a.openRegistry(c.ctx, *dataDir, *dbURL)
		if err != nil {
			return c.report(err)
		}
		defer closeReg()
	}
	if *list != "" {
		noms, err := a.docs.NominationList(c.ctx, *list)
		if err != nil {
			if ae := apperr.As(err); ae.Kind != apperr.Internal {
				return c.report(err)
			}
			fmt.Fprintf(c.stderr, "vanban: không đọc được danh sách %s: %v\n", *list, err)
			return exitError
		}
		var warns apperr.Problems
		if data, warns, err = campaign.WithNominations(data, noms, a.catalogue); err != nil {
			return c.report(err)
		}
		c.warn(warns)
	}
	var file paperwork.File
	if *bodyFile != "" {
		draft, rerr := c.readInput(*bodyFile)
		if rerr != nil {
			fmt.Fprintf(c.stderr, "vanban: %v\n", rerr)
			return exitError
		}
		file, err = a.docs.RenderWithDraft(c.ctx, data, paperwork.Draft{Name: filepath.Base(*bodyFile), Data: draft}, f)
	} else {
		file, err = a.docs.Render(c.ctx, data, f)
	}
	if err != nil {
		return c.report(err)
	}
	c.warn(file.Warnings)
	if err := c.writeOutput(*out, file.Data); err != nil {
		fmt.Fprintf(c.stderr, "vanban: %v\n", err)
		return exitError
	}
	return exitOK
}

func (c *cli) schema(args []string) int {
	fs := c.flags("schema", "schema KIND")
	if code, ok := parseArgs(fs, args, 1); !ok {
		return code
	}
	a, err := newApp(c.getenv("VANBAN_TEMPLATES"), c.getenv)
	if err != nil {
		return c.report(err)
	}
	if fs.NArg() != 1 {
		fmt.Fprintln(c.stderr, "vanban schema: cần tên loại văn bản, một trong:")
		for _, k := range a.docs.Kinds() {
			fmt.Fprintf(c.stderr, "  %s\t%s\n", k.Name, k.Title)
		}
		fmt.Fprintln(c.stderr, "hoặc tên một dữ liệu khác:")
		for _, n := range campaign.InputSchemaNames() {
			fmt.Fprintf(c.stderr, "  %s\n", n)
		}
		return exitUsage
	}
	if b, ok := campaign.InputSchema(fs.Arg(0)); ok {
		c.stdout.Write(b)
		return exitOK
	}
	k, err := a.docs.Kind(fs.Arg(0))
	if err != nil {
		return c.report(err)
	}
	sch := k.SchemaJSON()
	c.stdout.Write(sch)
	if !strings.HasSuffix(string(sch), "\n") {
		fmt.Fprintln(c.stdout)
	}
	return exitOK
}

func (c *cli) kinds(args []string) int {
	fs := c.flags("kinds", "kinds [--json]")
	asJSON := fs.Bool("json", false, "in dạng JSON")
	if code, ok := parse(fs, args); !ok {
		return code
	}
	a, err := newApp(c.getenv("VANBAN_TEMPLATES"), c.getenv)
	if err != nil {
		return c.report(err)
	}
	if *asJSON {
		enc := json.NewEncoder(c.stdout)
		enc.SetIndent("", "  ")
		enc.Encode(a.docs.Kinds())
		return exitOK
	}
	for _, k := range a.docs.Kinds() {
		fmt.Fprintf(c.stdout, "%s\t%s\n", k.Name, k.Title)
	}
	return exitOK
}
