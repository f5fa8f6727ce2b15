package campaign

import (
	"encoding/json"

	"github.com/vanban/vanban/internal/commendation"
	"github.com/vanban/vanban/internal/letterhead"
)

type obj = map[string]any

func str(desc string) obj { return obj{"type": "string", "description": desc} }

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
					"implementers": str("Đơn vị thi hành (Điều 3)."),
					"funding":      str("Nguồn tiền thưởng."),
					"baseSalary":   obj{"type": "integer", "minimum": 0, "description": "Mức lương cơ sở (đồng)."},
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
						"number": obj{"type": "integer", "minimum": 1}, "symbol": str("\"KH-SVHTTDL\""),
						"date": obj{"type": "string", "format": "date"}, "issuer": str("Cơ quan ban hành kế hoạch."),
						"summary": str("Trích yếu."), "criteria": list(obj{"type": "object", "properties": obj{"id": str(""), "text": str("")}}),
					}},
				"createdAt": date, "updatedAt": date,
			},
		},
		"Nomination":     nomination,
		"NominationList": {"type": "object", "additionalProperties": false, "required": []string{"nominations"}, "properties": obj{"nominations": list(nomination)}},
		"Entry": {"description": "Một đề nghị trong đợt: đề nghị, tệp và dòng nguồn, các vấn đề.", "allOf": []obj{nomination, {"type": "object", "properties": obj{
			"id": obj{"type": "string", "format": "uuid"}, "campaignId": obj{"type": "string"}, "seq": obj{"type": "integer"},
			"file": str("Tệp nguồn."), "problems": problems}}}},
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
			"design": obj{"enum": []string{"giay-khen", "bang-khen"}, "description": "Mẫu in; mặc định theo hình thức khen thưởng."},
			"mode":   obj{"enum": []string{"full", "overprint", "calibration"}},
			"offset": obj{"type": "object", "additionalProperties": false, "properties": obj{"x": obj{"type": "number"}, "y": obj{"type": "number"}}, "description": "Độ lệch máy in (mm)."},
			"format": obj{"enum": []string{"pdf", "zip"}}}},
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
