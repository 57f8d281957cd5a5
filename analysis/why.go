package analysis

import (
	"fmt"
	"math"
	"sort"
	"strings"
	"time"
)

// reason is one contribution to a person's scores, in words, with its size.
type reason struct {
	weight float64
	text   string
}

// why explains a person in plain words (SPEC §3.6): the status signals that fired (two at most,
// the largest first), then the largest contributions to influence, three items in all —
// "recommended you; PageRank top 3 %; vice president title".
func (s *scorer) why(i int, p *Person, pctPR, pctBetw, pctDeg float64) string {
	rules, iw := s.opt.Status, s.opt.Influence
	// A signal weighs what it adds to status, in status units.
	size := func(hundredths int) float64 { return math.Abs(float64(hundredths)) / 100 }
	var status []reason
	_, signals := s.statusParts(i)
	for _, sp := range signals {
		w := size(sp.h)
		switch sp.name {
		case "declared":
			text := "status declared " + string(p.StatusLabel)
			if p.EvidenceLabel != "" {
				text += "; the evidence says " + string(p.EvidenceLabel)
			}
			status = append(status, reason{1, text})
		case "sentiment":
			mean := float64(s.sentimentMillionths[i]) / 1e6 / float64(s.sentiments[i])
			status = append(status, reason{math.Abs(mean), fmt.Sprintf("sentiment %+.1f over %d interactions", mean, s.sentiments[i])})
		case "recommendation":
			status = append(status, reason{w, "recommended you"})
		case "endorsements":
			status = append(status, reason{w, fmt.Sprintf("endorsed you %d×", s.endorses[i])})
		case "answers":
			text := fmt.Sprintf("answered %d of %d messages", s.answered[i], s.asked[i])
			if habit, ok := s.habit(i); ok {
				text = fmt.Sprintf("answered %d of %d of your messages while answering %d %% of others'", s.answered[i], s.asked[i], int(math.Round(100*habit)))
			}
			status = append(status, reason{w, text})
		case "unanswered":
			text := fmt.Sprintf("%d of %d messages unanswered since %s", s.asked[i]-s.answered[i], s.asked[i], s.month(s.askedSince[i]))
			if habit, ok := s.habit(i); ok {
				text = fmt.Sprintf("answered %d of %d of your messages while answering %d %% of others'", s.answered[i], s.asked[i], int(math.Round(100*habit)))
			} else {
				text += " (their habit with others is not in your data)"
			}
			status = append(status, reason{w, text})
		case "initiative":
			status = append(status, reason{w, fmt.Sprintf("opened %d of %d threads with you", s.opened[i], s.opened[i]+s.egoOpened[i])})
		case "inclusion":
			status = append(status, reason{w, fmt.Sprintf("brought you into %d group messages", s.includes[i])})
		case "exclusion":
			status = append(status, reason{w, fmt.Sprintf("met your team without you on %d days", s.excluded[i])})
		case "cooling":
			status = append(status, reason{w, fmt.Sprintf("contact cooling: %d interactions in the last %d days, %d before", s.recent[i], rules.CoolingDays, s.before[i])})
		case "invitation":
			status = append(status, reason{w, "invitation pending since " + s.month(s.pendingSince[i])})
		}
	}
	if s.habitualSilence(i) && math.IsNaN(s.ds.People[i].Declared.Status) {
		status = append(status, reason{0, fmt.Sprintf("%d of %d messages unanswered, and never wrote to you before: their habit with you, not held against them",
			s.asked[i]-s.answered[i], s.asked[i])})
	}
	sort.SliceStable(status, func(a, b int) bool { return status[a].weight > status[b].weight })
	status = status[:min(2, len(status))]

	var influence []reason
	if p.InfluenceDeclared {
		influence = append(influence, reason{1, fmt.Sprintf("influence declared %.2g", p.Influence)})
	} else {
		if pctPR > 0 && iw.PageRank > 0 {
			influence = append(influence, reason{iw.PageRank * pctPR, fmt.Sprintf("PageRank top %d %%", top(pctPR))})
		}
		if p.Betweenness > 0 && iw.Betweenness > 0 {
			influence = append(influence, reason{iw.Betweenness * pctBetw, fmt.Sprintf("bridges groups (betweenness top %d %%)", top(pctBetw))})
		}
		if _, phrase := s.seniority.match(p.Title); phrase != "" && iw.Seniority > 0 {
			influence = append(influence, reason{iw.Seniority * p.Seniority, phrase + " title"})
		}
		if p.Degree > 0 && iw.Degree > 0 {
			influence = append(influence, reason{iw.Degree * pctDeg, fmt.Sprintf("in touch with %d %s around you", p.Degree, map[bool]string{true: "person", false: "people"}[p.Degree == 1])})
		}
	}
	sort.SliceStable(influence, func(a, b int) bool { return influence[a].weight > influence[b].weight })
	n := max(1, 3-len(status))
	influence = influence[:min(n, len(influence))]

	var parts []string
	for _, r := range append(status, influence...) {
		parts = append(parts, r.text)
	}
	if len(parts) == 0 {
		if s.ds.People[i].Connected {
			return "a connection, with no other evidence"
		}
		return "little evidence"
	}
	return strings.Join(parts, "; ")
}

// top is the "top N %" a percentile puts a person in, at least 1.
func top(pct float64) int { return max(1, int(math.Ceil((1-pct)*100))) }

// month names a day as "Aug 2025".
func (s *scorer) month(day int64) string {
	return time.Unix(day*86400, 0).UTC().Format("Jan 2006")
}
