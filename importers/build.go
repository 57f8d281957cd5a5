package importers

import (
	"cmp"
	"crypto/md5"
	"errors"
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/relmap/relmap/fold"
)

// build resolves people, finds the owner and the as-of day, and turns the gathered rows into
// the Dataset's interactions and ties: one phase after another, each a function below.
func (l *loader) build(opt Options) (*Dataset, error) {
	o, err := l.findOwner(opt)
	if err != nil {
		return nil, err
	}
	gfrom, gto := l.resolveGenericKeys()
	ties := l.ties
	for _, g := range l.gties {
		ties = append(ties, rawTie{kind: g.kind, from: l.resolveKey(g.a), to: l.resolveKey(g.b), t: g.t, weight: g.weight})
	}
	if err := l.joinMe(opt, &o); err != nil {
		return nil, err
	}
	res := l.res.resolve()
	if opt.Me != "" && !o.meJoined {
		n := matching(res.people, strings.TrimSpace(opt.Me))
		if ego := res.people[res.of[o.handle]]; len(ego.Keys) == 0 && n > 1 {
			n-- // the key's own bare mention, kept apart from the people it could mean
		}
		if n > 1 {
			return nil, &MeError{Me: opt.Me, Problem: MeAmbiguous, People: n}
		}
	}
	ds := l.people(res, o, opt)
	l.annotate(ds, opt.IDToken)
	cutoff := l.asOf(ds, opt)
	person := func(h int) int {
		if h < 0 {
			return ds.Ego // -1 (the owner) only comes from LinkedIn files, which always have one
		}
		return res.of[h]
	}
	l.interactions(ds, person, cutoff, gfrom, gto)
	ds.Units, ds.UnitNames = l.units(person, ds.AsOf.Unix()/86400, &ds.Coverage)
	ds.Ties = dedupTies(ties, person, cutoff, &ds.Coverage)
	return ds, nil
}

// owner is who the inputs are centred on, as findOwner and joinMe tell.
type owner struct {
	name, url string
	handle    int  // the owner's mention; -1 when there is none (an organisation's data)
	unnamed   bool // a LinkedIn export with nothing to name its owner: "you"
	meJoined  bool // --me named the LinkedIn export's owner
}

// findOwner finds the owner of a LinkedIn export (FORMAT.md §4) and adds their mention, or
// says why the inputs have no one at their centre.
func (l *loader) findOwner(opt Options) (owner, error) {
	// The owner's name: Profile.csv, else the sender of outgoing invitations or old messages,
	// else the name found in the most messages (the owner is in every one).
	ownerName := l.profileName
	for _, fallback := range []func() string{
		func() string { return l.inviteName },
		func() string { return mostFrequent(l.ownerNames, nil) },
		func() string { return l.nameDisplay[mostFrequent(l.participantNames, nil)] },
	} {
		if ownerName == "" {
			ownerName = fallback()
		}
	}
	// The owner's URL: Invitations.csv, else the message URL that goes with the owner's name,
	// else the most frequent message URL.
	ownerURL := mostFrequent(l.ownerURLs, nil)
	if ownerURL == "" && ownerName != "" {
		named := map[string]int{}
		for u, c := range l.participantURLs {
			if NormalizeName(l.urlNames[u]) == NormalizeName(ownerName) {
				named[u] = c
			}
		}
		ownerURL = mostFrequent(named, nil)
	}
	if ownerURL == "" {
		ownerURL = mostFrequent(l.participantURLs, nil)
	}
	// A LinkedIn export is always its owner's, even when it holds only Connections.csv: without
	// Profile.csv, invitations or messages the owner is "you", unnamed, tied to every
	// connection (SPEC §2.7).
	linkedIn := false
	for _, f := range l.files {
		linkedIn = linkedIn || isLinkedIn(f.Kind)
	}
	o := owner{name: ownerName, url: ownerURL, handle: -1}
	switch {
	case ownerURL != "" || ownerName != "":
		o.handle = l.res.add(mention{name: ownerName, url: ownerURL, company: l.ownerCompany, title: l.ownerTitle, src: fromOwner})
	case linkedIn && !opt.NoOwner:
		// No name, URL or e-mail: nothing merges with this mention but what --me names.
		o.handle = l.res.add(mention{company: l.ownerCompany, title: l.ownerTitle, src: fromOwner})
		o.unnamed = true
	case len(l.files) == 0:
		return o, l.fail(l.noFiles())
	case opt.Me == "" && !opt.NoOwner:
		return o, l.fail(&MeError{Problem: MeMissing})
	}
	return o, nil
}

