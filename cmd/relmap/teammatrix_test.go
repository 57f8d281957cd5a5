package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A run of every team's map writes team-matrix.csv, .png and .svg at the run's root; under
// --pseudonymize the same bytes, team names kept (they are not people) and no one named.
func TestTeamMatrixFiles(t *testing.T) {
	read := func(out, name string) []byte {
		t.Helper()
		b, err := os.ReadFile(filepath.Join(out, "latest", name))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	plain, pseudo := t.TempDir(), t.TempDir()
	in := []string{"../../testdata/generic/people.csv", "../../testdata/generic/interactions.csv"}
	runOK(t, append([]string{"run", "--quiet", "--ego", "team:*", "--out", plain}, in...)...)
	runOK(t, append([]string{"run", "--quiet", "--ego", "team:*", "--pseudonymize", "--salt", "s", "--out", pseudo}, in...)...)
	// testdata/generic: the sum of the tie strengths between the teams' members, as the
	// network.gexf of the same run has them.
	want := "team_a,team_b,strength,ties\n" +
		"Data,Data,1,1\nData,Finance,0.996157,1\nData,Leadership,1,1\nData,Sales,1.27068,1\n" +
		"Finance,Leadership,1.5,1\nFinance,Sales,0.25,1\nLeadership,Sales,1.5,1\n"
	if got := string(read(plain, "team-matrix.csv")); got != want {
		t.Errorf("team-matrix.csv:\n%s\nwant:\n%s", got, want)
	}
	for _, name := range []string{"team-matrix.csv", "team-matrix.png", "team-matrix.svg"} {
		if !bytes.Equal(read(plain, name), read(pseudo, name)) {
			t.Errorf("%s differs under --pseudonymize", name)
		}
	}
	svg := string(read(pseudo, "team-matrix.svg"))
	for _, name := range []string{"Ana Ruiz", "Bo Chan", "Carla Méndez", "ana@example.com"} {
		if strings.Contains(svg, name) {
			t.Errorf("team-matrix.svg names %s", name)
		}
	}
	if !strings.Contains(svg, "Leadership") {
		t.Error("team-matrix.svg does not name the teams")
	}
}
