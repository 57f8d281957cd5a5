package analysis

import (
	"errors"
	"math"
	"os"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/relmap/relmap/importers"
)

const tobiasURL = "https://www.linkedin.com/in/tobiasquell"

func samplesDataset(t *testing.T) *importers.Dataset {
	t.Helper()
	ds, err := importers.Load([]importers.Source{{Name: "samples", FS: os.DirFS("../testdata/linkedin/samples")}}, importers.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return ds
}

// genericDataset is testdata/generic with ana@example.com at the centre: meetings, cc, manager
// links, declared ties, sentiment and a declared status.
func genericDataset(t *testing.T, opt importers.Options) *importers.Dataset {
	t.Helper()
	fsys := fstest.MapFS{}
	for _, f := range []string{"people.csv", "interactions.csv", "ties.csv", "annotations.csv"} {
		b, err := os.ReadFile("../testdata/generic/" + f)
		if err != nil {
			t.Fatal(err)
		}
		fsys[f] = &fstest.MapFile{Data: b}
	}
	ds, err := importers.Load([]importers.Source{{Name: "org", FS: fsys}}, opt)
	if err != nil {
		t.Fatal(err)
	}
	return ds
}

func mustScore(t *testing.T, ds *importers.Dataset, opt Options) *Result {
	t.Helper()
	r, err := Score(ds, opt)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestDefaultOptionsValid(t *testing.T) {
	o := DefaultOptions()
	if err := o.Validate(); err != nil {
		t.Fatal(err)
	}
}

// Raising the supporter threshold above Maren's +0.40 (two endorsements) makes her neutral,
// and moves her zone with her label (SPEC §3.4); Tobias's +0.60 still clears it.
func TestSupporterThreshold(t *testing.T) {
	ds := samplesDataset(t)
	before := mustScore(t, ds, DefaultOptions())
	opt := DefaultOptions()
	opt.Status.Supporter = 41
	after := mustScore(t, ds, opt)

	m0, m1 := byName(before, "Maren Holtby"), byName(after, "Maren Holtby")
	if m0.StatusLabel != "supporter" || m1.StatusLabel != "neutral" || m1.Status != m0.Status {
		t.Errorf("Maren: %v %s, then %v %s; want +0.4 supporter, then +0.4 neutral", m0.Status, m0.StatusLabel, m1.Status, m1.StatusLabel)
	}
	if want := map[Zone]Zone{Champion: KeyToEngage, Ally: Background}[m0.Zone]; want == "" || m1.Zone != want {
		t.Errorf("Maren's zone %s, then %s", m0.Zone, m1.Zone)
	}
	if tob := byName(after, "Tobias Quell"); tob.StatusLabel != "supporter" {
		t.Errorf("Tobias (+0.6) is %s under a +0.41 threshold", tob.StatusLabel)
	}
}

// Silence alone never makes a detractor, wherever the detractor threshold is: with it at
// −0.05, Łukasz's pending invitation (−0.10) is held at −0.04, neutral.
func TestDetractorThresholdSilence(t *testing.T) {
	ds := samplesDataset(t)
	opt := DefaultOptions()
	opt.Status.Detractor = -5
	luk := byName(mustScore(t, ds, opt), "Łukasz Żero")
	if luk.Status != -0.04 || luk.StatusLabel != "neutral" {
		t.Errorf("Łukasz: %v %s, want −0.04 neutral", luk.Status, luk.StatusLabel)
	}
	// A status value that makes the invitation worth −0.30 still holds him at −0.04.
	opt.Status.Invitation = -30
	if luk := byName(mustScore(t, ds, opt), "Łukasz Żero"); luk.Status != -0.04 {
		t.Errorf("Łukasz with a −0.30 invitation: %v, want −0.04", luk.Status)
	}
}

// A recommendation base of 0 lowers Tobias's tie by exactly what the recommendation added —
// its decayed contribution in explain's evidence — and leaves his status alone: the base weighs
// the tie, status.recommendation the status (SPEC §3.1, §3.4).
func TestRecommendationBase(t *testing.T) {
	ds := samplesDataset(t)
	e0, err := Explain(ds, DefaultOptions(), tobiasURL)
	if err != nil {
		t.Fatal(err)
	}
	rec, n := 0.0, 0
	for _, ev := range e0.Evidence {
		if ev.Channel == "" && ev.Tie == importers.Recommendation {
			rec += ev.Weight
			n++
		}
	}
	if n != 1 || rec != 5*0.05 { // 5.0, decayed to the floor (2021)
		t.Fatalf("%d recommendations adding %v to Tobias's tie, want one adding 0.25", n, rec)
	}
	opt := DefaultOptions()
	opt.Bases.Recommendation = 0
	e1, err := Explain(ds, opt, tobiasURL)
	if err != nil {
		t.Fatal(err)
	}
	if d := e0.Person.Tie - e1.Person.Tie; math.Abs(d-rec) > 1e-12 {
		t.Errorf("tie %v → %v: lowered by %v, want the recommendation's %v", e0.Person.Tie, e1.Person.Tie, d, rec)
	}
	if sum := evidenceSum(e1); math.Abs(sum-e1.Person.Tie) > 1e-12 {
		t.Errorf("evidence sums to %v, tie %v", sum, e1.Person.Tie)
	}
	if e1.Person.Status != 0.6 || e1.Person.StatusLabel != "supporter" {
		t.Errorf("status %v %s, want +0.6 supporter still", e1.Person.Status, e1.Person.StatusLabel)
	}
}

// A status signal worth 0 is off: it neither adds nor shows in status_basis, why or explain.
func TestStatusSignalOff(t *testing.T) {
	ds := samplesDataset(t)
	opt := DefaultOptions()
	opt.Status.Recommendation = 0
	e, err := Explain(ds, opt, tobiasURL)
	if err != nil {
		t.Fatal(err)
	}
	p := e.Person
	if p.Status != 0 || p.StatusLabel != "neutral" || len(p.StatusBasis) != 0 || len(e.Signals) != 0 || slices.ContainsFunc(p.Reasons, func(r Reason) bool { return r.Kind == ReasonRecommended }) {
		t.Errorf("Tobias with recommendations worth 0: %v %s %v, signals %+v, reasons %+v", p.Status, p.StatusLabel, p.StatusBasis, e.Signals, p.Reasons)
	}
}

// Explain's evidence still sums to the tie and its signals to the status under options that
// are not the defaults, and it reports the weights the scores used (SPEC §3.6).
func TestExplainAddsUpUnderOptions(t *testing.T) {
	opt := DefaultOptions()
	opt.Bases = Bases{Direct: 2, Group: 1.5, GroupOthers: 0.25, MaxParticipants: 20, Endorsement: 0.7, Recommendation: 3,
		Connection: 0.3, Invitation: 0.2, Manager: 2, Declared: 1.5}
	opt.Status.Endorsement, opt.Status.EndorsementsMax, opt.Status.Invitation, opt.Status.Recommendation = 15, 25, -5, 45
	opt.Influence = InfluenceWeights{PageRank: 0.1, Betweenness: 0.2, Seniority: 0.3, Degree: 0.4}
	for name, ds := range map[string]*importers.Dataset{
		"samples": samplesDataset(t),
		"generic": genericDataset(t, importers.Options{Me: "ana@example.com"}),
	} {
		r := mustScore(t, ds, opt)
		for _, p := range r.People {
			e, err := Explain(ds, opt, p.ID)
			if err != nil {
				t.Fatal(err)
			}
			if sum := evidenceSum(e); math.Abs(sum-p.Tie) > 1e-9 {
				t.Errorf("%s, %s: evidence sums to %v, tie %v", name, p.Name, sum, p.Tie)
			}
			h := 0
			for _, sg := range e.Signals {
				h += sg.Hundredths
			}
			if float64(h)/100 != p.Status && !(p.StatusLabel == Unknown && h == 0) {
				t.Errorf("%s, %s: signals sum to %d, status %v", name, p.Name, h, p.Status)
			}
			if e.InfluenceWeights != opt.Influence || e.ReachWeights != opt.Reach {
				t.Errorf("%s: explain's weights %+v %+v", p.Name, e.InfluenceWeights, e.ReachWeights)
			}
		}
	}
	// Maren's two endorsements: +0.15 each, at most +0.25.
	if m := byName(mustScore(t, samplesDataset(t), opt), "Maren Holtby"); m.Status != 0.25 || m.StatusLabel != "supporter" {
		t.Errorf("Maren %v %s, want +0.25 supporter", m.Status, m.StatusLabel)
	}
}

func evidenceSum(e *Explanation) float64 {
	sum := 0.0
	for _, ev := range e.Evidence {
		sum += ev.Weight
	}
	return sum
}

// Influence and reach are the weighted sums the options say: all the weight on seniority makes
// influence the seniority; all of it on reach2 makes reach the reach2.
func TestInfluenceReachWeights(t *testing.T) {
	opt := DefaultOptions()
	opt.Influence = InfluenceWeights{Seniority: 1}
	opt.Reach = ReachWeights{Reach2: 1}
	r := mustScore(t, loadSynthT(t, 300, 2500), opt)
	for _, p := range r.People {
		if p.Influence != p.Seniority || p.Reach != p.Reach2 {
			t.Fatalf("%s: influence %v, seniority %v; reach %v, reach2 %v", p.Name, p.Influence, p.Seniority, p.Reach, p.Reach2)
		}
	}
}

// The tiers' sizes, the dormant rule, the intro paths kept and the broadcast bound follow the
// options.
func TestTiersDormantPathsOptions(t *testing.T) {
	ds := loadSynthT(t, 300, 2500)
	opt := DefaultOptions()
	opt.Tiers.TrustedPartners, opt.Tiers.Friends = 5, 5
	opt.IntroPaths = 1
	r := mustScore(t, ds, opt)
	tiers := map[Tier]int{}
	for _, p := range r.People {
		tiers[p.Tier]++
		if len(p.IntroPaths) > 1 {
			t.Errorf("%s has %d intro paths, want at most 1", p.Name, len(p.IntroPaths))
		}
	}
	if tiers["trusted partner"] != 5 || tiers["friend"] != 0 {
		t.Errorf("tiers %v, want 5 trusted partners and no friend", tiers)
	}

	// Tobias is dormant (last contact over 90 days ago, importance ≥ 0.5): not when the bound
	// is a thousand days, nor when importance must reach 1.
	samples := samplesDataset(t)
	if !byName(mustScore(t, samples, DefaultOptions()), "Tobias Quell").Dormant {
		t.Fatal("Tobias is not dormant by default")
	}
	for _, d := range []DormantRule{{Days: 1000, Importance: 0.5}, {Days: 90, Importance: 1}} {
		opt := DefaultOptions()
		opt.Dormant = d
		if byName(mustScore(t, samples, opt), "Tobias Quell").Dormant {
			t.Errorf("Tobias dormant under %+v", d)
		}
	}

	// With two participants at most, the three people's thread is a broadcast: Tobias keeps
	// only his connection and the recommendation.
	opt = DefaultOptions()
	opt.Bases.MaxParticipants = 2
	r = mustScore(t, samples, opt)
	if tob := byName(r, "Tobias Quell"); math.Abs(tob.Tie-(0.1+5*0.05)) > 1e-12 || r.Coverage.Broadcasts == 0 {
		t.Errorf("Tobias's tie %v, broadcasts %d", tob.Tie, r.Coverage.Broadcasts)
	}

	// Kept none, intro paths are all missing (and counted so).
	if r := mustScore(t, samples, DefaultOptions()); r.Coverage.NoIntroPath == len(r.People) {
		t.Fatal("no one has an intro path by default")
	}
	opt = DefaultOptions()
	opt.IntroPaths = 0
	if r := mustScore(t, samples, opt); r.Coverage.NoIntroPath != len(r.People) {
		t.Errorf("%d of %d without an intro path when none are kept", r.Coverage.NoIntroPath, len(r.People))
	}
}

// holdTier drops a tier on the demoteAfter-th run in a row below it.
func TestHoldTierDemoteAfter(t *testing.T) {
	prev := TierState{Tier: "trusted partner", Below: 1}
	for demoteAfter, want := range map[int]TierState{1: {"acquaintance", 0}, 2: {"acquaintance", 0}, 3: {"trusted partner", 2}} {
		tier, below := holdTier("acquaintance", prev, demoteAfter)
		if (TierState{tier, below}) != want {
			t.Errorf("demote after %d: %s, %d; want %+v", demoteAfter, tier, below, want)
		}
	}
}

// Options out of range are refused by Score, NewTeamMaps and Explain, naming the option.
func TestInvalidOptions(t *testing.T) {
	for key, mutate := range map[string]func(o *Options){
		"half_life":               func(o *Options) { o.HalfLife = 0 },
		"bases.recommendation":    func(o *Options) { o.Bases.Recommendation = -1 },
		"bases.group_others":      func(o *Options) { o.Bases.GroupOthers = math.NaN() },
		"bases.max_participants":  func(o *Options) { o.Bases.MaxParticipants = 1 },
		"status.supporter":        func(o *Options) { o.Status.Supporter = 0 },
		"status.detractor":        func(o *Options) { o.Status.Detractor = 10 },
		"status.recommendation":   func(o *Options) { o.Status.Recommendation = 101 },
		"status.cooling":          func(o *Options) { o.Status.Cooling = 20 },
		"status.answers":          func(o *Options) { o.Status.Answers = -20 },
		"status.unanswered_below": func(o *Options) { o.Status.UnansweredBelow = 90 },
		"status.cooling_share":    func(o *Options) { o.Status.CoolingShare = 150 },
		"status.answer_days":      func(o *Options) { o.Status.AnswerDays = 0 },
		"status.invitation_days":  func(o *Options) { o.Status.InvitationDays = -1 },
		"influence":               func(o *Options) { o.Influence.Degree = 0.5 },
		"influence.pagerank":      func(o *Options) { o.Influence.PageRank = -0.35 },
		"reach":                   func(o *Options) { o.Reach.Harmonic = 0 },
		"tiers.friends":           func(o *Options) { o.Tiers.Friends = 10 },
		"tiers.min_tie":           func(o *Options) { o.Tiers.MinTie = -1 },
		"tiers.demote_after":      func(o *Options) { o.Tiers.DemoteAfter = 0 },
		"dormant.days":            func(o *Options) { o.Dormant.Days = -1 },
		"dormant.importance":      func(o *Options) { o.Dormant.Importance = 2 },
		"intro_paths":             func(o *Options) { o.IntroPaths = -1 },
	} {
		opt := DefaultOptions()
		mutate(&opt)
		check := func(what string, err error) {
			t.Helper()
			var oe *OptionError
			if !errors.As(err, &oe) || oe.Key != key || !strings.HasPrefix(err.Error(), "invalid model option "+key+": ") {
				t.Errorf("%s with a bad %s: %v", what, key, err)
			}
		}
		_, err := Score(samplesDataset(t), opt)
		check("Score", err)
		_, err = Explain(samplesDataset(t), opt, tobiasURL)
		check("Explain", err)
		_, err = scoreTeams(genericDataset(t, importers.Options{NoOwner: true}), opt, []string{"Data"})
		check("TeamMaps", err)
	}
}
