// Package csvtable reads the delimited text files exports really are: decoded to UTF-8 (a BOM
// stripped, UTF-16 with a BOM decoded, bytes that are not UTF-8 read as Windows-1252 and
// counted), bare carriage returns read as line breaks, the delimiter sniffed, any preamble
// skipped, the header found by name, ragged rows padded, and the physical line of every record
// kept. Open finds a table's header; EachRow maps its rows onto a struct by `csv` tags, or
// Table.Next hands them out as they are. A record that cannot be read is a *RowError, and
// reading goes on after it.
//
// Where things are: table.go is the Table, its header search and the mapping of rows
// (EachRow); records.go splits a decoded stream into records (quotes, line numbers, bounds);
// utf8first.go is the UTF-8-first decoder with its Windows-1252 fallback.
package csvtable

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strings"
	"unicode/utf8"

	"github.com/relmap/relmap/importers/win1252"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// RowError reports a problem with one field of one row of an input file: `file:line: column:
// problem`.
type RowError struct {
	File   string // as the user named it, e.g. "Basic_LinkedInDataExport_03-14-2025.zip:Connections.csv"
	Line   int    // physical line in the file
	Column string
	Err    error
}

// Error reads `file:line: column: problem`.
func (e *RowError) Error() string {
	return fmt.Sprintf("%s:%d: %s: %v", e.File, e.Line, e.Column, e.Err)
}

// Unwrap returns the problem itself.
func (e *RowError) Unwrap() error { return e.Err }

// maxField is the longest field accepted (SPEC §6): longer ones are an error, not a buffer.
const maxField = 1 << 20

// HeaderWindow is how many records may precede the header (the Notes: preamble takes two).
const HeaderWindow = 20

// Budget bounds what reading may hold in memory: Check returns an error once it is spent,
// and reading stops with that error. Table.Next calls it once a record.
type Budget interface {
	Check() error
}

// Table reads one delimited text file the way exports really are: decoded to UTF-8 (BOM
// stripped, UTF-16 with a BOM decoded), the delimiter sniffed, any preamble skipped, the header
// found by name, ragged rows padded, and physical line numbers kept for every record.
type Table struct {
	File    string      // for messages
	Header  []string    // canonical column names (lower case, single spaces); a reader may rename them before it reads the rows
	Skipped []*RowError // records that could not be read, for the reader to report
	Budget  Budget      // what reading may hold; nil: no bound

	line     int // physical line of the header
	r        *recordReader
	encoding string            // "UTF-8", "UTF-8 with BOM", "UTF-16"
	latin1   *win1252.Fallback // counts bytes read as Windows-1252; nil for UTF-16
}

// Encoding says how the file was decoded, for coverage: the byte-order mark seen, and how
// many bytes had to be read as Windows-1252.
func (t *Table) Encoding() string {
	if t.latin1 != nil && t.latin1.Fixed > 0 {
		return fmt.Sprintf("%s, %d bytes read as Windows-1252", t.encoding, t.latin1.Fixed)
	}
	return t.encoding
}

// Open decodes r and scans for a header accepted by match, which is handed each record's
// canonical names (see canonicalHeader) in turn; it returns the table positioned after the
// header and what match returned for it. A file without such a header within the first
// HeaderWindow records gives ErrNoHeader; file names the table in errors.
func Open[K comparable](file string, r io.Reader, match func(header []string) (K, bool)) (*Table, K, error) {
	var zero K
	br := bufio.NewReaderSize(r, 64<<10)
	lead, _ := br.Peek(3)
	t := &Table{File: file, encoding: "UTF-8"}
	var sb *bufio.Reader
	switch {
	case bytes.HasPrefix(lead, []byte{0xFF, 0xFE}), bytes.HasPrefix(lead, []byte{0xFE, 0xFF}):
		// The BOM sets the byte order; the legacy LinkedIn files are UTF-16LE TSV.
		t.encoding = "UTF-16"
		dec := unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder()
		sb = bufio.NewReaderSize(transform.NewReader(br, dec), 64<<10)
	default:
		if bytes.HasPrefix(lead, []byte{0xEF, 0xBB, 0xBF}) {
			br.Discard(3)
			t.encoding = "UTF-8 with BOM"
		}
		t.latin1 = &win1252.Fallback{}
		sb = bufio.NewReaderSize(transform.NewReader(br, utf8First{t.latin1}), 64<<10)
	}
	// A bare CR ends a line as LF does — every line of Excel for Mac's "CSV (Macintosh)", or
	// one line of a file pieced together from two systems — where it would otherwise join
	// two rows into one that loses the second. CRLF stays as it is.
	sb = bufio.NewReaderSize(transform.NewReader(sb, crToLF{}), 64<<10)
	peek, _ := sb.Peek(16 << 10)
	t.r = &recordReader{br: sb, comma: byte(sniffDelimiter(peek))}
	for i := 0; i < HeaderWindow; i++ {
		rec, line, err := t.r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			if line == 0 {
				return nil, zero, fmt.Errorf("%s: %w", file, err)
			}
			continue // a broken line before the header: keep looking
		}
		h := canonicalHeader(rec)
		if k, ok := match(h); ok {
			t.Header, t.line = h, line
			t.r.width = len(h)
			return t, k, nil
		}
	}
	return nil, zero, ErrNoHeader
}

