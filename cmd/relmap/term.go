package main

import (
	"bytes"
	"fmt"
	"io"
	"unicode/utf8"
)

// Terminal safety (SPEC §6, docs/security.md). Names, titles, companies and file names come
// from other people's data: written raw to a terminal, an ESC, OSC or BEL in one could retitle
// the window, hide or rewrite lines, or worse. Everything relmap writes to stdout and stderr
// for people to read passes through a termSafe writer, which shows each control character as
// an escape — \x1b, \x07, \u007f, \u0085 — and leaves newlines and tabs alone. DEL and C1
// are written as JSON writes them (JSON's encoder leaves them raw), so that JSON printed on
// stdout (diff --json) stays valid JSON; C0 never reaches the writer raw in JSON. Data streams (`fold -o
// -`, annotate's template on stdout) are written raw: they are files, not text for a
// terminal. Logs are escaped twice over: slog quotes such values itself.

// termSafe is an io.Writer that escapes control characters on their way to w.
type termSafe struct{ w io.Writer }

// safe wraps w in termSafe, once.
func safe(w io.Writer) io.Writer {
	if _, ok := w.(termSafe); ok {
		return w
	}
	return termSafe{w}
}

// raw is the writer under a termSafe one: for data streams and the spinner's own drawing.
func raw(w io.Writer) io.Writer {
	if t, ok := w.(termSafe); ok {
		return t.w
	}
	return w
}

func (t termSafe) Write(p []byte) (int, error) {
	if controlAt(p) < 0 {
		return t.w.Write(p)
	}
	if _, err := t.w.Write(escapeControls(p)); err != nil {
		return 0, err
	}
	return len(p), nil
}

// controlAt is the index of the first control character of p that is not a newline or a
// tab — C0, DEL, or C1 (U+0080–U+009F, two bytes in UTF-8) — or -1.
func controlAt(p []byte) int {
	for i, b := range p {
		switch {
		case b < 0x20 && b != '\n' && b != '\t', b == 0x7f:
			return i
		case b == 0xc2 && i+1 < len(p) && p[i+1] >= 0x80 && p[i+1] <= 0x9f:
			return i
		}
	}
	return -1
}

// escapeControls is p with every control character controlAt finds written as an escape.
func escapeControls(p []byte) []byte {
	var b bytes.Buffer
	b.Grow(len(p) + 16)
	for len(p) > 0 {
		i := controlAt(p)
		if i < 0 {
			b.Write(p)
			break
		}
		b.Write(p[:i])
		if p[i] == 0xc2 {
			r, _ := utf8.DecodeRune(p[i:])
			fmt.Fprintf(&b, `\u%04x`, r)
			p = p[i+2:]
			continue
		}
		if p[i] == 0x7f { // as JSON writes it too: JSON on stdout stays JSON
			b.WriteString(`\u007f`)
		} else {
			fmt.Fprintf(&b, `\x%02x`, p[i]) // JSON escapes these itself: never raw in it
		}
		p = p[i+1:]
	}
	return b.Bytes()
}

// termString is s with its control characters escaped, for text drawn outside a termSafe
// writer (the spinner's stage).
func termString(s string) string {
	if controlAt([]byte(s)) < 0 {
		return s
	}
	return string(escapeControls([]byte(s)))
}
