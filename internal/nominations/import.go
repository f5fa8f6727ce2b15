// Package nominations imports lists of nominated collectives and individuals
// (danh sách đề nghị khen thưởng, spec §7.2) from XLSX and CSV files: it finds
// the header row by its Vietnamese titles, follows section rows ("I. TẬP
// THỂ", "II. CÁ NHÂN") and merged cells, converts legacy TCVN3 and VNI text
// to Unicode NFC (spec §8.1, §8.4), and returns the nominations with a report
// that names the sheet, row and column of every problem. No row is dropped
// silently: each row is imported, counted as empty, recognised as a section
// row, or reported.
package nominations

import (
	"context"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/unicode/norm"

	"github.com/vanban/vanban/internal/apperr"
	"github.com/vanban/vanban/internal/award"
	"github.com/vanban/vanban/internal/nd30"
	"github.com/vanban/vanban/internal/spreadsheet"
)

// Options tune an import.
type Options struct {
	// Catalogue matches the award form column to catalogue ids and is used to
	// validate the list. Required.
	Catalogue *award.Catalogue
	// PlanCriteria are the criteria of the campaign's plan; nil accepts the
	// award form's own criteria.
	PlanCriteria []award.Criterion
	// DefaultAwardForm is used when the list has no award form column or a
	// row leaves it blank (the form the Tờ trình proposes for everyone).
	DefaultAwardForm string
	// DefaultKind is used when a row is under no section row and the list
	// has no kind column.
	DefaultKind award.Kind
	// Limits bound the read; zero fields take spreadsheet.DefaultLimits.
	Limits spreadsheet.Limits
	// HeaderSearchRows is how many non-empty rows are searched for the
	// header; 20 when zero.
	HeaderSearchRows int
}

// Result is what an import returns: the nominations, in list order, and the
// report. Its JSON is the file `vanban import` writes.
type Result struct {
	Nominations []award.Nomination `json:"nominations"`
	Report      Report             `json:"report"`
}

// Report accounts for every row after a header row: Rows = Imported +
// SkippedEmpty + Sections + SkippedOther, and every skipped non-empty row
// has a problem naming it.
type Report struct {
	// Rows is the number of rows below the header rows, through the last
	// non-empty row, blank rows included.
	Rows         int `json:"rows"`
	Imported     int `json:"imported"`
	SkippedEmpty int `json:"skipped_empty"`
	// Sections counts section rows ("I. TẬP THỂ").
	Sections int `json:"sections"`
	// SkippedOther counts non-empty rows that did not become a nomination
	// (totals, group titles, rows without a name): each has a problem.
	SkippedOther int             `json:"skipped_other"`
	Errors       int             `json:"errors"`
	Warnings     int             `json:"warnings"`
	Problems     apperr.Problems `json:"problems"`
}

// NotImported says, for people, what the rows that did not become a
// nomination were: "2 dòng tiêu đề mục, 1 dòng trống"; "" when every row was
// imported. Rows = Imported + SkippedEmpty + Sections + SkippedOther.
func (r Report) NotImported() string {
	var parts []string
	if r.Sections > 0 {
		parts = append(parts, fmt.Sprintf("%d dòng tiêu đề mục", r.Sections))
	}
	if r.SkippedEmpty > 0 {
		parts = append(parts, fmt.Sprintf("%d dòng trống", r.SkippedEmpty))
	}
	if r.SkippedOther > 0 {
		parts = append(parts, fmt.Sprintf("%d dòng không phải đề nghị (xem phần cần xem lại)", r.SkippedOther))
	}
	return strings.Join(parts, ", ")
}

// Err returns an Invalid error carrying the problems when any of them is an
// error (generation must stop), else nil.
func (r *Result) Err() error {
	if r.Report.Errors == 0 {
		return nil
	}
	return &apperr.Error{Kind: apperr.Invalid, Code: "invalid_nominations",
		Detail:   fmt.Sprintf("Danh sách đề nghị khen thưởng có %d lỗi cần sửa.", r.Report.Errors),
		Problems: r.Report.Problems}
}

