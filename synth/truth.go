package synth

import (
	"cmp"
	"math"
	"slices"
	"strings"
)

// Truth is what was planted in one export, for tests that check relmap finds it. It is stored
// in the zip as TRUTH.json.
type Truth struct {
	Seed        uint64  `json:"seed"`
	ExportDate  string  `json:"export_date"`     // YYYY-MM-DD, the as-of day
	Connections int     `json:"connections"`     // real rows of Connections.csv, ghost rows excluded
	Messages    int     `json:"messages"`        // rows of messages.csv, noise included
	Noise       float64 `json:"noise,omitempty"` // Options.Noise
	Owner       Owner   `json:"owner"`

	// Noise rows, counted exactly as written.
	GhostRows          int `json:"ghost_rows"`           // ",,,,,,DD Mon YYYY" rows of Connections.csv
	Drafts             int `json:"drafts"`               // messages.csv rows with IS MESSAGE DRAFT = Yes
	LinkedInMemberRows int `json:"linkedin_member_rows"` // messages.csv rows from "LinkedIn Member"
	SponsoredRows      int `json:"sponsored_rows"`       // messages.csv rows from "Riley from LinkedIn Premium"

	People []Person `json:"people"` // everyone relmap ranks, sorted by URL

	// Options.Step and the movers of steps 1 to Step, sorted by step, kind (new detractor,
	// influence riser, gone dormant) and URL; both absent at step 0.
	Step   int     `json:"step,omitempty"`
	Movers []Mover `json:"movers,omitempty"`

	// PlantedStatus is what Options.PlantStatus planted (its people are also in People, and
	// counted in Connections and Messages); absent without it.
	PlantedStatus *StatusPlant `json:"planted_status,omitempty"`
}

// Owner is the person who exported the data.
type Owner struct {
	Name    string `json:"name"`
	URL     string `json:"url"` // https://www.linkedin.com/in/<slug>, slug raw (UTF-8)
	Company string `json:"company"`
}

// Person is one person relmap ranks: a connection, a non-connection met in group threads, or
// a pending invitee.
//
// Influence is planted: "high" for a senior title (or a non-connection hub) with many group
// threads, "low" otherwise; about a quarter of the people are high, as relmap's top quartile.
// Status and Signals are what SPEC §3.4's status rules give on the evidence actually written
// (they equal the planted status). Ages are whole UTC days from the export day (an event on
// the day before it is 1 day old): recommendation +0.6; endorsements +0.2 each, at most
// +0.4; answers +0.15 or unanswered −0.4 — of the owner's messages to the person under 180
// days old (at least 3, in any conversation, groups included), the share the person answered
// in the same conversation within 14 days, 80 % or more or under 30 %; cooling −0.2 —
// interactions (one per conversation and day in which the owner and the person both took
// part) under 90 days old, under half of those 90 to 179 days old, with at least 4 of those;
// invitation −0.1 — an outgoing invitation pending for over 30 days.
// Supporter ≥ +0.25, detractor ≤ −0.25. Zone combines the two as SPEC §3.4.
type Person struct {
	Name       string   `json:"name"`    // display name: first and last name, trimmed
	URL        string   `json:"url"`     // raw form, as in messages.csv and Invitations.csv
	Company    string   `json:"company"` // as in Connections.csv; empty for non-connections
	Title      string   `json:"title"`   // Position in Connections.csv
	Role       string   `json:"role"`    // colleague, client, provider, other, non-connection or invitee
	Connection bool     `json:"connection"`
	Influence  string   `json:"influence"`        // high or low
	Status     string   `json:"status"`           // supporter, neutral or detractor
	Zone       string   `json:"zone"`             // champion, area for improvement, key to engage, ally, watch or background
	Signals    []string `json:"signals"`          // in the order recommendation, endorsements, answers, unanswered, cooling, invitation
	Bridge     string   `json:"bridge,omitempty"` // a planted target's bridge, by raw profile URL: the first intermediary of its strongest intro path
}

// zone names the cell of the stakeholder map (SPEC §3.4).
func zone(high bool, status string) string {
	switch {
	case high && status == supporter:
		return "champion"
	case high && status == detractor:
		return "area for improvement"
	case high:
		return "key to engage"
	case status == supporter:
		return "ally"
	case status == detractor:
		return "watch"
	}
	return "background"
}

// rules picks among readings of SPEC §3.4 that the spec leaves open. The export is built so
// that every reading gives the same status; the truth uses primaryRules.
type rules struct {
	oneToOneOnly bool // answer rate over 1:1 conversations only, not group threads
	directOnly   bool // cooling counts only messages sent between the owner and the person
	perMessage   bool // cooling counts messages, not (conversation, day) units
}

var primaryRules = rules{}

