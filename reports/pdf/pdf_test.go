package pdf

import (
	"bytes"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"codeberg.org/go-fonts/liberation/liberationserifregular"

	"github.com/relmap/relmap/analysis"
	"github.com/relmap/relmap/analysis/history"
	"github.com/relmap/relmap/importers"
	"github.com/relmap/relmap/reports"
	"github.com/relmap/relmap/reports/chart"
	"github.com/relmap/relmap/reports/internal/reporttest"
)

// popplerTool returns the path of a poppler-utils program (pdftotext, pdfinfo). When it
// is missing the test is skipped, or fails when RELMAP_REQUIRE_TOOLS=1 (CI).
func popplerTool(t *testing.T, name string) string {
	t.Helper()
	path, err := exec.LookPath(name)
	if err == nil {
		return path
	}
	msg := fmt.Sprintf("%s not found: install poppler-utils to check the PDF's text", name)
	if os.Getenv("RELMAP_REQUIRE_TOOLS") == "1" {
		t.Fatal(msg + " (RELMAP_REQUIRE_TOOLS=1)")
	}
	t.Skip(msg + " (set RELMAP_REQUIRE_TOOLS=1 to make this a failure)")
	return ""
}

// runPoppler runs a poppler program on pdf, with args before the file name, and returns
// its standard output.
func runPoppler(t *testing.T, name string, pdf []byte, args ...string) string {
	t.Helper()
	tool := popplerTool(t, name)
	file := filepath.Join(t.TempDir(), "doc.pdf")
	if err := os.WriteFile(file, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	args = append(args, file)
	if name == "pdftotext" {
		args = append(args, "-")
	}
	var stdout, stderr bytes.Buffer
	cmd := exec.Command(tool, args...)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("%s: %v: %s", name, err, stderr.String())
	}
	if stderr.Len() > 0 {
		t.Errorf("%s complains: %s", name, stderr.String())
	}
	return stdout.String()
}

// extractText is the text of pdf (pages first to last, 0 meaning all) as pdftotext reads it.
func extractText(t *testing.T, pdf []byte, first, last int) string {
	t.Helper()
	args := []string{"-enc", "UTF-8"}
	if first > 0 {
		args = append(args, "-f", strconv.Itoa(first), "-l", strconv.Itoa(last))
	}
	return runPoppler(t, "pdftotext", pdf, args...)
}

// pageCount is the number of pages of pdf as pdfinfo reads it.
func pageCount(t *testing.T, pdf []byte) int {
	t.Helper()
	m := regexp.MustCompile(`(?m)^Pages:\s+(\d+)$`).FindStringSubmatch(runPoppler(t, "pdfinfo", pdf))
	if m == nil {
		t.Fatal("pdfinfo gives no page count")
	}
	n, _ := strconv.Atoi(m[1])
	return n
}

// words reports whether every word of name occurs among the words of text: a name in a
// table cell may wrap between its words.
func hasWords(text, name string) bool {
	fields := strings.Fields(text)
	for _, w := range strings.Fields(name) {
		if !slices.Contains(fields, w) {
			return false
		}
	}
	return true
}

