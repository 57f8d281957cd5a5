package importers

import (
	"crypto/md5"
	"encoding/binary"
	"time"
)

// An event read again in a later file (two overlapping exports; a zip of the same
// messages.csv or interactions file under 48 names) is counted once (build: "the same event in
// two files"). Such repeats are let go as they are read, not kept until build finds them: 48
// entries of the same 16 MiB of messages took 2 GiB when every copy was held.

// repeats finds the events of one kind (LinkedIn messages and other l.events; generic
// interactions) that repeat an event of an earlier file. While one file has been read there is
// nothing to repeat and nothing is noted; when a second file begins, the events read so far are
// noted, then every event as it is read.
type repeats struct {
	first map[[16]byte]firstRead // events by key, as first read; nil while one file has been read
	of    map[int]int            // an event (its index) → its repeats let go
	file  int                    // the file of the events read so far, while first is nil
	any   bool                   // an event was read
	key   []byte                 // scratch
}

// firstRead is where an event was first read: its file, and its index among its kind.
type firstRead struct{ file, event int32 }

// let reports whether event number i of its kind, read from file, repeats an event of an
// earlier file, and then counts it with that event instead of keeping it. key appends the
// event's key; keyOf appends an earlier event's and says its file (for the events read before
// a second file began). Only what build would find a duplicate is let go: the same moment,
// channel, sender and recipients (as handles or key numbers, which resolve alike) read in
// another file. Build then counts it as the first event's fate says (AfterAsOf, Duplicates,
// or not at all: see fate).
func (r *repeats) let(file, i int, key func([]byte) []byte, keyOf func(b []byte, j int) ([]byte, int)) bool {
	if r.first == nil {
		if !r.any || r.file == file {
			r.file, r.any = file, true
			return false
		}
		r.first, r.of = map[[16]byte]firstRead{}, map[int]int{}
		for j := range i {
			var f int
			r.key, f = keyOf(r.key[:0], j)
			if k := md5.Sum(r.key); !r.seen(k) {
				r.first[k] = firstRead{int32(f), int32(j)}
			}
		}
	}
	r.key = key(r.key[:0])
	k := md5.Sum(r.key)
	first, ok := r.first[k]
	switch {
	case !ok:
		r.first[k] = firstRead{int32(file), int32(i)}
		return false
	case int(first.file) == file:
		return false // two messages of one file in the same minute are two messages
	}
	r.of[int(first.event)]++
	return true
}

func (r *repeats) seen(k [16]byte) bool {
	_, ok := r.first[k]
	return ok
}

// fate counts event i's repeats as build counted the event itself: after the as-of day, or a
// duplicate when it was kept or was a duplicate itself; an event build left out (no one but its
// sender) takes its repeats with it.
func (r *repeats) fate(i int, cov *Coverage, afterBefore, dupsBefore int, kept bool) {
	switch n := r.of[i]; {
	case n == 0:
	case cov.AfterAsOf > afterBefore:
		cov.AfterAsOf += n
	case kept || cov.Duplicates > dupsBefore:
		cov.Duplicates += n
	}
}

// eventKeyOf appends the key of l.events[j] to b, and says its file.
func (l *loader) eventKeyOf(b []byte, j int) ([]byte, int) {
	e := &l.events[j]
	return appendEventKey(b, e.t, e.channel, e.from, e.to), e.file
}

// geventKeyOf appends the key of generic event j to b, and says its file.
func (l *loader) geventKeyOf(b []byte, j int) ([]byte, int) {
	g, start := l.gevents.at(j), int32(0)
	if j > 0 {
		start = l.gevents.at(j - 1).toEnd
	}
	return appendEventKey(b, g.t, g.channel, g.from, l.gto[start:g.toEnd]), g.file
}

// appendEventKey appends what makes two events the same to b: moment, channel, sender, recipients.
func appendEventKey[T int | int32](b []byte, t time.Time, channel string, from T, to []T) []byte {
	b = binary.AppendVarint(b, t.UnixNano())
	b = binary.AppendUvarint(b, uint64(len(channel)))
	b = append(b, channel...)
	b = binary.AppendVarint(b, int64(from))
	for _, h := range to {
		b = binary.AppendVarint(b, int64(h))
	}
	return b
}
