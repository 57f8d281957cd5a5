package synth

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
)

// OrgOptions says how large a synthetic organisation to make and from which seed.
//
// The organisation is one company: a CEO; departments, each with a head (VP or C-level) who
// reports to the CEO; teams of skewed sizes in each department, each with a manager who reports
// to the department's head; members who report to their team's manager; and a few cross-team
// hubs (program managers and architects), members of one team who work across many. The CEO
// and the heads form the executive team, whose manager is the CEO: every person has a team,
// and everyone but the CEO a manager.
//
// The interactions run over a year, weekday-heavy, in time order: e-mail (one sender, one to
// eight recipients, threads replied to), meetings (three to fifteen attendees, with a
// duration) and 1:1 chat, mostly within a team, across teams through managers, partner teams
// and the hubs, now and then to anyone; plus a handful of broadcasts (more than 20
// participants), which relmap ignores for ties.
type OrgOptions struct {
	People       int       // rows of people.csv; 0 means 2 000, at least 10, at most 1 000 000
	Interactions int       // rows of interactions.csv, broadcasts included; 0 means 100 000
	Teams        int       // teams, the executive team included; 0 means People/25 (at least 2); at most People/3
	Seed         uint64    // seeds the PCG sources: the same options give the same bytes
	Start, End   time.Time // the first and last day of the interactions (calendar dates, UTC); zero End means 2026-03-14, zero Start a year before End

	// PlantStatus plants, toward one ego, the status behaviours of issue 15 in metadata alone
	// (supporters, detractors, busy seniors, cooling ties, ordinary colleagues; see
	// orgplant.go), adds their rows to Interactions and a cc column to interactions.csv, and
	// lists them in OrgTruth.PlantedStatus. Off, nothing changes: the same bytes as before.
	PlantStatus bool
}

const (
	defaultOrgPeople       = 2000
	defaultOrgInteractions = 100_000
	minOrgPeople           = 10
	maxOrgPeople           = 1_000_000
	orgTeamSize            = 25 // people per team when Teams is 0
	maxOrgDays             = 3660
	broadcastBound         = 20 // relmap's default MaxParticipants: more participants is a broadcast
)

// Validate reports what is wrong with the options, in words for a command line, or nil.
func (o OrgOptions) Validate() error {
	_, err := o.resolve()
	return err
}

// resolve fills in the defaults and checks the ranges.
func (o OrgOptions) resolve() (OrgOptions, error) {
	switch {
	case o.People < 0:
		return o, fmt.Errorf("people must not be negative, got %d", o.People)
	case o.Interactions < 0:
		return o, fmt.Errorf("interactions must not be negative, got %d", o.Interactions)
	case o.Teams < 0:
		return o, fmt.Errorf("teams must not be negative, got %d", o.Teams)
	}
	if o.People == 0 {
		o.People = defaultOrgPeople
	}
	if o.Interactions == 0 {
		o.Interactions = defaultOrgInteractions
	}
	if o.People < minOrgPeople || o.People > maxOrgPeople {
		return o, fmt.Errorf("people must be between %d and %d, got %d", minOrgPeople, maxOrgPeople, o.People)
	}
	if o.Teams == 0 {
		o.Teams = max(2, o.People/orgTeamSize)
	}
	if o.Teams < 2 {
		return o, fmt.Errorf("teams must be at least 2 (the executive team and one more), got %d", o.Teams)
	}
	if o.Teams*3 > o.People {
		return o, fmt.Errorf("%d teams need at least %d people (3 a team), got %d", o.Teams, 3*o.Teams, o.People)
	}
	o.End = exportDay(o.End)
	if o.Start.IsZero() {
		o.Start = o.End.AddDate(-1, 0, 1)
	}
	o.Start = exportDay(o.Start)
	switch days := int(o.End.Sub(o.Start).Hours()/24) + 1; {
	case days < 1:
		return o, fmt.Errorf("start %s is after end %s", o.Start.Format(time.DateOnly), o.End.Format(time.DateOnly))
	case days > maxOrgDays:
		return o, fmt.Errorf("start to end must be at most %d days, got %d", maxOrgDays, days)
	case o.Start.Year() < 2000 || o.End.Year() > 2999:
		return o, errors.New("dates must fall between 2000 and 2999")
	case o.PlantStatus && o.People < orgPlantMinPeople:
		return o, fmt.Errorf("plant-status needs at least %d people, got %d", orgPlantMinPeople, o.People)
	case o.PlantStatus && days < 365:
		return o, fmt.Errorf("plant-status needs a year of interactions, got %d days", days)
	}
	return o, nil
}

// OrgTruth is what WriteOrg planted: the organisation's structure and the rows written.
type OrgTruth struct {
	Seed         uint64 `json:"seed"`
	Company      string `json:"company"`
	Start        string `json:"start"`        // YYYY-MM-DD, the first day of the interactions
	End          string `json:"end"`          // YYYY-MM-DD, the last day: run relmap --as-of it
	People       int    `json:"people"`       // rows of people.csv
	Interactions int    `json:"interactions"` // rows of interactions.csv, broadcasts included
	Broadcasts   int    `json:"broadcasts"`   // rows with more than 20 participants, which relmap ignores for ties
	Emails       int    `json:"emails"`       // rows by channel, broadcasts excluded
	Meetings     int    `json:"meetings"`
	Chats        int    `json:"chats"`

	CEO         string          `json:"ceo"`         // the CEO's id, the one person without a manager
	Departments []OrgDepartment `json:"departments"` // sorted by name
	Teams       []OrgTeam       `json:"teams"`       // sorted by name, the executive team included
	Hubs        []OrgHub        `json:"hubs"`        // sorted by id

	// PlantedStatus is what OrgOptions.PlantStatus planted; absent without it.
	PlantedStatus *StatusPlant `json:"planted_status,omitempty"`
}

