package main

import (
	"errors"
	"fmt"
	"math"

	"github.com/relmap/relmap/analysis"
)

// The weights and thresholds of the scoring model under model: in relmap.yaml (SPEC §3.1,
// §3.4, §5), in the SPEC's units: status signals and their thresholds within [−1, +1], shares
// within [0, 1] — both whole hundredths, as analysis counts status — days, counts and bases as
// numbers. A key left out keeps its default; a key given is taken as it is, 0 included (a
// status signal of 0 is off). docs/config.md lists them all.

// basesConfig is model.bases: the tie-strength bases of SPEC §3.1 (analysis.Bases).
type basesConfig struct {
	Direct          *float64 `yaml:"direct,omitempty"`           // a 1:1 message, e-mail, call or meeting (1.0)
	Group           *float64 `yaml:"group,omitempty"`            // ÷(k−1) sender ↔ each other, and between attendees (1.0)
	GroupOthers     *float64 `yaml:"group_others,omitempty"`     // ÷(k−1) between a group message's recipients (0.5)
	MaxParticipants *int     `yaml:"max_participants,omitempty"` // more make a broadcast (20)
	Endorsement     *float64 `yaml:"endorsement,omitempty"`      // decayed (0.5)
	Recommendation  *float64 `yaml:"recommendation,omitempty"`   // decayed (5.0)
	Connection      *float64 `yaml:"connection,omitempty"`       // structural (0.1)
	Invitation      *float64 `yaml:"invitation,omitempty"`       // an accepted invitation, structural (0.1)
	Manager         *float64 `yaml:"manager,omitempty"`          // a manager link, structural (1.0)
	Declared        *float64 `yaml:"declared,omitempty"`         // a declared tie without a weight, structural (1.0)
}

// statusConfig is model.status: the status signals, windows and labels of SPEC §3.4
// (analysis.StatusRules).
type statusConfig struct {
	Recommendation  *float64 `yaml:"recommendation,omitempty"`    // +0.6
	Endorsement     *float64 `yaml:"endorsement,omitempty"`       // +0.2 each …
	EndorsementsMax *float64 `yaml:"endorsements_max,omitempty"`  // … at most +0.4
	Unanswered      *float64 `yaml:"unanswered,omitempty"`        // −0.4 when the answer rate is under unanswered_below
	UnansweredBelow *float64 `yaml:"unanswered_below,omitempty"`  // 0.3
	Answers         *float64 `yaml:"answers,omitempty"`           // +0.15 when it is answers_from or more
	AnswersFrom     *float64 `yaml:"answers_from,omitempty"`      // 0.8
	AnswerDays      *int     `yaml:"answer_days,omitempty"`       // an answer within 14 days
	AskedDays       *int     `yaml:"asked_days,omitempty"`        // of the messages of the last 180 days
	MinAsked        *int     `yaml:"min_asked,omitempty"`         // at least 3 of them
	MinEarlierAsked *int     `yaml:"min_earlier_asked,omitempty"` // personal export: silent to 1 earlier message too, silence is their habit
	// Where people's habits with others show (an organisation's log).
	MinOthersAsked     *int     `yaml:"min_others_asked,omitempty"`     // their answers to 5 of others' 1:1 messages make a habit
	AnswerPrior        *int     `yaml:"answer_prior,omitempty"`         // your share drawn toward the habit by 3 messages' worth
	ShortfallTolerance *float64 `yaml:"shortfall_tolerance,omitempty"`  // a shortfall up to 0.15 says nothing
	ShortfallFull      *float64 `yaml:"shortfall_full,omitempty"`       // unanswered in full at a shortfall of 0.5
	LeadFull           *float64 `yaml:"lead_full,omitempty"`            // answers in full at a lead of 0.25
	Initiative         *float64 `yaml:"initiative,omitempty"`           // +0.2 in full …
	MinInitiative      *int     `yaml:"min_initiative,omitempty"`       // … over at least 4 threads …
	InitiativeLeadFull *float64 `yaml:"initiative_lead_full,omitempty"` // … opening 0.3 more of them than even or your contacts' median
	Inclusion          *float64 `yaml:"inclusion,omitempty"`            // +0.2 in full …
	MinInclusion       *int     `yaml:"min_inclusion,omitempty"`        // … from 3 group messages that bring you in …
	InclusionFull      *int     `yaml:"inclusion_full,omitempty"`       // … 3 more than your contacts' median
	Exclusion          *float64 `yaml:"exclusion,omitempty"`            // −0.2 in full when they meet your team without you …
	MinExclusion       *int     `yaml:"min_exclusion,omitempty"`        // … on at least 3 days …
	ExclusionFull      *int     `yaml:"exclusion_full,omitempty"`       // … in full 2 days more
	Cooling            *float64 `yaml:"cooling,omitempty"`              // −0.2 when the last cooling_days hold under
	CoolingShare       *float64 `yaml:"cooling_share,omitempty"`        // 0.5 (half) of the interactions of the cooling_days before
	CoolingDays        *int     `yaml:"cooling_days,omitempty"`         // 90
	CoolingMinBefore   *int     `yaml:"cooling_min_before,omitempty"`   // with at least 4 before
	Invitation         *float64 `yaml:"invitation,omitempty"`           // −0.1 for an invitation unaccepted after
	InvitationDays     *int     `yaml:"invitation_days,omitempty"`      // 30 days
	MinSentiments      *int     `yaml:"min_sentiments,omitempty"`       // interactions with a sentiment before their mean counts (2)
	Supporter          *float64 `yaml:"supporter,omitempty"`            // +0.25 or more
	Detractor          *float64 `yaml:"detractor,omitempty"`            // −0.25 or less
}

