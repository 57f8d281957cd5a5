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
	PathMetrics         string   // "exact", or how betweenness and harmonic were sampled
	Communities         int      // Louvain communities of G − ego with two or more people
	Modularity          float64  // of the Louvain partition
	Limits              []string // plain statements of what the data cannot show
	// StatusFrom counts the ranked people each status signal fired for (SPEC §3.4), by basis
	// word; StatusUnknown those no signal had enough evidence on. StatusRests says it in words.
	StatusFrom    map[string]int
	StatusUnknown int
	StatusRests   string
}
