// Package fold turns interaction rows into pair units: the evidence of one pair of people in
// one conversation (or channel) on one day, with what the scoring model needs of it (SPEC §3.1,
// §7). A busy day in a thread is one unit however many rows it has, so what follows the fold
// grows with pairs and active days, not with rows.
//
// The fold keeps what tie strength and status read and nothing else: the largest weight each
// kind of row gives the pair there (so that the model's bases apply afterwards), the smallest
// group and its channel (for explanations), and, each way, the rows that expect an answer and
// the rows' sentiment. It never keeps a row's time of day or its text.
//
// The same rules serve three callers: a run folds the rows it read (people resolved), `relmap
// fold` and the Beam pipeline of cmd/relmap-fold fold rows as written (keys as the files give
// them) into pairs.csv, and a run reads pairs.csv back.
package fold

import (
	"cmp"
	"math"
	"slices"
)

// MinWeight and MaxWeight bound every weight relmap reads: a row's weight (interactions and
// ties files), a bases value of the model. The graph sums a pair's evidence in 64.64 fixed point
// (resolution 2⁻⁶⁴ ≈ 5.4e-20, ceiling 2⁶⁴ ≈ 1.8e19): twelve orders of magnitude either side of
// 1 keep every term far from both ends, and weights that mean anything are nowhere near them.
// MaxParticipants bounds bases.max_participants, so that a group row's share weight/(k−1) is
// never under MinWeight/MaxParticipants (MinShare, the least a pairs file's maxima may be).
// MaxCount bounds a unit's counts in a pairs file, so that no sum of them wraps.
const (
	MinWeight       = 1e-6
	MaxWeight       = 1e6
	MaxParticipants = 1_000_000
	MinShare        = MinWeight / MaxParticipants
	MaxCount        = 1_000_000

	// WeightRange says MinWeight and MaxWeight in messages.
	WeightRange = "1e-6 to 1e6"
)

// Unit is one pair's evidence in one conversation on one day. A and B are participants (person
// numbers, or key numbers before people are resolved), A < B; directed counts are indexed 0 for
// A → B and 1 for B → A.
type Unit struct {
	A, B    int32
	Day     int32 // days since 1970-01-01, in the run's time zone
	Conv    int32 // the conversation, else the channel: a number the caller gives it
	Channel int32 // the channel of the row with the fewest participants (Tally.K); the smallest number on a tie
	Tally
}

// Tally is what a unit keeps of its rows: the same in every form of unit.
type Tally struct {
	// The largest row weight × share each kind of row gives the pair: a 1:1 row (weight); a
	// group row between its sender and another, or between two attendees of a meeting
	// (weight/(k−1)); a group row between two of its recipients (weight/(k−1)). Base turns them
	// into the unit's base with the model's numbers.
	Direct, Sender, Others float64

	K int32 // the fewest participants a row here had (2 for a 1:1)

	Asks          [2]int32 // rows from one to the other over a channel that expects an answer
	Sentiments    [2]int32 // rows from one to the other that carry a sentiment
	SentimentSums [2]int64 // their sentiment, in millionths (so that sums are exact)
}

// Base is what the unit adds to its pair before decay: the largest base any of its rows gives.
func (t *Tally) Base(b Bases) float64 {
	return max(b.Direct*t.Direct, b.Group*t.Sender, b.GroupOthers*t.Others)
}

// Grouped reports whether a group row (three or more participants) is among the unit's rows.
func (t *Tally) Grouped() bool { return t.Sender > 0 || t.Others > 0 }

// merge adds o to t: maxima and sums, which do not depend on the order tallies are merged in.
// It reports how o's fewest participants compare with t's before (−1 fewer, 0 as many, +1
// more), for the caller to keep the channel that goes with them.
func (t *Tally) merge(o *Tally) int {
	t.Direct, t.Sender, t.Others = max(t.Direct, o.Direct), max(t.Sender, o.Sender), max(t.Others, o.Others)
	c := cmp.Compare(o.K, t.K)
	t.K = min(t.K, o.K)
	for i := range 2 {
		t.Asks[i] = addSat32(t.Asks[i], o.Asks[i])
		t.Sentiments[i] = addSat32(t.Sentiments[i], o.Sentiments[i])
		t.SentimentSums[i] = addSat64(t.SentimentSums[i], o.SentimentSums[i])
	}
	return c
}

// addSat32 and addSat64 add and stop at the type's bounds instead of wrapping: a unit merged
// from many keys of one person keeps a count that means "very many", never a negative one.
// Counts are never negative, so their saturating sums do not depend on the order of the terms;
// sentiment sums reach a bound only after millions of merges of bounded units.
func addSat32(a, b int32) int32 {
	return int32(max(math.MinInt32, min(math.MaxInt32, int64(a)+int64(b))))
}

func addSat64(a, b int64) int64 {
	s := a + b
	switch {
	case a > 0 && b > 0 && s < 0:
		return math.MaxInt64
	case a < 0 && b < 0 && s >= 0:
		return math.MinInt64
	}
	return s
}

// flip swaps the directed counts, for a unit whose sides swap.
func (t *Tally) flip() {
	t.Asks[0], t.Asks[1] = t.Asks[1], t.Asks[0]
	t.Sentiments[0], t.Sentiments[1] = t.Sentiments[1], t.Sentiments[0]
	t.SentimentSums[0], t.SentimentSums[1] = t.SentimentSums[1], t.SentimentSums[0]
}

// Bases are the model's numbers a unit's base is made from (SPEC §3.1).
type Bases struct {
	Direct      float64 // a 1:1 row
	Group       float64 // sender and another of a group row, or two attendees of a meeting: Group/(k−1)
	GroupOthers float64 // two recipients of a group row: GroupOthers/(k−1)
}

