package analysis

import (
	"math"
	"slices"
	"sort"

	"github.com/relmap/relmap/fold"
	"github.com/relmap/relmap/importers"
)

// BasisOrder are the status_basis words, in the order they are listed (SPEC §3.4).
var BasisOrder = []string{"declared", "sentiment", "recommendation", "endorsements", "answers", "unanswered", "initiative", "inclusion", "exclusion", "cooling", "invitation"}

// signals gathers, per person, the facts status and last contact are computed from: the
// interactions with the ego, answers to the ego's messages, recommendations, endorsements and
// pending invitations.
func (s *scorer) signals() {
	n := s.n
	s.last = make([]int64, n)
	for i := range s.last {
		s.last[i] = -1
	}
	s.anyContact = make([]bool, n)
	s.answered, s.asked = make([]int, n), make([]int, n)
	s.earlierFrom, s.earlierAsked = make([]int, n), make([]int, n)
	s.recent, s.before = make([]int, n), make([]int, n)
	s.recommends, s.endorses, s.pending = make([]bool, n), make([]int, n), make([]bool, n)
	s.sentiments, s.sentimentMillionths = make([]int, n), make([]int64, n)
	s.askedSince, s.pendingSince = make([]int64, n), make([]int64, n)
	asOf := s.asOfDay()
	rules := s.opt.Status
	coolingDays, answerWindow := int64(rules.CoolingDays), int64(rules.AnswerDays)

	// The ego's units (weigh keeps them in pair, day, conversation order): each is one
	// interaction of SPEC §3.1 — a pair, a conversation, a day.
	type key struct {
		v    int
		conv int32
	}
	s.opened, s.egoOpened, s.includes, s.metInGroup = make([]int, n), make([]int, n), make([]int, n), make([]bool, n)
	s.initiative(asOf)
	replies := map[key][]int32{} // days on which v wrote to the ego in a conversation, ascending
	for i := range s.units {
		u := &s.units[i]
		v, back := s.other(u)
		if v >= 0 && u.Asks[back] > 0 {
			k := key{v, u.Conv}
			replies[k] = append(replies[k], u.Day)
		}
	}
	for i := range s.units {
		u := &s.units[i]
		v, back := s.other(u)
		if v < 0 {
			continue
		}
		day := int64(u.Day)
		s.anyContact[v] = true
		if day > s.last[v] {
			s.last[v] = day
		}
		switch age := asOf - day; {
		case age < coolingDays:
			s.recent[v]++
		case age < 2*coolingDays:
			s.before[v]++
		}
		s.sentiments[v] += int(u.Sentiments[0] + u.Sentiments[1])
		s.sentimentMillionths[v] += u.SentimentSums[0] + u.SentimentSums[1]
		// Answer rate: the ego's messages of the last AskedDays (180) days to v, answered by v
		// in the same conversation on the same day or within AnswerDays (14) days after.
		asks := int(u.Asks[1-back])
		if asOf-day >= int64(rules.AskedDays) {
			// Before the answer window: whether v wrote to the ego at all (silentAsBefore).
			s.earlierAsked[v] += asks
			s.earlierFrom[v] += int(u.Asks[back])
			continue
		}
		if asks == 0 {
			continue
		}
		ds := replies[key{v, u.Conv}]
		i := sort.Search(len(ds), func(i int) bool { return ds[i] >= u.Day })
		switch {
		case i < len(ds) && int64(ds[i])-day <= answerWindow:
			s.asked[v] += asks
			s.answered[v] += asks
		case asOf-day >= answerWindow:
			s.asked[v] += asks
			if s.askedSince[v] == 0 || day < s.askedSince[v] {
				s.askedSince[v] = day
			}
			// else: their answer window is not over, so they are not unanswered yet
		}
	}
	connected := s.connected // set by weigh
	for _, t := range s.ds.Ties {
		switch {
		case t.Kind == importers.Recommendation && t.To == s.ego:
			s.recommends[t.From] = true
		case t.Kind == importers.Endorsement && t.To == s.ego:
			s.endorses[t.From]++
		case t.Kind == importers.Invitation && t.From == s.ego && !connected[t.To] &&
			asOf-s.dayOf(t.Time) > int64(rules.InvitationDays):
			s.pending[t.To] = true
			if d := s.dayOf(t.Time); s.pendingSince[t.To] == 0 || d < s.pendingSince[t.To] {
				s.pendingSince[t.To] = d
			}
		}
	}
}

