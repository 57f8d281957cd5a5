// Command relmap turns the exports people already have into a ranked, explained map of their
// second-level relationships. Run "relmap --help" for the commands.
package main

import (
	"context"
	"fmt"
	"os"
	"runtime"
	"runtime/pprof"
	_ "time/tzdata" // --tz works on machines without a zone database: one static binary
)

func main() {
	stop := profile(os.Stderr)
	code := exitCode(run(context.Background(), os.Args[1:], os.Stdout, os.Stderr), os.Stderr)
	stop()
	os.Exit(code)
}

// profile writes a CPU profile to $RELMAP_CPUPROFILE and a heap profile to
// $RELMAP_MEMPROFILE when they are set, for `go tool pprof` (see BENCHMARKS.md). The returned
// function ends the profiles.
func profile(stderr *os.File) (stop func()) {
	var cpu *os.File
	if path := os.Getenv("RELMAP_CPUPROFILE"); path != "" {
		f, err := os.Create(path)
		if err == nil {
			err = pprof.StartCPUProfile(f)
		}
		if err != nil {
			fmt.Fprintf(stderr, "relmap: RELMAP_CPUPROFILE: %v\n", err)
		} else {
			cpu = f
		}
	}
	return func() {
		if cpu != nil {
			pprof.StopCPUProfile()
			cpu.Close()
		}
		if path := os.Getenv("RELMAP_MEMPROFILE"); path != "" {
			f, err := os.Create(path)
			if err == nil {
				runtime.GC()
				err = pprof.WriteHeapProfile(f)
				f.Close()
			}
			if err != nil {
				fmt.Fprintf(stderr, "relmap: RELMAP_MEMPROFILE: %v\n", err)
			}
		}
	}
}