// pdfResult is SmallResult filled in as analysis would: companies, titles, tiers,
// intro paths, groups and coverage, in Latin with diacritics, Greek and Cyrillic, with one
// person whose every metric is unknown.
func pdfResult() *analysis.Result {
	r := reporttest.SmallResult()
	r.HighInfluence = 0.6
	r.SupporterFrom, r.DetractorFrom = 0.25, -0.25
	r.MinGroup = 2
	companies := []string{"Fabrikam GmbH", "Żabka Polska", "Αθηναϊκή Ζυθοποιία", "ООО «Ромашка»", "Éire Óg Teo"}
	titles := []string{"Geschäftsführerin", "Dyrektor", "Διευθύντρια πωλήσεων", "Генеральный директор", "Ceannasaí"}
	for i := range r.People {
		p := &r.People[i]
		p.Company, p.Title = companies[i%len(companies)], titles[i%len(titles)]
		p.Importance = 1 - float64(i)/20
		p.Tie = 2 - float64(i)/10
		p.StatusLabel = map[bool]analysis.StatusLabel{true: "supporter", false: "neutral"}[p.Status >= 0.25]
		if p.Status <= -0.25 {
			p.StatusLabel = "detractor"
		}
		p.Tier = analysis.Tiers[i%3]
		p.Reasons = []analysis.Reason{{Kind: analysis.ReasonPageRank, Top: int8(3 + i)}, {Kind: analysis.ReasonSeniority, Label: p.Title}}
		p.IntroPaths = []analysis.IntroPath{{Via: []analysis.Hop{{ID: "p03", Name: "Ελένη Παπαδοπούλου"}, {ID: "p04", Name: "Пётр Ильич Сидоров"}}, Strength: 0.42}}
		p.Dormant = i%4 == 1
		p.LastContact = time.Date(2025, 10, 1+i, 0, 0, 0, 0, time.UTC)
	}
	nan := math.NaN()
	r.People = append(r.People, analysis.Person{Rank: 15, ID: "p15", Name: "Nemo Unknown", Influence: nan, Reach: nan,
		Importance: nan, Status: nan, Tie: nan, PageRank: nan, Betweenness: nan, Harmonic: nan, Reach2: nan,
		Constraint: nan, EffectiveSize: nan, Seniority: nan})
	r.Organisations = []analysis.Group{
		{Name: "Αθηναϊκή Ζυθοποιία", People: 3, Influence: 0.51, Zones: map[analysis.Zone]int{"champion": 1}, Statuses: map[analysis.StatusLabel]int{"supporter": 1}},
		{Name: "other", People: 11, Influence: nan, Zones: map[analysis.Zone]int{}, Statuses: map[analysis.StatusLabel]int{}},
	}
	r.Communities = []analysis.Group{{Name: "ООО «Ромашка»", People: 14, Influence: 0.4, Zones: map[analysis.Zone]int{}, Statuses: map[analysis.StatusLabel]int{}}}
	r.Coverage.Limits = []analysis.Limit{analysis.LimitNoSecondDegree}
	return r
}

// pdfChanges are changes since a previous run naming people in three scripts.
func pdfChanges() *history.Changes {
	up, d := 0.71, 0.12
	return &history.Changes{
		From:      history.RunRef{Run: "20260307T060000Z", AsOf: "2026-03-07"},
		ZoneMoves: []history.Move{{Name: "Ελένη Παπαδοπούλου", From: "background", To: "key to engage"}},
		Risers:    []history.Move{{Name: "Пётр Ильич Сидоров", Influence: &up, Delta: &d, Zone: "ally"}},
		Entered:   2,
	}
}

func writeReportPDF(t *testing.T, r *analysis.Result, c *history.Changes, meta reports.Meta, po PDFOptions) []byte {
	t.Helper()
	var buf bytes.Buffer
	rep := reports.NewReport(r, c, meta)
	if err := WritePDF(&buf, rep, r, chart.MapOptions{HighInfluence: r.HighInfluence}, po); err != nil {
		t.Fatalf("WritePDF: %v", err)
	}
	return buf.Bytes()
}

