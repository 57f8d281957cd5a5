package reports

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/relmap/relmap/analysis"
	"github.com/relmap/relmap/reports/internal/reporttest"
)

// The fixture's awkward names: markup and quotes to escape, a tab and a newline that must
// survive XML attribute normalisation, and Greek and Cyrillic script.
const (
	scriptName = `Bo <script>&"Chan"</script>`
	tabCompany = "ACME\tR&D\nLabs"
	greekName  = "Ελένη Παπαδοπούλου"
	russName   = "Пётр Сидоров"
)

// networkResult is a small hand-built map for the network writers: the ego, three ranked
// people (one with every metric, one with unknown metrics and a name full of markup, one in
// Cyrillic), an unranked team member in Greek and an ignored, unreachable node.
func networkResult() *analysis.Result {
	nan := math.NaN()
	return &analysis.Result{
		Ego:  analysis.Ego{ID: "e0", Name: "Jordan Pike", Company: "Pike & Co"},
		AsOf: time.Date(2026, 2, 11, 0, 0, 0, 0, time.UTC),
		People: []analysis.Person{
			{Rank: 1, ID: "a1", Name: "Zoë Brandt-Ilić", Company: "Fabrikam GmbH", Title: "Engineer, Platform \"Core\" Team",
				Category: "stakeholder", Hops: 1, Tie: 2.5, Influence: 0.75, Reach: 0.5, Importance: 2.0 / 3,
				Status: 0.4, StatusLabel: "supporter", StatusBasis: []string{"recommendation", "endorsements"}, Zone: "champion",
				Tier: "trusted partner", PageRank: 0.1234567, Betweenness: 0.5, Harmonic: 0.8, Reach2: 1, Constraint: 0.3456789,
				EffectiveSize: 2.25, Community: "c0", Degree: 3, Strength: 1.1833333333, Seniority: 0.6,
				LastContact: time.Date(2025, 12, 24, 0, 0, 0, 0, time.UTC),
				IntroPaths:  []analysis.IntroPath{{Via: []analysis.Hop{{ID: "c3", Name: greekName}}, Strength: 0.3}}},
			{Rank: 2, ID: "b2", Name: scriptName, Company: tabCompany, Title: "R&D <lead>", Category: "client", Hops: 2,
				Tie: 0, Influence: 0.25, Reach: 0.2, Importance: 0.2, Status: -0.3, StatusLabel: "detractor", Zone: "watch",
				PageRank: nan, Betweenness: nan, Harmonic: nan, Reach2: nan, Constraint: nan, EffectiveSize: nan,
				Degree: 2, Strength: 0.3833333333, Seniority: 0.1, Dormant: true,
				IntroPaths: []analysis.IntroPath{{Via: []analysis.Hop{{ID: "a1", Name: "Zoë Brandt-Ilić"}}, Strength: 0.41}}},
			{Rank: 3, ID: "d4", Name: russName, Company: "Роснефть", Category: "other team", Hops: 2,
				Influence: 0.1, Reach: 0.05, Importance: 0.05, StatusLabel: "neutral", StatusBasis: nil, Zone: "background",
				PageRank: 0.05, Betweenness: 0, Harmonic: 0.45, Reach2: 0.75, Constraint: 1, EffectiveSize: 1,
				Community: "c1", Degree: 2, Strength: 0.15, Seniority: 0.3,
				IntroPaths: []analysis.IntroPath{{Via: []analysis.Hop{{ID: "a1", Name: "Zoë Brandt-Ilić"}, {ID: "b2", Name: scriptName}}, Strength: 0.012}}},
		},
		Network: analysis.Network{
			Nodes: []analysis.NetworkNode{
				{ID: "e0", Name: "Jordan Pike", Company: "Pike & Co", Ego: true},
				{ID: "a1", Name: "Zoë Brandt-Ilić", Company: "Fabrikam GmbH", Title: "Engineer, Platform \"Core\" Team", Category: "stakeholder", Hops: 1},
				{ID: "b2", Name: scriptName, Company: tabCompany, Title: "R&D <lead>", Category: "client", Hops: 2},
				{ID: "c3", Name: greekName, Company: "Pike & Co", Title: "Analyst", Category: "other team", Hops: 1, Team: true},
				{ID: "d4", Name: russName, Company: "Роснефть", Category: "other team", Hops: 2},
				{ID: "f5", Name: "Ignored Bot", Title: "Recruiter", Ignored: true},
			},
			Edges: []analysis.Edge{
				{U: 0, V: 1, W: 2.5}, {U: 0, V: 3, W: 1.25}, {U: 1, V: 2, W: 1.0 / 3},
				{U: 1, V: 3, W: 0.75}, {U: 1, V: 4, W: 0.1}, {U: 2, V: 4, W: 0.05},
			},
		},
	}
}

