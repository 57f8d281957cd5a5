package main

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/x/beamx"

	// The file systems --input and --output may name, besides the local one and gs:// that
	// beamx brings: s3:// (AWS SDK v2, pure Go).
	_ "github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem/local"
	_ "github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem/s3"

	// Days are counted in --tz on the workers, whose containers may carry no zone database.
	_ "time/tzdata"
)

// run checks the flags, finds the input files, and runs the pipeline on the runner --runner
// names (prism, Beam's local runner, by default). It reports what the fold counted on stderr.
func run(ctx context.Context, f *flags, stderr io.Writer) error {
	cfg, err := f.config()
	if err != nil {
		return err
	}
	files, err := match(ctx, cfg.Inputs)
	if err != nil {
		return err
	}
	if err := checkOutput(ctx, cfg.Output); err != nil {
		return err
	}
	fmt.Fprintf(stderr, "relmap-fold: folding %d file(s) into %s\n", len(files), cfg.Output)
	p := pipeline(cfg, files)
	res, err := beamx.RunWithMetrics(ctx, p)
	if err != nil {
		return pipelineError(err, stderr)
	}
	if res != nil { // nil when a runner submits the job and returns (--async)
		report(stderr, counts(res))
	}
	return nil
}

// pipelineError shortens a runner's error to its cause. A failed step's error comes back from
// the runner as text: the plan of the failed bundle, then "caused by:" lines down to what the
// step returned (e.g. "no interactions file among the inputs"). The whole text goes to stderr.
func pipelineError(err error, stderr io.Writer) error {
	text := strings.TrimSpace(err.Error())
	i := strings.LastIndexByte(text, '\n')
	if i < 0 {
		return fmt.Errorf("the pipeline failed: %w", err)
	}
	fmt.Fprintf(stderr, "relmap-fold: the runner's report:\n%s\n", text)
	return fmt.Errorf("the pipeline failed: %s", strings.TrimSpace(text[i+1:]))
}

// match expands the globs through Beam's file systems into the files the pipeline reads,
// sorted, each once. A glob matching nothing is an error: a mistyped path should not fold to
// an empty pairs.csv.
func match(ctx context.Context, globs []string) ([]string, error) {
	var files []string
	for _, g := range globs {
		fs, err := newFS(ctx, g)
		if err != nil {
			return nil, fmt.Errorf("--input %s: %w", g, err)
		}
		list, err := fs.List(ctx, g)
		fs.Close()
		if err != nil {
			return nil, fmt.Errorf("--input %s: %w", g, err)
		}
		if len(list) == 0 {
			return nil, fmt.Errorf("--input %s: no file matches", g)
		}
		for _, f := range list {
			if !strings.Contains(f, "://") {
				f = filepath.ToSlash(filepath.Clean(f)) // as `relmap fold` names a file: ./a.csv is a.csv
			}
			files = append(files, f)
		}
	}
	slices.Sort(files)
	return slices.Compact(files), nil
}

// checkOutput fails early on an --output whose file system is not built in.
func checkOutput(ctx context.Context, out string) error {
	fs, err := newFS(ctx, out)
	if err != nil {
		return fmt.Errorf("--output %s: %w", out, err)
	}
	return fs.Close()
}

// newFS is filesystem.New, with the panics of some file systems' constructors (S3's, GCS's,
// on missing configuration) turned into errors.
func newFS(ctx context.Context, path string) (fs filesystem.Interface, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%v", r)
		}
	}()
	return filesystem.New(ctx, path)
}

// foldCounts are the pipeline's counters, summed over its steps.
type foldCounts struct {
	Files, Rows, Duplicates, Broadcasts, Units, Problems, AfterAsOf int64
}

func counts(res beam.PipelineResult) foldCounts {
	var c foldCounts
	for _, r := range res.Metrics().AllMetrics().Counters() {
		if r.Namespace() != counterNS {
			continue
		}
		p := map[string]*int64{"files": &c.Files, "rows": &c.Rows, "duplicates": &c.Duplicates, "broadcasts": &c.Broadcasts,
			"units": &c.Units, "problems": &c.Problems, "after_as_of": &c.AfterAsOf}[r.Name()]
		if p != nil {
			*p += r.Result()
		}
	}
	return c
}

func report(w io.Writer, c foldCounts) {
	parts := []string{
		fmt.Sprintf("%d interactions file(s)", c.Files),
		fmt.Sprintf("%d rows folded", c.Rows),
		fmt.Sprintf("%d duplicates (counted in the file whose name sorts first)", c.Duplicates),
		fmt.Sprintf("%d broadcasts left out", c.Broadcasts),
		fmt.Sprintf("%d rows after --as-of left out", c.AfterAsOf),
		fmt.Sprintf("%d rows skipped as unreadable", c.Problems),
		fmt.Sprintf("%d units written", c.Units),
	}
	fmt.Fprintf(w, "relmap-fold: %s\n", strings.Join(parts, ", "))
}
