package analysis

import (
	"cmp"
	"math"
	"slices"
)

// Other is the name of the row that folds together the groups under the minimum size.
const Other = "other"

// Group is one row of a table of communities or organisations (SPEC §4): how many ranked
// people it holds, how they split over the zones and statuses, and their mean influence. A
// group under Options.MinGroup people is folded into the row named Other, so that no table
// describes a handful of people one could tell apart (SPEC §5).
type Group struct {
	Name      string
	People    int
	Zones     map[Zone]int        // zone → people, every zone of SPEC §3.4 present
	Statuses  map[StatusLabel]int // supporter, neutral, detractor (and unknown, when any) → people
	Influence float64             // mean influence, [0,1]; NaN when no one's is known
}

// groups tabulates the ranked people by key (community or company), largest first, then by
// name, with the groups under minGroup people folded into Other, last. People without a key
// count under Other too. Other itself is listed only when it holds at least minGroup people,
// and is otherwise left out — with all it holds — so that no row is ever under minGroup.
func groups(people []Person, key func(*Person) string, minGroup int) []Group {
	byName := map[string][]int{}
	for i := range people {
		k := key(&people[i])
		if k == "" {
			k = Other
		}
		byName[k] = append(byName[k], i)
	}
	var out []Group
	var other []int
	for name, members := range byName {
		if name == Other || len(members) < minGroup {
			other = append(other, members...)
			continue
		}
		out = append(out, tabulate(name, people, members))
	}
	slices.SortFunc(out, func(a, b Group) int { return cmp.Or(cmp.Compare(b.People, a.People), cmp.Compare(a.Name, b.Name)) })
	if len(other) >= max(minGroup, 1) {
		slices.Sort(other)
		out = append(out, tabulate(Other, people, other))
	}
	return out
}

func tabulate(name string, people []Person, members []int) Group {
	g := Group{Name: name, People: len(members), Zones: map[Zone]int{}, Statuses: map[StatusLabel]int{}}
	for _, z := range Zones {
		g.Zones[z] = 0
	}
	for _, s := range StatusLabels[:3] { // unknown counted when there are any
		g.Statuses[s] = 0
	}
	sum, n := 0.0, 0
	for _, i := range members {
		p := &people[i]
		g.Zones[p.Zone]++
		g.Statuses[p.StatusLabel]++
		if !math.IsNaN(p.Influence) {
			sum += p.Influence
			n++
		}
	}
	g.Influence = math.NaN()
	if n > 0 {
		g.Influence = sum / float64(n)
	}
	return g
}

// tables fills in a result's communities and organisations.
func (r *Result) tables(minGroup int) {
	r.MinGroup = minGroup
	r.Communities = groups(r.People, func(p *Person) string { return p.Community }, minGroup)
	r.Organisations = groups(r.People, func(p *Person) string { return p.Company }, minGroup)
}
