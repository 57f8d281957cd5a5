package importers_test

import (
	"archive/zip"
	"bytes"
	"testing"
	"time"

	"github.com/relmap/relmap/importers"
	"github.com/relmap/relmap/synth"
)

func benchLoad(b *testing.B, connections, messages int) {
	var buf bytes.Buffer
	date := time.Date(2026, 3, 14, 0, 0, 0, 0, time.UTC)
	if _, err := synth.Write(&buf, synth.Options{Connections: connections, Messages: messages, Seed: 1, ExportDate: date}); err != nil {
		b.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(buf.Len()))
	for b.Loop() {
		if _, err := importers.Load([]importers.Source{{Name: synth.FileName(date), FS: zr}}, importers.Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkLoadDemo reads the demo-sized export (500 connections, 4 000 messages).
func BenchmarkLoadDemo(b *testing.B) { benchLoad(b, 500, 4000) }

// BenchmarkLoadHeavy reads a heavy personal export: 30 000 connections, 200 000 messages.
func BenchmarkLoadHeavy(b *testing.B) { benchLoad(b, 30000, 200000) }