// initiative counts, for each person, the threads with the ego each side opened and the
// ego's group messages of theirs (SPEC §3.4), over the last AskedDays days. Threads are those of
// 1:1 conversations (units of two participants; a team's map: every unit). A thread starts
// with a message after a silence of more than AnswerDays days in a conversation (a LinkedIn
// pair has one conversation for years); whoever alone wrote that day opened it (both on one
// day: no one can tell, the fold keeps no time of day). A message v sent to the ego and others
// (a group row of theirs) brings the ego in. The medians over the ego's contacts are what each
// person is compared with.
func (s *scorer) initiative(asOf int64) {
	rules := s.opt.Status
	last := map[int32]int32{} // conversation → the day of the pair's last unit in it
	pair := -1
	var shares, includes []float64
	flush := func() {
		if pair < 0 {
			return
		}
		if n := s.opened[pair] + s.egoOpened[pair]; n >= rules.MinInitiative {
			shares = append(shares, float64(s.opened[pair])/float64(n))
		}
		includes = append(includes, float64(s.includes[pair]))
	}
	for i := range s.units {
		u := &s.units[i]
		v, back := s.other(u)
		if v < 0 || asOf-int64(u.Day) >= int64(rules.AskedDays) {
			continue
		}
		if v != pair {
			flush()
			pair = v
			clear(last)
		}
		// Threads are the 1:1 conversations' (a group message is inclusion's, below). For a
		// team's map, a message to several members may be one to the team alone, which the
		// units cannot tell: there every conversation of theirs counts.
		prev, seen := last[u.Conv]
		thread := u.K == 2 || s.group
		if thread {
			last[u.Conv] = u.Day
		}
		if thread && (!seen || int64(u.Day-prev) > int64(rules.AnswerDays)) {
			switch from, to := u.Asks[back] > 0, u.Asks[1-back] > 0; {
			case from && !to:
				s.opened[v]++
			case to && !from:
				s.egoOpened[v]++
			}
		}
		if u.Asks[back] > 0 && u.K >= 3 {
			s.includes[v]++
		}
		if u.Grouped() {
			s.metInGroup[v] = true
		}
	}
	flush()
	s.openedMedian, s.includesMedian = median(shares), median(includes)
}

// median is the middle of xs (the mean of the two middle ones), 0 for none.
func median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	slices.Sort(xs)
	n := len(xs)
	if n%2 == 1 {
		return xs[n/2]
	}
	return (xs[n/2-1] + xs[n/2]) / 2
}

// status sums the signals that fired for v, in hundredths, with their basis words. A declared
// status wins over all of them. A signal the options make worth 0 does not fire.
func (s *scorer) status(v int) (int, []string) {
	sum, parts := s.statusParts(v)
	basis := make([]string, 0, len(parts))
	for _, p := range parts {
		basis = append(basis, p.name)
	}
	if len(basis) == 0 {
		basis = nil
	}
	return sum, basis
}

// statusPart is one fired signal and what it adds, in hundredths (for a declared status, the
// status itself).
type statusPart struct {
	name string
	h    int
}

// statusParts is status with each signal's part, in BasisOrder.
func (s *scorer) statusParts(v int) (int, []statusPart) {
	if d := s.ds.People[v].Declared.Status; !math.IsNaN(d) {
		h := int(math.Round(max(-1, min(1, d)) * 100))
		return h, []statusPart{{"declared", h}}
	}
	return s.evidenceParts(v)
}

// evidenceLabel is the label the evidence alone gives v when the user declared a status that
// it contradicts — a supporter by the evidence declared otherwise, or a detractor — else "".
func (s *scorer) evidenceLabel(v int, declared StatusLabel) StatusLabel {
	if math.IsNaN(s.ds.People[v].Declared.Status) {
		return ""
	}
	sum, parts := s.evidenceParts(v)
	if len(parts) == 0 {
		return ""
	}
	if l := statusLabel(sum, s.opt.Status); l != declared && l != Neutral {
		return l
	}
	return ""
}

