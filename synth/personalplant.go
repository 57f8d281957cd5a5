package synth

import (
	"cmp"
	"math/rand/v2"
	"slices"
	"strconv"
)

// Planting status behaviour in a personal LinkedIn export (Options.PlantStatus).
//
// Five groups of max(3, min(25, Connections/50)) new connections each (20 for 1 000
// connections) are added after everything else is made — supporters, detractors, busy
// seniors (senior titles), cooling ties and ordinary colleagues — with 1:1 traffic with the
// owner alone: no recommendation, endorsement or invitation, no group thread but the ones a
// supporter starts. A LinkedIn conversation holds all the messages of a pair, so the planted
// traffic is in sessions (a few messages over one to three days); an ask of the owner's is
// answered by the person's next message within 14 days, and where a group leaves some asks
// unanswered, the sessions are 18 days apart or more so that a later session never answers
// an earlier ask. TRUTH.json's planted_status counts "opened" per session (who wrote first).
//
//   - supporters answer every message of the owner's, the same or the next day; start six of
//     eight sessions about 20 days apart over the last 168 days (the owner answering within
//     two days, and answered again);
//     start 2 or 3 group conversations with the owner and one to three other connections
//     (in which only they write: LinkedIn's nearest thing to copying the owner on mail);
//   - detractors answered the owner's messages more than 200 days ago (the owner writing
//     first), and of the 7 to 9 of
//     the last 170 days answer none (one in four answers one: under 15 %); never write first;
//   - busy seniors (senior titles) the same toward the owner, and did not answer before
//     either: the export cannot show that they answer no one else, only that they never
//     wrote to the owner at all;
//   - cooling ties: sessions every 19 days or so from 172 to 95 days before the export (the
//     owner's messages answered at the person's habit of 65–85 %), older ones, then at most
//     one same-day exchange in the last 90 days;
//   - ordinary colleagues: eight sessions about 20 days apart over the last 168 days, half
//     started by them, the owner's messages answered at 60–80 %; older ones too.
//
// The planting draws from a PCG stream of its own; Options.PlantStatus off, nothing changes.
func (g *gen) plantStatus() {
	main := g.r
	g.r = rand.New(rand.NewPCG(g.opt.Seed, 0x91a7_57a7_05))
	defer func() { g.r = main }()
	r := g.r
	T := g.T
	n := max(3, min(25, g.opt.Connections/50))
	order := []string{GroupSupporters, GroupDetractors, GroupBusySeniors, GroupCooling, GroupOrdinary}

	// Connections that group threads of a supporter's may take in: not quiet, not detractors,
	// not cooling, no planted influence riser of later steps (there are none: Step is 0).
	var others []int
	for i := range g.people {
		p := &g.people[i]
		if p.connected && !p.quiet() && p.status != detractor {
			others = append(others, i)
		}
	}

	start := len(g.people)
	groups := map[string][]int{}
	for _, name := range order {
		for range n {
			f, l := g.newName()
			p := person{first: f, last: l, connected: true, status: neutral, history: true}
			switch x := r.IntN(10); {
			case x < 3:
				p.role, p.company = roleColleague, g.ownerCompany
			case x < 6:
				p.role, p.company = roleClient, g.clients[r.IntN(len(g.clients))]
			case x < 7:
				p.role, p.company = roleProvider, g.providers[r.IntN(len(g.providers))]
			default:
				p.role, p.company = roleOther, g.others[r.IntN(len(g.others))]
			}
			if name == GroupBusySeniors {
				p.title = highTitles[r.IntN(len(highTitles))]
			} else {
				p.title = lowTitles[r.IntN(len(lowTitles))]
			}
			p.slug = g.newSlug(p.first, p.last)
			p.connectedOn = T - int64(400+r.IntN(2400))*day
			g.people = append(g.people, p)
			groups[name] = append(groups[name], len(g.people)-1)
		}
	}
	g.dm = append(g.dm, make([][]message, len(g.people)-start)...)

	pl := &personalPlant{g: g}
	for _, name := range order {
		for _, v := range groups[name] {
			pl.person(name, v, others)
		}
	}

	sp := &StatusPlant{
		Ego:    StatusPerson{Name: g.owner.name(), URL: g.owner.url(), Title: g.owner.title},
		Groups: order,
		Note:   "personal export: a person's habit with others is not in the data; busy seniors never wrote to the owner, detractors answered the owner's older messages",
		Rows:   pl.nRows,
	}
	for _, name := range order {
		var xs []StatusPerson
		for _, v := range groups[name] {
			p := &g.people[v]
			var rows []statusRow
			for _, sr := range pl.srows {
				if sr.from == v || slices.Contains(sr.to, v) {
					rows = append(rows, sr)
				}
			}
			slices.SortStableFunc(rows, func(a, b statusRow) int { return cmpInt64(int64(b.age), int64(a.age)) })
			xs = append(xs, StatusPerson{Name: p.name(), URL: p.url(), Title: p.title, Company: p.company,
				StatusEvidence: countEvidence(rows, fromOwner, v, nil)})
		}
		slices.SortFunc(xs, func(a, b StatusPerson) int { return cmp.Compare(a.URL, b.URL) })
		sp.setGroup(name, xs)
	}
	g.plant = sp
}

