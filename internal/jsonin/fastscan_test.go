package jsonin

import (
	"bytes"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"unicode/utf8"

	"github.com/vanban/vanban/internal/apperr"
)

// hostile holds inputs the single-pass scan must send to the tokenizer.
var hostile = []string{
	`{"kind": "a", "kind": "b"}`,
	`{"list": [{"name": "a"}, {"name": "b", "name": "c"}]}`,
	`{"kind": "a\u0001b"}`, "{\"kind\": \"a\x7fb\"}", `{"signer": {"name": "A\u0085B"}}`,
	`{"list": [{"name": "abc\u202Edef"}]}`, `{"kind": "x\u2066y"}`, `{"kind": "Ω😀"}`,
	`{"kind": "\ud83d\ude00"}`, `{"kind": "\ud83d"}`, `{"signer": {"name": "中文"}}`,
	`{"a": "\b"}`, `{"a": "\f"}`, "{\"a\": \"\xed\xa0\x80\"}", "{\"a\": \"\xff\"}",
	`{"a": 1, "\u0061": 2}`, `{"a": 01}`, `{"a": 1.}`, `{"a": -}`, `{"a": 1e}`, `{"a" 1}`,
	`{"a": 1,}`, `[1,]`, `[1 2]`, `{} {}`, `1 2`, `"\u2028"`, `"\uFEFF"`, `tru`, `nul`, ``, ` `,
	"{\"a\":\"x\u200ey\"}", `{"a": "\uFFFD"}`, `{"a": "\x"}`, `{"a": "\u12"}`,
}

// benign holds inputs the scan must accept alone.
var benign = []string{
	`{}`, `[]`, `{"a": []}`, `{"a": {"b": {"c": [1, -2.5e+3, 0, true, false, null]}}}`,
	`{"kind": "Nguyễn Thị Ánh Tuyết – Đắk Lắk"}`, `{"kind": "José Müller Muñoz Dvořák Ω € № “x” …"}`,
	`{"kind": "dòng 1\ndòng 2\r\n\tthụt\u000bngắt dòng Word \"q\" \\ \/ \u00e9"}`,
	` {"a": [{"name": "x"}, {"name": "x"}]} `, `"top"`, `12`,
}

func TestCleanJSONVerdicts(t *testing.T) {
	for _, in := range hostile {
		if cleanJSON([]byte(in)) {
			t.Errorf("scan accepted %q", in)
		}
	}
	for _, in := range benign {
		if !cleanJSON([]byte(in)) {
			t.Errorf("scan sent %q to the tokenizer", in)
		}
		if err := checkTokens([]byte(in)); err != nil {
			t.Errorf("tokenizer refused benign %q: %v", in, err)
		}
	}
	// Many keys (a map takes over) and deep nesting.
	var b bytes.Buffer
	b.WriteString("{")
	for i := 0; i < 100; i++ {
		if i > 0 {
			b.WriteString(",")
		}
		b.WriteString(`"k` + string(rune('a'+i%26)) + string(rune('a'+i/26)) + `": 1`)
	}
	if !cleanJSON(append(b.Bytes(), '}')) {
		t.Error("100 distinct keys sent to the tokenizer")
	}
	if cleanJSON(append(b.Bytes(), `, "kzb": 2}`...)) {
		t.Error("duplicate 101st key (map) accepted")
	}
	if cleanJSON(append(b.Bytes(), `, "kad": 2}`...)) {
		t.Error("duplicate of an early key accepted")
	}
	deep := bytes.Repeat([]byte("["), maxDepth+1)
	deep = append(deep, bytes.Repeat([]byte("]"), maxDepth+1)...)
	if cleanJSON(deep) || checkTokens(deep) != nil {
		t.Error("over-deep array: scan accepted it, or the tokenizer refused it")
	}
}

// The verdicts of Check are those of the tokenizer alone: the scan never
// accepts what the tokenizer refuses.
func TestCheckSameVerdictsOnTestdata(t *testing.T) {
	files, _ := filepath.Glob("../../testdata/*.json")
	if len(files) == 0 {
		t.Fatal("no testdata")
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		same(t, data)
		if !cleanJSON(data) && checkTokens(data) == nil {
			t.Errorf("%s: clean input sent to the tokenizer", f)
		}
	}
}

func same(t *testing.T, data []byte) {
	t.Helper()
	fast := cleanJSON(bytes.TrimPrefix(data, bom))
	slow := checkTokens(bytes.TrimPrefix(data, bom))
	if fast && slow != nil {
		t.Fatalf("scan accepted %q, tokenizer refused it: %v", data, slow)
	}
	if (Check(data) == nil) != (slow == nil) {
		t.Fatalf("Check and tokenizer disagree on %q", data)
	}
}

func FuzzCheckSameVerdicts(f *testing.F) {
	for _, s := range append(append([]string{}, hostile...), benign...) {
		f.Add([]byte(s))
	}
	for _, name := range []string{"to-trinh-ngan.json", "ke-hoach-lai-chau.json"} {
		if data, err := os.ReadFile(filepath.Join("../../testdata", name)); err == nil {
			f.Add(data)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) { same(t, data) })
}

func BenchmarkCheck(b *testing.B) {
	data, err := os.ReadFile("../../testdata/ke-hoach-lai-chau.json")
	if err != nil {
		b.Fatal(err)
	}
	b.Run("scan", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		for b.Loop() {
			if err := Check(data); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("tokens", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		for b.Loop() {
			if err := checkTokens(data); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// decodeTokens is Decode as it was before the single-pass scan: every check
// in order, then the tokenizer's walk.
func decodeTokens(data []byte, v any) error {
	data = bytes.TrimPrefix(data, bom)
	if msg, ok := describeBOM(data); ok {
		return invalid("", "byte_order_mark", msg)
	}
	if !utf8.Valid(data) {
		return invalid("", "invalid_utf8", "")
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return invalid("", "empty_body", "")
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return translate(data, err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return invalid("", "invalid_json", "")
	}
	return checkTokens(data)
}

// Decode gives the same verdict, code and fields as before the scan.
func FuzzDecodeSameAsBefore(f *testing.F) {
	for _, s := range append(append([]string{}, hostile...), benign...) {
		f.Add([]byte(s))
	}
	f.Add([]byte(`{"kind": "a", "other": 1}`))
	f.Add([]byte(`{"kind": 1}`))
	f.Add([]byte("\xEF\xBB\xBF{\"kind\": \"x\"}"))
	f.Fuzz(func(t *testing.T, data []byte) {
		var a, b sample
		ea, eb := Decode(data, &a), decodeTokens(data, &b)
		if (ea == nil) != (eb == nil) {
			t.Fatalf("%q: Decode %v, before %v", data, ea, eb)
		}
		if ea == nil {
			if !reflect.DeepEqual(a, b) {
				t.Fatalf("%q: decoded %+v, before %+v", data, a, b)
			}
			return
		}
		pa, pb := apperr.As(ea), apperr.As(eb)
		if pa.Code != pb.Code || len(pa.Problems) != len(pb.Problems) {
			t.Fatalf("%q: Decode %v, before %v", data, ea, eb)
		}
		for i := range pa.Problems {
			if pa.Problems[i].Field != pb.Problems[i].Field || pa.Problems[i].Code != pb.Problems[i].Code {
				t.Fatalf("%q: Decode %+v, before %+v", data, pa.Problems, pb.Problems)
			}
		}
	})
}
