// Package synth writes deterministic synthetic inputs with their truth: a LinkedIn data
// export (below) and, with WriteOrg, an organisation's people and interactions files.
//
// The export is a zip whose bytes
// follow shared/linkedin/FORMAT.md (the 2024-12 era, with the URL column in Connections.csv
// and the 12-column messages.csv), with planted influence and status for every person and the
// truth written alongside as TRUTH.json.
//
// The planted structure is what relmap must find (SPEC §3.4): a quarter of the ranked people
// have senior titles and take part in many group conversations (high influence); supporters
// recommended or endorsed the owner; detractors stopped answering the owner's messages;
// cooling ties went quiet in the last 90 days. Noise is added on purpose: ghost connection
// rows, drafts, LinkedIn Member and sponsored senders, chatter, stray endorsements,
// non-connections met in group threads and pending invitations.
//
// Targets and bridges are planted for the intro paths (SPEC §3.4): about one high-influence
// person in twelve (at least five, hubs and client seniors first) is a target, and for each a
// bridge — a high-influence connection with many recent 1:1 conversations with the owner —
// shares more group threads with the target than anyone else, so that the strongest intro
// path to the target is owner → bridge → target. TRUTH.json names the bridge on the target.
//
// Options.Noise (0 to 1) adds realistic noise on top, in proportion: extra group threads among
// random people (the owner never posts in them), stray endorsements from low-influence
// people, senior titles on some low-influence connections, and owner messages answered after
// more than 14 days. The noise never changes a status: the truth still follows from the bytes
// and equals the planted status. It does break on purpose the clean split of Noise 0, where
// every low-influence person has a junior title and at most two group threads. Noise 0 adds
// nothing and draws nothing from the source.
//
// Options.Step makes the network evolve, for tests of run-to-run changes (relmap diff). Step
// 0 is the export above; step k is the same network k weeks later: the export day is
// ExportDate + 7·k days (Options.Day, FileName, TRUTH.json's export_date), every date of the
// export moves with it, so that everyone's evidence keeps its age, and movers are planted
// from step 1 on, from the same seed but a PCG stream of their own. At each step, max(3,
// 0.6 % of the connections) people of each kind move, chosen among those who make the change
// unambiguous, and stay moved at every later step (step k's movers are step k−1's and some
// more):
//   - new detractor: a neutral person with no recommendation or endorsement, in touch with
//     the owner in the last 80 days, who answered at least 80 % of the owner's messages of
//     the last 180 days (high and low influence in turn, high first), stops answering: none
//     of their messages of the last 180 days is left, and the owner writes three more 1:1
//     messages 20 to 149 days before the export. Unanswered (−0.4): a detractor; a key to
//     engage becomes an area for improvement, a background tie a watch.
//   - influence riser: a low-influence neutral connection with a junior title and no group
//     thread gets a senior title (Chief … Officer, Vice President …) and six or seven group
//     threads of the last 80 days with five to seven well-connected high-influence people
//     each, the owner silent: background becomes key to engage.
//   - gone dormant: a high-influence connection (not a detractor) who talked 1:1 with the
//     owner in the last 80 days leaves the group threads of the last 93 days, and their 1:1
//     messages of the last 180 days move back into the 93rd to 179th day before the export:
//     the last interaction with the owner is over 90 days old, with importance still high.
//     Cooling may fire; the status label stays.
//
// Where a mover leaves a group thread or stops writing in one, another member who is not a
// mover sends those messages instead, so that no one else's evidence changes; the risers'
// threads only add recent interactions, in which the owner does not post, to people who are
// not cooling. No one but the movers changes status, signals or planted influence; TRUTH.json
// lists the movers (Truth.Movers) and gives everyone's status at that step. messages.csv has
// Options.Messages rows at step 0; later, the rows the movers add and lose change that count
// (Truth.Messages gives it). Targets and bridges never move.
package synth

import (
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"time"
)

// Options says how large an export to make and from which seed.
type Options struct {
	Connections int       // real connection rows in Connections.csv, ghost rows excluded; 0 means 500, at most 30 000 (LinkedIn's own cap)
	Messages    int       // rows in messages.csv at step 0, drafts and system rows included; 0 means 4000, at most 2 000 000
	Seed        uint64    // seeds the PCG source: the same Options give the same bytes
	ExportDate  time.Time // the export day (its calendar date is used, at midnight UTC); zero means 2026-03-14
	Noise       float64   // 0 (none) to 1: how much noise to add beyond the planted structure, see the package doc
	Step        int       // 0: the export of ExportDate; k ≥ 1: the same network k weeks later, with movers, see the package doc; at most 1000

	// PlantStatus adds five groups of connections whose status toward the owner shows in
	// messages alone (supporters, detractors, busy seniors, cooling ties, ordinary colleagues;
	// see personalplant.go), listed in Truth.PlantedStatus. Step 0 only. Off, nothing changes.
	PlantStatus bool
}

