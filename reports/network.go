package reports

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"unicode/utf8"

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
	// appendTo appends the attribute's text for a node and its ranked person (nil when the
	// node is not ranked) to dst; nothing means unknown, and the attribute is left out for
	// that node. Appending, the writers make no string per value.
	appendTo func(dst []byte, n *analysis.NetworkNode, p *analysis.Person) []byte
}

// value is the attribute's text for a node and its ranked person; "" means unknown.
func (a nodeAttr) value(n *analysis.NetworkNode, p *analysis.Person) string {
	return string(a.appendTo(nil, n, p))
}

// nodeAttrs are the node attributes in the order they are declared and written: what every
// node of the network has, then ranked.csv's metrics and scores with its names and cell text
// (SPEC §4), known only for ranked people. Text is written as it is, not neutralised as in the
// CSV: these files are read by programs, not spreadsheets.
var nodeAttrs = []nodeAttr{
	node("name", kindString, func(dst []byte, n *analysis.NetworkNode) []byte { return append(dst, n.Name...) }),
	node("company", kindString, func(dst []byte, n *analysis.NetworkNode) []byte { return append(dst, n.Company...) }),
	node("title", kindString, func(dst []byte, n *analysis.NetworkNode) []byte { return append(dst, n.Title...) }),
	node("category", kindString, func(dst []byte, n *analysis.NetworkNode) []byte { return append(dst, n.Category...) }),
	// The ego is 0 hops from itself; anyone else at 0 is unreachable, so unknown.
	node("hops", kindInt, func(dst []byte, n *analysis.NetworkNode) []byte {
		if n.Ego {
			return append(dst, '0')
		}
		return appendHops(dst, n.Hops)
	}),
	node("ego", kindBool, func(dst []byte, n *analysis.NetworkNode) []byte { return strconv.AppendBool(dst, n.Ego) }),
	node("team", kindBool, func(dst []byte, n *analysis.NetworkNode) []byte { return strconv.AppendBool(dst, n.Team) }),
	node("ignored", kindBool, func(dst []byte, n *analysis.NetworkNode) []byte { return strconv.AppendBool(dst, n.Ignored) }),
	node("team_name", kindString, func(dst []byte, n *analysis.NetworkNode) []byte { return append(dst, n.TeamName...) }),
	node("department", kindString, func(dst []byte, n *analysis.NetworkNode) []byte { return append(dst, n.Department...) }),
	node("key", kindString, func(dst []byte, n *analysis.NetworkNode) []byte { return append(dst, n.Key...) }),
	{"ranked", kindBool, func(dst []byte, _ *analysis.NetworkNode, p *analysis.Person) []byte {
		return strconv.AppendBool(dst, p != nil)
	}},
	ranked("rank", kindInt, func(dst []byte, p *analysis.Person) []byte { return strconv.AppendInt(dst, int64(p.Rank), 10) }),
	ranked("tie", kindDouble, func(dst []byte, p *analysis.Person) []byte { return appendNumber(dst, p.Tie) }),
	ranked("influence", kindDouble, func(dst []byte, p *analysis.Person) []byte { return appendNumber(dst, p.Influence) }),
	ranked("reach", kindDouble, func(dst []byte, p *analysis.Person) []byte { return appendNumber(dst, p.Reach) }),
	ranked("importance", kindDouble, func(dst []byte, p *analysis.Person) []byte { return appendNumber(dst, p.Importance) }),
	ranked("status", kindDouble, func(dst []byte, p *analysis.Person) []byte { return appendNumber(dst, p.Status) }),
	ranked("status_label", kindString, func(dst []byte, p *analysis.Person) []byte { return append(dst, p.StatusLabel...) }),
	ranked("status_basis", kindString, appendBasis),
	ranked("zone", kindString, func(dst []byte, p *analysis.Person) []byte { return append(dst, p.Zone...) }),
	ranked("tier", kindString, func(dst []byte, p *analysis.Person) []byte { return append(dst, p.Tier...) }),
	ranked("pagerank", kindDouble, func(dst []byte, p *analysis.Person) []byte { return appendNumber(dst, p.PageRank) }),
	ranked("betweenness", kindDouble, func(dst []byte, p *analysis.Person) []byte { return appendNumber(dst, p.Betweenness) }),
	ranked("harmonic", kindDouble, func(dst []byte, p *analysis.Person) []byte { return appendNumber(dst, p.Harmonic) }),
	ranked("reach2", kindDouble, func(dst []byte, p *analysis.Person) []byte { return appendNumber(dst, p.Reach2) }),
	ranked("constraint", kindDouble, func(dst []byte, p *analysis.Person) []byte { return appendNumber(dst, p.Constraint) }),
	ranked("effective_size", kindDouble, func(dst []byte, p *analysis.Person) []byte { return appendNumber(dst, p.EffectiveSize) }),
	ranked("community", kindString, func(dst []byte, p *analysis.Person) []byte { return append(dst, p.Community...) }),
	ranked("degree", kindInt, func(dst []byte, p *analysis.Person) []byte { return strconv.AppendInt(dst, int64(p.Degree), 10) }),
	ranked("strength", kindDouble, func(dst []byte, p *analysis.Person) []byte { return appendNumber(dst, p.Strength) }),
	ranked("seniority", kindDouble, func(dst []byte, p *analysis.Person) []byte { return appendNumber(dst, p.Seniority) }),
	ranked("last_contact", kindString, func(dst []byte, p *analysis.Person) []byte { return appendDate(dst, p.LastContact) }),
	ranked("dormant", kindBool, func(dst []byte, p *analysis.Person) []byte { return strconv.AppendBool(dst, p.Dormant) }),
	ranked("intro_path", kindString, func(dst []byte, p *analysis.Person) []byte {
		if len(p.IntroPaths) == 0 {
			return dst
		}
		return appendPathText(dst, p.IntroPaths[0])
	}),
}

