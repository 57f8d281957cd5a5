package synth

import (
	"bytes"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"io"
	"math"
	"runtime"
	"slices"
	"sort"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/relmap/relmap/analysis"
	"github.com/relmap/relmap/importers"
)

// org is one generated organisation: both files and the truth.
type orgFiles struct {
	people, interactions []byte
	truth                *OrgTruth
}

func buildOrg(t testing.TB, opt OrgOptions) *orgFiles {
	t.Helper()
	var p, in bytes.Buffer
	tr, err := WriteOrg(&p, &in, opt)
	if err != nil {
		t.Fatalf("WriteOrg(%+v): %v", opt, err)
	}
	return &orgFiles{people: p.Bytes(), interactions: in.Bytes(), truth: tr}
}

// load reads both files as relmap does, mapped around teams (no single owner).
func (f *orgFiles) load(t testing.TB) *importers.Dataset {
	t.Helper()
	fsys := fstest.MapFS{
		"people.csv":       {Data: f.people},
		"interactions.csv": {Data: f.interactions},
	}
	end, _ := time.Parse(time.DateOnly, f.truth.End)
	ds, err := importers.Load([]importers.Source{{Name: "org", FS: fsys}}, importers.Options{NoOwner: true, AsOf: end})
	if err != nil {
		t.Fatalf("importers.Load: %v", err)
	}
	return ds
}

func readCSV(t testing.TB, b []byte) (header []string, rows [][]string) {
	t.Helper()
	recs, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return recs[0], recs[1:]
}

func TestWriteOrgDeterministic(t *testing.T) {
	opt := OrgOptions{People: 400, Interactions: 30000, Seed: 7}
	sum := func(f *orgFiles) string {
		h := sha256.New()
		h.Write(f.people)
		h.Write([]byte{0})
		h.Write(f.interactions)
		return hex.EncodeToString(h.Sum(nil))
	}
	a, b := buildOrg(t, opt), buildOrg(t, opt)
	if sum(a) != sum(b) {
		t.Fatal("the same options gave different bytes")
	}
	opt.Seed = 8
	if c := buildOrg(t, opt); sum(c) == sum(a) {
		t.Fatal("another seed gave the same bytes")
	}
	// The people depend on People, Teams and Seed only.
	opt.Seed, opt.Interactions = 7, 5000
	if c := buildOrg(t, opt); !bytes.Equal(c.people, a.people) {
		t.Error("people.csv changed with the number of interactions")
	}
}

func TestWriteOrgColumns(t *testing.T) {
	f := buildOrg(t, OrgOptions{People: 120, Interactions: 3000, Seed: 1})
	if h, _ := readCSV(t, f.people); strings.Join(h, ",") != orgPeopleHeader {
		t.Errorf("people header %q", h)
	}
	h, rows := readCSV(t, f.interactions)
	if strings.Join(h, ",") != orgInteractionsHeader {
		t.Errorf("interactions header %q", h)
	}
	var prev string
	channels := map[string]int{}
	for i, r := range rows {
		if r[0] < prev {
			t.Fatalf("row %d: %s before %s: rows are not in time order", i+2, r[0], prev)
		}
		prev = r[0]
		at, err := time.Parse(time.RFC3339, r[0])
		if err != nil {
			t.Fatal(err)
		}
		if d := at.Format(time.DateOnly); d < f.truth.Start || d > f.truth.End {
			t.Fatalf("row %d: %s outside %s … %s", i+2, r[0], f.truth.Start, f.truth.End)
		}
		to := strings.Split(r[2], ";")
		ch := r[3]
		channels[ch]++
		k := len(to) + 1
		switch {
		case k > broadcastBound:
		case ch == "chat" && k != 2, ch == "meeting" && (k < 3 || k > 15), ch == "email" && k > 9:
			t.Errorf("row %d: %s with %d participants", i+2, ch, k)
		}
		if slices.Contains(to, r[1]) {
			t.Errorf("row %d: the sender is among the recipients", i+2)
		}
		if (ch == "meeting") != (r[5] != "") {
			t.Errorf("row %d: %s with duration %q", i+2, ch, r[5])
		}
	}
	if channels["email"] != f.truth.Emails+f.truth.Broadcasts || channels["meeting"] != f.truth.Meetings || channels["chat"] != f.truth.Chats {
		t.Errorf("channels %v, truth %+v", channels, f.truth)
	}
}

