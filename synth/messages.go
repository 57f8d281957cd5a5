package synth

import (
	"encoding/base64"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
)

// gen holds one export while it is generated.
type gen struct {
	opt   Options
	r     *rand.Rand
	T     int64 // the export day, midnight UTC, in Unix seconds: the as-of time
	names map[string]bool
	slugs map[string]bool

	owner        person
	ownerCompany string
	clients      []string
	providers    []string
	past         []string // the owner's former employers
	others       []string

	people    []person
	ghosts    int
	ghostDays []int64

	nDrafts, nMember, nSponsored int
	coreRows, groupCap           int
	groupRows                    int
	extraRows                    int // rows written for the bridges and for Options.Noise
	noiseRows                    int // rows left for the extra group threads of Options.Noise

	dm       [][]message // 1:1 messages with the owner, by person, in creation order
	convs    []*conversation
	drafts   []message
	draftPos []int // for each draft, the number of conversations written before it

	endorsementsReceived []endorsement
	endorsementsGiven    []endorsement
	recsReceived         []recommendation
	recsGiven            []recommendation
	invitations          []invitation

	movers []Mover // planted by evolve, steps 1 to Options.Step

	plant *StatusPlant // planted by plantStatus (Options.PlantStatus)
}

// Senders that are not people of the export.
const (
	fromOwner   = -1
	fromMember  = -2 // "LinkedIn Member": a hidden or deleted account
	fromSponsor = -3 // "Riley from LinkedIn Premium"
)

// message is one row of messages.csv.
type message struct {
	at   int64 // Unix seconds
	from int   // index into gen.people, or one of the from* constants
	text string
}

type convKind int

const (
	direct convKind = iota
	group
	memberConv
	sponsoredConv
)

// conversation is one CONVERSATION ID: the owner plus members.
type conversation struct {
	kind    convKind
	id      string
	title   string
	subject string
	folder  string
	members []int     // participants other than the owner, in display order
	msgs    []message // oldest first
}

// text draws a neutral message body: one to three sentences joined by the double space that
// LinkedIn leaves where it flattened a line break.
func (g *gen) text() string {
	n := 1 + g.r.IntN(3)
	if n == 1 {
		return sentences[g.r.IntN(len(sentences))]
	}
	parts := make([]string, n)
	for i := range parts {
		parts[i] = sentences[g.r.IntN(len(sentences))]
	}
	return strings.Join(parts, "  ")
}

// between draws a time in [lo, hi]; hi < lo gives lo.
func (g *gen) between(lo, hi int64) int64 {
	if hi <= lo {
		return lo
	}
	return lo + g.r.Int64N(hi-lo+1)
}

// buildGroups makes the group threads (3–8 participants with the owner). High-influence
// people fill 5–10 threads each and hubs 9–14, with two to four of them in most threads; the
// low-influence people chosen for groups and the non-connections join one or two. A thread
// lasts at most 10 days and ends with a round in which every member posts once, after all of
// the owner's messages, so the owner's group messages are always answered within 14 days.
// In threads of the last 200 days the owner never posts when a detractor is a member, and
// quiet people (see person.quiet) are never members, so that group traffic cannot blur the
// planted answer rates and cooling.
func (g *gen) buildGroups() {
	r := g.r
	highBag, lowBag, nonBag := g.groupBags()
	sizes := []int{2, 2, 2, 3, 3, 3, 3, 3, 4, 4, 4, 4, 4, 5, 5, 5, 6, 6, 7, 7}

	used := 0
	for used+2 <= g.groupCap && len(highBag)+len(lowBag)+len(nonBag) >= 2 {
		k := sizes[r.IntN(len(sizes))]
		start := g.T - g.between(2*day, 1095*day)
		recent := start >= g.T-200*day
		members := g.groupMembers(k, recent, &highBag, &lowBag, &nonBag)
		if len(members) < 2 {
			break
		}
		ownerPosts, extra, cost, ok := g.groupCost(members, recent, g.groupCap-used)
		if !ok {
			break
		}
		used += cost
		g.convs = append(g.convs, g.groupThread(members, start, ownerPosts, extra))
	}
	g.groupRows = used
}

// groupBags fills the bags that group members are drawn from, each person as many times as
// the threads they are to join, and shuffles them.
func (g *gen) groupBags() (highBag, lowBag, nonBag []int) {
	r := g.r
	for i := range g.people {
		p := &g.people[i]
		switch {
		case p.hub:
			for range 9 + r.IntN(6) {
				highBag = append(highBag, i)
			}
		case p.high:
			for range 5 + r.IntN(6) {
				highBag = append(highBag, i)
			}
		case p.role == roleNonConnection:
			for range 1 + r.IntN(2) {
				nonBag = append(nonBag, i)
			}
		case p.inGroups:
			for range 1 + r.IntN(2) {
				lowBag = append(lowBag, i)
			}
		}
	}
	shuffle := func(xs []int) { r.Shuffle(len(xs), func(i, j int) { xs[i], xs[j] = xs[j], xs[i] }) }
	shuffle(highBag)
	shuffle(lowBag)
	shuffle(nonBag)
	return highBag, lowBag, nonBag
}

