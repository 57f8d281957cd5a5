package main

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/relmap/relmap/analysis/history"
)

// errLocked is flock's answer when another process holds the lock.
var errLocked = errors.New("locked")

// outFolder is relmap's output folder (SPEC §5) held for one run: locked against other runs,
// its history open, and reconciled — runs that never completed removed, latest on the last
// complete run.
type outFolder struct {
	dir   string // absolute
	key   string // the folder as the history names its runs: "" when the history lies inside it
	lock  *os.File
	store *history.Store
}

// historyPath is where the history of out lives: db when given, else DIR/history.db.
func historyPath(out, db string) string {
	if db != "" {
		return db
	}
	return filepath.Join(out, "history.db")
}

// openOut locks out (waiting for another run when wait is set), opens its history and
// reconciles the folder with it.
func openOut(out, db string, wait bool, log *slog.Logger) (*outFolder, error) {
	abs, err := filepath.Abs(out)
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(abs, 0o755); err != nil {
		return nil, fmt.Errorf("output folder: %w", err)
	}
	lf, err := openLock(filepath.Join(abs, ".lock"))
	if err != nil {
		return nil, err
	}
	err = flock(lf, false)
	if errors.Is(err, errLocked) && wait {
		log.Info("waiting for another run to finish", "out", out, "pid", lockHolder(lf))
		err = flock(lf, true)
	}
	if errors.Is(err, errLocked) {
		holder := lockHolder(lf)
		lf.Close()
		return nil, fmt.Errorf("another relmap run is writing to %s (pid %s): wait for it with --wait, or try again later", out, holder)
	}
	if err != nil {
		lf.Close()
		return nil, fmt.Errorf("locking %s: %w", out, err)
	}
	// The holder's pid, for the message of a run that finds the folder locked.
	if lf.Truncate(0) == nil {
		lf.WriteAt([]byte(strconv.Itoa(os.Getpid())+"\n"), 0)
	}
	if err := checkOwn(abs, db, log); err != nil {
		lf.Close()
		return nil, err
	}
	st, err := history.Open(historyPath(abs, db))
	if err != nil {
		lf.Close()
		return nil, err
	}
	o := &outFolder{dir: abs, key: historyKey(abs, db), lock: lf, store: st}
	if err := o.reconcile(log); err != nil {
		o.Close()
		return nil, err
	}
	return o, nil
}

// historyKey is how a history names the runs of the folder out: a history inside the folder
// (the default) holds that folder's runs alone, so it names none, and the folder may be moved
// or reached through a link; a history elsewhere (--db) may hold several folders' runs, each
// named by its real path.
func historyKey(out, db string) string {
	if db == "" {
		return ""
	}
	if real, err := filepath.EvalSymlinks(out); err == nil {
		return real
	}
	return out
}

// openLock opens the output folder's lock file, creating it. It follows no symbolic link and
// takes no file but a plain one with no other name: relmap writes its pid into the lock, and
// run by root over a folder others can write to, it must not be led to truncate a file
// elsewhere.
func openLock(path string) (*os.File, error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|noFollow, 0o644)
	if err != nil {
		if fi, lerr := os.Lstat(path); lerr == nil && fi.Mode()&fs.ModeSymlink != 0 {
			return nil, fmt.Errorf("output folder: %s is a symbolic link, not relmap's lock file: relmap follows no link in its output folder; remove it", path)
		} else if lerr == nil && !fi.Mode().IsRegular() {
			return nil, fmt.Errorf("output folder: %s is %s, not relmap's lock file: remove it", path, kindOf(fi.Mode()))
		}
		return nil, fmt.Errorf("output folder: %w", err)
	}
	fi, err := f.Stat()
	switch {
	case err != nil:
	case fi.Mode()&fs.ModeSymlink != 0 || !fi.Mode().IsRegular():
		err = fmt.Errorf("output folder: %s is %s, not relmap's lock file: remove it", path, kindOf(fi.Mode()))
	case links(fi) > 1:
		err = fmt.Errorf("output folder: %s has other names (hard links), so it is not relmap's lock file: remove it", path)
	}
	if err != nil {
		f.Close()
		return nil, err
	}
	return f, nil
}

// kindOf names a kind of file that is not a plain one, for messages.
func kindOf(m fs.FileMode) string {
	switch {
	case m&fs.ModeSymlink != 0:
		return "a symbolic link"
	case m.IsDir():
		return "a folder"
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe (FIFO)"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeDevice != 0:
		return "a device"
	case m.IsRegular():
		return "a file"
	}
	return "not a plain file"
}

