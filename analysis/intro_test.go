package analysis

import (
	"math"
	"strings"
	"testing"
	"time"

	"github.com/relmap/relmap/importers"
)

// introGraph is a dataset of declared ties only: the ego is "e", every other person is named
// by their id, and status declares the status of some of them (the rest have none).
func introGraph(ties map[[2]string]float64, status map[string]float64) *importers.Dataset {
	names := map[string]bool{"e": true}
	for pair := range ties {
		names[pair[0]], names[pair[1]] = true, true
	}
	ids := make([]string, 0, len(names))
	for id := range names {
		ids = append(ids, id)
	}
	// People are sorted by ID.
	for i := range ids {
		for j := i + 1; j < len(ids); j++ {
			if ids[j] < ids[i] {
				ids[i], ids[j] = ids[j], ids[i]
			}
		}
	}
	ds := &importers.Dataset{AsOf: time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC), AsOfFrom: "flag"}
	index := map[string]int{}
	for i, id := range ids {
		index[id] = i
		st, ok := status[id]
		if !ok {
			st = math.NaN()
		}
		ds.People = append(ds.People, importers.Person{ID: id, Name: strings.ToUpper(id),
			Declared: importers.Declared{Status: st, Influence: math.NaN(), TargetStatus: math.NaN()}})
	}
	ds.Ego = index["e"]
	for pair, w := range ties {
		ds.Ties = append(ds.Ties, importers.Tie{Kind: importers.DeclaredTie, From: index[pair[0]], To: index[pair[1]], Weight: w})
	}
	return ds
}

// pathsOf writes a person's intro paths as "d(det) n" — first intermediaries joined by →, a
// detractor path marked — for the messages.
func pathsOf(p *Person) string {
	var out []string
	for _, ip := range p.IntroPaths {
		var via []string
		for _, h := range ip.Via {
			via = append(via, h.ID)
		}
		s := strings.Join(via, "→")
		if ip.Detractor {
			s += "(det)"
		}
		out = append(out, s)
	}
	return strings.Join(out, " ")
}

func personByID(r *Result, id string) *Person {
	for i := range r.People {
		if r.People[i].ID == id {
			return &r.People[i]
		}
	}
	return nil
}

// SPEC §3.4: the strongest path to t runs through d, a detractor of the ego; a weaker path
// through n does not. Only the path through n is given. With d neutral (the control), the path
// through d comes first, so it is d's status that moves it.
func TestIntroPathsAvoidDetractor(t *testing.T) {
	ties := map[[2]string]float64{{"e", "d"}: 4, {"d", "t"}: 4, {"e", "n"}: 1, {"n", "t"}: 1}
	for _, c := range []struct {
		status float64
		want   string
	}{
		{-0.5, "n"},
		{0, "d n"},
		{0.5, "d n"},
	} {
		r := mustScore(t, introGraph(ties, map[string]float64{"d": c.status}), DefaultOptions())
		if d := personByID(r, "d"); d == nil || c.status < 0 && d.StatusLabel != "detractor" {
			t.Fatalf("d = %+v, want a detractor", d)
		}
		p := personByID(r, "t")
		if p == nil {
			t.Fatal("t is not ranked")
		}
		if got := pathsOf(p); got != c.want {
			t.Errorf("d at status %v: paths to t %q, want %q", c.status, got, c.want)
		}
		if c.status >= 0 && p.IntroPaths[0].Strength <= p.IntroPaths[1].Strength {
			t.Errorf("the path through d (%v) is not stronger than through n (%v)", p.IntroPaths[0].Strength, p.IntroPaths[1].Strength)
		}
	}
}

// A detractor as the second intermediary counts as well, and for one first intermediary the
// path free of detractors is kept even when a path through a detractor is stronger.
func TestIntroPathsAvoidSecondDetractor(t *testing.T) {
	ties := map[[2]string]float64{{"e", "a"}: 4, {"a", "d"}: 4, {"d", "t"}: 4, {"a", "b"}: 1, {"b", "t"}: 1}
	r := mustScore(t, introGraph(ties, map[string]float64{"d": -0.5}), DefaultOptions())
	p := personByID(r, "t")
	if got := pathsOf(p); got != "a→b" {
		t.Errorf("paths to t %q, want a→b (not a→d, through a detractor)", got)
	}
	r = mustScore(t, introGraph(ties, nil), DefaultOptions())
	if got := pathsOf(personByID(r, "t")); got != "a→d" {
		t.Errorf("with d neutral, paths to t %q, want a→d", got)
	}
}

// When every path runs through a detractor, those paths are given, marked, strongest first;
// a person of no known status (declared nothing, no evidence) is not a detractor.
func TestIntroPathsOnlyThroughDetractor(t *testing.T) {
	ties := map[[2]string]float64{{"e", "d"}: 2, {"d", "t"}: 2, {"e", "x"}: 4, {"x", "t"}: 4}
	r := mustScore(t, introGraph(ties, map[string]float64{"d": -0.5, "x": -1}), DefaultOptions())
	p := personByID(r, "t")
	if got := pathsOf(p); got != "x(det) d(det)" {
		t.Errorf("paths to t %q, want x(det) d(det)", got)
	}
	// Only d is a detractor: the path through x, with no status, is the only one given.
	r = mustScore(t, introGraph(ties, map[string]float64{"d": -0.5}), DefaultOptions())
	if x := personByID(r, "x"); x.StatusLabel == "detractor" {
		t.Fatalf("x without evidence is a %s", x.StatusLabel)
	}
	if got := pathsOf(personByID(r, "t")); got != "x" {
		t.Errorf("paths to t %q, want x", got)
	}
}
