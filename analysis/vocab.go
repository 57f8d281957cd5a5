package analysis

// The map's vocabulary (SPEC §3.4): zones and tiers are these words and no others, written as
// they are in ranked.csv, ranked.json, the history and the reports.

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
