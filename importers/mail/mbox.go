// Package mail reads the headers of the messages in an mbox file (Gmail Takeout, Thunderbird,
// mutt, any mboxo or mboxrd writer) and threads them, for relmap's mail interactions
// (SPEC §2.4).
//
// Only the header block of each message is read; body lines are scanned for the next
// separator and thrown away at once, never stored nor returned. Bodies are where the private
// content is, and relmap needs only who wrote to whom, when, and in reply to what.
//
// Separators. A line that starts with "From " is a message separator when it is the first line
// of the file. After a blank line it is where every mbox writer puts a separator, but an mboxo
// writer (which does not escape body lines) leaves a paragraph that starts "From what I
// remember…" there too; so it is a separator when it is a postmark ("From " alone, or a sender
// then an asctime date: "From alice@example.com Mon Mar  4 09:15:02 2024", "From - Wed Apr 10
// …"), or when the header block that follows parses as one (header fields up to the next blank
// line, with a From address). A postmark whose header block does not parse is a damaged message
// and is reported; any other "From " line whose block does not parse is body text, skipped
// with the body. A "From " line that follows a non-blank line is the rest of the mboxo
// ambiguity: an unescaped body line or a separator from a writer that left out the blank line
// (qmail allows that). It is taken as a separator only when the next two lines look like
// header fields ("Name: value"), the heuristic Thunderbird uses; otherwise it is body text.
// Escaped body lines (">From ", ">>From " in mboxrd) never start with "From " and so are never
// separators; escaped postmarks at the top of a header block (">From alice …") are envelope
// lines and are dropped. Lines end in LF or CRLF.
//
// A file that does not start with a "From " line but with header fields (a single .eml
// message) is read as one message whose Line is 1.
package mail

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/mail"
	"strings"
	"time"

	"github.com/relmap/relmap/importers/win1252"
)

// Address is one mailbox of a From, To or Cc header.
type Address struct {
	Name  string // display name, RFC 2047 encoded words decoded; may be empty
	Email string // addr-spec, lower-cased; never empty
}

// Message holds the headers of one message that relmap uses; the body is never kept.
type Message struct {
	Line       int       // physical line of the message's "From " separator (1-based)
	From       Address   // the first mailbox of the From header
	To, Cc     []Address // mailboxes with an address; group syntax and names alone are left out
	Date       time.Time // UTC; zero when missing or unreadable
	MessageID  string    // without <>
	InReplyTo  string    // first id, without <>
	References []string  // ids without <>, oldest first as written
}

// maxHeader bounds the header block of one message (SPEC §6: a field over 1 MiB is an error).
// It also bounds the bytes kept of any one line.
const maxHeader = 1 << 20

// ReadMbox calls fn for every message of r, in order. A message whose headers cannot be read is
// reported to bad (with its line and a short reason) and skipped; only an I/O error, or an error
// returned by fn, ends the read. bad may be nil. The line given to bad is the physical line of
// the offending header line when there is one, else that of the message's separator.
func ReadMbox(r io.Reader, fn func(Message) error, bad func(line int, reason string)) error {
	if bad == nil {
		bad = func(int, string) {}
	}
	lr := &lineReader{br: bufio.NewReaderSize(r, 64<<10)}
	first := true
	prevBlank := true
	for {
		l, err := lr.next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		sep := isFromLine(l.text)
		body := false // a separator only if its header block parses
		switch {
		case sep && first:
		case sep && prevBlank:
			body = !isPostmark(l.text)
		case sep:
			sep, err = lr.headersFollow()
			if err != nil {
				return err
			}
		case first && isHeaderLine(l.text):
			// A lone message (.eml) without a separator: its first line is a header.
			lr.unread(l)
			sep = true
		case first && len(bytes.TrimSpace(l.text)) > 0:
			bad(l.num, `text before the first "From " line; is this an mbox file?`)
		}
		first = false
		if !sep {
			prevBlank = len(l.text) == 0
			continue
		}
		more, blank, err := readMessage(lr, l.num, body, fn, bad)
		if err != nil {
			return err
		}
		// The header block ended at a blank line, at a new separator (which readMessage pushed
		// back and which follows this message's headers, so counts as after a blank line) or,
		// for body text, at a "From " line after a body line.
		prevBlank = blank
		if !more {
			return nil
		}
	}
}

