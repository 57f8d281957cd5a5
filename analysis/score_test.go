package analysis

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"os"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/relmap/relmap/importers"
	"github.com/relmap/relmap/synth"
)

func scoreSamples(t *testing.T) *Result {
	t.Helper()
	ds, err := importers.Load([]importers.Source{{Name: "samples", FS: os.DirFS("../testdata/linkedin/samples")}}, importers.Options{})
	if err != nil {
		t.Fatal(err)
	}
	r, err := Score(ds, DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func byName(r *Result, name string) *Person {
	for i := range r.People {
		if r.People[i].Name == name {
			return &r.People[i]
		}
	}
	return nil
}

func decayed(ageDays float64) float64 { return math.Max(math.Pow(0.5, ageDays/180), 0.05) }

// The samples of FORMAT.md §5, scored by hand from SPEC §3.1 and §3.4. The as-of day is the
// newest message, 2026-02-11.
func TestScoreSamples(t *testing.T) {
	r := scoreSamples(t)
	if r.Ego.Name != "Jordan Pike" {
		t.Fatalf("ego %q", r.Ego.Name)
	}
	if len(r.People) != 6 {
		t.Errorf("%d ranked, want 6 (everyone but the owner)", len(r.People))
	}
	for _, p := range r.People {
		if p.Name == "Jordan Pike" {
			t.Error("the owner is ranked")
		}
	}

	// Tobias: connection 0.1 (structural); the group thread of 2025-02-03 (3 people) gives
	// the pair Jordan–Tobias max(0.5/2 when Ines wrote, 1/2 when Jordan wrote) = 0.5 for that
	// day, decayed over 373 days; the 2021 recommendation 5.0 is decayed to the floor.
	tob := byName(r, "Tobias Quell")
	wantTie := 0.1 + 0.5*decayed(373) + 5*0.05
	if tob == nil || math.Abs(tob.Tie-wantTie) > 1e-12 {
		t.Fatalf("Tobias tie = %v, want %v", tob, wantTie)
	}
	if tob.Status != 0.6 || tob.StatusLabel != "supporter" || cmp.Diff(tob.StatusBasis, []string{"recommendation"}) != "" {
		t.Errorf("Tobias status %v %s %v", tob.Status, tob.StatusLabel, tob.StatusBasis)
	}
	if tob.Hops != 1 || tob.Degree != 1 || tob.Seniority != 1 {
		t.Errorf("Tobias hops %d degree %d seniority %v, want 1, 1, 1 (Partner)", tob.Hops, tob.Degree, tob.Seniority)
	}
	// His intro path runs through the only other person in the thread.
	if len(tob.IntroPaths) != 1 || tob.IntroPaths[0].Via[0].Name != "Ines Varga, PhD" {
		t.Errorf("Tobias intro paths %+v", tob.IntroPaths)
	}
	// Maren endorsed two skills (+0.2 each) and invited Jordan (accepted: 0.1 more tie).
	mar := byName(r, "Maren Holtby")
	if mar.Status != 0.4 || mar.StatusLabel != "supporter" || mar.Seniority != 0.85 {
		t.Errorf("Maren status %v %s seniority %v", mar.Status, mar.StatusLabel, mar.Seniority)
	}
	wantMaren := 0.1 + 0.1 + 0.5*decayed(389) + 1*decayed(334) + 1*decayed(0)
	if math.Abs(mar.Tie-wantMaren) > 1e-12 {
		t.Errorf("Maren tie = %v, want %v", mar.Tie, wantMaren)
	}
	if mar.LastContact.Format("2006-01-02") != "2026-02-11" {
		t.Errorf("Maren last contact %v", mar.LastContact)
	}
	// One endorsement (+0.2) stays neutral; a pending invitation alone (−0.1) too.
	if z := byName(r, "Zoë Brandt-Ilić"); z.Status != 0.2 || z.StatusLabel != "neutral" {
		t.Errorf("Zoë status %v %s", z.Status, z.StatusLabel)
	}
	luk := byName(r, "Łukasz Żero")
	if luk.Status != -0.1 || luk.StatusLabel != "neutral" || cmp.Diff(luk.StatusBasis, []string{"invitation"}) != "" {
		t.Errorf("Łukasz status %v %s %v", luk.Status, luk.StatusLabel, luk.StatusBasis)
	}
	if luk.Hops != 0 || luk.Tier != "" || !math.IsNaN(luk.Constraint) {
		t.Errorf("Łukasz (no tie at all): hops %d tier %q constraint %v", luk.Hops, luk.Tier, luk.Constraint)
	}
	// Why (SPEC §3.6), as reports.Why words it: "recommended you; PageRank top 20 %; partner
	// title", "invitation pending since Dec 2024", "a connection, with no other evidence",
	// "endorsed you 2×; head of title" (reports' TestWhy).
	for name, want := range map[string][]Reason{
		"Tobias Quell":   {{Kind: ReasonRecommended}, {Kind: ReasonPageRank, Top: 20}, {Kind: ReasonSeniority, Label: "partner"}},
		"Łukasz Żero":    {{Kind: ReasonInvitation, Since: MonthOf(time.Date(2024, 12, 1, 0, 0, 0, 0, time.UTC))}},
		"Priyanka Oduya": {{Kind: ReasonConnectionOnly}},
		"Maren Holtby":   {{Kind: ReasonEndorsed, N: 2}, {Kind: ReasonSeniority, Label: "head of"}},
	} {
		if d := cmp.Diff(want, byName(r, name).Reasons); d != "" {
			t.Errorf("%s: reasons (-want +got):\n%s", name, d)
		}
	}
	// Ranked by importance, then id; ranks 1..n.
	for i := range r.People {
		if r.People[i].Rank != i+1 {
			t.Errorf("rank %d at %d", r.People[i].Rank, i)
		}
		if i > 0 && r.People[i].Importance > r.People[i-1].Importance {
			t.Errorf("not sorted by importance at %d", i)
		}
	}
	// Tiers: everyone with a tie under 0.5 is an acquaintance.
	for _, p := range r.People {
		if p.Tie > 0 && p.Tie < 0.5 && p.Tier != "acquaintance" {
			t.Errorf("%s tie %v tier %s", p.Name, p.Tie, p.Tier)
		}
	}
}

func TestScoreDeterministic(t *testing.T) {
	a, b := scoreSamples(t), scoreSamples(t)
	if d := cmp.Diff(a, b, cmpopts.EquateNaNs()); d != "" {
		t.Errorf("two runs differ:\n%s", d)
	}
}

func TestPercentiles(t *testing.T) {
	got := percentiles([]float64{3, 1, math.NaN(), 3, 0})
	want := []float64{0.75, 0.5, 0, 0.75, 0.25}
	if d := cmp.Diff(want, got); d != "" {
		t.Error(d)
	}
}

func TestQuantile(t *testing.T) {
	// numpy.quantile([1, 2, 3, 4], 0.75) = 3.25
	if q := quantile([]float64{4, 1, 3, 2}, 0.75); q != 3.25 {
		t.Errorf("quantile = %v, want 3.25", q)
	}
	if q := quantile([]float64{5}, 0.75); q != 5 {
		t.Errorf("quantile of one = %v", q)
	}
}

func TestSeniority(t *testing.T) {
	s := newSeniorityScorer(DefaultSeniority)
	for title, want := range map[string]float64{
		"Chief Revenue Officer":            1,
		"CEO & Co-Founder":                 1,
		"Vice President, Sales":            0.85,
		"Senior Vice-President":            0.85,
		"President":                        1,
		"Head of Operations":               0.85,
		"Director of Engineering":          0.7,
		"Engineering Manager":              0.5,
		"Staff Engineer":                   0.5,
		"Senior Software Engineer":         0.35,
		"Engineer, Platform \"Core\" Team": 0.2,
		"":                                 0.3,
		"Geschäftsführerin":                1,
		"Directrice Marketing":             0.7,
		"Directora general":                1,
		"Jefa de proyecto":                 0.5,
		"Leadership coach":                 0.2, // "lead" only as a whole word
		"Vicepresidenta de ventas":         0.85,
		"Head Chef":                        0.2, // neither "head of" nor a French chef de projet
		"Cheffe de projet":                 0.5,
		"Co-CEO":                           1,
		"Co-Head of Sales":                 0.85,
		"Co-Founder":                       1,
		"Präsidentin":                      1,
		"Vizepräsident":                    0.85,
		"Vice President, Vice President & Chief of Staff": 0.85, // no "president" left over
		"Vice President, Also Chief Financial Officer":    1,
	} {
		if got := s.score(title); got != want {
			t.Errorf("seniority(%q) = %v, want %v", title, got, want)
		}
	}
}

func TestStatusSilenceAlone(t *testing.T) {
	ds := &importers.Dataset{People: []importers.Person{{Declared: importers.Declared{Status: math.NaN(), Influence: math.NaN()}}}}
	s := &scorer{ds: ds, opt: DefaultOptions(), n: 1, recommends: []bool{false}, endorses: []int{0}, asked: []int{0}, answered: []int{0},
		before: []int{8}, recent: []int{0}, pending: []bool{true}, sentiments: []int{0}, sentimentMillionths: []int64{0},
		opened: []int{0}, egoOpened: []int{0}, includes: []int{0}}
	rules := s.opt.Status
	h, basis := s.status(0)
	if h <= rules.Detractor || statusLabel(h, rules) != "neutral" || cmp.Diff(basis, []string{"cooling", "invitation"}) != "" {
		t.Errorf("cooling + pending invitation = %d %v, want neutral", h, basis)
	}
	s.asked[0], s.answered[0] = 4, 0
	h, basis = s.status(0)
	if h != -70 || statusLabel(h, rules) != "detractor" {
		t.Errorf("unanswered + cooling + invitation = %d %v, want -70", h, basis)
	}
}

// The config's lists: a team member is not ranked, clients and providers by company with
// aliases folded, ignore rules by title word.
func TestRules(t *testing.T) {
	ds, err := importers.Load([]importers.Source{{Name: "samples", FS: os.DirFS("../testdata/linkedin/samples")}}, importers.Options{})
	if err != nil {
		t.Fatal(err)
	}
	opt := DefaultOptions()
	opt.Team = []string{"https://www.linkedin.com/in/tobiasquell/"}
	opt.Clients = []string{"Fabrikam"}
	opt.Providers = []string{"Northwind Shipping"}
	opt.Aliases = map[string][]string{"Northwind Shipping": {"Northwind Ferries", "NW Ferries"}}
	opt.Ignore = Ignore{Titles: []string{"Scientist"}}
	r, err := Score(ds, opt)
	if err != nil {
		t.Fatal(err)
	}
	if byName(r, "Tobias Quell") != nil || r.Coverage.Team != 1 {
		t.Errorf("team member ranked, or team = %d", r.Coverage.Team)
	}
	if byName(r, "Ines Varga, PhD") != nil || r.Coverage.Ignored != 1 {
		t.Errorf("ignored title ranked, or ignored = %d", r.Coverage.Ignored)
	}
	if z := byName(r, "Zoë Brandt-Ilić"); z.Category != "client" {
		t.Errorf("Zoë category %s", z.Category)
	}
	if m := byName(r, "Maren Holtby"); m.Category != "provider" {
		t.Errorf("Maren category %s", m.Category)
	}
	if len(r.People) != 4 {
		t.Errorf("%d ranked, want 4", len(r.People))
	}
}

// Communities on a synthetic export: Louvain finds groups, each named by its members' most
// common company, a repeated name numbered; people with no tie around the ego have none.
func TestCommunities(t *testing.T) {
	ds := loadSynthT(t, 500, 4000)
	r, err := Score(ds, DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	if r.Coverage.Communities < 3 || r.Coverage.Modularity < 0.3 {
		t.Errorf("%d communities, modularity %v", r.Coverage.Communities, r.Coverage.Modularity)
	}
	names := map[string]int{}
	for _, p := range r.People {
		if (p.Degree == 0) != (p.Community == "") {
			t.Errorf("%s: degree %d, community %q", p.Name, p.Degree, p.Community)
		}
		names[p.Community]++
	}
	if len(names) < 3 {
		t.Errorf("community names %v", names)
	}
	r2, _ := Score(ds, DefaultOptions())
	for i := range r.People {
		if r.People[i].Community != r2.People[i].Community {
			t.Fatal("communities differ between two runs")
		}
	}
}

// Explain's evidence adds up to the tie, and its signals to the status (silence capped aside).
func TestExplain(t *testing.T) {
	ds, err := importers.Load([]importers.Source{{Name: "samples", FS: os.DirFS("../testdata/linkedin/samples")}}, importers.Options{})
	if err != nil {
		t.Fatal(err)
	}
	r, err := Score(ds, DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range r.People {
		e, err := Explain(ds, DefaultOptions(), p.ID)
		if err != nil {
			t.Fatal(err)
		}
		sum := 0.0
		for _, ev := range e.Evidence {
			sum += ev.Weight
		}
		if math.Abs(sum-p.Tie) > 1e-9 {
			t.Errorf("%s: evidence sums to %v, tie %v: %+v", p.Name, sum, p.Tie, e.Evidence)
		}
		h := 0
		for _, sg := range e.Signals {
			h += sg.Hundredths
		}
		if float64(h)/100 != p.Status && !(p.StatusLabel == Unknown && h == 0) {
			t.Errorf("%s: signals sum to %d, status %v", p.Name, h, p.Status)
		}
		if e.Level != "ranked" || e.Person.Rank != p.Rank {
			t.Errorf("%s: level %s rank %d", p.Name, e.Level, e.Person.Rank)
		}
	}
	if _, err := Explain(ds, DefaultOptions(), "Nobody"); err == nil {
		t.Error("Explain of no one did not fail")
	}
	e, err := Explain(ds, DefaultOptions(), "https://www.linkedin.com/in/tobiasquell")
	if err != nil || e.Person.Name != "Tobias Quell" || e.Seniority != "partner" {
		t.Errorf("Tobias by URL: %+v, %v", e, err)
	}
}

// The same export with the rows of every file shuffled gives the same Result (SPEC §3:
// deterministic; nodes ordered by id, sums in a fixed order).
func TestShuffledRowsSameResult(t *testing.T) {
	var buf bytes.Buffer
	date := time.Date(2026, 3, 14, 0, 0, 0, 0, time.UTC)
	if _, err := synth.Write(&buf, synth.Options{Connections: 300, Messages: 2500, Seed: 3, ExportDate: date}); err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	plain, shuffled := fstest.MapFS{}, fstest.MapFS{}
	rng := rand.New(rand.NewPCG(7, 7))
	changed := 0
	for _, f := range zr.File {
		rc, _ := f.Open()
		b, _ := io.ReadAll(rc)
		rc.Close()
		plain[f.Name] = &fstest.MapFile{Data: b}
		// Shuffle the data rows, keeping the preamble and header in place: records are split on
		// newlines outside quotes so that multi-line fields stay whole.
		recs := splitRecords(string(b))
		head := 1
		if strings.HasPrefix(recs[0], "Notes:") {
			head = 4
		}
		body := recs[min(head, len(recs)):]
		rng.Shuffle(len(body), func(i, j int) { body[i], body[j] = body[j], body[i] })
		shuffled[f.Name] = &fstest.MapFile{Data: []byte(strings.Join(append(recs[:min(head, len(recs))], body...), "\n"))}
		if !bytes.Equal(plain[f.Name].Data, shuffled[f.Name].Data) {
			changed++
		}
	}
	if changed < 5 {
		t.Fatalf("only %d files shuffled", changed)
	}
	results := make([]*Result, 2)
	for i, fsys := range []fstest.MapFS{plain, shuffled} {
		ds, err := importers.Load([]importers.Source{{Name: synth.FileName(date), FS: fsys}}, importers.Options{})
		if err != nil {
			t.Fatal(err)
		}
		if results[i], err = Score(ds, DefaultOptions()); err != nil {
			t.Fatal(err)
		}
	}
	if d := cmp.Diff(results[0], results[1], cmpopts.EquateNaNs()); d != "" {
		t.Errorf("shuffled rows change the result:\n%.3000s", d)
	}
}

// splitRecords splits CSV text on line breaks outside quotes.
func splitRecords(s string) []string {
	var out []string
	start, quoted := 0, false
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '"':
			quoted = !quoted
		case '\n':
			if !quoted {
				out = append(out, strings.TrimSuffix(s[start:i], "\r"))
				start = i + 1
			}
		}
	}
	if start < len(s) {
		out = append(out, s[start:])
	}
	return out
}

// Sampled path metrics: all sources give the exact values; a sample stays within its stated
// Hoeffding bound and is the same for any worker count.
func TestPathMetricsSampled(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 11))
	n := 800
	var edges []Edge
	for i := 0; i < 4000; i++ {
		u, v := rng.IntN(n), rng.IntN(n)
		if u/40 != v/40 && rng.IntN(4) > 0 { // mostly within groups of 40
			v = u/40*40 + rng.IntN(40)
		}
		edges = append(edges, Edge{U: int32(u), V: int32(v), W: 1})
	}
	g := NewGraph(n, edges)
	eb, eh, er := PathMetrics(g, 2)
	all := make([]int, n)
	for i := range all {
		all[i] = i
	}
	// The estimator itself, from every source: it must give the exact values.
	ab, ah, ar := sampledFrom(g, all, 2)
	eq := cmpopts.EquateApprox(0, 1e-12)
	if d := cmp.Diff(eb, ab, eq); d != "" || cmp.Diff(eh, ah, eq) != "" || cmp.Diff(er, ar, eq) != "" {
		t.Fatal("the estimator from every source differs from exact")
	}
	k := 200
	sb, sh, sr := PathMetricsSampled(g, k, 5, 1)
	sb4, _, _ := PathMetricsSampled(g, k, 5, 4)
	if cmp.Diff(sb, sb4) != "" {
		t.Error("sample differs across worker counts")
	}
	bound := SampleError(k, 0.05)
	var worst, meanH float64
	for v := 0; v < n; v++ {
		worst = max(worst, math.Abs(sb[v]-eb[v]), math.Abs(sh[v]-eh[v]), math.Abs(sr[v]-er[v]))
		meanH += math.Abs(sh[v]-eh[v]) / float64(n)
	}
	if worst > bound {
		t.Errorf("worst error %v over the stated bound %v", worst, bound)
	}
	if meanH > 0.02 {
		t.Errorf("mean harmonic error %v", meanH)
	}
	t.Logf("k=%d of %d: worst error %.4f, bound %.4f, mean harmonic error %.4f", k, n, worst, bound, meanH)
}

