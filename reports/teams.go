package reports

import (
	"bytes"
	"crypto/sha256"
	_ "embed"
	"encoding/base64"
	"encoding/csv"
	"errors"
	"fmt"
	"html/template"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/relmap/relmap/analysis"
)

// Team is one team of an organisation run (--ego 'team:*') as index.html and teams.csv show
// it (SPEC §4): who the team is, how long its work list is and what is on it.
type Team struct {
	Name       string // as the people file writes it
	Folder     string // its folder under teams/
	Department string // the most common department of its members; empty when none has one
	Members    int    // people on the team
	Ranked     int    // people on the team's map (its work list)
	LeftOut    int    // people within two hops beyond the work list (team_top)
	// Zones counts the ranked people per zone, by the zone's name (SPEC §3.4).
	Zones map[analysis.Zone]int
	// TopAreas names the team's first areas for improvement in rank order, at most
	// TopAreasShown of them (tokens under --pseudonymize, as the map's names are).
	TopAreas []string
	// Report is whether the team's folder holds report.html; index.html links to it, else to
	// the team's ranked.csv.
	Report bool
}

// TopAreasShown is how many of a team's areas for improvement index.html and teams.csv name.
const TopAreasShown = 3

// NewTeam sums up the map r of a team of members people, with department, in folder.
func NewTeam(name, folder, department string, members int, r *analysis.Result, report bool) Team {
	t := Team{Name: name, Folder: folder, Department: department, Members: members, Ranked: len(r.People),
		LeftOut: r.Coverage.LeftOut, Zones: map[analysis.Zone]int{}, Report: report}
	for i := range r.People { // in rank order
		p := &r.People[i]
		t.Zones[p.Zone]++
		if p.Zone == analysis.AreaForImprovement && len(t.TopAreas) < TopAreasShown {
			t.TopAreas = append(t.TopAreas, p.Name)
		}
	}
	return t
}

// Map is the team's map as a path from the run's folder: its report.html, else its ranked.csv.
func (t Team) Map() string {
	if t.Report {
		return "teams/" + t.Folder + "/report.html"
	}
	return "teams/" + t.Folder + "/ranked.csv"
}

// TeamColumns are teams.csv's columns, in order: the team, its size and work list, its
// people per zone (the zone names of ranked.csv with "_" for " "), its first areas for
// improvement, and where its map is.
var TeamColumns = func() []string {
	c := []string{"team", "department", "members", "ranked", "left_out"}
	for _, z := range analysis.Zones {
		c = append(c, strings.ReplaceAll(string(z), " ", "_"))
	}
	for i := range TopAreasShown {
		c = append(c, fmt.Sprintf("area_for_improvement_%d", i+1))
	}
	return append(c, "folder", "map")
}()

