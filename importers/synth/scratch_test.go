package synth

import (
	"os"
	"bytes"
	"fmt"
	"testing"
	"time"
)

func TestScratch(t *testing.T) {
	for _, o := range []Options{{Seed: 1}, {Seed: 2}, {Connections: 20, Messages: 300, Seed: 3}, {Connections: 30000, Messages: 200000, Seed: 4}, {Connections: 30000, Messages: 4000, Seed: 5}, {Connections: 20, Messages: 200000, Seed: 6}} {
		start := time.Now()
		var buf bytes.Buffer
		tr, err := Write(&buf, o)
		if err != nil {
			t.Fatal(err)
		}
		el := time.Since(start)
		o2, _ := o.resolve()
		g := generate(o2)
		mism := map[string]int{}
		for _, ru := range []rules{{}, {oneToOneOnly: true}, {directOnly: true}, {perMessage: true}, {true, true, true}} {
			as := g.assess(ru)
			n := 0
			for i := range g.people {
				if as[i].status != g.people[i].status {
					n++
					if n < 4 {
						p := g.people[i]
						t.Logf("mismatch %v: %s planted %s got %s %v high=%v rec=%v end=%d", ru, p.name(), p.status, as[i].status, as[i].signals, p.high, p.rec, p.endorse)
					}
				}
			}
			mism[fmt.Sprint(ru)] = n
		}
		zones := map[string]int{}
		sig := map[string]int{}
		for _, p := range tr.People {
			zones[p.Zone]++
			for _, s := range p.Signals {
				sig[s]++
			}
		}
		t.Logf("%+v: %v size=%d people=%d zones=%v sig=%v mism=%v core=%d groups=%d cap=%d ghosts=%d drafts=%d member=%d spons=%d", o, el, buf.Len(), len(tr.People), zones, sig, mism, g.coreRows, g.groupRows, g.groupCap, tr.GhostRows, tr.Drafts, tr.LinkedInMemberRows, tr.SponsoredRows)
	}
}

func TestDump(t *testing.T) {
	f, _ := os.Create("/tmp/synth_default.zip")
	defer f.Close()
	if _, err := Write(f, Options{Seed: 1}); err != nil {
		t.Fatal(err)
	}
}
