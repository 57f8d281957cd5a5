package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/relmap/relmap/analysis"
	"github.com/relmap/relmap/importers"
	"github.com/relmap/relmap/reports"
)

// replay is run.json: what a run read, so that `relmap explain` can read it again. It holds
// paths and options, never data.
type replay struct {
	Demo   bool          `json:"demo,omitempty"`
	Inputs []inputConfig `json:"inputs,omitempty"`
	Config string        `json:"config,omitempty"`
	Me     string        `json:"me,omitempty"`
	Ego    string        `json:"ego,omitempty"`

	Pseudonymized bool   `json:"pseudonymized,omitempty"`
	AsOf          string `json:"as_of,omitempty"`
	TZ            string `json:"tz,omitempty"`

	pipes map[string]string // the digests of INPUTs that were pipes, by absolute path (pipeDigests)
}

func absPath(p string) string {
	if p == "" {
		return ""
	}
	if a, err := filepath.Abs(p); err == nil {
		return a
	}
	return p
}

func absInputs(in []inputConfig) []inputConfig {
	out := make([]inputConfig, len(in))
	for i, x := range in {
		out[i] = x
		out[i].Path = absPath(x.Path)
	}
	return out
}

func explainCommand(stdout, stderr io.Writer) *cobra.Command {
	var out string
	cmd := &cobra.Command{
		Use:   "explain PERSON [--out DIR]",
		Short: "Print the whole breakdown of one person's scores",
		Long: `Read the last run's inputs again (DIR/latest/run.json says which) and print, for the
person named — by id, e-mail, profile URL or name — every piece of evidence between you
with its weight, every metric with its percentile, and every signal of their status.`,
		Example: `  relmap explain "Maren Holtby"
  relmap explain cb6ec2f3f995 --out ~/relmap`,
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) != 1 {
				return usageError{err: errors.New("explain needs one PERSON: an id, e-mail, profile URL or name")}
			}
			b, err := os.ReadFile(filepath.Join(out, "latest", "run.json"))
			if err != nil {
				return fmt.Errorf("no run to explain in %s (run relmap run --out %s first): %w", out, out, unwrapPath(err))
			}
			var rp replay
			if err := json.Unmarshal(b, &rp); err != nil {
				return fmt.Errorf("%s: %w", filepath.Join(out, "latest", "run.json"), err)
			}
			if rp.Pseudonymized {
				return errors.New("the last run was pseudonymized: explain names people, so it explains runs made without --pseudonymize")
			}
			if rp.Ego != "" {
				return fmt.Errorf("the last run mapped %s; explain works on one person's map for now", rp.Ego)
			}
			f := jobFlags{config: rp.Config, me: rp.Me, asOf: rp.AsOf, tz: rp.TZ}
			opt, err := f.prepare(cmd)
			if err != nil {
				return err
			}
			var srcs []importers.Source
			if rp.Demo {
				src, err := demoSource()
				if err != nil {
					return err
				}
				srcs = append(srcs, src)
			}
			for _, in := range rp.Inputs {
				// A pipe was read once by the run: opening it again would wait for a writer.
				if st, err := os.Stat(in.Path); err == nil && st.Mode()&fs.ModeNamedPipe != 0 {
					return fmt.Errorf("the last run read %s, a pipe, which cannot be read again: run relmap again on the inputs as files to explain from them", in.Path)
				}
			}
			opened, closeAll, err := openInputs(rp.Inputs, f.cfg.Limits, out, f.log)
			defer closeAll()
			if err != nil {
				return fmt.Errorf("the last run's input is gone: %w", err)
			}
			srcs = append(srcs, opened...)
			ds, err := importers.Load(srcs, opt)
			if err != nil {
				return inFlags(err)
			}
			e, err := analysis.Explain(ds, f.cfg.analysisOptions(), args[0])
			if err != nil {
				return inFlags(err)
			}
			printExplanation(stdout, e, ds)
			return nil
		},
	}
	cmd.Flags().StringVar(&out, "out", "out", "the output folder of the run to explain")
	return cmd
}

