package main

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing/fstest"

	"github.com/relmap/relmap/analysis"
	"github.com/relmap/relmap/importers"
)

// maxPipeBytes is the most relmap reads from a pipe given as an INPUT. A pipe can be read only
// once, and the loader opens a file more than once (to find its kind, then to read it), so a
// pipe is held in memory whole.
const maxPipeBytes = 256 << 20

// openSpecial opens an INPUT that is neither a folder nor a plain file (os.Stat, which follows
// a link, said so): a named pipe — mkfifo's, or a shell's process substitution <(…), which
// reads as /dev/fd/N — is read once into memory, up to maxPipeBytes; a device (/dev/zero), a
// socket or anything else is refused with what it is, rather than found to hold "no input
// files".
func openSpecial(p string, st fs.FileInfo, lim limitsConfig, log *slog.Logger) ([]importers.Source, func(), error) {
	none := func() {}
	if st.Mode()&fs.ModeNamedPipe == 0 {
		return nil, none, fmt.Errorf("input %s: %s, not a file: relmap reads files, folders and pipes", p, kindOf(st.Mode()))
	}
	f, err := os.Open(p)
	if err != nil {
		return nil, none, fmt.Errorf("input %s: %w", p, unwrapPath(err))
	}
	data, err := io.ReadAll(io.LimitReader(f, maxPipeBytes+1))
	f.Close()
	switch {
	case err != nil:
		return nil, none, fmt.Errorf("input %s: reading the pipe: %w", p, err)
	case len(data) > maxPipeBytes:
		return nil, none, fmt.Errorf("input %s: a pipe holding more than %d MiB: relmap holds a pipe in memory to read it; save it to a file and give that", p, maxPipeBytes>>20)
	case len(data) == 0:
		return nil, none, fmt.Errorf("input %s: an empty pipe: nothing was written to it", p)
	}
	name := filepath.ToSlash(filepath.Clean(p))
	base := path.Base(name)
	ext := strings.ToLower(path.Ext(base))
	if !readable[ext] {
		ext = sniff(data)
		base += ext
	}
	if ext == ".zip" {
		zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
		if err != nil {
			return nil, none, fmt.Errorf("input %s: not a readable zip: %w", p, err)
		}
		if err := walkZip(zr, p, lim, log); err != nil {
			return nil, none, err
		}
		return []importers.Source{{Name: name, FS: pipeFS{zr, digest(data)}}}, none, nil
	}
	// A file system of the one file, named so that its name says its kind; fstest.MapFS
	// serves it as a plain file, read-only.
	return []importers.Source{{Name: name, FS: pipeFS{fstest.MapFS{base: {Data: data, Mode: 0o444}}, digest(data)}}}, none, nil
}

// pipeFS is what was read from a pipe, as a file system, with the sha256 of the bytes read.
type pipeFS struct {
	fs.FS
	sum string
}

func digest(b []byte) string {
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:])
}

// readable are the extensions whose names say what a pipe holds.
var readable = map[string]bool{".csv": true, ".tsv": true, ".xlsx": true, ".zip": true, ".vcf": true, ".vcard": true,
	".ics": true, ".ical": true, ".mbox": true, ".mbx": true}

// sniff says, by its first bytes, what a pipe with no telling name holds: a zip (or an Excel
// workbook, a zip of its own kind), a vCard, iCalendar or mbox file, else a table (CSV).
func sniff(data []byte) string {
	if bytes.HasPrefix(data, []byte("PK\x03\x04")) || bytes.HasPrefix(data, []byte("PK\x05\x06")) {
		if zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data))); err == nil {
			for _, f := range zr.File {
				if f.Name == "xl/workbook.xml" {
					return ".xlsx"
				}
			}
		}
		return ".zip"
	}
	head := strings.ToUpper(strings.TrimLeft(string(data[:min(len(data), 64)]), "\ufeff \t\r\n"))
	switch {
	case strings.HasPrefix(head, "BEGIN:VCARD"):
		return ".vcf"
	case strings.HasPrefix(head, "BEGIN:VCALENDAR"):
		return ".ics"
	case strings.HasPrefix(head, "FROM "):
		return ".mbox"
	}
	return ".csv"
}

// pipeDigests are the digests of the pipes among srcs, by the path they were read from (as an
// absolute path): a pipe cannot be read again to digest the inputs (digestInputs).
func pipeDigests(srcs []importers.Source) map[string]string {
	out := map[string]string{}
	for _, src := range srcs {
		if p, ok := src.FS.(pipeFS); ok {
			out[absPath(filepath.FromSlash(src.Name))] = p.sum
		}
	}
	return out
}

// named is the path an INPUT is read by: the path itself, or, for a link whose own name does
// not say what it holds (/dev/stdin with a file behind it, a link "latest-export") while the
// file it leads to does, that file.
func named(p string) string {
	if st, err := os.Lstat(p); err != nil || st.Mode()&fs.ModeSymlink == 0 || readable[strings.ToLower(filepath.Ext(p))] {
		return p
	}
	if real, err := filepath.EvalSymlinks(p); err == nil && readable[strings.ToLower(filepath.Ext(real))] {
		return real
	}
	return p
}

// inFlags says an error of importers or analysis in the command's words: where it names a
// library option (importers.Options.Me), the flag or config key a user sets instead.
func inFlags(err error) error {
	var me *importers.MeError
	switch {
	case errors.As(err, &me):
		return reworded{err: err, was: me.Error(), now: meText(me)}
	case errors.Is(err, analysis.ErrNoEgo):
		return reworded{err: err, was: analysis.ErrNoEgo.Error(), now: "no one at the centre of the map: name yourself with --me, or map teams with --ego team:NAME"}
	}
	return err
}

// reworded is err with its words was (where err's text holds them) said as now.
type reworded struct {
	err      error
	was, now string
}

func (r reworded) Error() string { return strings.Replace(r.err.Error(), r.was, r.now, 1) }
func (r reworded) Unwrap() error { return r.err }

// meText is what is wrong with --me (or the config's me:), and what to give instead.
func meText(e *importers.MeError) string {
	switch e.Problem {
	case importers.MeMissing:
		return "whose map is this? Name yourself with --me KEY (an id, e-mail, profile URL or name) or me: in the config"
	case importers.MeNoOne:
		return fmt.Sprintf("--me %q matches no one in the inputs: give an id, e-mail, profile URL or name that appears in them", e.Me)
	case importers.MeConnection:
		return fmt.Sprintf("--me %q names %s, a connection in the LinkedIn export, not its owner: beside a LinkedIn export --me names you (give your own e-mail or name), or leave it out", e.Me, e.Connection)
	}
	return fmt.Sprintf("--me %q names %d people: give an e-mail, profile URL or id that is yours alone", e.Me, e.People)
}
