package importers

import (
	"slices"
	"strings"

	"github.com/relmap/relmap/importers/csvtable"
)

// sponsored reports whether a message is LinkedIn's own or an advertiser's mail.
func sponsored(r *messageRow) bool {
	return strings.Contains(r.Content, "%FIRSTNAME%") || strings.Contains(r.Content, "spinmail-quill-editor")
}

func (l *loader) message(t *csvtable.Table, mf *messageFile, line int, r *messageRow, fc *FileCoverage) {
	fc.Rows++
	from := strings.TrimSpace(r.From)
	switch {
	case strings.EqualFold(strings.TrimSpace(r.Draft), "yes"),
		r.Conversation == "" && strings.TrimSpace(r.To) == "" && r.Folder == "" && mf.conversation:
		fc.Skipped[skipDraft]++
		return
	case from == "":
		fc.Skipped[skipSystem]++
		return
	case strings.EqualFold(from, "LinkedIn Member") && strings.TrimSpace(r.FromURL) == "":
		fc.Skipped[skipMember]++
		return
	case mf.senderURL && strings.TrimSpace(r.FromURL) == "", sponsored(r):
		fc.Skipped[skipSponsored]++
		return
	}
	at, ok := l.date(t, line, "date", r.Date, fc)
	if !ok {
		return
	}
	l.sawDate(at)
	conv := mf.conversationID(r.Conversation)
	sender := l.sender(mf, r.FromURL, from)
	set := mf.recipients(r.To, r.ToURLs)
	switch strings.ToUpper(strings.TrimSpace(r.Direction)) {
	case "OUTGOING":
		l.ownerNames[from]++
	case "INCOMING":
		for _, n := range set.names {
			l.ownerNames[n]++
		}
	}
	ev := rawEvent{t: at, conversation: conv, file: len(l.files), from: sender.handle}
	if set.handles == nil {
		l.resolveRecipients(mf, set)
	} else {
		for _, p := range set.parties {
			p.n++
		}
	}
	if len(set.handles) == 0 {
		fc.Skipped[skipNoPerson]++
		return
	}
	ev.to = mf.ints(set.handles)
	l.countNames(from, sender, set)
	fc.Used++
	if l.msgRepeats.let(ev.file, len(l.events)+mf.events.n, func(b []byte) []byte {
		return appendEventKey(b, ev.t, ev.channel, ev.from, ev.to)
	}, l.eventKeyOf) {
		return
	}
	mf.events.add(ev)
}

// resolveRecipients works out who a message's recipients are, when their cells are first
// read: in the order the loader first meets them, as participants when the file gives their
// URLs.
func (l *loader) resolveRecipients(mf *messageFile, set *recipientSet) {
	set.handles = []int{}
	if mf.recipientURLs {
		// The file gives recipients' URLs: one without a URL is a company page, a system
		// recipient or a hidden member, never a person (FORMAT.md §4.5).
		for i, u := range set.urls {
			name := ""
			if len(set.kept) == len(set.urls) {
				name = set.kept[i]
			}
			p := l.participant(u, name)
			set.parties = append(set.parties, p)
			set.handles = append(set.handles, p.handle)
		}
		return
	}
	for _, n := range set.kept {
		if !strings.EqualFold(n, "LinkedIn Member") {
			set.handles = append(set.handles, l.res.add(mention{name: n, src: fromMessages}))
		}
	}
}

// participant counts a message participant's URL, the evidence for the owner when there are
// no invitations, and returns them with the handle of their mention. Counts are kept per
// distinct (URL, name) as read and added to participantURLs by flush.
func (l *loader) participant(url, name string) *party {
	if p, ok := l.parties[[2]string{url, name}]; ok {
		p.n++
		return p
	}
	u := l.res.url(url)
	if _, ok := l.urlNames[u]; !ok && name != "" {
		l.urlNames[u] = strings.Clone(name)
	}
	url, name = strings.Clone(url), strings.Clone(name)
	p := &party{rawURL: url, rawName: name, url: u, n: 1, handle: l.res.add(mention{name: name, url: url, src: fromMessages})}
	l.parties[[2]string{url, name}] = p
	l.partyList = append(l.partyList, p)
	return p
}

// countNames counts the names of one message's participants, its sender and then its
// recipients, each once; the counts are added to participantNames by flush.
func (l *loader) countNames(from string, sender *party, set *recipientSet) {
	if !sender.named {
		sender.name, sender.named = l.nameCountOf(from), true
	}
	if set.counts == nil {
		set.counts = []*nameCount{}
		for _, n := range set.kept {
			set.counts = append(set.counts, l.nameCountOf(n))
		}
	}
	seen := append(l.seenNames[:0], sender.name)
	for _, c := range set.counts {
		if !slices.Contains(seen, c) {
			seen = append(seen, c)
		}
	}
	for _, c := range seen {
		if c != nil {
			c.n++
		}
	}
	clear(seen)
	l.seenNames = seen[:0]
}

// nameCountOf is the count of a participant name's normalised form, nil for a name that
// normalises to nothing. The first spelling met of a form is the one displayed.
func (l *loader) nameCountOf(n string) *nameCount {
	if c, ok := l.nameCounts[n]; ok {
		return c
	}
	var c *nameCount
	if k := l.res.name(n); k != "" {
		if _, ok := l.nameDisplay[k]; !ok {
			l.nameDisplay[k] = strings.Clone(strings.TrimSpace(n))
		}
		if c = l.nameCount[k]; c == nil {
			c = &nameCount{name: k}
			l.nameCount[k] = c
			l.nameList = append(l.nameList, c)
		}
	}
	l.nameCounts[strings.Clone(n)] = c
	return c
}

// flush adds what a messages file counted to participantURLs and participantNames, and its
// events to l.events.
func (l *loader) flush(mf *messageFile) {
	for _, p := range l.partyList {
		if p.n > 0 {
			l.participantURLs[p.url] += p.n
			p.n = 0
		}
	}
	for _, c := range l.nameList {
		if c.n > 0 {
			l.participantNames[c.name] += c.n
			c.n = 0
		}
	}
	l.events = mf.events.appendTo(l.events)
}

// splitRecipients splits a TO cell on commas not followed by a space: names may themselves
// hold ", " ("Ines Varga, PhD") but recipients are joined by a bare comma (FORMAT.md §2.2).
func splitRecipients(s string) []string {
	var out []string
	start := 0
	for i := 0; i < len(s); i++ {
		if s[i] == ',' && (i+1 == len(s) || s[i+1] != ' ') {
			if n := strings.TrimSpace(s[start:i]); n != "" {
				out = append(out, n)
			}
			start = i + 1
		}
	}
	if n := strings.TrimSpace(s[start:]); n != "" {
		out = append(out, n)
	}
	return out
}

func splitURLs(s string) []string {
	var out []string
	for _, u := range strings.Split(s, ",") {
		if u = strings.TrimSpace(u); u != "" {
			out = append(out, u)
		}
	}
	return out
}
