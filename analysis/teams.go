package analysis

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"iter"
	"math"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode"

	"github.com/relmap/relmap/fold"
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

// TeamMaps draws the map around each named team (SPEC §2.7): the team's members together are
// level 0, a person's tie is the sum of their ties to the members, hops the shortest distance
// from any member, and members are never intermediaries. The network metrics run once, on the
// whole graph, and every team's map shares them; each map ranks the people within two hops of
// its team, and costs what that neighbourhood and the members' own interactions cost, not what
// the whole organisation does.
//
// A team's map is drawn on the whole graph with the members merged into one node: its tie to
// anyone is the sum of their ties to the members, every other tie is the whole graph's.
// Percentiles rank a person among everyone but the members. A map's Network (the team and the
// people within two hops of it, with every tie among them) is filled only when one team is
// asked for: a run of every team's map writes the whole graph once (TeamMaps.Organisation).
//
// It draws the maps one at a time, on one computation of the whole graph's metrics: a run of
// thousands of teams need hold only the map it is writing.
type TeamMaps struct{ ix *teamIndex }

// NewTeamMaps computes the whole graph's metrics for the team maps of ds.
func NewTeamMaps(ds *importers.Dataset, opt Options) (*TeamMaps, error) {
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
	return &TeamMaps{ix: newTeamIndex(whole)}, nil
}

// Map is the map of one team (one call at a time); network says whether to fill its Network (the team and the
// people within two hops of it), which a run of every team's map leaves out.
func (tm *TeamMaps) Map(team string, network bool) (*Result, error) {
	return tm.ix.teamMap(team, network)
}

// Maps yields the maps of teams in their order (network as Map's), drawn by up to workers at
// once a little ahead of the caller, so that a run of every team's map uses every core while
// it holds only the few maps in flight. Each map is what Map gives: a team's map depends on
// the whole graph alone. Neither Map nor Maps may run during Maps. Stopping early waits for
// the maps being drawn.
func (tm *TeamMaps) Maps(teams []string, network bool, workers int) iter.Seq2[*Result, error] {
	return func(yield func(*Result, error) bool) {
		workers = max(1, min(workers, len(teams)))
		type drawn struct {
			r   *Result
			err error
		}
		out := make([]chan drawn, len(teams))
		for i := range out {
			out[i] = make(chan drawn, 1)
		}
		ahead := make(chan struct{}, 4*workers) // maps drawn and not yet taken, at most: slack for a slow map or file
		todo, stop := make(chan int), make(chan struct{})
		var wg sync.WaitGroup
		for w := range workers {
			ix := tm.ix
			if w > 0 {
				ix = tm.ix.worker()
			}
			wg.Go(func() {
				for i := range todo {
					r, err := ix.teamMap(teams[i], network)
					out[i] <- drawn{r, err}
				}
			})
		}
		go func() {
			defer close(todo)
			for i := range teams {
				select {
				case ahead <- struct{}{}:
				case <-stop:
					return
				}
				select {
				case todo <- i:
				case <-stop:
					return
				}
			}
		}()
		defer wg.Wait()
		defer close(stop)
		for i := range teams {
			d := <-out[i]
			<-ahead
			if !yield(d.r, d.err) {
				return
			}
		}
	}
}

// Organisation is the whole graph the maps are drawn on, every person with their team and
// department, off the maps' own computation (see scorer.organisation).
func (tm *TeamMaps) Organisation() Network { return tm.ix.whole.organisation() }

// teamIndex is what every team's map reads off the whole graph (teamShared), with the scratch
// of one map at a time: maps drawn at once (TeamMaps.Maps) each have their own (worker).
type teamIndex struct {
	*teamShared
	mark     []int32   // a person's local index + 1, 0 outside the map
	member   []bool    // a member of the team
	best     []float64 // a person's strongest two-step strength from the team
	near     []nearRec // outerPaths's
	rel      []uint64
	teamTie  []float64 // workList's: the team's tie to each of its direct ties
	evidence []bool    // a lean map's: who has evidence of their status (a unit or tie with a member)
	far      []int     // workList's scratch: the people two hops away, and those of them listed
	cands    []int
	edges    []Edge    // the map's graph's, before NewGraph
	inf, est []float64 // influenceLine's
	who      []int32
	units    []fold.Unit
	merged   map[unitKey]int // teamMap's: a unit of the team's by the other person, day and conversation
	nearA    []int32         // outerPaths's (index)
	nearS    []float64

	// What every team's map looks up again for the same people: titles' seniority and
	// companies' normal forms, kept across the maps a worker draws.
	seniority *seniorityScorer
	companies map[string]string
}

// teamShared is what every team's map reads off the whole graph: each person's interactions
// and ties, and the metrics and edge weights in order. It is read only once built.
type teamShared struct {
	whole   *scorer
	rowOff  []int32 // the interactions person i is in (not broadcasts): rows[rowOff[i]:rowOff[i+1]]
	rows    []int32
	unitOff []int32 // the folded units (Dataset.Units) person i is in: unitIdx[unitOff[i]:unitOff[i+1]]
	unitIdx []int32
	tieOff  []int32 // the ties person i has: ties[tieOff[i]:tieOff[i+1]]
	ties    []int32
	sorted  map[string][]float64 // each metric's values over everyone, ascending (NaN first, as -Inf)
	// The interactions, as the maps fold them: Dataset.Interactions need not stay.
	interactions *teamRows
	weights      []float64 // every edge's weight, ascending

	// Each team's members (by lower-cased name), how many people are connections (with an
	// e-mail), and, per person, how many of everyone rank below them on each metric
	// influence reads, their title's seniority and their declared influence (influenceLine).
	members                map[string][]int
	connections, withEmail int
	values                 map[string][]float64 // whole.metricValues()
	ranks                  []personRank
	estimates              []influenceEstimate // influenceLine's, by person
}