// WriteTeamsCSV writes teams.csv (SPEC §4): one row per team, in the order given, with the
// columns of TeamColumns. Text is neutralised against formula injection as ranked.csv's is
// (Text); counts are plain numbers.
func WriteTeamsCSV(w io.Writer, teams []Team) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(TeamColumns); err != nil {
		return err
	}
	row := make([]string, 0, len(TeamColumns))
	for i := range teams {
		t := &teams[i]
		row = append(row[:0], Text(t.Name), Text(t.Department), strconv.Itoa(t.Members), strconv.Itoa(t.Ranked), strconv.Itoa(t.LeftOut))
		for _, z := range analysis.Zones {
			row = append(row, strconv.Itoa(t.Zones[z]))
		}
		for j := range TopAreasShown {
			name := ""
			if j < len(t.TopAreas) {
				name = Text(t.TopAreas[j])
			}
			row = append(row, name)
		}
		row = append(row, Text(t.Folder), Text(t.Map()))
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// IndexMeta is what index.html says about the run beside its teams.
type IndexMeta struct {
	AsOf     time.Time // zero when the run is undated
	AsOfFrom string    // where the as-of date came from ("newest evidence"), as Coverage says
	Meta
}

//go:embed index.html.tmpl
var indexHTMLText string

var indexHTML = template.Must(template.New("index.html").Parse(indexHTMLText))

// filterJS shows the search box (hidden without script) and keeps only the rows of
// table#teams whose data-search (the team's and its department's names, in lower case)
// holds what is typed, saying how many are shown.
const filterJS = `
(function () {
  "use strict";
  var box = document.getElementById("search");
  var input = document.getElementById("filter");
  var count = document.getElementById("shown");
  var table = document.getElementById("teams");
  if (!box || !input || !count || !table) return;
  box.hidden = false;
  var rows = table.tBodies[0].rows;
  function filter() {
    var q = input.value.trim().toLocaleLowerCase();
    var shown = 0;
    Array.prototype.forEach.call(rows, function (tr) {
      var hit = q === "" || (tr.getAttribute("data-search") || "").indexOf(q) >= 0;
      tr.hidden = !hit;
      if (hit) shown++;
    });
    count.textContent = q === "" ? "" : shown + " of " + rows.length + " teams";
  }
  input.addEventListener("input", filter);
  filter();
})();
`

// indexScript is index.html's only script: the sorter of report.html and the filter.
const indexScript = sorterJS + filterJS

// indexCSP is report.html's policy (csp) with index.html's script allowed by its hash.
var indexCSP = func() string {
	sum := sha256.Sum256([]byte(indexScript))
	return "default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) +
		"'; img-src data:; base-uri 'none'; form-action 'none'"
}()

// indexPage is what index.html.tmpl renders.
type indexPage struct {
	CSP      template.HTML
	Script   template.JS
	Subtitle string
	Lead     string   // the teams, their people and rows, before the counts by zone
	Summary  []string // what follows the counts
	Zones    []Count  // people per zone over every team's map
	Zone     []string
	Teams    []indexTeam
	Inputs   []string
}

type indexTeam struct {
	Team
	Name, Department string // as shown (cut when very long)
	Search           string
	Zones            []int // in analysis.Zones' order
	TopAreas         string
}

// zoneNames are analysis.Zones as text.
func zoneNames() []string {
	out := make([]string, len(analysis.Zones))
	for i, z := range analysis.Zones {
		out[i] = string(z)
	}
	return out
}

// WriteIndexHTML writes index.html (SPEC §4): every team of an organisation run in one
// sortable table — its size, work list, people per zone and first areas for improvement,
// linked to its map (Team.Map, relative to the run's folder) — with a search box that keeps
// the teams whose name or department holds what is typed. Self-contained as report.html is:
// its policy forbids every request, its only script allowed by its hash. The same teams and
// meta always give the same bytes.
func WriteIndexHTML(w io.Writer, teams []Team, meta IndexMeta) error {
	if len(teams) == 0 {
		return errors.New("index.html: no teams")
	}
	p := indexPage{
		Script: template.JS(indexScript),
		CSP:    template.HTML(`<meta http-equiv="Content-Security-Policy" content="` + indexCSP + `">`),
		Zone:   zoneNames(),
		Inputs: meta.Inputs,
	}
	sub := []string{"as of " + date(meta.AsOf)}
	switch {
	case meta.AsOf.IsZero():
		sub[0] = "undated (nothing in the inputs has a date)"
	case meta.AsOfFrom != "":
		sub[0] += " (from the " + meta.AsOfFrom + ")"
	}
	if meta.Version != "" {
		sub = append(sub, "relmap "+meta.Version)
	}
	p.Subtitle = strings.Join(sub, " · ")
	members, ranked, leftOut := 0, 0, 0
	zones := map[analysis.Zone]int{}
	for _, t := range teams {
		members += t.Members
		ranked += t.Ranked
		leftOut += t.LeftOut
		it := indexTeam{Team: t, Name: Shown(t.Name), Department: Shown(t.Department),
			Search: strings.ToLower(t.Name + "\n" + t.Department)}
		for _, z := range analysis.Zones {
			zones[z] += t.Zones[z]
			it.Zones = append(it.Zones, t.Zones[z])
		}
		names := make([]string, len(t.TopAreas))
		for i, n := range t.TopAreas {
			names[i] = Shown(n)
		}
		it.TopAreas = strings.Join(names, "; ")
		p.Teams = append(p.Teams, it)
	}
	p.Lead = fmt.Sprintf("%s with %s on them; their maps hold %s in all (a person on several teams' work lists is a row of each), by zone:",
		counted(len(teams), "team", "teams"), counted(members, "person", "people"), counted(ranked, "row", "rows"))
	if leftOut > 0 {
		p.Summary = append(p.Summary, fmt.Sprintf("Each map is a work list of at most team_top people: %d more within two hops were left out in all.", leftOut))
	}
	p.Summary = append(p.Summary, "A team's name opens its map; the top areas for improvement are its first three, in rank order. The figures are in teams.csv too.")
	for _, z := range analysis.Zones {
		p.Zones = append(p.Zones, Count{Name: string(z), N: zones[z]})
	}
	var buf bytes.Buffer
	buf.Grow(4<<10 + 512*len(teams))
	if err := indexHTML.Execute(&buf, p); err != nil {
		return fmt.Errorf("index.html: %w", err)
	}
	_, err := w.Write(XMLSafe(buf.Bytes()))
	return err
}
