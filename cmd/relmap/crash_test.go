package main

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/relmap/relmap/analysis/history"
)

// TestMain lets the test binary stand in for relmap in a subprocess (RELMAP_TEST_MAIN=1), so
// that a test can kill a real run without building the command first.
func TestMain(m *testing.M) {
	if os.Getenv("RELMAP_TEST_MAIN") == "1" {
		main()
	}
	os.Exit(m.Run())
}

// relmapCmd is a relmap subprocess.
func relmapCmd(args ...string) *exec.Cmd {
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append(os.Environ(), "RELMAP_TEST_MAIN=1")
	return cmd
}

// synthZip writes a synthetic export of the given size into dir.
func synthZip(t *testing.T, dir string, connections, messages int, seed uint64) string {
	t.Helper()
	p := filepath.Join(dir, fmt.Sprintf("export-%d.zip", seed))
	runOK(t, "synth", "--connections", fmt.Sprint(connections), "--messages", fmt.Sprint(messages), "--seed", fmt.Sprint(seed), "-o", p)
	return p
}

// checkWhole checks that DIR/latest is one whole complete run and that the history is sound,
// and returns latest's run id.
func checkWhole(t *testing.T, out string) string {
	t.Helper()
	st, err := history.Open(filepath.Join(out, "history.db"))
	if err != nil {
		t.Fatalf("history after the kill: %v", err)
	}
	defer st.Close()
	if v, err := integrity(filepath.Join(out, "history.db")); err != nil || v != "ok" {
		t.Fatalf("PRAGMA integrity_check = %q, %v", v, err)
	}
	target, err := os.Readlink(filepath.Join(out, "latest"))
	if err != nil {
		t.Fatalf("latest: %v", err)
	}
	id := filepath.Base(target)
	abs, _ := filepath.Abs(out)
	runs, err := st.Runs(abs)
	if err != nil {
		t.Fatal(err)
	}
	complete := false
	for _, r := range runs {
		complete = complete || r.ID == id
	}
	if !complete {
		t.Fatalf("latest -> %s, which is not a complete run of the history", target)
	}
	dir := filepath.Join(out, target)
	for _, name := range []string{"ranked.json", "run.json"} {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil || !json.Valid(b) {
			t.Fatalf("latest/%s is not whole: %v", name, err)
		}
	}
	for _, name := range []string{"ranked.csv", "stakeholder-map.png", "stakeholder-map.svg"} {
		if st, err := os.Stat(filepath.Join(dir, name)); err != nil || st.Size() == 0 {
			t.Fatalf("latest/%s is not whole: %v", name, err)
		}
	}
	scores, err := st.Scores(id, "")
	if err != nil || len(scores) == 0 {
		t.Fatalf("the history has no scores for latest's run %s: %v", id, err)
	}
	csv, _ := os.ReadFile(filepath.Join(dir, "ranked.csv"))
	if rows := bytes.Count(csv, []byte("\n")) - 1; rows != len(scores) {
		t.Fatalf("latest/ranked.csv has %d rows, the history %d for its run", rows, len(scores))
	}
	return id
}

