package vcard

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// noteMarker is written into every NOTE of the fixtures; it must never come out.
const noteMarker = "BODY-MARKER-QX7"

const fixtures = "../../testdata/sources/vcard"

type badLine struct {
	Line   int
	Reason string
}

func collect(t *testing.T, s string) ([]Contact, []badLine) {
	t.Helper()
	var cs []Contact
	var bads []badLine
	err := Read(strings.NewReader(s),
		func(c Contact) error { cs = append(cs, c); return nil },
		func(line int, reason string) { bads = append(bads, badLine{line, reason}) })
	if err != nil {
		t.Fatalf("Read: %v", err)
	}
	return cs, bads
}

func fixture(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(fixtures, name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

var cmpOpts = []cmp.Option{cmpopts.EquateEmpty()}

func TestReadFixtures(t *testing.T) {
	tests := []struct {
		file string
		want []Contact
		bad  []badLine
	}{{
		file: "outlook-2.1.vcf",
		want: []Contact{{
			// QUOTED-PRINTABLE in ISO-8859-1 with a soft line break; bare parameters; a raw
			// Latin-1 TITLE without CHARSET.
			Line:       1,
			Name:       "Dr. Jürgen Müller, Geschäftsführer der Firma",
			Emails:     []string{"juergen.mueller@example.com", "jm@example.org"},
			Org:        "Bäckerei Müller GmbH",
			Title:      "Geschäftsführer",
			URLs:       []string{"http://www.example.com/mueller"},
			Categories: []string{"Lieferanten"},
		}, {
			// A 2.1 base64 PHOTO whose lines are not indented.
			Line: 17, Name: "Eve Lindqvist", Emails: []string{"eve.lindqvist@example.com"},
		}},
	}, {
		file: "google-apple-3.0.vcf",
		want: []Contact{{
			// Google: escaped comma in TITLE and CATEGORIES, `\:` in a grouped URL, a repeated
			// address.
			Line:       1,
			Name:       "Ana Souza",
			Emails:     []string{"ana.souza@example.com", "ana@example.org"},
			Org:        "Globex Corporation",
			Title:      "Senior Engineer, Platform",
			URLs:       []string{"https://www.example.com/in/ana-souza"},
			Categories: []string{"myContacts", "Friends, close", "Work"},
		}, {
			// Apple: no FN, so the name is composed from N; item1.EMAIL; escaped ';' in ORG;
			// X-SOCIALPROFILE; a folded PHOTO.
			Line:   16,
			Name:   "Ben Chidi Okafor",
			Emails: []string{"ben.okafor@example.com", "ben@example.org"},
			Org:    "Smith; Jones LLP",
			URLs:   []string{"https://www.example.com/in/ben-okafor"},
		}, {
			// A line that lost its folding is not a property kept, so it costs nothing.
			Line: 41, Name: "Greta Holm", Emails: []string{"greta.holm@example.org"},
		}},
		bad: []badLine{
			{30, "BEGIN:VCARD without END:VCARD before line 35; card skipped"},
			{38, "malformed line: bad parameter (card at line 35 skipped)"},
		},
	}, {
		file: "v4.vcf",
		want: []Contact{{
			Line:       1,
			Name:       "Chloé Martin",
			Emails:     []string{"chloe.martin@example.org", "chloe@example.com"},
			Org:        "Initech",
			Title:      "CTO",
			URLs:       []string{"https://example.org/chloe"},
			Categories: []string{"Board", "Advisors"},
		}, {
			Line: 15, Name: "Initech", Org: "Initech", URLs: []string{"https://example.org"},
		}},
	}}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			got, bad := collect(t, fixture(t, tt.file))
			if diff := cmp.Diff(tt.want, got, cmpOpts...); diff != "" {
				t.Errorf("contacts (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.bad, bad, cmpOpts...); diff != "" {
				t.Errorf("bad (-want +got):\n%s", diff)
			}
		})
	}
}