// influenceMetrics are the metrics influence reads, in personRank's order.
var influenceMetrics = [3]string{"pagerank", "betweenness", "degree"}

// personRank is what influence reads of a person, in one place (influenceLine reads it for
// tens of thousands of people a map): on each of influenceMetrics, how many of everyone rank
// below them; their title's seniority; their declared influence; whether they are ignored. A
// member ranks below a person exactly when fewer rank below the member (below counts the
// values less than one's own), so the members' ranks are compared, not their values.
type personRank struct {
	below            [3]int32
	senior, declared float64
	ignored          bool
}

// unitKey is a team's unit with one person on one day in one conversation.
type unitKey struct{ v, day, conv int32 }

// worker is a teamIndex on the same shared index with scratch of its own.
func (ix *teamIndex) worker() *teamIndex {
	n := ix.whole.n
	return &teamIndex{teamShared: ix.teamShared, mark: make([]int32, n), member: make([]bool, n), best: make([]float64, n),
		near: make([]nearRec, n), rel: make([]uint64, n/64+1),
		teamTie: make([]float64, n), evidence: make([]bool, n), merged: map[unitKey]int{},
		seniority: newSeniorityScorer(ix.whole.opt.Seniority), companies: map[string]string{}}
}

func newTeamIndex(whole *scorer) *teamIndex {
	ds, n := whole.ds, whole.n
	ix := (&teamIndex{teamShared: &teamShared{whole: whole}}).worker()
	// Each person's rows (not broadcasts) and folded units (pairs files): a team's map folds
	// its members' rows again when it is drawn, so that no run holds every unit at once (on
	// team-heavy data they are several times the rows).
	// Rows are numbered as weigh folded them, by conversation and day: a person's rows,
	// in number order, are in that order too.
	t := newTeamRows(whole)
	ix.interactions = t
	ix.rowOff, ix.rows = csr(n, len(t.from), func(r int, each func(p int)) {
		each(int(t.from[r]))
		for _, x := range t.to[t.toOff[r]:t.toOff[r+1]] {
			each(int(x))
		}
	})
	ix.unitOff, ix.unitIdx = csr(n, len(ds.Units), func(i int, each func(p int)) {
		each(int(ds.Units[i].A))
		each(int(ds.Units[i].B))
	})
	ix.tieOff, ix.ties = csr(n, len(ds.Ties), func(k int, each func(p int)) {
		t := &ds.Ties[k]
		each(t.From)
		if t.To != t.From {
			each(t.To)
		}
	})
	ix.sorted = map[string][]float64{}
	for name, xs := range whole.metricValues() {
		s := make([]float64, len(xs))
		for i, x := range xs {
			s[i] = pctKey(x)
		}
		slices.Sort(s)
		ix.sorted[name] = s
	}
	g := whole.g
	for v := range g.N() {
		for e := g.Off[v]; e < g.Off[v+1]; e++ {
			if int(g.Adj[e]) > v {
				ix.weights = append(ix.weights, g.W[e])
			}
		}
	}
	slices.Sort(ix.weights)
	ix.members = map[string][]int{}
	for i := range ds.People {
		p := &ds.People[i]
		if t := strings.ToLower(strings.TrimSpace(p.Team)); t != "" {
			ix.members[t] = append(ix.members[t], i)
		}
		if p.Connected {
			ix.connections++
			if p.Email != "" {
				ix.withEmail++
			}
		}
	}
	ix.values = whole.metricValues()
	ix.ranks = make([]personRank, n)
	for v := range ix.ranks {
		r := &ix.ranks[v]
		for i, name := range influenceMetrics {
			r.below[i] = int32(below(ix.sorted[name], pctKey(ix.values[name][v])))
		}
		r.senior = ix.seniority.score(ds.People[v].Title)
		r.declared = ds.People[v].Declared.Influence
		r.ignored = whole.ignored[v]
	}
	ix.estimates = influenceEstimates(ix.ranks, whole.opt.Influence)
	return ix
}

// metricValues are the metrics percentiles are taken of, per person, by name.
func (s *scorer) metricValues() map[string][]float64 {
	deg := make([]float64, s.n)
	for i := range deg {
		deg[i] = float64(s.deg[i])
	}
	return map[string][]float64{"pagerank": s.pagerank, "betweenness": s.betw, "degree": deg,
		"effective_size": s.effs, "harmonic": s.harm}
}

// pctKey orders values for percentiles: NaN lowest.
func pctKey(x float64) float64 {
	if math.IsNaN(x) {
		return math.Inf(-1)
	}
	return x
}

// below is how many of sorted (ascending) are less than x.
func below(sorted []float64, x float64) int {
	i, _ := slices.BinarySearch(sorted, x)
	return i
}

