package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/x/beamx"

	"github.com/relmap/relmap/fold"
	"github.com/relmap/relmap/importers"
)

// TestMain parses Beam's flags and initialises Beam as main does: with prism's loopback
// environment the pipelines' workers run inside this test binary.
func TestMain(m *testing.M) {
	flag.Parse()
	beam.Init()
	os.Exit(m.Run())
}

const header = "time,from,to,cc,channel,conversation,weight,sentiment\n"

// shards is the small hand-made input: three shards and a file of another kind. Rows marked
// "dup" repeat in more than one shard, so that only the first shard (by name) counts them.
var shards = map[string]string{
	"a.csv": header +
		"2025-03-16T14:00:00Z,alice,bob;carol;dave,,meeting,standup,1,\n" + // a meeting of four
		"2025-03-15T00:18:40Z,alice,bob,,email,t1,1,0.5\n" + // out of time order; dup (b.csv twice)
		"2025-03-15T09:00:00Z,alice,bob;carol;dave,,chat,g1,2,\n" + // a group row
		"2025-03-15T10:00:00Z,bob,carol,\"erin;smith, j\",email,t2,,-0.25\n" + // cc; a key that needs quoting
		"2025-03-15T23:30:00Z,carol,alice,,message,,1,1\n" + // a different day in Europe/Paris
		"not-a-date,alice,bob,,email,t1,1,\n" + // skipped: bad date
		"2025-03-16T15:00:00Z,bob,alice,,call,,1,\n" + // a call: no ask
		"2025-03-14T08:00:00Z,dave,alice,,email,t3,abc,\n" + // skipped: bad weight
		"2025-03-14T08:05:00Z,dave,alice,,email,t3,1,2\n", // skipped: sentiment out of range
	"b.csv": header +
		"2025-03-15T00:18:10Z,alice,bob,,email,t1,1,0.5\n" + // dup of a.csv's (same minute): not counted
		"2025-03-15T00:18:55Z,alice,bob,,email,t1,1,0.5\n" + // same again
		"2025-03-17T11:00:00Z,erin,bob,,email,t4,1,-1\n" + // dup: twice here, once in c.csv → counts twice
		"2025-03-17T11:00:30Z,erin,bob,,email,t4,1,-1\n" +
		"2025-03-12T08:00:00Z,ceo," + recipients(25) + ",,email,allhands,1,\n" + // a broadcast
		"2025-03-18T08:00:00Z,ceo," + recipients(19) + ",,email,staff,1,0.2\n" + // 20 people: not a broadcast
		"2025-03-17T12:00:00Z,Zoë,Émile,,chat,,0.5,\n",
	"c.csv": header +
		"2025-03-17T11:00:00Z,erin,bob,,email,t4,1,-1\n" + // dup of b.csv's: not counted
		"2025-03-19T09:00:00Z,bob,alice,,email,t1,1,0.1\n" +
		"2025-03-19T09:00:00Z,bob,alice,,email,t1,1,0.1\n" + // a repeat within one file counts
		"2025-03-19T09:10:00Z,bob,alice;carol,,email,t1,1,\n",
	"notes.csv": "id,note\n1,hello\n", // no interactions header: skipped by both folds
}

func recipients(n int) string {
	var keys []string
	for i := range n {
		keys = append(keys, fmt.Sprintf("staff%02d", i))
	}
	return strings.Join(keys, ";")
}

func TestFoldMatchesLocal(t *testing.T) {
	requirePrism(t)
	dir := t.TempDir()
	files := writeFiles(t, dir, shards)
	for _, tc := range []struct {
		name string
		f    flags
	}{
		{"utc", flags{tz: "UTC", maxParticipants: 20}},
		{"paris", flags{tz: "Europe/Paris", maxParticipants: 20}},
		{"as-of", flags{tz: "UTC", asOf: "2025-03-16", maxParticipants: 20}},
		{"small-groups", flags{tz: "UTC", maxParticipants: 3}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := tc.f
			f.inputs = []string{filepath.Join(dir, "*.csv")}
			f.output = filepath.Join(t.TempDir(), "out", "pairs.csv")
			got, log := beamFold(t, &f)
			want, rep := localFold(t, files, &f)
			compare(t, got, want)
			if !strings.Contains(log, fmt.Sprintf("%d rows folded, %d duplicates", rep.Rows, rep.Duplicates)) ||
				!strings.Contains(log, fmt.Sprintf("%d broadcasts", rep.Broadcasts)) || !strings.Contains(log, fmt.Sprintf("%d units written", rep.Units)) {
				t.Errorf("report %q does not give FoldInteractions' counts %+v", log, rep)
			}
		})
	}
}

