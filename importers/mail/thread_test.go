package mail

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestThreads(t *testing.T) {
	tests := []struct {
		name string
		msgs []Message
		want []string
	}{{
		name: "none",
		want: []string{},
	}, {
		name: "In-Reply-To chain, out of order",
		msgs: []Message{
			{Line: 10, MessageID: "c", InReplyTo: "b"},
			{Line: 20, MessageID: "a"},
			{Line: 30, MessageID: "b", InReplyTo: "a"},
			{Line: 40, MessageID: "d", InReplyTo: "c"},
		},
		want: []string{"a", "a", "a", "a"},
	}, {
		name: "References only, parent missing but grandparent known",
		msgs: []Message{
			{Line: 1, MessageID: "a"},
			{Line: 2, MessageID: "c", References: []string{"a", "b-missing"}},
		},
		want: []string{"a", "a"},
	}, {
		name: "unknown parent starts a thread; siblings of an unknown parent stay apart",
		msgs: []Message{
			{Line: 1, MessageID: "x", InReplyTo: "gone"},
			{Line: 2, MessageID: "y", InReplyTo: "gone"},
			{Line: 3, MessageID: "z", InReplyTo: "x"},
		},
		want: []string{"x", "y", "x"},
	}, {
		name: "root without Message-ID",
		msgs: []Message{
			{Line: 7},
			{Line: 9, InReplyTo: ""},
		},
		want: []string{"line:7", "line:9"},
	}, {
		name: "duplicate Message-ID joins the first copy",
		msgs: []Message{
			{Line: 1, MessageID: "a"},
			{Line: 2, MessageID: "b"},
			{Line: 3, MessageID: "a"},
			{Line: 4, MessageID: "r", InReplyTo: "a"},
		},
		want: []string{"a", "b", "a", "a"},
	}, {
		name: "self reference and cycle",
		msgs: []Message{
			{Line: 1, MessageID: "s", InReplyTo: "s"},
			{Line: 2, MessageID: "p", InReplyTo: "q"},
			{Line: 3, MessageID: "q", InReplyTo: "p"},
		},
		want: []string{"s", "p", "p"},
	}, {
		name: "root is the message without a known parent, not the first in the file",
		msgs: []Message{
			{Line: 1, MessageID: "r1", InReplyTo: "r0"},
			{Line: 2, MessageID: "r0"},
		},
		want: []string{"r0", "r0"},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Threads(tt.msgs)
			if diff := cmp.Diff(tt.want, got, cmpOpts...); diff != "" {
				t.Errorf("Threads (-want +got):\n%s", diff)
			}
			// Same input, same output: no map order leaks.
			for range 20 {
				if again := Threads(tt.msgs); !cmp.Equal(got, again, cmpOpts...) {
					t.Fatalf("Threads not deterministic: %v then %v", got, again)
				}
			}
		})
	}
}