// pdfSamples scores the LinkedIn samples of testdata, as a run does.
func pdfSamples(t *testing.T) *analysis.Result {
	t.Helper()
	ds, err := importers.Load([]importers.Source{{Name: "samples", FS: os.DirFS("../../testdata/linkedin/samples")}}, importers.Options{})
	if err != nil {
		t.Fatal(err)
	}
	r, err := analysis.Score(ds, analysis.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// reportTitles are the headings SPEC §4 asks of report.pdf, in order.
var reportTitles = []string{"Summary", "Stakeholder map", "Areas for improvement", "Champions", "At-risk ties",
	"Top by influence", "Top by reach", "Tiers", "Communities", "Organisations", "Data coverage", "Method"}

// The report of the scored LinkedIn samples has every section, in order, and the names
// as written, diacritics included.
func TestWritePDFSamples(t *testing.T) {
	r := pdfSamples(t)
	pdf := writeReportPDF(t, r, nil, reports.Meta{Version: "test", Inputs: []string{"samples"}}, PDFOptions{})
	text := extractText(t, pdf, 0, 0)
	at := 0
	for _, title := range append([]string{"Relationship map of Jordan Pike"}, reportTitles...) {
		i := strings.Index(text[at:], title)
		if i < 0 {
			t.Errorf("no %q after offset %d of the text", title, at)
			continue
		}
		at += i + len(title)
	}
	if !strings.Contains(text, "Zoë Brandt-Ilić") {
		t.Errorf("the text lacks %q", "Zoë Brandt-Ilić")
	}
	for _, p := range r.People {
		if !hasWords(text, p.Name) {
			t.Errorf("the text lacks the ranked %q", p.Name)
		}
	}
	n := pageCount(t, pdf)
	if !strings.Contains(text, fmt.Sprintf("page %d of %d", n, n)) {
		t.Errorf("no footer %q", fmt.Sprintf("page %d of %d", n, n))
	}
	// Each section is a bookmark: fpdf writes outline titles as UTF-16BE with a byte order mark.
	for _, title := range reportTitles {
		if !bytes.Contains(pdf, []byte("/Title ("+string(utf16BE(title))+")")) {
			t.Errorf("no bookmark %q", title)
		}
	}
}

func utf16BE(s string) []byte {
	out := []byte{0xfe, 0xff}
	for _, r := range s { // the titles are in the Basic Multilingual Plane
		out = append(out, byte(r>>8), byte(r))
	}
	return out
}

// Names in Latin with diacritics, Greek and Cyrillic come out of the PDF exactly as they
// went in: on the map (labels are one line each), in the tables, in the changes.
func TestWritePDFScripts(t *testing.T) {
	r := pdfResult()
	// Emoji lie outside the Basic Multilingual Plane, which fpdf's text cannot carry: they
	// are left out. Control characters become spaces.
	r.People[5].Company = "Rocket 🚀 Labs"
	r.People[6].Title = "Head\tof\nSales"
	pdf := writeReportPDF(t, r, pdfChanges(), reports.Meta{Top: 50}, PDFOptions{})
	text := extractText(t, pdf, 0, 0)
	for _, want := range []string{"Rocket Labs", "Head of Sales"} {
		if !hasWords(text, want) {
			t.Errorf("the text lacks %q", want)
		}
	}
	for _, name := range []string{"Zoë Brandt-Ilić", "Ελένη Παπαδοπούλου", "Пётр Ильич Сидоров", "Łukasz Żero", "Mårten Ångström", "Jürgen Weiß"} {
		if !strings.Contains(text, name) {
			t.Errorf("the text lacks %q", name)
		}
	}
	for _, words := range []string{"Αθηναϊκή Ζυθοποιία", "ООО «Ромашка»", "Генеральный директор", "Changes since the last run",
		"zone moves: 1", "Influence risers", "since run 20260307T060000Z"} {
		if !hasWords(text, words) {
			t.Errorf("the text lacks %q", words)
		}
	}
	if strings.Contains(text, "NaN") {
		t.Error("an unknown number is written as NaN")
	}
	if strings.Contains(text, "showing") {
		t.Error("a table under the cap says it shows only part")
	}
}

// The map PDF holds the title, the subtitle and the name of every labelled person.
func TestWriteMapPDFText(t *testing.T) {
	r := reporttest.SmallResult()
	var buf bytes.Buffer
	if err := WriteMapPDF(&buf, r, chart.MapOptions{HighInfluence: 0.6, Labels: 8}, PDFOptions{}); err != nil {
		t.Fatal(err)
	}
	if n := pageCount(t, buf.Bytes()); n != 1 {
		t.Errorf("the map has %d pages, want 1", n)
	}
	text := extractText(t, buf.Bytes(), 0, 0)
	for _, want := range []string{"Stakeholder map", "Maja Novak · as of 2026-03-14 · 16 people (1 unscored, not shown) · top 8 named",
		"high influence ≥ 0.6", "area for improvement", "size = reach"} {
		if !strings.Contains(text, want) {
			t.Errorf("the map's text lacks %q", want)
		}
	}
	for i, p := range r.People {
		switch {
		case math.IsNaN(p.Status):
		case i < 8 && !strings.Contains(text, p.Name):
			t.Errorf("rank %d %q is not named", p.Rank, p.Name)
		case i >= 8 && strings.Contains(text, p.Name):
			t.Errorf("rank %d %q is named, beyond the top 8", p.Rank, p.Name)
		}
	}
}

// A report too long for a page breaks its tables between rows: every page counts itself
// in its footer, continued tables repeat their header, and a wrapped cell stays whole.
func TestWritePDFPaginates(t *testing.T) {
	r := reporttest.SynthResult(t, 400, 3000, 7)
	const top = 60
	pdf := writeReportPDF(t, r, nil, reports.Meta{Top: top}, PDFOptions{})
	n := pageCount(t, pdf)

	// Bounds from the rows alone: a row is at least one line (15 pt with its padding) and
	// at most three here, on pages of 729 pt less headings and notes.
	rep := reports.NewReport(r, nil, reports.Meta{Top: top})
	rows := 0
	for _, s := range rep.Sections {
		rows += len(s.Rows)
	}
	lo, hi := 1+rows*15/729, 3+rows*35/600+len(rep.Sections)
	if n < lo || n > hi {
		t.Errorf("%d pages for %d table rows, want %d to %d", n, rows, lo, hi)
	}
	if rep.Sections[3].Total <= top {
		t.Fatalf("the synthetic export ranks only %d people; the test needs more than %d", rep.Sections[3].Total, top)
	}

	text := extractText(t, pdf, 0, 0)
	for i := 1; i <= n; i++ {
		if !strings.Contains(text, fmt.Sprintf("page %d of %d", i, n)) {
			t.Errorf("no footer %q", fmt.Sprintf("page %d of %d", i, n))
		}
	}
	if want := fmt.Sprintf("showing %d of %d — the full list is in ranked.csv", top, rep.Sections[3].Total); !strings.Contains(text, want) {
		t.Errorf("no %q under the capped table", want)
	}
	// Each page that continues a table repeats its header row.
	continued := 0
	for i := 2; i <= n; i++ {
		page := extractText(t, pdf, i, i)
		for _, s := range rep.Sections {
			if !strings.Contains(page, s.Title+" (continued)") {
				continue
			}
			continued++
			for _, c := range s.Columns {
				if !hasWords(page, c.Name) {
					t.Errorf("page %d continues %q without its header %q", i, s.Title, c.Name)
				}
			}
		}
	}
	if continued == 0 {
		t.Error("no table continues onto a second page")
	}
}

// num2 is a number cell as package reports' tables hold one: at most two decimals.
func num2(x float64) reports.Cell {
	return reports.Cell{Text: reports.Number(math.Round(x*100) / 100), Value: x}
}

// Rows are never split: each row's first and last words, far apart in a cell that wraps
// over several lines, are on the same page; numeric cells and headers repeat as they should.
func TestPDFTableRowsStayWhole(t *testing.T) {
	r := reporttest.SmallResult()
	var sb strings.Builder
	for i := range 30 {
		fmt.Fprintf(&sb, "filler%d ", i)
	}
	tab := reports.Table{ID: "long", Title: "Long rows", Note: "Rows that wrap.", Total: 300, FullIn: "ranked.csv",
		Columns: []reports.Column{{Name: "#", Numeric: true}, {Name: "name"}, {Name: "why"}, {Name: "score", Numeric: true}}}
	for i := range 80 {
		tab.Rows = append(tab.Rows, []reports.Cell{num2(float64(i + 1)), {Text: "Ελένη Παπαδοπούλου"},
			{Text: fmt.Sprintf("BEGIN%d %sEND%d", i, sb.String(), i)}, num2(float64(i) / 7)})
	}
	rep := &reports.Report{Title: "Rows", Sections: []reports.Table{tab}}
	var buf bytes.Buffer
	if err := WritePDF(&buf, rep, r, chart.MapOptions{HighInfluence: 0.6}, PDFOptions{}); err != nil {
		t.Fatal(err)
	}
	n := pageCount(t, buf.Bytes())
	if n < 4 {
		t.Fatalf("%d pages; 80 rows of 5 lines need more than 3", n)
	}
	pageOf := map[string]int{}
	for i := 1; i <= n; i++ {
		for _, w := range strings.Fields(extractText(t, buf.Bytes(), i, i)) {
			if strings.HasPrefix(w, "BEGIN") || strings.HasPrefix(w, "END") {
				if _, dup := pageOf[w]; dup {
					t.Errorf("%s occurs twice", w)
				}
				pageOf[w] = i
			}
		}
	}
	for i := range 80 {
		b, okb := pageOf[fmt.Sprintf("BEGIN%d", i)]
		e, oke := pageOf[fmt.Sprintf("END%d", i)]
		if !okb || !oke || b != e {
			t.Errorf("row %d: begins on page %d (%v), ends on page %d (%v)", i+1, b, okb, e, oke)
		}
	}
	text := extractText(t, buf.Bytes(), 0, 0)
	if !strings.Contains(text, "showing 80 of 300 — the full list is in ranked.csv") {
		t.Error("no note under the capped table")
	}
	if got := strings.Count(text, "Long rows (continued)"); got != n-2 && got != n-1 {
		t.Errorf("%d continuation titles on %d pages", got, n)
	}
}

// The same report twice gives the same bytes; the date is the as-of day unless given.
func TestWritePDFIsDeterministic(t *testing.T) {
	r := pdfResult()
	a := writeReportPDF(t, r, pdfChanges(), reports.Meta{}, PDFOptions{})
	b := writeReportPDF(t, pdfResult(), pdfChanges(), reports.Meta{}, PDFOptions{})
	if !bytes.Equal(a, b) {
		t.Error("two reports of the same result differ")
	}
	if !bytes.Contains(a, []byte("(D:20260314000000)")) {
		t.Error("the creation date is not the as-of day")
	}
	c := writeReportPDF(t, r, pdfChanges(), reports.Meta{}, PDFOptions{Created: time.Date(2026, 3, 15, 6, 0, 0, 0, time.UTC)})
	if !bytes.Contains(c, []byte("(D:20260315060000)")) {
		t.Error("the creation date given is not used")
	}

	var m1, m2 bytes.Buffer
	crowd, high := reporttest.CrowdResult(300)
	for _, buf := range []*bytes.Buffer{&m1, &m2} {
		if err := WriteMapPDF(buf, crowd, chart.MapOptions{HighInfluence: high}, PDFOptions{}); err != nil {
			t.Fatal(err)
		}
	}
	if !bytes.Equal(m1.Bytes(), m2.Bytes()) {
		t.Error("two map PDFs of the same result differ")
	}
}

// An empty result, one of unknown numbers only and one with no ego or date make a
// report, not a panic.
func TestWritePDFEmptyAndUnknown(t *testing.T) {
	nan := math.NaN()
	for name, r := range map[string]*analysis.Result{
		"nobody ranked": {Ego: analysis.Ego{Name: "Maja Novak"}, AsOf: time.Date(2026, 3, 14, 0, 0, 0, 0, time.UTC)},
		"all unknown": {People: []analysis.Person{{Rank: 1, ID: "x", Influence: nan, Reach: nan, Status: nan, Importance: nan, Tie: nan,
			PageRank: nan, Betweenness: nan, Harmonic: nan, Reach2: nan, Constraint: nan, EffectiveSize: nan, Seniority: nan, Dormant: true}},
			HighInfluence: nan},
	} {
		t.Run(name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := WritePDF(&buf, reports.NewReport(r, nil, reports.Meta{}), r, chart.MapOptions{}, PDFOptions{}); err != nil {
				t.Fatalf("WritePDF: %v", err)
			}
			if !bytes.HasPrefix(buf.Bytes(), []byte("%PDF-")) || !bytes.Contains(buf.Bytes(), []byte("%%EOF")) {
				t.Fatal("not a PDF")
			}
			buf.Reset()
			if err := WriteMapPDF(&buf, r, chart.MapOptions{}, PDFOptions{}); err != nil {
				t.Fatalf("WriteMapPDF: %v", err)
			}
			if _, err := exec.LookPath("pdfinfo"); err == nil {
				if n := pageCount(t, buf.Bytes()); n != 1 {
					t.Errorf("map of %d pages", n)
				}
			}
		})
	}
	if err := WritePDF(&bytes.Buffer{}, nil, nil, chart.MapOptions{}, PDFOptions{}); err == nil {
		t.Error("no error without a report")
	}
	if err := WriteMapPDF(&bytes.Buffer{}, reporttest.SmallResult(), chart.MapOptions{HighInfluence: 2}, PDFOptions{}); err == nil {
		t.Error("no error for high influence 2")
	}
}

// A user font replaces Liberation Sans for the PDF's text and the PNG's names; a file
// fpdf cannot embed is an error that says why, with nothing printed.
func TestPDFUserFont(t *testing.T) {
	r := pdfResult()
	serif := chart.Fonts{Regular: liberationserifregular.TTF}
	pdf := writeReportPDF(t, r, nil, reports.Meta{}, PDFOptions{Fonts: serif})
	// fpdf names an embedded font by its family: utf8 + the family relmap gives it.
	if !bytes.Contains(pdf, []byte("/FontName /utf8user")) {
		t.Error("the user's font is not embedded")
	}
	if _, err := exec.LookPath("pdftotext"); err == nil && !strings.Contains(extractText(t, pdf, 0, 0), "Ελένη Παπαδοπούλου") {
		t.Error("names do not render in the user's font")
	}
	var plain, user bytes.Buffer
	if err := chart.WriteMapPNG(&plain, r, chart.MapOptions{HighInfluence: 0.6}); err != nil {
		t.Fatal(err)
	}
	if err := chart.WriteMapPNG(&user, r, chart.MapOptions{HighInfluence: 0.6, Fonts: serif}); err != nil {
		t.Fatal(err)
	}
	if bytes.Equal(plain.Bytes(), user.Bytes()) {
		t.Error("the PNG ignores the user's font")
	}

	otf := append([]byte("OTTO"), make([]byte, 40)...)
	for name, f := range map[string]chart.Fonts{
		"CFF outlines": {Regular: otf},
		"collection":   {Regular: append([]byte("ttcf"), make([]byte, 40)...)},
		"garbage":      {Regular: []byte("not a font at all, really")},
		"truncated":    {Regular: liberationserifregular.TTF[:4000]},
	} {
		err := WriteMapPDF(&bytes.Buffer{}, r, chart.MapOptions{HighInfluence: 0.6}, PDFOptions{Fonts: f})
		if err == nil {
			t.Errorf("%s: no error", name)
			continue
		}
		if !strings.Contains(err.Error(), "font") {
			t.Errorf("%s: error %q does not name the font", name, err)
		}
	}
}

// BenchmarkWritePDF writes report.pdf of a LinkedIn-sized result: 30 000 people ranked
// (the connection cap), tables capped at the top 25, the map drawing every point.
func BenchmarkWritePDF(b *testing.B) {
	r, high := reporttest.CrowdResult(30000)
	r.HighInfluence = high
	rep := reports.NewReport(r, nil, reports.Meta{Top: 25})
	b.ReportAllocs()
	cpu := reporttest.CPUTime()
	for b.Loop() {
		var buf bytes.Buffer
		if err := WritePDF(&buf, rep, r, chart.MapOptions{HighInfluence: high}, PDFOptions{}); err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(buf.Len()), "bytes")
	}
	reporttest.ReportCPU(b, cpu)
}

