package synth

import (
	"cmp"
	"encoding/base64"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
)

// Mover kinds, as written in Mover.Kind.
const (
	KindNewDetractor   = "new detractor"
	KindInfluenceRiser = "influence riser"
	KindGoneDormant    = "gone dormant"
)

var moverKinds = []string{KindNewDetractor, KindInfluenceRiser, KindGoneDormant}

// Mover is a person whose relationship was changed on purpose at one step (Options.Step), so
// that a comparison of two runs can be checked against it. A mover stays moved at every later
// step.
type Mover struct {
	URL  string `json:"url"`  // raw profile URL, as Person.URL
	Name string `json:"name"` // as Person.Name
	Kind string `json:"kind"` // new detractor, influence riser or gone dormant
	Step int    `json:"step"` // the step at which the person first moved
}

// Timings of the movers, in days before the export day (ages as on Person).
const (
	stepDays        = 7  // one step is a week
	dormantAge      = 93 // a gone-dormant mover's newest interaction with the owner is this old at least
	dormantFresh    = 80 // …and at step 0 it was at most this old
	riserOldest     = 80 // an influence riser's threads start at most this many days before the export
	riserNewest     = 8  // …and at least this many
	riserPeerDegree = 20 // the risers' threads take people with this many co-members in group threads at least
	maxStep         = 1000
	moverStream     = 0x5eed_0f_d1ff_e4e4 // the PCG stream of the movers, apart from the export's
)

// riserTitles are what an influence riser is promoted to: 1.0 or 0.85 on SPEC §3.3's table.
var riserTitles = []string{
	"Chief Commercial Officer", "Chief Strategy Officer", "Chief Revenue Officer",
	"Chief Digital Officer", "Vice President, Partnerships", "Vice President of Sales",
	"Vice President, Strategy", "Vice President Operations",
}

// evolver plants the movers of steps 1 to Options.Step on the export of step 0, which is
// complete when it starts (its conversations have their ids and order).
type evolver struct {
	g       *gen
	r       *rand.Rand
	direct  map[int]*conversation   // the 1:1 conversation of each person who has one
	groups  map[int][]*conversation // the group conversations of each person
	moved   []bool
	load    map[int]int // the risers' threads each person was put in
	degree  []int       // at step 0, each person's distinct co-members in group threads
	cooling []bool      // at step 0, the cooling signal fires
	last    []int64     // at step 0, the age in days of each person's newest interaction with the owner
	ids     map[string]bool
}

// evolve turns the export of step 0 into the export of step Options.Step: the movers of every
// step from 1 to Step are planted in turn, each on the export left by the steps before, and
// then every date moves 7·Step days later with the export day, so that everyone else's
// evidence keeps its age. The movers are drawn from a PCG stream of their own, so step 0 is
// the export without them, byte for byte, and the movers of step s are the same whatever
// later step is asked for.
//
// Per step, max(3, 0.6 % of the connections) movers of each kind are planted, as far as
// there are people who make the change unambiguous (see the plant functions). The statuses
// of the movers are then read again from the evidence (SPEC §3.4), so the truth stays what
// the bytes say; nobody else's status changes.
func (g *gen) evolve() {
	e := newEvolver(g)
	before := g.assess(primaryRules)
	e.cooling = make([]bool, len(g.people))
	for i, a := range before {
		e.cooling[i] = slices.Contains(a.signals, "cooling")
	}
	cands := e.candidates(before)
	n := max(3, round(0.006*float64(g.opt.Connections)))
	for s := 1; s <= g.opt.Step; s++ {
		for k, kind := range moverKinds {
			picked := 0
			for len(cands[k]) > 0 && picked < n {
				v := cands[k][0]
				cands[k] = cands[k][1:]
				if e.moved[v] || !e.plant(kind, v) {
					continue
				}
				e.moved[v] = true
				picked++
				p := &g.people[v]
				g.movers = append(g.movers, Mover{URL: p.url(), Name: p.name(), Kind: kind, Step: s})
			}
		}
	}
	after := g.assess(primaryRules)
	for i := range g.people {
		if e.moved[i] {
			g.people[i].status = after[i].status
		}
	}
	g.shift(int64(stepDays*g.opt.Step) * day)
	g.opt.ExportDate = g.opt.ExportDate.AddDate(0, 0, stepDays*g.opt.Step)
	rows := len(g.drafts)
	for _, c := range g.convs {
		rows += len(c.msgs)
	}
	g.opt.Messages = rows
}