// Row is one interaction as the fold needs it. From is not among To; To is sorted and unique.
type Row struct {
	From      int32
	To        []int32
	Day       int32
	Conv      int32 // the conversation, else the channel
	Channel   int32
	Meeting   bool    // a meeting: every two attendees are as sender and recipient
	Asks      bool    // the channel expects an answer (not a meeting or a call)
	Weight    float64 // > 0
	Sentiment float64 // [-1, 1], NaN when none
}

// Millionths is a sentiment in [-1,1] as the integer the fold sums.
func Millionths(s float64) int64 { return int64(math.Round(s * 1e6)) }

// Merge adds o, a unit of the same pair, conversation and day, to u. On a tie of the fewest
// participants the smaller channel number wins: number channels in the order of their names
// (or use MergeBy) for a result that does not depend on the order units are merged in.
func (u *Unit) Merge(o *Unit) {
	u.MergeBy(o, func(a, b int32) bool { return a < b })
}

// MergeBy is Merge with the channels' order given: less(a, b) says channel a comes first.
func (u *Unit) MergeBy(o *Unit, less func(a, b int32) bool) {
	if c := u.merge(&o.Tally); c < 0 || c == 0 && less(o.Channel, u.Channel) {
		u.Channel = o.Channel
	}
}

// Flip swaps the pair's sides (and the directed counts with them).
func (u *Unit) Flip() {
	u.A, u.B = u.B, u.A
	u.flip()
}

// Compare orders units by pair, day and conversation.
func Compare(x, y *Unit) int {
	return cmp.Or(cmp.Compare(x.A, y.A), cmp.Compare(x.B, y.B), cmp.Compare(x.Day, y.Day), cmp.Compare(x.Conv, y.Conv))
}

// Expand calls fn with the unit each pair of the row makes on its own. A row of more than
// maxParticipants people (sender included) is a broadcast and makes none: Expand reports false.
// fn is handed the same *Unit each time (one allocation a row, not a unit): it must copy what
// it keeps.
func Expand(r *Row, maxParticipants int, fn func(*Unit)) bool {
	return ExpandAmong(r, maxParticipants, new(Unit), nil, fn)
}

// ExpandAmong is Expand for the units of pairs with at least one person p in[p] (every unit
// when in is nil), handing fn u, which it overwrites with each unit (a caller that expands
// millions of rows gives the same scratch to every one). A unit depends on its pair's rows
// alone, so these are the units Expand gives them, in the same order.
func ExpandAmong(r *Row, maxParticipants int, u *Unit, in []bool, fn func(*Unit)) bool {
	k := len(r.To) + 1
	if k > maxParticipants || k < 2 {
		return false
	}
	share := r.Weight / float64(k-1)
	one := func(x, y int32, sender bool) {
		*u = Unit{A: x, B: y, Day: r.Day, Conv: r.Conv, Channel: r.Channel, Tally: Tally{K: int32(k)}}
		switch {
		case k == 2:
			u.Direct = r.Weight
		case sender || r.Meeting:
			u.Sender = share
		default:
			u.Others = share
		}
		if sender {
			if r.Asks {
				u.Asks[0] = 1
			}
			if !math.IsNaN(r.Sentiment) {
				u.Sentiments[0], u.SentimentSums[0] = 1, Millionths(r.Sentiment)
			}
		}
		if u.A > u.B {
			u.Flip()
		}
		fn(u)
	}
	from := in == nil || in[r.From]
	for i, a := range r.To {
		ia := in == nil || in[a]
		if from || ia {
			one(r.From, a, true)
		}
		for _, b := range r.To[i+1:] {
			if ia || in[b] {
				one(a, b, false)
			}
		}
	}
	return true
}

// Group folds the rows of one conversation and day into units, one per pair, in pair order.
// It keeps its scratch space between calls: a Group folds many conversations one after another.
type Group struct {
	index map[uint64]int32
	units []Unit
	one   Unit   // ExpandAmong's
	In    []bool // when set, only the units of pairs with a person p In[p] (ExpandAmong)
}

// Fold returns the units of rows, which must all share a conversation and a day. The slice is
// the Group's until the next call. Rows that are broadcasts are left out.
func (g *Group) Fold(rows []Row, maxParticipants int) []Unit {
	if g.index == nil {
		g.index = map[uint64]int32{}
	}
	clear(g.index)
	g.units = g.units[:0]
	add := func(u *Unit) {
		k := uint64(uint32(u.A))<<32 | uint64(uint32(u.B))
		if i, ok := g.index[k]; ok {
			g.units[i].Merge(u)
			return
		}
		g.index[k] = int32(len(g.units))
		g.units = append(g.units, *u)
	}
	for i := range rows {
		ExpandAmong(&rows[i], maxParticipants, &g.one, g.In, add)
	}
	sortUnits(g.units)
	return g.units
}

func sortUnits(us []Unit) {
	slices.SortFunc(us, func(x, y Unit) int { return Compare(&x, &y) })
}

// Names numbers strings in the order they first come: the numbers units carry for people's
// keys, conversations and channels. The zero value is ready to use.
type Names struct {
	ids  map[string]int32
	List []string // by number
}

// ID is s's number, given it if it has none yet.
func (n *Names) ID(s string) int32 {
	id, ok := n.ids[s]
	if !ok {
		if n.ids == nil {
			n.ids = map[string]int32{}
		}
		id = int32(len(n.List))
		n.ids[s] = id
		n.List = append(n.List, s)
	}
	return id
}
