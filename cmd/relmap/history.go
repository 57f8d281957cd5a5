package main

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"text/tabwriter"
	"time"
	"unicode/utf8"

	"github.com/spf13/cobra"

	"github.com/relmap/relmap/analysis"
	"github.com/relmap/relmap/analysis/history"
	"github.com/relmap/relmap/importers"
	"github.com/relmap/relmap/reports"
)

// historyFlags locate a history: the output folder and, when it lies elsewhere, the database —
// from the flags, else RELMAP_OUT / RELMAP_DB, else the config's out and db, as for run.
type historyFlags struct {
	out, db, config string
}

func (h *historyFlags) register(cmd *cobra.Command) {
	cmd.Flags().StringVar(&h.out, "out", "out", "the output folder `DIR` of the runs")
	cmd.Flags().StringVar(&h.db, "db", "", "the history database `FILE` (default DIR/history.db)")
	cmd.Flags().StringVar(&h.config, "config", "", "the config `FILE` whose out and db to use")
}

// resolve layers the flags over RELMAP_* and the config file.
func (h *historyFlags) resolve(cmd *cobra.Command) error {
	if !cmd.Flags().Changed("config") {
		h.config = os.Getenv("RELMAP_CONFIG")
	}
	cfg, err := loadConfig(h.config)
	if err != nil {
		return err
	}
	return cfg.layer(cmd)
}

// open opens an existing history for reading; it never creates one. It returns the store, the
// output folder (absolute) and the key the history names its runs by.
func (h *historyFlags) open(cmd *cobra.Command) (st *history.Store, out, key string, err error) {
	if err := h.resolve(cmd); err != nil {
		return nil, "", "", err
	}
	abs, err := filepath.Abs(h.out)
	if err != nil {
		return nil, "", "", err
	}
	path := historyPath(abs, h.db)
	if _, err := os.Stat(path); err != nil {
		return nil, "", "", fmt.Errorf("no history at %s: run 'relmap run --out %s' first", path, h.out)
	}
	if empty, _ := emptyHistory(path); empty {
		return nil, "", "", fmt.Errorf("history %s is empty (0 bytes): it holds no runs (its record was lost, or never written); relmap keeps it as it is", path)
	}
	// Reading writes nothing: history and diff work in a folder relmap may not write to.
	st, err = history.OpenReadOnly(path, false)
	if err != nil && history.CannotOpen(err) {
		if wal, werr := os.Stat(path + "-wal"); werr == nil && wal.Size() > 0 {
			return nil, "", "", fmt.Errorf("history %s cannot be read here: its folder is not writable, and its log (%s-wal) holds changes SQLite must write back first; run this where relmap may write to the folder (or on a copy of it)", path, filepath.Base(path))
		}
		st, err = history.OpenReadOnly(path, true)
	}
	return st, abs, historyKey(abs, h.db), err
}

// runs opens the history and lists the output folder's complete runs, oldest first; the
// caller closes the store.
func (h *historyFlags) runs(cmd *cobra.Command) (*history.Store, string, []history.Run, error) {
	st, out, key, err := h.open(cmd)
	if err != nil {
		return nil, "", nil, err
	}
	runs, err := st.Runs(key)
	if err != nil {
		st.Close()
		return nil, "", nil, err
	}
	return st, out, runs, nil
}

func historyCommand(stdout io.Writer) *cobra.Command {
	var h historyFlags
	cmd := &cobra.Command{
		Use:   "history [--out DIR]",
		Short: "List the complete runs recorded in the history",
		Long: `List every complete run of the output folder, oldest first: its id (the folder under
DIR/runs/), as-of date, when it finished, whose map it is, how many people it ranked, a digest
of its inputs and the relmap that made it. A run whose folder was pruned (--keep) is marked; its
scores stay in the history, so 'relmap diff' still reaches it.`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			st, out, runs, err := h.runs(cmd)
			if err != nil {
				return err
			}
			defer st.Close()
			if len(runs) == 0 {
				_, err := fmt.Fprintf(stdout, "no complete runs in %s\n", h.out)
				return err
			}
			tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', 0)
			fmt.Fprintln(tw, "RUN\tAS OF\tFINISHED\tEGO\tPEOPLE\tINPUTS\tVERSION\tFOLDER")
			for _, r := range runs {
				folder := "runs/" + r.ID
				if _, err := os.Stat(filepath.Join(out, folder)); err != nil {
					folder = "(pruned)"
				}
				digest := strings.TrimPrefix(r.InputsDigest, "sha256:")
				digest = digest[:min(12, len(digest))]
				fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%d\t%s\t%s\t%s\n", r.ID, r.AsOf, r.Finished.Format(time.RFC3339), r.Ego, r.People, digest, r.Version, folder)
			}
			return tw.Flush()
		},
	}
	h.register(cmd)
	return cmd
}

