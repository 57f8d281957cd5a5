package reports

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/relmap/relmap/analysis"
	"github.com/relmap/relmap/analysis/history"
)

// Meta is what a report says about the run besides its result: its inputs and version. Not
// the run's id or time: the same inputs give the same report, byte for byte (SPEC §4).
type Meta struct {
	Inputs  []string // as the user named them
	Version string
	Top     int // rows a table shows at most; 0 means 25
}

// Report is the content of report.pdf and report.html (SPEC §4), laid out once so that both
// say the same: a summary, then the sections in order, each a table capped at the top N (the
// full lists are in ranked.csv), then data coverage and the method.
type Report struct {
	Title    string   // "Relationship map of Ana Ruiz"
	Subtitle string   // "as of 2026-03-14 (from the export name) · relmap dev"
	Inputs   []string // the run's inputs
	Summary  []string // short lines: who was ranked, the zones, the top people
	Zones    []Count  // people per zone, in SPEC order

	// Changes is "changes since the last run"; nil on a first run.
	Changes *ChangesSection

	Sections []Table // areas for improvement … organisations, in SPEC §4's order

	Coverage []string // data coverage, in plain lines
	Limits   []string // what the data cannot show
	Method   []string // the method in a few lines
}

// Count is a named number.
type Count struct {
	Name string
	N    int
}

// ChangesSection is the changes since the last run: counts and one table per kind of move.
type ChangesSection struct {
	Since  string // "since run 20260307T060000Z (as of 2026-03-07)"
	Counts []Count
	Tables []Table
}

// Table is one table of a report. Total is how many rows there were before the cap; Rows
// holds at most Meta.Top of them.
type Table struct {
	ID      string // a stable anchor, e.g. "areas-for-improvement"
	Title   string
	Note    string // what the table shows and how it is sorted
	Columns []Column
	Rows    [][]Cell
	Total   int
	FullIn  string // the file that holds the full list: ranked.csv, ranked.json or diff.json
}

// Column is a table's column; numeric columns sort by number and align right.
type Column struct {
	Name    string
	Numeric bool
}

// Cell is one value: Text as shown, and for numeric columns Value to sort by (NaN sorts
// lowest, shown as an empty cell).
type Cell struct {
	Text  string
	Value float64
}

// NewReport lays out the report of r, with the changes since the last run when c is not nil.
func NewReport(r *analysis.Result, c *history.Changes, meta Meta) *Report {
	top := meta.Top
	if top <= 0 {
		top = 25
	}
	dormantDays := r.DormantDays
	if dormantDays <= 0 {
		dormantDays = 90 // SPEC §3.4's, for a Result made by hand
	}
	rep := &Report{
		Title:  "Relationship map of " + Shown(r.Ego.Name),
		Inputs: meta.Inputs,
	}
	sub := []string{"as of " + date(r.AsOf)}
	switch {
	case r.Coverage.Undated:
		sub[0] = "undated (nothing in the inputs has a date)"
	case r.Coverage.AsOfFrom != "":
		sub[0] += " (from the " + r.Coverage.AsOfFrom + ")"
	}
	if meta.Version != "" {
		sub = append(sub, "relmap "+meta.Version)
	}
	rep.Subtitle = strings.Join(sub, " · ")
	rep.Zones, rep.Summary = summary(r, dormantDays)
	if c != nil {
		rep.Changes = changesSection(c, top)
	}
	rep.Sections = sections(r, top, dormantDays)
	rep.Coverage = coverageLines(&r.Coverage)
	rep.Limits = append(rep.Limits, Limits(&r.Coverage)...)
	rep.Method = method(r)
	return rep
}