// readMessage reads the header block of the message whose separator is on line start, then
// hands the message to fn or its problem to bad. It reports false at the end of the input, and
// whether what follows is to be read as after a blank line. When body is true the separator
// was an unsure one: a block that does not parse was body text, and is neither handed on nor
// reported. Lines are read once either way.
func readMessage(lr *lineReader, start int, body bool, fn func(Message) error, bad func(int, string)) (more, blank bool, err error) {
	var hdr bytes.Buffer
	var lines []int // physical line of each header line, for error positions
	size := 0
	tooLong := false
	for {
		l, err := lr.next()
		if err == io.EOF {
			more = false
			break
		}
		if err != nil {
			return false, false, err
		}
		if len(l.text) == 0 {
			more, blank = true, true
			break
		}
		if bytes.HasPrefix(l.text, []byte(">From ")) || (len(lines) == 0 && !body && isFromLine(l.text) && !isHeaderLine(l.text)) {
			continue // escaped or repeated postmark: envelope, not header
		}
		if isFromLine(l.text) && !isHeaderLine(l.text) {
			// A separator inside a header block: this message was cut short.
			lr.unread(l)
			more = true
			break
		}
		size += len(l.text) + 2
		if l.long || size > maxHeader {
			tooLong = true
		}
		if tooLong {
			continue
		}
		hdr.Write(obsColon(l.text))
		hdr.WriteString("\r\n")
		lines = append(lines, l.num)
	}
	if body && tooLong {
		return more, blank, nil // body text: a "From " line that stopped it follows a body line
	}
	if tooLong {
		bad(start, "header block longer than 1 MiB; message skipped")
		return more, more, nil
	}
	m, line, reason := parseHeader(hdr.Bytes(), lines)
	if reason != "" && body {
		return more, blank, nil
	}
	if reason != "" {
		if line == 0 {
			line = start
		}
		if line != start {
			reason = fmt.Sprintf("%s (message at line %d skipped)", reason, start)
		}
		bad(line, reason)
		return more, more, nil
	}
	m.Line = start
	if err := fn(m); err != nil {
		return false, false, err
	}
	return more, more, nil
}

// parseHeader reads a header block (CRLF lines, without the blank line) into a Message. On
// failure it gives the physical line at fault (0 when none in particular) and a reason.
func parseHeader(hdr []byte, lines []int) (m Message, line int, reason string) {
	if len(lines) == 0 {
		return m, 0, "message without headers"
	}
	// net/mail rejects the whole block for one bad line without saying where it is; find the
	// line first so the user can look at it.
	for i, l := range bytes.SplitAfter(hdr, []byte("\r\n")) {
		if i >= len(lines) {
			break
		}
		l = bytes.TrimSuffix(l, []byte("\r\n"))
		cont := len(l) > 0 && (l[0] == ' ' || l[0] == '\t')
		if (i == 0 && cont) || (!cont && !isHeaderLine(l)) {
			return m, lines[i], "malformed header line (no field name and colon)"
		}
	}
	msg, err := mail.ReadMessage(io.MultiReader(bytes.NewReader(hdr), strings.NewReader("\r\n")))
	if err != nil {
		return m, 0, "unreadable header block: " + err.Error()
	}
	h := msg.Header
	from := h.Get("From")
	if strings.TrimSpace(from) == "" {
		return m, 0, "no From header"
	}
	fa := parseAddresses(from)
	if len(fa) == 0 {
		return m, 0, fmt.Sprintf("no address in From header %q", clip(from))
	}
	m.From = fa[0]
	m.To = parseAddresses(strings.Join(h["To"], ", "))
	m.Cc = parseAddresses(strings.Join(h["Cc"], ", "))
	m.Date = parseDate(h.Get("Date"))
	m.MessageID = firstID(h.Get("Message-Id"))
	m.InReplyTo = firstID(h.Get("In-Reply-To"))
	m.References = msgIDs(h.Get("References"))
	return m, 0, ""
}

// clip shortens a header value quoted in a reason.
func clip(s string) string {
	s = strings.TrimSpace(s)
	if len(s) > 60 {
		s = s[:60] + "…"
	}
	return win1252.String(s)
}

