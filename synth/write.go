package synth

import (
	"archive/zip"
	"bufio"
	"encoding/json"
	"io"
	"slices"
	"strings"
	"time"
)

// connectionsPreamble is the three lines before the header of every Connections.csv since
// about 2021, byte for byte (375 bytes, SHA-1 a9d247e449af789ec4adb701ea528f7b4ac75607).
const connectionsPreamble = "Notes:\n" +
	`"When exporting your connection data, you may notice that some of the email addresses are missing. You will only see email addresses for connections who have allowed their connections to see or download their email address using this setting https://www.linkedin.com/psettings/privacy/email. You can learn more here https://www.linkedin.com/help/linkedin/answer/261"` +
	"\n\n"

// Headers, exactly as in 2024-12 exports (FORMAT.md §2).
const (
	headerConnections  = "First Name,Last Name,URL,Email Address,Company,Position,Connected On"
	headerMessages     = "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,DATE,SUBJECT,CONTENT,FOLDER,IS MESSAGE DRAFT,IS CONVERSATION DRAFT"
	headerInvitations  = "From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl"
	headerEndorsementR = "Endorsement Date,Skill Name,Endorser First Name,Endorser Last Name,Endorser Public Url,Endorsement Status"
	headerEndorsementG = "Endorsement Date,Skill Name,Endorsee First Name,Endorsee Last Name,Endorsee Public Url,Endorsement Status"
	headerRecs         = "First Name,Last Name,Company,Job Title,Text,Creation Date,Status"
	headerProfile      = "First Name,Last Name,Maiden Name,Address,Birth Date,Headline,Summary,Industry,Zip Code,Geo Location,Twitter Handles,Websites,Instant Messengers"
	headerPositions    = "Company Name,Title,Description,Location,Started On,Finished On"
)

// Date layouts of FORMAT.md §3.
const (
	layoutConnected   = "02 Jan 2006"
	layoutMessage     = "2006-01-02 15:04:05 UTC"
	layoutInvitation  = "1/2/06, 3:04 PM"
	layoutEndorsement = "2006/01/02 15:04:05 UTC"
	layoutRec         = "01/02/06, 03:04 PM"
	layoutPosition    = "Jan 2006"
)

func utc(u int64) time.Time { return time.Unix(u, 0).UTC() }

// csvFile writes records with minimal RFC 4180 quoting: a field is quoted only when it holds
// a comma, a quote or a line break (encoding/csv would also quote a leading space).
type csvFile struct {
	w   *bufio.Writer
	buf []byte
	n   int // records written
}

func appendField(b []byte, s string) []byte {
	if !strings.ContainsAny(s, ",\"\r\n") {
		return append(b, s...)
	}
	b = append(b, '"')
	for i := 0; i < len(s); i++ {
		if s[i] == '"' {
			b = append(b, '"')
		}
		b = append(b, s[i])
	}
	return append(b, '"')
}

// record writes one line; every line but the first starts with the newline that ends the one
// before, so that the caller decides about the final newline.
func (f *csvFile) record(fields ...string) {
	f.buf = f.buf[:0]
	if f.n > 0 {
		f.buf = append(f.buf, '\n')
	}
	for i, s := range fields {
		if i > 0 {
			f.buf = append(f.buf, ',')
		}
		f.buf = appendField(f.buf, s)
	}
	f.w.Write(f.buf)
	f.n++
}

// pctEncode percent-encodes every byte outside the URL unreserved set, as Connections.csv
// writes non-ASCII slugs (zo%C3%AB-…).
func pctEncode(s string) string {
	const hexd = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' || c == '.' || c == '_' || c == '~' {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('%')
		b.WriteByte(hexd[c>>4])
		b.WriteByte(hexd[c&15])
	}
	return b.String()
}

