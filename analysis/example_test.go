package analysis_test

import (
	"fmt"
	"testing/fstest"

	"github.com/relmap/relmap/analysis"
	"github.com/relmap/relmap/importers"
)

// exampleInputs is a small mail log: Ana writes to Ben and Cleo, and they write to Dan and
// Eve, whom Ana has never written to — her second-level relationships.
func exampleInputs() *importers.Dataset {
	people := "id,name,email,company,title\n" +
		"ana,Ana Ruiz,ana@x.com,Acme,Manager\n" +
		"ben,Ben Okafor,ben@x.com,Acme,Engineer\n" +
		"cleo,Cleo Park,cleo@y.com,Globex,Director\n" +
		"dan,Dan Weiss,dan@y.com,Globex,Vice President\n" +
		"eve,Eve Lind,eve@z.com,Initech,Analyst\n"
	mail := "time,from,to,channel\n" +
		"2026-01-05T09:00:00Z,ana@x.com,ben@x.com,email\n" +
		"2026-01-05T11:00:00Z,ben@x.com,ana@x.com,email\n" +
		"2026-01-12T09:00:00Z,ana@x.com,cleo@y.com,email\n" +
		"2026-01-20T09:00:00Z,ben@x.com,dan@y.com,email\n" +
		"2026-01-21T09:00:00Z,cleo@y.com,dan@y.com,email\n" +
		"2026-01-22T09:00:00Z,cleo@y.com,eve@z.com,email\n"
	fsys := fstest.MapFS{"people.csv": {Data: []byte(people)}, "interactions.csv": {Data: []byte(mail)}}
	ds, err := importers.Load([]importers.Source{{Name: "example", FS: fsys}}, importers.Options{Me: "ana@x.com"})
	if err != nil {
		panic(err)
	}
	return ds
}

// Score ranks everyone around the ego, with how they are reached: direct ties at one hop, the
// people they know at two, each with their zone on the stakeholder map.
func ExampleScore() {
	r, err := analysis.Score(exampleInputs(), analysis.DefaultOptions())
	if err != nil {
		panic(err)
	}
	fmt.Println("map of", r.Ego.Name)
	for _, p := range r.People {
		via := ""
		if len(p.IntroPaths) > 0 {
			via = ", via " + p.IntroPaths[0].Via[0].Name
		}
		fmt.Printf("%d. %s (%s) — hops %d, %s%s\n", p.Rank, p.Name, p.Company, p.Hops, p.Zone, via)
	}
	// Output:
	// map of Ana Ruiz
	// 1. Cleo Park (Globex) — hops 1, key to engage, via Ben Okafor
	// 2. Dan Weiss (Globex) — hops 2, background, via Cleo Park
	// 3. Eve Lind (Initech) — hops 2, background, via Cleo Park
	// 4. Ben Okafor (Acme) — hops 1, background, via Cleo Park
}
