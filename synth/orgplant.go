package synth

import (
	"cmp"
	"fmt"
	"math/rand/v2"
	"slices"
	"sort"
	"strconv"
	"time"
)

// Planting status behaviour in an organisation (OrgOptions.PlantStatus).
//
// The ego is an ordinary member of a working team of at least six. Five groups of the same
// size — max(3, min(25, People/75)) each: 20 in an organisation of 1 500 — are drawn outside
// the ego's team (the team is level 1 and not ranked): supporters, detractors, cooling ties
// and ordinary colleagues among the members of other teams, busy seniors among the department
// heads and team managers (a manager is retitled Director or Head of the team). The planted
// people take no part in the background traffic: every row that names them is planted, so
// that their evidence is exactly what TRUTH.json counts. Their rows (all dated; the end day
// is the as-of day; "recent" is under 180 days old):
//
//   - everyone receives 8 to 12 recent 1:1 e-mail threads from people of their own team (a
//     head's from the department's managers), answered within 0–3 days at their habit's rate:
//     65–85 %, a busy senior's 0 or 1 of them;
//   - the ego writes each of them 6 to 9 recent 1:1 threads or more (e-mail, some chat for
//     supporters), spread over the 180 days (a detractor's and a busy senior's 15 to 170
//     days old, so that every answer window is over), and 1 to 3 older ones;
//   - supporters answer every message of the ego's, the same or the next day; open more
//     conversations with the ego than the ego opens with them (the ego's replies, a day or two
//     later, answered too); organise 3 to 5 recent meetings with the ego among 2 to 4
//     attendees; copy the ego on 3 to 5 recent e-mails to their team-mates;
//   - detractors answer none of the ego's messages (one in four with seven or more answers
//     one: under 15 %), never write to the ego first, never invite or copy the ego, and
//     organise 3 to 5 recent meetings with two or three of the ego's team-mates (and maybe
//     one of their own), never the ego;
//   - busy seniors answer the ego as they answer everyone: none, or one of seven or more;
//     never write to the ego first; organise 2 to 4 meetings with their own people;
//   - cooling ties talk with the ego as usual until 95 days before the end (6 to 7 recent
//     threads 95 to 170 days old, the ego opening most, answered at their habit's rate,
//     plus 2 to 4 older), then at most one same-day exchange in the last 90 days: at least 6
//     units 90–179 days old, at most 1 under 90;
//   - ordinary colleagues answer the ego at their habit's rate (60–80 %, the same as with
//     others, as exactly as the counts allow), open half of the 12 to 16 recent threads with
//     the ego (the ego replying in each), the same kinds of thread in the last 85 days as 95
//     to 170 days before, and may share a meeting with the ego.
//
// Conversations of the planted rows are named mail-p…, meet-p… and chat-… (as the background's
// chats, one per pair). The rows are merged into the background in time order; the file then
// has a cc column (empty on background rows). The planting draws from a PCG stream of its own.

const orgPlantMinPeople = 150

// orgPlant is one organisation's planted status rows.
type orgPlant struct {
	o        *org
	r        *rand.Rand
	days     int // days from Start to End, both included
	ego      int
	team     []int // the ego's team-mates, the ego excluded
	teamSet  map[int]bool
	reserved []bool
	rows     []plantedRow
	srows    []statusRow
	nMail    int
	nMeet    int
	truth    *StatusPlant
}

// plantedRow is one row of interactions.csv written by the planting.
type plantedRow struct {
	at       int64 // seconds from the first midnight
	seq      int   // creation order, for a stable sort
	from     int
	to, cc   []int
	channel  string
	conv     string
	duration int
}

// plantStatus chooses the ego and the groups, marks the planted people as reserved (the
// background leaves them alone) and makes the planted rows, sorted by time.
func (o *org) plantStatus() (*orgPlant, error) {
	opt := o.opt
	if opt.People < orgPlantMinPeople {
		return nil, fmt.Errorf("plant-status needs at least %d people, got %d", orgPlantMinPeople, opt.People)
	}
	p := &orgPlant{o: o, r: rand.New(rand.NewPCG(opt.Seed, 0x5747_a5_91a7)),
		days: int(opt.End.Sub(opt.Start).Hours()/24) + 1, reserved: make([]bool, len(o.people))}
	if p.days < 365 {
		return nil, fmt.Errorf("plant-status needs a year of interactions, got %d days", p.days)
	}

	if err := p.pickEgo(); err != nil {
		return nil, err
	}
	egoTeam := o.people[p.ego].team
	groups, err := p.pickGroups(egoTeam)
	if err != nil {
		return nil, err
	}

	order := []string{GroupSupporters, GroupDetractors, GroupBusySeniors, GroupCooling, GroupOrdinary}
	for _, name := range order {
		for _, v := range groups[name] {
			p.person(name, v)
		}
	}
	sort.SliceStable(p.rows, func(a, b int) bool { return p.rows[a].at < p.rows[b].at })

	p.truth = p.statusTruth(egoTeam, order, groups)
	return p, nil
}

