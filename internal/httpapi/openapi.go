package httpapi

import (
	"bytes"
	"encoding/json"
	"net/http"
	"regexp"
	"sort"
	"strconv"
	"strings"
)

// obj is a JSON object under construction; encoding/json sorts its keys, so
// the document is deterministic.
type obj = map[string]any

var ginParam = regexp.MustCompile(`[:*]([A-Za-z0-9_]+)`)

// openAPIPath turns gin's /v1/schemas/:kind into /v1/schemas/{kind}.
func openAPIPath(p string) string { return ginParam.ReplaceAllString(p, "{$1}") }

func ref(name string) obj { return obj{"$ref": "#/components/schemas/" + name} }

// kindSchemaName is the component holding a kind's JSON Schema.
func kindSchemaName(kind string) string {
	return "kind-" + regexp.MustCompile(`[^A-Za-z0-9._-]`).ReplaceAllString(kind, "_")
}

// buildOpenAPI writes the OpenAPI 3.1 document from the route table and the
// kinds (their JSON Schemas and examples).
func (s *Server) buildOpenAPI() []byte {
	schemas := obj{
		"Object": obj{"type": "object", "description": "Đối tượng JSON; xem mô tả của thao tác."},
		"Text":   obj{"type": "string"},
		"HTML":   obj{"type": "string", "description": "Trang HTML."},
		"Problem": obj{
			"type":        "object",
			"description": "Lỗi theo RFC 9457 (application/problem+json).",
			"required":    []string{"type", "title", "status", "code", "detail", "instance", "requestId"},
			"properties": obj{
				"type":      obj{"type": "string", "format": "uri-reference"},
				"title":     obj{"type": "string", "description": "Tiêu đề ngắn (tiếng Việt)."},
				"status":    obj{"type": "integer"},
				"code":      obj{"type": "string", "description": "Mã lỗi ổn định (tiếng Anh), cho chương trình."},
				"detail":    obj{"type": "string", "description": "Giải thích (tiếng Việt) và cách sửa."},
				"instance":  obj{"type": "string", "description": "urn:uuid:<mã yêu cầu>."},
				"requestId": obj{"type": "string", "description": "Mã yêu cầu, như trong tiêu đề X-Request-Id."},
				"errors":    obj{"type": "array", "items": ref("ProblemItem")},
			},
		},
		"ProblemItem": obj{
			"type":     "object",
			"required": []string{"code", "message"},
			"properties": obj{
				"field":   obj{"type": "string", "description": "Đường dẫn trường JSON, ví dụ signer.name hoặc body.sections[2].title."},
				"sheet":   obj{"type": "string", "description": "Trang tính (khi nhập Excel)."},
				"row":     obj{"type": "integer", "description": "Dòng (từ 1)."},
				"column":  obj{"type": "string", "description": "Cột (A, B, … hoặc tên tiêu đề)."},
				"code":    obj{"type": "string"},
				"message": obj{"type": "string", "description": "Việc cần sửa (tiếng Việt)."},
				"warning": obj{"type": "boolean", "description": "Chỉ là cảnh báo, không ngăn việc tạo văn bản."},
			},
		},
		"KindList": obj{"type": "array", "items": obj{
			"type": "object", "required": []string{"name", "title", "schema"},
			"properties": obj{"name": obj{"type": "string"}, "title": obj{"type": "string"}, "schema": obj{"type": "string", "format": "uri-reference"}},
		}},
		"DocumentWithDraft": obj{"type": "object", "required": []string{"input", "body"},
			"properties": obj{
				"input": obj{"type": "string", "contentMediaType": "application/json", "description": "Dữ liệu JSON của văn bản (như khi gửi application/json)."},
				"body":  obj{"type": "string", "contentMediaType": "application/octet-stream", "description": "Tệp dự thảo .docx hoặc .txt: nội dung thay cho trường body."},
			}},
		"Upload": obj{"type": "object", "required": []string{"file"},
			"properties": obj{"file": obj{"type": "string", "contentMediaType": "application/octet-stream", "description": "Tệp XLSX hoặc CSV (UTF-8, có hoặc không BOM)."}}},
		"CancelRequest": obj{"type": "object", "additionalProperties": false, "required": []string{"reason"},
			"properties": obj{"reason": obj{"type": "string", "minLength": 1, "maxLength": 1000, "description": "Lý do hủy (một dòng, tối đa 1000 ký tự)."}}},
		"Certificate": obj{"type": "object", "required": []string{"id", "kind", "recipientName", "decisionRef"},
			"properties": obj{
				"id": obj{"type": "string", "format": "uuid"}, "agency": obj{"type": "string"},
				"kind": obj{"type": "string"}, "awardForm": obj{"type": "string"},
				"recipientName": obj{"type": "string"}, "recipientUnit": obj{"type": "string"},
				"decisionRef": obj{"type": "string"}, "decisionDate": obj{"type": "string", "format": "date"},
				"decisionIssuer": obj{"type": "string"}, "goldenBook": obj{"type": "integer"},
			}},
		"Record": obj{"type": "object", "description": "Một văn bản trong sổ đăng ký văn bản đi.",
			"required": []string{"id", "agency", "year", "number", "numberText", "symbol", "kind", "date", "summary", "status"},
			"properties": obj{
				"id": obj{"type": "string", "format": "uuid"}, "agency": obj{"type": "string"}, "series": obj{"type": "string"},
				"year": obj{"type": "integer"}, "number": obj{"type": "integer"},
				"numberText": obj{"type": "string", "description": "Số như in trên văn bản, ví dụ \"05\"."},
				"symbol":     obj{"type": "string", "description": "Ký hiệu, ví dụ \"KH-SVHTTDL\"."},
				"kind":       obj{"type": "string"}, "kindName": obj{"type": "string"},
				"date": obj{"type": "string", "format": "date"}, "summary": obj{"type": "string"}, "signer": obj{"type": "string"},
				"recipients": obj{"type": "array", "items": obj{"type": "string"}}, "archive": obj{"type": "string"},
				"copies": obj{"type": "integer"}, "note": obj{"type": "string"},
				"status":       obj{"enum": []string{"issued", "registered", "cancelled"}},
				"cancelReason": obj{"type": "string"}, "cancelledAt": obj{"type": "string", "format": "date-time"},
				"createdAt": obj{"type": "string", "format": "date-time"},
				"files": obj{"type": "array", "items": obj{"type": "object", "properties": obj{
					"name": obj{"type": "string"}, "contentType": obj{"type": "string"}, "sha256": obj{"type": "string"}, "size": obj{"type": "integer"}}}},
			}},
		"RecordPage": obj{"type": "object", "required": []string{"records", "total", "limit", "offset"}, "properties": obj{
			"records": obj{"type": "array", "items": ref("Record")}, "total": obj{"type": "integer"},
			"limit": obj{"type": "integer"}, "offset": obj{"type": "integer"}}},
		"AwardForms": obj{"type": "object", "required": []string{"forms", "legalBases"}, "properties": obj{
			"forms": obj{"type": "array", "description": "Hình thức khen thưởng: mã, tên, người tặng, mức tiền thưởng, tiêu chuẩn.", "items": obj{
				"type": "object", "required": []string{"id", "name"},
				"properties": obj{"id": obj{"type": "string"}, "name": obj{"type": "string"}, "shortName": obj{"type": "string"}, "awardedBy": obj{"type": "string"}}}},
			"legalBases": obj{"type": "array", "description": "Căn cứ pháp lý và thời gian hiệu lực.", "items": obj{
				"type": "object", "properties": obj{"id": obj{"type": "string"}, "text": obj{"type": "string"},
					"from": obj{"type": "string", "format": "date"}, "to": obj{"type": "string", "format": "date"}}}},
		}},
		"NominationImport": obj{"type": "object", "required": []string{"nominations", "report"}, "properties": obj{
			"nominations": obj{"type": "array", "items": ref("Nomination")},
			"report": obj{"type": "object", "description": "Báo cáo từng dòng: số dòng đã nhập, bỏ qua, lỗi và cảnh báo (trang tính, dòng, cột).", "properties": obj{
				"rows": obj{"type": "integer"}, "imported": obj{"type": "integer"}, "skipped_empty": obj{"type": "integer"},
				"sections": obj{"type": "integer"}, "skipped_other": obj{"type": "integer"}, "errors": obj{"type": "integer"},
				"warnings": obj{"type": "integer"}, "problems": obj{"type": "array", "items": ref("ProblemItem")}}},
		}},
		"Health": obj{"type": "object", "properties": obj{"status": obj{"const": "ok"}}},
		"Readiness": obj{"type": "object", "properties": obj{
			"status": obj{"enum": []string{"ok", "not_ready"}},
			"checks": obj{"type": "array", "items": obj{"type": "object", "properties": obj{
				"name": obj{"type": "string"}, "status": obj{"enum": []string{"ok", "fail"}}}}},
		}},
	}
	for name, v := range campaignSchemas() {
		schemas[name] = v
	}
	var oneOf []obj
	mapping := obj{}
	examples := obj{}
	for _, k := range s.deps.Documents.Kinds() {
		name := kindSchemaName(k.Name)
		if sch := k.SchemaJSON(); json.Valid(sch) {
			schemas[name] = json.RawMessage(sch)
		} else {
			schemas[name] = obj{"type": "object", "description": k.Title}
		}
		oneOf = append(oneOf, ref(name))
		mapping[k.Name] = "#/components/schemas/" + name
		if json.Valid(k.Example) && len(bytes.TrimSpace(k.Example)) > 0 {
			examples[k.Name] = obj{"summary": k.Title, "value": json.RawMessage(k.Example)}
		}
	}
	doc := obj{"type": "object", "required": []string{"kind"},
		"description": "Dữ liệu một văn bản; trường \"kind\" chọn loại và lược đồ.",
		"properties":  obj{"kind": obj{"type": "string"}}}
	if len(oneOf) > 0 {
		doc = obj{"oneOf": oneOf, "discriminator": obj{"propertyName": "kind", "mapping": mapping},
			"description": "Dữ liệu một văn bản; trường \"kind\" chọn loại và lược đồ."}
	}
	schemas["DocumentInput"] = doc

	paths := obj{}
	for _, r := range s.routes {
		p := openAPIPath(r.path)
		item, _ := paths[p].(obj)
		if item == nil {
			item = obj{}
			paths[p] = item
		}
		item[strings.ToLower(r.method)] = s.operation(r, examples)
	}
	api := obj{
		"openapi": "3.1.0",
		"info": obj{
			"title":       "vanban — văn bản hành chính theo NĐ 30/2020/NĐ-CP",
			"version":     s.cfg.Version,
			"description": "Tạo văn bản hành chính (PDF, DOCX) đúng thể thức Nghị định 30/2020/NĐ-CP, nhập danh sách khen thưởng, in bằng khen, giấy khen, sổ đăng ký văn bản đi và xác minh. Mọi lỗi trả về dạng application/problem+json (RFC 9457). Trang hướng dẫn: /docs.",
		},
		"jsonSchemaDialect": "https://json-schema.org/draft/2020-12/schema",
		"paths":             paths,
		"components": obj{
			"schemas": schemas,
			"securitySchemes": obj{
				"bearer": obj{"type": "http", "scheme": "bearer", "description": "Authorization: Bearer <khóa API>."},
				"apiKey": obj{"type": "apiKey", "in": "header", "name": "X-API-Key"},
			},
			"headers": obj{
				"X-Request-Id": obj{"description": "Mã yêu cầu (UUID), cũng ghi trong nhật ký.", "schema": obj{"type": "string"}},
				"Retry-After":  obj{"description": "Số giây nên chờ trước khi thử lại.", "schema": obj{"type": "integer"}},
			},
		},
	}
	b, err := json.MarshalIndent(api, "", "  ")
	if err != nil { // only a kind's invalid raw JSON could do this; Valid guards it
		panic("httpapi: OpenAPI document: " + err.Error())
	}
	return b
}