// teamMap scores one team's map on the metrics of the whole graph. network says whether to
// fill the map's Network. The worker's scratch (ix.member, ix.mark, ix.units …) is set for the
// map and cleared again as it returns.
func (ix *teamIndex) teamMap(team string, network bool) (*Result, error) {
	whole := ix.whole
	ds := whole.ds
	members := ix.members[strings.ToLower(strings.TrimSpace(team))]
	if len(members) == 0 {
		return nil, fmt.Errorf("no one is on team %q (teams: %s)", team, strings.Join(Teams(ds), ", "))
	}
	for _, m := range members {
		ix.member[m] = true
	}
	defer func() {
		for _, m := range members {
			ix.member[m] = false
		}
	}()
	units, ties := ix.teamUnits(members)
	defer func() { ix.units = units[:0] }() // the worker's, grown from map to map
	// lean: a map of a team:* run, which needs no network (network files hold the whole graph
	// once): the people on the map but not on the list are scored only as far as the list's
	// intro paths read them (their status), and the ties between two intermediaries two hops
	// away, which no intro path takes, are left out. The list scores the same either way
	// (TestTeamMapLean).
	lean := !network && whole.opt.TeamTop > 0
	mp := ix.mapPeople(members, units, ties, lean)
	local := mp.local
	for k, v := range local {
		ix.mark[v] = int32(k + 1)
	}
	defer func() {
		for _, v := range local {
			ix.mark[v] = 0
		}
	}()

	var c *importers.Dataset
	c, units = ix.mapDataset(team, members, local, units, ties)
	s, far := ix.mapScorer(team, c, units, mp, lean)
	if lean {
		s.outer = &outerPaths{g: whole.g, member: ix.member, mark: ix.mark, whole: local, people: ds.People, near: ix.near, rel: ix.rel,
			nearA: ix.nearA, nearS: ix.nearS}
		defer func() {
			s.outer.reset()
			ix.nearA, ix.nearS = s.outer.nearA, s.outer.nearS // grown, for the worker's next map
		}()
	}
	ix.mapFigures(s, members, local, far, lean, mp.twoHops)
	s.signals()
	people := s.score()
	if mp.twoHops != nil {
		// The ignored within two hops, as the whole two-hop map counts them: not only those a
		// work list's map holds.
		s.cov.Ignored = 0
		for _, v := range mp.twoHops {
			if whole.ignored[v] {
				s.cov.Ignored++
			}
		}
	}
	r := s.result(Ego{ID: c.People[c.Ego].ID, Name: c.People[c.Ego].Name, Company: c.OwnerCompany}, people)
	if network {
		r.Network = s.network()
	}
	return r, nil
}

// onMap is who is on a team's map besides its members (mapPeople), by whole index.
type onMap struct {
	local    []int // everyone on the map but the members, in the whole graph's order
	twoHops  []int // a work list's: everyone within two hops, for the high-influence line
	context  []int // a work list's: intermediaries two hops away
	unlisted []int // a work list's: direct ties not listed
	leftOut  int   // a work list's: people within two hops not on it
}

// mapPeople chooses who is on a team's map: everyone within two hops of a member (never
// through one), or with a work list (SPEC §4) every direct tie, then the people two hops away
// with the strongest path through one of them — chosen before the map is built, so that a
// team's map costs its list, not its two-hop neighbourhood. On a lean map, who has any evidence
// of how they stand toward the team (a unit or a tie with a member, or a declared status) is
// known there: the other intermediaries two hops away stay off the map, their status unknown
// (the list's intro paths still go through them, on the whole graph).
func (ix *teamIndex) mapPeople(members []int, units []fold.Unit, ties []int32, lean bool) onMap {
	ds, g := ix.whole.ds, ix.whole.g
	var mp onMap
	add := func(v int) {
		if !ix.member[v] && ix.mark[v] == 0 {
			ix.mark[v] = -1
			mp.local = append(mp.local, v)
		}
	}
	for _, m := range members {
		for _, v := range g.Adj[g.Off[m]:g.Off[m+1]] {
			add(int(v))
		}
	}
	near := len(mp.local)
	var evidence []bool // by whole index; nil unless lean
	if lean {
		evidence = ix.evidence
		for i := range units {
			evidence[units[i].A] = true
		}
		for _, k := range ties {
			evidence[ds.Ties[k].From], evidence[ds.Ties[k].To] = true, true
		}
	}
	if top := ix.whole.opt.TeamTop; top > 0 {
		mp.local, mp.twoHops, mp.context, mp.unlisted, mp.leftOut = ix.workList(members, mp.local, top, lean, evidence)
	} else {
		for _, a := range mp.local[:near] {
			for _, v := range g.Adj[g.Off[a]:g.Off[a+1]] {
				add(int(v))
			}
		}
	}
	if evidence != nil { // the worker's scratch, zero again
		for i := range units {
			evidence[units[i].A] = false
		}
		for _, k := range ties {
			evidence[ds.Ties[k].From], evidence[ds.Ties[k].To] = false, false
		}
	}
	slices.Sort(mp.local)
	return mp
}

// mapScorer is the scorer of a team's map c, its people marked (ix.mark): the work list's
// context, the previous run's tiers, the status rules and norms without the members. far is
// by local index: in context, two hops away.
func (ix *teamIndex) mapScorer(team string, c *importers.Dataset, units []fold.Unit, mp onMap, lean bool) (s *scorer, far []bool) {
	whole := ix.whole
	n := len(c.People)
	s = &scorer{ds: c, opt: whole.opt, n: n, ego: c.Ego, group: true, units: units, convs: whole.convs, chans: whole.chans,
		seniority: ix.seniority, companies: ix.companies, leftOut: mp.leftOut}
	of := func(v int) int { return ix.localOf(v, len(mp.local)) }
	if len(mp.context) > 0 || len(mp.unlisted) > 0 {
		s.context, far = make([]bool, n), make([]bool, n)
		for _, v := range mp.context {
			s.context[of(v)], far[of(v)] = true, true
		}
		for _, v := range mp.unlisted {
			s.context[of(v)] = true
		}
		s.lean = lean
	}
	if whole.opt.TeamTiers != nil {
		s.opt.PreviousTiers = whole.opt.TeamTiers[team]
	}
	ds := whole.ds
	s.cov = Coverage{Coverage: ds.Coverage, AsOfFrom: ds.AsOfFrom}
	s.cov.Files = append([]importers.FileCoverage(nil), ds.Coverage.Files...)
	s.rules()
	s.orgLog = whole.orgLogWithout(ix.member)
	s.normAsked, s.normAnswered = make([]int32, n), make([]int32, n)
	for k, v := range mp.local {
		s.normAsked[k], s.normAnswered[k] = whole.othersNorms(v, ix.member)
	}
	return s, far
}

