package httpapi

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"mime"
	"net/http"
	"path"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/vanban/vanban/internal/apperr"
	"github.com/vanban/vanban/internal/award"
	"github.com/vanban/vanban/internal/campaign"
	"github.com/vanban/vanban/internal/paperwork"
	"github.com/vanban/vanban/internal/registry"
)

// The award campaign as one saved piece of work (issue 11): agency
// profiles, drafts with versions, campaigns and their nominations, drafts
// made from a campaign, certificates printed from an issued decision. The
// handlers call *campaign.Service and *campaign.Printer directly.

const (
	tagProfiles  = "Hồ sơ cơ quan"
	tagDrafts    = "Bản nháp"
	tagCampaigns = "Đợt thi đua"
)

var (
	idParam    = param{name: "id", in: "path", desc: "Mã (UUID của bản nháp, đợt thi đua; mã chữ của hồ sơ cơ quan).", typ: "string", required: true}
	nidParam   = param{name: "nid", in: "path", desc: "Mã UUID của một đề nghị trong đợt.", typ: "string", format: "uuid", required: true}
	listParams = []param{
		{name: "q", in: "query", desc: "Từ cần tìm (không phân biệt dấu).", typ: "string"},
		{name: "page", in: "query", desc: "Trang, từ 1.", typ: "integer"},
		{name: "perPage", in: "query", desc: "Số dòng mỗi trang (mặc định 50, tối đa 1000).", typ: "integer"},
	}
	agencyParam = param{name: "agency", in: "query", desc: "Mã hồ sơ cơ quan.", typ: "string"}
	jsonOf      = func(name string) []content { return []content{{"application/json", name}} }
)

