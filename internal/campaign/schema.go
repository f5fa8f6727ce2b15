package campaign

import (
	"encoding/json"
	"sort"

	"github.com/vanban/vanban/internal/certificate"
	"github.com/vanban/vanban/internal/commendation"
	"github.com/vanban/vanban/internal/letterhead"
	"github.com/vanban/vanban/internal/registry"
)

type obj = map[string]any

func str(desc string) obj { return obj{"type": "string", "description": desc} }

// strMax is a text field with its documented maximum length (characters).
func strMax(desc string, max int) obj {
	return obj{"type": "string", "maxLength": max, "description": desc}
}

func ref(name string) obj { return obj{"$ref": "#/components/schemas/" + name} }

// common returns the shared properties of every kind (agency, signer,
// recipients…): one vocabulary for the profile and the kinds.
func common() obj {
	var s struct {
		Properties obj `json:"properties"`
	}
	_ = json.Unmarshal(letterhead.Schema("x", "", "", nil, nil), &s)
	return s.Properties
}

// Schemas returns the JSON Schemas of the inputs and results of the
// campaign use cases, by component name, for `vanban schema`,
// /v1/schemas/{name} and /openapi.json. References point at
// #/components/schemas/… of the OpenAPI document.
func Schemas() map[string][]byte {
	c := common()
	signer, _ := c["signer"].(obj)
	signerProps := obj{"default": obj{"type": "boolean", "description": "Người ký mặc định của hồ sơ (một người)."}}
	if p, ok := signer["properties"].(obj); ok {
		for k, v := range p {
			signerProps[k] = v
		}
	}
	nomination := commendation.NominationSchema()
	date := obj{"type": "string", "format": "date-time"}
	list := func(items obj) obj { return obj{"type": "array", "items": items} }
	problems := list(ref("ProblemItem"))
	all := map[string]obj{
		"Profile": {
			"title": "Hồ sơ cơ quan", "type": "object", "additionalProperties": false,
			"description": "Lưu một lần cho mỗi cơ quan; mọi loại văn bản nhận \"agencyProfile\": \"<id>\" thay cho các trường này (trường ghi trong dữ liệu được ưu tiên).",
			"required":    []string{"id", "agency", "signers"},
			"properties": obj{
				"id":          obj{"type": "string", "pattern": "^[a-z0-9][a-z0-9-]{0,62}$", "description": "Mã hồ sơ: chữ thường không dấu, số, gạch ngang (\"svhttdl-lai-chau\")."},
				"agency":      c["agency"],
				"signers":     obj{"type": "array", "minItems": 1, "items": obj{"type": "object", "additionalProperties": false, "required": []string{"name"}, "properties": signerProps}, "description": "Người ký (cùng dạng signer của mọi loại văn bản)."},
				"recipients":  c["recipients"],
				"archive":     c["archive"],
				"numberWidth": c["numberWidth"],
				"awards": obj{"type": "object", "additionalProperties": false, "description": "Mặc định của Tờ trình, Quyết định khen thưởng.", "properties": obj{
					"kinhGui":      list(str("Nơi gửi Tờ trình.")),
					"proposal":     str("Căn cứ đề nghị của Quyết định (\"Theo đề nghị của …\")."),
					"implementers": str("Đơn vị thi hành, mở đầu Điều 3 (\"Chánh Văn phòng Sở, Trưởng các phòng, đơn vị thuộc Sở\"); câu \"và các tập thể, cá nhân có tên tại Điều 1…\" được thêm tự động."),
					"funding":      str("Nguồn tiền thưởng."),
					"baseSalary":   obj{"type": "integer", "minimum": 0, "description": "Mức lương cơ sở (đồng)."},
				}},
				"emblem": obj{"description": "Quốc huy hoặc biểu trưng của cơ quan, in ở giữa phía trên giấy khen, bằng khen khi in toàn bộ. Ảnh lưu riêng (GET/PUT /v1/profiles/{id}/emblem, image/png); hồ sơ chỉ mang tham chiếu {sha256, width, height}. Khi lưu hồ sơ có thể gửi chính ảnh PNG dạng base64 (tối đa 1 MB, từ 64 đến 2000 điểm ảnh mỗi cạnh; được thu về tối đa 600 điểm ảnh, PNG 8 bit); gửi lại tham chiếu thì giữ ảnh đã lưu; bỏ trường này thì bỏ ảnh.",
					"oneOf": []obj{
						{"type": "string", "contentEncoding": "base64", "contentMediaType": "image/png", "maxLength": 1_400_000, "writeOnly": true},
						{"type": "object", "additionalProperties": false, "required": []string{"sha256"}, "properties": obj{
							"sha256": obj{"type": "string", "pattern": "^[0-9a-f]{64}$", "description": "SHA-256 của ảnh PNG đã lưu."},
							"width":  obj{"type": "integer", "readOnly": true, "description": "Chiều rộng (điểm ảnh)."},
							"height": obj{"type": "integer", "readOnly": true, "description": "Chiều cao (điểm ảnh)."},
						}},
					}},
				"updatedAt": date,
			},
		},
		"Campaign": {
			"title": "Đợt thi đua", "type": "object", "additionalProperties": false,
			"required": []string{"agency", "title", "year"},
			"properties": obj{
				"id":          obj{"type": "string", "format": "uuid", "readOnly": true},
				"agency":      str("Mã hồ sơ cơ quan."),
				"title":       str("Tên phong trào, đợt thi đua."),
				"year":        obj{"type": "integer", "minimum": 1945, "maximum": 9999},
				"achievement": str("Vế sau \"đã có thành tích xuất sắc …\"; mặc định \"trong \" + tên đợt."),
				"plan": obj{"type": "object", "additionalProperties": false, "description": "Kế hoạch phát động: recordId (đã ban hành trong sổ), draftId, hoặc số, ký hiệu, ngày.",
					"properties": obj{
						"recordId": obj{"type": "string", "format": "uuid"}, "draftId": obj{"type": "string"},
						"number": obj{"type": "integer", "minimum": 1}, "numberWidth": obj{"type": "integer", "minimum": 1, "maximum": 6}, "symbol": str("\"KH-SVHTTDL\""),
						"date": obj{"type": "string", "format": "date"}, "issuer": str("Cơ quan ban hành kế hoạch."),
						"summary": str("Trích yếu."), "criteria": list(obj{"type": "object", "properties": obj{"id": str(""), "text": str("")}}),
					}},
				"createdAt": date, "updatedAt": date,
			},
		},
		"Nomination":     nomination,
		"NominationList": {"type": "object", "additionalProperties": false, "required": []string{"nominations"}, "properties": obj{"nominations": list(nomination)}},
		"Entry":          entrySchema(nomination, problems),
		"Listing": {"type": "object", "required": []string{"entries", "problems", "errors", "warnings", "total"}, "properties": obj{
			"entries": list(ref("Entry")), "problems": problems, "errors": obj{"type": "integer"}, "warnings": obj{"type": "integer"}, "total": obj{"type": "integer"}}},
		"ImportResult": {"type": "object", "properties": obj{
			"added": obj{"type": "integer"}, "files": list(obj{"type": "object", "properties": obj{"file": str(""), "report": obj{"type": "object"}}}),
			"listing": ref("Listing")}},
		"DraftSave": {"type": "object", "additionalProperties": false, "required": []string{"input"}, "properties": obj{
			"agency": str("Mã hồ sơ cơ quan (mặc định: agencyProfile của dữ liệu)."), "kind": str("Loại văn bản (mặc định: kind của dữ liệu)."),
			"title": str("Tên bản nháp."), "campaignId": str("Đợt thi đua."), "input": ref("DocumentInput")}},
		"Draft": {"type": "object", "properties": obj{
			"id": obj{"type": "string", "format": "uuid"}, "agency": str(""), "kind": str(""), "title": str(""), "campaignId": str(""),
			"version": obj{"type": "integer", "minimum": 1}, "input": ref("DocumentInput"), "recordId": str("Bản ghi trong sổ khi đã ban hành."),
			"createdAt": date, "updatedAt": date, "warnings": problems}},
		"Version": {"type": "object", "properties": obj{"draftId": str(""), "version": obj{"type": "integer"}, "input": ref("DocumentInput"), "createdAt": date}},
		"DraftRequest": {"title": "Lập văn bản từ đợt thi đua", "type": "object", "additionalProperties": false, "required": []string{"kind"}, "properties": obj{
			"kind":      obj{"enum": []string{ToTrinhKind, QuyetDinhKind}},
			"awardForm": str("Một hình thức khi đợt có nhiều; mặc định hình thức có nhiều đề nghị nhất."),
			"signer":    str("Họ tên một người ký của hồ sơ; mặc định người ký mặc định.")}},
		"PrintRequest": {"title": "In giấy khen từ quyết định đã ban hành", "type": "object", "additionalProperties": false, "properties": obj{
			"design":    obj{"enum": []string{"giay-khen", "bang-khen"}, "description": "Mẫu in; mặc định theo hình thức khen thưởng."},
			"awardForm": obj{"type": "string", "maxLength": 100, "description": "Quyết định có nhiều hình thức (danh hiệu và Giấy khen): mã hình thức cần in; mặc định hình thức chính (awardForm) của quyết định."},
			"mode":      obj{"enum": []string{"full", "overprint", "calibration"}},
			"offset":    obj{"type": "object", "additionalProperties": false, "properties": obj{"x": obj{"type": "number"}, "y": obj{"type": "number"}}, "description": "Độ lệch máy in (mm)."},
			"format":    obj{"enum": []string{"pdf", "zip"}}}},
	}
	signerSchema := c["signer"]
	// A recipient is a nomination with its own achievement sentence and số
	// sổ vàng.
	recipient := obj{}
	for k, v := range nomination {
		recipient[k] = v
	}
	props := obj{"achievement": strMax("Câu thành tích riêng.", certificate.MaxAchievement), "number": obj{"type": "integer", "minimum": 1, "description": "Số sổ vàng."}}
	if p, ok := nomination["properties"].(map[string]any); ok {
		for k, v := range p {
			props[k] = v
		}
	}
	recipient["properties"] = props
	all["CertificateBatch"] = obj{
		"title": "Lô giấy khen, bằng khen", "type": "object", "additionalProperties": false,
		"required": []string{"kind", "decision", "achievement"},
		"properties": obj{
			"kind":         obj{"enum": []string{"giay-khen", "bang-khen"}},
			"mode":         obj{"enum": []string{"full", "overprint", "calibration"}, "description": "full: in cả mẫu; overprint: chỉ chữ lên phôi; calibration: trang căn chỉnh."},
			"template":     str("Mẫu bố cục dựng sẵn (mặc định theo kind)."),
			"templateFile": str("Tệp mẫu bố cục JSON (chỉ CLI)."),
			"pageSize":     obj{"type": "object", "additionalProperties": false, "properties": obj{"width": obj{"type": "number"}, "height": obj{"type": "number"}}, "description": "Khổ giấy (mm)."},
			"offset":       obj{"type": "object", "additionalProperties": false, "properties": obj{"x": obj{"type": "number"}, "y": obj{"type": "number"}}, "description": "Độ lệch máy in (mm)."},
			"background":   str("Ảnh nền PNG/JPEG của cơ quan (chỉ CLI)."),
			"emblem":       str("Ảnh PNG Quốc huy / biểu trưng của cơ quan, in ở giữa phía trên khi in toàn bộ (chỉ CLI; lô của chiến dịch lấy ảnh trong hồ sơ cơ quan)."),
			"files":        obj{"enum": []string{"pdf", "docx"}, "description": "Định dạng từng tệp trong ZIP."},
			"wordTemplate": str("Mẫu Word có {chỗ trống} (chỉ CLI)."),
			"decision": obj{"type": "object", "additionalProperties": false, "required": []string{"number", "symbol", "date", "issuerTitle", "place", "signer"},
				"properties": obj{
					"number": obj{"type": "integer", "minimum": 1}, "numberWidth": obj{"type": "integer", "minimum": 1, "maximum": 6},
					"symbol": strMax("\"QĐ-SVHTTDL\"", certificate.MaxShortText), "date": obj{"type": "string", "format": "date"},
					"issuerTitle": strMax("Người tặng, chữ thường đúng chính tả (\"Giám đốc Sở …\").", certificate.MaxLineText), "place": strMax("Địa danh.", certificate.MaxShortText),
					"signer": signerSchema,
				}},
			"decisionCheck": obj{"enum": []string{"register", "external"}, "default": "register",
				"description": "Lô ghi vào sổ (POST /v1/certificates): register — quyết định phải có trong sổ văn bản đi; external — quyết định của cơ quan khác (ví dụ Bằng khen của UBND tỉnh): ghi giấy khen mà không đối chiếu, trang xác minh ghi \"quyết định của cơ quan khác, chưa đối chiếu với sổ văn bản đi\"."},
			"achievement":            strMax("Câu thành tích in cho mọi người (\"Đã có thành tích xuất sắc …\").", certificate.MaxAchievement),
			"numbering":              obj{"type": "object", "additionalProperties": false, "properties": obj{"start": obj{"type": "integer", "minimum": 1}}},
			"qr":                     obj{"type": "object", "additionalProperties": false, "properties": obj{"enabled": obj{"type": "boolean"}, "baseURL": obj{"type": "string", "format": "uri"}}},
			"recipients":             obj{"type": "array", "items": recipient, "maxItems": certificate.MaxRecipients, "description": "Tối đa 5000 người/tập thể mỗi lô (1000 khi xuất ZIP)."},
			"recipientsFile":         str("Tệp danh sách (JSON của vanban import, XLSX, CSV; chỉ CLI)."),
			"achievementFromSummary": obj{"type": "boolean", "description": "In tóm tắt thành tích của từng người làm câu thành tích."},
		},
	}
	all["RegisterRequest"] = obj{
		"title": "Đăng ký văn bản soạn ở nơi khác", "type": "object", "additionalProperties": false,
		"required": []string{"kind", "symbol", "summary", "signer"},
		"properties": obj{
			"agency":     strMax("Mã cơ quan (mặc định VANBAN_AGENCY).", registry.MaxShortText),
			"series":     strMax("Tên sổ, khi có nhiều sổ.", registry.MaxShortText),
			"kind":       strMax("Loại văn bản viết tắt (Phụ lục III): \"QĐ\", \"KH\", \"CV\"…", registry.MaxShortText),
			"kindName":   strMax("Tên loại (\"Công văn\").", registry.MaxLineText),
			"symbol":     strMax("Ký hiệu (\"SVHTTDL-VP\").", registry.MaxShortText),
			"date":       obj{"type": "string", "format": "date", "description": "Ngày văn bản; mặc định hôm nay."},
			"summary":    strMax("Trích yếu.", registry.MaxSummary),
			"signer":     strMax("Người ký.", registry.MaxLineText),
			"recipients": obj{"type": "array", "maxItems": registry.MaxRecipients, "items": obj{"type": "string", "maxLength": registry.MaxLineText}},
			"archive":    strMax("Đơn vị lưu (\"VT, VP\").", registry.MaxLineText),
			"copies":     obj{"type": "integer", "minimum": 0, "maximum": 100000},
			"note":       strMax("Ghi chú.", registry.MaxNote),
			"number":     obj{"type": "integer", "minimum": 1, "description": "Số đã ghi trên giấy: phải là số tiếp theo của sổ."},
			"lateRegistration": obj{"type": "boolean",
				"description": "Đăng ký muộn: văn bản ngày thuộc năm đã khóa sổ (trước năm nay) chỉ được ghi khi có dấu này; sổ ghi lại dấu đăng ký muộn."},
		},
	}
	out := map[string][]byte{}
	for k, v := range all {
		b, err := json.Marshal(v)
		if err != nil {
			panic("campaign: schema " + k + ": " + err.Error())
		}
		out[k] = b
	}
	return out
}

