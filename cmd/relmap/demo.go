package main

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/spf13/cobra"

	"github.com/relmap/relmap/importers"
	"github.com/relmap/relmap/synth"
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
		opt     synth.Options
		output  string
		date    string
		orgMode bool
		org     synth.OrgOptions

		plantStatus bool
		slackOut    bool
		channels    int
	)
	cmd := &cobra.Command{
		Use:   "synth [--connections N] [--messages N] [--seed S] -o FILE.zip | synth --org [--people N] [--interactions N] [--teams N] [--seed S] -o DIR",
		Short: "Write a synthetic LinkedIn export of any size",
		Long: `Write a deterministic synthetic LinkedIn export whose bytes follow the real format
(the Notes: preamble, percent-encoded URLs, drafts, ghost rows, group threads …),
with planted structure: senior, well-connected people at client and provider
companies, people who stopped answering, cooling contacts, recommenders and
endorsers. The truth is written into the zip as TRUTH.json. All people are fabricated.

With --org, write a synthetic organisation as relmap's generic CSV instead: DIR/people.csv
(id, name, email, company, title, team, department, manager) and DIR/interactions.csv (a
year of e-mail, meetings and chat ending on --date, in time order, a handful of broadcasts
among them), with the planted structure — departments, teams, managers, cross-team hubs —
in DIR/TRUTH.json. Map every team with:
  relmap run --ego 'team:*' --as-of END DIR/people.csv DIR/interactions.csv`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if orgMode {
				org.Seed, org.PlantStatus = opt.Seed, plantStatus
				if slackOut {
					return synthSlack(cmd, stdout, org, date, output, channels)
				}
				return synthOrg(cmd, stdout, org, date, output)
			}
			if slackOut {
				return usageError{err: errors.New("--slack needs --org")}
			}
			for _, name := range []string{"people", "interactions", "teams"} {
				if cmd.Flags().Changed(name) {
					return usageError{err: fmt.Errorf("--%s needs --org", name)}
				}
			}
			if output == "" {
				return usageError{err: errors.New("synth needs -o FILE.zip")}
			}
			if opt.Connections < 0 || opt.Messages < 0 {
				return usageError{err: errors.New("--connections and --messages must be 0 or more")}
			}
			if date != "" {
				d, err := time.Parse("2006-01-02", date)
				if err != nil {
					return usageError{err: fmt.Errorf("--date %q: want YYYY-MM-DD", date)}
				}
				opt.ExportDate = d
			}
			opt.PlantStatus = plantStatus
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
	cmd.Flags().StringVarP(&output, "output", "o", "", "the zip to write (name it Complete_LinkedInDataExport_MM-DD-YYYY.zip to carry the date); with --org, the folder")
	cmd.Flags().BoolVar(&orgMode, "org", false, "write a synthetic organisation as generic CSV (people.csv, interactions.csv, TRUTH.json) into the folder -o names")
	cmd.Flags().IntVar(&org.People, "people", 2000, "with --org: people in the organisation")
	cmd.Flags().IntVar(&org.Interactions, "interactions", 100_000, "with --org: rows of interactions.csv, broadcasts included")
	cmd.Flags().IntVar(&org.Teams, "teams", 0, "with --org: teams, the executive team included (default people/25)")
	cmd.Flags().BoolVar(&slackOut, "slack", false, "with --org: write the organisation as a Slack workspace export (a zip: users, DMs and group DMs of its e-mail and chat, one file a day; meetings left out; TRUTH.json inside) to the file -o names")
	cmd.Flags().IntVar(&channels, "channels", 0, "with --org --slack: post group conversations in `N` public channels (a team's in its own, the others by the pair of teams) instead of group DMs")
	cmd.Flags().BoolVar(&plantStatus, "plant-status", false, "plant, toward the owner (with --org: an ego of a team), supporters, detractors, busy seniors, cooling ties and ordinary colleagues in metadata alone (TRUTH.json's planted_status lists them)")
	return cmd
}

// synthSlack writes a synthetic organisation as a Slack workspace export (a zip).
func synthSlack(cmd *cobra.Command, stdout io.Writer, opt synth.OrgOptions, date, output string, channels int) error {
	if channels < 0 {
		return usageError{err: errors.New("--channels must be 0 (group DMs) or more")}
	}
	if output == "" {
		return usageError{err: errors.New("synth --org --slack needs -o FILE.zip")}
	}
	if date != "" {
		d, err := time.Parse("2006-01-02", date)
		if err != nil {
			return usageError{err: fmt.Errorf("--date %q: want YYYY-MM-DD", date)}
		}
		opt.End = d
	}
	if err := opt.Validate(); err != nil {
		return usageError{err: fmt.Errorf("synth --org: %w", err)}
	}
	var buf bytes.Buffer
	t, err := synth.WriteOrgSlack(&buf, opt, channels)
	if err != nil {
		return err
	}
	if err := os.WriteFile(output, buf.Bytes(), 0o644); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "wrote %s: a Slack export of %d people in %d teams (TRUTH.json inside)\n", output, t.People, len(t.Teams))
	return nil
}

// synthOrg writes a synthetic organisation into a new or empty folder: people.csv and
// interactions.csv streamed to disk (memory stays flat however many rows), then TRUTH.json.
// With --date, the last day of interactions is that day.
func synthOrg(cmd *cobra.Command, stdout io.Writer, opt synth.OrgOptions, date, dir string) error {
	if dir == "" {
		return usageError{err: errors.New("synth --org needs -o DIR")}
	}
	for _, name := range []string{"connections", "messages", "noise", "step"} {
		if cmd.Flags().Changed(name) {
			return usageError{err: fmt.Errorf("--%s is for the LinkedIn export, not --org", name)}
		}
	}
	if date != "" {
		d, err := time.Parse("2006-01-02", date)
		if err != nil {
			return usageError{err: fmt.Errorf("--date %q: want YYYY-MM-DD", date)}
		}
		opt.End = d
	}
	if err := opt.Validate(); err != nil {
		return usageError{err: fmt.Errorf("synth --org: %w", err)}
	}
	if entries, err := os.ReadDir(dir); err == nil && len(entries) > 0 {
		return fmt.Errorf("%s is not empty: give a new or empty folder to -o", dir)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	people, err := os.Create(filepath.Join(dir, "people.csv"))
	if err != nil {
		return err
	}
	defer people.Close()
	interactions, err := os.Create(filepath.Join(dir, "interactions.csv"))
	if err != nil {
		return err
	}
	defer interactions.Close()
	truth, err := synth.WriteOrg(people, interactions, opt)
	if err != nil {
		return err
	}
	if err := people.Close(); err != nil {
		return err
	}
	if err := interactions.Close(); err != nil {
		return err
	}
	js, err := json.MarshalIndent(truth, "", "  ")
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(dir, "TRUTH.json"), append(js, '\n'), 0o644); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "wrote %s: %d people in %d teams, %d cross-team hubs; %d interactions from %s to %s, %d of them broadcasts (see TRUTH.json)\n",
		dir, truth.People, len(truth.Teams), len(truth.Hubs), truth.Interactions, truth.Start, truth.End, truth.Broadcasts)
	return nil
}
