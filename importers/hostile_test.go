package importers

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"runtime"
	"strings"
	"testing"
	"testing/fstest"
)

// TestCompatibleByNameAsPairs checks compatibleByName against the test of every pair it
// replaced, on random clusters of few values so that they often meet.
func TestCompatibleByNameAsPairs(t *testing.T) {
	rnd := rand.New(rand.NewPCG(16, 4))
	vals := []string{"", "", "a", "b", "c"}
	for range 5000 {
		ks := make([]*keys, 2+rnd.IntN(5))
		for i := range ks {
			k := &keys{}
			for range 2 {
				k.urls.put(vals[rnd.IntN(len(vals))])
				if rnd.IntN(3) == 0 {
					k.emails.put(vals[rnd.IntN(len(vals))])
				}
				k.companies.put(vals[rnd.IntN(len(vals))])
				if rnd.IntN(4) == 0 {
					k.ids.put(vals[rnd.IntN(len(vals))])
				}
			}
			if rnd.IntN(2) == 0 {
				k.urls = strset{}
			}
			ks[i] = k
		}
		want := true
		for a := range ks {
			for b := a + 1; b < len(ks); b++ {
				if ks[a].conflictsByName(ks[b]) {
					want = false
				}
			}
		}
		if got := compatibleByName(ks); got != want {
			t.Fatalf("compatibleByName = %v, pairs say %v: %+v", got, want, ks)
		}
	}
}

// namesakes is a people file of n people of one name, each with a title of their own, and
// with a company when company is not empty.
func namesakes(n int, company string) fstest.MapFS {
	var b strings.Builder
	b.WriteString("name,company,title\n")
	for i := range n {
		fmt.Fprintf(&b, "Ana Ruiz,%s,Title %d\n", company, i)
	}
	return fstest.MapFS{
		"people.csv":       {Data: []byte(b.String())},
		"interactions.csv": {Data: []byte("from,to,time\nAna Ruiz,Bo Chan,2025-01-01T10:00:00Z\n")},
	}
}

// TestLoadManyNamesakes resolves 20 000 records of one name into one person (issue 16,
// item 4: 26 s without a company and 25 s with one, where every pair of clusters was tested
// and every join copied the keys gathered so far; BenchmarkLoadManyNamesakes).
func TestLoadManyNamesakes(t *testing.T) {
	for _, company := range []string{"", "Acme"} {
		ds, err := Load([]Source{{Name: "in", FS: namesakes(20_000, company)}}, Options{Me: "Bo Chan"})
		if err != nil {
			t.Fatal(err)
		}
		if len(ds.People) != 2 {
			t.Errorf("company %q: %d people, want Ana Ruiz and Bo Chan", company, len(ds.People))
		}
	}
}

func BenchmarkLoadManyNamesakes(b *testing.B) {
	fsys := namesakes(20_000, "Acme")
	for b.Loop() {
		if _, err := Load([]Source{{Name: "in", FS: fsys}}, Options{Me: "Bo Chan"}); err != nil {
			b.Fatal(err)
		}
	}
}

// A table's rows stop at the memory budget (Options.MaxHeap) with a *MemoryError naming the
// file, as the whole-file readers' do: the table checks the loader's budget once a record.
func TestTableBudget(t *testing.T) {
	var b strings.Builder
	b.WriteString("id,name\n")
	for i := range 2 * budgetEvery {
		fmt.Fprintf(&b, "p%d,Person %d\n", i, i)
	}
	runtime.GC() // the budget reads the heap live at the last collection
	_, err := Load([]Source{{Name: "org", FS: fstest.MapFS{"people.csv": {Data: []byte(b.String())}}}}, Options{MaxHeap: 1})
	var me *MemoryError
	if !errors.As(err, &me) || me.File != "org:people.csv" {
		t.Errorf("err = %v, want a *MemoryError reading org:people.csv", err)
	}
}