func (s *Server) campaignRoutes() []route {
	read4 := []int{400, 401, 404, 500}
	write4 := []int{400, 401, 404, 409, 413, 415, 500}
	return []route{
		{method: "POST", path: "/v1/documents/check", access: read, tag: "Văn bản", limited: true,
			summary: "Kiểm tra dữ liệu văn bản (không tạo tệp)",
			desc:    "Dựng văn bản như POST /v1/documents nhưng không trả tệp: trả về lỗi và cảnh báo, mỗi mục với đường dẫn trường. Hồ sơ cơ quan (\"agencyProfile\") được áp dụng trước.",
			body:    docBody, okStatus: 200, okDesc: "Kết quả kiểm tra.", ok: jsonOf("CheckResult"),
			errors: []int{400, 401, 413, 415, 500, 503}, handle: s.postCheck},
		{method: "GET", path: "/v1/nominations/template.xlsx", access: read, tag: "Khen thưởng",
			summary: "Mẫu Excel danh sách đề nghị", desc: "Các cột máy đọc được, cột Giới tính, danh sách chọn hình thức khen thưởng (theo danh mục), mục I. TẬP THỂ / II. CÁ NHÂN với một dòng ví dụ mỗi mục.",
			okStatus: 200, okDesc: "Tệp XLSX.", ok: []content{{mimeXLSX, ""}}, errors: []int{401, 500}, handle: s.getTemplate},
		{method: "PUT", path: "/v1/profiles/:id", access: write, tag: tagProfiles,
			summary: "Lưu hồ sơ cơ quan", desc: "Tạo mới hoặc thay hồ sơ: cơ quan, người ký, nơi nhận, Lưu, độ dài số, mặc định của văn bản khen thưởng. Mọi loại văn bản nhận \"agencyProfile\": \"<mã>\" thay cho các trường này.",
			params: []param{idParam}, body: jsonOf("Profile"), okStatus: 200, okDesc: "Hồ sơ đã lưu.", ok: jsonOf("Profile"), errors: write4, handle: s.putProfile},
		{method: "GET", path: "/v1/profiles", access: read, tag: tagProfiles, summary: "Danh sách hồ sơ cơ quan",
			params: listParams, okStatus: 200, okDesc: "Một trang.", ok: jsonOf("ProfilePage"), errors: read4, handle: s.getProfiles},
		{method: "GET", path: "/v1/profiles/:id", access: read, tag: tagProfiles, summary: "Một hồ sơ cơ quan",
			params: []param{idParam}, okStatus: 200, okDesc: "Hồ sơ.", ok: jsonOf("Profile"), errors: read4, handle: s.getProfile},
		{method: "GET", path: "/v1/profiles/:id/emblem", access: read, tag: tagProfiles, summary: "Ảnh Quốc huy / biểu trưng của hồ sơ",
			desc:   "Ảnh PNG đã lưu (thu về tối đa 600 điểm ảnh mỗi cạnh, 8 bit). Hồ sơ không có ảnh: 404 emblem_not_found. Hồ sơ (GET /v1/profiles/{id}) chỉ mang tham chiếu emblem {sha256, width, height}.",
			params: []param{idParam}, okStatus: 200, okDesc: "Ảnh PNG.", ok: []content{{"image/png", ""}}, errors: read4, handle: s.getProfileEmblem},
		{method: "PUT", path: "/v1/profiles/:id/emblem", access: write, tag: tagProfiles, summary: "Lưu ảnh Quốc huy / biểu trưng của hồ sơ",
			desc:   "Thân yêu cầu là chính ảnh PNG (Content-Type: image/png; tối đa 1 MB, 64–2000 điểm ảnh mỗi cạnh, nền trong suốt nếu có). Ảnh được thu về tối đa 600 điểm ảnh mỗi cạnh (PNG 8 bit) rồi lưu riêng; in ở giữa phía trên giấy khen, bằng khen khi in toàn bộ. Trả về hồ sơ với tham chiếu mới.",
			params: []param{idParam}, body: []content{{"image/png", ""}}, okStatus: 200, okDesc: "Hồ sơ đã lưu.", ok: jsonOf("Profile"), errors: write4, handle: s.putProfileEmblem},
		{method: "DELETE", path: "/v1/profiles/:id/emblem", access: write, tag: tagProfiles, summary: "Bỏ ảnh Quốc huy / biểu trưng của hồ sơ",
			desc: "Bản in toàn bộ trở lại đánh dấu chỗ đặt Quốc huy bằng khung chữ.", params: []param{idParam},
			okStatus: 204, okDesc: "Đã bỏ.", errors: read4, handle: s.deleteProfileEmblem},

		{method: "POST", path: "/v1/drafts", access: write, tag: tagDrafts, summary: "Lưu bản nháp mới",
			desc: "Dữ liệu của bất kỳ loại văn bản nào (trường input), lưu thành phiên bản 1.",
			body: jsonOf("DraftSave"), okStatus: 201, okDesc: "Bản nháp.", ok: jsonOf("Draft"), errors: write4, handle: s.postDraft},
		{method: "GET", path: "/v1/drafts", access: read, tag: tagDrafts, summary: "Danh sách bản nháp (mới nhất trước)",
			params:   append([]param{agencyParam, {name: "kind", in: "query", desc: "Loại văn bản.", typ: "string"}, {name: "campaign", in: "query", desc: "Mã đợt thi đua.", typ: "string"}}, listParams...),
			okStatus: 200, okDesc: "Một trang (không kèm nội dung).", ok: jsonOf("DraftPage"), errors: read4, handle: s.getDrafts},
		{method: "GET", path: "/v1/drafts/:id", access: read, tag: tagDrafts, summary: "Một bản nháp (phiên bản mới nhất)",
			params: []param{idParam}, okStatus: 200, okDesc: "Bản nháp.", ok: jsonOf("Draft"), errors: read4, handle: s.getDraft},
		{method: "PUT", path: "/v1/drafts/:id", access: write, tag: tagDrafts, summary: "Lưu lại bản nháp (phiên bản mới)",
			params: []param{idParam}, body: jsonOf("DraftSave"), okStatus: 200, okDesc: "Bản nháp.", ok: jsonOf("Draft"), errors: write4, handle: s.putDraft},
		{method: "DELETE", path: "/v1/drafts/:id", access: write, tag: tagDrafts, summary: "Xóa bản nháp",
			desc: "Bản nháp đã ban hành chỉ được đánh dấu xóa (sổ vẫn giữ dữ liệu gốc).", params: []param{idParam},
			okStatus: 204, okDesc: "Đã xóa.", errors: read4, handle: s.deleteDraft},
		{method: "POST", path: "/v1/drafts/:id/issue", access: write, tag: tagDrafts, limited: true,
			summary: "Cấp số và phát hành bản nháp",
			desc:    "Như POST /v1/registry/issue với phiên bản mới nhất của bản nháp; bản nháp được đánh dấu đã phát hành (recordId). Bản nháp đã phát hành: 409.",
			params:  []param{idParam, formatDoc}, okStatus: 201, okDesc: "Tệp văn bản đã cấp số.", ok: docFiles,
			errors: []int{400, 401, 404, 406, 409, 500, 503}, handle: s.postDraftIssue},
		{method: "GET", path: "/v1/drafts/:id/versions", access: read, tag: tagDrafts, summary: "Các phiên bản của bản nháp",
			params: []param{idParam}, okStatus: 200, okDesc: "Phiên bản (không kèm nội dung).", ok: jsonOf("VersionList"), errors: read4, handle: s.getVersions},
		{method: "GET", path: "/v1/drafts/:id/versions/:version", access: read, tag: tagDrafts, summary: "Một phiên bản của bản nháp",
			params:   []param{idParam, {name: "version", in: "path", desc: "Số phiên bản, từ 1.", typ: "integer", required: true}},
			okStatus: 200, okDesc: "Phiên bản với nội dung.", ok: jsonOf("Version"), errors: read4, handle: s.getVersion},

		{method: "POST", path: "/v1/campaigns", access: write, tag: tagCampaigns, summary: "Tạo đợt thi đua",
			body: jsonOf("Campaign"), okStatus: 201, okDesc: "Đợt thi đua.", ok: jsonOf("Campaign"), errors: write4, handle: s.postCampaign},
		{method: "GET", path: "/v1/campaigns", access: read, tag: tagCampaigns, summary: "Danh sách đợt thi đua",
			params: append([]param{agencyParam}, listParams...), okStatus: 200, okDesc: "Một trang.", ok: jsonOf("CampaignPage"), errors: read4, handle: s.getCampaigns},
		{method: "GET", path: "/v1/campaigns/:id", access: read, tag: tagCampaigns, summary: "Một đợt thi đua",
			params: []param{idParam}, okStatus: 200, okDesc: "Đợt thi đua.", ok: jsonOf("Campaign"), errors: read4, handle: s.getCampaign},
		{method: "PUT", path: "/v1/campaigns/:id", access: write, tag: tagCampaigns, summary: "Sửa đợt thi đua",
			params: []param{idParam}, body: jsonOf("Campaign"), okStatus: 200, okDesc: "Đợt thi đua.", ok: jsonOf("Campaign"), errors: write4, handle: s.putCampaign},
		{method: "DELETE", path: "/v1/campaigns/:id", access: write, tag: tagCampaigns, summary: "Xóa đợt thi đua (xóa mềm)",
			params: []param{idParam}, okStatus: 204, okDesc: "Đã xóa.", errors: read4, handle: s.deleteCampaign},
		{method: "GET", path: "/v1/campaigns/:id/nominations", access: read, tag: tagCampaigns, summary: "Danh sách đề nghị của đợt, kèm các vấn đề",
			desc:   "Mỗi đề nghị với tệp, dòng và vấn đề của nó; các vấn đề lặp lại ở nhiều dòng được gộp thành một (\"36 cá nhân chưa có giới tính — …\").",
			params: append([]param{idParam}, listParams...), okStatus: 200, okDesc: "Một trang và các vấn đề của cả danh sách.", ok: jsonOf("Listing"), errors: read4, handle: s.getNominations},
		{method: "POST", path: "/v1/campaigns/:id/nominations", access: write, tag: tagCampaigns, summary: "Thêm đề nghị (JSON)",
			params: []param{idParam}, body: jsonOf("NominationList"), okStatus: 201, okDesc: "Danh sách sau khi thêm.", ok: jsonOf("Listing"), errors: write4, handle: s.postNominations},
		{method: "POST", path: "/v1/campaigns/:id/nominations/import", access: write, tag: tagCampaigns, limited: true,
			summary: "Nhập danh sách đề nghị từ một hoặc nhiều tệp Excel/CSV",
			desc:    "multipart/form-data, mỗi tệp một trường \"file\"; ?awardForm= cho các dòng không ghi hình thức. Mỗi dòng giữ tệp và số dòng. Tất cả hoặc không: một dòng không đọc được thì không lưu dòng nào.",
			params:  []param{idParam, {name: "awardForm", in: "query", desc: "Hình thức cho dòng để trống.", typ: "string"}},
			body:    []content{{"multipart/form-data", "Upload"}}, okStatus: 201, okDesc: "Báo cáo từng tệp và danh sách.", ok: jsonOf("ImportResult"),
			errors: []int{400, 401, 404, 413, 415, 500, 503}, handle: s.postCampaignImport},
		{method: "PUT", path: "/v1/campaigns/:id/nominations/:nid", access: write, tag: tagCampaigns, summary: "Sửa một đề nghị",
			params: []param{idParam, nidParam}, body: jsonOf("Nomination"), okStatus: 200, okDesc: "Đề nghị sau khi sửa.", ok: jsonOf("Entry"), errors: write4, handle: s.putNomination},
		{method: "DELETE", path: "/v1/campaigns/:id/nominations/:nid", access: write, tag: tagCampaigns, summary: "Xóa một đề nghị",
			params: []param{idParam, nidParam}, okStatus: 204, okDesc: "Đã xóa.", errors: read4, handle: s.deleteNomination},
		{method: "POST", path: "/v1/campaigns/:id/nominations/:nid/merge", access: write, tag: tagCampaigns, summary: "Gộp đề nghị trùng",
			desc:   "Gộp đề nghị \"drop\" vào đề nghị :nid (trùng giữa danh sách của hai đơn vị): trường trống lấy từ đề nghị kia, ghi chú nói rõ nguồn; đề nghị kia bị xóa.",
			params: []param{idParam, nidParam}, body: jsonOf("MergeRequest"), okStatus: 200, okDesc: "Đề nghị sau khi gộp.", ok: jsonOf("Entry"), errors: write4, handle: s.postMerge},
		{method: "POST", path: "/v1/campaigns/:id/drafts", access: write, tag: tagCampaigns, summary: "Lập Tờ trình hoặc Quyết định từ đợt thi đua",
			desc:   "Bản nháp của loại đã chọn, điền sẵn từ hồ sơ cơ quan, đợt thi đua (số, ngày Kế hoạch trong căn cứ) và các đề nghị: Quyết định lấy các hình thức cơ quan tự tặng, Tờ trình các hình thức cấp trên quyết định.",
			params: []param{idParam}, body: jsonOf("DraftRequest"), okStatus: 201, okDesc: "Bản nháp và cảnh báo.", ok: jsonOf("Draft"), errors: write4, handle: s.postCampaignDraft},
		{method: "POST", path: "/v1/registry/:uuid/certificates", access: write, tag: "Khen thưởng", limited: true,
			summary: "In giấy khen, bằng khen của một quyết định đã ban hành",
			desc:    "Mỗi dòng của danh sách quyết định một giấy, đúng số, ngày, người ký và số sổ vàng như đã ban hành. In lần đầu ghi từng giấy vào sổ; in lại dùng đúng các bản ghi cũ (cùng UUID, cùng mã QR; tiêu đề X-Vanban-Reprint: true). Quyết định không có trong sổ: 404.",
			params:  []param{uuidParam, {name: "format", in: "query", desc: "pdf (mặc định) hoặc zip.", typ: "string", enum: []string{"pdf", "zip"}}},
			body:    jsonOf("PrintRequest"), okStatus: 200, okDesc: "Tệp PDF hoặc ZIP.", ok: []content{{"application/pdf", ""}, {"application/zip", ""}},
			errors: []int{400, 401, 404, 409, 413, 415, 500, 503}, handle: s.postDecisionCertificates},
	}
}

