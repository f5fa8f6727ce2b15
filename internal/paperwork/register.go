package paperwork

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/vanban/vanban/internal/apperr"
	"github.com/vanban/vanban/internal/nd30"
	"github.com/vanban/vanban/internal/registry"
	"github.com/vanban/vanban/internal/spreadsheet"
)

// ExportRegister writes the sổ đăng ký văn bản đi of a year as XLSX (the
// default) or PDF. agency selects the register ("" for the configured one).
func (s *Service) ExportRegister(ctx context.Context, agency string, year int, format string) (File, error) {
	if s.Register == nil {
		return File{}, apperr.New(apperr.Internal, "no_register", "export: no register wired")
	}
	recs, err := s.Register.Records(ctx, agency, year, "")
	if err != nil {
		return File{}, err
	}
	// The title names the agency in full when the service knows its name.
	title := recs[0].Agency
	if s.AgencyName != "" {
		title = nd30.Upper(s.AgencyName)
	}
	var buf bytes.Buffer
	name := fmt.Sprintf("so-van-ban-di-%d", year)
	switch strings.ToLower(format) {
	case "xlsx", "":
		if err := WriteRegisterXLSX(&buf, year, recs); err != nil {
			return File{}, apperr.Wrap(err, "export xlsx")
		}
		return File{Name: name + ".xlsx", ContentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", Data: buf.Bytes()}, nil
	case "pdf":
		r, ok := s.renderers[PDF]
		if !ok {
			return File{}, apperr.New(apperr.Internal, "no_renderer", "export: no PDF renderer wired")
		}
		if err := r.Render(&buf, registry.ExportDocument(title, year, recs)); err != nil {
			return File{}, apperr.Wrap(err, "export pdf")
		}
		return File{Name: name + ".pdf", ContentType: "application/pdf", Data: buf.Bytes()}, nil
	}
	return File{}, apperr.New(apperr.Unsupported, "unsupported_format", fmt.Sprintf("Định dạng %q không hỗ trợ; chọn xlsx hoặc pdf.", format))
}

// registerWidths are the XLSX column widths, in Excel character units, in
// the proportions of the printed register.
var registerWidths = []float64{16, 12, 48, 18, 30, 16, 9, 18}

// WriteRegisterXLSX writes the register of year as a one-sheet workbook with
// the columns of registry.ExportTable (header frozen, cells wrapped, Times
// New Roman 12, numbers kept as text so "05" keeps its zero).
func WriteRegisterXLSX(w io.Writer, year int, records []registry.Record) error {
	header, rows := registry.ExportTable(records)
	return spreadsheet.WriteTable(w, fmt.Sprintf("Sổ văn bản đi %d", year), header, rows,
		spreadsheet.TableOptions{Widths: registerWidths})
}
