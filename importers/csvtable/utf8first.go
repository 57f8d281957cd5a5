package csvtable

import (
	"unicode/utf8"

	"github.com/relmap/relmap/importers/win1252"
	"golang.org/x/text/transform"
)

// utf8First is win1252.Fallback with a fast path: the valid UTF-8 at the head of each chunk,
// nearly all of any export, is copied as it is (which is what the fallback does with it,
// a byte at a time) and only the rest is handed to the fallback, which counts what it fixes.
type utf8First struct{ fallback *win1252.Fallback }

func (t utf8First) Reset() { t.fallback.Reset() }

func (t utf8First) Transform(dst, src []byte, atEOF bool) (int, int, error) {
	n := len(src)
	// Leave a rune cut at the chunk's end, and anything after an invalid byte, to the fallback.
	for i := len(src) - 1; i >= 0 && i >= len(src)-utf8.UTFMax; i-- {
		if utf8.RuneStart(src[i]) {
			if !utf8.FullRune(src[i:]) {
				n = i
			}
			break
		}
	}
	if !utf8.Valid(src[:n]) {
		n = 0
	}
	if n > len(dst) {
		n = len(dst)
		for n > 0 && !utf8.RuneStart(src[n]) {
			n--
		}
		copy(dst, src[:n])
		return n, n, transform.ErrShortDst
	}
	copy(dst, src[:n])
	if n == len(src) {
		return n, n, nil
	}
	nDst, nSrc, err := t.fallback.Transform(dst[n:], src[n:], atEOF)
	return n + nDst, n + nSrc, err
}
