package importers

import (
	"strings"
	"testing"
	"testing/fstest"
)

func TestAsText(t *testing.T) {
	for in, want := range map[string]string{
		"Ana Ruiz":                        "",
		"Zoë Ελένη":                       "",
		"Ben\uFFFE Okafor":                "Ben\uFFFD Okafor",
		"\uFFFF\uFDD0\uFDEF":              "\uFFFD\uFFFD\uFFFD",
		"x\U0001FFFE\U0010FFFF\U0010FFFD": "x\uFFFD\uFFFD\U0010FFFD",
		"Dev \xed\xa0\x80Patel":           "Dev \uFFFDPatel", // an unpaired surrogate, as WTF-8 writes it
		"Jos\xe9":                         "Jos\uFFFD",
	} {
		got, ok := asText(in)
		if want == "" {
			if ok || got != in {
				t.Errorf("asText(%q) = %q, %v; want it unchanged", in, got, ok)
			}
			continue
		}
		if !ok || got != want {
			t.Errorf("asText(%q) = %q, %v; want %q, true", in, got, ok, want)
		}
	}
}

// TestLoadNonCharacters reads people whose names hold non-characters: they are replaced,
// and counted once for each distinct way a file names someone (issue 16, item 6).
func TestLoadNonCharacters(t *testing.T) {
	people := "id,name,email,company\n" +
		"a,Ana Ruiz,ana@example.com,Acme\n" +
		"b,Ben\uFFFE Okafor,ben@example.com,Acme\uFFFF\n" +
		"c,\uFDD0Cai Lin,cai@example.com,Acme\n"
	inter := "from,to,time\n" +
		"ana@example.com,ben@example.com,2025-11-01T10:00:00Z\n" +
		"ana@example.com,cai@example.com,2025-11-02T10:00:00Z\n" +
		"ben@example.com,ana@example.com,2025-11-03T10:00:00Z\n"
	ds, err := Load([]Source{{Name: "in", FS: fstest.MapFS{"people.csv": {Data: []byte(people)}, "interactions.csv": {Data: []byte(inter)}}}}, Options{Me: "ana@example.com"})
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, p := range ds.People {
		names = append(names, p.Name+"|"+p.Company)
		if s := p.Name + p.Company; strings.ContainsAny(s, "\uFFFE\uFFFF\uFDD0") {
			t.Errorf("person %q of %q keeps a non-character", p.Name, p.Company)
		}
	}
	if !strings.Contains(strings.Join(names, ","), "Ben\uFFFD Okafor|Acme\uFFFD") {
		t.Errorf("people %q, want Ben\uFFFD Okafor of Acme\uFFFD", names)
	}
	if ds.Coverage.NotText != 2 {
		t.Errorf("Coverage.NotText = %d, want 2", ds.Coverage.NotText)
	}
}
