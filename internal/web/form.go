package web

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/url"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/vanban/vanban/internal/apperr"
	"github.com/vanban/vanban/internal/nd30"
)

// The drafting form is made from the kind's JSON Schema: one field per
// property, named by its JSON path ("agency.name", "signer.title"), so that
// a problem reported at a path is shown beside the field of that path. Any
// kind registered in documents gets a form without code here; the labels of
// the usual fields are in the officers' words, the rest from the schema's
// description.

// field is one input of the form.
type field struct {
	Path  string // JSON path, also the input's name
	ID    string // element id
	Label string
	Hint  string
	// Control is "text", "textarea", "body", "number", "select", "checkbox",
	// "lines" (one array item per line) or "json" (any other value).
	Control  string
	Options  []option
	Value    string
	Checked  bool
	Rows     int
	Required bool
	// Placeholder shows the example's words in an empty field ("Ví dụ: …").
	Placeholder string
	Problems    []apperr.Problem
	// Lines are body line markers: problem messages keyed by line number.
	Lines []lineProblem
}

type option struct{ Value, Label string }

type lineProblem struct {
	Line    int
	Message string
	Warning bool
}

// group is a fieldset of the form.
type group struct {
	Title  string
	Fields []*field
	// Advanced groups are folded (<details>) unless they hold a problem.
	Advanced bool
}

// HasProblem reports a problem in the group.
func (g group) HasProblem() bool {
	for _, f := range g.Fields {
		if len(f.Problems) > 0 || len(f.Lines) > 0 {
			return true
		}
	}
	return false
}

// schemaNode is the part of JSON Schema the form reads.
type schemaNode struct {
	Type        any                    `json:"type"`
	Description string                 `json:"description"`
	Enum        []any                  `json:"enum"`
	Const       any                    `json:"const"`
	Properties  map[string]*schemaNode `json:"properties"`
	Items       *schemaNode            `json:"items"`
	Required    []string               `json:"required"`
	MaxLength   int                    `json:"maxLength"`
	ReadOnly    bool                   `json:"readOnly"`
	Format      string                 `json:"format"`
}

func (n *schemaNode) types() []string {
	switch t := n.Type.(type) {
	case string:
		return []string{t}
	case []any:
		var out []string
		for _, x := range t {
			if s, ok := x.(string); ok {
				out = append(out, s)
			}
		}
		return out
	}
	if len(n.Enum) > 0 {
		return []string{"string"}
	}
	return nil
}

func (n *schemaNode) is(t string) bool {
	for _, x := range n.types() {
		if x == t {
			return true
		}
	}
	return false
}

