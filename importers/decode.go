package importers

import (
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/transform"
)

// latin1Fallback passes valid UTF-8 through and reads every byte that is not part of a valid
// UTF-8 sequence as Windows-1252, the encoding Excel re-saves on Western Windows machines
// (SPEC §6). A file that mixes the two — an export re-saved after a few cells were edited —
// comes out as clean UTF-8 either way. It counts the bytes it had to read as Windows-1252.
type latin1Fallback struct {
	fixed int
}

func (t *latin1Fallback) Reset() {}

func (t *latin1Fallback) Transform(dst, src []byte, atEOF bool) (nDst, nSrc int, err error) {
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
			t.fixed++
		}
		if nDst+utf8.RuneLen(r) > len(dst) {
			return nDst, nSrc, transform.ErrShortDst
		}
		nDst += utf8.EncodeRune(dst[nDst:], r)
		nSrc += size
	}
	return nDst, nSrc, nil
}
