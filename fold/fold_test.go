package fold

import (
	"bytes"
	"errors"
	"math"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
)

func collect(r *KeyedRow, maxP int) (map[string]KeyedUnit, bool) {
	out := map[string]KeyedUnit{}
	ok := ExpandKeyed(r, maxP, func(u KeyedUnit) { out[u.A+"-"+u.B] = u })
	return out, ok
}

// The shares of SPEC §3.1, by hand: a 1:1 row weighs its weight; a group of k (sender
// included) 1/(k−1) between the sender and each other and (with GroupOthers 0.5) 0.5/(k−1)
// between the others; a meeting 1/(k−1) between any two; more than the bound is a broadcast.
func TestExpandKnownAnswers(t *testing.T) {
	b := Bases{Direct: 1, Group: 1, GroupOthers: 0.5}
	one, _ := collect(&KeyedRow{From: "b", To: []string{"a"}, Conv: "t", Channel: "email", Weight: 2, Sentiment: 0.5}, 20)
	u := one["a-b"]
	if got := u.Base(b); got != 2 || u.K != 2 || u.Asks != [2]int32{0, 1} || u.Sentiments != [2]int32{0, 1} || u.SentimentSums != [2]int64{0, 500000} {
		t.Errorf("1:1 b→a: %+v base %v", u, got)
	}
	grp, _ := collect(&KeyedRow{From: "s", To: []string{"x", "y", "z"}, Conv: "t", Channel: "email", Weight: 1, Sentiment: math.NaN()}, 20)
	if len(grp) != 6 {
		t.Fatalf("%d units from a row of 4, want 6", len(grp))
	}
	for pair, want := range map[string]float64{"s-x": 1.0 / 3, "s-y": 1.0 / 3, "s-z": 1.0 / 3, "x-y": 0.5 / 3, "x-z": 0.5 / 3, "y-z": 0.5 / 3} {
		if u := grp[pair]; math.Abs(u.Base(b)-want) > 1e-15 || u.K != 4 {
			t.Errorf("%s: base %v k %d, want %v", pair, u.Base(b), u.K, want)
		}
	}
	if u := grp["s-x"]; u.Asks != [2]int32{1, 0} {
		t.Errorf("sender s asks x: %v", u.Asks)
	}
	if u := grp["x-y"]; u.Asks != [2]int32{0, 0} {
		t.Errorf("two recipients ask nothing of each other: %v", u.Asks)
	}
	meet, _ := collect(&KeyedRow{From: "s", To: []string{"x", "y"}, Conv: "m", Channel: "meeting", Weight: 1, Sentiment: math.NaN()}, 20)
	if u := meet["x-y"]; u.Base(b) != 0.5 || u.Asks != [2]int32{0, 0} {
		t.Errorf("meeting attendees: base %v asks %v, want 0.5 and none", u.Base(b), u.Asks)
	}
	if _, ok := collect(&KeyedRow{From: "s", To: []string{"a", "b", "c"}, Channel: "email", Weight: 1}, 3); ok {
		t.Error("a row of 4 with a bound of 3 is not a broadcast")
	}
}

// Units merge to the same result in any order: largest weights, summed counts, the fewest
// participants (the smallest channel name on a tie).
func TestMergeOrderFree(t *testing.T) {
	rows := []KeyedRow{
		{From: "a", To: []string{"b"}, Conv: "c", Channel: "chat", Weight: 1, Sentiment: 0.25},
		{From: "b", To: []string{"a"}, Conv: "c", Channel: "chat", Weight: 3, Sentiment: -1},
		{From: "a", To: []string{"b", "x"}, Conv: "c", Channel: "email", Weight: 1, Sentiment: math.NaN()},
		{From: "x", To: []string{"a", "b"}, Conv: "c", Channel: "call", Weight: 2, Sentiment: math.NaN()},
		{From: "a", To: []string{"b", "y"}, Conv: "c", Channel: "alpha", Weight: 1, Sentiment: math.NaN()},
	}
	var first []byte
	rng := rand.New(rand.NewPCG(1, 2))
	for range 20 {
		rng.Shuffle(len(rows), func(i, j int) { rows[i], rows[j] = rows[j], rows[i] })
		f := Folder{MaxParticipants: 20}
		for i := range rows {
			f.Add(&rows[i])
		}
		var buf bytes.Buffer
		if err := Write(&buf, f.Units()); err != nil {
			t.Fatal(err)
		}
		if first == nil {
			first = buf.Bytes()
			continue
		}
		if !bytes.Equal(first, buf.Bytes()) {
			t.Fatalf("the fold depends on row order:\n%s\n%s", first, buf.Bytes())
		}
	}
	want := "a,b,1970-01-01,c,3,0.5,1,2,chat,3,1,1,1,250000,-1000000\n" // asks a→b: the chat, the e-mail and "alpha"; the call x sent weighs 2/2 between a and b
	if !strings.Contains(string(first), want) {
		t.Errorf("a–b: want %q in\n%s", want, first)
	}
}

