package main

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/spf13/cobra"

	"github.com/relmap/relmap/importers"
	"github.com/relmap/relmap/importers/synth"
)

// Size of the demo export: a typical personal network.
const (
	demoConnections = 500
	demoMessages    = 4000
	demoSeed        = 1
)

// demoDate is the demo export's date: fixed, so the demo gives the same bytes every day.
var demoDate = time.Date(2026, 3, 14, 0, 0, 0, 0, time.UTC)

func demoCommand(stdout, stderr io.Writer) *cobra.Command {
	var f jobFlags
	cmd := &cobra.Command{
		Use:   "demo [--out DIR]",
		Short: "Run the whole job on a built-in synthetic export",
		Long: fmt.Sprintf(`Synthesise a LinkedIn export in memory (%d connections, %d messages, fabricated
people) and run the whole job on it, exactly as 'relmap run' would on yours.`, demoConnections, demoMessages),
		Args: noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			opt, err := f.prepare(cmd)
			if err != nil {
				return err
			}
			src, err := demoSource()
			if err != nil {
				return err
			}
			f.log.Info("demo on a synthetic export", "export", src.Name, "connections", demoConnections, "messages", demoMessages)
			return job([]importers.Source{src}, replay{Demo: true, Config: absPath(f.config)}, opt, f, stdout, stderr)
		},
	}
	f.register(cmd)
	return cmd
}

// demoSource synthesises the demo export in memory, the same bytes every time.
func demoSource() (importers.Source, error) {
	var buf bytes.Buffer
	so := synth.Options{Connections: demoConnections, Messages: demoMessages, Seed: demoSeed, ExportDate: demoDate}
	if _, err := synth.Write(&buf, so); err != nil {
		return importers.Source{}, fmt.Errorf("synthesising the demo export: %w", err)
	}
	zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		return importers.Source{}, fmt.Errorf("reading the demo export: %w", err)
	}
	return importers.Source{Name: synth.FileName(demoDate), FS: zr}, nil
}

func synthCommand(stdout io.Writer) *cobra.Command {
	var (
		opt    synth.Options
		output string
		date   string
	)
	cmd := &cobra.Command{
		Use:   "synth [--connections N] [--messages N] [--seed S] -o FILE.zip",
		Short: "Write a synthetic LinkedIn export of any size",
		Long: `Write a deterministic synthetic LinkedIn export whose bytes follow the real format
(the Notes: preamble, percent-encoded URLs, drafts, ghost rows, group threads …),
with planted structure: senior, well-connected people at client and provider
companies, people who stopped answering, cooling contacts, recommenders and
endorsers. The truth is written into the zip as TRUTH.json. All people are fabricated.`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if output == "" {
				return usageError{errors.New("synth needs -o FILE.zip")}
			}
			if opt.Connections < 0 || opt.Messages < 0 {
				return usageError{errors.New("--connections and --messages must be 0 or more")}
			}
			if date != "" {
				d, err := time.Parse("2006-01-02", date)
				if err != nil {
					return usageError{fmt.Errorf("--date %q: want YYYY-MM-DD", date)}
				}
				opt.ExportDate = d
			}
			var buf bytes.Buffer
			truth, err := synth.Write(&buf, opt)
			if err != nil {
				return err
			}
			if err := os.WriteFile(output, buf.Bytes(), 0o644); err != nil {
				return err
			}
			fmt.Fprintf(stdout, "wrote %s: %d people planted", output, len(truth.People))
			if len(truth.Movers) > 0 {
				fmt.Fprintf(stdout, ", %d movers", len(truth.Movers))
			}
			fmt.Fprintf(stdout, " (see TRUTH.json inside; export day %s)\n", opt.Day().Format("2006-01-02"))
			return nil
		},
	}
	cmd.Flags().IntVar(&opt.Connections, "connections", 500, "connections in the export")
	cmd.Flags().IntVar(&opt.Messages, "messages", 4000, "rows of messages.csv")
	cmd.Flags().Uint64Var(&opt.Seed, "seed", 1, "random seed: the same seed gives the same bytes")
	cmd.Flags().Float64Var(&opt.Noise, "noise", 0, "realistic noise from 0 to 1: senior titles on quiet people, stray endorsements, late answers, random threads")
	cmd.Flags().StringVar(&date, "date", "", "export `DATE` (YYYY-MM-DD); default 2026-03-14")
	cmd.Flags().IntVar(&opt.Step, "step", 0, "the same network `K` weeks later, with planted movers (new detractors, influence risers, ties gone dormant; TRUTH.json lists them): run relmap on steps 0, 1, 2 to watch relmap diff find them")
	cmd.Flags().StringVarP(&output, "output", "o", "", "the zip to write (name it Complete_LinkedInDataExport_MM-DD-YYYY.zip to carry the date)")
	return cmd
}
