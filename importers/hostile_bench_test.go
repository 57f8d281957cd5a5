package importers_test

import (
	"bytes"
	"fmt"
	"testing"
	"testing/fstest"

	"github.com/relmap/relmap/importers"
)

// BenchmarkBlankLines reads 16 MiB of line breaks, the entry of a zip of blank lines
// (issue 16): every byte is scanned once, a buffer's run at a time.
func BenchmarkBlankLines(b *testing.B) {
	fsys := fstest.MapFS{"Connections.csv": &fstest.MapFile{Data: bytes.Repeat([]byte("\r\n"), 8<<20)}}
	b.SetBytes(16 << 20)
	for b.Loop() {
		importers.Load([]importers.Source{{Name: "x", FS: fsys}}, importers.Options{}) // no header: an error
	}
}

// BenchmarkRepeatedFiles reads one messages file of 20 000 rows under 8 names: the copies are
// let go as they are read (B/op and the heap stay those of one file's rows).
func BenchmarkRepeatedFiles(b *testing.B) {
	var buf bytes.Buffer
	buf.WriteString("CONVERSATION ID,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,DATE,CONTENT,FOLDER\n")
	for i := range 20000 {
		fmt.Fprintf(&buf, "c%d,Maren Holtby,https://www.linkedin.com/in/maren,Jordan Pike,https://www.linkedin.com/in/jordan,2025-03-%02d 09:%02d:07 UTC,hi,INBOX\n", i%90, 1+i%28, i%60)
	}
	fsys := fstest.MapFS{}
	for i := range 8 {
		fsys[fmt.Sprintf("messages_%d.csv", i)] = &fstest.MapFile{Data: buf.Bytes()}
	}
	b.SetBytes(int64(8 * buf.Len()))
	for b.Loop() {
		if _, err := importers.Load([]importers.Source{{Name: "x", FS: fsys}}, importers.Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
