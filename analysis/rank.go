package analysis

import (
	"cmp"
	"math"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/relmap/relmap/importers"
)

// score computes every score of SPEC §3.4 and returns the ranked people: each person scored
// (person), tiers given, level 2 chosen (levelTwo), zones drawn, intro paths found, then
// ranked by importance.
func (s *scorer) score() []Person {
	// Every non-ego node takes part in the percentiles; level 2 is chosen among them.
	var others []int
	for i := 0; i < s.n; i++ {
		if i != s.ego {
			others = append(others, i)
		}
	}
	pc := s.metricPercentiles(others)
	if s.seniority == nil { // a team's map has its index's, shared by every team
		s.seniority = newSeniorityScorer(s.opt.Seniority)
	}
	people := make([]Person, len(others))
	for k, i := range others {
		people[k] = s.person(i, k, pc)
	}
	s.tiers(people, others)
	s.everyone = make([]Person, s.n)
	for k, i := range others {
		s.everyone[i] = people[k]
	}
	ranked, rankedOf := s.levelTwo(people, others)
	s.zones(ranked)
	if s.group && s.opt.TeamTop > 0 && len(ranked) > s.opt.TeamTop {
		// A team's work list, chosen before the intro paths, which then cost only its people.
		n := len(ranked)
		ranked, rankedOf = workList(ranked, rankedOf, s.opt.TeamTop, s.twoHop)
		s.cov.LeftOut = n - len(ranked)
	}
	s.cov.LeftOut += s.leftOut
	for k, i := range rankedOf {
		ranked[k].Reasons = s.reasons(i, &ranked[k])
	}
	s.introPaths(ranked, rankedOf)

	sort.SliceStable(ranked, func(a, b int) bool {
		if ranked[a].Importance != ranked[b].Importance {
			return ranked[a].Importance > ranked[b].Importance
		}
		return ranked[a].ID < ranked[b].ID
	})
	for k := range ranked {
		ranked[k].Rank = k + 1
	}
	s.cov.Ranked = len(ranked)
	s.coverage(others, rankedOf)
	s.statusRests(ranked, rankedOf)
	unknown := len(ranked) > 0
	for k := range ranked {
		unknown = unknown && ranked[k].StatusLabel == Unknown
	}
	if unknown {
		s.cov.Limits = append(s.cov.Limits, LimitNoStatus)
	}
	return ranked
}

// metricPcts are the metrics' percentiles, by position in score's others.
type metricPcts struct {
	pagerank, betweenness, degree, effectiveSize, harmonic, tie []float64
}

// metricPercentiles ranks every metric among others (a team's map: among everyone but the
// members, through its index), and keeps them by person in s.pct for the explanations.
func (s *scorer) metricPercentiles(others []int) metricPcts {
	of := func(metric string, f func(i int) float64) []float64 {
		out := make([]float64, len(others))
		if s.pctOf == nil {
			for k, i := range others {
				out[k] = f(i)
			}
			return percentiles(out)
		}
		for k, i := range others {
			if s.lean && s.context[i] {
				continue // never ranked, never explained
			}
			out[k] = s.pctOf(metric, i, f(i))
		}
		return out
	}
	pc := metricPcts{
		pagerank:      of("pagerank", func(i int) float64 { return s.pagerank[i] }),
		betweenness:   of("betweenness", func(i int) float64 { return s.betw[i] }),
		degree:        of("degree", func(i int) float64 { return float64(s.deg[i]) }),
		effectiveSize: of("effective_size", func(i int) float64 { return s.effs[i] }),
		harmonic:      of("harmonic", func(i int) float64 { return s.harm[i] }),
		tie:           of("tie", func(i int) float64 { return s.tie[i] }),
	}
	s.pct = map[string][]float64{}
	for name, p := range map[string][]float64{"pagerank": pc.pagerank, "betweenness": pc.betweenness, "degree": pc.degree,
		"effective_size": pc.effectiveSize, "harmonic": pc.harmonic, "tie": pc.tie} {
		byPerson := make([]float64, s.n)
		for k, i := range others {
			byPerson[i] = p[k]
		}
		s.pct[name] = byPerson
	}
	return pc
}