// labels are the usual fields in the officers' words.
var labels = map[string]string{
	"agency":                  "Cơ quan ban hành",
	"agency.parent":           "Cơ quan chủ quản",
	"agency.name":             "Tên cơ quan ban hành",
	"agency.abbreviation":     "Chữ viết tắt tên cơ quan (trong ký hiệu)",
	"agency.place":            "Địa danh",
	"agency.headerLines":      "Ngắt dòng tên cơ quan ở phần đầu (mỗi dòng một dòng)",
	"number":                  "Số",
	"numberWidth":             "Số chữ số của số văn bản",
	"date":                    "Ngày ban hành",
	"urgency":                 "Độ khẩn",
	"summary":                 "Trích yếu nội dung",
	"body":                    "Nội dung",
	"kinhGui":                 "Kính gửi (mỗi dòng một nơi)",
	"signer.authority":        "Thẩm quyền ký",
	"signer.on":               "Ký thay, thay mặt cho (chức vụ, tập thể)",
	"signer.title":            "Chức vụ người ký",
	"signer.name":             "Họ và tên người ký",
	"signer.inner.authority":  "Cấp thứ hai sau TM. (hình thức hai cấp)",
	"signers.authority":       "Thẩm quyền ký",
	"signers.on":              "Ký thay, thay mặt cho",
	"signers.title":           "Chức vụ",
	"signers.name":            "Họ và tên",
	"signers.default":         "Người ký mặc định",
	"signers.inner.authority": "Cấp thứ hai sau TM.: thẩm quyền",
	"signers.inner.on":        "Cấp thứ hai sau TM.: chức vụ",
	"signer.inner.on":         "Cấp thứ hai: chức vụ (ví dụ Chủ tịch)",
	"id":                      "Mã hồ sơ (chữ thường không dấu, ví dụ svhttdl-lai-chau)",
	"awards.kinhGui":          "Kính gửi của Tờ trình (mỗi dòng một nơi)",
	"awards.proposal":         "Theo đề nghị của (Quyết định)",
	"awards.implementers":     "Người thi hành (Điều 3)",
	"awards.funding":          "Nguồn kinh phí khen thưởng",
	"awards.baseSalary":       "Mức lương cơ sở (đồng)",
	"recipients":              "Nơi nhận (mỗi dòng một nơi)",
	"archive":                 "Đơn vị lưu, sau “Lưu: VT,” (mỗi dòng một đơn vị)",
	"profile":                 "Cỡ chữ Quốc hiệu, Tiêu ngữ",
	"margins.top":             "Lề trên (mm)",
	"margins.bottom":          "Lề dưới (mm)",
	"margins.left":            "Lề trái (mm)",
	"margins.right":           "Lề phải (mm)",
	"achievement":             "Thành tích",
	"awardForm":               "Hình thức khen thưởng (mã)",
	"baseSalary":              "Mức lương cơ sở (đồng)",
	"meeting":                 "Biên bản họp Hội đồng Thi đua - Khen thưởng",
	"nominations":             "Danh sách đề nghị (dữ liệu JSON)",
	"legalBases":              "Căn cứ (dữ liệu JSON)",
	"funding":                 "Nguồn kinh phí",
	"goldBookStart":           "Số sổ vàng đầu tiên",
	"implementers":            "Người thi hành (đầu Điều 3)",
	"issuerTitle":             "Thẩm quyền ban hành",
	"proposal":                "Theo đề nghị của",
	"plan.number":             "Số của Kế hoạch phát động",
	"plan.symbol":             "Ký hiệu của Kế hoạch",
	"plan.date":               "Ngày của Kế hoạch",
	"plan.issuer":             "Cơ quan ban hành Kế hoạch",
	"plan.summary":            "Trích yếu của Kế hoạch",
	"plan.criteria":           "Tiêu chuẩn của Kế hoạch (dữ liệu JSON)",
	"list.electronic":         "Bản điện tử: để trống số, ngày ở dòng “Kèm theo”",
	"list.portrait":           "Danh sách khổ dọc",
	"list.sort":               "Thứ tự danh sách",
	"list.order":              "Thứ tự nhóm (dữ liệu JSON)",
}

var enumLabels = map[string]string{
	"":             "(không)",
	"khan":         "Khẩn",
	"thuong-khan":  "Thượng khẩn",
	"hoa-toc":      "Hỏa tốc",
	"12/13":        "12/13",
	"13/14":        "13/14",
	"input":        "Theo thứ tự nhập",
	"alphabetical": "Theo tên (A–Z tiếng Việt)",
}

// groupOf places a top-level key in a fieldset.
func groupOf(key string) (title string, order int, advanced bool) {
	switch key {
	case "agency", "agencyProfile":
		return "Cơ quan ban hành", 0, false
	case "number", "date", "urgency":
		return "Số, ngày", 1, false
	case "signer", "signers":
		return "Người ký", 3, false
	case "awards":
		return "Mặc định của hồ sơ khen thưởng", 5, true
	case "id":
		return "Cơ quan ban hành", 0, false
	case "recipients", "archive", "kinhGui":
		return "Nơi nhận", 4, false
	case "profile", "numberWidth", "margins", "list":
		return "Trình bày", 6, true
	case "nominations", "legalBases", "plan":
		return "Dữ liệu kèm theo", 5, true
	}
	return "Nội dung", 2, false
}

