package reports

import (
	"bytes"
	"slices"
	"testing"

	"github.com/relmap/relmap/analysis"
	"github.com/relmap/relmap/reports/internal/reporttest"
)

// Known answers, summed by hand from matrixNetwork's edges.
func TestTeamTies(t *testing.T) {
	m := TeamTies(reporttest.MatrixNetwork())
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