func TestWriteNetworkGEXFGolden(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteGEXF(&buf, networkResult()); err != nil {
		t.Fatal(err)
	}
	reporttest.Golden(t, *update, "network.gexf", buf.Bytes())
	for _, want := range []string{
		`<gexf xmlns="http://www.gexf.net/1.2draft" version="1.2">`,
		`<meta lastmodifieddate="2026-02-11">`,
		`<graph mode="static" defaultedgetype="undirected">`,
	} {
		if !bytes.Contains(buf.Bytes(), []byte(want)) {
			t.Errorf("no %s", want)
		}
	}
}

func TestWriteNetworkGraphMLGolden(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteGraphML(&buf, networkResult()); err != nil {
		t.Fatal(err)
	}
	reporttest.Golden(t, *update, "network.graphml", buf.Bytes())
	for _, want := range []string{
		`<graphml xmlns="http://graphml.graphdrawing.org/xmlns">`,
		`<key id="weight" for="edge" attr.name="weight" attr.type="double">`,
		`<graph id="G" edgedefault="undirected">`,
	} {
		if !bytes.Contains(buf.Bytes(), []byte(want)) {
			t.Errorf("no %s", want)
		}
	}
}

// The same Result gives the same bytes, whatever map order the run happened to see.
func TestNetworkDeterministic(t *testing.T) {
	for name, write := range map[string]func(io.Writer, *analysis.Result) error{"gexf": WriteGEXF, "graphml": WriteGraphML} {
		var a, b bytes.Buffer
		if err := write(&a, networkResult()); err != nil {
			t.Fatal(err)
		}
		if err := write(&b, networkResult()); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(a.Bytes(), b.Bytes()) {
			t.Errorf("%s: two writes differ", name)
		}
	}
}

// gexfDoc is what TestNetworkWellFormed reads back from network.gexf.
type gexfDoc struct {
	XMLName xml.Name `xml:"http://www.gexf.net/1.2draft gexf"`
	Version string   `xml:"version,attr"`
	Meta    struct {
		LastModified string `xml:"lastmodifieddate,attr"`
		Creator      string `xml:"creator"`
	} `xml:"meta"`
	Graph struct {
		Mode       string `xml:"mode,attr"`
		EdgeType   string `xml:"defaultedgetype,attr"`
		Attributes []struct {
			Class      string `xml:"class,attr"`
			Attributes []struct {
				ID    string `xml:"id,attr"`
				Title string `xml:"title,attr"`
				Type  string `xml:"type,attr"`
			} `xml:"attribute"`
		} `xml:"attributes"`
		Nodes []struct {
			ID     string `xml:"id,attr"`
			Label  string `xml:"label,attr"`
			Values []struct {
				For   string `xml:"for,attr"`
				Value string `xml:"value,attr"`
			} `xml:"attvalues>attvalue"`
		} `xml:"nodes>node"`
		Edges []struct {
			ID     string  `xml:"id,attr"`
			Source string  `xml:"source,attr"`
			Target string  `xml:"target,attr"`
			Weight float64 `xml:"weight,attr"`
		} `xml:"edges>edge"`
	} `xml:"graph"`
}

