package reports

import (
	"testing"
	"time"

	"github.com/relmap/relmap/analysis"
)

// Why words every kind of reason as relmap has always written the why column. The first four
// are analysis' TestScoreSmall known answers (its fabricated export): there the reasons, here
// their words.
func TestWhy(t *testing.T) {
	dec := analysis.MonthOf(time.Date(2024, 12, 1, 0, 0, 0, 0, time.UTC))
	for _, c := range []struct {
		reasons []analysis.Reason
		want    string
	}{
		{[]analysis.Reason{{Kind: analysis.ReasonRecommended}, {Kind: analysis.ReasonPageRank, Top: 20}, {Kind: analysis.ReasonSeniority, Label: "partner"}},
			"recommended you; PageRank top 20 %; partner title"},
		{[]analysis.Reason{{Kind: analysis.ReasonInvitation, Since: dec}}, "invitation pending since Dec 2024"},
		{[]analysis.Reason{{Kind: analysis.ReasonConnectionOnly}}, "a connection, with no other evidence"},
		{[]analysis.Reason{{Kind: analysis.ReasonEndorsed, N: 2}, {Kind: analysis.ReasonSeniority, Label: "head of"}}, "endorsed you 2×; head of title"},

		{[]analysis.Reason{{Kind: analysis.ReasonDeclared, Label: "supporter"}}, "status declared supporter"},
		{[]analysis.Reason{{Kind: analysis.ReasonDeclared, Label: "supporter", Evidence: "detractor"}}, "status declared supporter; the evidence says detractor"},
		{[]analysis.Reason{{Kind: analysis.ReasonSentiment, Value: -0.42, N: 7}}, "sentiment -0.4 over 7 interactions"},
		{[]analysis.Reason{{Kind: analysis.ReasonAnswered, N: 9, Of: 10, Habit: -1}}, "answered 9 of 10 messages"},
		{[]analysis.Reason{{Kind: analysis.ReasonAnswered, N: 9, Of: 10, Habit: 40}}, "answered 9 of 10 of your messages while answering 40 % of others'"},
		{[]analysis.Reason{{Kind: analysis.ReasonUnanswered, N: 1, Of: 6, Habit: -1, Since: dec}}, "5 of 6 messages unanswered since Dec 2024 (their habit with others is not in your data)"},
		{[]analysis.Reason{{Kind: analysis.ReasonUnanswered, N: 1, Of: 6, Habit: 85, Since: dec}}, "answered 1 of 6 of your messages while answering 85 % of others'"},
		{[]analysis.Reason{{Kind: analysis.ReasonInitiative, N: 6, Of: 8}}, "opened 6 of 8 threads with you"},
		{[]analysis.Reason{{Kind: analysis.ReasonInclusion, N: 5}}, "brought you into 5 group messages"},
		{[]analysis.Reason{{Kind: analysis.ReasonExclusion, N: 4}}, "met your team without you on 4 days"},
		{[]analysis.Reason{{Kind: analysis.ReasonCooling, N: 1, Days: 90, Of: 9}}, "contact cooling: 1 interactions in the last 90 days, 9 before"},
		{[]analysis.Reason{{Kind: analysis.ReasonHabitualSilence, N: 0, Of: 3}}, "3 of 3 messages unanswered, and never wrote to you before: their habit with you, not held against them"},
		{[]analysis.Reason{{Kind: analysis.ReasonInfluenceDeclared, Value: 0.9}}, "influence declared 0.9"},
		{[]analysis.Reason{{Kind: analysis.ReasonBetweenness, Top: 3}}, "bridges groups (betweenness top 3 %)"},
		{[]analysis.Reason{{Kind: analysis.ReasonDegree, N: 1}, {Kind: analysis.ReasonDegree, N: 12}}, "in touch with 1 person around you; in touch with 12 people around you"},
		{[]analysis.Reason{{Kind: analysis.ReasonLittleEvidence}}, "little evidence"},
		{nil, ""},
	} {
		if got := Why(c.reasons); got != c.want {
			t.Errorf("Why(%+v) = %q, want %q", c.reasons, got, c.want)
		}
	}
}