// Import reads a nomination list from an XLSX or CSV file named name (size
// in bytes, or -1). The error is non-nil when the file cannot be read as a
// nomination list at all (not a spreadsheet, too large, no header row); the
// Result then still carries the report when there is one. Row-level problems
// are in the Result; check Result.Err before generating documents. The import
// stops soon after ctx is done (the caller has gone, the deadline passed),
// with an error wrapping ctx.Err().
func Import(ctx context.Context, r io.Reader, name string, size int64, opts Options) (*Result, error) {
	wb, err := spreadsheet.Read(ctx, r, name, size, opts.Limits)
	if err != nil {
		return nil, err
	}
	return ImportWorkbook(wb, opts)
}

// ImportWorkbook imports an already read workbook.
func ImportWorkbook(wb *spreadsheet.Workbook, opts Options) (*Result, error) {
	if opts.Catalogue == nil {
		return nil, apperr.Wrap(fmt.Errorf("no award catalogue"), "import nominations")
	}
	if opts.HeaderSearchRows <= 0 {
		opts.HeaderSearchRows = 20
	}
	imp := &importer{opts: opts, wb: wb, res: &Result{Nominations: []award.Nomination{}, Report: Report{Problems: apperr.Problems{}}}}
	if wb.Charset == "windows-1252" {
		imp.warn("", 0, "", "not_utf8", "Tệp CSV không ở dạng UTF-8: các ô không thuộc bảng mã TCVN3/VNI được đọc theo bảng mã Windows-1258. Nên lưu lại tệp dưới dạng \"CSV UTF-8\".")
	}
	found := false
	var columns []map[string]string
	var firstIndex []int
	for _, sh := range wb.Sheets {
		firstIndex = append(firstIndex, len(imp.res.Nominations))
		cols, ok := imp.sheet(sh)
		columns = append(columns, cols)
		found = found || ok
	}
	rep := &imp.res.Report
	if !found {
		msg := "Không tìm thấy dòng tiêu đề của danh sách (cần có cột \"Họ và tên\" hoặc \"Tên tập thể/cá nhân\" và các cột như \"Chức vụ\", \"Đơn vị công tác\", \"Hình thức khen thưởng\") trong 20 dòng đầu của trang tính."
		rep.Problems = append(rep.Problems, apperr.Problem{Code: "no_header", Message: msg})
		imp.tally()
		return imp.res, &apperr.Error{Kind: apperr.Invalid, Code: "no_header", Detail: msg, Problems: rep.Problems}
	}
	// Validate the whole list; locate each problem at its row and column.
	for _, p := range award.Validate(imp.res.Nominations, opts.Catalogue, opts.PlanCriteria) {
		if p.Row > 0 && p.Column == "" {
			if i := nominationIndex(p.Field); i >= 0 {
				s := slices.IndexFunc(wb.Sheets, func(sh spreadsheet.Sheet) bool { return sh.Name == p.Sheet })
				if s >= 0 && i >= firstIndex[s] {
					p.Column = columns[s][fieldName(p.Field)]
				}
			}
		}
		rep.Problems = append(rep.Problems, p)
	}
	imp.tally()
	return imp.res, nil
}

var fieldRe = regexp.MustCompile(`^nominations\[(\d+)\]\.(\w+)$`)

func nominationIndex(field string) int {
	m := fieldRe.FindStringSubmatch(field)
	if m == nil {
		return -1
	}
	i, _ := strconv.Atoi(m[1])
	return i
}

func fieldName(field string) string {
	if m := fieldRe.FindStringSubmatch(field); m != nil {
		return m[2]
	}
	return ""
}

type importer struct {
	opts Options
	wb   *spreadsheet.Workbook
	res  *Result
}

func (imp *importer) tally() {
	rep := &imp.res.Report
	rep.Imported = len(imp.res.Nominations)
	rep.Errors, rep.Warnings = 0, 0
	for _, p := range rep.Problems {
		if p.Warning {
			rep.Warnings++
		} else {
			rep.Errors++
		}
	}
}

func (imp *importer) add(sheet string, row int, col, code, format string, args ...any) {
	imp.res.Report.Problems = append(imp.res.Report.Problems, apperr.Problem{Sheet: sheet, Row: row, Column: col, Code: code, Message: fmt.Sprintf(format, args...)})
}

