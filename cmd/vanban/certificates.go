package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"

	"github.com/vanban/vanban/internal/campaign"
	"github.com/vanban/vanban/internal/certificate"
	"github.com/vanban/vanban/internal/paperwork"
)

func (c *cli) certificates(args []string) int {
	fs := c.flags("certificates", "certificates --in LÔ.json --out FILE.pdf|FILE.zip [--data DIR]\n       vanban certificates --data DIR --decision UUID|05/QĐ-SVHTTDL --out FILE.pdf|FILE.zip [--mode full|overprint|calibration]")
	in := fs.String("in", "", "tệp lô giấy khen/bằng khen (JSON)")
	decision := fs.String("decision", "", "in từ một quyết định đã ban hành trong sổ (UUID hoặc số, ký hiệu \"05/QĐ-SVHTTDL\"); cần --data. In lại dùng đúng các giấy đã ghi")
	mode := fs.String("mode", "", "với --decision: full (mặc định), overprint (in lên phôi) hoặc calibration (trang căn chỉnh)")
	design := fs.String("design", "", "với --decision: giay-khen hoặc bang-khen (mặc định theo hình thức khen thưởng)")
	awardForm := fs.String("award-form", "", "với --decision: quyết định có nhiều hình thức (danh hiệu và giấy khen) — in các dòng của hình thức này (mã trong danh mục, ví dụ lao-dong-tien-tien; mặc định: hình thức của quyết định)")
	offX := fs.Float64("offset-x", 0, "với --decision: độ lệch máy in theo chiều ngang (mm)")
	offY := fs.Float64("offset-y", 0, "với --decision: độ lệch máy in theo chiều dọc (mm)")
	out := fs.String("out", "", "tệp kết quả: .pdf (một tệp, mỗi trang một người) hoặc .zip (mỗi người một tệp, kèm manifest.csv)")
	data := fs.String("data", "", "thư mục dữ liệu: ghi từng giấy khen vào sổ để tra cứu bằng mã QR (mặc định: không ghi)")
	dbURL := fs.String("database-url", c.getenv("VANBAN_DATABASE_URL"), "PostgreSQL thay cho SQLite trong --data (VANBAN_DATABASE_URL)")
	if code, ok := parse(fs, args); !ok {
		return code
	}
	if *decision != "" {
		return c.certificatesOfDecision(*decision, *data, *dbURL, *out, campaign.PrintRequest{
			Design: *design, Mode: certificate.Mode(*mode), Offset: certificate.Offset{X: *offX, Y: *offY}, AwardForm: *awardForm})
	}
	if *in == "" || *out == "" || *out == "-" {
		fmt.Fprintln(c.stderr, "vanban certificates: cần --in và --out (tệp .pdf hoặc .zip)")
		fs.Usage()
		return exitUsage
	}
	ext := strings.ToLower(filepath.Ext(*out))
	if ext != ".pdf" && ext != ".zip" {
		fmt.Fprintln(c.stderr, "vanban certificates: --out phải là tệp .pdf hoặc .zip")
		return exitUsage
	}
	a, err := newApp(c.getenv("VANBAN_TEMPLATES"), c.getenv)
	if err != nil {
		return c.report(err)
	}
	raw, err := c.readInput(*in)
	if err != nil {
		fmt.Fprintf(c.stderr, "vanban: %v\n", err)
		return exitError
	}
	var bar *progressbar.ProgressBar
	progress := func(done, total int) {}
	if f, ok := c.stderr.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		progress = func(done, total int) {
			if bar == nil {
				bar = progressbar.NewOptions(total, progressbar.OptionSetWriter(c.stderr), progressbar.OptionSetDescription("Đang in"), progressbar.OptionShowCount())
			}
			bar.Set(done)
		}
	}
	if *data != "" {
		_, closeReg, err := a.openRegistry(c.ctx, *data, *dbURL)
		if err != nil {
			return c.report(err)
		}
		defer closeReg()
	}
	printed, err := a.docs.PrintCertificates(c.ctx, paperwork.CertificateBatch{Data: raw, Files: a.docs.BatchFiles(c.ctx, filepath.Dir(*in)),
		Format: strings.TrimPrefix(ext, "."), Record: *data != "", Progress: progress})
	if bar != nil {
		bar.Finish()
		fmt.Fprintln(c.stderr)
	}
	if err != nil {
		return c.report(err)
	}
	c.warn(printed.Warnings)
	if err := c.writeOutput(*out, printed.Data); err != nil {
		fmt.Fprintf(c.stderr, "vanban: %v\n", err)
		return exitError
	}
	fmt.Fprintf(c.stderr, "vanban: đã in %d %s vào %s.\n", printed.Count, strings.ToLower(printed.Kind), *out)
	return exitOK
}

// certificatesOfDecision prints the certificates of an issued Quyết định
// from the register in dataDir (campaign.Printer.Print).
func (c *cli) certificatesOfDecision(ref, dataDir, dbURL, out string, req campaign.PrintRequest) int {
	if dataDir == "" || out == "" || out == "-" {
		fmt.Fprintln(c.stderr, "vanban certificates: --decision cần --data (thư mục dữ liệu có sổ văn bản đi) và --out (tệp .pdf hoặc .zip)")
		return exitUsage
	}
	req.Format = strings.TrimPrefix(strings.ToLower(filepath.Ext(out)), ".")
	if req.Format != "pdf" && req.Format != "zip" {
		fmt.Fprintln(c.stderr, "vanban certificates: --out phải là tệp .pdf hoặc .zip")
		return exitUsage
	}
	a, err := newApp(c.getenv("VANBAN_TEMPLATES"), c.getenv)
	if err != nil {
		return c.report(err)
	}
	_, closeReg, err := a.openRegistry(c.ctx, dataDir, dbURL)
	if err != nil {
		return c.report(err)
	}
	defer closeReg()
	p, err := a.printer.Print(c.ctx, ref, req)
	if err != nil {
		return c.report(err)
	}
	if err := c.writeOutput(out, p.Data); err != nil {
		fmt.Fprintf(c.stderr, "vanban: %v\n", err)
		return exitError
	}
	switch {
	case req.Mode == certificate.ModeCalibration:
		fmt.Fprintf(c.stderr, "vanban: đã in trang căn chỉnh của quyết định %s vào %s (không ghi sổ).\n", p.Decision.Ref(), out)
	case p.Reprint:
		fmt.Fprintf(c.stderr, "vanban: đã in lại %d giấy của quyết định %s vào %s (cùng mã, không ghi thêm vào sổ).\n", len(p.Certificates), p.Decision.Ref(), out)
	default:
		fmt.Fprintf(c.stderr, "vanban: đã in và ghi vào sổ %d giấy của quyết định %s vào %s.\n", len(p.Certificates), p.Decision.Ref(), out)
	}
	return exitOK
}
