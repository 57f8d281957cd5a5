package importers

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/relmap/relmap/fold"
	"github.com/relmap/relmap/importers/csvtable"
)

// GenericColumns are relmap's own column names for generic files, the names a config's column
// mapping may use.
var GenericColumns = []string{"id", "name", "email", "profile_url", "company", "team", "department", "title",
	"category", "manager", "time", "from", "to", "cc", "channel", "conversation", "weight", "sentiment",
	"duration_min", "a", "b", "kind", "since", "person", "status", "influence", "target_status", "ignore", "note"}

// columnAliases maps other names for relmap's generic columns to relmap's own (compared in
// canonical form: lower case, single spaces). A config's column mapping is applied first.
var columnAliases = map[string]string{
	"employee id": "id", "person id": "id", "user id": "id", "key": "id", "uid": "id",
	"full name": "name", "display name": "name",
	"e-mail": "email", "mail": "email", "email address": "email", "e-mail address": "email",
	"url": "profile_url", "profile url": "profile_url", "linkedin": "profile_url", "linkedin url": "profile_url",
	"organization": "company", "organisation": "company", "org": "company", "employer": "company",
	"dept": "department", "job title": "title", "position": "title", "role": "title",
	"manager id": "manager", "manager email": "manager", "reports to": "manager",
	"date": "time", "timestamp": "time", "datetime": "time", "sent": "time", "start": "time", "sent at": "time",
	"sender": "from", "organizer": "from", "recipients": "to", "attendees": "to",
	"type": "channel", "medium": "channel",
	"thread": "conversation", "thread id": "conversation", "conversation id": "conversation",
	"duration": "duration_min", "duration (min)": "duration_min", "minutes": "duration_min",
	"person a": "a", "person_a": "a", "source": "a", "person b": "b", "person_b": "b", "target": "b",
	"person": "person", "target status": "target_status", "profile": "profile_url",
}

// genericHeader renames a header to relmap's column names: first the user's mapping, then the
// aliases.
func genericHeader(h []string, mapping map[string]string) []string {
	rev := map[string]string{}
	for ours, theirs := range mapping {
		rev[strings.Join(strings.Fields(strings.ToLower(theirs)), " ")] = ours
	}
	out := make([]string, len(h))
	for i, c := range h {
		switch {
		case rev[c] != "":
			out[i] = rev[c]
		case columnAliases[c] != "":
			out[i] = columnAliases[c]
		default:
			out[i] = c
		}
	}
	return out
}

// matchGeneric recognises a generic file by its (renamed) header.
func matchGeneric(h []string) (fileKind, bool) {
	has := func(c string) bool { return hasAll(h, []string{c}) }
	keyed := has("id") || has("email") || has("name") || has("profile_url")
	switch {
	case hasAll(h, fold.Header):
		return kindPairs, true
	case has("time") && has("from") && has("to"):
		return kindInteractions, true
	case has("a") && has("b"):
		return kindTies, true
	case has("person") || keyed && (has("status") || has("influence") || has("ignore") || has("target_status") || has("note")):
		return kindAnnotations, true
	case keyed:
		return kindPeople, true
	}
	return kindNone, false
}

// interactionSink takes each usable row of a generic interactions file, its time read: Load
// keeps it as evidence (loader.interaction), ReadInteractions hands it on (stream).
type interactionSink interface {
	interaction(t *csvtable.Table, line int, at time.Time, from string, r *interactionRow, fc *FileCoverage)
}

