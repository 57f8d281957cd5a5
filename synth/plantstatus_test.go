package synth

import (
	"bytes"
	"strings"
	"testing"
)

// checkPlant checks the planted groups' evidence against what each group promises
// (issue 15, item 3). org says whether the person's habit with others is in the data.
func checkPlant(t *testing.T, sp *StatusPlant, org bool) {
	t.Helper()
	if sp == nil {
		t.Fatal("no planted_status in the truth")
	}
	groups := map[string][]StatusPerson{GroupSupporters: sp.Supporters, GroupDetractors: sp.Detractors,
		GroupBusySeniors: sp.BusySeniors, GroupCooling: sp.Cooling, GroupOrdinary: sp.Ordinary}
	seen := map[string]bool{}
	n := len(sp.Supporters)
	for name, xs := range groups {
		if len(xs) != n || n < 3 {
			t.Errorf("%s: %d people, want %d (at least 3)", name, len(xs), n)
		}
		for _, x := range xs {
			if seen[x.Name] {
				t.Errorf("%s is planted twice", x.Name)
			}
			seen[x.Name] = true
			e := x.StatusEvidence
			rate := func(a, b int) float64 { return float64(a) / float64(max(b, 1)) }
			if e.Asked < 5 {
				t.Errorf("%s %s: the ego asked %d times in 180 days, want at least 5", name, x.Name, e.Asked)
			}
			cooling := e.Before >= 4 && 2*e.Recent < e.Before
			if cooling != (name == GroupCooling) {
				t.Errorf("%s %s: %d units before, %d recent: cooling %v", name, x.Name, e.Before, e.Recent, cooling)
			}
			if org && name != GroupBusySeniors && (e.OthersAsked < 5 || rate(e.OthersAnswered, e.OthersAsked) < 0.55) {
				t.Errorf("%s %s: answered %d of others' %d", name, x.Name, e.OthersAnswered, e.OthersAsked)
			}
			switch name {
			case GroupSupporters:
				if e.Answered != e.Asked || e.Opened <= e.EgoOpened || org && (e.Invites < 3 || e.CCs < 3) {
					t.Errorf("supporter %s: %+v", x.Name, e)
				}
			case GroupDetractors, GroupBusySeniors:
				if rate(e.Answered, e.Asked) >= 0.15 || e.Opened > 0 || e.Invites > 0 || e.CCs > 0 {
					t.Errorf("%s %s: %+v", name, x.Name, e)
				}
				if org && name == GroupDetractors && e.Exclusions < 3 {
					t.Errorf("detractor %s: %d meetings with the team without the ego", x.Name, e.Exclusions)
				}
				if org && name == GroupBusySeniors && (e.OthersAsked < 5 || rate(e.OthersAnswered, e.OthersAsked) >= 0.15) {
					t.Errorf("busy senior %s answered %d of others' %d", x.Name, e.OthersAnswered, e.OthersAsked)
				}
				if name == GroupBusySeniors && !seniorTitle(x.Title) {
					t.Errorf("busy senior %s has title %q", x.Name, x.Title)
				}
			case GroupCooling:
				if e.Before < 6 || e.Recent > 1 {
					t.Errorf("cooling %s: %d before, %d recent", x.Name, e.Before, e.Recent)
				}
			case GroupOrdinary:
				if r := rate(e.Answered, e.Asked); r < 0.5 || r > 0.9 || e.Opened == 0 {
					t.Errorf("ordinary %s: %+v", x.Name, e)
				}
			}
		}
	}
}