// pairs.csv reads back as it was written.
func TestWriteRead(t *testing.T) {
	f := Folder{MaxParticipants: 20}
	f.Add(&KeyedRow{From: `Ana "the boss", Ruiz`, To: []string{" lead space", "z"}, Day: 20000, Conv: "thread, 1", Channel: "email", Weight: 0.1, Sentiment: -0.333})
	units := f.Units()
	var buf bytes.Buffer
	if err := Write(&buf, units); err != nil {
		t.Fatal(err)
	}
	var back []KeyedUnit
	if err := Read(bytes.NewReader(buf.Bytes()), func(u KeyedUnit) error { back = append(back, u); return nil }); err != nil {
		t.Fatal(err)
	}
	if len(back) != len(units) {
		t.Fatalf("%d units back of %d", len(back), len(units))
	}
	for i := range units {
		if back[i] != units[i] {
			t.Errorf("unit %d: %+v back as %+v", i, units[i], back[i])
		}
	}
}

// A damaged pairs file stops the read at the line, naming the column.
func TestReadErrors(t *testing.T) {
	head := strings.Join(Header, ",") + "\n"
	for _, c := range []struct{ body, want string }{
		{"", "1: header: the file is empty"},
		{"a,b\n", "1: header: want a,b,day"},
		{head + "x,x,2026-01-01,t,1,0,0,2,email,0,0,0,0,0,0\n", "2: b: want a < b"},
		{head + "a,b,2026-13-01,t,1,0,0,2,email,0,0,0,0,0,0\n", "2: day: want YYYY-MM-DD"},
		{head + "a,b,2026-01-01,t,-1,0,0,2,email,0,0,0,0,0,0\n", "2: direct_max: want a number ≥ 0"},
		{head + "a,b,2026-01-01,t,0,0,0,2,email,0,0,0,0,0,0\n", "2: direct_max: a unit needs a weight"},
		{head + "a,b,2026-01-01,t,1,0,0,1,email,0,0,0,0,0,0\n", "2: k: want a number of participants ≥ 2"},
		{head + "a,b,2026-01-01,t,1,0,0,2,email,0,x,0,0,0,0\n", "2: asks_ba: want a count ≥ 0"},
		{head + "a,b,2026-01-01,t,1,0,0,2,email,0,0,1,0,2000000,0\n", "2: sentiment_sum_ab: 2000000 millionths is beyond"},
		{head + "a,b,2026-01-01,t,1,0,0,2\n", "2: row: wrong number of fields"},
	} {
		err := Read(strings.NewReader(c.body), func(KeyedUnit) error { return nil })
		var re *RowError
		if !errors.As(err, &re) || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q: %v, want %q", c.body, err, c.want)
		}
	}
}

// FuzzRead: any bytes read as pairs.csv give units or a RowError, never a panic, and what
// reads back writes out to the same units.
func FuzzRead(f *testing.F) {
	f.Add([]byte(strings.Join(Header, ",") + "\na,b,2026-01-01,t,1,0.5,0,3,email,1,0,1,0,-250000,0\n"))
	f.Add([]byte(strings.Join(Header, ",") + "\n\"a,\"\"x\",b,1969-12-31,\" t\",0,0,1e-300,2,x,0,0,0,0,0,0\n"))
	f.Add([]byte("a,b\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		var units []KeyedUnit
		err := Read(bytes.NewReader(data), func(u KeyedUnit) error { units = append(units, u); return nil })
		if err != nil {
			return
		}
		var buf bytes.Buffer
		if err := Write(&buf, units); err != nil {
			t.Fatal(err)
		}
		var back []KeyedUnit
		if err := Read(&buf, func(u KeyedUnit) error { back = append(back, u); return nil }); err != nil {
			t.Fatalf("written units do not read back: %v", err)
		}
		if len(back) != len(units) {
			t.Fatalf("%d units back of %d", len(back), len(units))
		}
		for i := range units {
			if back[i] != units[i] {
				t.Fatalf("unit %d: %+v back as %+v", i, units[i], back[i])
			}
		}
	})
}

// ExpandAmong gives the units of Expand with a person of in at an end, in its order, and
// a Group with In folds those pairs as a Group without it does.
func TestExpandAmong(t *testing.T) {
	rows := []Row{
		{From: 0, To: []int32{1, 2, 3, 4}, Day: 5, Conv: 1, Asks: true, Weight: 1, Sentiment: math.NaN()},
		{From: 3, To: []int32{0, 4}, Day: 5, Conv: 1, Meeting: true, Weight: 2, Sentiment: 0.5},
		{From: 2, To: []int32{4}, Day: 5, Conv: 1, Asks: true, Weight: 1, Sentiment: math.NaN()},
	}
	for _, in := range [][]bool{{false, false, false, false, true}, {true, false, false, false, false}, {false, true, true, false, false}, make([]bool, 5)} {
		for _, r := range rows {
			var all, among []Unit
			Expand(&r, 10, func(u *Unit) {
				if in[u.A] || in[u.B] {
					all = append(all, *u)
				}
			})
			ExpandAmong(&r, 10, new(Unit), in, func(u *Unit) { among = append(among, *u) })
			if !reflect.DeepEqual(all, among) {
				t.Errorf("in %v, row from %d: %v, want %v", in, r.From, among, all)
			}
		}
		var g, gIn Group
		gIn.In = in
		var want []Unit
		for _, u := range g.Fold(rows, 10) {
			if in[u.A] || in[u.B] {
				want = append(want, u)
			}
		}
		if got := gIn.Fold(rows, 10); !reflect.DeepEqual(got, want) && len(got)+len(want) > 0 {
			t.Errorf("in %v: group %v, want %v", in, got, want)
		}
	}
}
