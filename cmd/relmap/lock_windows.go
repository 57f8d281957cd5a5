//go:build windows

package main

import (
	"errors"
	"os"

	"golang.org/x/sys/windows"
)

// flock takes an exclusive lock on f, waiting for it when wait is set; errLocked when it is
// held elsewhere and wait is not set. Windows drops the lock when the process ends.
func flock(f *os.File, wait bool) error {
	var how uint32 = windows.LOCKFILE_EXCLUSIVE_LOCK
	if !wait {
		how |= windows.LOCKFILE_FAIL_IMMEDIATELY
	}
	err := windows.LockFileEx(windows.Handle(f.Fd()), how, 0, 1, 0, new(windows.Overlapped))
	if errors.Is(err, windows.ERROR_LOCK_VIOLATION) {
		return errLocked
	}
	return err
}

// noFollow is 0: Windows has no O_NOFOLLOW; openLock checks the file it opened instead.
const noFollow = 0

// links is 1: a lock's other names are not looked for on Windows.
func links(fi os.FileInfo) uint64 { return 1 }
