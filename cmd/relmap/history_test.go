package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/relmap/relmap/analysis/history"
	"github.com/relmap/relmap/synth"
)

// Three weekly runs over an export that changes (synth steps 0, 1, 2): each run's diff.json
// names the people planted to move that week — every new detractor, influence riser and tie
// gone dormant — and relmap diff, history and forget work on the history they leave (SPEC §5).
func TestHistoryFindsMovers(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "out")
	var truths []*synth.Truth
	for step := range 3 {
		opt := synth.Options{Seed: 7, Step: step}
		var buf bytes.Buffer
		truth, err := synth.Write(&buf, opt)
		if err != nil {
			t.Fatal(err)
		}
		truths = append(truths, truth)
		// Named as LinkedIn names it, so the as-of day is the export's day.
		zip := filepath.Join(dir, "week"+string(rune('0'+step)), synth.FileName(opt.Day()))
		os.MkdirAll(filepath.Dir(zip), 0o755)
		if err := os.WriteFile(zip, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		stdout := runOK(t, "run", "--out", out, zip)
		if step == 0 {
			if fileExists(filepath.Join(out, "latest", "diff.json")) {
				t.Fatal("a first run wrote diff.json")
			}
			continue
		}
		if !strings.Contains(stdout, "since ") {
			t.Errorf("the summary of run %d says nothing of the changes:\n%s", step, stdout)
		}
		b, err := os.ReadFile(filepath.Join(out, "latest", "diff.json"))
		if err != nil {
			t.Fatal(err)
		}
		var c history.Changes
		if err := json.Unmarshal(b, &c); err != nil {
			t.Fatal(err)
		}
		names := func(ms []history.Move) []string {
			var n []string
			for _, m := range ms {
				n = append(n, m.Name)
			}
			return n
		}
		lists := map[string][]string{
			synth.KindNewDetractor:   names(c.NewDetractors),
			synth.KindInfluenceRiser: names(c.Risers),
			synth.KindGoneDormant:    names(c.GoneDormant),
		}
		planted := map[string][]string{}
		for _, m := range truth.Movers {
			if m.Step == step {
				planted[m.Kind] = append(planted[m.Kind], m.Name)
			}
		}
		for kind, want := range planted {
			got := lists[kind]
			var missed, extra []string
			for _, n := range want {
				if !slices.Contains(got, n) {
					missed = append(missed, n)
				}
			}
			for _, n := range got {
				if !slices.Contains(want, n) {
					extra = append(extra, n)
				}
			}
			t.Logf("week %d, %s: %d planted, %d listed, missed %q, also listed %q", step, kind, len(want), len(got), missed, extra)
			if len(want) < 3 || len(missed) > 0 {
				t.Errorf("week %d, %s: planted %q, diff.json lists %q", step, kind, want, got)
			}
			// Nothing else turned detractor; other lists may hold a few people the movers pushed.
			if kind == synth.KindNewDetractor && len(extra) > 0 {
				t.Errorf("week %d: new detractors nobody planted: %q", step, extra)
			}
			if len(extra) > len(want) {
				t.Errorf("week %d, %s: %d listed beyond the %d planted", step, kind, len(extra), len(want))
			}
		}
		if c.From.Run == "" || c.To.Run != filepath.Base(mustReadlink(t, filepath.Join(out, "latest"))) {
			t.Errorf("diff.json runs: from %q to %q", c.From.Run, c.To.Run)
		}
	}

	// relmap history lists the three; relmap diff over the whole span names every mover.
	if h := runOK(t, "history", "--out", out); strings.Count(h, "\n") != 4 {
		t.Errorf("relmap history:\n%s", h)
	}
	lines := strings.Split(runOK(t, "history", "--out", out), "\n")
	first := strings.Fields(lines[1])[0]
	span := runOK(t, "diff", first, "latest", "--out", out)
	for _, m := range truths[2].Movers {
		if !strings.Contains(span, m.Name) {
			t.Errorf("relmap diff %s latest does not name %s (%s)", first, m.Name, m.Kind)
		}
	}
	var asJSON history.Changes
	if err := json.Unmarshal([]byte(runOK(t, "diff", "--json", "--out", out)), &asJSON); err != nil {
		t.Fatal(err)
	}
	latest, _ := os.ReadFile(filepath.Join(out, "latest", "diff.json"))
	if got := runOK(t, "diff", "--json", "--out", out); got != string(latest) {
		t.Error("relmap diff --json differs from the last run's diff.json")
	}

	// relmap forget erases a mover from every run of the history.
	gone := truths[2].Movers[0].Name
	if msg := runOK(t, "forget", gone, "--out", out); !strings.Contains(msg, "3 records erased") {
		t.Errorf("relmap forget %s: %s", gone, msg)
	}
	st, err := history.Open(filepath.Join(out, "history.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if m, _ := st.Match(gone); len(m) != 0 {
		t.Errorf("%s is still in the history: %v", gone, m)
	}
	if v, _ := integrity(filepath.Join(out, "history.db")); v != "ok" {
		t.Errorf("integrity_check after forget: %s", v)
	}
	if db, _ := os.ReadFile(filepath.Join(out, "history.db")); bytes.Contains(db, []byte(gone)) {
		t.Errorf("%s's name is still in the bytes of history.db", gone)
	}
	if strings.Contains(runOK(t, "diff", first, "latest", "--out", out), gone) {
		t.Errorf("relmap diff still names %s after forget", gone)
	}
}

func mustReadlink(t *testing.T, p string) string {
	t.Helper()
	s, err := os.Readlink(p)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// Every team's map has its own history: from the second run on each team folder holds a
// diff.json, and relmap diff reaches a team's map by its name or its folder.
func TestTeamMapsHistory(t *testing.T) {
	out := t.TempDir()
	in := []string{"run", "--quiet", "--ego", "team:*", "--out", out, "../../testdata/generic/people.csv", "../../testdata/generic/interactions.csv"}
	runOK(t, in...)
	runOK(t, in...)
	teams, _ := filepath.Glob(filepath.Join(out, "latest", "teams", "*", "diff.json"))
	if len(teams) < 2 {
		t.Fatalf("diff.json in %d team folders", len(teams))
	}
	folder := filepath.Base(filepath.Dir(teams[0]))
	byFolder := runOK(t, "diff", "--json", "--out", out, "--map", folder)
	want, _ := os.ReadFile(teams[0])
	if byFolder != string(want) {
		t.Errorf("relmap diff --map %s differs from its diff.json:\n%s\n%s", folder, byFolder, want)
	}
	var c history.Changes
	json.Unmarshal(want, &c)
	if c.Map == "" || runOK(t, "diff", "--json", "--out", out, "--map", c.Map) != string(want) {
		t.Errorf("relmap diff --map %q (the team's name) differs", c.Map)
	}
	// Without --map, one line for the organisation (the same inputs twice: nothing moved),
	// and with --json every team's diff.json in one array.
	if got := runOK(t, "diff", "--out", out); !strings.Contains(got, ": 0 of 4 team maps moved\n") || strings.Count(got, "\n") != 1 {
		t.Errorf("diff of team maps without --map:\n%s", got)
	}
	var all []json.RawMessage
	if err := json.Unmarshal([]byte(runOK(t, "diff", "--json", "--out", out)), &all); err != nil || len(all) != 4 {
		t.Fatalf("diff --json of team maps: %d maps, %v", len(all), err)
	}
	for _, team := range teams {
		want, _ := os.ReadFile(team)
		var one history.Changes
		json.Unmarshal(want, &one)
		found := false
		for _, raw := range all {
			var c history.Changes
			json.Unmarshal(raw, &c)
			found = found || (c.Map == one.Map && reflect.DeepEqual(c, one))
		}
		if !found {
			t.Errorf("diff --json has no entry equal to %s", team)
		}
	}
}
