// Package contentline reads the physical lines of iCalendar (RFC 5545 §3.1) and vCard
// (RFC 6350 §3.2) files: numbered from 1, without their line ending, a UTF-8 BOM dropped from
// the first, and bounded in what is kept so that memory stays flat whatever a file holds. The
// unfolding rules above it differ per format and stay with each reader.
package contentline

import (
	"bufio"
	"bytes"
	"io"
)

// Line is one physical line.
type Line struct {
	Text []byte // without "\n" or "\r\n"; valid until the next call of Next
	Num  int    // 1-based physical line number
	Long bool   // longer than the bound; Text holds its first bytes
}

// Clone returns a copy of l whose Text outlives the next call of Next.
func (l Line) Clone() *Line {
	l.Text = bytes.Clone(l.Text)
	return &l
}

// Reader yields physical lines.
type Reader struct {
	br  *bufio.Reader
	max int
	num int
	acc []byte
}

// NewReader reads r, keeping at most max bytes of any one line.
func NewReader(r io.Reader, max int) *Reader {
	return &Reader{br: bufio.NewReaderSize(r, 64<<10), max: max}
}

// Next returns the next physical line, or io.EOF after the last.
func (u *Reader) Next() (Line, error) {
	b, err := u.br.ReadSlice('\n')
	long := false
	if err == bufio.ErrBufferFull {
		u.acc = append(u.acc[:0], b[:min(u.max, len(b))]...)
		long = len(b) > u.max
		for err == bufio.ErrBufferFull {
			b, err = u.br.ReadSlice('\n')
			if room := u.max - len(u.acc); room > 0 {
				u.acc = append(u.acc, b[:min(room, len(b))]...)
			} else {
				long = true
			}
		}
		b = u.acc
	}
	if err != nil && err != io.EOF {
		return Line{}, err
	}
	if err == io.EOF && len(b) == 0 {
		return Line{}, io.EOF
	}
	u.num++
	b = bytes.TrimSuffix(b, []byte("\n"))
	b = bytes.TrimSuffix(b, []byte("\r"))
	if u.num == 1 {
		b = bytes.TrimPrefix(b, []byte("\xef\xbb\xbf"))
	}
	return Line{Text: b, Num: u.num, Long: long}, nil
}
