package calendar

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// checkEvents runs read over data and checks the promises every reader keeps, whatever the
// bytes: no panic, no error (the input is in memory, so there is no I/O error), positive
// increasing lines, UTC starts, non-negative durations, lower-case addresses, UTF-8 names, no
// empty attendee.
func checkEvents(t *testing.T, data []byte, read func(r *bytes.Reader, fn func(Event) error, bad func(int, string)) error, header bool) {
	last := 0
	err := read(bytes.NewReader(data), func(e Event) error {
		if e.Line <= last {
			t.Errorf("line %d after %d", e.Line, last)
		}
		last = e.Line
		if e.Start.Location().String() != "UTC" {
			t.Errorf("start not UTC: %v", e.Start)
		}
		if e.DurationMin < 0 {
			t.Errorf("negative duration %v", e.DurationMin)
		}
		for _, a := range append([]Attendee{e.Organizer}, e.Attendees...) {
			if a.Email != strings.ToLower(a.Email) || !utf8.ValidString(a.Email) || !utf8.ValidString(a.Name) {
				t.Errorf("bad attendee %q", a)
			}
		}
		for _, a := range e.Attendees {
			if a == (Attendee{}) {
				t.Errorf("empty attendee in %+v", e)
			}
		}
		return nil
	}, func(line int, reason string) {
		if line <= 0 || reason == "" {
			t.Errorf("bad(%d, %q)", line, reason)
		}
	})
	if err != nil && !(header && strings.Contains(err.Error(), "line ")) {
		t.Fatalf("read: %v", err)
	}
}

func seedFiles(f *testing.F, pattern string) {
	files, _ := filepath.Glob(filepath.Join(fixtures, pattern))
	if len(files) == 0 {
		f.Fatalf("no seeds for %s", pattern)
	}
	for _, name := range files {
		b, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
}

func FuzzReadICS(f *testing.F) {
	seedFiles(f, "ics/*.ics")
	f.Add([]byte("BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;TZID=\"a\"b:1\nATTENDEE;CN=\"x\":\nEND:VEVENT\n"))
	f.Add([]byte("BEGIN:VTIMEZONE\nTZID:z\nBEGIN:STANDARD\nDTSTART:20240101T000000\nTZOFFSETTO:+0100\nRRULE:FREQ=YEARLY;BYMONTH=13;BYDAY=9SU\nEND:STANDARD\nEND:VTIMEZONE\nBEGIN:VEVENT\nDTSTART;TZID=z:20240101T000000\nEND:VEVENT\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		checkEvents(t, data, func(r *bytes.Reader, fn func(Event) error, bad func(int, string)) error {
			return ReadICS(r, fn, bad)
		}, false)
	})
}

func FuzzReadOutlookCSV(f *testing.F) {
	seedFiles(f, "outlook-calendar/*.csv")
	f.Add([]byte("Start Date;Required Attendees\n1/2/2024;a@b;c\n\"\n"))
	f.Add([]byte("\xff\xfeS\x00t\x00"))
	f.Fuzz(func(t *testing.T, data []byte) {
		checkEvents(t, data, func(r *bytes.Reader, fn func(Event) error, bad func(int, string)) error {
			return ReadOutlookCSV(r, fn, bad)
		}, true)
	})
}
