package pdf

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"time"

	"codeberg.org/go-pdf/fpdf"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/relmap/relmap/analysis"
	"github.com/relmap/relmap/reports"
	"github.com/relmap/relmap/reports/chart"
)

// PDFOptions says how a PDF is made.
type PDFOptions struct {
	// Fonts is the user's own font for the PDF's text (see chart.Fonts); zero means the
	// chart.MapOptions' Fonts, and when those are zero too, Liberation Sans.
	Fonts chart.Fonts

	// Created is the PDF's creation and modification date. Zero means the Result's as-of
	// day at midnight UTC (1970-01-01 when that is unknown too), never the wall clock:
	// the same inputs give the same bytes.
	Created time.Time
}

// created returns the PDF's date for r.
func (po PDFOptions) created(r *analysis.Result) time.Time {
	switch {
	case !po.Created.IsZero():
		return po.Created.UTC()
	case !r.AsOf.IsZero():
		y, m, d := r.AsOf.UTC().Date()
		return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	}
	return time.Unix(0, 0).UTC()
}

// WriteMapPDF writes the stakeholder map of r to w as a one-page vector PDF the size of
// opt (8 × 6 inches by default). It is the map of chart.StakeholderMap, drawn with fpdf and an
// embedded TrueType font (Liberation Sans, or po.Fonts) so that every name renders:
// gonum/plot's own PDF backend writes only Windows-1252 text. The same r, opt and po
// always give the same bytes.
func WriteMapPDF(w io.Writer, r *analysis.Result, opt chart.MapOptions, po PDFOptions) (err error) {
	if r == nil {
		return errors.New("stakeholder map: no result")
	}
	opt = opt.WithDefaults()
	if opt.Width <= 0 || opt.Height <= 0 {
		return fmt.Errorf("stakeholder map: size %v × %v is not positive", opt.Width, opt.Height)
	}
	d, err := newPDFDoc(fpdf.SizeType{Wd: opt.Width.Points(), Ht: opt.Height.Points()}, r, opt, po)
	if err != nil {
		return fmt.Errorf("stakeholder map: %w", err)
	}
	defer d.recover(&err, "stakeholder map")
	d.f.SetTitle("Stakeholder map of "+pdfText(reports.Shown(r.Ego.Name)), true)
	d.f.AddPage()
	if err := d.drawMap(r, opt, 0, 0, opt.Width.Points(), opt.Height.Points()); err != nil {
		return err
	}
	return d.output(w, "stakeholder map")
}

// pdfDoc is an fpdf document in points with the fonts relmap draws with.
type pdfDoc struct {
	f      *fpdf.Fpdf
	fonts  chart.Fonts     // the user's font, or zero for Liberation Sans only
	loaded map[string]bool // fpdf font keys added so far: family + style
	images int
	// fallback is, with a user's font, what it lacks that Liberation Sans has: regular
	// and bold.
	fallback [2]*chart.Fallback
}

// newPDFDoc starts a PDF of pages of size, dated and made reproducible: fpdf then writes
// no random ids and sorts its resource catalogues, so the same drawing gives the same
// bytes.
func newPDFDoc(size fpdf.SizeType, r *analysis.Result, opt chart.MapOptions, po PDFOptions) (*pdfDoc, error) {
	fonts := po.Fonts
	if !fonts.Given() {
		fonts = opt.Fonts
	}
	fb, err := fallbacks(fonts)
	if err != nil {
		return nil, err
	}
	f := fpdf.NewCustom(&fpdf.InitType{UnitStr: "pt", Size: size})
	f.SetCatalogSort(true)
	f.SetCompression(true)
	t := po.created(r)
	f.SetCreationDate(t)
	f.SetModificationDate(t)
	f.SetCreator("relmap", true)
	f.SetMargins(0, 0, 0)
	f.SetAutoPageBreak(false, 0)
	return &pdfDoc{f: f, fonts: fonts, loaded: map[string]bool{}, fallback: fb}, nil
}

// recover turns a panic inside fpdf (which may come from a font file it cannot read)
// into an error; a report writer must not bring the run down.
func (d *pdfDoc) recover(err *error, what string) {
	if p := recover(); p != nil {
		*err = fmt.Errorf("%s: PDF: %v", what, p)
	}
}

// output finishes the document and writes it to w.
func (d *pdfDoc) output(w io.Writer, what string) error {
	var buf bytes.Buffer
	if err := d.f.Output(&buf); err != nil {
		return fmt.Errorf("%s: PDF: %w", what, err)
	}
	if _, err := w.Write(buf.Bytes()); err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	return nil
}

// drawMap draws the stakeholder map of r at x, y (its top left corner, in points from the
// page's top left) in a box of w × h points on the current page.
func (d *pdfDoc) drawMap(r *analysis.Result, opt chart.MapOptions, x, y, w, h float64) error {
	opt.Fonts = d.fonts
	opt.Width, opt.Height = vg.Points(w), vg.Points(h)
	p, err := chart.StakeholderMap(r, opt)
	if err != nil {
		return err
	}
	c := newPDFCanvas(d, x, y, h)
	p.Draw(draw.NewCanvas(c, opt.Width, opt.Height))
	c.finish()
	return nil
}

// WritePDF writes report.pdf (SPEC §4): A4 portrait pages holding the title block (title,
// subtitle, inputs, summary and the people per zone), the stakeholder map of r drawn as
// vector graphics (the same drawing as WriteMapPDF, in the page's width), the changes since
// the last run when rep has them, each of rep's sections as a table, then data coverage,
// what the data cannot show and the method. Tables break across pages between rows, never
// within one, repeating their header row; long cells wrap within their column; numeric
// columns align right; a capped table says how many of how many it shows and where the
// full list is. Every page's footer has the report's title, the as-of date and "page X of
// Y"; each section is a bookmark in the document outline. Text is set in Liberation Sans
// (or the user's font, see chart.Fonts), embedded, so that every name renders. The same
// arguments always give the same bytes.
func WritePDF(w io.Writer, rep *reports.Report, r *analysis.Result, opt chart.MapOptions, po PDFOptions) (err error) {
	if rep == nil || r == nil {
		return errors.New("report: no report")
	}
	opt = opt.WithDefaults()
	d, err := newPDFDoc(fpdf.SizeType{Wd: a4Width, Ht: a4Height}, r, opt, po)
	if err != nil {
		return fmt.Errorf("report: %w", err)
	}
	defer d.recover(&err, "report")
	d.f.SetTitle(pdfText(rep.Title), true)
	p := &pdfFlow{d: d}
	p.newPage()

	p.titleBlock(rep, po.Created)
	if err := p.stakeholderMap(r, opt); err != nil {
		return fmt.Errorf("report: %w", err)
	}
	for _, t := range rep.Sections {
		p.table(t, 0, t.FullIn)
	}
	if rep.Changes != nil { // SPEC §4's order: after the organisations
		p.changes(rep.Changes)
	} else {
		p.heading("Changes since the last run", styH1, 0, 2*styBody.lead)
		p.paragraph("This is the first run into this output folder: changes show from the next run on.", styNote, 0, "")
	}
	p.lines("Data coverage", rep.Coverage)
	p.lines("What the data cannot show", rep.Limits)
	p.lines("Method", rep.Method)

	foot := rep.Title
	if !r.AsOf.IsZero() {
		foot += " · as of " + r.AsOf.Format("2006-01-02")
	}
	p.footers(foot)
	return d.output(w, "report")
}