// TestFoldRelative names the inputs relative to the working directory, some with ./ before
// them, as a user would; relmap fold names them without it.
func TestFoldRelative(t *testing.T) {
	requirePrism(t)
	dir := t.TempDir()
	t.Chdir(dir)
	if err := os.Mkdir("sub", 0o755); err != nil {
		t.Fatal(err)
	}
	writeFiles(t, dir, map[string]string{"a.csv": shards["a.csv"], "sub/b.csv": shards["b.csv"], "c.csv": shards["c.csv"]})
	f := flags{inputs: []string{"./sub/b.csv", "./*.csv", "c.csv"}, output: "out/pairs.csv", tz: "UTC", maxParticipants: 20}
	got, _ := beamFold(t, &f)
	want, rep := localFold(t, []string{"a.csv", "c.csv", "sub/b.csv"}, &f)
	if rep.Duplicates == 0 {
		t.Fatalf("no duplicates: %+v", rep)
	}
	compare(t, got, want)
}

func TestFoldCounts(t *testing.T) {
	requirePrism(t)
	dir := t.TempDir()
	writeFiles(t, dir, shards)
	f := flags{inputs: []string{filepath.Join(dir, "[abc].csv")}, output: filepath.Join(dir, "pairs.csv"), tz: "UTC", maxParticipants: 20}
	_, log := beamFold(t, &f)
	// Counted by hand from shards: 9 + 7 + 4 rows read, 3 of them skipped as unreadable
	// (a.csv), 3 duplicates (b.csv twice, c.csv once), one broadcast.
	want := "3 interactions file(s), 14 rows folded, 3 duplicates (counted in the file whose name sorts first), 1 broadcasts left out, 0 rows after --as-of left out, 3 rows skipped as unreadable"
	if !strings.Contains(log, want) {
		t.Errorf("report:\n%s\nwant it to contain\n%s", log, want)
	}
}

// TestFoldSynthetic folds 20 000 generated rows in 8 shards, with duplicates across and within
// shards, broadcasts, meetings, calls and sentiment.
func TestFoldSynthetic(t *testing.T) {
	requirePrism(t)
	dir := t.TempDir()
	files := writeFiles(t, dir, synthShards(20000, 8, rand.New(rand.NewPCG(1, 2))))
	f := flags{inputs: []string{filepath.Join(dir, "shard-*.csv")}, output: filepath.Join(dir, "pairs.csv"), tz: "America/New_York", maxParticipants: 20}
	got, _ := beamFold(t, &f)
	want, rep := localFold(t, files, &f)
	if rep.Duplicates == 0 || rep.Broadcasts == 0 || rep.Units < 10000 {
		t.Fatalf("the generated input does not exercise the fold: %+v", rep)
	}
	compare(t, got, want)
}

func TestBadInput(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"a.csv": shards["a.csv"], "notes.csv": shards["notes.csv"]})
	out := filepath.Join(dir, "pairs.csv")
	for _, tc := range []struct {
		name string
		f    flags
		want string
	}{
		{"no input", flags{output: out, tz: "UTC", maxParticipants: 20}, "--input: name at least one"},
		{"no output", flags{inputs: []string{dir + "/a.csv"}, tz: "UTC", maxParticipants: 20}, "--output: name the file"},
		{"no match", flags{inputs: []string{dir + "/a.csv", dir + "/zz*.csv"}, output: out, tz: "UTC", maxParticipants: 20}, "zz*.csv: no file matches"},
		{"missing file", flags{inputs: []string{dir + "/missing.csv"}, output: out, tz: "UTC", maxParticipants: 20}, "missing.csv: no file matches"},
		{"bad glob", flags{inputs: []string{dir + "/[.csv"}, output: out, tz: "UTC", maxParticipants: 20}, "syntax error in pattern"},
		{"unknown scheme", flags{inputs: []string{"hdfs://x/a.csv"}, output: out, tz: "UTC", maxParticipants: 20}, `scheme "hdfs" not registered`},
		{"output scheme", flags{inputs: []string{dir + "/a.csv"}, output: "ftp://x/pairs.csv", tz: "UTC", maxParticipants: 20}, `scheme "ftp" not registered`},
		{"tz", flags{inputs: []string{dir + "/a.csv"}, output: out, tz: "Mars/Olympus", maxParticipants: 20}, `--tz "Mars/Olympus": want an IANA time zone`},
		{"as-of", flags{inputs: []string{dir + "/a.csv"}, output: out, tz: "UTC", asOf: "15/03/2025", maxParticipants: 20}, "--as-of \"15/03/2025\": want a date"},
		{"max", flags{inputs: []string{dir + "/a.csv"}, output: out, tz: "UTC", maxParticipants: 1}, "--max-participants 1: want 2 or more"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := run(context.Background(), &tc.f, &bytes.Buffer{})
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("run: %v, want an error with %q", err, tc.want)
			}
		})
	}
	if _, err := os.Stat(out); err == nil {
		t.Errorf("%s was written", out)
	}
}

