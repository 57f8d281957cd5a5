package calendar

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"testing/iotest"
	"time"
	_ "time/tzdata" // zone lookups must not depend on the machine running the tests

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// bodyMarker is written into every subject, description and location of the fixtures; it must
// never come out.
const bodyMarker = "BODY-MARKER-QX7"

const fixtures = "../../testdata/sources"

type badLine struct {
	Line   int
	Reason string
}

type reader func(r *strings.Reader, fn func(Event) error, bad func(int, string)) error

func readICS(r *strings.Reader, fn func(Event) error, bad func(int, string)) error {
	return ReadICS(r, fn, bad)
}

func readCSV(r *strings.Reader, fn func(Event) error, bad func(int, string)) error {
	return ReadOutlookCSV(r, fn, bad)
}

func collect(t *testing.T, read reader, s string) ([]Event, []badLine) {
	t.Helper()
	var evs []Event
	var bads []badLine
	err := read(strings.NewReader(s),
		func(e Event) error { evs = append(evs, e); return nil },
		func(line int, reason string) { bads = append(bads, badLine{line, reason}) })
	if err != nil {
		t.Fatalf("read: %v", err)
	}
	return evs, bads
}

func fixture(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(fixtures, name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func utc(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t
}

var cmpOpts = []cmp.Option{cmpopts.EquateEmpty()}

func TestReadICS(t *testing.T) {
	ana := Attendee{"Ana Souza", "ana.souza@example.com"}
	ben := Attendee{"Ben Okafor", "ben.okafor@example.com"}
	greta := Attendee{"Greta Holm", "greta.holm@example.org"}
	var all25 []Attendee
	for i := 1; i <= 25; i++ {
		all25 = append(all25, Attendee{fmt.Sprintf("Attendee %02d", i), fmt.Sprintf("att%02d@example.org", i)})
	}
	want := []Event{{
		// IANA TZID; the organizer listed again, a decliner and a room left out; a CN folded
		// inside its quotes.
		Line: 40, UID: "7kq1@example.com", Start: utc("2024-03-04T09:00:00Z"), DurationMin: 60,
		Organizer: ana, Attendees: []Attendee{ben, {"Patel, Dev", "dev.patel@example.org"}},
	}, {
		Line: 58, UID: "cancelled-1@example.com", Start: utc("2024-03-05T14:00:00Z"), DurationMin: 30,
		Organizer: ben, Attendees: []Attendee{ana}, Cancelled: true,
	}, {
		// Windows zone name, summer time; 25 attendees; RRULE read as its first occurrence.
		Line: 67, UID: "all-hands-25@example.com", Start: utc("2024-07-10T07:00:00Z"), DurationMin: 60,
		Organizer: ana, Attendees: all25,
	}, {
		Line: 100, UID: "offsite-day@example.com", Start: utc("2024-03-15T00:00:00Z"), DurationMin: 1440,
		Organizer: Attendee{"", "dev.patel@example.org"},
	}, {
		// TZID known only from the file's VTIMEZONE; a line that lost its folding inside a
		// DESCRIPTION does not cost the event; VALARM ignored.
		Line: 115, UID: "globex-1@example.com", Start: utc("2024-06-12T13:00:00Z"), DurationMin: 30,
		Organizer: Attendee{"Hamid Rahimi", "hamid.rahimi@example.org"}, Attendees: []Attendee{greta},
	}, {
		// Floating time read as UTC; an attendee without an address; one listed twice.
		Line: 129, UID: "floating@example.com", Start: utc("2024-04-01T08:00:00Z"), DurationMin: 15,
		Organizer: Attendee{"", "greta.holm@example.org"}, Attendees: []Attendee{{"Ira Novak", ""}, ben},
	}, {
		Line: 142, UID: "after-unterminated@example.com", Start: utc("2024-04-03T08:00:00Z"), DurationMin: 60,
		Organizer: greta, Attendees: []Attendee{{"Hamid Rahimi", "hamid.rahimi@example.org"}},
	}}
	wantBad := []badLine{
		{109, "malformed line: bad parameter (event at line 106 skipped)"},
		{111, "VEVENT without DTSTART; event skipped"},
		{138, "VEVENT without END:VEVENT before line 142; event skipped"},
	}
	got, bad := collect(t, readICS, fixture(t, "ics/calendar.ics"))
	if diff := cmp.Diff(want, got, cmpOpts...); diff != "" {
		t.Errorf("events (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(wantBad, bad, cmpOpts...); diff != "" {
		t.Errorf("bad (-want +got):\n%s", diff)
	}
}

func TestReadICSQuirks(t *testing.T) {
	const head = "BEGIN:VCALENDAR\nBEGIN:VEVENT\n"
	const tail = "END:VEVENT\nEND:VCALENDAR\n"
	tests := []struct {
		name string
		in   string
		want []Event
		bad  []badLine
	}{{
		name: "empty",
	}, {
		name: "not a calendar",
		in:   "hello\nworld\n",
		bad:  []badLine{{1, "not an iCalendar file? first line is not BEGIN:VCALENDAR"}, {1, "malformed line: no colon after the property name"}, {2, "malformed line: no colon after the property name"}},
	}, {
		name: "BOM, LF, lower-case names, METHOD:CANCEL",
		in:   "\ufeffbegin:vcalendar\nmethod:CANCEL\nbegin:vevent\ndtstart:20240101T100000Z\ndtend:20240101T093000Z\nend:vevent\nend:vcalendar\n",
		want: []Event{{Line: 3, Start: utc("2024-01-01T10:00:00Z"), Cancelled: true}},
	}, {
		name: "unknown TZID read as UTC",
		in:   head + "DTSTART;TZID=Mars/Olympus:20240101T100000\n" + tail,
		want: []Event{{Line: 2, Start: utc("2024-01-01T10:00:00Z")}},
	}, {
		name: "TZID Local is never the machine's zone",
		in:   head + "DTSTART;TZID=Local:20240101T100000\n" + tail,
		want: []Event{{Line: 2, Start: utc("2024-01-01T10:00:00Z")}},
	}, {
		name: "Mozilla TZID path",
		in:   head + "DTSTART;TZID=/mozilla.org/20050126_1/America/New_York:20240101T100000\n" + tail,
		want: []Event{{Line: 2, Start: utc("2024-01-01T15:00:00Z")}},
	}, {
		name: "Windows zone in winter",
		in:   head + "DTSTART;TZID=\"Pacific Standard Time\":20240101T100000\n" + tail,
		want: []Event{{Line: 2, Start: utc("2024-01-01T18:00:00Z")}},
	}, {
		name: "loose ISO date-time and DURATION in days",
		in:   head + "DTSTART:2024-01-01T10:00:00Z\nDURATION:P1DT2H\n" + tail,
		want: []Event{{Line: 2, Start: utc("2024-01-01T10:00:00Z"), DurationMin: 26 * 60}},
	}, {
		name: "unreadable DTSTART",
		in:   head + "DTSTART:tomorrow\n" + tail,
		bad:  []badLine{{2, `unreadable DTSTART "tomorrow"; event skipped`}},
	}, {
		name: "unreadable DTEND gives unknown duration",
		in:   head + "DTSTART:20240101T100000Z\nDTEND:soon\n" + tail,
		want: []Event{{Line: 2, Start: utc("2024-01-01T10:00:00Z")}},
	}, {
		name: "vCalendar-style bare parameter, RFC 6868 caret escapes, EMAIL parameter",
		in:   head + "DTSTART:20240101T100000Z\nATTENDEE;RSVP;CN=Ana ^'Nan^' Souza;EMAIL=ana@example.com:urn:uuid:1234\n" + tail,
		want: []Event{{Line: 2, Start: utc("2024-01-01T10:00:00Z"), Attendees: []Attendee{{`Ana "Nan" Souza`, "ana@example.com"}}}},
	}, {
		name: "END without BEGIN, missing END:VEVENT at EOF",
		in:   "BEGIN:VCALENDAR\nEND:VTODO\nBEGIN:VEVENT\nDTSTART:20240101T100000Z\n",
		bad:  []badLine{{2, "END:VTODO without BEGIN"}, {3, "VEVENT without END:VEVENT; event skipped"}},
	}, {
		name: "a new VCALENDAR closes an open event",
		in:   head + "DTSTART:20240101T100000Z\nBEGIN:VCALENDAR\n" + head + "DTSTART:20240102T100000Z\n" + tail,
		want: []Event{{Line: 6, Start: utc("2024-01-02T10:00:00Z")}},
		bad:  []badLine{{2, "VEVENT without END:VEVENT before line 4; event skipped"}},
	}, {
		name: "kept property longer than 1 MiB",
		in:   head + "DTSTART:20240101T100000Z\nATTENDEE;CN=" + strings.Repeat("x", maxLine) + ":mailto:a@example.com\n" + tail,
		bad:  []badLine{{4, "ATTENDEE longer than 1 MiB (event at line 2 skipped)"}},
	}, {
		name: "dropped property longer than 1 MiB, folded",
		in:   head + "DTSTART:20240101T100000Z\nDESCRIPTION:" + strings.Repeat("y", maxLine) + "\n " + strings.Repeat("z", 100) + "\n" + tail,
		want: []Event{{Line: 2, Start: utc("2024-01-01T10:00:00Z")}},
	}, {
		name: "deep nesting",
		in:   head + "DTSTART:20240101T100000Z\n" + strings.Repeat("BEGIN:X\n", 20) + strings.Repeat("END:X\n", 20) + tail,
		want: []Event{{Line: 2, Start: utc("2024-01-01T10:00:00Z")}},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, bad := collect(t, readICS, tt.in)
			if diff := cmp.Diff(tt.want, got, cmpOpts...); diff != "" {
				t.Errorf("events (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.bad, bad, cmpOpts...); diff != "" {
				t.Errorf("bad (-want +got):\n%s", diff)
			}
		})
	}
}

func TestReadOutlookCSV(t *testing.T) {
	ana := Attendee{Name: "Ana Souza"}
	ben := Attendee{Name: "Ben Okafor"}
	want := []Event{{
		Line: 2, Start: utc("2024-03-04T10:00:00Z"), DurationMin: 45, Organizer: ana,
		Attendees: []Attendee{ben, {"Chloé Martin", "chloe.martin@example.org"}, {"", "dev.patel@example.org"}, {Name: "Eve Lindqvist"}},
	}, {
		Line: 3, Start: utc("2024-03-05T14:30:00Z"), DurationMin: 30, Organizer: ben,
		Attendees: []Attendee{ana}, Cancelled: true,
	}, {
		// The organizer and a repeated attendee left out; a quoted description over three lines.
		Line: 4, Start: utc("2024-03-06T09:00:00Z"), DurationMin: 90, Organizer: Attendee{Name: "Chloé Martin"},
		Attendees: []Attendee{ana, {"Ben Okafor", "ben.okafor@example.com"}},
	}, {
		Line: 7, Start: utc("2024-03-15T00:00:00Z"), DurationMin: 1440, Organizer: Attendee{Name: "Dev Patel"},
		Attendees: []Attendee{ana, ben},
	}, {
		// 24-hour times.
		Line: 10, Start: utc("2024-03-08T16:00:00Z"), DurationMin: 25, Organizer: Attendee{"Frank Zhou", "frank.zhou@example.org"},
		Attendees: []Attendee{{"Ana Souza", "ana.souza@example.com"}},
	}}
	wantBad := []badLine{
		{8, `Start Date/Start Time: unreadable date "13/45/2024" (want M/D/YYYY)`},
		{9, `Start Date/Start Time: unreadable time "25:99" (want h:mm:ss AM)`},
	}
	got, bad := collect(t, readCSV, fixture(t, "outlook-calendar/calendar.csv"))
	if diff := cmp.Diff(want, got, cmpOpts...); diff != "" {
		t.Errorf("events (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(wantBad, bad, cmpOpts...); diff != "" {
		t.Errorf("bad (-want +got):\n%s", diff)
	}

	// A European re-save: ';', Windows-1252.
	want = []Event{{
		Line: 2, Start: utc("2024-04-02T09:00:00Z"), DurationMin: 30, Organizer: Attendee{Name: "Zoë Laurent"},
		Attendees: []Attendee{{Name: "José Núñez"}, {"Renée Dubois", "renee.dubois@example.org"}},
	}}
	got, bad = collect(t, readCSV, fixture(t, "outlook-calendar/calendar-semicolon-1252.csv"))
	if diff := cmp.Diff(want, got, cmpOpts...); diff != "" {
		t.Errorf("semicolon file: events (-want +got):\n%s", diff)
	}
	if len(bad) != 0 {
		t.Errorf("semicolon file: bad = %v", bad)
	}
}

func TestReadOutlookCSVQuirks(t *testing.T) {
	const header = `"Subject","Start Date","Start Time","End Date","End Time","All day event","Meeting Organizer","Required Attendees"` + "\n"
	tests := []struct {
		name string
		in   string
		want []Event
		bad  []badLine
	}{{
		name: "header only",
		in:   header,
	}, {
		name: "UTF-16 LE with BOM",
		in:   utf16le(header + `"x","1/2/2024","1:00:00 PM","1/2/2024","2:00:00 PM","False","Ana Souza","Ben Okafor"` + "\r\n"),
		want: []Event{{Line: 2, Start: utc("2024-01-02T13:00:00Z"), DurationMin: 60, Organizer: Attendee{Name: "Ana Souza"}, Attendees: []Attendee{{Name: "Ben Okafor"}}}},
	}, {
		name: "UTF-8 BOM, tab-separated, short row",
		in:   "\ufeffSubject\tStart Date\tStart Time\tMeeting Organizer\nx\t1/2/2024\n",
		want: []Event{{Line: 2, Start: utc("2024-01-02T00:00:00Z")}},
	}, {
		name: "bare quote in a field, then a good row",
		in:   header + `x,1/2/2024,1:00:00 PM,,,False,Ana "the" Souza,` + "\n" + `y,1/3/2024,,,,True,,mailto:Ben@Example.com` + "\n",
		want: []Event{{Line: 3, Start: utc("2024-01-03T00:00:00Z"), DurationMin: 1440, Attendees: []Attendee{{Email: "ben@example.com"}}}},
		bad:  []badLine{{2, `unreadable row: bare " in non-quoted-field`}},
	}, {
		name: "unterminated quote at the end",
		in:   header + `"x,1/2/2024` + "\n",
		bad:  []badLine{{2, `unreadable row: extraneous or missing " in quoted-field`}},
	}, {
		name: "blank row",
		in:   header + ",,,,,,,\n",
	}, {
		name: "no start date",
		in:   header + "x,,,,,,Ana,\n",
		bad:  []badLine{{2, "Start Date/Start Time: no date"}},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, bad := collect(t, readCSV, tt.in)
			if diff := cmp.Diff(tt.want, got, cmpOpts...); diff != "" {
				t.Errorf("events (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.bad, bad, cmpOpts...); diff != "" {
				t.Errorf("bad (-want +got):\n%s", diff)
			}
		})
	}
}

func TestReadOutlookCSVNotOutlook(t *testing.T) {
	err := ReadOutlookCSV(strings.NewReader("First Name,Last Name\nAna,Souza\n"), func(Event) error { return nil }, nil)
	if err == nil || !strings.Contains(err.Error(), `"Start Date"`) {
		t.Errorf("err = %v, want one naming the columns expected", err)
	}
}

func utf16le(s string) string {
	var b bytes.Buffer
	b.WriteString("\xff\xfe")
	for _, r := range s {
		b.WriteByte(byte(r))
		b.WriteByte(byte(r >> 8))
	}
	return b.String()
}

func TestReadersStop(t *testing.T) {
	stop := errors.New("stop")
	inputs := map[string]struct {
		read reader
		in   string
	}{
		"ics": {readICS, fixture(t, "ics/calendar.ics")},
		"csv": {readCSV, fixture(t, "outlook-calendar/calendar.csv")},
	}
	for name, tt := range inputs {
		n := 0
		err := tt.read(strings.NewReader(tt.in), func(Event) error { n++; return stop }, nil)
		if !errors.Is(err, stop) || n != 1 {
			t.Errorf("%s: fn error: got %v after %d events, want stop after 1", name, err, n)
		}
	}
	err := ReadICS(iotest.TimeoutReader(strings.NewReader(fixture(t, "ics/calendar.ics"))), func(Event) error { return nil }, nil)
	if !errors.Is(err, iotest.ErrTimeout) {
		t.Errorf("ics: I/O error: got %v", err)
	}
	err = ReadOutlookCSV(iotest.TimeoutReader(strings.NewReader(fixture(t, "outlook-calendar/calendar.csv"))), func(Event) error { return nil }, nil)
	if !errors.Is(err, iotest.ErrTimeout) {
		t.Errorf("csv: I/O error: got %v", err)
	}
}

// TestTextNeverReturned reads every fixture and looks for the marker written into subjects,
// descriptions and locations in every string that comes out.
func TestTextNeverReturned(t *testing.T) {
	files := []struct {
		name string
		read reader
	}{
		{"ics/calendar.ics", readICS},
		{"outlook-calendar/calendar.csv", readCSV},
		{"outlook-calendar/calendar-semicolon-1252.csv", readCSV},
	}
	for _, f := range files {
		in := fixture(t, f.name)
		if !strings.Contains(in, bodyMarker) {
			t.Fatalf("%s: fixture has no marker", f.name)
		}
		evs, bad := collect(t, f.read, in)
		if len(evs) == 0 {
			t.Fatalf("%s: no events", f.name)
		}
		var out []string
		for _, e := range evs {
			out = append(out, stringsOf(reflect.ValueOf(e))...)
		}
		for _, b := range bad {
			out = append(out, b.Reason)
		}
		for _, s := range out {
			if strings.Contains(s, bodyMarker) {
				t.Errorf("%s: text returned: %q", f.name, s)
			}
		}
	}
	if n := len(stringsOf(reflect.ValueOf(Event{Organizer: Attendee{Name: bodyMarker}, Attendees: []Attendee{{Email: bodyMarker}}}))); n != 5 {
		t.Errorf("stringsOf found %d strings, want 5", n)
	}
}

// stringsOf returns every string reachable from v.
func stringsOf(v reflect.Value) []string {
	switch v.Kind() {
	case reflect.String:
		return []string{v.String()}
	case reflect.Struct:
		var out []string
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				out = append(out, stringsOf(v.Field(i))...)
			}
		}
		return out
	case reflect.Slice:
		var out []string
		for i := range v.Len() {
			out = append(out, stringsOf(v.Index(i))...)
		}
		return out
	}
	return nil
}
