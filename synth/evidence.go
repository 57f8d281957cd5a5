package synth

import (
	"slices"
	"strings"
)

// endorsement is one row of an endorsement file: one (person, skill).
type endorsement struct {
	at     int64
	person int
	skill  string
}

// recommendation is one row of a recommendations file.
type recommendation struct {
	at     int64
	person int
	text   string
}

// invitation is one row of Invitations.csv.
type invitation struct {
	at       int64
	person   int
	outgoing bool
	text     string
}

// endorsementBurst appends n endorsements of distinct skills by or for person p, seconds
// apart on one day after the connection.
func (g *gen) endorsementBurst(out *[]endorsement, p, n int) {
	t := g.between(g.people[p].connectedOn+8*3600, g.T-day)
	for k, s := range g.r.Perm(len(skills))[:min(n, len(skills))] {
		if k > 0 {
			t -= g.between(2, 40)
		}
		*out = append(*out, endorsement{at: t, person: p, skill: skills[s]})
	}
}

// buildEndorsements writes the planted endorsements of supporters, one stray endorsement from
// some neutral connections the owner has not written to in the last 180 days (so that the
// +0.2 of an endorsement and the +0.2 of prompt answers never add up to a supporter), and the
// owner's endorsements of random connections.
func (g *gen) buildEndorsements() {
	C := g.opt.Connections
	recent := g.ownerMessagesSince(g.T - 180*day)
	var strays []int
	for i := range g.people {
		p := &g.people[i]
		if p.endorse > 0 {
			g.endorsementBurst(&g.endorsementsReceived, i, p.endorse)
		}
		if p.connected && p.status == neutral && recent[i] == 0 && !p.cooling {
			strays = append(strays, i)
		}
	}
	nStray := min(len(strays), round(0.05*float64(C)))
	for _, i := range shuffled(g.r, strays)[:nStray] {
		g.people[i].endorse = 1
		g.endorsementBurst(&g.endorsementsReceived, i, 1)
	}
	if x := g.opt.Noise; x > 0 {
		// Noise: more strays (one endorsement, +0.2, from a low-influence neutral whom the
		// owner has not written to in 180 days) and an endorsement from some low-influence
		// supporters who gave none, none of which changes a status.
		var more []int
		for i := range g.people {
			p := &g.people[i]
			switch {
			case p.high || !p.connected:
			case p.status == neutral && p.endorse == 0 && recent[i] == 0 && !p.cooling:
				more = append(more, i)
			case p.status == supporter && p.endorse == 0 && g.r.Float64() < 0.5*x:
				p.endorse++
				g.endorsementBurst(&g.endorsementsReceived, i, 1)
			}
		}
		for _, i := range shuffled(g.r, more)[:min(len(more), round(0.05*x*float64(C)))] {
			g.people[i].endorse = 1
			g.endorsementBurst(&g.endorsementsReceived, i, 1)
		}
	}
	var conns []int
	for i := range g.people {
		if g.people[i].connected {
			conns = append(conns, i)
		}
	}
	for _, i := range shuffled(g.r, conns)[:round(0.08*float64(C))] {
		g.endorsementBurst(&g.endorsementsGiven, i, 1+g.r.IntN(3))
	}
	newestFirst := func(a, b endorsement) int { return cmpInt64(b.at, a.at) }
	slices.SortStableFunc(g.endorsementsReceived, newestFirst)
	slices.SortStableFunc(g.endorsementsGiven, newestFirst)
}

// buildRecommendations writes the supporters' recommendations of the owner and the owner's
// recommendations of a few connections with a company (relmap matches them by name and
// company).
func (g *gen) buildRecommendations() {
	var withCompany []int
	for i := range g.people {
		p := &g.people[i]
		if p.rec {
			text := recommendationTexts[g.r.IntN(len(recommendationTexts))]
			g.recsReceived = append(g.recsReceived, recommendation{
				at:     g.between(p.connectedOn+8*3600, g.T-day),
				person: i,
				text:   strings.ReplaceAll(text, "{name}", g.owner.first),
			})
		}
		if p.connected && p.company != "" {
			withCompany = append(withCompany, i)
		}
	}
	n := min(len(withCompany), max(1, round(0.02*float64(g.opt.Connections))))
	for _, i := range shuffled(g.r, withCompany)[:n] {
		p := &g.people[i]
		text := recommendationTexts[g.r.IntN(len(recommendationTexts))]
		g.recsGiven = append(g.recsGiven, recommendation{
			at:     g.between(p.connectedOn+8*3600, g.T-day),
			person: i,
			text:   strings.ReplaceAll(text, "{name}", p.first),
		})
	}
	newestFirst := func(a, b recommendation) int { return cmpInt64(b.at, a.at) }
	slices.SortStableFunc(g.recsReceived, newestFirst)
	slices.SortStableFunc(g.recsGiven, newestFirst)
}

// buildInvitations covers the last two years: most connections made in that window came
// through an invitation sent the same day or up to ten days before Connected On, and every
// invitee got an outgoing invitation 31 days to two years before the export that is still
// pending.
func (g *gen) buildInvitations() {
	T := g.T
	from := T - 730*day
	for i := range g.people {
		p := &g.people[i]
		var inv invitation
		switch {
		case p.connected && p.connectedOn >= from && g.r.IntN(10) < 9:
			sent := p.connectedOn
			if g.r.IntN(10) >= 6 {
				sent -= int64(1+g.r.IntN(10)) * day
			}
			sent = max(sent, from)
			inv = invitation{at: sent + g.between(0, day-60), person: i, outgoing: g.r.IntN(100) < 45}
		case p.role == roleInvitee:
			inv = invitation{at: g.between(from, T-31*day), person: i, outgoing: true}
		default:
			continue
		}
		if g.r.IntN(100) < 15 {
			inv.text = inviteTexts[g.r.IntN(len(inviteTexts))]
		}
		g.invitations = append(g.invitations, inv)
	}
	slices.SortStableFunc(g.invitations, func(a, b invitation) int {
		if a.outgoing != b.outgoing {
			if a.outgoing {
				return -1
			}
			return 1
		}
		return cmpInt64(b.at, a.at)
	})
}
