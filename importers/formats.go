package importers

import (
	"path"
	"regexp"
	"strings"

	"github.com/relmap/relmap/fold"
)

// fileKind is what an input file is read as: an index into formats.
type fileKind int

// The kinds, in the order their header signatures are tried (the first match wins, so the more
// specific come first). Only the table below says what a kind is; nothing depends on the
// numbers.
const (
	kindNone fileKind = iota

	// The LinkedIn export's own files (FORMAT.md §2).
	kindConnections
	kindInvitations
	kindMessages
	kindEndorsementsReceived
	kindEndorsementsGiven
	kindRecommendationsReceived
	kindRecommendationsGiven
	kindProfile
	kindPositions
	kindContacts

	// Address books and Outlook's calendar CSV (SPEC §2.3), found by header.
	kindGoogleContacts
	kindOutlookContacts
	kindOutlookCalendar

	// Generic CSV (SPEC §2.2): files from any other system, found by their (renamed) header
	// or forced as KIND=PATH.
	kindPeople
	kindInteractions
	kindTies
	kindAnnotations
	kindPairs // interactions already folded: pairs.csv, written by relmap fold (SPEC §7)

	// Files found by their name's ending (SPEC §2.3, §2.4).
	kindMbox
	kindICS
	kindVCard

	// A folder found by its layout: a Slack workspace export (SPEC §2.4, slackexport.go).
	kindSlack

	kindCount
)

// family is how a kind's file is read.
type family int

const (
	linkedInFile family = iota + 1 // a table of the LinkedIn export: readRows
	addressBook                    // a table of contacts: readAddressBook
	genericTable                   // a generic CSV, its header renamed first: readGeneric
	wholeFile                      // read from its first byte by its own package: readOther
	folder                         // a folder of files read as one: readSlack
)

// format is one kind of input relmap reads.
type format struct {
	name    string     // as coverage and KIND=PATH name it
	family  family     // how it is read
	headers [][]string // column signatures (canonical names), any of which makes a table this kind
	files   []string   // normalised base names (baseName) a LinkedIn file of this kind has
	ends    []string   // file name endings (lower case) that make a file this kind
	// required are the columns a generic kind cannot do without (for people and annotations,
	// one key column is needed besides: see hasForced).
	required []string
}

// formats is every kind relmap reads, by fileKind.
var formats = [kindCount]format{
	kindConnections: {name: "connections", family: linkedInFile,
		headers: [][]string{{"first name", "last name", "connected on"}},
		files:   []string{"connections"}},
	kindInvitations: {name: "invitations", family: linkedInFile,
		headers: [][]string{{"from", "to", "sent at", "direction"}},
		files:   []string{"invitations"}},
	kindMessages: {name: "messages", family: linkedInFile,
		headers: [][]string{{"from", "to", "date", "content"}},
		files:   []string{"messages", "inbox"}},
	kindEndorsementsReceived: {name: "endorsements received", family: linkedInFile,
		headers: [][]string{{"endorsement date", "skill name", "endorser first name", "endorser last name"}},
		files:   []string{"endorsement_received_info", "endorsement_received"}},
	kindEndorsementsGiven: {name: "endorsements given", family: linkedInFile,
		headers: [][]string{{"endorsement date", "skill name", "endorsee first name", "endorsee last name"}},
		files:   []string{"endorsement_given_info"}},
	// Recommendations given share the received file's header: told apart by the file's name
	// (readTable).
	kindRecommendationsReceived: {name: "recommendations received", family: linkedInFile,
		headers: [][]string{{"first name", "last name", "company", "job title", "text", "creation date"}},
		files:   []string{"recommendations_received"}},
	kindRecommendationsGiven: {name: "recommendations given", family: linkedInFile,
		files: []string{"recommendations_given"}},
	kindProfile: {name: "profile", family: linkedInFile,
		headers: [][]string{{"first name", "last name", "headline"}},
		files:   []string{"profile"}},
	kindPositions: {name: "positions", family: linkedInFile,
		headers: [][]string{{"company name", "title", "started on", "finished on"}},
		files:   []string{"positions"}},
	kindContacts: {name: "contacts", family: linkedInFile,
		headers: [][]string{
			{"firstname", "lastname", "emails"},                       // Contacts.csv (2022 →)
			{"first name", "last name", "companies", "email address"}, // Imported Contacts.csv (2018)
		},
		files: []string{"contacts", "imported_contacts"}},

	kindGoogleContacts: {name: "google contacts", family: addressBook,
		headers: [][]string{
			{"first name", "last name", "e-mail 1 - value"},           // Google CSV (2024 →)
			{"name", "given name", "family name", "e-mail 1 - value"}, // Google CSV (legacy)
		}},
	kindOutlookContacts: {name: "outlook contacts", family: addressBook,
		headers: [][]string{
			{"first name", "last name", "e-mail address", "company"},
			{"vorname", "nachname", "e-mail-adresse"}, // Outlook, German
		}},
	// Outlook's calendar export is a CSV: found by its header, read by the calendar package.
	kindOutlookCalendar: {name: "outlook calendar", family: wholeFile,
		headers: [][]string{{"subject", "start date", "start time", "required attendees"}}},

	kindPeople:       {name: "people", family: genericTable, required: []string{}},
	kindInteractions: {name: "interactions", family: genericTable, required: []string{"time", "from", "to"}},
	kindTies:         {name: "ties", family: genericTable, required: []string{"a", "b"}},
	kindAnnotations:  {name: "annotations", family: genericTable, required: []string{"person"}},
	kindPairs:        {name: "pairs", family: genericTable, required: fold.Header},

	// Gmail Takeout's "All mail Including Spam and Trash.mbox"; Thunderbird's extension-less
	// mbox files are passed by name.
	kindMbox:  {name: "mbox", family: wholeFile, ends: []string{".mbox", ".mbx"}},
	kindICS:   {name: "calendar", family: wholeFile, ends: []string{".ics", ".ical", ".ifb"}},
	kindVCard: {name: "vcard", family: wholeFile, ends: []string{".vcf", ".vcard"}},

	// users.json beside channels.json (or groups.json, dms.json, mpims.json): slackRoot.
	kindSlack: {name: "slack", family: folder},
}