// summary counts the people in each zone and says so, with the top three and the important
// ties gone quiet.
func summary(r *analysis.Result, dormantDays int) ([]Count, []string) {
	var counts []Count
	var lines []string
	zones := map[analysis.Zone]int{}
	for _, p := range r.People {
		zones[p.Zone]++
	}
	for _, z := range analysis.Zones {
		counts = append(counts, Count{string(z), zones[z]})
	}
	lines = append(lines, fmt.Sprintf("%s ranked around %s: %s, %s, %d key to engage, %s, %d to watch, %d in the background.",
		counted(len(r.People), "person", "people"), Shown(r.Ego.Name), counted(zones[analysis.Champion], "champion", "champions"),
		counted(zones[analysis.AreaForImprovement], "area for improvement", "areas for improvement"), zones[analysis.KeyToEngage],
		counted(zones[analysis.Ally], "ally", "allies"), zones[analysis.Watch], zones[analysis.Background]))
	for i := range r.People[:min(3, len(r.People))] {
		p := &r.People[i]
		line := fmt.Sprintf("%d. %s — %s", p.Rank, Shown(p.Name), p.Zone)
		if why := Why(p.Reasons); why != "" {
			line += ": " + why
		}
		lines = append(lines, line)
	}
	dormant := 0
	for _, p := range r.People {
		if p.Dormant {
			dormant++
		}
	}
	if dormant > 0 {
		lines = append(lines, fmt.Sprintf("%s gone quiet for over %d days.", counted(dormant, "important tie has", "important ties have"), dormantDays))
	}
	return counts, lines
}

// sections are the report's tables of people and groups, top rows each.
func sections(r *analysis.Result, top, dormantDays int) []Table {
	people := func(keep func(*analysis.Person) bool, less func(a, b *analysis.Person) int) []*analysis.Person {
		var out []*analysis.Person
		for i := range r.People {
			if keep(&r.People[i]) {
				out = append(out, &r.People[i])
			}
		}
		if less != nil {
			slices.SortStableFunc(out, less)
		}
		return out
	}
	byRank := func(a, b *analysis.Person) int { return a.Rank - b.Rank }
	desc := func(f func(*analysis.Person) float64) func(a, b *analysis.Person) int {
		return func(a, b *analysis.Person) int {
			x, y := f(a), f(b)
			switch {
			case x > y || (!math.IsNaN(x) && math.IsNaN(y)):
				return -1
			case x < y || (math.IsNaN(x) && !math.IsNaN(y)):
				return 1
			}
			return a.Rank - b.Rank
		}
	}
	// Trusted partners first, then friends, each by tie strength: a tier held for a run
	// (hysteresis) keeps its place in its tier.
	byTier := func(a, b *analysis.Person) int {
		if a.Tier != b.Tier {
			if a.Tier == analysis.TrustedPartner {
				return -1
			}
			return 1
		}
		return desc(func(p *analysis.Person) float64 { return p.Tie })(a, b)
	}
	all := func(*analysis.Person) bool { return true }
	zone := func(z analysis.Zone) func(*analysis.Person) bool {
		return func(p *analysis.Person) bool { return p.Zone == z }
	}

	return []Table{
		personTable("areas-for-improvement", "Areas for improvement",
			"High-influence detractors, by importance, with the best way in.",
			people(zone(analysis.AreaForImprovement), byRank), top, []string{"influence", "status", "intro", "why"}),
		personTable("champions", "Champions", "High-influence supporters, by importance.",
			people(zone(analysis.Champion), byRank), top, []string{"influence", "status", "why"}),
		personTable("at-risk", "At-risk ties", fmt.Sprintf("Important ties with no contact for over %d days, by importance.", dormantDays),
			people(func(p *analysis.Person) bool { return p.Dormant }, byRank), top, []string{"importance", "last contact", "zone", "intro"}),
		personTable("top-influence", "Top by influence", "Everyone ranked, by influence.",
			people(all, desc(func(p *analysis.Person) float64 { return p.Influence })), top, []string{"influence", "zone", "why"}),
		personTable("top-reach", "Top by reach", "Everyone ranked, by reach: who spans the most of your network.",
			people(all, desc(func(p *analysis.Person) float64 { return p.Reach })), top, []string{"reach", "influence", "zone"}),
		personTable("tiers", "Tiers", "Your closest ties, by tie strength: trusted partners, then friends.",
			people(func(p *analysis.Person) bool { return p.Tier == analysis.TrustedPartner || p.Tier == analysis.Friend }, byTier), top, []string{"tier", "tie", "zone"}),
		groupTable("communities", "Communities", r.Communities, r.MinGroup, top),
		groupTable("organisations", "Organisations", r.Organisations, r.MinGroup, top),
	}
}

