package main

import (
	"bufio"
	"container/heap"
	"context"
	"crypto/md5"
	"errors"
	"fmt"
	"io"
	"maps"
	"slices"
	"time"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/log"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"

	"github.com/relmap/relmap/fold"
	"github.com/relmap/relmap/importers"
)

// The pipeline, step by step, with the rule each step shares with importers.FoldInteractions:
//
//	Create(files) → Reshuffle   one element a file, spread over the workers
//	→ Read                      importers.ReadInteractions; rows in batches keyed by the day (in --tz) of their minute
//	→ GroupByKey → FoldDay      per day: of the rows sharing a duplicate key (by the MD5 digest of DuplicateKey, as
//	                            FoldInteractions keys them) only the first file's count; fold.Folder folds them
//	→ Write                     on one worker (the units as a side input): a k-way merge by fold.CompareKeyed of the
//	                            days' sorted units, fold.KeyedUnit.Merge for a key two days share, fold.Write's bytes
//
// Why by day: a row's duplicates share its minute (DuplicateKey holds it), so they share its
// group, and so do all the rows of a unit (pair, conversation, day): one shuffle of rows serves
// both the duplicate rule and the fold. Only a minute that straddles midnight in --tz could
// split a unit between two groups (offsets in seconds, which no zone has had since 1972, and
// the importers refuse dates before 1990); Write merges such units all the same. A day is the
// unit of parallelism: a year's log is 365 groups.
//
// Why batches: Beam's local runner, prism, spends its time per element. A shape with one
// element per row and per pair unit (GroupByKey by duplicate key, CombinePerKey of units) took
// 48 s and 4.4 GB for 125 000 rows and did not finish 1 000 000 in 24 GB; this one folds the
// 1 000 000 in about 35 s and 4 GB, as `relmap fold` does.
func pipeline(cfg config, files []string) *beam.Pipeline {
	p, s := beam.NewPipelineWithRoot()
	shards := make([]shard, len(files))
	for i, f := range files {
		shards[i] = shard{Rank: int64(i), Path: f}
	}
	in := beam.Reshuffle(s, beam.CreateList(s.Scope("Files"), shards))
	rows, read := beam.ParDo2(s.Scope("Read"), &readFn{TZ: cfg.TZ, AsOf: cfg.AsOf}, in)
	units := beam.ParDo(s.Scope("FoldDay"), &foldDayFn{MaxParticipants: cfg.MaxParticipants}, beam.GroupByKey(s, rows))
	beam.ParDo0(s.Scope("Write"), &writeFn{Output: cfg.Output}, beam.Impulse(s),
		beam.SideInput{Input: units}, beam.SideInput{Input: read})
	return p
}

// Beam finds DoFns, their element types and the coders for them by registration at init time:
// a worker process rebuilds the pipeline's functions from their registered names.
func init() {
	register.DoFn4x1[context.Context, shard, func(int64, rowBatch), func(string), error](&readFn{})
	register.Emitter2[int64, rowBatch]()
	register.Emitter1[string]()
	register.DoFn4x0[context.Context, int64, func(*rowBatch) bool, func(unitBatch)](&foldDayFn{})
	register.Iter1[rowBatch]()
	register.Emitter1[unitBatch]()
	register.DoFn4x1[context.Context, []byte, func(*unitBatch) bool, func(*string) bool, error](&writeFn{})
	register.Iter1[unitBatch]()
	register.Iter1[string]()
	registerCoders()
}

// counterNS is the namespace of the pipeline's counters (Beam metrics).
const counterNS = "relmap-fold"

// The counters are Beam's metric handles, not state: each worker sums into its own cells.
var (
	filesCounter      = beam.NewCounter(counterNS, "files")       // files read as interactions
	problemsCounter   = beam.NewCounter(counterNS, "problems")    // rows skipped as unreadable
	afterAsOfCounter  = beam.NewCounter(counterNS, "after_as_of") // rows after --as-of
	rowsCounter       = beam.NewCounter(counterNS, "rows")        // rows folded
	duplicatesCounter = beam.NewCounter(counterNS, "duplicates")  // rows counted in an earlier file
	broadcastsCounter = beam.NewCounter(counterNS, "broadcasts")  // rows with too many people
	unitsCounter      = beam.NewCounter(counterNS, "units")       // lines of pairs.csv
)

// shard is one input file; Rank is its place among the inputs sorted by name, so that the
// first file to have a row is the one with the smallest rank.
type shard struct {
	Rank int64
	Path string
}

