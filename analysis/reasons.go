package analysis

import (
	"cmp"
	"math"
	"slices"
	"time"
)

// Reason is one part of why a person ranks where they do (SPEC §3.6): a status signal that
// fired, or one of the largest contributions to influence, with the figures it rests on. Which
// fields a reason fills depends on its Kind; reports.Why says them in plain words.
type Reason struct {
	Kind ReasonKind
	// Habit is the percent of others' messages the person answers (answered, unanswered), −1
	// when their habit with others is not in the data.
	Habit int8
	// Top is the "top N %" a percentile puts the person in (PageRank, betweenness).
	Top int8
	// N and Of are counts, as the kind says: N of Of messages answered, N endorsements …
	N, Of int32
	// Days is a window in days (cooling's).
	Days int32
	// Since is a month: of the first unanswered message, or of a pending invitation.
	Since Month
	// Value is sentiment's mean, or a declared influence.
	Value float64
	// Label is a declared status (with Evidence, the label the evidence alone gives when it
	// differs) or the title's seniority phrase.
	Label, Evidence string
}

// Month is a calendar month, counted from January of year 0: kept small, as a map holds a
// few reasons for each of its people.
type Month int32

// MonthOf is the month of t.
func MonthOf(t time.Time) Month { return Month(t.Year()*12 + int(t.Month()) - 1) }

// Time is the month's first day, UTC.
func (m Month) Time() time.Time {
	return time.Date(int(m)/12, time.Month(int(m)%12+1), 1, 0, 0, 0, 0, time.UTC)
}

// ReasonKind is what a Reason says.
type ReasonKind uint8

// The kinds of reasons, status signals first.
const (
	ReasonDeclared          ReasonKind = iota + 1 // the user declared the status (Label; Evidence when the evidence says otherwise)
	ReasonSentiment                               // sentiment Value over N interactions
	ReasonRecommended                             // recommended the ego
	ReasonEndorsed                                // endorsed the ego N times
	ReasonAnswered                                // answered N of Of messages (Habit: of others')
	ReasonUnanswered                              // Of−N of Of messages unanswered since Since (Habit: of others')
	ReasonInitiative                              // opened N of Of threads with the ego
	ReasonInclusion                               // brought the ego into N group messages
	ReasonExclusion                               // met the ego's team without the ego on N days
	ReasonCooling                                 // N interactions in the last Days days, Of before
	ReasonInvitation                              // the ego's invitation pending since Since
	ReasonHabitualSilence                         // Of−N of Of unanswered, and never wrote before: not held against them
	ReasonInfluenceDeclared                       // influence declared as Value
	ReasonPageRank                                // PageRank in the Top %
	ReasonBetweenness                             // betweenness in the Top %: bridges groups
	ReasonSeniority                               // a senior title: its phrase in Label
	ReasonDegree                                  // in touch with N people around the ego
	ReasonConnectionOnly                          // a LinkedIn connection and nothing else
	ReasonLittleEvidence                          // nothing else to say
)

// weighed is a reason with its size, for choosing the largest.
type weighed struct {
	weight float64
	Reason
}

// reasons are person i's reasons, for the ranked (the others' are never shown but by Explain,
// which asks for them: a map of thousands holds them only for its list).
func (s *scorer) reasons(i int, p *Person) []Reason {
	return s.why(i, p, s.pct["pagerank"][i], s.pct["betweenness"][i], s.pct["degree"][i])
}

