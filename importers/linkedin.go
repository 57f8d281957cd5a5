package importers

import (
	"fmt"
	"strings"
	"time"

	"github.com/relmap/relmap/importers/csvtable"
)

// Rows of the LinkedIn files, mapped by csvtable.EachRow from canonical header names.
type connectionRow struct {
	FirstName   string `csv:"first name"`
	LastName    string `csv:"last name"`
	URL         string `csv:"url"`
	Email       string `csv:"email address"`
	Company     string `csv:"company"`
	Position    string `csv:"position"`
	ConnectedOn string `csv:"connected on"`
}

type messageRow struct {
	Conversation string `csv:"conversation id"`
	Title        string `csv:"conversation title"`
	From         string `csv:"from"`
	FromURL      string `csv:"sender profile url"`
	To           string `csv:"to"`
	ToURLs       string `csv:"recipient profile urls"`
	Date         string `csv:"date"`
	Content      string `csv:"content"` // read only to recognise sponsored mail; never kept
	Folder       string `csv:"folder"`
	Draft        string `csv:"is message draft"`
	Direction    string `csv:"direction"` // 2018 and ~2020 files: INCOMING or OUTGOING
}

type invitationRow struct {
	From       string `csv:"from"`
	To         string `csv:"to"`
	SentAt     string `csv:"sent at"`
	Direction  string `csv:"direction"`
	InviterURL string `csv:"inviterprofileurl"`
	InviteeURL string `csv:"inviteeprofileurl"`
}

type endorsementRow struct {
	Date          string `csv:"endorsement date"`
	EndorserFirst string `csv:"endorser first name"`
	EndorserLast  string `csv:"endorser last name"`
	EndorserURL   string `csv:"endorser public url"`
	EndorseeFirst string `csv:"endorsee first name"`
	EndorseeLast  string `csv:"endorsee last name"`
	EndorseeURL   string `csv:"endorsee public url"`
}

type recommendationRow struct {
	FirstName string `csv:"first name"`
	LastName  string `csv:"last name"`
	Company   string `csv:"company"`
	JobTitle  string `csv:"job title"`
	Created   string `csv:"creation date"`
}

type profileRow struct {
	FirstName string `csv:"first name"`
	LastName  string `csv:"last name"`
	Headline  string `csv:"headline"`
}

type contactRow struct {
	FirstName string `csv:"firstname"`
	LastName  string `csv:"lastname"`
	First2018 string `csv:"first name"`
	Last2018  string `csv:"last name"`
	Companies string `csv:"companies"`
	Title     string `csv:"title"`
	Emails    string `csv:"emails"`
	Email2018 string `csv:"email address"`
}

type positionRow struct {
	Company  string `csv:"company name"`
	Title    string `csv:"title"`
	Started  string `csv:"started on"`
	Finished string `csv:"finished on"`
}

// Skip reasons, as they appear in coverage.
const (
	skipGhost     = "ghost row"
	skipDraft     = "draft"
	skipMember    = "LinkedIn Member"
	skipSponsored = "sponsored"
	skipSystem    = "system row"
	skipBadDate   = "unreadable date"
	skipNoPerson  = "no person"
)

// readRows reads a table of the LinkedIn export (FORMAT.md §2): each row by its kind's
// reader below.
func (l *loader) readRows(t *csvtable.Table, kind fileKind, fc *FileCoverage) error {
	switch kind {
	case kindConnections:
		return csvtable.EachRow(t, func(line int, r *connectionRow) { l.connection(t, line, r, fc) })
	case kindMessages:
		mf := &messageFile{conversation: t.Has("conversation id"), senderURL: t.Has("sender profile url"),
			recipientURLs: t.Has("recipient profile urls")}
		defer l.flush(mf)
		return csvtable.EachRow(t, func(line int, r *messageRow) { l.message(t, mf, line, r, fc) })
	case kindInvitations:
		return csvtable.EachRow(t, func(line int, r *invitationRow) { l.invitation(t, line, r, fc) })
	case kindEndorsementsReceived, kindEndorsementsGiven:
		received := kind == kindEndorsementsReceived
		return csvtable.EachRow(t, func(line int, r *endorsementRow) { l.endorsement(t, line, r, received, fc) })
	case kindRecommendationsReceived, kindRecommendationsGiven:
		received := kind == kindRecommendationsReceived
		return csvtable.EachRow(t, func(line int, r *recommendationRow) { l.recommendation(t, line, r, received, fc) })
	case kindProfile:
		return csvtable.EachRow(t, func(line int, r *profileRow) { l.profile(r, fc) })
	case kindContacts:
		return csvtable.EachRow(t, func(line int, r *contactRow) { l.contact(r, fc) })
	case kindPositions:
		var latest time.Time // the start of the current position kept
		return csvtable.EachRow(t, func(line int, r *positionRow) { l.position(r, &latest, fc) })
	}
	return nil
}

// connection is a row of Connections.csv: a structural tie with the owner.
func (l *loader) connection(t *csvtable.Table, line int, r *connectionRow, fc *FileCoverage) {
	fc.Rows++
	first, last := strings.TrimSpace(r.FirstName), strings.TrimSpace(r.LastName)
	if first == "" && last == "" && r.URL == "" && r.Email == "" {
		fc.Skipped[skipGhost]++
		return
	}
	// A connection is structural: one whose date cannot be read is kept, undated, and
	// the date reported.
	on, err := l.parseDate(r.ConnectedOn)
	if err != nil {
		l.problems = append(l.problems, &RowError{File: t.File, Line: line, Column: "connected on", Err: fmt.Errorf("%w; the connection is kept without a date", err)})
	}
	l.sawDate(on)
	h := l.res.add(mention{name: strings.TrimSpace(first + " " + last), url: r.URL, email: r.Email,
		company: strings.TrimSpace(r.Company), title: strings.TrimSpace(r.Position), src: fromConnections, connected: true})
	l.ties = append(l.ties, rawTie{kind: Connection, from: -1, to: h, t: on, file: len(l.files)})
	fc.Used++
}

