// Package analysis scores a Dataset into a ranked, explained map of second-level relationships
// (SPEC §3): tie strength, network position around the ego, influence, reach, importance,
// status, zones, tiers and introduction paths. It is deterministic: the as-of day comes from
// the data, nodes are ordered by id and every sum runs in a fixed order.
//
// It gives figures, not sentences: a person's reasons (Reason), an explanation's signals and
// evidence, and the coverage's limits and status sources are kinds and counts, which package
// reports and the command word. Its options (Options) carry their relmap.yaml keys as yaml
// tags.
package analysis

import (
	"cmp"
	"errors"
	"maps"
	"math"
	"math/bits"
	"slices"
	"time"

	"github.com/relmap/relmap/fold"
	"github.com/relmap/relmap/importers"
)

// Options are the model's parameters; the zero value is not useful: start from DefaultOptions.
type Options struct {
	HalfLife     float64 // days for evidence to lose half its weight (H, 180)
	Floor        float64 // the least a decayed piece of evidence keeps (0.05)
	HighQuantile float64 // influence at or above this quantile of the ranked people is high (0.75)
	Seniority    []SeniorityRule
	Workers      int    // goroutines for the path metrics; 0 means one per core
	Seed         uint64 // for the random choices (Louvain's visiting order, sampled sources)
	ExactLimit   int    // above this many people around the ego, betweenness and harmonic are sampled
	Pivots       int    // how many sources a sampled run takes, at most
	SampleBudget int64  // the most adjacency entries a sampled run's searches visit in all: fewer sources on a larger graph; 0 no limit
	MinGroup     int    // the fewest people a row of a community or organisation table may describe (5)
	// TeamTop bounds a team's map to a work list (SPEC §4): the people with a direct tie to a
	// member (strongest ties first), then the strongest of those two hops away by intro-path
	// strength, at most TeamTop
	// in all (250); 0 lists everyone within two hops. Zones and percentiles stay those of
	// everyone within two hops, so that team maps compare with each other.
	TeamTop int

	// The weights and thresholds of the scores (SPEC §3.1, §3.4), each documented on its
	// type; Validate says what ranges they must keep.
	// Their yaml tags are their keys under model: in relmap.yaml.
	Bases      Bases            `yaml:"bases"`       // tie-strength bases and the broadcast bound (§3.1)
	Status     StatusRules      `yaml:"status"`      // status signals, their windows, and the labels' thresholds (§3.4)
	Influence  InfluenceWeights `yaml:"influence"`   // influence's weights (§3.4)
	Reach      ReachWeights     `yaml:"reach"`       // reach's weights (§3.4)
	Tiers      TierRules        `yaml:"tiers"`       // the portfolio tiers' sizes and hysteresis (§3.4)
	Dormant    DormantRule      `yaml:"dormant"`     // when a tie is dormant (§3.4)
	IntroPaths int              `yaml:"intro_paths"` // the most intro paths kept per person (§3.4): 3

	// PreviousCommunities are the last run's communities (person id → name): a community
	// keeps the name of the one it overlaps most, so groups can be followed from run to run.
	PreviousCommunities map[string]string

	// PreviousTiers are the last run's tiers (person id → tier and runs below it), for the
	// tiers' hysteresis: promoted at once, demoted after Tiers.DemoteAfter (two) runs below the
	// bound (SPEC §3.4).
	PreviousTiers map[string]TierState
	// TeamTiers are the last run's tiers of each team's map, by team name, for TeamMaps;
	// when set, a team's map holds tiers by its own entry, not by PreviousTiers.
	TeamTiers map[string]map[string]TierState

	Team      []string            // the immediate team (level 1): ids, e-mails, profile URLs or names
	Clients   []string            // companies whose people are clients
	Providers []string            // companies whose people are providers
	Aliases   map[string][]string // a company's name → other spellings of it, folded together
	Ignore    Ignore              // people kept in the graph but never ranked
}

// Ignore says who is never ranked (SPEC §2.7): whole names, companies, or title words such as
// "recruiter", matched case-insensitively.
type Ignore struct {
	Names, Companies, Titles []string
}