// newEvolver indexes the conversations of step 0 by person.
func newEvolver(g *gen) *evolver {
	e := &evolver{
		g:      g,
		r:      rand.New(rand.NewPCG(g.opt.Seed, moverStream)),
		direct: map[int]*conversation{},
		groups: map[int][]*conversation{},
		moved:  make([]bool, len(g.people)),
		load:   map[int]int{},
		degree: make([]int, len(g.people)),
		ids:    map[string]bool{},
		last:   make([]int64, len(g.people)),
	}
	for i := range e.last {
		e.last[i] = 1 << 40
	}
	co := make([]map[int]bool, len(g.people))
	for _, c := range g.convs {
		e.ids[c.id] = true
		for _, m := range c.msgs {
			for _, v := range c.members {
				e.last[v] = min(e.last[v], g.age(m.at))
			}
		}
		switch c.kind {
		case direct:
			e.direct[c.members[0]] = c
		case group:
			for _, v := range c.members {
				e.groups[v] = append(e.groups[v], c)
				if co[v] == nil {
					co[v] = map[int]bool{}
				}
				for _, w := range c.members {
					co[v][w] = w != v
				}
			}
		}
	}
	for i, ws := range co {
		for _, ok := range ws {
			e.degree[i] += b2i(ok)
		}
	}
	return e
}

// age is the age in whole UTC days of a time, as Person documents it.
func (g *gen) age(at int64) int64 { return g.T/day - at/day }

// candidates lists, per kind in the order of moverKinds, the people of step 0 who may move:
// each list shuffled, the new detractors alternating high and low influence, high first.
// Targets, bridges, quiet people, cooling ties and late answerers never move.
func (e *evolver) candidates(as []assessment) [3][]int {
	g := e.g
	var detrHigh, detrLow, risers, dormant []int
	for i := range g.people {
		p := &g.people[i]
		if p.bridge != 0 || p.bridgeOf != 0 || p.quiet() || p.cooling || p.late > 0 {
			continue
		}
		switch {
		case as[i].status == neutral && !p.rec && p.endorse == 0 && as[i].owned > 0 && as[i].answered*10 >= as[i].owned*8 &&
			e.last[i] <= dormantFresh:
			// Answered at least 80 % of the owner's recent messages, and nothing else speaks
			// for them: with the owner's messages unanswered (−0.4) they are a detractor. In
			// touch lately, so that the owner's new messages do not end a dormant tie.
			if p.high {
				detrHigh = append(detrHigh, i)
			} else {
				detrLow = append(detrLow, i)
			}
		case p.connected && !p.high && slices.Contains(lowTitles, p.title) && as[i].status == neutral && len(as[i].signals) == 0 &&
			len(e.groups[i]) == 0:
			// Low influence, a junior title and no group thread at all: isolated around the
			// owner.
			risers = append(risers, i)
		case p.connected && p.high && !p.hub && p.status != detractor && e.newestDirect(i) <= dormantFresh:
			// High influence and talked 1:1 with the owner lately.
			dormant = append(dormant, i)
		}
	}
	var detr []int
	hi, lo := shuffled(e.r, detrHigh), shuffled(e.r, detrLow)
	for k := 0; k < max(len(hi), len(lo)); k++ {
		if k < len(hi) {
			detr = append(detr, hi[k])
		}
		if k < len(lo) {
			detr = append(detr, lo[k])
		}
	}
	return [3][]int{detr, shuffled(e.r, risers), shuffled(e.r, dormant)}
}

