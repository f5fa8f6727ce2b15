// Package fuzzflags gives vanban's fuzz targets a sane default for
// -fuzzminimizetime. Go minimises every new interesting input for up to 60 s
// by default, and each minimisation step runs the whole target (decode,
// validate, lay out): on a realistic 5 KB seed a worker then spends its first
// half-minute minimising and reports about 5 executions in 40 s. With a
// budget of 100 executions per input the targets run thousands of
// executions a second (BENCHMARKS.md). An explicit -fuzzminimizetime wins.
package fuzzflags

import (
	"flag"
	"os"
	"testing"
)

// MinimizeTime is the default minimisation budget per interesting input.
const MinimizeTime = "100x"

// Main is the TestMain of a package with fuzz targets.
func Main(m *testing.M) {
	flag.Parse()
	set := false
	flag.Visit(func(f *flag.Flag) { set = set || f.Name == "test.fuzzminimizetime" })
	if !set {
		_ = flag.Set("test.fuzzminimizetime", MinimizeTime)
	}
	os.Exit(m.Run())
}
