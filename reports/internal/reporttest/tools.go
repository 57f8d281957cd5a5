package reporttest

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/relmap/relmap/analysis"
)

// RequireTools skips a test that needs an outside tool, or fails it when
// RELMAP_REQUIRE_TOOLS=1 says the tools must be there (CI).
func RequireTools(t *testing.T, format string, args ...any) {
	t.Helper()
	msg := fmt.Sprintf(format, args...)
	if os.Getenv("RELMAP_REQUIRE_TOOLS") == "1" {
		t.Fatal(msg + " (RELMAP_REQUIRE_TOOLS=1)")
	}
	t.Skip(msg + " (set RELMAP_REQUIRE_TOOLS=1 to make this a failure)")
}

// Golden compares got with testdata/name of the test's package, failing the test when they
// differ; with update (the package's -update flag) it writes got there instead.
func Golden(t *testing.T, update bool, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update in its package to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file:\n%s", name, got)
	}
}

// BenchWriter benchmarks write on the Heavy result, reporting the bytes it writes and the
// CPU time it takes, garbage collection included.
func BenchWriter(b *testing.B, write func(w io.Writer, r *analysis.Result) error) {
	r := Heavy()
	b.ReportAllocs()
	var n int
	cpu := CPUTime()
	for b.Loop() {
		cw := &CountingWriter{}
		if err := write(cw, r); err != nil {
			b.Fatal(err)
		}
		n = cw.N
	}
	ReportCPU(b, cpu)
	b.ReportMetric(float64(n), "bytes")
}

// ReportCPU reports the CPU time per op used since start.
func ReportCPU(b *testing.B, start time.Duration) {
	b.ReportMetric(float64(CPUTime()-start)/float64(b.N), "cpu-ns/op")
}

// CountingWriter counts the bytes written to it, and keeps none.
type CountingWriter struct{ N int }

func (c *CountingWriter) Write(p []byte) (int, error) { c.N += len(p); return len(p), nil }
