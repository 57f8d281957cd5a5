//go:build unix

package reporttest

import (
	"syscall"
	"time"
)

// CPUTime is the CPU time the process has used, user and system, every thread counted:
// benchmarks report it per op, which a busy machine inflates less than the wall time.
func CPUTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