// campaignSchemas are the OpenAPI components of these routes.
func campaignSchemas() obj {
	page := func(item string) obj {
		return obj{"type": "object", "required": []string{"items", "total", "limit", "offset"}, "properties": obj{
			"items": obj{"type": "array", "items": ref(item)}, "total": obj{"type": "integer"},
			"limit": obj{"type": "integer"}, "offset": obj{"type": "integer"}}}
	}
	out := obj{
		"ProfilePage": page("Profile"), "DraftPage": page("Draft"), "CampaignPage": page("Campaign"),
		"CheckResult": obj{"type": "object", "required": []string{"ok", "errors", "warnings"}, "properties": obj{
			"ok":       obj{"type": "boolean", "description": "Không có lỗi: văn bản tạo được."},
			"errors":   obj{"type": "array", "items": ref("ProblemItem")},
			"warnings": obj{"type": "array", "items": ref("ProblemItem")}}},
		"VersionList": obj{"type": "array", "items": ref("Version")},
		"MergeRequest": obj{"type": "object", "additionalProperties": false, "required": []string{"drop"},
			"properties": obj{"drop": obj{"type": "string", "format": "uuid", "description": "Mã đề nghị bị gộp (sẽ xóa)."}}},
	}
	for name, raw := range campaign.Schemas() {
		out[name] = json.RawMessage(raw)
	}
	return out
}

