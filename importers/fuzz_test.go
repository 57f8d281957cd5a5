package importers

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/relmap/relmap/fold"
)

// fuzzLoad loads data as the file name beside a minimal Profile.csv and checks the promises of
// SPEC §6: no panic, and every problem either a positioned *RowError or an error naming the file.
func fuzzLoad(t *testing.T, name string, data []byte) {
	fsys := fstest.MapFS{
		name:          {Data: data},
		"Profile.csv": {Data: []byte("First Name,Last Name,Headline\nFuzz,Owner,x\n")},
	}
	ds, err := Load([]Source{{Name: "fuzz.zip", FS: fsys}}, Options{})
	if err != nil {
		if !strings.Contains(err.Error(), "no dated evidence") {
			t.Fatalf("Load: %v", err)
		}
		return
	}
	for _, p := range ds.Problems {
		var re *RowError
		if !errors.As(p, &re) && !strings.Contains(p.Error(), "fuzz.zip:"+name) {
			t.Errorf("problem without a position: %v", p)
		}
		if re != nil && re.Line <= 0 {
			t.Errorf("row error without a line: %v", re)
		}
	}
	for _, f := range ds.Coverage.Files {
		skipped := 0
		for _, n := range f.Skipped {
			skipped += n
		}
		if f.Used+skipped > f.Rows+1 {
			t.Errorf("%s: %d used + %d skipped > %d rows", f.Name, f.Used, skipped, f.Rows)
		}
	}
	for _, in := range ds.Interactions {
		for _, to := range in.To {
			if to == in.From || to < 0 || to >= len(ds.People) {
				t.Errorf("bad recipient %d of %+v", to, in)
			}
		}
	}
}

func seed(f *testing.F, file string, extra ...string) {
	if b, err := os.ReadFile(filepath.Join("../testdata/linkedin/samples", file)); err == nil {
		f.Add(b)
	}
	for _, e := range extra {
		f.Add([]byte(e))
	}
}

func FuzzReadConnections(f *testing.F) {
	seed(f, "Connections.csv", "First Name,Last Name,Email Address,Company,Position,Connected On\n,,,,,07 Jun 2022\n", "\xff\xfeF\x00")
	f.Fuzz(func(t *testing.T, data []byte) { fuzzLoad(t, "Connections.csv", data) })
}

func FuzzReadMessages(f *testing.F) {
	seed(f, "messages.csv")
	seed(f, "messages_2026_quoted_variant.csv")
	f.Fuzz(func(t *testing.T, data []byte) { fuzzLoad(t, "messages.csv", data) })
}

func FuzzReadInvitations(f *testing.F) {
	seed(f, "Invitations.csv", "From,To,Sent At,Message,Direction\nA,B,\"1/1/20, 1:00 AM\",,INCOMING\n")
	f.Fuzz(func(t *testing.T, data []byte) { fuzzLoad(t, "Invitations.csv", data) })
}

func FuzzReadEndorsements(f *testing.F) {
	seed(f, "Endorsement_Received_Info.csv")
	f.Fuzz(func(t *testing.T, data []byte) { fuzzLoad(t, "Endorsement_Received_Info.csv", data) })
}

func FuzzReadRecommendations(f *testing.F) {
	seed(f, "Recommendations_Received.csv")
	f.Fuzz(func(t *testing.T, data []byte) { fuzzLoad(t, "Recommendations_Received.csv", data) })
}

func FuzzReadPositions(f *testing.F) {
	seed(f, "", "Company Name,Title,Description,Location,Started On,Finished On\nAcme,CTO,,,Sep 2019,\n")
	f.Fuzz(func(t *testing.T, data []byte) { fuzzLoad(t, "Positions.csv", data) })
}

func seedFile(f *testing.F, path string) {
	if b, err := os.ReadFile(path); err == nil {
		f.Add(b)
	}
}

func FuzzReadPeople(f *testing.F) {
	seedFile(f, "../testdata/generic/people.csv")
	f.Fuzz(func(t *testing.T, data []byte) { fuzzLoad(t, "people.csv", data) })
}

func FuzzReadInteractions(f *testing.F) {
	seedFile(f, "../testdata/generic/interactions.csv")
	f.Fuzz(func(t *testing.T, data []byte) { fuzzLoad(t, "interactions.csv", data) })
}

func FuzzReadTies(f *testing.F) {
	seedFile(f, "../testdata/generic/ties.csv")
	f.Fuzz(func(t *testing.T, data []byte) { fuzzLoad(t, "ties.csv", data) })
}

func FuzzReadAnnotations(f *testing.F) {
	seedFile(f, "../testdata/generic/annotations.csv")
	f.Fuzz(func(t *testing.T, data []byte) { fuzzLoad(t, "annotations.csv", data) })
}

func FuzzReadAddressBook(f *testing.F) {
	seedFile(f, "../testdata/sources/google/contacts.csv")
	seedFile(f, "../testdata/sources/google/legacy.csv")
	seedFile(f, "../testdata/sources/outlook/contacts.csv")
	f.Fuzz(func(t *testing.T, data []byte) { fuzzLoad(t, "contacts-export.csv", data) })
}

func FuzzReadContacts(f *testing.F) {
	seedFile(f, "../testdata/linkedin/era2018/Imported Contacts.csv")
	f.Fuzz(func(t *testing.T, data []byte) { fuzzLoad(t, "Contacts.csv", data) })
}

func FuzzReadPairs(f *testing.F) {
	seedFile(f, "../testdata/generic/pairs.csv")
	f.Fuzz(func(t *testing.T, data []byte) { fuzzLoad(t, "pairs.csv", data) })
}

// FuzzFoldInteractions: relmap fold's reading of rows as written never panics, and what it
// writes reads back as pairs.
func FuzzFoldInteractions(f *testing.F) {
	seedFile(f, "../testdata/generic/interactions.csv")
	f.Fuzz(func(t *testing.T, data []byte) {
		fsys := fstest.MapFS{"interactions.csv": {Data: data}}
		var buf bytes.Buffer
		if _, err := FoldInteractions([]Source{{Name: "interactions.csv", FS: fsys, Kind: "interactions"}}, Options{}, 20, &buf); err != nil {
			return
		}
		if err := fold.Read(&buf, func(fold.KeyedUnit) error { return nil }); err != nil {
			t.Fatalf("relmap fold wrote pairs that do not read back: %v", err)
		}
	})
}
