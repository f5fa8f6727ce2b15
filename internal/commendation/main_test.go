package commendation

import (
	"testing"

	"github.com/vanban/vanban/internal/fuzzflags"
)

func TestMain(m *testing.M) { fuzzflags.Main(m) }