func (imp *importer) warn(sheet string, row int, col, code, format string, args ...any) {
	imp.res.Report.Problems = append(imp.res.Report.Problems, apperr.Problem{Sheet: sheet, Row: row, Column: col, Code: code, Message: fmt.Sprintf(format, args...), Warning: true})
}

// header is the recognised header of a sheet.
type header struct {
	row      int          // last header row number (data starts below)
	roles    map[int]role // column → role
	cols     map[role]int // role → first column
	yearMode bool         // Nam/Nữ sub-columns under "Năm sinh" hold the year
}

func (h header) col(r role) int { return h.cols[r] }

// findHeader searches the first non-empty rows for the one naming the most
// known columns, a name column among them.
func (imp *importer) findHeader(sh spreadsheet.Sheet) (header, int, bool) {
	best, bestScore, bestIdx := header{}, 1, -1
	for i, r := range sh.Rows {
		if i >= imp.opts.HeaderSearchRows {
			break
		}
		h := header{row: r.Number, roles: map[int]role{}, cols: map[role]int{}}
		for c := range r.Cells {
			v := imp.text(sh.Name, r.Number, c+1, r.Cells[c], false)
			if rl := headerRole(v); rl != roleNone {
				h.roles[c+1] = rl
				if _, dup := h.cols[rl]; !dup {
					h.cols[rl] = c + 1
				}
			}
		}
		if _, ok := h.cols[roleName]; ok && len(h.cols) > bestScore {
			best, bestScore, bestIdx = h, len(h.cols), i
		}
	}
	return best, bestIdx, bestIdx >= 0
}

// sheet imports one sheet; it returns the column letter of each nomination
// field and whether a header was found.
func (imp *importer) sheet(sh spreadsheet.Sheet) (map[string]string, bool) {
	if len(sh.Rows) == 0 {
		return nil, false
	}
	h, idx, ok := imp.findHeader(sh)
	if !ok {
		imp.warn(sh.Name, 0, "", "no_header", "Trang tính %q không có dòng tiêu đề danh sách nên không được đọc (%d dòng có dữ liệu).", sh.Name, len(sh.Rows))
		return nil, false
	}
	rows := sh.Rows[idx+1:]
	// A second header row: "Nam" / "Nữ" under "Giới tính" or "Năm sinh",
	// or cells still covered by the titles' vertical merges.
	if len(rows) > 0 && rows[0].Number == h.row+1 && imp.isSubHeader(sh, rows[0], h) {
		r := rows[0]
		for c := range r.Cells {
			cell := r.Cells[c]
			if cell.Covered(r.Number, c+1) {
				continue
			}
			rl := headerRole(imp.text(sh.Name, r.Number, c+1, cell, false))
			if rl == roleNone {
				continue
			}
			parent := h.roles[c+1]
			if (rl == roleMale || rl == roleFemale) && parent == roleBirthYear {
				h.yearMode = true
			}
			h.roles[c+1] = rl
			if _, dup := h.cols[rl]; !dup {
				h.cols[rl] = c + 1
			}
		}
		h.row = r.Number
		rows = rows[1:]
	}
	if len(rows) > 0 && rows[0].Number == h.row+1 && isColumnNumbers(rows[0]) {
		imp.warn(sh.Name, rows[0].Number, "", "column_numbers_row", "Dòng đánh số cột (1), (2), (3)… được bỏ qua.")
		h.row = rows[0].Number
		rows = rows[1:]
	}
	if h.cols[roleSTT] == 0 && h.cols[roleName] == 0 {
		return nil, false
	}
	imp.sheetWarnings(sh, h)
	cols := fieldColumns(h)

	rep := &imp.res.Report
	last := h.row
	for i := len(rows) - 1; i >= 0; i-- {
		if !rows[i].Empty() {
			last = rows[i].Number
			break
		}
	}
	rep.Rows += last - h.row
	kind := imp.opts.DefaultKind
	next := h.row + 1
	for _, r := range rows {
		if r.Number > last {
			break
		}
		rep.SkippedEmpty += r.Number - next // rows absent from the file
		next = r.Number + 1
		if k, handled := imp.row(sh, h, r, kind); handled {
			if k != "" {
				kind = k
			}
		}
	}
	return cols, true
}