// person scores person i, others' k-th: every metric, influence, reach, importance, status and
// the why. On a lean team map a person there only for the intro paths gets what they read:
// the status label and the tie.
func (s *scorer) person(i, k int, pc metricPcts) Person {
	src := s.ds.People[i]
	if s.lean && s.context[i] {
		p := Person{ID: src.ID, Name: src.Name, Hops: s.hops[i], Tie: s.tie[i]}
		h, basis := s.status(i)
		p.Status, p.StatusLabel, p.StatusBasis = float64(h)/100, statusLabel(h, s.opt.Status), basis
		if !s.known(i) {
			p.Status, p.StatusLabel = math.NaN(), Unknown
		}
		return p
	}
	iw, rw := s.opt.Influence, s.opt.Reach
	p := Person{
		ID: src.ID, Name: src.Name, URL: src.URL, Company: src.Company, Title: src.Title,
		Category: s.category(i), Hops: s.hops[i], Tie: s.tie[i],
		PageRank: s.pagerank[i], Betweenness: s.betw[i], Harmonic: s.harm[i], Reach2: s.reach2[i],
		Constraint: s.cons[i], EffectiveSize: s.effs[i],
		Degree: s.deg[i], Strength: s.str[i], Community: s.community[i],
		Seniority: s.seniority.score(src.Title),
		Key:       src.Key, Team: src.Team, Department: src.Department,
	}
	p.Influence = iw.PageRank*pc.pagerank[k] + iw.Betweenness*pc.betweenness[k] + iw.Seniority*p.Seniority + iw.Degree*pc.degree[k]
	if d := src.Declared.Influence; !math.IsNaN(d) {
		p.Influence, p.InfluenceDeclared = d, true
	}
	p.Reach = rw.Reach2*p.Reach2 + rw.EffectiveSize*pc.effectiveSize[k] + rw.Harmonic*pc.harmonic[k]
	p.Importance = (pc.tie[k] + s.embeddedness(i) + p.Influence) / 3
	h, basis := s.status(i)
	p.Status = float64(h) / 100
	p.StatusLabel = statusLabel(h, s.opt.Status)
	p.StatusBasis = basis
	if !s.known(i) {
		p.Status, p.StatusLabel = math.NaN(), Unknown
	}
	p.EvidenceLabel = s.evidenceLabel(i, p.StatusLabel)
	if s.last[i] >= 0 {
		p.LastContact = time.Unix(s.last[i]*86400, 0).UTC()
		p.Dormant = s.asOfDay()-s.last[i] > int64(s.opt.Dormant.Days) && p.Importance >= s.opt.Dormant.Importance
	}
	return p
}

// levelTwo is who is ranked: neither the team nor ignored (SPEC §3.2, §2.7), and on a team's
// map within two hops of it; with their positions in the graph.
func (s *scorer) levelTwo(people []Person, others []int) ([]Person, []int) {
	var ranked []Person
	var rankedOf []int
	for k, i := range others {
		switch {
		case s.team[i]:
			s.cov.Team++
		case s.ignored[i]:
			s.cov.Ignored++
		case s.group && (s.hops[i] == 0 || s.hops[i] > 2):
			// A team's map lists the people within two hops of it (SPEC §4).
		case s.context != nil && s.context[i]:
			// On a work list's map for the intro paths only (teamIndex.workList).
		default:
			ranked = append(ranked, people[k])
			rankedOf = append(rankedOf, i)
		}
	}
	return ranked, rankedOf
}

// zones draws the influence line (the HighQuantile of the ranked people's influence, or the
// team maps' shared line) and gives each ranked person their zone.
func (s *scorer) zones(ranked []Person) {
	influence := make([]float64, len(ranked))
	for k := range ranked {
		influence[k] = ranked[k].Influence
	}
	s.high = quantile(influence, s.opt.HighQuantile)
	if s.highLine != nil {
		s.high = *s.highLine
	}
	for k := range ranked {
		ranked[k].Zone = zoneOf(ranked[k].Influence >= s.high, ranked[k].StatusLabel)
	}
}

