package reports

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"testing"

	"github.com/relmap/relmap/analysis"
	"github.com/relmap/relmap/reports/internal/reporttest"
)

// A path through a detractor of the ego (SPEC §3.4, used only when there is no other) says so
// wherever a path is written: PathText, ranked.csv's intro_path, ranked.json's intro_path and
// intro_paths[].text, and the report's table.
func TestPathTextDetractor(t *testing.T) {
	plain := analysis.IntroPath{Via: []analysis.Hop{{ID: "b2", Name: "Ana Ruiz"}}, Strength: 0.6151}
	det := analysis.IntroPath{Via: []analysis.Hop{{ID: "c3", Name: "Bo Chan"}, {ID: "d4", Name: "Łukasz Żero"}}, Strength: 0.405, Detractor: true}
	for _, c := range []struct {
		p    analysis.IntroPath
		want string
	}{
		{plain, "via Ana Ruiz (0.62)"},
		{det, "via Bo Chan → Łukasz Żero (0.41, detractor)"},
	} {
		if got := PathText(c.p); got != c.want {
			t.Errorf("PathText = %q, want %q", got, c.want)
		}
	}

	r := reporttest.RankedResult()
	r.People[0].IntroPaths = []analysis.IntroPath{det}
	const want = "via Bo Chan → Łukasz Żero (0.41, detractor)"

	var buf bytes.Buffer
	if err := WriteCSV(&buf, r); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	for i, c := range rows[0] {
		if c == "intro_path" && rows[1][i] != want {
			t.Errorf("ranked.csv intro_path %q, want %q", rows[1][i], want)
		}
	}

	buf.Reset()
	if err := WriteJSON(&buf, r); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		People []struct {
			IntroPath  *string `json:"intro_path"`
			IntroPaths []struct {
				Text     string  `json:"text"`
				Strength float64 `json:"strength"`
				Via      []struct{ ID, Name string }
			} `json:"intro_paths"`
		} `json:"people"`
	}
	if err := json.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	p := doc.People[0]
	if p.IntroPath == nil || *p.IntroPath != want || len(p.IntroPaths) != 1 || p.IntroPaths[0].Text != want ||
		p.IntroPaths[0].Strength != 0.405 || len(p.IntroPaths[0].Via) != 2 || p.IntroPaths[0].Via[1].ID != "d4" {
		t.Errorf("ranked.json: intro_path %v, intro_paths %+v; want %q", p.IntroPath, p.IntroPaths, want)
	}

	if got := introText(&r.People[0]); got != "via Bo Chan → Łukasz Żero (0.41, detractor)" {
		t.Errorf("report's intro path %q", got)
	}
	r.People[0].IntroPaths = []analysis.IntroPath{plain}
	if got := introText(&r.People[0]); got != "via Ana Ruiz (0.62)" {
		t.Errorf("report's intro path %q", got)
	}
}
