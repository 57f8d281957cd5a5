package csvtable

import (
	"bufio"
	"bytes"
	"errors"
	"strings"
	"unicode/utf8"
)

// maxRecord bounds the bytes of one record, its quoted line breaks included: memory stays flat
// whatever a file holds, and a runaway quote costs one line, not the rest of the file.
const maxRecord = 4 << 20

var (
	errLineTooLong  = errors.New("line over 4 MiB")
	errUnterminated = errors.New("a quoted field does not close where a record should end; the line is skipped")
)

// recordReader splits a decoded stream into records as encoding/csv with LazyQuotes does, but
// one physical line at a time: a record is the lines it takes to close its quotes. When the
// quotes never close within maxRecord bytes (or before the end), the first line alone is
// reported and skipped and the lines after it are read again as records of their own.
//
// A record on one line — nearly all of them — is split straight from the read buffer; the
// record returned is reused by the next Read.
type recordReader struct {
	br      *bufio.Reader
	comma   byte
	line    int     // physical lines read so far
	pending []pline // lines read ahead and given back
	width   int     // fields of a record, once the header is known; 0 before

	// deadEnd is the last line a failed look-ahead reached. A quote opened before it that does
	// not close on its own line is given up on at once: the look-ahead already found no end
	// there, and looking again from every such line would cost quadratic time.
	deadEnd int

	// plain reports that the last record read is valid UTF-8 without NUL bytes and no longer
	// than maxField, so none of its fields needs repair or a length check.
	plain bool

	long []byte   // a line longer than br's buffer, gathered
	buf  []byte   // the last record's fields, unquoted, end to end
	ends []int    // where each field ends in buf
	rec  []string // the last record
}

// pline is one physical line without its line break.
type pline struct {
	text    string
	n       int // 1-based physical line number
	tooLong bool
}

// readBytes reads one physical line from br without its line break; the bytes are valid until
// the next read. A line over maxRecord is read to its end and reported as too long, without
// its bytes.
func (r *recordReader) readBytes() ([]byte, bool, error) {
	chunk, err := r.br.ReadSlice('\n')
	if err != bufio.ErrBufferFull && len(chunk) <= maxRecord {
		if err != nil && len(chunk) == 0 {
			return nil, false, err
		}
		r.line++
		return trimEOL(chunk), false, nil
	}
	b, tooLong := r.long[:0], false
	for {
		if !tooLong {
			if len(b)+len(chunk) > maxRecord {
				tooLong, b = true, b[:0]
			} else {
				b = append(b, chunk...)
			}
		}
		if err != bufio.ErrBufferFull {
			break
		}
		chunk, err = r.br.ReadSlice('\n')
	}
	r.long = b[:0]
	if err != nil && len(b) == 0 && !tooLong {
		return nil, false, err
	}
	r.line++
	if tooLong {
		return nil, true, nil
	}
	return trimEOL(b), false, nil
}

// skipBlank discards the blank lines ("\n", "\r\n") at the head of what br holds, a run at a
// time: a file of nothing but line breaks costs a scan of its bytes, not a read of each line.
// The lines after what br holds are left for the next call.
func (r *recordReader) skipBlank() {
	b, _ := r.br.Peek(r.br.Buffered()) // never reads: an error stays for readBytes to report
	i, lines := 0, 0
	for i < len(b) {
		if b[i] == '\n' {
			i, lines = i+1, lines+1
		} else if b[i] == '\r' && i+1 < len(b) && b[i+1] == '\n' {
			i, lines = i+2, lines+1
		} else {
			break
		}
	}
	r.br.Discard(i)
	r.line += lines
}

// trimEOL drops a line's "\n", then one "\r".
func trimEOL(b []byte) []byte {
	b = bytes.TrimSuffix(b, []byte{'\n'})
	return bytes.TrimSuffix(b, []byte{'\r'})
}

func (r *recordReader) readLine() (pline, error) {
	if len(r.pending) > 0 {
		l := r.pending[0]
		r.pending = r.pending[1:]
		return l, nil
	}
	b, tooLong, err := r.readBytes()
	if err != nil {
		return pline{}, err
	}
	return pline{text: string(b), n: r.line, tooLong: tooLong}, nil
}

// quoteState is where a scan of a record's text stands.
type quoteState struct{ inQuotes, fieldStart bool }

// scan follows encoding/csv's LazyQuotes rules over one line: a quote opens a quoted field only
// at the start of a field; inside one, "" is a quote and a quote closes the field only before
// a delimiter or the end of the line. It skips from quote to quote inside a quoted field and
// from delimiter to delimiter outside one.
func scan[S string | []byte](s S, st quoteState, comma byte) quoteState {
	for i := 0; i < len(s); {
		if st.inQuotes {
			j := index(s[i:], '"')
			if j < 0 {
				return st
			}
			i += j
			switch {
			case i+1 < len(s) && s[i+1] == '"':
				i += 2
				continue
			case i+1 == len(s) || s[i+1] == comma:
				st.inQuotes = false
			}
			st.fieldStart = false
			i++
			continue
		}
		if st.fieldStart && s[i] == '"' {
			st.inQuotes, st.fieldStart = true, false
			i++
			continue
		}
		j := index(s[i:], comma)
		if j < 0 {
			st.fieldStart = false
			return st
		}
		st.fieldStart = true
		i += j + 1
	}
	return st
}

func index[S string | []byte](s S, c byte) int {
	switch s := any(s).(type) {
	case string:
		return strings.IndexByte(s, c)
	case []byte:
		return bytes.IndexByte(s, c)
	}
	panic("unreachable")
}

