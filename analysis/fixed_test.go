package analysis

import (
	"math"
	"math/big"
	"math/rand/v2"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/relmap/relmap/importers"
)

// Weights summed in fixed point are the exact sum (math/big) to within 2⁻⁶⁴ a term, and the
// same bytes in any order — what lets a run on folded pairs equal a run on the rows.
func TestFixedSum(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	ws := make([]float64, 5000)
	for i := range ws {
		// decayed units: a base from 0.5/19 to 5, a decay from 0.05 to 1; and a few big ones
		ws[i] = (0.5/19 + rng.Float64()*5) * math.Max(math.Pow(0.5, rng.Float64()*1000/180), 0.05)
		if i%997 == 0 {
			ws[i] = 1e9 * rng.Float64()
		}
	}
	ws[0], ws[1] = 0, math.SmallestNonzeroFloat64
	var f fixed
	exact := new(big.Float).SetPrec(400)
	for _, w := range ws {
		f.add(w)
		exact.Add(exact, new(big.Float).SetPrec(400).SetFloat64(w))
	}
	want, _ := exact.Float64()
	if got := f.float(); math.Abs(got-want) > float64(len(ws))*0x1p-64+math.Abs(want)*0x1p-52 {
		t.Errorf("fixed sum %v, exact %v", got, want)
	}
	for range 5 {
		rng.Shuffle(len(ws), func(i, j int) { ws[i], ws[j] = ws[j], ws[i] })
		var g fixed
		for _, w := range ws {
			g.add(w)
		}
		if g != f {
			t.Fatalf("the sum depends on the order: %v vs %v", g, f)
		}
	}
}

// A sum never wraps: from 2⁶⁴ up it stays at the largest sum, whatever the order of the terms
// (a tie of weight 3e19 once read as 11553255926290448000, the sum modulo 2⁶⁴). Here many of
// the largest terms the inputs admit (a base of 1e6 times a row weight of 1e6), then a term
// beyond every bound.
func TestFixedSaturates(t *testing.T) {
	top := units(1e6 * 1e6)
	var f fixed
	prev := 0.0
	for i := range 20_000_000 { // 2e19 in all, past 2⁶⁴ ≈ 1.8e19
		f.addUnits(top)
		if x := f.float(); x < prev {
			t.Fatalf("the sum went down at term %d: %v after %v", i, x, prev)
		}
		prev = f.float()
	}
	if f != fixedMax {
		t.Errorf("sum of 2e7 terms of 1e12 = %v, want the largest sum %v", f.float(), fixedMax.float())
	}
	for _, w := range []float64{3e19, 0x1p64, math.MaxFloat64, math.Inf(1)} {
		var g fixed
		g.add(1)
		g.add(w)
		if g != fixedMax || math.IsInf(g.float(), 0) {
			t.Errorf("1 + %v = %v, want the largest sum %v", w, g.float(), fixedMax.float())
		}
	}
	if u := units(0x1p-65); !u.isZero() {
		t.Errorf("2⁻⁶⁵ is %v units, want none", u)
	}
}

// Evidence decayed under the sum's resolution (floor 0, evidence 35 years old: 0.5^71 ≈ 4e-22)
// adds nothing, as a weight of 0 does: the run scores without the pair, where NewGraph once
// panicked on an edge of weight 0.
func TestScoreDecayedToNothing(t *testing.T) {
	rows := "time,from,to\n1990-01-02T10:00:00Z,me@x.com,b@x.com\n2025-01-02T10:00:00Z,me@x.com,c@x.com\n"
	ds, err := importers.Load([]importers.Source{{Name: "m", FS: fstest.MapFS{"i.csv": {Data: []byte(rows)}}}}, importers.Options{Me: "me@x.com"})
	if err != nil {
		t.Fatal(err)
	}
	opt := DefaultOptions()
	opt.Floor = 0
	r, err := Score(ds, opt)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range r.People {
		if strings.HasPrefix(p.Name, "b@") && p.Tie != 0 {
			t.Errorf("%s: tie %v, want 0 (evidence decayed to nothing)", p.Name, p.Tie)
		}
	}
}
