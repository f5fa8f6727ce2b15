package commendation

import (
	"testing"

	"github.com/vanban/vanban/internal/apperr"
)

// FuzzBuild: any JSON given as a Tờ trình or a Quyết định gives a document
// or an application error, never a panic or an internal error.
func FuzzBuild(f *testing.F) {
	f.Add(example(f, "to-trinh-khen-thuong.json"), true)
	f.Add(example(f, "quyet-dinh-khen-thuong.json"), false)
	f.Add([]byte(`{"kind":"to-trinh-khen-thuong","nominations":[{"kind":"x"},{}],"list":{"order":[]},"plan":{"number":-1,"date":"x"}}`), true)
	f.Add([]byte(`{"kind":"quyet-dinh-khen-thuong","goldBookStart":-5,"nominations":[{"kind":"ca-nhan","name":"A","gender":"nu","unit":"U"}]}`), false)
	e := env(f)
	f.Fuzz(func(t *testing.T, data []byte, toTrinh bool) {
		build := BuildQuyetDinh
		if toTrinh {
			build = BuildToTrinh
		}
		_, _, err := build(data, e)
		if err != nil && apperr.Is(err, apperr.Internal) {
			t.Errorf("internal error for input %q: %v", data, err)
		}
	})
}
