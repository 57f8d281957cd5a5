package main

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"testing"
)

// The spinner is drawn on terminals only: never into a buffer, a file, /dev/null, a JSON log
// or a quiet run.
func TestProgressOnlyOnTerminals(t *testing.T) {
	devnull, err := os.OpenFile(os.DevNull, os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer devnull.Close()
	file, err := os.Create(filepath.Join(t.TempDir(), "log"))
	if err != nil {
		t.Fatal(err)
	}
	defer file.Close()
	for name, w := range map[string]io.Writer{"buffer": &bytes.Buffer{}, "/dev/null": devnull, "file": file} {
		if pr := startProgress(w, &jobFlags{}); pr != nil {
			pr.stop()
			t.Errorf("a spinner on %s", name)
		}
	}
	if tty, err := os.OpenFile("/dev/tty", os.O_WRONLY, 0); err == nil {
		defer tty.Close()
		for _, f := range []jobFlags{{quiet: true}, {logFormat: "json"}} {
			if pr := startProgress(tty, &f); pr != nil {
				pr.stop()
				t.Errorf("a spinner with %+v", f)
			}
		}
	}
	var nilProgress *progress // what every run off a terminal holds: all methods are no-ops
	nilProgress.stage("x")
	nilProgress.stop()
	if nilProgress.writer(file) != file {
		t.Error("a nil progress does not pass log lines through")
	}
}