func diffCommand(stdout io.Writer) *cobra.Command {
	var h historyFlags
	var asJSON bool
	var mapKey string
	cmd := &cobra.Command{
		Use:   "diff [RUN] [RUN]",
		Short: "What changed between two runs: zone moves, new detractors, risers and fallers, dormant ties",
		Long: `Compare two complete runs of the history. With no RUN: the last run against the one before it
(of the same map). With one: that run against the last. With two: the first against the second.
A RUN is a run id as 'relmap history' lists it, a unique start of one, or "latest".

Lists zone moves, new detractors, influence risers and fallers (a change of at least 0.1),
ties gone dormant and tier moves; --json prints the same as the run's diff.json.

Of an --ego 'team:*' run, one line per team that moved, most movement first (new detractors,
then zone moves, then risers and fallers, ties gone dormant, tier moves, people new or gone),
and how many teams did not move; --map TEAM lists one team's changes in full. --json prints
every team's diff.json, in the same order, as one array.`,
		Example: `  relmap diff
  relmap diff 20260307T060000Z latest --json
  relmap diff --map Sales`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) > 2 {
				return usageError{err: fmt.Errorf("diff takes at most two runs, got %d", len(args))}
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			st, _, runs, err := h.runs(cmd)
			if err != nil {
				return err
			}
			defer st.Close()
			from, to, err := pickRuns(runs, args)
			if err != nil {
				return err
			}
			if from.Ego != to.Ego {
				return usageError{err: fmt.Errorf("runs %s and %s are maps around different people or teams (%s, %s): compare runs of one map", from.ID, to.ID, from.Ego, to.Ego)}
			}
			maps, err := st.Maps(to.ID)
			if err != nil {
				return err
			}
			if !slices.Contains(maps, mapKey) {
				// A team's map is kept by the team's name; its folder's name, or the name in
				// another case, finds it too.
				for _, m := range maps {
					if m != "" && (analysis.Slug(m) == mapKey || strings.EqualFold(m, mapKey)) {
						mapKey = m
					}
				}
			}
			if mapKey == "" && len(maps) > 0 && !slices.Contains(maps, "") {
				return diffTeams(stdout, st, from, to, maps, asJSON)
			}
			if len(maps) > 0 && !slices.Contains(maps, mapKey) {
				return usageError{err: fmt.Errorf("run %s has no map %q%s", to.ID, mapKey, closeTeams(mapKey, slices.DeleteFunc(maps, func(m string) bool { return m == "" })))}
			}
			before, err := st.Scores(from.ID, mapKey)
			if err != nil {
				return err
			}
			after, err := st.Scores(to.ID, mapKey)
			if err != nil {
				return err
			}
			c := history.Compare(history.RunRef{Run: from.ID, AsOf: from.AsOf}, history.RunRef{Run: to.ID, AsOf: to.AsOf}, before, after)
			c.Map = mapKey
			if asJSON {
				return reports.WriteChanges(stdout, c)
			}
			summarizeChanges(stdout, c, -1)
			return nil
		},
	}
	h.register(cmd)
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the changes as JSON (as diff.json)")
	cmd.Flags().StringVar(&mapKey, "map", "", "a team's map, by the `TEAM`'s name or its folder under teams/, instead of the ego's map")
	return cmd
}

