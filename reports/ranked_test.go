package reports

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"flag"
	"math"
	"testing"

	"github.com/relmap/relmap/analysis"
	"github.com/relmap/relmap/reports/internal/reporttest"
)

// update rewrites the golden files of the tests of package reports.
var update = flag.Bool("update", false, "rewrite golden files")

func TestWriteCSVGolden(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteCSV(&buf, reporttest.RankedResult()); err != nil {
		t.Fatal(err)
	}
	reporttest.Golden(t, *update, "ranked.csv", buf.Bytes())
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
	r := reporttest.RankedResult()
	r.MinGroup = 5
	r.Organisations = []analysis.Group{{Name: "Acme", People: 7, Influence: 0.4125,
		Zones:    map[analysis.Zone]int{"champion": 2, "background": 5},
		Statuses: map[analysis.StatusLabel]int{"supporter": 2, "neutral": 5}}}
	r.Communities = []analysis.Group{{Name: "other", People: 5, Influence: math.NaN(), Zones: map[analysis.Zone]int{}, Statuses: map[analysis.StatusLabel]int{}}}
	if err := WriteJSON(&buf, r); err != nil {
		t.Fatal(err)
	}
	reporttest.Golden(t, *update, "ranked.json", buf.Bytes())
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
