package importers

import (
	"fmt"

	"github.com/relmap/relmap/importers/calendar"
	"github.com/relmap/relmap/importers/vcard"
)

// readOther reads an mbox, an iCalendar file, a vCard file or an Outlook calendar CSV.
func (l *loader) readOther(src Source, p, name string, kind fileKind) error {
	f, err := src.FS.Open(p)
	if err != nil {
		l.problems = append(l.problems, fmt.Errorf("%s: %w", name, err))
		return nil
	}
	defer f.Close()
	fc := FileCoverage{Name: name, Source: src.Name, Kind: kind.String(), Skipped: map[string]int{}} // the reader decodes it itself
	bad := func(line int, reason string) {
		l.problems = append(l.problems, &RowError{File: name, Line: line, Column: "record", Err: fmt.Errorf("%s", reason)})
		fc.Rows++
		fc.Skipped["unreadable record"]++
	}
	switch kind {
	case kindMbox:
		err = l.readMbox(f, &fc, bad)
	case kindICS:
		err = calendar.ReadICS(f, func(e calendar.Event) error { l.meeting(e, &fc); return l.budget.Check() }, bad)
	case kindOutlookCalendar:
		err = calendar.ReadOutlookCSV(f, func(e calendar.Event) error { l.meeting(e, &fc); return l.budget.Check() }, bad)
	case kindVCard:
		err = vcard.Read(f, func(c vcard.Contact) error { l.card(c, &fc); return l.budget.Check() }, bad)
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
