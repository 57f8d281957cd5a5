package synth

import (
	"archive/zip"
	"bytes"
	"fmt"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/relmap/relmap/analysis"
	"github.com/relmap/relmap/importers"
)

// slackOrg writes opt's organisation as a Slack export and loads it as relmap does, with the
// organisation's people file beside it for teams (its people merge with Slack's by e-mail).
func slackOrg(t *testing.T, opt OrgOptions, lopt importers.Options) (*importers.Dataset, *OrgTruth) {
	t.Helper()
	var z bytes.Buffer
	tr, err := WriteOrgSlack(&z, opt, 0)
	if err != nil {
		t.Fatal(err)
	}
	f := buildOrg(t, opt) // the same seed: the same people
	zr, err := zip.NewReader(bytes.NewReader(z.Bytes()), int64(z.Len()))
	if err != nil {
		t.Fatal(err)
	}
	end, _ := time.Parse(time.DateOnly, tr.End)
	lopt.AsOf = end
	ds, err := importers.Load([]importers.Source{{Name: "slack.zip", FS: zr}, {Name: "people", FS: fstest.MapFS{"people.csv": {Data: f.people}}}}, lopt)
	if err != nil {
		t.Fatal(err)
	}
	return ds, tr
}

// On a Slack export of a synthetic organisation, the planted hubs rank in the top 10 % by
// betweenness on one of their teams' maps, as on the organisation's CSV (TestWriteOrgHubs),
// and every Slack member is one person with their people-file record.
func TestSlackOrgHubs(t *testing.T) {
	ds, tr := slackOrg(t, OrgOptions{People: 300, Interactions: 20000, Seed: 1}, importers.Options{NoOwner: true})
	if len(ds.People) != tr.People {
		t.Fatalf("%d people, want the organisation's %d: Slack's members and the people file merge by e-mail", len(ds.People), tr.People)
	}
	res, err := teamMaps(ds, analysis.Teams(ds))
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range tr.Hubs {
		best, _ := hubRank(res, tr, h)
		t.Logf("hub %s at the top %.1f %% by betweenness", h.Name, 100*best)
		if best > 0.10 {
			t.Errorf("hub %s is at best in the top %.1f %% by betweenness of a team's map, want 10 %%", h.Name, 100*best)
		}
	}
}

// The planted supporters of a Slack export are supporters (≥ 85 %, issue 19), and the planted
// busy seniors and cooling ties never detractors.
func TestSlackOrgPlantedStatus(t *testing.T) {
	opt := OrgOptions{People: 1500, Interactions: 60000, Seed: 1, PlantStatus: true}
	var z bytes.Buffer
	tr, err := WriteOrgSlack(&z, opt, 0)
	if err != nil {
		t.Fatal(err)
	}
	ds, _ := slackOrg(t, opt, importers.Options{Me: tr.PlantedStatus.Ego.Email})
	r, err := analysis.Score(ds, analysis.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	label := map[string]analysis.StatusLabel{}
	for _, p := range r.People {
		for _, k := range ds.People {
			if k.ID == p.ID {
				label[k.Email] = p.StatusLabel
			}
		}
	}
	share := func(group []StatusPerson, want analysis.StatusLabel) float64 {
		n := 0
		for _, p := range group {
			if label[strings.ToLower(p.Email)] == want {
				n++
			}
		}
		return float64(n) / float64(len(group))
	}
	ps := tr.PlantedStatus
	if s := share(ps.Supporters, analysis.Supporter); s < 0.85 {
		t.Errorf("%.0f %% of planted supporters are supporters, want ≥ 85 %%", 100*s)
	}
	if s := share(ps.Detractors, analysis.Detractor); s < 0.85 {
		t.Errorf("%.0f %% of planted detractors are detractors, want ≥ 85 %%", 100*s)
	}
	for _, g := range [][]StatusPerson{ps.BusySeniors, ps.Cooling} {
		if s := share(g, analysis.Detractor); s > 0.10 {
			t.Errorf("%.0f %% of a silent group are detractors, want ≤ 10 %%", 100*s)
		}
	}
}

// The export holds the marker in every message's text and some file names: none of it reaches
// the Dataset.
func TestSlackOrgKeepsNoText(t *testing.T) {
	ds, _ := slackOrg(t, OrgOptions{People: 200, Interactions: 5000, Seed: 3}, importers.Options{NoOwner: true})
	if strings.Contains(fmt.Sprintf("%+v", *ds), SlackMarker) {
		t.Errorf("the Dataset holds %s", SlackMarker)
	}
	if len(ds.Interactions) == 0 {
		t.Error("no interactions read")
	}
}
