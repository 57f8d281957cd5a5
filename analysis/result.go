package analysis

import (
	"time"
)

// Result is the scored map of one run: the ego, the as-of date, the ranked level-2 people
// and what the data covered. It is plain data: reports read it, nothing writes back.
type Result struct {
	Ego      Ego
	AsOf     time.Time // the reference day (SPEC §2.5), midnight UTC of that date
	People   []Person  // level-2 people, sorted by importance (descending), then id
	Coverage Coverage

	// HighInfluence is the influence at which "high" starts: the zone.high_quantile of the
	// ranked people's influence (SPEC §3.4).
	HighInfluence float64

	// SupporterFrom and DetractorFrom are the status labels' thresholds (SPEC §3.4, the
	// config's model.status.supporter and .detractor): supporter at or above the first,
	// detractor at or below the second.
	SupporterFrom, DetractorFrom float64
	// DormantDays is how long without contact makes an important tie dormant (SPEC §3.4: 90).
	DormantDays int
	// Model is what the report's method states of the options the map was drawn with.
	Model Model

	// Communities and Organisations tabulate the ranked people by Louvain community and by
	// company (SPEC §4), groups under MinGroup people folded into "other" (SPEC §5).
	Communities, Organisations []Group
	MinGroup                   int

	// Network is the graph the map was drawn on, for network.gexf and network.graphml.
	Network Network
}

// Ego is the person (or group) the map is drawn around.
type Ego struct {
	ID      string
	Name    string
	URL     string
	Company string
}

// Person is one ranked level-2 relationship with every score of SPEC §3.4 and the metrics
// behind it. Unknown numbers are NaN; reports write them as an empty cell (JSON null).
type Person struct {
	Rank     int    // 1-based position in Result.People
	ID       string // stable short hash of the strongest key (SPEC §2.6)
	Name     string
	URL      string // normalised profile URL, or empty
	Company  string
	Title    string
	Category string // stakeholder, other team, provider or client (SPEC §3.2)
	Hops     int    // graph distance from the ego on the whole graph; 0 when unreachable

	Tie       float64 // w(ego, v) on the whole graph (SPEC §3.1)
	Influence float64 // [0,1] (SPEC §3.4)
	// InfluenceDeclared is true when Influence is the user's own (an annotation).
	InfluenceDeclared bool
	Reach             float64     // [0,1]
	Importance        float64     // [0,1]
	Status            float64     // [-1,+1], a whole number of hundredths
	StatusLabel       StatusLabel // supporter, neutral, detractor or unknown
	StatusBasis       []string    // signals that fired, in a fixed order; empty means none
	// EvidenceLabel is the label the evidence alone gives when it contradicts a declared
	// status (supporter or detractor, and not the declared label); empty otherwise.
	EvidenceLabel StatusLabel
	Zone          Zone // champion, area for improvement, key to engage, ally, watch, background
	Tier          Tier // trusted partner, friend, acquaintance; empty without a tie to the ego
	// TierBelow counts the runs in a row whose rank put the person below Tier, which is held
	// until the second such run (SPEC §3.4 hysteresis); 0 when the rank earns the tier.
	TierBelow int

	PageRank      float64 // networkx pagerank on G − ego, alpha 0.85, weighted
	Betweenness   float64 // networkx betweenness_centrality on G − ego, normalised, hop distance
	Harmonic      float64 // networkx harmonic_centrality on G − ego divided by n−1
	Reach2        float64 // share of the other n−1 nodes of G − ego within 2 hops
	Constraint    float64 // Burt's constraint on G − ego (networkx, weighted); NaN when isolated
	EffectiveSize float64 // Burt's effective size on G − ego (networkx, weighted); NaN when isolated
	Community     string  // Louvain community name; empty until it is computed
	Degree        int     // neighbours in G − ego
	Strength      float64 // sum of incident weights in G − ego
	Seniority     float64 // [0,1] from the title (SPEC §3.3)

	LastContact time.Time // day of the last interaction with the ego; zero when never
	Dormant     bool      // last contact over Options.Dormant.Days (90) days before the as-of date while importance ≥ Options.Dormant.Importance (0.5)

	IntroPaths []IntroPath // up to Options.IntroPaths (3), strongest first
	Reasons    []Reason    // why they rank here (SPEC §3.6), for reports.Why; nil until computed

	// Join keys (SPEC §4), for joining the outputs back to the user's own records: the
	// person's key in the inputs (a people file's id as written, else the e-mail, else the
	// profile URL; a token under pseudonymisation), and their team and department from a
	// people file.
	Key, Team, Department string
}

// IntroPath is a way to reach a person through one or two intermediaries.
type IntroPath struct {
	Via      []Hop   // the intermediaries, nearest the ego first
	Strength float64 // product of s(w) = w/(w+w̃) over the path's edges (SPEC §3.4)
	// Detractor: an intermediary is a detractor of the ego; such a path is kept only when the
	// person has no other, and its text says so ("via X (0.41, detractor)").
	Detractor bool
}

// Hop names one intermediary of an intro path.
type Hop struct {
	ID   string
	Name string
}

// Model is the part of a map's options its report states (the method): so that the text says
// what this run used, whatever the config set.
type Model struct {
	HalfLife     float64 // days for evidence to lose half its weight
	Influence    InfluenceWeights
	Reach        ReachWeights
	HighQuantile float64 // the quantile of the ranked people's influence where high starts
}

// ModelOf is the Model of opt.
func ModelOf(opt Options) Model {
	return Model{HalfLife: opt.HalfLife, Influence: opt.Influence, Reach: opt.Reach, HighQuantile: opt.HighQuantile}
}
