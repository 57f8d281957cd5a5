package main

import (
	"fmt"
	"io"
	"log/slog"
)

// newLogger makes the log of SPEC §5 on stderr: slog text lines for people, JSON lines (with
// the time) for log collectors; with quiet, errors only. Text lines carry no time, so that the
// same run logs the same bytes and a terminal is not cluttered; cron and systemd add their own.
func newLogger(w io.Writer, format string, quiet bool) (*slog.Logger, error) {
	opt := &slog.HandlerOptions{Level: slog.LevelInfo}
	if quiet {
		opt.Level = slog.LevelError
	}
	switch format {
	case "json":
		return slog.New(slog.NewJSONHandler(w, opt)), nil
	case "text", "":
		opt.ReplaceAttr = func(groups []string, a slog.Attr) slog.Attr {
			if len(groups) == 0 && a.Key == slog.TimeKey {
				return slog.Attr{}
			}
			return a
		}
		return slog.New(slog.NewTextHandler(w, opt)), nil
	}
	return nil, usageError{err: fmt.Errorf("--log-format %q: want text or json", format)}
}