func seniorTitle(s string) bool {
	s = strings.ToLower(s)
	for _, w := range []string{"chief", "vp", "vice president", "head of", "director", "general counsel", "founder", "direct", "leiter", "geschäftsführ", "jefe", "partner", "ceo", "cto", "svp"} {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

func TestWriteOrgPlantStatus(t *testing.T) {
	// The groups keep their promises at the evaluation's size and seeds too.
	for _, seed := range []uint64{7, 101, 102, 103} {
		checkPlant(t, buildOrg(t, OrgOptions{People: 1500, Interactions: 20000, Seed: seed, PlantStatus: true}).truth.PlantedStatus, true)
	}
	opt := OrgOptions{People: 600, Interactions: 40000, Seed: 7, PlantStatus: true}
	a, b := buildOrg(t, opt), buildOrg(t, opt)
	if !bytes.Equal(a.people, b.people) || !bytes.Equal(a.interactions, b.interactions) {
		t.Fatal("the same options gave different bytes")
	}
	checkPlant(t, a.truth.PlantedStatus, true)
	sp := a.truth.PlantedStatus
	if sp.Ego.Email == "" || sp.Team == "" || len(sp.TeamMembers) < 5 {
		t.Fatalf("ego %+v of team %q with %d team-mates", sp.Ego, sp.Team, len(sp.TeamMembers))
	}
	header, rows := readCSV(t, a.interactions)
	if strings.Join(header, ",") != orgInteractionsPlantedHeader || len(rows) != a.truth.Interactions || a.truth.Interactions != opt.Interactions+sp.Rows {
		t.Fatalf("header %v, %d rows, truth %d = %d + %d", header, len(rows), a.truth.Interactions, opt.Interactions, sp.Rows)
	}
	for k := 1; k < len(rows); k++ {
		if rows[k][0] < rows[k-1][0] {
			t.Fatalf("row %d at %s before %s", k+2, rows[k][0], rows[k-1][0])
		}
	}
	// The planted people appear in planted rows only: never in a background conversation.
	planted := map[string]bool{}
	for _, xs := range [][]StatusPerson{sp.Supporters, sp.Detractors, sp.BusySeniors, sp.Cooling, sp.Ordinary} {
		for _, x := range xs {
			planted[x.ID] = true
		}
	}
	for _, row := range rows {
		conv := row[5]
		if strings.HasPrefix(conv, "mail-p") || strings.HasPrefix(conv, "meet-p") ||
			strings.HasPrefix(conv, "chat-") && (row[1] == sp.Ego.ID || row[2] == sp.Ego.ID) {
			continue
		}
		for _, id := range append([]string{row[1]}, strings.Split(row[2], ";")...) {
			if planted[id] {
				t.Fatalf("planted %s in a background row %v", id, row)
			}
		}
	}
	if _, err := WriteOrg(&bytes.Buffer{}, &bytes.Buffer{}, OrgOptions{People: 100, PlantStatus: true}); err == nil {
		t.Error("100 people planted without complaint")
	}
}

func TestWritePlantStatus(t *testing.T) {
	for _, seed := range []uint64{7, 101, 102, 103} {
		tr, err := Write(&bytes.Buffer{}, Options{Connections: 1000, Messages: 20000, Seed: seed, PlantStatus: true})
		if err != nil {
			t.Fatal(err)
		}
		checkPlant(t, tr.PlantedStatus, false)
	}
	opt := Options{Connections: 600, Messages: 8000, Seed: 7, PlantStatus: true}
	var a, b bytes.Buffer
	ta, err := Write(&a, opt)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Write(&b, opt); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Fatal("the same options gave different bytes")
	}
	checkPlant(t, ta.PlantedStatus, false)
	sp := ta.PlantedStatus
	if n := len(sp.Supporters); ta.Connections != opt.Connections+5*n {
		t.Errorf("truth says %d connections, want %d + 5·%d", ta.Connections, opt.Connections, n)
	}
	if ta.Messages != opt.Messages+sp.Rows {
		t.Errorf("truth says %d messages, want %d + %d", ta.Messages, opt.Messages, sp.Rows)
	}
	// No recommendation, endorsement or invitation for a planted person.
	byURL := map[string]Person{}
	for _, p := range ta.People {
		byURL[p.URL] = p
	}
	for _, xs := range [][]StatusPerson{sp.Supporters, sp.Detractors, sp.BusySeniors, sp.Cooling, sp.Ordinary} {
		for _, x := range xs {
			p, ok := byURL[x.URL]
			if !ok {
				t.Fatalf("%s is not among the truth's people", x.Name)
			}
			for _, s := range p.Signals {
				if s == "recommendation" || s == "endorsements" || s == "invitation" {
					t.Errorf("%s has %s", x.Name, s)
				}
			}
		}
	}
	if _, err := Write(&bytes.Buffer{}, Options{Step: 1, PlantStatus: true}); err == nil {
		t.Error("plant-status at step 1 without complaint")
	}
}