// fieldOrder sorts the keys of one object: the usual ones first.
var fieldOrder = []string{"parent", "name", "abbreviation", "place", "number", "date", "urgency",
	"summary", "kinhGui", "body", "authority", "on", "title", "recipients", "archive"}

// signerOrder is how a signature block reads: KT. Giám đốc / Phó Giám đốc / name.
var signerOrder = []string{"authority", "on", "title", "name", "default", "inner"}

func orderKeys(props map[string]*schemaNode) []string {
	order := fieldOrder
	if _, ok := props["authority"]; ok {
		order = signerOrder
	}
	rank := func(k string) int {
		for i, x := range order {
			if x == k {
				return i
			}
		}
		return len(order)
	}
	keys := make([]string, 0, len(props))
	for k := range props {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		ri, rj := rank(keys[i]), rank(keys[j])
		if ri != rj {
			return ri < rj
		}
		return keys[i] < keys[j]
	})
	return keys
}

// form is the drafting form of one kind.
type form struct {
	Kind   string
	Groups []group
	fields map[string]*field
	schema *schemaNode
	// rows is the number of rows laid out for each expanded list.
	rows map[string]int
}

// expanded are the lists of small objects laid out as rows of fields
// (one more, empty, to add one); other lists of objects are JSON.
var expanded = map[string]bool{"signers": true}

var indexRe = regexp.MustCompile(`\[(\d+)\]`)

// postedRows counts the rows of each expanded list in a posted form.
func postedRows(vals url.Values) map[string]int {
	rows := map[string]int{}
	for k := range vals {
		if i := strings.Index(k, "["); i > 0 {
			if m := indexRe.FindStringSubmatch(k[i:]); m != nil {
				n, _ := strconv.Atoi(m[1])
				if n+1 > rows[k[:i]] && n < 50 {
					rows[k[:i]] = n + 1
				}
			}
		}
	}
	return rows
}

func fieldID(path string) string {
	return "f-" + strings.NewReplacer(".", "-", "[", "-", "]", "").Replace(path)
}

