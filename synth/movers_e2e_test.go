package synth_test

import (
	"archive/zip"
	"bytes"
	"fmt"
	"testing"

	"github.com/relmap/relmap/analysis"
	"github.com/relmap/relmap/importers"
	"github.com/relmap/relmap/synth"
)

// scoreStep writes the export of one step and scores it as relmap does, by name.
func scoreStep(t *testing.T, opt synth.Options) (*synth.Truth, map[string]*analysis.Person) {
	t.Helper()
	var buf bytes.Buffer
	tr, err := synth.Write(&buf, opt)
	if err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	ds, err := importers.Load([]importers.Source{{Name: synth.FileName(opt.Day()), FS: zr}}, importers.Options{})
	if err != nil {
		t.Fatal(err)
	}
	res, err := analysis.Score(ds, analysis.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	if got := res.AsOf.Format("2006-01-02"); got != tr.ExportDate {
		t.Fatalf("step %d: relmap's as-of %s, truth %s", opt.Step, got, tr.ExportDate)
	}
	byName := map[string]*analysis.Person{} // names are unique in synth
	for i := range res.People {
		byName[res.People[i].Name] = &res.People[i]
	}
	return tr, byName
}

// TestMoversScored scores steps 0 and 2 of the same network with relmap's own analysis and
// checks that every planted mover moved as its kind says (a new detractor is one at step 2
// only, an influence riser gains 0.25 of influence at least, a gone-dormant tie is dormant at
// step 2 only), that no one else's status label changes and few change zone (the risers push
// the influence quantile up a little), and that step 2's truth agrees with relmap's labels.
func TestMoversScored(t *testing.T) {
	if testing.Short() {
		t.Skip("scores four synthetic exports")
	}
	for _, opt := range []synth.Options{{Seed: 1}, {Seed: 7, Noise: 1}} {
		t.Run(fmt.Sprintf("seed=%d/noise=%g", opt.Seed, opt.Noise), func(t *testing.T) {
			opt2 := opt
			opt2.Step = 2
			tr0, before := scoreStep(t, opt)
			tr, after := scoreStep(t, opt2)
			moved := map[string]bool{}
			kinds := map[string]int{}
			for _, m := range tr.Movers {
				moved[m.Name] = true
				kinds[m.Kind]++
				b, a := before[m.Name], after[m.Name]
				if b == nil || a == nil {
					t.Errorf("mover %s (%s) is not ranked at both steps", m.Name, m.Kind)
					continue
				}
				desc := fmt.Sprintf("%s %s (step %d): %s %.3f %s dormant %v importance %.3f → %s %.3f %s dormant %v importance %.3f",
					m.Kind, m.Name, m.Step, b.StatusLabel, b.Influence, b.Zone, b.Dormant, b.Importance,
					a.StatusLabel, a.Influence, a.Zone, a.Dormant, a.Importance)
				t.Log(desc)
				switch m.Kind {
				case synth.KindNewDetractor:
					if a.StatusLabel != "detractor" || b.StatusLabel == "detractor" {
						t.Errorf("%s: want a detractor at step 2 only", desc)
					}
				case synth.KindInfluenceRiser:
					if a.Influence-b.Influence < 0.25 {
						t.Errorf("%s: influence up %.3f, want at least 0.25", desc, a.Influence-b.Influence)
					}
				case synth.KindGoneDormant:
					if !a.Dormant || b.Dormant {
						t.Errorf("%s: want dormant at step 2 only", desc)
					}
				}
			}
			for _, k := range []string{synth.KindNewDetractor, synth.KindInfluenceRiser, synth.KindGoneDormant} {
				if kinds[k] < 6 {
					t.Errorf("%d movers of kind %s over two steps, want at least 6", kinds[k], k)
				}
			}
			// Everyone else: the same status label (their evidence did not change), and few
			// zone moves (the movers shift the influence quantile a little).
			labels, zones, dormant, others := 0, 0, 0, 0
			// Status windows slide with the export day: a non-mover whose planted status
			// itself changed between the steps (their initiative over the last 180 days, say)
			// is held to the truth below, not to standing still.
			planted := map[string]string{}
			for _, p := range tr0.People {
				planted[p.Name] = p.Status
			}
			for _, p := range tr.People {
				if planted[p.Name] != p.Status {
					moved[p.Name] = true
				}
			}
			for name, a := range after {
				b := before[name]
				if moved[name] || b == nil {
					continue
				}
				others++
				if a.StatusLabel != b.StatusLabel && a.StatusLabel != "unknown" && b.StatusLabel != "unknown" {
					labels++
					t.Logf("non-mover %s: %s → %s", name, b.StatusLabel, a.StatusLabel)
				}
				if a.Zone != b.Zone {
					zones++
					t.Logf("non-mover %s: zone %s → %s, influence %.3f → %.3f deg %d→%d pr %.5f→%.5f btw %.5f→%.5f", name, b.Zone, a.Zone, b.Influence, a.Influence, b.Degree, a.Degree, b.PageRank, a.PageRank, b.Betweenness, a.Betweenness)
				}
				if a.Dormant != b.Dormant {
					dormant++
					t.Logf("non-mover %s: dormant %v → %v, importance %.3f → %.3f, last contact %s → %s", name, b.Dormant, a.Dormant, b.Importance, a.Importance, b.LastContact.Format("2006-01-02"), a.LastContact.Format("2006-01-02"))
				}
			}
			// The truth of step 2 is what relmap reads: every status label agrees.
			agree := 0
			for _, p := range tr.People {
				// Planted neutral with no signal: relmap may read it as neutral (an answer rate
				// in the middle) or unknown (no evidence at all).
				if a := after[p.Name]; a == nil || (string(a.StatusLabel) != p.Status && !(p.Status == "neutral" && len(p.Signals) == 0 && a.StatusLabel == "unknown")) {
					t.Errorf("step 2: %s planted %s %v, relmap reads %+v", p.Name, p.Status, p.Signals, a)
				} else {
					agree++
				}
			}
			t.Logf("%d movers %v; of %d others, %d changed status label, %d zone, %d dormant; status agrees with the truth for %d of %d", len(tr.Movers), kinds, others, labels, zones, dormant, agree, len(tr.People))
			if labels > 0 {
				t.Errorf("%d non-movers changed status label", labels)
			}
			if zones > others/20 || dormant > others/20 {
				t.Errorf("of %d non-movers, %d changed zone and %d dormant", others, zones, dormant)
			}
		})
	}
}