// TestFailedRun covers inputs that only the pipeline can find wrong: they fail the job with the
// file's name, and write nothing.
func TestFailedRun(t *testing.T) {
	requirePrism(t)
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"notes.csv": shards["notes.csv"]})
	if err := os.Mkdir(filepath.Join(dir, "folder.csv"), 0o755); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "pairs.csv")
	for _, tc := range []struct {
		name, input, want string
	}{
		{"no interactions", "notes.csv", "no interactions file among the inputs"},
		{"unreadable", "folder.csv", "folder.csv: read "},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := flags{inputs: []string{filepath.Join(dir, tc.input)}, output: out, tz: "UTC", maxParticipants: 20}
			err := run(context.Background(), &f, &bytes.Buffer{})
			if err == nil || !strings.HasPrefix(err.Error(), "the pipeline failed: ") || !strings.Contains(err.Error(), tc.want) || strings.Contains(err.Error(), "\n") {
				t.Errorf("run: %v, want one line with %q", err, tc.want)
			}
			if _, err := os.Stat(out); err == nil {
				t.Errorf("%s was written", out)
			}
		})
	}
}

func TestFlags(t *testing.T) {
	fs := flag.NewFlagSet("relmap-fold", flag.ContinueOnError)
	f := addFlags(fs)
	err := fs.Parse([]string{"--input", "a.csv, b/*.csv", "--input=gs://x/c-*.csv", "--output", "out.csv", "--as-of", "2025-03-31"})
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := f.config()
	if err != nil {
		t.Fatal(err)
	}
	want := config{Inputs: []string{"a.csv", "b/*.csv", "gs://x/c-*.csv"}, Output: "out.csv", TZ: "UTC", AsOf: "2025-03-31", MaxParticipants: 20}
	if fmt.Sprint(cfg) != fmt.Sprint(want) {
		t.Errorf("config %+v, want %+v", cfg, want)
	}
}

func TestCoders(t *testing.T) {
	r := shardRow{Rank: 7, Digest: [16]byte{1, 2, 3}}
	r.Row.From, r.Row.To, r.Row.Day, r.Row.Conv, r.Row.Channel = "a", []string{"b", "ç, d"}, -3, "t", "email"
	r.Row.Weight, r.Row.Sentiment = 1.0/3, nanSentiment()
	rows := rowBatch{Rows: []shardRow{r, {Rank: 1 << 40}}}
	rows.Rows[1].Row.To = []string{}
	got, err := decodeRowBatch(encodeRowBatch(rows))
	if err != nil || fmt.Sprint(got) != fmt.Sprint(rows) {
		t.Errorf("rowBatch round trip: %+v, %v; want %+v", got, err, rows)
	}
	b := encodeRowBatch(rows)
	for i := range b {
		if _, err := decodeRowBatch(b[:i]); err == nil {
			t.Fatalf("decodeRowBatch of %d of %d bytes: no error", i, len(b))
		}
	}
	u := fold.KeyedUnit{A: "a", B: "b", Day: 20000, Conv: "c", Channel: "chat", Tally: fold.Tally{Direct: 0.1, Sender: 2.0 / 3, K: 3,
		Asks: [2]int32{1, 2}, Sentiments: [2]int32{3, 4}, SentimentSums: [2]int64{-3e6, 4e6}}}
	units := unitBatch{Units: []fold.KeyedUnit{u, {}}}
	gotUnits, err := decodeUnitBatch(encodeUnitBatch(units))
	if err != nil || fmt.Sprint(gotUnits) != fmt.Sprint(units) {
		t.Errorf("unitBatch round trip: %+v, %v; want %+v", gotUnits, err, units)
	}
}