// Read returns the next record and the physical line it starts on. Blank lines are skipped.
// A record that cannot be read returns its line and an error; reading can go on after it.
// The record is valid until the next Read.
func (r *recordReader) Read() ([]string, int, error) {
	if len(r.pending) == 0 {
		r.skipBlank()
		b, tooLong, err := r.readBytes()
		for err == nil && len(b) == 0 && !tooLong {
			r.skipBlank()
			b, tooLong, err = r.readBytes()
		}
		if err != nil {
			return nil, 0, err
		}
		if tooLong {
			return nil, r.line, errLineTooLong
		}
		if !scan(b, quoteState{fieldStart: true}, r.comma).inQuotes {
			return r.split(b), r.line, nil
		}
		return r.readQuoted(pline{text: string(b), n: r.line})
	}
	first, err := r.readLine()
	for err == nil && first.text == "" && !first.tooLong {
		first, err = r.readLine()
	}
	if err != nil {
		return nil, 0, err
	}
	if first.tooLong {
		return nil, first.n, errLineTooLong
	}
	return r.readQuoted(first)
}

// readQuoted reads the record that starts on first, taking the lines after it while a quote
// is open.
func (r *recordReader) readQuoted(first pline) ([]string, int, error) {
	lines := []pline{first}
	size := len(first.text)
	st := scan(first.text, quoteState{fieldStart: true}, r.comma)
	if st.inQuotes && first.n < r.deadEnd {
		return nil, first.n, errUnterminated
	}
	for st.inQuotes {
		next, err := r.readLine()
		if err == nil && !next.tooLong && size+len(next.text)+1 <= maxRecord {
			lines = append(lines, next)
			size += len(next.text) + 1
			st = scan(next.text, quoteState{inQuotes: true}, r.comma)
			continue
		}
		if err == nil {
			lines = append(lines, next)
		}
		if len(lines) == 1 {
			break // the last line of the file: let the reader take it as it is
		}
		r.deadEnd = max(r.deadEnd, lines[len(lines)-1].n)
		r.pending = append(append([]pline(nil), lines[1:]...), r.pending...)
		return nil, first.n, errUnterminated
	}
	text := first.text
	if len(lines) > 1 {
		parts := make([]string, len(lines))
		for i, l := range lines {
			parts[i] = l.text
		}
		text = strings.Join(parts, "\n")
	}
	rec := r.split([]byte(text))
	if len(lines) > 1 && r.width > 0 && len(rec) != r.width {
		// A quote that swallowed the lines after it: give them back, skip the first.
		r.deadEnd = max(r.deadEnd, lines[len(lines)-1].n)
		r.pending = append(append([]pline(nil), lines[1:]...), r.pending...)
		return nil, first.n, errUnterminated
	}
	return rec, first.n, nil
}

// split reads the first record of text exactly as encoding/csv's Reader does with LazyQuotes
// and FieldsPerRecord -1 (which then reports no error): "\r\n" read as "\n", a "\r" before
// the end dropped, blank lines skipped, a quote opening a field only at its start and closing
// it only before the delimiter or a line's end. A text with no record gives one empty field.
// It may rewrite text's "\r\n" in place. The fields share one string, as encoding/csv's do.
func (r *recordReader) split(text []byte) []string {
	rest := text
	nextLine := func() []byte { // encoding/csv's readLine; nil at the end
		if len(rest) == 0 {
			return nil
		}
		var line []byte
		if i := bytes.IndexByte(rest, '\n'); i >= 0 {
			line, rest = rest[:i+1], rest[i+1:]
		} else {
			line, rest = rest, nil
			if line[len(line)-1] == '\r' {
				line = line[:len(line)-1]
			}
		}
		if n := len(line); n >= 2 && line[n-2] == '\r' && line[n-1] == '\n' {
			line[n-2] = '\n'
			line = line[:n-1]
		}
		return line
	}
	line := nextLine()
	for line != nil && len(line) == lengthNL(line) {
		line = nextLine()
	}
	r.plain = utf8.Valid(text) && bytes.IndexByte(text, 0) < 0
	buf, ends := r.buf[:0], r.ends[:0]
	if line == nil {
		ends = append(ends, 0)
	}
	comma := r.comma
parseField:
	for line != nil {
		if len(line) == 0 || line[0] != '"' {
			i := bytes.IndexByte(line, comma)
			field := line
			if i >= 0 {
				field = field[:i]
			} else {
				field = field[:len(field)-lengthNL(field)]
			}
			buf = append(buf, field...)
			ends = append(ends, len(buf))
			if i >= 0 {
				line = line[i+1:]
				continue parseField
			}
			break parseField
		}
		line = line[1:]
		for {
			i := bytes.IndexByte(line, '"')
			switch {
			case i >= 0:
				buf = append(buf, line[:i]...)
				line = line[i+1:]
				switch {
				case len(line) > 0 && line[0] == '"': // "" is a quote
					buf = append(buf, '"')
					line = line[1:]
				case len(line) > 0 && line[0] == comma: // the field's end
					line = line[1:]
					ends = append(ends, len(buf))
					continue parseField
				case lengthNL(line) == len(line): // the record's end
					ends = append(ends, len(buf))
					break parseField
				default: // a bare quote
					buf = append(buf, '"')
				}
			case len(line) > 0: // a line break inside quotes
				buf = append(buf, line...)
				line = nextLine()
			default: // the end of the text
				ends = append(ends, len(buf))
				break parseField
			}
		}
	}
	r.plain = r.plain && len(buf) <= maxField
	s := string(buf)
	rec, start := r.rec[:0], 0
	for _, end := range ends {
		rec = append(rec, s[start:end])
		start = end
	}
	r.buf, r.ends, r.rec = buf, ends, rec
	return rec
}

// lengthNL is 1 when b ends in a line feed.
func lengthNL(b []byte) int {
	if len(b) > 0 && b[len(b)-1] == '\n' {
		return 1
	}
	return 0
}