// personalPlant collects the planted rows of a personal export.
type personalPlant struct {
	g        *gen
	srows    []statusRow
	nRows    int
	sessions int
}

// say writes one 1:1 message between the owner and v at time at, in session s.
func (pl *personalPlant) say(v int, at int64, owner bool, s int) {
	pl.g.say(v, at, owner)
	from, to := v, fromOwner
	if owner {
		from, to = fromOwner, v
	}
	pl.add(at, from, []int{to}, "dm-"+strconv.Itoa(v), s)
}

func (pl *personalPlant) add(at int64, from int, to []int, conv string, s int) {
	pl.nRows++
	age := int(pl.g.T/day - at/day)
	pl.srows = append(pl.srows, statusRow{age: age, from: from, to: to, conv: conv, session: "s" + strconv.Itoa(s)})
}

// at is a time on the day age days before the export, between hour lo and hour hi.
func (pl *personalPlant) at(age, lo, hi int) int64 {
	return pl.g.T - int64(age)*day + int64(lo)*3600 + pl.g.r.Int64N(int64(hi-lo)*3600)
}

// reply is the time of an answer to a message at t: fast is the same day (two in five) or
// the next; otherwise the same day to three days later. Never on or after the export day.
func (pl *personalPlant) reply(t int64, fast bool) int64 {
	r := pl.g.r
	later := r.IntN(4)
	if fast {
		later = 1
		if r.IntN(5) < 2 {
			later = 0
		}
	}
	var out int64
	if later == 0 {
		out = min(t+1200+r.Int64N(4*3600), (t/day+1)*day-60)
	} else {
		out = (t/day+int64(later))*day + 8*3600 + r.Int64N(10*3600)
	}
	return min(out, pl.g.T-3600)
}

// ownerFirst writes a session the owner starts age days before the export; v answers when
// answered.
func (pl *personalPlant) ownerFirst(v, age int, answered, fast bool) {
	pl.sessions++
	t := pl.at(age, 9, 14)
	pl.say(v, t, true, pl.sessions)
	if answered {
		pl.say(v, pl.reply(t, fast), false, pl.sessions)
	}
}

// theyFirst writes a session v starts; the owner replies a day or two later when
// ownerReplies, and v answers that reply when answered.
func (pl *personalPlant) theyFirst(v, age int, ownerReplies, answered, fast bool) {
	pl.sessions++
	t := pl.at(age, 9, 15)
	pl.say(v, t, false, pl.sessions)
	if !ownerReplies {
		return
	}
	t2 := (t/day+1+int64(pl.g.r.IntN(2)))*day + 9*3600 + pl.g.r.Int64N(5*3600)
	pl.say(v, t2, true, pl.sessions)
	if answered {
		pl.say(v, pl.reply(t2, fast), false, pl.sessions)
	}
}

// spaced returns n ages from hi down, step days apart, each moved up to one day older.
func (pl *personalPlant) spaced(n, hi int, step float64) []int {
	out := make([]int, n)
	for k := range out {
		out[k] = hi - int(float64(k)*step+0.5) + pl.g.r.IntN(2)
	}
	return out
}

// person writes the sessions of one planted person of the named group; others are the
// connections a supporter's group threads may take in.
func (pl *personalPlant) person(name string, v int, others []int) {
	r := pl.g.r
	habit := 65 + r.IntN(21)
	if name == GroupOrdinary {
		habit = 60 + r.IntN(21)
	}
	switch name {
	case GroupSupporters:
		pl.supporter(v, others)
	case GroupDetractors, GroupBusySeniors:
		pl.detractor(name, v)
	case GroupCooling:
		pl.cooling(v, habit)
	case GroupOrdinary:
		pl.ordinary(v, habit)
	}
}

// old writes k sessions 200 to 699 days old, the owner's when ownerOnly, else started by
// either side; answered says whether v answers each.
func (pl *personalPlant) old(v, k int, answered func() bool, ownerOnly bool) {
	r := pl.g.r
	for range k {
		age := 200 + r.IntN(500)
		if ownerOnly || r.IntN(2) == 0 {
			pl.ownerFirst(v, age, answered(), false)
		} else {
			pl.theyFirst(v, age, true, answered(), false)
		}
	}
}

