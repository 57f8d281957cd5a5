package csvtable

// The reference implementations the fast paths replaced, kept to check them against: the
// record reader that handed every record to encoding/csv, gocsv's mapping and the
// Windows-1252 fallback without its UTF-8 fast path. (Those of dates and names are importers'.)

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io"
	"math/rand/v2"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/gocarina/gocsv"
	"github.com/relmap/relmap/importers/win1252"
	"golang.org/x/text/transform"
)

// oldRecordReader is the reader before its fast path, kept to check it against: it splits a decoded stream into records as encoding/csv with LazyQuotes does, but
// one physical line at a time: a record is the lines it takes to close its quotes. When the
// quotes never close within maxRecord bytes (or before the end), the first line alone is
// reported and skipped and the lines after it are read again as records of their own.
type oldRecordReader struct {
	br      *bufio.Reader
	comma   byte
	line    int        // physical lines read so far
	pending []oldPline // lines read ahead and given back
	width   int        // fields of a record, once the header is known; 0 before

	// deadEnd is the last line a failed look-ahead reached. A quote opened before it that does
	// not close on its own line is given up on at once: the look-ahead already found no end
	// there, and looking again from every such line would cost quadratic time.
	deadEnd int
}

// oldPline is one physical line without its line break.
type oldPline struct {
	text    string
	n       int // 1-based physical line number
	tooLong bool
}

func (r *oldRecordReader) readLine() (oldPline, error) {
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
			return oldPline{}, err
		}
		break
	}
	r.line++
	s := strings.TrimSuffix(strings.TrimSuffix(string(b), "\n"), "\r")
	return oldPline{text: s, n: r.line, tooLong: tooLong}, nil
}

// oldQuoteState is where a scan of a record's text stands.
type oldQuoteState struct{ inQuotes, fieldStart bool }

