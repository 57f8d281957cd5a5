package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"
)

// version is set at build time with -ldflags "-X main.version=…".
var version = "dev"

// usageError is a mistake in how relmap was called: exit status 2.
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

// exitCode maps run's error to the exit status of SPEC §5 — 0 success, 1 failure, 2 usage —
// printing the error once, prefixed "relmap: ".
func exitCode(err error, stderr io.Writer) int {
	if err == nil {
		return 0
	}
	fmt.Fprintf(stderr, "relmap: %v\n", err)
	var ue usageError
	if errors.As(err, &ue) {
		fmt.Fprintln(stderr, "Run 'relmap --help' for usage.")
		return 2
	}
	return 1
}

// run is the whole command line: main's only job is to call it and exit with its status.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	root := &cobra.Command{
		Use:   "relmap",
		Short: "A ranked, explained map of your second-level relationships",
		Long: `relmap reads the exports you already have — today your LinkedIn data export — and
ranks the people around your work: stakeholders, other teams, providers and clients,
and everyone you reach through one intermediary. Each is scored by influence, reach,
tie strength and status (supporter ↔ detractor) and placed on a stakeholder map.

Start with 'relmap demo' to see it on a built-in sample, then 'relmap run' on your
own export (the .zip as downloaded, or its folder).`,
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
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return usageError{err} })
	root.AddCommand(runCommand(stdout, stderr), demoCommand(stdout, stderr), validateCommand(stdout, stderr), explainCommand(stdout, stderr), annotateCommand(stdout, stderr), historyCommand(stdout), diffCommand(stdout), forgetCommand(stdout, stderr), synthCommand(stdout), foldCommand(stdout, stderr), versionCommand(stdout))
	root.CompletionOptions.DisableDefaultCmd = true
	err := root.ExecuteContext(ctx)
	if err != nil && isCobraUsage(err) {
		return usageError{err}
	}
	return err
}

// isCobraUsage recognises the usage errors cobra makes itself (unknown commands).
func isCobraUsage(err error) bool {
	var ue usageError
	if errors.As(err, &ue) {
		return false
	}
	return strings.HasPrefix(err.Error(), "unknown command")
}

func noArgs(cmd *cobra.Command, args []string) error {
	if len(args) > 0 {
		return usageError{fmt.Errorf("unknown command %q for %q", args[0], cmd.CommandPath())}
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
