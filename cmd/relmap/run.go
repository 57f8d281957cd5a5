package main

import (
	"archive/zip"
	"bytes"
	"cmp"
	"compress/gzip"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"iter"
	"log/slog"
	"math"
	"math/bits"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/goccy/go-yaml"
	"github.com/spf13/cobra"

	"github.com/relmap/relmap/analysis"
	"github.com/relmap/relmap/analysis/history"
	"github.com/relmap/relmap/importers"
	"github.com/relmap/relmap/reports"
	"github.com/relmap/relmap/reports/chart"
	"github.com/relmap/relmap/reports/pdf"
)

// Limits that protect the machine from a hostile or broken zip (SPEC §6).
const (
	maxZipEntries      = 100_000
	maxZipUncompressed = 8 << 30
	maxZipRatio        = 500 // uncompressed : compressed, for entries over 16 MiB and for a whole zip

	// maxMemory is the heap a run may grow to, sized for the targets of SPEC §7 on this
	// project's 24 GiB machine (an organisation of 10 M rows peaks near 5 GiB, every team's
	// map near 9 GiB). Reading stops once half of it is live: the collector lets the heap
	// grow to about twice what is live, and the other half is for scoring.
	maxMemory = 16 << 30
)

// jobFlags are the flags shared by run and demo.
type jobFlags struct {
	printConfig bool
	config      string
	me          string
	ego         string
	pseudo      bool
	salt        string
	quiet       bool
	tz          string
	out         string
	asOf        string
	excel       bool
	strict      bool
	labels      int
	db          string
	top         int
	determ      bool
	keep        int
	wait        bool
	logFormat   string
	reportTeams []string // --report-team: the teams of a team:* run whose reports are written

	fonts chart.Fonts  // the config's fonts, read by prepare
	cfg   *config      // loaded by prepare
	log   *slog.Logger // made by prepare: text or JSON on stderr
}

func (f *jobFlags) register(cmd *cobra.Command) {
	cmd.Flags().StringVar(&f.config, "config", "", "the config `FILE` (YAML): team, clients, providers, aliases, ignore rules, inputs, limits")
	cmd.Flags().StringVar(&f.out, "out", "out", "output folder: runs go to `DIR`/runs/<run-id>/, DIR/latest is the last run")
	cmd.Flags().BoolVar(&f.excel, "excel", false, "start ranked.csv with a UTF-8 byte-order mark so Excel reads names right")
	cmd.Flags().IntVar(&f.labels, "labels", 20, "how many of the top people are named on the maps")
	cmd.Flags().BoolVar(&f.pseudo, "pseudonymize", false, "replace every person's name in every output with a stable token (keyed by --salt or RELMAP_SALT)")
	cmd.Flags().StringVar(&f.salt, "salt", "", "the secret key of --pseudonymize (default: $RELMAP_SALT)")
	cmd.Flags().BoolVarP(&f.quiet, "quiet", "q", false, "print nothing but errors")
	cmd.Flags().IntVar(&f.top, "top", 25, "rows each table of report.pdf and report.html shows at most (`N`; the full lists are in ranked.csv)")
	cmd.Flags().BoolVar(&f.determ, "deterministic", false, "date report.pdf and stakeholder-map.pdf by the as-of day, not the run's time, so a re-run gives identical bytes")
	cmd.Flags().StringVar(&f.db, "db", "", "the history database `FILE` (default DIR/history.db)")
	cmd.Flags().IntVar(&f.keep, "keep", 0, "keep the folders of the newest `N` runs only (0 keeps all; the history keeps every run's scores)")
	cmd.Flags().BoolVar(&f.wait, "wait", false, "when another run is writing to the output folder, wait for it instead of failing")
	cmd.Flags().StringVar(&f.logFormat, "log-format", "text", "log lines on stderr as `text` or json")
}

func runCommand(stdout, stderr io.Writer) *cobra.Command {
	var f jobFlags
	cmd := &cobra.Command{
		Use:   "run [flags] INPUT...",
		Short: "Score your exports and write the ranked map",
		Long: `Read every INPUT and write under DIR/runs/<run-id>/ ranked.csv and ranked.json,
report.html and report.pdf, the stakeholder map (PNG, SVG, PDF) and the influence-reach
plot, network.gexf and network.graphml for Gephi, and from the second run on diff.json;
DIR/latest points at the newest complete run and DIR/history.db keeps every run's scores
(relmap history, diff, forget). With --ego 'team:*', every team's work list (at most team_top
people, 250: ranked.csv, ranked.json.gz, stakeholder-map.svg) goes under teams/<team>/, and
the run's root holds index.html, teams.csv, the team matrix (team-matrix.csv, .png, .svg) and
the whole graph once (network.gexf.gz, network.graphml.gz).

An INPUT is any of:
  a LinkedIn export, as downloaded or unpacked
      Complete_LinkedInDataExport_03-14-2025.zip   ~/Downloads/Basic_LinkedInDataExport_03-14-2025
      (Connections.csv alone works too, re-saved by Excel or not: the map is then "you")
  a folder: every file in it that relmap reads, each zip as an input of its own; of several
      LinkedIn exports only the newest by the date in its name     ~/exports
  CSV or TSV tables from any system, recognised by their header or forced as KIND=PATH
      people=staff.csv  interactions=mail.csv  ties=org.csv  annotations=notes.csv  pairs=pairs.csv
  Excel workbooks (.xlsx), each sheet read as a CSV would be       Connections.xlsx  people=staff.xlsx
  address books: vCard (.vcf), Google or Outlook contacts CSV      contacts.vcf
  calendars: iCalendar (.ics) or Outlook calendar CSV              calendar.ics
  mail: mbox (Gmail Takeout, Thunderbird)                          Takeout/Mail/inbox.mbox
  Slack workspace exports (zip or folder), or forced as slack=PATH  "Acme Slack export.zip"
relmap never reads its own output folders, and names every file it does not read and why
(.xls and .numbers: save them as CSV or .xlsx).

Rows that are export noise (drafts, "LinkedIn Member" senders, sponsored mail, ghost
connections) are skipped and counted; rows that cannot be read are reported as
warnings on stderr, and fail the run with --strict. Without a LinkedIn export, say whose
map it is with --me (an id, e-mail, profile URL or name); beside one, --me names its owner.`,
		Example: `  relmap run Basic_LinkedInDataExport_03-14-2025.zip
  relmap run --out ~/relmap --as-of 2025-03-01 ~/Downloads/Complete_LinkedInDataExport_03-14-2025
  relmap run --me ana@example.com people=staff.csv interactions=mail.csv annotations=notes.csv
  relmap run --me ana@example.com Connections.xlsx calendar.ics inbox.mbox
  relmap run --ego 'team:*' people=staff.csv interactions=mail.csv`,
		RunE: func(cmd *cobra.Command, args []string) error {
			opt, err := f.prepare(cmd)
			if err != nil {
				return err
			}
			if f.printConfig {
				b, err := yaml.Marshal(f.cfg.effective(&f))
				if err != nil {
					return err
				}
				_, err = stdout.Write(b)
				return err
			}
			inputs := f.inputs(args)
			srcs, closeAll, err := openInputs(inputs, f.cfg.Limits, f.out, f.log)
			defer closeAll()
			if err != nil {
				return err
			}
			if len(srcs) == 0 {
				return usageError{err: errors.New("run needs at least one INPUT: your LinkedIn export (.zip or folder)")}
			}
			return job(srcs, replay{Inputs: absInputs(inputs), Config: absPath(f.config), Me: opt.Me, Ego: f.ego, AsOf: f.asOf, TZ: f.tz}, opt, f, stdout, stderr)
		},
	}
	f.register(cmd)
	cmd.Flags().StringVar(&f.asOf, "as-of", "", "reference `DATE` (YYYY-MM-DD); default: the export's date, else the newest evidence")
	cmd.Flags().BoolVar(&f.printConfig, "print-config", false, "print the effective config (file, RELMAP_* environment and flags together) and stop")
	cmd.Flags().BoolVar(&f.strict, "strict", false, "fail on any unreadable row instead of skipping it")
	cmd.Flags().StringVar(&f.ego, "ego", "", "whose map: team:NAME for a team's (its members together at the centre), team:* for every team's (default: --me or the export's owner)")
	cmd.Flags().StringVar(&f.tz, "tz", "", "the time `ZONE` days begin and end in, e.g. Europe/Berlin (default UTC)")
	cmd.Flags().StringVar(&f.me, "me", "", "who the map is for, as an id, e-mail, profile URL or name (default: the LinkedIn export's owner)")
	cmd.Flags().StringArrayVar(&f.reportTeams, "report-team", nil, "with --ego 'team:*', a `TEAM` whose report.pdf, report.html and PNG maps are written too (repeatable; '*' for every team); the others get ranked.csv, ranked.json.gz and stakeholder-map.svg")
	return cmd
}