// scan follows encoding/csv's LazyQuotes rules over one line: a quote opens a quoted field only
// at the start of a field; inside one, "" is a quote and a quote closes the field only before
// a delimiter or the end of the line.
func (r *oldRecordReader) scan(s string, st oldQuoteState) oldQuoteState {
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
func (r *oldRecordReader) Read() ([]string, int, error) {
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
	lines := []oldPline{first}
	size := len(first.text)
	st := r.scan(first.text, oldQuoteState{fieldStart: true})
	if st.inQuotes && first.n < r.deadEnd {
		return nil, first.n, errUnterminated
	}
	for st.inQuotes {
		next, err := r.readLine()
		if err == nil && !next.tooLong && size+len(next.text)+1 <= maxRecord {
			lines = append(lines, next)
			size += len(next.text) + 1
			st = r.scan(next.text, oldQuoteState{inQuotes: true})
			continue
		}
		if err == nil {
			lines = append(lines, next)
		}
		if len(lines) == 1 {
			break // the last line of the file: let the reader take it as it is
		}
		r.deadEnd = max(r.deadEnd, lines[len(lines)-1].n)
		r.pending = append(append([]oldPline(nil), lines[1:]...), r.pending...)
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
		r.pending = append(append([]oldPline(nil), lines[1:]...), r.pending...)
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

// readAll reads every record, line and error from a reader.
func readAll(read func() ([]string, int, error)) []string {
	var out []string
	for i := 0; i < 100000; i++ {
		rec, line, err := read()
		if err == io.EOF {
			break
		}
		out = append(out, fmt.Sprintf("%d %q %v", line, rec, err))
	}
	return out
}

func sameRecords(t *testing.T, data []byte, comma byte, width int) {
	t.Helper()
	for _, size := range []int{16, 4096} {
		want := readAll((&oldRecordReader{br: bufio.NewReaderSize(bytes.NewReader(data), size), comma: comma, width: width}).Read)
		got := readAll((&recordReader{br: bufio.NewReaderSize(bytes.NewReader(data), size), comma: comma, width: width}).Read)
		if !slices.Equal(got, want) {
			t.Fatalf("%q (comma %q, width %d, buffer %d):\n got %q\nwant %q", data, comma, width, size, got, want)
		}
	}
}

// FuzzRecordReaderSame checks the fast reader against the reference: the same records, lines
// and errors for any input.
func FuzzRecordReaderSame(f *testing.F) {
	for _, p := range []string{"Connections.csv", "messages.csv", "messages_2026_quoted_variant.csv"} {
		seedFile(f, "../../testdata/linkedin/samples/"+p)
	}
	for _, s := range sameSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, comma := range []byte{',', ';', '\t'} {
			for _, width := range []int{0, 1, 3} {
				sameRecords(t, data, comma, width)
			}
		}
	})
}

var sameSeeds = []string{
	"a,\"b\nc\",d\n\"e\"\"f\",g\r\n\"unterminated,h\ni,j",
	"\r\n\r\r\n\r\ra\r\r\n\"x\r\r\ny\r\",z\n",
	"\"a\"b,\"c\"\"\",\"\"\n\"\",,\"\n\"\n\"\n,\"",
	"a\x00,\xc3,\xa9,\"\xc3\",\"\xa9\"\n\xff\xfe,x",
	"\"a\nb\"c\nd\",e\n\"f\n\"\"\ng\",h",
}

func TestRecordReaderSame(t *testing.T) {
	for _, s := range sameSeeds {
		for _, comma := range []byte{',', ';', '\t'} {
			for _, width := range []int{0, 1, 3} {
				sameRecords(t, []byte(s), comma, width)
			}
		}
	}
	long := strings.Repeat("x", maxRecord+10)
	sameRecords(t, []byte("a,b\n"+long+"\n\"c\n"+long+"\nd\"\ne,f"), ',', 2)
}

// gocsvRow maps one record onto a new rt as EachRow once did with gocsv; it returns a *rt.
func gocsvRow(rt reflect.Type, header, rec []string) (reflect.Value, error) {
	out := reflect.New(reflect.SliceOf(reflect.PointerTo(rt)))
	if err := gocsv.UnmarshalCSV(&records{rows: [][]string{firstWins(header), rec}}, out.Interface()); err != nil {
		return reflect.Value{}, err
	}
	return out.Elem().Index(0), nil
}

// records hands prepared records to gocsv.
type records struct {
	rows [][]string
	i    int
}

func (r *records) Read() ([]string, error) {
	if r.i >= len(r.rows) {
		return nil, io.EOF
	}
	r.i++
	return r.rows[r.i-1], nil
}

func (r *records) ReadAll() ([][]string, error) {
	rest := r.rows[r.i:]
	r.i = len(r.rows)
	return rest, nil
}

func sameMapping(t *testing.T, rng *rand.Rand, name string, rt reflect.Type) {
	var names []string
	for i := range rt.NumField() {
		names = append(names, rt.Field(i).Tag.Get("csv"))
	}
	names = append(names, "x", "", "email", "from")
	for range 200 {
		var header, rec []string
		for j := range rng.IntN(8) {
			h := names[rng.IntN(len(names))]
			switch rng.IntN(5) {
			case 0:
				h = "\u200b" + h
			case 1:
				h += "\ufeff"
			case 2:
				h = strings.ToUpper(h)
			}
			header = append(header, h)
			rec = append(rec, fmt.Sprint("v", j))
		}
		want, err := gocsvRow(rt, header, rec)
		if err != nil {
			t.Fatal(err)
		}
		got := reflect.New(rt)
		v := got.Elem()
		for _, c := range columnsOf(rt, firstWins(header)) {
			v.Field(c.field).SetString(rec[c.col])
		}
		if !reflect.DeepEqual(got.Interface(), want.Interface()) {
			t.Fatalf("%s, header %q:\n got %+v\nwant %+v", name, header, got.Interface(), want.Interface())
		}
	}
}

// rowTypes are importers' row types (the struct types of ../*.go whose fields have csv tags),
// by name, each made again with reflect.StructOf: the same fields, of the same types, with the
// same tags, and so mapped the same.
func rowTypes(t *testing.T) map[string]reflect.Type {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("..", "*.go"))
	if err != nil {
		t.Fatal(err)
	}
	types := map[string]reflect.Type{}
	fset := token.NewFileSet()
	for _, file := range files {
		if strings.HasSuffix(file, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, file, nil, parser.SkipObjectResolution)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			ts, ok := n.(*ast.TypeSpec)
			if !ok {
				return true
			}
			st, ok := ts.Type.(*ast.StructType)
			if !ok {
				return true
			}
			var fields []reflect.StructField
			tagged := false
			for _, fl := range st.Fields.List {
				var tag string
				if fl.Tag != nil {
					tag, _ = strconv.Unquote(fl.Tag.Value)
				}
				tagged = tagged || reflect.StructTag(tag).Get("csv") != ""
				for _, id := range fl.Names {
					if typ, ok := fl.Type.(*ast.Ident); !ok || typ.Name != "string" || !id.IsExported() {
						return false // not a struct of exported strings: not a row
					}
					fields = append(fields, reflect.StructField{Name: id.Name, Type: reflect.TypeFor[string](), Tag: reflect.StructTag(tag)})
				}
			}
			if tagged {
				types[ts.Name.Name] = reflect.StructOf(fields)
			}
			return false
		})
	}
	return types
}

// TestColumnsOfSame checks the column mapping against gocsv's for every row type of importers.
func TestColumnsOfSame(t *testing.T) {
	rows := rowTypes(t)
	rng := rand.New(rand.NewPCG(1, 2))
	for _, name := range []string{"connectionRow", "messageRow", "invitationRow", "endorsementRow", "recommendationRow",
		"profileRow", "contactRow", "positionRow", "peopleRow", "interactionRow", "tieRow", "annotationRow"} {
		rt, ok := rows[name]
		if !ok {
			t.Fatalf("importers has no row type %s", name)
		}
		delete(rows, name)
		sameMapping(t, rng, name, rt)
	}
	for name := range rows {
		t.Errorf("importers' row type %s is not checked: add it to TestColumnsOfSame", name)
	}
}

