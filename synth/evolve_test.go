package synth

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"
)

// TestStepZeroUnchanged pins the bytes of step 0: the SHA-256 of every file of Write's zip but
// TRUTH.json, names and lengths included, for options of every kind, taken before
// Options.Step existed (and again when TRUTH.json began to read initiative: the export's files
// were the same). Step 0 must stay that export, byte for byte; TRUTH.json is what the status
// rules read in it, and grows with them.
func TestStepZeroUnchanged(t *testing.T) {
	for _, c := range []struct {
		opt  Options
		hash string
	}{
		{Options{}, "cbcf0adf6cd2922f6e6ea139f46bc74b869ffc35535f041314e1e4f5afa3dd32"},
		{Options{Seed: 1}, "5106f28e8c0d8ee2ef5951efd6049396ed8727bf577cd3728d05016a8486f10f"},
		{Options{Seed: 7, Step: 0}, "8ddafbdca6b4aa0b1cd4a75952f510776e54fd2d59d87a44c39dd509b37946f9"},
		{Options{Seed: 23, Noise: 1}, "cc3c5a82501f23c263fcdb11a77c74e26f950236150705d7e42de1c848ae87f0"},
		{Options{Connections: 120, Messages: 900, Seed: 7, ExportDate: time.Date(2025, 8, 26, 0, 0, 0, 0, time.UTC)}, "8efc8e33d1984764fa85a8ed5ecc8bce6fc12e6af12be4958d685e0a95e994de"},
		{Options{Connections: 3000, Messages: 40000, Seed: 3, Noise: 0.5}, "6973082093b793224685f8c84ce800b4eaa29e1edad08af35201465acc9cf051"},
		{Options{Connections: 20, Messages: 60, Seed: 2}, "c567535a47bb0eb3600d632d3f2d95d092ea6ba68862ad70a90e11b9b6ac09e5"},
	} {
		e := build(t, c.opt)
		h := sha256.New()
		for _, name := range e.order {
			if name == "TRUTH.json" {
				continue
			}
			fmt.Fprintf(h, "%s\x00%d\x00", name, len(e.files[name]))
			h.Write(e.files[name])
		}
		if got := hex.EncodeToString(h.Sum(nil)); got != c.hash {
			t.Errorf("%+v: SHA-256 %s, want %s", c.opt, got, c.hash)
		}
	}
}