// category is SPEC §3.2's: the config's client and provider lists matched on the company
// (normalised, aliases applied); then the ego's organisation but not the team is "other team";
// anyone else a "stakeholder".
func (s *scorer) category(i int) string {
	if d := s.ds.People[i].Declared.Category; d != "" {
		return d
	}
	co := s.company(s.ds.People[i].Company)
	switch {
	case co == "":
		return "stakeholder"
	case s.clients[co]:
		return "client"
	case s.providers[co]:
		return "provider"
	case co == s.company(s.ds.OwnerCompany):
		return "other team"
	}
	return "stakeholder"
}

// company is a company's comparable form: normalised, then folded by the config's aliases.
func (s *scorer) company(name string) string {
	co, ok := s.companies[name]
	if !ok {
		co = importers.NormalizeCompany(name)
		if s.companies == nil {
			s.companies = map[string]string{}
		}
		s.companies[name] = co
	}
	if canon, ok := s.aliases[co]; ok {
		return canon
	}
	return co
}

// embeddedness is |N(ego) ∩ N(v)| / min(|N(ego)|, |N(v)|) on G over open neighbourhoods; 0
// when either is empty. The ego's neighbours are marked once (egoMark), so each person costs
// their own degree, not the ego's.
func (s *scorer) embeddedness(v int) float64 {
	a := s.g.Adj[s.g.Off[s.ego]:s.g.Off[s.ego+1]]
	b := s.g.Adj[s.g.Off[v]:s.g.Off[v+1]]
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	degA, degB := len(a), len(b)
	if s.fullDeg != nil { // a team's map holds part of the whole graph
		degA, degB = s.fullDeg[s.ego], s.fullDeg[v]
	}
	if s.egoMark == nil {
		s.egoMark = make([]bool, s.g.N())
		for _, u := range a {
			s.egoMark[u] = true
		}
	}
	common := 0
	for _, u := range b {
		if s.egoMark[u] {
			common++
		}
	}
	return float64(common) / float64(min(degA, degB))
}

// tiers assigns the portfolio tier (SPEC §3.4) over everyone with a tie to the ego, with the
// sizes and hysteresis of Options.Tiers.
func (s *scorer) tiers(people []Person, others []int) {
	var withTie []int
	for k := range people {
		if people[k].Tie > 0 {
			withTie = append(withTie, k)
		}
	}
	sort.SliceStable(withTie, func(a, b int) bool {
		x, y := people[withTie[a]], people[withTie[b]]
		if x.Tie != y.Tie {
			return x.Tie > y.Tie
		}
		return x.ID < y.ID
	})
	t := s.opt.Tiers
	for r, k := range withTie {
		p := &people[k]
		switch {
		case p.Tie < t.MinTie || r >= t.Friends:
			p.Tier = Acquaintance
		case r < t.TrustedPartners:
			p.Tier = TrustedPartner
		default:
			p.Tier = Friend
		}
		p.Tier, p.TierBelow = holdTier(p.Tier, s.opt.PreviousTiers[p.ID], t.DemoteAfter)
	}
}

// TierState is a person's tier after a run and the runs in a row their rank was below it.
type TierState struct {
	Tier  Tier
	Below int
}

// tierOrder ranks the tiers, acquaintance lowest.
var tierOrder = map[Tier]int{Acquaintance: 1, Friend: 2, TrustedPartner: 3}

// holdTier applies the tiers' hysteresis (SPEC §3.4): a person whose rank earns a higher
// tier than last run's is promoted at once; one whose rank falls below last run's tier keeps
// it and drops on the demoteAfter-th run in a row below it (the second, by default). So a
// tier may briefly hold more people than its size.
func holdTier(earned Tier, prev TierState, demoteAfter int) (Tier, int) {
	if tierOrder[earned] >= tierOrder[prev.Tier] {
		return earned, 0
	}
	if prev.Below+1 >= demoteAfter {
		return earned, 0
	}
	return prev.Tier, prev.Below + 1
}

