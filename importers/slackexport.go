package importers

import (
	"fmt"
	"io/fs"
	"math"
	"path"
	"slices"
	"sort"
	"strings"

	"github.com/relmap/relmap/importers/slack"
)

// Skip reasons of a Slack export, as they appear in coverage.
const (
	skipSlackSystem  = "system message" // joins, leaves, topics, renames …
	skipSlackBot     = "bot"
	skipSlackDeleted = "deleted or unknown user"
	skipSlackAlone   = "no one else in the conversation"
)

// slackKept are the message subtypes that are someone's message; every other subtype is the
// system's (channel_join, channel_leave, channel_topic, channel_name …) and is skipped.
var slackKept = set("", "thread_broadcast", "me_message", "file_share")

// Reactions are the Slack emoji read as a sentiment of +1 (Positive) and −1 (Negative) from the
// reactor toward the message's author (SPEC §3.4's sentiment signal), by name without colons;
// any other emoji is a reaction without a sentiment. Skin tones are ignored
// (thumbsup::skin-tone-3 is thumbsup).
type Reactions struct {
	Positive []string `yaml:"positive"`
	Negative []string `yaml:"negative"`
}

// SlackPositive and SlackNegative are the default Reactions.
var (
	SlackPositive = []string{"+1", "thumbsup", "heart", "tada", "clap", "raised_hands", "100", "white_check_mark",
		"heavy_check_mark", "pray", "muscle", "star", "star-struck", "fire", "rocket", "ok_hand", "heart_eyes", "slightly_smiling_face", "smile"}
	SlackNegative = []string{"-1", "thumbsdown", "x", "no_entry", "no_entry_sign", "confused", "disappointed", "rage", "angry", "face_with_rolling_eyes", "unamused"}
)

// slackRoot reports whether dir of fsys is a Slack export's root: users.json beside one of
// the conversation lists.
func slackRoot(fsys fs.FS, dir string) bool {
	if st, err := fs.Stat(fsys, path.Join(dir, "users.json")); err != nil || !st.Mode().IsRegular() {
		return false
	}
	for _, f := range slack.Files {
		if st, err := fs.Stat(fsys, path.Join(dir, f.Name)); err == nil && st.Mode().IsRegular() {
			return true
		}
	}
	return false
}

// slackExport is what reading one export remembers from day to day.
type slackExport struct {
	l      *loader
	fc     *FileCoverage
	file   int            // the export's index among the files read
	users  map[string]int // user id → mention handle; deleted users and bots are not in it
	source string         // for problems: the export's name
}

// readSlack reads the Slack export at root of src (SPEC §2.4): its users become people (with
// their e-mail and title, so that they merge with mail and LinkedIn), and each message an
// interaction — a direct message or a thread reply with the conversation's or thread's other
// participants, a channel message with the people active in the channel that day, a mention
// with the person mentioned, a reaction from the reactor to the author. The export counts as
// one file in coverage.
func (l *loader) readSlack(src Source, root, name string) error {
	fc := FileCoverage{Name: name, Source: src.Name, Kind: kindSlack.String(), Encoding: "UTF-8", Skipped: map[string]int{}}
	x := &slackExport{l: l, fc: &fc, file: len(l.files), users: map[string]int{}, source: name}
	if err := x.readUsers(src.FS, root); err != nil {
		if overBudget(err) {
			return err
		}
		l.problems = append(l.problems, err)
		l.files = append(l.files, fc)
		return nil
	}
	var convs []slack.Conversation
	for _, f := range slack.Files {
		p := path.Join(root, f.Name)
		file, err := src.FS.Open(p)
		if err != nil {
			continue // not every export has every list
		}
		cs, err := slack.ReadConversations(name+":"+f.Name, file, f.Kind)
		file.Close()
		if err != nil {
			l.problems = append(l.problems, err)
			continue
		}
		convs = append(convs, cs...)
	}
	sort.SliceStable(convs, func(a, b int) bool { return convs[a].Folder < convs[b].Folder })
	for i := range convs {
		if err := x.readConversation(src.FS, root, &convs[i]); err != nil {
			return err
		}
	}
	l.files = append(l.files, fc)
	return nil
}

// readUsers makes a person of every member who is neither deleted nor a bot.
func (x *slackExport) readUsers(fsys fs.FS, root string) error {
	f, err := fsys.Open(path.Join(root, "users.json"))
	if err != nil {
		return fmt.Errorf("%s:users.json: %w", x.source, err)
	}
	defer f.Close()
	users, err := slack.ReadUsers(x.source+":users.json", f)
	if err != nil {
		return err
	}
	for _, u := range users {
		// Bots and deleted users are no one to map: their messages are skipped and counted.
		if !u.Bot && !u.Deleted {
			name := strings.TrimSpace(u.RealName)
			if name == "" {
				name = strings.TrimSpace(u.Name)
			}
			x.users[u.ID] = x.l.res.add(mention{name: name, email: u.Email, title: strings.TrimSpace(u.Title), src: fromSlack})
		}
	}
	return nil
}

// readConversation reads a conversation's day files, oldest first.
func (x *slackExport) readConversation(fsys fs.FS, root string, c *slack.Conversation) error {
	days, err := fs.Glob(fsys, path.Join(root, c.Folder, "*.json"))
	if err != nil || len(days) == 0 {
		return nil // a conversation without messages in the export
	}
	sort.Strings(days)
	threads := map[string][]int{} // a thread's parent ts → its participants (handles)
	var members []int             // a direct message's members
	for _, id := range c.Members {
		if h, ok := x.users[id]; ok {
			members = append(members, h)
		}
	}
	for _, day := range days {
		if err := x.readDay(fsys, day, c, members, threads); err != nil {
			return err
		}
	}
	return nil
}