// resolveGenericKeys turns the keys generic files name people by (id, e-mail, URL or name)
// into mention handles, so that the mentions they add take part in the merge: the senders of
// generic events, and their recipients resolved in place in l.gto, which it returns.
// (A key a people file gave an id is looked up once, however many rows name it; any other key
// adds its mention on every row, as before numbers.)
func (l *loader) resolveGenericKeys() (gfrom, gto []int32) {
	byID := make([]int32, len(l.keys)) // handle + 1 of a key found among the ids; 0 not yet
	resolve := func(id int32) int32 {
		if h := byID[id]; h > 0 {
			return h - 1
		}
		k := l.keys[id]
		h := l.resolveKey(k)
		if _, ok := l.ids[foldID(k)]; ok && !strings.HasPrefix(k, "\x00h") {
			byID[id] = int32(h) + 1
		}
		return int32(h)
	}
	gfrom = make([]int32, l.gevents.n)
	gto = l.gto // resolved in place: key numbers become handles
	for i, start := 0, int32(0); i < l.gevents.n; i++ {
		e := l.gevents.at(i)
		gfrom[i] = resolve(e.from)
		for j := start; j < e.toEnd; j++ {
			gto[j] = resolve(gto[j])
		}
		start = e.toEnd
	}
	for i := range l.pairs.n {
		u := l.pairs.at(i)
		u.A, u.B = resolve(u.A), resolve(u.B)
	}
	l.keyNums, l.keys = nil, nil
	return gfrom, gto
}

// joinMe applies --me (Options.Me): beside a LinkedIn export it joins the owner, elsewhere it
// is the owner.
func (l *loader) joinMe(opt Options, o *owner) error {
	if opt.Me == "" {
		return nil
	}
	me := strings.TrimSpace(opt.Me)
	switch {
	case o.handle >= 0 && !opt.NoOwner:
		// Beside a LinkedIn export --me names its owner: the key (an e-mail of the mail
		// log, say) joins the owner, never makes a second "me" (SPEC §2.7).
		if other := l.connectionNamed(me, o.url); other != "" {
			return l.fail(&MeError{Me: opt.Me, Problem: MeConnection, Connection: other})
		}
		l.res.link(o.handle, l.resolveKey(me))
		o.meJoined = true
	case !l.knows(me):
		return l.fail(&MeError{Me: opt.Me, Problem: MeNoOne})
	default:
		o.handle = l.resolveKey(me)
	}
	return nil
}

// people starts the Dataset: the resolved people, the ego among them, what contact lists add,
// and the coverage so far.
func (l *loader) people(res resolution, o owner, opt Options) *Dataset {
	ds := &Dataset{People: res.people, Ego: -1, OwnerCompany: l.ownerCompany, Problems: l.problems}
	if o.handle >= 0 {
		ds.Ego = res.of[o.handle]
	}
	ds.Coverage = Coverage{Files: l.files, PeopleMerged: res.merged, NamesAmbiguous: res.ambiguous, FilesIgnored: l.ignored, NotRead: l.notRead}
	if ds.Ego >= 0 {
		ego := &ds.People[ds.Ego]
		switch {
		case o.name != "" && opt.Me == "":
			ego.Name = o.name
		case o.unnamed && !o.meJoined:
			ego.Name = "you"
		}
	}
	if ds.OwnerCompany == "" && ds.Ego >= 0 {
		ds.OwnerCompany = ds.People[ds.Ego].Company
	}
	ds.Coverage.EmailsAdded = enrich(ds, l.contacts)
	ds.Coverage.NotText = l.res.notText
	return ds
}

