package analysis

import (
	"archive/zip"
	"bytes"
	"testing"
	"testing/fstest"
	"time"

	"github.com/relmap/relmap/importers"
	"github.com/relmap/relmap/synth"
)

// Status on metadata alone (issue 15): behaviours planted by relmap synth --plant-status
// around one person — supporters, detractors, busy seniors, cooling ties and ordinary
// colleagues, with no sentiment, endorsement, recommendation or annotation — are found as the
// issue's acceptance asks, in an organisation's log (--org) and in a personal LinkedIn export.
// Seed 11 is neither the tuning seed (7) nor one of the evaluation seeds of
// bench/status-eval.sh (101–103).
func TestStatusFromPlantedBehaviour(t *testing.T) {
	if testing.Short() {
		t.Skip("scores a 900-person synthetic organisation")
	}
	var people, interactions bytes.Buffer
	tr, err := synth.WriteOrg(&people, &interactions, synth.OrgOptions{People: 900, Interactions: 90000, Seed: 11, PlantStatus: true})
	if err != nil {
		t.Fatal(err)
	}
	plant := tr.PlantedStatus
	fsys := fstest.MapFS{"people.csv": {Data: people.Bytes()}, "interactions.csv": {Data: interactions.Bytes()}}
	ds, err := importers.Load([]importers.Source{{Name: "org", FS: fsys}}, importers.Options{Me: plant.Ego.Email})
	if err != nil {
		t.Fatal(err)
	}
	checkPlanted(t, ds, plant, nil, true)
}

// The same in a personal LinkedIn export, where no one's habit with others shows: supporters by
// their answers and the threads they open, busy seniors kept apart from detractors by their
// silence being as old as the tie. The base generator's own planted statuses (TRUTH.json's
// people) count as right for the precision.
func TestStatusFromPlantedBehaviourPersonal(t *testing.T) {
	if testing.Short() {
		t.Skip("scores a 1 000-connection synthetic export")
	}
	var buf bytes.Buffer
	tr, err := synth.Write(&buf, synth.Options{Connections: 1000, Messages: 20000, Seed: 11, PlantStatus: true})
	if err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	date, _ := time.Parse(time.DateOnly, tr.ExportDate)
	ds, err := importers.Load([]importers.Source{{Name: synth.FileName(date), FS: zr}}, importers.Options{})
	if err != nil {
		t.Fatal(err)
	}
	base := map[string]string{}
	for _, p := range tr.People {
		base[p.Name] = p.Status
	}
	checkPlanted(t, ds, tr.PlantedStatus, base, false)
}

// checkPlanted scores ds and holds the planted groups to issue 15's targets; base gives the
// status of people planted outside the groups, right for the precision too. far says whether
// people at two hops with no interaction are expected (an organisation's log).
func checkPlanted(t *testing.T, ds *importers.Dataset, plant *synth.StatusPlant, base map[string]string, far bool) {
	t.Helper()
	r, err := Score(ds, DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	byName := map[string]*Person{}
	for i := range r.People {
		byName[r.People[i].Name] = &r.People[i]
	}
	share := func(group []synth.StatusPerson, ok func(p *Person) bool) float64 {
		n := 0
		for _, sp := range group {
			p := byName[sp.Name]
			if p == nil {
				t.Errorf("planted %s is not ranked", sp.Name)
				continue
			}
			if ok(p) {
				n++
			}
		}
		return float64(n) / float64(len(group))
	}
	label := func(l StatusLabel) func(*Person) bool { return func(p *Person) bool { return p.StatusLabel == l } }
	if len(plant.Supporters) < 5 || len(plant.Detractors) < 5 || len(plant.BusySeniors) < 5 {
		t.Fatalf("%d supporters, %d detractors, %d busy seniors planted", len(plant.Supporters), len(plant.Detractors), len(plant.BusySeniors))
	}
	for _, c := range []struct {
		what  string
		got   float64
		least bool // the share must be at least bound, else at most
		bound float64
	}{
		{"supporters found as supporters", share(plant.Supporters, label("supporter")), true, 0.85},
		{"detractors found as detractors", share(plant.Detractors, label("detractor")), true, 0.85},
		{"busy seniors labelled detractors", share(plant.BusySeniors, label("detractor")), false, 0.10},
		{"cooling ties negative, not detractors", share(plant.Cooling, func(p *Person) bool { return p.Status < 0 && p.StatusLabel != "detractor" }), true, 0.75},
		{"ordinary colleagues labelled supporter or detractor", share(plant.Ordinary, func(p *Person) bool { return p.StatusLabel == "supporter" || p.StatusLabel == "detractor" }), false, 0.10},
	} {
		t.Logf("%s: %.0f %%", c.what, 100*c.got)
		if c.least && c.got < c.bound || !c.least && c.got > c.bound {
			t.Errorf("%s: %.0f %%, want %s %.0f %%", c.what, 100*c.got, map[bool]string{true: "≥", false: "≤"}[c.least], 100*c.bound)
		}
	}
	// The labels' precision over everyone ranked, and people at two hops with no interaction.
	planted := map[string]string{}
	for name, st := range base {
		planted[name] = st
	}
	for _, g := range []struct {
		people []synth.StatusPerson
		label  string
	}{{plant.Supporters, "supporter"}, {plant.Detractors, "detractor"}} {
		for _, sp := range g.people {
			planted[sp.Name] = g.label
		}
	}
	right, labelled := map[StatusLabel]int{}, map[StatusLabel]int{}
	nFar, farUnknown := 0, 0
	for i := range r.People {
		p := &r.People[i]
		if p.StatusLabel == "supporter" || p.StatusLabel == "detractor" {
			labelled[p.StatusLabel]++
			if planted[p.Name] == string(p.StatusLabel) {
				right[p.StatusLabel]++
			}
		}
		if p.Hops == 2 && p.LastContact.IsZero() {
			nFar++
			if p.StatusLabel == Unknown {
				farUnknown++
			}
		}
	}
	for l, bound := range map[StatusLabel]float64{"detractor": 0.7, "supporter": 0.6} {
		t.Logf("precision of %s: %d of %d", l, right[l], labelled[l])
		if labelled[l] == 0 || float64(right[l])/float64(labelled[l]) < bound {
			t.Errorf("precision of %s: %d right of %d labelled, want ≥ %.1f", l, right[l], labelled[l], bound)
		}
	}
	if far && (nFar == 0 || float64(farUnknown)/float64(nFar) < 0.95) {
		t.Errorf("%d of %d people at two hops with no interaction are unknown, want ≥ 95 %%", farUnknown, nFar)
	}
}
