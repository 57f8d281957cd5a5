package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/goccy/go-yaml"
)

const schedulingDir = "../../examples/scheduling"

// The two exports the runs of the examples find in their exports folder: the newest by its
// name's date is the one read.
const (
	olderExport  = "Basic_LinkedInDataExport_01-05-2026.zip"
	newestExport = "Basic_LinkedInDataExport_01-12-2026.zip"
	newestAsOf   = "2026-01-12"
	testSalt     = "examples-test-salt"
)

// The scheduling examples of docs/scheduling.md are checked, so that a user can copy them: the
// YAML ones parse and run relmap with flags it has, the crontab line has five time fields, and
// the systemd units pass `systemd-analyze verify` where systemd is (they are parsed otherwise).
// Then each example's command line is run as written on a temporary folder (see
// runSchedulingExamples), and the Dockerfile the Kubernetes example's image comes from is
// checked for its shape.
func TestSchedulingExamples(t *testing.T) {
	for _, name := range []string{"github-actions.yml", "kubernetes-cronjob.yaml", "relmap.yaml"} {
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
	if _, err := loadConfig(filepath.Join(schedulingDir, "relmap.yaml")); err != nil {
		t.Errorf("relmap.yaml: %v", err)
	}
	line := cronJob(t)
	checkFlags(t, "crontab", line)
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
	t.Run("systemd-analyze", func(t *testing.T) {
		if _, err := exec.LookPath("systemd-analyze"); err != nil {
			t.Skip("systemd-analyze is not installed: the units were parsed, not verified")
		}
		dir := t.TempDir()
		os.WriteFile(filepath.Join(dir, "relmap.service"), []byte(strings.ReplaceAll(string(service), "/usr/local/bin/relmap", "/bin/true")), 0o644)
		os.WriteFile(filepath.Join(dir, "relmap.timer"), timer, 0o644)
		cmd := exec.Command("systemd-analyze", "verify", "relmap.service", "relmap.timer")
		cmd.Dir = dir
		if out, err := cmd.CombinedOutput(); err != nil || len(strings.TrimSpace(string(out))) > 0 {
			t.Errorf("systemd-analyze verify: %v\n%s", err, out)
		}
	})
	t.Run("Dockerfile", checkDockerfile)
	t.Run("run", runSchedulingExamples)
}

// cronJob is the crontab's one job line, checked: five time fields, then a command that runs
// relmap, with no % (cron would turn it into a newline).
func cronJob(t *testing.T) string {
	t.Helper()
	cron, err := os.ReadFile(filepath.Join(schedulingDir, "crontab"))
	if err != nil {
		t.Fatal(err)
	}
	var jobs []string
	for _, line := range strings.Split(string(cron), "\n") {
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") || strings.Contains(strings.Fields(line)[0], "=") {
			continue
		}
		f := strings.Fields(line)
		if len(f) < 6 || !regexp.MustCompile(`^[0-9*/,-]+$`).MatchString(strings.Join(f[:5], "")) {
			t.Errorf("crontab line %q: want five time fields, then the command", line)
		}
		if !regexp.MustCompile(`(^|&&|;|\|\|)\s*relmap run `).MatchString(strings.Join(f[min(5, len(f)):], " ")) {
			t.Errorf("crontab line %q: the command runs no relmap run", line)
		}
		if strings.Contains(line, "%") {
			t.Errorf("crontab line %q: cron turns %% into a newline", line)
		}
		jobs = append(jobs, line)
	}
	if len(jobs) != 1 {
		t.Fatalf("%d cron jobs", len(jobs))
	}
	return jobs[0]
}

// checkFlags checks that every --flag an example gives to relmap run is one relmap run has
// (the comments' other commands aside).
func checkFlags(t *testing.T, name, text string) {
	t.Helper()
	run := runCommand(nil, nil)
	text = regexp.MustCompile(`(?m)^\s*#.*$`).ReplaceAllString(text, "")
	for _, m := range regexp.MustCompile(`(?:^|[\s"\[])--([a-z][a-z-]+)`).FindAllStringSubmatch(text, -1) {
		if run.Flags().Lookup(m[1]) == nil {
			t.Errorf("%s: relmap run has no --%s", name, m[1])
		}
	}
}

