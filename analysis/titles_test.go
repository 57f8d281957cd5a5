package analysis

import (
	"os"
	"testing"

	"github.com/relmap/relmap/importers"
)

// A people file and a vCard with titles and no companies give the seniority of their titles
// (issue 14, item 3): the CEO scores 1 and the VP 0.85, not the 0.3 of no title.
func TestSeniorityWithoutCompany(t *testing.T) {
	ds, err := importers.Load([]importers.Source{{Name: "titles", FS: os.DirFS("../testdata/sources/titles-no-company")}},
		importers.Options{Me: "mira@example.com"})
	if err != nil {
		t.Fatal(err)
	}
	r := mustScore(t, ds, DefaultOptions())
	want := map[string]float64{"Cora Vance": 1, "Vik Amos": 0.85, "Ben Ode": 0.3}
	for _, p := range r.People {
		if s, ok := want[p.Name]; ok {
			if p.Seniority != s {
				t.Errorf("%s (%q): seniority %v, want %v", p.Name, p.Title, p.Seniority, s)
			}
			delete(want, p.Name)
		}
	}
	for name := range want {
		t.Errorf("%s not ranked", name)
	}
}