// listQuery reads q, page and perPage (and agency, kind, campaign).
func listQuery(c *gin.Context) (campaign.Query, error) {
	var ps apperr.Problems
	page, per := queryInt(c, "page", &ps), queryInt(c, "perPage", &ps)
	if per > campaign.MaxLimit {
		ps.Add("perPage", "invalid_number", "Mỗi trang có tối đa %d dòng.", campaign.MaxLimit)
	}
	if err := ps.Err(); err != nil {
		return campaign.Query{}, err
	}
	if per == 0 {
		per = campaign.DefaultLimit
	}
	return campaign.Query{Agency: c.Query("agency"), Kind: c.Query("kind"), CampaignID: c.Query("campaign"),
		Text: c.Query("q"), Limit: per, Offset: (max(page, 1) - 1) * per}, nil
}

// list answers a list route: the query, then one page from fetch.
func list[T any](c *gin.Context, fetch func(ctx context.Context, q campaign.Query) (T, error)) error {
	q, err := listQuery(c)
	if err != nil {
		return err
	}
	out, err := fetch(c.Request.Context(), q)
	return reply(c, http.StatusOK, out, err)
}

// decodeBody reads the JSON body with a use case's own decoder (which
// applies its defaults and field checks).
func decodeBody[T any](s *Server, c *gin.Context, decode func([]byte) (T, error)) (T, error) {
	data, err := s.readJSON(c)
	if err != nil {
		var zero T
		return zero, err
	}
	return decode(data)
}

