package fold

import (
	"bufio"
	"cmp"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Header is pairs.csv's header: the folded form of interactions (SPEC §7). a < b as strings;
// the directed counts end in _ab (a → b) and _ba (b → a).
var Header = []string{"a", "b", "day", "conversation", "direct_max", "sender_max", "others_max", "k", "channel",
	"asks_ab", "asks_ba", "sentiments_ab", "sentiments_ba", "sentiment_sum_ab", "sentiment_sum_ba"}

// KeyedUnit is a Unit whose people, conversation and channel are named by the keys the files
// give them: the rows of pairs.csv.
type KeyedUnit struct {
	A, B          string
	Day           int32
	Conv, Channel string
	Tally
}

// KeyedRow is one interaction row with its people named as the file names them: trimmed keys,
// From not among To, To without repeats. Day is in the run's time zone.
type KeyedRow struct {
	From          string
	To            []string
	Day           int32
	Conv, Channel string // Conv: the conversation, else the channel
	Weight        float64
	Sentiment     float64 // NaN when none
}

// Meeting and Asks say how a channel counts (SPEC §3.1, §3.4): every two attendees of a
// meeting are as sender and recipient; a meeting or a call expects no answer.
func Meeting(channel string) bool { return channel == "meeting" }

// Asks reports whether rows of the channel expect an answer.
func Asks(channel string) bool {
	return channel != "meeting" && channel != "call" && channel != "slack reaction" // a reaction expects no answer
}

// ExpandKeyed calls fn with the unit each pair of the row makes on its own (the keyed form of
// Expand); it reports false for a broadcast, which makes none.
func ExpandKeyed(r *KeyedRow, maxParticipants int, fn func(KeyedUnit)) bool {
	keys := append([]string{r.From}, r.To...)
	to := make([]int32, len(r.To))
	for i := range to {
		to[i] = int32(i + 1)
	}
	row := Row{From: 0, To: to, Day: r.Day, Meeting: Meeting(r.Channel), Asks: Asks(r.Channel), Weight: r.Weight, Sentiment: r.Sentiment}
	return Expand(&row, maxParticipants, func(u *Unit) {
		ku := KeyedUnit{A: keys[u.A], B: keys[u.B], Day: u.Day, Conv: r.Conv, Channel: r.Channel, Tally: u.Tally}
		if ku.A > ku.B {
			ku.Flip()
		}
		fn(ku)
	})
}

// Flip swaps the pair's sides (and the directed counts with them).
func (u *KeyedUnit) Flip() {
	u.A, u.B = u.B, u.A
	u.flip()
}

// Merge adds o, a unit of the same key, to u. The result does not depend on the order units
// are merged in: maxima, sums, and the smallest group (smallest channel name on a tie).
func (u *KeyedUnit) Merge(o *KeyedUnit) {
	if c := u.merge(&o.Tally); c < 0 || c == 0 && o.Channel < u.Channel {
		u.Channel = o.Channel
	}
}

// CompareKeyed orders pairs.csv's rows: by a, b, day and conversation.
func CompareKeyed(x, y *KeyedUnit) int {
	return cmp.Or(strings.Compare(x.A, y.A), strings.Compare(x.B, y.B), cmp.Compare(x.Day, y.Day), strings.Compare(x.Conv, y.Conv))
}

// Folder folds keyed rows into keyed units in memory: `relmap fold`'s fold. People,
// conversations and channels are numbered as they come; a unit takes 80 bytes and its index
// about 30 more.
type Folder struct {
	MaxParticipants int
	Broadcasts      int // rows left out as broadcasts

	names Names
	index map[[4]int32]int32 // a, b, day, conversation → units
	units []Unit
	to    []int32
}

// Add folds one row in.
func (f *Folder) Add(r *KeyedRow) {
	if f.index == nil {
		f.index = map[[4]int32]int32{}
	}
	from := f.names.ID(r.From)
	f.to = f.to[:0]
	for _, k := range r.To {
		f.to = append(f.to, f.names.ID(k))
	}
	row := Row{From: from, To: f.to, Day: r.Day, Conv: f.names.ID(r.Conv), Channel: f.names.ID(r.Channel), Meeting: Meeting(r.Channel),
		Asks: Asks(r.Channel), Weight: r.Weight, Sentiment: r.Sentiment}
	names := f.names.List
	less := func(a, b int32) bool { return names[a] < names[b] }
	if !Expand(&row, f.MaxParticipants, func(u *Unit) {
		k := [4]int32{u.A, u.B, u.Day, u.Conv}
		if i, ok := f.index[k]; ok {
			f.units[i].MergeBy(u, less)
			return
		}
		f.index[k] = int32(len(f.units))
		f.units = append(f.units, *u)
	}) {
		f.Broadcasts++
	}
}

// Units returns the folded units in pairs.csv's order.
func (f *Folder) Units() []KeyedUnit {
	out := make([]KeyedUnit, 0, len(f.units))
	for i := range f.units {
		u := &f.units[i]
		names := f.names.List
		ku := KeyedUnit{A: names[u.A], B: names[u.B], Day: u.Day, Conv: names[u.Conv], Channel: names[u.Channel], Tally: u.Tally}
		if ku.A > ku.B {
			ku.Flip()
		}
		out = append(out, ku)
	}
	slices.SortFunc(out, func(x, y KeyedUnit) int { return CompareKeyed(&x, &y) })
	return out
}

// DayString is a unit's day as pairs.csv writes it.
func DayString(d int32) string { return time.Unix(int64(d)*86400, 0).UTC().Format(time.DateOnly) }

// AppendRow appends u as one line of pairs.csv (with its newline).
func AppendRow(dst []byte, u *KeyedUnit) []byte {
	w := func(s string) {
		if strings.ContainsAny(s, "\",\r\n") || s != strings.TrimSpace(s) {
			dst = append(dst, '"')
			dst = append(dst, strings.ReplaceAll(s, `"`, `""`)...)
			dst = append(dst, '"')
		} else {
			dst = append(dst, s...)
		}
		dst = append(dst, ',')
	}
	num := func(x float64) { dst = strconv.AppendFloat(dst, x, 'g', -1, 64); dst = append(dst, ',') }
	integer := func(x int64) { dst = strconv.AppendInt(dst, x, 10); dst = append(dst, ',') }
	w(u.A)
	w(u.B)
	w(DayString(u.Day))
	w(u.Conv)
	num(u.Direct)
	num(u.Sender)
	num(u.Others)
	integer(int64(u.K))
	w(u.Channel)
	integer(int64(u.Asks[0]))
	integer(int64(u.Asks[1]))
	integer(int64(u.Sentiments[0]))
	integer(int64(u.Sentiments[1]))
	integer(u.SentimentSums[0])
	integer(u.SentimentSums[1])
	dst[len(dst)-1] = '\n'
	return dst
}

// WriteHeader writes pairs.csv's header line: with AppendRow for each unit after it, the
// bytes Write writes, for a writer that streams its units.
func WriteHeader(w io.Writer) error {
	_, err := io.WriteString(w, strings.Join(Header, ",")+"\n")
	return err
}

// Write writes pairs.csv: the header, then units in the order given (Units' order).
func Write(w io.Writer, units []KeyedUnit) error {
	bw := bufio.NewWriterSize(w, 1<<16)
	WriteHeader(bw)
	var line []byte
	for i := range units {
		line = AppendRow(line[:0], &units[i])
		if _, err := bw.Write(line); err != nil {
			return err
		}
	}
	return bw.Flush()
}

// RowError is a line of pairs.csv that cannot be read: file:line: column: problem.
type RowError struct {
	Line   int
	Column string
	Err    error
}

func (e *RowError) Error() string { return fmt.Sprintf("%d: %s: %v", e.Line, e.Column, e.Err) }

// IsHeader reports whether a CSV header is pairs.csv's.
func IsHeader(rec []string) bool {
	if len(rec) != len(Header) {
		return false
	}
	for i, h := range Header {
		if strings.ToLower(strings.TrimSpace(strings.TrimPrefix(rec[i], "\ufeff"))) != h {
			return false
		}
	}
	return true
}

// Read reads pairs.csv, calling fn with each unit in file order. A line that cannot be read
// stops the read with a *RowError: a folded file is a machine's output, and a damaged one is
// not guessed at.
func Read(r io.Reader, fn func(KeyedUnit) error) error {
	cr := csv.NewReader(bufio.NewReaderSize(r, 1<<16))
	cr.ReuseRecord = true
	head, err := cr.Read()
	if err != nil {
		if errors.Is(err, io.EOF) {
			return &RowError{Line: 1, Column: "header", Err: errors.New("the file is empty")}
		}
		return &RowError{Line: 1, Column: "header", Err: err}
	}
	if !IsHeader(head) {
		return &RowError{Line: 1, Column: "header", Err: fmt.Errorf("want %s", strings.Join(Header, ","))}
	}
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return &RowError{Line: pe.Line, Column: "row", Err: pe.Err}
			}
			return err
		}
		line, _ := cr.FieldPos(0)
		u, err := ParseRow(rec, line)
		if err != nil {
			return err
		}
		if err := fn(u); err != nil {
			return err
		}
	}
}

