package synth

// Planted status behaviour (issue 15, item 3): the groups of people whose behaviour toward one
// ego relmap's status must read from metadata alone — who answers the ego's messages, who opens
// the conversations, who invites the ego to meetings or copies the ego on mail, who meets the
// ego's team without the ego, whose ties thin out. No sentiment, endorsement, recommendation or
// annotation is written for them. Both generators (OrgOptions.PlantStatus and
// Options.PlantStatus) list the groups in TRUTH.json under "planted_status", with the evidence
// each person's rows carry, counted as SPEC §3.4 reads it (once per conversation and day).

// The planted groups, as named in TRUTH.json.
const (
	GroupSupporters  = "supporters"   // open threads with the ego, answer every message within a day, invite the ego to their meetings, copy the ego on mail
	GroupDetractors  = "detractors"   // answer others as usual but (almost) never the ego, never reach out; in an organisation they meet the ego's team without the ego
	GroupBusySeniors = "busy_seniors" // senior titles; answer almost nobody, the ego included
	GroupCooling     = "cooling"      // a normal tie that thinned out in the last 90 days
	GroupOrdinary    = "ordinary"     // answer the ego as they answer others (60–80 %), open about half the conversations
)

// StatusPlant is what was planted for status: the ego, the ego's team (organisation only),
// and the people of each group.
type StatusPlant struct {
	Ego  StatusPerson `json:"ego"`
	Team string       `json:"team,omitempty"` // the ego's team (organisation data)
	// TeamMembers are the ego's team-mates, the ego excluded (organisation data): level 1,
	// not ranked.
	TeamMembers []StatusPerson `json:"team_members,omitempty"`
	// Groups lists the groups planted here. In a personal export a person's habit with others
	// is not in the data: busy seniors there differ from detractors only by their title and by
	// never having written to the owner before (detractors answered the owner's older
	// messages).
	Groups []string `json:"groups"`
	// Note says, in words, what the data can and cannot show.
	Note string `json:"note,omitempty"`

	Supporters  []StatusPerson `json:"supporters"`
	Detractors  []StatusPerson `json:"detractors"`
	BusySeniors []StatusPerson `json:"busy_seniors"`
	Cooling     []StatusPerson `json:"cooling"`
	Ordinary    []StatusPerson `json:"ordinary"`

	Rows int `json:"rows"` // rows written for the planted behaviour (interactions.csv or messages.csv)
}

// StatusPerson is one planted person with the evidence their rows carry.
type StatusPerson struct {
	ID      string `json:"id,omitempty"`    // people.csv id (organisation)
	Name    string `json:"name"`            // unique in the data
	Email   string `json:"email,omitempty"` // organisation
	URL     string `json:"url,omitempty"`   // LinkedIn profile URL, raw (personal export)
	Title   string `json:"title,omitempty"`
	Team    string `json:"team,omitempty"`
	Company string `json:"company,omitempty"` // personal export

	StatusEvidence
}

// StatusEvidence counts what a planted person's rows show, as SPEC §3.4 reads it: units are
// (conversation, day); "recent" is under 180 days old at the end day; an ask is answered by a
// message of the other side in the same conversation on the same day or within 14 days after.
// Asks whose 14 days are not over and that are not answered yet are not counted.
type StatusEvidence struct {
	Asked          int `json:"asked"`                     // the ego's recent ask units to the person
	Answered       int `json:"answered"`                  // of those, answered
	OthersAsked    int `json:"others_asked,omitempty"`    // others' recent ask units to the person (organisation)
	OthersAnswered int `json:"others_answered,omitempty"` // of those, answered
	Opened         int `json:"opened"`                    // conversations with the ego (any age) the person wrote first in
	EgoOpened      int `json:"ego_opened"`                // conversations with the person the ego wrote first in
	Invites        int `json:"invites,omitempty"`         // recent meetings the person organised with the ego attending
	CCs            int `json:"ccs,omitempty"`             // recent mail from the person to others with the ego copied
	Exclusions     int `json:"exclusions,omitempty"`      // recent meetings the person organised with two or more of the ego's team-mates and not the ego
	Before         int `json:"before"`                    // units with the ego 90 to 179 days old
	Recent         int `json:"recent"`                    // units with the ego under 90 days old
}

// statusRow is one planted event, for counting evidence: times in whole days before the end
// day (age), participants as indexes.
type statusRow struct {
	age     int
	from    int
	to      []int // recipients, cc included
	meeting bool
	conv    string
	session string // who opened is counted per session when set (a LinkedIn pair has one conversation), else per conversation
}

