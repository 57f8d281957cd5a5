package importers

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"os"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/xuri/excelize/v2"
)

// A newcomer's inputs (issue 14): Connections.csv alone in every shape a user has it, --me
// beside a LinkedIn export, relmap's own outputs inside an input, workbooks, undated data.

// connectionsOf is what a run keeps of each connection: name, company, title and the day
// connected, sorted, for comparing the shapes of one Connections.csv.
func connectionsOf(t *testing.T, ds *Dataset) []string {
	t.Helper()
	var out []string
	for _, tie := range ds.Ties {
		if tie.Kind != Connection {
			continue
		}
		if tie.From != ds.Ego {
			t.Errorf("a connection not from the owner: %+v", tie)
		}
		p := ds.People[tie.To]
		out = append(out, fmt.Sprintf("%s|%s|%s|%s", p.Name, p.Company, p.Title, tie.Time.Format("2006-01-02")))
	}
	slices.Sort(out)
	return out
}

// Connections.csv alone — as LinkedIn writes it, re-saved by Excel as CSV, and as .xlsx — maps
// as "you", tied to every connection, with the same people, titles and dates from each.
func TestConnectionsAlone(t *testing.T) {
	var want []string
	for _, dir := range []string{"connections-only", "connections-excel-csv", "connections-xlsx"} {
		ds := loadDir(t, dir)
		if len(ds.Problems) > 0 {
			t.Errorf("%s: %v", dir, ds.Problems)
		}
		if ds.Ego < 0 || ds.People[ds.Ego].Name != "you" {
			t.Fatalf("%s: ego %d, want the unnamed owner \"you\"", dir, ds.Ego)
		}
		got := connectionsOf(t, ds)
		if len(got) != 6 {
			t.Errorf("%s: %d connections, want 6: %v", dir, len(got), got)
		}
		if want == nil {
			want = got
			if !slices.Contains(want, "Dev Okafor|Tailspin Toys|Chief Executive Officer|2023-06-07") {
				t.Errorf("%s: %v", dir, want)
			}
			continue
		}
		if !slices.Equal(got, want) {
			t.Errorf("%s:\n got %v\nwant %v", dir, got, want)
		}
	}
}

// --me names the owner of a LinkedIn export: a name the export does not hold names "you", and
// an e-mail of another source joins the owner — one ego, never two.
func TestMeNamesTheOwner(t *testing.T) {
	ds, err := Load([]Source{{Name: "connections-only", FS: os.DirFS("../testdata/linkedin/connections-only")}}, Options{Me: "Sam Rivera"})
	if err != nil {
		t.Fatal(err)
	}
	if got := ds.People[ds.Ego].Name; got != "Sam Rivera" {
		t.Errorf("ego %q, want Sam Rivera", got)
	}
	if n := len(connectionsOf(t, ds)); n != 6 {
		t.Errorf("%d connections of the named owner, want 6", n)
	}

	srcs := []Source{
		{Name: "samples", FS: os.DirFS("../testdata/linkedin/samples")},
		{Name: "owner-mail", FS: os.DirFS("../testdata/sources/owner-mail")},
	}
	ds, err = Load(srcs, Options{Me: "jordan.pike@acme.example"})
	if err != nil {
		t.Fatal(err)
	}
	ego := ds.People[ds.Ego]
	if ego.Name != "Jordan Pike" || !slices.Contains(ego.Keys, "jordan.pike@acme.example") || !slices.Contains(ego.Keys, "www.linkedin.com/in/jordan-pike-1a2b3c") {
		t.Errorf("ego %+v: want Jordan Pike with the profile URL and the mail address", ego)
	}
	if n := len(personByName(ds, "Jordan Pike")); n != 1 {
		t.Errorf("%d people named Jordan Pike, want the ego alone", n)
	}
	for _, in := range ds.Interactions {
		if ds.People[in.From].Email == "jordan.pike@acme.example" && in.From != ds.Ego {
			t.Errorf("a mail from the owner's address is not the ego's: %+v", in)
		}
	}
}

