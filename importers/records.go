package importers

import (
	"bufio"
	"encoding/csv"
	"errors"
	"io"
	"strings"
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
}

// pline is one physical line without its line break.
type pline struct {
	text    string
	n       int // 1-based physical line number
	tooLong bool
}

func (r *recordReader) readLine() (pline, error) {
	if len(r.pending) > 0 {
		l := r.pending[0]
		r.pending = r.pending[1:]
		return l, nil
	}
	var b []byte
	tooLong := false
	for {
		chunk, err := r.br.ReadSlice('\n')
		if !tooLong {
			if len(b)+len(chunk) > maxRecord {
				tooLong, b = true, nil
			} else {
				b = append(b, chunk...)
			}
		}
		if err == bufio.ErrBufferFull {
			continue
		}
		if err != nil && len(b) == 0 && !tooLong {
			return pline{}, err
		}
		break
	}
	r.line++
	s := strings.TrimSuffix(strings.TrimSuffix(string(b), "\n"), "\r")
	return pline{text: s, n: r.line, tooLong: tooLong}, nil
}

// quoteState is where a scan of a record's text stands.
type quoteState struct{ inQuotes, fieldStart bool }

// scan follows encoding/csv's LazyQuotes rules over one line: a quote opens a quoted field only
// at the start of a field; inside one, "" is a quote and a quote closes the field only before
// a delimiter or the end of the line.
func (r *recordReader) scan(s string, st quoteState) quoteState {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case st.inQuotes:
			if c != '"' {
				continue
			}
			if i+1 < len(s) && s[i+1] == '"' {
				i++
				continue
			}
			if i+1 == len(s) || s[i+1] == r.comma {
				st.inQuotes = false
			}
		case c == '"' && st.fieldStart:
			st.inQuotes, st.fieldStart = true, false
		case c == r.comma:
			st.fieldStart = true
		default:
			st.fieldStart = false
		}
	}
	return st
}

// Read returns the next record and the physical line it starts on. Blank lines are skipped.
// A record that cannot be read returns its line and an error; reading can go on after it.
func (r *recordReader) Read() ([]string, int, error) {
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
	lines := []pline{first}
	size := len(first.text)
	st := r.scan(first.text, quoteState{fieldStart: true})
	if st.inQuotes && first.n < r.deadEnd {
		return nil, first.n, errUnterminated
	}
	for st.inQuotes {
		next, err := r.readLine()
		if err == nil && !next.tooLong && size+len(next.text)+1 <= maxRecord {
			lines = append(lines, next)
			size += len(next.text) + 1
			st = r.scan(next.text, quoteState{inQuotes: true})
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
	cr := csv.NewReader(strings.NewReader(text))
	cr.Comma = rune(r.comma)
	cr.FieldsPerRecord = -1
	cr.LazyQuotes = true
	rec, err := cr.Read()
	if err == io.EOF {
		return []string{""}, first.n, nil
	}
	if len(lines) > 1 && r.width > 0 && (err != nil || len(rec) != r.width) {
		// A quote that swallowed the lines after it: give them back, skip the first.
		r.deadEnd = max(r.deadEnd, lines[len(lines)-1].n)
		r.pending = append(append([]pline(nil), lines[1:]...), r.pending...)
		return nil, first.n, errUnterminated
	}
	if err != nil {
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return nil, first.n, err
	}
	return rec, first.n, nil
}
