package reports

import (
	"bytes"
	"crypto/sha256"
	_ "embed"
	"encoding/base64"
	"encoding/xml"
	"errors"
	"fmt"
	"html/template"
	"io"
	"math"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Figure is a chart of a report: the stakeholder map, the influence-reach plot. SVG is a
// whole SVG document as our plot writers make it (WriteMapSVG); WriteHTML inlines it. When SVG
// is empty, PNG (an image as WriteMapPNG makes it) is inlined instead, as a data: URL — for maps
// of thousands of people, whose SVG would make the page tens of megabytes.
type Figure struct {
	Title, Caption string
	SVG            []byte
	PNG            []byte
}

//go:embed report.html.tmpl
var reportHTMLText string

var reportHTML = template.Must(template.New("report.html").Parse(reportHTMLText))

// WriteHTML writes rep as report.html (SPEC §4): one self-contained page with the report's
// sections in SPEC order behind a table of contents, each figure inlined as SVG, and tables
// that sort by a click on a column's header. The page fetches nothing: its Content Security
// Policy forbids every request, and its only script, the sorter, is allowed by its hash.
// Every value is escaped; a figure whose SVG could run script or fetch anything (see
// cleanSVG) is refused with an error. The same rep and figures always give the same bytes.
func WriteHTML(w io.Writer, rep *Report, figures []Figure) error {
	if rep == nil {
		return errors.New("report.html: no report")
	}
	p := htmlPage{
		Rep:    rep,
		Script: template.JS(sorterJS),
		CSP:    template.HTML(`<meta http-equiv="Content-Security-Policy" content="` + csp + `">`),
	}
	p.TOC = append(p.TOC, tocEntry{"summary", "Summary"})
	ids := map[string]bool{"summary": true, "changes": true, "coverage": true, "contents": true}
	for i, f := range figures {
		id := uniqueID(slug(f.Title, fmt.Sprintf("figure-%d", i+1)), ids)
		if len(f.SVG) == 0 && len(f.PNG) > 0 {
			if !bytes.HasPrefix(f.PNG, []byte("\x89PNG\r\n\x1a\n")) {
				return fmt.Errorf("report.html: figure %q: not a PNG", f.Title)
			}
			p.Figures = append(p.Figures, htmlFigure{ID: id, Title: f.Title, Caption: f.Caption,
				PNG: template.URL("data:image/png;base64," + base64.StdEncoding.EncodeToString(f.PNG))})
			p.TOC = append(p.TOC, tocEntry{id, f.Title})
			continue
		}
		svg, err := cleanSVG(XMLSafe(f.SVG)) // U+FFFE in a label is no reason to refuse a figure
		if err != nil {
			return fmt.Errorf("report.html: figure %q: %w", f.Title, err)
		}
		// Name the drawing by its section's heading for screen readers.
		svg = `<svg role="img" aria-labelledby="` + id + `-h"` + svg[len("<svg"):]
		p.Figures = append(p.Figures, htmlFigure{ID: id, Title: f.Title, Caption: f.Caption, SVG: template.HTML(svg)})
		p.TOC = append(p.TOC, tocEntry{id, f.Title})
	}
	for _, t := range rep.Sections {
		id := uniqueID(slug(t.ID, "table"), ids)
		p.Tables = append(p.Tables, newHTMLTable(t, id, t.FullIn))
		p.TOC = append(p.TOC, tocEntry{id, t.Title})
	}
	if rep.Changes != nil {
		for _, t := range rep.Changes.Tables {
			p.Changes = append(p.Changes, newHTMLTable(t, uniqueID("changes-"+slug(t.ID, "table"), ids), t.FullIn))
		}
	}
	p.TOC = append(p.TOC, tocEntry{"changes", "Changes since the last run"}, tocEntry{"coverage", "Data coverage and method"})

	// Render whole before writing, so that a failed template leaves w untouched; with room
	// for the figures from the start, which may be megabytes of PNG.
	var buf bytes.Buffer
	size := 256 << 10
	for _, f := range p.Figures {
		size += len(f.SVG) + len(f.PNG)
	}
	buf.Grow(size)
	if err := reportHTML.Execute(&buf, p); err != nil {
		return fmt.Errorf("report.html: %w", err)
	}
	_, err := w.Write(XMLSafe(buf.Bytes())) // the page is XML-clean too: no U+FFFE from a name
	return err
}

// htmlPage is what report.html.tmpl renders.
type htmlPage struct {
	Rep     *Report
	CSP     template.HTML // the Content-Security-Policy meta element
	Script  template.JS   // the sorter
	TOC     []tocEntry
	Figures []htmlFigure
	Tables  []htmlTable // rep.Sections
	Changes []htmlTable // rep.Changes.Tables
}

type tocEntry struct{ ID, Title string }

type htmlFigure struct {
	ID, Title, Caption string
	SVG                template.HTML // checked by cleanSVG
	PNG                template.URL  // a data: URL, when the figure is an image
}

// htmlTable is a Table as the page shows it: its cells with the numbers to sort by.
type htmlTable struct {
	ID, Title, Note string
	Columns         []htmlColumn
	Rows            [][]htmlCell
	Shown, Total    int
	FullIn          string // the file that holds the full list, for a capped table
}

// htmlColumn is a column; Wide ones hold long text (why, intro paths), which would make
// tall, narrow rows on a phone if squeezed.
type htmlColumn struct {
	Name          string
	Numeric, Wide bool
}

// wideText is the length of text, in characters, from which a column is Wide.
const wideText = 40

// htmlCell is a cell; Value, the number a numeric cell sorts by, is empty when unknown.
type htmlCell struct {
	Text, Value string
	Numeric     bool
}

func newHTMLTable(t Table, id, fullIn string) htmlTable {
	h := htmlTable{ID: id, Title: t.Title, Note: t.Note, Shown: len(t.Rows), Total: max(t.Total, len(t.Rows)), FullIn: fullIn}
	for i, c := range t.Columns {
		wide := false
		for _, row := range t.Rows {
			wide = wide || !c.Numeric && i < len(row) && utf8.RuneCountInString(row[i].Text) >= wideText
		}
		h.Columns = append(h.Columns, htmlColumn{Name: c.Name, Numeric: c.Numeric, Wide: wide})
	}
	for _, row := range t.Rows {
		var cells []htmlCell
		for i, c := range row {
			hc := htmlCell{Text: c.Text}
			if i < len(t.Columns) && t.Columns[i].Numeric {
				hc.Numeric = true
				if !math.IsNaN(c.Value) && !math.IsInf(c.Value, 0) {
					hc.Value = strconv.FormatFloat(c.Value, 'g', -1, 64)
				}
			}
			cells = append(cells, hc)
		}
		h.Rows = append(h.Rows, cells)
	}
	return h
}

// slug makes s an HTML id: lower-case letters, digits and hyphens; def if nothing is left.
func slug(s, def string) string {
	var b strings.Builder
	hyphen := false
	for _, r := range strings.ToLower(s) {
		switch {
		case r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			if hyphen && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			hyphen = false
		default:
			hyphen = true
		}
	}
	if b.Len() == 0 {
		return def
	}
	// An id from a long title is cut, with a digest of the whole so that ids stay apart.
	if b.Len() > 64 {
		sum := sha256.Sum256([]byte(b.String()))
		return strings.TrimSuffix(b.String()[:60], "-") + fmt.Sprintf("-%x", sum[:4])
	}
	return b.String()
}

// uniqueID returns id, or id-2, id-3 … when taken, and marks it taken.
func uniqueID(id string, taken map[string]bool) string {
	u := id
	for n := 2; taken[u]; n++ {
		u = fmt.Sprintf("%s-%d", id, n)
	}
	taken[u] = true
	return u
}

// sorterJS sorts a table.sortable by a click on a column's header. It puts a button in each
// header (so that without script no dead controls show), sorts numeric columns (th.num) by
// their cells' data-value, unknown lowest, and text columns by a locale collator, keeping
// the current order among equal keys, and says the order in aria-sort. A numeric column
// sorts high to low first, a text column A to Z.
const sorterJS = `
(function () {
  "use strict";
  var collate = new Intl.Collator(undefined, {numeric: true, sensitivity: "base"}).compare;
  function key(cell, numeric) {
    if (!numeric) return cell ? cell.textContent.trim() : "";
    var v = cell ? cell.getAttribute("data-value") : null;
    return v === null || v === "" ? -Infinity : Number(v);
  }
  function sort(table, th, col, numeric) {
    var now = th.getAttribute("aria-sort");
    var asc = now === "descending" || (now !== "ascending" && !numeric);
    var body = table.tBodies[0];
    var rows = Array.prototype.map.call(body.rows, function (tr, i) {
      return {tr: tr, k: key(tr.cells[col], numeric), i: i};
    });
    rows.sort(function (a, b) {
      var c = numeric ? (a.k < b.k ? -1 : a.k > b.k ? 1 : 0) : collate(a.k, b.k);
      return (asc ? c : -c) || a.i - b.i;
    });
    rows.forEach(function (r) { body.appendChild(r.tr); });
    Array.prototype.forEach.call(th.parentNode.cells, function (h) {
      h.removeAttribute("aria-sort");
      h.querySelector(".arrow").textContent = "\u2195";
    });
    th.setAttribute("aria-sort", asc ? "ascending" : "descending");
    th.querySelector(".arrow").textContent = asc ? "\u25b2" : "\u25bc";
  }
  Array.prototype.forEach.call(document.querySelectorAll("table.sortable"), function (table) {
    if (!table.tHead || !table.tBodies.length) return;
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, col) {
      var numeric = th.classList.contains("num");
      var button = document.createElement("button");
      button.type = "button";
      while (th.firstChild) button.appendChild(th.firstChild);
      var arrow = document.createElement("span");
      arrow.className = "arrow";
      arrow.setAttribute("aria-hidden", "true");
      arrow.textContent = "\u2195";
      button.appendChild(arrow);
      th.appendChild(button);
      button.addEventListener("click", function () { sort(table, th, col, numeric); });
    });
    table.classList.add("sorter-ready");
  });
})();
`

// csp forbids every fetch: no default source, inline styles (the page's own and the SVG's
// style attributes), the sorter by its hash, and images only from data: URLs.
var csp = func() string {
	sum := sha256.Sum256([]byte(sorterJS))
	return "default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) +
		"'; img-src data:; base-uri 'none'; form-action 'none'"
}()

// svgElements are the SVG elements a figure may use: drawing, text, grouping, clipping and
// paint servers. Anything else is refused, above all script and foreignObject, and HTML
// names such as img or p, which would end the SVG in an HTML parser and start live HTML.
var svgElements = map[string]bool{
	"svg": true, "g": true, "defs": true, "symbol": true, "use": true, "title": true, "desc": true,
	"path": true, "rect": true, "circle": true, "ellipse": true, "line": true, "polyline": true, "polygon": true,
	"text": true, "tspan": true, "textpath": true, "clippath": true, "mask": true, "marker": true, "pattern": true,
	"lineargradient": true, "radialgradient": true, "stop": true, "image": true, "metadata": true,
}

// cleanSVG returns the root svg element of doc, without the XML declaration, comments and
// doctype before it, for inlining in HTML. It refuses SVG that could run script or fetch
// anything: a script element (or any element not in svgElements), an on… event attribute,
// a link or url() to anything but a fragment of the same document (or a data: image), and
// comments, CDATA, entities or processing instructions within, which an HTML parser could
// read differently from an XML one.
func cleanSVG(doc []byte) (string, error) {
	lower := bytes.ToLower(doc)
	if bytes.Contains(lower, []byte("<script")) {
		return "", errors.New("svg has a script element")
	}
	start, err := skipProlog(doc)
	if err != nil {
		return "", err
	}
	end := bytes.LastIndex(lower, []byte("</svg>"))
	if end < start {
		return "", errors.New("svg element not closed")
	}
	if rest := bytes.TrimSpace(doc[end+len("</svg>"):]); len(rest) > 0 {
		return "", errors.New("content after the svg element")
	}
	svg := doc[start : end+len("</svg>")]
	if c := svg[len("<svg")]; !isXMLSpace(c) && c != '>' {
		return "", errors.New("the root element is not svg")
	}
	if bytes.Contains(svg, []byte("<!")) || bytes.Contains(svg, []byte("<?")) {
		return "", errors.New("svg has a comment, CDATA, doctype or processing instruction inside")
	}
	dec := xml.NewDecoder(bytes.NewReader(svg))
	depth := 0
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return "", fmt.Errorf("svg: %w", err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			name := strings.ToLower(t.Name.Local)
			if !svgElements[name] || depth == 0 && name != "svg" {
				return "", fmt.Errorf("svg has a %s element", t.Name.Local)
			}
			if t.Name.Space != "" && t.Name.Space != "http://www.w3.org/2000/svg" {
				return "", fmt.Errorf("svg has a %s element in namespace %s", t.Name.Local, t.Name.Space)
			}
			for _, a := range t.Attr {
				if err := checkSVGAttr(a); err != nil {
					return "", err
				}
			}
			depth++
		case xml.EndElement:
			depth--
		}
	}
	return string(svg), nil
}

