package reports

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/relmap/relmap/analysis"
)

// SchemaVersion is the version of ranked.json's layout; it changes only when a field changes
// meaning or disappears, never when one is added.
const SchemaVersion = 1

// ExcelBOM is written before ranked.csv with --excel so that Excel reads it as UTF-8.
const ExcelBOM = "\uFEFF"

// Columns are the ranked table's columns, in order: a stable interface (SPEC §4) through
// "why", then the join keys — the person's key in the inputs, team and department — that let a
// user join the list back to their own records.
var Columns = []string{
	"rank", "id", "name", "company", "title", "category", "hops", "tie",
	"influence", "reach", "importance", "status", "status_label", "status_basis", "zone", "tier",
	"pagerank", "betweenness", "harmonic", "reach2", "constraint", "effective_size", "community",
	"degree", "strength", "seniority", "last_contact", "dormant", "intro_path", "why",
	"key", "team", "department",
}

// Number formats a number in its shortest form with at most 6 decimals; NaN and infinities are
// unknown and give "".
func Number(x float64) string {
	var b [32]byte
	return string(appendNumber(b[:0], x))
}

// appendNumber appends Number(x) to dst.
func appendNumber(dst []byte, x float64) []byte {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return dst
	}
	x = math.Round(x*1e6) / 1e6
	if x == 0 {
		x = 0 // no "-0"
	}
	return strconv.AppendFloat(dst, x, 'f', -1, 64)
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

// appendBasis appends Basis(p) to dst.
func appendBasis(dst []byte, p *analysis.Person) []byte {
	if len(p.StatusBasis) == 0 {
		return append(dst, "none"...)
	}
	for i, s := range p.StatusBasis {
		if i > 0 {
			dst = append(dst, ", "...)
		}
		dst = append(dst, s...)
	}
	return dst
}

// PathText writes an intro path as "via Ana Ruiz (0.62)" or "via Ana Ruiz → Bo Chan (0.41)";
// a path through a detractor of the ego (used only when there is no other) as
// "via Ana Ruiz (0.41, detractor)".
func PathText(p analysis.IntroPath) string {
	return string(appendPathText(nil, p))
}

// appendPathText appends PathText(p) to dst.
func appendPathText(dst []byte, p analysis.IntroPath) []byte {
	dst = append(dst, "via "...)
	for i, h := range p.Via {
		if i > 0 {
			dst = append(dst, " → "...)
		}
		dst = append(dst, h.Name...)
	}
	dst = append(dst, " ("...)
	dst = strconv.AppendFloat(dst, p.Strength, 'f', 2, 64)
	if p.Detractor {
		dst = append(dst, ", detractor"...)
	}
	return append(dst, ')')
}

func date(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format("2006-01-02")
}

// appendDate appends date(t) to dst.
func appendDate(dst []byte, t time.Time) []byte {
	if t.IsZero() {
		return dst
	}
	return t.AppendFormat(dst, "2006-01-02")
}

// appendHops appends h to dst, nothing when it is unknown (0 or less).
func appendHops(dst []byte, h int) []byte {
	if h <= 0 {
		return dst
	}
	return strconv.AppendInt(dst, int64(h), 10)
}

// WriteCSV writes ranked.csv: a header of Columns and one row per ranked person, text cells
// neutralised (Text). The bytes are those encoding/csv's Writer writes (see appendCSVField),
// without a string made per cell.
func WriteCSV(w io.Writer, r *analysis.Result) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	var line []byte
	for i, c := range Columns {
		if i > 0 {
			line = append(line, ',')
		}
		line = appendCSVField(line, "", c)
	}
	line = append(line, '\n')
	for i := range r.People {
		line = appendCSVRow(line, &r.People[i])
		if len(line) >= 32<<10 {
			if _, err := bw.Write(line); err != nil {
				return err
			}
			line = line[:0]
		}
	}
	if _, err := bw.Write(line); err != nil {
		return err
	}
	return bw.Flush()
}

