package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/goccy/go-yaml"
)

const schedulingDir = "../../examples/scheduling"

// The scheduling examples of docs/scheduling.md are checked, so that a user can copy them: the
// YAML ones parse and run relmap with flags it has, the crontab line has five time fields, and
// the systemd units pass `systemd-analyze verify` where systemd is (they are parsed otherwise).
func TestSchedulingExamples(t *testing.T) {
	for _, name := range []string{"github-actions.yml", "kubernetes-cronjob.yaml"} {
		b, err := os.ReadFile(filepath.Join(schedulingDir, name))
		if err != nil {
			t.Fatal(err)
		}
		var doc map[string]any
		if err := yaml.UnmarshalWithOptions(b, &doc, yaml.Strict()); err != nil {
			t.Errorf("%s: %v", name, err)
		}
		checkFlags(t, name, string(b))
	}
	cron, err := os.ReadFile(filepath.Join(schedulingDir, "crontab"))
	if err != nil {
		t.Fatal(err)
	}
	jobs := 0
	for _, line := range strings.Split(string(cron), "\n") {
		if line == "" || strings.HasPrefix(line, "#") || strings.Contains(strings.Fields(line)[0], "=") {
			continue
		}
		f := strings.Fields(line)
		if len(f) < 6 || !regexp.MustCompile(`^[0-9*/,-]+$`).MatchString(strings.Join(f[:5], "")) || f[5] != "relmap" {
			t.Errorf("crontab line %q: want five time fields, then relmap", line)
		}
		jobs++
		checkFlags(t, "crontab", line)
	}
	if jobs != 1 {
		t.Errorf("%d cron jobs", jobs)
	}
	service, _ := os.ReadFile(filepath.Join(schedulingDir, "relmap.service"))
	timer, _ := os.ReadFile(filepath.Join(schedulingDir, "relmap.timer"))
	for name, unit := range map[string]string{"relmap.service": string(service), "relmap.timer": string(timer)} {
		section := ""
		for _, line := range strings.Split(unit, "\n") {
			switch {
			case line == "" || strings.HasPrefix(line, "#"):
			case strings.HasPrefix(line, "[") && strings.HasSuffix(line, "]"):
				section = line
			case section == "" || !strings.Contains(line, "="):
				t.Errorf("%s: %q is not a key=value line of a section", name, line)
			}
		}
	}
	checkFlags(t, "relmap.service", string(service))
	if _, err := exec.LookPath("systemd-analyze"); err != nil {
		t.Log("systemd-analyze is not installed: the units were parsed, not verified")
		return
	}
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "relmap.service"), []byte(strings.ReplaceAll(string(service), "/usr/local/bin/relmap", "/bin/true")), 0o644)
	os.WriteFile(filepath.Join(dir, "relmap.timer"), timer, 0o644)
	cmd := exec.Command("systemd-analyze", "verify", "relmap.service", "relmap.timer")
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil || len(strings.TrimSpace(string(out))) > 0 {
		t.Errorf("systemd-analyze verify: %v\n%s", err, out)
	}
}

// checkFlags checks that every --flag an example gives to relmap run is one relmap run has.
func checkFlags(t *testing.T, name, text string) {
	t.Helper()
	run := runCommand(nil, nil)
	for _, m := range regexp.MustCompile(`(?:^|[\s"\[])--([a-z][a-z-]+)`).FindAllStringSubmatch(text, -1) {
		if run.Flags().Lookup(m[1]) == nil {
			t.Errorf("%s: relmap run has no --%s", name, m[1])
		}
	}
}