// OrgDepartment is one department: its head (an id, on the executive team) and its teams.
type OrgDepartment struct {
	Name  string   `json:"name"`
	Head  string   `json:"head"`
	Teams []string `json:"teams"` // sorted
}

// OrgTeam is one team as people.csv's team column gives it.
type OrgTeam struct {
	Name       string   `json:"name"`
	Department string   `json:"department"` // "Executive" for the executive team
	Manager    string   `json:"manager"`    // id; the CEO for the executive team
	Members    []string `json:"members"`    // ids, sorted, the manager included
	// Partners are the teams this one works with (one or two, of its department when it has
	// others): its members and manager write to theirs now and then. Sorted; a pair may be
	// planted from either side.
	Partners []string `json:"partners"`
}

// OrgHub is a planted cross-team broker: a member of one team whose interactions reach the
// members of many others, which they connect only through each other otherwise.
type OrgHub struct {
	ID    string   `json:"id"`
	Name  string   `json:"name"`
	Title string   `json:"title"`
	Team  string   `json:"team"`  // the hub's own team
	Teams []string `json:"teams"` // the teams the hub works with, its own included, sorted
}

// Headers of the two files, in relmap's own column names (docs/inputs.md, generic CSV).
const (
	orgPeopleHeader       = "id,name,email,company,title,team,department,manager"
	orgInteractionsHeader = "time,from,to,channel,conversation,duration_min"
	// with OrgOptions.PlantStatus: the cc column carries the planted copies
	orgInteractionsPlantedHeader = "time,from,to,cc,channel,conversation,duration_min"
)

// WriteOrg writes a synthetic organisation as relmap's generic CSV: people.csv to people and
// interactions.csv to interactions, and returns the truth. The people are made in memory
// (about 1 KiB each, truth included: some 90 MiB for 100 000 people); the interactions are made
// and written one row at a time, in time order, so memory does not grow with Interactions
// (10 000 000 rows take seconds). The same options always give the same bytes; the people
// depend on People, Teams and Seed only.
func WriteOrg(people, interactions io.Writer, opt OrgOptions) (*OrgTruth, error) {
	opt, err := opt.resolve()
	if err != nil {
		return nil, fmt.Errorf("synth: %w", err)
	}
	o := newOrg(opt)
	var plant *orgPlant
	if opt.PlantStatus {
		if plant, err = o.plantStatus(); err != nil {
			return nil, fmt.Errorf("synth: %w", err)
		}
	}
	if err := o.writePeople(people); err != nil {
		return nil, fmt.Errorf("synth: writing people: %w", err)
	}
	t := o.truth()
	if plant != nil {
		t.PlantedStatus = plant.truth
	}
	if err := o.writeInteractions(interactions, t, plant); err != nil {
		return nil, fmt.Errorf("synth: writing interactions: %w", err)
	}
	return t, nil
}

// Roles in the organisation.
const (
	roleMember = iota
	roleHub
	roleManager
	roleHead
	roleCEO
)

type orgPerson struct {
	id, name, email, title string
	role                   int
	team                   int // index into org.teams
	dept                   int // index into org.depts; -1 for the CEO
	manager                int // index into org.people; -1 for the CEO
	hub                    int // index into org.hubs and org.hubOf, for hubs
}

type orgTeam struct {
	name     string
	dept     int // -1 for the executive team
	manager  int
	members  []int // the manager included
	partners []int // teams of the same department (or any) that this one works with
	hubs     []int // hubs whose portfolio holds this team
}

type orgDept struct {
	name  string
	head  int
	teams []int
	leads []int // the head and the team managers: a manager's peers
}

type org struct {
	opt     OrgOptions
	company string
	domain  string
	people  []orgPerson
	teams   []orgTeam // teams[0] is the executive team
	depts   []orgDept
	hubs    []int
	hubOf   [][]int // a hub's portfolio: team indexes, its own first
	ceo     int
}

// deptKind is a kind of department: its name, its head's title, its team managers' title,
// the titles of its members (without a level), its teams' focus, and how large it tends to be
// (its share of the teams, before a random factor).
type deptKind struct {
	name, head, manager string
	roles, focus        []string
	weight              float64
}