func (s *Server) postCheck(c *gin.Context) error {
	data, err := s.readJSON(c)
	if err != nil {
		return err
	}
	res, err := limited(s, c, job{s.kindLabel(data), "check"}, func(ctx context.Context) (paperwork.CheckResult, error) {
		return s.deps.Documents.Check(ctx, data)
	})
	return reply(c, http.StatusOK, res, err)
}

func (s *Server) getTemplate(c *gin.Context) error {
	data, err := campaign.TemplateXLSX(s.deps.Campaigns.Catalogue)
	return replyFile(c, http.StatusOK, paperwork.File{Name: "mau-danh-sach-de-nghi-khen-thuong.xlsx", ContentType: mimeXLSX, Data: data}, err)
}

func (s *Server) putProfile(c *gin.Context) error {
	p, err := decodeBody(s, c, campaign.DecodeProfile)
	if err != nil {
		return err
	}
	if p.ID == "" {
		p.ID = c.Param("id")
	} else if p.ID != c.Param("id") {
		return apperr.Invalidf("id", "id_mismatch", "Mã hồ sơ trong dữ liệu (%q) khác mã trên địa chỉ (%q).", clip(p.ID, 60), clip(c.Param("id"), 60))
	}
	out, err := s.deps.Campaigns.SaveProfile(c.Request.Context(), p)
	return reply(c, http.StatusOK, out, err)
}

func (s *Server) getProfiles(c *gin.Context) error { return list(c, s.deps.Campaigns.ListProfiles) }

func (s *Server) getProfile(c *gin.Context) error {
	out, err := s.deps.Campaigns.Profile(c.Request.Context(), c.Param("id"))
	return reply(c, http.StatusOK, out, err)
}

