package main

import (
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// hostileConfigs are configs that once crashed relmap or took the machine's memory: a tag
// before a list panicked inside the YAML decoder; 400 KB of "[" took 2.6 GB; aliases of aliases
// (a "billion laughs" of 700 bytes) 1.4 GB. Each is now an error at its line and column.
func hostileConfigs() map[string]string {
	laughs := `a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]` + "\n"
	for i := 1; i < 10; i++ {
		laughs += "a" + string(rune('0'+i)) + ": &a" + string(rune('0'+i)) + " [" + strings.Repeat("*a"+string(rune('0'+i-1))+",", 8) + "*a" + string(rune('0'+i-1)) + "]\n"
	}
	stairs := "team:\n"
	for i := 0; i < 900; i++ {
		stairs += strings.Repeat(" ", 2*i) + "-\n"
	}
	return map[string]string{
		"tag str":        "team: !!str\n",
		"tag set":        "team: !!set\n",
		"tag map":        "team: !!map\n",
		"tag with value": "me: x\nclients: !!seq [a]\n",
		"deep brackets":  "team: " + strings.Repeat("[", 400_000) + "\n",
		"deep braces":    "aliases: " + strings.Repeat("{", 400_000) + "\n",
		"deep blocks":    stairs,
		"deep entries":   "team:\n  " + strings.Repeat("- ", 200) + "x\n",
		"billion laughs": laughs + "team: *a9\n",
	}
}

// NaN in the model's numbers is refused, never read as "the default".
func TestConfigNaN(t *testing.T) {
	for _, key := range []string{"half_life", "floor", "high_quantile"} {
		if _, err := loadConfig(writeConfig(t, "model:\n  "+key+": .nan\n")); err == nil {
			t.Errorf("%s: .nan read", key)
		}
	}
}

// Every hostile config is refused with the file, line and column, as a usage error.
func TestConfigHostile(t *testing.T) {
	for name, text := range hostileConfigs() {
		path := writeConfig(t, text)
		_, err := loadConfig(path)
		if err == nil || !regexp.MustCompile(`^`+regexp.QuoteMeta(path)+`:\d+:\d+: `).MatchString(err.Error()) {
			t.Errorf("%s: %v, want %s:LINE:COL: …", name, err, path)
			continue
		}
		if _, ok := err.(usageError); !ok {
			t.Errorf("%s: %T, want a usage error (exit 2)", name, err)
		}
	}
}

// A config file larger than 1 MiB, or one that never ends, is refused after 1 MiB.
func TestConfigTooLarge(t *testing.T) {
	path := writeConfig(t, "team:\n"+strings.Repeat("  - somebody@example.com\n", 50_000))
	if _, err := loadConfig(path); err == nil || !strings.Contains(err.Error(), "more than 1 MiB") {
		t.Errorf("a 1.2 MB config: %v, want more than 1 MiB", err)
	}
	if _, err := os.Stat("/dev/zero"); err == nil {
		if _, err := loadConfig("/dev/zero"); err == nil || !strings.Contains(err.Error(), "more than 1 MiB") {
			t.Errorf("/dev/zero: %v, want more than 1 MiB", err)
		}
	}
}

// Fonts are read only from regular files under the size limit: a folder or a device is
// refused before it is read.
func TestFontsNotRegular(t *testing.T) {
	paths := []string{t.TempDir()}
	if _, err := os.Stat("/dev/zero"); err == nil {
		paths = append(paths, "/dev/zero")
	}
	for _, p := range paths {
		_, err := fontsConfig{Regular: p}.load()
		if err == nil || !strings.Contains(err.Error(), "not a regular file") {
			t.Errorf("fonts.regular %s: %v, want not a regular file", p, err)
		}
	}
	big := filepath.Join(t.TempDir(), "big.ttf")
	if err := os.WriteFile(big, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Truncate(big, maxFontBytes+1); err != nil { // sparse: no disk used
		t.Fatal(err)
	}
	if _, err := (fontsConfig{Regular: big}).load(); err == nil || !strings.Contains(err.Error(), "more than a font's") {
		t.Errorf("a font of %d bytes: %v, want more than a font's 64 MiB", maxFontBytes+1, err)
	}
}

// FuzzConfig feeds the config loader any bytes: it never panics, and every problem is a usage
// error that names the file (exit 2).
func FuzzConfig(f *testing.F) {
	seeds, _ := filepath.Glob("../../testdata/config/*")
	for _, s := range seeds {
		if b, err := os.ReadFile(s); err == nil {
			f.Add(b)
		}
	}
	for _, text := range hostileConfigs() {
		if len(text) < 4096 {
			f.Add([]byte(text))
		}
	}
	f.Add([]byte("model:\n  floor: 1e-25\n  bases: {direct: 1e-20, declared: 3e19}\n"))
	f.Add([]byte("model: {half_life: .nan, floor: .inf, tiers: {min_tie: .nan}}\n"))
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, data []byte) {
		path := filepath.Join(dir, "relmap.yaml")
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		_, err := loadConfig(path)
		if err == nil {
			return
		}
		var ue usageError
		if !errors.As(err, &ue) || !strings.HasPrefix(err.Error(), path) && !strings.HasPrefix(err.Error(), "config "+path) {
			t.Fatalf("%T %v: want a usage error naming the file", err, err)
		}
	})
}
