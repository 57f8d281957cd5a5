package analysis

import (
	"fmt"
	"math"

	"github.com/relmap/relmap/fold"
)

// Bases are the tie-strength bases of SPEC §3.1: what one unit of evidence adds to a pair
// before the row's own weight m and before decay. Each is ≥ 0; 0 makes that evidence add
// nothing.
type Bases struct {
	// Direct is a 1:1 message, e-mail, chat, call or meeting (two participants): 1.0.
	Direct float64 `yaml:"direct"`
	// Group is shared by the k participants of a group conversation (3 ≤ k ≤ MaxParticipants,
	// the sender included): Group/(k−1) between the sender and each other participant, and
	// between every two attendees of a meeting: 1.0.
	Group float64 `yaml:"group"`
	// GroupOthers/(k−1) is what a group conversation adds between two participants who are
	// not its sender: 0.5.
	GroupOthers float64 `yaml:"group_others"`
	// MaxParticipants is the most participants a conversation or meeting may have; more make
	// a broadcast, ignored for ties, status and last contact (counted in coverage): 20.
	MaxParticipants int `yaml:"max_participants"`
	// Endorsement and Recommendation are decayed, once per pair and day: 0.5 and 5.0.
	Endorsement    float64 `yaml:"endorsement"`
	Recommendation float64 `yaml:"recommendation"`
	// Connection (a LinkedIn connection), Invitation (an accepted one), Manager (a people
	// file's manager link) and Declared (a ties-file tie without a weight of its own) are
	// structural, never decayed: 0.1, 0.1, 1.0 and 1.0.
	Connection float64 `yaml:"connection"`
	Invitation float64 `yaml:"invitation"`
	Manager    float64 `yaml:"manager"`
	Declared   float64 `yaml:"declared"`
}