// A team as the ego (SPEC §2.7): members are level 0 and never ranked, ties are summed over
// members, the map lists people within two hops, and the metrics are the whole graph's.
func TestScoreTeams(t *testing.T) {
	fsys := fstest.MapFS{}
	for _, f := range []string{"people.csv", "interactions.csv", "ties.csv"} {
		b, err := os.ReadFile("../testdata/generic/" + f)
		if err != nil {
			t.Fatal(err)
		}
		fsys[f] = &fstest.MapFile{Data: b}
	}
	ds, err := importers.Load([]importers.Source{{Name: "org", FS: fsys}}, importers.Options{NoOwner: true})
	if err != nil {
		t.Fatal(err)
	}
	if ds.Ego != -1 {
		t.Fatalf("ego %d, want none", ds.Ego)
	}
	if got := strings.Join(Teams(ds), ","); got != "Data,Finance,Leadership,Sales" {
		t.Fatalf("teams %s", got)
	}
	rs, err := scoreTeams(ds, DefaultOptions(), []string{"Data", "Sales"})
	if err != nil {
		t.Fatal(err)
	}
	data := rs[0]
	if data.Ego.Name != "team Data" || data.Ego.Company != "Harbor Analytics" {
		t.Errorf("ego %+v", data.Ego)
	}
	for _, p := range data.People {
		if p.Name == "Ana Ruiz" || p.Name == "Bo Chan" {
			t.Errorf("member %s ranked", p.Name)
		}
		if p.Hops < 1 || p.Hops > 2 {
			t.Errorf("%s at %d hops", p.Name, p.Hops)
		}
	}
	// Carla wrote to Dev with Ana in cc and met Ana: her tie to the team is the sum.
	var carla *Person
	for i := range data.People {
		if data.People[i].Name == "Carla Méndez" {
			carla = &data.People[i]
		}
	}
	if carla == nil || carla.Category != "other team" {
		t.Fatalf("Carla %+v", carla)
	}
	whole := &scorer{ds: ds, opt: DefaultOptions(), n: len(ds.People), ego: -1}
	whole.rules()
	whole.weigh()
	want := 0.0
	for i, p := range ds.People {
		if p.Team == "Data" {
			for j, q := range ds.People {
				if q.Name == "Carla Méndez" {
					want += whole.g.Weight(i, j)
				}
			}
		}
	}
	if want <= 0 || math.Abs(carla.Tie-want) > 1e-12 {
		t.Errorf("Carla's tie to the team %v, want the sum of her ties to its members %v", carla.Tie, want)
	}
	// The whole graph's metrics are shared: Dev's PageRank is the same on both maps.
	pr := map[string]float64{}
	for _, r := range rs {
		for _, p := range r.People {
			if p.Name == "Dev Patel" {
				pr[r.Ego.Name] = p.PageRank
			}
		}
	}
	if len(pr) != 2 || pr["team Data"] != pr["team Sales"] {
		t.Errorf("Dev's PageRank per map %v", pr)
	}
	if _, err := scoreTeams(ds, DefaultOptions(), []string{"Nope"}); err == nil || !strings.Contains(err.Error(), `no one is on team "Nope"`) {
		t.Errorf("unknown team: %v", err)
	}
	if Slug("Sales & Marketing (EMEA)") != "sales-marketing-emea" {
		t.Errorf("slug %q", Slug("Sales & Marketing (EMEA)"))
	}
}

