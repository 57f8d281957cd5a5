package main

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden files")

var runID = regexp.MustCompile(`\d{8}T\d{6}Z(-\d+)?`)

// TestCLI runs every case of testdata/cli in-process, miller-style: each folder holds args
// (one per line; $OUT is a fresh folder, $TESTDATA the repository's testdata) and the expected
// stdout, stderr and exit status. Run ids are masked as <run>.
func TestCLI(t *testing.T) {
	t.Setenv("RELMAP_SALT", "") // the cases say what a salt-less machine does
	cases, err := filepath.Glob("../../testdata/cli/*")
	if err != nil || len(cases) == 0 {
		t.Fatalf("no CLI cases: %v", err)
	}
	testdata, _ := filepath.Abs("../../testdata")
	for _, dir := range cases {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			out := t.TempDir()
			raw, err := os.ReadFile(filepath.Join(dir, "args"))
			if err != nil {
				t.Fatal(err)
			}
			var args []string
			for _, a := range strings.Split(strings.TrimRight(string(raw), "\n"), "\n") {
				args = append(args, strings.NewReplacer("$OUT", out, "$TESTDATA", testdata).Replace(a))
			}
			var stdout, stderr bytes.Buffer
			code := exitCode(run(context.Background(), args, &stdout, &stderr), &stderr)
			mask := func(s string) string {
				s = strings.ReplaceAll(s, out, "$OUT")
				s = strings.ReplaceAll(s, testdata, "$TESTDATA")
				return runID.ReplaceAllString(s, "<run>")
			}
			got := map[string]string{"stdout": mask(stdout.String()), "stderr": mask(stderr.String()), "exit": strconv.Itoa(code) + "\n"}
			for _, name := range []string{"stdout", "stderr", "exit"} {
				path := filepath.Join(dir, name)
				if *update {
					if err := os.WriteFile(path, []byte(got[name]), 0o644); err != nil {
						t.Fatal(err)
					}
					continue
				}
				want, err := os.ReadFile(path)
				if err != nil {
					t.Fatal(err)
				}
				if got[name] != string(want) {
					t.Errorf("%s:\n--- got\n%s--- want\n%s", name, got[name], want)
				}
			}
		})
	}
}