// interaction keeps one interactions row as evidence, its people as key numbers.
func (l *loader) interaction(t *csvtable.Table, line int, at time.Time, from string, r *interactionRow, fc *FileCoverage) {
	mark := len(l.gto)
	l.keyIDs(r.To)
	l.keyIDs(r.CC)
	if from == "" || len(l.gto) == mark {
		l.gto = l.gto[:mark]
		fc.Skipped[skipNoPerson]++
		return
	}
	e := genericEvent{t: at, from: l.keyID(from), toEnd: int32(len(l.gto)), channel: l.intern(strings.ToLower(strings.TrimSpace(r.Channel))),
		conv: strings.Clone(strings.TrimSpace(r.Conversation)), weight: 1, sentiment: math.NaN(), file: len(l.files)}
	if e.channel == "" {
		e.channel = "message"
	}
	var err error
	if e.weight, err = positive(r.Weight, 1); err != nil {
		l.gto = l.gto[:mark]
		l.rowErr(t, line, "weight", fc, err)
		return
	}
	if e.sentiment, err = sentiment(r.Sentiment); err != nil {
		l.gto = l.gto[:mark]
		l.rowErr(t, line, "sentiment", fc, err)
		return
	}
	if s := strings.TrimSpace(r.Duration); s != "" {
		if e.duration, err = minutes(s); err != nil {
			l.gto = l.gto[:mark]
			l.rowErr(t, line, "duration_min", fc, err)
			return
		}
	}
	l.sawDate(at)
	fc.Used++
	if l.genRepeats.let(e.file, l.gevents.n, func(b []byte) []byte {
		return appendEventKey(b, e.t, e.channel, e.from, l.gto[mark:])
	}, l.geventKeyOf) {
		l.gto = l.gto[:mark]
		return
	}
	l.gevents.add(e)
}

type peopleRow struct {
	ID         string `csv:"id"`
	Name       string `csv:"name"`
	Email      string `csv:"email"`
	URL        string `csv:"profile_url"`
	Company    string `csv:"company"`
	Team       string `csv:"team"`
	Department string `csv:"department"`
	Title      string `csv:"title"`
	Category   string `csv:"category"`
	Manager    string `csv:"manager"`
}

type interactionRow struct {
	Time         string `csv:"time"`
	From         string `csv:"from"`
	To           string `csv:"to"`
	CC           string `csv:"cc"`
	Channel      string `csv:"channel"`
	Conversation string `csv:"conversation"`
	Weight       string `csv:"weight"`
	Sentiment    string `csv:"sentiment"`
	Duration     string `csv:"duration_min"`
}

type tieRow struct {
	A      string `csv:"a"`
	B      string `csv:"b"`
	Kind   string `csv:"kind"`
	Weight string `csv:"weight"`
	Since  string `csv:"since"`
}

type annotationRow struct {
	Person       string `csv:"person"`
	ID           string `csv:"id"`
	Email        string `csv:"email"`
	Name         string `csv:"name"`
	URL          string `csv:"profile_url"`
	Status       string `csv:"status"`
	Influence    string `csv:"influence"`
	Category     string `csv:"category"`
	Team         string `csv:"team"`
	TargetStatus string `csv:"target_status"`
	Ignore       string `csv:"ignore"`
	Note         string `csv:"note"`
}

// rowErr records a positioned problem with one field and counts the row as skipped.
func (l *loader) rowErr(t *csvtable.Table, line int, col string, fc *FileCoverage, err error) {
	l.problems = append(l.problems, &RowError{File: t.File, Line: line, Column: col, Err: err})
	fc.Skipped["unreadable "+col]++
}

// readGeneric reads a generic table (SPEC §2.2), its header already renamed to relmap's
// columns: each row by its kind's reader below.
func (l *loader) readGeneric(t *csvtable.Table, kind fileKind, fc *FileCoverage) error {
	switch kind {
	case kindPairs:
		return l.readPairs(t, fc)
	case kindPeople:
		return csvtable.EachRow(t, func(line int, r *peopleRow) { l.person(r, fc) })
	case kindInteractions:
		return csvtable.EachRow(t, func(line int, r *interactionRow) {
			fc.Rows++
			at, ok := l.date(t, line, "time", r.Time, fc)
			if !ok {
				return
			}
			l.sink.interaction(t, line, at, strings.TrimSpace(r.From), r, fc)
		})
	case kindTies:
		return csvtable.EachRow(t, func(line int, r *tieRow) { l.declaredTie(t, line, r, fc) })
	case kindAnnotations:
		return csvtable.EachRow(t, func(line int, r *annotationRow) { l.annotation(t, line, r, fc) })
	}
	return nil
}

