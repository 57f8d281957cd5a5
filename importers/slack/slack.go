// Package slack reads the metadata of a Slack workspace export (the zip an admin downloads,
// or its folder): the users (users.json), the conversations (channels.json, groups.json,
// dms.json, mpims.json) and, one file a day in each conversation's folder, who wrote when, in
// which thread, whom they mentioned and who reacted how (SPEC §2.4).
//
// A message's text is read only for its mention tokens (<@U…>) and never kept: no text, file
// name, link or attachment leaves this package. Day files are read one at a time.
package slack

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"time"
)

// User is one member of the workspace.
type User struct {
	ID, Name, RealName string
	Email, Title       string // from the profile; "" when not shared
	Deleted, Bot       bool
}

// Kind is what a conversation is.
type Kind int

// The kinds of conversations, by the file that lists them.
const (
	Channel Kind = iota + 1 // channels.json: a public channel
	Private                 // groups.json: a private channel
	DM                      // dms.json: a direct message between two people
	GroupDM                 // mpims.json: a direct message among several
)

// Files names the file that lists each kind of conversation, in the order they are read.
var Files = []struct {
	Name string
	Kind Kind
}{{"channels.json", Channel}, {"groups.json", Private}, {"dms.json", DM}, {"mpims.json", GroupDM}}

// Conversation is one channel or direct message; its messages are in the folder Folder.
type Conversation struct {
	ID, Name string
	Kind     Kind
	Members  []string // user ids
	Folder   string   // the folder of its day files: the channel's name, or a DM's id
}

// Message is what relmap keeps of one message: never its text.
type Message struct {
	Line, Col  int       // where the message starts in its day file
	User       string    // the author's id; "" for a bot's message without one
	Time       time.Time // from ts, UTC
	TS         string    // the message's own id (ts as written)
	ThreadTS   string    // the thread's parent ts; "" outside threads, TS for the parent itself
	Subtype    string    // "" for a plain message; channel_join, bot_message … for the rest
	Bot        bool      // written by a bot (bot_id set, or subtype bot_message)
	Mentions   []string  // user ids mentioned in the text (<@U…>), in order, each once
	ReplyUsers []string  // a thread parent's repliers
	Reactions  []Reaction
}

// Reaction is one emoji and the users who reacted with it.
type Reaction struct {
	Name  string   `json:"name"`
	Users []string `json:"users"`
}

// Error is a problem at a position of a file: file:line:col: problem.
type Error struct {
	File      string
	Line, Col int
	Err       error
}

func (e *Error) Error() string { return fmt.Sprintf("%s:%d:%d: %v", e.File, e.Line, e.Col, e.Err) }
func (e *Error) Unwrap() error { return e.Err }

// maxFile bounds what one users.json, conversation list or day file may hold (SPEC §6).
const maxFile = 256 << 20

// readAll reads a whole file, at most maxFile bytes.
func readAll(name string, r io.Reader) ([]byte, error) {
	b, err := io.ReadAll(io.LimitReader(r, maxFile+1))
	if err == nil && len(b) > maxFile {
		err = fmt.Errorf("%s: more than %d MiB: not a Slack export's file", name, maxFile>>20)
	}
	return b, err
}

