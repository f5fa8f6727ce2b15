package gcstart

import (
	"math"
	"os"
	"runtime/debug"
	"testing"
)

func TestStartThenSteady(t *testing.T) {
	if os.Getenv("GOGC") != "" {
		t.Skip("GOGC set in the environment: left alone")
	}
	if got := debug.SetGCPercent(StartPercent); got != StartPercent {
		t.Fatalf("GOGC at start %d, want %d", got, StartPercent)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		if got := debug.SetMemoryLimit(-1); got != StartLimit {
			t.Fatalf("memory limit at start %d, want %d", got, StartLimit)
		}
	}
	Steady()
	if got := debug.SetGCPercent(100); got != 100 {
		t.Fatalf("GOGC after Steady %d, want 100", got)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		if got := debug.SetMemoryLimit(-1); got != math.MaxInt64 {
			t.Fatalf("memory limit after Steady %d, want none", got)
		}
	}
}