func (s *Server) getProfileEmblem(c *gin.Context) error {
	data, err := s.deps.Campaigns.ProfileEmblem(c.Request.Context(), c.Param("id"))
	return replyFile(c, http.StatusOK, paperwork.File{Name: "quoc-huy-" + c.Param("id") + ".png", ContentType: "image/png", Data: data}, err)
}

// putProfileEmblem stores the PNG of the body as the profile's emblem: read
// up to MaxEmblemBytes (a larger body is refused before or while reading).
func (s *Server) putProfileEmblem(c *gin.Context) error {
	if mt, _, err := mime.ParseMediaType(c.GetHeader("Content-Type")); err != nil || mt != "image/png" {
		return apperr.New(apperr.Unsupported, codeMediaType, "Gửi chính ảnh PNG với Content-Type: image/png (ví dụ: curl -X PUT -H 'Content-Type: image/png' --data-binary @quoc-huy.png …).")
	}
	data, err := campaign.ReadEmblem(c.Request.Body, c.Request.ContentLength)
	if err != nil {
		return err
	}
	out, err := s.deps.Campaigns.SaveEmblem(c.Request.Context(), c.Param("id"), data)
	return reply(c, http.StatusOK, out, err)
}

func (s *Server) deleteProfileEmblem(c *gin.Context) error {
	_, err := s.deps.Campaigns.SaveEmblem(c.Request.Context(), c.Param("id"), nil)
	return reply[any](c, http.StatusNoContent, nil, err)
}

// draftSave is the body of POST /v1/drafts and PUT /v1/drafts/{id}.
type draftSave struct {
	Agency     string          `json:"agency"`
	Kind       string          `json:"kind"`
	Title      string          `json:"title"`
	CampaignID string          `json:"campaignId"`
	Input      json.RawMessage `json:"input"`
}

func (s *Server) saveDraft(c *gin.Context, id string, code int) error {
	b, err := bind[draftSave](s, c)
	if err != nil {
		return err
	}
	out, err := s.deps.Campaigns.SaveDraft(c.Request.Context(), campaign.Draft{ID: id, Agency: b.Agency, Kind: b.Kind, Title: b.Title, CampaignID: b.CampaignID, Input: b.Input})
	if err == nil {
		c.Header("Location", "/v1/drafts/"+out.ID)
	}
	return reply(c, code, out, err)
}

func (s *Server) postDraft(c *gin.Context) error { return s.saveDraft(c, "", http.StatusCreated) }
func (s *Server) putDraft(c *gin.Context) error  { return s.saveDraft(c, c.Param("id"), http.StatusOK) }

func (s *Server) getDrafts(c *gin.Context) error { return list(c, s.deps.Campaigns.ListDrafts) }

func (s *Server) getDraft(c *gin.Context) error {
	out, err := s.deps.Campaigns.Draft(c.Request.Context(), c.Param("id"))
	return reply(c, http.StatusOK, out, err)
}

func (s *Server) deleteDraft(c *gin.Context) error {
	return reply[any](c, http.StatusNoContent, nil, s.deps.Campaigns.DeleteDraft(c.Request.Context(), c.Param("id")))
}

// postDraftIssue issues a saved draft and links the draft to its record.
func (s *Server) postDraftIssue(c *gin.Context) error {
	f, err := negotiate(c, documentOffers)
	if err != nil {
		return err
	}
	d, err := s.deps.Campaigns.Draft(c.Request.Context(), c.Param("id"))
	if err != nil {
		return err
	}
	if d.RecordID != "" {
		return apperr.New(apperr.Conflict, "draft_issued", sprintf("Bản nháp này đã được phát hành (bản ghi %s): lưu một bản nháp mới để phát hành văn bản khác.", d.RecordID))
	}
	return s.issue(c, d.Input, paperwork.Format(f), func(rec registry.Record) {
		if err := s.deps.Campaigns.MarkIssued(c.Request.Context(), d.ID, rec.ID.String()); err != nil {
			s.log.WarnContext(c.Request.Context(), "mark draft issued", "draft", d.ID, "record", rec.ID.String(), "error", err.Error())
		}
	})
}

func (s *Server) getVersions(c *gin.Context) error {
	out, err := s.deps.Campaigns.DraftVersions(c.Request.Context(), c.Param("id"))
	return reply(c, http.StatusOK, out, err)
}

