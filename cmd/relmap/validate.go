package main

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/relmap/relmap/importers"
	"github.com/relmap/relmap/reports"
)

func validateCommand(stdout, stderr io.Writer) *cobra.Command {
	var f jobFlags
	cmd := &cobra.Command{
		Use:   "validate [flags] INPUT...",
		Short: "Check inputs and report every problem, writing nothing",
		Long: `Read every INPUT exactly as 'relmap run' would and print, per file, what it was read as,
its encoding and its rows read, used and skipped; then every problem with its
file:line: column. Nothing is written. The exit status is 1 when an input is unusable
(it cannot be opened, holds no file relmap can read, or names no one to map), else 0.`,
		Example: `  relmap validate Complete_LinkedInDataExport_03-14-2025.zip
  relmap validate --me ana@example.com people=staff.csv interactions=mail.csv`,
		RunE: func(cmd *cobra.Command, args []string) error {
			opt, err := f.prepare(cmd)
			if err != nil {
				return err
			}
			inputs := f.inputs(args)
			if len(inputs) == 0 {
				return usageError{err: errors.New("validate needs at least one INPUT")}
			}
			var srcs []importers.Source
			var unusable []string
			for _, in := range inputs {
				opened, closeFn, err := openInput(in, f.cfg.Limits, "", f.log)
				defer closeFn()
				if err != nil {
					unusable = append(unusable, err.Error())
					continue
				}
				srcs = append(srcs, opened...)
			}
			var ds *importers.Dataset
			if len(srcs) > 0 {
				ds, err = importers.Load(srcs, opt)
				if err != nil {
					unusable = append(unusable, inFlags(err).Error())
				}
			}
			if ds != nil {
				report(stdout, ds)
				for _, src := range srcs {
					if !readFrom(ds, src.Name) {
						unusable = append(unusable, fmt.Sprintf("input %s: no file relmap can read", src.Name))
					}
				}
			}
			if len(unusable) > 0 {
				return errors.New(strings.Join(unusable, "\n"))
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&f.config, "config", "", "the config `FILE` (YAML)")
	cmd.Flags().StringVar(&f.me, "me", "", "who the map is for, as an id, e-mail, profile URL or name")
	cmd.Flags().StringVar(&f.asOf, "as-of", "", "reference `DATE` (YYYY-MM-DD)")
	cmd.Flags().StringVar(&f.tz, "tz", "", "the time `ZONE` days begin and end in")
	return cmd
}

// readFrom reports whether any file of the named source was read.
func readFrom(ds *importers.Dataset, source string) bool {
	for _, f := range ds.Coverage.Files {
		if f.Source == source {
			return true
		}
	}
	return false
}

// report prints what validate found: a line per file, the problems, and whose map it would be.
func report(w io.Writer, ds *importers.Dataset) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "file\tread as\tencoding\trows\tused\tskipped")
	for _, f := range ds.Coverage.Files {
		skipped := strings.Join(reports.SkipReasons(f.Skipped), ", ")
		if skipped == "" {
			skipped = "-"
		}
		enc := f.Encoding
		if enc == "" {
			enc = "-"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%d\t%d\t%s\n", f.Name, f.Kind, enc, f.Rows, f.Used, skipped)
	}
	tw.Flush()
	if len(ds.Problems) > 0 {
		fmt.Fprintf(w, "%s:\n", plural(len(ds.Problems), "problem", "problems"))
		for _, p := range ds.Problems {
			fmt.Fprintf(w, "  %s\n", problemText(p, false))
		}
	} else {
		fmt.Fprintln(w, "no problems")
	}
	ego := importers.Person{Name: "no one person (team maps)"}
	if ds.Ego >= 0 {
		ego = ds.People[ds.Ego]
	}
	evidence := plural(len(ds.Interactions), "interaction", "interactions")
	if len(ds.Units) > 0 {
		evidence += ", " + plural(len(ds.Units), "folded unit", "folded units")
	}
	asOf := " as of " + ds.AsOf.Format("2006-01-02") + " (" + ds.AsOfFrom + ")"
	if ds.Coverage.Undated {
		asOf = ", undated (nothing in the inputs has a date)"
	}
	fmt.Fprintf(w, "map of %s%s: %s, %s\n", ego.Name, asOf,
		plural(len(ds.People)-1, "other person", "other people"), evidence)
	notRead(w, ds.Coverage.NotRead, len(ds.Coverage.NotRead))
	if n := ds.Coverage.NotText; n > 0 {
		fmt.Fprintf(w, "characters that are not text (U+FFFE, U+FFFF, other non-characters, bytes that are not UTF-8) replaced by U+FFFD in %s\n",
			plural(n, "name or field of a person", "names or fields of people"))
	}
	if n := len(ds.Coverage.NamesAmbiguous); n > 0 {
		fmt.Fprintf(w, "names left ambiguous: %s\n", strings.Join(ds.Coverage.NamesAmbiguous, ", "))
	}
}
