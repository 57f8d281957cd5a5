package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/relmap/relmap/reports"
)

func runOK(t *testing.T, args ...string) string {
	t.Helper()
	var stdout, stderr bytes.Buffer
	if err := run(context.Background(), args, &stdout, &stderr); err != nil {
		t.Fatalf("relmap %s: %v\n%s", strings.Join(args, " "), err, stderr.String())
	}
	return stdout.String()
}

// Two runs on the same input give byte-identical CSV, JSON and SVG (SPEC §4).
func TestRunDeterministic(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	runOK(t, "run", "--out", a, "../../testdata/linkedin/samples")
	runOK(t, "run", "--out", b, "../../testdata/linkedin/samples")
	for _, name := range []string{"ranked.csv", "ranked.json", "stakeholder-map.svg"} {
		x, err := os.ReadFile(filepath.Join(a, "latest", name))
		if err != nil {
			t.Fatal(err)
		}
		y, err := os.ReadFile(filepath.Join(b, "latest", name))
		if err != nil {
			t.Fatal(err)
		}
		if len(x) == 0 || !bytes.Equal(x, y) {
			t.Errorf("%s differs between two runs (%d vs %d bytes)", name, len(x), len(y))
		}
	}
}

// The samples end to end: the owner is not ranked, the columns are SPEC §4's, every person
// appears once, and ranked.json carries the same rows and the coverage of every file.
func TestRunSamples(t *testing.T) {
	out := t.TempDir()
	runOK(t, "run", "--out", out, "../../testdata/linkedin/samples")
	f, err := os.Open(filepath.Join(out, "latest", "ranked.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(rows[0], ",") != strings.Join(reports.Columns, ",") {
		t.Fatalf("header %v", rows[0])
	}
	names := map[string]int{}
	for _, r := range rows[1:] {
		names[r[2]]++
	}
	if names["Jordan Pike"] != 0 {
		t.Error("the owner is ranked")
	}
	if names["Zoë Brandt-Ilić"] != 1 || names["Maren Holtby"] != 1 || names["Tobias Quell"] != 1 {
		t.Errorf("names %v", names)
	}
	var doc struct {
		SchemaVersion int    `json:"schema_version"`
		AsOf          string `json:"as_of"`
		Ego           struct{ Name string }
		People        []map[string]any
		Coverage      struct {
			Files []struct {
				Name    string
				Rows    int
				Skipped map[string]int
			}
		}
	}
	b, _ := os.ReadFile(filepath.Join(out, "latest", "ranked.json"))
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	if doc.SchemaVersion != 1 || doc.Ego.Name != "Jordan Pike" || doc.AsOf != "2026-02-11" || len(doc.People) != len(rows)-1 {
		t.Errorf("json: schema %d ego %q as_of %s people %d", doc.SchemaVersion, doc.Ego.Name, doc.AsOf, len(doc.People))
	}
	for i, p := range doc.People {
		if p["name"] != rows[i+1][2] || p["zone"] != rows[i+1][14] {
			t.Errorf("json row %d = %v %v, csv %v %v", i, p["name"], p["zone"], rows[i+1][2], rows[i+1][14])
		}
		for _, c := range reports.Columns {
			if _, ok := p[c]; !ok {
				t.Errorf("json row %d lacks %s", i, c)
			}
		}
	}
	total := 0
	for _, f := range doc.Coverage.Files {
		for _, n := range f.Skipped {
			total += n
		}
	}
	if len(doc.Coverage.Files) != 6 || total != 4 {
		t.Errorf("coverage: %d files, %d rows skipped; want 6 and 4 (ghost, draft, member, sponsored)", len(doc.Coverage.Files), total)
	}
	target, err := os.Readlink(filepath.Join(out, "latest"))
	if err != nil || !strings.HasPrefix(target, "runs"+string(filepath.Separator)) {
		t.Errorf("latest -> %q, %v", target, err)
	}
}
