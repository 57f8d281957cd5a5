// Package calendar reads meetings from iCalendar (.ics) files and from Outlook's calendar CSV
// export, for relmap's meeting interactions (SPEC §2.4). It keeps who met, when and for how
// long; a meeting's subject, description and location are never kept.
//
// Recurring events. An .ics event with an RRULE is read as its first occurrence only (its
// DTSTART); the rule is not expanded, because expanding an open-ended rule needs a horizon
// (the as-of date) that a parser does not have, and its moved and cancelled instances
// (RECURRENCE-ID, EXDATE) would have to be reconciled. A VEVENT with a RECURRENCE-ID, one
// changed instance of a series, is read as an event of its own with the series' UID. Outlook's
// CSV export writes one row per occurrence in the range the user chose, so there recurring
// meetings do come out once per occurrence.
//
// Time zones. Start is UTC. A date-time ending in Z is UTC; one with a TZID is read in that
// zone: an IANA name ("Europe/Berlin", also behind an old "/mozilla.org/…/" prefix) from the
// system's zone database, a Windows name ("W. Europe Standard Time", what Outlook writes) by a
// table of common zones, else by the file's own VTIMEZONE (its yearly STANDARD/DAYLIGHT rules,
// when the VTIMEZONE comes before the event, as every exporter writes it). A TZID none of these
// resolve, and a floating time (no Z, no TZID), are read as UTC. An all-day event (DTSTART of
// type DATE) starts at 00:00 UTC of its date. Outlook CSV times carry no zone and are read as
// UTC; the caller knows the user's zone (--tz) and can shift them.
//
// People. ORGANIZER and ATTENDEE give a name (CN) and an address (mailto:). Attendees who
// declined (PARTSTAT=DECLINED) and rooms and resources (CUTYPE=ROOM or RESOURCE) are left out,
// as is the organizer when listed again as an attendee, and an attendee listed twice. Email
// addresses are lower-cased.
package calendar

import "time"

// Attendee is one person of a meeting. Either field may be empty, not both.
type Attendee struct {
	Name  string // display name (CN, or the Outlook display name)
	Email string // lower-cased; empty when the source gives none
}

// Event is one meeting.
type Event struct {
	Line        int       // for .ics: line of BEGIN:VEVENT; for CSV: physical line of the row
	UID         string    // .ics UID; empty for Outlook CSV, which has none
	Start       time.Time // UTC; see the package doc for zones
	DurationMin float64   // minutes from start to end; 0 when unknown
	Organizer   Attendee  // zero when there is none
	Attendees   []Attendee
	Cancelled   bool // STATUS:CANCELLED, METHOD:CANCEL, or an Outlook "Canceled:" subject
}

// maxLine bounds a logical line (or a CSV field) that is kept; SPEC §6 makes a field over
// 1 MiB an error.
const maxLine = 1 << 20