// printExplanation writes the breakdown in the order the scores are built (SPEC §3).
func printExplanation(w io.Writer, e *analysis.Explanation, ds *importers.Dataset) {
	p := &e.Person
	n := reports.Number
	fmt.Fprintf(w, "%s (%s)", p.Name, p.ID)
	if p.Company != "" || p.Title != "" {
		fmt.Fprintf(w, " — %s", strings.Trim(p.Title+", "+p.Company, ", "))
	}
	fmt.Fprintln(w)
	switch e.Level {
	case "ego":
		fmt.Fprintln(w, "this is you: the map is drawn around you")
		return
	case "team":
		fmt.Fprintln(w, "on your team (level 1): never ranked")
	case "ignored":
		fmt.Fprintln(w, "ignored by the config's rules: in the graph, never ranked")
	default:
		fmt.Fprintf(w, "rank %d of %d · %s · %s · %s\n", p.Rank, e.Ranked, p.Zone, p.Category, orDash(string(p.Tier)))
	}
	pc := e.Percentiles
	fmt.Fprintf(w, "\nimportance %s = mean of frequency pct(tie %s) %s, interconnectedness (embeddedness) %s, sway (influence) %s\n",
		n(p.Importance), n(p.Tie), n(pc["tie"]), n(e.Embedded), n(p.Influence))
	if p.InfluenceDeclared {
		fmt.Fprintf(w, "influence %s, declared in your annotations\n", n(p.Influence))
	} else {
		phrase := "no seniority word"
		if e.Seniority != "" {
			phrase = fmt.Sprintf("%q", e.Seniority)
		}
		iw := e.InfluenceWeights
		fmt.Fprintf(w, "influence %s = %s × pct(pagerank %s) %s + %s × pct(betweenness %s) %s + %s × seniority %s (%s) + %s × pct(degree %d) %s\n",
			n(p.Influence), n(iw.PageRank), n(p.PageRank), n(pc["pagerank"]), n(iw.Betweenness), n(p.Betweenness), n(pc["betweenness"]),
			n(iw.Seniority), n(p.Seniority), phrase, n(iw.Degree), p.Degree, n(pc["degree"]))
	}
	high := "low"
	if p.Influence >= e.HighFrom {
		high = "high"
	}
	fmt.Fprintf(w, "  → %s influence: high starts at %s, the %s quantile of the ranked\n", high, n(e.HighFrom), n(e.Quantile))
	rw := e.ReachWeights
	fmt.Fprintf(w, "reach %s = %s × reach2 %s + %s × pct(effective size %s) %s + %s × pct(harmonic %s) %s\n",
		n(p.Reach), n(rw.Reach2), n(p.Reach2), n(rw.EffectiveSize), orDash(n(p.EffectiveSize)), n(pc["effective_size"]),
		n(rw.Harmonic), n(p.Harmonic), n(pc["harmonic"]))
	if p.StatusLabel == analysis.Unknown {
		fmt.Fprintln(w, "status unknown: no signal has enough evidence (answers to 3 of your messages, 4 threads, 3 group messages …)")
	} else {
		fmt.Fprintf(w, "status %+.2f, %s\n", p.Status, p.StatusLabel)
	}
	if len(e.Signals) == 0 && p.StatusLabel != analysis.Unknown {
		fmt.Fprintln(w, "  no signal fired")
	}
	for _, s := range e.Signals {
		fmt.Fprintf(w, "  %-15s %+.2f  %s\n", s.Name, float64(s.Hundredths)/100, signalText(s, e.StatusRules))
	}
	if len(e.StatusEvidence) > 0 {
		fmt.Fprintf(w, "  the evidence alone (your annotation wins) says:\n")
		for _, s := range e.StatusEvidence {
			fmt.Fprintf(w, "    %-13s %+.2f  %s\n", s.Name, float64(s.Hundredths)/100, signalText(s, e.StatusRules))
		}
	}
	fmt.Fprintf(w, "\ntie %s, from %d pieces of evidence:\n", n(p.Tie), len(e.Evidence))
	for _, ev := range e.Evidence {
		day := "undated   "
		if !ev.Day.IsZero() {
			day = ev.Day.Format("2006-01-02")
		}
		fmt.Fprintf(w, "  %s  %-28s %s × %s = %s\n", day, evidenceText(ev), n(ev.Base), n(ev.Decay), n(ev.Weight))
	}
	fmt.Fprintf(w, "\naround you (the graph without you): degree %d, strength %s, pagerank %s, betweenness %s, harmonic %s, reach2 %s, constraint %s, effective size %s, community %s\n",
		p.Degree, n(p.Strength), n(p.PageRank), n(p.Betweenness), n(p.Harmonic), n(p.Reach2), orDash(n(p.Constraint)), orDash(n(p.EffectiveSize)), orDash(p.Community))
	if len(p.IntroPaths) == 0 {
		fmt.Fprintln(w, "intro paths: none through people you know")
	}
	for i, ip := range p.IntroPaths {
		fmt.Fprintf(w, "intro path %d: %s\n", i+1, reports.PathText(ip))
	}
	last := "never"
	if !p.LastContact.IsZero() {
		last = p.LastContact.Format("2006-01-02")
	}
	asOf := "as of " + ds.AsOf.Format("2006-01-02")
	if ds.Coverage.Undated {
		asOf = "undated: no time-based signal"
	}
	fmt.Fprintf(w, "last contact %s · dormant %v · %s\n", last, p.Dormant, asOf)
	if why := reports.Why(p.Reasons); why != "" {
		fmt.Fprintf(w, "why: %s\n", why)
	}
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// signalText says what one status signal rests on, with the rules' numbers.
func signalText(s analysis.Signal, rules analysis.StatusRules) string {
	signed := func(hundredths int) string { return fmt.Sprintf("%+.2f", float64(hundredths)/100) }
	month := s.Since.Format("Jan 2006")
	switch s.Name {
	case "declared":
		return "your annotation"
	case "sentiment":
		return fmt.Sprintf("mean over %d interactions", s.N)
	case "recommendation":
		return "they recommended you"
	case "endorsements":
		return fmt.Sprintf("%d endorsements, %s each, at most %s", s.N, signed(rules.Endorsement), signed(rules.EndorsementsMax))
	case "answers", "unanswered":
		text := fmt.Sprintf("answered %d of your %d messages within %d days", s.N, s.Of, rules.AnswerDays)
		if s.Name == "unanswered" {
			text = fmt.Sprintf("answered %d of your %d messages since %s", s.N, s.Of, month)
		}
		if !math.IsNaN(s.Habit) {
			return text + fmt.Sprintf("; they answer %d %% of others' 1:1 messages, and the gap decides", int(math.Round(100*s.Habit)))
		}
		return text + fmt.Sprintf("; their habit with others is not in the data, so the fixed shares decide (under %d %%, from %d %%)", rules.UnansweredBelow, rules.AnswersFrom)
	case "initiative":
		return fmt.Sprintf("they opened %d of the %d threads between you; your contacts open %d %% at the median", s.N, s.Of, int(math.Round(100*s.Median)))
	case "inclusion":
		return fmt.Sprintf("%d of their group messages brought you in; your contacts' median is %g", s.N, s.Median)
	case "exclusion":
		return fmt.Sprintf("they met two or more of your team in a group without you on %d days of the last %d, and never you", s.N, rules.AskedDays)
	case "cooling":
		return fmt.Sprintf("%d interactions in the last %d days, %d in the %d before", s.N, rules.CoolingDays, s.Of, rules.CoolingDays)
	case "invitation":
		return "your invitation pending since " + month
	case "silence":
		return fmt.Sprintf("answered %d of your %d messages since %s, and never wrote to you before (%d earlier messages of yours): "+
			"silence is their habit with you, not a change, so it is not held against them (their habit with others is not in the data)",
			s.N, s.Of, month, s.Earlier)
	case "bound":
		return "status stays within −1 … +1, and silence alone (cooling, a pending invitation) one hundredth above a detractor"
	}
	return ""
}

// evidenceText names one piece of evidence: its channel, with the people of a group ("meeting
// (4 people)"), or the kind of tie.
func evidenceText(ev analysis.Evidence) string {
	switch {
	case ev.Channel != "" && ev.People > 2:
		return fmt.Sprintf("%s (%d people)", ev.Channel, ev.People)
	case ev.Channel != "":
		return ev.Channel
	case ev.Tie == importers.Invitation:
		return "accepted invitation"
	}
	return ev.Tie.String()
}
