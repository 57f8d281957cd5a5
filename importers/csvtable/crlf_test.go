package csvtable

import (
	"io"
	"strings"
	"testing"
	"testing/iotest"

	"golang.org/x/text/transform"
)

// A bare CR ends a line wherever it stands, a CRLF stays, and a CR at the end of one read is
// judged by the byte that begins the next (issue 16, item 12: a bare CR once joined two rows).
func TestCRToLF(t *testing.T) {
	for in, want := range map[string]string{
		"a,b\r1,2\n3,4\r\n":   "a,b\n1,2\n3,4\r\n",
		"a\rb\r\nc\r":         "a\nb\r\nc\n",
		"\r\r\n\r":            "\n\r\n\n",
		"no breaks":           "no breaks",
		"x\r\n\r\ny\r\rz\r\n": "x\r\n\r\ny\n\nz\r\n",
	} {
		for name, r := range map[string]io.Reader{"whole": strings.NewReader(in), "byte by byte": iotest.OneByteReader(strings.NewReader(in))} {
			got, err := io.ReadAll(transform.NewReader(r, crToLF{}))
			if err != nil || string(got) != want {
				t.Errorf("%s %q: %q, %v; want %q", name, in, got, err, want)
			}
		}
	}
}
