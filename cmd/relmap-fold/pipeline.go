package main

import (
	"cmp"
	"context"
	"crypto/md5"
	"errors"
	"fmt"
	"slices"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/log"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"

	"github.com/relmap/relmap/fold"
	"github.com/relmap/relmap/importers"
)

// The pipeline, step by step, with the rule each step shares with importers.FoldInteractions:
//
//	Create(files) → Reshuffle                 one element a file, spread over the workers
//	→ ReadShards                              importers.ReadInteractions: a row keyed by the digest of its DuplicateKey
//	→ GroupByKey → Expand                     a row counts only in the first file (by name) that has it; fold.ExpandKeyed
//	→ CombinePerKey(Merge)                    fold.KeyedUnit.Merge by KeyedUnit.Key: pair, day, conversation
//	→ Write (one worker, units as side input) sorted by fold.CompareKeyed, fold.Write
func pipeline(cfg config, files []string) *beam.Pipeline {
	p, s := beam.NewPipelineWithRoot()
	shards := make([]shard, len(files))
	for i, f := range files {
		shards[i] = shard{Rank: int64(i), Path: f}
	}
	in := beam.Reshuffle(s, beam.CreateList(s.Scope("Files"), shards))
	rows, read := beam.ParDo2(s.Scope("ReadShards"), &readFn{TZ: cfg.TZ, AsOf: cfg.AsOf}, in)
	keyed := beam.ParDo(s.Scope("Expand"), &expandFn{MaxParticipants: cfg.MaxParticipants}, beam.GroupByKey(s, rows))
	units := beam.DropKey(s, beam.CombinePerKey(s.Scope("Merge"), mergeUnits, keyed))
	beam.ParDo0(s.Scope("Write"), &writeFn{Output: cfg.Output}, beam.Impulse(s),
		beam.SideInput{Input: units}, beam.SideInput{Input: read})
	return p
}

// Beam finds DoFns, their element types and the coders for them by registration at init time:
// a worker process rebuilds the pipeline's functions from their registered names.
func init() {
	register.DoFn4x1[context.Context, shard, func([]byte, shardRow), func(string), error](&readFn{})
	register.Emitter2[[]byte, shardRow]()
	register.Emitter1[string]()
	register.DoFn4x0[context.Context, []byte, func(*shardRow) bool, func(string, fold.KeyedUnit)](&expandFn{})
	register.Iter1[shardRow]()
	register.Emitter2[string, fold.KeyedUnit]()
	register.Function2x1(mergeUnits)
	register.DoFn4x1[context.Context, []byte, func(*fold.KeyedUnit) bool, func(*string) bool, error](&writeFn{})
	register.Iter1[fold.KeyedUnit]()
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

// shardRow is a row on its way to the duplicate check: the rank of its file and the row.
type shardRow struct {
	Rank int64
	Row  fold.KeyedRow
}

// problemsLogged bounds the problems a worker logs for one file: the count is in the counter.
const problemsLogged = 10

// readFn reads one interactions file with importers.ReadInteractions, as `relmap fold` reads it,
// and emits its rows keyed by the MD5 digest of their duplicate key (as FoldInteractions keys
// them), and the file's name once if it is an interactions file.
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

func (f *readFn) ProcessElement(ctx context.Context, sh shard, emit func([]byte, shardRow), interactions func(string)) error {
	fsys, err := newFS(ctx, sh.Path)
	if err != nil {
		return fmt.Errorf("%s: %w", sh.Path, err)
	}
	defer fsys.Close()
	src := newShardFS(ctx, fsys, sh.Path)
	cov, problems, err := importers.ReadInteractions([]importers.Source{{Name: sh.Path, FS: src, Kind: "interactions"}}, f.opt,
		func(r importers.RawInteraction) {
			k := md5.Sum([]byte(r.DuplicateKey()))
			emit(k[:], shardRow{Rank: sh.Rank, Row: r.Row})
		})
	if src.err != nil {
		// A file that cannot be opened or read to its end fails the bundle, for the runner to
		// retry: a network error must not fold to a pairs.csv with rows missing.
		return fmt.Errorf("%s: %w", sh.Path, src.err)
	}
	if err != nil {
		// ReadInteractions found no interactions header, or the name does not end in .csv (its
		// only error once the file opens): the file gives nothing, as in `relmap fold`, and
		// Write fails if no file gives anything.
		log.Warnf(ctx, "%s: skipped: not an interactions file (a CSV named *.csv with time, from and to columns)", sh.Path)
		return nil
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

// expandFn keeps the rows of one duplicate key that come from the first file (by name) to
// have it — every one of them: repeats within a file all count — and expands each into its
// pair units, keyed by pair, day and conversation.
type expandFn struct {
	MaxParticipants int
}

func (f *expandFn) ProcessElement(ctx context.Context, _ []byte, rows func(*shardRow) bool, emit func(string, fold.KeyedUnit)) {
	var group []shardRow
	var r shardRow
	for rows(&r) {
		group = append(group, r)
	}
	first := slices.MinFunc(group, func(a, b shardRow) int { return cmp.Compare(a.Rank, b.Rank) }).Rank
	var folded, duplicates, broadcasts int64
	for i := range group {
		if group[i].Rank != first {
			duplicates++
			continue
		}
		folded++
		if !fold.ExpandKeyed(&group[i].Row, f.MaxParticipants, func(u fold.KeyedUnit) { emit(u.Key(), u) }) {
			broadcasts++
		}
	}
	rowsCounter.Inc(ctx, folded)
	duplicatesCounter.Inc(ctx, duplicates)
	broadcastsCounter.Inc(ctx, broadcasts)
}

// mergeUnits is fold.KeyedUnit.Merge as a Beam combiner; Merge does not depend on order, so
// runners may merge partial results in any order and on any worker.
func mergeUnits(a, b fold.KeyedUnit) fold.KeyedUnit {
	a.Merge(&b)
	return a
}

// writeFn gathers every unit on one worker, sorts them as pairs.csv is sorted and writes the
// file through Beam's file system for --output's scheme.
type writeFn struct {
	Output string
}

func (f *writeFn) ProcessElement(ctx context.Context, _ []byte, units func(*fold.KeyedUnit) bool, interactions func(*string) bool) error {
	var name string
	if !interactions(&name) {
		return errors.New("no interactions file among the inputs: a CSV named *.csv with time, from and to columns")
	}
	var all []fold.KeyedUnit
	var u fold.KeyedUnit
	for units(&u) {
		all = append(all, u)
	}
	slices.SortFunc(all, func(x, y fold.KeyedUnit) int { return fold.CompareKeyed(&x, &y) })
	fsys, err := newFS(ctx, f.Output)
	if err != nil {
		return fmt.Errorf("%s: %w", f.Output, err)
	}
	defer fsys.Close()
	w, err := fsys.OpenWrite(ctx, f.Output)
	if err != nil {
		return fmt.Errorf("%s: %w", f.Output, err)
	}
	if err := fold.Write(w, all); err != nil {
		w.Close()
		return fmt.Errorf("%s: %w", f.Output, err)
	}
	if err := w.Close(); err != nil {
		return fmt.Errorf("%s: %w", f.Output, err)
	}
	unitsCounter.Inc(ctx, int64(len(all)))
	log.Infof(ctx, "wrote %d units to %s", len(all), f.Output)
	return nil
}
