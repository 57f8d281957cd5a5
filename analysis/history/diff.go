package history

import (
	"cmp"
	"math"
	"slices"

	"github.com/relmap/relmap/analysis"
)

// MinInfluenceMove is the least change of influence that makes a riser or a faller.
const MinInfluenceMove = 0.1

// Changes is what moved between two runs of one map (SPEC §5): zone moves, new detractors,
// influence risers and fallers, ties gone dormant. It is diff.json.
type Changes struct {
	SchemaVersion int     `json:"schema_version"`
	Map           string  `json:"map,omitempty"` // the team's folder for a team map
	From          RunRef  `json:"from"`
	To            RunRef  `json:"to"`
	Entered       int     `json:"entered"` // ranked now, not in the earlier run
	Left          int     `json:"left"`    // ranked in the earlier run, not now
	ZoneMoves     []Move  `json:"zone_moves"`
	NewDetractors []Move  `json:"new_detractors"`
	Risers        []Move  `json:"influence_risers"`
	Fallers       []Move  `json:"influence_fallers"`
	GoneDormant   []Move  `json:"gone_dormant"`
	TierMoves     []Move  `json:"tier_moves"`
	MinInfluence  float64 `json:"min_influence_move"` // MinInfluenceMove
}

// RunRef names a run in Changes.
type RunRef struct {
	Run  string `json:"run"`
	AsOf string `json:"as_of"`
}

// Move is one person's change. From and To are the zone, status label or tier before and
// after ("" when the person was not ranked before); Influence and Delta are set for risers
// and fallers, LastContact for dormant ties.
type Move struct {
	Person      string        `json:"id"`
	Name        string        `json:"name"`
	From        string        `json:"from,omitempty"`
	To          string        `json:"to,omitempty"`
	Zone        analysis.Zone `json:"zone"`
	Influence   *float64      `json:"influence,omitempty"`
	Delta       *float64      `json:"delta,omitempty"`
	LastContact string        `json:"last_contact,omitempty"`
}

// Compare lists what changed from one run's scores to a later one's. Every list is sorted by
// the later run's rank, then id, except risers and fallers, which are sorted by the size of the
// change, largest first, then id.
func Compare(from, to RunRef, before, after []Score) *Changes {
	c := &Changes{SchemaVersion: 1, From: from, To: to, MinInfluence: MinInfluenceMove,
		ZoneMoves: []Move{}, NewDetractors: []Move{}, Risers: []Move{}, Fallers: []Move{}, GoneDormant: []Move{}, TierMoves: []Move{}}
	prev := make(map[string]*Score, len(before))
	for i := range before {
		prev[before[i].Person] = &before[i]
	}
	now := make(map[string]bool, len(after))
	sorted := slices.Clone(after)
	slices.SortFunc(sorted, func(a, b Score) int { return cmp.Or(cmp.Compare(a.Rank, b.Rank), cmp.Compare(a.Person, b.Person)) })
	for i := range sorted {
		a := &sorted[i]
		now[a.Person] = true
		move := Move{Person: a.Person, Name: a.Name, Zone: a.Zone}
		b, was := prev[a.Person]
		if !was {
			c.Entered++
			if a.StatusLabel == analysis.Detractor {
				m := move
				m.To = string(a.StatusLabel)
				c.NewDetractors = append(c.NewDetractors, m)
			}
			continue
		}
		if a.Zone != b.Zone {
			m := move
			m.From, m.To = string(b.Zone), string(a.Zone)
			c.ZoneMoves = append(c.ZoneMoves, m)
		}
		if a.StatusLabel == analysis.Detractor && b.StatusLabel != analysis.Detractor {
			m := move
			m.From, m.To = string(b.StatusLabel), string(a.StatusLabel)
			c.NewDetractors = append(c.NewDetractors, m)
		}
		if d := a.Influence - b.Influence; !math.IsNaN(d) && math.Abs(d) >= MinInfluenceMove-1e-12 {
			m := move
			inf, delta := a.Influence, math.Round(d*1e6)/1e6
			m.Influence, m.Delta = &inf, &delta
			if d > 0 {
				c.Risers = append(c.Risers, m)
			} else {
				c.Fallers = append(c.Fallers, m)
			}
		}
		if a.Dormant && !b.Dormant {
			m := move
			m.LastContact = a.LastContact
			c.GoneDormant = append(c.GoneDormant, m)
		}
		if a.Tier != b.Tier {
			m := move
			m.From, m.To = string(b.Tier), string(a.Tier)
			c.TierMoves = append(c.TierMoves, m)
		}
	}
	for _, b := range before {
		if !now[b.Person] {
			c.Left++
		}
	}
	bySize := func(x, y Move) int {
		return cmp.Or(cmp.Compare(math.Abs(*y.Delta), math.Abs(*x.Delta)), cmp.Compare(x.Person, y.Person))
	}
	slices.SortStableFunc(c.Risers, bySize)
	slices.SortStableFunc(c.Fallers, bySize)
	return c
}

// Empty reports whether nothing moved.
func (c *Changes) Empty() bool {
	return c.Entered+c.Left+len(c.ZoneMoves)+len(c.NewDetractors)+len(c.Risers)+len(c.Fallers)+len(c.GoneDormant)+len(c.TierMoves) == 0
}

// Movement lists, in order of weight, how much moved: new detractors, zone moves, influence
// risers and fallers together, ties gone dormant, tier moves, and people new or gone.
func (c *Changes) Movement() [6]int {
	return [6]int{len(c.NewDetractors), len(c.ZoneMoves), len(c.Risers) + len(c.Fallers), len(c.GoneDormant), len(c.TierMoves), c.Entered + c.Left}
}

// ByMovement orders the changes of several maps (a team:* run's) most movement first: by
// new detractors, then zone moves, then risers and fallers, and so on down Movement — a team
// with one new detractor comes before one with ten zone moves — then by map key.
func ByMovement(a, b *Changes) int {
	ma, mb := a.Movement(), b.Movement()
	for i := range ma {
		if c := cmp.Compare(mb[i], ma[i]); c != 0 {
			return c
		}
	}
	return cmp.Compare(a.Map, b.Map)
}
