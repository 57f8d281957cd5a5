package history

import (
	"bytes"
	"database/sql"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/relmap/relmap/analysis"
)

func open(t *testing.T) *Store {
	t.Helper()
	s, err := Open(filepath.Join(t.TempDir(), "history.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

var day = time.Date(2026, 3, 14, 6, 0, 0, 0, time.UTC)

func result(people ...analysis.Person) *analysis.Result {
	return &analysis.Result{People: people}
}

func TestCommitAndRead(t *testing.T) {
	s := open(t)
	run := Run{ID: "20260314T060000Z", Out: "/x/out", Started: day, AsOf: "2026-03-14", Ego: "e1", InputsDigest: "abc", Config: "me: x\n", Version: "dev"}
	if err := s.Begin(run); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.Runs("/x/out"); len(got) != 0 {
		t.Fatalf("a begun run is listed as complete: %v", got)
	}
	if got, _ := s.Incomplete("/x/out"); len(got) != 1 || got[0].ID != run.ID {
		t.Fatalf("Incomplete = %v, want the begun run", got)
	}
	ana := analysis.Person{Rank: 1, ID: "p1", Name: "Ana Ruiz", Company: "Acme", Tie: 1.5, Influence: 0.8, Reach: 0.5, Importance: 0.7,
		Status: 0.3, StatusLabel: "supporter", Zone: "champion", Tier: "friend", TierBelow: 1, Community: "Acme",
		LastContact: time.Date(2026, 1, 2, 0, 0, 0, 0, time.UTC)}
	bo := analysis.Person{Rank: 2, ID: "p2", Name: "Bo", Tie: math.NaN(), Influence: math.NaN(), Reach: 0.1, Importance: 0.1,
		StatusLabel: "neutral", Zone: "background", Dormant: true}
	if err := s.Commit(run.ID, day.Add(time.Minute), []Map{{Key: "", Result: result(ana, bo)}, {Key: "team-a", Result: result(bo)}}); err != nil {
		t.Fatal(err)
	}
	if err := s.Commit(run.ID, day, nil); err == nil {
		t.Error("a run committed twice: want an error")
	}
	runs, err := s.Runs("/x/out")
	if err != nil || len(runs) != 1 {
		t.Fatalf("Runs = %v, %v", runs, err)
	}
	if r := runs[0]; !r.Complete() || r.People != 3 || !r.Started.Equal(day) || r.Config != "me: x\n" {
		t.Errorf("run = %+v", r)
	}
	if other, _ := s.Runs("/elsewhere"); len(other) != 0 {
		t.Errorf("runs of another output folder listed: %v", other)
	}
	got, err := s.Scores(run.ID, "")
	if err != nil {
		t.Fatal(err)
	}
	want := []Score{
		{Person: "p1", Name: "Ana Ruiz", Company: "Acme", Rank: 1, Tie: 1.5, Influence: 0.8, Reach: 0.5, Importance: 0.7, Status: 0.3,
			StatusLabel: "supporter", Zone: "champion", Tier: "friend", TierBelow: 1, Community: "Acme", LastContact: "2026-01-02"},
		{Person: "p2", Name: "Bo", Rank: 2, Tie: math.NaN(), Influence: math.NaN(), Reach: 0.1, Importance: 0.1, StatusLabel: "neutral",
			Zone: "background", Dormant: true},
	}
	if d := cmp.Diff(want, got, cmpopts.EquateNaNs()); d != "" {
		t.Errorf("Scores (-want +got):\n%s", d)
	}
	if maps, _ := s.Maps(run.ID); !cmp.Equal(maps, []string{"", "team-a"}) {
		t.Errorf("Maps = %q", maps)
	}
	var v string
	if err := s.db.QueryRow(`PRAGMA integrity_check`).Scan(&v); v != "ok" || err != nil {
		t.Errorf("integrity_check = %q, %v", v, err)
	}
}

func TestDiscardAndForget(t *testing.T) {
	s := open(t)
	for i, id := range []string{"r1", "r2"} {
		if err := s.Begin(Run{ID: id, Out: "/o", Started: day.AddDate(0, 0, i)}); err != nil {
			t.Fatal(err)
		}
	}
	p := analysis.Person{Rank: 1, ID: "p1", Name: "Ana Ruiz"}
	if err := s.Commit("r1", day, []Map{{Result: result(p, analysis.Person{Rank: 2, ID: "p2", Name: "Bo"})}}); err != nil {
		t.Fatal(err)
	}
	if err := s.Discard("r2"); err != nil {
		t.Fatal(err)
	}
	if err := s.Discard("r1"); err != nil { // complete runs are never discarded
		t.Fatal(err)
	}
	if got, _ := s.Runs("/o"); len(got) != 1 || got[0].ID != "r1" {
		t.Errorf("after Discard, Runs = %v", got)
	}
	if inc, _ := s.Incomplete("/o"); len(inc) != 0 {
		t.Errorf("after Discard, Incomplete = %v", inc)
	}
	m, err := s.Match("ana ruiz")
	if err != nil || !cmp.Equal(m, map[string]string{"p1": "Ana Ruiz"}) {
		t.Fatalf("Match = %v, %v", m, err)
	}
	n, err := s.Forget("p1")
	if err != nil || n != 1 {
		t.Fatalf("Forget = %d, %v", n, err)
	}
	if m, _ := s.Match("p1"); len(m) != 0 {
		t.Errorf("p1 still in the history: %v", m)
	}
	if got, _ := s.Scores("r1", ""); len(got) != 1 || got[0].Person != "p2" {
		t.Errorf("Forget took more than the person: %v", got)
	}
}

func TestNewerSchemaRefused(t *testing.T) {
	path := filepath.Join(t.TempDir(), "h.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.db.Exec(`PRAGMA user_version = 99`); err != nil {
		t.Fatal(err)
	}
	s.Close()
	if _, err := Open(path); err == nil {
		t.Fatal("a history of a newer schema opened: want an error")
	}
	// Reopening a current one applies nothing and keeps the data.
	h2 := filepath.Join(t.TempDir(), "h2.db")
	s2, err := Open(h2)
	if err != nil {
		t.Fatal(err)
	}
	s2.Begin(Run{ID: "r", Out: "/o", Started: day})
	s2.Close()
	s3, err := Open(h2)
	if err != nil {
		t.Fatal(err)
	}
	defer s3.Close()
	if inc, _ := s3.Incomplete("/o"); len(inc) != 1 {
		t.Errorf("reopened history lost its run: %v", inc)
	}
}

func TestCompare(t *testing.T) {
	sc := func(id string, rank int, zone, label string, infl float64, dormant bool, tier string) Score {
		return Score{Person: id, Name: "N" + id, Rank: rank, Zone: analysis.Zone(zone), StatusLabel: analysis.StatusLabel(label), Influence: infl, Dormant: dormant, Tier: analysis.Tier(tier)}
	}
	before := []Score{
		sc("a", 1, "champion", "supporter", 0.9, false, "friend"),
		sc("b", 2, "background", "neutral", 0.2, false, "acquaintance"),
		sc("c", 3, "ally", "supporter", 0.3, false, "acquaintance"),
		sc("gone", 4, "watch", "detractor", 0.1, false, ""),
	}
	after := []Score{
		sc("b", 1, "key to engage", "neutral", 0.75, false, "acquaintance"),         // riser, zone move
		sc("a", 2, "area for improvement", "detractor", 0.85, true, "acquaintance"), // new detractor, zone, dormant, tier
		sc("c", 3, "ally", "supporter", 0.3-0.099, false, "acquaintance"),           // under the bar: nothing
		sc("new", 4, "watch", "detractor", 0.1, false, ""),                          // entered as a detractor
	}
	c := Compare(RunRef{Run: "r1"}, RunRef{Run: "r2"}, before, after)
	names := func(ms []Move) []string {
		var out []string
		for _, m := range ms {
			out = append(out, m.Person+":"+m.From+">"+m.To)
		}
		return out
	}
	check := func(what string, got, want []string) {
		t.Helper()
		if !cmp.Equal(got, want, cmpopts.EquateEmpty()) {
			t.Errorf("%s = %q, want %q", what, got, want)
		}
	}
	check("zone moves", names(c.ZoneMoves), []string{"b:background>key to engage", "a:champion>area for improvement"})
	check("new detractors", names(c.NewDetractors), []string{"a:supporter>detractor", "new:>detractor"})
	check("risers", names(c.Risers), []string{"b:>"})
	check("fallers", names(c.Fallers), nil)
	check("dormant", names(c.GoneDormant), []string{"a:>"})
	check("tiers", names(c.TierMoves), []string{"a:friend>acquaintance"})
	if c.Entered != 1 || c.Left != 1 {
		t.Errorf("entered %d, left %d; want 1, 1", c.Entered, c.Left)
	}
	if *c.Risers[0].Delta != 0.55 {
		t.Errorf("riser delta = %v, want 0.55", *c.Risers[0].Delta)
	}
	if Compare(RunRef{}, RunRef{}, before, before).Empty() != true {
		t.Error("a run compared with itself has changes")
	}
}

// ByMovement puts the team with a new detractor before the one with more zone moves, and
// the one with most zone moves before those with risers only; ties go by name.
func TestByMovement(t *testing.T) {
	m := func(key string, detractors, zones, risers, entered int) *Changes {
		return &Changes{Map: key, NewDetractors: make([]Move, detractors), ZoneMoves: make([]Move, zones), Risers: make([]Move, risers), Entered: entered}
	}
	cs := []*Changes{m("quiet", 0, 0, 0, 0), m("newcomers", 0, 0, 0, 9), m("risers", 0, 0, 3, 0), m("zones b", 0, 2, 0, 0),
		m("zones a", 0, 2, 0, 0), m("many zones", 0, 7, 5, 0), m("detractor", 1, 0, 0, 0)}
	slices.SortFunc(cs, ByMovement)
	var got []string
	for _, c := range cs {
		got = append(got, c.Map)
	}
	want := []string{"detractor", "many zones", "zones a", "zones b", "risers", "newcomers", "quiet"}
	if !slices.Equal(got, want) {
		t.Errorf("order %q, want %q", got, want)
	}
}

// Forget leaves no copy of the person in the database file or its log, even where earlier
// runs' pages held them (VACUUM), and refuses to claim success while a reader holds the log.
func TestForgetLeavesNoCopy(t *testing.T) {
	path := filepath.Join(t.TempDir(), "history.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	names := []string{"Ana Forgettable", "Bo Keepme", "Cy Keepme", "Di Forgettable"}
	for run := range 5 {
		id := fmt.Sprintf("r%d", run)
		if err := s.Begin(Run{ID: id, Out: "/o", Started: day.AddDate(0, 0, run)}); err != nil {
			t.Fatal(err)
		}
		var people []analysis.Person
		for i, n := range names {
			for k := range 50 { // enough rows to spread over several pages
				people = append(people, analysis.Person{Rank: len(people) + 1, ID: fmt.Sprintf("p%d-%d", i, k), Name: n,
					Company: "Company of " + n, Title: fmt.Sprintf("Title %d of %s", run, n)})
			}
		}
		if err := s.Commit(id, day, []Map{{Result: result(people...)}}); err != nil {
			t.Fatal(err)
		}
	}
	for _, who := range []string{"Ana Forgettable", "Di Forgettable"} {
		for i := range 50 {
			prefix := map[string]int{"Ana Forgettable": 0, "Di Forgettable": 3}[who]
			if _, err := s.Forget(fmt.Sprintf("p%d-%d", prefix, i)); err != nil {
				t.Fatal(err)
			}
		}
	}
	for _, f := range []string{path, path + "-wal"} {
		b, err := os.ReadFile(f)
		if err != nil && !os.IsNotExist(err) {
			t.Fatal(err)
		}
		for _, n := range []string{"Ana Forgettable", "Di Forgettable"} {
			if bytes.Contains(b, []byte(n)) {
				t.Errorf("%s still holds %q after forget", filepath.Base(f), n)
			}
		}
		if f == path && !bytes.Contains(b, []byte("Bo Keepme")) {
			t.Errorf("forget took the others too")
		}
	}
	// A reader in the middle of a transaction keeps the log: forget says so.
	r, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	tx, err := r.Begin()
	if err != nil {
		t.Fatal(err)
	}
	var n int
	if err := tx.QueryRow(`SELECT COUNT(*) FROM scores`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	s.db.Exec(`PRAGMA busy_timeout = 100`)
	if _, err := s.Forget("p1-0"); err == nil {
		t.Error("forget claimed success while a reader held the log")
	}
	tx.Rollback()
}

// Several relmaps opening a new history at once migrate it once, without an error.
func TestConcurrentOpen(t *testing.T) {
	for trial := range 10 {
		path := filepath.Join(t.TempDir(), fmt.Sprintf("h%d.db", trial))
		errs := make(chan error, 4)
		for range 4 {
			go func() {
				s, err := Open(path)
				if err == nil {
					s.Close()
				}
				errs <- err
			}()
		}
		for range 4 {
			if err := <-errs; err != nil {
				t.Fatalf("trial %d: %v", trial, err)
			}
		}
	}
}

// Scores staged while a run's files are written are part of the history only once the run is
// committed; a run discarded before that takes them with it.
func TestStage(t *testing.T) {
	s := open(t)
	for i, id := range []string{"kept", "lost"} {
		if err := s.Begin(Run{ID: id, Out: "/o", Started: day.AddDate(0, 0, i)}); err != nil {
			t.Fatal(err)
		}
		if err := s.Stage(id, []Map{{Result: result(analysis.Person{Rank: 1, ID: "p-" + id, Name: id})}}); err != nil {
			t.Fatal(err)
		}
	}
	if m, _ := s.Match("p-kept"); len(m) != 1 {
		t.Fatalf("staged scores not recorded: %v", m)
	}
	if got, _ := s.Runs("/o"); len(got) != 0 {
		t.Fatalf("a staged run is listed as complete: %v", got)
	}
	if err := s.Commit("kept", day, nil); err != nil {
		t.Fatal(err)
	}
	if err := s.Discard("lost"); err != nil {
		t.Fatal(err)
	}
	runs, _ := s.Runs("/o")
	if len(runs) != 1 || runs[0].ID != "kept" || runs[0].People != 1 {
		t.Errorf("Runs = %+v, want kept with its one person", runs)
	}
	if m, _ := s.Match("p-lost"); len(m) != 0 {
		t.Errorf("a discarded run's staged scores stayed: %v", m)
	}
	if err := s.Stage("gone", []Map{{Result: result(analysis.Person{Rank: 1, ID: "x"})}}); err == nil {
		t.Error("scores staged for a run never begun: want an error")
	}
}

// Names are found as identity resolution compares them (Unicode case folding, honorifics
// dropped), and a forget stopped after its records went is finished by forgetting again: the
// retry finds the person, succeeds, and leaves no copy (issue 16, item 11).
func TestForgetFoldsAndFinishes(t *testing.T) {
	path := filepath.Join(t.TempDir(), "history.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Begin(Run{ID: "r1", Out: "/o", Started: day}); err != nil {
		t.Fatal(err)
	}
	et := analysis.Person{Rank: 1, ID: "p1", Name: "Étienne Delacôte"}
	if err := s.Commit("r1", day, []Map{{Result: result(et, analysis.Person{Rank: 2, ID: "p2", Name: "Bo"})}}); err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{"ÉTIENNE DELACÔTE", "Dr. étienne  delacôte", "E\u0301tienne Delaco\u0302te", "p1"} {
		if m, err := s.Match(key); err != nil || !cmp.Equal(m, map[string]string{"p1": "Étienne Delacôte"}) {
			t.Errorf("Match(%q) = %v, %v", key, m, err)
		}
	}
	// What a forget killed after its first transaction leaves behind.
	for _, q := range []string{`CREATE TABLE forgetting (person TEXT NOT NULL, name TEXT NOT NULL)`,
		`INSERT INTO forgetting SELECT DISTINCT person, name FROM scores WHERE person = 'p1'`,
		`DELETE FROM scores WHERE person = 'p1'`} {
		if _, err := s.db.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	s.Close()
	if s, err = Open(path); err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	m, err := s.Match("ÉTIENNE DELACÔTE")
	if err != nil || !cmp.Equal(m, map[string]string{"p1": "Étienne Delacôte"}) {
		t.Fatalf("after a stopped forget, Match = %v, %v", m, err)
	}
	if n, err := s.Forget("p1"); err != nil || n != 0 {
		t.Fatalf("the retry: Forget = %d, %v", n, err)
	}
	if m, _ := s.Match("p1"); len(m) != 0 {
		t.Errorf("p1 still found after the retry: %v", m)
	}
	for _, f := range []string{path, path + "-wal"} {
		if b, _ := os.ReadFile(f); bytes.Contains(b, []byte("Delacôte")) {
			t.Errorf("%s still holds the name", filepath.Base(f))
		}
	}
}