// popGroup takes a person from the bag who is not yet chosen and, in a recent thread, not
// quiet; it gives up after eight tries.
func (g *gen) popGroup(bag *[]int, chosen []int, recent bool) (int, bool) {
	r := g.r
	b := *bag
	for try := 0; try < 8 && len(b) > 0; try++ {
		j := len(b) - 1
		c := b[j]
		if !slices.Contains(chosen, c) && !(recent && g.people[c].quiet()) {
			*bag = b[:j]
			return c, true
		}
		x := r.IntN(len(b))
		b[j], b[x] = b[x], b[j]
	}
	return 0, false
}

// groupMembers chooses up to k members of a thread: a few non-connections or low-influence
// people, the rest high-influence.
func (g *gen) groupMembers(k int, recent bool, highBag, lowBag, nonBag *[]int) []int {
	r := g.r
	nl := 0
	if k > 2 {
		nl = r.IntN(min(3, k-2) + 1)
	}
	if len(*highBag) < 2 {
		nl = k
	}
	var members []int
	for range nl {
		if c, ok := g.popGroup(nonBag, members, recent); ok {
			members = append(members, c)
		} else if c, ok := g.popGroup(lowBag, members, recent); ok {
			members = append(members, c)
		}
	}
	for len(members) < k {
		c, ok := g.popGroup(highBag, members, recent)
		if !ok {
			break
		}
		members = append(members, c)
	}
	return members
}

// groupCost decides whether the owner posts in a thread and how many extra messages it has,
// within the room left of the group rows; it returns the thread's rows, and false when the
// thread does not fit.
func (g *gen) groupCost(members []int, recent bool, room int) (ownerPosts bool, extra, cost int, ok bool) {
	r := g.r
	detr := false
	for _, m := range members {
		detr = detr || g.people[m].status == detractor
	}
	ownerPosts = !(recent && detr) && r.IntN(10) < 6
	extra = r.IntN(4)
	cost = len(members) + b2i(ownerPosts) + extra
	if cost > room {
		extra = max(0, room-len(members)-b2i(ownerPosts))
		cost = len(members) + b2i(ownerPosts) + extra
		if cost > room {
			ownerPosts = false
			cost = len(members)
		}
		if cost > room {
			return ownerPosts, extra, cost, false
		}
	}
	return ownerPosts, extra, cost, true
}

// groupThread makes the thread of the members that starts at start: its senders, the times
// of their messages, and its title.
func (g *gen) groupThread(members []int, start int64, ownerPosts bool, extra int) *conversation {
	r := g.r
	// The body: the owner's opening message and the extra messages; then the end round,
	// in which every member posts once.
	var senders []int
	if ownerPosts {
		senders = append(senders, fromOwner)
	}
	for range extra {
		x := r.IntN(len(members) + b2i(ownerPosts))
		if x == len(members) {
			senders = append(senders, fromOwner)
		} else {
			senders = append(senders, members[x])
		}
	}
	end := append([]int(nil), members...)
	r.Shuffle(len(end), func(i, j int) { end[i], end[j] = end[j], end[i] })
	senders = append(senders, end...)

	var span int64
	switch x := r.IntN(10); {
	case x < 6:
		span = g.between(20*60, 8*3600)
	case x < 9:
		span = g.between(8*3600, 3*day)
	default:
		span = g.between(3*day, 10*day)
	}
	span = min(span, g.T-3600-start) // spreadMinutes may add a minute per message
	times := make([]int64, len(senders))
	for i := range times {
		times[i] = start + g.between(0, span)
	}
	slices.Sort(times)
	spreadMinutes(times)
	c := &conversation{kind: group, members: members}
	r.Shuffle(len(c.members), func(i, j int) { c.members[i], c.members[j] = c.members[j], c.members[i] })
	if r.IntN(2) == 0 {
		c.title = groupTitles[r.IntN(len(groupTitles))]
	}
	for i, s := range senders {
		c.msgs = append(c.msgs, message{at: times[i], from: s, text: g.text()})
	}
	return c
}

// say appends one 1:1 message between the owner and person p.
func (g *gen) say(p int, at int64, owner bool) {
	from := p
	if owner {
		from = fromOwner
	}
	g.dm[p] = append(g.dm[p], message{at: at, from: from, text: g.text()})
}