// entrySchema is a nomination with its id, campaign, order, file and
// problems.
func entrySchema(nomination obj, problems obj) obj {
	props := obj{"id": obj{"type": "string", "format": "uuid"}, "campaignId": obj{"type": "string"}, "seq": obj{"type": "integer"},
		"file": str("Tệp nguồn."), "problems": problems}
	if p, ok := nomination["properties"].(map[string]any); ok {
		for k, v := range p {
			props[k] = v
		}
	}
	return obj{"type": "object", "description": "Một đề nghị trong đợt: đề nghị, tệp và dòng nguồn, các vấn đề.", "properties": props}
}

// InputSchemas names the JSON Schemas of the inputs that are not document
// kinds, as `vanban schema NAME` and GET /v1/schemas/{name} serve them, by
// their OpenAPI component.
var InputSchemas = map[string]string{
	"agency-profile":    "Profile",
	"campaign":          "Campaign",
	"campaign-draft":    "DraftRequest",
	"certificate-print": "PrintRequest",
	"certificate-batch": "CertificateBatch",
	"register-request":  "RegisterRequest",
	"nomination":        "Nomination",
}

// InputSchemaNames lists the names of InputSchemas, sorted.
func InputSchemaNames() []string {
	names := make([]string, 0, len(InputSchemas))
	for n := range InputSchemas {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// InputSchema returns the standalone JSON Schema of the input called name.
func InputSchema(name string) ([]byte, bool) {
	comp, ok := InputSchemas[name]
	if !ok {
		return nil, false
	}
	var s map[string]any
	if err := json.Unmarshal(Schemas()[comp], &s); err != nil {
		return nil, false
	}
	s["$schema"] = "https://json-schema.org/draft/2020-12/schema"
	s["$id"] = "https://vanban.local/schemas/" + name + ".json"
	out, err := json.MarshalIndent(s, "", "  ")
	if err != nil {
		return nil, false
	}
	return append(out, '\n'), true
}