// diffTeams compares every team's map of two team:* runs and prints how many moved and one
// line per team that did, most movement first (history.ByMovement): of 4 000 teams, the few
// to look at. A team new in the later run is compared with nothing (everyone on its map is
// new); a team gone is named.
func diffTeams(w io.Writer, st *history.Store, from, to *history.Run, maps []string, asJSON bool) error {
	earlier, err := st.Maps(from.ID)
	if err != nil {
		return err
	}
	var all []*history.Changes
	var fresh []string
	for _, m := range maps {
		var before []history.Score
		if slices.Contains(earlier, m) {
			if before, err = st.Scores(from.ID, m); err != nil {
				return err
			}
		} else {
			fresh = append(fresh, m)
		}
		after, err := st.Scores(to.ID, m)
		if err != nil {
			return err
		}
		c := history.Compare(history.RunRef{Run: from.ID, AsOf: from.AsOf}, history.RunRef{Run: to.ID, AsOf: to.AsOf}, before, after)
		c.Map = m
		all = append(all, c)
	}
	slices.SortFunc(all, history.ByMovement)
	if asJSON {
		b, err := json.MarshalIndent(all, "", "  ")
		if err != nil {
			return err
		}
		_, err = w.Write(append(b, '\n'))
		return err
	}
	moved := slices.DeleteFunc(all, (*history.Changes).Empty)
	fmt.Fprintf(w, "since %s (as of %s): %d of %s moved\n", from.ID, from.AsOf, len(moved), plural(len(maps), "team map", "team maps"))
	width := 0
	for _, c := range moved {
		width = max(width, utf8.RuneCountInString(c.Map))
	}
	for _, c := range moved {
		line := strings.Join(changeCounts(c), ", ")
		if slices.Contains(fresh, c.Map) {
			line = "a new team's map: " + line
		}
		fmt.Fprintf(w, "  %s%s  %s\n", c.Map, strings.Repeat(" ", width-utf8.RuneCountInString(c.Map)), line)
	}
	var gone []string
	for _, m := range earlier {
		if m != "" && !slices.Contains(maps, m) {
			gone = append(gone, m)
		}
	}
	if len(gone) > 0 {
		fmt.Fprintf(w, "no map in %s for %s (a team no one is on now)\n", to.ID, strings.Join(quoteAll(gone), ", "))
	}
	if len(moved) > 0 {
		fmt.Fprintln(w, "a team's changes in full: relmap diff --map TEAM")
	}
	return nil
}

func quoteAll(xs []string) []string {
	out := make([]string, len(xs))
	for i, x := range xs {
		out[i] = fmt.Sprintf("%q", x)
	}
	return out
}

// pickRuns chooses the two runs diff compares, as its help says.
func pickRuns(runs []history.Run, args []string) (from, to *history.Run, err error) {
	if len(runs) == 0 {
		return nil, nil, errors.New("no complete runs in the history yet")
	}
	find := func(arg string) (int, error) {
		if arg == "latest" {
			return len(runs) - 1, nil
		}
		found := -1
		for i, r := range runs {
			if r.ID == arg {
				return i, nil
			}
			if strings.HasPrefix(r.ID, arg) {
				if found >= 0 {
					return 0, usageError{err: fmt.Errorf("run %q is ambiguous: %s, %s…", arg, runs[found].ID, r.ID)}
				}
				found = i
			}
		}
		if found < 0 {
			return 0, usageError{err: fmt.Errorf("no run %q in the history ('relmap history' lists them)", arg)}
		}
		return found, nil
	}
	switch len(args) {
	case 0:
		last := len(runs) - 1
		for i := last - 1; i >= 0; i-- {
			if runs[i].Ego == runs[last].Ego {
				return &runs[i], &runs[last], nil
			}
		}
		return nil, nil, errors.New("only one run of this map in the history: nothing to compare yet")
	case 1:
		i, err := find(args[0])
		if err != nil {
			return nil, nil, err
		}
		return &runs[i], &runs[len(runs)-1], nil
	}
	i, err := find(args[0])
	if err != nil {
		return nil, nil, err
	}
	j, err := find(args[1])
	if err != nil {
		return nil, nil, err
	}
	return &runs[i], &runs[j], nil
}

// changeCounts says how much of each kind moved, in the order of history.ByMovement: "1 new
// detractor", "3 zone moves" …
func changeCounts(c *history.Changes) []string {
	var counts []string
	for _, k := range []struct {
		n         int
		one, many string
	}{
		{len(c.NewDetractors), "new detractor", "new detractors"}, {len(c.ZoneMoves), "zone move", "zone moves"},
		{len(c.Risers), "influence riser", "influence risers"}, {len(c.Fallers), "influence faller", "influence fallers"},
		{len(c.GoneDormant), "tie gone dormant", "ties gone dormant"}, {len(c.TierMoves), "tier move", "tier moves"},
		{c.Entered, "person new", "people new"}, {c.Left, "person gone", "people gone"},
	} {
		if k.n > 0 {
			counts = append(counts, plural(k.n, k.one, k.many))
		}
	}
	return counts
}

