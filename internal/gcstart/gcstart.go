// Package gcstart makes the garbage collector run less while a process
// starts. Package initialisation (excelize's tables, the regular expressions
// of every package, …) allocates ≈ 4 MB that all stay live, and at the
// default GOGC of 100 the collector ran during it and again while a one-shot
// command (vanban render) made its single document: ≈ 30 % of the CPU of
// `vanban render` of the seed. It is imported first by cmd/vanban (a blank
// import), whose main calls Steady for the commands that run long (the
// server, imports, batches).
//
// A GOGC or GOMEMLIMIT set in the environment is always left alone.
package gcstart

import (
	"math"
	"os"
	"runtime/debug"
)

// StartPercent is the GOGC of a process while it starts and of a one-shot
// command: the heap may grow to five times what is live before a collection.
const StartPercent = 400

// StartLimit is the soft memory limit meanwhile: a one-shot command with a
// large document (a danh sách of thousands of rows) collects as the heap
// nears it instead of growing to five times its live data.
const StartLimit = 256 << 20

func init() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(StartPercent)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(StartLimit)
	}
}

// Steady gives the collector back its defaults (GOGC 100, no memory limit),
// or leaves what the environment set: for commands whose heap grows with
// their work.
func Steady() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(100)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(math.MaxInt64)
	}
}
