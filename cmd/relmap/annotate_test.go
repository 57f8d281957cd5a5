package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/relmap/relmap/synth"
)

// The template round trip: run the demo's export, write the template, declare one person a
// detractor and another of low influence, and run again with the file as an input named by
// nothing but its header. Both come out declared; the rows left empty declare nothing (an
// empty template leaves ranked.csv as it was), and the note reaches no output.
func TestAnnotateRoundTrip(t *testing.T) {
	dir := t.TempDir()
	export := filepath.Join(dir, synth.FileName(demoDate))
	runOK(t, "synth", "-o", export) // synth's defaults are the demo's export
	out := filepath.Join(dir, "out")
	runOK(t, "run", "--out", out, export)

	tmpl := filepath.Join(dir, "notes.csv")
	var stdout, stderr bytes.Buffer
	if err := run(context.Background(), []string{"annotate", "--template", "--out", out, "-o", tmpl}, &stdout, &stderr); err != nil {
		t.Fatalf("%v\n%s", err, stderr.String())
	}
	if stderr.Len() > 0 {
		t.Errorf("warnings writing the template:\n%s", stderr.String())
	}
	f, err := os.Open(tmpl)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(f).ReadAll()
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	if got, want := strings.Join(rows[0], ","), "rank,id,name,company,title,current_zone,current_status,current_influence,status,influence,category,team,target_status,ignore,note"; got != want {
		t.Fatalf("header %s", got)
	}
	if len(rows) != 51 {
		t.Fatalf("%d rows, want the header and the top 50", len(rows))
	}
	// Left empty, the template changes nothing ranked.
	blank := filepath.Join(dir, "blank")
	runOK(t, "run", "--out", blank, export, tmpl)
	before, err1 := os.ReadFile(filepath.Join(out, "latest", "ranked.csv"))
	after, err2 := os.ReadFile(filepath.Join(blank, "latest", "ranked.csv"))
	if err1 != nil || err2 != nil || !bytes.Equal(before, after) {
		t.Errorf("an empty template changed ranked.csv (%v, %v)", err1, err2)
	}

	col := map[string]int{}
	for i, c := range rows[0] {
		col[c] = i
	}
	const note = "NOTE-MARKER-4Q9 never printed"
	detractor, low := "", ""
	for i, r := range rows[1:] {
		if r[col["rank"]] != strconv.Itoa(i+1) {
			t.Errorf("row %d has rank %s", i+1, r[col["rank"]])
		}
		switch {
		case detractor == "" && r[col["current_status"]] != "detractor":
			detractor = r[col["id"]]
			r[col["status"]], r[col["note"]] = "detractor", note
		case low == "" && r[col["current_influence"]] != "0.2":
			low = r[col["id"]]
			r[col["influence"]] = "low"
		}
	}
	if detractor == "" || low == "" {
		t.Fatal("no two rows to fill in")
	}
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	w.WriteAll(rows)
	if err := os.WriteFile(tmpl, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}

	stdout.Reset()
	stderr.Reset()
	if err := run(context.Background(), []string{"run", "--out", out, export, tmpl}, &stdout, &stderr); err != nil {
		t.Fatalf("%v\n%s", err, stderr.String())
	}
	if strings.Contains(stderr.String(), "notes.csv") {
		t.Errorf("warnings about the template:\n%s", stderr.String())
	}
	b, err := os.ReadFile(filepath.Join(out, "latest", "ranked.json"))
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(b, []byte("NOTE-MARKER-4Q9")) {
		t.Error("the note is in ranked.json")
	}
	var doc struct {
		Coverage struct {
			Files []struct{ Name, Kind string }
		}
		People []struct {
			ID          string   `json:"id"`
			Status      float64  `json:"status"`
			StatusLabel string   `json:"status_label"`
			StatusBasis string   `json:"status_basis"`
			Influence   *float64 `json:"influence"`
		} `json:"people"`
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	kind := ""
	for _, f := range doc.Coverage.Files {
		if strings.HasSuffix(f.Name, "notes.csv") {
			kind = f.Kind
		}
	}
	if kind != "annotations" {
		t.Errorf("the template was read as %q, want annotations", kind)
	}
	declared, seen := 0, 0
	for _, p := range doc.People {
		if strings.Contains(p.StatusBasis, "declared") {
			declared++
		}
		switch p.ID {
		case detractor:
			seen++
			if p.StatusBasis != "declared" || p.Status != -1 || p.StatusLabel != "detractor" {
				t.Errorf("declared detractor %s: status %v %s, basis %q", p.ID, p.Status, p.StatusLabel, p.StatusBasis)
			}
		case low:
			seen++
			if p.Influence == nil || *p.Influence != 0.2 {
				t.Errorf("declared low influence %s: influence %v", p.ID, p.Influence)
			}
		}
	}
	if seen != 2 {
		t.Errorf("found %d of the 2 annotated people in the second run", seen)
	}
	if declared != 1 {
		t.Errorf("%d people have a declared status, want 1: an empty row declares nothing", declared)
	}
	csvOut, err := os.ReadFile(filepath.Join(out, "latest", "ranked.csv"))
	if err != nil || bytes.Contains(csvOut, []byte("NOTE-MARKER-4Q9")) {
		t.Errorf("ranked.csv: %v, or the note is in it", err)
	}
}

// -o writes the file whole, never over an existing one without --force, and leaves no
// temporary file behind.
func TestAnnotateOutputFile(t *testing.T) {
	fixture := "../../testdata/cli/annotate-template/out"
	dir := t.TempDir()
	path := filepath.Join(dir, "notes.csv")
	got := runOK(t, "annotate", "--template", "--out", fixture, "--top", "1", "-o", path)
	if want := "wrote " + path + ": 1 person to annotate, from the run as of 2025-03-14; fill it in and give it to your next run as annotations=" + path + "\n"; got != want {
		t.Errorf("stdout %q, want %q", got, want)
	}
	first, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if n := bytes.Count(first, []byte("\n")); n != 2 {
		t.Errorf("%d lines, want the header and 1 row:\n%s", n, first)
	}
	err = run(context.Background(), []string{"annotate", "--template", "--out", fixture, "-o", path}, &bytes.Buffer{}, &bytes.Buffer{})
	if err == nil || !strings.Contains(err.Error(), "exists: give another -o FILE, or --force") {
		t.Errorf("over an existing file: %v", err)
	}
	if b, _ := os.ReadFile(path); !bytes.Equal(b, first) {
		t.Error("the existing file changed without --force")
	}
	runOK(t, "annotate", "--template", "--out", fixture, "--top", "4", "--excel", "--force", "-o", path)
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(b, []byte("\uFEFFrank,id,name,")) || bytes.Count(b, []byte("\n")) != 5 {
		t.Errorf("with --force --excel --top 4:\n%s", b)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("left behind: %v", entries)
	}
}

// A pseudonymized run's template lists the tokens as names, and its rows still reach their
// people: by relmap's id, which pseudonymizing leaves as it is.
func TestAnnotatePseudonymized(t *testing.T) {
	out := t.TempDir()
	samples := "../../testdata/linkedin/samples"
	runOK(t, "run", "--pseudonymize", "--salt", "test-salt", "--out", out, samples)
	var stdout, stderr bytes.Buffer
	if err := run(context.Background(), []string{"annotate", "--template", "--out", out}, &stdout, &stderr); err != nil {
		t.Fatalf("%v\n%s", err, stderr.String())
	}
	rows, err := csv.NewReader(&stdout).ReadAll()
	if err != nil || len(rows) < 2 {
		t.Fatalf("%v: %d rows", err, len(rows))
	}
	for _, r := range rows[1:] {
		if !strings.HasPrefix(r[2], "person-") {
			t.Errorf("name %q is not a token", r[2])
		}
	}
	rows[1][8] = "detractor"
	var buf bytes.Buffer
	csv.NewWriter(&buf).WriteAll(rows)
	tmpl := filepath.Join(t.TempDir(), "notes.csv")
	os.WriteFile(tmpl, buf.Bytes(), 0o600)
	runOK(t, "run", "--pseudonymize", "--salt", "test-salt", "--out", out, samples, tmpl)
	b, _ := os.ReadFile(filepath.Join(out, "latest", "ranked.csv"))
	if !strings.Contains(string(b), ","+rows[1][1]+","+rows[1][2]+",") || !strings.Contains(string(b), "declared") {
		t.Errorf("the annotation by id did not reach %s in a pseudonymized run:\n%s", rows[1][1], b)
	}
}

// A run of every team's map has no one list to make a template from, and says which run has.
func TestAnnotateAllTeams(t *testing.T) {
	out := t.TempDir()
	runOK(t, "run", "--ego", "team:*", "--out", out, "../../testdata/generic/people.csv", "../../testdata/generic/interactions.csv")
	err := run(context.Background(), []string{"annotate", "--template", "--out", out}, &bytes.Buffer{}, &bytes.Buffer{})
	if err == nil || !strings.Contains(err.Error(), "--ego team:NAME") {
		t.Errorf("after --ego 'team:*': %v", err)
	}
}