// TestWriteOrgLoads reads the files with relmap's own readers: no problem, every person and
// row, every team and manager as planted.
func TestWriteOrgLoads(t *testing.T) {
	opt := OrgOptions{People: 500, Interactions: 25000, Teams: 18, Seed: 3}
	f := buildOrg(t, opt)
	tr := f.truth
	ds := f.load(t)
	for _, p := range ds.Problems {
		t.Errorf("problem: %v", p)
	}
	for _, fc := range ds.Coverage.Files {
		if len(fc.Skipped) > 0 || fc.Rows != fc.Used {
			t.Errorf("%s: %d rows, %d used, skipped %v", fc.Name, fc.Rows, fc.Used, fc.Skipped)
		}
	}
	if len(ds.People) != opt.People || tr.People != opt.People {
		t.Errorf("%d people loaded, truth %d, want %d", len(ds.People), tr.People, opt.People)
	}
	if len(ds.Coverage.NamesAmbiguous) > 0 || ds.Coverage.PeopleMerged != 0 {
		t.Errorf("names ambiguous %v, merged %d", ds.Coverage.NamesAmbiguous, ds.Coverage.PeopleMerged)
	}
	broadcasts := 0
	for _, in := range ds.Interactions {
		if len(in.To)+1 > broadcastBound {
			broadcasts++
		}
	}
	if len(ds.Interactions) != opt.Interactions || broadcasts != tr.Broadcasts || tr.Broadcasts == 0 ||
		tr.Emails+tr.Meetings+tr.Chats+tr.Broadcasts != opt.Interactions {
		t.Errorf("%d interactions loaded (%d broadcasts), want %d (%d broadcasts); truth %+v", len(ds.Interactions), broadcasts,
			opt.Interactions, tr.Broadcasts, tr)
	}

	// relmap ignores the broadcasts for ties, and counts them.
	end, _ := time.Parse(time.DateOnly, tr.End)
	fsys := fstest.MapFS{"people.csv": {Data: f.people}, "interactions.csv": {Data: f.interactions}}
	egoDS, err := importers.Load([]importers.Source{{Name: "org", FS: fsys}}, importers.Options{Me: tr.CEO, AsOf: end})
	if err != nil {
		t.Fatal(err)
	}
	res, err := analysis.Score(egoDS, analysis.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	if res.Coverage.Broadcasts != tr.Broadcasts {
		t.Errorf("relmap counted %d broadcasts, truth %d", res.Coverage.Broadcasts, tr.Broadcasts)
	}
	// Every team's map reports them too, though its own scorer never sees them.
	teamsDS, err := importers.Load([]importers.Source{{Name: "org", FS: fsys}}, importers.Options{NoOwner: true, AsOf: end})
	if err != nil {
		t.Fatal(err)
	}
	maps, err := teamMaps(teamsDS, analysis.Teams(teamsDS)[:2])
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range maps {
		if m.Coverage.Broadcasts != tr.Broadcasts {
			t.Errorf("a team's map counted %d broadcasts, truth %d", m.Coverage.Broadcasts, tr.Broadcasts)
		}
	}

	// Every person has a team and a manager, but the CEO, who has a team only.
	idOf := map[string]int{} // people-file id → index in ds.People
	for i, p := range ds.People {
		for _, k := range p.Keys {
			if strings.HasPrefix(k, "e") && !strings.Contains(k, "@") {
				idOf[k] = i
			}
		}
	}
	key := func(id string) int {
		i, ok := idOf[strings.ToLower(id)]
		if !ok {
			t.Fatalf("no person with id %s", id)
		}
		return i
	}
	managers := make([][]int, len(ds.People))
	for _, tie := range ds.Ties {
		if tie.Kind == importers.Manager {
			managers[tie.To] = append(managers[tie.To], tie.From)
		}
	}
	ceo := key(tr.CEO)
	for i, p := range ds.People {
		if p.Team == "" {
			t.Errorf("%s has no team", p.Name)
		}
		switch {
		case i == ceo && len(managers[i]) != 0:
			t.Errorf("the CEO has managers %v", managers[i])
		case i != ceo && len(managers[i]) != 1:
			t.Errorf("%s (%s) has %d managers", p.Name, p.Team, len(managers[i]))
		}
	}
	var names []string
	for _, tm := range tr.Teams {
		names = append(names, tm.Name)
		m := key(tm.Manager)
		for _, id := range tm.Members {
			i := key(id)
			if ds.People[i].Team != tm.Name {
				t.Errorf("%s is on %q, truth %q", id, ds.People[i].Team, tm.Name)
			}
			if i != m && !slices.Contains(managers[i], m) {
				t.Errorf("%s of %s does not report to the team's manager %s", id, tm.Name, tm.Manager)
			}
		}
	}
	if got := analysis.Teams(ds); !slices.Equal(got, names) || len(names) != opt.Teams {
		t.Errorf("analysis.Teams = %q, want the %d planted %q", got, opt.Teams, names)
	}
	for _, d := range tr.Departments {
		if h := key(d.Head); !slices.Contains(managers[h], ceo) {
			t.Errorf("head of %s does not report to the CEO", d.Name)
		}
	}
}

// TestWriteOrgHubs scores the map of every team a planted hub works with, as relmap run
// --ego 'team:*' does, and checks that each hub stands out as a broker: in the top 10 % by
// betweenness of the people ranked on some team's map.
func TestWriteOrgHubs(t *testing.T) {
	for _, seed := range []uint64{1, 2} {
		f := buildOrg(t, OrgOptions{People: 300, Interactions: 20000, Seed: seed})
		ds := f.load(t)
		tr := f.truth
		if len(tr.Hubs) < 2 {
			t.Fatalf("seed %d: %d hubs", seed, len(tr.Hubs))
		}
		res, err := teamMaps(ds, analysis.Teams(ds))
		if err != nil {
			t.Fatal(err)
		}
		for _, h := range tr.Hubs {
			best, where := hubRank(res, tr, h)
			t.Logf("seed %d: hub %s (%s) at the top %.1f %% by betweenness on %q's map", seed, h.Name, h.Title, 100*best, where)
			if best > 0.10 {
				t.Errorf("seed %d: hub %s is at best in the top %.1f %% by betweenness of a team's map, want 10 %%", seed, h.Name, 100*best)
			}
		}
	}
}

func TestWriteOrgOptions(t *testing.T) {
	for _, c := range []struct {
		opt  OrgOptions
		want string
	}{
		{OrgOptions{People: -1}, "people must not be negative"},
		{OrgOptions{Interactions: -5}, "interactions must not be negative"},
		{OrgOptions{People: 5}, "people must be between 10"},
		{OrgOptions{People: 100, Teams: 200}, "200 teams need at least 600 people"},
		{OrgOptions{People: 100, Teams: 1}, "teams must be at least 2"},
		{OrgOptions{Start: time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC)}, "is after end"},
	} {
		err := c.opt.Validate()
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%+v: %v, want %q", c.opt, err, c.want)
		}
		if _, err := WriteOrg(io.Discard, io.Discard, c.opt); err == nil {
			t.Errorf("%+v: WriteOrg wrote", c.opt)
		}
	}
	// The defaults: 2 000 people, 80 teams, a year ending 2026-03-14.
	tr, err := WriteOrg(io.Discard, io.Discard, OrgOptions{Interactions: 1000})
	if err != nil {
		t.Fatal(err)
	}
	if tr.People != 2000 || len(tr.Teams) != 80 || tr.Start != "2025-03-15" || tr.End != "2026-03-14" {
		t.Errorf("defaults: %d people, %d teams, %s … %s", tr.People, len(tr.Teams), tr.Start, tr.End)
	}
	// The smallest organisation still has a manager for everyone but the CEO.
	f := buildOrg(t, OrgOptions{People: 10, Teams: 3, Interactions: 50})
	if ds := f.load(t); len(ds.People) != 10 || len(analysis.Teams(ds)) != 3 {
		t.Errorf("smallest: %d people, teams %q", len(ds.People), analysis.Teams(ds))
	}
}