// influenceConfig is model.influence: influence's weights (analysis.InfluenceWeights).
type influenceConfig struct {
	PageRank    *float64 `yaml:"pagerank,omitempty"`    // 0.35
	Betweenness *float64 `yaml:"betweenness,omitempty"` // 0.25
	Seniority   *float64 `yaml:"seniority,omitempty"`   // 0.25
	Degree      *float64 `yaml:"degree,omitempty"`      // 0.15
}

// reachConfig is model.reach: reach's weights (analysis.ReachWeights).
type reachConfig struct {
	Reach2        *float64 `yaml:"reach2,omitempty"`         // 0.5
	EffectiveSize *float64 `yaml:"effective_size,omitempty"` // 0.25
	Harmonic      *float64 `yaml:"harmonic,omitempty"`       // 0.25
}

// tiersConfig is model.tiers: the portfolio tiers (analysis.TierRules).
type tiersConfig struct {
	TrustedPartners *int     `yaml:"trusted_partners,omitempty"` // ranks 1–15
	Friends         *int     `yaml:"friends,omitempty"`          // up to rank 50
	MinTie          *float64 `yaml:"min_tie,omitempty"`          // a tie under 0.5 is an acquaintance
	DemoteAfter     *int     `yaml:"demote_after,omitempty"`     // runs in a row below a tier before it drops (2)
}

// dormantConfig is model.dormant (analysis.DormantRule).
type dormantConfig struct {
	Days       *int     `yaml:"days,omitempty"`       // last contact more than 90 days ago …
	Importance *float64 `yaml:"importance,omitempty"` // … while importance is 0.5 or more
}

// knob ties one key under model: to its field of analysis.Options. A knob is a number (num →
// toF), a whole number (whole → toI), or a number in the SPEC's units counted in hundredths
// (num → toI, hundredths).
type knob struct {
	key        string
	num        **float64
	whole      **int
	toF        *float64
	toI        *int
	hundredths bool
}