// deptKinds are in the order an organisation grows them: a small one has Engineering, Sales and
// Product; a large one has every kind, then regional copies (Engineering EMEA …).
var deptKinds = []deptKind{
	{"Engineering", "VP Engineering", "Engineering Manager",
		[]string{"Software Engineer", "Backend Engineer", "Frontend Engineer", "QA Engineer", "Site Reliability Engineer"},
		[]string{"Platform", "Payments", "Search", "Mobile", "Identity", "Checkout", "Infrastructure", "Reliability",
			"API", "Billing", "Developer Tools", "Integrations", "Web", "Notifications", "Storage", "Release"}, 5},
	{"Sales", "VP Sales", "Sales Manager",
		[]string{"Account Executive", "Sales Development Representative", "Sales Engineer", "Sales Associate"},
		[]string{"Enterprise", "Mid-Market", "Public Sector", "Channel", "Nordics", "DACH", "Renewals", "Inside",
			"Strategic Accounts", "Retail", "Healthcare", "Financial Services"}, 4},
	{"Product", "Chief Product Officer", "Group Product Manager",
		[]string{"Product Manager", "Product Designer", "UX Researcher", "Product Analyst"},
		[]string{"Growth", "Core", "Onboarding", "Insights", "Design System", "Pricing", "Mobile Experience", "Admin"}, 2},
	{"Operations", "Chief Operating Officer", "Operations Manager",
		[]string{"Operations Analyst", "Logistics Coordinator", "Operations Specialist", "Supply Planner"},
		[]string{"Logistics", "Fulfilment", "Supply", "Facilities", "Vendor Management", "Quality", "Planning", "Warehousing"}, 2.5},
	{"Customer Success", "VP Customer Success", "Support Manager",
		[]string{"Support Engineer", "Customer Success Associate", "Support Specialist", "Implementation Consultant"},
		[]string{"Support", "Onboarding", "Key Accounts", "Escalations", "Training", "Community", "Renewals", "Service Desk"}, 3},
	{"Marketing", "VP Marketing", "Marketing Manager",
		[]string{"Marketing Specialist", "Content Strategist", "Marketing Analyst", "Brand Designer"},
		[]string{"Brand", "Demand", "Content", "Events", "Communications", "Field Marketing", "Product Marketing"}, 1.5},
	{"Finance", "Chief Financial Officer", "Finance Manager",
		[]string{"Financial Analyst", "Accountant", "Payroll Specialist", "Treasury Analyst"},
		[]string{"Planning", "Accounting", "Treasury", "Tax", "Procurement", "Audit", "Payroll"}, 1.2},
	{"Data", "VP Data", "Data Science Manager",
		[]string{"Data Analyst", "Data Scientist", "Data Engineer", "Analytics Engineer"},
		[]string{"Analytics", "Machine Learning", "Platform", "Experimentation", "Reporting", "Quality"}, 1.5},
	{"People", "VP People", "HR Manager",
		[]string{"HR Generalist", "Recruiter", "HR Business Partner", "Learning Specialist"},
		[]string{"Talent", "Business Partners", "Learning", "Rewards", "Operations", "Recruiting"}, 1},
	{"IT", "Chief Information Officer", "IT Manager",
		[]string{"Systems Administrator", "IT Support Specialist", "Network Engineer", "Cloud Engineer"},
		[]string{"Workplace", "Help Desk", "Networks", "Cloud", "Enterprise Systems", "Endpoints"}, 1},
	{"Legal", "General Counsel", "Legal Manager",
		[]string{"Legal Counsel", "Paralegal", "Compliance Analyst", "Contracts Specialist"},
		[]string{"Commercial", "Compliance", "Privacy", "Corporate", "Contracts"}, 0.5},
	{"Security", "Chief Information Security Officer", "Security Manager",
		[]string{"Security Engineer", "Security Analyst", "Threat Researcher"},
		[]string{"AppSec", "Detection", "Governance", "Cloud Security", "Response"}, 0.6},
}

// regions tell departments of one kind apart once every kind is taken.
var regions = []string{"EMEA", "Americas", "APAC", "North", "South", "East", "West", "Central"}

var hubTitles = []string{"Program Manager", "Senior Program Manager", "Technical Program Manager",
	"Enterprise Architect", "Principal Architect", "Solutions Architect"}

const (
	execTeam = "Executive Office"
	execDept = "Executive"
)

// newOrg builds the people and the structure from their own PCG stream.
func newOrg(opt OrgOptions) *org {
	r := rand.New(rand.NewPCG(opt.Seed, 0x0a6c_4a27_5eed))
	o := &org{opt: opt}
	o.pickCompany(r)
	nWork := opt.Teams - 1
	nDept := min(nWork, max(1, int(math.Round(math.Sqrt(float64(nWork))))))

	// People in hierarchy order: the CEO, the heads, then each team's manager and members.
	o.people = make([]orgPerson, 0, opt.People)
	o.ceo = o.addPerson(orgPerson{role: roleCEO, title: "Chief Executive Officer", dept: -1, manager: -1})
	o.teams = append(o.teams, orgTeam{name: execTeam, dept: -1, manager: o.ceo, members: []int{o.ceo}})
	o.addDepts(nDept)

	deptOf := teamDepts(r, nDept, nWork)
	sizes := o.teamSizes(r, nWork)
	o.addTeams(r, deptOf, sizes)
	o.pickPartners(r, nWork)
	o.pickHubs(r, nWork)

	o.name(r)
	return o
}

// addPerson appends a person and returns their index.
func (o *org) addPerson(p orgPerson) int {
	o.people = append(o.people, p)
	return len(o.people) - 1
}

// addDepts adds the departments and their heads, who join the executive team.
func (o *org) addDepts(nDept int) {
	for d := range nDept {
		k := deptKinds[d%len(deptKinds)]
		name := k.name
		if n := d / len(deptKinds); n > 0 {
			name += " " + regions[(n-1)%len(regions)]
			if n > len(regions) {
				name += " " + strconv.Itoa((n-1)/len(regions)+1)
			}
		}
		head := o.addPerson(orgPerson{role: roleHead, title: k.head, dept: d, manager: o.ceo})
		if d >= len(deptKinds) {
			o.people[head].title = "VP " + name
		}
		o.teams[0].members = append(o.teams[0].members, head)
		o.depts = append(o.depts, orgDept{name: name, head: head, leads: []int{head}})
	}
}