// introPaths finds, for each person, up to Options.IntroPaths (three) paths from the ego
// through one or two intermediaries — never the direct tie — each with a different first
// intermediary, ranked by the product of s(w) = w/(w+w̃) over their edges (w̃ the median edge
// weight of G), ties broken in favour of supporter intermediaries, then by id (SPEC §3.4).
// A path through an intermediary whose status label is detractor is used only when the person
// has no other path, and is then marked (IntroPath.Detractor); an intermediary of unknown
// status counts as neutral. The labels are the people's own (s.everyone, scored before).
func (s *scorer) introPaths(people []Person, others []int) {
	if s.g.NumEdges() == 0 {
		s.cov.NoIntroPath = len(people)
		return
	}
	is := s.newIntroSearch(others)
	for k, v := range others {
		is.touched = is.touched[:0]
		if s.outer != nil {
			is.viaOuter(v)
		} else {
			is.direct(v)
		}
		people[k].IntroPaths = is.kept(people[k].IntroPaths)
		for _, a := range is.touched {
			is.best[a] = introCand{}
		}
		if len(people[k].IntroPaths) == 0 {
			s.cov.NoIntroPath++
		}
	}
}

// introSearch is introPaths' state, kept from one person to the next: the best path through
// each first intermediary (best), and the intermediaries touched for the person at hand.
type introSearch struct {
	s                    *scorer
	str                  func(w float64) float64 // s(w) = w/(w+w̃)
	egoW                 []float64               // the ego's tie weight with each person; 0 none
	detractor, supporter []bool                  // by person: their status label
	best                 []introCand             // by first intermediary
	touched              []int                   // first intermediaries with a path to the person at hand
	top                  []int                   // viaOuter: the IntroPaths strongest free of detractors so far
	bound, floor         float64                 // viaOuter: paths weaker than bound cannot change the choice
}

// introCand is the best path found through one first intermediary.
type introCand struct {
	set       bool
	second    int32 // the second intermediary (ego – a – second – v), or −1 for ego – a – v
	strength  float64
	detractor bool // through a detractor of the ego
}

// betterPath reports whether x goes before y: a path free of detractors first, then the stronger.
func betterPath(x, y *introCand) bool {
	if x.detractor != y.detractor {
		return !x.detractor
	}
	return x.strength > y.strength
}

func (s *scorer) newIntroSearch(others []int) *introSearch {
	g := s.g
	median := s.medianTie // a team's map: the median of the whole graph, members merged
	if s.pctOf == nil {
		ws := make([]float64, 0, g.NumEdges())
		for v := 0; v < g.N(); v++ {
			for e := g.Off[v]; e < g.Off[v+1]; e++ {
				if int(g.Adj[e]) > v {
					ws = append(ws, g.W[e])
				}
			}
		}
		median = quantile(ws, 0.5)
	}
	is := &introSearch{s: s, str: func(w float64) float64 { return w / (w + median) }, egoW: make([]float64, s.n),
		detractor: make([]bool, s.n), supporter: make([]bool, s.n), best: make([]introCand, s.n)}
	for e := g.Off[s.ego]; e < g.Off[s.ego+1]; e++ {
		is.egoW[g.Adj[e]] = g.W[e]
	}
	for i := range s.everyone {
		is.detractor[i] = s.everyone[i].StatusLabel == Detractor
		is.supporter[i] = s.everyone[i].StatusLabel == Supporter
	}
	if s.outer != nil {
		s.outer.detractor = is.detractor
		s.outer.index(others, is.egoW, is.str)
	}
	return is
}

// consider keeps a path through a if it is a's best so far. second < −1: an intermediary off
// a lean team map, of unknown status (outerPaths).
func (is *introSearch) consider(a, second int, st float64) {
	c := introCand{set: true, second: int32(second), strength: st, detractor: is.detractor[a] || second >= 0 && is.detractor[second]}
	if !is.best[a].set {
		is.touched = append(is.touched, a)
		is.best[a] = c
	} else if betterPath(&c, &is.best[a]) {
		is.best[a] = c
	}
}