// mapFigures gives a team map's scorer its graph and the whole graph's figures: metrics,
// percentiles, the influence line (a work list's: that of the whole two-hop map, as if everyone
// on it were ranked), the export's connections and the median tie.
func (ix *teamIndex) mapFigures(s *scorer, members, local []int, far []bool, lean bool, twoHops []int) {
	teamTies := ix.mapGraph(s, members, local, far, lean)
	memberW := ix.wholeFigures(s, members, local, teamTies)
	ix.percentiles(s, members, teamTies)
	if twoHops != nil {
		line := ix.influenceLine(s, twoHops, members)
		s.highLine = &line
	}
	s.connections, s.withEmail = ix.connections, ix.withEmail
	for _, m := range members {
		if p := &ix.whole.ds.People[m]; p.Connected {
			s.connections--
			if p.Email != "" {
				s.withEmail--
			}
		}
	}
	// The median tie of the map's graph: the whole graph's, less the members' ties, plus the
	// team's.
	slices.Sort(memberW)
	s.medianTie = mergedQuantile(ix.weights, memberW, teamTies, 0.5)
}

// localOf is a whole index's index on a map of local people (ix.mark): team (the map's last)
// for a member, −1 off the map.
func (ix *teamIndex) localOf(v, team int) int {
	if ix.member[v] {
		return team
	}
	return int(ix.mark[v]) - 1
}

// teamUnits gathers the members' ties (indices into Dataset.Ties) and units (whole indices):
// a unit with a member becomes the team's, the other person first (directed counts from them
// at 0); the team's units with one person on one day in one conversation are one (SPEC §3.1).
// The units are the worker's scratch (ix.units), good until its next map.
func (ix *teamIndex) teamUnits(members []int) (units []fold.Unit, ties []int32) {
	for _, m := range members {
		ties = append(ties, ix.ties[ix.tieOff[m]:ix.tieOff[m+1]]...)
	}
	slices.Sort(ties)
	ties = slices.Compact(ties)
	merged := ix.merged
	clear(merged)
	units = ix.units[:0]
	ix.whole.memberUnits(ix, members, func(u fold.Unit) {
		switch {
		case ix.member[u.A] && ix.member[u.B]:
			return // within the team
		case ix.member[u.B]:
		case ix.member[u.A]:
			u.Flip()
		default:
			return // a unit of two others, folded with a member's row
		}
		key := unitKey{u.A, u.Day, u.Conv}
		if i, ok := merged[key]; ok {
			units[i].Merge(&u)
			return
		}
		merged[key] = len(units)
		units = append(units, u)
	})
	return units, ties
}

// mapDataset is the dataset of a team's map: its people (local, marked in ix.mark) and the
// team last, one person, with the company most of its members have; the members' units (the
// team one person in them, those of people off the map left out) and ties, in local indices:
// what status reads. units are rewritten in place.
func (ix *teamIndex) mapDataset(team string, members, local []int, units []fold.Unit, ties []int32) (*importers.Dataset, []fold.Unit) {
	ds := ix.whole.ds
	of := func(v int) int { return ix.localOf(v, len(local)) }
	companies := map[string]int{}
	for _, i := range members {
		companies[ds.People[i].Company]++
	}
	c := &importers.Dataset{AsOf: ds.AsOf, AsOfFrom: ds.AsOfFrom, TZ: ds.TZ, Coverage: ds.Coverage, Problems: ds.Problems}
	c.People = make([]importers.Person, 0, len(local)+1)
	for _, v := range local {
		c.People = append(c.People, ds.People[v])
	}
	c.Ego = len(c.People)
	c.People = append(c.People, importers.Person{ID: "team:" + slug(team), Name: "team " + strings.TrimSpace(team), Team: team,
		Declared: importers.Declared{Status: math.NaN(), Influence: math.NaN(), TargetStatus: math.NaN()}})
	for co, n := range companies {
		if n > companies[c.OwnerCompany] || n == companies[c.OwnerCompany] && co < c.OwnerCompany {
			c.OwnerCompany = co
		}
	}
	// The members' units (gathered above), the team one person in them, and ties: what status
	// reads.
	for i := range units {
		units[i].A = int32(of(int(units[i].A)))
	}
	units = slices.DeleteFunc(units, func(u fold.Unit) bool { return u.A < 0 }) // a unit that weighs nothing, of someone off the map
	for i := range units {
		units[i].B = int32(len(local)) // the member becomes the team, last of the map
	}
	slices.SortFunc(units, func(x, y fold.Unit) int { return fold.Compare(&x, &y) })
	for _, k := range ties {
		t := ds.Ties[k]
		x := t
		x.From, x.To = of(t.From), of(t.To)
		if x.From >= 0 && x.To >= 0 && x.From != x.To {
			c.Ties = append(c.Ties, x)
		}
	}

	return c, units
}

// mapGraph draws a team's map's graph into s: the whole graph's ties among its people (of a
// lean map's intermediaries two hops away (far), only those with the others), and the team's
// tie to each person the sum of the members' (SPEC §2.7); s.tie, s.g and s.hops. It returns
// the team's ties.
func (ix *teamIndex) mapGraph(s *scorer, members, local []int, far []bool, lean bool) (teamTies []float64) {
	g := ix.whole.g
	of := func(v int) int { return ix.localOf(v, len(local)) }
	n := s.n
	s.tie = make([]float64, n)
	for _, m := range members {
		for e := g.Off[m]; e < g.Off[m+1]; e++ {
			if v := int(g.Adj[e]); !ix.member[v] {
				s.tie[of(v)] += g.W[e]
			}
		}
	}
	edges := ix.edges[:0] // the worker's, grown from map to map: NewGraph keeps none of it
	lean = lean && far != nil
	for k, v := range local {
		if s.tie[k] > 0 {
			edges = append(edges, Edge{U: int32(k), V: int32(s.ego), W: s.tie[k]})
			teamTies = append(teamTies, s.tie[k])
		}
		if lean && far[k] {
			continue // its ties are the others' (below); none with another intermediary is kept
		}
		for e := g.Off[v]; e < g.Off[v+1]; e++ {
			if u := of(int(g.Adj[e])); u >= 0 && u < s.ego && (u > k || lean && far[u]) {
				edges = append(edges, Edge{U: int32(k), V: int32(u), W: g.W[e]})
			}
		}
	}
	s.g = NewGraph(n, edges)
	ix.edges = edges
	s.hops = bfsHops(s.g, s.ego)

	return teamTies
}