// teamDepts picks each working team's department: each department gets one, the rest go by
// the departments' weights.
func teamDepts(r *rand.Rand, nDept, nWork int) []int {
	dw := make([]float64, nDept)
	for d := range dw {
		dw[d] = deptKinds[d%len(deptKinds)].weight * math.Exp(0.3*r.NormFloat64())
	}
	deptOf := make([]int, nWork)
	for j := range deptOf {
		if j < nDept {
			deptOf[j] = j
		} else {
			deptOf[j] = pickWeighted(r, dw)
		}
	}
	r.Shuffle(nWork, func(i, j int) { deptOf[i], deptOf[j] = deptOf[j], deptOf[i] })
	return deptOf
}

// teamSizes sizes the working teams: two each (a manager and a member), the rest by
// log-normal weights, so that a few teams are large and many small.
func (o *org) teamSizes(r *rand.Rand, nWork int) []int {
	spare := o.opt.People - len(o.people) - 2*nWork
	tw := make([]float64, nWork)
	for j := range tw {
		tw[j] = math.Exp(0.7 * r.NormFloat64())
	}
	sizes := apportion(spare, tw)
	for j := range sizes {
		sizes[j] += 2
	}
	return sizes
}

// addTeams adds the working teams, each with its manager and members, to their departments.
func (o *org) addTeams(r *rand.Rand, deptOf, sizes []int) {
	used := map[string]bool{}
	for j, d := range deptOf {
		k := deptKinds[d%len(deptKinds)]
		dep := &o.depts[d]
		// A focus taken twice in a department is told apart by a region, in a department
		// that is itself regional by a number; names are unique, case-folded.
		base := dep.name + " " + k.focus[len(dep.teams)%len(k.focus)]
		name := base
		for n := 1; used[strings.ToLower(name)]; n++ {
			if n-1 < len(regions) && d < len(deptKinds) {
				name = base + " " + regions[n-1]
			} else {
				name = base + " " + strconv.Itoa(n+1)
			}
		}
		used[strings.ToLower(name)] = true
		t := len(o.teams)
		mgr := o.addPerson(orgPerson{role: roleManager, title: k.manager, team: t, dept: d, manager: dep.head})
		if sizes[j] > 30 {
			o.people[mgr].title = "Director of " + dep.name
		}
		team := orgTeam{name: name, dept: d, manager: mgr, members: []int{mgr}}
		for range sizes[j] - 1 {
			title := memberTitle(r, k)
			team.members = append(team.members, o.addPerson(orgPerson{role: roleMember, title: title, team: t, dept: d, manager: mgr}))
		}
		o.teams = append(o.teams, team)
		dep.teams = append(dep.teams, t)
		dep.leads = append(dep.leads, mgr)
	}
}

// memberTitle picks a member's title from the department's roles, with a level.
func memberTitle(r *rand.Rand, k deptKind) string {
	title := k.roles[r.IntN(len(k.roles))]
	switch x := r.IntN(100); {
	case x < 15:
		title = "Associate " + title
	case x < 65:
	case x < 90:
		title = "Senior " + title
	default:
		title = "Lead " + title
	}
	return title
}

// pickPartners gives each working team one or two partner teams: others of the same
// department, else any.
func (o *org) pickPartners(r *rand.Rand, nWork int) {
	for t := 1; t < len(o.teams); t++ {
		same := o.depts[o.teams[t].dept].teams
		for range 1 + r.IntN(2) {
			var p int
			if len(same) > 1 {
				p = same[r.IntN(len(same))]
			} else if nWork > 1 {
				p = 1 + r.IntN(nWork)
			}
			if p != 0 && p != t && !slices.Contains(o.teams[t].partners, p) {
				o.teams[t].partners = append(o.teams[t].partners, p)
			}
		}
	}
}

// pickHubs turns some members (not managers) of working teams into hubs, each working with a
// portfolio of teams across departments.
func (o *org) pickHubs(r *rand.Rand, nWork int) {
	var pool []int
	for i := range o.people {
		if o.people[i].role == roleMember {
			pool = append(pool, i)
		}
	}
	nHubs := min(len(pool)/4, max(2, o.opt.People/150))
	if nWork < 2 {
		nHubs = 0 // no other team to work with
	}
	portfolio := min(nWork-1, max(3, min(24, int(math.Round(0.15*float64(nWork))))))
	for _, k := range r.Perm(len(pool))[:nHubs] {
		h := pool[k]
		p := &o.people[h]
		p.role, p.hub = roleHub, len(o.hubs)
		p.title = hubTitles[r.IntN(len(hubTitles))]
		teams := []int{p.team}
		for _, t := range r.Perm(nWork) {
			if len(teams) > portfolio {
				break
			}
			if t+1 != p.team {
				teams = append(teams, t+1)
			}
		}
		for _, t := range teams {
			o.teams[t].hubs = append(o.teams[t].hubs, h)
		}
		o.hubs = append(o.hubs, h)
		o.hubOf = append(o.hubOf, teams)
	}
}

// pickCompany picks the company from the pool, among names that make a plain e-mail domain.
func (o *org) pickCompany(r *rand.Rand) {
	var ok []string
	for _, c := range companyPool {
		plain := true
		for _, ch := range c {
			if !(ch >= 'a' && ch <= 'z' || ch >= 'A' && ch <= 'Z' || ch == ' ') {
				plain = false
			}
		}
		if plain {
			ok = append(ok, c)
		}
	}
	o.company = ok[r.IntN(len(ok))]
	o.domain = strings.ToLower(strings.Fields(o.company)[0]) + ".example"
}

