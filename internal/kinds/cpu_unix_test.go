//go:build unix

package kinds

import (
	"syscall"
	"time"
)

// cpuTime is the CPU time (user + system) the process has used: on a
// machine shared with other work, CPU per operation is a steadier figure
// than the wall-clock ns/op.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
