package reports

import (
	"bufio"
	"encoding/xml"
	"fmt"
	"io"
	"strconv"

	"github.com/relmap/relmap/analysis"
)

// The namespaces of the two network formats (SPEC §4): GEXF 1.2 as Gephi and networkx read it,
// and GraphML.
const (
	GEXFNamespace    = "http://www.gexf.net/1.2draft"
	GraphMLNamespace = "http://graphml.graphdrawing.org/xmlns"
)

// attrKind is a node attribute's type; GEXF and GraphML spell the types differently.
type attrKind int

const (
	kindString attrKind = iota
	kindInt
	kindDouble
	kindBool
)

func (k attrKind) gexf() string {
	return [...]string{kindString: "string", kindInt: "integer", kindDouble: "double", kindBool: "boolean"}[k]
}

func (k attrKind) graphML() string {
	return [...]string{kindString: "string", kindInt: "int", kindDouble: "double", kindBool: "boolean"}[k]
}

// nodeAttr is one node attribute of network.gexf and network.graphml.
type nodeAttr struct {
	name string
	kind attrKind
	// value is the attribute's text for a node and its ranked person (nil when the node is not
	// ranked); "" means unknown, and the attribute is left out for that node.
	value func(n *analysis.NetworkNode, p *analysis.Person) string
}

// nodeAttrs are the node attributes in the order they are declared and written: what every
// node of the network has, then ranked.csv's metrics and scores with its names and cell text
// (SPEC §4), known only for ranked people. Text is written as it is, not neutralised as in the
// CSV: these files are read by programs, not spreadsheets.
var nodeAttrs = []nodeAttr{
	{"name", kindString, func(n *analysis.NetworkNode, _ *analysis.Person) string { return n.Name }},
	{"company", kindString, func(n *analysis.NetworkNode, _ *analysis.Person) string { return n.Company }},
	{"title", kindString, func(n *analysis.NetworkNode, _ *analysis.Person) string { return n.Title }},
	{"category", kindString, func(n *analysis.NetworkNode, _ *analysis.Person) string { return n.Category }},
	// The ego is 0 hops from itself; anyone else at 0 is unreachable, so unknown.
	{"hops", kindInt, func(n *analysis.NetworkNode, _ *analysis.Person) string {
		if n.Ego {
			return "0"
		}
		return hops(n.Hops)
	}},
	{"ego", kindBool, func(n *analysis.NetworkNode, _ *analysis.Person) string { return strconv.FormatBool(n.Ego) }},
	{"team", kindBool, func(n *analysis.NetworkNode, _ *analysis.Person) string { return strconv.FormatBool(n.Team) }},
	{"ignored", kindBool, func(n *analysis.NetworkNode, _ *analysis.Person) string { return strconv.FormatBool(n.Ignored) }},
	{"team_name", kindString, func(n *analysis.NetworkNode, _ *analysis.Person) string { return n.TeamName }},
	{"department", kindString, func(n *analysis.NetworkNode, _ *analysis.Person) string { return n.Department }},
	{"ranked", kindBool, func(_ *analysis.NetworkNode, p *analysis.Person) string { return strconv.FormatBool(p != nil) }},
	ranked("rank", kindInt, func(p *analysis.Person) string { return strconv.Itoa(p.Rank) }),
	ranked("tie", kindDouble, func(p *analysis.Person) string { return Number(p.Tie) }),
	ranked("influence", kindDouble, func(p *analysis.Person) string { return Number(p.Influence) }),
	ranked("reach", kindDouble, func(p *analysis.Person) string { return Number(p.Reach) }),
	ranked("importance", kindDouble, func(p *analysis.Person) string { return Number(p.Importance) }),
	ranked("status", kindDouble, func(p *analysis.Person) string { return Number(p.Status) }),
	ranked("status_label", kindString, func(p *analysis.Person) string { return p.StatusLabel }),
	ranked("status_basis", kindString, func(p *analysis.Person) string { return Basis(p) }),
	ranked("zone", kindString, func(p *analysis.Person) string { return p.Zone }),
	ranked("tier", kindString, func(p *analysis.Person) string { return p.Tier }),
	ranked("pagerank", kindDouble, func(p *analysis.Person) string { return Number(p.PageRank) }),
	ranked("betweenness", kindDouble, func(p *analysis.Person) string { return Number(p.Betweenness) }),
	ranked("harmonic", kindDouble, func(p *analysis.Person) string { return Number(p.Harmonic) }),
	ranked("reach2", kindDouble, func(p *analysis.Person) string { return Number(p.Reach2) }),
	ranked("constraint", kindDouble, func(p *analysis.Person) string { return Number(p.Constraint) }),
	ranked("effective_size", kindDouble, func(p *analysis.Person) string { return Number(p.EffectiveSize) }),
	ranked("community", kindString, func(p *analysis.Person) string { return p.Community }),
	ranked("degree", kindInt, func(p *analysis.Person) string { return strconv.Itoa(p.Degree) }),
	ranked("strength", kindDouble, func(p *analysis.Person) string { return Number(p.Strength) }),
	ranked("seniority", kindDouble, func(p *analysis.Person) string { return Number(p.Seniority) }),
	ranked("last_contact", kindString, func(p *analysis.Person) string { return date(p.LastContact) }),
	ranked("dormant", kindBool, func(p *analysis.Person) string { return strconv.FormatBool(p.Dormant) }),
	ranked("intro_path", kindString, func(p *analysis.Person) string {
		if len(p.IntroPaths) == 0 {
			return ""
		}
		return PathText(p.IntroPaths[0])
	}),
}