// pickEgo chooses the ego, a member of a working team of six or more, and notes the ego's
// team-mates.
func (p *orgPlant) pickEgo() error {
	o, r := p.o, p.r
	var egos []int
	for i := range o.people {
		q := &o.people[i]
		if q.role == roleMember && q.team > 0 && len(o.teams[q.team].members) >= 6 {
			egos = append(egos, i)
		}
	}
	if len(egos) == 0 {
		return fmt.Errorf("plant-status: no team of six or more")
	}
	p.ego = egos[r.IntN(len(egos))]
	egoTeam := o.people[p.ego].team
	p.teamSet = map[int]bool{}
	for _, m := range o.teams[egoTeam].members {
		if m != p.ego {
			p.team = append(p.team, m)
			p.teamSet[m] = true
		}
	}
	return nil
}

// pickGroups draws the five groups from outside the ego's team, marks their people as
// reserved and retitles the managers among the busy seniors.
func (p *orgPlant) pickGroups(egoTeam int) (map[string][]int, error) {
	o, r := p.o, p.r
	n := max(3, min(25, o.opt.People/75))
	var members, seniors []int
	for i := range o.people {
		q := &o.people[i]
		if q.team == egoTeam || i == p.ego {
			continue
		}
		switch q.role {
		case roleMember:
			members = append(members, i)
		case roleHead, roleManager:
			seniors = append(seniors, i)
		}
	}
	members = shuffled(r, members)
	seniors = shuffled(r, seniors)
	if len(members) < 4*n || len(seniors) < n {
		return nil, fmt.Errorf("plant-status: too few people outside the ego's team for %d a group", n)
	}
	groups := map[string][]int{
		GroupSupporters: members[:n], GroupDetractors: members[n : 2*n],
		GroupCooling: members[2*n : 3*n], GroupOrdinary: members[3*n : 4*n], GroupBusySeniors: seniors[:n],
	}
	for _, g := range groups {
		for _, v := range g {
			p.reserved[v] = true
		}
	}
	for k, v := range groups[GroupBusySeniors] {
		q := &o.people[v]
		if q.role == roleManager {
			if k%2 == 0 {
				q.title = "Director, " + o.teams[q.team].name
			} else {
				q.title = "Head of " + o.teams[q.team].name
			}
		}
	}
	return groups, nil
}

// statusTruth is the truth of the planting, with the evidence the rows carry.
func (p *orgPlant) statusTruth(egoTeam int, order []string, groups map[string][]int) *StatusPlant {
	o := p.o
	sort.SliceStable(p.srows, func(a, b int) bool { return p.srows[a].age > p.srows[b].age })
	ref := func(v int) StatusPerson {
		q := &o.people[v]
		return StatusPerson{ID: q.id, Name: q.name, Email: q.email, Title: q.title, Team: o.teams[q.team].name}
	}
	t := &StatusPlant{Ego: ref(p.ego), Team: o.teams[egoTeam].name, Groups: order, Rows: len(p.rows),
		Note: "organisation data: every planted person's habit with others is in the data"}
	for _, m := range p.team {
		t.TeamMembers = append(t.TeamMembers, ref(m))
	}
	byID := func(xs []StatusPerson) {
		slices.SortFunc(xs, func(a, b StatusPerson) int { return cmp.Compare(a.ID, b.ID) })
	}
	byID(t.TeamMembers)
	for _, name := range order {
		var xs []StatusPerson
		for _, v := range groups[name] {
			sp := ref(v)
			sp.StatusEvidence = countEvidence(p.rowsOf(v), p.ego, v, p.teamSet)
			xs = append(xs, sp)
		}
		byID(xs)
		t.setGroup(name, xs)
	}
	return t
}

// rowsOf is the planted rows that name v, in time order.
func (p *orgPlant) rowsOf(v int) []statusRow {
	var out []statusRow
	for _, r := range p.srows {
		if r.from == v || slices.Contains(r.to, v) {
			out = append(out, r)
		}
	}
	return out
}

