// Package history is relmap's run store (SPEC §5): an embedded SQLite database (pure Go,
// modernc.org/sqlite, write-ahead log) that records every run — its time, inputs digest,
// config and version — and every ranked person's scores, so that a run can say what changed
// since the last one and tiers can hold for a run before they drop.
//
// A run is written in two steps. Begin records it as started, before its folder exists;
// Commit records its scores and marks it complete in one transaction, which is the commit
// point of the whole run. A run that was begun and never committed is found by Incomplete at
// the next start and cleared away. The store never reads the clock: callers pass times in.
package history

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math"
	"net/url"
	"path/filepath"
	"strings"
	"time"

	_ "modernc.org/sqlite" // registers the "sqlite" driver, pure Go

	"github.com/relmap/relmap/analysis"
	"github.com/relmap/relmap/importers"
)

// migrations are the schema's versions, applied in order; PRAGMA user_version counts those
// applied. Never edit one that has shipped: add the next.
var migrations = []string{
	// 1: runs and the scores of each run's maps.
	`CREATE TABLE runs (
		seq           INTEGER PRIMARY KEY AUTOINCREMENT,
		id            TEXT NOT NULL UNIQUE,  -- the run folder's name, e.g. 20260314T060000Z
		out           TEXT NOT NULL,         -- the output folder it wrote into, absolute
		started       TEXT NOT NULL,         -- RFC 3339, UTC
		finished      TEXT,                  -- NULL until the run's commit point
		as_of         TEXT NOT NULL,         -- YYYY-MM-DD
		ego           TEXT NOT NULL,         -- the ego's id, or team:NAME
		inputs_digest TEXT NOT NULL,         -- sha256 of the inputs' bytes
		config        TEXT NOT NULL,         -- the effective config, YAML
		version       TEXT NOT NULL,         -- relmap's version
		pseudonymized INTEGER NOT NULL
	);
	CREATE TABLE scores (
		run          TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
		map          TEXT NOT NULL,          -- '' for the ego's map, a team's folder for a team map
		person       TEXT NOT NULL,          -- relmap's person id
		name         TEXT NOT NULL,
		company      TEXT NOT NULL,
		title        TEXT NOT NULL,
		category     TEXT NOT NULL,
		rank         INTEGER NOT NULL,
		tie          REAL,
		influence    REAL,
		reach        REAL,
		importance   REAL,
		status       REAL,
		status_label TEXT NOT NULL,
		zone         TEXT NOT NULL,
		tier         TEXT NOT NULL,
		tier_below   INTEGER NOT NULL,       -- runs in a row ranked below the tier held
		community    TEXT NOT NULL,
		last_contact TEXT NOT NULL,          -- YYYY-MM-DD or ''
		dormant      INTEGER NOT NULL,
		PRIMARY KEY (run, map, person)
	) WITHOUT ROWID;
	CREATE INDEX scores_person ON scores(person);`,
}

// Store is an open history database.
type Store struct {
	db   *sql.DB
	path string
}

// Run is one run as the history records it.
type Run struct {
	ID            string
	Out           string    // the output folder, absolute
	Started       time.Time // UTC
	Finished      time.Time // zero while the run is incomplete
	AsOf          string    // YYYY-MM-DD
	Ego           string
	InputsDigest  string
	Config        string
	Version       string
	Pseudonymized bool
	People        int // scores recorded, over all of the run's maps
}

// Complete reports whether the run reached its commit point.
func (r *Run) Complete() bool { return !r.Finished.IsZero() }

// Score is one ranked person's scores in one map of one run. Unknown numbers are NaN.
type Score struct {
	Person, Name, Company, Title, Category string
	Rank                                   int
	Tie, Influence, Reach, Importance      float64
	Status                                 float64
	StatusLabel                            analysis.StatusLabel
	Zone                                   analysis.Zone
	Tier                                   analysis.Tier
	TierBelow                              int
	Community                              string
	LastContact                            string // YYYY-MM-DD, or empty
	Dormant                                bool
}

// Map is one map of a run to commit: Key is "" for the ego's map or the team's folder name.
type Map struct {
	Key    string
	Result *analysis.Result
}