// node is an attribute every node has.
func node(name string, kind attrKind, appendTo func(dst []byte, n *analysis.NetworkNode) []byte) nodeAttr {
	return nodeAttr{name, kind, func(dst []byte, n *analysis.NetworkNode, _ *analysis.Person) []byte {
		return appendTo(dst, n)
	}}
}

// ranked is an attribute known only for ranked people.
func ranked(name string, kind attrKind, appendTo func(dst []byte, p *analysis.Person) []byte) nodeAttr {
	return nodeAttr{name, kind, func(dst []byte, _ *analysis.NetworkNode, p *analysis.Person) []byte {
		if p == nil {
			return dst
		}
		return appendTo(dst, p)
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
			if v := a.appendTo(x.val[:0], n, p); len(v) > 0 {
				x.val = v
				x.attvalue(a.name, v)
			}
		}
		x.end("attvalues")
		x.end("node")
		if err := x.error(); err != nil {
			return err
		}
	}
	x.end("nodes")

	x.start("edges", "count", strconv.Itoa(len(nw.Edges)))
	for i, e := range nw.Edges {
		u, v, err := endpoints(nw, i)
		if err != nil {
			return err
		}
		x.gexfEdge(i, u, v, e.W)
		if err := x.error(); err != nil {
			return err
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
			x.val = a.appendTo(x.val[:0], n, p)
			x.dataBytes(a.name, x.val)
		}
		x.end("node")
		if err := x.error(); err != nil {
			return err
		}
	}
	for i, e := range nw.Edges {
		u, v, err := endpoints(nw, i)
		if err != nil {
			return err
		}
		x.graphMLEdge(u, v, e.W)
		if err := x.error(); err != nil {
			return err
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

// xmlWriter writes indented XML straight into a buffer, escaping every value, and, as its
// buffer keeps the first error, lets the writers read as the documents they write. Its bytes are those of
// an encoding/xml Encoder indented by two spaces, with which these files were first
// written: an element opens on a line of its own at its depth, one without child elements
// closes on the line it opened, text is escaped as by encoding/xml (see escape). It writes a
// 300 000-tie network several times faster than the Encoder's tokens.
type xmlWriter struct {
	bw     *bufio.Writer
	depth  int
	opened bool   // the element last opened has no child element yet
	val    []byte // reused for every value
}

func newXMLWriter(w io.Writer) *xmlWriter {
	return &xmlWriter{bw: bufio.NewWriterSize(w, 64<<10)}
}

// header writes the XML declaration.
func (x *xmlWriter) header() {
	x.bw.WriteString(`<?xml version="1.0" encoding="UTF-8"?>`)
}

// indent starts a line at the current depth.
func (x *xmlWriter) indent() {
	x.bw.WriteByte('\n')
	for range x.depth {
		x.bw.WriteString("  ")
	}
}

// open writes "<name" on a line of its own, one level deeper than its parent.
func (x *xmlWriter) open(name string) {
	x.indent()
	x.depth++
	x.opened = true
	x.bw.WriteByte('<')
	x.bw.WriteString(name)
}

// attr writes ` name="value"`.
func (x *xmlWriter) attr(name string, value []byte) {
	x.bw.WriteByte(' ')
	x.bw.WriteString(name)
	x.bw.WriteString(`="`)
	x.escape(value, true)
	x.bw.WriteByte('"')
}

// attrString is attr of a string.
func (x *xmlWriter) attrString(name, value string) {
	x.val = append(x.val[:0], value...)
	x.attr(name, x.val)
}

// start opens an element with attributes given as name, value pairs.
func (x *xmlWriter) start(name string, attrs ...string) {
	x.open(name)
	for i := 0; i+1 < len(attrs); i += 2 {
		x.attrString(attrs[i], attrs[i+1])
	}
	x.bw.WriteByte('>')
}

// end closes the element name, on a line of its own when it has child elements.
func (x *xmlWriter) end(name string) {
	x.depth--
	if !x.opened {
		x.indent()
	}
	x.opened = false
	x.bw.WriteString("</")
	x.bw.WriteString(name)
	x.bw.WriteByte('>')
}

// leaf writes <name>text</name>.
func (x *xmlWriter) leaf(name, text string) {
	x.start(name)
	x.val = append(x.val[:0], text...)
	x.escape(x.val, false)
	x.end(name)
}

// attvalue writes a GEXF <attvalue for="name" value="value"></attvalue>.
func (x *xmlWriter) attvalue(name string, value []byte) {
	x.open("attvalue")
	x.bw.WriteString(` for="`)
	x.bw.WriteString(name) // nodeAttrs' names need no escaping
	x.bw.WriteByte('"')
	x.attr("value", value)
	x.bw.WriteString("></attvalue>")
	x.depth--
	x.opened = false
}

// gexfEdge writes edge i between the nodes u and v, with its weight w unless that is unknown.
func (x *xmlWriter) gexfEdge(i int, u, v string, w float64) {
	x.open("edge")
	x.val = strconv.AppendInt(x.val[:0], int64(i), 10)
	x.attr("id", x.val)
	x.attrString("source", u)
	x.attrString("target", v)
	if x.val = appendNumber(x.val[:0], w); len(x.val) > 0 {
		x.attr("weight", x.val)
	}
	x.bw.WriteString("></edge>")
	x.depth--
	x.opened = false
}

// graphMLEdge writes an edge between the nodes u and v, with its weight w unless that is
// unknown.
func (x *xmlWriter) graphMLEdge(u, v string, w float64) {
	x.open("edge")
	x.attrString("source", u)
	x.attrString("target", v)
	x.bw.WriteByte('>')
	x.val = appendNumber(x.val[:0], w)
	x.dataBytes("weight", x.val)
	x.end("edge")
}

// data writes a GraphML <data key="key">value</data>, or nothing when value is unknown ("").
func (x *xmlWriter) data(key, value string) {
	x.val = append(x.val[:0], value...)
	x.dataBytes(key, x.val)
}

// dataBytes is data of bytes, which it may overwrite.
func (x *xmlWriter) dataBytes(key string, value []byte) {
	if len(value) == 0 {
		return
	}
	x.open("data")
	x.bw.WriteString(` key="`)
	x.bw.WriteString(key) // nodeAttrs' names need no escaping
	x.bw.WriteString(`">`)
	x.escape(value, false)
	x.bw.WriteString("</data>")
	x.depth--
	x.opened = false
}

// xmlEscapes are the escapes of the ASCII characters encoding/xml escapes; a control
// character other than tab, newline and carriage return cannot be in XML and becomes
// U+FFFD. The newline is escaped only in attribute values.
var xmlEscapes = func() (t [128]string) {
	for c := range 0x20 {
		t[c] = "\uFFFD"
	}
	t['"'], t['\''], t['&'], t['<'], t['>'] = "&#34;", "&#39;", "&amp;", "&lt;", "&gt;"
	t['\t'], t['\n'], t['\r'] = "&#x9;", "&#xA;", "&#xD;"
	return t
}()

// escape writes s escaped as encoding/xml escapes text (escapeText) and, when newline,
// attribute values (EscapeString): the markup characters, tab and carriage return (and the
// newline in attributes) as character references, and every byte that is not UTF-8 or
// rune that XML cannot hold as U+FFFD.
func (x *xmlWriter) escape(s []byte, newline bool) {
	last := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			esc := xmlEscapes[c]
			if esc == "" || c == '\n' && !newline {
				continue
			}
			x.bw.Write(s[last : i-1])
			x.bw.WriteString(esc)
			last = i
			continue
		}
		r, width := utf8.DecodeRune(s[i:])
		i += width
		if isXMLChar(r) && !(r == utf8.RuneError && width == 1) {
			continue
		}
		x.bw.Write(s[last : i-width])
		x.bw.WriteString("\uFFFD")
		last = i
	}
	x.bw.Write(s[last:])
}

// isXMLChar reports whether XML can hold r, as encoding/xml's isInCharacterRange.
func isXMLChar(r rune) bool {
	return r == 0x09 || r == 0x0A || r == 0x0D ||
		r >= 0x20 && r <= 0xD7FF || r >= 0xE000 && r <= 0xFFFD || r >= 0x10000 && r <= 0x10FFFF
}

// error is the first error writing, which every later write returns too.
func (x *xmlWriter) error() error {
	_, err := x.bw.Write(nil)
	return err
}

// close checks that every element was closed and flushes.
func (x *xmlWriter) close() error {
	if x.depth != 0 {
		return fmt.Errorf("xml: %d elements left open", x.depth)
	}
	if err := x.bw.WriteByte('\n'); err != nil {
		return err
	}
	return x.bw.Flush()
}
