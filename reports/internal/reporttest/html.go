package reporttest

import (
	"math"
	"time"

	"github.com/relmap/relmap/analysis"
	"github.com/relmap/relmap/analysis/history"
)

// HTMLFixture readies RankedResult for the HTML report's tests so that the report shows every
// part — groups, a limit, structured reasons, capped and empty tables, unknown numbers — and
// returns the changes section it is shown with.
func HTMLFixture(r *analysis.Result) *history.Changes {
	r.MinGroup = 5
	r.People[0].Reasons = []analysis.Reason{{Kind: analysis.ReasonUnanswered, N: 2, Of: 5, Habit: -1, Since: analysis.MonthOf(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))},
		{Kind: analysis.ReasonPageRank, Top: 20}, {Kind: analysis.ReasonSeniority, Label: "engineer"}, {Kind: analysis.ReasonEndorsed, N: 3}}
	r.Organisations = []analysis.Group{{Name: "Acme", People: 7, Influence: 0.4125,
		Zones:    map[analysis.Zone]int{"champion": 2, "background": 5},
		Statuses: map[analysis.StatusLabel]int{"supporter": 2, "neutral": 5}}}
	r.Communities = []analysis.Group{{Name: "other", People: 5, Influence: math.NaN(), Zones: map[analysis.Zone]int{}, Statuses: map[analysis.StatusLabel]int{}}}
	r.Coverage.Limits = []analysis.Limit{analysis.LimitNoSecondDegree}
	infl, up, down := 0.75, 0.2, -0.15
	return &history.Changes{
		From:      history.RunRef{Run: "20260204T060000Z", AsOf: "2026-02-04"},
		To:        history.RunRef{Run: "20260211T060000Z", AsOf: "2026-02-11"},
		Entered:   1,
		ZoneMoves: []history.Move{{Person: "a1", Name: r.People[0].Name, From: "watch", To: "area for improvement", Zone: "area for improvement"}},
		Risers: []history.Move{{Person: "a1", Name: r.People[0].Name, Zone: "area for improvement", Influence: &infl, Delta: &up},
			{Person: "c3", Name: "Bo Chan", Zone: "ally", Influence: &infl, Delta: &up}},
		Fallers:     []history.Move{{Person: "b2", Name: r.People[1].Name, Zone: "background", Influence: &down, Delta: &down}},
		GoneDormant: []history.Move{{Person: "b2", Name: r.People[1].Name, Zone: "background", LastContact: "2025-10-01"}},
	}
}
