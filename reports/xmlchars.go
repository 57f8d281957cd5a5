package reports

import "unicode/utf8"

// XMLSafe returns b with every byte that is not UTF-8 and every rune XML cannot hold
// (isXMLChar: control characters other than tab, newline and carriage return, U+FFFE and
// U+FFFF, surrogates) replaced by U+FFFD, as encoding/xml's EscapeText replaces them; b itself
// when there is none, which is nearly always. It is the last step of every writer of SVG and
// HTML, whatever their text came through: the importers already replace what is not text in
// names, and this makes sure no other field, nor a library that draws text, lets one by.
// b must not end inside a rune. reports/chart writes its SVG through it.
func XMLSafe(b []byte) []byte {
	for i := 0; i < len(b); {
		c := b[i]
		if c < utf8.RuneSelf {
			if c < 0x20 && c != '\t' && c != '\n' && c != '\r' {
				return fixXMLChars(b, i)
			}
			i++
			continue
		}
		r, w := utf8.DecodeRune(b[i:])
		if !isXMLChar(r) || r == utf8.RuneError && w == 1 {
			return fixXMLChars(b, i)
		}
		i += w
	}
	return b
}

// fixXMLChars is XMLSafe from b[i], the first rune to replace, on.
func fixXMLChars(b []byte, i int) []byte {
	out := make([]byte, i, len(b)+8)
	copy(out, b[:i])
	for i < len(b) {
		r, w := utf8.DecodeRune(b[i:])
		if !isXMLChar(r) || r == utf8.RuneError && w == 1 {
			out = utf8.AppendRune(out, utf8.RuneError)
		} else {
			out = append(out, b[i:i+w]...)
		}
		i += w
	}
	return out
}