func (imp *importer) isSubHeader(sh spreadsheet.Sheet, r spreadsheet.Row, h header) bool {
	known := 0
	for c, cell := range r.Cells {
		v := strings.TrimSpace(cell.Value)
		if v == "" {
			continue
		}
		if cell.Covered(r.Number, c+1) && cell.Merge.StartRow <= h.row {
			continue
		}
		if headerRole(imp.text(sh.Name, r.Number, c+1, cell, false)) == roleNone {
			return false
		}
		known++
	}
	return known > 0
}

func isColumnNumbers(r spreadsheet.Row) bool {
	n := 0
	for _, c := range r.Cells {
		v := strings.TrimSpace(c.Value)
		if v == "" {
			continue
		}
		if !columnNumberRe.MatchString(v) {
			return false
		}
		n++
	}
	return n >= 3
}

func (imp *importer) sheetWarnings(sh spreadsheet.Sheet, h header) {
	name := func(r role) string { return roleNames[r] }
	for c, rl := range h.roles {
		if first := h.cols[rl]; first != c {
			imp.warn(sh.Name, h.row, spreadsheet.ColumnName(c), "duplicate_column", "Cột %s lặp lại tiêu đề \"%s\" của cột %s nên bị bỏ qua.", spreadsheet.ColumnName(c), name(rl), spreadsheet.ColumnName(first))
		}
	}
	if h.cols[roleGender] == 0 && h.cols[roleMale] == 0 && h.cols[roleFemale] == 0 {
		imp.warn(sh.Name, h.row, "", "missing_column", "Không có cột \"Giới tính\" (hoặc \"Nam\"/\"Nữ\"): cần giới tính của từng cá nhân để ghi Ông/Bà.")
	} else if h.cols[roleFemale] != 0 && h.cols[roleMale] == 0 && h.cols[roleGender] == 0 && !h.yearMode {
		imp.warn(sh.Name, h.row, spreadsheet.ColumnName(h.cols[roleFemale]), "female_column_only", "Chỉ có cột \"Nữ\": cá nhân để trống cột này được hiểu là Nam.")
	}
	if h.cols[roleAwardForm] == 0 && imp.opts.DefaultAwardForm == "" {
		imp.warn(sh.Name, h.row, "", "missing_column", "Không có cột \"Hình thức khen thưởng\" và chưa chọn hình thức mặc định.")
	}
	if h.cols[roleUnit] == 0 && h.cols[rolePositionUnit] == 0 && h.cols[roleParentUnit] == 0 {
		imp.warn(sh.Name, h.row, "", "missing_column", "Không có cột \"Đơn vị công tác\".")
	}
}

func fieldColumns(h header) map[string]string {
	m := map[string]string{}
	set := func(field string, roles ...role) {
		for _, r := range roles {
			if c := h.cols[r]; c != 0 {
				m[field] = spreadsheet.ColumnName(c)
				return
			}
		}
	}
	set("name", roleName)
	set("gender", roleGender, roleFemale, roleMale)
	set("birthYear", roleBirthYear, roleMale, roleFemale)
	set("position", rolePosition, rolePositionUnit)
	set("unit", roleUnit, rolePositionUnit, roleParentUnit)
	set("parentUnit", roleParentUnit, roleUnit, rolePositionUnit)
	set("awardForm", roleAwardForm)
	set("summary", roleSummary)
	set("criterion", roleCriterion)
	set("kind", roleKind)
	return m
}

// text returns the cell's text in NFC with legacy encodings converted. With
// report set, a conversion or a formula is reported as a warning (once per
// merged range).
func (imp *importer) text(sheet string, row, col int, c spreadsheet.Cell, report bool) string {
	v, enc := imp.decode(c)
	if report {
		imp.reportCell(sheet, row, col, c, v, enc)
	}
	return v
}

// decode converts a cell's value (legacy encodings, NFC, spacing).
func (imp *importer) decode(c spreadsheet.Cell) (string, Encoding) {
	if c.Value == "" {
		return "", NoLegacy
	}
	var plain func(string) string
	if imp.wb.Charset == "windows-1252" {
		plain = windows1258
	}
	v, enc, _ := decodeCell(c.Value, c.Font, plain)
	return award.CleanText(v), enc
}

