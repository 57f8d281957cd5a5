package synth

import "slices"

// planExtraNoise plans the noise of Options.Noise that must be decided before the groups are
// built and returns the message rows it reserves, at most budget. With Noise 0 it does nothing
// and draws nothing.
//
//   - Senior titles: each low-influence connection with a company gets a senior title with
//     probability 0.15·Noise, so that seniority alone cannot tell influence.
//   - Late answers: 5 %·Noise of the neutral low-influence connections without planted
//     evidence get one or two 1:1 messages from the owner in the last 90 days, answered 16 to
//     40 days later. With at most two such messages and no other recent ones (they are quiet),
//     the answer rate stays undefined and the status neutral.
//   - Extra group threads among random people: the rest of the budget, see buildNoiseThreads.
func (g *gen) planExtraNoise(budget int) int {
	x := g.opt.Noise
	if x == 0 || budget <= 0 {
		return 0
	}
	r := g.r
	var cands []int
	for i := range g.people {
		p := &g.people[i]
		if !p.connected || p.high {
			continue
		}
		if p.company != "" && r.Float64() < 0.15*x {
			p.title = highTitles[r.IntN(len(highTitles))]
		}
		if p.status == neutral && !p.history && !p.cooling && p.bridgeOf == 0 {
			cands = append(cands, i)
		}
	}
	used := 0
	for _, i := range shuffled(r, cands)[:round(0.05*x*float64(len(cands)))] {
		n := 1 + r.IntN(2)
		if used+2*n > budget {
			break
		}
		used += 2 * n
		g.people[i].late = n
		g.people[i].history = true // connected long before the messages
	}
	g.noiseRows = budget - used
	return budget
}

// buildNoiseThreads writes the late-answered 1:1 messages and fills the rest of the noise
// budget with group threads of two to four random people (connections and non-connections,
// whatever their influence), in which the owner never posts. A thread is either older than
// 180 days or entirely in the last 90 days and then without quiet members, so that no answer
// rate and no cooling signal changes.
func (g *gen) buildNoiseThreads() {
	if g.opt.Noise == 0 {
		return
	}
	r := g.r
	T := g.T
	for i := range g.people {
		for k := range g.people[i].late {
			age := 50 + int64(k)*20 + r.Int64N(15) // 50–64 and 70–84 days
			t := T - age*day + g.between(8*3600, 18*3600)
			g.say(i, t, true)
			g.say(i, t+g.between(16*day, (age-3)*day), false)
			g.extraRows += 2
		}
	}
	var pool []int
	for i := range g.people {
		if p := &g.people[i]; p.connected || p.role == roleNonConnection {
			pool = append(pool, i)
		}
	}
	left := g.noiseRows
	for len(pool) >= 2 && left >= 3 {
		k := min(2+r.IntN(3), left-1)
		recent := r.IntN(2) == 0
		var start int64
		if recent {
			start = T - g.between(12*day, 85*day)
		} else {
			start = T - g.between(200*day, 1095*day)
		}
		var members []int
		for try := 0; try < 30 && len(members) < k; try++ {
			c := pool[r.IntN(len(pool))]
			if !slices.Contains(members, c) && !(recent && g.people[c].quiet()) {
				members = append(members, c)
			}
		}
		if len(members) < 2 {
			break
		}
		senders := shuffled(r, members)
		if len(members) < left && r.IntN(2) == 0 {
			senders = append(senders, members[r.IntN(len(members))])
		}
		times := make([]int64, len(senders))
		span := g.between(20*60, 3*day)
		for j := range times {
			times[j] = start + g.between(0, span)
		}
		slices.Sort(times)
		spreadMinutes(times)
		c := &conversation{kind: group, members: members}
		if r.IntN(2) == 0 {
			c.title = groupTitles[r.IntN(len(groupTitles))]
		}
		for j, s := range senders {
			c.msgs = append(c.msgs, message{at: times[j], from: s, text: g.text()})
		}
		g.convs = append(g.convs, c)
		g.extraRows += len(c.msgs)
		left -= len(c.msgs)
	}
}