// DefaultOptions returns the defaults of SPEC §3.
func DefaultOptions() Options {
	return Options{HalfLife: 180, Floor: 0.05, HighQuantile: 0.75, Seniority: DefaultSeniority, Seed: 1,
		ExactLimit: 20000, Pivots: 2048, SampleBudget: 4_000_000_000, MinGroup: 5, TeamTop: 250,
		Bases: Bases{Direct: 1, Group: 1, GroupOthers: 0.5, MaxParticipants: 20, Endorsement: 0.5, Recommendation: 5,
			Connection: 0.1, Invitation: 0.1, Manager: 1, Declared: 1},
		Status: StatusRules{Recommendation: 60, Endorsement: 20, EndorsementsMax: 40,
			Unanswered: -40, Answers: 15, UnansweredBelow: 30, AnswersFrom: 80, AnswerDays: 14, AskedDays: 180, MinAsked: 3, MinEarlierAsked: 1,
			MinOthersAsked: 5, AnswerPrior: 3, ShortfallTolerance: 15, ShortfallFull: 50, LeadFull: 25,
			Initiative: 20, MinInitiative: 4, InitiativeLeadFull: 30, Inclusion: 20, MinInclusion: 3, InclusionFull: 3,
			Exclusion: -20, MinExclusion: 3, ExclusionFull: 3,
			Cooling: -20, CoolingDays: 90, CoolingShare: 50, CoolingMinBefore: 4,
			Invitation: -10, InvitationDays: 30, MinSentiments: 2, Supporter: 25, Detractor: -25},
		Influence:  InfluenceWeights{PageRank: 0.35, Betweenness: 0.25, Seniority: 0.25, Degree: 0.15},
		Reach:      ReachWeights{Reach2: 0.5, EffectiveSize: 0.25, Harmonic: 0.25},
		Tiers:      TierRules{TrustedPartners: 15, Friends: 50, MinTie: 0.5, DemoteAfter: 2},
		Dormant:    DormantRule{Days: 90, Importance: 0.5},
		IntroPaths: 3,
	}
}

// Score turns a Dataset into a Result.
func Score(ds *importers.Dataset, opt Options) (*Result, error) {
	r, _, err := score(ds, opt)
	return r, err
}

// ErrNoEgo is Score's answer for a Dataset with no one at its centre (Dataset.Ego −1): an
// organisation's, whose maps are its teams' (TeamMaps).
var ErrNoEgo = errors.New("no one at the centre of the map: the dataset has no ego; map its teams instead")

func score(ds *importers.Dataset, opt Options) (*Result, *scorer, error) {
	if ds == nil || len(ds.People) == 0 {
		return nil, nil, errors.New("no people in the inputs")
	}
	if ds.Ego < 0 || ds.Ego >= len(ds.People) {
		return nil, nil, ErrNoEgo
	}
	if opt.Pivots < 1 {
		opt.Pivots = 1
	}
	if err := opt.Validate(); err != nil {
		return nil, nil, err
	}
	s := &scorer{ds: ds, opt: opt, n: len(ds.People), ego: ds.Ego}
	s.cov = Coverage{Coverage: ds.Coverage, AsOfFrom: ds.AsOfFrom}
	s.cov.Files = append([]importers.FileCoverage(nil), ds.Coverage.Files...)
	s.cov.NamesAmbiguous = append([]string(nil), ds.Coverage.NamesAmbiguous...)
	s.rules()
	s.weigh()
	s.metrics()
	s.signals()
	people := s.score()
	r := s.result(Ego{ID: ds.People[s.ego].ID, Name: ds.People[s.ego].Name, URL: ds.People[s.ego].URL, Company: ds.OwnerCompany}, people)
	r.Network = s.network()
	return r, s, nil
}

