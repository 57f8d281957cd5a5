package importers

import (
	"time"

	"github.com/relmap/relmap/fold"
)

// evidence is what the rows say, before people are resolved.
type evidence struct {
	events      []rawEvent // LinkedIn messages, mail and meetings
	ties        []rawTie   // connections, invitations, endorsements, recommendations
	gevents     blocks[genericEvent]
	gto         []int32 // generic events' recipients, key numbers (genericEvent.toEnd)
	gties       []genericTie
	annotations []annotation
	contacts    []contact
	pairs       blocks[fold.Unit] // pairs files' units: A, B key numbers (keyID), Conv and Channel in pairNames
	pairNames   fold.Names

	exportDate     time.Time // the newest date in an export's name
	newestEvidence time.Time
}

// contact is one address-book entry, used to enrich people with e-mails, never to add people.
type contact struct {
	name, company, title string
	emails               []string
}

// rawEvent is a message or other dated evidence before people are resolved.
type rawEvent struct {
	t            time.Time
	from         int   // mention handle
	to           []int // mention handles
	conversation string
	file         int // index of the file it was read from

	channel           string // "" means a LinkedIn message
	weight, sentiment float64
	duration          float64
}

type rawTie struct {
	kind     TieKind
	from, to int // mention handles; -1 is the owner
	t        time.Time
	weight   float64
	file     int // index of the file it was read from
}

// sawDate keeps the newest date any evidence carries (the as-of day when nothing else gives one).
func (l *loader) sawDate(t time.Time) {
	if t.After(l.newestEvidence) {
		l.newestEvidence = t
	}
}

// genericEvent is an interaction before its keys are resolved. Its keys are numbers
// (loader.keyID) and its strings its own (never slices of the row read), so that millions of
// rows cost little more than their keys.
type genericEvent struct {
	t                 time.Time
	from              int32  // key number
	toEnd             int32  // its recipients' key numbers are loader.gto[the previous event's toEnd:toEnd]
	channel, conv     string // channel interned
	weight, sentiment float64
	duration          float64
	file              int
}

type genericTie struct {
	kind   TieKind
	a, b   string
	weight float64
	t      time.Time
}

type annotation struct {
	key  string
	d    Declared
	file string
	line int
}