// newForm lays out the form of schema with the values of doc (a JSON input
// of the kind).
func newForm(kind string, schema []byte, doc map[string]any, rows map[string]int) (*form, error) {
	var root schemaNode
	if err := json.Unmarshal(schema, &root); err != nil {
		return nil, fmt.Errorf("schema of %s: %w", kind, err)
	}
	f := &form{Kind: kind, fields: map[string]*field{}, schema: &root, rows: map[string]int{}}
	byTitle := map[string]*group{}
	orders := map[string]int{}
	groupFor := func(path string) *group {
		top, _, _ := strings.Cut(path, ".")
		top, _, _ = strings.Cut(top, "[")
		if path == "agency.headerLines" {
			top = "profile" // a layout option, folded with the others
		}
		title, order, adv := groupOf(top)
		g := byTitle[title]
		if g == nil {
			g = &group{Title: title, Advanced: adv}
			byTitle[title] = g
			orders[title] = order
		}
		return g
	}
	var add func(path string, n *schemaNode, v any, required bool)
	add = func(path string, n *schemaNode, v any, required bool) {
		key := path[strings.LastIndex(path, ".")+1:]
		if n.ReadOnly || n.Format == "date-time" {
			return
		}
		if expanded[path] && n.is("array") && n.Items != nil && n.Items.Properties != nil {
			items, _ := v.([]any)
			count := max(len(items)+1, 2)
			if rows != nil {
				count = max(rows[path], 1)
			}
			f.rows[path] = count
			for i := 0; i < count; i++ {
				var item any
				if i < len(items) {
					item = items[i]
				}
				add(fmt.Sprintf("%s[%d]", path, i), n.Items, item, false)
			}
			return
		}
		if n.is("object") && n.Properties != nil {
			obj, _ := v.(map[string]any)
			req := map[string]bool{}
			for _, r := range n.Required {
				req[r] = true
			}
			for _, k := range orderKeys(n.Properties) {
				add(path+"."+k, n.Properties[k], obj[k], req[k])
			}
			return
		}
		generic := indexRe.ReplaceAllString(path, "")
		if strings.Contains(path, ".inner.") || strings.Contains(path, "[") {
			required = false // inside an optional part
		}
		fl := &field{Path: path, ID: fieldID(path), Label: labels[generic], Hint: n.Description, Required: required}
		if fl.Label == "" {
			fl.Label = labelFromDescription(key, n.Description)
		}
		if labels[generic] == "" {
			fl.Hint = ""
		}
		if m := indexRe.FindStringSubmatch(path); m != nil {
			i, _ := strconv.Atoi(m[1])
			fl.Label = fmt.Sprintf("Người thứ %d — %s", i+1, strings.ToLower(fl.Label[:1])+fl.Label[1:])
			fl.Hint = ""
		}
		switch {
		case len(n.Enum) > 0:
			fl.Control = "select"
			hasEmpty := false
			for _, e := range n.Enum {
				hasEmpty = hasEmpty || fmt.Sprint(e) == ""
			}
			if !hasEmpty { // an optional part (signer.inner) stays absent until chosen
				fl.Options = append(fl.Options, option{"", enumLabels[""]})
			}
			for _, e := range n.Enum {
				s := fmt.Sprint(e)
				l, ok := enumLabels[s]
				if !ok {
					l = s
				}
				fl.Options = append(fl.Options, option{s, l})
			}
			fl.Value, _ = v.(string)
		case n.is("boolean"):
			fl.Control = "checkbox"
			fl.Checked, _ = v.(bool)
		case n.is("integer") || n.is("number"):
			fl.Control = "number"
			if v != nil {
				fl.Value = fmt.Sprint(v)
			}
		case n.is("string"):
			fl.Control = "text"
			s, _ := v.(string)
			if key == "body" {
				fl.Control, fl.Rows = "body", 18
			} else if key == "summary" || n.MaxLength > 300 {
				fl.Control, fl.Rows = "textarea", 3
			}
			if key == "date" {
				s = displayDate(s)
				fl.Hint = "Ngày/tháng/năm, ví dụ 29/11/2026; để trống ngày cho văn thư điền: 11/2026."
			}
			fl.Value = s
		case n.is("array") && n.Items != nil && n.Items.is("string") && len(n.Items.Enum) == 0:
			fl.Control, fl.Rows = "lines", 4
			if xs, ok := v.([]any); ok {
				var lines []string
				for _, x := range xs {
					lines = append(lines, fmt.Sprint(x))
				}
				fl.Value = strings.Join(lines, "\n")
			}
		default:
			fl.Control, fl.Rows = "json", 8
			if v != nil {
				b, _ := json.MarshalIndent(v, "", "  ")
				fl.Value = string(b)
			}
			if fl.Hint == "" {
				fl.Hint = "Dữ liệu có cấu trúc (JSON), như trong tệp mẫu của loại văn bản."
			}
		}
		if key == "number" && path == "number" {
			fl.Hint = "Để trống: văn thư cấp số khi phát hành."
		}
		g := groupFor(path)
		g.Fields = append(g.Fields, fl)
		f.fields[path] = fl
	}
	req := map[string]bool{}
	for _, r := range root.Required {
		req[r] = true
	}
	for _, k := range orderKeys(root.Properties) {
		if k == "kind" {
			continue
		}
		add(k, root.Properties[k], doc[k], req[k])
	}
	for _, g := range byTitle {
		f.Groups = append(f.Groups, *g)
	}
	sort.Slice(f.Groups, func(i, j int) bool { return orders[f.Groups[i].Title] < orders[f.Groups[j].Title] })
	// Groups hold copies of the field pointers: problems attached later show.
	return f, nil
}