// evidenceParts is what the evidence says of v's status, a declaration aside.
func (s *scorer) evidenceParts(v int) (int, []statusPart) {
	sum, parts, _ := s.judge(v)
	return sum, parts
}

// judge is evidenceParts, and whether any signal had enough evidence to be judged, fired or
// not (known).
func (s *scorer) judge(v int) (int, []statusPart, bool) {
	rules := s.opt.Status
	judged := false
	sum := 0
	fired := map[string]int{}
	signal := func(name string, h int) {
		if h != 0 {
			sum += h
			fired[name] = h
		}
	}
	if s.sentiments[v] >= rules.MinSentiments {
		judged = true
		h := s.sentimentHundredths(v)
		sum += h
		fired["sentiment"] = h // a mean of 0 is evidence too
	}
	judged = judged || s.recommends[v] || s.endorses[v] > 0
	if s.recommends[v] {
		signal("recommendation", rules.Recommendation)
	}
	if e := s.endorses[v]; e > 0 {
		signal("endorsements", min(e*rules.Endorsement, rules.EndorsementsMax))
	}
	if a, n := s.answered[v], s.asked[v]; n >= rules.MinAsked {
		judged = true
		if habit, ok := s.habit(v); ok {
			// Against v's own habit with everyone else (an organisation's log).
			h := responsiveness(a, n, habit, rules)
			switch {
			case h < 0:
				signal("unanswered", h)
			case h > 0:
				signal("answers", h)
			}
		} else {
			// Against the fixed shares (a personal export, where v's habit is not in the
			// data), compared in whole hundredths: exact, as SPEC §3.4 asks of thresholds.
			switch {
			case s.habitualSilence(v):
				// No change: they never wrote to the ego before either.
			case 100*a < rules.UnansweredBelow*n:
				signal("unanswered", rules.Unanswered)
			case 100*a >= rules.AnswersFrom*n:
				signal("answers", rules.Answers)
			}
		}
	}
	// Initiative is read in every input, over the threads of 1:1 conversations (initiative).
	if n := s.opened[v] + s.egoOpened[v]; n >= rules.MinInitiative {
		judged = true
		// v opens more of your threads than your contacts usually do, and more than half:
		// opening half of them is only even.
		lead := 100 * (float64(s.opened[v])/float64(n) - max(s.openedMedian, 0.5))
		signal("initiative", int(math.Round(float64(rules.Initiative)*clamp01(lead/float64(rules.InitiativeLeadFull)))))
	}
	// Inclusion is read where the inputs show how people behave with others (an
	// organisation's log: s.orgLog): in a personal export every message of a group chat the
	// ego is in would count, and a LinkedIn group chat's members are set when it is made.
	// (A team's map does not read inclusion: a member's group message may address only the
	// team, which with the team as one person is not bringing it in; the units cannot tell.)
	if inc := s.includes[v]; s.orgLog && !s.group && inc >= rules.MinInclusion {
		judged = true
		// v brings you into their group mail more than your contacts usually do.
		lead := float64(inc) - s.includesMedian
		signal("inclusion", int(math.Round(float64(rules.Inclusion)*clamp01(lead/float64(rules.InclusionFull)))))
	}
	ex := s.excludedOf(v)
	judged = judged || ex >= rules.MinExclusion
	if ex >= rules.MinExclusion && s.includes[v] == 0 && !s.metInGroup[v] {
		// v meets your team without you, and never brings you in.
		signal("exclusion", int(math.Round(float64(rules.Exclusion)*clamp01(float64(ex-rules.MinExclusion+1)/float64(rules.ExclusionFull)))))
	}
	judged = judged || s.before[v] >= rules.CoolingMinBefore || s.pending[v]
	if s.before[v] >= rules.CoolingMinBefore && 100*s.recent[v] < rules.CoolingShare*s.before[v] {
		signal("cooling", rules.Cooling)
	}
	if s.pending[v] {
		signal("invitation", rules.Invitation)
	}
	// Silence alone (cooling, a pending invitation) never makes a detractor.
	if sum <= rules.Detractor && len(fired) > 0 && onlySilence(fired) {
		sum = rules.Detractor + 1
	}
	sum = max(-100, min(100, sum))
	var parts []statusPart
	for _, b := range BasisOrder {
		if h, ok := fired[b]; ok {
			parts = append(parts, statusPart{b, h})
		}
	}
	return sum, parts, judged
}