// StatusRules are the status signals, their windows and the labels' thresholds of SPEC §3.4.
// Signals and thresholds are whole hundredths so that sums and comparisons are exact: 25 is
// +0.25 on the status scale [−1, +1]. Positive signals are ≥ 0, negative ones ≤ 0, and a
// signal worth 0 is off: it never fires nor shows in status_basis. The fields tagged
// model:"hundredths" are written in the config in the SPEC's units (0.25).
type StatusRules struct {
	// Recommendation is added once when v recommended the ego: +60.
	Recommendation int `yaml:"recommendation" model:"hundredths"`
	// Endorsement is added per skill v endorsed the ego for, at most EndorsementsMax in all:
	// +20 each, at most +40.
	Endorsement     int `yaml:"endorsement" model:"hundredths"`
	EndorsementsMax int `yaml:"endorsements_max" model:"hundredths"`
	// Unanswered is added when the answer rate is under UnansweredBelow, Answers when it is
	// AnswersFrom or more: −40 under 30 (%), +15 from 80 (%). The rates are hundredths of
	// the ego's messages answered, compared exactly (100·answered < 30·asked).
	Unanswered      int `yaml:"unanswered" model:"hundredths"`
	UnansweredBelow int `yaml:"unanswered_below" model:"hundredths"`
	Answers         int `yaml:"answers" model:"hundredths"`
	AnswersFrom     int `yaml:"answers_from" model:"hundredths"`
	// Answered within AnswerDays days (14); asked in the last AskedDays days (180), at least
	// MinAsked times (3).
	AnswerDays int `yaml:"answer_days"`
	AskedDays  int `yaml:"asked_days"`
	MinAsked   int `yaml:"min_asked"`
	// Where v's habit with others is not in the data (a personal export), a low answer share
	// is not held against v when v never wrote to the ego before the answer window either
	// (older than AskedDays days) while the ego wrote to v at least MinEarlierAsked times:
	// silence is then v's habit with the ego, not a change (a busy senior's). 1 message.
	MinEarlierAsked int `yaml:"min_earlier_asked"`
	// Where the data shows v's answers to others too (at least MinOthersAsked of their
	// messages, an organisation's log), the ego's share is compared with v's own habit
	// instead of the fixed shares above: the shortfall, after the ego's share is drawn
	// toward the habit by AnswerPrior messages' worth, gives nothing up to
	// ShortfallTolerance hundredths, then Unanswered in proportion, in full at ShortfallFull
	// hundredths or more; a share of AnswersFrom or more that beats the habit gives Answers in
	// proportion to the lead, in full at LeadFull. 5 messages; a prior of 3; nothing up to
	// 15, in full at 50; in full at a lead of 25.
	MinOthersAsked     int `yaml:"min_others_asked"`
	AnswerPrior        int `yaml:"answer_prior"`
	ShortfallTolerance int `yaml:"shortfall_tolerance" model:"hundredths"`
	ShortfallFull      int `yaml:"shortfall_full" model:"hundredths"`
	LeadFull           int `yaml:"lead_full" model:"hundredths"`
	// Initiative is added in proportion to how far the share of the threads with the ego that
	// v opened (at least MinInitiative threads) is above the median over the ego's contacts,
	// in full at InitiativeLeadFull hundredths above it: +20 (alone, under a supporter), 4 threads, in full at 30.
	// v opening none is not negative on its own.
	Initiative         int `yaml:"initiative" model:"hundredths"`
	MinInitiative      int `yaml:"min_initiative"`
	InitiativeLeadFull int `yaml:"initiative_lead_full" model:"hundredths"`
	// Inclusion is added in proportion to how many more of v's group messages bring the ego
	// in (at least MinInclusion) than the median over the ego's contacts, in full at
	// InclusionFull more: +20, 3, in full at 3 more.
	Inclusion     int `yaml:"inclusion" model:"hundredths"`
	MinInclusion  int `yaml:"min_inclusion"`
	InclusionFull int `yaml:"inclusion_full"`
	// Exclusion is added when v met two or more members of the ego's team in a group without
	// the ego on at least MinExclusion days in the last AskedDays days while never meeting the
	// ego in a group or bringing them in (a one-person map with a known team): a third of it
	// at MinExclusion, in full ExclusionFull − 1 days more: −20, 3, 3. Like silence, it never
	// makes a detractor alone.
	Exclusion     int `yaml:"exclusion" model:"hundredths"`
	MinExclusion  int `yaml:"min_exclusion"`
	ExclusionFull int `yaml:"exclusion_full"`
	// Cooling is added when v's interactions with the ego in the last CoolingDays days are
	// under CoolingShare hundredths of those in the CoolingDays before, with at least
	// CoolingMinBefore before: −20 when under 50 (half) over 90 days, with at least 4.
	Cooling          int `yaml:"cooling" model:"hundredths"`
	CoolingShare     int `yaml:"cooling_share" model:"hundredths"`
	CoolingDays      int `yaml:"cooling_days"`
	CoolingMinBefore int `yaml:"cooling_min_before"`
	// Invitation is added when an invitation the ego sent is still unaccepted after
	// InvitationDays days: −10 after 30.
	Invitation     int `yaml:"invitation" model:"hundredths"`
	InvitationDays int `yaml:"invitation_days"`
	// MinSentiments is how many interactions with the ego must carry a sentiment before their
	// mean counts: 2.
	MinSentiments int `yaml:"min_sentiments"`
	// Supporter and Detractor are the labels' thresholds: supporter at +25 or more, detractor
	// at −25 or less, neutral between (0 is always neutral). Silence alone (cooling, a
	// pending invitation) holds status at Detractor+1 at the lowest.
	Supporter int `yaml:"supporter" model:"hundredths"`
	Detractor int `yaml:"detractor" model:"hundredths"`
}

// InfluenceWeights weigh influence's terms (SPEC §3.4): influence = PageRank·pct(pagerank) +
// Betweenness·pct(betweenness) + Seniority·seniority + Degree·pct(degree). Each is ≥ 0 and
// they sum to 1, so influence stays in [0, 1]: 0.35, 0.25, 0.25 and 0.15.
type InfluenceWeights struct {
	PageRank    float64 `yaml:"pagerank"`
	Betweenness float64 `yaml:"betweenness"`
	Seniority   float64 `yaml:"seniority"`
	Degree      float64 `yaml:"degree"`
}

