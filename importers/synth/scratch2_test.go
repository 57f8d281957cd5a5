package synth

import (
	"sort"
	"strings"
	"testing"
)

func sen(title string) float64 {
	t := strings.ToLower(title)
	switch {
	case title == "":
		return 0.3
	case strings.Contains(t, "chief") || strings.Contains(t, "ceo") || strings.Contains(t, "cto") || strings.Contains(t, "founder") || strings.Contains(t, "partner") || strings.Contains(t, "geschäftsführer"):
		return 1
	case strings.Contains(t, "vp") || strings.Contains(t, "vice president") || strings.Contains(t, "head of"):
		return 0.85
	case strings.Contains(t, "direct"):
		return 0.7
	case strings.Contains(t, "senior"):
		return 0.35
	}
	return 0.2
}

func TestInfluenceProxy(t *testing.T) {
	for _, o := range []Options{{Seed: 1}, {Seed: 9}, {Connections: 3000, Messages: 25000, Seed: 2}, {Connections: 100, Messages: 800, Seed: 3}} {
		o, _ = o.resolve()
		g := generate(o)
		shown := g.appears()
		var ids []int
		idx := map[int]int{}
		for i := range g.people {
			if shown[i] {
				idx[i] = len(ids)
				ids = append(ids, i)
			}
		}
		n := len(ids)
		w := make([]map[int]float64, n)
		for i := range w {
			w[i] = map[int]float64{}
		}
		for _, c := range g.convs {
			if c.kind != group {
				continue
			}
			k := float64(len(c.members) + 1)
			for _, m := range c.msgs {
				for _, a := range c.members {
					for _, b := range c.members {
						if a >= b {
							continue
						}
						x := 0.5 / (k - 1)
						if m.from == a || m.from == b {
							x = 1 / (k - 1)
						}
						w[idx[a]][idx[b]] += x
						w[idx[b]][idx[a]] += x
					}
				}
			}
		}
		// pagerank
		pr := make([]float64, n)
		for i := range pr {
			pr[i] = 1 / float64(n)
		}
		str := make([]float64, n)
		for i := range w {
			for _, x := range w[i] {
				str[i] += x
			}
		}
		for it := 0; it < 100; it++ {
			nx := make([]float64, n)
			dang := 0.0
			for i := range pr {
				if str[i] == 0 {
					dang += pr[i]
				}
			}
			for i := range nx {
				nx[i] = (1-0.85)/float64(n) + 0.85*dang/float64(n)
			}
			for i := range w {
				for j, x := range w[i] {
					nx[j] += 0.85 * pr[i] * x / str[i]
				}
			}
			pr = nx
		}
		// betweenness (Brandes, unweighted)
		bc := make([]float64, n)
		for s := 0; s < n; s++ {
			var S []int
			P := make([][]int, n)
			sigma := make([]float64, n)
			d := make([]int, n)
			for i := range d {
				d[i] = -1
			}
			sigma[s] = 1
			d[s] = 0
			Q := []int{s}
			for len(Q) > 0 {
				v := Q[0]
				Q = Q[1:]
				S = append(S, v)
				for u := range w[v] {
					if d[u] < 0 {
						Q = append(Q, u)
						d[u] = d[v] + 1
					}
					if d[u] == d[v]+1 {
						sigma[u] += sigma[v]
						P[u] = append(P[u], v)
					}
				}
			}
			delta := make([]float64, n)
			for len(S) > 0 {
				x := S[len(S)-1]
				S = S[:len(S)-1]
				for _, v := range P[x] {
					delta[v] += sigma[v] / sigma[x] * (1 + delta[x])
				}
				if x != s {
					bc[x] += delta[x]
				}
			}
		}
		deg := make([]float64, n)
		for i := range w {
			deg[i] = float64(len(w[i]))
		}
		pct := func(xs []float64) []float64 {
			s := append([]float64(nil), xs...)
			sort.Float64s(s)
			out := make([]float64, len(xs))
			for i, x := range xs {
				out[i] = float64(sort.SearchFloat64s(s, x)) / float64(n-1)
			}
			return out
		}
		ppr, pbc, pdeg := pct(pr), pct(bc), pct(deg)
		infl := make([]float64, n)
		for k, i := range ids {
			infl[k] = 0.35*ppr[k] + 0.25*pbc[k] + 0.25*sen(g.people[i].title) + 0.15*pdeg[k]
		}
		s := append([]float64(nil), infl...)
		sort.Float64s(s)
		q := s[int(0.75*float64(n-1))]
		tp, fp, fn, planted := 0, 0, 0, 0
		for k, i := range ids {
			h := infl[k] >= q
			if g.people[i].high {
				planted++
			}
			switch {
			case h && g.people[i].high:
				tp++
			case h:
				fp++
			case g.people[i].high:
				fn++
			}
		}
		t.Logf("%d/%d: n=%d planted high=%d found=%d false+=%d missed=%d", o.Connections, o.Messages, n, planted, tp, fp, fn)
	}
}
