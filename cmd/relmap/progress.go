package main

import (
	"io"
	"os"
	"sync"

	"github.com/vbauerster/mpb/v8"
	"github.com/vbauerster/mpb/v8/cwriter"
	"github.com/vbauerster/mpb/v8/decor"
)

// progress is the spinner of SPEC §5 on a terminal's stderr: the stage a run is in (each
// input file as it is read, then scoring, writing, committing) and the time so far. It is
// never drawn into a file, a pipe, CI or a JSON log; a nil *progress draws nothing.
type progress struct {
	p       *mpb.Progress
	bar     *mpb.Bar
	mu      sync.Mutex
	now     string
	stopped bool
}

// isTerminal reports whether w is a terminal, as mpb itself decides (an ioctl, so /dev/null
// and other character devices are not).
func isTerminal(w io.Writer) bool {
	f, ok := raw(w).(*os.File)
	if !ok || os.Getenv("TERM") == "dumb" || os.Getenv("CI") != "" {
		return false
	}
	return cwriter.IsTerminal(int(f.Fd()))
}

// startProgress starts the spinner when stderr is a terminal and text logs are not silenced.
func startProgress(stderr io.Writer, f *jobFlags) *progress {
	if f.quiet || f.logFormat == "json" || !isTerminal(stderr) {
		return nil
	}
	pr := &progress{now: "starting"}
	pr.p = mpb.New(mpb.WithOutput(raw(stderr)), mpb.WithWidth(24)) // it draws with escapes of its own
	pr.bar = pr.p.New(0, mpb.SpinnerStyle(),
		mpb.PrependDecorators(decor.Any(func(decor.Statistics) string {
			pr.mu.Lock()
			defer pr.mu.Unlock()
			return "relmap: " + pr.now
		})),
		mpb.AppendDecorators(decor.Elapsed(decor.ET_STYLE_GO)),
		mpb.BarRemoveOnComplete())
	return pr
}

// stage names what the run does now.
func (pr *progress) stage(s string) {
	if pr == nil || pr.stopped {
		return
	}
	pr.mu.Lock()
	pr.now = termString(s)
	pr.mu.Unlock()
	pr.bar.IncrBy(1)
}

// writer is where log lines go while the spinner runs: above it, not through it.
func (pr *progress) writer(stderr io.Writer) io.Writer {
	if pr == nil {
		return stderr
	}
	return pr.p
}

// stop removes the spinner and waits until it is gone.
func (pr *progress) stop() {
	if pr == nil || pr.stopped {
		return
	}
	pr.stopped = true
	pr.bar.Abort(true)
	pr.p.Wait()
}