// name gives everyone a unique name, a unique e-mail on the company's domain and an id
// ("E" and a number, assigned at random so that ids say nothing of the hierarchy).
func (o *org) name(r *rand.Rand) {
	g := &gen{r: r, names: map[string]bool{}}
	width := max(5, len(strconv.Itoa(len(o.people))))
	locals := map[string]int{}
	for i, n := range r.Perm(len(o.people)) {
		p := &o.people[i]
		first, last := g.newName()
		p.name = first + " " + last
		p.id = fmt.Sprintf("E%0*d", width, n+1)
		local := mailLocal(first) + "." + mailLocal(last)
		if len(local) < 5 {
			local = strings.ToLower(p.id)
		}
		locals[local]++
		if k := locals[local]; k > 1 {
			local += strconv.Itoa(k)
		}
		p.email = local + "@" + o.domain
	}
}

// mailLocal folds a name to lower-case ASCII letters and hyphens for an e-mail address.
func mailLocal(s string) string {
	var b strings.Builder
	for _, c := range asciiFold.Replace(strings.ToLower(s)) {
		switch {
		case c >= 'a' && c <= 'z' || c == '-':
			b.WriteRune(c)
		case c == ' ':
			b.WriteByte('.')
		case c > 0x7f:
			if base := latinBase(c); base != 0 {
				b.WriteRune(base)
			}
		}
	}
	return strings.Trim(strings.ReplaceAll(b.String(), "..", "."), ".")
}

// pickWeighted draws an index with probability proportional to its weight.
func pickWeighted(r *rand.Rand, w []float64) int {
	total := 0.0
	for _, x := range w {
		total += x
	}
	x := r.Float64() * total
	for i, v := range w {
		if x < v {
			return i
		}
		x -= v
	}
	return len(w) - 1
}

// apportion splits n into parts proportional to the weights, by largest remainder (ties to
// the lower index).
func apportion(n int, w []float64) []int {
	total := 0.0
	for _, x := range w {
		total += x
	}
	out := make([]int, len(w))
	rem := make([]float64, len(w))
	left := n
	for i, x := range w {
		q := float64(n) * x / total
		out[i] = int(q)
		rem[i] = q - float64(out[i])
		left -= out[i]
	}
	idx := make([]int, len(w))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return rem[idx[a]] > rem[idx[b]] })
	for k := 0; k < left; k++ {
		out[idx[k%len(idx)]]++
	}
	return out
}

// writePeople writes people.csv, one row a person, sorted by id.
func (o *org) writePeople(w io.Writer) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	byID := make([]int, len(o.people))
	for i := range byID {
		byID[i] = i
	}
	sort.Slice(byID, func(a, b int) bool { return o.people[byID[a]].id < o.people[byID[b]].id })
	f := &csvFile{w: bw}
	f.record(strings.Split(orgPeopleHeader, ",")...)
	for _, i := range byID {
		p := &o.people[i]
		dept, mgr := execDept, ""
		if p.dept >= 0 {
			dept = o.depts[p.dept].name
		}
		if p.manager >= 0 {
			mgr = o.people[p.manager].id
		}
		f.record(p.id, p.name, p.email, o.company, p.title, o.teams[p.team].name, dept, mgr)
	}
	bw.WriteByte('\n')
	return bw.Flush()
}

// truth describes the structure; writeInteractions fills in the counts.
func (o *org) truth() *OrgTruth {
	t := &OrgTruth{
		Seed:         o.opt.Seed,
		Company:      o.company,
		Start:        o.opt.Start.Format(time.DateOnly),
		End:          o.opt.End.Format(time.DateOnly),
		People:       len(o.people),
		Interactions: o.opt.Interactions,
		CEO:          o.people[o.ceo].id,
		Departments:  []OrgDepartment{},
		Teams:        []OrgTeam{},
		Hubs:         []OrgHub{},
	}
	ids := func(xs []int) []string {
		out := make([]string, len(xs))
		for i, x := range xs {
			out[i] = o.people[x].id
		}
		slices.Sort(out)
		return out
	}
	teamNames := func(xs []int) []string {
		out := make([]string, len(xs))
		for i, x := range xs {
			out[i] = o.teams[x].name
		}
		slices.Sort(out)
		return out
	}
	for _, d := range o.depts {
		t.Departments = append(t.Departments, OrgDepartment{Name: d.name, Head: o.people[d.head].id, Teams: teamNames(d.teams)})
	}
	slices.SortFunc(t.Departments, func(a, b OrgDepartment) int { return strings.Compare(a.Name, b.Name) })
	for _, tm := range o.teams {
		dept := execDept
		if tm.dept >= 0 {
			dept = o.depts[tm.dept].name
		}
		t.Teams = append(t.Teams, OrgTeam{Name: tm.name, Department: dept, Manager: o.people[tm.manager].id, Members: ids(tm.members),
			Partners: teamNames(tm.partners)})
	}
	slices.SortFunc(t.Teams, func(a, b OrgTeam) int { return strings.Compare(a.Name, b.Name) })
	for k, h := range o.hubs {
		p := &o.people[h]
		t.Hubs = append(t.Hubs, OrgHub{ID: p.id, Name: p.name, Title: p.title, Team: o.teams[p.team].name, Teams: teamNames(o.hubOf[k])})
	}
	slices.SortFunc(t.Hubs, func(a, b OrgHub) int { return strings.Compare(a.ID, b.ID) })
	return t
}

