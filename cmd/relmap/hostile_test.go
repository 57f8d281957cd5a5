//go:build unix

package main

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"
)

// hostileRun runs relmap on the small generic organisation into out and returns its error and
// stderr.
func hostileRun(t *testing.T, out string, extra ...string) (error, string) {
	t.Helper()
	gen, _ := filepath.Abs("../../testdata/generic")
	args := append([]string{"run", "--quiet", "--me", "ana@example.com", "--out", out}, extra...)
	args = append(args, "people="+filepath.Join(gen, "people.csv"), filepath.Join(gen, "interactions.csv"))
	var stdout, stderr bytes.Buffer
	err := run(context.Background(), args, &stdout, &stderr)
	return err, stderr.String()
}

// wantRefused checks that err is a refusal that says all of words.
func wantRefused(t *testing.T, err error, words ...string) {
	t.Helper()
	if err == nil {
		t.Fatalf("the run succeeded; want it refused (%s)", strings.Join(words, " … "))
	}
	for _, w := range words {
		if !strings.Contains(err.Error(), w) {
			t.Fatalf("error %q does not say %q", err, w)
		}
	}
}

// A link planted as DIR/.lock is never followed: run as root by cron over a folder others can
// write to, relmap would truncate the file behind it to its pid (issue 16, item 5). A lock with
// another name (a hard link) is refused too, and so is a lock that is no plain file.
func TestLockPlanted(t *testing.T) {
	for _, kind := range []string{"symlink", "hardlink", "folder"} {
		t.Run(kind, func(t *testing.T) {
			out, elsewhere := t.TempDir(), t.TempDir()
			victim := filepath.Join(elsewhere, "passwd")
			if err := os.WriteFile(victim, []byte("root:x:0:0\n"), 0o644); err != nil {
				t.Fatal(err)
			}
			lock := filepath.Join(out, ".lock")
			var err error
			switch kind {
			case "symlink":
				err = os.Symlink(victim, lock)
			case "hardlink":
				err = os.Link(victim, lock)
			case "folder":
				err = os.Mkdir(lock, 0o755)
			}
			if err != nil {
				t.Skip(err)
			}
			err, _ = hostileRun(t, out)
			wantRefused(t, err, lock, "not relmap's lock file")
			if b, _ := os.ReadFile(victim); string(b) != "root:x:0:0\n" {
				t.Errorf("the file behind the lock now holds %q", b)
			}
			if _, err := os.Stat(filepath.Join(out, "runs")); err == nil {
				t.Errorf("a run was written despite the refusal")
			}
		})
	}
}

// Nothing relmap writes in its output folder follows a link planted there: the history (and
// its log), runs/ and latest. Each is refused, and nothing is written behind it.
func TestOutputLinksPlanted(t *testing.T) {
	for _, name := range []string{"history.db", "history.db-wal", "history.db-shm", "runs"} {
		t.Run(name, func(t *testing.T) {
			out, elsewhere := t.TempDir(), t.TempDir()
			target := filepath.Join(elsewhere, "target")
			if err := os.Symlink(target, filepath.Join(out, name)); err != nil {
				t.Skip(err)
			}
			err, _ := hostileRun(t, out)
			wantRefused(t, err, filepath.Join(out, name), "is a symbolic link")
			if _, err := os.Lstat(target); err == nil {
				t.Errorf("%s was written through the link", target)
			}
		})
	}
}

// A latest that is a folder (not relmap's link) is named at once, before the run does its
// work, and left alone; before, every later run failed after its commit point with
// "rename … file exists" (issue 16, item 12).
func TestLatestFolder(t *testing.T) {
	out := t.TempDir()
	if err, stderr := hostileRun(t, out); err != nil {
		t.Fatalf("first run: %v\n%s", err, stderr)
	}
	latest := filepath.Join(out, "latest")
	if err := os.Remove(latest); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(latest, "mine"), 0o755); err != nil {
		t.Fatal(err)
	}
	runs, _ := os.ReadDir(filepath.Join(out, "runs"))
	err, _ := hostileRun(t, out)
	wantRefused(t, err, latest+" is a folder, not relmap's link to the last run")
	if again, _ := os.ReadDir(filepath.Join(out, "runs")); len(again) != len(runs) {
		t.Errorf("%d run folders after the refused run, want %d", len(again), len(runs))
	}
	if _, err := os.Stat(filepath.Join(latest, "mine")); err != nil {
		t.Errorf("the user's folder latest was touched: %v", err)
	}
}