// graphMLDoc is what TestNetworkWellFormed reads back from network.graphml.
type graphMLDoc struct {
	XMLName xml.Name `xml:"http://graphml.graphdrawing.org/xmlns graphml"`
	Keys    []struct {
		ID   string `xml:"id,attr"`
		For  string `xml:"for,attr"`
		Name string `xml:"attr.name,attr"`
		Type string `xml:"attr.type,attr"`
	} `xml:"key"`
	Graph struct {
		EdgeDefault string `xml:"edgedefault,attr"`
		Nodes       []struct {
			ID   string        `xml:"id,attr"`
			Data []graphMLData `xml:"data"`
		} `xml:"node"`
		Edges []struct {
			Source string        `xml:"source,attr"`
			Target string        `xml:"target,attr"`
			Data   []graphMLData `xml:"data"`
		} `xml:"edge"`
	} `xml:"graph"`
}

type graphMLData struct {
	Key   string `xml:"key,attr"`
	Value string `xml:",chardata"`
}

// Both files parse as XML in their namespaces, with every node and edge, the declared types,
// and values — markup, tabs, newlines, Greek and Cyrillic — exactly as in the Result.
func TestNetworkWellFormed(t *testing.T) {
	r := networkResult()
	types := map[string]string{"name": "string", "hops": "integer", "ego": "boolean", "influence": "double",
		"rank": "integer", "degree": "integer", "dormant": "boolean", "last_contact": "string"}
	// want are some attributes by node; "" means the attribute must be absent.
	want := map[string]map[string]string{
		"e0": {"name": "Jordan Pike", "company": "Pike & Co", "ego": "true", "hops": "0", "ranked": "false", "rank": "", "category": ""},
		"a1": {"rank": "1", "importance": "0.666667", "pagerank": "0.123457", "status_basis": "recommendation, endorsements",
			"last_contact": "2025-12-24", "intro_path": "via " + greekName + " (0.30)", "tier": "trusted partner", "ego": "false"},
		"b2": {"name": scriptName, "company": tabCompany, "title": "R&D <lead>", "pagerank": "", "constraint": "", "tier": "",
			"status_basis": "none", "dormant": "true", "tie": "0", "community": ""},
		"c3": {"name": greekName, "team": "true", "ranked": "false", "hops": "1", "influence": ""},
		"d4": {"name": russName, "rank": "3", "intro_path": "via Zoë Brandt-Ilić → " + scriptName + " (0.01)", "status": "0"},
		"f5": {"ignored": "true", "hops": "", "category": "", "ranked": "false"},
	}
	check := func(format, id string, got map[string]string) {
		t.Helper()
		for k, v := range want[id] {
			if g, ok := got[k]; g != v || ok != (v != "") {
				t.Errorf("%s %s %s = %q (present %v), want %q", format, id, k, g, ok, v)
			}
		}
	}

	var buf bytes.Buffer
	if err := WriteGEXF(&buf, r); err != nil {
		t.Fatal(err)
	}
	var gx gexfDoc
	if err := xml.Unmarshal(buf.Bytes(), &gx); err != nil {
		t.Fatalf("network.gexf: %v", err)
	}
	if gx.Version != "1.2" || gx.Meta.Creator != "relmap" || gx.Meta.LastModified != "2026-02-11" ||
		gx.Graph.Mode != "static" || gx.Graph.EdgeType != "undirected" {
		t.Errorf("gexf header: %+v %+v %q %q", gx.Version, gx.Meta, gx.Graph.Mode, gx.Graph.EdgeType)
	}
	if len(gx.Graph.Attributes) != 1 || gx.Graph.Attributes[0].Class != "node" {
		t.Fatalf("gexf attributes: %+v", gx.Graph.Attributes)
	}
	declared := map[string]string{}
	for _, a := range gx.Graph.Attributes[0].Attributes {
		if a.ID != a.Title {
			t.Errorf("gexf attribute id %q titled %q", a.ID, a.Title)
		}
		declared[a.ID] = a.Type
	}
	for k, ty := range types {
		if declared[k] != ty {
			t.Errorf("gexf attribute %s has type %q, want %q", k, declared[k], ty)
		}
	}
	if len(gx.Graph.Nodes) != len(r.Network.Nodes) || len(gx.Graph.Edges) != len(r.Network.Edges) {
		t.Fatalf("gexf: %d nodes, %d edges, want %d, %d", len(gx.Graph.Nodes), len(gx.Graph.Edges), len(r.Network.Nodes), len(r.Network.Edges))
	}
	for i, n := range gx.Graph.Nodes {
		if n.ID != r.Network.Nodes[i].ID || n.Label != r.Network.Nodes[i].Name {
			t.Errorf("gexf node %d: id %q label %q", i, n.ID, n.Label)
		}
		got := map[string]string{}
		for _, v := range n.Values {
			if _, ok := declared[v.For]; !ok {
				t.Errorf("gexf node %s: a value for undeclared %q", n.ID, v.For)
			}
			got[v.For] = v.Value
		}
		check("gexf", n.ID, got)
	}
	for i, e := range gx.Graph.Edges {
		we := r.Network.Edges[i]
		if e.ID != strconv.Itoa(i) || e.Source != r.Network.Nodes[we.U].ID || e.Target != r.Network.Nodes[we.V].ID || math.Abs(e.Weight-we.W) > 1e-6 {
			t.Errorf("gexf edge %d: %+v, want %+v", i, e, we)
		}
	}

	buf.Reset()
	if err := WriteGraphML(&buf, r); err != nil {
		t.Fatal(err)
	}
	var gm graphMLDoc
	if err := xml.Unmarshal(buf.Bytes(), &gm); err != nil {
		t.Fatalf("network.graphml: %v", err)
	}
	if gm.Graph.EdgeDefault != "undirected" {
		t.Errorf("graphml edgedefault %q", gm.Graph.EdgeDefault)
	}
	keys := map[string]string{}
	for _, k := range gm.Keys {
		if _, dup := keys[k.ID]; dup || k.ID != k.Name {
			t.Errorf("graphml key %+v", k)
		}
		keys[k.ID] = k.For + " " + k.Type
	}
	gtypes := map[string]string{"string": "string", "integer": "int", "boolean": "boolean", "double": "double"}
	for k, ty := range types {
		if keys[k] != "node "+gtypes[ty] {
			t.Errorf("graphml key %s is %q, want node %s", k, keys[k], gtypes[ty])
		}
	}
	if keys["weight"] != "edge double" || keys["label"] != "node string" {
		t.Errorf("graphml weight key %q, label key %q", keys["weight"], keys["label"])
	}
	if len(gm.Graph.Nodes) != len(r.Network.Nodes) || len(gm.Graph.Edges) != len(r.Network.Edges) {
		t.Fatalf("graphml: %d nodes, %d edges, want %d, %d", len(gm.Graph.Nodes), len(gm.Graph.Edges), len(r.Network.Nodes), len(r.Network.Edges))
	}
	for i, n := range gm.Graph.Nodes {
		got := map[string]string{}
		for _, d := range n.Data {
			if _, ok := keys[d.Key]; !ok {
				t.Errorf("graphml node %s: data for undeclared key %q", n.ID, d.Key)
			}
			got[d.Key] = d.Value
		}
		if n.ID != r.Network.Nodes[i].ID || got["label"] != r.Network.Nodes[i].Name {
			t.Errorf("graphml node %d: id %q label %q", i, n.ID, got["label"])
		}
		check("graphml", n.ID, got)
	}
	for i, e := range gm.Graph.Edges {
		we := r.Network.Edges[i]
		w, err := strconv.ParseFloat(e.Data[0].Value, 64)
		if e.Source != r.Network.Nodes[we.U].ID || e.Target != r.Network.Nodes[we.V].ID || len(e.Data) != 1 ||
			e.Data[0].Key != "weight" || err != nil || math.Abs(w-we.W) > 1e-6 {
			t.Errorf("graphml edge %d: %+v, want %+v", i, e, we)
		}
	}
}

