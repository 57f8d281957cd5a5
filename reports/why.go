package reports

import (
	"fmt"
	"strings"

	"github.com/relmap/relmap/analysis"
)

// Why says a person's reasons (analysis.Person.Reasons) in plain words, "; " between them, as
// ranked.csv's and ranked.json's why column, the report and the terminal give them (SPEC
// §3.6): "recommended you; PageRank top 3 %; vice president title". "" for none.
func Why(reasons []analysis.Reason) string {
	parts := make([]string, 0, len(reasons))
	for i := range reasons {
		parts = append(parts, reasonText(&reasons[i]))
	}
	return strings.Join(parts, "; ")
}

// reasonText is one reason in words.
func reasonText(r *analysis.Reason) string {
	month := r.Since.Time().Format("Jan 2006")
	habit := func() string {
		return fmt.Sprintf("answered %d of %d of your messages while answering %d %% of others'", r.N, r.Of, r.Habit)
	}
	switch r.Kind {
	case analysis.ReasonDeclared:
		if r.Evidence != "" {
			return "status declared " + r.Label + "; the evidence says " + r.Evidence
		}
		return "status declared " + r.Label
	case analysis.ReasonSentiment:
		return fmt.Sprintf("sentiment %+.1f over %d interactions", r.Value, r.N)
	case analysis.ReasonRecommended:
		return "recommended you"
	case analysis.ReasonEndorsed:
		return fmt.Sprintf("endorsed you %d×", r.N)
	case analysis.ReasonAnswered:
		if r.Habit >= 0 {
			return habit()
		}
		return fmt.Sprintf("answered %d of %d messages", r.N, r.Of)
	case analysis.ReasonUnanswered:
		if r.Habit >= 0 {
			return habit()
		}
		return fmt.Sprintf("%d of %d messages unanswered since %s (their habit with others is not in your data)", r.Of-r.N, r.Of, month)
	case analysis.ReasonInitiative:
		return fmt.Sprintf("opened %d of %d threads with you", r.N, r.Of)
	case analysis.ReasonInclusion:
		return fmt.Sprintf("brought you into %d group messages", r.N)
	case analysis.ReasonExclusion:
		return fmt.Sprintf("met your team without you on %d days", r.N)
	case analysis.ReasonCooling:
		return fmt.Sprintf("contact cooling: %d interactions in the last %d days, %d before", r.N, r.Days, r.Of)
	case analysis.ReasonInvitation:
		return "invitation pending since " + month
	case analysis.ReasonHabitualSilence:
		return fmt.Sprintf("%d of %d messages unanswered, and never wrote to you before: their habit with you, not held against them", r.Of-r.N, r.Of)
	case analysis.ReasonInfluenceDeclared:
		return fmt.Sprintf("influence declared %.2g", r.Value)
	case analysis.ReasonPageRank:
		return fmt.Sprintf("PageRank top %d %%", r.Top)
	case analysis.ReasonBetweenness:
		return fmt.Sprintf("bridges groups (betweenness top %d %%)", r.Top)
	case analysis.ReasonSeniority:
		return r.Label + " title"
	case analysis.ReasonDegree:
		if r.N == 1 {
			return "in touch with 1 person around you"
		}
		return fmt.Sprintf("in touch with %d people around you", r.N)
	case analysis.ReasonConnectionOnly:
		return "a connection, with no other evidence"
	case analysis.ReasonLittleEvidence:
		return "little evidence"
	}
	return ""
}