// placeholders shows, in each empty text field of f, what the same field
// holds in ex (the kind's example) as "Ví dụ: …", cut to a few lines.
func (f *form) placeholders(ex *form) {
	for path, fl := range f.fields {
		e := ex.fields[path]
		if e == nil || fl.Value != "" || e.Value == "" || fl.Control == "select" || fl.Control == "checkbox" {
			continue
		}
		v := e.Value
		limit := 90
		if fl.Control == "body" || fl.Control == "lines" || fl.Control == "textarea" || fl.Control == "json" {
			limit = 600
		}
		if r := []rune(v); len(r) > limit {
			v = strings.TrimSpace(string(r[:limit])) + "…"
		}
		fl.Placeholder = "Ví dụ: " + v
	}
}

func labelFromDescription(key, desc string) string {
	if desc == "" {
		return key
	}
	if i := strings.IndexAny(desc, ".:("); i > 0 {
		desc = desc[:i]
	}
	return strings.TrimSpace(desc)
}

var (
	dmyRe = regexp.MustCompile(`^\s*(\d{1,2})\s*/\s*(\d{1,2})\s*/\s*(\d{4})\s*$`)
	myRe  = regexp.MustCompile(`^\s*(\d{1,2})\s*/\s*(\d{4})\s*$`)
	isoRe = regexp.MustCompile(`^(\d{4})-(\d{2})(?:-(\d{2}))?$`)
)

// isoDate reads a date as officers write it (29/11/2026, or 11/2026 with
// the day left blank) into the contract's form; anything else is passed on
// for the kind to report.
func isoDate(s string) string {
	// nd30.Date writes the contract's form; an impossible date (31/02) is
	// written as typed, for the kind to report.
	if m := dmyRe.FindStringSubmatch(s); m != nil && atoi(m[1]) != 0 {
		return nd30.Date{Year: atoi(m[3]), Month: atoi(m[2]), Day: atoi(m[1])}.String()
	}
	if m := myRe.FindStringSubmatch(s); m != nil {
		return nd30.Date{Year: atoi(m[2]), Month: atoi(m[1])}.String()
	}
	return strings.TrimSpace(s)
}

// atoi reads the digits a date pattern matched.
func atoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}

// displayDate writes 2026-11-29 as 29/11/2026 and 2026-11 as 11/2026.
func displayDate(s string) string {
	m := isoRe.FindStringSubmatch(s)
	if m == nil {
		return s
	}
	if m[3] == "" {
		return m[2] + "/" + m[1]
	}
	return m[3] + "/" + m[2] + "/" + m[1]
}

