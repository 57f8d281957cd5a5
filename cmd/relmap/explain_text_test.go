package main

import (
	"math"
	"testing"
	"time"

	"github.com/relmap/relmap/analysis"
	"github.com/relmap/relmap/importers"
)

// explain words every status signal and every kind of evidence as it always has, the rules'
// numbers (SPEC §3.4's defaults here) included.
func TestSignalText(t *testing.T) {
	rules := analysis.DefaultOptions().Status
	aug := time.Date(2025, 8, 17, 0, 0, 0, 0, time.UTC)
	nan := math.NaN()
	for _, c := range []struct {
		s    analysis.Signal
		want string
	}{
		{analysis.Signal{Name: "declared", Habit: nan}, "your annotation"},
		{analysis.Signal{Name: "sentiment", N: 4, Habit: nan}, "mean over 4 interactions"},
		{analysis.Signal{Name: "recommendation", Habit: nan}, "they recommended you"},
		{analysis.Signal{Name: "endorsements", N: 3, Habit: nan}, "3 endorsements, +0.20 each, at most +0.40"},
		{analysis.Signal{Name: "answers", N: 5, Of: 6, Habit: nan}, "answered 5 of your 6 messages within 14 days; their habit with others is not in the data, so the fixed shares decide (under 30 %, from 80 %)"},
		{analysis.Signal{Name: "answers", N: 5, Of: 6, Habit: 0.404}, "answered 5 of your 6 messages within 14 days; they answer 40 % of others' 1:1 messages, and the gap decides"},
		{analysis.Signal{Name: "unanswered", N: 0, Of: 4, Since: aug, Habit: 0.9}, "answered 0 of your 4 messages since Aug 2025; they answer 90 % of others' 1:1 messages, and the gap decides"},
		{analysis.Signal{Name: "initiative", N: 6, Of: 8, Median: 0.333, Habit: nan}, "they opened 6 of the 8 threads between you; your contacts open 33 % at the median"},
		{analysis.Signal{Name: "inclusion", N: 7, Median: 1.5, Habit: nan}, "7 of their group messages brought you in; your contacts' median is 1.5"},
		{analysis.Signal{Name: "exclusion", N: 4, Habit: nan}, "they met two or more of your team in a group without you on 4 days of the last 180, and never you"},
		{analysis.Signal{Name: "cooling", N: 1, Of: 9, Habit: nan}, "1 interactions in the last 90 days, 9 in the 90 before"},
		{analysis.Signal{Name: "invitation", Since: aug, Habit: nan}, "your invitation pending since Aug 2025"},
		{analysis.Signal{Name: "silence", N: 1, Of: 5, Since: aug, Earlier: 2, Habit: nan}, "answered 1 of your 5 messages since Aug 2025, and never wrote to you before (2 earlier messages of yours): silence is their habit with you, not a change, so it is not held against them (their habit with others is not in the data)"},
		{analysis.Signal{Name: "bound", Hundredths: -3, Habit: nan}, "status stays within −1 … +1, and silence alone (cooling, a pending invitation) one hundredth above a detractor"},
	} {
		if got := signalText(c.s, rules); got != c.want {
			t.Errorf("%s: %q, want %q", c.s.Name, got, c.want)
		}
	}
	for _, c := range []struct {
		ev   analysis.Evidence
		want string
	}{
		{analysis.Evidence{Channel: "email", People: 2}, "email"},
		{analysis.Evidence{Channel: "meeting", People: 4}, "meeting (4 people)"},
		{analysis.Evidence{Tie: importers.Invitation}, "accepted invitation"},
		{analysis.Evidence{Tie: importers.Recommendation}, importers.Recommendation.String()},
		{analysis.Evidence{Tie: importers.Connection}, importers.Connection.String()},
	} {
		if got := evidenceText(c.ev); got != c.want {
			t.Errorf("%+v: %q, want %q", c.ev, got, c.want)
		}
	}
}