// ParseRow reads one record of pairs.csv, its fields in Header's order; line is for errors.
func ParseRow(rec []string, line int) (KeyedUnit, error) {
	u := KeyedUnit{A: strings.Clone(rec[0]), B: strings.Clone(rec[1]), Conv: strings.Clone(rec[3]), Channel: strings.Clone(rec[8])}
	bad := func(col string, err error) (KeyedUnit, error) {
		return KeyedUnit{}, &RowError{Line: line, Column: col, Err: err}
	}
	if u.A == "" || u.B == "" {
		return bad("a", errors.New("a pair needs two people"))
	}
	if u.A >= u.B {
		return bad("b", fmt.Errorf("want a < b, got %q and %q", u.A, u.B))
	}
	if u.Conv == "" {
		return bad("conversation", errors.New("empty"))
	}
	d, err := time.Parse(time.DateOnly, rec[2])
	if err != nil {
		return bad("day", fmt.Errorf("want YYYY-MM-DD, got %q", rec[2]))
	}
	u.Day = int32(d.Unix() / 86400)
	for i, p := range []*float64{&u.Direct, &u.Sender, &u.Others} {
		x, err := strconv.ParseFloat(rec[4+i], 64)
		if err != nil || x < 0 || math.IsInf(x, 0) || math.IsNaN(x) {
			return bad(Header[4+i], fmt.Errorf("want a number ≥ 0, got %q", rec[4+i]))
		}
		if x != 0 && (x < MinShare || x > MaxWeight) {
			return bad(Header[4+i], fmt.Errorf("want 0 or a number from 1e-12 to 1e6 (a weight over up to a million participants), got %q", rec[4+i]))
		}
		*p = x
	}
	if u.Direct == 0 && u.Sender == 0 && u.Others == 0 {
		return bad("direct_max", errors.New("a unit needs a weight of some kind (direct_max, sender_max or others_max)"))
	}
	k, err := strconv.ParseInt(rec[7], 10, 32)
	if err != nil || k < 2 {
		return bad("k", fmt.Errorf("want a number of participants ≥ 2, got %q", rec[7]))
	}
	u.K = int32(k)
	counts := []*int32{&u.Asks[0], &u.Asks[1], &u.Sentiments[0], &u.Sentiments[1]}
	for i, p := range counts {
		x, err := strconv.ParseInt(rec[9+i], 10, 32)
		if err != nil || x < 0 {
			return bad(Header[9+i], fmt.Errorf("want a count ≥ 0, got %q", rec[9+i]))
		}
		if x > MaxCount {
			return bad(Header[9+i], fmt.Errorf("want a count up to %d (rows of one pair, conversation and day), got %q", MaxCount, rec[9+i]))
		}
		*p = int32(x)
	}
	for i := range 2 {
		x, err := strconv.ParseInt(rec[13+i], 10, 64)
		if err != nil {
			return bad(Header[13+i], fmt.Errorf("want millionths, got %q", rec[13+i]))
		}
		if n := int64(u.Sentiments[i]); x > n*1e6 || x < -n*1e6 {
			return bad(Header[13+i], fmt.Errorf("%d millionths is beyond ±1 for each of its %d rows", x, n))
		}
		u.SentimentSums[i] = x
	}
	return u, nil
}