// result is the map of ego with its ranked people: what every map holds, the one person's
// and each team's alike (its Network aside).
func (s *scorer) result(ego Ego, people []Person) *Result {
	r := &Result{
		Ego:           ego,
		AsOf:          s.ds.AsOf,
		People:        people,
		Coverage:      s.cov,
		HighInfluence: s.high,
		SupporterFrom: float64(s.opt.Status.Supporter) / 100,
		DetractorFrom: float64(s.opt.Status.Detractor) / 100,
		DormantDays:   s.opt.Dormant.Days,
		Model:         ModelOf(s.opt),
	}
	r.tables(s.opt.MinGroup)
	return r
}

// scorer carries one scoring run's intermediate state.
type scorer struct {
	ds  *importers.Dataset
	opt Options
	n   int
	ego int
	cov Coverage

	g        *Graph    // G: every person
	tie      []float64 // w(ego, v)
	hops     []int     // on G, from the ego; 0 unreachable (or the ego)
	sub      *Graph    // G − ego
	subOf    []int     // person → node of G − ego, -1 for the ego
	pagerank []float64 // per person; NaN for the ego
	betw     []float64
	harm     []float64
	reach2   []float64
	cons     []float64
	effs     []float64

	// per-person interaction facts
	last                []int64 // unix day of the last interaction with the ego, -1 never
	anyContact          []bool
	onlyGroup           []bool
	interacted          []bool // any interaction with anyone (units), for coverage
	answered            []int  // of the ego's recent messages to v, answered
	asked               []int  // the ego's recent messages to v
	earlierAsked        []int  // the ego's messages to v before the answer window (older than AskedDays)
	earlierFrom         []int  // v's messages to the ego before it
	recent              []int  // interactions with the ego in the last 90 days
	before              []int  // in the 90 days before that
	recommends          []bool
	endorses            []int
	pending             []bool
	askedSince          []int64 // day of the first unanswered-or-not message counted in the answer rate
	pendingSince        []int64 // day of the first still-pending invitation
	sentiments          []int   // interactions between the ego and v that carry a sentiment
	sentimentMillionths []int64 // their sum
	opened, egoOpened   []int   // threads with the ego v opened, and the ego opened (initiative)
	includes            []int   // v's group messages to the ego and others
	metInGroup          []bool  // v and the ego in a group row in the last AskedDays days
	openedMedian        float64 // the share of threads the ego's contacts open, their median
	includesMedian      float64 // the group messages they bring the ego into, their median
	orgLog              bool    // the inputs show 1:1 messages between others: people's habits are known

	high float64 // influence at which "high" starts
	// highLine, when set, is where high starts instead of the ranked people's quantile (a
	// team's work list: the line of its whole two-hop map); leftOut counts the people a work
	// list left out before scoring.
	highLine *float64
	leftOut  int
	context  []bool // a work list's people who are on its map only as intermediaries of intro paths
	lean     bool   // and who are scored only as far as intro paths read them: their status
	// outer, on a lean team map, is the whole graph its intro paths search: the intermediaries
	// two hops away with no evidence of their status are off the map (teamIndex.teamMap).
	outer *outerPaths

	everyone           []Person             // every non-ego person scored, by index, ranked or not
	connected          []bool               // a LinkedIn connection of anyone (in practice, of the ego)
	deg                []int                // degree in the graph the metrics ran on
	str                []float64            // strength there
	group              bool                 // the ego is a team (SPEC §2.7)
	pct                map[string][]float64 // percentile of each metric, per person
	seniority          *seniorityScorer
	community          []string // per person: its community's name; empty alone or for the ego
	team, ignored      []bool
	clients, providers map[string]bool   // normalised, aliases applied
	aliases            map[string]string // normalised spelling → normalised canonical name
	companies          map[string]string // NormalizeCompany's results, by spelling (a team's map: its index's, shared)

	// The whole graph's per-person facts a team's map needs (weigh): a 1:1 row, a group row,
	// and any tie at all.
	direct, grouped []bool
	hasTie          []bool

	// The folded interactions (weigh): the units status and explanations read, in fold order,
	// and the names of their conversations and channels.
	units        []fold.Unit
	convs, chans fold.Names
	rowConv      []int32 // the whole graph of team maps: each interaction's conversation number (teamRows)
	rowOrder     []int32 // and the interactions but broadcasts, by conversation and day (stably), as weigh folds them

	// Every person's answers to everyone (norms.go): the asks weigh keeps, and what they give.
	askRecs                 []askRec
	normAsked, normAnswered []int32
	normOff                 []int32   // person → their senders in normBy
	normBy                  []askedBy // per person asked, each sender's share of their norm
	teamRecs                []teamRec // group units with a member of the ego's team (exclusion)
	excluded                []int     // per person: group meetings with 2+ of the ego's team, without the ego

	// A team's map, drawn on part of the whole graph (teamIndex.teamMap), reads these off the
	// whole graph instead: percentiles among everyone but the members, degrees with the
	// members merged, how many people are not on the team and how many of them are
	// connections (with an e-mail), and the median tie.
	pctOf                  func(metric string, j int, x float64) float64
	fullDeg                []int
	others                 int
	connections, withEmail int
	medianTie              float64

	egoMark []bool // the ego's neighbours on G (embeddedness)
}