// exchange appends n alternating 1:1 messages starting at start, each gap between minGap and
// maxGap seconds, and returns the time of the last one.
func (g *gen) exchange(p int, start int64, n int, ownerFirst bool, minGap, maxGap int64) int64 {
	t, owner := start, ownerFirst
	for i := range n {
		if i > 0 {
			t += g.between(minGap, maxGap)
		}
		g.say(p, t, owner)
		owner = !owner
	}
	return t
}

// buildDirect writes the planted 1:1 evidence: detractors' earlier answered exchanges and
// their unanswered recent messages, supporters' answered exchanges, and cooling ties.
func (g *gen) buildDirect() {
	g.dm = make([][]message, len(g.people))
	T := g.T
	for i := range g.people {
		p := &g.people[i]
		lo := max(p.connectedOn+3600, T-1095*day)
		hi := T - 200*day
		for _, n := range p.detrOld {
			g.exchange(i, g.between(lo, hi), n, g.r.IntN(2) == 0, 300, 3*day)
		}
		if n := p.detrRecent; n > 0 {
			// Owner messages at least 15 days apart, so that one late reply can only answer
			// the message just before it.
			seg := int64(168*day) / int64(n)
			base := T - 170*day
			replyTo := -1
			if p.detrReply {
				replyTo = g.r.IntN(n)
			}
			for k := range n {
				t := base + int64(k)*seg + g.between(0, seg-15*day)
				g.say(i, t, true)
				if k == replyTo {
					g.say(i, t+g.between(3600, 3*day), false)
				}
			}
		}
		if k := len(p.answers); k > 0 {
			seg := int64(165*day) / int64(k)
			for j, n := range p.answers {
				start := T - 170*day + int64(j)*seg + g.between(0, seg-5*day)
				// Length 2 is owner then person; length 3 is person, owner, person: the
				// exchange always ends with the person, within two days of the owner.
				g.exchange(i, start, n, n%2 == 0, 300, 2*day)
			}
		}
		if p.cooling {
			days := g.r.Perm(81)[:len(p.coolPrev)]
			for j, n := range p.coolPrev {
				d := T - 175*day + int64(days[j])*day
				g.exchange(i, d+8*3600+g.between(0, 4*3600), n, n%2 == 0, 300, 3600)
			}
			for range p.coolLast {
				d := T - g.between(3, 80)*day
				g.exchange(i, d+8*3600+g.between(0, 4*3600), 2, true, 300, 3600)
			}
		}
	}
}

// buildChatter fills Options.Messages exactly with 1:1 chatter: mostly exchanges older than
// 200 days (which no status rule looks at), and some recent ones that always end with the
// person's reply, never with detractors or quiet people.
func (g *gen) buildChatter() {
	rest := g.opt.Messages - g.nDrafts - g.nMember - g.nSponsored - g.coreRows - g.groupRows - g.extraRows
	T := g.T
	type partner struct {
		i      int
		lo, hi int64
	}
	var old, recent []partner
	var oldW, recentW []int
	for i := range g.people {
		p := &g.people[i]
		if !p.connected {
			continue
		}
		w := 1
		if g.r.IntN(5) == 0 {
			w = 5
		}
		if lo, hi := max(p.connectedOn+3600, T-1095*day), T-200*day; hi-lo >= day {
			old = append(old, partner{i, lo, hi})
			oldW = append(oldW, w+sumLast(oldW))
		}
		if p.status == detractor || p.quiet() {
			continue
		}
		if lo, hi := max(p.connectedOn+3600, T-175*day), T-8*day; hi-lo >= day {
			recent = append(recent, partner{i, lo, hi})
			recentW = append(recentW, w+sumLast(recentW))
		}
	}
	pick := func(ps []partner, cum []int) partner {
		x := g.r.IntN(cum[len(cum)-1])
		k, _ := slices.BinarySearch(cum, x+1)
		return ps[k]
	}
	for rest > 0 {
		n := min(rest, 1+g.r.IntN(4))
		useRecent := len(recent) > 0 && (len(old) == 0 || g.r.IntN(100) < 15)
		switch {
		case useRecent:
			pt := pick(recent, recentW)
			g.exchange(pt.i, g.between(pt.lo, pt.hi), n, n%2 == 0, 300, 2*day)
		case len(old) > 0:
			pt := pick(old, oldW)
			g.exchange(pt.i, g.between(pt.lo, pt.hi), n, g.r.IntN(2) == 0, 300, 3*day)
		default:
			// No connection can take chatter: the rows go to LinkedIn Member instead.
			g.nMember += rest
			n = rest
		}
		rest -= n
	}
}