// ReachWeights weigh reach's terms (SPEC §3.4): reach = Reach2·reach2 +
// EffectiveSize·pct(effective_size) + Harmonic·pct(harmonic). Each is ≥ 0 and they sum to 1:
// 0.5, 0.25 and 0.25.
type ReachWeights struct {
	Reach2        float64 `yaml:"reach2"`
	EffectiveSize float64 `yaml:"effective_size"`
	Harmonic      float64 `yaml:"harmonic"`
}

// TierRules are the portfolio tiers of SPEC §3.4 over everyone with a tie to the ego, ranked
// by tie: ranks 1–TrustedPartners are trusted partners, up to Friends friends (Dunbar's 15 and
// 50 layers), the rest acquaintances; a tie under MinTie (0.5) is never above acquaintance.
// With run history a person is demoted only after DemoteAfter runs in a row below their tier
// (2).
type TierRules struct {
	TrustedPartners int     `yaml:"trusted_partners"`
	Friends         int     `yaml:"friends"`
	MinTie          float64 `yaml:"min_tie"`
	DemoteAfter     int     `yaml:"demote_after"`
}

// DormantRule says when a tie is dormant, at risk (SPEC §3.4): the last contact more than Days
// days before the as-of day (90) while importance is Importance or more (0.5, in [0, 1]).
type DormantRule struct {
	Days       int     `yaml:"days"`
	Importance float64 `yaml:"importance"`
}

// OptionError reports a model option outside its range. Key names the option as the config
// file does under model: ("status.supporter", "influence"), so that a message reads the same
// from the API and from relmap.yaml.
type OptionError struct {
	Key string
	Err error
}

func (e *OptionError) Error() string { return fmt.Sprintf("invalid model option %s: %v", e.Key, e.Err) }
func (e *OptionError) Unwrap() error { return e.Err }

// Validate reports the first model option outside its range as an *OptionError. Score,
// NewTeamMaps and Explain refuse options that do not validate.
func (o *Options) Validate() error {
	// In the order the config lists them: the first bad option is the one reported.
	for _, check := range []func() error{o.validateDecay, o.Bases.validate, o.Status.validate, o.validateWeights, o.validateRest} {
		if err := check(); err != nil {
			return err
		}
	}
	return nil
}

// badOption is an *OptionError for the option key.
func badOption(key, format string, args ...any) error {
	return &OptionError{Key: key, Err: fmt.Errorf(format, args...)}
}

// validateDecay checks the decay, the influence line and the sampling bounds.
func (o *Options) validateDecay() error {
	// !(x >= lo) also refuses NaN.
	if !(o.HalfLife > 0) || math.IsInf(o.HalfLife, 1) {
		return badOption("half_life", "%v days, want more than 0", o.HalfLife)
	}
	if !(o.Floor >= 0 && o.Floor <= 1) {
		return badOption("floor", "%v, want within [0, 1]", o.Floor)
	}
	if o.Floor != 0 && o.Floor < fold.MinWeight {
		// What decays to under the sum's resolution (2⁻⁶⁴) adds nothing: keep the floor where
		// evidence at the floor still counts.
		return badOption("floor", "%v, want 0 or from 1e-6 to 1", o.Floor)
	}
	if !(o.HighQuantile >= 0 && o.HighQuantile <= 1) {
		return badOption("high_quantile", "%v, want within [0, 1]", o.HighQuantile)
	}
	if o.ExactLimit < 0 {
		return badOption("exact_limit", "%d, want 0 or more", o.ExactLimit)
	}
	if o.SampleBudget < 0 {
		return badOption("sample_budget", "%d, want 0 (no limit) or more", o.SampleBudget)
	}
	return nil
}