// ranked is an attribute known only for ranked people.
func ranked(name string, kind attrKind, value func(p *analysis.Person) string) nodeAttr {
	return nodeAttr{name, kind, func(_ *analysis.NetworkNode, p *analysis.Person) string {
		if p == nil {
			return ""
		}
		return value(p)
	}}
}

// WriteGEXF writes network.gexf: r.Network as an undirected GEXF 1.2 graph, each node with the
// person's id and name, the attributes of nodeAttrs, and each tie once, weighted by its
// strength (SPEC §3.1). Nodes and edges keep r.Network's order and the file is streamed, so
// the same Result gives the same bytes and a large graph is never held twice in memory.
func WriteGEXF(w io.Writer, r *analysis.Result) error {
	x := newXMLWriter(w)
	x.header()
	x.start("gexf", "xmlns", GEXFNamespace, "version", "1.2")
	if asOf := date(r.AsOf); asOf != "" {
		x.start("meta", "lastmodifieddate", asOf)
	} else {
		x.start("meta")
	}
	x.leaf("creator", "relmap")
	if r.Ego.Name != "" {
		desc := "relationship network of " + r.Ego.Name
		if asOf := date(r.AsOf); asOf != "" {
			desc += " as of " + asOf
		}
		x.leaf("description", desc)
	}
	x.end("meta")
	x.start("graph", "mode", "static", "defaultedgetype", "undirected")

	x.start("attributes", "class", "node", "mode", "static")
	for _, a := range nodeAttrs {
		x.start("attribute", "id", a.name, "title", a.name, "type", a.kind.gexf())
		x.end("attribute")
	}
	x.end("attributes")

	people := rankedByID(r)
	nw := &r.Network
	x.start("nodes", "count", strconv.Itoa(len(nw.Nodes)))
	for i := range nw.Nodes {
		n := &nw.Nodes[i]
		x.start("node", "id", n.ID, "label", label(n))
		x.start("attvalues")
		p := people[n.ID]
		for _, a := range nodeAttrs {
			if v := a.value(n, p); v != "" {
				x.start("attvalue", "for", a.name, "value", v)
				x.end("attvalue")
			}
		}
		x.end("attvalues")
		x.end("node")
		if x.err != nil {
			return x.err
		}
	}
	x.end("nodes")

	x.start("edges", "count", strconv.Itoa(len(nw.Edges)))
	for i, e := range nw.Edges {
		u, v, err := endpoints(nw, i)
		if err != nil {
			return err
		}
		if wt := Number(e.W); wt != "" {
			x.start("edge", "id", strconv.Itoa(i), "source", u, "target", v, "weight", wt)
		} else {
			x.start("edge", "id", strconv.Itoa(i), "source", u, "target", v)
		}
		x.end("edge")
		if x.err != nil {
			return x.err
		}
	}
	x.end("edges")
	x.end("graph")
	x.end("gexf")
	return x.close()
}

