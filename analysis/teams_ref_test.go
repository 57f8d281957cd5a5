package analysis

import (
	"bytes"
	"fmt"
	"math"
	"os"
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/relmap/relmap/importers"
	"github.com/relmap/relmap/synth"
)

// teamMapFull is how a team's map was drawn before teamIndex, kept as the reference its
// results are checked against: every interaction contracted, the whole graph weighed again.
func (whole *scorer) teamMapFull(team string) (*Result, error) {
	ds := whole.ds
	key := strings.ToLower(strings.TrimSpace(team))
	// The team becomes one person, the ego, at the end of the list; everyone else keeps their
	// order.
	c := &importers.Dataset{AsOf: ds.AsOf, AsOfFrom: ds.AsOfFrom, TZ: ds.TZ, Coverage: ds.Coverage, Problems: ds.Problems}
	of := make([]int, len(ds.People))
	var members []int
	companies := map[string]int{}
	for i, p := range ds.People {
		if strings.ToLower(strings.TrimSpace(p.Team)) == key {
			members = append(members, i)
			companies[p.Company]++
			continue
		}
		of[i] = len(c.People)
		c.People = append(c.People, p)
	}
	if len(members) == 0 {
		return nil, fmt.Errorf("no one is on team %q (teams: %s)", team, strings.Join(Teams(ds), ", "))
	}
	c.Ego = len(c.People)
	for _, m := range members {
		of[m] = c.Ego
	}
	c.People = append(c.People, importers.Person{ID: "team:" + slug(team), Name: "team " + strings.TrimSpace(team), Team: team,
		Declared: importers.Declared{Status: math.NaN(), Influence: math.NaN(), TargetStatus: math.NaN()}})
	for co, n := range companies {
		if n > companies[c.OwnerCompany] || n == companies[c.OwnerCompany] && co < c.OwnerCompany {
			c.OwnerCompany = co
		}
	}
	for _, in := range ds.Interactions {
		if len(in.To)+1 > whole.opt.Bases.MaxParticipants {
			continue // a broadcast stays one, however many of its people the team holds
		}
		x := in
		x.From, x.To = of[in.From], nil
		for _, t := range in.To {
			if v := of[t]; v != x.From && !slices.Contains(x.To, v) {
				x.To = append(x.To, v)
			}
		}
		sort.Ints(x.To)
		if len(x.To) > 0 {
			c.Interactions = append(c.Interactions, x)
		}
	}
	for _, t := range ds.Ties {
		x := t
		x.From, x.To = of[t.From], of[t.To]
		if x.From != x.To {
			c.Ties = append(c.Ties, x)
		}
	}

	s := &scorer{ds: c, opt: whole.opt, n: len(c.People), ego: c.Ego, group: true}
	if whole.opt.TeamTiers != nil {
		s.opt.PreviousTiers = whole.opt.TeamTiers[team]
	}
	s.cov = Coverage{Coverage: ds.Coverage, AsOfFrom: ds.AsOfFrom}
	s.cov.Files = append([]importers.FileCoverage(nil), ds.Coverage.Files...)
	s.rules()
	s.weigh() // the contracted graph: hops from the nearest member, intro paths through non-members
	s.hops = bfsHops(s.g, s.ego)
	// A person's tie is the sum of their ties to the members (SPEC §2.7), read off the whole
	// graph: contracting first would merge the members' units of a shared day or thread.
	for i := range ds.People {
		if j := of[i]; j != c.Ego {
			s.tie[j] = 0
			for _, m := range members {
				s.tie[j] += whole.g.Weight(m, i)
			}
		}
	}
	// The metrics are the whole graph's, shared by every team.
	s.pagerank, s.betw, s.harm, s.reach2 = make([]float64, s.n), make([]float64, s.n), make([]float64, s.n), make([]float64, s.n)
	s.cons, s.effs = make([]float64, s.n), make([]float64, s.n)
	s.deg, s.str, s.community = make([]int, s.n), make([]float64, s.n), make([]string, s.n)
	for i := range ds.People {
		j := of[i]
		if j == c.Ego {
			continue
		}
		s.pagerank[j], s.betw[j], s.harm[j], s.reach2[j] = whole.pagerank[i], whole.betw[i], whole.harm[i], whole.reach2[i]
		s.cons[j], s.effs[j], s.deg[j], s.str[j], s.community[j] = whole.cons[i], whole.effs[i], whole.deg[i], whole.str[i], whole.community[i]
	}
	for _, x := range [][]float64{s.pagerank, s.betw, s.harm, s.reach2, s.cons, s.effs} {
		x[c.Ego] = math.NaN()
	}
	s.cov.PathMetrics, s.cov.Communities, s.cov.Modularity = whole.cov.PathMetrics, whole.cov.Communities, whole.cov.Modularity
	s.cov.Broadcasts = whole.cov.Broadcasts // the team's scorer never sees them: teamMap leaves them out
	s.signals()
	people := s.score()
	r := s.result(Ego{ID: c.People[c.Ego].ID, Name: c.People[c.Ego].Name, Company: c.OwnerCompany}, people)
	r.Network = s.network()
	return r, nil
}