// coverageLines say what was read and what the graph holds (SPEC §3.5).
func coverageLines(cov *analysis.Coverage) []string {
	rows, skipped := 0, 0
	for _, f := range cov.Files {
		rows += f.Rows
		for _, n := range f.Skipped {
			skipped += n
		}
	}
	lines := []string{
		fmt.Sprintf("Read %s, %d rows; %d skipped as export noise or unreadable.", counted(len(cov.Files), "file", "files"), rows, skipped),
		fmt.Sprintf("The graph has %d people and %d weighted ties; %d ranked, %d on your team, %d ignored by the config's rules.", cov.Nodes, cov.Edges, cov.Ranked, cov.Team, cov.Ignored),
		fmt.Sprintf("%s of connections have an e-mail address; %s of ranked people have any interaction in the data.", percent(cov.WithEmail), percent(cov.WithInteraction)),
		fmt.Sprintf("%d ranked people have no intro path; %d are known only from group conversations.", cov.NoIntroPath, cov.OnlyCoParticipation),
	}
	if rests := StatusRests(cov); rests != "" {
		lines = append(lines, strings.ToUpper(rests[:1])+rests[1:]+".")
	}
	if cov.LeftOut > 0 {
		lines = append(lines, fmt.Sprintf("A work list: the %d people of this team's map are those with a direct tie to the team, the strongest first, then the strongest two hops away; %d more within two hops are left out (team_top).", cov.Ranked, cov.LeftOut))
	}
	if pm := PathMetrics(cov.PathMetrics); pm != "" {
		lines = append(lines, "Betweenness and harmonic centrality: "+pm+".")
	}
	return lines
}

// method is the report's method in a few lines, with the weights and thresholds the map was
// drawn with (Result.Model; a Result without one is taken as drawn with the defaults). With
// the defaults it says so; with a config's own, it gives them.
func method(r *analysis.Result) []string {
	def := analysis.ModelOf(analysis.DefaultOptions())
	m := r.Model
	if m == (analysis.Model{}) {
		m = def
	}
	tie := "Tie strength sums every piece of evidence between two people — messages, meetings, endorsements, recommendations, connections — each decayed by its age (half-life 180 days by default)."
	if m.HalfLife != def.HalfLife {
		tie = fmt.Sprintf("Tie strength sums every piece of evidence between two people — messages, meetings, endorsements, recommendations, connections — each decayed by its age (half-life %s days, this run's config).", Number(m.HalfLife))
	}
	influence := "Influence = 35 % PageRank + 25 % betweenness + 25 % title seniority + 15 % degree, as percentiles among everyone but you; reach = half the share of people within two steps, a quarter each effective size and harmonic centrality."
	if m.Influence != def.Influence || m.Reach != def.Reach {
		influence = fmt.Sprintf("Influence = %s PageRank + %s betweenness + %s title seniority + %s degree, as percentiles among everyone but you; reach = %s the share of people within two steps + %s effective size + %s harmonic centrality (this run's config).",
			pct(m.Influence.PageRank), pct(m.Influence.Betweenness), pct(m.Influence.Seniority), pct(m.Influence.Degree),
			pct(m.Reach.Reach2), pct(m.Reach.EffectiveSize), pct(m.Reach.Harmonic))
	}
	last := "The weights and thresholds above are the defaults; the run's config may change them (docs/method.md, docs/config.md)."
	if m != def {
		last = "The weights and thresholds above are this run's; those its config does not set are the defaults (docs/method.md, docs/config.md)."
	}
	return []string{
		tie,
		influence,
		fmt.Sprintf("Status (−1 … +1) adds recommendations, endorsements, answered and unanswered messages, cooling contact and pending invitations; a declared status wins. Supporter at %s or more, detractor at %s or less.",
			signed(r.SupporterFrom).Text, Number(r.DetractorFrom)),
		highLine(r.HighInfluence, m.HighQuantile, m.HighQuantile == def.HighQuantile),
		last,
	}
}