// validate checks the tie-strength bases and the broadcast bound.
func (b Bases) validate() error {
	for _, x := range []struct {
		key string
		v   float64
	}{{"direct", b.Direct}, {"group", b.Group}, {"group_others", b.GroupOthers}, {"endorsement", b.Endorsement},
		{"recommendation", b.Recommendation}, {"connection", b.Connection}, {"invitation", b.Invitation},
		{"manager", b.Manager}, {"declared", b.Declared}} {
		if !(x.v >= 0) || math.IsInf(x.v, 1) {
			return badOption("bases."+x.key, "%v, want a number ≥ 0", x.v)
		}
		if x.v != 0 && (x.v < fold.MinWeight || x.v > fold.MaxWeight) {
			return badOption("bases."+x.key, "%v, want 0 or a number from %s (the weights a tie can sum)", x.v, fold.WeightRange)
		}
	}
	if b.MaxParticipants < 2 {
		return badOption("bases.max_participants", "%d, want 2 or more (a 1:1 has two)", b.MaxParticipants)
	}
	if b.MaxParticipants > fold.MaxParticipants {
		return badOption("bases.max_participants", "%d, want at most %d", b.MaxParticipants, fold.MaxParticipants)
	}
	return nil
}

// validate checks the status signals' weights, windows, minimums and thresholds.
func (st StatusRules) validate() error {
	for _, x := range []struct {
		key  string
		v    int
		sign int
	}{{"recommendation", st.Recommendation, 1}, {"endorsement", st.Endorsement, 1}, {"endorsements_max", st.EndorsementsMax, 1},
		{"answers", st.Answers, 1}, {"unanswered", st.Unanswered, -1}, {"cooling", st.Cooling, -1}, {"invitation", st.Invitation, -1},
		{"initiative", st.Initiative, 1}, {"inclusion", st.Inclusion, 1}, {"exclusion", st.Exclusion, -1}} {
		switch {
		case x.v < -100 || x.v > 100:
			return badOption("status."+x.key, "%s, want within [−1, +1]", signed(x.v))
		case x.sign > 0 && x.v < 0:
			return badOption("status."+x.key, "%s, want 0 or more: the signal speaks for a supporter", signed(x.v))
		case x.sign < 0 && x.v > 0:
			return badOption("status."+x.key, "%s, want 0 or less: the signal speaks for a detractor", signed(x.v))
		}
	}
	if st.Supporter <= 0 || st.Supporter > 100 {
		return badOption("status.supporter", "%s, want within (0, +1]: no evidence (0) is neutral", signed(st.Supporter))
	}
	if st.Detractor >= 0 || st.Detractor < -100 {
		return badOption("status.detractor", "%s, want within [−1, 0): no evidence (0) is neutral", signed(st.Detractor))
	}
	for _, x := range []struct {
		key string
		v   int
	}{{"unanswered_below", st.UnansweredBelow}, {"answers_from", st.AnswersFrom}, {"cooling_share", st.CoolingShare}} {
		if x.v < 0 || x.v > 100 {
			return badOption("status."+x.key, "%.2f, want a share within [0, 1]", float64(x.v)/100)
		}
	}
	if st.UnansweredBelow > st.AnswersFrom {
		return badOption("status.unanswered_below", "%.2f is above answers_from (%.2f): a rate would be both unanswered and answered", float64(st.UnansweredBelow)/100, float64(st.AnswersFrom)/100)
	}
	for _, x := range []struct {
		key string
		v   int
	}{{"answer_days", st.AnswerDays}, {"asked_days", st.AskedDays}, {"min_asked", st.MinAsked}, {"min_earlier_asked", st.MinEarlierAsked}, {"cooling_days", st.CoolingDays},
		{"cooling_min_before", st.CoolingMinBefore}, {"min_sentiments", st.MinSentiments}} {
		if x.v < 1 {
			return badOption("status."+x.key, "%d, want 1 or more", x.v)
		}
	}
	for _, x := range []struct {
		key string
		v   int
	}{{"shortfall_full", st.ShortfallFull}, {"lead_full", st.LeadFull}, {"initiative_lead_full", st.InitiativeLeadFull}} {
		if x.v <= 0 || x.v > 100 {
			return badOption("status."+x.key, "%.2f, want a share within (0, 1]", float64(x.v)/100)
		}
	}
	if st.ShortfallTolerance < 0 || st.ShortfallTolerance >= st.ShortfallFull {
		return badOption("status.shortfall_tolerance", "%.2f, want 0 or more and under shortfall_full (%.2f)", float64(st.ShortfallTolerance)/100, float64(st.ShortfallFull)/100)
	}
	for _, x := range []struct {
		key string
		v   int
	}{{"min_others_asked", st.MinOthersAsked}, {"min_initiative", st.MinInitiative}, {"min_inclusion", st.MinInclusion}, {"inclusion_full", st.InclusionFull},
		{"min_exclusion", st.MinExclusion}, {"exclusion_full", st.ExclusionFull}} {
		if x.v < 1 {
			return badOption("status."+x.key, "%d, want 1 or more", x.v)
		}
	}
	if st.AnswerPrior < 0 {
		return badOption("status.answer_prior", "%d, want 0 or more", st.AnswerPrior)
	}
	if st.InvitationDays < 0 {
		return badOption("status.invitation_days", "%d, want 0 or more", st.InvitationDays)
	}
	return nil
}

