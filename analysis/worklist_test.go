package analysis

import (
	"slices"
	"testing"

	"github.com/relmap/relmap/importers/synth"
)

// A team's map is a work list (SPEC §4, issue 17): at most TeamTop people — those with a
// direct tie to a member first, then the strongest two hops away — with the count left out
// said; each team's list holds the planted cross-team hubs it works with; and the people it
// keeps are scored exactly as on the whole two-hop map (zones and percentiles unchanged).
func TestTeamWorkList(t *testing.T) {
	if testing.Short() {
		t.Skip("every team's map of a 1 200-person synthetic organisation, twice")
	}
	ds, tr := loadOrg(t, synth.OrgOptions{People: 1200, Interactions: 60000, Teams: 40, Seed: 5})
	full, cut := DefaultOptions(), DefaultOptions()
	full.TeamTop, cut.TeamTop = 0, 60
	teams := Teams(ds)
	all, err := ScoreTeams(ds, full, teams)
	if err != nil {
		t.Fatal(err)
	}
	lists, err := ScoreTeams(ds, cut, teams)
	if err != nil {
		t.Fatal(err)
	}
	hubName := map[string]string{}
	for _, h := range tr.Hubs {
		hubName[h.ID] = h.Name
	}
	partners, cutTeams := 0, 0
	for k, team := range teams {
		a, l := all[k], lists[k]
		if len(l.People) > cut.TeamTop {
			t.Errorf("team %s: %d people listed, team_top %d", team, len(l.People), cut.TeamTop)
		}
		if got, want := l.Coverage.LeftOut, len(a.People)-len(l.People); got != want || l.Coverage.Ranked != len(l.People) {
			t.Errorf("team %s: left out %d, ranked %d; want %d, %d", team, got, l.Coverage.Ranked, want, len(l.People))
		}
		if l.Coverage.LeftOut > 0 {
			cutTeams++
		}
		byID := map[string]*Person{}
		for i := range a.People {
			byID[a.People[i].ID] = &a.People[i]
		}
		direct := 0
		for i := range a.People {
			if a.People[i].Hops == 1 {
				direct++
			}
		}
		kept := map[string]bool{}
		for i := range l.People {
			p := &l.People[i]
			kept[p.Name] = true
			if p.Rank != i+1 {
				t.Errorf("team %s: %s ranked %d at row %d", team, p.Name, p.Rank, i+1)
			}
			// Scored as on the whole map: zone, status, influence, importance.
			w := byID[p.ID]
			if w == nil || w.Zone != p.Zone || w.Influence != p.Influence || w.Importance != p.Importance || w.StatusLabel != p.StatusLabel {
				t.Errorf("team %s: %s is %+v on the work list, %+v on the whole map", team, p.Name, p, w)
			}
			// Direct ties come first: a person two hops away only when every direct one fits.
			if p.Hops != 1 && direct > cut.TeamTop {
				t.Errorf("team %s: %s (two hops) listed though %d have a direct tie", team, p.Name, direct)
			}
		}
		for _, h := range tr.Hubs {
			if h.Team == team || !slices.Contains(h.Teams, team) {
				continue
			}
			partners++
			if !kept[hubName[h.ID]] {
				t.Errorf("team %s: planted hub partner %s (%s) is not on its work list", team, h.Name, h.Team)
			}
		}
	}
	if partners == 0 || cutTeams == 0 {
		t.Fatalf("%d hub partnerships, %d teams cut: the organisation does not test the work list", partners, cutTeams)
	}
	t.Logf("%d teams, %d cut to %d; %d hub partnerships all listed", len(teams), cutTeams, cut.TeamTop, partners)
}