// Open opens the history at path, creating it and bringing its schema up to date. The
// database runs in WAL mode with full sync, so that a committed run survives a crash and a
// killed process never leaves it half-written. Its page cache is 64 MiB (SQLite's default
// is 2 MiB): a run of every team's map records a million scores, a fifth faster so.
func Open(path string) (*Store, error) {
	dsn := path + "?_pragma=busy_timeout(30000)&_pragma=journal_mode(WAL)&_pragma=synchronous(FULL)&_pragma=foreign_keys(1)&_pragma=secure_delete(1)&_pragma=cache_size(-65536)&_txlock=immediate"
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("history %s: %w", path, err)
	}
	s := &Store{db: db, path: path}
	// Turning a new database to WAL, or recovering another's log, can answer SQLITE_BUSY at
	// once, without waiting out busy_timeout: a relmap opening the history while another
	// opens it too tries again.
	err = s.migrate()
	for try := 0; err != nil && isBusy(err) && try < 100; try++ {
		time.Sleep(50 * time.Millisecond)
		err = s.migrate()
	}
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("history %s: %w", path, err)
	}
	return s, nil
}

// OpenReadOnly opens the history at path for reading only: it creates, migrates and writes
// nothing, so that a history can be read in a folder relmap may not write to. SQLite reads a
// database in WAL mode beside its shared-memory file, which it creates when missing; with
// immutable set it reads the database file alone, taking no lock — for a folder where that
// file cannot be created, and only when no write-ahead log holds changes not yet in it.
func OpenReadOnly(path string, immutable bool) (*Store, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("history %s: %w", path, err)
	}
	u := filepath.ToSlash(abs)
	if !strings.HasPrefix(u, "/") {
		u = "/" + u // a Windows drive: file:///C:/…
	}
	dsn := "file://" + (&url.URL{Path: u}).EscapedPath() + "?mode=ro&_pragma=busy_timeout(30000)"
	if immutable {
		dsn += "&immutable=1"
	}
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("history %s: %w", path, err)
	}
	var v int
	if err := db.QueryRow(`PRAGMA user_version`).Scan(&v); err != nil {
		db.Close()
		return nil, fmt.Errorf("history %s: not a readable SQLite database: %w", path, err)
	}
	switch {
	case v == 0:
		db.Close()
		return nil, fmt.Errorf("history %s: %w", path, ErrEmpty)
	case v < len(migrations):
		db.Close()
		return nil, fmt.Errorf("history %s: written by an older relmap (schema %d): run relmap once where it can write to the history, to bring it up to date", path, v)
	case v > len(migrations):
		db.Close()
		return nil, fmt.Errorf("history %s: written by a newer relmap (schema %d; this one knows up to %d)", path, v, len(migrations))
	}
	return &Store{db: db, path: path}, nil
}

// ErrEmpty is OpenReadOnly's answer for a database that holds no history at all.
var ErrEmpty = errors.New("holds no history (an empty database)")

// CannotOpen reports whether err is SQLite's answer when it cannot open or write beside a
// database file (SQLITE_CANTOPEN, SQLITE_READONLY): a folder it may not write to.
func CannotOpen(err error) bool {
	var e interface{ Code() int }
	if errors.As(err, &e) {
		switch e.Code() & 0xff {
		case 14, 8: // SQLITE_CANTOPEN, SQLITE_READONLY
			return true
		}
	}
	return false
}

func isBusy(err error) bool {
	return strings.Contains(err.Error(), "SQLITE_BUSY") || strings.Contains(err.Error(), "database is locked")
}

// Close closes the database.
func (s *Store) Close() error { return s.db.Close() }

func (s *Store) migrate() error {
	var v int
	if err := s.db.QueryRow(`PRAGMA user_version`).Scan(&v); err != nil {
		return fmt.Errorf("not a readable SQLite database: %w", err)
	}
	for v < len(migrations) {
		// BEGIN IMMEDIATE (the DSN's _txlock) takes the write lock first, and the version is
		// read again under it: two relmaps opening a new history at once migrate it once.
		tx, err := s.db.Begin()
		if err != nil {
			return err
		}
		if err := tx.QueryRow(`PRAGMA user_version`).Scan(&v); err != nil {
			tx.Rollback()
			return err
		}
		if v >= len(migrations) {
			tx.Rollback()
			break
		}
		if _, err := tx.Exec(migrations[v]); err != nil {
			tx.Rollback()
			return fmt.Errorf("migration %d: %w", v+1, err)
		}
		if _, err := tx.Exec(fmt.Sprintf(`PRAGMA user_version = %d`, v+1)); err != nil {
			tx.Rollback()
			return err
		}
		if err := tx.Commit(); err != nil {
			return err
		}
		v++
	}
	if v > len(migrations) {
		return fmt.Errorf("written by a newer relmap (schema %d; this one knows up to %d)", v, len(migrations))
	}
	return nil
}

