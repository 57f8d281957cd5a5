package analysis

import (
	"testing"
	"time"

	"github.com/relmap/relmap/fold"
	"github.com/relmap/relmap/importers"
)

// responsiveness grades the ego's share against a habit, by hand: share = (answered + 2·habit)
// / (asked + 2); a shortfall beyond 15 hundredths takes Unanswered (−40) in proportion, in full
// at 50; a lead with 80 % or more takes Answers (+20) in proportion, in full at 25.
func TestResponsiveness(t *testing.T) {
	rules := DefaultOptions().Status
	rules.AnswerPrior, rules.Answers = 2, 20
	for _, c := range []struct {
		answered, asked int
		habit           float64
		want            int
	}{
		{0, 8, 0.8, -40},  // share 0.16: shortfall 64 → in full
		{0, 3, 0.1, 0},    // a busy person: share 0.04, shortfall 6 → nothing
		{6, 8, 0.8, 0},    // share 0.76: shortfall 4 → nothing
		{3, 8, 0.8, -22},  // share 0.46: shortfall 34 → (34−15)/(50−15) = 0.543 of −40 = −21.7 → −22
		{10, 10, 0.7, 20}, // share 0.95: lead 25 → in full
		{10, 10, 0.9, 7},  // share 0.983: lead 8.3 → 20 × 0.333 = 6.7 → 7
		{4, 10, 0.6, -2},  // share 0.433: shortfall 16.7 → (16.7−15)/35 of −40 = −1.9 → −2
		{5, 10, 0.6, 0},   // share 0.517: shortfall 8.3 → nothing
	} {
		got := responsiveness(c.answered, c.asked, c.habit, rules)
		share := (float64(c.answered) + 2*c.habit) / (float64(c.asked) + 2)
		t.Logf("%d of %d against %.2f: share %.3f → %d", c.answered, c.asked, c.habit, share, got)
		if got != c.want {
			t.Errorf("responsiveness(%d, %d, %.2f) = %d, want %d", c.answered, c.asked, c.habit, got, c.want)
		}
	}
}

// answerNorms counts every person's answers to others' messages by the ego's rule, from units:
// same conversation, the same day or within 14 days; a message whose 14 days are not over and
// that is not answered is not counted; 1:1 units only.
func TestAnswerNorms(t *testing.T) {
	asOf := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	day := func(ago int) int32 { return int32(asOf.Unix()/86400) - int32(ago) }
	ds := &importers.Dataset{AsOf: asOf, People: make([]importers.Person, 4)}
	s := &scorer{ds: ds, opt: DefaultOptions(), n: 4, ego: 0}
	unit := func(a, b int32, conv int32, ago int, ab, ba int32, k int32) {
		u := fold.Unit{A: a, B: b, Conv: conv, Day: day(ago), Tally: fold.Tally{K: k, Asks: [2]int32{ab, ba}}}
		s.keepAsks(&u)
	}
	// Person 2 asked by person 1 in three conversations: answered the same day, answered 10
	// days later, never answered (60 days ago).
	unit(1, 2, 1, 30, 1, 1, 2)
	unit(1, 2, 2, 40, 1, 0, 2)
	unit(1, 2, 2, 30, 0, 1, 2)
	unit(1, 2, 3, 60, 1, 0, 2)
	// Not counted: an unanswered ask of 5 days ago (its window is open), one of 200 days ago,
	// and a group message (k = 3).
	unit(1, 2, 4, 5, 1, 0, 2)
	unit(1, 2, 5, 200, 1, 0, 2)
	unit(1, 3, 6, 30, 1, 0, 3)
	// The ego asks person 2 twice, unanswered: the ego's own, taken out of the habit.
	unit(0, 2, 7, 50, 2, 0, 2)
	s.answerNorms()
	if s.normAsked[2] != 5 || s.normAnswered[2] != 2 {
		t.Errorf("person 2: answered %d of %d, want 2 of 5", s.normAnswered[2], s.normAsked[2])
	}
	// Person 2's answers are messages to person 1 as well: the one of the first conversation
	// was answered the same day, the one of the second (30 days ago) never was.
	if s.normAsked[3] != 0 || s.normAsked[1] != 2 || s.normAnswered[1] != 1 {
		t.Errorf("person 3 asked %d (a group message), want 0; person 1 answered %d of %d, want 1 of 2", s.normAsked[3], s.normAnswered[1], s.normAsked[1])
	}
	s.asked, s.answered = make([]int, 4), make([]int, 4)
	s.opt.Status.MinOthersAsked = 3
	if h, ok := s.habit(2); !ok || h != 2.0/3 {
		t.Errorf("habit of person 2 = %v, %v, want 2 of 3 others' messages", h, ok)
	}
	if !s.orgLog {
		t.Error("1:1 messages between others were read, but orgLog is false")
	}
}
