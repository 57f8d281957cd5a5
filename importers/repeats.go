package importers

import (
	"crypto/md5"
	"encoding/binary"
)

// A message read again in a later file (two overlapping exports; a zip of the same
// messages.csv under 48 names) is counted once (build: "the same event in two files"). Such
// repeats are let go as they are read, not kept until build finds them: 48 entries of the same
// 16 MiB took 2 GiB when every copy was held.

// firstRead is where a message was first read: its file, and its index among l.events.
type firstRead struct{ file, event int }

// repeat reports whether e, about to become event number i of l.events, repeats a message of
// an earlier file, and then counts it with that message instead of keeping it. Only what
// build would find a duplicate is let go: the same moment, sender and recipients (as mention
// handles, which resolve alike) read in another file; build then counts it as the first
// message's fate says (AfterAsOf, Duplicates, or not at all).
func (l *loader) repeat(e *rawEvent, i int) bool {
	b := binary.AppendVarint(l.repeatKey[:0], e.t.UnixNano())
	b = binary.AppendVarint(b, int64(e.from))
	for _, h := range e.to {
		b = binary.AppendVarint(b, int64(h))
	}
	l.repeatKey = b
	k := md5.Sum(b)
	if l.firstReads == nil {
		l.firstReads, l.repeats = map[[16]byte]firstRead{}, map[int]int{}
	}
	first, ok := l.firstReads[k]
	switch {
	case !ok:
		l.firstReads[k] = firstRead{file: e.file, event: i}
		return false
	case first.file == e.file:
		return false // two messages of one file in the same minute are two messages
	}
	l.repeats[first.event]++
	return true
}
