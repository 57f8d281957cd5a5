package reports

import (
	"bytes"
	"encoding/xml"
	"io"
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
		if got := string(XMLSafe([]byte(in))); got != want {
			t.Errorf("XMLSafe(%q) = %q, want %q", in, got, want)
		}
	}
	b := []byte("plain text")
	if got := XMLSafe(b); &got[0] != &b[0] {
		t.Errorf("XMLSafe copied text that needed nothing")
	}
}

// TestWritersNonCharacters draws names that are not XML text in the network writers: each
// document must stay well-formed (issue 16, item 6: "svg: illegal character code U+FFFE").
// reports/chart's test of the same name checks the plots, and report.html inlining them.
func TestWritersNonCharacters(t *testing.T) {
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
