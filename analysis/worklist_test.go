package analysis

import (
	"cmp"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/relmap/relmap/synth"
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
	all, err := scoreTeams(ds, full, teams)
	if err != nil {
		t.Fatal(err)
	}
	lists, err := scoreTeams(ds, cut, teams)
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

// A team:* run's maps are lean (teamIndex.workList): the people beside the list are scored
// only for their status, and ties between two intermediaries two hops away are left out. The
// list must not notice: every team's list scores exactly as on the map drawn with its network,
// with people ignored by title among the direct ties and the context, and lists cut both among
// the direct ties and two hops away.
func TestTeamMapLean(t *testing.T) {
	if testing.Short() {
		t.Skip("every team's map of a 1 200-person synthetic organisation, twice")
	}
	ds, _ := loadOrg(t, synth.OrgOptions{People: 1200, Interactions: 60000, Teams: 40, Seed: 7})
	// Some people declared detractors: on a lean map those two hops away stay on it as
	// intermediaries (their status is known), and intro paths avoid them.
	for i := range ds.People {
		if i%9 == 4 {
			ds.People[i].Declared.Status = -0.9
		}
	}
	for _, top := range []int{8, 60} {
		opt := DefaultOptions()
		opt.TeamTop = top
		opt.Ignore.Titles = []string{"intern", "director"}
		tm, err := NewTeamMaps(ds, opt)
		if err != nil {
			t.Fatal(err)
		}
		cutNear, cutFar, ignored, throughDetractor := 0, 0, 0, 0
		for _, team := range Teams(ds) {
			lean, err := tm.Map(team, false)
			if err != nil {
				t.Fatal(err)
			}
			full, err := tm.Map(team, true)
			if err != nil {
				t.Fatal(err)
			}
			if len(full.People) != len(lean.People) {
				t.Fatalf("team_top %d, team %s: %d people lean, %d with the network", top, team, len(lean.People), len(full.People))
			}
			for i := range full.People {
				// %+v prints NaN as NaN, which == and reflect.DeepEqual never find equal.
				if a, b := fmt.Sprintf("%+v", lean.People[i]), fmt.Sprintf("%+v", full.People[i]); a != b {
					t.Errorf("team_top %d, team %s, row %d:\n lean %s\n full %s", top, team, i+1, a, b)
				}
			}
			full.Network = Network{}
			if a, b := fmt.Sprintf("%+v", lean), fmt.Sprintf("%+v", full); a != b {
				t.Errorf("team_top %d, team %s: the maps differ beside their people:\n lean %s\n full %s", top, team, a, b)
			}
			direct := 0
			for _, p := range lean.People {
				if p.Hops == 1 {
					direct++
				}
			}
			if lean.Coverage.LeftOut > 0 && direct == len(lean.People) {
				cutNear++
			} else if lean.Coverage.LeftOut > 0 {
				cutFar++
			}
			ignored += lean.Coverage.Ignored
			for _, p := range lean.People {
				for _, ip := range p.IntroPaths {
					if ip.Detractor {
						throughDetractor++
					}
				}
			}
		}
		if cutNear == 0 || ignored == 0 || top == 60 && cutFar == 0 {
			t.Errorf("team_top %d: %d lists cut among direct ties, %d two hops away, %d ignored, %d intro paths through a detractor: the organisation does not test the lean map", top, cutNear, cutFar, ignored, throughDetractor)
		}
		t.Logf("team_top %d: %d lists cut among direct ties, %d two hops away, %d ignored, %d intro paths through a detractor", top, cutNear, cutFar, ignored, throughDetractor)
	}
}

// smallest keeps the k smallest, as sorting and cutting would, for every k, on values with
// many ties (broken by index, as the work list breaks them by id).
func TestSmallest(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for n := range 40 {
		vals := make([]int, n)
		for i := range vals {
			vals[i] = r.IntN(5)
		}
		order := func(x, y int) int { return cmp.Or(cmp.Compare(vals[x], vals[y]), cmp.Compare(x, y)) }
		for k := 0; k <= n; k++ {
			xs := r.Perm(n)
			want := slices.Clone(xs)
			slices.SortFunc(want, order)
			got := slices.Clone(smallest(xs, k, order))
			slices.SortFunc(got, order)
			if !slices.Equal(got, want[:k]) {
				t.Fatalf("n %d, k %d: %v, want %v", n, k, got, want[:k])
			}
			rest := slices.Clone(xs[k:])
			slices.SortFunc(rest, order)
			if !slices.Equal(rest, want[k:]) {
				t.Fatalf("n %d, k %d: the rest %v, want %v", n, k, rest, want[k:])
			}
		}
	}
}

// quantileOf selects what quantile sorts for: the same value on values with many ties, for
// quantiles at and between order statistics.
func TestQuantileOf(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for n := 1; n < 60; n++ {
		xs := make([]float64, n)
		for i := range xs {
			xs[i] = float64(r.IntN(7)) / 4
		}
		for _, q := range []float64{0, 0.1, 0.5, 0.75, 0.9, 0.999, 1} {
			want := quantile(xs, q)
			if got := quantileOf(slices.Clone(xs), q); got != want {
				t.Fatalf("n %d, q %v: %v, want %v (%v)", n, q, got, want, xs)
			}
		}
	}
}

// The influence line found through estimates (influenceLine on tens of thousands of people)
// is bit for bit the one every person scored exactly gives: people with tied ranks, declared
// influence, the ignored, few and many members, every quantile.
func TestInfluenceLineBand(t *testing.T) {
	r := rand.New(rand.NewPCG(17, 18))
	const n = 3000
	for trial := range 40 {
		ranks := make([]personRank, n)
		spread := []int{n, 50, 3}[trial%3] // how many distinct ranks: ties when few
		for v := range ranks {
			for i := range ranks[v].below {
				ranks[v].below[i] = int32(r.IntN(spread) * (n / spread))
			}
			ranks[v].senior = float64(r.IntN(5)) / 4
			ranks[v].declared = math.NaN()
			switch r.IntN(40) {
			case 0:
				ranks[v].declared = float64(r.IntN(4)) / 3
			case 1:
				ranks[v].ignored = true
			}
		}
		opt := DefaultOptions()
		if trial%4 == 3 {
			opt.Influence = InfluenceWeights{PageRank: 0.7, Betweenness: 0, Seniority: 0.1, Degree: 0.2}
		}
		perm := r.Perm(n)
		members := perm[:[]int{1, 5, 40, 300}[trial%4]]
		twoHops := perm[len(members) : len(members)+64+r.IntN(n-len(members)-64)]
		ix := &teamIndex{teamShared: &teamShared{ranks: ranks, estimates: influenceEstimates(ranks, opt.Influence)}}
		for _, q := range []float64{0, 0.5, 0.75, 0.99, 1} {
			opt.HighQuantile = q
			s := &scorer{opt: opt, others: n - len(members)}
			want := ix.line(s, twoHops, members, false)
			if got := ix.line(s, twoHops, members, true); math.Float64bits(got) != math.Float64bits(want) {
				t.Fatalf("trial %d, q %v, %d members, %d people: %v, want %v", trial, q, len(members), len(twoHops), got, want)
			}
		}
	}
}
