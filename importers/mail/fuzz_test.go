package mail

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzReadMbox checks that ReadMbox never panics nor fails on bytes that are not an I/O error,
// and that what it returns keeps its promises: increasing positive lines, lower-case non-empty
// addresses, valid UTF-8 names, and a thread id for every message.
func FuzzReadMbox(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join(fixtures, "*.mbox"))
	for _, name := range files {
		if b, err := os.ReadFile(name); err == nil {
			f.Add(b)
		}
	}
	f.Add([]byte("From: a@example.com\r\nTo: =?utf-8?q?=E2=82?= <b@example.com>\r\n\r\n"))
	f.Add([]byte("From x\nFrom: \"a\\\" <a@example.com>\nReferences: <<a>>\nDate: 99 Feb 2024 25:61:00 +9999\n"))
	f.Add([]byte("From \n\nFrom \nx\nFrom y\nA: b\n c\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		var msgs []Message
		last := 0
		err := ReadMbox(bytes.NewReader(data), func(m Message) error {
			if m.Line <= last {
				t.Errorf("line %d after %d", m.Line, last)
			}
			last = m.Line
			for _, a := range append(append([]Address{m.From}, m.To...), m.Cc...) {
				if a.Email == "" || a.Email != strings.ToLower(a.Email) || !utf8.ValidString(a.Email) {
					t.Errorf("bad address %q", a.Email)
				}
				if !utf8.ValidString(a.Name) {
					t.Errorf("name not UTF-8: %q", a.Name)
				}
			}
			if !m.Date.IsZero() && m.Date.Location().String() != "UTC" {
				t.Errorf("date not UTC: %v", m.Date)
			}
			msgs = append(msgs, m)
			return nil
		}, func(line int, reason string) {
			if line <= 0 || reason == "" {
				t.Errorf("bad(%d, %q)", line, reason)
			}
		})
		if err != nil {
			t.Fatalf("ReadMbox: %v", err)
		}
		ids := Threads(msgs)
		if len(ids) != len(msgs) {
			t.Fatalf("%d thread ids for %d messages", len(ids), len(msgs))
		}
		for _, id := range ids {
			if id == "" {
				t.Errorf("empty thread id")
			}
		}
	})
}
