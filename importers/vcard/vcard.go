// Package vcard reads contacts from vCard files (.vcf): versions 2.1 (old Outlook, phones),
// 3.0 (RFC 2426; Google and Apple exports) and 4.0 (RFC 6350), for relmap's contact sources
// (SPEC §2.3). Contacts add people and attributes, never interactions. A contact's NOTE, and
// every property not listed in Contact (phones, addresses, photos, birthdays), is never kept.
//
// go-vcard's Decoder loses the value of a 2.1 property with bare parameters
// (`EMAIL;INTERNET;PREF:a@example.com` comes out empty), does not decode QUOTED-PRINTABLE,
// unescapes `\,` before CATEGORIES is split, reads a card without END:VCARD into the next one,
// and gives no line numbers. So lines are unfolded, split and decoded here into a vcard.Card,
// and the fields are read from it.
//
// Lines may end in CRLF or LF, and are unfolded (a line starting with a space or tab continues
// the one before). In 2.1, a QUOTED-PRINTABLE value ending in "=" continues on the next line
// (a soft line break), and a bare parameter is a TYPE (`TEL;WORK;VOICE`) or an ENCODING. Values
// are decoded from QUOTED-PRINTABLE and from their CHARSET; bytes that are not UTF-8 and have no
// CHARSET are read as Windows-1252. Backslash escapes (`\,` `\;` `\\` `\n`, and `\:` which some
// exporters write) are undone after structured values (N, ORG) and lists (CATEGORIES) are split.
package vcard

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/emersion/go-vcard"
	"github.com/relmap/relmap/importers/contentline"
	"github.com/relmap/relmap/importers/win1252"
	"golang.org/x/text/encoding/htmlindex"
)

// Contact is one vCard.
type Contact struct {
	Line       int      // physical line of BEGIN:VCARD (1-based)
	Name       string   // FN; else "Given Additional Family" from N; may be empty
	Emails     []string // lower-cased, in the order written, without duplicates
	Org        string   // the organisation name, the first component of ORG
	Title      string   // TITLE
	URLs       []string // URL values, then http(s) X-SOCIALPROFILE values (Apple), without duplicates
	Categories []string // CATEGORIES (Google's groups, Apple's and Outlook's categories), without duplicates
	Cut        int      // e-mails, URLs and categories left out beyond MaxValues of each
}

// MaxValues bounds the e-mails, the URLs and the categories kept of one card, each: no one
// has more than a few, and a card with 150 000 EMAIL lines is an attack on the reader, not a
// person. Values beyond it are left out and counted in Contact.Cut.
const MaxValues = 100

// maxLine bounds an unfolded line that is kept; SPEC §6 makes a field over 1 MiB an error.
const maxLine = 1 << 20

// kept are the properties read; every other property is dropped as it is read.
var kept = map[string]bool{
	vcard.FieldFormattedName: true, vcard.FieldName: true, vcard.FieldEmail: true,
	vcard.FieldOrganization: true, vcard.FieldTitle: true, vcard.FieldURL: true,
	vcard.FieldCategories: true, "X-SOCIALPROFILE": true,
}