// countEvidence reads, for person v, the evidence of SPEC §3.4 in rows: ego is the ego's
// index, team the ego's team-mates (nil when there is no team).
func countEvidence(rows []statusRow, ego, v int, team map[int]bool) StatusEvidence {
	var e StatusEvidence
	asks := map[askDir]map[int]bool{}
	first := map[string]int{} // conversation → first sender, among conversations between ego and v
	units := map[unitKey]bool{}
	seenConv := map[string]bool{}
	for _, r := range rows { // rows are in time order
		e.countRow(r, ego, v, team, asks)
		if r.has(ego) && r.has(v) {
			units[unitKey{r.conv, r.age}] = true
			s := r.conv
			if r.session != "" {
				s = r.session
			}
			if !r.meeting && !seenConv[s] {
				seenConv[s] = true
				first[s] = r.from
			}
		}
	}
	for _, who := range first {
		switch who {
		case v:
			e.Opened++
		case ego:
			e.EgoOpened++
		}
	}
	for k := range units {
		switch {
		case k.age < 90:
			e.Recent++
		case k.age < 180:
			e.Before++
		}
	}
	e.countAsks(asks, ego, v)
	return e
}

// unitKey is a unit: a conversation and a day (age).
type unitKey struct {
	conv string
	age  int
}

// askDir is one direction of a conversation; the days (ages) on which from wrote to to in it
// are ask units.
type askDir struct {
	from, to int
	conv     string
}

// has reports whether p sent or received the row.
func (r statusRow) has(p int) bool {
	if r.from == p {
		return true
	}
	for _, x := range r.to {
		if x == p {
			return true
		}
	}
	return false
}

// countRow counts the invites, exclusions and CCs of person v in one row, and records its
// ask units in asks.
func (e *StatusEvidence) countRow(r statusRow, ego, v int, team map[int]bool, asks map[askDir]map[int]bool) {
	if r.meeting {
		if r.from == v && r.age < 180 {
			if r.has(ego) {
				e.Invites++
			} else {
				n := 0
				for _, x := range r.to {
					if team[x] {
						n++
					}
				}
				if n >= 2 {
					e.Exclusions++
				}
			}
		}
	} else {
		for _, x := range r.to {
			d := askDir{r.from, x, r.conv}
			if asks[d] == nil {
				asks[d] = map[int]bool{}
			}
			asks[d][r.age] = true
		}
		if r.from == v && r.has(ego) && len(r.to) > 1 && r.age < 180 {
			e.CCs++
		}
	}
}

// countAsks counts the recent asks to person v, the ego's and others', and those answered.
func (e *StatusEvidence) countAsks(asks map[askDir]map[int]bool, ego, v int) {
	for d, days := range asks {
		if d.to != v || d.from == v {
			continue
		}
		back := asks[askDir{v, d.from, d.conv}]
		for age := range days {
			if age >= 180 {
				continue
			}
			answered := false
			for a := age; a >= age-14 && a >= 0; a-- {
				if back[a] {
					answered = true
					break
				}
			}
			if !answered && age < 14 {
				continue // the answer window is not over
			}
			if d.from == ego {
				e.Asked++
				if answered {
					e.Answered++
				}
			} else {
				e.OthersAsked++
				if answered {
					e.OthersAnswered++
				}
			}
		}
	}
}

// exactFlags returns n flags of which k are true, in random order.
func exactFlags(shuffle func(n int, swap func(i, j int)), n, k int) []bool {
	out := make([]bool, n)
	for i := range min(k, n) {
		out[i] = true
	}
	shuffle(n, func(i, j int) { out[i], out[j] = out[j], out[i] })
	return out
}

// stratified returns n ages spread over [lo, hi], one in each of n equal slices, oldest last.
func stratified(intN func(int) int, n, lo, hi int) []int {
	out := make([]int, n)
	span := hi - lo + 1
	for i := range out {
		a := lo + i*span/n
		b := lo + (i+1)*span/n - 1
		if b < a {
			b = a
		}
		out[i] = a + intN(b-a+1)
	}
	return out
}

// setGroup puts the people of one planted group under its name.
func (t *StatusPlant) setGroup(name string, xs []StatusPerson) {
	switch name {
	case GroupSupporters:
		t.Supporters = xs
	case GroupDetractors:
		t.Detractors = xs
	case GroupBusySeniors:
		t.BusySeniors = xs
	case GroupCooling:
		t.Cooling = xs
	case GroupOrdinary:
		t.Ordinary = xs
	}
}
