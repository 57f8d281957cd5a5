package main

import (
	"cmp"
	"fmt"
	"io"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/relmap/relmap/analysis"
	"github.com/relmap/relmap/importers"
	"github.com/relmap/relmap/reports"
)

// organisation gathers what a team:* run's overview says of every team as its map is
// written — index.html, teams.csv and the summary on stdout (SPEC §4) — a few numbers and
// names a team, so that the maps themselves need not be kept.
type organisation struct {
	teams   []reports.Team
	ranked  map[string]bool // everyone on some team's map, by id (a token under --pseudonymize)
	members map[string]int  // people per team, by the team's name in lower case, as analysis matches it
	depts   map[string]string
}

// newOrganisation counts each team's members and finds its department: the most common of its
// members' departments in the people file, the first by name of equally common ones.
func newOrganisation(ds *importers.Dataset) *organisation {
	o := &organisation{ranked: map[string]bool{}, members: map[string]int{}, depts: map[string]string{}}
	counts := map[string]map[string]int{}
	for i := range ds.People {
		p := &ds.People[i]
		team := strings.ToLower(strings.TrimSpace(p.Team))
		if team == "" {
			continue
		}
		o.members[team]++
		if d := strings.TrimSpace(p.Department); d != "" {
			if counts[team] == nil {
				counts[team] = map[string]int{}
			}
			counts[team][d]++
		}
	}
	for team, byDept := range counts {
		best := ""
		for d, n := range byDept {
			if n > byDept[best] || n == byDept[best] && d < best {
				best = d
			}
		}
		o.depts[team] = best
	}
	return o
}

// add records the map r of team, written under teams/folder/; names are the run's files so
// far, the team's last (whether its report.html is among them says where index.html links).
func (o *organisation) add(team, folder string, r *analysis.Result, names []string) {
	prefix := "teams/" + folder + "/"
	report := false
	for i := len(names) - 1; i >= 0 && strings.HasPrefix(names[i], prefix); i-- {
		report = report || names[i] == prefix+"report.html"
	}
	key := strings.ToLower(strings.TrimSpace(team))
	o.teams = append(o.teams, reports.NewTeam(team, folder, o.depts[key], o.members[key], r, report))
	for i := range r.People {
		o.ranked[r.People[i].ID] = true
	}
}

// files adds index.html and teams.csv to the run's root.
func (o *organisation) files(files *runFiles, asOf reports.IndexMeta) {
	files.add("index.html", func(w io.Writer) error { return reports.WriteIndexHTML(w, o.teams, asOf) })
	files.add("teams.csv", func(w io.Writer) error { return reports.WriteTeamsCSV(w, o.teams) })
}

// summarize prints the short summary of a team:* run (SPEC §4), of the organisation rather
// than of one team: what was read, how many teams and people, the zones over every map, the
// teams with most areas for improvement, and where the overview and the teams' folders are.
func (o *organisation) summarize(w io.Writer, first *analysis.Result, dir, out string, files []string) {
	c := &first.Coverage // what was read is the same for every team's map
	if c.Undated {
		fmt.Fprintf(w, "relmap: every team's map, undated (nothing in the inputs has a date: decay, cooling and dormant ties are off)\n")
	} else {
		fmt.Fprintf(w, "relmap: every team's map as of %s (%s)\n", first.AsOf.Format("2006-01-02"), c.AsOfFrom)
	}
	summarizeReading(w, c)
	members, places, leftOut := 0, 0, 0
	zones := map[analysis.Zone]int{}
	for _, t := range o.teams {
		members += t.Members
		places += t.Ranked
		leftOut += t.LeftOut
		for z, n := range t.Zones {
			zones[z] += n
		}
	}
	fmt.Fprintf(w, "%s, %s on them; their maps rank %s (%s over every map: one may be on several)\n",
		plural(len(o.teams), "team", "teams"), plural(members, "person", "people"), plural(len(o.ranked), "person", "people"), plural(places, "row", "rows"))
	var zs []string
	for _, z := range analysis.Zones {
		if zones[z] > 0 {
			zs = append(zs, fmt.Sprintf("%d %s", zones[z], z))
		}
	}
	if len(zs) > 0 {
		fmt.Fprintf(w, "zones over every map: %s\n", strings.Join(zs, ", "))
	}
	if leftOut > 0 {
		fmt.Fprintf(w, "work lists: %d more within two hops of their teams left out in all (team_top)\n", leftOut)
	}
	most := slices.Clone(o.teams)
	most = slices.DeleteFunc(most, func(t reports.Team) bool { return t.Zones[analysis.AreaForImprovement] == 0 })
	slices.SortStableFunc(most, func(a, b reports.Team) int { // o.teams are in name order
		return cmp.Compare(b.Zones[analysis.AreaForImprovement], a.Zones[analysis.AreaForImprovement])
	})
	if len(most) > 0 {
		fmt.Fprintln(w, "most areas for improvement:")
	} else if len(o.teams) > 0 {
		fmt.Fprintln(w, "no team's map has an area for improvement")
	}
	for _, t := range most[:min(len(most), 5)] {
		fmt.Fprintf(w, "  %s: %d (%s)\n", t.Name, t.Zones[analysis.AreaForImprovement], strings.Join(t.TopAreas, ", "))
	}
	fmt.Fprintln(w, "wrote:")
	// The run's own files, the overview first; the teams' folders as one line.
	var root []string
	folders := map[string]bool{}
	for _, name := range files {
		if d := path.Dir(name); strings.HasPrefix(d, "teams/") {
			folders[d] = true
			continue
		}
		root = append(root, name)
	}
	slices.SortStableFunc(root, func(a, b string) int { return cmp.Compare(overviewListed(a), overviewListed(b)) })
	for _, name := range root {
		fmt.Fprintf(w, "  %s\n", filepath.Join(dir, filepath.FromSlash(name)))
	}
	fmt.Fprintf(w, "  %s (a folder for each of %s, linked from index.html)\n", filepath.Join(dir, "teams")+string(filepath.Separator), plural(len(folders), "team", "teams"))
	fmt.Fprintf(w, "  %s -> %s\n", filepath.Join(out, "latest"), dir)
}

// overviewListed is where a file of a team:* run's folder comes in the summary: the overview
// first, then as listed orders a map's files.
func overviewListed(name string) int {
	switch name {
	case "index.html":
		return -2
	case "teams.csv":
		return -1
	}
	return listed(name)
}