func (s *scorer) asOfDay() int64 { return s.ds.AsOf.Unix() / 86400 }

// dayOf is the calendar day of t in the run's time zone (--tz, SPEC §2.5), as days since
// 1970-01-01: days are what decay, windows and "last contact" count.
func (s *scorer) dayOf(t time.Time) int64 {
	loc := s.ds.TZ
	if loc == nil || loc == time.UTC {
		u := t.Unix()
		if u < 0 && u%86400 != 0 {
			return u/86400 - 1
		}
		return u / 86400
	}
	y, m, d := t.In(loc).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix() / 86400
}

// decay is d(age) of SPEC §3.1 for evidence on unix day d.
func (s *scorer) decay(d int64) float64 {
	age := float64(s.asOfDay() - d)
	if age < 0 {
		age = 0
	}
	return math.Max(math.Pow(0.5, age/s.opt.HalfLife), s.opt.Floor)
}

// weigh builds G from the evidence (SPEC §3.1).
//
// Interactions are folded into units (package fold): one per pair, conversation and day, with
// the largest base any of its rows gives the pair there. The rows are visited grouped by
// conversation and day (conversations numbered in the order they first appear), so that each
// group's units are settled inside it: the memory beyond the rows grows with the pairs and one
// group, not with every unit of the run. Units read from a pairs file (already folded) join
// them. Weights are summed in fixed point (2⁻⁶⁴, type fixed), so that the sum does not depend on the order
// units arrive in: a run on the rows and a run on their folded pairs give the same bytes.
//
// The units that status and explanations read are kept (s.units): the ego's. A team's map
// folds its members' rows again (memberUnits).
func (s *scorer) weigh() {
	s.direct, s.grouped = make([]bool, s.n), make([]bool, s.n)
	s.numberChannels()
	convOf, dayOf, rows := s.groupedRows()
	var sums pairSums
	bases := s.opt.Bases.fold()
	lastDay, lastDecay := int32(math.MinInt32), 0.0 // a group's units share their day
	unit := func(u *fold.Unit) {
		if u.Day != lastDay {
			lastDay, lastDecay = u.Day, s.decay(int64(u.Day))
		}
		sums.add(int(u.A), int(u.B), u.Base(bases)*lastDecay)
		if u.Direct > 0 {
			s.direct[u.A], s.direct[u.B] = true, true
		}
		if u.Grouped() {
			s.grouped[u.A], s.grouped[u.B] = true, true
		}
		if int(u.A) == s.ego || int(u.B) == s.ego {
			s.units = append(s.units, *u)
		}
		s.keepAsks(u)
		s.keepTeamMeets(u)
	}
	s.foldGroups(rows, func(k int) (int32, int32) { return convOf[rows[k]], dayOf[rows[k]] }, unit)
	if s.ego < 0 {
		// Every team's map folds its members' rows again (memberUnits), in this order.
		s.rowConv, s.rowOrder = convOf, rows
	}
	convOf, dayOf, rows = nil, nil, nil
	for _, u := range s.ds.Units {
		u.Conv, u.Channel = s.convID(s.ds.UnitNames[u.Conv]), s.chanID(s.ds.UnitNames[u.Channel])
		unit(&u)
	}
	slices.SortFunc(s.units, func(x, y fold.Unit) int { return fold.Compare(&x, &y) })
	s.answerNorms()
	s.exclusions()
	s.tieWeights(&sums)
	s.graph(sums.edges())
}

