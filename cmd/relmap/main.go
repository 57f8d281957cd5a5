// Command relmap turns the exports people already have into a ranked, explained map of their
// second-level relationships. Run "relmap --help" for the commands.
package main

import (
	"context"
	"os"
	_ "time/tzdata" // --tz works on machines without a zone database: one static binary
)

func main() {
	os.Exit(exitCode(run(context.Background(), os.Args[1:], os.Stdout, os.Stderr), os.Stderr))
}
