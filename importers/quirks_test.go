package importers

import (
	"strings"
	"testing"
	"testing/fstest"

	"golang.org/x/text/encoding/unicode"
)

// Fabricated fixture pieces in the byte shapes FORMAT.md measured.
const (
	qOwner   = "https://www.linkedin.com/in/jordan-pike-1a2b3c"
	qInvite  = "From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl\nJordan Pike,Ana Ruiz,\"3/4/25, 9:07 AM\",,OUTGOING," + qOwner + ",https://www.linkedin.com/in/ana-ruiz\n"
	qConnHdr = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
	qMsgHdr  = "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,DATE,SUBJECT,CONTENT,FOLDER\n"
	qAnaMsg  = "2-a,,Ana Ruiz,https://www.linkedin.com/in/ana-ruiz,Jordan Pike," + qOwner + ",2025-03-05 10:00:00 UTC,,hi,INBOX\n"
)

func utf16le(s string) string {
	out, _ := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().String(s)
	return out
}

// TestFormatQuirks is one case per quirk of FORMAT.md §1–§9 (and §6's address books), each
// with its own fabricated fixture and the one thing it must come out as.
func TestFormatQuirks(t *testing.T) {
	type check func(t *testing.T, ds *Dataset)
	people := func(n int) check {
		return func(t *testing.T, ds *Dataset) {
			if len(ds.People) != n {
				var names []string
				for _, p := range ds.People {
					names = append(names, p.Name)
				}
				t.Errorf("%d people %v, want %d", len(ds.People), names, n)
			}
		}
	}
	messages := func(n int) check {
		return func(t *testing.T, ds *Dataset) {
			if len(ds.Interactions) != n {
				t.Errorf("%d interactions, want %d", len(ds.Interactions), n)
			}
		}
	}
	skipped := func(reason string, n int) check {
		return func(t *testing.T, ds *Dataset) {
			got := 0
			for _, f := range ds.Coverage.Files {
				got += f.Skipped[reason]
			}
			if got != n {
				t.Errorf("skipped as %q: %d, want %d", reason, got, n)
			}
		}
	}
	named := func(name string, want func(Person) bool) check {
		return func(t *testing.T, ds *Dataset) {
			ps := personByName(ds, name)
			if len(ps) != 1 || !want(ps[0]) {
				t.Errorf("%s = %+v", name, ps)
			}
		}
	}
	noProblems := func(t *testing.T, ds *Dataset) {
		if len(ds.Problems) > 0 {
			t.Errorf("problems %v", ds.Problems)
		}
	}
	cases := []struct {
		name  string
		files map[string]string
		check []check
	}{
		{"§1 files at any depth, matched by base name case-insensitively",
			map[string]string{"Export/Deep/CONNECTIONS.CSV": qConnHdr + "Ana,Ruiz,https://www.linkedin.com/in/ana-ruiz,,,,01 Jan 2025", "Invitations.csv": qInvite},
			[]check{people(2), noProblems}},
		{"§1 file-name drift: spaces, capitals and _1 split suffixes",
			map[string]string{"Messages_1.csv": qMsgHdr + qAnaMsg, "Endorsement Received Info.csv": "Endorsement Date,Skill Name,Endorser First Name,Endorser Last Name,Endorsement Status\n2025/01/18 16:02:44 UTC,Go,Ana,Ruiz,ACCEPTED\n", "Invitations.csv": qInvite},
			[]check{people(2), messages(1), noProblems}},
		{"§1 legacy UTF-16LE TSV with every field quoted",
			map[string]string{"Endorsement Received Info.csv": utf16le("\"Endorsement Date\"\t\"Skill Name\"\t\"Endorser First Name\"\t\"Endorser Last Name\"\t\"Endorsement Status\"\t\"Display Status\"\r\n\"2022/01/18 16:02:44 UTC\"\t\"Go\"\t\"Ana\"\t\"Ruiz\"\t\"ACCEPTED\"\t\"VISIBLE\"\r\n"), "Invitations.csv": qInvite},
			[]check{people(2), named("Ana Ruiz", func(p Person) bool { return p.URL != "" }), noProblems}},
		{"§1 a BOM and CRLF from a re-save",
			map[string]string{"Connections.csv": "\uFEFF" + strings.ReplaceAll(qConnHdr+"Ana,Ruiz,https://www.linkedin.com/in/ana-ruiz,,,,01 Jan 2025\n", "\n", "\r\n"), "Invitations.csv": qInvite},
			[]check{people(2), noProblems}},
		{"§1 no final newline",
			map[string]string{"Connections.csv": qConnHdr + "Ana,Ruiz,https://www.linkedin.com/in/ana-ruiz,,,,01 Jan 2025", "Invitations.csv": qInvite},
			[]check{people(2), noProblems}},
		{"§1 every field quoted, empty ones as \"\" (2026 messages)",
			map[string]string{"messages.csv": `"CONVERSATION ID","CONVERSATION TITLE","FROM","SENDER PROFILE URL","TO","RECIPIENT PROFILE URLS","DATE","SUBJECT","CONTENT","FOLDER","ATTACHMENTS"` + "\n" + `"2-a","","Ana Ruiz","https://www.linkedin.com/in/ana-ruiz","Jordan Pike","` + qOwner + `","2026-02-11 07:15:09 UTC","","Morning!` + "\n" + `Two lines.","INBOX",""` + "\n", "Invitations.csv": qInvite},
			[]check{messages(1), noProblems}},
		{"§1 Comments.csv's unquoted CRLF breaks do not disturb the files that are read",
			map[string]string{"Comments.csv": "Date,Link,Message\r\n2024-03-01 10:00:00,https://www.linkedin.com/feed/update/urn:li:activity:1,first line\r\nsecond line, with a comma\r\n", "Invitations.csv": qInvite},
			[]check{people(2), noProblems}},
		{"§1 placeholder files: a header only, or `No conversations found`",
			map[string]string{"guide_messages.csv": strings.TrimSuffix(qMsgHdr, "\n"), "LearningCoachMessages.csv": "No conversations found", "Invitations.csv": qInvite},
			[]check{messages(0), noProblems}},
		{"§2.1 the Notes: preamble before the header",
			map[string]string{"Connections.csv": "Notes:\n\"When exporting your connection data, you may notice that some of the email addresses are missing.\"\n\n" + qConnHdr + "Ana,Ruiz,https://www.linkedin.com/in/ana-ruiz,,,,01 Jan 2025", "Invitations.csv": qInvite},
			[]check{people(2), noProblems}},
		{"§2.1 the pre-2018 header with Address, Websites and Instant Messengers",
			map[string]string{"Connections.csv": "First Name,Last Name,Address,Email Address,Company,Position,Connected On,Websites,Instant Messengers\nAna,Ruiz,,ana@example.com,Contoso,CTO,\"1/1/17, 12:00 AM\",,\n", "Profile.csv": "First Name,Last Name,Headline\nJordan,Pike,x\n"},
			[]check{named("Ana Ruiz", func(p Person) bool { return p.Email == "ana@example.com" && p.Connected }), noProblems}},
		{"§2.1 trailing spaces in names, quoted commas and doubled quotes",
			map[string]string{"Connections.csv": qConnHdr + "Ana ,Ruiz ,https://www.linkedin.com/in/ana-ruiz,,\"Quell, Ostrander\",\"The \"\"Core\"\" Team\",01 Jan 2025", "Invitations.csv": qInvite},
			[]check{named("Ana Ruiz", func(p Person) bool { return p.Company == "Quell, Ostrander" && p.Title == `The "Core" Team` })}},
		{"§2.1 ghost rows in both column eras",
			map[string]string{"Connections.csv": qConnHdr + ",,,,,,07 Jun 2022\n", "old/Connections.csv": "First Name,Last Name,Email Address,Company,Position,Connected On\n,,,,,07 Jun 2020\n", "Invitations.csv": qInvite},
			[]check{skipped(skipGhost, 2), people(2)}},
		{"§2.2 the 2018 Messages.csv: Direction, M/D/YY dates, names only",
			map[string]string{"Messages.csv": "From,To,Date,Subject,Content,Direction,Folder\nJordan Pike,Ana Ruiz,\"10/1/18, 8:02 AM\",,hi,OUTGOING,SENT\nAna Ruiz,Jordan Pike,\"10/1/18, 9:41 AM\",,hello,INCOMING,INBOX\n", "Connections.csv": "First Name,Last Name,Email Address,Company,Position,Connected On\nAna,Ruiz,,Contoso,CTO,\"1/1/18, 12:00 AM\"\n"},
			[]check{people(2), messages(2), named("Ana Ruiz", func(p Person) bool { return p.Connected }), noProblems}},
		{"§2.2 the ~2020 header with ISO dates",
			map[string]string{"messages.csv": "FROM,TO,DATE,SUBJECT,CONTENT,DIRECTION,FOLDER\nAna Ruiz,Jordan Pike,2019-11-06T02:08:20,,hi,INCOMING,INBOX\n", "Profile.csv": "First Name,Last Name,Headline\nJordan,Pike,x\n"},
			[]check{people(2), messages(1), noProblems}},
		{"§2.2 12 columns with draft flags: drafts skipped",
			map[string]string{"messages.csv": strings.TrimSuffix(qMsgHdr, "\n") + ",IS MESSAGE DRAFT,IS CONVERSATION DRAFT\n" + strings.TrimSuffix(qAnaMsg, "\n") + ",No,No\n,,Jordan Pike," + qOwner + ",,,2025-03-20 10:11:12 UTC,,unfinished,,Yes,No\n", "Invitations.csv": qInvite},
			[]check{messages(1), skipped(skipDraft, 1)}},
		{"§2.2 recipients joined by a bare comma, names with \", MBA\"",
			map[string]string{"messages.csv": qMsgHdr + "2-g,Team,Jordan Pike," + qOwner + ",\"Ana Ruiz, MBA,Bo Chan\",\"https://www.linkedin.com/in/ana-ruiz,https://www.linkedin.com/in/bo-chan\",2025-03-05 10:00:00 UTC,,hi all,INBOX\n", "Invitations.csv": qInvite},
			[]check{people(3), func(t *testing.T, ds *Dataset) {
				if len(ds.Interactions) != 1 || len(ds.Interactions[0].To) != 2 {
					t.Errorf("interactions %+v", ds.Interactions)
				}
			}}},
		{"§2.2 LinkedIn Member, sponsored HTML and AI-coach rows are not people",
			map[string]string{"messages.csv": qMsgHdr + qAnaMsg +
				"2-m,,LinkedIn Member,,Jordan Pike," + qOwner + ",2021-06-30 12:00:03 UTC,,hiring?,INBOX\n" +
				"2-s,Premium,Riley from LinkedIn Premium,,Jordan Pike," + qOwner + ",2024-10-01 15:00:00 UTC,Offer,\"<p class=\"\"spinmail-quill-editor__spin-break\"\">Hi %FIRSTNAME%</p>\",SPAM\n" +
				"2-c,,,,Jordan Pike," + qOwner + ",2024-10-01 15:00:00 UTC,,coach,INBOX\n", "Invitations.csv": qInvite},
			[]check{people(2), skipped(skipMember, 1), skipped(skipSponsored, 1), skipped(skipSystem, 1)}},
		{"§2.3 Invitations without profile URLs (2018 → 2023)",
			map[string]string{"Invitations.csv": "From,To,Sent At,Message,Direction\nJordan Pike,Ana Ruiz,\"3/4/22, 9:07 AM\",,OUTGOING\n"},
			[]check{func(t *testing.T, ds *Dataset) {
				if ds.People[ds.Ego].Name != "Jordan Pike" {
					t.Errorf("owner %+v", ds.People[ds.Ego])
				}
			}, people(2)}},
		{"§2.3/§3 a narrow no-break space before AM",
			map[string]string{"Invitations.csv": strings.Replace(qInvite, "9:07 AM", "9:07\u202fAM", 1)},
			[]check{noProblems, people(2)}},
		{"§2.4 endorsements without a URL column (2022) and with a scheme-less URL",
			map[string]string{"Endorsement_Received_Info.csv": "Endorsement Date,Skill Name,Endorser First Name,Endorser Last Name,Endorser Public Url,Endorsement Status\n2025/01/18 16:02:44 UTC,Go,Ana,Ruiz,www.linkedin.com/in/ana-ruiz,ACCEPTED\n", "old/Endorsement_Received_Info.csv": "Endorsement Date,Skill Name,Endorser First Name,Endorser Last Name,Endorsement Status\n2022/01/18 16:02:44 UTC,SQL,Ana,Ruiz,ACCEPTED\n", "Invitations.csv": qInvite},
			[]check{people(2), noProblems}},
		{"§2.5 recommendations: names and company only, zero-padded dates",
			map[string]string{"Recommendations_Received.csv": "First Name,Last Name,Company,Job Title,Text,Creation Date,Status\nAna,Ruiz,Contoso,CTO,\"Great.  Really.\",\"09/14/21, 07:05 PM\",VISIBLE\n", "Connections.csv": qConnHdr + "Ana,Ruiz,https://www.linkedin.com/in/ana-ruiz,,Contoso,CTO,01 Jan 2025", "Invitations.csv": qInvite},
			[]check{people(2), named("Ana Ruiz", func(p Person) bool { return p.Connected }), noProblems}},
		{"§2.6 the 2018 Profile header names the owner",
			map[string]string{"Profile.csv": "First Name,Last Name,Maiden Name,Address,Birth Date,Contact Instructions,Headline,Summary,Industry,Country,Zip Code,Geo Location,Twitter Handles,Websites,Instant Messengers\nJordan,Pike,,,\"Mar 05, 1990\",,Lead,,,,,,[],[],[]\n", "messages.csv": qMsgHdr + qAnaMsg},
			[]check{func(t *testing.T, ds *Dataset) {
				if p := ds.People[ds.Ego]; p.Name != "Jordan Pike" || p.URL != "www.linkedin.com/in/jordan-pike-1a2b3c" {
					t.Errorf("owner %+v", p)
				}
			}}},
		{"§2.7 the position without an end date is the owner's company",
			map[string]string{"Positions.csv": "Company Name,Title,Description,Location,Started On,Finished On\nOld Co,Analyst,,,2015,Sep 2019\nHarbor Analytics,Data Lead,,\"Oslo, Norway\",Sep 2019,\n", "Invitations.csv": qInvite},
			[]check{func(t *testing.T, ds *Dataset) {
				if ds.OwnerCompany != "Harbor Analytics" {
					t.Errorf("owner company %q", ds.OwnerCompany)
				}
			}}},
		{"§3 Excel re-saved dates, Spanish months, `;` delimiter",
			map[string]string{"Connections.csv": "First Name;Last Name;URL;Email Address;Company;Position;Connected On\nAna;Ruiz;https://www.linkedin.com/in/ana-ruiz;;;;7-Jun-22\nBo;Chan;https://www.linkedin.com/in/bo-chan;;;;30-ago-09\n", "Invitations.csv": qInvite},
			[]check{people(3), noProblems}},
		{"§4 one slug percent-encoded, raw, and without a scheme is one person",
			map[string]string{"Connections.csv": qConnHdr + "Zoë,Brandt,https://www.linkedin.com/in/zo%C3%AB-brandt,,,,01 Jan 2025", "messages.csv": qMsgHdr + "2-z,,Zoë Brandt,https://de.linkedin.com/in/zoë-brandt/,Jordan Pike," + qOwner + ",2025-03-05 10:00:00 UTC,,hi,INBOX\n", "Endorsement_Received_Info.csv": "Endorsement Date,Skill Name,Endorser First Name,Endorser Last Name,Endorser Public Url,Endorsement Status\n2025/01/18 16:02:44 UTC,Go,Zoë,Brandt,www.linkedin.com/in/zoë-brandt,ACCEPTED\n", "Invitations.csv": qInvite},
			[]check{people(3), noProblems}},
		{"§4 the owner's URL from Invitations beats the most frequent sender",
			map[string]string{"messages.csv": qMsgHdr + qAnaMsg + strings.Replace(qAnaMsg, "10:00", "11:00", 1) + strings.Replace(qAnaMsg, "10:00", "12:00", 1), "Invitations.csv": qInvite},
			[]check{func(t *testing.T, ds *Dataset) {
				if ds.People[ds.Ego].URL != "www.linkedin.com/in/jordan-pike-1a2b3c" {
					t.Errorf("owner %+v", ds.People[ds.Ego])
				}
			}}},
		{"§9 duplicate header names (as Ad_Targeting.csv has) are read, the first column winning",
			map[string]string{"people.csv": "name,email,email,company,company\nAna Ruiz,ana@example.com,other@example.com,Contoso,Initech\n", "Invitations.csv": qInvite},
			[]check{named("Ana Ruiz", func(p Person) bool { return p.Email == "ana@example.com" && p.Company == "Contoso" }), noProblems}},
		{"§6.1 Google CSV with ` ::: ` multi-values",
			map[string]string{"contacts.csv": "First Name,Middle Name,Last Name,Organization Name,Organization Title,E-mail 1 - Label,E-mail 1 - Value\nAna,,Ruiz,Contoso,CTO,* Work,ana@example.com ::: a.ruiz@example.org\n", "interactions.csv": "time,from,to\n2025-01-02T10:00:00Z,Jordan Pike,a.ruiz@example.org\n", "Invitations.csv": qInvite},
			[]check{named("Ana Ruiz", func(p Person) bool { return p.Company == "Contoso" && p.URL != "" }), messages(1)}},
		{"§6.2 Outlook CSV, every header quoted",
			map[string]string{"contacts.csv": `"First Name","Middle Name","Last Name","Company","Job Title","E-mail Address","E-mail 2 Address"` + "\r\n" + `"Ana","","Ruiz","Contoso","CTO","ana@example.com",""` + "\r\n", "Invitations.csv": qInvite},
			[]check{named("Ana Ruiz", func(p Person) bool { return p.Email == "ana@example.com" && p.Company == "Contoso" })}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			fsys := fstest.MapFS{}
			for name, data := range c.files {
				fsys[name] = &fstest.MapFile{Data: []byte(data)}
			}
			ds, err := Load([]Source{{Name: "q", FS: fsys}}, Options{})
			if err != nil {
				t.Fatal(err)
			}
			for _, ch := range c.check {
				ch(t, ds)
			}
		})
	}
}