// numberChannels numbers the channels in their sorted order, so that a unit's tie on the
// fewest participants goes to the smallest channel name whatever the order rows come in.
func (s *scorer) numberChannels() {
	ins := s.ds.Interactions
	channels := map[string]bool{}
	last := ""
	for i := range ins {
		if c := ins[i].Channel; i == 0 || c != last {
			channels[c], last = true, c
		}
	}
	for _, u := range s.ds.Units {
		channels[s.ds.UnitNames[u.Channel]] = true
	}
	for _, c := range slices.Sorted(maps.Keys(channels)) {
		s.chanID(c)
	}
}

// groupedRows numbers each interaction's conversation and day, and returns the rows to fold
// (broadcasts, past MaxParticipants, left out and counted) sorted by conversation and day.
func (s *scorer) groupedRows() (convOf, dayOf, rows []int32) {
	ins := s.ds.Interactions
	convOf = make([]int32, len(ins))
	dayOf = make([]int32, len(ins))
	rows = make([]int32, 0, len(ins))
	for i := range ins {
		in := &ins[i]
		if len(in.To)+1 > s.opt.Bases.MaxParticipants {
			s.cov.Broadcasts++
			continue
		}
		convOf[i], dayOf[i] = s.convID(conversation(*in)), int32(s.dayOf(in.Time))
		rows = append(rows, int32(i))
	}
	slices.SortStableFunc(rows, func(a, b int32) int {
		if c := cmp.Compare(convOf[a], convOf[b]); c != 0 {
			return c
		}
		return cmp.Compare(dayOf[a], dayOf[b])
	})
	return convOf, dayOf, rows
}

// pairSums sums the weight of each pair of people, in fixed point.
type pairSums struct {
	of   map[uint64]int32 // u<<32 | v (u < v) → index into keys and w
	keys []uint64
	w    []fixed
}

// add adds w to the pair u, v. A term under the sum's resolution (2⁻⁶⁴: evidence decayed to
// nothing with floor 0) adds nothing, as a weight of 0 does: it never makes a pair of weight 0.
func (ps *pairSums) add(u, v int, w float64) {
	if u == v || !(w > 0) {
		return
	}
	x := units(w)
	if x.isZero() {
		return
	}
	if u > v {
		u, v = v, u
	}
	if ps.of == nil {
		ps.of = map[uint64]int32{}
	}
	k := uint64(u)<<32 | uint64(v)
	i, ok := ps.of[k]
	if !ok {
		i = int32(len(ps.w))
		ps.of[k] = i
		ps.keys = append(ps.keys, k)
		ps.w = append(ps.w, fixed{})
	}
	ps.w[i].addUnits(x)
}

// edges are the pairs as edges, in pair order; the sums are let go.
func (ps *pairSums) edges() []Edge {
	ps.of = nil
	perm := make([]int32, len(ps.keys))
	for i := range perm {
		perm[i] = int32(i)
	}
	slices.SortFunc(perm, func(a, b int32) int { return cmp.Compare(ps.keys[a], ps.keys[b]) })
	edges := make([]Edge, 0, len(perm))
	for _, p := range perm {
		edges = append(edges, Edge{U: int32(ps.keys[p] >> 32), V: int32(uint32(ps.keys[p])), W: ps.w[p].float()})
	}
	ps.keys, ps.w = nil, nil
	return edges
}

// tieWeights adds the structural ties' evidence (connections, endorsements …) to the sums,
// and marks who is connected and who has a tie at all.
func (s *scorer) tieWeights(sums *pairSums) {
	s.connected = make([]bool, s.n)
	for _, t := range s.ds.Ties {
		if t.Kind == importers.Connection {
			s.connected[t.From], s.connected[t.To] = true, true
		}
	}
	seen := map[tieKey]bool{}
	s.hasTie = make([]bool, s.n)
	for _, t := range s.ds.Ties {
		if b, d, ok := s.tieEvidence(t, seen); ok {
			sums.add(t.From, t.To, b*d)
		}
		s.hasTie[t.From], s.hasTie[t.To] = true, true
	}
}

