package importers

import (
	"fmt"
	"io/fs"
	"math"

	"github.com/relmap/relmap/importers/mail"
)

// readMbox turns every message into an interaction between its sender and its To and Cc
// recipients, threaded by the reply headers; bodies are never read.
func (l *loader) readMbox(f fs.File, fc *FileCoverage, bad func(int, string)) error {
	// Thread every message, the dateless and recipient-less ones too, so that replies to them
	// stay in their thread; then keep the ones that make an interaction.
	var msgs []mail.Message
	err := mail.ReadMbox(f, func(m mail.Message) error {
		msgs = append(msgs, m)
		return l.budget.Check()
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
		l.sawDate(m.Date)
		l.events = append(l.events, ev)
		fc.Used++
	}
	return err
}