// direct finds v's paths on the map's own graph: ego – b – v and ego – a – b – v.
func (is *introSearch) direct(v int) {
	g, ego, str := is.s.g, is.s.ego, is.str
	for e := g.Off[v]; e < g.Off[v+1]; e++ {
		b, wbv := int(g.Adj[e]), g.W[e]
		if b == ego {
			continue
		}
		sbv := str(wbv)
		if is.egoW[b] > 0 { // ego – b – v
			is.consider(b, -1, str(is.egoW[b])*sbv)
		}
		for f := g.Off[b]; f < g.Off[b+1]; f++ { // ego – a – b – v
			a := int(g.Adj[f])
			if a == ego || a == v || is.egoW[a] == 0 {
				continue
			}
			is.consider(a, b, str(is.egoW[a])*str(g.W[f])*sbv)
		}
	}
}

// viaOuter finds v's paths on a team map's outer index (outerPaths), with consider written out
// for the paths through two intermediaries: tens of millions of them in a run of every team's
// map. Once IntroPaths first intermediaries have a path free of detractors, a path weaker than
// the weakest of them (or through a detractor) cannot change which are kept, nor their paths:
// paths skips them (the bound: top's weakest, −∞ until top is full).
func (is *introSearch) viaOuter(v int) {
	o := is.s.outer
	is.top = is.top[:0]
	is.bound = o.floor(v, is.egoW, is.str, is.s.opt.IntroPaths)
	is.floor = is.bound
	o.paths(v, is.egoW, is.str, &is.bound, func(a, second int, st float64) {
		is.consider(a, second, st)
		is.note(a)
	}, func(a, second int, secondDetractor bool, st float64) {
		d := is.detractor[a] || secondDetractor
		c := &is.best[a]
		switch {
		case !c.set:
			is.touched = append(is.touched, a)
		case d == c.detractor && st > c.strength, d != c.detractor && !d:
		default:
			return
		}
		*c = introCand{set: true, second: int32(second), strength: st, detractor: d}
		is.note(a)
	})
}

// note raises the bound once best[a] has changed (viaOuter).
func (is *introSearch) note(a int) {
	n, best := is.s.opt.IntroPaths, is.best
	if best[a].detractor || n <= 0 {
		return
	}
	if !slices.Contains(is.top, a) {
		if len(is.top) < n {
			is.top = append(is.top, a)
		} else {
			weakest := 0
			for j := range is.top {
				if best[is.top[j]].strength < best[is.top[weakest]].strength {
					weakest = j
				}
			}
			if best[a].strength <= best[is.top[weakest]].strength {
				return
			}
			is.top[weakest] = a
		}
	}
	if len(is.top) == n {
		is.bound = max(is.floor, best[is.top[0]].strength)
		for _, x := range is.top[1:] {
			is.bound = max(is.floor, min(is.bound, best[x].strength))
		}
	}
}

// kept appends to paths the person's IntroPaths best paths, each through a different first
// intermediary, in order: free of detractors first, then the stronger, then through a
// supporter, then by id; a path through a detractor only when there is no other.
func (is *introSearch) kept(paths []IntroPath) []IntroPath {
	s, best := is.s, is.best
	order := func(x, y int) int {
		cx, cy := &best[x], &best[y]
		switch {
		case betterPath(cx, cy):
			return -1
		case betterPath(cy, cx):
			return 1
		}
		if sx, sy := is.supporter[x], is.supporter[y]; sx != sy {
			if sx {
				return -1
			}
			return 1
		}
		return strings.Compare(s.ds.People[x].ID, s.ds.People[y].ID)
	}
	// The first IntroPaths in that order (a total one): chosen, then sorted, not all sorted.
	keep := smallest(is.touched, min(len(is.touched), s.opt.IntroPaths), order)
	slices.SortFunc(keep, order)
	if len(keep) > 0 && !best[keep[0]].detractor { // another path exists: no detractor's
		for j, a := range keep {
			if best[a].detractor {
				keep = keep[:j]
				break
			}
		}
	}
	for _, a := range keep {
		p := IntroPath{Strength: best[a].strength, Detractor: best[a].detractor}
		via := []*importers.Person{&s.ds.People[a]}
		switch b := best[a].second; {
		case b >= 0:
			via = append(via, &s.ds.People[b])
		case b < -1:
			via = append(via, &s.outer.people[-2-b])
		}
		for _, h := range via {
			p.Via = append(p.Via, Hop{ID: h.ID, Name: h.Name})
		}
		paths = append(paths, p)
	}
	return paths
}