// prepare loads the config and merges it with the flags, flags winning.
func (f *jobFlags) prepare(cmd *cobra.Command) (importers.Options, error) {
	var opt importers.Options
	if f.config == "" && cmd.Flags().Lookup("config") != nil && !cmd.Flags().Changed("config") {
		f.config = os.Getenv("RELMAP_CONFIG")
	}
	cfg, err := loadConfig(f.config)
	if err != nil {
		return opt, err
	}
	f.cfg = cfg
	if err := cfg.layer(cmd); err != nil {
		return opt, err
	}
	if f.log, err = newLogger(cmd.ErrOrStderr(), f.logFormat, f.quiet); err != nil {
		return opt, err
	}
	if cmd.Flags().Lookup("top") != nil && f.top < 1 {
		return opt, usageError{err: fmt.Errorf("--top %d: want 1 or more", f.top)}
	}
	if f.fonts, err = cfg.Fonts.load(); err != nil {
		return opt, err
	}
	if f.keep < 0 {
		return opt, usageError{err: fmt.Errorf("--keep %d: want 0 (keep all) or more", f.keep)}
	}
	opt.Me = f.me
	opt.Aliases = cfg.Aliases
	opt.Reactions = cfg.Slack
	// The runtime collects more often as the heap nears limits.memory, so that the budget the
	// readers check (half of it, importers.heapBudget) reads a recent live heap, and scoring
	// after the reading is held near the limit too (a soft limit: Go's, not the kernel's).
	debug.SetMemoryLimit(cmp.Or(cfg.Limits.Memory, maxMemory))
	opt.MaxHeap = uint64(cmp.Or(cfg.Limits.Memory, maxMemory)) / 2
	if f.pseudo {
		if f.salt == "" {
			return opt, usageError{err: errors.New("--pseudonymize needs a secret salt: --salt or RELMAP_SALT (keep it to get the same tokens next run)")}
		}
		salt := f.salt
		opt.IDToken = func(id string) string { return analysis.PseudonymID(id, salt) }
	}
	if f.ego != "" {
		if !strings.HasPrefix(f.ego, "team:") || strings.TrimPrefix(f.ego, "team:") == "" {
			return opt, usageError{err: fmt.Errorf("--ego %q: want team:NAME or team:*", f.ego)}
		}
		opt.NoOwner = true
	}
	if rt := cmd.Flags().Lookup("report-team"); rt != nil {
		if !rt.Changed && len(cfg.ReportTeam) > 0 {
			f.reportTeams = cfg.ReportTeam
		}
		// The config's list is for the runs of every team; a flag given for another map
		// would do nothing, and says so.
		if rt.Changed && f.ego != "team:*" {
			return opt, usageError{err: errors.New("--report-team chooses among the teams of an --ego 'team:*' run (any other map writes every report)")}
		}
	}
	if f.tz != "" {
		loc, err := time.LoadLocation(f.tz)
		if err != nil {
			return opt, usageError{err: fmt.Errorf("--tz %q: not a time zone (want a name such as Europe/Berlin)", f.tz)}
		}
		opt.TZ = loc
	}
	if f.asOf != "" {
		t, err := time.Parse("2006-01-02", f.asOf)
		if err != nil {
			return opt, usageError{err: fmt.Errorf("--as-of %q: want a date as YYYY-MM-DD", f.asOf)}
		}
		opt.AsOf = t
	}
	if f.labels < 0 {
		return opt, usageError{err: fmt.Errorf("--labels %d: want 0 or more", f.labels)}
	}
	return opt, nil
}

// inputs are the config's inputs followed by the command line's.
func (f *jobFlags) inputs(args []string) []inputConfig {
	in := append([]inputConfig(nil), f.cfg.Inputs...)
	for _, a := range args {
		in = append(in, parseInput(a))
	}
	return in
}

// parseInput reads an INPUT argument: PATH, or KIND=PATH for a generic CSV file of a forced
// kind (people, interactions, ties, annotations).
func parseInput(a string) inputConfig {
	if kind, path, ok := strings.Cut(a, "="); ok {
		for _, k := range importers.GenericKinds {
			if strings.EqualFold(kind, k) {
				return inputConfig{Path: path, Kind: k}
			}
		}
	}
	return inputConfig{Path: a}
}

// openInputs opens every INPUT (openInput); closeAll closes those opened, also after an error.
// out is the run's output folder ("" for none): inside an input folder it is never read.
func openInputs(inputs []inputConfig, lim limitsConfig, out string, log *slog.Logger) (srcs []importers.Source, closeAll func(), err error) {
	var closers []func()
	closeAll = func() {
		for _, c := range closers {
			c()
		}
	}
	for _, in := range inputs {
		opened, closeFn, err := openInput(in, lim, out, log)
		closers = append(closers, closeFn)
		if err != nil {
			return nil, closeAll, err
		}
		srcs = append(srcs, opened...)
	}
	return srcs, closeAll, nil
}

// openInput opens one INPUT as file systems: a folder (and each zip in it: a folder of export
// zips is the scheduling case), a .zip, or a single file.
func openInput(in inputConfig, lim limitsConfig, out string, log *slog.Logger) (srcs []importers.Source, closeFn func(), err error) {
	defer func() {
		for i := range srcs {
			srcs[i].Kind, srcs[i].Columns = in.Kind, in.Columns
		}
	}()
	none := func() {}
	p := named(in.Path)
	st, err := os.Stat(p)
	if err != nil {
		return nil, none, fmt.Errorf("input %s: %w", p, unwrapPath(err))
	}
	name := filepath.Base(filepath.Clean(p))
	switch {
	case st.IsDir():
		return openFolder(p, name, lim, out, log)
	case !st.Mode().IsRegular():
		return openSpecial(p, st, lim, log)
	case strings.EqualFold(filepath.Ext(p), ".zip"):
		src, closeFn, err := openZip(p, name, lim, log)
		if err != nil {
			return nil, none, err
		}
		return []importers.Source{src}, closeFn, nil
	default:
		return []importers.Source{{Name: filepath.ToSlash(filepath.Clean(p)), FS: singleFile{dir: filepath.Dir(p), name: filepath.Base(p)}}}, none, nil
	}
}

