package spreadsheet

import (
	"bytes"
	"context"
	"os"
	"testing"

	"github.com/vanban/vanban/internal/apperr"
	"github.com/vanban/vanban/internal/fuzzflags"
)

func TestMain(m *testing.M) { fuzzflags.Main(m) }

// FuzzReadXLSX reads mutated workbooks: a clean error or a workbook, never a
// panic or an internal error (excelize's own panics are caught).
func FuzzReadXLSX(f *testing.F) {
	seed, err := os.ReadFile("../../testdata/nominations.xlsx")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(seed)
	f.Add([]byte("PK\x03\x04"))
	lim := Limits{MaxBytes: 1 << 20, MaxUnzipped: 4 << 20, MaxRows: 1000, MaxCols: 64, MaxSheets: 5, MaxSharedStrings: 5000, MaxCells: 20000}
	f.Fuzz(func(t *testing.T, data []byte) {
		_, err := ReadXLSX(context.Background(), bytes.NewReader(data), int64(len(data)), lim)
		if err != nil && apperr.Is(err, apperr.Internal) {
			t.Errorf("internal error: %v", err)
		}
	})
}
