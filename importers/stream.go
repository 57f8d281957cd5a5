package importers

import (
	"crypto/md5"
	"errors"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/relmap/relmap/fold"
	"github.com/relmap/relmap/importers/csvtable"
)

// RawInteraction is one row of a generic interactions file with its people named as the file
// names them (keys trimmed, the cc column joined to the recipients): what `relmap fold` and
// the Beam pipeline fold, before anyone is resolved.
type RawInteraction struct {
	Time time.Time
	File string // the file's name as coverage names it: a row seen in two files counts in the one whose name sorts first
	Row  fold.KeyedRow
}

// ErrNoInteractions is ReadInteractions' answer when no input is an interactions file (a CSV
// with time, from and to columns, or a file forced to that kind); the problems it returns with
// it say what each file was instead.
var ErrNoInteractions = errors.New("no interactions file among the inputs: a CSV with time, from and to columns")

// DuplicateKey identifies a row across files, as a run does (SPEC §2.6): same people, same
// minute, same channel. Equal keys always fall in the same minute (UTC), so in the same day of
// any time zone: a pipeline may group rows by day before it applies the duplicate rule.
func (r *RawInteraction) DuplicateKey() string {
	var b strings.Builder
	b.WriteString(r.Time.UTC().Format("2006-01-02T15:04"))
	b.WriteString("|" + r.Row.Channel + "|" + r.Row.From + ">")
	to := slices.Clone(r.Row.To)
	slices.Sort(to)
	for _, k := range to {
		b.WriteString(k)
		b.WriteByte(0)
	}
	return b.String()
}

// ReadInteractions reads the generic interactions files among srcs — found by their header,
// or forced with Source.Kind — and calls fn with each row that can be used, in file order.
// Days are counted in opt.TZ; rows after opt.AsOf (when set) are left out and counted. Files
// of other kinds are read as a run reads them but give nothing here. Rows that cannot be read
// are skipped and returned as problems (*RowError), as a run reports them.
func ReadInteractions(srcs []Source, opt Options, fn func(RawInteraction)) (Coverage, []error, error) {
	l := newLoader(Options{})
	st := &stream{l: l, fn: fn, opt: opt}
	l.sink = st
	for _, src := range srcs {
		if err := l.readSource(src, opt.Progress); err != nil {
			return Coverage{}, nil, err
		}
	}
	var interactions int
	for _, f := range l.files {
		if f.Kind == "interactions" {
			interactions++
		}
	}
	cov := Coverage{Files: l.files, AfterAsOf: st.after, FilesIgnored: l.ignored, NotRead: l.notRead}
	if interactions == 0 {
		return cov, l.problems, ErrNoInteractions
	}
	return cov, l.problems, nil
}

// stream is ReadInteractions' sink: each interactions row goes to its caller as written, kept
// nowhere.
type stream struct {
	l     *loader // for problems
	fn    func(RawInteraction)
	opt   Options
	after int // rows after opt.AsOf, left out
}

// interaction hands one interactions row to ReadInteractions' caller.
func (st *stream) interaction(t *csvtable.Table, line int, at time.Time, from string, r *interactionRow, fc *FileCoverage) {
	l := st.l
	if !st.opt.AsOf.IsZero() {
		loc := st.opt.TZ
		if loc == nil {
			loc = time.UTC
		}
		a := st.opt.AsOf
		if !at.Before(time.Date(a.Year(), a.Month(), a.Day()+1, 0, 0, 0, 0, loc)) {
			st.after++
			return
		}
	}
	var to []string
	for _, cell := range []string{r.To, r.CC} {
		for s := cell; s != ""; {
			k, rest, _ := strings.Cut(s, ";")
			if k = strings.TrimSpace(k); k != "" && k != from && !slices.Contains(to, k) {
				to = append(to, k)
			}
			s = rest
		}
	}
	if from == "" || len(to) == 0 {
		fc.Skipped[skipNoPerson]++
		return
	}
	slices.Sort(to)
	row := fold.KeyedRow{From: from, To: to, Channel: strings.ToLower(strings.TrimSpace(r.Channel)), Conv: strings.TrimSpace(r.Conversation)}
	if row.Channel == "" {
		row.Channel = "message"
	}
	if row.Conv == "" {
		row.Conv = row.Channel
	}
	var err error
	if row.Weight, err = positive(r.Weight, 1); err != nil {
		l.rowErr(t, line, "weight", fc, err)
		return
	}
	if row.Sentiment, err = sentiment(r.Sentiment); err != nil {
		l.rowErr(t, line, "sentiment", fc, err)
		return
	}
	if s := strings.TrimSpace(r.Duration); s != "" {
		if _, err := minutes(s); err != nil {
			l.rowErr(t, line, "duration_min", fc, err)
			return
		}
	}
	row.Day = int32(dayNumber(at, st.opt.TZ))
	fc.Used++
	st.fn(RawInteraction{Time: at, File: t.File, Row: row})
}

// dayNumber is the calendar day of t in loc (nil is UTC), as days since 1970-01-01.
func dayNumber(t time.Time, loc *time.Location) int64 {
	if loc == nil {
		loc = time.UTC
	}
	y, m, d := t.In(loc).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix() / 86400
}

// FoldReport is what FoldInteractions read and wrote.
type FoldReport struct {
	Coverage   Coverage
	Problems   []error // rows skipped as unreadable
	Rows       int     // rows folded
	Duplicates int     // rows seen in an earlier file (by name), counted there
	Broadcasts int     // rows with more participants than the bound, left out
	Units      int     // lines of pairs.csv
}

// FoldInteractions folds the generic interactions files among srcs into pairs.csv (SPEC §7):
// rows are read as written (people by the keys the files give them), a row seen in two files
// counts in the file whose name sorts first, and every pair's rows are folded into one unit per
// conversation and day. It is `relmap fold`; cmd/relmap-fold's Beam pipeline writes the same
// bytes. Sources are read in the order of their names, so that the first file to show a row is
// the one it counts in; memory grows with the units and, across two files or more, with a
// 16-byte digest a row.
func FoldInteractions(srcs []Source, opt Options, maxParticipants int, w io.Writer) (FoldReport, error) {
	srcs = slices.Clone(srcs)
	slices.SortStableFunc(srcs, func(a, b Source) int { return strings.Compare(a.Name, b.Name) })
	// A file named twice is one file: read once (its rows would otherwise count twice, since
	// repeats within one file are separate events).
	srcs = slices.CompactFunc(srcs, func(a, b Source) bool { return a.Name == b.Name })
	var rep FoldReport
	f := fold.Folder{MaxParticipants: maxParticipants}
	seen := map[[16]byte]string{} // a row's duplicate key → the file it was first read in
	cov, problems, err := ReadInteractions(srcs, opt, func(r RawInteraction) {
		k := md5.Sum([]byte(r.DuplicateKey()))
		if first, ok := seen[k]; ok && first != r.File {
			rep.Duplicates++
			return
		}
		seen[k] = r.File
		rep.Rows++
		f.Add(&r.Row)
	})
	rep.Coverage, rep.Problems = cov, problems
	if err != nil {
		return rep, err
	}
	units := f.Units()
	rep.Coverage, rep.Problems, rep.Broadcasts, rep.Units = cov, problems, f.Broadcasts, len(units)
	return rep, fold.Write(w, units)
}
