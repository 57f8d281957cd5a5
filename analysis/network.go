package analysis

// Network is the whole graph a map was drawn on — the ego (or the team, as one node),
// everyone else in the inputs, and every weighted tie — for network tools such as Gephi
// (SPEC §4: network.gexf, network.graphml). Ranked people's scores are in Result.People,
// matched by id.
type Network struct {
	Nodes []NetworkNode
	Edges []Edge // each pair once, U < V, indexes into Nodes; W is the tie strength (SPEC §3.1)
}

// NetworkNode is one person of the network.
type NetworkNode struct {
	ID, Name, Company, Title string
	Category                 string // as on the map; empty for the ego
	Hops                     int    // graph distance from the ego; 0 for the ego and the unreachable
	Ego                      bool   // the map's centre: you, or the team
	Team                     bool   // on the immediate team (level 1, never ranked)
	Ignored                  bool   // kept in the graph by the config's ignore rules, never ranked
	TeamName, Department     string // from a people file
	Key                      string // the person's key in the inputs (Person.Key)
}

// network is the scorer's graph as a Network.
func (s *scorer) network() Network {
	var nw Network
	nw.Nodes = make([]NetworkNode, s.g.N())
	for i := range nw.Nodes {
		p := &s.ds.People[i]
		n := NetworkNode{ID: p.ID, Name: p.Name, Company: p.Company, Title: p.Title, Ego: i == s.ego,
			TeamName: p.Team, Department: p.Department, Key: p.Key}
		if i == s.ego {
			n.Company = s.ds.OwnerCompany
		} else {
			n.Category, n.Hops = s.everyone[i].Category, s.everyone[i].Hops
			n.Team, n.Ignored = s.team[i], s.ignored[i]
		}
		nw.Nodes[i] = n
	}
	nw.Edges = s.edges()
	return nw
}

// edges are the scorer's graph's ties, each pair once.
func (s *scorer) edges() []Edge {
	var out []Edge
	for v := 0; v < s.g.N(); v++ {
		for e := s.g.Off[v]; e < s.g.Off[v+1]; e++ {
			if u := int(s.g.Adj[e]); u > v {
				out = append(out, Edge{U: int32(v), V: int32(u), W: s.g.W[e]})
			}
		}
	}
	return out
}

// organisation is the whole graph of a scorer with no ego (rules and weigh done) as a Network:
// every person with their team and department, every tie weighted as for the maps — for the
// network files of a run of every team's map (--ego 'team:*'), where each team's own map is a
// contraction of it. No one is at its centre, so no node is the ego and none has hops or a
// category.
func (s *scorer) organisation() Network {
	ds := s.ds
	nw := Network{Nodes: make([]NetworkNode, len(ds.People)), Edges: s.edges()}
	for i := range ds.People {
		p := &ds.People[i]
		nw.Nodes[i] = NetworkNode{ID: p.ID, Name: p.Name, Company: p.Company, Title: p.Title,
			Ignored: s.ignored[i], TeamName: p.Team, Department: p.Department, Key: p.Key}
	}
	return nw
}
