package main

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"html"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/relmap/relmap/analysis"
	"github.com/relmap/relmap/reports"
)

// readCSV reads a whole CSV file as maps by column name.
func readCSV(t *testing.T, path string) []map[string]string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	var out []map[string]string
	for _, r := range rows[1:] {
		m := map[string]string{}
		for i, c := range rows[0] {
			m[c] = r[i]
		}
		out = append(out, m)
	}
	return out
}

// TestOrganisationOverview runs every team's map of a synthetic organisation and checks the
// overview against the files it sums up: teams.csv has one row per team folder, its members
// and departments are the people file's, its ranked, left-out, zone and area columns are each
// team's ranked.csv and ranked.json; every link of index.html resolves to a file of the run;
// and the summary speaks of the organisation, not of one team. Under --pseudonymize neither
// overview names anyone.
func TestOrganisationOverview(t *testing.T) {
	org := t.TempDir()
	runOK(t, "synth", "--org", "--people", "300", "--interactions", "12000", "--teams", "10", "--seed", "7", "-o", org)
	people := filepath.Join(org, "people.csv")
	// Every tenth person a declared detractor of high influence: areas for improvement on
	// the maps of the teams they work with.
	notes := "person,status,influence\n"
	for i, p := range readCSV(t, people) {
		if i%10 == 0 {
			notes += p["email"] + ",detractor,high\n"
		}
	}
	annotations := filepath.Join(org, "annotations.csv")
	if err := os.WriteFile(annotations, []byte(notes), 0o644); err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	stdout := runOK(t, "run", "--ego", "team:*", "--out", out, people, filepath.Join(org, "interactions.csv"), "annotations="+annotations)
	run := filepath.Join(out, "latest")

	members, depts := map[string]int{}, map[string]map[string]int{}
	for _, p := range readCSV(t, people) {
		members[p["team"]]++
		if depts[p["team"]] == nil {
			depts[p["team"]] = map[string]int{}
		}
		depts[p["team"]][p["department"]]++
	}
	rows := readCSV(t, filepath.Join(run, "teams.csv"))
	folders, _ := filepath.Glob(filepath.Join(run, "teams", "*"))
	if len(rows) != len(folders) || len(rows) != len(members) {
		t.Fatalf("teams.csv has %d rows for %d team folders and %d teams", len(rows), len(folders), len(members))
	}
	total, zones := 0, map[string]int{}
	for _, row := range rows {
		team := row["team"]
		if got := row["members"]; got != strconv.Itoa(members[team]) {
			t.Errorf("%s: %s members, the people file has %d", team, got, members[team])
		}
		for d, n := range depts[team] {
			if n > depts[team][row["department"]] {
				t.Errorf("%s: department %s, but %d of its people are in %s", team, row["department"], n, d)
			}
		}
		if _, err := os.Stat(filepath.Join(run, filepath.FromSlash(row["map"]))); err != nil || !strings.HasPrefix(row["map"], "teams/"+row["folder"]+"/") {
			t.Errorf("%s: map %s: %v", team, row["map"], err)
		}
		ranked := readCSV(t, filepath.Join(run, "teams", row["folder"], "ranked.csv"))
		if row["ranked"] != strconv.Itoa(len(ranked)) {
			t.Errorf("%s: ranked %s, its ranked.csv has %d rows", team, row["ranked"], len(ranked))
		}
		total += len(ranked)
		count := map[string]int{}
		var areas []string
		for _, p := range ranked {
			count[p["zone"]]++
			zones[p["zone"]]++
			if p["zone"] == "area for improvement" && len(areas) < 3 {
				areas = append(areas, p["name"])
			}
		}
		for _, z := range []string{"champion", "area for improvement", "key to engage", "ally", "watch", "background"} {
			if got := row[strings.ReplaceAll(z, " ", "_")]; got != strconv.Itoa(count[z]) {
				t.Errorf("%s: %s %s, its ranked.csv has %d", team, z, got, count[z])
			}
		}
		for i := range 3 {
			want := ""
			if i < len(areas) {
				want = areas[i]
			}
			if got := row[fmt.Sprintf("area_for_improvement_%d", i+1)]; got != want {
				t.Errorf("%s: area for improvement %d is %q, its ranked.csv's is %q", team, i+1, got, want)
			}
		}
		js := readGzip(t, filepath.Join(run, "teams", row["folder"], "ranked.json.gz"))
		if want := `"left_out_by_team_top": ` + row["left_out"]; row["left_out"] != "0" && !strings.Contains(string(js), want) {
			t.Errorf("%s: left out %s, not in its ranked.json", team, row["left_out"])
		}
	}

	if zones["area for improvement"] == 0 || !strings.Contains(stdout, "most areas for improvement:\n") {
		t.Errorf("no areas for improvement to sum up (the annotations should make some):\n%s", stdout)
	}
	page, err := os.ReadFile(filepath.Join(run, "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	if !slices.ContainsFunc(rows, func(r map[string]string) bool {
		return r["area_for_improvement_1"] != "" && strings.Contains(string(page), "<bdi>"+r["area_for_improvement_1"])
	}) {
		t.Error("index.html names no team's first area for improvement")
	}
	var links []string
	for _, m := range regexp.MustCompile(`href="([^"]*)"`).FindAllStringSubmatch(string(page), -1) {
		l, err := url.PathUnescape(html.UnescapeString(m[1]))
		if err != nil {
			t.Fatal(err)
		}
		links = append(links, l)
		if _, err := os.Stat(filepath.Join(run, filepath.FromSlash(l))); err != nil {
			t.Errorf("index.html links to %s: %v", l, err)
		}
	}
	for _, row := range rows {
		if !slices.Contains(links, row["map"]) {
			t.Errorf("index.html has no link to %s's map %s", row["team"], row["map"])
		}
	}

	runDir := filepath.Join(out, "runs", filepath.Base(mustReadlink(t, run)))
	for _, want := range []string{
		"relmap: every team's map as of ",
		fmt.Sprintf("%d teams, 300 people on them; ", len(rows)),
		fmt.Sprintf("(%d rows over every map", total),
		fmt.Sprintf("%d key to engage", zones["key to engage"]),
		"wrote:\n  " + filepath.Join(runDir, "index.html") + "\n  " + filepath.Join(runDir, "teams.csv") + "\n",
	} {
		if !strings.Contains(stdout, want) {
			t.Errorf("the summary does not say %q:\n%s", want, stdout)
		}
	}
	if strings.Contains(stdout, "map of team") || strings.Contains(stdout, "more team maps") {
		t.Errorf("the summary speaks of one team:\n%s", stdout)
	}

	t.Run("pseudonymize", func(t *testing.T) {
		out := t.TempDir()
		runOK(t, "run", "-q", "--ego", "team:*", "--pseudonymize", "--salt", "s", "--out", out, people, filepath.Join(org, "interactions.csv"), "annotations="+annotations)
		var names []string
		for _, p := range readCSV(t, people) {
			names = append(names, p["name"], p["email"])
		}
		for _, f := range []string{"index.html", "teams.csv"} {
			b, err := os.ReadFile(filepath.Join(out, "latest", f))
			if err != nil {
				t.Fatal(err)
			}
			for _, n := range names {
				if strings.Contains(string(b), n) || strings.Contains(string(b), html.EscapeString(n)) {
					t.Errorf("%s names %s under --pseudonymize", f, n)
				}
			}
		}
	})
}

