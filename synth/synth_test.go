package synth

import (
	"archive/zip"
	"bytes"
	"crypto/sha1"
	"encoding/base64"
	"encoding/csv"
	"encoding/hex"
	"encoding/json"
	"io"
	"maps"
	"math"
	"net/url"
	"reflect"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"
)

// export is one generated zip, unpacked.
type export struct {
	opt   Options
	raw   []byte
	files map[string][]byte
	order []string
	truth *Truth
}

func build(t testing.TB, opt Options) *export {
	t.Helper()
	var buf bytes.Buffer
	tr, err := Write(&buf, opt)
	if err != nil {
		t.Fatalf("Write(%+v): %v", opt, err)
	}
	zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatalf("reading the zip back: %v", err)
	}
	e := &export{opt: opt, raw: buf.Bytes(), files: map[string][]byte{}, truth: tr}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		e.files[f.Name] = b
		e.order = append(e.order, f.Name)
	}
	return e
}

// table parses a CSV file as relmap's reader must (FieldsPerRecord = -1, LazyQuotes), skips
// everything before the line that starts with header, and returns the header and the rows.
func table(t testing.TB, name string, b []byte, header string) (cols []string, rows [][]string) {
	t.Helper()
	r := csv.NewReader(bytes.NewReader(b))
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	for i, rec := range recs {
		if strings.Join(rec, ",") == header {
			return rec, recs[i+1:]
		}
	}
	t.Fatalf("%s: no header %q", name, header)
	return nil, nil
}

var defaultExport = func() func(testing.TB) *export {
	var e *export
	return func(t testing.TB) *export {
		if e == nil {
			e = build(t, Options{Seed: 1})
		}
		return e
	}
}()

func TestDeterministic(t *testing.T) {
	opt := Options{Connections: 120, Messages: 900, Seed: 7, ExportDate: time.Date(2025, 8, 26, 15, 4, 5, 0, time.FixedZone("X", -5*3600))}
	a, b := build(t, opt), build(t, opt)
	if !bytes.Equal(a.raw, b.raw) {
		t.Fatal("the same options gave different bytes")
	}
	opt.Seed = 8
	if c := build(t, opt); bytes.Equal(a.raw, c.raw) {
		t.Fatal("seeds 7 and 8 gave the same bytes")
	}
	want := []string{"Connections.csv", "messages.csv", "Invitations.csv", "Endorsement_Received_Info.csv",
		"Endorsement_Given_Info.csv", "Recommendations_Received.csv", "Recommendations_Given.csv",
		"Profile.csv", "Positions.csv", "TRUTH.json"}
	if !slices.Equal(a.order, want) {
		t.Errorf("entries %v, want %v", a.order, want)
	}
	if a.truth.ExportDate != "2025-08-26" {
		t.Errorf("export date %q, want the calendar date of the option, 2025-08-26", a.truth.ExportDate)
	}
}

func TestFileName(t *testing.T) {
	if got := FileName(time.Date(2024, 3, 4, 0, 0, 0, 0, time.UTC)); got != "Complete_LinkedInDataExport_03-04-2024.zip" {
		t.Errorf("FileName = %q", got)
	}
	if got := FileName(time.Time{}); got != "Complete_LinkedInDataExport_03-14-2026.zip" {
		t.Errorf("FileName(zero) = %q", got)
	}
}

func TestOptionsRejected(t *testing.T) {
	for _, opt := range []Options{{Connections: -1}, {Messages: -1}, {Connections: 30001}, {Noise: -0.1}, {Noise: 1.5}, {Noise: math.NaN()},
		{Step: -1}, {Step: maxStep + 1}, {ExportDate: time.Date(2999, 12, 30, 0, 0, 0, 0, time.UTC), Step: 1}} {
		if _, err := Write(io.Discard, opt); err == nil {
			t.Errorf("Write(%+v) succeeded, want an error", opt)
		}
	}
}

func TestConnectionsBytes(t *testing.T) {
	b := defaultExport(t).files["Connections.csv"]
	if len(b) < 375 {
		t.Fatalf("Connections.csv is %d bytes", len(b))
	}
	sum := sha1.Sum(b[:375])
	if got := hex.EncodeToString(sum[:]); got != "a9d247e449af789ec4adb701ea528f7b4ac75607" {
		t.Errorf("preamble SHA-1 %s, want a9d247e449af789ec4adb701ea528f7b4ac75607", got)
	}
	if !bytes.HasPrefix(b[375:], []byte(headerConnections+"\n")) {
		t.Errorf("no header right after the preamble")
	}
	if b[len(b)-1] == '\n' {
		t.Errorf("Connections.csv ends with a newline; real exports do not")
	}
	for _, want := range []string{",,,,,,", `""`, "%C3", " ,"} {
		if !bytes.Contains(b, []byte(want)) {
			t.Errorf("Connections.csv lacks %q", want)
		}
	}
}