// ErrNoHeader is Open's answer for a file without a header match accepts in its first
// HeaderWindow records.
var ErrNoHeader = errors.New("no known header")

// canonicalHeader lower-cases and trims header names and folds inner runs of spaces, so that
// `SharedURL`, ` Shared Url ` and `sharedurl` compare equal where the caller wants them to.
// NUL bytes go, as they do from every field (Next): a header `na\x00me` is the name column,
// not an unknown one that would leave everyone unnamed.
func canonicalHeader(rec []string) []string {
	h := make([]string, len(rec))
	for i, s := range rec {
		h[i] = strings.Join(strings.Fields(strings.ToLower(strings.ReplaceAll(s, "\x00", ""))), " ")
	}
	return h
}

// sniffDelimiter picks `,`, `;` or TAB: the one seen most often outside quotes in the first
// bytes of the file.
func sniffDelimiter(b []byte) rune {
	counts := map[byte]int{}
	quoted := false
	for _, c := range b {
		switch {
		case c == '"':
			quoted = !quoted
		case !quoted && (c == ',' || c == ';' || c == '\t'):
			counts[c]++
		}
	}
	best := byte(',')
	for _, c := range []byte{';', '\t'} {
		if counts[c] > counts[best] {
			best = c
		}
	}
	return rune(best)
}

// Has reports whether the header has a column.
func (t *Table) Has(col string) bool {
	for _, h := range t.Header {
		if h == col {
			return true
		}
	}
	return false
}

// Next returns the next data record, padded or cut to the header's width, and its physical
// line; io.EOF at the end. A record that cannot be read gives a *RowError; reading can go on
// after it. The Budget's error, or one reading the file, ends it. The record is valid until
// the next call.
func (t *Table) Next() ([]string, int, error) {
	if t.Budget != nil {
		if err := t.Budget.Check(); err != nil {
			return nil, 0, err
		}
	}
	rec, line, err := t.r.Read()
	if err == io.EOF {
		return nil, 0, io.EOF
	}
	if err != nil {
		if line == 0 {
			return nil, 0, fmt.Errorf("%s: %w", t.File, err)
		}
		return nil, line, &RowError{File: t.File, Line: line, Column: "record", Err: err}
	}
	if !t.r.plain {
		for i, f := range rec {
			if len(f) > maxField {
				return nil, line, &RowError{File: t.File, Line: line, Column: t.Column(i), Err: fmt.Errorf("field of %d bytes is over the 1 MiB limit", len(f))}
			}
			if !utf8.ValidString(f) { // a UTF-16 file with an unpaired surrogate
				f = strings.ToValidUTF8(f, "\uFFFD")
			}
			rec[i] = strings.ReplaceAll(f, "\x00", "") // NUL bytes: never part of a name
		}
	}
	if len(rec) > len(t.Header) {
		rec = rec[:len(t.Header)]
	}
	for len(rec) < len(t.Header) {
		rec = append(rec, "")
	}
	return rec, line, nil
}

// Column names the i-th column: its header name, or "column N" past the header's end.
func (t *Table) Column(i int) string {
	if i < len(t.Header) {
		return t.Header[i]
	}
	return fmt.Sprintf("column %d", i+1)
}