// The summary of a team:* run names the five teams with most areas for improvement, most
// first and by name among equals, with their first areas; a run with none says so.
func TestOrganisationSummary(t *testing.T) {
	o := &organisation{ranked: map[string]bool{"a": true, "b": true}}
	for i, n := range []int{2, 0, 5, 2, 7, 1, 3} {
		team := fmt.Sprintf("T%d", i)
		o.teams = append(o.teams, reports.Team{Name: team, Folder: strings.ToLower(team), Members: 3, Ranked: 10,
			Zones: map[analysis.Zone]int{analysis.AreaForImprovement: n, analysis.Background: 10 - n}, TopAreas: []string{"P" + team}})
	}
	first := &analysis.Result{}
	first.Coverage.Undated = true
	var buf bytes.Buffer
	o.summarize(&buf, first, "/out/runs/r", "/out", []string{"teams/t0/ranked.csv", "teams/t1/ranked.csv", "run.json", "teams.csv", "index.html"})
	want := `relmap: every team's map, undated (nothing in the inputs has a date: decay, cooling and dormant ties are off)
read 0 files, 0 rows; skipped 0
7 teams, 21 people on them; their maps rank 2 people (70 rows over every map: one may be on several)
zones over every map: 20 area for improvement, 50 background
most areas for improvement:
  T4: 7 (PT4)
  T2: 5 (PT2)
  T6: 3 (PT6)
  T0: 2 (PT0)
  T3: 2 (PT3)
wrote:
  /out/runs/r/index.html
  /out/runs/r/teams.csv
  /out/runs/r/run.json
  /out/runs/r/teams/ (a folder for each of 2 teams, linked from index.html)
  /out/latest -> /out/runs/r
`
	if filepath.Separator != '/' {
		t.Skip("paths in the expected text are Unix paths")
	}
	if buf.String() != want {
		t.Errorf("summary:\n%s\nwant:\n%s", buf.String(), want)
	}
}