// shardRow is a row on its way to the duplicate check: the rank of its file, the MD5 digest
// of its duplicate key (as FoldInteractions keys rows), and the row.
type shardRow struct {
	Rank   int64
	Digest [md5.Size]byte
	Row    fold.KeyedRow
}

// rowBatch and unitBatch carry rows and units in bulk (see pipeline).
type (
	rowBatch  struct{ Rows []shardRow }
	unitBatch struct{ Units []fold.KeyedUnit }
)

// batchSize bounds the rows a batch holds, and so what readFn keeps in memory per open day.
const batchSize = 2048

// problemsLogged bounds the problems a worker logs for one file: the count is in the counter.
const problemsLogged = 10

// readFn reads one interactions file with importers.ReadInteractions, as `relmap fold` reads
// it, and emits its rows in batches keyed by day, and the file's name once if it is an
// interactions file.
type readFn struct {
	TZ   string
	AsOf string

	opt importers.Options
}

func (f *readFn) Setup() error {
	loc, err := loadTZ(f.TZ)
	if err != nil {
		return err
	}
	asOf, err := parseAsOf(f.AsOf)
	if err != nil {
		return err
	}
	f.opt = importers.Options{TZ: loc, AsOf: asOf}
	return nil
}

func (f *readFn) ProcessElement(ctx context.Context, sh shard, emit func(int64, rowBatch), interactions func(string)) error {
	fsys, err := newFS(ctx, sh.Path)
	if err != nil {
		return fmt.Errorf("%s: %w", sh.Path, err)
	}
	defer fsys.Close()
	src := newShardFS(ctx, fsys, sh.Path)
	open := map[int64][]shardRow{} // day → the rows of its batch being filled
	cov, problems, err := importers.ReadInteractions([]importers.Source{{Name: sh.Path, FS: src, Kind: "interactions"}}, f.opt,
		func(r importers.RawInteraction) {
			day := groupDay(r.Time, f.opt.TZ)
			b := append(open[day], shardRow{Rank: sh.Rank, Digest: md5.Sum([]byte(r.DuplicateKey())), Row: r.Row})
			if len(b) == batchSize {
				emit(day, rowBatch{Rows: b})
				b = nil
			}
			open[day] = b
		})
	if src.err != nil {
		// A file that cannot be opened or read to its end fails the bundle, for the runner to
		// retry: a network error must not fold to a pairs.csv with rows missing.
		return fmt.Errorf("%s: %w", sh.Path, src.err)
	}
	if err != nil {
		// ReadInteractions found no interactions header (importers.ErrNoInteractions, its only
		// error once the file opens): the file gives nothing, as in `relmap fold`, and Write
		// fails if no file gives anything.
		log.Warnf(ctx, "%s: skipped: not an interactions file (a CSV with time, from and to columns)", sh.Path)
		return nil
	}
	days := slices.Sorted(maps.Keys(open))
	for _, day := range days {
		if b := open[day]; len(b) > 0 {
			emit(day, rowBatch{Rows: b})
		}
	}
	filesCounter.Inc(ctx, 1)
	interactions(sh.Path)
	afterAsOfCounter.Inc(ctx, int64(cov.AfterAsOf))
	problemsCounter.Inc(ctx, int64(len(problems)))
	for i, p := range problems {
		if i == problemsLogged {
			log.Warnf(ctx, "%s: %d more problems", sh.Path, len(problems)-i)
			break
		}
		log.Warnf(ctx, "%v", p)
	}
	for _, fc := range cov.Files {
		log.Infof(ctx, "%s: %d rows read, %d used, skipped %v", fc.Name, fc.Rows, fc.Used, fc.Skipped)
	}
	return nil
}

// groupDay is the day, in loc, of the minute t falls in: the group of a row. Rows with one
// duplicate key share their minute, and so their group.
func groupDay(t time.Time, loc *time.Location) int64 {
	y, m, d := t.Truncate(time.Minute).In(loc).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix() / 86400
}

// foldDayFn applies the duplicate rule to one day's rows — of the rows sharing a duplicate
// key, those of the first file (by name) to have it count, every one of them: repeats within
// a file all count — and folds the rows that count with fold.Folder.
type foldDayFn struct {
	MaxParticipants int
}