// isPostmark reports whether l, a "From " line, is an mbox postmark rather than a sentence:
// "From " alone (Thunderbird's bare separator), or a sender, a weekday and a time, as in the
// asctime date every writer puts there ("From 1792…@xxx Mon Mar 04 11:30:00 +0000 2024",
// "From - Wed Apr 10 14:03:11 2024").
func isPostmark(l []byte) bool {
	f := strings.Fields(string(l[len("From "):]))
	if len(f) == 0 {
		return true
	}
	if len(f) < 4 || len(f[1]) < 3 || !strings.Contains("Mon Tue Wed Thu Fri Sat Sun", f[1][:3]) {
		return false
	}
	for _, w := range f[2:] {
		if h, m, ok := strings.Cut(w, ":"); ok && len(h) >= 1 && len(h) <= 2 && len(m) >= 2 && isDigits(h) && isDigits(m[:2]) {
			return true
		}
	}
	return false
}

func isDigits(s string) bool {
	for _, c := range []byte(s) {
		if c < '0' || c > '9' {
			return false
		}
	}
	return len(s) > 0
}

// isFromLine reports whether l starts with "From ", the mbox separator prefix.
func isFromLine(l []byte) bool { return bytes.HasPrefix(l, []byte("From ")) }

// isHeaderLine reports whether l starts a header field: a name of printable ASCII other than
// colon (RFC 5322 ftext), then a colon, with white space allowed before the colon (RFC 5322
// obsolete syntax, "From : …").
func isHeaderLine(l []byte) bool {
	i := bytes.IndexFunc(l, func(r rune) bool { return r <= ' ' || r == ':' || r >= 0x7f })
	if i <= 0 {
		return false
	}
	rest := bytes.TrimLeft(l[i:], " \t")
	return len(rest) > 0 && rest[0] == ':'
}

// obsColon removes white space before the colon of a header field line, which net/textproto
// refuses.
func obsColon(l []byte) []byte {
	if len(l) == 0 || l[0] == ' ' || l[0] == '\t' {
		return l
	}
	i := bytes.IndexAny(l, " \t:")
	if i <= 0 || l[i] == ':' {
		return l
	}
	rest := bytes.TrimLeft(l[i:], " \t")
	if len(rest) == 0 || rest[0] != ':' {
		return l
	}
	return append(l[:i:i], rest...)
}

// line is one physical line, without its line ending.
type line struct {
	text []byte
	num  int
	long bool // longer than maxHeader; text holds the first maxHeader bytes
}

// lineReader yields physical lines with their numbers, and can take back lines it gave.
type lineReader struct {
	br      *bufio.Reader
	num     int
	pending []line // pushed back, next one last
	acc     []byte
}

// next returns the next line. Its text stays valid only until the following call, unless the
// line came back through unread.
func (lr *lineReader) next() (line, error) {
	if n := len(lr.pending); n > 0 {
		l := lr.pending[n-1]
		lr.pending = lr.pending[:n-1]
		return l, nil
	}
	b, err := lr.br.ReadSlice('\n')
	long := false
	if err == bufio.ErrBufferFull {
		lr.acc = append(lr.acc[:0], b...)
		for err == bufio.ErrBufferFull {
			b, err = lr.br.ReadSlice('\n')
			if room := maxHeader - len(lr.acc); room > 0 {
				lr.acc = append(lr.acc, b[:min(room, len(b))]...)
			}
			if len(lr.acc) >= maxHeader {
				long = true
			}
		}
		b = lr.acc
	}
	if err != nil && err != io.EOF {
		return line{}, err
	}
	if err == io.EOF && len(b) == 0 {
		return line{}, io.EOF
	}
	lr.num++
	b = bytes.TrimSuffix(b, []byte("\n"))
	b = bytes.TrimSuffix(b, []byte("\r"))
	return line{text: b, num: lr.num, long: long}, nil
}

// unread pushes l back; it is returned by the next call to next.
func (lr *lineReader) unread(l line) {
	l.text = bytes.Clone(l.text)
	lr.pending = append(lr.pending, l)
}

// headersFollow reports whether the two lines after the current one look like the start of a
// header block, and pushes them back.
func (lr *lineReader) headersFollow() (bool, error) {
	var got []line
	defer func() {
		for i := len(got) - 1; i >= 0; i-- {
			lr.unread(got[i])
		}
	}()
	for range 2 {
		l, err := lr.next()
		if errors.Is(err, io.EOF) {
			return false, nil
		}
		if err != nil {
			return false, err
		}
		l.text = bytes.Clone(l.text)
		got = append(got, l)
	}
	second := got[1].text
	folded := len(second) > 0 && (second[0] == ' ' || second[0] == '\t')
	return isHeaderLine(got[0].text) && (isHeaderLine(second) || folded), nil
}