// TestRowCopies checks the copies of importers' rows these tests map against the rows
// themselves.
func TestRowCopies(t *testing.T) {
	rows := rowTypes(t)
	for name, copied := range map[string]reflect.Type{"connectionRow": reflect.TypeFor[connectionRow](), "interactionRow": reflect.TypeFor[interactionRow]()} {
		rt := rows[name]
		if rt == nil || rt.NumField() != copied.NumField() {
			t.Errorf("%s: the copy has other fields than importers' %v", name, rt)
			continue
		}
		for i := range rt.NumField() {
			if f, c := rt.Field(i), copied.Field(i); f.Name != c.Name || f.Type != c.Type || f.Tag != c.Tag {
				t.Errorf("%s: field %s %s, importers' is %s %s", name, c.Name, c.Tag, f.Name, f.Tag)
			}
		}
	}
}

// FuzzUTF8FirstSame checks utf8First against the fallback it speeds up: the same text and the
// same count of bytes fixed, whatever the chunks.
func FuzzUTF8FirstSame(f *testing.F) {
	f.Add([]byte("Zoë, Ångström\xe9\xc3\xa9 \xf0\x9f\x98\x80\xf0\x9f\x98 x\xc3"), 3)
	f.Add([]byte("plain ascii, \"quoted\"\n"), 1)
	f.Fuzz(func(t *testing.T, data []byte, chunk int) {
		chunk = 1 + min(max(chunk, 0), 64)%64
		read := func(tr transform.Transformer) []byte {
			b, err := io.ReadAll(transform.NewReader(iotest.HalfReader(&chunked{data, chunk}), tr))
			if err != nil {
				t.Fatal(err)
			}
			return b
		}
		var a, b win1252.Fallback
		want, got := read(&a), read(utf8First{&b})
		if !bytes.Equal(got, want) || a.Fixed != b.Fixed {
			t.Fatalf("%q: got %q (%d fixed), want %q (%d fixed)", data, got, b.Fixed, want, a.Fixed)
		}
	})
}

// chunked reads at most n bytes at a time.
type chunked struct {
	b []byte
	n int
}

func (c *chunked) Read(p []byte) (int, error) {
	if len(c.b) == 0 {
		return 0, io.EOF
	}
	k := copy(p[:min(len(p), c.n)], c.b)
	c.b = c.b[k:]
	return k, nil
}

// interactionRow is importers' row of a generic interactions file (TestRowCopies).
type interactionRow struct {
	Time         string `csv:"time"`
	From         string `csv:"from"`
	To           string `csv:"to"`
	CC           string `csv:"cc"`
	Channel      string `csv:"channel"`
	Conversation string `csv:"conversation"`
	Weight       string `csv:"weight"`
	Sentiment    string `csv:"sentiment"`
	Duration     string `csv:"duration_min"`
}

// matchInteractions accepts the header of an interactions file, as importers' matchGeneric
// does.
func matchInteractions(h []string) (string, bool) {
	for _, c := range []string{"time", "from", "to"} {
		if !slices.Contains(h, c) {
			return "", false
		}
	}
	return "interactions", true
}

// BenchmarkMapRows maps the rows of a 100 000-row interactions file onto interactionRow with
// gocsv (encoding/csv's reader, UnmarshalToCallback) and with Open and EachRow, which also
// find the header, decode the text and keep each row's line: the figures behind keeping
// EachRow (see its doc).
func BenchmarkMapRows(b *testing.B) {
	var buf bytes.Buffer
	buf.WriteString("time,from,to,cc,channel,conversation,weight,sentiment,duration_min\n")
	for i := range 100_000 {
		fmt.Fprintf(&buf, "2026-03-%02dT09:%02d:00Z,e%05d@example.com,e%05d@example.com;e%05d@example.com,,email,c%d,,,\n",
			1+i%28, i%60, i%5000, (i*7)%5000, (i*13)%5000, i/3)
	}
	data := buf.Bytes()
	b.Run("gocsv", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		for range b.N {
			n := 0
			if err := gocsv.UnmarshalToCallback(bytes.NewReader(data), func(r interactionRow) { n += len(r.From) }); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("EachRow", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		for range b.N {
			t, _, err := Open("i.csv", bytes.NewReader(data), matchInteractions)
			if err != nil {
				b.Fatal(err)
			}
			n := 0
			if err := EachRow(t, func(line int, r *interactionRow) { n += len(r.From) }); err != nil {
				b.Fatal(err)
			}
		}
	})
}