func (s *Server) getVersion(c *gin.Context) error {
	n, err := strconv.Atoi(c.Param("version"))
	if err != nil || n < 1 {
		return apperr.Invalidf("version", "invalid_number", "Số phiên bản phải là số nguyên từ 1.")
	}
	out, err := s.deps.Campaigns.DraftVersion(c.Request.Context(), c.Param("id"), n)
	return reply(c, http.StatusOK, out, err)
}

func (s *Server) saveCampaign(c *gin.Context, id string, code int) error {
	in, err := decodeBody(s, c, campaign.DecodeCampaign)
	if err != nil {
		return err
	}
	if id != "" {
		in.ID = id
	} else if in.ID != "" {
		return apperr.Invalidf("id", "id_given", "Mã đợt thi đua do máy chủ cấp: bỏ trường \"id\" (sửa đợt đã có bằng PUT /v1/campaigns/{id}).")
	}
	out, err := s.deps.Campaigns.SaveCampaign(c.Request.Context(), in)
	if err == nil {
		c.Header("Location", "/v1/campaigns/"+out.ID)
	}
	return reply(c, code, out, err)
}

func (s *Server) postCampaign(c *gin.Context) error { return s.saveCampaign(c, "", http.StatusCreated) }
func (s *Server) putCampaign(c *gin.Context) error {
	return s.saveCampaign(c, c.Param("id"), http.StatusOK)
}

func (s *Server) getCampaigns(c *gin.Context) error { return list(c, s.deps.Campaigns.ListCampaigns) }

func (s *Server) getCampaign(c *gin.Context) error {
	out, err := s.deps.Campaigns.Campaign(c.Request.Context(), c.Param("id"))
	return reply(c, http.StatusOK, out, err)
}

func (s *Server) deleteCampaign(c *gin.Context) error {
	return reply[any](c, http.StatusNoContent, nil, s.deps.Campaigns.DeleteCampaign(c.Request.Context(), c.Param("id")))
}

func (s *Server) getNominations(c *gin.Context) error {
	q, err := listQuery(c)
	if err != nil {
		return err
	}
	l, err := s.deps.Campaigns.Nominations(c.Request.Context(), c.Param("id"))
	if err != nil {
		return err
	}
	return reply(c, http.StatusOK, l.Page(q.Text, q.Limit, q.Offset), nil)
}

// nominationList is the body of POST /v1/campaigns/{id}/nominations.
type nominationList struct {
	Nominations []award.Nomination `json:"nominations"`
}

func (s *Server) postNominations(c *gin.Context) error {
	b, err := bind[nominationList](s, c)
	if err != nil {
		return err
	}
	out, err := s.deps.Campaigns.AddNominations(c.Request.Context(), c.Param("id"), b.Nominations)
	return reply(c, http.StatusCreated, out, err)
}