// annotate gives each annotation to the one person it names. Annotations never make people:
// each names one person of the inputs, by relmap's id (as in ranked.csv), a people file's id,
// an e-mail, a profile URL or a name no one else has; idToken is how a pseudonymized run
// wrote ids (Options.IDToken).
func (l *loader) annotate(ds *Dataset, idToken func(string) string) {
	var tokens map[string]int // a pseudonymized run's ids, for annotations made from one
	if idToken != nil && len(l.annotations) > 0 {
		tokens = make(map[string]int, len(ds.People))
		for i := range ds.People {
			tokens[idToken(ds.People[i].ID)] = i
		}
	}
	for _, a := range l.annotations {
		who := lookup(ds.People, a.key)
		if i, ok := tokens[strings.ToLower(strings.TrimSpace(a.key))]; ok && len(who) == 0 {
			who = []int{i}
		}
		switch {
		case len(who) == 1:
			declare(&ds.People[who[0]].Declared, a.d)
		case len(who) == 0:
			ds.Problems = append(ds.Problems, &RowError{File: a.file, Line: a.line, Column: "person", Err: fmt.Errorf("%q names no one in the inputs; the annotation is not used", a.key)})
		default:
			ds.Problems = append(ds.Problems, &RowError{File: a.file, Line: a.line, Column: "person", Err: fmt.Errorf("%q names %d people; the annotation is not used (key it by id, as in ranked.csv, or by e-mail or profile URL)", a.key, len(who))})
		}
	}
}

// asOf sets the Dataset's as-of day and where it came from (SPEC §2.5), and returns the cutoff:
// evidence counts up to the end of the as-of day in the run's time zone.
func (l *loader) asOf(ds *Dataset, opt Options) time.Time {
	ds.TZ = opt.TZ
	loc := opt.TZ
	if loc == nil {
		loc = time.UTC
	}
	switch {
	case !opt.AsOf.IsZero():
		ds.AsOf, ds.AsOfFrom = day(opt.AsOf, time.UTC), "flag"
	case !l.exportDate.IsZero():
		ds.AsOf, ds.AsOfFrom = day(l.exportDate, time.UTC), "export name"
	case !l.newestEvidence.IsZero():
		ds.AsOf, ds.AsOfFrom = day(l.newestEvidence, loc), "newest evidence"
	default:
		// Nothing dated at all (a ties-only network, a people list): an undated run, with
		// every time-based signal off (SPEC §2.5). AsOf stays zero.
		ds.AsOfFrom, ds.Coverage.Undated = "undated", true
	}
	if ds.Coverage.Undated {
		return time.Date(9999, 12, 31, 0, 0, 0, 0, time.UTC)
	}
	return time.Date(ds.AsOf.Year(), ds.AsOf.Month(), ds.AsOf.Day()+1, 0, 0, 0, 0, loc)
}