// Read calls fn for every vCard of r, in order. A card that cannot be read (a malformed line of
// a property it keeps, no END:VCARD) is reported to bad, with the line at fault and a short
// reason, and skipped. Only an I/O error, or an error returned by fn, ends the read. bad may be
// nil.
func Read(r io.Reader, fn func(Contact) error, bad func(line int, reason string)) error {
	if bad == nil {
		bad = func(int, string) {}
	}
	u := &unfolder{lines: contentline.NewReader(r, maxLine)}
	var card vcard.Card // nil outside a card
	var start, errLine int
	var errReason string
	var values map[string]int // values added to card, by property (emails, URLs)
	cut := 0
	started := false
	for {
		l, err := u.next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return err
		}
		if len(bytes.TrimSpace(l.Text)) == 0 {
			continue
		}
		name, field, perr := parseLine(l.Text)
		if !started {
			started = true
			if !strings.EqualFold(name, "BEGIN") {
				bad(l.Num, "not a vCard file? first line is not BEGIN:VCARD")
			}
		}
		switch {
		case name == "BEGIN" && perr == nil && strings.EqualFold(strings.TrimSpace(field.Value), "VCARD"):
			if card != nil {
				bad(start, fmt.Sprintf("BEGIN:VCARD without END:VCARD before line %d; card skipped", l.Num))
			}
			card, start, errLine, errReason = vcard.Card{}, l.Num, 0, ""
			values, cut = map[string]int{}, 0
			continue
		case name == "END" && perr == nil && strings.EqualFold(strings.TrimSpace(field.Value), "VCARD"):
			if card == nil {
				bad(l.Num, "END:VCARD without BEGIN:VCARD")
				continue
			}
			c := card
			card = nil
			if errReason != "" {
				bad(errLine, fmt.Sprintf("%s (card at line %d skipped)", errReason, start))
				continue
			}
			contact := contactOf(c)
			contact.Line = start
			contact.Cut += cut
			if err := fn(contact); err != nil {
				return err
			}
			continue
		}
		if card == nil || !kept[name] {
			continue // outside a card, or a property not kept (a lost fold of a NOTE, say)
		}
		if errReason == "" {
			switch {
			case l.Long:
				errLine, errReason = l.Num, name+" longer than 1 MiB"
			case perr != nil:
				errLine, errReason = l.Num, perr.Error()
			}
		}
		if errReason == "" {
			prop := name // the list its value goes to
			if prop == "X-SOCIALPROFILE" {
				prop = vcard.FieldURL
			}
			switch {
			case prop != vcard.FieldEmail && prop != vcard.FieldURL:
				card.Add(name, field)
			case values[prop] < MaxValues:
				values[prop]++
				card.Add(name, field)
			default:
				cut++
			}
		}
	}
	if card != nil {
		bad(start, "BEGIN:VCARD without END:VCARD; card skipped")
	}
	return nil
}

// contactOf reads the kept fields of a card. Values are decoded but still backslash-escaped.
func contactOf(c vcard.Card) Contact {
	var ct Contact
	if f := c.Get(vcard.FieldFormattedName); f != nil {
		ct.Name = clean(unescape(f.Value))
	}
	if n := c.Get(vcard.FieldName); ct.Name == "" && n != nil {
		parts := splitEscaped(n.Value, ';')
		var words []string
		for _, i := range []int{1, 2, 0} { // given, additional, family
			if i < len(parts) {
				if w := clean(unescape(parts[i])); w != "" {
					words = append(words, w)
				}
			}
		}
		ct.Name = strings.Join(words, " ")
	}
	seen := map[string]bool{} // values kept, by list: duplicates are left out in linear time
	appendNew := func(list []string, kind, s string) []string {
		if seen[kind+s] {
			return list
		}
		seen[kind+s] = true
		return append(list, s)
	}
	for _, f := range c[vcard.FieldEmail] {
		if e := email(unescape(f.Value)); e != "" {
			ct.Emails = appendNew(ct.Emails, "e", e)
		}
	}
	if f := c.Get(vcard.FieldOrganization); f != nil {
		ct.Org = clean(unescape(splitEscaped(f.Value, ';')[0]))
	}
	if f := c.Get(vcard.FieldTitle); f != nil {
		ct.Title = clean(unescape(f.Value))
	}
	for _, f := range c[vcard.FieldURL] {
		if u := strings.TrimSpace(unescape(f.Value)); u != "" && !strings.ContainsAny(u, " \t\n") {
			ct.URLs = appendNew(ct.URLs, "u", u)
		}
	}
	for _, f := range c["X-SOCIALPROFILE"] {
		u := strings.TrimSpace(unescape(f.Value))
		if low := strings.ToLower(u); (strings.HasPrefix(low, "http://") || strings.HasPrefix(low, "https://")) && !strings.ContainsAny(u, " \t\n") {
			ct.URLs = appendNew(ct.URLs, "u", u)
		}
	}
	for _, f := range c[vcard.FieldCategories] {
		for _, cat := range splitEscaped(f.Value, ',') {
			switch cat = clean(unescape(cat)); {
			case cat == "" || seen["c"+cat]:
			case len(ct.Categories) == MaxValues:
				ct.Cut++
			default:
				ct.Categories = appendNew(ct.Categories, "c", cat)
			}
		}
	}
	return ct
}

