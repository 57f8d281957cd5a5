package analysis

import (
	"cmp"
	"slices"

	"github.com/relmap/relmap/fold"
)

// A person's habit with everyone (SPEC §3.4): of the messages anyone sent them in the last
// AskedDays days, how many they answered — the same rule as the ego's answer rate (same
// conversation, the same day or within AnswerDays after; a message whose answer window is not
// over yet is not counted). Status compares the share the ego's messages got with this habit,
// less the ego's own, so that a busy person who answers nobody is not read as a detractor of
// the ego, and a person who answers everyone but the ego is.

// askRec is what the norms keep of a unit with messages that expect an answer.
type askRec struct {
	a, b, conv, day int32
	asks            [2]int32 // a → b, b → a
}

// keepAsks records u for the norms when it holds asks young enough to count or to answer one,
// from a 1:1 row: a message addressed to the person alone asks them for an answer; a message to
// a group asks whoever answers. (A personal export shows no 1:1 between others, so there the
// habit is never known and the fixed shares hold.)
func (s *scorer) keepAsks(u *fold.Unit) {
	if u.Asks[0] == 0 && u.Asks[1] == 0 || u.K != 2 || s.ds.AsOf.IsZero() {
		return
	}
	rules := s.opt.Status
	if age := s.asOfDay() - int64(u.Day); age < 0 || age >= int64(rules.AskedDays+rules.AnswerDays) {
		return
	}
	s.askRecs = append(s.askRecs, askRec{a: u.A, b: u.B, conv: u.Conv, day: u.Day, asks: u.Asks})
}

// askedBy is one directed pair's share of a person's norm: the messages from one sender the
// person was asked, and answered.
type askedBy struct {
	from            int32
	asked, answered int32
}

// answerNorms turns the kept asks into each person's answered and asked counts over every pair
// (normAnswered, normAsked), and per sender (normBy, normOff: person v's senders are
// normBy[normOff[v]:normOff[v+1]]), so that a map can take its own ego's or team's messages
// out of the habit. The records are let go.
func (s *scorer) answerNorms() {
	recs := s.askRecs
	s.askRecs = nil
	s.normAsked, s.normAnswered = make([]int32, s.n), make([]int32, s.n)
	slices.SortFunc(recs, func(x, y askRec) int {
		return cmp.Or(cmp.Compare(x.a, y.a), cmp.Compare(x.b, y.b), cmp.Compare(x.conv, y.conv), cmp.Compare(x.day, y.day))
	})
	rules := s.opt.Status
	asOf := s.asOfDay()
	window := int64(rules.AnswerDays)
	var by []askedBy
	var owner []int32 // the person each of by was asked
	for i := 0; i < len(recs); {
		a, b := recs[i].a, recs[i].b
		pair := [2]askedBy{{from: a}, {from: b}} // [0]: a asks b; [1]: b asks a
		for i < len(recs) && recs[i].a == a && recs[i].b == b {
			j := i + 1
			for j < len(recs) && recs[j].a == a && recs[j].b == b && recs[j].conv == recs[i].conv {
				j++
			}
			run := recs[i:j]
			for dir := range 2 {
				r := 0 // the first reply at or after the ask's day (days ascend)
				for _, x := range run {
					n := x.asks[dir]
					if n == 0 || asOf-int64(x.day) >= int64(rules.AskedDays) {
						continue
					}
					for r < len(run) && (run[r].day < x.day || run[r].asks[1-dir] == 0) {
						r++
					}
					switch {
					case r < len(run) && int64(run[r].day-x.day) <= window:
						pair[dir].asked += n
						pair[dir].answered += n
					case asOf-int64(x.day) >= window:
						pair[dir].asked += n
					}
				}
			}
			i = j
		}
		if a != int32(s.ego) && b != int32(s.ego) {
			s.orgLog = true
		}
		for dir, asked := range [2]int32{b, a} {
			if p := pair[dir]; p.asked > 0 {
				s.normAsked[asked] += p.asked
				s.normAnswered[asked] += p.answered
				by = append(by, p)
				owner = append(owner, asked)
			}
		}
	}
	// By the person asked: a CSR of their senders.
	s.normOff = make([]int32, s.n+1)
	for _, v := range owner {
		s.normOff[v+1]++
	}
	for v := range s.n {
		s.normOff[v+1] += s.normOff[v]
	}
	s.normBy = make([]askedBy, len(by))
	next := slices.Clone(s.normOff[:s.n])
	for k, v := range owner {
		s.normBy[next[v]] = by[k]
		next[v]++
	}
}

