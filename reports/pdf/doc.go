// Package pdf writes relmap's PDF documents: the stakeholder map on a page of its own
// (WriteMapPDF) and report.pdf (WritePDF), the report package reports lays out (reports.Report)
// with the map of reports/chart drawn as vector graphics. fpdf writes them, with Liberation
// Sans or the user's font (chart.Fonts) embedded so that every name renders.
//
// The files follow the concerns: pdf.go the entry points and the document, canvas.go the
// vg.Canvas that lets gonum/plot draw through fpdf, flow.go the report's pages and tables,
// fonts.go the text runs shared between the user's font and Liberation Sans. The same
// arguments always give the same bytes.
package pdf