// checkOwn checks what relmap finds in its output folder before it writes there. It follows
// no symbolic link planted in it (latest, runs/, the history and its companion files: a link
// would lead its writes elsewhere), replaces no latest that is not its own link, and starts no
// new history over an empty history.db beside run folders, whose record would be lost
// without a word.
func checkOwn(dir, db string, log *slog.Logger) error {
	type want struct {
		name string
		ok   func(fs.FileMode) bool
		what string
	}
	isLink := func(m fs.FileMode) bool { return m&fs.ModeSymlink != 0 }
	isDir := func(m fs.FileMode) bool { return m.IsDir() }
	isFile := func(m fs.FileMode) bool { return m.IsRegular() }
	checks := []want{
		{filepath.Join(dir, "latest"), isLink, "relmap's link to the last run: move it out of the way (relmap removes nothing it did not make)"},
		{filepath.Join(dir, "runs"), isDir, "the folder of relmap's runs: relmap follows no link in its output folder"},
		{filepath.Join(dir, ".latest.tmp"), isLink, "relmap's link on its way to latest: move it out of the way"},
	}
	hist := historyPath(dir, db)
	if db == "" {
		checks = append(checks, want{hist, isFile, "the history: relmap follows no link in its output folder (give a history elsewhere with --db)"})
	}
	for _, suffix := range []string{"-wal", "-shm", "-journal"} {
		checks = append(checks, want{hist + suffix, isFile, "a file of the history's: remove it"})
	}
	for _, c := range checks {
		fi, err := os.Lstat(c.name)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return fmt.Errorf("output folder: %w", err)
		}
		if !c.ok(fi.Mode()) {
			return fmt.Errorf("output folder: %s is %s, not %s", c.name, kindOf(fi.Mode()), c.what)
		}
	}
	if empty, err := emptyHistory(hist); err != nil || !empty {
		return err
	}
	runs, _ := os.ReadDir(filepath.Join(dir, "runs"))
	if len(runs) > 0 {
		return fmt.Errorf("history %s is empty (0 bytes), yet %s holds %s: their record is lost, and relmap will not start a new history over it as if it were new; move it away (or delete it) to begin a new history", hist, filepath.Join(dir, "runs"), plural(len(runs), "run folder", "run folders"))
	}
	log.Warn("the history was an empty file (0 bytes) and no run folder is kept: starting it anew", "history", hist)
	return nil
}

// emptyHistory reports whether the history at path is an empty file (0 bytes) with no
// write-ahead log holding its pages: a history that holds nothing.
func emptyHistory(path string) (bool, error) {
	fi, err := os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return false, nil
	}
	if err != nil || fi.Size() > 0 {
		return false, err
	}
	if wal, err := os.Stat(path + "-wal"); err == nil && wal.Size() > 0 {
		return false, nil
	}
	return true, nil
}

func lockHolder(f *os.File) string {
	b := make([]byte, 32)
	n, _ := f.ReadAt(b, 0)
	if s := strings.TrimSpace(string(b[:n])); s != "" {
		return s
	}
	return "unknown"
}

// Close closes the history and releases the lock.
func (o *outFolder) Close() {
	o.store.Close()
	o.lock.Close()
}

// reconcile removes the folders of runs that never reached their commit point and points
// latest at the last complete run (SPEC §5). Folders the history does not know (made by hand,
// or by a relmap before the history) are left alone.
func (o *outFolder) reconcile(log *slog.Logger) error {
	inc, err := o.store.Incomplete(o.key)
	if err != nil {
		return err
	}
	for _, r := range inc {
		if err := os.RemoveAll(filepath.Join(o.dir, "runs", r.ID)); err != nil {
			return fmt.Errorf("removing the incomplete run %s: %w", r.ID, err)
		}
		if err := o.store.Discard(r.ID); err != nil {
			return err
		}
		log.Warn("removed a run that never completed", "run", r.ID, "started", r.Started.Format(time.RFC3339))
	}
	runs, err := o.store.Runs(o.key)
	if err != nil || len(runs) == 0 {
		return err
	}
	// latest moves only forward: onto the newest complete run whose folder is there, when it
	// is dangling or points at an older run of this history (a run killed between its commit
	// and the swap). A folder this history does not know — a run of another --db, or of a
	// relmap before the history — is left as latest.
	newest := -1
	for i, r := range runs {
		if _, err := os.Stat(filepath.Join(o.dir, "runs", r.ID)); err == nil {
			newest = i
		}
	}
	if newest < 0 {
		return nil
	}
	want := filepath.Join("runs", runs[newest].ID)
	got, err := os.Readlink(filepath.Join(o.dir, "latest"))
	if err == nil {
		if got == want {
			return nil
		}
		if _, err := os.Stat(filepath.Join(o.dir, "latest")); err == nil {
			known := slices.IndexFunc(runs, func(r history.Run) bool { return filepath.Join("runs", r.ID) == got })
			if known < 0 || known > newest {
				return nil
			}
		}
	}
	log.Warn("pointing latest at the last complete run", "run", runs[newest].ID)
	return o.point(want)
}

