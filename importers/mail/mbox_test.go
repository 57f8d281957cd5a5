package mail

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
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// bodyMarker is written into every message body of the fixtures; it must never come out.
const bodyMarker = "BODY-MARKER-QX7"

const fixtures = "../../testdata/sources/mbox"

type badLine struct {
	Line   int
	Reason string
}

// read runs ReadMbox over s and collects what it reports.
func read(t *testing.T, s string) ([]Message, []badLine) {
	t.Helper()
	var msgs []Message
	var bads []badLine
	err := ReadMbox(strings.NewReader(s),
		func(m Message) error { msgs = append(msgs, m); return nil },
		func(line int, reason string) { bads = append(bads, badLine{line, reason}) })
	if err != nil {
		t.Fatalf("ReadMbox: %v", err)
	}
	return msgs, bads
}

func readFixture(t *testing.T, name string) ([]Message, []badLine) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(fixtures, name))
	if err != nil {
		t.Fatal(err)
	}
	return read(t, string(b))
}

func utc(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t
}

var cmpOpts = []cmp.Option{cmpopts.EquateEmpty()}

func TestReadMboxTakeout(t *testing.T) {
	ana := Address{"Ana Souza", "ana.souza@example.com"}
	ben := Address{"Ben Okafor", "ben.okafor@example.com"}
	chloe := Address{"Chloé Martin", "chloe.martin@example.org"}
	want := []Message{{
		Line: 1, From: ana, To: []Address{ben}, Cc: []Address{chloe},
		Date: utc("2024-03-04T09:15:02Z"), MessageID: "thread-a-1@example.com",
	}, {
		// Display name with a quoted comma; named zone in a comment after a numeric offset;
		// folded Cc.
		Line: 16, From: Address{"Okafor, Ben", "ben.okafor@example.com"},
		To: []Address{ana}, Cc: []Address{chloe, {"Dev Patel", "dev.patel@example.org"}},
		Date: utc("2024-03-04T10:02:44Z"), MessageID: "thread-a-2@example.com",
		InReplyTo: "thread-a-1@example.com", References: []string{"thread-a-1@example.com"},
	}, {
		// The "From what I remember" body line of the message above was not a separator.
		Line: 32, From: chloe,
		To:   []Address{{"", "ben.okafor@example.com"}, {"", "ana.souza@example.com"}},
		Date: utc("2024-03-04T11:30:00Z"), MessageID: "thread-a-3@example.com",
		InReplyTo: "thread-a-2@example.com", References: []string{"thread-a-1@example.com", "thread-a-2@example.com"},
	}, {
		Line: 44, From: ana, To: []Address{chloe},
		Date: utc("2024-03-04T12:45:10Z"), MessageID: "thread-a-4@example.com",
		InReplyTo: "thread-a-3@example.com",
	}, {
		Line: 54, From: Address{"Dev Patel", "dev.patel@example.org"}, To: []Address{ana},
		Date: utc("2024-03-05T08:00:00Z"), MessageID: "thread-a-5@example.com",
		References: []string{"thread-a-1@example.com", "thread-a-4@example.com"},
	}, {
		// Broken To: unquoted comma in a name, address as display name, unclosed bracket;
		// ctime date without a zone.
		Line: 72, From: Address{"", "dev.patel@example.org"},
		To: []Address{
			{"Okafor, Ben", "ben.okafor@example.com"},
			{"", "eve.lindqvist@example.com"},
			{"Frank Zhou", "frank.zhou@example.org"},
		},
		Date: utc("2024-03-05T10:00:00Z"), MessageID: "broken-list-1@example.com",
		InReplyTo: "not-in-this-archive@example.com",
	}, {
		// Separator right after a body line, recognised by the header fields that follow;
		// windows-1252 encoded words; EST.
		Line: 82, From: Address{"José Núñez", "jose.nunez@example.org"}, To: []Address{ana},
		Date: utc("2024-03-05T11:00:00Z"),
	}}
	wantBad := []badLine{
		{67, "malformed header line (no field name and colon) (message at line 64 skipped)"},
		{90, "no From header"},
	}
	got, bad := readFixture(t, "takeout.mbox")
	if diff := cmp.Diff(want, got, cmpOpts...); diff != "" {
		t.Errorf("messages (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(wantBad, bad, cmpOpts...); diff != "" {
		t.Errorf("bad (-want +got):\n%s", diff)
	}
	wantThreads := []string{
		"thread-a-1@example.com", "thread-a-1@example.com", "thread-a-1@example.com",
		"thread-a-1@example.com", "thread-a-1@example.com", // the last by References only
		"broken-list-1@example.com", // its parent is not in the archive
		"line:82",                   // no Message-ID
	}
	if diff := cmp.Diff(wantThreads, Threads(got)); diff != "" {
		t.Errorf("Threads (-want +got):\n%s", diff)
	}
}

func TestReadMboxThunderbird(t *testing.T) {
	greta := Address{"Greta Holm", "greta.holm@example.org"}
	want := []Message{{
		// CRLF; ">From alice" envelope line dropped; group syntax gives no To; Bcc ignored.
		Line: 1, From: greta, Date: utc("2024-04-10T14:03:11Z"), MessageID: "tb-1@example.org",
	}, {
		// Last line without a line ending.
		Line: 15, From: Address{"Hamid Rahimi", "hamid.rahimi@example.org"}, To: []Address{greta},
		Date: utc("2024-04-10T15:00:00Z"), MessageID: "tb-2@example.org", InReplyTo: "tb-1@example.org",
	}}
	got, bad := readFixture(t, "thunderbird.mbox")
	if diff := cmp.Diff(want, got, cmpOpts...); diff != "" {
		t.Errorf("messages (-want +got):\n%s", diff)
	}
	if len(bad) != 0 {
		t.Errorf("bad = %v, want none", bad)
	}
}

func TestReadMboxQuirks(t *testing.T) {
	a := Address{"", "a@example.com"}
	b := Address{"", "b@example.com"}
	tests := []struct {
		name string
		in   string
		want []Message
		bad  []badLine
	}{{
		name: "empty input",
		in:   "",
	}, {
		name: "eml without separator",
		in:   "From: a@example.com\nTo: b@example.com\n\nbody\n",
		want: []Message{{Line: 1, From: a, To: []Address{b}}},
	}, {
		name: "Thunderbird bare separator",
		in:   "From \r\nFrom: a@example.com\r\n\r\nbody\r\n\r\nFrom \r\nFrom: b@example.com\r\n\r\n",
		want: []Message{{Line: 1, From: a}, {Line: 6, From: b}},
	}, {
		name: "body From line followed by one header-like line only",
		in:   "From x\nFrom: a@example.com\n\nLooks like a new message\nFrom here\nBut: it is not really.\nThe end.\n",
		want: []Message{{Line: 1, From: a}},
	}, {
		name: "separator without blank line, headers follow",
		in:   "From x\nFrom: a@example.com\n\nbody\nFrom y\nReceived: by example.com;\n Tue, 5 Mar 2024 12:00:00 +0000\nFrom: b@example.com\n\n",
		want: []Message{{Line: 1, From: a}, {Line: 5, From: b}},
	}, {
		name: "From line at end of input after a body line",
		in:   "From x\nFrom: a@example.com\n\nbody\nFrom y",
		want: []Message{{Line: 1, From: a}},
	}, {
		name: "header block cut short by a separator",
		in:   "From x\nFrom: a@example.com\nTo: b@ex\nFrom y\nFrom: b@example.com\n\n",
		want: []Message{{Line: 1, From: a, To: []Address{{"", "b@ex"}}}, {Line: 4, From: b}},
	}, {
		name: "header block cut short by the end of input",
		in:   "From x\nFrom: a@example.com\nTo: b@example.com",
		want: []Message{{Line: 1, From: a, To: []Address{b}}},
	}, {
		name: "empty messages",
		in:   "From x\n\nFrom y Mon Mar  4 09:15:02 2024\n\n",
		bad:  []badLine{{1, "message without headers"}, {3, "message without headers"}},
	}, {
		// mboxo: a body paragraph that starts with "From " is not a message (issue 16, item 13).
		name: "body From line after a blank line",
		in:   "From x\nFrom: a@example.com\n\nHello,\n\nFrom what I remember, we agreed.\nThanks\n\nFrom y\n\n",
		want: []Message{{Line: 1, From: a}},
	}, {
		name: "body From paragraph of header-like lines without a From address",
		in:   "From x\nFrom: a@example.com\n\nFrom now on:\nNote: the meeting moves.\nBut: not today.\n",
		want: []Message{{Line: 1, From: a}},
	}, {
		name: "body From paragraph then a separator without blank line",
		in:   "From x\nFrom: a@example.com\n\nFrom the desk of A.\nFrom y\nFrom: b@example.com\nTo: a@example.com\n\n",
		want: []Message{{Line: 1, From: a}, {Line: 5, From: b, To: []Address{a}}},
	}, {
		name: "body From line over 1 MiB after a blank line",
		in:   "From x\nFrom: a@example.com\n\nFrom " + strings.Repeat("y", maxHeader) + "\n\nFrom y\nFrom: b@example.com\n",
		want: []Message{{Line: 1, From: a}, {Line: 6, From: b}},
	}, {
		name: "postmark with a damaged header block is reported",
		in:   "From x\nFrom: a@example.com\n\nFrom b@example.com Tue Mar  5 09:00:00 2024\nno colon here\n\n",
		want: []Message{{Line: 1, From: a}},
		bad:  []badLine{{5, "malformed header line (no field name and colon) (message at line 4 skipped)"}},
	}, {
		name: "text before the first separator",
		in:   "this is not mail\n\nFrom x\nFrom: a@example.com\n",
		want: []Message{{Line: 3, From: a}},
		bad:  []badLine{{1, `text before the first "From " line; is this an mbox file?`}},
	}, {
		name: "continuation line first",
		in:   "From x\n folded: first\nFrom: a@example.com\n",
		bad:  []badLine{{2, "malformed header line (no field name and colon) (message at line 1 skipped)"}},
	}, {
		name: "obsolete white space before the colon",
		in:   "From x\nFrom : a@example.com\nTo\t: b@example.com\n",
		want: []Message{{Line: 1, From: a, To: []Address{b}}},
	}, {
		name: "field name with a space inside",
		in:   "From x\nFrom: a@example.com\nX Mailer: y\n",
		bad:  []badLine{{3, "malformed header line (no field name and colon) (message at line 1 skipped)"}},
	}, {
		name: "From without address",
		in:   "From x\nFrom: Mail Delivery System\n",
		bad:  []badLine{{1, `no address in From header "Mail Delivery System"`}},
	}, {
		name: "two To headers and a Cc",
		in:   "From x\nFrom: a@example.com\nTo: b@example.com\nTo: c@example.com\nCC: d@example.com\n",
		want: []Message{{Line: 1, From: a, To: []Address{b, {"", "c@example.com"}}, Cc: []Address{{"", "d@example.com"}}}},
	}, {
		name: "raw Windows-1252 name",
		in:   "From x\nFrom: Jos\xe9 <JOSE@example.org>\n",
		want: []Message{{Line: 1, From: Address{"José", "jose@example.org"}}},
	}, {
		name: "unreadable date is zero",
		in:   "From x\nFrom: a@example.com\nDate: someday\n",
		want: []Message{{Line: 1, From: a}},
	}, {
		name: "message ids without brackets",
		in:   "From x\nFrom: a@example.com\nMessage-ID: id1@example.com\nReferences: id0@example.com  id00@example.com\n",
		want: []Message{{Line: 1, From: a, MessageID: "id1@example.com", References: []string{"id0@example.com", "id00@example.com"}}},
	}, {
		name: "header block over 1 MiB",
		in:   "From x\nFrom: a@example.com\nX-Big: " + strings.Repeat("x", maxHeader) + "\n\nFrom y\nFrom: b@example.com\n",
		want: []Message{{Line: 5, From: b}},
		bad:  []badLine{{1, "header block longer than 1 MiB; message skipped"}},
	}, {
		name: "long body line",
		in:   "From x\nFrom: a@example.com\n\n" + strings.Repeat("y", 3*maxHeader) + "\n\nFrom y\nFrom: b@example.com\n",
		want: []Message{{Line: 1, From: a}, {Line: 6, From: b}},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, bad := read(t, tt.in)
			if diff := cmp.Diff(tt.want, got, cmpOpts...); diff != "" {
				t.Errorf("messages (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.bad, bad, cmpOpts...); diff != "" {
				t.Errorf("bad (-want +got):\n%s", diff)
			}
		})
	}
}

// TestBodyNeverReturned reads every fixture and looks for the body marker in every string that
// comes out: the fields of each message, and each reason given to bad.
func TestBodyNeverReturned(t *testing.T) {
	files, err := filepath.Glob(filepath.Join(fixtures, "*.mbox"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no fixtures: %v", err)
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Contains(b, []byte(bodyMarker)) {
			t.Fatalf("%s: fixture has no body marker", f)
		}
		msgs, bad := read(t, string(b))
		if len(msgs) == 0 {
			t.Fatalf("%s: no messages", f)
		}
		var out []string
		for _, m := range msgs {
			out = append(out, stringsOf(reflect.ValueOf(m))...)
		}
		for _, b := range bad {
			out = append(out, b.Reason)
		}
		for _, s := range out {
			if strings.Contains(s, bodyMarker) || strings.Contains(s, "remember") {
				t.Errorf("%s: body text returned: %q", f, s)
			}
		}
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
			if v.Type().Field(i).IsExported() {
				out = append(out, stringsOf(v.Field(i))...)
			}
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

func TestStringsOfSeesEveryField(t *testing.T) {
	// The scan above must fail when a body does come out.
	m := Message{From: Address{Name: bodyMarker}, References: []string{"x" + bodyMarker}}
	n := 0
	for _, s := range stringsOf(reflect.ValueOf(m)) {
		if strings.Contains(s, bodyMarker) {
			n++
		}
	}
	if n != 2 {
		t.Errorf("found the marker %d times, want 2", n)
	}
}

func TestReadMboxStops(t *testing.T) {
	in := "From x\nFrom: a@example.com\n\nFrom y\nFrom: b@example.com\n"
	stop := errors.New("stop")
	n := 0
	err := ReadMbox(strings.NewReader(in), func(Message) error { n++; return stop }, nil)
	if !errors.Is(err, stop) || n != 1 {
		t.Errorf("fn error: got %v after %d messages, want stop after 1", err, n)
	}

	err = ReadMbox(iotest.TimeoutReader(strings.NewReader(in)), func(Message) error { return nil }, nil)
	if !errors.Is(err, iotest.ErrTimeout) {
		t.Errorf("I/O error: got %v, want %v", err, iotest.ErrTimeout)
	}
}

func TestParseAddresses(t *testing.T) {
	tests := []struct {
		in   string
		want []Address
	}{
		{"", nil},
		{"undisclosed-recipients:;", nil},
		{"A@Example.COM", []Address{{"", "a@example.com"}}},
		{`"Doe, Jane" <jane@example.com>, bob@example.org (Bob)`, []Address{{"Doe, Jane", "jane@example.com"}, {"Bob", "bob@example.org"}}},
		{"=?ISO-8859-1?Q?Andr=E9?= <andre@example.com>", []Address{{"André", "andre@example.com"}}},
		{"=?utf-8?B?w4lsb2RpZQ==?= <elodie@example.com>", []Address{{"Élodie", "elodie@example.com"}}},
		{"=?windows-1252?Q?Fran=E7ois_=80?= <f@example.com>", []Address{{"François €", "f@example.com"}}},
		{"=?iso-8859-15?q?Ren=E9e?= <r@example.com>", []Address{{"Renée", "r@example.com"}}},
		{"=?x-unknown?q?Zed?= <z@example.com>", []Address{{"=?x-unknown?q?Zed?=", "z@example.com"}}},
		{"Doe, Jane <jane@example.com>", []Address{{"Doe, Jane", "jane@example.com"}}},
		{"Jane <jane@example.com", []Address{{"Jane", "jane@example.com"}}},
		{"jane@example.com <jane@example.com>", []Address{{"", "jane@example.com"}}},
		{"Team: a@example.com, b@example.com;", []Address{{"", "a@example.com"}, {"", "b@example.com"}}},
		{"Jane Doe, <bad>, x@example.com (X, Y)", []Address{{"X, Y", "x@example.com"}}},
		{"mailto:m@example.com", []Address{{"", "m@example.com"}}},
		{"no address here", nil},
	}
	for _, tt := range tests {
		got := parseAddresses(tt.in)
		if diff := cmp.Diff(tt.want, got, cmpOpts...); diff != "" {
			t.Errorf("parseAddresses(%q) (-want +got):\n%s", tt.in, diff)
		}
	}
}

func TestParseDate(t *testing.T) {
	tests := []struct {
		in   string
		want string // RFC 3339, "" for zero
	}{
		{"Mon, 4 Mar 2024 10:15:02 +0100", "2024-03-04T09:15:02Z"},
		{"4 Mar 24 10:15:02 -0000", "2024-03-04T10:15:02Z"},
		{"Mon, 4 Mar 2024 05:02:44 -0500 (EST)", "2024-03-04T10:02:44Z"},
		{"Mon,  4 Mar 2024 10:15 +0100", "2024-03-04T09:15:00Z"},
		{"Mon, 4 Mar 2024 10:15:02 EST", "2024-03-04T15:15:02Z"},
		{"Mon, 4 Mar 2024 10:15:02 PDT", "2024-03-04T17:15:02Z"},
		{"Mon, 4 Mar 2024 10:15:02 CEST", "2024-03-04T08:15:02Z"},
		{"Mon, 4 Mar 2024 10:15:02 XYZ", "2024-03-04T10:15:02Z"},
		{"Mon, 04 Mar 2024 10:15:02 +0000 GMT", "2024-03-04T10:15:02Z"},
		{"Mon, 4 Mar 2024 10:15:02 +01:00", "2024-03-04T09:15:02Z"},
		{"Mon, 4 Mar 2024 10:15:02", "2024-03-04T10:15:02Z"},
		{"Mon Mar  4 10:15:02 2024", "2024-03-04T10:15:02Z"},
		{"Mon Mar 4 10:15:02 EST 2024", "2024-03-04T15:15:02Z"},
		{"Monday, March 4, 2024 3:04 PM", "2024-03-04T15:04:00Z"},
		{"2024-03-04T10:15:02+02:00", "2024-03-04T08:15:02Z"},
		{"2024-03-04 10:15:02", "2024-03-04T10:15:02Z"},
		{"", ""},
		{"yesterday", ""},
		{"Mon, 32 Mar 2024 10:15:02 +0100", ""},
	}
	for _, tt := range tests {
		got := parseDate(tt.in)
		want := time.Time{}
		if tt.want != "" {
			want = utc(tt.want)
		}
		if !got.Equal(want) || got.Location() != time.UTC {
			t.Errorf("parseDate(%q) = %v, want %v", tt.in, got, want)
		}
	}
}

func TestMsgIDs(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"", nil},
		{"<a@x>", []string{"a@x"}},
		{" <a@x> (comment) <b@x>\t<c@x>", []string{"a@x", "b@x", "c@x"}},
		{"<a@x> <broken", []string{"a@x"}},
		{"<>", nil},
		{"a@x b@x", []string{"a@x", "b@x"}},
		{`"Jane's message of Monday" <a@x>`, []string{"a@x"}},
		{"no id", nil},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, msgIDs(tt.in), cmpOpts...); diff != "" {
			t.Errorf("msgIDs(%q) (-want +got):\n%s", tt.in, diff)
		}
	}
}

func ExampleReadMbox() {
	mbox := "From alice@example.com Mon Mar  4 09:00:00 2024\n" +
		"From: Alice <Alice@Example.com>\n" +
		"To: bob@example.org\n" +
		"Date: Mon, 4 Mar 2024 10:00:00 +0100\n" +
		"Message-ID: <1@example.com>\n" +
		"\n" +
		"The body is skipped.\n"
	err := ReadMbox(strings.NewReader(mbox), func(m Message) error {
		fmt.Println(m.Line, m.From.Email, m.To[0].Email, m.Date, m.MessageID)
		return nil
	}, nil)
	fmt.Println(err)
	// Output:
	// 1 alice@example.com bob@example.org 2024-03-04 09:00:00 +0000 UTC 1@example.com
	// <nil>
}