// TestDuplicateKeyMinute guards what the pipeline's grouping by day relies on: rows in two
// minutes never share a duplicate key, however close.
func TestDuplicateKeyMinute(t *testing.T) {
	for _, at := range []time.Time{time.Date(2025, 3, 15, 12, 0, 59, 0, time.UTC), time.Date(2025, 3, 15, 23, 59, 59, 0, time.UTC)} {
		a := importers.RawInteraction{Time: at, Row: fold.KeyedRow{From: "a", To: []string{"b"}, Channel: "email"}}
		b := a
		b.Time = at.Add(time.Second)
		if a.DuplicateKey() == b.DuplicateKey() {
			t.Errorf("rows at %s and %s share the duplicate key %q", a.Time, b.Time, a.DuplicateKey())
		}
	}
}

// TestWriteMerged checks the writer's k-way merge against fold.Write on the same units sorted
// and merged by hand: runs overlap, one key's units come from two runs, a run arrives unsorted.
func TestWriteMerged(t *testing.T) {
	u := func(a, b string, day int32, ch string, direct, sender float64, k int32, asks [2]int32) fold.KeyedUnit {
		return fold.KeyedUnit{A: a, B: b, Day: day, Conv: "c", Channel: ch, Tally: fold.Tally{Direct: direct, Sender: sender, K: k, Asks: asks}}
	}
	runs := [][]fold.KeyedUnit{
		{u("a", "b", 1, "email", 1, 0, 2, [2]int32{1, 0}), u("a", "c", 2, "chat", 1, 0, 2, [2]int32{})},
		{},
		{u("a", "c", 2, "call", 2, 0, 2, [2]int32{}), u("a", "b", 1, "chat", 0, 0.5, 3, [2]int32{0, 1}), u("a", "b", 2, "chat", 1, 0, 2, [2]int32{})},
		{u("b", "c", 1, "chat", 1, 0, 2, [2]int32{})},
	}
	want := []fold.KeyedUnit{
		u("a", "b", 1, "email", 1, 0.5, 2, [2]int32{1, 1}),
		u("a", "b", 2, "chat", 1, 0, 2, [2]int32{}),
		u("a", "c", 2, "call", 2, 0, 2, [2]int32{}),
		u("b", "c", 1, "chat", 1, 0, 2, [2]int32{}),
	}
	var got, wantBytes bytes.Buffer
	n, err := writeMerged(&got, runs)
	if err != nil || n != len(want) {
		t.Fatalf("writeMerged: %d units, %v; want %d", n, err, len(want))
	}
	if err := fold.Write(&wantBytes, want); err != nil {
		t.Fatal(err)
	}
	compare(t, got.Bytes(), wantBytes.Bytes())
	got.Reset()
	wantBytes.Reset()
	if _, err := writeMerged(&got, nil); err != nil {
		t.Fatal(err)
	}
	fold.Write(&wantBytes, nil)
	compare(t, got.Bytes(), wantBytes.Bytes())
}

func nanSentiment() float64 {
	var zero float64
	return zero / zero
}

// requirePrism skips the test when Beam's local runner cannot run a pipeline here (no loopback
// networking, say), unless RELMAP_REQUIRE_TOOLS is set, when it fails instead.
func requirePrism(t *testing.T) {
	t.Helper()
	prismOnce.Do(func() {
		p, s := beam.NewPipelineWithRoot()
		beam.ParDo0(s, probeFn, beam.Create(s, "probe"))
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
		defer cancel()
		prismErr = beamx.Run(ctx, p)
	})
	if prismErr == nil {
		return
	}
	if os.Getenv("RELMAP_REQUIRE_TOOLS") != "" {
		t.Fatalf("Beam's prism runner cannot run a pipeline here (and RELMAP_REQUIRE_TOOLS is set): %v", prismErr)
	}
	t.Skipf("Beam's prism runner cannot run a pipeline here; set RELMAP_REQUIRE_TOOLS=1 to fail instead: %v", prismErr)
}

func probeFn(string) {}

func init() { register.Function1x0(probeFn) }