// wholeFigures copies into s what the whole graph says of a team's map's people: metrics,
// degrees (members merged into the team), communities, connections, whether they only ever
// meet in groups, and the coverage's graph figures. It returns the weights of the whole
// graph's ties with a member at an end.
func (ix *teamIndex) wholeFigures(s *scorer, members, local []int, teamTies []float64) (memberW []float64) {
	whole := ix.whole
	g := whole.g
	n := s.n
	s.pagerank, s.betw, s.harm, s.reach2 = make([]float64, n), make([]float64, n), make([]float64, n), make([]float64, n)
	s.cons, s.effs = make([]float64, n), make([]float64, n)
	s.deg, s.str, s.community = make([]int, n), make([]float64, n), make([]string, n)
	s.fullDeg = make([]int, n)
	s.connected, s.onlyGroup, s.interacted = make([]bool, n), make([]bool, n), make([]bool, n)
	for _, m := range members {
		for e := g.Off[m]; e < g.Off[m+1]; e++ {
			if v := int(g.Adj[e]); !ix.member[v] || v > m {
				memberW = append(memberW, g.W[e])
			}
		}
	}
	for j, i := range local {
		s.pagerank[j], s.betw[j], s.harm[j], s.reach2[j] = whole.pagerank[i], whole.betw[i], whole.harm[i], whole.reach2[i]
		s.cons[j], s.effs[j], s.deg[j], s.str[j], s.community[j] = whole.cons[i], whole.effs[i], whole.deg[i], whole.str[i], whole.community[i]
		s.connected[j] = whole.connected[i]
		d := g.Degree(i)
		if s.tie[j] > 0 {
			for _, v := range g.Adj[g.Off[i]:g.Off[i+1]] {
				if ix.member[v] {
					d--
				}
			}
			d++ // the team
		}
		s.fullDeg[j] = d
		s.onlyGroup[j] = whole.grouped[i] && !whole.direct[i] && !whole.hasTie[i] && !whole.connected[i]
		s.interacted[j] = whole.grouped[i] || whole.direct[i]
	}
	s.fullDeg[s.ego] = s.g.Degree(s.ego)
	for _, x := range [][]float64{s.pagerank, s.betw, s.harm, s.reach2, s.cons, s.effs} {
		x[s.ego] = math.NaN()
	}
	s.cov.PathMetrics, s.cov.Communities, s.cov.Modularity = whole.cov.PathMetrics, whole.cov.Communities, whole.cov.Modularity
	s.cov.Broadcasts = whole.cov.Broadcasts // the team's scorer never sees them: teamMap leaves them out
	s.cov.Nodes = whole.g.N() - len(members) + 1
	s.cov.Edges = whole.g.NumEdges() - len(memberW) + len(teamTies)

	return memberW
}

// percentiles sets s.pctOf: percentiles among everyone but the members, read off the whole
// graph's sorted values less the members' own, and a person's tie among the team's ties
// (teamTies, sorted here).
func (ix *teamIndex) percentiles(s *scorer, members []int, teamTies []float64) {
	others := ix.whole.n - len(members)
	mine := ix.memberValues(members)
	slices.Sort(teamTies)
	s.pctOf = func(metric string, j int, x float64) float64 {
		if others < 2 {
			return 0
		}
		var less int
		if metric == "tie" {
			if x > 0 {
				less = others - len(teamTies) + below(teamTies, x)
			}
		} else {
			k := pctKey(x)
			less = below(ix.sorted[metric], k) - below(mine[metric], k)
		}
		return float64(less) / float64(others-1)
	}
	s.others = others
}

// mergedQuantile is quantile's q-quantile of the multiset all − minus + plus, each sorted
// ascending, minus within all: order statistics found by binary search, not by building it.
func mergedQuantile(all, minus, plus []float64, q float64) float64 {
	size := len(all) - len(minus) + len(plus)
	if size <= 0 {
		return math.NaN()
	}
	atMost := func(x float64) int { // how many of the multiset are ≤ x
		up := func(s []float64) int {
			i, _ := slices.BinarySearch(s, math.Nextafter(x, math.Inf(1)))
			return i
		}
		return up(all) - up(minus) + up(plus)
	}
	kth := func(k int) float64 { // the k-th smallest, from 0
		best := math.Inf(1)
		for _, s := range [][]float64{all, plus} {
			if i := sort.Search(len(s), func(i int) bool { return atMost(s[i]) > k }); i < len(s) && s[i] < best {
				best = s[i]
			}
		}
		return best
	}
	h := q * float64(size-1)
	lo := math.Floor(h)
	x := kth(int(lo))
	if int(lo)+1 >= size {
		return x
	}
	return x + (h-lo)*(kth(int(lo)+1)-x)
}

// slug is a team's name as a folder name: lower case, letters and digits, "-" between words,
// at most maxSlug bytes. A longer one is cut on a rune boundary and ends in "-" and 8 hex
// digits of the sha256 of the whole slug, so that names alike in their first 64 bytes keep
// distinct folders; a cut slug is longer than any uncut one, so the two never meet. Letters
// beyond ASCII are kept when they are graphic and not spaces (no control, format or
// non-character code reaches a file name). "" when nothing is left.
func slug(name string) string {
	return boundSlug(wholeSlug(name))
}