// validateWeights checks influence's and reach's weights.
func (o *Options) validateWeights() error {
	if err := weights("influence", []string{"pagerank", "betweenness", "seniority", "degree"},
		[]float64{o.Influence.PageRank, o.Influence.Betweenness, o.Influence.Seniority, o.Influence.Degree}); err != nil {
		return err
	}
	return weights("reach", []string{"reach2", "effective_size", "harmonic"},
		[]float64{o.Reach.Reach2, o.Reach.EffectiveSize, o.Reach.Harmonic})
}

// validateRest checks the tiers, the dormant rule and the intro paths.
func (o *Options) validateRest() error {
	t := o.Tiers
	if t.TrustedPartners < 0 {
		return badOption("tiers.trusted_partners", "%d, want 0 or more", t.TrustedPartners)
	}
	if t.Friends < t.TrustedPartners {
		return badOption("tiers.friends", "%d is under trusted_partners (%d): friends are the ranks after the trusted partners, up to this one", t.Friends, t.TrustedPartners)
	}
	if !(t.MinTie >= 0) || math.IsInf(t.MinTie, 1) {
		return badOption("tiers.min_tie", "%v, want a number ≥ 0", t.MinTie)
	}
	if t.DemoteAfter < 1 {
		return badOption("tiers.demote_after", "%d runs, want 1 or more", t.DemoteAfter)
	}
	if o.Dormant.Days < 0 {
		return badOption("dormant.days", "%d, want 0 or more", o.Dormant.Days)
	}
	if !(o.Dormant.Importance >= 0 && o.Dormant.Importance <= 1) {
		return badOption("dormant.importance", "%v, want within [0, 1]", o.Dormant.Importance)
	}
	if o.IntroPaths < 0 {
		return badOption("intro_paths", "%d, want 0 or more", o.IntroPaths)
	}
	return nil
}

// weights checks that a score's weights are each ≥ 0 and sum to 1 (within rounding), so that
// the score stays in [0, 1].
func weights(group string, keys []string, ws []float64) error {
	sum := 0.0
	for i, w := range ws {
		if !(w >= 0 && w <= 1) {
			return &OptionError{Key: group + "." + keys[i], Err: fmt.Errorf("%v, want within [0, 1]", w)}
		}
		sum += w
	}
	if math.Abs(sum-1) > 1e-9 {
		return &OptionError{Key: group, Err: fmt.Errorf("the weights sum to %.6g, want 1 so that %s stays within [0, 1]", sum, group)}
	}
	return nil
}

// signed writes hundredths on the status scale: 25 is "+0.25".
func signed(hundredths int) string { return fmt.Sprintf("%+.2f", float64(hundredths)/100) }