var (
	prismOnce sync.Once
	prismErr  error
)

func writeFiles(t *testing.T, dir string, files map[string]string) []string {
	t.Helper()
	var paths []string
	for name, text := range files {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p)
	}
	return paths
}

// beamFold runs relmap-fold on prism and returns pairs.csv and what it reported.
func beamFold(t *testing.T, f *flags) ([]byte, string) {
	t.Helper()
	var log bytes.Buffer
	if err := run(context.Background(), f, &log); err != nil {
		t.Fatalf("run: %v\n%s", err, log.String())
	}
	out, err := os.ReadFile(f.output)
	if err != nil {
		t.Fatal(err)
	}
	return out, log.String()
}

// localFold is `relmap fold`'s fold of the same files, each a Source named by its path.
func localFold(t *testing.T, files []string, f *flags) ([]byte, importers.FoldReport) {
	t.Helper()
	var srcs []importers.Source
	for _, p := range files {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		srcs = append(srcs, importers.Source{Name: p, FS: fstest.MapFS{path.Base(p): {Data: data}}, Kind: "interactions"})
	}
	loc, err := loadTZ(f.tz)
	if err != nil {
		t.Fatal(err)
	}
	asOf, err := parseAsOf(f.asOf)
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	rep, err := importers.FoldInteractions(srcs, importers.Options{TZ: loc, AsOf: asOf}, f.maxParticipants, &out)
	if err != nil {
		t.Fatal(err)
	}
	return out.Bytes(), rep
}

func compare(t *testing.T, got, want []byte) {
	t.Helper()
	if bytes.Equal(got, want) {
		return
	}
	g, w := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
	for i := 0; i < len(g) || i < len(w); i++ {
		var gl, wl string
		if i < len(g) {
			gl = g[i]
		}
		if i < len(w) {
			wl = w[i]
		}
		if gl != wl {
			t.Fatalf("pairs.csv differs from FoldInteractions' at line %d (%d and %d lines):\nbeam:  %q\nlocal: %q", i+1, len(g), len(w), gl, wl)
		}
	}
}

// synthShards makes n interaction rows over k shards, in no time order: 400 people, groups of
// up to 24 (so some broadcasts), every channel, sentiment on a third of rows, and about 5% of
// rows written again to another shard or the same one, a minute's seconds apart.
func synthShards(n, k int, rng *rand.Rand) map[string]string {
	channels := []string{"email", "chat", "message", "meeting", "call", ""}
	bufs := make([]strings.Builder, k)
	for i := range bufs {
		bufs[i].WriteString(header)
	}
	start := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	person := func() string { return fmt.Sprintf("p%03d@example.org", rng.IntN(400)) }
	for range n {
		at := start.Add(time.Duration(rng.Int64N(int64(90 * 24 * time.Hour)))).Truncate(time.Minute)
		var to []string
		size := 1
		switch x := rng.IntN(100); {
		case x < 3:
			size = 21 + rng.IntN(4)
		case x < 30:
			size = 2 + rng.IntN(8)
		}
		for range size {
			to = append(to, person())
		}
		var cc string
		if rng.IntN(10) == 0 {
			cc = person()
		}
		ch := channels[rng.IntN(len(channels))]
		conv := ""
		if rng.IntN(4) > 0 {
			conv = fmt.Sprintf("conv%d", rng.IntN(300))
		}
		weight := ""
		if rng.IntN(5) == 0 {
			weight = fmt.Sprint(1 + rng.IntN(3))
		}
		sent := ""
		if rng.IntN(3) == 0 {
			sent = fmt.Sprintf("%.2f", rng.Float64()*2-1)
		}
		line := func(sec int) string {
			return fmt.Sprintf("%s,%s,%s,%s,%s,%s,%s,%s\n", at.Add(time.Duration(sec)*time.Second).Format(time.RFC3339), person(), strings.Join(to, ";"), cc, ch, conv, weight, sent)
		}
		from := rng.IntN(k)
		row := line(rng.IntN(60))
		bufs[from].WriteString(row)
		if rng.IntN(20) == 0 {
			bufs[rng.IntN(k)].WriteString(row) // a duplicate, in another shard or the same one
		}
	}
	files := map[string]string{}
	for i := range bufs {
		files[fmt.Sprintf("shard-%02d.csv", i)] = bufs[i].String()
	}
	return files
}
