package importers

import (
	"fmt"
	"io/fs"
	"math"
	"path"
	"strings"
	"time"

	"github.com/relmap/relmap/importers/calendar"
	"github.com/relmap/relmap/importers/mail"
	"github.com/relmap/relmap/importers/vcard"
)

// Non-CSV sources (SPEC §2.3, §2.4), recognised by their file name's ending.
const (
	kindMbox fileKind = iota + 300
	kindICS
	kindVCard
	kindOutlookCalendar
)

// otherKind says which non-CSV reader a file name calls for: Gmail Takeout's "All mail
// Including Spam and Trash.mbox", Thunderbird's extension-less mbox files are passed by name.
func otherKind(p string) fileKind {
	switch ext := strings.ToLower(path.Ext(p)); ext {
	case ".mbox", ".mbx":
		return kindMbox
	case ".ics", ".ical", ".ifb":
		return kindICS
	case ".vcf", ".vcard":
		return kindVCard
	}
	return kindNone
}

// readOther reads an mbox, an iCalendar file, a vCard file or an Outlook calendar CSV.
func (l *loader) readOther(src Source, p, name string, kind fileKind) error {
	f, err := src.FS.Open(p)
	if err != nil {
		l.problems = append(l.problems, fmt.Errorf("%s: %w", name, err))
		return nil
	}
	defer f.Close()
	fc := FileCoverage{Name: name, Source: src.Name, Kind: kindNames[kind], Skipped: map[string]int{}} // the reader decodes it itself
	bad := func(line int, reason string) {
		l.problems = append(l.problems, &RowError{File: name, Line: line, Column: "record", Err: fmt.Errorf("%s", reason)})
		fc.Rows++
		fc.Skipped["unreadable record"]++
	}
	switch kind {
	case kindMbox:
		err = l.readMbox(f, &fc, bad)
	case kindICS:
		err = calendar.ReadICS(f, func(e calendar.Event) error { l.meeting(e, &fc); return l.budget.check() }, bad)
	case kindOutlookCalendar:
		err = calendar.ReadOutlookCSV(f, func(e calendar.Event) error { l.meeting(e, &fc); return l.budget.check() }, bad)
	case kindVCard:
		err = vcard.Read(f, func(c vcard.Contact) error { l.card(c, &fc); return l.budget.check() }, bad)
	}
	if overBudget(err) {
		return err
	}
	if err != nil {
		l.problems = append(l.problems, corrupt(name, fmt.Errorf("%s: %w", name, err)))
		fc.Skipped["unreadable rest of file"]++
	}
	l.files = append(l.files, fc)
	return nil
}

// readMbox turns every message into an interaction between its sender and its To and Cc
// recipients, threaded by the reply headers; bodies are never read.
func (l *loader) readMbox(f fs.File, fc *FileCoverage, bad func(int, string)) error {
	// Thread every message, the dateless and recipient-less ones too, so that replies to them
	// stay in their thread; then keep the ones that make an interaction.
	var msgs []mail.Message
	err := mail.ReadMbox(f, func(m mail.Message) error {
		msgs = append(msgs, m)
		return l.budget.check()
	}, bad)
	if overBudget(err) {
		return err
	}
	threads := mail.Threads(msgs)
	for i, m := range msgs {
		fc.Rows++
		switch {
		case m.Date.IsZero() || !plausible(m.Date):
			l.problems = append(l.problems, &RowError{File: fc.Name, Line: m.Line, Column: "date", Err: fmt.Errorf("no readable date (%s); the message is skipped", dateText(m.Date))})
			fc.Skipped[skipBadDate]++
			continue
		case len(m.To)+len(m.Cc) == 0:
			fc.Skipped[skipNoPerson]++
			continue
		}
		ev := rawEvent{t: m.Date, conversation: "mail:" + threads[i], file: len(l.files), channel: "email", weight: 1,
			sentiment: math.NaN(), from: l.res.add(mention{name: m.From.Name, email: m.From.Email, src: fromMail})}
		for _, a := range append(append([]mail.Address(nil), m.To...), m.Cc...) {
			ev.to = append(ev.to, l.res.add(mention{name: a.Name, email: a.Email, src: fromMail}))
		}
		l.evidence(m.Date)
		l.events = append(l.events, ev)
		fc.Used++
	}
	return err
}

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
	l.evidence(e.Start)
	l.events = append(l.events, ev)
	fc.Used++
}

// card adds a vCard's person with every e-mail and profile URL it lists, never interactions.
func (l *loader) card(c vcard.Contact, fc *FileCoverage) {
	fc.Rows++
	if c.Cut > 0 {
		l.problems = append(l.problems, &RowError{File: fc.Name, Line: c.Line, Column: "record",
			Err: fmt.Errorf("%d e-mails, URLs or categories left out: a card keeps the first %d of each", c.Cut, vcard.MaxValues)})
	}
	var urls []string
	for _, u := range c.URLs {
		if strings.Contains(strings.ToLower(u), "linkedin.com/in/") {
			urls = append(urls, u)
		}
	}
	if c.Name == "" && len(c.Emails) == 0 && len(urls) == 0 {
		fc.Skipped[skipNoPerson]++
		return
	}
	// The card's own keys, linked to each other only: a card with none is its name alone.
	var handles []int
	for _, e := range c.Emails {
		handles = append(handles, l.res.add(mention{name: c.Name, email: e, company: c.Org, title: c.Title, src: fromContacts}))
	}
	for _, u := range urls {
		handles = append(handles, l.res.add(mention{name: c.Name, url: u, company: c.Org, title: c.Title, src: fromContacts}))
	}
	if len(handles) == 0 {
		handles = append(handles, l.res.add(mention{name: c.Name, company: c.Org, title: c.Title, src: fromContacts}))
	}
	for _, h := range handles[1:] {
		l.res.link(handles[0], h)
	}
	fc.Used++
}

func dateText(t time.Time) string {
	if t.IsZero() {
		return "none"
	}
	return t.Format("2006-01-02")
}
