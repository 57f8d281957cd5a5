package vcard

import (
	"fmt"
	"strings"
	"testing"
)

// manyValues is one card with n EMAIL lines, n URL lines and one CATEGORIES line of n/3
// categories (a line under 1 MiB), every value distinct but for a repeat of the first e-mail.
func manyValues(n int) string {
	var b strings.Builder
	b.WriteString("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ana Ruiz\r\nEMAIL:ANA0@example.com\r\n")
	for i := range n {
		fmt.Fprintf(&b, "EMAIL:ana%d@example.com\r\nURL:https://example.com/%d\r\n", i, i)
	}
	b.WriteString("CATEGORIES:")
	for i := range n / 3 {
		fmt.Fprintf(&b, "c%d,", i)
	}
	b.WriteString("\r\nEND:VCARD\r\n")
	return b.String()
}

// TestReadManyValues reads a card with 150 000 e-mails (issue 16, item 4: 95 s at 300 000,
// the duplicates were looked for in a list): it keeps MaxValues of each kind, counts the rest,
// and takes a fraction of a second (BenchmarkReadManyValues).
func TestReadManyValues(t *testing.T) {
	const n = 150_000
	cs, bad := collect(t, manyValues(n))
	if len(cs) != 1 || len(bad) != 0 {
		t.Fatalf("%d cards, bad %v; want 1 card", len(cs), bad)
	}
	c := cs[0]
	if len(c.Emails) != MaxValues-1 || c.Emails[0] != "ana0@example.com" || c.Emails[MaxValues-2] != fmt.Sprintf("ana%d@example.com", MaxValues-2) {
		t.Errorf("%d e-mails, from %q; want the first %d distinct of the first %d lines", len(c.Emails), c.Emails[:1], MaxValues-1, MaxValues)
	}
	if len(c.URLs) != MaxValues || len(c.Categories) != MaxValues {
		t.Errorf("%d URLs and %d categories, want %d of each", len(c.URLs), len(c.Categories), MaxValues)
	}
	if want := 2*n + n/3 + 1 - 3*MaxValues; c.Cut != want {
		t.Errorf("Cut = %d, want %d", c.Cut, want)
	}
}

func BenchmarkReadManyValues(b *testing.B) {
	in := manyValues(150_000)
	b.SetBytes(int64(len(in)))
	for b.Loop() {
		if err := Read(strings.NewReader(in), func(Contact) error { return nil }, nil); err != nil {
			b.Fatal(err)
		}
	}
}
