// Package reports writes an analysis.Result for people and for other tools: the ranked table
// as CSV and JSON, and the stakeholder map as SVG and PNG. Writers take an io.Writer and never
// open files themselves.
package reports

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/relmap/relmap/analysis"
)

// SchemaVersion is the version of ranked.json's layout; it changes only when a field changes
// meaning or disappears, never when one is added.
const SchemaVersion = 1

// ExcelBOM is written before ranked.csv with --excel so that Excel reads it as UTF-8.
const ExcelBOM = "\uFEFF"

// Columns are the ranked table's columns, in order: a stable interface (SPEC §4).
var Columns = []string{
	"rank", "id", "name", "company", "title", "category", "hops", "tie",
	"influence", "reach", "importance", "status", "status_label", "status_basis", "zone", "tier",
	"pagerank", "betweenness", "harmonic", "reach2", "constraint", "effective_size", "community",
	"degree", "strength", "seniority", "last_contact", "dormant", "intro_path", "why",
}

// Number formats a number in its shortest form with at most 6 decimals; NaN and infinities are
// unknown and give "".
func Number(x float64) string {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return ""
	}
	x = math.Round(x*1e6) / 1e6
	if x == 0 {
		x = 0 // no "-0"
	}
	return strconv.FormatFloat(x, 'f', -1, 64)
}