// newestDirect is the age in days of the newest 1:1 message between the owner and v, or a
// large number when there is none.
func (e *evolver) newestDirect(v int) int64 {
	newest := int64(1 << 40)
	if c := e.direct[v]; c != nil {
		for _, m := range c.msgs {
			newest = min(newest, e.g.age(m.at))
		}
	}
	return newest
}

func (e *evolver) plant(kind string, v int) bool {
	switch kind {
	case KindNewDetractor:
		return e.newDetractor(v)
	case KindInfluenceRiser:
		return e.riser(v)
	case KindGoneDormant:
		return e.dormant(v)
	}
	panic("synth: unknown mover kind " + kind)
}

// stand picks another member of c to take over v's messages: one who is not a mover.
func (e *evolver) stand(c *conversation, v int) (int, bool) {
	var others []int
	for _, w := range c.members {
		if w != v && !e.moved[w] {
			others = append(others, w)
		}
	}
	if len(others) == 0 {
		return 0, false
	}
	return others[e.r.IntN(len(others))], true
}

// newDetractor: v stops answering. Every message v sent in the last 180 days is gone (in a
// group thread another member, not a mover, sent it instead, so that no one else's evidence
// changes), and the owner writes to v three more times, 20 to 149 days before the export,
// so that under every reading of SPEC §3.4 the owner asked at least three times in the last
// 180 days, 1:1 alone included, and v answered none: unanswered, −0.4, a detractor
// (possibly also cooling). v has no recommendation and no endorsement.
func (e *evolver) newDetractor(v int) bool {
	g := e.g
	type takeover struct {
		c   *conversation
		k   int
		who int
	}
	var takes []takeover
	for _, c := range e.groups[v] {
		for k, m := range c.msgs {
			if m.from == v && g.age(m.at) < 180 {
				w, ok := e.stand(c, v)
				if !ok {
					return false
				}
				takes = append(takes, takeover{c, k, w})
			}
		}
	}
	for _, t := range takes {
		t.c.msgs[t.k].from = t.who
	}
	c := e.direct[v]
	if c == nil {
		c = e.newConversation(direct, []int{v})
		e.direct[v] = c
	}
	c.msgs = slices.DeleteFunc(c.msgs, func(m message) bool { return m.from == v && g.age(m.at) < 180 })
	for k := range 3 {
		age := int64(20 + 50*k + e.r.IntN(30))
		c.msgs = append(c.msgs, message{at: g.T - age*day + g.between2(e.r, 8*3600, 18*3600), from: fromOwner, text: e.text()})
	}
	sortMessages(c.msgs)
	return true
}