// graph builds G from the edges, and G − ego, the ego's tie with each person and who is met in
// groups only.
func (s *scorer) graph(edges []Edge) {
	s.subOf = make([]int, s.n)
	for i, j := 0, 0; i < s.n; i++ {
		if i == s.ego {
			s.subOf[i] = -1
			continue
		}
		s.subOf[i] = j
		j++
	}
	s.g = NewGraph(s.n, edges)
	s.sub = s.g
	if s.ego >= 0 {
		s.sub = s.g.without(s.ego) // G − ego
	}
	s.tie = make([]float64, s.n)
	for i := range s.tie {
		if s.ego >= 0 {
			s.tie[i] = s.g.Weight(s.ego, i)
		}
	}
	s.onlyGroup, s.interacted = make([]bool, s.n), make([]bool, s.n)
	for i := range s.onlyGroup {
		s.onlyGroup[i] = s.grouped[i] && !s.direct[i] && !s.hasTie[i] && !s.connected[i]
		s.interacted[i] = s.grouped[i] || s.direct[i]
	}
	s.cov.Nodes, s.cov.Edges = s.g.N(), s.g.NumEdges()
}

// foldGroups folds interactions into units (package fold), group by group: rows indexes
// ds.Interactions, sorted by conversation and day (key gives rows[k]'s conversation number
// and day). fn sees each unit once; a group's units come in pair order.
func (s *scorer) foldGroups(rows []int32, key func(k int) (conv, day int32), fn func(*fold.Unit)) {
	ins := s.ds.Interactions
	foldSorted(len(rows), key, func(k int, conv, day int32, toBuf []int32) (fold.Row, []int32) {
		in := &ins[rows[k]]
		start := len(toBuf)
		for _, t := range in.To {
			toBuf = append(toBuf, int32(t))
		}
		return fold.Row{From: int32(in.From), To: toBuf[start:len(toBuf):len(toBuf)], Day: day, Conv: conv, Channel: s.chanID(in.Channel),
			Meeting: fold.Meeting(in.Channel), Asks: fold.Asks(in.Channel), Weight: in.Weight, Sentiment: in.Sentiment}, toBuf
	}, s.opt.Bases.MaxParticipants, nil, fn)
}

// foldSorted folds n rows sorted by conversation and day into units, group by group: key
// gives the k-th row's conversation number and day, row the row itself (its recipients may go
// into toBuf, returned grown). fn sees each unit once; a group's units come in pair order.
func foldSorted(n int, key func(k int) (conv, day int32), row func(k int, conv, day int32, toBuf []int32) (fold.Row, []int32),
	maxParticipants int, in []bool, fn func(*fold.Unit)) {
	group := fold.Group{In: in}
	var frows []fold.Row
	var toBuf []int32
	one := new(fold.Unit) // ExpandAmong's, for every row alone in its conversation and day
	for i := 0; i < n; {
		conv, day := key(i)
		j := i + 1
		for j < n {
			if c, d := key(j); c != conv || d != day {
				break
			}
			j++
		}
		frows, toBuf = frows[:0], toBuf[:0]
		for k := i; k < j; k++ {
			var r fold.Row
			r, toBuf = row(k, conv, day, toBuf)
			frows = append(frows, r)
		}
		if len(frows) == 1 { // one row: its pairs are distinct units already
			fold.ExpandAmong(&frows[0], maxParticipants, one, in, fn)
		} else {
			us := group.Fold(frows, maxParticipants)
			for k := range us {
				fn(&us[k])
			}
		}
		i = j
	}
}

// tieKey says what a tie counts once as: a structural tie per pair and kind, an endorsement or
// recommendation per pair, kind and day.
type tieKey struct {
	kind importers.TieKind
	u, v int
	day  int64
}