func TestStepDate(t *testing.T) {
	opt := Options{Seed: 1, Step: 2}
	if got := opt.Day(); !got.Equal(time.Date(2026, 3, 28, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("Day() = %v, want 2026-03-28", got)
	}
	e := build(t, opt)
	if e.truth.ExportDate != "2026-03-28" || e.truth.Step != 2 {
		t.Errorf("truth export date %s step %d, want 2026-03-28 and 2", e.truth.ExportDate, e.truth.Step)
	}
	if got := FileName(opt.Day()); got != "Complete_LinkedInDataExport_03-28-2026.zip" {
		t.Errorf("FileName = %q", got)
	}
	opt = Options{ExportDate: time.Date(2025, 12, 30, 17, 0, 0, 0, time.UTC), Step: 1}
	if got := build(t, opt).truth.ExportDate; got != "2026-01-06" {
		t.Errorf("a week after 2025-12-30: %s", got)
	}
	if s := string(defaultExport(t).files["TRUTH.json"]); strings.Contains(s, `"movers"`) || strings.Contains(s, `"step"`) {
		t.Error("TRUTH.json of step 0 names steps or movers")
	}
}

// lastContacts maps each person's URL to the newest message of a conversation they take part
// in (every conversation of messages.csv is one with the owner).
func lastContacts(t *testing.T, e *export) map[string]time.Time {
	out := map[string]time.Time{}
	for _, m := range messages(t, e) {
		if m.draft || m.fromURL == "" {
			continue
		}
		for _, u := range append([]string{m.fromURL}, m.toURLs...) {
			if m.at.After(out[u]) {
				out[u] = m.at
			}
		}
	}
	return out
}

// ageDays is the age in whole UTC days of t on the export day T.
func ageDays(T, t time.Time) int64 { return T.Unix()/86400 - t.Unix()/86400 }

// TestMovers checks the movers of steps 1 to 3 on the truth and on the bytes: at least three
// of each kind per step, the same ones at every later step, each moved as its kind says; and
// everyone else as at step 0, their messages included, a week later per step.
func TestMovers(t *testing.T) {
	for _, base := range []Options{{Seed: 1}, {Seed: 7, Noise: 1}, {Seed: 23}, {Connections: 3000, Messages: 30000, Seed: 3}} {
		t.Run(fmt.Sprintf("%d/%d/seed=%d/noise=%g", base.Connections, base.Messages, base.Seed, base.Noise), func(t *testing.T) {
			steps := make([]*export, 4)
			for k := range steps {
				opt := base
				opt.Step = k
				steps[k] = build(t, opt)
			}
			zero := steps[0]
			before := map[string]Person{}
			for _, p := range zero.truth.People {
				before[p.URL] = p
			}
			for k := 1; k < len(steps); k++ {
				e := steps[k]
				tr := e.truth
				T := e.opt.Day()
				perStep := map[int]map[string]int{}
				moved := map[string]string{}
				for _, m := range tr.Movers {
					if moved[m.URL] != "" {
						t.Errorf("step %d: %s moves twice", k, m.Name)
					}
					moved[m.URL] = m.Kind
					if perStep[m.Step] == nil {
						perStep[m.Step] = map[string]int{}
					}
					perStep[m.Step][m.Kind]++
				}
				for s := 1; s <= k; s++ {
					for _, kind := range moverKinds {
						if n := perStep[s][kind]; n < 3 {
							t.Errorf("step %d: %d movers of kind %s at step %d, want at least 3", k, n, kind, s)
						}
					}
				}
				// The movers accumulate: step k's are step k−1's and some more.
				if prev := steps[k-1].truth.Movers; !slices.Equal(prev, slices.DeleteFunc(slices.Clone(tr.Movers), func(m Mover) bool { return m.Step == k })) {
					t.Errorf("step %d: the movers of the steps before differ from step %d's", k, k-1)
				}

				last := lastContacts(t, e)
				last0 := lastContacts(t, zero)
				threads, threads0 := groupThreads(t, e), groupThreads(t, zero)
				rows := messages(t, e)
				after := map[string]Person{}
				for _, p := range tr.People {
					after[p.URL] = p
				}
				for _, m := range tr.Movers {
					b, a := before[m.URL], after[m.URL]
					desc := fmt.Sprintf("step %d: %s %s (step %d): %s/%s %v → %s/%s %v", k, m.Kind, m.Name, m.Step, b.Influence, b.Status, b.Signals, a.Influence, a.Status, a.Signals)
					if a.Name != m.Name {
						t.Errorf("%s: not a person of the truth", desc)
						continue
					}
					switch m.Kind {
					case KindNewDetractor:
						if b.Status == detractor || a.Status != detractor || !slices.Contains(a.Signals, "unanswered") ||
							slices.Contains(a.Signals, "recommendation") || slices.Contains(a.Signals, "endorsements") {
							t.Errorf("%s", desc)
						}
						asked, sent := 0, 0
						for _, r := range rows {
							age := ageDays(T, r.at)
							if r.draft || age >= 180 {
								continue
							}
							if r.fromURL == m.URL {
								sent++
							}
							if r.fromURL == tr.Owner.URL && slices.Equal(r.toURLs, []string{m.URL}) && age >= 15 {
								asked++
							}
						}
						if sent > 0 || asked < 3 {
							t.Errorf("%s: in the last 180 days sent %d messages, was sent %d 1:1 at least 15 days old", desc, sent, asked)
						}
						if ageDays(T, last[m.URL]) > 90 {
							t.Errorf("%s: last contact %v, a new detractor should not look dormant", desc, last[m.URL])
						}
					case KindInfluenceRiser:
						if b.Influence != "low" || b.Zone != "background" || a.Influence != "high" || a.Zone != "key to engage" ||
							seniority(a.Title) < 0.85 || seniority(b.Title) > 0.35 {
							t.Errorf("%s: title %q → %q, zone %s → %s", desc, b.Title, a.Title, b.Zone, a.Zone)
						}
						recent := 0
						for c := range threads[m.URL] {
							for _, r := range rows {
								if r.conv == c && ageDays(T, r.at) < 90 {
									recent++
									break
								}
							}
						}
						if len(threads0[m.URL]) != 0 || recent < 6 {
							t.Errorf("%s: group threads %d at step 0, %d recent now", desc, len(threads0[m.URL]), recent)
						}
					case KindGoneDormant:
						if b.Influence != "high" || a.Influence != "high" || a.Status == detractor || b.Status != a.Status {
							t.Errorf("%s", desc)
						}
						if d := ageDays(zero.opt.Day(), last0[m.URL]); d > dormantFresh {
							t.Errorf("%s: last contact %d days before step 0", desc, d)
						}
						if d := ageDays(T, last[m.URL]); d <= 90 {
							t.Errorf("%s: last contact %d days before step %d", desc, d, k)
						}
						if len(threads[m.URL]) < 3 {
							t.Errorf("%s: in %d group threads", desc, len(threads[m.URL]))
						}
					}
				}
				// Everyone else is as at step 0.
				for _, a := range tr.People {
					b, ok := before[a.URL]
					if moved[a.URL] != "" {
						continue
					}
					if !ok || a.Status != b.Status || !slices.Equal(a.Signals, b.Signals) || a.Influence != b.Influence ||
						a.Zone != b.Zone || a.Title != b.Title || a.Bridge != b.Bridge {
						t.Errorf("step %d: non-mover %+v was %+v", k, a, b)
					}
				}
				if len(tr.People) != len(zero.truth.People) {
					t.Errorf("step %d: %d people, step 0 has %d", k, len(tr.People), len(zero.truth.People))
				}
				// Every conversation without a mover is the same, a week later per step.
				shift := time.Duration(7*k) * 24 * time.Hour
				type row struct{ conv, from, to, at, text string }
				key := func(r msgRow, d time.Duration) row {
					return row{r.conv, r.fromURL, strings.Join(r.toURLs, ","), r.at.Add(d).String(), r.content}
				}
				now := map[row]bool{}
				for _, r := range rows {
					now[key(r, 0)] = true
				}
				kept, gone := 0, 0
				for _, r := range messages(t, zero) {
					if r.draft || slices.ContainsFunc(append([]string{r.fromURL}, r.toURLs...), func(u string) bool { return moved[u] != "" }) {
						continue
					}
					if now[key(r, shift)] {
						kept++
					} else {
						gone++
					}
				}
				if gone > 0 || kept == 0 {
					t.Errorf("step %d: %d rows of conversations without movers kept a week later per step, %d not", k, kept, gone)
				}
			}
			n := map[string]int{}
			for _, m := range steps[len(steps)-1].truth.Movers {
				n[m.Kind]++
			}
			t.Logf("movers over %d steps: %v", len(steps)-1, n)
		})
	}
}