// point repoints DIR/latest at rel by renaming a fresh link over it: latest is always one
// whole run, the old or the new.
func (o *outFolder) point(rel string) error {
	latest := filepath.Join(o.dir, "latest")
	if fi, err := os.Lstat(latest); err == nil && fi.Mode()&fs.ModeSymlink == 0 {
		return fmt.Errorf("pointing latest at %s: %s is %s, not relmap's link to the last run: move it out of the way", rel, latest, kindOf(fi.Mode()))
	}
	tmp := filepath.Join(o.dir, ".latest.tmp")
	os.Remove(tmp)
	if err := os.Symlink(rel, tmp); err != nil {
		return fmt.Errorf("pointing latest at %s: %w", rel, err)
	}
	if err := os.Rename(tmp, latest); err != nil {
		return fmt.Errorf("pointing latest at %s: %w", rel, err)
	}
	return syncDir(o.dir)
}

// last is the newest complete run of this output folder drawn around ego, or nil.
func (o *outFolder) last(ego string) (*history.Run, error) {
	runs, err := o.store.Runs(o.key)
	if err != nil {
		return nil, err
	}
	for _, r := range slices.Backward(runs) {
		if r.Ego == ego {
			return &r, nil
		}
	}
	return nil, nil
}

// begin records a run as begun, before anything of it is written, under a run id of its
// own: the run's start time, with -2, -3… when another run already took it.
func (o *outFolder) begin(run *history.Run) error {
	run.Out = o.dir
	base := run.ID
	for i := 2; i <= 100; i++ {
		_, err := os.Lstat(filepath.Join(o.dir, "runs", run.ID))
		switch {
		case errors.Is(err, fs.ErrNotExist):
			// Free on disk; Begin fails only when the history has the id (a pruned run).
			if o.store.Begin(*run) == nil {
				return nil
			}
		case err != nil:
			return fmt.Errorf("output folder: %w", err)
		}
		run.ID = fmt.Sprintf("%s-%d", base, i)
	}
	return fmt.Errorf("output folder %s: no free run id from %s to %s", o.dir, base, run.ID)
}

// abandon removes a begun run that failed before its commit point.
// A folder that cannot be removed keeps its record, so that the next start tries again.
func (o *outFolder) abandon(id string) {
	if os.RemoveAll(filepath.Join(o.dir, "runs", id)) == nil {
		o.store.Discard(id)
	}
}

// files starts a begun run's folder: its outputs are written straight into it as they are
// made (runFiles), before the commit point.
func (o *outFolder) files(id string) (*runFiles, error) {
	return newRunFiles(filepath.Join(o.dir, "runs", id), 2*runtime.GOMAXPROCS(0)) // twice the cores: a writer waits on its fsync too
}

// commit makes a begun run permanent, in the order SPEC §5 sets: its folder written and
// synced, its scores committed to the history — the commit point — and latest repointed
// right after. A crash before the commit point leaves a begun run for reconcile to clear.
// It reports whether the commit point was passed: after it, nothing may undo the run.
func (o *outFolder) commit(id string, files *runFiles, maps []history.Map, finished func() time.Time) (dir string, committed bool, err error) {
	if err := files.close(); err != nil {
		return "", false, err
	}
	if err := o.store.Commit(id, finished(), maps); err != nil {
		return "", false, err
	}
	return files.dir, true, o.point(filepath.Join("runs", id))
}

// runFiles writes a run's files into its new folder as they are made, up to workers of them
// at a time, each synced to disk; nothing is held in memory but what a writer needs. Names
// keep the order they were added in, whatever order the writers finish in.
type runFiles struct {
	dir   string
	names []string        // in the order added
	dirs  map[string]bool // every folder a file went into
	slots chan struct{}
	wg    sync.WaitGroup
	mu    sync.Mutex
	err   error // the first writer's error
}

func newRunFiles(dir string, workers int) (*runFiles, error) {
	if err := os.MkdirAll(filepath.Dir(dir), 0o755); err != nil {
		return nil, err
	}
	if err := os.Mkdir(dir, 0o755); err != nil {
		return nil, err
	}
	return &runFiles{dir: dir, dirs: map[string]bool{dir: true}, slots: make(chan struct{}, max(workers, 1))}, nil
}