// tieEvidence is what a tie adds to its pair (SPEC §3.1): its base and its decay (1 when it is
// structural), or ok false when it adds nothing — an invitation not accepted, or a tie already
// counted (seen keeps what was). Connections, accepted invitations and manager links count once
// per pair; endorsements and recommendations once per pair and day (a batch of skills endorsed
// together is one act); declared ties each, so that they add up.
func (s *scorer) tieEvidence(t importers.Tie, seen map[tieKey]bool) (base, decay float64, ok bool) {
	u, v := min(t.From, t.To), max(t.From, t.To)
	key := tieKey{kind: t.Kind, u: u, v: v}
	decay = 1
	switch t.Kind {
	case importers.Connection:
		base = s.opt.Bases.Connection
	case importers.Invitation:
		if !s.connected[t.From] || !s.connected[t.To] {
			return 0, 0, false
		}
		base = s.opt.Bases.Invitation
	case importers.Manager:
		base = s.opt.Bases.Manager
	case importers.DeclaredTie:
		base = t.Weight
		if base <= 0 {
			base = s.opt.Bases.Declared
		}
		return base, 1, true
	case importers.Endorsement, importers.Recommendation:
		key.day = s.dayOf(t.Time)
		base, decay = s.opt.Bases.Endorsement, s.decay(key.day)
		if t.Kind == importers.Recommendation {
			base = s.opt.Bases.Recommendation
		}
	default:
		return 0, 0, false
	}
	if seen[key] {
		return 0, 0, false
	}
	seen[key] = true
	return base, decay, true
}

// fold is the bases a unit's base is made from (SPEC §3.1): Direct between the two of a 1:1;
// in a group of k (sender included), Group/(k−1) between the sender and each other,
// GroupOthers/(k−1) between the others — Group/(k−1) between every two attendees of a meeting.
func (b Bases) fold() fold.Bases {
	return fold.Bases{Direct: b.Direct, Group: b.Group, GroupOthers: b.GroupOthers}
}

// fixed is a sum of non-negative weights in 64.64 fixed point: exact to 2⁻⁶⁴ a term, and the
// same whatever the order of the terms, so that a run on rows and a run on their folded pairs
// (which meet the units in other orders) give the same bytes.
type fixed struct{ hi, lo uint64 }

// fixedMax is the largest sum: every bit set, just under 2⁶⁴.
var fixedMax = fixed{math.MaxUint64, math.MaxUint64}

// units is w ≥ 0 in units of 2⁻⁶⁴, bits under 2⁻⁶⁴ dropped; from 2⁶⁴ up (+Inf too) it is
// fixedMax, as a sum that reaches it stays.
func units(w float64) (u fixed) {
	if !(w < 0x1p64) {
		return fixedMax
	}
	b := math.Float64bits(w)
	exp, mant := int(b>>52&0x7ff), b&(1<<52-1) // w = mant·2^(exp−1075), the implicit bit added
	if exp == 0 {
		exp = 1 // subnormal
	} else {
		mant |= 1 << 52
	}
	switch sh := exp - 1011; { // w·2⁶⁴ = mant·2^(exp−1011); w < 2⁶⁴ keeps sh < 128−52
	case sh >= 64:
		u.hi = mant << (sh - 64)
	case sh > 0:
		u.hi, u.lo = mant>>(64-sh), mant<<sh
	case sh > -64:
		u.lo = mant >> -sh
	}
	return u
}

// add adds w ≥ 0 (units of w).
func (f *fixed) add(w float64) { f.addUnits(units(w)) }

// addUnits adds u, saturating: a sum that would reach 2⁶⁴ stays at fixedMax instead of wrapping.
// Saturating sums of non-negative terms do not depend on their order either.
func (f *fixed) addUnits(u fixed) {
	lo, carry := bits.Add64(f.lo, u.lo, 0)
	hi, over := bits.Add64(f.hi, u.hi, carry)
	if over != 0 {
		*f = fixedMax
		return
	}
	f.hi, f.lo = hi, lo
}

