package reporttest

import (
	"fmt"
	"os"
	"slices"
	"testing"
	"time"

	"github.com/relmap/relmap/analysis"
)

// The names under test: Latin with diacritics, Greek and Cyrillic; Chinese, Japanese and
// Korean.
var (
	LatinGreekCyrillic = []string{"Zoë Ångström-Nuñez", "Łukasz Żółć", "Νίκος Παπαδόπουλος", "Анна Смирнова"}
	CJKNames           = []string{"王小明", "佐藤花子", "김민준"}
	ScriptNames        = append(slices.Clone(LatinGreekCyrillic), CJKNames...)
)

// CJK fonts of Debian packages, as TrueType files (never copied into the repository).
// Droid Sans Fallback (fonts-droid-fallback) has Chinese and Japanese but no Hangul and no
// Latin letters at all; NanumGothic (fonts-nanum) has Hangul, kana and the Chinese
// characters of Korean (not simplified ones such as 数), most Latin letters (not Å, Ż, ć)
// and Greek without its accented vowels. With Liberation Sans filling their gaps (see
// fallback), Droid draws every name here but the Korean one, Nanum every one.
const (
	DroidFont  = "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf"
	NanumFont  = "/usr/share/fonts/truetype/nanum/NanumGothic.ttf"
	DroidDebPk = "fonts-droid-fallback"
	NanumDebPk = "fonts-nanum"
)

// FontFile reads a font file, skipping the test when it is not installed (failing when
// RELMAP_REQUIRE_TOOLS=1).
func FontFile(t *testing.T, path, pkg string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		RequireTools(t, "%s not found: apt-get install %s to check CJK names in PNG and PDF", path, pkg)
	}
	return b
}

// ScriptsResult ranks a person of each name, spread over every zone, above three fillers;
// intro paths, companies and titles carry the same scripts.
func ScriptsResult() *analysis.Result {
	type spot struct{ status, influence, reach float64 }
	spots := []spot{{0.7, 0.92, 0.8}, {-0.6, 0.85, 0.6}, {0, 0.75, 0.5}, {0.5, 0.3, 0.4},
		{-0.5, 0.2, 0.3}, {0.1, 0.45, 0.7}, {0.85, 0.62, 0.2}, {0.3, 0.08, 0.1}, {-0.15, 0.66, 0.2}, {-0.9, 0.5, 0.1}}
	names := append(slices.Clone(ScriptNames), "Ada Lovelace", "Bob Stone", "Cy Young")
	companies := []string{"Ångström AB", "Żabka Polska", "Αθηναϊκή Ζυθοποιία", "ООО «Ромашка»", "北京数据有限公司", "株式会社さくら", "삼성전자"}
	cats := []string{"stakeholder", "client", "provider", "other team"}
	r := &analysis.Result{
		Ego:           analysis.Ego{ID: "ego", Name: "Maja Novak"},
		AsOf:          time.Date(2026, 3, 14, 0, 0, 0, 0, time.UTC),
		HighInfluence: 0.6, SupporterFrom: 0.25, DetractorFrom: -0.25,
		DormantDays: 90, MinGroup: 1,
	}
	for i, name := range names {
		s := spots[i]
		p := analysis.Person{Rank: i + 1, ID: fmt.Sprintf("p%02d", i+1), Name: name,
			Company: companies[i%len(companies)], Title: "Director", Category: cats[i%len(cats)],
			Status: s.status, Influence: s.influence, Reach: s.reach, Importance: 1 - float64(i)/20, Tie: 1 - float64(i)/20,
			Tier: analysis.Tiers[i%3], Dormant: i%3 == 1,
			LastContact: time.Date(2025, 11, 1+i, 0, 0, 0, 0, time.UTC),
			IntroPaths:  []analysis.IntroPath{{Via: []analysis.Hop{{ID: "p05", Name: "王小明"}}, Strength: 0.5}},
		}
		hi := s.influence >= r.HighInfluence
		switch {
		case hi && s.status >= 0.25:
			p.Zone, p.StatusLabel = "champion", "supporter"
		case hi && s.status <= -0.25:
			p.Zone, p.StatusLabel = "area for improvement", "detractor"
		case hi:
			p.Zone, p.StatusLabel = "key to engage", "neutral"
		case s.status >= 0.25:
			p.Zone, p.StatusLabel = "ally", "supporter"
		case s.status <= -0.25:
			p.Zone, p.StatusLabel = "watch", "detractor"
		default:
			p.Zone, p.StatusLabel = "background", "neutral"
		}
		r.People = append(r.People, p)
	}
	r.Organisations = []analysis.Group{{Name: "北京数据有限公司", People: 3, Influence: 0.5, Zones: map[analysis.Zone]int{"watch": 1}, Statuses: map[analysis.StatusLabel]int{"detractor": 1}}}
	r.Communities = []analysis.Group{{Name: "Анна Смирнова", People: 10, Influence: 0.4, Zones: map[analysis.Zone]int{}, Statuses: map[analysis.StatusLabel]int{}}}
	return r
}
