package reports

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"html"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/relmap/relmap/analysis"
	"github.com/relmap/relmap/reports/internal/reporttest"
)

// orgTeams is a fabricated organisation: teams of three departments, names that look like
// formulas, a non-ASCII name and folder, a team with no department, teams with and without a
// report.html, and one with more areas for improvement than index.html names.
func orgTeams() []Team {
	zones := func(c, a, k, al, w, b int) map[analysis.Zone]int {
		return map[analysis.Zone]int{"champion": c, "area for improvement": a, "key to engage": k, "ally": al, "watch": w, "background": b}
	}
	return []Team{
		{Name: "=Data", Folder: "data", Department: "Engineering", Members: 12, Ranked: 40, LeftOut: 3, Zones: zones(2, 5, 3, 4, 1, 25),
			TopAreas: []string{"Zoë Brandt-Ilić", "-Bo Chan", "@Ana Ruiz"}, Report: true},
		{Name: "Équipe Données", Folder: "équipe-données", Department: "Engineering", Members: 4, Ranked: 9, Zones: zones(0, 1, 0, 2, 0, 6),
			TopAreas: []string{"Łukasz Żero"}},
		{Name: "Finance", Folder: "finance", Department: "+Finance", Members: 7, Ranked: 15, Zones: zones(1, 0, 2, 1, 0, 11), Report: true},
		{Name: "Leadership", Folder: "leadership", Members: 3, Ranked: 30, LeftOut: 12, Zones: zones(0, 2, 6, 0, 2, 20),
			TopAreas: []string{"Gwen Hart", "Finn Olsen"}},
		{Name: "Sales Nordics", Folder: "sales-nordics", Department: "Sales", Members: 51, Ranked: 250, Zones: zones(3, 0, 60, 5, 1, 181)},
		{Name: "Sales Public Sector", Folder: "sales-public-sector", Department: "Sales", Members: 59, Ranked: 241, Zones: zones(0, 4, 61, 0, 0, 176),
			TopAreas: []string{"Dev Patel", "Carla Méndez", "Eun-ji Seo"}, Report: true},
	}
}

// NewTeam counts a map's people per zone and names its first areas for improvement in rank
// order, at most TopAreasShown.
func TestNewTeam(t *testing.T) {
	r := reporttest.RankedResult()
	r.Coverage.LeftOut = 7
	extra := []analysis.Person{}
	for i, n := range []string{"A", "B", "C"} {
		extra = append(extra, analysis.Person{Rank: 3 + i, ID: n, Name: "Person " + n, Zone: "area for improvement"})
	}
	r.People = append(r.People, extra...)
	got := NewTeam("Data", "data", "Engineering", 4, r, false)
	if got.Ranked != 5 || got.LeftOut != 7 || got.Members != 4 || got.Zones["area for improvement"] != 4 || got.Zones["background"] != 1 {
		t.Errorf("NewTeam: %+v", got)
	}
	if want := []string{"Zoë Brandt-Ilić", "Person A", "Person B"}; !slices.Equal(got.TopAreas, want) {
		t.Errorf("top areas %q, want %q", got.TopAreas, want)
	}
	if got.Map() != "teams/data/ranked.csv" {
		t.Errorf("a team without a report links to %s", got.Map())
	}
	if got.Report = true; got.Map() != "teams/data/report.html" {
		t.Errorf("a team with a report links to %s", got.Map())
	}
}

// teams.csv: a golden file, and read back: one row per team with the columns of TeamColumns,
// formula-like text neutralised, counts as plain numbers.
func TestWriteTeamsCSV(t *testing.T) {
	teams := orgTeams()
	var buf bytes.Buffer
	if err := WriteTeamsCSV(&buf, teams); err != nil {
		t.Fatal(err)
	}
	reporttest.Golden(t, *update, "teams.csv", buf.Bytes())
	rows, err := csv.NewReader(bytes.NewReader(buf.Bytes())).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != len(teams)+1 || !slices.Equal(rows[0], TeamColumns) {
		t.Fatalf("%d rows, header %q", len(rows), rows[0])
	}
	col := map[string]int{}
	for i, c := range rows[0] {
		col[c] = i
	}
	for i, tm := range teams {
		row := rows[i+1]
		for c, want := range map[string]string{
			"team": Text(tm.Name), "department": Text(tm.Department), "members": fmt.Sprint(tm.Members), "ranked": fmt.Sprint(tm.Ranked),
			"left_out": fmt.Sprint(tm.LeftOut), "area_for_improvement": fmt.Sprint(tm.Zones["area for improvement"]),
			"background": fmt.Sprint(tm.Zones["background"]), "map": tm.Map(), "folder": tm.Folder,
		} {
			if row[col[c]] != want {
				t.Errorf("%s: %s = %q, want %q", tm.Name, c, row[col[c]], want)
			}
		}
		for j := range TopAreasShown {
			want := ""
			if j < len(tm.TopAreas) {
				want = Text(tm.TopAreas[j])
			}
			if got := row[col[fmt.Sprintf("area_for_improvement_%d", j+1)]]; got != want {
				t.Errorf("%s: area %d = %q, want %q", tm.Name, j+1, got, want)
			}
		}
	}
	for _, cell := range []string{"'=Data", "'+Finance", "'-Bo Chan", "'@Ana Ruiz"} {
		if !slices.ContainsFunc(rows[1:], func(r []string) bool { return slices.Contains(r, cell) }) {
			t.Errorf("no neutralised cell %q", cell)
		}
	}
}

