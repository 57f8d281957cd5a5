// Package reporttest holds what the tests of reports, reports/chart and reports/pdf share:
// hand-made and synthetic Results, the golden-file check, outside tools, and the helpers of
// the writers' benchmarks. Only tests import it; it imports none of the three, so that the
// tests of package reports can use it too.
package reporttest

import (
	"archive/zip"
	"bytes"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"sort"
	"sync"
	"testing"
	"time"

	"github.com/relmap/relmap/analysis"
	"github.com/relmap/relmap/analysis/history"
	"github.com/relmap/relmap/importers"
	"github.com/relmap/relmap/synth"
)

// SmallResult is a hand-made map of 14 people covering every zone and category, an unknown
// and a missing category, and names in Latin, Greek and Cyrillic script, one with an
// apostrophe and one with an ampersand to be escaped in XML. High influence starts at 0.6.
func SmallResult() *analysis.Result {
	people := []analysis.Person{
		// name, category, status, influence, reach; zone follows from status and influence.
		{Name: "Zoë Brandt-Ilić", Category: "stakeholder", Status: 0.6, Influence: 0.92, Reach: 0.8, Zone: "champion"},
		{Name: "Łukasz Żero", Category: "client", Status: -0.55, Influence: 0.85, Reach: 0.9, Zone: "area for improvement"},
		{Name: "Ελένη Παπαδοπούλου", Category: "provider", Status: 0, Influence: 0.78, Reach: 0.5, Zone: "key to engage"},
		{Name: "Пётр Ильич Сидоров", Category: "other team", Status: 0.3, Influence: 0.4, Reach: 0.3, Zone: "ally"},
		{Name: "Seán O'Brien", Category: "client", Status: -0.3, Influence: 0.2, Reach: 0.1, Zone: "watch"},
		{Name: "Ana Ruiz & Co", Category: "vendor", Status: 0.1, Influence: 0.1, Reach: 0, Zone: "background"},
		{Name: "Chloé Dubois", Category: "stakeholder", Status: 0.25, Influence: 0.6, Reach: 0.6, Zone: "champion"},
		{Name: "Jürgen Weiß", Category: "other team", Status: -0.25, Influence: 0.59, Reach: 0.4, Zone: "watch"},
		{Name: "Mårten Ångström", Category: "", Status: 1, Influence: 1, Reach: 1, Zone: "champion"},
		{Name: "Ngozi Okafor", Category: "provider", Status: -1, Influence: 0, Reach: 0.2, Zone: "watch"},
		{Name: "Dmitri Волков", Category: "stakeholder", Status: 0.05, Influence: 0.3, Reach: 0.7, Zone: "background"},
		{Name: "Inès Muñoz", Category: "client", Status: 0.8, Influence: 0.15, Reach: 0.25, Zone: "ally"},
		{Name: "Kenji Watanabe", Category: "stakeholder", Status: -0.7, Influence: 0.7, Reach: 0.15, Zone: "area for improvement"},
		{Name: "Unscored Person", Category: "stakeholder", Status: math.NaN(), Influence: 0.5, Reach: 0.5},
		// Unknown status (no evidence): drawn in the strip right of the status axis.
		{Name: "Olu Adeyemi", Category: "stakeholder", Status: math.NaN(), StatusLabel: analysis.Unknown, Influence: 0.82, Reach: 0.45, Zone: "key to engage"},
		{Name: "Sun Li", Category: "client", Status: math.NaN(), StatusLabel: analysis.Unknown, Influence: 0.25, Reach: 0.1, Zone: "background"},
	}
	for i := range people {
		people[i].Rank = i + 1
		people[i].ID = fmt.Sprintf("p%02d", i+1)
	}
	return &analysis.Result{
		Ego:    analysis.Ego{ID: "ego", Name: "Maja Novak"},
		AsOf:   time.Date(2026, 3, 14, 0, 0, 0, 0, time.UTC),
		People: people,
	}
}