// checkDockerfile checks the shape of the Dockerfile at the repository's root, which the
// Kubernetes example's image is built from: a build stage that builds the static binary
// (CGO_ENABLED=0), then a final stage FROM scratch that holds that binary alone and runs it as
// the non-root user the CronJob names, with no shell (exec-form ENTRYPOINT, no RUN).
func checkDockerfile(t *testing.T) {
	b, err := os.ReadFile("../../Dockerfile")
	if err != nil {
		t.Fatal(err)
	}
	type instr struct{ op, args string }
	var stages [][]instr
	var cont string
	for _, line := range strings.Split(string(b), "\n") {
		line = strings.TrimSpace(line)
		if strings.HasPrefix(line, "#") || line == "" && cont == "" {
			continue
		}
		if strings.HasSuffix(line, `\`) {
			cont += strings.TrimSuffix(line, `\`) + " "
			continue
		}
		line, cont = cont+line, ""
		op, args, _ := strings.Cut(line, " ")
		op, args = strings.ToUpper(op), strings.TrimSpace(args)
		switch {
		case op == "FROM":
			stages = append(stages, []instr{{op, args}})
		case len(stages) == 0 && op == "ARG":
		case len(stages) == 0:
			t.Fatalf("Dockerfile: %s before the first FROM", op)
		default:
			stages[len(stages)-1] = append(stages[len(stages)-1], instr{op, args})
		}
	}
	if len(stages) < 2 {
		t.Fatalf("Dockerfile: %d stages, want a build stage and a final stage FROM scratch", len(stages))
	}
	build := ""
	for _, s := range stages[:len(stages)-1] {
		for _, in := range s {
			build += in.op + " " + in.args + "\n"
		}
	}
	if !strings.Contains(build, "CGO_ENABLED=0") || !regexp.MustCompile(`"?go"?,?\s+"?build"?`).MatchString(build) || !strings.Contains(build, "./cmd/relmap") {
		t.Errorf("Dockerfile: no build stage runs CGO_ENABLED=0 go build ./cmd/relmap:\n%s", build)
	}
	final := stages[len(stages)-1]
	if final[0].args != "scratch" {
		t.Errorf("Dockerfile: the final stage is FROM %s, want FROM scratch", final[0].args)
	}
	var copies []string
	user, entry := "", ""
	for _, in := range final[1:] {
		switch in.op {
		case "COPY":
			if !strings.HasPrefix(in.args, "--from=") {
				t.Errorf("Dockerfile: the final stage copies %q from the build context, want the binary from the build stage only", in.args)
			}
			copies = append(copies, in.args)
		case "USER":
			user = in.args
		case "ENTRYPOINT":
			entry = in.args
		case "LABEL", "ENV", "WORKDIR":
		default:
			t.Errorf("Dockerfile: the final stage has %s %s (a scratch image has no shell)", in.op, in.args)
		}
	}
	if len(copies) != 1 {
		t.Errorf("Dockerfile: the final stage copies %q, want the binary alone", copies)
	}
	if user != "65532:65532" {
		t.Errorf("Dockerfile: USER %q, want 65532:65532 (the CronJob's runAsUser and fsGroup)", user)
	}
	var ep []string
	if json.Unmarshal([]byte(entry), &ep) != nil || len(ep) != 1 || len(copies) == 1 && !strings.HasSuffix(copies[0], " "+ep[0]) {
		t.Errorf("Dockerfile: ENTRYPOINT %s, want the copied binary in exec form (no shell)", entry)
	}
	ignore, err := os.ReadFile("../../.dockerignore")
	if err != nil {
		t.Errorf("no .dockerignore: %v", err)
	}
	for _, p := range []string{".git", "out"} {
		if !regexp.MustCompile(`(?m)^/?` + regexp.QuoteMeta(p) + `/?$`).Match(ignore) {
			t.Errorf(".dockerignore does not leave out %s", p)
		}
	}
}

// runSchedulingExamples runs each example's command line as written on a temporary folder: the
// crontab's job through /bin/sh (twice), the systemd service's ExecStart with %h and the
// binary's path resolved as systemd would, the Kubernetes container's args with its mounts
// mapped to temporary folders, and the GitHub Actions job's run steps that call relmap, each
// with a relmap built from this tree on PATH.
func runSchedulingExamples(t *testing.T) {
	bin := buildRelmap(t)
	t.Run("crontab", func(t *testing.T) {
		t.Parallel()
		line := cronJob(t)
		home := t.TempDir()
		exportsFolder(t, bin, filepath.Join(home, "exports"))
		command := regexp.MustCompile(`^\s*(\S+\s+){5}`).ReplaceAllString(line, "")
		// cron's environment: HOME, LOGNAME, SHELL and PATH, then the crontab's own settings;
		// relmap's folder goes first on PATH.
		env := map[string]string{"HOME": home, "LOGNAME": "relmap", "SHELL": "/bin/sh", "PATH": "/usr/bin:/bin"}
		cron, _ := os.ReadFile(filepath.Join(schedulingDir, "crontab"))
		for _, l := range strings.Split(string(cron), "\n") {
			if k, v, ok := strings.Cut(l, "="); ok && !strings.HasPrefix(l, "#") && regexp.MustCompile(`^[A-Z_]+$`).MatchString(k) {
				env[k] = v
			}
		}
		env["PATH"] = filepath.Dir(bin) + ":" + env["PATH"]
		for i := range 2 {
			cmd := exec.Command(env["SHELL"], "-c", command)
			cmd.Dir, cmd.Env = home, envList(env)
			if out, err := cmd.CombinedOutput(); err != nil || len(out) > 0 {
				log, _ := os.ReadFile(filepath.Join(home, "relmap", "errors.log"))
				t.Fatalf("run %d of %s: %v\n%s\nerrors.log:\n%s", i+1, command, err, out, log)
			}
		}
		checkRuns(t, filepath.Join(home, "relmap"), 2)
		checkNewest(t, filepath.Join(home, "relmap"))
		if log, err := os.ReadFile(filepath.Join(home, "relmap", "errors.log")); err != nil {
			t.Errorf("the crontab's log: %v", err)
		} else if len(log) > 0 {
			t.Logf("errors.log after two runs:\n%s", log)
		}
	})
	t.Run("systemd", func(t *testing.T) {
		t.Parallel()
		service, err := os.ReadFile(filepath.Join(schedulingDir, "relmap.service"))
		if err != nil {
			t.Fatal(err)
		}
		m := regexp.MustCompile(`(?m)^ExecStart=(.*)$`).FindSubmatch(service)
		if m == nil {
			t.Fatal("relmap.service has no ExecStart")
		}
		home := t.TempDir()
		exportsFolder(t, bin, filepath.Join(home, "exports"))
		line := strings.ReplaceAll(string(m[1]), "%h", home)
		if strings.ContainsAny(line, `%$"'\`) || strings.ContainsAny(line[:1], "-@+!:") {
			t.Fatalf("ExecStart=%s: a specifier, variable, quote or prefix this test does not resolve", m[1])
		}
		args := strings.Fields(line)
		if args[0] != "/usr/local/bin/relmap" {
			t.Fatalf("ExecStart runs %s, want /usr/local/bin/relmap", args[0])
		}
		cmd := exec.Command(bin, args[1:]...)
		cmd.Dir = "/"
		cmd.Env = envList(map[string]string{"HOME": home, "PATH": "/usr/bin:/bin", "USER": "relmap"})
		if out, err := cmd.CombinedOutput(); err != nil || len(out) > 0 {
			t.Fatalf("ExecStart=%s: %v\n%s", line, err, out)
		}
		checkRuns(t, filepath.Join(home, "relmap"), 1)
		checkNewest(t, filepath.Join(home, "relmap"))
	})
	t.Run("kubernetes", func(t *testing.T) {
		t.Parallel()
		b, err := os.ReadFile(filepath.Join(schedulingDir, "kubernetes-cronjob.yaml"))
		if err != nil {
			t.Fatal(err)
		}
		var job cronJobYAML
		if err := yaml.Unmarshal(b, &job); err != nil {
			t.Fatal(err)
		}
		pod := job.Spec.JobTemplate.Spec.Template.Spec
		if len(pod.Containers) != 1 {
			t.Fatalf("%d containers", len(pod.Containers))
		}
		c := pod.Containers[0]
		sc := pod.SecurityContext
		if sc["runAsNonRoot"] != true || sc["fsGroup"] == nil || sc["runAsGroup"] != sc["fsGroup"] {
			t.Errorf("the pod's securityContext %v: want runAsNonRoot, and fsGroup (= runAsGroup) so that the data volume is writable by the user", sc)
		}
		if u, _ := sc["runAsUser"].(uint64); u != 65532 {
			t.Errorf("runAsUser %v, want the Dockerfile's USER 65532", sc["runAsUser"])
		}
		configMaps := map[string]bool{}
		for _, v := range pod.Volumes {
			configMaps[v.Name] = v.ConfigMap != nil
		}
		// The mounts become temporary folders: a ConfigMap's holds the sample config (the
		// ConfigMap made from relmap.yaml), a read-only one the inputs, a writable one the output.
		args := slices.Clone(c.Args)
		var data string
		for _, vm := range c.VolumeMounts {
			dir := t.TempDir()
			switch {
			case configMaps[vm.Name]:
				copyFile(t, filepath.Join(schedulingDir, "relmap.yaml"), filepath.Join(dir, "relmap.yaml"))
			case vm.ReadOnly:
				runBin(t, bin, "synth", "--org", "--people", "150", "--interactions", "6000", "--teams", "5", "-o", dir)
			default:
				data = dir
			}
			used := false
			for i, a := range args {
				if a == vm.MountPath || strings.HasPrefix(a, vm.MountPath+"/") {
					args[i] = dir + strings.TrimPrefix(a, vm.MountPath)
					used = true
				}
			}
			if !used {
				t.Errorf("the args %q use no %s", c.Args, vm.MountPath)
			}
		}
		if !slices.ContainsFunc(c.Env, func(e struct{ Name string }) bool { return e.Name == "RELMAP_SALT" }) {
			t.Errorf("the container's env has no RELMAP_SALT")
		}
		if args[0] != "run" {
			t.Fatalf("args %q: want relmap run", c.Args)
		}
		cmd := exec.Command(bin, args...)
		cmd.Dir = "/"
		cmd.Env = envList(map[string]string{"PATH": "/usr/bin:/bin", "RELMAP_SALT": testSalt})
		if out, err := cmd.CombinedOutput(); err != nil || len(out) > 0 {
			t.Fatalf("relmap %q: %v\n%s", args, err, out)
		}
		if data == "" {
			t.Fatal("no writable volume for the output")
		}
		checkRuns(t, data, 1)
	})
	t.Run("github-actions", func(t *testing.T) {
		t.Parallel()
		b, err := os.ReadFile(filepath.Join(schedulingDir, "github-actions.yml"))
		if err != nil {
			t.Fatal(err)
		}
		var wf struct {
			Jobs map[string]struct {
				Steps []struct {
					Uses string
					Run  string
					Env  map[string]string
					With map[string]any
				}
			}
		}
		if err := yaml.Unmarshal(b, &wf); err != nil {
			t.Fatal(err)
		}
		shell := "bash" // GitHub's default shell on Linux: bash -e
		if _, err := exec.LookPath(shell); err != nil {
			shell = "/bin/sh"
		}
		ran := 0
		for name, job := range wf.Jobs {
			work := t.TempDir() // the checked-out repository: exports/ and relmap.yaml
			exportsFolder(t, bin, filepath.Join(work, "exports"))
			copyFile(t, filepath.Join(schedulingDir, "relmap.yaml"), filepath.Join(work, "relmap.yaml"))
			for _, step := range job.Steps {
				switch {
				case strings.HasPrefix(step.Uses, "actions/upload-artifact"):
					p, _ := step.With["path"].(string)
					if _, err := os.Stat(filepath.Join(work, p, "ranked.csv")); err != nil {
						t.Errorf("job %s: the artifact's path %s: %v", name, p, err)
					}
				case !regexp.MustCompile(`(?m)^relmap `).MatchString(step.Run):
					continue // setup steps; relmap is on PATH already
				}
				env := map[string]string{"HOME": t.TempDir(), "PATH": filepath.Dir(bin) + ":/usr/bin:/bin", "CI": "true", "GITHUB_ACTIONS": "true"}
				for k, v := range step.Env {
					env[k] = regexp.MustCompile(`\$\{\{\s*secrets\.\w+\s*\}\}`).ReplaceAllString(v, testSalt)
				}
				cmd := exec.Command(shell, "-e", "-c", step.Run)
				cmd.Dir, cmd.Env = work, envList(env)
				if out, err := cmd.CombinedOutput(); err != nil || len(out) > 0 {
					t.Fatalf("job %s: run: %s: %v\n%s", name, step.Run, err, out)
				}
				ran++
			}
			checkRuns(t, filepath.Join(work, "out"), 1)
			checkNewest(t, filepath.Join(work, "out"))
		}
		if ran == 0 {
			t.Error("no step of the workflow runs relmap")
		}
	})
}

