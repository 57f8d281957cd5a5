package main

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/relmap/relmap/analysis"
	"github.com/relmap/relmap/importers"
)

// importers and analysis name no flag; the command says their errors in its flags' words,
// keeping the problems a failed load lists after them and the error's type.
func TestInFlags(t *testing.T) {
	people := "id,name,email\n1,John Smith,j1@x.com\n2,John Smith,j2@x.com\n"
	mail := "time,from,to\n2026-01-02T10:00:00Z,j1@x.com,j2@x.com\nlast tuesday,j1@x.com,j2@x.com\n" // a row it cannot read: a problem listed
	fsys := fstest.MapFS{"people.csv": {Data: []byte(people)}, "interactions.csv": {Data: []byte(mail)}}
	load := func(me string) error {
		_, err := importers.Load([]importers.Source{{Name: "x", FS: fsys}}, importers.Options{Me: me})
		return err
	}
	for _, c := range []struct {
		me, want string
	}{
		{"", "whose map is this? Name yourself with --me KEY"},
		{"ghost@x.com", `--me "ghost@x.com" matches no one in the inputs: give an id`},
		{"John Smith", `--me "John Smith" names 2 people: give an e-mail, profile URL or id that is yours alone`},
	} {
		err := load(c.me)
		var me *importers.MeError
		if !errors.As(err, &me) {
			t.Fatalf("me %q: %v, want an importers.MeError", c.me, err)
		}
		if strings.Contains(err.Error(), "--me") {
			t.Errorf("importers names a flag: %v", err)
		}
		got := inFlags(err)
		if !strings.HasPrefix(got.Error(), c.want) || !errors.As(got, &me) {
			t.Errorf("me %q: %q, want it to start %q (and stay a MeError)", c.me, got, c.want)
		}
		if c.me != "John Smith" && !strings.Contains(got.Error(), "\n  x:interactions.csv:3: time") {
			t.Errorf("me %q: the problem met before is not listed after the error: %q", c.me, got)
		}
		if lines := strings.Count(err.Error(), "\n"); strings.Count(got.Error(), "\n") != lines {
			t.Errorf("me %q: the problems listed after the error changed: %q from %q", c.me, got, err)
		}
	}
	wrapped := fmt.Errorf("team x: %w", analysis.ErrNoEgo)
	if got := inFlags(wrapped).Error(); got != "team x: no one at the centre of the map: name yourself with --me, or map teams with --ego team:NAME" {
		t.Errorf("no ego: %q", got)
	}
	if other := errors.New("disk full"); inFlags(other) != other {
		t.Error("an error that names no option is changed")
	}
}