// TestWriteOrgShapes writes organisations of every small shape, and one large, and checks the
// structure the truth gives: one manager a team, unique team names (case-folded, as
// analysis.Teams compares them), hubs that reach other teams, everyone counted once.
func TestWriteOrgShapes(t *testing.T) {
	var opts []OrgOptions
	for _, people := range []int{10, 11, 17, 23, 40, 61} {
		for teams := 2; 3*teams <= people; teams++ {
			opts = append(opts, OrgOptions{People: people, Teams: teams, Interactions: 1200, Seed: uint64(people * teams)})
		}
	}
	opts = append(opts, OrgOptions{People: 30000, Interactions: 1000, Seed: 5})
	for _, opt := range opts {
		var in bytes.Buffer
		tr, err := WriteOrg(io.Discard, &in, opt)
		if err != nil {
			t.Fatalf("%+v: %v", opt, err)
		}
		if rows := bytes.Count(in.Bytes(), []byte("\n")) - 1; rows != opt.Interactions {
			t.Errorf("%+v: %d rows", opt, rows)
		}
		wantTeams := opt.Teams
		if wantTeams == 0 {
			wantTeams = opt.People / 25
		}
		names := map[string]bool{}
		seen := map[string]bool{}
		for _, tm := range tr.Teams {
			names[strings.ToLower(tm.Name)] = true
			if !slices.Contains(tm.Members, tm.Manager) || len(tm.Members) < 2 {
				t.Errorf("%+v: team %s: manager %s, members %v", opt, tm.Name, tm.Manager, tm.Members)
			}
			for _, id := range tm.Members {
				if seen[id] {
					t.Errorf("%+v: %s on two teams", opt, id)
				}
				seen[id] = true
			}
		}
		if len(tr.Teams) != wantTeams || len(names) != wantTeams || len(seen) != opt.People {
			t.Errorf("%+v: %d teams (%d names), %d people on them", opt, len(tr.Teams), len(names), len(seen))
		}
		for _, h := range tr.Hubs {
			if len(h.Teams) < 2 || !slices.Contains(h.Teams, h.Team) {
				t.Errorf("%+v: hub %s of %s works with %v", opt, h.ID, h.Team, h.Teams)
			}
		}
	}
}

