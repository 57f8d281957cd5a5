package main

import (
	"bytes"
	"encoding/json"
	"testing"
)

// What termSafe lets through: text with its control characters shown as escapes, and JSON that
// is still JSON — its encoder leaves DEL and C1 raw, and they come out as JSON's own escapes.
func TestTermSafe(t *testing.T) {
	for in, want := range map[string]string{
		"Ev\x1b]0;pwned\x07il\n\tok": `Ev\x1b]0;pwned\x07il` + "\n\tok",
		"a\x7fb\u0085c\r":            `a\u007fb\u0085c\x0d`,
		"plain Łukasz Żero":          "plain Łukasz Żero",
	} {
		var b bytes.Buffer
		if n, err := safe(&b).Write([]byte(in)); err != nil || n != len(in) || b.String() != want {
			t.Errorf("%q: wrote %q (%d, %v), want %q", in, b.String(), n, err, want)
		}
	}
	name := "Ana\x7fRuiz\u0085 \x1b[31m"
	doc, err := json.Marshal(map[string]string{"name": name})
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	safe(&b).Write(append(doc, '\n'))
	var back map[string]string
	if err := json.Unmarshal(b.Bytes(), &back); err != nil || back["name"] != name {
		t.Errorf("JSON through termSafe: %s → %q, %v", b.String(), back["name"], err)
	}
}
