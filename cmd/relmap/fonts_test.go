package main

import (
	"bytes"
	"context"
	"image/png"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/goccy/go-yaml"
)

// droidFont is Debian's fonts-droid-fallback: Chinese and Japanese glyphs in a TrueType file
// (no Hangul, no Latin letters: Liberation Sans fills those in). It is never copied into the
// repository.
const droidFont = "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf"

// needFont skips the test when the font file is not installed, or fails it when
// RELMAP_REQUIRE_TOOLS=1 (CI).
func needFont(t *testing.T, path, pkg string) {
	t.Helper()
	if _, err := os.Stat(path); err == nil {
		return
	}
	msg := path + " not found: apt-get install " + pkg + " to check CJK names in PNG and PDF"
	if os.Getenv("RELMAP_REQUIRE_TOOLS") == "1" {
		t.Fatal(msg + " (RELMAP_REQUIRE_TOOLS=1)")
	}
	t.Skip(msg + " (set RELMAP_REQUIRE_TOOLS=1 to make this a failure)")
}

// scriptInputs writes a generic people file and an interactions file in which the ego, Ana
// Ruiz (e1), deals with people named in Chinese, Japanese, Korean, Greek, Cyrillic and Latin
// with diacritics, and returns their paths.
func scriptInputs(t *testing.T, dir string) []string {
	t.Helper()
	people := `id,name,email,company,title
e1,Ana Ruiz,ana@example.com,Harbor Analytics,Head of Data
p1,王小明,wang@example.cn,北京数据有限公司,总经理
p2,佐藤花子,sato@example.jp,株式会社さくら,部長
p3,김민준,kim@example.kr,삼성전자,이사
p4,Νίκος Παπαδόπουλος,nikos@example.gr,Αθηναϊκή Ζυθοποιία,Director
p5,Анна Смирнова,anna@example.ru,ООО «Ромашка»,CEO
p6,Zoë Ångström-Nuñez,zoe@example.se,Ångström AB,VP Sales
p7,Łukasz Żółć,lukasz@example.pl,Żabka Polska,CTO
`
	interactions := `time,from,to,channel,sentiment
2026-01-05T09:00:00Z,e1,p1,email,positive
2026-01-06T09:00:00Z,p1,e1,email,
2026-01-07T09:00:00Z,e1,p2,meeting,
2026-01-08T09:00:00Z,e1,p3,chat,negative
2026-01-09T09:00:00Z,p3,e1,chat,
2026-01-10T09:00:00Z,e1,p4;p5,email,
2026-01-11T09:00:00Z,p5,p6,email,
2026-01-12T09:00:00Z,e1,p7,call,
2026-01-13T09:00:00Z,p7,p1;p2,email,
`
	var paths []string
	for name, text := range map[string]string{"people.csv": people, "interactions.csv": interactions} {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p)
	}
	return paths
}

// scriptNames are the names of scriptInputs' people, as every output must carry them.
var scriptNames = []string{"王小明", "佐藤花子", "김민준", "Νίκος Παπαδόπουλος", "Анна Смирнова", "Zoë Ångström-Nuñez", "Łukasz Żółć"}

// userFontEmbedded reports whether a PDF of relmap's embeds the user's font: fpdf names an
// embedded font after the family relmap gives it, "user".
func userFontEmbedded(pdf []byte) bool { return bytes.Contains(pdf, []byte("/FontName /utf8user")) }