// ReadUsers reads users.json.
func ReadUsers(name string, r io.Reader) ([]User, error) {
	b, err := readAll(name, r)
	if err != nil {
		return nil, err
	}
	var raw []struct {
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
	if err := json.Unmarshal(b, &raw); err != nil {
		return nil, positioned(name, b, err)
	}
	out := make([]User, 0, len(raw))
	for _, u := range raw {
		real := u.RealName
		if real == "" {
			real = u.Profile.RealName
		}
		out = append(out, User{ID: u.ID, Name: u.Name, RealName: real, Email: u.Profile.Email, Title: u.Profile.Title,
			Deleted: u.Deleted, Bot: u.IsBot || u.ID == "USLACKBOT"})
	}
	return out, nil
}

// ReadConversations reads one of the conversation lists (Files).
func ReadConversations(name string, r io.Reader, kind Kind) ([]Conversation, error) {
	b, err := readAll(name, r)
	if err != nil {
		return nil, err
	}
	var raw []struct {
		ID      string   `json:"id"`
		Name    string   `json:"name"`
		Members []string `json:"members"`
	}
	if err := json.Unmarshal(b, &raw); err != nil {
		return nil, positioned(name, b, err)
	}
	out := make([]Conversation, 0, len(raw))
	for _, c := range raw {
		folder := c.Name
		if kind == DM || folder == "" {
			folder = c.ID
		}
		out = append(out, Conversation{ID: c.ID, Name: c.Name, Kind: kind, Members: c.Members, Folder: folder})
	}
	return out, nil
}

// rawMessage is a message as a day file writes it; its text is scanned for mentions only.
type rawMessage struct {
	Type       string     `json:"type"`
	Subtype    string     `json:"subtype"`
	User       string     `json:"user"`
	BotID      string     `json:"bot_id"`
	TS         string     `json:"ts"`
	ThreadTS   string     `json:"thread_ts"`
	ReplyUsers []string   `json:"reply_users"`
	Reactions  []Reaction `json:"reactions"`
	Text       mentions   `json:"text"`
}

// mentions are the user ids a message's text mentions: the text itself is scanned as raw JSON
// and never decoded into a string.
type mentions []string

func (m *mentions) UnmarshalJSON(b []byte) error {
	*m = (*m)[:0]
	for {
		// "<@U…>", or "\u003c@U…>" as an encoder that escapes HTML writes it.
		i, skip := bytes.Index(b, []byte("<@")), 2
		if j := bytes.Index(b, []byte(`\u003c@`)); j >= 0 && (i < 0 || j < i) {
			i, skip = j, 7
		}
		if i < 0 {
			return nil
		}
		b = b[i+skip:]
		j := 0
		for j < len(b) && (b[j] >= 'A' && b[j] <= 'Z' || b[j] >= '0' && b[j] <= '9') {
			j++
		}
		if j > 0 && j < len(b) && (b[j] == '>' || b[j] == '|' || bytes.HasPrefix(b[j:], []byte(`\u003e`))) {
			id := string(b[:j])
			if !containsString(*m, id) {
				*m = append(*m, id)
			}
		}
		b = b[j:]
	}
}

func containsString(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

// ReadDay reads one day file (a JSON array of messages) and calls fn with each message. A
// message that cannot be read (a field of the wrong type, a ts that is not a time) is reported
// to bad and skipped; a file that is not JSON ends with a positioned *Error.
func ReadDay(name string, r io.Reader, fn func(Message) error, bad func(*Error)) error {
	b, err := readAll(name, r)
	if err != nil {
		return err
	}
	if len(bytes.TrimSpace(b)) == 0 {
		return nil // an empty day file
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	if t, err := dec.Token(); err != nil {
		return positioned(name, b, err)
	} else if d, ok := t.(json.Delim); !ok || d != '[' {
		return at(name, b, 0, errors.New("not a list of messages"))
	}
	var raw rawMessage
	for dec.More() {
		start := int(dec.InputOffset())
		raw = rawMessage{Text: raw.Text[:0]}
		if err := dec.Decode(&raw); err != nil {
			var te *json.UnmarshalTypeError
			if errors.As(err, &te) {
				bad(at(name, b, start, fmt.Errorf("%s: want %s, got %s; the message is skipped", te.Field, te.Type, te.Value)))
				continue
			}
			return positioned(name, b, err)
		}
		m, err := message(&raw)
		if err != nil {
			bad(at(name, b, start, err))
			continue
		}
		m.Line, m.Col = lineCol(b, start)
		if err := fn(m); err != nil {
			return err
		}
	}
	if _, err := dec.Token(); err != nil {
		return positioned(name, b, err)
	}
	return nil
}

// message is what relmap keeps of a raw message.
func message(raw *rawMessage) (Message, error) {
	t, err := TSTime(raw.TS)
	if err != nil {
		return Message{}, fmt.Errorf("ts %q: %w; the message is skipped", raw.TS, err)
	}
	m := Message{User: raw.User, Time: t, TS: raw.TS, ThreadTS: raw.ThreadTS, Subtype: raw.Subtype,
		Bot: raw.BotID != "" || raw.Subtype == "bot_message", ReplyUsers: raw.ReplyUsers, Reactions: raw.Reactions}
	if len(raw.Text) > 0 {
		m.Mentions = append([]string(nil), raw.Text...)
	}
	return m, nil
}

// TSTime is the time of a Slack ts ("1712345678.123456": seconds since 1970, UTC).
func TSTime(ts string) (time.Time, error) {
	sec, frac, _ := strings.Cut(strings.TrimSpace(ts), ".")
	s, err := strconv.ParseInt(sec, 10, 64)
	if err != nil || s <= 0 || s > math.MaxInt32*4 {
		return time.Time{}, errors.New("not a Slack timestamp")
	}
	var ns int64
	if frac != "" {
		frac = (frac + "000000000")[:9]
		if ns, err = strconv.ParseInt(frac, 10, 64); err != nil {
			return time.Time{}, errors.New("not a Slack timestamp")
		}
	}
	return time.Unix(s, ns).UTC(), nil
}

// positioned turns a JSON error into an *Error at its offset in b. A decoder's syntax error
// counts its offset from where it resumed, so the whole file is checked again for the error's
// place (only when there is one).
func positioned(name string, b []byte, err error) error {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		var whole *json.SyntaxError
		if errors.As(json.Unmarshal(b, new(json.RawMessage)), &whole) {
			se = whole
		}
		return at(name, b, int(se.Offset)-1, fmt.Errorf("malformed JSON: %v", se))
	case errors.As(err, &te):
		return at(name, b, int(te.Offset), fmt.Errorf("%s: want %s, got %s", te.Field, te.Type, te.Value))
	case errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF):
		return at(name, b, len(b), errors.New("malformed JSON: the file ends early"))
	}
	return at(name, b, 0, err)
}

// at is an *Error at byte offset off of b.
func at(name string, b []byte, off int, err error) *Error {
	line, col := lineCol(b, off)
	return &Error{File: name, Line: line, Col: col, Err: err}
}

// lineCol is the 1-based line and column (in bytes) of offset off in b.
func lineCol(b []byte, off int) (int, int) {
	off = min(max(off, 0), len(b))
	// The decoder's offset is past the separator before a value: skip to the value itself.
	for off < len(b) && (b[off] == ',' || b[off] == ' ' || b[off] == '\n' || b[off] == '\r' || b[off] == '\t') {
		off++
	}
	off = min(off, len(b))
	line := 1 + bytes.Count(b[:off], []byte{'\n'})
	col := off - bytes.LastIndexByte(b[:off], '\n')
	return line, col
}
