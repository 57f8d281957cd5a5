package analysis

import (
	"fmt"
	"math"
	"sort"
	"strings"
	"time"

	"github.com/relmap/relmap/importers"
)

// Explanation is the whole breakdown of one person's scores (SPEC §3.6): every piece of evidence
// between them and the ego with its weight, every metric with its percentile, every signal of
// their status.
type Explanation struct {
	Person      Person
	Level       string // "ranked", "team", "ignored" or "ego"
	Ranked      int    // how many people are ranked
	Percentiles map[string]float64
	Embedded    float64 // embeddedness
	Seniority   string  // the title phrase that set seniority; "" when none did
	Evidence    []Evidence
	Signals     []Signal
	// StatusEvidence is what the evidence alone says where a status is declared: its signals.
	StatusEvidence []Signal
	HighFrom       float64 // influence at which "high" starts
	Quantile       float64 // the quantile of the ranked people's influence HighFrom is

	// InfluenceWeights and ReachWeights are the weights the scores were computed with
	// (Options.Influence, Options.Reach), for printing every weight (SPEC §3.6).
	InfluenceWeights InfluenceWeights
	ReachWeights     ReachWeights
}

// Evidence is one unit of tie strength: Base × Decay = Weight (SPEC §3.1).
type Evidence struct {
	Day    time.Time
	What   string // "message", "group message (5 people)", "meeting (4 people)", "recommendation" …
	Where  string // the conversation, when there is one
	Base   float64
	Decay  float64 // 1 for structural evidence
	Weight float64
}

// Signal is one status signal that fired, in hundredths.
type Signal struct {
	Name       string
	Hundredths int
	Detail     string
}

// Explain scores the dataset and explains the person a key names — an id, e-mail, profile URL
// or name. A key that names no one, or several people, is an error that says so.
func Explain(ds *importers.Dataset, opt Options, key string) (*Explanation, error) {
	r, s, err := score(ds, opt)
	if err != nil {
		return nil, err
	}
	v, err := find(ds, key)
	if err != nil {
		return nil, err
	}
	e := &Explanation{Ranked: len(r.People), Percentiles: map[string]float64{}, HighFrom: r.HighInfluence, Quantile: opt.HighQuantile,
		InfluenceWeights: opt.Influence, ReachWeights: opt.Reach}
	switch {
	case v == ds.Ego:
		e.Level = "ego"
	case s.team[v]:
		e.Level = "team"
	case s.ignored[v]:
		e.Level = "ignored"
	default:
		e.Level = "ranked"
	}
	e.Person = Person{ID: ds.People[v].ID, Name: ds.People[v].Name, Company: ds.People[v].Company, Title: ds.People[v].Title}
	if v == ds.Ego {
		return e, nil
	}
	e.Person = s.everyone[v] // scored whether ranked or not
	e.Person.Reasons = s.reasons(v, &e.Person)
	for _, p := range r.People {
		if p.ID == ds.People[v].ID {
			e.Person = p // with its rank, zone and intro paths
		}
	}
	for name, pc := range s.pct {
		e.Percentiles[name] = pc[v]
	}
	e.Embedded = s.embeddedness(v)
	_, e.Seniority = s.seniority.match(ds.People[v].Title)
	e.Evidence = s.evidence(v)
	e.Signals = s.signalDetail(v, s.statusParts)
	if !math.IsNaN(ds.People[v].Declared.Status) {
		e.StatusEvidence = s.signalDetail(v, s.evidenceParts)
	}
	return e, nil
}

// find is the one person a key names.
func find(ds *importers.Dataset, key string) (int, error) {
	key = strings.TrimSpace(key)
	forms := map[string]bool{key: true, strings.ToLower(key): true, importers.NormalizeName(key): true}
	if e := importers.NormalizeEmail(key); e != "" {
		forms[e] = true
	}
	if strings.Contains(key, "/") {
		forms[importers.NormalizeURL(key)] = true
	}
	delete(forms, "")
	var hits []int
	for i, p := range ds.People {
		hit := forms[p.ID] || forms[importers.NormalizeName(p.Name)]
		for _, k := range p.Keys {
			hit = hit || forms[k]
		}
		if hit {
			hits = append(hits, i)
		}
	}
	switch len(hits) {
	case 0:
		return 0, fmt.Errorf("%q names no one in the inputs", key)
	case 1:
		return hits[0], nil
	}
	var ids []string
	for _, i := range hits {
		ids = append(ids, fmt.Sprintf("%s (%s)", ds.People[i].ID, ds.People[i].Name))
	}
	return 0, fmt.Errorf("%q names %d people: %s; give an id", key, len(hits), strings.Join(ids, ", "))
}