// atHabit is a draw that answers at habit percent.
func (pl *personalPlant) atHabit(habit int) func() bool {
	r := pl.g.r
	return func() bool { return r.IntN(100) < habit }
}

// supporter: v answers every message fast, starts most sessions and starts group threads
// with the owner.
func (pl *personalPlant) supporter(v int, others []int) {
	g := pl.g
	r := g.r
	// Eight sessions about 20 days apart (each its own thread: more than 14 days of
	// silence before it), six of them started by v.
	vOpen := exactFlags(r.Shuffle, 8, 6)
	for k, age := range pl.spaced(8, 168, 20.5) {
		if vOpen[k] {
			pl.theyFirst(v, age, true, true, true)
		} else {
			pl.ownerFirst(v, age, true, true)
		}
	}
	pl.old(v, 2+r.IntN(2), func() bool { return true }, false)
	for _, age := range stratified(r.IntN, 2+r.IntN(2), 5, 170) {
		members := []int{v}
		for _, k := range r.Perm(len(others))[:min(len(others), 1+r.IntN(3))] {
			members = append(members, others[k])
		}
		c := &conversation{kind: group, members: members}
		if r.IntN(2) == 0 {
			c.title = groupTitles[r.IntN(len(groupTitles))]
		}
		pl.sessions++
		t := pl.at(age, 9, 16)
		to := append([]int{fromOwner}, members[1:]...)
		for range 1 + r.IntN(2) {
			c.msgs = append(c.msgs, message{at: t, from: v, text: g.text()})
			pl.add(t, v, to, "group-"+strconv.Itoa(pl.sessions), pl.sessions)
			t += 600 + r.Int64N(3600)
		}
		g.convs = append(g.convs, c)
	}
}

// detractor: v, a detractor or a busy senior of the named group, answers none of the owner's
// recent messages (or one) and never writes first.
func (pl *personalPlant) detractor(name string, v int) {
	r := pl.g.r
	nAsk := 7 + r.IntN(3)
	one := -1
	if r.IntN(4) == 0 {
		one = r.IntN(nAsk)
	}
	for k, age := range pl.spaced(nAsk, 170, 160/float64(nAsk)) {
		pl.ownerFirst(v, age, k == one, false)
	}
	// They never write first: older sessions are the owner's, answered by detractors
	// (they used to answer), not by busy seniors.
	if name == GroupDetractors {
		pl.old(v, 2+r.IntN(2), func() bool { return true }, true)
	} else {
		pl.old(v, 1+r.IntN(2), func() bool { return false }, true)
	}
}

// cooling: v talks with the owner at v's habit until 95 days before the export, then at most
// once.
func (pl *personalPlant) cooling(v, habit int) {
	r := pl.g.r
	ages := pl.spaced(5, 172, 19.25)
	vOpen := exactFlags(r.Shuffle, 5, 1+r.IntN(2))
	nOwner := 5
	ans := exactFlags(r.Shuffle, nOwner, (nOwner*habit+50)/100)
	for k, age := range ages {
		age = max(age, 95)
		if vOpen[k] {
			pl.theyFirst(v, age, true, ans[k], false)
		} else {
			pl.ownerFirst(v, age, ans[k], false)
		}
	}
	pl.old(v, 2+r.IntN(3), pl.atHabit(habit), false)
	if r.IntN(2) == 0 { // at most one unit in the last 90 days: an exchange on one day
		pl.sessions++
		t := pl.at(10+r.IntN(70), 9, 12)
		pl.say(v, t, true, pl.sessions)
		pl.say(v, t+1800+r.Int64N(3*3600), false, pl.sessions)
	}
}

// ordinary: v answers at v's habit and starts half of the sessions, as many recent as before.
func (pl *personalPlant) ordinary(v, habit int) {
	r := pl.g.r
	// Four sessions 90 to 170 days old and four in the last 90, the same kinds in both
	// (two started by each side, the owner always writing), so that the units of the two
	// windows stay close and cooling cannot fire by chance.
	vOpen := exactFlags(r.Shuffle, 4, 2)
	ans := exactFlags(r.Shuffle, 8, (8*habit+50)/100)
	ages := pl.spaced(8, 168, 20.5)
	for k, age := range ages {
		if vOpen[k%4] {
			pl.theyFirst(v, age, true, ans[k], false)
		} else {
			pl.ownerFirst(v, age, ans[k], false)
		}
	}
	pl.old(v, 2+r.IntN(3), pl.atHabit(habit), false)
}