// A character XML cannot hold (a control character from a mangled export) is replaced by
// U+FFFD instead of making the file unreadable.
func TestNetworkControlCharacters(t *testing.T) {
	r := networkResult()
	r.Network.Nodes[4].Name = "Bell\x07\x00Ring"
	for name, write := range map[string]func(io.Writer, *analysis.Result) error{"gexf": WriteGEXF, "graphml": WriteGraphML} {
		var buf bytes.Buffer
		if err := write(&buf, r); err != nil {
			t.Fatal(err)
		}
		var doc struct{}
		if err := xml.Unmarshal(buf.Bytes(), &doc); err != nil {
			t.Errorf("%s: %v", name, err)
		}
		if !bytes.Contains(buf.Bytes(), []byte("Bell\uFFFD\uFFFDRing")) {
			t.Errorf("%s: the control characters are not replaced", name)
		}
	}
}

// An edge pointing outside the nodes is an error, not a panic or a dangling reference.
func TestNetworkBadEdge(t *testing.T) {
	r := networkResult()
	r.Network.Edges = append(r.Network.Edges, analysis.Edge{U: 1, V: 6, W: 1})
	if err := WriteGEXF(io.Discard, r); err == nil {
		t.Error("WriteGEXF: no error")
	}
	if err := WriteGraphML(io.Discard, r); err == nil {
		t.Error("WriteGraphML: no error")
	}
}