// coverage fills the analysis side of SPEC §3.5.
func (s *scorer) coverage(others, ranked []int) {
	connections, withEmail, contacted := 0, 0, 0
	for _, i := range others {
		p := s.ds.People[i]
		if p.Connected {
			connections++
			if p.Email != "" {
				withEmail++
			}
		}
	}
	for _, i := range ranked {
		if s.onlyGroup[i] {
			s.cov.OnlyCoParticipation++
		}
		if s.interacted[i] {
			contacted++
		}
	}
	if s.pctOf != nil { // a team's map: everyone but the members, not only its people
		connections, withEmail = s.connections, s.withEmail
	}
	if connections > 0 {
		s.cov.WithEmail = float64(withEmail) / float64(connections)
	}
	if len(ranked) > 0 {
		s.cov.WithInteraction = float64(contacted) / float64(len(ranked))
	}
	s.cov.Limits = limits(&s.ds.Coverage)
}

// limits are what the data given cannot show (SPEC §3.5): each only where it holds for these
// inputs.
func limits(c *importers.Coverage) []Limit {
	var out []Limit
	if c.FromLinkedIn() {
		out = append(out, LimitNoSecondDegree)
	}
	if c.Undated {
		out = append(out, LimitUndated)
	}
	return out
}

// statusRests fills what the ranked people's status rests on (SPEC §3.4, issue 15): how many
// each signal fired for, how many are unknown, the sources the inputs lack, whether answers
// were read against fixed shares, and how many are habitually silent.
func (s *scorer) statusRests(ranked []Person, rankedOf []int) {
	s.cov.StatusFrom = map[string]int{}
	for k := range ranked {
		if ranked[k].StatusLabel == Unknown {
			s.cov.StatusUnknown++
		}
		for _, b := range ranked[k].StatusBasis {
			s.cov.StatusFrom[b]++
		}
	}
	anySentiment, anyRec, anyEnd := false, false, false
	for i := range s.sentiments {
		anySentiment = anySentiment || s.sentiments[i] > 0
		anyRec = anyRec || s.recommends[i]
		anyEnd = anyEnd || s.endorses[i] > 0
	}
	s.cov.NoSentiment, s.cov.NoRecommendations, s.cov.NoEndorsements = !anySentiment, !anyRec, !anyEnd
	s.cov.FixedShares = !s.orgLog && s.cov.StatusFrom["answers"]+s.cov.StatusFrom["unanswered"] > 0
	for _, v := range rankedOf {
		if math.IsNaN(s.ds.People[v].Declared.Status) && s.habitualSilence(v) {
			s.cov.HabituallySilent++
		}
	}
}

// workList is a team's map cut to a work list of at most top people (SPEC §4, Options.TeamTop):
// those with a direct tie to a member first (the team's strongest ties first, when they are
// more than top: the people it works with most), then those two hops away by twoHop, the
// strength of their strongest intro path through one intermediary; ties broken by id; ranked
// and rankedOf (its people's indices) cut alike.
func workList(ranked []Person, rankedOf []int, top int, twoHop func(v int) float64) ([]Person, []int) {
	order := make([]int, len(ranked))
	via := make([]float64, len(ranked))
	for k := range order {
		order[k] = k
		if ranked[k].Hops != 1 {
			via[k] = twoHop(rankedOf[k])
		}
	}
	slices.SortStableFunc(order, func(a, b int) int {
		pa, pb := &ranked[a], &ranked[b]
		da, db := pa.Hops == 1, pb.Hops == 1
		switch {
		case da != db:
			if da {
				return -1
			}
			return 1
		case da:
			if c := cmp.Compare(pb.Tie, pa.Tie); c != 0 {
				return c
			}
		default:
			if c := cmp.Compare(via[b], via[a]); c != 0 {
				return c
			}
		}
		return cmp.Compare(pa.ID, pb.ID)
	})
	keep := order[:top]
	slices.Sort(keep) // the people in their former order
	people, of := make([]Person, len(keep)), make([]int, len(keep))
	for k, i := range keep {
		people[k], of[k] = ranked[i], rankedOf[i]
	}
	return people, of
}