// email returns an address lower-cased, or "" when s is not one.
func email(s string) string {
	s = strings.TrimSpace(s)
	if len(s) >= 7 && strings.EqualFold(s[:7], "mailto:") {
		s = s[7:]
	}
	at := strings.LastIndexByte(s, '@')
	if at <= 0 || at == len(s)-1 || strings.ContainsAny(s, " \t\n<>,;:()\"") {
		return ""
	}
	return strings.ToLower(s)
}

// clean folds white space (and the line breaks of `\n`) into single spaces.
func clean(s string) string { return strings.Join(strings.Fields(s), " ") }

// unescape undoes vCard backslash escapes. `\:` is not an escape in any version but some
// exporters write it (nextcloud/contacts#516: `http\://`); an unknown escape keeps its character.
func unescape(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '\\' || i == len(s)-1 {
			b.WriteByte(c)
			continue
		}
		i++
		switch s[i] {
		case 'n', 'N':
			b.WriteByte('\n')
		default:
			b.WriteByte(s[i])
		}
	}
	return b.String()
}

// splitEscaped splits s at sep when not escaped by a backslash; parts keep their escapes. It
// always returns at least one part.
func splitEscaped(s string, sep byte) []string {
	var parts []string
	start := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\\':
			i++
		case sep:
			parts = append(parts, s[start:i])
			start = i + 1
		}
	}
	return append(parts, s[min(start, len(s)):])
}

// Reasons for malformed lines.
var (
	errNoColon = errors.New("malformed line: no colon after the property name")
	errName    = errors.New("malformed line: bad property name")
	errParam   = errors.New("malformed line: bad parameter")
)

