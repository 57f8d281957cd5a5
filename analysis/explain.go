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

	// InfluenceWeights, ReachWeights and StatusRules are the weights and rules the scores were
	// computed with (Options.Influence, Options.Reach, Options.Status), for printing every
	// weight (SPEC §3.6).
	InfluenceWeights InfluenceWeights
	ReachWeights     ReachWeights
	StatusRules      StatusRules
}

// Evidence is one unit of tie strength: Base × Decay = Weight (SPEC §3.1).
type Evidence struct {
	Day     time.Time
	Channel string            // an interaction's channel ("message", "email", "meeting" …); "" for a tie
	People  int               // an interaction's participants, the ego included
	Tie     importers.TieKind // a tie's kind, when Channel is ""
	Where   string            // the conversation, when there is one
	Base    float64
	Decay   float64 // 1 for structural evidence
	Weight  float64
}

// Signal is one status signal that fired, in hundredths, with the figures it rests on; which
// it fills depends on Name, as the fields say. cmd's explain words them.
type Signal struct {
	Name       string // a status_basis word; "silence" (not held against them) or "bound" (the sum's clamp) besides
	Hundredths int
	// N and Of: sentiment (N interactions); endorsements (N); answers and unanswered, silence
	// (N of Of messages answered); initiative (N of Of threads opened); inclusion (N group
	// messages); exclusion (N days); cooling (N interactions in the last cooling days, Of in
	// those before); silence (Earlier: the ego's earlier messages).
	N, Of, Earlier int
	// Habit is the person's answer share with others (answers, unanswered), NaN when it is not
	// in the data.
	Habit float64
	// Median is the ego's contacts' median: the share of threads they open (initiative), or
	// their group messages bringing the ego in (inclusion).
	Median float64
	// Since is the first unanswered message's day (unanswered, silence), or a pending
	// invitation's.
	Since time.Time
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
		InfluenceWeights: opt.Influence, ReachWeights: opt.Reach, StatusRules: opt.Status}
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
		e := Evidence{Day: time.Unix(int64(u.Day)*86400, 0).UTC(), Channel: channel, People: int(u.K), Base: u.Base(bases), Decay: s.decay(int64(u.Day))}
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
		e := Evidence{Tie: t.Kind, Base: b, Decay: d, Weight: b * d}
		if !t.Time.IsZero() {
			e.Day = time.Unix(s.dayOf(t.Time)*86400, 0).UTC()
		}
		out = append(out, e)
	}
	sort.SliceStable(out, func(a, b int) bool { return out[a].Day.Before(out[b].Day) })
	return out
}

// signalDetail lists each status signal's part of the sum with the figures it rests on (cmd's
// explain words them with the rules' numbers).
func (s *scorer) signalDetail(v int, of func(int) (int, []statusPart)) []Signal {
	sum, parts := of(v)
	habit := math.NaN()
	if h, ok := s.habit(v); ok {
		habit = h
	}
	var out []Signal
	total := 0
	for _, sp := range parts {
		sig := Signal{Name: sp.name, Hundredths: sp.h, Habit: math.NaN()}
		switch sp.name {
		case "sentiment":
			sig.N = s.sentiments[v]
		case "endorsements":
			sig.N = s.endorses[v]
		case "answers", "unanswered":
			sig.N, sig.Of, sig.Habit = s.answered[v], s.asked[v], habit
			sig.Since = s.day(s.askedSince[v])
		case "initiative":
			sig.N, sig.Of, sig.Median = s.opened[v], s.opened[v]+s.egoOpened[v], s.openedMedian
		case "inclusion":
			sig.N, sig.Median = s.includes[v], s.includesMedian
		case "exclusion":
			sig.N = s.excluded[v]
		case "cooling":
			sig.N, sig.Of = s.recent[v], s.before[v]
		case "invitation":
			sig.Since = s.day(s.pendingSince[v])
		}
		out = append(out, sig)
		total += sp.h
	}
	if (len(parts) == 0 || parts[0].name != "declared") && s.habitualSilence(v) {
		out = append(out, Signal{Name: "silence", N: s.answered[v], Of: s.asked[v], Since: s.day(s.askedSince[v]), Earlier: s.earlierAsked[v], Habit: math.NaN()})
	}
	if sum != total && (len(parts) == 0 || parts[0].name != "declared") {
		out = append(out, Signal{Name: "bound", Hundredths: sum - total, Habit: math.NaN()})
	}
	return out
}

// day is a day number's date.
func (s *scorer) day(day int64) time.Time { return time.Unix(day*86400, 0).UTC() }