// why explains a person (SPEC §3.6): the status signals that fired (two at most, the largest
// first), then the largest contributions to influence, three items in all — "recommended you;
// PageRank top 3 %; vice president title" as reports.Why words them.
func (s *scorer) why(i int, p *Person, pctPR, pctBetw, pctDeg float64) []Reason {
	iw := s.opt.Influence
	// A signal weighs what it adds to status, in status units.
	size := func(hundredths int) float64 { return math.Abs(float64(hundredths)) / 100 }
	habit := int8(-1)
	if h, ok := s.habit(i); ok {
		habit = int8(math.Round(100 * h))
	}
	var sb [16]weighed // on the stack: a map asks for hundreds of these
	status := sb[:0]
	_, signals := s.statusParts(i)
	for _, sp := range signals {
		w := size(sp.h)
		var r Reason
		switch sp.name {
		case "declared":
			w, r = 1, Reason{Kind: ReasonDeclared, Label: string(p.StatusLabel), Evidence: string(p.EvidenceLabel)}
		case "sentiment":
			mean := float64(s.sentimentMillionths[i]) / 1e6 / float64(s.sentiments[i])
			w, r = math.Abs(mean), Reason{Kind: ReasonSentiment, Value: mean, N: int32(s.sentiments[i])}
		case "recommendation":
			r = Reason{Kind: ReasonRecommended}
		case "endorsements":
			r = Reason{Kind: ReasonEndorsed, N: int32(s.endorses[i])}
		case "answers":
			r = Reason{Kind: ReasonAnswered, N: int32(s.answered[i]), Of: int32(s.asked[i]), Habit: habit}
		case "unanswered":
			r = Reason{Kind: ReasonUnanswered, N: int32(s.answered[i]), Of: int32(s.asked[i]), Habit: habit, Since: s.monthOf(s.askedSince[i])}
		case "initiative":
			r = Reason{Kind: ReasonInitiative, N: int32(s.opened[i]), Of: int32(s.opened[i] + s.egoOpened[i])}
		case "inclusion":
			r = Reason{Kind: ReasonInclusion, N: int32(s.includes[i])}
		case "exclusion":
			r = Reason{Kind: ReasonExclusion, N: int32(s.excluded[i])}
		case "cooling":
			r = Reason{Kind: ReasonCooling, N: int32(s.recent[i]), Days: int32(s.opt.Status.CoolingDays), Of: int32(s.before[i])}
		case "invitation":
			r = Reason{Kind: ReasonInvitation, Since: s.monthOf(s.pendingSince[i])}
		default:
			continue
		}
		status = append(status, weighed{w, r})
	}
	if s.habitualSilence(i) && math.IsNaN(s.ds.People[i].Declared.Status) {
		status = append(status, weighed{0, Reason{Kind: ReasonHabitualSilence, N: int32(s.answered[i]), Of: int32(s.asked[i])}})
	}
	heaviest := func(a, b weighed) int { return cmp.Compare(b.weight, a.weight) }
	slices.SortStableFunc(status, heaviest)
	status = status[:min(2, len(status))]

	var ib [4]weighed
	influence := ib[:0]
	if p.InfluenceDeclared {
		influence = append(influence, weighed{1, Reason{Kind: ReasonInfluenceDeclared, Value: p.Influence}})
	} else {
		if pctPR > 0 && iw.PageRank > 0 {
			influence = append(influence, weighed{iw.PageRank * pctPR, Reason{Kind: ReasonPageRank, Top: int8(top(pctPR))}})
		}
		if p.Betweenness > 0 && iw.Betweenness > 0 {
			influence = append(influence, weighed{iw.Betweenness * pctBetw, Reason{Kind: ReasonBetweenness, Top: int8(top(pctBetw))}})
		}
		if _, phrase := s.seniority.match(p.Title); phrase != "" && iw.Seniority > 0 {
			influence = append(influence, weighed{iw.Seniority * p.Seniority, Reason{Kind: ReasonSeniority, Label: phrase}})
		}
		if p.Degree > 0 && iw.Degree > 0 {
			influence = append(influence, weighed{iw.Degree * pctDeg, Reason{Kind: ReasonDegree, N: int32(p.Degree)}})
		}
	}
	slices.SortStableFunc(influence, heaviest)
	n := max(1, 3-len(status))
	influence = influence[:min(n, len(influence))]

	if len(status)+len(influence) == 0 {
		if s.ds.People[i].Connected {
			return []Reason{{Kind: ReasonConnectionOnly}}
		}
		return []Reason{{Kind: ReasonLittleEvidence}}
	}
	out := make([]Reason, 0, len(status)+len(influence))
	for _, r := range status {
		out = append(out, r.Reason)
	}
	for _, r := range influence {
		out = append(out, r.Reason)
	}
	return out
}

// top is the "top N %" a percentile puts a person in, at least 1.
func top(pct float64) int { return max(1, int(math.Ceil((1-pct)*100))) }

// monthOf is the month of a day number.
func (s *scorer) monthOf(day int64) Month { return MonthOf(time.Unix(day*86400, 0).UTC()) }
