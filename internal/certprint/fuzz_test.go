package certprint

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/vanban/vanban/internal/apperr"
	"github.com/vanban/vanban/internal/certificate"
	"github.com/vanban/vanban/internal/fuzzflags"
)

func TestMain(m *testing.M) { fuzzflags.Main(m) }

// FuzzBatch feeds the certificate batch input (as POST /v1/certificates
// gets it: no file references) through decoding, validation and the fit of
// every recipient: never a panic, never an internal error.
func FuzzBatch(f *testing.F) {
	seed, err := os.ReadFile(filepath.Join("..", "..", "testdata", "giay-khen-batch.json"))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(seed)
	f.Add([]byte(`{"kind":"bang-khen","decision":{"number":1,"symbol":"QĐ-X","date":"2026-01-02","issuerTitle":"Giám đốc","place":"Hà Nội","signer":{"title":"GĐ","name":"A"}},"achievement":"Đã có thành tích","numbering":{"start":1},"recipients":[{"kind":"tap-the","name":"=HYPERLINK()"}]}`))
	f.Add([]byte(`{"kind":"giay-khen","mode":"calibration","offset":{"x":-30,"y":30}}`))
	g := gen(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		b, err := certificate.ParseBatch(data, nil)
		if err == nil {
			_, err = g.Prepare(b)
		}
		if err != nil && apperr.Is(err, apperr.Internal) {
			t.Errorf("internal error for %q: %v", data, err)
		}
	})
}
