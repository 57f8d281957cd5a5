package synth

import (
	"math"
	"math/rand/v2"
	"strings"
	"unicode"
)

const day = 86400 // seconds

// Roles, as written in Person.Role.
const (
	roleColleague     = "colleague"
	roleClient        = "client"
	roleProvider      = "provider"
	roleOther         = "other"
	roleNonConnection = "non-connection"
	roleInvitee       = "invitee"
)

// Status labels of SPEC §3.4.
const (
	supporter = "supporter"
	neutral   = "neutral"
	detractor = "detractor"
)

// person is one member of the synthetic network, with what was planted for them.
type person struct {
	first, last string // trimmed; last may carry a credential such as ", MBA"
	slug        string // raw (not percent-encoded), lower case
	company     string
	title       string
	role        string
	connected   bool
	connectedOn int64 // midnight UTC of the Connected On day, connections only
	email       string
	padFirst    bool // written with a trailing space in Connections.csv
	padLast     bool

	high   bool   // planted influence
	hub    bool   // a non-connection in many group threads
	status string // planted status

	rec        bool  // recommended the owner
	endorse    int   // skills endorsed (rows in Endorsement_Received_Info.csv)
	answers    []int // answered 1:1 exchanges in the last 180 days, by length
	detrOld    []int // answered 1:1 exchanges older than 200 days, by length (detractors)
	detrRecent int   // the owner's unanswered 1:1 messages in the last 180 days (detractors)
	detrReply  bool  // one of those got a reply
	cooling    bool
	coolPrev   []int // 1:1 exchanges on distinct days 95–175 days before the export, by length
	coolLast   int   // 1:1 exchanges in the last 90 days (0 or 1)
	inGroups   bool  // a low-influence connection that joins one or two group threads
	history    bool  // needs a connection date at least 400 days before the export

	bridge   int // a target's bridge: its index in gen.people plus one; 0 for everyone else
	bridgeOf int // a bridge's target, index plus one
	bridgeX  int // a bridge's extra answered 1:1 exchanges with the owner, in the last 85 days
	late     int // noise: the owner's 1:1 messages answered after more than 14 days (at most 2)
}

func (p *person) name() string { return p.first + " " + p.last }
func (p *person) url() string  { return profilePrefix + p.slug }

// quiet reports whether recent group threads and recent chatter must leave p alone: a
// planted cooling tie, a supporter whose only evidence is endorsements (+0.4), whom a
// stray cooling signal (−0.2) would turn neutral, or a person whose recent messages are
// answered late on purpose (noise), whose answer rate must stay undefined.
func (p *person) quiet() bool {
	return p.cooling || p.status == supporter && !p.rec && len(p.answers) == 0 || p.late > 0
}

const profilePrefix = "https://www.linkedin.com/in/"

func round(x float64) int { return int(math.Round(x)) }

// shuffled returns a random permutation of xs, leaving xs as it was.
func shuffled(r *rand.Rand, xs []int) []int {
	out := append([]int(nil), xs...)
	r.Shuffle(len(out), func(i, j int) { out[i], out[j] = out[j], out[i] })
	return out
}

// makePeople creates the owner, the companies and every person with a unique name and slug,
// and gives the connections their roles and companies.
func (g *gen) makePeople() {
	r := g.r
	C := g.opt.Connections
	nNon := max(2, round(0.10*float64(C)))
	nInv := max(1, round(0.02*float64(C)))

	cs := append([]string(nil), companyPool...)
	r.Shuffle(len(cs), func(i, j int) { cs[i], cs[j] = cs[j], cs[i] })
	g.ownerCompany = cs[0]
	nClients := 3 + r.IntN(2)
	g.clients = cs[1 : 1+nClients]
	g.providers = cs[1+nClients : 4+nClients]
	g.past = cs[4+nClients : 5+nClients+r.IntN(2)]
	g.others = cs[6+nClients : min(len(cs), 46+nClients)]

	f, l := g.newName()
	g.owner = person{first: f, last: l, company: g.ownerCompany, title: "Head of Partnerships"}
	g.owner.slug = g.newSlug(f, l)

	g.people = make([]person, 0, C+nNon+nInv)
	for range C {
		f, l := g.newName()
		g.people = append(g.people, person{first: f, last: l, connected: true, role: roleOther})
	}
	for range nNon {
		f, l := g.newName()
		g.people = append(g.people, person{first: f, last: l, role: roleNonConnection})
	}
	for range nInv {
		f, l := g.newName()
		g.people = append(g.people, person{first: f, last: l, role: roleInvitee})
	}

	perm := r.Perm(C)
	nCol := round(0.08 * float64(C))
	nCli := round(0.15 * float64(C))
	nPro := round(0.10 * float64(C))
	nEmpty := round(0.05 * float64(C))
	for k, i := range perm {
		p := &g.people[i]
		switch {
		case k < nCol:
			p.role, p.company = roleColleague, g.ownerCompany
		case k < nCol+nCli:
			p.role, p.company = roleClient, g.clients[r.IntN(len(g.clients))]
		case k < nCol+nCli+nPro:
			p.role, p.company = roleProvider, g.providers[r.IntN(len(g.providers))]
		case k < nCol+nCli+nPro+nEmpty:
			p.role = roleOther // company and position left empty, as LinkedIn often does
		default:
			u := r.Float64()
			p.role, p.company = roleOther, g.others[int(float64(len(g.others))*u*u)]
		}
		p.padFirst = r.IntN(100) < 3
		p.padLast = r.IntN(100) < 3
	}
}