// when is a time on the day age days before the end day, between hour lo and hour hi.
func (p *orgPlant) when(age int, lo, hi int) int64 {
	d := int64(p.days - 1 - age)
	return d*86400 + int64(lo)*3600 + p.r.Int64N(int64(hi-lo)*3600)
}

// weekday moves an age back (older) past a weekend.
func (p *orgPlant) weekday(age int) int {
	for range 2 {
		wd := p.o.opt.End.AddDate(0, 0, -age).Weekday()
		if wd != time.Saturday && wd != time.Sunday {
			break
		}
		age++
	}
	return age
}

// emit adds a planted row.
func (p *orgPlant) emit(at int64, from int, to, cc []int, channel, conv string, duration int) {
	p.rows = append(p.rows, plantedRow{at: at, seq: len(p.rows), from: from, to: to, cc: cc, channel: channel, conv: conv, duration: duration})
	age := p.days - 1 - int(at/86400)
	p.srows = append(p.srows, statusRow{age: age, from: from, to: append(slices.Clone(to), cc...), meeting: channel == "meeting", conv: conv})
}

func (p *orgPlant) mailID() string {
	p.nMail++
	return "mail-p" + strconv.Itoa(p.nMail)
}

func (p *orgPlant) chatID(a, b int) string {
	x, y := p.o.people[a].id, p.o.people[b].id
	if y < x {
		x, y = y, x
	}
	return "chat-" + x + "-" + y
}

// Answer delays.
const (
	delayFast   = iota // the same day (two in five) or the next
	delayNormal        // the same day to three days later
)

// answerAt is the time of an answer to a message sent at t on the day of the given age, and
// that answer's age.
func (p *orgPlant) answerAt(t int64, age, delay int) int64 {
	var later int
	switch delay {
	case delayFast:
		later = 1
		if p.r.IntN(5) < 2 {
			later = 0
		}
	default:
		later = p.r.IntN(4)
	}
	later = min(later, age)
	if later == 0 {
		end := (t/86400 + 1) * 86400
		return min(t+1200+p.r.Int64N(4*3600), end-1)
	}
	return p.when(age-later, 8, 18)
}

// thread writes a 1:1 thread: a opens it to b on the day of the given age; when answered, b
// answers. It returns the time of the last message and its age.
func (p *orgPlant) thread(a, b, age int, answered bool, delay int, channel string) (int64, int) {
	conv := p.mailID()
	if channel == "chat" {
		conv = p.chatID(a, b)
	}
	t := p.when(age, 9, 14)
	p.emit(t, a, []int{b}, nil, channel, conv, 0)
	if !answered {
		return t, age
	}
	t2 := p.answerAt(t, age, delay)
	p.emit(t2, b, []int{a}, nil, channel, conv, 0)
	return t2, p.days - 1 - int(t2/86400)
}

// openedBy writes a thread v opens with the ego: the ego replies a day or two later when
// egoReplies, and v answers that reply when vAnswers. It returns whether the ego wrote.
func (p *orgPlant) openedBy(v, age int, egoReplies, vAnswers bool, delay int, channel string) {
	conv := p.mailID()
	if channel == "chat" {
		conv = p.chatID(v, p.ego)
	}
	t := p.when(age, 9, 15)
	p.emit(t, v, []int{p.ego}, nil, channel, conv, 0)
	if !egoReplies {
		return
	}
	ra := age - 1 - p.r.IntN(2)
	t2 := p.when(ra, 9, 14)
	p.emit(t2, p.ego, []int{v}, nil, channel, conv, 0)
	if vAnswers {
		p.emit(p.answerAt(t2, ra, delay), v, []int{p.ego}, nil, channel, conv, 0)
	}
}

// meeting writes a meeting v organises on the day of the given age.
func (p *orgPlant) meeting(v, age int, attendees []int) {
	p.nMeet++
	durations := [...]int{30, 30, 45, 60, 60}
	p.emit(p.when(age, 9, 17), v, attendees, nil, "meeting", "meet-p"+strconv.Itoa(p.nMeet), durations[p.r.IntN(len(durations))])
}