const (
	defaultConnections = 500
	defaultMessages    = 4000
	maxConnections     = 30000     // LinkedIn caps first-degree connections at 30 000
	maxMessages        = 2_000_000 // keeps memory bounded (about 1 KiB a row while generating)
)

var defaultExportDate = time.Date(2026, time.March, 14, 0, 0, 0, 0, time.UTC)

// resolve fills in the defaults and checks the ranges.
func (o Options) resolve() (Options, error) {
	if o.Connections < 0 {
		return o, fmt.Errorf("synth: connections must not be negative, got %d", o.Connections)
	}
	if o.Messages < 0 {
		return o, fmt.Errorf("synth: messages must not be negative, got %d", o.Messages)
	}
	if o.Connections > maxConnections {
		return o, fmt.Errorf("synth: connections must be at most %d (LinkedIn's cap), got %d", maxConnections, o.Connections)
	}
	if o.Messages > maxMessages {
		return o, fmt.Errorf("synth: messages must be at most %d, got %d", maxMessages, o.Messages)
	}
	if !(o.Noise >= 0 && o.Noise <= 1) {
		return o, fmt.Errorf("synth: noise must be between 0 and 1, got %v", o.Noise)
	}
	if o.Step < 0 || o.Step > maxStep {
		return o, fmt.Errorf("synth: step must be between 0 and %d, got %d", maxStep, o.Step)
	}
	if o.PlantStatus && o.Step > 0 {
		return o, errors.New("synth: plant-status is for step 0 only")
	}
	if o.Connections == 0 {
		o.Connections = defaultConnections
	}
	if o.Messages == 0 {
		o.Messages = defaultMessages
	}
	o.ExportDate = exportDay(o.ExportDate)
	if o.ExportDate.Year() < 2010 || o.Day().Year() > 2999 {
		return o, errors.New("synth: export date must fall between 2010 and 2999")
	}
	return o, nil
}

// exportDay is the calendar date of t at midnight UTC, or the default day for the zero time.
func exportDay(t time.Time) time.Time {
	if t.IsZero() {
		return defaultExportDate
	}
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// Day is the export day of the step the options ask for: the calendar date of ExportDate
// (zero means 2026-03-14) plus 7·Step days, at midnight UTC. The export is named
// FileName(opt.Day()) and its TRUTH.json export_date is that day.
func (o Options) Day() time.Time {
	return exportDay(o.ExportDate).AddDate(0, 0, stepDays*o.Step)
}

// FileName is the name LinkedIn gives the full archive exported on exportDate:
// "Complete_LinkedInDataExport_MM-DD-YYYY.zip". The zero time means 2026-03-14, as in Options.
func FileName(exportDate time.Time) string {
	return "Complete_LinkedInDataExport_" + exportDay(exportDate).Format("01-02-2006") + ".zip"
}

// Write writes the export as a zip to w and returns the truth, which is also stored in the
// zip as TRUTH.json. The same Options always give the same bytes. With Options.Step k the
// export is dated ExportDate + 7·k days: name it FileName(ExportDate.AddDate(0, 0, 7*k)).
func Write(w io.Writer, opt Options) (*Truth, error) {
	opt, err := opt.resolve()
	if err != nil {
		return nil, err
	}
	g := generate(opt)
	t := g.truth(primaryRules)
	if err := g.writeZip(w, t); err != nil {
		return nil, fmt.Errorf("synth: %w", err)
	}
	return t, nil
}

// generate builds the whole export in memory.
func generate(opt Options) *gen {
	g := &gen{
		opt:   opt,
		r:     rand.New(rand.NewPCG(opt.Seed, 0x5eed_0f_7e1a7a9)),
		T:     opt.ExportDate.Unix(),
		names: map[string]bool{},
		slugs: map[string]bool{},
	}
	g.makePeople()
	g.planStatuses()
	g.planNoise()
	g.planBudget()
	g.assignDates()
	g.buildGroups()
	g.buildDirect()
	g.buildBridges()
	g.buildNoiseThreads()
	g.buildChatter()
	g.buildNoiseConversations()
	g.buildEndorsements()
	g.buildRecommendations()
	g.buildInvitations()
	if opt.PlantStatus {
		g.plantStatus()
	}
	g.finishConversations()
	if opt.Step > 0 {
		g.evolve()
	}
	return g
}