// riser: v, a low-influence neutral connection with a junior title and no group thread, is
// promoted to a senior title and joins six or seven new group threads of the last 80 days with
// five to seven high-influence people each: none quiet, no target or bridge, no mover, none
// cooling (which the new threads would end), all in touch with the owner in the last 80 days
// (so that no dormant tie wakes up) and with at least 20 co-members in group threads (so that
// they are high already), the least busy with risers' threads first (so that no one else's
// influence moves much). The owner posts in none of them, so no answer rate changes, and the
// interactions are all under 90 days old, so they cannot make anyone cool: v stays neutral
// and every status stays as it was.
func (e *evolver) riser(v int) bool {
	g := e.g
	var pool []int
	for i := range g.people {
		p := &g.people[i]
		if p.high && (p.connected || p.hub) && !p.quiet() && p.bridge == 0 && p.bridgeOf == 0 && !e.moved[i] &&
			e.last[i] <= dormantFresh && e.degree[i] >= riserPeerDegree && !e.cooling[i] {
			pool = append(pool, i)
		}
	}
	if len(pool) < 8 {
		return false
	}
	p := &g.people[v]
	p.title = riserTitles[e.r.IntN(len(riserTitles))]
	p.high = true
	r := e.r
	for range 6 + r.IntN(2) {
		// The least busy first, so that no one gains many threads.
		pool = shuffled(r, pool)
		slices.SortStableFunc(pool, func(a, b int) int { return cmp.Compare(e.load[a], e.load[b]) })
		k := 5 + r.IntN(3)
		members := append([]int{v}, pool[:k]...)
		for _, m := range pool[:k] {
			e.load[m]++
		}
		r.Shuffle(len(members), func(i, j int) { members[i], members[j] = members[j], members[i] })
		senders := shuffled(r, members)
		for range r.IntN(3) {
			senders = append(senders, v) // the riser leads the thread
		}
		start := g.T - int64(riserNewest+r.IntN(riserOldest-riserNewest+1))*day + g.between2(r, 8*3600, 12*3600)
		span := g.between2(r, 20*60, 3*day)
		times := make([]int64, len(senders))
		for j := range times {
			times[j] = start + g.between2(r, 0, span)
		}
		slices.Sort(times)
		spreadMinutes(times)
		c := e.newConversation(group, members)
		if r.IntN(2) == 0 {
			c.title = groupTitles[r.IntN(len(groupTitles))]
		}
		for j, s := range senders {
			c.msgs = append(c.msgs, message{at: times[j], from: s, text: e.text()})
		}
		for _, m := range members {
			e.groups[m] = append(e.groups[m], c)
		}
	}
	return true
}

// dormant: v, a high-influence connection who talked 1:1 with the owner in the last 80 days,
// goes quiet. v leaves the group threads that have a message under 93 days old (another
// member, not a mover, sends v's messages there, so that no one else's evidence changes) and
// keeps the older ones, at least three, and so high influence. v's 1:1 messages of the last
// 180 days move back, in order and with their gaps shrunk, into the 93rd to the 179th day
// before the export (older ones stay where they were): the last interaction with the owner is
// over 90 days old, and the owner's 1:1 messages of the last 180 days are the same, answered
// as before. Cooling may now fire (−0.2); a neutral stays neutral and a supporter, by a
// recommendation or by endorsements (+0.4) with answers (+0.2), stays a supporter.
func (e *evolver) dormant(v int) bool {
	g := e.g
	p := &g.people[v]
	c := e.direct[v]
	if c == nil || e.newestDirect(v) > dormantFresh {
		return false
	}
	var leave, keep []*conversation
	for _, gc := range e.groups[v] {
		recent := slices.ContainsFunc(gc.msgs, func(m message) bool { return g.age(m.at) < dormantAge })
		if !recent {
			keep = append(keep, gc)
			continue
		}
		if len(gc.members) < 3 {
			return false
		}
		if _, ok := e.stand(gc, v); !ok {
			return false
		}
		leave = append(leave, gc)
	}
	if len(keep) < 3 {
		return false
	}
	// The 1:1 block [lo, hi] of the last 180 days maps linearly onto [newLo, newHi]: never
	// longer, newest 94 to 108 days old, oldest no older than it was nor than 179 days.
	lo, hi := int64(-1), int64(-1)
	for _, m := range c.msgs {
		if g.age(m.at) < 180 {
			if lo < 0 {
				lo = m.at
			}
			hi = m.at
		}
	}
	newHi := g.T - (dormantAge+e.r.Int64N(15))*day - g.between2(e.r, 6*3600, 18*3600)
	newLo := max(min(lo, newHi-(hi-lo)), min(lo, g.T-175*day))
	if newLo < p.connectedOn+3600 {
		return false
	}
	for _, gc := range leave {
		for k := range gc.msgs {
			if gc.msgs[k].from == v {
				gc.msgs[k].from, _ = e.stand(gc, v)
			}
		}
		gc.members = slices.DeleteFunc(gc.members, func(w int) bool { return w == v })
	}
	e.groups[v] = keep
	for k := range c.msgs {
		if at := c.msgs[k].at; at >= lo {
			if hi == lo {
				c.msgs[k].at = newHi
			} else {
				c.msgs[k].at = newLo + int64(float64(at-lo)*float64(newHi-newLo)/float64(hi-lo))
			}
		}
	}
	sortMessages(c.msgs)
	return true
}

