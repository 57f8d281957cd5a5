package importers

import (
	"errors"
	"os"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

func loadSamples(t *testing.T) *Dataset {
	t.Helper()
	ds, err := Load([]Source{{Name: "samples", FS: os.DirFS("../testdata/linkedin/samples")}}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	return ds
}

func personByName(ds *Dataset, name string) []Person {
	var out []Person
	for _, p := range ds.People {
		if NormalizeName(p.Name) == NormalizeName(name) {
			out = append(out, p)
		}
	}
	return out
}

// The exact-byte samples of FORMAT.md §5: the owner, every row read, the noise skipped and
// counted, and one Zoë across percent-encoded and raw URLs.
func TestLoadSamples(t *testing.T) {
	ds := loadSamples(t)
	if got := ds.People[ds.Ego].Name; got != "Jordan Pike" {
		t.Errorf("owner = %q, want Jordan Pike", got)
	}
	if got := ds.People[ds.Ego].URL; got != "www.linkedin.com/in/jordan-pike-1a2b3c" {
		t.Errorf("owner URL = %q", got)
	}
	want := map[string]struct {
		rows    int
		skipped map[string]int
	}{
		"samples:Connections.csv":                  {5, map[string]int{skipGhost: 1}},
		"samples:messages.csv":                     {8, map[string]int{skipDraft: 1, skipMember: 1, skipSponsored: 1}},
		"samples:messages_2026_quoted_variant.csv": {1, map[string]int{}},
		"samples:Invitations.csv":                  {3, map[string]int{}},
		"samples:Endorsement_Received_Info.csv":    {3, map[string]int{}},
		"samples:Recommendations_Received.csv":     {2, map[string]int{}},
	}
	if len(ds.Coverage.Files) != len(want) {
		t.Errorf("read %d files, want %d: %+v", len(ds.Coverage.Files), len(want), ds.Coverage.Files)
	}
	for _, f := range ds.Coverage.Files {
		w, ok := want[f.Name]
		if !ok {
			t.Errorf("unexpected file %s", f.Name)
			continue
		}
		if f.Rows != w.rows {
			t.Errorf("%s: %d rows read, want %d", f.Name, f.Rows, w.rows)
		}
		skipped := 0
		for reason, n := range f.Skipped {
			skipped += n
			if w.skipped[reason] != n {
				t.Errorf("%s: skipped %d as %q, want %d", f.Name, n, reason, w.skipped[reason])
			}
		}
		for reason, n := range w.skipped {
			if f.Skipped[reason] != n {
				t.Errorf("%s: skipped %d as %q, want %d", f.Name, f.Skipped[reason], reason, n)
			}
		}
		if f.Used+skipped != f.Rows {
			t.Errorf("%s: %d used + %d skipped != %d rows", f.Name, f.Used, skipped, f.Rows)
		}
	}
	zoe := personByName(ds, "Zoë Brandt-Ilić")
	if len(zoe) != 1 {
		t.Fatalf("Zoë is %d people, want 1: %+v", len(zoe), zoe)
	}
	if zoe[0].URL != "www.linkedin.com/in/zoë-brandt-ilić-77a0b1c2" || !zoe[0].Connected || zoe[0].Company != "Fabrikam GmbH" {
		t.Errorf("Zoë = %+v", zoe[0])
	}
	zi := -1
	for i, p := range ds.People {
		if p.ID == zoe[0].ID {
			zi = i
		}
	}
	var msgs, endorsements int
	for _, in := range ds.Interactions {
		if in.From == zi {
			msgs++
		}
	}
	for _, tie := range ds.Ties {
		if tie.Kind == Endorsement && tie.From == zi && tie.To == ds.Ego {
			endorsements++
		}
	}
	if msgs != 1 || endorsements != 1 {
		t.Errorf("Zoë: %d messages and %d endorsements joined to her, want 1 and 1", msgs, endorsements)
	}
	// Tobias: Connections (trailing space in the last name), messages and the recommendation
	// (name + the same company) are one person.
	if tob := personByName(ds, "Tobias Quell"); len(tob) != 1 || tob[0].Email != "tobias.quell@example.net" {
		t.Errorf("Tobias = %+v, want one person with his e-mail", tob)
	}
	// Ines's recommendation names her with a company, her messages and invitation by URL:
	// nothing binds them apart, so they are one person.
	if ines := personByName(ds, "Ines Varga"); len(ines) != 1 || ines[0].URL != "www.linkedin.com/in/ines-varga-phd" || ines[0].Company != "Contoso Research" {
		t.Errorf("Ines = %+v, want one person with her URL and company", ines)
	}
	if got := ds.Coverage.NamesAmbiguous; len(got) != 0 {
		t.Errorf("ambiguous names = %v, want none", got)
	}
	if ds.AsOfFrom != "newest evidence" || !ds.AsOf.Equal(time.Date(2026, 2, 11, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("as of %v from %s", ds.AsOf, ds.AsOfFrom)
	}
	if len(ds.Problems) != 0 {
		t.Errorf("problems: %v", ds.Problems)
	}
	// The group message of "Ines Varga, PhD" reaches two people: names split on a bare comma.
	for _, in := range ds.Interactions {
		if strings.HasPrefix(in.Conversation, "2-OGM0") && len(in.To) != 2 {
			t.Errorf("group message to %d people, want 2", len(in.To))
		}
	}
}

func TestAsOfFromExportName(t *testing.T) {
	fsys := fstest.MapFS{"Connections.csv": {Data: []byte("First Name,Last Name,URL,Email Address,Company,Position,Connected On\nA,B,https://www.linkedin.com/in/ab,,,,01 Jan 2025\nC,D,https://www.linkedin.com/in/cd,,,,01 Jan 2026")},
		"Profile.csv": {Data: []byte("First Name,Last Name,Maiden Name,Address,Birth Date,Headline\nMe,Myself,,,,x\n")}}
	ds, err := Load([]Source{{Name: "Basic_LinkedInDataExport_03-14-2025.zip", FS: fsys}}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if ds.AsOfFrom != "export name" || ds.AsOf.Format("2006-01-02") != "2025-03-14" {
		t.Errorf("as of %v from %s", ds.AsOf, ds.AsOfFrom)
	}
	if ds.Coverage.AfterAsOf != 1 {
		t.Errorf("evidence after the as-of day = %d, want 1", ds.Coverage.AfterAsOf)
	}
	ds, err = Load([]Source{{Name: "x.zip", FS: fsys}}, Options{AsOf: time.Date(2024, 6, 1, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	if ds.AsOfFrom != "flag" || ds.Coverage.AfterAsOf != 2 {
		t.Errorf("as of %v from %s, %d after", ds.AsOf, ds.AsOfFrom, ds.Coverage.AfterAsOf)
	}
}

func TestNormalizeURL(t *testing.T) {
	for in, want := range map[string]string{
		"https://www.linkedin.com/in/zo%C3%AB-brandt-ili%C4%87-77a0b1c2": "www.linkedin.com/in/zoë-brandt-ilić-77a0b1c2",
		"www.linkedin.com/in/zoë-brandt-ilić-77a0b1c2":                   "www.linkedin.com/in/zoë-brandt-ilić-77a0b1c2",
		"http://de.linkedin.com/in/Tobias/?trk=x#y":                      "www.linkedin.com/in/tobias",
		"  HTTPS://LinkedIn.com/in/abc/ ":                                "www.linkedin.com/in/abc",
		"":                                                               "",
	} {
		if got := NormalizeURL(in); got != want {
			t.Errorf("NormalizeURL(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestNormalizeName(t *testing.T) {
	for in, want := range map[string]string{
		"Ines Varga, PhD":   "ines varga",
		" Dr. Ines  Varga ": "ines varga",
		"Tobias Quell ":     "tobias quell",
		"John Smith Jr.":    "john smith",
		"Ann Lee, MBA, CPA": "ann lee",
		"ZOË BRANDT-ILIĆ":   "zoë brandt-ilić",
		"Zoe\u0308 Brandt":  "zoë brandt", // decomposed ë
		"Quell, Ostrander":  "quell ostrander",
		"Straße Müller":     "strasse müller",
	} {
		if got := NormalizeName(in); got != want {
			t.Errorf("NormalizeName(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestNormalizeCompany(t *testing.T) {
	for in, want := range map[string]string{
		"Fabrikam GmbH":               "fabrikam",
		"Contoso, Inc.":               "contoso",
		"Acme S.A.":                   "acme",
		"Quell, Ostrander & Partners": "quell, ostrander & partners",
		"Northwind Ltd":               "northwind",
	} {
		if got := NormalizeCompany(in); got != want {
			t.Errorf("NormalizeCompany(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestParseDate(t *testing.T) {
	for in, want := range map[string]string{
		"07 Jun 2022":             "2022-06-07T00:00:00Z",
		"2025-03-14 09:41:07 UTC": "2025-03-14T09:41:07Z",
		"2025/01/18 16:02:44 UTC": "2025-01-18T16:02:44Z",
		"3/4/25, 9:07 AM":         "2025-03-04T09:07:00Z",
		"09/14/21, 07:05 PM":      "2021-09-14T19:05:00Z",
		"8/20/24, 8:13\u202fAM":   "2024-08-20T08:13:00Z",
		"7-Jun-22":                "2022-06-07T00:00:00Z",
		"Sep 2019":                "2019-09-01T00:00:00Z",
	} {
		got, err := parseDate(in)
		if err != nil || got.Format(time.RFC3339) != want {
			t.Errorf("parseDate(%q) = %v, %v; want %s", in, got, err, want)
		}
	}
	if _, err := parseDate("yesterday"); err == nil {
		t.Error("parseDate(yesterday) did not fail")
	}
}

// Line numbers are physical lines, quoted newlines included, as RowError promises.
func TestRowErrorLine(t *testing.T) {
	data := "Notes:\n\"x\"\n\nFirst Name,Last Name,URL,Email Address,Company,Position,Connected On\n" +
		"A,\"multi\nline\",https://www.linkedin.com/in/a,,,,01 Jan 2024\n" +
		"B,C,https://www.linkedin.com/in/b,,,,not a date\n"
	ds, err := Load([]Source{{Name: "e.zip", FS: fstest.MapFS{
		"Connections.csv": {Data: []byte(data)},
		"Profile.csv":     {Data: []byte("First Name,Last Name,Headline\nMe,Me,x\n")},
	}}}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(ds.Problems) != 1 {
		t.Fatalf("problems %v", ds.Problems)
	}
	var re *RowError
	if !errors.As(ds.Problems[0], &re) || re.Line != 7 || re.Column != "connected on" {
		t.Errorf("problem = %v, want line 7, column connected on", ds.Problems[0])
	}
	if got := ds.Problems[0].Error(); got != `e.zip:Connections.csv:7: connected on: unrecognised date "not a date"; the connection is kept without a date` {
		t.Errorf("message = %s", got)
	}
}

func TestMissingColumns(t *testing.T) {
	ds, err := Load([]Source{{Name: "e", FS: fstest.MapFS{
		"Connections.csv": {Data: []byte("Name,Company\nA,B\n")},
		"Profile.csv":     {Data: []byte("First Name,Last Name,Headline\nMe,Me,x\n")},
		"Invitations.csv": {Data: []byte("From,To,Sent At,Message,Direction\nMe Me,X Y,\"3/4/25, 9:07 AM\",,OUTGOING\n")},
	}}}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(ds.Problems) != 1 || !strings.Contains(ds.Problems[0].Error(), "e:Connections.csv: no header with the columns of connections (first name, last name, connected on)") {
		t.Errorf("problems = %v", ds.Problems)
	}
}

func TestNoOwner(t *testing.T) {
	_, err := Load([]Source{{Name: "e", FS: fstest.MapFS{"notes.txt": {Data: []byte("hi")}}}}, Options{})
	if err == nil || !strings.Contains(err.Error(), "no input files found") {
		t.Errorf("err = %v", err)
	}
}

// Two messages of one file in the same minute are two messages; the same message in two
// files (overlapping exports) is one.
func TestDuplicateEvents(t *testing.T) {
	header := "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,DATE,SUBJECT,CONTENT,FOLDER\n"
	row := "2-abc,,Ana Ruiz,https://www.linkedin.com/in/ana,Me Me,https://www.linkedin.com/in/me,2025-03-14 09:41:07 UTC,,x,INBOX\n"
	row2 := strings.Replace(row, "09:41:07", "09:41:30", 1)
	fsys := fstest.MapFS{
		"a/messages.csv": {Data: []byte(header + row + row2)},
		"b/messages.csv": {Data: []byte(header + row)},
		"Profile.csv":    {Data: []byte("First Name,Last Name,Headline\nMe,Me,x\n")},
	}
	ds, err := Load([]Source{{Name: "x", FS: fsys}}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got := ds.People[ds.Ego].URL; got != "www.linkedin.com/in/me" {
		t.Errorf("owner URL %q: the owner is in every message, sender or recipient", got)
	}
	if len(ds.Interactions) != 2 || ds.Coverage.Duplicates != 1 {
		t.Errorf("%d interactions, %d duplicates; want 2 and 1", len(ds.Interactions), ds.Coverage.Duplicates)
	}
}

func loadDir(t *testing.T, dir string) *Dataset {
	t.Helper()
	ds, err := Load([]Source{{Name: dir, FS: os.DirFS("../testdata/linkedin/" + dir)}}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	return ds
}

func interactionsOf(ds *Dataset, p Person) (from, to int) {
	for _, in := range ds.Interactions {
		if ds.People[in.From].ID == p.ID {
			from++
		}
		for _, x := range in.To {
			if ds.People[x].ID == p.ID {
				to++
			}
		}
	}
	return from, to
}

// A 2018 export: no URLs anywhere, Messages.csv with Direction, M/D/YY dates, a UTF-16 TSV
// endorsement file and the address book. Names find their people.
func TestEra2018(t *testing.T) {
	ds := loadDir(t, "era2018")
	if got := ds.People[ds.Ego].Name; got != "Jordan Pike" {
		t.Errorf("owner %q", got)
	}
	maren := personByName(ds, "Maren Holtby")
	if len(maren) != 1 || maren[0].Email != "maren.holtby@example.net" || !maren[0].Connected {
		t.Fatalf("Maren = %+v, want one connected person", maren)
	}
	if from, to := interactionsOf(ds, maren[0]); from != 1 || to != 1 {
		t.Errorf("Maren: %d messages from, %d to; want 1 and 1", from, to)
	}
	endorsements := 0
	for _, tie := range ds.Ties {
		if tie.Kind == Endorsement && ds.People[tie.From].ID == maren[0].ID {
			endorsements++
		}
	}
	if endorsements != 2 {
		t.Errorf("Maren's endorsements from the UTF-16 file: %d, want 2", endorsements)
	}
	if p := personByName(ds, "Priyanka Oduya"); len(p) != 1 || p[0].Email != "priyanka.oduya@example.org" {
		t.Errorf("Priyanka = %+v, want the address book's e-mail", p)
	}
	if len(personByName(ds, "Nobody Known")) != 0 || ds.Coverage.EmailsAdded != 1 {
		t.Errorf("the address book added people or %d e-mails", ds.Coverage.EmailsAdded)
	}
	kinds := map[string]string{}
	for _, f := range ds.Coverage.Files {
		kinds[f.Name] = f.Kind + " " + f.Encoding
		if f.Name == "era2018:Messages.csv" && f.Skipped[skipMember] != 1 {
			t.Errorf("Messages.csv skipped %v", f.Skipped)
		}
	}
	if kinds["era2018:Endorsement Received Info.csv"] != "endorsements received UTF-16" || kinds["era2018:Imported Contacts.csv"] != "contacts UTF-8" {
		t.Errorf("kinds %v", kinds)
	}
	if len(ds.Problems) != 0 {
		t.Errorf("problems %v", ds.Problems)
	}
}

// A 2021 export: Connections without URLs behind the preamble, 9-column messages with sender
// URLs and recipient names only. Each person is one person.
func TestEra2021(t *testing.T) {
	ds := loadDir(t, "era2021")
	if got := ds.People[ds.Ego]; got.URL != "www.linkedin.com/in/jordan-pike-1a2b3c" {
		t.Errorf("owner %+v", got)
	}
	for _, name := range []string{"Maren Holtby", "Ines Varga"} {
		ps := personByName(ds, name)
		if len(ps) != 1 || !ps[0].Connected || ps[0].URL == "" || ps[0].Company == "" {
			t.Errorf("%s = %+v, want one connected person with URL and company", name, ps)
		}
	}
	if n := len(ds.People); n != 4 {
		t.Errorf("%d people, want 4 (the owner, Maren, Ines, Tobias)", n)
	}
	for _, in := range ds.Interactions {
		if strings.HasPrefix(in.Conversation, "2-def") && len(in.To) != 2 {
			t.Errorf("group message to %d", len(in.To))
		}
	}
}

// An Excel re-save: BOM, CRLF, ';', `7-Jun-22`, Spanish `30-oct-09`, Windows-1252 bytes and
// U+202F before AM.
func TestExcelResave(t *testing.T) {
	ds := loadDir(t, "excel")
	if len(ds.Problems) != 0 {
		t.Fatalf("problems %v", ds.Problems)
	}
	lucia := personByName(ds, "Lucía Ibáñez")
	if len(lucia) != 1 || lucia[0].Title != "Directora" {
		t.Errorf("Lucía = %+v", lucia)
	}
	var on []string
	for _, tie := range ds.Ties {
		if tie.Kind == Connection {
			on = append(on, tie.Time.Format("2006-01-02"))
		}
	}
	if strings.Join(on, " ") != "2022-06-07 2009-10-30" && strings.Join(on, " ") != "2009-10-30 2022-06-07" {
		t.Errorf("connected on %v", on)
	}
	for _, f := range ds.Coverage.Files {
		if f.Name == "excel:Connections.csv" && f.Encoding != "UTF-8 with BOM, 3 bytes read as Windows-1252" {
			t.Errorf("encoding %q", f.Encoding)
		}
	}
}

// Two people of one name bound to different URLs stay two; a bare mention of the name joins
// neither and the name is reported.
func TestAmbiguousName(t *testing.T) {
	fsys := fstest.MapFS{
		"Connections.csv": {Data: []byte("First Name,Last Name,URL,Email Address,Company,Position,Connected On\n" +
			"John,Smith,https://www.linkedin.com/in/js1,,Acme,CTO,01 Jan 2024\nJohn,Smith,https://www.linkedin.com/in/js2,,Initech,Analyst,01 Jan 2024\n")},
		"Invitations.csv": {Data: []byte("From,To,Sent At,Message,Direction\nMe Me,John Smith,\"3/4/25, 9:07 AM\",,OUTGOING\n")},
	}
	ds, err := Load([]Source{{Name: "x", FS: fsys}}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if n := len(personByName(ds, "John Smith")); n != 3 {
		t.Errorf("%d John Smiths, want 3 (two bound, one bare)", n)
	}
	if got := ds.Coverage.NamesAmbiguous; len(got) != 1 || got[0] != "john smith" {
		t.Errorf("ambiguous %v", got)
	}
}

// The same export twice (or the 2022 archive's two endorsement files) counts its evidence once;
// a dated export folder inside the input names the as-of day.
func TestDuplicateFilesAndNestedDate(t *testing.T) {
	fsys := fstest.MapFS{}
	entries, _ := os.ReadDir("../testdata/linkedin/samples")
	for _, e := range entries {
		b, _ := os.ReadFile("../testdata/linkedin/samples/" + e.Name())
		fsys["Basic_LinkedInDataExport_03-20-2026/"+e.Name()] = &fstest.MapFile{Data: b}
		fsys["copy/"+e.Name()] = &fstest.MapFile{Data: b}
	}
	ds, err := Load([]Source{{Name: "download.zip", FS: fsys}}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if ds.AsOfFrom != "export name" || ds.AsOf.Format("2006-01-02") != "2026-03-20" {
		t.Errorf("as of %v from %s", ds.AsOf, ds.AsOfFrom)
	}
	zoe := personByName(ds, "Zoë Brandt-Ilić")[0]
	endorsements, messages := 0, 0
	for _, tie := range ds.Ties {
		if tie.Kind == Endorsement && ds.People[tie.From].ID == zoe.ID {
			endorsements++
		}
	}
	for _, in := range ds.Interactions {
		if ds.People[in.From].ID == zoe.ID {
			messages++
		}
	}
	if endorsements != 1 || messages != 1 || ds.Coverage.Duplicates == 0 {
		t.Errorf("Zoë: %d endorsements, %d messages, %d duplicates; want 1, 1 and some", endorsements, messages, ds.Coverage.Duplicates)
	}
}

// Days begin and end in --tz: the newest message, 07:15 UTC on 11 February, is still
// 10 February in Los Angeles.
func TestTimeZone(t *testing.T) {
	la, err := time.LoadLocation("America/Los_Angeles")
	if err != nil {
		t.Skip("no zone database:", err)
	}
	ds, err := Load([]Source{{Name: "samples", FS: os.DirFS("../testdata/linkedin/samples")}}, Options{TZ: la})
	if err != nil {
		t.Fatal(err)
	}
	if got := ds.AsOf.Format("2006-01-02"); got != "2026-02-10" {
		t.Errorf("as of %s, want 2026-02-10", got)
	}
}

// Address books add people with every e-mail they list (Google's " ::: " multi-values and
// numbered columns, Outlook's E-mail 2), their company and title.
func TestAddressBooks(t *testing.T) {
	read := func(file string) []byte {
		b, err := os.ReadFile("../testdata/sources/" + file)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	fsys := fstest.MapFS{
		"google.csv":        {Data: read("google/contacts.csv")},
		"google-legacy.csv": {Data: read("google/legacy.csv")},
		"outlook.csv":       {Data: read("outlook/contacts.csv")},
		"people.csv":        {Data: []byte("email,name\nme@example.com,Me Me\n")},
		"interactions.csv":  {Data: []byte("time,from,to\n2025-01-02T10:00:00Z,me@example.com,m.holtby@example.org\n")},
	}
	ds, err := Load([]Source{{Name: "books", FS: fsys}}, Options{Me: "me@example.com"})
	if err != nil {
		t.Fatal(err)
	}
	kinds := map[string]string{}
	for _, f := range ds.Coverage.Files {
		kinds[f.Name] = f.Kind
	}
	if kinds["books:google.csv"] != "google contacts" || kinds["books:google-legacy.csv"] != "google contacts" || kinds["books:outlook.csv"] != "outlook contacts" {
		t.Errorf("kinds %v", kinds)
	}
	maren := personByName(ds, "Maren Holtby")
	if len(maren) != 1 || maren[0].Company != "Northwind Ferries" || maren[0].Title != "Head of Operations" {
		t.Fatalf("Maren = %+v", maren)
	}
	if from, to := interactionsOf(ds, maren[0]); to != 1 || from != 0 {
		t.Errorf("the mail to her second address reached %d/%d", from, to)
	}
	if p := personByName(ds, "Pia Lund"); len(p) != 1 || p[0].Email != "pia@example.com" || p[0].Title != "Director" {
		t.Errorf("Pia = %+v", p)
	}
	if p := personByName(ds, "Ravi Iyer"); len(p) != 1 || p[0].Company != "Initech" {
		t.Errorf("Ravi = %+v", p)
	}
	if len(ds.Interactions) != 1 {
		t.Errorf("address books added interactions: %d", len(ds.Interactions))
	}
}

// Mail, calendars and vCards (SPEC §2.3–§2.4) join the other sources: messages thread by their
// reply headers, meetings tie every attendee, cards add people; no body or note is kept.
func TestMailCalendarsCards(t *testing.T) {
	fsys := fstest.MapFS{}
	for _, p := range []string{"mbox/takeout.mbox", "ics/calendar.ics", "vcard/google-apple-3.0.vcf", "vcard/v4.vcf", "vcard/outlook-2.1.vcf", "outlook-calendar/calendar.csv"} {
		b, err := os.ReadFile("../testdata/sources/" + p)
		if err != nil {
			t.Fatal(err)
		}
		fsys[p] = &fstest.MapFile{Data: b}
	}
	ds, err := Load([]Source{{Name: "s", FS: fsys}}, Options{Me: "ana.souza@example.com"})
	if err != nil {
		t.Fatal(err)
	}
	kinds := map[string]FileCoverage{}
	for _, f := range ds.Coverage.Files {
		kinds[f.Kind] = f
	}
	for _, k := range []string{"mbox", "calendar", "vcard", "outlook calendar"} {
		if kinds[k].Used == 0 {
			t.Errorf("%s: nothing used: %+v", k, kinds[k])
		}
	}
	channels := map[string]int{}
	threads := map[string]bool{}
	for _, in := range ds.Interactions {
		channels[in.Channel]++
		if in.Channel == "email" {
			threads[in.Conversation] = true
		}
	}
	if channels["email"] == 0 || channels["meeting"] == 0 {
		t.Errorf("channels %v", channels)
	}
	if len(threads) >= channels["email"] {
		t.Errorf("%d threads for %d mails: replies were not threaded", len(threads), channels["email"])
	}
	if ds.People[ds.Ego].Email != "ana.souza@example.com" {
		t.Errorf("ego %+v", ds.People[ds.Ego])
	}
	for _, p := range ds.People {
		if strings.Contains(p.Name+p.Title+p.Company, "BODY-MARKER") || strings.Contains(p.Declared.Note, "BODY-MARKER") {
			t.Errorf("a body reached a person: %+v", p)
		}
	}
}

func TestParseDateISOAndZones(t *testing.T) {
	for in, want := range map[string]string{
		"2024-01-02T10:00Z":             "2024-01-02T10:00:00Z",
		"2024-01-02T10:00":              "2024-01-02T10:00:00Z",
		"2024-01-02 10:00:00+02:00":     "2024-01-02T08:00:00Z",
		"2024-01-02T10:00:00+0200":      "2024-01-02T08:00:00Z",
		"2024-01-02T10:00:00.250-05:00": "2024-01-02T15:00:00Z",
		"20240102T100000Z":              "2024-01-02T10:00:00Z",
		"2024-01-02 10:00:00 GMT":       "2024-01-02T10:00:00Z",
	} {
		got, err := parseDate(in)
		if err != nil || got.Truncate(time.Second).Format(time.RFC3339) != want {
			t.Errorf("parseDate(%q) = %v, %v; want %s", in, got, err, want)
		}
	}
	for _, bad := range []string{"2024-01-02 10:00:00 CET", "9999-01-02T10:00:00Z", "0001-01-01"} {
		if got, err := parseDate(bad); err == nil {
			t.Errorf("parseDate(%q) = %v, want an error", bad, got)
		}
	}
}

// Identity rules from review: e-mails, people-file ids and vCard keys bind people apart; a bare
// key never glues two people; ambiguous names are reported; annotations never invent people.
func TestIdentityBindsApart(t *testing.T) {
	fsys := fstest.MapFS{
		"people.csv": {Data: []byte("id,name,email,company,team\n" +
			"1,Wei Zhang,wei1@acme.com,Acme,Core\n2,Wei Zhang,wei2@acme.com,Acme,Ops\n" +
			"3,John Smith,,Acme,Core\n4,John Smith,,Acme,Ops\n9,Me Me,me@acme.com,Acme,Core\n")},
		"cards.vcf": {Data: []byte("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann Lee\r\nEMAIL:ann@alpha.com\r\nEND:VCARD\r\n" +
			"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann Lee\r\nEMAIL:alee@beta.org\r\nEND:VCARD\r\n" +
			"BEGIN:VCARD\r\nVERSION:3.0\r\nEMAIL:x@one.com\r\nEND:VCARD\r\nBEGIN:VCARD\r\nVERSION:3.0\r\nEMAIL:y@two.com\r\nEND:VCARD\r\n")},
		"interactions.csv": {Data: []byte("time,from,to\n2025-01-02T10:00:00Z,me@acme.com,WEI1@acme.com;3\n")},
		"notes.csv":        {Data: []byte("person,status\nNobody Known,supporter\nwei2@acme.com,detractor\nWei Zhang,supporter\n")},
	}
	ds, err := Load([]Source{{Name: "x", FS: fsys}}, Options{Me: "9"})
	if err != nil {
		t.Fatal(err)
	}
	for name, n := range map[string]int{"Wei Zhang": 2, "John Smith": 2, "Ann Lee": 2, "Nobody Known": 0} {
		if got := len(personByName(ds, name)); got != n {
			t.Errorf("%s: %d people, want %d", name, got, n)
		}
	}
	if len(personByName(ds, "x@one.com")) != 1 || len(personByName(ds, "y@two.com")) != 1 {
		t.Error("two nameless cards were glued together")
	}
	if ds.People[ds.Ego].Name != "Me Me" {
		t.Errorf("ego %+v (id 9)", ds.People[ds.Ego])
	}
	amb := strings.Join(ds.Coverage.NamesAmbiguous, ",")
	if !strings.Contains(amb, "wei zhang") || !strings.Contains(amb, "john smith") || !strings.Contains(amb, "ann lee") {
		t.Errorf("ambiguous names %q", amb)
	}
	// The annotation for no one is a problem, not a person; the one by e-mail finds Wei 2.
	found := false
	for _, p := range ds.Problems {
		found = found || strings.Contains(p.Error(), `"Nobody Known" names no one`)
	}
	if !found {
		t.Errorf("problems %v", ds.Problems)
	}
	// A name two people share reaches neither and makes no third Wei Zhang (counted above).
	found = false
	for _, p := range ds.Problems {
		found = found || strings.Contains(p.Error(), `notes.csv:4: person: "Wei Zhang" names 2 people`)
	}
	if !found {
		t.Errorf("the ambiguous annotation is not reported: %v", ds.Problems)
	}
	// relmap's own id (as in ranked.csv) names one person, whatever their name.
	wei1 := personByName(ds, "Wei Zhang")[0]
	if wei1.Email == "wei2@acme.com" {
		wei1 = personByName(ds, "Wei Zhang")[1]
	}
	byID := fstest.MapFS{}
	for k, v := range fsys {
		byID[k] = v
	}
	byID["notes.csv"] = &fstest.MapFile{Data: []byte("id,status\n" + strings.ToUpper(wei1.ID) + ",supporter\n")}
	ds2, err := Load([]Source{{Name: "x", FS: byID}}, Options{Me: "9"})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range personByName(ds2, "Wei Zhang") {
		if want := p.ID == wei1.ID; (p.Declared.Status == 1) != want {
			t.Errorf("annotation by id %s: %s has status %v", wei1.ID, p.ID, p.Declared.Status)
		}
	}
	for _, p := range personByName(ds, "Wei Zhang") {
		if p.Email == "wei2@acme.com" && p.Declared.Status != -1 {
			t.Errorf("Wei 2 status %v", p.Declared.Status)
		}
	}
	// The interaction reached Wei 1 by an upper-cased e-mail and John Smith by his id.
	if len(ds.Interactions) != 1 || len(ds.Interactions[0].To) != 2 {
		t.Errorf("interactions %+v", ds.Interactions)
	}
	if _, err := Load([]Source{{Name: "x", FS: fsys}}, Options{Me: "John Smith"}); err == nil || !strings.Contains(err.Error(), "names 2 people") {
		t.Errorf("--me on a shared name: %v", err)
	}
}
