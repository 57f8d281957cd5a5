// Package importers reads the exports people already have — the LinkedIn data export,
// generic CSV (people, interactions, ties, annotations), folded pairs (pairs.csv), contact
// lists (vCard, Google and Outlook CSV), calendars (iCalendar, Outlook CSV), mbox mail and
// Excel workbooks — into a Dataset: resolved people, interactions and structural ties, with a
// record of what was read, what was skipped and what was not read at all. It never opens
// files itself: callers hand it file systems.
//
// Where things are: formats.go is the table of every kind of file relmap reads (its name, the
// header signatures and file names that find it, how it is read); load.go walks the sources and
// hands each file to its reader, a delimited file opened as a csvtable.Table (the sub-package
// csvtable decodes it, finds its header and splits its records, with their physical lines);
// one file per reader (linkedin.go and messages.go, generic.go, pairs.go, contacts.go,
// calendars.go, mail.go) adds what the rows say to the loader's evidence (evidence.go), rows of
// fixed columns mapped onto structs by csvtable.EachRow; build.go resolves people and assembles
// the Dataset; stream.go feeds the same readers to `relmap fold`, which keeps nothing.
package importers

import (
	"time"

	"github.com/relmap/relmap/fold"
	"github.com/relmap/relmap/importers/csvtable"
)

// RowError reports a problem with one field of one row of an input file: `file:line: column:
// problem`. csvtable makes one for each record of a table it cannot read; the readers make
// them for the fields they cannot use, and for the messages, meetings and cards they skip.
type RowError = csvtable.RowError

// Dataset is everything read from the sources, with people resolved across files (SPEC §2.6).
type Dataset struct {
	Ego          int            // index into People of the exporting owner
	OwnerCompany string         // company of the owner's current position, if known
	AsOf         time.Time      // reference day, midnight UTC (SPEC §2.5)
	AsOfFrom     string         // where AsOf came from: "flag", "export name" or "newest evidence"
	TZ           *time.Location // where days begin and end; nil is UTC
	People       []Person       // sorted by ID
	Interactions []Interaction
	// Units are interactions already folded (a pairs file, SPEC §7): A and B index People;
	// Conv and Channel index UnitNames.
	Units     []fold.Unit
	UnitNames []string
	Ties      []Tie
	Coverage  Coverage
	Problems  []error // rows or files skipped as unreadable: *RowError or a file-level error
}

// Person is one resolved person.
type Person struct {
	ID        string // short hash of the strongest key: URL, else e-mail, else name + company
	Name      string
	URL       string // normalised profile URL (FORMAT.md §4), without scheme
	Email     string // lower-cased
	Company   string
	Title     string
	Connected bool     // a row of Connections.csv
	Keys      []string // every e-mail, profile URL and people-file id that names them, sorted
	// Key is the person's own key in the inputs, for joining relmap's outputs back to them
	// (SPEC §4): a people file's id as written, else the e-mail, else the profile URL; empty
	// when none.
	Key string

	Team       string // from a people file
	Department string
	Declared   Declared // the user's own judgement (annotations, a people file's category)
}

// Declared is what the user said about a person: it always wins over inferred values
// (SPEC §2.2). Unset numbers are NaN.
type Declared struct {
	Status       float64 // [-1,1]
	Influence    float64 // [0,1]
	Category     string
	Team         string // "yes", "no" or empty
	TargetStatus float64
	Ignore       bool
	Note         string // kept out of every shareable output
}

// Interaction is one message (later: mail, meeting, call) between people.
type Interaction struct {
	Time         time.Time
	From         int   // index into People
	To           []int // indexes into People, without the sender, sorted, unique
	Conversation string
	Channel      string  // message, email, meeting, chat, call…; "message" for LinkedIn
	Weight       float64 // multiplies the channel's base; 1 unless a source says otherwise
	Sentiment    float64 // [-1,1]; NaN when the source gives none
	DurationMin  float64 // minutes; 0 when unknown
}

// TieKind says what evidence a Tie is.
type TieKind int

// The kinds of structural and one-off evidence between two people.
const (
	Connection     TieKind = iota // a LinkedIn connection: structural
	Invitation                    // an invitation From → To; accepted when both are connected
	Endorsement                   // From endorsed To (one per skill)
	Recommendation                // From recommended To
	DeclaredTie                   // a tie from a ties file, with its own weight
	Manager                       // From is To's manager (a people file's manager column)
)

func (k TieKind) String() string {
	switch k {
	case Connection:
		return "connection"
	case Invitation:
		return "invitation"
	case Endorsement:
		return "endorsement"
	case Recommendation:
		return "recommendation"
	case DeclaredTie:
		return "declared"
	case Manager:
		return "manager"
	}
	return "unknown"
}

// Tie is one piece of evidence between two people other than an interaction.
type Tie struct {
	Kind   TieKind
	From   int // index into People; for symmetric kinds the order carries no meaning
	To     int
	Time   time.Time // when it happened; zero when unknown
	Weight float64   // a declared tie's weight; 0 means the kind's default
}

// Coverage records what was read, merged and skipped, for the report (SPEC §3.5).
type Coverage struct {
	Files          []FileCoverage
	PeopleMerged   int       // joins across files: per person, the kinds of file naming them beyond the first
	NamesAmbiguous []string  // normalised names shared by people that were kept apart
	AfterAsOf      int       // evidence dated after the as-of day, ignored
	Broadcasts     int       // messages with more participants than the model's bound (20 by default), ignored for ties
	Duplicates     int       // events seen twice (same participants, minute and channel), counted once
	EmailsAdded    int       // e-mails given to people from the address book (Contacts.csv)
	FilesIgnored   int       // files of a LinkedIn export that relmap does not use (Reactions, Logins …)
	NotRead        []NotRead // files and folders given or found that were not read, each with its reason
	Undated        bool      // no dated evidence at all: time-based signals are off (SPEC §2.5)
	// NotText counts the distinct ways a file named a person (name, e-mail, URL, company,
	// title, team …) in which what is not text — bytes that are not UTF-8, unpaired
	// surrogates, non-characters such as U+FFFE and U+FFFF — was replaced by U+FFFD.
	NotText int
}

// FromLinkedIn reports whether any file read was one of a LinkedIn export's own.
func (c *Coverage) FromLinkedIn() bool {
	for _, f := range c.Files {
		if isLinkedIn(f.Kind) {
			return true
		}
	}
	return false
}

// NotRead is a file or folder relmap did not read, and why: no input is ever dropped silently.
type NotRead struct {
	Name   string // as coverage names files; a folder ends in "/"
	Reason string
}

// FileCoverage is the account of one input file.
type FileCoverage struct {
	Name     string         // source-qualified name, e.g. "export.zip:messages.csv"
	Source   string         // the Source.Name it came from
	Kind     string         // what the file was read as, e.g. "connections"
	Encoding string         // how it was decoded, e.g. "UTF-8 with BOM"
	Rows     int            // data rows read (header and preamble excluded)
	Used     int            // rows that became evidence
	Skipped  map[string]int // rows skipped, by reason
}
