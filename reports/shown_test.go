package reports

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestShown(t *testing.T) {
	long := strings.Repeat("é", MaxShownName)
	for in, want := range map[string]string{
		"":               "",
		"Ana Ruiz":       "Ana Ruiz",
		long:             long,
		long + "x":       strings.Repeat("é", MaxShownName-1) + "…",
		long + long + "": strings.Repeat("é", MaxShownName-1) + "…",
	} {
		if got := Shown(in); got != want {
			t.Errorf("Shown(%d characters) = %d characters %q…, want %d", utf8.RuneCountInString(in), utf8.RuneCountInString(got), got[:min(len(got), 8)], utf8.RuneCountInString(want))
		}
	}
}