// A failing writer's error comes back.
func TestNetworkWriteError(t *testing.T) {
	boom := errors.New("disk full")
	for name, write := range map[string]func(io.Writer, *analysis.Result) error{"gexf": WriteGEXF, "graphml": WriteGraphML} {
		if err := write(failWriter{boom}, networkResult()); !errors.Is(err, boom) {
			t.Errorf("%s: %v, want %v", name, err, boom)
		}
	}
}

type failWriter struct{ err error }

func (f failWriter) Write([]byte) (int, error) { return 0, f.err }

// nxGraph is what testdata/network_read.py reports of one file.
type nxGraph struct {
	Nodes, Edges int
	Directed     bool
	Multigraph   bool
	Weight       float64
	Attrs        map[string]map[string][2]any // node id → attribute → [value, python type]
}

// networkx — Debian's python3-networkx under /usr/bin/python3 — reads both files back with
// the Result's counts, weights, attribute values and attribute types: the fixture (escaping,
// unknowns, unranked nodes) and a scored synthetic export of a few hundred people.
func TestNetworkNetworkx(t *testing.T) {
	const python = "/usr/bin/python3"
	if _, err := os.Stat(python); err != nil {
		reporttest.RequireTools(t, "no %s to run networkx: %v", python, err)
	}
	if out, err := exec.Command(python, "-c", "import networkx").CombinedOutput(); err != nil {
		reporttest.RequireTools(t, "%s has no networkx (apt install python3-networkx): %v\n%s", python, err, out)
	}
	t.Run("fixture", func(t *testing.T) {
		r := networkResult()
		var ids []string
		for _, n := range r.Network.Nodes {
			ids = append(ids, n.ID)
		}
		checkNetworkx(t, python, r, ids)
	})
	t.Run("synth", func(t *testing.T) {
		r := reporttest.SynthResult(t, 300, 2500, 1)
		// The ego, the top- and the last-ranked person and, when there is one, someone in the
		// network who is not ranked.
		people := rankedByID(r)
		ids := []string{r.Ego.ID, r.People[0].ID, r.People[len(r.People)-1].ID}
		for _, n := range r.Network.Nodes {
			if !n.Ego && people[n.ID] == nil {
				ids = append(ids, n.ID)
				break
			}
		}
		checkNetworkx(t, python, r, ids)
	})
}