func TestPDFTextSanitises(t *testing.T) {
	for in, want := range map[string]string{
		"Zoë Brandt-Ilić": "Zoë Brandt-Ilić", "Rocket 🚀 Labs": "Rocket \uFFFD Labs", "a\tb\nc": "a b c", "🚀": "\uFFFD", "𠮷野": "\uFFFD野", "": "",
	} {
		if got := pdfText(in); got != want {
			t.Errorf("pdfText(%q) = %q, want %q", in, got, want)
		}
	}
}

// A table of long words in many text columns stays within the page: the words break at an
// equal share of the width the numbers leave.
func TestPDFTableFitsPage(t *testing.T) {
	long := strings.Repeat("Wolfeschlegelsteinhausenbergerdorff", 3)
	tab := reports.Table{ID: "wide", Title: "Wide", Total: 2, FullIn: "ranked.csv",
		Columns: []reports.Column{{Name: "#", Numeric: true}, {Name: "name"}, {Name: "company"}, {Name: "title"}, {Name: "intro"}, {Name: "zone"}, {Name: "why"}}}
	for i := range 2 {
		tab.Rows = append(tab.Rows, []reports.Cell{num2(float64(i + 1)), {Text: long}, {Text: long}, {Text: long}, {Text: long}, {Text: long}, {Text: long}})
	}
	var buf bytes.Buffer
	if err := WritePDF(&buf, &reports.Report{Title: "Wide", Sections: []reports.Table{tab}}, reporttest.RankedResult(), chart.MapOptions{HighInfluence: 0.6}, PDFOptions{}); err != nil {
		t.Fatal(err)
	}
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		if os.Getenv("RELMAP_REQUIRE_TOOLS") == "1" {
			t.Fatal("pdftotext is missing and RELMAP_REQUIRE_TOOLS=1")
		}
		t.Skip("pdftotext (poppler-utils) is not installed")
	}
	path := filepath.Join(t.TempDir(), "wide.pdf")
	os.WriteFile(path, buf.Bytes(), 0o644)
	out, err := exec.Command(bin, "-bbox", path, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	right := regexp.MustCompile(`xMax="([0-9.]+)"`)
	for _, m := range right.FindAllStringSubmatch(string(out), -1) {
		if x, _ := strconv.ParseFloat(m[1], 64); x > 595-51+1 { // A4 is 595 pt wide, its margins 51 pt
			t.Fatalf("text reaches x = %v, past the page's right margin", x)
		}
	}
}
