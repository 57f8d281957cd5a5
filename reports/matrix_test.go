package reports

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
	"github.com/relmap/relmap/synth"
)

// matrixNetwork is a hand-made organisation: teams A (p0 p1 p2, department X), B (p3 p4,
// X), C (p5, Y) and p6 without a team (department Y).
func matrixNetwork() analysis.Network {
	node := func(id, team, dept string) analysis.NetworkNode {
		return analysis.NetworkNode{ID: id, Name: id, TeamName: team, Department: dept}
	}
	return analysis.Network{
		Nodes: []analysis.NetworkNode{
			node("p0", "A", "X"), node("p1", "A", "X"), node("p2", "A", "Y"),
			node("p3", "B", "X"), node("p4", "B", "X"), node("p5", "C", "Y"), node("p6", "", "Y"),
		},
		Edges: []analysis.Edge{
			{U: 0, V: 1, W: 1},     // A–A
			{U: 1, V: 2, W: 0.5},   // A–A
			{U: 0, V: 3, W: 2},     // A–B
			{U: 2, V: 4, W: 0.25},  // A–B
			{U: 3, V: 4, W: 3},     // B–B
			{U: 4, V: 5, W: 0.125}, // B–C
			{U: 5, V: 6, W: 7},     // C–no team: left out of the team matrix
			{U: 2, V: 6, W: 1.5},   // A–no team
		},
	}
}

// Known answers, summed by hand from matrixNetwork's edges.
func TestTeamTies(t *testing.T) {
	m := TeamTies(matrixNetwork())
	if want := []string{"A", "B", "C"}; !slices.Equal(m.Teams.Names, want) {
		t.Fatalf("teams %q, want %q", m.Teams.Names, want)
	}
	want := []MatrixCell{
		{A: 0, B: 0, Strength: 1.5, Ties: 2},
		{A: 0, B: 1, Strength: 2.25, Ties: 2},
		{A: 1, B: 1, Strength: 3, Ties: 1},
		{A: 1, B: 2, Strength: 0.125, Ties: 1},
	}
	if !slices.Equal(m.Teams.Cells, want) {
		t.Errorf("team cells %+v, want %+v", m.Teams.Cells, want)
	}
	// Departments by each person's own: X = p0 p1 p3 p4, Y = p2 p5 p6.
	wantDept := []MatrixCell{
		{A: 0, B: 0, Strength: 1 + 2 + 3, Ties: 3},          // p0–p1, p0–p3, p3–p4
		{A: 0, B: 1, Strength: 0.5 + 0.25 + 0.125, Ties: 3}, // p1–p2, p2–p4, p4–p5
		{A: 1, B: 1, Strength: 7 + 1.5, Ties: 2},            // p5–p6, p2–p6
	}
	if !slices.Equal(m.Departments.Cells, wantDept) {
		t.Errorf("department cells %+v, want %+v", m.Departments.Cells, wantDept)
	}
	// A's members are in X twice, Y once; B in X; C in Y.
	if want := []int{0, 0, 1}; !slices.Equal(m.Department, want) {
		t.Errorf("team departments %v, want %v", m.Department, want)
	}
	var buf bytes.Buffer
	if err := WriteTeamMatrixCSV(&buf, m); err != nil {
		t.Fatal(err)
	}
	wantCSV := "team_a,team_b,strength,ties\nA,A,1.5,2\nA,B,2.25,2\nB,B,3,1\nB,C,0.125,1\n"
	if buf.String() != wantCSV {
		t.Errorf("team-matrix.csv:\n%s\nwant:\n%s", buf.String(), wantCSV)
	}
}

// A team's name is a text cell: quoted and neutralised as ranked.csv's.
func TestTeamMatrixCSVText(t *testing.T) {
	nw := analysis.Network{
		Nodes: []analysis.NetworkNode{{ID: "a", TeamName: "=cmd()"}, {ID: "b", TeamName: "Sales, EMEA"}},
		Edges: []analysis.Edge{{U: 0, V: 1, W: 1}},
	}
	var buf bytes.Buffer
	if err := WriteTeamMatrixCSV(&buf, TeamTies(nw)); err != nil {
		t.Fatal(err)
	}
	if want := "team_a,team_b,strength,ties\n'=cmd(),\"Sales, EMEA\",1,1\n"; buf.String() != want {
		t.Errorf("got %q, want %q", buf.String(), want)
	}
}

// The heat-map's files are the same bytes twice, and its order puts closely tied teams
// together.
func TestTeamMatrixDeterministic(t *testing.T) {
	m := TeamTies(matrixNetwork())
	opt := MatrixOptions{AsOf: time.Date(2026, 3, 14, 0, 0, 0, 0, time.UTC)}
	for _, w := range []struct {
		name  string
		write func(*bytes.Buffer) error
	}{
		{"csv", func(b *bytes.Buffer) error { return WriteTeamMatrixCSV(b, m) }},
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
	m := TeamTies(tm.Organisation())
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
	var off, across []MatrixCell // between two teams; of two departments
	for _, c := range m.Teams.Cells {
		if c.A != c.B {
			off = append(off, c)
			if dept[m.Teams.Names[c.A]] != dept[m.Teams.Names[c.B]] {
				across = append(across, c)
			}
		}
	}
	strongest := func(x, y MatrixCell) int {
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

// BlockOrder puts the groups of a community next to each other: A–C and B–D are tied
// strongly, A–B weakly, so the order is A C, then B D (the community of more strength first).
func TestBlockOrder(t *testing.T) {
	m := Matrix{Names: []string{"A", "B", "C", "D"}, Cells: []MatrixCell{
		{A: 0, B: 0, Strength: 50, Ties: 9},
		{A: 0, B: 1, Strength: 0.5, Ties: 1},
		{A: 0, B: 2, Strength: 10, Ties: 5},
		{A: 1, B: 3, Strength: 8, Ties: 4},
	}}
	order, block := BlockOrder(m, nil)
	if want := []int{0, 2, 1, 3}; !slices.Equal(order, want) {
		t.Errorf("order %v, want %v", order, want)
	}
	if want := []int{0, 1, 0, 1}; !slices.Equal(block, want) {
		t.Errorf("blocks %v, want %v", block, want)
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
		hm, err := newHeatMap(TeamTies(org(c.teams, c.depts)), MatrixOptions{})
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
		if err := WriteTeamMatrixSVG(&buf, TeamTies(org(c.teams, c.depts)), MatrixOptions{}); err != nil {
			t.Fatal(err)
		}
	}
}