// readDay reads one day of a conversation.
func (x *slackExport) readDay(fsys fs.FS, day string, c *slack.Conversation, members []int, threads map[string][]int) error {
	l := x.l
	f, err := fsys.Open(day)
	if err != nil {
		l.problems = append(l.problems, fmt.Errorf("%s:%s: %w", x.source, day, err))
		return nil
	}
	defer f.Close()
	name := x.source + ":" + day
	var msgs []slack.Message
	err = slack.ReadDay(name, f, func(m slack.Message) error {
		msgs = append(msgs, m)
		return l.budget.Check()
	}, func(e *slack.Error) {
		l.problems = append(l.problems, &RowError{File: e.File, Line: e.Line, Column: "message", Err: e.Err})
		x.fc.Rows++
		x.fc.Skipped["unreadable message"]++
	})
	if overBudget(err) {
		return err
	}
	if err != nil {
		l.problems = append(l.problems, err)
		x.fc.Skipped["unreadable rest of file"]++
	}
	// The people active in the channel that day: who a channel message reaches.
	var active []int
	for i := range msgs {
		if h, ok := x.author(&msgs[i]); ok && !slices.Contains(active, h) {
			active = append(active, h)
		}
	}
	for i := range msgs {
		x.message(&msgs[i], c, members, active, threads)
	}
	return nil
}

// author is the handle of a message's author, when it is someone's message.
func (x *slackExport) author(m *slack.Message) (int, bool) {
	if !slackKept[m.Subtype] || m.Bot {
		return 0, false
	}
	h, ok := x.users[m.User]
	return h, ok
}

// message turns one message into its interactions.
func (x *slackExport) message(m *slack.Message, c *slack.Conversation, members, active []int, threads map[string][]int) {
	l, fc := x.l, x.fc
	fc.Rows++
	switch {
	case m.Bot:
		fc.Skipped[skipSlackBot]++
		return
	case !slackKept[m.Subtype]:
		fc.Skipped[skipSlackSystem]++
		return
	}
	h, ok := x.users[m.User]
	if !ok {
		fc.Skipped[skipSlackDeleted]++
		return
	}
	conv := "slack:" + c.ID
	reply := m.ThreadTS != "" && m.ThreadTS != m.TS
	if m.ThreadTS != "" {
		conv += "/" + m.ThreadTS
	}
	var to []int
	switch {
	case c.Kind == slack.DM || c.Kind == slack.GroupDM:
		to = others(members, h)
	case reply:
		to = others(threads[m.ThreadTS], h)
	default:
		to = others(active, h)
	}
	// A thread's participants: its parent's author and repliers, and every reply's author.
	if m.ThreadTS != "" {
		ps := threads[m.ThreadTS]
		if !slices.Contains(ps, h) {
			ps = append(ps, h)
		}
		for _, id := range m.ReplyUsers {
			if r, ok := x.users[id]; ok && !slices.Contains(ps, r) {
				ps = append(ps, r)
			}
		}
		threads[m.ThreadTS] = ps
	}
	used := false
	emit := func(from int, to []int, channel string, sentiment float64) {
		l.events = append(l.events, rawEvent{t: m.Time, from: from, to: to, conversation: conv, file: x.file,
			channel: channel, weight: 1, sentiment: sentiment})
		used = true
	}
	switch parent := threads[m.ThreadTS]; {
	case reply && len(parent) > 0 && parent[0] != h && len(to) > 1:
		// A reply answers the thread's author, one to one, and reaches its other participants.
		emit(h, parent[:1], "slack", math.NaN())
		emit(h, others(to, parent[0]), "slack", math.NaN())
	case len(to) > 0:
		emit(h, to, "slack", math.NaN())
	}
	if m.ThreadTS == m.TS {
		// A thread's parent asks each of its repliers, one to one: their replies answer it
		// (SPEC §3.4's answers, read from one-to-one rows).
		for _, id := range m.ReplyUsers {
			if r, ok := x.users[id]; ok && r != h {
				emit(h, []int{r}, "slack", math.NaN())
			}
		}
	}
	for _, id := range m.Mentions {
		if r, ok := x.users[id]; ok && r != h {
			emit(h, []int{r}, "slack", math.NaN())
		}
	}
	for _, re := range m.Reactions {
		s := l.reactions.sentiment(re.Name)
		for _, id := range re.Users {
			if r, ok := x.users[id]; ok && r != h {
				emit(r, []int{h}, "slack reaction", s)
			}
		}
	}
	if !used {
		fc.Skipped[skipSlackAlone]++
		return
	}
	l.sawDate(m.Time)
	fc.Used++
}

// others are xs without x.
func others(xs []int, x int) []int {
	var out []int
	for _, y := range xs {
		if y != x {
			out = append(out, y)
		}
	}
	return out
}

// sentiment is +1 for a positive emoji, −1 for a negative one, NaN for the rest.
func (r *Reactions) sentiment(name string) float64 {
	name, _, _ = strings.Cut(name, "::") // skin tones
	switch {
	case slices.Contains(r.Positive, name):
		return 1
	case slices.Contains(r.Negative, name):
		return -1
	}
	return math.NaN()
}
