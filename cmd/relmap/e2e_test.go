package main

import (
	"archive/zip"
	"bytes"
	"compress/gzip"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"github.com/relmap/relmap/importers"
	"github.com/relmap/relmap/synth"
	"html"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/relmap/relmap/analysis/history"
	"github.com/relmap/relmap/reports"
)

func runOK(t *testing.T, args ...string) string {
	t.Helper()
	var stdout, stderr bytes.Buffer
	if err := run(context.Background(), args, &stdout, &stderr); err != nil {
		t.Fatalf("relmap %s: %v\n%s", strings.Join(args, " "), err, stderr.String())
	}
	return stdout.String()
}

// Two runs on the same input give byte-identical CSV, JSON, SVG, HTML, GEXF and GraphML, and
// with --deterministic identical PDFs (SPEC §4).
func TestRunDeterministic(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	runOK(t, "run", "--deterministic", "--out", a, "../../testdata/linkedin/samples")
	runOK(t, "run", "--deterministic", "--out", b, "../../testdata/linkedin/samples")
	for _, name := range []string{"ranked.csv", "ranked.json", "stakeholder-map.svg", "influence-reach.svg", "report.html",
		"network.gexf", "network.graphml", "report.pdf", "stakeholder-map.pdf", "stakeholder-map.png", "influence-reach.png"} {
		x, err := os.ReadFile(filepath.Join(a, "latest", name))
		if err != nil {
			t.Fatal(err)
		}
		y, err := os.ReadFile(filepath.Join(b, "latest", name))
		if err != nil {
			t.Fatal(err)
		}
		if len(x) == 0 || !bytes.Equal(x, y) {
			t.Errorf("%s differs between two runs (%d vs %d bytes)", name, len(x), len(y))
		}
	}
	// Without --deterministic a PDF is dated by the run's time.
	c := t.TempDir()
	runOK(t, "run", "--out", c, "../../testdata/linkedin/samples")
	x, _ := os.ReadFile(filepath.Join(a, "latest", "report.pdf"))
	y, _ := os.ReadFile(filepath.Join(c, "latest", "report.pdf"))
	if bytes.Equal(x, y) {
		t.Error("report.pdf is the same with and without --deterministic: the flag changes nothing")
	}
	if made := pdfText(t, filepath.Join(c, "latest", "report.pdf")); !strings.Contains(made, "Made 20") {
		t.Error("report.pdf does not say when the run made it")
	}
	if strings.Contains(pdfText(t, filepath.Join(a, "latest", "report.pdf")), "Made 20") {
		t.Error("a --deterministic report.pdf names the time it was made")
	}
}