// invitation is a row of Invitations.csv: a tie with the owner, and the owner's URL.
func (l *loader) invitation(t *csvtable.Table, line int, r *invitationRow, fc *FileCoverage) {
	fc.Rows++
	at, ok := l.date(t, line, "sent at", r.SentAt, fc)
	if !ok {
		return
	}
	l.sawDate(at)
	dir := strings.ToUpper(strings.TrimSpace(r.Direction))
	if dir != "OUTGOING" && dir != "INCOMING" {
		l.rowErr(t, line, "direction", fc, fmt.Errorf("want INCOMING or OUTGOING, got %q", r.Direction))
		return
	}
	out := dir == "OUTGOING"
	var other mention
	if out {
		l.ownerURLs[l.res.url(r.InviterURL)]++
		if l.inviteName == "" {
			l.inviteName = strings.TrimSpace(r.From)
		}
		other = mention{name: r.To, url: r.InviteeURL, src: fromInvitations}
	} else {
		l.ownerURLs[l.res.url(r.InviteeURL)]++
		other = mention{name: r.From, url: r.InviterURL, src: fromInvitations}
	}
	l.tieWithOwner(Invitation, other, !out, at, fc)
}

// endorsement is a row of an endorsements file, received or given.
func (l *loader) endorsement(t *csvtable.Table, line int, r *endorsementRow, received bool, fc *FileCoverage) {
	fc.Rows++
	at, ok := l.date(t, line, "endorsement date", r.Date, fc)
	if !ok {
		return
	}
	l.sawDate(at)
	m := mention{name: strings.TrimSpace(r.EndorserFirst) + " " + strings.TrimSpace(r.EndorserLast), url: r.EndorserURL, src: fromEndorsements}
	if !received {
		m = mention{name: strings.TrimSpace(r.EndorseeFirst) + " " + strings.TrimSpace(r.EndorseeLast), url: r.EndorseeURL, src: fromEndorsements}
	}
	l.tieWithOwner(Endorsement, m, received, at, fc)
}

// recommendation is a row of a recommendations file, received or given.
func (l *loader) recommendation(t *csvtable.Table, line int, r *recommendationRow, received bool, fc *FileCoverage) {
	fc.Rows++
	at, ok := l.date(t, line, "creation date", r.Created, fc)
	if !ok {
		return
	}
	l.sawDate(at)
	m := mention{name: strings.TrimSpace(r.FirstName) + " " + strings.TrimSpace(r.LastName),
		company: strings.TrimSpace(r.Company), title: strings.TrimSpace(r.JobTitle), src: fromRecommendations}
	l.tieWithOwner(Recommendation, m, received, at, fc)
}

// profile is Profile.csv's row: the owner's name.
func (l *loader) profile(r *profileRow, fc *FileCoverage) {
	fc.Rows++
	if l.profileName == "" {
		l.profileName = strings.TrimSpace(strings.TrimSpace(r.FirstName) + " " + strings.TrimSpace(r.LastName))
		fc.Used++
	}
}

// contact is a row of Contacts.csv (or Imported Contacts.csv): e-mails for a connection.
func (l *loader) contact(r *contactRow, fc *FileCoverage) {
	fc.Rows++
	first, last := r.FirstName+r.First2018, r.LastName+r.Last2018
	c := contact{name: strings.TrimSpace(strings.TrimSpace(first) + " " + strings.TrimSpace(last)),
		company: strings.TrimSpace(r.Companies), title: strings.TrimSpace(r.Title)}
	for _, e := range strings.FieldsFunc(r.Emails+","+r.Email2018, func(r rune) bool { return r == ',' || r == ';' || r == ' ' }) {
		if e = NormalizeEmail(e); e != "" {
			c.emails = append(c.emails, e)
		}
	}
	if c.name == "" || len(c.emails) == 0 {
		fc.Skipped[skipNoPerson]++
		return
	}
	l.contacts = append(l.contacts, c)
	fc.Used++
}

// position is a row of Positions.csv: the owner's current company and title are those of the
// open position that started last (latest).
func (l *loader) position(r *positionRow, latest *time.Time, fc *FileCoverage) {
	fc.Rows++
	if strings.TrimSpace(r.Finished) != "" {
		fc.Used++
		return
	}
	started, _ := l.parseDate(r.Started)
	if l.ownerCompany == "" || started.After(*latest) {
		l.ownerCompany, l.ownerTitle, *latest = strings.TrimSpace(r.Company), strings.TrimSpace(r.Title), started
	}
	fc.Used++
}

// tieWithOwner records evidence between the owner and the person m names: from them when
// received, to them otherwise. A row naming nobody is skipped.
func (l *loader) tieWithOwner(kind TieKind, m mention, received bool, at time.Time, fc *FileCoverage) {
	m.name = strings.TrimSpace(m.name)
	if m.name == "" && strings.TrimSpace(m.url) == "" {
		fc.Skipped[skipNoPerson]++
		return
	}
	h := l.res.add(m)
	tie := rawTie{kind: kind, from: -1, to: h, t: at, file: len(l.files)}
	if received {
		tie.from, tie.to = h, -1
	}
	l.ties = append(l.ties, tie)
	fc.Used++
}
