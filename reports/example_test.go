package reports_test

import (
	"math"
	"os"

	"github.com/relmap/relmap/analysis"
	"github.com/relmap/relmap/reports"
)

// WriteCSV writes ranked.csv: one row a person, in rank order, unknown numbers as empty
// cells and text that a spreadsheet would run as a formula neutralised.
func ExampleWriteCSV() {
	nan := math.NaN()
	r := &analysis.Result{People: []analysis.Person{{
		Rank: 1, ID: "dan", Name: "Dan Weiss", Company: "Globex", Title: "Vice President", Category: "client", Hops: 2,
		Tie: 0, Influence: 0.81, Reach: 0.4, Importance: 0.52, Status: nan, StatusLabel: analysis.Unknown,
		Zone: analysis.KeyToEngage, PageRank: 0.2, Betweenness: 0, Harmonic: 0.6, Reach2: 0.5, Constraint: nan,
		EffectiveSize: nan, Degree: 2, Strength: 1.5, Seniority: 0.85,
		IntroPaths: []analysis.IntroPath{{Via: []analysis.Hop{{ID: "cleo", Name: "Cleo Park"}}, Strength: 0.42}},
		Reasons:    []analysis.Reason{{Kind: analysis.ReasonSeniority, Label: "=vice president"}},
	}}}
	if err := reports.WriteCSV(os.Stdout, r); err != nil {
		panic(err)
	}
	// Output:
	// rank,id,name,company,title,category,hops,tie,influence,reach,importance,status,status_label,status_basis,zone,tier,pagerank,betweenness,harmonic,reach2,constraint,effective_size,community,degree,strength,seniority,last_contact,dormant,intro_path,why,key,team,department
	// 1,dan,Dan Weiss,Globex,Vice President,client,2,0,0.81,0.4,0.52,,unknown,none,key to engage,,0.2,0,0.6,0.5,,,,2,1.5,0.85,,false,via Cleo Park (0.42),'=vice president title,,,
}
