package importers

import (
	"archive/zip"
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"github.com/relmap/relmap/fold"
	"io"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"sort"
	"strings"
	"time"
)

// fileKind is what a LinkedIn export file is read as.
type fileKind int

const (
	kindNone fileKind = iota
	kindConnections
	kindMessages
	kindInvitations
	kindEndorsementsReceived
	kindEndorsementsGiven
	kindRecommendationsReceived
	kindRecommendationsGiven
	kindProfile
	kindPositions
	kindContacts
)

var kindNames = map[fileKind]string{
	kindConnections:             "connections",
	kindMessages:                "messages",
	kindInvitations:             "invitations",
	kindEndorsementsReceived:    "endorsements received",
	kindEndorsementsGiven:       "endorsements given",
	kindRecommendationsReceived: "recommendations received",
	kindRecommendationsGiven:    "recommendations given",
	kindProfile:                 "profile",
	kindPositions:               "positions",
	kindContacts:                "contacts",
	kindPeople:                  "people",
	kindInteractions:            "interactions",
	kindTies:                    "ties",
	kindAnnotations:             "annotations",
	kindPairs:                   "pairs",
	kindGoogleContacts:          "google contacts",
	kindOutlookContacts:         "outlook contacts",
	kindMbox:                    "mbox",
	kindICS:                     "calendar",
	kindVCard:                   "vcard",
	kindOutlookCalendar:         "outlook calendar",
}

// signatures name the columns a header must carry to be read as a kind (FORMAT.md §2). The
// first match wins, so the more specific come first.
type signature struct {
	kind fileKind
	cols []string
}

var signatures = []signature{
	{kindConnections, []string{"first name", "last name", "connected on"}},
	{kindInvitations, []string{"from", "to", "sent at", "direction"}},
	{kindMessages, []string{"from", "to", "date", "content"}},
	{kindEndorsementsReceived, []string{"endorsement date", "skill name", "endorser first name", "endorser last name"}},
	{kindEndorsementsGiven, []string{"endorsement date", "skill name", "endorsee first name", "endorsee last name"}},
	{kindRecommendationsReceived, []string{"first name", "last name", "company", "job title", "text", "creation date"}},
	{kindProfile, []string{"first name", "last name", "headline"}},
	{kindPositions, []string{"company name", "title", "started on", "finished on"}},
	{kindContacts, []string{"firstname", "lastname", "emails"}},                       // Contacts.csv (2022 →)
	{kindContacts, []string{"first name", "last name", "companies", "email address"}}, // Imported Contacts.csv (2018)
	// Address books (contacts.go).
	{kindGoogleContacts, []string{"first name", "last name", "e-mail 1 - value"}},           // Google CSV (2024 →)
	{kindGoogleContacts, []string{"name", "given name", "family name", "e-mail 1 - value"}}, // Google CSV (legacy)
	{kindOutlookContacts, []string{"first name", "last name", "e-mail address", "company"}},
	{kindOutlookContacts, []string{"vorname", "nachname", "e-mail-adresse"}}, // Outlook, German
	// Outlook's calendar export is a CSV: found by its header, read by the calendar package.
	{kindOutlookCalendar, []string{"subject", "start date", "start time", "required attendees"}},
}

// knownNames maps a normalised base name (lower case, spaces as "_", split suffix dropped) to
// the kind expected in it, so a known file whose header cannot be found is an error, not
// silence.
var knownNames = map[string]fileKind{
	"connections":               kindConnections,
	"messages":                  kindMessages,
	"invitations":               kindInvitations,
	"endorsement_received_info": kindEndorsementsReceived,
	"endorsement_given_info":    kindEndorsementsGiven,
	"recommendations_received":  kindRecommendationsReceived,
	"recommendations_given":     kindRecommendationsGiven,
	"profile":                   kindProfile,
	"positions":                 kindPositions,
	"contacts":                  kindContacts,
	"imported_contacts":         kindContacts,
	"inbox":                     kindMessages,
	"endorsement_received":      kindEndorsementsReceived,
}

