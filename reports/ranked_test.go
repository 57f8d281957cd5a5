package reports

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/relmap/relmap/analysis"
)

// rankedResult is a small fabricated result exercising every kind of cell: unknown numbers,
// formula-like text, non-ASCII names, two-intermediary paths and an empty basis.
func rankedResult() *analysis.Result {
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

func TestWriteCSVGolden(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteCSV(&buf, rankedResult()); err != nil {
		t.Fatal(err)
	}
	golden(t, "ranked.csv", buf.Bytes())
	rows, err := csv.NewReader(bytes.NewReader(buf.Bytes())).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for i, c := range rows[0] {
		col[c] = i
	}
	first, second := rows[1], rows[2]
	for c, want := range map[string]string{"tie": "1.234568", "importance": "0.666667", "status": "-0.4", "constraint": "1",
		"hops": "1", "last_contact": "2025-03-14", "dormant": "false", "intro_path": "via Ana Ruiz (0.62)", "status_basis": "unanswered"} {
		if first[col[c]] != want {
			t.Errorf("row 1 %s = %q, want %q", c, first[col[c]], want)
		}
	}
	for c, want := range map[string]string{"name": "'=HYPERLINK(\"http://x\")", "company": "'+Evil", "title": "'@home",
		"pagerank": "", "hops": "", "tier": "", "status_basis": "none", "dormant": "true", "last_contact": "", "intro_path": ""} {
		if second[col[c]] != want {
			t.Errorf("row 2 %s = %q, want %q", c, second[col[c]], want)
		}
	}
}

func TestWriteJSONGolden(t *testing.T) {
	var buf bytes.Buffer
	r := rankedResult()
	r.MinGroup = 5
	r.Organisations = []analysis.Group{{Name: "Acme", People: 7, Influence: 0.4125,
		Zones:    map[analysis.Zone]int{"champion": 2, "background": 5},
		Statuses: map[analysis.StatusLabel]int{"supporter": 2, "neutral": 5}}}
	r.Communities = []analysis.Group{{Name: "other", People: 5, Influence: math.NaN(), Zones: map[analysis.Zone]int{}, Statuses: map[analysis.StatusLabel]int{}}}
	if err := WriteJSON(&buf, r); err != nil {
		t.Fatal(err)
	}
	golden(t, "ranked.json", buf.Bytes())
	var doc struct {
		People []map[string]any `json:"people"`
	}
	if err := json.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	p := doc.People[1]
	if p["pagerank"] != nil || p["hops"] != nil || p["tier"] != nil || p["name"] != "=HYPERLINK(\"http://x\")" {
		t.Errorf("unknowns must be null and JSON text untouched: %v", p)
	}
	if paths := doc.People[0]["intro_paths"].([]any); len(paths) != 2 {
		t.Errorf("intro_paths = %v", paths)
	}
}

func TestNumber(t *testing.T) {
	for x, want := range map[float64]string{0: "0", math.Copysign(0, -1): "0", 1e-7: "0", -1e-7: "0", 0.1234565: "0.123457",
		12: "12", 1.5e9: "1500000000", -0.25: "-0.25", math.NaN(): "", math.Inf(1): ""} {
		if got := Number(x); got != want {
			t.Errorf("Number(%v) = %q, want %q", x, got, want)
		}
	}
}

func TestText(t *testing.T) {
	for in, want := range map[string]string{"=1+1": "'=1+1", "-x": "'-x", "+x": "'+x", "@x": "'@x", "\tx": "'\tx", "\rx": "'\rx", "ok": "ok", "": ""} {
		if got := Text(in); got != want {
			t.Errorf("Text(%q) = %q, want %q", in, got, want)
		}
	}
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./reports -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file:\n%s", name, got)
	}
}