// wholeSlug is a team's slug before it is bounded.
func wholeSlug(name string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(strings.TrimSpace(name)) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r > 127 && unicode.IsGraphic(r) && !unicode.IsSpace(r) && !strings.ContainsRune("–—’\uFFFD", r) {
			b.WriteRune(r)
			dash = false
		} else if !dash && b.Len() > 0 {
			b.WriteByte('-')
			dash = true
		}
	}
	return strings.TrimSuffix(b.String(), "-")
}

// boundSlug cuts a slug over maxSlug bytes, as slug says.
func boundSlug(s string) string {
	if len(s) <= maxSlug {
		return s
	}
	cut := 0
	for i := range s {
		if i > maxSlug {
			break
		}
		cut = i
	}
	sum := sha256.Sum256([]byte(s))
	return strings.TrimSuffix(s[:cut], "-") + "-" + hex.EncodeToString(sum[:4])
}

// maxSlug is the most bytes of an uncut slug: a team's folder name, with "-" and a number
// when two teams share it, stays far below the 255 bytes file systems allow.
const maxSlug = 64

// Slug is slug for callers that name folders after teams: never "", a name of punctuation
// alone is "team". It stays here, with the team node's id (team:<slug>) it also makes, so that
// a team's folder and its node on the map always agree.
func Slug(name string) string {
	if s := slug(name); s != "" {
		return s
	}
	return "team"
}

// csr lists, for each of n people, the items (numbered 0 to items−1) they are in: person p's
// are idx[off[p]:off[p+1]], in item order. each(i, f) calls f with every person of item i.
func csr(n, items int, each func(i int, f func(p int))) (off, idx []int32) {
	off = make([]int32, n+1)
	for i := range items {
		each(i, func(p int) { off[p+1]++ })
	}
	for i := range n {
		off[i+1] += off[i]
	}
	idx = make([]int32, off[n])
	fill := slices.Clone(off[:n])
	for i := range items {
		each(i, func(p int) {
			idx[fill[p]] = int32(i)
			fill[p]++
		})
	}
	return off, idx
}

// teamRows are the interactions as every team's map folds them again (memberUnits), without
// a pointer: ten million of them cost a quarter of Dataset.Interactions and nothing to the
// collector, which can free those once the maps' index is built (NewTeamMaps).
type teamRows struct {
	from, conv, day, channel []int32 // conversation and channel numbered by weigh
	toOff, to                []int32 // row r's recipients: to[toOff[r]:toOff[r+1]]
	weight, sentiment        []float64
	meeting, asks            []bool // by channel number
}

func newTeamRows(whole *scorer) *teamRows {
	ins, order := whole.ds.Interactions, whole.rowOrder
	n := len(order)
	t := &teamRows{from: make([]int32, n), conv: make([]int32, n), day: make([]int32, n), channel: make([]int32, n),
		toOff: make([]int32, n+1), weight: make([]float64, n), sentiment: make([]float64, n)}
	for r, i := range order {
		in := &ins[i]
		t.from[r], t.conv[r], t.day[r], t.channel[r] = int32(in.From), whole.rowConv[i], int32(whole.dayOf(in.Time)), whole.chanID(in.Channel)
		t.weight[r], t.sentiment[r] = in.Weight, in.Sentiment
		t.toOff[r+1] = t.toOff[r] + int32(len(in.To))
	}
	whole.rowConv, whole.rowOrder = nil, nil
	t.to = make([]int32, t.toOff[n])
	for r, i := range order {
		for k, x := range ins[i].To {
			t.to[int(t.toOff[r])+k] = int32(x)
		}
	}
	for _, c := range whole.chans.List {
		t.meeting, t.asks = append(t.meeting, fold.Meeting(c)), append(t.asks, fold.Asks(c))
	}
	return t
}

// row is interaction r as fold reads it.
func (t *teamRows) row(r int32) fold.Row {
	a, b := t.toOff[r], t.toOff[r+1]
	c := t.channel[r]
	return fold.Row{From: t.from[r], To: t.to[a:b:b], Day: t.day[r], Conv: t.conv[r], Channel: c,
		Meeting: t.meeting[c], Asks: t.asks[c], Weight: t.weight[r], Sentiment: t.sentiment[r]}
}

// memberUnits calls fn with every unit that has a member of a team (ix.member) at an end: the
// members' rows folded again, group by group as weigh folds them — a
// unit depends only on the rows that hold both its people, so it is the whole run's — and the
// members' units from pairs files. A unit between two members may come twice.
func (s *scorer) memberUnits(ix *teamIndex, members []int, fn func(fold.Unit)) {
	ds := s.ds
	var rows []int32
	for _, m := range members {
		rows = append(rows, ix.rows[ix.rowOff[m]:ix.rowOff[m+1]]...)
	}
	slices.Sort(rows) // by conversation and day, as weigh folded them (newTeamIndex)
	rows = slices.Compact(rows)
	in := ix.interactions
	foldSorted(len(rows), func(k int) (int32, int32) { return in.conv[rows[k]], in.day[rows[k]] },
		func(k int, conv, day int32, toBuf []int32) (fold.Row, []int32) { return in.row(rows[k]), toBuf },
		s.opt.Bases.MaxParticipants, ix.member, func(u *fold.Unit) { fn(*u) })
	for _, m := range members {
		for _, k := range ix.unitIdx[ix.unitOff[m]:ix.unitOff[m+1]] {
			u := ds.Units[k]
			u.Conv, u.Channel = s.convID(ds.UnitNames[u.Conv]), s.chanID(ds.UnitNames[u.Channel])
			fn(u)
		}
	}
}

