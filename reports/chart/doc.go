// Package chart draws relmap's figures from an analysis.Result: the stakeholder map
// (StakeholderMap, WriteMapSVG, WriteMapPNG), the influence–reach plot (InfluenceReach,
// WriteInfluenceReachSVG, WriteInfluenceReachPNG) and the team matrix's heat map
// (WriteTeamMatrixSVG, WriteTeamMatrixPNG, of reports.TeamTies' matrix). It holds what they
// share: inks and label placement, the SVG and raster canvases that draw a plot's thousands of
// points fast, byte for byte as gonum/plot would, and the fonts (Fonts: the user's own, with
// Liberation Sans filling its gaps). reports/pdf draws the same plots into PDF with it.
//
// Text is cut and made XML-safe with package reports' helpers (reports.Shown,
// reports.XMLSafe), so that a name reads the same in every output. The same Result and
// options always give the same bytes.
package chart
