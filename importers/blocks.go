package importers

import "slices"

// blockSize is how many values one block of a blocks holds.
const blockSize = 1 << 14

// blocks holds values in blocks of blockSize, so that millions of them are never copied to
// grow one slice, and each block can be let go once used (release).
type blocks[T any] struct {
	blocks [][]T
	n      int
}

func (b *blocks[T]) add(v T) {
	if b.n%blockSize == 0 {
		b.blocks = append(b.blocks, make([]T, 0, blockSize))
	}
	last := &b.blocks[len(b.blocks)-1]
	*last = append(*last, v)
	b.n++
}

// at is the i-th value added; its block must not have been released.
func (b *blocks[T]) at(i int) *T { return &b.blocks[i/blockSize][i%blockSize] }

// releaseBefore lets go of the block before the i-th value's when i begins a block: called
// for every i of an ordered pass, it frees each block once the pass has left it.
func (b *blocks[T]) releaseBefore(i int) {
	if i > 0 && i%blockSize == 0 {
		b.blocks[i/blockSize-1] = nil
	}
}

// appendTo appends the values to dst, in order, and empties b.
func (b *blocks[T]) appendTo(dst []T) []T {
	dst = slices.Grow(dst, b.n)
	for _, blk := range b.blocks {
		dst = append(dst, blk...)
	}
	*b = blocks[T]{}
	return dst
}
