package synth

import "math"

// planStatuses plants influence and status (SPEC §3.4) and decides, for every supporter,
// detractor and cooling tie, which evidence will show it.
//
// A quarter of the people relmap ranks (connections, non-connections met in group threads and
// pending invitees) are planted high: connections with a senior title plus a few
// non-connection hubs. Of the high, 25 % are champions, 20 % areas for improvement and the
// rest keys to engage; of the low, 10 % are allies, 7 % watch and the rest background.
func (g *gen) planStatuses() {
	N := len(g.people)
	H := round(0.25 * float64(N))
	highs, hubs := g.planHigh(H)
	highConn := len(highs)

	Hreal := highConn + hubs
	champions := min(round(0.25*float64(Hreal)), highConn)
	afi := min(round(0.20*float64(Hreal)), highConn-champions)
	for k, i := range highs {
		switch {
		case k < champions:
			g.people[i].status = supporter
		case k < champions+afi:
			g.people[i].status = detractor
		}
	}

	g.planLow(N - Hreal)

	var neutralConn []int
	for i := range g.people {
		p := &g.people[i]
		g.planProfile(p)
		g.planEvidence(p)
		if p.status == neutral && p.connected {
			neutralConn = append(neutralConn, i)
		}
	}

	g.planCooling(neutralConn)
}

// planHigh makes everyone neutral and plants the high: H in all, non-connection hubs first,
// then connections with a company. It returns the high connections, in a random order, and
// the number of hubs.
func (g *gen) planHigh(H int) (highs []int, hubs int) {
	r := g.r
	var eligible, non []int
	for i := range g.people {
		p := &g.people[i]
		p.status = neutral
		switch {
		case p.connected && p.company != "":
			eligible = append(eligible, i)
		case p.role == roleNonConnection:
			non = append(non, i)
		}
	}
	hubs = min(max(1, round(0.1*float64(len(non)))), len(non), H)
	highConn := min(H-hubs, len(eligible))
	for _, i := range shuffled(r, non)[:hubs] {
		g.people[i].high, g.people[i].hub = true, true
	}
	highs = shuffled(r, eligible)[:highConn]
	for _, i := range highs {
		g.people[i].high = true
	}
	return highs, hubs
}

// planLow plants the allies and the watch among the low connections, L being the number of
// low people, and picks the low connections that join group threads.
func (g *gen) planLow(L int) {
	r := g.r
	var lowConn []int
	for i := range g.people {
		if g.people[i].connected && !g.people[i].high {
			lowConn = append(lowConn, i)
		}
	}
	allies := min(round(0.10*float64(L)), len(lowConn))
	watch := min(round(0.07*float64(L)), len(lowConn)-allies)
	for k, i := range shuffled(r, lowConn) {
		p := &g.people[i]
		switch {
		case k < allies:
			p.status = supporter
		case k < allies+watch:
			p.status = detractor
		}
		p.inGroups = r.IntN(4) == 0
	}
}

// planProfile gives a person their title, a name suffix now and then, their slug and, rarely,
// an e-mail address.
func (g *gen) planProfile(p *person) {
	r := g.r
	switch {
	case p.connected && p.company == "":
		// LinkedIn shows neither company nor position.
	case p.high && p.connected:
		p.title = highTitles[r.IntN(len(highTitles))]
	case p.connected:
		p.title = lowTitles[r.IntN(len(lowTitles))]
	}
	odds := 2
	if p.high {
		odds = 8
	}
	if r.IntN(100) < odds {
		p.last += ", " + nameSuffixes[r.IntN(len(nameSuffixes))]
	}
	p.slug = g.newSlug(p.first, p.last)
	if p.connected && r.IntN(100) < 2 {
		p.email = g.emailFor(p)
	}
}

// planEvidence decides which evidence will show a supporter or a detractor.
func (g *gen) planEvidence(p *person) {
	r := g.r
	switch p.status {
	case supporter:
		// A recommendation (+0.6) or two endorsements or more (+0.4) makes a supporter on
		// its own. Endorsement-only supporters also answer promptly (+0.2), so that a
		// cooling signal (−0.2) can never pull them under +0.25.
		p.rec = p.company != "" && r.IntN(100) < 40
		if p.rec {
			if r.IntN(100) < 30 {
				p.endorse = 1 + r.IntN(3)
			}
			if r.IntN(2) == 0 {
				p.answers = g.exchanges(3+r.IntN(2), 2, 3)
			}
		} else {
			p.endorse = 2 + r.IntN(3)
			p.answers = g.exchanges(3+r.IntN(2), 2, 3)
		}
	case detractor:
		p.detrOld = g.exchanges(1+r.IntN(3), 2, 3)
		p.detrRecent = 4 + r.IntN(4)
		p.detrReply = p.detrRecent >= 5 && r.IntN(2) == 0
	}
}

