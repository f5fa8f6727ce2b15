package main

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"os/signal"
	"syscall"
	"testing"
	"time"
)

// Issue 10 item 5: a command busy with work that ignores its context (a
// 1 GiB template part ignored SIGTERM for 190 s) still stops on SIGTERM.
func TestCommandStopsOnSIGTERM(t *testing.T) {
	if os.Getenv("VANBAN_SIGNAL_CHILD") == "1" {
		ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
		defer stop()
		go exitAfterSignal(ctx, time.Second)
		os.Stdout.WriteString("ready\n")
		for { // busy, never looks at ctx
			time.Sleep(time.Millisecond)
		}
	}
	cmd := exec.Command(os.Args[0], "-test.run", "^TestCommandStopsOnSIGTERM$")
	cmd.Env = append(os.Environ(), "VANBAN_SIGNAL_CHILD=1")
	out, _ := cmd.StdoutPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	buf := make([]byte, 6)
	if _, err := out.Read(buf); err != nil {
		t.Fatal(err)
	}
	cmd.Process.Signal(syscall.SIGTERM)
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		var ee *exec.ExitError
		if !errors.As(err, &ee) || ee.ExitCode() != exitSignal {
			t.Errorf("exit: %v, want code %d", err, exitSignal)
		}
	case <-time.After(10 * time.Second):
		cmd.Process.Kill()
		t.Fatal("still running 10 s after SIGTERM")
	}
}