// habit is v's answer share with everyone but the map's ego, and whether there is enough of
// it (Options.Status.MinOthersAsked messages) to compare the ego's share with. (A team's map
// takes its members' messages out when it copies the whole graph's norms: othersNorms.)
func (s *scorer) habit(v int) (share float64, ok bool) {
	if s.normAsked == nil {
		return 0, false
	}
	asked, answered := int(s.normAsked[v]), int(s.normAnswered[v])
	if s.normOff != nil {
		for _, e := range s.normBy[s.normOff[v]:s.normOff[v+1]] {
			if int(e.from) == s.ego {
				asked -= int(e.asked)
				answered -= int(e.answered)
			}
		}
	}
	if asked < s.opt.Status.MinOthersAsked || asked <= 0 {
		return 0, false
	}
	return float64(max(answered, 0)) / float64(asked), true
}

// othersNorms is the whole graph's norm of person v less the messages the members sent v:
// asked and answered.
func (s *scorer) othersNorms(v int, member []bool) (asked, answered int32) {
	asked, answered = s.normAsked[v], s.normAnswered[v]
	for _, e := range s.normBy[s.normOff[v]:s.normOff[v+1]] {
		if member[e.from] {
			asked -= e.asked
			answered -= e.answered
		}
	}
	return asked, answered
}

// teamRec is a group unit with a member of the ego's team at one end, kept for exclusion.
type teamRec struct{ conv, day, member, other int32 }

// keepTeamMeets records a group unit of the last AskedDays days with a member of the ego's
// team at one end (a one-person map of an organisation, where the team is known).
func (s *scorer) keepTeamMeets(u *fold.Unit) {
	if s.group || s.ego < 0 || s.team == nil || !u.Grouped() || s.ds.AsOf.IsZero() {
		return
	}
	if age := s.asOfDay() - int64(u.Day); age < 0 || age >= int64(s.opt.Status.AskedDays) {
		return
	}
	a, b := u.A, u.B
	switch {
	case s.team[a]:
	case s.team[b]:
		a, b = b, a
	default:
		return
	}
	s.teamRecs = append(s.teamRecs, teamRec{conv: u.Conv, day: u.Day, member: a, other: b})
}

// exclusions counts, for each person, the conversations and days on which they met two or more
// members of the ego's team in a group while the ego was not there (SPEC §3.4), and whether
// they met the ego in a group at all in the same days (met).
func (s *scorer) exclusions() {
	recs := s.teamRecs
	s.teamRecs = nil
	s.excluded = make([]int, s.n)
	if len(recs) == 0 {
		return
	}
	slices.SortFunc(recs, func(x, y teamRec) int {
		return cmp.Or(cmp.Compare(x.conv, y.conv), cmp.Compare(x.day, y.day), cmp.Compare(x.other, y.other), cmp.Compare(x.member, y.member))
	})
	members := map[int32]bool{}
	for i := 0; i < len(recs); {
		j := i
		clear(members)
		egoThere := false
		for j < len(recs) && recs[j].conv == recs[i].conv && recs[j].day == recs[i].day {
			members[recs[j].member] = true
			egoThere = egoThere || int(recs[j].other) == s.ego
			j++
		}
		if !egoThere && len(members) >= 2 {
			var last int32 = -1
			for _, r := range recs[i:j] {
				if r.other != last && !s.team[r.other] {
					s.excluded[r.other]++
					last = r.other
				}
			}
		}
		i = j
	}
}

// orgLogWithout reports whether the norms hold a 1:1 pair with neither end a member of a team:
// whether, with the team as one person, the inputs still show others' habits (s.orgLog).
func (s *scorer) orgLogWithout(member []bool) bool {
	for v := range s.n {
		if member[v] {
			continue
		}
		for _, e := range s.normBy[s.normOff[v]:s.normOff[v+1]] {
			if !member[e.from] {
				return true
			}
		}
	}
	return false
}
