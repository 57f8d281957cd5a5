package analysis

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// TestSlugBounded: a team name far over the 255 bytes a file name may hold gives a folder
// name well under it, and two such names that differ only at their ends keep apart.
func TestSlugBounded(t *testing.T) {
	long := strings.Repeat("Équipe très longue ", 30)
	a, b := Slug(long+"Nord"), Slug(long+"Sud")
	if len(a) > maxSlug+9 || len(b) > maxSlug+9 {
		t.Errorf("slugs of %d and %d bytes, want at most %d", len(a), len(b), maxSlug+9)
	}
	if a == b {
		t.Errorf("two long names share the slug %q", a)
	}
	if !utf8.ValidString(a) || !strings.HasPrefix(a, "équipe-très-longue-") {
		t.Errorf("slug %q: want the name's start, cut on a rune boundary", a)
	}
	if got := Slug("Sales & Marketing (EMEA)"); got != "sales-marketing-emea" {
		t.Errorf("a short name's slug changed: %q", got)
	}
	if got := Slug("!!!"); got != "team" {
		t.Errorf("Slug(%q) = %q, want team", "!!!", got)
	}
}

// FuzzSlug: whatever the name, its slug is a valid file name of at most maxSlug+9 bytes, never
// empty, and names whose whole slugs differ keep distinct slugs (as far as 32 bits of sha256
// allow).
func FuzzSlug(f *testing.F) {
	for _, s := range []string{"Data", "R&D", "R+D", "Sales & Marketing (EMEA)", "", "   ", "..", "/", "a/b", "\x00",
		"Ventes – Europe", "\xff\xfe", "\u202eevil", "\ufffe", "\u00a0x\u2028y", "con",
		strings.Repeat("x", 300), strings.Repeat("é", 200), strings.Repeat("😀", 100) + "a", strings.Repeat("ab-", 40)} {
		f.Add(s, s+"x")
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		sa, sb := Slug(a), Slug(b)
		for _, s := range []string{sa, sb} {
			switch {
			case s == "" || s == "." || s == "..":
				t.Fatalf("slug %q is no file name", s)
			case len(s) > maxSlug+9:
				t.Fatalf("slug of %d bytes, over %d", len(s), maxSlug+9)
			case !utf8.ValidString(s):
				t.Fatalf("slug %q is not UTF-8", s)
			case strings.HasPrefix(s, "-") || strings.HasSuffix(s, "-") || strings.Contains(s, "--"):
				t.Fatalf("slug %q: stray hyphens", s)
			}
			for _, r := range s {
				if r < 128 && !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-') || r >= 128 && (!unicode.IsGraphic(r) || unicode.IsSpace(r)) {
					t.Fatalf("slug %q holds %U", s, r)
				}
			}
		}
		wa, wb := wholeSlug(a), wholeSlug(b)
		if wa != "" && wb != "" && wa != wb && sa == sb {
			t.Fatalf("%q and %q share the slug %q", a, b, sa)
		}
	})
}
