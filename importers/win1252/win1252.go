// Package win1252 repairs text that was meant to be UTF-8 but holds bytes of Windows-1252, the
// encoding Excel and older mail and contact tools write on Western Windows machines (SPEC §6):
// valid UTF-8 passes through, and every byte that is not part of a valid UTF-8 sequence is read
// as Windows-1252. A file that mixes the two comes out as clean UTF-8 either way.
package win1252

import (
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/transform"
)

// String returns s unchanged when it is valid UTF-8, else repaired.
func String(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	var b strings.Builder
	for len(s) > 0 {
		r, n := utf8.DecodeRuneInString(s)
		if r == utf8.RuneError && n <= 1 {
			r, n = charmap.Windows1252.DecodeByte(s[0]), 1
		}
		b.WriteRune(r)
		s = s[n:]
	}
	return b.String()
}

// Fallback is the same repair as a streaming transform.Transformer; Fixed counts the bytes it
// had to read as Windows-1252.
type Fallback struct {
	Fixed int
}

// Reset does nothing: Fixed keeps counting across the stream.
func (t *Fallback) Reset() {}

// Transform implements transform.Transformer.
func (t *Fallback) Transform(dst, src []byte, atEOF bool) (nDst, nSrc int, err error) {
	for nSrc < len(src) {
		c := src[nSrc]
		if c < utf8.RuneSelf {
			if nDst >= len(dst) {
				return nDst, nSrc, transform.ErrShortDst
			}
			dst[nDst] = c
			nDst++
			nSrc++
			continue
		}
		r, size := utf8.DecodeRune(src[nSrc:])
		if r == utf8.RuneError && size <= 1 {
			if !atEOF && !utf8.FullRune(src[nSrc:]) {
				return nDst, nSrc, transform.ErrShortSrc
			}
			r, size = charmap.Windows1252.DecodeByte(c), 1
			t.Fixed++
		}
		if nDst+utf8.RuneLen(r) > len(dst) {
			return nDst, nSrc, transform.ErrShortDst
		}
		nDst += utf8.EncodeRune(dst[nDst:], r)
		nSrc += size
	}
	return nDst, nSrc, nil
}