// A history.db emptied to 0 bytes beside kept runs is not started anew as if it were new: the
// run says so and keeps the file (issue 16, item 12). history and diff say so too.
func TestEmptyHistory(t *testing.T) {
	out := t.TempDir()
	if err, stderr := hostileRun(t, out); err != nil {
		t.Fatalf("first run: %v\n%s", err, stderr)
	}
	db := filepath.Join(out, "history.db")
	if err := os.Truncate(db, 0); err != nil {
		t.Fatal(err)
	}
	os.Remove(db + "-wal")
	os.Remove(db + "-shm")
	err, _ := hostileRun(t, out)
	wantRefused(t, err, db, "is empty (0 bytes)", "1 run folder")
	for _, cmd := range []string{"history", "diff"} {
		var stdout, stderr bytes.Buffer
		err := run(context.Background(), []string{cmd, "--out", out}, &stdout, &stderr)
		wantRefused(t, err, db, "is empty (0 bytes)")
	}
	if fi, err := os.Stat(db); err != nil || fi.Size() != 0 {
		t.Errorf("the empty history was not kept as it was: %v, %v", fi, err)
	}
}

// history and diff read a history in a folder relmap may not write to (before: "not a
// readable SQLite database … readonly database", issue 16, item 12). As root, whom no mode
// stops, the check runs relmap as nobody.
func TestHistoryReadOnly(t *testing.T) {
	base, err := os.MkdirTemp("", "relmap-ro-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		filepath.WalkDir(base, func(p string, d os.DirEntry, err error) error {
			if err == nil && d.IsDir() {
				os.Chmod(p, 0o755)
			}
			return nil
		})
		os.RemoveAll(base)
	})
	out := filepath.Join(base, "out")
	for range 2 {
		if err, stderr := hostileRun(t, out); err != nil {
			t.Fatalf("run: %v\n%s", err, stderr)
		}
	}
	var bin string
	if os.Geteuid() == 0 {
		self, err := os.ReadFile(os.Args[0])
		if err != nil {
			t.Fatal(err)
		}
		bin = filepath.Join(base, "relmap.test")
		if err := os.WriteFile(bin, self, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	filepath.WalkDir(base, func(p string, d os.DirEntry, err error) error {
		if err == nil && d.IsDir() {
			os.Chmod(p, 0o755)
		}
		return nil
	})
	if err := os.Chmod(out, 0o555); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(base, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"history", "--out", out}, {"diff", "--out", out}} {
		var stdout, stderr bytes.Buffer
		if bin == "" {
			err = run(context.Background(), args, &stdout, &stderr)
		} else {
			cmd := exec.Command(bin, args...)
			cmd.Env = []string{"RELMAP_TEST_MAIN=1", "HOME=" + base, "PATH=/usr/bin:/bin"}
			cmd.Stdout, cmd.Stderr = &stdout, &stderr
			cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
			err = cmd.Run()
		}
		if err != nil {
			t.Errorf("relmap %s in a read-only folder: %v\n%s", args[0], err, stderr.String())
			continue
		}
		if args[0] == "history" && strings.Count(stdout.String(), "runs/") != 2 {
			t.Errorf("relmap history lists:\n%s", stdout.String())
		}
		if args[0] == "diff" && !strings.Contains(stdout.String(), "no changes since") {
			t.Errorf("relmap diff says:\n%s", stdout.String())
		}
	}
	if entries, _ := os.ReadDir(out); len(entries) != 4 {
		t.Errorf("the read-only folder holds %d entries, want 4 (.lock, history.db, latest, runs)", len(entries))
	}
}

// A forget killed after the person's records went (the state its first transaction leaves)
// is finished by running it again: before, the retry found "no one" and exited 1 (issue 16,
// item 11). The kept run still names the person, so forget finds them there, compacts the
// history again and lists the folder.
func TestForgetRetry(t *testing.T) {
	out := t.TempDir()
	if err, stderr := hostileRun(t, out); err != nil {
		t.Fatalf("run: %v\n%s", err, stderr)
	}
	db, err := sql.Open("sqlite", filepath.Join(out, "history.db"))
	if err != nil {
		t.Fatal(err)
	}
	res, err := db.Exec(`DELETE FROM scores WHERE name = 'Carla Méndez'`)
	db.Close()
	if n, _ := res.RowsAffected(); err != nil || n != 1 {
		t.Fatalf("deleting as a killed forget would: %d rows, %v", n, err)
	}
	var stdout, stderr bytes.Buffer
	if err := run(context.Background(), []string{"forget", "--out", out, "Carla Méndez"}, &stdout, &stderr); err != nil {
		t.Fatalf("the retry failed: %v\n%s", err, stderr.String())
	}
	if !strings.Contains(stdout.String(), "forgot Carla Méndez") || !strings.Contains(stdout.String(), filepath.Join(out, "runs")) {
		t.Errorf("the retry says:\n%s", stdout.String())
	}
}