// sortMessages orders a conversation's messages by time and spreads them over distinct
// minutes, as finishConversations does.
func sortMessages(ms []message) {
	slices.SortStableFunc(ms, func(a, b message) int { return cmp.Compare(a.at, b.at) })
	times := make([]int64, len(ms))
	for k := range ms {
		times[k] = ms[k].at
	}
	spreadMinutes(times)
	for k := range ms {
		ms[k].at = times[k]
	}
}

// newConversation makes a conversation with a fresh id and folder and puts it at a random
// place among the others, the drafts keeping their neighbours.
func (e *evolver) newConversation(kind convKind, members []int) *conversation {
	g, r := e.g, e.r
	c := &conversation{kind: kind, members: members, folder: "INBOX"}
	for {
		c.id = conversationIDFrom(r)
		if !e.ids[c.id] {
			e.ids[c.id] = true
			break
		}
	}
	if r.IntN(100) < 15 {
		c.folder = "ARCHIVE"
	}
	at := r.IntN(len(g.convs) + 1)
	g.convs = slices.Insert(g.convs, at, c)
	for k := range g.draftPos {
		if g.draftPos[k] > at {
			g.draftPos[k]++
		}
	}
	return c
}

// text draws a message body from the movers' stream, as gen.text does from the export's.
func (e *evolver) text() string {
	r := e.r
	n := 1 + r.IntN(3)
	parts := make([]string, n)
	for i := range parts {
		parts[i] = sentences[r.IntN(len(sentences))]
	}
	return strings.Join(parts, "  ")
}

// between2 is gen.between with another source.
func (g *gen) between2(r *rand.Rand, lo, hi int64) int64 {
	if hi <= lo {
		return lo
	}
	return lo + r.Int64N(hi-lo+1)
}

// conversationIDFrom is gen.conversationID with another source.
func conversationIDFrom(r *rand.Rand) string {
	var b [16]byte
	for i := range b {
		b[i] = byte(r.Uint32())
	}
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	raw := fmt.Sprintf("%x-%x-%x-%x-%x_%03d", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16], r.IntN(200))
	return "2-" + base64.StdEncoding.EncodeToString([]byte(raw))
}

// shift moves every date of the export, the export day included, by d seconds.
func (g *gen) shift(d int64) {
	if d == 0 {
		return
	}
	g.T += d
	for i := range g.people {
		if g.people[i].connected {
			g.people[i].connectedOn += d
		}
	}
	for k := range g.ghostDays {
		g.ghostDays[k] += d
	}
	for _, c := range g.convs {
		for k := range c.msgs {
			c.msgs[k].at += d
		}
	}
	for k := range g.drafts {
		g.drafts[k].at += d
	}
	for _, es := range [][]endorsement{g.endorsementsReceived, g.endorsementsGiven} {
		for k := range es {
			es[k].at += d
		}
	}
	for _, rs := range [][]recommendation{g.recsReceived, g.recsGiven} {
		for k := range rs {
			rs[k].at += d
		}
	}
	for k := range g.invitations {
		g.invitations[k].at += d
	}
	g.dm = nil // shared with the 1:1 conversations, which moved already
}

// sortMovers orders movers by step, kind (as moverKinds) and URL.
func sortMovers(ms []Mover) {
	slices.SortStableFunc(ms, func(a, b Mover) int {
		return cmp.Or(cmp.Compare(a.Step, b.Step),
			cmp.Compare(slices.Index(moverKinds, a.Kind), slices.Index(moverKinds, b.Kind)),
			strings.Compare(a.URL, b.URL))
	})
}
