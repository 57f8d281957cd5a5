//go:build !unix

package reporttest

import "time"

// CPUTime is unknown here: benchmarks report 0 CPU time.
func CPUTime() time.Duration { return 0 }
