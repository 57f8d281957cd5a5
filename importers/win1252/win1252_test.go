package win1252

import (
	"bytes"
	"io"
	"strings"
	"testing"

	"golang.org/x/text/transform"
)

func TestString(t *testing.T) {
	for in, want := range map[string]string{
		"Zoë":             "Zoë",      // valid UTF-8 untouched
		"Zo\xeb":          "Zoë",      // Windows-1252 ë
		"\x93quoted\x94":  "“quoted”", // Windows-1252 curly quotes
		"Zoë and Caf\xe9": "Zoë and Café",
		"":                "",
	} {
		if got := String(in); got != want {
			t.Errorf("String(%q) = %q, want %q", in, got, want)
		}
	}
}

// The transformer gives the same text whatever the buffer boundaries, multi-byte runes split
// across them included.
func TestFallbackStream(t *testing.T) {
	in := strings.Repeat("Zoë Caf\xe9 – ok\n", 5000)
	var f Fallback
	out, err := io.ReadAll(transform.NewReader(iotest(strings.NewReader(in)), &f))
	if err != nil {
		t.Fatal(err)
	}
	if want := strings.Repeat("Zoë Café – ok\n", 5000); !bytes.Equal(out, []byte(want)) {
		t.Error("stream differs from the string repair")
	}
	if f.Fixed != 5000 {
		t.Errorf("fixed %d bytes, want 5000", f.Fixed)
	}
}

// iotest returns a reader that hands out 7 bytes at a time.
func iotest(r io.Reader) io.Reader { return &smallReader{r} }

type smallReader struct{ r io.Reader }

func (s *smallReader) Read(p []byte) (int, error) { return s.r.Read(p[:min(len(p), 7)]) }