func (imp *importer) reportCell(sheet string, row, col int, c spreadsheet.Cell, v string, enc Encoding) {
	if v == "" || c.Covered(row, col) {
		return
	}
	ref := spreadsheet.ColumnName(col)
	if enc != NoLegacy {
		font := ""
		if c.Font != "" {
			font = " (phông " + c.Font + ")"
		}
		imp.warn(sheet, row, ref, "legacy_encoding", "Ô %s%d gõ theo bảng mã %s%s đã được chuyển sang Unicode: \"%s\". Hãy kiểm tra lại.", ref, row, enc, font, excerpt(v))
	}
	if c.Formula {
		imp.warn(sheet, row, ref, "formula", "Ô %s%d là công thức: dùng giá trị đã tính \"%s\".", ref, row, excerpt(v))
	}
}

// windows1258 re-reads a value of an 8-bit CSV file with the Vietnamese
// Windows code page, which Excel uses for "CSV" on Vietnamese Windows.
func windows1258(s string) string {
	b, ok := spreadsheet.Bytes(s)
	if !ok {
		return s
	}
	d, err := charmap.Windows1258.NewDecoder().Bytes(b)
	if err != nil {
		return s
	}
	return norm.NFC.String(string(d))
}

func excerpt(s string) string {
	if utf8.RuneCountInString(s) > 80 {
		return string([]rune(s)[:80]) + "…"
	}
	return s
}