// isZero reports whether f is 0: a term under 2⁻⁶⁴ is, and adds nothing.
func (f fixed) isZero() bool { return f.hi == 0 && f.lo == 0 }

func (f fixed) float() float64 { return float64(f.hi) + math.Ldexp(float64(f.lo), -64) }

// convID and chanID number conversations and channels in the order the run first meets them.
func (s *scorer) convID(c string) int32 { return s.convs.ID(c) }
func (s *scorer) chanID(c string) int32 { return s.chans.ID(c) }

// conversation is the unit an interaction counts in, once a day (SPEC §3.1): its thread, else
// its channel.
func conversation(in importers.Interaction) string {
	if in.Conversation != "" {
		return in.Conversation
	}
	return in.Channel
}

// metrics runs the network metrics of SPEC §3.3 on G − ego and the hop distance on G.
func (s *scorer) metrics() {
	if s.ego >= 0 {
		s.hops = bfsHops(s.g, s.ego)
	}
	pr := PageRank(s.sub, 0.85, 1e-12, 10000)
	var b, h, r2 []float64
	if n := s.sub.N(); s.opt.ExactLimit > 0 && n > s.opt.ExactLimit && s.opt.Pivots < n {
		// Exact betweenness costs a search from every node: above the limit, a seeded sample of
		// sources, with its error stated (SPEC §3.5, §7).
		// reach2 needs no search: it is counted exactly.
		k := s.pivots()
		b, h, _ = PathMetricsSampled(s.sub, k, s.opt.Seed, s.opt.Workers)
		r2 = Reach2(s.sub, s.opt.Workers)
		s.cov.PathMetrics = Sampling{Sources: k, People: n, Seed: s.opt.Seed, Error: SampleError(k, 0.05)}
	} else {
		b, h, r2 = PathMetrics(s.sub, s.opt.Workers)
		s.cov.PathMetrics = Sampling{Exact: true}
	}
	c, e := Burt(s.sub)
	s.communities()
	lift := func(x []float64) []float64 {
		out := make([]float64, s.n)
		for i := range out {
			if j := s.subOf[i]; j >= 0 && j < len(x) {
				out[i] = x[j]
			} else {
				out[i] = math.NaN()
			}
		}
		return out
	}
	s.pagerank, s.betw, s.harm, s.reach2, s.cons, s.effs = lift(pr), lift(b), lift(h), lift(r2), lift(c), lift(e)
	s.deg, s.str = make([]int, s.n), make([]float64, s.n)
	for i := range s.deg {
		if j := s.subOf[i]; j >= 0 {
			s.deg[i], s.str[i] = s.sub.Degree(j), s.sub.Strength(j)
		}
	}
}

// minPivots is the fewest sources a sampled run takes, whatever its budget.
const minPivots = 128

// pivots is how many sources a sampled run takes on G − ego: Options.Pivots, or fewer (never
// under minPivots) when that many searches would visit more than Options.SampleBudget
// adjacency entries — each search costs about one visit per node and per arc, so the budget
// bounds the time of the path metrics on a large graph; the stated error grows as 1/√k.
func (s *scorer) pivots() int {
	k := s.opt.Pivots
	if b := s.opt.SampleBudget; b > 0 {
		cost := int64(len(s.sub.Adj)) + int64(s.sub.N())
		if int64(k)*cost > b {
			k = max(int(b/cost), min(minPivots, k))
		}
	}
	return k
}

// bfsHops is the hop distance from src on g: 0 for src itself and for unreachable nodes.
func bfsHops(g *Graph, src int) []int {
	d := make([]int, g.N())
	for i := range d {
		d[i] = -1
	}
	d[src] = 0
	q := []int32{int32(src)}
	for len(q) > 0 {
		v := q[0]
		q = q[1:]
		for _, u := range g.Adj[g.Off[v]:g.Off[v+1]] {
			if d[u] < 0 {
				d[u] = d[v] + 1
				q = append(q, u)
			}
		}
	}
	for i := range d {
		if d[i] < 0 {
			d[i] = 0
		}
	}
	return d
}