func (f *foldDayFn) ProcessElement(ctx context.Context, _ int64, batches func(*rowBatch) bool, emit func(unitBatch)) {
	var rows []shardRow
	var b rowBatch
	for batches(&b) {
		rows = append(rows, b.Rows...)
	}
	first := map[[md5.Size]byte]int64{} // duplicate key → the smallest rank among its files
	for i := range rows {
		if r, ok := first[rows[i].Digest]; !ok || rows[i].Rank < r {
			first[rows[i].Digest] = rows[i].Rank
		}
	}
	folder := fold.Folder{MaxParticipants: f.MaxParticipants}
	var folded, duplicates int64
	for i := range rows {
		if rows[i].Rank != first[rows[i].Digest] {
			duplicates++
			continue
		}
		folded++
		folder.Add(&rows[i].Row)
	}
	rowsCounter.Inc(ctx, folded)
	duplicatesCounter.Inc(ctx, duplicates)
	broadcastsCounter.Inc(ctx, int64(folder.Broadcasts))
	for units := folder.Units(); len(units) > 0; {
		n := min(len(units), 1<<16) // elements of a few MB at most
		emit(unitBatch{Units: units[:n]})
		units = units[n:]
	}
}

// writeFn gathers every unit on one worker and writes pairs.csv through Beam's file system for
// --output's scheme.
type writeFn struct {
	Output string
}

func (f *writeFn) ProcessElement(ctx context.Context, _ []byte, batches func(*unitBatch) bool, interactions func(*string) bool) error {
	var name string
	if !interactions(&name) {
		return errors.New("no interactions file among the inputs: a CSV named *.csv with time, from and to columns")
	}
	var runs [][]fold.KeyedUnit
	var b unitBatch
	for batches(&b) {
		runs = append(runs, b.Units)
	}
	fsys, err := newFS(ctx, f.Output)
	if err != nil {
		return fmt.Errorf("%s: %w", f.Output, err)
	}
	defer fsys.Close()
	w, err := fsys.OpenWrite(ctx, f.Output)
	if err != nil {
		return fmt.Errorf("%s: %w", f.Output, err)
	}
	n, err := writeMerged(w, runs)
	if err != nil {
		w.Close()
		return fmt.Errorf("%s: %w", f.Output, err)
	}
	if err := w.Close(); err != nil {
		return fmt.Errorf("%s: %w", f.Output, err)
	}
	unitsCounter.Inc(ctx, int64(n))
	log.Infof(ctx, "wrote %d units to %s", n, f.Output)
	return nil
}

// writeMerged writes pairs.csv, the bytes fold.Write gives for the units of runs sorted by
// fold.CompareKeyed with the units of one key (pair, day, conversation) merged. Each run is a
// group's units, which fold.Folder sorts already: a k-way merge streams them out without
// copying millions of units into one slice to sort. It returns the units written.
func writeMerged(w io.Writer, runs [][]fold.KeyedUnit) (int, error) {
	h := make(runHeap, 0, len(runs))
	for _, r := range runs {
		if len(r) == 0 {
			continue
		}
		if !slices.IsSortedFunc(r, compareUnits) {
			slices.SortFunc(r, compareUnits)
		}
		h = append(h, r)
	}
	heap.Init(&h)
	bw := bufio.NewWriterSize(w, 1<<20)
	if err := fold.WriteHeader(bw); err != nil {
		return 0, err
	}
	var cur fold.KeyedUnit
	var line []byte
	n := 0
	for len(h) > 0 {
		u := &h[0][0]
		switch {
		case n > 0 && fold.CompareKeyed(&cur, u) == 0:
			cur.Merge(u)
		default:
			if n > 0 {
				line = fold.AppendRow(line[:0], &cur)
				if _, err := bw.Write(line); err != nil {
					return n, err
				}
			}
			cur = *u
			n++
		}
		if h[0] = h[0][1:]; len(h[0]) == 0 {
			heap.Pop(&h)
		} else {
			heap.Fix(&h, 0)
		}
	}
	if n > 0 {
		line = fold.AppendRow(line[:0], &cur)
		if _, err := bw.Write(line); err != nil {
			return n, err
		}
	}
	return n, bw.Flush()
}

func compareUnits(x, y fold.KeyedUnit) int { return fold.CompareKeyed(&x, &y) }

// runHeap orders sorted runs of units by their first unit.
type runHeap [][]fold.KeyedUnit

func (h runHeap) Len() int           { return len(h) }
func (h runHeap) Less(i, j int) bool { return fold.CompareKeyed(&h[i][0], &h[j][0]) < 0 }
func (h runHeap) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *runHeap) Push(x any)        { *h = append(*h, x.([]fold.KeyedUnit)) }
func (h *runHeap) Pop() any {
	old := *h
	r := old[len(old)-1]
	*h = old[:len(old)-1]
	return r
}
