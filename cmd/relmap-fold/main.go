// Command relmap-fold folds generic interaction CSV files into pairs.csv with an Apache Beam
// pipeline: the same bytes as `relmap fold` (importers.FoldInteractions) writes, from inputs too
// large for one machine. It runs on Beam's local runner, prism, by default, and on Flink, Spark
// or Dataflow with Beam's runner flags (README.md).
//
//	relmap-fold --input 'shards/*.csv' --output pairs.csv [--tz Europe/Paris] [--as-of 2025-03-31]
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
)

// main differs from the house's three lines because Beam's flags (--runner, --endpoint, the
// worker's --worker and --id …) live in the standard library's global flag set, and Beam reads
// them from there: ours must be parsed with them. beam.Init must follow the parse: when a
// runner starts this binary as its worker, it runs the worker and exits.
func main() {
	cfg := addFlags(flag.CommandLine)
	flag.Parse()
	beam.Init()
	if err := run(context.Background(), cfg, os.Stderr); err != nil {
		fmt.Fprintf(os.Stderr, "relmap-fold: %v\n", err)
		os.Exit(1)
	}
}

// flags are relmap-fold's own command-line flags, as given.
type flags struct {
	inputs          inputList
	output          string
	tz              string
	asOf            string
	maxParticipants int
}

// inputList is a repeatable --input flag whose values may also be comma-separated.
type inputList []string

func (l *inputList) String() string { return strings.Join(*l, ",") }

func (l *inputList) Set(v string) error {
	for p := range strings.SplitSeq(v, ",") {
		if p = strings.TrimSpace(p); p != "" {
			*l = append(*l, p)
		}
	}
	return nil
}

func addFlags(fs *flag.FlagSet) *flags {
	f := &flags{}
	fs.Var(&f.inputs, "input", "interaction CSV `files or globs` (local, gs://, s3://); repeat the flag or separate with commas")
	fs.StringVar(&f.output, "output", "", "where to write pairs.csv (`PATH`, local, gs:// or s3://)")
	fs.StringVar(&f.tz, "tz", "UTC", "IANA time `zone` in which days begin and end")
	fs.StringVar(&f.asOf, "as-of", "", "leave out rows after this `DATE` (YYYY-MM-DD)")
	fs.IntVar(&f.maxParticipants, "max-participants", 20, "rows with more people than this (sender included) are broadcasts and are left out")
	return f
}

// config is a checked set of flags: what the pipeline is built from.
type config struct {
	Inputs          []string // globs, as given
	Output          string
	TZ              string // an IANA zone name that loads
	AsOf            string // YYYY-MM-DD or empty
	MaxParticipants int
}

func (f *flags) config() (config, error) {
	c := config{Inputs: f.inputs, Output: strings.TrimSpace(f.output), TZ: f.tz, AsOf: f.asOf, MaxParticipants: f.maxParticipants}
	if len(c.Inputs) == 0 {
		return c, errors.New("--input: name at least one interactions file or glob")
	}
	if c.Output == "" {
		return c, errors.New("--output: name the file to write pairs.csv to")
	}
	if _, err := loadTZ(c.TZ); err != nil {
		return c, err
	}
	if _, err := parseAsOf(c.AsOf); err != nil {
		return c, err
	}
	if c.MaxParticipants < 2 {
		return c, fmt.Errorf("--max-participants %d: want 2 or more", c.MaxParticipants)
	}
	return c, nil
}

func loadTZ(name string) (*time.Location, error) {
	loc, err := time.LoadLocation(name)
	if err != nil || name == "" || strings.EqualFold(name, "local") {
		// Local would be the worker's zone, not the user's.
		return nil, fmt.Errorf("--tz %q: want an IANA time zone such as UTC or Europe/Paris", name)
	}
	return loc, nil
}

func parseAsOf(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("--as-of %q: want a date as YYYY-MM-DD", s)
	}
	return t, nil
}
