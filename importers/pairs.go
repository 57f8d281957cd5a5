package importers

import (
	"errors"
	"io"
	"slices"
	"time"

	"github.com/relmap/relmap/fold"
	"github.com/relmap/relmap/importers/csvtable"
)

// readPairs reads a pairs file (pairs.csv, SPEC §7): interactions already folded, people named
// by the keys the folded files gave them. Its columns may come in any order.
func (l *loader) readPairs(t *csvtable.Table, fc *FileCoverage) error {
	at := make([]int, len(fold.Header)) // Header's i-th column in t's records
	for i, h := range fold.Header {
		at[i] = slices.Index(t.Header, h)
	}
	rec := make([]string, len(fold.Header))
	for {
		r, line, err := t.Next()
		if errors.Is(err, io.EOF) {
			return nil
		}
		var re *RowError
		if errors.As(err, &re) {
			l.problems = append(l.problems, re)
			fc.Rows++
			fc.Skipped["unreadable row"]++
			continue
		}
		if err != nil {
			return err
		}
		fc.Rows++
		for i, j := range at {
			rec[i] = r[j]
		}
		ku, err := fold.ParseRow(rec, line)
		if err != nil {
			var pe *fold.RowError
			if errors.As(err, &pe) {
				l.rowErr(t, line, pe.Column, fc, pe.Err)
				continue
			}
			return err
		}
		u := fold.Unit{A: l.keyID(ku.A), B: l.keyID(ku.B), Day: ku.Day, Conv: l.pairNames.ID(ku.Conv), Channel: l.pairNames.ID(ku.Channel), Tally: ku.Tally}
		l.pairs.add(u)
		loc := l.tz
		if loc == nil {
			loc = time.UTC
		}
		d := time.Unix(int64(u.Day)*86400, 0).UTC()
		l.sawDate(time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, loc))
		fc.Used++
	}
}
