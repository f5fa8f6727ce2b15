package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"

	"github.com/vanban/vanban/internal/apperr"
	"github.com/vanban/vanban/internal/award"
	"github.com/vanban/vanban/internal/campaign"
)

func (c *cli) importList(args []string) int {
	fs := c.flags("import", "import --in DS.xlsx|DS.csv --out DS.json [--award-form ID] [--kind tap-the|ca-nhan]\n       vanban import --template MAU.xlsx   (mẫu Excel để các đơn vị điền)")
	template := fs.String("template", "", "ghi mẫu Excel danh sách đề nghị (cột Giới tính, danh sách chọn hình thức khen thưởng) vào tệp này")
	in := fs.String("in", "", "danh sách đề nghị khen thưởng (.xlsx hoặc .csv)")
	out := fs.String("out", "", "tệp JSON kết quả (danh sách và báo cáo), hoặc - để ghi stdout")
	form := fs.String("award-form", "", "hình thức khen thưởng cho các dòng để trống (mã trong danh mục)")
	kind := fs.String("kind", "", "tập thể (tap-the) hay cá nhân (ca-nhan) cho các dòng không thuộc mục nào")
	if code, ok := parse(fs, args); !ok {
		return code
	}
	if *template != "" {
		a, err := newApp(c.getenv("VANBAN_TEMPLATES"), c.getenv)
		if err != nil {
			return c.report(err)
		}
		data, err := campaign.TemplateXLSX(a.catalogue)
		if err != nil {
			return c.report(err)
		}
		if err := c.writeOutput(*template, data); err != nil {
			fmt.Fprintf(c.stderr, "vanban: %v\n", err)
			return exitError
		}
		fmt.Fprintf(c.stderr, "vanban: đã ghi mẫu danh sách đề nghị vào %s.\n", *template)
		return exitOK
	}
	if *in == "" || *out == "" {
		fmt.Fprintln(c.stderr, "vanban import: cần --in và --out")
		fs.Usage()
		return exitUsage
	}
	a, err := newApp(c.getenv("VANBAN_TEMPLATES"), c.getenv)
	if err != nil {
		return c.report(err)
	}
	f, err := os.Open(*in)
	if err != nil {
		fmt.Fprintf(c.stderr, "vanban: không mở được tệp %s: %v\n", *in, err)
		return exitError
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return c.report(apperr.Wrap(err, "import"))
	}
	res, err := a.docs.ImportNominations(c.ctx, f, filepath.Base(*in), st.Size(), *form, award.Kind(*kind))
	if err != nil {
		return c.report(err)
	}
	data, err := json.MarshalIndent(res, "", "  ")
	if err != nil {
		return c.report(apperr.Wrap(err, "import"))
	}
	if err := c.writeOutput(*out, append(data, '\n')); err != nil {
		fmt.Fprintf(c.stderr, "vanban: %v\n", err)
		return exitError
	}
	r := res.Report
	fmt.Fprintf(c.stderr, "vanban: đã đọc %d dòng: %d tập thể, cá nhân; %d dòng trống; %d dòng tiêu đề mục; %d dòng không nhập được; %d lỗi, %d cảnh báo.\n",
		r.Rows, r.Imported, r.SkippedEmpty, r.Sections, r.SkippedOther, r.Errors, r.Warnings)
	if err := res.Err(); err != nil {
		return c.report(err)
	}
	c.warn(r.Problems)
	return exitOK
}
