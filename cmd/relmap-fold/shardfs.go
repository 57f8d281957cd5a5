package main

import (
	"context"
	"errors"
	"io"
	"io/fs"
	"path"
	"time"

	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem"
)

// shardFS is an fs.FS holding one file, streamed from Beam's file system for its scheme: how a
// shard reaches importers.ReadInteractions, which reads an fs.FS holding exactly one file named
// path.Base(Source.Name) as that file, named Source.Name. The file is never held whole in memory.
//
// The importers skip a file they cannot open or that fails part-way and count it as a problem,
// as a run does for a damaged export; shardFS keeps the first such error in err, for the
// pipeline to fail the bundle and have the runner retry it instead.
type shardFS struct {
	ctx  context.Context
	fs   filesystem.Interface
	path string // as matched, e.g. gs://bucket/shards/part-0001.csv
	base string
	err  error
}

func newShardFS(ctx context.Context, fsys filesystem.Interface, p string) *shardFS {
	return &shardFS{ctx: ctx, fs: fsys, path: p, base: path.Base(p)}
}

func (s *shardFS) fail(err error) {
	if s.err == nil {
		s.err = err
	}
}

func (s *shardFS) Open(name string) (fs.File, error) {
	switch name {
	case ".":
		return &shardDir{s: s}, nil
	case s.base:
		rc, err := s.fs.OpenRead(s.ctx, s.path)
		if err != nil {
			s.fail(err)
			return nil, &fs.PathError{Op: "open", Path: name, Err: err}
		}
		return &shardFile{s: s, rc: rc}, nil
	}
	return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
}

func (s *shardFS) ReadDir(name string) ([]fs.DirEntry, error) {
	if name != "." {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: fs.ErrNotExist}
	}
	return []fs.DirEntry{fs.FileInfoToDirEntry(fileInfo{name: s.base})}, nil
}

func (s *shardFS) Stat(name string) (fs.FileInfo, error) {
	switch name {
	case ".":
		return fileInfo{name: ".", dir: true}, nil
	case s.base:
		return fileInfo{name: s.base}, nil
	}
	return nil, &fs.PathError{Op: "stat", Path: name, Err: fs.ErrNotExist}
}

type shardFile struct {
	s  *shardFS
	rc io.ReadCloser
}

func (f *shardFile) Read(p []byte) (int, error) {
	n, err := f.rc.Read(p)
	if err != nil && !errors.Is(err, io.EOF) {
		f.s.fail(err)
	}
	return n, err
}

func (f *shardFile) Stat() (fs.FileInfo, error) { return fileInfo{name: f.s.base}, nil }
func (f *shardFile) Close() error               { return f.rc.Close() }

// shardDir is the file system's root, listing the one file.
type shardDir struct {
	s    *shardFS
	done bool
}

func (d *shardDir) Read([]byte) (int, error) {
	return 0, &fs.PathError{Op: "read", Path: ".", Err: errors.New("is a directory")}
}
func (d *shardDir) Stat() (fs.FileInfo, error) { return fileInfo{name: ".", dir: true}, nil }
func (d *shardDir) Close() error               { return nil }

func (d *shardDir) ReadDir(n int) ([]fs.DirEntry, error) {
	if d.done {
		if n > 0 {
			return nil, io.EOF
		}
		return nil, nil
	}
	d.done = true
	return d.s.ReadDir(".")
}

// fileInfo describes the file or the root; sizes and times are not known without a request
// to the store, and the importers do not need them.
type fileInfo struct {
	name string
	dir  bool
}

func (i fileInfo) Name() string { return i.name }
func (i fileInfo) Size() int64  { return 0 }
func (i fileInfo) Mode() fs.FileMode {
	if i.dir {
		return fs.ModeDir | 0o555
	}
	return 0o444
}
func (i fileInfo) ModTime() time.Time { return time.Time{} }
func (i fileInfo) IsDir() bool        { return i.dir }
func (i fileInfo) Sys() any           { return nil }
