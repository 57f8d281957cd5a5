package chart

// Names in every script (issue 6): Latin with diacritics, Greek and Cyrillic render in every
// output with the bundled Liberation Sans; Chinese, Japanese and Korean render in SVG and
// HTML (the viewer's fonts draw them) and in PNG and PDF with a font the user names
// (Fonts). These tests prove it on the text and on the pixels: a PDF's text layer alone
// proves nothing, since pdftotext reads a name back whether its glyphs were drawn or not
// (see TestScriptsWithoutCJKFont).

import (
	"bytes"
	"html"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/image/font/sfnt"

	"github.com/relmap/relmap/analysis"
	"github.com/relmap/relmap/reports"
	"github.com/relmap/relmap/reports/internal/reporttest"
)

// The names and fonts under test (reporttest: Latin with diacritics, Greek and Cyrillic;
// Chinese, Japanese and Korean; Droid Sans Fallback and NanumGothic).
var (
	latinGreekCyrillic = reporttest.LatinGreekCyrillic
	cjkNames           = reporttest.CJKNames
	scriptNames        = reporttest.ScriptNames
)

const (
	droidFont  = reporttest.DroidFont
	nanumFont  = reporttest.NanumFont
	droidDebPk = reporttest.DroidDebPk
	nanumDebPk = reporttest.NanumDebPk
)

// userFont reads a font file, skipping the test when it is not installed (failing when
// RELMAP_REQUIRE_TOOLS=1).
func userFont(t *testing.T, path, pkg string) Fonts {
	t.Helper()
	return Fonts{Regular: reporttest.FontFile(t, path, pkg)}
}

// scriptsResult ranks a person of each name, spread over every zone, above three fillers
// (reporttest.ScriptsResult).
func scriptsResult() *analysis.Result { return reporttest.ScriptsResult() }

// scriptsOptions labels every person of scriptsResult.
var scriptsOptions = MapOptions{HighInfluence: 0.6, Labels: 10}

// Every name is the exact text of a <text> element of both SVG plots, and every label
// found a place. The SVG names its fonts, so a user's font changes nothing in it.
func TestScriptsSVG(t *testing.T) {
	r := scriptsResult()
	for _, w := range []struct {
		name  string
		write func(*bytes.Buffer, *analysis.Result, MapOptions) error
	}{
		{"stakeholder-map.svg", func(b *bytes.Buffer, r *analysis.Result, o MapOptions) error { return WriteMapSVG(b, r, o) }},
		{"influence-reach.svg", func(b *bytes.Buffer, r *analysis.Result, o MapOptions) error { return WriteInfluenceReachSVG(b, r, o) }},
	} {
		var buf bytes.Buffer
		if err := w.write(&buf, r, scriptsOptions); err != nil {
			t.Fatalf("%s: %v", w.name, err)
		}
		if !utf8.Valid(buf.Bytes()) {
			t.Errorf("%s is not valid UTF-8", w.name)
		}
		texts := svgTexts(t, buf.Bytes())
		for _, name := range scriptNames {
			if !slices.Contains(texts, name) {
				t.Errorf("%s: no <text> element reads %q", w.name, name)
			}
			// Written as characters, not as character references, so the file reads as it is.
			if !bytes.Contains(buf.Bytes(), []byte(">"+name+"<")) {
				t.Errorf("%s: %q is not written as UTF-8 text", w.name, name)
			}
		}
		if !slices.ContainsFunc(texts, func(s string) bool { return strings.HasSuffix(s, "· top 10 named") }) {
			t.Errorf("%s: not every label found a place: %q", w.name, texts)
		}
		var other bytes.Buffer
		opt := scriptsOptions
		opt.Fonts = Fonts{Regular: []byte("a user's font, which SVG ignores")}
		if err := w.write(&other, r, opt); err != nil || !bytes.Equal(buf.Bytes(), other.Bytes()) {
			t.Errorf("%s changes with a user's font (%v)", w.name, err)
		}
	}
}

// htmlTextRE splits HTML into tags and text; a '<' that starts no tag (in the script) is
// text of its own.
var htmlTextRE = regexp.MustCompile(`<(/?)([a-zA-Z][a-zA-Z0-9]*)[^>]*>|<|[^<]+`)