// orgClock maps the share of the year's activity that came before a row to the row's time:
// weekdays' working hours are busy, evenings quiet, weekends and the year-end holidays
// quieter still.
type orgClock struct {
	start  int64     // Unix seconds of the first day's midnight
	cum    []float64 // cum[h]: the activity of the hours before hour h; one more than the hours
	h      int       // the hour of the last call: times only move forward
	prefix []string  // per day, "YYYY-MM-DDT"
}

func newOrgClock(start time.Time, days int) *orgClock {
	c := &orgClock{start: start.Unix(), cum: make([]float64, 1, days*24+1)}
	for d := range days {
		day := start.AddDate(0, 0, d)
		c.prefix = append(c.prefix, day.Format("2006-01-02T"))
		weekend := day.Weekday() == time.Saturday || day.Weekday() == time.Sunday
		holiday := day.Month() == time.December && day.Day() >= 24 || day.Month() == time.January && day.Day() == 1
		for h := range 24 {
			var w float64
			switch {
			case weekend && h >= 8 && h <= 20:
				w = 0.6
			case weekend:
				w = 0.05
			case h >= 9 && h <= 16 && h != 12:
				w = 10
			case h == 12 || h == 8 || h == 17:
				w = 6
			case h == 7 || h == 18:
				w = 2.5
			case h >= 19 && h <= 21:
				w = 1
			default:
				w = 0.15
			}
			if holiday {
				w *= 0.15
			}
			c.cum = append(c.cum, c.cum[len(c.cum)-1]+w)
		}
	}
	return c
}

// at is the time, in seconds from the first midnight, of the activity share u in [0,1); u
// must not decrease from one call to the next.
func (c *orgClock) at(u float64) int64 {
	x := u * c.cum[len(c.cum)-1]
	for c.h+2 < len(c.cum) && c.cum[c.h+1] <= x {
		c.h++
	}
	frac := (x - c.cum[c.h]) / (c.cum[c.h+1] - c.cum[c.h])
	s := min(max(int64(frac*3600), 0), 3599)
	return int64(c.h)*3600 + s
}

// appendTime appends an offset from the first midnight as "YYYY-MM-DDThh:mm:ssZ".
func (c *orgClock) appendTime(b []byte, off int64) []byte {
	b = append(b, c.prefix[off/86400]...)
	s := off % 86400
	two := func(b []byte, n int64) []byte { return append(b, byte('0'+n/10), byte('0'+n%10)) }
	b = two(b, s/3600)
	b = append(b, ':')
	b = two(b, s/60%60)
	b = append(b, ':')
	b = two(b, s%60)
	return append(b, 'Z')
}

// thread is a recent e-mail thread that a later e-mail may reply in.
type thread struct {
	id      int64
	members [9]int32
	n       int8
}

// orgRows makes the interaction rows one at a time.
type orgRows struct {
	*org
	r      *rand.Rand
	cum    []float64 // senders' cumulative activity
	stamp  []uint32  // stamp[p] == cur: p is already a recipient of the current row
	cur    uint32
	to     []int
	ring   [1024]thread
	nRing  int
	skip   []bool // planted people (OrgOptions.PlantStatus): never in a background row; nil without
	cc     bool   // write an empty cc field after to
	nMail  int64
	nMeet  int64
	nBcast int64
	all    []int // everyone, for broadcasts
}

// Activity weights by role: how often each sends or organises.
var roleActivity = [...]float64{roleMember: 1, roleHub: 3, roleManager: 1.6, roleHead: 1.4, roleCEO: 1}

// writeInteractions writes interactions.csv, one row at a time, and counts the rows in t.
func (o *org) writeInteractions(w io.Writer, t *OrgTruth, plant *orgPlant) error {
	opt := o.opt
	days := int(opt.End.Sub(opt.Start).Hours()/24) + 1
	clock := newOrgClock(opt.Start, days)
	g := &orgRows{org: o, r: rand.New(rand.NewPCG(opt.Seed, 0x1a7e_7ac7_0125)),
		stamp: make([]uint32, len(o.people)), to: make([]int, 0, 512)}
	total := 0.0
	for i := range o.people {
		total += roleActivity[o.people[i].role]
		g.cum = append(g.cum, total)
	}

	// A handful of broadcasts, evenly spread: none in a small file or a small organisation.
	n := opt.Interactions
	nb := 0
	if n >= 1000 && len(o.people) > broadcastBound+1 {
		nb = min(50, max(1, n/20000))
		g.all = make([]int, len(o.people))
		for i := range g.all {
			g.all[i] = i
		}
	}
	nextB, kB := -1, 0
	if nb > 0 {
		nextB = int((0.5) * float64(n) / float64(nb))
	}

	bw := bufio.NewWriterSize(w, 256<<10)
	var planted []plantedRow
	if plant != nil {
		g.skip, g.cc, planted = plant.reserved, true, plant.rows
		bw.WriteString(orgInteractionsPlantedHeader)
		t.Interactions += len(planted)
	} else {
		bw.WriteString(orgInteractionsHeader)
	}
	var b []byte
	flush := func(before int64) error {
		for len(planted) > 0 && planted[0].at < before {
			b = append(b[:0], '\n')
			b = clock.appendTime(b, planted[0].at)
			b = g.planted(b, &planted[0])
			switch planted[0].channel {
			case "email":
				t.Emails++
			case "meeting":
				t.Meetings++
			default:
				t.Chats++
			}
			planted = planted[1:]
			if _, err := bw.Write(b); err != nil {
				return err
			}
		}
		return nil
	}
	for i := range n {
		at := clock.at((float64(i) + g.r.Float64()) / float64(n))
		if err := flush(at); err != nil {
			return err
		}
		b = append(b[:0], '\n')
		b = clock.appendTime(b, at)
		if i == nextB {
			b = g.broadcast(b)
			t.Broadcasts++
			kB++
			nextB = -1
			if kB < nb {
				nextB = int((float64(kB) + 0.5) * float64(n) / float64(nb))
			}
		} else {
			var ch string
			b, ch = g.event(b)
			switch ch {
			case "email":
				t.Emails++
			case "meeting":
				t.Meetings++
			default:
				t.Chats++
			}
		}
		if _, err := bw.Write(b); err != nil {
			return err
		}
	}
	if err := flush(math.MaxInt64); err != nil {
		return err
	}
	bw.WriteByte('\n')
	return bw.Flush()
}