// TestTeamMapsMatchFullContraction checks each team's map, drawn on the team's neighbourhood
// of the whole graph, against the map drawn by contracting every interaction and weighing the
// whole graph again (teamMapFull): every person, score, label, tier, zone and count is the
// same. Only the intro paths may differ, by design: the team's tie to a person, and every
// other tie, are now the whole graph's (the sum of the members' ties, SPEC §2.7), where the
// contraction merged the members' units of a shared thread and day.
func TestTeamMapsMatchFullContraction(t *testing.T) {
	fsys := fstest.MapFS{}
	for _, f := range []string{"people.csv", "interactions.csv", "ties.csv"} {
		b, err := os.ReadFile("../testdata/generic/" + f)
		if err != nil {
			t.Fatal(err)
		}
		fsys[f] = &fstest.MapFile{Data: b}
	}
	ds, err := importers.Load([]importers.Source{{Name: "org", FS: fsys}}, importers.Options{NoOwner: true})
	if err != nil {
		t.Fatal(err)
	}
	compareTeamMaps(t, ds)
	// The organisation's network, off the maps' computation: every person, with their team and
	// department, and every tie of the graph weighed again, with its weight.
	tm, err := NewTeamMaps(ds, DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	nw := tm.Organisation()
	again := &scorer{ds: ds, opt: DefaultOptions(), n: len(ds.People), ego: -1}
	again.rules()
	again.weigh()
	if len(nw.Nodes) != len(ds.People) || len(nw.Edges) == 0 || !reflect.DeepEqual(nw.Edges, again.edges()) {
		t.Fatalf("Organisation: %d nodes for %d people, %d edges, want the graph's %d", len(nw.Nodes), len(ds.People), len(nw.Edges), len(again.edges()))
	}
	for i, n := range nw.Nodes {
		if p := ds.People[i]; n.ID != p.ID || n.TeamName != p.Team || n.Department != p.Department || n.Ego {
			t.Errorf("node %d %+v for person %+v", i, n, p)
		}
	}
}

// The same on a synthetic organisation: 400 people in 16 teams, a manager tree, group mail,
// meetings and chat, cross-team hubs.
func TestTeamMapsMatchFullContractionOrg(t *testing.T) {
	ds, _ := loadOrg(t, synth.OrgOptions{People: 400, Interactions: 30000, Teams: 16, Seed: 3})
	compareTeamMaps(t, ds)
}

func compareTeamMaps(t *testing.T, ds *importers.Dataset) {
	t.Helper()
	opt := DefaultOptions()
	opt.TeamTop = 0 // everyone within two hops, as the full contraction ranks them (TestTeamWorkList: the cut)
	teams := Teams(ds)
	got, err := scoreTeams(ds, opt, teams)
	if err != nil {
		t.Fatal(err)
	}
	whole := &scorer{ds: ds, opt: opt, n: len(ds.People), ego: -1}
	whole.cov = Coverage{Coverage: ds.Coverage, AsOfFrom: ds.AsOfFrom}
	whole.rules()
	whole.weigh()
	whole.metrics()
	compared := 0
	for k, team := range teams {
		want, err := whole.teamMapFull(team)
		if err != nil {
			t.Fatal(err)
		}
		g := got[k]
		if len(g.People) != len(want.People) {
			t.Errorf("team %s: %d people, want %d", team, len(g.People), len(want.People))
			continue
		}
		for i := range want.People {
			a, b := g.People[i], want.People[i]
			a.IntroPaths, b.IntroPaths = nil, nil
			if !reflect.DeepEqual(nanless(a), nanless(b)) {
				t.Errorf("team %s, person %d:\n got %+v\nwant %+v", team, i, a, b)
			}
			compared++
		}
		gc, wc := g.Coverage, want.Coverage
		gc.NoIntroPath, wc.NoIntroPath = 0, 0
		if !reflect.DeepEqual(gc, wc) {
			t.Errorf("team %s: coverage\n got %+v\nwant %+v", team, gc, wc)
		}
		if g.HighInfluence != want.HighInfluence && !(math.IsNaN(g.HighInfluence) && math.IsNaN(want.HighInfluence)) {
			t.Errorf("team %s: high influence %v, want %v", team, g.HighInfluence, want.HighInfluence)
		}
		if !reflect.DeepEqual(g.Communities, want.Communities) || !reflect.DeepEqual(g.Organisations, want.Organisations) {
			t.Errorf("team %s: tables differ", team)
		}
	}
	if compared == 0 {
		t.Fatal("no one compared")
	}
	t.Logf("%d teams, %d ranked people compared", len(teams), compared)
}

// nanless is p printed, so that NaN equals NaN.
func nanless(p Person) string { return fmt.Sprintf("%+v", p) }

// loadOrg writes a synthetic organisation and loads it with no owner, as of its last day, as
// an organisation's run reads it.
func loadOrg(t *testing.T, opt synth.OrgOptions) (*importers.Dataset, *synth.OrgTruth) {
	t.Helper()
	var people, interactions bytes.Buffer
	tr, err := synth.WriteOrg(&people, &interactions, opt)
	if err != nil {
		t.Fatal(err)
	}
	end, _ := time.Parse(time.DateOnly, tr.End)
	fsys := fstest.MapFS{"people.csv": {Data: people.Bytes()}, "interactions.csv": {Data: interactions.Bytes()}}
	ds, err := importers.Load([]importers.Source{{Name: "org", FS: fsys}}, importers.Options{NoOwner: true, AsOf: end})
	if err != nil {
		t.Fatal(err)
	}
	return ds, tr
}
