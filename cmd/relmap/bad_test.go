package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestBadInputs feeds every broken or hostile input of testdata/bad to `relmap validate`,
// beside the good LinkedIn samples, and compares what relmap says with the case's golden
// `want`: an exact message for each, never a panic, and exit status 0 only when the rest of the
// input is usable. A case is a folder: its input.zip, or the folder itself, or the arguments in
// its `args` file ($CASE is the folder).
func TestBadInputs(t *testing.T) {
	cases, _ := filepath.Glob("../../testdata/bad/*")
	if len(cases) < 30 {
		t.Fatalf("%d bad inputs, want at least 30", len(cases))
	}
	samples, _ := filepath.Abs("../../testdata/linkedin/samples")
	for _, dir := range cases {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			abs, _ := filepath.Abs(dir)
			args := []string{"validate", samples}
			switch raw, err := os.ReadFile(filepath.Join(dir, "args")); {
			case err == nil:
				for _, a := range strings.Split(strings.TrimSpace(string(raw)), "\n") {
					args = append(args, strings.ReplaceAll(a, "$CASE", abs))
				}
			case fileExists(filepath.Join(dir, "input.zip")):
				args = append(args, filepath.Join(abs, "input.zip"))
			default:
				// The folder's own files, without the case's golden: relmap names every file it
				// does not read, and `want` is not the input.
				in := filepath.Join(t.TempDir(), filepath.Base(dir))
				if err := os.CopyFS(in, os.DirFS(abs)); err != nil {
					t.Fatal(err)
				}
				os.Remove(filepath.Join(in, "want"))
				abs = in
				args = append(args, abs)
			}
			var stdout, stderr bytes.Buffer
			code := exitCode(run(context.Background(), args, &stdout, &stderr), &stderr)
			mask := strings.NewReplacer(abs, "$CASE", samples, "$SAMPLES")
			got := fmt.Sprintf("exit %d\n--- stdout\n%s--- stderr\n%s", code, mask.Replace(stdout.String()), mask.Replace(stderr.String()))
			checkPathPadding(t, got)
			path := filepath.Join(dir, "want")
			if *update {
				if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (go test ./cmd/relmap -run TestBadInputs -update writes it)", err)
			}
			if got != string(want) {
				t.Errorf("got:\n%s\nwant:\n%s", got, want)
			}
		})
	}
}

func fileExists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}

// paddedPath is a masked path followed by a table's padding: a width that came from the
// unmasked path, so the clone's own path length.
var paddedPath = regexp.MustCompile(`\$(CASE|SAMPLES|WORK|OUT|TESTDATA)\S*  `)

// checkPathPadding fails a case whose output pads a column to the width of a path the golden
// masks: on a clone at another path its golden would differ (validate's table pads its first
// column to the longest file name). Read such a case as a folder (testdata/bad) or inside its
// work folder (testdata/cli, a `cwd` file), so that the names it prints are short and fixed.
func checkPathPadding(t *testing.T, out string) {
	t.Helper()
	if m := paddedPath.FindString(out); m != "" {
		t.Errorf("the output pads a column after the masked path %q: its width depends on where the repository is cloned", m)
	}
}
