package reports

import (
	"bytes"
	"encoding/xml"
	"io"
	"strings"
	"testing"

	"github.com/relmap/relmap/analysis"
)

// notXML are names no XML document can hold as they are: U+FFFE and U+FFFF, a surrogate
// encoded as if it were a character, a stray continuation byte and a control character.
var notXML = []string{"Ben\uFFFE Okafor", "\uFFFFCai Lin", "Dev \xed\xa0\x80Patel", "Eve\x80 Lind", "Fay\x01 Wu"}

// TestXMLChars checks the writers' last guard on its own.
func TestXMLChars(t *testing.T) {
	for in, want := range map[string]string{
		"":                           "",
		"Zoë & Łukasz\t\n":           "Zoë & Łukasz\t\n",
		"a\uFFFEb\uFFFFc":            "a\uFFFDb\uFFFDc",
		"\xed\xa0\x80x":              "\uFFFD\uFFFD\uFFFDx", // each byte of the surrogate, as encoding/xml
		"\x00\x1f\U0010FFFD\uFDD0ok": "\uFFFD\uFFFD\U0010FFFD\uFDD0ok",
	} {
		if got := string(xmlChars([]byte(in))); got != want {
			t.Errorf("xmlChars(%q) = %q, want %q", in, got, want)
		}
	}
	b := []byte("plain text")
	if got := xmlChars(b); &got[0] != &b[0] {
		t.Errorf("xmlChars copied text that needed nothing")
	}
}

// TestWritersNonCharacters draws names that are not XML text in every XML writer: each
// document must stay well-formed, and report.html, which inlines the map, must be written
// (issue 16, item 6: "svg: illegal character code U+FFFE").
func TestWritersNonCharacters(t *testing.T) {
	r := smallResult()
	for i, n := range notXML {
		r.People[i].Name = n
	}
	r.People[5].Company = "Acme\uFFFE"
	var svg bytes.Buffer
	if err := WriteMapSVG(&svg, r, MapOptions{HighInfluence: 0.6, Labels: 16}); err != nil {
		t.Fatal(err)
	}
	texts := strings.Join(svgTexts(t, svg.Bytes()), "|")
	if !strings.Contains(texts, "Ben\uFFFD Okafor") {
		t.Errorf("the map's labels lack %q: %s", "Ben\uFFFD Okafor", texts)
	}
	var infl bytes.Buffer
	if err := WriteInfluenceReachSVG(&infl, r, MapOptions{HighInfluence: 0.6}); err != nil {
		t.Fatal(err)
	}
	svgTexts(t, infl.Bytes())

	hr := rankedResult()
	for i, n := range notXML[:min(len(notXML), len(hr.People))] {
		hr.People[i].Name = n
	}
	var page bytes.Buffer
	if err := WriteHTML(&page, htmlReport(hr), []Figure{{Title: "Stakeholder map", SVG: svg.Bytes()}, {Title: "Raw", SVG: []byte("<svg><text>A\uFFFEB</text></svg>")}}); err != nil {
		t.Fatalf("WriteHTML: %v", err)
	}
	if b := page.Bytes(); !bytes.Equal(xmlChars(b), b) {
		t.Errorf("report.html holds characters XML cannot")
	}

	nr := networkResult()
	for i, n := range notXML[:min(len(notXML), len(nr.Network.Nodes))] {
		nr.Network.Nodes[i].Name = n
	}
	for name, write := range map[string]func(io.Writer, *analysis.Result) error{"gexf": WriteGEXF, "graphml": WriteGraphML} {
		var buf bytes.Buffer
		if err := write(&buf, nr); err != nil {
			t.Fatal(err)
		}
		var doc struct{}
		if err := xml.Unmarshal(buf.Bytes(), &doc); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
}