// checkNetworkx writes r's network.gexf and network.graphml, reads them back with networkx
// and compares the graphs and the nodes ids with r.
func checkNetworkx(t *testing.T, python string, r *analysis.Result, ids []string) {
	t.Helper()
	dir := t.TempDir()
	gexf, graphml := filepath.Join(dir, "network.gexf"), filepath.Join(dir, "network.graphml")
	for path, write := range map[string]func(io.Writer, *analysis.Result) error{gexf: WriteGEXF, graphml: WriteGraphML} {
		var buf bytes.Buffer
		if err := write(&buf, r); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	people := rankedByID(r)
	nodes := map[string]*analysis.NetworkNode{}
	for i := range r.Network.Nodes {
		nodes[r.Network.Nodes[i].ID] = &r.Network.Nodes[i]
	}
	weight := 0.0
	for _, e := range r.Network.Edges {
		weight += e.W
	}

	cmd := exec.Command(python, append([]string{filepath.Join("testdata", "network_read.py"), gexf, graphml}, ids...)...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("network_read.py: %v\n%s", err, stderr.Bytes())
	}
	var got struct {
		Networkx string
		GEXF     nxGraph `json:"gexf"`
		GraphML  nxGraph `json:"graphml"`
	}
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatalf("network_read.py: %v\n%s", err, out)
	}
	t.Logf("networkx %s read %d nodes, %d edges; checked %v", got.Networkx, got.GEXF.Nodes, got.GEXF.Edges, ids)

	pyType := map[attrKind]string{kindString: "str", kindInt: "int", kindDouble: "float", kindBool: "bool"}
	for format, g := range map[string]nxGraph{"gexf": got.GEXF, "graphml": got.GraphML} {
		if g.Nodes != len(r.Network.Nodes) || g.Edges != len(r.Network.Edges) || g.Directed || g.Multigraph {
			t.Errorf("%s: %d nodes, %d edges (directed %v, multigraph %v), want %d, %d, undirected, simple",
				format, g.Nodes, g.Edges, g.Directed, g.Multigraph, len(r.Network.Nodes), len(r.Network.Edges))
		}
		if math.Abs(g.Weight-weight) > 1e-6*float64(len(r.Network.Edges)+1) {
			t.Errorf("%s: edge weights sum to %v, want %v", format, g.Weight, weight)
		}
		for _, id := range ids {
			n, p, attrs := nodes[id], people[id], g.Attrs[id]
			if attrs == nil {
				t.Errorf("%s: no node %s", format, id)
				continue
			}
			if l := attrs["label"]; l[0] != label(n) || l[1] != "str" {
				t.Errorf("%s %s: label %v, want %q", format, id, l, label(n))
			}
			for _, a := range nodeAttrs {
				want := a.value(n, p)
				v, ok := attrs[a.name]
				if !ok {
					if want != "" {
						t.Errorf("%s %s: no %s, want %q", format, id, a.name, want)
					}
					continue
				}
				if want == "" {
					t.Errorf("%s %s: %s = %v, want it absent (unknown)", format, id, a.name, v)
					continue
				}
				if v[1] != pyType[a.kind] {
					t.Errorf("%s %s: %s came back as a %v, want %s", format, id, a.name, v[1], pyType[a.kind])
					continue
				}
				switch a.kind {
				case kindString:
					if v[0] != want {
						t.Errorf("%s %s: %s = %q, want %q", format, id, a.name, v[0], want)
					}
				case kindBool:
					if fmt.Sprint(v[0]) != want {
						t.Errorf("%s %s: %s = %v, want %s", format, id, a.name, v[0], want)
					}
				case kindInt, kindDouble:
					w, _ := strconv.ParseFloat(want, 64)
					if f, _ := v[0].(float64); f != w {
						t.Errorf("%s %s: %s = %v, want %s", format, id, a.name, v[0], want)
					}
				}
			}
			if p != nil {
				for name, x := range map[string]float64{"influence": p.Influence, "pagerank": p.PageRank} {
					if math.IsNaN(x) {
						continue // unknown, so absent: checked above
					}
					if f, _ := attrs[name][0].(float64); math.Abs(f-x) > 1e-6 {
						t.Errorf("%s %s: %s = %v, want %v within 1e-6", format, id, name, attrs[name][0], x)
					}
				}
			}
			for k := range attrs {
				if k != "label" && !strings.Contains(attrList, " "+k+" ") {
					t.Errorf("%s %s: unexpected attribute %q", format, id, k)
				}
			}
		}
	}
}