// writeZip writes every file of the export, in a fixed order with fixed times.
func (g *gen) writeZip(w io.Writer, t *Truth) error {
	zw := zip.NewWriter(w)
	files := []struct {
		name  string
		write func(*bufio.Writer)
	}{
		{"Connections.csv", g.writeConnections},
		{"messages.csv", g.writeMessages},
		{"Invitations.csv", g.writeInvitations},
		{"Endorsement_Received_Info.csv", func(w *bufio.Writer) { g.writeEndorsements(w, headerEndorsementR, g.endorsementsReceived) }},
		{"Endorsement_Given_Info.csv", func(w *bufio.Writer) { g.writeEndorsements(w, headerEndorsementG, g.endorsementsGiven) }},
		{"Recommendations_Received.csv", func(w *bufio.Writer) { g.writeRecs(w, g.recsReceived, "VISIBLE") }},
		{"Recommendations_Given.csv", func(w *bufio.Writer) { g.writeRecs(w, g.recsGiven, "") }},
		{"Profile.csv", g.writeProfile},
		{"Positions.csv", g.writePositions},
		{"TRUTH.json", func(w *bufio.Writer) {
			enc := json.NewEncoder(w)
			enc.SetEscapeHTML(false)
			enc.SetIndent("", "  ")
			enc.Encode(t) // a plain struct of strings, ints and bools cannot fail to encode
		}},
	}
	for _, f := range files {
		fw, err := zw.CreateHeader(&zip.FileHeader{Name: f.name, Method: zip.Deflate, Modified: g.opt.ExportDate})
		if err != nil {
			return err
		}
		bw := bufio.NewWriterSize(fw, 1<<16)
		f.write(bw)
		if err := bw.Flush(); err != nil {
			return err
		}
	}
	return zw.Close()
}

// writeConnections writes the preamble, the header and the connections newest first, with
// the ghost rows among them and no final newline.
func (g *gen) writeConnections(w *bufio.Writer) {
	w.WriteString(connectionsPreamble)
	f := &csvFile{w: w}
	f.record(strings.Split(headerConnections, ",")...)
	type row struct {
		at int64
		p  int // -1 for a ghost row
	}
	var rows []row
	for i := range g.people {
		if g.people[i].connected {
			rows = append(rows, row{g.people[i].connectedOn, i})
		}
	}
	for _, d := range g.ghostDays {
		rows = append(rows, row{d, -1})
	}
	slices.SortStableFunc(rows, func(a, b row) int { return cmpInt64(b.at, a.at) })
	for _, r := range rows {
		date := utc(r.at).Format(layoutConnected)
		if r.p < 0 {
			f.record("", "", "", "", "", "", date)
			continue
		}
		p := &g.people[r.p]
		first, last := p.first, p.last
		if p.padFirst {
			first += " "
		}
		if p.padLast {
			last += " "
		}
		f.record(first, last, profilePrefix+pctEncode(p.slug), p.email, p.company, p.title, date)
	}
}

// who is the display name and profile URL of a sender or recipient.
func (g *gen) who(x int) (name, url string) {
	switch x {
	case fromOwner:
		return g.owner.name(), g.owner.url()
	case fromMember:
		return "LinkedIn Member", ""
	case fromSponsor:
		return "Riley from LinkedIn Premium", ""
	}
	return g.people[x].name(), g.people[x].url()
}

// writeMessages writes conversation after conversation, newest message first within each,
// with the drafts between conversations.
func (g *gen) writeMessages(w *bufio.Writer) {
	f := &csvFile{w: w}
	f.record(strings.Split(headerMessages, ",")...)
	draftAt := make([][]message, len(g.convs)+1)
	for k, d := range g.drafts {
		draftAt[g.draftPos[k]] = append(draftAt[g.draftPos[k]], d)
	}
	var names, urls []string
	writeDrafts := func(ds []message) {
		for _, d := range ds {
			name, url := g.who(d.from)
			f.record("", "", name, url, "", "", utc(d.at).Format(layoutMessage), "", d.text, "", "Yes", "No")
		}
	}
	for k, c := range g.convs {
		writeDrafts(draftAt[k])
		participants := append([]int{fromOwner}, c.members...)
		for j := len(c.msgs) - 1; j >= 0; j-- {
			m := c.msgs[j]
			names, urls = names[:0], urls[:0]
			if c.kind == memberConv || c.kind == sponsoredConv {
				n, u := g.who(fromOwner)
				names, urls = append(names, n), append(urls, u)
			} else {
				for _, x := range participants {
					if x != m.from {
						n, u := g.who(x)
						names, urls = append(names, n), append(urls, u)
					}
				}
			}
			from, fromURL := g.who(m.from)
			f.record(c.id, c.title, from, fromURL, strings.Join(names, ","), strings.Join(urls, ","),
				utc(m.at).Format(layoutMessage), c.subject, m.text, c.folder, "No", "No")
		}
	}
	writeDrafts(draftAt[len(g.convs)])
	w.WriteByte('\n')
}

