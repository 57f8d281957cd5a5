package reports

import (
	"testing"

	"github.com/relmap/relmap/analysis"
)

// The coverage's facts are worded as relmap always wrote them in coverage (ranked.json), the
// report and the terminal.
func TestCoverageWords(t *testing.T) {
	c := &analysis.Coverage{Limits: []analysis.Limit{analysis.LimitNoSecondDegree, analysis.LimitUndated, analysis.LimitNoStatus}}
	want := []string{
		"LinkedIn gives no connections of your connections: influence here rests on titles and on the group conversations you were part of.",
		"Nothing in the inputs is dated: tie strength does not decay, and cooling, dormant ties and unanswered messages are not judged.",
		"Nothing in the inputs says how anyone stands toward you (no answered or unanswered messages, meetings, recommendations, endorsements or annotations): every status is unknown. Add a mail, chat or calendar log, or your own annotations (relmap annotate --template).",
	}
	got := Limits(c)
	for i := range want {
		if i >= len(got) || got[i] != want[i] {
			t.Fatalf("Limits = %q, want %q", got, want)
		}
	}
	if got := Limits(&analysis.Coverage{}); got == nil || len(got) != 0 {
		t.Errorf("no limits: %#v, want an empty list (coverage.json's [])", got)
	}

	for _, tc := range []struct {
		c    analysis.Coverage
		want string
	}{
		{analysis.Coverage{}, ""}, // not counted: a Result made by hand
		{analysis.Coverage{StatusFrom: map[string]int{}}, "status: no signal"},
		{analysis.Coverage{StatusFrom: map[string]int{"unanswered": 4, "answers": 31, "initiative": 28}, StatusUnknown: 1364,
			NoSentiment: true, NoRecommendations: true, NoEndorsements: true, FixedShares: true, HabituallySilent: 2},
			"status from answers 31, unanswered 4, initiative 28; unknown for 1364; no sentiment, recommendations or endorsements; " +
				"answers read against fixed shares (no one's habit with others is in the data); 2 seldom answer and never wrote to you before: their silence is not held against them"},
		{analysis.Coverage{StatusFrom: map[string]int{"declared": 1}, NoSentiment: true}, "status from declared 1; no sentiment"},
		{analysis.Coverage{StatusFrom: map[string]int{}, NoSentiment: true, NoEndorsements: true}, "status: no signal; no sentiment or endorsements"},
	} {
		if got := StatusRests(&tc.c); got != tc.want {
			t.Errorf("StatusRests = %q, want %q", got, tc.want)
		}
	}

	for _, tc := range []struct {
		s    analysis.Sampling
		want string
	}{
		{analysis.Sampling{}, ""},
		{analysis.Sampling{Exact: true}, "exact"},
		{analysis.Sampling{Sources: 100, People: 9999, Seed: 1, Error: analysis.SampleError(100, 0.05)},
			"sampled: searches from 100 of 9999 people (seed 1); betweenness and harmonic within ±0.136 of the exact values with 95% confidence (Hoeffding); reach2 exact"},
	} {
		if got := PathMetrics(tc.s); got != tc.want {
			t.Errorf("PathMetrics(%+v) = %q, want %q", tc.s, got, tc.want)
		}
	}
}