// The config's fonts.regular, relative to the config file, reaches every PNG and PDF of a
// run: both PDFs embed it and carry the CJK names, and the PNG differs from a run without
// it. Without a font the run works the same, says nothing about fonts, and still writes
// every name into the PDFs' text (where the CJK ones are drawn as boxes: see the reports
// package's TestScriptsWithoutCJKFont) and into the SVG and HTML.
func TestRunCJKFont(t *testing.T) {
	needFont(t, droidFont, "fonts-droid-fallback")
	dir := t.TempDir()
	inputs := scriptInputs(t, dir)
	if err := os.Mkdir(filepath.Join(dir, "fonts"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(droidFont, filepath.Join(dir, "fonts", "cjk.ttf")); err != nil {
		t.Fatal(err)
	}
	withFont := filepath.Join(dir, "with-font.yaml")
	without := filepath.Join(dir, "without.yaml")
	os.WriteFile(withFont, []byte("me: e1\ndeterministic: true\nfonts:\n  regular: fonts/cjk.ttf\n"), 0o644)
	os.WriteFile(without, []byte("me: e1\ndeterministic: true\n"), 0o644)

	runWith := func(cfg string) (out, stdout, stderr string) {
		t.Helper()
		out = filepath.Join(dir, "out-"+strings.TrimSuffix(filepath.Base(cfg), ".yaml"))
		var so, se bytes.Buffer
		args := append([]string{"run", "--config", cfg, "--out", out}, inputs...)
		if err := run(context.Background(), args, &so, &se); err != nil {
			t.Fatalf("relmap %s: %v\n%s", strings.Join(args, " "), err, se.String())
		}
		return filepath.Join(out, "latest"), so.String(), se.String()
	}
	read := func(dir, name string) []byte {
		t.Helper()
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}

	fontOut, fontStdout, fontStderr := runWith(withFont)
	plainOut, plainStdout, plainStderr := runWith(without)

	for _, name := range []string{"report.pdf", "stakeholder-map.pdf"} {
		if !userFontEmbedded(read(fontOut, name)) {
			t.Errorf("%s does not embed the config's font", name)
		}
		if userFontEmbedded(read(plainOut, name)) {
			t.Errorf("%s embeds a user's font though the config names none", name)
		}
		for _, out := range []string{fontOut, plainOut} {
			text := pdfText(t, filepath.Join(out, name))
			for _, n := range scriptNames {
				if !strings.Contains(text, n) {
					t.Errorf("%s of %s: the text lacks %q", name, filepath.Base(filepath.Dir(out)), n)
				}
			}
		}
	}
	for _, name := range []string{"stakeholder-map.png", "influence-reach.png"} {
		a, b := read(fontOut, name), read(plainOut, name)
		if _, err := png.Decode(bytes.NewReader(a)); err != nil {
			t.Errorf("%s: %v", name, err)
		}
		if bytes.Equal(a, b) {
			t.Errorf("%s is the same with the config's font and without it", name)
		}
	}
	// The SVG and HTML name their fonts: the config's font changes nothing in them.
	for _, name := range []string{"stakeholder-map.svg", "influence-reach.svg", "report.html"} {
		a := read(fontOut, name)
		if !bytes.Equal(a, read(plainOut, name)) {
			t.Errorf("%s changes with the config's font", name)
		}
		for _, n := range scriptNames {
			if !bytes.Contains(a, []byte(">"+n+"<")) {
				t.Errorf("%s lacks %q as text", name, n)
			}
		}
	}

	// Both runs say the same, with the names intact, and no error. The log warns of the
	// characters no font at hand has: without a font every CJK name's, with Droid Sans
	// Fallback (no Hangul) the Korean name's alone.
	same := func(stdout, out string) string {
		stdout = strings.ReplaceAll(stdout, filepath.Dir(out), "OUT")
		return regexp.MustCompile(`runs/[0-9A-Z]+`).ReplaceAllString(stdout, "runs/RUN")
	}
	if same(fontStdout, fontOut) != same(plainStdout, plainOut) {
		t.Errorf("the summary differs with the config's font:\n%s\n---\n%s", fontStdout, plainStdout)
	}
	if !strings.Contains(plainStdout, "王小明") {
		t.Errorf("the summary lacks 王小明:\n%s", plainStdout)
	}
	for _, stderr := range []string{fontStderr, plainStderr} {
		if strings.Contains(stderr, "level=ERROR") {
			t.Errorf("the run's log has an error:\n%s", stderr)
		}
	}
	if !strings.Contains(plainStderr, "fonts.regular") || !strings.Contains(plainStderr, "王") {
		t.Errorf("without a CJK font, no warning names the CJK characters:\n%s", plainStderr)
	}
	if !strings.Contains(fontStderr, "김") || strings.Contains(fontStderr, "王") || strings.Contains(fontStderr, "佐") {
		t.Errorf("with Droid Sans Fallback, the warning should name the Korean characters alone:\n%s", fontStderr)
	}
}

// A font the config names that cannot be read or used stops the run before anything is
// written, with an error naming the font.
func TestRunBadFont(t *testing.T) {
	dir := t.TempDir()
	inputs := scriptInputs(t, dir)
	notFont := filepath.Join(dir, "not-a-font.ttf")
	os.WriteFile(notFont, []byte("this is not a font file"), 0o644)
	for name, fonts := range map[string]string{
		"missing":         "regular: no-such-font.ttf",
		"not a font":      "regular: not-a-font.ttf",
		"bold on its own": "bold: not-a-font.ttf",
	} {
		cfg := filepath.Join(dir, "relmap.yaml")
		os.WriteFile(cfg, []byte("me: e1\nfonts: {"+fonts+"}\n"), 0o644)
		out := filepath.Join(dir, "out-"+strings.ReplaceAll(name, " ", "-"))
		var stdout, stderr bytes.Buffer
		err := run(context.Background(), append([]string{"run", "--config", cfg, "--out", out}, inputs...), &stdout, &stderr)
		if err == nil {
			t.Errorf("%s: the run succeeds", name)
			continue
		}
		if !strings.Contains(strings.ToLower(err.Error()), "font") {
			t.Errorf("%s: the error %q does not name the font", name, err)
		}
		if _, err := os.Stat(filepath.Join(out, "latest")); err == nil {
			t.Errorf("%s: the run wrote outputs", name)
		}
	}
}

// The docs tell how to name a font for CJK names, with a config that relmap reads.
func TestDocsNameAFont(t *testing.T) {
	found := false
	for _, doc := range []string{"../../docs/reports.md", "../../docs/config.md"} {
		b, err := os.ReadFile(doc)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range regexp.MustCompile("(?s)```ya?ml\n(.*?)```").FindAllStringSubmatch(string(b), -1) {
			var probe struct {
				Fonts *fontsConfig `yaml:"fonts"`
			}
			if err := yaml.Unmarshal([]byte(m[1]), &probe); err != nil || probe.Fonts == nil {
				continue
			}
			found = true
			cfg := filepath.Join(t.TempDir(), "relmap.yaml")
			os.WriteFile(cfg, []byte(m[1]), 0o644)
			if _, err := loadConfig(cfg); err != nil {
				t.Errorf("%s: the config naming a font does not load: %v", doc, err)
			}
			if !strings.HasSuffix(probe.Fonts.Regular, ".ttf") {
				t.Errorf("%s: fonts.regular %q is not a TrueType file", doc, probe.Fonts.Regular)
			}
		}
		if !strings.Contains(string(b), "CJK") && strings.HasSuffix(doc, "reports.md") {
			t.Errorf("%s does not say what the font is for (CJK names)", doc)
		}
	}
	if !found {
		t.Error("no doc shows a config naming a font (fonts: regular: …)")
	}
}