// appendCSVRow appends p's row of ranked.csv, in Columns order, and its line end.
func appendCSVRow(dst []byte, p *analysis.Person) []byte {
	text := func(s string) {
		prefix := ""
		if s != "" && strings.IndexByte("=+-@\t\r", s[0]) >= 0 {
			prefix = "'" // as Text
		}
		dst = appendCSVField(append(dst, ','), prefix, s)
	}
	number := func(x float64) { dst = appendNumber(append(dst, ','), x) }
	dst = strconv.AppendInt(dst, int64(p.Rank), 10)
	text(p.ID)
	text(p.Name)
	text(p.Company)
	text(p.Title)
	text(p.Category)
	dst = appendHops(append(dst, ','), p.Hops)
	number(p.Tie)
	number(p.Influence)
	number(p.Reach)
	number(p.Importance)
	number(p.Status)
	text(string(p.StatusLabel))
	text(Basis(p))
	text(string(p.Zone))
	text(string(p.Tier))
	number(p.PageRank)
	number(p.Betweenness)
	number(p.Harmonic)
	number(p.Reach2)
	number(p.Constraint)
	number(p.EffectiveSize)
	text(p.Community)
	dst = strconv.AppendInt(append(dst, ','), int64(p.Degree), 10)
	number(p.Strength)
	number(p.Seniority)
	dst = appendDate(append(dst, ','), p.LastContact)
	dst = strconv.AppendBool(append(dst, ','), p.Dormant)
	intro := ""
	if len(p.IntroPaths) > 0 {
		intro = PathText(p.IntroPaths[0])
	}
	text(intro)
	text(Why(p.Reasons))
	text(p.Key)
	text(p.Team)
	text(p.Department)
	return append(dst, '\n')
}

// appendCSVField appends the cell prefix+s as encoding/csv's Writer writes a field: quoted,
// its quotes doubled, when it holds a comma, quote, carriage return or newline, begins with
// white space or is \. (a line PostgreSQL reads as the end of data); as it is otherwise.
// Numbers, dates and booleans need neither, so they are appended directly.
func appendCSVField(dst []byte, prefix, s string) []byte {
	// prefix is "" or Text's apostrophe, which needs no quotes and is not white space.
	quote := strings.ContainsAny(s, ",\"\r\n")
	if prefix == "" && !quote && s != "" {
		r, _ := utf8.DecodeRuneInString(s)
		quote = s == `\.` || unicode.IsSpace(r)
	}
	if !quote {
		return append(append(dst, prefix...), s...)
	}
	dst = append(dst, '"')
	for _, part := range [2]string{prefix, s} {
		for {
			i := strings.IndexByte(part, '"')
			if i < 0 {
				dst = append(dst, part...)
				break
			}
			dst = append(dst, part[:i+1]...)
			dst = append(dst, '"')
			part = part[i+1:]
		}
	}
	return append(dst, '"')
}

// WriteJSON writes ranked.json: the same rows as the CSV under "people", next to the schema
// version, the ego, the as-of date and the coverage. Text is not neutralised here: JSON is read
// by programs, not spreadsheets.
//
// The bytes are those of an encoding/json Encoder indenting by two spaces without escaping
// HTML, with which the file was first written. The Encoder writes everything but the people;
// the people, thousands of them, are written by appendPersonJSON, several times faster.
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
		People:        []struct{}{},
	}
	var head bytes.Buffer
	enc := json.NewEncoder(&head)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(doc); err != nil {
		return err
	}
	if len(r.People) == 0 {
		_, err := w.Write(head.Bytes())
		return err
	}
	// The document ends with its people, here none: put them in.
	const none = "[]\n}\n"
	b := head.Bytes()
	if !bytes.HasSuffix(b, []byte(`"people": `+none)) {
		return errors.New("ranked.json: people are not last") // jsonDoc changed
	}
	buf := append(b[:len(b)-len(none)], '[')
	for i := range r.People {
		if i > 0 {
			buf = append(buf, ',')
		}
		buf = appendPersonJSON(buf, &r.People[i])
		if len(buf) >= 64<<10 {
			if _, err := w.Write(buf); err != nil {
				return err
			}
			buf = buf[:0]
		}
	}
	buf = append(buf, "\n  ]\n}\n"...)
	_, err := w.Write(buf)
	return err
}

