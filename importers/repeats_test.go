package importers

import (
	"fmt"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

// TestRepeatedMessagesLetGo reads one messages file under five names (a zip of the same
// export file again and again): the copies are let go as they are read, yet counted as
// build always counted them, duplicates of the first file's messages.
func TestRepeatedMessagesLetGo(t *testing.T) {
	var b strings.Builder
	b.WriteString("CONVERSATION ID,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,DATE,CONTENT,FOLDER\n")
	const rows = 300
	after := 0 // rows after 2025-03-14
	for i := range rows {
		if 1+i%28 > 14 {
			after += 2
		}
		// Every row twice: two messages of one file in the same minute are two messages.
		fmt.Fprintf(&b, "c%d,Maren Holtby,https://www.linkedin.com/in/maren,Jordan Pike,https://www.linkedin.com/in/jordan,2025-03-%02d 09:%02d:07 UTC,hi,INBOX\n", i%9, 1+i%28, i%60)
		fmt.Fprintf(&b, "c%d,Maren Holtby,https://www.linkedin.com/in/maren,Jordan Pike,https://www.linkedin.com/in/jordan,2025-03-%02d 09:%02d:07 UTC,hi,INBOX\n", i%9, 1+i%28, i%60)
	}
	// The last copy has one message of its own.
	fsys := fstest.MapFS{}
	for i := range 5 {
		body := b.String()
		if i == 4 {
			body += "c1,Maren Holtby,https://www.linkedin.com/in/maren,Jordan Pike,https://www.linkedin.com/in/jordan,2025-02-01 10:00:00 UTC,new,INBOX\n"
		}
		fsys[fmt.Sprintf("messages_%d.csv", i)] = &fstest.MapFile{Data: []byte(body)}
	}
	read := func(opt Options) *Dataset {
		l := newLoader(opt)
		if err := l.readSource(Source{Name: "x", FS: fsys}, nil); err != nil {
			t.Fatal(err)
		}
		held := len(l.events)
		ds, err := l.build(opt)
		if err != nil {
			t.Fatal(err)
		}
		if want := 2*rows + 1; held != want {
			t.Errorf("%d messages held after reading, want %d (one file's and the new one)", held, want)
		}
		return ds
	}
	ds := read(Options{})
	if got, want := len(ds.Interactions), 2*rows+1; got != want {
		t.Errorf("%d interactions, want %d", got, want)
	}
	if got, want := ds.Coverage.Duplicates, 4*2*rows; got != want {
		t.Errorf("%d duplicates, want %d", got, want)
	}
	// Evidence after the as-of day counts as such in every copy, as when all were held.
	ds = read(Options{AsOf: time.Date(2025, 3, 14, 0, 0, 0, 0, time.UTC)})
	if got, want := ds.Coverage.AfterAsOf, 5*after; got != want {
		t.Errorf("%d after the as-of day, want %d", got, want)
	}
	if got, want := ds.Coverage.Duplicates, 4*(2*rows-after); got != want {
		t.Errorf("%d duplicates, want %d", got, want)
	}
}

// TestRepeatedInteractionsLetGo is TestRepeatedMessagesLetGo for a generic interactions file.
func TestRepeatedInteractionsLetGo(t *testing.T) {
	var b strings.Builder
	b.WriteString("from,to,cc,time,channel\n")
	const rows = 300
	for i := range rows {
		for range 2 {
			fmt.Fprintf(&b, "ana@x.example,bo@x.example,cy@x.example,2025-03-%02dT09:%02d:07Z,email\n", 1+i%28, i%60)
		}
	}
	fsys := fstest.MapFS{}
	for i := range 5 {
		body := b.String()
		if i == 4 {
			body += "ana@x.example,bo@x.example,,2025-02-01T10:00:00Z,email\n"
		}
		fsys[fmt.Sprintf("interactions_%d.csv", i)] = &fstest.MapFile{Data: []byte(body)}
	}
	l := newLoader(Options{NoOwner: true})
	if err := l.readSource(Source{Name: "x", FS: fsys}, nil); err != nil {
		t.Fatal(err)
	}
	if got, want := l.gevents.n, 2*rows+1; got != want {
		t.Errorf("%d interactions held after reading, want %d (one file's and the new one)", got, want)
	}
	ds, err := l.build(Options{NoOwner: true})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := len(ds.Interactions), 2*rows+1; got != want {
		t.Errorf("%d interactions, want %d", got, want)
	}
	if got, want := ds.Coverage.Duplicates, 4*2*rows; got != want {
		t.Errorf("%d duplicates, want %d", got, want)
	}
}