// A run killed with SIGKILL at any moment leaves latest on one whole run and a sound
// history; the next run clears what the killed one left (SPEC §5).
func TestCrashAnywhere(t *testing.T) {
	if testing.Short() {
		t.Skip("kills 20 runs")
	}
	dir := t.TempDir()
	in := synthZip(t, dir, 1500, 12000, 5)
	out := filepath.Join(dir, "out")
	begin := time.Now()
	if b, err := relmapCmd("run", "--quiet", "--out", out, in).CombinedOutput(); err != nil {
		t.Fatalf("first run: %v\n%s", err, b)
	}
	full := time.Since(begin)
	first := checkWhole(t, out)
	rng := rand.New(rand.NewPCG(20, 26))
	var before, after int
	for i := range 20 {
		prev, _ := os.Readlink(filepath.Join(out, "latest"))
		moment := time.Duration(rng.Float64() * 1.1 * float64(full))
		cmd := relmapCmd("run", "--quiet", "--out", out, in)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(moment)
		cmd.Process.Signal(syscall.SIGKILL)
		cmd.Wait()
		id := checkWhole(t, out)
		if now, _ := os.Readlink(filepath.Join(out, "latest")); now == prev {
			before++
		} else {
			after++
		}
		t.Logf("kill %2d at %v of a %v run: latest %s", i+1, moment.Round(time.Millisecond), full.Round(time.Millisecond), id)
	}
	t.Logf("%d kills before the commit point, %d after", before, after)
	if before < 3 {
		t.Errorf("only %d of 20 kills landed before the commit point: the test does not test the crash", before)
	}
	// The next run reconciles: every folder left is a complete run's.
	if b, err := relmapCmd("run", "--out", out, in).CombinedOutput(); err != nil {
		t.Fatalf("run after the kills: %v\n%s", err, b)
	}
	last := checkWhole(t, out)
	st, err := history.Open(filepath.Join(out, "history.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	abs, _ := filepath.Abs(out)
	runs, _ := st.Runs(abs)
	inc, _ := st.Incomplete(abs)
	folders, _ := os.ReadDir(filepath.Join(out, "runs"))
	if len(inc) != 0 || len(folders) != len(runs) {
		t.Errorf("after reconciling: %d folders, %d complete runs, %d incomplete", len(folders), len(runs), len(inc))
	}
	if first == last || len(runs) < 2 {
		t.Errorf("the last run did not land: first %s, last %s, %d runs", first, last, len(runs))
	}
}

// Two runs on one folder at once never interleave: without --wait one may fail with the lock
// message, with --wait both finish; every run folder holds exactly one input's outputs.
func TestConcurrentRuns(t *testing.T) {
	dir := t.TempDir()
	inputs := []string{synthZip(t, dir, 800, 6000, 1), synthZip(t, dir, 800, 6000, 2)}
	// The bytes each input gives alone.
	want := map[string][]byte{}
	for _, in := range inputs {
		ref := filepath.Join(dir, "ref-"+filepath.Base(in))
		runOK(t, "run", "--quiet", "--out", ref, in)
		b, err := os.ReadFile(filepath.Join(ref, "latest", "ranked.csv"))
		if err != nil {
			t.Fatal(err)
		}
		want[in] = b
	}
	for _, wait := range []bool{false, true} {
		out := filepath.Join(dir, fmt.Sprintf("out-wait-%v", wait))
		var cmds [2]*exec.Cmd
		var errs [2]bytes.Buffer
		for i, in := range inputs {
			args := []string{"run", "--quiet", "--out", out, in}
			if wait {
				args = append(args, "--wait")
			}
			cmds[i] = relmapCmd(args...)
			cmds[i].Stderr = &errs[i]
			if err := cmds[i].Start(); err != nil {
				t.Fatal(err)
			}
		}
		ok := 0
		for i, c := range cmds {
			err := c.Wait()
			switch {
			case err == nil:
				ok++
			case !wait && strings.Contains(errs[i].String(), "another relmap run is writing to") && strings.Contains(errs[i].String(), "--wait"):
				t.Logf("without --wait, run %d failed with: %s", i, strings.TrimSpace(errs[i].String()))
			default:
				t.Fatalf("run %d (wait %v): %v\n%s", i, wait, err, errs[i].String())
			}
		}
		if wait && ok != 2 {
			t.Fatalf("with --wait %d of 2 runs finished", ok)
		}
		checkWhole(t, out)
		folders, _ := os.ReadDir(filepath.Join(out, "runs"))
		if len(folders) != ok {
			t.Fatalf("%d runs finished, %d folders", ok, len(folders))
		}
		for _, f := range folders {
			var rp replay
			b, _ := os.ReadFile(filepath.Join(out, "runs", f.Name(), "run.json"))
			if err := json.Unmarshal(b, &rp); err != nil || len(rp.Inputs) != 1 {
				t.Fatalf("%s/run.json: %v", f.Name(), err)
			}
			got, _ := os.ReadFile(filepath.Join(out, "runs", f.Name(), "ranked.csv"))
			abs, _ := filepath.Abs(rp.Inputs[0].Path)
			var in string
			for _, x := range inputs {
				if a, _ := filepath.Abs(x); a == abs {
					in = x
				}
			}
			if !bytes.Equal(got, want[in]) {
				t.Errorf("run %s (wait %v): ranked.csv is not what %s gives alone", f.Name(), wait, filepath.Base(in))
			}
		}
	}
}

// A run finds the folder locked by another and says so; --keep prunes old run folders while
// the history keeps their scores.
func TestLockAndKeep(t *testing.T) {
	out := t.TempDir()
	log, _ := newLogger(&bytes.Buffer{}, "text", true)
	o, err := openOut(out, "", false, log)
	if err != nil {
		t.Fatal(err)
	}
	var stderr bytes.Buffer
	err = run(context.Background(), []string{"demo", "--quiet", "--out", out}, &bytes.Buffer{}, &stderr)
	if err == nil || !strings.Contains(err.Error(), "another relmap run is writing to") || !strings.Contains(err.Error(), fmt.Sprint(os.Getpid())) {
		t.Fatalf("a run on a locked folder: %v", err)
	}
	o.Close()
	for range 3 {
		runOK(t, "demo", "--quiet", "--out", out, "--keep", "2")
	}
	folders, _ := os.ReadDir(filepath.Join(out, "runs"))
	if len(folders) != 2 {
		t.Errorf("--keep 2 left %d run folders", len(folders))
	}
	hist := runOK(t, "history", "--out", out)
	if strings.Count(hist, "(pruned)") != 1 || strings.Count(hist, "runs/") != 2 {
		t.Errorf("history after --keep 2:\n%s", hist)
	}
	checkWhole(t, out)
}

// Reconciling moves latest only forward: onto a newer complete run when a run died between its
// commit and the swap, or when latest dangles — never back from a run this history does not
// know (another --db's).
func TestReconcileForwardOnly(t *testing.T) {
	out := t.TempDir()
	runOK(t, "demo", "--quiet", "--out", out)
	first := mustReadlink(t, filepath.Join(out, "latest"))
	runOK(t, "demo", "--quiet", "--out", out)
	second := mustReadlink(t, filepath.Join(out, "latest"))
	log, _ := newLogger(&bytes.Buffer{}, "text", true)
	reopen := func(db string) string {
		t.Helper()
		o, err := openOut(out, db, false, log)
		if err != nil {
			t.Fatal(err)
		}
		o.Close()
		return mustReadlink(t, filepath.Join(out, "latest"))
	}
	// Killed after the second run's commit, before the swap: latest still on the first.
	if err := os.Remove(filepath.Join(out, "latest")); err != nil {
		t.Fatal(err)
	}
	os.Symlink(first, filepath.Join(out, "latest"))
	if got := reopen(""); got != second {
		t.Errorf("latest -> %s after reconciling, want the newer %s", got, second)
	}
	// A run into the same folder with another history is left as latest.
	other := filepath.Join(t.TempDir(), "other.db")
	runOK(t, "demo", "--quiet", "--out", out, "--db", other)
	third := mustReadlink(t, filepath.Join(out, "latest"))
	if got := reopen(""); got != third {
		t.Errorf("latest moved back from %s to %s", third, got)
	}
	// A dangling latest goes to the newest complete run whose folder is there.
	os.RemoveAll(filepath.Join(out, third))
	if got := reopen(""); got != second {
		t.Errorf("dangling latest -> %s, want %s", got, second)
	}
}

// A run whose run folder cannot be made fails with a message, promptly (it once looped).
func TestRunsNotAFolder(t *testing.T) {
	out := t.TempDir()
	if err := os.WriteFile(filepath.Join(out, "runs"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	err := run(context.Background(), []string{"demo", "--quiet", "--out", out}, &bytes.Buffer{}, &bytes.Buffer{})
	if err == nil || !strings.Contains(err.Error(), "output folder") {
		t.Errorf("runs is a file: %v", err)
	}
	if _, err := os.Stat(filepath.Join(out, "latest")); err == nil {
		t.Error("latest made for a run that failed")
	}
}

// history and diff find the folder from RELMAP_OUT as run does, and diff refuses to compare
// maps of different people.
func TestHistoryCommandsFollowEnvironment(t *testing.T) {
	out := t.TempDir()
	runOK(t, "demo", "--quiet", "--out", out)
	runOK(t, "run", "--quiet", "--out", out, "../../testdata/linkedin/samples")
	t.Setenv("RELMAP_OUT", out)
	lines := strings.Split(strings.TrimSpace(runOK(t, "history")), "\n")
	if len(lines) != 3 {
		t.Fatalf("relmap history with RELMAP_OUT:\n%s", strings.Join(lines, "\n"))
	}
	demoRun := strings.Fields(lines[1])[0]
	err := run(context.Background(), []string{"diff", demoRun, "latest"}, &bytes.Buffer{}, &bytes.Buffer{})
	if err == nil || !strings.Contains(err.Error(), "different people or teams") {
		t.Errorf("diff across egos: %v", err)
	}
	err = run(context.Background(), []string{"diff"}, &bytes.Buffer{}, &bytes.Buffer{})
	if err == nil || !strings.Contains(err.Error(), "only one run of this map") {
		t.Errorf("diff with one run of the last map: %v", err)
	}
	err = run(context.Background(), []string{"diff", demoRun, demoRun, "--map", "sales"}, &bytes.Buffer{}, &bytes.Buffer{})
	if err == nil || !strings.Contains(err.Error(), `no map "sales"`) {
		t.Errorf("diff --map of a run without team maps: %v", err)
	}
}

// integrity is SQLite's integrity check of the database at path ("ok" when sound), read on
// a connection of its own.
func integrity(path string) (string, error) {
	db, err := sql.Open("sqlite", path)
	if err != nil {
		return "", err
	}
	defer db.Close()
	var v string
	err = db.QueryRow(`PRAGMA integrity_check`).Scan(&v)
	return v, err
}
