package httpapi

import (
	"encoding/json"
	"strings"
	"testing"
)

// FuzzDocumentsRoute sends arbitrary bodies, formats and Accept headers
// through the real router, the real paperwork.Service and the strict JSON
// decoder (a fake kind and renderer): the answer is a file or a well-formed
// problem, never a 500 or a panic, and a 400 always says what to fix.
func FuzzDocumentsRoute(f *testing.F) {
	seeds := []string{
		planExample,
		`{"kind":"ke-hoach"}`,
		`{"kind":"ke-hoach","agency":{"name":42}}`,
		`{"kind":"ke-hoach","extra":true}`,
		`{"kind":`,
		`[]`, `null`, `"x"`, `{}`, ``,
		"{\"kind\":\"ke-hoach\",\"summary\":\"\xff\xfe\"}",
		`{"kind":"ke-hoach","date":"2021-12","summary":"x","agency":{"name":"S"},"number":-1}`,
		`{"kind":"ke-hoach"} {"kind":"ke-hoach"}`,
		`{"kind":"ke-hoach","recipients":[1,2,3]}`,
		`{"kind":"ke-hoach","number":1e400}`,
	}
	for _, s := range seeds {
		f.Add([]byte(s), "pdf", "")
	}
	f.Add([]byte(planExample), "docx", "application/pdf;q=0.1")
	f.Add([]byte(planExample), "", "text/html, */*;q=0")
	s, _ := newTestServer(f, Config{MaxBodyBytes: 64 << 10}, Deps{})
	h := s.Handler()
	f.Fuzz(func(t *testing.T, body []byte, format, accept string) {
		target := "/v1/documents"
		if format != "" {
			target += "?format=" + urlQueryEscape(format)
		}
		headers := hdr{"Content-Type": "application/json"}
		if accept != "" && !strings.ContainsAny(accept, "\r\n\x00") {
			headers["Accept"] = accept
		}
		rec := do(t, h, "POST", target, strings.NewReader(string(body)), headers)
		switch rec.Code {
		case 200:
			if !strings.HasPrefix(rec.Body.String(), "pdf:") && !strings.HasPrefix(rec.Body.String(), "docx:") {
				t.Fatalf("200 with body %q", rec.Body.String())
			}
			return
		case 400, 406, 413:
		default:
			t.Fatalf("status %d for %q (format %q, accept %q): %s", rec.Code, body, format, accept, rec.Body.String())
		}
		var p Problem
		if err := json.Unmarshal(rec.Body.Bytes(), &p); err != nil {
			t.Fatalf("problem not JSON: %v", err)
		}
		if p.Status != rec.Code || p.Code == "" || p.Detail == "" || p.RequestID == "" {
			t.Fatalf("incomplete problem %+v", p)
		}
		if rec.Code == 400 && len(p.Errors) == 0 {
			t.Fatalf("400 without errors[]: %+v", p)
		}
	})
}

func urlQueryEscape(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' {
			b.WriteByte(c)
		} else {
			b.WriteString("%" + strings.ToUpper(string("0123456789abcdef"[c>>4])+string("0123456789abcdef"[c&15])))
		}
	}
	return b.String()
}
