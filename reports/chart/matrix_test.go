package chart

import (
	"bytes"
	"cmp"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/relmap/relmap/analysis"
	"github.com/relmap/relmap/importers"
	"github.com/relmap/relmap/reports"
	"github.com/relmap/relmap/reports/internal/reporttest"
	"github.com/relmap/relmap/synth"
)

// The heat-map's files are the same bytes twice, and its order puts closely tied teams
// together.
func TestTeamMatrixDeterministic(t *testing.T) {
	m := reports.TeamTies(reporttest.MatrixNetwork())
	opt := MatrixOptions{AsOf: time.Date(2026, 3, 14, 0, 0, 0, 0, time.UTC)}
	for _, w := range []struct {
		name  string
		write func(*bytes.Buffer) error
	}{
		{"csv", func(b *bytes.Buffer) error { return reports.WriteTeamMatrixCSV(b, m) }},
		{"svg", func(b *bytes.Buffer) error { return WriteTeamMatrixSVG(b, m, opt) }},
		{"png", func(b *bytes.Buffer) error { return WriteTeamMatrixPNG(b, m, opt) }},
	} {
		var a, b bytes.Buffer
		if err := w.write(&a); err != nil {
			t.Fatal(err)
		}
		if err := w.write(&b); err != nil {
			t.Fatal(err)
		}
		if a.Len() == 0 || !bytes.Equal(a.Bytes(), b.Bytes()) {
			t.Errorf("%s: %d and %d bytes, not the same", w.name, a.Len(), b.Len())
		}
	}
}