// appendPersonJSON appends p as an element of ranked.json's "people", as the Encoder would
// write it there (see WriteJSON): on a new line, indented two levels, its fields in this
// order, unknown numbers and text as null, intro_paths always a list.
func appendPersonJSON(dst []byte, p *analysis.Person) []byte {
	const in = "\n      " // a field of a person
	dst = append(dst, "\n    {"...)
	dst = strconv.AppendInt(append(dst, in+`"rank": `...), int64(p.Rank), 10)
	dst = appendJSONString(append(dst, ","+in+`"id": `...), p.ID)
	dst = appendJSONString(append(dst, ","+in+`"name": `...), p.Name)
	dst = appendJSONString(append(dst, ","+in+`"company": `...), p.Company)
	dst = appendJSONString(append(dst, ","+in+`"title": `...), p.Title)
	dst = appendJSONString(append(dst, ","+in+`"category": `...), p.Category)
	dst = append(dst, ","+in+`"hops": `...)
	if p.Hops > 0 {
		dst = strconv.AppendInt(dst, int64(p.Hops), 10)
	} else {
		dst = append(dst, "null"...)
	}
	dst = appendJSONNumber(append(dst, ","+in+`"tie": `...), p.Tie)
	dst = appendJSONNumber(append(dst, ","+in+`"influence": `...), p.Influence)
	dst = appendJSONNumber(append(dst, ","+in+`"reach": `...), p.Reach)
	dst = appendJSONNumber(append(dst, ","+in+`"importance": `...), p.Importance)
	dst = appendJSONNumber(append(dst, ","+in+`"status": `...), p.Status)
	dst = appendJSONString(append(dst, ","+in+`"status_label": `...), string(p.StatusLabel))
	dst = appendJSONString(append(dst, ","+in+`"status_basis": `...), Basis(p))
	dst = appendJSONString(append(dst, ","+in+`"zone": `...), string(p.Zone))
	dst = appendJSONText(append(dst, ","+in+`"tier": `...), string(p.Tier))
	dst = appendJSONNumber(append(dst, ","+in+`"pagerank": `...), p.PageRank)
	dst = appendJSONNumber(append(dst, ","+in+`"betweenness": `...), p.Betweenness)
	dst = appendJSONNumber(append(dst, ","+in+`"harmonic": `...), p.Harmonic)
	dst = appendJSONNumber(append(dst, ","+in+`"reach2": `...), p.Reach2)
	dst = appendJSONNumber(append(dst, ","+in+`"constraint": `...), p.Constraint)
	dst = appendJSONNumber(append(dst, ","+in+`"effective_size": `...), p.EffectiveSize)
	dst = appendJSONText(append(dst, ","+in+`"community": `...), p.Community)
	dst = strconv.AppendInt(append(dst, ","+in+`"degree": `...), int64(p.Degree), 10)
	dst = appendJSONNumber(append(dst, ","+in+`"strength": `...), p.Strength)
	dst = appendJSONNumber(append(dst, ","+in+`"seniority": `...), p.Seniority)
	dst = append(dst, ","+in+`"last_contact": `...)
	if p.LastContact.IsZero() {
		dst = append(dst, "null"...)
	} else {
		dst = append(appendDate(append(dst, '"'), p.LastContact), '"')
	}
	dst = strconv.AppendBool(append(dst, ","+in+`"dormant": `...), p.Dormant)
	dst = append(dst, ","+in+`"intro_path": `...)
	if len(p.IntroPaths) == 0 {
		dst = append(dst, "null"...)
	} else {
		dst = appendJSONString(dst, PathText(p.IntroPaths[0]))
	}
	dst = appendJSONText(append(dst, ","+in+`"why": `...), Why(p.Reasons))
	dst = append(dst, ","+in+`"intro_paths": [`...)
	for i, ip := range p.IntroPaths {
		if i > 0 {
			dst = append(dst, ',')
		}
		const in = "\n          " // a field of an intro path
		dst = append(dst, "\n        {"...)
		dst = appendJSONString(append(dst, in+`"text": `...), PathText(ip))
		dst = appendJSONNumber(append(dst, ","+in+`"strength": `...), ip.Strength)
		dst = append(dst, ","+in+`"via": [`...)
		for j, h := range ip.Via {
			if j > 0 {
				dst = append(dst, ',')
			}
			const in = "\n              " // a field of a hop
			dst = append(dst, "\n            {"...)
			dst = appendJSONString(append(dst, in+`"id": `...), h.ID)
			dst = appendJSONString(append(dst, ","+in+`"name": `...), h.Name)
			dst = append(dst, "\n            }"...)
		}
		if len(ip.Via) > 0 {
			dst = append(dst, "\n          "...)
		}
		dst = append(dst, "]\n        }"...)
	}
	if len(p.IntroPaths) > 0 {
		dst = append(dst, "\n      "...)
	}
	dst = append(dst, ']')
	// The label the evidence alone gives, where it contradicts a declared status.
	dst = appendJSONText(append(dst, ","+in+`"status_evidence": `...), string(p.EvidenceLabel))
	// The join keys (SPEC §4).
	dst = appendJSONText(append(dst, ","+in+`"key": `...), p.Key)
	dst = appendJSONText(append(dst, ","+in+`"team": `...), p.Team)
	dst = appendJSONText(append(dst, ","+in+`"department": `...), p.Department)
	return append(dst, "\n    }"...)
}

// appendJSONNumber appends x as num marshals it: as Number, or null when unknown.
func appendJSONNumber(dst []byte, x float64) []byte {
	if n := appendNumber(dst, x); len(n) > len(dst) {
		return n
	}
	return append(dst, "null"...)
}

