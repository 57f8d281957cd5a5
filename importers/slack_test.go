package importers

import (
	"fmt"
	"math"
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"
)

// loadSlack reads testdata/slack/export, a hand-made workspace export (fabricated people):
// threads, channel messages, a DM, a group DM, a mention, reactions, a bot, a deleted user, an
// edited message, system messages (a join, a rename), a user with no e-mail, a renamed channel,
// an empty day file, a malformed one and a message with a field of the wrong type.
func loadSlack(t *testing.T, extra ...Source) *Dataset {
	t.Helper()
	ds, err := Load(append([]Source{{Name: "export", FS: os.DirFS("../testdata/slack/export")}}, extra...), Options{Me: "ana@example.com"})
	if err != nil {
		t.Fatal(err)
	}
	return ds
}

// The interactions of the hand-made export, as its messages make them (SPEC §2.4): a thread's
// reply reaches the thread's other participants, a channel message the people active in the
// channel that day, a DM its other member, a mention the person mentioned, a reaction the
// message's author (with +1 or −1 for a positive or negative emoji).
func TestSlackKnownAnswers(t *testing.T) {
	ds := loadSlack(t)
	var got []string
	for _, in := range ds.Interactions {
		var to []string
		for _, x := range in.To {
			to = append(to, ds.People[x].Name)
		}
		s := ""
		if !math.IsNaN(in.Sentiment) {
			s = fmt.Sprintf(" %+g", in.Sentiment)
		}
		got = append(got, fmt.Sprintf("%s %s → %s (%s, %s)%s", in.Time.Format("01-02 15:04"), ds.People[in.From].Name, strings.Join(to, ", "), in.Channel, in.Conversation, s))
	}
	want := []string{
		// general, March 1st: Ana's thread parent reaches the day's active people, and asks Ben,
		// its replier, one to one; Ben's reply answers her; Cleo's message the active people, and Ana whom it mentions; Ana's
		// thumbs-up (a skin tone) and Ben's −1 reach Cleo, Cleo's own "eyes" nobody; Ben's
		// edited message the active people. The join, the bot and the deleted user's message
		// are skipped.
		"03-01 10:00 Ana Ruiz → Ben Okafor (slack, slack:C0001/1772359200.000200)", // the thread asks its replier
		"03-01 10:00 Ana Ruiz → Ben Okafor, Cleo Park (slack, slack:C0001/1772359200.000200)",
		"03-01 10:13 Ben Okafor → Ana Ruiz (slack, slack:C0001/1772359200.000200)",
		"03-01 11:00 Ben Okafor → Cleo Park (slack reaction, slack:C0001) -1",
		"03-01 11:00 Ana Ruiz → Cleo Park (slack reaction, slack:C0001) +1",
		"03-01 11:00 Cleo Park → Ben Okafor, Ana Ruiz (slack, slack:C0001)",
		"03-01 11:00 Cleo Park → Ana Ruiz (slack, slack:C0001)",
		"03-01 12:00 Ben Okafor → Cleo Park, Ana Ruiz (slack, slack:C0001)",
		// The DM, both ways; the group DM to its other members.
		"03-04 10:00 Ana Ruiz → Ben Okafor (slack, slack:D0001)",
		"03-04 11:00 Ben Okafor → Ana Ruiz (slack, slack:D0001)",
		"03-05 10:00 Cleo Park → Ben Okafor, Ana Ruiz (slack, slack:G0002)",
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("interactions (-want +got):\n%s", d)
	}

	// Users are people with their e-mail and title; the bots and the deleted user are not.
	var people []string
	for _, p := range ds.People {
		people = append(people, fmt.Sprintf("%s <%s> %s", p.Name, p.Email, p.Title))
	}
	if d := cmp.Diff([]string{"Ben Okafor <ben@example.com> Engineer", "Cleo Park <> Designer", "Ana Ruiz <ana@example.com> VP Sales"}, people); d != "" {
		t.Errorf("people (-want +got):\n%s", d)
	}
	if ds.Ego < 0 || ds.People[ds.Ego].Name != "Ana Ruiz" {
		t.Errorf("ego %d, want Ana Ruiz (--me ana@example.com)", ds.Ego)
	}

	// The export is one file of coverage; every message not used is counted with its reason.
	want2 := []FileCoverage{{Name: "export", Source: "export", Kind: "slack", Encoding: "UTF-8", Rows: 15, Used: 7, Skipped: map[string]int{
		"system message":                  2, // the join, the rename
		"bot":                             1,
		"deleted or unknown user":         1,
		"no one else in the conversation": 3, // alone in #renamed-now, in #private-ops, in #general on March 3rd
		"unreadable message":              1, // "user": 42
		"unreadable rest of file":         1, // the malformed day file
	}}}
	if d := cmp.Diff(want2, ds.Coverage.Files); d != "" {
		t.Errorf("coverage (-want +got):\n%s", d)
	}
	var problems []string
	for _, p := range ds.Problems {
		problems = append(problems, p.Error())
	}
	wantProblems := []string{
		"export:general/2026-03-03.json:3:76: malformed JSON: invalid character '\"' after object key:value pair",
		"export:private-ops/2026-03-03.json:3: message: user: want string, got number; the message is skipped",
	}
	if d := cmp.Diff(wantProblems, problems); d != "" {
		t.Errorf("problems (-want +got):\n%s", d)
	}
	if ds.AsOf.Format("2006-01-02") != "2026-03-05" || ds.AsOfFrom != "newest evidence" {
		t.Errorf("as of %v from %s", ds.AsOf, ds.AsOfFrom)
	}
}