// CrowdResult is a realistic map of n people drawn from a fixed seed: most people neutral
// and of low influence, as in a LinkedIn export, a few strong supporters and detractors.
// Its high influence (the 0.75 quantile) is returned with it.
func CrowdResult(n int) (*analysis.Result, float64) {
	rnd := rand.New(rand.NewPCG(2026, 314))
	first := []string{"Zoë", "Łukasz", "Ελένη", "Пётр", "Ana", "Jürgen", "Chloé", "Mårten", "Ngozi",
		"Kenji", "Inès", "Sven", "Αλέξανδρος", "Ольга", "Priya", "Tomás", "Aoife", "Bartłomiej",
		"Émilie", "Gökhan", "Hannah", "Dragan", "Siobhán", "Nikolai", "Fatima", "Lars"}
	last := []string{"Brandt-Ilić", "Żero", "Παπαδοπούλου", "Сидоров", "Ruiz", "Weiß", "Dubois",
		"Ångström", "Okafor", "Watanabe", "Muñoz", "Lindqvist", "Νικολάου", "Иванова", "Raman",
		"García", "Ní Bhriain", "Wróblewski", "Lefèvre", "Yıldız", "Schmidt", "Petrović", "Kowalski"}
	cats := []string{"stakeholder", "stakeholder", "stakeholder", "other team", "other team",
		"provider", "client", "client", ""}
	people := make([]analysis.Person, n)
	var infl []float64
	for i := range people {
		p := &people[i]
		p.ID = fmt.Sprintf("c%03d", i)
		p.Name = first[rnd.IntN(len(first))] + " " + last[rnd.IntN(len(last))]
		p.Category = cats[rnd.IntN(len(cats))]
		// Status in hundredths: most people have no signal at all.
		switch u := rnd.Float64(); {
		case u < 0.55:
			p.Status = 0
		case u < 0.8:
			p.Status = float64(rnd.IntN(41)+20) / 100
		default:
			p.Status = -float64(rnd.IntN(61)+10) / 100
		}
		p.Influence = math.Pow(rnd.Float64(), 1.6)
		p.Reach = rnd.Float64()
		p.Importance = (p.Influence + rnd.Float64()) / 2
		infl = append(infl, p.Influence)
	}
	sort.SliceStable(people, func(i, j int) bool { return people[i].Importance > people[j].Importance })
	for i := range people {
		people[i].Rank = i + 1
	}
	sort.Float64s(infl)
	high := infl[int(0.75*float64(len(infl)-1))]
	return &analysis.Result{
		Ego:    analysis.Ego{ID: "ego", Name: "Zoë Brandt-Ilić"},
		AsOf:   time.Date(2026, 3, 14, 0, 0, 0, 0, time.UTC),
		People: people,
	}, high
}

// RankedResult is a small fabricated result exercising every kind of cell: unknown numbers,
// formula-like text, non-ASCII names, two-intermediary paths and an empty basis.
func RankedResult() *analysis.Result {
	nan := math.NaN()
	return &analysis.Result{
		Ego:           analysis.Ego{ID: "e0", Name: "Jordan Pike", Company: "Pike & Co"},
		AsOf:          time.Date(2026, 2, 11, 0, 0, 0, 0, time.UTC),
		HighInfluence: 0.6123456789,
		People: []analysis.Person{
			{Rank: 1, ID: "a1", Name: "Zoë Brandt-Ilić", Company: "Fabrikam GmbH", Title: "Engineer, Platform \"Core\" Team",
				Category: "stakeholder", Hops: 1, Tie: 1.2345678912, Influence: 0.75, Reach: 0.5, Importance: 2.0 / 3,
				Status: -0.4, StatusLabel: "detractor", StatusBasis: []string{"unanswered"}, Zone: "area for improvement",
				Tier: "trusted partner", PageRank: 0.1, Betweenness: 0, Harmonic: 0.25, Reach2: 0.5, Constraint: 1.0000004,
				EffectiveSize: 1, Degree: 2, Strength: 0.5, Seniority: 0.2, LastContact: time.Date(2025, 3, 14, 0, 0, 0, 0, time.UTC),
				Key: "E-1001", Team: "Platform, Core", Department: "Engineering",
				IntroPaths: []analysis.IntroPath{
					{Via: []analysis.Hop{{ID: "b2", Name: "Ana Ruiz"}}, Strength: 0.6151},
					{Via: []analysis.Hop{{ID: "c3", Name: "Bo Chan"}, {ID: "d4", Name: "Łukasz Żero"}}, Strength: 0.123},
				}},
			{Rank: 2, ID: "b2", Name: "=HYPERLINK(\"http://x\")", Company: "+Evil", Title: "@home", Category: "stakeholder",
				Tie: 0, Influence: 0, Reach: 0, Importance: 0, Status: 0, StatusLabel: "neutral", Zone: "background",
				PageRank: nan, Betweenness: nan, Harmonic: nan, Reach2: nan, Constraint: nan, EffectiveSize: nan,
				Seniority: 0.3, Dormant: true},
		},
	}
}