func sumLast(cum []int) int {
	if len(cum) == 0 {
		return 0
	}
	return cum[len(cum)-1]
}

// buildNoiseConversations writes the rows relmap must skip: LinkedIn Member and sponsored
// conversations, and drafts.
func (g *gen) buildNoiseConversations() {
	T := g.T
	for left := g.nMember; left > 0; {
		n := min(left, 1+g.r.IntN(2))
		c := &conversation{kind: memberConv, folder: "INBOX"}
		t := T - g.between(30*day, 1095*day)
		for range n {
			text := "Hi " + g.owner.first + " - are you hiring?"
			if g.r.IntN(2) == 0 {
				text = "Hello, I came across your profile and wanted to connect."
			}
			c.msgs = append(c.msgs, message{at: t, from: fromMember, text: text})
			t += g.between(60, 2*day)
		}
		g.convs = append(g.convs, c)
		left -= n
	}
	for range g.nSponsored {
		c := &conversation{
			kind:    sponsoredConv,
			folder:  "SPAM",
			title:   "Your Premium free trial",
			subject: g.owner.first + ", unlock 1 month of Premium",
		}
		c.msgs = []message{{
			at:   T - g.between(day, 730*day),
			from: fromSponsor,
			text: `<p class="spinmail-quill-editor__spin-break">Hi %FIRSTNAME%,</p><p class="spinmail-quill-editor__spin-break">Your free month is waiting.</p>`,
		}}
		g.convs = append(g.convs, c)
	}
	for range g.nDrafts {
		g.drafts = append(g.drafts, message{
			at:   T - g.between(3600, 400*day),
			from: fromOwner,
			text: draftTexts[g.r.IntN(len(draftTexts))],
		})
	}
}

// finishConversations turns the 1:1 messages into conversations, gives every conversation
// its id and folder, and shuffles their order (LinkedIn's is not by date).
func (g *gen) finishConversations() {
	for i, msgs := range g.dm {
		if len(msgs) == 0 {
			continue
		}
		slices.SortStableFunc(msgs, func(a, b message) int { return cmpInt64(a.at, b.at) })
		times := make([]int64, len(msgs))
		for k := range msgs {
			times[k] = msgs[k].at
		}
		spreadMinutes(times)
		for k := range msgs {
			msgs[k].at = times[k]
		}
		g.convs = append(g.convs, &conversation{kind: direct, members: []int{i}, msgs: msgs})
	}
	seen := map[string]bool{}
	for _, c := range g.convs {
		for {
			c.id = g.conversationID()
			if !seen[c.id] {
				seen[c.id] = true
				break
			}
		}
		if c.folder == "" {
			c.folder = "INBOX"
			if g.r.IntN(100) < 15 {
				c.folder = "ARCHIVE"
			}
		}
	}
	g.r.Shuffle(len(g.convs), func(i, j int) { g.convs[i], g.convs[j] = g.convs[j], g.convs[i] })
	for range g.drafts {
		g.draftPos = append(g.draftPos, g.r.IntN(len(g.convs)+1))
	}
}

// spreadMinutes moves sorted times forward, keeping their seconds, until no two fall in the
// same UTC minute. relmap counts one event per sender, recipients and minute (SPEC §2.6 meant
// for overlapping sources), so two messages of one conversation in one minute would read as
// one and the truth's counts would depend on that rule.
func spreadMinutes(ts []int64) {
	for k := 1; k < len(ts); k++ {
		if ts[k]/60 <= ts[k-1]/60 {
			ts[k] = (ts[k-1]/60+1)*60 + ts[k]%60
		}
	}
}

func cmpInt64(a, b int64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// conversationID is "2-" and the base64 of "<uuid>_<3 digits>", 58 characters, as LinkedIn
// writes them (FORMAT.md §2.2).
func (g *gen) conversationID() string {
	var b [16]byte
	for i := range b {
		b[i] = byte(g.r.Uint32())
	}
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	raw := fmt.Sprintf("%x-%x-%x-%x-%x_%03d", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16], g.r.IntN(200))
	return "2-" + base64.StdEncoding.EncodeToString([]byte(raw))
}

// ownerMessagesSince counts, per person, the owner's messages sent to them (in any
// conversation) at or after t.
func (g *gen) ownerMessagesSince(t int64) []int {
	out := make([]int, len(g.people))
	for i, msgs := range g.dm {
		for _, m := range msgs {
			if m.from == fromOwner && m.at >= t {
				out[i]++
			}
		}
	}
	for _, c := range g.convs {
		if c.kind != group {
			continue
		}
		for _, m := range c.msgs {
			if m.from == fromOwner && m.at >= t {
				for _, v := range c.members {
					out[v]++
				}
			}
		}
	}
	return out
}