// Begin records a run as started. It must precede the run's folder, so that a folder left by
// a killed run is always known to Incomplete.
func (s *Store) Begin(r Run) error {
	_, err := s.db.Exec(`INSERT INTO runs (id, out, started, as_of, ego, inputs_digest, config, version, pseudonymized)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		r.ID, r.Out, r.Started.UTC().Format(time.RFC3339), r.AsOf, r.Ego, r.InputsDigest, r.Config, r.Version, r.Pseudonymized)
	if err != nil {
		return fmt.Errorf("history %s: recording run %s: %w", s.path, r.ID, err)
	}
	return nil
}

// Stage records every ranked person of every map of a begun run, in one transaction, while
// the run stays begun: so a run can record its scores while its files are written. A run
// discarded, or cleared away as never completed, takes them with it; only Commit makes them
// part of the history.
func (s *Store) Stage(id string, maps []Map) error {
	tx, err := s.db.Begin()
	if err != nil {
		return fmt.Errorf("history %s: %w", s.path, err)
	}
	defer tx.Rollback()
	if err := s.record(tx, id, maps); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("history %s: recording run %s: %w", s.path, id, err)
	}
	return nil
}

// Commit records every ranked person of maps (none when Stage did) and marks the run
// complete, in one transaction: the commit point of the run (SPEC §5).
func (s *Store) Commit(id string, finished time.Time, maps []Map) error {
	tx, err := s.db.Begin()
	if err != nil {
		return fmt.Errorf("history %s: %w", s.path, err)
	}
	defer tx.Rollback()
	if err := s.record(tx, id, maps); err != nil {
		return err
	}
	res, err := tx.Exec(`UPDATE runs SET finished = ? WHERE id = ? AND finished IS NULL`, finished.UTC().Format(time.RFC3339), id)
	if err != nil {
		return fmt.Errorf("history %s: %w", s.path, err)
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return fmt.Errorf("history %s: run %s was not begun, or was cleared away by another run", s.path, id)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("history %s: committing run %s: %w", s.path, id, err)
	}
	return nil
}

// record inserts the scores of maps for run id within tx.
func (s *Store) record(tx *sql.Tx, id string, maps []Map) error {
	if len(maps) == 0 {
		return nil
	}
	ins, err := tx.Prepare(`INSERT INTO scores (run, map, person, name, company, title, category, rank, tie, influence, reach,
		importance, status, status_label, zone, tier, tier_below, community, last_contact, dormant)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
	if err != nil {
		return fmt.Errorf("history %s: %w", s.path, err)
	}
	defer ins.Close()
	for _, m := range maps {
		for _, c := range ScoresOf(m.Result) {
			_, err := ins.Exec(id, m.Key, c.Person, c.Name, c.Company, c.Title, c.Category, c.Rank, real(c.Tie), real(c.Influence),
				real(c.Reach), real(c.Importance), real(c.Status), c.StatusLabel, c.Zone, c.Tier, c.TierBelow, c.Community, c.LastContact, c.Dormant)
			if err != nil {
				return fmt.Errorf("history %s: recording %s: %w", s.path, c.Person, err)
			}
		}
	}
	return nil
}

// ScoresOf is a run's map as the history records it.
func ScoresOf(r *analysis.Result) []Score {
	out := make([]Score, len(r.People))
	for i := range r.People {
		p := &r.People[i]
		last := ""
		if !p.LastContact.IsZero() {
			last = p.LastContact.Format("2006-01-02")
		}
		out[i] = Score{Person: p.ID, Name: p.Name, Company: p.Company, Title: p.Title, Category: p.Category, Rank: p.Rank,
			Tie: p.Tie, Influence: p.Influence, Reach: p.Reach, Importance: p.Importance, Status: p.Status,
			StatusLabel: p.StatusLabel, Zone: p.Zone, Tier: p.Tier, TierBelow: p.TierBelow, Community: p.Community,
			LastContact: last, Dormant: p.Dormant}
	}
	return out
}

// Tiers are a map's tiers as the next run's hysteresis reads them (analysis.Options.PreviousTiers).
func Tiers(scores []Score) map[string]analysis.TierState {
	m := make(map[string]analysis.TierState, len(scores))
	for _, c := range scores {
		if c.Tier != "" {
			m[c.Person] = analysis.TierState{Tier: c.Tier, Below: c.TierBelow}
		}
	}
	return m
}

// Communities are a map's community names by person (analysis.Options.PreviousCommunities).
func Communities(scores []Score) map[string]string {
	m := map[string]string{}
	for _, c := range scores {
		if c.Community != "" {
			m[c.Person] = c.Community
		}
	}
	return m
}

// real stores NaN (unknown) as NULL.
func real(x float64) any {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return nil
	}
	return x
}