// headers maps each CSV file to its exact header line.
var headers = map[string]string{
	"Connections.csv":               headerConnections,
	"messages.csv":                  headerMessages,
	"Invitations.csv":               headerInvitations,
	"Endorsement_Received_Info.csv": headerEndorsementR,
	"Endorsement_Given_Info.csv":    headerEndorsementG,
	"Recommendations_Received.csv":  headerRecs,
	"Recommendations_Given.csv":     headerRecs,
	"Profile.csv":                   headerProfile,
	"Positions.csv":                 headerPositions,
}

// minimal re-encodes records with RFC 4180 minimal quoting, independently of the package.
func minimal(recs [][]string) string {
	var b strings.Builder
	for i, rec := range recs {
		if i > 0 {
			b.WriteByte('\n')
		}
		for j, f := range rec {
			if j > 0 {
				b.WriteByte(',')
			}
			if strings.ContainsAny(f, ",\"\n\r") {
				f = `"` + strings.ReplaceAll(f, `"`, `""`) + `"`
			}
			b.WriteString(f)
		}
	}
	return b.String()
}

func TestFilesParse(t *testing.T) {
	for _, opt := range []Options{{Seed: 1}, {Connections: 20, Messages: 60, Seed: 2}} {
		e := build(t, opt)
		for name, header := range headers {
			b := e.files[name]
			cols, rows := table(t, name, b, header)
			if len(rows) == 0 && opt.Connections == 0 {
				t.Errorf("%+v %s: no rows", opt, name)
			}
			for i, row := range rows {
				if len(row) != len(cols) {
					t.Errorf("%s row %d: %d fields, header has %d", name, i+1, len(row), len(cols))
				}
			}
			// Re-encoding the parsed rows with minimal quoting must give the file back:
			// nothing is quoted that need not be, and the line ends are LinkedIn's.
			body := b
			if name == "Connections.csv" {
				body = b[len(connectionsPreamble):]
			}
			want := minimal(append([][]string{cols}, rows...))
			if name != "Connections.csv" {
				want += "\n"
			}
			if string(body) != want {
				t.Errorf("%s is not minimally quoted LF-separated CSV", name)
			}
			if !utf8.Valid(b) || bytes.HasPrefix(b, []byte("\xef\xbb\xbf")) {
				t.Errorf("%s is not UTF-8 without BOM", name)
			}
		}
	}
}

// splitNames splits a TO cell on commas not followed by a space (`,(?! )`), so that
// "Ines Varga, PhD" stays one name.
func splitNames(s string) []string {
	var out []string
	start := 0
	for i := 0; i < len(s); i++ {
		if s[i] == ',' && (i+1 == len(s) || s[i+1] != ' ') {
			out = append(out, s[start:i])
			start = i + 1
		}
	}
	return append(out, s[start:])
}

// msgRow is one parsed row of messages.csv.
type msgRow struct {
	conv, title, from, fromURL string
	to, toURLs                 []string
	at                         time.Time
	content, folder            string
	draft                      bool
}

func messages(t testing.TB, e *export) []msgRow {
	t.Helper()
	_, rows := table(t, "messages.csv", e.files["messages.csv"], headerMessages)
	out := make([]msgRow, len(rows))
	for i, r := range rows {
		at, err := time.Parse("2006-01-02 15:04:05 MST", r[6])
		if err != nil {
			t.Fatalf("messages.csv row %d: %v", i+1, err)
		}
		m := msgRow{conv: r[0], title: r[1], from: r[2], fromURL: r[3], at: at, content: r[8], folder: r[9], draft: r[10] == "Yes"}
		if r[4] != "" {
			m.to = splitNames(r[4])
		}
		if r[5] != "" {
			m.toURLs = strings.Split(r[5], ",")
		}
		if r[11] != "No" || (r[10] != "Yes" && r[10] != "No") {
			t.Errorf("row %d: draft flags %q,%q", i+1, r[10], r[11])
		}
		out[i] = m
	}
	return out
}

func TestMessagesRowCount(t *testing.T) {
	for _, opt := range []Options{{Seed: 1}, {Connections: 1, Messages: 1, Seed: 3}, {Connections: 2, Messages: 7},
		{Connections: 20, Messages: 20}, {Connections: 25, Messages: 333, Seed: 9}, {Connections: 2000, Messages: 100, Seed: 4},
		{Connections: 20, Messages: 30000, Seed: 5}, {Seed: 1, Noise: 1}, {Connections: 20, Messages: 20, Noise: 1},
		{Connections: 2000, Messages: 100, Seed: 4, Noise: 1}, {Connections: 20, Messages: 30000, Seed: 5, Noise: 0.7},
		{Seed: 1, Step: 2}, {Connections: 20, Messages: 20, Step: 3}, {Connections: 25, Messages: 333, Seed: 9, Noise: 1, Step: 1}} {
		e := build(t, opt)
		want := opt.Messages
		if want == 0 {
			want = defaultMessages
		}
		if opt.Step > 0 {
			want = e.truth.Messages // the movers' rows come on top
		}
		if got := len(messages(t, e)); got != want {
			t.Errorf("%+v: %d rows in messages.csv, want %d", opt, got, want)
		}
		_, conns := table(t, "Connections.csv", e.files["Connections.csv"], headerConnections)
		wantC := opt.Connections
		if wantC == 0 {
			wantC = defaultConnections
		}
		if got := len(conns) - e.truth.GhostRows; got != wantC {
			t.Errorf("%+v: %d real connection rows, want %d", opt, got, wantC)
		}
	}
}