// appendJSONText appends s as a JSON string, or null when it is empty (as orNull).
func appendJSONText(dst []byte, s string) []byte {
	if s == "" {
		return append(dst, "null"...)
	}
	return appendJSONString(dst, s)
}

// appendJSONString appends s quoted as encoding/json quotes a string without escaping HTML:
// quote and backslash escaped, control characters as \b, \f, \n, \r, \t or \u00XX, bytes
// that are not UTF-8 as \ufffd, and U+2028 and U+2029 (which break JavaScript) escaped.
func appendJSONString(dst []byte, s string) []byte {
	const hex = "0123456789abcdef"
	dst = append(dst, '"')
	start := 0
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			dst = append(dst, s[start:i]...)
			switch c {
			case '\\', '"':
				dst = append(dst, '\\', c)
			case '\b':
				dst = append(dst, '\\', 'b')
			case '\f':
				dst = append(dst, '\\', 'f')
			case '\n':
				dst = append(dst, '\\', 'n')
			case '\r':
				dst = append(dst, '\\', 'r')
			case '\t':
				dst = append(dst, '\\', 't')
			default:
				dst = append(dst, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			dst = append(dst, s[start:i]...)
			dst = append(dst, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			dst = append(dst, s[start:i]...)
			dst = append(dst, '\\', 'u', '2', '0', '2', hex[r&0xF])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"')
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
	People        []struct{}   `json:"people"` // always empty: see WriteJSON
}

// jsonGroup is a row of the communities or organisations table.
type jsonGroup struct {
	Name      string                       `json:"name"`
	People    int                          `json:"people"`
	Influence num                          `json:"mean_influence"`
	Zones     map[analysis.Zone]int        `json:"zones"`
	Statuses  map[analysis.StatusLabel]int `json:"statuses"`
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

type jsonCoverage struct {
	AsOfFrom            string         `json:"as_of_from"`
	Files               []jsonFile     `json:"files"`
	PeopleMerged        int            `json:"people_merged"`
	NamesAmbiguous      []string       `json:"names_ambiguous"`
	AfterAsOf           int            `json:"evidence_after_as_of"`
	Broadcasts          int            `json:"broadcasts_ignored"`
	Duplicates          int            `json:"duplicate_events"`
	EmailsAdded         int            `json:"emails_added_from_contacts"`
	FilesIgnored        int            `json:"export_files_not_used"`
	Nodes               int            `json:"nodes"`
	Edges               int            `json:"edges"`
	Ranked              int            `json:"ranked"`
	LeftOut             int            `json:"left_out_by_team_top"`
	Team                int            `json:"team_not_ranked"`
	Ignored             int            `json:"ignored_not_ranked"`
	WithEmail           num            `json:"connections_with_email"`
	WithInteraction     num            `json:"people_with_interaction"`
	NoIntroPath         int            `json:"ranked_without_intro_path"`
	OnlyCoParticipation int            `json:"ranked_only_through_co_participation"`
	PathMetrics         string         `json:"betweenness_harmonic"`
	Communities         int            `json:"communities"`
	Modularity          num            `json:"modularity"`
	Limits              []string       `json:"limits"`
	NotRead             []jsonNotRead  `json:"not_read"`
	StatusFrom          map[string]int `json:"status_from"`    // ranked people each status signal fired for
	StatusUnknown       int            `json:"status_unknown"` // ranked people of unknown status
	StatusRests         string         `json:"status_rests"`   // the same in words
}

// jsonNotRead is a file or folder given or found and not read, with the reason (SPEC §2.5a).
type jsonNotRead struct {
	Name   string `json:"name"`
	Reason string `json:"reason"`
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
		Ranked: c.Ranked, LeftOut: c.LeftOut, Team: c.Team, Ignored: c.Ignored, WithEmail: num(c.WithEmail), WithInteraction: num(c.WithInteraction),
		NoIntroPath: c.NoIntroPath, OnlyCoParticipation: c.OnlyCoParticipation, PathMetrics: PathMetrics(c.PathMetrics), Communities: c.Communities, Modularity: num(c.Modularity),
		Limits: Limits(c), Files: []jsonFile{}, NotRead: []jsonNotRead{},
		StatusFrom: map[string]int{}, StatusUnknown: c.StatusUnknown, StatusRests: StatusRests(c),
	}
	for k, v := range c.StatusFrom {
		j.StatusFrom[k] = v
	}
	for _, n := range c.NotRead {
		j.NotRead = append(j.NotRead, jsonNotRead{n.Name, n.Reason})
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
