package csvtable

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"testing"

	"golang.org/x/text/encoding/unicode"
)

// connectionRow is importers' row of LinkedIn's Connections.csv (TestRowCopies).
type connectionRow struct {
	FirstName   string `csv:"first name"`
	LastName    string `csv:"last name"`
	URL         string `csv:"url"`
	Email       string `csv:"email address"`
	Company     string `csv:"company"`
	Position    string `csv:"position"`
	ConnectedOn string `csv:"connected on"`
}

// matchHeader accepts the header of Connections.csv, as importers' matchHeader does.
func matchHeader(h []string) (string, bool) {
	for _, c := range []string{"first name", "last name", "connected on"} {
		if !slices.Contains(h, c) {
			return "", false
		}
	}
	return "connections", true
}

// The shared reader: BOM, CRLF, ';' re-saves, UTF-16 TAB files and a preamble left by hand.
func TestTableVariants(t *testing.T) {
	header := "First Name,Last Name,URL,Email Address,Company,Position,Connected On"
	row := "Maren,Holtby,https://www.linkedin.com/in/mh,,Northwind,Head of Operations,14 Mar 2025"
	utf16, _ := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().String(strings.ReplaceAll(header+"\n"+row+"\n", ",", "\t"))
	for name, data := range map[string]string{
		"bom":      "\uFEFF" + header + "\n" + row,
		"crlf":     header + "\r\n" + row + "\r\n",
		"semi":     strings.ReplaceAll(header+"\n"+row, ",", ";"),
		"utf16":    utf16,
		"blanks":   "\n\n" + header + "\n" + row,
		"preamble": "Notes:\n\"a, b\"\n\n" + header + "\n" + row,
	} {
		tb, kind, err := Open(name, strings.NewReader(data), matchHeader)
		if err != nil || kind != "connections" {
			t.Errorf("%s: kind %v, err %v", name, kind, err)
			continue
		}
		var got []connectionRow
		if err := EachRow(tb, func(_ int, r *connectionRow) { got = append(got, *r) }); err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if len(got) != 1 || got[0].FirstName != "Maren" || got[0].ConnectedOn != "14 Mar 2025" || got[0].Position != "Head of Operations" {
			t.Errorf("%s: rows %+v", name, got)
		}
	}
}

func TestFieldLimit(t *testing.T) {
	big := bytes.Repeat([]byte("x"), maxField+1)
	data := "First Name,Last Name,URL,Email Address,Company,Position,Connected On\nA,B,u,,\"" + string(big) + "\",,01 Jan 2024\nC,D,v,,Acme,,02 Jan 2024\n"
	tb, _, err := Open("big.csv", strings.NewReader(data), matchHeader)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	if err := EachRow(tb, func(_ int, r *connectionRow) { got = append(got, r.FirstName) }); err != nil {
		t.Fatal(err)
	}
	if len(tb.Skipped) != 1 || tb.Skipped[0].Line != 2 || tb.Skipped[0].Column != "company" {
		t.Errorf("skipped %v, want one RowError at line 2, company", tb.Skipped)
	}
	if strings.Join(got, ",") != "C" {
		t.Errorf("rows read after it: %v, want [C]", got)
	}
}

// A stray quote at the start of a field costs its own line, not the lines after it, even
// when a later line's quoted comma could close it; a real multi-line field is one record.
func TestStrayQuote(t *testing.T) {
	data := "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n" +
		"A,\"he said 5\" tall,u1,,,,01 Jan 2024\n" +
		"B,B,u2,,Acme,,02 Jan 2024\n" +
		"C,C,u3,,\"Quell, Ostrander\",,03 Jan 2024\n" +
		"D,\"multi\nline\",u4,,,,04 Jan 2024\n" +
		"E,E,u5,,,,05 Jan 2024"
	tb, _, err := Open("q.csv", strings.NewReader(data), matchHeader)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	if err := EachRow(tb, func(line int, r *connectionRow) { got = append(got, fmt.Sprintf("%s@%d", r.FirstName, line)) }); err != nil {
		t.Fatal(err)
	}
	if strings.Join(got, " ") != "B@3 C@4 D@5 E@7" {
		t.Errorf("rows %v, want B@3 C@4 D@5 E@7", got)
	}
	if len(tb.Skipped) != 1 || tb.Skipped[0].Line != 2 {
		t.Errorf("skipped %v, want line 2", tb.Skipped)
	}
}