// The samples end to end: the owner is not ranked, the columns are SPEC §4's, every person
// appears once, and ranked.json carries the same rows and the coverage of every file.
func TestRunSamples(t *testing.T) {
	out := t.TempDir()
	runOK(t, "run", "--out", out, "../../testdata/linkedin/samples")
	f, err := os.Open(filepath.Join(out, "latest", "ranked.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(rows[0], ",") != strings.Join(reports.Columns, ",") {
		t.Fatalf("header %v", rows[0])
	}
	names := map[string]int{}
	for _, r := range rows[1:] {
		names[r[2]]++
	}
	if names["Jordan Pike"] != 0 {
		t.Error("the owner is ranked")
	}
	if names["Zoë Brandt-Ilić"] != 1 || names["Maren Holtby"] != 1 || names["Tobias Quell"] != 1 {
		t.Errorf("names %v", names)
	}
	var doc struct {
		SchemaVersion int    `json:"schema_version"`
		AsOf          string `json:"as_of"`
		Ego           struct{ Name string }
		People        []map[string]any
		Coverage      struct {
			Files []struct {
				Name    string
				Rows    int
				Skipped map[string]int
			}
		}
	}
	b, _ := os.ReadFile(filepath.Join(out, "latest", "ranked.json"))
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	if doc.SchemaVersion != 1 || doc.Ego.Name != "Jordan Pike" || doc.AsOf != "2026-02-11" || len(doc.People) != len(rows)-1 {
		t.Errorf("json: schema %d ego %q as_of %s people %d", doc.SchemaVersion, doc.Ego.Name, doc.AsOf, len(doc.People))
	}
	for i, p := range doc.People {
		if p["name"] != rows[i+1][2] || p["zone"] != rows[i+1][14] {
			t.Errorf("json row %d = %v %v, csv %v %v", i, p["name"], p["zone"], rows[i+1][2], rows[i+1][14])
		}
		for _, c := range reports.Columns {
			if _, ok := p[c]; !ok {
				t.Errorf("json row %d lacks %s", i, c)
			}
		}
	}
	total := 0
	for _, f := range doc.Coverage.Files {
		for _, n := range f.Skipped {
			total += n
		}
	}
	if len(doc.Coverage.Files) != 6 || total != 4 {
		t.Errorf("coverage: %d files, %d rows skipped; want 6 and 4 (ghost, draft, member, sponsored)", len(doc.Coverage.Files), total)
	}
	target, err := os.Readlink(filepath.Join(out, "latest"))
	if err != nil || !strings.HasPrefix(target, "runs"+string(filepath.Separator)) {
		t.Errorf("latest -> %q, %v", target, err)
	}
}

// TestSynthTruth runs relmap on a `relmap synth` export and measures it against the planted
// truth: status labels and their signals follow SPEC §3.4 on the evidence written, so they must
// agree person by person; zones also rest on the influence quartile, so their precision and
// recall are reported per zone (the bar for them is set with the scoring model).
func TestSynthTruth(t *testing.T) {
	dir := t.TempDir()
	zipPath := filepath.Join(dir, "Complete_LinkedInDataExport_03-14-2026.zip")
	runOK(t, "synth", "--connections", "500", "--messages", "4000", "--seed", "7", "-o", zipPath)
	runOK(t, "run", "--out", filepath.Join(dir, "out"), zipPath)

	zr, err := zip.OpenReader(zipPath)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	tf, err := zr.Open("TRUTH.json")
	if err != nil {
		t.Fatal(err)
	}
	var truth synth.Truth
	if err := json.NewDecoder(tf).Decode(&truth); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join(dir, "out", "latest", "ranked.json"))
	if err != nil {
		t.Fatal(err)
	}
	var got struct {
		Ego    struct{ Name string }
		People []struct {
			Name        string `json:"name"`
			Zone        string `json:"zone"`
			StatusLabel string `json:"status_label"`
			StatusBasis string `json:"status_basis"`
			Influence   float64
		} `json:"people"`
	}
	if err := json.Unmarshal(b, &got); err != nil {
		t.Fatal(err)
	}
	if got.Ego.Name != truth.Owner.Name {
		t.Errorf("ego %q, planted owner %q", got.Ego.Name, truth.Owner.Name)
	}
	byName := map[string]int{}
	for i, p := range got.People {
		byName[p.Name] = i
	}
	zones := []string{"champion", "area for improvement", "key to engage", "ally", "watch", "background"}
	tp, planted, predicted := map[string]int{}, map[string]int{}, map[string]int{}
	statusAgree, missing := 0, 0
	for _, tp0 := range truth.People {
		i, ok := byName[tp0.Name]
		if !ok {
			missing++
			t.Errorf("planted %s (%s) is not ranked", tp0.Name, tp0.Zone)
			continue
		}
		p := got.People[i]
		planted[tp0.Zone]++
		predicted[p.Zone]++
		if p.Zone == tp0.Zone {
			tp[p.Zone]++
		}
		wantBasis := "none"
		if len(tp0.Signals) > 0 {
			wantBasis = strings.Join(tp0.Signals, ", ")
		}
		if (p.StatusLabel == tp0.Status || tp0.Status == "neutral" && len(tp0.Signals) == 0 && p.StatusLabel == "unknown") && p.StatusBasis == wantBasis {
			statusAgree++
		} else {
			t.Errorf("%s: status %s (%s), planted %s (%s)", tp0.Name, p.StatusLabel, p.StatusBasis, tp0.Status, wantBasis)
		}
	}
	if len(got.People) != len(truth.People) {
		t.Errorf("ranked %d people, planted %d", len(got.People), len(truth.People))
	}
	t.Logf("status agrees for %d of %d planted people", statusAgree, len(truth.People))
	t.Logf("%-22s %8s %8s %9s %7s", "zone", "planted", "found", "precision", "recall")
	for _, z := range zones {
		prec, rec := ratio(tp[z], predicted[z]), ratio(tp[z], planted[z])
		t.Logf("%-22s %8d %8d %9.2f %7.2f", z, planted[z], predicted[z], prec, rec)
	}
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// A zip as downloaded, with the files one folder deep, is read like the folder; its name
// gives the as-of day; --excel starts the CSV with a byte-order mark.
func TestRunZipNested(t *testing.T) {
	dir := t.TempDir()
	zipPath := filepath.Join(dir, "Basic_LinkedInDataExport_03-20-2026.zip")
	zf, err := os.Create(zipPath)
	if err != nil {
		t.Fatal(err)
	}
	zw := zip.NewWriter(zf)
	entries, _ := os.ReadDir("../../testdata/linkedin/samples")
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join("../../testdata/linkedin/samples", e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		w, _ := zw.Create("Basic_LinkedInDataExport_03-20-2026/" + e.Name())
		w.Write(b)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	zf.Close()
	out := filepath.Join(dir, "out")
	stdout := runOK(t, "run", "--excel", "--out", out, zipPath)
	if !strings.Contains(stdout, "as of 2026-03-20 (export name)") || !strings.Contains(stdout, "ranked 6 people") {
		t.Errorf("summary:\n%s", stdout)
	}
	b, err := os.ReadFile(filepath.Join(out, "latest", "ranked.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(b, []byte("\xEF\xBB\xBFrank,id,name,")) {
		t.Errorf("ranked.csv starts %q, want a BOM and the header", b[:20])
	}
}

// A second run repoints latest and keeps the first run's folder.
func TestRunTwiceKeepsRuns(t *testing.T) {
	out := t.TempDir()
	runOK(t, "run", "--out", out, "../../testdata/linkedin/samples")
	first, _ := os.Readlink(filepath.Join(out, "latest"))
	runOK(t, "run", "--out", out, "../../testdata/linkedin/samples")
	second, _ := os.Readlink(filepath.Join(out, "latest"))
	runs, _ := os.ReadDir(filepath.Join(out, "runs"))
	if first == second || len(runs) != 2 {
		t.Errorf("latest %s then %s; %d runs kept", first, second, len(runs))
	}
	if _, err := os.Stat(filepath.Join(out, first, "ranked.csv")); err != nil {
		t.Errorf("first run lost: %v", err)
	}
}

// relmap explain reads the last run's inputs again and prints the whole breakdown.
func TestExplainCommand(t *testing.T) {
	out := t.TempDir()
	runOK(t, "run", "--out", out, "../../testdata/linkedin/samples")
	got := runOK(t, "explain", "--out", out, "https://www.linkedin.com/in/tobiasquell")
	for _, want := range []string{
		"Tobias Quell (cb6ec2f3f995) — Partner, Quell, Ostrander & Partners",
		"rank 1 of 6 · champion",
		"recommendation  +0.60  they recommended you",
		"2021-09-14  recommendation               5 × 0.05 = 0.25",
		"intro path 1: via Ines Varga, PhD",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("explain lacks %q:\n%s", want, got)
		}
	}
	var stdout, stderr bytes.Buffer
	err := run(context.Background(), []string{"explain", "--out", out, "Nobody Here"}, &stdout, &stderr)
	if err == nil || !strings.Contains(err.Error(), `"Nobody Here" names no one`) {
		t.Errorf("explain of no one: %v", err)
	}
}

func TestTeamFolders(t *testing.T) {
	got := strings.Join(teamFolders([]string{"R&D", "R+D", "***", "Sales", "r d"}), ",")
	if got != "r-d,r-d-2,team,sales,r-d-3" {
		t.Errorf("folders %s", got)
	}
}

// With --pseudonymize no name, e-mail or profile URL of the input appears in any output file
// or in what relmap prints (issue 5's acceptance, for the outputs there are today).
func TestPseudonymize(t *testing.T) {
	out := t.TempDir()
	// The generic tables from a folder whose name is a person's, beside a file relmap does not
	// read that names one too: paths are withheld like names (issue 16, item 9).
	private := filepath.Join(t.TempDir(), "Jane Doe private")
	for _, f := range []string{"people.csv", "interactions.csv"} {
		b, err := os.ReadFile("../../testdata/generic/" + f)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.MkdirAll(private, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(private, f), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(private, "Jane Doe notes.txt"), []byte("notes"), 0o644); err != nil {
		t.Fatal(err)
	}
	inputs := []string{"../../testdata/linkedin/samples", "people=" + filepath.Join(private, "people.csv"), private}
	var stdout, stderr bytes.Buffer
	// Twice, with the ego named and a team member listed in the config, so that the history
	// holds two runs, a diff.json is written and the config is recorded.
	cfg := filepath.Join(t.TempDir(), "relmap.yaml")
	if err := os.WriteFile(cfg, []byte("team: [Ines Varga]\nignore:\n  names: [Tobias Quell]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for range 2 {
		args := append([]string{"run", "--pseudonymize", "--salt", "test-salt", "--config", cfg, "--out", out}, inputs...)
		if err := run(context.Background(), args, &stdout, &stderr); err != nil {
			t.Fatalf("%v\n%s", err, stderr.String())
		}
	}
	var srcs []importers.Source
	for _, in := range []string{"../../testdata/linkedin/samples", "../../testdata/generic/people.csv", "../../testdata/generic/interactions.csv"} {
		opened, closeFn, err := openInput(inputConfig{Path: in}, limitsConfig{}, "", slog.New(slog.DiscardHandler))
		if err != nil {
			t.Fatal(err)
		}
		defer closeFn()
		srcs = append(srcs, opened...)
	}
	ds, err := importers.Load(srcs, importers.Options{})
	if err != nil {
		t.Fatal(err)
	}
	secrets := []string{"Jane Doe"}
	for _, p := range ds.People {
		secrets = append(secrets, p.Name, p.Email, p.ID) // ids are unsalted hashes of addresses
		if _, slug, ok := strings.Cut(p.URL, "/in/"); ok {
			secrets = append(secrets, slug)
		}
	}
	texts := map[string]string{"stdout": stdout.String(), "stderr": stderr.String()}
	filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() {
			b, _ := os.ReadFile(p)
			texts[p] = string(b)
			if strings.HasSuffix(p, ".pdf") { // its text is compressed: read it as a reader would
				texts[p+" (text)"] = pdfText(t, p)
			}
		}
		return nil
	})
	// The history, read through SQLite as well as byte by byte above.
	st, err := history.Open(filepath.Join(out, "history.db"))
	if err != nil {
		t.Fatal(err)
	}
	abs, _ := filepath.Abs(out)
	runs, _ := st.Runs(abs)
	if len(runs) != 2 {
		t.Fatalf("%d runs in the history, want 2", len(runs))
	}
	for _, r := range runs {
		texts["history run "+r.ID] = fmt.Sprintf("%+v", r)
		scores, _ := st.Scores(r.ID, "")
		texts["history scores "+r.ID] = fmt.Sprintf("%+v", scores)
	}
	st.Close()
	if _, ok := texts[filepath.Join(out, "latest", "diff.json")]; !ok && !fileExists(filepath.Join(out, "latest", "diff.json")) {
		t.Error("no diff.json in the second run")
	}
	checked := 0
	for _, s := range secrets {
		if len(s) < 5 {
			continue
		}
		checked++
		for name, text := range texts {
			if strings.Contains(text, s) || strings.Contains(text, html.EscapeString(s)) {
				t.Errorf("%q appears in %s", s, name)
			}
		}
	}
	if checked < 15 || len(texts) < 6 {
		t.Fatalf("checked %d secrets in %d outputs", checked, len(texts))
	}
	// The same salt gives the same tokens next run; explain refuses a pseudonymized run.
	if err := run(context.Background(), []string{"explain", "--out", out, "x"}, io.Discard, io.Discard); err == nil || !strings.Contains(err.Error(), "pseudonymized") {
		t.Errorf("explain on a pseudonymized run: %v", err)
	}
}

// Flags win over RELMAP_* variables, which win over the config file; --print-config shows the
// result, the model's parameters included.
func TestConfigLayers(t *testing.T) {
	dir := t.TempDir()
	cfg := filepath.Join(dir, "relmap.yaml")
	if err := os.WriteFile(cfg, []byte("tz: UTC\nlabels: 3\nout: from-file\nmodel:\n  half_life: 90\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Setenv("RELMAP_TZ", "Europe/Berlin")
	t.Setenv("RELMAP_LABELS", "5")
	got := runOK(t, "run", "--config", cfg, "--labels", "9", "--print-config")
	for _, want := range []string{"tz: Europe/Berlin", "labels: 9", "out: from-file", "half_life: 90.0", "pivots: 2048"} {
		if !strings.Contains(got, want+"\n") {
			t.Errorf("effective config lacks %q:\n%.600s", want, got)
		}
	}
	t.Setenv("RELMAP_CONFIG", cfg)
	if got := runOK(t, "run", "--print-config"); !strings.Contains(got, "half_life: 90.0\n") {
		t.Errorf("RELMAP_CONFIG not read:\n%.300s", got)
	}
	c, err := loadConfig(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if o := c.analysisOptions(); o.HalfLife != 90 || o.Floor != 0.05 {
		t.Errorf("model options %+v", o)
	}
}

// min_group in the config reaches the tables of ranked.json: no row describes fewer people.
func TestMinGroup(t *testing.T) {
	dir := t.TempDir()
	cfg := filepath.Join(dir, "relmap.yaml")
	if err := os.WriteFile(cfg, []byte("min_group: 40\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "out")
	runOK(t, "demo", "--quiet", "--config", cfg, "--out", out)
	b, err := os.ReadFile(filepath.Join(out, "latest", "ranked.json"))
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		MinGroup    int `json:"min_group"`
		Communities []struct {
			Name   string
			People int
		}
		Organisations []struct {
			Name   string
			People int
		}
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	if doc.MinGroup != 40 || len(doc.Communities) == 0 || len(doc.Organisations) == 0 {
		t.Fatalf("min_group %d, %d communities, %d organisations", doc.MinGroup, len(doc.Communities), len(doc.Organisations))
	}
	for _, g := range append(doc.Communities, doc.Organisations...) {
		if g.People < 40 {
			t.Errorf("%s: a row of %d people under min_group 40", g.Name, g.People)
		}
	}
}

// --log-format json writes one JSON object per line on stderr, with the time, the level and
// the message, for a log collector; text lines carry no time (SPEC §5).
func TestJSONLogs(t *testing.T) {
	var stdout, stderr bytes.Buffer
	args := []string{"run", "--log-format", "json", "--out", t.TempDir(), "../../testdata/linkedin/bad"}
	if err := run(context.Background(), args, &stdout, &stderr); err != nil {
		t.Fatalf("%v\n%s", err, stderr.String())
	}
	levels := map[string]int{}
	for _, line := range strings.Split(strings.TrimSpace(stderr.String()), "\n") {
		var rec struct {
			Time  time.Time `json:"time"`
			Level string    `json:"level"`
			Msg   string    `json:"msg"`
		}
		if err := json.Unmarshal([]byte(line), &rec); err != nil || rec.Time.IsZero() || rec.Msg == "" {
			t.Errorf("not a JSON log line (%v): %s", err, line)
		}
		levels[rec.Level]++
	}
	if levels["WARN"] == 0 || levels["INFO"] != 1 {
		t.Errorf("levels %v: want the bad row's warning and one info (run committed)", levels)
	}
	stderr.Reset()
	runOK(t, "run", "--out", t.TempDir(), "../../testdata/linkedin/bad")
	args[2] = "text"
	if err := run(context.Background(), args, &stdout, &stderr); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(stderr.String(), "level=WARN msg=") || strings.Contains(stderr.String(), "time=") {
		t.Errorf("text logs: %s", stderr.String())
	}
}

// pdfText is a PDF's text by pdftotext (poppler-utils); the test skips without it, unless
// RELMAP_REQUIRE_TOOLS=1.
func pdfText(t *testing.T, path string) string {
	t.Helper()
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		if os.Getenv("RELMAP_REQUIRE_TOOLS") == "1" {
			t.Fatal("pdftotext (poppler-utils) is missing and RELMAP_REQUIRE_TOOLS=1")
		}
		t.Skip("pdftotext (poppler-utils) is not installed: cannot read the PDFs' text")
	}
	b, err := exec.Command(bin, "-enc", "UTF-8", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext %s: %v", path, err)
	}
	if len(b) < 20 {
		t.Fatalf("pdftotext %s: only %q", path, b)
	}
	return string(b)
}

// A run of every team's map writes the organisation's whole network once, in the run's
// folder, every person with their team; pseudonymized, it names no one.
func TestTeamsNetwork(t *testing.T) {
	out := t.TempDir()
	runOK(t, "run", "--quiet", "--ego", "team:*", "--pseudonymize", "--salt", "s", "--out", out,
		"../../testdata/generic/people.csv", "../../testdata/generic/interactions.csv")
	gexf := string(readGzip(t, filepath.Join(out, "latest", "network.gexf.gz")))
	if !strings.Contains(string(readGzip(t, filepath.Join(out, "latest", "network.graphml.gz"))), "<graphml") {
		t.Error("network.graphml.gz holds no GraphML")
	}
	if teams, _ := filepath.Glob(filepath.Join(out, "latest", "teams", "*", "network.gexf*")); len(teams) != 0 {
		t.Errorf("network files per team: %v", teams)
	}
	if !strings.Contains(gexf, `for="team_name" value="Data"`) || !strings.Contains(gexf, `for="team_name" value="Sales"`) {
		t.Error("network.gexf does not carry the people's teams")
	}
	for _, name := range []string{"Ana Ruiz", "Bo Chan", "Carla Méndez", "ana@example.com"} {
		if strings.Contains(gexf, name) {
			t.Errorf("network.gexf names %s in a pseudonymized run", name)
		}
	}
	if n := strings.Count(gexf, "<node "); n != 7 { // testdata/generic/people.csv has 7 people, the interactions no one else
		t.Errorf("%d nodes in the organisation's network", n)
	}
}

// A second `relmap run .` inside an unpacked export reads the export, never the first run's
// output: byte-identical ranked.csv, and no declared status (SPEC §2.5a; issue 14).
func TestRunTwiceInsideExport(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "export")
	if err := os.CopyFS(dir, os.DirFS("../../testdata/linkedin/samples")); err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
	var ranked [2][]byte
	for i := range ranked {
		var stdout, stderr bytes.Buffer
		if err := run(context.Background(), []string{"run", "--quiet", "."}, &stdout, &stderr); err != nil {
			t.Fatalf("run %d: %v\n%s", i+1, err, stderr.String())
		}
		b, err := os.ReadFile(filepath.Join("out", "latest", "ranked.csv"))
		if err != nil {
			t.Fatal(err)
		}
		ranked[i] = b
	}
	if !bytes.Equal(ranked[0], ranked[1]) {
		t.Errorf("ranked.csv differs between the two runs:\n%s\n---\n%s", ranked[0], ranked[1])
	}
	if bytes.Contains(ranked[1], []byte("declared")) {
		t.Errorf("the second run declares a status or influence:\n%s", ranked[1])
	}
	runs, _ := filepath.Glob(filepath.Join("out", "runs", "*"))
	if len(runs) != 2 {
		t.Errorf("%d runs, want 2", len(runs))
	}
}

// readGzip is the content of a gzip-compressed file.
func readGzip(t *testing.T, path string) []byte {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	z, err := gzip.NewReader(f)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	b, err := io.ReadAll(z)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return b
}