// known reports whether any status signal has enough evidence to be judged for v — fired or
// not (an answer rate in the middle is evidence of neutrality). Without any, v's status is
// unknown (SPEC §3.4): a person at two hops, or one met too seldom to say.
func (s *scorer) known(v int) bool {
	if !math.IsNaN(s.ds.People[v].Declared.Status) {
		return true
	}
	_, _, judged := s.judge(v)
	return judged
}

// responsiveness grades the ego's answer share against v's habit (SPEC §3.4): answered of
// asked, drawn toward the habit by AnswerPrior messages' worth so that a few messages say
// little, is compared with the habit; a shortfall beyond ShortfallTolerance hundredths (the
// ordinary variation of anyone's answers) gives Unanswered in proportion (in full at
// ShortfallFull hundredths), a lead with a share of AnswersFrom or more gives Answers in
// proportion (in full at LeadFull). In hundredths.
func responsiveness(answered, asked int, habit float64, rules StatusRules) int {
	prior := float64(rules.AnswerPrior)
	share := (float64(answered) + prior*habit) / (float64(asked) + prior)
	d := 100 * (share - habit)
	tol := float64(rules.ShortfallTolerance)
	switch {
	case d < -tol:
		return int(math.Round(float64(rules.Unanswered) * min(1, (-d-tol)/(float64(rules.ShortfallFull)-tol))))
	case d < 0:
		return 0
	case 100*share >= float64(rules.AnswersFrom):
		return int(math.Round(float64(rules.Answers) * min(1, d/float64(rules.LeadFull))))
	}
	return 0
}

// habitualSilence reports whether v's low answer share is not held against v in a personal
// export because silence is v's habit with the ego (silentAsBefore): the ego's recent
// messages are enough to judge (MinAsked), under the UnansweredBelow share.
func (s *scorer) habitualSilence(v int) bool {
	rules := s.opt.Status
	a, n := s.answered[v], s.asked[v]
	return n >= rules.MinAsked && 100*a < rules.UnansweredBelow*n && s.silentAsBefore(v)
}

// silentAsBefore reports whether v, in a personal export (v's habit with others is not in the
// data), never wrote to the ego before the answer window either (older than AskedDays days)
// while the ego wrote to v at least MinEarlierAsked times: silence is then v's habit with the
// ego — a busy person's, or a distant one's — not a change toward the ego, and a low answer
// share is not held against v (SPEC §3.4 asks for the departure from what is usual; here the
// usual is v's own earlier silence). A person who used to write and stopped is held to the
// fixed shares.
func (s *scorer) silentAsBefore(v int) bool {
	if _, ok := s.habit(v); ok || s.earlierAsked == nil {
		return false
	}
	return s.earlierAsked[v] >= s.opt.Status.MinEarlierAsked && s.earlierFrom[v] == 0
}

// excludedOf is excluded[v], 0 where it was not counted (a team's map).
func (s *scorer) excludedOf(v int) int {
	if s.excluded == nil {
		return 0
	}
	return s.excluded[v]
}

func clamp01(x float64) float64 { return max(0, min(1, x)) }

func onlySilence(fired map[string]int) bool {
	for b := range fired {
		if b != "cooling" && b != "invitation" && b != "exclusion" {
			return false
		}
	}
	return true
}

// statusLabel is the label a status in hundredths earns under the rules' thresholds.
func statusLabel(hundredths int, rules StatusRules) StatusLabel {
	switch {
	case hundredths >= rules.Supporter:
		return Supporter
	case hundredths <= rules.Detractor:
		return Detractor
	}
	return Neutral
}

// zoneOf names the stakeholder-map zone (SPEC §3.4).
func zoneOf(high bool, label StatusLabel) Zone {
	switch {
	case high && label == Supporter:
		return Champion
	case high && label == Detractor:
		return AreaForImprovement
	case high:
		return KeyToEngage
	case label == Supporter:
		return Ally
	case label == Detractor:
		return Watch
	}
	return Background
}

