package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/relmap/relmap/importers"
)

func foldCommand(stdout, stderr io.Writer) *cobra.Command {
	var f jobFlags
	var output string
	cmd := &cobra.Command{
		Use:   "fold [flags] INPUT... -o pairs.csv",
		Short: "Fold interaction rows into pairs.csv, the form a run reads instead of the rows",
		Long: `Read the generic interactions files among INPUT (found by header, or forced as
interactions=PATH) and fold their rows into pair units: one line per pair of people, per
conversation (or channel) and per day, with the largest weight each kind of row gave the
pair there and, each way, the rows that expect an answer and their sentiment (SPEC §3.1, §7).
People are named as the files name them. 'relmap run pairs=pairs.csv people=…' then gives
the results 'relmap run' gives on the rows themselves, reading one line where it read many.

A row seen in two files (same people, minute and channel) counts once, in the file whose
name sorts first. Rows with more participants than model.bases.max_participants are
broadcasts and left out, as a run leaves them out. Days are counted in --tz; with --as-of,
rows after that day are left out. The output is sorted (by a, b, day, conversation):
the same inputs give the same bytes, and cmd/relmap-fold's Apache Beam pipeline writes the
same file from sharded inputs on Flink, Spark or Dataflow (docs/scale.md).`,
		Example: `  relmap fold interactions=mail-2026-*.csv -o pairs.csv
  relmap run --me ana@example.com people=staff.csv pairs=pairs.csv`,
		RunE: func(cmd *cobra.Command, args []string) error {
			opt, err := f.prepare(cmd)
			if err != nil {
				return err
			}
			if output == "" {
				return usageError{err: errors.New("fold needs -o FILE (pairs.csv), or -o - for standard output")}
			}
			inputs := f.inputs(args)
			if len(inputs) == 0 {
				return usageError{err: errors.New("fold needs at least one INPUT")}
			}
			srcs, closeAll, err := openInputs(inputs, f.cfg.Limits, "", f.log)
			defer closeAll()
			if err != nil {
				return err
			}
			maxP := f.cfg.analysisOptions().Bases.MaxParticipants
			var rep importers.FoldReport
			write := func(w io.Writer) error {
				rep, err = importers.FoldInteractions(srcs, opt, maxP, w)
				return err
			}
			if output == "-" {
				err = write(raw(stdout)) // a data stream, not text for a terminal
			} else {
				err = writeFile(output, write)
			}
			for _, p := range rep.Problems {
				fmt.Fprintln(stderr, problemText(p, false))
			}
			if errors.Is(err, importers.ErrNoInteractions) {
				return fmt.Errorf("%w (or force one with interactions=PATH); nothing written", err)
			}
			if err != nil {
				return err
			}
			fmt.Fprintf(stderr, "folded %d rows into %d units (%d duplicates counted once, %d broadcasts left out, %d rows after the as-of day, %d unreadable)\n",
				rep.Rows, rep.Units, rep.Duplicates, rep.Broadcasts, rep.Coverage.AfterAsOf, len(rep.Problems))
			if f.strict && len(rep.Problems) > 0 {
				return fmt.Errorf("--strict: %d unreadable rows", len(rep.Problems))
			}
			return nil
		},
	}
	cmd.Flags().StringVarP(&output, "output", "o", "", "where to write pairs.csv (`FILE`; - for standard output); an existing file is replaced only once the fold is complete")
	cmd.Flags().StringVar(&f.config, "config", "", "the config `FILE` (YAML): inputs, columns and model.bases.max_participants")
	cmd.Flags().StringVar(&f.asOf, "as-of", "", "leave out rows after this `DATE` (YYYY-MM-DD)")
	cmd.Flags().StringVar(&f.tz, "tz", "", "the time `ZONE` days begin and end in, e.g. Europe/Berlin (default UTC)")
	cmd.Flags().BoolVar(&f.strict, "strict", false, "fail when any row is unreadable")
	return cmd
}

// writeFile writes path through a temporary file in its folder, renamed over it once write
// succeeds: a failed fold leaves the old file as it was.
func writeFile(path string, write func(io.Writer) error) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return err
	}
	name := tmp.Name()
	tmp.Close()
	os.Remove(name)
	if err := writeSynced(name, write); err != nil {
		os.Remove(name)
		return err
	}
	return os.Rename(name, path)
}
