package analysis

import (
	"errors"
	"fmt"
	"math"
	"sort"
	"strings"

	"github.com/relmap/relmap/importers"
)

// Teams lists the teams people belong to (a people file's team column), sorted.
func Teams(ds *importers.Dataset) []string {
	seen := map[string]string{}
	for _, p := range ds.People {
		if t := strings.TrimSpace(p.Team); t != "" {
			if _, ok := seen[strings.ToLower(t)]; !ok {
				seen[strings.ToLower(t)] = t
			}
		}
	}
	out := make([]string, 0, len(seen))
	for _, t := range seen {
		out = append(out, t)
	}
	sort.Strings(out)
	return out
}

// ScoreTeams draws the map around each named team (SPEC §2.7): the team's members together are
// level 0, a person's tie is the sum of their ties to the members, hops the shortest distance
// from any member, and members are never intermediaries. The network metrics run once, on the
// whole graph, and every team's map shares them; each map ranks the people within two hops of
// its team.
func ScoreTeams(ds *importers.Dataset, opt Options, teams []string) ([]*Result, error) {
	if ds == nil || len(ds.People) == 0 {
		return nil, errors.New("no people in the inputs")
	}
	if err := opt.Validate(); err != nil {
		return nil, err
	}
	opt.Pivots = max(opt.Pivots, 1)
	whole := &scorer{ds: ds, opt: opt, n: len(ds.People), ego: -1}
	whole.cov = Coverage{Coverage: ds.Coverage, AsOfFrom: ds.AsOfFrom}
	whole.rules()
	whole.weigh()
	whole.metrics()
	var out []*Result
	for _, team := range teams {
		r, err := whole.teamMap(team)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, nil
}

// teamMap scores one team's map on the metrics of the whole graph.
func (whole *scorer) teamMap(team string) (*Result, error) {
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
			if v := of[t]; v != x.From && !contains(x.To, v) {
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
	r := &Result{
		Ego:           Ego{ID: c.People[c.Ego].ID, Name: c.People[c.Ego].Name, Company: c.OwnerCompany},
		AsOf:          ds.AsOf,
		People:        people,
		Coverage:      s.cov,
		HighInfluence: s.high,
		SupporterFrom: float64(s.opt.Status.Supporter) / 100,
		DetractorFrom: float64(s.opt.Status.Detractor) / 100,
		DormantDays:   s.opt.Dormant.Days,
	}
	r.tables(s.opt.MinGroup)
	r.Network = s.network()
	return r, nil
}

// slug is a team's name as a folder name: lower case, letters and digits, "-" between words.
func slug(name string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(strings.TrimSpace(name)) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r > 127 && !strings.ContainsRune("–—’", r) {
			b.WriteRune(r)
			dash = false
		} else if !dash && b.Len() > 0 {
			b.WriteByte('-')
			dash = true
		}
	}
	return strings.TrimSuffix(b.String(), "-")
}

// Slug is slug for callers that name folders after teams.
func Slug(name string) string { return slug(name) }
