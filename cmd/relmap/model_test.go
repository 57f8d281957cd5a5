package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/relmap/relmap/analysis"
)

func writeConfig(t *testing.T, text string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "relmap.yaml")
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// The model's weights and thresholds in relmap.yaml reach analysis.Options: status values and
// shares in the SPEC's units become hundredths, an explicit 0 is taken, and every key left out
// keeps its default.
func TestConfigModelKnobs(t *testing.T) {
	c, err := loadConfig(writeConfig(t, `model:
  bases: {recommendation: 0, group_others: 0.25, max_participants: 12}
  status: {supporter: 0.3, detractor: -0.35, invitation: 0, unanswered_below: 0.29, cooling_days: 60}
  influence: {pagerank: 0.4, degree: 0.1}
  reach: {reach2: 0.6, harmonic: 0.15}
  tiers: {trusted_partners: 5, friends: 150, min_tie: 1.5, demote_after: 3}
  dormant: {days: 120, importance: 0.6}
  intro_paths: 1
`))
	if err != nil {
		t.Fatal(err)
	}
	want := analysis.DefaultOptions()
	want.Bases.Recommendation, want.Bases.GroupOthers, want.Bases.MaxParticipants = 0, 0.25, 12
	want.Status.Supporter, want.Status.Detractor, want.Status.Invitation, want.Status.UnansweredBelow, want.Status.CoolingDays = 30, -35, 0, 29, 60
	want.Influence.PageRank, want.Influence.Degree = 0.4, 0.1
	want.Reach.Reach2, want.Reach.Harmonic = 0.6, 0.15
	want.Tiers = analysis.TierRules{TrustedPartners: 5, Friends: 150, MinTie: 1.5, DemoteAfter: 3}
	want.Dormant = analysis.DormantRule{Days: 120, Importance: 0.6}
	want.IntroPaths = 1
	if d := cmp.Diff(want, c.analysisOptions()); d != "" {
		t.Errorf("options (-want +got):\n%s", d)
	}
}

// --print-config shows every weight and threshold at its default, and the printed config reads
// back to the same options.
func TestPrintConfigModelDefaults(t *testing.T) {
	got := runOK(t, "run", "--print-config")
	for _, want := range []string{
		"  bases:\n    direct: 1.0\n", "    recommendation: 5.0\n", "    max_participants: 20\n",
		"  status:\n    recommendation: 0.6\n", "    supporter: 0.25\n", "    detractor: -0.25\n", "    answers_from: 0.8\n", "    asked_days: 180\n",
		"  influence:\n    pagerank: 0.35\n    betweenness: 0.25\n    seniority: 0.25\n    degree: 0.15\n",
		"  reach:\n    reach2: 0.5\n    effective_size: 0.25\n    harmonic: 0.25\n",
		"  tiers:\n    trusted_partners: 15\n    friends: 50\n    min_tie: 0.5\n    demote_after: 2\n",
		"  dormant:\n    days: 90\n    importance: 0.5\n  intro_paths: 3\n",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("--print-config lacks %q", want)
		}
	}
	c, err := loadConfig(writeConfig(t, got))
	if err != nil {
		t.Fatalf("the printed config does not read back: %v", err)
	}
	if d := cmp.Diff(analysis.DefaultOptions(), c.analysisOptions()); d != "" {
		t.Errorf("the printed config reads back to other options (-want +got):\n%s", d)
	}
}

