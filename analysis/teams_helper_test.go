package analysis

import (
	"runtime"

	"github.com/relmap/relmap/importers"
)

// scoreTeams draws every named team's map, as a run of --ego team:NAME does one (the network
// filled when one team is asked for), all held at once: the tests compare them.
func scoreTeams(ds *importers.Dataset, opt Options, teams []string) ([]*Result, error) {
	tm, err := NewTeamMaps(ds, opt)
	if err != nil {
		return nil, err
	}
	var out []*Result
	for r, err := range tm.Maps(teams, len(teams) == 1, runtime.GOMAXPROCS(0)) {
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, nil
}