// add writes the file name (slash-separated, inside the run's folder) with write, in the
// background once a worker is free. A writer may wait for files added before it (their
// writers already hold workers or are done), never for later ones. Only one goroutine adds.
func (r *runFiles) add(name string, write func(w io.Writer) error) {
	r.names = append(r.names, name)
	path := filepath.Join(r.dir, filepath.FromSlash(name))
	if d := filepath.Dir(path); !r.dirs[d] {
		if err := os.MkdirAll(d, 0o755); err != nil {
			r.fail(err)
			return
		}
		r.dirs[d] = true
	}
	r.wg.Add(1)
	r.slots <- struct{}{}
	go func() {
		defer r.wg.Done()
		defer func() { <-r.slots }()
		if r.failed() {
			return
		}
		if err := writeSynced(path, write); err != nil {
			r.fail(fmt.Errorf("%s: %w", name, err))
		}
	}()
}

func (r *runFiles) fail(err error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.err == nil {
		r.err = err
	}
}

func (r *runFiles) failed() bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.err != nil
}

// wait waits for every writer and returns the first error.
func (r *runFiles) wait() error {
	r.wg.Wait()
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.err
}

// close waits for every writer and syncs the folders, so that the files are durable.
func (r *runFiles) close() error {
	if err := r.wait(); err != nil {
		return err
	}
	for d := range r.dirs {
		if err := syncDir(d); err != nil {
			return err
		}
	}
	return syncDir(filepath.Dir(r.dir))
}

// fileBuffers are writeSynced's buffers, used again: a run of every team's map writes tens of
// thousands of files, and a new buffer each is gigabytes for the garbage collector.
var fileBuffers = sync.Pool{New: func() any { return bufio.NewWriterSize(nil, 256<<10) }}

// writeSynced creates path (it must not exist), writes it through a buffer with write, and
// syncs it to disk.
func writeSynced(path string, write func(w io.Writer) error) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	bw := fileBuffers.Get().(*bufio.Writer)
	bw.Reset(f)
	err = write(bw)
	if err == nil {
		err = bw.Flush()
	}
	bw.Reset(nil)
	fileBuffers.Put(bw)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// syncDir makes a folder's entries durable (a no-op where folders cannot be synced).
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	if err := d.Sync(); err != nil && !errors.Is(err, os.ErrInvalid) && !errors.Is(err, errors.ErrUnsupported) {
		return err
	}
	return nil
}

// prune removes the folders of all but the newest keep complete runs (the history keeps
// their scores, so diff still reaches them). keep 0 keeps every run.
func (o *outFolder) prune(keep int, log *slog.Logger) error {
	if keep <= 0 {
		return nil
	}
	runs, err := o.store.Runs(o.key)
	if err != nil {
		return err
	}
	for _, r := range runs[:max(len(runs)-keep, 0)] {
		dir := filepath.Join(o.dir, "runs", r.ID)
		if _, err := os.Stat(dir); err != nil {
			continue
		}
		if err := os.RemoveAll(dir); err != nil {
			return fmt.Errorf("--keep: removing %s: %w", dir, err)
		}
		log.Info("pruned an old run", "run", r.ID)
	}
	return nil
}

// digestInputs is the sha256 of the inputs' bytes, in order: a folder's files by path. The
// same inputs give the same digest wherever they lie. A pipe, which cannot be read twice,
// counts by the digest of what was read from it (pipes, by absolute path).
func digestInputs(paths []string, pipes map[string]string) (string, error) {
	h := sha256.New()
	add := func(name, path string) error {
		f, err := os.Open(path)
		if err != nil {
			return err
		}
		defer f.Close()
		fmt.Fprintf(h, "%s\x00", name)
		_, err = io.Copy(h, f)
		return err
	}
	for _, p := range paths {
		if sum, ok := pipes[absPath(p)]; ok {
			fmt.Fprintf(h, "%s\x00%s", filepath.Base(p), sum)
			continue
		}
		st, err := os.Stat(p)
		if err != nil {
			return "", err
		}
		if !st.IsDir() {
			if err := add(filepath.Base(p), p); err != nil {
				return "", err
			}
			continue
		}
		err = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil || !d.Type().IsRegular() {
				return err
			}
			rel, _ := filepath.Rel(p, path)
			return add(filepath.ToSlash(rel), path)
		})
		if err != nil {
			return "", err
		}
	}
	return "sha256:" + hex.EncodeToString(h.Sum(nil)), nil
}
