package synth

import (
	"archive/zip"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"io"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
)

// SlackMarker is in the text of every message WriteOrgSlack writes, and in every file name and
// attachment title: a run on the export must never write it anywhere.
const SlackMarker = "SYNTH-SLACK-TEXT"

// WriteOrgSlack writes the organisation WriteOrg makes as a Slack workspace export, a zip:
// users.json from its people (id, name, real name, e-mail, title), a DM for every one-to-one
// e-mail or chat, a group DM for every group e-mail or chat (one per set of people), the
// broadcasts in one public channel, and each conversation's messages in one file a day.
// Meetings, which Slack does not have, are left out. The truth is WriteOrg's.
//
// With channels > 0, group conversations are posted in that many public channels instead of
// group DMs, as a workspace's traffic mostly is: a team's own conversations in its channel,
// the others in a channel of the pair of teams they join (channels are shared when there are
// fewer than pairs). A channel message reaches the people active in the channel that day.
func WriteOrgSlack(w io.Writer, opt OrgOptions, channels int) (*OrgTruth, error) {
	var people, rows bytes.Buffer
	t, err := WriteOrg(&people, &rows, opt)
	if err != nil {
		return nil, err
	}
	x := &slackExport{convOf: map[string]int{}, userOf: map[string]string{}, teamOf: map[string]string{}, channels: channels}
	if err := x.users(&people); err != nil {
		return nil, err
	}
	if err := x.messages(&rows); err != nil {
		return nil, err
	}
	zw := zip.NewWriter(w)
	if err := x.write(zw, t); err != nil {
		return nil, err
	}
	return t, zw.Close()
}

// slackExport is the export being written.
type slackExport struct {
	people   []slackUser
	userOf   map[string]string // a person's id in people.csv → their Slack id
	teamOf   map[string]string // a Slack id → the person's team
	channels int               // public channels for group conversations; 0: group DMs
	convs    []*slackConv
	convOf   map[string]int // a conversation's key → its index in convs
	seq      int            // makes every ts unique
}

type slackUser struct {
	ID       string `json:"id"`
	Name     string `json:"name"`
	RealName string `json:"real_name"`
	Deleted  bool   `json:"deleted"`
	IsBot    bool   `json:"is_bot"`
	Profile  struct {
		RealName string `json:"real_name"`
		Email    string `json:"email"`
		Title    string `json:"title"`
	} `json:"profile"`
}

type slackConv struct {
	ID, Name string
	kind     string   // "dm", "mpim", "channel"
	Members  []string `json:"members"`
	days     map[string][]slackMsg
}

type slackMsg struct {
	Type  string `json:"type"`
	User  string `json:"user"`
	Text  string `json:"text"`
	TS    string `json:"ts"`
	Files []struct {
		Name  string `json:"name"`
		Title string `json:"title"`
	} `json:"files,omitempty"`
}

// users reads people.csv into users.json's members.
func (x *slackExport) users(r io.Reader) error {
	recs, err := csv.NewReader(r).ReadAll()
	if err != nil || len(recs) == 0 {
		return fmt.Errorf("synth: reading the organisation's people: %v", err)
	}
	for i, rec := range recs[1:] { // id, name, email, company, title, team, department, manager
		u := slackUser{ID: fmt.Sprintf("U%07d", i+1), Name: strings.Split(rec[2], "@")[0], RealName: rec[1]}
		u.Profile.RealName, u.Profile.Email, u.Profile.Title = rec[1], rec[2], rec[4]
		x.people = append(x.people, u)
		x.userOf[rec[0]] = u.ID
		x.teamOf[u.ID] = rec[5]
	}
	return nil
}

