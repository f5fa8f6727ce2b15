package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"

	"github.com/vanban/vanban/internal/apperr"
	"github.com/vanban/vanban/internal/campaign"
	"github.com/vanban/vanban/internal/certificate"
	"github.com/vanban/vanban/internal/documents"
	"github.com/vanban/vanban/internal/pdf/certpdf"
)

// batchFiles reads the files a batch names, relative to the batch's
// directory; a nomination list in XLSX or CSV is imported on the way, so a
// batch can point straight at the spreadsheet the units sent.
func (a *app) batchFiles(dir string) certificate.ReadFile {
	return func(name string) ([]byte, error) {
		path := name
		if !filepath.IsAbs(path) {
			path = filepath.Join(dir, name)
		}
		switch strings.ToLower(filepath.Ext(path)) {
		case ".xlsx", ".csv":
			f, err := os.Open(path)
			if err != nil {
				return nil, err
			}
			defer f.Close()
			st, err := f.Stat()
			if err != nil {
				return nil, err
			}
			res, err := a.importList(f, filepath.Base(path), st.Size(), "", "")
			if err != nil {
				return nil, err
			}
			if err := res.Err(); err != nil {
				return nil, err
			}
			return json.Marshal(res)
		}
		return os.ReadFile(path)
	}
}

// certificateJob validates a batch completely (every recipient fits) and
// prepares its numbers and UUIDs; nothing is written yet.
func (a *app) certificateJob(data []byte, files certificate.ReadFile, progress func(done, total int)) (*certificate.Job, *certificate.Batch, error) {
	b, err := certificate.ParseBatch(data, files)
	if err != nil {
		return nil, nil, err
	}
	if b.Decision.NumberWidth == 0 {
		// The decision's number as the register wrote it (VANBAN_NUMBER_PADDING).
		cfg, err := registryConfig(a.getenv)
		if err != nil {
			return nil, nil, apperr.New(apperr.Invalid, "invalid_config", err.Error())
		}
		b.Decision.NumberWidth = cfg.Padding
	}
	if b.QR.Enabled && b.QR.BaseURL == "" {
		// The service's public address (VANBAN_VERIFY_BASE_URL) when the
		// batch names none.
		b.QR.BaseURL = a.getenv("VANBAN_VERIFY_BASE_URL")
	}
	job, err := certificate.Generator{PDF: certpdf.New(a.fonts), Metrics: a.metrics, Progress: progress}.Prepare(b)
	if err != nil {
		return nil, nil, err
	}
	return job, b, nil
}

func (c *cli) certificates(args []string) int {
	fs := c.flags("certificates", "certificates --in LÔ.json --out FILE.pdf|FILE.zip [--data DIR]\n       vanban certificates --data DIR --decision UUID|05/QĐ-SVHTTDL --out FILE.pdf|FILE.zip [--mode full|overprint|calibration]")
	in := fs.String("in", "", "tệp lô giấy khen/bằng khen (JSON)")
	decision := fs.String("decision", "", "in từ một quyết định đã ban hành trong sổ (UUID hoặc số, ký hiệu \"05/QĐ-SVHTTDL\"); cần --data. In lại dùng đúng các giấy đã ghi")
	mode := fs.String("mode", "", "với --decision: full (mặc định), overprint (in lên phôi) hoặc calibration (trang căn chỉnh)")
	design := fs.String("design", "", "với --decision: giay-khen hoặc bang-khen (mặc định theo hình thức khen thưởng)")
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
			Design: *design, Mode: certificate.Mode(*mode), Offset: certificate.Offset{X: *offX, Y: *offY}})
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
	a, err := newApp(c.getenv("VANBAN_TEMPLATES"))
	if err != nil {
		return c.report(err)
	}
	a.getenv = c.getenv
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
	job, b, err := a.certificateJob(raw, a.batchFiles(filepath.Dir(*in)), progress)
	if err != nil {
		return c.report(err)
	}
	c.warn(b.Warnings())
	var buf bytes.Buffer
	if ext == ".pdf" {
		err = job.WritePDF(&buf)
	} else {
		err = job.WriteZIP(&buf)
	}
	if bar != nil {
		bar.Finish()
		fmt.Fprintln(c.stderr)
	}
	if err != nil {
		return c.report(err)
	}
	// The calibration page certifies nobody: nothing to record.
	if *data != "" && b.Mode != certificate.ModeCalibration {
		reg, closeReg, err := a.openRegistry(c.ctx, *data, *dbURL)
		if err != nil {
			return c.report(err)
		}
		defer closeReg()
		if err := a.recordCertificates(c.ctx, reg, b, job); err != nil {
			return c.report(err)
		}
	}
	if err := c.writeOutput(*out, buf.Bytes()); err != nil {
		fmt.Fprintf(c.stderr, "vanban: %v\n", err)
		return exitError
	}
	fmt.Fprintf(c.stderr, "vanban: đã in %d %s vào %s.\n", len(job.Issued()), strings.ToLower(b.Kind.Title()), *out)
	return exitOK
}

// certificateService serves POST /v1/certificates.
type certificateService struct {
	a   *app
	reg registryRecorder
}

func (s certificateService) RenderBatch(ctx context.Context, data []byte, format string) (documents.File, error) {
	job, b, err := s.a.certificateJob(data, nil, nil)
	if err != nil {
		return documents.File{}, err
	}
	if err := ctx.Err(); err != nil {
		return documents.File{}, apperr.Wrap(err, "certificates")
	}
	var buf bytes.Buffer
	name := fmt.Sprintf("%s-%d-%s", strings.ToLower(strings.ReplaceAll(b.Kind.Title(), " ", "-")), b.Decision.Number, b.Decision.Symbol)
	file := documents.File{}
	switch format {
	case "", "pdf":
		err = job.WritePDF(&buf)
		file.Name, file.ContentType = name+".pdf", "application/pdf"
	case "zip":
		err = job.WriteZIP(&buf)
		file.Name, file.ContentType = name+".zip", "application/zip"
	default:
		return documents.File{}, apperr.New(apperr.Unsupported, "unsupported_format", fmt.Sprintf("Định dạng %q không hỗ trợ; chọn pdf hoặc zip.", format))
	}
	if err != nil {
		return documents.File{}, err
	}
	if s.reg != nil && b.Mode != certificate.ModeCalibration {
		if err := s.reg(ctx, b, job); err != nil {
			return documents.File{}, err
		}
	}
	file.Data, file.Warnings = buf.Bytes(), b.Warnings()
	return file, nil
}

// registryRecorder records a batch's certificates in the register.
type registryRecorder func(ctx context.Context, b *certificate.Batch, job *certificate.Job) error

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
	a, err := newApp(c.getenv("VANBAN_TEMPLATES"))
	if err != nil {
		return c.report(err)
	}
	a.getenv = c.getenv
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