// Text neutralises a text cell against formula injection (OWASP): a cell starting with
// = + - @ TAB or CR gets a leading apostrophe.
func Text(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// Basis is a person's status basis as written: the signals joined by ", ", or "none".
func Basis(p *analysis.Person) string {
	if len(p.StatusBasis) == 0 {
		return "none"
	}
	return strings.Join(p.StatusBasis, ", ")
}

// PathText writes an intro path as "via Ana Ruiz (0.62)" or "via Ana Ruiz → Bo Chan (0.41)".
func PathText(p analysis.IntroPath) string {
	names := make([]string, len(p.Via))
	for i, h := range p.Via {
		names[i] = h.Name
	}
	return fmt.Sprintf("via %s (%s)", strings.Join(names, " → "), strconv.FormatFloat(p.Strength, 'f', 2, 64))
}

func date(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format("2006-01-02")
}

func hops(h int) string {
	if h <= 0 {
		return ""
	}
	return strconv.Itoa(h)
}

// row is one person's cells in Columns order, text cells neutralised.
func row(p *analysis.Person) []string {
	intro := ""
	if len(p.IntroPaths) > 0 {
		intro = PathText(p.IntroPaths[0])
	}
	return []string{
		strconv.Itoa(p.Rank), Text(p.ID), Text(p.Name), Text(p.Company), Text(p.Title), Text(p.Category),
		hops(p.Hops), Number(p.Tie), Number(p.Influence), Number(p.Reach), Number(p.Importance),
		Number(p.Status), Text(p.StatusLabel), Text(Basis(p)), Text(p.Zone), Text(p.Tier),
		Number(p.PageRank), Number(p.Betweenness), Number(p.Harmonic), Number(p.Reach2),
		Number(p.Constraint), Number(p.EffectiveSize), Text(p.Community), strconv.Itoa(p.Degree),
		Number(p.Strength), Number(p.Seniority), date(p.LastContact), strconv.FormatBool(p.Dormant),
		Text(intro), Text(p.Why),
	}
}

// WriteCSV writes ranked.csv: a header of Columns and one row per ranked person.
func WriteCSV(w io.Writer, r *analysis.Result) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(Columns); err != nil {
		return err
	}
	for i := range r.People {
		if err := cw.Write(row(&r.People[i])); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// WriteJSON writes ranked.json: the same rows as the CSV under "people", next to the schema
// version, the ego, the as-of date and the coverage. Text is not neutralised here: JSON is read
// by programs, not spreadsheets.
func WriteJSON(w io.Writer, r *analysis.Result) error {
	doc := jsonDoc{
		SchemaVersion: SchemaVersion,
		Ego:           jsonEgo{ID: r.Ego.ID, Name: r.Ego.Name, Company: r.Ego.Company},
		AsOf:          date(r.AsOf),
		HighInfluence: num(r.HighInfluence),
		Coverage:      coverageDoc(&r.Coverage),
		MinGroup:      r.MinGroup,
		Communities:   groupDocs(r.Communities),
		Organisations: groupDocs(r.Organisations),
		People:        make([]jsonPerson, len(r.People)),
	}
	for i := range r.People {
		doc.People[i] = personDoc(&r.People[i])
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(doc)
}

// num is a float written like Number, and as null when unknown.
type num float64

func (n num) MarshalJSON() ([]byte, error) {
	s := Number(float64(n))
	if s == "" {
		return []byte("null"), nil
	}
	return []byte(s), nil
}

type jsonDoc struct {
	SchemaVersion int          `json:"schema_version"`
	Ego           jsonEgo      `json:"ego"`
	AsOf          string       `json:"as_of"`
	HighInfluence num          `json:"high_influence"`
	Coverage      jsonCoverage `json:"coverage"`
	MinGroup      int          `json:"min_group"`
	Communities   []jsonGroup  `json:"communities"`
	Organisations []jsonGroup  `json:"organisations"`
	People        []jsonPerson `json:"people"`
}

// jsonGroup is a row of the communities or organisations table.
type jsonGroup struct {
	Name      string         `json:"name"`
	People    int            `json:"people"`
	Influence num            `json:"mean_influence"`
	Zones     map[string]int `json:"zones"`
	Statuses  map[string]int `json:"statuses"`
}

func groupDocs(gs []analysis.Group) []jsonGroup {
	out := make([]jsonGroup, len(gs))
	for i, g := range gs {
		out[i] = jsonGroup{Name: g.Name, People: g.People, Influence: num(g.Influence), Zones: g.Zones, Statuses: g.Statuses}
	}
	return out
}

type jsonEgo struct {
	ID      string `json:"id"`
	Name    string `json:"name"`
	Company string `json:"company"`
}

type jsonPerson struct {
	Rank          int         `json:"rank"`
	ID            string      `json:"id"`
	Name          string      `json:"name"`
	Company       string      `json:"company"`
	Title         string      `json:"title"`
	Category      string      `json:"category"`
	Hops          *int        `json:"hops"`
	Tie           num         `json:"tie"`
	Influence     num         `json:"influence"`
	Reach         num         `json:"reach"`
	Importance    num         `json:"importance"`
	Status        num         `json:"status"`
	StatusLabel   string      `json:"status_label"`
	StatusBasis   string      `json:"status_basis"`
	Zone          string      `json:"zone"`
	Tier          *string     `json:"tier"`
	PageRank      num         `json:"pagerank"`
	Betweenness   num         `json:"betweenness"`
	Harmonic      num         `json:"harmonic"`
	Reach2        num         `json:"reach2"`
	Constraint    num         `json:"constraint"`
	EffectiveSize num         `json:"effective_size"`
	Community     *string     `json:"community"`
	Degree        int         `json:"degree"`
	Strength      num         `json:"strength"`
	Seniority     num         `json:"seniority"`
	LastContact   *string     `json:"last_contact"`
	Dormant       bool        `json:"dormant"`
	IntroPath     *string     `json:"intro_path"`
	Why           *string     `json:"why"`
	IntroPaths    []jsonIntro `json:"intro_paths"`
}

type jsonIntro struct {
	Text     string    `json:"text"`
	Strength num       `json:"strength"`
	Via      []jsonHop `json:"via"`
}

type jsonHop struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

// orNull is nil for an empty string, so unknown text is JSON null like unknown numbers.
func orNull(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func personDoc(p *analysis.Person) jsonPerson {
	j := jsonPerson{
		Rank: p.Rank, ID: p.ID, Name: p.Name, Company: p.Company, Title: p.Title, Category: p.Category,
		Tie: num(p.Tie), Influence: num(p.Influence), Reach: num(p.Reach), Importance: num(p.Importance),
		Status: num(p.Status), StatusLabel: p.StatusLabel, StatusBasis: Basis(p), Zone: p.Zone, Tier: orNull(p.Tier),
		PageRank: num(p.PageRank), Betweenness: num(p.Betweenness), Harmonic: num(p.Harmonic), Reach2: num(p.Reach2),
		Constraint: num(p.Constraint), EffectiveSize: num(p.EffectiveSize), Community: orNull(p.Community),
		Degree: p.Degree, Strength: num(p.Strength), Seniority: num(p.Seniority),
		LastContact: orNull(date(p.LastContact)), Dormant: p.Dormant, Why: orNull(p.Why),
		IntroPaths: []jsonIntro{},
	}
	if p.Hops > 0 {
		h := p.Hops
		j.Hops = &h
	}
	for _, ip := range p.IntroPaths {
		ji := jsonIntro{Text: PathText(ip), Strength: num(ip.Strength), Via: []jsonHop{}}
		for _, h := range ip.Via {
			ji.Via = append(ji.Via, jsonHop{ID: h.ID, Name: h.Name})
		}
		j.IntroPaths = append(j.IntroPaths, ji)
	}
	if len(j.IntroPaths) > 0 {
		j.IntroPath = &j.IntroPaths[0].Text
	}
	return j
}

type jsonCoverage struct {
	AsOfFrom            string     `json:"as_of_from"`
	Files               []jsonFile `json:"files"`
	PeopleMerged        int        `json:"people_merged"`
	NamesAmbiguous      []string   `json:"names_ambiguous"`
	AfterAsOf           int        `json:"evidence_after_as_of"`
	Broadcasts          int        `json:"broadcasts_ignored"`
	Duplicates          int        `json:"duplicate_events"`
	EmailsAdded         int        `json:"emails_added_from_contacts"`
	FilesIgnored        int        `json:"export_files_not_used"`
	Nodes               int        `json:"nodes"`
	Edges               int        `json:"edges"`
	Ranked              int        `json:"ranked"`
	Team                int        `json:"team_not_ranked"`
	Ignored             int        `json:"ignored_not_ranked"`
	WithEmail           num        `json:"connections_with_email"`
	WithInteraction     num        `json:"people_with_interaction"`
	NoIntroPath         int        `json:"ranked_without_intro_path"`
	OnlyCoParticipation int        `json:"ranked_only_through_co_participation"`
	PathMetrics         string     `json:"betweenness_harmonic"`
	Communities         int        `json:"communities"`
	Modularity          num        `json:"modularity"`
	Limits              []string   `json:"limits"`
}

type jsonFile struct {
	Name     string         `json:"name"`
	Kind     string         `json:"kind"`
	Encoding string         `json:"encoding"`
	Rows     int            `json:"rows"`
	Used     int            `json:"used"`
	Skipped  map[string]int `json:"skipped"`
}

func coverageDoc(c *analysis.Coverage) jsonCoverage {
	j := jsonCoverage{
		AsOfFrom: c.AsOfFrom, PeopleMerged: c.PeopleMerged, NamesAmbiguous: append([]string{}, c.NamesAmbiguous...),
		AfterAsOf: c.AfterAsOf, Broadcasts: c.Broadcasts, Duplicates: c.Duplicates, EmailsAdded: c.EmailsAdded, FilesIgnored: c.FilesIgnored, Nodes: c.Nodes, Edges: c.Edges,
		Ranked: c.Ranked, Team: c.Team, Ignored: c.Ignored, WithEmail: num(c.WithEmail), WithInteraction: num(c.WithInteraction),
		NoIntroPath: c.NoIntroPath, OnlyCoParticipation: c.OnlyCoParticipation, PathMetrics: c.PathMetrics, Communities: c.Communities, Modularity: num(c.Modularity),
		Limits: append([]string{}, c.Limits...), Files: []jsonFile{},
	}
	for _, f := range c.Files {
		sk := map[string]int{}
		for k, v := range f.Skipped {
			sk[k] = v
		}
		j.Files = append(j.Files, jsonFile{Name: f.Name, Kind: f.Kind, Encoding: f.Encoding, Rows: f.Rows, Used: f.Used, Skipped: sk})
	}
	return j
}

// SkipReasons lists a file's skip reasons in a fixed order with their counts, for summaries.
func SkipReasons(f map[string]int) []string {
	keys := make([]string, 0, len(f))
	for k := range f {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	out := make([]string, len(keys))
	for i, k := range keys {
		out[i] = fmt.Sprintf("%d %s", f[k], k)
	}
	return out
}
