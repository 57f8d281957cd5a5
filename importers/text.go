package importers

import (
	"strings"
	"unicode/utf8"
)

// asText returns s with what is not text replaced by U+FFFD, and whether anything was: a run
// of bytes that are not UTF-8 (an unpaired surrogate of a UTF-16 file re-encoded byte by
// byte among them) becomes one U+FFFD, as strings.ToValidUTF8 makes it, and each Unicode
// non-character (U+FDD0–U+FDEF and the last two code points of every plane: U+FFFE, U+FFFF,
// U+1FFFE …) one each. A name holding them cannot be written in XML (SVG, GEXF, GraphML;
// U+FFFE and U+FFFF are not XML characters) and is no one's real name. Most strings are
// text, and for them asText only reads s.
func asText(s string) (string, bool) {
	for i := 0; i < len(s); {
		if s[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, w := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && w == 1 || nonCharacter(r) {
			return strings.Map(func(r rune) rune {
				if nonCharacter(r) {
					return utf8.RuneError
				}
				return r
			}, strings.ToValidUTF8(s, "\uFFFD")), true
		}
		i += w
	}
	return s, false
}

// nonCharacter reports whether r is one of Unicode's 66 non-characters (Unicode §23.7).
func nonCharacter(r rune) bool {
	return r >= 0xFDD0 && r <= 0xFDEF || r&0xFFFE == 0xFFFE && r <= utf8.MaxRune
}
