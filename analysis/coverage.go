package analysis

import "github.com/relmap/relmap/importers"

// Coverage is what the data covered (SPEC §3.5): the importers' account of every file plus
// what the analysis found.
type Coverage struct {
	importers.Coverage
	AsOfFrom            string   // where the as-of date came from
	Nodes               int      // people in the graph, the ego included
	Edges               int      // weighted pairs in the graph
	Ranked              int      // level-2 people ranked
	LeftOut             int      // a team's map: people within two hops beyond its work list (Options.TeamTop)
	Team                int      // level-1 people: the immediate team, not ranked
	Ignored             int      // people matching the ignore rules: in the graph, never ranked
	WithEmail           float64  // share of connections with an e-mail address
	WithInteraction     float64  // share of people with any interaction
	NoIntroPath         int      // level-2 people with no intro path
	OnlyCoParticipation int      // level-2 people known only from group conversations
	PathMetrics         Sampling // how betweenness and harmonic were computed
	Communities         int      // Louvain communities of G − ego with two or more people
	Modularity          float64  // of the Louvain partition
	Limits              []Limit  // what the data cannot show
	// StatusFrom counts the ranked people each status signal fired for (SPEC §3.4), by basis
	// word; StatusUnknown those no signal had enough evidence on.
	StatusFrom    map[string]int
	StatusUnknown int
	// NoSentiment, NoRecommendations and NoEndorsements say which sources of status no one in
	// the inputs has; FixedShares that answers were read against the fixed shares (no one's
	// habit with others is in the data); HabituallySilent how many ranked people seldom answer
	// but never wrote to the ego before, their silence not held against them. reports'
	// StatusRests says all of it in words.
	NoSentiment, NoRecommendations, NoEndorsements bool
	FixedShares                                    bool
	HabituallySilent                               int
}

// Limit is one thing the data given cannot show (SPEC §3.5); reports.Limits says it in words.
type Limit int

// The limits, each stated only where it holds for the inputs.
const (
	LimitNoSecondDegree Limit = iota + 1 // a LinkedIn export: no connections of connections
	LimitUndated                         // nothing in the inputs is dated
	LimitNoStatus                        // nothing says how anyone stands toward the ego: every status unknown
)

// Sampling says how betweenness and harmonic centrality were computed (SPEC §3.5, §7): Exact,
// or from searches from Sources of People (seeded with Seed), within ±Error of the exact
// values with 95 % confidence (Hoeffding). The zero value: not computed.
type Sampling struct {
	Exact           bool
	Sources, People int
	Seed            uint64
	Error           float64
}
