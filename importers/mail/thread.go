package mail

import "strconv"

// Threads assigns a thread id to each message, ids[i] being that of msgs[i]. Two messages are in
// one thread when one names the other in In-Reply-To or References, directly or through other
// messages of msgs (union-find). A message whose parents are all unknown — not among msgs —
// starts its own thread, even when it shares an unknown ancestor with another message.
//
// A thread's id is the MessageID of its root, or "line:N" (N its Line) when the root has no
// MessageID. The root is the first message, in the order of msgs, that names no known parent;
// when every message of a thread names one (a reference cycle), it is the first message.
// The result depends only on msgs, never on map order. A Message-ID seen twice refers to its
// first message; the later copy joins that message's thread.
func Threads(msgs []Message) []string {
	byID := make(map[string]int, len(msgs))
	for i, m := range msgs {
		if m.MessageID == "" {
			continue
		}
		if _, ok := byID[m.MessageID]; !ok {
			byID[m.MessageID] = i
		}
	}

	parent := make([]int, len(msgs))
	for i := range parent {
		parent[i] = i
	}
	find := func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	union := func(a, b int) {
		ra, rb := find(a), find(b)
		// The smaller index becomes the representative, so the result does not depend on
		// the order of the unions.
		if ra < rb {
			parent[rb] = ra
		} else if rb < ra {
			parent[ra] = rb
		}
	}

	hasParent := make([]bool, len(msgs))
	for i, m := range msgs {
		if j, ok := byID[m.MessageID]; ok && j != i {
			union(i, j) // a duplicate of an earlier message
		}
		for _, id := range append([]string{m.InReplyTo}, m.References...) {
			if id == "" || id == m.MessageID {
				continue
			}
			if j, ok := byID[id]; ok && j != i {
				union(i, j)
				hasParent[i] = true
			}
		}
	}

	// The root of each set: its first member without a known parent, else its first member.
	root := make(map[int]int, len(msgs))
	for i := range msgs {
		r := find(i)
		cur, seen := root[r]
		switch {
		case !seen:
			root[r] = i
		case hasParent[cur] && !hasParent[i]:
			root[r] = i
		}
	}

	ids := make([]string, len(msgs))
	for i := range msgs {
		m := msgs[root[find(i)]]
		if m.MessageID != "" {
			ids[i] = m.MessageID
		} else {
			ids[i] = "line:" + strconv.Itoa(m.Line)
		}
	}
	return ids
}
