package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/gocarina/gocsv"
	"github.com/spf13/cobra"

	"github.com/relmap/relmap/reports"
)

// templateRow is one row of the annotations template; its csv tags are the template's columns.
// The annotations reader keys a row by the first of person, id, email, profile_url and name
// that is filled in: the template's id is relmap's person id, which names one person whatever
// their name (and survives --pseudonymize). rank, company, title and the current_ columns are
// context the reader ignores (names it does not know); status … note are left empty, to fill
// in. Text cells are neutralised against formula injection as in ranked.csv (SPEC §4).
type templateRow struct {
	Rank             int    `csv:"rank"`
	ID               string `csv:"id"`
	Name             string `csv:"name"`
	Company          string `csv:"company"`
	Title            string `csv:"title"`
	CurrentZone      string `csv:"current_zone"`
	CurrentStatus    string `csv:"current_status"`
	CurrentInfluence string `csv:"current_influence"`
	Status           string `csv:"status"`
	Influence        string `csv:"influence"`
	Category         string `csv:"category"`
	Team             string `csv:"team"`
	TargetStatus     string `csv:"target_status"`
	Ignore           string `csv:"ignore"`
	Note             string `csv:"note"`
}

// templateRun is what the template reads of a finished run's ranked.json.
type templateRun struct {
	SchemaVersion int              `json:"schema_version"`
	AsOf          string           `json:"as_of"`
	People        []templatePerson `json:"people"`
}

type templatePerson struct {
	Rank        int         `json:"rank"`
	ID          string      `json:"id"`
	Name        string      `json:"name"`
	Company     string      `json:"company"`
	Title       string      `json:"title"`
	Zone        string      `json:"zone"`
	StatusLabel string      `json:"status_label"`
	Influence   json.Number `json:"influence"` // as ranked.json writes it; "" when null
}

func annotateCommand(stdout, stderr io.Writer) *cobra.Command {
	var (
		template, force, excel bool
		out, output            string
		top                    int
	)
	cmd := &cobra.Command{
		Use:   "annotate --template [--out DIR] [--top N] [-o FILE]",
		Short: "Write an annotations CSV of the last run's top people, to fill in",
		Long: `With --template, write an annotations CSV of the top N people of the last complete run
(DIR/latest/ranked.json), in rank order: their relmap id (the key annotations match them
by); rank, name, company, title, current zone, status and influence for context; and
empty columns to fill in — status, influence, category, team, target_status, ignore, note.
Fill in what you know, leave the rest empty, and give the file to your next run: it is
recognised by its header, or name it as annotations=FILE. What you declare wins over
what relmap infers. Rows left empty change nothing.

The CSV goes to stdout, or to FILE with -o (never over an existing file without --force).`,
		Example: `  relmap annotate --template -o notes.csv
  relmap run Complete_LinkedInDataExport_03-14-2025.zip annotations=notes.csv`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if !template {
				return usageError{err: errors.New("annotate needs --template, which writes an annotations CSV of the last run's top people to fill in and give to your next run as annotations=FILE")}
			}
			if top < 1 {
				return usageError{err: fmt.Errorf("--top %d: want 1 or more", top)}
			}
			_, doc, err := readFinishedRun(out)
			if err != nil {
				return err
			}
			people := doc.People[:min(top, len(doc.People))]
			var buf bytes.Buffer
			if excel {
				buf.WriteString(reports.ExcelBOM)
			}
			if err := writeTemplate(&buf, people); err != nil {
				return err
			}
			if output == "" {
				_, err := raw(stdout).Write(buf.Bytes()) // a data stream, not text for a terminal
				return err
			}
			if err := writeNew(output, buf.Bytes(), force); err != nil {
				return err
			}
			fmt.Fprintf(stdout, "wrote %s: %s to annotate, from the run as of %s; fill it in and give it to your next run as annotations=%s\n",
				output, plural(len(people), "person", "people"), doc.AsOf, output)
			return nil
		},
	}
	cmd.Flags().BoolVar(&template, "template", false, "write an annotations CSV of the last run's top people, to fill in")
	cmd.Flags().StringVar(&out, "out", "out", "the output folder of the run (`DIR`/latest)")
	cmd.Flags().IntVar(&top, "top", 50, "how many of the top people (`N`) the template lists")
	cmd.Flags().StringVarP(&output, "output", "o", "", "write the template to `FILE` instead of stdout")
	cmd.Flags().BoolVar(&force, "force", false, "overwrite FILE if it exists")
	cmd.Flags().BoolVar(&excel, "excel", false, "start the CSV with a UTF-8 byte-order mark so Excel reads names right")
	return cmd
}

// readFinishedRun reads DIR/latest's run.json and ranked.json: the last complete run.
func readFinishedRun(out string) (replay, *templateRun, error) {
	var rp replay
	latest := filepath.Join(out, "latest")
	b, err := os.ReadFile(filepath.Join(latest, "run.json"))
	if err != nil {
		return rp, nil, fmt.Errorf("no finished run in %s to make a template from (run relmap run --out %s first): %w", out, out, unwrapPath(err))
	}
	if err := json.Unmarshal(b, &rp); err != nil {
		return rp, nil, fmt.Errorf("%s: %w", filepath.Join(latest, "run.json"), err)
	}
	path := filepath.Join(latest, "ranked.json")
	b, err = os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) && rp.Ego == "team:*" {
		return rp, nil, fmt.Errorf("the last run in %s mapped every team (--ego 'team:*'), each in its own folder: make a template from one team's map (relmap run --ego team:NAME)", out)
	}
	if err != nil {
		return rp, nil, err
	}
	var doc templateRun
	if err := json.Unmarshal(b, &doc); err != nil {
		return rp, nil, fmt.Errorf("%s: %w", path, err)
	}
	if doc.SchemaVersion != reports.SchemaVersion {
		return rp, nil, fmt.Errorf("%s: schema_version %d, but this relmap reads %d: run relmap run again", path, doc.SchemaVersion, reports.SchemaVersion)
	}
	return rp, &doc, nil
}

// writeTemplate writes the header and one row per person.
func writeTemplate(w io.Writer, people []templatePerson) error {
	rows := make([]templateRow, 0, len(people))
	for _, p := range people {
		rows = append(rows, templateRow{Rank: p.Rank, ID: p.ID, Name: reports.Text(p.Name), Company: reports.Text(p.Company),
			Title: reports.Text(p.Title), CurrentZone: reports.Text(p.Zone), CurrentStatus: reports.Text(p.StatusLabel),
			CurrentInfluence: p.Influence.String()})
	}
	return gocsv.Marshal(rows, w)
}

// writeNew writes data to path through a temporary file in the same folder and a rename, so a
// reader never sees half a file; it refuses an existing path unless force. The file is private
// (0600): it is meant to hold the user's own judgements of people.
func writeNew(path string, data []byte, force bool) error {
	if !force {
		if _, err := os.Lstat(path); err == nil {
			return fmt.Errorf("%s exists: give another -o FILE, or --force to overwrite it", path)
		}
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // gone after the rename; removes the leftover on failure
	if err := tmp.Chmod(0o600); err != nil {
		tmp.Close()
		return err
	}
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