// openZip opens a zip as a file system, its size and entries bounded first (checkZip).
func openZip(p, name string, lim limitsConfig, log *slog.Logger) (importers.Source, func(), error) {
	zr, err := zip.OpenReader(p)
	if errors.Is(err, zip.ErrInsecurePath) {
		err = nil // names that climb out ("../x") are harmless: nothing is extracted, fs.FS hides them
	}
	if err != nil {
		return importers.Source{}, func() {}, fmt.Errorf("input %s: not a readable zip: %w", p, err)
	}
	if err := walkZip(&zr.Reader, p, lim, log); err != nil {
		zr.Close()
		return importers.Source{}, func() {}, err
	}
	return importers.Source{Name: name, FS: zr}, func() { zr.Close() }, nil
}

// walkZip readies an opened zip's entries to be read as a file system: their count and size
// bounded (checkZip), their names in slashes, the second of two same-named entries dropped.
func walkZip(zr *zip.Reader, name string, lim limitsConfig, log *slog.Logger) error {
	if err := checkZip(zr, name, lim); err != nil {
		return err
	}
	slashNames(zr)
	dropDuplicates(zr, name, log)
	return nil
}

// slashNames writes entry names with backslashes (Windows PowerShell 5's Compress-Archive
// writes `Complete_LinkedInDataExport\Connections.csv`) in the slashes the zip format asks for.
// archive/zip opens such an entry by its slashed name but lists it under its raw one, so
// without this every file of such a zip read as "file does not exist". A name that climbs
// (`..\x`) becomes `../x`, which, like any climbing name, fs.FS shows inside the zip: nothing
// is ever extracted. It runs before the zip's file system is first used, which indexes names.
func slashNames(zr *zip.Reader) {
	for _, f := range zr.File {
		f.Name = strings.ReplaceAll(f.Name, `\`, "/")
	}
}

// openFolder opens a folder: the folder itself, and each zip found in it as an input of its
// own. Of several LinkedIn exports found (zips or unpacked folders), only the newest by the
// date in its name is read; the others are named as skipped (docs/scheduling.md: a folder
// that each week's export is dropped into). The run's own --out folder is never read.
func openFolder(p, name string, lim limitsConfig, out string, log *slog.Logger) ([]importers.Source, func(), error) {
	dir := importers.Source{Name: name, FS: os.DirFS(p), Skip: map[string]string{}}
	if out != "" {
		if rel, ok := within(p, out); ok {
			dir.Skip[rel] = "the run's own --out folder"
		}
	}
	type export struct {
		rel         string
		date        time.Time // zero for a date that cannot be an export's (year 9999): the oldest
		zip         bool
		implausible string // that date, as named
	}
	var exports []export
	var zips []string
	err := filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
		if err != nil || path == p {
			return nil // the loader's own walk reports what cannot be read
		}
		rel, _ := filepath.Rel(p, path)
		rel = filepath.ToSlash(rel)
		if _, skip := dir.Skip[rel]; skip && d.IsDir() {
			return fs.SkipDir
		}
		isZip := d.Type().IsRegular() && strings.EqualFold(filepath.Ext(path), ".zip")
		if !isZip && !d.IsDir() {
			return nil
		}
		if isZip {
			zips = append(zips, rel)
		}
		if strings.Contains(strings.ToLower(d.Name()), "linkedin") {
			if t, ok := importers.ExportDate(d.Name()); ok || !t.IsZero() {
				e := export{rel: rel, date: t, zip: isZip}
				if !ok {
					e.date, e.implausible = time.Time{}, t.Format("01-02-2006")
				}
				exports = append(exports, e)
				if d.IsDir() {
					return fs.SkipDir // an unpacked export: the loader reads it, or it is skipped
				}
			}
		}
		return nil
	})
	if err != nil {
		return nil, func() {}, fmt.Errorf("input %s: %w", p, err)
	}
	if len(exports) > 1 {
		newest := exports[0]
		for _, e := range exports[1:] {
			if e.date.After(newest.date) || (e.date.Equal(newest.date) && e.rel > newest.rel) {
				newest = e
			}
		}
		for _, e := range exports {
			switch {
			case e.rel == newest.rel:
			case e.implausible != "":
				dir.Skip[e.rel] = "a LinkedIn export whose name's date, " + e.implausible + ", is not plausible; " + path.Base(newest.rel) + " is read"
			case e.date.Equal(newest.date):
				dir.Skip[e.rel] = "the same day's LinkedIn export as " + path.Base(newest.rel) + " (one of them is read)"
			default:
				dir.Skip[e.rel] = "an older LinkedIn export than " + path.Base(newest.rel) + " (of several, the newest by the date in its name is read)"
			}
		}
	}
	srcs := []importers.Source{dir}
	var closers []func()
	closeAll := func() {
		for _, c := range closers {
			c()
		}
	}
	for _, rel := range zips {
		if _, skip := dir.Skip[rel]; skip {
			continue
		}
		src, closeFn, err := openZip(filepath.Join(p, filepath.FromSlash(rel)), name+"/"+rel, lim, log)
		closers = append(closers, closeFn)
		if err != nil {
			// A zip found in a folder (not given by name) that cannot be read is named, and
			// the rest of the folder is read.
			_, why, _ := strings.Cut(err.Error(), ": ")
			dir.Skip[rel] = why
			continue
		}
		dir.Skip[rel] = "" // read as an input of its own
		srcs = append(srcs, src)
	}
	return srcs, closeAll, nil
}

// within reports whether path target lies inside folder dir, and where (a slash path).
func within(dir, target string) (string, bool) {
	a, err1 := filepath.Abs(dir)
	b, err2 := filepath.Abs(target)
	if err1 != nil || err2 != nil {
		return "", false
	}
	rel, err := filepath.Rel(a, b)
	if err != nil || rel == "." || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return "", false
	}
	return filepath.ToSlash(rel), true
}

// checkZip bounds a zip's entry count and total uncompressed size before anything is read.
func checkZip(zr *zip.Reader, name string, lim limitsConfig) error {
	entries, size := maxZipEntries, uint64(maxZipUncompressed)
	if lim.ZipEntries > 0 {
		entries = lim.ZipEntries
	}
	if lim.ZipBytes > 0 {
		size = uint64(lim.ZipBytes)
	}
	if len(zr.File) > entries {
		return fmt.Errorf("input %s: %d entries, over the limit of %d (limits.zip_entries)", name, len(zr.File), entries)
	}
	ratio := uint64(maxZipRatio)
	if lim.ZipRatio > 0 {
		ratio = uint64(lim.ZipRatio)
	}
	var total, packed uint64
	for _, f := range zr.File {
		total += f.UncompressedSize64
		packed += f.CompressedSize64
		// CSV compresses 5–50 times; a run of zeros 1 000 times. A zip bomb is caught here,
		// before a byte of it is inflated.
		if f.UncompressedSize64 > 16<<20 && inflates(f.UncompressedSize64, f.CompressedSize64, ratio) {
			return fmt.Errorf("input %s: %s inflates %d bytes to %d, over %d:1 — a zip bomb? (limits.zip_ratio)", name, f.Name, f.CompressedSize64, f.UncompressedSize64, ratio)
		}
	}
	if total > size {
		return fmt.Errorf("input %s: %d bytes uncompressed, over the limit of %d (limits.zip_bytes)", name, total, size)
	}
	// The entries of 16 MiB or less, each let through above, are bounded as a whole: 500 of
	// them, of blank lines, inflated 8 MB to 8 GiB and took minutes to read.
	if total > 16<<20 && inflates(total, packed, ratio) {
		return fmt.Errorf("input %s: its entries inflate %d bytes to %d in all, over %d:1 — a zip bomb? (limits.zip_ratio)", name, packed, total, ratio)
	}
	return nil
}

// inflates reports whether size is over ratio times packed (taken as at least 1), without
// the product wrapping round when limits.zip_ratio is set very high.
func inflates(size, packed, ratio uint64) bool {
	hi, lo := bits.Mul64(ratio, max(packed, 1))
	return hi == 0 && size > lo
}

// dropDuplicates keeps the first of zip entries that share a name (a zip may hold two; an
// fs.FS cannot), so that the rest of the archive stays readable.
func dropDuplicates(zr *zip.Reader, name string, log *slog.Logger) {
	seen := map[string]bool{}
	kept := zr.File[:0]
	for _, f := range zr.File {
		if seen[f.Name] {
			log.Warn(fmt.Sprintf("%s: a second entry named %s is ignored", name, f.Name))
			continue
		}
		seen[f.Name] = true
		kept = append(kept, f)
	}
	zr.File = kept
}

func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// singleFile is a file system holding one file of a folder, for an INPUT that names a file.
type singleFile struct{ dir, name string }

func (s singleFile) Open(name string) (fs.File, error) {
	if name == "." {
		return os.DirFS(s.dir).Open(".")
	}
	if name != s.name {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
	}
	return os.DirFS(s.dir).Open(name)
}

func (s singleFile) ReadDir(name string) ([]fs.DirEntry, error) {
	if name != "." {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: fs.ErrNotExist}
	}
	all, err := fs.ReadDir(os.DirFS(s.dir), ".")
	if err != nil {
		return nil, err
	}
	for _, e := range all {
		if e.Name() == s.name {
			if e.Type()&fs.ModeSymlink != 0 {
				// A link the user named is followed: the file it leads to is the INPUT.
				if st, err := os.Stat(filepath.Join(s.dir, s.name)); err == nil {
					return []fs.DirEntry{fs.FileInfoToDirEntry(st)}, nil
				}
			}
			return []fs.DirEntry{e}, nil
		}
	}
	return nil, nil
}

// job is the whole batch job: lock the output folder and reconcile it with the history,
// import, score, write the run and commit it (SPEC §5), summarise.
func job(srcs []importers.Source, rp replay, opt importers.Options, f jobFlags, stdout, stderr io.Writer) error {
	started := time.Now()
	rp.pipes = pipeDigests(srcs)
	prog := startProgress(stderr, &f)
	defer prog.stop()
	log, err := newLogger(prog.writer(stderr), f.logFormat, f.quiet)
	if err != nil {
		return err
	}
	prog.stage("waiting for the output folder")
	o, err := openOut(f.out, f.db, f.wait, log)
	if err != nil {
		return err
	}
	defer o.Close()
	opt.Progress = func(file string) { prog.stage("reading " + file) }
	ds, ego, err := load(srcs, opt, f, log)
	if err != nil {
		return err
	}
	past, err := pastOf(o, ego, ds, f)
	if err != nil {
		return err
	}
	prog.stage("scoring")
	sc, err := scoreMaps(ds, f, past)
	if err != nil {
		return err
	}
	if f.pseudo {
		for _, r := range sc.results {
			analysis.Pseudonymize(r, f.salt)
		}
		rp.Me, rp.Pseudonymized = "", true // run.json names no one either
	}
	written := writtenReplay(rp, f)
	run, err := f.historyRun(rp, ego, sc.results[0], started)
	if err != nil {
		return err
	}
	if err := o.begin(&run); err != nil {
		return err
	}
	var committed bool
	defer func() {
		if !committed {
			o.abandon(run.ID)
		}
	}()
	prog.stage("writing the outputs")
	files, err := o.files(run.ID)
	if err != nil {
		return err
	}
	defer files.wait() // an early return waits for the writers before the folder goes
	stage, staged := stager(o.store, run.ID)
	defer staged() // an early return waits for the history before the run is abandoned
	w := newMapWriter(o, files, f, past, &run, written, started, stage, log)
	changes, overview, err := w.writeMaps(sc, ds)
	if err != nil {
		return err
	}
	if err := staged(); err != nil {
		return err
	}
	if f.ego == "team:*" {
		organisationFiles(files, sc.teamMaps, ds, f)
	}
	rj, err := json.MarshalIndent(written, "", "  ")
	if err != nil {
		return err
	}
	files.add("run.json", func(w io.Writer) error {
		_, err := w.Write(append(rj, '\n'))
		return err
	})
	prog.stage("committing the run")
	dir, committed, err := o.commit(run.ID, files, nil, time.Now)
	switch {
	case err != nil && !committed:
		return err
	case err != nil:
		// The run is complete in the history; the next start points latest at it.
		log.Warn("the run is complete, but latest could not be pointed at it", "run", run.ID, "err", err)
	}
	log.Info("run committed", "run", filepath.Base(dir), "people", len(sc.results[0].People))
	if err := o.prune(f.keep, log); err != nil {
		log.Warn("the run is complete, but pruning old runs failed", "err", err)
	}
	prog.stop()
	if !f.quiet {
		if overview != nil {
			overview.summarize(stdout, sc.results[0], dir, f.out, files.names)
		} else {
			summarize(stdout, sc.results[0], dir, f.out, files.names)
		}
		summarizeAllChanges(stdout, changes)
	}
	return nil
}

// load reads the inputs, logs their problems (--strict fails on any) and names the map's ego
// as the history keys it: --ego, else the owner's id (a token under --pseudonymize).
func load(srcs []importers.Source, opt importers.Options, f jobFlags, log *slog.Logger) (*importers.Dataset, string, error) {
	ds, err := importers.Load(srcs, opt)
	if err != nil {
		return nil, "", inFlags(err)
	}
	for _, p := range ds.Problems {
		log.Warn(problemText(p, f.pseudo))
	}
	if f.strict && len(ds.Problems) > 0 {
		return nil, "", fmt.Errorf("%s in the inputs (--strict fails on any)", plural(len(ds.Problems), "problem", "problems"))
	}
	ego := f.ego
	if ego == "" && ds.Ego >= 0 {
		ego = ds.People[ds.Ego].ID
		if f.pseudo {
			ego = analysis.PseudonymID(ego, f.salt)
		}
	}
	return ds, ego, nil
}

// past is the run before this one, for the same ego: what the maps are compared with.
type past struct {
	o    *outFolder
	prev *history.Run      // nil: the first run
	real map[string]string // under --pseudonymize, a token → the id the scorer knows
}

// pastOf finds the previous run of the same ego in the history.
func pastOf(o *outFolder, ego string, ds *importers.Dataset, f jobFlags) (past, error) {
	prev, err := o.last(ego)
	if err != nil {
		return past{}, err
	}
	p := past{o: o, prev: prev}
	// A pseudonymized history keys people by their tokens: the scorer knows them by id.
	if f.pseudo && prev != nil {
		p.real = make(map[string]string, len(ds.People))
		for i := range ds.People {
			p.real[analysis.PseudonymID(ds.People[i].ID, f.salt)] = ds.People[i].ID
		}
	}
	return p, nil
}

// before is the previous run's scores of one map ("" the ego's, else a team's), by the ids the
// scorer knows; nil on a first run.
func (p past) before(key string) ([]history.Score, error) {
	if p.prev == nil {
		return nil, nil
	}
	sc, err := p.o.store.Scores(p.prev.ID, key)
	if p.real != nil {
		for i := range sc {
			sc[i].Person = p.real[sc[i].Person]
		}
	}
	return sc, err
}

// scored is what scoring hands to the writing: the map, or with --ego 'team:*' the first
// team's and the means to score the others one at a time as they are written.
type scored struct {
	results  []*analysis.Result // the map, or the first team's
	teamMaps *analysis.TeamMaps
	teams    []string        // with --ego team:NAME or 'team:*': each team
	folders  []string        // with --ego 'team:*': each team's folder under teams/
	reported map[string]bool // with --ego 'team:*': the teams whose reports are written (--report-team)
}

// scoreMaps scores the ego's map, or a team's, or the first of every team's, with the tiers
// and communities of the run before.
func scoreMaps(ds *importers.Dataset, f jobFlags, p past) (scored, error) {
	var sc scored
	aopt := f.cfg.analysisOptions()
	team, ok := strings.CutPrefix(f.ego, "team:")
	if !ok {
		prev, err := p.before("")
		if err != nil {
			return sc, err
		}
		aopt.PreviousTiers, aopt.PreviousCommunities = history.Tiers(prev), history.Communities(prev)
		res, err := analysis.Score(ds, aopt)
		if err != nil {
			return sc, inFlags(err)
		}
		sc.results = append(sc.results, res)
		return sc, nil
	}
	// A team's map, or every team's (SPEC §2.7, §4): the metrics run once for all of them.
	sc.teams = []string{team}
	if team == "*" {
		sc.teams = analysis.Teams(ds)
		if len(sc.teams) == 0 {
			return sc, errors.New("--ego 'team:*': no one has a team (give a people file with a team column)")
		}
		sc.folders = teamFolders(sc.teams)
		var err error
		if sc.reported, err = reportedTeams(f.reportTeams, sc.teams, sc.folders); err != nil {
			return sc, err
		}
		aopt.TeamTiers = map[string]map[string]analysis.TierState{}
		for _, t := range sc.teams {
			prev, err := p.before(t) // team maps are kept in the history by team name
			if err != nil {
				return sc, err
			}
			aopt.TeamTiers[t] = history.Tiers(prev)
		}
	} else {
		prev, err := p.before("")
		if err != nil {
			return sc, err
		}
		aopt.PreviousTiers = history.Tiers(prev)
	}
	// Maps are scored one at a time as they are written: the first now, for the run's
	// record, the others as they are written (mapWriter.writeMaps).
	var err error
	if sc.teamMaps, err = analysis.NewTeamMaps(ds, aopt); err != nil {
		return sc, err
	}
	// The maps fold their members' rows from their index's compact copy: the rows
	// themselves, the largest part of the memory and full of pointers, can go.
	ds.Interactions = nil
	first, err := sc.teamMaps.Map(sc.teams[0], sc.folders == nil)
	if err != nil {
		return sc, err
	}
	sc.results = append(sc.results, first)
	return sc, nil
}

// writtenReplay is the replay as run.json and the report's list of inputs give it: under
// --pseudonymize no path names anyone either.
func writtenReplay(rp replay, f jobFlags) replay {
	written := rp
	if f.pseudo {
		written.Inputs = slices.Clone(rp.Inputs)
		for i := range written.Inputs {
			written.Inputs[i].Path = analysis.PseudonymPath(written.Inputs[i].Path, f.salt)
		}
		written.Config = ""
		if rp.Config != "" {
			written.Config = analysis.PseudonymPath(rp.Config, f.salt)
		}
	}
	return written
}

// mapWriter writes each map of a run and stages its scores in the history.
type mapWriter struct {
	o     *outFolder
	files *runFiles
	f     jobFlags
	past  past
	run   *history.Run
	meta  reports.Meta
	po    pdf.PDFOptions
	stage func([]history.Map) error
	log   *slog.Logger
}

// newMapWriter is the writer of one run's maps, with what every report says of the run: its
// inputs (as run.json names them), version, and creation time (none under --deterministic).
func newMapWriter(o *outFolder, files *runFiles, f jobFlags, p past, run *history.Run, written replay, started time.Time, stage func([]history.Map) error, log *slog.Logger) *mapWriter {
	var inputs []string
	for _, in := range written.Inputs {
		inputs = append(inputs, filepath.Base(in.Path))
	}
	w := &mapWriter{o: o, files: files, f: f, past: p, run: run, stage: stage, log: log}
	w.meta = reports.Meta{Inputs: inputs, Version: version, Top: f.top}
	w.po = pdf.PDFOptions{Fonts: f.fonts, Created: started}
	if f.determ {
		w.po.Created = time.Time{} // the as-of day
	}
	return w
}

// writeMaps writes every map and stages its scores (in batches), each before the next is
// scored: a run of thousands of team maps holds the few being written. With --ego 'team:*' it
// writes the organisation's overview (index.html, teams.csv) last. It returns each map's
// changes since the run before, and the overview for the summary.
func (w *mapWriter) writeMaps(sc scored, ds *importers.Dataset) ([]*history.Changes, *organisation, error) {
	var changes []*history.Changes
	maps := max(len(sc.teams), 1)
	var batch []history.Map
	batched, warned := 0, false
	var overview *organisation // with --ego 'team:*': index.html, teams.csv and the summary
	if sc.folders != nil {
		overview = newOrganisation(ds)
	}
	var nextMap func() (*analysis.Result, error, bool) // with --ego 'team:*': the other teams' maps, drawn on every core
	if len(sc.teams) > 1 {
		var stop func()
		nextMap, stop = iter.Pull2(sc.teamMaps.Maps(sc.teams[1:], false, runtime.GOMAXPROCS(0)))
		defer stop()
	}
	f := w.f
	for i := range maps {
		r := sc.results[0]
		if i > 0 {
			var err error
			var drawn bool
			if r, err, drawn = nextMap(); err != nil {
				return nil, nil, err
			} else if !drawn {
				return nil, nil, fmt.Errorf("team %q: no map drawn", sc.teams[i]) // Maps yields one per team: never
			}
			if f.pseudo {
				analysis.Pseudonymize(r, f.salt)
			}
		}
		if !warned {
			warned = warnGlyphs(r, f.fonts, w.log)
		}
		key, prefix := "", ""
		if sc.folders != nil {
			key, prefix = sc.teams[i], "teams/"+sc.folders[i]+"/"
		}
		c, err := w.changes(key, r)
		if err != nil {
			return nil, nil, err
		}
		if c != nil {
			changes = append(changes, c)
		}
		render(w.files, prefix, r, f, c, w.meta, w.po, sc.folders != nil && !sc.reported[sc.teams[i]])
		// The scores go into the history while the files are still being written; the run
		// stays begun (and is cleared away if anything fails) until the commit point.
		batch, batched = append(batch, history.Map{Key: key, Result: r}), batched+len(r.People)
		if batched >= stageBatch || i == maps-1 {
			if err := w.stage(batch); err != nil {
				return nil, nil, err
			}
			batch, batched = nil, 0
		}
		if overview != nil {
			overview.add(sc.teams[i], sc.folders[i], r, w.files.names)
		}
	}
	if overview != nil {
		meta := reports.IndexMeta{AsOf: sc.results[0].AsOf, AsOfFrom: sc.results[0].Coverage.AsOfFrom, Meta: w.meta}
		if sc.results[0].Coverage.Undated {
			meta.AsOf = time.Time{}
		}
		overview.files(w.files, meta)
	}
	return changes, overview, nil
}

// changes compares one map with its scores in the run before; nil when there were none.
func (w *mapWriter) changes(key string, r *analysis.Result) (*history.Changes, error) {
	prev := w.past.prev
	if prev == nil {
		return nil, nil
	}
	sc, err := w.o.store.Scores(prev.ID, key) // as recorded: the same ids as r's
	if err != nil || sc == nil {
		return nil, err
	}
	c := history.Compare(history.RunRef{Run: prev.ID, AsOf: prev.AsOf}, history.RunRef{Run: w.run.ID, AsOf: r.AsOf.Format("2006-01-02")}, sc, history.ScoresOf(r))
	c.Map = key
	return c, nil
}

// organisationFiles adds the files of the whole organisation that --ego 'team:*' writes at the
// run folder's root: the tie strength between teams and departments, and the graph every
// team's map is a contraction of.
func organisationFiles(files *runFiles, teamMaps *analysis.TeamMaps, ds *importers.Dataset, f jobFlags) {
	nw := teamMaps.Organisation()
	// Team names stay under --pseudonymize: they are not people.
	tm, mo := reports.TeamTies(nw), chart.MatrixOptions{AsOf: ds.AsOf, Fonts: f.fonts}
	files.add("team-matrix.csv", func(w io.Writer) error { return reports.WriteTeamMatrixCSV(w, tm) })
	files.add("team-matrix.png", func(w io.Writer) error { return chart.WriteTeamMatrixPNG(w, tm, mo) })
	files.add("team-matrix.svg", func(w io.Writer) error { return chart.WriteTeamMatrixSVG(w, tm, mo) })
	if f.pseudo {
		analysis.PseudonymizeNetwork(&nw, f.salt)
	}
	// Compressed: the whole graph of an organisation is a gigabyte of XML at 100 000 people
	// (networkx reads .gz files as they are; gunzip gives Gephi its file).
	org := &analysis.Result{Ego: analysis.Ego{Name: "every team"}, AsOf: ds.AsOf, Network: nw}
	files.add("network.gexf.gz", gzipped(func(w io.Writer) error { return reports.WriteGEXF(w, org) }))
	files.add("network.graphml.gz", gzipped(func(w io.Writer) error { return reports.WriteGraphML(w, org) }))
}

// summarizeAllChanges tells the terminal what moved since the last run: one map's changes, or
// how many team maps moved.
func summarizeAllChanges(stdout io.Writer, changes []*history.Changes) {
	switch {
	case len(changes) == 1:
		summarizeChanges(stdout, changes[0], 5)
	case len(changes) > 1:
		moved := 0
		for _, c := range changes {
			if !c.Empty() {
				moved++
			}
		}
		fmt.Fprintf(stdout, "changes since the last run in %d of %d team maps: see teams/*/diff.json, or relmap diff --map TEAM\n", moved, len(changes))
	}
}

// problemText is a problem with the inputs as the log says it. Under --pseudonymize a row's
// problem names its file, line and column but not what was wrong, which may quote a name or an
// address; 'relmap validate' shows it whole, on the user's own terminal.
func problemText(err error, pseudo bool) string {
	if !pseudo {
		return err.Error() + advice(err)
	}
	var re *importers.RowError
	if errors.As(err, &re) {
		return fmt.Sprintf("%s:%d: %s: a problem (withheld under --pseudonymize; relmap validate shows it)", re.File, re.Line, re.Column)
	}
	return "a problem with the inputs (withheld under --pseudonymize; relmap validate shows it)"
}

// advice is what the user can do about a problem with a whole file, in relmap's own flags and
// commands; "" for any other problem.
func advice(err error) string {
	var fp *importers.FileProblem
	if !errors.As(err, &fp) {
		return ""
	}
	switch fp.Problem {
	case importers.NoKind:
		return "; force one with KIND=PATH or map the columns in the config"
	case importers.OwnRanked:
		return ". To give your own judgement, run `relmap annotate --template -o notes.csv`, fill in the columns you know and pass notes.csv"
	}
	return ""
}

// historyRun is the run as the history records it: when it started, what it read (a digest of
// the inputs' bytes), with which config and which relmap.
func (f *jobFlags) historyRun(rp replay, ego string, r *analysis.Result, started time.Time) (history.Run, error) {
	digest := "demo"
	if !rp.Demo {
		var paths []string
		for _, in := range rp.Inputs {
			paths = append(paths, in.Path)
		}
		var err error
		if digest, err = digestInputs(paths, rp.pipes); err != nil {
			return history.Run{}, fmt.Errorf("digesting the inputs: %w", err)
		}
	}
	// The history keeps no one's name or address, even unpseudonymized: the config it
	// records says how many team members and ignored names there were, not who (run.json, in
	// the run's own folder, keeps them for explain).
	eff := f.cfg.effective(f).redacted()
	if f.pseudo { // the config file's inputs, by their tokens
		eff.Inputs = slices.Clone(eff.Inputs)
		for i := range eff.Inputs {
			eff.Inputs[i].Path = analysis.PseudonymPath(eff.Inputs[i].Path, f.salt)
		}
	}
	cfg, err := yaml.Marshal(eff)
	if err != nil {
		return history.Run{}, err
	}
	asOf := r.AsOf.Format("2006-01-02")
	if r.AsOf.IsZero() {
		asOf = "undated"
	}
	return history.Run{ID: started.UTC().Format("20060102T150405Z"), Started: started, AsOf: asOf,
		Ego: ego, InputsDigest: digest, Config: string(cfg), Version: version, Pseudonymized: f.pseudo}, nil
}

// teamFolders names each team's folder after it, uniquely: "R&D" and "R+D" both read "r-d",
// so the second is "r-d-2"; a name of punctuation alone is "team".
func teamFolders(teams []string) []string {
	out := make([]string, len(teams))
	used := map[string]bool{}
	for i, t := range teams {
		base := analysis.Slug(t)
		if base == "" {
			base = "team"
		}
		name := base
		for n := 2; used[name]; n++ {
			name = fmt.Sprintf("%s-%d", base, n)
		}
		used[name] = true
		out[i] = name
	}
	return out
}

// reportedTeams is the set of teams whose reports are written, of names given to --report-team
// (a team's name, in any case, or its folder under teams/; '*' for every team). A name that
// is no team's is a usage error naming the closest teams, as a mistyped flag is.
func reportedTeams(names, teams, folders []string) (map[string]bool, error) {
	out := map[string]bool{}
	for _, n := range names {
		if n == "*" {
			for _, t := range teams {
				out[t] = true
			}
			continue
		}
		i := slices.Index(teams, n)
		if i < 0 {
			i = slices.Index(folders, n)
		}
		if i < 0 {
			i = slices.IndexFunc(teams, func(t string) bool { return strings.EqualFold(t, n) })
		}
		if i < 0 {
			return nil, usageError{err: fmt.Errorf("--report-team %q: no such team%s", n, closeTeams(n, teams))}
		}
		out[teams[i]] = true
	}
	return out, nil
}

// closeTeams is "; did you mean …?" with the teams whose names are closest to n (at most five,
// within a third of the name's length in edits, or that contain it), or, when none is, how
// many teams there are and the first few.
func closeTeams(n string, teams []string) string {
	type near struct {
		team string
		d    int
	}
	var found []near
	ln := strings.ToLower(n)
	for _, t := range teams {
		lt := strings.ToLower(t)
		d := editDistance(ln, lt)
		if strings.Contains(lt, ln) || strings.Contains(ln, lt) {
			d = min(d, 1)
		}
		if d <= max(2, len([]rune(n))/3) {
			found = append(found, near{t, d})
		}
	}
	slices.SortStableFunc(found, func(a, b near) int { return cmp.Compare(a.d, b.d) })
	if len(found) > 0 {
		var q []string
		for _, x := range found[:min(len(found), 5)] {
			q = append(q, fmt.Sprintf("%q", x.team))
		}
		if len(q) > 1 {
			q = append(q[:len(q)-2], q[len(q)-2]+" or "+q[len(q)-1])
		}
		return "; did you mean " + strings.Join(q, ", ") + "?"
	}
	list := strings.Join(quoteAll(teams[:min(len(teams), 8)]), ", ")
	if len(teams) > 8 {
		list += fmt.Sprintf(" and %d more", len(teams)-8)
	}
	return fmt.Sprintf(" (of %d: %s)", len(teams), list)
}

// warnGlyphs says when names have characters the PNG and PDF outputs cannot draw with the
// fonts at hand (Liberation Sans, and the config's font), so the user knows to name one.
// It reports whether it warned.
func warnGlyphs(r *analysis.Result, fonts chart.Fonts, log *slog.Logger) bool {
	names := []string{r.Ego.Name}
	for i := range r.People {
		names = append(names, r.People[i].Name, r.People[i].Company, r.People[i].Title)
	}
	missing, err := fonts.Undrawable(names...)
	if err != nil || len(missing) == 0 {
		return false
	}
	log.Warn(fmt.Sprintf("%d characters of the names (%s) are in no font the PNG and PDF outputs have: they show blank there; name a font that has them in the config's fonts.regular (docs/reports.md)",
		len(missing), string(missing[:min(len(missing), 8)])))
	return true
}

// stageBatch is about how many people's scores a run records in the history at a time.
const stageBatch = 100_000

// stager records batches of a run's scores in the history (Store.Stage) on a goroutine of its
// own, one batch after another, while the caller goes on drawing and writing maps: with every
// team's map, a million rows of SQLite would otherwise hold up the maps behind them. stage
// hands it a batch, and reports the error of an earlier one; done waits for every batch and
// reports the first error (once done, stage must not be called; done may be called again).
func stager(store *history.Store, run string) (stage func([]history.Map) error, done func() error) {
	batches := make(chan []history.Map, 1)
	result := make(chan error, 1)
	var failed atomic.Bool
	go func() {
		var err error
		for b := range batches {
			if err == nil {
				if err = store.Stage(run, b); err != nil {
					failed.Store(true)
				}
			}
		}
		result <- err
	}()
	var closed bool
	var err error
	done = func() error {
		if !closed {
			closed = true
			close(batches)
			err = <-result
		}
		return err
	}
	stage = func(b []history.Map) error {
		if failed.Load() {
			return done()
		}
		batches <- b
		return nil
	}
	return stage, done
}

// htmlSVGPeople is the most people whose maps report.html inlines as SVG; above it, as PNG.
const htmlSVGPeople = 2000

// render writes every output of a map into files under prefix (a team's folder, or the run's
// own), several at once. The figures are kept in memory too, for report.html.
// c is what changed since the last run of the map (nil on a first run). A work list (a team
// of a team:* run not named by --report-team) is ranked.csv, ranked.json.gz, stakeholder-map.svg
// and diff.json only: the reports and the PNG and PDF maps are more than half of a team's
// bytes (docs/scheduling.md).
func render(files *runFiles, prefix string, res *analysis.Result, f jobFlags, c *history.Changes, meta reports.Meta, po pdf.PDFOptions, workList bool) {
	mo := chart.MapOptions{Labels: f.labels, HighInfluence: res.HighInfluence, Fonts: f.fonts}
	if math.IsNaN(mo.HighInfluence) { // nobody ranked: no line to draw inside the map
		mo.HighInfluence = 1
	}
	if f.labels == 0 {
		mo.Labels = -1
	}
	add := func(name string, write func(w io.Writer) error) { files.add(prefix+name, write) }
	add("ranked.csv", func(w io.Writer) error {
		if f.excel {
			if _, err := io.WriteString(w, reports.ExcelBOM); err != nil {
				return err
			}
		}
		return reports.WriteCSV(w, res)
	})
	if f.ego == "team:*" {
		// Every team's ranked.json, compressed: 4 000 teams' lists would be 2 GB of it
		// (docs/scheduling.md).
		add("ranked.json.gz", gzipped(func(w io.Writer) error { return reports.WriteJSON(w, res) }))
	} else {
		add("ranked.json", func(w io.Writer) error { return reports.WriteJSON(w, res) })
	}
	if c != nil {
		add("diff.json", func(w io.Writer) error { return reports.WriteChanges(w, c) })
	}
	if workList {
		add("stakeholder-map.svg", func(w io.Writer) error { return chart.WriteMapSVG(w, res, mo) })
		return
	}
	// The figures report.html shows, each written to its file and kept: SVG up to
	// htmlSVGPeople people, PNG above (thousands of points make each SVG megabytes).
	var figs sync.WaitGroup
	asPNG := len(res.People) > htmlSVGPeople
	var mapFig, irFig bytes.Buffer
	figure := func(name string, keep bool, buf *bytes.Buffer, write func(w io.Writer) error) {
		if !keep {
			add(name, write)
			return
		}
		figs.Add(1)
		add(name, func(w io.Writer) error {
			defer figs.Done()
			return write(io.MultiWriter(w, buf))
		})
	}
	figure("stakeholder-map.svg", !asPNG, &mapFig, func(w io.Writer) error { return chart.WriteMapSVG(w, res, mo) })
	figure("stakeholder-map.png", asPNG, &mapFig, func(w io.Writer) error { return chart.WriteMapPNG(w, res, mo) })
	figure("influence-reach.svg", !asPNG, &irFig, func(w io.Writer) error { return chart.WriteInfluenceReachSVG(w, res, mo) })
	figure("influence-reach.png", asPNG, &irFig, func(w io.Writer) error { return chart.WriteInfluenceReachPNG(w, res, mo) })
	add("stakeholder-map.pdf", func(w io.Writer) error { return pdf.WriteMapPDF(w, res, mo, po) })
	rep := reports.NewReport(res, c, meta)
	add("report.pdf", func(w io.Writer) error { return pdf.WritePDF(w, rep, res, mo, po) })
	add("report.html", func(w io.Writer) error {
		figs.Wait() // the figures' writers were added before this one: they hold workers or are done
		figures := []reports.Figure{
			{Title: "Stakeholder map", Caption: "Status (detractor ← → supporter) against influence; a point's size is the person's reach, its colour their category.", SVG: mapFig.Bytes()},
			{Title: "Influence and reach", Caption: "Reach against influence, coloured by zone.", SVG: irFig.Bytes()},
		}
		if asPNG {
			figures[0].SVG, figures[0].PNG = nil, mapFig.Bytes()
			figures[1].SVG, figures[1].PNG = nil, irFig.Bytes()
			figures[0].Caption += " Full resolution: stakeholder-map.svg."
			figures[1].Caption += " Full resolution: influence-reach.svg."
		}
		return reports.WriteHTML(w, rep, figures)
	})
	if f.ego != "team:*" {
		// Each team's map is drawn on a contraction of the whole graph: with every team's
		// map, the network files hold the whole graph once, in the run's folder (job).
		networkFiles(files, prefix, res)
	}
}

// gzipped is write through gzip at its fastest level (no name or time in the header: the
// same bytes every run).
func gzipped(write func(w io.Writer) error) func(w io.Writer) error {
	return func(w io.Writer) error {
		z := gzipWriters.Get().(*gzip.Writer)
		defer gzipWriters.Put(z)
		defer z.Reset(nil)
		z.Reset(w)
		if err := write(z); err != nil {
			return err
		}
		return z.Close()
	}
}

// gzipWriters are gzipped's streams, used again: a new one is over a megabyte, and a run of
// every team's map writes thousands.
var gzipWriters = sync.Pool{New: func() any {
	z, _ := gzip.NewWriterLevel(nil, gzip.BestSpeed) // a valid level: no error
	return z
}}

// networkFiles writes network.gexf and network.graphml of r's network under prefix.
func networkFiles(files *runFiles, prefix string, r *analysis.Result) {
	files.add(prefix+"network.gexf", func(w io.Writer) error { return reports.WriteGEXF(w, r) })
	files.add(prefix+"network.graphml", func(w io.Writer) error { return reports.WriteGraphML(w, r) })
}

// summarizeReading prints what a run read and skipped, by reason, and the first files it did
// not read: the same lines for one map and for every team's.
func summarizeReading(w io.Writer, c *analysis.Coverage) {
	rows, skipped := 0, 0
	reasons := map[string]int{}
	for _, f := range c.Files {
		rows += f.Rows
		for k, v := range f.Skipped {
			skipped += v
			reasons[k] += v
		}
	}
	line := fmt.Sprintf("read %s, %d rows; skipped %d", plural(len(c.Files), "file", "files"), rows, skipped)
	if skipped > 0 {
		line += " (" + strings.Join(reports.SkipReasons(reasons), ", ") + ")"
	}
	fmt.Fprintln(w, line)
	notRead(w, c.NotRead, 10)
}

// summarize prints the short summary of SPEC §4: who, as of when, what was read and skipped,
// the zones, the top of the list and the paths written.
func summarize(w io.Writer, res *analysis.Result, dir, out string, files []string) {
	c := &res.Coverage
	if c.Undated {
		fmt.Fprintf(w, "relmap: map of %s, undated (nothing in the inputs has a date: decay, cooling and dormant ties are off)\n", res.Ego.Name)
	} else {
		fmt.Fprintf(w, "relmap: map of %s as of %s (%s)\n", res.Ego.Name, res.AsOf.Format("2006-01-02"), c.AsOfFrom)
	}
	summarizeReading(w, c)
	zones := map[analysis.Zone]int{}
	for _, p := range res.People {
		zones[p.Zone]++
	}
	var zs []string
	for _, z := range analysis.Zones {
		if zones[z] > 0 {
			zs = append(zs, fmt.Sprintf("%d %s", zones[z], z))
		}
	}
	fmt.Fprintf(w, "ranked %s: %s\n", plural(len(res.People), "person", "people"), strings.Join(zs, ", "))
	if c.LeftOut > 0 {
		fmt.Fprintf(w, "a work list: %d more within two hops of the team left out (team_top)\n", c.LeftOut)
	}
	if rests := reports.StatusRests(c); rests != "" {
		fmt.Fprintln(w, rests)
	}
	if len(res.Communities) > 0 {
		var cs []string
		for _, g := range res.Communities[:min(len(res.Communities), 6)] {
			cs = append(cs, fmt.Sprintf("%s %d", g.Name, g.People))
		}
		fmt.Fprintf(w, "communities (of %d or more): %s\n", res.MinGroup, strings.Join(cs, ", "))
	}
	if c.Team+c.Ignored > 0 {
		fmt.Fprintf(w, "not ranked: %d on the team, %d ignored by the config's rules\n", c.Team, c.Ignored)
	}
	for i := range res.People[:min(5, len(res.People))] {
		p := &res.People[i]
		fmt.Fprintf(w, "  %d. %s — %s, importance %s: %s\n", p.Rank, p.Name, p.Zone, reports.Number(p.Importance), reports.Why(p.Reasons))
	}
	fmt.Fprintln(w, "wrote:")
	// By folder, in the order they were written, and in each the reports first; of the team
	// maps' folders, the first one's (the summary says how many more there are).
	folder := map[string]int{}
	var listedFiles []string
	teamFolders := 0
	for _, name := range files {
		d := path.Dir(name)
		if _, ok := folder[d]; !ok {
			folder[d] = len(folder)
			if strings.HasPrefix(d, "teams/") {
				teamFolders++
			}
		}
		if !strings.HasPrefix(d, "teams/") || teamFolders == 1 {
			listedFiles = append(listedFiles, name)
		}
	}
	files = listedFiles
	slices.SortStableFunc(files, func(a, b string) int {
		if c := cmp.Compare(folder[path.Dir(a)], folder[path.Dir(b)]); c != 0 {
			return c
		}
		return cmp.Compare(listed(a), listed(b))
	})
	for _, name := range files {
		fmt.Fprintf(w, "  %s\n", filepath.Join(dir, filepath.FromSlash(name)))
	}
	fmt.Fprintf(w, "  %s -> %s\n", filepath.Join(out, "latest"), dir)
}

// notRead prints what was given or found and not read, one line a reason, naming at most
// most of each (SPEC §2.5a, §6: no input is dropped silently).
func notRead(w io.Writer, nr []importers.NotRead, most int) {
	var reasons []string
	by := map[string][]string{}
	for _, n := range nr {
		if _, ok := by[n.Reason]; !ok {
			reasons = append(reasons, n.Reason)
		}
		by[n.Reason] = append(by[n.Reason], n.Name)
	}
	for _, r := range reasons {
		names := by[r]
		list := strings.Join(names[:min(len(names), most)], ", ")
		if len(names) > most {
			list += fmt.Sprintf(" and %d more (relmap validate lists them)", len(names)-most)
		}
		fmt.Fprintf(w, "not read: %s — %s\n", list, r)
	}
}

// listed is where a file of a run comes in the summary's list: the reports first, the data
// files last.
func listed(name string) int {
	order := []string{"ranked.csv", "ranked.json", "ranked.json.gz", "report.html", "report.pdf", "stakeholder-map.png", "stakeholder-map.svg",
		"stakeholder-map.pdf", "influence-reach.png", "influence-reach.svg", "diff.json", "network.gexf", "network.graphml",
		"network.gexf.gz", "network.graphml.gz"}
	if i := slices.Index(order, path.Base(name)); i >= 0 {
		return i
	}
	return len(order)
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}