// newName draws a given name and surname that no one else in the export has, compared
// case-insensitively and without credentials, so that name matching stays unambiguous.
func (g *gen) newName() (first, last string) {
	r := g.r
	total := 0
	for _, ng := range nameGroups {
		total += ng.weight
	}
	var latin []int
	for i, ng := range nameGroups {
		if ng.latin {
			latin = append(latin, i)
		}
	}
	for attempt := 0; ; attempt++ {
		x := r.IntN(total)
		gi := 0
		for x >= nameGroups[gi].weight {
			x -= nameGroups[gi].weight
			gi++
		}
		ng := nameGroups[gi]
		first = ng.first[r.IntN(len(ng.first))]
		if ng.latin && r.IntN(8) == 0 {
			lg := nameGroups[latin[r.IntN(len(latin))]]
			first = lg.first[r.IntN(len(lg.first))]
		}
		last = ng.last[r.IntN(len(ng.last))]
		if attempt >= 4 || r.IntN(12) == 0 {
			if l2 := ng.last[r.IntN(len(ng.last))]; l2 != last && !strings.Contains(last+l2, "-") {
				last += "-" + l2
			}
		}
		if attempt >= 40 {
			first += " " + string(rune('A'+r.IntN(26))) + "."
		}
		key := strings.ToLower(first + " " + last)
		if !g.names[key] {
			g.names[key] = true
			return first, last
		}
	}
}

// slugBase lower-cases s and keeps letters and digits (non-ASCII included), turning spaces
// and hyphens into single hyphens and dropping everything else.
func slugBase(s string) string {
	var b strings.Builder
	dash := false
	for _, c := range strings.ToLower(s) {
		switch {
		case unicode.IsLetter(c) || unicode.IsDigit(c):
			b.WriteRune(c)
			dash = false
		case c == ' ' || c == '-':
			if b.Len() > 0 && !dash {
				b.WriteByte('-')
				dash = true
			}
		}
	}
	return strings.TrimSuffix(b.String(), "-")
}

// newSlug draws a unique public-profile slug: mostly firstname-lastname-<8 hex>, sometimes a
// shorter hex, the bare name or initial+surname, as LinkedIn vanity URLs are.
func (g *gen) newSlug(first, last string) string {
	base := slugBase(first + " " + last)
	if base == "" {
		base = "member"
	}
	for {
		var s string
		switch x := g.r.IntN(100); {
		case x < 8:
			s = base
		case x < 13:
			fr := []rune(slugBase(first))
			s = strings.ReplaceAll(slugBase(last), "-", "")
			if len(fr) > 0 {
				s = string(fr[0]) + s
			}
		case x < 20:
			s = base + "-" + g.hex(6)
		default:
			s = base + "-" + g.hex(8)
		}
		if s != "" && !g.slugs[s] {
			g.slugs[s] = true
			return s
		}
	}
}

func (g *gen) hex(n int) string {
	const digits = "0123456789abcdef"
	b := make([]byte, n)
	for i := range b {
		b[i] = digits[g.r.IntN(16)]
	}
	return string(b)
}

// asciiFold maps the accented letters of the name pools to ASCII for e-mail addresses.
var asciiFold = strings.NewReplacer(
	"ä", "ae", "ö", "oe", "ü", "ue", "ß", "ss", "æ", "ae", "ø", "o", "å", "a", "ł", "l",
	"đ", "d", "ð", "d", "þ", "th", "ı", "i", "ş", "s", "ğ", "g", "ç", "c",
)

// emailFor makes an address on a reserved example domain, or "" when the name has no Latin
// letters to build one from.
func (g *gen) emailFor(p *person) string {
	fold := func(s string) string {
		s = asciiFold.Replace(strings.ToLower(s))
		var b strings.Builder
		for _, c := range s {
			switch {
			case c >= 'a' && c <= 'z', c == '-':
				b.WriteRune(c)
			case c > 0x7f:
				if base := latinBase(c); base != 0 {
					b.WriteRune(base)
				}
			}
		}
		return b.String()
	}
	f, l := fold(p.first), fold(strings.SplitN(p.last, ",", 2)[0])
	if len(f) < 2 || len(l) < 2 {
		return ""
	}
	domains := []string{"example.com", "example.net", "example.org"}
	return f + "." + l + "@" + domains[g.r.IntN(len(domains))]
}

// latinBase is the unaccented letter of the common precomposed Latin letters, or 0.
func latinBase(c rune) rune {
	for _, a := range accentFold {
		if strings.ContainsRune(a.variants, c) {
			return a.base
		}
	}
	return 0
}

var accentFold = []struct {
	base     rune
	variants string
}{
	{'a', "àáâãāăąảạấầẩẫậắằẳẵặ"},
	{'c', "ćč"},
	{'d', "ď"},
	{'e', "èéêëēėęěẻẽẹếềểễệ"},
	{'i', "ìíîïīįỉị"},
	{'l', "ĺľ"},
	{'n', "ńňñ"},
	{'o', "òóôõōőỏọốồổỗộớờởỡợơ"},
	{'r', "ŕř"},
	{'s', "śš"},
	{'t', "ť"},
	{'u', "ùúûūůűųủụứừửữựư"},
	{'y', "ýÿỳỷỹỵ"},
	{'z', "źżž"},
}