// evidence lists the units of tie strength between the ego and v, oldest first, exactly as
// weigh counts them: one per conversation per day (the largest base that day), then the
// one-off and structural ties.
func (s *scorer) evidence(v int) []Evidence {
	var out []Evidence
	bases := s.opt.Bases.fold()
	for i := range s.units {
		u := &s.units[i]
		if w, _ := s.other(u); w != v {
			continue
		}
		channel := s.chans.List[u.Channel]
		what := channel
		if u.K > 2 {
			what = fmt.Sprintf("%s (%d people)", channel, u.K)
		}
		e := Evidence{Day: time.Unix(int64(u.Day)*86400, 0).UTC(), What: what, Base: u.Base(bases), Decay: s.decay(int64(u.Day))}
		if conv := s.convs.List[u.Conv]; conv != channel {
			e.Where = conv
		}
		e.Weight = e.Base * e.Decay
		out = append(out, e)
	}
	seen := map[tieKey]bool{}
	for _, t := range s.ds.Ties {
		if !(t.From == s.ego && t.To == v || t.From == v && t.To == s.ego) {
			continue
		}
		b, d, ok := s.tieEvidence(t, seen)
		if !ok {
			continue
		}
		e := Evidence{What: t.Kind.String(), Base: b, Decay: d, Weight: b * d}
		if t.Kind == importers.Invitation {
			e.What = "accepted invitation"
		}
		if !t.Time.IsZero() {
			e.Day = time.Unix(s.dayOf(t.Time)*86400, 0).UTC()
		}
		out = append(out, e)
	}
	sort.SliceStable(out, func(a, b int) bool { return out[a].Day.Before(out[b].Day) })
	return out
}

// signalDetail spells out each status signal's part of the sum, with the evidence and the
// rules' numbers.
func (s *scorer) signalDetail(v int, of func(int) (int, []statusPart)) []Signal {
	rules := s.opt.Status
	sum, parts := of(v)
	var out []Signal
	total := 0
	for _, sp := range parts {
		sig := Signal{Name: sp.name, Hundredths: sp.h}
		switch sp.name {
		case "declared":
			sig.Detail = "your annotation"
		case "sentiment":
			sig.Detail = fmt.Sprintf("mean over %d interactions", s.sentiments[v])
		case "recommendation":
			sig.Detail = "they recommended you"
		case "endorsements":
			sig.Detail = fmt.Sprintf("%d endorsements, %s each, at most %s", s.endorses[v], signed(rules.Endorsement), signed(rules.EndorsementsMax))
		case "answers", "unanswered":
			sig.Detail = fmt.Sprintf("answered %d of your %d messages within %d days", s.answered[v], s.asked[v], rules.AnswerDays)
			if sp.name == "unanswered" {
				sig.Detail = fmt.Sprintf("answered %d of your %d messages since %s", s.answered[v], s.asked[v], s.month(s.askedSince[v]))
			}
			if habit, ok := s.habit(v); ok {
				sig.Detail += fmt.Sprintf("; they answer %d %% of others' 1:1 messages, and the gap decides", int(math.Round(100*habit)))
			} else {
				sig.Detail += fmt.Sprintf("; their habit with others is not in the data, so the fixed shares decide (under %d %%, from %d %%)", rules.UnansweredBelow, rules.AnswersFrom)
			}
		case "initiative":
			sig.Detail = fmt.Sprintf("they opened %d of the %d threads between you; your contacts open %d %% at the median", s.opened[v], s.opened[v]+s.egoOpened[v], int(math.Round(100*s.openedMedian)))
		case "inclusion":
			sig.Detail = fmt.Sprintf("%d of their group messages brought you in; your contacts' median is %g", s.includes[v], s.includesMedian)
		case "exclusion":
			sig.Detail = fmt.Sprintf("they met two or more of your team in a group without you on %d days of the last %d, and never you", s.excluded[v], rules.AskedDays)
		case "cooling":
			sig.Detail = fmt.Sprintf("%d interactions in the last %d days, %d in the %d before", s.recent[v], rules.CoolingDays, s.before[v], rules.CoolingDays)
		case "invitation":
			sig.Detail = "your invitation pending since " + s.month(s.pendingSince[v])
		}
		out = append(out, sig)
		total += sp.h
	}
	if (len(parts) == 0 || parts[0].name != "declared") && s.habitualSilence(v) {
		out = append(out, Signal{Name: "silence", Detail: fmt.Sprintf("answered %d of your %d messages since %s, and never wrote to you before (%d earlier messages of yours): "+
			"silence is their habit with you, not a change, so it is not held against them (their habit with others is not in the data)",
			s.answered[v], s.asked[v], s.month(s.askedSince[v]), s.earlierAsked[v])})
	}
	if sum != total && (len(parts) == 0 || parts[0].name != "declared") {
		out = append(out, Signal{Name: "bound", Hundredths: sum - total,
			Detail: "status stays within −1 … +1, and silence alone (cooling, a pending invitation) one hundredth above a detractor"})
	}
	return out
}

// month names a day as "Aug 2025".
func (s *scorer) month(day int64) string {
	return time.Unix(day*86400, 0).UTC().Format("Jan 2006")
}