// cronJobYAML is what the test reads of kubernetes-cronjob.yaml.
type cronJobYAML struct {
	Spec struct {
		JobTemplate struct {
			Spec struct {
				Template struct {
					Spec struct {
						SecurityContext map[string]any `yaml:"securityContext"`
						Containers      []struct {
							Image        string
							Args         []string
							Env          []struct{ Name string }
							VolumeMounts []struct {
								Name      string
								MountPath string `yaml:"mountPath"`
								ReadOnly  bool   `yaml:"readOnly"`
							} `yaml:"volumeMounts"`
						}
						Volumes []struct {
							Name      string
							ConfigMap *struct{ Name string } `yaml:"configMap"`
						}
					}
				}
			}
		} `yaml:"jobTemplate"`
	}
}

// buildRelmap builds relmap from this tree into a temporary folder, once, and returns its path;
// it skips the test where there is no go command (unless RELMAP_REQUIRE_TOOLS=1).
func buildRelmap(t *testing.T) string {
	t.Helper()
	gocmd, err := exec.LookPath("go")
	if err != nil {
		gocmd = filepath.Join(runtime.GOROOT(), "bin", "go")
		if _, err := os.Stat(gocmd); err != nil {
			msg := "no go command on PATH or in GOROOT: the examples' command lines need a relmap binary"
			if os.Getenv("RELMAP_REQUIRE_TOOLS") == "1" {
				t.Fatal(msg + " (RELMAP_REQUIRE_TOOLS=1)")
			}
			t.Skip(msg + " (set RELMAP_REQUIRE_TOOLS=1 to make this a failure)")
		}
	}
	bin := filepath.Join(t.TempDir(), "relmap")
	// Built as the test binary was (same environment), so that it reuses its compiled packages.
	cmd := exec.Command(gocmd, "build", "-o", bin, ".")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// exportsFolder makes the folder a user drops LinkedIn exports into, holding two synthetic
// exports a week apart, the newer one named newestExport.
func exportsFolder(t *testing.T, bin, dir string) {
	t.Helper()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	runBin(t, bin, "synth", "--connections", "300", "--messages", "2000", "--date", "2026-01-05", "-o", filepath.Join(dir, olderExport))
	runBin(t, bin, "synth", "--connections", "300", "--messages", "2000", "--date", "2026-01-05", "--step", "1", "-o", filepath.Join(dir, newestExport))
}

// checkRuns checks that out holds n complete runs and latest points at one of them.
func checkRuns(t *testing.T, out string, n int) {
	t.Helper()
	runs, err := os.ReadDir(filepath.Join(out, "runs"))
	if err != nil || len(runs) != n {
		t.Errorf("%s/runs: %d runs, want %d (%v)", out, len(runs), n, err)
	}
	if _, err := os.Stat(filepath.Join(out, "latest", "run.json")); err != nil {
		t.Errorf("latest: %v", err)
	}
}

// checkNewest checks that the last run read the newest export of the folder alone.
func checkNewest(t *testing.T, out string) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(out, "latest", "ranked.json"))
	if err != nil {
		t.Fatal(err)
	}
	var r struct {
		AsOf     string `json:"as_of"`
		Coverage struct {
			Files   []struct{ Name string }
			NotRead *[]struct{ Name, Reason string } `json:"not_read"`
		}
	}
	if err := json.Unmarshal(b, &r); err != nil {
		t.Fatal(err)
	}
	if r.AsOf != newestAsOf {
		t.Errorf("as of %s, want %s, the newest export's date", r.AsOf, newestAsOf)
	}
	for _, f := range r.Coverage.Files {
		if zip, _, _ := strings.Cut(f.Name, ".zip:"); filepath.Base(zip)+".zip" != newestExport {
			t.Errorf("read %s: want the newest export, %s, alone", f.Name, newestExport)
		}
	}
	if len(r.Coverage.Files) == 0 {
		t.Error("read no files")
	}
	// The older export is listed as skipped, where ranked.json lists the files not read.
	if nr := r.Coverage.NotRead; nr != nil && !slices.ContainsFunc(*nr, func(f struct{ Name, Reason string }) bool {
		return strings.HasSuffix(f.Name, olderExport)
	}) {
		t.Errorf("coverage.not_read %v does not list %s, the older export", *nr, olderExport)
	}
}

// runBin runs the relmap binary and fails the test if it fails.
func runBin(t *testing.T, bin string, args ...string) {
	t.Helper()
	if out, err := exec.Command(bin, args...).CombinedOutput(); err != nil {
		t.Fatalf("relmap %s: %v\n%s", strings.Join(args, " "), err, out)
	}
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	b, err := os.ReadFile(from)
	if err == nil {
		err = os.WriteFile(to, b, 0o644)
	}
	if err != nil {
		t.Fatal(err)
	}
}

// envList is env as os/exec wants it, and nothing else of the test's environment.
func envList(env map[string]string) []string {
	var l []string
	for k, v := range env {
		l = append(l, k+"="+v)
	}
	slices.Sort(l)
	return l
}
