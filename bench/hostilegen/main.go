// Command hostilegen writes the large hostile inputs of issue 16 into a folder, one case a
// sub-folder, for bench/hostile.sh: inputs too big to keep in testdata/bad that once took
// minutes or gigabytes. Each case folder holds the input and an `args` file as testdata/bad's
// cases do ($CASE is the folder).
//
//	go run ./bench/hostilegen DIR
package main

import (
	"archive/zip"
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: hostilegen DIR")
		os.Exit(2)
	}
	dir := os.Args[1]
	for name, write := range cases {
		d := filepath.Join(dir, name)
		if err := os.MkdirAll(d, 0o755); err != nil {
			fail(err)
		}
		args, err := write(d)
		if err != nil {
			fail(fmt.Errorf("%s: %w", name, err))
		}
		if err := os.WriteFile(filepath.Join(d, "args"), []byte(strings.Join(args, "\n")+"\n"), 0o644); err != nil {
			fail(err)
		}
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "hostilegen:", err)
	os.Exit(1)
}

// cases write one input each into their folder and return relmap's arguments for it.
var cases = map[string]func(dir string) ([]string, error){
	// One person whose name is a million characters (PDF wrapping was quadratic: 3 min 52 s).
	"long-name": func(dir string) ([]string, error) {
		var b strings.Builder
		b.WriteString("time,from,to\n")
		for d := 1; d <= 9; d++ {
			fmt.Fprintf(&b, "2026-01-0%dT10:00:00Z,me@x.com,long@x.com\n", d)
		}
		people := "email,name,title\nlong@x.com," + strings.Repeat("Ana ", 250_000) + ",CEO\n"
		return tables(dir, b.String(), people)
	},
	// A vCard with 150 000 EMAIL lines (95 s at 300 000).
	"vcard-emails": func(dir string) ([]string, error) {
		var b strings.Builder
		b.WriteString("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Many Mails\r\n")
		for i := range 150_000 {
			fmt.Fprintf(&b, "EMAIL:m%d@x.com\r\n", i)
		}
		b.WriteString("END:VCARD\r\n")
		p := filepath.Join(dir, "contacts.vcf")
		return []string{p}, os.WriteFile(p, []byte(b.String()), 0o644)
	},
	// A VTIMEZONE with 100 000 observances and 20 000 events (4 min 53 s).
	"vtimezone": func(dir string) ([]string, error) {
		var b strings.Builder
		b.WriteString("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VTIMEZONE\r\nTZID:Hostile\r\n")
		for i := range 100_000 {
			y, d := 1900+i/365, 1+i%28
			fmt.Fprintf(&b, "BEGIN:STANDARD\r\nDTSTART:%04d01%02dT020000\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0000\r\nEND:STANDARD\r\n", y, d)
		}
		b.WriteString("END:VTIMEZONE\r\n")
		for i := range 20_000 {
			fmt.Fprintf(&b, "BEGIN:VEVENT\r\nUID:e%d\r\nDTSTART;TZID=Hostile:20250%d%02dT100000\r\nORGANIZER:mailto:me@x.com\r\nATTENDEE:mailto:a%d@x.com\r\nEND:VEVENT\r\n", i, 1+i%9, 1+i%28, i%50)
		}
		b.WriteString("END:VCALENDAR\r\n")
		p := filepath.Join(dir, "calendar.ics")
		return []string{"--me", "me@x.com", p}, os.WriteFile(p, []byte(b.String()), 0o644)
	},
	// A zip of 8 MB of blank lines (3 min 24 s).
	"zip-blank-lines": func(dir string) ([]string, error) {
		return zipOf(dir, map[string][]byte{"messages.csv": bytes.Repeat([]byte("\n"), 8<<20)})
	},
	// 48 entries of repeated message rows, each under 16 MiB (1.6 GB).
	"zip-repeated-rows": func(dir string) ([]string, error) {
		row := "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,DATE,SUBJECT,CONTENT,FOLDER\n"
		body := []byte(row + strings.Repeat("c1,,Ana Ruiz,https://www.linkedin.com/in/ana,Ben Ode,https://www.linkedin.com/in/ben,2025-01-02 10:00:00 UTC,,hello,INBOX\n", 150_000))
		files := map[string][]byte{}
		for i := range 48 {
			files[fmt.Sprintf("messages_%02d.csv", i)] = body
		}
		return zipOf(dir, files)
	},
}

func tables(dir, interactions, people string) ([]string, error) {
	pi, pp := filepath.Join(dir, "interactions.csv"), filepath.Join(dir, "people.csv")
	if err := os.WriteFile(pi, []byte(interactions), 0o644); err != nil {
		return nil, err
	}
	return []string{"--me", "me@x.com", "interactions=" + pi, "people=" + pp}, os.WriteFile(pp, []byte(people), 0o644)
}

func zipOf(dir string, files map[string][]byte) ([]string, error) {
	p := filepath.Join(dir, "input.zip")
	f, err := os.Create(p)
	if err != nil {
		return nil, err
	}
	zw := zip.NewWriter(f)
	for name, b := range files {
		w, err := zw.Create(name)
		if err != nil {
			return nil, err
		}
		if _, err := w.Write(b); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return []string{p}, f.Close()
}