// pct is a weight as a percentage: "35 %".
func pct(w float64) string { return Number(math.Round(w*1000)/10) + " %" }

func highLine(high, quantile float64, byDefault bool) string {
	const rest = " Importance is the mean of tie frequency, embeddedness and influence."
	if math.IsNaN(high) {
		return "No one was ranked, so no influence marks where \"high\" starts." + rest
	}
	top := "the top quarter of the people ranked by default"
	if !byDefault {
		top = fmt.Sprintf("the top %s of the people ranked (zone.high_quantile %s)", pct(1-quantile), Number(quantile))
	}
	return fmt.Sprintf("High influence starts at %s, %s.", Number(math.Round(high*100)/100), top) + rest
}

// personTable is a table of people: rank, name, company, title, then the extra columns.
func personTable(id, title, note string, ps []*analysis.Person, top int, extra []string) Table {
	t := Table{ID: id, Title: title, Note: note, Total: len(ps), FullIn: "ranked.csv",
		Columns: []Column{{"#", true}, {"name", false}, {"company", false}, {"title", false}}}
	for _, e := range extra {
		t.Columns = append(t.Columns, Column{Name: e, Numeric: e == "influence" || e == "status" || e == "importance" || e == "reach" || e == "tie"})
	}
	for _, p := range ps[:min(top, len(ps))] {
		row := []Cell{num2(float64(p.Rank)), {Text: Shown(p.Name)}, {Text: Shown(p.Company)}, {Text: Shown(p.Title)}}
		for _, e := range extra {
			switch e {
			case "influence":
				row = append(row, num2(p.Influence))
			case "status":
				row = append(row, signed(p.Status))
			case "importance":
				row = append(row, num2(p.Importance))
			case "reach":
				row = append(row, num2(p.Reach))
			case "tie":
				row = append(row, num2(p.Tie))
			case "zone":
				row = append(row, Cell{Text: string(p.Zone)})
			case "tier":
				row = append(row, Cell{Text: string(p.Tier)})
			case "last contact":
				row = append(row, Cell{Text: date(p.LastContact)})
			case "intro":
				row = append(row, Cell{Text: introText(p)})
			case "why":
				row = append(row, Cell{Text: Why(p.Reasons)})
			}
		}
		t.Rows = append(t.Rows, row)
	}
	return t
}

func introText(p *analysis.Person) string {
	if len(p.IntroPaths) == 0 {
		return ""
	}
	ip := p.IntroPaths[0]
	var names []string
	for _, h := range ip.Via {
		names = append(names, Shown(h.Name))
	}
	mark := ""
	if ip.Detractor { // the only way there is through a detractor of the ego (SPEC §3.4)
		mark = ", detractor"
	}
	return fmt.Sprintf("via %s (%s%s)", strings.Join(names, " → "), Number(math.Round(ip.Strength*100)/100), mark)
}

