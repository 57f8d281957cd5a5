package importers

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"math"
	"net/url"
	"regexp"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/cases"
	"golang.org/x/text/unicode/norm"
)

// NormalizeURL normalises a profile URL as FORMAT.md §4 and SPEC §2.6 say: scheme dropped, any
// *.linkedin.com host mapped to www.linkedin.com, query, fragment and trailing "/" dropped, path
// percent-decoded, lower-cased. "https://de.linkedin.com/in/zo%C3%AB-x/?trk=a" and
// "www.linkedin.com/in/Zoë-x" both become "www.linkedin.com/in/zoë-x".
func NormalizeURL(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return ""
	}
	lower := strings.ToLower(s)
	for _, p := range []string{"https://", "http://"} {
		if strings.HasPrefix(lower, p) {
			s = s[len(p):]
			break
		}
	}
	if i := strings.IndexAny(s, "?#"); i >= 0 {
		s = s[:i]
	}
	host, path, _ := strings.Cut(s, "/")
	host = strings.ToLower(host)
	if host == "linkedin.com" || strings.HasSuffix(host, ".linkedin.com") {
		host = "www.linkedin.com"
	}
	if p, err := url.PathUnescape(path); err == nil {
		path = p
	}
	path = strings.TrimRight(path, "/")
	s = host
	if path != "" {
		s += "/" + path
	}
	return strings.ToLower(norm.NFC.String(s))
}

// NormalizeEmail lower-cases and trims an e-mail address; anything without an "@" is no address.
func NormalizeEmail(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	if !strings.Contains(s, "@") {
		return ""
	}
	return s
}

var caseFold = cases.Fold() // Unicode case folding, for comparing names

