package analysis

import (
	"strings"

	"github.com/relmap/relmap/importers"
)

// rules resolves the config's lists against the people: company aliases, clients and
// providers, the team, and the ignore rules.
func (s *scorer) rules() {
	s.aliases = map[string]string{}
	for canon, spellings := range s.opt.Aliases {
		c := importers.NormalizeCompany(canon)
		for _, sp := range spellings {
			s.aliases[importers.NormalizeCompany(sp)] = c
		}
	}
	set := func(names []string) map[string]bool {
		m := map[string]bool{}
		for _, n := range names {
			m[s.company(n)] = true
		}
		return m
	}
	s.clients, s.providers = set(s.opt.Clients), set(s.opt.Providers)

	s.team = make([]bool, s.n)
	s.ignored = make([]bool, s.n)
	keys := map[string]bool{}
	team := s.opt.Team
	if s.group {
		team = nil // the config's team is the single ego's; a team map's team is its ego
	}
	for _, k := range team {
		for _, form := range keyForms(k) {
			keys[form] = true
		}
	}
	names, companies := map[string]bool{}, map[string]bool{}
	for _, n := range s.opt.Ignore.Names {
		names[importers.NormalizeName(n)] = true
	}
	for _, c := range s.opt.Ignore.Companies {
		companies[s.company(c)] = true
	}
	var titleWords []string
	for _, w := range s.opt.Ignore.Titles {
		if w = foldTitle(w); w != "" {
			titleWords = append(titleWords, " "+w+" ")
		}
	}
	egoTeam := ""
	if s.ego >= 0 && !s.group {
		egoTeam = strings.ToLower(strings.TrimSpace(s.ds.People[s.ego].Team))
	}
	for i, p := range s.ds.People {
		if i == s.ego {
			continue
		}
		s.ignored[i] = p.Declared.Ignore
		if egoTeam != "" && strings.ToLower(strings.TrimSpace(p.Team)) == egoTeam {
			s.team[i] = true
		}
		if len(keys) > 0 {
			for _, form := range append([]string{p.ID, importers.NormalizeName(p.Name)}, p.Keys...) {
				if form != "" && keys[form] {
					s.team[i] = true
				}
			}
		}
		if len(names) > 0 && names[importers.NormalizeName(p.Name)] || len(companies) > 0 && p.Company != "" && companies[s.company(p.Company)] {
			s.ignored[i] = true
		}
		if len(titleWords) > 0 {
			title := " " + foldTitle(p.Title) + " "
			for _, w := range titleWords {
				if strings.Contains(title, w) {
					s.ignored[i] = true
				}
			}
		}
		// The user's own word wins (SPEC §2.2).
		switch declared := p.Declared.Team; {
		case s.group:
		case declared == "yes":
			s.team[i] = true
		case declared == "no":
			s.team[i] = false
		}
	}
}

// keyForms is what a person key from the config may be: an id, an e-mail, a profile URL or a
// name, each in the form people carry it.
func keyForms(k string) []string {
	forms := []string{strings.TrimSpace(k), strings.ToLower(strings.TrimSpace(k)), importers.NormalizeName(k)}
	if e := importers.NormalizeEmail(k); e != "" {
		forms = append(forms, e)
	}
	if strings.Contains(k, "/") {
		forms = append(forms, importers.NormalizeURL(k))
	}
	return forms
}