// relmap never reads its own outputs (SPEC §2.5a): a folder holding history.db, runs/ or a
// run.json is skipped and named; a ranked.csv given as annotations is refused and named.
func TestOwnOutputsNotRead(t *testing.T) {
	conn, err := os.ReadFile("../testdata/linkedin/connections-only/Connections.csv")
	if err != nil {
		t.Fatal(err)
	}
	ranked := "rank,id,name,company,title,category,hops,tie,influence,reach,importance,status,status_label,status_basis,zone,tier\n" +
		"1,0123456789ab,Dev Okafor,Tailspin Toys,CEO,,2,1,0.9,0.5,0.8,1,supporter,inferred,champion,1\n"
	fsys := fstest.MapFS{
		"Connections.csv":                         {Data: conn},
		"out/history.db":                          {Data: []byte("SQLite format 3\x00")},
		"out/runs/20260101T000000Z/ranked.csv":    {Data: []byte(ranked)},
		"old/run.json":                            {Data: []byte("{}")},
		"old/ranked.csv":                          {Data: []byte(ranked)},
		"mine/ranked.csv":                         {Data: []byte(ranked)},
		"mine/notes.pdf":                          {Data: []byte("%PDF")},
		"runs-of-mine/runs/x/stakeholder-map.svg": {Data: []byte("<svg/>")},
	}
	ds, err := Load([]Source{{Name: "export", FS: fsys}}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var notRead []string
	for _, n := range ds.Coverage.NotRead {
		notRead = append(notRead, n.Name+" — "+n.Reason)
	}
	want := []string{
		"export:mine/notes.pdf — not a kind of file relmap reads",
		"export:mine/ranked.csv — relmap's own ranked.csv, never read as annotations",
		"export:old/ — relmap's own output",
		"export:out/ — relmap's own output",
		"export:runs-of-mine/ — relmap's own output",
	}
	slices.Sort(notRead)
	if !slices.Equal(notRead, want) {
		t.Errorf("not read:\n got %q\nwant %q", notRead, want)
	}
	for _, p := range ds.People {
		if !math.IsNaN(p.Declared.Status) {
			t.Errorf("%s has a declared status read from a ranked.csv", p.Name)
		}
	}
	// One problem, which the command words with its advice (relmap annotate --template).
	var fp *FileProblem
	if len(ds.Problems) != 1 || !errors.As(ds.Problems[0], &fp) || fp.Problem != OwnRanked || fp.File != "export:mine/ranked.csv" {
		t.Errorf("problems %v: want one, a FileProblem OwnRanked for export:mine/ranked.csv", ds.Problems)
	}
}

// A ties-only network has no date at all: an undated run, not an error (SPEC §2.5).
func TestUndated(t *testing.T) {
	ties, err := os.ReadFile("../testdata/generic/ties-undated.csv")
	if err != nil {
		t.Fatal(err)
	}
	fsys := fstest.MapFS{"ties-undated.csv": {Data: ties}}
	ds, err := Load([]Source{{Name: "ties-undated.csv", FS: fsys}}, Options{Me: "Ana Ruiz"})
	if err != nil {
		t.Fatal(err)
	}
	if !ds.Coverage.Undated || !ds.AsOf.IsZero() || ds.AsOfFrom != "undated" || len(ds.Ties) != 12 {
		t.Errorf("undated %v, as of %v (%s), %d ties: want undated, zero, 12 ties", ds.Coverage.Undated, ds.AsOf, ds.AsOfFrom, len(ds.Ties))
	}
	// With any dated evidence the run is dated as before.
	ds, err = Load([]Source{{Name: "ties-undated.csv", FS: fsys}}, Options{Me: "Ana Ruiz", AsOf: time.Date(2026, 1, 2, 0, 0, 0, 0, time.UTC)})
	if err != nil || ds.Coverage.Undated || ds.AsOfFrom != "flag" {
		t.Errorf("with --as-of: %v, undated %v, from %q", err, ds.Coverage.Undated, ds.AsOfFrom)
	}
}

// workbook writes an .xlsx with the given sheets (each a list of rows; a time.Time cell is a
// date cell shown as d-mmm-yy, as Excel shows a date it converted).
func workbook(t testing.TB, sheets map[string][][]any, order ...string) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	date, err := f.NewStyle(&excelize.Style{NumFmt: 22}) // m/d/yy hh:mm
	if err != nil {
		t.Fatal(err)
	}
	for i, name := range order {
		if i == 0 {
			f.SetSheetName("Sheet1", name)
		} else if _, err := f.NewSheet(name); err != nil {
			t.Fatal(err)
		}
		for r, row := range sheets[name] {
			cell, _ := excelize.CoordinatesToCellName(1, r+1)
			if err := f.SetSheetRow(name, cell, &row); err != nil {
				t.Fatal(err)
			}
			for c, v := range row {
				if _, ok := v.(time.Time); ok {
					cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
					f.SetCellStyle(name, cell, cell, date)
				}
			}
		}
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// Each sheet of a workbook is read as a CSV would be, by its header: people and interactions
// side by side, date cells read whatever their format, problems positioned by sheet and row,
// an empty sheet named.
func TestWorkbookSheets(t *testing.T) {
	at := time.Date(2026, 3, 2, 9, 30, 0, 0, time.UTC)
	book := workbook(t, map[string][][]any{
		"People": {{"id", "name", "email", "title"}, {"1", "Ana Ruiz", "ana@example.org", "Head of Sales"}, {"2", "Bo Lind", "bo@example.org", "Chief Executive Officer"}},
		"Mail": {
			{"time", "from", "to", "channel"},
			{at, "ana@example.org", "bo@example.org; cy@example.org", "email"},
			{"not a date", "bo@example.org", "ana@example.org", "email"},
			{"2026-03-03 10:00", "bo@example.org", "ana@example.org", "email"},
		},
		"Empty": nil,
	}, "People", "Mail", "Empty")
	fsys := fstest.MapFS{"book.xlsx": {Data: book}}
	ds, err := Load([]Source{{Name: "book.xlsx", FS: fsys}}, Options{Me: "ana@example.org"})
	if err != nil {
		t.Fatal(err)
	}
	var kinds []string
	for _, f := range ds.Coverage.Files {
		kinds = append(kinds, fmt.Sprintf("%s %s %d/%d", f.Name, f.Kind, f.Used, f.Rows))
	}
	if want := []string{"book.xlsx:People people 2/2", "book.xlsx:Mail interactions 2/3"}; !slices.Equal(kinds, want) {
		t.Errorf("files %q, want %q", kinds, want)
	}
	if len(ds.Problems) != 1 || !strings.HasPrefix(ds.Problems[0].Error(), "book.xlsx:Mail:3: time: ") {
		t.Errorf("problems %v: want one at book.xlsx:Mail:3: time", ds.Problems)
	}
	if len(ds.Coverage.NotRead) != 1 || ds.Coverage.NotRead[0].Name != "book.xlsx:Empty" {
		t.Errorf("not read %v: want the empty sheet", ds.Coverage.NotRead)
	}
	if len(ds.Interactions) != 2 || !ds.Interactions[0].Time.Equal(at) || len(ds.Interactions[0].To) != 2 {
		t.Fatalf("interactions %+v: want the date cell's time, and two recipients split on ;", ds.Interactions)
	}
	if bo := personByName(ds, "Bo Lind"); len(bo) != 1 || bo[0].Title != "Chief Executive Officer" {
		t.Errorf("Bo Lind: %+v", bo)
	}
}

// dateCell writes a date serial under a date format as ISO 8601, and leaves every other cell
// as Excel shows it.
func TestDateCell(t *testing.T) {
	for _, c := range []struct{ shown, raw, want string }{
		{"7-Jun-22", "44719", "2022-06-07"},
		{"03-14-25 9:30", "45730.395833333336", "2025-03-14 09:30:00"},
		{"3/14/25 09:30", "45730.395833333336", "2025-03-14 09:30:00"},
		{"Ana Ruiz", "Ana Ruiz", "Ana Ruiz"},
		{"1,234", "1234", "1,234"},    // a number with separators
		{"12.35", "12.3456", "12.35"}, // a number shown rounded
		{"9:30", "0.3958333", "9:30"}, // a time of day alone
		{"50%", "0.5", "50%"},
		{"2026-01-02", "2026-01-02", "2026-01-02"}, // text that looks like a date
	} {
		if got := dateCell(c.shown, c.raw, false); got != c.want {
			t.Errorf("dateCell(%q, %q) = %q, want %q", c.shown, c.raw, got, c.want)
		}
	}
	if got := dateCell("7-Jun-22", "43257", true); got != "2022-06-07" { // the 1904 date system
		t.Errorf("1904: %q", got)
	}
}

// FuzzReadWorkbook: any bytes named .xlsx load without a panic, and whatever they give is
// positioned (SPEC §6).
func FuzzReadWorkbook(f *testing.F) {
	if b, err := os.ReadFile("../testdata/linkedin/connections-xlsx/Connections.xlsx"); err == nil {
		f.Add(b)
	}
	f.Add(workbook(f, map[string][][]any{"S": {{"a", "b", "weight"}, {"x", "y", 2}}}, "S"))
	f.Add([]byte("PK\x03\x04"))
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzLoad(t, "Connections.xlsx", data)
	})
}