// decode turns a posted form into the kind's JSON input. Fields left empty
// are omitted (an empty object too), so that the kind's own checks say
// what is missing. A JSON field that does not parse is a problem at its path.
func (f *form) decode(vals url.Values) ([]byte, error) {
	var ps apperr.Problems
	var build func(path string, n *schemaNode) (any, bool)
	build = func(path string, n *schemaNode) (any, bool) {
		if count := f.rows[path]; count > 0 {
			var items []any
			for i := 0; i < count; i++ {
				if v, ok := build(fmt.Sprintf("%s[%d]", path, i), n.Items); ok {
					items = append(items, v)
				}
			}
			return items, len(items) > 0
		}
		if n.is("object") && n.Properties != nil {
			obj := map[string]any{}
			for k, c := range n.Properties {
				p := k
				if path != "" {
					p = path + "." + k
				}
				if p == "kind" {
					continue
				}
				if v, ok := build(p, c); ok {
					obj[k] = v
				}
			}
			return obj, len(obj) > 0
		}
		fl := f.fields[path]
		if fl == nil {
			return nil, false
		}
		raw := vals.Get(path)
		switch fl.Control {
		case "checkbox":
			v := raw != ""
			return v, v
		case "number":
			raw = strings.TrimSpace(raw)
			if raw == "" {
				return nil, false
			}
			if x, err := strconv.ParseFloat(strings.ReplaceAll(raw, ",", "."), 64); err == nil {
				if n.is("integer") && x == float64(int64(x)) {
					return int64(x), true
				}
				if !n.is("integer") {
					return x, true
				}
			}
			ps.Add(path, "invalid_number", "“%s” không phải số%s.", clip(raw, 30), map[bool]string{true: " nguyên", false: ""}[n.is("integer")])
			return nil, false
		case "lines":
			var items []any
			for _, l := range strings.Split(strings.ReplaceAll(raw, "\r\n", "\n"), "\n") {
				if l = strings.TrimSpace(l); l != "" {
					items = append(items, l)
				}
			}
			return items, len(items) > 0
		case "json":
			if strings.TrimSpace(raw) == "" {
				return nil, false
			}
			var v any
			if err := json.Unmarshal([]byte(raw), &v); err != nil {
				ps.Add(path, "invalid_json", "Dữ liệu JSON chưa đúng cú pháp: %s.", jsonErr(err))
				return nil, false
			}
			return v, true
		}
		s := strings.ReplaceAll(raw, "\r\n", "\n")
		if fl.Control == "text" {
			s = strings.TrimSpace(s)
		}
		if strings.HasSuffix(path, "date") {
			s = isoDate(s)
		}
		return s, strings.TrimSpace(s) != ""
	}
	v, _ := build("", f.schema)
	obj := v.(map[string]any)
	obj["kind"] = f.Kind
	if err := ps.Err(); err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(obj); err != nil {
		return nil, apperr.Wrap(err, "encode form")
	}
	return buf.Bytes(), nil
}

func jsonErr(err error) string {
	var se *json.SyntaxError
	if ok := asSyntax(err, &se); ok {
		return fmt.Sprintf("lỗi ở ký tự thứ %d", se.Offset)
	}
	return "kiểu dữ liệu không đúng"
}

func asSyntax(err error, target **json.SyntaxError) bool {
	se, ok := err.(*json.SyntaxError)
	if ok {
		*target = se
	}
	return ok
}

func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}

// problemView is a problem as the page shows it.
type problemView struct {
	Field   string `json:"field,omitempty"`
	ID      string `json:"id,omitempty"`
	Label   string `json:"label,omitempty"`
	Line    int    `json:"line,omitempty"`
	Message string `json:"message"`
	Warning bool   `json:"warning,omitempty"`
}

var lineRe = regexp.MustCompile(`^(.*) \(dòng (\d+)\)$`)

// attach places each problem at the field of the longest matching path and
// returns them in the form's order for the error summary.
func (f *form) attach(ps []apperr.Problem) []problemView {
	var out []problemView
	for _, p := range ps {
		path, line := p.Field, 0
		if m := lineRe.FindStringSubmatch(path); m != nil {
			path = m[1]
			line, _ = strconv.Atoi(m[2])
		}
		fl := f.lookup(path)
		v := problemView{Field: p.Field, Message: p.Message, Warning: p.Warning, Line: line}
		if fl != nil {
			v.ID, v.Label = fl.ID, fl.Label
			if line > 0 {
				fl.Lines = append(fl.Lines, lineProblem{Line: line, Message: p.Message, Warning: p.Warning})
			} else {
				fl.Problems = append(fl.Problems, p)
			}
		}
		out = append(out, v)
	}
	return out
}

// lookup finds the field of path or of its nearest parent
// ("recipients[2]" → recipients, "nominations[3].gender" → nominations).
func (f *form) lookup(path string) *field {
	for path != "" {
		if fl := f.fields[path]; fl != nil {
			return fl
		}
		i := strings.LastIndexAny(path, ".[")
		if i < 0 {
			return nil
		}
		path = path[:i]
	}
	return nil
}
