package reports

import (
	"fmt"
	"strings"

	"github.com/relmap/relmap/analysis"
)

// Limits says what the data cannot show (analysis.Coverage.Limits), one statement each, as
// coverage.json and the report give them (SPEC §3.5).
func Limits(c *analysis.Coverage) []string {
	out := []string{}
	for _, l := range c.Limits {
		switch l {
		case analysis.LimitNoSecondDegree:
			out = append(out, "LinkedIn gives no connections of your connections: influence here rests on titles and on the group conversations you were part of.")
		case analysis.LimitUndated:
			out = append(out, "Nothing in the inputs is dated: tie strength does not decay, and cooling, dormant ties and unanswered messages are not judged.")
		case analysis.LimitNoStatus:
			out = append(out, "Nothing in the inputs says how anyone stands toward you (no answered or unanswered messages, meetings, recommendations, endorsements or annotations): every status is unknown. Add a mail, chat or calendar log, or your own annotations (relmap annotate --template).")
		}
	}
	return out
}

// StatusRests says what the ranked people's status rests on (SPEC §3.4): how many each signal
// fired for, how many are unknown, and the sources the inputs lack — "status from answers 31,
// initiative 28 …; unknown for 1364; no sentiment, recommendations or endorsements". "" for a
// map whose status was not counted (StatusFrom nil).
func StatusRests(c *analysis.Coverage) string {
	if c.StatusFrom == nil {
		return ""
	}
	var from []string
	for _, b := range analysis.BasisOrder {
		if n := c.StatusFrom[b]; n > 0 {
			from = append(from, fmt.Sprintf("%s %d", b, n))
		}
	}
	text := "status: no signal"
	if len(from) > 0 {
		text = "status from " + strings.Join(from, ", ")
	}
	if c.StatusUnknown > 0 {
		text += fmt.Sprintf("; unknown for %d", c.StatusUnknown)
	}
	var lack []string
	for _, x := range []struct {
		no   bool
		what string
	}{{c.NoSentiment, "sentiment"}, {c.NoRecommendations, "recommendations"}, {c.NoEndorsements, "endorsements"}} {
		if x.no {
			lack = append(lack, x.what)
		}
	}
	switch len(lack) {
	case 0:
	case 1:
		text += "; no " + lack[0]
	default:
		text += "; no " + strings.Join(lack[:len(lack)-1], ", ") + " or " + lack[len(lack)-1]
	}
	if c.FixedShares {
		text += "; answers read against fixed shares (no one's habit with others is in the data)"
	}
	if c.HabituallySilent > 0 {
		text += fmt.Sprintf("; %d seldom answer and never wrote to you before: their silence is not held against them", c.HabituallySilent)
	}
	return text
}

// PathMetrics says how betweenness and harmonic centrality were computed: "exact", or how they
// were sampled; "" when they were not.
func PathMetrics(s analysis.Sampling) string {
	switch {
	case s.Exact:
		return "exact"
	case s.People == 0:
		return ""
	}
	return fmt.Sprintf("sampled: searches from %d of %d people (seed %d); betweenness and harmonic within ±%.3f of the exact values with 95%% confidence (Hoeffding); reach2 exact",
		s.Sources, s.People, s.Seed, s.Error)
}