// GenericKinds are the kinds a user may force on an input as KIND=PATH: the generic tables, and
// a Slack export (a folder or zip).
var GenericKinds = []string{"people", "interactions", "ties", "annotations", "pairs", "slack"}

// String is the kind's name, as coverage gives it.
func (k fileKind) String() string { return formats[k].name }

// linkedIn reports whether the kind is one of the LinkedIn export's own files.
func (k fileKind) linkedIn() bool { return formats[k].family == linkedInFile }

// isLinkedIn reports whether a kind, by name, is one of the LinkedIn export's own files.
func isLinkedIn(kind string) bool {
	k, ok := kindNamed(kind)
	return ok && k.linkedIn()
}

// kindNamed is the kind of that name.
func kindNamed(name string) (fileKind, bool) {
	for k := kindNone + 1; k < kindCount; k++ {
		if formats[k].name == name {
			return k, true
		}
	}
	return kindNone, false
}

// kindByName is the generic kind of that name, as KIND=PATH forces it.
func kindByName(name string) (fileKind, bool) {
	if k, ok := kindNamed(name); ok && formats[k].family == genericTable {
		return k, true
	}
	return kindNone, false
}

// matchHeader is the first kind one of whose signatures the header carries.
func matchHeader(h []string) (fileKind, bool) {
	for k := kindNone + 1; k < kindCount; k++ {
		for _, cols := range formats[k].headers {
			if hasAll(h, cols) {
				return k, true
			}
		}
	}
	return kindNone, false
}

// signatureOf is a kind's first header signature, for messages.
func signatureOf(k fileKind) []string {
	if hs := formats[k].headers; len(hs) > 0 {
		return hs[0]
	}
	return nil
}

// knownName is the LinkedIn kind expected in a file of that name (normalised: lower case,
// spaces as "_", split suffix dropped), so that a known file whose header cannot be found is an
// error, not silence.
func knownName(p string) (fileKind, bool) {
	b := baseName(p)
	for k := kindNone + 1; k < kindCount; k++ {
		for _, f := range formats[k].files {
			if f == b {
				return k, true
			}
		}
	}
	return kindNone, false
}

// otherKind says which whole-file reader a file name calls for, by its ending.
func otherKind(p string) fileKind {
	ext := strings.ToLower(path.Ext(p))
	for k := kindNone + 1; k < kindCount; k++ {
		for _, e := range formats[k].ends {
			if e == ext {
				return k
			}
		}
	}
	return kindNone
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

var splitSuffix = regexp.MustCompile(`_\d+$`)

// baseName normalises a file name as FORMAT.md §9.1 says.
func baseName(p string) string {
	b := strings.ToLower(path.Base(p))
	b = strings.TrimSuffix(b, path.Ext(b))
	b = strings.ReplaceAll(b, " ", "_")
	return splitSuffix.ReplaceAllString(b, "")
}

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