func TestMessagesShape(t *testing.T) {
	for _, e := range []*export{defaultExport(t), build(t, Options{Seed: 2, Noise: 1}), build(t, Options{Seed: 1, Step: 2})} {
		rows := messages(t, e)
		T := e.opt.Day()
		suffixed, group := false, false
		seen := map[string]bool{}
		prev := ""
		var prevAt time.Time
		idRe := regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}_[0-9]{3}$`)
		for i, m := range rows {
			if !m.at.Before(T) {
				t.Errorf("row %d dated %v, not before the export day", i+1, m.at)
			}
			if m.draft {
				if m.conv != "" || m.to != nil || m.toURLs != nil || m.folder != "" {
					t.Errorf("draft row %d has a conversation, recipients or folder", i+1)
				}
				continue
			}
			if len(m.to) != len(m.toURLs) {
				t.Errorf("row %d: %d names %q for %d URLs", i+1, len(m.to), m.to, len(m.toURLs))
			}
			suffixed = suffixed || len(m.to) > 1 && slices.ContainsFunc(m.to, func(s string) bool { return strings.Contains(s, ", ") })
			group = group || len(m.to) >= 2
			if len(m.conv) != 58 || !strings.HasPrefix(m.conv, "2-") {
				t.Fatalf("row %d: conversation id %q", i+1, m.conv)
			}
			raw, err := base64.StdEncoding.DecodeString(m.conv[2:])
			if err != nil || !idRe.Match(raw) {
				t.Fatalf("row %d: conversation id %q decodes to %q (%v)", i+1, m.conv, raw, err)
			}
			if m.conv != prev {
				if seen[m.conv] {
					t.Fatalf("row %d: conversation %s split in two runs", i+1, m.conv)
				}
				seen[m.conv] = true
			} else if !m.at.Before(prevAt.Truncate(time.Minute)) {
				t.Errorf("row %d: not in an earlier minute than the row above it of the same conversation", i+1)
			}
			prev, prevAt = m.conv, m.at
			for _, u := range append([]string{m.fromURL}, m.toURLs...) {
				if u != "" && (!strings.HasPrefix(u, profilePrefix) || strings.Contains(u, "%")) {
					t.Errorf("row %d: URL %q is not a raw profile URL", i+1, u)
				}
			}
			if m.folder != "INBOX" && m.folder != "ARCHIVE" && m.folder != "SPAM" {
				t.Errorf("row %d: folder %q", i+1, m.folder)
			}
			if strings.Contains(m.content, "\n") {
				t.Errorf("row %d: CONTENT holds a line break; 2024-12 exports flattened them", i+1)
			}
		}
		if !suffixed || !group {
			t.Errorf("no multi-recipient TO with a \", \" suffix (suffixed %v, group %v)", suffixed, group)
		}
	}
}

func TestTruthCounts(t *testing.T) {
	for _, opt := range []Options{{Seed: 1}, {Connections: 40, Messages: 9, Seed: 11}, {Seed: 1, Step: 2}} {
		e := build(t, opt)
		rows := messages(t, e)
		var drafts, members, sponsored int
		for _, m := range rows {
			switch {
			case m.draft:
				drafts++
			case m.from == "LinkedIn Member" && m.fromURL == "":
				members++
			case m.from == "Riley from LinkedIn Premium" && m.fromURL == "" && strings.Contains(m.content, "%FIRSTNAME%"):
				sponsored++
			}
		}
		_, conns := table(t, "Connections.csv", e.files["Connections.csv"], headerConnections)
		ghosts := 0
		for _, r := range conns {
			if r[0]+r[1]+r[2]+r[3]+r[4]+r[5] == "" {
				ghosts++
			}
		}
		tr := e.truth
		if ghosts != tr.GhostRows || drafts != tr.Drafts || members != tr.LinkedInMemberRows || sponsored != tr.SponsoredRows {
			t.Errorf("%+v: files have ghost %d, drafts %d, member %d, sponsored %d; truth says %d, %d, %d, %d",
				opt, ghosts, drafts, members, sponsored, tr.GhostRows, tr.Drafts, tr.LinkedInMemberRows, tr.SponsoredRows)
		}
		if opt.Messages >= 20 && (drafts == 0 || members == 0 || sponsored == 0 || ghosts < 2) {
			t.Errorf("%+v: some noise is missing", opt)
		}
		var stored Truth
		if err := json.Unmarshal(e.files["TRUTH.json"], &stored); err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(&stored, tr) {
			t.Errorf("TRUTH.json differs from the returned truth")
		}
	}
}

func TestTruthPeople(t *testing.T) {
	e := defaultExport(t)
	tr := e.truth
	_, conns := table(t, "Connections.csv", e.files["Connections.csv"], headerConnections)
	byURL := map[string][]string{}
	for _, r := range conns {
		if r[2] != "" {
			byURL[r[2]] = r
		}
	}
	names := map[string]bool{}
	nonASCII := false
	connected := 0
	for k, p := range tr.People {
		if k > 0 && tr.People[k-1].URL >= p.URL {
			t.Errorf("people not sorted by URL at %q", p.URL)
		}
		key := strings.ToLower(strings.SplitN(p.Name, ", ", 2)[0])
		if names[key] {
			t.Errorf("name %q is not unique", p.Name)
		}
		names[key] = true
		for _, c := range p.Name {
			nonASCII = nonASCII || c > unicode.MaxASCII
			if unicode.Is(unicode.Mn, c) {
				t.Errorf("name %q is not precomposed (NFC)", p.Name)
			}
		}
		if zone(p.Influence == "high", p.Status) != p.Zone {
			t.Errorf("%s: zone %q for %s/%s", p.Name, p.Zone, p.Influence, p.Status)
		}
		if !p.Connection {
			if byURL[p.URL] != nil {
				t.Errorf("%s is not a connection but is in Connections.csv", p.Name)
			}
			continue
		}
		connected++
		slug := strings.TrimPrefix(p.URL, profilePrefix)
		r := byURL[profilePrefix+url.PathEscape(slug)]
		if r == nil {
			t.Errorf("%s (%s) is not in Connections.csv under its percent-encoded URL", p.Name, p.URL)
			continue
		}
		if strings.TrimSpace(r[0])+" "+strings.TrimSpace(r[1]) != p.Name || r[4] != p.Company || r[5] != p.Title {
			t.Errorf("Connections.csv row %q does not match the truth %+v", r, p)
		}
	}
	if connected != tr.Connections || len(byURL) != tr.Connections {
		t.Errorf("%d connected people in the truth, %d in Connections.csv, want %d", connected, len(byURL), tr.Connections)
	}
	if !nonASCII {
		t.Error("no non-ASCII name")
	}
	if names[strings.ToLower(tr.Owner.Name)] {
		t.Error("the owner's name is shared")
	}
}

// seniority is a small version of SPEC §3.3's title table: enough to tell the planted titles
// apart.
func seniority(title string) float64 {
	t := " " + strings.ToLower(title) + " "
	switch {
	case title == "":
		return 0.3
	case strings.Contains(t, "chief") || strings.Contains(t, " ceo ") || strings.Contains(t, " cto ") ||
		strings.Contains(t, "founder") || strings.Contains(t, "partner ") || strings.Contains(t, "geschäftsführer"):
		return 1
	case strings.Contains(t, " vp ") || strings.Contains(t, "vice president") || strings.Contains(t, " svp ") || strings.Contains(t, "head of"):
		return 0.85
	case strings.Contains(t, "director") || strings.Contains(t, "directrice") || strings.Contains(t, "directora"):
		return 0.7
	case strings.Contains(t, "senior"):
		return 0.35
	}
	return 0.2
}

func TestPlantedInfluence(t *testing.T) {
	for _, e := range []*export{defaultExport(t), build(t, Options{Seed: 1, Step: 2})} {
		plantedInfluence(t, e)
	}
}

func plantedInfluence(t *testing.T, e *export) {
	threads := map[string]map[string]bool{} // URL → group conversations
	for _, m := range messages(t, e) {
		if m.draft || len(m.toURLs) < 2 {
			continue
		}
		for _, u := range append([]string{m.fromURL}, m.toURLs...) {
			if threads[u] == nil {
				threads[u] = map[string]bool{}
			}
			threads[u][m.conv] = true
		}
	}
	zones := map[string]int{}
	high := 0
	for _, p := range e.truth.People {
		zones[p.Zone]++
		n := len(threads[p.URL])
		if p.Influence == "high" {
			high++
			if n < 3 {
				t.Errorf("high-influence %s is in %d group threads", p.Name, n)
			}
			if p.Connection && seniority(p.Title) < 0.7 {
				t.Errorf("high-influence %s has the junior title %q", p.Name, p.Title)
			}
		} else {
			if n > 2 {
				t.Errorf("low-influence %s is in %d group threads", p.Name, n)
			}
			if seniority(p.Title) > 0.35 {
				t.Errorf("low-influence %s has the senior title %q", p.Name, p.Title)
			}
		}
	}
	N := float64(len(e.truth.People))
	if share := float64(high) / N; share < 0.20 || share > 0.30 {
		t.Errorf("%.1f%% high, want 20–30%%", 100*share)
	}
	within := func(zone string, lo, hi float64, of int) {
		if share := float64(zones[zone]) / float64(of); share < lo || share > hi {
			t.Errorf("%s: %d of %d (%.1f%%), want %.0f–%.0f%%", zone, zones[zone], of, 100*share, 100*lo, 100*hi)
		}
	}
	within("champion", 0.20, 0.30, high)
	within("area for improvement", 0.15, 0.25, high)
	within("key to engage", 0.45, 0.65, high)
	within("ally", 0.07, 0.13, len(e.truth.People)-high)
	within("watch", 0.05, 0.09, len(e.truth.People)-high)
	for _, want := range []string{"non-connection", "invitee", "colleague", "client", "provider", "other"} {
		found := slices.ContainsFunc(e.truth.People, func(p Person) bool { return p.Role == want })
		if !found {
			t.Errorf("no person with role %s", want)
		}
	}
}

// TestTruthSignals recomputes every person's status signals from the bytes of the export,
// independently of the generator (SPEC §3.4, the reading documented on Person), and checks
// them against the truth.
func TestTruthSignals(t *testing.T) {
	for _, opt := range []Options{{Seed: 1}, {Seed: 2, Connections: 300, Messages: 6000, ExportDate: time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC)}, {Seed: 3, Noise: 1},
		{Seed: 1, Step: 1}, {Seed: 1, Step: 2}, {Seed: 3, Noise: 1, Step: 2}, {Seed: 2, Connections: 300, Messages: 6000, ExportDate: time.Date(2025, 12, 20, 0, 0, 0, 0, time.UTC), Step: 2}} {
		e := build(t, opt)
		tr := e.truth
		T, _ := time.Parse("2006-01-02", tr.ExportDate)
		owner := tr.Owner.URL
		people := map[string]*Person{}
		byName := map[string]*Person{}
		for i := range tr.People {
			people[tr.People[i].URL] = &tr.People[i]
			byName[tr.People[i].Name] = &tr.People[i]
		}
		got := map[string][]string{}
		add := func(u, s string) {
			if !slices.Contains(got[u], s) {
				got[u] = append(got[u], s)
			}
		}

		_, recs := table(t, "Recommendations_Received.csv", e.files["Recommendations_Received.csv"], headerRecs)
		for _, r := range recs {
			p := byName[r[0]+" "+r[1]]
			if p == nil || p.Company != r[2] {
				t.Fatalf("recommendation by %s %s (%s) matches no connection by name and company", r[0], r[1], r[2])
			}
			add(p.URL, "recommendation")
		}
		endorsements := map[string]int{}
		_, ends := table(t, "Endorsement_Received_Info.csv", e.files["Endorsement_Received_Info.csv"], headerEndorsementR)
		for _, r := range ends {
			if strings.HasPrefix(r[4], "http") {
				t.Errorf("endorser URL %q has a scheme", r[4])
			}
			endorsements["https://"+r[4]]++
		}
		for u, n := range endorsements {
			if people[u] == nil {
				t.Fatalf("endorser %s is not a person of the truth", u)
			}
			if n > 0 {
				add(u, "endorsements")
			}
		}

		// Answers: the owner's messages under 180 days old, answered in the same
		// conversation within 14 days. Cooling: (conversation, day) units shared with the
		// owner, under 90 days old against 90 to 179. Ages are whole UTC days.
		byConv := map[string][]msgRow{}
		var convs []string
		for _, m := range messages(t, e) {
			if m.draft || m.fromURL == "" {
				continue
			}
			if byConv[m.conv] == nil {
				convs = append(convs, m.conv)
			}
			byConv[m.conv] = append(byConv[m.conv], m)
		}
		owned, answered, prev, last := map[string]int{}, map[string]int{}, map[string]int{}, map[string]int{}
		units := map[string]bool{}
		for _, c := range convs {
			ms := byConv[c]
			sort.SliceStable(ms, func(i, j int) bool { return ms[i].at.Before(ms[j].at) })
			for k, m := range ms {
				parts := append([]string{m.fromURL}, m.toURLs...)
				if !slices.Contains(parts, owner) {
					t.Fatalf("conversation %s: a message without the owner", c)
				}
				age := T.Unix()/86400 - m.at.Unix()/86400
				for _, v := range parts {
					if v == owner {
						continue
					}
					if m.fromURL == owner && age < 180 {
						owned[v]++
						for _, r := range ms[k+1:] {
							if r.at.Sub(m.at) > 14*24*time.Hour {
								break
							}
							if r.fromURL == v {
								answered[v]++
								break
							}
						}
					}
					key := v + c + m.at.Format("2006-01-02")
					if units[key] {
						continue
					}
					units[key] = true
					switch {
					case age < 90:
						last[v]++
					case age < 180:
						prev[v]++
					}
				}
			}
		}
		for u, n := range owned {
			switch {
			case n < 3:
			case answered[u]*10 >= n*8:
				add(u, "answers")
			case answered[u]*10 < n*3:
				add(u, "unanswered")
			}
		}
		for u, n := range prev {
			if n >= 4 && 2*last[u] < n {
				add(u, "cooling")
			}
		}
		initiative := initiativeFromFiles(byConv, convs, owner, T)
		for u, h := range initiative {
			if h > 0 {
				add(u, "initiative")
			}
		}

		_, conns := table(t, "Connections.csv", e.files["Connections.csv"], headerConnections)
		connectedOn := map[string]time.Time{}
		for _, r := range conns {
			if r[2] == "" {
				continue
			}
			u, err := url.PathUnescape(r[2])
			if err != nil {
				t.Fatal(err)
			}
			d, err := time.Parse("02 Jan 2006", r[6])
			if err != nil {
				t.Fatal(err)
			}
			connectedOn[u] = d
		}
		_, invs := table(t, "Invitations.csv", e.files["Invitations.csv"], headerInvitations)
		incoming := false
		for _, r := range invs {
			at, err := time.Parse("1/2/06, 3:04 PM", r[2])
			if err != nil {
				t.Fatal(err)
			}
			out := r[4] == "OUTGOING"
			if incoming && out {
				t.Errorf("an OUTGOING invitation after the INCOMING block")
			}
			incoming = incoming || !out
			other := r[5]
			if out {
				if r[5] != owner {
					t.Errorf("outgoing invitation from %s", r[5])
				}
				other = r[6]
			} else if r[6] != owner {
				t.Errorf("incoming invitation to %s", r[6])
			}
			if d, ok := connectedOn[other]; ok {
				if d.Before(at.Truncate(24 * time.Hour)) {
					t.Errorf("invitation of %s sent %v after Connected On %v", other, at, d)
				}
				continue
			}
			if !out || T.Unix()/86400-at.Unix()/86400 <= 30 || people[other] == nil || people[other].Role != "invitee" {
				t.Errorf("invitation %q is neither accepted nor a pending outgoing one to an invitee", r)
				continue
			}
			add(other, "invitation")
		}

		order := []string{"recommendation", "endorsements", "answers", "unanswered", "initiative", "cooling", "invitation"}
		for _, p := range tr.People {
			sig := got[p.URL]
			slices.SortFunc(sig, func(a, b string) int { return slices.Index(order, a) - slices.Index(order, b) })
			if !slices.Equal(sig, p.Signals) && !(len(sig) == 0 && len(p.Signals) == 0) {
				t.Errorf("%+v: %s (%s): signals from the files %v, truth %v", opt, p.Name, p.Zone, sig, p.Signals)
			}
			score := 0
			for _, s := range p.Signals {
				score += map[string]int{"recommendation": 60, "answers": 15, "unanswered": -40, "cooling": -20, "invitation": -10}[s]
			}
			score += min(40, 20*endorsements[p.URL]) + initiative[p.URL]
			status := map[bool]string{true: supporter, false: neutral}[score >= 25]
			if score <= -25 {
				status = detractor
			}
			if status != p.Status {
				t.Errorf("%s: signals %v score %+d, but status %s", p.Name, p.Signals, score, p.Status)
			}
		}
	}
}

// TestStatusUnderEveryReading checks that the planted status survives the readings SPEC
// §3.4 leaves open: group messages counted or not in the answer rate, co-received group
// messages counted or not as interactions, units or messages for cooling.
func TestStatusUnderEveryReading(t *testing.T) {
	for _, opt := range []Options{{Seed: 1}, {Seed: 3}, {Connections: 20, Messages: 300, Seed: 4}, {Connections: 3000, Messages: 4000, Seed: 5}, {Connections: 40, Messages: 50000, Seed: 6},
		{Seed: 1, Noise: 1}, {Seed: 8, Noise: 0.5}, {Connections: 20, Messages: 300, Seed: 4, Noise: 1}, {Connections: 3000, Messages: 4000, Seed: 5, Noise: 1},
		{Seed: 1, Step: 1}, {Seed: 1, Step: 2}, {Seed: 3, Step: 4}, {Connections: 20, Messages: 300, Seed: 4, Step: 2}, {Connections: 3000, Messages: 4000, Seed: 5, Noise: 1, Step: 2},
		{Seed: 8, Noise: 0.5, Step: 2}, {Connections: 40, Messages: 50000, Seed: 6, Step: 3}} {
		opt, err := opt.resolve()
		if err != nil {
			t.Fatal(err)
		}
		g := generate(opt)
		for _, ru := range []rules{{}, {oneToOneOnly: true}, {directOnly: true}, {perMessage: true}, {true, true, true}} {
			as := g.assess(ru)
			for i := range g.people {
				if p := &g.people[i]; as[i].status != p.status {
					t.Errorf("%+v %+v: %s planted %s, reads %s %v", opt, ru, p.name(), p.status, as[i].status, as[i].signals)
				}
			}
		}
	}
}

func TestOtherFiles(t *testing.T) {
	e := defaultExport(t)
	T := defaultExportDate
	_, ends := table(t, "Endorsement_Received_Info.csv", e.files["Endorsement_Received_Info.csv"], headerEndorsementR)
	_, given := table(t, "Endorsement_Given_Info.csv", e.files["Endorsement_Given_Info.csv"], headerEndorsementG)
	for _, r := range append(ends, given...) {
		at, err := time.Parse("2006/01/02 15:04:05 MST", r[0])
		if err != nil || !at.Before(T) || r[5] != "ACCEPTED" || !strings.HasPrefix(r[4], "www.linkedin.com/in/") {
			t.Errorf("endorsement row %q (%v)", r, err)
		}
	}
	for name, status := range map[string]string{"Recommendations_Received.csv": "VISIBLE", "Recommendations_Given.csv": ""} {
		_, recs := table(t, name, e.files[name], headerRecs)
		for _, r := range recs {
			if _, err := time.Parse("01/02/06, 03:04 PM", r[5]); err != nil || r[6] != status {
				t.Errorf("%s row %q (%v)", name, r, err)
			}
		}
	}
	_, prof := table(t, "Profile.csv", e.files["Profile.csv"], headerProfile)
	if len(prof) != 1 || prof[0][0]+" "+prof[0][1] != e.truth.Owner.Name {
		t.Errorf("Profile.csv rows %q, want the owner %s", prof, e.truth.Owner.Name)
	}
	_, pos := table(t, "Positions.csv", e.files["Positions.csv"], headerPositions)
	if len(pos) < 2 || len(pos) > 3 || pos[0][0] != e.truth.Owner.Company || pos[0][5] != "" {
		t.Errorf("Positions.csv rows %q, want the current job at %s first", pos, e.truth.Owner.Company)
	}
	for _, r := range pos {
		if _, err := time.Parse("Jan 2006", r[4]); err != nil {
			t.Errorf("Positions.csv Started On %q", r[4])
		}
	}
}

func BenchmarkWriteLarge(b *testing.B) {
	opt := Options{Connections: 30000, Messages: 200000, Seed: 1}
	for b.Loop() {
		if _, err := Write(io.Discard, opt); err != nil {
			b.Fatal(err)
		}
	}
}

// groupThreads maps each person's URL to the group conversations they take part in.
func groupThreads(t testing.TB, e *export) map[string]map[string]bool {
	threads := map[string]map[string]bool{}
	for _, m := range messages(t, e) {
		if m.draft || len(m.toURLs) < 2 {
			continue
		}
		for _, u := range append([]string{m.fromURL}, m.toURLs...) {
			if threads[u] == nil {
				threads[u] = map[string]bool{}
			}
			threads[u][m.conv] = true
		}
	}
	return threads
}

// TestBridges checks the planted targets and bridges on the bytes: every target is high, its
// bridge a distinct high-influence connection that shares more group threads with the target
// than anyone else, and that has frequent recent 1:1 conversations with the owner, all
// answered.
func TestBridges(t *testing.T) {
	for _, opt := range []Options{{Seed: 1}, {Seed: 2, Noise: 1}, {Connections: 3000, Messages: 40000, Seed: 3}, {Seed: 1, Step: 2}, {Seed: 2, Noise: 1, Step: 2}} {
		e := build(t, opt)
		tr := e.truth
		T, _ := time.Parse("2006-01-02", tr.ExportDate)
		byURL := map[string]*Person{}
		for i := range tr.People {
			byURL[tr.People[i].URL] = &tr.People[i]
		}
		threads := groupThreads(t, e)
		direct := map[string][]msgRow{} // 1:1 rows by the other person's URL
		for _, m := range messages(t, e) {
			if !m.draft && len(m.toURLs) == 1 && m.fromURL != "" {
				other := m.fromURL
				if other == tr.Owner.URL {
					other = m.toURLs[0]
				}
				direct[other] = append(direct[other], m)
			}
		}
		bridges := map[string]bool{}
		targets, hubs := 0, 0
		for _, p := range tr.People {
			if p.Bridge == "" {
				continue
			}
			targets++
			if !p.Connection {
				hubs++
			}
			b := byURL[p.Bridge]
			if b == nil || !b.Connection || b.Influence != "high" || p.Influence != "high" || b.Status == "detractor" || bridges[b.URL] || b.Bridge != "" {
				t.Errorf("%+v: target %s (%s) has the bridge %+v", opt, p.Name, p.Influence, b)
				continue
			}
			bridges[b.URL] = true
			shared := map[string]int{}
			for c := range threads[p.URL] {
				for u, cs := range threads {
					if u != p.URL && u != tr.Owner.URL && cs[c] {
						shared[u]++
					}
				}
			}
			for u, n := range shared {
				if u != b.URL && n >= shared[b.URL] {
					t.Errorf("%+v: %s shares %d group threads with target %s, the bridge %s only %d", opt, byURL[u].Name, n, p.Name, b.Name, shared[b.URL])
				}
			}
			if shared[b.URL] < 3 {
				t.Errorf("%+v: bridge %s shares %d group threads with %s", opt, b.Name, shared[b.URL], p.Name)
			}
			days := map[string]bool{}
			for _, m := range direct[b.URL] {
				if T.Sub(m.at) < 90*24*time.Hour {
					days[m.at.Format("2006-01-02")] = true
				}
			}
			if len(days) < 5 || !slices.Contains(b.Signals, "answers") {
				t.Errorf("%+v: bridge %s has 1:1 messages on %d days of the last 90, signals %v", opt, b.Name, len(days), b.Signals)
			}
		}
		if want := max(5, tr.Connections/100); targets < want || hubs == 0 {
			t.Errorf("%+v: %d targets (%d non-connections), want at least %d and some non-connections", opt, targets, hubs, want)
		}
	}
}

// TestNoise checks that Options.Noise blurs influence: low-influence people with senior titles
// and in more than two group threads, more endorsements, and owner messages answered after
// more than 14 days; while Noise 0 is the export without it.
func TestNoise(t *testing.T) {
	if a, b := build(t, Options{Seed: 5}), build(t, Options{Seed: 5, Noise: 0}); !bytes.Equal(a.raw, b.raw) {
		t.Fatal("Noise 0 is not the default")
	}
	quiet, noisy := build(t, Options{Seed: 5}), build(t, Options{Seed: 5, Noise: 1})
	if noisy.truth.Noise != 1 || quiet.truth.Noise != 0 || bytes.Contains(quiet.files["TRUTH.json"], []byte(`"noise"`)) {
		t.Errorf("truth noise %v and %v", quiet.truth.Noise, noisy.truth.Noise)
	}
	threads := groupThreads(t, noisy)
	senior, busy := 0, 0
	for _, p := range noisy.truth.People {
		if p.Influence != "low" {
			continue
		}
		if seniority(p.Title) >= 0.7 {
			senior++
		}
		if len(threads[p.URL]) > 2 {
			busy++
		}
	}
	count := func(e *export, name, header string) int {
		_, rows := table(t, name, e.files[name], header)
		return len(rows)
	}
	late := 0
	byConv := map[string][]msgRow{}
	for _, m := range messages(t, noisy) {
		if !m.draft && len(m.toURLs) == 1 {
			byConv[m.conv] = append(byConv[m.conv], m)
		}
	}
	for _, ms := range byConv {
		slices.SortFunc(ms, func(a, b msgRow) int { return a.at.Compare(b.at) })
		for k := 1; k < len(ms); k++ {
			if ms[k-1].fromURL == noisy.truth.Owner.URL && ms[k].fromURL != ms[k-1].fromURL && ms[k].at.Sub(ms[k-1].at) > 15*24*time.Hour &&
				noisy.opt.ExportDate.IsZero() && defaultExportDate.Sub(ms[k-1].at) < 90*24*time.Hour {
				late++
			}
		}
	}
	endorsements := count(noisy, "Endorsement_Received_Info.csv", headerEndorsementR) - count(quiet, "Endorsement_Received_Info.csv", headerEndorsementR)
	t.Logf("noise 1: %d low-influence people with senior titles, %d in more than two group threads, %d late answers, %d more endorsements", senior, busy, late, endorsements)
	if senior < 10 || busy < 10 || late < 5 || endorsements < 5 {
		t.Errorf("noise 1: %d low-influence people with senior titles, %d in more than two group threads, %d late answers, %d more endorsements", senior, busy, late, endorsements)
	}
}

// initiativeFromFiles reads SPEC §3.4's initiative, in hundredths, from messages.csv as
// docs/method.md says relmap reads it, independently of the generator: over 1:1 messages of
// the last 180 days, per person and conversation, a day on which the owner or the person wrote
// starts a thread when the conversation had no such day in the 14 before; whoever alone wrote
// on it opened it. Of at least 4 threads, the share the person opened above the larger of one
// half and the median share gives +20 in proportion, in full at 30 above.
func initiativeFromFiles(byConv map[string][]msgRow, convs []string, owner string, T time.Time) map[string]int {
	type flags struct{ from, to bool }
	days := map[string]map[string]map[int64]*flags{} // person → conversation → day
	for _, c := range convs {
		for _, m := range byConv[c] {
			if len(m.toURLs) != 1 {
				continue // a group message
			}
			day := m.at.Unix() / 86400
			if T.Unix()/86400-day >= 180 {
				continue
			}
			v := m.toURLs[0]
			if v == owner {
				v = m.fromURL
			}
			if days[v] == nil {
				days[v] = map[string]map[int64]*flags{}
			}
			if days[v][c] == nil {
				days[v][c] = map[int64]*flags{}
			}
			f := days[v][c][day]
			if f == nil {
				f = &flags{}
				days[v][c][day] = f
			}
			f.from = f.from || m.fromURL == v
			f.to = f.to || m.fromURL == owner
		}
	}
	opened, threads := map[string]int{}, map[string]int{}
	var shares []float64
	for v, byC := range days {
		for _, ds := range byC {
			keys := slices.Sorted(maps.Keys(ds))
			for k, d := range keys {
				if k > 0 && d-keys[k-1] <= 14 || ds[d].from == ds[d].to {
					continue
				}
				threads[v]++
				if ds[d].from {
					opened[v]++
				}
			}
		}
		if threads[v] >= 4 {
			shares = append(shares, float64(opened[v])/float64(threads[v]))
		}
	}
	slices.Sort(shares)
	median := 0.0
	if k := len(shares); k > 0 {
		median = (shares[(k-1)/2] + shares[k/2]) / 2
	}
	out := map[string]int{}
	for v, n := range threads {
		if n >= 4 {
			lead := 100 * (float64(opened[v])/float64(n) - max(median, 0.5))
			out[v] = int(math.Round(20 * max(0, min(1, lead/30))))
		}
	}
	return out
}
