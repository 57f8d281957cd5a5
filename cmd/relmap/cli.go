package main

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// version is set at build time with -ldflags "-X main.version=…".
var version = "dev"

// usageError is a mistake in how relmap was called: exit status 2. command is the command
// line's command ("relmap run"), whose --help the message points at; run fills it in.
type usageError struct {
	err     error
	command string
}

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

// exitCode maps run's error to the exit status of SPEC §5 — 0 success, 1 failure, 2 usage —
// printing the error once, prefixed "relmap: ".
func exitCode(err error, stderr io.Writer) int {
	if err == nil {
		return 0
	}
	stderr = safe(stderr)
	fmt.Fprintf(stderr, "relmap: %v\n", err)
	var ue usageError
	if errors.As(err, &ue) {
		command := cmp.Or(ue.command, "relmap")
		fmt.Fprintf(stderr, "Run '%s --help' for usage.\n", command)
		return 2
	}
	return 1
}

// run is the whole command line: main's only job is to call it and exit with its status.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	stdout, stderr = safe(stdout), safe(stderr) // names and paths are other people's text
	root := &cobra.Command{
		Use:   "relmap",
		Short: "A ranked, explained map of your second-level relationships",
		Long: `relmap reads the exports you already have and ranks the people around your work:
stakeholders, other teams, providers and clients, and everyone you reach through one
intermediary. Each is scored by influence, reach, tie strength and status (supporter ↔
detractor) and placed on a stakeholder map.

Inputs, in any mix (` + "`relmap run --help`" + ` says more):
  LinkedIn export (.zip or folder)  Basic_LinkedInDataExport_03-14-2025.zip
  a folder of exports or files      ~/exports   (the newest LinkedIn export in it is read)
  CSV tables (.csv, .tsv)           people=staff.csv interactions=mail.csv ties=org.csv
  Excel workbooks (.xlsx)           Connections.xlsx   (each sheet read as a CSV would be)
  address books (.vcf, CSV)         contacts.vcf, Google or Outlook contacts.csv
  calendars (.ics, Outlook CSV)     calendar.ics
  mail (mbox)                       "All mail Including Spam and Trash.mbox"

Start with 'relmap demo' to see it on a built-in sample, then 'relmap run' on your
own export.`,
		SilenceErrors: true,
		SilenceUsage:  true,
		Args:          noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return cmd.Help()
		},
	}
	root.SetOut(stdout)
	root.SetErr(stderr)
	root.SetArgs(args)
	root.SuggestionsMinimumDistance = 2
	root.Version = version
	root.SetVersionTemplate("relmap {{.Version}}\n")
	root.SetFlagErrorFunc(func(cmd *cobra.Command, err error) error {
		return usageError{err: fmt.Errorf("%w%s", err, flagSuggestion(cmd, err)), command: cmd.CommandPath()}
	})
	root.AddCommand(runCommand(stdout, stderr), demoCommand(stdout, stderr), validateCommand(stdout, stderr), explainCommand(stdout, stderr), annotateCommand(stdout, stderr), historyCommand(stdout), diffCommand(stdout), forgetCommand(stdout, stderr), synthCommand(stdout), foldCommand(stdout, stderr), versionCommand(stdout))
	cmd, err := root.ExecuteContextC(ctx)
	var ue usageError
	switch {
	case err == nil:
	case errors.As(err, &ue):
		if ue.command == "" && cmd != nil {
			ue.command = cmd.CommandPath()
		}
		return ue
	case isCobraUsage(err):
		return usageError{err: err, command: "relmap"}
	}
	return err
}

// isCobraUsage recognises the usage errors cobra makes itself (unknown commands, wrong
// numbers of arguments).
func isCobraUsage(err error) bool {
	return strings.HasPrefix(err.Error(), "unknown command") || strings.Contains(err.Error(), "arg(s), received")
}

// flagSuggestion is "; did you mean --x?" for an unknown flag close to one the command has.
func flagSuggestion(cmd *cobra.Command, err error) string {
	_, name, ok := strings.Cut(err.Error(), "unknown flag: --")
	if !ok {
		return ""
	}
	best, bestD := "", 3 // flags are visited in name order: of two as close, the first
	cmd.Flags().VisitAll(func(f *pflag.Flag) {
		d := editDistance(name, f.Name)
		if strings.HasPrefix(f.Name, name) {
			d = min(d, 1) // --as for --as-of
		}
		if d < bestD {
			best, bestD = f.Name, d
		}
	})
	if best == "" {
		return ""
	}
	return "; did you mean --" + best + "?"
}

// editDistance is the Levenshtein distance between a and b.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

func noArgs(cmd *cobra.Command, args []string) error {
	if len(args) > 0 {
		msg := fmt.Sprintf("unknown command %q for %q", args[0], cmd.CommandPath())
		if s := cmd.SuggestionsFor(args[0]); len(s) > 0 {
			msg += "; did you mean " + strings.Join(s, " or ") + "?"
		}
		return usageError{err: errors.New(msg)}
	}
	return nil
}

func versionCommand(stdout io.Writer) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print relmap's version",
		Args:  noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			_, err := fmt.Fprintf(stdout, "relmap %s\n", version)
			return err
		},
	}
}