// attrList is nodeAttrs' names between spaces.
var attrList = func() string {
	var b strings.Builder
	b.WriteString(" ")
	for _, a := range nodeAttrs {
		b.WriteString(a.name + " ")
	}
	return b.String()
}()

// syntheticNetwork is a Result with n nodes and m edges (m ≤ n·(n−1)/2), every tenth node
// ranked, for the writers' benchmarks: the sizes of a heavy export (SPEC §7).
func syntheticNetwork(n, m int) *analysis.Result {
	r := &analysis.Result{Ego: analysis.Ego{ID: "n0", Name: "Ego"}, AsOf: time.Date(2026, 3, 14, 0, 0, 0, 0, time.UTC)}
	r.Network.Nodes = make([]analysis.NetworkNode, n)
	for i := range r.Network.Nodes {
		r.Network.Nodes[i] = analysis.NetworkNode{ID: fmt.Sprintf("n%d", i), Name: fmt.Sprintf("Person %d & Co", i),
			Company: fmt.Sprintf("Company %d", i%500), Title: "Engineer", Category: "stakeholder", Hops: 1 + i%3, Ego: i == 0}
		if i > 0 && i%10 == 0 {
			x := float64(i) / float64(n)
			r.People = append(r.People, analysis.Person{Rank: len(r.People) + 1, ID: r.Network.Nodes[i].ID,
				Name: r.Network.Nodes[i].Name, Category: "stakeholder", Hops: 1, Tie: x, Influence: x, Reach: 1 - x, Importance: x / 2,
				Status: 0.25, StatusLabel: "supporter", Zone: "champion", Tier: "friend", PageRank: x / 1000, Betweenness: x / 3,
				Harmonic: 0.5, Reach2: 0.25, Constraint: 0.125, EffectiveSize: 3.5, Community: "c1", Degree: 20, Strength: 7.25,
				Seniority: 0.5, LastContact: r.AsOf, IntroPaths: []analysis.IntroPath{{Via: []analysis.Hop{{ID: "n1", Name: "Person 1 & Co"}}, Strength: 0.5}}})
		}
	}
	// Each node's ties to the next few nodes, each pair once with U < V, until there are m.
	for d := 1; len(r.Network.Edges) < m; d++ {
		for u := 0; u+d < n && len(r.Network.Edges) < m; u++ {
			r.Network.Edges = append(r.Network.Edges, analysis.Edge{U: int32(u), V: int32(u + d), W: 1 / float64(d+u%7)})
		}
	}
	return r
}

// BenchmarkWriteGEXF writes a 30 000-node, 300 000-edge network.
func BenchmarkWriteGEXF(b *testing.B) {
	r := syntheticNetwork(30000, 300000)
	b.ReportAllocs()
	cpu := reporttest.CPUTime()
	for b.Loop() {
		if err := WriteGEXF(io.Discard, r); err != nil {
			b.Fatal(err)
		}
	}
	reporttest.ReportCPU(b, cpu)
}

// BenchmarkWriteGraphML writes the network of BenchmarkWriteGEXF as GraphML.
func BenchmarkWriteGraphML(b *testing.B) {
	r := syntheticNetwork(30000, 300000)
	b.ReportAllocs()
	cpu := reporttest.CPUTime()
	for b.Loop() {
		if err := WriteGraphML(io.Discard, r); err != nil {
			b.Fatal(err)
		}
	}
	reporttest.ReportCPU(b, cpu)
}
