package chart

import (
	"bytes"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/relmap/relmap/analysis"
	"github.com/relmap/relmap/importers"
	"github.com/relmap/relmap/reports"
	"github.com/relmap/relmap/reports/internal/reporttest"
)

// scoreSamples scores the LinkedIn samples and draws their stakeholder map, as a run does.
func scoreSamples(t *testing.T) (*analysis.Result, []reports.Figure) {
	t.Helper()
	ds, err := importers.Load([]importers.Source{{Name: "samples", FS: os.DirFS("../../testdata/linkedin/samples")}}, importers.Options{})
	if err != nil {
		t.Fatal(err)
	}
	r, err := analysis.Score(ds, analysis.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	var svg bytes.Buffer
	if err := WriteMapSVG(&svg, r, MapOptions{HighInfluence: r.HighInfluence}); err != nil {
		t.Fatal(err)
	}
	return r, []reports.Figure{{Title: "Stakeholder map", Caption: "Status against influence; a point's size is the person's reach.", SVG: svg.Bytes()}}
}

// The page names no URL but the SVG namespaces, and links only within itself.
func TestWriteHTMLNoExternalURL(t *testing.T) {
	r, figs := scoreSamples(t)
	var buf bytes.Buffer
	if err := reports.WriteHTML(&buf, reports.NewReport(r, nil, reports.Meta{Version: "test"}), figs); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	rest := strings.NewReplacer(`xmlns="http://www.w3.org/2000/svg"`, "", `xmlns:xlink="http://www.w3.org/1999/xlink"`, "").Replace(out)
	for _, ns := range []string{`xmlns="http://www.w3.org/2000/svg"`, `xmlns:xlink="http://www.w3.org/1999/xlink"`} {
		if !strings.Contains(out, ns) {
			t.Errorf("report.html lacks the map's %s", ns)
		}
	}
	low := strings.ToLower(rest)
	for _, s := range []string{"http://", "https://", "//www.", "url(", "@import", "@font-face", "src="} {
		if i := strings.Index(low, s); i >= 0 {
			t.Errorf("report.html has %q: …%s…", s, rest[max(0, i-60):min(len(rest), i+60)])
		}
	}
	for _, m := range regexp.MustCompile(`(?i)\shref\s*=\s*"([^"]*)"`).FindAllStringSubmatch(out, -1) {
		if !strings.HasPrefix(m[1], "#") {
			t.Errorf("a link to %q", m[1])
		}
	}
}

// A figure given as PNG (maps of thousands of people) is inlined as a data: URL image, which
// the page's policy allows; anything else in its place is refused.
func TestWriteHTMLPNGFigure(t *testing.T) {
	r := reporttest.RankedResult()
	var png bytes.Buffer
	if err := WriteMapPNG(&png, r, MapOptions{HighInfluence: 0.6}); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := reports.WriteHTML(&buf, reports.NewReport(r, nil, reports.Meta{}), []reports.Figure{{Title: "Stakeholder map", PNG: png.Bytes()}}); err != nil {
		t.Fatal(err)
	}
	page := buf.String()
	if !strings.Contains(page, `<img src="data:image/png;base64,`) || strings.Contains(page, "<svg") {
		t.Errorf("the PNG figure is not inlined as an image")
	}
	if err := reports.WriteHTML(&bytes.Buffer{}, reports.NewReport(r, nil, reports.Meta{}), []reports.Figure{{Title: "x", PNG: []byte("<script>")}}); err == nil {
		t.Error("a figure that is not a PNG was inlined")
	}
}
