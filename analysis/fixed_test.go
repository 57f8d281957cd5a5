package analysis

import (
	"math"
	"math/big"
	"math/rand/v2"
	"testing"
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
