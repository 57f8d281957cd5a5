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
// (one per line; $OUT is a fresh folder, $TESTDATA the repository's testdata, $WORK a fresh
// copy of the case's work/ folder; a line "---" starts another invocation) and the expected
// stdout, stderr and exit status (one a line, for several invocations). With a file `cwd`,
// the invocations run inside $WORK, as a user who typed them there. Run ids are masked as
// <run>.
func TestCLI(t *testing.T) {
	t.Setenv("RELMAP_SALT", "") // the cases say what a salt-less machine does
	cases, err := filepath.Glob("../../testdata/cli/*")
	if err != nil || len(cases) == 0 {
		t.Fatalf("no CLI cases: %v", err)
	}
	testdata, _ := filepath.Abs("../../testdata")
	for _, dir := range cases {
		dir, _ := filepath.Abs(dir) // the case may run in its work folder
		t.Run(filepath.Base(dir), func(t *testing.T) {
			out := t.TempDir()
			work := filepath.Join(t.TempDir(), "work")
			if fileExists(filepath.Join(dir, "work")) {
				if err := os.CopyFS(work, os.DirFS(filepath.Join(dir, "work"))); err != nil {
					t.Fatal(err)
				}
			}
			raw, err := os.ReadFile(filepath.Join(dir, "args"))
			if err != nil {
				t.Fatal(err)
			}
			invocations := [][]string{nil}
			for _, a := range strings.Split(strings.TrimRight(string(raw), "\n"), "\n") {
				if a == "---" {
					invocations = append(invocations, nil)
					continue
				}
				last := &invocations[len(invocations)-1]
				*last = append(*last, strings.NewReplacer("$OUT", out, "$TESTDATA", testdata, "$WORK", work).Replace(a))
			}
			if fileExists(filepath.Join(dir, "cwd")) {
				t.Chdir(work)
			}
			var stdout, stderr bytes.Buffer
			var exits []string
			for _, args := range invocations {
				code := exitCode(run(context.Background(), args, &stdout, &stderr), &stderr)
				exits = append(exits, strconv.Itoa(code))
			}
			mask := func(s string) string {
				s = strings.ReplaceAll(s, out, "$OUT")
				s = strings.ReplaceAll(s, work, "$WORK")
				s = strings.ReplaceAll(s, testdata, "$TESTDATA")
				return runID.ReplaceAllString(s, "<run>")
			}
			got := map[string]string{"stdout": mask(stdout.String()), "stderr": mask(stderr.String()), "exit": strings.Join(exits, "\n") + "\n"}
			checkPathPadding(t, got["stdout"]+got["stderr"])
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