// interactions turns every event read into the Dataset's interactions, its people resolved
// (person), those after the cutoff and the duplicates counted and left out; gfrom and gto are
// generic events' senders and recipients (resolveGenericKeys). The events are let go.
func (l *loader) interactions(ds *Dataset, person func(int) int, cutoff time.Time, gfrom, gto []int32) {
	// The same event in two files (two overlapping exports) is counted once; two messages of
	// one file in the same minute are two messages. Only events of two or more files can be
	// duplicates.
	files := map[int]bool{}
	for i := range l.events {
		files[l.events[i].file] = true
	}
	for _, b := range l.gevents.blocks {
		for i := range b {
			files[b[i].file] = true
		}
	}
	var seen map[[16]byte]int
	if len(files) > 1 {
		seen = map[[16]byte]int{}
	}
	ds.Interactions = make([]Interaction, 0, len(l.events)+l.gevents.n)
	var to []int
	emit := func(t time.Time, from int, handles []int, e *rawEvent) {
		if !t.Before(cutoff) {
			ds.Coverage.AfterAsOf++
			return
		}
		in := Interaction{Time: t, From: person(from), Conversation: e.conversation, Channel: "message", Weight: 1,
			Sentiment: math.NaN()}
		if e.channel != "" {
			in.Channel, in.Weight, in.Sentiment, in.DurationMin = e.channel, e.weight, e.sentiment, e.duration
		}
		to = to[:0]
		for _, h := range handles {
			if p := person(h); p != in.From {
				to = append(to, p)
			}
		}
		if len(to) == 0 {
			return
		}
		sort.Ints(to)
		in.To = slices.Clone(uniq(to))
		if seen != nil {
			k := md5.Sum([]byte(eventKey(in)))
			if file, ok := seen[k]; ok && file != e.file {
				ds.Coverage.Duplicates++
				return
			}
			seen[k] = e.file
		}
		ds.Interactions = append(ds.Interactions, in)
	}
	// Events read again in later files were let go as they were read (repeats): each shares
	// the fate of the event it repeats.
	l.msgRepeats.first, l.genRepeats.first = nil, nil
	for i := range l.events {
		e := &l.events[i]
		after, kept, dups := ds.Coverage.AfterAsOf, len(ds.Interactions), ds.Coverage.Duplicates
		emit(e.t, e.from, e.to, e)
		l.msgRepeats.fate(i, &ds.Coverage, after, dups, len(ds.Interactions) > kept)
	}
	var handles []int
	var ev rawEvent
	start := int32(0) // where event i's recipients begin in gto
	for i := range l.gevents.n {
		l.gevents.releaseBefore(i) // used: let them go
		g := l.gevents.at(i)
		handles = handles[:0]
		for _, h := range gto[start:g.toEnd] {
			handles = append(handles, int(h))
		}
		start = g.toEnd
		ev = rawEvent{conversation: g.conv, file: g.file, channel: g.channel, weight: g.weight, sentiment: g.sentiment, duration: g.duration}
		after, kept, dups := ds.Coverage.AfterAsOf, len(ds.Interactions), ds.Coverage.Duplicates
		emit(g.t, int(gfrom[i]), handles, &ev)
		l.genRepeats.fate(i, &ds.Coverage, after, dups, len(ds.Interactions) > kept)
	}
	l.events, l.gevents, l.gto = nil, blocks[genericEvent]{}, nil
	sortInteractions(ds.Interactions)
}

// dedupTies resolves the ties' people and leaves out those after the cutoff (counted), those
// of one person with themself, and the same evidence read in two files (overlapping exports;
// the 2022 archive's two endorsement files), counted once; in a stable order.
func dedupTies(ties []rawTie, person func(int) int, cutoff time.Time, cov *Coverage) []Tie {
	var out []Tie
	seenTie := map[Tie]int{}
	for _, t := range ties {
		if !t.t.IsZero() && !t.t.Before(cutoff) {
			cov.AfterAsOf++
			continue
		}
		tie := Tie{Kind: t.kind, From: person(t.from), To: person(t.to), Time: t.t, Weight: t.weight}
		if file, ok := seenTie[tie]; ok && file != t.file {
			cov.Duplicates++
			continue
		}
		seenTie[tie] = t.file
		if tie.From == tie.To {
			continue
		}
		out = append(out, tie)
	}
	sort.SliceStable(out, func(a, b int) bool {
		x, y := out[a], out[b]
		if x.Kind != y.Kind {
			return x.Kind < y.Kind
		}
		if x.From != y.From {
			return x.From < y.From
		}
		if x.To != y.To {
			return x.To < y.To
		}
		if !x.Time.Equal(y.Time) {
			return x.Time.Before(y.Time)
		}
		return x.Weight < y.Weight
	})
	return out
}

// connectionNamed is the name of a LinkedIn export's member other than its owner that key
// names by e-mail, profile URL or name: someone bound to a profile URL that is not the owner's.
// "" when there is none (or the export carries no URLs to tell them apart).
func (l *loader) connectionNamed(key, ownerURL string) string {
	e, n := NormalizeEmail(key), NormalizeName(key)
	u := ""
	if strings.Contains(key, "/") {
		u = NormalizeURL(key)
	}
	for _, m := range l.res.ms {
		if m.url == "" || m.url == ownerURL || m.src < fromConnections || m.src > fromRecommendations {
			continue
		}
		if (e != "" && m.email == e) || (u != "" && m.url == u) || (n != "" && NormalizeName(m.name) == n) {
			return m.name
		}
	}
	return ""
}

