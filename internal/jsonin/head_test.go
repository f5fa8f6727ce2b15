package jsonin

import (
	"encoding/json"
	"strings"
	"testing"
)

// headBefore is what paperwork read an input's head with before Head.
func headBefore(data []byte) (kind, profile string, ok bool) {
	var h struct {
		Kind    any `json:"kind"`
		Profile any `json:"agencyProfile"`
	}
	if json.Unmarshal(data, &h) != nil {
		return "", "", false
	}
	kind, _ = h.Kind.(string)
	profile, _ = h.Profile.(string)
	return kind, profile, true
}

var headInputs = []string{
	`{"kind":"to-trinh","agencyProfile":"so-vhttdl"}`,
	` {"agencyProfile": " ", "kind" : "ke-hoach" } `,
	`{"kind":1}`, `{"kind":null}`, `{"kind":["a"]}`, `{"kind":{"kind":"x"}}`, `{"x":{"kind":"x"}}`,
	`{"KIND":"a"}`, `{"Kind":"a","kind":"b"}`, `{"kind":"b","Kind":"a"}`, `{"\u212aind":"kelvin"}`, "{\"\u212aind\":\"kelvin\"}",
	`{"kind":"a\"b"}`, `{"kind":"a\u0041"}`, `{"ki\u006ed":"escaped key"}`, `{"kind":"Tờ trình"}`,
	`{"kind":"a",}`, `{"kind":"a"`, `{"kind":"a"} x`, `{"kind":"a"}{}`, `[]`, `"kind"`, `null`, `1`, ``, ` `,
	"\ufeff{\"kind\":\"a\"}", "{\"kind\":\"a\x01\"}", "{\"kind\":\"\xff\"}", `{"kind":"a","kind":"b"}`,
	`{"agencyprofile":"p","AGENCYPROFILE":"q"}`, `{"kind":"a","n":[1,2,{"kind":"z"}],"agencyProfile":true}`,
	`{"kind":"a","deep":` + strings.Repeat("[", 300) + strings.Repeat("]", 300) + `}`,
	// Numbers Unmarshal refuses (beyond float64) under a matching name,
	// alone or nested (review 2 finding 2); elsewhere they are skipped.
	`{"kind":"a","agencyProfile":1e400}`, `{"kind":1e400,"agencyProfile":"p"}`, `{"kind":"ke-hoach","kind":-1e999}`,
	`{"kind":[1e400],"agencyProfile":"p"}`, `{"kind":{"x":-1e400},"agencyProfile":"p"}`, `{"kind":"a","x":1e400}`,
	`{"kind":1e308,"agencyProfile":"p"}`, `{"kind":1e-400,"agencyProfile":"p"}`, `{"kind":true,"agencyProfile":"p"}`,
}

func TestHeadSameAsUnmarshal(t *testing.T) {
	for _, in := range headInputs {
		sameHead(t, []byte(in))
	}
	for _, in := range headInputs[:2] {
		if _, sure := Head([]byte(in), "kind", "agencyProfile"); !sure {
			t.Errorf("Head(%q) is not sure of an ordinary input", in)
		}
	}
}

func FuzzHeadSameAsUnmarshal(f *testing.F) {
	for _, in := range headInputs {
		f.Add([]byte(in))
	}
	f.Fuzz(func(t *testing.T, data []byte) { sameHead(t, data) })
}

func sameHead(t *testing.T, data []byte) {
	t.Helper()
	wk, wp, wok := headBefore(data)
	vals, sure := Head(data, "kind", "agencyProfile")
	if !sure {
		return // the caller asks encoding/json
	}
	if !wok || vals[0] != wk || vals[1] != wp {
		t.Errorf("Head(%q) = %q; Unmarshal gives %q, %q, %v", data, vals, wk, wp, wok)
	}
}

func TestHeadTopLevelDuplicates(t *testing.T) {
	for in, want := range map[string]string{`{"kind":"a","kind":"b"}`: "b", `{"kind":"a","KIND":1}`: "", `{}`: "", ` { } `: ""} {
		vals, sure := Head([]byte(in), "kind")
		if !sure || vals[0] != want {
			t.Errorf("Head(%q) = %q, %v; want %q", in, vals, sure, want)
		}
	}
}