// MatrixNetwork is a hand-made organisation: teams A (p0 p1 p2, department X), B (p3 p4,
// X), C (p5, Y) and p6 without a team (department Y).
func MatrixNetwork() analysis.Network {
	node := func(id, team, dept string) analysis.NetworkNode {
		return analysis.NetworkNode{ID: id, Name: id, TeamName: team, Department: dept}
	}
	return analysis.Network{
		Nodes: []analysis.NetworkNode{
			node("p0", "A", "X"), node("p1", "A", "X"), node("p2", "A", "Y"),
			node("p3", "B", "X"), node("p4", "B", "X"), node("p5", "C", "Y"), node("p6", "", "Y"),
		},
		Edges: []analysis.Edge{
			{U: 0, V: 1, W: 1},     // A–A
			{U: 1, V: 2, W: 0.5},   // A–A
			{U: 0, V: 3, W: 2},     // A–B
			{U: 2, V: 4, W: 0.25},  // A–B
			{U: 3, V: 4, W: 3},     // B–B
			{U: 4, V: 5, W: 0.125}, // B–C
			{U: 5, V: 6, W: 7},     // C–no team: left out of the team matrix
			{U: 2, V: 6, W: 1.5},   // A–no team
		},
	}
}

// SynthResult scores a synthetic LinkedIn export of the given size and seed, as a run does.
func SynthResult(tb testing.TB, connections, messages int, seed uint64) *analysis.Result {
	tb.Helper()
	var buf bytes.Buffer
	day := time.Date(2026, 3, 14, 0, 0, 0, 0, time.UTC)
	if _, err := synth.Write(&buf, synth.Options{Connections: connections, Messages: messages, Seed: seed, ExportDate: day}); err != nil {
		tb.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		tb.Fatal(err)
	}
	ds, err := importers.Load([]importers.Source{{Name: synth.FileName(day), FS: zr}}, importers.Options{})
	if err != nil {
		tb.Fatal(err)
	}
	r, err := analysis.Score(ds, analysis.DefaultOptions())
	if err != nil {
		tb.Fatal(err)
	}
	return r
}