// readUploads reads every multipart part named field (several units'
// lists), bounded in total by MaxBodyBytes.
func (s *Server) readUploads(c *gin.Context, field string) ([]campaign.ImportFile, error) {
	mt, _, err := mime.ParseMediaType(c.GetHeader("Content-Type"))
	if err != nil || mt != "multipart/form-data" {
		return nil, apperr.New(apperr.Unsupported, codeMediaType,
			"Gửi tệp dưới dạng multipart/form-data, mỗi tệp một trường \"file\" (ví dụ: curl -F file=@don-vi-a.xlsx -F file=@don-vi-b.xlsx).")
	}
	limit := s.cfg.MaxBodyBytes
	if c.Request.ContentLength > limit {
		return nil, tooLarge(limit)
	}
	c.Request.Body = http.MaxBytesReader(c.Writer, c.Request.Body, limit)
	mr, err := c.Request.MultipartReader()
	if err != nil {
		return nil, apperr.Invalidf(field, "invalid_multipart", "Dữ liệu multipart không đọc được.")
	}
	var out []campaign.ImportFile
	for {
		part, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			break
		}
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return nil, tooLarge(limit)
		}
		if err != nil {
			return nil, apperr.Invalidf(field, "invalid_multipart", "Dữ liệu multipart không đọc được.")
		}
		if part.FormName() != field {
			part.Close()
			continue
		}
		data, err := io.ReadAll(part)
		if errors.As(err, &mbe) {
			return nil, tooLarge(limit)
		}
		if err != nil {
			return nil, apperr.Invalidf(field, "invalid_multipart", "Tệp gửi lên bị cắt cụt.")
		}
		name := cleanFileName(path.Base(strings.ReplaceAll(part.FileName(), `\`, "/")), "")
		out = append(out, campaign.ImportFile{Name: name, Data: bytes.NewReader(data), Size: int64(len(data))})
	}
	if len(out) == 0 {
		return nil, apperr.Invalidf(field, "required", "Thiếu tệp: gửi mỗi danh sách trong một trường %q.", field)
	}
	return out, nil
}

func (s *Server) postCampaignImport(c *gin.Context) error {
	files, err := s.readUploads(c, "file")
	if err != nil {
		return err
	}
	out, err := limited(s, c, job{"import", "campaign"}, func(ctx context.Context) (campaign.ImportResult, error) {
		return s.deps.Campaigns.Import(ctx, c.Param("id"), files, campaign.ImportOptions{AwardForm: c.Query("awardForm")})
	})
	return reply(c, http.StatusCreated, out, err)
}

func (s *Server) putNomination(c *gin.Context) error {
	n, err := bind[award.Nomination](s, c)
	if err != nil {
		return err
	}
	out, err := s.deps.Campaigns.EditNomination(c.Request.Context(), c.Param("id"), c.Param("nid"), n)
	return reply(c, http.StatusOK, out, err)
}

func (s *Server) deleteNomination(c *gin.Context) error {
	err := s.deps.Campaigns.DeleteNomination(c.Request.Context(), c.Param("id"), c.Param("nid"))
	return reply[any](c, http.StatusNoContent, nil, err)
}

// mergeRequest is the body of POST /v1/campaigns/{id}/nominations/{nid}/merge.
type mergeRequest struct {
	Drop string `json:"drop"`
}

func (s *Server) postMerge(c *gin.Context) error {
	b, err := bind[mergeRequest](s, c)
	if err != nil {
		return err
	}
	if b.Drop == "" {
		return apperr.Invalidf("drop", "required", "Cần \"drop\": mã đề nghị gộp vào đề nghị này.")
	}
	out, err := s.deps.Campaigns.MergeNominations(c.Request.Context(), c.Param("id"), c.Param("nid"), b.Drop)
	return reply(c, http.StatusOK, out, err)
}

func (s *Server) postCampaignDraft(c *gin.Context) error {
	req, err := decodeBody(s, c, campaign.DecodeDraftRequest)
	if err != nil {
		return err
	}
	out, err := s.deps.Campaigns.DraftFromCampaign(c.Request.Context(), c.Param("id"), req)
	if err == nil {
		c.Header("Location", "/v1/drafts/"+out.ID)
	}
	return reply(c, http.StatusCreated, out, err)
}

func (s *Server) postDecisionCertificates(c *gin.Context) error {
	id, req, err := s.printRequest(c)
	if err != nil {
		return err
	}
	out, err := limited(s, c, job{"certificates", req.Format}, func(ctx context.Context) (campaign.Printed, error) {
		return s.deps.Printer.Print(ctx, id, req)
	})
	if err == nil {
		c.Header("X-Vanban-Reprint", strconv.FormatBool(out.Reprint))
		c.Header("X-Vanban-Certificates", strconv.Itoa(len(out.Certificates)))
	}
	return replyFile(c, http.StatusOK, paperwork.File{Name: out.Name, ContentType: out.ContentType, Data: out.Data}, err)
}

// printRequest reads the decision's id, the format (?format=, Accept, or
// the body's) and the body of POST /v1/registry/{uuid}/certificates.
func (s *Server) printRequest(c *gin.Context) (string, campaign.PrintRequest, error) {
	id, err := pathID(c)
	if err != nil {
		return "", campaign.PrintRequest{}, err
	}
	f, err := negotiate(c, certificateOffers)
	if err != nil {
		return "", campaign.PrintRequest{}, err
	}
	req, err := decodeBody(s, c, campaign.DecodePrintRequest)
	if req.Format == "" {
		req.Format = f
	}
	return id, req, err
}
