package csvtable

import (
	"bufio"
	"bytes"
	"io"
	"os"
	"testing"
)

func seedFile(f *testing.F, path string) {
	if b, err := os.ReadFile(path); err == nil {
		f.Add(b)
	}
}

// FuzzRecordReader checks the shared reader against encoding/csv's own promises: it never
// panics, line numbers only grow, and no record exceeds the bounds.
func FuzzRecordReader(f *testing.F) {
	for _, p := range []string{"Connections.csv", "messages.csv", "messages_2026_quoted_variant.csv"} {
		seedFile(f, "../../testdata/linkedin/samples/"+p)
	}
	f.Add([]byte("a,\"b\nc\",d\n\"e\"\"f\",g\r\n\"unterminated,h\ni,j"))
	f.Fuzz(func(t *testing.T, data []byte) {
		r := &recordReader{br: bufio.NewReader(bytes.NewReader(data)), comma: ','}
		last := 0
		for i := 0; i < 10000; i++ {
			rec, line, err := r.Read()
			if err == io.EOF {
				return
			}
			if line <= last {
				t.Fatalf("line %d after %d", line, last)
			}
			last = line
			size := 0
			for _, f := range rec {
				size += len(f)
			}
			if size > maxRecord {
				t.Fatalf("record of %d bytes", size)
			}
		}
	})
}