// A weight or threshold out of range is refused, with the file and the key.
func TestConfigModelInvalid(t *testing.T) {
	for yaml, want := range map[string]string{
		"status: {supporter: 0.255}":                "model.status.supporter: 0.255 is not a whole number of hundredths",
		"status: {supporter: 1.5}":                  "model.status.supporter: 1.5 is outside [−1, +1]",
		"status: {supporter: -0.1}":                 "model.status.supporter: -0.10, want within (0, +1]",
		"status: {cooling: 0.2}":                    "model.status.cooling: +0.20, want 0 or less",
		"status: {unanswered_below: 0.9}":           "model.status.unanswered_below: 0.90 is above answers_from (0.80)",
		"status: {min_asked: 0}":                    "model.status.min_asked: 0, want 1 or more",
		"bases: {recommendation: -5}":               "model.bases.recommendation: -5, want a number ≥ 0",
		"bases: {max_participants: 1}":              "model.bases.max_participants: 1, want 2 or more",
		"influence: {betweenness: 0}":               "model.influence: the weights sum to 0.75, want 1",
		"reach: {reach2: 0.75}":                     "model.reach: the weights sum to 1.25, want 1",
		"tiers: {friends: 10}":                      "model.tiers.friends: 10 is under trusted_partners (15)",
		"tiers: {demote_after: 0}":                  "model.tiers.demote_after: 0 runs, want 1 or more",
		"dormant: {importance: 1.5}":                "model.dormant.importance: 1.5, want within [0, 1]",
		"intro_paths: -1":                           "model.intro_paths: -1, want 0 or more",
		"floor: 1e-25":                              "model.floor: 1e-25, want 0 or from 1e-6 to 1",
		"bases: {direct: 1e-20}":                    "model.bases.direct: 1e-20, want 0 or a number from 1e-6 to 1e6",
		"bases: {declared: 3e19}":                   "model.bases.declared: 3e+19, want 0 or a number from 1e-6 to 1e6",
		"bases: {max_participants: 2000000}":        "model.bases.max_participants: 2000000, want at most 1000000",
		"influence: {pagerank: 0.45, degree: 0.05}": "", // still sums to 1: valid
		// Keys are the analysis types' yaml tags: anything else is named with the keys there are.
		"bases: {direkt: 1}":              "model.bases.direkt: not a key of model.bases (its keys: direct, group, group_others, max_participants,",
		"status: {supporter: abc}":        `model.status.supporter: "abc" is not a number`,
		"tiers: {friends: 25.5}":          "model.tiers.friends: 25.5, want a whole number",
		"status: {min_asked: 9999999999}": "model.status.min_asked: 9.999999999e+09, want a whole number within",
		"status: {supporter: \"0.5\"}":    "", // a number in quotes is still a number
	} {
		path := writeConfig(t, "model:\n  "+yaml+"\n")
		_, err := loadConfig(path)
		if want == "" {
			if err != nil {
				t.Errorf("%s: %v", yaml, err)
			}
			continue
		}
		// The key's line and column in the file: the model's keys are on line 2.
		if err == nil || !regexp.MustCompile(`^`+regexp.QuoteMeta(path)+`:2:\d+: `).MatchString(err.Error()) || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: %v\nwant %s:2:COL: %s…", yaml, err, path, want)
		}
		if _, ok := err.(usageError); !ok {
			t.Errorf("%s: %T, want a usage error (exit 2)", yaml, err)
		}
	}
}

// A knob in the config changes the run: with supporters at +0.5, Maren's two endorsements
// (+0.4) make her neutral, so the champion of testdata/cli/run-config becomes key to engage.
func TestConfigModelChangesRun(t *testing.T) {
	samples, err := filepath.Abs("../../testdata/linkedin/samples")
	if err != nil {
		t.Fatal(err)
	}
	base := "team: [https://www.linkedin.com/in/tobiasquell]\ninputs: [{path: " + samples + "}]\n"
	out := t.TempDir()
	if got := runOK(t, "run", "--config", writeConfig(t, base), "--out", out); !strings.Contains(got, "Maren Holtby — champion") {
		t.Fatalf("by default Maren is not a champion:\n%s", got)
	}
	got := runOK(t, "run", "--config", writeConfig(t, base+"model:\n  status:\n    supporter: 0.5\n"), "--out", out)
	if !strings.Contains(got, "Maren Holtby — key to engage") {
		t.Errorf("with supporter: 0.5 Maren is not key to engage:\n%s", got)
	}
}
