package analysis

import (
	"os"
	"slices"
	"testing"
	"testing/fstest"

	"github.com/relmap/relmap/importers"
)

// Coverage speaks of the inputs given (issue 14): LinkedIn's limit only where a LinkedIn export
// is among them, and people_with_interaction the share of ranked people with any interaction
// in the data — with anyone, not only with the ego.
func TestCoverageOfTheInputsGiven(t *testing.T) {
	r := scoreSamples(t)
	if !slices.Contains(r.Coverage.Limits, LimitNoSecondDegree) {
		t.Errorf("a LinkedIn export's limits %v lack LinkedIn's (no second degree)", r.Coverage.Limits)
	}

	fsys := fstest.MapFS{}
	for _, f := range []string{"people.csv", "interactions.csv"} {
		b, err := os.ReadFile("../testdata/generic/" + f)
		if err != nil {
			t.Fatal(err)
		}
		fsys[f] = &fstest.MapFile{Data: b}
	}
	ds, err := importers.Load([]importers.Source{{Name: "org", FS: fsys}}, importers.Options{Me: "ana@example.com"})
	if err != nil {
		t.Fatal(err)
	}
	r, err = Score(ds, DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	if slices.Contains(r.Coverage.Limits, LimitNoSecondDegree) {
		t.Errorf("generic inputs' limits speak of LinkedIn: %v", r.Coverage.Limits)
	}
	// Count by hand: a ranked person interacted when any interaction names them.
	talked := map[int]bool{}
	for _, in := range ds.Interactions {
		talked[in.From] = true
		for _, to := range in.To {
			talked[to] = true
		}
	}
	index := map[string]int{}
	for i, p := range ds.People {
		index[p.ID] = i
	}
	n := 0
	for _, p := range r.People {
		if talked[index[p.ID]] {
			n++
		}
	}
	want := float64(n) / float64(len(r.People))
	if r.Coverage.WithInteraction != want || want == 0 {
		t.Errorf("people_with_interaction %v, want %d of %d ranked = %v", r.Coverage.WithInteraction, n, len(r.People), want)
	}
}