// EachRow maps every data record of t onto a T by header name and calls fn with it and its
// physical line. T is a struct of string fields tagged `csv:"name"` with canonical header
// names; they are matched as gocsv matched them (a header equal to the tag once trimmed or
// rid of zero-width characters; of duplicate columns the first, see firstWins), and a field
// without a column is empty. fn is handed the same *T each time: it must not keep it. A
// record that cannot be read is kept in t.Skipped and reading goes on; any other error (the
// Budget's, the file's) ends it. gocsv itself, read through encoding/csv, maps 100 000
// interaction rows in 120 ms and 84 MB where EachRow takes 21 ms and 11 MB, header search and
// decoding included (BenchmarkMapRows), and its callback has no line for a row's problems: it
// stays the reference EachRow is checked against (TestColumnsOfSame).
func EachRow[T any](t *Table, fn func(line int, row *T)) error {
	cols := columnsOf(reflect.TypeFor[T](), firstWins(t.Header))
	row := new(T)
	v := reflect.ValueOf(row).Elem()
	var zero T
	for {
		rec, line, err := t.Next()
		if err == io.EOF {
			return nil
		}
		var re *RowError
		if errors.As(err, &re) {
			t.Skipped = append(t.Skipped, re) // one unreadable record: report it, read on
			continue
		}
		if err != nil {
			return err
		}
		*row = zero
		for _, c := range cols {
			v.Field(c.field).SetString(rec[c.col])
		}
		fn(line, row)
	}
}

// fieldColumn says which column fills a struct field.
type fieldColumn struct{ field, col int }

// columnsOf maps the string fields of a row struct to the columns of a header as gocsv did:
// each column goes to the first field one of whose tag keys it matches, and when several
// columns go to one field the last of them fills it.
func columnsOf(rt reflect.Type, header []string) []fieldColumn {
	var keys [][]string
	for i := range rt.NumField() {
		keys = append(keys, tagKeys(rt.Field(i)))
	}
	last := make([]int, rt.NumField())
	for i := range last {
		last[i] = -1
	}
	for j, h := range header {
		for i, ks := range keys {
			if matchesKey(h, ks) {
				last[i] = j
				break
			}
		}
	}
	var out []fieldColumn
	for i, j := range last {
		if j >= 0 {
			out = append(out, fieldColumn{field: i, col: j})
		}
	}
	return out
}

// tagKeys are the header names a field answers to: its csv tag's names, or its own name; none
// for an unexported, untagged ("-") or non-string field.
func tagKeys(f reflect.StructField) []string {
	if f.PkgPath != "" || f.Type.Kind() != reflect.String {
		return nil
	}
	tag := f.Tag.Get("csv")
	if tag == "-" {
		return nil
	}
	var keys []string
	for _, k := range strings.Split(tag, ",") {
		k = strings.TrimSpace(k)
		if k == "omitempty" || strings.HasPrefix(k, "partial") || strings.HasPrefix(k, "default=") {
			continue // options (relmap's rows use none)
		}
		keys = append(keys, k)
	}
	if len(keys) == 0 || keys[0] == "" {
		return []string{f.Name}
	}
	return keys
}

// matchesKey is gocsv's header match: equal, equal once trimmed, or equal without zero-width
// characters.
func matchesKey(h string, keys []string) bool {
	for _, k := range keys {
		if h == k || strings.TrimSpace(h) == k || removeZeroWidth(h) == k {
			return true
		}
	}
	return false
}

func removeZeroWidth(s string) string {
	return strings.Map(func(r rune) rune {
		switch r {
		case '\u200B', '\uFEFF', '\u200D', '\u200C':
			return -1
		}
		return r
	}, s)
}

// firstWins renames the second and later of duplicate column names ("email#2") so that the
// first of them is the one mapped.
func firstWins(h []string) []string {
	out := make([]string, len(h))
	seen := map[string]int{}
	for i, c := range h {
		seen[c]++
		out[i] = c
		if seen[c] > 1 {
			out[i] = fmt.Sprintf("%s#%d", c, seen[c])
		}
	}
	return out
}

// crToLF turns bare carriage returns — a CR not followed by LF — into line feeds.
type crToLF struct{ transform.NopResetter }

func (crToLF) Transform(dst, src []byte, atEOF bool) (int, int, error) {
	n := copy(dst, src)
	var err error
	if n < len(src) {
		err = transform.ErrShortDst
	} else if n > 0 && src[n-1] == '\r' && !atEOF {
		// Whether this CR is bare depends on the next byte: leave it for the next call.
		if n--; n == 0 {
			return 0, 0, transform.ErrShortSrc
		}
		err = transform.ErrShortSrc
	}
	for i := bytes.IndexByte(dst[:n], '\r'); i >= 0; {
		if i+1 < len(src) && src[i+1] != '\n' || i+1 == len(src) && atEOF {
			dst[i] = '\n'
		}
		j := bytes.IndexByte(dst[i+1:n], '\r')
		if j < 0 {
			break
		}
		i += 1 + j
	}
	return n, n, err
}