// writeOrg writes index.html of teams into a folder with each team's map beside it, as a run
// lays them out, and returns the page's path.
func writeOrg(t *testing.T, teams []Team) string {
	t.Helper()
	dir := t.TempDir()
	for _, tm := range teams {
		p := filepath.Join(dir, filepath.FromSlash(tm.Map()))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		r := reporttest.RankedResult()
		r.Ego.Name = "team " + tm.Name
		if tm.Report {
			if err := WriteHTML(&buf, NewReport(r, nil, Meta{}), nil); err != nil {
				t.Fatal(err)
			}
		} else if err := WriteCSV(&buf, r); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var buf bytes.Buffer
	if err := WriteIndexHTML(&buf, teams, IndexMeta{AsOf: time.Date(2026, 3, 14, 0, 0, 0, 0, time.UTC), AsOfFrom: "newest evidence", Meta: Meta{Version: "test", Inputs: []string{"people.csv"}}}); err != nil {
		t.Fatal(err)
	}
	var again bytes.Buffer
	if err := WriteIndexHTML(&again, teams, IndexMeta{AsOf: time.Date(2026, 3, 14, 0, 0, 0, 0, time.UTC), AsOfFrom: "newest evidence", Meta: Meta{Version: "test", Inputs: []string{"people.csv"}}}); err != nil || !bytes.Equal(buf.Bytes(), again.Bytes()) {
		t.Errorf("index.html differs between two writes of the same teams (%v)", err)
	}
	page := filepath.Join(dir, "index.html")
	if err := os.WriteFile(page, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return page
}

// index.html without a browser: every value escaped, every team's row and link, and a policy
// that allows its one script by hash.
func TestWriteIndexHTML(t *testing.T) {
	teams := orgTeams()
	teams[3].TopAreas = append(teams[3].TopAreas, `<script>alert(1)</script>`)
	page, err := os.ReadFile(writeOrg(t, teams))
	if err != nil {
		t.Fatal(err)
	}
	s := string(page)
	if strings.Contains(s, "<script>alert") || strings.Count(s, "<script>") != 1 {
		t.Error("a name was not escaped")
	}
	if got := strings.Count(s, "<tr data-search="); got != len(teams) {
		t.Errorf("%d team rows, want %d", got, len(teams))
	}
	var links []string
	for _, m := range regexp.MustCompile(`href="([^"]*)"`).FindAllStringSubmatch(s, -1) {
		l, err := url.PathUnescape(html.UnescapeString(m[1]))
		if err != nil {
			t.Errorf("link %q: %v", m[1], err)
		}
		links = append(links, l)
	}
	for _, tm := range teams {
		if !slices.Contains(links, tm.Map()) {
			t.Errorf("no link to %s in %q", tm.Map(), links)
		}
	}
	if !strings.Contains(s, `content="`+indexCSP+`"`) || !strings.Contains(indexCSP, "default-src 'none'") {
		t.Error("no Content-Security-Policy")
	}
	if err := WriteIndexHTML(new(bytes.Buffer), nil, IndexMeta{}); err == nil {
		t.Error("an index of no teams was written")
	}
}

// TestWriteIndexHTMLChromium opens index.html, with the teams' maps beside it, in headless
// Chromium: it loads without a console error and fetches nothing, renders at desktop and
// phone size without the page scrolling sideways, every team's link leads to a file that
// exists (and opens it), the columns sort, and the search box filters by team and by
// department.
func TestWriteIndexHTMLChromium(t *testing.T) {
	needChromium(t)
	teams := orgTeams()
	page := writeOrg(t, teams)
	dir := filepath.Dir(page)
	u := "file://" + page

	t.Run("load", func(t *testing.T) {
		netlog := filepath.Join(dir, "load.netlog.json")
		dom, stderr := chromium(t, nil, "--window-size=1280,900", "--log-net-log="+netlog, "--dump-dom", u)
		for _, line := range consoleErrors(stderr) {
			t.Errorf("console: %s", line)
		}
		s := string(dom)
		if !strings.Contains(s, `<table class="sortable sorter-ready" id="teams"`) {
			t.Error("the sorter did not take the teams' table")
		}
		if strings.Contains(s, `id="search" role="search" hidden`) {
			t.Error("the search box stayed hidden")
		}
		pageURLs, browserURLs := pageRequests(t, netlog)
		for _, p := range pageURLs {
			t.Errorf("the page requested %s", p)
		}
		t.Logf("Chromium's own requests, refused: %d", len(browserURLs))
	})

	screenshots(t, dir, u)

	t.Run("interact", func(t *testing.T) {
		c := startCDP(t)
		defer c.close()
		for size, scrolling := range c.fits(u) {
			t.Logf("%s: the table scrolls in its box: %v", size, scrolling > 0)
		}

		// Every link, as the browser resolves it, is a file beside the page.
		var links []string
		c.eval(`JSON.stringify([...document.querySelectorAll("#teams tbody a")].map(a => a.href))`, &links)
		if len(links) != len(teams) {
			t.Errorf("%d links for %d teams", len(links), len(teams))
		}
		for i, l := range links {
			lu, err := url.Parse(l)
			if err != nil || lu.Scheme != "file" {
				t.Errorf("link %q: %v", l, err)
				continue
			}
			if want := filepath.Join(dir, filepath.FromSlash(teams[i].Map())); lu.Path != want {
				t.Errorf("link %q leads to %s, want %s", l, lu.Path, want)
			}
			if _, err := os.Stat(lu.Path); err != nil {
				t.Errorf("link %q: %v", l, err)
			}
		}

		// The search box keeps the teams whose name or department holds what is typed.
		type shown struct {
			Teams []string
			Count string
		}
		search := func(q string) shown {
			var got shown
			c.eval(fmt.Sprintf(`(() => {
				const input = document.getElementById("filter");
				input.value = %q;
				input.dispatchEvent(new Event("input", {bubbles: true}));
				return JSON.stringify({Teams: [...document.querySelectorAll("#teams tbody tr")].filter(tr => !tr.hidden && tr.offsetParent !== null).map(tr => tr.cells[0].textContent),
					Count: document.getElementById("shown").textContent});
			})()`, q), &got)
			return got
		}
		for _, tc := range []struct {
			q    string
			want []string
		}{
			{"sales", []string{"Sales Nordics", "Sales Public Sector"}},
			{"ENGINEERING", []string{"=Data", "Équipe Données"}},
			{"données", []string{"Équipe Données"}},
			{"finance", []string{"Finance"}},
			{"no such team", nil},
			{"", []string{"=Data", "Équipe Données", "Finance", "Leadership", "Sales Nordics", "Sales Public Sector"}},
		} {
			got := search(tc.q)
			if !slices.Equal(got.Teams, tc.want) {
				t.Errorf("search %q shows %q, want %q", tc.q, got.Teams, tc.want)
			}
			if want := fmt.Sprintf("%d of %d teams", len(tc.want), len(teams)); tc.q != "" && got.Count != want {
				t.Errorf("search %q says %q, want %q", tc.q, got.Count, want)
			}
		}

		// Sorting by a count, high to low on the first click.
		var members []int
		c.eval(`(() => {
			const heads = [...document.querySelectorAll("#teams thead th")];
			heads.find(h => h.textContent.startsWith("members")).querySelector("button").click();
			return JSON.stringify([...document.querySelectorAll("#teams tbody tr")].map(tr => Number(tr.cells[2].dataset.value)));
		})()`, &members)
		if !slices.IsSortedFunc(members, func(a, b int) int { return b - a }) || len(members) != len(teams) {
			t.Errorf("members after a click: %v", members)
		}

		// A link opens the team's map: wait for the new page's load event, as open does, since
		// evaluating while the browser navigates fails ("Inspected target navigated or closed").
		seen := len(c.events)
		c.eval(`document.querySelector('#teams a[href$="report.html"]').click(), "ok"`, new(string))
		c.waitLoad(seen)
		var title string
		c.eval(`document.title`, &title)
		if !strings.HasPrefix(title, "Relationship map of team") {
			t.Errorf("a team's link opened %q", title)
		}
		if n := c.exceptions(); len(n) > 0 {
			t.Errorf("exceptions or console errors: %v", n)
		}
	})
}