// On a synthetic organisation with planted cross-team hubs and partner teams (synth.WriteOrg),
// the strongest cells between two teams are the planted pairs: a hub's own team and one it
// works with, or two partner teams.
func TestTeamMatrixPlantedHubs(t *testing.T) {
	if testing.Short() {
		t.Skip("the whole graph of a 1 200-person synthetic organisation")
	}
	var people, interactions bytes.Buffer
	tr, err := synth.WriteOrg(&people, &interactions, synth.OrgOptions{People: 1200, Interactions: 60000, Teams: 40, Seed: 5})
	if err != nil {
		t.Fatal(err)
	}
	end, _ := time.Parse(time.DateOnly, tr.End)
	fsys := fstest.MapFS{"people.csv": {Data: people.Bytes()}, "interactions.csv": {Data: interactions.Bytes()}}
	ds, err := importers.Load([]importers.Source{{Name: "org", FS: fsys}}, importers.Options{NoOwner: true, AsOf: end})
	if err != nil {
		t.Fatal(err)
	}
	tm, err := analysis.NewTeamMaps(ds, analysis.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	m := reports.TeamTies(tm.Organisation())
	if got := len(m.Teams.Names); got != len(tr.Teams) {
		t.Fatalf("%d teams in the matrix, %d planted", got, len(tr.Teams))
	}
	planted := map[[2]string]bool{}
	for _, h := range tr.Hubs {
		for _, o := range h.Teams {
			if o != h.Team {
				a, b := min(h.Team, o), max(h.Team, o)
				planted[[2]string{a, b}] = true
			}
		}
	}
	partners := map[[2]string]bool{}
	dept := map[string]string{}
	for _, tt := range tr.Teams {
		dept[tt.Name] = tt.Department
		for _, o := range tt.Partners {
			partners[[2]string{min(tt.Name, o), max(tt.Name, o)}] = true
		}
	}
	var off, across []reports.MatrixCell // between two teams; of two departments
	for _, c := range m.Teams.Cells {
		if c.A != c.B {
			off = append(off, c)
			if dept[m.Teams.Names[c.A]] != dept[m.Teams.Names[c.B]] {
				across = append(across, c)
			}
		}
	}
	strongest := func(x, y reports.MatrixCell) int {
		return cmp.Or(cmp.Compare(y.Strength, x.Strength), cmp.Compare(x.A, y.A), cmp.Compare(x.B, y.B))
	}
	slices.SortFunc(off, strongest)
	slices.SortFunc(across, strongest)
	// synth.WriteOrg plants two kinds of tie between teams, both in its truth: the hubs' (their
	// own team and those they work with) and partner teams (one or two of the same department).
	// The strongest cells between two teams are those pairs; between departments they are hub
	// pairs, or the executive team, where the department heads sit, with a department.
	const top = 10
	hubs, same := 0, 0
	for i, c := range off[:top] {
		a, b := m.Teams.Names[c.A], m.Teams.Names[c.B]
		hub, partner := planted[[2]string{a, b}], partners[[2]string{a, b}]
		switch {
		case hub:
			hubs++
		case partner:
			same++
		default:
			t.Errorf("cell %d, %s – %s (strength %.3f), is neither a hub pair nor partner teams", i+1, a, b, c.Strength)
		}
		t.Logf("%2d. %s – %s: strength %.3f, %d ties, hub pair %v, partners %v", i+1, a, b, c.Strength, c.Ties, hub, partner)
	}
	t.Logf("top %d cells between two teams: %d planted hub pairs, %d partner teams (%d hub pairs and %d partner pairs planted, %d cells between two teams)", top, hubs, same, len(planted), len(partners), len(off))
	hubsAcross := 0
	for i, c := range across[:top] {
		a, b := m.Teams.Names[c.A], m.Teams.Names[c.B]
		hub, exec := planted[[2]string{a, b}], dept[a] == "Executive" || dept[b] == "Executive"
		if hub {
			hubsAcross++
		}
		if !hub && !exec {
			t.Errorf("cell %d between departments, %s – %s (strength %.3f), is not a hub pair", i+1, a, b, c.Strength)
		}
		t.Logf("across %2d. %s – %s: strength %.3f, %d ties, hub pair %v", i+1, a, b, c.Strength, c.Ties, hub)
	}
	t.Logf("top %d cells between two departments' teams: %d planted hub pairs", top, hubsAcross)
	for _, write := range []func(*bytes.Buffer) error{
		func(b *bytes.Buffer) error { return WriteTeamMatrixPNG(b, m, MatrixOptions{AsOf: end}) },
		func(b *bytes.Buffer) error { return WriteTeamMatrixSVG(b, m, MatrixOptions{AsOf: end}) },
	} {
		var buf bytes.Buffer
		if err := write(&buf); err != nil {
			t.Fatal(err)
		}
		if dir := os.Getenv("RELMAP_MATRIX_OUT"); dir != "" { // to look at the figure
			ext := ".png"
			if strings.HasPrefix(buf.String(), "<?xml") || strings.HasPrefix(buf.String(), "<svg") {
				ext = ".svg"
			}
			os.WriteFile(dir+"/team-matrix"+ext, buf.Bytes(), 0o644)
		}
	}
}

// With more than 60 teams the heat-map draws the departments, at most 150, those of most
// strength; with no departments, the 60 teams of most strength.
func TestTeamMatrixCaps(t *testing.T) {
	org := func(teams, depts int) analysis.Network {
		var nw analysis.Network
		for i := range 3 * teams {
			n := analysis.NetworkNode{ID: fmt.Sprint(i), TeamName: fmt.Sprintf("team %03d", i%teams)}
			if depts > 0 {
				n.Department = fmt.Sprintf("dept %03d", i%teams%depts)
			}
			nw.Nodes = append(nw.Nodes, n)
		}
		for i := range len(nw.Nodes) - 1 {
			nw.Edges = append(nw.Edges, analysis.Edge{U: int32(i), V: int32(i + 1), W: float64(1 + i%7)})
		}
		return nw
	}
	for _, c := range []struct {
		teams, depts int
		panels       []int // the groups of each panel
	}{
		{1, 0, []int{1}}, // ties within the one team only: no colour scale
		{60, 10, []int{60, 10}},
		{61, 10, []int{10}},
		{400, 0, []int{60}},
		{400, 200, []int{150}},
	} {
		hm, err := newHeatMap(reports.TeamTies(org(c.teams, c.depts)), MatrixOptions{})
		if err != nil {
			t.Fatal(err)
		}
		var got []int
		for _, p := range hm.panels {
			got = append(got, len(p.m.Names))
		}
		if !slices.Equal(got, c.panels) {
			t.Errorf("%d teams, %d departments: panels of %v groups, want %v", c.teams, c.depts, got, c.panels)
		}
		var buf bytes.Buffer
		if err := WriteTeamMatrixSVG(&buf, reports.TeamTies(org(c.teams, c.depts)), MatrixOptions{}); err != nil {
			t.Fatal(err)
		}
	}
}