// HeavyResult is a heavy LinkedIn export's result (SPEC §7): CrowdResult's n people, every
// field a writer shows filled in — intro paths, tiers, communities, last contacts, reasons —
// and a network of the people and the ego with m ties, made as the network benchmarks of
// package reports make theirs.
func HeavyResult(n, m int) *analysis.Result {
	r, high := CrowdResult(n)
	r.HighInfluence = high
	r.MinGroup = 5
	r.Coverage = analysis.Coverage{AsOfFrom: "export name", Nodes: n + 1, Edges: m, Ranked: n, WithEmail: 0.25, WithInteraction: 0.5,
		Limits: []analysis.Limit{analysis.LimitNoSecondDegree}}
	r.Coverage.Files = []importers.FileCoverage{{Name: "export.zip:Connections.csv", Kind: "connections", Encoding: "UTF-8",
		Rows: n, Used: n, Skipped: map[string]int{"blank": 3}}}
	tiers := append(slices.Clone(analysis.Tiers), "")
	for i := range r.People {
		p := &r.People[i]
		p.Company = fmt.Sprintf("Company <%d> & Sons", i%500)
		p.Title = "Senior \"Engineer\""
		p.Hops = 1 + i%3
		p.Tie = float64(i%1000) / 1000
		p.StatusLabel = "neutral"
		if p.Status >= 0.25 {
			p.StatusLabel = "supporter"
		} else if p.Status <= -0.25 {
			p.StatusLabel = "detractor"
		}
		if i%4 != 0 {
			p.StatusBasis = []string{"messages", "endorsements"}
		}
		p.Zone = analysis.Zones[i%6]
		p.Tier = tiers[i%len(tiers)]
		p.PageRank, p.Betweenness, p.Harmonic = p.Influence/1000, p.Influence/3, 0.5
		p.Reach2, p.Constraint, p.EffectiveSize = p.Reach/4, 0.125, 3.5
		if i%7 == 0 {
			p.Constraint = math.NaN()
		}
		p.Community = fmt.Sprintf("c%d", i%40)
		p.Degree, p.Strength, p.Seniority = 20+i%13, 7.25, 0.5
		p.LastContact = r.AsOf.AddDate(0, 0, -(i % 400))
		p.Dormant = i%11 == 0
		p.Reasons = []analysis.Reason{{Kind: analysis.ReasonUnanswered, N: 1, Of: 4, Habit: -1, Since: analysis.MonthOf(r.AsOf.AddDate(0, -2, 0))},
			{Kind: analysis.ReasonPageRank, Top: 20}, {Kind: analysis.ReasonEndorsed, N: 3}}
		if i%3 != 0 {
			p.IntroPaths = []analysis.IntroPath{
				{Via: []analysis.Hop{{ID: "c001", Name: "Ana Ruiz"}}, Strength: 0.62},
				{Via: []analysis.Hop{{ID: "c002", Name: "Bo Chan"}, {ID: "c003", Name: "Łukasz Żero"}}, Strength: 0.41},
			}
		}
	}
	for _, g := range []*[]analysis.Group{&r.Communities, &r.Organisations} {
		for i := range 40 {
			*g = append(*g, analysis.Group{Name: fmt.Sprintf("group %d", i), People: n / 40, Influence: 0.3,
				Zones: map[analysis.Zone]int{analysis.Champion: 3, analysis.Background: 20}, Statuses: map[analysis.StatusLabel]int{"supporter": 3, "neutral": 20}})
		}
	}
	nw := &r.Network
	nw.Nodes = make([]analysis.NetworkNode, 0, n+1)
	nw.Nodes = append(nw.Nodes, analysis.NetworkNode{ID: r.Ego.ID, Name: r.Ego.Name, Ego: true})
	for _, p := range r.People {
		nw.Nodes = append(nw.Nodes, analysis.NetworkNode{ID: p.ID, Name: p.Name, Company: p.Company, Title: p.Title,
			Category: p.Category, Hops: p.Hops})
	}
	for d := 1; len(nw.Edges) < m; d++ {
		for u := 0; u+d < len(nw.Nodes) && len(nw.Edges) < m; u++ {
			nw.Edges = append(nw.Edges, analysis.Edge{U: int32(u), V: int32(u + d), W: 1 / float64(d+u%7)})
		}
	}
	return r
}

// HeavyChanges is a diff.json of a heavy export's weekly run: a few hundred moves.
func HeavyChanges(r *analysis.Result) *history.Changes {
	c := &history.Changes{SchemaVersion: 1, From: history.RunRef{Run: "20260307T060000Z", AsOf: "2026-03-07"},
		To: history.RunRef{Run: "20260314T060000Z", AsOf: "2026-03-14"}, Entered: 12, Left: 3,
		ZoneMoves: []history.Move{}, NewDetractors: []history.Move{}, Risers: []history.Move{}, Fallers: []history.Move{},
		GoneDormant: []history.Move{}, TierMoves: []history.Move{}}
	for i := range 300 {
		p := &r.People[i*7%len(r.People)]
		infl, delta := p.Influence, 0.125
		c.ZoneMoves = append(c.ZoneMoves, history.Move{Person: p.ID, Name: p.Name, From: string(analysis.Watch), To: string(p.Zone), Zone: p.Zone})
		c.Risers = append(c.Risers, history.Move{Person: p.ID, Name: p.Name, Zone: p.Zone, Influence: &infl, Delta: &delta})
	}
	return c
}

// Heavy is a 30 000-person, 300 000-tie result (HeavyResult), made once for all the
// benchmarks of a package.
var Heavy = sync.OnceValue(func() *analysis.Result { return HeavyResult(30000, 300000) })
