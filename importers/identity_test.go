package importers

import (
	"os"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

// A title is kept whatever else a record lacks: a people row, a vCard, an address book and a
// LinkedIn connection with a title and no company each give their person that title (issue 14,
// item 3: the title was copied only together with a company, and a CEO scored seniority 0.3).
func TestTitleWithoutCompany(t *testing.T) {
	fsys := fstest.MapFS{
		"people.csv": {Data: []byte("id,name,email,company,title\n" +
			"1,Me Me,me@example.com,,\n" +
			"2,Cora Vance,cora@example.com,,Chief Executive Officer\n")},
		"cards.vcf": {Data: []byte("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Vik Amos\r\nEMAIL:vik@example.org\r\nTITLE:VP Engineering\r\nEND:VCARD\r\n")},
		"google.csv": {Data: []byte("First Name,Last Name,Organization Name,Organization Title,E-mail 1 - Value\n" +
			"Gil,Ortega,,Head of Sales,gil@example.net\n")},
		"Connections.csv": {Data: []byte("First Name,Last Name,URL,Email Address,Company,Position,Connected On\n" +
			"Nia,Brook,https://www.linkedin.com/in/nia-brook,,,Founder,01 Jan 2024\n")},
	}
	ds, err := Load([]Source{{Name: "x", FS: fsys}}, Options{Me: "me@example.com"})
	if err != nil {
		t.Fatal(err)
	}
	for name, title := range map[string]string{"Cora Vance": "Chief Executive Officer", "Vik Amos": "VP Engineering",
		"Gil Ortega": "Head of Sales", "Nia Brook": "Founder"} {
		ps := personByName(ds, name)
		if len(ps) != 1 {
			t.Errorf("%s: %d people, want 1", name, len(ps))
			continue
		}
		if ps[0].Title != title || ps[0].Company != "" {
			t.Errorf("%s: title %q, company %q; want %q and none", name, ps[0].Title, ps[0].Company, title)
		}
	}
}

// Company and title are taken independently, each from the most trusted record that gives one
// (a people file before LinkedIn connections before address books), so a person merged from a
// record with a title only and one with a company only has both.
func TestTitleAndCompanyFromDifferentRecords(t *testing.T) {
	fsys := fstest.MapFS{
		"people.csv": {Data: []byte("id,name,email,company,title\n" +
			"1,Me Me,me@example.com,,\n" +
			"2,Cora Vance,cora@example.com,,CEO\n" + // title only: it wins over the card's
			"3,Dan Wu,dan@example.com,Wuco,\n" + // company only: the card's title fills in
			"4,Eva Lund,eva@example.com,Lund AB,Chair\n")}, // both: the card gives nothing
		"interactions.csv": {Data: []byte("time,from,to\n2025-01-02T10:00:00Z,me@example.com,cora@example.com\n")},
		"cards.vcf": {Data: []byte(
			"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Cora Vance\r\nEMAIL:cora@example.com\r\nORG:Vance Labs\r\nTITLE:Engineer\r\nEND:VCARD\r\n" +
				"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Dan Wu\r\nEMAIL:dan@example.com\r\nTITLE:Director\r\nEND:VCARD\r\n" +
				"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Eva Lund\r\nEMAIL:eva@example.com\r\nORG:Other\r\nTITLE:Clerk\r\nEND:VCARD\r\n")},
	}
	ds, err := Load([]Source{{Name: "x", FS: fsys}}, Options{Me: "me@example.com"})
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []struct{ name, company, title string }{
		{"Cora Vance", "Vance Labs", "CEO"},
		{"Dan Wu", "Wuco", "Director"},
		{"Eva Lund", "Lund AB", "Chair"},
	} {
		ps := personByName(ds, want.name)
		if len(ps) != 1 {
			t.Errorf("%s: %d people, want 1", want.name, len(ps))
			continue
		}
		if ps[0].Company != want.company || ps[0].Title != want.title {
			t.Errorf("%s: %q, %q; want %q, %q", want.name, ps[0].Company, ps[0].Title, want.company, want.title)
		}
	}
}

// One person under two addresses is one person: two people-file rows with one name and one
// company, different e-mails and ids, and nothing else that differs (the Enron corpus lists 31
// of its 184 employees so: James Steffes as d..steffes@ and james.steffes@) are joined, and a
// bare mention of the name finds them. Namesakes whose titles, teams or departments differ stay
// apart, as do records of different companies or of none (issue 14, item 9).
func TestOnePersonTwoAddresses(t *testing.T) {
	fixture := fstest.MapFS{}
	for _, f := range []string{"people.csv", "interactions.csv"} {
		b, err := os.ReadFile("../testdata/sources/one-person-two-addresses/" + f)
		if err != nil {
			t.Fatal(err)
		}
		fixture[f] = &fstest.MapFile{Data: b}
	}
	load := func(fsys fstest.MapFS) *Dataset {
		t.Helper()
		ds, err := Load([]Source{{Name: "x", FS: fsys}}, Options{Me: "ola@example.com"})
		if err != nil {
			t.Fatal(err)
		}
		return ds
	}
	ds := load(fixture)
	ps := personByName(ds, "Tomas Reyes")
	if len(ps) != 1 {
		t.Fatalf("%d Tomas Reyes, want 1: %+v", len(ps), ps)
	}
	tomas := ps[0]
	if want := "2 3 t..reyes@example.com tomas.reyes@example.com"; strings.Join(tomas.Keys, " ") != want {
		t.Errorf("keys %q, want %q", tomas.Keys, want)
	}
	if n := len(personByName(ds, "Wei Zhang")); n != 2 {
		t.Errorf("%d Wei Zhangs, want 2 (an analyst and a chief engineer)", n)
	}
	if got := strings.Join(ds.Coverage.NamesAmbiguous, ","); got != "wei zhang" {
		t.Errorf("ambiguous %q", got)
	}
	// Merges are reported: each of the five others (Ola among them) is named by the people file
	// and by the interactions (5); Tomas's two rows are joined (1), and he is named by both (1).
	if ds.Coverage.PeopleMerged != 7 {
		t.Errorf("%d merges reported, want 7", ds.Coverage.PeopleMerged)
	}
	// The messages reach the one Tomas by either address and by his name alone; the one from
	// one of his addresses to the other is no longer between two people.
	idx := slices.IndexFunc(ds.People, func(p Person) bool { return p.ID == tomas.ID })
	var at []string
	for _, in := range ds.Interactions {
		if in.From == idx || slices.Contains(in.To, idx) {
			at = append(at, in.Time.Format("01-02T15"))
		}
	}
	if got := strings.Join(at, " "); got != "05-06T09 05-07T09 05-07T10 05-08T09" {
		t.Errorf("Tomas in the messages of %s", got)
	}
	// The people file's rows in the other order give the same people.
	lines := strings.Split(strings.TrimSpace(string(fixture["people.csv"].Data)), "\n")
	slices.Reverse(lines[1:])
	reversed := fstest.MapFS{"people.csv": {Data: []byte(strings.Join(lines, "\n") + "\n")}, "interactions.csv": fixture["interactions.csv"]}
	ids := func(ds *Dataset) (out []string) {
		for _, p := range ds.People {
			out = append(out, p.ID+" "+p.Name+" "+p.Title)
		}
		return out
	}
	if a, b := ids(ds), ids(load(reversed)); !slices.Equal(a, b) {
		t.Errorf("row order changed the people:\n%q\n%q", a, b)
	}

	// A Tomas Reyes of another company and one with no company stay apart, and so do two Rui
	// Sás of different teams; the bare name then finds no one.
	more := fstest.MapFS{"more.csv": {Data: []byte("id,name,email,company,team\n" +
		"a,Tomas Reyes,treyes@other.example,Other Co,\n" +
		"b,Rui Sá,rui@example.com,Norvik,Ops\nc,Rui Sá,r.sa@example.com,Norvik,Core\n")},
		"cards.vcf": {Data: []byte("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Tomas Reyes\r\nEMAIL:tomas@home.example\r\nEND:VCARD\r\n")}}
	for k, v := range fixture {
		more[k] = v
	}
	ds = load(more)
	var norvik int
	for _, p := range personByName(ds, "Tomas Reyes") {
		if p.Company == "Norvik" {
			norvik++
			if strings.Join(p.Keys, " ") != strings.Join(tomas.Keys, " ") {
				t.Errorf("Tomas Reyes of Norvik: keys %q", p.Keys)
			}
		}
	}
	if norvik != 1 {
		t.Errorf("%d Tomas Reyes at Norvik, want 1", norvik)
	}
	if n := len(personByName(ds, "Rui Sá")); n != 2 {
		t.Errorf("%d Rui Sás, want 2", n)
	}
	if got := strings.Join(ds.Coverage.NamesAmbiguous, ","); got != "rui sá,tomas reyes,wei zhang" {
		t.Errorf("ambiguous %q", got)
	}
}
