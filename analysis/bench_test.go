package analysis

import (
	"archive/zip"
	"bytes"
	"testing"
	"time"

	"github.com/relmap/relmap/importers"
	"github.com/relmap/relmap/synth"
)

// loadSynthT is loadSynth for tests.
func loadSynthT(t *testing.T, connections, messages int) *importers.Dataset {
	t.Helper()
	ds, err := synthDataset(connections, messages)
	if err != nil {
		t.Fatal(err)
	}
	return ds
}

// loadSynth loads a synthetic export of the given size, as `relmap run` would read it.
func loadSynth(b *testing.B, connections, messages int) *importers.Dataset {
	b.Helper()
	ds, err := synthDataset(connections, messages)
	if err != nil {
		b.Fatal(err)
	}
	return ds
}

func synthDataset(connections, messages int) (*importers.Dataset, error) {
	var buf bytes.Buffer
	date := time.Date(2026, 3, 14, 0, 0, 0, 0, time.UTC)
	if _, err := synth.Write(&buf, synth.Options{Connections: connections, Messages: messages, Seed: 1, ExportDate: date}); err != nil {
		return nil, err
	}
	zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		return nil, err
	}
	return importers.Load([]importers.Source{{Name: synth.FileName(date), FS: zr}}, importers.Options{})
}

// BenchmarkScoreDemo scores the demo-sized export (500 connections, 4 000 messages).
func BenchmarkScoreDemo(b *testing.B) {
	ds := loadSynth(b, 500, 4000)
	for b.Loop() {
		if _, err := Score(ds, DefaultOptions()); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkScoreHeavy scores a heavy personal export: LinkedIn's cap of 30 000 connections
// and 200 000 messages (SPEC §7).
func BenchmarkScoreHeavy(b *testing.B) {
	ds := loadSynth(b, 30000, 200000)
	for b.Loop() {
		if _, err := Score(ds, DefaultOptions()); err != nil {
			b.Fatal(err)
		}
	}
}
