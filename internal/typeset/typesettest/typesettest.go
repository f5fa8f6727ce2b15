// Package typesettest gives tests the Metrics of the embedded faces, parsed
// once per test binary. Imported by tests only (arch_test.go checks that no
// shipped package does): product code builds its Metrics with typeset.New
// at start-up and hands it to what needs it.
package typesettest

import (
	"sync"

	"github.com/vanban/vanban/internal/typeset"
)

var (
	once sync.Once
	m    *typeset.Metrics
	err  error
)

// Metrics returns the tests' shared Metrics. Embedded faces that do not
// parse are a build defect: it panics.
func Metrics() *typeset.Metrics {
	once.Do(func() { m, err = typeset.New() })
	if err != nil {
		panic(err)
	}
	return m
}