// Discard deletes a run that never completed.
func (s *Store) Discard(id string) error {
	_, err := s.db.Exec(`DELETE FROM runs WHERE id = ? AND finished IS NULL`, id)
	if err != nil {
		return fmt.Errorf("history %s: %w", s.path, err)
	}
	return nil
}

const runColumns = `id, out, started, COALESCE(finished, ''), as_of, ego, inputs_digest, config, version, pseudonymized,
	(SELECT COUNT(*) FROM scores WHERE scores.run = runs.id)`

func (s *Store) runs(where string, args ...any) ([]Run, error) {
	rows, err := s.db.Query(`SELECT `+runColumns+` FROM runs WHERE `+where+` ORDER BY seq`, args...)
	if err != nil {
		return nil, fmt.Errorf("history %s: %w", s.path, err)
	}
	defer rows.Close()
	var out []Run
	for rows.Next() {
		var r Run
		var started, finished string
		if err := rows.Scan(&r.ID, &r.Out, &started, &finished, &r.AsOf, &r.Ego, &r.InputsDigest, &r.Config, &r.Version,
			&r.Pseudonymized, &r.People); err != nil {
			return nil, fmt.Errorf("history %s: %w", s.path, err)
		}
		r.Started, _ = time.Parse(time.RFC3339, started)
		if finished != "" {
			r.Finished, _ = time.Parse(time.RFC3339, finished)
		}
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("history %s: %w", s.path, err)
	}
	return out, nil
}

// Runs returns the complete runs written into the output folder out, oldest first; every
// run of the history when out is "" (a history kept inside its output folder holds that
// folder's runs alone, wherever the folder has moved).
func (s *Store) Runs(out string) ([]Run, error) {
	return s.runs(`finished IS NOT NULL AND (? = '' OR out = ?)`, out, out)
}

// Incomplete returns the runs into out ("" for every run) that were begun and never committed.
func (s *Store) Incomplete(out string) ([]Run, error) {
	return s.runs(`finished IS NULL AND (? = '' OR out = ?)`, out, out)
}

// Scores returns one map of one run, by rank.
func (s *Store) Scores(run, key string) ([]Score, error) {
	rows, err := s.db.Query(`SELECT person, name, company, title, category, rank, tie, influence, reach, importance, status,
		status_label, zone, tier, tier_below, community, last_contact, dormant
		FROM scores WHERE run = ? AND map = ? ORDER BY rank, person`, run, key)
	if err != nil {
		return nil, fmt.Errorf("history %s: %w", s.path, err)
	}
	defer rows.Close()
	var out []Score
	for rows.Next() {
		var c Score
		var f [5]sql.NullFloat64
		if err := rows.Scan(&c.Person, &c.Name, &c.Company, &c.Title, &c.Category, &c.Rank, &f[0], &f[1], &f[2], &f[3], &f[4],
			&c.StatusLabel, &c.Zone, &c.Tier, &c.TierBelow, &c.Community, &c.LastContact, &c.Dormant); err != nil {
			return nil, fmt.Errorf("history %s: %w", s.path, err)
		}
		for i, p := range []*float64{&c.Tie, &c.Influence, &c.Reach, &c.Importance, &c.Status} {
			*p = math.NaN()
			if f[i].Valid {
				*p = f[i].Float64
			}
		}
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("history %s: %w", s.path, err)
	}
	return out, nil
}

