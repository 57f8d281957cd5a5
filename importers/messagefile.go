package importers

import (
	"strings"
)

// A heavy export holds hundreds of thousands of messages among a few thousand people: the
// same senders, recipients and conversations row after row. What reading a messages file
// works out for a cell is kept here, keyed by the cell as read, so that each distinct cell
// costs its work once and the rows after it cost a lookup.

// messageFile is what reading one messages file remembers from row to row.
type messageFile struct {
	conversation, senderURL, recipientURLs bool // the file has these columns

	sets     map[[2]string]*recipientSet // TO, RECIPIENT PROFILE URLS → what they say
	lastConv string                      // the conversation id of the last row, stored
	convs    map[string]string           // conversation ids, each stored once
	arena    []int                       // where events' recipient handles are carved from
	events   blocks[rawEvent]            // a file's events, copied once into l.events

	// The recipients and senders of the conversation being read: its messages come one
	// after another, and among a handful of people, so these find them without hashing
	// the long cells.
	recentSets    []*recipientSet
	recentParties []*party
}

// maxRecent bounds the recipients and senders remembered of one conversation.
const maxRecent = 16

// recipientSet is what a message's TO and RECIPIENT PROFILE URLS cells say.
type recipientSet struct {
	to, toURLs string // the cells, as read

	names []string // TO, split (splitRecipients)
	urls  []string // RECIPIENT PROFILE URLS, split (splitURLs)
	kept  []string // names, without the LinkedIn Members when they cannot pair with urls

	// Set when the first message with these cells is read (nil before).
	handles []int        // the recipients' mention handles
	parties []*party     // the recipients as participants, when the file gives their URLs
	counts  []*nameCount // kept's name counts
}

// recipients splits a message's recipient cells, once for each distinct pair of them.
func (mf *messageFile) recipients(to, urls string) *recipientSet {
	for _, set := range mf.recentSets {
		if set.to == to && set.toURLs == urls {
			return set
		}
	}
	set := mf.lookupRecipients(to, urls)
	if len(mf.recentSets) < maxRecent {
		mf.recentSets = append(mf.recentSets, set)
	}
	return set
}

func (mf *messageFile) lookupRecipients(to, urls string) *recipientSet {
	if set, ok := mf.sets[[2]string{to, urls}]; ok {
		return set
	}
	to, urls = strings.Clone(to), strings.Clone(urls)
	set := &recipientSet{to: to, toURLs: urls, names: splitRecipients(to), urls: splitURLs(urls)}
	set.kept = set.names
	if len(set.urls) > 0 && len(set.names) != len(set.urls) {
		// Recipients without a profile (LinkedIn Member) have a name but no URL.
		set.kept = nil
		for _, n := range set.names {
			if !strings.EqualFold(n, "LinkedIn Member") {
				set.kept = append(set.kept, n)
			}
		}
	}
	if mf.sets == nil {
		mf.sets = map[[2]string]*recipientSet{}
	}
	mf.sets[[2]string{to, urls}] = set
	return set
}

// conversationID is a message's conversation id, stored once however many messages share it
// (they come one after another).
func (mf *messageFile) conversationID(id string) string {
	if id == mf.lastConv {
		return mf.lastConv
	}
	clear(mf.recentSets)
	clear(mf.recentParties)
	mf.recentSets, mf.recentParties = mf.recentSets[:0], mf.recentParties[:0]
	c, ok := mf.convs[id]
	if !ok {
		c = strings.Clone(id)
		if mf.convs == nil {
			mf.convs = map[string]string{}
		}
		mf.convs[c] = c
	}
	mf.lastConv = c
	return c
}

// ints returns a copy of xs carved from a shared block: one allocation for thousands of
// events' recipients. The copy's capacity is its length, so appending to it copies it.
func (mf *messageFile) ints(xs []int) []int {
	if len(mf.arena)+len(xs) > cap(mf.arena) {
		mf.arena = make([]int, 0, max(4096, len(xs)))
	}
	n := len(mf.arena)
	mf.arena = append(mf.arena, xs...)
	return mf.arena[n:len(mf.arena):len(mf.arena)]
}

// party is a message participant as read: a profile URL and a name.
type party struct {
	rawURL, rawName string // as read

	url    string // normalised
	n      int    // messages not yet counted in participantURLs
	handle int    // of the mention

	name  *nameCount // of the name, as a sender
	named bool       // name is set
}

// sender is participant for a message's sender, looked for first among the conversation's.
func (l *loader) sender(mf *messageFile, url, name string) *party {
	for _, p := range mf.recentParties {
		if p.rawURL == url && p.rawName == name {
			p.n++
			return p
		}
	}
	p := l.participant(url, name)
	if len(mf.recentParties) < maxRecent {
		mf.recentParties = append(mf.recentParties, p)
	}
	return p
}

// nameCount is the messages a normalised participant name is in, not yet counted in
// participantNames.
type nameCount struct {
	name string
	n    int
}