// person is a row of a people file: a mention with what it says of the person, and a manager
// tie when it names one.
func (l *loader) person(r *peopleRow, fc *FileCoverage) {
	fc.Rows++
	m := mention{name: strings.TrimSpace(r.Name), url: r.URL, email: r.Email, company: strings.TrimSpace(r.Company),
		title: strings.TrimSpace(r.Title), team: strings.TrimSpace(r.Team), department: strings.TrimSpace(r.Department),
		category: normCategory(r.Category), src: fromPeople}
	if m.name == "" && NormalizeEmail(m.email) == "" && strings.TrimSpace(m.url) == "" && strings.TrimSpace(r.ID) == "" {
		fc.Skipped[skipNoPerson]++
		return
	}
	id := foldID(r.ID)
	if id != "" {
		m.id, m.rawID = fmt.Sprint(len(l.files))+"\x00"+id, strings.TrimSpace(r.ID)
		if NormalizeEmail(m.email) == "" && NormalizeEmail(id) != "" && !strings.ContainsAny(id, " /") {
			m.email = id // an id that is an e-mail address is one
		}
	}
	if m.name == "" && id != "" && NormalizeEmail(m.email) == "" && m.url == "" {
		m.name = strings.TrimSpace(r.ID)
	}
	h := l.res.add(m)
	if id != "" {
		l.ids[id] = h
	}
	if mg := strings.TrimSpace(r.Manager); mg != "" {
		l.gties = append(l.gties, genericTie{kind: Manager, a: mg, b: handleKey(h)})
	}
	fc.Used++
}

// declaredTie is a row of a ties file.
func (l *loader) declaredTie(t *csvtable.Table, line int, r *tieRow, fc *FileCoverage) {
	fc.Rows++
	g := genericTie{kind: DeclaredTie, a: strings.TrimSpace(r.A), b: strings.TrimSpace(r.B)}
	if g.a == "" || g.b == "" {
		fc.Skipped[skipNoPerson]++
		return
	}
	var err error
	if g.weight, err = positive(r.Weight, 1); err != nil {
		l.rowErr(t, line, "weight", fc, err)
		return
	}
	if strings.TrimSpace(r.Since) != "" {
		if g.t, err = parseDate(r.Since); err != nil {
			l.rowErr(t, line, "since", fc, err)
			return
		}
	}
	l.gties = append(l.gties, g)
	fc.Used++
}

// annotation is a row of an annotations file: the user's own judgement of one person, kept
// until people are resolved.
func (l *loader) annotation(t *csvtable.Table, line int, r *annotationRow, fc *FileCoverage) {
	fc.Rows++
	key := firstNonEmpty(r.Person, r.ID, r.Email, r.URL, r.Name)
	if key == "" {
		fc.Skipped[skipNoPerson]++
		return
	}
	a := annotation{key: key, file: t.File, line: line, d: Declared{Status: math.NaN(), Influence: math.NaN(), TargetStatus: math.NaN(),
		Category: normCategory(r.Category), Note: r.Note}}
	var err error
	if a.d.Status, err = statusValue(r.Status); err != nil {
		l.rowErr(t, line, "status", fc, err)
		return
	}
	if a.d.TargetStatus, err = statusValue(r.TargetStatus); err != nil {
		l.rowErr(t, line, "target_status", fc, err)
		return
	}
	if a.d.Influence, err = influenceValue(r.Influence); err != nil {
		l.rowErr(t, line, "influence", fc, err)
		return
	}
	if a.d.Team, err = yesNo(r.Team); err != nil {
		l.rowErr(t, line, "team", fc, err)
		return
	}
	ign, err := yesNo(r.Ignore)
	if err != nil {
		l.rowErr(t, line, "ignore", fc, err)
		return
	}
	a.d.Ignore = ign == "yes"
	l.annotations = append(l.annotations, a)
	fc.Used++
}

