package slack

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// A day file's messages, with what relmap keeps of each: never the text, only its mentions
// (as Slack writes them, and as an encoder that escapes HTML does).
func TestReadDay(t *testing.T) {
	day := `[
 {"type":"message","user":"U1","text":"hi <@U2> and <@U3|cleo>, again <@U2> <@nope> <#C1|general> <!here>","ts":"1772359200.000200",
  "thread_ts":"1772359200.000200","reply_users":["U2"],"reactions":[{"name":"+1","users":["U2","U3"],"count":2}]},
 {"type":"message","user":"U2","text":"\u003c@U1\u003e thanks","ts":"1772360000.5","thread_ts":"1772359200.000200"},
 {"type":"message","subtype":"channel_join","user":"U3","text":"<@U3> has joined","ts":"1772361000"},
 {"type":"message","subtype":"bot_message","bot_id":"B1","text":"ok","ts":"1772362000.000001"}
]`
	var got []Message
	err := ReadDay("d.json", strings.NewReader(day), func(m Message) error { got = append(got, m); return nil }, func(e *Error) { t.Errorf("bad: %v", e) })
	if err != nil {
		t.Fatal(err)
	}
	want := []Message{
		{Line: 2, Col: 2, User: "U1", Time: time.Date(2026, 3, 1, 10, 0, 0, 200000, time.UTC), TS: "1772359200.000200", ThreadTS: "1772359200.000200",
			Mentions: []string{"U2", "U3"}, ReplyUsers: []string{"U2"}, Reactions: []Reaction{{Name: "+1", Users: []string{"U2", "U3"}}}},
		{Line: 4, Col: 2, User: "U2", Time: time.Date(2026, 3, 1, 10, 13, 20, 500000000, time.UTC), TS: "1772360000.5", ThreadTS: "1772359200.000200",
			Mentions: []string{"U1"}},
		{Line: 5, Col: 2, User: "U3", Time: time.Date(2026, 3, 1, 10, 30, 0, 0, time.UTC), TS: "1772361000", Subtype: "channel_join", Mentions: []string{"U3"}},
		{Line: 6, Col: 2, Time: time.Date(2026, 3, 1, 10, 46, 40, 1000, time.UTC), TS: "1772362000.000001", Subtype: "bot_message", Bot: true},
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("messages (-want +got):\n%s", d)
	}
}

// Broken day files: a problem at its line and column, the messages before it kept; a message
// that cannot be read is reported and skipped, the rest read; an empty file or list is no
// message.
func TestReadDayBroken(t *testing.T) {
	for _, c := range []struct {
		name, day string
		kept      int
		bad       []string
		err       string
	}{
		{"empty", "", 0, nil, ""},
		{"blank", " \n", 0, nil, ""},
		{"no messages", "[]", 0, nil, ""},
		{"not a list", `{"a":1}`, 0, nil, "d.json:1:1: not a list of messages"},
		{"syntax", "[\n{\"user\":\"U1\",\"ts\":\"1772359200\"},\n{\"user\" \"U2\"}\n]", 1, nil, "d.json:3:9: malformed JSON: invalid character '\"' after object key"},
		{"cut short", "[\n{\"user\":\"U1\",\"ts\":\"1772359200\"},\n{\"user\":", 1, nil, "malformed JSON"},
		{"wrong type", "[\n{\"user\":7,\"ts\":\"1772359200\"},\n{\"user\":\"U2\",\"ts\":\"1772359200\"}\n]", 1, []string{"d.json:2:1: user: want string, got number; the message is skipped"}, ""},
		{"bad ts", "[{\"user\":\"U2\",\"ts\":\"yesterday\"}]", 0, []string{`d.json:1:2: ts "yesterday": not a Slack timestamp; the message is skipped`}, ""},
	} {
		var kept int
		var bad []string
		err := ReadDay("d.json", strings.NewReader(c.day), func(Message) error { kept++; return nil }, func(e *Error) { bad = append(bad, e.Error()) })
		if kept != c.kept || !cmp.Equal(bad, c.bad) {
			t.Errorf("%s: kept %d, bad %q; want %d, %q", c.name, kept, bad, c.kept, c.bad)
		}
		var pe *Error
		switch {
		case c.err == "" && err != nil:
			t.Errorf("%s: %v", c.name, err)
		case c.err != "" && (err == nil || !strings.Contains(err.Error(), c.err) || !errors.As(err, &pe)):
			t.Errorf("%s: %v, want a positioned %q", c.name, err, c.err)
		}
	}
}

// Users and conversation lists of the hand-made export in testdata/slack.
func TestReadUsersAndConversations(t *testing.T) {
	dir := filepath.Join("..", "..", "testdata", "slack", "export")
	f, err := os.Open(filepath.Join(dir, "users.json"))
	if err != nil {
		t.Fatal(err)
	}
	users, err := ReadUsers("users.json", f)
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	if len(users) != 6 || users[0] != (User{ID: "U0001", Name: "ana", RealName: "Ana Ruiz", Email: "ana@example.com", Title: "VP Sales"}) ||
		!users[3].Deleted || !users[4].Bot || !users[5].Bot {
		t.Errorf("users %+v", users)
	}
	f, err = os.Open(filepath.Join(dir, "dms.json"))
	if err != nil {
		t.Fatal(err)
	}
	dms, err := ReadConversations("dms.json", f, DM)
	f.Close()
	if err != nil || len(dms) != 1 || dms[0].Folder != "D0001" || dms[0].Kind != DM || len(dms[0].Members) != 2 {
		t.Errorf("dms %+v, %v", dms, err)
	}
	if _, err := ReadUsers("users.json", strings.NewReader("[{\"id\": \"U1\",\n \"deleted\": \"no\"}]")); err == nil || !strings.HasPrefix(err.Error(), "users.json:2:") {
		t.Errorf("a users.json of the wrong type: %v, want users.json:2:…", err)
	}
}

// FuzzReadDay: the day-file reader never panics, keeps messages only with a time, and reports
// every problem at a line and column within the file.
func FuzzReadDay(f *testing.F) {
	for _, s := range []string{"", "[]", `[{"user":"U1","ts":"1772359200.1","text":"<@U2>"}]`, "[\n{\"user\" \"U2\"}\n]", `[{"reactions":[{"name":"+1","users":["U1"]}],"ts":"1"}]`, "{", `[{"text":"\u003c@U9\u003e <@"}]`} {
		f.Add([]byte(s))
	}
	days, _ := filepath.Glob(filepath.Join("..", "..", "testdata", "slack", "export", "*", "*.json"))
	for _, d := range days {
		if b, err := os.ReadFile(d); err == nil {
			f.Add(b)
		}
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		lines := 1 + strings.Count(string(b), "\n")
		check := func(e *Error) {
			if e.Line < 1 || e.Line > lines || e.Col < 1 {
				t.Errorf("%v: outside the file's %d lines", e, lines)
			}
		}
		err := ReadDay("d.json", strings.NewReader(string(b)), func(m Message) error {
			if m.Time.IsZero() || m.Line < 1 || m.Line > lines {
				t.Errorf("message %+v", m)
			}
			return nil
		}, check)
		var pe *Error
		if errors.As(err, &pe) {
			check(pe)
		}
	})
}
