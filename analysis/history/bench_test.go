package history

import (
	"fmt"
	"path/filepath"
	"testing"

	"github.com/relmap/relmap/analysis"
)

// BenchmarkCommit records the scores of a heavy personal export (33 600 ranked people, as
// relmap synth --connections 30000 gives) in one run's commit transaction.
func BenchmarkCommit(b *testing.B) {
	s, err := Open(filepath.Join(b.TempDir(), "h.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	people := make([]analysis.Person, 33600)
	for i := range people {
		people[i] = analysis.Person{Rank: i + 1, ID: fmt.Sprintf("%012x", i), Name: fmt.Sprintf("Person %d", i), Company: "Acme",
			Title: "Engineer", Tie: 0.5, Influence: 0.4, Reach: 0.3, Importance: 0.2, StatusLabel: "neutral", Zone: "background"}
	}
	r := &analysis.Result{People: people}
	n := 0
	for b.Loop() {
		id := fmt.Sprintf("r%d", n)
		n++
		if err := s.Begin(Run{ID: id, Out: "/o", Started: day}); err != nil {
			b.Fatal(err)
		}
		if err := s.Commit(id, day, []Map{{Result: r}}); err != nil {
			b.Fatal(err)
		}
	}
}