// row handles one data row; it returns the section kind when the row is a
// section row.
func (imp *importer) row(sh spreadsheet.Sheet, h header, r spreadsheet.Row, kind award.Kind) (award.Kind, bool) {
	rep := &imp.res.Report
	if r.Empty() {
		rep.SkippedEmpty++
		return "", false
	}
	// Each cell is decoded once; warnings are reported for the cells used.
	texts := make([]string, len(r.Cells))
	encs := make([]Encoding, len(r.Cells))
	reported := make([]bool, len(r.Cells))
	var values []string // distinct non-empty values (merged title rows repeat one)
	for c, cell := range r.Cells {
		texts[c], encs[c] = imp.decode(cell)
		if v := texts[c]; v != "" && len(values) < 3 && !slices.Contains(values, v) {
			values = append(values, v)
		}
	}
	get := func(rl role, report bool) string {
		c := h.col(rl)
		if c == 0 || c > len(texts) {
			return ""
		}
		if report && !reported[c-1] {
			reported[c-1] = true
			imp.reportCell(sh.Name, r.Number, c, r.Cells[c-1], texts[c-1], encs[c-1])
		}
		return texts[c-1]
	}
	stt := get(roleSTT, false)
	if len(values) == 1 || len(values) == 2 && stt != "" && values[0] == stt {
		// a section row: one text, or a number and a text
		text := values[len(values)-1]
		if k, ok := sectionKind(text); ok {
			rep.Sections++
			return k, true
		}
		if len(values) == 2 {
			if k, ok := sectionKind(stt + ". " + text); ok {
				rep.Sections++
				return k, true
			}
		}
	}
	first := values[0]
	if totalRe.MatchString(nd30.Fold(first)) && get(roleName, false) == "" || totalInNameRe.MatchString(nd30.Fold(get(roleName, false))) {
		rep.SkippedOther++
		imp.warn(sh.Name, r.Number, "", "total_row", "Dòng tổng cộng \"%s\" được bỏ qua.", excerpt(strings.Join(values, " ")))
		return "", false
	}
	name := get(roleName, true)
	nameCol := spreadsheet.ColumnName(h.col(roleName))
	if name == "" {
		rep.SkippedOther++
		if stt != "" && columnNumberRe.MatchString(strings.Trim(stt, ".")) {
			imp.add(sh.Name, r.Number, nameCol, "missing_name", "Dòng có số thứ tự %s nhưng thiếu tên tập thể/họ và tên: dòng không được nhập.", stt)
		} else {
			imp.warn(sh.Name, r.Number, nameCol, "row_without_name", "Dòng không có tên tập thể/họ và tên nên được bỏ qua: \"%s\".", excerpt(strings.Join(values, " | ")))
		}
		return "", false
	}
	if isMergedTitle(r, h) {
		rep.SkippedOther++
		imp.warn(sh.Name, r.Number, nameCol, "group_row", "Dòng tiêu đề nhóm \"%s\" được bỏ qua.", excerpt(name))
		return "", false
	}
	n := award.Nomination{Name: name, Source: &award.Source{Sheet: sh.Name, Row: r.Number}}
	// Kind: kind column, else section, else default, else a guess.
	if kv := get(roleKind, true); kv != "" {
		switch fk := nd30.Fold(kv); {
		case strings.Contains(fk, "tap the") || fk == "tt":
			kind = award.Collective
		case strings.Contains(fk, "ca nhan") || fk == "cn":
			kind = award.Individual
		default:
			rep.SkippedOther++
			imp.add(sh.Name, r.Number, spreadsheet.ColumnName(h.col(roleKind)), "invalid_kind", "Không hiểu loại đối tượng \"%s\" (ghi \"Tập thể\" hoặc \"Cá nhân\"): dòng không được nhập.", excerpt(kv))
			return "", false
		}
	}
	gender, gOK := imp.gender(sh, h, r, &n)
	// "Bà Nguyễn Thị C" in the name column: the word is the gender, not part
	// of the name (else the documents print "Bà Bà Nguyễn Thị C").
	if _, g, found := award.SplitHonorific(name); found && kind != award.Collective {
		n.Kind, n.Gender = award.Individual, gender
		p, _ := n.TakeHonorific("name")
		p.Column = nameCol
		imp.res.Report.Problems = append(imp.res.Report.Problems, p)
		if p.Warning {
			gender, gOK = g, true
		} else {
			rep.SkippedOther++
			return "", false
		}
	}
	if kind == "" {
		switch {
		case gender != "" || n.BirthYear != 0:
			kind = award.Individual
		case looksCollective(name):
			kind = award.Collective
			imp.warn(sh.Name, r.Number, nameCol, "kind_guessed", "Không có dòng \"I. TẬP THỂ\"/\"II. CÁ NHÂN\" phía trên: \"%s\" được hiểu là tập thể.", excerpt(name))
		default:
			rep.SkippedOther++
			imp.add(sh.Name, r.Number, nameCol, "unknown_kind", "Không xác định được \"%s\" là tập thể hay cá nhân: thêm dòng \"I. TẬP THỂ\"/\"II. CÁ NHÂN\" hoặc cột Giới tính.", excerpt(name))
			return "", false
		}
	}
	n.Kind = kind
	if kind == award.Individual && gOK {
		n.Gender = gender
	}
	position, unit, parent := get(rolePosition, true), get(roleUnit, true), get(roleParentUnit, true)
	if pu := get(rolePositionUnit, true); pu != "" {
		if kind == award.Individual && position == "" && unit == "" {
			if p, u, ok := strings.Cut(pu, ", "); ok {
				position, unit = p, u
			} else {
				unit = pu
			}
		} else if unit == "" {
			unit = pu
		}
	}
	if kind == award.Individual {
		n.Position, n.Unit = position, unit
		if n.Unit == "" {
			n.Unit = parent
		}
	} else {
		n.ParentUnit = parent
		if n.ParentUnit == "" {
			n.ParentUnit = unit
		}
	}
	n.Summary = get(roleSummary, true)
	n.Criterion = get(roleCriterion, true)
	n.Note = get(roleNote, true)
	if form := get(roleAwardForm, true); form != "" {
		if f, ok := imp.opts.Catalogue.MatchForm(form); ok {
			n.AwardForm = f.ID
		} else if f, ok := imp.opts.Catalogue.Closest(form); ok {
			n.AwardForm = f.ID
			imp.warn(sh.Name, r.Number, spreadsheet.ColumnName(h.col(roleAwardForm)), "award_form_corrected", "Hình thức \"%s\" được hiểu là \"%s\" (gần đúng chính tả): kiểm tra lại.", excerpt(form), f.Name)
		} else {
			n.AwardForm = form
		}
	} else {
		n.AwardForm = imp.opts.DefaultAwardForm
	}
	if c := h.col(roleBirthYear); c != 0 && !h.yearMode {
		if v := get(roleBirthYear, true); v != "" {
			if y, exact, ok := parseYear(v); ok {
				n.BirthYear = y
				if !exact {
					imp.warn(sh.Name, r.Number, spreadsheet.ColumnName(c), "year_from_date", "Năm sinh lấy từ \"%s\": %d.", excerpt(v), y)
				}
			} else {
				imp.add(sh.Name, r.Number, spreadsheet.ColumnName(c), "invalid_year", "Năm sinh \"%s\" không đọc được: ghi năm bằng 4 chữ số, ví dụ 1980.", excerpt(v))
			}
		}
	}
	imp.res.Nominations = append(imp.res.Nominations, n)
	return "", false
}