// assessment is one person's status as the rules read the export.
type assessment struct {
	status  string
	signals []string

	owned, answered int // the owner's messages under 180 days old, and those answered within 14 days
}

// assess applies SPEC §3.4's status rules to the evidence written.
func (g *gen) assess(ru rules) []assessment {
	var c statusCounts
	c.rec, c.endorse, c.pending = g.profileEvidence()
	c.owned, c.answered, c.prev, c.last = g.messageEvidence(ru)
	c.initiative = g.initiative()

	out := make([]assessment, len(g.people))
	for i := range out {
		out[i] = c.assess(i)
	}
	return out
}

// statusCounts is the evidence of SPEC §3.4 for each person, as assess counts it.
type statusCounts struct {
	rec, pending                []bool
	endorse, initiative         []int
	owned, answered, prev, last []int
}

// profileEvidence reports, per person, a recommendation received, the endorsements received,
// and an outgoing invitation pending for over 30 days.
func (g *gen) profileEvidence() (rec []bool, endorse []int, pending []bool) {
	n := len(g.people)
	T := g.T
	rec = make([]bool, n)
	endorse = make([]int, n)
	pending = make([]bool, n)
	for _, x := range g.recsReceived {
		rec[x.person] = true
	}
	for _, x := range g.endorsementsReceived {
		endorse[x.person]++
	}
	asOf := T / day
	for _, x := range g.invitations {
		if x.outgoing && !g.people[x.person].connected && asOf-x.at/day > 30 {
			pending[x.person] = true
		}
	}
	return rec, endorse, pending
}

// messageEvidence counts, per person, the owner's messages under 180 days old and those
// answered within 14 days, and the interactions 90 to 179 days old and under 90 days old.
func (g *gen) messageEvidence(ru rules) (owned, answered, prev, last []int) {
	n := len(g.people)
	T := g.T
	asOf := T / day
	owned = make([]int, n)
	answered = make([]int, n)
	prev = make([]int, n)
	last = make([]int, n)
	for _, c := range g.convs {
		if c.kind != direct && c.kind != group {
			continue
		}
		lastDay := make([]int64, len(c.members))
		for k, m := range c.msgs {
			if m.at >= T {
				continue
			}
			age := asOf - m.at/day
			if m.from == fromOwner && age < 180 && (c.kind == direct || !ru.oneToOneOnly) {
				for _, v := range c.members {
					owned[v]++
					for _, reply := range c.msgs[k+1:] {
						if reply.at > m.at+14*day {
							break
						}
						if reply.from == v {
							answered[v]++
							break
						}
					}
				}
			}
			var window []int
			switch {
			case age < 90:
				window = last
			case age < 180:
				window = prev
			default:
				continue
			}
			d := m.at/day + 1 // never 0, which marks "no day yet"
			for j, v := range c.members {
				if ru.directOnly && m.from != fromOwner && m.from != v {
					continue
				}
				if ru.perMessage || lastDay[j] != d {
					window[v]++
					lastDay[j] = d
				}
			}
		}
	}
	return owned, answered, prev, last
}

// assess gives person i's status and signals on the counts.
func (c *statusCounts) assess(i int) assessment {
	rec, endorse, owned, answered := c.rec, c.endorse, c.owned, c.answered
	initiative, prev, last, pending := c.initiative, c.prev, c.last, c.pending
	var sig []string
	score := 0
	if rec[i] {
		sig = append(sig, "recommendation")
		score += 60
	}
	if endorse[i] > 0 {
		sig = append(sig, "endorsements")
		score += min(20*endorse[i], 40)
	}
	if owned[i] >= 3 {
		switch {
		case answered[i]*10 >= owned[i]*8:
			sig = append(sig, "answers")
			score += 15
		case answered[i]*10 < owned[i]*3:
			sig = append(sig, "unanswered")
			score -= 40
		}
	}
	if h := initiative[i]; h > 0 {
		sig = append(sig, "initiative")
		score += h
	}
	if prev[i] >= 4 && 2*last[i] < prev[i] {
		sig = append(sig, "cooling")
		score -= 20
	}
	if pending[i] {
		sig = append(sig, "invitation")
		score -= 10
	}
	st := neutral
	switch {
	case score >= 25:
		st = supporter
	case score <= -25:
		st = detractor
	}
	if sig == nil {
		sig = []string{}
	}
	return assessment{status: st, signals: sig, owned: owned[i], answered: answered[i]}
}

// appears reports, per person, whether the export shows them at all: every connection and
// invitee does; a non-connection only if a group thread was written for them.
func (g *gen) appears() []bool {
	out := make([]bool, len(g.people))
	for i := range g.people {
		out[i] = g.people[i].role != roleNonConnection
	}
	for _, c := range g.convs {
		for _, v := range c.members {
			out[v] = true
		}
	}
	return out
}