// Slack and mail of one person are one person: they merge by e-mail.
func TestSlackMergesWithMail(t *testing.T) {
	mbox := "From ana@example.com Mon Mar  2 09:00:00 2026\nFrom: Ana Ruiz <ana@example.com>\nTo: Ben Okafor <ben@example.com>\nDate: Mon, 02 Mar 2026 09:00:00 +0000\nMessage-ID: <m1@example.com>\nSubject: hi\n\nbody\n"
	ds := loadSlack(t, Source{Name: "mail", FS: fstest.MapFS{"ana.mbox": {Data: []byte(mbox)}}})
	if len(ds.People) != 3 {
		var names []string
		for _, p := range ds.People {
			names = append(names, p.Name+" <"+p.Email+">")
		}
		t.Fatalf("%d people, want Ana, Ben and Cleo once each: %v", len(ds.People), names)
	}
	mails := 0
	for _, in := range ds.Interactions {
		if in.Channel == "email" {
			mails++
			if ds.People[in.From].Name != "Ana Ruiz" || len(in.To) != 1 || ds.People[in.To[0]].Name != "Ben Okafor" {
				t.Errorf("the mail is %v → %v", in.From, in.To)
			}
		}
	}
	if mails != 1 {
		t.Errorf("%d mails, want 1", mails)
	}
}

// No message text, file name, attachment title or link is kept anywhere in the Dataset: every
// message of the export carries a marker.
func TestSlackKeepsNoText(t *testing.T) {
	ds := loadSlack(t)
	text := fmt.Sprintf("%+v", *ds)
	for _, marker := range []string{"SECRET", "Kick-off", "mock-ups"} {
		if strings.Contains(text, marker) {
			t.Errorf("the Dataset holds %q", marker)
		}
	}
}

// slack=PATH forces a folder to be read as a Slack export whatever its layout; without
// users.json it says so.
func TestSlackForced(t *testing.T) {
	ds, err := Load([]Source{{Name: "odd", Kind: "slack", FS: fstest.MapFS{"channels.json": {Data: []byte("[]")}}}}, Options{NoOwner: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(ds.Coverage.Files) != 1 || ds.Coverage.Files[0].Kind != "slack" || len(ds.Problems) != 1 || !strings.Contains(ds.Problems[0].Error(), "users.json") {
		t.Errorf("files %+v, problems %v: want the export read as slack, and users.json missing said", ds.Coverage.Files, ds.Problems)
	}
}

// The emoji read as sentiments are the config's when it names them (slack: positive, negative).
func TestSlackReactionsConfigured(t *testing.T) {
	ds, err := Load([]Source{{Name: "export", FS: os.DirFS("../testdata/slack/export")}},
		Options{Me: "ana@example.com", Reactions: &Reactions{Positive: []string{"-1"}, Negative: []string{"thumbsup"}}})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]float64{}
	for _, in := range ds.Interactions {
		if in.Channel == "slack reaction" {
			got[ds.People[in.From].Name] = in.Sentiment
		}
	}
	if want := map[string]float64{"Ana Ruiz": -1, "Ben Okafor": 1}; !cmp.Equal(want, got) {
		t.Errorf("reactions' sentiments %v, want %v (the lists swapped)", got, want)
	}
}

// A thread's replies answer its author one to one, and reach its other participants: so the
// answer rate reads replies in your threads (SPEC §3.4).
func TestSlackThreadAnswers(t *testing.T) {
	users := `[{"id":"U1","real_name":"Ana","profile":{"email":"ana@x.com"}},{"id":"U2","real_name":"Ben","profile":{"email":"ben@x.com"}},{"id":"U3","real_name":"Cleo","profile":{"email":"cleo@x.com"}}]`
	day := `[{"user":"U1","text":"plan?","ts":"1772359200.000100","thread_ts":"1772359200.000100","reply_users":["U2","U3"]},
{"user":"U2","text":"yes","ts":"1772362800.000200","thread_ts":"1772359200.000100"},
{"user":"U3","text":"ok","ts":"1772366400.000300","thread_ts":"1772359200.000100"}]`
	fsys := fstest.MapFS{"users.json": {Data: []byte(users)}, "channels.json": {Data: []byte(`[{"id":"C1","name":"plans","members":["U1","U2","U3"]}]`)},
		"plans/2026-03-01.json": {Data: []byte(day)}}
	ds, err := Load([]Source{{Name: "w", FS: fsys}}, Options{Me: "ana@x.com"})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, in := range ds.Interactions {
		var to []string
		for _, x := range in.To {
			to = append(to, ds.People[x].Name)
		}
		got = append(got, ds.People[in.From].Name+" → "+strings.Join(to, ", "))
	}
	want := []string{
		"Ana → Cleo", "Ana → Cleo, Ben", "Ana → Ben", // the parent: the channel that day, and its asks (people in id order)
		"Ben → Ana", "Ben → Cleo", // Ben answers Ana, and reaches Cleo
		"Cleo → Ana", "Cleo → Ben", // Cleo too
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("interactions (-want +got):\n%s", d)
	}
}