// honorifics and suffixes dropped from names before they are compared (SPEC §2.6).
var (
	nameTitles   = set("dr", "dr.", "prof", "prof.", "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "mx", "mx.", "sir", "dame", "herr", "frau", "mme", "m.", "sr.", "sra.")
	nameSuffixes = set("jr", "jr.", "sr", "sr.", "ii", "iii", "phd", "ph.d.", "mba", "m.d.", "cpa", "pmp", "esq", "esq.", "msc", "bsc", "cfa", "dds")
	// commaSuffixes are only suffixes after a comma: as a last word they are names ("Jack Ma").
	commaSuffixes = set("iv", "md", "ma", "ba", "pe", "rn", "bs", "ms", "do", "dvm", "llm", "jd")
)

func set(xs ...string) map[string]bool {
	m := make(map[string]bool, len(xs))
	for _, x := range xs {
		m[x] = true
	}
	return m
}

// NormalizeName gives the form names are compared in: NFC, case-folded, single-spaced, with
// honorifics ("Dr.") and suffixes (", PhD", ", MBA", "Jr.") removed. Display names keep their
// original spelling elsewhere.
func NormalizeName(s string) string {
	s = caseFold.String(norm.NFC.String(strings.TrimSpace(s)))
	parts := strings.Split(s, ",")
	kept := parts[:1]
	for _, p := range parts[1:] {
		if !allSuffixes(strings.Fields(p)) {
			kept = append(kept, p)
		}
	}
	words := strings.Fields(strings.Join(kept, " "))
	for len(words) > 1 && nameTitles[words[0]] {
		words = words[1:]
	}
	for len(words) > 1 && nameSuffixes[words[len(words)-1]] {
		words = words[:len(words)-1]
	}
	return strings.Join(words, " ")
}

func allSuffixes(ws []string) bool {
	if len(ws) == 0 {
		return true
	}
	for _, w := range ws {
		if !nameSuffixes[w] && !commaSuffixes[w] {
			return false
		}
	}
	return true
}

var legalSuffix = regexp.MustCompile(`\b(inc|incorporated|ltd|limited|llc|llp|plc|gmbh|ag|kg|se|sa|s\.a|sas|sarl|srl|s\.r\.l|spa|s\.p\.a|bv|b\.v|nv|n\.v|ab|as|oy|corp|corporation|co|company|pty|pvt|oü|kft|sp\. z o\.o)\.?$`)

// NormalizeCompany gives the form company names are compared in: NFC, case-folded, punctuation
// at the ends dropped, and legal suffixes (Inc, Ltd, GmbH, S.A. …) removed (SPEC §3.2).
func NormalizeCompany(s string) string {
	s = caseFold.String(norm.NFC.String(strings.TrimSpace(s)))
	for {
		s = strings.TrimRight(strings.TrimSpace(s), ",.")
		t := strings.TrimSpace(legalSuffix.ReplaceAllString(s, ""))
		if t == s || t == "" {
			break
		}
		s = t
	}
	return strings.Join(strings.Fields(s), " ")
}

// rawID is a people file's id as the user wrote it (case-folded), without its file scope.
func rawID(scoped string) string {
	if _, id, ok := strings.Cut(scoped, "\x00"); ok {
		return id
	}
	return ""
}

// personID is the stable short id of a person: a hash of the strongest key (SPEC §2.6).
func personID(key string) string {
	sum := sha256.Sum256([]byte(key))
	return hex.EncodeToString(sum[:6])
}

// source priorities: the lower, the more a record is trusted for a person's name and job.
const (
	fromOwner = iota
	fromPeople
	fromConnections
	fromMessages
	fromInvitations
	fromEndorsements
	fromRecommendations
	fromContacts
	fromMail
	fromGeneric
	fromSlack
)

// mention is one distinct way a file names a person.
type mention struct {
	name, url, email, company, title string
	team, department, category       string // from a people file
	id                               string // a people file's id, scoped to its file
	rawID                            string // that id as the user wrote it, for joining back (Person.Key)
	src                              int
	connected                        bool
}

func (m mention) key() string {
	return strings.Join([]string{m.name, m.url, m.email, m.company, m.title, m.team, m.department, m.category, m.id, m.rawID}, "\x00") + string(rune('0'+m.src))
}

// resolver merges mentions into people: by profile URL or e-mail (transitively), then by
// name only when both carry the same company and the merge joins no two URLs (SPEC §2.6).
type resolver struct {
	aliases map[string]string // normalised spelling → normalised canonical company
	ms      []mention
	byKey   map[string]int
	parent  []int
	links   [][2]int // mentions one record says are one person (an address-book entry's e-mails)
	notText int      // mentions in which asText replaced something

	// A heavy export names the same people in row after row: what add and resolve work out
	// for a spelling is kept, keyed by it, so that each distinct one costs its work once.
	urls      map[string]string // NormalizeURL
	names     map[string]string // NormalizeName
	companies map[string]string // company
	attrs     map[string]string // attr
}

// link records that two mentions are the same person whatever their keys say.
func (r *resolver) link(a, b int) { r.links = append(r.links, [2]int{a, b}) }

func newResolver(aliases map[string][]string) *resolver {
	r := &resolver{byKey: map[string]int{}, aliases: map[string]string{},
		urls: map[string]string{}, names: map[string]string{}, companies: map[string]string{}, attrs: map[string]string{}}
	for canon, spellings := range aliases {
		for _, sp := range spellings {
			r.aliases[NormalizeCompany(sp)] = NormalizeCompany(canon)
		}
	}
	return r
}

// company is a company's comparable form: normalised, aliases folded (SPEC §2.7).
func (r *resolver) company(name string) string {
	if c, ok := r.companies[name]; ok {
		return c
	}
	name = strings.Clone(name)
	c := NormalizeCompany(name)
	if canon, ok := r.aliases[c]; ok {
		c = canon
	}
	r.companies[name] = c
	return c
}

// memo returns f(s), working it out only for a string not seen before. The key is a copy, and
// the value made from it, so that a field kept here does not keep the record it was read from.
func memo(m map[string]string, s string, f func(string) string) string {
	if v, ok := m[s]; ok {
		return v
	}
	s = strings.Clone(s)
	v := f(s) // s itself or parts of it, or a string of its own
	m[s] = v
	return v
}

// url is NormalizeURL, remembered.
func (r *resolver) url(s string) string { return memo(r.urls, s, NormalizeURL) }

// attr is a team, department or title in the form they are compared in: case-folded and
// single-spaced, remembered.
func (r *resolver) attr(s string) string {
	return memo(r.attrs, s, func(s string) string { return strings.Join(strings.Fields(caseFold.String(s)), " ") })
}

// name is NormalizeName, remembered.
func (r *resolver) name(s string) string { return memo(r.names, s, NormalizeName) }

// add records a mention and returns its handle. What is not text in its strings (see asText)
// becomes U+FFFD, and each distinct mention that held some is counted in notText.
func (r *resolver) add(m mention) int {
	replaced := false
	for _, p := range [...]*string{&m.name, &m.url, &m.email, &m.company, &m.title, &m.team, &m.department, &m.category, &m.id, &m.rawID} {
		if t, ok := asText(*p); ok {
			*p, replaced = t, true
		}
	}
	m.url = r.url(m.url)
	m.email = NormalizeEmail(m.email)
	m.name = tidyName(m.name)
	k := m.key()
	if i, ok := r.byKey[k]; ok {
		if m.connected {
			r.ms[i].connected = true
		}
		return i
	}
	url := m.url // already a copy
	m = m.clone()
	m.url = url
	r.ms = append(r.ms, m)
	r.parent = append(r.parent, len(r.parent))
	r.byKey[k] = len(r.ms) - 1
	if replaced {
		r.notText++
	}
	return len(r.ms) - 1
}

// clone copies a mention's strings, so that it keeps no record it was read from.
func (m mention) clone() mention {
	for _, p := range []*string{&m.name, &m.url, &m.email, &m.company, &m.title, &m.team, &m.department, &m.category, &m.id, &m.rawID} {
		*p = strings.Clone(*p)
	}
	return m
}

// tidyName is a mention's name as kept: NFC, single-spaced. Most names already are.
func tidyName(s string) string {
	if utf8.ValidString(s) && singleSpaced(s) && norm.NFC.IsNormalString(s) {
		return s
	}
	return strings.Join(strings.Fields(norm.NFC.String(s)), " ")
}

// singleSpaced reports whether strings.Fields and a join with " " would give s back.
func singleSpaced(s string) bool {
	space := true // a space here would lead
	for _, r := range s {
		switch {
		case !unicode.IsSpace(r):
			space = false
		case r != ' ' || space:
			return false
		default:
			space = true
		}
	}
	return !space || s == ""
}

func (r *resolver) find(i int) int {
	for r.parent[i] != i {
		r.parent[i] = r.parent[r.parent[i]]
		i = r.parent[i]
	}
	return i
}

// union joins two clusters, the smaller handle becoming the root so the result is order-free.
func (r *resolver) union(a, b int) {
	a, b = r.find(a), r.find(b)
	if a == b {
		return
	}
	if b < a {
		a, b = b, a
	}
	r.parent[b] = a
}

// resolution is the outcome of resolve.
type resolution struct {
	people []Person
	of     []int // mention handle → index into people
	// merged counts merges: per person, the kinds of source naming them beyond the first, and
	// every join of records bound to different e-mails or ids (conflictsOnNameAndCompany).
	merged    int
	ambiguous []string
}

// resolve merges the mentions into people (SPEC §2.6): those linked or sharing a URL or an
// e-mail, then those of one name and company, then compatible names.
func (r *resolver) resolve() resolution {
	r.joinByKeys()
	info := r.clusterKeys()
	join := func(a, b int) { r.join(info, a, b) }
	names := make([]string, len(r.ms)) // each mention's normalised name
	for i, m := range r.ms {
		names[i] = r.name(m.name)
	}
	addressJoins := r.joinByNameAndCompany(names, info, join)
	r.joinCompatibleNames(names, info, join)
	return r.people(addressJoins)
}

// joinByKeys joins the mentions linked on purpose (link), then those that share a profile URL
// or an e-mail.
func (r *resolver) joinByKeys() {
	first := func(index map[string]int, k string, i int) {
		if k == "" {
			return
		}
		if j, ok := index[k]; ok {
			r.union(i, j)
		} else {
			index[k] = i
		}
	}
	for _, l := range r.links {
		r.union(l[0], l[1])
	}
	byURL, byEmail := map[string]int{}, map[string]int{}
	for i, m := range r.ms {
		first(byURL, m.url, i)
		first(byEmail, m.email, i)
	}
}

// clusterKeys is what binds each cluster, by its root: kept up to date through the name
// passes (join).
func (r *resolver) clusterKeys() map[int]*keys {
	info := map[int]*keys{}
	for i, m := range r.ms {
		root := r.find(i)
		if info[root] == nil {
			info[root] = &keys{}
		}
		info[root].add(m, r.company, r.attr)
	}
	return info
}

// join joins the clusters of a and b, their keys merged.
func (r *resolver) join(info map[int]*keys, a, b int) {
	a, b = r.find(a), r.find(b)
	if a == b {
		return
	}
	// The smaller keys into the larger, in place: copying both into new keys made
	// 20 000 records of one name and company, each with its own title, take 25 s.
	into, from := info[a], info[b]
	if into.len() < from.len() {
		into, from = from, into
	}
	into.merge(from)
	r.union(a, b)
	delete(info, a)
	delete(info, b)
	info[r.find(a)] = into
}

// joinByNameAndCompany joins records of one name and company: both carry the same company, and
// nothing else binds them apart (conflictsOnNameAndCompany: different addresses alone do not).
// It returns the joins of records bound to different e-mails or ids, counted as merges.
func (r *resolver) joinByNameAndCompany(names []string, info map[int]*keys, join func(a, b int)) int {
	byNameCo := map[string][]int{}
	var nameCos []string
	for i, m := range r.ms {
		n, c := names[i], r.company(m.company)
		if n == "" || c == "" {
			continue
		}
		k := n + "\x00" + c
		if _, ok := byNameCo[k]; !ok {
			nameCos = append(nameCos, k)
		}
		byNameCo[k] = append(byNameCo[k], i)
	}
	sort.Strings(nameCos)
	addressJoins := 0 // joins of records bound to different e-mails or ids, counted as merges
	for _, k := range nameCos {
		group := byNameCo[k]
		for _, i := range group[1:] {
			a, b := r.find(group[0]), r.find(i)
			if a != b && !info[a].conflictsOnNameAndCompany(info[b]) {
				if info[a].conflicts(info[b]) {
					addressJoins++
				}
				join(a, b)
			}
		}
	}
	return addressJoins
}

// people builds one Person per cluster, ordered by id, and names the names several people
// share.
func (r *resolver) people(addressJoins int) resolution {
	roots := map[int][]int{}
	var order []int
	for i := range r.ms {
		root := r.find(i)
		if _, ok := roots[root]; !ok {
			order = append(order, root)
		}
		roots[root] = append(roots[root], i)
	}
	res := resolution{of: make([]int, len(r.ms)), merged: addressJoins}
	type built struct {
		p       Person
		members []int
	}
	all := make([]built, 0, len(order))
	for _, root := range order {
		members := roots[root]
		all = append(all, built{p: r.person(members), members: members})
	}
	sort.Slice(all, func(a, b int) bool { return all[a].p.ID < all[b].p.ID })
	byName := map[string][]int{}
	if len(all) > 0 {
		res.people = make([]Person, 0, len(all))
	}
	for pi, b := range all {
		res.people = append(res.people, b.p)
		for _, m := range b.members {
			res.of[m] = pi
		}
		res.merged += distinctSources(r.ms, b.members) - 1
		if n := r.name(b.p.Name); n != "" {
			byName[n] = append(byName[n], pi)
		}
	}
	for n, ps := range byName {
		if len(ps) > 1 {
			res.ambiguous = append(res.ambiguous, n)
		}
	}
	sort.Strings(res.ambiguous)
	return res
}

// keys is what binds a cluster to one person: its profile URLs, e-mails, companies and
// people-file ids; and, to tell two namesakes of one company apart, its teams, departments and
// titles (compared case-folded and single-spaced).
type keys struct {
	urls, emails, companies, ids strset
	teams, departments, titles   strset
}

// len is how many values k holds, of every kind.
func (k *keys) len() int {
	return k.urls.len() + k.emails.len() + k.companies.len() + k.ids.len() + k.teams.len() + k.departments.len() + k.titles.len()
}

func (k *keys) bare() bool {
	return k.urls.len()+k.emails.len()+k.companies.len()+k.ids.len() == 0
}

func (k *keys) add(m mention, company, attr func(string) string) {
	k.urls.put(m.url)
	k.emails.put(m.email)
	k.companies.put(company(m.company))
	k.ids.put(m.id)
	k.teams.put(attr(m.team))
	k.departments.put(attr(m.department))
	k.titles.put(attr(m.title))
}

func (k *keys) merge(o *keys) {
	for _, pair := range [][2]*strset{{&k.urls, &o.urls}, {&k.emails, &o.emails}, {&k.companies, &o.companies}, {&k.ids, &o.ids},
		{&k.teams, &o.teams}, {&k.departments, &o.departments}, {&k.titles, &o.titles}} {
		for _, v := range pair[1].few {
			pair[0].put(v)
		}
		for v := range pair[1].many {
			pair[0].put(v)
		}
	}
}

// conflicts reports whether two clusters are bound to different people: both have URLs (or
// e-mails, or companies, or ids from a people file) and share none.
func (k *keys) conflicts(o *keys) bool {
	for _, pair := range [][2]*strset{{&k.urls, &o.urls}, {&k.emails, &o.emails}, {&k.companies, &o.companies}, {&k.ids, &o.ids}} {
		if pair[0].len() > 0 && pair[1].len() > 0 && disjoint(pair[0], pair[1]) {
			return true
		}
	}
	return false
}

// conflictsOnNameAndCompany is conflicts for two clusters that share a name and a company.
// There, different e-mails or people-file ids alone do not make two people: one person often
// has several addresses, and a list made from a mail archive gives each address its own row
// (the Enron corpus has James Steffes as d..steffes@ and as james.steffes@, both "Vice
// President, Government Affairs" at Enron). They keep the clusters apart only when the records
// also differ in team, department or title, which is what tells two namesakes of one company
// apart. Different profile URLs or companies always keep them apart (SPEC §2.6).
func (k *keys) conflictsOnNameAndCompany(o *keys) bool {
	bound := func(a, b *strset) bool { return a.len() > 0 && b.len() > 0 && disjoint(a, b) }
	switch {
	case bound(&k.urls, &o.urls), bound(&k.companies, &o.companies):
		return true
	case bound(&k.emails, &o.emails), bound(&k.ids, &o.ids):
		return bound(&k.teams, &o.teams) || bound(&k.departments, &o.departments) || bound(&k.titles, &o.titles)
	}
	return false
}

// conflictsByName is conflicts for a join on a name alone, which is also refused between a
// cluster known only by e-mail (a mail correspondent, no company) and one known by profile URL
// (a LinkedIn member): a shared name is too little to say they are one person.
func (k *keys) conflictsByName(o *keys) bool {
	mailOnly := func(x *keys) bool { return x.emails.len() > 0 && x.urls.len()+x.companies.len() == 0 }
	if mailOnly(k) && o.urls.len() > 0 || mailOnly(o) && k.urls.len() > 0 {
		return true
	}
	return k.conflicts(o)
}

func disjoint(a, b *strset) bool {
	if a.len() > b.len() {
		a, b = b, a
	}
	for _, v := range a.few {
		if b.has(v) {
			return false
		}
	}
	for v := range a.many {
		if b.has(v) {
			return false
		}
	}
	return true
}

// strset is a set of non-empty strings, kept in a slice while small: nearly every cluster has
// one URL or none, one company or none.
type strset struct {
	few  []string        // while there are at most maxFew
	many map[string]bool // after
}

const maxFew = 8

func (s *strset) len() int { return len(s.few) + len(s.many) }

func (s *strset) has(v string) bool {
	if s.many != nil {
		return s.many[v]
	}
	return slices.Contains(s.few, v)
}

// put adds v; the empty string is no value.
func (s *strset) put(v string) {
	switch {
	case v == "" || s.has(v):
	case s.many != nil:
		s.many[v] = true
	case len(s.few) < maxFew:
		s.few = append(s.few, v)
	default:
		s.many = make(map[string]bool, 2*maxFew)
		for _, x := range s.few {
			s.many[x] = true
		}
		s.many[v] = true
		s.few = nil
	}
}

// joinCompatibleNames joins the clusters that share a normalised name when no two of them are
// bound to different URLs, e-mails or companies: the records of exports before 2023 carry
// names only (FORMAT.md §4.4), and a recommendation's name and company must find the person its
// author's messages name by URL. Where two clusters of a name are bound apart, only the bare
// records (a name and nothing else) are joined with each other, and the name is reported as
// ambiguous by resolve. normNames are the mentions' normalised names.
func (r *resolver) joinCompatibleNames(normNames []string, info map[int]*keys, join func(a, b int)) {
	byName := map[string][]int{}
	var names []string
	for i, n := range normNames {
		if n == "" {
			continue
		}
		if _, ok := byName[n]; !ok {
			names = append(names, n)
		}
		byName[n] = append(byName[n], i)
	}
	sort.Strings(names)
	for _, n := range names {
		var roots []int
		seen := map[int]bool{}
		for _, i := range byName[n] {
			if root := r.find(i); !seen[root] {
				seen[root] = true
				roots = append(roots, root)
			}
		}
		if len(roots) < 2 {
			continue
		}
		ks := make([]*keys, len(roots))
		for i, root := range roots {
			ks[i] = info[root]
		}
		compatible := compatibleByName(ks)
		group := roots
		if !compatible {
			group = nil
			for _, root := range roots {
				if info[r.find(root)].bare() {
					group = append(group, root)
				}
			}
		}
		for _, root := range group[min(1, len(group)):] {
			join(group[0], root)
		}
	}
}

// compatibleByName reports whether no two of ks conflict by name (conflictsByName), without
// testing every pair where it need not: 20 000 records of one name, each with its own title
// and nothing else, took 26 s as pairs. A cluster known only by e-mail conflicts with any that
// has a URL; and two clusters conflict when both have URLs (e-mails, companies, ids) and share
// none, which cannot happen when one value is in every cluster that has any.
func compatibleByName(ks []*keys) bool {
	mailOnly, withURL := false, false
	for _, k := range ks {
		mailOnly = mailOnly || k.emails.len() > 0 && k.urls.len()+k.companies.len() == 0
		withURL = withURL || k.urls.len() > 0
	}
	if mailOnly && withURL {
		return false
	}
	for _, of := range []func(*keys) *strset{
		func(k *keys) *strset { return &k.urls }, func(k *keys) *strset { return &k.emails },
		func(k *keys) *strset { return &k.ids }, func(k *keys) *strset { return &k.companies },
	} {
		var sets []*strset
		for _, k := range ks {
			if s := of(k); s.len() > 0 {
				sets = append(sets, s)
			}
		}
		if !meetPairwise(sets) {
			return false
		}
	}
	return true
}

// meetPairwise reports whether every two of sets share a value. When one value is in all of
// them that is so at once; otherwise pairs are tested until two share none. (URLs and
// e-mails join the clusters that share one before names are compared, so two clusters that
// both have them share none, and the test ends at the first pair.)
func meetPairwise(sets []*strset) bool {
	if len(sets) < 2 {
		return true
	}
	in := map[string]int{} // how many of sets hold a value
	for _, s := range sets {
		for _, v := range s.few {
			in[v]++
		}
		for v := range s.many {
			in[v]++
		}
	}
	for _, n := range in {
		if n == len(sets) {
			return true
		}
	}
	for a := range sets {
		for b := a + 1; b < len(sets); b++ {
			if disjoint(sets[a], sets[b]) {
				return false
			}
		}
	}
	return true
}

// distinctSources counts the files (kinds of source) a person was found in.
func distinctSources(ms []mention, members []int) int {
	seen := map[int]bool{}
	for _, i := range members {
		seen[ms[i].src] = true
	}
	return len(seen)
}

// person builds one resolved person from its mentions: the name, company and title each of the
// most trusted source that gives one (sources by priority, then mentions by key); the smallest
// URL and e-mail; the id from the strongest key.
func (r *resolver) person(members []int) Person {
	ms := make([]mention, len(members))
	for i, m := range members {
		ms[i] = r.ms[m]
	}
	if len(ms) > 1 {
		type keyed struct {
			m   mention
			key string
		}
		ks := make([]keyed, len(ms))
		for i, m := range ms {
			ks[i] = keyed{m, m.key()}
		}
		slices.SortStableFunc(ks, func(a, b keyed) int {
			if a.m.src != b.m.src {
				return cmp.Compare(a.m.src, b.m.src)
			}
			return strings.Compare(a.key, b.key)
		})
		for i, k := range ks {
			ms[i] = k.m
		}
	}
	p := Person{Declared: Declared{Status: math.NaN(), Influence: math.NaN(), TargetStatus: math.NaN()}}
	for _, m := range ms {
		if p.Name == "" {
			p.Name = m.name
		}
		if p.Team == "" {
			p.Team = m.team
		}
		if p.Department == "" {
			p.Department = m.department
		}
		if p.Declared.Category == "" {
			p.Declared.Category = m.category
		}
		// Company and title each come from the most trusted record that has one: a people
		// file's or a vCard's title with no company is kept, and a company with no title
		// does not hide the title another record gives.
		if p.Company == "" {
			p.Company = m.company
		}
		if p.Title == "" {
			p.Title = m.title
		}
		if m.url != "" && (p.URL == "" || m.url < p.URL) {
			p.URL = m.url
		}
		if m.email != "" && (p.Email == "" || m.email < p.Email) {
			p.Email = m.email
		}
		p.Connected = p.Connected || m.connected
		if p.Key == "" {
			p.Key = m.rawID // the most trusted people file's id, as written
		}
		for _, k := range []string{m.email, m.url, rawID(m.id)} {
			if k != "" {
				p.Keys = append(p.Keys, k)
			}
		}
	}
	sort.Strings(p.Keys)
	p.Keys = slices.Compact(p.Keys)
	if p.Key == "" { // no people file's id: the e-mail, else the profile URL
		p.Key = cmp.Or(p.Email, p.URL)
	}
	if p.Name == "" { // known by an e-mail or URL only: show that
		p.Name = p.Email
		if p.Name == "" {
			p.Name = p.URL
		}
	}
	switch {
	case p.URL != "":
		p.ID = personID("url:" + p.URL)
	case p.Email != "":
		p.ID = personID("email:" + p.Email)
	default:
		p.ID = personID("name:" + NormalizeName(p.Name) + "\x00" + NormalizeCompany(p.Company))
	}
	return p
}