// messages turns every e-mail and chat row into a message of its DM, group DM or (past 20
// people) the broadcast channel.
func (x *slackExport) messages(r io.Reader) error {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	if _, err := cr.Read(); err != nil {
		return err
	}
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		// time, from, to, cc, channel, conversation, duration_min
		if rec[4] == "meeting" {
			continue
		}
		at, err := time.Parse(time.RFC3339, rec[0])
		if err != nil {
			return err
		}
		from := x.userOf[rec[1]]
		members := []string{from}
		for _, cell := range []string{rec[2], rec[3]} {
			for _, id := range strings.Split(cell, ";") {
				if u, ok := x.userOf[id]; ok && !slices.Contains(members, u) {
					members = append(members, u)
				}
			}
		}
		if len(members) < 2 {
			continue
		}
		var c *slackConv
		switch {
		case len(members) == 2:
			slices.Sort(members)
			c = x.conv("dm", members)
		case len(members) > 20:
			c = x.conv("channel", nil)
		case x.channels > 0:
			c = x.channel(from, members[1])
		default:
			slices.Sort(members)
			c = x.conv("mpim", members)
		}
		x.seq++
		m := slackMsg{Type: "message", User: from, Text: "synthetic message " + SlackMarker,
			TS: strconv.FormatInt(at.Unix(), 10) + fmt.Sprintf(".%06d", x.seq%1_000_000)}
		if x.seq%50 == 0 {
			m.Files = append(m.Files, struct {
				Name  string `json:"name"`
				Title string `json:"title"`
			}{SlackMarker + ".pdf", SlackMarker})
		}
		day := at.UTC().Format("2006-01-02")
		c.days[day] = append(c.days[day], m)
	}
}

// channel is the public channel a group conversation of from's with to's team goes in.
func (x *slackExport) channel(from, to string) *slackConv {
	a, b := x.teamOf[from], x.teamOf[to]
	if b < a {
		a, b = b, a
	}
	h := fnv.New32a()
	h.Write([]byte(a + "\x00" + b))
	n := int(h.Sum32() % uint32(x.channels))
	key := fmt.Sprintf("ch-%04d", n)
	if i, ok := x.convOf[key]; ok {
		return x.convs[i]
	}
	c := &slackConv{kind: "channel", ID: fmt.Sprintf("C%07d", n+2), Name: key, days: map[string][]slackMsg{}}
	x.convOf[key] = len(x.convs)
	x.convs = append(x.convs, c)
	return c
}

// conv is the conversation of a kind among members, made on first use.
func (x *slackExport) conv(kind string, members []string) *slackConv {
	key := kind + ":" + strings.Join(members, ",")
	if i, ok := x.convOf[key]; ok {
		return x.convs[i]
	}
	c := &slackConv{kind: kind, Members: members, days: map[string][]slackMsg{}}
	switch kind {
	case "dm":
		c.ID = fmt.Sprintf("D%07d", len(x.convs)+1)
	case "mpim":
		c.ID = fmt.Sprintf("G%07d", len(x.convs)+1)
		c.Name = fmt.Sprintf("mpdm-%s-1", strings.ToLower(strings.Join(members, "--")))
	default:
		c.ID, c.Name = "C0000001", "all-hands"
	}
	x.convOf[key] = len(x.convs)
	x.convs = append(x.convs, c)
	return c
}

// write writes the export's files in a fixed order.
func (x *slackExport) write(zw *zip.Writer, t *OrgTruth) error {
	put := func(name string, v any) error {
		b, err := json.MarshalIndent(v, "", " ")
		if err != nil {
			return err
		}
		f, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, Modified: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)})
		if err != nil {
			return err
		}
		_, err = f.Write(append(b, '\n'))
		return err
	}
	type list struct {
		ID      string   `json:"id"`
		Name    string   `json:"name,omitempty"`
		Members []string `json:"members"`
	}
	lists := map[string][]list{"dm": {}, "mpim": {}, "channel": {}}
	for _, c := range x.convs {
		lists[c.kind] = append(lists[c.kind], list{c.ID, c.Name, c.Members})
	}
	for _, f := range []struct {
		name string
		v    any
	}{{"users.json", x.people}, {"channels.json", lists["channel"]}, {"dms.json", lists["dm"]}, {"mpims.json", lists["mpim"]}, {"TRUTH.json", t}} {
		if err := put(f.name, f.v); err != nil {
			return err
		}
	}
	for _, c := range x.convs {
		folder := c.Name
		if c.kind == "dm" {
			folder = c.ID
		}
		days := make([]string, 0, len(c.days))
		for d := range c.days {
			days = append(days, d)
		}
		sort.Strings(days)
		for _, d := range days {
			if err := put(folder+"/"+d+".json", c.days[d]); err != nil {
				return err
			}
		}
	}
	return nil
}
