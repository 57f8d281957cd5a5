package importers

import (
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"
)

// build resolves people, finds the owner and the as-of day, and turns the gathered rows into
// the Dataset's interactions and ties.
func (l *loader) build(opt Options) (*Dataset, error) {
	ownerName := l.profileName
	if ownerName == "" {
		ownerName = l.inviteName
	}
	ownerURL := mostFrequent(l.ownerURLs, nil)
	if ownerURL == "" {
		// The owner is in every message: the most frequent participant, and on a tie the one
		// whose name is the owner's.
		ownerURL = mostFrequent(l.participantURLs, func(u string) bool {
			return ownerName != "" && NormalizeName(l.urlNames[u]) == NormalizeName(ownerName)
		})
	}
	if ownerURL == "" && ownerName == "" {
		if len(l.files) == 0 {
			return nil, errors.New("no LinkedIn export files found (Connections.csv, messages.csv, Invitations.csv …)")
		}
		return nil, errors.New("cannot tell whose export this is: it has no Profile.csv, Invitations.csv or messages.csv")
	}
	owner := l.res.add(mention{name: ownerName, url: ownerURL, company: l.ownerCompany, title: l.ownerTitle, src: fromOwner})
	res := l.res.resolve()
	ds := &Dataset{People: res.people, Ego: res.of[owner], OwnerCompany: l.ownerCompany, Problems: l.problems}
	ds.Coverage = Coverage{Files: l.files, PeopleMerged: res.merged, NamesAmbiguous: res.ambiguous}
	if ownerName != "" {
		ds.People[ds.Ego].Name = ownerName
	}

	switch {
	case !opt.AsOf.IsZero():
		ds.AsOf, ds.AsOfFrom = day(opt.AsOf), "flag"
	case !l.exportDate.IsZero():
		ds.AsOf, ds.AsOfFrom = day(l.exportDate), "export name"
	case !l.newestEvidence.IsZero():
		ds.AsOf, ds.AsOfFrom = day(l.newestEvidence), "newest evidence"
	default:
		return nil, errors.New("no dated evidence in the inputs; give the reference day with --as-of")
	}
	cutoff := ds.AsOf.AddDate(0, 0, 1)
	person := func(h int) int {
		if h < 0 {
			return ds.Ego
		}
		return res.of[h]
	}

	// The same event in two files (two overlapping exports) is counted once; two messages of
	// one file in the same minute are two messages.
	seen := map[string]int{}
	for _, e := range l.events {
		if !e.t.Before(cutoff) {
			ds.Coverage.AfterAsOf++
			continue
		}
		in := Interaction{Time: e.t, From: person(e.from), Conversation: e.conversation, Channel: "message", Weight: 1}
		for _, h := range e.to {
			if p := person(h); p != in.From {
				in.To = append(in.To, p)
			}
		}
		sort.Ints(in.To)
		in.To = uniq(in.To)
		if len(in.To) == 0 {
			continue
		}
		k := eventKey(in)
		if file, ok := seen[k]; ok && file != e.file {
			ds.Coverage.Duplicates++
			continue
		}
		seen[k] = e.file
		ds.Interactions = append(ds.Interactions, in)
	}
	sort.SliceStable(ds.Interactions, func(a, b int) bool {
		x, y := ds.Interactions[a], ds.Interactions[b]
		if !x.Time.Equal(y.Time) {
			return x.Time.Before(y.Time)
		}
		return eventKey(x) < eventKey(y)
	})

	for _, t := range l.ties {
		if !t.t.IsZero() && !t.t.Before(cutoff) {
			ds.Coverage.AfterAsOf++
			continue
		}
		tie := Tie{Kind: t.kind, From: person(t.from), To: person(t.to), Time: t.t}
		if tie.From == tie.To {
			continue
		}
		ds.Ties = append(ds.Ties, tie)
	}
	sort.SliceStable(ds.Ties, func(a, b int) bool {
		x, y := ds.Ties[a], ds.Ties[b]
		if x.Kind != y.Kind {
			return x.Kind < y.Kind
		}
		if x.From != y.From {
			return x.From < y.From
		}
		if x.To != y.To {
			return x.To < y.To
		}
		return x.Time.Before(y.Time)
	})
	return ds, nil
}

// day is the calendar day of t, as midnight UTC.
func day(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}

// eventKey identifies an event across overlapping sources: same participants, same minute,
// same channel (SPEC §2.6).
func eventKey(in Interaction) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s|%s|%d>", in.Time.UTC().Format("2006-01-02T15:04"), in.Channel, in.From)
	for _, t := range in.To {
		fmt.Fprintf(&b, "%d,", t)
	}
	return b.String()
}

func uniq(xs []int) []int {
	out := xs[:0]
	for i, x := range xs {
		if i == 0 || x != xs[i-1] {
			out = append(out, x)
		}
	}
	return out
}

// mostFrequent returns the key with the highest count; on a tie a preferred key (when prefer
// is given), then the smallest; "" when empty.
func mostFrequent(m map[string]int, prefer func(string) bool) string {
	best, n, bestPreferred := "", 0, false
	for k, c := range m {
		if k == "" {
			continue
		}
		p := prefer != nil && prefer(k)
		if c > n || (c == n && (p && !bestPreferred || p == bestPreferred && k < best)) {
			best, n, bestPreferred = k, c, p
		}
	}
	return best
}
