package analysis

import (
	"regexp"
	"sort"
	"strings"
	"unicode"

	"golang.org/x/text/cases"
)

// SeniorityRule scores a title phrase: a title matching Phrase as whole words scores Score.
type SeniorityRule struct {
	Phrase string  `yaml:"phrase"`
	Score  float64 `yaml:"score"`
}

// DefaultSeniority is the keyword table of SPEC §3.3 in English, German, French and Spanish,
// gendered forms included. Phrases are matched as whole words after case folding, with
// punctuation read as a space ("Vice-President" is "vice president", "Co-Founder" holds
// "founder").
var DefaultSeniority = []SeniorityRule{
	// C-level, founders, presidents, partners, owners: 1.0.
	{"co founder", 1}, {"ceo", 1}, {"cto", 1}, {"cfo", 1}, {"coo", 1}, {"cmo", 1}, {"cio", 1}, {"ciso", 1}, {"cpo", 1},
	{"cro", 1}, {"cso", 1}, {"cdo", 1}, {"chief executive", 1}, {"founder", 1}, {"cofounder", 1},
	{"president", 1}, {"partner", 1}, {"managing partner", 1}, {"owner", 1}, {"managing director", 1},
	{"geschäftsführer", 1}, {"geschäftsführerin", 1}, {"vorstand", 1}, {"vorstandsvorsitzender", 1},
	{"vorstandsvorsitzende", 1}, {"gründer", 1}, {"gründerin", 1}, {"inhaber", 1}, {"inhaberin", 1},
	{"partnerin", 1}, {"pdg", 1}, {"président", 1}, {"présidente", 1}, {"fondateur", 1},
	{"fondatrice", 1}, {"cofondateur", 1}, {"cofondatrice", 1}, {"associé", 1}, {"associée", 1},
	{"directeur général", 1}, {"directrice générale", 1}, {"director general", 1},
	{"directora general", 1}, {"consejero delegado", 1}, {"consejera delegada", 1}, {"fundador", 1},
	{"fundadora", 1}, {"cofundador", 1}, {"cofundadora", 1}, {"presidente", 1}, {"presidenta", 1},
	{"socio", 1}, {"socia", 1}, {"propietario", 1}, {"propietaria", 1},
	// Vice presidents and heads: 0.85.
	{"vice president", 0.85}, {"vp", 0.85}, {"svp", 0.85}, {"evp", 0.85}, {"avp", 0.85},
	{"head of", 0.85}, {"bereichsleiter", 0.85}, {"bereichsleiterin", 0.85},
	{"vizepräsident", 0.85}, {"vizepräsidentin", 0.85}, {"präsident", 1}, {"präsidentin", 1}, {"vice président", 0.85},
	{"vice présidente", 0.85}, {"vicepresidente", 0.85}, {"vicepresidenta", 0.85},
	// Directors: 0.7.
	{"director", 0.7}, {"directora", 0.7}, {"direktor", 0.7}, {"direktorin", 0.7},
	{"abteilungsleiter", 0.7}, {"abteilungsleiterin", 0.7}, {"directeur", 0.7}, {"directrice", 0.7},
	// Principals, staff, leads and managers: 0.5.
	{"principal", 0.5}, {"staff", 0.5}, {"lead", 0.5}, {"manager", 0.5}, {"managerin", 0.5},
	{"leiter", 0.5}, {"leiterin", 0.5}, {"teamleiter", 0.5}, {"teamleiterin", 0.5},
	{"responsable", 0.5}, {"chef de projet", 0.5}, {"cheffe de projet", 0.5}, {"chef d équipe", 0.5},
	{"cheffe d équipe", 0.5}, {"jefe", 0.5}, {"jefa", 0.5},
	{"gerente", 0.5},
	// Senior: 0.35.
	{"senior", 0.35}, {"sr", 0.35}, {"sénior", 0.35},
}

// chiefOfficer catches the "chief … officer" family without listing every one.
var chiefOfficer = regexp.MustCompile(`(^| )chief( [^ ]+)+ officer( |$)`)

// seniorityScorer scores titles with a rule table, longest phrase first.
type seniorityScorer struct {
	rules []SeniorityRule // folded, longest first
	memo  map[string]seniorityHit
}

// seniorityHit is what match found for a title, kept: a title is matched once however many
// people and team maps carry it (the same scorer serves every team's map).
type seniorityHit struct {
	score  float64
	phrase string
}

var folder = cases.Fold()

func newSeniorityScorer(rules []SeniorityRule) *seniorityScorer {
	s := &seniorityScorer{memo: map[string]seniorityHit{}}
	for _, r := range rules {
		s.rules = append(s.rules, SeniorityRule{Phrase: " " + foldTitle(r.Phrase) + " ", Score: r.Score})
	}
	sort.SliceStable(s.rules, func(a, b int) bool { return len(s.rules[a].Phrase) > len(s.rules[b].Phrase) })
	return s
}

// foldTitle case-folds a title and reads punctuation as spaces, so phrases match whole words.
func foldTitle(t string) string {
	t = folder.String(t) // "Co-CEO" reads "co ceo", so the CEO in it counts
	t = strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return r
		}
		return ' '
	}, t)
	return strings.Join(strings.Fields(t), " ")
}

// score is the seniority of a title in [0,1] (SPEC §3.3): the most senior phrase found, each
// phrase matched as whole words, longest first, a matched phrase's words taken out before
// shorter ones are tried (so "vice president" is never "president"); 0.2 for a title that
// matches nothing and 0.3 for an empty one.
func (s *seniorityScorer) score(title string) float64 {
	score, _ := s.match(title)
	return score
}

// match is score with the phrase that decided it ("" when none did).
func (s *seniorityScorer) match(title string) (float64, string) {
	if h, ok := s.memo[title]; ok {
		return h.score, h.phrase
	}
	score, phrase := s.matchFolded(title)
	s.memo[title] = seniorityHit{score, phrase}
	return score, phrase
}

func (s *seniorityScorer) matchFolded(title string) (float64, string) {
	t := foldTitle(title)
	if t == "" {
		return 0.3, ""
	}
	padded := " " + t + " "
	best, phrase := -1.0, ""
	if m := chiefOfficer.FindString(t); m != "" {
		best, phrase = 1, strings.TrimSpace(m)
	}
	for _, r := range s.rules {
		if !strings.Contains(padded, r.Phrase) {
			continue
		}
		if r.Score > best {
			best, phrase = r.Score, strings.TrimSpace(r.Phrase)
		}
		// Take every occurrence out, one at a time: the phrases carry their spaces, so a second
		// "vice president" right after the first must not be left for "president" to match.
		for strings.Contains(padded, r.Phrase) {
			padded = strings.Replace(padded, r.Phrase, " ", 1)
		}
	}
	if best < 0 {
		return 0.2, ""
	}
	return best, phrase
}
