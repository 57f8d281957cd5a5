// Package synth writes a deterministic synthetic LinkedIn data export: a zip whose bytes
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
	Messages    int       // rows in messages.csv, drafts and system rows included; 0 means 4000, at most 2 000 000
	Seed        uint64    // seeds the PCG source: the same Options give the same bytes
	ExportDate  time.Time // the export day (its calendar date is used, at midnight UTC); zero means 2026-03-14
	Noise       float64   // 0 (none) to 1: how much noise to add beyond the planted structure, see the package doc
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
	if o.Connections == 0 {
		o.Connections = defaultConnections
	}
	if o.Messages == 0 {
		o.Messages = defaultMessages
	}
	o.ExportDate = exportDay(o.ExportDate)
	if o.ExportDate.Year() < 2010 || o.ExportDate.Year() > 2999 {
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

// FileName is the name LinkedIn gives the full archive exported on exportDate:
// "Complete_LinkedInDataExport_MM-DD-YYYY.zip". The zero time means 2026-03-14, as in Options.
func FileName(exportDate time.Time) string {
	return "Complete_LinkedInDataExport_" + exportDay(exportDate).Format("01-02-2006") + ".zip"
}

// Write writes the export as a zip to w and returns the truth, which is also stored in the
// zip as TRUTH.json. The same Options always give the same bytes.
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
	g.finishConversations()
	return g
}