// twoHopsAway finds the people two hops away from a team through its direct ties (near), each
// with the strength of their best path (ix.best, by s(w) = w/(w+w̃), w̃ the map's median tie);
// it sums the team's tie to each direct tie in ix.teamTie, which the caller zeroes.
func (ix *teamIndex) twoHopsAway(members, near []int) []int {
	g := ix.whole.g
	tie := ix.teamTie
	var memberW []float64
	for _, m := range members {
		for e := g.Off[m]; e < g.Off[m+1]; e++ {
			if v := int(g.Adj[e]); !ix.member[v] {
				tie[v] += g.W[e]
				memberW = append(memberW, g.W[e])
			} else if v > m {
				memberW = append(memberW, g.W[e])
			}
		}
	}
	teamTies := make([]float64, 0, len(near))
	for _, v := range near {
		teamTies = append(teamTies, tie[v])
	}
	slices.Sort(memberW)
	slices.Sort(teamTies)
	median := mergedQuantile(ix.weights, memberW, teamTies, 0.5) // the map's s.medianTie
	str := func(w float64) float64 { return w / (w + median) }
	far := ix.far[:0] // two hops away
	for _, m := range members {
		ix.mark[m] = -2 // for the walk below: marked, a member or a direct tie (−1), read at once
	}
	for _, a := range near {
		sa := str(tie[a])
		for e := g.Off[a]; e < g.Off[a+1]; e++ {
			v := int(g.Adj[e])
			if ix.mark[v] != 0 {
				continue // a member, or a direct tie
			}
			if ix.best[v] == 0 {
				far = append(far, v)
			}
			ix.best[v] = max(ix.best[v], sa*str(g.W[e]))
		}
	}
	for _, m := range members {
		ix.mark[m] = 0
	}
	ix.far = far
	return far
}

// workList extends a team's direct ties (near: everyone with a tie to a member, marked -1 in
// ix.mark) with the people two hops away whose strongest path through one of them is strongest
// (the product of s(w) = w/(w+w̃) over its two ties, w̃ the median tie of the whole graph with
// the team merged, as the map's intro paths score), to top people in all when the direct ties
// are fewer; every direct tie stays on the map (the team's ties, embeddedness and tiers are read
// off them) and rank cuts them to top when they are more. The people two hops away who are
// next to someone listed come too, as context: intermediaries of the listed people's intro
// paths, never ranked. It marks the people it adds and returns the map's people, everyone within
// two hops, the context, and how many people it left out (the ignored aside: never ranked).
//
// lean (a map without its network) cuts the direct ties to the list here, as rank would — the
// top strongest ties of the team, ties broken by id — returning the others as unlisted, and
// takes as context only the people next to someone listed who have evidence of their status
// (a unit or tie with a member, or a declared status): the others are intermediaries off the
// map, of unknown status, whose paths the map's intro paths find on the whole graph
// (outerPaths).
func (ix *teamIndex) workList(members, near []int, top int, lean bool, evidence []bool) (local, twoHops, context, unlisted []int, leftOut int) {
	whole := ix.whole
	g := whole.g
	tie := ix.teamTie // the team's tie to each direct tie (near), zero again before returning
	defer func() {
		for _, v := range near {
			tie[v] = 0
		}
	}()
	far := ix.twoHopsAway(members, near)
	ds := whole.ds
	twoHops = append(slices.Clone(near), far...)
	local = near
	listed := near // whose neighbours two hops away are context
	if lean {
		listed = nil
		for _, v := range near {
			if !whole.ignored[v] {
				listed = append(listed, v)
			}
		}
		if len(listed) > top {
			all := listed
			listed = smallest(all, top, func(x, y int) int {
				return cmp.Or(cmp.Compare(tie[y], tie[x]), cmp.Compare(ds.People[x].ID, ds.People[y].ID))
			})
			listed, unlisted = listed[:top:top], all[top:] // listed grows below: never over unlisted
			leftOut += len(all) - top
		}
	}
	// The people two hops away listed (never the ignored: context if intermediaries, below).
	cands := ix.cands[:0]
	for _, v := range far {
		if !whole.ignored[v] {
			cands = append(cands, v)
		}
	}
	ix.cands = cands
	room := min(max(0, top-len(near)), len(cands))
	leftOut += len(cands) - room
	for _, v := range smallest(cands, room, func(x, y int) int {
		return cmp.Or(cmp.Compare(ix.best[y], ix.best[x]), cmp.Compare(ds.People[x].ID, ds.People[y].ID))
	}) {
		ix.mark[v] = -1
		local = append(local, v)
		if lean {
			listed = append(listed, v)
		}
	}
	// The context: the others two hops away next to a listed person (ix.best still marks the
	// people two hops away), marked as they are met.
	for _, u := range listed {
		for _, x := range g.Adj[g.Off[u]:g.Off[u+1]] {
			v := int(x)
			if ix.best[v] > 0 && ix.mark[v] != -1 && (!lean || evidence[v] || !math.IsNaN(ds.People[v].Declared.Status)) {
				ix.mark[v] = -1
				context = append(context, v)
				local = append(local, v)
			}
		}
	}
	for _, v := range far {
		ix.best[v] = 0
	}
	return local, twoHops, context, unlisted, leftOut
}

// smallest reorders xs so that its first k are its k smallest by compare (a total order), in
// no particular order, and returns them: a heap of k, not a sort of xs.
func smallest(xs []int, k int, compare func(x, y int) int) []int {
	if k <= 0 {
		return xs[:0]
	}
	h := xs[:k] // a heap with its largest first
	down := func(i int) {
		for {
			c := 2*i + 1
			if c >= k {
				return
			}
			if c+1 < k && compare(h[c+1], h[c]) > 0 {
				c++
			}
			if compare(h[c], h[i]) <= 0 {
				return
			}
			h[i], h[c] = h[c], h[i]
			i = c
		}
	}
	for i := k/2 - 1; i >= 0; i-- {
		down(i)
	}
	for j := k; j < len(xs); j++ {
		if compare(xs[j], h[0]) < 0 {
			h[0], xs[j] = xs[j], h[0]
			down(0)
		}
	}
	return h
}

