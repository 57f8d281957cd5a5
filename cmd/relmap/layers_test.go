package main

import (
	"go/build"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// module is the import path of relmap's packages.
const module = "github.com/relmap/relmap"

// layers are the house's rooms, lowest first (issue 18): a package imports only packages of a
// lower layer, or its own sub-packages that sit no higher than it. cmd → reports/pdf →
// reports/chart → reports → analysis/history → analysis → importers → fold; synth beside
// importers (it writes exports, and reads none); bench's tools above everything. reports'
// sub-packages sit above it: the PDFs draw the charts, both build on the root's model and text
// helpers, and the root may import neither. reports/internal/reporttest, the fixtures their
// tests share, sits beside reports and so cannot import it. Every package of the module is in
// one: a new package must be placed here.
var layers = []struct {
	rank int
	dir  string // the package's folder, or a folder of packages (a trailing "/")
}{
	{0, "fold"},
	{1, "importers/win1252"}, {1, "importers/contentline"}, // text encodings and RFC 5545/6350 lines
	{2, "importers/calendar"}, {2, "importers/mail"}, {2, "importers/vcard"}, {2, "importers/slack"},
	{2, "importers/csvtable"}, // the tables' reader: records, headers, rows mapped by csv tags
	{3, "importers"},
	{3, "synth"},
	{4, "analysis"},
	{5, "analysis/history"},
	{6, "reports"},
	{6, "reports/internal/reporttest"}, // test fixtures: beside reports, never importing it
	{7, "reports/chart"},
	{8, "reports/pdf"},
	{9, "cmd/relmap"},
	{10, "bench/"},
}

// rankOf is the layer of the package in dir (slash-separated, relative to the module's root).
func rankOf(dir string) (int, bool) {
	for _, l := range layers {
		if dir == l.dir || strings.HasSuffix(l.dir, "/") && strings.HasPrefix(dir, l.dir) {
			return l.rank, true
		}
	}
	return 0, false
}

// TestImportDirection fails on an import against the house's direction: a package importing
// one of its own layer or above (its own sub-packages of its layer or below aside: reports may
// not import reports/chart), or a package no layer names.
// synth shares importers' layer: neither may import the other.
func TestImportDirection(t *testing.T) {
	root := filepath.Join("..", "..")
	n := 0
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil || !d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		rel = filepath.ToSlash(rel)
		if rel != "." {
			if name := d.Name(); name == "testdata" || strings.HasPrefix(name, ".") {
				return filepath.SkipDir
			}
			if _, err := os.Stat(filepath.Join(path, "go.mod")); err == nil {
				return filepath.SkipDir // a module of its own (cmd/relmap-fold)
			}
		}
		pkg, err := build.ImportDir(path, 0)
		if err != nil {
			return nil // no Go files here
		}
		rank, ok := rankOf(rel)
		if !ok {
			t.Errorf("%s: a package no layer names: place it in layers (layers_test.go)", rel)
			return nil
		}
		n++
		for _, imp := range pkg.Imports {
			dep, ok := strings.CutPrefix(imp, module+"/")
			if !ok {
				continue
			}
			depRank, known := rankOf(dep)
			sub := strings.HasPrefix(dep, rel+"/") && depRank <= rank
			if known && (depRank < rank || sub) {
				continue
			}
			t.Errorf("%s (layer %d) imports %s (layer %d): against the house's direction, cmd → reports/pdf → reports/chart → reports → analysis → importers → fold", rel, rank, dep, depRank)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n < 10 {
		t.Fatalf("read %d packages: the walk missed the module", n)
	}
}