// percentiles gives pct(x) of SPEC §3.4 for each of xs: the share of the other values that are
// strictly lower; NaN counts as the lowest value. (gonum's stat.CDF is another definition, the
// share of all n at or below x: 0.25 for the lowest of 1, 2, 2, 3 where SPEC's pct is 0.)
func percentiles(xs []float64) []float64 {
	n := len(xs)
	out := make([]float64, n)
	if n < 2 {
		return out
	}
	key := func(x float64) float64 {
		if math.IsNaN(x) {
			return math.Inf(-1)
		}
		return x
	}
	idx := make([]int, n)
	for i := range idx {
		idx[i] = i
	}
	sort.Slice(idx, func(a, b int) bool { return key(xs[idx[a]]) < key(xs[idx[b]]) })
	for r := 0; r < n; {
		e := r
		for e < n && key(xs[idx[e]]) == key(xs[idx[r]]) {
			e++
		}
		for _, i := range idx[r:e] {
			out[i] = float64(r) / float64(n-1)
		}
		r = e
	}
	return out
}

// quantile is the q-quantile of xs with linear interpolation between order statistics
// (numpy's default, Hyndman & Fan type 7). gonum's stat.Quantile has no type 7: its LinInterp
// and Empirical both give 2 for the median of 1, 2, 3, 4, where numpy and SPEC §3.4 give 2.5.
func quantile(xs []float64, q float64) float64 {
	if len(xs) == 0 {
		return math.NaN()
	}
	s := append([]float64(nil), xs...)
	sort.Float64s(s)
	h := q * float64(len(s)-1)
	lo := math.Floor(h)
	if int(lo)+1 >= len(s) {
		return s[len(s)-1]
	}
	return s[int(lo)] + (h-lo)*(s[int(lo)+1]-s[int(lo)])
}

// quantileOf is quantile(xs, q), reordering xs: the two order statistics it needs are
// selected (Hoare's quickselect, the median of three as pivot), not sorted for. xs with a NaN
// are sorted, as quantile does.
func quantileOf(xs []float64, q float64) float64 {
	if len(xs) == 0 || slices.ContainsFunc(xs, math.IsNaN) {
		return quantile(xs, q)
	}
	h := q * float64(len(xs)-1)
	lo := math.Floor(h)
	k := int(lo)
	if k+1 >= len(xs) {
		return slices.Max(xs)
	}
	a := selectNth(xs, k)
	b := slices.Min(xs[k+1:]) // selectNth leaves the larger after k
	return a + (h-lo)*(b-a)
}

// selectNth reorders xs so that xs[k] is its k-th smallest, none before it larger and none
// after it smaller, and returns it.
func selectNth(xs []float64, k int) float64 {
	lo, hi := 0, len(xs)-1
	for lo < hi {
		// The median of the first, middle and last as pivot; three ways, so that runs of
		// equal values (common: declared or capped scores) end the search.
		m := lo + (hi-lo)/2
		p := max(min(xs[lo], xs[m]), min(max(xs[lo], xs[m]), xs[hi]))
		lt, i, gt := lo, lo, hi
		for i <= gt {
			switch {
			case xs[i] < p:
				xs[lt], xs[i] = xs[i], xs[lt]
				lt++
				i++
			case xs[i] > p:
				xs[gt], xs[i] = xs[i], xs[gt]
				gt--
			default:
				i++
			}
		}
		switch {
		case k < lt:
			hi = lt - 1
		case k > gt:
			lo = gt + 1
		default:
			return xs[k]
		}
	}
	return xs[k]
}

// sentimentHundredths is the mean sentiment of v's interactions with the ego, in hundredths.
func (s *scorer) sentimentHundredths(v int) int {
	return int(math.Round(float64(s.sentimentMillionths[v]) / float64(s.sentiments[v]) / 1e4))
}

// other is the person on the other side of a unit with the ego, and which of the unit's
// directed counts run from them to the ego (0 for A → B); -1 when the ego is not in it.
func (s *scorer) other(u *fold.Unit) (v, back int) {
	switch s.ego {
	case int(u.A):
		return int(u.B), 1
	case int(u.B):
		return int(u.A), 0
	}
	return -1, 0
}