// knobs lists the model's weights and thresholds, each with its field of o.
func (m *modelConfig) knobs(o *analysis.Options) []knob {
	b, st, in, re, ti, do := &m.Bases, &m.Status, &m.Influence, &m.Reach, &m.Tiers, &m.Dormant
	f := func(key string, c **float64, to *float64) knob { return knob{key: key, num: c, toF: to} }
	i := func(key string, c **int, to *int) knob { return knob{key: key, whole: c, toI: to} }
	h := func(key string, c **float64, to *int) knob { return knob{key: key, num: c, toI: to, hundredths: true} }
	ob, ost := &o.Bases, &o.Status
	return []knob{
		f("bases.direct", &b.Direct, &ob.Direct),
		f("bases.group", &b.Group, &ob.Group),
		f("bases.group_others", &b.GroupOthers, &ob.GroupOthers),
		i("bases.max_participants", &b.MaxParticipants, &ob.MaxParticipants),
		f("bases.endorsement", &b.Endorsement, &ob.Endorsement),
		f("bases.recommendation", &b.Recommendation, &ob.Recommendation),
		f("bases.connection", &b.Connection, &ob.Connection),
		f("bases.invitation", &b.Invitation, &ob.Invitation),
		f("bases.manager", &b.Manager, &ob.Manager),
		f("bases.declared", &b.Declared, &ob.Declared),

		h("status.recommendation", &st.Recommendation, &ost.Recommendation),
		h("status.endorsement", &st.Endorsement, &ost.Endorsement),
		h("status.endorsements_max", &st.EndorsementsMax, &ost.EndorsementsMax),
		h("status.unanswered", &st.Unanswered, &ost.Unanswered),
		h("status.unanswered_below", &st.UnansweredBelow, &ost.UnansweredBelow),
		h("status.answers", &st.Answers, &ost.Answers),
		h("status.answers_from", &st.AnswersFrom, &ost.AnswersFrom),
		i("status.answer_days", &st.AnswerDays, &ost.AnswerDays),
		i("status.asked_days", &st.AskedDays, &ost.AskedDays),
		i("status.min_asked", &st.MinAsked, &ost.MinAsked),
		i("status.min_earlier_asked", &st.MinEarlierAsked, &ost.MinEarlierAsked),
		i("status.min_others_asked", &st.MinOthersAsked, &ost.MinOthersAsked),
		i("status.answer_prior", &st.AnswerPrior, &ost.AnswerPrior),
		h("status.shortfall_tolerance", &st.ShortfallTolerance, &ost.ShortfallTolerance),
		h("status.shortfall_full", &st.ShortfallFull, &ost.ShortfallFull),
		h("status.lead_full", &st.LeadFull, &ost.LeadFull),
		h("status.initiative", &st.Initiative, &ost.Initiative),
		i("status.min_initiative", &st.MinInitiative, &ost.MinInitiative),
		h("status.initiative_lead_full", &st.InitiativeLeadFull, &ost.InitiativeLeadFull),
		h("status.inclusion", &st.Inclusion, &ost.Inclusion),
		i("status.min_inclusion", &st.MinInclusion, &ost.MinInclusion),
		i("status.inclusion_full", &st.InclusionFull, &ost.InclusionFull),
		h("status.exclusion", &st.Exclusion, &ost.Exclusion),
		i("status.min_exclusion", &st.MinExclusion, &ost.MinExclusion),
		i("status.exclusion_full", &st.ExclusionFull, &ost.ExclusionFull),
		h("status.cooling", &st.Cooling, &ost.Cooling),
		h("status.cooling_share", &st.CoolingShare, &ost.CoolingShare),
		i("status.cooling_days", &st.CoolingDays, &ost.CoolingDays),
		i("status.cooling_min_before", &st.CoolingMinBefore, &ost.CoolingMinBefore),
		h("status.invitation", &st.Invitation, &ost.Invitation),
		i("status.invitation_days", &st.InvitationDays, &ost.InvitationDays),
		i("status.min_sentiments", &st.MinSentiments, &ost.MinSentiments),
		h("status.supporter", &st.Supporter, &ost.Supporter),
		h("status.detractor", &st.Detractor, &ost.Detractor),

		f("influence.pagerank", &in.PageRank, &o.Influence.PageRank),
		f("influence.betweenness", &in.Betweenness, &o.Influence.Betweenness),
		f("influence.seniority", &in.Seniority, &o.Influence.Seniority),
		f("influence.degree", &in.Degree, &o.Influence.Degree),
		f("reach.reach2", &re.Reach2, &o.Reach.Reach2),
		f("reach.effective_size", &re.EffectiveSize, &o.Reach.EffectiveSize),
		f("reach.harmonic", &re.Harmonic, &o.Reach.Harmonic),

		i("tiers.trusted_partners", &ti.TrustedPartners, &o.Tiers.TrustedPartners),
		i("tiers.friends", &ti.Friends, &o.Tiers.Friends),
		f("tiers.min_tie", &ti.MinTie, &o.Tiers.MinTie),
		i("tiers.demote_after", &ti.DemoteAfter, &o.Tiers.DemoteAfter),
		i("dormant.days", &do.Days, &o.Dormant.Days),
		f("dormant.importance", &do.Importance, &o.Dormant.Importance),
		i("intro_paths", &m.IntroPaths, &o.IntroPaths),
	}
}

// check refuses a status value or share outside [−1, +1] or not a whole number of hundredths;
// analysis.Options.Validate checks every range after.
func (k knob) check() error {
	if !k.hundredths || *k.num == nil {
		return nil
	}
	v := **k.num
	if !(v >= -1 && v <= 1) {
		return fmt.Errorf("%v is outside [−1, +1]", v)
	}
	if math.Abs(v*100-math.Round(v*100)) > 1e-9 {
		return fmt.Errorf("%v is not a whole number of hundredths (status is summed in hundredths so that its thresholds are exact)", v)
	}
	return nil
}

// apply sets the knob's option from the config, when the config gives it.
func (k knob) apply() {
	switch {
	case k.whole != nil && *k.whole != nil:
		*k.toI = **k.whole
	case k.num != nil && *k.num != nil && k.hundredths:
		*k.toI = int(math.Round(**k.num * 100))
	case k.num != nil && *k.num != nil:
		*k.toF = **k.num
	}
}

// show sets the knob's config key from its option, for the effective config.
func (k knob) show() {
	switch {
	case k.whole != nil:
		v := *k.toI
		*k.whole = &v
	case k.hundredths:
		v := float64(*k.toI) / 100
		*k.num = &v
	default:
		v := *k.toF
		*k.num = &v
	}
}

// checkModel refuses the model's weights and thresholds that are out of range, naming the
// key as the file does: "model.status.supporter: …".
func (c *config) checkModel() error {
	for _, k := range c.Model.knobs(&analysis.Options{}) {
		if err := k.check(); err != nil {
			return &keyError{k.key, err}
		}
	}
	o := c.analysisOptions()
	if err := o.Validate(); err != nil {
		var oe *analysis.OptionError
		if errors.As(err, &oe) {
			return &keyError{oe.Key, oe.Err}
		}
		return fmt.Errorf("model: %w", err)
	}
	return nil
}

// keyError is a problem with the value of one key under model:, for the config's line and
// column.
type keyError struct {
	key string // as under model: ("bases.direct")
	err error
}

func (e *keyError) Error() string { return fmt.Sprintf("model.%s: %v", e.key, e.err) }
func (e *keyError) Unwrap() error { return e.err }