// memberValues are the members' values of each metric percentiles read (their pctKey),
// ascending: what the whole graph's sorted values hold beyond everyone but the members.
func (ix *teamIndex) memberValues(members []int) map[string][]float64 {
	out := map[string][]float64{}
	for name, xs := range ix.values {
		keys := make([]float64, len(members))
		for k, m := range members {
			keys[k] = pctKey(xs[m])
		}
		slices.Sort(keys)
		out[name] = keys
	}
	return out
}

// influenceLine is the HighQuantile of the influence of everyone within two hops of a team
// but the ignored (whole indices), each scored as s scores its people (percentiles among
// everyone but the members, as s.pctOf takes them, off the ranks and seniorities the index
// holds): the line the full two-hop map would draw.
//
// Tens of thousands of people a map: each is first placed by an estimate that ignores the
// members (ix.estimates: one multiplication), within bandSlack of their influence, and only
// those whose estimate is near the quantile's are scored exactly. The line is the one exact
// scoring of everyone gives, bit for bit (TestInfluenceLineBand): people whose estimate is
// under the band are below both order statistics quantileOf reads, those above it above.
func (ix *teamIndex) influenceLine(s *scorer, twoHops, members []int) float64 {
	return ix.line(s, twoHops, members, len(twoHops) >= 64)
}

// line is influenceLine, with band false scoring everyone exactly.
func (ix *teamIndex) line(s *scorer, twoHops, members []int, band bool) float64 {
	iw := s.opt.Influence
	var mine [3][]int32 // the members' ranks, ascending
	for i := range mine {
		for _, m := range members {
			mine[i] = append(mine[i], ix.ranks[m].below[i])
		}
		slices.Sort(mine[i])
	}
	pct := func(r *personRank, i int) float64 {
		if s.others < 2 {
			return 0
		}
		n, _ := slices.BinarySearch(mine[i], r.below[i])
		return float64(int(r.below[i])-n) / float64(s.others-1)
	}
	exact := func(v int) float64 {
		r := &ix.ranks[v]
		x := iw.PageRank*pct(r, 0) + iw.Betweenness*pct(r, 1) + iw.Seniority*r.senior + iw.Degree*pct(r, 2)
		if d := r.declared; !math.IsNaN(d) {
			x = d
		}
		return x
	}
	inf, est, who := ix.inf[:0], ix.est[:0], ix.who[:0]
	defer func() { ix.inf, ix.est, ix.who = inf[:0], est[:0], who[:0] }()
	for _, v := range twoHops {
		if !ix.ranks[v].ignored {
			who = append(who, int32(v))
		}
	}
	exactly := func() float64 { // everyone scored exactly
		inf = inf[:0]
		for _, v := range who {
			inf = append(inf, exact(int(v)))
		}
		return quantileOf(inf, s.opt.HighQuantile)
	}
	if s.others < 2 || !band {
		return exactly()
	}
	inv := 1 / float64(s.others-1)
	for _, v := range who {
		e := ix.estimates[v]
		est = append(est, e.ranks*inv+e.rest)
	}
	n := len(est)
	h := s.opt.HighQuantile * float64(n-1)
	k := int(math.Floor(h))
	if k < 0 || k >= n || slices.ContainsFunc(est, math.IsNaN) {
		return exactly()
	}
	// |exact − estimate| ≤ slack: the members moved below each person on each metric, at
	// most all of them, and rounding.
	slack := (math.Abs(iw.PageRank)+math.Abs(iw.Betweenness)+math.Abs(iw.Degree))*float64(len(members))*inv + 1e-9
	sel := append(inf, est...) // selectNth reorders: est stays in who's order
	ek := selectNth(sel, k)
	ek1 := ek
	if k+1 < n {
		ek1 = slices.Min(sel[k+1:])
	}
	lo, hi := ek-2*slack, ek1+2*slack
	under := 0
	near := sel[:0]
	for j, e := range est {
		switch {
		case e < lo:
			under++ // exact < ek − slack ≤ the k-th exact: before it
		case e <= hi:
			near = append(near, exact(int(who[j])))
		}
	}
	inf = sel
	// The k-th and (k+1)-th of everyone are the band's (k−under)-th and next, as quantileOf
	// reads them.
	kb := k - under
	if kb < 0 || kb >= len(near) { // never, by the bound: scored exactly all the same
		return exactly()
	}
	if k+1 >= n {
		return slices.Max(near)
	}
	a := selectNth(near, kb)
	b := slices.Min(near[kb+1:])
	return a + (h-math.Floor(h))*(b-a)
}

// influenceEstimate is influenceLine's estimate of a person's influence on any team's map:
// ranks·(1/(others−1)) + rest, with ranks the weighted count of everyone below them on the
// metrics influence reads and rest their seniority's part; a declared influence is rest alone.
// (The ignored are never on the line: influenceLine leaves them out.)
type influenceEstimate struct{ ranks, rest float64 }

// influenceEstimates are the estimates of people of ranks.
func influenceEstimates(ranks []personRank, iw InfluenceWeights) []influenceEstimate {
	out := make([]influenceEstimate, len(ranks))
	for v, r := range ranks {
		e := &out[v]
		switch {
		case !math.IsNaN(r.declared):
			e.rest = r.declared
		default:
			e.ranks = iw.PageRank*float64(r.below[0]) + iw.Betweenness*float64(r.below[1]) + iw.Degree*float64(r.below[2])
			e.rest = iw.Seniority * r.senior
		}
	}
	return out
}
