package gcstart

import (
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
	Steady()
	if got := debug.SetGCPercent(100); got != 100 {
		t.Fatalf("GOGC after Steady %d, want 100", got)
	}
}