// circle is the people v works with: their team (a head: the department's managers), never
// a planted person, the ego or the ego's team.
func (p *orgPlant) circle(v int) []int {
	o := p.o
	q := &o.people[v]
	var pool []int
	if q.role == roleHead {
		pool = o.depts[q.dept].leads
	} else {
		pool = o.teams[q.team].members
	}
	var out []int
	for _, x := range pool {
		if x != v && !p.reserved[x] && x != p.ego && !p.teamSet[x] {
			out = append(out, x)
		}
	}
	if len(out) < 3 { // a small circle: anyone else will do
		for _, x := range p.r.Perm(len(o.people)) {
			if len(out) >= 6 {
				break
			}
			if x != v && !p.reserved[x] && x != p.ego && !p.teamSet[x] && !slices.Contains(out, x) {
				out = append(out, x)
			}
		}
	}
	return out
}

// some draws k distinct people from pool (fewer if it is smaller).
func (p *orgPlant) some(pool []int, k int) []int {
	idx := p.r.Perm(len(pool))
	out := make([]int, 0, k)
	for _, i := range idx[:min(k, len(pool))] {
		out = append(out, pool[i])
	}
	return out
}

// person writes the rows of one planted person of the named group.
func (p *orgPlant) person(group string, v int) {
	r := p.r
	circle := p.circle(v)

	// Others' messages to v: 8 to 12 recent threads (a busy senior 10 to 14), answered at v's
	// habit's rate.
	habit := 65 + r.IntN(21) // percent
	if group == GroupOrdinary {
		habit = 60 + r.IntN(21)
	}
	m := 8 + r.IntN(5)
	answeredOthers := (m*habit + 50) / 100
	if group == GroupBusySeniors {
		m = 10 + r.IntN(5)
		answeredOthers = r.IntN(2)
	}
	flags := exactFlags(r.Shuffle, m, answeredOthers)
	for k, age := range stratified(r.IntN, m, 6, 175) {
		x := circle[r.IntN(len(circle))]
		p.thread(x, v, p.weekday(age), flags[k], delayNormal, "email")
	}

	nAsk := 6 + r.IntN(4)
	switch group {
	case GroupSupporters:
		p.supporter(v, circle, nAsk)
	case GroupDetractors, GroupBusySeniors:
		p.detractor(group, v, circle)
	case GroupCooling:
		p.cooling(v, habit)
	case GroupOrdinary:
		p.ordinary(v, habit, circle)
	}
}

// supporter: v answers the ego's asks fast, opens threads with the ego, meets with the ego and
// copies the ego in.
func (p *orgPlant) supporter(v int, circle []int, nAsk int) {
	r := p.r
	for _, age := range stratified(r.IntN, nAsk, 6, 170) {
		ch := "email"
		if r.IntN(4) == 0 {
			ch = "chat"
		}
		p.thread(p.ego, v, p.weekday(age), true, delayFast, ch)
	}
	for range 1 + r.IntN(3) {
		p.thread(p.ego, v, 185+r.IntN(170), true, delayFast, "email")
	}
	nOpen := nAsk + 2 + r.IntN(3)
	for _, age := range stratified(r.IntN, nOpen, 8, 175) {
		ch := "email"
		if r.IntN(4) == 0 {
			ch = "chat"
		}
		p.openedBy(v, p.weekday(age), r.IntN(10) < 7, true, delayFast, ch)
	}
	for range 2 + r.IntN(3) {
		p.openedBy(v, 185+r.IntN(170), r.IntN(2) == 0, true, delayFast, "email")
	}
	for _, age := range stratified(r.IntN, 3+r.IntN(3), 3, 175) {
		pool := circle
		if r.IntN(3) == 0 {
			pool = p.team
		}
		p.meeting(v, p.weekday(age), append([]int{p.ego}, p.some(pool, 1+r.IntN(3))...))
	}
	for _, age := range stratified(r.IntN, 3+r.IntN(3), 3, 175) {
		age = p.weekday(age)
		p.emit(p.when(age, 9, 17), v, p.some(circle, 1+r.IntN(2)), []int{p.ego}, "email", p.mailID(), 0)
	}
}