// planCooling makes 5 % of the neutral connections cooling ties.
func (g *gen) planCooling(neutralConn []int) {
	r := g.r
	nCool := round(0.05 * float64(len(neutralConn)))
	for _, i := range shuffled(r, neutralConn)[:nCool] {
		p := &g.people[i]
		p.cooling = true
		p.coolPrev = g.exchanges(6+r.IntN(4), 2, 3)
		p.coolLast = r.IntN(2)
	}
}

// exchanges draws n exchange lengths between lo and hi messages.
func (g *gen) exchanges(n, lo, hi int) []int {
	out := make([]int, n)
	for i := range out {
		out[i] = lo + g.r.IntN(hi-lo+1)
	}
	return out
}

func sum(xs []int) int {
	s := 0
	for _, x := range xs {
		s += x
	}
	return s
}

// planNoise draws the counts of the rows that carry no relationship: ghost connections,
// drafts, LinkedIn Member and sponsored messages. They fit within Options.Messages.
func (g *gen) planNoise() {
	r := g.r
	g.ghosts = 2 + r.IntN(9)
	M := g.opt.Messages
	g.nDrafts = min(2+r.IntN(4), M)
	g.nMember = min(2+r.IntN(5), M-g.nDrafts)
	g.nSponsored = min(1+r.IntN(3), M-g.nDrafts-g.nMember)
}

// planBudget shares Options.Messages out: at most half of what the noise leaves goes to the
// status evidence (detractors first, then supporters' answers, then cooling ties); of the
// rest, nine tenths may go to group threads and the remainder is chatter. Planted evidence
// that does not fit is dropped, and the person falls back to neutral or to what remains.
func (g *gen) planBudget() {
	B := g.opt.Messages - g.nDrafts - g.nMember - g.nSponsored
	coreCap := B / 2
	used := 0
	order := g.r.Perm(len(g.people))
	for _, i := range order {
		p := &g.people[i]
		if p.status != detractor {
			continue
		}
		if cost := sum(p.detrOld) + p.detrRecent + b2i(p.detrReply); used+cost <= coreCap {
			used += cost
		} else {
			p.status, p.detrOld, p.detrRecent, p.detrReply = neutral, nil, 0, false
		}
	}
	for _, i := range order {
		p := &g.people[i]
		if cost := sum(p.answers); cost > 0 {
			if used+cost <= coreCap {
				used += cost
			} else {
				p.answers = nil
			}
		}
	}
	for _, i := range order {
		p := &g.people[i]
		if !p.cooling {
			continue
		}
		if cost := sum(p.coolPrev) + 2*p.coolLast; used+cost <= coreCap {
			used += cost
		} else {
			p.cooling, p.coolPrev, p.coolLast = false, nil, 0
		}
	}
	for i := range g.people {
		p := &g.people[i]
		p.history = p.status == detractor || p.cooling || len(p.answers) > 0
	}
	g.coreRows = used
	avail := B - used
	// The bridges and the noise each take at most a sixth of what is left; what they do
	// not use goes to chatter.
	bridges := g.planBridges(avail / 6)
	avail -= bridges + g.planExtraNoise(avail/6)
	g.groupCap = avail - avail/10
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// assignDates gives every connection its Connected On day, spread over twelve years and
// skewed to recent ones (about a third in the last two years), and the ghost rows theirs.
// People whose evidence needs an older history are connected at least 400 days before.
func (g *gen) assignDates() {
	r := g.r
	for i := range g.people {
		p := &g.people[i]
		if !p.connected {
			continue
		}
		var age int64
		if p.history {
			age = 400 + int64(4000*math.Pow(r.Float64(), 1.3))
		} else {
			age = 1 + int64(4400*math.Pow(r.Float64(), 1.6))
		}
		p.connectedOn = g.T - age*day
	}
	g.ghostDays = make([]int64, g.ghosts)
	for k := range g.ghostDays {
		g.ghostDays[k] = g.T - (1+int64(4400*math.Pow(r.Float64(), 1.6)))*day
	}
}