// noFiles is the error of a run that found no file to read: it names the inputs given and
// what was passed over in them, so that an empty or mistaken folder is plain to see.
func (l *loader) noFiles() error {
	var b strings.Builder
	b.WriteString("no input files found in ")
	for i, n := range l.sources {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(n)
	}
	b.WriteString(": relmap reads a LinkedIn export (.zip or folder), CSV or .xlsx tables with a known header, .vcf, .ics and .mbox files")
	for i, n := range l.notRead {
		if i == 10 {
			fmt.Fprintf(&b, "\n  … and %d more not read", len(l.notRead)-10)
			break
		}
		fmt.Fprintf(&b, "\n  not read: %s (%s)", n.Name, n.Reason)
	}
	return errors.New(b.String())
}

// day is the calendar day of t in loc, as midnight UTC of that date.
func day(t time.Time, loc *time.Location) time.Time {
	y, m, d := t.In(loc).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
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

// sortInteractions puts interactions in time order, those of the same moment by eventKey
// (stable): a permutation is sorted, then applied in place, so that millions of interactions
// are not copied twice.
func sortInteractions(ins []Interaction) {
	cmpIn := func(x, y *Interaction) int {
		if c := x.Time.Compare(y.Time); c != 0 {
			return c
		}
		return strings.Compare(eventKey(*x), eventKey(*y))
	}
	sorted := true
	for i := 1; i < len(ins) && sorted; i++ {
		sorted = cmpIn(&ins[i-1], &ins[i]) <= 0
	}
	if sorted {
		return
	}
	idx := make([]int32, len(ins))
	for i := range idx {
		idx[i] = int32(i)
	}
	slices.SortStableFunc(idx, func(a, b int32) int { return cmpIn(&ins[a], &ins[b]) })
	// ins[i] must become the old ins[idx[i]]: follow each cycle once.
	for i := range idx {
		if idx[i] < 0 || int(idx[i]) == i {
			continue
		}
		tmp := ins[i]
		j := i
		for {
			k := int(idx[j])
			idx[j] = -1
			if k == i {
				ins[j] = tmp
				break
			}
			ins[j] = ins[k]
			j = k
		}
	}
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

// enrich gives people the e-mail of their address-book entry (Contacts.csv), matched by e-mail
// or by name — with the company when both have one — and only when exactly one person
// matches. Contacts never add people. It returns how many e-mails were added.
func enrich(ds *Dataset, contacts []contact) int {
	byName := map[string][]int{}
	byEmail := map[string]bool{}
	for i, p := range ds.People {
		if i == ds.Ego {
			continue
		}
		byName[NormalizeName(p.Name)] = append(byName[NormalizeName(p.Name)], i)
		if p.Email != "" {
			byEmail[p.Email] = true
		}
	}
	added := 0
	for _, c := range contacts {
		known := false
		for _, e := range c.emails {
			known = known || byEmail[e]
		}
		if known {
			continue
		}
		cands := byName[NormalizeName(c.name)]
		if co := NormalizeCompany(c.company); co != "" && len(cands) > 1 {
			var same []int
			for _, i := range cands {
				if NormalizeCompany(ds.People[i].Company) == co {
					same = append(same, i)
				}
			}
			cands = same
		}
		if len(cands) != 1 || ds.People[cands[0]].Email != "" {
			continue
		}
		ds.People[cands[0]].Email = c.emails[0]
		byEmail[c.emails[0]] = true
		added++
	}
	return added
}

// declare lays an annotation over what was declared before: every field it sets wins.
func declare(d *Declared, a Declared) {
	if !math.IsNaN(a.Status) {
		d.Status = a.Status
	}
	if !math.IsNaN(a.Influence) {
		d.Influence = a.Influence
	}
	if !math.IsNaN(a.TargetStatus) {
		d.TargetStatus = a.TargetStatus
	}
	if a.Category != "" {
		d.Category = a.Category
	}
	if a.Team != "" {
		d.Team = a.Team
	}
	if a.Note != "" {
		d.Note = a.Note
	}
	d.Ignore = d.Ignore || a.Ignore
}

// fail adds the problems met so far to an error that ends the load, so that a user sees why
// nothing usable was read.
func (l *loader) fail(err error) error {
	if len(l.problems) == 0 {
		return err
	}
	return &failed{err: err, problems: l.problems}
}

// failed is an error that stopped a load, with the problems met before it: they may say why
// (a file that was skipped held the rows that were missing).
type failed struct {
	err      error
	problems []error
}

func (f *failed) Error() string {
	var b strings.Builder
	b.WriteString(f.err.Error())
	for i, p := range f.problems {
		if i == 10 {
			fmt.Fprintf(&b, "\n  … and %d more", len(f.problems)-10)
			break
		}
		fmt.Fprintf(&b, "\n  %v", p)
	}
	return b.String()
}

func (f *failed) Unwrap() error { return f.err }

// matching counts the people a key (an id, e-mail, profile URL or name) names.
func matching(people []Person, key string) int {
	return len(lookup(people, key))
}

// lookup returns the people a key names: the one whose relmap id it is, else everyone whose
// name, e-mail, profile URL or people-file id it is.
func lookup(people []Person, key string) []int {
	if id := strings.ToLower(strings.TrimSpace(key)); id != "" {
		for i := range people {
			if people[i].ID == id {
				return []int{i}
			}
		}
	}
	forms := map[string]bool{strings.ToLower(key): true, NormalizeName(key): true, NormalizeEmail(key): true}
	if strings.Contains(key, "/") {
		forms[NormalizeURL(key)] = true
	}
	delete(forms, "")
	var out []int
	for i, p := range people {
		hit := forms[NormalizeName(p.Name)]
		for _, k := range p.Keys {
			hit = hit || forms[k]
		}
		if hit {
			out = append(out, i)
		}
	}
	return out
}

// units are the pairs files' units with their people resolved: a unit whose two keys name
// one person is dropped, units that now share a pair, day and conversation are merged (as the
// fold would have merged their rows), and units after the as-of day are left out and counted.
func (l *loader) units(person func(int) int, asOf int64, cov *Coverage) ([]fold.Unit, []string) {
	if l.pairs.n == 0 {
		return nil, nil
	}
	// Names numbered in their sorted order, so that a merge's tie on the fewest participants
	// goes to the smallest channel name, as in every other fold.
	names := slices.Clone(l.pairNames.List)
	slices.Sort(names)
	renumber := make([]int32, len(names))
	for i, n := range l.pairNames.List {
		j, _ := slices.BinarySearch(names, n)
		renumber[i] = int32(j)
	}
	out := make([]fold.Unit, 0, l.pairs.n)
	for i := range l.pairs.n {
		l.pairs.releaseBefore(i) // used: let it go
		u := *l.pairs.at(i)
		if int64(u.Day) > asOf {
			cov.AfterAsOf++
			continue
		}
		u.A, u.B = int32(person(int(u.A))), int32(person(int(u.B)))
		u.Conv, u.Channel = renumber[u.Conv], renumber[u.Channel]
		if u.A == u.B {
			continue
		}
		if u.A > u.B {
			u.Flip()
		}
		out = append(out, u)
	}
	// Sorted by a 16-byte key (pair, day, conversation; none of them negative) and an index,
	// not by moving 80-byte units around.
	type sortKey struct {
		pair, dayConv uint64
		i             int32
	}
	keys := make([]sortKey, len(out))
	for i := range out {
		u := &out[i]
		keys[i] = sortKey{uint64(u.A)<<32 | uint64(u.B), uint64(u.Day)<<32 | uint64(u.Conv), int32(i)}
	}
	slices.SortFunc(keys, func(x, y sortKey) int {
		if c := cmp.Compare(x.pair, y.pair); c != 0 {
			return c
		}
		return cmp.Compare(x.dayConv, y.dayConv)
	})
	// out[i] becomes the old out[keys[i].i]: each cycle of the permutation followed once.
	for i := range keys {
		if keys[i].i < 0 || int(keys[i].i) == i {
			continue
		}
		tmp, j := out[i], i
		for {
			k := int(keys[j].i)
			keys[j].i = -1
			if k == i {
				out[j] = tmp
				break
			}
			out[j], j = out[k], k
		}
	}
	merged := out[:0]
	for i := range out {
		if n := len(merged); n > 0 && fold.Compare(&merged[n-1], &out[i]) == 0 {
			merged[n-1].Merge(&out[i])
			continue
		}
		merged = append(merged, out[i])
	}
	l.pairs = blocks[fold.Unit]{}
	return slices.Clip(merged), names
}