// truth assembles the Truth of the export under the given rules.
func (g *gen) truth(ru rules) *Truth {
	as := g.assess(ru)
	shown := g.appears()
	t := &Truth{
		Seed:        g.opt.Seed,
		ExportDate:  g.opt.ExportDate.Format("2006-01-02"),
		Connections: g.opt.Connections,
		Messages:    g.opt.Messages,
		Noise:       g.opt.Noise,
		Owner: Owner{
			Name:    g.owner.name(),
			URL:     g.owner.url(),
			Company: g.ownerCompany,
		},
		GhostRows:          g.ghosts,
		Drafts:             len(g.drafts),
		LinkedInMemberRows: g.nMember,
		SponsoredRows:      g.nSponsored,
		People:             []Person{},
	}
	for i := range g.people {
		if !shown[i] {
			continue
		}
		p := &g.people[i]
		infl := "low"
		if p.high {
			infl = "high"
		}
		bridge := ""
		if p.bridge > 0 {
			bridge = g.people[p.bridge-1].url()
		}
		t.People = append(t.People, Person{
			Name:       p.name(),
			URL:        p.url(),
			Company:    p.company,
			Title:      p.title,
			Role:       p.role,
			Connection: p.connected,
			Influence:  infl,
			Status:     as[i].status,
			Zone:       zone(p.high, as[i].status),
			Signals:    as[i].signals,
			Bridge:     bridge,
		})
	}
	slices.SortFunc(t.People, func(a, b Person) int { return strings.Compare(a.URL, b.URL) })
	if g.plant != nil {
		t.PlantedStatus = g.plant
		t.Connections += len(g.plant.Supporters) + len(g.plant.Detractors) + len(g.plant.BusySeniors) + len(g.plant.Cooling) + len(g.plant.Ordinary)
		t.Messages += g.plant.Rows
	}
	if g.opt.Step > 0 {
		t.Step = g.opt.Step
		t.Movers = slices.Clone(g.movers)
		sortMovers(t.Movers)
	}
	return t
}

// initiative is SPEC §3.4's initiative signal, in hundredths, for each person, as relmap reads
// it (docs/method.md): over the last 180 days, a thread of a 1:1 conversation starts on a day
// the owner and the person wrote in it after more than 14 days without a message in it; the
// side that alone wrote that day opened it (both: no one). Of at least 4 threads, the share the
// person opened above the larger of one half and the median share over everyone with 4 threads
// gives +0.2 in proportion, in full 0.3 above.
func (g *gen) initiative() []int {
	n := len(g.people)
	asOf := g.T / day
	type unit struct {
		day      int64
		conv     int
		from, to bool // the person wrote that day; the owner did
	}
	units := make([]map[[2]int64]*unit, n)
	for ci, c := range g.convs {
		if c.kind != direct {
			continue
		}
		for _, m := range c.msgs {
			if m.at >= g.T || asOf-m.at/day >= 180 {
				continue
			}
			d := m.at / day
			for _, v := range c.members {
				if units[v] == nil {
					units[v] = map[[2]int64]*unit{}
				}
				k := [2]int64{d, int64(ci)}
				u := units[v][k]
				if u == nil {
					u = &unit{day: d, conv: ci}
					units[v][k] = u
				}
				u.from = u.from || m.from == v
				u.to = u.to || m.from == fromOwner
			}
		}
	}
	opened, threads := make([]int, n), make([]int, n)
	var shares []float64
	for v, us := range units {
		list := make([]*unit, 0, len(us))
		for _, u := range us {
			list = append(list, u)
		}
		slices.SortFunc(list, func(a, b *unit) int { return cmp.Or(cmp.Compare(a.day, b.day), cmp.Compare(a.conv, b.conv)) })
		last := map[int]int64{}
		for _, u := range list {
			prev, seen := last[u.conv]
			last[u.conv] = u.day
			if seen && u.day-prev <= 14 || u.from == u.to {
				continue
			}
			threads[v]++
			if u.from {
				opened[v]++
			}
		}
		if threads[v] >= 4 {
			shares = append(shares, float64(opened[v])/float64(threads[v]))
		}
	}
	median := 0.0
	if k := len(shares); k > 0 {
		slices.Sort(shares)
		median = shares[k/2]
		if k%2 == 0 {
			median = (shares[k/2-1] + shares[k/2]) / 2
		}
	}
	out := make([]int, n)
	for v := range out {
		if threads[v] < 4 {
			continue
		}
		lead := 100 * (float64(opened[v])/float64(threads[v]) - max(median, 0.5))
		out[v] = int(math.Round(20 * max(0, min(1, lead/30))))
	}
	return out
}