// htmlTexts returns the unescaped text nodes of doc outside and inside its inline SVG.
func htmlTexts(doc string) (page, svg []string) {
	depth := 0
	for _, m := range htmlTextRE.FindAllStringSubmatch(doc, -1) {
		switch {
		case m[2] != "" && strings.EqualFold(m[2], "svg") && m[1] == "":
			depth++
		case m[2] != "" && strings.EqualFold(m[2], "svg"):
			depth--
		case m[2] == "":
			text := strings.TrimSpace(html.UnescapeString(m[0]))
			if depth > 0 {
				svg = append(svg, text)
			} else {
				page = append(page, text)
			}
		}
	}
	return page, svg
}

// report.html declares UTF-8 where a browser looks for it (the first 1024 bytes), is valid
// UTF-8, and holds every name exactly, in the tables and in the inline figures.
func TestScriptsHTML(t *testing.T) {
	r := scriptsResult()
	var mapSVG, reachSVG, out bytes.Buffer
	if err := WriteMapSVG(&mapSVG, r, scriptsOptions); err != nil {
		t.Fatal(err)
	}
	if err := WriteInfluenceReachSVG(&reachSVG, r, scriptsOptions); err != nil {
		t.Fatal(err)
	}
	figures := []reports.Figure{{Title: "Stakeholder map", SVG: mapSVG.Bytes()}, {Title: "Influence and reach", SVG: reachSVG.Bytes()}}
	if err := reports.WriteHTML(&out, reports.NewReport(r, nil, reports.Meta{Top: 50}), figures); err != nil {
		t.Fatal(err)
	}
	doc := out.String()
	if !utf8.ValidString(doc) {
		t.Error("report.html is not valid UTF-8")
	}
	if at := strings.Index(strings.ToLower(doc), `<meta charset="utf-8">`); at < 0 || at > 1024-len(`<meta charset="utf-8">`) {
		t.Errorf("report.html does not declare UTF-8 in its first 1024 bytes (at %d)", at)
	}
	page, svg := htmlTexts(doc)
	for _, name := range scriptNames {
		if !slices.Contains(page, name) {
			t.Errorf("no table cell of report.html reads %q", name)
		}
		if n := strings.Count(strings.Join(svg, "\n")+"\n", name+"\n"); !slices.Contains(svg, name) || n < 2 {
			t.Errorf("the figures of report.html name %q %d times, want once in each", name, n)
		}
	}
	for _, words := range []string{"北京数据有限公司", "ООО «Ромашка»", "Αθηναϊκή Ζυθοποιία", "Relationship map of Maja Novak"} {
		if !slices.Contains(page, words) {
			t.Errorf("report.html lacks the text %q", words)
		}
	}
}

// missingRune is a character in the Private Use Area that none of the fonts has: each
// font draws its "missing" glyph for it — the glyph (or nothing) that every character the
// font lacks gets, at the same width.
const missingRune = '\ue000'

// TestMissingRuneIsMissing checks the premise of the pixel tests: no font used here has
// missingRune.
func TestMissingRuneIsMissing(t *testing.T) {
	check := func(name string, f *sfnt.Font) {
		if newGlyphSet(f).has(missingRune) {
			t.Errorf("%s has a glyph for U+%04X: pick another character for missingRune", name, missingRune)
		}
	}
	check("Liberation Sans", liberationSFNT()[0])
	check("Liberation Sans Bold", liberationSFNT()[1])
	for _, font := range [][2]string{{droidFont, droidDebPk}, {nanumFont, nanumDebPk}} {
		sf, err := sfnt.Parse(userFont(t, font[0], font[1]).Regular)
		if err != nil {
			t.Fatalf("%s: %v", font[0], err)
		}
		check(filepath.Base(font[0]), sf)
	}
}

// Undrawable names the characters neither the user's font nor Liberation Sans has, for a
// run to warn about.
func TestUndrawable(t *testing.T) {
	names := []string{"Zoë Ångström-Nuñez", "Νίκος", "Анна", "王小明", "김민준", "王 🚀"}
	got, err := Fonts{}.Undrawable(names...)
	if err != nil || string(got) != "王小明김민준🚀" {
		t.Errorf("Liberation Sans: %q, %v", string(got), err)
	}
	if _, err := (Fonts{Regular: []byte("not a font")}).Undrawable(names...); err == nil {
		t.Error("no error for a file that is no font")
	}
	droid := userFont(t, droidFont, droidDebPk)
	if got, err := droid.Undrawable(names...); err != nil || string(got) != "김민준🚀" {
		t.Errorf("Droid Sans Fallback: %q, %v", string(got), err)
	}
	nanum := userFont(t, nanumFont, nanumDebPk)
	if got, err := nanum.Undrawable(names...); err != nil || string(got) != "🚀" {
		t.Errorf("NanumGothic: %q, %v", string(got), err)
	}
}
