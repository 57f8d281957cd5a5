package main

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
)

// A Slack export's text never reaches an output or the history: every message, file name,
// attachment title and link of testdata/slack/export carries "SECRET", and no file of the
// run's folder (history.db included) holds it, nor does anything the run prints.
func TestSlackNoTextInOutputs(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	printed := runOK(t, "run", "--me", "ana@example.com", "--out", out, "../../testdata/slack/export")
	printed += runOK(t, "validate", "--me", "ana@example.com", "../../testdata/slack/export")
	if bytes.Contains([]byte(printed), []byte("SECRET")) {
		t.Errorf("relmap printed a message's text:\n%s", printed)
	}
	files := 0
	err := filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || d.Type()&fs.ModeSymlink != 0 { // latest is a link to a run's folder
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		files++
		if bytes.Contains(b, []byte("SECRET")) {
			t.Errorf("%s holds a message's text", p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if files < 10 {
		t.Errorf("%d files written, want the run's outputs and its history", files)
	}
}