// planted appends a planted row's fields after its time, as row does, cc included.
func (g *orgRows) planted(b []byte, p *plantedRow) []byte {
	ids := func(b []byte, xs []int) []byte {
		for i, x := range xs {
			if i > 0 {
				b = append(b, ';')
			}
			b = append(b, g.people[x].id...)
		}
		return b
	}
	b = append(b, ',')
	b = append(b, g.people[p.from].id...)
	b = append(b, ',')
	b = ids(b, p.to)
	b = append(b, ',')
	b = ids(b, p.cc)
	b = append(b, ',')
	b = append(b, p.channel...)
	b = append(b, ',')
	b = append(b, p.conv...)
	b = append(b, ',')
	if p.duration > 0 {
		b = strconv.AppendInt(b, int64(p.duration), 10)
	}
	return b
}

// sender draws a sender by activity.
func (g *orgRows) sender() int {
	for {
		x := g.r.Float64() * g.cum[len(g.cum)-1]
		if s := min(sort.SearchFloat64s(g.cum, x), len(g.cum)-1); g.skip == nil || !g.skip[s] {
			return s
		}
	}
}

// pick adds up to k recipients drawn from pool: distinct, never from, never twice in a row.
func (g *orgRows) pick(pool []int, k, from int) {
	if len(pool) == 0 {
		return
	}
	for tries, most := 0, 4*k+8; k > 0 && tries < most; tries++ {
		p := pool[g.r.IntN(len(pool))]
		if p == from || g.stamp[p] == g.cur || g.skip != nil && g.skip[p] {
			continue
		}
		g.stamp[p] = g.cur
		g.to = append(g.to, p)
		k--
	}
}

// add adds one recipient unless already there.
func (g *orgRows) add(p, from int) {
	if p >= 0 && p != from && g.stamp[p] != g.cur && (g.skip == nil || !g.skip[p]) {
		g.stamp[p] = g.cur
		g.to = append(g.to, p)
	}
}

// event makes one e-mail, meeting or chat row after its time and returns the channel.
func (g *orgRows) event(b []byte) ([]byte, string) {
	r := g.r
	g.cur++
	g.to = g.to[:0]

	// About a quarter of the e-mails answer a recent thread: a member writes to the others.
	if g.nRing > 0 && r.IntN(100) < 14 {
		th := &g.ring[r.IntN(min(g.nRing, len(g.ring)))]
		from := int(th.members[r.IntN(int(th.n))])
		for _, m := range th.members[:th.n] {
			g.add(int(m), from)
		}
		return g.row(b, from, "email", "mail-", th.id, 0), "email"
	}

	from := g.sender()
	p := &g.people[from]
	var mix [3]int // e-mail, chat, meeting, in percent
	switch p.role {
	case roleMember:
		mix = [3]int{42, 43, 15}
	case roleManager:
		mix = [3]int{45, 25, 30}
	case roleHub:
		mix = [3]int{40, 20, 40}
	default:
		mix = [3]int{50, 15, 35}
	}
	var ch string
	var k int
	switch x := r.IntN(100); {
	case x < mix[0]:
		ch = "email"
		switch y := r.IntN(100); {
		case y < 45:
			k = 1
		case y < 65:
			k = 2
		case y < 77:
			k = 3
		default:
			k = 4 + r.IntN(5)
		}
	case x < mix[0]+mix[1]:
		ch, k = "chat", 1
	default:
		u := r.Float64()
		ch, k = "meeting", 2+int(13*u*u) // 3 to 15 attendees, the organiser included
	}
	g.recipients(from, k)
	if len(g.to) == 0 { // a circle with no one else in it: write to the manager (the CEO to a head)
		if p.manager >= 0 {
			g.add(p.manager, from)
		} else {
			g.add(g.teams[0].members[1], from)
		}
		for len(g.to) == 0 { // only when planted people are left out: anyone else
			g.add(r.IntN(len(g.people)), from)
		}
	}
	if ch == "meeting" && len(g.to) < 2 { // at least three attendees: the manager, a team-mate, anyone
		g.add(p.manager, from)
		g.pick(g.teams[p.team].members, 2-len(g.to), from)
		for len(g.to) < 2 {
			g.add(r.IntN(len(g.people)), from)
		}
	}
	switch ch {
	case "email":
		g.nMail++
		th := &g.ring[g.nRing%len(g.ring)]
		g.nRing++
		th.id, th.n = g.nMail, 0
		th.members[0] = int32(from)
		th.n = 1
		for _, m := range g.to {
			if int(th.n) == len(th.members) {
				break
			}
			th.members[th.n] = int32(m)
			th.n++
		}
		return g.row(b, from, ch, "mail-", g.nMail, 0), ch
	case "meeting":
		g.nMeet++
		durations := [...]int{15, 30, 30, 30, 45, 60, 60, 60, 90, 120}
		return g.row(b, from, ch, "meet-", g.nMeet, durations[r.IntN(len(durations))]), ch
	}
	return g.row(b, from, ch, "", 0, 0), ch
}

