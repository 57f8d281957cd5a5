package importers

import (
	"errors"
	"fmt"
	"io"
	"regexp"
	"strings"

	"github.com/relmap/relmap/importers/csvtable"
	"github.com/relmap/relmap/importers/vcard"
)

// Address-book exports (SPEC §2.3): Google Contacts CSV in its current and legacy headers and
// Outlook CSV in its desktop and Outlook.com variants. They add people and what is known of
// them — e-mails, company, title — never interactions.
var (
	googleEmail   = regexp.MustCompile(`^e-mail \d+ - value$`)
	outlookEmail  = regexp.MustCompile(`^e-mail( \d+)? address$|^e-mail(-\d+)?-adresse$`)
	contactFields = map[string][]string{ // relmap's field → header names, most specific first
		"first":   {"first name", "given name", "vorname"},
		"middle":  {"middle name", "additional name", "weitere vornamen"},
		"last":    {"last name", "family name", "nachname"},
		"full":    {"name", "file as"},
		"company": {"organization name", "organization 1 - name", "company", "firma"},
		"title":   {"organization title", "organization 1 - title", "job title", "position"},
	}
)

// readAddressBook reads Google or Outlook contacts. Their headers are dynamic (as many
// "E-mail N - Value" columns as the data needs), so columns are found by pattern on the raw
// records instead of through gocsv's fixed struct tags.
func (l *loader) readAddressBook(t *csvtable.Table, fc *FileCoverage) error {
	col := map[string]int{}
	for field, names := range contactFields {
		for _, n := range names {
			if i := indexOf(t.Header, n); i >= 0 {
				col[field] = i
				break
			}
		}
	}
	var emailCols []int
	for i, h := range t.Header {
		if googleEmail.MatchString(h) || outlookEmail.MatchString(h) {
			emailCols = append(emailCols, i)
		}
	}
	get := func(rec []string, field string) string {
		if i, ok := col[field]; ok {
			return strings.TrimSpace(rec[i])
		}
		return ""
	}
	for {
		rec, line, err := t.Next()
		if err != nil {
			if rowErr, ok := err.(*RowError); ok {
				t.Skipped = append(t.Skipped, rowErr)
				continue
			}
			if errors.Is(err, io.EOF) {
				return nil
			}
			return err
		}
		fc.Rows++
		name := strings.Join(strings.Fields(strings.Join([]string{get(rec, "first"), get(rec, "middle"), get(rec, "last")}, " ")), " ")
		if name == "" {
			name = get(rec, "full")
		}
		var emails []string
		for _, i := range emailCols {
			for _, e := range strings.Split(rec[i], ":::") { // Google joins several values with " ::: "
				if e = NormalizeEmail(e); e != "" {
					emails = append(emails, e)
				}
			}
		}
		if name == "" && len(emails) == 0 {
			fc.Skipped[skipNoPerson]++
			continue
		}
		if n := len(emails); n > vcard.MaxValues { // as a vCard: an attack, not a person
			l.problems = append(l.problems, &RowError{File: fc.Name, Line: line, Column: "record",
				Err: fmt.Errorf("%d e-mails left out: a contact keeps the first %d", n-vcard.MaxValues, vcard.MaxValues)})
			emails = emails[:vcard.MaxValues]
		}
		m := mention{name: name, company: get(rec, "company"), title: get(rec, "title"), src: fromContacts}
		first := -1
		if len(emails) == 0 {
			first = l.res.add(m)
		}
		for _, e := range emails { // one mention per address, all one person
			m.email = e
			h := l.res.add(m)
			if first < 0 {
				first = h
			}
			l.res.link(first, h)
		}
		fc.Used++
	}
}

func indexOf(xs []string, x string) int {
	for i, y := range xs {
		if y == x {
			return i
		}
	}
	return -1
}

// card adds a vCard's person with every e-mail and profile URL it lists, never interactions.
func (l *loader) card(c vcard.Contact, fc *FileCoverage) {
	fc.Rows++
	if c.Cut > 0 {
		l.problems = append(l.problems, &RowError{File: fc.Name, Line: c.Line, Column: "record",
			Err: fmt.Errorf("%d e-mails, URLs or categories left out: a card keeps the first %d of each", c.Cut, vcard.MaxValues)})
	}
	var urls []string
	for _, u := range c.URLs {
		if strings.Contains(strings.ToLower(u), "linkedin.com/in/") {
			urls = append(urls, u)
		}
	}
	if c.Name == "" && len(c.Emails) == 0 && len(urls) == 0 {
		fc.Skipped[skipNoPerson]++
		return
	}
	// The card's own keys, linked to each other only: a card with none is its name alone.
	var handles []int
	for _, e := range c.Emails {
		handles = append(handles, l.res.add(mention{name: c.Name, email: e, company: c.Org, title: c.Title, src: fromContacts}))
	}
	for _, u := range urls {
		handles = append(handles, l.res.add(mention{name: c.Name, url: u, company: c.Org, title: c.Title, src: fromContacts}))
	}
	if len(handles) == 0 {
		handles = append(handles, l.res.add(mention{name: c.Name, company: c.Org, title: c.Title, src: fromContacts}))
	}
	for _, h := range handles[1:] {
		l.res.link(handles[0], h)
	}
	fc.Used++
}
