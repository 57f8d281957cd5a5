package importers

import (
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