// summarizeChanges prints the changes in plain words, at most n names a kind (all when n < 0).
func summarizeChanges(w io.Writer, c *history.Changes, n int) {
	if c.Empty() {
		fmt.Fprintf(w, "no changes since %s (as of %s)\n", c.From.Run, c.From.AsOf)
		return
	}
	fmt.Fprintf(w, "since %s (as of %s): %s\n", c.From.Run, c.From.AsOf, strings.Join(changeCounts(c), ", "))
	list := func(what string, ms []history.Move, line func(m history.Move) string) {
		shown := ms
		if n >= 0 && len(ms) > n {
			shown = ms[:n]
		}
		for _, m := range shown {
			fmt.Fprintf(w, "  %s: %s\n", what, line(m))
		}
		if len(shown) < len(ms) {
			fmt.Fprintf(w, "  … and %d more (relmap diff)\n", len(ms)-len(shown))
		}
	}
	list("zone", c.ZoneMoves, func(m history.Move) string { return fmt.Sprintf("%s %s → %s", m.Name, m.From, m.To) })
	list("new detractor", c.NewDetractors, func(m history.Move) string {
		if m.From == "" {
			return fmt.Sprintf("%s (new, %s)", m.Name, m.Zone)
		}
		return fmt.Sprintf("%s (was %s, %s)", m.Name, m.From, m.Zone)
	})
	list("riser", c.Risers, func(m history.Move) string {
		return fmt.Sprintf("%s influence %s (%+.2f)", m.Name, reports.Number(*m.Influence), *m.Delta)
	})
	list("faller", c.Fallers, func(m history.Move) string {
		return fmt.Sprintf("%s influence %s (%+.2f)", m.Name, reports.Number(*m.Influence), *m.Delta)
	})
	list("dormant", c.GoneDormant, func(m history.Move) string { return fmt.Sprintf("%s (last contact %s)", m.Name, m.LastContact) })
	if n < 0 {
		list("tier", c.TierMoves, func(m history.Move) string { return fmt.Sprintf("%s %s → %s", m.Name, m.From, m.To) })
	}
}

func forgetCommand(stdout, stderr io.Writer) *cobra.Command {
	var h historyFlags
	var wait bool
	cmd := &cobra.Command{
		Use:   "forget PERSON",
		Short: "Erase a person from the history (a data-protection request)",
		Long: `Erase every record of PERSON — a person id as in ranked.csv, or a whole name, compared as relmap
compares names (any case, honorifics and suffixes dropped) — from every run of the history. The
deleted rows are overwritten and the write-ahead log emptied, so no copy stays in the database
files. The run folders under DIR/runs/ are outputs, not history: those that still name the
person (in a ranked.csv or the network files, which name team members too) are listed, for you
to delete (or prune with 'relmap run --keep'). A forget that was stopped is finished by running
it again.`,
		Example: `  relmap forget 3f9a0c1e2b4d
  relmap forget "Ana Ruiz" --out ~/relmap`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 1 {
				return usageError{err: errors.New("forget takes one PERSON: an id as in ranked.csv, or a whole name")}
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			log, _ := newLogger(stderr, "text", false)
			if err := h.resolve(cmd); err != nil {
				return err
			}
			if _, err := os.Stat(historyPath(absPath(h.out), h.db)); err != nil {
				return fmt.Errorf("no history at %s: nothing to forget", historyPath(h.out, h.db))
			}
			o, err := openOut(h.out, h.db, wait, log)
			if err != nil {
				return err
			}
			defer o.Close()
			who, err := o.store.Match(args[0])
			if err != nil {
				return err
			}
			// The kept run folders name people the history never ranked (team members, in
			// every network file): forget finds them there too, and lists those folders.
			kept := keptPeople(o.dir)
			want := importers.NormalizeName(args[0])
			for id, p := range kept {
				if _, ok := who[id]; ok {
					continue
				}
				if id == args[0] || want != "" && slices.ContainsFunc(p.names, func(n string) bool { return importers.NormalizeName(n) == want }) {
					who[id] = p.names[0]
				}
			}
			switch len(who) {
			case 0:
				return fmt.Errorf("no one in the history or the run folders of %s has the id or name %q", h.out, args[0])
			case 1:
			default:
				var ids []string
				for id, name := range who {
					ids = append(ids, id+" ("+name+")")
				}
				slices.Sort(ids)
				return fmt.Errorf("%q names %d people: forget each by id: %s", args[0], len(who), strings.Join(ids, ", "))
			}
			for id, name := range who {
				n, err := o.store.Forget(id)
				if err != nil {
					return err
				}
				fmt.Fprintf(stdout, "forgot %s (%s): %s erased from the history\n", name, id, plural(int(n), "record", "records"))
				if p := kept[id]; p != nil {
					fmt.Fprintf(stdout, "these run folders still name them; delete them to finish:\n")
					for _, f := range p.folders {
						fmt.Fprintf(stdout, "  %s\n", f)
					}
				}
			}
			return nil
		},
	}
	h.register(cmd)
	cmd.Flags().BoolVar(&wait, "wait", false, "when a run is writing to the output folder, wait for it instead of failing")
	return cmd
}