// detractor: v leaves the ego's asks unanswered (a busy senior too, who answers no one); a
// detractor meets the ego's team without the ego.
func (p *orgPlant) detractor(group string, v int, circle []int) {
	r := p.r
	nAsk := 7 + r.IntN(3)
	one := -1
	if r.IntN(4) == 0 {
		one = r.IntN(nAsk)
	}
	for k, age := range stratified(r.IntN, nAsk, 15, 170) { // every answer window over
		p.thread(p.ego, v, p.weekday(age), k == one, delayNormal, "email")
	}
	for range 1 + r.IntN(2) {
		p.thread(p.ego, v, 185+r.IntN(170), false, delayNormal, "email")
	}
	if group == GroupDetractors {
		for _, age := range stratified(r.IntN, 3+r.IntN(3), 3, 175) {
			att := p.some(p.team, 2+r.IntN(2))
			if r.IntN(2) == 0 {
				att = append(att, p.some(circle, 1)...)
			}
			p.meeting(v, p.weekday(age), att)
		}
	} else {
		for _, age := range stratified(r.IntN, 2+r.IntN(3), 3, 175) {
			p.meeting(v, p.weekday(age), p.some(circle, 2+r.IntN(3)))
		}
	}
}

// cooling: v was in touch 95 to 170 days ago, and is barely since.
func (p *orgPlant) cooling(v, habit int) {
	r := p.r
	// 95 to 170 days old: the ego opens 5 or 6 threads, v 1 or 2; the ego's messages
	// (its replies in v's threads included) answered at v's habit's rate.
	egoOpen, vOpen := 5+r.IntN(2), 1+r.IntN(2)
	ages := stratified(r.IntN, egoOpen+vOpen, 95, 168)
	replies := make([]bool, vOpen)
	nEgo := egoOpen
	for k := range replies {
		replies[k] = r.IntN(2) == 0
		nEgo += b2i(replies[k])
	}
	ans := exactFlags(r.Shuffle, nEgo, (nEgo*habit+50)/100)
	kinds := exactFlags(r.Shuffle, egoOpen+vOpen, vOpen) // true: v opens
	a, vo := 0, 0
	for k, age := range ages {
		age = min(p.weekday(age), 172)
		if kinds[k] {
			yes := replies[vo]
			vo++
			answered := false
			if yes {
				answered = ans[a]
				a++
			}
			p.openedBy(v, age, yes, answered, delayNormal, "email")
		} else {
			p.thread(p.ego, v, age, ans[a], delayNormal, "email")
			a++
		}
	}
	for range 2 + r.IntN(3) {
		age := 185 + r.IntN(170)
		if r.IntN(2) == 0 {
			p.thread(p.ego, v, age, r.IntN(100) < habit, delayNormal, "email")
		} else {
			p.openedBy(v, age, true, r.IntN(100) < habit, delayNormal, "email")
		}
	}
	if r.IntN(2) == 0 { // at most one unit in the last 90 days: an exchange on one day
		age := p.weekday(10 + r.IntN(70))
		t := p.when(age, 9, 12)
		conv := p.mailID()
		p.emit(t, p.ego, []int{v}, nil, "email", conv, 0)
		p.emit(t+1800+r.Int64N(3*3600), v, []int{p.ego}, nil, "email", conv, 0)
	}
}

// ordinary: v is in touch in both windows alike, answered at v's habit's rate.
func (p *orgPlant) ordinary(v, habit int, circle []int) {
	r := p.r
	// w threads 95 to 172 days old and w in the last 85 days (ages 8 to 85), of the same
	// kinds in both windows — half opened by v, the ego replying in each — so that the
	// two windows' units stay close and cooling cannot fire by chance; every message of
	// the ego's is answered at v's habit's rate.
	w := 6 + r.IntN(3)
	vOpen := exactFlags(r.Shuffle, w, w/2)
	ans := exactFlags(r.Shuffle, 2*w, (2*w*habit+50)/100)
	ages := append(stratified(r.IntN, w, 95, 170), stratified(r.IntN, w, 10, 85)...)
	for k, age := range ages {
		age = p.weekday(age)
		if vOpen[k%w] {
			p.openedBy(v, age, true, ans[k], delayNormal, "email")
		} else {
			p.thread(p.ego, v, age, ans[k], delayNormal, "email")
		}
	}
	for range 2 + r.IntN(3) {
		age := 185 + r.IntN(170)
		if r.IntN(2) == 0 {
			p.thread(p.ego, v, age, r.IntN(100) < habit, delayNormal, "email")
		} else {
			p.openedBy(v, age, true, r.IntN(100) < habit, delayNormal, "email")
		}
	}
	if r.IntN(2) == 0 {
		p.meeting(v, p.weekday(10+r.IntN(160)), append([]int{p.ego}, p.some(circle, 1+r.IntN(3))...))
	}
	if r.IntN(2) == 0 {
		p.meeting(p.ego, p.weekday(10+r.IntN(160)), append([]int{v}, p.some(p.team, 1+r.IntN(2))...))
	}
}