// skipProlog returns where the root element of doc starts, after the XML declaration,
// comments, doctype and white space, and refuses anything else before it.
func skipProlog(doc []byte) (int, error) {
	i := 0
	for {
		for i < len(doc) && isXMLSpace(doc[i]) {
			i++
		}
		rest := doc[i:]
		end := ""
		switch {
		case bytes.HasPrefix(rest, []byte("<?")):
			end = "?>"
		case bytes.HasPrefix(rest, []byte("<!--")):
			end = "-->"
		case bytes.HasPrefix(rest, []byte("<!")):
			end = ">"
		case bytes.HasPrefix(rest, []byte("<svg")):
			return i, nil
		default:
			return 0, errors.New("no svg element at the start")
		}
		n := bytes.Index(rest, []byte(end))
		if n < 0 {
			return 0, errors.New("unclosed prolog before the svg element")
		}
		i += n + len(end)
	}
}

func isXMLSpace(b byte) bool { return b == ' ' || b == '\t' || b == '\n' || b == '\r' }

// checkSVGAttr refuses an attribute that could run script or fetch.
func checkSVGAttr(a xml.Attr) error {
	name := strings.ToLower(a.Name.Local)
	val := strings.ToLower(strings.TrimSpace(a.Value))
	switch {
	case strings.HasPrefix(name, "on"):
		return fmt.Errorf("svg has an event attribute %s", a.Name.Local)
	case name == "href" || name == "src":
		if !strings.HasPrefix(val, "#") && !strings.HasPrefix(val, "data:image/png;") && !strings.HasPrefix(val, "data:image/jpeg;") {
			return fmt.Errorf("svg links to %q", a.Value)
		}
	case strings.Contains(val, "javascript:") || strings.Contains(val, "@import"):
		return fmt.Errorf("svg attribute %s has %q", a.Name.Local, a.Value)
	}
	for v := val; ; {
		i := strings.Index(v, "url(")
		if i < 0 {
			break
		}
		v = strings.TrimLeft(v[i+len("url("):], " \t\n\r'\"")
		if !strings.HasPrefix(v, "#") {
			return fmt.Errorf("svg attribute %s fetches %q", a.Name.Local, a.Value)
		}
	}
	return nil
}
