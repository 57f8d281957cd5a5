package contentline

import (
	"io"
	"strings"
	"testing"
)

func TestNext(t *testing.T) {
	in := "\xef\xbb\xbfBEGIN:VCARD\r\nFN:Ana\n " + strings.Repeat("x", 100) + "\r\nEND:VCARD"
	r := NewReader(strings.NewReader(in), 50)
	var got []string
	for {
		l, err := r.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, string(l.Text[:min(len(l.Text), 12)]))
		if l.Num != len(got) {
			t.Errorf("line %q numbered %d", l.Text, l.Num)
		}
	}
	want := []string{"BEGIN:VCARD", "FN:Ana", " xxxxxxxxxxx", "END:VCARD"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("lines %q, want %q", got, want)
	}
}

// A line longer than the bound keeps its first bytes and says it was long; memory stays flat.
func TestLong(t *testing.T) {
	r := NewReader(strings.NewReader(strings.Repeat("y", 200<<10)+"\nnext\n"), 1000)
	l, err := r.Next()
	if err != nil || !l.Long || len(l.Text) != 1000 {
		t.Fatalf("long line: %d bytes, long=%v, %v", len(l.Text), l.Long, err)
	}
	if l, _ := r.Next(); string(l.Text) != "next" || l.Num != 2 {
		t.Errorf("after it: %q at %d", l.Text, l.Num)
	}
}
