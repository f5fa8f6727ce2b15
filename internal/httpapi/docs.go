package httpapi

import (
	"bytes"
	"html/template"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"
)

// docsPage is the human-readable API page, written from the route table
// (the same source as the OpenAPI document); no script, no CDN.
var docsPage = template.Must(template.New("docs").Funcs(template.FuncMap{
	"oapath": openAPIPath,
	"lower":  strings.ToLower,
}).Parse(`<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>API vanban</title>
<style>
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#222}
code,pre{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.9em}
pre{background:#f4f4f4;padding:.6rem;overflow-x:auto}
section.op{border-top:1px solid #ddd;padding:.5rem 0}
.m{display:inline-block;min-width:3.5rem;font-weight:bold}
.key{color:#a40000;font-size:.85em}
table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.2rem .5rem;text-align:left;vertical-align:top}
</style>
</head>
<body>
<h1>API vanban</h1>
<p>Tạo văn bản hành chính đúng thể thức Nghị định 30/2020/NĐ-CP (PDF, DOCX), nhập danh sách đề nghị khen thưởng,
in bằng khen, giấy khen, quản lý sổ đăng ký văn bản đi và xác minh bằng khen, giấy khen.
Tài liệu máy đọc được: <a href="/openapi.json">/openapi.json</a> (OpenAPI 3.1).</p>

<h2>Ví dụ</h2>
<pre>curl -sS -X POST 'http://127.0.0.1:8080/v1/documents?format=pdf' \
  -H 'Content-Type: application/json' --data-binary @testdata/ke-hoach-lai-chau.json -o ke-hoach.pdf</pre>

{{- if .Kinds}}
<h2>Các loại văn bản</h2>
<table><tr><th>kind</th><th>Tên</th><th>Lược đồ</th></tr>
{{- range .Kinds}}
<tr><td><code>{{.Name}}</code></td><td>{{.Title}}</td><td><a href="/v1/schemas/{{.Name}}">/v1/schemas/{{.Name}}</a></td></tr>
{{- end}}
</table>
{{- end}}

<h2>Các thao tác</h2>
{{- range .Routes}}
<section class="op" id="{{lower .Method}}-{{oapath .Path}}">
<h3><span class="m">{{.Method}}</span> <code>{{oapath .Path}}</code>{{if eq .Access 2}} <span class="key">cần khóa API</span>{{end}}</h3>
<p><strong>{{.Summary}}</strong>{{if .Desc}} — {{.Desc}}{{end}}</p>
{{- if .Params}}
<p>Tham số:</p><ul>
{{- range .Params}}<li><code>{{.Name}}</code> ({{if eq .In "path"}}trong đường dẫn{{else}}truy vấn{{end}}{{if .Required}}, bắt buộc{{end}}): {{.Desc}}{{if .Enum}} Giá trị: {{range $i, $e := .Enum}}{{if $i}}, {{end}}<code>{{$e}}</code>{{end}}.{{end}}</li>{{end}}
</ul>
{{- end}}
{{- if .Body}}<p>Dữ liệu gửi: {{range $i, $b := .Body}}{{if $i}}, {{end}}<code>{{$b}}</code>{{end}}.</p>{{end}}
<p>Trả về: {{.OKStatus}} {{range $i, $b := .OK}}{{if $i}}, {{end}}<code>{{$b}}</code>{{end}}{{if .Errors}}; lỗi {{range $i, $e := .Errors}}{{if $i}}, {{end}}{{$e}}{{end}}{{end}}.</p>
</section>
{{- end}}

<h2 id="errors">Lỗi</h2>
<p>Mọi lỗi có dạng <code>application/problem+json</code> (RFC 9457): <code>type</code>, <code>title</code>, <code>status</code>,
<code>code</code> (mã ổn định, tiếng Anh), <code>detail</code> (tiếng Việt), <code>instance</code> và <code>requestId</code>
(như tiêu đề <code>X-Request-Id</code>; hãy gửi kèm khi báo lỗi), và <code>errors[]</code>: mỗi việc cần sửa với
<code>field</code> (đường dẫn trường JSON) hoặc <code>sheet</code>/<code>row</code>/<code>column</code> (tệp Excel), <code>code</code>, <code>message</code>.</p>
<table><tr><th>Mã HTTP</th><th>Khi nào</th></tr>
<tr><td>400</td><td>Dữ liệu chưa hợp lệ (JSON sai, thiếu trường, sai kiểu, trường lạ…).</td></tr>
<tr><td>401</td><td>Thiếu hoặc sai khóa API.</td></tr>
<tr><td>404</td><td>Không tìm thấy.</td></tr>
<tr><td>405</td><td>Sai phương thức (tiêu đề Allow cho biết phương thức đúng).</td></tr>
<tr><td>406</td><td>Định dạng yêu cầu (format, Accept) không có.</td></tr>
<tr><td>409</td><td>Xung đột (ví dụ văn bản đã hủy).</td></tr>
<tr><td>413</td><td>Dữ liệu quá lớn (giới hạn {{.MaxBody}}).</td></tr>
<tr><td>415</td><td>Kiểu dữ liệu gửi lên không đọc được.</td></tr>
<tr><td>500</td><td>Lỗi hệ thống: chi tiết chỉ ghi trong nhật ký, kèm mã yêu cầu (trừ <code>stored_file_corrupt</code>).</td></tr>
<tr><td>503</td><td>Máy chủ bận hoặc việc tạo văn bản quá {{.RenderTimeout}}: thử lại sau số giây trong <code>Retry-After</code>.</td></tr>
</table>
<p id="problem-busy"><code>busy</code>: đang có {{.MaxRenders}} văn bản được tạo cùng lúc; yêu cầu đã chờ {{.QueueWait}}.</p>
<p id="problem-render_timeout"><code>render_timeout</code>: việc tạo văn bản bị hủy khi quá thời hạn.</p>
<p id="problem-body_too_large"><code>body_too_large</code>: dữ liệu vượt giới hạn.</p>
<p id="problem-stored_file_corrupt"><code>stored_file_corrupt</code> (500): tệp đã lưu của văn bản không còn khớp mã SHA-256 ghi khi cấp số nên không được gửi; tệp lớn hơn 4 MiB thì bị cắt giữa chừng (tải về không đủ Content-Length). Báo quản trị viên khôi phục tệp từ bản sao lưu.</p>
<p id="problem-api_key_required"><code>api_key_required</code>, <code>api_key_invalid</code>, <code>writes_disabled</code>: xem mục Khóa API.</p>

<h2 id="keys">Khóa API</h2>
<p>Gửi khóa bằng <code>Authorization: Bearer &lt;khóa&gt;</code> hoặc <code>X-API-Key: &lt;khóa&gt;</code>.
Các thao tác ghi (cấp số, đăng ký, hủy văn bản) luôn cần khóa khi máy chủ có cấu hình khóa.
Khi chưa cấu hình khóa nào, thao tác ghi chỉ được phép nếu máy chủ chỉ nghe trên máy này (127.0.0.1, ::1).
Trang xác minh, <code>/healthz</code>, <code>/readyz</code>, <code>/metrics</code> và tài liệu này không cần khóa.
{{- if .KeyForAll}} Máy chủ này yêu cầu khóa cho mọi thao tác khác.{{end}}</p>
</body>
</html>
`))