// WriteGraphML writes network.graphml: the same graph and node attributes as WriteGEXF, with
// a node's name also under "label" (the key Gephi shows) and each tie's strength under the
// edge key "weight".
func WriteGraphML(w io.Writer, r *analysis.Result) error {
	x := newXMLWriter(w)
	x.header()
	x.start("graphml", "xmlns", GraphMLNamespace)
	x.start("key", "id", "label", "for", "node", "attr.name", "label", "attr.type", "string")
	x.end("key")
	for _, a := range nodeAttrs {
		x.start("key", "id", a.name, "for", "node", "attr.name", a.name, "attr.type", a.kind.graphML())
		x.end("key")
	}
	x.start("key", "id", "weight", "for", "edge", "attr.name", "weight", "attr.type", "double")
	x.end("key")
	x.start("graph", "id", "G", "edgedefault", "undirected")

	people := rankedByID(r)
	nw := &r.Network
	for i := range nw.Nodes {
		n := &nw.Nodes[i]
		x.start("node", "id", n.ID)
		x.data("label", label(n))
		p := people[n.ID]
		for _, a := range nodeAttrs {
			x.data(a.name, a.value(n, p))
		}
		x.end("node")
		if x.err != nil {
			return x.err
		}
	}
	for i, e := range nw.Edges {
		u, v, err := endpoints(nw, i)
		if err != nil {
			return err
		}
		x.start("edge", "source", u, "target", v)
		x.data("weight", Number(e.W))
		x.end("edge")
		if x.err != nil {
			return x.err
		}
	}
	x.end("graph")
	x.end("graphml")
	return x.close()
}

// label is what network tools show for a node: the name, or the id of someone unnamed.
func label(n *analysis.NetworkNode) string {
	if n.Name == "" {
		return n.ID
	}
	return n.Name
}

// rankedByID finds a node's ranked person.
func rankedByID(r *analysis.Result) map[string]*analysis.Person {
	m := make(map[string]*analysis.Person, len(r.People))
	for i := range r.People {
		m[r.People[i].ID] = &r.People[i]
	}
	return m
}

// endpoints are the ids of edge i's nodes, or an error when it points outside the network.
func endpoints(nw *analysis.Network, i int) (u, v string, err error) {
	e := nw.Edges[i]
	if e.U < 0 || int(e.U) >= len(nw.Nodes) || e.V < 0 || int(e.V) >= len(nw.Nodes) {
		return "", "", fmt.Errorf("network edge %d (%d–%d) outside its %d nodes", i, e.U, e.V, len(nw.Nodes))
	}
	return nw.Nodes[e.U].ID, nw.Nodes[e.V].ID, nil
}

// xmlWriter streams XML token by token through an xml.Encoder, which escapes every name and
// value, and keeps the first error so that the writers read as the documents they write.
type xmlWriter struct {
	bw    *bufio.Writer
	enc   *xml.Encoder
	attrs []xml.Attr // reused for every start tag
	buf   []byte     // reused for every text
	err   error
}

func newXMLWriter(w io.Writer) *xmlWriter {
	// xml.NewEncoder adopts a bufio.Writer of at least its own 4 KiB instead of wrapping it,
	// so this larger buffer is the only one.
	bw := bufio.NewWriterSize(w, 64<<10)
	enc := xml.NewEncoder(bw)
	enc.Indent("", "  ")
	return &xmlWriter{bw: bw, enc: enc}
}

func (x *xmlWriter) token(t xml.Token) {
	if x.err == nil {
		x.err = x.enc.EncodeToken(t)
	}
}

// header writes the XML declaration.
func (x *xmlWriter) header() {
	x.token(xml.ProcInst{Target: "xml", Inst: []byte(`version="1.0" encoding="UTF-8"`)})
	x.text("\n") // the encoder indents every start tag but the first
}

// start opens an element with attributes given as name, value pairs.
func (x *xmlWriter) start(name string, attrs ...string) {
	x.attrs = x.attrs[:0]
	for i := 0; i+1 < len(attrs); i += 2 {
		x.attrs = append(x.attrs, xml.Attr{Name: xml.Name{Local: attrs[i]}, Value: attrs[i+1]})
	}
	x.token(xml.StartElement{Name: xml.Name{Local: name}, Attr: x.attrs})
}

func (x *xmlWriter) end(name string) { x.token(xml.EndElement{Name: xml.Name{Local: name}}) }

// leaf writes <name>text</name>.
func (x *xmlWriter) leaf(name, text string) {
	x.start(name)
	x.text(text)
	x.end(name)
}

// text writes character data, escaped by the encoder, through a reused buffer.
func (x *xmlWriter) text(s string) {
	x.buf = append(x.buf[:0], s...)
	x.token(xml.CharData(x.buf))
}

// data writes a GraphML <data key="key">value</data>, or nothing when value is unknown ("").
func (x *xmlWriter) data(key, value string) {
	if value == "" {
		return
	}
	x.start("data", "key", key)
	x.text(value)
	x.end("data")
}

// close checks that every element was closed and flushes.
func (x *xmlWriter) close() error {
	if x.err != nil {
		return x.err
	}
	if err := x.enc.Close(); err != nil {
		return err
	}
	if err := x.bw.WriteByte('\n'); err != nil {
		return err
	}
	return x.bw.Flush()
}
