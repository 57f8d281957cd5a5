package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// An --ego 'team:*' run writes every team its work list — ranked.csv, ranked.json and
// stakeholder-map.svg — and the reports and PNG maps only for the teams --report-team names
// (or the config's report_team; '*' for all); a one-team map keeps every file (SPEC §4,
// issue 17 item 4).
func TestTeamFiles(t *testing.T) {
	testdata, _ := filepath.Abs("../../testdata/generic")
	inputs := []string{filepath.Join(testdata, "people.csv"), filepath.Join(testdata, "interactions.csv")}
	// A team:* run compresses every team's ranked.json; a one-team map is a map like any other.
	workList := []string{"ranked.csv", "ranked.json.gz", "stakeholder-map.svg"}
	full := []string{"influence-reach.png", "influence-reach.svg", "ranked.csv", "ranked.json.gz", "report.html", "report.pdf",
		"stakeholder-map.pdf", "stakeholder-map.png", "stakeholder-map.svg"}
	one := []string{"influence-reach.png", "influence-reach.svg", "ranked.csv", "ranked.json", "report.html", "report.pdf",
		"stakeholder-map.pdf", "stakeholder-map.png", "stakeholder-map.svg"}
	config := filepath.Join(t.TempDir(), "relmap.yaml")
	if err := os.WriteFile(config, []byte("report_team: [finance]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		args []string
		want map[string][]string // folder under the run (teams/x, or "." for a one-team map) → its files
	}{
		{"one named", []string{"--ego", "team:*", "--report-team", "Sales"},
			map[string][]string{"teams/sales": full, "teams/data": workList, "teams/finance": workList, "teams/leadership": workList}},
		{"two named, by folder and in another case", []string{"--ego", "team:*", "--report-team", "data", "--report-team", "LEADERSHIP"},
			map[string][]string{"teams/sales": workList, "teams/data": full, "teams/finance": workList, "teams/leadership": full}},
		{"every team", []string{"--ego", "team:*", "--report-team", "*"},
			map[string][]string{"teams/sales": full, "teams/data": full, "teams/finance": full, "teams/leadership": full}},
		{"none named", []string{"--ego", "team:*"},
			map[string][]string{"teams/sales": workList, "teams/data": workList, "teams/finance": workList, "teams/leadership": workList}},
		{"the config's", []string{"--ego", "team:*", "--config", config},
			map[string][]string{"teams/sales": workList, "teams/data": workList, "teams/finance": full, "teams/leadership": workList}},
		{"one team's map", []string{"--ego", "team:Data"},
			map[string][]string{".": append(slices.Clone(one), "network.gexf", "network.graphml", "run.json")}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := t.TempDir()
			var stdout, stderr bytes.Buffer
			args := append(append([]string{"run", "--quiet", "--out", out}, tc.args...), inputs...)
			if err := run(context.Background(), args, &stdout, &stderr); err != nil {
				t.Fatalf("%v\n%s", err, stderr.String())
			}
			for folder, want := range tc.want {
				entries, err := os.ReadDir(filepath.Join(out, "latest", folder))
				if err != nil {
					t.Fatal(err)
				}
				var got []string
				for _, e := range entries {
					if !e.IsDir() {
						got = append(got, e.Name())
					}
				}
				slices.Sort(want)
				if !slices.Equal(got, want) {
					t.Errorf("%s holds %v, want %v", folder, got, want)
				}
			}
		})
	}
}
