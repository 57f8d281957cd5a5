package main

import (
	"bytes"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// shard writes rows (a CSV body without its header) into n shard files with header, every
// row once, a tenth of them again in another shard, and each shard shuffled.
func shard(t *testing.T, dir, header string, rows []string, n int, seed uint64) []string {
	t.Helper()
	rng := rand.New(rand.NewPCG(seed, 1))
	parts := make([][]string, n)
	for i, r := range rows {
		parts[i%n] = append(parts[i%n], r)
		if rng.IntN(10) == 0 {
			parts[(i+1)%n] = append(parts[(i+1)%n], r) // the same event in two files
		}
	}
	var paths []string
	for i, p := range parts {
		rng.Shuffle(len(p), func(a, b int) { p[a], p[b] = p[b], p[a] })
		path := filepath.Join(dir, "shard-"+string(rune('a'+i))+".csv")
		if err := os.WriteFile(path, []byte(header+"\n"+strings.Join(p, "\n")+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, path)
	}
	return paths
}

func readLines(t *testing.T, path string) (string, []string) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(string(b), "\n"), "\n")
	return lines[0], lines[1:]
}

// sameOutputs fails unless every ranked.csv under two runs' latest folders is byte-identical
// (one map or every team's), and reports how many were compared.
func sameOutputs(t *testing.T, a, b string) int {
	t.Helper()
	var n int
	root, err := filepath.EvalSymlinks(filepath.Join(a, "latest"))
	if err != nil {
		t.Fatal(err)
	}
	err = filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || (d.Name() != "ranked.csv" && d.Name() != "network.gexf") {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		x, _ := os.ReadFile(p)
		y, err := os.ReadFile(filepath.Join(b, "latest", rel))
		if err != nil {
			t.Errorf("%s: only in the run on rows", rel)
			return nil
		}
		if !bytes.Equal(x, y) {
			t.Errorf("%s differs between the run on rows and the run on their pairs", rel)
		}
		n++
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// relmap fold, then relmap run pairs=…: the same ranked outputs as relmap run on the rows
// (SPEC §7), for one person's map and every team's, on an organisation whose rows come in
// three shuffled shards with events repeated across them; and the fold itself does not depend
// on the order of its inputs' rows.
func TestFoldThenRun(t *testing.T) {
	dir := t.TempDir()
	org := filepath.Join(dir, "org")
	runOK(t, "synth", "--org", "--people", "300", "--interactions", "12000", "--teams", "10", "--seed", "7", "-o", org)
	header, rows := readLines(t, filepath.Join(org, "interactions.csv"))
	shards := shard(t, dir, header, rows, 3, 1)
	people := filepath.Join(org, "people.csv")

	pairs := filepath.Join(dir, "pairs.csv")
	runOK(t, append([]string{"fold", "-o", pairs}, shards...)...)
	again := shard(t, t.TempDir(), header, rows, 3, 2) // the same rows, shuffled otherwise
	pairs2 := filepath.Join(dir, "pairs2.csv")
	runOK(t, append([]string{"fold", "-o", pairs2}, again...)...)
	a, _ := os.ReadFile(pairs)
	b, _ := os.ReadFile(pairs2)
	if !bytes.Equal(a, b) {
		t.Error("pairs.csv depends on the order of the rows")
	}
	if n := bytes.Count(a, []byte("\n")) - 1; n < len(rows) {
		t.Errorf("%d units from %d rows of group-heavy data: want more units than rows", n, len(rows))
	}

	for _, ego := range [][]string{{"--me", "E00001"}, {"--ego", "team:*"}} {
		onRows, onPairs := t.TempDir(), t.TempDir()
		runOK(t, append(append([]string{"run", "--quiet", "--deterministic", "--out", onRows}, ego...), append([]string{people}, shards...)...)...)
		runOK(t, append([]string{"run", "--quiet", "--deterministic", "--out", onPairs}, append(ego, people, "pairs="+pairs)...)...)
		if n := sameOutputs(t, onRows, onPairs); n < 2 {
			t.Errorf("%v: %d outputs compared", ego, n)
		}
	}
}

// The fabricated organisation names people by e-mail and carries cc, weights, sentiments and
// durations: the pairs give the same map as the rows.
func TestFoldGeneric(t *testing.T) {
	dir := t.TempDir()
	pairs := filepath.Join(dir, "pairs.csv")
	runOK(t, "fold", "-o", pairs, "../../testdata/generic/interactions.csv")
	onRows, onPairs := t.TempDir(), t.TempDir()
	base := []string{"run", "--quiet", "--deterministic", "--me", "ana@example.com", "../../testdata/generic/people.csv", "../../testdata/generic/ties.csv"}
	runOK(t, append(append([]string{}, base...), "--out", onRows, "../../testdata/generic/interactions.csv")...)
	runOK(t, append(append([]string{}, base...), "--out", onPairs, "pairs="+pairs)...)
	if n := sameOutputs(t, onRows, onPairs); n != 2 {
		t.Errorf("%d outputs compared", n)
	}
	b, _ := os.ReadFile(pairs)
	// t1: ana wrote dev (positive), dev answered (0.5) the next day: two units, one asked
	// each way, one sentiment each way.
	for _, want := range []string{
		"ana@example.com,dev@example.org,2026-01-05,t1,1,0,0,2,email,1,0,1,0,1000000,0\n",
		"ana@example.com,dev@example.org,2026-01-06,t1,1,0,0,2,email,0,1,0,1,0,500000\n",
	} {
		if !strings.Contains(string(b), want) {
			t.Errorf("pairs.csv lacks %q:\n%s", want, b)
		}
	}
}