// An INPUT that is no plain file is read or refused by what it is, never found to hold "no
// input files" (issue 16, item 12): a link to a file is read as the file, a named pipe and a
// shell's process substitution (/dev/fd/N) are read once, whether they hold a table or a zip,
// and a device is refused with what it is.
func TestInputSpecialFiles(t *testing.T) {
	gen, _ := filepath.Abs("../../testdata/generic")
	zipPath, _ := filepath.Abs("../../testdata/linkedin/zips/Basic_LinkedInDataExport_02-11-2026.zip")
	dir := t.TempDir()
	validate := func(args ...string) (string, error) {
		var stdout, stderr bytes.Buffer
		err := run(context.Background(), append([]string{"validate"}, args...), &stdout, &stderr)
		return stdout.String() + stderr.String(), err
	}
	// feed writes the file src into a pipe at path, as a shell would, once a reader opens it.
	feed := func(path, src string) {
		go func() {
			w, err := os.OpenFile(path, os.O_WRONLY, 0)
			if err != nil {
				return
			}
			defer w.Close()
			b, _ := os.ReadFile(src)
			w.Write(b)
		}()
	}

	t.Run("symlink", func(t *testing.T) {
		link := filepath.Join(dir, "staff.csv")
		if err := os.Symlink(filepath.Join(gen, "people.csv"), link); err != nil {
			t.Skip(err)
		}
		out, err := validate("--me", "ana@example.com", link, filepath.Join(gen, "interactions.csv"))
		if err != nil || !strings.Contains(out, "staff.csv") || !strings.Contains(out, "people") {
			t.Errorf("a link to a file: %v\n%s", err, out)
		}
		// A link whose own name says nothing is read by the name of the file it leads to.
		link = filepath.Join(dir, "latest-export")
		if err := os.Symlink(zipPath, link); err != nil {
			t.Fatal(err)
		}
		out, err = validate(link)
		if err != nil || !strings.Contains(out, "Connections.csv") {
			t.Errorf("a link with no extension to a zip: %v\n%s", err, out)
		}
	})
	for _, c := range []struct{ name, src, want string }{
		{"fifo.csv", filepath.Join(gen, "interactions.csv"), "interactions"},
		{"fifo-no-extension", filepath.Join(gen, "interactions.csv"), "interactions"},
		{"export-fifo", zipPath, "Connections.csv"},
	} {
		t.Run(c.name, func(t *testing.T) {
			fifo := filepath.Join(dir, c.name)
			if err := syscall.Mkfifo(fifo, 0o600); err != nil {
				t.Skip(err)
			}
			feed(fifo, c.src)
			out, err := validate("--me", "ana@example.com", "people="+filepath.Join(gen, "people.csv"), fifo)
			if err != nil || !strings.Contains(out, c.want) || strings.Contains(out, "no input files found") {
				t.Errorf("a pipe holding %s: %v\n%s", filepath.Base(c.src), err, out)
			}
		})
	}
	t.Run("run", func(t *testing.T) {
		// A run digests its inputs for the history after reading them: a pipe is not opened
		// again (a named pipe with no writer left would block the run for good).
		fifo := filepath.Join(dir, "run-fifo.csv")
		if err := syscall.Mkfifo(fifo, 0o600); err != nil {
			t.Skip(err)
		}
		feed(fifo, filepath.Join(gen, "interactions.csv"))
		var hung atomic.Bool
		watchdog := time.AfterFunc(time.Minute, func() {
			hung.Store(true)
			if w, err := os.OpenFile(fifo, os.O_WRONLY|syscall.O_NONBLOCK, 0); err == nil {
				w.Close()
			}
		})
		var stdout, stderr bytes.Buffer
		err := run(context.Background(), []string{"run", "--quiet", "--me", "ana@example.com", "--out", filepath.Join(dir, "out"),
			"people=" + filepath.Join(gen, "people.csv"), fifo}, &stdout, &stderr)
		if hung.Load() || err != nil {
			t.Errorf("a run from a pipe: hung %v, %v\n%s", hung.Load(), err, stderr.String())
		}
		// explain reads the run's inputs again: it says a pipe cannot be, instead of waiting.
		err = run(context.Background(), []string{"explain", "--out", filepath.Join(dir, "out"), "Carla Méndez"}, &stdout, &stderr)
		watchdog.Stop()
		if hung.Load() || err == nil || !strings.Contains(err.Error(), "a pipe, which cannot be read again") {
			t.Errorf("explain after a run from a pipe: hung %v, %v", hung.Load(), err)
		}
	})
	t.Run("process substitution", func(t *testing.T) {
		r, w, err := os.Pipe()
		if err != nil {
			t.Fatal(err)
		}
		defer r.Close()
		fd := fmt.Sprintf("/dev/fd/%d", r.Fd())
		if _, err := os.Stat(fd); err != nil {
			t.Skip(err)
		}
		go func() {
			b, _ := os.ReadFile(filepath.Join(gen, "interactions.csv"))
			w.Write(b)
			w.Close()
		}()
		out, err := validate("--me", "ana@example.com", "people="+filepath.Join(gen, "people.csv"), fd)
		if err != nil || !strings.Contains(out, "interactions") {
			t.Errorf("%s: %v\n%s", fd, err, out)
		}
	})
	t.Run("device", func(t *testing.T) {
		out, err := validate("/dev/zero")
		if err == nil || !strings.Contains(err.Error(), "input /dev/zero: a device, not a file") {
			t.Errorf("/dev/zero: %v\n%s", err, out)
		}
	})
}
