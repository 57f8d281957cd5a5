package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// relmap sends nothing over the network (SPEC §6, docs/security.md): a run over an input of
// every kind — a LinkedIn export, generic tables, an .xlsx workbook, vCard, Google and
// Outlook contacts, iCalendar and Outlook calendars, mbox — then history, explain and diff,
// traced with strace, makes no network system call at all (no socket, connect, sendto …),
// though the binary links net/http through excelize.
func TestNoNetwork(t *testing.T) {
	strace, err := exec.LookPath("strace")
	if err != nil {
		msg := "strace not found: apt-get install strace to check that relmap makes no network call"
		if os.Getenv("RELMAP_REQUIRE_TOOLS") == "1" {
			t.Fatal(msg + " (RELMAP_REQUIRE_TOOLS=1)")
		}
		t.Skip(msg + " (set RELMAP_REQUIRE_TOOLS=1 to make this a failure)")
	}
	bin := buildRelmap(t)
	td, _ := filepath.Abs("../../testdata")
	out := filepath.Join(t.TempDir(), "out")
	trace := filepath.Join(t.TempDir(), "trace")
	inputs := []string{
		filepath.Join(td, "linkedin/samples"),
		"people=" + filepath.Join(td, "generic/people.csv"), filepath.Join(td, "generic/interactions.csv"),
		filepath.Join(td, "sources/vcard"), filepath.Join(td, "sources/google"), filepath.Join(td, "sources/outlook"),
		filepath.Join(td, "sources/ics"), filepath.Join(td, "sources/outlook-calendar"), filepath.Join(td, "sources/mbox"),
		filepath.Join(td, "linkedin/connections-xlsx"),
	}
	for _, args := range [][]string{
		append([]string{"run", "--out", out}, inputs...),
		append([]string{"run", "--out", out}, inputs...), // a second run: history and diff.json
		{"history", "--out", out},
		{"diff", "--out", out},
		{"explain", "--out", out, "Jordan Pike"},
	} {
		// openat too: a trace that shows the files read shows that tracing works.
		cmd := exec.Command(strace, append([]string{"-f", "-qq", "-e", "trace=%network,openat", "-o", trace, bin}, args...)...)
		cmd.Env = append(os.Environ(), "CI=1")
		if b, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("relmap %s: %v\n%s", strings.Join(args, " "), err, b)
		}
		b, err := os.ReadFile(trace)
		if err != nil {
			t.Fatal(err)
		}
		opens, network := 0, 0
		for _, c := range regexp.MustCompile(`(?m)^\d+\s+(\w+)\(`).FindAllStringSubmatch(string(b), -1) {
			if c[1] == "openat" {
				opens++
				continue
			}
			network++
			t.Errorf("relmap %s made a network call: %s", args[0], c[1])
		}
		if opens == 0 {
			t.Errorf("relmap %s: strace saw no file opened either: the trace does not work", args[0])
		}
		if network > 0 {
			t.Logf("trace:\n%.2000s", b)
		}
	}
}