// writeInvitations writes the outgoing block, then the incoming one.
func (g *gen) writeInvitations(w *bufio.Writer) {
	f := &csvFile{w: w}
	f.record(strings.Split(headerInvitations, ",")...)
	for _, inv := range g.invitations {
		p := &g.people[inv.person]
		at := utc(inv.at).Format(layoutInvitation)
		if inv.outgoing {
			f.record(g.owner.name(), p.name(), at, inv.text, "OUTGOING", g.owner.url(), p.url())
		} else {
			f.record(p.name(), g.owner.name(), at, inv.text, "INCOMING", p.url(), g.owner.url())
		}
	}
	w.WriteByte('\n')
}

// writeEndorsements writes one row per (person, skill); the public URL has no scheme.
func (g *gen) writeEndorsements(w *bufio.Writer, header string, es []endorsement) {
	f := &csvFile{w: w}
	f.record(strings.Split(header, ",")...)
	for _, e := range es {
		p := &g.people[e.person]
		f.record(utc(e.at).Format(layoutEndorsement), e.skill, p.first, p.last,
			"www.linkedin.com/in/"+p.slug, "ACCEPTED")
	}
	w.WriteByte('\n')
}

// writeRecs writes recommendations; Company is the person's Connections.csv company, byte
// for byte, because relmap joins these name-only rows on name and company.
func (g *gen) writeRecs(w *bufio.Writer, rs []recommendation, status string) {
	f := &csvFile{w: w}
	f.record(strings.Split(headerRecs, ",")...)
	for _, rc := range rs {
		p := &g.people[rc.person]
		f.record(p.first, p.last, p.company, p.title, rc.text, utc(rc.at).Format(layoutRec), status)
	}
	w.WriteByte('\n')
}

// writeProfile writes the owner's one row.
func (g *gen) writeProfile(w *bufio.Writer) {
	f := &csvFile{w: w}
	f.record(strings.Split(headerProfile, ",")...)
	o := &g.owner
	f.record(o.first, o.last, "", "", "Mar 5", o.title+" at "+g.ownerCompany,
		"I connect teams, clients and providers.  Fifteen years in partnerships and operations.",
		"Software Development", "", locations[0], "", "[COMPANY:https://www.example.com]", "")
	w.WriteByte('\n')
}

// writePositions writes the owner's current job and one or two earlier ones, newest first.
func (g *gen) writePositions(w *bufio.Writer) {
	f := &csvFile{w: w}
	f.record(strings.Split(headerPositions, ",")...)
	y := g.opt.ExportDate.Year()
	month := func(yy int, m time.Month) string {
		return time.Date(yy, m, 1, 0, 0, 0, 0, time.UTC).Format(layoutPosition)
	}
	f.record(g.ownerCompany, g.owner.title, "Partnerships with clients and providers.  • Steering group member", locations[0], month(y-3, time.September), "")
	f.record(g.past[0], "Partnership Lead", "Vendor and client programmes.", locations[1], month(y-7, time.February), month(y-3, time.August))
	if len(g.past) > 1 {
		f.record(g.past[1], "Business Analyst", "", locations[2], month(y-11, time.October), month(y-7, time.January))
	}
	w.WriteByte('\n')
}