// Maps returns the map keys recorded for a run, sorted.
func (s *Store) Maps(run string) ([]string, error) {
	rows, err := s.db.Query(`SELECT DISTINCT map FROM scores WHERE run = ? ORDER BY map`, run)
	if err != nil {
		return nil, fmt.Errorf("history %s: %w", s.path, err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var k string
		if err := rows.Scan(&k); err != nil {
			return nil, err
		}
		out = append(out, k)
	}
	return out, rows.Err()
}

// Match finds the people whose id is key, or whose whole name is key as identity resolution
// compares names (importers.NormalizeName: NFC, Unicode case folding, honorifics and suffixes
// dropped), over every run; and those a forget was erasing when it was stopped (Forget), so
// that forgetting them again finishes the job.
func (s *Store) Match(key string) (map[string]string, error) {
	want := importers.NormalizeName(key)
	out := map[string]string{}
	scan := func(query string) error {
		rows, err := s.db.Query(query)
		if err != nil {
			return fmt.Errorf("history %s: %w", s.path, err)
		}
		defer rows.Close()
		for rows.Next() {
			var id, name string
			if err := rows.Scan(&id, &name); err != nil {
				return err
			}
			if _, ok := out[id]; !ok && (id == key || want != "" && importers.NormalizeName(name) == want) {
				out[id] = name
			}
		}
		return rows.Err()
	}
	if err := scan(`SELECT DISTINCT person, name FROM scores ORDER BY person, name`); err != nil {
		return nil, err
	}
	var pending int
	if err := s.db.QueryRow(`SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'forgetting'`).Scan(&pending); err != nil {
		return nil, fmt.Errorf("history %s: %w", s.path, err)
	}
	if pending > 0 {
		if err := scan(`SELECT person, name FROM forgetting ORDER BY person, name`); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// Forget erases a person from every run of the history (a data-protection request, SPEC §5)
// and returns how many records went. The database is then rebuilt (VACUUM), so that no old
// copy of a row stays in a free page, and the write-ahead log is checkpointed into it and
// emptied; Forget fails, rather than report success, when another process keeps the log from
// being emptied.
//
// A forget stopped half-way (killed after its records went, before the file was rebuilt) is
// finished by forgetting the person again: the person's id and names stay in a table of their
// own, forgetting, from the transaction that deletes the records until the rebuilt file is
// in place, and Match finds them there. The table is made when first needed, outside the
// schema's migrations, so that a relmap of the same schema still reads the history.
func (s *Store) Forget(person string) (int64, error) {
	ctx := context.Background()
	wrap := func(err error) error { return fmt.Errorf("history %s: forgetting %s: %w", s.path, person, err) }
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return 0, wrap(err)
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS forgetting (person TEXT NOT NULL, name TEXT NOT NULL)`); err != nil {
		return 0, wrap(err)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO forgetting SELECT DISTINCT person, name FROM scores WHERE person = ?`, person); err != nil {
		return 0, wrap(err)
	}
	res, err := tx.ExecContext(ctx, `DELETE FROM scores WHERE person = ?`, person)
	if err != nil {
		return 0, wrap(err)
	}
	n, _ := res.RowsAffected()
	if err := tx.Commit(); err != nil {
		return 0, wrap(err)
	}
	if _, err := s.db.ExecContext(ctx, `VACUUM`); err != nil {
		return n, wrap(err)
	}
	if err := s.checkpoint(ctx); err != nil {
		return n, wrap(err)
	}
	// The file is rebuilt: what forgetting held is done (every forget stopped before, too).
	// secure_delete zeroes the table's pages as they are freed.
	if _, err := s.db.ExecContext(ctx, `DROP TABLE forgetting`); err != nil {
		return n, wrap(err)
	}
	if err := s.checkpoint(ctx); err != nil {
		return n, wrap(err)
	}
	return n, nil
}

// checkpoint copies the write-ahead log into the database file and empties it.
func (s *Store) checkpoint(ctx context.Context) error {
	var busy, logPages, done int
	if err := s.db.QueryRowContext(ctx, `PRAGMA wal_checkpoint(TRUNCATE)`).Scan(&busy, &logPages, &done); err != nil {
		return err
	}
	if busy != 0 {
		return errors.New("another process is reading the history, so its log could not be emptied: run forget again when no relmap is running")
	}
	return nil
}

// ErrNoRun is returned when a run asked for is not in the history.
var ErrNoRun = errors.New("no such run in the history")