// docRoute is a route as the page shows it.
type docRoute struct {
	Method, Path, Summary, Desc string
	Access                      access
	Params                      []docParam
	Body, OK                    []string
	OKStatus                    int
	Errors                      []int
}

type docParam struct {
	Name, In, Desc string
	Required       bool
	Enum           []string
}

func (s *Server) getDocs(c *gin.Context) {
	type kind struct{ Name, Title string }
	v := struct {
		Routes                            []docRoute
		Kinds                             []kind
		MaxBody, RenderTimeout, QueueWait string
		MaxRenders                        int
		KeyForAll                         bool
	}{MaxBody: humanBytes(s.cfg.MaxBodyBytes), RenderTimeout: s.cfg.RenderTimeout.String(),
		QueueWait: s.cfg.QueueWait.String(), MaxRenders: s.cfg.MaxRenders, KeyForAll: s.cfg.RequireKeyForAll}
	if s.deps.Documents != nil {
		for _, k := range s.deps.Documents.Kinds() {
			v.Kinds = append(v.Kinds, kind{k.Name, k.Title})
		}
	}
	for _, r := range s.routes {
		d := docRoute{Method: r.method, Path: r.path, Summary: r.summary, Desc: r.desc, Access: r.access, OKStatus: r.okStatus, Errors: s.errorStatuses(r)}
		for _, p := range r.params {
			d.Params = append(d.Params, docParam{p.name, p.in, p.desc, p.required || p.in == "path", p.enum})
		}
		for _, b := range r.body {
			d.Body = append(d.Body, b.mediaType)
		}
		for _, o := range r.ok {
			d.OK = append(d.OK, o.mediaType)
		}
		v.Routes = append(v.Routes, d)
	}
	var buf bytes.Buffer
	if err := docsPage.Execute(&buf, v); err != nil {
		s.fail(c, err)
		return
	}
	c.Header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'")
	c.Data(http.StatusOK, "text/html; charset=utf-8", buf.Bytes())
}
