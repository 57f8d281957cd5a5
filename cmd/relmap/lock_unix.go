//go:build unix

package main

import (
	"errors"
	"os"
	"syscall"
)

// flock takes an exclusive lock on f, waiting for it when wait is set; errLocked when it is
// held elsewhere and wait is not set. The kernel drops the lock when the process ends, however
// it ends, so a killed run never leaves the folder locked.
func flock(f *os.File, wait bool) error {
	how := syscall.LOCK_EX
	if !wait {
		how |= syscall.LOCK_NB
	}
	for {
		err := syscall.Flock(int(f.Fd()), how)
		switch {
		case errors.Is(err, syscall.EINTR):
			continue
		case errors.Is(err, syscall.EWOULDBLOCK):
			return errLocked
		}
		return err
	}
}

// noFollow makes an open fail on a symbolic link.
const noFollow = syscall.O_NOFOLLOW

// links is how many names (hard links) the file of fi has.
func links(fi os.FileInfo) uint64 {
	if st, ok := fi.Sys().(*syscall.Stat_t); ok {
		return uint64(st.Nlink)
	}
	return 1
}
