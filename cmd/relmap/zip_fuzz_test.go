package main

import (
	"archive/zip"
	"bytes"
	"errors"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"testing"

	"github.com/relmap/relmap/importers"
)

// FuzzZip feeds any bytes to the zip walker as a zip input: opened, bounded (checkZip), its
// names slashed and de-duplicated (walkZip), then walked and read by the loader. It must never
// panic; a zip it refuses is an error, never a crash. Seeded with testdata/bad's zips.
// Regression inputs live in testdata/fuzz/FuzzZip.
func FuzzZip(f *testing.F) {
	seeds, _ := filepath.Glob("../../testdata/bad/*/input.zip")
	more, _ := filepath.Glob("../../testdata/linkedin/zips/*.zip")
	for _, p := range append(seeds, more...) {
		if b, err := os.ReadFile(p); err == nil && len(b) < 64<<10 {
			f.Add(b)
		}
	}
	// Small limits: a seed that declares a big entry is refused at once, as in a run, and
	// the fuzzer spends its time on the walk.
	lim := limitsConfig{ZipEntries: 1000, ZipBytes: 8 << 20, ZipRatio: 500}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	f.Fuzz(func(t *testing.T, b []byte) {
		zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
		if err != nil && !errors.Is(err, zip.ErrInsecurePath) {
			return
		}
		if err := walkZip(zr, "fuzz.zip", lim, log); err != nil {
			return
		}
		_, _ = importers.Load([]importers.Source{{Name: "fuzz.zip", FS: zr}}, importers.Options{NoOwner: true, MaxHeap: 1 << 30})
	})
}

// TestCheckZipHugeRatio: a limits.zip_ratio set very high lets every zip through; the product
// of ratio and compressed size once wrapped round and refused a plain stored entry.
func TestCheckZipHugeRatio(t *testing.T) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, err := zw.CreateHeader(&zip.FileHeader{Name: "Connections.csv", Method: zip.Store})
	if err != nil {
		t.Fatal(err)
	}
	w.Write(make([]byte, 17<<20)) // over 16 MiB: the ratio is checked; stored, it is 1:1
	zw.Close()
	zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	if err := checkZip(zr, "x.zip", limitsConfig{ZipRatio: 1 << 62}); err != nil {
		t.Error(err)
	}
}
