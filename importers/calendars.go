package importers

import (
	"fmt"
	"math"
	"time"

	"github.com/relmap/relmap/importers/calendar"
)

// meeting turns a calendar event into an interaction among its organizer and attendees
// (SPEC §2.4); cancelled events are skipped, and the analysis treats more than 20 people as
// a broadcast.
func (l *loader) meeting(e calendar.Event, fc *FileCoverage) {
	fc.Rows++
	switch {
	case e.Cancelled:
		fc.Skipped["cancelled"]++
		return
	case e.Start.IsZero() || !plausible(e.Start):
		l.problems = append(l.problems, &RowError{File: fc.Name, Line: e.Line, Column: "start", Err: fmt.Errorf("no readable start (%s); the meeting is skipped", dateText(e.Start))})
		fc.Skipped[skipBadDate]++
		return
	}
	people := e.Attendees
	if e.Organizer.Name != "" || e.Organizer.Email != "" {
		people = append([]calendar.Attendee{e.Organizer}, people...)
	}
	if len(people) < 2 {
		fc.Skipped["one attendee"]++
		return
	}
	handle := func(a calendar.Attendee) int {
		return l.res.add(mention{name: a.Name, email: a.Email, src: fromMail})
	}
	ev := rawEvent{t: e.Start, from: handle(people[0]), conversation: "meeting:" + e.UID, file: len(l.files),
		channel: "meeting", weight: 1, sentiment: math.NaN(), duration: e.DurationMin}
	if e.UID == "" {
		ev.conversation = ""
	}
	for _, a := range people[1:] {
		ev.to = append(ev.to, handle(a))
	}
	l.sawDate(e.Start)
	l.events = append(l.events, ev)
	fc.Used++
}

func dateText(t time.Time) string {
	if t.IsZero() {
		return "none"
	}
	return t.Format("2006-01-02")
}
