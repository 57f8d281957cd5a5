package reports

import "unicode/utf8"

// MaxShownName is how many characters of a name — a person's, a company's, a title, a
// group's — the report (PDF and HTML) and the plots show: a longer one is cut to its first
// MaxShownName-1 characters and "…". Laying out text costs time in its length, and no real
// name is this long; ranked.csv, ranked.json and the network files keep every name whole.
const MaxShownName = 200

// Shown is s as the report and the plots show it: cut at MaxShownName characters, a longer
// name becoming its first MaxShownName-1 characters and "…". reports/chart and reports/pdf
// cut the names they draw with it, so that every output shows the same.
func Shown(s string) string {
	if len(s) <= MaxShownName || utf8.RuneCountInString(s) <= MaxShownName {
		return s
	}
	n := 0
	for i := range s {
		if n == MaxShownName-1 {
			return s[:i] + "…"
		}
		n++
	}
	return s
}