// groupTable is a table of communities or organisations (SPEC §4), groups under min_group
// already folded into "other" by analysis.
func groupTable(id, title string, gs []analysis.Group, minGroup, top int) Table {
	t := Table{ID: id, Title: title, Total: len(gs), FullIn: "ranked.json",
		Note: "People ranked, by group.",
		Columns: []Column{{"name", false}, {"people", true}, {"mean influence", true}, {"supporters", true},
			{"detractors", true}, {"champions", true}, {"areas for improvement", true}}}
	if minGroup > 1 {
		t.Note = fmt.Sprintf("People ranked, by group; groups of fewer than %d are folded into \"other\" (min_group).", minGroup)
	}
	for _, g := range gs[:min(top, len(gs))] {
		t.Rows = append(t.Rows, []Cell{{Text: Shown(g.Name)}, num2(float64(g.People)), num2(g.Influence),
			num2(float64(g.Statuses[analysis.Supporter])), num2(float64(g.Statuses[analysis.Detractor])),
			num2(float64(g.Zones[analysis.Champion])), num2(float64(g.Zones[analysis.AreaForImprovement]))})
	}
	return t
}

func changesSection(c *history.Changes, top int) *ChangesSection {
	cs := &ChangesSection{Since: fmt.Sprintf("since run %s (as of %s)", c.From.Run, c.From.AsOf)}
	for _, k := range []struct {
		name string
		n    int
	}{{"zone moves", len(c.ZoneMoves)}, {"new detractors", len(c.NewDetractors)}, {"influence risers", len(c.Risers)},
		{"influence fallers", len(c.Fallers)}, {"ties gone dormant", len(c.GoneDormant)}, {"tier moves", len(c.TierMoves)},
		{"people new", c.Entered}, {"people gone", c.Left}} {
		cs.Counts = append(cs.Counts, Count{k.name, k.n})
	}
	moves := func(id, title string, ms []history.Move, cols []string) Table {
		t := Table{ID: id, Title: title, Total: len(ms), FullIn: "diff.json", Columns: []Column{{"name", false}}}
		for _, c := range cols {
			t.Columns = append(t.Columns, Column{Name: c, Numeric: c == "influence" || c == "change"})
		}
		for _, m := range ms[:min(top, len(ms))] {
			row := []Cell{{Text: Shown(m.Name)}}
			for _, c := range cols {
				switch c {
				case "from":
					row = append(row, Cell{Text: m.From})
				case "to":
					row = append(row, Cell{Text: m.To})
				case "zone":
					row = append(row, Cell{Text: string(m.Zone)})
				case "influence":
					row = append(row, num2(deref(m.Influence)))
				case "change":
					row = append(row, signed(deref(m.Delta)))
				case "last contact":
					row = append(row, Cell{Text: m.LastContact})
				}
			}
			t.Rows = append(t.Rows, row)
		}
		return t
	}
	cs.Tables = []Table{
		moves("zone-moves", "Zone moves", c.ZoneMoves, []string{"from", "to"}),
		moves("new-detractors", "New detractors", c.NewDetractors, []string{"from", "zone"}),
		moves("risers", "Influence risers", c.Risers, []string{"influence", "change", "zone"}),
		moves("fallers", "Influence fallers", c.Fallers, []string{"influence", "change", "zone"}),
		moves("gone-dormant", "Ties gone dormant", c.GoneDormant, []string{"last contact", "zone"}),
	}
	return cs
}

func deref(p *float64) float64 {
	if p == nil {
		return math.NaN()
	}
	return *p
}

// num2 is a number shown with at most two decimals.
func num2(x float64) Cell {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return Cell{Value: math.NaN()}
	}
	return Cell{Text: Number(math.Round(x*100) / 100), Value: x}
}

// signed is a status or a change, with its sign.
func signed(x float64) Cell {
	c := num2(x)
	if c.Text != "" && x > 0 {
		c.Text = "+" + c.Text
	}
	return c
}

func percent(x float64) string {
	if math.IsNaN(x) {
		return "an unknown share"
	}
	return fmt.Sprintf("%.0f %%", x*100)
}

// counted is n with the noun in its number: "1 ally", "2 allies".
func counted(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}