func TestReadQuirks(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []Contact
		bad  []badLine
	}{{
		name: "empty",
	}, {
		name: "not a vCard",
		in:   "Name,Email\nAna,ana@example.com\n",
		bad:  []badLine{{1, "not a vCard file? first line is not BEGIN:VCARD"}},
	}, {
		name: "BOM, lower case, LF, no VERSION",
		in:   "\ufeffbegin:vcard\nfn:Ana\nemail:ANA@EXAMPLE.COM\nend:vcard\n",
		want: []Contact{{Line: 1, Name: "Ana", Emails: []string{"ana@example.com"}}},
	}, {
		name: "fold with a tab, escaped backslash and newline",
		in:   "BEGIN:VCARD\nFN:Ana\n\tSouza\nTITLE:A\\\\B\\nC\nEND:VCARD\n",
		want: []Contact{{Line: 1, Name: "AnaSouza", Title: `A\B C`}},
	}, {
		name: "N only, structured with escapes",
		in:   "BEGIN:VCARD\nN:O\\;Brien;Seán\nEND:VCARD\n",
		want: []Contact{{Line: 1, Name: "Seán O;Brien"}},
	}, {
		name: "QP soft break does not run into END:VCARD",
		in:   "BEGIN:VCARD\nFN;ENCODING=QUOTED-PRINTABLE:Ana=\nEND:VCARD\nBEGIN:VCARD\nFN:Ben\nEND:VCARD\n",
		want: []Contact{{Line: 1, Name: "Ana="}, {Line: 4, Name: "Ben"}},
	}, {
		name: "QP with a broken escape and a UTF-8 charset",
		in:   "BEGIN:VCARD\nFN;CHARSET=UTF-8;QUOTED-PRINTABLE:Ren=C3=A9e =ZZ\nEND:VCARD\n",
		want: []Contact{{Line: 1, Name: "Renée =ZZ"}},
	}, {
		name: "Windows-1252 charset, QP",
		in:   "BEGIN:VCARD\nFN;CHARSET=WINDOWS-1252;ENCODING=QUOTED-PRINTABLE:Fran=E7ois =80\nEND:VCARD\n",
		want: []Contact{{Line: 1, Name: "François €"}},
	}, {
		name: "not addresses, not URLs",
		in:   "BEGIN:VCARD\nEMAIL:not an address\nEMAIL:@example.com\nURL:has space\nX-SOCIALPROFILE:x-apple:me\nEND:VCARD\n",
		want: []Contact{{Line: 1}},
	}, {
		name: "END without BEGIN; no END at EOF",
		in:   "BEGIN:VCARD\nFN:A\nEND:VCARD\nEND:VCARD\nBEGIN:VCARD\nFN:B\n",
		want: []Contact{{Line: 1, Name: "A"}},
		bad:  []badLine{{4, "END:VCARD without BEGIN:VCARD"}, {5, "BEGIN:VCARD without END:VCARD; card skipped"}},
	}, {
		name: "kept property longer than 1 MiB",
		in:   "BEGIN:VCARD\nFN:" + strings.Repeat("x", maxLine) + "\nEND:VCARD\n",
		bad:  []badLine{{2, "FN longer than 1 MiB (card at line 1 skipped)"}},
	}, {
		name: "dropped property longer than 1 MiB",
		in:   "BEGIN:VCARD\nFN:A\nPHOTO:" + strings.Repeat("x", 2*maxLine) + "\nEND:VCARD\n",
		want: []Contact{{Line: 1, Name: "A"}},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, bad := collect(t, tt.in)
			if diff := cmp.Diff(tt.want, got, cmpOpts...); diff != "" {
				t.Errorf("contacts (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.bad, bad, cmpOpts...); diff != "" {
				t.Errorf("bad (-want +got):\n%s", diff)
			}
		})
	}
}

func TestReadStops(t *testing.T) {
	in := fixture(t, "v4.vcf")
	stop := errors.New("stop")
	n := 0
	if err := Read(strings.NewReader(in), func(Contact) error { n++; return stop }, nil); !errors.Is(err, stop) || n != 1 {
		t.Errorf("fn error: got %v after %d contacts, want stop after 1", err, n)
	}
	if err := Read(iotest.TimeoutReader(strings.NewReader(in)), func(Contact) error { return nil }, nil); !errors.Is(err, iotest.ErrTimeout) {
		t.Errorf("I/O error: got %v", err)
	}
}

// TestNoteNeverReturned reads every fixture and looks for the NOTE marker in every string that
// comes out.
func TestNoteNeverReturned(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(fixtures, "*.vcf"))
	if len(files) == 0 {
		t.Fatal("no fixtures")
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Contains(b, []byte(noteMarker)) {
			t.Fatalf("%s: fixture has no marker", f)
		}
		cs, bad := collect(t, string(b))
		if len(cs) == 0 {
			t.Fatalf("%s: no contacts", f)
		}
		var out []string
		for _, c := range cs {
			out = append(out, stringsOf(reflect.ValueOf(c))...)
		}
		for _, b := range bad {
			out = append(out, b.Reason)
		}
		for _, s := range out {
			if strings.Contains(s, noteMarker) {
				t.Errorf("%s: NOTE returned: %q", f, s)
			}
		}
	}
	if n := len(stringsOf(reflect.ValueOf(Contact{Emails: []string{"a", "b"}}))); n != 5 {
		t.Errorf("stringsOf found %d strings, want 5", n)
	}
}

// stringsOf returns every string reachable from v.
func stringsOf(v reflect.Value) []string {
	switch v.Kind() {
	case reflect.String:
		return []string{v.String()}
	case reflect.Struct:
		var out []string
		for i := range v.NumField() {
			out = append(out, stringsOf(v.Field(i))...)
		}
		return out
	case reflect.Slice:
		var out []string
		for i := range v.Len() {
			out = append(out, stringsOf(v.Index(i))...)
		}
		return out
	}
	return nil
}

func ExampleRead() {
	vcf := "BEGIN:VCARD\r\n" +
		"VERSION:3.0\r\n" +
		"FN:Ana Souza\r\n" +
		"EMAIL;TYPE=INTERNET:Ana.Souza@Example.com\r\n" +
		"ORG:Globex;Research\r\n" +
		"NOTE:never kept\r\n" +
		"END:VCARD\r\n"
	err := Read(strings.NewReader(vcf), func(c Contact) error {
		fmt.Printf("%d %q %q %q\n", c.Line, c.Name, c.Emails, c.Org)
		return nil
	}, nil)
	fmt.Println(err)
	// Output:
	// 1 "Ana Souza" ["ana.souza@example.com"] "Globex"
	// <nil>
}