func (s *Server) operation(r route, examples obj) obj {
	op := obj{
		"summary":     r.summary,
		"operationId": operationID(r),
		"tags":        []string{r.tag},
	}
	if r.desc != "" {
		op["description"] = r.desc
	}
	var params []obj
	for _, p := range r.params {
		sch := obj{"type": p.typ}
		if p.format != "" {
			sch["format"] = p.format
		}
		if len(p.enum) > 0 {
			sch["enum"] = p.enum
		}
		params = append(params, obj{"name": p.name, "in": p.in, "description": p.desc, "required": p.required || p.in == "path", "schema": sch})
	}
	if len(params) > 0 {
		op["parameters"] = params
	}
	if len(r.body) > 0 {
		ct := obj{}
		for _, c := range r.body {
			m := obj{"schema": ref(c.schema)}
			if c.schema == "DocumentInput" && len(examples) > 0 {
				m["examples"] = examples
			}
			ct[c.mediaType] = m
		}
		op["requestBody"] = obj{"required": true, "content": ct}
	}
	hdrs := obj{"X-Request-Id": obj{"$ref": "#/components/headers/X-Request-Id"}}
	okContent := obj{}
	for _, c := range r.ok {
		if c.schema == "" {
			okContent[c.mediaType] = obj{"schema": obj{"type": "string", "contentMediaType": c.mediaType}}
		} else {
			okContent[c.mediaType] = obj{"schema": ref(c.schema)}
		}
	}
	okHdrs := obj{"X-Request-Id": hdrs["X-Request-Id"]}
	for _, c := range r.ok {
		if c.schema == "" {
			okHdrs["Content-Disposition"] = obj{"description": "attachment; filename=\"tên ASCII\"; filename*=UTF-8''tên tiếng Việt", "schema": obj{"type": "string"}}
		}
	}
	resp := obj{strconv.Itoa(r.okStatus): obj{"description": r.okDesc, "headers": okHdrs, "content": okContent}}
	for _, st := range s.errorStatuses(r) {
		h := obj{"X-Request-Id": hdrs["X-Request-Id"]}
		if st == http.StatusServiceUnavailable {
			h["Retry-After"] = obj{"$ref": "#/components/headers/Retry-After"}
		}
		resp[strconv.Itoa(st)] = obj{"description": titles[st], "headers": h,
			"content": obj{"application/problem+json": obj{"schema": ref("Problem")}}}
	}
	op["responses"] = resp
	switch {
	case r.access == write:
		op["security"] = []obj{{"bearer": []string{}}, {"apiKey": []string{}}}
	case r.access == read && s.cfg.RequireKeyForAll:
		op["security"] = []obj{{"bearer": []string{}}, {"apiKey": []string{}}}
	}
	return op
}

// errorStatuses are the statuses a route answers with a problem document:
// its own, 503 when it takes a render slot, 401 when a key may be needed.
func (s *Server) errorStatuses(r route) []int {
	errs := append([]int{}, r.errors...)
	add := func(st int) {
		if !containsInt(errs, st) {
			errs = append(errs, st)
		}
	}
	if r.limited {
		add(503)
	}
	if r.access == write || (r.access == read && s.cfg.RequireKeyForAll) {
		add(401)
	}
	sort.Ints(errs)
	return errs
}

func containsInt(xs []int, x int) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

// operationID is a readable id: "post_v1_registry_uuid_cancel".
func operationID(r route) string {
	p := strings.NewReplacer("/", "_", ":", "", ".", "_", "-", "_").Replace(r.path)
	return strings.ToLower(r.method) + strings.TrimRight(p, "_")
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