func firstNonEmpty(xs ...string) string {
	for _, x := range xs {
		if x = strings.TrimSpace(x); x != "" {
			return x
		}
	}
	return ""
}

// keyID is the number of a person's key as a generic file gives it (trimmed), the same for
// every row that repeats it: build resolves each number's key.
func (l *loader) keyID(k string) int32 {
	if id, ok := l.keyNums[k]; ok {
		return id
	}
	if l.keyNums == nil {
		l.keyNums = map[string]int32{}
	}
	k = strings.Clone(k)
	id := int32(len(l.keys))
	l.keyNums[k] = id
	l.keys = append(l.keys, k)
	return id
}

// keyIDs appends the numbers of a to/cc cell's keys (ids, e-mails or names separated by ";")
// to l.gto, trimmed, leaving out empty ones.
func (l *loader) keyIDs(s string) {
	for s != "" {
		k, rest, _ := strings.Cut(s, ";")
		if k = strings.TrimSpace(k); k != "" {
			l.gto = append(l.gto, l.keyID(k))
		}
		s = rest
	}
}

// intern is s, stored once however many rows repeat it (and never a slice of a row).
func (l *loader) intern(s string) string {
	if v, ok := l.strs[s]; ok {
		return v
	}
	if l.strs == nil {
		l.strs = map[string]string{}
	}
	v := strings.Clone(s)
	l.strs[v] = v
	return v
}

func positive(s string, def float64) (float64, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return def, nil
	}
	x, err := strconv.ParseFloat(s, 64)
	if err != nil || !(x > 0) || math.IsInf(x, 0) {
		return 0, fmt.Errorf("want a number above 0, got %q", s)
	}
	if x < fold.MinWeight || x > fold.MaxWeight {
		return 0, fmt.Errorf("want a number from %s (the weights a tie can sum), got %q", fold.WeightRange, s)
	}
	return x, nil
}

// minutes reads a duration in minutes: a number ≥ 0 (NaN and infinities refused).
func minutes(s string) (float64, error) {
	x, err := strconv.ParseFloat(s, 64)
	if err != nil || !(x >= 0) || math.IsInf(x, 0) {
		return 0, fmt.Errorf("want minutes, got %q", s)
	}
	return x, nil
}

// sentiment reads a number in [-1,1] or a word: positive +1, neutral 0, negative −1.
func sentiment(s string) (float64, error) {
	s = strings.ToLower(strings.TrimSpace(s))
	switch s {
	case "":
		return math.NaN(), nil
	case "positive":
		return 1, nil
	case "neutral":
		return 0, nil
	case "negative":
		return -1, nil
	}
	x, err := strconv.ParseFloat(s, 64)
	if err != nil || !(x >= -1 && x <= 1) { // NaN refused too
		return 0, fmt.Errorf("want a number in [-1,1] or positive, neutral, negative; got %q", s)
	}
	return x, nil
}

// statusValue reads a declared status (SPEC §2.2): a word or a number in [-1,1].
func statusValue(s string) (float64, error) {
	s = strings.ToLower(strings.Join(strings.Fields(s), " "))
	words := map[string]float64{"supporter": 1, "leaning supporter": 0.5, "neutral": 0, "leaning detractor": -0.5, "detractor": -1}
	if s == "" {
		return math.NaN(), nil
	}
	if x, ok := words[s]; ok {
		return x, nil
	}
	x, err := strconv.ParseFloat(s, 64)
	if err != nil || !(x >= -1 && x <= 1) { // NaN refused too
		return 0, fmt.Errorf("want supporter, leaning supporter, neutral, leaning detractor, detractor or a number in [-1,1]; got %q", s)
	}
	return x, nil
}