// twoHop is the strength of v's strongest path to the ego through one intermediary, as intro
// paths score it (the product of s(w) = w/(w+w̃) over its two ties; a team's map: w̃ the merged
// whole graph's median tie); 0 when there is none.
func (s *scorer) twoHop(v int) float64 {
	g := s.g
	str := func(w float64) float64 { return w / (w + s.medianTie) }
	best := 0.0
	for e := g.Off[v]; e < g.Off[v+1]; e++ {
		if a := int(g.Adj[e]); a != s.ego && s.tie[a] > 0 {
			best = max(best, str(s.tie[a])*str(g.W[e]))
		}
	}
	return best
}

// outerPaths is the whole graph a lean team map's intro paths are searched on (scorer.outer):
// the map holds the team, its direct ties, its list and the intermediaries two hops away with
// evidence of their status; the others are off it, their status unknown.
type outerPaths struct {
	g      *Graph
	member []bool             // whole index → on the team (the map's ego)
	mark   []int32            // whole index → local index + 1; 0 off the map
	whole  []int              // local index → whole index
	people []importers.Person // by whole index

	// The neighbours among the team's direct ties (local indices, ascending) of each person
	// next to someone whose paths are searched, with the strength of the path's first two
	// ties, s(tie) · s(w): nearA[near[b].start:near[b].start+near[b].count] for whole index b,
	// filled by index for the people in touched. near is the worker's scratch (one record a
	// person, so that a person's figures are one memory access), zero outside touched.
	near    []nearRec
	rel     []uint64  // a bit a person, by whole index: in touched (relevant)
	firsts  []int     // floor's scratch: first intermediaries and their strongest path,
	firstS  []float64 // at firstAt[a]−1 (by local index; 0 for none)
	firstAt []int32
	nearA   []int32 // index's lists, in scratch a worker keeps from map to map
	nearS   []float64
	touched []int32

	detractor []bool // by local index, the map's detractors (introPaths)
}

// nearRec is what outerPaths keeps of a person next to someone whose paths are searched.
type nearRec struct {
	start, count int32   // their list in nearA and nearS
	free         int32   // 1 + the index in nearA of their strongest first intermediary who is no detractor; 0 for none
	strongest    float64 // the strongest of their list's strengths
}

// index fills, for each neighbour of the people whose paths are searched (local indices),
// their neighbours among the direct ties (egoW > 0, local indices): a path's first
// intermediary is one of them. It walks the direct ties' rows, in order, twice: to count, then
// to fill.
func (o *outerPaths) index(people []int, egoW []float64, str func(float64) float64) {
	g := o.g
	for _, v := range people {
		wv := o.whole[v]
		for _, x := range g.Adj[g.Off[wv]:g.Off[wv+1]] {
			if b := int(x); !o.member[b] && !o.relevant(x) {
				o.rel[b>>6] |= 1 << (b & 63)
				o.touched = append(o.touched, int32(b))
			}
		}
	}
	for a, wa := range o.whole {
		if egoW[a] == 0 {
			continue
		}
		for _, x := range g.Adj[g.Off[wa]:g.Off[wa+1]] {
			if o.relevant(x) {
				o.near[x].count++
			}
		}
	}
	at := int32(0)
	for _, b := range o.touched {
		r := &o.near[b]
		r.start, at = at, at+r.count
		r.count = 0 // counts again as it fills
	}
	o.nearA, o.nearS = slices.Grow(o.nearA[:0], int(at))[:at], slices.Grow(o.nearS[:0], int(at))[:at] // each filled below
	for a, wa := range o.whole {
		if egoW[a] == 0 {
			continue
		}
		sa := str(egoW[a])
		for e := g.Off[wa]; e < g.Off[wa+1]; e++ {
			b := g.Adj[e]
			if !o.relevant(b) {
				continue
			}
			r := &o.near[b]
			i := r.start + r.count
			o.nearA[i], o.nearS[i] = int32(a), sa*str(g.W[e])
			r.strongest = max(r.strongest, o.nearS[i])
			if f := r.free; !o.detractor[a] && (f == 0 || o.nearS[i] > o.nearS[f-1]) {
				r.free = i + 1
			}
			r.count++
		}
	}
}