// A community keeps the name of the previous run's community it overlaps most.
func TestCommunitiesMatchPrevious(t *testing.T) {
	ds := loadSynthT(t, 300, 2500)
	first, err := Score(ds, DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	// Rename every community of the first run, as if a user had kept other names.
	prev := map[string]string{}
	renamed := map[string]string{}
	for _, p := range first.People {
		if p.Community != "" {
			if _, ok := renamed[p.Community]; !ok {
				renamed[p.Community] = fmt.Sprintf("Circle %d", len(renamed)+1)
			}
			prev[p.ID] = renamed[p.Community]
		}
	}
	opt := DefaultOptions()
	opt.PreviousCommunities = prev
	second, err := Score(ds, opt)
	if err != nil {
		t.Fatal(err)
	}
	for i, p := range second.People {
		if want := renamed[first.People[i].Community]; p.Community != want {
			t.Fatalf("%s: community %q, want the previous run's %q", p.Name, p.Community, want)
		}
	}
	if len(renamed) < 3 {
		t.Errorf("only %d communities", len(renamed))
	}
}

// A meeting you organise asks nothing: its attendees are not "unanswered" (SPEC §3.4 counts
// messages).
func TestMeetingsAreNotUnanswered(t *testing.T) {
	rows := "time,from,to,channel,conversation\n"
	for d := 1; d <= 4; d++ {
		rows += fmt.Sprintf("2025-10-%02dT10:00:00Z,me@x.com,b@x.com;c@x.com,meeting,m%d\n", d*7, d)
	}
	ds, err := importers.Load([]importers.Source{{Name: "m", FS: fstest.MapFS{"i.csv": {Data: []byte(rows)}}}}, importers.Options{Me: "me@x.com"})
	if err != nil {
		t.Fatal(err)
	}
	r, err := Score(ds, DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range r.People {
		if (p.StatusLabel != "neutral" && p.StatusLabel != Unknown) || slices.Contains(p.StatusBasis, "unanswered") {
			t.Errorf("%s: %s %v after meetings only", p.Name, p.StatusLabel, p.StatusBasis)
		}
	}
}

// Explain's evidence adds up to the tie on generic data too: meetings, cc, manager links and
// declared ties (two for one pair add up).
func TestExplainGeneric(t *testing.T) {
	fsys := fstest.MapFS{}
	for _, f := range []string{"people.csv", "interactions.csv", "ties.csv", "annotations.csv"} {
		b, err := os.ReadFile("../testdata/generic/" + f)
		if err != nil {
			t.Fatal(err)
		}
		fsys[f] = &fstest.MapFile{Data: b}
	}
	fsys["more-ties.csv"] = &fstest.MapFile{Data: []byte("a,b,weight\nana@example.com,dev@example.org,2\nana@example.com,dev@example.org,3\n")}
	ds, err := importers.Load([]importers.Source{{Name: "org", FS: fsys}}, importers.Options{Me: "ana@example.com"})
	if err != nil {
		t.Fatal(err)
	}
	r, err := Score(ds, DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range r.People {
		e, err := Explain(ds, DefaultOptions(), p.ID)
		if err != nil {
			t.Fatal(err)
		}
		sum := 0.0
		for _, ev := range e.Evidence {
			sum += ev.Weight
		}
		if math.Abs(sum-p.Tie) > 1e-9 {
			t.Errorf("%s: evidence sums to %v, tie %v: %+v", p.Name, sum, p.Tie, e.Evidence)
		}
		if p.Name == "Dev Patel" && p.Tie < 5 {
			t.Errorf("Dev's two declared ties (2 + 3) did not add up: tie %v", p.Tie)
		}
	}
}

// Tiers hold for one run (SPEC §3.4): a person whose rank falls below last run's tier keeps it
// once and drops on the second run in a row; a higher rank promotes at once.
func TestTierHysteresis(t *testing.T) {
	ds := loadSynthT(t, 300, 2500)
	first, err := Score(ds, DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	var partner, acquaintance *Person
	for i := range first.People {
		p := &first.People[i]
		if p.Tier == "trusted partner" && partner == nil {
			partner = p
		}
		if p.Tier == "acquaintance" && acquaintance == nil {
			acquaintance = p
		}
	}
	if partner == nil || acquaintance == nil {
		t.Fatal("the synth export has no trusted partner or no acquaintance")
	}
	run := func(prev map[string]TierState) *Result {
		t.Helper()
		opt := DefaultOptions()
		opt.PreviousTiers = prev
		r, err := Score(ds, opt)
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	// The acquaintance was a trusted partner last run: held once, then dropped.
	second := run(map[string]TierState{acquaintance.ID: {Tier: "trusted partner"}, partner.ID: {Tier: "friend", Below: 1}})
	if p := byID(second, acquaintance.ID); p.Tier != "trusted partner" || p.TierBelow != 1 {
		t.Errorf("first run below: tier %q, below %d; want trusted partner held, 1", p.Tier, p.TierBelow)
	}
	if p := byID(second, partner.ID); p.Tier != "trusted partner" || p.TierBelow != 0 {
		t.Errorf("promoted: tier %q, below %d; want trusted partner at once, 0", p.Tier, p.TierBelow)
	}
	third := run(map[string]TierState{acquaintance.ID: {Tier: "trusted partner", Below: 1}})
	if p := byID(third, acquaintance.ID); p.Tier != "acquaintance" || p.TierBelow != 0 {
		t.Errorf("second run below: tier %q, below %d; want acquaintance, 0", p.Tier, p.TierBelow)
	}
	// Held tiers may overfill a tier, and nothing else moves.
	partners := 0
	for i := range second.People {
		if second.People[i].Tier == "trusted partner" {
			partners++
		}
		if id := second.People[i].ID; id != acquaintance.ID && second.People[i].Tier != byID(first, id).Tier {
			t.Errorf("%s changed tier without a previous run's reason", id)
		}
	}
	if partners != 16 {
		t.Errorf("%d trusted partners, want the 15 of the rank plus one held", partners)
	}
}

func byID(r *Result, id string) *Person {
	for i := range r.People {
		if r.People[i].ID == id {
			return &r.People[i]
		}
	}
	return nil
}

// Community and organisation tables never describe fewer than MinGroup people (SPEC §5):
// smaller groups, and people without a company, fold into "other", which is itself left out
// when it is under MinGroup too.
func TestGroupsFoldSmall(t *testing.T) {
	var people []Person
	add := func(company string, zone Zone, label StatusLabel, n int) {
		for range n {
			people = append(people, Person{Company: company, Zone: zone, StatusLabel: label, Influence: 0.5})
		}
	}
	add("Acme", "champion", "supporter", 6)
	add("Bolt", "watch", "detractor", 5)
	add("Tiny", "ally", "supporter", 2)
	add("", "background", "neutral", 2)
	got := groups(people, func(p *Person) string { return p.Company }, 5)
	var names []string
	for _, g := range got {
		names = append(names, fmt.Sprintf("%s:%d", g.Name, g.People))
		if g.People < 5 {
			t.Errorf("row %s describes %d people", g.Name, g.People)
		}
	}
	if want := "Acme:6 Bolt:5"; strings.Join(names, " ") != want {
		t.Errorf("rows %q, want %q (Tiny and the company-less fold into an other of 4, left out)", names, want)
	}
	if got[1].Zones["watch"] != 5 || got[1].Statuses["detractor"] != 5 || got[0].Zones["watch"] != 0 {
		t.Errorf("Bolt %+v", got[1])
	}
	add("Wee", "ally", "supporter", 1)
	got = groups(people, func(p *Person) string { return p.Company }, 5)
	if last := got[len(got)-1]; last.Name != Other || last.People != 5 || last.Statuses["supporter"] != 3 || last.Influence != 0.5 {
		t.Errorf("other = %+v, want Tiny, Wee and the two without a company: 5", last)
	}
	r := scoreSamples(t)
	if r.MinGroup != 5 {
		t.Errorf("MinGroup %d, want the default 5", r.MinGroup)
	}
	for _, g := range append(r.Communities, r.Organisations...) {
		if g.People < 5 {
			t.Errorf("samples: a row of %d people", g.People)
		}
	}
}

// The network holds every person once, the ego flagged, every ranked person, and each tie
// once with the weight the ranked rows' strength sums (on the graph with the ego).
func TestNetwork(t *testing.T) {
	r := scoreSamples(t)
	nw := r.Network
	ids := map[string]int{}
	egos := 0
	for i, n := range nw.Nodes {
		if _, dup := ids[n.ID]; dup {
			t.Errorf("node %s twice", n.ID)
		}
		ids[n.ID] = i
		if n.Ego {
			egos++
			if n.ID != r.Ego.ID {
				t.Errorf("ego node %s, want %s", n.ID, r.Ego.ID)
			}
		}
	}
	if egos != 1 {
		t.Errorf("%d ego nodes", egos)
	}
	for _, p := range r.People {
		i, ok := ids[p.ID]
		if !ok {
			t.Errorf("ranked %s is not in the network", p.Name)
			continue
		}
		if n := nw.Nodes[i]; n.Category != p.Category || n.Hops != p.Hops || n.Name != p.Name {
			t.Errorf("node %+v, ranked %s %s %d", n, p.Name, p.Category, p.Hops)
		}
	}
	// The ego's incident weights are the ranked people's ties (everyone ranked here has one).
	tie := map[string]float64{}
	for _, e := range nw.Edges {
		if e.U >= e.V || !(e.W > 0) {
			t.Errorf("edge %+v", e)
		}
		if a, b := nw.Nodes[e.U], nw.Nodes[e.V]; a.Ego {
			tie[b.ID] = e.W
		} else if b.Ego {
			tie[a.ID] = e.W
		}
	}
	for _, p := range r.People {
		if p.Tie > 0 && math.Abs(tie[p.ID]-p.Tie) > 1e-12 {
			t.Errorf("%s: edge to the ego %v, tie %v", p.Name, tie[p.ID], p.Tie)
		}
	}
}

// The sampled run takes fewer sources on a graph too large for Pivots searches within the
// budget, never fewer than minPivots, and all of Pivots when they fit.
func TestPivotsBudget(t *testing.T) {
	var edges []Edge
	for v := 1; v < 1000; v++ { // a path: 999 ties, 1 998 adjacency entries
		edges = append(edges, Edge{U: int32(v - 1), V: int32(v), W: 1})
	}
	s := &scorer{sub: NewGraph(1000, edges)}
	cost := int64(1998 + 1000)
	for _, c := range []struct {
		pivots int
		budget int64
		want   int
	}{
		{2048, 0, 2048},              // no limit
		{2048, 2048 * cost, 2048},    // fits exactly
		{2048, 1000 * cost, 1000},    // budget / cost
		{2048, 10 * cost, minPivots}, // never under minPivots
		{50, 10 * cost, 50},          // nor over Pivots
	} {
		s.opt.Pivots, s.opt.SampleBudget = c.pivots, c.budget
		if got := s.pivots(); got != c.want {
			t.Errorf("pivots %d, budget %d: %d sources, want %d", c.pivots, c.budget, got, c.want)
		}
	}
}

// A personal export's low answer share counts against a person only as a change (SPEC §3.4,
// docs/method.md §3): "busy" wrote nothing to you ever, before the 180-day window either, and
// stays neutral with the silence explained; "cold" wrote to you before and stopped, and is a
// detractor; "new" has no earlier record at all, and the fixed shares decide (detractor).
func TestHabitualSilence(t *testing.T) {
	rows := "time,from,to,channel,conversation\n"
	for _, who := range []string{"busy", "cold", "new"} {
		for d := 1; d <= 6; d++ { // six unanswered messages of yours in the last 180 days
			rows += fmt.Sprintf("2026-0%d-10T10:00:00Z,me@x.com,%s@x.com,email,%s-%d\n", d, who, who, d)
		}
	}
	// Earlier than the window: two messages of yours to busy and to cold, unanswered by busy;
	// cold answered, and wrote first once.
	rows += "2025-01-10T10:00:00Z,me@x.com,busy@x.com,email,busy-old1\n2025-02-10T10:00:00Z,me@x.com,busy@x.com,email,busy-old2\n"
	rows += "2025-01-10T10:00:00Z,me@x.com,cold@x.com,email,cold-old1\n2025-01-11T10:00:00Z,cold@x.com,me@x.com,email,cold-old1\n"
	rows += "2025-02-10T10:00:00Z,cold@x.com,me@x.com,email,cold-old2\n"
	ds, err := importers.Load([]importers.Source{{Name: "m", FS: fstest.MapFS{"i.csv": {Data: []byte(rows)}}}},
		importers.Options{Me: "me@x.com", AsOf: time.Date(2026, 7, 1, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	opt := DefaultOptions()
	r, err := Score(ds, opt)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]StatusLabel{"busy": "neutral", "cold": "detractor", "new": "detractor"}
	if len(r.People) != len(want) {
		t.Fatalf("%d people ranked, want %d", len(r.People), len(want))
	}
	for _, p := range r.People {
		who := strings.TrimSuffix(strings.ToLower(p.Name), "@x.com")
		if p.StatusLabel != want[who] {
			t.Errorf("%s: %s %v (%+v), want %s", who, p.StatusLabel, p.StatusBasis, p.Reasons, want[who])
		}
		silent := slices.ContainsFunc(p.Reasons, func(r Reason) bool { return r.Kind == ReasonHabitualSilence })
		if silent != (who == "busy") {
			t.Errorf("%s: reasons %+v", who, p.Reasons)
		}
		e, err := Explain(ds, opt, p.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got := slices.ContainsFunc(e.Signals, func(s Signal) bool { return s.Name == "silence" }); got != (who == "busy") {
			t.Errorf("%s: explain's signals %+v", who, e.Signals)
		}
	}
	// The knob: with min_earlier_asked 3, busy's two earlier messages are too few to call
	// silence a habit, and the fixed shares decide.
	opt.Status.MinEarlierAsked = 3
	if r, err = Score(ds, opt); err != nil {
		t.Fatal(err)
	}
	for _, p := range r.People {
		if strings.HasPrefix(strings.ToLower(p.Name), "busy") && p.StatusLabel != "detractor" {
			t.Errorf("busy with min_earlier_asked 3: %s %v", p.StatusLabel, p.StatusBasis)
		}
	}
}
