package synth

import "slices"

// Bridges: rows per planted thread and the most threads a bridge gets with its target.
const (
	bridgeThreadRows = 4
	maxBridgeThreads = 4
)

// planBridges picks the targets and their bridges (SPEC §3.4 intro paths) and returns the
// message rows it reserves, at most budget.
//
// Targets are high-influence people, about 2.4 % of the connections and at least five: the
// non-connection hubs first, then senior people at client companies, then other senior
// connections. A bridge is a high-influence connection that is neither a detractor nor quiet,
// champions with answered exchanges first; each bridge serves one target. Neither may be quiet
// (see person.quiet), because the bridge threads are recent.
func (g *gen) planBridges(budget int) int {
	r := g.r
	var hubs, clients, others, strong, weak []int
	for i := range g.people {
		p := &g.people[i]
		if !p.high || p.quiet() {
			continue
		}
		switch {
		case p.hub:
			hubs = append(hubs, i)
		case p.connected && p.role == roleClient:
			clients = append(clients, i)
		case p.connected:
			others = append(others, i)
		}
		if p.connected && p.status != detractor {
			if p.status == supporter && len(p.answers) > 0 {
				strong = append(strong, i)
			} else {
				weak = append(weak, i)
			}
		}
	}
	want := max(5, round(0.024*float64(g.opt.Connections)))
	var targets []int
	for _, xs := range [][]int{hubs, clients, others} {
		for _, i := range shuffled(r, xs) {
			if len(targets) < want {
				targets = append(targets, i)
			}
		}
	}
	isTarget := make(map[int]bool, len(targets))
	for _, i := range targets {
		isTarget[i] = true
	}
	var bridges []int
	for _, xs := range [][]int{strong, weak} {
		for _, i := range shuffled(r, xs) {
			if !isTarget[i] {
				bridges = append(bridges, i)
			}
		}
	}
	used := 0
	for k, v := range targets {
		if k >= len(bridges) {
			break
		}
		b := bridges[k]
		x := 6 + r.IntN(3)
		cost := 2*x + maxBridgeThreads*bridgeThreadRows
		if used+cost > budget {
			break
		}
		used += cost
		g.people[v].bridge = b + 1
		g.people[b].bridgeOf = v + 1
		g.people[b].bridgeX = x
		g.people[b].history = true // connected long before the recent exchanges
	}
	return used
}

// buildBridges writes, for every target, three or four recent group threads with its bridge
// (owner, bridge and target; the owner does not post), at least one more than any other
// contact shares with the target, each with four messages on four days; and the bridge's six
// to eight extra 1:1 exchanges with the owner, each answered within hours, on distinct days
// of the last 85. The owner's silence in the threads leaves the answer rates alone, and
// everything falls in the last 90 days, so no cooling can appear.
func (g *gen) buildBridges() {
	r := g.r
	T := g.T
	var shared map[int]map[int]int // target → co-member → group threads shared
	for v := range g.people {
		bp := g.people[v].bridge
		if bp == 0 {
			continue
		}
		if shared == nil {
			shared = map[int]map[int]int{}
			for _, c := range g.convs {
				if c.kind != group {
					continue
				}
				for _, m := range c.members {
					if g.people[m].bridge == 0 {
						continue
					}
					if shared[m] == nil {
						shared[m] = map[int]int{}
					}
					for _, o := range c.members {
						if o != m {
							shared[m][o]++
						}
					}
				}
			}
		}
		b := bp - 1
		most := 0
		for o, n := range shared[v] {
			if o != b {
				most = max(most, n)
			}
		}
		n := min(maxBridgeThreads, max(3, most+1-shared[v][b]))
		for range n {
			start := T - g.between(15*day, 80*day)
			days := r.Perm(10)[:bridgeThreadRows]
			slices.Sort(days)
			times := make([]int64, len(days))
			for j, d := range days {
				times[j] = start + int64(d)*day + g.between(8*3600, 18*3600)
			}
			spreadMinutes(times)
			c := &conversation{kind: group, members: []int{b, v}}
			if r.IntN(2) == 0 {
				c.members[0], c.members[1] = v, b
			}
			if r.IntN(2) == 0 {
				c.title = groupTitles[r.IntN(len(groupTitles))]
			}
			from := r.IntN(2)
			for j, t := range times {
				c.msgs = append(c.msgs, message{at: t, from: c.members[(from+j)%2], text: g.text()})
			}
			g.convs = append(g.convs, c)
			g.extraRows += len(c.msgs)
		}
		x := g.people[b].bridgeX
		for _, d := range r.Perm(80)[:x] {
			t := T - int64(5+d)*day + 8*3600 + g.between(0, 6*3600)
			g.exchange(b, t, 2, true, 300, 3*3600)
			g.extraRows += 2
		}
	}
}
