package jsonin

import (
	"strings"
	"testing"

	"github.com/vanban/vanban/internal/apperr"
)

type inner struct {
	Name string `json:"name"`
}

type sample struct {
	Kind   string  `json:"kind"`
	Number *int    `json:"number"`
	Signer inner   `json:"signer"`
	List   []inner `json:"list"`
}

func TestDecodeErrorsNameTheField(t *testing.T) {
	cases := []struct {
		in    string
		code  string
		field string
	}{
		{`{"kind": 5}`, "wrong_type", "kind"},
		{`{"number": "5"}`, "wrong_type", "number"},
		{`{"number": 5.5}`, "wrong_type", "number"},
		{`{"signer": {"name": 1}}`, "wrong_type", "signer.name"},
		{`{"list": [{"name": true}]}`, "wrong_type", "list.name"},
		{`{"kind": "x", "extra": 1}`, "unknown_field", "extra"},
		{`{"kind": "x",}`, "invalid_json", ""},
		{`{"kind": "x"`, "invalid_json", ""},
		{`{} {}`, "invalid_json", ""},
		{``, "empty_body", ""},
		{"{\"kind\": \"\xff\"}", "invalid_utf8", ""},
	}
	for _, c := range cases {
		var s sample
		err := Decode([]byte(c.in), &s)
		ae := apperr.As(err)
		if err == nil || ae.Kind != apperr.Invalid {
			t.Errorf("%s: err = %v, want Invalid", c.in, err)
			continue
		}
		if ae.Code != c.code || len(ae.Problems) != 1 || ae.Problems[0].Field != c.field {
			t.Errorf("%s: code %q field %q, want %q %q (%v)", c.in, ae.Code, ae.Problems[0].Field, c.code, c.field, err)
		}
		if ae.Detail == "" {
			t.Errorf("%s: empty detail", c.in)
		}
	}
	var s sample
	if err := Decode([]byte(`{"kind":"ke-hoach","number":null,"signer":{"name":"A"}}`), &s); err != nil || s.Number != nil || s.Signer.Name != "A" {
		t.Errorf("valid input: %v %+v", err, s)
	}
}

func TestDecodeAcceptsBOMAndExplainsTopLevel(t *testing.T) {
	var s sample
	if err := Decode([]byte("\xEF\xBB\xBF{\"kind\":\"ke-hoach\"}"), &s); err != nil || s.Kind != "ke-hoach" {
		t.Errorf("BOM: %v %+v", err, s)
	}
	err := Decode([]byte(`[]`), &s)
	if ae := apperr.As(err); ae.Code != "wrong_type" || !strings.Contains(ae.Detail, "đối tượng JSON") {
		t.Errorf("top-level array: %v", err)
	}
}
