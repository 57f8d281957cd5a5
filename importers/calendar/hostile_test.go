package calendar

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"
)

// offsetByScan is vzone.offset as it was before it sorted the fixed onsets: every observance
// looked at for every event (issue 16, item 4). offset must give the same answers.
func offsetByScan(obs []observance, wall time.Time) time.Duration {
	var best time.Time
	found := false
	off := obs[0].offset
	earliest := obs[0].start
	for _, o := range obs {
		if o.start.Before(earliest) {
			earliest, off = o.start, o.offset
		}
	}
	for _, o := range obs {
		if t, ok := o.latest(wall); ok && (!found || t.After(best)) {
			best, found, off = t, true, o.offset
		}
	}
	return off
}

// TestOffsetAsScan compares offset with offsetByScan on random zones of fixed and recurring
// observances, with many equal onsets so that which of them wins is tested too.
func TestOffsetAsScan(t *testing.T) {
	rnd := rand.New(rand.NewPCG(16, 4))
	for range 300 {
		obs := make([]observance, 1+rnd.IntN(12))
		for i := range obs {
			o := &obs[i]
			o.start = time.Date(2000+rnd.IntN(8), time.Month(1+rnd.IntN(12)), 1+rnd.IntN(3), 2, 0, 0, 0, time.UTC)
			o.offset = time.Duration(rnd.IntN(5)) * time.Hour
			if rnd.IntN(2) == 0 {
				o.rule = &yearly{month: time.Month(1 + rnd.IntN(12)), nth: []int{1, 2, -1}[rnd.IntN(3)], day: time.Sunday}
				if rnd.IntN(3) == 0 {
					o.rule.until = o.start.AddDate(rnd.IntN(4), 0, 0)
				}
			}
		}
		vz := newVzone(obs)
		for range 50 {
			wall := time.Date(1998+rnd.IntN(14), time.Month(1+rnd.IntN(12)), 1+rnd.IntN(28), rnd.IntN(24), 0, 0, 0, time.UTC)
			if got, want := vz.offset(wall), offsetByScan(obs, wall); got != want {
				t.Fatalf("offset(%v) = %v, want %v; observances %+v", wall, got, want, obs)
			}
		}
	}
}

// hostileICS is a VTIMEZONE of nObs observances, every other one recurring, and nEvents
// events in it.
func hostileICS(nObs, nEvents int) string {
	var b strings.Builder
	b.WriteString("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VTIMEZONE\r\nTZID:Hostile/Zone\r\n")
	for i := range nObs {
		kind := "STANDARD"
		rule := ""
		if i%2 == 1 {
			kind, rule = "DAYLIGHT", fmt.Sprintf("RRULE:FREQ=YEARLY;BYMONTH=%d;BYDAY=-1SU\r\n", i%12+1)
		}
		fmt.Fprintf(&b, "BEGIN:%s\r\nDTSTART:%d%02d01T020000\r\nTZOFFSETTO:+0%d00\r\n%sEND:%s\r\n", kind, 1900+i%120, i%12+1, i%9, rule, kind)
	}
	b.WriteString("END:VTIMEZONE\r\n")
	for j := range nEvents {
		fmt.Fprintf(&b, "BEGIN:VEVENT\r\nUID:e%d\r\nDTSTART;TZID=Hostile/Zone:2025%02d%02dT100000\r\nORGANIZER:mailto:a@example.com\r\nATTENDEE:mailto:b@example.com\r\nEND:VEVENT\r\n", j, j%12+1, j%28+1)
	}
	b.WriteString("END:VCALENDAR\r\n")
	return b.String()
}

// TestReadICSManyObservances reads a VTIMEZONE of 100 000 observances (issue 16, item 4:
// with 20 000 events, 4 min 53 s): the first maxObservances are kept, the rest reported, and
// the events read.
func TestReadICSManyObservances(t *testing.T) {
	evs, bad := collect(t, readICS, hostileICS(100_000, 200))
	// 1 000 observances are kept, 100 of them recurring; the rest are counted.
	want := []badLine{{3, fmt.Sprintf("%d observances left out: a VTIMEZONE keeps its first %d, %d of them recurring", 100_000-maxObservances, maxObservances, maxRecurring)}}
	if len(bad) != 1 || bad[0] != want[0] {
		t.Errorf("bad = %v, want %v", bad, want)
	}
	if len(evs) != 200 {
		t.Errorf("%d events, want 200", len(evs))
	}
}

func BenchmarkReadICSManyObservances(b *testing.B) {
	in := hostileICS(100_000, 20_000)
	b.SetBytes(int64(len(in)))
	for b.Loop() {
		if err := ReadICS(strings.NewReader(in), func(Event) error { return nil }, nil); err != nil {
			b.Fatal(err)
		}
	}
}