var splitSuffix = regexp.MustCompile(`_\d+$`)

// linkedInUnused are the LinkedIn export's files relmap has no use for (FORMAT.md §1, §2.8–§2.13),
// by normalised base name: never an error, counted in coverage.
var linkedInUnused = set("ad_targeting", "ads_clicked", "account_status_history", "articles", "certifications",
	"coach_messages", "comments", "company_follows", "courses", "education", "email_addresses", "events",
	"guide_messages", "hashtag_follows", "honors", "inferences_about_you", "instantreposts", "job_applicant_saved_answers",
	"job_applicant_saved_screening_question_responses", "job_applications", "job_seeker_preferences", "languages",
	"learning", "learning_coach_messages", "learning_role_play_messages", "learningcoachmessages", "logins",
	"member_follows", "member_hashtags", "organizations", "patents", "phone_numbers", "phonenumbers",
	"private_identity_asset", "profile_summary", "projects", "publications", "reactions", "receipts", "receipts_v2",
	"registration", "reviews", "rich_media", "saved_items", "saved_jobs", "savedjobalerts", "search_queries",
	"searchqueries", "security_challenges", "shares", "skills", "testscores", "verifications", "volunteering",
	"votes", "whatsapp_phone_numbers")

// baseName normalises a file name as FORMAT.md §9.1 says.
func baseName(p string) string {
	b := strings.ToLower(path.Base(p))
	b = strings.TrimSuffix(b, path.Ext(b))
	b = strings.ReplaceAll(b, " ", "_")
	return splitSuffix.ReplaceAllString(b, "")
}

func matchHeader(h []string) (fileKind, bool) {
	for _, s := range signatures {
		if hasAll(h, s.cols) {
			return s.kind, true
		}
	}
	return kindNone, false
}

