package importers

import (
	"errors"
	"fmt"
	"runtime/metrics"
)

// MemoryError reports that what the inputs read so far hold in memory passed Options.MaxHeap:
// Load stops rather than let the machine run out (SPEC §6).
type MemoryError struct {
	File  string // the file being read when the limit was passed, as coverage names it
	Held  uint64 // bytes of live heap at the last garbage collection
	Limit uint64 // Options.MaxHeap
}

// Error names the limit, not what was held: that varies from run to run.
func (e *MemoryError) Error() string {
	return fmt.Sprintf("%s: the inputs read so far hold more than the %s of memory the import may take (half of limits.memory): reading stops here rather than exhaust the machine; raise limits.memory, or give fewer or smaller inputs", e.File, mib(e.Limit))
}

func mib(n uint64) string {
	if n >= 10<<30 {
		return fmt.Sprintf("%d GiB", n>>30)
	}
	return fmt.Sprintf("%d MiB", n>>20)
}

// budgetEvery is how many records are read between two looks at the heap: a look costs well
// under a microsecond, and a record adds at most a few of its fields (each at most 1 MiB) to
// what is held.
const budgetEvery = 256

// heapBudget bounds the live heap while inputs are read (Options.MaxHeap). It reads the heap
// live at the last collection, which the runtime's memory limit (set by cmd/relmap to
// limits.memory, twice MaxHeap, with debug.SetMemoryLimit) keeps recent as the heap grows
// towards it.
type heapBudget struct {
	max    uint64 // 0: no bound
	file   string // being read
	n      int
	sample [1]metrics.Sample
}

func newHeapBudget(max uint64) *heapBudget {
	b := &heapBudget{max: max}
	b.sample[0].Name = "/gc/heap/live:bytes"
	return b
}

// Check returns a *MemoryError once the live heap is over the budget; it looks only every
// budgetEvery calls. A nil budget never stops anything. It is the csvtable.Budget a table
// checks once a record.
func (b *heapBudget) Check() error {
	if b == nil || b.max == 0 {
		return nil
	}
	if b.n++; b.n < budgetEvery {
		return nil
	}
	b.n = 0
	metrics.Read(b.sample[:])
	if b.sample[0].Value.Kind() != metrics.KindUint64 {
		return nil
	}
	if held := b.sample[0].Value.Uint64(); held > b.max {
		return &MemoryError{File: b.file, Held: held, Limit: b.max}
	}
	return nil
}

// overBudget reports whether err ends the whole import: the memory budget is spent.
func overBudget(err error) bool {
	var me *MemoryError
	return errors.As(err, &me)
}
