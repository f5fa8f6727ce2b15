package httpapi

import (
	"net/http"
	"strings"
	"sync"

	"github.com/gin-gonic/gin"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// tagOps groups the operational routes, which need no use case.
const tagOps = "Vận hành"

// param is a path or query parameter of a route.
type param struct {
	name, in, desc string
	typ            string // "string", "integer"
	format         string // "uuid"…
	required       bool
	enum           []string
}

// content is one media type of a request or response body; schema is a
// component name ("Problem") or "" for a binary file.
type content struct {
	mediaType string
	schema    string
}

// route is one operation: the single source of the gin routes, the OpenAPI
// document and the /docs page.
type route struct {
	method, path string // gin syntax: /v1/schemas/:kind
	access       access
	tag          string
	summary      string // Vietnamese
	desc         string
	params       []param
	body         []content
	okStatus     int
	okDesc       string
	ok           []content
	errors       []int // statuses answered as problem documents
	limited      bool  // runs in a render slot (503 busy/render_timeout)
	handle       handler
}

var (
	formatDoc  = param{name: "format", in: "query", desc: "Định dạng tệp trả về; nếu không có thì theo tiêu đề Accept, mặc định pdf.", typ: "string", enum: []string{"pdf", "docx"}}
	uuidParam  = param{name: "uuid", in: "path", desc: "Mã UUID của bản ghi hoặc bằng khen, giấy khen.", typ: "string", format: "uuid", required: true}
	docBody    = []content{{"application/json", "DocumentInput"}}
	docFiles   = []content{{"application/pdf", ""}, {"application/vnd.openxmlformats-officedocument.wordprocessingml.document", ""}}
	writeCodes = []int{400, 401, 404, 406, 409, 413, 415, 500, 503}
)

func (s *Server) routeTable() []route {
	return []route{
		{method: "POST", path: "/v1/documents", access: read, tag: "Văn bản", limited: true,
			summary: "Tạo văn bản theo thể thức NĐ 30/2020/NĐ-CP",
			desc:    "Nhận dữ liệu JSON của một loại văn bản (trường \"kind\") và trả về tệp PDF hoặc DOCX. Chọn định dạng bằng ?format=pdf|docx hoặc tiêu đề Accept.",
			params:  []param{formatDoc}, body: docBody, okStatus: 200, okDesc: "Tệp văn bản.", ok: docFiles,
			errors: []int{400, 401, 406, 413, 415, 500, 503}, handle: s.postDocument},
		{method: "POST", path: "/v1/documents/draft", access: keyed, tag: "Văn bản", limited: true,
			summary: "Tạo văn bản với nội dung lấy từ bản dự thảo Word",
			desc:    "multipart/form-data: input = dữ liệu JSON của văn bản, body = tệp dự thảo .docx hoặc .txt thay cho trường body (đoạn, đậm, nghiêng, gạch chân, đánh số tự động \"I.\", \"1.\", \"a)\", xuống dòng, bảng). Đầu trang, chân trang, chú thích, hình ảnh bị bỏ qua, thay đổi đang theo dõi được chấp nhận; có cảnh báo liệt kê phần đã bỏ.",
			params:  []param{formatDoc}, body: []content{{"multipart/form-data", "DocumentWithDraft"}}, okStatus: 200, okDesc: "Tệp văn bản.", ok: docFiles,
			errors: []int{400, 401, 406, 413, 415, 500, 503}, handle: s.postDocumentWithDraft},
		{method: "GET", path: "/v1/kinds", access: read, tag: "Văn bản",
			summary: "Danh sách loại văn bản", desc: "Các loại văn bản máy chủ tạo được, với tên và địa chỉ lược đồ JSON.",
			okStatus: 200, okDesc: "Danh sách loại.", ok: []content{{"application/json", "KindList"}}, errors: []int{401, 500}, handle: s.getKinds},
		{method: "GET", path: "/v1/schemas/:kind", access: read, tag: "Văn bản",
			summary: "Lược đồ JSON của một loại văn bản", desc: "JSON Schema (draft 2020-12) mô tả dữ liệu đầu vào của loại văn bản.",
			params:   []param{{name: "kind", in: "path", desc: "Tên loại, ví dụ ke-hoach.", typ: "string", required: true}},
			okStatus: 200, okDesc: "Lược đồ JSON.", ok: []content{{"application/schema+json", "Object"}}, errors: []int{401, 404, 500}, handle: s.getSchema},
		{method: "GET", path: "/v1/award-forms", access: read, tag: "Khen thưởng",
			summary: "Danh mục hình thức khen thưởng", desc: "Bằng khen, Giấy khen… với người tặng, lời văn, mức tiền thưởng và tiêu chuẩn.",
			okStatus: 200, okDesc: "Danh mục.", ok: jsonOf("AwardForms"), errors: []int{401, 500}, handle: s.getAwardForms},
		{method: "POST", path: "/v1/nominations/import", access: keyed, tag: "Khen thưởng", limited: true,
			summary: "Nhập danh sách đề nghị khen thưởng từ Excel/CSV",
			desc:    "Gửi tệp XLSX hoặc CSV (multipart/form-data, trường \"file\"); trả về danh sách tập thể, cá nhân và báo cáo từng dòng (trang tính, dòng, cột).",
			body:    []content{{"multipart/form-data", "Upload"}}, okStatus: 200, okDesc: "Danh sách và báo cáo.", ok: jsonOf("NominationImport"),
			errors: []int{400, 401, 413, 415, 500, 503}, handle: s.postImport},
		{method: "POST", path: "/v1/certificates", access: write, tag: "Khen thưởng", limited: true,
			summary: "In bằng khen, giấy khen theo lô",
			desc:    "Nhận lô (quyết định và danh sách) dạng JSON; trả về một tệp PDF (mỗi trang một bằng) hoặc một tệp ZIP (mỗi người một tệp, kèm bảng kê). Chọn bằng ?format=pdf|zip. Mỗi bằng được ghi vào sổ để xác minh qua mã QR, nên cần khóa API như các thao tác ghi; quyết định mà lô dẫn phải có trong sổ văn bản đi và chưa bị hủy (400 decision_not_registered hoặc decision_date_mismatch, 409 decision_cancelled), trừ khi lô ghi \"decisionCheck\": \"external\" (quyết định của cơ quan khác: không đối chiếu, trang xác minh ghi rõ; 400 decision_is_own nếu ký hiệu là của chính cơ quan).",
			params:  []param{{name: "format", in: "query", desc: "pdf (mặc định) hoặc zip.", typ: "string", enum: []string{"pdf", "zip"}}},
			body:    []content{{"application/json", "CertificateBatch"}}, okStatus: 200, okDesc: "Tệp PDF hoặc ZIP.", ok: []content{{"application/pdf", ""}, {"application/zip", ""}},
			errors: []int{400, 401, 406, 409, 413, 415, 500, 503}, handle: s.postCertificates},
		{method: "POST", path: "/v1/registry/issue", access: write, tag: "Sổ văn bản đi", limited: true,
			summary: "Cấp số và phát hành văn bản",
			desc:    "Lấy số tiếp theo của sổ, tạo văn bản với số và ngày phát hành, ghi vào sổ — trọn vẹn: lỗi thì không mất số. Trả về tệp (201) và địa chỉ bản ghi trong tiêu đề Location.",
			params:  []param{formatDoc}, body: docBody, okStatus: 201, okDesc: "Tệp văn bản đã cấp số.", ok: docFiles,
			errors: writeCodes, handle: s.postIssue},
		{method: "POST", path: "/v1/registry/register", access: write, tag: "Sổ văn bản đi",
			summary: "Đăng ký văn bản soạn ở nơi khác", desc: "Lấy số cho văn bản không do vanban tạo và ghi vào sổ.",
			body: []content{{"application/json", "RegisterRequest"}}, okStatus: 201, okDesc: "Bản ghi trong sổ.", ok: jsonOf("Record"),
			errors: []int{400, 401, 409, 413, 415, 500}, handle: s.postRegister},
		{method: "GET", path: "/v1/registry", access: read, tag: "Sổ văn bản đi",
			summary: "Tra cứu sổ đăng ký văn bản đi", desc: "Lọc theo năm, loại, sổ, trạng thái; tìm trong số ký hiệu, trích yếu, người ký (không phân biệt dấu).",
			params: []param{
				{name: "year", in: "query", desc: "Năm.", typ: "integer"},
				{name: "kind", in: "query", desc: "Loại văn bản (viết tắt, ví dụ KH, QĐ).", typ: "string"},
				{name: "series", in: "query", desc: "Tên sổ.", typ: "string"},
				{name: "status", in: "query", desc: "Trạng thái.", typ: "string", enum: []string{"issued", "registered", "cancelled"}},
				{name: "q", in: "query", desc: "Từ cần tìm.", typ: "string"},
				{name: "page", in: "query", desc: "Trang, từ 1.", typ: "integer"},
				{name: "perPage", in: "query", desc: "Số dòng mỗi trang (mặc định 50, tối đa 1000).", typ: "integer"},
			},
			okStatus: 200, okDesc: "Một trang của sổ.", ok: jsonOf("RecordPage"), errors: []int{400, 401, 500}, handle: s.getRegistry},
		{method: "GET", path: "/v1/registry/export", access: read, tag: "Sổ văn bản đi", limited: true,
			summary: "Xuất sổ đăng ký văn bản đi của một năm", desc: "Tệp XLSX hoặc PDF theo mẫu sổ đăng ký văn bản đi.",
			params: []param{
				{name: "year", in: "query", desc: "Năm của sổ.", typ: "integer", required: true},
				{name: "format", in: "query", desc: "xlsx (mặc định) hoặc pdf.", typ: "string", enum: []string{"xlsx", "pdf"}},
			},
			okStatus: 200, okDesc: "Tệp sổ.", ok: []content{{mimeXLSX, ""}, {"application/pdf", ""}},
			errors: []int{400, 401, 404, 406, 500, 503}, handle: s.getExport},
		{method: "GET", path: "/v1/registry/:uuid", access: read, tag: "Sổ văn bản đi",
			summary: "Một bản ghi của sổ", params: []param{uuidParam},
			okStatus: 200, okDesc: "Bản ghi.", ok: jsonOf("Record"), errors: []int{400, 401, 404, 500}, handle: s.getRecord},
		{method: "GET", path: "/v1/registry/:uuid/file", access: read, tag: "Sổ văn bản đi",
			summary: "Tải lại tệp đã phát hành", desc: "Đúng từng byte như khi phát hành (kiểm tra SHA-256).",
			params:   []param{uuidParam, {name: "name", in: "query", desc: "Tên tệp khi bản ghi có nhiều tệp.", typ: "string"}},
			okStatus: 200, okDesc: "Tệp.", ok: []content{{"application/octet-stream", ""}}, errors: []int{400, 401, 404, 500}, handle: s.getRecordFile},
		{method: "POST", path: "/v1/registry/:uuid/cancel", access: write, tag: "Sổ văn bản đi",
			summary: "Hủy văn bản (giữ số)", desc: "Đánh dấu văn bản đã hủy với lý do; số không bao giờ được cấp lại.",
			params: []param{uuidParam}, body: []content{{"application/json", "CancelRequest"}},
			okStatus: 200, okDesc: "Bản ghi sau khi hủy.", ok: jsonOf("Record"), errors: []int{400, 401, 404, 409, 413, 415, 500}, handle: s.postCancel},
		{method: "GET", path: "/v1/verify/:uuid", access: public, tag: "Xác minh",
			summary: "Xác minh bằng khen, giấy khen (JSON)", desc: "Ai được tặng gì, theo quyết định nào; 404 nếu không có mã này trong sổ.",
			params: []param{uuidParam}, okStatus: 200, okDesc: "Bằng khen, giấy khen.", ok: []content{{"application/json", "Certificate"}},
			errors: []int{400, 404, 500}, handle: s.getVerify},
		{method: "GET", path: "/verify/:uuid", access: public, tag: "Xác minh",
			summary: "Trang xác minh cho người quét mã QR", desc: "Trang HTML tiếng Việt; mã không có trong sổ thì nói rõ (404).",
			params: []param{uuidParam}, okStatus: 200, okDesc: "Trang HTML.", ok: []content{{"text/html", "HTML"}}, handle: s.getVerifyPage},
		{method: "GET", path: "/healthz", access: public, tag: tagOps,
			summary: "Máy chủ còn sống", desc: "Luôn trả lời ngay, không xếp hàng sau các yêu cầu tạo văn bản.",
			okStatus: 200, okDesc: "Còn sống.", ok: []content{{"application/json", "Health"}}, handle: plain(healthz)},
		{method: "GET", path: "/readyz", access: public, tag: tagOps,
			summary: "Máy chủ sẵn sàng", desc: "Kiểm tra phông chữ, mẫu và cơ sở dữ liệu; 503 liệt kê những gì chưa sẵn sàng.",
			okStatus: 200, okDesc: "Sẵn sàng (503 với cùng dạng khi chưa).", ok: []content{{"application/json", "Readiness"}}, handle: plain(s.readyz)},
		{method: "GET", path: "/metrics", access: public, tag: tagOps,
			summary: "Chỉ số Prometheus", okStatus: 200, okDesc: "Chỉ số dạng văn bản Prometheus.", ok: []content{{"text/plain", "Text"}},
			handle: plain(gin.WrapH(promhttp.HandlerFor(s.metrics.registry, promhttp.HandlerOpts{Registry: s.metrics.registry})))},
		{method: "GET", path: "/openapi.json", access: public, tag: tagOps,
			summary: "Tài liệu OpenAPI 3.1 của API", okStatus: 200, okDesc: "Tài liệu OpenAPI.", ok: []content{{"application/json", "Object"}},
			handle: plain(func(c *gin.Context) { c.Data(http.StatusOK, "application/json", s.openapi) })},
		{method: "GET", path: "/docs", access: public, tag: tagOps,
			summary: "Trang hướng dẫn sử dụng API", okStatus: 200, okDesc: "Trang HTML.", ok: []content{{"text/html", "HTML"}},
			handle: plain(s.getDocs)},
	}
}

var ginMode sync.Once

func (s *Server) buildEngine() *gin.Engine {
	ginMode.Do(func() { gin.SetMode(gin.ReleaseMode) })
	e := gin.New()
	e.HandleMethodNotAllowed = true
	e.RedirectTrailingSlash = false
	e.RedirectFixedPath = false
	e.ContextWithFallback = true
	if err := e.SetTrustedProxies(s.cfg.TrustedProxies); err != nil {
		s.log.Error("ignoring trusted proxies", "error", err.Error())
		_ = e.SetTrustedProxies(nil)
	}
	e.Use(requestIDs, s.observe, s.recovery, s.origins, s.budget)
	for _, r := range s.routes {
		e.Handle(r.method, r.path, s.authorize(r.access), s.run(r.handle))
	}
	e.NoRoute(func(c *gin.Context) {
		if s.deps.Workspace != nil && !strings.HasPrefix(c.Request.URL.Path, "/v1/") {
			c.Set(workspaceKey, true)
			c.Status(http.StatusOK) // gin presets 404 on NoRoute; the workspace sets its own
			s.deps.Workspace.ServeHTTP(c.Writer, c.Request)
			return
		}
		s.fail(c, routeNotFound(c.Request.URL.Path))
	})
	e.NoMethod(func(c *gin.Context) {
		id := requestID(c)
		writeProblem(c, Problem{Type: "/docs#problem-method_not_allowed", Title: titles[http.StatusMethodNotAllowed],
			Status: http.StatusMethodNotAllowed, Code: "method_not_allowed",
			Detail:   sprintf("Địa chỉ %s không nhận phương thức %s; dùng %s.", c.Request.URL.Path, c.Request.Method, c.Writer.Header().Get("Allow")),
			Instance: instance(id), RequestID: id})
	})
	return e
}