// BenchmarkWriteOrg writes 100 000 interactions of the default organisation.
func BenchmarkWriteOrg(b *testing.B) {
	var n int64
	for b.Loop() {
		cw := &countWriter{}
		if _, err := WriteOrg(io.Discard, cw, OrgOptions{Interactions: 100_000, Seed: 1}); err != nil {
			b.Fatal(err)
		}
		n = cw.n
	}
	b.SetBytes(n)
}

type countWriter struct{ n int64 }

func (c *countWriter) Write(p []byte) (int, error) { c.n += int64(len(p)); return len(p), nil }

// teamMaps draws every named team's map with the default options, as relmap run --ego
// 'team:*' does, and holds them all.
func teamMaps(ds *importers.Dataset, teams []string) ([]*analysis.Result, error) {
	tm, err := analysis.NewTeamMaps(ds, analysis.DefaultOptions())
	if err != nil {
		return nil, err
	}
	var out []*analysis.Result
	for r, err := range tm.Maps(teams, false, runtime.GOMAXPROCS(0)) {
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, nil
}

// hubRank is the best share a hub reaches by betweenness on one of its teams' maps (the top
// 0.4 %: 0.004), and that team.
func hubRank(res []*analysis.Result, tr *OrgTruth, h OrgHub) (float64, string) {
	best, where := math.Inf(1), ""
	for k, r := range res {
		if r.People == nil || !slices.Contains(h.Teams, tr.Teams[k].Name) {
			continue
		}
		betw := make([]float64, len(r.People))
		self := -1
		for i, p := range r.People {
			betw[i] = p.Betweenness
			if p.Name == h.Name {
				self = i
			}
		}
		if self < 0 {
			continue
		}
		sort.Sort(sort.Reverse(sort.Float64Slice(betw)))
		rank := sort.Search(len(betw), func(i int) bool { return betw[i] <= r.People[self].Betweenness })
		if share := float64(rank+1) / float64(len(betw)); share < best {
			best, where = share, tr.Teams[k].Name
		}
	}
	return best, where
}