// keptPerson is a person the kept run folders name: the names they give and the folders.
type keptPerson struct {
	names   []string // as the folders give them, first seen first
	folders []string // DIR/runs/<run>, sorted
}

// keptPeople is who the kept run folders of out name, by id: every person of each run's
// network file (network.gexf: the people ranked, and those never ranked — the ego, team
// members) and of each ranked.csv in it (the ego's map and the teams'). Files that cannot be
// read are passed over.
func keptPeople(out string) map[string]*keptPerson {
	people := map[string]*keptPerson{}
	add := func(folder, id, name string) {
		if id == "" {
			return
		}
		p := people[id]
		if p == nil {
			p = &keptPerson{}
			people[id] = p
		}
		if name != "" && !slices.Contains(p.names, name) {
			p.names = append(p.names, name)
		}
		if len(p.folders) == 0 || p.folders[len(p.folders)-1] != folder {
			p.folders = append(p.folders, folder)
		}
	}
	runs, _ := os.ReadDir(filepath.Join(out, "runs"))
	for _, r := range runs {
		if !r.IsDir() {
			continue
		}
		folder := filepath.Join(out, "runs", r.Name())
		filepath.WalkDir(folder, func(path string, d fs.DirEntry, err error) error {
			if err != nil || !d.Type().IsRegular() {
				return nil
			}
			switch d.Name() {
			case "network.gexf":
				gexfPeople(path, func(id, name string) { add(folder, id, name) })
			case "ranked.csv":
				rankedPeople(path, func(id, name string) { add(folder, id, name) })
			}
			return nil
		})
	}
	for _, p := range people {
		if len(p.names) == 0 {
			p.names = []string{""}
		}
	}
	return people
}

// gexfPeople calls each with the id and label of every node of a GEXF file.
func gexfPeople(path string, each func(id, name string)) {
	f, err := os.Open(path)
	if err != nil {
		return
	}
	defer f.Close()
	dec := xml.NewDecoder(bufio.NewReader(f))
	for {
		tok, err := dec.Token()
		if err != nil {
			return
		}
		if el, ok := tok.(xml.StartElement); ok && el.Name.Local == "node" {
			var id, label string
			for _, a := range el.Attr {
				switch a.Name.Local {
				case "id":
					id = a.Value
				case "label":
					label = a.Value
				}
			}
			each(id, label)
		}
	}
}

// rankedPeople calls each with the id and name of every row of a ranked.csv.
func rankedPeople(path string, each func(id, name string)) {
	f, err := os.Open(path)
	if err != nil {
		return
	}
	defer f.Close()
	r := csv.NewReader(bufio.NewReader(f))
	r.FieldsPerRecord = -1
	head, err := r.Read()
	if err != nil {
		return
	}
	if len(head) > 0 {
		head[0] = strings.TrimPrefix(head[0], "\ufeff") // --excel
	}
	id, name := slices.Index(head, "id"), slices.Index(head, "name")
	if id < 0 || name < 0 {
		return
	}
	for {
		row, err := r.Read()
		if err != nil {
			return
		}
		if id < len(row) && name < len(row) {
			each(row[id], row[name])
		}
	}
}