// parseLine splits an unfolded line into its upper-case name and a field with group, params and
// decoded value (QUOTED-PRINTABLE and CHARSET undone, backslash escapes kept). On error the name
// is still given when it could be read.
func parseLine(l []byte) (string, *vcard.Field, error) {
	s := string(l)
	i := strings.IndexAny(s, ";:")
	if i < 0 {
		return "", nil, errNoColon
	}
	name := strings.TrimSpace(s[:i])
	f := &vcard.Field{Params: vcard.Params{}}
	if g := strings.LastIndexByte(name, '.'); g >= 0 {
		f.Group, name = name[:g], name[g+1:]
	}
	name = strings.ToUpper(name)
	if name == "" || strings.IndexFunc(name, func(r rune) bool {
		return !(r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_')
	}) >= 0 {
		return "", nil, errName
	}
	s = s[i:]
	for len(s) > 0 && s[0] == ';' {
		s = s[1:]
		j := strings.IndexAny(s, "=;:")
		if j < 0 {
			return name, nil, errNoColon
		}
		pname := strings.ToUpper(strings.TrimSpace(s[:j]))
		if s[j] != '=' {
			// 2.1 bare parameter: an encoding, a charset-less 8BIT, or a type.
			switch pname {
			case "":
			case "QUOTED-PRINTABLE", "BASE64", "8BIT", "7BIT", "B", "Q":
				f.Params.Add("ENCODING", pname)
			default:
				f.Params.Add(vcard.ParamType, strings.ToLower(pname))
			}
			s = s[j:]
			continue
		}
		if pname == "" {
			return name, nil, errParam
		}
		s = s[j+1:]
		for {
			var v string
			if len(s) > 0 && s[0] == '"' {
				k := strings.IndexByte(s[1:], '"')
				if k < 0 {
					return name, nil, errParam
				}
				v, s = s[1:1+k], s[2+k:]
				if len(s) == 0 || (s[0] != ',' && s[0] != ';' && s[0] != ':') {
					return name, nil, errParam
				}
			} else {
				k := strings.IndexAny(s, ",;:")
				if k < 0 {
					return name, nil, errNoColon
				}
				v, s = s[:k], s[k:]
			}
			if pname == vcard.ParamType {
				v = strings.ToLower(v)
			}
			f.Params.Add(pname, v)
			if s[0] != ',' {
				break
			}
			s = s[1:]
		}
	}
	if len(s) == 0 || s[0] != ':' {
		return name, nil, errNoColon
	}
	v := s[1:]
	switch strings.ToUpper(f.Params.Get("ENCODING")) {
	case "QUOTED-PRINTABLE", "Q":
		v = decodeQP(v)
	}
	f.Value = toUTF8(v, f.Params.Get("CHARSET"))
	return name, f, nil
}

// decodeQP decodes a QUOTED-PRINTABLE value whose soft line breaks were already joined. It is
// lenient: "=" not followed by two hex digits is kept as it is, as old phones wrote it.
func decodeQP(s string) string {
	if !strings.Contains(s, "=") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '=' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]) {
			b.WriteByte(unhex(s[i+1])<<4 | unhex(s[i+2]))
			i += 2
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// isHex reports whether c is a hexadecimal digit.
func isHex(c byte) bool { return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F' }

// unhex returns the value of hexadecimal digit c.
func unhex(c byte) byte {
	switch {
	case c >= '0' && c <= '9':
		return c - '0'
	case c >= 'a' && c <= 'f':
		return c - 'a' + 10
	}
	return c - 'A' + 10
}

// toUTF8 decodes s from charset (any WHATWG name: ISO-8859-1, windows-1252, shift_jis…); with
// no or an unknown charset, valid UTF-8 passes and other bytes are read as Windows-1252.
func toUTF8(s, charset string) string {
	if charset != "" && !strings.EqualFold(charset, "utf-8") {
		if enc, err := htmlindex.Get(charset); err == nil {
			if d, err := enc.NewDecoder().String(s); err == nil {
				s = d
			}
		}
	}
	return win1252.String(s)
}

// unfolder yields unfolded lines with the physical line they start on.
type unfolder struct {
	lines  *contentline.Reader
	peeked *contentline.Line
}

// next returns the next unfolded line: continuation lines (leading space or tab, which is
// removed) and, after a QUOTED-PRINTABLE value ending in "=", the lines of its soft breaks.
func (u *unfolder) next() (contentline.Line, error) {
	var cur contentline.Line
	if u.peeked != nil {
		cur, u.peeked = *u.peeked, nil
	} else {
		p, err := u.lines.Next()
		if err != nil {
			return contentline.Line{}, err
		}
		cur = *p.Clone()
	}
	qp := isQP(cur.Text)
	for {
		p, err := u.lines.Next()
		if err == io.EOF {
			return cur, nil
		}
		if err != nil {
			return contentline.Line{}, err
		}
		var more []byte
		switch {
		case qp && bytes.HasSuffix(cur.Text, []byte("=")) && !isEnd(p.Text):
			cur.Text = cur.Text[:len(cur.Text)-1]
			more = p.Text
			if len(more) > 0 && (more[0] == ' ' || more[0] == '\t') {
				more = more[1:] // a soft break that was folded as well
			}
		case len(p.Text) > 0 && (p.Text[0] == ' ' || p.Text[0] == '\t'):
			more = p.Text[1:]
		default:
			u.peeked = p.Clone()
			return cur, nil
		}
		cur.Long = cur.Long || p.Long
		if room := maxLine - len(cur.Text); room >= len(more) {
			cur.Text = append(cur.Text, more...)
		} else {
			cur.Text = append(cur.Text, more[:max(room, 0)]...)
			cur.Long = true
		}
	}
}

// isEnd reports whether l is END:VCARD, which no soft line break runs into.
func isEnd(l []byte) bool {
	return bytes.EqualFold(bytes.TrimSpace(l), []byte("END:VCARD"))
}

// isQP reports whether the parameters of line l (before its first colon) say
// QUOTED-PRINTABLE.
func isQP(l []byte) bool {
	i := bytes.IndexByte(l, ':')
	if i < 0 {
		i = len(l)
	}
	return bytes.Contains(bytes.ToUpper(l[:i]), []byte("QUOTED-PRINTABLE"))
}
