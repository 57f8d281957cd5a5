package analysis

import (
	"fmt"
	"sort"
	"strings"

	"github.com/relmap/relmap/importers"
)

// communities finds the groups of G − ego with Louvain (seeded, SPEC §3.3) and names each by
// its members' most common team, else company — "Contoso", "Contoso (2)" for a second group
// mostly from Contoso, "group 3" when no one says where they work. A person with no tie in
// G − ego belongs to no community.
func (s *scorer) communities() {
	s.community = make([]string, s.n)
	if s.sub.N() == 0 {
		return
	}
	comm, q := Louvain(s.sub, s.opt.Seed)
	members := map[int32][]int{}
	var order []int32
	for i := 0; i < s.n; i++ {
		j := s.subOf[i]
		if j < 0 || s.sub.Degree(j) == 0 {
			continue
		}
		c := comm[j]
		if _, ok := members[c]; !ok {
			order = append(order, c)
		}
		members[c] = append(members[c], i)
	}
	names := s.matchPrevious(order, members)
	used := map[string]int{}
	for _, n := range names {
		if n != "" {
			used[n]++
		}
	}
	for k, c := range order {
		name := names[k]
		if name == "" {
			name = s.groupName(members[c])
			if name == "" {
				name = fmt.Sprintf("group %d", len(used)+1)
			}
			used[name]++
			for i := used[name]; used[name] > 1 || taken(names, name, k); i++ {
				if n := fmt.Sprintf("%s (%d)", name, i); !taken(names, n, -1) && used[n] == 0 {
					name = n
					used[n]++
					break
				}
			}
		}
		names[k] = name
		for _, i := range members[c] {
			s.community[i] = name
		}
	}
	s.cov.Communities, s.cov.Modularity = len(order), q
}

// groupName is the most common team of a group's members, else their most common company
// (compared normalised, shown as first written); ties go to the alphabetically first.
func (s *scorer) groupName(people []int) string {
	for _, field := range []func(importers.Person) string{
		func(p importers.Person) string { return p.Team },
		func(p importers.Person) string { return p.Company },
	} {
		count, shown := map[string]int{}, map[string]string{}
		for _, i := range people {
			v := strings.TrimSpace(field(s.ds.People[i]))
			k := s.company(v)
			if k == "" {
				continue
			}
			count[k]++
			if _, ok := shown[k]; !ok {
				shown[k] = v
			}
		}
		keys := make([]string, 0, len(count))
		for k := range count {
			keys = append(keys, k)
		}
		sort.Slice(keys, func(a, b int) bool {
			if count[keys[a]] != count[keys[b]] {
				return count[keys[a]] > count[keys[b]]
			}
			return keys[a] < keys[b]
		})
		if len(keys) > 0 {
			return shown[keys[0]]
		}
	}
	return ""
}

// taken reports whether another group than k already carries name.
func taken(names []string, name string, k int) bool {
	for j, n := range names {
		if j != k && n == name {
			return true
		}
	}
	return false
}

// matchPrevious gives each group the name of the previous run's community it overlaps most
// (SPEC §3.3: matched by overlap before any diff), one to one, the largest overlaps first;
// groups with no overlap get "" and a new name.
func (s *scorer) matchPrevious(order []int32, members map[int32][]int) []string {
	names := make([]string, len(order))
	if len(s.opt.PreviousCommunities) == 0 {
		return names
	}
	type pair struct {
		overlap, group int
		name           string
	}
	var pairs []pair
	for k, c := range order {
		count := map[string]int{}
		for _, i := range members[c] {
			if n := s.opt.PreviousCommunities[s.ds.People[i].ID]; n != "" {
				count[n]++
			}
		}
		for n, o := range count {
			pairs = append(pairs, pair{o, k, n})
		}
	}
	sort.Slice(pairs, func(a, b int) bool {
		x, y := pairs[a], pairs[b]
		if x.overlap != y.overlap {
			return x.overlap > y.overlap
		}
		if x.group != y.group {
			return x.group < y.group
		}
		return x.name < y.name
	})
	usedName := map[string]bool{}
	for _, p := range pairs {
		if names[p.group] == "" && !usedName[p.name] {
			names[p.group] = p.name
			usedName[p.name] = true
		}
	}
	return names
}
