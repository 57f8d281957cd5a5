package importers

import (
	"archive/zip"
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"regexp"
	"sort"
	"strings"
	"time"

	"github.com/relmap/relmap/importers/csvtable"
)

// Source is one input as the user named it: a LinkedIn export folder or zip, opened by the
// caller as a file system.
type Source struct {
	Name    string // as the user named it, e.g. "Basic_LinkedInDataExport_03-14-2025.zip"
	FS      fs.FS
	Kind    string            // forced kind for generic CSV: people, interactions, ties or annotations
	Columns map[string]string // relmap's column name → the file's own header name

	// Skip names folders and files of FS (slash paths from its root) that are not to be read,
	// each with the reason a user is told (the run's own --out folder, an older export), or ""
	// for a file read as an INPUT of its own (a zip in a folder of exports).
	Skip map[string]string
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

	// Reactions are the Slack reactions read as a sentiment of +1 (Positive) and −1
	// (Negative); nil keeps SlackPositive, SlackNegative.
	Reactions *Reactions

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

// loader reads every file of every source, then resolves people (build). Its state is kept
// in groups by what they are for: each reader adds to evidence and to reading's account of the
// files; owner clues and message participants are what finding the owner needs.
type loader struct {
	res    *resolver       // the people mentioned so far, merged by key
	tz     *time.Location  // where days begin and end (Options.TZ)
	budget *heapBudget     // Options.MaxHeap; nil: no bound
	sink   interactionSink // where generic interactions rows go: the loader itself, or a stream

	reactions *Reactions // Slack reactions with a sentiment (Options.Reactions)

	reading
	evidence
	ownerClues
	participants
	interned

	msgRepeats repeats // l.events read again in later files, let go
	genRepeats repeats // l.gevents read again in later files, let go
}

// reading is what the reading says of itself: the files read, the problems met, what was not
// read and why (Coverage).
type reading struct {
	sources  []string       // the sources' names, as given
	files    []FileCoverage // every file read
	problems []error
	notRead  []NotRead // files and folders not read, with the reason (Coverage.NotRead)
	unknown  []string  // CSV files of the source being read whose header matched no kind
	ignored  int       // unknown CSV files of LinkedIn exports, not used
}

// ownerClues are what tells who the export's owner is (FORMAT.md §4).
type ownerClues struct {
	ownerURLs       map[string]int    // owner profile URL evidence, from Invitations
	ownerNames      map[string]int    // owner name evidence, from the Direction of old messages
	participantURLs map[string]int    // message senders and recipients: the owner is in every message
	urlNames        map[string]string // a display name seen with each message participant's URL
	profileName     string
	inviteName      string
	ownerCompany    string
	ownerTitle      string
}

// participants are the people of LinkedIn messages as read, before their names are counted.
type participants struct {
	participantNames map[string]int        // normalised names of message participants, counted once a message
	nameDisplay      map[string]string     // a display form of each normalised participant name
	parties          map[[2]string]*party  // message participants as read: URL, name
	partyList        []*party              // parties, in the order first read
	nameCounts       map[string]*nameCount // participant names as read → their count; nil for no name
	nameCount        map[string]*nameCount // normalised participant names → their count
	nameList         []*nameCount          // nameCount, in the order first read
	seenNames        []*nameCount          // countNames' scratch
}

// interned are strings that rows repeat, kept once.
type interned struct {
	ids     map[string]int       // generic people files: id column → mention handle
	keyNums map[string]int32     // a generic file's key → its number (keyID)
	keys    []string             // by number
	strs    map[string]string    // strings kept once however many rows repeat them (intern)
	dates   map[string]time.Time // parseDate's answers
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
	l := &loader{res: newResolver(opt.Aliases), tz: opt.TZ, budget: newHeapBudget(opt.MaxHeap), reactions: opt.Reactions}
	if l.reactions == nil {
		l.reactions = &Reactions{Positive: SlackPositive, Negative: SlackNegative}
	}
	l.sink = l
	l.ids = map[string]int{}
	l.ownerURLs, l.ownerNames, l.participantURLs, l.urlNames = map[string]int{}, map[string]int{}, map[string]int{}, map[string]string{}
	l.participantNames, l.nameDisplay = map[string]int{}, map[string]string{}
	l.parties, l.nameCounts, l.nameCount = map[[2]string]*party{}, map[string]*nameCount{}, map[string]*nameCount{}
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
	var slackRoots []string
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
			// A Slack export is read as a whole, by its layout (or forced as slack=PATH).
			if src.Kind == "slack" && p == "." || src.Kind == "" && slackRoot(src.FS, p) {
				slackRoots = append(slackRoots, p)
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
	for _, root := range slackRoots {
		name := nameOf(root)
		if progress != nil {
			progress(name)
		}
		if err := l.readSlack(src, root, name); err != nil {
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
		l.problems = append(l.problems, &FileProblem{File: name, Problem: NoKind})
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
		if _, linkedIn := knownName(p); linkedIn {
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
	t, kind, err := csvtable.Open(name, br, match)
	if errors.Is(err, csvtable.ErrNoHeader) {
		switch want, ok := knownName(p); {
		case forced != kindNone:
			l.problems = append(l.problems, fmt.Errorf("%s: no header with the columns of %s (%s) in the first %d records", name, src.Kind, strings.Join(forcedColumns(forced), ", "), csvtable.HeaderWindow))
		case ok:
			l.problems = append(l.problems, fmt.Errorf("%s: no header with the columns of %s (%s) in the first %d records", name, want, strings.Join(signatureOf(want), ", "), csvtable.HeaderWindow))
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
	if l.budget != nil {
		t.Budget = l.budget
	}
	if kind == kindRecommendationsReceived && strings.Contains(baseName(p), "given") {
		kind = kindRecommendationsGiven
	}
	if rankedHeader(t.Header) {
		// relmap's own ranked.csv: its status and influence columns are relmap's inferences,
		// and read back as the user's judgement they would freeze every score (SPEC §2.5a).
		l.notRead = append(l.notRead, NotRead{Name: name, Reason: "relmap's own ranked.csv, never read as annotations"})
		l.problems = append(l.problems, &FileProblem{File: name, Problem: OwnRanked})
		return nil
	}
	if kind == kindOutlookCalendar {
		if strings.EqualFold(path.Ext(p), ".xlsx") {
			l.problems = append(l.problems, fmt.Errorf("%s: an Outlook calendar in a workbook: export the calendar as CSV or .ics", name))
			return nil
		}
		return l.readOther(src, p, name, kind) // the calendar package reads it from the start
	}
	fc := FileCoverage{Name: name, Source: src.Name, Kind: kind.String(), Skipped: map[string]int{}}
	switch formats[kind].family {
	case addressBook:
		err = l.readAddressBook(t, &fc)
	case genericTable:
		t.Header = genericHeader(t.Header, src.Columns)
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
	for _, re := range t.Skipped {
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
	return hasAll(h, formats[k].required)
}

// forcedColumns names the columns a forced generic kind needs, for messages.
func forcedColumns(k fileKind) []string {
	switch k {
	case kindPeople:
		return []string{"one of id, email, profile_url, name"}
	case kindAnnotations:
		return []string{"one of person, id, email, profile_url, name"}
	}
	return formats[k].required
}

// Reasons a file or folder is not read, as the summary and coverage give them.
const (
	reasonOwnOutput = "relmap's own output"
	reasonSystem    = "a hidden or system file"
	reasonNoKind    = "not a kind of file relmap reads"
	reasonLink      = "not a regular file"
)

// FileProblem is a problem with a whole input file that the user can act on: the command says
// how (Advice words it for relmap's own flags and commands).
type FileProblem struct {
	File    string // as coverage names it
	Problem FileProblemKind
}

// FileProblemKind is what is wrong with a file.
type FileProblemKind int

const (
	// NoKind: a CSV outside any LinkedIn export whose header matches no kind relmap reads.
	NoKind FileProblemKind = iota + 1
	// OwnRanked: a ranked.csv relmap wrote, given as an input: never read as annotations, whose
	// status and influence would freeze every score (SPEC §2.5a).
	OwnRanked
)

func (e *FileProblem) Error() string {
	switch e.Problem {
	case NoKind:
		return e.File + ": its header matches no kind relmap reads (interactions need time, from, to; people one of id, email, profile_url, name; ties a, b; annotations a person key and status, influence, team …)"
	case OwnRanked:
		return e.File + ": this is a ranked.csv relmap wrote, not annotations: it is not read (its status and influence are relmap's own scores)"
	}
	return e.File + ": a problem"
}