func hasAll(h, cols []string) bool {
	for _, c := range cols {
		found := false
		for _, x := range h {
			if x == c {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

// Rows of the LinkedIn files, mapped by gocsv from canonical header names.
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

// contact is one address-book entry, used to enrich people with e-mails, never to add people.
type contact struct {
	name, company, title string
	emails               []string
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

// loader gathers the rows of every file before people are resolved.
type loader struct {
	res      *resolver
	files    []FileCoverage
	problems []error

	events []rawEvent
	ties   []rawTie

	ownerURLs        map[string]int    // owner profile URL evidence, from Invitations
	participantNames map[string]int    // normalised names of message participants, counted once a message
	nameDisplay      map[string]string // a display form of each normalised participant name
	unknown          []string          // CSV files of the source being read whose header matched no kind
	ignored          int               // unknown CSV files of LinkedIn exports, not used
	notRead          []NotRead         // files and folders not read, with the reason (Coverage.NotRead)
	sources          []string          // the sources' names, as given
	ids              map[string]int    // generic people files: id column → mention handle
	gevents          blocks[genericEvent]
	gto              []int32           // generic events' recipients, key numbers (genericEvent.toEnd)
	keyNums          map[string]int32  // a generic file's key → its number (keyID)
	keys             []string          // by number
	strs             map[string]string // strings kept once however many rows repeat them (intern)
	gties            []genericTie
	annotations      []annotation
	ownerNames       map[string]int // owner name evidence, from the Direction of old messages
	contacts         []contact
	participantURLs  map[string]int    // message senders and recipients: the owner is in every message
	urlNames         map[string]string // a display name seen with each message participant's URL
	profileName      string
	inviteName       string
	ownerCompany     string
	ownerTitle       string
	exportDate       time.Time
	newestEvidence   time.Time

	parties    map[[2]string]*party  // message participants as read: URL, name
	partyList  []*party              // parties, in the order first read
	nameCounts map[string]*nameCount // participant names as read → their count; nil for no name
	nameCount  map[string]*nameCount // normalised participant names → their count
	nameList   []*nameCount          // nameCount, in the order first read
	seenNames  []*nameCount          // countNames' scratch
	dates      map[string]time.Time  // parseDate's answers

	tz        *time.Location    // where days begin and end (Options.TZ)
	pairs     blocks[fold.Unit] // pairs files' units: A, B key numbers (keyID), Conv and Channel in pairNames
	pairNames fold.Names

	budget *heapBudget // Options.MaxHeap; nil: no bound

	msgRepeats repeats // l.events read again in later files, let go
	genRepeats repeats // l.gevents read again in later files, let go

	raw      func(RawInteraction) // ReadInteractions: each interaction row as written, kept nowhere
	rawOpt   Options
	rawAfter int
}

// exportName matches the date in an export's name: …_MM-DD-YYYY (SPEC §2.5).
var exportName = regexp.MustCompile(`(\d{2})-(\d{2})-(\d{4})`)

// Options tune Load.
type Options struct {
	AsOf time.Time      // the reference day; zero means from the export name, else the newest evidence
	Me   string         // the ego as an id, e-mail, profile URL or name; empty means the export's owner
	TZ   *time.Location // where days begin and end (--tz); nil is UTC

	// NoOwner allows a dataset with no one person at its centre (Dataset.Ego is -1): an
	// organisation's data mapped around its teams (--ego team:NAME).
	NoOwner bool

	// Aliases fold spellings of one organisation together: a company's name → other spellings
	// of it (SPEC §2.7). They count when people are merged by name and company.
	Aliases map[string][]string

	// IDToken, when set, is how a pseudonymized run writes a person's id: an annotation may
	// name a person by that token too, so a template made from such a run reaches its people.
	IDToken func(id string) string

	// Progress, when set, is called with each file's name (as coverage names it) before the
	// file is read: for a progress display.
	Progress func(file string)

	// MaxHeap, when set, bounds the live heap (bytes) while the inputs are read: past it Load
	// stops with a *MemoryError instead of holding more (limits.memory).
	MaxHeap uint64
}

// Load reads every source into one Dataset: files recognised by header (then by name) at any
// depth, rows mapped by column name, export noise skipped and counted, people resolved across
// files (SPEC §2.6), the owner found (FORMAT.md §4) and evidence after the as-of day dropped.
// Problems with single rows are collected in Dataset.Problems; only a source that cannot be
// read at all is an error.
func Load(srcs []Source, opt Options) (*Dataset, error) {
	l := newLoader(opt)
	for _, src := range srcs {
		l.sources = append(l.sources, src.Name)
		l.exportDay(path.Base(src.Name))
		if err := l.readSource(src, opt.Progress); err != nil {
			return nil, err
		}
	}
	return l.build(opt)
}

func newLoader(opt Options) *loader {
	l := &loader{res: newResolver(opt.Aliases), ownerURLs: map[string]int{}, participantURLs: map[string]int{}, urlNames: map[string]string{}, ownerNames: map[string]int{}, participantNames: map[string]int{}, nameDisplay: map[string]string{}, ids: map[string]int{},
		parties: map[[2]string]*party{}, nameCounts: map[string]*nameCount{}, nameCount: map[string]*nameCount{}}
	l.tz = opt.TZ
	l.budget = newHeapBudget(opt.MaxHeap)
	return l
}

func (l *loader) readSource(src Source, progress func(string)) error {
	nameOf := func(p string) string {
		switch {
		case src.Name == "" || src.Name == ".":
			return p
		case p == ".":
			return src.Name
		case path.Base(src.Name) == p:
			return src.Name // a single file, named as the user typed it
		}
		return src.Name + ":" + p
	}
	var paths []string
	var others []NotRead // files of no kind relmap reads: named, or counted in a LinkedIn export
	err := fs.WalkDir(src.FS, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == "." {
				return err
			}
			l.problems = append(l.problems, fmt.Errorf("%s:%s: %w", src.Name, p, err))
			return nil
		}
		if why, ok := src.Skip[p]; ok {
			if why != "" { // "" is a file read as an input of its own
				l.notRead = append(l.notRead, NotRead{Name: nameOf(p) + dirSlash(d), Reason: why})
			}
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			// relmap never reads its own outputs (SPEC §2.5a): a second run inside an export
			// folder must not take the first run's ranked.csv for the user's annotations.
			if ownOutput(src.FS, p) {
				l.notRead = append(l.notRead, NotRead{Name: nameOf(p) + "/", Reason: reasonOwnOutput})
				return fs.SkipDir
			}
			if p != "." {
				if systemFile(d.Name()) {
					l.notRead = append(l.notRead, NotRead{Name: nameOf(p) + "/", Reason: reasonSystem})
					return fs.SkipDir
				}
				// An export folder inside the zip or folder names the export's date too (SPEC §2.5).
				l.exportDay(path.Base(p))
			}
			return nil
		}
		switch why := unreadable(p, d); {
		case src.Kind != "" && d.Type().IsRegular():
			paths = append(paths, p) // a file forced to a kind is read whatever its name (part-00000 of a Spark job)
		case why == "":
			paths = append(paths, p)
		default:
			others = append(others, NotRead{Name: nameOf(p), Reason: why})
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("%s: %w", src.Name, err)
	}
	sort.Strings(paths)
	l.unknown = nil
	before := len(l.files)
	for _, p := range paths {
		name := nameOf(p)
		if progress != nil {
			progress(name)
		}
		if l.budget != nil {
			l.budget.file = name
		}
		if err := l.readFile(src, p, name); err != nil {
			return err
		}
	}
	// A LinkedIn export holds dozens of files relmap does not use (Reactions, Logins …): beside
	// any file it reads as LinkedIn's, an unknown CSV is one of them. Anywhere else it is a file
	// the user meant relmap to read.
	linkedIn := false
	for _, f := range l.files[before:] {
		linkedIn = linkedIn || isLinkedIn(f.Kind)
	}
	for _, name := range l.unknown {
		if linkedIn {
			l.ignored++
			continue
		}
		l.problems = append(l.problems, fmt.Errorf("%s: its header matches no kind relmap reads (interactions need time, from, to; people one of id, email, profile_url, name; ties a, b; annotations a person key and status, influence, team …); force one with KIND=PATH or map the columns in the config", name))
	}
	l.notRead = append(l.notRead, others...)
	return nil
}

// utf16NoBOM reports whether the first bytes of a file look like UTF-16 text without a
// byte-order mark: one byte of each pair mostly NUL, the other mostly not.
func utf16NoBOM(b []byte) bool {
	if len(b) < 16 || bytes.HasPrefix(b, []byte{0xFF, 0xFE}) || bytes.HasPrefix(b, []byte{0xFE, 0xFF}) {
		return false
	}
	var zeros [2]int
	for i, c := range b {
		if c == 0 {
			zeros[i%2]++
		}
	}
	half := len(b) / 2
	return (zeros[0] > half*4/10 && zeros[1] < half/10) || (zeros[1] > half*4/10 && zeros[0] < half/10)
}

// rankedHeader reports whether a header is ranked.csv's (SPEC §4): its first stable columns.
func rankedHeader(h []string) bool {
	return hasAll(h, []string{"rank", "id", "importance", "status_label", "status_basis", "zone", "tier"})
}

// Reasons a file or folder is not read, as the summary and coverage give them.
const (
	reasonOwnOutput = "relmap's own output"
	reasonSystem    = "a hidden or system file"
	reasonNoKind    = "not a kind of file relmap reads"
	reasonLink      = "not a regular file"
)

func dirSlash(d fs.DirEntry) string {
	if d.IsDir() {
		return "/"
	}
	return ""
}

// ownOutput reports whether a folder is one relmap wrote (SPEC §2.5a): it holds history.db, a
// runs/ folder or a run.json.
func ownOutput(fsys fs.FS, dir string) bool {
	for _, name := range []string{"history.db", "run.json"} {
		if st, err := fs.Stat(fsys, path.Join(dir, name)); err == nil && st.Mode().IsRegular() {
			return true
		}
	}
	st, err := fs.Stat(fsys, path.Join(dir, "runs"))
	return err == nil && st.IsDir()
}

// systemFile reports whether a name is one an operating system leaves beside a user's files.
func systemFile(name string) bool {
	switch strings.ToLower(name) {
	case ".ds_store", "thumbs.db", "desktop.ini", "__macosx", ".git", ".localized", ".spotlight-v100", ".trashes":
		return true
	}
	// AppleDouble files, and hidden ones (.gitkeep); Office's lock files.
	return strings.HasPrefix(name, ".") || strings.HasPrefix(name, "~$")
}

// unreadable says why a file found in an input is not read, or "" when it is: CSV (and TSV)
// tables, Excel workbooks, mbox, iCalendar and vCard files.
func unreadable(p string, d fs.DirEntry) string {
	if !d.Type().IsRegular() {
		return reasonLink
	}
	if systemFile(path.Base(p)) {
		return reasonSystem
	}
	switch ext := strings.ToLower(path.Ext(p)); ext {
	case ".csv", ".tsv", ".xlsx":
		return ""
	case ".xls":
		return "an Excel 97–2003 workbook: save it as CSV or .xlsx"
	case ".xlsb", ".xlsm":
		return "an Excel binary or macro workbook: save it as CSV or .xlsx"
	case ".numbers":
		return "a Numbers spreadsheet: export it as CSV or .xlsx"
	case ".ods":
		return "an OpenDocument spreadsheet: save it as CSV or .xlsx"
	case ".zip":
		return "a zip inside an input: give it as an INPUT of its own"
	case ".pst", ".ost":
		return "an Outlook data file: export the mail as mbox and the calendar as .ics or CSV"
	case ".msg", ".eml":
		return "a single e-mail: give a mailbox (mbox) instead"
	}
	if otherKind(p) != kindNone {
		return ""
	}
	return reasonNoKind
}

// isLinkedIn reports whether a kind is one of the LinkedIn export's own files.
func isLinkedIn(kind string) bool {
	for k, n := range kindNames {
		if n == kind {
			return k < kindPeople
		}
	}
	return false
}

// exportDay takes the export's date from a zip's or folder's name: …_MM-DD-YYYY. A date that
// cannot be an export's (year 9999) is said, and the as-of falls to the newest evidence.
func (l *loader) exportDay(name string) {
	d, ok := ExportDate(name)
	if !ok && !d.IsZero() {
		l.problems = append(l.problems, fmt.Errorf("%s: the date in its name, %s, is not plausible (years 1990 to 2100): not taken as the as-of day", name, d.Format("01-02-2006")))
	}
	if ok && d.After(l.exportDate) {
		l.exportDate = d
	}
}

// ExportDate is the date in an export's name (…_MM-DD-YYYY, SPEC §2.5), if it has one and it
// is plausible (as evidence's dates are: years 1990 to 2100). An implausible one is returned
// with ok false.
func ExportDate(name string) (time.Time, bool) {
	m := exportName.FindStringSubmatch(name)
	if m == nil {
		return time.Time{}, false
	}
	d, err := time.Parse("01-02-2006", m[1]+"-"+m[2]+"-"+m[3])
	if err != nil {
		return time.Time{}, false
	}
	return d, plausible(d)
}

func (l *loader) readFile(src Source, p, name string) error {
	if k := otherKind(p); k != kindNone {
		return l.readOther(src, p, name, k)
	}
	f, err := src.FS.Open(p)
	if err != nil {
		l.problems = append(l.problems, fmt.Errorf("%s: %w", name, err)) // e.g. a duplicate zip entry
		return nil
	}
	defer f.Close()
	if strings.EqualFold(path.Ext(p), ".xlsx") {
		return l.readWorkbook(src, p, name, f)
	}
	return l.readTable(src, p, name, f)
}

// readWorkbook reads each sheet of an Excel workbook as the table it holds, named
// file.xlsx:Sheet (so that problems read file.xlsx:Sheet1:12: column: problem).
func (l *loader) readWorkbook(src Source, p, name string, r io.Reader) error {
	sheets, err := readWorkbook(r)
	if err != nil {
		l.problems = append(l.problems, fmt.Errorf("%s: %w", name, err))
		return nil
	}
	for _, sh := range sheets {
		if sh.rows == 0 {
			l.notRead = append(l.notRead, NotRead{Name: name + ":" + sh.name, Reason: "an empty sheet"})
			continue
		}
		if err := l.readTable(src, p, name+":"+sh.name, bytes.NewReader(sh.csv)); err != nil {
			return err
		}
	}
	return nil
}

// readTable reads one table (a CSV file, or a sheet of a workbook): its kind found by its
// header (or forced), its rows mapped and read.
func (l *loader) readTable(src Source, p, name string, f io.Reader) error {
	forced := kindNone
	if src.Kind != "" {
		k, ok := kindByName(src.Kind)
		if !ok {
			return fmt.Errorf("%s: unknown kind %q: want one of %s", name, src.Kind, strings.Join(GenericKinds, ", "))
		}
		forced = k
	}
	match := func(h []string) (fileKind, bool) {
		if forced != kindNone {
			if hasForced(genericHeader(h, src.Columns), forced) {
				return forced, true
			}
			return kindNone, false
		}
		if k, ok := matchHeader(h); ok {
			return k, true
		}
		if _, linkedIn := knownNames[baseName(p)]; linkedIn {
			return kindNone, false // a LinkedIn file's name: its own columns or an error
		}
		return matchGeneric(genericHeader(h, src.Columns))
	}
	br := bufio.NewReader(f)
	head, _ := br.Peek(512)
	if utf16NoBOM(head) {
		// Before any header is looked for: with its NUL bytes gone (canonicalHeader) such a
		// header would match, and every field after it read as garbage.
		l.problems = append(l.problems, fmt.Errorf("%s: looks like UTF-16 text without a byte-order mark, which cannot be read reliably: save it again as CSV UTF-8 (in Excel: Save As → CSV UTF-8)", name))
		return nil
	}
	t, kind, err := openTable(name, br, match)
	if errors.Is(err, errNoHeader) {
		switch want, ok := knownNames[baseName(p)]; {
		case forced != kindNone:
			l.problems = append(l.problems, fmt.Errorf("%s: no header with the columns of %s (%s) in the first %d records", name, src.Kind, strings.Join(forcedColumns(forced), ", "), headerWindow))
		case ok:
			l.problems = append(l.problems, fmt.Errorf("%s: no header with the columns of %s (%s) in the first %d records", name, kindNames[want], strings.Join(signatureOf(want), ", "), headerWindow))
		case linkedInUnused[baseName(p)]:
			l.ignored++
		default:
			l.unknown = append(l.unknown, name) // reported or counted once the source is read
		}
		return nil
	}
	if err != nil {
		l.problems = append(l.problems, corrupt(name, err))
		return nil
	}
	t.budget = l.budget
	if kind == kindRecommendationsReceived && strings.Contains(baseName(p), "given") {
		kind = kindRecommendationsGiven
	}
	if rankedHeader(t.header) {
		// relmap's own ranked.csv: its status and influence columns are relmap's inferences,
		// and read back as the user's judgement they would freeze every score (SPEC §2.5a).
		l.notRead = append(l.notRead, NotRead{Name: name, Reason: "relmap's own ranked.csv, never read as annotations"})
		l.problems = append(l.problems, fmt.Errorf("%s: this is a ranked.csv relmap wrote, not annotations: it is not read (its status and influence are relmap's own scores). To give your own judgement, run `relmap annotate --template -o notes.csv`, fill in the columns you know and pass notes.csv", name))
		return nil
	}
	if kind == kindOutlookCalendar {
		if strings.EqualFold(path.Ext(p), ".xlsx") {
			l.problems = append(l.problems, fmt.Errorf("%s: an Outlook calendar in a workbook: export the calendar as CSV or .ics", name))
			return nil
		}
		return l.readOther(src, p, name, kind) // the calendar package reads it from the start
	}
	fc := FileCoverage{Name: name, Source: src.Name, Kind: kindNames[kind], Skipped: map[string]int{}}
	switch {
	case kind == kindGoogleContacts || kind == kindOutlookContacts:
		err = l.readAddressBook(t, &fc)
	case kind >= kindPeople:
		t.header = genericHeader(t.header, src.Columns)
		err = l.readGeneric(t, kind, &fc)
	default:
		err = l.readRows(t, kind, &fc)
	}
	if overBudget(err) {
		return err
	}
	if err != nil {
		l.problems = append(l.problems, corrupt(name, err))
		fc.Skipped["unreadable rest of file"]++
	}
	for _, re := range t.skipped {
		l.problems = append(l.problems, re)
		fc.Rows++
		fc.Skipped["unreadable row"]++
	}
	fc.Encoding = t.Encoding()
	l.files = append(l.files, fc)
	return nil
}

// corrupt says plainly that a zip entry's data does not match its header.
func corrupt(name string, err error) error {
	if errors.Is(err, zip.ErrFormat) || errors.Is(err, zip.ErrChecksum) {
		return fmt.Errorf("%s: the zip entry is corrupt: its data does not match its header; the rest of it is skipped", name)
	}
	return err
}

// hasForced reports whether a header carries what a forced kind needs: its required columns,
// and for people and annotations a key (person, id, email, profile_url or name).
func hasForced(h []string, k fileKind) bool {
	if k == kindPeople || k == kindAnnotations {
		for _, c := range []string{"person", "id", "email", "profile_url", "name"} {
			if hasAll(h, []string{c}) && (c != "person" || k == kindAnnotations) {
				return true
			}
		}
		return false
	}
	return hasAll(h, genericRequired[k])
}

// forcedColumns names the columns a forced generic kind needs, for messages.
func forcedColumns(k fileKind) []string {
	switch k {
	case kindPeople:
		return []string{"one of id, email, profile_url, name"}
	case kindAnnotations:
		return []string{"one of person, id, email, profile_url, name"}
	}
	return genericRequired[k]
}

func signatureOf(k fileKind) []string {
	for _, s := range signatures {
		if s.kind == k {
			return s.cols
		}
	}
	return nil
}

func (l *loader) evidence(t time.Time) {
	if t.After(l.newestEvidence) {
		l.newestEvidence = t
	}
}

// parseDate is parseDate, its answers remembered: the days of a file's rows recur (messages'
// times, which do not, are read fast and not remembered).
func (l *loader) parseDate(s string) (time.Time, error) {
	if t, ok := parseMessageDate(s); ok {
		return t, nil
	}
	if t, ok := l.dates[s]; ok {
		return t, nil
	}
	t, err := parseDate(s)
	if err == nil && len(l.dates) < maxDates {
		if l.dates == nil {
			l.dates = map[string]time.Time{}
		}
		l.dates[strings.Clone(s)] = t
	}
	return t, err
}

// maxDates bounds the dates parseDate remembers.
const maxDates = 1 << 16

// date parses a field, recording a positioned problem when it cannot.
func (l *loader) date(t *table, line int, col, s string, fc *FileCoverage) (time.Time, bool) {
	d, err := l.parseDate(s)
	if err != nil {
		l.problems = append(l.problems, &RowError{File: t.file, Line: line, Column: col, Err: err})
		fc.Skipped[skipBadDate]++
		return time.Time{}, false
	}
	return d, true
}

func (l *loader) readRows(t *table, kind fileKind, fc *FileCoverage) error {
	switch kind {
	case kindConnections:
		return eachRow(t, func(line int, r *connectionRow) {
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
				l.problems = append(l.problems, &RowError{File: t.file, Line: line, Column: "connected on", Err: fmt.Errorf("%w; the connection is kept without a date", err)})
			}
			l.evidence(on)
			h := l.res.add(mention{name: strings.TrimSpace(first + " " + last), url: r.URL, email: r.Email,
				company: strings.TrimSpace(r.Company), title: strings.TrimSpace(r.Position), src: fromConnections, connected: true})
			l.ties = append(l.ties, rawTie{kind: Connection, from: -1, to: h, t: on, file: len(l.files)})
			fc.Used++
		})
	case kindMessages:
		mf := &messageFile{conversation: t.has("conversation id"), senderURL: t.has("sender profile url"),
			recipientURLs: t.has("recipient profile urls")}
		defer l.flush(mf)
		return eachRow(t, func(line int, r *messageRow) { l.message(t, mf, line, r, fc) })
	case kindInvitations:
		return eachRow(t, func(line int, r *invitationRow) {
			fc.Rows++
			at, ok := l.date(t, line, "sent at", r.SentAt, fc)
			if !ok {
				return
			}
			l.evidence(at)
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
		})
	case kindEndorsementsReceived, kindEndorsementsGiven:
		return eachRow(t, func(line int, r *endorsementRow) {
			fc.Rows++
			at, ok := l.date(t, line, "endorsement date", r.Date, fc)
			if !ok {
				return
			}
			l.evidence(at)
			m := mention{name: strings.TrimSpace(r.EndorserFirst) + " " + strings.TrimSpace(r.EndorserLast), url: r.EndorserURL, src: fromEndorsements}
			if kind == kindEndorsementsGiven {
				m = mention{name: strings.TrimSpace(r.EndorseeFirst) + " " + strings.TrimSpace(r.EndorseeLast), url: r.EndorseeURL, src: fromEndorsements}
			}
			l.tieWithOwner(Endorsement, m, kind == kindEndorsementsReceived, at, fc)
		})
	case kindRecommendationsReceived, kindRecommendationsGiven:
		return eachRow(t, func(line int, r *recommendationRow) {
			fc.Rows++
			at, ok := l.date(t, line, "creation date", r.Created, fc)
			if !ok {
				return
			}
			l.evidence(at)
			m := mention{name: strings.TrimSpace(r.FirstName) + " " + strings.TrimSpace(r.LastName),
				company: strings.TrimSpace(r.Company), title: strings.TrimSpace(r.JobTitle), src: fromRecommendations}
			l.tieWithOwner(Recommendation, m, kind == kindRecommendationsReceived, at, fc)
		})
	case kindProfile:
		return eachRow(t, func(line int, r *profileRow) {
			fc.Rows++
			if l.profileName == "" {
				l.profileName = strings.TrimSpace(strings.TrimSpace(r.FirstName) + " " + strings.TrimSpace(r.LastName))
				fc.Used++
			}
		})
	case kindContacts:
		return eachRow(t, func(line int, r *contactRow) {
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
		})
	case kindPositions:
		var latest time.Time
		return eachRow(t, func(line int, r *positionRow) {
			fc.Rows++
			if strings.TrimSpace(r.Finished) != "" {
				fc.Used++
				return
			}
			started, _ := l.parseDate(r.Started)
			if l.ownerCompany == "" || started.After(latest) {
				l.ownerCompany, l.ownerTitle, latest = strings.TrimSpace(r.Company), strings.TrimSpace(r.Title), started
			}
			fc.Used++
		})
	}
	return nil
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

// sponsored reports whether a message is LinkedIn's own or an advertiser's mail.
func sponsored(r *messageRow) bool {
	return strings.Contains(r.Content, "%FIRSTNAME%") || strings.Contains(r.Content, "spinmail-quill-editor")
}

func (l *loader) message(t *table, mf *messageFile, line int, r *messageRow, fc *FileCoverage) {
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
	l.evidence(at)
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