// isMergedTitle reports a row whose only content is one merged cell spanning
// several columns (a group title such as "Khối cơ quan Sở").
func isMergedTitle(r spreadsheet.Row, h header) bool {
	var m *spreadsheet.Merge
	for _, c := range r.Cells {
		if strings.TrimSpace(c.Value) == "" {
			continue
		}
		if c.Merge == nil || m != nil && c.Merge != m {
			return false
		}
		m = c.Merge
	}
	return m != nil && m.EndCol-m.StartCol >= 2 && m.StartRow == m.EndRow
}

// gender reads the gender (and, under "Năm sinh" → Nam/Nữ, the birth year).
// ok is false when the row states no gender.
func (imp *importer) gender(sh spreadsheet.Sheet, h header, r spreadsheet.Row, n *award.Nomination) (award.Gender, bool) {
	cell := func(rl role) (string, int) {
		c := h.col(rl)
		if c == 0 {
			return "", 0
		}
		return imp.text(sh.Name, r.Number, c, r.Cell(c), true), c
	}
	if v, c := cell(roleGender); v != "" {
		switch nd30.Fold(v) {
		case "nam", "m", "male", "ong", "trai":
			return award.Male, true
		case "nu", "f", "female", "ba", "gai":
			return award.Female, true
		}
		imp.add(sh.Name, r.Number, spreadsheet.ColumnName(c), "invalid_gender", "Giới tính \"%s\" không hiểu được: ghi \"Nam\" hoặc \"Nữ\".", excerpt(v))
		return "", false
	}
	male, mc := cell(roleMale)
	female, fc := cell(roleFemale)
	year := func(v string, c int) {
		if y, _, ok := parseYear(v); ok {
			n.BirthYear = y
		} else if h.yearMode {
			imp.add(sh.Name, r.Number, spreadsheet.ColumnName(c), "invalid_year", "Năm sinh \"%s\" không đọc được: ghi năm bằng 4 chữ số, ví dụ 1980.", excerpt(v))
		}
	}
	switch {
	case male != "" && female != "":
		imp.add(sh.Name, r.Number, spreadsheet.ColumnName(mc), "invalid_gender", "Đánh dấu cả cột Nam và cột Nữ.")
		return "", false
	case male != "":
		year(male, mc)
		return award.Male, true
	case female != "":
		year(female, fc)
		return award.Female, true
	case fc != 0 && mc == 0 && !h.yearMode:
		return award.Male, true // sheet warning: a blank Nữ column means Nam
	}
	return "", false
}

var yearRe = regexp.MustCompile(`(?:^|\D)((?:19|20)\d\d)(?:\D|$)`)

// parseYear reads a birth year: "1980", "1980.0", or a date typed as text
// ("12/05/1980", "1980-05-12"); exact is false when the year was taken out
// of a longer text.
func parseYear(v string) (year int, exact, ok bool) {
	v = strings.TrimSpace(v)
	if y, err := strconv.Atoi(strings.TrimSuffix(v, ".0")); err == nil && y >= 1900 && y <= 2100 {
		return y, true, true
	}
	m := yearRe.FindStringSubmatch(v)
	if m == nil {
		return 0, false, false
	}
	y, _ := strconv.Atoi(m[1])
	return y, false, true
}
