package analysis

// The map's vocabulary (SPEC §3.4): status labels, zones and tiers are these words and no
// others, written as they are in ranked.csv, ranked.json, the history and the reports.

// StatusLabel is what a person's status says of where they stand toward the ego.
type StatusLabel string

// The status labels, supporter first (StatusLabels).
const (
	Supporter StatusLabel = "supporter" // status at or above the supporter line (+0.25)
	Neutral   StatusLabel = "neutral"   // between the lines
	Detractor StatusLabel = "detractor" // at or below the detractor line (−0.25)
	Unknown   StatusLabel = "unknown"   // no signal has enough evidence (status empty)
)

// StatusLabels are the labels a known status earns, then Unknown.
var StatusLabels = []StatusLabel{Supporter, Neutral, Detractor, Unknown}

// Zone is a person's place on the stakeholder map: high or low influence, by status.
type Zone string

// The zones, in the map's order (Zones).
const (
	Champion           Zone = "champion"             // high influence, supporter
	AreaForImprovement Zone = "area for improvement" // high influence, detractor
	KeyToEngage        Zone = "key to engage"        // high influence, neutral or unknown
	Ally               Zone = "ally"                 // low influence, supporter
	Watch              Zone = "watch"                // low influence, detractor
	Background         Zone = "background"           // low influence, neutral or unknown
)

// Zones are the zones in the order reports list them.
var Zones = []Zone{Champion, AreaForImprovement, KeyToEngage, Ally, Watch, Background}

// Tier is a person's layer of the portfolio, by the rank of their tie to the ego; "" without
// a tie.
type Tier string

// The tiers, closest first (Tiers).
const (
	TrustedPartner Tier = "trusted partner" // ranks 1–15
	Friend         Tier = "friend"          // ranks 16–50
	Acquaintance   Tier = "acquaintance"    // the rest
)

// Tiers are the tiers, closest first.
var Tiers = []Tier{TrustedPartner, Friend, Acquaintance}
