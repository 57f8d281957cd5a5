package main

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// ranked.csv joins back to the user's own people file by `key` (SPEC §4, issue 17): every
// ranked person's key is their employee id as the file writes it — two people named Wei Zhang
// are told apart by it — and a person the people file does not list is keyed by e-mail; team
// and department come along. Under --pseudonymize the key is a token, the same for the same
// key in both runs.
func TestJoinKeys(t *testing.T) {
	dir := t.TempDir()
	people := `employee_id,name,email,title,team,department
E-0001,Ana Ruiz,ana@example.com,Head of Data,Data,Engineering
E-0002,Wei Zhang,wei.zhang@example.com,Data Engineer,Platform,Engineering
E-0003,Wei Zhang,wzhang@example.com,Account Manager,Sales EMEA,Sales
E-0004,Bo Chan,bo@example.com,VP Sales,Sales EMEA,Sales
`
	interactions := `time,from,to,channel
2026-01-05T10:00:00Z,ana@example.com,wzhang@example.com,email
2026-01-06T10:00:00Z,wzhang@example.com,ana@example.com,email
2026-01-07T10:00:00Z,ana@example.com,bo@example.com;wzhang@example.com,meeting
2026-01-08T10:00:00Z,bo@example.com,wei.zhang@example.com,email
2026-01-09T10:00:00Z,ana@example.com,guest@partner.example,email
`
	for name, body := range map[string]string{"people.csv": people, "interactions.csv": interactions} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(strings.ReplaceAll(body, "employee_id", "id")), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	byID := map[string][]string{}
	rows, err := csv.NewReader(strings.NewReader(strings.ReplaceAll(people, "employee_id", "id"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rows[1:] {
		byID[r[0]] = r
	}

	read := func(out string) []map[string]string {
		f, err := os.Open(filepath.Join(out, "latest", "ranked.csv"))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		recs, err := csv.NewReader(f).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		var out2 []map[string]string
		for _, r := range recs[1:] {
			m := map[string]string{}
			for i, c := range recs[0] {
				m[c] = r[i]
			}
			out2 = append(out2, m)
		}
		return out2
	}

	out := filepath.Join(dir, "out")
	runOK(t, "run", "--me", "ana@example.com", "--out", out, "people="+filepath.Join(dir, "people.csv"), filepath.Join(dir, "interactions.csv"))
	ranked := read(out)
	if len(ranked) != 4 {
		t.Fatalf("%d ranked, want 4 (two Wei Zhang, Bo Chan, the guest)", len(ranked))
	}
	weis := 0
	for _, r := range ranked {
		if r["key"] == "guest@partner.example" {
			continue // not in the people file: keyed by e-mail
		}
		p, ok := byID[r["key"]]
		if !ok {
			t.Errorf("%s: key %q joins no row of the people file", r["name"], r["key"])
			continue
		}
		if p[1] != r["name"] || p[3] != r["title"] || p[4] != r["team"] || p[5] != r["department"] {
			t.Errorf("key %q joins %v, but ranked.csv says %s, %s, %s, %s", r["key"], p, r["name"], r["title"], r["team"], r["department"])
		}
		if r["name"] == "Wei Zhang" {
			weis++
		}
	}
	if weis != 2 {
		t.Errorf("%d Wei Zhang rows joined by key, want 2", weis)
	}

	// Pseudonymized: tokens, stable across runs, never the id or the e-mail.
	tokens := map[string]string{}
	for range 2 {
		pout := filepath.Join(dir, "pseudo")
		runOK(t, "run", "--pseudonymize", "--salt", "s", "--me", "ana@example.com", "--out", pout, "people="+filepath.Join(dir, "people.csv"), filepath.Join(dir, "interactions.csv"))
		for _, r := range read(pout) {
			if strings.HasPrefix(r["key"], "E-") || strings.Contains(r["key"], "@") || !strings.HasPrefix(r["key"], "key-") {
				t.Errorf("pseudonymized key %q", r["key"])
			}
			if prev, ok := tokens[r["id"]]; ok && prev != r["key"] {
				t.Errorf("%s: key token %s, then %s", r["id"], prev, r["key"])
			}
			tokens[r["id"]] = r["key"]
		}
	}
}
