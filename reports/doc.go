// Package reports writes an analysis.Result for people and for other tools, and holds the
// report's model: the ranked table as CSV and JSON, the network as GEXF and GraphML, diff.json,
// report.html and the organisation's index.html and teams.csv, the team matrix (TeamTies,
// team-matrix.csv), and the Report that report.html and report.pdf both show (NewReport).
// Writers take an io.Writer and never open files themselves.
//
// The drawings are in reports/chart (the stakeholder map, the influence–reach plot, the team
// matrix's heat map) and the PDFs in reports/pdf. Both build on this package's model and on
// its text helpers (Shown, XMLSafe, Text, Number); it imports neither.
package reports
