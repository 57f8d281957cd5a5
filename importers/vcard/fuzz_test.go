package vcard

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzReadVCard checks that Read never panics nor fails on bytes in memory, and that every
// contact keeps its promises: increasing positive lines, lower-case addresses, UTF-8 text.
func FuzzReadVCard(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join(fixtures, "*.vcf"))
	if len(files) == 0 {
		f.Fatal("no seeds")
	}
	for _, name := range files {
		b, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte("BEGIN:VCARD\nN;QUOTED-PRINTABLE;CHARSET=shift_jis:=82=A0=\n=\nEMAIL;TYPE=\"a\nEND:VCARD\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		last := 0
		err := Read(bytes.NewReader(data), func(c Contact) error {
			if c.Line <= last {
				t.Errorf("line %d after %d", c.Line, last)
			}
			last = c.Line
			for _, e := range c.Emails {
				if e == "" || e != strings.ToLower(e) || !strings.Contains(e, "@") {
					t.Errorf("bad email %q", e)
				}
			}
			for _, s := range append(append(append([]string{c.Name, c.Org, c.Title}, c.Emails...), c.URLs...), c.Categories...) {
				if !utf8.ValidString(s) {
					t.Errorf("not UTF-8: %q", s)
				}
			}
			return nil
		}, func(line int, reason string) {
			if line <= 0 || reason == "" {
				t.Errorf("bad(%d, %q)", line, reason)
			}
		})
		if err != nil {
			t.Fatalf("Read: %v", err)
		}
	})
}