// influenceValue reads a declared influence: low 0.2, medium 0.5, high 0.8, or a number in [0,1].
func influenceValue(s string) (float64, error) {
	s = strings.ToLower(strings.TrimSpace(s))
	words := map[string]float64{"low": 0.2, "medium": 0.5, "high": 0.8}
	if s == "" {
		return math.NaN(), nil
	}
	if x, ok := words[s]; ok {
		return x, nil
	}
	x, err := strconv.ParseFloat(s, 64)
	if err != nil || !(x >= 0 && x <= 1) { // NaN refused too
		return 0, fmt.Errorf("want low, medium, high or a number in [0,1]; got %q", s)
	}
	return x, nil
}

func yesNo(s string) (string, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "":
		return "", nil
	case "yes", "y", "true", "1", "x":
		return "yes", nil
	case "no", "n", "false", "0":
		return "no", nil
	}
	return "", fmt.Errorf("want yes or no, got %q", s)
}

// normCategory reads a category word: stakeholder, other team, provider or client.
func normCategory(s string) string {
	s = strings.ToLower(strings.Join(strings.Fields(strings.ReplaceAll(s, "_", " ")), " "))
	switch s {
	case "stakeholder", "other team", "provider", "client":
		return s
	case "vendor", "supplier":
		return "provider"
	case "customer":
		return "client"
	}
	return ""
}

// handleKey names a mention handle as a key, for ties built from a people file.
func handleKey(h int) string { return "\x00h" + strconv.Itoa(h) }

// resolveKey turns an id, e-mail, profile URL or name from a generic file into a mention
// handle: ids of the people files first, then e-mails and URLs, then names.
func (l *loader) resolveKey(k string) int {
	if strings.HasPrefix(k, "\x00h") {
		h, _ := strconv.Atoi(k[2:])
		return h
	}
	if h, ok := l.ids[foldID(k)]; ok {
		return h
	}
	if e := NormalizeEmail(k); e != "" && !strings.ContainsAny(k, " /") {
		return l.res.add(mention{email: e, src: fromGeneric})
	}
	if strings.Contains(k, "linkedin.com/") || strings.HasPrefix(strings.ToLower(k), "http") {
		return l.res.add(mention{url: k, src: fromGeneric})
	}
	return l.res.add(mention{name: k, src: fromGeneric})
}

// MeError is Options.Me missing where the inputs have no owner, or naming no one, a
// connection of the LinkedIn export's owner, or several people. Its text names the option;
// the command says it in its own flags' words (relmap: --me).
type MeError struct {
	Me         string // Options.Me as given
	Problem    MeProblem
	Connection string // MeConnection: the connection it names
	People     int    // MeAmbiguous: how many people it names
}

// MeProblem is what is wrong with Options.Me.
type MeProblem int

// The problems of Options.Me.
const (
	MeMissing    MeProblem = iota // no owner in the inputs, and no Me
	MeNoOne                       // names no one in the inputs
	MeConnection                  // names a connection of the LinkedIn export's owner
	MeAmbiguous                   // names several people
)

func (e *MeError) Error() string {
	switch e.Problem {
	case MeMissing:
		return "whose map is this? The inputs have no owner: Options.Me must name the person at the centre (an id, e-mail, profile URL or name)"
	case MeNoOne:
		return fmt.Sprintf("Options.Me %q matches no one in the inputs", e.Me)
	case MeConnection:
		return fmt.Sprintf("Options.Me %q names %s, a connection in the LinkedIn export, not its owner", e.Me, e.Connection)
	}
	return fmt.Sprintf("Options.Me %q names %d people", e.Me, e.People)
}

// foldID is an id's comparable form: trimmed and case-folded.
func foldID(s string) string { return strings.ToLower(strings.TrimSpace(s)) }

// knows reports whether a key (an id, e-mail, profile URL or name) names anyone already read.
func (l *loader) knows(k string) bool {
	if _, ok := l.ids[foldID(k)]; ok {
		return true
	}
	e, u, n := NormalizeEmail(k), "", NormalizeName(k)
	if strings.Contains(k, "/") {
		u = NormalizeURL(k)
	}
	for _, m := range l.res.ms {
		if (e != "" && m.email == e) || (u != "" && m.url == u) || (n != "" && NormalizeName(m.name) == n) {
			return true
		}
	}
	return false
}