// floor is a strength the k-th strongest first intermediary of v's paths free of detractors
// reaches at least (−∞ when there may be fewer than k): the k-th strongest, by first
// intermediary, of v's paths through one intermediary and of the strongest path through each
// second one. Paths weaker than it cannot change which paths introPaths keeps.
func (o *outerPaths) floor(v int, egoW []float64, str func(float64) float64, k int) float64 {
	if k <= 0 {
		return math.Inf(-1)
	}
	if o.firstAt == nil {
		o.firstAt = make([]int32, len(o.whole))
	}
	for _, a := range o.firsts {
		o.firstAt[a] = 0
	}
	o.firsts, o.firstS = o.firsts[:0], o.firstS[:0]
	add := func(a int, st float64) {
		if j := o.firstAt[a] - 1; j >= 0 {
			o.firstS[j] = max(o.firstS[j], st)
			return
		}
		o.firsts, o.firstS = append(o.firsts, a), append(o.firstS, st)
		o.firstAt[a] = int32(len(o.firsts))
	}
	g := o.g
	wv := o.whole[v]
	for e := g.Off[wv]; e < g.Off[wv+1]; e++ {
		wb := int(g.Adj[e])
		if o.member[wb] {
			continue
		}
		sbv := str(g.W[e])
		b := int(o.mark[wb]) - 1
		if b >= 0 && o.detractor[b] {
			continue // every path through b is through a detractor
		}
		if b >= 0 && egoW[b] > 0 { // team – b – v
			add(b, str(egoW[b])*sbv)
		}
		if f := o.near[wb].free; f > 0 && int(o.nearA[f-1]) != v { // team – a – b – v
			add(int(o.nearA[f-1]), o.nearS[f-1]*sbv)
		}
	}
	if len(o.firsts) < k {
		return math.Inf(-1)
	}
	s := slices.Clone(o.firstS)
	slices.Sort(s)
	return s[len(s)-k]
}

// relevant reports whether b (a whole index) is next to someone whose paths are searched: a
// bit a person, so that the walks over the direct ties' rows, which mostly meet others, read
// a few kilobytes for them.
func (o *outerPaths) relevant(b int32) bool { return o.rel[b>>6]&(1<<(b&63)) != 0 }

// reset zeroes the worker's scratch.
func (o *outerPaths) reset() {
	for _, b := range o.touched {
		o.near[b] = nearRec{}
		o.rel[b>>6] = 0
	}
}

// paths calls consider with every path from the team to v (a local index) through one or two
// intermediaries, as introPaths finds them on a map: the first intermediary a local index, the
// second −1 (none), a local index, or −2 − its whole index when it is off the map. The order
// is the map's: the whole graph's rows, and index's lists, are in the same order as its. Paths
// through two intermediaries go to consider2 instead, with whether the second is a detractor
// (o.detractor; off the map, never), unless weaker than *bound.
func (o *outerPaths) paths(v int, egoW []float64, str func(float64) float64, bound *float64, consider func(a, second int, st float64),
	consider2 func(a, second int, secondDetractor bool, st float64)) {
	g := o.g
	wv := o.whole[v]
	for e := g.Off[wv]; e < g.Off[wv+1]; e++ {
		wb := int(g.Adj[e])
		if o.member[wb] {
			continue // the team
		}
		sbv := str(g.W[e])
		b := int(o.mark[wb]) - 1
		if b >= 0 && egoW[b] > 0 { // team – b – v
			consider(b, -1, str(egoW[b])*sbv)
		}
		r := &o.near[wb]
		if r.strongest*sbv < *bound {
			continue // every path through b is weaker than those kept
		}
		second, secondDetractor := b, b >= 0 && o.detractor[b]
		if b < 0 {
			second = -2 - wb
		}
		for i := r.start; i < r.start+r.count; i++ { // team – a – b – v
			if a, st := int(o.nearA[i]), o.nearS[i]*sbv; a != v && st >= *bound {
				consider2(a, second, secondDetractor, st)
			}
		}
	}
}