// recipients draws k recipients for a row from one circle of the sender's: their team, a
// partner team, their manager's peers, a hub, the executive team, a hub's portfolio team, or
// (rarely) anyone. A multi-recipient row stays within one circle, so that the circles meet
// through the people who span them.
func (g *orgRows) recipients(from, k int) {
	r := g.r
	p := &g.people[from]
	team := &g.teams[p.team]
	x := r.IntN(100)
	switch p.role {
	case roleMember:
		switch {
		case x < 80:
			g.pick(team.members, k, from)
		case x < 89 && len(team.partners) > 0:
			g.pick(g.teams[team.partners[r.IntN(len(team.partners))]].members, k, from)
		case x < 95 && len(team.hubs) > 0:
			g.add(team.hubs[r.IntN(len(team.hubs))], from)
			g.pick(team.members, k-1, from)
		case x < 98:
			g.add(p.manager, from)
			g.pick(team.members, k-1, from)
		default:
			g.add(r.IntN(len(g.people)), from)
		}
	case roleManager:
		switch {
		case x < 50:
			g.pick(team.members, k, from)
		case x < 72:
			g.pick(g.depts[p.dept].leads, k, from)
		case x < 82 && len(team.partners) > 0:
			g.pick(g.teams[team.partners[r.IntN(len(team.partners))]].members, k, from)
		case x < 94 && len(g.hubs) > 0:
			if len(team.hubs) > 0 {
				g.add(team.hubs[r.IntN(len(team.hubs))], from)
			} else {
				g.add(g.hubs[r.IntN(len(g.hubs))], from)
			}
			g.pick(team.members, k-1, from)
		default:
			g.add(r.IntN(len(g.people)), from)
		}
	case roleHub:
		switch {
		case x < 85:
			ts := g.hubOf[p.hub]
			t := &g.teams[ts[r.IntN(len(ts))]]
			if r.IntN(100) < 40 {
				g.add(t.manager, from)
			}
			g.pick(t.members, k-len(g.to), from)
		case x < 95:
			g.pick(g.hubs, k, from)
		default:
			g.pick(team.members, k, from)
		}
	case roleHead:
		switch {
		case x < 40:
			g.pick(g.teams[0].members, k, from)
		case x < 85:
			g.pick(g.depts[p.dept].leads, k, from)
		default:
			g.pick(g.hubs, k, from)
		}
	case roleCEO:
		if x < 85 || len(g.hubs) == 0 {
			g.pick(g.teams[0].members, k, from)
		} else {
			g.pick(g.hubs, k, from)
		}
	}
}

// broadcast makes one announcement from the CEO or a department head to 21 to 200 people
// drawn from the whole company.
func (g *orgRows) broadcast(b []byte) []byte {
	r := g.r
	g.cur++
	g.to = g.to[:0]
	from := g.ceo
	if len(g.depts) > 0 && r.IntN(2) == 0 {
		from = g.depts[r.IntN(len(g.depts))].head
		if g.skip != nil && g.skip[from] {
			from = g.ceo
		}
	}
	want := min(len(g.people)-1, broadcastBound+1+r.IntN(180))
	if g.skip != nil {
		free := 0
		for _, x := range g.skip {
			free += b2i(!x)
		}
		want = min(want, free-1)
	}
	for len(g.to) < want {
		g.add(g.all[r.IntN(len(g.all))], from)
	}
	g.nBcast++
	return g.row(b, from, "email", "announce-", g.nBcast, 0)
}

// row appends ",from,to,channel,conversation,duration_min" after the time: to joined by ";",
// a chat's conversation named by its two ids, no duration but a meeting's.
func (g *orgRows) row(b []byte, from int, channel, conv string, n int64, duration int) []byte {
	b = append(b, ',')
	b = append(b, g.people[from].id...)
	b = append(b, ',')
	for i, t := range g.to {
		if i > 0 {
			b = append(b, ';')
		}
		b = append(b, g.people[t].id...)
	}
	b = append(b, ',')
	if g.cc {
		b = append(b, ',')
	}
	b = append(b, channel...)
	b = append(b, ',')
	switch {
	case conv != "":
		b = append(b, conv...)
		b = strconv.AppendInt(b, n, 10)
	case channel == "chat":
		x, y := g.people[from].id, g.people[g.to[0]].id
		if y < x {
			x, y = y, x
		}
		b = append(b, "chat-"...)
		b = append(b, x...)
		b = append(b, '-')
		b = append(b, y...)
	}
	b = append(b, ',')
	if duration > 0 {
		b = strconv.AppendInt(b, int64(duration), 10)
	}
	return b
}
